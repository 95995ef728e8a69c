/*
 * report_csv.c - `frontline report --format csv`: one row per session for a spreadsheet, and
 * with --rounds one row per stress round.
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
    int lang;  /* FL_LANG_*: the column names and the words in cells */
    int voice; /* the voice columns are there (some session has a reply read aloud) */
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
    /* schema 3: a call of a stress round names it (empty for a single conversation) */
    FL_W_CSV_ROUND,
    FL_W_CSV_ROUND_ID,
    FL_W_CSV_ROUND_TITLE,
    FL_W_CSV_CALL,
};
#define DIMS_AFTER 21 /* the dimension columns follow the 21st header */

/* Schema 4: the replies read aloud, summed up per session (fl_record_voice), last; only in an
 * export where some session has one, so that an export without any is what it was before. */
static const fl_word_id voice_headers[] = {
    FL_W_CSV_VOICE_REPLIES, FL_W_CSV_VOICE_RMS,  FL_W_CSV_VOICE_RATE,
    FL_W_CSV_VOICE_LOUD,    FL_W_CSV_VOICE_FAST,
};
#define N_VOICE (sizeof(voice_headers) / sizeof(voice_headers[0]))

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

/* 1, 1.5 or 2; with ';' the decimal comma of the same locales. */
static void factor(csv *c, double f)
{
    int tenths = (int)(f * 10 + 0.5);
    if (tenths % 10)
        fprintf(c->out, "%d%c%d", tenths / 10, c->sep == ';' ? ',' : '.', tenths % 10);
    else
        fprintf(c->out, "%d", tenths / 10);
}

/* A decimal number with up to `digits` decimals, trailing zeros dropped, in the separator's
 * locale. */
static void decimal(csv *c, double v, int digits)
{
    char buf[64];
    snprintf(buf, sizeof(buf), "%.*f", digits, v);
    char *dot = strchr(buf, '.');
    if (dot) {
        char *e = buf + strlen(buf);
        while (e > dot + 1 && e[-1] == '0')
            *--e = '\0';
        if (e == dot + 1)
            *dot = '\0';
        else if (c->sep == ';')
            *dot = ',';
    }
    fputs(buf, c->out);
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

/* Starts a report: the byte-order mark when asked, then the header row, names[0..n) with the
 * columns `inserted` names (each followed by the separator) before names[at], then
 * more[0..n_more). */
static int start(void **ctx, const fl_report_opts *o, const fl_word_id *names, size_t n, size_t at,
                 void (*inserted)(csv *), const fl_word_id *more, size_t n_more)
{
    csv *c = calloc(1, sizeof(*c));
    if (!c) {
        fprintf(stderr, "frontline report: out of memory\n");
        return -1;
    }
    c->out = o->out;
    c->sep = o->sep ? o->sep : ',';
    c->lang = fl_word_lang(o->lang);
    *ctx = c;
    if (o->bom)
        fputs("\xEF\xBB\xBF", c->out);
    for (size_t i = 0; i < n; i++) {
        if (i)
            sep(c);
        if (i == at)
            inserted(c);
        text(c, fl_word(names[i], c->lang));
    }
    for (size_t i = 0; i < n_more; i++) {
        sep(c);
        text(c, fl_word(more[i], c->lang));
    }
    fputs("\r\n", c->out);
    return 0;
}

/* The seven dimensions' column names. */
static void dimension_names(csv *c)
{
    for (int d = 0; d < FL_DIM_COUNT; d++) {
        text(c, fl_word(fl_word_csv_dimension(d), c->lang));
        sep(c);
    }
}

static int csv_begin(void **ctx, const fl_report_opts *o, int64_t total)
{
    (void)total;
    if (start(ctx, o, headers, sizeof(headers) / sizeof(headers[0]), DIMS_AFTER, dimension_names,
              voice_headers, o->voice ? N_VOICE : 0) < 0)
        return -1;
    ((csv *)*ctx)->voice = o->voice;
    return 0;
}

/* A mean with one decimal, in the separator's locale ("-14.5", "-14,5"). */
static void mean1(csv *c, double v)
{
    char buf[32];
    snprintf(buf, sizeof(buf), "%.1f", v);
    if (strcmp(buf, "-0.0") == 0)
        snprintf(buf, sizeof(buf), "0.0");
    char *dot = strchr(buf, '.');
    if (dot && c->sep == ';')
        *dot = ',';
    fputs(buf, c->out);
}

/* The voice columns of a session: empty when no reply of it was read aloud; the means empty
 * when none was heard. */
static void voice_cells(csv *c, const fl_record_voice *v)
{
    FILE *f = c->out;
    sep(c);
    if (v->replies)
        fprintf(f, "%u", v->replies);
    sep(c);
    if (v->heard)
        mean1(c, v->rms_dbfs);
    sep(c);
    if (v->heard)
        mean1(c, v->syllables_per_s);
    sep(c);
    if (v->replies)
        fprintf(f, "%u", v->loud);
    sep(c);
    if (v->replies)
        fprintf(f, "%u", v->fast);
}

/* The thirteen columns a session's row and a round's open with, the same in both: what was
 * played (a scenario, or a round's definition) by whom, when, and whether it finished. */
typedef struct {
    const char *id, *trainee, *group, *what, *title;
    int version;
    const char *lang, *mode, *player;
    int64_t started_ms, ended_ms;
    int finished;
} lead;

static void lead_cells(csv *c, const lead *l)
{
    const char *names[] = {l->id, l->trainee, l->group, l->what, l->title};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        text(c, names[i]);
        sep(c);
    }
    fprintf(c->out, "%d", l->version);
    sep(c);
    text(c, l->lang);
    sep(c);
    text(c, l->mode);
    sep(c);
    text(c, l->player);
    sep(c);
    local_time(c, l->started_ms);
    sep(c);
    local_time(c, l->ended_ms);
    sep(c);
    /* the duration in whole seconds, once it ended */
    if (l->ended_ms && l->ended_ms >= l->started_ms)
        fprintf(c->out, "%lld", (long long)((l->ended_ms - l->started_ms + 500) / 1000));
    sep(c);
    fputc(l->finished ? '1' : '0', c->out);
}

static int csv_session(void *ctx, const fl_record *r)
{
    csv *c = ctx;
    FILE *f = c->out;
    int fin = fl_record_scored(r);
    lead_cells(c, &(lead){r->id, r->trainee, r->group, r->scenario_id, r->scenario_title,
                          r->scenario_version, r->scenario_lang, r->mode, r->player, r->started_ms,
                          r->ended_ms, r->finished});
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
    if (r->timed)
        factor(c, r->time_factor);
    sep(c);
    text(c, r->program_version);
    sep(c);
    text(c, r->content_hash);
    sep(c);
    if (r->round[0]) {
        text(c, r->round);
        sep(c);
        text(c, r->round_def_id);
        sep(c);
        text(c, r->round_title);
        sep(c);
        fprintf(f, "%u", r->call);
    } else {
        /* a single conversation: the four cells empty */
        sep(c);
        sep(c);
        sep(c);
    }
    if (c->voice)
        voice_cells(c, &r->voice);
    fputs("\r\n", f);
    return 0;
}

static int csv_end(void *ctx, int failed)
{
    (void)failed;
    free(ctx);
    return 0;
}

const fl_report_format fl_report_csv = {"csv", 0, csv_begin, csv_session, csv_end, NULL};

/* ---- --rounds: one row per stress round ---------------------------------------------------- */

/* The columns, in order; the per-concurrency columns (replies, canned, mean reply per number
 * of calls at once, 1..FL_ROUND_MAX_AT_ONCE) follow the LOAD_AFTER-th. */
static const fl_word_id round_headers[] = {
    FL_W_CSV_ROUND,
    FL_W_CSV_TRAINEE,
    FL_W_CSV_GROUP,
    FL_W_CSV_ROUND_ID,
    FL_W_CSV_TITLE,
    FL_W_CSV_ROUND_VERSION,
    FL_W_CSV_LANGUAGE,
    FL_W_CSV_MODE,
    FL_W_CSV_PLAYER,
    FL_W_CSV_STARTED,
    FL_W_CSV_ENDED,
    FL_W_CSV_DURATION,
    FL_W_CSV_FINISHED,
    FL_W_CSV_TIMED,
    FL_W_CSV_TIME_FACTOR,
    FL_W_CSV_SEED,
    FL_W_CSV_AT_ONCE,
    FL_W_CSV_CUSTOMERS,
    FL_W_CSV_ARRIVED,
    FL_W_CSV_RESOLVED,
    FL_W_CSV_LOST,
    FL_W_CSV_OTHER,
    FL_W_CSV_UNFINISHED,
    FL_W_CSV_ROUND_DURATION,
    FL_W_CSV_PER_MINUTE,
    FL_W_CSV_MEAN_REPLY_MS,
    FL_W_CSV_CANNED_SHARE,
    /* per concurrency here */
    FL_W_CSV_DIM_RESPONSIVENESS,
    FL_W_CSV_MEAN_SCORE,
    FL_W_CSV_DIM_TONE,
    FL_W_CSV_DIM_EMPATHY,
    FL_W_CSV_BASELINE_SESSIONS,
    FL_W_CSV_COMPOSURE,
    FL_W_CSV_COMPOSURE_TONE,
    FL_W_CSV_COMPOSURE_EMPATHY,
    FL_W_CSV_PASSED,
    FL_W_CSV_CALLS,
    FL_W_CSV_PROGRAM_VERSION,
    FL_W_CSV_CONTENT_HASH,
    FL_W_CSV_REGISTRATION,
};
#define LOAD_AFTER 27

/* The per-concurrency columns' names, for 1..FL_ROUND_MAX_AT_ONCE calls at once. */
static void load_names(csv *c)
{
    static const fl_word_id per_load[3] = {FL_W_CSV_LOAD_REPLIES, FL_W_CSV_LOAD_CANNED,
                                           FL_W_CSV_LOAD_MEAN_MS};
    for (unsigned k = 1; k <= FL_ROUND_MAX_AT_ONCE; k++)
        for (int j = 0; j < 3; j++) {
            char name[96];
            snprintf(name, sizeof(name), fl_word(per_load[j], c->lang), k);
            text(c, name);
            sep(c);
        }
}

static int rounds_begin(void **ctx, const fl_report_opts *o, int64_t total)
{
    (void)total;
    return start(ctx, o, round_headers, sizeof(round_headers) / sizeof(round_headers[0]),
                 LOAD_AFTER, load_names, NULL, 0);
}

/* A figure that may be none (-1): empty then. */
static void count_cell(csv *c, int v)
{
    if (v >= 0)
        fprintf(c->out, "%d", v);
}

static int rounds_round(void *ctx, const fl_round_record *r)
{
    csv *c = ctx;
    FILE *f = c->out;
    const fl_round_figures *g = &r->fig;
    int closed = fl_round_record_closed(r);
    lead_cells(c, &(lead){r->id, r->trainee, r->group, r->def_id, r->title, r->version, r->lang,
                          r->mode, r->player, r->started_ms, r->ended_ms, r->finished});
    sep(c);
    /* the extension shows: timed 0 (untimed), or the factor 1.5 or 2 */
    fputc(r->timed ? '1' : '0', f);
    sep(c);
    if (r->timed)
        factor(c, r->time_factor);
    sep(c);
    fprintf(f, "%llu", (unsigned long long)r->seed);
    sep(c);
    fprintf(f, "%u", r->at_once);
    sep(c);
    fprintf(f, "%u", r->customers);
    /* A round never closed (still being played, or broken off) has no figures: empty cells. */
    if (!closed) {
        size_t n = sizeof(round_headers) / sizeof(round_headers[0]);
        for (size_t i = 18; i < n - 4; i++)
            sep(c);
        for (int i = 0; i < 3 * FL_ROUND_MAX_AT_ONCE; i++)
            sep(c);
    } else {
        const uint32_t counts[5] = {g->arrived, g->resolved, g->lost, g->other, g->unfinished};
        for (int i = 0; i < 5; i++) {
            sep(c);
            fprintf(f, "%u", counts[i]);
        }
        sep(c);
        fprintf(f, "%llu", (unsigned long long)g->duration_ms);
        sep(c);
        decimal(c, g->per_minute, 3);
        sep(c);
        fprintf(f, "%u", g->mean_reply_ms);
        sep(c);
        decimal(c, g->canned_share, 3);
        for (int k = 0; k < FL_ROUND_MAX_AT_ONCE; k++) {
            sep(c);
            fprintf(f, "%u", g->by_load[k].replies);
            sep(c);
            fprintf(f, "%u", g->by_load[k].canned);
            sep(c);
            if (g->by_load[k].replies)
                fprintf(f, "%u", g->by_load[k].mean_reply_ms);
        }
        sep(c);
        count_cell(c, g->responsiveness);
        sep(c);
        count_cell(c, g->mean_score);
        sep(c);
        count_cell(c, g->tone);
        sep(c);
        count_cell(c, g->empathy);
        sep(c);
        if (g->has_baseline && r->baseline_sessions)
            fprintf(f, "%u", r->baseline_sessions);
        sep(c);
        /* No baseline: said in the composure cell, a text a spreadsheet's AVERAGE skips (as
         * "not attempted" in the sessions' overall column), never a 0. */
        if (g->has_baseline)
            fprintf(f, "%d", g->composure);
        else
            text(c, fl_word(FL_W_RND_NO_BASELINE, c->lang));
        sep(c);
        if (g->has_baseline)
            fprintf(f, "%d", g->composure_tone);
        sep(c);
        if (g->has_baseline)
            fprintf(f, "%d", g->composure_empathy);
        sep(c);
        fputc(g->passed ? '1' : '0', f);
    }
    sep(c);
    fprintf(f, "%u", r->n_calls);
    sep(c);
    text(c, r->program_version);
    sep(c);
    text(c, r->content_hash);
    sep(c);
    text(c, r->registration);
    fputs("\r\n", f);
    return 0;
}

const fl_report_format fl_report_rounds_csv = {"csv", 0, rounds_begin, NULL, csv_end, rounds_round};
