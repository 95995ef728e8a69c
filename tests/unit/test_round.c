/*
 * test_round.c - stress rounds in the core (round.h, docs/engine.md "Stress rounds: time in the
 * core") and the engine and session additions they rest on: the level's limit for every node, the
 * customer who hangs up, the wait that goes on costing patience past the limit.
 *
 * Rounds are built by hand (round files are round_load.c's business) over bundled scenarios and a
 * few small ones written here. Every expected tick is computed in the test from the numbers a
 * trainer can read (the start patience, the limit, the length of the customer's line), not taken
 * from the round.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "lexicon.h"
#include "round.h"
#include "scenario.h"
#include "score.h"
#include "session.h"

#define NEVER  UINT64_MAX
#define EN_DIR FL_SOURCE_DIR "/scenarios/en/"

/* ---- scenarios ---------------------------------------------------------------------------- */

static fl_scenario *load_file(const char *path)
{
    fl_diags d;
    fl_scenario *s = NULL;
    fl_diags_init(&d, path);
    int rc = fl_scenario_load_file(&s, path, &d);
    fl_diags_clear(&d);
    assert_int_equal(rc, 0);
    assert_non_null(s);
    return s;
}

static fl_scenario *load_xml(const char *xml)
{
    fl_diags d;
    fl_scenario *s = NULL;
    fl_diags_init(&d, "test.xml");
    int rc = fl_scenario_load_memory(&s, xml, strlen(xml), NULL, &d);
    char line[1024];
    for (size_t i = 0; i < d.count; i++) {
        fl_diag_format(line, sizeof(line), d.file, &d.items[i]);
        print_message("%s\n", line);
    }
    fl_diags_clear(&d);
    assert_int_equal(rc, 0);
    assert_non_null(s);
    return s;
}

/* A customer with patience `patience` whose only node has an angry line and three replies: a
 * good one that resolves, a rude one that loses them, and a plain one that resolves without a
 * word for the feeling; no <timing>, no <timeout>. */
#define MINI(id, patience, line)                                                                   \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"                                                   \
    "<scenario id=\"" id "\" version=\"1\" lang=\"en\"><title>T</title><brief>B</brief>"           \
    "<customer name=\"Sam\"><start mood=\"-40\" patience=\"" patience "\" trust=\"50\"/>"          \
    "</customer>"                                                                                  \
    "<node id=\"start\"><say emotion=\"angry\" grievance=\"yes\">" line "</say>"                   \
    "<reply id=\"fix\" to=\"done\" signals=\"apology empathy ownership resolve\">I am sorry, "     \
    "Sam. "                                                                                        \
    "I will fix it myself right now.</reply>"                                                      \
    "<reply id=\"rude\" to=\"lost\" signals=\"rude\">Not my problem.</reply>"                      \
    "<reply id=\"plain\" to=\"done\" signals=\"ownership resolve\">I will resend it "              \
    "today.</reply>"                                                                               \
    "</node>"                                                                                      \
    "<ending id=\"done\" outcome=\"resolved\"/><ending id=\"lost\" outcome=\"lost\"/></scenario>"

static const char mini_a[] = MINI("mini-a", "40", "My order is late again.");
static const char mini_b[] =
    MINI("mini-b", "40", "The parcel never came and nobody called me back.");
static const char mini_c[] = MINI("mini-c", "40", "You charged me twice.");

/* ---- round definitions -------------------------------------------------------------------- */

typedef struct {
    fl_round_level levels[FL_ROUND_MAX_LEVELS];
    fl_round_def def; /* its levels point into this struct: never copy it */
} round_def;

static void def_init(round_def *d, uint32_t at_once, uint32_t customers, uint64_t seed)
{
    memset(d, 0, sizeof(*d));
    d->def.id = "test-round";
    d->def.version = 1;
    d->def.lang = "en";
    d->def.title = "Test round";
    d->def.at_once = at_once;
    d->def.customers = customers;
    d->def.seed = seed;
    d->def.levels = d->levels;
    d->def.pass_lost = 0;
    d->def.pass_mean = 70;
}

static void def_level(round_def *d, uint32_t limit_ms, uint32_t every_ms, uint32_t customers)
{
    d->levels[d->def.n_levels++] = (fl_round_level){limit_ms, every_ms, customers, {0, 0}};
}

static fl_round *round_new(const round_def *d, const fl_scenario *const *pool, uint32_t n,
                           uint32_t pct, uint64_t seed, fl_lexicon *lx)
{
    fl_round_opts o = {.time_pct = pct, .seed = seed, .lexicon = lx};
    fl_round *r = NULL;
    assert_int_equal(fl_round_new(&r, &d->def, pool, n, &o), 0);
    assert_non_null(r);
    return r;
}

static fl_call_view view(const fl_round *r, uint32_t number)
{
    fl_call_view v;
    assert_int_equal(fl_round_call(r, number, &v), 0);
    return v;
}

static size_t turns_of(const fl_session *ss)
{
    size_t n;
    fl_session_turns(ss, &n);
    return n;
}

static const fl_round_event *last_event(const fl_round *r, size_t back)
{
    size_t n;
    const fl_round_event *ev = fl_round_timeline(r, &n);
    assert_true(n > back);
    return &ev[n - 1 - back];
}

/* Ticks through every due thing up to `until` (or the end of the round). */
static void run_until(fl_round *r, uint64_t until)
{
    for (;;) {
        uint64_t next = fl_round_next_ms(r);
        if (next == NEVER || next > until) {
            if (until != NEVER)
                assert_true(fl_round_tick(r, until) >= 0);
            return;
        }
        assert_true(fl_round_tick(r, next) >= 1);
    }
}

/* The first reply offered at the call's node. */
static uint32_t first_offered(const fl_session *ss)
{
    uint32_t idx[64];
    assert_true(fl_session_offered(ss, idx, 64) >= 1);
    return idx[0];
}

/* ---- a bot that plays a round -------------------------------------------------------------- */

/* How long the bot takes over turn `turn` of call `number`: 2 to 21 s, so that some replies come
 * after a level's limit. */
static uint64_t bot_delay(uint32_t number, size_t turn)
{
    return 2000 + (uint64_t)((number * 7 + turn * 13) % 20) * 1000;
}

static const char bot_text[] = "I'm so sorry, Lena. Let me refund that second payment myself now.";

/* Plays the round to its end: each waiting call gets its first offered reply (typed text at a
 * free-text node) bot_delay() after its wait began, unless its timeout or hang-up comes first.
 * Checks on the way that never more than at_once calls are live. */
static void run_bot(fl_round *r, uint32_t at_once)
{
    for (int guard = 0; guard < 100000 && !fl_round_over(r); guard++) {
        uint32_t live[FL_ROUND_MAX_AT_ONCE];
        uint32_t n = fl_round_live(r, live, FL_ROUND_MAX_AT_ONCE);
        assert_true(n <= at_once);
        uint64_t act_at = NEVER;
        uint32_t who = 0;
        for (uint32_t k = 0; k < n; k++) {
            fl_call_view v = view(r, live[k]);
            if (v.phase != FL_CALL_WAITING)
                continue;
            uint64_t t = v.wait_from_ms + bot_delay(v.number, turns_of(v.session) + 1);
            if (t < act_at)
                act_at = t, who = v.number;
        }
        uint64_t next = fl_round_next_ms(r);
        if (next <= act_at) {
            assert_true(next != NEVER);
            assert_true(fl_round_tick(r, next) >= 1);
            continue;
        }
        const fl_session *ss = view(r, who).session;
        if (fl_session_node(ss)->free_text)
            assert_int_equal(fl_round_type(r, who, bot_text, strlen(bot_text), act_at), 0);
        else
            assert_int_equal(fl_round_choose(r, who, first_offered(ss), act_at), 0);
    }
    assert_true(fl_round_over(r));
}

/* ---- the engine and the session ----------------------------------------------------------- */

/* A round's level limit applies to a scenario without <timing>: replies are timed (and scored for
 * Responsiveness) though nothing can time out, and a wait past the limit goes on costing patience
 * where no <timeout> would have come first. */
static void session_limit_override_and_wait_past_the_limit(void **state)
{
    (void)state;
    fl_scenario *s = load_xml(mini_a);
    fl_session *ss;
    fl_session_opts plain = {.timed = 1};
    assert_int_equal(fl_session_new(&ss, s, &plain), 0);
    assert_int_equal(fl_session_limit_ms(ss), 0); /* the scenario has no limits */
    fl_session_free(ss);

    fl_session_opts level = {.timed = 1, .limit_ms = 12000};
    assert_int_equal(fl_session_new(&ss, s, &level), 0);
    assert_int_equal(fl_session_limit_ms(ss), 12000);
    assert_false(fl_engine_can_timeout(fl_session_engine(ss), fl_session_state(ss)));
    assert_int_equal(fl_session_timeout(ss), -1);
    /* twice the limit: 15 x 2^2 = 60 of the customer's 40 patience, and the customer is gone */
    assert_int_equal(fl_engine_wait_cost(24000, 12000), 60);
    assert_int_equal(fl_session_choose(ss, 0, 24000), 0);
    size_t n;
    const fl_turn *t = fl_session_turns(ss, &n);
    assert_int_equal(t[0].took_ms, 24000);
    assert_int_equal(t[0].elapsed_ms, 24000);
    fl_scores sc;
    assert_int_equal(fl_session_report(ss, &sc, NULL, NULL), 0);
    assert_true(sc.applicable[FL_DIM_RESPONSIVENESS]);
    assert_int_equal(sc.score[FL_DIM_RESPONSIVENESS], 0);
    fl_session_free(ss);

    /* untimed, the limit is ignored */
    fl_session_opts untimed = {.timed = 0, .limit_ms = 12000};
    assert_int_equal(fl_session_new(&ss, s, &untimed), 0);
    assert_int_equal(fl_session_limit_ms(ss), 0);
    fl_session_free(ss);
    fl_scenario_free(s);

    /* where a <timeout> would have come first, a late reply counts as one at the limit (as
     * before rounds existed) */
    s = load_file(EN_DIR "late-delivery.xml");
    assert_int_equal(fl_session_new(&ss, s, &plain), 0);
    int32_t p0 = s->start_patience;
    assert_int_equal(fl_session_choose(ss, 0, 90000), 0);
    t = fl_session_turns(ss, &n);
    assert_int_equal(t[0].took_ms, 30000);
    assert_int_equal(t[0].patience, p0 - 15); /* the reply's own effect has no patience */
    fl_session_free(ss);
    fl_scenario_free(s);
}

/* fl_session_hang_up: dead air that lost the customer, in the transcript as a turn without a
 * reply, and in the findings as hung up (lost) and a long wait, both critical. */
static void session_hang_up_is_lost_dead_air(void **state)
{
    (void)state;
    fl_scenario *s = load_file(EN_DIR "familiar-chat.xml");
    fl_session *ss;
    fl_session_opts untimed = {.timed = 0};
    assert_int_equal(fl_session_new(&ss, s, &untimed), 0);
    assert_int_equal(fl_session_hang_up(ss, 5000), -1); /* nobody hangs up untimed */
    fl_session_free(ss);

    fl_session_opts level = {.timed = 1, .limit_ms = 20000};
    assert_int_equal(fl_session_new(&ss, s, &level), 0);
    assert_int_equal(fl_session_choose(ss, 0, 4000), 0); /* a first good reply */
    assert_int_equal(fl_session_hang_up(ss, 41000), 0);  /* then the customer waits 41 s */
    assert_true(fl_session_ended(ss));
    assert_int_equal(fl_session_choose(ss, 0, 1000), -1);
    assert_int_equal(fl_session_hang_up(ss, 1000), -1);
    size_t n;
    const fl_turn *t = fl_session_turns(ss, &n);
    assert_int_equal(n, 2);
    assert_int_equal(t[1].reply, -1);
    assert_true(t[1].hung_up);
    assert_false(t[0].hung_up);
    assert_int_equal(t[1].took_ms, 41000);
    assert_int_equal(t[1].patience, 0);
    assert_int_equal(t[1].elapsed_ms, 45000);
    const fl_state *st = fl_session_state(ss);
    assert_true(st->hung_up);
    assert_int_equal(st->timeouts, 1);
    assert_int_equal(fl_engine_outcome(fl_session_engine(ss), st), FL_OUTCOME_LOST);

    fl_scores sc;
    fl_findings f;
    assert_int_equal(fl_session_report(ss, &sc, NULL, &f), 0);
    assert_int_equal(sc.outcome, FL_OUTCOME_LOST);
    assert_false(sc.passed);
    assert_true(sc.critical_items & FL_CRIT_LOST);
    assert_true(sc.critical_items & FL_CRIT_TIMEOUT);
    assert_int_equal(sc.score[FL_DIM_RESOLUTION], 0);
    assert_int_equal(sc.score[FL_DIM_RESPONSIVENESS], 50); /* 100 for the reply, 0 for the wait */
    int hung = 0, wait = 0;
    for (size_t i = 0; i < f.n; i++) {
        if (strcmp(f.items[i].rule, "hung-up") == 0) {
            hung = 1;
            assert_true(f.items[i].critical);
            assert_int_equal(f.items[i].turn, 2);
        }
        if (strcmp(f.items[i].rule, "timeout") == 0) {
            wait = 1;
            assert_true(f.items[i].critical);
            assert_int_equal(f.items[i].turn, 2);
            assert_non_null(strstr(f.items[i].message, "41 s")); /* the wait, not the limit */
        }
    }
    assert_true(hung);
    assert_true(wait);
    fl_findings_free(&f);
    fl_session_free(ss);
    fl_scenario_free(s);
}

/* ---- timing rules ------------------------------------------------------------------------- */

static void typing_time(void **state)
{
    (void)state;
    assert_int_equal(fl_typing_ms(0), 500);
    assert_int_equal(fl_typing_ms(10), 620);
    assert_int_equal(fl_typing_ms(108), 1796);
    assert_int_equal(fl_typing_ms(109), 1800);
    assert_int_equal(fl_typing_ms(1u << 30), 1800);
}

/* The engine time at which a customer with patience p0 has waited their patience away under a
 * limit of L ms: the smallest whole t with 15 t^2 >= p0 L^2 (the engine charges 15 (t/L)^2,
 * rounded down). */
static uint64_t by_hand_exhaust(int p0, uint64_t limit)
{
    uint64_t t = (uint64_t)floor(sqrt((double)p0 * (double)limit * (double)limit / 15.0));
    while (t > 0 && 15 * (t - 1) * (t - 1) >= (uint64_t)p0 * limit * limit)
        t--;
    while (15 * t * t < (uint64_t)p0 * limit * limit)
        t++;
    return t;
}

/* A customer of a scenario without <timeout> (familiar-chat: patience 65) in a level of 20 s:
 * nobody answers, and they hang up at the exact tick their patience runs out, lost. */
static void hang_up_at_the_exact_tick(void **state)
{
    (void)state;
    fl_scenario *s = load_file(EN_DIR "familiar-chat.xml");
    const fl_scenario *pool[] = {s};
    round_def d;
    def_init(&d, 1, 1, 7);
    def_level(&d, 20000, 60000, 1);
    fl_round *r = round_new(&d, pool, 1, 100, 0, NULL);

    /* the customer types her line first */
    const char *line = s->nodes[s->start].lines[0].text;
    uint64_t line_at = 500 + 12 * strlen(line);
    if (line_at > 1800)
        line_at = 1800;
    fl_call_view v = view(r, 1);
    assert_int_equal(v.phase, FL_CALL_TYPING);
    assert_int_equal(v.line_at_ms, line_at);
    assert_int_equal(fl_round_next_ms(r), line_at);

    uint64_t hang = line_at + by_hand_exhaust(s->start_patience, 20000);
    assert_true(hang > line_at + 20000); /* past the limit: there is no <timeout> */
    run_until(r, hang - 1);
    v = view(r, 1);
    assert_int_equal(v.phase, FL_CALL_WAITING);
    assert_int_equal(v.wait_from_ms, line_at);
    assert_int_equal(v.deadline_ms, NEVER);
    assert_int_equal(v.hangup_ms, hang);
    assert_int_equal(v.limit_ms, 20000);
    assert_int_equal(v.patience, 1); /* one millisecond before the end, one point is left */
    assert_int_equal(fl_round_next_ms(r), hang);

    assert_int_equal(fl_round_tick(r, hang), 1); /* one thing happened: the hang-up */
    v = view(r, 1);
    assert_int_equal(v.phase, FL_CALL_ENDED);
    assert_int_equal(v.ended_ms, hang);
    assert_int_equal(fl_engine_outcome(fl_session_engine(v.session), fl_session_state(v.session)),
                     FL_OUTCOME_LOST);
    const fl_round_event *e = last_event(r, 1);
    assert_int_equal(e->kind, FL_RE_HANGUP);
    assert_int_equal(e->at_ms, hang);
    assert_int_equal(e->turn, 1);
    assert_int_equal(e->waited_ms, hang - line_at);
    e = last_event(r, 0);
    assert_int_equal(e->kind, FL_RE_END);
    assert_int_equal(e->at_ms, hang);
    assert_int_equal(e->outcome, FL_OUTCOME_LOST);
    assert_true(fl_round_over(r));
    assert_int_equal(fl_round_next_ms(r), NEVER);

    size_t n;
    const fl_turn *t = fl_session_turns(v.session, &n);
    assert_int_equal(n, 1);
    assert_true(t[0].hung_up);
    assert_int_equal(t[0].took_ms, hang - line_at);

    fl_round_figures fg;
    assert_int_equal(fl_round_figures_get(r, NULL, &fg), 0);
    assert_int_equal(fg.lost, 1);
    assert_int_equal(fg.resolved, 0);
    assert_int_equal(fg.duration_ms, hang);
    assert_false(fg.passed);
    fl_round_free(r);
    fl_scenario_free(s);
}

/* late-delivery's first node has a <timeout> and the customer patience 55 (> 15: the limit comes
 * before her patience runs out): silence times out at exactly the limit and moves her on. */
static void timeout_at_the_exact_limit(void **state)
{
    (void)state;
    fl_scenario *s = load_file(EN_DIR "late-delivery.xml");
    const fl_scenario *pool[] = {s};
    round_def d;
    def_init(&d, 1, 1, 7);
    def_level(&d, 25000, 60000, 1);
    fl_round *r = round_new(&d, pool, 1, 100, 0, NULL);
    uint64_t line_at = fl_typing_ms(strlen(s->nodes[s->start].lines[0].text));
    uint64_t deadline = line_at + 25000;
    run_until(r, deadline - 1);
    fl_call_view v = view(r, 1);
    assert_int_equal(v.phase, FL_CALL_WAITING);
    assert_int_equal(v.deadline_ms, deadline);
    assert_int_equal(v.hangup_ms, NEVER); /* the timeout decides */
    assert_int_equal(turns_of(v.session), 0);

    assert_int_equal(fl_round_tick(r, deadline), 1);
    const fl_round_event *e = last_event(r, 0);
    assert_int_equal(e->kind, FL_RE_TIMEOUT);
    assert_int_equal(e->at_ms, deadline);
    assert_int_equal(e->turn, 1);
    assert_int_equal(e->waited_ms, 25000);
    v = view(r, 1);
    assert_int_equal(v.phase, FL_CALL_TYPING); /* "Hello? Are you still there?" */
    assert_string_equal(fl_session_node(v.session)->id, "silence");
    assert_int_equal(v.line_at_ms,
                     deadline + fl_typing_ms(strlen(fl_session_line(v.session)->text)));
    size_t n;
    const fl_turn *t = fl_session_turns(v.session, &n);
    assert_int_equal(n, 1);
    assert_int_equal(t[0].reply, -1);
    assert_false(t[0].hung_up);
    assert_int_equal(t[0].took_ms, 25000); /* the level's limit, not the scenario's 30 s */
    assert_int_equal(t[0].patience, s->start_patience - 30);
    fl_round_free(r);
    fl_scenario_free(s);

    /* patience 15 runs out exactly at the limit: the <timeout> decides (and the engine, left
     * with no patience, hangs up there) */
    s = load_xml("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                 "<scenario id=\"edge\" version=\"1\" lang=\"en\"><title>T</title><brief>B</brief>"
                 "<customer name=\"Sam\"><start patience=\"15\"/></customer>"
                 "<timing reply-seconds=\"20\"/>"
                 "<node id=\"start\"><say>Hello?</say>"
                 "<reply id=\"ok\" to=\"done\" signals=\"resolve\">Here.</reply>"
                 "<timeout to=\"start\"/></node>"
                 "<ending id=\"done\" outcome=\"resolved\"/></scenario>");
    fl_round_opts o = {.time_pct = 100};
    assert_int_equal(fl_round_new_single(&r, s, &o), 0);
    line_at = fl_typing_ms(strlen("Hello?"));
    assert_int_equal(fl_round_tick(r, line_at), 1);
    v = view(r, 1);
    assert_int_equal(v.deadline_ms, line_at + 20000);
    assert_int_equal(v.hangup_ms, NEVER);
    assert_int_equal(fl_round_tick(r, line_at + 20000), 1);
    e = last_event(r, 1);
    assert_int_equal(e->kind, FL_RE_TIMEOUT);
    e = last_event(r, 0);
    assert_int_equal(e->kind, FL_RE_END);
    assert_int_equal(e->outcome, FL_OUTCOME_LOST);
    fl_round_free(r);
    fl_scenario_free(s);
}

/* ---- arrivals ----------------------------------------------------------------------------- */

/* The four English scenarios a round of the tests draws from. */
typedef struct {
    fl_scenario *s[4];
    const fl_scenario *pool[4];
    fl_lexicon *lx;
} en_pool;

static void pool_load(en_pool *p)
{
    static const char *const files[] = {"late-delivery.xml", "familiar-chat.xml",
                                        "payment-outage.xml", "free-text-router.xml"};
    for (int i = 0; i < 4; i++) {
        char path[512];
        snprintf(path, sizeof(path), "%s%s", EN_DIR, files[i]);
        p->pool[i] = p->s[i] = load_file(path);
    }
    char err[256];
    assert_int_equal(fl_lexicon_builtin(&p->lx, "en", err, sizeof(err)), 0);
}

static void pool_free(en_pool *p)
{
    for (int i = 0; i < 4; i++)
        fl_scenario_free(p->s[i]);
    fl_lexicon_free(p->lx);
}

/* Three levels of four customers, shrinking limits and gaps, three at once. */
static void rush_def(round_def *d, uint64_t seed)
{
    def_init(d, 3, 12, seed);
    def_level(d, 30000, 20000, 4);
    def_level(d, 20000, 15000, 4);
    def_level(d, 15000, 10000, 4);
}

/* The same seed and acts give the same round, byte for byte; another seed another one. */
static void same_seed_same_round(void **state)
{
    (void)state;
    en_pool p;
    pool_load(&p);
    round_def d;
    rush_def(&d, 2024);
    fl_round *a = round_new(&d, p.pool, 4, 100, 0, p.lx);
    fl_round *b = round_new(&d, p.pool, 4, 100, 0, p.lx);
    run_bot(a, 3);
    run_bot(b, 3);
    size_t na, nb;
    const fl_round_event *ea = fl_round_timeline(a, &na), *eb = fl_round_timeline(b, &nb);
    assert_true(na > 12 * 4);
    assert_int_equal(na, nb);
    assert_memory_equal(ea, eb, na * sizeof(*ea));
    int kinds[FL_RE_END + 1] = {0};
    for (size_t i = 0; i < na; i++)
        kinds[ea[i].kind]++;
    assert_int_equal(kinds[FL_RE_ARRIVE], 12);
    assert_int_equal(kinds[FL_RE_END], 12);
    assert_true(kinds[FL_RE_REPLY] > 0);
    assert_true(kinds[FL_RE_TIMEOUT] + kinds[FL_RE_HANGUP] > 0); /* the bot is sometimes late */
    for (uint32_t c = 1; c <= 12; c++) {
        fl_call_view va = view(a, c), vb = view(b, c);
        fl_scores sa, sb;
        assert_int_equal(fl_session_report(va.session, &sa, NULL, NULL), 0);
        assert_int_equal(fl_session_report(vb.session, &sb, NULL, NULL), 0);
        assert_memory_equal(&sa, &sb, sizeof(sa));
        assert_ptr_equal(fl_session_engine(va.session)->scenario,
                         fl_session_engine(vb.session)->scenario);
    }
    fl_round_figures fa, fb;
    assert_int_equal(fl_round_figures_get(a, NULL, &fa), 0);
    assert_int_equal(fl_round_figures_get(b, NULL, &fb), 0);
    assert_memory_equal(&fa, &fb, sizeof(fa));
    assert_int_equal(fl_round_seed(a), 2024);

    /* the seed in the options wins over the def's, and another seed is another round */
    fl_round *c = round_new(&d, p.pool, 4, 100, 2025, p.lx);
    assert_int_equal(fl_round_seed(c), 2025);
    run_bot(c, 3);
    size_t nc;
    const fl_round_event *ec = fl_round_timeline(c, &nc);
    assert_true(nc != na || memcmp(ea, ec, na * sizeof(*ea)) != 0);
    int arrivals_differ = 0;
    for (uint32_t k = 2; k <= 12; k++)
        arrivals_differ |= view(a, k).arrived_ms != view(c, k).arrived_ms;
    assert_true(arrivals_differ);
    fl_round_free(a);
    fl_round_free(b);
    fl_round_free(c);
    pool_free(&p);
}

/* The gaps between arrivals are exponential with the level's mean: over 2000 gaps from 20 seeds
 * the mean is within 5% of it and the coefficient of variation near 1. Measured on when each
 * customer was due (the arrival less the time it was held), so no trainee speed enters it. */
static void arrivals_are_exponential(void **state)
{
    (void)state;
    fl_scenario *s = load_xml(mini_a);
    const fl_scenario *pool[] = {s};
    double sum = 0, sum2 = 0;
    double lsum[2] = {0, 0};
    int ln[2] = {0, 0}, n = 0;
    for (uint64_t seed = 1; seed <= 20; seed++) {
        round_def d;
        def_init(&d, 5, 101, seed * 7919);
        def_level(&d, 3000, 10000, 101); /* customers hang up in about 6 s */
        fl_round *r = round_new(&d, pool, 1, 100, 0, NULL);
        run_until(r, NEVER - 1);
        assert_true(fl_round_over(r));
        size_t ne;
        const fl_round_event *ev = fl_round_timeline(r, &ne);
        uint64_t prev = 0;
        int first = 1;
        for (size_t i = 0; i < ne; i++) {
            if (ev[i].kind != FL_RE_ARRIVE)
                continue;
            uint64_t due = ev[i].at_ms - ev[i].waited_ms;
            if (!first) {
                double g = (double)(due - prev);
                assert_true(g >= 1);
                sum += g, sum2 += g * g, n++;
            }
            first = 0;
            prev = due;
        }
        fl_round_free(r);

        /* two levels: the gap before a customer has the mean of that customer's level */
        def_init(&d, 5, 60, seed);
        def_level(&d, 3000, 4000, 30);
        def_level(&d, 3000, 20000, 30);
        r = round_new(&d, pool, 1, 100, 0, NULL);
        run_until(r, NEVER - 1);
        ev = fl_round_timeline(r, &ne);
        first = 1;
        for (size_t i = 0; i < ne; i++) {
            if (ev[i].kind != FL_RE_ARRIVE)
                continue;
            uint64_t due = ev[i].at_ms - ev[i].waited_ms;
            fl_call_view v = view(r, ev[i].call);
            assert_int_equal(v.level, ev[i].call <= 30 ? 0 : 1);
            if (!first)
                lsum[v.level] += (double)(due - prev), ln[v.level]++;
            first = 0;
            prev = due;
        }
        fl_round_free(r);
    }
    assert_int_equal(n, 2000);
    double mean = sum / n, sd = sqrt(sum2 / n - mean * mean);
    print_message("2000 gaps: mean %.0f ms (10000 asked), coefficient of variation %.3f\n", mean,
                  sd / mean);
    assert_true(fabs(mean - 10000.0) < 500.0);
    assert_true(fabs(sd / mean - 1.0) < 0.1);
    assert_int_equal(ln[0], 20 * 29);
    assert_int_equal(ln[1], 20 * 30);
    print_message("two levels: mean gap %.0f ms (4000 asked), %.0f ms (20000 asked)\n",
                  lsum[0] / ln[0], lsum[1] / ln[1]);
    assert_true(fabs(lsum[0] / ln[0] - 4000.0) < 0.1 * 4000.0);
    assert_true(fabs(lsum[1] / ln[1] - 20000.0) < 0.1 * 20000.0);
    fl_scenario_free(s);
}

/* Never more than at_once calls; a customer due while every line is busy is held, and gets
 * through at the tick a call ends, with the time held in the timeline. */
static void at_once_holds_arrivals(void **state)
{
    (void)state;
    fl_scenario *s = load_xml(mini_a);
    const fl_scenario *pool[] = {s};
    round_def d;
    def_init(&d, 2, 5, 99);
    def_level(&d, 30000, 1000, 5);
    fl_round *r = round_new(&d, pool, 1, 0, 0, NULL); /* untimed: calls end only when answered */
    run_until(r, 60000);
    uint32_t live[FL_ROUND_MAX_AT_ONCE];
    assert_int_equal(fl_round_live(r, live, FL_ROUND_MAX_AT_ONCE), 2);
    assert_int_equal(fl_round_n_calls(r), 2);
    assert_int_equal(fl_round_to_come(r), 3);
    assert_int_equal(fl_round_next_ms(r), NEVER); /* both waiting, untimed; the rest held */
    assert_int_equal(view(r, 1).deadline_ms, NEVER);
    assert_int_equal(view(r, 1).hangup_ms, NEVER);

    /* answering call 1 at 61 s lets customer 3 through at that very tick */
    assert_int_equal(fl_round_choose(r, 1, 0, 61000), 0);
    const fl_round_event *end = last_event(r, 1), *arrive = last_event(r, 0);
    assert_int_equal(end->kind, FL_RE_END);
    assert_int_equal(end->call, 1);
    assert_int_equal(end->at_ms, 61000);
    assert_int_equal(end->outcome, FL_OUTCOME_RESOLVED);
    assert_int_equal(arrive->kind, FL_RE_ARRIVE);
    assert_int_equal(arrive->call, 3);
    assert_int_equal(arrive->at_ms, 61000);
    assert_true(arrive->waited_ms > 0);
    assert_true(arrive->waited_ms < 61000);
    assert_int_equal(view(r, 3).arrived_ms, 61000);
    assert_int_equal(fl_round_live(r, live, FL_ROUND_MAX_AT_ONCE), 2);
    assert_int_equal(live[0], 2);
    assert_int_equal(live[1], 3);

    /* a call can only be answered while it waits; then the rest, one by one */
    assert_int_equal(fl_round_choose(r, 3, 0, 61001), -1); /* still typing */
    assert_int_equal(fl_round_choose(r, 9, 0, 61001), -1); /* no such call */
    assert_int_equal(fl_round_choose(r, 1, 0, 61001), -1); /* ended */
    uint64_t now = 70000;
    while (!fl_round_over(r)) {
        assert_true(fl_round_live(r, live, FL_ROUND_MAX_AT_ONCE) <= 2);
        run_until(r, now);
        fl_call_view v = view(r, live[0]);
        if (v.phase == FL_CALL_WAITING)
            assert_int_equal(fl_round_choose(r, v.number, 0, now), 0);
        now += 5000;
    }
    /* the timeline agrees: never three at once */
    size_t n;
    const fl_round_event *ev = fl_round_timeline(r, &n);
    int at = 0, most = 0;
    for (size_t i = 0; i < n; i++) {
        at += ev[i].kind == FL_RE_ARRIVE;
        at -= ev[i].kind == FL_RE_END;
        most = at > most ? at : most;
    }
    assert_int_equal(most, 2);
    assert_int_equal(fl_round_n_calls(r), 5);
    fl_round_free(r);
    fl_scenario_free(s);
}

/* The shuffle bag: each scenario once before any repeats, and never the scenario of a live
 * call while the pool has another. */
static void scenarios_drawn_as_a_shuffle_bag(void **state)
{
    (void)state;
    fl_scenario *s[3] = {load_xml(mini_a), load_xml(mini_b), load_xml(mini_c)};
    const fl_scenario *pool[] = {s[0], s[1], s[2]};
    for (uint64_t seed = 1; seed <= 10; seed++) {
        round_def d;
        def_init(&d, 2, 30, seed);
        def_level(&d, 8000, 3000, 30);
        fl_round *r = round_new(&d, pool, 3, 100, 0, NULL);
        run_until(r, NEVER - 1);
        size_t n;
        const fl_round_event *ev = fl_round_timeline(r, &n);
        const fl_scenario *live[30] = {0};
        int used[3] = {0, 0, 0};
        for (size_t i = 0; i < n; i++) {
            const fl_scenario *sc = fl_session_engine(view(r, ev[i].call).session)->scenario;
            if (ev[i].kind == FL_RE_END)
                live[ev[i].call - 1] = NULL;
            if (ev[i].kind != FL_RE_ARRIVE)
                continue;
            for (int k = 0; k < 30; k++)
                assert_true(live[k] != sc);
            live[ev[i].call - 1] = sc;
            int which = sc == s[0] ? 0 : sc == s[1] ? 1 : 2;
            used[which]++;
            if (ev[i].call == 3) /* the first three: one of each */
                assert_true(used[0] == 1 && used[1] == 1 && used[2] == 1);
        }
        assert_int_equal(used[0] + used[1] + used[2], 30);
        fl_round_free(r);
    }
    for (int i = 0; i < 3; i++)
        fl_scenario_free(s[i]);
}

/* Things due at the same tick happen by call number, the arrival last: the level's limit is
 * chosen so that call 1's timeout falls on the very tick customer 2 is due. */
static void ties_arrival_last(void **state)
{
    (void)state;
    fl_scenario *s = load_file(EN_DIR "late-delivery.xml");
    const fl_scenario *pool[] = {s};
    round_def d;
    def_init(&d, 2, 2, 31);
    def_level(&d, 30000, 20000, 2);
    fl_round *r = round_new(&d, pool, 1, 0, 0, NULL); /* untimed: learn when customer 2 is due */
    run_until(r, 10000000);
    uint64_t due2 = view(r, 2).arrived_ms;
    fl_round_free(r);
    uint64_t line_at = fl_typing_ms(strlen(s->nodes[s->start].lines[0].text));
    assert_true(due2 > line_at + 3000);

    d.levels[0].limit_ms = (uint32_t)(due2 - line_at);
    r = round_new(&d, pool, 1, 100, 0, NULL);
    assert_int_equal(fl_round_tick(r, due2), 3); /* the line, then the timeout and the arrival */
    size_t n;
    const fl_round_event *ev = fl_round_timeline(r, &n);
    assert_int_equal(n, 4);
    assert_int_equal(ev[2].kind, FL_RE_TIMEOUT);
    assert_int_equal(ev[2].call, 1);
    assert_int_equal(ev[2].at_ms, due2);
    assert_int_equal(ev[3].kind, FL_RE_ARRIVE);
    assert_int_equal(ev[3].call, 2);
    assert_int_equal(ev[3].at_ms, due2);
    assert_int_equal(ev[3].waited_ms, 0);
    fl_round_free(r);
    fl_scenario_free(s);
}

/* Ticking every millisecond, at odd steps, or once at the end: the same round. */
static void tick_granularity_does_not_matter(void **state)
{
    (void)state;
    en_pool p;
    pool_load(&p);
    round_def d;
    def_init(&d, 3, 8, 77);
    def_level(&d, 10000, 8000, 4);
    def_level(&d, 6000, 5000, 4);
    fl_round *one = round_new(&d, p.pool, 4, 150, 0, p.lx);
    fl_round *each = round_new(&d, p.pool, 4, 150, 0, p.lx);
    fl_round *odd = round_new(&d, p.pool, 4, 150, 0, p.lx);
    const uint64_t end = 400000;
    assert_true(fl_round_tick(one, end) > 8);
    for (uint64_t t = 0; t <= end; t++)
        assert_true(fl_round_tick(each, t) >= 0);
    for (uint64_t t = 0; t <= end; t += 997)
        assert_true(fl_round_tick(odd, t) >= 0);
    assert_true(fl_round_tick(odd, end) >= 0);
    assert_true(fl_round_over(one));
    size_t n1, n2, n3;
    const fl_round_event *e1 = fl_round_timeline(one, &n1), *e2 = fl_round_timeline(each, &n2),
                         *e3 = fl_round_timeline(odd, &n3);
    assert_int_equal(n1, n2);
    assert_int_equal(n1, n3);
    assert_memory_equal(e1, e2, n1 * sizeof(*e1));
    assert_memory_equal(e1, e3, n1 * sizeof(*e1));
    /* time never goes backwards: an earlier tick is the latest one */
    assert_int_equal(fl_round_tick(one, 5), 0);
    fl_round_free(one);
    fl_round_free(each);
    fl_round_free(odd);
    pool_free(&p);
}

/* ---- the time extension ------------------------------------------------------------------- */

typedef struct {
    uint64_t deadline, hangup; /* after the first line appeared */
    fl_scores scores;
    size_t turns;
    uint32_t took[8];
} extended;

/* Plays one customer of `file` in a level of `limit` ms with the extension pct: the first
 * offered reply at 4 s, 12 s and 16 s of engine time (scaled by pct in real time), noting the
 * first wait's deadline and hang-up relative to its start. */
static void play_extended(const char *file, uint32_t limit, uint32_t pct, extended *out)
{
    fl_scenario *s = load_file(file);
    const fl_scenario *pool[] = {s};
    round_def d;
    def_init(&d, 1, 1, 5);
    def_level(&d, limit, 60000, 1);
    fl_round *r = round_new(&d, pool, 1, pct, 0, NULL);
    memset(out, 0, sizeof(*out));
    static const uint64_t at[] = {4000, 12000, 16000};
    for (int k = 0; k < 3 && !fl_round_over(r); k++) {
        run_until(r, fl_round_next_ms(r)); /* the line appears */
        fl_call_view v = view(r, 1);
        assert_int_equal(v.phase, FL_CALL_WAITING);
        if (k == 0) {
            out->deadline = v.deadline_ms == NEVER ? NEVER : v.deadline_ms - v.wait_from_ms;
            out->hangup = v.hangup_ms == NEVER ? NEVER : v.hangup_ms - v.wait_from_ms;
            assert_int_equal(v.limit_ms, pct ? (limit * pct + 99) / 100 : 0);
        }
        uint64_t when = v.wait_from_ms + (pct ? at[k] * pct / 100 : at[k]);
        assert_int_equal(fl_round_choose(r, 1, first_offered(v.session), when), 0);
    }
    const fl_session *ss = view(r, 1).session;
    assert_int_equal(fl_session_report(ss, &out->scores, NULL, NULL), 0);
    const fl_turn *t = fl_session_turns(ss, &out->turns);
    for (size_t i = 0; i < out->turns && i < 8; i++)
        out->took[i] = t[i].took_ms;
    fl_round_free(r);
    fl_scenario_free(s);
}

/* x1.5 and x2 give the trainee 1.5 and 2 times the limit and the patience, and the same scores
 * for the same share of the time; untimed, nothing happens by itself while a call waits. */
static void extension_scales_time_not_scores(void **state)
{
    (void)state;
    extended base, x15, x2;
    /* a <timeout> at the first node: the deadline scales */
    play_extended(EN_DIR "late-delivery.xml", 20000, 100, &base);
    play_extended(EN_DIR "late-delivery.xml", 20000, 150, &x15);
    play_extended(EN_DIR "late-delivery.xml", 20000, 200, &x2);
    assert_int_equal(base.deadline, 20000);
    assert_int_equal(x15.deadline, 30000);
    assert_int_equal(x2.deadline, 40000);
    assert_true(base.turns >= 2);
    assert_memory_equal(&base.scores, &x15.scores, sizeof(base.scores));
    assert_memory_equal(&base.scores, &x2.scores, sizeof(base.scores));
    assert_int_equal(base.turns, x2.turns);
    assert_memory_equal(base.took, x15.took, sizeof(base.took));
    assert_memory_equal(base.took, x2.took, sizeof(base.took));
    assert_true(base.scores.applicable[FL_DIM_RESPONSIVENESS]);
    assert_int_equal(base.took[1], 12000);

    /* no <timeout>: the hang-up scales, rounded up to the millisecond (a limit of 20.009 s
     * makes x1.5 fall between two) */
    fl_scenario *s = load_file(EN_DIR "familiar-chat.xml");
    uint64_t te = by_hand_exhaust(s->start_patience, 20009);
    fl_scenario_free(s);
    assert_true(te * 150 % 100 != 0);
    play_extended(EN_DIR "familiar-chat.xml", 20009, 100, &base);
    play_extended(EN_DIR "familiar-chat.xml", 20009, 150, &x15);
    play_extended(EN_DIR "familiar-chat.xml", 20009, 200, &x2);
    assert_int_equal(base.deadline, NEVER);
    assert_int_equal(base.hangup, te);
    assert_int_equal(x15.hangup, (te * 3 + 1) / 2);
    assert_int_equal(x2.hangup, te * 2);
    assert_memory_equal(&base.scores, &x15.scores, sizeof(base.scores));
    assert_memory_equal(&base.scores, &x2.scores, sizeof(base.scores));

    /* untimed: no deadline, no hang-up, no Responsiveness; the round sleeps until the trainee
     * acts */
    extended none;
    play_extended(EN_DIR "late-delivery.xml", 20000, 0, &none);
    assert_int_equal(none.deadline, NEVER);
    assert_int_equal(none.hangup, NEVER);
    assert_false(none.scores.applicable[FL_DIM_RESPONSIVENESS]);
    s = load_file(EN_DIR "late-delivery.xml");
    fl_round *r;
    fl_round_opts o = {.time_pct = 0};
    assert_int_equal(fl_round_new_single(&r, s, &o), 0);
    run_until(r, 10000);
    assert_int_equal(view(r, 1).phase, FL_CALL_WAITING);
    assert_int_equal(fl_round_next_ms(r), NEVER);
    assert_int_equal(fl_round_tick(r, 3600000), 0);
    assert_int_equal(view(r, 1).phase, FL_CALL_WAITING);
    assert_int_equal(view(r, 1).patience, s->start_patience);
    fl_round_free(r);
    fl_scenario_free(s);
}

/* ---- the round of one --------------------------------------------------------------------- */

/* A single conversation played through the round (its own limits, its timeout, typed replies)
 * and the same acts on a session directly: the same transcript and scores. */
static void single_round_equals_a_session(void **state)
{
    (void)state;
    static const char *const files[] = {"late-delivery.xml", "free-text-router.xml"};
    fl_lexicon *lx;
    char err[256];
    assert_int_equal(fl_lexicon_builtin(&lx, "en", err, sizeof(err)), 0);
    for (int f = 0; f < 2; f++) {
        char path[512];
        snprintf(path, sizeof(path), "%s%s", EN_DIR, files[f]);
        fl_scenario *s = load_file(path);
        fl_round *r;
        fl_round_opts o = {.time_pct = 100, .lexicon = lx};
        assert_int_equal(fl_round_new_single(&r, s, &o), 0);
        assert_null(fl_round_get_def(r));
        fl_session *ss;
        fl_session_opts so = {.timed = 1, .lexicon = lx};
        assert_int_equal(fl_session_new(&ss, s, &so), 0);
        for (int k = 0; k < 12 && !fl_round_over(r); k++) {
            fl_call_view v = view(r, 1);
            if (v.phase == FL_CALL_TYPING)
                run_until(r, v.line_at_ms);
            v = view(r, 1);
            assert_int_equal(v.phase, FL_CALL_WAITING);
            /* the first wait of late-delivery runs out (its <timeout>); then replies at 3, 4, 5 s
             */
            if (f == 0 && k == 0) {
                run_until(r, v.deadline_ms);
                assert_int_equal(fl_session_timeout(ss), 0);
                continue;
            }
            uint32_t took = 3000 + 1000 * (uint32_t)(k % 3);
            if (fl_session_node(ss)->free_text) {
                assert_int_equal(
                    fl_round_type(r, 1, bot_text, strlen(bot_text), v.wait_from_ms + took), 0);
                assert_int_equal(fl_session_type(ss, bot_text, strlen(bot_text), took), 0);
            } else {
                uint32_t i = first_offered(ss);
                assert_int_equal(fl_round_choose(r, 1, i, v.wait_from_ms + took), 0);
                assert_int_equal(fl_session_choose(ss, i, took), 0);
            }
        }
        assert_true(fl_round_over(r));
        const fl_session *rs = view(r, 1).session;
        size_t na, nb;
        const fl_turn *ta = fl_session_turns(rs, &na), *tb = fl_session_turns(ss, &nb);
        assert_int_equal(na, nb);
        assert_true(na >= 3);
        for (size_t i = 0; i < na; i++) {
            assert_int_equal(ta[i].node, tb[i].node);
            assert_int_equal(ta[i].reply, tb[i].reply);
            assert_int_equal(ta[i].took_ms, tb[i].took_ms);
            assert_int_equal(ta[i].signals, tb[i].signals);
            assert_int_equal(ta[i].mood, tb[i].mood);
            assert_int_equal(ta[i].patience, tb[i].patience);
            assert_int_equal(ta[i].trust, tb[i].trust);
            assert_int_equal(ta[i].elapsed_ms, tb[i].elapsed_ms);
        }
        fl_scores sa, sb;
        fl_findings fa, fb;
        assert_int_equal(fl_session_report(rs, &sa, NULL, &fa), 0);
        assert_int_equal(fl_session_report(ss, &sb, NULL, &fb), 0);
        assert_memory_equal(&sa, &sb, sizeof(sa));
        assert_int_equal(fa.n, fb.n);
        for (size_t i = 0; i < fa.n; i++) {
            assert_string_equal(fa.items[i].rule, fb.items[i].rule);
            assert_string_equal(fa.items[i].message, fb.items[i].message);
            assert_int_equal(fa.items[i].points, fb.items[i].points);
        }
        fl_round_figures fg;
        assert_int_equal(fl_round_figures_get(r, NULL, &fg), 0);
        assert_int_equal(fg.passed, sa.passed);
        assert_int_equal(fg.mean_score, sa.overall);
        fl_findings_free(&fa);
        fl_findings_free(&fb);
        fl_session_free(ss);
        fl_round_free(r);
        fl_scenario_free(s);
    }
    fl_lexicon_free(lx);
}

/* instant_lines (the terminal): every line is there the moment it is reached, and the limit runs
 * from then. */
static void instant_lines_have_no_typing_pause(void **state)
{
    (void)state;
    fl_scenario *s = load_file(EN_DIR "late-delivery.xml");
    fl_round *r;
    fl_round_opts o = {.time_pct = 100, .instant_lines = 1};
    assert_int_equal(fl_round_new_single(&r, s, &o), 0);
    fl_call_view v = view(r, 1);
    assert_int_equal(v.phase, FL_CALL_WAITING);
    assert_int_equal(v.wait_from_ms, 0);
    assert_int_equal(v.deadline_ms, 30000);
    assert_int_equal(fl_round_choose(r, 1, first_offered(v.session), 7000), 0);
    v = view(r, 1);
    assert_int_equal(v.phase, FL_CALL_WAITING);
    assert_int_equal(v.wait_from_ms, 7000);
    assert_int_equal(v.deadline_ms, 37000);
    size_t n;
    const fl_round_event *ev = fl_round_timeline(r, &n);
    assert_int_equal(n, 4); /* arrive, line, reply, line: all at once */
    assert_int_equal(ev[1].kind, FL_RE_LINE);
    assert_int_equal(ev[1].at_ms, 0);
    assert_int_equal(ev[3].kind, FL_RE_LINE);
    assert_int_equal(ev[3].at_ms, 7000);
    assert_int_equal(ev[3].turn, 2);
    fl_round_free(r);
    fl_scenario_free(s);
}

/* Skipping the typing pause: the line appears at the tick asked for, the wait (and the limit)
 * starts there; a call not typing refuses; the same acts at the same times give the same round. */
static void show_now_skips_the_typing_pause(void **state)
{
    (void)state;
    fl_scenario *s = load_file(EN_DIR "late-delivery.xml");
    for (int pass = 0; pass < 2; pass++) {
        fl_round *r;
        fl_round_opts o = {.time_pct = 150};
        assert_int_equal(fl_round_new_single(&r, s, &o), 0);
        fl_call_view v = view(r, 1);
        assert_int_equal(v.phase, FL_CALL_TYPING);
        uint64_t typing = fl_typing_ms(strlen(fl_session_line(v.session)->text));
        assert_int_equal(v.line_at_ms, typing);
        assert_true(typing > 300);
        assert_int_equal(fl_round_show_now(r, 1, 300), 0);
        v = view(r, 1);
        assert_int_equal(v.phase, FL_CALL_WAITING);
        assert_int_equal(v.wait_from_ms, 300);
        assert_int_equal(v.deadline_ms, 300 + 45000); /* 30 s x 1.5 from the line */
        assert_int_equal(last_event(r, 0)->kind, FL_RE_LINE);
        assert_int_equal(last_event(r, 0)->at_ms, 300);
        /* waiting now: nothing to skip; no such call */
        assert_int_equal(fl_round_show_now(r, 1, 400), -1);
        assert_int_equal(fl_round_show_now(r, 2, 400), -1);
        /* a reply, then the next line skipped at once: the reply's time counts from 300 */
        assert_int_equal(fl_round_choose(r, 1, first_offered(v.session), 2300), 0);
        assert_int_equal(last_event(r, 0)->kind, FL_RE_REPLY);
        assert_int_equal(last_event(r, 0)->waited_ms, 2000);
        assert_int_equal(fl_round_show_now(r, 1, 2300), 0);
        v = view(r, 1);
        assert_int_equal(v.wait_from_ms, 2300);
        /* an earlier time counts as the latest seen */
        assert_int_equal(fl_round_choose(r, 1, first_offered(v.session), 2400), 0);
        assert_int_equal(fl_round_show_now(r, 1, 100), 0);
        assert_int_equal(view(r, 1).wait_from_ms, 2400);
        size_t n;
        fl_round_timeline(r, &n);
        assert_int_equal(n, 6); /* arrive, line, reply, line, reply, line */
        fl_round_free(r);
    }
    fl_scenario_free(s);
}

/* ---- replies as the round sees them ------------------------------------------------------- */

/* The same typed text sent to two customers (copy-paste), whatever its case and spacing, is
 * canned the second time; a reply taken back no longer counts as sent. */
static void copy_paste_between_calls_is_canned(void **state)
{
    (void)state;
    fl_scenario *s = load_file(EN_DIR "free-text-router.xml");
    const fl_scenario *pool[] = {s};
    round_def d;
    def_init(&d, 3, 3, 11);
    def_level(&d, 60000, 1000, 3);
    fl_round *r = round_new(&d, pool, 1, 0, 0, NULL); /* the round loads the lexicon itself */
    run_until(r, 30000);
    uint32_t live[FL_ROUND_MAX_AT_ONCE];
    assert_int_equal(fl_round_live(r, live, FL_ROUND_MAX_AT_ONCE), 3);
    const char *text = "I'm so sorry, Lena. Let me look at your account myself right now.";
    const char *again = "  i'm SO sorry, lena.\n Let me look at   your account myself right now. ";
    assert_int_equal(fl_round_type(r, 1, text, strlen(text), 31000), 0);
    const fl_round_event *e = last_event(r, 0);
    assert_int_equal(e->kind, FL_RE_REPLY);
    assert_int_equal(e->call, 1);
    assert_int_equal(e->canned, 0);
    assert_int_equal(e->concurrency, 3);
    assert_int_equal(e->waited_ms, 31000 - view(r, 1).arrived_ms -
                                       fl_typing_ms(strlen(s->nodes[s->start].lines[0].text)));
    assert_int_equal(fl_round_type(r, 2, again, strlen(again), 32000), 0);
    e = last_event(r, 0);
    assert_int_equal(e->call, 2);
    assert_int_equal(e->canned, 1);

    /* practice: call 2 takes it back and says something of its own; call 3 pastes the text
     * again: still canned (call 1 sent it) */
    assert_int_equal(fl_round_undo(r, 2, 32000), -1); /* call 2 is typing its next line */
    run_until(r, 40000);
    assert_int_equal(view(r, 2).phase, FL_CALL_WAITING);
    assert_int_equal(fl_round_undo(r, 2, 40000), 0);
    e = last_event(r, 0);
    assert_int_equal(e->kind, FL_RE_UNDO);
    assert_int_equal(e->turn, 1);
    fl_call_view v = view(r, 2);
    assert_int_equal(v.phase, FL_CALL_WAITING);
    assert_int_equal(v.wait_from_ms, 40000);
    assert_int_equal(turns_of(v.session), 0);
    const char *own = "Sorry about this, Lena, I understand it is stressful; I will fix it.";
    assert_int_equal(fl_round_type(r, 2, own, strlen(own), 41000), 0);
    assert_int_equal(last_event(r, 0)->canned, 0);
    assert_int_equal(fl_round_type(r, 3, text, strlen(text), 42000), 0);
    assert_int_equal(last_event(r, 0)->canned, 1);
    assert_int_equal(fl_round_undo(r, 3, 42000), -1); /* typing */

    /* the figures count the replies that stand: three, one of them canned */
    fl_round_figures fg;
    assert_int_equal(fl_round_figures_get(r, NULL, &fg), 0);
    assert_int_equal(fg.by_load[2].replies, 3);
    assert_int_equal(fg.by_load[2].canned, 1);
    assert_true(fabs(fg.canned_share - 1.0 / 3.0) < 1e-9);
    fl_round_free(r);
    fl_scenario_free(s);
}

/* A reply that costs Tone or Empathy is where manner slipped (rude; silent on the customer's
 * anger); a good one is not. */
static void slipped_replies_are_marked(void **state)
{
    (void)state;
    fl_scenario *a = load_xml(mini_a), *b = load_xml(mini_b), *c = load_xml(mini_c);
    const fl_scenario *pool[] = {a, b, c};
    round_def d;
    def_init(&d, 3, 3, 3);
    def_level(&d, 60000, 500, 3);
    fl_round *r = round_new(&d, pool, 3, 100, 0, NULL);
    run_until(r, 8000);
    assert_int_equal(view(r, 3).phase, FL_CALL_WAITING);
    assert_int_equal(fl_round_choose(r, 1, 1, 9000), 0); /* "Not my problem." */
    const fl_round_event *e = last_event(r, 1);
    assert_int_equal(e->kind, FL_RE_REPLY);
    assert_int_equal(e->slipped, 1);
    assert_int_equal(e->concurrency, 3);
    assert_int_equal(last_event(r, 0)->outcome, FL_OUTCOME_LOST);
    assert_int_equal(fl_round_choose(r, 2, 2, 10000), 0); /* no word for the anger */
    e = last_event(r, 1);
    assert_int_equal(e->slipped, 1);
    assert_int_equal(e->concurrency, 2);
    assert_int_equal(fl_round_choose(r, 3, 0, 11000), 0); /* apology, empathy, ownership */
    e = last_event(r, 1);
    assert_int_equal(e->slipped, 0);
    assert_int_equal(e->concurrency, 1);
    assert_int_equal(e->canned, 0);
    fl_round_free(r);
    fl_scenario_free(a);
    fl_scenario_free(b);
    fl_scenario_free(c);
}

/* ---- the figures -------------------------------------------------------------------------- */

/* Three customers: two resolved, one who hangs up. Throughput, losses, the pass rule and
 * composure against a baseline, each computed here from the sessions' own scores. */
static void figures_of_a_round(void **state)
{
    (void)state;
    fl_scenario *a = load_xml(mini_a), *b = load_xml(mini_b), *c = load_xml(mini_c);
    const fl_scenario *pool[] = {a, b, c};
    round_def d;
    def_init(&d, 3, 3, 8);
    def_level(&d, 20000, 2000, 3);
    fl_round *r = round_new(&d, pool, 3, 100, 0, NULL);
    fl_round_figures fg;
    assert_int_equal(fl_round_figures_get(r, NULL, &fg), 0);
    assert_int_equal(fg.customers, 3);
    assert_int_equal(fg.arrived, 1);
    assert_int_equal(fg.mean_reply_ms, 0);
    assert_int_equal(fg.responsiveness, -1);

    run_until(r, fl_round_next_ms(r));
    while (fl_round_n_calls(r) < 3 || view(r, 3).phase != FL_CALL_WAITING)
        run_until(r, fl_round_next_ms(r));
    uint64_t t = view(r, 3).wait_from_ms;
    /* call 1 at once-ish, call 2 slowly (15 s of 20: Responsiveness 50), call 3 never */
    fl_call_view v1 = view(r, 1), v2 = view(r, 2);
    assert_int_equal(fl_round_choose(r, 1, 0, t + 1000), 0);
    uint64_t slow = v2.wait_from_ms + 15000;
    assert_true(slow > t + 1000);
    assert_int_equal(fl_round_choose(r, 2, 0, slow), 0);
    run_until(r, NEVER - 1);
    assert_true(fl_round_over(r));
    fl_call_view v3 = view(r, 3);
    assert_int_equal(last_event(r, 0)->kind, FL_RE_END); /* call 3 hung up last */
    assert_int_equal(last_event(r, 1)->kind, FL_RE_HANGUP);
    assert_int_equal(last_event(r, 1)->call, 3);

    uint64_t last = v3.ended_ms > slow ? v3.ended_ms : slow;
    assert_int_equal(fl_round_figures_get(r, NULL, &fg), 0);
    assert_int_equal(fg.arrived, 3);
    assert_int_equal(fg.resolved, 2);
    assert_int_equal(fg.lost, 1);
    assert_int_equal(fg.other, 0);
    assert_int_equal(fg.unfinished, 0);
    assert_int_equal(fg.duration_ms, last);
    assert_true(fabs(fg.per_minute - 2.0 / ((double)last / 60000.0)) < 1e-9);
    uint32_t w1 = (uint32_t)(t + 1000 - v1.wait_from_ms), w2 = 15000;
    assert_int_equal(fg.mean_reply_ms, (w1 + w2 + 1) / 2);
    assert_int_equal(fg.by_load[2].replies, 1); /* call 1 answered with three live */
    assert_int_equal(fg.by_load[2].mean_reply_ms, w1);
    assert_int_equal(fg.by_load[1].replies, 1); /* call 2 with two */
    assert_int_equal(fg.by_load[1].mean_reply_ms, w2);
    assert_int_equal(fg.time_pct, 100);

    int overall = 0, tone = 0, tone_n = 0, emp = 0, emp_n = 0, resp = 0, resp_n = 0;
    for (uint32_t k = 1; k <= 3; k++) {
        fl_scores sc;
        assert_int_equal(fl_session_report(view(r, k).session, &sc, NULL, NULL), 0);
        overall += sc.overall;
        if (sc.applicable[FL_DIM_TONE])
            tone += sc.score[FL_DIM_TONE], tone_n++;
        if (sc.applicable[FL_DIM_EMPATHY])
            emp += sc.score[FL_DIM_EMPATHY], emp_n++;
        if (sc.applicable[FL_DIM_RESPONSIVENESS])
            resp += sc.score[FL_DIM_RESPONSIVENESS], resp_n++;
    }
    assert_int_equal(tone_n, 2); /* the lost customer heard no reply: Tone does not apply */
    assert_int_equal(emp_n, 3);
    assert_int_equal(resp_n, 3);
    assert_int_equal(resp, 100 + 50 + 0);
    assert_int_equal(fg.mean_score, (2 * overall + 3) / 6);
    assert_int_equal(fg.tone, (2 * tone + tone_n) / (2 * tone_n));
    assert_int_equal(fg.empathy, (2 * emp + emp_n) / (2 * emp_n));
    assert_int_equal(fg.responsiveness, 50);
    assert_false(fg.has_baseline);
    assert_int_equal(fg.composure, 0);
    /* one customer lost, and the def allows none */
    assert_false(fg.passed);

    fl_round_baseline base = {.tone = 90, .empathy = 40, .sessions = 6};
    assert_int_equal(fl_round_figures_get(r, &base, &fg), 0);
    assert_true(fg.has_baseline);
    assert_int_equal(fg.composure_tone, fg.tone - 90);
    assert_int_equal(fg.composure_empathy, fg.empathy - 40);
    int sum = fg.composure_tone + fg.composure_empathy;
    assert_int_equal(fg.composure, sum >= 0 ? (sum + 1) / 2 : -((-sum + 1) / 2));
    fl_round_baseline none = {.tone = 90, .empathy = 40, .sessions = 0};
    assert_int_equal(fl_round_figures_get(r, &none, &fg), 0);
    assert_false(fg.has_baseline);

    /* a rule that allows one loss passes on the mean alone */
    d.def.pass_lost = 1;
    d.def.pass_mean = (uint32_t)fg.mean_score;
    assert_int_equal(fl_round_figures_get(r, NULL, &fg), 0);
    assert_true(fg.passed);
    d.def.pass_mean = (uint32_t)fg.mean_score + 1;
    assert_int_equal(fl_round_figures_get(r, NULL, &fg), 0);
    assert_false(fg.passed);
    fl_round_free(r);
    fl_scenario_free(a);
    fl_scenario_free(b);
    fl_scenario_free(c);
}

/* The trainee leaves: live calls end unfinished at that tick and nobody else arrives. */
static void finish_ends_the_round(void **state)
{
    (void)state;
    fl_scenario *a = load_xml(mini_a), *b = load_xml(mini_b);
    const fl_scenario *pool[] = {a, b};
    round_def d;
    def_init(&d, 2, 10, 4);
    def_level(&d, 60000, 2000, 10);
    fl_round *r = round_new(&d, pool, 2, 0, 0, NULL);
    run_until(r, 20000);
    assert_int_equal(fl_round_n_calls(r), 2);
    assert_int_equal(fl_round_level_now(r), 0);
    fl_round_finish(r, 25000);
    assert_true(fl_round_over(r));
    assert_int_equal(fl_round_to_come(r), 0);
    assert_int_equal(fl_round_next_ms(r), NEVER);
    assert_int_equal(fl_round_tick(r, 100000), 0);
    assert_int_equal(fl_round_n_calls(r), 2);
    assert_int_equal(fl_round_choose(r, 1, 0, 100000), -1);
    for (uint32_t k = 1; k <= 2; k++) {
        fl_call_view v = view(r, k);
        assert_int_equal(v.phase, FL_CALL_ENDED);
        assert_int_equal(v.ended_ms, 25000);
    }
    const fl_round_event *e = last_event(r, 0);
    assert_int_equal(e->kind, FL_RE_END);
    assert_int_equal(e->outcome, FL_OUTCOME_NONE);
    assert_int_equal(e->at_ms, 25000);
    fl_round_figures fg;
    assert_int_equal(fl_round_figures_get(r, NULL, &fg), 0);
    assert_int_equal(fg.unfinished, 2);
    assert_int_equal(fg.duration_ms, 25000);
    assert_int_equal(fg.customers, 10);
    assert_int_equal(fg.arrived, 2);
    assert_int_equal(fg.per_minute, 0.0);
    assert_false(fg.passed);
    fl_round_free(r);

    /* bad rounds are refused */
    fl_round_opts o = {.time_pct = 100};
    assert_int_equal(fl_round_new(&r, &d.def, pool, 0, &o), -1);
    assert_null(r);
    d.def.customers = 0;
    assert_int_equal(fl_round_new(&r, &d.def, pool, 2, &o), -1);
    fl_scenario_free(a);
    fl_scenario_free(b);
}

/* ---- the presented hold (hold_lines) ------------------------------------------------------ */

/* A single round of late-delivery (30 s a reply, patience 55) with hold_lines. */
static fl_round *held_single(const fl_scenario *s, uint32_t pct, int instant)
{
    fl_round *r = NULL;
    fl_round_opts o = {.time_pct = pct, .hold_lines = 1, .instant_lines = instant};
    assert_int_equal(fl_round_new_single(&r, s, &o), 0);
    return r;
}

/* While a line is presented no clock runs: no deadline, no hang-up, no patience lost, nothing
 * for fl_round_next_ms(); fl_round_presented() starts the wait as a line appearing then would,
 * and the reply's time counts from there. */
static void presenting_holds_the_clock(void **state)
{
    (void)state;
    fl_scenario *s = load_file(EN_DIR "late-delivery.xml");
    fl_round *r = held_single(s, 100, 0);
    fl_call_view v = view(r, 1);
    uint64_t typing = fl_typing_ms(strlen(fl_session_line(v.session)->text));
    assert_int_equal(v.phase, FL_CALL_TYPING);
    assert_int_equal(fl_round_next_ms(r), typing);
    assert_int_equal(fl_round_presented(r, 1, 10), -1); /* still typing */

    assert_int_equal(fl_round_tick(r, typing), 1); /* the line is shown */
    v = view(r, 1);
    assert_int_equal(v.phase, FL_CALL_PRESENTING);
    assert_int_equal(v.line_at_ms, typing);
    assert_int_equal(v.deadline_ms, NEVER);
    assert_int_equal(v.hangup_ms, NEVER);
    assert_int_equal(v.limit_ms, 30000);
    assert_int_equal(v.patience, s->start_patience);
    assert_int_equal(fl_round_next_ms(r), NEVER);
    size_t n;
    fl_round_timeline(r, &n);
    assert_int_equal(n, 1); /* only the arrival: the line is recorded when it has been presented */

    /* long past the limit and past any patience: still presenting, nothing happened */
    assert_int_equal(fl_round_tick(r, typing + 600000), 0);
    v = view(r, 1);
    assert_int_equal(v.phase, FL_CALL_PRESENTING);
    assert_int_equal(v.patience, s->start_patience);
    assert_int_equal(turns_of(v.session), 0);
    assert_int_equal(fl_round_show_now(r, 1, typing + 600000), -1); /* not typing */

    uint64_t p = typing + 600000 + 4321;
    assert_int_equal(fl_round_presented(r, 1, p), 0);
    v = view(r, 1);
    assert_int_equal(v.phase, FL_CALL_WAITING);
    assert_int_equal(v.wait_from_ms, p);
    assert_int_equal(v.deadline_ms, p + 30000);
    assert_int_equal(fl_round_next_ms(r), p + 30000);
    const fl_round_event *e = last_event(r, 0);
    assert_int_equal(e->kind, FL_RE_LINE);
    assert_int_equal(e->at_ms, p);
    assert_int_equal(e->turn, 1);
    assert_int_equal(fl_round_presented(r, 1, p + 1), -1); /* waiting now */
    assert_int_equal(fl_round_presented(r, 2, p + 1), -1); /* no such call */
    assert_int_equal(fl_round_presented(r, 0, p + 1), -1);

    /* 20 s after the presentation: the engine counts 20 s, not the ten minutes of speech */
    assert_int_equal(fl_round_choose(r, 1, first_offered(v.session), p + 20000), 0);
    e = last_event(r, 0);
    assert_int_equal(e->kind, FL_RE_REPLY);
    assert_int_equal(e->waited_ms, 20000);
    const fl_turn *t = fl_session_turns(v.session, &n);
    assert_int_equal(n, 1);
    assert_int_equal(t[0].took_ms, 20000);
    /* the customer as a session answered in 20 s leaves them: the speech cost nothing */
    fl_session_opts so = {.timed = 1};
    fl_session *ref = NULL;
    assert_int_equal(fl_session_new(&ref, s, &so), 0);
    assert_int_equal(fl_session_choose(ref, first_offered(ref), 20000), 0);
    size_t nr;
    assert_int_equal(t[0].patience, fl_session_turns(ref, &nr)[0].patience);
    assert_true(t[0].patience < s->start_patience);
    fl_session_free(ref);
    fl_round_free(r);

    /* the same acts without the hold: the wait starts when the line appears, and ten minutes
     * of it time the customer out long before */
    fl_round_opts o = {.time_pct = 100};
    assert_int_equal(fl_round_new_single(&r, s, &o), 0);
    assert_true(fl_round_tick(r, typing + 600000) >= 2);
    assert_int_equal(fl_round_presented(r, 1, typing + 600000), -1);
    assert_true(turns_of(view(r, 1).session) >= 1);
    assert_int_equal(fl_session_turns(view(r, 1).session, &n)[0].reply, -1); /* timed out */
    fl_round_free(r);
    fl_scenario_free(s);
}

/* A customer with no <timeout> in a level of 20 s hangs up exactly when their patience runs
 * out counted from the end of the presentation; the time the line took to present is free. */
static void presented_hang_up_counts_from_the_presentation(void **state)
{
    (void)state;
    fl_scenario *s = load_file(EN_DIR "familiar-chat.xml");
    const fl_scenario *pool[] = {s};
    round_def d;
    def_init(&d, 1, 1, 7);
    def_level(&d, 20000, 60000, 1);
    fl_round_opts o = {.time_pct = 100, .hold_lines = 1};
    fl_round *r = NULL;
    assert_int_equal(fl_round_new(&r, &d.def, pool, 1, &o), 0);
    uint64_t line_at = fl_typing_ms(strlen(s->nodes[s->start].lines[0].text));
    assert_int_equal(fl_round_tick(r, line_at), 1);
    assert_int_equal(view(r, 1).phase, FL_CALL_PRESENTING);
    uint64_t p = line_at + 9000; /* nine seconds of speech */
    assert_int_equal(fl_round_presented(r, 1, p), 0);
    uint64_t hang = p + by_hand_exhaust(s->start_patience, 20000);
    fl_call_view v = view(r, 1);
    assert_int_equal(v.hangup_ms, hang);
    assert_int_equal(fl_round_next_ms(r), hang);
    run_until(r, hang - 1);
    assert_int_equal(view(r, 1).patience, 1);
    assert_int_equal(fl_round_tick(r, hang), 1);
    const fl_round_event *e = last_event(r, 1);
    assert_int_equal(e->kind, FL_RE_HANGUP);
    assert_int_equal(e->waited_ms, hang - p);
    fl_round_free(r);
    fl_scenario_free(s);
}

/* The trainee may answer before the speech has ended: the line counts as presented at that
 * moment (a LINE event then, the reply waited 0). An act that is not possible leaves the
 * presentation as it was. Undo works on a presenting call. */
static void acts_interrupt_a_presentation(void **state)
{
    (void)state;
    fl_scenario *s = load_file(EN_DIR "late-delivery.xml");
    fl_round *r = held_single(s, 150, 1);
    fl_call_view v = view(r, 1); /* instant lines: presented from 0 */
    assert_int_equal(v.phase, FL_CALL_PRESENTING);
    assert_int_equal(v.line_at_ms, 0);
    assert_int_equal(fl_round_next_ms(r), NEVER);

    size_t n0, n;
    fl_round_timeline(r, &n0);
    assert_int_equal(fl_round_choose(r, 1, 99, 800), -1);       /* no such reply: no trace */
    assert_int_equal(fl_round_type(r, 1, "hello", 5, 800), -1); /* not a free-text node */
    fl_round_timeline(r, &n);
    assert_int_equal(n, n0);
    v = view(r, 1);
    assert_int_equal(v.phase, FL_CALL_PRESENTING);
    assert_int_equal(v.line_at_ms, 0);
    assert_int_equal(fl_round_next_ms(r), NEVER);

    assert_int_equal(fl_round_choose(r, 1, first_offered(v.session), 1500), 0);
    const fl_round_event *ev = fl_round_timeline(r, &n);
    assert_int_equal(n, n0 + 2);
    assert_int_equal(ev[n0].kind, FL_RE_LINE);
    assert_int_equal(ev[n0].at_ms, 1500);
    assert_int_equal(ev[n0].turn, 1);
    assert_int_equal(ev[n0 + 1].kind, FL_RE_REPLY);
    assert_int_equal(ev[n0 + 1].waited_ms, 0);
    size_t nt;
    assert_int_equal(fl_session_turns(v.session, &nt)[0].took_ms, 0);
    assert_int_equal(nt, 1);

    /* the next line presents at once (instant); take the reply back while it does */
    v = view(r, 1);
    assert_int_equal(v.phase, FL_CALL_PRESENTING);
    assert_int_equal(v.line_at_ms, 1500);
    assert_int_equal(fl_round_undo(r, 1, 2500), 0);
    v = view(r, 1);
    assert_int_equal(v.phase, FL_CALL_WAITING);
    assert_int_equal(v.wait_from_ms, 2500);
    assert_int_equal(v.deadline_ms, 2500 + 45000);
    assert_int_equal(turns_of(v.session), 0);
    assert_int_equal(last_event(r, 0)->kind, FL_RE_UNDO);
    fl_round_free(r);
    fl_scenario_free(s);
}

/* With the hold, fl_round_show_now() ends the typing pause into the presentation; an arrival
 * still comes at its time while a call presents; the same acts at the same times give the same
 * round, byte for byte. */
static void presenting_with_show_now_and_arrivals(void **state)
{
    (void)state;
    fl_scenario *a = load_xml(mini_a), *b = load_xml(mini_b);
    const fl_scenario *pool[] = {a, b};
    fl_round_event first[64];
    size_t n_first = 0;
    for (int pass = 0; pass < 2; pass++) {
        round_def d;
        def_init(&d, 2, 2, 5);
        def_level(&d, 20000, 30000, 2);
        fl_round_opts o = {.time_pct = 100, .hold_lines = 1};
        fl_round *r = NULL;
        assert_int_equal(fl_round_new(&r, &d.def, pool, 2, &o), 0);
        assert_int_equal(fl_round_show_now(r, 1, 200), 0);
        fl_call_view v = view(r, 1);
        assert_int_equal(v.phase, FL_CALL_PRESENTING);
        assert_int_equal(v.line_at_ms, 200);
        uint64_t next = fl_round_next_ms(r); /* the second customer's arrival, nothing else */
        assert_true(next != NEVER && next > 200);
        assert_int_equal(fl_round_n_calls(r), 1);
        run_until(r, next);
        assert_int_equal(fl_round_n_calls(r), 2);
        assert_int_equal(view(r, 1).phase, FL_CALL_PRESENTING);
        assert_int_equal(view(r, 1).patience, 40);
        assert_int_equal(view(r, 2).phase, FL_CALL_TYPING);
        assert_int_equal(fl_round_show_now(r, 2, next + 10), 0);
        assert_int_equal(view(r, 2).phase, FL_CALL_PRESENTING);
        assert_int_equal(fl_round_next_ms(r), NEVER);
        assert_int_equal(fl_round_presented(r, 2, next + 3000), 0);
        assert_int_equal(fl_round_presented(r, 1, next + 4000), 0);
        assert_int_equal(fl_round_choose(r, 1, 0, next + 9000), 0);
        assert_int_equal(fl_round_choose(r, 2, 2, next + 9500), 0);
        assert_true(fl_round_over(r));
        size_t n;
        const fl_round_event *ev = fl_round_timeline(r, &n);
        assert_true(n <= 64);
        if (pass == 0) {
            memcpy(first, ev, n * sizeof(*ev));
            n_first = n;
        } else {
            assert_int_equal(n, n_first);
            assert_memory_equal(first, ev, n * sizeof(*ev));
        }
        fl_round_free(r);
    }
    fl_scenario_free(a);
    fl_scenario_free(b);
}

/* ---- the voice on a turn ------------------------------------------------------------------ */

static fl_voice_figures figures(float rms, float rate)
{
    fl_voice_figures f = {.rms_dbfs = rms,
                          .peak_dbfs = -1.0f,
                          .syllables_per_s = rate,
                          .speech_s = 2.5f,
                          .pause_s = 0.3f,
                          .pauses = 1,
                          .syllables = (uint32_t)(rate * 2.5f + 0.5f)};
    return f;
}

/* The figures join a reply turn with fl_voice_judge()'s flags; a timeout turn or a turn that
 * does not exist refuses them; a reply taken back takes its figures with it. */
static void voice_joins_a_reply_turn(void **state)
{
    (void)state;
    fl_scenario *s = load_file(EN_DIR "late-delivery.xml");
    fl_session_opts so = {.timed = 1};
    fl_session *ss = NULL;
    assert_int_equal(fl_session_new(&ss, s, &so), 0);
    fl_voice_figures loud = figures(-12.0f, 4.0f), fast = figures(-20.0f, 7.5f);
    assert_int_equal(fl_session_voice(ss, 1, &loud), -1);  /* no turn yet */
    assert_int_equal(fl_session_choose(ss, 99, 1000), -1); /* no such reply: no turn */
    assert_int_equal(turns_of(ss), 0);
    assert_int_equal(fl_session_timeout(ss), 0);
    assert_int_equal(fl_session_voice(ss, 1, &loud), -1); /* silence is not read aloud */
    assert_int_equal(fl_session_choose(ss, first_offered(ss), 3000), 0);
    assert_int_equal(fl_session_voice(ss, 2, &loud), 0);
    assert_int_equal(fl_session_voice(ss, 3, &loud), -1);
    assert_int_equal(fl_session_voice(ss, 0, &loud), -1);
    size_t n;
    const fl_turn *t = fl_session_turns(ss, &n);
    assert_int_equal(n, 2);
    assert_false(t[0].has_voice);
    assert_true(t[1].has_voice);
    assert_int_equal(t[1].voice_flags, FL_VOICE_LOUD);
    assert_true(t[1].voice.rms_dbfs == -12.0f);
    /* read again: the new figures replace the old */
    assert_int_equal(fl_session_voice(ss, 2, &fast), 0);
    t = fl_session_turns(ss, &n);
    assert_int_equal(t[1].voice_flags, FL_VOICE_FAST);
    assert_true(t[1].voice.syllables_per_s == 7.5f);
    /* taken back and answered again: no figures until measured again */
    assert_int_equal(fl_session_undo(ss), 0);
    assert_int_equal(fl_session_voice(ss, 2, &fast), -1);
    assert_int_equal(fl_session_choose(ss, first_offered(ss), 3000), 0);
    t = fl_session_turns(ss, &n);
    assert_int_equal(n, 2);
    assert_false(t[1].has_voice);
    assert_int_equal(t[1].voice_flags, 0);
    fl_session_free(ss);

    /* the round forwards to the call's session */
    fl_round *r = held_single(s, 100, 1);
    assert_int_equal(fl_round_choose(r, 1, first_offered(view(r, 1).session), 2000), 0);
    assert_int_equal(fl_round_voice(r, 1, 1, &fast), 0);
    assert_int_equal(fl_round_voice(r, 2, 1, &fast), -1);
    assert_int_equal(fl_round_voice(r, 1, 2, &fast), -1);
    t = fl_session_turns(view(r, 1).session, &n);
    assert_true(t[0].has_voice);
    assert_int_equal(t[0].voice_flags, FL_VOICE_FAST);
    fl_round_free(r);
    fl_scenario_free(s);
}

/* Where the rubric scores the voice, a loud reply costs Tone 15 and a fast one 10, each with its
 * finding; the figures of a reply taken back go with it; a reply read again calmly costs
 * nothing; a reply not read aloud is never penalised. In a round, the reply's timeline event is
 * marked slipped while its voice costs Tone. */
static const char voice_scored_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<scenario id=\"vs\" version=\"1\" lang=\"en\"><title>T</title><brief>B</brief>"
    "<customer name=\"Sam\"><start mood=\"0\" patience=\"70\" trust=\"50\"/></customer>"
    "<rubric voice=\"scored\"/>"
    "<node id=\"start\"><say>Hello.</say>"
    "<reply id=\"a\" to=\"next\" signals=\"ownership\">Let me check that for you.</reply></node>"
    "<node id=\"next\"><say>Well?</say>"
    "<reply id=\"b\" to=\"done\" signals=\"ownership resolve\">It is fixed now.</reply></node>"
    "<ending id=\"done\" outcome=\"resolved\"/></scenario>";

static int tone_of(const fl_session *ss, fl_findings *fs)
{
    fl_scores sc;
    assert_int_equal(fl_session_report(ss, &sc, NULL, fs), 0);
    assert_true(sc.applicable[FL_DIM_TONE]);
    return sc.score[FL_DIM_TONE];
}

/* The k-th finding (0-based) whose rule starts with "voice-", NULL when there is none; *n the
 * count of them. */
static const fl_finding *voice_finding(const fl_findings *fs, size_t k, size_t *n)
{
    const fl_finding *f = NULL;
    *n = 0;
    for (size_t i = 0; i < fs->n; i++)
        if (strncmp(fs->items[i].rule, "voice-", 6) == 0 && (*n)++ == k)
            f = &fs->items[i];
    return f;
}

static void voice_scored_costs_tone(void **state)
{
    (void)state;
    fl_scenario *s = load_xml(voice_scored_xml);
    assert_true(s->voice_scored);
    fl_session *ss = NULL;
    assert_int_equal(fl_session_new(&ss, s, NULL), 0);
    fl_voice_figures loud = figures(-10.0f, 4.0f), fast = figures(-20.0f, 6.5f),
                     both = figures(-15.0f, 7.0f), calm = figures(-24.0f, 4.0f),
                     silent = figures(-70.0f, 9.0f);
    fl_findings fs;
    assert_int_equal(fl_session_choose(ss, 0, 1000), 0);
    assert_int_equal(tone_of(ss, &fs), 100);
    fl_findings_free(&fs);
    assert_int_equal(fl_session_voice(ss, 1, &loud), 0);
    assert_int_equal(tone_of(ss, &fs), 85);
    size_t nv;
    const fl_finding *f = voice_finding(&fs, 0, &nv);
    assert_int_equal(nv, 1);
    assert_string_equal(f->rule, "voice-loud");
    assert_int_equal(f->points, -15);
    assert_int_equal(f->turn, 1);
    assert_int_equal(f->dimension, FL_DIM_TONE);
    assert_false(f->critical);
    assert_non_null(strstr(f->message, "-10 dBFS"));
    assert_string_equal(f->better,
                        "Lower your voice and slow down: a calm voice calms the customer.");
    fl_findings_free(&fs);
    /* the second reply, loud and fast: both rules, in turn order after the first's */
    assert_int_equal(fl_session_choose(ss, 0, 1000), 0);
    assert_int_equal(fl_session_voice(ss, 2, &both), 0);
    assert_int_equal(tone_of(ss, &fs), 60);
    f = voice_finding(&fs, 1, &nv);
    assert_int_equal(nv, 3);
    assert_string_equal(f->rule, "voice-loud");
    assert_int_equal(f->turn, 2);
    f = voice_finding(&fs, 2, &nv);
    assert_string_equal(f->rule, "voice-fast");
    assert_int_equal(f->points, -10);
    assert_int_equal(f->turn, 2);
    assert_non_null(strstr(f->message, "7.0 syllables"));
    fl_findings_free(&fs);
    /* read again calmly; then only fast; then unheard */
    assert_int_equal(fl_session_voice(ss, 2, &calm), 0);
    assert_int_equal(tone_of(ss, &fs), 85);
    fl_findings_free(&fs);
    assert_int_equal(fl_session_voice(ss, 2, &fast), 0);
    assert_int_equal(tone_of(ss, &fs), 75);
    fl_findings_free(&fs);
    assert_int_equal(fl_session_voice(ss, 2, &silent), 0);
    assert_int_equal(tone_of(ss, &fs), 85);
    fl_findings_free(&fs);
    /* the engine's state never changes: the voice is the report's */
    assert_int_equal(fl_session_state(ss)->tone_lost, 0);
    /* undo the second reply: its figures go with it */
    assert_int_equal(fl_session_voice(ss, 2, &both), 0);
    assert_int_equal(fl_session_undo(ss), 0);
    assert_int_equal(tone_of(ss, &fs), 85);
    fl_findings_free(&fs);
    fl_session_free(ss);

    /* reported (the default): the same figures change nothing */
    fl_scenario *rep = load_xml(MINI("mini-r", "40", "It broke."));
    assert_false(rep->voice_scored);
    assert_int_equal(fl_session_new(&ss, rep, NULL), 0);
    assert_int_equal(fl_session_choose(ss, 2, 1000), 0);
    fl_scores before, after;
    assert_int_equal(fl_session_report(ss, &before, NULL, NULL), 0);
    assert_int_equal(fl_session_voice(ss, 1, &both), 0);
    assert_int_equal(fl_session_report(ss, &after, NULL, &fs), 0);
    assert_memory_equal(&before, &after, sizeof(before));
    assert_null(voice_finding(&fs, 0, &nv));
    assert_int_equal(nv, 0);
    fl_findings_free(&fs);
    fl_session_free(ss);
    fl_scenario_free(rep);

    /* in a round: the reply slipped while its voice cost Tone */
    fl_round *r = NULL;
    fl_round_opts o = {.time_pct = 0, .instant_lines = 1};
    assert_int_equal(fl_round_new_single(&r, s, &o), 0);
    assert_int_equal(fl_round_choose(r, 1, 0, 1000), 0);
    const fl_round_event *e = last_event(r, 1);
    assert_int_equal(e->kind, FL_RE_REPLY);
    assert_int_equal(e->slipped, 0);
    assert_int_equal(fl_round_voice(r, 1, 1, &fast), 0);
    assert_int_equal(last_event(r, 1)->slipped, 1);
    assert_int_equal(fl_round_voice(r, 1, 1, &calm), 0);
    assert_int_equal(last_event(r, 1)->slipped, 0);
    fl_round_free(r);
    fl_scenario_free(s);
}

/* <critical mistake="voice-loud"/> with the voice scored: shouting fails the conversation, and
 * its finding is the one marked critical. */
static void voice_loud_can_be_critical(void **state)
{
    (void)state;
    char xml[2048];
    const char *at = strstr(voice_scored_xml, "<rubric voice=\"scored\"/>");
    assert_non_null(at);
    snprintf(xml, sizeof(xml),
             "%.*s<rubric voice=\"scored\"><critical mistake=\"voice-loud\"/>"
             "</rubric>%s",
             (int)(at - voice_scored_xml), voice_scored_xml,
             at + strlen("<rubric voice=\"scored\"/>"));
    fl_scenario *s = load_xml(xml);
    assert_true(s->critical & FL_CRIT_VOICE_LOUD);
    assert_false(s->critical & FL_CRIT_VOICE_FAST);
    fl_session *ss = NULL;
    assert_int_equal(fl_session_new(&ss, s, NULL), 0);
    assert_int_equal(fl_session_choose(ss, 0, 1000), 0);
    assert_int_equal(fl_session_choose(ss, 0, 1000), 0);
    fl_scores sc;
    fl_findings fs;
    assert_int_equal(fl_session_report(ss, &sc, NULL, NULL), 0);
    assert_true(sc.passed);
    fl_voice_figures fast = figures(-20.0f, 8.0f), loud = figures(-8.0f, 4.0f);
    assert_int_equal(fl_session_voice(ss, 1, &fast), 0); /* fast is not critical here */
    assert_int_equal(fl_session_report(ss, &sc, NULL, NULL), 0);
    assert_int_equal(sc.critical, 0);
    assert_int_equal(fl_session_voice(ss, 2, &loud), 0);
    assert_int_equal(fl_session_report(ss, &sc, NULL, &fs), 0);
    assert_int_equal(sc.critical, 1);
    assert_true(sc.critical_items & FL_CRIT_VOICE_LOUD);
    assert_false(sc.passed);
    assert_true(sc.overall <= 70 - FL_CRITICAL_CAP_BELOW);
    assert_string_equal(fs.items[0].rule, "voice-loud"); /* critical first */
    assert_true(fs.items[0].critical);
    assert_int_equal(fs.items[0].turn, 2);
    fl_findings_free(&fs);
    fl_session_free(ss);
    fl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(session_limit_override_and_wait_past_the_limit),
        cmocka_unit_test(session_hang_up_is_lost_dead_air),
        cmocka_unit_test(typing_time),
        cmocka_unit_test(hang_up_at_the_exact_tick),
        cmocka_unit_test(timeout_at_the_exact_limit),
        cmocka_unit_test(same_seed_same_round),
        cmocka_unit_test(arrivals_are_exponential),
        cmocka_unit_test(at_once_holds_arrivals),
        cmocka_unit_test(scenarios_drawn_as_a_shuffle_bag),
        cmocka_unit_test(ties_arrival_last),
        cmocka_unit_test(tick_granularity_does_not_matter),
        cmocka_unit_test(extension_scales_time_not_scores),
        cmocka_unit_test(single_round_equals_a_session),
        cmocka_unit_test(instant_lines_have_no_typing_pause),
        cmocka_unit_test(show_now_skips_the_typing_pause),
        cmocka_unit_test(copy_paste_between_calls_is_canned),
        cmocka_unit_test(slipped_replies_are_marked),
        cmocka_unit_test(figures_of_a_round),
        cmocka_unit_test(finish_ends_the_round),
        cmocka_unit_test(presenting_holds_the_clock),
        cmocka_unit_test(presented_hang_up_counts_from_the_presentation),
        cmocka_unit_test(acts_interrupt_a_presentation),
        cmocka_unit_test(presenting_with_show_now_and_arrivals),
        cmocka_unit_test(voice_joins_a_reply_turn),
        cmocka_unit_test(voice_scored_costs_tone),
        cmocka_unit_test(voice_loud_can_be_critical),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
