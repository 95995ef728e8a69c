/*
 * test_workshop.c - loading workshop files from memory (game/core/workshop.c): the model a valid
 * file becomes, every error with its rule, line and column, and the session of the day at the
 * edges of the sessions (before the first, inside, between, after the last, one session
 * without times, none).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "workshop.h"

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

static const char valid[] =
    HEAD "<workshop id=\"kazan-2026-11-b\" version=\"3\" lang=\"ru\">\n"          /* 2 */
         "  <title>Клиентоориентированность,\n   Казань</title>\n"                /* 3-4 */
         "  <group>  2026-11-kazan-b </group>\n"                                  /* 5 */
         "  <rules mode=\"assessment\" timed=\"yes\" extension=\"x1.5\"/>\n"      /* 6 */
         "  <library>\n"                                                          /* 7 */
         "    <scenario bundled=\"ru-dostavka-opazdyvaet\"/>\n"                   /* 8 */
         "    <scenario path=\"mine/vozvrat.xml\"/>\n"                            /* 9 */
         "    <round bundled=\"ru-chas-pik\"/>\n"                                 /* 10 */
         "  </library>\n"                                                         /* 11 */
         "  <sessions>\n"                                                         /* 12 */
         "    <session name=\"утро\" from=\"09:00\" until=\"13:00\"/>\n"          /* 13 */
         "    <session name=\"после   обеда\" from=\"14:00\" until=\"18:00\"/>\n" /* 14 */
         "  </sessions>\n"
         "</workshop>\n";

static void print_diags(const fl_diags *d)
{
    char line[1024];
    for (size_t i = 0; i < d->count; i++) {
        fl_diag_format(line, sizeof(line), "mem", &d->items[i]);
        printf("  %s\n", line);
    }
}

static fl_workshop *load_ok(const char *text)
{
    fl_diags d;
    fl_workshop *w = NULL;
    fl_diags_init(&d, "mem");
    int rc = fl_workshop_load_memory(&w, text, strlen(text), NULL, &d);
    print_diags(&d);
    assert_int_equal(rc, 0);
    assert_int_equal(d.errors, 0);
    assert_non_null(w);
    fl_diags_clear(&d);
    return w;
}

static void valid_file_becomes_the_model(void **state)
{
    (void)state;
    fl_workshop *w = load_ok(valid);
    assert_string_equal(w->id, "kazan-2026-11-b");
    assert_int_equal(w->version, 3);
    assert_string_equal(w->lang, "ru");
    assert_string_equal(w->title, "Клиентоориентированность, Казань"); /* white space folded */
    assert_string_equal(w->group, "2026-11-kazan-b");
    assert_int_equal(w->mode, FL_WS_MODE_ASSESSMENT);
    assert_int_equal(w->timed, FL_WS_TIMED_YES);
    assert_int_equal(w->extension, FL_WS_EXT_X15);
    assert_int_equal(w->n_items, 3);
    assert_false(w->items[0].is_round);
    assert_string_equal(w->items[0].bundled, "ru-dostavka-opazdyvaet");
    assert_null(w->items[0].path);
    assert_string_equal(w->items[1].path, "mine/vozvrat.xml");
    assert_null(w->items[1].bundled);
    assert_int_equal(w->items[1].pos.line, 9);
    assert_int_equal(w->items[1].pos.column, 21); /* the value of path */
    assert_true(w->items[2].is_round);
    assert_int_equal(w->n_sessions, 2);
    assert_string_equal(w->sessions[0].name, "утро");
    assert_int_equal(w->sessions[0].from_min, 9 * 60);
    assert_int_equal(w->sessions[0].until_min, 13 * 60);
    assert_string_equal(w->sessions[1].name, "после обеда");
    assert_int_equal(w->sessions[1].pos.line, 14);
    assert_string_equal(w->dir, ".");
    assert_null(w->path);
    assert_int_equal(fl_workshop_session_find(w, "после обеда"), 1);
    assert_int_equal(fl_workshop_session_find(w, "вечер"), -1);
    assert_string_equal(fl_ws_mode_name(w->mode), "assessment");
    assert_string_equal(fl_ws_timed_name(w->timed), "yes");
    assert_string_equal(fl_ws_extension_name(w->extension), "x1.5");
    fl_workshop_free(w);
}

static void defaults_when_optional_parts_are_left_out(void **state)
{
    (void)state;
    fl_workshop *w = load_ok("<workshop id=\"w\" version=\"1\"><title>T</title>"
                             "<library><scenario bundled=\"late-delivery\"/></library>"
                             "</workshop>");
    assert_null(w->lang);
    assert_null(w->group);
    assert_int_equal(w->mode, FL_WS_MODE_FREE);
    assert_int_equal(w->timed, FL_WS_TIMED_CHOICE);
    assert_int_equal(w->extension, FL_WS_EXT_CHOICE);
    assert_int_equal(w->n_sessions, 0);
    assert_int_equal(fl_workshop_session_at(w, 600), -1);
    fl_workshop_free(w);
}

/* The file's first diagnostic is of rule at line:column, and it does not load. */
static void expect(const char *text, const char *rule, unsigned line, unsigned column,
                   const char *words)
{
    fl_diags d;
    fl_workshop *w = NULL;
    fl_diags_init(&d, "mem");
    int rc = fl_workshop_load_memory(&w, text, strlen(text), NULL, &d);
    print_diags(&d);
    assert_int_equal(rc, -1);
    assert_null(w);
    assert_true(d.count >= 1);
    fl_diags_sort(&d);
    assert_string_equal(d.items[0].rule, rule);
    assert_int_equal(d.items[0].line, line);
    assert_int_equal(d.items[0].column, column);
    if (words && !strstr(d.items[0].message, words)) {
        printf("message '%s' lacks '%s'\n", d.items[0].message, words);
        fail();
    }
    fl_diags_clear(&d);
}

#define OPEN "<workshop id=\"w\" version=\"1\">\n<title>T</title>\n" /* lines 1-2 */
#define LIB  "<library><scenario bundled=\"late-delivery\"/></library>\n"

static void every_error_has_its_place(void **state)
{
    (void)state;
    /* structure, with did-you-mean from the shared checker */
    expect(OPEN "<rulez mode=\"free\"/>\n" LIB "</workshop>", "schema", 3, 1,
           "did you mean 'rules'");
    expect(OPEN "<rules mod=\"free\"/>\n" LIB "</workshop>", "schema", 3, 8, "did you mean 'mode'");
    expect(OPEN "<rules mode=\"asessment\"/>\n" LIB "</workshop>", "schema", 3, 14,
           "did you mean 'assessment'");
    expect(OPEN "<rules extension=\"x3\"/>\n" LIB "</workshop>", "schema", 3, 19,
           "choice, x1, x1.5, x2");
    expect("<workshop version=\"1\">\n<title>T</title>\n" LIB "</workshop>", "schema", 1, 1, "id=");
    expect(OPEN "</workshop>", "schema", 1, 1, "<library>");
    expect(OPEN "<library>\n</library>\n</workshop>", "schema", 3, 1, "<scenario> or <round>");
    expect(OPEN LIB "<group>g</group>\n</workshop>", "schema", 4, 1, "out of order");
    expect("<workshop id=\"w\" version=\"1\">\n<title>  </title>\n" LIB "</workshop>", "schema", 2,
           1, "<title> is empty");
    expect(OPEN "<group>\n</group>\n" LIB "</workshop>", "schema", 3, 1, "<group> is empty");
    expect(OPEN "<group>"
                "Группа-с-очень-длинным-названием-которое-никто-не-запомнит-и-не-наберёт-за-раз"
                "ещё</group>\n" LIB "</workshop>",
           "schema", 3, 1, "81 characters");
    expect(OPEN "<library><scenario path=\"\"/></library>\n</workshop>", "schema", 3, 26,
           "path=\"\" is empty");
    expect("<round id=\"w\"/>", "schema", 1, 1, "a workshop file starts with <workshop>");
    /* items */
    expect(OPEN "<library>\n  <scenario/>\n</library>\n</workshop>", "workshop-item", 4, 3,
           "names no file");
    expect(OPEN "<library>\n  <round path=\"r.xml\" bundled=\"monday-rush\"/>\n</library>\n"
                "</workshop>",
           "workshop-item", 4, 3, "both");
    /* times */
    expect(OPEN LIB "<sessions><session name=\"a\" from=\"9.00\" until=\"13:00\"/></sessions>\n"
                    "</workshop>",
           "workshop-time", 4, 35, "from=\"9.00\" is not a time");
    expect(OPEN LIB "<sessions><session name=\"a\" from=\"09:00\" until=\"24:01\"/></sessions>\n"
                    "</workshop>",
           "workshop-time", 4, 49, "until=\"24:01\"");
    expect(OPEN LIB "<sessions><session name=\"a\" from=\" 09:00\" until=\"13:00\"/></sessions>\n"
                    "</workshop>",
           "workshop-time", 4, 35, NULL);
    /* sessions */
    expect(OPEN LIB "<sessions><session name=\"a\" from=\"13:00\" until=\"09:00\"/></sessions>\n"
                    "</workshop>",
           "workshop-sessions", 4, 49, "ends (until=\"09:00\") before it starts");
    expect(OPEN LIB "<sessions>\n<session name=\"a\" from=\"09:00\" until=\"13:00\"/>\n"
                    "<session name=\"b\" from=\"12:30\" until=\"18:00\"/>\n</sessions>\n"
                    "</workshop>",
           "workshop-sessions", 6, 25, "overlaps session 'a' (09:00-13:00)");
    expect(OPEN LIB "<sessions>\n<session name=\"a\" from=\"09:00\" until=\"13:00\"/>\n"
                    "<session name=\" a \" from=\"14:00\" until=\"18:00\"/>\n</sessions>\n"
                    "</workshop>",
           "workshop-sessions", 6, 16, "named twice (line 5 too)");
    expect(OPEN LIB "<sessions>\n<session name=\"a\" from=\"09:00\" until=\"13:00\"/>\n"
                    "<session name=\"b\"/>\n</sessions>\n</workshop>",
           "workshop-sessions", 6, 1, "has no times");
    expect(OPEN LIB "<sessions><session name=\"a\" from=\"09:00\"/></sessions>\n</workshop>",
           "workshop-sessions", 4, 11, "has from but no until");
    expect(OPEN LIB "<sessions><session name=\"\"/></sessions>\n</workshop>", "schema", 4, 26,
           "the session's name is empty");
}

static void safety_of_the_shared_loader(void **state)
{
    (void)state;
    expect("<!DOCTYPE workshop [<!ENTITY x \"y\">]>\n<workshop id=\"w\" version=\"1\"/>", "doctype",
           1, 1, NULL);
    expect(OPEN "<library>", "xml", 3, 10, NULL);
    char *big = malloc(FL_WORKSHOP_MAX_BYTES + 2);
    assert_non_null(big);
    memset(big, ' ', FL_WORKSHOP_MAX_BYTES + 1);
    memcpy(big, "<workshop", 9);
    big[FL_WORKSHOP_MAX_BYTES + 1] = '\0';
    fl_diags d;
    fl_workshop *w = NULL;
    fl_diags_init(&d, "mem");
    assert_int_equal(fl_workshop_load_memory(&w, big, FL_WORKSHOP_MAX_BYTES + 1, NULL, &d), -1);
    assert_true(fl_diags_has(&d, "too-large"));
    fl_diags_clear(&d);
    free(big);
}

/* An element with no text, <title/>, once read its text from a NULL buffer (UBSan: "applying
 * zero offset to null pointer"; the fuzzer's input tests/fuzz/regress/workshop). The cut
 * file is refused with a diagnostic, the whole one with "<title> is empty" at 1:30. */
static void empty_element_has_empty_text(void **state)
{
    (void)state;
    static const char cut[] = "<workshop><title/>\n";
    fl_diags d;
    fl_workshop *w = NULL;
    fl_diags_init(&d, "mem");
    assert_int_equal(fl_workshop_load_memory(&w, cut, strlen(cut), NULL, &d), -1);
    assert_null(w);
    assert_true(d.errors >= 1);
    fl_diags_clear(&d);
    /* the whole file: the empty title is the one error, at its place */
    expect("<workshop id=\"w\" version=\"1\"><title/>" LIB "</workshop>", "schema", 1, 30,
           "<title> is empty");
}

static void recognised_by_its_root(void **state)
{
    (void)state;
    assert_true(fl_is_workshop_document(valid, strlen(valid)));
    const char *c = "\xEF\xBB\xBF<!-- a comment -->\n<workshop/>";
    assert_true(fl_is_workshop_document(c, strlen(c)));
    const char *r = HEAD "<round id=\"x\"/>";
    assert_false(fl_is_workshop_document(r, strlen(r)));
    const char *s = HEAD "<workshops/>";
    assert_false(fl_is_workshop_document(s, strlen(s)));
    assert_false(fl_is_workshop_document("", 0));
}

static fl_workshop *day(const char *sessions)
{
    char text[2048];
    snprintf(text, sizeof(text), OPEN LIB "<sessions>%s</sessions></workshop>", sessions);
    return load_ok(text);
}

static void the_session_of_the_day(void **state)
{
    (void)state;
    /* listed out of order on purpose: the clock decides, not the order */
    fl_workshop *w = day("<session name=\"afternoon\" from=\"14:00\" until=\"18:00\"/>"
                         "<session name=\"morning\" from=\"9:00\" until=\"13:00\"/>");
    assert_int_equal(fl_workshop_session_at(w, 0), 1);            /* before the first: next */
    assert_int_equal(fl_workshop_session_at(w, 8 * 60 + 59), 1);  /* a minute before */
    assert_int_equal(fl_workshop_session_at(w, 9 * 60), 1);       /* its first minute */
    assert_int_equal(fl_workshop_session_at(w, 12 * 60 + 59), 1); /* its last minute */
    assert_int_equal(fl_workshop_session_at(w, 13 * 60), 0);      /* between: the next */
    assert_int_equal(fl_workshop_session_at(w, 13 * 60 + 59), 0);
    assert_int_equal(fl_workshop_session_at(w, 14 * 60), 0); /* inside */
    assert_int_equal(fl_workshop_session_at(w, 17 * 60 + 59), 0);
    assert_int_equal(fl_workshop_session_at(w, 18 * 60), 0); /* after the last: the last */
    assert_int_equal(fl_workshop_session_at(w, 23 * 60 + 59), 0);
    fl_workshop_free(w);

    w = day("<session name=\"a\" from=\"08:00\" until=\"10:00\"/>"
            "<session name=\"b\" from=\"10:00\" until=\"12:00\"/>"
            "<session name=\"c\" from=\"20:00\" until=\"24:00\"/>");
    assert_int_equal(fl_workshop_session_at(w, 10 * 60 - 1), 0); /* back to back */
    assert_int_equal(fl_workshop_session_at(w, 10 * 60), 1);
    assert_int_equal(fl_workshop_session_at(w, 15 * 60), 2);      /* between b and c: c */
    assert_int_equal(fl_workshop_session_at(w, 23 * 60 + 59), 2); /* until 24:00 */
    fl_workshop_free(w);

    w = day("<session name=\"all day\"/>"); /* one session without times: every minute */
    assert_int_equal(w->sessions[0].from_min, -1);
    assert_int_equal(w->sessions[0].until_min, -1);
    assert_int_equal(fl_workshop_session_at(w, 0), 0);
    assert_int_equal(fl_workshop_session_at(w, 12 * 60), 0);
    assert_int_equal(fl_workshop_session_at(w, 23 * 60 + 59), 0);
    fl_workshop_free(w);

    w = day("<session name=\"morning\" from=\"09:00\" until=\"13:00\"/>"); /* one, timed */
    assert_int_equal(fl_workshop_session_at(w, 7 * 60), 0);
    assert_int_equal(fl_workshop_session_at(w, 20 * 60), 0);
    fl_workshop_free(w);

    assert_int_equal(fl_workshop_session_at(NULL, 600), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_file_becomes_the_model),
        cmocka_unit_test(defaults_when_optional_parts_are_left_out),
        cmocka_unit_test(every_error_has_its_place),
        cmocka_unit_test(safety_of_the_shared_loader),
        cmocka_unit_test(recognised_by_its_root),
        cmocka_unit_test(empty_element_has_empty_text),
        cmocka_unit_test(the_session_of_the_day),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
