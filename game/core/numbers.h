/*
 * numbers.h - numbers, clock times and dates in typed text, each read as one word with one
 * canonical form, so a route written in digits matches what a trainee types in digits or in
 * words, in any grammatical form: "9:00" = "09" = "9" = "nine" = «девять» = «девяти».
 *
 * The lexicon's tokenizer (lexicon.c) is the only caller: it cuts a text into tokens, reads a
 * token that starts with a digit with fl_number_scan(), classifies every other token with
 * fl_number_word(), and joins adjacent number words with fl_number_join() ("twenty five",
 * «две тысячи пятьсот»). A typed reply, a route's `match` and the lexicon's phrases all go
 * through that one tokenizer, so they agree on every canonical form.
 *
 * Canonical forms (what the word "is"):
 *   a number     its value in digits without leading zeros: "09" -> 9, "24 990" -> 24990 (digit
 *                groups of three after a space, a no-break or a thin space; after a comma too in
 *                English: "24,990"), «двадцать пять» -> 25, "two thousand five hundred" -> 2500
 *   an ordinal   its number: "3rd", "third", «третьего» -> 3; "twenty-first" -> 21
 *   a time       H:MM with H 0-23 and MM 00-59: "9:30" -> 9:30, "09:05" -> 9:05; on the hour, the
 *                hour alone: "9:00" -> 9
 *   a date       D.M or D.M.YYYY (or .YY) with a real day of a month: "03.12.2026" -> 3.12, the
 *                year dropped; "32.12" and "30.02" are not dates (they stay two numbers)
 *
 * Depends on libc only (and utf8.h). Pure: no locale, no state.
 */
#ifndef FL_NUMBERS_H
#define FL_NUMBERS_H

#include <stddef.h>
#include <stdint.h>

/* Bytes of a canonical form, with its NUL. A run of more digits than FL_NUMBER_DIGITS is not
 * read as a number (it is a word like any other, as written). */
#define FL_NUMBER_MAX    48
#define FL_NUMBER_DIGITS 40

/* What a token is, as a part of a number. */
enum {
    FL_NUM_NONE,   /* not a number */
    FL_NUM_DIGITS, /* written in digits ("24 990"): value is its value, UINT32_MAX when > 999999 */
    FL_NUM_FIXED,  /* a time or a date: never joins another part */
    FL_NUM_SUFFIXED, /* digits with a glued ordinal suffix, "1st", "21st": never joins either */
    FL_NUM_UNIT, /* zero .. nine, «ноль» .. «девять» in any case (and «двое» .. «девятеро») */
    FL_NUM_TEEN, /* ten .. nineteen */
    FL_NUM_TENS, /* twenty .. ninety */
    FL_NUM_HUNDREDS, /* «сто» .. «девятьсот»: a whole number of hundreds */
    FL_NUM_HUNDRED,  /* English "hundred": multiplies the unit before it ("two hundred") */
    FL_NUM_THOUSAND, /* thousand, «тысяча» (any case), «тыс»: multiplies what stands before it */
    FL_NUM_ORDINAL, /* first .. nineteenth, twentieth, thirtieth; «первый» .. «тридцатый» */
    FL_NUM_AND, /* English "and" inside a number: "one hundred and five" */
};

/* One token as a part of a number. */
typedef struct {
    int kind;       /* FL_NUM_* */
    uint32_t value; /* its value (FL_NUM_DIGITS: UINT32_MAX when too large to join) */
    int glued;      /* only spaces or a hyphen stand between it and the token before */
} fl_number_part;

/*
 * Reads the number that starts with the digit text[at] (the start of a word): a time, a date, a
 * number in digit groups, plain digits (with a glued ordinal suffix: "21st"). Other letters glued
 * to digits are not part of the number: "9pm" is 9 and then the word "pm", "500руб" is 500 and
 * then «руб». `lang` is FL_LANG_EN or
 * FL_LANG_RU (catalogue.h): only English groups digits after a comma. Writes its canonical form
 * to out (FL_NUMBER_MAX bytes, NUL-terminated, *out_len bytes without the NUL), its kind
 * (FL_NUM_DIGITS, FL_NUM_FIXED or FL_NUM_SUFFIXED) to *kind and its value (FL_NUM_DIGITS) to
 * *value; returns the bytes of text it covers. A run of more than FL_NUMBER_DIGITS digits is no
 * number: *kind is FL_NUM_NONE and the run's length is returned.
 */
size_t fl_number_scan(int lang, const char *text, size_t len, size_t at, char *out, size_t *out_len,
                      int *kind, uint32_t *value);

/* What the lower-cased word s[0..n) (ё written е) is as a part of a number in lang: FL_NUM_NONE
 * or a word's kind, its value in *value. */
int fl_number_word(int lang, const char *s, size_t n, uint32_t *value);

/*
 * How many parts from p[0] make one number (0 when p[0] starts none), its value in *value. Parts
 * join only when glued, in the order of the language: tens then a unit ("twenty-five", or
 * "twenty-first", ordinal), hundreds then tens ("сто двадцать", "one hundred and twenty"),
 * anything below a thousand then "thousand" then anything below a thousand («две тысячи
 * пятьсот»; also in digits: «3 тысячи» = 3000, «2 тысячи 250» = 2250). An ordinal ends a
 * number; zero stands alone.
 */
size_t fl_number_join(int lang, const fl_number_part *p, size_t n, uint32_t *value);

/* Tests: 1 when the word tables are sorted (fl_number_word searches them by halves). */
int fl_numbers__tables_sorted(void);

#endif
