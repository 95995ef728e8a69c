/*
 * results.c - the results screen, shown when a conversation has ended (or was left): the
 * overall score, band and outcome, whether it passed and why not, a bar per dimension, the
 * customer's mood over the call with markers where points were lost, the findings with their
 * better alternatives (a scrollable list), and the simulated post-call survey. V reviews, R
 * retries (straight into a new conversation), H opens the history, L or Esc goes back to the
 * library; Tab moves the focus over these buttons (and the findings when they scroll), Enter
 * presses the focused one. Up/Down, PageUp/PageDown, Home/End and the wheel scroll the findings.
 *
 * Critical mistakes (scoring.md) are said in words, never by colour alone: "Not passed: 1
 * critical mistake" and the score before it ("86 before the critical mistake") beside the
 * score; the dimensions under the pass floor named with the floor; the critical findings first
 * in the list, each card with a "Critical mistake" label and a border in the mistake colour;
 * a "!" marker on the chart. A trainer's note is shown inside the card of the finding it
 * explains. A session with no turn at all shows "Not attempted" and why, and nothing else: no
 * score, bars, survey, chart or findings.
 *
 * Everything shown comes from fl_session_report(), run once each time the screen is entered
 * (or when the session in st->cur changes) and kept until then; nothing is scored here.
 *
 * Layout, in design pixels at 1280 x 720 and text size 100% (the "wide" layout, used while the
 * window is at least S(1200) x S(680) and the left column fits above the key bar; smaller
 * windows or larger text get one scrolling column):
 *   the app's top bar (about 53 px), left column x 32..592 (w 560), right column x 632..1248,
 *   a key bar of the same height at the bottom.
 *   score: a disc of radius 36 at (32, 76), the overall score, band and outcome beside it,
 *     then passed or not and why (wrapped), the mode, and why the call ended early when it did.
 *   dimension bars: one row per dimension in fl_dimension order, rows 36 high, the first row's
 *     top at y = 168, or 16 under the score's text when that is taller (a critical mistake or
 *     a dimension under the floor adds lines); in each row the bar (fl_bar) is at x = 222, y =
 *     row top + 12, 300 wide, 12 high; its fill is 300 * score / 100 pixels (truncated) in
 *     fl_score_color(score); a dimension that did not apply is the bare track (C_LINE) with
 *     "n/a" beside it. So with a two-line score the bars' tops are y = 180, 216, 252, 288, 324,
 *     360, 396 and all span x 222..521: track #D5DAE1, fill #2E7D32 (70 and more), #B26A00
 *     (40..69) or #C62828 (below 40). A score of 0 also leaves the bare track; the number beside
 *     it (at the right, ending at x 592) tells 0 from "n/a". A dimension under the floor has its
 *     name in bold #C62828.
 *   survey: three tiles 20 under the bars; mood chart at x 632..1248, y 108..288 (its legend
 *     under the heading when both do not fit); findings list from y 340 down to the key bar.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "ui.h"

enum {
    MARGIN = 32,
    COL_W = 560,   /* left column */
    RIGHT_X = 632, /* right column (wide layout) */
    BAR_DX = 190,  /* bar x relative to the column */
    BAR_W = 300,
    BAR_H = 12,
    ROW_H = 36,
    SCORE_Y = 76,
    DIMS_Y = 168,
    CHART_H = 180,
    WIDE_W = 1200, /* design width and height the two-column layout needs */
    WIDE_H = 680,
    N_BUTTONS = 4,
};
/* The focus: the key bar's buttons, or a finding (st->finding) */
enum { B_REVIEW, B_RETRY, B_HISTORY, B_LIBRARY, FOCUS_LIST = N_BUTTONS };

/* ---- a finding as a card (also used by review.c and history.c) --------------------------------
 */

int fl_results__finding(fl_ui *ui, const fl_finding *f, int x, int y, int w, SDL_Color bg,
                        const char *reading, int draw);
SDL_Color fl_results__severity_color(const fl_finding *f);
int fl_results__badge(fl_ui *ui, int x, int y, int maxw, int draw);
void fl_results__crit_marker(fl_ui *ui, int cx, int cy, int r);

/* The colour that marks a finding: red for a mistake (and every critical one), amber for a
 * warning, green for points won back, the accent for a remark. */
SDL_Color fl_results__severity_color(const fl_finding *f)
{
    if (f->critical || f->severity == FL_FIND_MISTAKE)
        return fl_colors[C_BAD];
    if (f->severity == FL_FIND_WARNING)
        return fl_colors[C_WARN];
    return fl_colors[f->points > 0 ? C_GOOD : C_ACCENT];
}

/* The "Critical mistake" label: white bold words on the mistake colour, at x, y, at most maxw
 * wide (the words cut when longer). Returns its height; draw 0 only measures. */
int fl_results__badge(fl_ui *ui, int x, int y, int maxw, int draw)
{
    const char *tag = T(ui, FL_W_RES_CRITICAL_TAG);
    int pad = S(ui, 8), h = fl_line_height(ui, F_BOLD) + S(ui, 2);
    if (!draw)
        return h;
    int w = fl_width(ui, F_BOLD, tag) + 2 * pad;
    if (w > maxw)
        w = maxw;
    fl_round_rect(ui, x, y, w, h, S(ui, 4), fl_colors[C_BAD]);
    fl_text_cut(ui, F_BOLD, fl_colors[C_ON_ACCENT], x + pad, y + S(ui, 1), w - 2 * pad, tag);
    return h;
}

/* A critical mistake's marker: a disc in the mistake colour with a white "!" (not the colour
 * alone), centred at cx, cy. */
void fl_results__crit_marker(fl_ui *ui, int cx, int cy, int r)
{
    fl_disc(ui, cx, cy, r, fl_colors[C_BAD]);
    int ew = fl_width(ui, F_SMALL, "!");
    fl_text(ui, F_SMALL, fl_colors[C_ON_ACCENT], cx - ew / 2, cy - fl_line_height(ui, F_SMALL) / 2,
            "!");
}

/* Why a session that scored was not passed, in words: what (bold: "Not passed: 1 critical
 * mistake", or the dimensions under the floor), also (the dimensions under the floor when a
 * critical mistake came first) and before (the score before the cap, when it changed it). All
 * "" when it was passed, or failed on the score alone. */
static void fail_text(const fl_ui *ui, const fl_scores *sc, const fl_scenario *s, char *what,
                      char *also, char *before, size_t n)
{
    what[0] = also[0] = before[0] = '\0';
    if (!sc->attempted)
        return;
    int floor = s->params[FL_P_PASS_FLOOR];
    /* "Empathy 20 and Apology 40" / "«Эмпатия» 20 и «Извинение» 40" (RES_FLOOR_DIM) */
    char dims[512] = "";
    size_t k = 0;
    int count = 0, total = __builtin_popcount(sc->below_floor);
    for (int d = 0; d < FL_DIM_COUNT && k < sizeof(dims); d++) {
        if (!(sc->below_floor & (1u << d)))
            continue;
        const char *sep = count == 0 ? "" : count == total - 1 ? T(ui, FL_W_RES_AND) : ", ";
        int r = snprintf(dims + k, sizeof(dims) - k, T(ui, FL_W_RES_FLOOR_DIM), sep,
                         fl_dim_label(ui, d), sc->score[d]);
        if (r < 0)
            break;
        k += (size_t)r;
        count++;
    }
    if (sc->critical) {
        /* "1 critical mistake", «2 критические ошибки», «5 критических ошибок» */
        int c = sc->critical;
        char count_text[96];
        snprintf(what, n, T(ui, FL_W_RES_CRIT_FAIL),
                 fl_format_count(count_text, sizeof count_text, ui->set.lang, c,
                                 FL_W_PL_CRITICAL_MISTAKES));
        if (count)
            snprintf(also, n, T(ui, FL_W_RES_FLOOR_ALSO), dims, floor);
        if (sc->raw != sc->overall) /* else the cap changed nothing: no score "before" */
            snprintf(before, n, T(ui, c == 1 ? FL_W_RES_BEFORE_CRIT_1 : FL_W_RES_BEFORE_CRIT_N),
                     sc->raw);
    } else if (count) {
        snprintf(what, n, T(ui, FL_W_RES_FLOOR_FAIL), dims, floor);
        if (sc->raw != sc->overall)
            snprintf(before, n, T(ui, FL_W_RES_BEFORE_FLOOR), sc->raw, floor);
    }
}

/*
 * Draws (draw 1) or measures (draw 0) one finding as a card at x, y, w wide on a background
 * of colour bg: a stripe in the severity colour; for a critical mistake a border in the mistake
 * colour and a "Critical mistake" label first; "Turn 3 · Ownership" and the points; the
 * message; the trainer's note (labelled, on a tinted panel); and the better alternative.
 * Returns the card's height. Its text layouts are fl_layout's (measured once and kept), so
 * drawing it again costs no measuring.
 */
int fl_results__finding(fl_ui *ui, const fl_finding *f, int x, int y, int w, SDL_Color bg,
                        const char *reading, int draw)
{
    int pad = S(ui, 12), stripe = S(ui, 4) > 3 ? S(ui, 4) : 3, r = S(ui, 8);
    int border = f->critical ? (S(ui, 2) > 1 ? S(ui, 2) : 1) : 0;
    int tx = x + stripe + pad, tw = w - stripe - 2 * pad - border;
    char head[256], pts[16] = "";
    int k = 0;
    if (f->turn)
        k = snprintf(head, sizeof(head), T(ui, FL_W_TURN), (unsigned)f->turn);
    else
        k = snprintf(head, sizeof(head), "%s", T(ui, FL_W_WHOLE_CONVERSATION));
    if (k < 0 || (size_t)k >= sizeof(head))
        k = 0;
    snprintf(head + k, sizeof(head) - (size_t)k, " · %s",
             f->dimension >= 0 && f->dimension < FL_DIM_COUNT ? fl_dim_label(ui, f->dimension)
                                                              : T(ui, FL_W_NOTE));
    if (f->dimension >= 0 && f->points != 0)
        snprintf(pts, sizeof(pts), "%+d", f->points);
    int pw = pts[0] ? fl_width(ui, F_BOLD, pts) + S(ui, 12) : 0;

    int h = S(ui, 10);
    int badge_y = y + h;
    if (f->critical)
        h += fl_results__badge(ui, tx, badge_y, tw, 0) + S(ui, 8);
    int head_y = y + h;
    /* the heading wraps (beside the points) rather than run under them */
    h += fl_text_box(ui, F_BOLD, fl_colors[C_TEXT], tx, head_y, tw - pw, head, 0) + S(ui, 2);
    int msg_y = y + h;
    h += fl_text_box(ui, F_BODY, fl_colors[C_TEXT], tx, msg_y, tw, f->message, 0);
    int note_y = 0, note_h = 0, np = S(ui, 10);
    if (f->note && f->note[0]) {
        h += S(ui, 8);
        note_y = y + h;
        note_h =
            np +
            fl_text_box(ui, F_BOLD, fl_colors[C_TEXT], 0, 0, tw - 2 * np, T(ui, FL_W_NOTE), 0) +
            S(ui, 2) + fl_text_box(ui, F_BODY, fl_colors[C_TEXT], 0, 0, tw - 2 * np, f->note, 0) +
            np;
        h += note_h;
    }
    /* a typed reply: the words its signals were read from, so the finding can be understood */
    int read_y = 0;
    char read[600];
    if (reading) {
        snprintf(read, sizeof(read), "%s %s", T(ui, FL_W_RES_READ_AS), reading);
        h += S(ui, 6);
        read_y = y + h;
        h += fl_text_box(ui, F_SMALL, fl_colors[C_MUTED], tx, read_y, tw, read, 0);
    }
    int better_y = y + h + S(ui, 6);
    int lw = 0;
    char better[64];
    snprintf(better, sizeof(better), "%s:", T(ui, FL_W_BETTER));
    if (f->better && f->better[0]) {
        lw = fl_width(ui, F_BOLD, better) + S(ui, 6);
        h += S(ui, 6) +
             fl_text_box(ui, F_BODY, fl_colors[C_TEXT], tx + lw, better_y, tw - lw, f->better, 0);
    }
    h += S(ui, 12);
    if (!draw)
        return h;

    /* the card, then its content over it */
    SDL_Color sev = fl_results__severity_color(f);
    fl_round_rect(ui, x, y, w, h, r, sev);
    fl_round_rect(ui, x + stripe, y + border, w - stripe - border, h - 2 * border, r, bg);
    fl_fill(ui, x + stripe, y + border, r, h - 2 * border, bg);
    if (f->critical)
        fl_results__badge(ui, tx, badge_y, tw, 1);
    fl_text_box(ui, F_BOLD, fl_colors[C_TEXT], tx, head_y, tw - pw, head, 1);
    if (pts[0])
        fl_text(ui, F_BOLD, fl_colors[C_TEXT], tx + tw - fl_width(ui, F_BOLD, pts), head_y, pts);
    fl_text_box(ui, F_BODY, fl_colors[C_TEXT], tx, msg_y, tw, f->message, 1);
    if (note_h) {
        fl_round_rect(ui, tx, note_y, tw, note_h, S(ui, 6), fl_colors[C_CUSTOMER]);
        int ny = note_y + np;
        ny += fl_text_box(ui, F_BOLD, fl_colors[C_TEXT], tx + np, ny, tw - 2 * np, T(ui, FL_W_NOTE),
                          1) +
              S(ui, 2);
        fl_text_box(ui, F_BODY, fl_colors[C_TEXT], tx + np, ny, tw - 2 * np, f->note, 1);
    }
    if (read_y)
        fl_text_box(ui, F_SMALL, fl_colors[C_MUTED], tx, read_y, tw, read, 1);
    if (lw) {
        fl_text(ui, F_BOLD, fl_colors[C_GOOD], tx, better_y, better);
        fl_text_box(ui, F_BODY, fl_colors[C_TEXT], tx + lw, better_y, tw - lw, f->better, 1);
    }
    return h;
}

/* ---- the report, kept between frames ------------------------------------------------------ */

/* The replies read aloud (the tone meter's figures on the session's turns), summed up for the
 * Voice panel. */
typedef struct {
    unsigned replies;            /* the trainee's replies (not timeouts or hang-ups) */
    unsigned voiced;             /* read aloud and measured */
    unsigned heard;              /* of those, not silent: the means are over these */
    float rms, rate;             /* mean loudness (dBFS) and rate (syllables a second) */
    unsigned pauses;             /* all the pauses */
    unsigned loud, fast, silent; /* replies flagged so */
    float fastest;               /* the highest rate of a reply flagged fast */
} voice_sum;

struct fl_results_state {
    const fl_session *ss;
    size_t turns;
    int ended;
    uint64_t visit; /* the screen's visit (fl_ui.visit) the report was made in */
    int ok;         /* the report was made */
    fl_scores sc;
    fl_survey sv;
    fl_findings fs;
    /* the findings' layout: card heights at a width and scale */
    int *card_h;
    int lay_w;
    float lay_scale;
    int lay_lang;
    int list_h; /* all cards with their gaps */
    /* the layout (fl_results_layout), for drawing and events */
    SDL_Rect button[N_BUTTONS];
    SDL_Rect list;
    int max_scroll;
    int mode;                /* what is shown: M_NOTHING, M_NOT_ATTEMPTED, M_WIDE, M_COLUMN */
    int dims_y, survey_y;    /* the wide layout's left column */
    int chart_y, findings_y; /* its right column: the chart, the findings' heading */
    int voice_y;             /* the Voice panel's top (wide) or offset under the score (column) */
    voice_sum vs;            /* the replies read aloud; vs.voiced 0: no Voice panel */
    int finding;             /* the finding focused (focus FOCUS_LIST) */
    int *card_off;           /* each card's top from the list's first card */
    int cards_y;             /* where the first card is: screen y at scroll 0 */
    int scroll_hint;         /* the key bar's scroll hint fits */
    /* the call shown (set by the layout step): its session and mode */
    const fl_session *cur;
    int assessment;
};

/* Sums up the replies read aloud: how many, their mean loudness and rate over those heard, the
 * pauses, and how many were flagged loud, fast or silent (fl_voice_judge's flags). */
static void sum_voice(const fl_session *ss, voice_sum *v)
{
    memset(v, 0, sizeof(*v));
    size_t n = 0;
    const fl_turn *t = ss ? fl_session_turns(ss, &n) : NULL;
    for (size_t i = 0; i < n; i++) {
        if (t[i].reply >= 0 || t[i].typed)
            v->replies++;
        if (!t[i].has_voice)
            continue;
        v->voiced++;
        uint32_t f = t[i].voice_flags;
        if (f & FL_VOICE_SILENT) {
            v->silent++;
            continue;
        }
        v->heard++;
        v->rms += t[i].voice.rms_dbfs;
        v->rate += t[i].voice.syllables_per_s;
        v->pauses += t[i].voice.pauses;
        if (f & FL_VOICE_LOUD)
            v->loud++;
        if (f & FL_VOICE_FAST) {
            v->fast++;
            if (t[i].voice.syllables_per_s > v->fastest)
                v->fastest = t[i].voice.syllables_per_s;
        }
    }
    if (v->heard) {
        v->rms /= (float)v->heard;
        v->rate /= (float)v->heard;
    }
}

/* Makes the report again when the screen was just entered or the session changed. */
static void refresh(fl_ui *ui)
{
    struct fl_results_state *st = ui->results;
    size_t n = 0;
    if (st->cur)
        fl_session_turns(st->cur, &n);
    int ended = st->cur ? fl_session_ended(st->cur) : 0;
    if (st->ok && st->visit == ui->visit && st->ss == st->cur && st->turns == n &&
        st->ended == ended)
        return;
    st->visit = ui->visit;
    fl_findings_free(&st->fs);
    free(st->card_h);
    st->card_h = NULL;
    free(st->card_off);
    st->card_off = NULL;
    st->ok = 0;
    st->lay_w = 0;
    st->ss = st->cur;
    st->turns = n;
    st->ended = ended;
    if (!st->cur)
        return;
    memset(&st->fs, 0, sizeof(st->fs));
    if (fl_session_report(st->cur, &st->sc, &st->sv, &st->fs) < 0)
        return;
    st->card_h = calloc(st->fs.n ? st->fs.n : 1, sizeof(*st->card_h));
    st->card_off = calloc(st->fs.n ? st->fs.n : 1, sizeof(*st->card_off));
    if (!st->card_h || !st->card_off) {
        fl_findings_free(&st->fs);
        return;
    }
    st->finding = 0;
    sum_voice(st->cur, &st->vs);
    st->ok = 1;
}

/* Measures the cards again when the width, the scale or the language changed. */
/* The trigger words of the typed reply a finding is about, or NULL (a choice, a timeout, the
 * whole conversation, or no session). */
static const char *reading(fl_ui *ui, const fl_finding *f)
{
    const struct fl_results_state *st = ui->results;
    size_t n;
    if (!st->cur || f->turn == 0 || f->reply < 0)
        return NULL;
    const fl_turn *turns = fl_session_turns(st->cur, &n);
    if (f->turn > n || !turns[f->turn - 1].typed)
        return NULL;
    const char *t = turns[f->turn - 1].triggers;
    return t && t[0] ? t : T(ui, FL_W_NO_SIGNAL);
}

static void layout_cards(fl_ui *ui, int w)
{
    struct fl_results_state *st = ui->results;
    if (st->lay_w == w && st->lay_scale == ui->scale && st->lay_lang == ui->set.lang)
        return;
    st->lay_w = w;
    st->lay_scale = ui->scale;
    st->lay_lang = ui->set.lang;
    st->list_h = 0;
    for (size_t i = 0; i < st->fs.n; i++) {
        st->card_h[i] = fl_results__finding(ui, &st->fs.items[i], 0, 0, w, fl_colors[C_PANEL],
                                            reading(ui, &st->fs.items[i]), 0);
        st->card_off[i] = st->list_h;
        st->list_h += st->card_h[i] + S(ui, 10);
    }
    if (st->fs.n == 0)
        st->list_h = fl_line_height(ui, F_BODY) + S(ui, 8);
}

/* ---- the parts of the screen --------------------------------------------------------------- */

/* The top bar: the product, where the trainee is, who is signed in. */
static void draw_topbar(fl_ui *ui)
{
    const struct fl_results_state *st = ui->results;
    char where[512];
    if (st->cur)
        snprintf(where, sizeof(where), "%s · %s", T(ui, FL_W_RESULTS),
                 fl_session_engine(st->cur)->scenario->title);
    else
        snprintf(where, sizeof(where), "%s", T(ui, FL_W_RESULTS));
    fl_header(ui, where, 1, 1); /* cut: a long title must not push the trainee out */
}

/* Text wrapped in a column, drawn only with draw; returns its height (0 for empty text). */
static int para(fl_ui *ui, int font, SDL_Color c, int x, int y, int w, const char *text, int draw)
{
    return text && text[0] ? fl_text_box(ui, font, c, x, y, w, text, draw) : 0;
}

/* The score disc and beside it: the overall score, band and outcome; passed or not and why
 * (a critical mistake and the score before it, or the dimensions under the floor); the mode;
 * and why the call ended early when it did. A session with no turn at all shows "Not
 * attempted" and why instead of any score. Draws with draw, else only measures. Returns the
 * height used. */
static int draw_header(fl_ui *ui, int x, int y, int w, int draw)
{
    const struct fl_results_state *st = ui->results;
    const fl_scores *sc = &st->sc;
    const fl_state *fst = fl_session_state(st->cur);
    const fl_scenario *s = fl_session_engine(st->cur)->scenario;
    int r = S(ui, 36);
    int tx = x + 2 * r + S(ui, 18), tw = w - (tx - x);
    const char *mode = T(ui, st->assessment ? FL_W_ASSESSMENT : FL_W_PRACTICE);
    int ty = y + S(ui, 2);
    if (!sc->attempted) {
        if (draw) {
            fl_disc(ui, x + r, y + r, r, fl_colors[C_LINE]);
            int dw = fl_width(ui, F_TITLE, "–");
            fl_text(ui, F_TITLE, fl_colors[C_MUTED], x + r - dw / 2,
                    y + r - fl_line_height(ui, F_TITLE) / 2, "–");
        }
        ty += para(ui, F_TITLE, fl_colors[C_TEXT], tx, ty, tw, T(ui, FL_W_RES_NOT_ATTEMPTED), draw);
        ty += para(ui, F_BODY, fl_colors[C_TEXT], tx, ty, tw, T(ui, FL_W_RES_NOT_ATTEMPTED_WHY),
                   draw);
        ty += para(ui, F_BODY, fl_colors[C_MUTED], tx, ty, tw, mode, draw);
        int h = ty - y;
        return h > 2 * r ? h : 2 * r;
    }
    if (draw) {
        fl_disc(ui, x + r, y + r, r, fl_score_color(sc->overall));
        char num[16];
        snprintf(num, sizeof(num), "%d", sc->overall);
        int nw = fl_width(ui, F_TITLE, num);
        fl_voicing_mute(ui, 1); /* "Overall 74" beside it says it */
        fl_text(ui, F_TITLE, fl_colors[C_ON_ACCENT], x + r - nw / 2,
                y + r - fl_line_height(ui, F_TITLE) / 2, num);
        fl_voicing_mute(ui, 0);
    }

    char line[512];
    const char *outcome = fl_outcome_label(ui, (int)sc->outcome);
    /* "Overall 74 · band C · resolved" in large type; the outcome goes to the next line when
     * the three do not fit */
    snprintf(line, sizeof(line), "%s %d · %s %c · %s", T(ui, FL_W_RES_OVERALL), sc->overall,
             T(ui, FL_W_BAND), sc->band, outcome);
    int outcome_below = fl_width(ui, F_TITLE, line) > tw;
    if (outcome_below)
        snprintf(line, sizeof(line), "%s %d · %s %c", T(ui, FL_W_RES_OVERALL), sc->overall,
                 T(ui, FL_W_BAND), sc->band);
    ty += para(ui, F_TITLE, fl_colors[C_TEXT], tx, ty, tw, line, draw);
    if (outcome_below)
        ty += para(ui, F_BOLD, fl_colors[C_TEXT], tx, ty, tw, outcome, draw);

    /* passed or not, and why: "Not passed: 1 critical mistake", then the mode on the same line
     * when both fit, else under it */
    char what[768], also[768], before[768];
    fail_text(ui, sc, s, what, also, before, sizeof(what));
    if (!what[0] && st->ended)
        snprintf(what, sizeof(what), "%s", T(ui, sc->passed ? FL_W_PASSED : FL_W_NOT_PASSED));
    SDL_Color pc = fl_colors[sc->passed ? C_GOOD : C_BAD];
    int gap = S(ui, 12);
    int ww = what[0] ? fl_width(ui, F_BOLD, what) : 0, mw = fl_width(ui, F_BODY, mode);
    if (what[0] && ww + gap + mw <= tw) {
        if (draw) {
            fl_text(ui, F_BOLD, pc, tx, ty, what);
            fl_text(ui, F_BODY, fl_colors[C_MUTED], tx + ww + gap, ty, mode);
        }
        ty += fl_line_height(ui, F_BOLD);
    } else {
        ty += para(ui, F_BOLD, pc, tx, ty, tw, what, draw);
        ty += para(ui, F_BODY, fl_colors[C_MUTED], tx, ty, tw, mode, draw);
    }
    ty += para(ui, F_BOLD, pc, tx, ty, tw, also, draw);
    ty += para(ui, F_BODY, fl_colors[C_TEXT], tx, ty, tw, before, draw);
    /* why it ended early, when it did */
    const char *why = fst->hung_up ? T(ui, FL_W_HUNG_UP) : !st->ended ? T(ui, FL_W_RES_LEFT) : NULL;
    ty += para(ui, F_BODY, fl_colors[C_MUTED], tx, ty, tw, why, draw);
    int h = ty - y;
    return h > 2 * r ? h : 2 * r;
}

/* The dimension bars (see the geometry at the top). Returns the height used. */
static int draw_dims(fl_ui *ui, int x, int y, int w)
{
    const struct fl_results_state *st = ui->results;
    int bx = x + S(ui, BAR_DX), bw = S(ui, BAR_W);
    int room = w - S(ui, BAR_DX) - S(ui, 60);
    if (bw > room)
        bw = room;
    int lh = fl_line_height(ui, F_BODY);
    for (int d = 0; d < FL_DIM_COUNT; d++) {
        int ry = y + d * S(ui, ROW_H);
        int cy = ry + S(ui, ROW_H) / 2;
        /* a dimension under the pass floor: its name in bold, in the mistake colour (the
         * header names it in words too) */
        if (st->sc.below_floor & (1u << d))
            fl_text(ui, F_BOLD, fl_colors[C_BAD], x, cy - fl_line_height(ui, F_BOLD) / 2,
                    fl_dim_label(ui, d));
        else
            fl_text(ui, F_BODY, fl_colors[C_TEXT], x, cy - lh / 2, fl_dim_label(ui, d));
        int by = ry + S(ui, (ROW_H - BAR_H) / 2);
        char num[16];
        const char *label;
        int font = F_BOLD;
        if (st->sc.applicable[d]) {
            fl_bar(ui, bx, by, bw, S(ui, BAR_H), st->sc.score[d], 100,
                   fl_score_color(st->sc.score[d]));
            snprintf(num, sizeof(num), "%d", st->sc.score[d]);
            label = num;
        } else {
            fl_bar(ui, bx, by, bw, S(ui, BAR_H), 0, 100, fl_colors[C_LINE]);
            label = T(ui, FL_W_RES_NA);
            font = F_BODY;
        }
        int nw = fl_width(ui, font, label);
        int right = bx + bw + S(ui, COL_W - BAR_DX - BAR_W); /* x + w in the wide layout */
        if (right > x + w)
            right = x + w;
        fl_text(ui, font, fl_colors[st->sc.applicable[d] ? C_TEXT : C_MUTED], right - nw,
                cy - fl_line_height(ui, font) / 2, label);
    }
    return FL_DIM_COUNT * S(ui, ROW_H);
}

/* The survey: three tiles, each with its question, the answer on its scale and a short bar in
 * the colour of what the answer means. Draws with draw, else only measures. Returns the height
 * used. */
static int draw_survey(fl_ui *ui, int x, int y, int w, int draw)
{
    const struct fl_results_state *st = ui->results;
    int h0 = y;
    if (draw)
        fl_text(ui, F_BOLD, fl_colors[C_TEXT], x, y, T(ui, FL_W_RES_SURVEY));
    y += fl_line_height(ui, F_BOLD) + S(ui, 8);
    if (!st->ended)
        return y + para(ui, F_BODY, fl_colors[C_MUTED], x, y, w, T(ui, FL_W_RES_NO_SURVEY), draw) -
               h0;
    const struct {
        int v, max, pct;
        fl_word_id label;
    } tile[3] = {
        {st->sv.csat, 5, (st->sv.csat - 1) * 25, FL_W_RES_CSAT},
        {st->sv.ces, 7, (7 - st->sv.ces) * 100 / 6, FL_W_RES_CES},
        {st->sv.nps, 10, st->sv.nps * 10, FL_W_RES_NPS},
    };
    int gap = S(ui, 16), tw = (w - 2 * gap) / 3, pad = S(ui, 12);
    int sh = fl_line_height(ui, F_SMALL), th_title = fl_line_height(ui, F_TITLE);
    /* the tallest label decides the tiles' height */
    int label_h = 0;
    for (int i = 0; i < 3; i++) {
        int lh = fl_text_box(ui, F_SMALL, fl_colors[C_MUTED], 0, 0, tw - 2 * pad,
                             T(ui, tile[i].label), 0);
        if (lh > label_h)
            label_h = lh;
    }
    if (label_h < sh)
        label_h = sh;
    int th = S(ui, 10) + label_h + S(ui, 2) + th_title + S(ui, 8);
    for (int i = 0; draw && i < 3; i++) {
        int tx = x + i * (tw + gap);
        fl_round_rect(ui, tx, y, tw, th, S(ui, 8), fl_colors[C_PANEL]);
        fl_text_box(ui, F_SMALL, fl_colors[C_MUTED], tx + pad, y + S(ui, 10), tw - 2 * pad,
                    T(ui, tile[i].label), 1);
        int vy = y + S(ui, 10) + label_h + S(ui, 2);
        char v[32];
        snprintf(v, sizeof(v), "%d", tile[i].v);
        int vw = fl_text(ui, F_TITLE, fl_colors[C_TEXT], tx + pad, vy, v);
        char m[16];
        snprintf(m, sizeof(m), "/ %d", tile[i].max);
        int bl = vy + th_title - fl_line_height(ui, F_BODY) - S(ui, 2); /* on the baseline */
        fl_text(ui, F_BODY, fl_colors[C_MUTED], tx + pad + vw + S(ui, 6), bl, m);
        int bw = S(ui, 40);
        fl_bar(ui, tx + tw - pad - bw, vy + th_title / 2, bw, S(ui, 6), tile[i].pct, 100,
               fl_score_color(tile[i].pct));
    }
    return y + th - h0;
}

/* The chart heading with its legend (a critical mistake, a mistake, a warning) at the right,
 * or on a line of its own under the heading when both do not fit. Returns the height used. */
static int draw_chart_heading(fl_ui *ui, int x, int y, int w, int draw)
{
    const struct fl_results_state *st = ui->results;
    if (draw)
        fl_text(ui, F_BOLD, fl_colors[C_TEXT], x, y, T(ui, FL_W_RES_MOOD_CHART));
    int sh = fl_line_height(ui, F_SMALL), dot = S(ui, 5), cr = S(ui, 8);
    const struct {
        fl_word_id word;
        int color; /* -1: the critical marker */
    } items[3] = {{FL_W_RES_WARNING, C_WARN}, {FL_W_RES_MISTAKE, C_BAD}, {FL_W_CRITICAL, -1}};
    int n = st->sc.critical ? 3 : 2; /* the critical marker only when there is one */
    int lw = 0;
    for (int i = 0; i < n; i++)
        lw += fl_width(ui, F_SMALL, T(ui, items[i].word)) + S(ui, 6) +
              2 * (items[i].color < 0 ? cr : dot) + (i ? S(ui, 16) : 0);
    int bold = fl_line_height(ui, F_BOLD), h = bold + S(ui, 8);
    int ly = y + (bold - sh) / 2;
    if (fl_width(ui, F_BOLD, T(ui, FL_W_RES_MOOD_CHART)) + S(ui, 24) + lw > w) {
        ly = y + bold + S(ui, 4); /* under the heading */
        h += sh + S(ui, 8);
    }
    int lx = x + w;
    for (int i = 0; draw && i < n; i++) {
        const char *t = T(ui, items[i].word);
        int r = items[i].color < 0 ? cr : dot;
        lx -= fl_width(ui, F_SMALL, t);
        fl_text(ui, F_SMALL, fl_colors[C_MUTED], lx, ly, t);
        lx -= r + S(ui, 6);
        if (items[i].color < 0)
            fl_results__crit_marker(ui, lx, ly + sh / 2, r);
        else
            fl_disc(ui, lx, ly + sh / 2, r, fl_colors[items[i].color]);
        lx -= r + S(ui, 16);
    }
    return h;
}

static int chart_x(int px, int pw, size_t n, size_t i)
{
    return px + (n ? (int)((long long)pw * (long long)i / (long long)n) : pw / 2);
}

static int chart_y(int py, int ph, int mood)
{
    return py + (int)((long long)ph * (100 - mood) / 200);
}

/* The customer's mood after every turn (turn 0: the start), with markers at the turns where a
 * finding cost points, coloured by its severity. */
static void draw_chart(fl_ui *ui, int x, int y, int w, int h)
{
    const struct fl_results_state *st = ui->results;
    const fl_scenario *s = fl_session_engine(st->cur)->scenario;
    size_t n;
    const fl_turn *turns = fl_session_turns(st->cur, &n);
    fl_round_rect(ui, x, y, w, h, S(ui, 8), fl_colors[C_PANEL]);
    int sh = fl_line_height(ui, F_SMALL);
    int px = x + S(ui, 52), pw = w - S(ui, 52) - S(ui, 20);
    int py = y + S(ui, 14), ph = h - S(ui, 14) - sh - S(ui, 12);
    /* the scale: +100, 0, -100 */
    static const char *const ylab[3] = {"+100", "0", "-100"};
    for (int i = 0; i < 3; i++) {
        int gy = py + ph * i / 2;
        fl_fill(ui, px, gy, pw, i == 1 ? S(ui, 2) : 1, fl_colors[C_LINE]);
        int lw = fl_width(ui, F_SMALL, ylab[i]);
        fl_text(ui, F_SMALL, fl_colors[C_MUTED], px - S(ui, 10) - lw, gy - sh / 2, ylab[i]);
    }
    /* the turn numbers under the axis, thinned out so they never overlap */
    size_t step = 1;
    int slot = S(ui, 30);
    while (n && (long long)pw * (long long)step / (long long)n < slot)
        step++;
    for (size_t i = 0; i <= n; i += step) {
        char t[16];
        snprintf(t, sizeof(t), "%zu", i);
        int tw = fl_width(ui, F_SMALL, t);
        fl_text(ui, F_SMALL, fl_colors[C_MUTED], chart_x(px, pw, n, i) - tw / 2, py + ph + S(ui, 6),
                t);
    }
    /* the line and its points */
    int t3 = S(ui, 3) > 2 ? S(ui, 3) : 2;
    int prev_x = chart_x(px, pw, n, 0), prev_y = chart_y(py, ph, s->start_mood);
    for (size_t i = 0; i < n; i++) {
        int cx = chart_x(px, pw, n, i + 1), cy = chart_y(py, ph, turns[i].mood);
        fl_stroke(ui, prev_x, prev_y, cx, cy, t3, fl_colors[C_ACCENT]);
        prev_x = cx;
        prev_y = cy;
    }
    int pr = S(ui, 4) > 2 ? S(ui, 4) : 2;
    fl_disc(ui, chart_x(px, pw, n, 0), chart_y(py, ph, s->start_mood), pr, fl_colors[C_ACCENT]);
    for (size_t i = 0; i < n; i++)
        fl_disc(ui, chart_x(px, pw, n, i + 1), chart_y(py, ph, turns[i].mood), pr,
                fl_colors[C_ACCENT]);
    /* the markers: the most severe finding that cost points at each turn; a critical mistake
     * is a larger marker with a "!" */
    int mr = S(ui, 7) > 4 ? S(ui, 7) : 4, cr = S(ui, 8) > 5 ? S(ui, 8) : 5;
    for (size_t i = 0; i < n; i++) {
        const fl_finding *worst = NULL;
        for (size_t k = 0; k < st->fs.n; k++) {
            const fl_finding *f = &st->fs.items[k];
            if (f->turn != i + 1 || (f->points >= 0 && !f->critical))
                continue;
            if (!worst || f->critical > worst->critical ||
                (f->critical == worst->critical && f->severity > worst->severity))
                worst = f;
        }
        if (!worst)
            continue;
        int cx = chart_x(px, pw, n, i + 1), cy = chart_y(py, ph, turns[i].mood);
        int rr = worst->critical ? cr : mr;
        fl_disc(ui, cx, cy, rr + S(ui, 2), fl_colors[C_PANEL]);
        if (worst->critical)
            fl_results__crit_marker(ui, cx, cy, rr);
        else
            fl_disc(ui, cx, cy, rr, fl_results__severity_color(worst));
    }
}

/* One flag of the Voice panel: its name in bold in the flag's colour, marked with "!" so it is
 * not told by colour alone, then the advice. Returns the height used. */
static int voice_flag(fl_ui *ui, int x, int y, int w, int colour, fl_word_id name,
                      const char *advice, int draw)
{
    char head[160];
    snprintf(head, sizeof(head), "! %s", T(ui, name));
    int h = para(ui, F_BOLD, fl_colors[colour], x, y, w, head, draw);
    h += para(ui, F_BODY, fl_colors[C_TEXT], x, y + h, w, advice, draw);
    return h + S(ui, 8);
}

/* The Voice panel (only when a reply was read aloud): how many replies were, their mean
 * loudness and rate and the pauses, then each flag with a sentence of advice, or that it was
 * calm and clear. Beside the score, not in it: a scenario whose rubric scores the voice says
 * so, and its Tone findings carry the points. Draws with draw, else only measures. Returns the
 * height used (0 without voice). */
static int draw_voice(fl_ui *ui, int x, int y, int w, int draw)
{
    const struct fl_results_state *st = ui->results;
    const voice_sum *v = &st->vs;
    if (!v->voiced)
        return 0;
    int pad = S(ui, 14), tw = w - 2 * pad, ty = y + pad;
    const fl_scenario *s = fl_session_engine(st->cur)->scenario;
    if (draw) {
        int b = S(ui, 1) > 1 ? S(ui, 1) : 1;
        int h = draw_voice(ui, x, y, w, 0);
        fl_round_rect(ui, x, y, w, h, S(ui, 8), fl_colors[C_LINE]);
        fl_round_rect(ui, x + b, y + b, w - 2 * b, h - 2 * b, S(ui, 8), fl_colors[C_PANEL]);
    }
    fl_trace_kind(ui, "voice");
    ty += para(ui, F_BOLD, fl_colors[C_TEXT], x + pad, ty, tw, T(ui, FL_W_VOICE_PANEL), draw);
    ty += para(ui, F_SMALL, fl_colors[C_MUTED], x + pad, ty, tw,
               T(ui, s->voice_scored ? FL_W_VOICE_PANEL_SCORED : FL_W_VOICE_PANEL_ABOUT), draw);
    ty += S(ui, 6);
    char line[400];
    snprintf(line, sizeof(line), T(ui, FL_W_VOICE_READ), v->voiced, v->replies);
    ty += para(ui, F_BODY, fl_colors[C_TEXT], x + pad, ty, tw, line, draw);
    if (v->heard) {
        snprintf(line, sizeof(line), T(ui, FL_W_VOICE_LOUDNESS), (double)v->rms);
        ty += para(ui, F_BODY, fl_colors[C_TEXT], x + pad, ty, tw, line, draw);
        snprintf(line, sizeof(line), T(ui, FL_W_VOICE_RATE), (double)v->rate);
        fl_decimal_comma(line, ui->set.lang);
        ty += para(ui, F_BODY, fl_colors[C_TEXT], x + pad, ty, tw, line, draw);
        snprintf(line, sizeof(line), T(ui, FL_W_VOICE_PAUSES), v->pauses,
                 (double)v->pauses / (double)v->heard);
        fl_decimal_comma(line, ui->set.lang);
        ty += para(ui, F_BODY, fl_colors[C_TEXT], x + pad, ty, tw, line, draw);
    }
    ty += S(ui, 8);
    char advice[600];
    if (v->loud) {
        snprintf(advice, sizeof(advice), T(ui, FL_W_VOICE_ADVICE_LOUD), v->loud);
        ty += voice_flag(ui, x + pad, ty, tw, C_BAD, FL_W_VOICE_FLAG_LOUD, advice, draw);
    }
    if (v->fast) {
        snprintf(advice, sizeof(advice), T(ui, FL_W_VOICE_ADVICE_FAST), (double)v->fastest,
                 v->fast);
        fl_decimal_comma(advice, ui->set.lang);
        ty += voice_flag(ui, x + pad, ty, tw, C_BAD, FL_W_VOICE_FLAG_FAST, advice, draw);
    }
    if (v->silent) {
        snprintf(advice, sizeof(advice), T(ui, FL_W_VOICE_ADVICE_SILENT), v->silent);
        ty += voice_flag(ui, x + pad, ty, tw, C_BAD, FL_W_VOICE_FLAG_SILENT, advice, draw);
    }
    if (v->heard && !v->loud && !v->fast)
        ty += para(ui, F_BOLD, fl_colors[C_GOOD], x + pad, ty, tw, T(ui, FL_W_VOICE_CALM), draw) +
              S(ui, 8);
    fl_trace_kind(ui, NULL);
    return ty - S(ui, 8) + pad - y;
}

/* The findings heading. Returns the height used. */
static int draw_findings_heading(fl_ui *ui, int x, int y)
{
    const struct fl_results_state *st = ui->results;
    char head[128];
    snprintf(head, sizeof(head), "%s (%zu)", T(ui, FL_W_FINDINGS), st->fs.n);
    fl_text(ui, F_BOLD, fl_colors[C_TEXT], x, y, head);
    return fl_line_height(ui, F_BOLD) + S(ui, 8);
}

/* The cards from y on; only those between top and bottom are drawn. */
static void draw_cards(fl_ui *ui, int x, int y, int w, int top, int bottom)
{
    const struct fl_results_state *st = ui->results;
    if (st->fs.n == 0) {
        fl_text(ui, F_BODY, fl_colors[C_MUTED], x, y + S(ui, 4), T(ui, FL_W_NO_FINDINGS));
        return;
    }
    int focused = ui->focus == FOCUS_LIST ? st->finding : -1;
    for (size_t i = 0; i < st->fs.n && y < bottom; i++) {
        if (y + st->card_h[i] > top) {
            /* self-voicing says the focused card whole, also what is scrolled out of view */
            if ((int)i == focused)
                fl_voicing_label_begin(ui);
            fl_results__finding(ui, &st->fs.items[i], x, y, w, fl_colors[C_PANEL],
                                reading(ui, &st->fs.items[i]), 1);
            if ((int)i == focused)
                fl_voicing_label_end(ui);
        }
        y += st->card_h[i] + S(ui, 10);
    }
}

/* The key bar: Review, Retry, History, Library as buttons with their keys (focus 0..3), and
 * how to scroll the findings when they do not fit. */
static const struct {
    const char *key;
    fl_word_id label;
} buttons[N_BUTTONS] = {
    [B_REVIEW] = {"V", FL_W_REVIEW},
    [B_RETRY] = {"R", FL_W_RES_RETRY},
    [B_HISTORY] = {"H", FL_W_HISTORY},
    [B_LIBRARY] = {"L", FL_W_RES_LIBRARY},
};

/* The key bar's buttons, and whether the scroll hint fits after them. */
static void layout_keybar(fl_ui *ui)
{
    struct fl_results_state *st = ui->results;
    int top = ui->h - fl_bar_height(ui);
    int lh = fl_line_height(ui, F_BOLD), pad = S(ui, 6);
    int x = S(ui, MARGIN), y = top + (fl_bar_height(ui) - lh) / 2;
    for (int i = 0; i < N_BUTTONS; i++) {
        int w = fl_width(ui, F_BOLD, buttons[i].key) + 3 * pad +
                fl_width(ui, F_BODY, T(ui, buttons[i].label));
        st->button[i] = (SDL_Rect){x - S(ui, 4), y - S(ui, 4), w + S(ui, 8), lh + S(ui, 8)};
        x += w + S(ui, 28);
    }
    const char *key = T(ui, FL_W_KEY_UPDOWN), *label = T(ui, FL_W_SCROLL);
    int ew = fl_width(ui, F_BOLD, key) + 3 * pad + fl_width(ui, F_BODY, label);
    st->scroll_hint = st->max_scroll > 0 && x + ew < ui->w - S(ui, MARGIN);
}

static void draw_keybar(fl_ui *ui)
{
    const struct fl_results_state *st = ui->results;
    int top = ui->h - fl_bar_height(ui);
    fl_fill(ui, 0, top, ui->w, fl_bar_height(ui), fl_colors[C_PANEL]);
    fl_fill(ui, 0, top, ui->w, 1, fl_colors[C_LINE]);
    for (int i = 0; i < N_BUTTONS; i++) {
        const SDL_Rect *b = &st->button[i];
        fl_key_hint(ui, b->x + S(ui, 4), b->y + S(ui, 4), buttons[i].key, T(ui, buttons[i].label));
        if (ui->focus == i)
            fl_focus_ring(ui, b->x, b->y, b->w, b->h);
    }
    if (st->scroll_hint) {
        const char *key = T(ui, FL_W_KEY_UPDOWN), *label = T(ui, FL_W_SCROLL);
        int ew = fl_width(ui, F_BOLD, key) + 3 * S(ui, 6) + fl_width(ui, F_BODY, label);
        fl_key_hint(ui, ui->w - S(ui, MARGIN) - ew, st->button[0].y + S(ui, 4), key, label);
    }
}

static void clamp_scroll(fl_ui *ui, int content, int view)
{
    struct fl_results_state *st = ui->results;
    st->max_scroll = content > view ? content - view : 0;
    if (ui->scroll > st->max_scroll)
        ui->scroll = st->max_scroll;
    if (ui->scroll < 0)
        ui->scroll = 0;
}

void fl_results_state_free(fl_ui *ui)
{
    struct fl_results_state *st = ui->results;
    if (!st)
        return;
    fl_findings_free(&st->fs);
    free(st->card_h);
    free(st->card_off);
    free(st);
    ui->results = NULL;
}

enum { M_NOTHING, M_NOT_ATTEMPTED, M_WIDE, M_COLUMN };

static SDL_Rect focused_card(const fl_ui *ui);
static void scroll_by(fl_ui *ui, int dy);

/* Decides the layout (two columns when the window is large enough and the left one fits above
 * the key bar, else one scrolling column), measures the findings, clamps the scroll, keeps the
 * focus on something shown and places the key bar's buttons. */
void fl_results_layout(fl_ui *ui, const fl_call_ui *call)
{
    if (!ui->results && !(ui->results = calloc(1, sizeof(*ui->results))))
        return;
    struct fl_results_state *st = ui->results;
    st->cur = call ? call->ss : NULL;
    st->assessment = call ? call->assessment : 0;
    refresh(ui);

    int m = S(ui, MARGIN);
    int top = fl_bar_height(ui), bottom = ui->h - fl_bar_height(ui);
    int cw = ui->w - 2 * m;
    st->list = (SDL_Rect){0, 0, 0, 0};
    if (!st->ok) {
        st->mode = M_NOTHING;
        clamp_scroll(ui, 0, 1);
    } else if (!st->sc.attempted) {
        st->mode = M_NOT_ATTEMPTED;
        st->list = (SDL_Rect){0, top, ui->w, bottom - top};
        int h = draw_header(ui, m, 0, cw, 0) + S(ui, 20);
        clamp_scroll(ui, h + S(ui, 20), bottom - top);
    } else {
        int wide = ui->w >= S(ui, WIDE_W) && ui->h >= S(ui, WIDE_H);
        int lw = S(ui, COL_W);
        if (wide) {
            st->dims_y = S(ui, SCORE_Y) + draw_header(ui, m, S(ui, SCORE_Y), lw, 0) + S(ui, 16);
            if (st->dims_y < S(ui, DIMS_Y))
                st->dims_y = S(ui, DIMS_Y);
            st->survey_y = st->dims_y + FL_DIM_COUNT * S(ui, ROW_H) + S(ui, 20);
            wide = st->survey_y + draw_survey(ui, m, st->survey_y, lw, 0) <= bottom - S(ui, 12);
        }
        int rx = S(ui, RIGHT_X), rw = ui->w - rx - m;
        int y = S(ui, SCORE_Y), view_bottom = bottom - S(ui, 16);
        if (wide) {
            /* the right column: the chart, the Voice panel, the findings' heading; the
             * findings need room for a card or two under them, else one column it is */
            y += draw_chart_heading(ui, rx, y, rw, 0);
            st->chart_y = y;
            y += S(ui, CHART_H) + S(ui, 20);
            st->voice_y = y;
            int vh = draw_voice(ui, rx, y, rw, 0);
            y += vh ? vh + S(ui, 16) : 0;
            st->findings_y = y;
            y += fl_line_height(ui, F_BOLD) + S(ui, 8); /* draw_findings_heading */
            wide = view_bottom - y >= S(ui, 120);
        }
        if (wide) {
            st->mode = M_WIDE;
            layout_cards(ui, rw);
            clamp_scroll(ui, st->list_h, view_bottom - y);
            st->list = (SDL_Rect){rx, y, rw, view_bottom - y};
            st->cards_y = y;
        } else {
            st->mode = M_COLUMN;
            int h = S(ui, 20);
            h += draw_header(ui, m, 0, cw, 0) + S(ui, 20);
            st->voice_y = h; /* the Voice panel under the score */
            int vh = draw_voice(ui, m, 0, cw, 0);
            h += vh ? vh + S(ui, 20) : 0;
            h += FL_DIM_COUNT * S(ui, ROW_H) + S(ui, 20);
            h += draw_survey(ui, m, 0, cw, 0) + S(ui, 24);
            h += draw_chart_heading(ui, m, 0, cw, 0);
            h += S(ui, CHART_H) + S(ui, 20);
            h += fl_line_height(ui, F_BOLD) + S(ui, 8);
            layout_cards(ui, cw);
            st->cards_y = top + h;
            h += st->list_h + S(ui, 10);
            st->list = (SDL_Rect){0, top, ui->w, bottom - top};
            clamp_scroll(ui, h, bottom - top);
        }
    }
    if (ui->focus == FOCUS_LIST && (!st->ok || st->fs.n == 0 || st->mode == M_NOT_ATTEMPTED))
        ui->focus = B_REVIEW; /* no finding to focus */
    if (st->ok && st->finding >= (int)st->fs.n)
        st->finding = st->fs.n ? (int)st->fs.n - 1 : 0;
    layout_keybar(ui);
}

void fl_results_draw(fl_ui *ui, const fl_call_ui *call)
{
    const struct fl_results_state *st = ui->results;
    (void)call; /* the layout step took the call */
    if (!st)
        return;
    int m = S(ui, MARGIN);
    int top = fl_bar_height(ui), bottom = ui->h - fl_bar_height(ui);
    int cw = ui->w - 2 * m;
    if (st->mode == M_NOTHING) {
        draw_topbar(ui);
        fl_text(ui, F_BODY, fl_colors[C_MUTED], m, top + S(ui, 24), T(ui, FL_W_RES_NOTHING));
        draw_keybar(ui);
        return;
    }
    if (st->mode == M_NOT_ATTEMPTED) {
        /* nothing was said: no score, bars, survey, chart or findings to show */
        SDL_RenderSetClipRect(ui->ren, &st->list);
        fl_voicing_content_begin(ui); /* self-voicing says why on entry */
        draw_header(ui, m, top + S(ui, 20) - ui->scroll, cw, 1);
        fl_voicing_content_end(ui);
        SDL_RenderSetClipRect(ui->ren, NULL);
        draw_topbar(ui);
        draw_keybar(ui);
        return;
    }
    int wide = st->mode == M_WIDE;
    if (wide) {
        int lw = S(ui, COL_W);
        fl_voicing_content_begin(ui); /* self-voicing: the score and the verdict on entry */
        draw_header(ui, m, S(ui, SCORE_Y), lw, 1);
        fl_voicing_content_end(ui);
        draw_dims(ui, m, st->dims_y, lw);
        draw_survey(ui, m, st->survey_y, lw, 1);

        int rx = st->list.x, rw = st->list.w;
        draw_chart_heading(ui, rx, S(ui, SCORE_Y), rw, 1);
        draw_chart(ui, rx, st->chart_y, rw, S(ui, CHART_H));
        draw_voice(ui, rx, st->voice_y, rw, 1);
        draw_findings_heading(ui, rx, st->findings_y);
        int y = st->list.y, view_bottom = st->list.y + st->list.h;
        SDL_RenderSetClipRect(ui->ren, &st->list);
        draw_cards(ui, rx, y - ui->scroll, rw, y, view_bottom);
        SDL_RenderSetClipRect(ui->ren, NULL);
        if (st->max_scroll > 0) {
            /* where the list is scrolled to: a thin thumb beside it */
            int vh = st->list.h, th = vh * vh / st->list_h;
            int ty = y + (vh - th) * ui->scroll / st->max_scroll;
            fl_fill(ui, rx + rw + S(ui, 8), y, S(ui, 4), vh, fl_colors[C_LINE]);
            fl_fill(ui, rx + rw + S(ui, 8), ty, S(ui, 4), th, fl_colors[C_MUTED]);
        }
    } else {
        /* one column: everything scrolls above the key bar */
        SDL_RenderSetClipRect(ui->ren, &st->list);
        int y = top + S(ui, 20) - ui->scroll;
        fl_voicing_content_begin(ui);
        y += draw_header(ui, m, y, cw, 1) + S(ui, 20);
        fl_voicing_content_end(ui);
        int vh = draw_voice(ui, m, y, cw, 1);
        y += vh ? vh + S(ui, 20) : 0;
        y += draw_dims(ui, m, y, cw) + S(ui, 20);
        y += draw_survey(ui, m, y, cw, 1) + S(ui, 24);
        y += draw_chart_heading(ui, m, y, cw, 1);
        draw_chart(ui, m, y, cw, S(ui, CHART_H));
        y += S(ui, CHART_H) + S(ui, 20);
        y += draw_findings_heading(ui, m, y);
        draw_cards(ui, m, y, cw, 0, bottom);
        SDL_RenderSetClipRect(ui->ren, NULL);
    }
    draw_topbar(ui);
    if (ui->focus == FOCUS_LIST && st->fs.n) {
        /* the finding focused: a ring around its card, inside the list */
        SDL_Rect c = focused_card(ui);
        int t = S(ui, 3) > 2 ? S(ui, 3) : 2;
        SDL_Rect clip = {st->list.x - 2 * t, st->list.y, st->list.w + 4 * t, st->list.h};
        SDL_RenderSetClipRect(ui->ren, &clip);
        fl_focus_ring(ui, c.x, c.y, c.w, c.h);
        SDL_RenderSetClipRect(ui->ren, NULL);
    }
    draw_keybar(ui);
}

/* ---- events -------------------------------------------------------------------------------- */

/* The focused finding's card where it is drawn now. */
static SDL_Rect focused_card(const fl_ui *ui)
{
    const struct fl_results_state *st = ui->results;
    int i = st->finding;
    int x = st->mode == M_WIDE ? st->list.x : S(ui, MARGIN);
    int w = st->mode == M_WIDE ? st->list.w : ui->w - 2 * S(ui, MARGIN);
    return (SDL_Rect){x, st->cards_y + st->card_off[i] - ui->scroll, w, st->card_h[i]};
}

/* Scrolls so the focused finding's card is in view (its top when it is taller than the view). */
static void reveal_card(fl_ui *ui)
{
    struct fl_results_state *st = ui->results;
    if (!st->fs.n)
        return;
    SDL_Rect c = focused_card(ui);
    int m = S(ui, 8), top = st->list.y + m, bottom = st->list.y + st->list.h - m;
    int s = ui->scroll;
    if (c.y + c.h > bottom)
        s += c.y + c.h - bottom;
    if (c.y - (s - ui->scroll) < top)
        s = ui->scroll - (top - c.y);
    if (s > st->max_scroll)
        s = st->max_scroll;
    if (s < 0)
        s = 0;
    ui->scroll = s;
    ui->dirty = 1;
}

/* Down / Up over the findings: into the list (the first card in view), then card by card, each
 * scrolled into view (its top, when it is taller than the view: PageDown shows the rest); Up
 * from the first card goes back to the key bar. Without findings they scroll, as they always
 * did. */
static void step_finding(fl_ui *ui, int dir)
{
    struct fl_results_state *st = ui->results;
    if (!st->ok || !st->fs.n || st->mode == M_NOT_ATTEMPTED) {
        scroll_by(ui, dir * S(ui, 48));
        return;
    }
    int top = st->list.y;
    if (ui->focus != FOCUS_LIST) {
        if (dir < 0)
            return;
        int first = 0;
        while (first + 1 < (int)st->fs.n &&
               st->cards_y + st->card_off[first] + st->card_h[first] - ui->scroll <= top)
            first++;
        ui->focus = FOCUS_LIST;
        st->finding = first;
        reveal_card(ui);
        return;
    }
    if (dir > 0 && st->finding + 1 < (int)st->fs.n)
        st->finding++;
    else if (dir < 0 && st->finding > 0)
        st->finding--;
    else if (dir < 0)
        ui->focus = B_REVIEW;
    else
        return;
    if (ui->focus == FOCUS_LIST)
        reveal_card(ui);
    ui->dirty = 1;
}

static void activate(fl_ui *ui, int which)
{
    struct fl_results_state *st = ui->results;
    switch (which) {
    case B_REVIEW:
        if (st->cur) {
            ui->review_turn = 1;
            fl_ui_go(ui, SCR_REVIEW);
        }
        break;
    case B_RETRY: /* straight into the conversation again */
        if (ui->current >= 0 && (size_t)ui->current < ui->n_lib &&
            fl_ui_start(ui, ui->current) == 0)
            fl_ui_go(ui, SCR_CONVERSATION);
        break;
    case B_HISTORY:
        fl_ui_go(ui, SCR_HISTORY);
        break;
    case B_LIBRARY:
        fl_ui_go(ui, SCR_LIBRARY);
        break;
    }
}

static void scroll_by(fl_ui *ui, int dy)
{
    struct fl_results_state *st = ui->results;
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

static void set_focus(fl_ui *ui, int f)
{
    if (f != ui->focus) {
        ui->focus = f;
        ui->dirty = 1;
    }
}

void fl_results_event(fl_ui *ui, const fl_call_ui *call, const SDL_Event *e)
{
    struct fl_results_state *st = ui->results;
    (void)call;
    if (!st)
        return;
    if (e->type == SDL_KEYDOWN) {
        SDL_Keymod mod = e->key.keysym.mod;
        if (mod & (KMOD_CTRL | KMOD_ALT | KMOD_GUI))
            return;
        int page = st->list.h > S(ui, 80) ? st->list.h - S(ui, 60) : S(ui, 80);
        /* the findings are in the Tab order when there are any */
        int n_focus = st->ok && st->fs.n && st->mode != M_NOT_ATTEMPTED ? N_BUTTONS + 1 : N_BUTTONS;
        switch (e->key.keysym.sym) {
        case SDLK_v:
            activate(ui, B_REVIEW);
            break;
        case SDLK_r:
            activate(ui, B_RETRY);
            break;
        case SDLK_h:
            activate(ui, B_HISTORY);
            break;
        case SDLK_l:
        case SDLK_ESCAPE:
            activate(ui, B_LIBRARY);
            break;
        case SDLK_UP:
            step_finding(ui, -1);
            break;
        case SDLK_DOWN:
            step_finding(ui, 1);
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
        case SDLK_TAB:
            set_focus(ui, (ui->focus + ((mod & KMOD_SHIFT) ? n_focus - 1 : 1)) % n_focus);
            if (ui->focus == FOCUS_LIST)
                reveal_card(ui);
            break;
        case SDLK_LEFT:
            if (ui->focus > 0 && ui->focus < N_BUTTONS)
                set_focus(ui, ui->focus - 1);
            break;
        case SDLK_RIGHT:
            if (ui->focus < N_BUTTONS - 1)
                set_focus(ui, ui->focus + 1);
            break;
        case SDLK_RETURN:
        case SDLK_KP_ENTER:
        case SDLK_SPACE:
            if (ui->focus < N_BUTTONS)
                activate(ui, ui->focus);
            else
                scroll_by(ui, page);
            break;
        default:
            break;
        }
    } else if (e->type == SDL_MOUSEWHEEL) {
        int dy = fl_wheel_steps(e);
        scroll_by(ui, -dy * S(ui, 48));
    } else if (e->type == SDL_MOUSEBUTTONDOWN && e->button.button == SDL_BUTTON_LEFT) {
        int x = (int)((float)e->button.x * ui->dpi), y = (int)((float)e->button.y * ui->dpi);
        for (int i = 0; i < N_BUTTONS; i++)
            if (fl_inside(&st->button[i], x, y)) {
                set_focus(ui, i);
                activate(ui, i);
                return;
            }
        /* a click on a finding's card focuses it */
        for (size_t i = 0; st->ok && i < st->fs.n && st->mode != M_NOT_ATTEMPTED; i++) {
            int cy = st->cards_y + st->card_off[i] - ui->scroll;
            if (fl_inside(&st->list, x, y) && y >= cy && y < cy + st->card_h[i]) {
                st->finding = (int)i;
                set_focus(ui, FOCUS_LIST);
                ui->dirty = 1;
                return;
            }
        }
    }
}
