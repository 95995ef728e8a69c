/*
 * briefing.c - the briefing: what the trainee reads before the call starts. The scenario's
 * title, the customer (face, name, detail), the situation and the goal, how long each reply
 * may take, and the mode: practice (a reply may be taken back) or assessment (every reply
 * counts). Enter starts the call; Esc goes back to the library.
 *
 * Controls: focus 0 is the Start button, focus 1 the mode toggle (Tab, Shift+Tab, Left and
 * Right move between them; Left/Right on the toggle pick the mode; P and A pick it from
 * anywhere). The text scrolls (wheel, Up/Down, PageUp/PageDown) when it does not fit, as long
 * Russian briefs at 200% text size do.
 *
 * A workshop that locks the mode (fl_ui_mode_locked): the toggle shows the mode in force, the
 * other muted, and the line under it says the workshop leader set it; the toggle takes no focus,
 * and P, A, Left/Right and clicks change nothing but say why (fl_ui_toast), never silently. The
 * time limit shown is the workshop's timing (fl_ui_timed, fl_ui_factor), not only the trainee's.
 *
 * A stress round's briefing (a round card) has the same frame: its title, the brief, how it
 * works (customers, how many at once, hang-ups, switching calls, each level's time limit with
 * the extension in use, the pass rule), the scenarios it draws from, and "Start the round",
 * which starts it with fl_ui_start_round (round_play.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "ui.h"

/* Wrapped text with each line centred on cx, in a column w wide; returns its height. */
static int text_centered(fl_ui *ui, int font, SDL_Color c, int cx, int y, int w, const char *text,
                         int draw)
{
    fl_text_line lines[16];
    size_t n = fl_text_wrap(ui->font[font], text, w, lines, 16);
    if (n > 16)
        n = 16;
    int lh = fl_line_height(ui, font);
    for (size_t i = 0; draw && i < n; i++)
        fl_text_n(ui, font, c, cx - lines[i].width / 2, y + (int)i * lh, text + lines[i].start,
                  lines[i].len);
    return (int)n * lh;
}

/* ---- the briefing ------------------------------------------------------------------------ */

enum { FOCUS_START, FOCUS_MODE };
enum { H_START, H_PRACTICE, H_ASSESSMENT, H_BACK, H_COUNT };

typedef struct {
    int header_h;
    SDL_Rect view; /* the scrolling text */
    int content_h;
    int bottom_y; /* the panel with the mode and the Start button */
    int mode_label_x;
    SDL_Rect seg[2]; /* practice, assessment */
    SDL_Rect start;
    int explain_y;
    fl_hint hs[H_COUNT];
    int n_all;   /* the hints offered */
    int n_hints; /* n_all, or 0 when the window is too short for them (large text) */
} layout;

static const fl_scenario *scenario(const fl_ui *ui)
{
    if (ui->current < 0 || (size_t)ui->current >= ui->n_lib)
        return NULL;
    return ui->lib[ui->current].scen;
}

/* The stress round briefed, or NULL. */
static const fl_entry *round_entry(const fl_ui *ui)
{
    if (ui->current < 0 || (size_t)ui->current >= ui->n_lib || !ui->lib[ui->current].round)
        return NULL;
    return &ui->lib[ui->current];
}

static const char *start_word(const fl_ui *ui)
{
    return T(ui, round_entry(ui) ? FL_W_RB_START : FL_W_BRIEF_START);
}

/* The time limit the trainee will have, in seconds (0: untimed): the scenario's, or the
 * strictest node's when only some nodes are timed. */
static int32_t limit(const fl_scenario *s)
{
    int32_t sec = s->reply_seconds;
    for (uint32_t i = 0; !sec && i < s->n_nodes; i++)
        if (s->nodes[i].reply_seconds > 0 && (!sec || s->nodes[i].reply_seconds < sec))
            sec = s->nodes[i].reply_seconds;
    return sec;
}

static void timing(const fl_ui *ui, const fl_scenario *s, char *buf, size_t n)
{
    int32_t sec = limit(s);
    if (!fl_ui_timed(ui) || sec <= 0) {
        snprintf(buf, n, "%s", T(ui, FL_W_BRIEF_UNTIMED));
        return;
    }
    double f = fl_ui_factor(ui);
    unsigned total = (unsigned)(sec * f + 0.5);
    if (f > 1.0)
        snprintf(buf, n, T(ui, FL_W_BRIEF_TIMED_EXT), total,
                 f < 2.0 ? (ui->set.lang ? "1,5" : "1.5") : "2");
    else
        snprintf(buf, n, T(ui, FL_W_BRIEF_TIMED), total);
}

/* Lays out the bottom panel, and with draw the scrolling text too (which only then is
 * measured: events need its height only to bound the scroll, kept from the last frame). */
static void compute(fl_ui *ui, layout *l)
{
    memset(l, 0, sizeof(*l));
    int mx = S(ui, 32), avail = ui->w - 2 * mx;
    l->header_h = fl_header(ui, T(ui, FL_W_BRIEF_TITLE), 0, 0);

    static const char *const keys[H_COUNT] = {"Enter", "P", "A", "Esc"};
    static const SDL_Keycode codes[H_COUNT] = {SDLK_RETURN, SDLK_p, SDLK_a, SDLK_ESCAPE};
    const char *labels[H_COUNT] = {start_word(ui), T(ui, FL_W_BRIEF_PRACTICE),
                                   T(ui, FL_W_BRIEF_ASSESSMENT), T(ui, FL_W_BACK)};
    /* a mode the workshop leader locked has no keys to offer */
    int locked = fl_ui_mode_locked(ui);
    for (int i = 0; i < H_COUNT; i++)
        if (!locked || (i != H_PRACTICE && i != H_ASSESSMENT))
            l->hs[l->n_all++] = (fl_hint){keys[i], labels[i], codes[i], {0, 0, 0, 0}};
    int hh = fl_hints(ui, l->hs, l->n_all, mx, 0, avail, 0);

    int pad = S(ui, 16);
    int bh = fl_line_height(ui, F_BOLD) + S(ui, 18);
    int small = fl_line_height(ui, F_SMALL);
    int total = pad + bh + S(ui, 8) + small + S(ui, 14) + 1 + S(ui, 12) + hh + S(ui, 14);
    l->n_hints = l->n_all;
    if (total > ui->h * 3 / 10) {
        /* the text needs the room more: the keys are on the controls' labels anyway */
        l->n_hints = 0;
        total = pad + bh + S(ui, 8) + small + S(ui, 14);
    }
    l->bottom_y = ui->h - total;

    /* row 1: "Mode [Practice|Assessment]" at the left, the Start button at the right */
    int y = l->bottom_y + pad;
    int sw = fl_width(ui, F_BOLD, start_word(ui)) + S(ui, 48);
    l->start = (SDL_Rect){ui->w - mx - sw, y, sw, bh};
    l->mode_label_x = mx;
    int x = mx + fl_width(ui, F_BODY, T(ui, FL_W_MODE)) + S(ui, 14);
    for (int i = 0; i < 2; i++) {
        /* the chosen one is bold: room for its bold width */
        const char *word = T(ui, i ? FL_W_BRIEF_ASSESSMENT : FL_W_BRIEF_PRACTICE);
        int w = fl_width(ui, F_BOLD, word) + S(ui, 32);
        l->seg[i] = (SDL_Rect){x, y, w, bh};
        x += w;
    }
    if (x + S(ui, 16) > l->start.x) {
        /* too narrow for both on one row: the label goes, the toggle starts at the margin with
         * less room around its words */
        l->mode_label_x = -1;
        x = mx;
        for (int i = 0; i < 2; i++) {
            l->seg[i].x = x;
            l->seg[i].w -= S(ui, 16);
            x += l->seg[i].w;
        }
        if (x + S(ui, 16) > l->start.x && fl_ui_mode_locked(ui)) {
            /* still too narrow: a locked mode shows alone (the line under it says why) */
            int m = fl_ui_assessment(ui);
            l->seg[m].x = mx;
            l->seg[!m].w = 0;
        }
    }
    l->explain_y = y + bh + S(ui, 8);
    int line_y = l->explain_y + small + S(ui, 14);
    fl_hints(ui, l->hs, l->n_hints, mx, line_y + 1 + S(ui, 12), avail, 0);

    int top = l->header_h;
    l->view = (SDL_Rect){0, top, ui->w, l->bottom_y - top};
}

/* The customer's card at x, y, w wide: a face, the name and the detail, centred in a column,
 * or the face at the left of the words when wide (stacked layout). With h > 0 it is drawn
 * h high; returns the height it needs. */
static int customer(fl_ui *ui, const fl_scenario *s, int x, int y, int w, int wide, int h)
{
    SDL_Color text = fl_colors[C_TEXT], muted = fl_colors[C_MUTED];
    int pad = S(ui, 20), r = S(ui, 52), cw = w - 2 * pad;
    int emotion = FL_EMO_NEUTRAL;
    const fl_node *first =
        s->start >= 0 && (uint32_t)s->start < s->n_nodes ? &s->nodes[s->start] : NULL;
    if (first && first->n_lines)
        emotion = (int)first->lines[0].emotion;
    const char *name = s->customer_name ? s->customer_name : "";
    int label_h = fl_line_height(ui, F_SMALL) + S(ui, 12);
    int draw = h > 0;
    if (draw) {
        int b = S(ui, 1) > 1 ? S(ui, 1) : 1, rad = S(ui, 10);
        fl_round_rect(ui, x, y, w, h, rad, fl_colors[C_LINE]);
        fl_round_rect(ui, x + b, y + b, w - 2 * b, h - 2 * b, rad, fl_colors[C_PANEL]);
        fl_text(ui, F_SMALL, muted, x + pad, y + pad, T(ui, FL_W_BRIEF_CUSTOMER));
    }
    int top = y + pad + label_h;
    if (wide) {
        /* the face at the left, the words beside it */
        int tx = x + pad + 2 * r + S(ui, 20), tw = x + w - pad - tx;
        int th = fl_text_box(ui, F_BOLD, text, tx, top, tw, name, draw) + S(ui, 4);
        if (s->customer_detail)
            th += fl_text_box(ui, F_SMALL, muted, tx, top + th, tw, s->customer_detail, draw);
        if (draw)
            fl_avatar(ui, x + pad + r, top + r, r, emotion);
        return label_h + (th > 2 * r ? th : 2 * r) + 2 * pad;
    }
    int cx = x + w / 2;
    if (draw)
        fl_avatar(ui, cx, top + r, r, emotion);
    int ny = top + 2 * r + S(ui, 14);
    ny += text_centered(ui, F_BOLD, text, cx, ny, cw, name, draw) + S(ui, 4);
    if (s->customer_detail)
        ny += text_centered(ui, F_SMALL, muted, cx, ny, cw, s->customer_detail, draw);
    return ny + pad - y;
}

/* Draws (or measures) the scrolling part at the view's top minus the scroll; returns its
 * height. */
static int body(fl_ui *ui, const layout *l, const fl_scenario *s, int draw)
{
    int mx = S(ui, 32), avail = ui->w - 2 * mx;
    int y0 = l->view.y - ui->scroll, y = y0 + S(ui, 24);
    SDL_Color text = fl_colors[C_TEXT], muted = fl_colors[C_MUTED];

    y += fl_text_box(ui, F_TITLE, text, mx, y, avail, s->title, draw);
    char meta[600];
    size_t len = (size_t)snprintf(meta, sizeof(meta), "%s", strcmp(s->lang, "ru") ? "EN" : "RU");
    if (s->minutes && len < sizeof(meta)) {
        len += (size_t)snprintf(meta + len, sizeof(meta) - len, "  \xC2\xB7  ");
        if (len < sizeof(meta))
            len +=
                (size_t)snprintf(meta + len, sizeof(meta) - len, T(ui, FL_W_LIB_MIN), s->minutes);
    }
    for (uint32_t k = 0; k < s->n_tags && len < sizeof(meta); k++)
        len += (size_t)snprintf(meta + len, sizeof(meta) - len, "%s%s", k ? ", " : "  \xC2\xB7  ",
                                s->tags[k]);
    y += S(ui, 4);
    y += fl_text_box(ui, F_SMALL, muted, mx, y, avail, meta, draw);
    y += S(ui, 20);

    /* the customer at the left, the situation and the goal at the right; one above the
     * other when the window is narrow for the text size */
    int gap = S(ui, 20), pad = S(ui, 20);
    int lw = S(ui, 300);
    if (lw > avail * 2 / 5)
        lw = avail * 2 / 5;
    int stacked = avail - lw - gap < S(ui, 360);
    if (stacked)
        lw = avail;
    int rx = stacked ? mx : mx + lw + gap, rw = stacked ? avail : avail - lw - gap;

    int ch = customer(ui, s, mx, y, lw, stacked, 0);

    /* the situation, the goal and the time: measured first, so both panels match */
    char time_text[300];
    timing(ui, s, time_text, sizeof(time_text));
    int tw = rw - 2 * pad;
    /* <goal> is optional: a scenario without one shows no goal section */
    int gh = s->goal ? fl_line_height(ui, F_BOLD) + S(ui, 4) +
                           fl_text_box(ui, F_BODY, text, 0, 0, tw, s->goal, 0) + S(ui, 18)
                     : 0;
    int sh = fl_line_height(ui, F_BOLD) + S(ui, 4) +
             fl_text_box(ui, F_BODY, text, 0, 0, tw, s->brief, 0) + S(ui, 18) + gh + 1 + S(ui, 14) +
             fl_text_box(ui, F_BODY, text, 0, 0, tw, time_text, 0) + 2 * pad;
    int ry = stacked ? y + ch + gap : y;
    if (!stacked) {
        if (sh < ch)
            sh = ch;
        ch = sh;
    }
    if (draw) {
        int b = S(ui, 1) > 1 ? S(ui, 1) : 1, rad = S(ui, 10);
        customer(ui, s, mx, y, lw, stacked, ch);

        fl_round_rect(ui, rx, ry, rw, sh, rad, fl_colors[C_LINE]);
        fl_round_rect(ui, rx + b, ry + b, rw - 2 * b, sh - 2 * b, rad, fl_colors[C_PANEL]);
        int x = rx + pad, ty = ry + pad;
        fl_text(ui, F_BOLD, text, x, ty, T(ui, FL_W_BRIEF_SITUATION));
        ty += fl_line_height(ui, F_BOLD) + S(ui, 4);
        ty += fl_text_box(ui, F_BODY, text, x, ty, tw, s->brief, 1) + S(ui, 18);
        if (s->goal) {
            fl_text(ui, F_BOLD, text, x, ty, T(ui, FL_W_BRIEF_GOAL));
            ty += fl_line_height(ui, F_BOLD) + S(ui, 4);
            ty += fl_text_box(ui, F_BODY, text, x, ty, tw, s->goal, 1) + S(ui, 18);
        }
        fl_fill(ui, x, ty, tw, b, fl_colors[C_LINE]);
        ty += 1 + S(ui, 14);
        int timed = fl_ui_timed(ui) && limit(s) > 0;
        fl_text_box(ui, timed ? F_BOLD : F_BODY, timed ? text : muted, x, ty, tw, time_text, 1);
    }
    int end = stacked ? ry + sh : y + ch;
    return end + S(ui, 24) - y0;
}

/* ---- a stress round's briefing ---------------------------------------------------------- */

/* One paragraph of a panel. */
typedef struct {
    int font, color;
    const char *text;
    int gap; /* space above it */
} para;

/* A panel with a heading and paragraphs at x, y, w wide; returns its height. */
static int panel(fl_ui *ui, int x, int y, int w, const char *heading, const para *ps, int n,
                 int draw)
{
    int pad = S(ui, 20), tw = w - 2 * pad;
    int h = pad + fl_text_box(ui, F_BOLD, fl_colors[C_TEXT], 0, 0, tw, heading, 0) + S(ui, 4);
    for (int i = 0; i < n; i++)
        h += ps[i].gap +
             fl_text_box(ui, ps[i].font, fl_colors[ps[i].color], 0, 0, tw, ps[i].text, 0);
    h += pad;
    if (!draw)
        return h;
    int b = S(ui, 1) > 1 ? S(ui, 1) : 1, rad = S(ui, 10);
    fl_round_rect(ui, x, y, w, h, rad, fl_colors[C_LINE]);
    fl_round_rect(ui, x + b, y + b, w - 2 * b, h - 2 * b, rad, fl_colors[C_PANEL]);
    int ty = y + pad;
    ty += fl_text_box(ui, F_BOLD, fl_colors[C_TEXT], x + pad, ty, tw, heading, 1) + S(ui, 4);
    for (int i = 0; i < n; i++) {
        ty += ps[i].gap;
        ty += fl_text_box(ui, ps[i].font, fl_colors[ps[i].color], x + pad, ty, tw, ps[i].text, 1);
    }
    return h;
}

enum { MAX_ROUND_PARAS = FL_ROUND_MAX_LEVELS + 8, MAX_DRAWN = 40 };

/* Draws (or measures) a round's briefing like body(); returns its height. */
static int round_body(fl_ui *ui, const layout *l, const fl_entry *e, int draw)
{
    const fl_round_def *d = e->round;
    int mx = S(ui, 32), avail = ui->w - 2 * mx;
    int y0 = l->view.y - ui->scroll, y = y0 + S(ui, 24);
    SDL_Color text = fl_colors[C_TEXT], muted = fl_colors[C_MUTED];

    y += fl_text_box(ui, F_TITLE, text, mx, y, avail, d->title, draw);
    char meta[400], who[200], n[64];
    snprintf(who, sizeof(who), T(ui, FL_W_LIB_ROUND_META),
             fl_format_count(n, sizeof n, ui->set.lang, d->customers, FL_W_PL_CUSTOMERS),
             d->at_once);
    snprintf(meta, sizeof(meta), "%s  \xC2\xB7  %s  \xC2\xB7  %s", T(ui, FL_W_LIB_ROUND),
             strcmp(d->lang, "ru") ? "EN" : "RU", who);
    y += S(ui, 4);
    y += fl_text_box(ui, F_SMALL, muted, mx, y, avail, meta, draw);
    y += S(ui, 20);

    /* the brief and the scenarios at the left, how it works at the right; one above the other
     * when the window is narrow for the text size */
    int gap = S(ui, 20);
    int stacked = avail < S(ui, 860);
    int lw = stacked ? avail : (avail - gap) / 2, rw = stacked ? avail : avail - gap - lw;
    int rx = stacked ? mx : mx + lw + gap;

    para brief = {F_BODY, C_TEXT, d->brief ? d->brief : "", 0};
    int left = panel(ui, mx, y, lw, T(ui, FL_W_RB_SITUATION), &brief, 1, draw) + gap;

    /* the scenarios drawn from: each title once */
    para drawn[MAX_DRAWN];
    int nd = 0;
    char more[64];
    for (uint32_t i = 0; i < e->pool.n && nd < MAX_DRAWN; i++) {
        if (nd == MAX_DRAWN - 1 && e->pool.n > MAX_DRAWN) {
            snprintf(more, sizeof(more), "+%u", e->pool.n - i);
            drawn[nd++] = (para){F_BODY, C_MUTED, more, S(ui, 4)};
            break;
        }
        int above = nd ? S(ui, 4) : 0;
        drawn[nd++] = (para){F_BODY, C_TEXT, e->pool.items[i]->title, above};
    }
    left += panel(ui, mx, y + left, lw, T(ui, FL_W_RB_DRAWS), drawn, nd, draw);

    /* how it works */
    char cust[300], lv[FL_ROUND_MAX_LEVELS][200], pass[300], ext[300];
    para how[MAX_ROUND_PARAS];
    int nh = 0;
    snprintf(cust, sizeof(cust), T(ui, FL_W_RB_CUSTOMERS),
             fl_format_count(n, sizeof n, ui->set.lang, d->customers, FL_W_PL_CUSTOMERS),
             d->at_once);
    how[nh++] = (para){F_BODY, C_TEXT, cust, 0};
    if (fl_ui_timed(ui))
        how[nh++] = (para){F_BODY, C_TEXT, T(ui, FL_W_RB_HANGUP), S(ui, 6)};
    how[nh++] = (para){F_BODY, C_TEXT, T(ui, FL_W_RB_SWITCH), S(ui, 6)};
    how[nh++] = (para){F_BOLD, C_TEXT, T(ui, FL_W_RB_LEVELS), S(ui, 14)};
    double f = fl_ui_factor(ui);
    for (uint32_t i = 0; i < d->n_levels && i < FL_ROUND_MAX_LEVELS; i++) {
        const fl_round_level *lvl = &d->levels[i];
        unsigned sec = lvl->limit_ms / 1000;
        int k =
            snprintf(lv[i], sizeof(lv[i]), T(ui, FL_W_RB_LEVEL), i + 1, sec,
                     fl_format_count(n, sizeof n, ui->set.lang, lvl->customers, FL_W_PL_CUSTOMERS),
                     lvl->every_ms / 1000);
        if (fl_ui_timed(ui) && f > 1.0 && k > 0 && (size_t)k < sizeof(lv[i]))
            snprintf(lv[i] + k, sizeof(lv[i]) - (size_t)k, T(ui, FL_W_RB_LEVEL_EXT),
                     (unsigned)(sec * f + 0.5));
        how[nh++] = (para){F_BODY, C_TEXT, lv[i], S(ui, 4)};
    }
    if (!fl_ui_timed(ui))
        snprintf(ext, sizeof(ext), "%s", T(ui, FL_W_RB_UNTIMED));
    else if (f > 1.0)
        snprintf(ext, sizeof(ext), T(ui, FL_W_RB_EXTENSION),
                 f < 2.0 ? (ui->set.lang ? "1,5" : "1.5") : "2");
    else
        snprintf(ext, sizeof(ext), "%s", T(ui, FL_W_RB_NO_EXTENSION));
    how[nh++] = (para){F_BODY, C_MUTED, ext, S(ui, 6)};
    how[nh++] = (para){F_BOLD, C_TEXT, T(ui, FL_W_RB_PASS), S(ui, 14)};
    if (d->pass_lost == 0)
        snprintf(pass, sizeof(pass), T(ui, FL_W_RB_PASS_NONE_LOST), d->pass_mean);
    else
        snprintf(
            pass, sizeof(pass), T(ui, FL_W_RB_PASS_LOST),
            fl_format_count(n, sizeof n, ui->set.lang, d->pass_lost, FL_W_PL_CUSTOMERS_AT_MOST),
            d->pass_mean);
    how[nh++] = (para){F_BODY, C_TEXT, pass, S(ui, 4)};
    int ry = stacked ? y + left + gap : y;
    int right = panel(ui, rx, ry, rw, T(ui, FL_W_RB_HOW), how, nh, draw);
    int end = stacked ? ry + right : y + (left > right ? left : right);
    return end + S(ui, 24) - y0;
}

static int max_scroll(const layout *l)
{
    int m = l->content_h - l->view.h;
    return m > 0 ? m : 0;
}

/* Measures the scrolling part (its height does not depend on the scroll) and keeps the scroll
 * within it. */
void fl_briefing_layout(fl_ui *ui, fl_briefing_state *st)
{
    const fl_scenario *s = scenario(ui);
    layout l;
    compute(ui, &l);
    const fl_entry *re = round_entry(ui);
    l.content_h = st->content_h = re ? round_body(ui, &l, re, 0) : s ? body(ui, &l, s, 0) : 0;
    if (ui->scroll > max_scroll(&l))
        ui->scroll = max_scroll(&l);
    if (ui->scroll < 0)
        ui->scroll = 0;
}

void fl_briefing_draw(fl_ui *ui, const fl_briefing_state *st)
{
    const fl_scenario *s = scenario(ui);
    layout l;
    compute(ui, &l);
    l.content_h = st->content_h;
    int mx = S(ui, 32);
    const fl_entry *re = round_entry(ui);
    if (s || re) {
        SDL_RenderSetClipRect(ui->ren, &l.view);
        /* self-voicing reads the whole briefing on entry, also what is scrolled out of view */
        fl_voicing_content_begin(ui);
        if (re)
            round_body(ui, &l, re, 1);
        else
            body(ui, &l, s, 1);
        fl_voicing_content_end(ui);
        SDL_RenderSetClipRect(ui->ren, NULL);
        if (max_scroll(&l) > 0) {
            int tw = S(ui, 4) > 2 ? S(ui, 4) : 2, tx = ui->w - S(ui, 12);
            int track = l.view.h - 2 * S(ui, 8);
            int thumb = (int)((long long)track * l.view.h / l.content_h);
            int ty = l.view.y + S(ui, 8) +
                     (int)((long long)(track - thumb) * ui->scroll / max_scroll(&l));
            fl_round_rect(ui, tx, l.view.y + S(ui, 8), tw, track, tw / 2, fl_colors[C_LINE]);
            fl_round_rect(ui, tx, ty, tw, thumb, tw / 2, fl_colors[C_MUTED]);
        }
    }
    fl_header(ui, T(ui, FL_W_BRIEF_TITLE), 0, 1);

    /* the bottom panel: the mode, the Start button, the keys */
    fl_fill(ui, 0, l.bottom_y, ui->w, ui->h - l.bottom_y, fl_colors[C_PANEL]);
    fl_fill(ui, 0, l.bottom_y, ui->w, 1, fl_colors[C_LINE]);
    int bh = l.seg[0].h, lh = fl_line_height(ui, F_BODY);
    if (l.mode_label_x >= 0)
        fl_text(ui, F_BODY, fl_colors[C_MUTED], l.mode_label_x, l.seg[0].y + (bh - lh) / 2,
                T(ui, FL_W_MODE));
    int mode = fl_ui_assessment(ui), locked = fl_ui_mode_locked(ui);
    /* the track under the segments shown (a locked mode in a narrow window shows alone) */
    int tx = l.seg[0].w ? l.seg[0].x : l.seg[1].x;
    int tw = (l.seg[1].w ? l.seg[1].x + l.seg[1].w : l.seg[0].x + l.seg[0].w) - tx, rad = S(ui, 6);
    int b = S(ui, 1) > 1 ? S(ui, 1) : 1;
    fl_round_rect(ui, tx, l.seg[0].y, tw, bh, rad, fl_colors[C_LINE]);
    fl_round_rect(ui, tx + b, l.seg[0].y + b, tw - 2 * b, bh - 2 * b, rad, fl_colors[C_CUSTOMER]);
    for (int i = 0; i < 2; i++) {
        SDL_Rect r = l.seg[i];
        if (!r.w)
            continue;
        if (i == mode)
            fl_round_rect(ui, r.x + S(ui, 3), r.y + S(ui, 3), r.w - S(ui, 6), r.h - S(ui, 6), rad,
                          fl_colors[C_ACCENT]);
        const char *w = T(ui, i ? FL_W_BRIEF_ASSESSMENT : FL_W_BRIEF_PRACTICE);
        /* a locked mode: the other one is there, muted, to show what is not offered */
        int colour = i == mode ? C_ON_ACCENT : locked ? C_MUTED : C_TEXT;
        fl_trace_kind(ui, i == mode ? "mode-chosen" : "mode-other");
        fl_text(ui, i == mode ? F_BOLD : F_BODY, fl_colors[colour],
                r.x + (r.w - fl_width(ui, i == mode ? F_BOLD : F_BODY, w)) / 2, r.y + (bh - lh) / 2,
                w);
        fl_trace_kind(ui, NULL);
    }
    if (ui->focus == FOCUS_MODE && !locked)
        fl_ring(ui, tx, l.seg[0].y, tw, bh);
    const char *explain = T(ui, mode ? FL_W_BRIEF_MODE_ASSESSMENT : FL_W_BRIEF_MODE_PRACTICE);
    if (locked)
        explain = T(ui, mode ? FL_W_DESK_LOCK_ASSESSMENT : FL_W_DESK_LOCK_PRACTICE);
    fl_trace_kind(ui, "mode-explain");
    if (st->start_failed)
        fl_text(ui, F_SMALL, fl_colors[C_BAD], mx, l.explain_y,
                T(ui, round_entry(ui) ? FL_W_RB_START_FAILED : FL_W_BRIEF_START_FAILED));
    else
        fl_text_cut(ui, F_SMALL, fl_colors[locked ? C_TEXT : C_MUTED], tx, l.explain_y,
                    ui->w - tx - mx, explain);
    fl_trace_kind(ui, NULL);

    SDL_Rect sb = l.start;
    fl_round_rect(ui, sb.x, sb.y, sb.w, sb.h, rad, fl_colors[C_ACCENT]);
    fl_text(ui, F_BOLD, fl_colors[C_ON_ACCENT],
            sb.x + (sb.w - fl_width(ui, F_BOLD, start_word(ui))) / 2,
            sb.y + (sb.h - fl_line_height(ui, F_BOLD)) / 2, start_word(ui));
    if (ui->focus == FOCUS_START)
        fl_ring(ui, sb.x, sb.y, sb.w, sb.h);

    if (l.n_hints) {
        int line_y = l.explain_y + fl_line_height(ui, F_SMALL) + S(ui, 14);
        fl_fill(ui, 0, line_y, ui->w, 1, fl_colors[C_LINE]);
        fl_hints(ui, l.hs, l.n_hints, mx, line_y + 1 + S(ui, 12), ui->w - 2 * mx, 1);
    }
}

static void set_mode(fl_ui *ui, int assessment)
{
    if (fl_ui_mode_locked(ui)) {
        /* the workshop leader chose it: said, never silently ignored */
        fl_ui_toast(ui, T(ui, FL_W_DESK_LOCK_MODE_SAY));
        return;
    }
    if (ui->set.assessment != assessment) {
        ui->set.assessment = assessment;
        fl_settings_save(&ui->set);
    }
    ui->dirty = 1;
}

static void start(fl_ui *ui, fl_briefing_state *st)
{
    if (round_entry(ui)) {
        /* the round goes to the conversation screen itself */
        if (fl_ui_start_round(ui, ui->current) == 0) {
            st->start_failed = 0;
            return;
        }
    } else if (ui->current >= 0 && fl_ui_start(ui, ui->current) == 0) {
        st->start_failed = 0;
        fl_ui_go(ui, SCR_CONVERSATION);
        return;
    }
    st->start_failed = 1;
    ui->dirty = 1;
}

static void back(fl_ui *ui, fl_briefing_state *st)
{
    st->start_failed = 0;
    if (ui->current >= 0)
        ui->lib_focus = ui->current;
    fl_ui_go(ui, SCR_LIBRARY);
}

static void scroll_by(fl_ui *ui, const layout *l, int dy)
{
    int before = ui->scroll;
    ui->scroll += dy;
    if (ui->scroll > max_scroll(l))
        ui->scroll = max_scroll(l);
    if (ui->scroll < 0)
        ui->scroll = 0;
    if (ui->scroll != before)
        ui->dirty = 1;
}

static void key(fl_ui *ui, fl_briefing_state *st, const layout *l, SDL_Keycode k)
{
    int page = l->view.h - S(ui, 40);
    switch (k) {
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        start(ui, st);
        break;
    case SDLK_SPACE:
        if (ui->focus == FOCUS_MODE)
            set_mode(ui, !ui->set.assessment);
        else
            start(ui, st);
        break;
    case SDLK_ESCAPE:
    case SDLK_BACKSPACE:
        back(ui, st);
        break;
    case SDLK_p:
        set_mode(ui, 0);
        break;
    case SDLK_a:
        set_mode(ui, 1);
        break;
    case SDLK_TAB:
        /* a locked mode is no control: the Start button keeps the focus */
        ui->focus = ui->focus == FOCUS_START && !fl_ui_mode_locked(ui) ? FOCUS_MODE : FOCUS_START;
        ui->dirty = 1;
        break;
    case SDLK_LEFT:
    case SDLK_RIGHT:
        if (fl_ui_mode_locked(ui)) {
            ui->focus = FOCUS_START;
            if (k == SDLK_LEFT)
                set_mode(ui, 0); /* says why the mode does not move */
        } else if (ui->focus == FOCUS_MODE) {
            if (k == SDLK_RIGHT && ui->set.assessment)
                ui->focus = FOCUS_START; /* past the toggle's end: on to the button */
            set_mode(ui, k == SDLK_RIGHT);
        } else if (k == SDLK_LEFT) {
            ui->focus = FOCUS_MODE;
        }
        ui->dirty = 1;
        break;
    case SDLK_UP:
        scroll_by(ui, l, -S(ui, 40));
        break;
    case SDLK_DOWN:
        scroll_by(ui, l, S(ui, 40));
        break;
    case SDLK_PAGEUP:
        scroll_by(ui, l, -page);
        break;
    case SDLK_PAGEDOWN:
        scroll_by(ui, l, page);
        break;
    case SDLK_HOME:
        scroll_by(ui, l, -ui->scroll);
        break;
    case SDLK_END:
        scroll_by(ui, l, max_scroll(l));
        break;
    default:
        break;
    }
}

void fl_briefing_event(fl_ui *ui, fl_briefing_state *st, const SDL_Event *e)
{
    layout l;
    compute(ui, &l);
    l.content_h = st->content_h;
    if (e->type == SDL_KEYDOWN) {
        key(ui, st, &l, e->key.keysym.sym);
    } else if (e->type == SDL_MOUSEWHEEL) {
        int dy = fl_wheel_steps(e);
        scroll_by(ui, &l, -dy * S(ui, 60));
    } else if (e->type == SDL_MOUSEBUTTONDOWN && e->button.button == SDL_BUTTON_LEFT) {
        int x = (int)((float)e->button.x * ui->dpi), y = (int)((float)e->button.y * ui->dpi);
        if (fl_inside(&l.start, x, y)) {
            start(ui, st);
        } else if (fl_inside(&l.seg[0], x, y) || fl_inside(&l.seg[1], x, y)) {
            if (!fl_ui_mode_locked(ui))
                ui->focus = FOCUS_MODE;
            set_mode(ui, fl_inside(&l.seg[1], x, y));
        } else {
            for (int i = 0; i < l.n_hints; i++)
                if (fl_inside(&l.hs[i].r, x, y)) {
                    key(ui, st, &l, l.hs[i].code);
                    break;
                }
        }
    }
}
