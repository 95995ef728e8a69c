/*
 * test_score.c - the scoring model (shared/design/scoring.md) as a trainer checks it: small
 * scenarios played through the session API, then the dimension scores, the overall score, the
 * findings (rule, points, turn, dimension) and the survey. Each test plays both sides of an edge
 * (in time, in the window, within the budget, or not) so that a rule that drifts shows up.
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

/* Number of findings about dimension dim. */
static size_t count_dim(const play *p, int dim)
{
    size_t n = 0;
    for (size_t i = 0; i < p->f.n; i++)
        n += p->f.items[i].dimension == dim;
    return n;
}

static int rdiv(long a, long b)
{
    return (int)((2 * a + b) / (2 * b));
}

/* ---- 1. apology --------------------------------------------------------------------------- */

/* Four turns; at each, a plain reply (pN) or an apology (sN). The opening voices a grievance
 * (or not) and is neutral, so empathy does not apply. */
#define APOLOGY_SCN(grievance)                                                                     \
    EN("",                                                                                         \
       "<node id=\"start\"><say grievance=\"" grievance "\">My order is a week late.</say>"        \
       "<reply id=\"p1\" to=\"n2\">Let me look at the order.</reply>"                              \
       "<reply id=\"s1\" to=\"n2\" signals=\"apology\">Sorry about that.</reply></node>"           \
       "<node id=\"n2\"><say>And?</say>"                                                           \
       "<reply id=\"p2\" to=\"n3\">I can see the order now.</reply>"                               \
       "<reply id=\"s2\" to=\"n3\" signals=\"apology\">I am sorry for the wait.</reply></node>"    \
       "<node id=\"n3\"><say>Well?</say>"                                                          \
       "<reply id=\"p3\" to=\"n4\">It left the depot yesterday.</reply>"                           \
       "<reply id=\"s3\" to=\"n4\" signals=\"apology\">Apologies again.</reply></node>"            \
       "<node id=\"n4\"><say>So when?</say>"                                                       \
       "<reply id=\"p4\" to=\"done\" signals=\"resolve\">It arrives today.</reply>"                \
       "<reply id=\"f4\" to=\"done\" signals=\"familiar resolve\">No worries mate, today!</reply>" \
       "<reply id=\"s4\" to=\"done\" signals=\"apology resolve\">So sorry, it comes "              \
       "today.</reply>"                                                                            \
       "</node>" DONE)

static const char apology_scn[] = APOLOGY_SCN("yes");
static const char no_grievance_scn[] = APOLOGY_SCN("no");

static void apology_in_second_reply_scores_100(void **state)
{
    (void)state;
    play p;
    start(&p, apology_scn, 0);
    pick(&p, "p1");
    pick(&p, "s2");
    pick(&p, "p3");
    pick(&p, "p4");
    report(&p);
    assert_true(p.sc.applicable[FL_DIM_APOLOGY]);
    assert_int_equal(p.sc.score[FL_DIM_APOLOGY], 100);
    assert_int_equal(count_dim(&p, FL_DIM_APOLOGY), 0);
    assert_int_equal(p.sc.outcome, FL_OUTCOME_RESOLVED);
    assert_int_equal(p.sc.overall, 100);
    assert_int_equal(p.sc.band, 'A');
    finish(&p);
}

static void apology_in_third_reply_is_late_60(void **state)
{
    (void)state;
    play p;
    start(&p, apology_scn, 0);
    pick(&p, "p1");
    pick(&p, "p2");
    pick(&p, "s3");
    pick(&p, "p4");
    report(&p);
    assert_int_equal(p.sc.score[FL_DIM_APOLOGY], 60);
    const fl_finding *f = expect_finding(&p, "apology-late", 3, FL_DIM_APOLOGY, -40);
    assert_non_null(f->better);
    assert_null(finding(&p, "apology-missing"));
    finish(&p);
}

static void apology_never_scores_0_nobody_apologised(void **state)
{
    (void)state;
    play p;
    start(&p, apology_scn, 0);
    pick(&p, "p1");
    pick(&p, "p2");
    pick(&p, "p3");
    pick(&p, "p4");
    report(&p);
    assert_true(p.sc.applicable[FL_DIM_APOLOGY]);
    assert_int_equal(p.sc.score[FL_DIM_APOLOGY], 0);
    const fl_finding *f = expect_finding(&p, "apology-missing", 1, FL_DIM_APOLOGY, -100);
    assert_string_equal(f->message, "Nobody apologised.");
    assert_int_equal(f->severity, FL_FIND_MISTAKE);
    finish(&p);
}

static void apology_more_than_three_costs_10(void **state)
{
    (void)state;
    play p;
    /* Three apologies: still 100. */
    start(&p, apology_scn, 0);
    pick(&p, "s1");
    pick(&p, "s2");
    pick(&p, "s3");
    pick(&p, "p4");
    report(&p);
    assert_int_equal(p.sc.score[FL_DIM_APOLOGY], 100);
    assert_null(finding(&p, "apology-too-many"));
    finish(&p);

    /* A fourth one sounds scripted. */
    start(&p, apology_scn, 0);
    pick(&p, "s1");
    pick(&p, "s2");
    pick(&p, "s3");
    pick(&p, "s4");
    report(&p);
    assert_int_equal(p.sc.score[FL_DIM_APOLOGY], 90);
    expect_finding(&p, "apology-too-many", 4, FL_DIM_APOLOGY, -10);
    finish(&p);
}

static void apology_without_grievance_is_not_applicable_and_reweighted(void **state)
{
    (void)state;
    play p;
    start(&p, no_grievance_scn, 0);
    pick(&p, "p1");
    pick(&p, "p2");
    pick(&p, "p3");
    pick(&p, "f4"); /* familiar while unresolved: tone 70, so the mean is not trivially 100 */
    report(&p);
    assert_false(p.sc.applicable[FL_DIM_APOLOGY]);
    assert_int_equal(p.sc.score[FL_DIM_APOLOGY], 0);
    assert_int_equal(p.sc.share[FL_DIM_APOLOGY], 0);
    assert_int_equal(count_dim(&p, FL_DIM_APOLOGY), 0);
    assert_int_equal(p.sc.score[FL_DIM_TONE], 70);

    /* The weighted mean of the applicable dimensions only, from the default weights. */
    long sum = 0, wsum = 0;
    for (int d = 0; d < FL_DIM_COUNT; d++) {
        assert_int_equal(p.sc.weight[d], fl_default_weights[d]);
        if (!p.sc.applicable[d])
            continue;
        sum += (long)fl_default_weights[d] * p.sc.score[d];
        wsum += fl_default_weights[d];
    }
    /* ownership 20 x 100, tone 15 x 70, resolution 20 x 100 */
    assert_int_equal(wsum, 55);
    assert_int_equal(p.sc.overall, rdiv(sum, wsum));
    assert_int_equal(p.sc.overall, 92); /* 72 if the apology counted as 0 */
    assert_int_equal(p.sc.share[FL_DIM_OWNERSHIP], rdiv(1000L * 20, 55));
    assert_int_equal(p.sc.share[FL_DIM_TONE], rdiv(1000L * 15, 55));
    finish(&p);
}

/* ---- 2. upsell ---------------------------------------------------------------------------- */

static const char upsell_scn[] =
    EN("mood=\"0\"",
       "<offer id=\"x\">Extended warranty</offer>"
       "<node id=\"start\"><say>My kettle broke.</say>"
       "<reply id=\"early\" to=\"done\" signals=\"upsell\" offer=\"x\">Want our warranty?</reply>"
       "<reply id=\"sour\" to=\"after\" signals=\"resolve\">A new kettle is on its way."
       "<effect mood=\"-1\"/></reply>"
       "<reply id=\"warm\" to=\"after\" signals=\"resolve\">A new kettle will come soon."
       "<effect mood=\"+19\"/></reply>"
       "<reply id=\"sweet\" to=\"after\" signals=\"resolve\">A new kettle comes tomorrow, free."
       "<effect mood=\"+20\"/></reply>"
       "<reply id=\"chat\" to=\"after\">Let me look into it; a voucher for the wait."
       "<effect mood=\"+20\"/></reply></node>"
       "<node id=\"after\"><say>OK.</say>"
       "<reply id=\"pitch\" to=\"done\" signals=\"upsell\" offer=\"x\">Would you like the extended "
       "warranty?</reply>"
       "<reply id=\"bye\" to=\"done\">Have a nice day.</reply></node>" DONE);

static void upsell_at_mood_minus_1_scores_0(void **state)
{
    (void)state;
    play p;
    start(&p, upsell_scn, 0);
    pick(&p, "sour");
    assert_int_equal(meter(&p, FL_SLOT_MOOD), -1);
    pick(&p, "pitch");
    report(&p);
    assert_true(p.sc.applicable[FL_DIM_UPSELL]);
    assert_int_equal(p.sc.score[FL_DIM_UPSELL], 0);
    const fl_finding *f = expect_finding(&p, "upsell-unhappy", 2, FL_DIM_UPSELL, -100);
    assert_non_null(strstr(f->message, "-1"));
    assert_null(finding(&p, "upsell-unresolved"));
    finish(&p);
}

static void upsell_at_mood_20_after_resolution_scores_100(void **state)
{
    (void)state;
    play p;
    start(&p, upsell_scn, 0);
    pick(&p, "sweet");
    assert_int_equal(meter(&p, FL_SLOT_MOOD), 20);
    pick(&p, "pitch");
    report(&p);
    assert_int_equal(p.sc.score[FL_DIM_UPSELL], 100);
    assert_int_equal(count_dim(&p, FL_DIM_UPSELL), 0);
    finish(&p);

    /* One below the threshold is not yet a good moment. */
    start(&p, upsell_scn, 0);
    pick(&p, "warm");
    assert_int_equal(meter(&p, FL_SLOT_MOOD), 19);
    pick(&p, "pitch");
    report(&p);
    assert_true(p.sc.score[FL_DIM_UPSELL] < 100);
    assert_int_equal(p.sc.score[FL_DIM_UPSELL], 95);
    expect_finding(&p, "upsell-lukewarm", 2, FL_DIM_UPSELL, -5);
    finish(&p);
}

static void upsell_before_resolution_scores_0(void **state)
{
    (void)state;
    play p;
    start(&p, upsell_scn, 0);
    assert_int_equal(meter(&p, FL_SLOT_MOOD), 0);
    pick(&p, "early");
    report(&p);
    assert_int_equal(p.sc.score[FL_DIM_UPSELL], 0);
    expect_finding(&p, "upsell-unresolved", 1, FL_DIM_UPSELL, -100);
    assert_null(finding(&p, "upsell-unhappy"));
    finish(&p);

    /* Even a pleased customer (mood 20) is not sold to before the problem is solved. */
    start(&p, upsell_scn, 0);
    pick(&p, "chat");
    assert_int_equal(meter(&p, FL_SLOT_MOOD), 20);
    pick(&p, "pitch");
    report(&p);
    assert_int_equal(p.sc.score[FL_DIM_UPSELL], 0);
    expect_finding(&p, "upsell-unresolved", 2, FL_DIM_UPSELL, -100);
    finish(&p);
}

static void upsell_missed_good_moment_scores_70(void **state)
{
    (void)state;
    play p;
    start(&p, upsell_scn, 0);
    pick(&p, "sweet");
    pick(&p, "bye");
    report(&p);
    assert_int_equal(p.sc.score[FL_DIM_UPSELL], 70);
    const fl_finding *f = expect_finding(&p, "upsell-missed", 2, FL_DIM_UPSELL, -30);
    assert_int_equal(f->severity, FL_FIND_INFO);
    finish(&p);

    /* No good moment (mood -1 after resolution), no upsell: nothing was missed. */
    start(&p, upsell_scn, 0);
    pick(&p, "sour");
    pick(&p, "bye");
    report(&p);
    assert_int_equal(p.sc.score[FL_DIM_UPSELL], 100);
    assert_null(finding(&p, "upsell-missed"));
    finish(&p);
}

static void upsell_not_applicable_without_offer(void **state)
{
    (void)state;
    static const char xml[] =
        EN("mood=\"0\"", "<node id=\"start\"><say>My kettle broke.</say>"
                         "<reply id=\"sweet\" to=\"after\" signals=\"resolve\">A new kettle comes "
                         "tomorrow, free.<effect mood=\"+20\"/></reply></node>"
                         "<node id=\"after\"><say>OK.</say>"
                         "<reply id=\"bye\" to=\"done\">Have a nice day.</reply></node>" DONE);
    play p;
    start(&p, xml, 0);
    pick(&p, "sweet");
    pick(&p, "bye"); /* the same play scores 70 (missed) when there is an offer */
    report(&p);
    assert_false(p.sc.applicable[FL_DIM_UPSELL]);
    assert_int_equal(p.sc.score[FL_DIM_UPSELL], 0);
    assert_int_equal(p.sc.share[FL_DIM_UPSELL], 0);
    assert_int_equal(count_dim(&p, FL_DIM_UPSELL), 0);
    assert_int_equal(p.sc.overall, 100);
    finish(&p);
}

/* ---- 3. ownership ------------------------------------------------------------------------- */

static const char transfer_scn[] =
    EN("", "<node id=\"start\"><say>Where is my refund?</say>"
           "<reply id=\"xfer\" to=\"mid\" signals=\"transfer\">Please call billing on 0800 "
           "123.</reply>"
           "<reply id=\"solve\" to=\"done\" signals=\"resolve\">The refund is on its way.</reply>"
           "</node>"
           "<node id=\"mid\"><say>They sent me back to you.</say>"
           "<reply id=\"xfer2\" to=\"mid2\" signals=\"transfer\">Then write to head "
           "office.</reply>"
           "<reply id=\"own\" to=\"done\" signals=\"ownership resolve\">I'll sort it out myself "
           "right now.</reply>"
           "<reply id=\"close\" to=\"done\" signals=\"resolve\">The refund has been sent.</reply>"
           "</node>"
           "<node id=\"mid2\"><say>Seriously?</say>"
           "<reply id=\"close2\" to=\"done\" signals=\"resolve\">The refund went out "
           "today.</reply></node>" DONE);

static void one_transfer_costs_40_ownership(void **state)
{
    (void)state;
    play p;
    start(&p, transfer_scn, 0);
    pick(&p, "solve");
    report(&p);
    assert_int_equal(p.sc.score[FL_DIM_OWNERSHIP], 100);
    assert_null(finding(&p, "transfer"));
    finish(&p);

    start(&p, transfer_scn, 0);
    pick(&p, "xfer");
    pick(&p, "close");
    report(&p);
    assert_int_equal(p.sc.score[FL_DIM_OWNERSHIP], 60);
    const fl_finding *f = expect_finding(&p, "transfer", 1, FL_DIM_OWNERSHIP, -40);
    assert_int_equal(f->severity, FL_FIND_MISTAKE);
    assert_non_null(f->better);
    assert_non_null(strstr(f->better, "find out right now"));
    finish(&p);
}

static void two_transfers_leave_20_ownership(void **state)
{
    (void)state;
    play p;
    start(&p, transfer_scn, 0);
    pick(&p, "xfer");
    pick(&p, "xfer2");
    pick(&p, "close2");
    report(&p);
    assert_int_equal(p.sc.score[FL_DIM_OWNERSHIP], 20);
    assert_int_equal(count(&p, "transfer"), 2);
    for (size_t i = 0, k = 0; i < p.f.n; i++) {
        if (strcmp(p.f.items[i].rule, "transfer") != 0)
            continue;
        assert_int_equal(p.f.items[i].turn, ++k);
        assert_int_equal(p.f.items[i].points, -40);
    }
    finish(&p);
}

static void ownership_after_transfer_restores_20(void **state)
{
    (void)state;
    play p;
    start(&p, transfer_scn, 0);
    pick(&p, "xfer");
    pick(&p, "own");
    report(&p);
    assert_int_equal(p.sc.score[FL_DIM_OWNERSHIP], 80);
    expect_finding(&p, "transfer", 1, FL_DIM_OWNERSHIP, -40);
    expect_finding(&p, "ownership-recovered", 2, FL_DIM_OWNERSHIP, 20);
    finish(&p);
}

/* ---- 4. familiarity ----------------------------------------------------------------------- */

static const char familiar_scn[] =
    EN("", "<node id=\"start\"><say>My parcel is lost.</say>"
           "<reply id=\"chum\" to=\"mid\" signals=\"familiar\">No worries mate!</reply>"
           "<reply id=\"fix\" to=\"mid\" signals=\"resolve\">I have sent a new parcel.</reply>"
           "</node>"
           "<node id=\"mid\"><say>OK.</say>"
           "<reply id=\"chum2\" to=\"done\" signals=\"familiar\">Cheers buddy!</reply>"
           "<reply id=\"bye\" to=\"done\" signals=\"resolve\">Goodbye.</reply></node>" DONE);

static void familiar_before_resolution_costs_30(void **state)
{
    (void)state;
    play p;
    start(&p, familiar_scn, 0);
    pick(&p, "chum");
    pick(&p, "bye");
    report(&p);
    assert_int_equal(p.sc.score[FL_DIM_TONE], 70);
    const fl_finding *f = expect_finding(&p, "familiar-unresolved", 1, FL_DIM_TONE, -30);
    assert_int_equal(f->severity, FL_FIND_MISTAKE);
    assert_null(finding(&p, "familiar"));
    finish(&p);
}

static void familiar_after_resolution_costs_15(void **state)
{
    (void)state;
    play p;
    start(&p, familiar_scn, 0);
    pick(&p, "fix");
    pick(&p, "chum2");
    report(&p);
    assert_int_equal(p.sc.score[FL_DIM_TONE], 85);
    expect_finding(&p, "familiar", 2, FL_DIM_TONE, -15);
    assert_null(finding(&p, "familiar-unresolved"));
    finish(&p);
}

/* ---- 5. the same reply twice -------------------------------------------------------------- */

static void same_choice_text_in_two_nodes_counts_as_canned(void **state)
{
    (void)state;
    static const char xml[] =
        EN("", "<node id=\"start\"><say>Where is it?</say>"
               "<reply id=\"chk1\" to=\"mid\">Let me check that for you.</reply></node>"
               "<node id=\"mid\"><say>Well?</say>"
               "<reply id=\"chk2\" to=\"done\" signals=\"resolve\">Let me check that for "
               "you.</reply>"
               "<reply id=\"other\" to=\"done\" signals=\"resolve\">It arrives today.</reply>"
               "</node>" DONE);
    play p;
    start(&p, xml, 0);
    pick(&p, "chk1");
    pick(&p, "other");
    report(&p);
    assert_int_equal(p.sc.score[FL_DIM_TONE], 100);
    assert_null(finding(&p, "repeated"));
    finish(&p);

    start(&p, xml, 0);
    pick(&p, "chk1");
    pick(&p, "chk2");
    report(&p);
    assert_int_equal(p.sc.score[FL_DIM_TONE], 90);
    expect_finding(&p, "repeated", 2, FL_DIM_TONE, -10);
    finish(&p);
}

static void same_choice_twice_in_a_loop_counts_as_canned(void **state)
{
    (void)state;
    static const char xml[] =
        EN("", "<node id=\"start\"><say>Hello?</say>"
               "<reply id=\"hold\" to=\"start\">One moment, please.</reply>"
               "<reply id=\"fin\" to=\"done\" signals=\"resolve\">Found it.</reply></node>" DONE);
    play p;
    start(&p, xml, 0);
    pick(&p, "hold");
    pick(&p, "hold");
    pick(&p, "fin");
    report(&p);
    assert_int_equal(p.sc.score[FL_DIM_TONE], 90);
    expect_finding(&p, "repeated", 2, FL_DIM_TONE, -10);
    finish(&p);
}

static void same_typed_text_twice_counts_as_canned(void **state)
{
    (void)state;
    static const char xml[] = EN("", "<node id=\"start\"><say>Hello?</say><input>"
                                     "<route id=\"wait\" to=\"start\" match=\"moment\"/>"
                                     "<fallback id=\"fb\" to=\"done\"/></input></node>" DONE);
    play p;
    start(&p, xml, 0);
    type(&p, "One moment please", 1000);
    assert_string_equal(node_id(&p), "start");
    type(&p, "Another moment, please", 1000);
    type(&p, "Goodbye", 1000);
    assert_true(fl_session_ended(p.ss));
    report(&p);
    assert_int_equal(p.sc.score[FL_DIM_TONE], 100);
    assert_null(finding(&p, "repeated"));
    finish(&p);

    /* The same words again, in other case and punctuation. */
    start(&p, xml, 0);
    type(&p, "One moment please", 1000);
    type(&p, "one MOMENT, please!", 1000);
    type(&p, "Goodbye", 1000);
    report(&p);
    size_t n;
    const fl_turn *t = fl_session_turns(p.ss, &n);
    assert_int_equal(n, 3);
    assert_int_equal(t[1].detected, 0);
    assert_int_equal(p.sc.score[FL_DIM_TONE], 90);
    expect_finding(&p, "repeated", 2, FL_DIM_TONE, -10);
    finish(&p);
}

/* ---- 6. goodwill -------------------------------------------------------------------------- */

static const char gesture_scn[] =
    EN("", "<goodwill budget=\"20\" unit=\"EUR\"/>"
           "<node id=\"start\"><say>The heater broke in a week.</say>"
           "<reply id=\"g20\" to=\"done\" signals=\"resolve\" gesture=\"20\">A new heater, and 20 "
           "euros back.</reply>"
           "<reply id=\"g21\" to=\"done\" signals=\"resolve\" gesture=\"21\">A new heater, and 21 "
           "euros back.</reply></node>" DONE);

static void gesture_within_budget_costs_nothing(void **state)
{
    (void)state;
    play p;
    start(&p, gesture_scn, 0);
    pick(&p, "g20");
    report(&p);
    assert_int_equal(meter(&p, FL_SLOT_GOODWILL), 20);
    assert_int_equal(p.sc.score[FL_DIM_RESOLUTION], 100);
    assert_null(finding(&p, "over-budget"));
    assert_int_equal(p.sc.overall, 100);
    finish(&p);
}

static void gesture_over_budget_costs_30_resolution(void **state)
{
    (void)state;
    play p;
    start(&p, gesture_scn, 0);
    pick(&p, "g21");
    report(&p);
    assert_int_equal(meter(&p, FL_SLOT_GOODWILL), 21);
    assert_int_equal(p.sc.score[FL_DIM_RESOLUTION], 70);
    const fl_finding *f = expect_finding(&p, "over-budget", 1, FL_DIM_RESOLUTION, -30);
    assert_int_equal(f->severity, FL_FIND_MISTAKE);
    assert_non_null(strstr(f->message, "21 EUR"));
    assert_non_null(strstr(f->message, "20 EUR"));
    finish(&p);
}

/* ---- 7. responsiveness -------------------------------------------------------------------- */

static const char timed_scn[] =
    EN("", "<timing reply-seconds=\"30\"/>"
           "<node id=\"start\"><say>Hello?</say>"
           "<reply id=\"ans\" to=\"done\" signals=\"resolve\">I have found your order.</reply>"
           "<timeout to=\"wait\"/></node>"
           "<node id=\"wait\"><say>Hello? Anyone there?</say>"
           "<reply id=\"back\" to=\"done\" signals=\"resolve\">Found it now.</reply></node>" DONE);

/* Plays one timed reply after took_ms and returns its responsiveness. */
static int responsiveness_after(play *p, uint32_t took_ms)
{
    start(p, timed_scn, 1);
    assert_int_equal(fl_session_limit_ms(p->ss), 30000);
    pick_after(p, "ans", took_ms);
    report(p);
    assert_true(p->sc.applicable[FL_DIM_RESPONSIVENESS]);
    return p->sc.score[FL_DIM_RESPONSIVENESS];
}

static void reply_within_half_the_limit_scores_100(void **state)
{
    (void)state;
    play p;
    assert_int_equal(responsiveness_after(&p, 14700), 100); /* 49% */
    assert_null(finding(&p, "slow-reply"));
    finish(&p);
    assert_int_equal(responsiveness_after(&p, 15000), 100); /* exactly half */
    assert_null(finding(&p, "slow-reply"));
    finish(&p);
}

static void reply_at_the_limit_scores_0_and_linear_between(void **state)
{
    (void)state;
    play p;
    assert_int_equal(responsiveness_after(&p, 30000), 0);
    const fl_finding *f = expect_finding(&p, "slow-reply", 1, FL_DIM_RESPONSIVENESS, -100);
    assert_non_null(strstr(f->message, "30"));
    finish(&p);

    assert_int_equal(responsiveness_after(&p, 22500), 50);
    expect_finding(&p, "slow-reply", 1, FL_DIM_RESPONSIVENESS, -50);
    finish(&p);

    assert_int_equal(responsiveness_after(&p, 18000), 80);
    expect_finding(&p, "slow-reply", 1, FL_DIM_RESPONSIVENESS, -20);
    finish(&p);
}

static void timeout_scores_0_for_that_reply(void **state)
{
    (void)state;
    play p;
    start(&p, timed_scn, 1);
    assert_int_equal(fl_session_timeout(p.ss), 0);
    assert_string_equal(node_id(&p), "wait");
    size_t n;
    const fl_turn *t = fl_session_turns(p.ss, &n);
    assert_int_equal(n, 1);
    assert_int_equal(t[0].reply, -1);
    assert_int_equal(t[0].took_ms, 30000);
    pick_after(&p, "back", 1000); /* 100 */
    report(&p);
    assert_int_equal(fl_session_state(p.ss)->timeouts, 1);
    /* (0 + 100) / 2 */
    assert_int_equal(p.sc.score[FL_DIM_RESPONSIVENESS], 50);
    const fl_finding *f = expect_finding(&p, "timeout", 1, FL_DIM_RESPONSIVENESS, -50);
    assert_int_equal(f->reply, -1);
    assert_int_equal(f->severity, FL_FIND_MISTAKE);
    assert_null(finding(&p, "slow-reply"));
    finish(&p);
}

static void untimed_play_has_no_responsiveness(void **state)
{
    (void)state;
    play p;
    start(&p, timed_scn, 0);
    assert_int_equal(fl_session_limit_ms(p.ss), 0);
    assert_int_equal(fl_session_timeout(p.ss), -1);
    pick_after(&p, "ans", 30000);
    report(&p);
    assert_false(p.sc.applicable[FL_DIM_RESPONSIVENESS]);
    assert_int_equal(p.sc.share[FL_DIM_RESPONSIVENESS], 0);
    assert_null(finding(&p, "slow-reply"));
    assert_int_equal(p.sc.overall, 100);
    finish(&p);
}

/* ---- 8. empathy --------------------------------------------------------------------------- */

static const char empathy_scn[] =
    EN("mood=\"0\"", "<node id=\"start\"><say emotion=\"angry\">This is outrageous!</say>"
                     "<reply id=\"cold1\" to=\"mid\">What is the order number?</reply>"
                     "<reply id=\"warm1\" to=\"mid\" signals=\"empathy\">I understand how annoying "
                     "this is.</reply></node>"
                     "<node id=\"mid\"><say emotion=\"annoyed\">It is 4821.</say>"
                     "<reply id=\"cold2\" to=\"done\" signals=\"resolve\">It ships today.</reply>"
                     "<reply id=\"warm2\" to=\"done\" signals=\"empathy resolve\">I see why you're "
                     "annoyed; it ships today.</reply></node>" DONE);

static void unanswered_angry_opening_counts_double(void **state)
{
    (void)state;
    play p;
    start(&p, empathy_scn, 0);
    pick(&p, "cold1");
    pick(&p, "warm2");
    report(&p);
    assert_true(p.sc.applicable[FL_DIM_EMPATHY]);
    assert_int_equal(p.sc.score[FL_DIM_EMPATHY], 33); /* 1 of 3 */
    const fl_finding *f = expect_finding(&p, "empathy-missed", 1, FL_DIM_EMPATHY, -67);
    assert_int_equal(f->severity, FL_FIND_MISTAKE);
    finish(&p);

    /* The other way round: the opening answered, the second line not. */
    start(&p, empathy_scn, 0);
    pick(&p, "warm1");
    pick(&p, "cold2");
    report(&p);
    assert_int_equal(p.sc.score[FL_DIM_EMPATHY], 67); /* 2 of 3 */
    f = expect_finding(&p, "empathy-missed", 2, FL_DIM_EMPATHY, -33);
    assert_int_equal(f->severity, FL_FIND_WARNING);
    finish(&p);
}

/* ---- 9. patience -------------------------------------------------------------------------- */

#define HANG_UP_SCN(patience)                                                                      \
    EN("patience=\"" patience "\"",                                                                \
       "<node id=\"start\"><say>I've been waiting for an hour.</say>"                              \
       "<reply id=\"xfer\" to=\"mid\" signals=\"transfer\">Please call our depot.</reply></node>"  \
       "<node id=\"mid\"><say>Fine.</say>"                                                         \
       "<reply id=\"fin\" to=\"done\" signals=\"resolve\">Done.</reply></node>" DONE)

static void patience_0_hangs_up_even_towards_a_node(void **state)
{
    (void)state;
    play p;
    /* Patience 11: the transfer (-10) leaves 1, the conversation goes on. */
    start(&p, HANG_UP_SCN("11"), 0);
    pick(&p, "xfer");
    assert_false(fl_session_ended(p.ss));
    assert_string_equal(node_id(&p), "mid");
    assert_int_equal(meter(&p, FL_SLOT_PATIENCE), 1);
    finish(&p);

    /* Patience 10: it reaches 0 and the customer leaves. */
    start(&p, HANG_UP_SCN("10"), 0);
    pick(&p, "xfer");
    const fl_state *st = fl_session_state(p.ss);
    assert_int_equal(meter(&p, FL_SLOT_PATIENCE), 0);
    assert_true(fl_session_ended(p.ss));
    assert_true(st->hung_up);
    assert_int_equal(fl_engine_outcome(fl_session_engine(p.ss), st), FL_OUTCOME_LOST);
    assert_int_equal(fl_session_choose(p.ss, 0, 1000), -1);
    report(&p);
    assert_int_equal(p.sc.outcome, FL_OUTCOME_LOST);
    assert_int_equal(p.sc.score[FL_DIM_RESOLUTION], 0);
    const fl_finding *f = expect_finding(&p, "hung-up", 1, FL_DIM_RESOLUTION, -100);
    assert_int_equal(f->severity, FL_FIND_MISTAKE);
    finish(&p);
}

/* ---- 10. outcomes ------------------------------------------------------------------------- */

static void outcomes_score_resolution(void **state)
{
    (void)state;
    static const char xml[] = EN("", "<node id=\"start\"><say>Hi.</say>"
                                     "<reply id=\"r\" to=\"res\">Done.</reply>"
                                     "<reply id=\"p\" to=\"part\">Half done.</reply>"
                                     "<reply id=\"e\" to=\"esc\">Ask my manager.</reply>"
                                     "<reply id=\"l\" to=\"gone\">Goodbye.</reply></node>"
                                     "<ending id=\"res\" outcome=\"resolved\"/>"
                                     "<ending id=\"part\" outcome=\"partly\"/>"
                                     "<ending id=\"esc\" outcome=\"escalated\"/>"
                                     "<ending id=\"gone\" outcome=\"lost\"/>");
    static const struct {
        const char *reply;
        fl_outcome outcome;
        int points;
        const char *rule;
    } cases[] = {
        {"r", FL_OUTCOME_RESOLVED, 100, NULL},
        {"p", FL_OUTCOME_PARTLY, 60, "outcome-partly"},
        {"e", FL_OUTCOME_ESCALATED, 30, "outcome-escalated"},
        {"l", FL_OUTCOME_LOST, 0, "outcome-lost"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        play p;
        start(&p, xml, 0);
        pick(&p, cases[i].reply);
        report(&p);
        assert_int_equal(p.sc.outcome, cases[i].outcome);
        assert_int_equal(p.sc.score[FL_DIM_RESOLUTION], cases[i].points);
        if (cases[i].rule)
            expect_finding(&p, cases[i].rule, 1, FL_DIM_RESOLUTION, cases[i].points - 100);
        else
            assert_int_equal(count_dim(&p, FL_DIM_RESOLUTION), 0);
        assert_null(finding(&p, "hung-up"));
        finish(&p);
    }
}

/* ---- 11. rubric --------------------------------------------------------------------------- */

static void rubric_overrides_weights_and_params(void **state)
{
    (void)state;
    static const char xml[] = EN(
        "", "<rubric><weight dimension=\"ownership\" value=\"50\"/>"
            "<param name=\"transfer-penalty\" value=\"25\"/>"
            "<param name=\"pass\" value=\"90\"/>"
            "<critical mistake=\"transfer\" off=\"yes\"/></rubric>"
            "<node id=\"start\"><say>Where is my refund?</say>"
            "<reply id=\"xfer\" to=\"mid\" signals=\"transfer\">Please call billing.</reply></node>"
            "<node id=\"mid\"><say>They sent me back.</say>"
            "<reply id=\"close\" to=\"done\" signals=\"resolve\">The refund has been "
            "sent.</reply></node>" DONE);
    play p;
    start(&p, xml, 0);
    assert_int_equal(p.s->params[FL_P_TRANSFER_PENALTY], 25);
    pick(&p, "xfer");
    pick(&p, "close");
    report(&p);
    assert_int_equal(p.sc.weight[FL_DIM_OWNERSHIP], 50);
    assert_int_equal(p.sc.weight[FL_DIM_TONE], 15);
    assert_int_equal(p.sc.score[FL_DIM_OWNERSHIP], 75);
    expect_finding(&p, "transfer", 1, FL_DIM_OWNERSHIP, -25);
    /* (50 x 75 + 15 x 100 + 20 x 100) / 85; default weights would give 91, the default
     * penalty 76 */
    assert_int_equal(p.sc.overall, 85);
    assert_int_equal(p.sc.share[FL_DIM_OWNERSHIP], rdiv(50000, 85));
    assert_false(p.sc.passed); /* 85 < 90; the default pass mark 70 would pass it */
    finish(&p);

    /* The same play under the default rubric. */
    start(&p, transfer_scn, 0);
    pick(&p, "xfer");
    pick(&p, "close");
    report(&p);
    assert_int_equal(p.sc.weight[FL_DIM_OWNERSHIP], 20);
    assert_int_equal(p.sc.score[FL_DIM_OWNERSHIP], 60);
    /* by default a transfer is a critical mistake: not passed, the score capped at 59 */
    assert_int_equal(p.sc.critical, 1);
    assert_true(p.sc.critical_items & FL_SIG_TRANSFER);
    assert_false(p.sc.passed);
    assert_true(p.sc.overall < 70);
    assert_int_equal(p.sc.overall, p.sc.raw < 59 ? p.sc.raw : 59);
    finish(&p);
}

/* ---- 12. survey --------------------------------------------------------------------------- */

static const char survey_scn[] = EN(
    "mood=\"0\"",
    "<node id=\"start\"><say>My order is late.</say>"
    "<reply id=\"fix\" to=\"done\" signals=\"empathy ownership resolve\">I'm sorry; I have "
    "sorted it myself.<effect mood=\"+90\" trust=\"+50\"/></reply>"
    "<reply id=\"xfer\" to=\"mid\" signals=\"transfer\">Call the depot.</reply>"
    "<reply id=\"quit\" to=\"gone\" signals=\"rude\">Not my problem.</reply></node>"
    "<node id=\"mid\"><say>They sent me back.</say>"
    "<reply id=\"xfer2\" to=\"mid2\" signals=\"transfer\">Try head office.</reply></node>"
    "<node id=\"mid2\"><say>Again?</say>"
    "<reply id=\"fix2\" to=\"done\" signals=\"resolve\">I have sorted it now.</reply></node>" DONE
    "<ending id=\"gone\" outcome=\"lost\"/>");

static void assert_survey_in_range(const fl_survey *sv)
{
    assert_in_range(sv->csat, 1, 5);
    assert_in_range(sv->ces, 1, 7);
    assert_in_range(sv->nps, 0, 10);
}

static void survey_follows_the_conversation(void **state)
{
    (void)state;
    play p;
    start(&p, survey_scn, 0);
    pick(&p, "fix");
    report(&p);
    assert_survey_in_range(&p.sv);
    fl_survey happy = p.sv;
    assert_true(happy.nps >= 9);
    assert_true(happy.csat >= 4);
    finish(&p);

    start(&p, survey_scn, 0);
    pick(&p, "xfer");
    pick(&p, "xfer2");
    pick(&p, "fix2");
    report(&p);
    assert_int_equal(p.sc.outcome, FL_OUTCOME_RESOLVED);
    assert_survey_in_range(&p.sv);
    assert_true(p.sv.ces > happy.ces);
    finish(&p);

    start(&p, survey_scn, 0);
    pick(&p, "quit");
    report(&p);
    assert_int_equal(p.sc.outcome, FL_OUTCOME_LOST);
    assert_survey_in_range(&p.sv);
    assert_true(p.sv.nps <= 6); /* a detractor */
    assert_true(p.sv.csat < happy.csat);
    finish(&p);
}

/* ---- 13. once-only, conditions, variables, undo ------------------------------------------- */

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

/* ---- 14. determinism ---------------------------------------------------------------------- */

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

/* ---- 15. free text ------------------------------------------------------------------------ */

static const char free_text_scn[] = EN(
    "", "<node id=\"start\"><say emotion=\"worried\" grievance=\"yes\">My flight was "
        "cancelled.</say><input>"
        "<route id=\"money\" to=\"done\" match=\"refund money\"/>"
        "<route id=\"soothe\" to=\"calm\" match=\"apologise | stressful\"/>"
        "<fallback id=\"lost-words\" to=\"unclear\"/></input></node>"
        "<node id=\"calm\"><say>OK, thanks.</say>"
        "<reply id=\"fin\" to=\"done\" signals=\"resolve\">You are rebooked.</reply></node>"
        "<node id=\"unclear\"><say>What?</say>"
        "<reply id=\"fin2\" to=\"done\" signals=\"resolve\">I rebooked you.</reply></node>" DONE);

static const fl_turn *last_turn(const play *p)
{
    size_t n;
    const fl_turn *t = fl_session_turns(p->ss, &n);
    assert_true(n > 0);
    return &t[n - 1];
}

static void typed_reply_routes_by_stems_and_detects_signals(void **state)
{
    (void)state;
    play p;
    start(&p, free_text_scn, 0);
    type(&p, "I'm so sorry, that must be stressful", 1000);
    assert_string_equal(node_id(&p), "calm");
    const fl_turn *t = last_turn(&p);
    assert_int_equal(t->reply, 1); /* soothe */
    assert_string_equal(t->typed, "I'm so sorry, that must be stressful");
    assert_int_equal(t->detected & (FL_SIG_APOLOGY | FL_SIG_EMPATHY),
                     FL_SIG_APOLOGY | FL_SIG_EMPATHY);
    assert_int_equal(t->detected & ~(uint32_t)(FL_SIG_APOLOGY | FL_SIG_EMPATHY), 0);
    assert_int_equal(t->signals, t->detected); /* the route declares none */
    pick(&p, "fin");
    report(&p);
    assert_int_equal(p.sc.score[FL_DIM_APOLOGY], 100);
    assert_int_equal(p.sc.score[FL_DIM_EMPATHY], 100);
    finish(&p);

    /* "apologise" in match, "apologised" typed: the same stem. */
    start(&p, free_text_scn, 0);
    type(&p, "We apologised", 1000);
    assert_string_equal(node_id(&p), "calm");
    assert_true(last_turn(&p)->detected & FL_SIG_APOLOGY);
    finish(&p);

    /* Every word of an alternative, in any order, stemmed. */
    start(&p, free_text_scn, 0);
    type(&p, "Your money is refunded", 1000);
    assert_true(fl_session_ended(p.ss));
    assert_int_equal(last_turn(&p)->reply, 0);
    finish(&p);
}

static void typed_reply_matching_no_route_takes_the_fallback(void **state)
{
    (void)state;
    play p;
    start(&p, free_text_scn, 0);
    type(&p, "What is your booking code", 1000);
    assert_string_equal(node_id(&p), "unclear");
    const fl_turn *t = last_turn(&p);
    assert_int_equal(t->reply, 2); /* the fallback */
    assert_int_equal(t->detected, 0);
    pick(&p, "fin2");
    report(&p);
    assert_int_equal(p.sc.score[FL_DIM_EMPATHY], 0);
    expect_finding(&p, "empathy-missed", 1, FL_DIM_EMPATHY, -100);
    finish(&p);

    /* "money" alone is not the alternative "refund money". */
    start(&p, free_text_scn, 0);
    type(&p, "Money", 1000);
    assert_string_equal(node_id(&p), "unclear");
    finish(&p);
}

static void russian_typed_reply_detects_apology_and_empathy(void **state)
{
    (void)state;
    static const char xml[] = SCENARIO(
        "ru", "",
        "<node id=\"start\"><say emotion=\"angry\" grievance=\"yes\">Вы опять списали деньги "
        "дважды!</say><input>"
        "<route id=\"money\" to=\"done\" match=\"верн деньги\"/>"
        "<route id=\"feel\" to=\"calm\" match=\"понимаете\"/>"
        "<fallback id=\"fb\" to=\"unclear\"/></input></node>"
        "<node id=\"calm\"><say>Ладно.</say>"
        "<reply id=\"fin\" to=\"done\" signals=\"resolve\">Деньги вернутся завтра.</reply></node>"
        "<node id=\"unclear\"><say>Что?</say>"
        "<reply id=\"fin2\" to=\"done\" signals=\"resolve\">Деньги вернутся сегодня.</reply>"
        "</node>" DONE);
    play p;
    start(&p, xml, 0);
    type(&p, "Простите, пожалуйста, я понимаю, как это неприятно", 1000);
    assert_string_equal(node_id(&p), "calm"); /* понимаю ~ понимаете */
    const fl_turn *t = last_turn(&p);
    assert_int_equal(t->detected & (FL_SIG_APOLOGY | FL_SIG_EMPATHY),
                     FL_SIG_APOLOGY | FL_SIG_EMPATHY);
    pick(&p, "fin");
    report(&p);
    assert_int_equal(p.sc.score[FL_DIM_APOLOGY], 100);
    assert_int_equal(p.sc.score[FL_DIM_EMPATHY], 100);
    finish(&p);

    /* No route: the fallback, and the findings are in Russian. */
    start(&p, xml, 0);
    type(&p, "Назовите номер заказа", 1000);
    assert_string_equal(node_id(&p), "unclear");
    assert_int_equal(last_turn(&p)->detected, 0);
    pick(&p, "fin2");
    report(&p);
    const fl_finding *f = expect_finding(&p, "apology-missing", 1, FL_DIM_APOLOGY, -100);
    assert_string_equal(f->message, "Никто не извинился.");
    finish(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(apology_in_second_reply_scores_100),
        cmocka_unit_test(apology_in_third_reply_is_late_60),
        cmocka_unit_test(apology_never_scores_0_nobody_apologised),
        cmocka_unit_test(apology_more_than_three_costs_10),
        cmocka_unit_test(apology_without_grievance_is_not_applicable_and_reweighted),
        cmocka_unit_test(upsell_at_mood_minus_1_scores_0),
        cmocka_unit_test(upsell_at_mood_20_after_resolution_scores_100),
        cmocka_unit_test(upsell_before_resolution_scores_0),
        cmocka_unit_test(upsell_missed_good_moment_scores_70),
        cmocka_unit_test(upsell_not_applicable_without_offer),
        cmocka_unit_test(one_transfer_costs_40_ownership),
        cmocka_unit_test(two_transfers_leave_20_ownership),
        cmocka_unit_test(ownership_after_transfer_restores_20),
        cmocka_unit_test(familiar_before_resolution_costs_30),
        cmocka_unit_test(familiar_after_resolution_costs_15),
        cmocka_unit_test(same_choice_text_in_two_nodes_counts_as_canned),
        cmocka_unit_test(same_choice_twice_in_a_loop_counts_as_canned),
        cmocka_unit_test(same_typed_text_twice_counts_as_canned),
        cmocka_unit_test(gesture_within_budget_costs_nothing),
        cmocka_unit_test(gesture_over_budget_costs_30_resolution),
        cmocka_unit_test(reply_within_half_the_limit_scores_100),
        cmocka_unit_test(reply_at_the_limit_scores_0_and_linear_between),
        cmocka_unit_test(timeout_scores_0_for_that_reply),
        cmocka_unit_test(untimed_play_has_no_responsiveness),
        cmocka_unit_test(unanswered_angry_opening_counts_double),
        cmocka_unit_test(patience_0_hangs_up_even_towards_a_node),
        cmocka_unit_test(outcomes_score_resolution),
        cmocka_unit_test(rubric_overrides_weights_and_params),
        cmocka_unit_test(survey_follows_the_conversation),
        cmocka_unit_test(once_only_and_conditional_replies_disappear),
        cmocka_unit_test(undo_restores_the_previous_state_exactly),
        cmocka_unit_test(same_acts_give_the_same_state_and_findings),
        cmocka_unit_test(typed_reply_routes_by_stems_and_detects_signals),
        cmocka_unit_test(typed_reply_matching_no_route_takes_the_fallback),
        cmocka_unit_test(russian_typed_reply_detects_apology_and_empathy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
