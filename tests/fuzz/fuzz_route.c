/*
 * fuzz_route.c - free-text routes: the grammar of match="..." and matching a typed reply.
 *
 * The input is a flags byte, then up to four match attributes and a typed reply, separated by
 * NULs ("(sorry | apologise) today\0refund now\0I'm so sorry, today I'll refund it"); the last
 * part is the reply. Flags bit 0: Russian, else English (the built-in lexicon of that language,
 * built once). The target parses every match (fl_route_parse), writes its key (fl_route_key,
 * also into short buffers), cuts the reply into words, finds its signals and their triggers,
 * matches each route alternative by alternative, and explains the node's choice as
 * `frontline signals --node` does (fl_route_explain). Beyond memory and undefined behaviour it
 * checks that every error and every span points inside its text, that a route matches exactly
 * when one of its alternatives does and that the explanation chooses the first matching route.
 */
#include "fuzz.h"

#include "arena.h"
#include "catalogue.h"
#include "lexicon.h"
#include "route.h"
#include "utf8.h"

#define MAX_ROUTES 4

static fl_lexicon *lexicon_of(int ru)
{
    static fl_lexicon *cache[2];
    if (!cache[ru]) {
        char err[256];
        if (fl_lexicon_builtin(&cache[ru], ru ? "ru" : "en", err, sizeof(err)) != 0)
            fz_fail("the built-in lexicon does not build: %s", err);
    }
    return cache[ru];
}

static void check_why(const fl_route_why *w, const fl_reply *r, size_t text_len)
{
    size_t src_len = strlen(r->match_src);
    for (size_t i = 0; i < w->n_hits; i++)
        if (w->hits[i].pat_start > w->hits[i].pat_end || w->hits[i].pat_end > src_len ||
            w->hits[i].text_start > w->hits[i].text_end || w->hits[i].text_end > text_len)
            fz_fail("a hit outside its text");
    for (size_t i = 0; i < w->n_missing; i++)
        if (w->missing[i].start > w->missing[i].end || w->missing[i].end > src_len)
            fz_fail("a missing span outside the match");
    if (w->alt >= r->n_patterns && r->n_patterns)
        fz_fail("alternative %u of %u", w->alt, r->n_patterns);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    lexicon_of(0);
    lexicon_of(1);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int ru = data[0] & 1;
    fl_lexicon *lx = lexicon_of(ru);
    fz_bytes in = {data + 1, size - 1, 0};

    /* The parts: routes, then the reply. */
    const uint8_t *part[MAX_ROUTES + 1];
    size_t plen[MAX_ROUTES + 1];
    size_t n_parts = 0;
    while (n_parts < MAX_ROUTES + 1) {
        fz_bytes rest;
        part[n_parts] = in.p;
        plen[n_parts] = fz_split_first(in.p, in.n, &rest);
        n_parts++;
        if (rest.p == in.p + in.n)
            break;
        in = rest;
    }
    if (n_parts == MAX_ROUTES + 1)
        plen[MAX_ROUTES] = (size_t)(data + size - part[MAX_ROUTES]); /* the reply may hold NULs */
    size_t n_routes = n_parts > 1 ? n_parts - 1 : 1;
    const uint8_t *text_p = n_parts > 1 ? part[n_parts - 1] : (const uint8_t *)"";
    size_t text_len = n_parts > 1 ? plen[n_parts - 1] : 0;
    char *text = fz_copy(text_p, text_len, 0);

    fl_arena *arena = fl_arena_new();
    if (!arena)
        abort();
    fl_reply replies[MAX_ROUTES + 1];
    memset(replies, 0, sizeof(replies));
    uint32_t n_replies = 0;
    for (size_t i = 0; i < n_routes; i++) {
        char *src = fl_arena_strndup(arena, (const char *)part[i], plen[i]);
        if (!src)
            abort();
        size_t src_len = strlen(src);
        fl_route_error errs[4];
        size_t n_errs = 0;
        const fl_pattern *alts = NULL;
        uint32_t n_alts = 0;
        int rc = fl_route_parse(&alts, &n_alts, arena, src, errs, 4, &n_errs);
        if (rc == -1) {
            if (n_errs == 0)
                fz_fail("refused with no mistake");
            for (size_t k = 0; k < n_errs && k < 4; k++)
                if (errs[k].offset > src_len)
                    fz_fail("a mistake at %u of %zu bytes", errs[k].offset, src_len);
            continue;
        }
        if (rc != 0)
            fz_fail("fl_route_parse returned %d", rc);
        char key[256], tiny[5];
        if (fl_route_key(key, sizeof(key), alts, n_alts) != 0 ||
            fl_route_key(tiny, sizeof(tiny), alts, n_alts) != 0)
            fz_fail("fl_route_key failed");
        if (strlen(tiny) >= sizeof(tiny) || strncmp(key, tiny, strlen(tiny)) != 0)
            fz_fail("the short key \"%s\" is no prefix of \"%s\"", tiny, key);
        for (uint32_t a = 0; a < n_alts; a++)
            if (alts[a].start > alts[a].end || alts[a].end > src_len)
                fz_fail("an alternative outside its match");
        replies[n_replies++] = (fl_reply){.kind = FL_REPLY_ROUTE,
                                          .id = "r",
                                          .target = 0,
                                          .offer = -1,
                                          .patterns = alts,
                                          .n_patterns = n_alts,
                                          .match_src = src};
    }
    replies[n_replies++] = (fl_reply){.kind = FL_REPLY_FALLBACK, .id = "f", .offer = -1};

    fl_words w = {0};
    if (fl_lexicon_words(lx, text, text_len, &w) != 0)
        abort();
    for (size_t i = 0; i < w.n; i++)
        if (w.start[i] > w.end[i] || w.end[i] > text_len)
            fz_fail("word %zu at %u..%u of %zu bytes", i, w.start[i], w.end[i], text_len);
    (void)fl_lexicon_signals(lx, &w);
    fl_offer offers[] = {{.id = "o1", .text = "\"Fibre 500\": faster internet", .price_cents = 999},
                         {.id = "o2", .text = "«Экспресс» доставка", .price_cents = -1}};
    fl_explanation ex = {0};
    if (fl_lexicon_explain_words(lx, &w, offers, 2, &ex) != 0)
        abort();
    for (size_t i = 0; i < ex.n; i++)
        if (ex.triggers[i].start > ex.triggers[i].end || ex.triggers[i].end > text_len)
            fz_fail("a trigger outside the text");
    if (memchr(text, '\0', text_len) == NULL) {
        char *fmt = fl_explanation_format(&ex, text);
        if (!fmt)
            abort();
        if (fl_utf8_valid(text, text_len) && !fl_utf8_valid(fmt, strlen(fmt)))
            fz_fail("the triggers of a valid text are not valid UTF-8: %s", fmt);
        free(fmt);
    }
    fl_explanation_free(&ex);

    int32_t first = -1;
    for (uint32_t i = 0; i + 1 < n_replies; i++) {
        int m = fl_route_matches(lx, &replies[i], &w);
        int any = 0;
        for (uint32_t a = 0; a < replies[i].n_patterns; a++)
            any |= fl_route_alt_matches(lx, &replies[i].patterns[a], &w) == 1;
        if (m < 0)
            abort();
        if (m != any)
            fz_fail("route %u matches %d but its alternatives say %d", i, m, any);
        if (m && first < 0)
            first = (int32_t)i;
    }
    fl_node node = {
        .id = "n", .replies = replies, .n_replies = n_replies, .free_text = 1, .timeout = -1};
    fl_route_explanation why = {0};
    if (fl_route_explain(lx, &node, &w, &why) != 0)
        abort();
    int32_t expect = first >= 0 ? first : (int32_t)n_replies - 1;
    if (why.chosen != expect)
        fz_fail("explained as reply %d, matching says %d", why.chosen, expect);
    for (uint32_t i = 0; i + 1 < n_replies && i < why.n; i++)
        check_why(&why.why[i], &replies[i], text_len);
    fl_route_explanation_free(&why);
    fl_words_free(&w);
    fl_arena_free(arena);
    free(text);
    return 0;
}
