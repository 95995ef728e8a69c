/*
 * draw.c - the few shapes the interface is made of (rectangles, rounded boxes, discs, bars,
 * the customer's face) and text, drawn from the cache. The colours are the theme's: a calm
 * neutral background, one accent, and green / amber / red used only for meaning. Text colours
 * keep a contrast of 4.5:1 or more against the backgrounds they are drawn on (WCAG AA).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui.h"
#include "hmap.h"

const SDL_Color fl_colors[C_COUNT] = {
    [C_BG] = {0xF6, 0xF7, 0xF9, 0xFF},        [C_PANEL] = {0xFF, 0xFF, 0xFF, 0xFF},
    [C_LINE] = {0xD5, 0xDA, 0xE1, 0xFF},      [C_TEXT] = {0x1F, 0x27, 0x33, 0xFF},
    [C_MUTED] = {0x55, 0x5F, 0x6D, 0xFF},     [C_ACCENT] = {0x1D, 0x5F, 0xA8, 0xFF},
    [C_ON_ACCENT] = {0xFF, 0xFF, 0xFF, 0xFF}, [C_CUSTOMER] = {0xE8, 0xEC, 0xF1, 0xFF},
    [C_GOOD] = {0x2E, 0x7D, 0x32, 0xFF},      [C_WARN] = {0xB2, 0x6A, 0x00, 0xFF},
    [C_BAD] = {0xC6, 0x28, 0x28, 0xFF},
};

SDL_Color fl_score_color(int score)
{
    return fl_colors[score >= 70 ? C_GOOD : score >= 40 ? C_WARN : C_BAD];
}

void fl_fill(fl_ui *ui, int x, int y, int w, int h, SDL_Color c)
{
    if (w <= 0 || h <= 0)
        return;
    SDL_SetRenderDrawColor(ui->ren, c.r, c.g, c.b, c.a);
    SDL_Rect r = {x, y, w, h};
    SDL_RenderFillRect(ui->ren, &r);
}

void fl_frame(fl_ui *ui, int x, int y, int w, int h, int t, SDL_Color c)
{
    fl_fill(ui, x, y, w, t, c);
    fl_fill(ui, x, y + h - t, w, t, c);
    fl_fill(ui, x, y, t, h, c);
    fl_fill(ui, x + w - t, y, t, h, c);
}

void fl_round_rect(fl_ui *ui, int x, int y, int w, int h, int r, SDL_Color c)
{
    if (r * 2 > h)
        r = h / 2;
    if (r * 2 > w)
        r = w / 2;
    fl_fill(ui, x, y + r, w, h - 2 * r, c);
    /* the rounded top and bottom, one row at a time */
    for (int i = 0; i < r; i++) {
        double dy = r - i - 0.5;
        int inset = r - (int)floor(sqrt((double)r * r - dy * dy) + 0.5);
        fl_fill(ui, x + inset, y + i, w - 2 * inset, 1, c);
        fl_fill(ui, x + inset, y + h - 1 - i, w - 2 * inset, 1, c);
    }
}

void fl_disc(fl_ui *ui, int cx, int cy, int r, SDL_Color c)
{
    for (int dy = -r; dy <= r; dy++) {
        int dx = (int)floor(sqrt((double)r * r - (double)dy * dy) + 0.5);
        fl_fill(ui, cx - dx, cy + dy, 2 * dx + 1, 1, c);
    }
}

void fl_stroke(fl_ui *ui, int x1, int y1, int x2, int y2, int t, SDL_Color c)
{
    int steps = abs(x2 - x1) > abs(y2 - y1) ? abs(x2 - x1) : abs(y2 - y1);
    if (steps == 0)
        steps = 1;
    for (int i = 0; i <= steps; i++) {
        int x = x1 + (x2 - x1) * i / steps, y = y1 + (y2 - y1) * i / steps;
        fl_fill(ui, x - t / 2, y - t / 2, t, t, c);
    }
}

void fl_trace_kind(fl_ui *ui, const char *kind)
{
    ui->trace_kind = kind;
}

void fl_trace_region(const fl_ui *ui, const char *name, const SDL_Rect *r)
{
    if (ui->trace_layout)
        fprintf(stderr, "trace: region %s %d %d %d %d\n", name, r->x, r->y, r->w, r->h);
}

/* FRONTLINE_TRACE=layout: one line per text drawn, "trace: text KIND X Y W H CUT VX VY VW VH
 * TEXT": its box (the line's height, not the glyphs' overhang), CUT 0 when all of it shows, 1
 * when the clip or the window cuts part of it, 2 when none of it shows, and the part that
 * shows (0 0 0 0 none). */
static void trace_text(fl_ui *ui, int font, const SDL_Rect *dst, const char *text, size_t len)
{
    SDL_Rect box = *dst, vis, clip = {0, 0, ui->w, ui->h};
    int lh = fl_line_height(ui, font);
    if (box.h > lh)
        box.h = lh;
    if (SDL_RenderIsClipEnabled(ui->ren)) {
        SDL_Rect r;
        SDL_RenderGetClipRect(ui->ren, &r);
        if (!SDL_IntersectRect(&r, &clip, &clip))
            clip = (SDL_Rect){0, 0, 0, 0};
    }
    int cut = 2;
    if (SDL_IntersectRect(&box, &clip, &vis))
        cut = vis.w == box.w && vis.h == box.h ? 0 : 1;
    else
        vis = (SDL_Rect){0, 0, 0, 0};
    fprintf(stderr, "trace: text %s %d %d %d %d %d %d %d %d %d ",
            ui->trace_kind ? ui->trace_kind : "text", box.x, box.y, box.w, box.h, cut, vis.x, vis.y,
            vis.w, vis.h);
    for (size_t i = 0; i < len; i++)
        fputc(text[i] == '\n' ? ' ' : text[i], stderr);
    fputc('\n', stderr);
}

int fl_text_n(fl_ui *ui, int font, SDL_Color c, int x, int y, const char *text, size_t len)
{
    int w = 0, h = 0;
    SDL_Texture *tex = fl_cache_get(ui, font, c, text, len, &w, &h);
    if (!tex)
        return 0;
    SDL_Rect dst = {x, y, w, h};
    SDL_RenderCopy(ui->ren, tex, NULL, &dst);
    if (ui->trace_layout)
        trace_text(ui, font, &dst, text, len);
    if (ui->voicing) {
        SDL_Rect box = dst;
        int lh = fl_line_height(ui, font);
        if (box.h > lh)
            box.h = lh;
        fl_voicing_text(ui, text, len, &box); /* self-voicing hears what is drawn */
    }
    return w;
}

int fl_text(fl_ui *ui, int font, SDL_Color c, int x, int y, const char *text)
{
    return fl_text_n(ui, font, c, x, y, text, strlen(text));
}

int fl_line_height(const fl_ui *ui, int font)
{
    return TTF_FontLineSkip(ui->font[font]);
}

/* ---- measured layouts, kept between frames --------------------------------------------- */

/* Measuring text (harfbuzz shaping in SDL_ttf) costs far more than drawing cached textures, so
 * a layout is computed once per font, width and text and kept while it is used, like the
 * textures. Width -1 is a single-line measurement. */
typedef struct measured {
    uint64_t used;
    size_t n;
    fl_text_line *lines;
    size_t klen;
    char key[]; /* the table's key: font and width (two ints), then the text and a NUL */
} measured;

static fl_hmap mtab = FL_HMAP_INIT;

static const measured *measure(fl_ui *ui, int font, int width, const char *text)
{
    size_t len = strlen(text), klen = 2 * sizeof(int) + len;
    char stack[512];
    char *key = klen <= sizeof(stack) ? stack : malloc(klen);
    if (!key)
        return NULL;
    memcpy(key, &font, sizeof font);
    memcpy(key + sizeof font, &width, sizeof width);
    memcpy(key + 2 * sizeof(int), text, len);
    fl_hmap_slot *slot = fl_hmap_find(&mtab, key, klen);
    if (key != stack)
        free(key);
    if (slot) {
        measured *m = slot->value;
        m->used = ui->frame;
        return m;
    }
    measured *m = malloc(sizeof(*m) + klen + 1);
    if (!m)
        return NULL;
    memcpy(m->key, &font, sizeof font);
    memcpy(m->key + sizeof font, &width, sizeof width);
    memcpy(m->key + 2 * sizeof(int), text, len + 1);
    m->klen = klen;
    m->used = ui->frame;
    if (width < 0) {
        m->n = 1;
        m->lines = malloc(sizeof(*m->lines));
        if (m->lines)
            m->lines[0] = (fl_text_line){0, len, fl_text_width(ui->font[font], text, len)};
    } else {
        m->n = fl_text_wrap(ui->font[font], text, width, NULL, 0);
        m->lines = malloc((m->n ? m->n : 1) * sizeof(*m->lines));
        if (m->lines)
            fl_text_wrap(ui->font[font], text, width, m->lines, m->n);
    }
    int added;
    slot = m->lines ? fl_hmap_put(&mtab, m->key, m->klen, &added) : NULL;
    if (!slot) {
        free(m->lines);
        free(m);
        return NULL;
    }
    slot->value = m;
    return m;
}

static void measured_drop(uint64_t older_than, int all)
{
    for (size_t i = 0; i < mtab.cap;) {
        fl_hmap_slot *slot = &mtab.slots[i];
        measured *m = slot->hash ? slot->value : NULL;
        if (m && (all || m->used < older_than)) {
            fl_hmap_remove(&mtab, slot);
            free(m->lines);
            free(m);
            continue; /* a later entry may have moved into slot i */
        }
        i++;
    }
    if (all)
        fl_hmap_free(&mtab);
}

void fl_measured_clear(void)
{
    measured_drop(0, 1);
}

void fl_measured_trim(uint64_t frame)
{
    if (mtab.count > 4096 && frame > 600)
        measured_drop(frame - 600, 0);
}

const fl_text_line *fl_layout(fl_ui *ui, int font, int width, const char *text, size_t *n)
{
    const measured *m = measure(ui, font, width < 1 ? 1 : width, text);
    *n = m ? m->n : 0;
    return m ? m->lines : NULL;
}

int fl_width(fl_ui *ui, int font, const char *text)
{
    const measured *m = measure(ui, font, -1, text);
    return m ? m->lines[0].width : 0;
}

int fl_text_box(fl_ui *ui, int font, SDL_Color c, int x, int y, int w, const char *text, int draw)
{
    const measured *m = measure(ui, font, w < 1 ? 1 : w, text);
    if (!m)
        return 0;
    int lh = fl_line_height(ui, font);
    if (draw && m->n) {
        /* self-voicing hears the paragraph whole, not line by line */
        SDL_Rect box = {x, y, w, (int)m->n * lh};
        fl_voicing_text(ui, text, strlen(text), &box);
        fl_voicing_mute(ui, 1);
        for (size_t i = 0; i < m->n; i++)
            fl_text_n(ui, font, c, x, y + (int)i * lh, text + m->lines[i].start, m->lines[i].len);
        fl_voicing_mute(ui, 0);
    }
    return (int)m->n * lh;
}

void fl_bar(fl_ui *ui, int x, int y, int w, int h, int value, int max, SDL_Color fill)
{
    fl_fill(ui, x, y, w, h, fl_colors[C_LINE]);
    if (max <= 0)
        return;
    if (value < 0)
        value = 0;
    if (value > max)
        value = max;
    fl_fill(ui, x, y, (int)((long long)w * value / max), h, fill);
}

void fl_focus_ring(fl_ui *ui, int x, int y, int w, int h)
{
    int t = S(ui, 3) > 2 ? S(ui, 3) : 2;
    fl_frame(ui, x - t, y - t, w + 2 * t, h + 2 * t, t, fl_colors[C_ACCENT]);
    SDL_Rect r = {x, y, w, h};
    fl_voicing_ring(ui, &r); /* what is inside is the focused control's spoken label */
}

/* Draws text on one line of at most maxw pixels, cut at a word with an ellipsis when longer. */
void fl_text_cut(fl_ui *ui, int font, SDL_Color c, int x, int y, int maxw, const char *text)
{
    /* the texture that will be drawn gives the width: the text is shaped once, not twice */
    int tw = 0, th = 0;
    size_t len = strlen(text);
    if (!len || (fl_cache_get(ui, font, c, text, len, &tw, &th) && tw <= maxw)) {
        fl_text(ui, font, c, x, y, text);
        return;
    }
    static const char ell[] = "\xE2\x80\xA6"; /* … */
    fl_text_line line;
    int ew = fl_width(ui, font, ell);
    if (fl_text_wrap(ui->font[font], text, maxw - ew, &line, 1) == 0)
        return;
    /* self-voicing hears the whole text, not where the line cut it */
    SDL_Rect box = {x, y, maxw, fl_line_height(ui, font)};
    fl_voicing_text(ui, text, len, &box);
    fl_voicing_mute(ui, 1);
    int w = fl_text_n(ui, font, c, x, y, text + line.start, line.len);
    fl_text(ui, font, c, x + w, y, ell);
    fl_voicing_mute(ui, 0);
}

int fl_wheel_steps(const SDL_Event *e)
{
    return e->wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? -e->wheel.y : e->wheel.y;
}

void fl_mouse_at(const fl_ui *ui, int *x, int *y)
{
    SDL_GetMouseState(x, y);
    *x = (int)((float)*x * ui->dpi);
    *y = (int)((float)*y * ui->dpi);
}

int fl_key_hint(fl_ui *ui, int x, int y, const char *key, const char *label)
{
    int kw = fl_width(ui, F_BOLD, key);
    int pad = S(ui, 6), lh = fl_line_height(ui, F_BOLD);
    fl_round_rect(ui, x, y, kw + 2 * pad, lh, S(ui, 4), fl_colors[C_LINE]);
    fl_text(ui, F_BOLD, fl_colors[C_TEXT], x + pad, y, key);
    int lw = fl_text(ui, F_BODY, fl_colors[C_TEXT], x + kw + 3 * pad, y, label);
    return kw + 3 * pad + lw + S(ui, 18);
}

int fl_hints(fl_ui *ui, fl_hint *hs, int n, int x, int y, int maxw, int draw)
{
    int pad = S(ui, 6), lh = fl_line_height(ui, F_BOLD), gap = S(ui, 8);
    int cx = x, cy = y;
    for (int i = 0; i < n; i++) {
        int w = fl_width(ui, F_BOLD, hs[i].key) + 3 * pad + fl_width(ui, F_BODY, hs[i].label);
        if (cx > x && cx + w > x + maxw) {
            cx = x;
            cy += lh + gap;
        }
        hs[i].r = (SDL_Rect){cx, cy, w, lh};
        if (draw)
            fl_key_hint(ui, cx, cy, hs[i].key, hs[i].label);
        cx += w + S(ui, 18);
    }
    return n ? cy + lh - y : 0;
}

void fl_ring(fl_ui *ui, int x, int y, int w, int h)
{
    int g = S(ui, 3) > 2 ? S(ui, 3) : 2;
    fl_focus_ring(ui, x - g, y - g, w + 2 * g, h + 2 * g);
}

int fl_inside(const SDL_Rect *r, int x, int y)
{
    return x >= r->x && x < r->x + r->w && y >= r->y && y < r->y + r->h;
}

int fl_bar_height(const fl_ui *ui)
{
    return fl_line_height(ui, F_BOLD) + S(ui, 28);
}

int fl_header_start(fl_ui *ui, int margin, int rule, int *y)
{
    int h = fl_bar_height(ui), lh = fl_line_height(ui, F_BOLD);
    fl_fill(ui, 0, 0, ui->w, h, fl_colors[C_PANEL]);
    fl_fill(ui, 0, h - 1, ui->w, 1, fl_colors[C_LINE]);
    int x = S(ui, margin);
    *y = (h - lh) / 2;
    x += fl_text(ui, F_BOLD, fl_colors[C_ACCENT], x, *y, T(ui, FL_W_APP_NAME));
    if (rule) {
        x += S(ui, 14);
        fl_fill(ui, x, *y + S(ui, 4), S(ui, 1) > 0 ? S(ui, 1) : 1, lh - S(ui, 8),
                fl_colors[C_LINE]);
        x += S(ui, 14);
    }
    return x;
}

/* The screens before a call, where someone else may sit down: their top bar offers "Not you?". */
static int before_call(const fl_ui *ui)
{
    return ui->screen == SCR_LIBRARY || ui->screen == SCR_BRIEFING || ui->screen == SCR_HISTORY ||
           ui->screen == SCR_SETTINGS;
}

/* "Not you?" (a link) and its key, ending at right on the line at y; returns where it starts,
 * or right when not even the link fits after x. Sets ui->not_you to it. */
static int not_you(fl_ui *ui, int x, int y, int right)
{
    const char *link = T(ui, FL_W_NOT_YOU), *key = T(ui, FL_W_NOT_YOU_KEY);
    int lw = fl_width(ui, F_BODY, link), gap = S(ui, 6), kw = fl_width(ui, F_SMALL, key);
    int room = right - x - S(ui, 24);
    if (lw + gap + kw > room)
        kw = gap = 0; /* the key goes first: the link alone is still a click away */
    if (lw > room)
        return right;
    int lx = right - lw - gap - kw, lh = fl_line_height(ui, F_BODY);
    fl_trace_kind(ui, "not-you");
    fl_text(ui, F_BODY, fl_colors[C_ACCENT], lx, y, link);
    fl_fill(ui, lx, y + lh - S(ui, 3), lw, S(ui, 1) > 1 ? S(ui, 1) : 1, fl_colors[C_ACCENT]);
    if (kw)
        fl_text(ui, F_SMALL, fl_colors[C_MUTED], lx + lw + gap,
                y + lh - fl_line_height(ui, F_SMALL), key);
    fl_trace_kind(ui, NULL);
    /* the whole bar's height: an easy target */
    int h = fl_bar_height(ui);
    ui->not_you = (SDL_Rect){lx - S(ui, 4), 0, lw + gap + kw + S(ui, 8), h - 1};
    fl_trace_region(ui, "not-you", &ui->not_you);
    return lx;
}

int fl_header(fl_ui *ui, const char *where, int cut, int draw)
{
    int h = fl_bar_height(ui);
    if (!draw)
        return h;
    ui->not_you.w = 0;
    int y, x = fl_header_start(ui, 32, where != NULL, &y);
    fl_voicing_title(ui, where); /* a new screen says it first */
    if (ui->toast) {
        /* a short message (fl_ui_toast) takes the bar's place while it shows, so that it
         * covers nothing: the title and "Not you?" come back when it goes */
        fl_trace_kind(ui, "toast");
        fl_text_cut(ui, F_BOLD, fl_colors[C_ACCENT], x, y, ui->w - S(ui, 32) - x, ui->toast);
        fl_trace_kind(ui, NULL);
        ui->toast_in_bar = ui->frame + 1;
        return h;
    }
    if (where && !cut)
        x += fl_text(ui, F_BODY, fl_colors[C_MUTED], x, y, where);
    char who[FL_NAME_BYTES * 2 + 100];
    if (ui->set.group[0])
        snprintf(who, sizeof(who), T(ui, FL_W_SIGNED_IN), ui->set.trainee, ui->set.group);
    else
        snprintf(who, sizeof(who), T(ui, FL_W_SIGNED_IN_NOGROUP), ui->set.trainee);
    /* at the right: who is signed in, then "Not you?" where someone else may sit down; a title
     * that leaves no room drops the name first, then the link's key, then the link */
    int right = ui->w - S(ui, 32);
    if (before_call(ui)) {
        int lx = not_you(ui, x, y, right);
        if (lx < right)
            right = lx - S(ui, 16);
    }
    int ww = fl_width(ui, F_BODY, who), min = S(ui, 120);
    int wx = right - ww;
    /* a title to cut needs its room too: the name takes all it wants only when both fit */
    int title_w = where && cut ? fl_width(ui, F_BODY, where) : 0;
    if (wx > x + title_w + S(ui, 24)) {
        fl_trace_kind(ui, "who");
        fl_text(ui, F_BODY, fl_colors[C_MUTED], wx, y, who);
        right = wx;
    } else if (!cut && right - x - S(ui, 24) >= min) {
        /* a long name: cut with an ellipsis where it meets the title */
        wx = x + S(ui, 24);
        fl_trace_kind(ui, "who");
        fl_text_cut(ui, F_BODY, fl_colors[C_MUTED], wx, y, right - wx, who);
        right = wx;
    } else if (cut && right - min > x + S(ui, 24)) {
        /* the title is cut to leave the name its room, at most half the bar's rest */
        int room = right - x - S(ui, 24);
        wx = right - (ww < room / 2 ? ww : room / 2 > min ? room / 2 : min);
        fl_trace_kind(ui, "who");
        fl_text_cut(ui, F_BODY, fl_colors[C_MUTED], wx, y, right - wx, who);
        right = wx;
    } else {
        right = before_call(ui) && ui->not_you.w ? right : ui->w;
    }
    fl_trace_kind(ui, NULL);
    if (where && cut) {
        int room = right - S(ui, 24) - x;
        size_t nl = 0;
        const fl_text_line *l = room > 0 ? fl_layout(ui, F_BODY, room, where, &nl) : NULL;
        if (l && nl)
            fl_text_n(ui, F_BODY, fl_colors[C_MUTED], x, y, where, l[0].len);
    }
    return h;
}

void fl_avatar(fl_ui *ui, int cx, int cy, int r, int emotion)
{
    /* skin and hair, then eyes, brows and mouth shaped by the emotion */
    SDL_Color skin = {0xF1, 0xC2, 0x9A, 0xFF}, hair = {0x5A, 0x3E, 0x2B, 0xFF};
    SDL_Color ink = {0x2B, 0x22, 0x1C, 0xFF};
    /* mood of the face: -2 furious .. +2 happy */
    static const int mood[] = {0, 1, 1, 2, -1, 0, -1, -1, -2, -2};
    static const int brow[] = {0, 0, 0, 0, 1, 1, 0, -1, -2, -3};
    int m = emotion >= 0 && emotion < 10 ? mood[emotion] : 0;
    int b = emotion >= 0 && emotion < 10 ? brow[emotion] : 0;
    if (emotion == 9)
        skin = (SDL_Color){0xE9, 0x9A, 0x86, 0xFF}; /* flushed */
    fl_disc(ui, cx, cy - r / 6, r, hair);
    fl_disc(ui, cx, cy, r * 9 / 10, skin);
    int ex = r * 7 / 20, ey = cy - r / 8, er = r / 11 + 1;
    fl_disc(ui, cx - ex, ey, er, ink);
    fl_disc(ui, cx + ex, ey, er, ink);
    /* brows: b < 0 slant down to the middle (anger), b > 0 up (worry) */
    int by = ey - r / 4, bw = r / 4, t = r / 18 + 1;
    fl_stroke(ui, cx - ex - bw / 2, by + b * r / 40, cx - ex + bw / 2, by - b * r / 40, t, ink);
    fl_stroke(ui, cx + ex - bw / 2, by - b * r / 40, cx + ex + bw / 2, by + b * r / 40, t, ink);
    /* mouth: a curve, smiling for m > 0, frowning for m < 0, flat for 0 */
    int mw = r * 2 / 5, my = cy + r * 2 / 5;
    int prevx = cx - mw, prevy = my;
    for (int i = 1; i <= 16; i++) {
        double u = -1.0 + 2.0 * i / 16.0;
        int x = cx + (int)(u * mw);
        int y = my + (int)((1.0 - u * u) * m * r / 10.0);
        fl_stroke(ui, prevx, prevy, x, y, t + 1, ink);
        prevx = x;
        prevy = y;
    }
}
