/*
 * review.c - the review screen: the finished (or left) conversation stepped through turn by
 * turn. The transcript up to the turn shown is drawn as chat bubbles (the customer on the left,
 * the trainee on the right, the turn shown marked in the margin), the findings of that turn with
 * their better alternatives beside it, and the customer's meters after it. A strip of segments
 * at the top shows every turn coloured by its worst finding, so the trainee sees where to look;
 * a turn with a critical mistake also carries a "!" marker there and beside its reply (not the
 * colour alone), and its finding cards are results.c's: the "Critical mistake" label first, the
 * trainer's note inside. A session not attempted (no turn) has no findings to show.
 *
 * It only looks: nothing here changes the session, in practice and assessment alike.
 * ui->review_turn is the turn shown, 1-based; ui->scroll scrolls the findings panel.
 *
 * Left/Up and Right/Down step, Home/End jump, a click on the strip jumps to that turn, the wheel
 * steps too (over the findings panel it scrolls it, as PageUp/PageDown do when a turn has more
 * findings than fit); Esc or B goes back to the results, or to the round's results for a call
 * of a stress round (ui->call one of ui->round's calls).
 *
 * Layout (design pixels at 1280 x 720): the app's top bar, a 40 px strip of turns under it, the
 * transcript on the left, a 440 px findings panel on the right, the key bar at the bottom.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "round_play.h"
#include "ui.h"
#include "vec.h"

enum {
    STRIP = 40,
    SIDE_W = 440,
    MARGIN = 24,
    N_BUTTONS = 3,
};

/* results.c: a finding as a card, and its colour */
int fl_results__finding(fl_ui *ui, const fl_finding *f, int x, int y, int w, SDL_Color bg,
                        const char *reading, int draw);
SDL_Color fl_results__severity_color(const fl_finding *f);
void fl_results__crit_marker(fl_ui *ui, int cx, int cy, int r);

/* ---- what the screen shows, kept until the screen is entered again or the session changes -- */

typedef struct {
    const char *text;
    int side;      /* 0 customer, 1 trainee, 2 the ending's line */
    uint32_t turn; /* the turn it belongs to (a customer line: the reply that answers it) */
} bubble;

struct fl_review_state {
    const fl_session *ss;
    size_t turns;
    uint64_t visit; /* the screen's visit (fl_ui.visit) it was built in */
    int lang;
    fl_findings fs;
    int have_fs;
    bubble *b; /* the transcript in order: line, reply, line, reply, ..., the ending's line */
    size_t n, cap;
    /* the layout (fl_review_layout), for drawing and events */
    SDL_Rect button[N_BUTTONS];
    SDL_Rect strip;
    SDL_Rect side;
    int top, bottom;  /* the transcript's and the panel's */
    int side_content; /* the findings panel's content height */
    int max_scroll;   /* of the findings panel (ui->scroll) */
    /* the call shown (set by the layout step): its session and mode */
    const fl_session *cur;
    int assessment;
};

static void add_bubble(struct fl_review_state *st, const char *text, int side, uint32_t turn)
{
    if (FL_GROW(st->b, st->cap, st->n + 1))
        return;
    st->b[st->n++] = (bubble){text, side, turn};
}

/* Builds what the screen shows again when it was just entered, the session changed or the
 * language changed (the silence's words): the findings (one report per entry) and the list of
 * bubbles. Their layout is fl_layout's, measured once and kept. */
static void refresh(fl_ui *ui)
{
    struct fl_review_state *st = ui->review;
    size_t n = 0;
    if (st->cur)
        fl_session_turns(st->cur, &n);
    if (st->visit == ui->visit && st->ss == st->cur && st->turns == n && st->lang == ui->set.lang)
        return;
    st->visit = ui->visit;
    if (st->have_fs)
        fl_findings_free(&st->fs);
    st->have_fs = 0;
    memset(&st->fs, 0, sizeof(st->fs));
    st->ss = st->cur;
    st->turns = n;
    st->lang = ui->set.lang;
    st->n = 0;
    if (!st->cur)
        return;
    fl_scores sc;
    if (fl_session_report(st->cur, &sc, NULL, &st->fs) == 0) {
        st->have_fs = 1;
        if (!sc.attempted) { /* nothing was said: nothing to find (no score either) */
            fl_findings_free(&st->fs);
            memset(&st->fs, 0, sizeof(st->fs));
        }
    }
    const fl_scenario *s = fl_session_engine(st->cur)->scenario;
    const fl_turn *turns = fl_session_turns(st->cur, &n);
    for (size_t i = 0; i < n; i++) {
        const fl_node *nd = &s->nodes[turns[i].node];
        if (turns[i].line >= 0 && (uint32_t)turns[i].line < nd->n_lines)
            add_bubble(st, nd->lines[turns[i].line].text, 0, turns[i].turn);
        add_bubble(st, fl_turn_words(ui, nd, &turns[i]), 1, turns[i].turn);
    }
    /* the customer's last words, at the ending */
    const fl_line *last = fl_session_line(st->cur);
    if (fl_session_ended(st->cur) && last)
        add_bubble(st, last->text, 2, (uint32_t)n);
}

/* The worst finding of a turn: a critical mistake first, else the most severe that cost points
 * (NULL none); else one that won points back. */
static const fl_finding *worst_at(const struct fl_review_state *st, uint32_t turn)
{
    const fl_finding *worst = NULL, *good = NULL;
    for (size_t k = 0; st->have_fs && k < st->fs.n; k++) {
        const fl_finding *f = &st->fs.items[k];
        if (f->turn != turn)
            continue;
        if ((f->points < 0 || f->critical) &&
            (!worst || f->critical > worst->critical ||
             (f->critical == worst->critical && f->severity > worst->severity)))
            worst = f;
        else if (f->points > 0 && !good)
            good = f;
    }
    return worst ? worst : good;
}

static int clamp_turn(fl_ui *ui, int turn)
{
    struct fl_review_state *st = ui->review;
    int n = (int)st->turns;
    if (st->cur) {
        size_t k;
        fl_session_turns(st->cur, &k);
        n = (int)k;
    }
    if (turn > n)
        turn = n;
    if (turn < 1)
        turn = n ? 1 : 0;
    return turn;
}

/* ---- drawing --------------------------------------------------------------------------------- */

/* The top bar: the product, "Review" and the scenario, the mode and the turn shown. */
static void draw_top(fl_ui *ui, const struct fl_review_state *st, const fl_scenario *s, size_t n)
{
    int y, x = fl_header_start(ui, MARGIN, 1, &y);
    x += fl_text(ui, F_BODY, fl_colors[C_MUTED], x, y, T(ui, FL_W_REVIEW)) + S(ui, 6);
    char right[128];
    snprintf(right, sizeof(right), T(ui, FL_W_REV_TURN_OF), (unsigned)ui->review_turn, n);
    char mode[128];
    snprintf(mode, sizeof(mode), "%s · %s", T(ui, st->assessment ? FL_W_ASSESSMENT : FL_W_PRACTICE),
             T(ui, FL_W_REV_READ_ONLY));
    int rw = fl_width(ui, F_BOLD, right), mw = fl_width(ui, F_SMALL, mode);
    int rx = ui->w - S(ui, MARGIN) - rw;
    fl_text(ui, F_BOLD, fl_colors[C_TEXT], rx, y, right);
    int mx = rx - S(ui, 24) - mw;
    int sy = y + fl_line_height(ui, F_BOLD) - fl_line_height(ui, F_SMALL) - S(ui, 2);
    if (mx >= x) /* the mode where it fits (large text in a small window: left out) */
        fl_text(ui, F_SMALL, fl_colors[C_MUTED], mx, sy, mode);
    else
        mx = rx;
    /* the scenario's title in what is left, cut when it does not fit */
    char title[512];
    snprintf(title, sizeof(title), "· %s", s->title);
    int room = mx - S(ui, 24) - x;
    size_t nl = 0;
    const fl_text_line *l = room > 0 ? fl_layout(ui, F_BODY, room, title, &nl) : NULL;
    if (l && nl)
        fl_text_n(ui, F_BODY, fl_colors[C_MUTED], x, y, title, l[0].len);
}

/* The strip of turns: one segment per turn in the colour of its worst finding, the turn shown
 * underlined in the accent. A click jumps to a turn. */
static void draw_strip(fl_ui *ui, const struct fl_review_state *st, size_t n)
{
    int x = st->strip.x, w = st->strip.w;
    int y = st->strip.y + S(ui, 8), h = S(ui, 8);
    if (!n)
        return;
    int gap = n > 1 ? S(ui, 4) : 0;
    if (n > 60)
        gap = 1;
    for (size_t i = 0; i < n; i++) {
        int x0 = x + (int)((long long)(w + gap) * (long long)i / (long long)n);
        int x1 = x + (int)((long long)(w + gap) * (long long)(i + 1) / (long long)n) - gap;
        const fl_finding *f = worst_at(st, (uint32_t)i + 1);
        SDL_Color c = f ? fl_results__severity_color(f) : fl_colors[C_LINE];
        fl_round_rect(ui, x0, y, x1 - x0, h, h / 2, c);
        if ((int)i + 1 == ui->review_turn)
            fl_fill(ui, x0, y + h + S(ui, 7), x1 - x0, S(ui, 3), fl_colors[C_ACCENT]);
    }
    /* a turn with a critical mistake: a "!" marker on its segment, not the colour alone */
    int cr = S(ui, 8);
    for (size_t i = 0; i < n; i++) {
        const fl_finding *f = worst_at(st, (uint32_t)i + 1);
        int x0 = x + (int)((long long)(w + gap) * (long long)i / (long long)n);
        int x1 = x + (int)((long long)(w + gap) * (long long)(i + 1) / (long long)n) - gap;
        if (f && f->critical && x1 - x0 >= 2 * cr) {
            fl_disc(ui, (x0 + x1) / 2, y + h / 2, cr + S(ui, 2), fl_colors[C_BG]);
            fl_results__crit_marker(ui, (x0 + x1) / 2, y + h / 2, cr);
        }
    }
}

/* The transcript up to the turn shown, newest at the bottom; the turn shown marked by a bar
 * in the left margin. */
static void draw_transcript(fl_ui *ui, const struct fl_review_state *st, const fl_scenario *s,
                            int x0, int top, int w, int bottom)
{
    int tx = x0 + S(ui, MARGIN) + S(ui, 12), tw = w - 2 * S(ui, MARGIN) - S(ui, 12);
    int pad = S(ui, 12), maxw = tw * 7 / 10;
    size_t n;
    fl_session_turns(st->cur, &n);
    SDL_Rect clip = {x0, top, w, bottom - top};
    SDL_RenderSetClipRect(ui->ren, &clip);
    if (!n && st->n == 0) {
        fl_text(ui, F_BODY, fl_colors[C_MUTED], tx, top + S(ui, 16), T(ui, FL_W_REV_NO_TURNS));
        SDL_RenderSetClipRect(ui->ren, NULL);
        return;
    }
    /* the last bubble to show: everything of turns up to review_turn, and the ending's line
     * when the last turn is shown */
    size_t end = 0;
    while (end < st->n && st->b[end].turn <= (uint32_t)ui->review_turn &&
           (st->b[end].side != 2 || (size_t)ui->review_turn == n))
        end++;
    int small = fl_line_height(ui, F_SMALL), lh = fl_line_height(ui, F_BODY);
    int y = bottom - S(ui, 16);
    if (end && st->b[end - 1].side == 2) {
        /* how it ended, under the last line */
        char ended[256];
        snprintf(ended, sizeof(ended), T(ui, FL_W_REV_ENDED),
                 fl_outcome_label(ui, (int)fl_engine_outcome(fl_session_engine(st->cur),
                                                             fl_session_state(st->cur))));
        y -= small;
        int ew = fl_width(ui, F_SMALL, ended);
        fl_text(ui, F_SMALL, fl_colors[C_MUTED], tx + (tw - ew) / 2, y, ended);
        y -= S(ui, 10);
    }
    int mark_top = bottom, mark_bottom = top;
    for (size_t i = end; i-- > 0;) {
        const bubble *b = &st->b[i];
        size_t nl;
        const fl_text_line *lines = fl_layout(ui, F_BODY, maxw - 2 * pad, b->text, &nl);
        if (!lines)
            nl = 0;
        int bw = 0;
        for (size_t k = 0; k < nl; k++)
            if (lines[k].width > bw)
                bw = lines[k].width;
        bw += 2 * pad;
        int bh = (int)(nl ? nl : 1) * lh + 2 * S(ui, 8);
        y -= bh;
        int name_y = y - small - S(ui, 2);
        int current = b->turn == (uint32_t)ui->review_turn;
        if (current) {
            if (name_y < mark_top)
                mark_top = name_y;
            if (y + bh > mark_bottom)
                mark_bottom = y + bh;
        }
        if (y + bh >= top && name_y <= bottom) {
            int bx = b->side == 1 ? tx + tw - bw : tx;
            fl_round_rect(ui, bx, y, bw, bh, S(ui, 12),
                          b->side == 1 ? fl_colors[C_ACCENT] : fl_colors[C_CUSTOMER]);
            SDL_Color c = fl_colors[b->side == 1 ? C_ON_ACCENT : C_TEXT];
            for (size_t k = 0; k < nl; k++)
                fl_text_n(ui, F_BODY, c, bx + pad, y + S(ui, 8) + (int)k * lh,
                          b->text + lines[k].start, lines[k].len);
            char who[256];
            const char *name = b->side == 1 ? T(ui, FL_W_YOU) : s->customer_name;
            char turn[64];
            snprintf(turn, sizeof(turn), T(ui, FL_W_TURN), (unsigned)b->turn);
            if (b->side == 1) {
                snprintf(who, sizeof(who), "%s · %s", turn, name);
                int ww = fl_width(ui, F_SMALL, who);
                fl_text(ui, F_SMALL, fl_colors[C_MUTED], tx + tw - ww, name_y, who);
                /* the worst finding of the turn, as a dot beside the reply */
                const fl_finding *f = worst_at(st, b->turn);
                if (f && f->critical)
                    fl_results__crit_marker(ui, bx - S(ui, 16), y + bh / 2, S(ui, 8));
                else if (f)
                    fl_disc(ui, bx - S(ui, 14), y + bh / 2, S(ui, 5),
                            fl_results__severity_color(f));
            } else {
                fl_text(ui, F_SMALL, fl_colors[C_MUTED], tx, name_y, name);
            }
        }
        y = name_y - S(ui, 12);
        if (y < top - ui->h)
            break;
    }
    if (mark_bottom > mark_top)
        fl_fill(ui, x0 + S(ui, MARGIN) - S(ui, 6), mark_top, S(ui, 4), mark_bottom - mark_top,
                fl_colors[C_ACCENT]);
    SDL_RenderSetClipRect(ui->ren, NULL);
}

/* A meter after the turn, as one row: its name, a bar and the value (mood spans -100..100).
 * Returns the row's height. */
static int draw_meter(fl_ui *ui, int x, int y, int w, fl_word_id name, int v, int lo, int draw)
{
    int sh = fl_line_height(ui, F_SMALL), bh = S(ui, 8);
    if (!draw)
        return sh + S(ui, 6);
    int lw = S(ui, 112), vw = S(ui, 48);
    fl_text(ui, F_SMALL, fl_colors[C_TEXT], x, y, T(ui, name));
    char num[16];
    snprintf(num, sizeof(num), "%d", v);
    int nw = fl_width(ui, F_BOLD, num);
    fl_text(ui, F_BOLD, fl_colors[C_TEXT], x + w - nw, y + sh - fl_line_height(ui, F_BOLD), num);
    int pct = (v - lo) * 100 / (100 - lo);
    fl_bar(ui, x + lw, y + (sh - bh) / 2, w - lw - vw, bh, v - lo, 100 - lo, fl_score_color(pct));
    return sh + S(ui, 6);
}

/* The findings of the turn shown and the customer's state after it. */
static int draw_side(fl_ui *ui, const struct fl_review_state *st, int draw)
{
    SDL_Rect clip = st->side;
    int x = clip.x, top = clip.y, w = clip.w, bottom = clip.y + clip.h;
    if (draw) {
        fl_fill(ui, x, top, w, bottom - top, fl_colors[C_PANEL]);
        fl_fill(ui, x, top, 1, bottom - top, fl_colors[C_LINE]);
        SDL_RenderSetClipRect(ui->ren, &clip);
    }
    int px = x + S(ui, 20), pw = w - S(ui, 40);
    int y0 = top + S(ui, 16) - ui->scroll, y = y0;
    size_t n;
    const fl_turn *turns = fl_session_turns(st->cur, &n);
    uint32_t turn = (uint32_t)ui->review_turn;
    if (turn >= 1 && turn <= n) {
        const fl_turn *t = &turns[turn - 1];
        char head[128];
        snprintf(head, sizeof(head), T(ui, FL_W_TURN), (unsigned)turn);
        if (draw)
            fl_text(ui, F_BOLD, fl_colors[C_TEXT], px, y, head);
        if (draw && t->reply >= 0 && t->took_ms) {
            char took[64];
            snprintf(took, sizeof(took), T(ui, FL_W_REV_TOOK), t->took_ms / 1000.0);
            fl_decimal_comma(took, ui->set.lang); /* «Ответ за 4,2 с» */
            int tw = fl_width(ui, F_SMALL, took);
            fl_text(ui, F_SMALL, fl_colors[C_MUTED], px + pw - tw,
                    y + fl_line_height(ui, F_BOLD) - fl_line_height(ui, F_SMALL), took);
        }
        y += fl_line_height(ui, F_BOLD) + S(ui, 12);
        /* the meters after the reply, side by side */
        if (draw)
            fl_text(ui, F_SMALL, fl_colors[C_MUTED], px, y, T(ui, FL_W_REV_AFTER));
        y += fl_line_height(ui, F_SMALL) + S(ui, 6);
        y += draw_meter(ui, px, y, pw, FL_W_CONV_MOOD, t->mood, -100, draw);
        y += draw_meter(ui, px, y, pw, FL_W_CONV_PATIENCE, t->patience, 0, draw);
        y += draw_meter(ui, px, y, pw, FL_W_CONV_TRUST, t->trust, 0, draw);
        y += S(ui, 10);
        /* the reply read aloud: the tone meter's figures and what they earned */
        if (t->has_voice) {
            char fig[300];
            snprintf(fig, sizeof(fig), T(ui, FL_W_VOICE_TURN), (double)t->voice.rms_dbfs,
                     (double)t->voice.syllables_per_s, t->voice.pauses);
            fl_decimal_comma(fig, ui->set.lang);
            fl_trace_kind(ui, "voice");
            y += fl_text_box(ui, F_SMALL, fl_colors[C_TEXT], px, y, pw, fig, draw) + S(ui, 4);
            static const struct {
                uint32_t flag;
                fl_word_id word;
            } flags[] = {{FL_VOICE_LOUD, FL_W_VOICE_FLAG_LOUD},
                         {FL_VOICE_FAST, FL_W_VOICE_FLAG_FAST},
                         {FL_VOICE_SILENT, FL_W_VOICE_FLAG_SILENT}};
            for (size_t k = 0; k < sizeof(flags) / sizeof(flags[0]); k++) {
                if (!(t->voice_flags & flags[k].flag))
                    continue;
                char mark[160]; /* "!" too: not by colour alone */
                snprintf(mark, sizeof(mark), "! %s", T(ui, flags[k].word));
                y += fl_text_box(ui, F_BOLD, fl_colors[C_BAD], px, y, pw, mark, draw) + S(ui, 2);
            }
            fl_trace_kind(ui, NULL);
            y += S(ui, 8);
        }
        /* a typed reply: the words that carried each signal, so the trainee sees why */
        if (t->typed) {
            y += fl_text_box(ui, F_BOLD, fl_colors[C_TEXT], px, y, pw, T(ui, FL_W_REV_READ_AS),
                             draw) +
                 S(ui, 4);
            char read[600];
            if (t->triggers && t->triggers[0])
                snprintf(read, sizeof(read), "%s %s", t->triggers, T(ui, FL_W_REV_READ_AS_HINT));
            else
                snprintf(read, sizeof(read), "%s", T(ui, FL_W_REV_NO_SIGNAL));
            y += fl_text_box(ui, F_BODY, fl_colors[C_TEXT], px, y, pw, read, draw) + S(ui, 12);
        }
        if (draw)
            fl_text(ui, F_BOLD, fl_colors[C_TEXT], px, y, T(ui, FL_W_FINDINGS));
        y += fl_line_height(ui, F_BOLD) + S(ui, 8);
        int any = 0;
        for (size_t k = 0; st->have_fs && k < st->fs.n; k++) {
            const fl_finding *f = &st->fs.items[k];
            if (f->turn != turn)
                continue;
            any = 1;
            y += fl_results__finding(ui, f, px, y, pw, fl_colors[C_BG], NULL, draw && y < bottom) +
                 S(ui, 10);
        }
        if (!any) {
            fl_text_box(ui, F_BODY, fl_colors[C_MUTED], px, y, pw, T(ui, FL_W_REV_NO_FINDINGS),
                        draw);
            y += fl_line_height(ui, F_BODY) + S(ui, 12);
        }
    }
    /* the findings about the whole conversation, with the last turn */
    if (turn == n) {
        int head = 0;
        for (size_t k = 0; st->have_fs && k < st->fs.n; k++) {
            const fl_finding *f = &st->fs.items[k];
            if (f->turn != 0)
                continue;
            if (!head) {
                y += S(ui, 6);
                if (draw)
                    fl_text(ui, F_BOLD, fl_colors[C_TEXT], px, y, T(ui, FL_W_WHOLE_CONVERSATION));
                y += fl_line_height(ui, F_BOLD) + S(ui, 8);
                head = 1;
            }
            y += fl_results__finding(ui, f, px, y, pw, fl_colors[C_BG], NULL, draw && y < bottom) +
                 S(ui, 10);
        }
    }
    int content = y - y0 + S(ui, 6), view = bottom - top;
    if (!draw)
        return content;
    SDL_RenderSetClipRect(ui->ren, NULL);
    /* the panel scrolls when the turn has more findings than fit (the layout clamped it) */
    if (st->max_scroll > 0) {
        int th = view * view / content;
        int ty = top + (view - th) * ui->scroll / st->max_scroll;
        fl_fill(ui, x + w - S(ui, 8), top, S(ui, 4), view, fl_colors[C_LINE]);
        fl_fill(ui, x + w - S(ui, 8), ty, S(ui, 4), th, fl_colors[C_MUTED]);
    }
    return content;
}

static const struct {
    fl_word_id key; /* the key's name, or FL_W_NONE: "Esc" */
    fl_word_id label;
} buttons[N_BUTTONS] = {
    {FL_W_REV_KEY_RIGHT, FL_W_REV_NEXT}, /* focus 0: the first thing Enter does is step on */
    {FL_W_REV_KEY_LEFT, FL_W_REV_PREV},
    {FL_W_NONE, FL_W_RESULTS},
};

/* Lays out (draw 0: the buttons' rectangles and whether the pages hint fits) or draws the key
 * bar. */
static void keybar(fl_ui *ui, struct fl_review_state *lay, const struct fl_review_state *st,
                   int draw)
{
    int top = ui->h - fl_bar_height(ui);
    if (draw) {
        fl_fill(ui, 0, top, ui->w, fl_bar_height(ui), fl_colors[C_PANEL]);
        fl_fill(ui, 0, top, ui->w, 1, fl_colors[C_LINE]);
    }
    int lh = fl_line_height(ui, F_BOLD), pad = S(ui, 6);
    int y = top + (fl_bar_height(ui) - lh) / 2;
    /* visually: Previous, Next, then Back at the right; the PageUp/PageDown hint between them
     * only where it fits */
    static const int order[N_BUTTONS] = {1, 0, 2};
    const char *esc = "Esc";
    int ew = fl_width(ui, F_BOLD, esc) + 3 * pad + fl_width(ui, F_BODY, T(ui, buttons[2].label));
    int esc_x = ui->w - S(ui, MARGIN) - ew;
    int x = S(ui, MARGIN);
    for (int o = 0; o < N_BUTTONS; o++) {
        int i = order[o];
        const char *key = buttons[i].key == FL_W_NONE ? esc : T(ui, buttons[i].key);
        if (i == 2 && esc_x > x)
            x = esc_x;
        const char *label = T(ui, buttons[i].label);
        int w = draw ? fl_key_hint(ui, x, y, key, label) - S(ui, 18)
                     : fl_width(ui, F_BOLD, key) + 3 * pad + fl_width(ui, F_BODY, label);
        if (lay)
            lay->button[i] = (SDL_Rect){x - S(ui, 4), y - S(ui, 4), w + S(ui, 8), lh + S(ui, 8)};
        if (draw && ui->focus == i)
            fl_focus_ring(ui, st->button[i].x, st->button[i].y, st->button[i].w, st->button[i].h);
        x += w + S(ui, 28);
        if (i == 0 && st->max_scroll > 0) {
            /* PageUp/PageDown scroll the findings of a busy turn */
            const char *pk = T(ui, FL_W_KEY_PAGES), *pl = T(ui, FL_W_FINDINGS);
            int pw = fl_width(ui, F_BOLD, pk) + 3 * pad + fl_width(ui, F_BODY, pl);
            if (x + pw + S(ui, 28) <= esc_x)
                x += (draw ? fl_key_hint(ui, x, y, pk, pl) : pw + S(ui, 18)) + S(ui, 10);
        }
    }
}

void fl_review_state_free(fl_ui *ui)
{
    struct fl_review_state *st = ui->review;
    if (!st)
        return;
    if (st->have_fs)
        fl_findings_free(&st->fs);
    free(st->b);
    free(st);
    ui->review = NULL;
}

void fl_review_layout(fl_ui *ui, const fl_call_ui *call)
{
    if (!ui->review && !(ui->review = calloc(1, sizeof(*ui->review))))
        return;
    struct fl_review_state *st = ui->review;
    st->cur = call ? call->ss : NULL;
    st->assessment = call ? call->assessment : 0;
    st->max_scroll = 0;
    if (st->cur) {
        ui->review_turn = clamp_turn(ui, ui->review_turn);
        refresh(ui);
        /* the strip, the transcript and the findings panel; the panel measured and its
         * scroll clamped */
        int x = S(ui, MARGIN), w = ui->w - 2 * S(ui, MARGIN);
        int y = fl_bar_height(ui) + S(ui, 14);
        st->strip = (SDL_Rect){x, y - S(ui, 8), w, S(ui, 8) + S(ui, 20)};
        st->top = fl_bar_height(ui) + S(ui, STRIP);
        st->bottom = ui->h - fl_bar_height(ui);
        int side_w = S(ui, SIDE_W);
        if (side_w > ui->w * 45 / 100)
            side_w = ui->w * 45 / 100;
        st->side = (SDL_Rect){ui->w - side_w, st->top, side_w, st->bottom - st->top};
        st->side_content = draw_side(ui, st, 0);
        int view = st->side.h;
        st->max_scroll = st->side_content > view ? st->side_content - view : 0;
    } else {
        st->side = st->strip = (SDL_Rect){0, 0, 0, 0};
    }
    if (ui->scroll > st->max_scroll)
        ui->scroll = st->max_scroll;
    if (ui->scroll < 0)
        ui->scroll = 0;
    keybar(ui, st, st, 0);
}

void fl_review_draw(fl_ui *ui, const fl_call_ui *call)
{
    const struct fl_review_state *st = ui->review;
    (void)call; /* the layout step took the call */
    if (!st)
        return;
    if (!st->cur) {
        fl_text(ui, F_BODY, fl_colors[C_MUTED], S(ui, MARGIN), S(ui, 40), T(ui, FL_W_NO_FINDINGS));
        keybar(ui, NULL, st, 1);
        return;
    }
    const fl_scenario *s = fl_session_engine(st->cur)->scenario;
    size_t n;
    fl_session_turns(st->cur, &n);
    draw_top(ui, st, s, n);
    draw_transcript(ui, st, s, 0, st->top, st->side.x, st->bottom);
    draw_strip(ui, st, n);
    /* self-voicing: the review and the scenario on entry, then each turn stepped to: the reply
     * and the side panel (its figures, its findings) */
    char where[600];
    snprintf(where, sizeof(where), "%s: %s", T(ui, FL_W_REVIEW), s->title);
    fl_voicing_title(ui, where);
    fl_voicing_content_begin(ui);
    size_t nt;
    const fl_turn *turns = fl_session_turns(st->cur, &nt);
    if (ui->review_turn >= 1 && (size_t)ui->review_turn <= nt) {
        const fl_turn *t = &turns[ui->review_turn - 1];
        const fl_scenario *sc = fl_session_engine(st->cur)->scenario;
        if (t->node >= 0 && (uint32_t)t->node < sc->n_nodes)
            fl_voicing_content(ui, fl_turn_words(ui, &sc->nodes[t->node], t));
    }
    draw_side(ui, st, 1);
    fl_voicing_content_end(ui);
    keybar(ui, NULL, st, 1);
}

/* ---- events -------------------------------------------------------------------------------- */

static void go_turn(fl_ui *ui, int turn)
{
    turn = clamp_turn(ui, turn);
    if (turn != ui->review_turn) {
        ui->review_turn = turn;
        ui->scroll = 0;
        ui->dirty = 1;
    }
}

/* Whether the call reviewed is one of the stress round's (its Back goes to the round's
 * results). */
static int round_call(const fl_ui *ui)
{
    const fl_round_play *rp = ui->round;
    for (uint32_t k = 0; rp && rp->calls && ui->call && k < rp->n_calls; k++)
        if (rp->calls[k] == ui->call)
            return 1;
    return 0;
}

static void activate(fl_ui *ui, int which)
{
    if (which == 0)
        go_turn(ui, ui->review_turn + 1);
    else if (which == 1)
        go_turn(ui, ui->review_turn - 1);
    else
        fl_ui_go(ui, round_call(ui) ? SCR_ROUND_RESULTS : SCR_RESULTS);
}

static void scroll_side(fl_ui *ui, int dy)
{
    struct fl_review_state *st = ui->review;
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

void fl_review_event(fl_ui *ui, const fl_call_ui *call, const SDL_Event *e)
{
    struct fl_review_state *st = ui->review;
    (void)call;
    if (!st)
        return;
    if (e->type == SDL_KEYDOWN) {
        if (e->key.keysym.mod & (KMOD_CTRL | KMOD_ALT | KMOD_GUI))
            return;
        switch (e->key.keysym.sym) {
        case SDLK_LEFT:
        case SDLK_UP:
            activate(ui, 1);
            break;
        case SDLK_RIGHT:
        case SDLK_DOWN:
            activate(ui, 0);
            break;
        case SDLK_PAGEUP:
            scroll_side(ui, -(st->side.h * 3 / 4));
            break;
        case SDLK_PAGEDOWN:
            scroll_side(ui, st->side.h * 3 / 4);
            break;
        case SDLK_HOME:
            go_turn(ui, 1);
            break;
        case SDLK_END:
            go_turn(ui, 1 << 30);
            break;
        case SDLK_ESCAPE:
        case SDLK_b:
        case SDLK_BACKSPACE:
            activate(ui, 2);
            break;
        case SDLK_TAB:
            ui->focus =
                (ui->focus + ((e->key.keysym.mod & KMOD_SHIFT) ? N_BUTTONS - 1 : 1)) % N_BUTTONS;
            ui->dirty = 1;
            break;
        case SDLK_RETURN:
        case SDLK_KP_ENTER:
        case SDLK_SPACE:
            activate(ui, ui->focus);
            break;
        default:
            break;
        }
    } else if (e->type == SDL_MOUSEWHEEL) {
        int dy = fl_wheel_steps(e);
        int mx, my;
        fl_mouse_at(ui, &mx, &my);
        if (fl_inside(&st->side, mx, my) && st->max_scroll > 0)
            scroll_side(ui, -dy * S(ui, 48));
        else if (dy)
            go_turn(ui, ui->review_turn - (dy > 0 ? 1 : -1));
    } else if (e->type == SDL_MOUSEBUTTONDOWN && e->button.button == SDL_BUTTON_LEFT) {
        int x = (int)((float)e->button.x * ui->dpi), y = (int)((float)e->button.y * ui->dpi);
        for (int i = 0; i < N_BUTTONS; i++)
            if (fl_inside(&st->button[i], x, y)) {
                ui->focus = i;
                ui->dirty = 1;
                activate(ui, i);
                return;
            }
        if (fl_inside(&st->strip, x, y) && st->strip.w > 0 && st->turns > 0) {
            int i = (int)((long long)(x - st->strip.x) * (long long)st->turns / st->strip.w);
            go_turn(ui, i + 1);
        }
    }
}
