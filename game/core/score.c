/*
 * score.c - the scoring, the findings and the survey; see score.h. The rules are scoring.md's;
 * the words of the findings are the catalogue's (catalogue.def), in English and Russian.
 */
#include "alloc.h"
#include "score.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "format.h"
#include "vec.h"
#include "voice.h"

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

/* The rule that explains an outcome short of resolved (FL_EV_COUNT for resolved). */
static fl_event_kind outcome_rule(fl_outcome o)
{
    return o == FL_OUTCOME_RESOLVED    ? FL_EV_COUNT
           : o == FL_OUTCOME_PARTLY    ? FL_EV_OUTCOME_PARTLY
           : o == FL_OUTCOME_ESCALATED ? FL_EV_OUTCOME_ESCALATED
           : o == FL_OUTCOME_LOST      ? FL_EV_OUTCOME_LOST
                                       : FL_EV_UNFINISHED;
}

/* Resolution's points for an outcome: 100 less what its rule costs. */
static int outcome_points(const fl_scenario *s, fl_outcome o)
{
    fl_event_kind k = outcome_rule(o);
    return k == FL_EV_COUNT ? 100 : 100 - fl_rule_points(s, k);
}

static int apology_score(const fl_scenario *s, const fl_state *st)
{
    const int *p = s->params;
    int v;
    if (st->apology_turn < 0)
        v = 0;
    else if (st->apology_turn - st->grievance_turn < p[FL_P_APOLOGY_WINDOW])
        v = 100;
    else
        v = fl_rule_points(s, FL_EV_APOLOGY_LATE);
    if ((int64_t)st->apologies > p[FL_P_APOLOGY_MAX])
        v -= fl_rule_points(s, FL_EV_APOLOGY_TOO_MANY);
    return clamp(v, 0, 100);
}

/* Ownership before clamping to 0..100, in 64 bits: the counts are a session's (any number). */
static int ownership_raw(const fl_scenario *s, uint32_t transfers, uint32_t recoveries)
{
    int64_t v = 100 - (int64_t)fl_rule_points(s, FL_EV_TRANSFER) * transfers -
                (int64_t)fl_rule_points(s, FL_EV_RECOVERED) * recoveries;
    return v < -1000 ? -1000 : v > 1000 ? 1000 : (int)v;
}

void fl_score_compute(const fl_engine *eng, const fl_state *st, fl_scores *out)
{
    const fl_scenario *s = eng->scenario;
    const int *p = s->params;
    memset(out, 0, sizeof(*out));
    out->outcome = fl_engine_outcome(eng, st);
    memcpy(out->weight, s->weights, sizeof(out->weight));
    out->attempted = st->turn > 0;
    out->finished = st->ended != 0;
    out->critical = __builtin_popcount(st->critical); /* a session counts each occurrence */
    out->critical_items = st->critical;
    if (!out->attempted) { /* quit before anything happened: nothing to score */
        out->band = '-';
        return;
    }
    int spoke = st->spoke; /* evidence for Tone, Upsell timing and Ownership */

    if (st->emo_total) {
        out->applicable[FL_DIM_EMPATHY] = 1;
        assert(st->emo_answered <= st->emo_total);
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
        out->score[FL_DIM_TONE] = st->tone_lost >= 100 ? 0 : 100 - (int)st->tone_lost;
    }
    if (s->n_offers && spoke) {
        out->applicable[FL_DIM_UPSELL] = 1;
        out->score[FL_DIM_UPSELL] = st->upsell >= 0 ? st->upsell
                                    : st->good_moment_turn >= 0
                                        ? fl_rule_points(s, FL_EV_UPSELL_MISSED)
                                        : 100;
    }
    out->applicable[FL_DIM_RESOLUTION] = 1;
    out->score[FL_DIM_RESOLUTION] =
        clamp(outcome_points(s, out->outcome) -
                  (st->over_budget ? fl_rule_points(s, FL_EV_OVER_BUDGET) : 0),
              0, 100);
    if (eng->timed && st->resp_n) {
        out->applicable[FL_DIM_RESPONSIVENESS] = 1;
        assert(st->resp_sum <= 100u * (uint64_t)st->resp_n); /* 0..100 points a reply */
        out->score[FL_DIM_RESPONSIVENESS] = rdiv((long)st->resp_sum, st->resp_n);
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
     * QA scorecard's sections each have a minimum), so the agent's conduct (Empathy, Apology,
     * Ownership, Tone) may not fall under the floor. A failed conversation is capped below the
     * pass mark, as a scorecard's auto-fail caps the score: a critical mistake at pass - 11 (an F
     * at the default 70), a dimension under the floor at pass - 1. A poorer conversation keeps
     * its lower score, so failed ones are still told apart, and passed <=> overall >= pass. */
    for (int d = 0; d < FL_DIM_COUNT; d++)
        if (out->applicable[d] && (FL_FLOOR_DIMENSIONS & (1u << d)) &&
            out->score[d] < p[FL_P_PASS_FLOOR])
            out->below_floor |= 1u << d;
    out->overall = out->raw;
    int cap = out->critical                        ? p[FL_P_PASS] - FL_CRITICAL_CAP_BELOW
              : out->below_floor || !out->finished ? p[FL_P_PASS] - 1
                                                   : 100;
    if (cap < 0)
        cap = 0;
    if (out->overall > cap)
        out->overall = cap;
    out->band = out->overall >= 90   ? 'A'
                : out->overall >= 80 ? 'B'
                : out->overall >= 70 ? 'C'
                : out->overall >= 60 ? 'D'
                                     : 'F';
    out->passed =
        !out->critical && !out->below_floor && out->finished && out->overall >= p[FL_P_PASS];
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
    /* in 64 bits: the counts are a session's; the effort is 1..7 whatever they are */
    int64_t slow = st->resp_n ? (int64_t)((st->resp_n * (uint64_t)100 - st->resp_sum) / 100) : 0;
    int64_t ces = 1 + 2 * (int64_t)st->transfers + st->timeouts + slow / 2 +
                  (st->elapsed_ms > 300000 ? 1 : 0) + (o == FL_OUTCOME_RESOLVED ? 0 : 2);
    out->ces = ces > 7 ? 7 : (int)ces;

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

/* The words of each rule's finding (fl_rule_defs), by rule: its message and its better
 * alternative (FL_W_NONE: none), from the catalogue (catalogue.def, which documents each
 * message's printf conversions: the rule's arguments, given to addm() below). The engine's
 * FL_EV_NOTE and FL_EV_CRITICAL have none: a note is the author's words, and a critical mistake
 * marks another finding or gets one of CRITICAL_ITEM and CRITICAL_REPLY. */
static const struct {
    fl_word_id text, better;
} rule_words[FL_EV_COUNT] = {
    [FL_EV_EMPATHY_MISSED] = {FL_W_FIND_EMPATHY_MISSED, FL_W_FIND_EMPATHY_MISSED_BETTER},
    [FL_EV_EMPATHY_OPENING] = {FL_W_FIND_EMPATHY_OPENING, FL_W_FIND_EMPATHY_OPENING_BETTER},
    [FL_EV_APOLOGY_LATE] = {FL_W_FIND_APOLOGY_LATE, FL_W_FIND_APOLOGY_LATE_BETTER},
    [FL_EV_APOLOGY_MISSING] = {FL_W_FIND_APOLOGY_MISSING, FL_W_FIND_APOLOGY_MISSING_BETTER},
    [FL_EV_APOLOGY_TOO_MANY] = {FL_W_FIND_APOLOGY_TOO_MANY, FL_W_FIND_APOLOGY_TOO_MANY_BETTER},
    [FL_EV_TRANSFER] = {FL_W_FIND_TRANSFER, FL_W_FIND_TRANSFER_BETTER},
    [FL_EV_RECOVERED] = {FL_W_FIND_RECOVERED, FL_W_NONE},
    [FL_EV_FAMILIAR] = {FL_W_FIND_FAMILIAR, FL_W_FIND_FAMILIAR_BETTER},
    [FL_EV_FAMILIAR_OPEN] = {FL_W_FIND_FAMILIAR_OPEN, FL_W_FIND_FAMILIAR_OPEN_BETTER},
    [FL_EV_FAMILIAR_AGAIN] = {FL_W_FIND_FAMILIAR_AGAIN, FL_W_FIND_FAMILIAR_AGAIN_BETTER},
    [FL_EV_RUDE] = {FL_W_FIND_RUDE, FL_W_FIND_RUDE_BETTER},
    [FL_EV_CANNED] = {FL_W_FIND_CANNED, FL_W_FIND_CANNED_BETTER},
    [FL_EV_REPEATED] = {FL_W_FIND_REPEATED, FL_W_FIND_REPEATED_BETTER},
    [FL_EV_JARGON] = {FL_W_FIND_JARGON, FL_W_FIND_JARGON_BETTER},
    [FL_EV_JARGON_CONFUSED] = {FL_W_FIND_JARGON_CONFUSED, FL_W_FIND_JARGON_CONFUSED_BETTER},
    [FL_EV_UPSELL_UNHAPPY] = {FL_W_FIND_UPSELL_UNHAPPY, FL_W_FIND_UPSELL_UNHAPPY_BETTER},
    [FL_EV_UPSELL_OPEN] = {FL_W_FIND_UPSELL_OPEN, FL_W_FIND_UPSELL_OPEN_BETTER},
    [FL_EV_UPSELL_LUKEWARM] = {FL_W_FIND_UPSELL_LUKEWARM, FL_W_FIND_UPSELL_LUKEWARM_BETTER},
    [FL_EV_UPSELL_MISSED] = {FL_W_FIND_UPSELL_MISSED, FL_W_FIND_UPSELL_MISSED_BETTER},
    [FL_EV_OVER_BUDGET] = {FL_W_FIND_OVER_BUDGET, FL_W_FIND_OVER_BUDGET_BETTER},
    [FL_EV_SLOW] = {FL_W_FIND_SLOW, FL_W_FIND_SLOW_BETTER},
    [FL_EV_TIMEOUT] = {FL_W_FIND_TIMEOUT, FL_W_FIND_TIMEOUT_BETTER},
    [FL_EV_OUTCOME_PARTLY] = {FL_W_FIND_OUTCOME_PARTLY, FL_W_FIND_OUTCOME_PARTLY_BETTER},
    [FL_EV_OUTCOME_ESCALATED] = {FL_W_FIND_OUTCOME_ESCALATED, FL_W_FIND_OUTCOME_ESCALATED_BETTER},
    [FL_EV_OUTCOME_LOST] = {FL_W_FIND_OUTCOME_LOST, FL_W_FIND_HUNG_UP_BETTER},
    [FL_EV_HUNG_UP] = {FL_W_HUNG_UP, FL_W_FIND_HUNG_UP_BETTER},
    [FL_EV_UNFINISHED] = {FL_W_FIND_UNFINISHED, FL_W_NONE},
    [FL_EV_CRITICAL_ITEM] = {FL_W_FIND_CRITICAL_ITEM, FL_W_NONE},
    [FL_EV_CRITICAL_REPLY] = {FL_W_FIND_CRITICAL_REPLY, FL_W_NONE},
    [FL_EV_VOICE_LOUD] = {FL_W_FIND_VOICE_LOUD, FL_W_FIND_VOICE_LOUD_BETTER},
    [FL_EV_VOICE_FAST] = {FL_W_FIND_VOICE_FAST, FL_W_FIND_VOICE_FAST_BETTER},
};

typedef struct {
    fl_findings *out;
    size_t cap;
    int lang; /* FL_LANG_EN or FL_LANG_RU */
    int failed;
    const fl_scenario *scenario;
} builder;

static fl_finding *add(builder *b, uint32_t turn, int dim, int points, fl_finding_severity sev,
                       const char *rule, const char *better, int32_t node, int32_t reply)
{
    if (b->failed)
        return NULL;
    if (FL_GROW(b->out->items, b->cap, b->out->n + 1)) {
        b->failed = 1;
        return NULL;
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

/* Adds a finding of rule m (its dimension, severity and id from fl_rule_defs), worded by its
 * message (printf arguments follow). */
static void addm(builder *b, uint32_t turn, int points, fl_event_kind m, int32_t node,
                 int32_t reply, ...)
{
    const fl_rule_def *def = &fl_rule_defs[m];
    assert(rule_words[m].text != FL_W_NONE);
    fl_finding *f = add(b, turn, def->dimension, points, (fl_finding_severity)def->severity,
                        def->id, fl_word(rule_words[m].better, b->lang), node, reply);
    if (!f)
        return;
    /* the author's <better> is about the reply's words; the voice's advice is about the voice */
    if (m == FL_EV_VOICE_LOUD || m == FL_EV_VOICE_FAST)
        f->better = fl_word(rule_words[m].better, b->lang);
    char buf[512];
    va_list ap;
    va_start(ap, reply);
    vsnprintf(buf, sizeof(buf), fl_word(rule_words[m].text, b->lang), ap);
    va_end(ap);
    if (!(f->message = fl_strdup(buf))) {
        b->out->n--;
        b->failed = 1;
    }
}

/* Whether a finding of this rule id explains the critical item (FL_CRIT_* or a signal bit). */
static int explains(const char *rule, uint32_t item)
{
    for (int k = 0; k < FL_EV_COUNT; k++)
        if ((fl_rule_defs[k].critical & item) && strcmp(fl_rule_defs[k].id, rule) == 0)
            return 1;
    return 0;
}

int fl_findings_build(const fl_engine *eng, const fl_state *st, const fl_event *events,
                      size_t n_events, fl_findings *out)
{
    const fl_scenario *s = eng->scenario;
    const int *p = s->params;
    builder b = {out, 0, fl_word_lang(s->lang), 0, s};
    out->items = NULL;
    out->n = 0;

    /* Each dimension's running score, so a finding's points are what it really cost (floors
     * applied in order: the findings of a dimension add up to its loss). */
    int raw[FL_DIM_COUNT], upsell_min = 100;
    for (int d = 0; d < FL_DIM_COUNT; d++)
        raw[d] = 100;
    const fl_event *crit[64]; /* critical mistakes, marked once every finding exists */
    size_t n_crit = 0;
    for (size_t i = 0; i < n_events; i++) {
        const fl_event *e = &events[i];
        const fl_rule_def *def = &fl_rule_defs[e->kind];
        int32_t nd = e->node, rp = e->reply;
        int before, pts;
        switch (e->kind) {
        case FL_EV_EMPATHY_MISSED:
        case FL_EV_EMPATHY_OPENING:
            addm(&b, e->turn, -rdiv(100L * e->a, st->emo_total ? st->emo_total : 1), e->kind, nd,
                 rp, fl_word(fl_word_feeling(e->b), b.lang));
            break;
        case FL_EV_APOLOGY_TOO_MANY: {
            char many[64];
            addm(&b, e->turn, st->grievance_turn >= 0 ? -fl_rule_points(s, e->kind) : 0, e->kind,
                 nd, rp, fl_format_count(many, sizeof many, b.lang, e->a, FL_W_PL_APOLOGIES));
            break;
        }
        case FL_EV_TRANSFER:
        case FL_EV_RECOVERED:
        case FL_EV_FAMILIAR:
        case FL_EV_FAMILIAR_OPEN:
        case FL_EV_FAMILIAR_AGAIN:
        case FL_EV_RUDE:
        case FL_EV_CANNED:
        case FL_EV_REPEATED:
        case FL_EV_JARGON:
        case FL_EV_JARGON_CONFUSED:
            /* Ownership and Tone: 100 less the rules' points, kept within 0..100 */
            before = clamp(raw[def->dimension], 0, 100);
            raw[def->dimension] -= fl_rule_points(s, e->kind);
            addm(&b, e->turn, clamp(raw[def->dimension], 0, 100) - before, e->kind, nd, rp);
            break;
        case FL_EV_UPSELL_UNHAPPY:
        case FL_EV_UPSELL_OPEN:
        case FL_EV_UPSELL_LUKEWARM:
            pts = e->a < upsell_min ? e->a - upsell_min : 0;
            if (e->a < upsell_min)
                upsell_min = e->a;
            addm(&b, e->turn, pts, e->kind, nd, rp, e->b, p[FL_P_UPSELL_MOOD]);
            break;
        case FL_EV_OVER_BUDGET: {
            /* the amounts as money in the scenario's unit: «2 250 ₽», "€20" */
            char spent[64], budget[64];
            int have = outcome_points(s, fl_engine_outcome(eng, st));
            int pen = fl_rule_points(s, e->kind);
            addm(&b, e->turn, -(have < pen ? have : pen), e->kind, nd, rp,
                 fl_format_money(spent, sizeof spent, b.lang, e->a, s->goodwill_unit),
                 fl_format_money(budget, sizeof budget, b.lang, s->goodwill_budget,
                                 s->goodwill_unit));
            break;
        }
        case FL_EV_SLOW:
            if (eng->timed && st->resp_n)
                addm(&b, e->turn, -rdiv(100 - e->a, st->resp_n), e->kind, nd, rp, e->b, e->c);
            break;
        case FL_EV_TIMEOUT:
            if (eng->timed && st->resp_n)
                addm(&b, e->turn, -rdiv(100, st->resp_n), e->kind, nd, -1, e->c);
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
            if (f && !(f->message = fl_strdup(r->note))) {
                out->n--;
                b.failed = 1;
            }
            break;
        }
        case FL_EV_VOICE_LOUD:
        case FL_EV_VOICE_FAST:
            /* Tone, like the rules of the words above; the figures in the message (the voiced
             * RMS rounded to whole dBFS, the rate to tenths) */
            before = clamp(raw[def->dimension], 0, 100);
            raw[def->dimension] -= fl_rule_points(s, e->kind);
            if (e->kind == FL_EV_VOICE_LOUD)
                addm(&b, e->turn, clamp(raw[def->dimension], 0, 100) - before, e->kind, nd, rp,
                     (e->a >= 0 ? e->a + 5 : e->a - 5) / 10, (int)FL_VOICE_LOUD_DBFS);
            else
                addm(&b, e->turn, clamp(raw[def->dimension], 0, 100) - before, e->kind, nd, rp,
                     e->a / 10, e->a % 10);
            break;
        case FL_EV_CRITICAL:
            if (n_crit < sizeof(crit) / sizeof(crit[0]))
                crit[n_crit++] = e;
            break;
        default: /* decided below from the whole conversation; the engine never reports them */
            assert(!"a rule of the whole conversation reported by the engine");
            break;
        }
    }

    /* Rules decided by the whole conversation. */
    if (st->grievance_turn >= 0) {
        int late = st->apology_turn >= 0 &&
                   st->apology_turn - st->grievance_turn >= p[FL_P_APOLOGY_WINDOW];
        if (st->apology_turn < 0)
            addm(&b, (uint32_t)st->grievance_turn + 1, -fl_rule_points(s, FL_EV_APOLOGY_MISSING),
                 FL_EV_APOLOGY_MISSING, -1, -1);
        else if (late) {
            char window[64];
            addm(&b, (uint32_t)st->apology_turn + 1, fl_rule_points(s, FL_EV_APOLOGY_LATE) - 100,
                 FL_EV_APOLOGY_LATE, -1, -1, st->apology_turn + 1,
                 fl_format_count(window, sizeof window, b.lang, p[FL_P_APOLOGY_WINDOW],
                                 FL_W_PL_REPLIES));
        }
    }
    if (s->n_offers && st->upsell < 0 && st->good_moment_turn >= 0)
        addm(&b, (uint32_t)st->good_moment_turn + 1, fl_rule_points(s, FL_EV_UPSELL_MISSED) - 100,
             FL_EV_UPSELL_MISSED, -1, -1);
    fl_outcome o = fl_engine_outcome(eng, st);
    fl_event_kind ending = !st->ended    ? FL_EV_UNFINISHED
                           : st->hung_up ? FL_EV_HUNG_UP
                                         : outcome_rule(o);
    if (ending != FL_EV_COUNT)
        addm(&b, st->turn, -fl_rule_points(s, ending), ending, -1, -1);

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
            addm(&b, e->turn, 0, FL_EV_CRITICAL_REPLY, e->node, e->reply);
            g = b.failed ? NULL : &out->items[out->n - 1];
            if (g)
                g->note = s->nodes[e->node].replies[e->reply].note;
        } else if (!g) {
            const char *name = fl_critical_name(e->a);
            addm(&b, e->turn, 0, FL_EV_CRITICAL_ITEM, e->node, e->reply, name ? name : "?");
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
