/*
 * test_route.c - the route grammar (route.h): what parses into what, the normalised text ids
 * derive from (unchanged for a match without groups), every mistake at its offset, nesting
 * bounded without exhausting the stack, matching with groups by stem, and the explanation of a
 * node's choice (which words matched, what the closest alternative missed).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "lexicon.h"
#include "route.h"
#include "scenario.h"

#include "lexicon_fixture.h"

/* A match attribute parsed: its alternatives and its mistakes. */
typedef struct {
    const fl_pattern *alts;
    uint32_t n;
    fl_route_error errs[16];
    size_t n_errs;
} parsed;

/* Parses a copy of src in arena a into r; returns fl_route_parse's status, the normalised text
 * in key (when not NULL). */
static int parse(fl_arena *a, const char *src, parsed *r, char *key, size_t key_size)
{
    char *copy = fl_arena_strdup(a, src);
    assert_non_null(copy);
    int rc = fl_route_parse(&r->alts, &r->n, a, copy, r->errs, 16, &r->n_errs);
    if (rc == 0 && key)
        fl_route_key(key, key_size, r->alts, r->n);
    return rc;
}

static void test_old_matches_keep_their_meaning_and_key(void **state)
{
    (void)state;
    fl_arena *a = fl_arena_new();
    parsed r;
    char key[256];
    assert_int_equal(parse(a, "Refund  NOW|money back | Вернём деньги", &r, key, sizeof(key)), 0);
    assert_int_equal(r.n, 3);
    assert_int_equal(r.alts[0].n_words, 2);
    assert_int_equal(r.alts[0].n_groups, 0);
    assert_string_equal(r.alts[0].words[0], "refund");
    assert_string_equal(r.alts[0].words[1], "now");
    assert_string_equal(r.alts[2].words[0], "вернём"); /* Cyrillic lower-cased */
    /* the text ids were always derived from: words by " ", alternatives by " | " */
    assert_string_equal(key, "refund now | money back | вернём деньги");
    /* positions as written */
    assert_int_equal(r.alts[1].start, 12);
    assert_int_equal(r.alts[1].end, 22);
    assert_int_equal(r.alts[0].word_start[1], 8);
    fl_arena_free(a);
}

static void test_groups_parse_and_normalise(void **state)
{
    (void)state;
    fl_arena *a = fl_arena_new();
    parsed r;
    char key[256];
    const char *src = "(Sorry|apologise)  (today | tomorrow) now | ((a b | c) d | e)";
    assert_int_equal(parse(a, src, &r, key, sizeof(key)), 0);
    /* the combinations written out, in order: what a trainer once wrote by hand */
    assert_string_equal(key, "sorry today now | sorry tomorrow now | apologise today now | "
                             "apologise tomorrow now | a b d | c d | e");
    assert_int_equal(r.n, 2);
    assert_int_equal(r.alts[0].n_groups, 2);
    assert_int_equal(r.alts[0].n_words, 1);
    assert_int_equal(r.alts[0].groups[0].start, 0);
    assert_int_equal(r.alts[0].groups[0].end, 17);
    assert_int_equal(r.alts[0].groups[0].n_alts, 2);
    assert_string_equal(r.alts[0].groups[0].alts[1].words[0], "apologise");
    assert_int_equal(r.alts[1].groups[0].alts[0].groups[0].n_alts, 2);
    /* a key cut short is the text's beginning, NUL-terminated */
    char small[8];
    assert_int_equal(fl_route_key(small, sizeof(small), r.alts, r.n), 0);
    assert_string_equal(small, "sorry t");
    /* a list of combinations rewritten with groups keeps its key, and so its derived id */
    char listed[256];
    assert_int_equal(parse(a, "sorry stressful|sorry rent|apologise stressful|apologise rent | x",
                           &r, listed, sizeof(listed)),
                     0);
    assert_int_equal(parse(a, "(sorry | apologise) (stressful | rent) | x", &r, key, 256), 0);
    assert_string_equal(key, listed);
    fl_arena_free(a);
}

/* Nine groups of ten words are a billion combinations: the key makes only the first ones. */
static void test_key_of_a_huge_product_is_bounded(void **state)
{
    (void)state;
    char src[1024] = "";
    for (int g = 0; g < 9; g++)
        strcat(src, "(a | b | c | d | e | f | g | h | i | j) ");
    fl_arena *a = fl_arena_new();
    parsed r;
    char key[1100];
    assert_int_equal(parse(a, src, &r, key, sizeof(key)), 0);
    assert_int_equal(strlen(key), sizeof(key) - 1);
    assert_memory_equal(key, "a a a a a a a a a | a a a a a a a a b | a a a a a a a a c", 57);
    fl_arena_free(a);
}

/* Each broken match gives these mistakes, at these offsets. */
static void test_mistakes_at_their_offsets(void **state)
{
    (void)state;
    static const struct {
        const char *src;
        size_t n;
        fl_route_error e[3];
    } cases[] = {
        {"restart || reboot", 1, {{FL_ROUTE_EMPTY_ALT, 9}}},
        {"| a", 1, {{FL_ROUTE_EMPTY_ALT, 0}}},
        {"a |", 1, {{FL_ROUTE_EMPTY_ALT, 3}}},
        {"", 1, {{FL_ROUTE_EMPTY_ALT, 0}}},
        {"(a |) b", 1, {{FL_ROUTE_EMPTY_ALT, 4}}},
        {"x () y", 1, {{FL_ROUTE_EMPTY_GROUP, 2}}},
        {"x ( ) y", 1, {{FL_ROUTE_EMPTY_GROUP, 2}}},
        {"(a | b c", 1, {{FL_ROUTE_UNCLOSED, 0}}},
        {"a (b (c | d) e", 1, {{FL_ROUTE_UNCLOSED, 2}}},
        {"a) b", 1, {{FL_ROUTE_UNOPENED, 1}}},
        {"(a | b)) c | d", 1, {{FL_ROUTE_UNOPENED, 7}}},
        {"(a || b) (c", 2, {{FL_ROUTE_EMPTY_ALT, 4}, {FL_ROUTE_UNCLOSED, 9}}},
        {"((((((((a))))))))", 0, {{0, 0}}},                   /* 8 deep: allowed */
        {"(((((((((a)))))))))", 1, {{FL_ROUTE_TOO_DEEP, 8}}}, /* 9 deep */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
        fl_arena *a = fl_arena_new();
        parsed r = {.n_errs = 99};
        int rc = parse(a, cases[i].src, &r, NULL, 0);
        if (r.n_errs != cases[i].n)
            fprintf(stderr, "%s: %zu mistakes\n", cases[i].src, r.n_errs);
        assert_int_equal(r.n_errs, cases[i].n);
        assert_int_equal(rc, cases[i].n ? -1 : 0);
        for (size_t k = 0; k < r.n_errs; k++) {
            if (r.errs[k].kind != cases[i].e[k].kind || r.errs[k].offset != cases[i].e[k].offset)
                fprintf(stderr, "%s: mistake %zu is %d at %u\n", cases[i].src, k,
                        (int)r.errs[k].kind, r.errs[k].offset);
            assert_int_equal(r.errs[k].kind, cases[i].e[k].kind);
            assert_int_equal(r.errs[k].offset, cases[i].e[k].offset);
        }
        fl_arena_free(a);
    }
}

/* A hostile attribute: a million '(' neither recurses a million deep nor reports a million
 * mistakes to read. */
static void test_deep_nesting_is_bounded(void **state)
{
    (void)state;
    size_t n = 1000000;
    char *src = malloc(n + 2);
    assert_non_null(src);
    memset(src, '(', n);
    src[n] = 'a';
    src[n + 1] = '\0';
    fl_arena *a = fl_arena_new();
    parsed r;
    assert_int_equal(parse(a, src, &r, NULL, 0), -1);
    assert_int_equal(r.errs[0].kind, FL_ROUTE_TOO_DEEP);
    assert_int_equal(r.errs[0].offset, FL_ROUTE_MAX_DEPTH);
    assert_true(r.n_errs <= FL_ROUTE_MAX_DEPTH + 2);
    fl_arena_free(a);
    free(src);
}

/* Whether the typed text matches the match attribute src. */
static int matches(fl_lexicon *lx, const char *src, const char *text)
{
    fl_arena *a = fl_arena_new();
    fl_reply r = {0};
    char *copy = fl_arena_strdup(a, src);
    fl_route_error errs[16];
    size_t ne;
    assert_int_equal(fl_route_parse(&r.patterns, &r.n_patterns, a, copy, errs, 16, &ne), 0);
    fl_words w = {0};
    assert_int_equal(fl_lexicon_words(lx, text, strlen(text), &w), 0);
    int m = fl_route_matches(lx, &r, &w);
    assert_true(m >= 0);
    /* the lexicon's one-alternative matcher agrees */
    int any = 0;
    for (uint32_t k = 0; k < r.n_patterns; k++)
        any |= fl_lexicon_pattern_match(lx, &r.patterns[k], &w) == 1;
    assert_int_equal(any, m);
    fl_words_free(&w);
    fl_arena_free(a);
    return m;
}

static void test_matching_with_groups(void **state)
{
    (void)state;
    const char *p = "(sorry | apologise) (tomorrow | today) | refund now";
    assert_true(matches(en, p, "I apologise, it will be fixed tomorrow"));
    assert_true(matches(en, p, "Today, and I'm sorry"));
    assert_true(matches(en, p, "We're refunding you now")); /* by stem */
    assert_false(matches(en, p, "Sorry about that"));       /* one group only */
    assert_false(matches(en, p, "tomorrow or today"));      /* the other group only */
    assert_false(matches(en, p, "refund tomorrow"));        /* half of each */
    /* nested: ((a b | c) d | e) */
    const char *q = "((call back | email) later | never) again";
    assert_true(matches(en, q, "I'll email you again later"));
    assert_true(matches(en, q, "never again"));
    assert_false(matches(en, q, "I'll call you again later")); /* "back" is missing */
    assert_false(matches(en, q, "email later"));
    /* a word the tokenizer cuts in two needs both parts */
    assert_true(matches(en, "e-mail", "I'll e-mail you"));
    assert_false(matches(en, "e-mail", "I'll mail you"));
    /* Russian, by stem, ё as е */
    const char *r = "(извините | простите | жаль) (понимаю | неприятно) | верну деньги";
    assert_true(matches(ru, r, "Простите, понимаю, как это неприятно"));
    assert_true(matches(ru, r, "Я верну деньги сегодня"));
    assert_false(matches(ru, r, "Извините за ожидание"));
}

static const char scenario_xml[] =
    "<scenario id=\"t\" version=\"1\" lang=\"en\">\n"
    "  <title>t</title><brief>b</brief>\n"
    "  <customer name=\"N\" voice=\"female\" avatar=\"woman-1\"><start mood=\"0\" "
    "patience=\"50\" trust=\"50\"/></customer>\n"
    "  <node id=\"start\">\n"
    "    <say emotion=\"annoyed\">When?</say>\n"
    "    <input>\n"
    "      <route to=\"a\" match=\"bank\"/>\n"
    "      <route to=\"b\" match=\"(sorry | apologise) (tomorrow | today) | refund now\" "
    "if=\"mood &lt; 0\"/>\n"
    "      <fallback to=\"c\"/>\n"
    "    </input>\n"
    "  </node>\n"
    "  <ending id=\"a\" outcome=\"lost\"><say>x</say></ending>\n"
    "  <ending id=\"b\" outcome=\"resolved\"><say>y</say></ending>\n"
    "  <ending id=\"c\" outcome=\"partly\"><say>z</say></ending>\n"
    "</scenario>\n";

/* The span of a match_src or text as a string, for comparing. */
static const char *span(const char *s, uint32_t start, uint32_t end)
{
    static char buf[4][64];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof(buf[k]), "%.*s", (int)(end - start), s + start);
    return buf[k];
}

static void test_explanation(void **state)
{
    (void)state;
    fl_diags d;
    fl_diags_init(&d, "t.xml");
    fl_scenario *s = NULL;
    int rc = fl_scenario_load_memory(&s, scenario_xml, sizeof(scenario_xml) - 1, NULL, &d);
    for (size_t i = 0; i < d.count; i++)
        fprintf(stderr, "%u:%u: %s\n", d.items[i].line, d.items[i].column, d.items[i].message);
    assert_int_equal(rc, 0);
    const fl_node *node = &s->nodes[s->start];
    const fl_reply *r = &node->replies[1];
    assert_string_equal(r->match_src, "(sorry | apologise) (tomorrow | today) | refund now");

    /* matched through both groups: the words of the pattern and what was typed */
    const char *text = "So sorry! Fixed by Tomorrow.";
    fl_words w = {0};
    assert_int_equal(fl_lexicon_words(en, text, strlen(text), &w), 0);
    fl_route_explanation x = {0};
    assert_int_equal(fl_route_explain(en, node, &w, &x), 0);
    assert_int_equal(x.chosen, 1); /* the condition is taken as holding */
    assert_false(x.why[0].matched);
    assert_int_equal(x.why[0].n_missing, 1);
    assert_string_equal(
        span(node->replies[0].match_src, x.why[0].missing[0].start, x.why[0].missing[0].end),
        "bank");
    const fl_route_why *y = &x.why[1];
    assert_true(y->matched);
    assert_int_equal(y->alt, 0);
    assert_int_equal(y->n_hits, 2);
    assert_string_equal(span(r->match_src, y->hits[0].pat_start, y->hits[0].pat_end), "sorry");
    assert_string_equal(span(text, y->hits[0].text_start, y->hits[0].text_end), "sorry");
    assert_string_equal(span(r->match_src, y->hits[1].pat_start, y->hits[1].pat_end), "tomorrow");
    assert_string_equal(span(text, y->hits[1].text_start, y->hits[1].text_end), "Tomorrow");
    fl_words_free(&w);

    /* no match: the fallback; the closest alternative of route 2 is the second (one word
     * missing), and what it found */
    text = "a refund, we'll see";
    memset(&w, 0, sizeof(w));
    assert_int_equal(fl_lexicon_words(en, text, strlen(text), &w), 0);
    assert_int_equal(fl_route_explain(en, node, &w, &x), 0);
    assert_int_equal(x.chosen, 2);
    y = &x.why[1];
    assert_false(y->matched);
    assert_int_equal(y->alt, 1);
    assert_int_equal(y->n_missing, 1);
    assert_string_equal(span(r->match_src, y->missing[0].start, y->missing[0].end), "now");
    assert_int_equal(y->n_hits, 1);
    assert_string_equal(span(text, y->hits[0].text_start, y->hits[0].text_end), "refund");
    fl_words_free(&w);

    /* a group none of whose words occur is missing as a whole, as written */
    text = "sorry";
    memset(&w, 0, sizeof(w));
    assert_int_equal(fl_lexicon_words(en, text, strlen(text), &w), 0);
    assert_int_equal(fl_route_explain(en, node, &w, &x), 0);
    y = &x.why[1];
    assert_int_equal(y->alt, 0);
    assert_int_equal(y->n_missing, 1);
    assert_string_equal(span(r->match_src, y->missing[0].start, y->missing[0].end),
                        "(tomorrow | today)");
    fl_words_free(&w);

    fl_route_explanation_free(&x);
    fl_route_explanation_free(&x); /* freeing twice is harmless */
    fl_scenario_free(s);
    fl_diags_clear(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_old_matches_keep_their_meaning_and_key),
        cmocka_unit_test(test_groups_parse_and_normalise),
        cmocka_unit_test(test_key_of_a_huge_product_is_bounded),
        cmocka_unit_test(test_mistakes_at_their_offsets),
        cmocka_unit_test(test_deep_nesting_is_bounded),
        cmocka_unit_test(test_matching_with_groups),
        cmocka_unit_test(test_explanation),
    };
    return cmocka_run_group_tests(tests, lexicon_setup, lexicon_teardown);
}
