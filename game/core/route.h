/*
 * route.h - free-text routes: the grammar of match="...", matching a typed reply, and
 * explaining which route a reply takes and why.
 *
 * The grammar (scenarios/README.md, "Free text"):
 *   match       := alternative ('|' alternative)*
 *   alternative := term+            every term must occur, in any order
 *   term        := word | '(' match ')'
 * so match="(sorry | apologise) (today | tomorrow) | refund now" needs one word of each group, or
 * both "refund" and "now". Words are what the lexicon's tokenizer makes of them (lower-cased,
 * compared by Snowball stem; "e-mail" is two words, both needed); groups nest at most
 * FL_ROUTE_MAX_DEPTH deep. A match without brackets means what it always meant.
 *
 * The loader parses each route once (fl_route_parse) into fl_pattern trees in the scenario's
 * arena; play matches them against a reply's words (fl_route_matches); `frontline signals
 * --node` explains a whole node's choice (fl_route_explain).
 *
 * Depends on libc, the arena and the lexicon (for words and stems).
 */
#ifndef FL_ROUTE_H
#define FL_ROUTE_H

#include <stddef.h>
#include <stdint.h>

#include "lexicon.h"
#include "scenario.h"

struct fl_arena;

/* How deep groups may nest: "((a b) c)" is 2. Deeper is a lint error. */
#define FL_ROUTE_MAX_DEPTH 8

/* A mistake in a match attribute, at a byte offset of the attribute as written. */
typedef enum {
    FL_ROUTE_EMPTY_ALT,   /* "a || b", "| a", "(a |)": an alternative with no word */
    FL_ROUTE_UNCLOSED,    /* a '(' without its ')' (offset: the '(') */
    FL_ROUTE_UNOPENED,    /* a ')' that closes no '(' (offset: the ')') */
    FL_ROUTE_EMPTY_GROUP, /* "()" (offset: the '(') */
    FL_ROUTE_TOO_DEEP,    /* groups nested deeper than FL_ROUTE_MAX_DEPTH (offset: that '(') */
} fl_route_error_kind;

typedef struct {
    fl_route_error_kind kind;
    uint32_t offset;
} fl_route_error;

/*
 * Parses src (a match attribute as decoded from the XML, NUL-terminated) into its top-level
 * alternatives, allocated in `arena`. The alternatives point into src (fl_pattern.src), which
 * must live as long as they do: pass the arena's copy. Returns 0 with *out and *n_out set; -1
 * when src has mistakes: the first max_errs of them, in the order found, are in errs and their
 * count in *n_errs (every mistake is counted); -2 when out of memory.
 */
int fl_route_parse(const fl_pattern **out, uint32_t *n_out, struct fl_arena *arena, const char *src,
                   fl_route_error *errs, size_t max_errs, size_t *n_errs);

/*
 * Writes the basis of a route's derived id: its combinations written out, in order, lower-cased
 * words joined by one space and combinations by " | ": "(sorry | apologise) today | refund" is
 * "sorry today | apologise today | refund". A match without groups gives the text ids were always
 * derived from, and a list of combinations rewritten as groups (in the same order) keeps its id.
 * Writes at most size bytes (the first size - 1 of the text, NUL-terminated); the combinations
 * beyond are never made. Returns 0, or -1 when out of memory.
 */
int fl_route_key(char *buf, size_t size, const fl_pattern *alts, uint32_t n_alts);

/* Whether one alternative (with its groups) matches the words of a reply. Returns 1, 0, or -1
 * when out of memory. */
int fl_route_alt_matches(fl_lexicon *lx, const fl_pattern *alt, const fl_words *w);

/* Whether any alternative of the route r matches. Returns 1, 0, or -1 when out of memory. */
int fl_route_matches(fl_lexicon *lx, const fl_reply *r, const fl_words *w);

/* A word of the pattern and the typed word that matched it (byte spans). */
typedef struct {
    uint32_t pat_start, pat_end;   /* in the route's match_src */
    uint32_t text_start, text_end; /* in the typed text */
} fl_route_hit;

/* A span of a route's match_src: a missing word, or a group none of whose alternatives
 * matched. */
typedef struct {
    uint32_t start, end;
} fl_route_span;

/* Why a route matched or not. For a route that matched: the first alternative that did, and
 * what each of its words (and those of the group alternatives it took) matched. For one that did
 * not: its closest alternative (fewest missing terms, the first of equals), the words of it that
 * were found, and what is missing. */
typedef struct {
    int matched;
    uint32_t alt; /* index into the route's patterns */
    fl_route_hit *hits;
    size_t n_hits;
    fl_route_span *missing;
    size_t n_missing;
} fl_route_why;

typedef struct {
    fl_route_why *why; /* one per reply of the node, in order (zeroed for the fallback) */
    uint32_t n;
    /* The reply taken: the first route that matches, else the fallback; -1 when the node has
     * neither. Conditions (if="...") and once="yes" need a conversation's state, so here every
     * route counts as offered: the caller says so. */
    int32_t chosen;
} fl_route_explanation;

/*
 * Explains which reply of the free-text node `node` the words w take and why (w from
 * fl_lexicon_words on the typed text; hits' text spans point into that text). Fills *out (start
 * with a zeroed one; it is reset first). Returns 0, or -1 when out of memory (*out then holds
 * nothing to use, but must still be freed).
 */
int fl_route_explain(fl_lexicon *lx, const fl_node *node, const fl_words *w,
                     fl_route_explanation *out);

/* Frees what the explanation holds; it can be filled again afterwards. */
void fl_route_explanation_free(fl_route_explanation *e);

#endif
