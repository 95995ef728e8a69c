/*
 * test_loader.c - loading scenarios: the model a valid file becomes, stable ids, and hostile or
 * broken files (XXE, billion laughs, bad UTF-8, truncation, depth, size) refused with a message
 * and a position, fast and in bounded memory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "loader.h"
#include "scenario.h"

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

static const char valid[] = HEAD
    "<scenario id=\"t\" version=\"3\" lang=\"ru\" minutes=\"7\">\n"     /* 2 */
    "  <title>Посылка опаздывает</title>\n"                             /* 3 */
    "  <brief>Ирина   ждёт\n   чайник.</brief>\n"                       /* 4-5 */
    "  <tags>delivery upsell</tags>\n"                                  /* 6 */
    "  <customer name=\"Ирина\" voice=\"female\" avatar=\"woman-1\">\n" /* 7 */
    "    <start mood=\"-60\" patience=\"55\" trust=\"30\"/>\n"          /* 8 */
    "  </customer>\n"                                                   /* 9 */
    "  <timing reply-seconds=\"25\"/>\n"                                /* 10 */
    "  <goodwill budget=\"500\" unit=\"RUB\"/>\n"                       /* 11 */
    "  <offer id=\"express\" price=\"299.90\">Экспресс</offer>\n"       /* 12 */
    "  <var name=\"asked\" init=\"2\"/>\n"                              /* 13 */
    "  <rubric><weight dimension=\"upsell\" value=\"5\"/>"
    "<param name=\"apology-window\" value=\"3\"/></rubric>\n" /* 14 */
    "  <node id=\"start\">\n"                                 /* 15 */
    "    <say if=\"mood &lt; -50\" emotion=\"angry\" grievance=\"yes\">Две недели!</say>\n"
    "    <say id=\"calm-open\" emotion=\"calm\">Здравствуйте.</say>\n"     /* 17 */
    "    <reply to=\"ask\" signals=\"apology empathy\">Простите, Ирина.\n" /* 18 */
    "      <effect mood=\"+25\" trust=\"-5\"/>\n"                          /* 19 */
    "      <set var=\"asked\" add=\"1\"/>\n"                               /* 20 */
    "      <note>Хорошо.</note>\n"                                         /* 21 */
    "    </reply>\n"                                                       /* 22 */
    "    <reply id=\"pitch\" to=\"lost\" offer=\"express\" once=\"yes\" gesture=\"100\">"
    "Купите экспресс.</reply>\n"                 /* 23 */
    "    <timeout to=\"lost\"/>\n"               /* 24 */
    "  </node>\n"                                /* 25 */
    "  <node id=\"ask\" reply-seconds=\"40\">\n" /* 26 */
    "    <say>Номер 48213.</say>\n"              /* 27 */
    "    <input placeholder=\"Ваш ответ\">\n"    /* 28 */
    "      <route to=\"fixed\" match=\"ВЕРНЁМ деньги | Возврат\" if=\"asked > 2\"/>\n"
    "      <fallback to=\"lost\"/>\n" /* 30 */
    "    </input>\n"                  /* 31 */
    "  </node>\n"                     /* 32 */
    "  <ending id=\"fixed\" outcome=\"resolved\"><say emotion=\"pleased\">Спасибо.</say></ending>\n"
    "  <ending id=\"lost\" outcome=\"lost\"/>\n" /* 34 */
    "</scenario>\n";

static fl_scenario *load(const char *text, fl_diags *d)
{
    fl_scenario *s = NULL;
    fl_diags_init(d, "test.xml");
    fl_scenario_load_memory(&s, text, strlen(text), NULL, d);
    return s;
}

static void print_diags(const fl_diags *d);

/* An attribute's "&amp;" is the author's '&' (libxml2 passes it on as "&#38;"): in a condition
 * ("&amp;&amp;" is "and") and in a route's words, and a mistake after it keeps its column. */
static void ampersand_in_attributes_is_one_character(void **state)
{
    (void)state;
    char text[4096];
    snprintf(text, sizeof(text), "%s", valid);
    char *at = strstr(text, "if=\"asked > 2\"");
    assert_non_null(at);
    const char *cond = "if=\"asked > 2 &amp;&amp; mood &lt; 0\"";
    memmove(at + strlen(cond), at + strlen("if=\"asked > 2\""),
            strlen(at + strlen("if=\"asked > 2\"")) + 1);
    memcpy(at, cond, strlen(cond));
    at = strstr(text, "match=\"ВЕРНЁМ деньги | Возврат\"");
    assert_non_null(at);
    const char *match = "match=\"Q&amp;A | Возврат\"";
    size_t old = strlen("match=\"ВЕРНЁМ деньги | Возврат\"");
    memmove(at + strlen(match), at + old, strlen(at + old) + 1);
    memcpy(at, match, strlen(match));
    fl_diags d;
    fl_scenario *s = load(text, &d);
    print_diags(&d);
    assert_non_null(s);
    assert_int_equal(d.count, 0);
    const fl_node *ask = &s->nodes[1];
    assert_string_equal(ask->replies[0].cond_src, "asked > 2 && mood < 0");
    assert_string_equal(ask->replies[0].match_src, "Q&A | Возврат");
    fl_scenario_free(s);
    fl_diags_clear(&d);

    /* a condition mistake after "&amp;&amp;" is reported at its own column */
    snprintf(text, sizeof(text), "%s", valid);
    at = strstr(text, "if=\"asked > 2\"");
    const char *bad = "if=\"asked &amp;&amp; nosuch\"";
    memmove(at + strlen(bad), at + strlen("if=\"asked > 2\""),
            strlen(at + strlen("if=\"asked > 2\"")) + 1);
    memcpy(at, bad, strlen(bad));
    s = load(text, &d);
    print_diags(&d);
    assert_null(s);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].rule, "unknown-name");
    /* line 29: `      <route to="fixed" match="..." if="asked &amp;&amp; nosuch"/>` */
    const char *line = strstr(text, "      <route to=\"fixed\"");
    const char *name = strstr(line, "nosuch");
    assert_int_equal(d.items[0].line, 29);
    unsigned col = 1; /* columns count characters */
    for (const char *c = line; c < name; c++)
        col += ((unsigned char)*c & 0xC0) != 0x80;
    assert_int_equal(d.items[0].column, col);
    fl_diags_clear(&d);
}

static void print_diags(const fl_diags *d)
{
    char line[1024];
    for (size_t i = 0; i < d->count; i++) {
        fl_diag_format(line, sizeof(line), d->file, &d->items[i]);
        print_message("%s\n", line);
    }
}

static void valid_file_becomes_the_model(void **state)
{
    (void)state;
    fl_diags d;
    fl_scenario *s = load(valid, &d);
    print_diags(&d);
    assert_non_null(s);
    assert_int_equal(d.count, 0);

    assert_string_equal(s->id, "t");
    assert_int_equal(s->version, 3);
    assert_string_equal(s->lang, "ru");
    assert_int_equal(s->minutes, 7);
    assert_string_equal(s->title, "Посылка опаздывает");
    assert_string_equal(s->brief, "Ирина ждёт чайник."); /* white space folded */
    assert_int_equal(s->n_tags, 2);
    assert_string_equal(s->tags[1], "upsell");
    assert_string_equal(s->customer_name, "Ирина");
    assert_int_equal(s->start_mood, -60);
    assert_int_equal(s->start_patience, 55);
    assert_int_equal(s->start_trust, 30);
    assert_int_equal(s->reply_seconds, 25);
    assert_int_equal(s->goodwill_budget, 500);
    assert_string_equal(s->goodwill_unit, "RUB");
    assert_int_equal(s->n_offers, 1);
    assert_int_equal(s->offers[0].price_cents, 29990);
    assert_int_equal(s->n_vars, 1);
    assert_int_equal(s->vars[0].init, 2);
    assert_int_equal(s->weights[FL_DIM_UPSELL], 5);
    assert_int_equal(s->weights[FL_DIM_EMPATHY], 20);
    assert_int_equal(s->params[FL_P_APOLOGY_WINDOW], 3);
    assert_int_equal(s->params[FL_P_TRANSFER_PENALTY], 40);

    assert_int_equal(s->n_nodes, 4);
    const fl_node *start = &s->nodes[s->start];
    assert_string_equal(start->id, "start");
    assert_int_equal(start->pos.line, 15);
    assert_int_equal(start->pos.column, 3);
    assert_int_equal(start->n_lines, 2);
    assert_true(start->lines[0].grievance);
    assert_int_equal(start->lines[0].emotion, FL_EMO_ANGRY);
    assert_string_equal(start->lines[1].id, "calm-open");

    int32_t env[FL_SLOT_VAR0 + 1];
    fl_scenario_start_env(s, env);
    assert_int_equal(env[FL_SLOT_MOOD], -60);
    assert_int_equal(env[FL_SLOT_VAR0], 2);
    assert_true(fl_expr_eval(start->lines[0].cond, env));
    env[FL_SLOT_MOOD] = -50;
    assert_false(fl_expr_eval(start->lines[0].cond, env));

    assert_int_equal(start->n_replies, 2);
    const fl_reply *r = &start->replies[0];
    assert_string_equal(r->text, "Простите, Ирина.");
    assert_string_equal(s->nodes[r->target].id, "ask");
    assert_int_equal(r->signals, FL_SIG_APOLOGY | FL_SIG_EMPATHY);
    assert_int_equal(r->effect.mood, 25);
    assert_int_equal(r->effect.trust, -5);
    assert_int_equal(r->effect.patience, 0);
    assert_int_equal(r->n_sets, 1);
    assert_true(r->sets[0].add);
    assert_int_equal(r->sets[0].value, 1);
    assert_string_equal(r->note, "Хорошо.");
    assert_int_equal(r->offer, -1);

    const fl_reply *pitch = &start->replies[1];
    assert_string_equal(pitch->id, "pitch");
    assert_true(pitch->once);
    assert_int_equal(pitch->offer, 0);
    assert_int_equal(pitch->gesture, 100);
    /* offer= and gesture= imply their signals. */
    assert_int_equal(pitch->signals, FL_SIG_UPSELL | FL_SIG_GESTURE);
    assert_string_equal(s->nodes[start->timeout].id, "lost");

    const fl_node *ask = &s->nodes[1];
    assert_true(ask->free_text);
    assert_int_equal(ask->reply_seconds, 40);
    assert_string_equal(ask->placeholder, "Ваш ответ");
    assert_int_equal(ask->n_replies, 2);
    const fl_reply *route = &ask->replies[0];
    assert_int_equal(route->kind, FL_REPLY_ROUTE);
    assert_int_equal(route->n_patterns, 2);
    assert_int_equal(route->patterns[0].n_words, 2);
    assert_string_equal(route->patterns[0].words[0], "вернём"); /* lower-cased Cyrillic */
    assert_string_equal(route->patterns[0].words[1], "деньги");
    assert_string_equal(route->patterns[1].words[0], "возврат");
    assert_int_equal(ask->replies[1].kind, FL_REPLY_FALLBACK);

    assert_int_equal(s->nodes[2].outcome, FL_OUTCOME_RESOLVED);
    assert_int_equal(s->nodes[2].lines[0].emotion, FL_EMO_PLEASED);
    assert_int_equal(s->nodes[3].outcome, FL_OUTCOME_LOST);
    assert_int_equal(s->nodes[3].n_lines, 0);
    assert_true(s->footprint > 0 && s->footprint < 256 * 1024);

    fl_scenario_free(s);
    fl_diags_clear(&d);
}

/* Replaces the first `from` in src by `to`, into a malloc'd string. */
static char *replace(const char *src, const char *from, const char *to)
{
    const char *at = strstr(src, from);
    assert_non_null(at);
    size_t n = strlen(src) - strlen(from) + strlen(to);
    char *out = malloc(n + 1);
    size_t head = (size_t)(at - src);
    memcpy(out, src, head);
    strcpy(out + head, to);
    strcat(out, at + strlen(from));
    return out;
}

static void derived_ids_survive_edits_elsewhere(void **state)
{
    (void)state;
    fl_diags d;
    fl_scenario *before = load(valid, &d);
    assert_non_null(before);
    const char *line_id = before->nodes[0].lines[0].id;
    const char *reply_id = before->nodes[0].replies[0].id;
    assert_int_equal(strncmp(line_id, "start/l-", 8), 0);
    assert_int_equal(strlen(line_id), 16);
    assert_int_equal(strncmp(reply_id, "start/r-", 8), 0);
    fl_diags_clear(&d);

    /* A node added before, another reply reworded, replies reordered, re-indented text. */
    char *a =
        replace(valid, "  <node id=\"start\">\n",
                "  <node id=\"intro\"><say>Алло?</say><reply to=\"start\">Да.</reply></node>\n"
                "  <node id=\"start\">\n");
    char *b = replace(a, "Купите экспресс.", "Хотите экспресс-доставку?");
    char *c = replace(b, "Простите, Ирина.\n", "\n        Простите,\n    Ирина.\n");
    fl_scenario *after = load(c, &d);
    print_diags(&d);
    assert_non_null(after);
    const fl_node *st = &after->nodes[fl_scenario_find_node(after, "start")];
    assert_string_equal(st->lines[0].id, line_id);
    assert_string_equal(st->replies[0].id, reply_id);
    fl_scenario_free(after);
    fl_diags_clear(&d);

    /* Its own text changed: a new id. */
    char *e = replace(valid, "Простите, Ирина.", "Извините, Ирина.");
    after = load(e, &d);
    assert_non_null(after);
    assert_string_not_equal(after->nodes[0].replies[0].id, reply_id);
    fl_scenario_free(after);
    fl_diags_clear(&d);

    fl_scenario_free(before);
    free(a);
    free(b);
    free(c);
    free(e);
}

/* Loads text and expects exactly one diagnostic of `rule` at line:column (column 0: any). */
static void expect_refusal(const char *text, size_t len, const char *rule, unsigned line,
                           unsigned column)
{
    fl_diags d;
    fl_scenario *s = NULL;
    fl_diags_init(&d, "bad.xml");
    int rc = fl_scenario_load_memory(&s, text, len, NULL, &d);
    print_diags(&d);
    assert_int_equal(rc, -1);
    assert_null(s);
    assert_int_equal(d.errors, 1);
    assert_string_equal(d.items[0].rule, rule);
    assert_int_equal(d.items[0].line, line);
    if (column)
        assert_int_equal(d.items[0].column, column);
    fl_diags_clear(&d);
}

/* Loads tests/unit/data/NAME and expects its errors, in order, as "line:column rule". */
static void expect_errors(const char *name, const char *const *want, size_t n)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/tests/unit/data/%s", FL_SOURCE_DIR, name);
    fl_diags d;
    fl_scenario *s = NULL;
    fl_diags_init(&d, path);
    assert_int_equal(fl_scenario_load_file(&s, path, &d), -1);
    print_diags(&d);
    assert_int_equal(d.count, n);
    for (size_t i = 0; i < n && i < d.count; i++) {
        char got[128];
        snprintf(got, sizeof(got), "%u:%u %s", d.items[i].line, d.items[i].column, d.items[i].rule);
        assert_string_equal(got, want[i]);
    }
    fl_diags_clear(&d);
}

/* Checks that look at an element's siblings (kept in its parent's frame): a weight or a
 * parameter set twice in one rubric, and a node with both replies and a text box (the XSD
 * refuses it too). They once read the element's own frame and never fired. */
static void siblings_are_checked(void **state)
{
    (void)state;
    static const char *const twice[] = {"12:24 rubric", "14:18 rubric"};
    expect_errors("rubric-twice.xml", twice, 2);
    static const char *const mixed[] = {"26:5 schema"};
    expect_errors("node-reply-input.xml", mixed, 1);
}

static void xxe_never_reads_the_file(void **state)
{
    (void)state;
    char path[] = "/tmp/fl-xxe-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "SECRET-MARKER", 13), 13);
    close(fd);
    char text[1024];
    unsigned before = fl_loader__external_attempts();

    snprintf(text, sizeof(text),
             HEAD "<!DOCTYPE scenario [\n  <!ENTITY x SYSTEM \"file://%s\">\n]>\n"
                  "<scenario id=\"x\" version=\"1\" lang=\"en\"><title>&x;</title></scenario>\n",
             path);
    expect_refusal(text, strlen(text), "doctype", 2, 1);

    snprintf(text, sizeof(text), HEAD "<!DOCTYPE scenario SYSTEM \"file://%s\">\n<scenario/>\n",
             path);
    expect_refusal(text, strlen(text), "doctype", 2, 1);

    snprintf(text, sizeof(text),
             HEAD "<!DOCTYPE scenario [<!ENTITY %% p SYSTEM \"file://%s\"> %%p;]>\n<scenario/>\n",
             path);
    expect_refusal(text, strlen(text), "doctype", 2, 1);

    /* XInclude is never processed: the element is just not in the schema. */
    snprintf(text, sizeof(text),
             HEAD "<scenario xmlns:xi=\"http://www.w3.org/2001/XInclude\" id=\"x\" version=\"1\" "
                  "lang=\"en\"><xi:include href=\"%s\" parse=\"text\"/></scenario>\n",
             path);
    fl_diags d;
    fl_scenario *s = load(text, &d);
    assert_null(s);
    assert_true(fl_diags_has(&d, "schema"));
    for (size_t i = 0; i < d.count; i++)
        assert_null(strstr(d.items[i].message, "SECRET-MARKER"));
    fl_diags_clear(&d);

    assert_int_equal(fl_loader__external_attempts(), before);
    unlink(path);
}

/* Runs fn in a child process; returns its wall time in ms and its peak memory in KiB. */
static void measure(void (*fn)(const char *, size_t), const char *text, size_t len, double *ms,
                    long *peak_kib)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        fn(text, len);
        _exit(0);
    }
    int status;
    struct rusage ru;
    assert_int_equal(wait4(pid, &status, 0, &ru), pid);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    *ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    *peak_kib = ru.ru_maxrss;
}

static void load_and_expect_refusal(const char *text, size_t len)
{
    fl_diags d;
    fl_scenario *s = NULL;
    fl_diags_init(&d, NULL);
    int rc = fl_scenario_load_memory(&s, text, len, NULL, &d);
    _exit(rc == -1 && s == NULL && d.errors >= 1 ? 0 : 3);
}

static void billion_laughs_fails_fast_and_small(void **state)
{
    (void)state;
    char text[4096];
    int n = snprintf(text, sizeof(text), HEAD "<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
    for (int i = 1; i <= 9; i++) {
        n += snprintf(text + n, sizeof(text) - (size_t)n, " <!ENTITY lol%d \"", i);
        for (int k = 0; k < 10; k++)
            n += snprintf(text + n, sizeof(text) - (size_t)n, i == 1 ? "&lol;" : "&lol%d;", i - 1);
        n += snprintf(text + n, sizeof(text) - (size_t)n, "\">\n");
    }
    n += snprintf(text + n, sizeof(text) - (size_t)n, "]>\n<scenario>&lol9;</scenario>\n");
    expect_refusal(text, (size_t)n, "doctype", 2, 1);

    double ms;
    long kib;
    measure(load_and_expect_refusal, text, (size_t)n, &ms, &kib);
    print_message("billion laughs: refused in %.1f ms, peak %ld KiB\n", ms, kib);
    assert_true(ms < 1000);
    assert_true(kib < 64 * 1024);

    /* Quadratic blow-up: one big entity referenced many times. */
    size_t big = 200000;
    char *q = malloc(big * 2);
    size_t m = (size_t)snprintf(q, big * 2, HEAD "<!DOCTYPE s [<!ENTITY a \"");
    memset(q + m, 'a', 50000);
    m += 50000;
    m += (size_t)snprintf(q + m, big * 2 - m, "\">]>\n<scenario>");
    for (int i = 0; i < 10000; i++) {
        memcpy(q + m, "&a;", 3);
        m += 3;
    }
    m += (size_t)snprintf(q + m, big * 2 - m, "</scenario>\n");
    measure(load_and_expect_refusal, q, m, &ms, &kib);
    print_message("quadratic blow-up: refused in %.1f ms, peak %ld KiB\n", ms, kib);
    assert_true(ms < 1000);
    assert_true(kib < 64 * 1024);
    free(q);
}

static void bad_bytes_get_line_and_column(void **state)
{
    (void)state;
    /* Invalid UTF-8 at line 3, column 16: "  <title>" is 9 characters, "Привет" 6 more (12 bytes).
     */
    const char bad[] = HEAD "<scenario>\n  <title>Привет\xC3\x28</title>\n</scenario>\n";
    expect_refusal(bad, sizeof(bad) - 1, "encoding", 3, 16);

    const char overlong[] = HEAD "<scenario>\xC0\xAF</scenario>\n";
    expect_refusal(overlong, sizeof(overlong) - 1, "encoding", 2, 11);

    const char nul[] = HEAD "<scenario>\0</scenario>\n";
    expect_refusal(nul, sizeof(nul) - 1, "encoding", 2, 11);

    const char cut[] = HEAD "<scenario><title>\xD0";
    expect_refusal(cut, sizeof(cut) - 1, "encoding", 2, 18);

    const char utf16[] = "\xFF\xFE<\0?\0x\0m\0l\0";
    expect_refusal(utf16, sizeof(utf16) - 1, "encoding", 1, 1);

    const char cp1251[] = "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<scenario/>\n";
    expect_refusal(cp1251, sizeof(cp1251) - 1, "encoding", 1, 31);
}

static void truncated_file_names_where_it_ends(void **state)
{
    (void)state;
    const char cut[] =
        HEAD "<scenario id=\"a\" version=\"1\" lang=\"en\">\n  <title>Привет</title>\n"
             "  <node id=\"start\">\n    <say>Две";
    fl_diags d;
    fl_scenario *s = load(cut, &d);
    print_diags(&d);
    assert_null(s);
    assert_int_equal(d.errors, 1);
    assert_string_equal(d.items[0].rule, "xml");
    assert_int_equal(d.items[0].line, 5);
    assert_int_equal(d.items[0].column, 13); /* just after "Две" */
    assert_non_null(strstr(d.items[0].message, "truncated"));
    fl_diags_clear(&d);

    expect_refusal("", 0, "xml", 1, 1);
}

static void nesting_and_size_are_limited(void **state)
{
    (void)state;
    size_t depth = 100000;
    char *deep = malloc(depth * 7 + 64);
    size_t n = (size_t)sprintf(deep, HEAD);
    for (size_t i = 0; i < depth; i++)
        n += (size_t)sprintf(deep + n, "<a>");
    for (size_t i = 0; i < depth; i++)
        n += (size_t)sprintf(deep + n, "</a>");
    /* The 33rd <a> starts at column 1 + 32 * 3. */
    expect_refusal(deep, n, "too-deep", 2, 97);
    free(deep);

    size_t big = FL_SCENARIO_MAX_BYTES + 1;
    char *huge = malloc(big);
    memset(huge, ' ', big);
    expect_refusal(huge, big, "too-large", 0, 0);
    free(huge);
}

static void file_loading_reports_the_system_reason(void **state)
{
    (void)state;
    fl_diags d;
    fl_scenario *s = NULL;
    fl_diags_init(&d, "missing.xml");
    assert_int_equal(fl_scenario_load_file(&s, "/nonexistent/missing.xml", &d), -1);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].rule, "io");
    assert_non_null(strstr(d.items[0].message, "No such file"));
    fl_diags_clear(&d);

    /* The bundled example loads from its file, and knows its folder. */
    fl_diags_init(&d, NULL);
    assert_int_equal(fl_scenario_load_file(&s, FL_SOURCE_DIR "/scenarios/en/late-delivery.xml", &d),
                     0);
    assert_non_null(s);
    assert_string_equal(s->dir, FL_SOURCE_DIR "/scenarios/en");
    fl_scenario_free(s);
    fl_diags_clear(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_file_becomes_the_model),
        cmocka_unit_test(ampersand_in_attributes_is_one_character),
        cmocka_unit_test(derived_ids_survive_edits_elsewhere),
        cmocka_unit_test(xxe_never_reads_the_file),
        cmocka_unit_test(billion_laughs_fails_fast_and_small),
        cmocka_unit_test(bad_bytes_get_line_and_column),
        cmocka_unit_test(truncated_file_names_where_it_ends),
        cmocka_unit_test(nesting_and_size_are_limited),
        cmocka_unit_test(file_loading_reports_the_system_reason),
        cmocka_unit_test(siblings_are_checked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
