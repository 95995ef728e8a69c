/*
 * report.h - the export formats of `frontline report`.
 *
 * report.c opens the stores, applies the filters, merges and deduplicates the sessions and the
 * stress rounds, and hands them, in start-time order, to one format. A format is begin (with
 * the number of sessions to come), one call per session and one per round, and end. A round
 * comes just before the first session that started at or after it (so before its calls); a
 * format without a round call sees no rounds, one without a session call sees only rounds. A
 * format never sees the database.
 */
#ifndef FL_REPORT_H
#define FL_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "record.h"
#include "store.h" /* FL_LOAD_* */

enum {
    FL_COMPARE_AUTO,    /* the sessions of the day when there are two or more, else nothing */
    FL_COMPARE_NONE,    /* --compare none */
    FL_COMPARE_SESSION, /* --compare session: morning against afternoon (fl_record.day_session) */
    FL_COMPARE_SOURCE,  /* --compare db: each --db store (or export) against the others
                           (fl_record.source) */
};

typedef struct {
    FILE *out;            /* where the export goes (a file, or stdout) */
    const char *out_name; /* its name for messages ("standard output" for stdout) */
    const char *lang;     /* language of headings and labels: "en" or "ru" */
    int voice;    /* a session of the export has a reply read aloud (fl_store_has_voice): the CSV
                     adds its voice columns only then, so an export without any is as before */
    int workshop; /* a session (or, with --rounds, a round) of the export was played in a
                     workshop (fl_store_has_workshop): the CSV adds its two workshop columns
                     only then, so an export without any is as before */
    /* csv */
    char sep; /* ',' or ';' */
    int bom;  /* write the UTF-8 byte-order mark first */
    /* xapi */
    const char *account_home;  /* actor.account.homePage, an IRL */
    const char *activity_base; /* prefix of activity ids, an IRI ending in '/' */
    const char *lrs_url;       /* POST the statements here (its /statements resource) */
    const char *lrs_auth;      /* "user:password" for basic authentication, or NULL */
    /* csv: numbers with a decimal comma (the Excel form for Russian); values (mode, outcome,
     * player...) in lang's words rather than the identifiers */
    int decimal_comma;
    int translate;
    /* html, pdf */
    const char *title;
    /* what the report compares side by side (FL_COMPARE_*); the sides in the order they first
     * appear (the sessions of the day by their first start, the stores in --db order) */
    int compare;
    const char *const *source_names; /* FL_COMPARE_SOURCE: each --db as given, for labels */
    size_t n_sources;
    int64_t now_ms; /* the report's date (wall clock, given by report.c) */
} fl_report_opts;

typedef struct {
    const char *name;
    int load; /* FL_LOAD_TURNS | FL_LOAD_FINDINGS: what the format needs of each record */
    /* Returns 0, or -1 after printing an error to stderr. *ctx is the format's state. */
    int (*begin)(void **ctx, const fl_report_opts *o, int64_t total);
    int (*session)(void *ctx, const fl_record *r);
    /* Finishes the output and frees ctx (also after a failure). */
    int (*end)(void *ctx, int failed);
    /* A stress round (NULL: the format leaves rounds out). The record lives during the call. */
    int (*round)(void *ctx, const fl_round_record *r);
} fl_report_format;

extern const fl_report_format fl_report_csv;
extern const fl_report_format fl_report_rounds_csv; /* --rounds: one row per round */
extern const fl_report_format fl_report_json;
extern const fl_report_format fl_report_xapi;
extern const fl_report_format fl_report_html;
/* the HTML report printed to PDF by headless Chromium (report_pdf.c): needs o->out_name to be
 * a file (-o FILE), not standard output */
extern const fl_report_format fl_report_pdf;

/*
 * Parses `frontline report`'s arguments (argv[0] is the command's name, as fl_cmd_report gets
 * them: the filters --group/--trainee/--scenario/--round/--workshop/--session, --since/--until
 * dates, --format, --compare, --lang, --sep and the rest) with the very code `frontline report`
 * uses, without opening a store or writing a file: the fuzz target's entry (tests/fuzz/).
 * Returns 0 when they are valid (--help too), or -1 with the usage error in err (in the user's
 * language, one line, cut to errlen).
 */
int fl_report_check_args(int argc, char **argv, char *err, size_t errlen);

#endif
