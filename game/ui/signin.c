/*
 * signin.c - the sign-in screen: who is training on this (shared) laptop, and their group.
 *
 * Every start of the desktop comes here, and so does "Not you?" (fl_ui_switch_trainee) from
 * any screen before a call. The name remembered from the last trainee is filled in and
 * selected: Enter continues as them, typing replaces it. Whoever signs in gets their own
 * settings (fl_settings_switch): a new name starts from the defaults, never from the previous
 * trainee's mode, text size or sound.
 *
 * Two text fields with real text editing: SDL_TEXTINPUT inserts UTF-8 at the caret (replacing
 * the selection); Backspace and Delete remove one whole character or the selection; Left and
 * Right move by characters, Ctrl+Left/Right by words, Home/End; with Shift they extend the
 * selection; Ctrl+A selects all, Ctrl+Backspace/Ctrl+Delete delete a word, Ctrl+C/X/V copy,
 * cut and paste through the system clipboard, Escape drops the selection; a click puts the
 * caret, a drag or Shift+click selects, a double click selects the field. A name or group code
 * has at most FL_NAME_MAX characters of any script: what goes past is cut between characters
 * and a line under the field says so. Tab / Shift+Tab (or a click) switch fields; a workshop's
 * group is shown fixed instead of the group field. Ctrl+L (or a click on it) switches the
 * interface language, for a trainee who does not read the previous one's.
 *
 * The fields edit ui->set directly (nothing else reads the name while this screen is open);
 * the state says whose profile ui->set holds, so Enter knows whether someone else signed in.
 * Draws with the helpers of draw.c only; knows nothing of scoring or the store.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "utf8.h"
#include "workshop.h"

typedef struct {
    SDL_Rect card;
    int brand_y;
    SDL_Rect lang; /* the language switch: its word and key */
    int ws_y[3];   /* the workshop's title, the session of the day, the file's problem */
    int ws_h[3];   /* their heights, 0 when not shown */
    int title_y, label_y[2];
    SDL_Rect field[2];
    int note_y[2]; /* under each field: what to do, or what went wrong */
    SDL_Rect button;
    int hint_y;
    int inner;       /* text column width */
    int pad;         /* from the card's edge to the column */
    int lang_hidden; /* the language switch is above the window: the keys say it */
} layout;

/* ---- the fields' text ------------------------------------------------------------------------ */

/* The workshop's group code: fixed for everyone, not typed (NULL none). */
static const char *fixed_group(const fl_ui *ui)
{
    return ui->workshop && ui->workshop->group && ui->workshop->group[0] ? ui->workshop->group
                                                                         : NULL;
}

static char *field_buf(fl_ui *ui, int f)
{
    return f ? ui->set.group : ui->set.trainee;
}

/* The field in use: the group only when it can be typed. */
static int field_of(const fl_ui *ui)
{
    return ui->signin_field && !fixed_group(ui) ? 1 : 0;
}

static size_t *field_caret(fl_ui *ui, fl_signin_state *st, int f)
{
    size_t len = strlen(field_buf(ui, f));
    if (!st->caret_known[f] || st->caret[f] > len)
        st->anchor[f] = st->caret[f] = len;
    if (st->anchor[f] > len)
        st->anchor[f] = len;
    st->caret_known[f] = 1;
    return &st->caret[f];
}

/* The selection of field f as [*a, *b); returns whether there is one. */
static int selection(const fl_signin_state *st, int f, size_t *a, size_t *b)
{
    size_t c = st->caret[f], n = st->anchor[f];
    *a = c < n ? c : n;
    *b = c < n ? n : c;
    return *a != *b;
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

/* What separates words: spaces and ASCII punctuation but the apostrophe (O'Brien is a word;
 * Анна-Мария two). */
static int separator(unsigned char c)
{
    return c < 0x80 && c != '\'' && !isalnum(c);
}

/* The start of the word before at (Ctrl+Left, Ctrl+Backspace). */
static size_t word_left(const char *s, size_t at)
{
    while (at > 0 && separator((unsigned char)s[at - 1]))
        at--;
    while (at > 0 && !separator((unsigned char)s[at - 1]))
        at--;
    return at;
}

/* The end of the word after at (Ctrl+Right, Ctrl+Delete). */
static size_t word_right(const char *s, size_t at)
{
    while (s[at] && separator((unsigned char)s[at]))
        at++;
    while (s[at] && !separator((unsigned char)s[at]))
        at++;
    return at;
}

/* Removes [a, b) of field f and leaves the caret there. */
static void delete_range(fl_ui *ui, fl_signin_state *st, int f, size_t a, size_t b)
{
    char *buf = field_buf(ui, f);
    memmove(buf + a, buf + b, strlen(buf) - b + 1);
    st->caret[f] = st->anchor[f] = a;
    st->too_long = 0;
}

/* What the line under a field says when a name was cut at its length. */
static void too_long(const fl_ui *ui, char *buf, size_t n)
{
    snprintf(buf, n, T(ui, FL_W_SIGNIN_TOO_LONG), FL_NAME_MAX);
}

/* Types or pastes text at the caret of field f, over the selection: control characters (a
 * pasted newline) become spaces, bytes that are not UTF-8 are dropped, and the field keeps at
 * most FL_NAME_MAX characters, cut between characters (said under the field). */
static void insert(fl_ui *ui, fl_signin_state *st, int f, const char *text)
{
    char *buf = field_buf(ui, f);
    size_t a, b;
    field_caret(ui, st, f);
    if (selection(st, f, &a, &b))
        delete_range(ui, st, f, a, b);
    size_t at = st->caret[f], len = strlen(buf);
    char clean[FL_NAME_BYTES];
    int cut = fl_name_repair(clean, sizeof(clean), text);
    size_t have = fl_utf8_length(buf, len);
    size_t room = have < FL_NAME_MAX ? FL_NAME_MAX - have : 0;
    size_t n = fl_utf8_prefix(clean, room);
    if (clean[n])
        cut = 1;
    st->too_long = cut;
    if (cut) { /* self-voicing: why the rest did not arrive */
        char msg[200];
        too_long(ui, msg, sizeof(msg));
        fl_voicing_note(ui, msg);
    }
    st->need_name = 0;
    ui->dirty = 1;
    if (n == 0)
        return;
    memmove(buf + at + n, buf + at, len - at + 1);
    memcpy(buf + at, clean, n);
    st->caret[f] = st->anchor[f] = at + n;
}

/* Ctrl+C and Ctrl+X: the selection to the clipboard. */
static void copy(fl_ui *ui, fl_signin_state *st, int f)
{
    size_t a, b;
    if (!selection(st, f, &a, &b))
        return;
    char text[FL_NAME_BYTES];
    memcpy(text, field_buf(ui, f) + a, b - a);
    text[b - a] = '\0';
    SDL_SetClipboardText(text);
}

/* The keys under the button; with lang, also the language switch's (when a short window hides
 * the switch itself). */
static void hints(const fl_ui *ui, int lang, char *buf, size_t n)
{
    const char *go = T(ui, fixed_group(ui) ? FL_W_SIGNIN_GO_ONE : FL_W_SIGNIN_GO);
    if (lang)
        snprintf(buf, n, "%s   %s: %s", go, T(ui, FL_W_SIGNIN_LANG_KEY),
                 T(ui, FL_W_SIGNIN_OTHER_LANG));
    else
        snprintf(buf, n, "%s", go);
}

/* ---- layout ---------------------------------------------------------------------------------- */

static const char *label(const fl_ui *ui, int f)
{
    return T(ui, f ? FL_W_SIGNIN_GROUP : FL_W_SIGNIN_NAME);
}

/* A workshop's group, in place of the group field: one line that cannot be edited. */
static void group_fixed(const fl_ui *ui, char *buf, size_t n)
{
    snprintf(buf, n, T(ui, FL_W_SIGNIN_GROUP_FIXED), fixed_group(ui));
}

/* The line under the name field when it holds the name remembered here. */
static int continuing(const fl_ui *ui, const fl_signin_state *st)
{
    return ui->set.trainee[0] && st->profile_known && !strcmp(ui->set.trainee, st->profile);
}

static void continue_as(const fl_ui *ui, const char *name, char *buf, size_t n)
{
    snprintf(buf, n, T(ui, FL_W_SIGNIN_CONTINUE_AS), name);
}

static void workshop_line(const fl_ui *ui, int i, char *buf, size_t n)
{
    buf[0] = '\0';
    if (i == 0 && ui->workshop && ui->workshop->title && ui->workshop->title[0])
        snprintf(buf, n, T(ui, FL_W_DESK_WS_IN_USE), ui->workshop->title);
    else if (i == 1 && ui->workshop && ui->day_session && ui->day_session[0])
        snprintf(buf, n, T(ui, FL_W_SIGNIN_SESSION), ui->day_session);
    else if (i == 2 && ui->workshop_problem && ui->workshop_problem[0])
        snprintf(buf, n, "%s", ui->workshop_problem); /* says what it is and why (app.c) */
}

static const int ws_font[3] = {F_BOLD, F_SMALL, F_SMALL};

static int text_h(fl_ui *ui, int font, int w, const char *text)
{
    return fl_text_box(ui, font, fl_colors[C_TEXT], 0, 0, w, text, 0);
}

/* The tallest of what may show under the name field, so the card does not move as it comes
 * and goes. */
static int note_h(fl_ui *ui, const fl_signin_state *st, int w, int f)
{
    char buf[FL_NAME_BYTES + 200];
    too_long(ui, buf, sizeof(buf));
    int h = text_h(ui, F_SMALL, w, buf);
    if (f == 0) {
        int need = text_h(ui, F_SMALL, w, T(ui, FL_W_SIGNIN_NEED_NAME));
        continue_as(ui, st->profile, buf, sizeof(buf));
        int as = st->profile[0] ? text_h(ui, F_SMALL, w, buf) : 0;
        h = h > need ? h : need;
        h = h > as ? h : as;
    }
    return h;
}

/* The card with a padding of vpad design pixels around its content. */
static void compute_padded(fl_ui *ui, const fl_signin_state *st, layout *l, int vpad)
{
    memset(l, 0, sizeof(*l));
    int margin = S(ui, 24);
    int cw = vpad < 36 ? ui->w : S(ui, 560); /* short window: as wide as it can, lines fewer */
    if (cw > ui->w - 2 * margin)
        cw = ui->w - 2 * margin;
    int pad = S(ui, vpad);
    l->pad = pad;
    l->inner = cw - 2 * pad;
    int y = S(ui, vpad);
    /* the product's name, and the language switch at its right (under it when narrow) */
    l->brand_y = y;
    int lh = fl_line_height(ui, F_BOLD);
    int lw = fl_width(ui, F_BODY, T(ui, FL_W_SIGNIN_OTHER_LANG)) + S(ui, 8) +
             fl_width(ui, F_SMALL, T(ui, FL_W_SIGNIN_LANG_KEY));
    int brand_w = fl_width(ui, F_BOLD, T(ui, FL_W_APP_NAME));
    if (brand_w + S(ui, 24) + lw <= l->inner) {
        l->lang = (SDL_Rect){pad + l->inner - lw, y, lw, lh};
    } else {
        y += lh + S(ui, 4);
        l->lang = (SDL_Rect){pad, y, lw, fl_line_height(ui, F_BODY)};
    }
    y += lh + S(ui, 4);
    l->title_y = y;
    y += text_h(ui, F_TITLE, l->inner, T(ui, FL_W_SIGNIN_TITLE)) + S(ui, 12);
    /* where the results go: the workshop's title, the session of the day; or why not. Near the
     * fields, so that it stays in view when a short window hides the top of the card */
    for (int i = 0; i < 3; i++) {
        char buf[4200];
        workshop_line(ui, i, buf, sizeof(buf));
        if (!buf[0])
            continue;
        l->ws_y[i] = y;
        l->ws_h[i] = text_h(ui, ws_font[i], l->inner, buf);
        y += l->ws_h[i] + S(ui, 4);
    }
    y += S(ui, 8);
    int fh = fl_line_height(ui, F_BODY) + S(ui, 20);
    for (int f = 0; f < 2; f++) {
        l->label_y[f] = y;
        if (f == 1 && fixed_group(ui)) { /* no field: the workshop's group, said once */
            char buf[FL_NAME_BYTES + 200];
            group_fixed(ui, buf, sizeof(buf));
            y += text_h(ui, F_BODY, l->inner, buf) + S(ui, 12);
            l->field[f] = (SDL_Rect){pad, l->label_y[f], 0, 0};
            l->note_y[f] = y;
            break;
        }
        y += text_h(ui, F_SMALL, l->inner, label(ui, f));
        y += S(ui, 6);
        l->field[f] = (SDL_Rect){pad, y, l->inner, fh};
        y += fh + S(ui, 4);
        l->note_y[f] = y;
        y += note_h(ui, st, l->inner, f) + S(ui, 12);
    }
    y += S(ui, 4);
    int bw = fl_width(ui, F_BOLD, T(ui, FL_W_SIGNIN_CONTINUE)) + S(ui, 48);
    l->button = (SDL_Rect){pad, y, bw, fl_line_height(ui, F_BOLD) + S(ui, 20)};
    y += l->button.h + S(ui, 18);
    l->hint_y = y;
    char keys[400];
    hints(ui, 1, keys, sizeof(keys)); /* the longer of the two */
    y += text_h(ui, F_SMALL, l->inner, keys);
    y += S(ui, vpad);
    /* centred; when the window is too short for the card (large text), it slides up so the
     * bottom (the button, the keys) and the focused field stay in view and the heading goes off
     * the top */
    int cx = (ui->w - cw) / 2, cy = (ui->h - y) / 2;
    if (cy < margin) {
        cy = ui->h - margin - y;
        int f = field_of(ui);
        if (cy + l->label_y[f] < margin)
            cy = margin - l->label_y[f];
        if (cy > margin)
            cy = margin;
    }
    l->card = (SDL_Rect){cx, cy, cw, y};
    l->brand_y += cy;
    l->lang.x += cx;
    l->lang.y += cy;
    for (int i = 0; i < 3; i++)
        l->ws_y[i] += cy;
    l->title_y += cy;
    for (int f = 0; f < 2; f++) {
        l->label_y[f] += cy;
        l->field[f].x += cx;
        l->field[f].y += cy;
        l->note_y[f] += cy;
    }
    l->button.x += cx;
    l->button.y += cy;
    l->hint_y += cy;
    l->lang_hidden = l->lang.y < 0;
}

/* The card; with less room above and below its content when the window is too short for it
 * (large text), so that more of it shows. */
static void compute(fl_ui *ui, const fl_signin_state *st, layout *l)
{
    compute_padded(ui, st, l, 36);
    if (l->card.h > ui->h - 2 * S(ui, 24))
        compute_padded(ui, st, l, 16);
}

/* Scrolls a long entry so the caret stays inside its box. */
static void scroll_field(fl_ui *ui, fl_signin_state *st, const layout *l, int f)
{
    const char *text = field_buf(ui, f);
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

/* A new visit: the first one learns whose settings ui->set holds (the last trainee's, read at
 * start); each one selects the name filled in, so that typing replaces it. */
static void arrive(fl_ui *ui, fl_signin_state *st)
{
    st->visit = ui->visit;
    if (!st->profile_known) {
        memcpy(st->profile, ui->set.trainee, sizeof(st->profile));
        st->profile_known = 1;
    }
    if (fixed_group(ui))
        ui->signin_field = 0;
    size_t len = strlen(ui->set.trainee);
    st->anchor[0] = 0;
    st->caret[0] = len;
    st->caret_known[0] = 1;
    st->hscroll[0] = 0;
    st->dragging = 0;
    st->too_long = 0;
    st->need_name = 0;
    st->lang_chosen = 0;
}

void fl_signin_layout(fl_ui *ui, fl_signin_state *st)
{
    if (st->visit != ui->visit)
        arrive(ui, st);
    layout l;
    compute(ui, st, &l);
    for (int f = 0; f < 2; f++)
        scroll_field(ui, st, &l, f);
}

/* ---- drawing --------------------------------------------------------------------------------- */

static void draw_field(fl_ui *ui, const fl_signin_state *st, const layout *l, int f)
{
    SDL_Rect r = l->field[f];
    int focused = field_of(ui) == f;
    const char *text = field_buf(ui, f);
    int b = S(ui, 1) > 1 ? S(ui, 1) : 1;
    fl_round_rect(ui, r.x, r.y, r.w, r.h, S(ui, 6), fl_colors[focused ? C_ACCENT : C_LINE]);
    fl_round_rect(ui, r.x + b, r.y + b, r.w - 2 * b, r.h - 2 * b, S(ui, 5), fl_colors[C_PANEL]);
    if (focused) {
        fl_ring(ui, r.x, r.y, r.w, r.h);
        /* self-voicing: the field's label (above its box) and its whole contents (scrolled) */
        char spoken[FL_NAME_BYTES + 200];
        snprintf(spoken, sizeof(spoken), "%s: %s", label(ui, f), text);
        fl_voicing_label(ui, spoken);
    }

    size_t at = st->caret[f], a = at, e = at;
    int padx = S(ui, 12), inner = r.w - 2 * padx;
    int hs = st->hscroll[f];
    int x0 = r.x + padx - hs;
    int ty = r.y + (r.h - fl_line_height(ui, F_BODY)) / 2;
    SDL_Rect clip = {r.x + padx, r.y, inner, r.h};
    SDL_RenderSetClipRect(ui->ren, &clip);
    fl_trace_kind(ui, f ? "group-field" : "name-field");
    if (focused && selection(st, f, &a, &e)) {
        /* the selection: its own colours, the text drawn in three pieces side by side */
        int xa = fl_text_width(ui->font[F_BODY], text, a);
        int xe = fl_text_width(ui->font[F_BODY], text, e);
        fl_fill(ui, x0 + xa, ty, xe - xa, fl_line_height(ui, F_BODY), fl_colors[C_ACCENT]);
        fl_text_n(ui, F_BODY, fl_colors[C_TEXT], x0, ty, text, a);
        fl_trace_kind(ui, "name-selected");
        fl_text_n(ui, F_BODY, fl_colors[C_ON_ACCENT], x0 + xa, ty, text + a, e - a);
        fl_trace_kind(ui, f ? "group-field" : "name-field");
        fl_text(ui, F_BODY, fl_colors[C_TEXT], x0 + xe, ty, text + e);
    } else {
        fl_text(ui, F_BODY, fl_colors[C_TEXT], x0, ty, text);
    }
    fl_trace_kind(ui, NULL);
    if (focused) {
        int cw = S(ui, 2) > 1 ? S(ui, 2) : 1;
        int caret_x = fl_text_width(ui->font[F_BODY], text, at);
        fl_fill(ui, x0 + caret_x, ty + S(ui, 2), cw, fl_line_height(ui, F_BODY) - S(ui, 4),
                fl_colors[selection(st, f, &a, &e) ? C_ACCENT : C_TEXT]);
    }
    SDL_RenderSetClipRect(ui->ren, NULL);
    fl_trace_region(ui, f ? "group" : "name", &r);
}

/* The line under field f: the limit, a missing name, or who Enter continues as. */
static void draw_note(fl_ui *ui, const fl_signin_state *st, const layout *l, int f, int x)
{
    char buf[FL_NAME_BYTES + 200];
    int colour = C_MUTED;
    buf[0] = '\0';
    if (st->too_long && field_of(ui) == f) {
        too_long(ui, buf, sizeof(buf));
        colour = C_WARN;
    } else if (f == 0 && st->need_name) {
        snprintf(buf, sizeof(buf), "%s", T(ui, FL_W_SIGNIN_NEED_NAME));
        colour = C_BAD;
    } else if (f == 0 && continuing(ui, st)) {
        continue_as(ui, ui->set.trainee, buf, sizeof(buf));
    }
    if (!buf[0])
        return;
    fl_trace_kind(ui, "note");
    fl_text_box(ui, F_SMALL, fl_colors[colour], x, l->note_y[f], l->inner, buf, 1);
    fl_trace_kind(ui, NULL);
}

void fl_signin_draw(fl_ui *ui, const fl_signin_state *st)
{
    layout l;
    compute(ui, st, &l);
    ui->not_you.w = 0; /* no top bar here */
    SDL_Rect c = l.card;
    fl_round_rect(ui, c.x, c.y, c.w, c.h, S(ui, 12), fl_colors[C_LINE]);
    fl_round_rect(ui, c.x + 1, c.y + 1, c.w - 2, c.h - 2, S(ui, 12), fl_colors[C_PANEL]);
    int x = c.x + l.pad;
    fl_text(ui, F_BOLD, fl_colors[C_ACCENT], x, l.brand_y, T(ui, FL_W_APP_NAME));
    /* the language switch: the other language's name, underlined as a link, and its key */
    fl_trace_kind(ui, "language");
    int ly = l.lang.y + (l.lang.h - fl_line_height(ui, F_BODY)) / 2;
    int w = fl_text(ui, F_BODY, fl_colors[C_ACCENT], l.lang.x, ly, T(ui, FL_W_SIGNIN_OTHER_LANG));
    fl_fill(ui, l.lang.x, ly + fl_line_height(ui, F_BODY) - S(ui, 3), w,
            S(ui, 1) > 1 ? S(ui, 1) : 1, fl_colors[C_ACCENT]);
    fl_text(ui, F_SMALL, fl_colors[C_MUTED], l.lang.x + w + S(ui, 8),
            ly + fl_line_height(ui, F_BODY) - fl_line_height(ui, F_SMALL),
            T(ui, FL_W_SIGNIN_LANG_KEY));
    fl_trace_kind(ui, NULL);
    fl_trace_region(ui, "language", &l.lang);
    /* where the results go */
    static const int ws_colour[3] = {C_TEXT, C_MUTED, C_WARN};
    static const char *const ws_kind[3] = {"workshop", "session", "workshop-problem"};
    for (int i = 0; i < 3; i++) {
        char buf[4200];
        workshop_line(ui, i, buf, sizeof(buf));
        if (!buf[0])
            continue;
        fl_trace_kind(ui, ws_kind[i]);
        fl_text_box(ui, ws_font[i], fl_colors[ws_colour[i]], x, l.ws_y[i], l.inner, buf, 1);
        fl_trace_kind(ui, NULL);
    }
    fl_text_box(ui, F_TITLE, fl_colors[C_TEXT], x, l.title_y, l.inner, T(ui, FL_W_SIGNIN_TITLE), 1);
    fl_voicing_title(ui, T(ui, FL_W_SIGNIN_TITLE)); /* no top bar here: the card's heading */
    for (int f = 0; f < 2; f++) {
        if (f == 1 && fixed_group(ui)) {
            char buf[FL_NAME_BYTES + 200];
            group_fixed(ui, buf, sizeof(buf));
            fl_trace_kind(ui, "group-fixed");
            fl_text_box(ui, F_BODY, fl_colors[C_TEXT], x, l.label_y[f], l.inner, buf, 1);
            fl_trace_kind(ui, NULL);
            break;
        }
        fl_text_box(ui, F_SMALL, fl_colors[C_MUTED], x, l.label_y[f], l.inner, label(ui, f), 1);
        draw_field(ui, st, &l, f);
        draw_note(ui, st, &l, f, x);
    }
    SDL_Rect b = l.button;
    fl_round_rect(ui, b.x, b.y, b.w, b.h, S(ui, 6), fl_colors[C_ACCENT]);
    int tw = fl_width(ui, F_BOLD, T(ui, FL_W_SIGNIN_CONTINUE));
    fl_text(ui, F_BOLD, fl_colors[C_ON_ACCENT], b.x + (b.w - tw) / 2,
            b.y + (b.h - fl_line_height(ui, F_BOLD)) / 2, T(ui, FL_W_SIGNIN_CONTINUE));
    fl_voicing_content_begin(ui); /* how to go on, said on entry */
    char keys[400];
    hints(ui, l.lang_hidden, keys, sizeof(keys));
    fl_text_box(ui, F_SMALL, fl_colors[C_MUTED], x, l.hint_y, l.inner, keys, 1);
    fl_voicing_content_end(ui);
}

/* ---- going on -------------------------------------------------------------------------------- */

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

/* The workshop's language (workshop.h: lang), or -1 when it names none. */
static int room_lang(const fl_ui *ui)
{
    if (!ui->workshop || !ui->workshop->lang)
        return -1;
    return fl_word_lang(ui->workshop->lang);
}

/* Someone else signs in: their own settings (or the defaults), applied at once. Settings shown
 * before anyone signed in here (no previous trainee: the defaults, or an old settings file's)
 * become theirs unless they have a profile of their own. */
static void sign_in_as(fl_ui *ui, fl_signin_state *st)
{
    if (!strcmp(ui->set.trainee, st->profile))
        return;
    int known = fl_settings_has_profile(ui->set.trainee);
    if (st->profile[0] || known) {
        fl_settings before = ui->set;
        fl_settings_switch(&ui->set, before.trainee);
        if (st->lang_chosen) /* chosen here, now: it wins over their profile's */
            ui->set.lang = before.lang;
        if (ui->set.text_size != before.text_size)
            fl_ui_fonts(ui);
        if (ui->set.fullscreen != before.fullscreen && ui->win)
            SDL_SetWindowFullscreen(ui->win,
                                    ui->set.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
        fl_ui_apply_levels(ui);
    }
    /* someone new in a workshop starts in the room's language, unless they chose one here */
    int room = room_lang(ui);
    if (!known && !st->lang_chosen && room >= 0 && room != ui->set.lang) {
        ui->set.lang = room;
    }
    memcpy(st->profile, ui->set.trainee, sizeof(st->profile));
}

static void proceed(fl_ui *ui, fl_signin_state *st)
{
    fl_name_repair(ui->set.trainee, sizeof(ui->set.trainee), ui->set.trainee);
    fl_name_repair(ui->set.group, sizeof(ui->set.group), ui->set.group);
    trim(ui->set.trainee);
    trim(ui->set.group);
    if (fixed_group(ui))
        fl_name_repair(ui->set.group, sizeof(ui->set.group), fixed_group(ui));
    if (!ui->set.trainee[0]) {
        st->need_name = 1;
        st->too_long = 0;
        fl_voicing_note(ui, T(ui, FL_W_SIGNIN_NEED_NAME)); /* self-voicing: why nothing happened */
        ui->signin_field = 0;
        ui->dirty = 1;
        return;
    }
    st->need_name = 0;
    sign_in_as(ui, st);
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

void fl_ui_switch_trainee(fl_ui *ui)
{
    fl_signin_state *st = &ui->signin;
    if (!st->profile_known) { /* the settings in ui->set are still the last trainee's */
        memcpy(st->profile, ui->set.trainee, sizeof(st->profile));
        st->profile_known = 1;
    }
    ui->set.trainee[0] = '\0';
    st->caret[0] = st->anchor[0] = 0;
    st->caret_known[0] = 1;
    st->hscroll[0] = 0;
    /* what the previous trainee's screens kept (their results, review, history) */
    fl_results_state_free(ui);
    fl_review_state_free(ui);
    fl_history_state_free(ui);
    fl_round_results_state_free(ui);
    ui->not_you.w = 0;
    ui->signin_field = 0;
    /* the next person is greeted in the room's language (Ctrl+L switches) */
    int room = room_lang(ui);
    if (room >= 0 && room != ui->set.lang) {
        ui->set.lang = room;
    }
    fl_ui_go(ui, SCR_SIGNIN);
}

/* ---- events ---------------------------------------------------------------------------------- */

/* The character boundary nearest to x pixels into the text of field f. */
static size_t caret_at(fl_ui *ui, int f, int x)
{
    const char *s = field_buf(ui, f);
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

static void switch_language(fl_ui *ui, fl_signin_state *st)
{
    ui->set.lang = !ui->set.lang;
    st->lang_chosen = 1;
    ui->dirty = 1;
}

/* Moves the caret of field f to to; with shift the selection follows, else it goes. */
static void move(fl_signin_state *st, int f, size_t to, int shift)
{
    st->caret[f] = to;
    if (!shift)
        st->anchor[f] = to;
}

static void key(fl_ui *ui, fl_signin_state *st, const SDL_KeyboardEvent *k)
{
    int f = field_of(ui);
    char *buf = field_buf(ui, f);
    size_t *at = field_caret(ui, st, f);
    size_t len = strlen(buf), a, b;
    int ctrl = (k->keysym.mod & KMOD_CTRL) != 0, shift = (k->keysym.mod & KMOD_SHIFT) != 0;
    int sel = selection(st, f, &a, &b);
    switch (k->keysym.sym) {
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        proceed(ui, st);
        return;
    case SDLK_TAB:
    case SDLK_DOWN:
    case SDLK_UP:
        if (!fixed_group(ui))
            ui->signin_field = !f;
        st->too_long = 0;
        break;
    case SDLK_BACKSPACE:
        if (sel)
            delete_range(ui, st, f, a, b);
        else if (*at > 0)
            delete_range(ui, st, f, ctrl ? word_left(buf, *at) : prev_char(buf, *at), *at);
        break;
    case SDLK_DELETE:
        if (sel)
            delete_range(ui, st, f, a, b);
        else if (*at < len)
            delete_range(ui, st, f, *at, ctrl ? word_right(buf, *at) : next_char(buf, *at));
        break;
    case SDLK_LEFT:
        if (sel && !shift)
            move(st, f, a, 0);
        else
            move(st, f, ctrl ? word_left(buf, *at) : prev_char(buf, *at), shift);
        break;
    case SDLK_RIGHT:
        if (sel && !shift)
            move(st, f, b, 0);
        else
            move(st, f, ctrl ? word_right(buf, *at) : next_char(buf, *at), shift);
        break;
    case SDLK_HOME:
        move(st, f, 0, shift);
        break;
    case SDLK_END:
        move(st, f, len, shift);
        break;
    case SDLK_ESCAPE:
        move(st, f, *at, 0);
        break;
    case SDLK_a:
        if (!ctrl)
            return;
        st->anchor[f] = 0;
        *at = len;
        break;
    case SDLK_c:
    case SDLK_x:
        if (!ctrl)
            return;
        copy(ui, st, f);
        if (k->keysym.sym == SDLK_x && sel)
            delete_range(ui, st, f, a, b);
        break;
    case SDLK_v:
        if (ctrl) {
            char *clip = SDL_GetClipboardText();
            if (clip)
                insert(ui, st, f, clip);
            SDL_free(clip);
        }
        return;
    case SDLK_l:
        if (!ctrl)
            return;
        switch_language(ui, st);
        break;
    default:
        return;
    }
    ui->dirty = 1;
}

static void mouse(fl_ui *ui, fl_signin_state *st, const SDL_Event *e)
{
    int down = e->type == SDL_MOUSEBUTTONDOWN;
    float ex = down ? (float)e->button.x : (float)e->motion.x;
    float ey = down ? (float)e->button.y : (float)e->motion.y;
    int x = (int)(ex * ui->dpi), y = (int)(ey * ui->dpi);
    if (!down && !st->dragging)
        return;
    layout l;
    compute(ui, st, &l);
    if (!down) { /* a drag in the focused field selects */
        int f = field_of(ui);
        if (st->dragging && (e->motion.state & SDL_BUTTON_LMASK)) {
            st->caret[f] = caret_at(ui, f, x - l.field[f].x - S(ui, 12) + st->hscroll[f]);
            ui->dirty = 1;
        } else {
            st->dragging = 0;
        }
        return;
    }
    for (int f = 0; f < 2; f++) {
        if (!fl_inside(&l.field[f], x, y) || (f == 1 && fixed_group(ui)))
            continue;
        int shift = (SDL_GetModState() & KMOD_SHIFT) && ui->signin_field == f;
        ui->signin_field = f;
        field_caret(ui, st, f);
        if (e->button.clicks >= 2) { /* a double click selects the whole field */
            st->anchor[f] = 0;
            st->caret[f] = strlen(field_buf(ui, f));
        } else {
            move(st, f, caret_at(ui, f, x - l.field[f].x - S(ui, 12) + st->hscroll[f]), shift);
            st->dragging = 1;
        }
        st->too_long = 0;
        ui->dirty = 1;
    }
    if (fl_inside(&l.lang, x, y))
        switch_language(ui, st);
    if (fl_inside(&l.button, x, y))
        proceed(ui, st);
}

void fl_signin_event(fl_ui *ui, fl_signin_state *st, const SDL_Event *e)
{
    if (e->type == SDL_TEXTINPUT) {
        /* a Ctrl shortcut's letter is not typed (some input methods send it as text too);
         * Ctrl+Alt is AltGr on some systems, and types */
        SDL_Keymod mod = SDL_GetModState();
        if (!(mod & KMOD_CTRL) || (mod & KMOD_ALT))
            insert(ui, st, field_of(ui), e->text.text);
    } else if (e->type == SDL_KEYDOWN) {
        key(ui, st, &e->key);
    } else if ((e->type == SDL_MOUSEBUTTONDOWN && e->button.button == SDL_BUTTON_LEFT) ||
               e->type == SDL_MOUSEMOTION) {
        mouse(ui, st, e);
    } else if (e->type == SDL_MOUSEBUTTONUP && e->button.button == SDL_BUTTON_LEFT) {
        st->dragging = 0;
    }
}
