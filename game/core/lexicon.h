/*
 * lexicon.h - what a typed reply says: its words, stemmed, and the signals they carry.
 *
 * A lexicon is per language (scenarios/lexicon/<lang>.lex, built into the program): lines of
 * `signal: phrase`, where a phrase matches when the stems of its words occur consecutively in
 * the reply. Words are letters, digits and inner apostrophes (Latin and Cyrillic), lower-cased,
 * with ё read as е and ’ as ', and reduced to their Snowball stem, so "apologised" matches
 * "apologise" and "извиняюсь" matches "извиняемся". Free-text routes match the same way: every
 * word of one `match` alternative must occur, in any order.
 *
 * Depends on libc and libstemmer.
 */
#ifndef FL_LEXICON_H
#define FL_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "scenario.h"

typedef struct fl_lexicon fl_lexicon;

/* A reply cut into words: the 64-bit hash of each word's stem, in order. */
typedef struct {
    uint64_t *stems;
    size_t n, cap;
    int emoji; /* an emoji or an emoticon such as :) appeared */
} fl_words;

/*
 * Builds the lexicon of language `lang` ("en", "ru") from text[0..len) in the .lex format
 * (`name` names it in messages). Returns 0; -1 with a "name:line:column: message" in err when
 * the text has a mistake or the language has no stemmer; -2 when out of memory.
 */
int fl_lexicon_new(fl_lexicon **out, const char *lang, const char *text, size_t len,
                   const char *name, char *err, size_t err_size);

/* The lexicon built into the program for lang, as fl_lexicon_new() returns it; -1 with a
 * message when the language has none. */
int fl_lexicon_builtin(fl_lexicon **out, const char *lang, char *err, size_t err_size);

void fl_lexicon_free(fl_lexicon *lx);

/* The languages with a built-in lexicon, NULL-terminated. */
extern const char *const fl_lexicon_languages[];

/* Cuts text[0..len) into stemmed words (appending to w; start with a zeroed fl_words). Returns
 * 0, or -1 when out of memory. */
int fl_lexicon_words(fl_lexicon *lx, const char *text, size_t len, fl_words *w);
void fl_words_free(fl_words *w);

/* The signals (fl_signal bits) the words carry. */
uint32_t fl_lexicon_signals(const fl_lexicon *lx, const fl_words *w);

/* Whether every word of the pattern occurs in w (any order). Returns 1, 0, or -1 when out of
 * memory. */
int fl_lexicon_pattern_match(fl_lexicon *lx, const fl_pattern *p, const fl_words *w);

/* Built at compile time from scenarios/lexicon/<lang>.lex (lexicon_data.c, generated). Returns
 * the text, or NULL for a language without one. */
const char *fl_lexicon_builtin_text(const char *lang, size_t *len);

#endif
