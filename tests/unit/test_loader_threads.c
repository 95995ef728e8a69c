/*
 * test_loader_threads.c - the loader is reentrant: loads on several threads at once each get
 * exactly their own file's diagnostics and model.
 *
 * Until issue 16 the loader kept the load in progress in a process-wide pointer and took
 * libxml2's errors through its global handler, so two loads at once could write one file's
 * errors into the other's list (or read a freed one). Now each load's state hangs off its
 * parser context. Six threads load six different files at once, 50 times each: two clean
 * scenarios (English, Russian), one with a semantic error, one that is not well-formed XML
 * (libxml2's own error, said in Russian: its error path), a round file and a scenario with
 * <param> overrides (the builder's table of parameter names); every load's
 * diagnostics and model must equal the same file's single-threaded load, to the byte. Run under
 * ASan+UBSan in CI's second pass, which also sees any use of another load's freed memory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "round.h"
#include "scenario.h"

#define RUNS 50

typedef struct {
    const char *path;
    int round; /* a round file, not a scenario */
    int lang;  /* the language of its diagnostics */
    char *expected;
    int mismatches, failures; /* filled by the thread */
    char first_diff[512];
} job;

/* Everything a user would see of one load: the return code, each diagnostic as lint prints it,
 * and what the model says of itself. Returns malloc'd text, NULL when out of memory. */
static char *load_text(const job *j)
{
    fl_diags d;
    fl_diags_init(&d, j->path);
    d.lang = j->lang;
    size_t cap = 4096, n = 0;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    int rc;
    char model[256] = "";
    if (j->round) {
        fl_round_def *r = NULL;
        rc = fl_round_def_load_file(&r, j->path, &d);
        if (r)
            snprintf(model, sizeof(model), "round %s '%s' %s", r->id, r->title, r->lang);
        fl_round_def_free(r);
    } else {
        fl_scenario *s = NULL;
        rc = fl_scenario_load_file(&s, j->path, &d);
        if (s) {
            int m = snprintf(model, sizeof(model), "scenario %s '%s' %u nodes, start %d, params",
                             s->id, s->title, s->n_nodes, s->start);
            for (int p = 0; p < FL_P_COUNT && m > 0 && (size_t)m < sizeof(model); p++)
                m += snprintf(model + m, sizeof(model) - (size_t)m, " %d", s->params[p]);
        }
        fl_scenario_free(s);
    }
    n += (size_t)snprintf(out + n, cap - n, "rc %d, %s\n", rc, model);
    for (size_t i = 0; i < d.count; i++) {
        char line[2048];
        int len = fl_diag_format(line, sizeof(line), j->path, &d.items[i]);
        if (len < 0)
            continue;
        if (n + (size_t)len + 2 > cap) {
            cap = (n + (size_t)len + 2) * 2;
            char *t = realloc(out, cap);
            if (!t) {
                free(out);
                fl_diags_clear(&d);
                return NULL;
            }
            out = t;
        }
        n += (size_t)snprintf(out + n, cap - n, "%s\n", line);
    }
    fl_diags_clear(&d);
    return out;
}

static void *run(void *arg)
{
    job *j = arg;
    for (int i = 0; i < RUNS; i++) {
        char *got = load_text(j);
        if (!got) {
            j->failures++;
            continue;
        }
        if (strcmp(got, j->expected) != 0 && j->mismatches++ == 0)
            snprintf(j->first_diff, sizeof(j->first_diff), "%s", got);
        free(got);
    }
    return NULL;
}

static void threads_get_their_own_diagnostics(void **state)
{
    (void)state;
    job jobs[] = {
        {FL_SOURCE_DIR "/scenarios/en/late-delivery.xml", 0, FL_LANG_EN, NULL, 0, 0, ""},
        {FL_SOURCE_DIR "/scenarios/ru/avariya-internet.xml", 0, FL_LANG_RU, NULL, 0, 0, ""},
        {FL_SOURCE_DIR "/tests/lint/target-exists.xml", 0, FL_LANG_EN, NULL, 0, 0, ""},
        {FL_SOURCE_DIR "/tests/lint/xml.xml", 0, FL_LANG_RU, NULL, 0, 0, ""},
        {FL_SOURCE_DIR "/scenarios/rounds/monday-rush.xml", 1, FL_LANG_EN, NULL, 0, 0, ""},
        /* <param> overrides: each builder reads the table of parameter names, which every
         * fl_builder_new() used to rewrite (a race under ThreadSanitizer) */
        {FL_SOURCE_DIR "/scenarios/example/annotated.xml", 0, FL_LANG_EN, NULL, 0, 0, ""},
    };
    enum { N = sizeof(jobs) / sizeof(jobs[0]) };
    /* The reference: each file alone, on this thread. */
    for (int k = 0; k < N; k++) {
        jobs[k].expected = load_text(&jobs[k]);
        assert_non_null(jobs[k].expected);
    }
    /* What the files are is part of the point: two load, one has a semantic error, one is
     * not XML (libxml2's own error, through the context's handler), and they differ. */
    assert_non_null(strstr(jobs[0].expected, "rc 0, scenario late-delivery"));
    assert_non_null(strstr(jobs[1].expected, "rc 0, scenario"));
    assert_non_null(strstr(jobs[2].expected, "[target-exists]"));
    assert_non_null(strstr(jobs[3].expected, "xml.xml:15:113: ошибка:"));
    assert_non_null(strstr(jobs[3].expected, "[xml]"));
    assert_non_null(strstr(jobs[4].expected, "rc 0, round"));
    assert_non_null(strstr(jobs[5].expected, "rc 0, scenario"));
    assert_non_null(strstr(jobs[5].expected, " 75")); /* its <param name="pass" value="75"/> */

    pthread_t t[N];
    for (int k = 0; k < N; k++)
        assert_int_equal(pthread_create(&t[k], NULL, run, &jobs[k]), 0);
    for (int k = 0; k < N; k++)
        assert_int_equal(pthread_join(t[k], NULL), 0);
    for (int k = 0; k < N; k++) {
        if (jobs[k].mismatches)
            fail_msg("%s: %d of %d loads on a thread differ from its single load; one gave:\n%s\n"
                     "expected:\n%s",
                     jobs[k].path, jobs[k].mismatches, RUNS, jobs[k].first_diff, jobs[k].expected);
        assert_int_equal(jobs[k].failures, 0);
        free(jobs[k].expected);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(threads_get_their_own_diagnostics),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
