/*
 * test_lint_lang.c - lint speaks the user's language (catalogue_lint.def): the severities of a
 * formatted diagnostic, the words of the scenario rules (every Russian word translated, quoting
 * the same names as its English), the condition language's messages in Russian (same position,
 * valid UTF-8 even when cut short), and "did you mean" never offering a name that is itself
 * invalid, in either language.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "diag.h"
#include "expr.h"
#include "rules.h"
#include "scenario.h"
#include "utf8.h"

#include "catalogue_checks.h"

/* Whether s holds a Cyrillic letter (U+0400..U+04FF: lead bytes 0xD0..0xD3). */
static int has_cyrillic(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0xD0 && (unsigned char)*s <= 0xD3)
            return 1;
    return 0;
}

/* The names s quotes in '...' (or in «...», as Russian quotes what the user typed), sorted and
 * joined by '\n' into out: a quote opens where no letter stands before it ("scenario's" is no
 * quote) and closes where none follows. */
static void quoted(const char *text, char *out, size_t size)
{
    char found[16][64], s[1024];
    int n = 0;
    size_t k = 0;
    for (const char *p = text; *p && k + 1 < sizeof(s); p++) {
        if (!strncmp(p, "«", 2) || !strncmp(p, "»", 2)) {
            s[k++] = '\'';
            p++;
        } else {
            s[k++] = *p;
        }
    }
    s[k] = '\0';
    for (const char *p = s; *p && n < 16; p++) {
        if (*p != '\'' || (p > s && ((p[-1] | 32) >= 'a' && (p[-1] | 32) <= 'z')))
            continue;
        const char *e = p + 1;
        while (*e && !(*e == '\'' && !((e[1] | 32) >= 'a' && (e[1] | 32) <= 'z')))
            e++;
        if (!*e)
            break;
        snprintf(found[n++], sizeof(found[0]), "%.*s", (int)(e - p - 1), p + 1);
        p = e;
    }
    qsort(found, (size_t)n, sizeof(found[0]), (int (*)(const void *, const void *))strcmp);
    size_t o = 0;
    out[0] = '\0';
    for (int i = 0; i < n && o < size; i++)
        o += (size_t)snprintf(out + o, size - o, "%s\n", found[i]);
}

static void test_severity_in_the_message_language(void **state)
{
    (void)state;
    char buf[256];
    fl_diag d = {FL_SEV_ERROR, 3, 5, "target-exists", "msg", FL_LANG_EN};
    fl_diag_format(buf, sizeof(buf), "f.xml", &d);
    assert_string_equal(buf, "f.xml:3:5: error: msg [target-exists]");
    d.lang = FL_LANG_RU;
    fl_diag_format(buf, sizeof(buf), "f.xml", &d);
    assert_string_equal(buf, "f.xml:3:5: ошибка: msg [target-exists]");
    d.severity = FL_SEV_WARNING;
    d.column = 0;
    fl_diag_format(buf, sizeof(buf), "f.xml", &d);
    assert_string_equal(buf, "f.xml:3: предупреждение: msg [target-exists]");
    d.lang = FL_LANG_EN;
    d.line = 0;
    fl_diag_format(buf, sizeof(buf), NULL, &d);
    assert_string_equal(buf, "<input>: warning: msg [target-exists]");
    /* the machine name stays English, for the JSON */
    assert_string_equal(fl_severity_name(FL_SEV_ERROR), "error");
}

/* A list takes the default language of when it was initialised; fl_diag_addw writes the word in
 * it, with its arguments. */
static void test_list_writes_its_language(void **state)
{
    (void)state;
    fl_diags en, ru;
    fl_diags_init(&en, "a.xml");
    fl_diags_default_lang(FL_LANG_RU);
    fl_diags_init(&ru, "a.xml");
    fl_diags_default_lang(FL_LANG_EN);
    fl_diag_addw(&en, FL_SEV_ERROR, 1, 2, "can-end", FL_W_LN_CANNOT_END, "wait");
    fl_diag_addw(&ru, FL_SEV_ERROR, 1, 2, "can-end", FL_W_LN_CANNOT_END, "wait");
    assert_string_equal(en.items[0].message, "no ending can be reached from node 'wait': a "
                                             "conversation that gets here never finishes");
    assert_string_equal(ru.items[0].message, "из узла 'wait' нельзя дойти ни до одной концовки: "
                                             "разговор, попавший сюда, никогда не закончится");
    assert_int_equal(ru.items[0].lang, FL_LANG_RU);
    fl_diags_clear(&en);
    fl_diags_clear(&ru);
}

/* Every lint word: its Russian is Russian (unless it is only conversions and punctuation), not
 * its English, and quotes the same names in '...'. */
static void test_every_lint_word_translated(void **state)
{
    (void)state;
    int bad = 0, seen = 0;
    for (int id = FL_W_NONE + 1; id < FL_W_COUNT; id++) {
        if (strncmp(word_name(id), "LN_", 3) != 0)
            continue;
        seen++;
        const char *en = fl_word((fl_word_id)id, FL_LANG_EN), *ru = fl_word((fl_word_id)id, 1);
        int letters = 0;
        for (const char *p = en; *p; p++) {
            if (*p == '%') { /* a conversion ("%zu", "%.*s") is no word */
                p++;
                p += strspn(p, "-+ #0123456789.*hljzt");
                continue;
            }
            letters += (*p | 32) >= 'a' && (*p | 32) <= 'z';
        }
        char qe[1024], qr[1024];
        quoted(en, qe, sizeof(qe));
        quoted(ru, qr, sizeof(qr));
        if (letters && (!has_cyrillic(ru) || !strcmp(en, ru))) {
            fprintf(stderr, "%s: the Russian is not translated: %s\n", word_name(id), ru);
            bad++;
        } else if (strcmp(qe, qr) != 0) {
            fprintf(stderr, "%s: quotes [%s] in English, [%s] in Russian\n", word_name(id), qe, qr);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
    assert_true(seen > 80); /* the walk saw the section */
}

/* `lint --list-rules` in Russian: every rule of rules.c has its summary as a word LN_RULE_<ID>,
 * whose English is rules.c's summary as it is (so the two cannot drift), and no word is left
 * over from a rule that is gone. */
static void test_every_rule_has_its_summary(void **state)
{
    (void)state;
    int bad = 0, words = 0;
    for (size_t r = 0; r < fl_rule_count; r++) {
        char name[64] = "LN_RULE_";
        size_t k = strlen(name);
        for (const char *p = fl_rules[r].id; *p; p++)
            name[k++] = *p == '-' ? '_' : (char)(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p);
        name[k] = '\0';
        int found = 0;
        for (int id = FL_W_NONE + 1; id < FL_W_COUNT; id++)
            if (!strcmp(word_name(id), name)) {
                found = 1;
                if (strcmp(fl_word((fl_word_id)id, FL_LANG_EN), fl_rules[r].summary) != 0) {
                    fprintf(stderr, "%s: the English is not rules.c's summary '%s'\n", name,
                            fl_rules[r].summary);
                    bad++;
                }
            }
        if (!found) {
            fprintf(stderr, "rule %s has no word %s\n", fl_rules[r].id, name);
            bad++;
        }
    }
    for (int id = FL_W_NONE + 1; id < FL_W_COUNT; id++)
        words += !strncmp(word_name(id), "LN_RULE_", 8);
    assert_int_equal(bad, 0);
    assert_int_equal(words, (int)fl_rule_count);
}

static int resolve(const char *s, size_t len, void *payload)
{
    (void)payload;
    return len == 4 && !memcmp(s, "mood", 4) ? 0 : -1;
}

/* Compiles src (which must fail) with the diagnostics' language lang. */
static fl_expr_error compile_fail(const char *src, int lang)
{
    fl_arena *arena = fl_arena_new();
    fl_expr *e = NULL;
    fl_expr_error err;
    fl_diags_default_lang(lang);
    int rc = fl_expr_compile(&e, arena, src, strlen(src), resolve, NULL, &err);
    fl_diags_default_lang(FL_LANG_EN);
    fl_arena_free(arena);
    assert_true(rc < 0);
    return err;
}

static void test_conditions_in_russian(void **state)
{
    (void)state;
    static const char *const broken[] = {
        "mood = 1",
        "mood > 0 & mood < 5",
        "(mood > 0",
        "mood > 0)",
        "mood <",
        "mood > 12abc",
        "mood > 99999999999",
        "",
        "mood # 1",
        "1 < mood < 5",
        "mood > 0 mood",
        "nobody > 1",
        "mood > +",
        "(((((((((((((((((((((((((((((((((mood)))))))))))))))))))))))))))))))))",
        "mood >= 'x'",
        "mood > 0 and",
    };
    for (size_t i = 0; i < sizeof(broken) / sizeof(*broken); i++) {
        fl_expr_error en = compile_fail(broken[i], FL_LANG_EN);
        fl_expr_error ru = compile_fail(broken[i], FL_LANG_RU);
        print_message("%-20s | %s | %s\n", broken[i], en.message, ru.message);
        assert_true(valid_utf8(ru.message));
        assert_true(has_cyrillic(ru.message));
        assert_string_not_equal(en.message, ru.message);
        assert_int_equal(en.offset, ru.offset);
        assert_int_equal(en.length, ru.length);
        char qe[1024], qr[1024];
        quoted(en.message, qe, sizeof(qe));
        quoted(ru.message, qr, sizeof(qr));
        assert_string_equal(qe, qr);
    }
    /* the end of the condition has its own words (Russian declines it) */
    assert_string_equal(compile_fail("mood <", FL_LANG_EN).message,
                        "expected a value, found the end of the condition");
    assert_string_equal(compile_fail("(mood > 0", FL_LANG_EN).message,
                        "'(' is never closed: expected ')' before the end of the condition");
    assert_string_equal(compile_fail("(mood > 0", FL_LANG_RU).message,
                        "скобка '(' не закрыта: в конце условия нужна ')'");
    assert_string_equal(compile_fail("mood = 1", FL_LANG_RU).message,
                        "для сравнения пишите '==', а не '='");
}

/* The longest messages fit fl_expr_error's buffer whole in Russian (two bytes a letter); one
 * that did not would be cut at a character, never inside one. */
static void test_long_condition_message_stays_utf8(void **state)
{
    (void)state;
    char src[FL_EXPR_MAX_LENGTH + 64];
    memset(src, '9', sizeof(src) - 1);
    src[sizeof(src) - 1] = '\0';
    fl_expr_error ru = compile_fail(src, FL_LANG_RU); /* too long */
    assert_true(valid_utf8(ru.message));
    assert_true(has_cyrillic(ru.message));
    char num[200];
    memset(num, '7', sizeof(num) - 1);
    num[sizeof(num) - 1] = '\0';
    char cond[260];
    snprintf(cond, sizeof(cond), "mood > %s", num);
    ru = compile_fail(cond, FL_LANG_RU); /* too large: the number is shown up to 40 digits */
    assert_true(valid_utf8(ru.message));
    assert_non_null(strstr(ru.message, "не больше"));
    char name[100];
    memset(name, 'x', sizeof(name) - 1);
    name[sizeof(name) - 1] = '\0';
    snprintf(cond, sizeof(cond), "mood > 0 %s", name);
    ru = compile_fail(cond, FL_LANG_RU); /* the longest Russian message, a 40-byte token */
    assert_true(valid_utf8(ru.message));
    assert_non_null(strstr(ru.message, "а стоит 'xxxx"));
    assert_true(strlen(ru.message) < sizeof(ru.message) - 1); /* whole, not cut */
}

/* The trainer's case: <var name="planGiven"> is invalid; its uses never get "did you mean
 * 'planGiven'?", a valid near-miss still gets its suggestion, and an invalid node id is no
 * suggestion for a missing target. In both languages. */
static const char scenario[] =
    "<scenario id=\"t\" version=\"1\" lang=\"en\">\n"
    "  <title>T</title><brief>B</brief>\n"
    "  <customer name=\"C\"><start/></customer>\n"
    "  <var name=\"planGiven\"/>\n"
    "  <var name=\"apologized_once\"/>\n"
    "  <node id=\"start\">\n"
    "    <say if=\"planGiven == 1\">A</say>\n"
    "    <say>B</say>\n"
    "    <reply to=\"follow-up\">R<set var=\"plangiven\" value=\"1\"/></reply>\n"
    "    <reply to=\"end\">S<set var=\"apologised_once\" value=\"1\"/></reply>\n"
    "  </node>\n"
    "  <node id=\"follow up\"><say>F</say><reply to=\"end\">G</reply></node>\n"
    "  <ending id=\"end\" outcome=\"resolved\"><say>E</say></ending>\n"
    "</scenario>\n";

static void check_suggestions(int lang)
{
    fl_diags d;
    fl_scenario *s = NULL;
    fl_diags_default_lang(lang);
    fl_diags_init(&d, "t.xml");
    fl_scenario_load_memory(&s, scenario, strlen(scenario), NULL, &d);
    fl_diags_default_lang(FL_LANG_EN);
    int invalid_use = 0, set_unknown = 0, near_miss = 0, target = 0;
    for (size_t i = 0; i < d.count; i++) {
        const fl_diag *g = &d.items[i];
        print_message("%u:%u [%s] %s\n", g->line, g->column, g->rule, g->message);
        assert_int_equal(g->lang, lang);
        assert_null(strstr(g->message, "'planGiven'?"));
        assert_null(strstr(g->message, "'follow up'?"));
        if (!strcmp(g->rule, "unknown-name") && g->line == 7) {
            invalid_use++;
            assert_non_null(strstr(g->message, lang ? "<var> в строке 4" : "<var> at line 4"));
        }
        if (!strcmp(g->rule, "var-exists") && g->line == 9)
            set_unknown++;
        if (!strcmp(g->rule, "var-exists") && g->line == 10) {
            near_miss++;
            assert_non_null(strstr(g->message, "'apologized_once'?"));
        }
        if (!strcmp(g->rule, "target-exists") && g->line == 9)
            target++;
    }
    assert_int_equal(invalid_use, 1);
    assert_int_equal(set_unknown, 1);
    assert_int_equal(near_miss, 1);
    assert_int_equal(target, 1);
    fl_scenario_free(s);
    fl_diags_clear(&d);
}

static void test_no_invalid_name_suggested(void **state)
{
    (void)state;
    check_suggestions(FL_LANG_EN);
    check_suggestions(FL_LANG_RU);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_severity_in_the_message_language),
        cmocka_unit_test(test_list_writes_its_language),
        cmocka_unit_test(test_every_lint_word_translated),
        cmocka_unit_test(test_every_rule_has_its_summary),
        cmocka_unit_test(test_conditions_in_russian),
        cmocka_unit_test(test_long_condition_message_stays_utf8),
        cmocka_unit_test(test_no_invalid_name_suggested),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
