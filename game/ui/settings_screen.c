/*
 * settings_screen.c - the settings: interface language, text size, timed replies, the time
 * extension and full screen. Every change applies at once and is saved (settings.c).
 *
 * Each setting is a row with its choices side by side (a segmented control): Up/Down (or Tab)
 * choose the row, Left/Right change it, Enter/Space step through its choices; a click picks a
 * choice directly. Esc goes back to the library.
 *
 * Timed replies and the time extension are two views of one state: "untimed" in the
 * extension row is the same as timed replies off. Choosing x1, x1.5 or x2 turns timed replies
 * on with that factor; turning timed replies off (or picking "untimed") keeps the factor in
 * ui->set.extension, so turning them on again restores it.
 *
 * No sound or voice controls: they come with the sound issue, and nothing is shown before it
 * works.
 */
#include <stdio.h>
#include <string.h>

#include "ui.h"

enum { ROW_LANG, ROW_SIZE, ROW_TIMED, ROW_EXT, ROW_FULL, ROW_COUNT };
#define MAX_CHOICES 6

typedef struct {
    const char *label, *about;
    const char *choice[MAX_CHOICES];
    int n, value;
    SDL_Rect r;                /* the row */
    SDL_Rect seg[MAX_CHOICES]; /* its choices */
    int label_w;               /* the label column */
} row;

typedef struct {
    int header_h;
    SDL_Rect view; /* between the header and the footer; scrolls */
    int title_y, panel_x, panel_w, panel_y, panel_h;
    int content_h;
    row rows[ROW_COUNT];
    SDL_Rect back;
    int footer_y;
} layout;

static void rows_of(const fl_ui *ui, row *rows)
{
    static const char *const sizes[] = {"75%", "100%", "125%", "150%", "175%", "200%"};
    memset(rows, 0, ROW_COUNT * sizeof(*rows));
    rows[ROW_LANG] = (row){.label = T(ui, FL_W_SET_LANG),
                           .about = T(ui, FL_W_SET_LANG_ABOUT),
                           .choice = {fl_word(FL_W_SET_LANG_NAME, FL_LANG_EN),
                                      fl_word(FL_W_SET_LANG_NAME, FL_LANG_RU)},
                           .n = 2,
                           .value = ui->set.lang ? 1 : 0};
    rows[ROW_SIZE] = (row){.label = T(ui, FL_W_SET_SIZE),
                           .about = T(ui, FL_W_SET_SIZE_ABOUT),
                           .n = 6,
                           .value = (ui->set.text_size - 75) / 25};
    for (int i = 0; i < 6; i++)
        rows[ROW_SIZE].choice[i] = sizes[i];
    rows[ROW_TIMED] = (row){.label = T(ui, FL_W_SET_TIMED),
                            .about = T(ui, FL_W_SET_TIMED_ABOUT),
                            .choice = {T(ui, FL_W_SET_OFF), T(ui, FL_W_SET_ON)},
                            .n = 2,
                            .value = ui->set.timed ? 1 : 0};
    rows[ROW_EXT] =
        (row){.label = T(ui, FL_W_SET_EXT),
              .about = T(ui, FL_W_SET_EXT_ABOUT),
              .choice = {"x1", ui->set.lang ? "x1,5" : "x1.5", "x2", T(ui, FL_W_SET_UNTIMED)},
              .n = 4,
              .value = ui->set.timed ? ui->set.extension : 3};
    rows[ROW_FULL] = (row){.label = T(ui, FL_W_SET_FULLSCREEN),
                           .about = T(ui, FL_W_SET_FULLSCREEN_ABOUT),
                           .choice = {T(ui, FL_W_SET_OFF), T(ui, FL_W_SET_ON)},
                           .n = 2,
                           .value = ui->set.fullscreen ? 1 : 0};
    for (int r = 0; r < ROW_COUNT; r++) {
        if (rows[r].value < 0)
            rows[r].value = 0;
        if (rows[r].value >= rows[r].n)
            rows[r].value = rows[r].n - 1;
    }
}

/* Lays everything out; rows are in content coordinates (add view.y - scroll to draw). */
static void compute(fl_ui *ui, layout *l)
{
    memset(l, 0, sizeof(*l));
    int mx = S(ui, 32);
    l->header_h = fl_header(ui, T(ui, FL_W_SETTINGS), 0, 0);
    int bh = fl_line_height(ui, F_BOLD);
    l->footer_y = ui->h - bh - 2 * S(ui, 14);
    int kw = fl_width(ui, F_BOLD, "Esc") + 3 * S(ui, 6) + fl_width(ui, F_BODY, T(ui, FL_W_BACK));
    l->back = (SDL_Rect){mx, l->footer_y + S(ui, 14), kw, bh};
    l->view = (SDL_Rect){0, l->header_h, ui->w, l->footer_y - l->header_h};

    l->panel_w = ui->w - 2 * mx;
    if (l->panel_w > S(ui, 860))
        l->panel_w = S(ui, 860);
    l->panel_x = (ui->w - l->panel_w) / 2;
    int y = S(ui, 24);
    l->title_y = y;
    y += fl_line_height(ui, F_TITLE) + S(ui, 16);
    l->panel_y = y;

    rows_of(ui, l->rows);
    int pad = S(ui, 18), inner = l->panel_w - 2 * pad;
    int seg_h = fl_line_height(ui, F_BODY) + S(ui, 14);
    for (int i = 0; i < ROW_COUNT; i++) {
        row *r = &l->rows[i];
        int segw = 0, w[MAX_CHOICES];
        for (int c = 0; c < r->n; c++) {
            w[c] = fl_width(ui, F_BODY, r->choice[c]) + S(ui, 28);
            if (w[c] < S(ui, 64))
                w[c] = S(ui, 64);
            segw += w[c];
        }
        r->label_w = inner - segw - S(ui, 24);
        int stacked = r->label_w < S(ui, 220);
        if (stacked)
            r->label_w = inner;
        int lab = fl_line_height(ui, F_BODY) + S(ui, 2) +
                  fl_text_box(ui, F_SMALL, fl_colors[C_MUTED], 0, 0, r->label_w, r->about, 0);
        int h = stacked ? lab + S(ui, 10) + seg_h : (lab > seg_h ? lab : seg_h);
        r->r = (SDL_Rect){l->panel_x, y, l->panel_w, h + 2 * pad};
        int sx = stacked ? l->panel_x + pad : l->panel_x + l->panel_w - pad - segw;
        int sy = stacked ? y + pad + lab + S(ui, 10) : y + pad + (h - seg_h) / 2;
        /* stacked choices wider than the panel shrink evenly */
        if (stacked && segw > inner)
            for (int c = 0; c < r->n; c++)
                w[c] = inner / r->n;
        for (int c = 0; c < r->n; c++) {
            r->seg[c] = (SDL_Rect){sx, sy, w[c], seg_h};
            sx += w[c];
        }
        y += r->r.h;
    }
    l->panel_h = y - l->panel_y;
    l->content_h = y + S(ui, 24);
}

static int max_scroll(const layout *l)
{
    int m = l->content_h - l->view.h;
    return m > 0 ? m : 0;
}

static void clamp_scroll(fl_ui *ui, const layout *l)
{
    if (ui->scroll > max_scroll(l))
        ui->scroll = max_scroll(l);
    if (ui->scroll < 0)
        ui->scroll = 0;
}

/* Scrolls so the focused row is in view. */
static void reveal(fl_ui *ui, const layout *l)
{
    const SDL_Rect *r = &l->rows[ui->focus].r;
    int m = S(ui, 8);
    if (r->y - m < ui->scroll)
        ui->scroll = r->y - m;
    if (r->y + r->h + m > ui->scroll + l->view.h)
        ui->scroll = r->y + r->h + m - l->view.h;
    clamp_scroll(ui, l);
}

static SDL_Rect moved(SDL_Rect r, int dy)
{
    r.y += dy;
    return r;
}

void fl_settings_draw(fl_ui *ui)
{
    if (ui->focus < 0 || ui->focus >= ROW_COUNT)
        ui->focus = 0;
    layout l;
    compute(ui, &l);
    clamp_scroll(ui, &l);
    int dy = l.view.y - ui->scroll;
    SDL_Color text = fl_colors[C_TEXT], muted = fl_colors[C_MUTED];
    int b = S(ui, 1) > 1 ? S(ui, 1) : 1, rad = S(ui, 10), pad = S(ui, 18);

    SDL_RenderSetClipRect(ui->ren, &l.view);
    fl_text(ui, F_TITLE, text, l.panel_x, l.title_y + dy, T(ui, FL_W_SETTINGS));
    fl_round_rect(ui, l.panel_x, l.panel_y + dy, l.panel_w, l.panel_h, rad, fl_colors[C_LINE]);
    fl_round_rect(ui, l.panel_x + b, l.panel_y + dy + b, l.panel_w - 2 * b, l.panel_h - 2 * b, rad,
             fl_colors[C_PANEL]);
    int lh = fl_line_height(ui, F_BODY);
    for (int i = 0; i < ROW_COUNT; i++) {
        const row *r = &l.rows[i];
        SDL_Rect rr = moved(r->r, dy);
        if (i > 0)
            fl_fill(ui, rr.x + pad, rr.y, rr.w - 2 * pad, b, fl_colors[C_LINE]);
        int x = rr.x + pad, y = rr.y + pad;
        fl_text(ui, F_BODY, text, x, y, r->label);
        fl_text_box(ui, F_SMALL, muted, x, y + lh + S(ui, 2), r->label_w, r->about, 1);

        /* the choices: a track with the chosen one filled in the accent */
        SDL_Rect first = moved(r->seg[0], dy), last = moved(r->seg[r->n - 1], dy);
        int tw = last.x + last.w - first.x, srad = S(ui, 6);
        fl_round_rect(ui, first.x, first.y, tw, first.h, srad, fl_colors[C_LINE]);
        fl_round_rect(ui, first.x + b, first.y + b, tw - 2 * b, first.h - 2 * b, srad,
                 fl_colors[C_CUSTOMER]);
        for (int c = 0; c < r->n; c++) {
            SDL_Rect s = moved(r->seg[c], dy);
            int on = c == r->value, font = on ? F_BOLD : F_BODY;
            if (on)
                fl_round_rect(ui, s.x + S(ui, 3), s.y + S(ui, 3), s.w - S(ui, 6), s.h - S(ui, 6), srad,
                         fl_colors[C_ACCENT]);
            int cw = fl_width(ui, font, r->choice[c]);
            fl_text(ui, font, fl_colors[on ? C_ON_ACCENT : C_TEXT], s.x + (s.w - cw) / 2,
                    s.y + (s.h - lh) / 2, r->choice[c]);
        }
        if (i == ui->focus) {
            int m = S(ui, 6);
            fl_focus_ring(ui, rr.x + m, rr.y + m, rr.w - 2 * m, rr.h - 2 * m);
        }
    }
    SDL_RenderSetClipRect(ui->ren, NULL);

    fl_header(ui, T(ui, FL_W_SETTINGS), 0, 1);
    fl_fill(ui, 0, l.footer_y, ui->w, ui->h - l.footer_y, fl_colors[C_PANEL]);
    fl_fill(ui, 0, l.footer_y, ui->w, 1, fl_colors[C_LINE]);
    fl_key_hint(ui, l.back.x, l.back.y, "Esc", T(ui, FL_W_BACK));
    /* how the keys work, at the right when there is room */
    int hw = fl_width(ui, F_SMALL, T(ui, FL_W_SET_HINT));
    int hx = ui->w - S(ui, 32) - hw;
    if (hx > l.back.x + l.back.w + S(ui, 32))
        fl_text(ui, F_SMALL, muted, hx, l.back.y + (l.back.h - fl_line_height(ui, F_SMALL)) / 2,
                T(ui, FL_W_SET_HINT));
}

/* Sets row to choice c, applies it and saves. */
static void choose(fl_ui *ui, int r, int c)
{
    switch (r) {
    case ROW_LANG:
        ui->set.lang = c ? 1 : 0;
        break;
    case ROW_SIZE:
        if (ui->set.text_size != 75 + 25 * c) {
            ui->set.text_size = 75 + 25 * c;
            fl_ui_fonts(ui); /* everything lays out again at the new size */
        }
        break;
    case ROW_TIMED:
        ui->set.timed = c ? 1 : 0;
        break;
    case ROW_EXT:
        if (c >= 3) {
            ui->set.timed = 0;
        } else {
            ui->set.timed = 1;
            ui->set.extension = c;
        }
        break;
    case ROW_FULL:
        if (ui->set.fullscreen != (c ? 1 : 0)) {
            ui->set.fullscreen = c ? 1 : 0;
            SDL_SetWindowFullscreen(ui->win, c ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
        }
        break;
    default:
        return;
    }
    fl_settings_save(&ui->set);
    ui->dirty = 1;
}

static void key(fl_ui *ui, layout *l, const SDL_KeyboardEvent *k)
{
    const row *r = &l->rows[ui->focus];
    switch (k->keysym.sym) {
    case SDLK_ESCAPE:
    case SDLK_BACKSPACE:
        fl_ui_go(ui, SCR_LIBRARY);
        return;
    case SDLK_UP:
        if (ui->focus > 0)
            ui->focus--;
        break;
    case SDLK_DOWN:
        if (ui->focus < ROW_COUNT - 1)
            ui->focus++;
        break;
    case SDLK_TAB:
        ui->focus = (ui->focus + ((k->keysym.mod & KMOD_SHIFT) ? ROW_COUNT - 1 : 1)) % ROW_COUNT;
        break;
    case SDLK_HOME:
    case SDLK_PAGEUP:
        ui->focus = 0;
        break;
    case SDLK_END:
    case SDLK_PAGEDOWN:
        ui->focus = ROW_COUNT - 1;
        break;
    case SDLK_LEFT:
        if (r->value > 0)
            choose(ui, ui->focus, r->value - 1);
        compute(ui, l); /* a new text size moves everything */
        break;
    case SDLK_RIGHT:
        if (r->value < r->n - 1)
            choose(ui, ui->focus, r->value + 1);
        compute(ui, l);
        break;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_SPACE:
        choose(ui, ui->focus, (r->value + 1) % r->n);
        compute(ui, l);
        break;
    default:
        return;
    }
    reveal(ui, l);
    ui->dirty = 1;
}

void fl_settings_event(fl_ui *ui, const SDL_Event *e)
{
    if (ui->focus < 0 || ui->focus >= ROW_COUNT)
        ui->focus = 0;
    layout l;
    compute(ui, &l);
    clamp_scroll(ui, &l);
    if (e->type == SDL_KEYDOWN) {
        key(ui, &l, &e->key);
    } else if (e->type == SDL_MOUSEWHEEL) {
        int dy = fl_wheel_steps(e);
        int before = ui->scroll;
        ui->scroll -= dy * S(ui, 60);
        clamp_scroll(ui, &l);
        if (ui->scroll != before)
            ui->dirty = 1;
    } else if (e->type == SDL_MOUSEBUTTONDOWN && e->button.button == SDL_BUTTON_LEFT) {
        int x = (int)((float)e->button.x * ui->dpi), y = (int)((float)e->button.y * ui->dpi);
        if (fl_inside(&l.back, x, y)) {
            fl_ui_go(ui, SCR_LIBRARY);
            return;
        }
        if (!fl_inside(&l.view, x, y))
            return;
        int cy = y - l.view.y + ui->scroll; /* content coordinates */
        for (int i = 0; i < ROW_COUNT; i++) {
            const row *r = &l.rows[i];
            if (!fl_inside(&r->r, x, cy))
                continue;
            ui->focus = i;
            ui->dirty = 1;
            for (int c = 0; c < r->n; c++)
                if (fl_inside(&r->seg[c], x, cy)) {
                    choose(ui, i, c);
                    compute(ui, &l);
                    reveal(ui, &l);
                    break;
                }
            break;
        }
    }
}
