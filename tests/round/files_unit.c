/*
 * files_unit.c - round files from memory and from disk (game/core/round_load.c) and the pool of
 * scenarios they resolve to (game/content/content.c): the def a file becomes (defaults, seconds
 * to ms, the customers spread over the levels), strict seeds, the loader's safety applied to
 * rounds (size, DOCTYPE, entities), telling a round from a scenario, and a pool that is sorted,
 * without duplicates and the same from every working folder.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "content.h"
#include "loader.h"
#include "round.h"

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

/* A round with the given <customers> and <levels> content. */
static char *round_text(const char *customers, const char *levels, const char *extra)
{
    static char buf[4096];
    snprintf(buf, sizeof(buf),
             HEAD "<round id=\"r\" version=\"2\" lang=\"en\">\n"       /* 2 */
                  "  <title>  Friday\n   rush </title>\n"              /* 3-4 */
                  "  <draw>\n"                                         /* 5 */
                  "    <scenario path=\"../en/late-delivery.xml\"/>\n" /* 6 */
                  "    <scenarios tag=\"complaint\"/>\n"               /* 7 */
                  "    <scenarios tag=\"objection\" dir=\"mine\"/>\n"  /* 8 */
                  "  </draw>\n"                                        /* 9 */
                  "  <customers %s/>\n"                                /* 10 */
                  "  <levels>\n%s  </levels>\n%s"
                  "</round>\n",
             customers, levels, extra);
    return buf;
}

static int load(fl_round_def **def, const char *text, fl_diags *d)
{
    fl_diags_init(d, "r.xml");
    return fl_round_def_load_memory(def, text, strlen(text), "rounds/r.xml", d);
}

static void a_file_becomes_the_def(void **state)
{
    (void)state;
    fl_round_def *def;
    fl_diags d;
    const char *levels = "    <level limit=\"30\" every=\"45\"/>\n"
                         "    <level limit=\"20\" every=\"30\"/>\n"
                         "    <level limit=\"20\" every=\"20\"/>\n"
                         "    <level limit=\"15\" every=\"20\"/>\n"
                         "    <level limit=\"12\" every=\"10\"/>\n";
    assert_int_equal(load(&def, round_text("total=\"12\" seed=\"7\"", levels, ""), &d), 0);
    assert_int_equal(d.count, 0);
    assert_string_equal(def->id, "r");
    assert_int_equal(def->version, 2);
    assert_string_equal(def->lang, "en");
    assert_string_equal(def->title, "Friday rush"); /* white space folded */
    assert_string_equal(def->brief, "");            /* none: empty, never NULL */
    assert_int_equal(def->at_once, 3);              /* the defaults */
    assert_int_equal(def->pass_lost, 0);
    assert_int_equal(def->pass_mean, 70);
    assert_int_equal(def->customers, 12);
    assert_true(def->seed == 7);
    assert_string_equal(def->path, "rounds/r.xml");
    assert_string_equal(def->dir, "rounds");
    /* 12 over 5 levels: 2 each, the remainder to the last levels. */
    uint32_t want[] = {2, 2, 2, 3, 3}, limits[] = {30, 20, 20, 15, 12};
    assert_int_equal(def->n_levels, 5);
    for (int i = 0; i < 5; i++) {
        assert_int_equal(def->levels[i].customers, want[i]);
        assert_int_equal(def->levels[i].limit_ms, limits[i] * 1000);
        assert_int_equal(def->levels[i].pos.line, 12 + i);
        assert_int_equal(def->levels[i].pos.column, 5);
    }
    assert_int_equal(def->levels[0].every_ms, 45000);
    /* Sources in file order, placed at the value that names them; a tag's default folder is
     * the round's language beside the round's folder. */
    assert_int_equal(def->n_sources, 3);
    assert_string_equal(def->sources[0].path, "../en/late-delivery.xml");
    assert_null(def->sources[0].tag);
    assert_int_equal(def->sources[0].pos.line, 6);
    assert_int_equal(def->sources[0].pos.column, 21);
    assert_string_equal(def->sources[1].tag, "complaint");
    assert_string_equal(def->sources[1].dir, "../en");
    assert_null(def->sources[1].path);
    assert_int_equal(def->sources[1].pos.column, 21);
    assert_string_equal(def->sources[2].dir, "mine");
    fl_round_def_free(def);
    fl_diags_clear(&d);

    /* Counts given per level are kept; at-once and the pass rule are read. */
    levels = "    <level limit=\"30\" every=\"45\" customers=\"1\"/>\n"
             "    <level limit=\"25\" every=\"45\" customers=\"4\"/>\n";
    assert_int_equal(load(&def,
                          round_text("total=\"5\" at-once=\"5\" seed=\"18446744073709551615\"",
                                     levels, "  <brief>Go.</brief>\n"),
                          &d),
                     -1); /* <brief> after <levels>: out of order */
    assert_null(def);
    assert_string_equal(d.items[0].rule, "round-schema");
    fl_diags_clear(&d);
    assert_int_equal(load(&def,
                          round_text("total=\"5\" at-once=\"5\" seed=\"18446744073709551615\"",
                                     levels, "  <pass lost=\"5\" mean=\"0\"/>\n"),
                          &d),
                     0);
    assert_int_equal(def->at_once, 5);
    assert_true(def->seed == UINT64_MAX);
    assert_int_equal(def->levels[0].customers, 1);
    assert_int_equal(def->levels[1].customers, 4);
    assert_int_equal(def->pass_lost, 5);
    assert_int_equal(def->pass_mean, 0);
    fl_round_def_free(def);
    fl_diags_clear(&d);
}

/* Loads a round whose <customers> has this seed; returns the rule of the first diagnostic, or
 * "" when it loaded. */
static const char *seed_verdict(const char *seed, uint64_t *out)
{
    static char rule[64];
    char customers[128];
    fl_round_def *def;
    fl_diags d;
    snprintf(customers, sizeof(customers), "total=\"5\" seed=\"%s\"", seed);
    int rc = load(&def, round_text(customers, "    <level limit=\"30\" every=\"45\"/>\n", ""), &d);
    snprintf(rule, sizeof(rule), "%s", d.count ? d.items[0].rule : "");
    if (rc == 0)
        *out = def->seed;
    else
        assert_null(def);
    fl_round_def_free(def);
    fl_diags_clear(&d);
    return rule;
}

static void seeds_are_strict(void **state)
{
    (void)state;
    uint64_t v = 1;
    assert_string_equal(seed_verdict("0", &v), "");
    assert_true(v == 0);
    assert_string_equal(seed_verdict("20261202", &v), "");
    assert_true(v == 20261202);
    assert_string_equal(seed_verdict(" 42 ", &v), ""); /* as the schema's white space rule */
    assert_true(v == 42);
    assert_string_equal(seed_verdict("18446744073709551615", &v), "");
    assert_true(v == UINT64_MAX);
    const char *bad[] = {"12abc",
                         "-1",
                         "1e3",
                         "+5",
                         "",
                         "4.0",
                         "0x10",
                         "18446744073709551616",
                         "99999999999999999999999"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
        assert_string_equal(seed_verdict(bad[i], &v), "round-schema");
}

/* The rules across attributes, each with its rule id and position. */
static void levels_and_pass_are_checked(void **state)
{
    (void)state;
    fl_round_def *def;
    fl_diags d;
    /* More levels than customers. */
    assert_int_equal(load(&def,
                          round_text("total=\"1\" seed=\"1\"",
                                     "    <level limit=\"30\" every=\"45\"/>\n"
                                     "    <level limit=\"20\" every=\"45\"/>\n",
                                     ""),
                          &d),
                     -1);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].rule, "round-customers");
    assert_int_equal(d.items[0].line, 10);
    assert_non_null(strstr(d.items[0].message, "at least one customer"));
    fl_diags_clear(&d);
    /* Counts on some levels only: one error per level without. */
    assert_int_equal(load(&def,
                          round_text("total=\"4\" seed=\"1\"",
                                     "    <level limit=\"30\" every=\"45\" customers=\"4\"/>\n"
                                     "    <level limit=\"20\" every=\"45\"/>\n",
                                     ""),
                          &d),
                     -1);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].rule, "round-customers");
    assert_int_equal(d.items[0].line, 13);
    fl_diags_clear(&d);
    /* A level that relaxes is a warning: the round still loads. */
    assert_int_equal(load(&def,
                          round_text("total=\"4\" seed=\"1\"",
                                     "    <level limit=\"20\" every=\"45\"/>\n"
                                     "    <level limit=\"30\" every=\"45\"/>\n",
                                     ""),
                          &d),
                     0);
    assert_int_equal(d.warnings, 1);
    assert_string_equal(d.items[0].rule, "round-tighten");
    assert_int_equal(d.items[0].line, 13);
    assert_int_equal(d.items[0].column, 19);
    fl_round_def_free(def);
    fl_diags_clear(&d);
    /* lost above the total. */
    assert_int_equal(
        load(&def,
             round_text("total=\"4\" seed=\"1\"", "    <level limit=\"20\" every=\"45\"/>\n",
                        "  <pass lost=\"5\"/>\n"),
             &d),
        -1);
    assert_string_equal(d.items[0].rule, "round-pass");
    fl_diags_clear(&d);
    /* Eleven levels: the schema's limit, reported at the eleventh. */
    char levels[1024] = "";
    for (int i = 0; i < 11; i++)
        strcat(levels, "    <level limit=\"20\" every=\"45\"/>\n");
    assert_int_equal(load(&def, round_text("total=\"20\" seed=\"1\"", levels, ""), &d), -1);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].rule, "round-schema");
    assert_int_equal(d.items[0].line, 22);
    fl_diags_clear(&d);
}

static void the_loader_safety_applies(void **state)
{
    (void)state;
    fl_round_def *def;
    fl_diags d;
    /* A DOCTYPE is refused at once, in the words of round files. */
    const char *doctype = HEAD "<!DOCTYPE round [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                               "<round id=\"r\" version=\"1\" lang=\"en\"><title>&x;</title>"
                               "</round>\n";
    unsigned before = fl_loader__external_attempts();
    assert_int_equal(load(&def, doctype, &d), -1);
    assert_null(def);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].rule, "doctype");
    assert_non_null(strstr(d.items[0].message, "not allowed in round files"));
    assert_int_equal(fl_loader__external_attempts(), before);
    fl_diags_clear(&d);
    /* The size limit of round files, smaller than the scenarios'. */
    size_t big = FL_ROUND_MAX_BYTES + 1;
    char *huge = malloc(big);
    assert_non_null(huge);
    memset(huge, ' ', big);
    fl_diags_init(&d, NULL);
    assert_int_equal(fl_round_def_load_memory(&def, huge, big, NULL, &d), -1);
    assert_string_equal(d.items[0].rule, "too-large");
    assert_non_null(strstr(d.items[0].message, "round files are limited to 1 MiB"));
    fl_diags_clear(&d);
    free(huge);
    /* Not UTF-8. */
    const char latin1[] = HEAD "<round id=\"r\" version=\"1\" lang=\"en\"><title>caf\xE9</title>";
    assert_int_equal(load(&def, latin1, &d), -1);
    assert_string_equal(d.items[0].rule, "encoding");
    assert_int_equal(d.items[0].line, 2);
    fl_diags_clear(&d);
    /* Cut short. */
    const char cut[] = HEAD "<round id=\"r\" version=\"1\" lang=\"en\">\n  <title>Monday ru";
    assert_int_equal(load(&def, cut, &d), -1);
    assert_string_equal(d.items[0].rule, "xml");
    assert_non_null(strstr(d.items[0].message, "truncated"));
    fl_diags_clear(&d);
    /* A scenario handed to the round loader. */
    const char scen[] = HEAD "<scenario id=\"s\" version=\"1\" lang=\"en\"/>\n";
    assert_int_equal(load(&def, scen, &d), -1);
    assert_string_equal(d.items[0].rule, "round-schema");
    assert_non_null(strstr(d.items[0].message, "a round file starts with <round>"));
    fl_diags_clear(&d);
    /* From disk, through the loader's file reader. */
    fl_diags_init(&d, NULL);
    assert_int_equal(fl_round_def_load_file(&def, "/nonexistent/r.xml", &d), -1);
    assert_string_equal(d.items[0].rule, "io");
    fl_diags_clear(&d);
    fl_diags_init(&d, NULL);
    assert_int_equal(fl_round_def_load_file(&def, FL_SOURCE_DIR "/scenarios/rounds", &d), -1);
    assert_non_null(strstr(d.items[0].message, "not a round file"));
    fl_diags_clear(&d);
}

static void rounds_are_told_from_scenarios(void **state)
{
    (void)state;
    const char *yes[] = {
        "<round/>",
        "<round id=\"x\">",
        "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- a > comment -->\n<?pi x?>\n<round\n id=\"x\">",
        "<!DOCTYPE round [<!ENTITY a \"<b>\">]><round>",
        "<round",
    };
    const char *no[] = {
        "",
        "<scenario id=\"x\"><round/></scenario>",
        "<roundup/>",
        "<x:round xmlns:x=\"u\"/>",
        "<!-- <round> -->",
        "<!-- unfinished <round/>",
        "text <round/>",
    };
    for (size_t i = 0; i < sizeof(yes) / sizeof(*yes); i++)
        assert_true(fl_is_round_document(yes[i], strlen(yes[i])));
    for (size_t i = 0; i < sizeof(no) / sizeof(*no); i++)
        assert_false(fl_is_round_document(no[i], strlen(no[i])));
    assert_true(fl_content_is_round_file(FL_SOURCE_DIR "/scenarios/rounds/monday-rush.xml"));
    assert_false(fl_content_is_round_file(FL_SOURCE_DIR "/scenarios/en/late-delivery.xml"));
    assert_false(fl_content_is_round_file(FL_SOURCE_DIR "/scenarios/rounds"));
    assert_false(fl_content_is_round_file("/nonexistent.xml"));
}

/* Writes text to path. */
static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void the_pool_is_sorted_and_unique(void **state)
{
    (void)state;
    char tmp[] = "/tmp/fl-round-XXXXXX";
    assert_non_null(mkdtemp(tmp));
    char path[PATH_MAX], cwd[PATH_MAX];
    assert_non_null(getcwd(cwd, sizeof(cwd)));
    /* late-delivery by path, by two spellings, and again by its tag "complaint". */
    snprintf(path, sizeof(path), "%s/r.xml", tmp);
    char text[2048];
    snprintf(text, sizeof(text),
             HEAD "<round id=\"r\" version=\"1\" lang=\"en\"><title>T</title><draw>\n"
                  "<scenario path=\"%s/scenarios/en/late-delivery.xml\"/>\n"
                  "<scenario path=\"%s/scenarios/en/../en/late-delivery.xml\"/>\n"
                  "<scenarios tag=\"complaint\" dir=\"%s/scenarios/en\"/>\n"
                  "<scenarios tag=\"objection\" dir=\"%s/scenarios/en\"/>\n"
                  "</draw><customers total=\"3\" seed=\"1\"/>"
                  "<levels><level limit=\"30\" every=\"40\"/></levels></round>\n",
             FL_SOURCE_DIR, FL_SOURCE_DIR, FL_SOURCE_DIR, FL_SOURCE_DIR);
    put(path, text);
    fl_round_def *def;
    fl_diags d;
    fl_diags_init(&d, path);
    assert_int_equal(fl_round_def_load_file(&def, path, &d), 0);
    fl_round_pool pool;
    assert_int_equal(fl_round_pool_load(&pool, def, &d), 0);
    assert_int_equal(d.count, 0);
    /* complaint: free-text-router, late-delivery, manager-demand, payment-outage;
     * objection: price-objection, refund-refused. */
    const char *ids[] = {"free-text-router", "late-delivery",   "manager-demand",
                         "payment-outage",   "price-objection", "refund-refused"};
    assert_int_equal(pool.n, 6);
    for (uint32_t i = 0; i < pool.n; i++) {
        assert_string_equal(pool.items[i]->id, ids[i]);
        assert_string_equal(pool.paths[i], pool.items[i]->path);
        assert_true(i == 0 || strcmp(pool.paths[i - 1], pool.paths[i]) < 0);
    }
    fl_round_pool_free(&pool);
    fl_round_pool_free(&pool); /* twice is fine: it is empty */
    fl_round_def_free(def);
    fl_diags_clear(&d);

    /* A bundled round, named from two working folders: the same pool. */
    char *first[8] = {0};
    for (int pass = 0; pass < 2; pass++) {
        assert_int_equal(chdir(pass ? FL_SOURCE_DIR "/scenarios/rounds" : FL_SOURCE_DIR), 0);
        const char *name = pass ? "monday-rush.xml" : "scenarios/rounds/monday-rush.xml";
        fl_diags_init(&d, name);
        assert_int_equal(fl_round_def_load_file(&def, name, &d), 0);
        assert_int_equal(fl_round_pool_load(&pool, def, &d), 0);
        assert_int_equal(pool.n, 5);
        for (uint32_t i = 0; i < pool.n; i++) {
            if (pass)
                assert_string_equal(first[i], pool.paths[i]);
            else
                first[i] = strdup(pool.paths[i]);
        }
        fl_round_pool_free(&pool);
        fl_round_def_free(def);
        fl_diags_clear(&d);
    }
    for (int i = 0; i < 8; i++)
        free(first[i]);
    assert_int_equal(chdir(cwd), 0);

    /* A problem with any source: -1 and an empty pool, the problems at their sources. Beside
     * the round: a round (not a scenario), a scenario with errors, a Russian scenario. */
    snprintf(path, sizeof(path), "%s/other.xml", tmp);
    put(path, HEAD "<round id=\"o\" version=\"1\" lang=\"en\"/>\n");
    snprintf(path, sizeof(path), "%s/broken.xml", tmp);
    put(path, HEAD "<scenario id=\"b\" version=\"1\" lang=\"en\"><title>B</title></scenario>\n");
    snprintf(text, sizeof(text),
             HEAD "<round id=\"r\" version=\"1\" lang=\"en\"><title>T</title><draw>\n" /* 2 */
                  "<scenario path=\"other.xml\"/>\n"                                   /* 3 */
                  "<scenario path=\"broken.xml\"/>\n"                                  /* 4 */
                  "<scenario path=\"%s/scenarios/ru/zhargon.xml\"/>\n"                 /* 5 */
                  "<scenarios tag=\"complaint\" dir=\".\"/>\n"                         /* 6 */
                  "<scenarios tag=\"complaint\"/>\n"                                   /* 7 */
                  "<scenario path=\"%s/scenarios/en/late-delivery.xml\"/>\n"           /* 8 */
                  "</draw><customers total=\"3\" seed=\"1\"/>"
                  "<levels><level limit=\"30\" every=\"40\"/></levels></round>\n",
             FL_SOURCE_DIR, FL_SOURCE_DIR);
    snprintf(path, sizeof(path), "%s/r.xml", tmp);
    put(path, text);
    fl_diags_init(&d, path);
    assert_int_equal(fl_round_def_load_file(&def, path, &d), 0);
    assert_int_equal(fl_round_pool_load(&pool, def, &d), -1);
    assert_int_equal(pool.n, 0);
    assert_null(pool.items);
    fl_diags_sort(&d);
    const char *rules[] = {"round-path-exists", "round-scenario-ok", "round-same-lang",
                           "round-tag-matches", "round-dir-exists"};
    unsigned lines[] = {3, 4, 5, 6, 7};
    assert_int_equal(d.count, 5); /* broken.xml once, as an error of its path: not again as
                                     a warning of the tag's folder */
    for (int i = 0; i < 5; i++) {
        assert_string_equal(d.items[i].rule, rules[i]);
        assert_int_equal(d.items[i].line, lines[i]);
    }
    assert_non_null(strstr(d.items[1].message, "(schema)"));
    fl_round_pool_free(&pool);
    fl_round_def_free(def);
    fl_diags_clear(&d);

    const char *names[] = {"r.xml", "other.xml", "broken.xml"};
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof(path), "%s/%s", tmp, names[i]);
        unlink(path);
    }
    rmdir(tmp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_file_becomes_the_def),
        cmocka_unit_test(seeds_are_strict),
        cmocka_unit_test(levels_and_pass_are_checked),
        cmocka_unit_test(the_loader_safety_applies),
        cmocka_unit_test(rounds_are_told_from_scenarios),
        cmocka_unit_test(the_pool_is_sorted_and_unique),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
