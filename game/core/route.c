/*
 * route.c - free-text routes: match="..." parsed into fl_pattern trees, matched against the
 * words of a typed reply, and explained (route.h has the grammar).
 *
 * The parser reports every mistake of an attribute with its byte offset, so lint can point at
 * the offending bracket or bar; it never recurses deeper than FL_ROUTE_MAX_DEPTH (deeper groups
 * are skipped flat), so no attribute can exhaust the stack. The matcher cuts a pattern's words
 * with the same tokenizer as the typed reply (fl_lexicon_words): consecutive words are cut
 * together, so whatever the tokenizer makes one word ("24 990", a number in words) is one word on
 * both sides, and a word such as "e-mail" that it cuts in two needs both parts.
 *
 * Depends on libc, the arena, utf8 (lower-casing) and the lexicon.
 */
#include "alloc.h"
#include "route.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "utf8.h"
#include "vec.h"

/* ---- Parsing ------------------------------------------------------------------------------ */

#define NO_OPEN ((size_t)-1) /* the top level: no '(' encloses it */

typedef struct {
    fl_arena *arena;
    const char *s; /* the attribute (the caller's copy, which the patterns point into) */
    size_t n;
    fl_route_error *errs;
    size_t max_errs, n_errs;
    int oom;
    int deep_reported; /* "too deep" is said once per attribute */
} parser;

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_word_char(char c)
{
    return c && !is_space(c) && c != '|' && c != '(' && c != ')';
}

static void fail(parser *p, fl_route_error_kind kind, size_t at)
{
    if (p->n_errs < p->max_errs)
        p->errs[p->n_errs] = (fl_route_error){kind, (uint32_t)at};
    p->n_errs++;
}

static void *alloc(parser *p, size_t size)
{
    void *m = fl_arena_alloc(p->arena, size ? size : 1);
    if (!m)
        p->oom = 1;
    return m;
}

/*
 * Walks the match from s[i] at bracket depth 0 to its end: the ')' that closes the enclosing
 * group, or the end of the attribute (at the top level a ')' closing nothing ends nothing: it
 * is reported and skipped). With words NULL, returns the number of alternatives from there on
 * (the '|' at depth 0, plus one). Otherwise stops at the end of the alternative that starts at
 * s[i] (its '|'), adds its words and groups at depth 0 to *words and *groups, and returns 1.
 */
static uint32_t count_terms(const parser *p, size_t i, int top, uint32_t *words, uint32_t *groups)
{
    size_t depth = 0, start = i;
    uint32_t alts = 1;
    for (; i < p->n; i++) {
        char c = p->s[i];
        if (c == '(') {
            if (words && depth == 0)
                (*groups)++;
            depth++;
        } else if (c == ')') {
            if (depth == 0 && !top)
                break;
            depth -= depth > 0;
        } else if (c == '|') {
            if (depth == 0 && words)
                break;
            alts += depth == 0;
        } else if (words && depth == 0 && !is_space(c) &&
                   (i == start || !is_word_char(p->s[i - 1]))) {
            (*words)++;
        }
    }
    return alts;
}

/* Skips a group too deep to parse, from just after its '(' to just after its ')'. Returns 0
 * when the attribute ends first. */
static int skip_group(const parser *p, size_t *i)
{
    size_t depth = 1;
    for (; *i < p->n; (*i)++) {
        if (p->s[*i] == '(')
            depth++;
        else if (p->s[*i] == ')' && --depth == 0) {
            (*i)++;
            return 1;
        }
    }
    return 0;
}

static void parse_alts(parser *p, size_t *i, int depth, size_t open, const fl_pattern **out,
                       uint32_t *n_out);

/* Parses one alternative from s[*i], leaving *i on the '|' or ')' that ends it (or the end). */
static void parse_alt(parser *p, size_t *i, int depth, fl_pattern *alt)
{
    uint32_t nw = 0, ng = 0;
    count_terms(p, *i, depth == 0, &nw, &ng);
    const char **words = alloc(p, nw * sizeof(*words));
    uint32_t *ws = alloc(p, nw * sizeof(*ws)), *we = alloc(p, nw * sizeof(*we));
    fl_pattern_group *groups = alloc(p, ng * sizeof(*groups));
    if (!words || !ws || !we || !groups)
        return;
    alt->words = words;
    alt->word_start = ws;
    alt->word_end = we;
    alt->groups = groups;
    alt->src = p->s;
    alt->start = alt->end = (uint32_t)*i;
    int any = 0;
    while (*i < p->n) {
        char c = p->s[*i];
        size_t at = *i;
        if (is_space(c)) {
            (*i)++;
            continue;
        }
        if (c == '|')
            break;
        if (c == ')') {
            if (depth > 0)
                break;
            fail(p, FL_ROUTE_UNOPENED, at); /* and read on: the rest may be fine */
            (*i)++;
            continue;
        }
        if (c == '(') {
            fl_pattern_group *g = &groups[alt->n_groups++];
            (*i)++;
            if (depth + 1 > FL_ROUTE_MAX_DEPTH) {
                if (!p->deep_reported)
                    fail(p, FL_ROUTE_TOO_DEEP, at);
                p->deep_reported = 1;
                if (!skip_group(p, i))
                    fail(p, FL_ROUTE_UNCLOSED, at);
            } else {
                parse_alts(p, i, depth + 1, at, &g->alts, &g->n_alts);
                if (*i < p->n && p->s[*i] == ')')
                    (*i)++;
                else
                    fail(p, FL_ROUTE_UNCLOSED, at);
                if (g->n_alts == 1 && g->alts[0].n_words + g->alts[0].n_groups == 0)
                    fail(p, FL_ROUTE_EMPTY_GROUP, at);
            }
            g->start = (uint32_t)at;
            g->end = (uint32_t)*i;
        } else {
            while (*i < p->n && is_word_char(p->s[*i]))
                (*i)++;
            char *word = fl_arena_strndup(p->arena, p->s + at, *i - at);
            if (!word) {
                p->oom = 1;
                return;
            }
            fl_utf8_lower(word, *i - at);
            ws[alt->n_words] = (uint32_t)at;
            we[alt->n_words] = (uint32_t)*i;
            words[alt->n_words++] = word;
        }
        if (!any)
            alt->start = (uint32_t)at;
        any = 1;
        alt->end = (uint32_t)*i;
    }
}

/*
 * Parses the alternatives from s[*i] to the ')' that closes the group opened at `open` (left
 * in *i), or to the end at the top level (open == NO_OPEN).
 */
static void parse_alts(parser *p, size_t *i, int depth, size_t open, const fl_pattern **out,
                       uint32_t *n_out)
{
    uint32_t n = count_terms(p, *i, open == NO_OPEN, NULL, NULL);
    fl_pattern *alts = alloc(p, n * sizeof(*alts));
    *out = alts;
    *n_out = 0;
    if (!alts)
        return;
    for (uint32_t k = 0; k < n && !p->oom; k++) {
        size_t alt_start = *i;
        parse_alt(p, i, depth, &alts[k]);
        *n_out = k + 1;
        /* "()" is one mistake, said by the caller; "(a |)" and "a || b" are empty alternatives */
        if (alts[k].n_words + alts[k].n_groups == 0 && !(n == 1 && open != NO_OPEN))
            fail(p, FL_ROUTE_EMPTY_ALT, alt_start);
        if (*i < p->n && p->s[*i] == '|')
            (*i)++;
        else
            break;
    }
}

int fl_route_parse(const fl_pattern **out, uint32_t *n_out, fl_arena *arena, const char *src,
                   fl_route_error *errs, size_t max_errs, size_t *n_errs)
{
    parser p = {arena, src, strlen(src), errs, max_errs, 0, 0, 0};
    *out = NULL;
    *n_out = 0;
    *n_errs = 0;
    size_t i = 0;
    parse_alts(&p, &i, 0, NO_OPEN, out, n_out);
    if (p.oom)
        return -2;
    *n_errs = p.n_errs;
    return p.n_errs ? -1 : 0;
}

/* ---- The normalised text (the basis of derived ids) -------------------------------------- */

/*
 * A route's id derives from its combinations written out, in order: "(a | b) c" is "a c | b c",
 * the text a trainer once wrote by hand. Only the first `cap` bytes count, so no list grows past
 * them: a list stops once its text, joined by " | ", is that long (its prefix is exact, and so is
 * that of every product built from it).
 */
typedef struct {
    char **v;
    size_t n, cap_v;
    size_t bytes; /* the length of the list joined by " | " */
} strs;

static void strs_free(strs *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof(*l));
}

/* Appends a + " " + b (either may be empty). Returns 0, or -1 when out of memory. */
static int strs_push(strs *l, const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b), len = na + (na && nb) + nb;
    if (FL_GROW(l->v, l->cap_v, l->n + 1))
        return -1;
    char *s = fl_malloc(len + 1);
    if (!s)
        return -1;
    memcpy(s, a, na);
    if (na && nb)
        s[na] = ' ';
    memcpy(s + len - nb, b, nb);
    s[len] = '\0';
    l->v[l->n++] = s;
    l->bytes += len + (l->n > 1 ? 3 : 0);
    return 0;
}

static int expand_alts(strs *out, const fl_pattern *alts, uint32_t n, size_t cap);

/* The combinations of one alternative: one choice of each group, terms in the order written. */
static int expand_alt(strs *out, const fl_pattern *a, size_t cap)
{
    strs cur = {0};
    int rc = strs_push(&cur, "", "");
    uint32_t w = 0, g = 0;
    while (rc == 0 && (w < a->n_words || g < a->n_groups)) {
        strs opts = {0}, next = {0};
        if (g == a->n_groups || (w < a->n_words && a->word_start[w] < a->groups[g].start)) {
            rc = strs_push(&opts, a->words[w++], "");
        } else {
            rc = expand_alts(&opts, a->groups[g].alts, a->groups[g].n_alts, cap);
            g++;
        }
        for (size_t i = 0; rc == 0 && i < cur.n && next.bytes < cap; i++)
            for (size_t k = 0; rc == 0 && k < opts.n && next.bytes < cap; k++)
                rc = strs_push(&next, cur.v[i], opts.v[k]);
        strs_free(&opts);
        strs_free(&cur);
        cur = next;
    }
    for (size_t i = 0; rc == 0 && i < cur.n && out->bytes < cap; i++)
        rc = strs_push(out, cur.v[i], "");
    strs_free(&cur);
    return rc;
}

static int expand_alts(strs *out, const fl_pattern *alts, uint32_t n, size_t cap)
{
    int rc = 0;
    for (uint32_t k = 0; rc == 0 && k < n && out->bytes < cap; k++)
        rc = expand_alt(out, &alts[k], cap);
    return rc;
}

int fl_route_key(char *buf, size_t size, const fl_pattern *alts, uint32_t n_alts)
{
    strs l = {0};
    int rc = expand_alts(&l, alts, n_alts, size);
    size_t o = 0;
    for (size_t i = 0; rc == 0 && i < l.n && o + 1 < size; i++) {
        const char *parts[2] = {i ? " | " : "", l.v[i]};
        for (int p = 0; p < 2; p++)
            for (const char *c = parts[p]; *c && o + 1 < size; c++)
                buf[o++] = *c;
    }
    if (size)
        buf[o] = '\0';
    strs_free(&l);
    return rc;
}

/* ---- Matching ----------------------------------------------------------------------------- */

typedef struct {
    fl_lexicon *lx;
    const fl_words *w;
    int record; /* keep the hits (and, at the top, what is missing) */
    fl_route_hit *hits;
    size_t n_hits, cap_hits;
    fl_route_span *missing;
    size_t n_missing, cap_missing;
} matcher;

static int add_hit(matcher *m, fl_route_hit h)
{
    if (FL_GROW(m->hits, m->cap_hits, m->n_hits + 1))
        return -1;
    m->hits[m->n_hits++] = h;
    return 0;
}

static int add_missing(matcher *m, uint32_t start, uint32_t end)
{
    fl_route_span sp = {start, end};
    if (FL_GROW(m->missing, m->cap_missing, m->n_missing + 1))
        return -1;
    m->missing[m->n_missing++] = sp;
    return 0;
}

/* The first word of the reply with this stem, or -1. */
static long find_stem(const fl_words *w, uint64_t stem)
{
    for (size_t b = 0; b < w->n; b++)
        if (w->stems[b] == stem)
            return (long)b;
    return -1;
}

/*
 * Looks for the words of src[start, end) (consecutive pattern words, cut as one text) in the
 * reply. Adds to *missing the count of those not found; with `full` == 0 it stops at the first.
 * Returns 0, or -1 when out of memory.
 */
static int match_run(matcher *m, const char *src, uint32_t start, uint32_t end, int full, int top,
                     uint32_t *missing)
{
    fl_words pw = {0};
    if (fl_lexicon_words(m->lx, src + start, end - start, &pw) < 0) {
        fl_words_free(&pw);
        return -1;
    }
    int rc = 0;
    for (size_t t = 0; t < pw.n && rc == 0; t++) {
        long b = find_stem(m->w, pw.stems[t]);
        if (b < 0) {
            (*missing)++;
            if (m->record && top)
                rc = add_missing(m, start + pw.start[t], start + pw.end[t]);
            if (!full)
                break;
        } else if (m->record) {
            fl_route_hit h = {start + pw.start[t], start + pw.end[t], m->w->start[b], m->w->end[b]};
            rc = add_hit(m, h);
        }
    }
    fl_words_free(&pw);
    return rc;
}

static int match_alt(matcher *m, const fl_pattern *a, int full, int top, uint32_t *missing);

/* Whether one of the group's alternatives matches (the first that does keeps its hits). Returns
 * 1, 0, or -1 when out of memory. */
static int match_group(matcher *m, const fl_pattern_group *g)
{
    for (uint32_t k = 0; k < g->n_alts; k++) {
        size_t keep = m->n_hits;
        uint32_t miss = 0;
        if (match_alt(m, &g->alts[k], 0, 0, &miss) < 0)
            return -1;
        if (miss == 0)
            return 1;
        m->n_hits = keep;
    }
    return 0;
}

/*
 * Counts in *missing the terms of alternative a that the reply lacks (a word the tokenizer cuts
 * in parts counts each part; a group counts once). With `full` == 0 it stops at the first.
 * `top`: the alternative is a route's own, whose missing terms are recorded. Returns 0, or -1
 * when out of memory.
 */
static int match_alt(matcher *m, const fl_pattern *a, int full, int top, uint32_t *missing)
{
    uint32_t w = 0, g = 0;
    while ((w < a->n_words || g < a->n_groups) && (full || *missing == 0)) {
        if (g == a->n_groups || (w < a->n_words && a->word_start[w] < a->groups[g].start)) {
            /* a run of words, up to the next group */
            uint32_t last = w;
            while (last + 1 < a->n_words &&
                   (g == a->n_groups || a->word_start[last + 1] < a->groups[g].start))
                last++;
            if (match_run(m, a->src, a->word_start[w], a->word_end[last], full, top, missing) < 0)
                return -1;
            w = last + 1;
        } else {
            const fl_pattern_group *gr = &a->groups[g++];
            int r = match_group(m, gr);
            if (r < 0)
                return -1;
            if (r == 0) {
                (*missing)++;
                if (m->record && top && add_missing(m, gr->start, gr->end) < 0)
                    return -1;
            }
        }
    }
    return 0;
}

int fl_route_alt_matches(fl_lexicon *lx, const fl_pattern *alt, const fl_words *w)
{
    matcher m = {lx, w, 0, NULL, 0, 0, NULL, 0, 0};
    uint32_t miss = 0;
    if (match_alt(&m, alt, 0, 1, &miss) < 0)
        return -1;
    return miss == 0;
}

int fl_route_matches(fl_lexicon *lx, const fl_reply *r, const fl_words *w)
{
    for (uint32_t k = 0; k < r->n_patterns; k++) {
        int rc = fl_route_alt_matches(lx, &r->patterns[k], w);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* ---- Explaining --------------------------------------------------------------------------- */

/* Fills why for route r: the first alternative that matches, else the closest one. */
static int explain_route(fl_lexicon *lx, const fl_reply *r, const fl_words *w, fl_route_why *why)
{
    matcher m = {lx, w, 0, NULL, 0, 0, NULL, 0, 0};
    uint32_t best = 0, best_miss = UINT32_MAX;
    for (uint32_t k = 0; k < r->n_patterns && best_miss > 0; k++) {
        uint32_t miss = 0;
        if (match_alt(&m, &r->patterns[k], 1, 1, &miss) < 0)
            return -1;
        if (miss < best_miss) {
            best = k;
            best_miss = miss;
        }
    }
    why->matched = r->n_patterns > 0 && best_miss == 0;
    why->alt = best;
    if (r->n_patterns == 0)
        return 0;
    m.record = 1;
    uint32_t miss = 0;
    int rc = match_alt(&m, &r->patterns[best], 1, 1, &miss);
    why->hits = m.hits;
    why->n_hits = m.n_hits;
    why->missing = m.missing;
    why->n_missing = m.n_missing;
    return rc;
}

int fl_route_explain(fl_lexicon *lx, const fl_node *node, const fl_words *w,
                     fl_route_explanation *out)
{
    fl_route_explanation_free(out);
    out->chosen = -1;
    if (node->n_replies == 0)
        return 0;
    out->why = fl_calloc(node->n_replies, sizeof(*out->why));
    if (!out->why)
        return -1;
    out->n = node->n_replies;
    int32_t fallback = -1;
    for (uint32_t i = 0; i < node->n_replies; i++) {
        const fl_reply *r = &node->replies[i];
        if (r->kind == FL_REPLY_FALLBACK) {
            if (fallback < 0)
                fallback = (int32_t)i;
            continue;
        }
        if (r->kind != FL_REPLY_ROUTE)
            continue;
        if (explain_route(lx, r, w, &out->why[i]) < 0)
            return -1;
        if (out->why[i].matched && out->chosen < 0)
            out->chosen = (int32_t)i;
    }
    if (out->chosen < 0)
        out->chosen = fallback;
    return 0;
}

void fl_route_explanation_free(fl_route_explanation *e)
{
    for (uint32_t i = 0; e->why && i < e->n; i++) {
        free(e->why[i].hits);
        free(e->why[i].missing);
    }
    free(e->why);
    memset(e, 0, sizeof(*e));
    e->chosen = -1;
}
