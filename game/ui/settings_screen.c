/*
 * settings_screen.c - the settings: interface language, text size, timed replies, the time
 * extension, full screen, and the sound: sounds, the customer's voice, the volume,
 * self-voicing and "say replies aloud". Every change applies at once (the sound's through
 * fl_ui_apply_levels) and is saved (settings.c).
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
 * The volume is a level, not a segmented control: eleven steps of ten, Left/Right change it,
 * a click on its bar sets it there. Under the title one line says the sound's state once, in
 * words (starting, the device in use, or that there is none and the simulator runs silently);
 * "Say replies aloud" says "(no microphone)" and stays off when the sound found no input.
 *
 * Self-voicing hears each row as its label, its chosen value and what it does (the screen says
 * so with fl_voicing_label: the ring holds every choice, and only one is chosen).
 */
#include <stdio.h>
#include <string.h>

#include "audio.h"
#include "ui.h"

enum {
    ROW_LANG,
    ROW_SIZE,
    ROW_TIMED,
    ROW_EXT,
    ROW_FULL,
    ROW_SOUNDS,
    ROW_VOICE,
    ROW_VOLUME,
    ROW_SELF,
    ROW_ALOUD,
    ROW_COUNT
};
#define MAX_CHOICES  6
#define VOLUME_STEPS 11 /* 0, 10, ... 100 */

typedef struct {
    const char *label, *about;
    const char *choice[MAX_CHOICES];
    int n, value;
    int level;                 /* a level (the volume): value of VOLUME_STEPS, no choices */
    int locked;                /* cannot be turned on (say aloud without a microphone) */
    SDL_Rect r;                /* the row */
    SDL_Rect seg[MAX_CHOICES]; /* its choices */
    int label_w;               /* the label column */
} row;

typedef struct {
    int header_h;
    SDL_Rect view; /* between the header and the footer; scrolls */
    int title_y, panel_x, panel_w, panel_y, panel_h;
    int state_y; /* the sound's state, one line (or a few when it wraps) */
    char state[400];
    int content_h;
    row rows[ROW_COUNT];
    SDL_Rect back;
    int footer_y;
} layout;

/* Whether the sound found no microphone (only known once it has started). */
static int no_input(const fl_audio_status *st)
{
    return st->state != FL_AUDIO_STARTING && !st->has_input;
}

/* The sound's state in words, for the line under the title. */
static void state_words(const fl_ui *ui, const fl_audio_status *st, char *buf, size_t n)
{
    switch (st->state) {
    case FL_AUDIO_STARTING:
        snprintf(buf, n, "%s", T(ui, FL_W_SET_AUDIO_STARTING));
        break;
    case FL_AUDIO_READY:
        snprintf(buf, n, T(ui, FL_W_SET_AUDIO_READY), st->device[0] ? st->device : "?");
        break;
    case FL_AUDIO_NO_DEVICE:
        snprintf(buf, n, "%s", T(ui, FL_W_SET_AUDIO_NO_DEVICE));
        break;
    case FL_AUDIO_NULL:
    default:
        snprintf(buf, n, "%s", T(ui, FL_W_SET_AUDIO_NULL));
        break;
    }
}

static void rows_of(const fl_ui *ui, const fl_audio_status *st, row *rows)
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
    const char *onoff[2] = {T(ui, FL_W_SET_OFF), T(ui, FL_W_SET_ON)};
    rows[ROW_SOUNDS] = (row){.label = T(ui, FL_W_SET_SOUNDS),
                             .about = T(ui, FL_W_SET_SOUNDS_ABOUT),
                             .choice = {onoff[0], onoff[1]},
                             .n = 2,
                             .value = ui->set.sounds ? 1 : 0};
    rows[ROW_VOICE] = (row){.label = T(ui, FL_W_SET_VOICE),
                            .about = T(ui, FL_W_SET_VOICE_ABOUT),
                            .choice = {onoff[0], onoff[1]},
                            .n = 2,
                            .value = ui->set.voice ? 1 : 0};
    rows[ROW_VOLUME] = (row){.label = T(ui, FL_W_SET_VOLUME),
                             .about = T(ui, FL_W_SET_VOLUME_ABOUT),
                             .level = 1,
                             .n = VOLUME_STEPS,
                             .value = ui->set.volume / 10};
    rows[ROW_SELF] = (row){.label = T(ui, FL_W_SET_SELF_VOICING),
                           .about = T(ui, FL_W_SET_SELF_VOICING_ABOUT),
                           .choice = {onoff[0], onoff[1]},
                           .n = 2,
                           .value = ui->set.self_voicing ? 1 : 0};
    int locked = no_input(st);
    rows[ROW_ALOUD] = (row){.label = T(ui, FL_W_SET_SAY_ALOUD),
                            .about = T(ui, FL_W_SET_SAY_ALOUD_ABOUT),
                            .choice = {onoff[0], onoff[1]},
                            .n = 2,
                            .locked = locked,
                            .value = ui->set.say_aloud && !locked ? 1 : 0};
    for (int r = 0; r < ROW_COUNT; r++) {
        if (rows[r].value < 0)
            rows[r].value = 0;
        if (rows[r].value >= rows[r].n)
            rows[r].value = rows[r].n - 1;
    }
}

/* A row's name as shown: its label, and "(no microphone)" when it cannot be turned on. */
static void row_name(const fl_ui *ui, const row *r, char *buf, size_t n)
{
    if (r->locked)
        snprintf(buf, n, "%s %s", r->label, T(ui, FL_W_SET_NO_MIC));
    else
        snprintf(buf, n, "%s", r->label);
}

/* What self-voicing says for a row: its name, the value chosen and what it does. */
static void row_spoken(const fl_ui *ui, const row *r, char *buf, size_t n)
{
    char name[300], value[64];
    row_name(ui, r, name, sizeof(name));
    if (r->level)
        snprintf(value, sizeof(value), T(ui, FL_W_VOICING_VOLUME), r->value * 10);
    else if (r->n == 2 && !strcmp(r->choice[0], T(ui, FL_W_SET_OFF)))
        snprintf(value, sizeof(value), "%s",
                 T(ui, r->value ? FL_W_VOICING_SWITCH_ON : FL_W_VOICING_SWITCH_OFF));
    else
        snprintf(value, sizeof(value), "%s", r->choice[r->value]);
    snprintf(buf, n, "%s: %s. %s", name, value, r->about);
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
    y += fl_line_height(ui, F_TITLE) + S(ui, 8);
    fl_audio_status st;
    fl_audio_status_get(ui->audio, &st);
    if (!ui->audio) /* the first frame: the sound opens right after it */
        st.state = FL_AUDIO_STARTING;
    state_words(ui, &st, l->state, sizeof(l->state));
    l->state_y = y;
    y += fl_text_box(ui, F_BODY, fl_colors[C_MUTED], 0, 0, l->panel_w, l->state, 0) + S(ui, 14);
    l->panel_y = y;

    rows_of(ui, &st, l->rows);
    int pad = S(ui, 18), inner = l->panel_w - 2 * pad;
    int seg_h = fl_line_height(ui, F_BODY) + S(ui, 14);
    for (int i = 0; i < ROW_COUNT; i++) {
        row *r = &l->rows[i];
        int segw = 0, w[MAX_CHOICES];
        if (r->level) {
            /* the level: a bar and its value ("100%" at most) */
            segw = S(ui, 180) + S(ui, 12) + fl_width(ui, F_BOLD, "100%");
        } else {
            for (int c = 0; c < r->n; c++) {
                w[c] = fl_width(ui, F_BODY, r->choice[c]) + S(ui, 28);
                if (w[c] < S(ui, 64))
                    w[c] = S(ui, 64);
                segw += w[c];
            }
        }
        r->label_w = inner - segw - S(ui, 24);
        int stacked = r->label_w < S(ui, 220);
        if (stacked)
            r->label_w = inner;
        char name[300];
        row_name(ui, r, name, sizeof(name));
        int lab = fl_text_box(ui, F_BODY, fl_colors[C_TEXT], 0, 0, r->label_w, name, 0) + S(ui, 2) +
                  fl_text_box(ui, F_SMALL, fl_colors[C_MUTED], 0, 0, r->label_w, r->about, 0);
        int h = stacked ? lab + S(ui, 10) + seg_h : (lab > seg_h ? lab : seg_h);
        r->r = (SDL_Rect){l->panel_x, y, l->panel_w, h + 2 * pad};
        int sx = stacked ? l->panel_x + pad : l->panel_x + l->panel_w - pad - segw;
        int sy = stacked ? y + pad + lab + S(ui, 10) : y + pad + (h - seg_h) / 2;
        if (r->level) {
            if (segw > inner)
                segw = inner;
            r->seg[0] = (SDL_Rect){sx, sy, segw, seg_h};
        } else {
            /* stacked choices wider than the panel shrink evenly */
            if (stacked && segw > inner)
                for (int c = 0; c < r->n; c++)
                    w[c] = inner / r->n;
            for (int c = 0; c < r->n; c++) {
                r->seg[c] = (SDL_Rect){sx, sy, w[c], seg_h};
                sx += w[c];
            }
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

static void draw_choices(fl_ui *ui, const row *r, int dy);
static void draw_footer(fl_ui *ui, const layout *l);

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
    fl_trace_kind(ui, "audio-state");
    fl_voicing_content_begin(ui); /* said once when the screen opens */
    fl_text_box(ui, F_BODY, muted, l.panel_x, l.state_y + dy, l.panel_w, l.state, 1);
    fl_voicing_content_end(ui);
    fl_trace_kind(ui, NULL);
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
        char name[300];
        row_name(ui, r, name, sizeof(name));
        int nh = fl_text_box(ui, F_BODY, text, x, y, r->label_w, name, 1);
        fl_text_box(ui, F_SMALL, muted, x, y + nh + S(ui, 2), r->label_w, r->about, 1);
        if (i == ui->focus) {
            char spoken[900];
            row_spoken(ui, r, spoken, sizeof(spoken));
            fl_voicing_label(ui, spoken);
        }

        if (r->level) {
            /* the level: a bar filled to the value, and the value */
            SDL_Rect s = moved(r->seg[0], dy);
            char pct[16];
            snprintf(pct, sizeof(pct), "%d%%", r->value * 10);
            int vw = fl_width(ui, F_BOLD, "100%");
            int bw = s.w - vw - S(ui, 12), bh = S(ui, 8) > 4 ? S(ui, 8) : 4;
            fl_bar(ui, s.x, s.y + (s.h - bh) / 2, bw, bh, r->value, r->n - 1, fl_colors[C_ACCENT]);
            fl_text(ui, F_BOLD, text, s.x + s.w - fl_width(ui, F_BOLD, pct), s.y + (s.h - lh) / 2,
                    pct);
        } else {
            draw_choices(ui, r, dy);
        }
        if (i == ui->focus) {
            int m = S(ui, 6);
            fl_focus_ring(ui, rr.x + m, rr.y + m, rr.w - 2 * m, rr.h - 2 * m);
        }
    }
    SDL_RenderSetClipRect(ui->ren, NULL);
    draw_footer(ui, &l);
}

/* A row's choices: a track with the chosen one filled in the accent; a choice that cannot be
 * made (say aloud without a microphone) in the muted colour. */
static void draw_choices(fl_ui *ui, const row *r, int dy)
{
    int b = S(ui, 1) > 1 ? S(ui, 1) : 1, lh = fl_line_height(ui, F_BODY);
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
        int colour = on ? C_ON_ACCENT : r->locked && c > 0 ? C_MUTED : C_TEXT;
        fl_text(ui, font, fl_colors[colour], s.x + (s.w - cw) / 2, s.y + (s.h - lh) / 2,
                r->choice[c]);
    }
}

/* The top bar and the key bar, over the scrolling rows. */
static void draw_footer(fl_ui *ui, const layout *lp)
{
    const layout *l = lp;
    SDL_Color muted = fl_colors[C_MUTED];
    fl_header(ui, T(ui, FL_W_SETTINGS), 0, 1);
    fl_fill(ui, 0, l->footer_y, ui->w, ui->h - l->footer_y, fl_colors[C_PANEL]);
    fl_fill(ui, 0, l->footer_y, ui->w, 1, fl_colors[C_LINE]);
    fl_key_hint(ui, l->back.x, l->back.y, "Esc", T(ui, FL_W_BACK));
    /* how the keys work, at the right when there is room */
    int hw = fl_width(ui, F_SMALL, T(ui, FL_W_SET_HINT));
    int hx = ui->w - S(ui, 32) - hw;
    if (hx > l->back.x + l->back.w + S(ui, 32))
        fl_text(ui, F_SMALL, muted, hx, l->back.y + (l->back.h - fl_line_height(ui, F_SMALL)) / 2,
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
    case ROW_SOUNDS:
        ui->set.sounds = c ? 1 : 0;
        break;
    case ROW_VOICE:
        ui->set.voice = c ? 1 : 0;
        break;
    case ROW_VOLUME:
        ui->set.volume = c < 0 ? 0 : c >= VOLUME_STEPS ? 100 : c * 10;
        break;
    case ROW_SELF:
        if (c && !ui->set.self_voicing)
            fl_voicing_note(ui, T(ui, FL_W_VOICING_ON)); /* said before the row itself */
        if (!c && ui->set.self_voicing)
            fl_audio_stop_speech(ui->audio); /* silent at once */
        ui->set.self_voicing = c ? 1 : 0;
        break;
    case ROW_ALOUD: {
        fl_audio_status st;
        fl_audio_status_get(ui->audio, &st);
        if (c && no_input(&st))
            return; /* no microphone: it stays off */
        ui->set.say_aloud = c ? 1 : 0;
        break;
    }
    default:
        return;
    }
    if (r >= ROW_SOUNDS && r <= ROW_SELF)
        fl_ui_apply_levels(ui); /* heard at once */
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
            if (r->level) {
                /* the bar: the step nearest to where it was clicked */
                const SDL_Rect *s = &r->seg[0];
                int bw = s->w - fl_width(ui, F_BOLD, "100%") - S(ui, 12);
                if (fl_inside(s, x, cy) && bw > 0 && x < s->x + bw + S(ui, 6)) {
                    int v = ((x - s->x) * (r->n - 1) + bw / 2) / bw;
                    choose(ui, i, v < 0 ? 0 : v > r->n - 1 ? r->n - 1 : v);
                    compute(ui, &l);
                    reveal(ui, &l);
                }
                break;
            }
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

int fl_settings_tick(fl_ui *ui)
{
    fl_audio_status st;
    fl_audio_status_get(ui->audio, &st);
    if (!ui->audio)
        st.state = FL_AUDIO_STARTING;
    if ((int)st.state != ui->audio_shown) {
        ui->audio_shown = (int)st.state;
        ui->dirty = 1; /* the state line says the new state */
    }
    return st.state == FL_AUDIO_STARTING ? 100 : -1;
}
