/*
 * catalogue.h - every user-visible word, in English and Russian, in one catalogue
 * (catalogue.def): the findings of the core, the terminal game, the reports, the results store's
 * messages and the desktop all read their words here, so each word exists once per language.
 *
 * A word is an fl_word_id, FL_W_ followed by its catalogue.def name (FL_W_DIM_EMPATHY), looked up
 * in a language with fl_word(). Some words are printf formats; catalogue.def says which, with
 * their conversions. This header depends on nothing; catalogue.c on libc (strcmp) and
 * scenario.h's enums, so the core stays pure and every front end can use it.
 */
#ifndef FL_CATALOGUE_H
#define FL_CATALOGUE_H

typedef enum {
    FL_W_NONE, /* no word: fl_word() gives NULL (a finding without a better alternative) */
#define W_(id, en, ru) FL_W_##id,
#include "catalogue.def"
#undef W_
    FL_W_COUNT
} fl_word_id;

/* The languages of the catalogue: what fl_word()'s lang means. */
enum { FL_LANG_EN, FL_LANG_RU, FL_LANG_COUNT };

/*
 * The word id in language lang (FL_LANG_EN, or FL_LANG_RU; any other non-zero value is read as
 * Russian, so a flag "is Russian" can be passed as it is). Returns a static string, never freed;
 * NULL for FL_W_NONE and for an id out of range.
 */
const char *fl_word(fl_word_id id, int lang);

/* The language of a code: FL_LANG_RU for "ru", FL_LANG_EN for anything else ("en", NULL). */
int fl_word_lang(const char *code);

/* The words of an enum's values (scenario.h), FL_W_NONE out of range: a scoring dimension's name
 * (fl_dimension), its CSV column, an outcome's name (fl_outcome), how the customer says a line
 * (fl_emotion), and the customer's feeling as a noun (fl_emotion; FL_W_FEELING_ANY for the
 * emotions without a noun of their own, such as neutral). */
fl_word_id fl_word_dimension(int dimension);
fl_word_id fl_word_csv_dimension(int dimension);
fl_word_id fl_word_outcome(int outcome);
fl_word_id fl_word_emotion(int emotion);
fl_word_id fl_word_feeling(int emotion);

/* A finding rule's readable name (never its id, which a leader cannot read; a rule this program
 * does not know, from a newer one, is "other finding"), and a critical item's
 * (fl_record.critical_items: "transfer", "lost", "reply"...; FL_W_NONE for a signal a scenario
 * made critical, which the caller names with FL_W_RPT_CRIT_SIGNAL). The reports and the CSV. */
fl_word_id fl_word_rule(const char *rule);
fl_word_id fl_word_critical_item(const char *item);

/* Russian writes a decimal comma: in lang 1, every '.' between two digits of s becomes ','
 * (a number printed with %.1f, in the C locale, into a catalogue format). Nothing in lang 0. */
void fl_decimal_comma(char *s, int lang);

#endif
