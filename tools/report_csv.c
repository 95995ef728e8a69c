/*
 * report_csv.c - `frontline report --format csv`: one row per session for a spreadsheet, and
 * with --rounds one row per stress round.
 *
 * RFC 4180: fields separated by ',' (or ';', what Excel expects in Russian and most European
 * locales), quoted when they hold the separator, a quote or a line break, lines ending CRLF.
 * A text cell that a spreadsheet would run as a formula (starting with = + - @, a space, a tab,
 * a line break, or a full-width ＝ ＋ － ＠) is neutralised with a leading apostrophe inside
 * quotes, the OWASP advice; number columns
 * are written as plain numbers and are never touched. With ';' decimals use a comma, as the
 * same locales expect. The optional byte-order mark makes Excel read UTF-8 (Cyrillic) right.
 *
 * The Excel form (report.c: the default in Russian) is all three, with the values in the
 * report's language too (fl_report_opts.translate: mode, outcome, player, the yes/no columns),
 * so that the file a leader double-clicks reads right; the band stays a letter and ids stay ids.
 * An export where some session was played in a workshop (results schema 5) has the workshop's
 * two columns after the group; one without any is what it was before.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalogue.h"
#include "report.h"
#include "scenario.h"

typedef struct {
    FILE *out;
    char sep;
    char point;    /* the decimal separator: '.', or ',' (only with ';', where it splits nothing) */
    int lang;      /* FL_LANG_*: the column names and the words in cells */
    int voice;     /* the voice columns are there (some session has a reply read aloud) */
    int workshop;  /* the workshop columns are there (some session was played in one) */
    int translate; /* values in lang's words rather than identifiers (the Excel form) */
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

/* Whether a spreadsheet could read the text cell s as a formula: it starts with = + - @, or
 * with a character a spreadsheet skips or folds before looking for one: a space, a tab, a line
 * break (LibreOffice and Excel trim leading blanks of a typed cell, and " =1+1" pasted becomes
 * a formula), or a full-width form of the four (＝ ＋ － ＠, U+FF1D U+FF0B U+FF0D U+FF20),
 * which an East Asian input method types and some spreadsheets normalise to the ASCII sign. */
static int formula_like(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if (strchr("=+-@ \t\r\n", u[0]) && u[0])
        return 1;
    /* U+FF0B ＋, U+FF0D －, U+FF1D ＝ are EF BC 8B/8D/9D; U+FF20 ＠ is EF BC A0 */
    return u[0] == 0xEF && u[1] == 0xBC &&
           (u[2] == 0x8B || u[2] == 0x8D || u[2] == 0x9D || u[2] == 0xA0);
}

/* A text cell: quoted when needed, formulas neutralised. */
static void text(csv *c, const char *s)
{
    if (!s)
        s = "";
    int formula = formula_like(s);
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

/* A yes/no column: 1 and 0, or the words in the Excel form. */
static void flag(csv *c, int yes)
{
    if (c->translate)
        text(c, fl_word(yes ? FL_W_HTML_YES : FL_W_HTML_NO, c->lang));
    else
        fputc(yes ? '1' : '0', c->out);
}

/* The mode: practice | assessment, or its word. */
static void mode_cell(csv *c, const char *mode)
{
    if (c->translate && mode && (!strcmp(mode, "practice") || !strcmp(mode, "assessment")))
        text(c, fl_word(!strcmp(mode, "practice") ? FL_W_PRACTICE : FL_W_ASSESSMENT, c->lang));
    else
        text(c, mode);
}

/* Where it was played: desktop | text | script | import, or its word. */
static void player_cell(csv *c, const char *player)
{
    static const char *const ids[] = {"desktop", "text", "script", "import"};
    static const fl_word_id words[] = {FL_W_CSV_PLAYER_DESKTOP, FL_W_CSV_PLAYER_TEXT,
                                       FL_W_CSV_PLAYER_SCRIPT, FL_W_CSV_PLAYER_IMPORT};
    for (size_t i = 0; c->translate && player && i < sizeof(ids) / sizeof(ids[0]); i++)
        if (!strcmp(player, ids[i])) {
            text(c, fl_word(words[i], c->lang));
            return;
        }
    text(c, player);
}

/* The outcome: resolved | partly | escalated | lost, or its word (OUTCOME_*). */
static void outcome_cell(csv *c, const char *outcome)
{
    for (int o = FL_OUTCOME_RESOLVED; c->translate && outcome && o <= FL_OUTCOME_LOST; o++)
        if (!strcmp(outcome, fl_outcome_name((fl_outcome)o))) {
            text(c, fl_word(fl_word_outcome(o), c->lang));
            return;
        }
    text(c, outcome);
}

/* The critical items ("transfer over-budget": fl_record.critical_items), or in the Excel form
 * their readable names ("Передача клиента, Жест сверх бюджета"), as the HTML report names them;
 * a signal a scenario made critical keeps its name. */
static void critical_cell(csv *c, const char *items)
{
    if (!c->translate || !items) {
        text(c, items);
        return;
    }
    char buf[1024];
    size_t n = 0;
    buf[0] = '\0';
    for (const char *p = items; *p;) {
        size_t len = strcspn(p, " ");
        char item[64];
        snprintf(item, sizeof(item), "%.*s", (int)(len < sizeof(item) ? len : sizeof(item) - 1), p);
        fl_word_id w = fl_word_critical_item(item);
        const char *name = w != FL_W_NONE ? fl_word(w, c->lang) : item;
        if (len) {
            int k = snprintf(buf + n, sizeof(buf) - n, "%s%s", n ? ", " : "", name);
            if (k < 0 || (size_t)k >= sizeof(buf) - n) {
                text(c, items); /* too many to name: the identifiers, whole */
                return;
            }
            n += (size_t)k;
        }
        p += len;
        while (*p == ' ')
            p++;
    }
    text(c, buf);
}

/* 1, 1.5 or 2; with ';' the decimal comma of the same locales. */
static void factor(csv *c, double f)
{
    int tenths = (int)(f * 10 + 0.5);
    if (tenths % 10)
        fprintf(c->out, "%d%c%d", tenths / 10, c->point, tenths % 10);
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
        else
            *dot = c->point;
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
 * columns `inserted` names (each followed by the separator) before names[at] and the workshop's
 * two after the group (names[2]) when o->workshop, then more[0..n_more). */
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
    /* with ',' separators a decimal comma would split the cell: a point then, whatever asked */
    c->point = c->sep == ';' || (o->decimal_comma && c->sep != ',') ? ',' : '.';
    c->lang = fl_word_lang(o->lang);
    c->workshop = o->workshop;
    c->translate = o->translate;
    *ctx = c;
    if (o->bom)
        fputs("\xEF\xBB\xBF", c->out);
    for (size_t i = 0; i < n; i++) {
        if (i)
            sep(c);
        if (i == at)
            inserted(c);
        if (i == 3 && c->workshop) {
            text(c, fl_word(FL_W_CSV_WORKSHOP, c->lang));
            sep(c);
            text(c, fl_word(FL_W_CSV_DAY_SESSION, c->lang));
            sep(c);
        }
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
    if (dot)
        *dot = c->point;
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
 * played (a scenario, or a round's definition) by whom, when, and whether it finished; and
 * after the group the workshop's two, in an export that has them. */
typedef struct {
    const char *id, *trainee, *group, *workshop, *day_session, *what, *title;
    int version;
    const char *lang, *mode, *player;
    int64_t started_ms, ended_ms;
    int finished;
} lead;

static void lead_cells(csv *c, const lead *l)
{
    const char *names[] = {l->id,          l->trainee, l->group, l->workshop,
                           l->day_session, l->what,    l->title};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if ((i == 3 || i == 4) && !c->workshop)
            continue;
        text(c, names[i]);
        sep(c);
    }
    fprintf(c->out, "%d", l->version);
    sep(c);
    text(c, l->lang);
    sep(c);
    mode_cell(c, l->mode);
    sep(c);
    player_cell(c, l->player);
    sep(c);
    local_time(c, l->started_ms);
    sep(c);
    local_time(c, l->ended_ms);
    sep(c);
    /* the duration in whole seconds, once it ended */
    if (l->ended_ms && l->ended_ms >= l->started_ms)
        fprintf(c->out, "%lld", (long long)((l->ended_ms - l->started_ms + 500) / 1000));
    sep(c);
    flag(c, l->finished);
}

static int csv_session(void *ctx, const fl_record *r)
{
    csv *c = ctx;
    FILE *f = c->out;
    int fin = fl_record_scored(r);
    lead_cells(c, &(lead){r->id, r->trainee, r->group, r->workshop, r->day_session, r->scenario_id,
                          r->scenario_title, r->scenario_version, r->scenario_lang, r->mode,
                          r->player, r->started_ms, r->ended_ms, r->finished});
    sep(c);
    flag(c, r->attempted);
    sep(c);
    if (r->finished)
        outcome_cell(c, r->outcome);
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
        flag(c, r->passed);
    /* empty when unknown: sessions scored before critical mistakes existed */
    sep(c);
    if (fin && r->critical >= 0)
        fprintf(f, "%d", r->critical);
    sep(c);
    if (fin && r->critical >= 0)
        critical_cell(c, r->critical_items);
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
    flag(c, r->timed);
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
    lead_cells(c, &(lead){r->id, r->trainee, r->group, r->workshop, r->day_session, r->def_id,
                          r->title, r->version, r->lang, r->mode, r->player, r->started_ms,
                          r->ended_ms, r->finished});
    sep(c);
    /* the extension shows: timed 0 (untimed), or the factor 1.5 or 2 */
    flag(c, r->timed);
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
        flag(c, g->passed);
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
