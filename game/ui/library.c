/*
 * library.c - the library: every bundled scenario and those of the trainer's folder, as cards
 * in a grid (title, language, estimated minutes, tags, the trainee's best score so far).
 *
 * The entries come from app.c (ui->lib, sorted with the interface language's scenarios first);
 * this screen only filters (language: key L, tag: key T, Shift to go back), moves the focus
 * (arrows, PageUp/PageDown, Home/End) and opens the focused card's briefing (Enter or a click).
 * A file with errors shows as a card saying so; Enter or F5 on it opens the lint messages.
 * The grid scrolls (wheel, or by following the focus) when the cards do not fit.
 *
 * Stress rounds (round files) are cards beside the scenarios: a "Round" badge (a word, not a
 * colour), the title, the language, how many customers and how many at once, the first and
 * last levels' time limits, and the trainee's best round (its mean score) from the store. The
 * language filter applies to them; a tag filter shows a round when a scenario it draws from
 * has the tag. Enter opens the round's briefing.
 *
 * When the library mixes sources (a trainer's folder, a file named on the command line, a
 * workshop's), each card says where it comes from in a small line: bundled, yours, the
 * workshop's, or "your version of a bundled scenario" (app.c lists the trainer's version of a
 * bundled scenario or round in its place). A banner under the title says why a source could not
 * be used (a --scenarios folder, a workshop file), with the path and the reason. N is "Not
 * you?": the sign-in with the name field empty (fl_ui_switch_trainee).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "ui.h"

/* ---- the library ----------------------------------------------------------------------- */

enum { LANG_CHIP, TAG_CHIP };
enum { H_OPEN, H_LANG, H_TAG, H_HISTORY, H_SETTINGS, H_SWITCH, H_QUIT, H_COUNT };

typedef struct {
    int header_h;
    int title_y;
    SDL_Rect chip[2];
    SDL_Rect grid;                      /* the viewport of the cards */
    int cols, card_w, card_h, gap, top; /* top: space above the first row (for the ring) */
    int content_h;                      /* all rows */
    int footer_y;
    fl_hint hs[H_COUNT];
    int *vis; /* indices into ui->lib that pass the filters */
    int n_vis;
    /* the banner under the title: why a source of the library could not be used */
    const char *problem[2];
    int n_problems;
    SDL_Rect banner;
    int origins; /* the cards say where they come from (a line each) */
} layout;

/* The screen's own state is fl_library_state (kept by fl_ui): whether the trainee scrolled
 * away from the focus with the wheel, and the card under the pointer. */

/* Whether scenario s carries the tag. */
static int has_tag(const fl_scenario *s, const char *tag)
{
    for (uint32_t k = 0; s && k < s->n_tags; k++)
        if (strcmp(s->tags[k], tag) == 0)
            return 1;
    return 0;
}

static int passes(const fl_ui *ui, const fl_entry *e)
{
    const char *lang = e->scen ? e->scen->lang : e->round ? e->round->lang : NULL;
    if (!lang)
        return ui->lib_lang_filter < 0 && ui->lib_tag_filter < 0;
    if (ui->lib_lang_filter >= 0 && strcmp(lang, ui->lib_lang_filter ? "ru" : "en"))
        return 0;
    if (ui->lib_tag_filter >= 0) {
        if ((size_t)ui->lib_tag_filter >= ui->n_tags)
            return 1;
        const char *tag = ui->tags[ui->lib_tag_filter];
        if (e->scen)
            return has_tag(e->scen, tag);
        /* a round: when a scenario it draws from has the tag */
        for (uint32_t i = 0; i < e->pool.n; i++)
            if (has_tag(e->pool.items[i], tag))
                return 1;
        return 0;
    }
    return 1;
}

static void chip_label(const fl_ui *ui, int which, char *buf, size_t n)
{
    const char *value;
    if (which == LANG_CHIP)
        value = ui->lib_lang_filter < 0 ? T(ui, FL_W_LIB_ALL) : ui->lib_lang_filter ? "RU" : "EN";
    else
        value = ui->lib_tag_filter < 0 || (size_t)ui->lib_tag_filter >= ui->n_tags
                    ? T(ui, FL_W_LIB_ALL)
                    : ui->tags[ui->lib_tag_filter];
    snprintf(buf, n, "%s: %s", T(ui, which == LANG_CHIP ? FL_W_LIB_LANG : FL_W_LIB_TAG), value);
}

/* Whether the cards say where they come from: when the library mixes sources (a trainer's
 * folder, a file named on the command line, a workshop's). A library of bundled cards only
 * needs no such line. */
static int show_origins(const fl_ui *ui)
{
    if (ui->workshop || ui->user_dir)
        return 1;
    for (size_t i = 0; i < ui->n_lib; i++)
        if (ui->lib[i].origin != FL_ORIGIN_BUNDLED)
            return 1;
    return 0;
}

/* Where a card comes from, in a few words, at x, y (one line of at most w). */
static void card_origin(fl_ui *ui, int x, int y, int w, const fl_entry *e)
{
    fl_word_id word = e->replaces_bundled ? (e->is_round ? FL_W_DESK_ORIGIN_REPLACES_ROUND
                                                         : FL_W_DESK_ORIGIN_REPLACES)
                      : e->origin == FL_ORIGIN_YOURS    ? FL_W_DESK_ORIGIN_YOURS
                      : e->origin == FL_ORIGIN_WORKSHOP ? FL_W_DESK_ORIGIN_WORKSHOP
                                                        : FL_W_DESK_ORIGIN_BUNDLED;
    int yours = e->origin == FL_ORIGIN_YOURS;
    fl_trace_kind(ui, "origin");
    fl_text_cut(ui, F_SMALL, fl_colors[yours ? C_ACCENT : C_MUTED], x, y, w, T(ui, word));
    fl_trace_kind(ui, NULL);
}

static void compute(fl_ui *ui, layout *l, int draw_header)
{
    memset(l, 0, sizeof(*l));
    l->header_h = fl_header(ui, NULL, 0, draw_header);
    int mx = S(ui, 32);
    int avail = ui->w - 2 * mx;

    /* the title, and the two filter chips at its right (or under it when narrow) */
    l->title_y = l->header_h + S(ui, 20);
    int th = fl_line_height(ui, F_TITLE);
    int chip_h = fl_line_height(ui, F_BODY) + S(ui, 12);
    int chip_w[2];
    for (int c = 0; c < 2; c++) {
        char buf[300];
        chip_label(ui, c, buf, sizeof(buf));
        chip_w[c] = fl_width(ui, F_BODY, buf) + S(ui, 28);
        if (chip_w[c] > avail)
            chip_w[c] = avail;
    }
    int title_w = fl_width(ui, F_TITLE, T(ui, FL_W_LIB_TITLE));
    int chips_w = chip_w[0] + S(ui, 12) + chip_w[1];
    int y = l->title_y + th + S(ui, 12);
    if (mx + title_w + S(ui, 24) + chips_w <= ui->w - mx) {
        int cx = ui->w - mx - chips_w, cy = l->title_y + (th - chip_h) / 2;
        l->chip[0] = (SDL_Rect){cx, cy, chip_w[0], chip_h};
        l->chip[1] = (SDL_Rect){cx + chip_w[0] + S(ui, 12), cy, chip_w[1], chip_h};
    } else {
        int cx = mx;
        for (int c = 0; c < 2; c++) {
            if (c == 1 && cx + chip_w[1] > ui->w - mx) {
                cx = mx;
                y += chip_h + S(ui, 8);
            }
            l->chip[c] = (SDL_Rect){cx, y, chip_w[c], chip_h};
            cx += chip_w[c] + S(ui, 12);
        }
        y += chip_h + S(ui, 12);
    }

    /* the banner: the trainer's folder or the workshop file could not be used, said in the
     * window (not only on the terminal), with the path and why */
    if (ui->workshop_problem)
        l->problem[l->n_problems++] = ui->workshop_problem;
    if (ui->user_dir_problem)
        l->problem[l->n_problems++] = ui->user_dir_problem;
    if (l->n_problems) {
        int pad = S(ui, 12), stripe = S(ui, 4) > 3 ? S(ui, 4) : 3;
        int h = 2 * pad;
        for (int i = 0; i < l->n_problems; i++)
            h += (i ? S(ui, 6) : 0) + fl_text_box(ui, F_SMALL, fl_colors[C_TEXT], 0, 0,
                                                  avail - 2 * pad - stripe, l->problem[i], 0);
        l->banner = (SDL_Rect){mx, y, avail, h};
        y += h + S(ui, 12);
    }
    l->origins = show_origins(ui);

    /* the key hints at the bottom */
    static const fl_word_id labels[H_COUNT] = {
        FL_W_LIB_OPEN, FL_W_LIB_LANG,           FL_W_LIB_TAG, FL_W_HISTORY,
        FL_W_SETTINGS, FL_W_LIB_SWITCH_TRAINEE, FL_W_QUIT};
    static const char *const keys[H_COUNT] = {"Enter", "L", "T", "H", "S", "N", "Q"};
    static const SDL_Keycode codes[H_COUNT] = {SDLK_RETURN, SDLK_l, SDLK_t, SDLK_h,
                                               SDLK_s,      SDLK_n, SDLK_q};
    for (int i = 0; i < H_COUNT; i++)
        l->hs[i] = (fl_hint){keys[i], T(ui, labels[i]), codes[i], {0, 0, 0, 0}};
    int hh = fl_hints(ui, l->hs, H_COUNT, mx, 0, avail, 0);
    l->footer_y = ui->h - hh - 2 * S(ui, 14);
    fl_hints(ui, l->hs, H_COUNT, mx, l->footer_y + S(ui, 14), avail, 0);

    /* the grid */
    l->gap = S(ui, 16);
    l->top = S(ui, 8);
    l->grid = (SDL_Rect){0, y, ui->w, l->footer_y - y};
    int minw = S(ui, 340);
    l->cols = (avail + l->gap) / (minw + l->gap);
    if (l->cols < 1)
        l->cols = 1;
    l->card_w = (avail - l->gap * (l->cols - 1)) / l->cols;
    l->card_h = 2 * S(ui, 16) + 2 * fl_line_height(ui, F_BOLD) + S(ui, 4) +
                fl_line_height(ui, F_SMALL) + S(ui, 12) + fl_line_height(ui, F_BOLD) +
                (l->origins ? fl_line_height(ui, F_SMALL) + S(ui, 4) : 0);

    l->vis = malloc((ui->n_lib ? ui->n_lib : 1) * sizeof(*l->vis));
    for (size_t i = 0; l->vis && i < ui->n_lib; i++)
        if (passes(ui, &ui->lib[i]))
            l->vis[l->n_vis++] = (int)i;
    int rows = (l->n_vis + l->cols - 1) / l->cols;
    l->content_h = rows ? l->top * 2 + rows * l->card_h + (rows - 1) * l->gap : 0;
}

static int max_scroll(const layout *l)
{
    int m = l->content_h - l->grid.h;
    return m > 0 ? m : 0;
}

static void clamp_scroll(fl_ui *ui, const layout *l)
{
    if (ui->scroll > max_scroll(l))
        ui->scroll = max_scroll(l);
    if (ui->scroll < 0)
        ui->scroll = 0;
}

/* The position of the focused entry among the visible ones, -1 when it is not (drawing). */
static int shown_pos(const fl_ui *ui, const layout *l)
{
    for (int p = 0; p < l->n_vis; p++)
        if (l->vis[p] == ui->lib_focus)
            return p;
    return -1;
}

/* The position of the focused entry among the visible ones; the focus moves to the first
 * visible card when the filters hide it. -1 when nothing is visible. */
static int focus_pos(fl_ui *ui, const layout *l)
{
    for (int p = 0; p < l->n_vis; p++)
        if (l->vis[p] == ui->lib_focus)
            return p;
    if (!l->n_vis)
        return -1;
    ui->lib_focus = l->vis[0];
    return 0;
}

static SDL_Rect card_rect(fl_ui *ui, const layout *l, int pos)
{
    int row = pos / l->cols, col = pos % l->cols;
    return (SDL_Rect){S(ui, 32) + col * (l->card_w + l->gap),
                      l->grid.y + l->top + row * (l->card_h + l->gap) - ui->scroll, l->card_w,
                      l->card_h};
}

/* Scrolls so the card at pos is wholly in view. */
static void reveal(fl_ui *ui, const layout *l, int pos)
{
    if (pos < 0)
        return;
    int row = pos / l->cols;
    int top = row * (l->card_h + l->gap); /* relative to the content */
    int bottom = top + l->card_h + 2 * l->top;
    if (top < ui->scroll)
        ui->scroll = top;
    if (bottom > ui->scroll + l->grid.h)
        ui->scroll = bottom - l->grid.h;
    if (bottom - top > l->grid.h) /* taller than the view (large text): its top in view */
        ui->scroll = top;
    clamp_scroll(ui, l);
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* A small badge with a word at the top right of a card, ending at right; returns its width. */
static int card_badge(fl_ui *ui, int right, int y, const char *word, int strong)
{
    int bw = fl_width(ui, F_SMALL, word) + S(ui, 14), bh = fl_line_height(ui, F_SMALL);
    fl_round_rect(ui, right - bw, y + S(ui, 2), bw, bh, S(ui, 4),
                  fl_colors[strong ? C_ACCENT : C_CUSTOMER]);
    fl_text(ui, F_SMALL, fl_colors[strong ? C_ON_ACCENT : C_TEXT], right - bw + S(ui, 7),
            y + S(ui, 2), word);
    return bw;
}

/* The title in at most two lines of width tw at x, y; returns the height of two lines. */
static int card_title(fl_ui *ui, int x, int y, int tw, const char *title)
{
    size_t n;
    const fl_text_line *lines = fl_layout(ui, F_BOLD, tw, title, &n); /* measured once, kept */
    if (!lines)
        n = 0;
    int lh = fl_line_height(ui, F_BOLD);
    /* self-voicing hears the title whole, not line by line or cut */
    SDL_Rect box = {x, y, tw, (n > 1 ? 2 : 1) * lh};
    if (n)
        fl_voicing_text(ui, title, strlen(title), &box);
    fl_voicing_mute(ui, 1);
    if (n >= 1)
        fl_text_n(ui, F_BOLD, fl_colors[C_TEXT], x, y, title + lines[0].start, lines[0].len);
    if (n == 2)
        fl_text_n(ui, F_BOLD, fl_colors[C_TEXT], x, y + lh, title + lines[1].start, lines[1].len);
    else if (n > 2)
        fl_text_cut(ui, F_BOLD, fl_colors[C_TEXT], x, y + lh, tw, title + lines[1].start);
    fl_voicing_mute(ui, 0);
    return 2 * lh;
}

/* The best score with a bar, or that it was never played. */
static void card_best(fl_ui *ui, int x, int y, int w, int best, fl_word_id word)
{
    if (best < 0) {
        fl_text_cut(ui, F_BODY, fl_colors[C_MUTED], x, y, w, T(ui, FL_W_LIB_NEW));
        return;
    }
    char text[64];
    snprintf(text, sizeof(text), T(ui, word), best);
    SDL_Color c = fl_score_color(best);
    int lh = fl_line_height(ui, F_BOLD);
    int bw = fl_width(ui, F_BOLD, text) + S(ui, 14);
    fl_text_cut(ui, F_BOLD, c, x, y, w, text);
    int bh = S(ui, 6) > 3 ? S(ui, 6) : 3;
    if (w - bw > S(ui, 40))
        fl_bar(ui, x + bw, y + (lh - bh) / 2, w - bw, bh, best, 100, c);
}

/* A stress round's card: the "Round" and language badges, the title, the customers and how
 * many at once, the levels' limits, the trainee's best round. */
static void draw_round_card(fl_ui *ui, SDL_Rect r, const fl_entry *e, int origins)
{
    const fl_round_def *d = e->round;
    int pad = S(ui, 16), x = r.x + pad, y = r.y + pad, w = r.w - 2 * pad;
    char lang[3] = {(char)toupper((unsigned char)d->lang[0]),
                    d->lang[0] ? (char)toupper((unsigned char)d->lang[1]) : 0, 0};
    int right = r.x + r.w - pad;
    fl_trace_kind(ui, "round-card");
    int lw = card_badge(ui, right, y, lang, 0);
    fl_trace_kind(ui, "round-badge");
    int rw = card_badge(ui, right - lw - S(ui, 6), y, T(ui, FL_W_LIB_ROUND), 1);
    fl_trace_kind(ui, "round-card");
    int tw = w - lw - rw - S(ui, 16);
    y += card_title(ui, x, y, tw, d->title) + S(ui, 4);

    char meta[400], part[200], n[64];
    snprintf(meta, sizeof(meta), T(ui, FL_W_LIB_ROUND_META),
             fl_format_count(n, sizeof n, ui->set.lang, d->customers, FL_W_PL_CUSTOMERS),
             d->at_once);
    if (d->n_levels) {
        snprintf(part, sizeof(part), T(ui, FL_W_LIB_ROUND_LIMITS), d->levels[0].limit_ms / 1000,
                 d->levels[d->n_levels - 1].limit_ms / 1000);
        size_t len = strlen(meta);
        snprintf(meta + len, sizeof(meta) - len, "  \xC2\xB7  %s", part);
    }
    fl_text_cut(ui, F_SMALL, fl_colors[C_MUTED], x, y, w, meta);
    y += fl_line_height(ui, F_SMALL);
    if (origins) {
        card_origin(ui, x, y + S(ui, 4), w, e);
        fl_trace_kind(ui, "round-card");
        y += fl_line_height(ui, F_SMALL) + S(ui, 4);
    }
    y += S(ui, 12);
    card_best(ui, x, y, w, e->best, FL_W_LIB_ROUND_BEST);
    fl_trace_kind(ui, NULL);
}

static void draw_card(fl_ui *ui, SDL_Rect r, const fl_entry *e, int focused, int hovered,
                      int origins)
{
    int b = S(ui, 1) > 1 ? S(ui, 1) : 1, rad = S(ui, 10);
    fl_round_rect(ui, r.x, r.y, r.w, r.h, rad, fl_colors[hovered || focused ? C_MUTED : C_LINE]);
    fl_round_rect(ui, r.x + b, r.y + b, r.w - 2 * b, r.h - 2 * b, rad, fl_colors[C_PANEL]);
    if (focused)
        fl_ring(ui, r.x, r.y, r.w, r.h);
    if (e->round) {
        draw_round_card(ui, r, e, origins);
        return;
    }
    int pad = S(ui, 16), x = r.x + pad, y = r.y + pad, w = r.w - 2 * pad;
    const fl_scenario *s = e->scen;

    /* the language, as a small badge at the top right; a broken round says it is a round */
    int tw = w;
    if (s) {
        char lang[3] = {(char)toupper((unsigned char)s->lang[0]),
                        s->lang[0] ? (char)toupper((unsigned char)s->lang[1]) : 0, 0};
        tw = w - card_badge(ui, r.x + r.w - pad, y, lang, 0) - S(ui, 10);
    } else if (e->is_round) {
        fl_trace_kind(ui, "round-badge");
        tw = w - card_badge(ui, r.x + r.w - pad, y, T(ui, FL_W_LIB_ROUND), 1) - S(ui, 10);
        fl_trace_kind(ui, "round-broken");
    }

    /* the title: two lines at most */
    y += card_title(ui, x, y, tw, s ? s->title : base_name(e->path)) + S(ui, 4);

    /* minutes and tags */
    if (s) {
        char meta[600];
        size_t len = 0;
        meta[0] = '\0';
        if (s->minutes)
            len = (size_t)snprintf(meta, sizeof(meta), T(ui, FL_W_LIB_MIN), s->minutes);
        /* whole tags while they fit, then how many more there are; each piece is measured
         * once (and kept), and the widths added up */
        int more_w = fl_width(ui, F_SMALL, "  +99");
        int sep_w = fl_width(ui, F_SMALL, "  \xC2\xB7  ");
        int used = meta[0] ? fl_width(ui, F_SMALL, meta) : 0;
        for (uint32_t k = 0; k < s->n_tags && len < sizeof(meta); k++) {
            size_t save = len;
            used += (len ? sep_w : 0) + fl_width(ui, F_SMALL, s->tags[k]);
            len += (size_t)snprintf(meta + len, sizeof(meta) - len, "%s%s",
                                    len ? "  \xC2\xB7  " : "", s->tags[k]);
            int need = used + (k + 1 < s->n_tags ? more_w : 0);
            if (need > w && k > 0) {
                meta[save] = '\0';
                snprintf(meta + save, sizeof(meta) - save, "  +%u", s->n_tags - k);
                break;
            }
        }
        fl_text_cut(ui, F_SMALL, fl_colors[C_MUTED], x, y, w, meta);
    } else {
        fl_text_cut(ui, F_SMALL, fl_colors[C_MUTED], x, y, w, e->path);
    }
    y += fl_line_height(ui, F_SMALL);
    if (origins) {
        card_origin(ui, x, y + S(ui, 4), w, e);
        fl_trace_kind(ui, e->is_round && !s ? "round-broken" : NULL);
        y += fl_line_height(ui, F_SMALL) + S(ui, 4);
    }
    y += S(ui, 12);

    /* the best score so far, with a bar; or that it was never played, or that it is broken */
    if (!s)
        fl_text_cut(ui, F_BOLD, fl_colors[C_BAD], x, y, w, T(ui, FL_W_LIB_BROKEN));
    else
        card_best(ui, x, y, w, e->best, FL_W_LIB_BEST);
    fl_trace_kind(ui, NULL);
}

static void draw_chip(fl_ui *ui, const layout *l, int c)
{
    SDL_Rect r = l->chip[c];
    int active = c == LANG_CHIP ? ui->lib_lang_filter >= 0 : ui->lib_tag_filter >= 0;
    char buf[300];
    chip_label(ui, c, buf, sizeof(buf));
    int b = S(ui, 1) > 1 ? S(ui, 1) : 1;
    if (active) {
        fl_round_rect(ui, r.x, r.y, r.w, r.h, r.h / 2, fl_colors[C_ACCENT]);
    } else {
        fl_round_rect(ui, r.x, r.y, r.w, r.h, r.h / 2, fl_colors[C_LINE]);
        fl_round_rect(ui, r.x + b, r.y + b, r.w - 2 * b, r.h - 2 * b, r.h / 2, fl_colors[C_PANEL]);
    }
    fl_text_cut(ui, F_BODY, fl_colors[active ? C_ON_ACCENT : C_TEXT], r.x + S(ui, 14),
                r.y + (r.h - fl_line_height(ui, F_BODY)) / 2, r.w - S(ui, 28), buf);
}

/* Keeps the focus on a visible card, in view unless the wheel scrolled away from it, and the
 * scroll within the cards. */
void fl_library_layout(fl_ui *ui, fl_library_state *st)
{
    layout l;
    compute(ui, &l, 0);
    int pos = focus_pos(ui, &l);
    if (!st->wheel_scrolled)
        reveal(ui, &l, pos);
    clamp_scroll(ui, &l);
    free(l.vis);
}

void fl_library_draw(fl_ui *ui, const fl_library_state *st)
{
    layout l;
    compute(ui, &l, 1);
    int mx = S(ui, 32);
    fl_text(ui, F_TITLE, fl_colors[C_TEXT], mx, l.title_y, T(ui, FL_W_LIB_TITLE));
    fl_voicing_title(ui, T(ui, FL_W_LIB_TITLE)); /* the top bar names no place here */
    draw_chip(ui, &l, LANG_CHIP);
    draw_chip(ui, &l, TAG_CHIP);
    if (l.n_problems) {
        SDL_Rect bn = l.banner;
        int pad = S(ui, 12), stripe = S(ui, 4) > 3 ? S(ui, 4) : 3;
        int b = S(ui, 1) > 1 ? S(ui, 1) : 1;
        fl_fill(ui, bn.x, bn.y, bn.w, bn.h, fl_colors[C_WARN]);
        fl_fill(ui, bn.x + stripe, bn.y + b, bn.w - stripe - b, bn.h - 2 * b, fl_colors[C_PANEL]);
        fl_trace_kind(ui, "problem");
        int ty = bn.y + pad;
        for (int i = 0; i < l.n_problems; i++)
            ty += fl_text_box(ui, F_SMALL, fl_colors[C_TEXT], bn.x + stripe + pad, ty,
                              bn.w - 2 * pad - stripe, l.problem[i], 1) +
                  S(ui, 6);
        fl_trace_kind(ui, NULL);
        fl_trace_region(ui, "problem-banner", &bn);
    }

    int pos = shown_pos(ui, &l);
    if (!l.n_vis) {
        fl_text_box(ui, F_BODY, fl_colors[C_MUTED], mx, l.grid.y + S(ui, 24), ui->w - 2 * mx,
                    T(ui, FL_W_LIB_EMPTY), 1);
    }
    SDL_RenderSetClipRect(ui->ren, &l.grid);
    for (int p = 0; p < l.n_vis; p++) {
        SDL_Rect r = card_rect(ui, &l, p);
        if (r.y + r.h + S(ui, 6) < l.grid.y || r.y - S(ui, 6) > l.grid.y + l.grid.h)
            continue;
        draw_card(ui, r, &ui->lib[l.vis[p]], p == pos, l.vis[p] == st->hover, l.origins);
    }
    SDL_RenderSetClipRect(ui->ren, NULL);

    /* a scroll bar when the cards do not all fit */
    if (max_scroll(&l) > 0) {
        int tw = S(ui, 4) > 2 ? S(ui, 4) : 2, tx = ui->w - S(ui, 12);
        int track = l.grid.h - 2 * S(ui, 6);
        int thumb = (int)((long long)track * l.grid.h / l.content_h);
        int ty =
            l.grid.y + S(ui, 6) + (int)((long long)(track - thumb) * ui->scroll / max_scroll(&l));
        fl_round_rect(ui, tx, l.grid.y + S(ui, 6), tw, track, tw / 2, fl_colors[C_LINE]);
        fl_round_rect(ui, tx, ty, tw, thumb, tw / 2, fl_colors[C_MUTED]);
    }

    fl_fill(ui, 0, l.footer_y, ui->w, ui->h - l.footer_y, fl_colors[C_PANEL]);
    fl_fill(ui, 0, l.footer_y, ui->w, 1, fl_colors[C_LINE]);
    fl_hints(ui, l.hs, H_COUNT, mx, l.footer_y + S(ui, 14), ui->w - 2 * mx, 1);
    free(l.vis);
}

static void open_entry(fl_ui *ui, fl_library_state *st, int index)
{
    fl_entry *e = &ui->lib[index];
    ui->lib_focus = index;
    if (!e->scen && !e->round) {
        free(ui->overlay);
        ui->overlay = strdup(e->errors ? e->errors : "?");
        ui->dirty = 1;
        return;
    }
    st->wheel_scrolled = 0;
    ui->current = index;
    fl_ui_go(ui, SCR_BRIEFING);
}

/* Whether some scenario in the chosen language carries tags[t]. */
static int tag_used(const fl_ui *ui, int t)
{
    for (size_t i = 0; i < ui->n_lib; i++) {
        const fl_scenario *s = ui->lib[i].scen;
        if (!s || (ui->lib_lang_filter >= 0 && strcmp(s->lang, ui->lib_lang_filter ? "ru" : "en")))
            continue;
        for (uint32_t k = 0; k < s->n_tags; k++)
            if (strcmp(s->tags[k], ui->tags[t]) == 0)
                return 1;
    }
    return 0;
}

/* Steps a filter to its next (or previous) value: all, then each language or tag. Tags no
 * scenario of the chosen language has are skipped, and a language without the chosen tag
 * clears it, so a filter never leads to an empty page by itself. */
static void cycle_filter(fl_ui *ui, fl_library_state *st, int which, int back)
{
    if (which == LANG_CHIP) {
        int *f = &ui->lib_lang_filter;
        *f = back ? (*f <= -1 ? 1 : *f - 1) : (*f >= 1 ? -1 : *f + 1);
        if (ui->lib_tag_filter >= 0 &&
            ((size_t)ui->lib_tag_filter >= ui->n_tags || !tag_used(ui, ui->lib_tag_filter)))
            ui->lib_tag_filter = -1;
    } else {
        int n = (int)ui->n_tags, f = ui->lib_tag_filter;
        for (int step = 0; step <= n; step++) {
            f = back ? (f <= -1 ? n - 1 : f - 1) : (f + 1 >= n ? -1 : f + 1);
            if (f < 0 || tag_used(ui, f))
                break;
        }
        ui->lib_tag_filter = f;
    }
    ui->scroll = 0;
    st->wheel_scrolled = 0;
    st->hover = -1;
    ui->dirty = 1;
}

/* Does what key k does here; returns 1 when it was one of the library's keys. */
static int act(fl_ui *ui, fl_library_state *st, layout *l, SDL_Keycode k, Uint16 mod)
{
    int pos = focus_pos(ui, l), to = pos;
    int per_page = l->grid.h / (l->card_h + l->gap);
    if (per_page < 1)
        per_page = 1;
    switch (k) {
    case SDLK_LEFT:
        to = pos - 1;
        break;
    case SDLK_RIGHT:
        to = pos + 1;
        break;
    case SDLK_UP:
        to = pos - l->cols;
        break;
    case SDLK_DOWN:
        /* onto the last card when the row below is shorter */
        to = pos + l->cols;
        if (to >= l->n_vis && pos / l->cols < (l->n_vis - 1) / l->cols)
            to = l->n_vis - 1;
        break;
    case SDLK_PAGEUP:
        to = pos - per_page * l->cols;
        break;
    case SDLK_PAGEDOWN:
        to = pos + per_page * l->cols;
        break;
    case SDLK_HOME:
        to = 0;
        break;
    case SDLK_END:
        to = l->n_vis - 1;
        break;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_SPACE:
        if (pos >= 0)
            open_entry(ui, st, l->vis[pos]);
        return 1;
    case SDLK_l:
        cycle_filter(ui, st, LANG_CHIP, (mod & KMOD_SHIFT) != 0);
        return 1;
    case SDLK_t:
        cycle_filter(ui, st, TAG_CHIP, (mod & KMOD_SHIFT) != 0);
        return 1;
    case SDLK_h:
        st->wheel_scrolled = 0;
        fl_ui_go(ui, SCR_HISTORY);
        return 1;
    case SDLK_s:
        st->wheel_scrolled = 0;
        fl_ui_go(ui, SCR_SETTINGS);
        return 1;
    case SDLK_n: /* another trainee on this machine signs in: "Not you?" */
        st->wheel_scrolled = 0;
        ui->current = -1;
        fl_ui_switch_trainee(ui);
        return 1;
    case SDLK_ESCAPE:
    case SDLK_q:
        ui->quit = 1;
        return 1;
    default:
        return 0;
    }
    if (pos < 0)
        return 1;
    if (k == SDLK_PAGEUP || k == SDLK_PAGEDOWN) {
        if (to < 0)
            to = pos % l->cols;
        if (to >= l->n_vis)
            to = l->n_vis - 1;
    }
    if (to >= 0 && to < l->n_vis && to != pos) {
        ui->lib_focus = l->vis[to];
        reveal(ui, l, to);
    }
    st->wheel_scrolled = 0;
    ui->dirty = 1;
    return 1;
}

static int card_at(fl_ui *ui, const layout *l, int x, int y)
{
    if (!fl_inside(&l->grid, x, y))
        return -1;
    for (int p = 0; p < l->n_vis; p++) {
        SDL_Rect r = card_rect(ui, l, p);
        if (fl_inside(&r, x, y))
            return p;
    }
    return -1;
}

void fl_library_event(fl_ui *ui, fl_library_state *st, const SDL_Event *e)
{
    layout l;
    compute(ui, &l, 0);
    clamp_scroll(ui, &l);
    if (e->type == SDL_KEYDOWN) {
        act(ui, st, &l, e->key.keysym.sym, e->key.keysym.mod);
    } else if (e->type == SDL_MOUSEWHEEL) {
        int dy = fl_wheel_steps(e);
        int before = ui->scroll;
        ui->scroll -= dy * S(ui, 60);
        clamp_scroll(ui, &l);
        if (ui->scroll != before) {
            st->wheel_scrolled = 1;
            ui->dirty = 1;
        }
    } else if (e->type == SDL_MOUSEMOTION) {
        int x = (int)((float)e->motion.x * ui->dpi), y = (int)((float)e->motion.y * ui->dpi);
        int p = card_at(ui, &l, x, y);
        int h = p >= 0 ? l.vis[p] : -1;
        if (h != st->hover) {
            st->hover = h;
            ui->dirty = 1;
        }
    } else if (e->type == SDL_MOUSEBUTTONDOWN && e->button.button == SDL_BUTTON_LEFT) {
        int x = (int)((float)e->button.x * ui->dpi), y = (int)((float)e->button.y * ui->dpi);
        int p = card_at(ui, &l, x, y);
        if (p >= 0) {
            open_entry(ui, st, l.vis[p]);
        } else if (fl_inside(&l.chip[LANG_CHIP], x, y)) {
            cycle_filter(ui, st, LANG_CHIP, 0);
        } else if (fl_inside(&l.chip[TAG_CHIP], x, y)) {
            cycle_filter(ui, st, TAG_CHIP, 0);
        } else {
            for (int i = 0; i < H_COUNT; i++)
                if (fl_inside(&l.hs[i].r, x, y)) {
                    act(ui, st, &l, l.hs[i].code, 0);
                    break;
                }
        }
    }
    free(l.vis);
}

/* ---- the trainee's best rounds ------------------------------------------------------------- */

static int tally_round(void *ctx, const fl_round_record *r)
{
    fl_ui *ui = ctx;
    if (!fl_round_record_closed(r) || r->fig.mean_score < 0 || !r->def_id)
        return 0;
    for (size_t i = 0; i < ui->n_lib; i++) {
        fl_entry *e = &ui->lib[i];
        if (e->round && e->round->id && strcmp(e->round->id, r->def_id) == 0) {
            e->attempts++;
            if (r->fig.mean_score > e->best)
                e->best = r->fig.mean_score;
        }
    }
    return 0;
}

void fl_library_round_scores(fl_ui *ui, fl_store *st)
{
    char err[512];
    fl_store_filter f = {.trainee = ui->set.trainee, .group = ui->set.group, .finished_only = 1};
    fl_store_each_round(&st, 1, &f, tally_round, ui, err, sizeof(err));
}
