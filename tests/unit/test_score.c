/*
 * test_score.c - the session API as the scoring relies on it: what is offered and refused, the
 * time limit and the end of a session, undo restoring the exact state, and the same acts giving
 * the same state and findings. The scoring rules themselves (the dimension scores, the overall
 * score, the findings, the survey) are tested as data, a scenario, a script and the relations a
 * trainer checks: tests/scoring/cases (tests/scoring/run.py).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "lexicon.h"
#include "scenario.h"
#include "score.h"
#include "session.h"

/* ---- scenarios --------------------------------------------------------------------------- */

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
/* A scenario in `lang` whose customer starts with the <start> attributes `start` and whose
 * <timing>, <goodwill>, <offer>, <var>, <rubric>, nodes and endings are `body`. */
#define SCENARIO(lang, start, body)                                                                \
    HEAD "<scenario id=\"t\" version=\"1\" lang=\"" lang "\">"                                     \
         "<title>T</title><brief>B</brief>"                                                        \
         "<customer name=\"Sam\"><start " start "/></customer>" body "</scenario>"
#define EN(start, body) SCENARIO("en", start, body)
#define DONE            "<ending id=\"done\" outcome=\"resolved\"/>"

/* ---- playing ------------------------------------------------------------------------------ */

typedef struct {
    fl_scenario *s;
    fl_lexicon *lx;
    fl_session *ss;
    fl_scores sc;
    fl_survey sv;
    fl_findings f;
} play;

static fl_scenario *load_ok(const char *xml)
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
    size_t errors = d.errors;
    fl_diags_clear(&d);
    assert_int_equal(rc, 0);
    assert_int_equal(errors, 0);
    assert_non_null(s);
    return s;
}

/* Loads xml and starts a session; timed: the scenario's time limits apply. The built-in lexicon
 * of the scenario's language is passed for typed replies. */
static void start(play *p, const char *xml, int timed)
{
    memset(p, 0, sizeof(*p));
    p->s = load_ok(xml);
    char err[256];
    assert_int_equal(fl_lexicon_builtin(&p->lx, p->s->lang, err, sizeof(err)), 0);
    fl_session_opts o = {.timed = timed, .lexicon = p->lx};
    assert_int_equal(fl_session_new(&p->ss, p->s, &o), 0);
}

static void finish(play *p)
{
    fl_findings_free(&p->f);
    fl_session_free(p->ss);
    fl_lexicon_free(p->lx);
    fl_scenario_free(p->s);
    memset(p, 0, sizeof(*p));
}

/* Index of the reply with this id in the current node. */
static uint32_t reply_index(const play *p, const char *id)
{
    const fl_node *nd = fl_session_node(p->ss);
    for (uint32_t i = 0; i < nd->n_replies; i++)
        if (strcmp(nd->replies[i].id, id) == 0)
            return i;
    fail_msg("node '%s' has no reply '%s'", nd->id, id);
    return 0;
}

/* Picks the reply with this id after took_ms. */
static void pick_after(play *p, const char *id, uint32_t took_ms)
{
    assert_int_equal(fl_session_choose(p->ss, reply_index(p, id), took_ms), 0);
}

static void pick(play *p, const char *id)
{
    pick_after(p, id, 1000);
}

static void type(play *p, const char *text, uint32_t took_ms)
{
    assert_int_equal(fl_session_type(p->ss, text, strlen(text), took_ms), 0);
}

static void report(play *p)
{
    fl_findings_free(&p->f);
    assert_int_equal(fl_session_report(p->ss, &p->sc, &p->sv, &p->f), 0);
}

static const char *node_id(const play *p)
{
    return fl_session_node(p->ss)->id;
}

static int32_t meter(const play *p, int slot)
{
    return fl_state_cenv(fl_session_engine(p->ss), fl_session_state(p->ss))[slot];
}

/* The first finding of this rule, or NULL. */
static const fl_finding *finding(const play *p, const char *rule)
{
    for (size_t i = 0; i < p->f.n; i++)
        if (strcmp(p->f.items[i].rule, rule) == 0)
            return &p->f.items[i];
    return NULL;
}

static size_t count(const play *p, const char *rule)
{
    size_t n = 0;
    for (size_t i = 0; i < p->f.n; i++)
        n += strcmp(p->f.items[i].rule, rule) == 0;
    return n;
}

/* Asserts one finding of `rule` at `turn` in dimension `dim` worth `points`; returns it. */
static const fl_finding *expect_finding(const play *p, const char *rule, uint32_t turn, int dim,
                                        int points)
{
    const fl_finding *f = finding(p, rule);
    if (!f)
        fail_msg("no finding '%s'", rule);
    assert_int_equal(count(p, rule), 1);
    assert_int_equal(f->turn, turn);
    assert_int_equal(f->dimension, dim);
    assert_int_equal(f->points, points);
    assert_non_null(f->message);
    assert_true(f->message[0] != '\0');
    return f;
}

/* ---- 1. the time limit and the end of a session ------------------------------------------- */

/* tests/scoring/cases/responsiveness.xml */
static const char timed_scn[] =
    EN("", "<timing reply-seconds=\"30\"/>"
           "<node id=\"start\"><say>Hello?</say>"
           "<reply id=\"ans\" to=\"done\" signals=\"resolve\">I have found your order.</reply>"
           "<timeout to=\"wait\"/></node>"
           "<node id=\"wait\"><say>Hello? Anyone there?</say>"
           "<reply id=\"back\" to=\"done\" signals=\"resolve\">Found it now.</reply></node>" DONE);

/* tests/scoring/cases/patience-10.xml */
static const char hang_up_scn[] =
    EN("patience=\"10\"",
       "<node id=\"start\"><say>I've been waiting for an hour.</say>"
       "<reply id=\"xfer\" to=\"mid\" signals=\"transfer\">Please call our depot.</reply></node>"
       "<node id=\"mid\"><say>Fine.</say>"
       "<reply id=\"fin\" to=\"done\" signals=\"resolve\">Done.</reply></node>" DONE);

/* The limit applies in timed play only; an untimed session refuses a timeout. A timeout is a turn
 * without a reply that took the whole limit. (Their scores: responsiveness-*.script.) */
static void time_limit_and_timeouts(void **state)
{
    (void)state;
    play p;
    start(&p, timed_scn, 0);
    assert_int_equal(fl_session_limit_ms(p.ss), 0);
    assert_int_equal(fl_session_timeout(p.ss), -1);
    assert_string_equal(node_id(&p), "start");
    size_t n;
    fl_session_turns(p.ss, &n);
    assert_int_equal(n, 0);
    finish(&p);

    start(&p, timed_scn, 1);
    assert_int_equal(fl_session_limit_ms(p.ss), 30000);
    assert_int_equal(fl_session_timeout(p.ss), 0);
    assert_string_equal(node_id(&p), "wait");
    const fl_turn *t = fl_session_turns(p.ss, &n);
    assert_int_equal(n, 1);
    assert_int_equal(t[0].reply, -1);
    assert_int_equal(t[0].took_ms, 30000);
    assert_int_equal(fl_session_state(p.ss)->timeouts, 1);
    pick_after(&p, "back", 1000);
    assert_true(fl_session_ended(p.ss));
    finish(&p);
}

/* A customer who hangs up ends the session even though the reply led to a node; nothing can be
 * replied after that. (Its score: patience-10.script.) */
static void a_hung_up_session_refuses_replies(void **state)
{
    (void)state;
    play p;
    start(&p, hang_up_scn, 0);
    pick(&p, "xfer");
    const fl_state *st = fl_session_state(p.ss);
    assert_int_equal(meter(&p, FL_SLOT_PATIENCE), 0);
    assert_true(fl_session_ended(p.ss));
    assert_true(st->hung_up);
    assert_int_equal(fl_engine_outcome(fl_session_engine(p.ss), st), FL_OUTCOME_LOST);
    assert_int_equal(fl_session_choose(p.ss, 0, 1000), -1);
    size_t n;
    fl_session_turns(p.ss, &n);
    assert_int_equal(n, 1);
    finish(&p);
}

/* ---- 2. once-only, conditions, variables, undo -------------------------------------------- */

static const char loop_scn[] = EN(
    "", "<var name=\"asked\" init=\"0\"/>"
        "<node id=\"start\"><say>Hello.</say>"
        "<reply id=\"ask\" to=\"start\" once=\"yes\">What is the order number?"
        "<set var=\"asked\" add=\"1\"/></reply>"
        "<reply id=\"sorry\" to=\"start\" if=\"not apologized\" signals=\"apology\">Sorry for "
        "the trouble.<note>Say what you are sorry for.</note></reply>"
        "<reply id=\"follow\" to=\"done\" if=\"asked == 1\" signals=\"resolve\">Thanks, it ships "
        "today.</reply>"
        "<reply id=\"fin\" to=\"done\" signals=\"resolve\">It ships today.</reply></node>" DONE);

/* The ids of the replies offered now, joined by spaces. */
static const char *offered(const play *p, char *buf, size_t size)
{
    uint32_t idx[16];
    uint32_t n = fl_session_offered(p->ss, idx, 16);
    const fl_node *nd = fl_session_node(p->ss);
    buf[0] = '\0';
    for (uint32_t i = 0; i < n; i++) {
        if (i)
            strncat(buf, " ", size - strlen(buf) - 1);
        strncat(buf, nd->replies[idx[i]].id, size - strlen(buf) - 1);
    }
    return buf;
}

static void once_only_and_conditional_replies_disappear(void **state)
{
    (void)state;
    char buf[128];
    play p;
    start(&p, loop_scn, 0);
    assert_string_equal(offered(&p, buf, sizeof(buf)), "ask sorry fin");
    assert_int_equal(meter(&p, FL_SLOT_VAR0), 0);
    uint32_t ask = reply_index(&p, "ask");
    pick(&p, "ask");
    assert_string_equal(node_id(&p), "start");
    assert_int_equal(meter(&p, FL_SLOT_VAR0), 1);
    /* once: gone; asked == 1: follow appears */
    assert_string_equal(offered(&p, buf, sizeof(buf)), "sorry follow fin");
    assert_int_equal(fl_session_choose(p.ss, ask, 1000), -1);
    pick(&p, "sorry");
    /* not apologized: gone */
    assert_string_equal(offered(&p, buf, sizeof(buf)), "follow fin");
    assert_int_equal(meter(&p, FL_SLOT_FLAG0), 1); /* apologized */
    pick(&p, "follow");
    assert_true(fl_session_ended(p.ss));
    assert_int_equal(fl_session_offered(p.ss, (uint32_t[4]){0}, 4), 0);
    report(&p);
    const fl_finding *f = expect_finding(&p, "note", 2, -1, 0);
    assert_string_equal(f->message, "Say what you are sorry for.");
    finish(&p);
}

static void undo_restores_the_previous_state_exactly(void **state)
{
    (void)state;
    char buf[128];
    play p;
    start(&p, loop_scn, 0);
    assert_int_equal(fl_session_undo(p.ss), -1); /* nothing to take back */
    const fl_engine *eng = fl_session_engine(p.ss);
    size_t size = eng->state_size;
    char *before = malloc(size);
    assert_non_null(before);
    memcpy(before, fl_session_state(p.ss), size);

    pick(&p, "ask");
    assert_memory_not_equal(before, fl_session_state(p.ss), size);
    assert_int_equal(fl_session_undo(p.ss), 0);
    assert_memory_equal(before, fl_session_state(p.ss), size);
    assert_string_equal(offered(&p, buf, sizeof(buf)), "ask sorry fin");
    size_t n;
    fl_session_turns(p.ss, &n);
    assert_int_equal(n, 0);

    /* Undo in the middle: the apology and its events are taken back. */
    pick(&p, "ask");
    memcpy(before, fl_session_state(p.ss), size);
    pick(&p, "sorry");
    pick(&p, "fin"); /* ends the conversation */
    assert_true(fl_session_ended(p.ss));
    assert_int_equal(fl_session_undo(p.ss), 0);
    assert_int_equal(fl_session_undo(p.ss), 0);
    assert_memory_equal(before, fl_session_state(p.ss), size);
    assert_false(fl_session_ended(p.ss));
    assert_string_equal(offered(&p, buf, sizeof(buf)), "sorry follow fin");
    pick(&p, "follow");
    report(&p);
    assert_null(finding(&p, "note")); /* the undone reply's note went with it */
    assert_int_equal(p.sc.score[FL_DIM_TONE], 100);
    assert_int_equal(fl_session_state(p.ss)->apologies, 0);
    fl_session_turns(p.ss, &n);
    assert_int_equal(n, 2);
    free(before);
    finish(&p);
}

/* ---- 3. determinism ----------------------------------------------------------------------- */

static const char mixed_scn[] =
    EN("mood=\"-40\" patience=\"80\"",
       "<timing reply-seconds=\"30\"/><goodwill budget=\"10\" unit=\"EUR\"/>"
       "<offer id=\"x\">Warranty</offer>"
       "<node id=\"start\"><say emotion=\"angry\" grievance=\"yes\">It broke again!</say>"
       "<reply id=\"xfer\" to=\"typed\" signals=\"transfer\">Call the repair shop.</reply>"
       "<reply id=\"own\" to=\"typed\" signals=\"ownership\">I will handle it.</reply>"
       "<timeout to=\"typed\"/></node>"
       "<node id=\"typed\"><say emotion=\"annoyed\">So what now?</say><input>"
       "<route id=\"fixit\" to=\"pitch\" match=\"replace\" signals=\"resolve\">"
       "<effect mood=\"+70\"/></route>"
       "<fallback id=\"again\" to=\"typed\"/></input></node>"
       "<node id=\"pitch\"><say>Thanks.</say>"
       "<reply id=\"sell\" to=\"done\" signals=\"upsell gesture\" offer=\"x\" gesture=\"15\">And a "
       "warranty, 15 euros off?</reply>"
       "<reply id=\"bye\" to=\"done\">Goodbye.</reply></node>" DONE);

static void act_mixed(play *p, uint32_t first_ms)
{
    pick_after(p, "xfer", first_ms);
    type(p, "Sorry, hmm", 16000);
    type(p, "sorry... HMM", 29000);
    type(p, "I'm sorry, we will replace it", 5000);
    assert_string_equal(node_id(p), "pitch");
    pick_after(p, "sell", 1000);
    assert_true(fl_session_ended(p->ss));
    report(p);
}

static void same_acts_give_the_same_state_and_findings(void **state)
{
    (void)state;
    play a, b;
    start(&a, mixed_scn, 1);
    start(&b, mixed_scn, 1);
    act_mixed(&a, 20000);
    act_mixed(&b, 20000);
    const fl_engine *eng = fl_session_engine(a.ss);
    assert_int_equal(eng->state_size, fl_session_engine(b.ss)->state_size);
    assert_memory_equal(fl_session_state(a.ss), fl_session_state(b.ss), eng->state_size);
    assert_memory_equal(&a.sc, &b.sc, sizeof(a.sc));
    assert_memory_equal(&a.sv, &b.sv, sizeof(a.sv));
    assert_true(a.f.n > 3);
    assert_int_equal(a.f.n, b.f.n);
    for (size_t i = 0; i < a.f.n; i++) {
        const fl_finding *x = &a.f.items[i], *y = &b.f.items[i];
        assert_string_equal(x->rule, y->rule);
        assert_int_equal(x->turn, y->turn);
        assert_int_equal(x->dimension, y->dimension);
        assert_int_equal(x->points, y->points);
        assert_int_equal(x->severity, y->severity);
        assert_int_equal(x->node, y->node);
        assert_int_equal(x->reply, y->reply);
        assert_string_equal(x->message, y->message);
    }
    assert_non_null(finding(&a, "repeated"));
    assert_non_null(finding(&a, "over-budget"));
    finish(&b);

    /* One millisecond more on the first reply is a different conversation. */
    start(&b, mixed_scn, 1);
    act_mixed(&b, 20001);
    assert_memory_not_equal(fl_session_state(a.ss), fl_session_state(b.ss), eng->state_size);
    finish(&b);
    finish(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(time_limit_and_timeouts),
        cmocka_unit_test(a_hung_up_session_refuses_replies),
        cmocka_unit_test(once_only_and_conditional_replies_disappear),
        cmocka_unit_test(undo_restores_the_previous_state_exactly),
        cmocka_unit_test(same_acts_give_the_same_state_and_findings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
