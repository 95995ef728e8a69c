/*
 * format.h - numbers, counts of things, money, dates and times written as a language writes them,
 * for every text a trainee, a trainer or a leader reads (the findings, the desktop, the reports).
 *
 * English: 2,250 and 2.5; "1 reply", "2 replies"; "€20", "$20", "£20", "2,250 ₽";
 * "2 December 2026", "14:05". Russian: 2 250 and 2,5 (a no-break space U+00A0
 * between the digit groups); «1 ответ», «2 ответа», «5 ответов» (the CLDR rule:
 * one, few, many); «2 250 ₽», «20 €»; «2 декабря 2026», «14:05». A number and
 * what follows it (its unit, its noun) are joined by a no-break space, so a
 * text never wraps inside an amount.
 *
 * Pure: no locale, no clock. The language is passed in (FL_LANG_EN or FL_LANG_RU; any other
 * non-zero value is read as Russian, as fl_word() does), and a date is given as its fields, which
 * the caller took from its own clock and time zone. Each function writes a NUL-terminated text
 * to out (size bytes, cut at a character boundary when too small) and returns out.
 */
#ifndef FL_FORMAT_H
#define FL_FORMAT_H

#include <stddef.h>

#include "catalogue.h"

/* The no-break space: between digit groups in Russian, and between a number and its unit. */
#define FL_NBSP "\u00a0"

/* The plural categories of CLDR that English and Russian use (English has ONE and MANY, which
 * CLDR calls "other"). */
enum { FL_PLURAL_ONE, FL_PLURAL_FEW, FL_PLURAL_MANY };

/* The plural category of n in lang: English ONE for 1 (and -1), else MANY; Russian ONE when n
 * ends in 1 but not 11 (1, 21, 101), FEW when it ends in 2-4 but not 12-14 (2, 22, 104), else
 * MANY (0, 5, 11, 12, 25). The sign is ignored. */
int fl_plural_category(int lang, long long n);

/* The form of forms that n takes in lang. forms lists a word's forms separated by '|': English
 * "one|other" ("reply|replies"), Russian "one|few|many" («ответ|ответа|ответов»); a list with
 * fewer forms uses its last one for the rest. */
const char *fl_plural(char *out, size_t size, int lang, long long n, const char *forms);

/* n and the form of the catalogue word forms (a PL_ word, whose texts are such lists) that it
 * takes: "2 replies", «21 ответ», «2 250 ответов», with a no-break space between. */
const char *fl_format_count(char *out, size_t size, int lang, long long n, fl_word_id forms);

/* An integer: "2,250" / «2 250» (U+00A0 between groups), "-1,000,000"; a year is not a count
 * (write it with %d). */
const char *fl_format_int(char *out, size_t size, int lang, long long v);

/* A number with decimals places after the point (0..9, rounded as printf rounds): "2,250.5" /
 * «2 250,5». */
const char *fl_format_decimal(char *out, size_t size, int lang, double v, int decimals);

/* An amount of money in the unit a scenario declares (<goodwill unit="...">).
 * The units known as currencies are written with their sign: RUB (also RUR,
 * руб, руб., р., ₽) as ₽, EUR (€) as €, USD ($) as $, GBP (£) as £, matched
 * whatever the letter case. English puts €, $ and £ before the number ("€20",
 * "-$5") and ₽ after it ("2,250 ₽"); Russian puts every sign after it
 * («2 250 ₽», «20 €»). Any other unit ("points", «баллов») follows the number
 * as written; none (NULL or "") gives the number alone. */
const char *fl_format_money(char *out, size_t size, int lang, long long amount, const char *unit);

/* A day: "2 December 2026" / «2 декабря 2026» (month 1..12; another month gives the ISO form
 * "2026-13-02", so a bad date still shows what it is). */
const char *fl_format_date(char *out, size_t size, int lang, int year, int month, int day);

/* A time of day, 24-hour in both languages: "14:05", "08:15". */
const char *fl_format_time(char *out, size_t size, int lang, int hour, int minute);

/* A day and a time: "2 December 2026, 14:05" / «2 декабря 2026, 14:05». */
const char *fl_format_date_time(char *out, size_t size, int lang, int year, int month, int day,
                                int hour, int minute);

#endif
