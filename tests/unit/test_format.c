/*
 * test_format.c - numbers, counts, money and dates per language (game/core/format.c), byte for
 * byte: the plural categories at their edges (0, 1, 2, 5, 11, 12, 14, 21, 22, 25, 101, 111,
 * 112) in English and Russian; the catalogue's plural words (two forms in English, three in
 * Russian, whatever section they are in); digit grouping with U+00A0 and the decimal comma;
 * money in the currencies a scenario names (2 250 ₽, €20, 20 €, negative, zero, a million, an
 * unknown unit); dates and times; output cut short at a character boundary. And the desktop's
 * wrapping (game/ui/text.c, with the real font), which never breaks an amount a trainer typed
 * with ordinary spaces.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "catalogue.h"
#include "format.h"
#include "text.h"

#include "catalogue_checks.h"

#define NB "\u00a0"

/* ---- plurals ----------------------------------------------------------------------------------
 */

static void test_plural_categories(void **state)
{
    (void)state;
    static const struct {
        long long n;
        int en, ru;
    } cases[] = {
        {0, FL_PLURAL_MANY, FL_PLURAL_MANY},   {1, FL_PLURAL_ONE, FL_PLURAL_ONE},
        {2, FL_PLURAL_MANY, FL_PLURAL_FEW},    {4, FL_PLURAL_MANY, FL_PLURAL_FEW},
        {5, FL_PLURAL_MANY, FL_PLURAL_MANY},   {11, FL_PLURAL_MANY, FL_PLURAL_MANY},
        {12, FL_PLURAL_MANY, FL_PLURAL_MANY},  {14, FL_PLURAL_MANY, FL_PLURAL_MANY},
        {21, FL_PLURAL_MANY, FL_PLURAL_ONE},   {22, FL_PLURAL_MANY, FL_PLURAL_FEW},
        {25, FL_PLURAL_MANY, FL_PLURAL_MANY},  {101, FL_PLURAL_MANY, FL_PLURAL_ONE},
        {111, FL_PLURAL_MANY, FL_PLURAL_MANY}, {112, FL_PLURAL_MANY, FL_PLURAL_MANY},
        {1001, FL_PLURAL_MANY, FL_PLURAL_ONE}, {-1, FL_PLURAL_ONE, FL_PLURAL_ONE},
        {-22, FL_PLURAL_MANY, FL_PLURAL_FEW},  {LLONG_MIN, FL_PLURAL_MANY, FL_PLURAL_MANY},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (fl_plural_category(FL_LANG_EN, cases[i].n) != cases[i].en ||
            fl_plural_category(FL_LANG_RU, cases[i].n) != cases[i].ru)
            fail_msg("%lld: en %d ru %d, expected %d %d", cases[i].n,
                     fl_plural_category(FL_LANG_EN, cases[i].n),
                     fl_plural_category(FL_LANG_RU, cases[i].n), cases[i].en, cases[i].ru);
    }
}

/* Each count as the reader sees it, in both languages. */
static void test_counts(void **state)
{
    (void)state;
    static const struct {
        long long n;
        const char *en, *ru;
    } cases[] = {
        {0, "0" NB "replies", "0" NB "ответов"},
        {1, "1" NB "reply", "1" NB "ответ"},
        {2, "2" NB "replies", "2" NB "ответа"},
        {5, "5" NB "replies", "5" NB "ответов"},
        {11, "11" NB "replies", "11" NB "ответов"},
        {12, "12" NB "replies", "12" NB "ответов"},
        {14, "14" NB "replies", "14" NB "ответов"},
        {21, "21" NB "replies", "21" NB "ответ"},
        {22, "22" NB "replies", "22" NB "ответа"},
        {25, "25" NB "replies", "25" NB "ответов"},
        {101, "101" NB "replies", "101" NB "ответ"},
        {111, "111" NB "replies", "111" NB "ответов"},
        {112, "112" NB "replies", "112" NB "ответов"},
        {2250, "2,250" NB "replies", "2" NB "250" NB "ответов"},
    };
    char buf[96];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_string_equal(
            fl_format_count(buf, sizeof buf, FL_LANG_EN, cases[i].n, FL_W_PL_REPLIES), cases[i].en);
        assert_string_equal(
            fl_format_count(buf, sizeof buf, FL_LANG_RU, cases[i].n, FL_W_PL_REPLIES), cases[i].ru);
    }
    /* a noun phrase with its adjective, and the genitive of "at most" */
    assert_string_equal(fl_format_count(buf, sizeof buf, FL_LANG_RU, 1, FL_W_PL_CRITICAL_MISTAKES),
                        "1" NB "критическая ошибка");
    assert_string_equal(fl_format_count(buf, sizeof buf, FL_LANG_RU, 3, FL_W_PL_CRITICAL_MISTAKES),
                        "3" NB "критические ошибки");
    assert_string_equal(fl_format_count(buf, sizeof buf, FL_LANG_RU, 12, FL_W_PL_CRITICAL_MISTAKES),
                        "12" NB "критических ошибок");
    assert_string_equal(fl_format_count(buf, sizeof buf, FL_LANG_EN, 1, FL_W_PL_CRITICAL_MISTAKES),
                        "1" NB "critical mistake");
    assert_string_equal(fl_format_count(buf, sizeof buf, FL_LANG_RU, 1, FL_W_PL_CUSTOMERS_AT_MOST),
                        "1" NB "клиента");
    assert_string_equal(fl_format_count(buf, sizeof buf, FL_LANG_RU, 21, FL_W_PL_TRAINEES_OF),
                        "21" NB "участника");
    assert_string_equal(fl_format_count(buf, sizeof buf, FL_LANG_RU, 5, FL_W_PL_TRAINEES_OF),
                        "5" NB "участников");
    assert_string_equal(fl_format_count(buf, sizeof buf, FL_LANG_RU, 21, FL_W_PL_APOLOGIES),
                        "21" NB "извинение");
}

/* fl_plural on a list of its own; short lists, empty and missing forms. */
static void test_plural_lists(void **state)
{
    (void)state;
    char buf[32];
    assert_string_equal(fl_plural(buf, sizeof buf, FL_LANG_RU, 3, "a|b|c"), "b");
    assert_string_equal(fl_plural(buf, sizeof buf, FL_LANG_RU, 7, "a|b|c"), "c");
    assert_string_equal(fl_plural(buf, sizeof buf, FL_LANG_EN, 7, "a|b|c"), "b");
    assert_string_equal(fl_plural(buf, sizeof buf, FL_LANG_RU, 7, "a|b"), "b"); /* the last */
    assert_string_equal(fl_plural(buf, sizeof buf, FL_LANG_RU, 7, "only"), "only");
    assert_string_equal(fl_plural(buf, sizeof buf, FL_LANG_RU, 7, ""), "");
    assert_string_equal(fl_plural(buf, sizeof buf, FL_LANG_RU, 7, NULL), "");
    assert_string_equal(fl_plural(buf, sizeof buf, 2, 2, "a|b|c"), "b"); /* non-zero: Russian */
}

/* Every PL_ word of the catalogue has the forms its language needs, none empty. */
static int forms(const char *s)
{
    int n = 1;
    if (!*s || *s == '|' || s[strlen(s) - 1] == '|' || strstr(s, "||"))
        return -1;
    for (; *s; s++)
        n += *s == '|';
    return n;
}

/* A plural word is named PL_ (or SECTION_PL_, such as LN_PL_ERRORS): the forms of fl_plural. */
static int is_plural_word(const char *name)
{
    return strncmp(name, "PL_", 3) == 0 || strstr(name, "_PL_") != NULL;
}

static void test_catalogue_plural_words(void **state)
{
    (void)state;
    int seen = 0, bad = 0;
    for (int id = FL_W_NONE + 1; id < FL_W_COUNT; id++) {
        const char *en = fl_word((fl_word_id)id, FL_LANG_EN), *ru = fl_word((fl_word_id)id, 1);
        if (!is_plural_word(word_name(id)))
            continue;
        seen++;
        if (forms(en) != 2 || forms(ru) != 3 || strchr(en, '%') || strchr(ru, '%')) {
            fprintf(stderr, "%s: English needs one|other, Russian one|few|many, no %%\n",
                    word_name(id));
            bad++;
        }
    }
    assert_int_equal(bad, 0);
    assert_true(seen >= 8);
}

/* ---- numbers ----------------------------------------------------------------------------------
 */

static void test_integers(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(fl_format_int(buf, sizeof buf, FL_LANG_EN, 0), "0");
    assert_string_equal(fl_format_int(buf, sizeof buf, FL_LANG_EN, 999), "999");
    assert_string_equal(fl_format_int(buf, sizeof buf, FL_LANG_EN, 1000), "1,000");
    assert_string_equal(fl_format_int(buf, sizeof buf, FL_LANG_EN, 2250), "2,250");
    assert_string_equal(fl_format_int(buf, sizeof buf, FL_LANG_EN, 1000000), "1,000,000");
    assert_string_equal(fl_format_int(buf, sizeof buf, FL_LANG_EN, -1234567), "-1,234,567");
    assert_string_equal(fl_format_int(buf, sizeof buf, FL_LANG_RU, 2250), "2\xc2\xa0"
                                                                          "250");
    assert_string_equal(fl_format_int(buf, sizeof buf, FL_LANG_RU, 1000000), "1" NB "000" NB "000");
    assert_string_equal(fl_format_int(buf, sizeof buf, FL_LANG_RU, -999), "-999");
    assert_string_equal(fl_format_int(buf, sizeof buf, FL_LANG_EN, LLONG_MIN),
                        "-9,223,372,036,854,775,808");
}

static void test_decimals(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(fl_format_decimal(buf, sizeof buf, FL_LANG_EN, 2.5, 1), "2.5");
    assert_string_equal(fl_format_decimal(buf, sizeof buf, FL_LANG_RU, 2.5, 1), "2,5");
    assert_string_equal(fl_format_decimal(buf, sizeof buf, FL_LANG_EN, 2250.25, 2), "2,250.25");
    assert_string_equal(fl_format_decimal(buf, sizeof buf, FL_LANG_RU, 2250.25, 2),
                        "2" NB "250,25");
    assert_string_equal(fl_format_decimal(buf, sizeof buf, FL_LANG_RU, -1234.5, 1),
                        "-1" NB "234,5");
    assert_string_equal(fl_format_decimal(buf, sizeof buf, FL_LANG_RU, 72.0, 0), "72");
    assert_string_equal(fl_format_decimal(buf, sizeof buf, FL_LANG_EN, -0.04, 1), "0.0");
    assert_string_equal(fl_format_decimal(buf, sizeof buf, FL_LANG_EN, 1.0 / 0.0, 1), "inf");
}

/* ---- money ------------------------------------------------------------------------------------
 */

static void test_money(void **state)
{
    (void)state;
    static const struct {
        long long amount;
        const char *unit, *en, *ru;
    } cases[] = {
        {2250, "RUB", "2,250" NB "\u20bd", "2" NB "250" NB "\u20bd"},
        {2250, "\u20bd", "2,250" NB "\u20bd", "2" NB "250" NB "\u20bd"},
        {300, "руб.", "300" NB "\u20bd", "300" NB "\u20bd"},
        {300, "rub", "300" NB "\u20bd", "300" NB "\u20bd"},
        {20, "EUR",
         "\u20ac"
         "20",
         "20" NB "\u20ac"},
        {20, "\u20ac",
         "\u20ac"
         "20",
         "20" NB "\u20ac"},
        {20, "USD", "$20", "20" NB "$"},
        {20, "$", "$20", "20" NB "$"},
        {15, "GBP",
         "\u00a3"
         "15",
         "15" NB "\u00a3"},
        {1000000, "RUB", "1,000,000" NB "\u20bd", "1" NB "000" NB "000" NB "\u20bd"},
        {1000000, "EUR",
         "\u20ac"
         "1,000,000",
         "1" NB "000" NB "000" NB "\u20ac"},
        {-20, "EUR",
         "-\u20ac"
         "20",
         "-20" NB "\u20ac"},
        {-2250, "RUB", "-2,250" NB "\u20bd", "-2" NB "250" NB "\u20bd"},
        {0, "USD", "$0", "0" NB "$"},
        {30, "points", "30" NB "points", "30" NB "points"},
        {1500, " баллов ", "1,500" NB "баллов", "1" NB "500" NB "баллов"},
        {40, "", "40", "40"},
        {40, NULL, "40", "40"},
    };
    char buf[96];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fl_format_money(buf, sizeof buf, FL_LANG_EN, cases[i].amount, cases[i].unit);
        if (strcmp(buf, cases[i].en))
            fail_msg("%lld %s in English: '%s', expected '%s'", cases[i].amount,
                     cases[i].unit ? cases[i].unit : "(none)", buf, cases[i].en);
        fl_format_money(buf, sizeof buf, FL_LANG_RU, cases[i].amount, cases[i].unit);
        if (strcmp(buf, cases[i].ru))
            fail_msg("%lld %s in Russian: '%s', expected '%s'", cases[i].amount,
                     cases[i].unit ? cases[i].unit : "(none)", buf, cases[i].ru);
    }
    /* byte for byte, as the issue asks: 2 250 ₽ with U+00A0 */
    assert_memory_equal(fl_format_money(buf, sizeof buf, FL_LANG_RU, 2250, "RUB"),
                        "\x32\xc2\xa0\x32\x35\x30\xc2\xa0\xe2\x82\xbd", 12);
}

/* ---- dates ------------------------------------------------------------------------------------
 */

static void test_dates(void **state)
{
    (void)state;
    char buf[96];
    assert_string_equal(fl_format_date(buf, sizeof buf, FL_LANG_EN, 2026, 12, 2),
                        "2" NB "December 2026");
    assert_string_equal(fl_format_date(buf, sizeof buf, FL_LANG_RU, 2026, 12, 2),
                        "2" NB "декабря 2026");
    assert_string_equal(fl_format_date(buf, sizeof buf, FL_LANG_RU, 2027, 3, 31),
                        "31" NB "марта 2027");
    assert_string_equal(fl_format_date(buf, sizeof buf, FL_LANG_EN, 2027, 5, 1), "1" NB "May 2027");
    assert_string_equal(fl_format_date(buf, sizeof buf, FL_LANG_RU, 2026, 13, 2), "2026-13-02");
    assert_string_equal(fl_format_time(buf, sizeof buf, FL_LANG_RU, 14, 5), "14:05");
    assert_string_equal(fl_format_time(buf, sizeof buf, FL_LANG_EN, 8, 15), "08:15");
    assert_string_equal(fl_format_date_time(buf, sizeof buf, FL_LANG_RU, 2026, 12, 2, 14, 5),
                        "2" NB "декабря 2026, 14:05");
    assert_string_equal(fl_format_date_time(buf, sizeof buf, FL_LANG_EN, 2026, 1, 23, 8, 15),
                        "23" NB "January 2026, 08:15");
    for (int m = 1; m <= 12; m++) /* every month has its name in both languages */
        assert_null(strchr(fl_format_date(buf, sizeof buf, FL_LANG_RU, 2026, m, 1), '-'));
}

/* A short buffer gets a whole-character prefix, never half a letter; size 0 writes nothing. */
static void test_short_buffers(void **state)
{
    (void)state;
    char buf[8];
    memset(buf, 'x', sizeof buf);
    /* «2 250 ₽» is 11 bytes; 7 of them end inside the no-break space after "250" */
    fl_format_money(buf, 8, FL_LANG_RU, 2250, "RUB");
    assert_string_equal(buf, "2" NB "250");
    fl_format_money(buf, 4, FL_LANG_RU, 2250, "RUB");
    assert_string_equal(buf, "2" NB);
    fl_format_money(buf, 3, FL_LANG_RU, 2250, "RUB");
    assert_string_equal(buf, "2"); /* not "2\xc2" */
    fl_format_count(buf, 6, FL_LANG_RU, 5, FL_W_PL_REPLIES);
    assert_string_equal(buf, "5" NB "о"); /* whole letters only */
    buf[0] = 'x';
    fl_format_int(buf, 0, FL_LANG_EN, 5);
    assert_int_equal(buf[0], 'x');
}

/* ---- the desktop's wrapping -------------------------------------------------------------------
 */

static TTF_Font *font;

static int font_setup(void **state)
{
    (void)state;
    if (TTF_Init() < 0)
        return -1;
    font = TTF_OpenFont(FL_SOURCE_DIR "/assets/fonts/NotoSans-Regular.ttf", 18);
    return font ? 0 : -1;
}

static int font_teardown(void **state)
{
    (void)state;
    TTF_CloseFont(font);
    TTF_Quit();
    return 0;
}

/* Wraps text at every width from wide to narrow and fails when a line ends or starts inside
 * keep (an amount), unless keep itself is wider than the line. */
static void never_splits(const char *text, const char *keep)
{
    const char *at = strstr(text, keep);
    assert_non_null(at);
    size_t a = (size_t)(at - text), b = a + strlen(keep);
    int keep_w = fl_text_width(font, keep, strlen(keep));
    int splits_elsewhere = 0;
    for (int width = 600; width >= keep_w; width -= 3) {
        fl_text_line lines[64];
        size_t n = fl_text_wrap(font, text, width, lines, 64);
        assert_true(n <= 64);
        for (size_t i = 0; i < n; i++) {
            size_t s = lines[i].start, e = s + lines[i].len;
            if ((s > a && s < b) || (e > a && e < b))
                fail_msg("'%s' split at %d px: line '%.*s'", keep, width, (int)lines[i].len,
                         text + s);
        }
        splits_elsewhere += n > 1;
    }
    assert_true(splits_elsewhere > 0); /* the text did wrap, around the amount */
}

static void test_wrap_keeps_amounts(void **state)
{
    (void)state;
    never_splits("Новый роутер стоит 24 990 ₽ с установкой, "
                 "а старый вернём без доплаты.",
                 "24 990 ₽");
    never_splits("Компенсация за три дня без связи составит 1 250 000 руб. на весь дом, "
                 "как обещал директор.",
                 "1 250 000 руб.");
    never_splits("The refund of € 2 250 for the outage reaches your card within five working "
                 "days, as promised.",
                 "€ 2 250");
    never_splits("You will get 20 EUR back and a voucher for the next month of service.", "20 EUR");
    never_splits("Скидка 15 % на три месяца уже подключена к вашему тарифу.", "15 %");
}

/* Ordinary words still wrap at their spaces: the rule is for amounts only. */
static void test_wrap_words_still_break(void **state)
{
    (void)state;
    const char *text = "Через 2 дня мы восстановим связь в вашем доме полностью";
    fl_text_line lines[16];
    int w = fl_text_width(font, "Через 2", strlen("Через 2"));
    size_t n = fl_text_wrap(font, text, w + 2, lines, 16);
    assert_true(n >= 2);
    /* "2 дня" is a number and a word, not a unit: the line may end after "2" */
    assert_int_equal(lines[0].len, strlen("Через 2"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plural_categories),
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_plural_lists),
        cmocka_unit_test(test_catalogue_plural_words),
        cmocka_unit_test(test_integers),
        cmocka_unit_test(test_decimals),
        cmocka_unit_test(test_money),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_short_buffers),
    };
    const struct CMUnitTest wrap[] = {
        cmocka_unit_test(test_wrap_keeps_amounts),
        cmocka_unit_test(test_wrap_words_still_break),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    failed += cmocka_run_group_tests(wrap, font_setup, font_teardown);
    return failed;
}
