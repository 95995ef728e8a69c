/*
 * test_bounds.c - issue 16: a scenario and a session are bounded by the file size and memory,
 * not by 16-bit counts, and the explorer holds no more memory than it is given.
 *
 * Through the core's API on scenarios made in memory (the same checks through the program are
 * tests/bounds/run.py): 70,000 nodes load and play to the far ending; a session of 70,001
 * replies keeps every turn, its tallies and an elapsed time past 2^32 ms; the explorer on about
 * 14 million states stops at its memory bound with the memory it counted within the bound, and
 * says so; a bound below the scenario itself searches nothing; the default bound does not change
 * a small search.
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
#include "explore.h"
#include "scenario.h"
#include "session.h"

#define HEAD                                                                                       \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                                 \
    "<scenario id=\"t\" version=\"1\" lang=\"en\"><title>T</title><brief>B</brief>"                \
    "<customer name=\"Sam\"><start mood=\"10\" patience=\"60\" trust=\"40\"/></customer>"
#define GOOD "signals=\"apology empathy ownership plan resolve\""

static fl_scenario *load_ok(const char *xml, size_t len)
{
    fl_diags d;
    fl_scenario *s = NULL;
    fl_diags_init(&d, "test.xml");
    int rc = fl_scenario_load_memory(&s, xml, len, NULL, &d);
    char line[1024];
    for (size_t i = 0; i < d.count && i < 5; i++) {
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

/* A chain start -> n1 -> ... -> nN -> done, written into a malloc'd buffer (*len bytes), a node
 * a line as a trainer writes them. */
static char *chain(uint32_t n, size_t *len)
{
    size_t cap = 200 + (size_t)n * 90, used = 0;
    char *b = malloc(cap);
    assert_non_null(b);
    used += (size_t)snprintf(b + used, cap - used,
                             HEAD "<node id=\"start\"><say>Hi.</say><reply to=\"n1\">Go on.</reply>"
                                  "</node>");
    for (uint32_t i = 1; i < n; i++)
        used += (size_t)snprintf(b + used, cap - used,
                                 "<node id=\"n%u\"><say>Hi.</say><reply to=\"n%u\">Go on.</reply>"
                                 "</node>\n",
                                 i, i + 1);
    used += (size_t)snprintf(b + used, cap - used,
                             "<node id=\"n%u\"><say>Hi.</say><reply to=\"done\" " GOOD
                             ">Fixed.</reply></node><ending id=\"done\" outcome=\"resolved\"/>"
                             "</scenario>",
                             n);
    assert_true(used < cap);
    *len = used;
    return b;
}

/* 70,000 nodes (more than 16 bits count) load, and a session walks every one of them. */
static void seventy_thousand_nodes(void **state)
{
    (void)state;
    const uint32_t n = 70000;
    size_t len;
    char *xml = chain(n, &len);
    assert_true(len < FL_SCENARIO_MAX_BYTES);
    fl_scenario *s = load_ok(xml, len);
    free(xml);
    assert_int_equal(s->n_nodes, n + 2);
    assert_int_equal(fl_scenario_find_node(s, "n69999"), 69999);
    fl_session *ss;
    fl_session_opts o = {0};
    assert_int_equal(fl_session_new(&ss, s, &o), 0);
    for (uint32_t i = 0; i <= n; i++)
        assert_int_equal(fl_session_choose(ss, 0, 1000), 0);
    assert_true(fl_session_ended(ss));
    const fl_state *st = fl_session_state(ss);
    assert_int_equal(st->turn, n + 1);
    assert_int_equal(st->node, fl_scenario_find_node(s, "done"));
    assert_int_equal(fl_engine_outcome(fl_session_engine(ss), st), FL_OUTCOME_RESOLVED);
    size_t nt;
    const fl_turn *t = fl_session_turns(ss, &nt);
    assert_int_equal(nt, n + 1);
    assert_int_equal(t[65536].node, 65536);
    assert_int_equal(t[n].turn, n + 1);
    fl_session_free(ss);
    fl_scenario_free(s);
}

static const char LOOP[] = HEAD "<node id=\"start\"><say emotion=\"angry\">Hi.</say>"
                                "<reply to=\"start\" signals=\"apology canned\">We "
                                "apologise for any inconvenience.</reply>"
                                "<reply to=\"done\" " GOOD ">Sorry, I will fix it now.</reply>"
                                "</node><ending id=\"done\" outcome=\"resolved\"/></scenario>";

/* 70,001 replies of a day each: every turn kept and numbered, the tallies past 65,535, the time
 * past 2^32 ms (49.7 days), the conversation still ends and scores. */
static void seventy_thousand_turns(void **state)
{
    (void)state;
    const uint32_t n = 70000, day = 86400000u;
    fl_scenario *s = load_ok(LOOP, strlen(LOOP));
    fl_session *ss;
    fl_session_opts o = {0};
    assert_int_equal(fl_session_new(&ss, s, &o), 0);
    for (uint32_t i = 0; i < n; i++)
        assert_int_equal(fl_session_choose(ss, 0, day), 0);
    assert_int_equal(fl_session_choose(ss, 1, 1500), 0);
    assert_true(fl_session_ended(ss));
    const fl_state *st = fl_session_state(ss);
    uint64_t want = (uint64_t)n * day + 1500;
    assert_true(want > UINT32_MAX);
    assert_int_equal(st->turn, n + 1);
    assert_true(st->elapsed_ms == want);
    assert_int_equal(st->apologies, n + 1);
    assert_true(st->tone_lost > 65535);     /* canned, n times */
    assert_int_equal(st->emo_total, n + 2); /* the angry opening counts twice */
    size_t nt;
    const fl_turn *t = fl_session_turns(ss, &nt);
    assert_int_equal(nt, n + 1);
    for (size_t i = 0; i < nt; i++)
        assert_int_equal(t[i].turn, i + 1);
    assert_true(t[nt - 1].elapsed_ms == want);
    assert_true(t[65535].elapsed_ms == 65536ull * day);
    /* the events name their turns past 16 bits: the last is the canned reply of turn 70,000 */
    size_t ne;
    const fl_event *ev = fl_session_events(ss, &ne);
    assert_true(ne > n);
    assert_int_equal(ev[ne - 1].kind, FL_EV_CANNED);
    assert_int_equal(ev[ne - 1].turn, n);
    fl_scores sc;
    assert_int_equal(fl_session_report(ss, &sc, NULL, NULL), 0);
    assert_int_equal(sc.score[FL_DIM_TONE], 0);
    assert_int_equal(sc.outcome, FL_OUTCOME_RESOLVED);
    /* undo and redo the last reply: the counts move back and forth together */
    assert_int_equal(fl_session_undo(ss), 0);
    assert_int_equal(fl_session_state(ss)->turn, n);
    assert_int_equal(fl_session_choose(ss, 1, 1500), 0);
    assert_int_equal(fl_session_state(ss)->turn, n + 1);
    fl_session_free(ss);
    fl_scenario_free(s);
}

/* Eight variables, each counted up by its own reply in a loop: C(t+7, 7) states at depth t. */
static fl_scenario *wide(void)
{
    char xml[4096];
    size_t used = (size_t)snprintf(xml, sizeof(xml), "%s", HEAD);
    for (int i = 0; i < 8; i++)
        used +=
            (size_t)snprintf(xml + used, sizeof(xml) - used, "<var name=\"v%d\" init=\"0\"/>", i);
    used += (size_t)snprintf(xml + used, sizeof(xml) - used, "<node id=\"start\"><say>Hi.</say>");
    for (int i = 0; i < 8; i++)
        used += (size_t)snprintf(xml + used, sizeof(xml) - used,
                                 "<reply to=\"start\">Part %d?<set var=\"v%d\" add=\"1\"/></reply>",
                                 i, i);
    used += (size_t)snprintf(xml + used, sizeof(xml) - used,
                             "<reply to=\"done\" " GOOD ">Fixed.</reply></node>"
                             "<ending id=\"done\" outcome=\"resolved\"/></scenario>");
    assert_true(used < sizeof(xml));
    return load_ok(xml, used);
}

/* The search stops at its memory bound, having counted no more than the bound, and says so. */
static void explorer_memory_bound(void **state)
{
    (void)state;
    fl_scenario *s = wide();
    fl_engine eng;
    assert_int_equal(fl_engine_init(&eng, s, 0), 0);
    const size_t bound = 8u << 20;
    fl_explore_opts o = {.max_states = 1000000000, .max_memory = bound};
    fl_explore_result r;
    assert_int_equal(fl_explore(&eng, &o, &r), 0);
    assert_true(r.memory_exceeded);
    assert_false(r.states_exceeded);
    assert_false(r.have_paths); /* partial: no best path to follow */
    assert_true(r.peak_bytes <= bound);
    assert_true(r.peak_bytes > bound / 2);
    assert_true(r.states > 50000);
    assert_true(r.any_end);
    fl_explore_free(&r);

    /* the search through a reply has the same bound */
    assert_int_equal(fl_explore_through(&eng, &o, 0, 0, &r), 0);
    assert_true(r.memory_exceeded);
    assert_true(r.through.memory_exceeded);
    assert_true(r.through.peak_bytes <= bound && r.through.peak_bytes > bound / 2);
    fl_explore_free(&r);

    /* twice the bound keeps more states */
    size_t before;
    assert_int_equal(fl_explore(&eng, &o, &r), 0);
    before = r.states;
    fl_explore_free(&r);
    o.max_memory = 2 * bound;
    assert_int_equal(fl_explore(&eng, &o, &r), 0);
    assert_true(r.memory_exceeded && r.states > before + before / 2);
    assert_true(r.peak_bytes <= 2 * bound);
    fl_explore_free(&r);

    /* a bound below what the scenario alone holds: nothing searched, and that is said */
    o.max_memory = s->footprint / 2;
    assert_int_equal(fl_explore(&eng, &o, &r), 0);
    assert_true(r.memory_exceeded);
    assert_int_equal(r.states, 0);
    assert_false(r.any_end);
    fl_explore_free(&r);
    fl_engine_fini(&eng);
    fl_scenario_free(s);
}

/* The default bound does not touch a small search: complete, and the memory it counted. */
static void explorer_default_bound(void **state)
{
    (void)state;
    fl_scenario *s = load_ok(LOOP, strlen(LOOP));
    fl_engine eng;
    assert_int_equal(fl_engine_init(&eng, s, 0), 0);
    fl_explore_opts o = {0};
    fl_explore_result r;
    assert_int_equal(fl_explore(&eng, &o, &r), 0);
    assert_false(r.memory_exceeded);
    assert_false(r.states_exceeded);
    assert_true(r.have_paths);
    assert_true(r.peak_bytes > s->footprint && r.peak_bytes < FL_EXPLORE_DEFAULT_MEMORY);
    fl_explore_free(&r);
    fl_engine_fini(&eng);
    fl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(seventy_thousand_nodes),
        cmocka_unit_test(seventy_thousand_turns),
        cmocka_unit_test(explorer_memory_bound),
        cmocka_unit_test(explorer_default_bound),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
