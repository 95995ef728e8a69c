/*
 * test_alloc_fail.c - allocation-failure injection over the core and the results store (issue 16).
 *
 * The model is SQLite's malloc fault tests and Lua's ltests.c: run an operation once to learn
 * what it gives, then for N = 1, 2, 3 ... make the Nth allocation fail (and every one after it,
 * as a full memory does: game/core/alloc.h) and run it again, until a run meets no failure.
 * Every run must end either in the operation's documented out-of-memory error (-2 for the
 * loaders, -1 for the session's constructors, -2 for its acts, NULL, the recorder's -1) or in a
 * success whose result is exactly the one of the run without failures: never a crash, never a
 * "success" with something missing, never a leak. In the sanitizer build (-DFL_SANITIZE=ON)
 * every run that leaves more heap in use than it found is checked by LeakSanitizer on the spot,
 * so a leak is reported with the N that made it.
 *
 * The libraries allocate through the same hook here (in this test only: the program keeps their
 * defaults): libxml2 (xmlMemSetup), SQLite (SQLITE_CONFIG_MALLOC) and jansson
 * (json_set_alloc_funcs), so a failure inside the XML parser, a SQL statement or a JSON
 * document is injected too.
 *
 * The operations, each with every N unless said: loading every bundled scenario, round and
 * workshop file; building each built-in lexicon and explaining a typed reply with it (the words
 * that carried each signal, as the findings show them); four sessions (English and Russian,
 * two of them with typed replies routed through the lexicon) with choices and a take-back, to
 * their scores, survey and findings; and a session recorded by the recorder into a real SQLite
 * store in a temporary folder, then read back and written as the JSON export
 * (fl_record_to_json). That last one makes about 21,000 allocations (SQLite's) and syncs every
 * reply to the disk, so it takes 40 failure points spread evenly over them
 * (FL_ALLOC_POINTS=N for more; FL_ALLOC_ONLY=record_sessions runs that test alone).
 */
#include <dirent.h>
#include <malloc.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/xmlmemory.h>
#include <sqlite3.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
/* The ASan runtime's count of heap bytes in use (GCC ships no header declaring it). */
size_t __sanitizer_get_current_allocated_bytes(void);
#define FL_ASAN 1
#endif

#include "alloc.h"
#include "diag.h"
#include "lexicon.h"
#include "record.h"
#include "recorder.h"
#include "round.h"
#include "scenario.h"
#include "session.h"
#include "store.h"
#include "workshop.h"

/* ---- a growing text, the fingerprint of a result (plain malloc: not counted) ----------- */

typedef struct {
    char *s;
    size_t n, cap;
} text;

static void add(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(text *t, const char *fmt, ...)
{
    va_list ap, copy;
    va_start(ap, fmt);
    va_copy(copy, ap);
    int need = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (need < 0)
        abort();
    if (t->n + (size_t)need + 1 > t->cap) {
        t->cap = (t->n + (size_t)need + 1) * 2;
        t->s = realloc(t->s, t->cap);
        if (!t->s)
            abort();
    }
    vsnprintf(t->s + t->n, t->cap - t->n, fmt, ap);
    t->n += (size_t)need;
    va_end(ap);
}

static void text_free(text *t)
{
    free(t->s);
    *t = (text){0};
}

static const char *str(const char *s)
{
    return s ? s : "(null)";
}

/* ---- the sweep ------------------------------------------------------------------------- */

enum { OP_OK, OP_NOMEM, OP_WRONG };

/* An operation: runs once, then returns OP_OK with its result described in fp, OP_NOMEM when it
 * ended in its documented out-of-memory error, OP_WRONG with why in fp otherwise. */
typedef int (*op_fn)(void *ctx, text *fp);

/* Heap bytes in use: a run that leaves more than it found may have leaked. */
static size_t heap_in_use(void)
{
#ifdef FL_ASAN
    return __sanitizer_get_current_allocated_bytes();
#else
    return mallinfo2().uordblks;
#endif
}

/* 1 when a leak is found now (LeakSanitizer prints it), 0 when none or it cannot be told. */
static int leaked(void)
{
#ifdef FL_ASAN
    return __lsan_do_recoverable_leak_check();
#else
    return 0;
#endif
}

static unsigned long total_points;    /* failure points tried, all operations */
static unsigned problems;             /* wrong outcomes and leaks found, all operations */
static unsigned long auto_points = 8; /* failure points of a sweep given stride 0 */

/* Says what went wrong (a test that longjmp'ed out of a sweep would leave its own buffers
 * behind, which LeakSanitizer would then blame on every later run: so problems are counted and
 * printed, and each test fails at its end, after cleaning up). */
static void problem(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void problem(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("alloc-fail: PROBLEM: ");
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
    problems++;
}

/*
 * Runs op without failures, then failing from the Nth allocation for N = 1, 1 + stride, ...
 * until a run meets no failure. Reports the first wrong outcome or leak of op, naming N, and
 * stops there. Prints how many allocations op makes and how many failure points were tried.
 */
static void sweep(const char *name, op_fn op, void *ctx, unsigned long stride)
{
    text ref = {0};
    fl_alloc_fail_at(0);
    int rc = op(ctx, &ref);
    unsigned long allocs = fl_alloc_count();
    if (rc != OP_OK) {
        problem("%s: fails without any allocation failure: %s", name, str(ref.s));
        text_free(&ref);
        return;
    }
    if (stride == 0) /* about auto_points points spread over the whole operation */
        stride = allocs / auto_points + 1;
    unsigned long tried = 0, tolerated = 0, n = 1;
    for (;; n += stride) {
        text fp = {0};
        size_t before = heap_in_use();
        fl_alloc_fail_at(n);
        rc = op(ctx, &fp);
        unsigned long failures = fl_alloc_failures();
        fl_alloc_fail_at(0);
        int bad = 1;
        if (heap_in_use() > before && leaked())
            problem("%s: leak when allocation %lu fails (LeakSanitizer's report above)", name, n);
        else if (rc == OP_WRONG)
            problem("%s: allocation %lu failed: %s", name, n, str(fp.s));
        else if (rc == OP_OK && strcmp(str(fp.s), str(ref.s)) != 0)
            problem("%s: allocation %lu failed, and it \"succeeded\" with another result:\n"
                    "--- without failure:\n%s\n--- with it:\n%s",
                    name, n, str(ref.s), str(fp.s));
        else if (failures == 0 && rc != OP_OK)
            problem("%s: no allocation failed at %lu, and yet it did not succeed", name, n);
        else
            bad = 0;
        text_free(&fp);
        if (bad || failures == 0)
            break;
        tried++;
        tolerated += rc == OP_OK;
    }
    total_points += tried;
    printf("alloc-fail: %-52s %6lu allocations, %6lu failure points tried (%s%lu)%s\n", name,
           allocs, tried, stride == 1 ? "every N up to " : "N = 1, 1 + k*",
           stride == 1 ? n : stride,
           tolerated ? ", some survived a failure with the same result" : "");
    text_free(&ref);
}

/* ---- files of the tree (read here, not by the core) ------------------------------------ */

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        *len = (size_t)n;
    }
    return buf;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.xml files of FL_SOURCE_DIR/sub, sorted, NULL-terminated (malloc'ed paths). */
static char **xml_files(const char *sub, size_t *n)
{
    char dir[4096];
    snprintf(dir, sizeof(dir), "%s/%s", FL_SOURCE_DIR, sub);
    DIR *d = opendir(dir);
    assert_non_null(d);
    char **v = calloc(256, sizeof(*v));
    assert_non_null(v);
    *n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && *n < 255) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".xml") != 0)
            continue;
        v[*n] = malloc(strlen(dir) + l + 2);
        sprintf(v[*n], "%s/%s", dir, e->d_name);
        (*n)++;
    }
    closedir(d);
    qsort(v, *n, sizeof(*v), by_name);
    return v;
}

static void files_free(char **v)
{
    for (size_t i = 0; v[i]; i++)
        free(v[i]);
    free(v);
}

/* ---- loading --------------------------------------------------------------------------- */

typedef struct {
    const char *path;
    char *buf;
    size_t len;
} source;

static void describe_diags(text *fp, const fl_diags *d)
{
    add(fp, "diags %s errors %zu warnings %zu oom %d\n", str(d->file), d->errors, d->warnings,
        d->oom);
    for (size_t i = 0; i < d->count; i++) {
        char line[2048];
        fl_diag_format(line, sizeof(line), d->file, &d->items[i]);
        add(fp, "  %s\n", line);
    }
}

/* The outcome of a load: -2 out of memory (nothing loaded), 0 loaded, else wrong. */
static int load_outcome(int rc, const void *model, const fl_diags *d, text *fp)
{
    if (rc == -2) {
        if (model) {
            add(fp, "out of memory (-2), and yet a model was returned");
            return OP_WRONG;
        }
        return OP_NOMEM;
    }
    if (rc != 0 || !model) {
        add(fp, "refused (%d) rather than out of memory: ", rc);
        describe_diags(fp, d);
        return OP_WRONG;
    }
    describe_diags(fp, d);
    return OP_OK;
}

static int op_load_scenario(void *ctx, text *fp)
{
    const source *src = ctx;
    fl_diags d;
    fl_diags_init(&d, src->path);
    fl_scenario *s = NULL;
    int rc = fl_scenario_load_memory(&s, src->buf, src->len, src->path, &d);
    int out = load_outcome(rc, s, &d, fp);
    if (out == OP_OK) {
        add(fp, "%s v%u %s '%s' nodes %u start %d offers %u vars %u\n", s->id, s->version, s->lang,
            s->title, s->n_nodes, s->start, s->n_offers, s->n_vars);
        for (uint32_t i = 0; i < s->n_nodes; i++) {
            const fl_node *nd = &s->nodes[i];
            add(fp, "node %s %d free %d timeout %d\n", nd->id, nd->outcome, nd->free_text,
                nd->timeout);
            for (uint32_t j = 0; j < nd->n_lines; j++)
                add(fp, "  line %s [%s] %s\n", nd->lines[j].id, str(nd->lines[j].cond_src),
                    nd->lines[j].text);
            for (uint32_t j = 0; j < nd->n_replies; j++) {
                const fl_reply *r = &nd->replies[j];
                add(fp, "  reply %s -> %d [%s] %s sig %x patterns %u note %s better %s\n", r->id,
                    r->target, str(r->cond_src), str(r->text), r->signals, r->n_patterns,
                    str(r->note), str(r->better));
            }
        }
    }
    fl_scenario_free(s);
    fl_diags_clear(&d);
    return out;
}

static int op_load_round(void *ctx, text *fp)
{
    const source *src = ctx;
    fl_diags d;
    fl_diags_init(&d, src->path);
    fl_round_def *r = NULL;
    int rc = fl_round_def_load_memory(&r, src->buf, src->len, src->path, &d);
    int out = load_outcome(rc, r, &d, fp);
    if (out == OP_OK) {
        add(fp, "%s v%u %s '%s' at once %u customers %u seed %llu pass %u %u\n", r->id, r->version,
            r->lang, r->title, r->at_once, r->customers, (unsigned long long)r->seed, r->pass_lost,
            r->pass_mean);
        for (uint32_t i = 0; i < r->n_levels; i++)
            add(fp, "level %u %u %u\n", r->levels[i].limit_ms, r->levels[i].every_ms,
                r->levels[i].customers);
        for (uint32_t i = 0; i < r->n_sources; i++)
            add(fp, "source %s %s %s\n", str(r->sources[i].path), str(r->sources[i].tag),
                str(r->sources[i].dir));
    }
    fl_round_def_free(r);
    fl_diags_clear(&d);
    return out;
}

static int op_load_workshop(void *ctx, text *fp)
{
    const source *src = ctx;
    fl_diags d;
    fl_diags_init(&d, src->path);
    fl_workshop *w = NULL;
    int rc = fl_workshop_load_memory(&w, src->buf, src->len, src->path, &d);
    int out = load_outcome(rc, w, &d, fp);
    if (out == OP_OK) {
        add(fp, "%s v%u %s '%s' group %s mode %d timed %d extension %d\n", w->id, w->version,
            str(w->lang), w->title, str(w->group), w->mode, w->timed, w->extension);
        for (uint32_t i = 0; i < w->n_items; i++)
            add(fp, "item %d %s %s\n", w->items[i].is_round, str(w->items[i].path),
                str(w->items[i].bundled));
        for (uint32_t i = 0; i < w->n_sessions; i++)
            add(fp, "session %s %d %d\n", w->sessions[i].name, w->sessions[i].from_min,
                w->sessions[i].until_min);
    }
    fl_workshop_free(w);
    fl_diags_clear(&d);
    return out;
}

/* Loads every file of sub with op: every N for the first one (`full` of them), a stride for the
 * rest. Returns how many files. */
static size_t sweep_folder(const char *sub, op_fn op, size_t full, unsigned long stride)
{
    size_t n;
    char **files = xml_files(sub, &n);
    for (size_t i = 0; i < n; i++) {
        source src = {.path = files[i]};
        src.buf = slurp(files[i], &src.len);
        assert_non_null(src.buf);
        char name[256];
        snprintf(name, sizeof(name), "load %s", strstr(files[i], "scenarios/"));
        sweep(name, op, &src, i < full ? 1 : stride);
        free(src.buf);
    }
    files_free(files);
    return n;
}

static void load_scenarios(void **state)
{
    (void)state;
    unsigned before = problems;
    /* Every N for the first file of each language (a free-text scenario is among the others),
     * a stride of 7 for the rest: the whole loop of every file under ASan takes minutes. */
    assert_true(sweep_folder("scenarios/en", op_load_scenario, 99, 1) >= 8);
    assert_true(sweep_folder("scenarios/ru", op_load_scenario, 99, 1) >= 8);
    assert_int_equal(problems, before);
}

static void load_rounds(void **state)
{
    (void)state;
    unsigned before = problems;
    assert_true(sweep_folder("scenarios/rounds", op_load_round, 99, 1) >= 4);
    assert_int_equal(problems, before);
}

static void load_workshops(void **state)
{
    (void)state;
    unsigned before = problems;
    assert_true(sweep_folder("scenarios/workshops", op_load_workshop, 99, 1) >= 2);
    assert_int_equal(problems, before);
}

/* ---- a session ------------------------------------------------------------------------- */

typedef struct {
    const char *path;
    fl_scenario *s;
    const char *typed[3]; /* what is typed at free-text nodes, in turn */
    fl_lexicon *lx;       /* the scenario language's built-in lexicon, loaded once */
    unsigned long run;    /* the store op: a fresh store file per run */
} play_ctx;

static void describe_turns(text *fp, const fl_session *ss)
{
    size_t n;
    const fl_turn *t = fl_session_turns(ss, &n);
    for (size_t i = 0; i < n; i++)
        add(fp,
            "turn %u node %d line %d reply %d typed '%s' signals %x detected %x "
            "triggers '%s' mood %d patience %d trust %d goodwill %d\n",
            t[i].turn, t[i].node, t[i].line, t[i].reply, str(t[i].typed), t[i].signals,
            t[i].detected, str(t[i].triggers), t[i].mood, t[i].patience, t[i].trust, t[i].goodwill);
}

static void describe_report(text *fp, const fl_scores *sc, const fl_survey *sv,
                            const fl_findings *fs)
{
    add(fp, "overall %d raw %d band %c passed %d critical %d outcome %d csat %d ces %d nps %d\n",
        sc->overall, sc->raw, sc->band, sc->passed, sc->critical, sc->outcome, sv->csat, sv->ces,
        sv->nps);
    for (int d = 0; d < FL_DIM_COUNT; d++)
        add(fp, "  %s %d%s\n", fl_dimension_name((fl_dimension)d), sc->score[d],
            sc->applicable[d] ? "" : " n/a");
    for (size_t i = 0; i < fs->n; i++) {
        const fl_finding *f = &fs->items[i];
        add(fp, "finding [%u] %s %d %s: %s | better: %s | note: %s\n", f->turn, f->rule, f->points,
            fl_finding_severity_name(f->severity), str(f->message), str(f->better), str(f->note));
    }
}

/*
 * Plays ctx's scenario: choices picked by turn number among those offered, the typed texts at
 * free-text nodes, the second reply taken back, at most 14 acts. Calls after(rec, ss) after
 * every act when given. Returns 0, -2 out of memory, -1 an act refused (never expected).
 */
static int play(const play_ctx *c, fl_session *ss, int (*after)(void *, const fl_session *),
                void *rec)
{
    int typed = 0, undone = 0;
    for (uint32_t act = 0; act < 14 && !fl_session_ended(ss); act++) {
        const fl_node *nd = fl_session_node(ss);
        int rc;
        if (nd->free_text && c->typed[typed % 3]) {
            const char *t = c->typed[typed++ % 3];
            rc = fl_session_type(ss, t, strlen(t), 4000 + act);
        } else {
            uint32_t idx[64];
            uint32_t n = fl_session_offered(ss, idx, 64);
            if (!n)
                rc = fl_session_timeout(ss);
            else
                rc = fl_session_choose(ss, idx[(act * 7 + 1) % n], 3000 + act);
        }
        if (rc != 0)
            return rc;
        if (after && after(rec, ss) < 0)
            return -2;
        if (act == 1 && !undone) { /* the second reply taken back, after it was recorded */
            undone = 1;
            if ((rc = fl_session_undo(ss)) != 0)
                return rc;
            if (after && after(rec, ss) < 0)
                return -2;
        }
    }
    return 0;
}

static int op_session(void *ctx, text *fp)
{
    const play_ctx *c = ctx;
    fl_session *ss = NULL;
    fl_session_opts opts = {.timed = 1, .lexicon = c->lx};
    int rc = fl_session_new(&ss, c->s, &opts);
    if (rc == -1) {
        if (ss) {
            add(fp, "fl_session_new: out of memory, and yet a session");
            return OP_WRONG;
        }
        return OP_NOMEM;
    }
    if (rc != 0 || !ss) {
        add(fp, "fl_session_new: %d", rc);
        return OP_WRONG;
    }
    int out = OP_OK;
    rc = play(c, ss, NULL, NULL);
    if (rc == -2) {
        out = OP_NOMEM;
    } else if (rc != 0) {
        add(fp, "an act was refused (%d) at node %s", rc, fl_session_node(ss)->id);
        out = OP_WRONG;
    } else {
        fl_scores sc;
        fl_survey sv;
        fl_findings fs = {0};
        if (fl_session_report(ss, &sc, &sv, &fs) < 0) {
            out = OP_NOMEM;
        } else {
            add(fp, "ended %d\n", fl_session_ended(ss));
            describe_turns(fp, ss);
            describe_report(fp, &sc, &sv, &fs);
        }
        fl_findings_free(&fs);
    }
    fl_session_free(ss);
    return out;
}

static int load_for_play(play_ctx *c, const char *rel)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", FL_SOURCE_DIR, rel);
    size_t len;
    char *buf = slurp(path, &len);
    assert_non_null(buf);
    fl_diags d;
    fl_diags_init(&d, path);
    c->s = NULL;
    int rc = fl_scenario_load_memory(&c->s, buf, len, path, &d);
    fl_diags_clear(&d);
    free(buf);
    return rc;
}

static const play_ctx en_play = {
    .typed = {"I am so sorry about this, let me check your order right now",
              "I understand, I will refund the delivery fee today", "ok"},
};
static const play_ctx ru_play = {
    .typed = {"Извините, пожалуйста, я сейчас проверю ваш заказ",
              "Понимаю вас, я лично верну деньги сегодня", "ладно"},
};

/* A lexicon: the built-in one of lang (text NULL), or one from text[0..len). */
typedef struct {
    const char *lang;
    char *text;
    size_t len;
} lexicon_ctx;

/* Builds ctx's lexicon and explains one reply with it (its signals, the words that carry them:
 * fl_explanation_format, as the findings and the exports show them). */
static int op_lexicon(void *ctx, text *fp)
{
    const lexicon_ctx *c = ctx;
    fl_lexicon *lx = NULL;
    char err[512] = "";
    int rc = c->text ? fl_lexicon_new(&lx, c->lang, c->text, c->len, "part.lex", err, sizeof(err))
                     : fl_lexicon_builtin(&lx, c->lang, err, sizeof(err));
    int out = OP_OK;
    if (rc == -2 && !lx)
        out = OP_NOMEM;
    else if (rc != 0 || !lx)
        add(fp, "the lexicon: %d %s", rc, err), out = OP_WRONG;
    else {
        const char *t = strcmp(c->lang, "ru") == 0
                            ? "Простите, я сейчас всё проверю и верну деньги"
                            : "I'm so sorry, I should have called you, I will check it now";
        fl_explanation e = {0};
        if (fl_lexicon_explain(lx, t, strlen(t), NULL, 0, &e) < 0) {
            out = OP_NOMEM;
        } else {
            char *f = fl_explanation_format(&e, t);
            if (!f)
                out = OP_NOMEM;
            else
                add(fp, "signals %x: %s", e.signals, f);
            free(f);
        }
        fl_explanation_free(&e);
    }
    fl_lexicon_free(lx);
    return out;
}

static void lexicons(void **state)
{
    (void)state;
    unsigned before = problems;
    lexicon_ctx en = {.lang = "en"}, ru = {.lang = "ru"};
    sweep("built-in lexicon en, one reply explained", op_lexicon, &en, 1);
    sweep("built-in lexicon ru, one reply explained", op_lexicon, &ru, 1);
    assert_int_equal(problems, before);
}

static void load_lexicon(play_ctx *c)
{
    char err[512];
    assert_int_equal(fl_lexicon_builtin(&c->lx, c->s->lang, err, sizeof(err)), 0);
}

static void sessions(void **state)
{
    (void)state;
    unsigned before = problems;
    const char *files[] = {"scenarios/en/free-text-router.xml", "scenarios/ru/svobodny-otvet.xml",
                           "scenarios/en/late-delivery.xml", "scenarios/ru/sboy-oplaty.xml"};
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        play_ctx c = strstr(files[i], "/ru/") ? ru_play : en_play;
        c.path = files[i];
        assert_int_equal(load_for_play(&c, files[i]), 0);
        load_lexicon(&c);
        char name[256];
        snprintf(name, sizeof(name), "session and findings %s", files[i]);
        sweep(name, op_session, &c, 1);
        fl_lexicon_free(c.lx);
        fl_scenario_free(c.s);
    }
    assert_int_equal(problems, before);
}

/* ---- a session recorded into a real store, read back, exported as JSON -------------------- */

static char tmpdir[64];

static int update(void *rc, const fl_session *ss)
{
    return fl_recorder_update(rc, ss);
}

typedef struct {
    text *fp;
} read_ctx;

/* The record as the store gives it back: everything but its ids and clock times. */
static int read_one(void *ctx, const fl_record *r)
{
    text *fp = ((read_ctx *)ctx)->fp;
    add(fp,
        "record %s/%s %s v%d mode %s finished %d attempted %d outcome %s overall %d band %s "
        "replies %u findings %u\n",
        r->trainee, r->group, r->scenario_id, r->scenario_version, r->mode, r->finished,
        r->attempted, str(r->outcome), r->overall, r->band, r->n_replies, r->n_findings);
    for (size_t i = 0; i < r->n_turns; i++) {
        const fl_record_turn *t = &r->turns[i];
        add(fp, "  %u %u %d %s '%s' %s %s taken back %d\n", t->seq, t->turn, t->speaker, t->node,
            str(t->text), str(t->reply), str(t->triggers), t->taken_back);
    }
    for (size_t i = 0; i < r->n_findings_loaded; i++)
        add(fp, "  finding %s %s\n", r->findings[i].rule, r->findings[i].message);
    /* The JSON export of it, whose allocations (jansson's) fail here too. */
    json_t *o = fl_record_to_json(r);
    if (!o)
        return 2;
    json_object_del(o, "session");
    json_object_del(o, "id");
    json_object_del(o, "xapi_id");
    json_object_del(o, "started");
    json_object_del(o, "ended");
    json_t *turns = json_object_get(o, "turns");
    for (size_t i = 0; i < json_array_size(turns); i++) {
        json_object_del(json_array_get(turns, i), "at");
        json_object_del(json_array_get(turns, i), "xapi_id");
    }
    char *s = json_dumps(o, JSON_SORT_KEYS | JSON_COMPACT);
    json_decref(o);
    if (!s)
        return 2;
    add(fp, "  json %s\n", s);
    free(s);
    return 0;
}

/* The session in the store at db, read with failures still injected: OP_OK with it in fp,
 * OP_NOMEM, or OP_WRONG. */
static int read_back(const char *db, text *fp)
{
    fl_store *st = NULL;
    char err[1024] = "";
    fl_store_status ss = fl_store_open(&st, db, 1, err, sizeof(err));
    if (ss == FL_STORE_ERR_NOMEM)
        return OP_NOMEM;
    if (ss != FL_STORE_OK) {
        add(fp, "reading the store back: %d %s", ss, err);
        return OP_WRONG;
    }
    fl_store_filter f = {0};
    read_ctx rc = {fp};
    int n =
        fl_store_each(st, &f, FL_LOAD_TURNS | FL_LOAD_FINDINGS, read_one, &rc, err, sizeof(err));
    fl_store_close(st);
    return n == 0 ? OP_OK : OP_NOMEM;
}

static int op_record(void *ctx, text *fp)
{
    play_ctx *c = ctx;
    char db[256];
    snprintf(db, sizeof(db), "%s/run%lu.sqlite", tmpdir, c->run++);
    fl_session *ss = NULL;
    fl_session_opts opts = {.timed = 1, .lexicon = c->lx};
    if (fl_session_new(&ss, c->s, &opts) != 0)
        return OP_NOMEM;
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", FL_SOURCE_DIR, c->path);
    fl_recorder_opts ro = {.db_path = db,
                           .scenario_path = path,
                           .trainee = "Ада Лавлейс",
                           .group = "G-16",
                           .mode = "practice",
                           .player = "script",
                           .time_factor = 1,
                           .lang = "en"};
    fl_recorder *rec = fl_recorder_open(ss, &ro);
    if (!rec) {
        fl_session_free(ss);
        return OP_NOMEM;
    }
    /* The recorder never fails the play: a store it cannot write sends the session to a
     * fallback file (or, when even that fails, says it was lost). */
    int saved = play(c, ss, update, rec) == 0 ? fl_recorder_close(rec, ss) : -1;
    const char *notice = fl_recorder_notice(rec);
    int fallback = fl_recorder_fallback(rec) != NULL;
    fl_recorder_free(rec);
    fl_session_free(ss);
    int out;
    if (saved == 0 && (notice || fallback)) {
        add(fp, "in the store, and yet a notice: %s", str(notice));
        out = OP_WRONG;
    } else if (saved == 0) {
        out = read_back(db, fp);
    } else {
        out = OP_NOMEM; /* said so, or a fallback file (the store test covers its content) */
    }
    unlink(db);
    char side[300];
    snprintf(side, sizeof(side), "%s-wal", db);
    unlink(side);
    snprintf(side, sizeof(side), "%s-shm", db);
    unlink(side);
    snprintf(side, sizeof(side), "%s-journal", db);
    unlink(side);
    return out;
}

static void record_sessions(void **state)
{
    (void)state;
    unsigned before = problems;
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/fl-alloc-fail-XXXXXX");
    assert_non_null(mkdtemp(tmpdir));
    setenv("XDG_STATE_HOME", tmpdir, 1);
    setenv("TMPDIR", tmpdir, 1);
    const char *files[] = {"scenarios/en/free-text-router.xml"};
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        play_ctx c = en_play;
        c.path = files[i];
        assert_int_equal(load_for_play(&c, files[i]), 0);
        load_lexicon(&c);
        char name[256];
        snprintf(name, sizeof(name), "recorded, read back, JSON %s", files[i]);
        /* Every write is a transaction synced to the disk (synchronous=FULL): a stride keeps
         * this under a minute (FL_ALLOC_POINTS=N for more). */
        auto_points = getenv("FL_ALLOC_POINTS") ? strtoul(getenv("FL_ALLOC_POINTS"), NULL, 10) : 40;
        sweep(name, op_record, &c, 0);
        fl_lexicon_free(c.lx);
        fl_scenario_free(c.s);
    }
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(problems, before);
}

/* ---- the libraries' allocators through the hook (this test only) ------------------------- */

/* SQLite asks for the size of a block: kept in front of it. */
static void *sq_malloc(int n)
{
    int64_t *p = fl_malloc((size_t)n + 8);
    if (!p)
        return NULL;
    p[0] = n;
    return p + 1;
}

static void sq_free(void *p)
{
    if (p)
        free((int64_t *)p - 1);
}

static void *sq_realloc(void *p, int n)
{
    if (!p)
        return sq_malloc(n);
    int64_t *q = fl_realloc((int64_t *)p - 1, (size_t)n + 8);
    if (!q)
        return NULL;
    q[0] = n;
    return q + 1;
}

static int sq_size(void *p)
{
    return p ? (int)((int64_t *)p)[-1] : 0;
}

static int sq_roundup(int n)
{
    return (n + 7) & ~7;
}

static int sq_init(void *x)
{
    (void)x;
    return SQLITE_OK;
}

static void sq_shutdown(void *x)
{
    (void)x;
}

static void *js_malloc(size_t n)
{
    return fl_malloc(n);
}

static void *xml_malloc(size_t n)
{
    return fl_malloc(n);
}

static void *xml_realloc(void *p, size_t n)
{
    return fl_realloc(p, n);
}

static char *xml_strdup(const char *s)
{
    return fl_strdup(s);
}

/* libxml2 prints "out of memory error" to stderr where a failure meets it before the loader's
 * handlers are in place (creating a parser): counted here rather than printed at every N. */
static unsigned long xml_generic_messages;

static void count_xml_message(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
    xml_generic_messages++;
}

static void hook_libraries(void)
{
    xmlSetGenericErrorFunc(NULL, count_xml_message);
    static const sqlite3_mem_methods mem = {sq_malloc,  sq_free, sq_realloc,  sq_size,
                                            sq_roundup, sq_init, sq_shutdown, NULL};
    if (sqlite3_config(SQLITE_CONFIG_MALLOC, &mem) != SQLITE_OK ||
        sqlite3_initialize() != SQLITE_OK)
        abort();
    json_set_alloc_funcs(js_malloc, free);
    if (xmlMemSetup(free, xml_malloc, xml_realloc, xml_strdup) != 0)
        abort();
    xmlInitParser();
}

int main(void)
{
    hook_libraries();
    /* FL_ALLOC_ONLY=sessions runs one test (while fixing what it finds) */
    if (getenv("FL_ALLOC_ONLY"))
        cmocka_set_test_filter(getenv("FL_ALLOC_ONLY"));
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(load_scenarios), cmocka_unit_test(load_rounds),
        cmocka_unit_test(load_workshops), cmocka_unit_test(lexicons),
        cmocka_unit_test(sessions),       cmocka_unit_test(record_sessions),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    printf("alloc-fail: %lu failure points tried in all (libxml2's own messages: %lu)\n",
           total_points, xml_generic_messages);
    return failed;
}
