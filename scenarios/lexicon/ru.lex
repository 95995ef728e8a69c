# Frontline signal lexicon, Russian: finds signals in replies the trainee types in free-text nodes.
# Format: one entry per line, `SIGNAL: phrase`; lines starting with # are comments, blank lines
# are ignored. SIGNAL: apology empathy ownership transfer canned familiar rude jargon plan
# (upsell, gesture and resolve are set by scenario authors only). A phrase is lower-case words
# separated by single spaces. Reply and phrase are cut into words (letters, digits, apostrophes;
# ё = е, so this file writes е), each word is reduced to its Russian Snowball stem, and a phrase
# matches where its stems occur consecutively. `familiar: :emoji:` = any emoji. No negation:
# "наша ошибка" would match "не наша ошибка", so write "это наша ошибка". Lines < 100 chars.

# ---- apology: оператор извиняется --------------------------------------------------------------
# «простите» = «просто» (одна основа), поэтому «простите» только в сочетаниях.
apology: извините
apology: извиняюсь
apology: извинения
apology: приношу извинения
apology: прошу прощения
apology: простите пожалуйста
apology: простите нас
apology: простите меня
apology: простите за
apology: простите что
apology: простите вы
apology: простите это было
apology: простите скажу
apology: простите объясню
apology: простите давайте
apology: правы простите
apology: мне очень жаль
apology: мне жаль
apology: сожалею
apology: это наша ошибка
apology: это моя ошибка
apology: ошибка с нашей стороны
apology: сбой на нашей стороне
apology: это наша вина
apology: виноваты мы
apology: мы ошиблись
apology: я ошибся
apology: я ошиблась
apology: я виноват
apology: я виновата
apology: мы вас подвели
apology: подвели вас
apology: так не должно быть
apology: так не должно было быть
apology: не должно было случиться
apology: пардон

# ---- empathy: признаёт чувства и положение клиента ---------------------------------------------
# «понимаю» = «понимаете»: «вы что, не понимаете?» даст и empathy, но rude ловится отдельно.
empathy: понимаю
empathy: понимаю ваше беспокойство
empathy: ваше беспокойство
empathy: ваше возмущение
empathy: ваше волнение
empathy: ваши переживания
empathy: представляю как
empathy: представляю каково
empathy: представляю себе
empathy: могу представить
empathy: неприятно
empathy: обидно
empathy: досадно
empathy: тревожно
empathy: сочувствую
empathy: вы правы
empathy: вы совершенно правы
empathy: вас можно понять
empathy: на вашем месте
empathy: я бы тоже
empathy: любой бы
empathy: вы расстроены
empathy: это расстраивает
empathy: как это непросто
empathy: это серьезно
empathy: это важно для вас
empathy: вы имеете полное право
empathy: зря потратили время
empathy: потеряли время
empathy: столько ждать

# ---- ownership: берёт проблему на себя ---------------------------------------------------------
# «давайте я» без глагола не берём: «давайте я переключу вас» - это transfer.
# «разберусь» = «разберитесь» (одна основа), поэтому только «я разберусь», «сейчас разберусь».
ownership: я сейчас проверю
ownership: сейчас проверю
ownership: сейчас же проверю
ownership: прямо сейчас проверю
ownership: я проверю
ownership: все проверю
ownership: сейчас посмотрю
ownership: я посмотрю
ownership: все посмотрю
ownership: беру на себя
ownership: возьму на себя
ownership: я лично
ownership: лично проверю
ownership: лично прослежу
ownership: личный контроль
ownership: я сам разберусь
ownership: я сама разберусь
ownership: я разберусь
ownership: сейчас разберусь
ownership: во всем разберусь
ownership: я займусь
ownership: сейчас займусь
ownership: я выясню
ownership: сейчас выясню
ownership: сейчас узнаю
ownership: попробую узнать
ownership: я помогу
ownership: давайте я проверю
ownership: давайте я посмотрю
ownership: уже открываю
ownership: уже смотрю
ownership: уже проверяю
ownership: уже исправляю
ownership: уже оформляю
ownership: решу ваш вопрос
ownership: это наша задача
ownership: в приоритет
ownership: сделаем за вас
ownership: никуда звонить не нужно
ownership: не отпущу вас

# ---- transfer: отправляет клиента в другое место -----------------------------------------------
transfer: позвоните в службу доставки
transfer: позвоните в
transfer: позвоните по номеру
transfer: позвоните им
transfer: обратитесь в банк
transfer: обратитесь в
transfer: обращайтесь в
transfer: обратитесь к продавцу
transfer: обратитесь к производителю
transfer: в свой банк
transfer: на обороте карты
transfer: это не к нам
transfer: это не ко мне
transfer: не по адресу
transfer: не наш отдел
transfer: другой отдел
transfer: другому специалисту
transfer: на другого специалиста
transfer: старшему специалисту
transfer: ответственный отдел
transfer: соответствующий отдел
transfer: профильный отдел
transfer: зона ответственности
transfer: горячая линия
transfer: переключаю вас
transfer: переключу вас
transfer: переведу ваш звонок
transfer: соединю вас
transfer: соединяю вас
transfer: напишите им
transfer: напишите на почту
transfer: направьте претензию
transfer: оставьте жалобу
transfer: на сайте
transfer: в личном кабинете
transfer: их номер
transfer: занимается другой отдел
transfer: занимается отдел
transfer: занимается банк
transfer: решает служба

# ---- canned: шаблонная фраза, обращённая не к этому человеку -----------------------------------
# «ожидайте» = «ожидается», «ожидаем»: в плане лучше писать «привезут», «придет».
canned: ваш звонок очень важен для нас
canned: звонок очень важен
canned: звонок важен для нас
canned: оставайтесь на линии
canned: ожидайте
canned: по регламенту
canned: таков регламент
canned: таковы правила
canned: согласно пункту
canned: условиям оферты
canned: условиям договора
canned: приносим извинения
canned: приносим свои извинения
canned: доставленные неудобства
canned: благодарим за обращение
canned: спасибо за обращение
canned: за ваше обращение
canned: спасибо за ожидание
canned: ваше обращение зарегистрировано
canned: обращение передано
canned: будет рассмотрено
canned: с вами свяжутся
canned: в ближайшее время
canned: высокой загрузкой
canned: все операторы заняты
canned: мы понимаем ваше
canned: мы ценим
canned: мы дорожим
canned: уважаемый клиент
canned: не переживайте
canned: все будет хорошо
canned: сами понимаете
canned: мы постараемся
canned: делаем все возможное
canned: гарантировать не могу
canned: не могу гарантировать
canned: других вариантов нет
canned: ничем не могу помочь
canned: чем еще могу помочь
canned: хорошего дня

# ---- familiar: панибратство, сленг, эмодзи -----------------------------------------------------
familiar: :emoji:
familiar: солнышко
familiar: дорогуша
familiar: зайка
familiar: милочка
familiar: голубушка
familiar: дружище
familiar: бро
familiar: девушка
familiar: че
familiar: ок
familiar: лол
familiar: ага
familiar: щас
familiar: спс
familiar: пасиб
familiar: кароче
familiar: ваще
familiar: ты
familiar: тебе
familiar: твой
familiar: да ладно
familiar: ну бывает
familiar: не кипишуй
familiar: не парьтесь
familiar: не парься
familiar: порешаем
familiar: чики пуки
familiar: с днюхой
familiar: я ж
familiar: мы ж
familiar: пардон

# ---- rude: грубость, обвинение клиента, переход на личности ------------------------------------
rude: успокойтесь
rude: успокойся
rude: не нервничайте
rude: сами виноваты
rude: вы сами виноваты
rude: не мы виноваты
rude: не наша вина
rude: не по нашей вине
rude: мы тут ни при чем
rude: мы ни при чем
rude: я тут ни при чем
rude: вы что не понимаете
rude: вы не понимаете
rude: это ваши проблемы
rude: не наша проблема
rude: не моя проблема
rude: на вашей стороне
rude: не ваше дело
rude: дело ваше
rude: это ваше право
rude: я же сказал
rude: я же сказала
rude: я вам уже объяснял
rude: я вам уже объясняла
rude: русским языком
rude: в последний раз повторяю
rude: не кричите
rude: не надо кричать
rude: на меня кричать
rude: будете кричать
rude: не истерите
rude: читать надо
rude: надо было читать
rude: надо было внимательнее
rude: вы невнимательно
rude: базовые вещи
rude: чего вы хотите
rude: или никак
rude: я завершу разговор
rude: положу трубку

# ---- jargon: термины, которых клиент не знает --------------------------------------------------
jargon: тикет
jargon: эскалация
jargon: эскалировать
jargon: бэкенд
jargon: бекенд
jargon: sla
jargon: регламент обработки
jargon: вторую линию
jargon: холд
jargon: эквайер
jargon: эквайринг
jargon: эмитент
jargon: сторно
jargon: реверсал
jargon: клиринг
jargon: статус транзакции
jargon: платежный шлюз
jargon: таймаут
jargon: колбэк
jargon: callback
jargon: pending
jargon: по логам
jargon: вебхук
jargon: токен карты
jargon: рекуррентный
jargon: oms
jargon: crm
jargon: msisdn
jargon: mnp
jargon: pppoe
jargon: ont
jargon: olt
jargon: vlan
jargon: конфиг
jargon: веб интерфейс
jargon: 192 168
jargon: ssid
jargon: wan

# ---- plan: что будет дальше и когда ------------------------------------------------------------
plan: до завтра
plan: завтра
plan: сегодня вечером
plan: сегодня до
plan: до конца дня
plan: к вечеру
plan: в понедельник
plan: во вторник
plan: в среду
plan: в четверг
plan: в пятницу
plan: в субботу
plan: в течение часа
plan: в течение
plan: в ближайший час
plan: через час
plan: через полчаса
plan: рабочих дней
plan: рабочих дня
plan: не позднее
plan: самое позднее
plan: перезвоню вам
plan: я вам перезвоню
plan: я перезвоню
plan: позвоню вам
plan: придет смс
plan: вам придет
plan: пришлю вам
plan: отправлю вам
plan: напишу вам
plan: деньги придут
plan: деньги вернутся
plan: курьер привезет
plan: курьер приедет
plan: курьер выедет
plan: мастер приедет
plan: следующий шаг
plan: что будет дальше
