/*
 * fuzz_scenario.c - a scenario file, as lint, play and the desktop take it.
 *
 * The input is a scenario document, optionally followed by a NUL and the choices of a session
 * (fuzz.h, fz_split_last: the document itself may hold NULs). The target:
 *   - loads the document from memory (fl_scenario_load_memory) and formats every diagnostic the
 *     way lint prints it (fl_diag_format, in English or Russian), also into a short buffer;
 *   - when it loads, explores it a little (what lint's best-path rule does, with small bounds)
 *     and plays one bounded session (at most MAX_TURNS acts): choices, replies typed as text
 *     (the lexicon's matching and the routes), routes by id, timeouts, hang-ups, take-backs and
 *     voice figures, picked by the bytes after the NUL; then the scores, survey and findings.
 *   - with the first choice byte's top bit set, fails the Nth allocation of the core (alloc.h)
 *     during the load and the session: each must end in a clean error, and LeakSanitizer sees
 *     any leak.
 * What it checks beyond memory and undefined behaviour: the load's return agrees with its
 * diagnostics, every message and every stored text is valid UTF-8, and the scores and the survey
 * stay in their documented ranges.
 */
#include "fuzz.h"

#include "alloc.h"
#include "catalogue.h"
#include "diag.h"
#include "engine.h"
#include "explore.h"
#include "lexicon.h"
#include "scenario.h"
#include "score.h"
#include "session.h"
#include "utf8.h"

#define MAX_TURNS 48

/* The built-in lexicons, built once: building one per input would be most of the time spent. */
static fl_lexicon *lexicon_of(const char *lang)
{
    static fl_lexicon *cache[FL_LANG_COUNT];
    static int tried[FL_LANG_COUNT];
    int k = fl_word_lang(lang);
    if (!lang || (strcmp(lang, "en") != 0 && strcmp(lang, "ru") != 0))
        return NULL;
    if (!tried[k]) {
        char err[256];
        tried[k] = 1;
        if (fl_lexicon_builtin(&cache[k], lang, err, sizeof(err)) != 0)
            fz_fail("the built-in lexicon of %s does not build: %s", lang, err);
    }
    return cache[k];
}

static void check_text(const char *what, const char *s)
{
    if (s && !fl_utf8_valid(s, strlen(s)))
        fz_fail("%s is not valid UTF-8", what);
}

static void check_diags(const fl_diags *d, const char *file)
{
    char line[2048], tiny[7];
    for (size_t i = 0; i < d->count; i++) {
        const fl_diag *g = &d->items[i];
        if (!g->rule || !g->message)
            fz_fail("diagnostic %zu has no rule or message", i);
        if (!fl_utf8_valid(g->message, strlen(g->message)))
            fz_fail("the message of diagnostic %u:%u [%s] is not valid UTF-8: \"%s\"", g->line,
                    g->column, g->rule, g->message);
        int n = fl_diag_format(line, sizeof(line), file, g);
        if (n < 0)
            fz_fail("fl_diag_format failed");
        if ((size_t)n < sizeof(line) && strlen(line) != (size_t)n)
            fz_fail("fl_diag_format returned %d for %zu bytes", n, strlen(line));
        if ((size_t)n < sizeof(line))
            check_text("a formatted diagnostic", line);
        if (fl_diag_format(tiny, sizeof(tiny), file, g) != n || strlen(tiny) >= sizeof(tiny))
            fz_fail("fl_diag_format into a short buffer");
    }
}

/* Writes into buf the words of one alternative of a route (and the first alternative of each
 * of its groups): typed, they should take that route. */
static size_t route_words(const fl_pattern *p, char *buf, size_t size, size_t at, int depth)
{
    for (uint32_t i = 0; i < p->n_words; i++) {
        size_t n = strlen(p->words[i]);
        if (at + n + 2 >= size)
            return at;
        memcpy(buf + at, p->words[i], n);
        at += n;
        buf[at++] = ' ';
    }
    for (uint32_t g = 0; g < p->n_groups && depth < 16; g++)
        if (p->groups[g].n_alts)
            at = route_words(&p->groups[g].alts[0], buf, size, at, depth + 1);
    return at;
}

/* One typed reply at a free-text node: the words of a route, raw bytes, or both. */
static int type_reply(fl_session *ss, const fl_node *nd, fz_bytes *ch)
{
    char text[512];
    size_t at = 0;
    unsigned how = fz_u8(ch);
    if ((how & 1) && nd->n_replies) {
        const fl_reply *r = &nd->replies[fz_u8(ch) % nd->n_replies];
        if (r->n_patterns)
            at = route_words(&r->patterns[fz_u8(ch) % r->n_patterns], text, sizeof(text), 0, 0);
    }
    if (how & 2) {
        size_t n = fz_u8(ch) % 96;
        for (size_t i = 0; i < n && at < sizeof(text) && !fz_done(ch); i++) {
            unsigned c = fz_u8(ch);
            text[at++] = c ? (char)c : ' ';
        }
    }
    /* What every front end hands the session: valid UTF-8 without NUL (the terminal converts
     * from the locale's encoding, then repairs; the desktop's text input is UTF-8). */
    size_t n = 0;
    char *typed = fl_utf8_repair(text, at, &n);
    if (!typed)
        return -2;
    int rc = fl_session_type(ss, typed, n, fz_ms(ch));
    free(typed);
    return rc;
}

static void check_scores(const fl_session *ss)
{
    fl_scores sc;
    fl_survey sv;
    fl_findings fs = {0};
    if (fl_session_report(ss, &sc, &sv, &fs) < 0)
        return; /* out of memory (only when failing allocations) */
    if (sc.overall < 0 || sc.overall > 100 || sc.raw < 0 || sc.raw > 100)
        fz_fail("overall score %d, raw %d", sc.overall, sc.raw);
    if (!strchr("ABCDF-", sc.band) || sc.band == '\0')
        fz_fail("band '%c'", sc.band);
    for (int d = 0; d < FL_DIM_COUNT; d++)
        if (sc.score[d] < 0 || sc.score[d] > 100)
            fz_fail("dimension %d scored %d", d, sc.score[d]);
    if (sc.attempted &&
        (sv.csat < 1 || sv.csat > 5 || sv.ces < 1 || sv.ces > 7 || sv.nps < 0 || sv.nps > 10))
        fz_fail("survey csat %d ces %d nps %d", sv.csat, sv.ces, sv.nps);
    for (size_t i = 0; i < fs.n; i++) {
        if (!fs.items[i].rule || !fs.items[i].message)
            fz_fail("finding %zu has no rule or message", i);
        check_text("a finding", fs.items[i].message);
    }
    fl_findings_free(&fs);
}

static void play(const fl_scenario *s, fz_bytes *ch, unsigned flags)
{
    fl_session_opts opts = {.timed = (int)(flags & 1), .lexicon = lexicon_of(s->lang)};
    if (flags & 2)
        opts.limit_ms = 1000u + (fz_u8(ch) << 8);
    fl_session *ss = NULL;
    if (fl_session_new(&ss, s, &opts) != 0)
        return;
    for (int t = 0; t < MAX_TURNS && !fl_session_ended(ss); t++) {
        const fl_node *nd = fl_session_node(ss);
        check_text("a customer's line", fl_session_line(ss) ? fl_session_line(ss)->text : NULL);
        uint32_t idx[256];
        uint32_t n = fl_session_offered(ss, idx, 256);
        unsigned op = fz_u8(ch);
        int rc = 0;
        switch (op % 8) {
        case 0:
        case 1:
        case 2:
            if (nd->free_text)
                rc = type_reply(ss, nd, ch);
            else if (n) {
                uint32_t pick = idx[fz_u8(ch) % n];
                rc = fl_session_choose(ss, pick, fz_ms(ch));
            }
            break;
        case 3:
            if (nd->n_replies) {
                uint32_t pick = fz_u8(ch) % nd->n_replies;
                rc = fl_session_route(ss, pick, fz_ms(ch));
            }
            break;
        case 4:
            rc = fl_session_timeout(ss);
            break;
        case 5:
            rc = fl_session_undo(ss);
            break;
        case 6: {
            size_t nt = 0;
            fl_session_turns(ss, &nt);
            /* one byte a figure, read in order (an initializer's order of evaluation is not) */
            fl_voice_figures f;
            f.rms_dbfs = -(float)(fz_u8(ch) % 90);
            f.peak_dbfs = -(float)(fz_u8(ch) % 60);
            f.syllables_per_s = (float)fz_u8(ch) / 16.0f;
            f.speech_s = (float)fz_u8(ch) / 8.0f;
            f.pause_s = (float)fz_u8(ch) / 32.0f;
            f.pauses = fz_u8(ch);
            f.syllables = fz_u8(ch);
            rc = fl_session_voice(ss, nt ? 1 + fz_u8(ch) % (uint32_t)nt : 0, &f);
            break;
        }
        case 7:
            rc = fl_session_hang_up(ss, fz_ms(ch));
            break;
        }
        if (rc == -2)
            break; /* out of memory: the session stays usable but we stop here */
        if (rc != 0 && rc != -1)
            fz_fail("an act returned %d", rc);
        if (fz_done(ch) && !(flags & 4))
            break;
    }
    size_t nt = 0;
    const fl_turn *turns = fl_session_turns(ss, &nt);
    for (size_t i = 0; i < nt; i++) {
        check_text("a typed reply kept in the transcript", turns[i].typed);
        check_text("a reply's triggers", turns[i].triggers);
    }
    check_scores(ss);
    fl_session_free(ss);
}

/* What lint's best-path rule does, within small bounds. */
static void explore(const fl_scenario *s, fz_bytes *ch, int timed)
{
    fl_engine eng;
    if (fl_engine_init(&eng, s, timed) != 0)
        return;
    fl_explore_opts opts = {.timed = timed, .max_turns = 10, .max_states = 400, .pace_ms = 5000};
    fl_explore_result res;
    memset(&res, 0, sizeof(res));
    int node = s->n_nodes ? (int)(fz_u8(ch) % s->n_nodes) : 0;
    int reply = (int)fz_u8(ch) % 4 - 1;
    if (fl_explore_through(&eng, &opts, node, reply, &res) == 0) {
        if (res.have_paths && (res.best_score < res.worst_score || res.best_score > 100))
            fz_fail("explore: best %d, worst %d", res.best_score, res.worst_score);
        fl_explore_free(&res);
    }
    fl_engine_fini(&eng);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    lexicon_of("en");
    lexicon_of("ru");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_bytes ch;
    size_t len = fz_split_last(data, size, &ch);
    char *doc = fz_copy(data, len, 0);
    unsigned flags = fz_u8(&ch);
    unsigned long fail_at = 0;
    if (flags & 0x80) {
        fail_at = (unsigned long)fz_u8(&ch) << 8;
        fail_at = 1 + (fail_at | fz_u8(&ch));
    }

    fl_diags_default_lang((flags & 0x40) ? FL_LANG_RU : FL_LANG_EN);
    fl_alloc_fail_at(fail_at);

    fl_diags d;
    fl_diags_init(&d, "fuzz.xml");
    fl_scenario *s = NULL;
    int rc = fl_scenario_load_memory(&s, doc, len, "fuzz.xml", &d);
    if (rc == 0 && (!s || d.errors))
        fz_fail("loaded with %zu errors (scenario %p)", d.errors, (void *)s);
    if (rc == -1 && (s || (!d.errors && !d.oom)))
        fz_fail("refused with no error");
    if (rc != 0 && rc != -1 && rc != -2)
        fz_fail("fl_scenario_load_memory returned %d", rc);
    if (rc == -2 && !fail_at)
        fz_fail("out of memory without a failing allocation");
    fl_diags_sort(&d);
    check_diags(&d, "fuzz.xml");

    if (s) {
        check_text("the title", s->title);
        check_text("the brief", s->brief);
        if (flags & 8)
            explore(s, &ch, (int)(flags & 1));
        play(s, &ch, flags);
    }
    fl_alloc_fail_at(0);
    fl_scenario_free(s);
    fl_diags_clear(&d);
    free(doc);
    return 0;
}
