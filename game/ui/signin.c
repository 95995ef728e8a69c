/*
 * signin.c - the sign-in screen: the trainee's name and group code, remembered between runs.
 *
 * Two text fields with real text input: SDL_TEXTINPUT events insert UTF-8 at the caret,
 * Backspace and Delete remove one whole character, Left/Right move by characters, Home/End,
 * Ctrl+V pastes. Tab / Shift+Tab (or a click) switch fields; Enter continues once a name is
 * typed, saving both to the settings file. The fields edit ui->set directly: nothing else reads
 * the trainee's name while this screen is open, and Enter saves what is shown.
 *
 * Draws with the helpers of draw.c only; knows nothing of scoring or the store.
 */
#include <stdlib.h>
#include <string.h>

#include "ui.h"

/* The screen's state (fl_signin_state, kept by fl_ui): per field the caret (a byte offset on a
 * character boundary, put at the end the first time) and the horizontal scroll of a long
 * entry; whether Enter was pressed with an empty name. */

typedef struct {
    SDL_Rect card;
    int brand_y, title_y, label_y[2];
    SDL_Rect field[2];
    int error_y;
    SDL_Rect button;
    int hint_y;
    int inner; /* text column width */
} layout;

/* The focus ring, a little away from a rounded control so its corners stay clean. */
static void ring(fl_ui *ui, int x, int y, int w, int h)
{
    int g = S(ui, 3) > 2 ? S(ui, 3) : 2;
    fl_focus_ring(ui, x - g, y - g, w + 2 * g, h + 2 * g);
}

static char *field_buf(fl_ui *ui, int f, size_t *cap)
{
    *cap = f ? sizeof(ui->set.group) : sizeof(ui->set.trainee);
    return f ? ui->set.group : ui->set.trainee;
}

static size_t *field_caret(fl_ui *ui, fl_signin_state *st, int f)
{
    size_t cap;
    size_t len = strlen(field_buf(ui, f, &cap));
    if (!st->caret_known[f] || st->caret[f] > len)
        st->caret[f] = len;
    st->caret_known[f] = 1;
    return &st->caret[f];
}

static const char *label(const fl_ui *ui, int f)
{
    return T(ui, f ? FL_W_SIGNIN_GROUP : FL_W_SIGNIN_NAME);
}

static void compute(fl_ui *ui, layout *l)
{
    int margin = S(ui, 24);
    int cw = S(ui, 560);
    if (cw > ui->w - 2 * margin)
        cw = ui->w - 2 * margin;
    int pad = S(ui, 36);
    l->inner = cw - 2 * pad;
    int y = pad;
    l->brand_y = y;
    y += fl_line_height(ui, F_BOLD) + S(ui, 4);
    l->title_y = y;
    y += fl_text_box(ui, F_TITLE, fl_colors[C_TEXT], 0, 0, l->inner, T(ui, FL_W_SIGNIN_TITLE), 0);
    y += S(ui, 24);
    int fh = fl_line_height(ui, F_BODY) + S(ui, 20);
    for (int f = 0; f < 2; f++) {
        l->label_y[f] = y;
        y += fl_text_box(ui, F_SMALL, fl_colors[C_MUTED], 0, 0, l->inner, label(ui, f), 0);
        y += S(ui, 6);
        l->field[f] = (SDL_Rect){pad, y, l->inner, fh};
        y += fh + S(ui, 18);
    }
    l->error_y = y - S(ui, 10);
    y += fl_line_height(ui, F_SMALL);
    int bw = fl_width(ui, F_BOLD, T(ui, FL_W_SIGNIN_CONTINUE)) + S(ui, 48);
    l->button = (SDL_Rect){pad, y, bw, fl_line_height(ui, F_BOLD) + S(ui, 20)};
    y += l->button.h + S(ui, 18);
    l->hint_y = y;
    y += fl_text_box(ui, F_SMALL, fl_colors[C_MUTED], 0, 0, l->inner, T(ui, FL_W_SIGNIN_GO), 0);
    y += pad;
    /* centred; when the window is too short for the card (large text), it slides up so the
     * button and the focused field stay in view and the heading goes off the top */
    int cx = (ui->w - cw) / 2, cy = (ui->h - y) / 2;
    if (cy < margin) {
        cy = ui->h - margin - (l->button.y + l->button.h);
        int f = ui->signin_field ? 1 : 0;
        if (cy + l->label_y[f] < margin)
            cy = margin - l->label_y[f];
        if (cy > margin)
            cy = margin;
    }
    l->card = (SDL_Rect){cx, cy, cw, y};
    l->brand_y += cy;
    l->title_y += cy;
    for (int f = 0; f < 2; f++) {
        l->label_y[f] += cy;
        l->field[f].x += cx;
        l->field[f].y += cy;
    }
    l->error_y += cy;
    l->button.x += cx;
    l->button.y += cy;
    l->hint_y += cy;
}

/* Scrolls a long entry so the caret stays inside its box. */
static void scroll_field(fl_ui *ui, fl_signin_state *st, const layout *l, int f)
{
    size_t cap;
    const char *text = field_buf(ui, f, &cap);
    size_t at = *field_caret(ui, st, f);
    int inner = l->field[f].w - 2 * S(ui, 12);
    int caret_x = fl_text_width(ui->font[F_BODY], text, at);
    int total = fl_text_width(ui->font[F_BODY], text, strlen(text));
    int *h = &st->hscroll[f];
    if (caret_x - *h > inner - S(ui, 2))
        *h = caret_x - inner + S(ui, 2);
    if (caret_x < *h)
        *h = caret_x;
    if (*h > 0 && total - *h < inner - S(ui, 2))
        *h = total - inner + S(ui, 2) > 0 ? total - inner + S(ui, 2) : 0;
}

void fl_signin_layout(fl_ui *ui, fl_signin_state *st)
{
    layout l;
    compute(ui, &l);
    for (int f = 0; f < 2; f++)
        scroll_field(ui, st, &l, f);
}

static void draw_field(fl_ui *ui, const fl_signin_state *st, const layout *l, int f)
{
    SDL_Rect r = l->field[f];
    int focused = ui->signin_field == f;
    fl_round_rect(ui, r.x, r.y, r.w, r.h, S(ui, 6), fl_colors[focused ? C_ACCENT : C_LINE]);
    int b = S(ui, 1) > 1 ? S(ui, 1) : 1;
    fl_round_rect(ui, r.x + b, r.y + b, r.w - 2 * b, r.h - 2 * b, S(ui, 5), fl_colors[C_PANEL]);
    if (focused) {
        ring(ui, r.x, r.y, r.w, r.h);
        /* self-voicing: the field's label (above its box) and its whole contents (scrolled) */
        char spoken[400];
        size_t cap;
        snprintf(spoken, sizeof(spoken), "%s: %s", label(ui, f), field_buf(ui, f, &cap));
        fl_voicing_label(ui, spoken);
    }

    size_t cap;
    const char *text = field_buf(ui, f, &cap);
    size_t at = st->caret[f];
    int padx = S(ui, 12), inner = r.w - 2 * padx;
    int caret_x = fl_text_width(ui->font[F_BODY], text, at);
    int hs = st->hscroll[f];

    int ty = r.y + (r.h - fl_line_height(ui, F_BODY)) / 2;
    SDL_Rect clip = {r.x + padx, r.y, inner, r.h};
    SDL_RenderSetClipRect(ui->ren, &clip);
    fl_text(ui, F_BODY, fl_colors[C_TEXT], r.x + padx - hs, ty, text);
    if (focused) {
        int cw = S(ui, 2) > 1 ? S(ui, 2) : 1;
        fl_fill(ui, r.x + padx - hs + caret_x, ty + S(ui, 2), cw,
                fl_line_height(ui, F_BODY) - S(ui, 4), fl_colors[C_TEXT]);
    }
    SDL_RenderSetClipRect(ui->ren, NULL);
}

void fl_signin_draw(fl_ui *ui, const fl_signin_state *st)
{
    layout l;
    compute(ui, &l);
    SDL_Rect c = l.card;
    fl_round_rect(ui, c.x, c.y, c.w, c.h, S(ui, 12), fl_colors[C_LINE]);
    fl_round_rect(ui, c.x + 1, c.y + 1, c.w - 2, c.h - 2, S(ui, 12), fl_colors[C_PANEL]);
    int x = c.x + S(ui, 36);
    fl_text(ui, F_BOLD, fl_colors[C_ACCENT], x, l.brand_y, T(ui, FL_W_APP_NAME));
    fl_text_box(ui, F_TITLE, fl_colors[C_TEXT], x, l.title_y, l.inner, T(ui, FL_W_SIGNIN_TITLE), 1);
    fl_voicing_title(ui, T(ui, FL_W_SIGNIN_TITLE)); /* no top bar here: the card's heading */
    for (int f = 0; f < 2; f++) {
        fl_text_box(ui, F_SMALL, fl_colors[C_MUTED], x, l.label_y[f], l.inner, label(ui, f), 1);
        draw_field(ui, st, &l, f);
    }
    if (st->need_name)
        fl_text(ui, F_SMALL, fl_colors[C_BAD], x, l.error_y, T(ui, FL_W_SIGNIN_NEED_NAME));
    SDL_Rect b = l.button;
    fl_round_rect(ui, b.x, b.y, b.w, b.h, S(ui, 6), fl_colors[C_ACCENT]);
    int tw = fl_width(ui, F_BOLD, T(ui, FL_W_SIGNIN_CONTINUE));
    fl_text(ui, F_BOLD, fl_colors[C_ON_ACCENT], b.x + (b.w - tw) / 2,
            b.y + (b.h - fl_line_height(ui, F_BOLD)) / 2, T(ui, FL_W_SIGNIN_CONTINUE));
    fl_voicing_content_begin(ui); /* how to go on, said on entry */
    fl_text_box(ui, F_SMALL, fl_colors[C_MUTED], x, l.hint_y, l.inner, T(ui, FL_W_SIGNIN_GO), 1);
    fl_voicing_content_end(ui);
}

/* Removes leading and trailing spaces in place. */
static void trim(char *s)
{
    size_t start = 0, len = strlen(s);
    while (s[start] == ' ' || s[start] == '\t')
        start++;
    while (len > start && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    memmove(s, s + start, len - start);
    s[len - start] = '\0';
}

static void proceed(fl_ui *ui, fl_signin_state *st)
{
    trim(ui->set.trainee);
    trim(ui->set.group);
    if (!ui->set.trainee[0]) {
        st->need_name = 1;
        fl_voicing_note(ui, T(ui, FL_W_SIGNIN_NEED_NAME)); /* self-voicing: why nothing happened */
        ui->signin_field = 0;
        ui->dirty = 1;
        return;
    }
    st->need_name = 0;
    fl_settings_save(&ui->set);
    int i = ui->current;
    if (i >= 0 && (size_t)i < ui->n_lib && (ui->lib[i].scen || ui->lib[i].round)) {
        fl_ui_refresh_scores(ui);
        fl_ui_go(ui, SCR_BRIEFING);
        return;
    }
    if (i >= 0 && (size_t)i < ui->n_lib) {
        /* the file named on the command line has errors: show them over the library */
        ui->lib_focus = i;
        free(ui->overlay);
        ui->overlay = strdup(ui->lib[i].errors ? ui->lib[i].errors : "?");
    }
    ui->current = -1;
    fl_ui_go(ui, SCR_LIBRARY);
}

/* Inserts the whole characters of text that fit at the caret of field f; control characters
 * (a pasted newline) become spaces. */
static void insert(fl_ui *ui, fl_signin_state *st, int f, const char *text)
{
    size_t cap;
    char *buf = field_buf(ui, f, &cap);
    size_t *at = field_caret(ui, st, f);
    size_t len = strlen(buf), n = strlen(text);
    /* cut before a character that would not fit, never inside one */
    if (len + n > cap - 1) {
        n = cap - 1 - len;
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
            n--;
    }
    if (n == 0)
        return;
    memmove(buf + *at + n, buf + *at, len - *at + 1);
    memcpy(buf + *at, text, n);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)buf[*at + i] < 0x20)
            buf[*at + i] = ' ';
    *at += n;
    st->need_name = 0;
    ui->dirty = 1;
}

static size_t prev_char(const char *s, size_t at)
{
    while (at > 0 && ((unsigned char)s[--at] & 0xC0) == 0x80)
        ;
    return at;
}

static size_t next_char(const char *s, size_t at)
{
    if (!s[at])
        return at;
    at++;
    while (((unsigned char)s[at] & 0xC0) == 0x80)
        at++;
    return at;
}

/* The character boundary nearest to x pixels into the text of field f. */
static size_t caret_at(fl_ui *ui, int f, int x)
{
    size_t cap;
    const char *s = field_buf(ui, f, &cap);
    size_t at = 0, best = 0;
    int best_d = x < 0 ? -x : x;
    while (s[at]) {
        at = next_char(s, at);
        int d = fl_text_width(ui->font[F_BODY], s, at) - x;
        if (d < 0)
            d = -d;
        if (d < best_d) {
            best_d = d;
            best = at;
        }
    }
    return best;
}

static void key(fl_ui *ui, fl_signin_state *st, const SDL_KeyboardEvent *k)
{
    int f = ui->signin_field ? 1 : 0;
    size_t cap;
    char *buf = field_buf(ui, f, &cap);
    size_t *at = field_caret(ui, st, f);
    size_t len = strlen(buf);
    switch (k->keysym.sym) {
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        proceed(ui, st);
        return;
    case SDLK_TAB:
    case SDLK_DOWN:
    case SDLK_UP:
        ui->signin_field = !f;
        break;
    case SDLK_BACKSPACE:
        if (*at > 0) {
            size_t p = prev_char(buf, *at);
            memmove(buf + p, buf + *at, len - *at + 1);
            *at = p;
        }
        break;
    case SDLK_DELETE:
        if (*at < len) {
            size_t nx = next_char(buf, *at);
            memmove(buf + *at, buf + nx, len - nx + 1);
        }
        break;
    case SDLK_LEFT:
        *at = prev_char(buf, *at);
        break;
    case SDLK_RIGHT:
        *at = next_char(buf, *at);
        break;
    case SDLK_HOME:
        *at = 0;
        break;
    case SDLK_END:
        *at = len;
        break;
    case SDLK_v:
        if (k->keysym.mod & KMOD_CTRL) {
            char *clip = SDL_GetClipboardText();
            if (clip)
                insert(ui, st, f, clip);
            SDL_free(clip);
        }
        return;
    default:
        return;
    }
    ui->dirty = 1;
}

void fl_signin_event(fl_ui *ui, fl_signin_state *st, const SDL_Event *e)
{
    if (e->type == SDL_TEXTINPUT) {
        insert(ui, st, ui->signin_field ? 1 : 0, e->text.text);
    } else if (e->type == SDL_KEYDOWN) {
        key(ui, st, &e->key);
    } else if (e->type == SDL_MOUSEBUTTONDOWN && e->button.button == SDL_BUTTON_LEFT) {
        int x = (int)((float)e->button.x * ui->dpi), y = (int)((float)e->button.y * ui->dpi);
        layout l;
        compute(ui, &l);
        for (int f = 0; f < 2; f++)
            if (fl_inside(&l.field[f], x, y)) {
                ui->signin_field = f;
                st->caret[f] = caret_at(ui, f, x - l.field[f].x - S(ui, 12) + st->hscroll[f]);
                st->caret_known[f] = 1;
                ui->dirty = 1;
            }
        if (fl_inside(&l.button, x, y))
            proceed(ui, st);
    }
}
