/*
 * conversation.c - the call itself: the transcript as chat bubbles, the customer's card with an
 * avatar that follows the emotion of the line and animated meters, a "typing..." pause before
 * each customer line, the numbered replies (or a text box at free-text nodes) and, for timed
 * replies, a timer bar.
 *
 * Everything comes from the session (game/core/session.h); this file only decides when things
 * appear. The reply clock starts when the customer's line has been fully shown (the typing
 * pause is over), never while it is still appearing. With a time extension (x1.5, x2) the
 * trainee gets that much more real time, and the engine is given the time as the same fraction
 * of the scenario's limit, so scoring is unchanged by the extension.
 *
 * Layout (design pixels at 1280 x 720): a 56 px top bar, a 300 px customer panel on the left,
 * the transcript on the right, the replies in a panel at the bottom.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"

enum {
    TOP = 56,
    SIDE = 300,
    PAD = 16,
    METER_MS = 300,   /* meters move to their new value over this long */
    JUMP_MS = 1800,   /* "Trust -15" stays this long */
    TIMER_TICK = 100, /* the timer bar is redrawn this often */
    ESC_MS = 3000     /* a second Esc within this long leaves the call */
};

/* ---- the transcript's layout, kept until the conversation or the width changes ----------- */

typedef struct {
    const char *text;
    int side; /* 0 customer, 1 trainee */
    int emotion;
    fl_text_line *lines;
    size_t n_lines;
    int w, h; /* bubble size, pixels */
} bubble;

static struct {
    const fl_session *ss;
    size_t turns;
    int show_line; /* the current customer line is shown */
    int width;
    float scale;
    bubble *b;
    size_t n, cap;
    int total_h;
} lay;

static void lay_clear(void)
{
    for (size_t i = 0; i < lay.n; i++)
        free(lay.b[i].lines);
    lay.n = 0;
    lay.total_h = 0;
}

static void lay_add(fl_ui *ui, const char *text, int side, int emotion, int maxw)
{
    if (lay.n == lay.cap) {
        size_t cap = lay.cap ? lay.cap * 2 : 32;
        bubble *t = realloc(lay.b, cap * sizeof(*t));
        if (!t)
            return;
        lay.b = t;
        lay.cap = cap;
    }
    bubble *b = &lay.b[lay.n];
    memset(b, 0, sizeof(*b));
    b->text = text;
    b->side = side;
    b->emotion = emotion;
    int pad = S(ui, 12);
    size_t n = fl_text_wrap(ui->font[F_BODY], text, maxw - 2 * pad, NULL, 0);
    b->lines = malloc((n ? n : 1) * sizeof(*b->lines));
    if (!b->lines)
        return;
    b->n_lines = fl_text_wrap(ui->font[F_BODY], text, maxw - 2 * pad, b->lines, n);
    int w = 0;
    for (size_t i = 0; i < b->n_lines; i++)
        if (b->lines[i].width > w)
            w = b->lines[i].width;
    b->w = w + 2 * pad;
    b->h = (int)b->n_lines * fl_line_height(ui, F_BODY) + 2 * S(ui, 8);
    lay.total_h += b->h + fl_line_height(ui, F_SMALL) + S(ui, 14);
    lay.n++;
}

const char *fl_turn_words(fl_ui *ui, const fl_node *nd, const fl_turn *t)
{
    if (t->typed && t->typed[0])
        return t->typed;
    if (t->reply >= 0 && (uint32_t)t->reply < nd->n_replies) {
        const fl_reply *r = &nd->replies[t->reply];
        return r->text ? r->text : r->id;
    }
    return T(ui, FL_W_SILENCE);
}

/* Lays the transcript out again when something it depends on changed. */
static void relayout(fl_ui *ui, int width, int show_line)
{
    size_t n;
    const fl_turn *turns = fl_session_turns(ui->ss, &n);
    if (lay.ss == ui->ss && lay.turns == n && lay.show_line == show_line && lay.width == width &&
        lay.scale == ui->scale)
        return;
    lay_clear();
    lay.ss = ui->ss;
    lay.turns = n;
    lay.show_line = show_line;
    lay.width = width;
    lay.scale = ui->scale;
    const fl_scenario *s = fl_session_engine(ui->ss)->scenario;
    int maxw = width * 7 / 10;
    for (size_t i = 0; i < n; i++) {
        const fl_node *nd = &s->nodes[turns[i].node];
        if (turns[i].line >= 0) {
            const fl_line *l = &nd->lines[turns[i].line];
            lay_add(ui, l->text, 0, l->emotion, maxw);
        }
        lay_add(ui, fl_turn_words(ui, nd, &turns[i]), 1, 0, maxw);
    }
    const fl_line *l = fl_session_line(ui->ss);
    if (show_line && l && !fl_session_state(ui->ss)->hung_up)
        lay_add(ui, l->text, 0, l->emotion, maxw);
}

/* ---- timing --------------------------------------------------------------------------------- */

/* When Esc was pressed once (the second press within ESC_MS leaves the call), 0 none. */
static uint64_t esc_at;

static int32_t env(const fl_ui *ui, int slot)
{
    const fl_engine *eng = fl_session_engine(ui->ss);
    return fl_state_cenv(eng, fl_session_state(ui->ss))[slot];
}

/* The customer starts "typing" the line of the current node (if there is one). */
static void start_typing(fl_ui *ui)
{
    const fl_line *l = fl_session_line(ui->ss);
    ui->clock_start = 0;
    if (!l || fl_session_state(ui->ss)->hung_up) {
        ui->typing_until = 0;
        ui->clock_start = ui->now;
        return;
    }
    size_t chars = strlen(l->text);
    uint64_t ms = 500 + 12 * (uint64_t)chars;
    if (ms > 1800)
        ms = 1800;
    ui->typing_until = ui->now + ms;
}

static uint32_t limit_real(const fl_ui *ui)
{
    uint32_t lim = fl_session_limit_ms(ui->ss);
    return (uint32_t)(lim * fl_settings_factor(&ui->set));
}

/* The time the trainee took, as the engine should see it (scaled back by the extension). */
static uint32_t took(const fl_ui *ui)
{
    uint64_t real = ui->clock_start && ui->now > ui->clock_start ? ui->now - ui->clock_start : 0;
    return (uint32_t)(real / fl_settings_factor(&ui->set));
}

static void note_store(fl_ui *ui)
{
    if (!ui->rec)
        return;
    fl_recorder_update(ui->rec, ui->ss);
    const char *n = fl_recorder_notice(ui->rec);
    if (n) {
        fprintf(stderr, "frontline: %s\n", n);
        snprintf(ui->notice, sizeof(ui->notice), "%s", n);
    }
}

/* After an act: record it, animate the meters to their new values, show the next line. */
static void after_act(fl_ui *ui, const int before[3])
{
    note_store(ui);
    /* the end is written the moment the conversation ends, not when the trainee leaves the
     * screen: a crash on the last screen must not leave it unfinished */
    if (fl_session_ended(ui->ss))
        fl_ui_end_session(ui);
    static const int slots[3] = {FL_SLOT_MOOD, FL_SLOT_PATIENCE, FL_SLOT_TRUST};
    for (int i = 0; i < 3; i++) {
        ui->meter_from[i] = ui->meter[i];
        ui->meter_jump[i] = env(ui, slots[i]) - before[i];
    }
    ui->meter_anim = ui->now;
    ui->scroll = 0;
    ui->focus = 0;
    ui->input_len = ui->cursor = 0;
    ui->input[0] = '\0';
    start_typing(ui);
    ui->dirty = 1;
}

static void meters_now(const fl_ui *ui, int out[3])
{
    out[0] = env(ui, FL_SLOT_MOOD);
    out[1] = env(ui, FL_SLOT_PATIENCE);
    out[2] = env(ui, FL_SLOT_TRUST);
}

static void choose(fl_ui *ui, uint32_t option)
{
    uint32_t idx[64];
    uint32_t n = fl_session_offered(ui->ss, idx, 64);
    if (option >= n || fl_session_ended(ui->ss) || ui->typing_until)
        return;
    int before[3];
    meters_now(ui, before);
    if (fl_session_choose(ui->ss, idx[option], took(ui)) == 0)
        after_act(ui, before);
}

static void send_typed(fl_ui *ui)
{
    if (!ui->input_len || fl_session_ended(ui->ss) || ui->typing_until)
        return;
    int before[3];
    meters_now(ui, before);
    if (fl_session_type(ui->ss, ui->input, ui->input_len, took(ui)) == 0)
        after_act(ui, before);
}

static void take_back(fl_ui *ui)
{
    if (ui->assessment || fl_session_ended(ui->ss))
        return;
    int before[3];
    meters_now(ui, before);
    if (fl_session_undo(ui->ss) == 0) {
        after_act(ui, before);
        ui->typing_until = 0; /* the line was already read: show it again at once */
        ui->clock_start = ui->now;
    }
}

static void to_results(fl_ui *ui)
{
    fl_ui_end_session(ui);
    fl_ui_go(ui, SCR_RESULTS);
}

int fl_conversation_tick(fl_ui *ui)
{
    if (!ui->ss)
        return -1;
    int wait = -1;
#define SOON(ms)                                                                                   \
    do {                                                                                           \
        int ms_ = (int)(ms);                                                                       \
        if (wait < 0 || ms_ < wait)                                                                \
            wait = ms_;                                                                            \
    } while (0)
    if (ui->shown_turn != fl_session_state(ui->ss)->turn && !ui->typing_until && !ui->clock_start) {
        /* a new conversation: the first line is being typed */
        start_typing(ui);
        ui->dirty = 1;
    }
    ui->shown_turn = fl_session_state(ui->ss)->turn;
    if (ui->typing_until) {
        if (ui->now >= ui->typing_until) {
            /* the line is fully shown: the reply clock starts now */
            ui->clock_start = ui->typing_until;
            ui->typing_until = 0;
            ui->scroll = 0;
            ui->dirty = 1;
        } else {
            SOON(ui->typing_until - ui->now);
        }
    }
    if (ui->meter_anim) {
        uint64_t t = ui->now - ui->meter_anim;
        int target[3];
        meters_now(ui, target);
        for (int i = 0; i < 3; i++) {
            float f = t >= METER_MS ? 1.0f : (float)t / METER_MS;
            f = f * f * (3 - 2 * f); /* ease in and out */
            ui->meter[i] = ui->meter_from[i] + (target[i] - ui->meter_from[i]) * f;
        }
        if (t < METER_MS) {
            SOON(16);
            ui->dirty = 1;
        } else if (t < JUMP_MS) {
            SOON(JUMP_MS - t);
        } else {
            ui->meter_anim = 0;
            memset(ui->meter_jump, 0, sizeof(ui->meter_jump));
        }
        if (t >= METER_MS && t - 16 < METER_MS)
            ui->dirty = 1;
        if (t >= JUMP_MS)
            ui->dirty = 1;
    }
    if (esc_at) {
        if (ui->now - esc_at >= ESC_MS) {
            esc_at = 0;
            ui->dirty = 1;
        } else {
            SOON(ESC_MS - (ui->now - esc_at));
        }
    }
    /* the reply clock of a timed reply */
    const fl_engine *eng = fl_session_engine(ui->ss);
    uint32_t lim = limit_real(ui);
    if (!fl_session_ended(ui->ss) && ui->clock_start && !ui->typing_until && lim &&
        fl_engine_can_timeout(eng, fl_session_state(ui->ss))) {
        uint64_t el = ui->now - ui->clock_start;
        if (el >= lim) {
            int before[3];
            meters_now(ui, before);
            if (fl_session_timeout(ui->ss) == 0)
                after_act(ui, before);
            SOON(0);
        } else {
            ui->dirty = 1;
            SOON(el + TIMER_TICK > lim ? lim - el : TIMER_TICK);
        }
    }
    return wait;
#undef SOON
}

/* ---- events ---------------------------------------------------------------------------------- */

static size_t utf8_prev(const char *s, size_t at)
{
    while (at > 0 && ((unsigned char)s[--at] & 0xC0) == 0x80)
        ;
    return at;
}

static size_t utf8_next(const char *s, size_t len, size_t at)
{
    if (at >= len)
        return len;
    at++;
    while (at < len && ((unsigned char)s[at] & 0xC0) == 0x80)
        at++;
    return at;
}

/* Where the replies are drawn (for the mouse): filled by draw. */
static SDL_Rect option_rect[9];
static int n_option_rects;

void fl_conversation_event(fl_ui *ui, const SDL_Event *e)
{
    if (!ui->ss)
        return;
    const fl_node *nd = fl_session_node(ui->ss);
    int ended = fl_session_ended(ui->ss);
    int free_text = !ended && nd->free_text;
    if (e->type == SDL_TEXTINPUT && free_text && !ui->typing_until) {
        size_t add = strlen(e->text.text);
        if (ui->input_len + add < sizeof(ui->input)) {
            memmove(ui->input + ui->cursor + add, ui->input + ui->cursor,
                    ui->input_len - ui->cursor + 1);
            memcpy(ui->input + ui->cursor, e->text.text, add);
            ui->input_len += add;
            ui->cursor += add;
            ui->dirty = 1;
        }
        return;
    }
    if (e->type == SDL_MOUSEWHEEL) {
        int dy = fl_wheel_steps(e);
        int before = ui->scroll;
        ui->scroll += dy * S(ui, 40);
        if (ui->scroll < 0)
            ui->scroll = 0;
        if (ui->scroll > lay.total_h)
            ui->scroll = lay.total_h; /* draw clamps it to the exact top */
        if (ui->scroll != before)
            ui->dirty = 1;
        return;
    }
    if (e->type == SDL_MOUSEBUTTONDOWN && e->button.button == SDL_BUTTON_LEFT) {
        int x = (int)(e->button.x * ui->dpi), y = (int)(e->button.y * ui->dpi);
        if (ui->typing_until) {
            ui->typing_until = ui->now; /* skip the pause */
            ui->dirty = 1;
            return;
        }
        for (int i = 0; i < n_option_rects; i++) {
            SDL_Point p = {x, y};
            if (SDL_PointInRect(&p, &option_rect[i])) {
                choose(ui, (uint32_t)i);
                return;
            }
        }
        if (ended)
            to_results(ui);
        return;
    }
    if (e->type != SDL_KEYDOWN)
        return;
    SDL_Keycode k = e->key.keysym.sym;
    SDL_Keymod mod = (SDL_Keymod)e->key.keysym.mod;
    if (k == SDLK_ESCAPE) {
        /* twice within 3 s: a nervous trainee's stray Esc must not end the call */
        if (ended || (esc_at && ui->now - esc_at < ESC_MS)) {
            esc_at = 0;
            fl_ui_end_session(ui); /* recorded (as unfinished if it had not ended) */
            fl_ui_go(ui, ended ? SCR_RESULTS : SCR_LIBRARY);
        } else {
            esc_at = ui->now;
            ui->dirty = 1;
        }
        return;
    }
    esc_at = 0;
    if (k == SDLK_PAGEUP || k == SDLK_PAGEDOWN) {
        ui->scroll += (k == SDLK_PAGEUP ? 1 : -1) * (ui->h / 2);
        if (ui->scroll < 0)
            ui->scroll = 0;
        ui->dirty = 1;
        return;
    }
    if (ui->typing_until) {
        if (k == SDLK_SPACE || k == SDLK_RETURN || k == SDLK_KP_ENTER) {
            ui->typing_until = ui->now; /* skip the pause */
            ui->dirty = 1;
        }
        return;
    }
    if (ended) {
        if (k == SDLK_RETURN || k == SDLK_KP_ENTER || k == SDLK_SPACE)
            to_results(ui);
        return;
    }
    if ((k == SDLK_z && (mod & KMOD_CTRL)) || (!free_text && k == SDLK_BACKSPACE)) {
        take_back(ui);
        return;
    }
    if (free_text) {
        if (k == SDLK_RETURN || k == SDLK_KP_ENTER) {
            send_typed(ui);
        } else if (k == SDLK_BACKSPACE && ui->cursor > 0) {
            size_t p = utf8_prev(ui->input, ui->cursor);
            memmove(ui->input + p, ui->input + ui->cursor, ui->input_len - ui->cursor + 1);
            ui->input_len -= ui->cursor - p;
            ui->cursor = p;
        } else if (k == SDLK_DELETE && ui->cursor < ui->input_len) {
            size_t q = utf8_next(ui->input, ui->input_len, ui->cursor);
            memmove(ui->input + ui->cursor, ui->input + q, ui->input_len - q + 1);
            ui->input_len -= q - ui->cursor;
        } else if (k == SDLK_LEFT) {
            ui->cursor = utf8_prev(ui->input, ui->cursor);
        } else if (k == SDLK_RIGHT) {
            ui->cursor = utf8_next(ui->input, ui->input_len, ui->cursor);
        } else if (k == SDLK_HOME) {
            ui->cursor = 0;
        } else if (k == SDLK_END) {
            ui->cursor = ui->input_len;
        }
        ui->dirty = 1;
        return;
    }
    uint32_t idx[64];
    uint32_t n = fl_session_offered(ui->ss, idx, 64);
    if (k >= SDLK_1 && k <= SDLK_9) {
        choose(ui, (uint32_t)(k - SDLK_1));
    } else if (k >= SDLK_KP_1 && k <= SDLK_KP_9) {
        choose(ui, (uint32_t)(k - SDLK_KP_1));
    } else if (k == SDLK_UP && ui->focus > 0) {
        ui->focus--;
        ui->dirty = 1;
    } else if (k == SDLK_DOWN && (uint32_t)ui->focus + 1 < n) {
        ui->focus++;
        ui->dirty = 1;
    } else if (k == SDLK_RETURN || k == SDLK_KP_ENTER) {
        choose(ui, (uint32_t)ui->focus);
    }
}

/* ---- drawing --------------------------------------------------------------------------------- */

static void draw_meter(fl_ui *ui, int x, int y, int w, const char *label, float value, int lo,
                       int hi, int jump)
{
    int lh = fl_line_height(ui, F_SMALL);
    fl_text(ui, F_SMALL, fl_colors[C_MUTED], x, y, label);
    char num[32];
    snprintf(num, sizeof(num), "%d", (int)(value + (value >= 0 ? 0.5f : -0.5f)));
    fl_text(ui, F_SMALL, fl_colors[C_TEXT], x + w - fl_width(ui, F_SMALL, num), y, num);
    if (jump) {
        char j[32];
        snprintf(j, sizeof(j), "%+d", jump);
        fl_text(ui, F_BOLD, fl_colors[jump > 0 ? C_GOOD : C_BAD],
                x + w - fl_width(ui, F_SMALL, num) - S(ui, 12) - fl_width(ui, F_BOLD, j),
                y - S(ui, 2), j);
    }
    int v = (int)(value - lo);
    int pct = (v * 100) / (hi - lo);
    fl_bar(ui, x, y + lh + S(ui, 2), w, S(ui, 10), v, hi - lo, fl_score_color(pct));
}

static void draw_side(fl_ui *ui, const fl_scenario *s)
{
    int x = S(ui, PAD), w = S(ui, SIDE) - 2 * S(ui, PAD);
    fl_fill(ui, 0, S(ui, TOP), S(ui, SIDE), ui->h - S(ui, TOP), fl_colors[C_PANEL]);
    fl_fill(ui, S(ui, SIDE) - 1, S(ui, TOP), 1, ui->h - S(ui, TOP), fl_colors[C_LINE]);
    const fl_line *l = fl_session_line(ui->ss);
    int emotion = l ? (int)l->emotion : 0;
    size_t n;
    const fl_turn *turns = fl_session_turns(ui->ss, &n);
    if (ui->typing_until && n > 0 && turns[n - 1].line >= 0)
        emotion = (int)s->nodes[turns[n - 1].node].lines[turns[n - 1].line].emotion;
    int r = S(ui, 64);
    int y = S(ui, TOP) + S(ui, 24);
    fl_avatar(ui, S(ui, SIDE) / 2, y + r, r, emotion);
    y += 2 * r + S(ui, 18);
    fl_text(ui, F_TITLE, fl_colors[C_TEXT], x, y, s->customer_name);
    y += fl_line_height(ui, F_TITLE);
    if (s->customer_detail)
        y += fl_text_box(ui, F_SMALL, fl_colors[C_MUTED], x, y, w, s->customer_detail, 1);
    y += S(ui, 20);
    static const fl_word_id names[3] = {FL_W_CONV_MOOD, FL_W_CONV_PATIENCE, FL_W_CONV_TRUST};
    static const int lo[3] = {-100, 0, 0};
    for (int i = 0; i < 3; i++) {
        draw_meter(ui, x, y, w, T(ui, names[i]), ui->meter[i], lo[i], 100, ui->meter_jump[i]);
        y += fl_line_height(ui, F_SMALL) + S(ui, 30);
    }
}

static void draw_top(fl_ui *ui, const fl_scenario *s)
{
    fl_fill(ui, 0, 0, ui->w, S(ui, TOP), fl_colors[C_PANEL]);
    fl_fill(ui, 0, S(ui, TOP) - 1, ui->w, 1, fl_colors[C_LINE]);
    int y = (S(ui, TOP) - fl_line_height(ui, F_BOLD)) / 2;
    char right[160];
    snprintf(right, sizeof(right), "%s", T(ui, ui->assessment ? FL_W_ASSESSMENT : FL_W_PRACTICE));
    const char *leave = T(ui, esc_at ? FL_W_CONV_LEAVE_AGAIN : FL_W_CONV_LEAVE);
    int hx = ui->w - S(ui, PAD) - fl_width(ui, F_BODY, leave) - S(ui, 40);
    if (esc_at)
        fl_round(ui, hx - S(ui, 8), y - S(ui, 4), ui->w - hx - S(ui, 8),
                 fl_line_height(ui, F_BODY) + S(ui, 8), S(ui, 6), fl_colors[C_CUSTOMER]);
    fl_key_hint(ui, hx, y, "Esc", leave);
    int mw = fl_width(ui, F_BODY, right);
    int mx = hx - mw - S(ui, 24);
    fl_text(ui, F_BODY, fl_colors[C_MUTED], mx, y, right);
    /* the title takes what is left, cut with an ellipsis (large text, a narrow window) */
    fl_text_cut(ui, F_BOLD, fl_colors[C_TEXT], S(ui, PAD), y, mx - S(ui, 16) - S(ui, PAD),
                s->title);
}

/* The bottom panel: the timer bar, then the replies or the text box. Returns its top. */
static int draw_bottom(fl_ui *ui, int x0, int w)
{
    n_option_rects = 0;
    int pad = S(ui, PAD), lh = fl_line_height(ui, F_BODY);
    const fl_node *nd = fl_session_node(ui->ss);
    int ended = fl_session_ended(ui->ss);
    uint32_t idx[64];
    uint32_t n = ended ? 0 : fl_session_offered(ui->ss, idx, 64);
    int numw = S(ui, 34);
    int text_w = w - 2 * pad - numw;
    /* height first */
    int h = 2 * pad;
    uint32_t lim = limit_real(ui);
    int timed =
        !ended && lim && fl_engine_can_timeout(fl_session_engine(ui->ss), fl_session_state(ui->ss));
    if (timed)
        h += S(ui, 10) + S(ui, 12);
    int hint_h = fl_line_height(ui, F_SMALL) + S(ui, 6);
    if (ended) {
        h += lh + S(ui, 8) + fl_line_height(ui, F_BOLD);
    } else if (nd->free_text) {
        int box = fl_text_box(ui, F_BODY, fl_colors[C_TEXT], 0, 0, w - 2 * pad - S(ui, 24),
                              ui->input_len ? ui->input : " ", 0);
        h += box + S(ui, 20) + hint_h;
    } else {
        for (uint32_t i = 0; i < n && i < 9; i++)
            h += fl_text_box(ui, F_BODY, fl_colors[C_TEXT], 0, 0, text_w, nd->replies[idx[i]].text,
                             0) +
                 S(ui, 10);
        h += hint_h;
    }
    int top = ui->h - h;
    fl_fill(ui, x0, top, w, h, fl_colors[C_PANEL]);
    fl_fill(ui, x0, top, w, 1, fl_colors[C_LINE]);
    int y = top + pad;
    if (timed) {
        /* the clock starts when the line is fully shown: before that the bar is full */
        uint64_t el = ui->clock_start && !ui->typing_until ? ui->now - ui->clock_start : 0;
        int left = el >= lim ? 0 : (int)(lim - el);
        int pct = (int)((int64_t)left * 100 / lim);
        SDL_Color c = fl_colors[pct <= 10 ? C_BAD : pct <= 30 ? C_WARN : C_ACCENT];
        char secs[32];
        snprintf(secs, sizeof(secs), T(ui, FL_W_CONV_SECONDS), (left + 999) / 1000);
        int sw = fl_width(ui, F_SMALL, "000 s") + S(ui, 10);
        fl_bar(ui, x0 + pad, y, w - 2 * pad - sw, S(ui, 10), left, (int)lim, c);
        fl_text(ui, F_SMALL, fl_colors[C_TEXT], x0 + w - pad - sw + S(ui, 10),
                y - (fl_line_height(ui, F_SMALL) - S(ui, 10)) / 2, secs);
        y += S(ui, 10) + S(ui, 12);
    }
    int dim = ui->typing_until != 0; /* replies wait until the line is shown */
    SDL_Color tc = fl_colors[dim ? C_MUTED : C_TEXT];
    if (ended) {
        const fl_state *st = fl_session_state(ui->ss);
        fl_text(ui, F_BODY, fl_colors[C_TEXT], x0 + pad, y,
                T(ui, st->hung_up ? FL_W_HUNG_UP : FL_W_CONV_CALL_ENDED));
        y += lh + S(ui, 8);
        fl_key_hint(ui, x0 + pad, y, "Enter", T(ui, FL_W_CONV_SEE_RESULTS));
    } else if (nd->free_text) {
        int bw = w - 2 * pad;
        int box =
            fl_text_box(ui, F_BODY, tc, 0, 0, bw - S(ui, 24), ui->input_len ? ui->input : " ", 0);
        fl_fill(ui, x0 + pad, y, bw, box + S(ui, 16), fl_colors[C_BG]);
        fl_focus_ring(ui, x0 + pad, y, bw, box + S(ui, 16));
        if (ui->input_len) {
            fl_text_box(ui, F_BODY, fl_colors[C_TEXT], x0 + pad + S(ui, 12), y + S(ui, 8),
                        bw - S(ui, 24), ui->input, 1);
        } else {
            fl_text(ui, F_BODY, fl_colors[C_MUTED], x0 + pad + S(ui, 12), y + S(ui, 8),
                    nd->placeholder ? nd->placeholder : T(ui, FL_W_CONV_TYPE_HERE));
        }
        /* the caret: after the text up to the cursor, on its last line */
        char before[sizeof(ui->input)];
        memcpy(before, ui->input, ui->cursor);
        before[ui->cursor] = '\0';
        size_t nl;
        const fl_text_line *lines = fl_layout(ui, F_BODY, bw - S(ui, 24), before, &nl);
        int cx = x0 + pad + S(ui, 12), cy = y + S(ui, 8);
        if (lines && nl > 0) {
            cx += lines[nl - 1].width;
            cy += (int)(nl - 1) * lh;
        }
        if (!dim)
            fl_fill(ui, cx, cy + S(ui, 2), S(ui, 2), lh - S(ui, 4), fl_colors[C_ACCENT]);
        y += box + S(ui, 20);
        int hx = fl_key_hint(ui, x0 + pad, y, "Enter", T(ui, FL_W_CONV_SEND));
        if (!ui->assessment)
            fl_key_hint(ui, x0 + pad + hx, y, "Ctrl+Z", T(ui, FL_W_CONV_TAKE_BACK));
    } else {
        for (uint32_t i = 0; i < n && i < 9; i++) {
            const char *t = nd->replies[idx[i]].text;
            int th = fl_text_box(ui, F_BODY, tc, x0 + pad + numw, y, text_w, t, 0);
            SDL_Rect r = {x0 + pad - S(ui, 6), y - S(ui, 4), w - 2 * pad + S(ui, 12),
                          th + S(ui, 8)};
            if ((int)i == ui->focus && !dim) {
                fl_fill(ui, r.x, r.y, r.w, r.h, fl_colors[C_CUSTOMER]);
                fl_focus_ring(ui, r.x, r.y, r.w, r.h);
            }
            option_rect[n_option_rects++] = (SDL_Rect){r.x, r.y, r.w, r.h};
            char num[8];
            snprintf(num, sizeof(num), "%u", i + 1);
            fl_round(ui, x0 + pad, y, S(ui, 24), lh, S(ui, 4), fl_colors[dim ? C_LINE : C_ACCENT]);
            fl_text(ui, F_BOLD, fl_colors[C_ON_ACCENT],
                    x0 + pad + (S(ui, 24) - fl_width(ui, F_BOLD, num)) / 2, y, num);
            fl_text_box(ui, F_BODY, tc, x0 + pad + numw, y, text_w, t, 1);
            y += th + S(ui, 10);
        }
        if (!ui->assessment && fl_session_state(ui->ss)->turn > 0)
            fl_key_hint(ui, x0 + pad, y, "Backspace", T(ui, FL_W_CONV_TAKE_BACK));
    }
    return top;
}

void fl_conversation_draw(fl_ui *ui)
{
    if (!ui->ss)
        return;
    const fl_scenario *s = fl_session_engine(ui->ss)->scenario;
    draw_top(ui, s);
    draw_side(ui, s);
    int x0 = S(ui, SIDE), w = ui->w - x0;
    int bottom = draw_bottom(ui, x0, w);
    int tx = x0 + S(ui, 24), tw = w - S(ui, 48);
    relayout(ui, tw, ui->typing_until == 0);

    /* the transcript, newest at the bottom, clipped between the top bar and the replies */
    SDL_Rect clip = {x0, S(ui, TOP), w, bottom - S(ui, TOP)};
    SDL_RenderSetClipRect(ui->ren, &clip);
    int small = fl_line_height(ui, F_SMALL), lh = fl_line_height(ui, F_BODY);
    int y = bottom - S(ui, 12) + ui->scroll;
    if (ui->typing_until) {
        char typing[256];
        snprintf(typing, sizeof(typing), T(ui, FL_W_CONV_TYPING), s->customer_name);
        y -= small + S(ui, 6);
        fl_text(ui, F_SMALL, fl_colors[C_MUTED], tx, y, typing);
    }
    int max_scroll = lay.total_h - (bottom - S(ui, TOP)) + S(ui, 40);
    if (ui->scroll > max_scroll && max_scroll > 0)
        ui->scroll = max_scroll;
    for (size_t i = lay.n; i-- > 0;) {
        const bubble *b = &lay.b[i];
        y -= b->h;
        int name_y = y - small - S(ui, 2);
        if (y + b->h >= S(ui, TOP) && name_y <= bottom) {
            int bx = b->side ? tx + tw - b->w : tx;
            fl_round(ui, bx, y, b->w, b->h, S(ui, 12),
                     b->side ? fl_colors[C_ACCENT] : fl_colors[C_CUSTOMER]);
            SDL_Color c = fl_colors[b->side ? C_ON_ACCENT : C_TEXT];
            for (size_t k = 0; k < b->n_lines; k++)
                fl_text_n(ui, F_BODY, c, bx + S(ui, 12), y + S(ui, 8) + (int)k * lh,
                          b->text + b->lines[k].start, b->lines[k].len);
            const char *who = b->side ? T(ui, FL_W_YOU) : s->customer_name;
            int ww = fl_width(ui, F_SMALL, who);
            fl_text(ui, F_SMALL, fl_colors[C_MUTED], b->side ? tx + tw - ww : tx, name_y, who);
        }
        y = name_y - S(ui, 12);
        if (y < S(ui, TOP) - ui->h)
            break;
    }
    SDL_RenderSetClipRect(ui->ren, NULL);
    if (ui->notice[0]) {
        int nh = fl_text_box(ui, F_SMALL, fl_colors[C_TEXT], 0, 0, w - S(ui, 48), ui->notice, 0);
        fl_fill(ui, x0, S(ui, TOP), w, nh + S(ui, 16), fl_colors[C_PANEL]);
        fl_frame(ui, x0, S(ui, TOP), w, nh + S(ui, 16), S(ui, 2), fl_colors[C_WARN]);
        fl_text_box(ui, F_SMALL, fl_colors[C_TEXT], x0 + S(ui, 24), S(ui, TOP) + S(ui, 8),
                    w - S(ui, 48), ui->notice, 1);
    }
}
