/*
 * round_results.c - a stress round's results (ui.md "Stress round"), from ui->round once the
 * round is over or was left: the round's verdict (passed or not, and why: customers lost, the
 * mean score), a row per call (its number, the customer, the scenario, the score and band, the
 * outcome, a "Critical mistake" label), the timeline (one lane per call on a shared time axis:
 * the arrival, each wait for the trainee as a bar, each reply as a tick, a reply where the
 * manner slipped as a taller tick with a ring, a timeout as a cross, the hang-up as a square,
 * the end as a bar across the lane; a legend names each mark) and the round's figures (resolved
 * and lost, throughput, mean reply time and canned share with each number of calls at once,
 * responsiveness, composure or "no baseline yet", the time extension) and, when replies were
 * read aloud ("say it aloud"), the voice: how many, their mean loudness and pace, and how many
 * were too loud or too fast (fl_voice_judge's flags).
 *
 * Everything shown comes from the core's round (fl_round_call, fl_session_report,
 * fl_round_timeline, fl_round_figures_get), read once a visit; nothing is scored here.
 *
 * Keys: Up/Down choose a call (its row and its lane are marked), Enter or V opens its review
 * (ui->call = rp->calls[k]; the review's Back returns here), PageUp/PageDown, Home/End and the
 * wheel scroll, Esc or L goes back to the library. A click on a row opens that call's review;
 * the key hints can be clicked.
 *
 * Layout: one column that scrolls between the app's top bar and the key bar, so every text size
 * (75-200%) fits any window down to 800 x 500. fl_round_results_layout measures everything and
 * clamps the scroll; drawing reads the state and changes nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "round_play.h"
#include "ui.h"

enum {
    MARGIN = 32,
    LANE_H = 34,
    MAX_LEGEND = 7,
    MAX_FIGS = FL_ROUND_MAX_AT_ONCE + 9,
    MAX_TICKS = 64,
};

/* results.c: the "Critical mistake" label */
int fl_results__badge(fl_ui *ui, int x, int y, int maxw, int draw);

typedef struct {
    int arrived;
    fl_scores sc;
    const char *title, *customer;
    /* the row's geometry within the content (y from the content's top) */
    int y, h;
    int narrow; /* the score and outcome on a line of their own */
    /* the timeline: its lane's y within the content; its first and last moments */
    uint64_t from_ms, to_ms;
} call_row;

enum { LEG_WAIT, LEG_REPLY, LEG_SLIP, LEG_TIMEOUT, LEG_HANGUP, LEG_END, LEG_COUNT };

struct fl_round_results_state {
    const fl_round_play *rp;
    uint64_t visit;
    int ok;
    call_row *rows;
    uint32_t n;
    const fl_round_event *ev;
    size_t n_ev;
    uint64_t span_ms; /* the time axis: 0 .. span_ms */
    fl_round_figures fig;
    int sel;    /* the call chosen, 0-based */
    int reveal; /* the next layout scrolls the chosen row into view */

    /* the layout, in content coordinates (0: the content's top, before the scroll) */
    int lay_w, lay_h, lay_lang;
    float lay_scale;
    uint64_t lay_visit;
    int top, bottom; /* the scrolling view, window coordinates */
    int content_h, max_scroll;
    int verdict_h;
    char verdict[128], why[512], mean[600], left[600];
    int why_h, mean_h;
    int calls_y;
    int timeline_y, legend_y, lanes_y, axis_y;
    SDL_Rect legend[LEG_COUNT]; /* each item: its mark and word (content coordinates) */
    int label_w, plot_x, plot_w;
    int tick_s; /* seconds between the axis labels */
    int figures_y;
    char fig_text[MAX_FIGS][320];
    int fig_y[MAX_FIGS], n_figs;
    int voice_fig; /* the figure that is the voice's line, -1 none */
    fl_hint hs[3];
    int keybar_y;
};

/* ---- what is shown, read once a visit ------------------------------------------------------ */

/* The voice over every call of the round: replies read aloud (not taken back: a session's turns
 * are those that stand), their mean voiced loudness and pace, and the flags. 0 when none was. */
static uint32_t round_voice(const fl_round *r, double *rms, double *sps, uint32_t *loud,
                            uint32_t *fast)
{
    uint32_t read = 0;
    double sum_rms = 0, sum_sps = 0;
    *loud = *fast = 0;
    for (uint32_t k = 1; k <= fl_round_n_calls(r); k++) {
        fl_call_view v;
        if (fl_round_call(r, k, &v) != 0 || !v.session)
            continue;
        size_t n;
        const fl_turn *t = fl_session_turns(v.session, &n);
        for (size_t i = 0; i < n; i++) {
            if (!t[i].has_voice || (t[i].voice_flags & FL_VOICE_SILENT))
                continue; /* nothing heard: no loudness or pace to average */
            read++;
            sum_rms += t[i].voice.rms_dbfs;
            sum_sps += t[i].voice.syllables_per_s;
            *loud += (t[i].voice_flags & FL_VOICE_LOUD) != 0;
            *fast += (t[i].voice_flags & FL_VOICE_FAST) != 0;
        }
    }
    *rms = read ? sum_rms / read : 0;
    *sps = read ? sum_sps / read : 0;
    return read;
}

static void refresh(fl_ui *ui, const fl_round_play *rp)
{
    struct fl_round_results_state *st = ui->round_results;
    if (st->rp == rp && st->visit == ui->visit)
        return;
    int same_round = st->rp == rp && st->ok;
    free(st->rows);
    st->rows = NULL;
    st->n = 0;
    st->ok = 0;
    st->rp = rp;
    st->visit = ui->visit;
    st->lay_w = 0;
    if (!same_round) {
        st->sel = 0;
        ui->scroll = 0;
    }
    if (!rp->round)
        return;
    uint32_t n = fl_round_n_calls(rp->round);
    st->rows = calloc(n ? n : 1, sizeof(*st->rows));
    if (!st->rows)
        return;
    st->n = n;
    for (uint32_t i = 0; i < n; i++) {
        fl_call_view v;
        call_row *r = &st->rows[i];
        if (fl_round_call(rp->round, i + 1, &v) != 0 || !v.session)
            continue;
        fl_findings fs;
        memset(&fs, 0, sizeof(fs));
        if (fl_session_report(v.session, &r->sc, NULL, &fs) < 0)
            continue;
        fl_findings_free(&fs);
        const fl_scenario *s = fl_session_engine(v.session)->scenario;
        r->arrived = 1;
        r->title = s->title;
        r->customer = s->customer_name ? s->customer_name : "";
        r->from_ms = v.arrived_ms;
        r->to_ms = v.phase == FL_CALL_ENDED ? v.ended_ms : v.arrived_ms;
    }
    if (fl_round_figures_get(rp->round, rp->base.sessions ? &rp->base : NULL, &st->fig) != 0)
        return;
    st->ev = fl_round_timeline(rp->round, &st->n_ev);
    st->span_ms = st->fig.duration_ms;
    for (size_t k = 0; k < st->n_ev; k++) {
        const fl_round_event *e = &st->ev[k];
        if (e->at_ms > st->span_ms)
            st->span_ms = e->at_ms;
        if (e->call >= 1 && e->call <= n && e->at_ms > st->rows[e->call - 1].to_ms)
            st->rows[e->call - 1].to_ms = e->at_ms;
    }
    if (st->span_ms < 1000)
        st->span_ms = 1000;
    if (st->sel >= (int)n)
        st->sel = n ? (int)n - 1 : 0;
    st->ok = 1;
}

void fl_round_results_state_free(fl_ui *ui)
{
    struct fl_round_results_state *st = ui->round_results;
    if (!st)
        return;
    free(st->rows);
    free(st);
    ui->round_results = NULL;
}

/* ---- layout -----------------------------------------------------------------------------------
 */

static const fl_word_id legend_words[LEG_COUNT] = {
    FL_W_RR_LEG_WAIT,    FL_W_RR_LEG_REPLY,  FL_W_RR_LEG_SLIP,
    FL_W_RR_LEG_TIMEOUT, FL_W_RR_LEG_HANGUP, FL_W_RR_LEG_END,
};

static int mark_w(const fl_ui *ui)
{
    return S(ui, 26);
}

/* "74 · B · resolved", or that the call was not attempted. */
static void score_text(const fl_ui *ui, const call_row *r, char *buf, size_t n)
{
    if (!r->sc.attempted)
        snprintf(buf, n, "%s", T(ui, FL_W_RES_NOT_ATTEMPTED));
    else
        snprintf(buf, n, "%d \xC2\xB7 %c \xC2\xB7 %s", r->sc.overall, r->sc.band,
                 fl_outcome_label(ui, (int)r->sc.outcome));
}

static int row_pad(const fl_ui *ui)
{
    return S(ui, 8);
}

/* The seconds between the axis labels: the smallest of a few round steps whose labels do not
 * touch. */
static int tick_step(fl_ui *ui, int plot_w, uint64_t span_ms)
{
    static const int steps[] = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600};
    char label[32];
    snprintf(label, sizeof(label), T(ui, FL_W_RR_SECONDS), (unsigned)(span_ms / 1000 + 1));
    int need = fl_width(ui, F_SMALL, label) + S(ui, 16);
    for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        uint64_t n = span_ms / 1000 / (uint64_t)steps[i] + 1;
        if (n <= MAX_TICKS && (int64_t)plot_w * steps[i] * 1000 / (int64_t)span_ms >= need)
            return steps[i];
    }
    return 3600;
}

void fl_round_results_layout(fl_ui *ui, const fl_round_play *rp)
{
    if (!ui->round_results && !(ui->round_results = calloc(1, sizeof(*ui->round_results))))
        return;
    struct fl_round_results_state *st = ui->round_results;
    refresh(ui, rp);

    /* the key bar: its hints laid out from the bottom */
    int m = S(ui, MARGIN), cw = ui->w - 2 * m;
    st->hs[0] = (fl_hint){"Enter", T(ui, FL_W_RR_REVIEW), SDLK_RETURN, {0, 0, 0, 0}};
    st->hs[1] = (fl_hint){T(ui, FL_W_KEY_UPDOWN), T(ui, FL_W_RR_CHOOSE), SDLK_DOWN, {0, 0, 0, 0}};
    st->hs[2] = (fl_hint){"Esc", T(ui, FL_W_RES_LIBRARY), SDLK_ESCAPE, {0, 0, 0, 0}};
    int hh = fl_hints(ui, st->hs, 3, m, 0, cw, 0);
    int bar = hh + 2 * S(ui, 12);
    if (bar < fl_bar_height(ui))
        bar = fl_bar_height(ui);
    st->keybar_y = ui->h - bar;
    fl_hints(ui, st->hs, 3, m, st->keybar_y + (bar - hh) / 2, cw, 0);
    st->top = fl_bar_height(ui);
    st->bottom = st->keybar_y;

    if (st->ok && (st->lay_w != ui->w || st->lay_h != ui->h || st->lay_scale != ui->scale ||
                   st->lay_lang != ui->set.lang || st->lay_visit != ui->visit)) {
        st->lay_w = ui->w;
        st->lay_h = ui->h;
        st->lay_scale = ui->scale;
        st->lay_lang = ui->set.lang;
        st->lay_visit = ui->visit;
        const fl_round_figures *f = &st->fig;
        const fl_round_def *d = rp->def;
        uint32_t pass_lost = d ? d->pass_lost : 0, pass_mean = d ? d->pass_mean : 70;
        SDL_Color c = fl_colors[C_TEXT];
        int y = S(ui, 20);

        /* the verdict and why */
        snprintf(st->verdict, sizeof(st->verdict), "%s",
                 T(ui, f->passed ? FL_W_RR_PASSED : FL_W_RR_NOT_PASSED));
        st->verdict_h = fl_text_box(ui, F_TITLE, c, m, 0, cw, st->verdict, 0);
        y += st->verdict_h + S(ui, 4);
        st->why[0] = '\0';
        if (!f->passed) {
            size_t k = 0;
            if (f->lost > pass_lost)
                k += (size_t)snprintf(st->why, sizeof(st->why), T(ui, FL_W_RR_WHY_LOST), f->lost,
                                      pass_lost);
            if (k < sizeof(st->why) && (f->mean_score < 0 || f->mean_score < (int)pass_mean)) {
                if (k)
                    k += (size_t)snprintf(st->why + k, sizeof(st->why) - k, " ");
                if (k < sizeof(st->why)) {
                    if (f->mean_score < 0)
                        snprintf(st->why + k, sizeof(st->why) - k, "%s", T(ui, FL_W_RR_NO_MEAN));
                    else
                        snprintf(st->why + k, sizeof(st->why) - k, T(ui, FL_W_RR_WHY_MEAN),
                                 f->mean_score, pass_mean);
                }
            }
        }
        st->why_h = st->why[0] ? fl_text_box(ui, F_BOLD, c, m, 0, cw, st->why, 0) : 0;
        y += st->why_h + (st->why_h ? S(ui, 4) : 0);
        char served[256];
        snprintf(served, sizeof(served), T(ui, FL_W_ROUND_FIG_SERVED), f->arrived, f->customers,
                 f->resolved, f->lost);
        if (f->mean_score >= 0) {
            char mean[64];
            snprintf(mean, sizeof(mean), T(ui, FL_W_RR_MEAN), f->mean_score);
            snprintf(st->mean, sizeof(st->mean), "%s \xC2\xB7 %s", mean, served);
        } else {
            snprintf(st->mean, sizeof(st->mean), "%s", served);
        }
        st->mean_h = fl_text_box(ui, F_BODY, c, m, 0, cw, st->mean, 0);
        y += st->mean_h;
        st->left[0] = '\0';
        if (f->unfinished || f->arrived < f->customers) {
            snprintf(st->left, sizeof(st->left), "%s %s", T(ui, FL_W_RR_LEFT),
                     f->arrived < f->customers ? T(ui, FL_W_RR_NOT_ARRIVED) : "");
            y += S(ui, 4) + fl_text_box(ui, F_BODY, c, m, 0, cw, st->left, 0);
        }
        y += S(ui, 24);

        /* the calls: a row each; the score and outcome beside the name, or under the scenario
         * when they would squeeze it */
        y += fl_line_height(ui, F_BOLD) + S(ui, 8);
        st->calls_y = y;
        int lb = fl_line_height(ui, F_BOLD), ls = fl_line_height(ui, F_SMALL);
        int num_w = S(ui, 44);
        for (uint32_t i = 0; i < st->n; i++) {
            call_row *r = &st->rows[i];
            char sc[256];
            score_text(ui, r, sc, sizeof(sc));
            int sw = fl_width(ui, F_BOLD, sc);
            int badge_w =
                r->sc.critical ? fl_width(ui, F_BOLD, T(ui, FL_W_RES_CRITICAL_TAG)) + S(ui, 16) : 0;
            int text_w = cw - num_w - 2 * row_pad(ui);
            r->narrow = sw + badge_w + S(ui, 16) > text_w / 2;
            r->y = y;
            r->h = 2 * row_pad(ui) + lb + S(ui, 2) + ls;
            if (r->narrow)
                r->h += S(ui, 4) + (lb + S(ui, 2)) * (r->sc.critical ? 2 : 1);
            y += r->h + S(ui, 6);
        }
        y += S(ui, 24);

        /* the timeline: its heading, the legend (wrapped), the lanes, the axis */
        st->timeline_y = y;
        y += lb + S(ui, 8);
        st->legend_y = y;
        int lx = 0, ly = 0, item_h = fl_line_height(ui, F_SMALL) + S(ui, 4);
        for (int i = 0; i < LEG_COUNT; i++) {
            int w = mark_w(ui) + S(ui, 6) + fl_width(ui, F_SMALL, T(ui, legend_words[i]));
            if (w > cw)
                w = cw;
            if (lx && lx + w > cw) {
                lx = 0;
                ly += item_h;
            }
            st->legend[i] = (SDL_Rect){m + lx, y + ly, w, item_h};
            lx += w + S(ui, 20);
        }
        y += ly + item_h + S(ui, 10);
        st->lanes_y = y;
        int longest = 0;
        for (uint32_t i = 0; i < st->n; i++) {
            char lab[16];
            snprintf(lab, sizeof(lab), "%u", i + 1);
            int w = fl_width(ui, F_BOLD, lab);
            if (w > longest)
                longest = w;
        }
        st->label_w = longest + S(ui, 16);
        if (st->label_w < S(ui, 40))
            st->label_w = S(ui, 40);
        st->plot_x = m + st->label_w;
        st->plot_w = cw - st->label_w - S(ui, 12);
        if (st->plot_w < S(ui, 60))
            st->plot_w = S(ui, 60);
        y += (int)st->n * S(ui, LANE_H);
        st->axis_y = y + S(ui, 4);
        st->tick_s = tick_step(ui, st->plot_w, st->span_ms);
        y = st->axis_y + ls + S(ui, 28);

        /* the figures */
        st->figures_y = y;
        y += lb + S(ui, 8);
        int nf = 0;
        snprintf(st->fig_text[nf++], sizeof(st->fig_text[0]), T(ui, FL_W_ROUND_FIG_THROUGHPUT),
                 f->per_minute, (double)f->mean_reply_ms / 1000.0,
                 (int)(f->canned_share * 100.0 + 0.5));
        for (int i = 0; i < FL_ROUND_MAX_AT_ONCE && nf < MAX_FIGS; i++) {
            const fl_round_load *l = &f->by_load[i];
            if (!l->replies)
                continue;
            snprintf(st->fig_text[nf++], sizeof(st->fig_text[0]), T(ui, FL_W_ROUND_FIG_LOAD), i + 1,
                     l->replies, (double)l->mean_reply_ms / 1000.0,
                     (int)(100.0 * l->canned / l->replies + 0.5));
        }
        if (f->responsiveness >= 0 && nf < MAX_FIGS)
            snprintf(st->fig_text[nf++], sizeof(st->fig_text[0]), T(ui, FL_W_RR_RESPONSIVENESS),
                     f->responsiveness);
        if (nf < MAX_FIGS) {
            if (f->has_baseline)
                snprintf(st->fig_text[nf++], sizeof(st->fig_text[0]),
                         T(ui, FL_W_ROUND_FIG_COMPOSURE), f->composure, f->composure_tone,
                         f->composure_empathy);
            else
                snprintf(st->fig_text[nf++], sizeof(st->fig_text[0]), "%s",
                         T(ui, FL_W_ROUND_NO_BASELINE));
        }
        if (f->time_pct == 0 && nf < MAX_FIGS)
            snprintf(st->fig_text[nf++], sizeof(st->fig_text[0]), "%s", T(ui, FL_W_RR_UNTIMED));
        else if (f->time_pct != 100 && nf < MAX_FIGS)
            snprintf(st->fig_text[nf++], sizeof(st->fig_text[0]), T(ui, FL_W_ROUND_FIG_EXTENSION),
                     f->time_pct);
        st->voice_fig = -1;
        double rms, sps;
        uint32_t loud, fast, read = round_voice(rp->round, &rms, &sps, &loud, &fast);
        if (read && nf < MAX_FIGS) {
            st->voice_fig = nf;
            snprintf(st->fig_text[nf++], sizeof(st->fig_text[0]), T(ui, FL_W_RR_VOICE), read, rms,
                     sps, loud, fast);
        }
        st->n_figs = nf;
        /* the throughput, the mean reply times, the voice: 0,45 and 2,3 s in Russian */
        for (int i = 0; i < nf; i++)
            fl_decimal_comma(st->fig_text[i], ui->set.lang);
        for (int i = 0; i < nf; i++) {
            const char *t = st->fig_text[i];
            while (*t == ' ') /* the terminal's indent */
                t++;
            memmove(st->fig_text[i], t, strlen(t) + 1);
            st->fig_y[i] = y;
            y += fl_text_box(ui, F_BODY, c, m, 0, cw, st->fig_text[i], 0) + S(ui, 6);
        }
        st->content_h = y + S(ui, 20);
    }

    /* the scroll: within the content, the chosen row in view after a key chose it */
    int view = st->bottom - st->top;
    st->max_scroll = st->ok && st->content_h > view ? st->content_h - view : 0;
    if (st->ok && st->reveal && st->n) {
        const call_row *r = &st->rows[st->sel];
        if (r->y - S(ui, 8) < ui->scroll)
            ui->scroll = r->y - S(ui, 8);
        if (r->y + r->h + S(ui, 8) > ui->scroll + view)
            ui->scroll = r->y + r->h + S(ui, 8) - view;
    }
    st->reveal = 0;
    if (ui->scroll > st->max_scroll)
        ui->scroll = st->max_scroll;
    if (ui->scroll < 0)
        ui->scroll = 0;
}

/* ---- drawing -------------------------------------------------------------------------------- */

static int plot_at(const struct fl_round_results_state *st, uint64_t ms)
{
    if (ms > st->span_ms)
        ms = st->span_ms;
    return st->plot_x + (int)((int64_t)st->plot_w * (int64_t)ms / (int64_t)st->span_ms);
}

/* The marks (also the legend's): centred at x on a lane whose middle is cy. */
static void mark_wait(fl_ui *ui, int x0, int x1, int cy)
{
    int h = S(ui, 12), b = S(ui, 1) > 1 ? S(ui, 1) : 1;
    if (x1 - x0 < 2)
        x1 = x0 + 2;
    fl_fill(ui, x0, cy - h / 2, x1 - x0, h, fl_colors[C_MUTED]);
    fl_fill(ui, x0 + b, cy - h / 2 + b, x1 - x0 - 2 * b > 0 ? x1 - x0 - 2 * b : 0, h - 2 * b,
            fl_colors[C_CUSTOMER]);
}

static void mark_reply(fl_ui *ui, int x, int cy, int slipped)
{
    int w = S(ui, 3) > 2 ? S(ui, 3) : 2, h = S(ui, slipped ? 26 : 20);
    if (slipped) {
        /* taller, in the mistake colour, with a ring on top: not the colour alone */
        int r = S(ui, 5) > 3 ? S(ui, 5) : 3;
        fl_fill(ui, x - w / 2, cy - h / 2 + r, w, h - r, fl_colors[C_BAD]);
        fl_disc(ui, x, cy - h / 2 + r / 2, r, fl_colors[C_BAD]);
        fl_disc(ui, x, cy - h / 2 + r / 2, r / 2, fl_colors[C_PANEL]);
    } else {
        fl_fill(ui, x - w / 2, cy - h / 2, w, h, fl_colors[C_ACCENT]);
    }
}

static void mark_timeout(fl_ui *ui, int x, int cy)
{
    int r = S(ui, 6), t = S(ui, 3) > 2 ? S(ui, 3) : 2;
    fl_stroke(ui, x - r, cy - r, x + r, cy + r, t, fl_colors[C_WARN]);
    fl_stroke(ui, x - r, cy + r, x + r, cy - r, t, fl_colors[C_WARN]);
}

static void mark_hangup(fl_ui *ui, int x, int cy)
{
    int s = S(ui, 14);
    fl_fill(ui, x - s / 2, cy - s / 2, s, s, fl_colors[C_BAD]);
    fl_fill(ui, x - s / 4, cy - 1, s / 2, S(ui, 2) > 2 ? S(ui, 2) : 2, fl_colors[C_ON_ACCENT]);
}

static void mark_end(fl_ui *ui, int x, int cy)
{
    int w = S(ui, 4) > 3 ? S(ui, 4) : 3, h = S(ui, 24);
    fl_fill(ui, x - w / 2, cy - h / 2, w, h, fl_colors[C_TEXT]);
}

static void mark_arrive(fl_ui *ui, int x, int cy)
{
    int r = S(ui, 5) > 3 ? S(ui, 5) : 3;
    fl_disc(ui, x, cy, r, fl_colors[C_ACCENT]);
}

static void draw_legend_mark(fl_ui *ui, int i, int x, int cy)
{
    int mw = mark_w(ui);
    switch (i) {
    case LEG_WAIT:
        mark_wait(ui, x, x + mw, cy);
        break;
    case LEG_REPLY:
        mark_reply(ui, x + mw / 2, cy, 0);
        break;
    case LEG_SLIP:
        mark_reply(ui, x + mw / 2, cy, 1);
        break;
    case LEG_TIMEOUT:
        mark_timeout(ui, x + mw / 2, cy);
        break;
    case LEG_HANGUP:
        mark_hangup(ui, x + mw / 2, cy);
        break;
    default:
        mark_end(ui, x + mw / 2, cy);
        break;
    }
}

/* One call's lane: the line from its arrival to its end, the waits, the replies, the marks. */
static void draw_lane(fl_ui *ui, const struct fl_round_results_state *st, uint32_t i, int ly)
{
    const call_row *r = &st->rows[i];
    int lh = S(ui, LANE_H), cy = ly + lh / 2;
    int m = S(ui, MARGIN), cw = ui->w - 2 * m;
    if ((int)i == st->sel)
        fl_fill(ui, m, ly, cw, lh, fl_colors[C_PANEL]);
    char lab[16];
    snprintf(lab, sizeof(lab), "%u", i + 1);
    fl_trace_kind(ui, "rr-lane");
    fl_text(ui, (int)i == st->sel ? F_BOLD : F_BODY, fl_colors[C_TEXT], m + S(ui, 6),
            cy - fl_line_height(ui, F_BOLD) / 2, lab);
    fl_trace_kind(ui, NULL);
    SDL_Rect lane = {st->plot_x, ly, st->plot_w, lh};
    char name[32];
    snprintf(name, sizeof(name), "rr-lane-%u", i + 1);
    fl_trace_region(ui, name, &lane);
    if (!r->arrived)
        return;
    int x0 = plot_at(st, r->from_ms), x1 = plot_at(st, r->to_ms);
    fl_fill(ui, x0, cy - 1, x1 - x0 > 1 ? x1 - x0 : 1, S(ui, 2) > 2 ? S(ui, 2) : 2,
            fl_colors[C_LINE]);
    /* the waits first, the marks over them */
    int64_t wait_from = -1;
    for (size_t k = 0; k < st->n_ev; k++) {
        const fl_round_event *e = &st->ev[k];
        if (e->call != i + 1)
            continue;
        if (e->kind == FL_RE_LINE || e->kind == FL_RE_UNDO) {
            if (wait_from < 0)
                wait_from = (int64_t)e->at_ms;
        } else if (e->kind == FL_RE_REPLY || e->kind == FL_RE_TIMEOUT || e->kind == FL_RE_HANGUP ||
                   e->kind == FL_RE_END) {
            if (wait_from >= 0)
                mark_wait(ui, plot_at(st, (uint64_t)wait_from), plot_at(st, e->at_ms), cy);
            wait_from = e->kind == FL_RE_TIMEOUT ? (int64_t)e->at_ms : -1;
        }
    }
    if (wait_from >= 0)
        mark_wait(ui, plot_at(st, (uint64_t)wait_from), x1, cy);
    /* the end under the other marks (a hang-up or a timeout ends a call at the same moment) */
    for (size_t k = 0; k < st->n_ev; k++)
        if (st->ev[k].call == i + 1 && st->ev[k].kind == FL_RE_END)
            mark_end(ui, plot_at(st, st->ev[k].at_ms), cy);
    for (size_t k = 0; k < st->n_ev; k++) {
        const fl_round_event *e = &st->ev[k];
        if (e->call != i + 1)
            continue;
        int x = plot_at(st, e->at_ms);
        switch (e->kind) {
        case FL_RE_ARRIVE:
            mark_arrive(ui, x, cy);
            break;
        case FL_RE_REPLY:
            mark_reply(ui, x, cy, e->slipped);
            break;
        case FL_RE_TIMEOUT:
            mark_timeout(ui, x, cy);
            break;
        case FL_RE_HANGUP:
            mark_hangup(ui, x, cy);
            break;
        default:
            break;
        }
    }
}

static void draw_row(fl_ui *ui, const struct fl_round_results_state *st, uint32_t i, int y)
{
    const call_row *r = &st->rows[i];
    int m = S(ui, MARGIN), cw = ui->w - 2 * m, pad = row_pad(ui);
    int b = S(ui, 1) > 1 ? S(ui, 1) : 1, rad = S(ui, 8);
    int sel = (int)i == st->sel;
    fl_round_rect(ui, m, y, cw, r->h, rad, fl_colors[sel ? C_MUTED : C_LINE]);
    fl_round_rect(ui, m + b, y + b, cw - 2 * b, r->h - 2 * b, rad, fl_colors[C_PANEL]);
    if (sel)
        fl_ring(ui, m, y, cw, r->h);
    fl_trace_kind(ui, "rr-call");
    int lb = fl_line_height(ui, F_BOLD), ls = fl_line_height(ui, F_SMALL);
    int num_w = S(ui, 44);
    char num[16];
    snprintf(num, sizeof(num), "%u", i + 1);
    int dr = S(ui, 14);
    fl_disc(ui, m + pad + dr, y + pad + lb / 2, dr, fl_colors[C_ACCENT]);
    fl_text(ui, F_BOLD, fl_colors[C_ON_ACCENT], m + pad + dr - fl_width(ui, F_BOLD, num) / 2,
            y + pad, num);
    int tx = m + pad + num_w, tw = cw - num_w - 2 * pad;
    char sc[256];
    score_text(ui, r, sc, sizeof(sc));
    SDL_Color scc = r->sc.attempted ? fl_score_color(r->sc.overall) : fl_colors[C_MUTED];
    int sw = fl_width(ui, F_BOLD, sc);
    int badge_w =
        r->sc.critical ? fl_width(ui, F_BOLD, T(ui, FL_W_RES_CRITICAL_TAG)) + S(ui, 16) : 0;
    int name_w = r->narrow ? tw : tw - sw - badge_w - S(ui, 24);
    fl_text_cut(ui, F_BOLD, fl_colors[C_TEXT], tx, y + pad, name_w, r->customer);
    fl_text_cut(ui, F_SMALL, fl_colors[C_MUTED], tx, y + pad + lb + S(ui, 2), name_w, r->title);
    if (!r->narrow) {
        int sx = m + cw - pad - sw;
        fl_text(ui, F_BOLD, scc, sx, y + pad, sc);
        if (r->sc.critical)
            fl_results__badge(ui, sx - badge_w - S(ui, 8), y + pad - S(ui, 1), badge_w, 1);
    } else {
        int sy = y + pad + lb + S(ui, 2) + ls + S(ui, 4);
        fl_text_cut(ui, F_BOLD, scc, tx, sy, tw, sc);
        if (r->sc.critical)
            fl_results__badge(ui, tx, sy + lb + S(ui, 2), tw, 1);
    }
    fl_trace_kind(ui, NULL);
}

void fl_round_results_draw(fl_ui *ui, const fl_round_play *rp)
{
    const struct fl_round_results_state *st = ui->round_results;
    if (!st)
        return;
    int m = S(ui, MARGIN), cw = ui->w - 2 * m;
    SDL_Color text = fl_colors[C_TEXT], muted = fl_colors[C_MUTED];
    if (!st->ok) {
        fl_text(ui, F_BODY, muted, m, st->top + S(ui, 24), T(ui, FL_W_RR_NOTHING));
    } else {
        SDL_Rect view = {0, st->top, ui->w, st->bottom - st->top};
        fl_trace_region(ui, "rr-view", &view);
        SDL_RenderSetClipRect(ui->ren, &view);
        int oy = st->top - ui->scroll; /* content -> window */
        int y = oy + S(ui, 20);
        fl_trace_kind(ui, "rr-verdict");
        y += fl_text_box(ui, F_TITLE, fl_colors[st->fig.passed ? C_GOOD : C_BAD], m, y, cw,
                         st->verdict, 1) +
             S(ui, 4);
        fl_trace_kind(ui, NULL);
        if (st->why[0])
            y += fl_text_box(ui, F_BOLD, fl_colors[C_BAD], m, y, cw, st->why, 1) + S(ui, 4);
        y += fl_text_box(ui, F_BODY, text, m, y, cw, st->mean, 1);
        if (st->left[0])
            fl_text_box(ui, F_BODY, muted, m, y + S(ui, 4), cw, st->left, 1);

        int lb = fl_line_height(ui, F_BOLD);
        fl_text(ui, F_BOLD, text, m, oy + st->calls_y - lb - S(ui, 8), T(ui, FL_W_RR_CALLS));
        for (uint32_t i = 0; i < st->n; i++) {
            const call_row *r = &st->rows[i];
            if (oy + r->y + r->h < st->top || oy + r->y > st->bottom)
                continue;
            draw_row(ui, st, i, oy + r->y);
        }

        fl_text(ui, F_BOLD, text, m, oy + st->timeline_y, T(ui, FL_W_RR_TIMELINE));
        fl_trace_kind(ui, "rr-legend");
        for (int i = 0; i < LEG_COUNT; i++) {
            SDL_Rect r = st->legend[i];
            int cy = oy + r.y + r.h / 2;
            draw_legend_mark(ui, i, r.x, cy);
            fl_text_cut(ui, F_SMALL, muted, r.x + mark_w(ui) + S(ui, 6), oy + r.y + S(ui, 2),
                        r.w - mark_w(ui) - S(ui, 6), T(ui, legend_words[i]));
        }
        fl_trace_kind(ui, NULL);
        SDL_Rect tl = {m, oy + st->lanes_y, cw, (int)st->n * S(ui, LANE_H)};
        fl_trace_region(ui, "rr-timeline", &tl);
        /* the axis' grid, then the lanes, then the seconds under them */
        char lab[32];
        for (int s = 0; (uint64_t)s * 1000 <= st->span_ms; s += st->tick_s) {
            int x = plot_at(st, (uint64_t)s * 1000);
            fl_fill(ui, x, tl.y, 1, tl.h + S(ui, 4), fl_colors[C_LINE]);
            snprintf(lab, sizeof(lab), T(ui, FL_W_RR_SECONDS), (unsigned)s);
            int w = fl_width(ui, F_SMALL, lab);
            int lx = x - w / 2;
            if (lx + w > m + cw)
                lx = m + cw - w;
            fl_trace_kind(ui, "rr-axis");
            fl_text(ui, F_SMALL, muted, lx, oy + st->axis_y, lab);
            fl_trace_kind(ui, NULL);
        }
        for (uint32_t i = 0; i < st->n; i++) {
            int ly = oy + st->lanes_y + (int)i * S(ui, LANE_H);
            if (ly + S(ui, LANE_H) < st->top || ly > st->bottom)
                continue;
            draw_lane(ui, st, i, ly);
        }

        fl_text(ui, F_BOLD, text, m, oy + st->figures_y, T(ui, FL_W_RR_FIGURES));
        for (int i = 0; i < st->n_figs; i++) {
            fl_trace_kind(ui, i == st->voice_fig ? "rr-voice" : "rr-figure");
            fl_text_box(ui, F_BODY, text, m, oy + st->fig_y[i], cw, st->fig_text[i], 1);
        }
        fl_trace_kind(ui, NULL);
        SDL_RenderSetClipRect(ui->ren, NULL);

        if (st->max_scroll > 0) {
            int tw = S(ui, 4) > 2 ? S(ui, 4) : 2, tx = ui->w - S(ui, 12);
            int track = view.h - 2 * S(ui, 8);
            int thumb = (int)((long long)track * view.h / st->content_h);
            int ty =
                view.y + S(ui, 8) + (int)((long long)(track - thumb) * ui->scroll / st->max_scroll);
            fl_round_rect(ui, tx, view.y + S(ui, 8), tw, track, tw / 2, fl_colors[C_LINE]);
            fl_round_rect(ui, tx, ty, tw, thumb, tw / 2, fl_colors[C_MUTED]);
        }
    }
    char where[512];
    snprintf(where, sizeof(where), "%s \xC2\xB7 %s", T(ui, FL_W_ROUND_RESULTS),
             rp->def && rp->def->title ? rp->def->title : "");
    fl_header(ui, where, 1, 1);

    fl_fill(ui, 0, st->keybar_y, ui->w, ui->h - st->keybar_y, fl_colors[C_PANEL]);
    fl_fill(ui, 0, st->keybar_y, ui->w, 1, fl_colors[C_LINE]);
    fl_hint hs[3];
    memcpy(hs, st->hs, sizeof(hs));
    fl_hints(ui, hs, 3, m, st->hs[0].r.y, cw, 1);
}

/* ---- events --------------------------------------------------------------------------------- */

static void open_review(fl_ui *ui, const fl_round_play *rp)
{
    struct fl_round_results_state *st = ui->round_results;
    if (!st->ok || st->sel < 0 || (uint32_t)st->sel >= st->n || !rp->calls || !rp->calls[st->sel])
        return;
    ui->call = rp->calls[st->sel];
    ui->review_turn = 1;
    fl_ui_go(ui, SCR_REVIEW);
}

static void choose(fl_ui *ui, int sel)
{
    struct fl_round_results_state *st = ui->round_results;
    if (!st->n)
        return;
    if (sel < 0)
        sel = 0;
    if (sel >= (int)st->n)
        sel = (int)st->n - 1;
    st->sel = sel;
    st->reveal = 1;
    ui->dirty = 1;
}

static void scroll_by(fl_ui *ui, int dy)
{
    struct fl_round_results_state *st = ui->round_results;
    int s = ui->scroll + dy;
    if (s > st->max_scroll)
        s = st->max_scroll;
    if (s < 0)
        s = 0;
    if (s != ui->scroll) {
        ui->scroll = s;
        ui->dirty = 1;
    }
}

static void key(fl_ui *ui, const fl_round_play *rp, SDL_Keycode k)
{
    struct fl_round_results_state *st = ui->round_results;
    int page = st->bottom - st->top - S(ui, 60);
    switch (k) {
    case SDLK_UP:
        choose(ui, st->sel - 1);
        break;
    case SDLK_DOWN:
        choose(ui, st->sel + 1);
        break;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_SPACE:
    case SDLK_v:
        open_review(ui, rp);
        break;
    case SDLK_PAGEUP:
        scroll_by(ui, -page);
        break;
    case SDLK_PAGEDOWN:
        scroll_by(ui, page);
        break;
    case SDLK_HOME:
        scroll_by(ui, -ui->scroll);
        break;
    case SDLK_END:
        scroll_by(ui, st->max_scroll - ui->scroll);
        break;
    case SDLK_ESCAPE:
    case SDLK_l:
    case SDLK_BACKSPACE:
        fl_ui_go(ui, SCR_LIBRARY);
        break;
    default:
        break;
    }
}

void fl_round_results_event(fl_ui *ui, const fl_round_play *rp, const SDL_Event *e)
{
    struct fl_round_results_state *st = ui->round_results;
    if (!st)
        return;
    if (e->type == SDL_KEYDOWN) {
        if (e->key.keysym.mod & (KMOD_CTRL | KMOD_ALT | KMOD_GUI))
            return;
        key(ui, rp, e->key.keysym.sym);
    } else if (e->type == SDL_MOUSEWHEEL) {
        scroll_by(ui, -fl_wheel_steps(e) * S(ui, 48));
    } else if (e->type == SDL_MOUSEBUTTONDOWN && e->button.button == SDL_BUTTON_LEFT) {
        int x = (int)((float)e->button.x * ui->dpi), y = (int)((float)e->button.y * ui->dpi);
        for (int i = 0; i < 3; i++)
            if (fl_inside(&st->hs[i].r, x, y)) {
                key(ui, rp, st->hs[i].code);
                return;
            }
        if (!st->ok || y < st->top || y >= st->bottom)
            return;
        int m = S(ui, MARGIN), cy = y - st->top + ui->scroll;
        for (uint32_t i = 0; i < st->n; i++) {
            const call_row *r = &st->rows[i];
            int in_row = cy >= r->y && cy < r->y + r->h;
            int lane_y = st->lanes_y + (int)i * S(ui, LANE_H);
            int in_lane = cy >= lane_y && cy < lane_y + S(ui, LANE_H);
            if ((in_row || in_lane) && x >= m && x < ui->w - m) {
                st->sel = (int)i;
                ui->dirty = 1;
                if (in_row)
                    open_review(ui, rp);
                return;
            }
        }
    }
}
