/*
 * lexicon.h - what a typed reply says: its words, stemmed, and the signals they carry.
 *
 * A lexicon is per language (scenarios/lexicon/<lang>.lex, built into the program). Words are
 * letters, digits and inner apostrophes (Latin and Cyrillic), lower-cased, with ё read as е and
 * ’ as ', and reduced to their Snowball stem, so "apologised" matches "apologise" and
 * "извиняюсь" matches "извиняемся". A number is one word with one canonical form however it is
 * typed (numbers.h): "9:00", "09", "nine" and «девяти» are all 9, «двадцать пять» is 25, "24 990"
 * is 24990, "03.12.2026" is 3.12, "third" and «третьего» are 3; its bytes span every word it came
 * from. Free-text routes match the same way: every word of one `match` alternative must occur,
 * in any order (route.h has the grammar, with groups).
 *
 * The .lex format (one entry a line; `#` starts a comment line):
 *   SIGNAL: phrase       the phrase carries SIGNAL
 *   !SIGNAL: phrase      an exclusion: a SIGNAL phrase that overlaps a match of this phrase
 *                        does not count ("!apology: sorry you feel", "!apology: sorry could you")
 *   negator: word        a word that negates what follows it ("not", "never", "не")
 *   barrier: word        a word that starts a new clause, so negation before it stops there
 *                        ("i", "i'll", "я"): "don't worry I'll check" is still ownership
 *   negatable: SIGNAL... the signals negation can cancel (jargon and familiar cannot: "it's not
 *                        the firmware" still says "firmware")
 *   stopword: word       a word an offer's name is read without ("the", "for", "на")
 *   familiar: :emoji:    any emoji or emoticon carries the signal
 * A phrase is words separated by spaces. Each word matches by its stem (a number by its
 * canonical form: `9` takes "nine" and "09:00"); a word in double quotes matches only that
 * exact form ("уточню" but not the imperative "уточните", which Russian Snowball gives the same
 * stem; quotes may also wrap several words, or single alternatives: "a"|b); `a|b|c` is one
 * word with alternatives; `(a b|c)` is a group whose alternatives are word sequences (the line
 * stands for one entry per alternative; groups do not nest); `*` is any one word or none, never
 * a negator; a phrase may end with `?`, which matches only where a
 * question mark follows the word before it ("!apology: sorry ?": "sorry?" asks, it does not
 * apologise), or after gaps, where one follows a word they cover ("!apology: простите вы * * ?":
 * «простите, вы картой платили?» asks). A phrase matches where its words occur in order,
 * consecutively, within one sentence (. ! ? and line breaks end sentences; commas do not).
 *
 * A number in quotes matches it written in digits ("9" and "09", not "nine"), a clock time by
 * its hour (`at "9"` takes "at 9:30" too) and an ordinal in digits as written (`"1st"`).
 *
 * Negation: a match of a negatable signal is cancelled when a negator stands among the three
 * words before it in the same clause: the look-back stops at punctuation and at a barrier word
 * (including the phrase's own first word). "I'm not sorry", "я не извиняюсь" are not apologies;
 * "not my problem" is still rude (the negator is inside the phrase, not before it).
 *
 * Offers: a reply also carries `upsell` when it names one of the scenario's offers. An offer's
 * name is the first part of its text in quotes («Экспресс», "Fibre 500"), else its text up to
 * the first : ; , ( or dash; its key is the first two words of that name that are not
 * stop words (the lexicon's `stopword:` lines: articles, prepositions...), and the reply
 * names the offer where the key occurs as a phrase (by stem, negatable like the lexicon's upsell
 * phrases).
 *
 * Depends on libc and libstemmer.
 */
#ifndef FL_LEXICON_H
#define FL_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "scenario.h"

typedef struct fl_lexicon fl_lexicon;

/* A reply cut into words, in order. */
typedef struct {
    uint64_t *stems; /* the 64-bit hash of each word's stem */
    size_t n, cap;
    int emoji;                    /* an emoji or an emoticon such as :) appeared */
    uint64_t *forms;              /* the hash of each word as written (lower-cased, ё = е) */
    uint32_t *start, *end;        /* each word's bytes in the text: [start, end) */
    uint8_t *brk;                 /* what stands before each word: FL_BRK_* */
    uint8_t *ask;                 /* 1 where a question mark follows the word ("sorry?") */
    uint32_t emoji_at, emoji_end; /* the first emoji or emoticon's bytes */
} fl_words;

enum {
    FL_BRK_NONE,     /* spaces only (or the start of the text) */
    FL_BRK_CLAUSE,   /* a comma, colon, semicolon, dash or bracket */
    FL_BRK_SENTENCE, /* . ! ? … or a line break */
};

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

/* The signals (fl_signal bits) the words carry (no offers; see fl_lexicon_explain). */
uint32_t fl_lexicon_signals(const fl_lexicon *lx, const fl_words *w);

/* One signal found in a reply and the words that carry it: text[start, end). */
typedef struct {
    uint32_t signal; /* one fl_signal bit */
    uint32_t start, end;
} fl_trigger;

/* What a reply says: its signals and their triggers, ordered by signal bit, then position.
 * Overlapping triggers of one signal are merged into one. */
typedef struct {
    uint32_t signals;
    fl_trigger *triggers;
    size_t n, cap;
} fl_explanation;

/*
 * Finds the signals of text[0..len) and the words that triggered each; the offers (may be
 * NULL) count as upsell where the reply names them (see "Offers" above). Fills *out (start with
 * a zeroed one; it is reset first). Returns 0, or -1 when out of memory.
 */
int fl_lexicon_explain(fl_lexicon *lx, const char *text, size_t len, const fl_offer *offers,
                       uint32_t n_offers, fl_explanation *out);

/* The same for words already cut from text (w must come from that text alone). */
int fl_lexicon_explain_words(fl_lexicon *lx, const fl_words *w, const fl_offer *offers,
                             uint32_t n_offers, fl_explanation *out);

void fl_explanation_free(fl_explanation *e);

/*
 * Formats the triggers as "apology: sorry; ownership: let me check, I'll call" (signals in bit
 * order, a signal's triggers joined by ", ", each the text's words as typed with runs of white
 * space as one space). Returns a malloc'd string ("" when there is no signal), or NULL when out
 * of memory.
 */
char *fl_explanation_format(const fl_explanation *e, const char *text);

/* Whether the pattern alternative matches w: every word occurs (any order) and one alternative
 * of each group matches. The same as route.h's fl_route_alt_matches. Returns 1, 0, or -1 when
 * out of memory. */
int fl_lexicon_pattern_match(fl_lexicon *lx, const fl_pattern *p, const fl_words *w);

/* Built at compile time from scenarios/lexicon/<lang>.lex (lexicon_data.c, generated). Returns
 * the text, or NULL for a language without one. */
const char *fl_lexicon_builtin_text(const char *lang, size_t *len);

#endif
