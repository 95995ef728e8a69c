/*
 * report_csv.c - `frontline report --format csv`: one row per session for a spreadsheet.
 *
 * RFC 4180: fields separated by ',' (or ';', what Excel expects in Russian and most European
 * locales), quoted when they hold the separator, a quote or a line break, lines ending CRLF.
 * A text cell that a spreadsheet would run as a formula (starting with = + - @, a tab or a
 * carriage return) is neutralised with a leading apostrophe, the OWASP advice; number columns
 * are written as plain numbers and are never touched. With ';' decimals use a comma, as the
 * same locales expect. The optional byte-order mark makes Excel read UTF-8 (Cyrillic) right.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalogue.h"
#include "report.h"

typedef struct {
    FILE *out;
    char sep;
    int lang; /* FL_LANG_*: the column names and the words in cells */
} csv;

/* The columns, in order (their names are the catalogue's, catalogue.def: CSV_*); the seven
 * dimensions' columns follow the DIMS_AFTER-th, in fl_dimension order. */
static const fl_word_id headers[] = {
    FL_W_CSV_SESSION,
    FL_W_CSV_TRAINEE,
    FL_W_CSV_GROUP,
    FL_W_CSV_SCENARIO,
    FL_W_CSV_TITLE,
    FL_W_CSV_SCENARIO_VERSION,
    FL_W_CSV_LANGUAGE,
    FL_W_CSV_MODE,
    FL_W_CSV_PLAYER,
    FL_W_CSV_STARTED,
    FL_W_CSV_ENDED,
    FL_W_CSV_DURATION,
    FL_W_CSV_FINISHED,
    FL_W_CSV_ATTEMPTED,
    FL_W_CSV_OUTCOME,
    FL_W_CSV_OVERALL,
    FL_W_CSV_RAW,
    FL_W_BAND,
    FL_W_CSV_PASSED,
    FL_W_CSV_CRITICAL_MISTAKES,
    FL_W_CSV_CRITICAL,
    /* the seven dimensions go here */
    FL_W_CSV_CSAT,
    FL_W_CSV_CES,
    FL_W_CSV_NPS,
    FL_W_CSV_REPLIES,
    FL_W_CSV_FINDINGS,
    FL_W_CSV_TIMED,
    FL_W_CSV_TIME_FACTOR,
    FL_W_CSV_PROGRAM_VERSION,
    FL_W_CSV_CONTENT_HASH,
};
#define DIMS_AFTER 21 /* the dimension columns follow the 21st header */

/* A text cell: quoted when needed, formulas neutralised. */
static void text(csv *c, const char *s)
{
    if (!s)
        s = "";
    int formula =
        s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r';
    int quote =
        formula || strchr(s, c->sep) || strchr(s, '"') || strchr(s, '\n') || strchr(s, '\r');
    if (!quote) {
        fputs(s, c->out);
        return;
    }
    fputc('"', c->out);
    if (formula)
        fputc('\'', c->out);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fputc('"', c->out);
        fputc(*p, c->out);
    }
    fputc('"', c->out);
}

static void sep(csv *c)
{
    fputc(c->sep, c->out);
}

static void local_time(csv *c, int64_t ms)
{
    if (!ms)
        return;
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    localtime_r(&t, &tm);
    char buf[32];
    strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &tm);
    fputs(buf, c->out);
}

static int csv_begin(void **ctx, const fl_report_opts *o, int64_t total)
{
    (void)total;
    csv *c = calloc(1, sizeof(*c));
    if (!c) {
        fprintf(stderr, "frontline report: out of memory\n");
        return -1;
    }
    c->out = o->out;
    c->sep = o->sep ? o->sep : ',';
    *ctx = c;
    c->lang = fl_word_lang(o->lang);
    if (o->bom)
        fputs("\xEF\xBB\xBF", c->out);
    size_t n = sizeof(headers) / sizeof(headers[0]);
    for (size_t i = 0; i < n; i++) {
        if (i)
            sep(c);
        if (i == DIMS_AFTER)
            for (int d = 0; d < FL_DIM_COUNT; d++) {
                text(c, fl_word(fl_word_csv_dimension(d), c->lang));
                sep(c);
            }
        text(c, fl_word(headers[i], c->lang));
    }
    fputs("\r\n", c->out);
    return 0;
}

static int csv_session(void *ctx, const fl_record *r)
{
    csv *c = ctx;
    FILE *f = c->out;
    int fin = fl_record_scored(r);
    text(c, r->id);
    sep(c);
    text(c, r->trainee);
    sep(c);
    text(c, r->group);
    sep(c);
    text(c, r->scenario_id);
    sep(c);
    text(c, r->scenario_title);
    sep(c);
    fprintf(f, "%d", r->scenario_version);
    sep(c);
    text(c, r->scenario_lang);
    sep(c);
    text(c, r->mode);
    sep(c);
    text(c, r->player);
    sep(c);
    local_time(c, r->started_ms);
    sep(c);
    local_time(c, r->ended_ms);
    sep(c);
    if (r->ended_ms >= r->started_ms && r->ended_ms)
        fprintf(f, "%lld", (long long)((r->ended_ms - r->started_ms + 500) / 1000));
    sep(c);
    fputc(r->finished ? '1' : '0', f);
    sep(c);
    fputc(r->attempted ? '1' : '0', f);
    sep(c);
    if (r->finished)
        text(c, r->outcome);
    sep(c);
    /* A session quit before any reply or timeout says so in the overall cell: a text in the
     * number column on purpose, since spreadsheets' AVERAGE, MEDIAN and COUNT skip text cells,
     * so such a session never counts as a 0, and the reader sees why there is no score. */
    if (fin)
        fprintf(f, "%d", r->overall);
    else if (!r->attempted)
        text(c, fl_word(FL_W_NOT_ATTEMPTED_CELL, c->lang));
    sep(c);
    if (fin)
        fprintf(f, "%d", r->raw);
    sep(c);
    if (fin)
        text(c, r->band);
    sep(c);
    if (fin)
        fputc(r->passed ? '1' : '0', f);
    /* empty when unknown: sessions scored before critical mistakes existed */
    sep(c);
    if (fin && r->critical >= 0)
        fprintf(f, "%d", r->critical);
    sep(c);
    if (fin && r->critical >= 0)
        text(c, r->critical_items);
    for (int d = 0; d < FL_DIM_COUNT; d++) {
        sep(c);
        if (fin && r->applicable[d])
            fprintf(f, "%d", r->score[d]);
    }
    const int survey[3] = {r->csat, r->ces, r->nps};
    for (int i = 0; i < 3; i++) {
        sep(c);
        if (fin)
            fprintf(f, "%d", survey[i]);
    }
    sep(c);
    fprintf(f, "%u", r->n_replies);
    sep(c);
    fprintf(f, "%u", r->n_findings);
    sep(c);
    fputc(r->timed ? '1' : '0', f);
    sep(c);
    if (r->timed) {
        /* 1, 1.5 or 2; with ';' the decimal comma of the same locales */
        int tenths = (int)(r->time_factor * 10 + 0.5);
        if (tenths % 10)
            fprintf(f, "%d%c%d", tenths / 10, c->sep == ';' ? ',' : '.', tenths % 10);
        else
            fprintf(f, "%d", tenths / 10);
    }
    sep(c);
    text(c, r->program_version);
    sep(c);
    text(c, r->content_hash);
    fputs("\r\n", f);
    return 0;
}

static int csv_end(void *ctx, int failed)
{
    (void)failed;
    free(ctx);
    return 0;
}

const fl_report_format fl_report_csv = {"csv", 0, csv_begin, csv_session, csv_end};
