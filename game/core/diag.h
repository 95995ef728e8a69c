/*
 * diag.h - diagnostics for people who must fix something: scenario authors, mostly.
 *
 * A diagnostic is {severity, file, line, column, rule, message}. Loaders and checks append to a
 * list and go on, so an author sees every problem of a file in one run (SQLite's parse context).
 * Printing is the front end's business; see fl_diag_format(). Depends on libc only.
 */
#ifndef FL_DIAG_H
#define FL_DIAG_H

#include <stdarg.h>
#include <stddef.h>

typedef enum { FL_SEV_ERROR, FL_SEV_WARNING } fl_severity;

typedef struct {
    fl_severity severity;
    unsigned line;    /* 1-based; 0 when the problem concerns the whole file */
    unsigned column;  /* 1-based, in characters; 0 when unknown */
    const char *rule; /* stable rule id such as "target-exists" (static storage) */
    char *message;    /* owned by the list */
    int lang;         /* the language of the message (FL_LANG_EN, FL_LANG_RU): of its list */
} fl_diag;

typedef struct {
    char *file; /* the path diagnostics name, owned; may be NULL */
    fl_diag *items;
    size_t count, cap;
    size_t errors, warnings;
    int oom;  /* set when a diagnostic could not be recorded for lack of memory */
    int lang; /* the language messages are written in (catalogue.h's FL_LANG_*) */
} fl_diags;

/* Initialises an empty list that names `file` (copied; may be NULL), whose messages are in the
 * default language (fl_diags_default_lang). */
void fl_diags_init(fl_diags *d, const char *file);

/* The language every list initialised from now on writes its messages in: FL_LANG_EN (the
 * default) or FL_LANG_RU. The program's front end sets it once, from the user's language (the
 * interface language setting, else the locale); the core never decides it. */
void fl_diags_default_lang(int lang);

/* The language set by fl_diags_default_lang (FL_LANG_EN until then): for a text built apart from
 * a list and then put in a message, such as fl_suggest_hint's "did you mean". */
int fl_diags_lang(void);

/* Frees what the list owns; the list can be initialised again afterwards. */
void fl_diags_clear(fl_diags *d);

/* Appends a diagnostic with a printf-style message. Out of memory sets d->oom. */
void fl_diag_add(fl_diags *d, fl_severity sev, unsigned line, unsigned column, const char *rule,
                 const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void fl_diag_addv(fl_diags *d, fl_severity sev, unsigned line, unsigned column, const char *rule,
                  const char *fmt, va_list ap);

/* Appends a diagnostic whose message is the catalogue word `word` (an fl_word_id, catalogue.h)
 * in the list's language, a printf format taking the arguments that follow. The English and the
 * Russian format of a word take the same conversions in the same order (test_catalogue). */
void fl_diag_addw(fl_diags *d, fl_severity sev, unsigned line, unsigned column, const char *rule,
                  int word, ...);

/* Sorts diagnostics by line, then column, keeping the order of equal positions. */
void fl_diags_sort(fl_diags *d);

/* Returns 1 when the list holds a diagnostic of `rule` (any severity). */
int fl_diags_has(const fl_diags *d, const char *rule);

/*
 * Writes `file:line:col: severity: message [rule]` into buf (at most size bytes, NUL-terminated),
 * dropping `:col` when the column is unknown and `:line` when the line is. The severity is in the
 * diagnostic's language («ошибка», «предупреждение» in Russian; the rule id never changes).
 * Returns the length the full text needs, like snprintf.
 */
int fl_diag_format(char *buf, size_t size, const char *file, const fl_diag *diag);

const char *fl_severity_name(fl_severity sev);

/* The edit distance (Levenshtein, in bytes) between a and b, for "did you mean": what lint and
 * the commands suggest for a misspelt name. Names longer than 127 bytes are never close: 999. */
size_t fl_edit_distance(const char *a, const char *b);

#endif
