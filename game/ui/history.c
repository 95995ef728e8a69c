/*
 * history.c - the history screen: the signed-in trainee's attempts from the results store, per
 * scenario, so a trainee sees where they improve. On the left the scenarios played (most
 * recent first) with the number of scored attempts and the best score; on the right, for the
 * selected one, the overall score of every scored attempt in the order they were started (a
 * critical mistake marked with a "!"), a small chart per dimension over those attempts with
 * the latest value and the change since the first, and the sessions one by one, latest first:
 * the score and whether it passed (and why not: a critical mistake, a dimension under the
 * floor), or "Not attempted" (quit before any reply: no score), or not finished.
 *
 * The store is opened read-only (it is never created or changed here) once when the screen
 * is entered, read into memory and closed; redraws never touch SQLite. Up/Down choose a
 * scenario, Enter opens its briefing, PageUp/PageDown scroll the charts when they do not fit,
 * Esc goes back to the library.
 *
 * Stress rounds: the calls of a round are not attempts of their scenarios (the store is read
 * with .calls = -1); each round file played is an entry of its own, marked "Round", whose
 * attempts are the trainee's rounds: the mean score as the overall, Tone, Empathy and
 * Responsiveness as the dimensions that applied, and each round with whether it passed, the
 * customers resolved and lost. Enter on it opens the round's briefing.
 *
 * The layout step reads the store, keeps the selection in view, measures the charts and
 * clamps their scroll, and places the key bar's buttons; drawing only reads.
 *
 * Layout (design pixels at 1280 x 720): the app's top bar, a 380 px list at x 32, the charts
 * from x 452 to 1248 (scrolled when they do not fit), the key bar at the bottom.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "format.h"
#include "ui.h"
#include "vec.h"

enum {
    MARGIN = 32,
    LIST_W = 380,
    ROW_H = 68,
    OVERALL_H = 140,
    CELL_H = 76,
    N_BUTTONS = 2,
    MAX_SESSIONS = 12, /* the sessions listed one by one */
};

/* ---- the trainee's attempts, read once per visit ------------------------------------------- */

typedef struct {
    int overall;
    int critical; /* critical mistakes: 0 none, -1 unknown (scored before they existed) */
    int score[FL_DIM_COUNT];
    unsigned char applicable[FL_DIM_COUNT];
} attempt;

/* One session as the list of sessions shows it. */
enum { S_SCORED, S_UNFINISHED, S_NOT_ATTEMPTED };
typedef struct {
    int64_t started_ms;
    int kind; /* S_* */
    int overall, raw, passed, critical;
    char band;
    int is_round;            /* a stress round: overall is its mean score */
    uint32_t resolved, lost; /* a round's customers */
} session_row;

typedef struct {
    char *id, *title, *lang;
    attempt *a; /* scored attempts (finished and attempted), in start order */
    size_t n, cap;
    session_row *s; /* every session, in start order */
    size_t ns, scap;
    int unfinished;    /* attempted, not finished */
    int not_attempted; /* quit before any reply: no score */
    int critical;      /* scored attempts with a critical mistake */
    int best;
    int64_t last_ms; /* the latest start, finished or not */
    int is_round;    /* a round file's rounds (id: the round file's id) */
} played;

struct fl_history_state {
    uint64_t visit; /* the screen's visit (fl_ui.visit) the store was read in */
    char trainee[FL_NAME_BYTES], group[FL_NAME_BYTES];
    played *p;
    size_t n, cap;
    int status; /* 0 read, 1 no store yet, 2 cannot read it (err) */
    char err[512];
    int sel; /* the selected scenario */
    int top; /* the first row shown in the list */
    int detail_h, detail_view;
    /* the layout (fl_history_layout), for drawing and events */
    int top_y, bottom_y; /* the list's and the charts' top and bottom */
    int list_w, detail_x, detail_w;
    SDL_Rect list;
    int rows_shown;
    int can_play;
    int updown_hint, play_hint; /* the Up/Down and Enter hints fit before Esc */
    int pages_hint;             /* the PageUp/PageDown hint fits in the key bar */
    SDL_Rect button[N_BUTTONS];
};

static void forget(struct fl_history_state *st)
{
    for (size_t i = 0; i < st->n; i++) {
        free(st->p[i].id);
        free(st->p[i].title);
        free(st->p[i].lang);
        free(st->p[i].a);
        free(st->p[i].s);
    }
    free(st->p);
    st->p = NULL;
    st->n = st->cap = 0;
}

static played *add_played(struct fl_history_state *st, const char *id, const char *title,
                          const char *lang, int is_round)
{
    for (size_t i = 0; i < st->n; i++)
        if (st->p[i].is_round == is_round && strcmp(st->p[i].id, id) == 0)
            return &st->p[i];
    if (FL_GROW(st->p, st->cap, st->n + 1))
        return NULL;
    played *p = &st->p[st->n];
    memset(p, 0, sizeof(*p));
    p->id = strdup(id);
    p->title = strdup(title && title[0] ? title : id);
    p->lang = strdup(lang ? lang : "");
    p->best = -1;
    p->is_round = is_round;
    if (!p->id || !p->title || !p->lang) {
        free(p->id);
        free(p->title);
        free(p->lang);
        return NULL;
    }
    st->n++;
    return p;
}

/* fl_store_each's callback: one session of the trainee. */
static int take(void *ctx, const fl_record *r)
{
    struct fl_history_state *st = ctx;
    played *p = add_played(st, r->scenario_id, r->scenario_title, r->scenario_lang, 0);
    if (!p)
        return 1; /* out of memory: show what was read */
    /* the title of the latest version of the scenario */
    if (r->started_ms >= p->last_ms && r->scenario_title && r->scenario_title[0] &&
        strcmp(p->title, r->scenario_title) != 0) {
        char *t = strdup(r->scenario_title);
        if (t) {
            free(p->title);
            p->title = t;
        }
    }
    if (r->started_ms > p->last_ms)
        p->last_ms = r->started_ms;
    if (FL_GROW(p->s, p->scap, p->ns + 1))
        return 1;
    session_row *row = &p->s[p->ns++];
    *row = (session_row){.started_ms = r->started_ms,
                         .kind = !r->attempted  ? S_NOT_ATTEMPTED
                                 : !r->finished ? S_UNFINISHED
                                                : S_SCORED,
                         .overall = r->overall,
                         .raw = r->raw,
                         .passed = r->passed,
                         .critical = r->critical,
                         .band = r->band[0] ? r->band[0] : '?'};
    if (!r->attempted) {
        p->not_attempted++;
        return 0;
    }
    if (!r->finished) {
        p->unfinished++;
        return 0;
    }
    if (FL_GROW(p->a, p->cap, p->n + 1))
        return 1;
    attempt *a = &p->a[p->n++];
    a->overall = r->overall;
    a->critical = r->critical;
    if (r->critical > 0)
        p->critical++;
    for (int d = 0; d < FL_DIM_COUNT; d++) {
        a->score[d] = r->score[d];
        a->applicable[d] = r->applicable[d] ? 1 : 0;
    }
    if (r->overall > p->best)
        p->best = r->overall;
    return 0;
}

/* fl_store_each_round's callback: one round of the trainee, as an attempt of its round file. */
static int take_round(void *ctx, const fl_round_record *r)
{
    struct fl_history_state *st = ctx;
    if (!r->def_id)
        return 0;
    played *p = add_played(st, r->def_id, r->title, r->lang, 1);
    if (!p)
        return 1;
    if (r->started_ms > p->last_ms)
        p->last_ms = r->started_ms;
    if (FL_GROW(p->s, p->scap, p->ns + 1))
        return 1;
    const fl_round_figures *f = &r->fig;
    int closed = fl_round_record_closed(r);
    int scored = closed && f->mean_score >= 0;
    p->s[p->ns++] = (session_row){.started_ms = r->started_ms,
                                  .kind = !closed   ? S_UNFINISHED
                                          : !scored ? S_NOT_ATTEMPTED
                                                    : S_SCORED,
                                  .overall = f->mean_score,
                                  .raw = f->mean_score,
                                  .passed = f->passed,
                                  .band = '-',
                                  .is_round = 1,
                                  .resolved = f->resolved,
                                  .lost = f->lost};
    if (!closed) {
        p->unfinished++;
        return 0;
    }
    if (!scored) {
        p->not_attempted++;
        return 0;
    }
    if (FL_GROW(p->a, p->cap, p->n + 1))
        return 1;
    attempt *a = &p->a[p->n++];
    memset(a, 0, sizeof(*a));
    a->overall = f->mean_score;
    const struct {
        int d, v;
    } dims[3] = {{FL_DIM_TONE, f->tone},
                 {FL_DIM_EMPATHY, f->empathy},
                 {FL_DIM_RESPONSIVENESS, f->responsiveness}};
    for (int i = 0; i < 3; i++)
        if (dims[i].v >= 0) {
            a->score[dims[i].d] = dims[i].v;
            a->applicable[dims[i].d] = 1;
        }
    if (f->mean_score > p->best)
        p->best = f->mean_score;
    return 0;
}

static int by_recent(const void *x, const void *y)
{
    const played *a = x, *b = y;
    return a->last_ms < b->last_ms ? 1 : a->last_ms > b->last_ms ? -1 : strcmp(a->id, b->id);
}

/* Reads the trainee's sessions from the store (read-only), once per visit. */
static void load(fl_ui *ui)
{
    struct fl_history_state *st = ui->history;
    forget(st);
    st->status = 0;
    st->err[0] = '\0';
    snprintf(st->trainee, sizeof(st->trainee), "%s", ui->set.trainee);
    snprintf(st->group, sizeof(st->group), "%s", ui->set.group);
    char path[4096];
    const char *db = ui->db_path;
    if (!db) {
        if (fl_store_default_path(path, sizeof(path)) < 0) {
            st->status = 1;
            return;
        }
        db = path;
    }
    if (access(db, F_OK) != 0) {
        st->status = 1;
        return;
    }
    fl_store *db_st;
    if (fl_store_open(&db_st, db, 1, st->err, sizeof(st->err)) != FL_STORE_OK) {
        st->status = 2;
        return;
    }
    /* single conversations only: a round's calls are the round's */
    fl_store_filter f = {.trainee = ui->set.trainee, .group = ui->set.group, .calls = -1};
    if (fl_store_each(db_st, &f, 0, take, st, st->err, sizeof(st->err)) < 0)
        st->status = 2;
    else if (fl_store_each_round(&db_st, 1, &f, take_round, st, st->err, sizeof(st->err)) < 0)
        st->status = 2;
    fl_store_close(db_st);
    if (st->n > 1)
        qsort(st->p, st->n, sizeof(*st->p), by_recent);
    /* select the scenario just played, when there is one */
    st->sel = 0;
    st->top = 0;
    if (ui->current >= 0 && (size_t)ui->current < ui->n_lib) {
        const fl_entry *e = &ui->lib[ui->current];
        const char *id = e->scen ? e->scen->id : e->round ? e->round->id : NULL;
        for (size_t i = 0; id && i < st->n; i++)
            if (st->p[i].is_round == (e->round != NULL) && strcmp(st->p[i].id, id) == 0)
                st->sel = (int)i;
    }
}

/* ---- drawing ---------------------------------------------------------------------------- */

/* results.c: a critical mistake's marker, a "!" in a disc of the mistake colour */
void fl_results__crit_marker(fl_ui *ui, int cx, int cy, int r);

/* snprintf at buf + *k, moving *k on (never past the end). */
static void append(char *buf, size_t n, size_t *k, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void append(char *buf, size_t n, size_t *k, const char *fmt, ...)
{
    if (*k >= n)
        return;
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(buf + *k, n - *k, fmt, ap);
    va_end(ap);
    if (r > 0)
        *k += (size_t)r < n - *k ? (size_t)r : n - *k - 1;
}

/* The local day and time of ms as the interface language writes it ("2 December 2026, 14:05",
 * «2 декабря 2026, 14:05»), into buf; "" when the clock's time cannot be converted. */
static const char *local_day(const fl_ui *ui, int64_t ms, char *buf, size_t n)
{
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    buf[0] = '\0';
    if (localtime_r(&t, &tm))
        fl_format_date_time(buf, n, ui->set.lang, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                            tm.tm_hour, tm.tm_min);
    return buf;
}

/* The width of the widest day local_day() writes (the longest month, two-digit day), so the
 * sessions' column does not move from row to row. */
static int date_width(fl_ui *ui)
{
    int widest = 0;
    for (int m = 1; m <= 12; m++) {
        char day[64];
        int w = fl_width(ui, F_BODY,
                         fl_format_date_time(day, sizeof day, ui->set.lang, 8888, m, 28, 8, 8));
        if (w > widest)
            widest = w;
    }
    return widest;
}

/* text cut to one line of width w, with "…" after the last word that fits (into buf). The
 * layouts are fl_layout's, measured once and kept, so this costs nothing per frame. */
static const char *cut(fl_ui *ui, int font, const char *text, int w, char *buf, size_t n)
{
    size_t nl;
    const fl_text_line *l = fl_layout(ui, font, w, text, &nl);
    if (!l || nl <= 1)
        return text;
    l = fl_layout(ui, font, w - fl_width(ui, font, "…"), text, &nl);
    if (!l || !nl || l[0].len + sizeof("…") > n)
        return text;
    memcpy(buf, text, l[0].len);
    memcpy(buf + l[0].len, "…", sizeof("…"));
    return buf;
}

/* Draws text cut to one line of width w; self-voicing hears it whole. */
static void draw_cut(fl_ui *ui, int font, SDL_Color c, int x, int y, const char *text, int w)
{
    char buf[512];
    const char *shown = cut(ui, font, text, w, buf, sizeof(buf));
    SDL_Rect box = {x, y, w, fl_line_height(ui, font)};
    fl_voicing_text(ui, text, strlen(text), &box);
    fl_voicing_mute(ui, 1);
    fl_text(ui, font, c, x, y, shown);
    fl_voicing_mute(ui, 0);
}

static void draw_list(fl_ui *ui, const struct fl_history_state *st)
{
    int x = st->list.x, y = st->list.y, w = st->list.w;
    int rh = S(ui, ROW_H);
    int pad = S(ui, 14);
    for (int i = st->top; i < (int)st->n && i < st->top + st->rows_shown; i++) {
        const played *p = &st->p[i];
        int ry = y + (i - st->top) * rh;
        int bh = rh - S(ui, 8);
        int sel = i == st->sel;
        fl_round_rect(ui, x, ry, w, bh, S(ui, 8), fl_colors[sel ? C_PANEL : C_BG]);
        if (sel) {
            fl_fill(ui, x, ry + S(ui, 8), S(ui, 4), bh - S(ui, 16), fl_colors[C_ACCENT]);
            if (ui->focus == 0)
                fl_focus_ring(ui, x, ry, w, bh);
        }
        char lang[16];
        snprintf(lang, sizeof(lang), "%s", p->lang);
        for (char *c = lang; *c; c++)
            if (*c >= 'a' && *c <= 'z')
                *c = (char)(*c - 'a' + 'A');
        int lw = lang[0] ? fl_width(ui, F_SMALL, lang) + S(ui, 10) : 0;
        int ty = ry + S(ui, 8);
        draw_cut(ui, F_BOLD, fl_colors[C_TEXT], x + pad, ty, p->title, w - 2 * pad - lw);
        if (lang[0])
            fl_text(ui, F_SMALL, fl_colors[C_MUTED], x + w - pad - lw + S(ui, 10),
                    ty + fl_line_height(ui, F_BOLD) - fl_line_height(ui, F_SMALL), lang);
        char line[512];
        size_t k = 0;
        if (p->is_round) /* said in words, not by a colour */
            append(line, sizeof(line), &k, "%s \xC2\xB7 ", T(ui, FL_W_LIB_ROUND));
        if (p->n == 0 && !p->unfinished)
            append(line, sizeof(line), &k, "%s", T(ui, FL_W_HIST_ONLY_NOT_ATTEMPTED));
        else if (p->n == 0)
            append(line, sizeof(line), &k, "%s", T(ui, FL_W_HIST_NONE_FINISHED));
        else if (p->n == 1)
            append(line, sizeof(line), &k, T(ui, FL_W_HIST_ONE_ATTEMPT), p->best);
        else {
            char attempts[64];
            append(line, sizeof(line), &k, T(ui, FL_W_HIST_ATTEMPTS),
                   fl_format_count(attempts, sizeof attempts, ui->set.lang, (long long)p->n,
                                   FL_W_PL_ATTEMPTS),
                   p->best);
        }
        if (p->critical)
            append(line, sizeof(line), &k, T(ui, FL_W_HIST_CRITICAL_N), p->critical);
        if (p->unfinished && p->n)
            append(line, sizeof(line), &k, T(ui, FL_W_HIST_UNFINISHED), p->unfinished);
        if (p->not_attempted && (p->n || p->unfinished))
            append(line, sizeof(line), &k, T(ui, FL_W_HIST_NOT_ATTEMPTED_N), p->not_attempted);
        int lx = x + pad, ly = ty + fl_line_height(ui, F_BOLD), room = w - 2 * pad;
        if (p->critical) {
            /* the scenario has an attempt with a critical mistake: the "!" before the line */
            int cr = S(ui, 7), sh = fl_line_height(ui, F_SMALL);
            fl_results__crit_marker(ui, lx + cr, ly + sh / 2, cr);
            lx += 2 * cr + S(ui, 6);
            room -= 2 * cr + S(ui, 6);
        }
        draw_cut(ui, F_SMALL, fl_colors[C_MUTED], lx, ly, line, room);
    }
    /* more rows above or below: a thin scroll thumb */
    if ((int)st->n > st->rows_shown) {
        int vh = st->list.h, th = vh * st->rows_shown / (int)st->n;
        int ty = y + (vh - th) * st->top / ((int)st->n - st->rows_shown);
        fl_fill(ui, x + w + S(ui, 8), y, S(ui, 4), vh, fl_colors[C_LINE]);
        fl_fill(ui, x + w + S(ui, 8), ty, S(ui, 4), th, fl_colors[C_MUTED]);
    }
}

static int attempt_x(int px, int pw, size_t n, size_t i)
{
    /* attempts at the middles of n equal slots */
    return px + (int)(((long long)pw * (long long)(2 * i + 1)) / (long long)(2 * n));
}

/* The overall score of every attempt as columns with their values. Returns the height. */
static int draw_overall(fl_ui *ui, const played *p, int x, int y, int w)
{
    int h = S(ui, OVERALL_H);
    fl_round_rect(ui, x, y, w, h, S(ui, 8), fl_colors[C_PANEL]);
    int sh = fl_line_height(ui, F_SMALL);
    int px = x + S(ui, 44), pw = w - S(ui, 44) - S(ui, 16);
    int py = y + S(ui, 12) + sh, ph = h - S(ui, 24) - 2 * sh;
    static const char *const ylab[3] = {"100", "50", "0"};
    for (int i = 0; i < 3; i++) {
        int gy = py + ph * i / 2;
        fl_fill(ui, px, gy, pw, 1, fl_colors[C_LINE]);
        int lw = fl_width(ui, F_SMALL, ylab[i]);
        fl_text(ui, F_SMALL, fl_colors[C_MUTED], px - S(ui, 8) - lw, gy - sh / 2, ylab[i]);
    }
    size_t n = p->n;
    int slot = n ? pw / (int)n : pw;
    int bw = slot * 6 / 10;
    if (bw > S(ui, 36))
        bw = S(ui, 36);
    if (bw < 2)
        bw = 2;
    /* thin out the labels so they never overlap */
    size_t step = 1;
    while (n && (long long)slot * (long long)step < fl_width(ui, F_SMALL, "100") + S(ui, 8))
        step++;
    int cr = S(ui, 7);
    for (size_t i = 0; i < n; i++) {
        int v = p->a[i].overall, cx = attempt_x(px, pw, n, i);
        int bh = ph * v / 100;
        fl_fill(ui, cx - bw / 2, py + ph - bh, bw, bh, fl_score_color(v));
        int label_y = py + ph - bh - sh;
        if (p->a[i].critical > 0) {
            /* a critical mistake: "!" on top of the column, its value above that */
            fl_results__crit_marker(ui, cx, py + ph - bh - S(ui, 2) - cr, cr);
            label_y -= 2 * cr + S(ui, 2);
            if (label_y < y + S(ui, 2))
                label_y = y + S(ui, 2);
        }
        if ((n - 1 - i) % step == 0) {
            char t[24];
            snprintf(t, sizeof(t), "%d", v);
            int tw = fl_width(ui, F_SMALL, t);
            fl_text(ui, F_SMALL, fl_colors[C_TEXT], cx - tw / 2, label_y, t);
            snprintf(t, sizeof(t), "%zu", i + 1);
            tw = fl_width(ui, F_SMALL, t);
            fl_text(ui, F_SMALL, fl_colors[C_MUTED], cx - tw / 2, py + ph + S(ui, 4), t);
        }
    }
    return h;
}

/* One dimension over the attempts: its name, the latest value and the change since the first,
 * and a line over the attempts where it applied. Returns the height. */
static int draw_dim(fl_ui *ui, const played *p, int d, int x, int y, int w)
{
    int h = S(ui, CELL_H) - S(ui, 10);
    fl_round_rect(ui, x, y, w, h, S(ui, 8), fl_colors[C_PANEL]);
    int pad = S(ui, 12);
    int ty = y + S(ui, 6);
    fl_text(ui, F_BODY, fl_colors[C_TEXT], x + pad, ty, fl_dim_label(ui, d));
    int first = -1, last = -1;
    for (size_t i = 0; i < p->n; i++)
        if (p->a[i].applicable[d]) {
            if (first < 0)
                first = (int)i;
            last = (int)i;
        }
    /* the values at the right: latest, and the change since the first under it */
    int vx = x + w - pad;
    int tw = S(ui, 96);
    if (last < 0) {
        const char *na = T(ui, FL_W_RES_NA);
        fl_text(ui, F_BODY, fl_colors[C_MUTED], vx - fl_width(ui, F_BODY, na), ty, na);
    } else {
        char v[16];
        snprintf(v, sizeof(v), "%d", p->a[last].score[d]);
        fl_text(ui, F_BOLD, fl_colors[C_TEXT], vx - fl_width(ui, F_BOLD, v), ty, v);
        if (last != first) {
            char dl[64];
            int change = p->a[last].score[d] - p->a[first].score[d];
            if (change)
                snprintf(dl, sizeof(dl), T(ui, FL_W_HIST_SINCE_FIRST), change);
            else
                snprintf(dl, sizeof(dl), "%s", T(ui, FL_W_HIST_SAME));
            int dw = fl_width(ui, F_SMALL, dl);
            fl_text(ui, F_SMALL, fl_colors[C_MUTED], vx - dw, ty + fl_line_height(ui, F_BOLD), dl);
            if (dw > tw)
                tw = dw;
        }
    }
    /* the line, under the name, left of the values */
    int lx = x + pad, lw = w - 2 * pad - tw - S(ui, 16);
    int ly = ty + fl_line_height(ui, F_BODY) + S(ui, 4), lh = h - (ly - y) - S(ui, 8);
    if (lw < S(ui, 40) || lh < S(ui, 8))
        return h;
    fl_fill(ui, lx, ly + lh, lw, 1, fl_colors[C_LINE]);
    int t = S(ui, 2) > 1 ? S(ui, 2) : 1, r = S(ui, 3) > 1 ? S(ui, 3) : 1;
    int px = -1, py = -1;
    for (size_t i = 0; i < p->n; i++) {
        if (!p->a[i].applicable[d])
            continue;
        int cx = attempt_x(lx, lw, p->n, i), cy = ly + lh - lh * p->a[i].score[d] / 100;
        if (px >= 0)
            fl_stroke(ui, px, py, cx, cy, t, fl_colors[C_ACCENT]);
        px = cx;
        py = cy;
    }
    for (size_t i = 0; i < p->n; i++)
        if (p->a[i].applicable[d])
            fl_disc(ui, attempt_x(lx, lw, p->n, i), ly + lh - lh * p->a[i].score[d] / 100, r,
                    (int)i == last ? fl_score_color(p->a[i].score[d]) : fl_colors[C_ACCENT]);
    return h;
}

/* The sessions of the scenario, latest first (at most MAX_SESSIONS): when, and the score with
 * whether it passed and why not, or "Not attempted" (no score), or not finished. Returns the
 * height. */
static int draw_sessions(fl_ui *ui, const played *p, int x, int y, int w, int draw)
{
    int y0 = y;
    y += fl_text_box(ui, F_BOLD, fl_colors[C_TEXT], x, y, w,
                     T(ui, p->is_round ? FL_W_HIST_ROUNDS : FL_W_HIST_SESSIONS), draw) +
         S(ui, 6);
    int lh = fl_line_height(ui, F_BOLD), gap = S(ui, 16), cr = S(ui, 7);
    int dw = date_width(ui);
    size_t shown = 0;
    for (size_t k = p->ns; k-- > 0 && shown < MAX_SESSIONS; shown++) {
        const session_row *r = &p->s[k];
        char day[64];
        local_day(ui, r->started_ms, day, sizeof day);
        /* the status: "59 · F", a marker, and the what */
        char num[32] = "", round_what[300];
        const char *what;
        int colour = C_MUTED, font = F_BODY, mark = 0;
        if (r->is_round && r->kind == S_SCORED) {
            /* "74", then "passed · resolved 3, lost 0" */
            char line[200];
            snprintf(num, sizeof(num), "%d", r->overall);
            snprintf(line, sizeof(line), T(ui, FL_W_HIST_ROUND_LINE), r->overall, r->resolved,
                     r->lost);
            snprintf(round_what, sizeof(round_what), "%s \xC2\xB7 %s",
                     T(ui, r->passed ? FL_W_PASSED : FL_W_NOT_PASSED), line);
            what = round_what;
            font = F_BOLD;
            colour = r->passed ? C_GOOD : C_BAD;
        } else if (r->is_round && r->kind == S_UNFINISHED) {
            what = T(ui, FL_W_HIST_NOT_FINISHED);
        } else if (r->kind == S_NOT_ATTEMPTED) {
            what = T(ui, FL_W_HIST_ONLY_NOT_ATTEMPTED);
            font = F_BOLD;
        } else if (r->kind == S_UNFINISHED) {
            what = T(ui, FL_W_HIST_NOT_FINISHED);
        } else {
            snprintf(num, sizeof(num), "%d · %c", r->overall, r->band);
            font = F_BOLD;
            colour = r->passed ? C_GOOD : C_BAD;
            mark = r->critical > 0;
            what = r->passed             ? T(ui, FL_W_PASSED)
                   : r->critical > 0     ? T(ui, FL_W_HIST_CRIT_FAIL)
                   : r->raw > r->overall ? T(ui, FL_W_HIST_FLOOR_FAIL)
                                         : T(ui, FL_W_NOT_PASSED);
        }
        int nw = num[0] ? fl_width(ui, F_BOLD, num) + S(ui, 12) : 0;
        int mw = mark ? 2 * cr + S(ui, 6) : 0;
        int sw = nw + mw + fl_width(ui, font, what);
        int sx = x + dw + gap;
        if (draw)
            fl_text(ui, F_BODY, fl_colors[C_MUTED], x, y, day);
        if (sx + sw > x + w) { /* no room beside the date: under it */
            y += lh;
            sx = x + S(ui, 16);
        }
        if (num[0] && draw)
            fl_text(ui, F_BOLD, fl_colors[C_TEXT], sx, y, num);
        sx += nw;
        if (mark && draw)
            fl_results__crit_marker(ui, sx + cr, y + lh / 2, cr);
        sx += mw;
        /* the words wrap in what is left rather than lose their end */
        int fy = y + (lh - fl_line_height(ui, font)) / 2;
        int th = fl_text_box(ui, font, fl_colors[colour], sx, fy, x + w - sx, what, draw);
        y = (fy + th > y + lh ? fy + th : y + lh) + S(ui, 6);
    }
    if (p->ns > shown) {
        char more[64];
        snprintf(more, sizeof(more), T(ui, FL_W_HIST_EARLIER), (int)(p->ns - shown));
        if (draw)
            fl_text(ui, F_SMALL, fl_colors[C_MUTED], x, y, more);
        y += fl_line_height(ui, F_SMALL) + S(ui, 6);
    }
    return y - y0;
}

/* The charts of the selected scenario from y on (scrolled by ui->scroll); with draw 0 only
 * measures. Returns the height. */
static int draw_detail(fl_ui *ui, const played *p, int x, int y, int w, int draw)
{
    int y0 = y;
    if (draw)
        draw_cut(ui, F_TITLE, fl_colors[C_TEXT], x, y, p->title, w);
    y += fl_line_height(ui, F_TITLE);
    if (p->last_ms > 0 && draw) {
        char day[64], line[160];
        if (local_day(ui, p->last_ms, day, sizeof day)[0]) {
            snprintf(line, sizeof(line), T(ui, FL_W_HIST_LAST), day);
            fl_text(ui, F_SMALL, fl_colors[C_MUTED], x, y, line);
        }
    }
    y += fl_line_height(ui, F_SMALL) + S(ui, 14);
    if (p->n == 0) {
        y += fl_text_box(ui, F_BODY, fl_colors[C_MUTED], x, y, w, T(ui, FL_W_HIST_NO_FINISHED),
                         draw);
        y += S(ui, 18);
        y += draw_sessions(ui, p, x, y, w, draw);
        return y - y0;
    }
    /* the heading (wrapped in a narrow column) and the legend of the "!": at the right of the
     * heading, or under it when both do not fit */
    int bold = fl_line_height(ui, F_BOLD);
    const char *t = T(ui, FL_W_HIST_CRITICAL);
    int cr = S(ui, 7), sh = fl_line_height(ui, F_SMALL);
    int lw = p->critical ? 2 * cr + S(ui, 6) + fl_width(ui, F_SMALL, t) : 0;
    int beside = fl_width(ui, F_BOLD, T(ui, FL_W_HIST_OVERALL)) + S(ui, 24) + lw <= w;
    int hh = fl_text_box(ui, F_BOLD, fl_colors[C_TEXT], x, y, w, T(ui, FL_W_HIST_OVERALL), draw);
    if (p->critical) {
        int ly = beside ? y + (bold - sh) / 2 : y + hh + S(ui, 2);
        int lx = beside ? x + w - lw : x;
        if (draw) {
            fl_results__crit_marker(ui, lx + cr, ly + sh / 2, cr);
            fl_text(ui, F_SMALL, fl_colors[C_MUTED], lx + 2 * cr + S(ui, 6), ly, t);
        }
        if (!beside)
            hh += sh + S(ui, 4);
    }
    y += hh + S(ui, 6);
    if (draw)
        draw_overall(ui, p, x, y, w);
    y += S(ui, OVERALL_H) + S(ui, 18);
    y += fl_text_box(ui, F_BOLD, fl_colors[C_TEXT], x, y, w, T(ui, FL_W_HIST_BY_DIM), draw) +
         S(ui, 6);
    int cols = w >= S(ui, 620) ? 2 : 1, gap = S(ui, 14);
    int cw = (w - (cols - 1) * gap) / cols;
    for (int d = 0; draw && d < FL_DIM_COUNT; d++) {
        int cx = x + (d % cols) * (cw + gap), cy = y + (d / cols) * S(ui, CELL_H);
        draw_dim(ui, p, d, cx, cy, cw);
    }
    y += (FL_DIM_COUNT + cols - 1) / cols * S(ui, CELL_H);
    y += S(ui, 8);
    y += draw_sessions(ui, p, x, y, w, draw);
    return y - y0;
}

/* The width of a key hint as fl_key_hint draws it. */
static int hint_w(fl_ui *ui, const char *key, const char *label)
{
    return fl_width(ui, F_BOLD, key) + 3 * S(ui, 6) + fl_width(ui, F_BODY, label) + S(ui, 18);
}

/* Where the key bar's hints go: Up/Down, Enter (when the selection can be played), the scroll
 * hint where it fits, Esc at the right (the buttons for clicks). */
static void layout_keybar(fl_ui *ui, struct fl_history_state *st)
{
    int top = ui->h - fl_bar_height(ui);
    int lh = fl_line_height(ui, F_BOLD);
    int x = S(ui, MARGIN), y = top + (fl_bar_height(ui) - lh) / 2;
    const char *esc = "Esc";
    int ew = fl_width(ui, F_BOLD, esc) + 3 * S(ui, 6) + fl_width(ui, F_BODY, T(ui, FL_W_BACK));
    int bx = ui->w - S(ui, MARGIN) - ew;
    /* Esc always; before it Enter, then Up/Down, where they fit (large text, small window) */
    int uw = hint_w(ui, T(ui, FL_W_KEY_UPDOWN), T(ui, FL_W_SCENARIO)) + S(ui, 10);
    int pw = hint_w(ui, "Enter", T(ui, FL_W_HIST_PLAY)) - S(ui, 18) + S(ui, 28);
    st->play_hint = st->can_play && x + pw <= bx;
    st->updown_hint = st->n && x + uw + (st->play_hint ? pw : 0) <= bx;
    if (st->updown_hint)
        x += uw;
    st->button[0] = (SDL_Rect){0, 0, 0, 0};
    if (st->play_hint) {
        int w = pw - S(ui, 28);
        st->button[0] = (SDL_Rect){x - S(ui, 4), y - S(ui, 4), w + S(ui, 8), lh + S(ui, 8)};
        x += w + S(ui, 28); /* the next hint after it, not over it */
    }
    /* the scroll hint only where it fits before Esc (large text in a small window) */
    int sw = fl_width(ui, F_BOLD, T(ui, FL_W_KEY_PAGES)) + 3 * S(ui, 6) +
             fl_width(ui, F_BODY, T(ui, FL_W_SCROLL));
    st->pages_hint = st->detail_h > st->detail_view && st->n && x + sw + S(ui, 16) <= bx;
    st->button[1] = (SDL_Rect){bx - S(ui, 4), y - S(ui, 4), ew + S(ui, 8), lh + S(ui, 8)};
}

static void draw_keybar(fl_ui *ui, const struct fl_history_state *st)
{
    int top = ui->h - fl_bar_height(ui);
    fl_fill(ui, 0, top, ui->w, fl_bar_height(ui), fl_colors[C_PANEL]);
    fl_fill(ui, 0, top, ui->w, 1, fl_colors[C_LINE]);
    int lh = fl_line_height(ui, F_BOLD);
    int x = S(ui, MARGIN), y = top + (fl_bar_height(ui) - lh) / 2;
    if (st->updown_hint)
        x += fl_key_hint(ui, x, y, T(ui, FL_W_KEY_UPDOWN), T(ui, FL_W_SCENARIO)) + S(ui, 10);
    if (st->play_hint) {
        int w = fl_key_hint(ui, x, y, "Enter", T(ui, FL_W_HIST_PLAY)) - S(ui, 18);
        x += w + S(ui, 28);
    }
    if (st->pages_hint)
        fl_key_hint(ui, x, y, T(ui, FL_W_KEY_PAGES), T(ui, FL_W_SCROLL));
    fl_key_hint(ui, st->button[1].x + S(ui, 4), y, "Esc", T(ui, FL_W_BACK));
    if (ui->focus == 1)
        fl_focus_ring(ui, st->button[1].x, st->button[1].y, st->button[1].w, st->button[1].h);
}

/* The library entry of the selected scenario or round, -1 when it is not in the library. */
static int lib_index(const fl_ui *ui)
{
    struct fl_history_state *st = ui->history;
    if (st->sel < 0 || (size_t)st->sel >= st->n)
        return -1;
    const played *p = &st->p[st->sel];
    for (size_t i = 0; i < ui->n_lib; i++) {
        const fl_entry *e = &ui->lib[i];
        const char *id =
            p->is_round ? (e->round ? e->round->id : NULL) : (e->scen ? e->scen->id : NULL);
        if (id && strcmp(id, p->id) == 0)
            return (int)i;
    }
    return -1;
}

void fl_history_state_free(fl_ui *ui)
{
    struct fl_history_state *st = ui->history;
    if (!st)
        return;
    forget(st);
    free(st);
    ui->history = NULL;
}

/* Reads the store once a visit (or when someone else signed in), keeps the selection valid. */
void fl_history_layout(fl_ui *ui)
{
    if (!ui->history && !(ui->history = calloc(1, sizeof(*ui->history))))
        return;
    struct fl_history_state *st = ui->history;
    if (st->visit != ui->visit || strcmp(st->trainee, ui->set.trainee) != 0 ||
        strcmp(st->group, ui->set.group) != 0) {
        st->visit = ui->visit;
        load(ui);
    }
    if (st->sel >= (int)st->n)
        st->sel = st->n ? (int)st->n - 1 : 0;

    int m = S(ui, MARGIN);
    st->top_y = fl_bar_height(ui) + S(ui, 24);
    st->bottom_y = ui->h - fl_bar_height(ui) - S(ui, 12);
    int top = st->top_y, bottom = st->bottom_y;
    if (st->status != 0 || st->n == 0) {
        st->list = (SDL_Rect){0, 0, 0, 0};
        st->can_play = 0;
        st->detail_h = st->detail_view = 0;
        layout_keybar(ui, st);
        return;
    }
    /* the list: the selection in view */
    int lw = S(ui, LIST_W);
    if (lw > (ui->w - 2 * m) * 4 / 10)
        lw = (ui->w - 2 * m) * 4 / 10;
    st->list_w = lw;
    int rh = S(ui, ROW_H);
    st->rows_shown = (bottom - top) / rh;
    if (st->rows_shown < 1)
        st->rows_shown = 1;
    if (st->sel < st->top)
        st->top = st->sel;
    if (st->sel >= st->top + st->rows_shown)
        st->top = st->sel - st->rows_shown + 1;
    if (st->top < 0)
        st->top = 0;
    st->list = (SDL_Rect){m, top, lw, st->rows_shown * rh};
    /* the charts: measured, their scroll clamped */
    st->detail_x = m + lw + S(ui, 40);
    st->detail_w = ui->w - st->detail_x - m;
    st->detail_h = draw_detail(ui, &st->p[st->sel], st->detail_x, 0, st->detail_w, 0);
    st->detail_view = bottom - top;
    int max = st->detail_h - st->detail_view;
    if (max < 0)
        max = 0;
    if (ui->scroll > max)
        ui->scroll = max;
    if (ui->scroll < 0)
        ui->scroll = 0;
    st->can_play = lib_index(ui) >= 0;
    layout_keybar(ui, st);
}

void fl_history_draw(fl_ui *ui)
{
    const struct fl_history_state *st = ui->history;
    if (!st)
        return;

    int m = S(ui, MARGIN);
    fl_header(ui, T(ui, FL_W_HISTORY), 0, 1);
    int top = st->top_y, bottom = st->bottom_y;

    if (st->status != 0 || st->n == 0) {
        char msg[700];
        if (st->status == 2)
            snprintf(msg, sizeof(msg), "%s%s", T(ui, FL_W_HIST_ERROR), st->err);
        else
            snprintf(msg, sizeof(msg), "%s", T(ui, FL_W_HIST_EMPTY));
        fl_text_box(ui, F_BODY, fl_colors[C_MUTED], m, top, ui->w - 2 * m, msg, 1);
        draw_keybar(ui, st);
        return;
    }

    draw_list(ui, st);

    /* the charts: scrolled when they do not fit */
    int dx = st->detail_x, dw = st->detail_w;
    SDL_Rect clip = {dx - S(ui, 4), top - S(ui, 4), dw + S(ui, 8), bottom - top + S(ui, 8)};
    SDL_RenderSetClipRect(ui->ren, &clip);
    draw_detail(ui, &st->p[st->sel], dx, top - ui->scroll, dw, 1);
    SDL_RenderSetClipRect(ui->ren, NULL);
    int max = st->detail_h - st->detail_view;
    if (max > 0) {
        /* where the charts are scrolled to: a thin thumb at the right */
        int vh = st->detail_view, th = vh * vh / st->detail_h;
        int ty = top + (vh - th) * ui->scroll / max;
        fl_fill(ui, ui->w - S(ui, MARGIN) / 2 - S(ui, 2), top, S(ui, 4), vh, fl_colors[C_LINE]);
        fl_fill(ui, ui->w - S(ui, MARGIN) / 2 - S(ui, 2), ty, S(ui, 4), th, fl_colors[C_MUTED]);
    }
    draw_keybar(ui, st);
}

/* ---- events ------------------------------------------------------------------------------ */

static void select_row(fl_ui *ui, int i)
{
    struct fl_history_state *st = ui->history;
    if (!st->n)
        return;
    if (i < 0)
        i = 0;
    if (i >= (int)st->n)
        i = (int)st->n - 1;
    if (i != st->sel) {
        st->sel = i;
        ui->scroll = 0;
        ui->dirty = 1;
    }
}

static void scroll_detail(fl_ui *ui, int dy)
{
    struct fl_history_state *st = ui->history;
    int max = st->detail_h - st->detail_view;
    if (max < 0)
        max = 0;
    int s = ui->scroll + dy;
    if (s > max)
        s = max;
    if (s < 0)
        s = 0;
    if (s != ui->scroll) {
        ui->scroll = s;
        ui->dirty = 1;
    }
}

static void play(fl_ui *ui)
{
    int i = lib_index(ui);
    if (i < 0)
        return;
    ui->current = i;
    ui->lib_focus = i;
    fl_ui_go(ui, SCR_BRIEFING);
}

void fl_history_event(fl_ui *ui, const SDL_Event *e)
{
    struct fl_history_state *st = ui->history;
    if (!st)
        return;
    if (e->type == SDL_KEYDOWN) {
        if (e->key.keysym.mod & (KMOD_CTRL | KMOD_ALT | KMOD_GUI))
            return;
        switch (e->key.keysym.sym) {
        case SDLK_UP:
            select_row(ui, st->sel - 1);
            break;
        case SDLK_DOWN:
            select_row(ui, st->sel + 1);
            break;
        case SDLK_HOME:
            select_row(ui, 0);
            break;
        case SDLK_END:
            select_row(ui, (int)st->n - 1);
            break;
        case SDLK_PAGEUP:
            scroll_detail(ui, -(st->detail_view * 3 / 4));
            break;
        case SDLK_PAGEDOWN:
            scroll_detail(ui, st->detail_view * 3 / 4);
            break;
        case SDLK_TAB:
            ui->focus = !ui->focus;
            ui->dirty = 1;
            break;
        case SDLK_RETURN:
        case SDLK_KP_ENTER:
        case SDLK_SPACE:
            if (ui->focus == 1)
                fl_ui_go(ui, SCR_LIBRARY);
            else
                play(ui);
            break;
        case SDLK_ESCAPE:
        case SDLK_BACKSPACE:
        case SDLK_l:
            fl_ui_go(ui, SCR_LIBRARY);
            break;
        default:
            break;
        }
    } else if (e->type == SDL_MOUSEWHEEL) {
        int dy = fl_wheel_steps(e);
        int mx, my;
        fl_mouse_at(ui, &mx, &my);
        if (fl_inside(&st->list, mx, my))
            select_row(ui, st->sel - dy);
        else
            scroll_detail(ui, -dy * S(ui, 48));
    } else if (e->type == SDL_MOUSEBUTTONDOWN && e->button.button == SDL_BUTTON_LEFT) {
        int x = (int)((float)e->button.x * ui->dpi), y = (int)((float)e->button.y * ui->dpi);
        if (fl_inside(&st->button[0], x, y)) {
            play(ui);
        } else if (fl_inside(&st->button[1], x, y)) {
            fl_ui_go(ui, SCR_LIBRARY);
        } else if (fl_inside(&st->list, x, y)) {
            ui->focus = 0;
            ui->dirty = 1;
            int row = st->top + (y - st->list.y) / S(ui, ROW_H);
            if (row == st->sel && e->button.clicks >= 2)
                play(ui);
            else
                select_row(ui, row);
        }
    }
}
