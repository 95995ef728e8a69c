/*
 * score.c - the scoring, the findings and the survey; see score.h. The rules are scoring.md's;
 * the words of the findings are below, in English and Russian.
 */
#include "score.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* a / b rounded half up, for a >= 0, b > 0 */
static int rdiv(long a, long b)
{
    return (int)((2 * a + b) / (2 * b));
}

/* ---- scores ---------------------------------------------------------------------------- */

#define APOLOGY_TOO_MANY_PENALTY 10

static const int outcome_points[] = {
    [FL_OUTCOME_NONE] = 0,       [FL_OUTCOME_RESOLVED] = 100, [FL_OUTCOME_PARTLY] = 60,
    [FL_OUTCOME_ESCALATED] = 30, [FL_OUTCOME_LOST] = 0,
};

static int apology_score(const fl_scenario *s, const fl_state *st)
{
    const int *p = s->params;
    int v;
    if (st->apology_turn < 0)
        v = 0;
    else if (st->apology_turn - st->grievance_turn < p[FL_P_APOLOGY_WINDOW])
        v = 100;
    else
        v = p[FL_P_APOLOGY_LATE];
    if (st->apologies > p[FL_P_APOLOGY_MAX])
        v -= APOLOGY_TOO_MANY_PENALTY;
    return clamp(v, 0, 100);
}

static int ownership_raw(const fl_scenario *s, int transfers, int recoveries)
{
    return 100 - s->params[FL_P_TRANSFER_PENALTY] * transfers + 20 * recoveries;
}

void fl_score_compute(const fl_engine *eng, const fl_state *st, fl_scores *out)
{
    const fl_scenario *s = eng->scenario;
    const int *p = s->params;
    memset(out, 0, sizeof(*out));
    out->outcome = fl_engine_outcome(eng, st);
    memcpy(out->weight, s->weights, sizeof(out->weight));
    out->attempted = st->turn > 0;
    out->critical = st->criticals;
    out->critical_items = st->critical;
    if (!out->attempted) { /* quit before anything happened: nothing to score */
        out->band = '-';
        return;
    }
    int spoke = st->replies > 0; /* evidence for Tone, Upsell timing and Ownership */

    if (st->emo_total) {
        out->applicable[FL_DIM_EMPATHY] = 1;
        out->score[FL_DIM_EMPATHY] = rdiv(100L * st->emo_answered, st->emo_total);
    }
    if (st->grievance_turn >= 0) {
        out->applicable[FL_DIM_APOLOGY] = 1;
        out->score[FL_DIM_APOLOGY] = apology_score(s, st);
    }
    out->applicable[FL_DIM_OWNERSHIP] = 1;
    out->score[FL_DIM_OWNERSHIP] =
        spoke ? clamp(ownership_raw(s, st->transfers, st->recoveries), 0, 100) : 0;
    if (spoke) {
        out->applicable[FL_DIM_TONE] = 1;
        out->score[FL_DIM_TONE] = clamp(100 - st->tone_lost, 0, 100);
    }
    if (s->n_offers && spoke) {
        out->applicable[FL_DIM_UPSELL] = 1;
        out->score[FL_DIM_UPSELL] = st->upsell >= 0             ? st->upsell
                                    : st->good_moment_turn >= 0 ? p[FL_P_UPSELL_MISSED]
                                                                : 100;
    }
    out->applicable[FL_DIM_RESOLUTION] = 1;
    out->score[FL_DIM_RESOLUTION] = clamp(
        outcome_points[out->outcome] - (st->over_budget ? p[FL_P_OVER_BUDGET_PENALTY] : 0), 0, 100);
    if (eng->timed && st->resp_n) {
        out->applicable[FL_DIM_RESPONSIVENESS] = 1;
        out->score[FL_DIM_RESPONSIVENESS] = rdiv(st->resp_sum, st->resp_n);
    }

    /* Weighted mean over the applicable dimensions: the weights of the others are shared out in
     * proportion, which is what dividing by the applicable weights does. */
    long sum = 0, wsum = 0;
    int napp = 0;
    for (int d = 0; d < FL_DIM_COUNT; d++) {
        if (!out->applicable[d])
            continue;
        napp++;
        sum += (long)out->weight[d] * out->score[d];
        wsum += out->weight[d];
    }
    if (wsum == 0) { /* every applicable dimension weighs 0: count them equally */
        for (int d = 0; d < FL_DIM_COUNT; d++) {
            if (out->applicable[d]) {
                sum += out->score[d];
                out->share[d] = rdiv(1000, napp);
            }
        }
        out->raw = napp ? rdiv(sum, napp) : 0;
    } else {
        for (int d = 0; d < FL_DIM_COUNT; d++)
            if (out->applicable[d])
                out->share[d] = rdiv(1000L * out->weight[d], wsum);
        out->raw = rdiv(sum, wsum);
    }
    /* A pass needs the whole job done: a weighted mean can hide a skill missing entirely (a
     * QA scorecard's sections each have a minimum), so no applicable dimension may fall under
     * the floor. A critical mistake, or a dimension under the floor, fails the conversation: the
     * score is mapped below the pass mark rather than cut to one value, so two failed sessions
     * are still told apart. */
    for (int d = 0; d < FL_DIM_COUNT; d++)
        if (out->applicable[d] && out->score[d] < p[FL_P_PASS_FLOOR])
            out->below_floor |= 1u << d;
    out->overall = out->raw;
    if (out->critical || out->below_floor)
        out->overall = p[FL_P_PASS] > 0 ? out->raw * (p[FL_P_PASS] - 1) / 100 : 0;
    out->band = out->overall >= 90   ? 'A'
                : out->overall >= 80 ? 'B'
                : out->overall >= 70 ? 'C'
                : out->overall >= 60 ? 'D'
                                     : 'F';
    out->passed = !out->critical && !out->below_floor && out->overall >= p[FL_P_PASS];
}

/* ---- survey ---------------------------------------------------------------------------- */

void fl_survey_compute(const fl_engine *eng, const fl_state *st, fl_survey *out)
{
    const int32_t *env = fl_state_cenv(eng, st);
    int mood = env[FL_SLOT_MOOD], trust = env[FL_SLOT_TRUST];
    fl_outcome o = fl_engine_outcome(eng, st);
    fl_scores sc;
    fl_score_compute(eng, st, &sc);
    int csat = mood >= 50 ? 5 : mood >= 15 ? 4 : mood >= -15 ? 3 : mood >= -50 ? 2 : 1;
    int cap = o == FL_OUTCOME_RESOLVED    ? 5
              : o == FL_OUTCOME_PARTLY    ? 3
              : o == FL_OUTCOME_ESCALATED ? 2
                                          : 1;
    /* The customer answers about how they were treated as well as how they feel now: a problem
     * solved by an agent who did the whole job well satisfies whatever the meters say, and a
     * critical mistake (passed on, insulted, left in silence) is not forgotten by the end. */
    int well = o == FL_OUTCOME_RESOLVED && sc.passed;
    if (well)
        csat = csat > (sc.overall >= 90 ? 5 : 4) ? csat : (sc.overall >= 90 ? 5 : 4);
    if (sc.critical && cap > 3)
        cap = 3;
    out->csat = csat < cap ? csat : cap;

    /* Effort: every transfer and every long wait adds to it, and so does an open problem. */
    int slow = st->resp_n ? (int)(st->resp_n * 100 - st->resp_sum) / 100 : 0;
    int ces = 1 + 2 * st->transfers + st->timeouts + slow / 2 + (st->elapsed_ms > 300000 ? 1 : 0) +
              (o == FL_OUTCOME_RESOLVED ? 0 : 2);
    out->ces = clamp(ces, 1, 7);

    /* Recommendation: mostly how the customer feels (6 of 10), then trust (4 of 10), and a
     * point for a problem actually solved; a problem solved well recommends at least as the
     * score says (95 and more: 10, 90: 9), so the best path makes a promoter. */
    int nps = rdiv((long)(mood + 100) * 3 + (long)trust * 4, 100) + (o == FL_OUTCOME_RESOLVED);
    if (out->ces >= 5)
        nps--;
    if (well && rdiv(sc.overall, 10) > nps)
        nps = rdiv(sc.overall, 10);
    cap = o == FL_OUTCOME_RESOLVED    ? 10
          : o == FL_OUTCOME_PARTLY    ? 7
          : o == FL_OUTCOME_ESCALATED ? 4
                                      : 2;
    if (sc.critical && cap > 6) /* a customer passed on or insulted does not promote */
        cap = 6;
    out->nps = clamp(nps, 0, cap);
}

/* ---- findings -------------------------------------------------------------------------- */

const char *fl_finding_severity_name(fl_finding_severity s)
{
    return s == FL_FIND_MISTAKE ? "mistake" : s == FL_FIND_WARNING ? "warning" : "info";
}

/* The words of the findings. Every message is one line; %-conversions are documented per
 * entry. `better` is the alternative to say instead, quoted from the source where it has one. */
typedef enum {
    M_EMPATHY_MISSED, /* %s the customer's feeling (a noun) */
    M_EMPATHY_OPENING,
    M_APOLOGY_LATE, /* %d reply number, %d window */
    M_APOLOGY_MISSING,
    M_APOLOGY_TOO_MANY, /* %d apologies */
    M_TRANSFER,
    M_RECOVERED,
    M_FAMILIAR,
    M_FAMILIAR_OPEN,
    M_RUDE,
    M_CANNED,
    M_REPEATED,
    M_JARGON,
    M_UPSELL_UNHAPPY, /* %d mood */
    M_UPSELL_OPEN,
    M_UPSELL_LUKEWARM, /* %d mood, %d threshold */
    M_UPSELL_MISSED,
    M_OUTCOME_PARTLY,
    M_OUTCOME_ESCALATED,
    M_OUTCOME_LOST,
    M_HUNG_UP,
    M_UNFINISHED,
    M_OVER_BUDGET, /* %d spent, %s unit, %d budget, %s unit */
    M_SLOW,        /* %d seconds, %d limit */
    M_TIMEOUT,     /* %d limit */
    M_FAMILIAR_AGAIN,
    M_CRITICAL_ITEM, /* %s the mistake's name */
    M_CRITICAL_REPLY,
    M_COUNT
} msg_id;

typedef struct {
    const char *rule;
    const char *text[2], *better[2]; /* [0] English, [1] Russian */
} msg;

static const msg msgs[M_COUNT] = {
    [M_EMPATHY_MISSED] = {"empathy-missed",
                          {"The customer showed %s and the reply did not acknowledge it.",
                           "Клиент выразил %s, а ответ этого не заметил."},
                          {"Name the feeling before you solve anything: \"I understand how "
                           "frustrating this is.\"",
                           "Сначала признайте чувство клиента: «Понимаю, как это неприятно»."}},
    [M_EMPATHY_OPENING] = {"empathy-missed",
                           {"The customer opened with %s and the first reply did not acknowledge "
                            "it (the first reply to an angry opening counts double).",
                            "Клиент начал разговор, испытывая %s, а первый ответ этого не "
                            "заметил (первый ответ на гневное начало считается вдвойне)."},
                           {"Answer the feeling first: \"I'm sorry, I can hear how upsetting this "
                            "is. Let me sort it out.\"",
                            "Начните с чувства клиента: «Простите, я понимаю, как это "
                            "неприятно. Сейчас разберусь»."}},
    [M_APOLOGY_LATE] = {"apology-late",
                        {"The apology came only at reply %d, not within the first %d replies "
                         "after the complaint.",
                         "Извинение прозвучало только в ответе %d, а не в первых %d ответах "
                         "после жалобы."},
                        {"Apologise as soon as the customer complains: \"I'm sorry this "
                         "happened.\"",
                         "Извинитесь сразу после жалобы: «Простите, что так получилось»."}},
    [M_APOLOGY_MISSING] = {"apology-missing",
                           {"Nobody apologised.", "Никто не извинился."},
                           {"Always apologise, even when it is not your fault: \"I'm sorry you "
                            "had to deal with this.\"",
                            "Извиняйтесь всегда, даже если вы не виноваты: «Простите, что вам "
                            "пришлось с этим столкнуться»."}},
    [M_APOLOGY_TOO_MANY] = {"apology-too-many",
                            {"%d apologies in one conversation sound scripted.",
                             "%d извинений за разговор звучат как заученный текст."},
                            {"Apologise once, sincerely, then act.",
                             "Извинитесь один раз, искренне, и переходите к делу."}},
    [M_TRANSFER] =
        {"transfer",
         {"The customer was sent elsewhere: another number, department or address.",
          "Клиента отправили в другое место: на другой номер, в другой отдел или по "
          "другому адресу."},
         {"Instead of \"I can't help you, please contact X\", say \"I'm not the expert "
          "on this, but let me find out right now how we can help you.\"",
          "Вместо «Я не могу вам помочь, обратитесь по такому-то номеру» скажите: «Я сам(а) "
          "всё выясню и помогу вам, перезванивать никуда не нужно»: работайте как "
          "единое окно."}},
    [M_RECOVERED] = {"ownership-recovered",
                     {"After the transfer you took the problem back yourself.",
                      "После переадресации вы снова взяли проблему на себя."},
                     {NULL, NULL}},
    [M_FAMILIAR] = {"familiar",
                    {"An over-familiar tone.", "Фамильярный тон."},
                    {"Stay warm but professional: the customer's name, polite \"you\", no slang.",
                     "Оставайтесь дружелюбны, но профессиональны: по имени, на «вы», без "
                     "сленга."}},
    [M_FAMILIAR_OPEN] = {"familiar-unresolved",
                         {"An over-familiar tone while the problem was still unresolved (78%% of "
                          "customers with an unresolved problem find that too familiar).",
                          "Фамильярный тон, пока проблема не решена (78%% клиентов с нерешённой "
                          "проблемой считают это излишней фамильярностью)."},
                         {"Keep it formal until the problem is solved.",
                          "Пока проблема не решена, держитесь официального тона."}},
    [M_RUDE] = {"rude",
                {"A rude or blaming reply.", "Грубый или обвиняющий ответ."},
                {"Talk about the problem, not the person: \"Let's look at what happened "
                 "together.\"",
                 "Говорите о проблеме, а не о человеке: «Давайте вместе разберёмся, что "
                 "произошло»."}},
    [M_CANNED] = {"canned",
                  {"A template phrase, not addressed to this customer.",
                   "Шаблонная фраза, не обращённая к этому клиенту."},
                  {"Speak to this person about this problem: use the name and the details.",
                   "Говорите с этим человеком о его проблеме: по имени и по существу."}},
    [M_REPEATED] = {"repeated",
                    {"The same reply a second time sounds like a script.",
                     "Один и тот же ответ второй раз звучит как заученный текст."},
                    {"Say it in new words, or move the conversation on.",
                     "Скажите другими словами или переходите к следующему шагу."}},
    [M_JARGON] = {"jargon",
                  {"Technical jargon the customer may not know.",
                   "Профессиональный жаргон, непонятный клиенту."},
                  {"Say it in the customer's words.", "Скажите это словами клиента."}},
    [M_UPSELL_UNHAPPY] = {"upsell-unhappy",
                          {"An offer while the customer was unhappy (mood %d).",
                           "Предложение, когда клиент недоволен (настроение %d)."},
                          {"If the customer is already unhappy, do not push extra purchases at "
                           "all. Solve the problem first.",
                           "Если клиент недоволен, вообще не предлагайте дополнительных покупок. "
                           "Сначала решите проблему."}},
    [M_UPSELL_OPEN] = {"upsell-unresolved",
                       {"An offer before the problem was resolved.",
                        "Предложение до того, как проблема решена."},
                       {"Resolve the problem first; offer only when the customer is satisfied.",
                        "Сначала решите проблему; предлагайте, только когда клиент доволен."}},
    [M_UPSELL_LUKEWARM] = {"upsell-lukewarm",
                           {"An offer while the customer was only lukewarm (mood %d, pleased "
                            "from %d).",
                            "Предложение, когда клиент ещё не доволен (настроение %d, доволен "
                            "от %d)."},
                           {"Wait until the customer feels the benefit, then offer.",
                            "Дождитесь, когда клиент почувствует выгоду, и тогда предлагайте."}},
    [M_UPSELL_MISSED] = {"upsell-missed",
                         {"The customer was pleased and the problem solved: a good moment for "
                          "the offer went by.",
                          "Клиент доволен и проблема решена: удачный момент для предложения "
                          "упущен."},
                         {"When the customer is happy, mention the offer briefly and what it "
                          "saves them.",
                          "Когда клиент доволен, коротко расскажите о предложении и его "
                          "выгоде."}},
    [M_OUTCOME_PARTLY] = {"outcome-partly",
                          {"The conversation ended only partly resolved.",
                           "Разговор закончился, а проблема решена лишь частично."},
                          {NULL, NULL}},
    [M_OUTCOME_ESCALATED] = {"outcome-escalated",
                             {"The conversation ended escalated: the customer went over your "
                              "head.",
                              "Разговор закончился эскалацией: клиент пошёл жаловаться выше."},
                             {NULL, NULL}},
    [M_OUTCOME_LOST] = {"outcome-lost",
                        {"The customer was lost.", "Клиент потерян."},
                        {NULL, NULL}},
    [M_HUNG_UP] = {"hung-up",
                   {"The customer ran out of patience and left.",
                    "У клиента кончилось терпение, и он ушёл."},
                   {"Keep the customer with you: apologise, say what you are doing, and do not "
                    "make them wait or call elsewhere.",
                    "Удержите клиента: извинитесь, скажите, что делаете, не заставляйте ждать и "
                    "не отправляйте в другое место."}},
    [M_UNFINISHED] = {"unfinished",
                      {"The conversation did not reach an ending.", "Разговор не дошёл до конца."},
                      {NULL, NULL}},
    [M_OVER_BUDGET] = {"over-budget",
                       {"Goodwill of %d %s in total exceeds your budget of %d %s: that is beyond "
                        "your authority.",
                        "Компенсация на %d %s превышает ваш лимит в %d %s: это за пределами "
                        "ваших полномочий."},
                       {"Stay within what you may grant alone, or ask a supervisor first.",
                        "Не выходите за свой лимит или сначала согласуйте с руководителем."}},
    [M_SLOW] = {"slow-reply",
                {"The reply took %d s of the %d s allowed.",
                 "Ответ занял %d с из отведённых %d с."},
                {"Answer within half the time, even if only: \"One moment, I'm checking that "
                 "now.\"",
                 "Отвечайте за половину отведённого времени, хотя бы: «Секунду, сейчас "
                 "проверю»."}},
    [M_TIMEOUT] = {"timeout",
                   {"Long wait: no reply within %d s.", "Долгое ожидание: нет ответа за %d с."},
                   {"Never leave the customer in silence: \"One moment, I'm checking that now.\"",
                    "Не оставляйте клиента в тишине: «Секунду, сейчас проверю»."}},
    [M_FAMILIAR_AGAIN] = {"familiar-again",
                          {"Over-familiar again after the first time: kept up, familiarity reads "
                           "as disrespect.",
                           "Снова фамильярность после первого раза: если продолжать, это звучит "
                           "как неуважение."},
                          {"Once the customer has shown it is unwelcome, switch to a polite, "
                           "formal tone and stay there.",
                           "Если клиенту это неприятно, перейдите на вежливый официальный тон и "
                           "держитесь его."}},
    [M_CRITICAL_ITEM] = {"critical",
                         {"'%s' is a critical mistake in this scenario.",
                          "«%s» в этом сценарии считается критической ошибкой."},
                         {NULL, NULL}},
    [M_CRITICAL_REPLY] = {"critical-reply",
                          {"This reply is a critical mistake in this scenario.",
                           "Этот ответ в этом сценарии считается критической ошибкой."},
                          {NULL, NULL}},
};

/* The customer's feeling as a noun, for M_EMPATHY_* (Russian: accusative case). */
static const char *feeling(int lang, int emotion)
{
    static const char *const en[FL_EMO_COUNT] = {
        [FL_EMO_WORRIED] = "worry",      [FL_EMO_CONFUSED] = "confusion",
        [FL_EMO_SCEPTICAL] = "distrust", [FL_EMO_ANNOYED] = "annoyance",
        [FL_EMO_ANGRY] = "anger",        [FL_EMO_FURIOUS] = "fury",
    };
    static const char *const ru[FL_EMO_COUNT] = {
        [FL_EMO_WORRIED] = "тревогу",     [FL_EMO_CONFUSED] = "растерянность",
        [FL_EMO_SCEPTICAL] = "недоверие", [FL_EMO_ANNOYED] = "раздражение",
        [FL_EMO_ANGRY] = "гнев",          [FL_EMO_FURIOUS] = "ярость",
    };
    const char *w = emotion >= 0 && emotion < FL_EMO_COUNT ? (lang ? ru : en)[emotion] : NULL;
    return w ? w : lang ? "эмоции" : "emotion";
}

typedef struct {
    fl_findings *out;
    size_t cap;
    int lang; /* 0 English, 1 Russian */
    int failed;
    const fl_scenario *scenario;
} builder;

static fl_finding *add(builder *b, uint32_t turn, int dim, int points, fl_finding_severity sev,
                       const char *rule, const char *better, int32_t node, int32_t reply)
{
    if (b->failed)
        return NULL;
    if (b->out->n == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 16;
        fl_finding *items = realloc(b->out->items, cap * sizeof(*items));
        if (!items) {
            b->failed = 1;
            return NULL;
        }
        b->out->items = items;
        b->cap = cap;
    }
    fl_finding *f = &b->out->items[b->out->n++];
    /* the reply's own better alternative, where the author wrote one, replaces the built-in
     * one on the reply's mistakes */
    if (node >= 0 && reply >= 0 && (points < 0 || sev == FL_FIND_MISTAKE)) {
        const fl_reply *r = &b->scenario->nodes[node].replies[reply];
        if (r->better)
            better = r->better;
    }
    *f = (fl_finding){.turn = turn,
                      .dimension = dim,
                      .points = points,
                      .severity = sev,
                      .rule = rule,
                      .better = better,
                      .node = node,
                      .reply = reply};
    return f;
}

/* Adds a finding worded by message m (printf arguments follow). */
static void addm(builder *b, uint32_t turn, int dim, int points, fl_finding_severity sev, msg_id m,
                 int32_t node, int32_t reply, ...)
{
    fl_finding *f =
        add(b, turn, dim, points, sev, msgs[m].rule, msgs[m].better[b->lang], node, reply);
    if (!f)
        return;
    char buf[512];
    va_list ap;
    va_start(ap, reply);
    vsnprintf(buf, sizeof(buf), msgs[m].text[b->lang], ap);
    va_end(ap);
    if (!(f->message = strdup(buf))) {
        b->out->n--;
        b->failed = 1;
    }
}

/* Whether a finding with this rule id explains the critical item (FL_CRIT_* or a signal bit). */
static int explains(const char *rule, uint32_t item)
{
    static const struct {
        uint32_t item;
        const char *rule;
    } map[] = {
        {FL_SIG_TRANSFER, "transfer"},
        {FL_SIG_RUDE, "rude"},
        {FL_SIG_RUDE, "familiar-again"},
        {FL_SIG_FAMILIAR, "familiar"},
        {FL_SIG_FAMILIAR, "familiar-unresolved"},
        {FL_SIG_CANNED, "canned"},
        {FL_SIG_JARGON, "jargon"},
        {FL_SIG_UPSELL, "upsell-unhappy"},
        {FL_SIG_UPSELL, "upsell-unresolved"},
        {FL_SIG_UPSELL, "upsell-lukewarm"},
        {FL_CRIT_UPSELL_UNHAPPY, "upsell-unhappy"},
        {FL_CRIT_OVER_BUDGET, "over-budget"},
        {FL_CRIT_TIMEOUT, "timeout"},
        {FL_CRIT_LOST, "hung-up"},
        {FL_CRIT_LOST, "outcome-lost"},
        {FL_CRIT_UNHAPPY, "outcome-partly"},
        {FL_CRIT_UNHAPPY, "outcome-escalated"},
    };
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
        if (map[i].item == item && strcmp(map[i].rule, rule) == 0)
            return 1;
    return 0;
}

int fl_findings_build(const fl_engine *eng, const fl_state *st, const fl_event *events,
                      size_t n_events, fl_findings *out)
{
    const fl_scenario *s = eng->scenario;
    const int *p = s->params;
    builder b = {out, 0, s->lang && strcmp(s->lang, "ru") == 0, 0, s};
    out->items = NULL;
    out->n = 0;

    int own_raw = 100, tone_raw = 100, upsell_min = 100;
    int transfers = 0, recoveries = 0;
    const fl_event *crit[64]; /* critical mistakes, marked once every finding exists */
    size_t n_crit = 0;
    for (size_t i = 0; i < n_events; i++) {
        const fl_event *e = &events[i];
        int32_t nd = e->node, rp = e->reply;
        int before, pts;
        switch (e->kind) {
        case FL_EV_EMPATHY_MISSED:
            addm(&b, e->turn, FL_DIM_EMPATHY, -rdiv(100L * e->a, st->emo_total ? st->emo_total : 1),
                 e->a > 1 ? FL_FIND_MISTAKE : FL_FIND_WARNING,
                 e->a > 1 ? M_EMPATHY_OPENING : M_EMPATHY_MISSED, nd, rp, feeling(b.lang, e->b));
            break;
        case FL_EV_APOLOGY_TOO_MANY:
            addm(&b, e->turn, FL_DIM_APOLOGY,
                 st->grievance_turn >= 0 ? -APOLOGY_TOO_MANY_PENALTY : 0, FL_FIND_WARNING,
                 M_APOLOGY_TOO_MANY, nd, rp, e->a);
            break;
        case FL_EV_TRANSFER:
        case FL_EV_RECOVERED:
            before = clamp(own_raw, 0, 100);
            if (e->kind == FL_EV_TRANSFER)
                transfers++;
            else
                recoveries++;
            own_raw = ownership_raw(s, transfers, recoveries);
            pts = clamp(own_raw, 0, 100) - before;
            if (e->kind == FL_EV_TRANSFER)
                addm(&b, e->turn, FL_DIM_OWNERSHIP, pts, FL_FIND_MISTAKE, M_TRANSFER, nd, rp);
            else
                addm(&b, e->turn, FL_DIM_OWNERSHIP, pts, FL_FIND_INFO, M_RECOVERED, nd, rp);
            break;
        case FL_EV_FAMILIAR:
        case FL_EV_RUDE:
        case FL_EV_CANNED:
        case FL_EV_REPEATED:
        case FL_EV_JARGON: {
            int pen = e->kind == FL_EV_FAMILIAR
                          ? p[e->a ? FL_P_FAMILIAR_UNRESOLVED_PENALTY : FL_P_FAMILIAR_PENALTY]
                      : e->kind == FL_EV_RUDE   ? p[FL_P_RUDE_PENALTY]
                      : e->kind == FL_EV_JARGON ? p[FL_P_JARGON_PENALTY]
                                                : p[FL_P_CANNED_PENALTY];
            msg_id m = e->kind == FL_EV_FAMILIAR ? (e->a ? M_FAMILIAR_OPEN : M_FAMILIAR)
                       : e->kind == FL_EV_RUDE   ? (e->a ? M_FAMILIAR_AGAIN : M_RUDE)
                       : e->kind == FL_EV_JARGON ? M_JARGON
                       : e->kind == FL_EV_CANNED ? M_CANNED
                                                 : M_REPEATED;
            before = clamp(tone_raw, 0, 100);
            tone_raw -= pen;
            addm(&b, e->turn, FL_DIM_TONE, clamp(tone_raw, 0, 100) - before,
                 e->kind == FL_EV_RUDE || (e->kind == FL_EV_FAMILIAR && e->a) ? FL_FIND_MISTAKE
                                                                              : FL_FIND_WARNING,
                 m, nd, rp);
            break;
        }
        case FL_EV_UPSELL:
            pts = e->a < upsell_min ? e->a - upsell_min : 0;
            if (e->a < upsell_min)
                upsell_min = e->a;
            if (e->b < 0)
                addm(&b, e->turn, FL_DIM_UPSELL, pts, FL_FIND_MISTAKE, M_UPSELL_UNHAPPY, nd, rp,
                     e->b);
            else if (e->c)
                addm(&b, e->turn, FL_DIM_UPSELL, pts, FL_FIND_MISTAKE, M_UPSELL_OPEN, nd, rp);
            else
                addm(&b, e->turn, FL_DIM_UPSELL, pts, FL_FIND_WARNING, M_UPSELL_LUKEWARM, nd, rp,
                     e->b, p[FL_P_UPSELL_MOOD]);
            break;
        case FL_EV_OVER_BUDGET: {
            const char *unit = s->goodwill_unit ? s->goodwill_unit : "";
            int have = outcome_points[fl_engine_outcome(eng, st)];
            int lost = have < p[FL_P_OVER_BUDGET_PENALTY] ? have : p[FL_P_OVER_BUDGET_PENALTY];
            addm(&b, e->turn, FL_DIM_RESOLUTION, -lost, FL_FIND_MISTAKE, M_OVER_BUDGET, nd, rp,
                 e->a, unit, s->goodwill_budget, unit);
            break;
        }
        case FL_EV_SLOW:
            if (eng->timed && st->resp_n)
                addm(&b, e->turn, FL_DIM_RESPONSIVENESS, -rdiv(100 - e->a, st->resp_n),
                     FL_FIND_WARNING, M_SLOW, nd, rp, e->b, e->c);
            break;
        case FL_EV_TIMEOUT:
            if (eng->timed && st->resp_n)
                addm(&b, e->turn, FL_DIM_RESPONSIVENESS, -rdiv(100, st->resp_n), FL_FIND_MISTAKE,
                     M_TIMEOUT, nd, -1, e->c);
            break;
        case FL_EV_NOTE: {
            /* The trainer's note is about what the reply did, so it enriches the finding of the
             * first problem the reply caused (a transfer, a tone, an upsell, a gesture), else of
             * what it lacked (empathy, an apology) or how long it took; one finding per
             * mistake. A note on a reply that made no mistake stands on its own. */
            const fl_reply *r = &s->nodes[nd].replies[rp];
            fl_finding *did = NULL, *lacked = NULL;
            for (size_t j = 0; j < out->n && !did; j++) {
                fl_finding *g = &out->items[j];
                if (g->turn != e->turn || g->points >= 0 || g->note)
                    continue;
                if (g->dimension == FL_DIM_EMPATHY || g->dimension == FL_DIM_APOLOGY ||
                    g->dimension == FL_DIM_RESPONSIVENESS) {
                    if (!lacked)
                        lacked = g;
                } else {
                    did = g;
                }
            }
            fl_finding *g = did ? did : lacked;
            if (g) {
                g->note = r->note;
                break;
            }
            if (r->critical) /* the critical-reply finding carries it (below) */
                break;
            fl_finding *f = add(&b, e->turn, -1, 0, FL_FIND_INFO, "note", NULL, nd, rp);
            if (f && !(f->message = strdup(r->note))) {
                out->n--;
                b.failed = 1;
            }
            break;
        }
        case FL_EV_CRITICAL:
            if (n_crit < sizeof(crit) / sizeof(crit[0]))
                crit[n_crit++] = e;
            break;
        }
    }

    /* Rules decided by the whole conversation. */
    if (st->grievance_turn >= 0) {
        int late = st->apology_turn >= 0 &&
                   st->apology_turn - st->grievance_turn >= p[FL_P_APOLOGY_WINDOW];
        if (st->apology_turn < 0)
            addm(&b, (uint32_t)st->grievance_turn + 1, FL_DIM_APOLOGY, -100, FL_FIND_MISTAKE,
                 M_APOLOGY_MISSING, -1, -1);
        else if (late)
            addm(&b, (uint32_t)st->apology_turn + 1, FL_DIM_APOLOGY, p[FL_P_APOLOGY_LATE] - 100,
                 FL_FIND_WARNING, M_APOLOGY_LATE, -1, -1, st->apology_turn + 1,
                 p[FL_P_APOLOGY_WINDOW]);
    }
    if (s->n_offers && st->upsell < 0 && st->good_moment_turn >= 0)
        addm(&b, (uint32_t)st->good_moment_turn + 1, FL_DIM_UPSELL, p[FL_P_UPSELL_MISSED] - 100,
             FL_FIND_INFO, M_UPSELL_MISSED, -1, -1);
    fl_outcome o = fl_engine_outcome(eng, st);
    uint32_t last = st->turn;
    if (!st->ended)
        addm(&b, last, FL_DIM_RESOLUTION, -100, FL_FIND_WARNING, M_UNFINISHED, -1, -1);
    else if (st->hung_up)
        addm(&b, last, FL_DIM_RESOLUTION, -100, FL_FIND_MISTAKE, M_HUNG_UP, -1, -1);
    else if (o != FL_OUTCOME_RESOLVED)
        addm(&b, last, FL_DIM_RESOLUTION, outcome_points[o] - 100, FL_FIND_MISTAKE,
             o == FL_OUTCOME_PARTLY      ? M_OUTCOME_PARTLY
             : o == FL_OUTCOME_ESCALATED ? M_OUTCOME_ESCALATED
                                         : M_OUTCOME_LOST,
             -1, -1);

    /* Each critical mistake marks the finding that explains it, or gets one of its own. */
    for (size_t i = 0; i < n_crit && !b.failed; i++) {
        const fl_event *e = crit[i];
        uint32_t item = 1u << e->a;
        fl_finding *g = NULL;
        if (item == FL_CRIT_REPLY) /* the finding its note explains, first */
            for (size_t j = 0; j < out->n && !g; j++)
                if (out->items[j].turn == e->turn && out->items[j].note &&
                    out->items[j].note == s->nodes[e->node].replies[e->reply].note)
                    g = &out->items[j];
        for (size_t j = 0; j < out->n && !g; j++) {
            const fl_finding *h = &out->items[j];
            if (h->critical || h->turn != e->turn)
                continue;
            /* a reply marked critical: the finding of what it did wrong, if it did */
            if (item == FL_CRIT_REPLY ? h->node == e->node && h->reply == e->reply && h->points < 0
                                      : explains(h->rule, item))
                g = &out->items[j];
        }
        if (!g && item == FL_CRIT_REPLY) {
            addm(&b, e->turn, -1, 0, FL_FIND_MISTAKE, M_CRITICAL_REPLY, e->node, e->reply);
            g = b.failed ? NULL : &out->items[out->n - 1];
            if (g)
                g->note = s->nodes[e->node].replies[e->reply].note;
        } else if (!g) {
            const char *name = fl_critical_name(e->a);
            addm(&b, e->turn, -1, 0, FL_FIND_MISTAKE, M_CRITICAL_ITEM, e->node, e->reply,
                 name ? name : "?");
            g = b.failed ? NULL : &out->items[out->n - 1];
        }
        if (g) {
            g->critical = 1;
            g->severity = FL_FIND_MISTAKE;
        }
    }

    if (b.failed) {
        fl_findings_free(out);
        return -1;
    }
    /* Critical mistakes first, then in turn order (stable: the events of one turn keep their
     * order). */
    for (size_t i = 1; i < out->n; i++) {
        fl_finding f = out->items[i];
        size_t j = i;
        while (j > 0 &&
               (out->items[j - 1].critical < f.critical ||
                (out->items[j - 1].critical == f.critical && out->items[j - 1].turn > f.turn))) {
            out->items[j] = out->items[j - 1];
            j--;
        }
        out->items[j] = f;
    }
    return 0;
}

void fl_findings_free(fl_findings *f)
{
    for (size_t i = 0; i < f->n; i++)
        free(f->items[i].message);
    free(f->items);
    f->items = NULL;
    f->n = 0;
}
