/*
 * fuzz_round.c - a stress round file (scenarios/rounds/, round.xsd), and the round it makes.
 *
 * The input is a round document, optionally followed by a NUL and the acts of a round (fuzz.h,
 * fz_split_last). The target loads the document (fl_round_def_load_memory) and formats its
 * diagnostics as lint prints them; when it loads, plays the round on a pool of two small built-in
 * scenarios (the target opens no file) with the options and acts the bytes after the NUL pick:
 * the extension, held lines, ticks to any time or to the next thing due, choices, typed replies,
 * take-backs, Space and the end of a line's speech on any call, at most MAX_STEPS of them; then
 * finishes the round and reads its timeline and figures. Beyond memory and undefined behaviour it
 * checks that the load agrees with its diagnostics, the timeline runs forward in time and the
 * figures add up (calls ended or live never outnumber the customers who arrived, shares are
 * shares).
 */
#include "fuzz.h"

#include "catalogue.h"
#include "lexicon.h"
#include "round.h"
#include "scenario.h"

#define MAX_STEPS 160

#define MINI(id, lang, line)                                                                       \
    "<scenario id=\"" id "\" version=\"1\" lang=\"" lang "\"><title>T</title><brief>B</brief>"     \
    "<customer name=\"Sam\"><start mood=\"-40\" patience=\"40\" trust=\"50\"/></customer>"         \
    "<timing reply-seconds=\"20\"/>"                                                               \
    "<node id=\"start\"><say emotion=\"angry\" grievance=\"yes\">" line "</say>"                   \
    "<reply id=\"fix\" to=\"done\" signals=\"apology empathy ownership resolve\">I am sorry. "     \
    "I will fix it myself right now.</reply>"                                                      \
    "<reply id=\"rude\" to=\"lost\" signals=\"rude\">Not my problem.</reply>"                      \
    "<reply id=\"more\" to=\"start\" once=\"yes\">Tell me more.</reply>"                           \
    "<timeout to=\"start\"/></node>"                                                               \
    "<ending id=\"done\" outcome=\"resolved\"/><ending id=\"lost\" outcome=\"lost\"/></scenario>"

static const char *const pool_src[] = {MINI("mini-a", "en", "My order is late again."),
                                       MINI("mini-b", "en", "You charged me twice!")};

static const fl_scenario *pool[2];
static fl_lexicon *lexicon;

static void setup(void)
{
    for (int i = 0; i < 2; i++) {
        fl_diags d;
        fl_diags_init(&d, "pool");
        fl_scenario *s = NULL;
        if (fl_scenario_load_memory(&s, pool_src[i], strlen(pool_src[i]), NULL, &d) != 0)
            fz_fail("the built-in pool scenario %d does not load: %s", i,
                    d.count ? d.items[0].message : "?");
        fl_diags_clear(&d);
        pool[i] = s;
    }
    char err[256];
    if (fl_lexicon_builtin(&lexicon, "en", err, sizeof(err)) != 0)
        fz_fail("the English lexicon: %s", err);
}

static void check_diags(const fl_diags *d)
{
    char line[2048];
    for (size_t i = 0; i < d->count; i++) {
        int n = fl_diag_format(line, sizeof(line), "fuzz.round.xml", &d->items[i]);
        if (n < 0 || ((size_t)n < sizeof(line) && strlen(line) != (size_t)n))
            fz_fail("fl_diag_format returned %d", n);
    }
}

static void play(const fl_round_def *def, fz_bytes *ch)
{
    static const uint32_t pct[] = {0, 100, 150, 200};
    unsigned flags = fz_u8(ch);
    fl_round_opts o = {.time_pct = pct[flags & 3],
                       .seed = (flags & 4) ? fz_u32(ch) : 0,
                       .lexicon = lexicon,
                       .instant_lines = (flags & 8) != 0,
                       .hold_lines = (flags & 16) != 0};
    fl_round *r = NULL;
    int rc = fl_round_new(&r, def, pool, 2, &o);
    if (rc != 0) {
        if (rc != -2 && rc != -1)
            fz_fail("fl_round_new returned %d", rc);
        return;
    }
    uint64_t now = 0;
    for (int step = 0; step < MAX_STEPS && !fl_round_over(r); step++) {
        unsigned op = fz_done(ch) ? 2 : fz_u8(ch);
        uint32_t calls = fl_round_n_calls(r);
        uint32_t call = calls ? 1 + fz_u8(ch) % calls : 1;
        switch (op % 8) {
        case 0:
        case 1:
            now += fz_ms(ch);
            rc = fl_round_tick(r, now);
            break;
        case 2: {
            uint64_t next = fl_round_next_ms(r);
            if (next == UINT64_MAX)
                next = now + 60000;
            if (next > now)
                now = next;
            rc = fl_round_tick(r, now);
            break;
        }
        case 3:
            rc = fl_round_choose(r, call, fz_u8(ch) % 4, now);
            break;
        case 4: {
            static const char *const said[] = {"I'm so sorry, I will fix it myself now",
                                               "not my problem", "tell me more", ""};
            const char *t = said[fz_u8(ch) % 4];
            rc = fl_round_type(r, call, t, strlen(t), now);
            break;
        }
        case 5:
            rc = fl_round_undo(r, call, now);
            break;
        case 6:
            rc = fl_round_show_now(r, call, now);
            break;
        case 7:
            rc = fl_round_presented(r, call, now);
            break;
        }
        if (rc < -2)
            fz_fail("an act returned %d", rc);
        fl_call_view v;
        for (uint32_t i = 1; i <= fl_round_n_calls(r); i++)
            if (fl_round_call(r, i, &v) != 0 || v.number != i)
                fz_fail("call %u cannot be viewed", i);
    }
    fl_round_finish(r, now);
    size_t n = 0;
    const fl_round_event *ev = fl_round_timeline(r, &n);
    for (size_t i = 1; i < n; i++)
        if (ev[i].at_ms < ev[i - 1].at_ms)
            fz_fail("the timeline goes back from %llu to %llu ms at event %zu",
                    (unsigned long long)ev[i - 1].at_ms, (unsigned long long)ev[i].at_ms, i);
    fl_round_baseline base = {.tone = 70, .empathy = 60, .sessions = 3};
    fl_round_figures f;
    if (fl_round_figures_get(r, (flags & 32) ? &base : NULL, &f) == 0) {
        if (f.arrived > f.customers || f.resolved + f.lost + f.other + f.unfinished > f.arrived)
            fz_fail("figures: %u customers, %u arrived, %u resolved, %u lost, %u other, %u "
                    "unfinished",
                    f.customers, f.arrived, f.resolved, f.lost, f.other, f.unfinished);
        if (f.canned_share < 0 || f.canned_share > 1 || f.per_minute < 0)
            fz_fail("figures: canned share %f, %f per minute", f.canned_share, f.per_minute);
        if (f.mean_score < -1 || f.mean_score > 100)
            fz_fail("figures: mean score %d", f.mean_score);
    }
    fl_round_free(r);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    setup();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_bytes ch;
    size_t len = fz_split_last(data, size, &ch);
    char *doc = fz_copy(data, len, 0);
    fl_diags_default_lang((size & 1) ? FL_LANG_RU : FL_LANG_EN);
    fl_diags d;
    fl_diags_init(&d, "fuzz.round.xml");
    fl_round_def *def = NULL;
    int rc = fl_round_def_load_memory(&def, doc, len, "fuzz.round.xml", &d);
    if (rc == 0 && (!def || d.errors))
        fz_fail("loaded with %zu errors", d.errors);
    if (rc == -1 && (def || (!d.errors && !d.oom)))
        fz_fail("refused with no error");
    if (rc != 0 && rc != -1)
        fz_fail("fl_round_def_load_memory returned %d", rc);
    check_diags(&d);
    (void)fl_is_round_document(doc, len);
    if (def)
        play(def, &ch);
    fl_round_def_free(def);
    fl_diags_clear(&d);
    free(doc);
    return 0;
}
