/*
 * conversation.c - the conversation screen, drawing the call it is handed (call.h): the
 * transcript as chat bubbles, the customer's card with an avatar that follows the emotion of
 * the line and animated meters, a "typing..." pause before each customer line, the numbered
 * replies (or a text box with a Send button at free-text nodes) and, for timed replies, a timer
 * bar. Its sounds (the cues, the customer's voice, the reply clock that waits for the line to be
 * said, the ambience) are sound.c's; after a reply, "say it aloud" takes the replies' place in
 * the bottom panel (the reply's words, a live level bar, Enter / Esc) while the meter listens.
 *
 * Layout and drawing are apart: fl_conversation_layout decides where everything goes (and
 * clamps the scrolls) into call->lay before a frame and before an event is handled; drawing
 * reads the call as const and only draws. At every text size (75-200%) and window down to
 * 800 x 500 the layout keeps the customer's latest line, the timer and the replies' numbers in
 * view: the transcript keeps at least a third of the window's height, the replies scroll (and
 * say so) when they do not fit, and the customer panel gives up its face, then its detail,
 * before anything overlaps. No text is drawn over other text.
 *
 * Layout (design pixels at 1280 x 720): a 56 px top bar, a 300 px customer panel on the left
 * (at most 28% of the window), the transcript on the right, the replies in a panel below it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio.h"
#include "call.h"
#include "round_play.h"
#include "sound.h"
#include "ui.h"
#include "vec.h"

enum {
    TOP = 56,
    SIDE = 300,
    PAD = 16,
    NUM_W = 34, /* the reply numbers' column */
};

/* ---- the transcript's layout, kept in the call until the conversation or the width changes -- */

static void bubbles_clear(fl_call_ui *c)
{
    for (size_t i = 0; i < c->n_b; i++)
        free(c->b[i].lines);
    c->n_b = 0;
    c->total_h = 0;
}

static void bubble_add(fl_ui *ui, fl_call_ui *c, const char *text, int side, int emotion, int maxw)
{
    if (FL_GROW(c->b, c->cap_b, c->n_b + 1))
        return;
    fl_call_bubble *b = &c->b[c->n_b];
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
    c->total_h += b->h + fl_line_height(ui, F_SMALL) + S(ui, 14);
    c->n_b++;
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
static void relayout(fl_ui *ui, fl_call_ui *c, int width, int show_line)
{
    size_t n;
    const fl_turn *turns = fl_session_turns(c->ss, &n);
    if (c->n_b && c->lay_turns == n && c->lay_show_line == show_line && c->lay_width == width &&
        c->lay_scale == ui->scale)
        return;
    bubbles_clear(c);
    c->lay_turns = n;
    c->lay_show_line = show_line;
    c->lay_width = width;
    c->lay_scale = ui->scale;
    const fl_scenario *s = fl_call_scenario(c);
    /* bubbles take 70% of the width; with large text 85%, so a line takes fewer rows */
    int maxw = ui->scale > 1.3f ? width * 85 / 100 : width * 7 / 10;
    for (size_t i = 0; i < n; i++) {
        const fl_node *nd = &s->nodes[turns[i].node];
        if (turns[i].line >= 0) {
            const fl_line *l = &nd->lines[turns[i].line];
            bubble_add(ui, c, l->text, 0, l->emotion, maxw);
        }
        bubble_add(ui, c, fl_turn_words(ui, nd, &turns[i]), 1, 0, maxw);
    }
    const fl_line *l = fl_session_line(c->ss);
    if (show_line && l && !fl_session_state(c->ss)->hung_up)
        bubble_add(ui, c, l->text, 0, l->emotion, maxw);
}

/* ---- the layout -------------------------------------------------------------------------------
 */

/* The key hints under the replies or the text box, for the call as it stands. */
static int panel_hints(const fl_ui *ui, const fl_call_ui *c, fl_hint *hs)
{
    const fl_node *nd = fl_session_node(c->ss);
    int n = 0;
    int in_round = fl_round_play_has(ui, c);
    if (c->aloud.active) {
        hs[n++] = (fl_hint){"Enter", T(ui, FL_W_CALL_ALOUD_DONE), SDLK_RETURN, {0, 0, 0, 0}};
        hs[n++] = (fl_hint){"Esc", T(ui, FL_W_CALL_ALOUD_SKIP), SDLK_ESCAPE, {0, 0, 0, 0}};
        return n;
    }
    if (fl_session_ended(c->ss) || (in_round && fl_call_view_now(c).phase == FL_CALL_ENDED)) {
        /* in a round the next customer comes by itself; the results come at the round's end */
        if (!in_round)
            hs[n++] = (fl_hint){"Enter", T(ui, FL_W_CONV_SEE_RESULTS), SDLK_RETURN, {0, 0, 0, 0}};
        return n;
    }
    if (in_round && ui->round->n_tabs > 1)
        hs[n++] = (fl_hint){"Tab", T(ui, FL_W_RP_NEXT_CALL), SDLK_TAB, {0, 0, 0, 0}};
    int undo = !c->assessment && fl_session_state(c->ss)->turn > 0;
    if (nd->free_text) {
        hs[n++] = (fl_hint){"Enter", T(ui, FL_W_CONV_SEND), SDLK_RETURN, {0, 0, 0, 0}};
        hs[n++] = (fl_hint){"Shift+Enter", T(ui, FL_W_CONV_NEW_LINE), SDLK_UNKNOWN, {0, 0, 0, 0}};
        if (undo)
            hs[n++] = (fl_hint){"Ctrl+Z", T(ui, FL_W_CONV_TAKE_BACK), SDLK_z, {0, 0, 0, 0}};
    } else if (undo) {
        hs[n++] = (fl_hint){"Backspace", T(ui, FL_W_CONV_TAKE_BACK), SDLK_BACKSPACE, {0, 0, 0, 0}};
    }
    return n;
}

static int imax(int a, int b)
{
    return a > b ? a : b;
}
static int imin(int a, int b)
{
    return a < b ? a : b;
}

/* The top bar: the title takes what the mode word and the Esc hint leave; the mode word goes
 * first when the title would have too little room, then the hint's words (not while it says
 * "Esc again"). */
static void layout_top(fl_ui *ui, const fl_call_ui *c, fl_call_layout *L)
{
    L->top_h = imax(S(ui, TOP), fl_line_height(ui, F_BOLD) + S(ui, 20));
    const char *leave = T(ui, c->esc_at ? FL_W_CONV_LEAVE_AGAIN : FL_W_CONV_LEAVE);
    int pad = S(ui, PAD);
    int hint_w = fl_width(ui, F_BOLD, "Esc") + 3 * S(ui, 6) + fl_width(ui, F_BODY, leave);
    int hx = ui->w - pad - hint_w - S(ui, 16);
    int mode_w = fl_width(ui, F_BODY, T(ui, c->assessment ? FL_W_ASSESSMENT : FL_W_PRACTICE));
    int enough = imax(S(ui, 160), ui->w / 4);
    L->show_mode = 1;
    L->title_w = hx - S(ui, 24) - mode_w - S(ui, 16) - pad;
    if (L->title_w < enough) {
        L->show_mode = 0;
        L->title_w = hx - S(ui, 16) - pad;
    }
    if (L->title_w < S(ui, 40))
        L->title_w = 0; /* "Esc again to leave" is on: the title comes back in 3 s */
}

/* Whether the lines break some word of text between characters (a word wider than the line). */
static int cuts_words(const char *text, const fl_text_line *l, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        size_t end = l[i].start + l[i].len, next = l[i + 1].start;
        if (end == next && end > 0 && text[end - 1] != '-' && text[end - 1] != '/' &&
            text[end] != ' ')
            return 1;
    }
    return 0;
}

/* The customer panel: the face shrinks, then goes, then the detail, so that the name and the
 * three meters always fit in the window's height. */
static void layout_side(fl_ui *ui, const fl_call_ui *c, fl_call_layout *L)
{
    const fl_scenario *s = fl_call_scenario(c);
    L->side_w = imin(S(ui, SIDE), ui->w * 28 / 100);
    int w = L->side_w - 2 * S(ui, PAD);
    int avail = ui->h - L->top_h;
    int small = fl_line_height(ui, F_SMALL), title = fl_line_height(ui, F_TITLE);
    size_t nn = 0, nd = 0;
    const fl_text_line *nl = fl_layout(ui, F_TITLE, w, s->customer_name, &nn);
    /* a name whose words do not fit the panel in the title font (large text, a long name) is
     * set in the bold body font rather than cut inside a word */
    L->name_font = F_TITLE;
    if (nl && cuts_words(s->customer_name, nl, nn)) {
        L->name_font = F_BOLD;
        fl_layout(ui, F_BOLD, w, s->customer_name, &nn);
    }
    title = fl_line_height(ui, L->name_font);
    if (s->customer_detail)
        fl_layout(ui, F_SMALL, w, s->customer_detail, &nd);
    L->name_lines = (int)imin((int)nn, 2);
    L->detail_lines = (int)imin((int)nd, 3);
    L->meter_gap = small + S(ui, 30);
    L->avatar_r = imin(S(ui, 64), w / 2);
    for (;;) {
        int need = S(ui, 24) + (L->avatar_r ? 2 * L->avatar_r + S(ui, 18) : 0) +
                   L->name_lines * title + L->detail_lines * small + S(ui, 20) + 3 * L->meter_gap;
        if (need <= avail)
            break;
        int over = need - avail;
        if (L->avatar_r > S(ui, 28)) {
            L->avatar_r = imax(S(ui, 28), L->avatar_r - (over + 1) / 2);
        } else if (L->avatar_r) {
            L->avatar_r = 0;
        } else if (L->detail_lines > 1) {
            L->detail_lines = 1;
        } else if (L->detail_lines) {
            L->detail_lines = 0;
        } else if (L->name_lines > 1) {
            L->name_lines = 1;
        } else if (L->meter_gap > small + S(ui, 16)) {
            L->meter_gap = small + S(ui, 16);
        } else {
            break;
        }
    }
}

/* The reply rows' heights at the panel's width. */
static void layout_replies(fl_ui *ui, const fl_call_ui *c, fl_call_layout *L, int text_w)
{
    const fl_node *nd = fl_session_node(c->ss);
    uint32_t idx[64];
    uint32_t n = fl_session_offered(c->ss, idx, 64);
    if (n > FL_CALL_MAX_REPLIES)
        n = FL_CALL_MAX_REPLIES;
    L->n_replies = (int)n;
    int y = 0;
    for (uint32_t i = 0; i < n; i++) {
        int th =
            fl_text_box(ui, F_BODY, fl_colors[C_TEXT], 0, 0, text_w, nd->replies[idx[i]].text, 0);
        th = imax(th, fl_line_height(ui, F_BODY));
        L->reply_y[i] = y;
        L->reply_h[i] = th + S(ui, 10);
        y += L->reply_h[i];
    }
    L->list_content_h = y;
}

/* The height the transcript needs to show the customer's latest line whole, 0 when the latest
 * bubble is not the customer's. */
static int latest_need(const fl_ui *ui, const fl_call_ui *c)
{
    if (!c->n_b || c->b[c->n_b - 1].side != 0 || c->typing_until)
        return 0;
    return c->b[c->n_b - 1].h + fl_line_height(ui, F_SMALL) + S(ui, 14) + S(ui, 12);
}

void fl_conversation_layout(fl_ui *ui, fl_call_ui *c)
{
    fl_call_layout *L = &c->lay;
    memset(L, 0, sizeof(*L));
    L->valid = 1;
    if (fl_round_play_has(ui, c)) {
        /* a stress round: its bar and the tabs take the top bar's place */
        L->top_h = fl_round_play_layout(ui, ui->round);
    } else {
        layout_top(ui, c, L);
    }
    layout_side(ui, c, L);
    int x0 = L->side_w, w = ui->w - x0;
    int pad = S(ui, PAD), lh = fl_line_height(ui, F_BODY), small = fl_line_height(ui, F_SMALL);
    relayout(ui, c, w - S(ui, 48), c->typing_until == 0);

    const fl_node *nd = fl_session_node(c->ss);
    int ended = fl_session_ended(c->ss) || fl_call_view_now(c).phase == FL_CALL_ENDED;
    int avail = ui->h - L->top_h;
    /* the transcript keeps a third of the window, and more for the latest line when it can */
    int third = (ui->h + 2) / 3;
    int keep = third;

    /* the notice from the store sits above the transcript, never over it */
    int notice_h = 0;
    if (c->notice[0])
        notice_h = fl_text_box(ui, F_SMALL, fl_colors[C_TEXT], 0, 0, w - S(ui, 48), c->notice, 0) +
                   S(ui, 16);

    /* the latest line whole when there is room for it, a third of the height in any case */
    int need = latest_need(ui, c) + notice_h;
    fl_hint hs[5];
    int nh = panel_hints(ui, c, hs);
    int hint_h = nh ? fl_hints(ui, hs, nh, x0 + pad, 0, w - 2 * pad, 0) : 0;
    int timer_h = 0;
    int aloud = c->aloud.active;
    if (fl_call_timed_now(c) && !aloud) /* the reply is given: no clock while it is read */
        timer_h = imax(S(ui, 10), small) + S(ui, 10);
    int more_h = small + S(ui, 6);

    int panel_h, panel_min;
    int aloud_fixed = 0;
    if (aloud) {
        /* "say it aloud": the title, the reply's words, how it works, the level, the keys */
        int tw = w - 2 * pad;
        size_t nl = 0, nhow = 0;
        fl_layout(ui, F_BODY, tw, c->aloud.text[0] ? c->aloud.text : " ", &nl);
        fl_layout(ui, F_SMALL, tw, T(ui, FL_W_CALL_ALOUD_HOW), &nhow);
        L->aloud_lines = (int)(nl ? nl : 1);
        L->aloud_how_lines = (int)nhow;
        aloud_fixed = 2 * pad + fl_line_height(ui, F_BOLD) + S(ui, 6) + S(ui, 8) +
                      imax(S(ui, 12), small) + S(ui, 8) + (hint_h ? hint_h : 0);
        panel_h = aloud_fixed + L->aloud_lines * lh + L->aloud_how_lines * small + S(ui, 6);
        panel_min = aloud_fixed + lh;
    } else if (ended) {
        panel_h = panel_min = 2 * pad + lh + S(ui, 8) + hint_h;
    } else if (nd->free_text) {
        /* the box: three lines and more as the text grows (five at most), two when the window
         * is short; the Send button at its right */
        int send_w = fl_width(ui, F_BOLD, T(ui, FL_W_CONV_SEND)) + S(ui, 40);
        L->box.w = w - 2 * pad - send_w - S(ui, 12);
        size_t nl = 0;
        fl_layout(ui, F_BODY, L->box.w - S(ui, 24), c->input_len ? c->input : " ", &nl);
        if (c->input_len && c->input[c->input_len - 1] == '\n')
            nl++;
        L->box_lines = imin(imax((int)nl, 3), 5);
        int fixed = 2 * pad + timer_h + S(ui, 16) + S(ui, 12) + hint_h;
        int room_for = imax(keep, need);
        while (L->box_lines > 2 && fixed + L->box_lines * lh > avail - room_for)
            L->box_lines--;
        if (fixed + L->box_lines * lh > avail - room_for && hint_h) {
            /* the Send button says it all: the hints go before the box shrinks further */
            fixed -= S(ui, 12) + hint_h;
            hint_h = 0;
            nh = 0;
        }
        panel_h = panel_min = fixed + L->box_lines * lh;
        L->box.h = L->box_lines * lh + S(ui, 16);
        L->send = (SDL_Rect){0, 0, send_w, imax(fl_line_height(ui, F_BOLD) + S(ui, 16), 0)};
    } else {
        layout_replies(ui, c, L, w - 2 * pad - S(ui, NUM_W));
        /* at the least: the timer, one line of a reply with its number, the line saying the
         * list scrolls, the keys */
        int first = L->n_replies ? imin(L->reply_h[0], lh + S(ui, 10)) : 0;
        panel_h = 2 * pad + timer_h + L->list_content_h + (hint_h ? hint_h + S(ui, 4) : 0);
        panel_min = 2 * pad + timer_h + first + more_h + (hint_h ? hint_h + S(ui, 4) : 0);
    }
    int room = avail - panel_min;
    if (need > keep)
        keep = imin(need, imax(room, keep));
    if (panel_h > avail - keep)
        panel_h = imax(panel_min, avail - keep);
    if (panel_h > avail - third && panel_min <= avail - third)
        panel_h = avail - third;

    int top = ui->h - panel_h;
    L->panel = (SDL_Rect){x0, top, w, panel_h};
    L->transcript = (SDL_Rect){x0, L->top_h + notice_h, w, top - L->top_h - notice_h};
    int y = top + pad;
    if (timer_h) {
        int sw = fl_width(ui, F_SMALL, "000 s") + S(ui, 10);
        int row = imax(S(ui, 10), small);
        L->timer = (SDL_Rect){x0 + pad, y + (row - S(ui, 10)) / 2, w - 2 * pad - sw, S(ui, 10)};
        L->timer_text_x = x0 + w - pad - sw + S(ui, 10);
        y += timer_h;
    }
    L->n_hints = nh;
    if (aloud) {
        /* what does not fit goes: first how it works, then the reply's last lines (cut) */
        int text_room = panel_h - aloud_fixed;
        if (L->aloud_lines * lh + L->aloud_how_lines * small + S(ui, 6) > text_room)
            L->aloud_how_lines = 0;
        if (L->aloud_lines * lh > text_room)
            L->aloud_lines = imax(text_room / lh, 1);
        L->aloud_title_y = y;
        y += fl_line_height(ui, F_BOLD) + S(ui, 6);
        L->aloud_text_y = y;
        y += L->aloud_lines * lh;
        if (L->aloud_how_lines) {
            L->aloud_how_y = y + S(ui, 6);
            y += L->aloud_how_lines * small + S(ui, 6);
        }
        y += S(ui, 8);
        int row = imax(S(ui, 12), small);
        char widest[64]; /* the level's text at its widest, in the interface language */
        snprintf(widest, sizeof(widest), T(ui, FL_W_CALL_ALOUD_LEVEL), -120);
        int lw = imax(fl_width(ui, F_SMALL, widest),
                      fl_width(ui, F_SMALL, T(ui, FL_W_CALL_ALOUD_QUIET))) +
                 S(ui, 12);
        L->aloud_bar_y = y;
        L->aloud_bar = (SDL_Rect){x0 + pad, y + (row - S(ui, 12)) / 2, w - 2 * pad - lw, S(ui, 12)};
        L->hints_y = y + row + S(ui, 8);
    } else if (ended) {
        L->hints_y = y + lh + S(ui, 8);
    } else if (nd->free_text) {
        L->box.x = x0 + pad;
        L->box.y = y;
        L->send.x = L->box.x + L->box.w + S(ui, 12);
        L->send.y = y + L->box.h - L->send.h;
        L->hints_y = y + L->box.h + S(ui, 12);
    } else {
        int list_bottom = top + panel_h - pad - (hint_h ? hint_h + S(ui, 4) : 0);
        int view = list_bottom - y;
        if (L->list_content_h > view) {
            view -= more_h;
            L->more_y = y + view + S(ui, 2);
        }
        L->list = (SDL_Rect){x0, y, w, imax(view, 0)};
        int max_scroll = imax(L->list_content_h - L->list.h, 0);
        if (c->reveal_focus && c->focus >= 0 && c->focus < L->n_replies) {
            int fy = L->reply_y[c->focus], fh = L->reply_h[c->focus];
            if (fy < c->reply_scroll)
                c->reply_scroll = fy;
            if (fy + fh > c->reply_scroll + L->list.h)
                c->reply_scroll = fy + fh - L->list.h;
            if (fh > L->list.h)
                c->reply_scroll = fy; /* taller than the list: its number and first lines */
            c->reveal_focus = 0;
        }
        c->reply_scroll = imin(imax(c->reply_scroll, 0), max_scroll);
        /* replies whose number is out of view, above and below; a reply taller than the list
         * may also go on below its number */
        for (int i = 0; i < L->n_replies; i++) {
            int ry = L->reply_y[i] - c->reply_scroll + S(ui, 4);
            if (ry < 0)
                L->more_above++;
            else if (ry + lh > L->list.h)
                L->more_below++;
        }
        L->more_rest = L->list_content_h > L->list.h && c->reply_scroll < max_scroll &&
                       !L->more_below && !L->more_above;
        L->hints_y = list_bottom + S(ui, 4);
    }
    /* the transcript's scroll: up to its top; when the latest line is taller than the view,
     * the newest position shows that line's beginning, and the trainee may scroll on down */
    int view_h = L->transcript.h;
    int anchor = imax(latest_need(ui, c) - view_h, 0);
    L->transcript_max_scroll = imax(c->total_h - view_h + S(ui, 40), 0);
    if (c->scroll > L->transcript_max_scroll)
        c->scroll = L->transcript_max_scroll;
    if (c->scroll < -anchor)
        c->scroll = -anchor;
}

/* The transcript's offset for drawing: the scroll plus the anchor that shows a tall latest line
 * from its start. */
static int transcript_offset(const fl_ui *ui, const fl_call_ui *c)
{
    int anchor = imax(latest_need(ui, c) - c->lay.transcript.h, 0);
    return c->scroll + anchor;
}

/* ---- events ------------------------------------------------------------------------------------
 */

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

static void insert_text(fl_call_ui *c, const char *t)
{
    size_t add = strlen(t);
    if (c->input_len + add >= sizeof(c->input))
        return;
    memmove(c->input + c->cursor + add, c->input + c->cursor, c->input_len - c->cursor + 1);
    memcpy(c->input + c->cursor, t, add);
    c->input_len += add;
    c->cursor += add;
}

static void to_results(fl_ui *ui, fl_call_ui *c)
{
    fl_sound_leave(ui);
    fl_call_end(c);
    fl_ui_go(ui, SCR_RESULTS);
}

/* The reply row under (x, y), -1 none. */
static int reply_at(const fl_call_ui *c, int x, int y)
{
    const fl_call_layout *L = &c->lay;
    if (!fl_inside(&L->list, x, y))
        return -1;
    for (int i = 0; i < L->n_replies; i++) {
        int ry = L->list.y + L->reply_y[i] - c->reply_scroll;
        if (y >= ry && y < ry + L->reply_h[i])
            return i;
    }
    return -1;
}

/* A reply: option (0-based) chosen, or the typed text sent (option -1). It is applied at once
 * (the time taken counts to the choice); then, with "say it aloud" on, the trainee reads it
 * aloud while the call's end (when the reply ended it) waits for the figures. */
static void reply(fl_ui *ui, fl_call_ui *c, int option)
{
    int was = c->hold_end;
    int aloud = ui->set.say_aloud && ui->audio;
    if (aloud)
        c->hold_end = 1; /* before the act: a reply that ends the call must not close it yet */
    int rc = option < 0 ? fl_call_send(c, ui->now) : fl_call_choose(c, (uint32_t)option, ui->now);
    if (rc != 0) {
        c->hold_end = was;
        return;
    }
    ui->dirty = 1;
    fl_sound_acted(ui, c); /* the customer, still talking, was interrupted */
    if (!aloud)
        return;
    size_t n;
    const fl_turn *t = fl_session_turns(c->ss, &n);
    const fl_scenario *s = fl_call_scenario(c);
    if (!n || !fl_sound_aloud_begin(ui, c, t[n - 1].turn,
                                    fl_turn_words(ui, &s->nodes[t[n - 1].node], &t[n - 1])))
        fl_call_hold_end(c, 0); /* no microphone: the reply stands as chosen */
}

/* "Say it aloud" is up: Enter when done, Esc skips; nothing else reaches the call. */
static void aloud_event(fl_ui *ui, fl_call_ui *c, const SDL_Event *e)
{
    if (e->type != SDL_KEYDOWN)
        return;
    SDL_Keycode k = e->key.keysym.sym;
    if (k == SDLK_RETURN || k == SDLK_KP_ENTER)
        fl_sound_aloud_end(ui, c, 1);
    else if (k == SDLK_ESCAPE)
        fl_sound_aloud_end(ui, c, 0);
}

void fl_conversation_event(fl_ui *ui, fl_call_ui *c, const SDL_Event *e)
{
    if (!c)
        return;
    if (c->aloud.active) {
        aloud_event(ui, c, e);
        return;
    }
    int in_round = fl_round_play_has(ui, c);
    /* a stress round's keys first: switching calls, leaving the round */
    if (in_round && fl_round_play_event(ui, ui->round, e))
        return;
    c = ui->call; /* a switch made another call the active one */
    fl_conversation_layout(ui, c);
    const fl_call_layout *L = &c->lay;
    const fl_node *nd = fl_session_node(c->ss);
    int ended = fl_session_ended(c->ss) || fl_call_view_now(c).phase == FL_CALL_ENDED;
    int free_text = !ended && nd->free_text;
    uint64_t now = ui->now;
    if (e->type == SDL_TEXTINPUT && free_text && !c->typing_until) {
        insert_text(c, e->text.text);
        ui->dirty = 1;
        return;
    }
    if (e->type == SDL_MOUSEWHEEL) {
        int dy = fl_wheel_steps(e), x, y;
        fl_mouse_at(ui, &x, &y);
        if (fl_inside(&L->list, x, y) && L->more_y) {
            c->reply_scroll -= dy * S(ui, 40);
            c->reveal_focus = 0;
        } else {
            c->scroll += dy * S(ui, 40);
        }
        fl_conversation_layout(ui, c); /* clamps both */
        ui->dirty = 1;
        return;
    }
    if (e->type == SDL_MOUSEMOTION) {
        int x = (int)((float)e->motion.x * ui->dpi), y = (int)((float)e->motion.y * ui->dpi);
        int h = c->typing_until || ended ? -1 : reply_at(c, x, y);
        int sh = free_text && fl_inside(&L->send, x, y);
        if (h != c->hover || sh != c->send_hover) {
            c->hover = h;
            c->send_hover = sh;
            ui->dirty = 1;
        }
        return;
    }
    if (e->type == SDL_MOUSEBUTTONDOWN && e->button.button == SDL_BUTTON_LEFT) {
        int x = (int)((float)e->button.x * ui->dpi), y = (int)((float)e->button.y * ui->dpi);
        if (c->typing_until) {
            fl_call_skip_typing(c, now);
            ui->dirty = 1;
            return;
        }
        if (ended) {
            if (!in_round)
                to_results(ui, c);
            return;
        }
        if (free_text && fl_inside(&L->send, x, y)) {
            reply(ui, c, -1);
            return;
        }
        int i = reply_at(c, x, y);
        if (i >= 0)
            reply(ui, c, i);
        return;
    }
    if (e->type != SDL_KEYDOWN)
        return;
    SDL_Keycode k = e->key.keysym.sym;
    SDL_Keymod mod = (SDL_Keymod)e->key.keysym.mod;
    if (k == SDLK_ESCAPE) {
        /* twice within 3 s: a nervous trainee's stray Esc must not end the call */
        if (ended || fl_call_esc(c, now)) {
            c->esc_at = 0;
            fl_sound_leave(ui);
            fl_call_end(c); /* recorded (as unfinished if it had not ended) */
            fl_ui_go(ui, ended ? SCR_RESULTS : SCR_LIBRARY);
        }
        ui->dirty = 1;
        return;
    }
    if (c->esc_at) {
        c->esc_at = 0;
        ui->dirty = 1;
    }
    if (k == SDLK_PAGEUP || k == SDLK_PAGEDOWN) {
        c->scroll += (k == SDLK_PAGEUP ? 1 : -1) * (L->transcript.h * 3 / 4);
        fl_conversation_layout(ui, c);
        ui->dirty = 1;
        return;
    }
    if (c->typing_until) {
        if (k == SDLK_SPACE || k == SDLK_RETURN || k == SDLK_KP_ENTER) {
            fl_call_skip_typing(c, now);
            ui->dirty = 1;
        }
        return;
    }
    if (ended) {
        if (!in_round && (k == SDLK_RETURN || k == SDLK_KP_ENTER || k == SDLK_SPACE))
            to_results(ui, c);
        return;
    }
    if ((k == SDLK_z && (mod & KMOD_CTRL)) || (!free_text && k == SDLK_BACKSPACE)) {
        if (fl_call_take_back(c, now) == 0) {
            fl_sound_acted(ui, c);
            ui->dirty = 1;
        }
        return;
    }
    if (free_text) {
        if ((k == SDLK_RETURN || k == SDLK_KP_ENTER) && (mod & KMOD_SHIFT)) {
            insert_text(c, "\n");
        } else if (k == SDLK_RETURN || k == SDLK_KP_ENTER) {
            reply(ui, c, -1);
        } else if (k == SDLK_BACKSPACE && c->cursor > 0) {
            size_t p = utf8_prev(c->input, c->cursor);
            memmove(c->input + p, c->input + c->cursor, c->input_len - c->cursor + 1);
            c->input_len -= c->cursor - p;
            c->cursor = p;
        } else if (k == SDLK_DELETE && c->cursor < c->input_len) {
            size_t q = utf8_next(c->input, c->input_len, c->cursor);
            memmove(c->input + c->cursor, c->input + q, c->input_len - q + 1);
            c->input_len -= q - c->cursor;
        } else if (k == SDLK_LEFT) {
            c->cursor = utf8_prev(c->input, c->cursor);
        } else if (k == SDLK_RIGHT) {
            c->cursor = utf8_next(c->input, c->input_len, c->cursor);
        } else if (k == SDLK_HOME) {
            c->cursor = 0;
        } else if (k == SDLK_END) {
            c->cursor = c->input_len;
        }
        ui->dirty = 1;
        return;
    }
    int n = L->n_replies;
    if (k >= SDLK_1 && k <= SDLK_9) {
        reply(ui, c, (int)(k - SDLK_1));
    } else if (k >= SDLK_KP_1 && k <= SDLK_KP_9) {
        reply(ui, c, (int)(k - SDLK_KP_1));
    } else if ((k == SDLK_UP && c->focus > 0) || (k == SDLK_DOWN && c->focus + 1 < n) ||
               (k == SDLK_HOME && n) || (k == SDLK_END && n)) {
        c->focus = k == SDLK_HOME ? 0 : k == SDLK_END ? n - 1 : c->focus + (k == SDLK_UP ? -1 : 1);
        c->reveal_focus = 1;
        ui->dirty = 1;
    } else if ((k == SDLK_DOWN || k == SDLK_UP) && L->more_y) {
        /* at either end of the replies the arrows scroll what is left of a long one */
        c->reply_scroll += (k == SDLK_DOWN ? 1 : -1) * S(ui, 40);
        c->reveal_focus = 0;
        fl_conversation_layout(ui, c);
        ui->dirty = 1;
    } else if (k == SDLK_RETURN || k == SDLK_KP_ENTER) {
        reply(ui, c, c->focus);
    }
}

int fl_conversation_tick(fl_ui *ui, fl_call_ui *c)
{
    int wait = -1;
    if (ui->round && !ui->round->over) {
        wait = fl_round_play_tick(ui, ui->round); /* every call of the round, and its tabs */
    } else if (c) {
        int changed = 0;
        wait = fl_call_tick(c, ui->now, &changed);
        if (changed)
            ui->dirty = 1;
    }
    /* then what is heard: cues, speech, the line presented once said (sound.c) */
    int sw = fl_sound_tick(ui);
    if (sw >= 0 && (wait < 0 || sw < wait))
        wait = sw;
    return wait;
}

/* ---- drawing (reads the call and its layout; changes neither) ----------------------------------
 */

static void draw_meter(fl_ui *ui, int x, int y, int w, const char *label, float value, int lo,
                       int hi, int jump, int undone)
{
    int lh = fl_line_height(ui, F_SMALL);
    char num[32];
    snprintf(num, sizeof(num), "%d", (int)(value + (value >= 0 ? 0.5f : -0.5f)));
    int lw = fl_width(ui, F_SMALL, label), nw = fl_width(ui, F_SMALL, num);
    /* the change: "+10" in the colour of its meaning, or "undone" for a reply taken back (the
     * meters go back; nothing was earned or lost) */
    char j[64] = "";
    int font = F_BOLD;
    if (undone && jump) {
        snprintf(j, sizeof(j), "%s", T(ui, FL_W_CONV_UNDONE));
        font = F_SMALL;
    } else if (jump) {
        snprintf(j, sizeof(j), "%+d", jump);
    }
    int jw = j[0] ? fl_width(ui, font, j) : 0;
    int gap = S(ui, 12);
    /* when label, change and value do not fit on the line, the change takes the value's place
     * (the bar shows the value) */
    int show_num = !j[0] || lw + gap + jw + gap + nw <= w;
    if (!show_num && lw + gap + jw > w) {
        j[0] = '\0'; /* no room even for the change alone: the bar shows it moving */
        show_num = 1;
    }
    fl_trace_kind(ui, "meter-label");
    fl_text_cut(ui, F_SMALL, fl_colors[C_MUTED], x, y, show_num ? w - nw - gap : w - jw - gap,
                label);
    if (show_num) {
        fl_trace_kind(ui, "meter-value");
        fl_text(ui, F_SMALL, fl_colors[C_TEXT], x + w - nw, y, num);
    }
    if (j[0]) {
        fl_trace_kind(ui, undone ? "meter-undone" : "meter-jump");
        SDL_Color jc = fl_colors[undone ? C_MUTED : jump > 0 ? C_GOOD : C_BAD];
        int jx = x + w - (show_num ? nw + gap : 0) - jw;
        fl_text(ui, font, jc, jx, y + lh - fl_line_height(ui, font), j);
    }
    int v = (int)(value - lo);
    int pct = (v * 100) / (hi - lo);
    fl_bar(ui, x, y + lh + S(ui, 2), w, S(ui, 10), v, hi - lo, fl_score_color(pct));
}

static void draw_side(fl_ui *ui, const fl_call_ui *c)
{
    const fl_call_layout *L = &c->lay;
    const fl_scenario *s = fl_call_scenario(c);
    int x = S(ui, PAD), w = L->side_w - 2 * S(ui, PAD);
    fl_fill(ui, 0, L->top_h, L->side_w, ui->h - L->top_h, fl_colors[C_PANEL]);
    fl_fill(ui, L->side_w - 1, L->top_h, 1, ui->h - L->top_h, fl_colors[C_LINE]);
    SDL_Rect clip = {0, L->top_h, L->side_w - 1, ui->h - L->top_h};
    SDL_RenderSetClipRect(ui->ren, &clip);
    const fl_line *l = fl_session_line(c->ss);
    int emotion = l ? (int)l->emotion : 0;
    size_t n;
    const fl_turn *turns = fl_session_turns(c->ss, &n);
    if (c->typing_until && n > 0 && turns[n - 1].line >= 0)
        emotion = (int)s->nodes[turns[n - 1].node].lines[turns[n - 1].line].emotion;
    int y = L->top_h + S(ui, 24);
    if (L->avatar_r) {
        fl_avatar(ui, L->side_w / 2, y + L->avatar_r, L->avatar_r, emotion);
        y += 2 * L->avatar_r + S(ui, 18);
    }
    /* the name, wrapped on two lines at most (the second cut with an ellipsis) */
    size_t nl = 0;
    int nf = L->name_font;
    const fl_text_line *nlines = fl_layout(ui, nf, w, s->customer_name, &nl);
    int th = fl_line_height(ui, nf);
    fl_trace_kind(ui, "name");
    for (int i = 0; nlines && i < L->name_lines && (size_t)i < nl; i++) {
        if (i == L->name_lines - 1 && (size_t)i + 1 < nl)
            fl_text_cut(ui, nf, fl_colors[C_TEXT], x, y, w, s->customer_name + nlines[i].start);
        else
            fl_text_n(ui, nf, fl_colors[C_TEXT], x, y, s->customer_name + nlines[i].start,
                      nlines[i].len);
        y += th;
    }
    if (s->customer_detail && L->detail_lines) {
        size_t dn = 0;
        const fl_text_line *d = fl_layout(ui, F_SMALL, w, s->customer_detail, &dn);
        int sh = fl_line_height(ui, F_SMALL);
        fl_trace_kind(ui, "detail");
        for (int i = 0; d && i < L->detail_lines && (size_t)i < dn; i++) {
            if (i == L->detail_lines - 1 && (size_t)i + 1 < dn)
                fl_text_cut(ui, F_SMALL, fl_colors[C_MUTED], x, y, w,
                            s->customer_detail + d[i].start);
            else
                fl_text_n(ui, F_SMALL, fl_colors[C_MUTED], x, y, s->customer_detail + d[i].start,
                          d[i].len);
            y += sh;
        }
    }
    y += S(ui, 20);
    static const fl_word_id names[3] = {FL_W_CONV_MOOD, FL_W_CONV_PATIENCE, FL_W_CONV_TRUST};
    static const int lo[3] = {-100, 0, 0};
    for (int i = 0; i < 3; i++) {
        draw_meter(ui, x, y, w, T(ui, names[i]), c->meter[i], lo[i], 100, c->meter_jump[i],
                   c->undone);
        y += L->meter_gap;
    }
    SDL_RenderSetClipRect(ui->ren, NULL);
}

static void draw_top(fl_ui *ui, const fl_call_ui *c)
{
    const fl_call_layout *L = &c->lay;
    const fl_scenario *s = fl_call_scenario(c);
    fl_fill(ui, 0, 0, ui->w, L->top_h, fl_colors[C_PANEL]);
    fl_fill(ui, 0, L->top_h - 1, ui->w, 1, fl_colors[C_LINE]);
    int y = (L->top_h - fl_line_height(ui, F_BOLD)) / 2;
    const char *leave = T(ui, c->esc_at ? FL_W_CONV_LEAVE_AGAIN : FL_W_CONV_LEAVE);
    int pad = S(ui, PAD);
    int hint_w = fl_width(ui, F_BOLD, "Esc") + 3 * S(ui, 6) + fl_width(ui, F_BODY, leave);
    int hx = ui->w - pad - hint_w - S(ui, 16);
    if (c->esc_at)
        fl_round_rect(ui, hx - S(ui, 8), y - S(ui, 4), ui->w - hx - S(ui, 8),
                      fl_line_height(ui, F_BODY) + S(ui, 8), S(ui, 6), fl_colors[C_CUSTOMER]);
    fl_trace_kind(ui, "hint");
    fl_key_hint(ui, hx, y, "Esc", leave);
    if (L->show_mode) {
        const char *mode = T(ui, c->assessment ? FL_W_ASSESSMENT : FL_W_PRACTICE);
        fl_trace_kind(ui, "mode");
        fl_text(ui, F_BODY, fl_colors[C_MUTED], hx - fl_width(ui, F_BODY, mode) - S(ui, 24), y,
                mode);
    }
    /* the title takes what is left, cut with an ellipsis (large text, a narrow window) */
    if (L->title_w > 0) {
        fl_trace_kind(ui, "title");
        fl_text_cut(ui, F_BOLD, fl_colors[C_TEXT], pad, y, L->title_w, s->title);
    }
}

static void draw_timer(fl_ui *ui, const fl_call_ui *c)
{
    const fl_call_layout *L = &c->lay;
    uint32_t lim = fl_call_limit_ms(c);
    uint32_t left = fl_call_left_ms(c, ui->now);
    int pct = (int)((int64_t)left * 100 / lim);
    SDL_Color col = fl_colors[pct <= 10 ? C_BAD : pct <= 30 ? C_WARN : C_ACCENT];
    char secs[32];
    snprintf(secs, sizeof(secs), T(ui, FL_W_CONV_SECONDS), (int)((left + 999) / 1000));
    fl_bar(ui, L->timer.x, L->timer.y, L->timer.w, L->timer.h, (int)left, (int)lim, col);
    fl_trace_kind(ui, "timer");
    fl_text(ui, F_SMALL, fl_colors[C_TEXT], L->timer_text_x,
            L->timer.y + L->timer.h / 2 - fl_line_height(ui, F_SMALL) / 2, secs);
}

static void draw_replies(fl_ui *ui, const fl_call_ui *c, int dim)
{
    const fl_call_layout *L = &c->lay;
    const fl_node *nd = fl_session_node(c->ss);
    uint32_t idx[64];
    fl_session_offered(c->ss, idx, 64);
    int pad = S(ui, PAD), lh = fl_line_height(ui, F_BODY), numw = S(ui, NUM_W);
    int x0 = L->panel.x, w = L->panel.w, text_w = w - 2 * pad - numw;
    SDL_Color tc = fl_colors[dim ? C_MUTED : C_TEXT];
    /* the rows are clipped to the list; a focus ring reaches a little beyond its row */
    SDL_Rect clip = {x0, L->list.y - S(ui, 8), w, L->list.h + S(ui, 8)};
    if (L->more_y)
        clip = L->list;
    SDL_RenderSetClipRect(ui->ren, &clip);
    for (int i = 0; i < L->n_replies; i++) {
        int y = L->list.y + L->reply_y[i] - c->reply_scroll + S(ui, 4);
        int th = L->reply_h[i] - S(ui, 10);
        if (y + th < clip.y || y - S(ui, 8) > clip.y + clip.h)
            continue;
        SDL_Rect r = {x0 + pad - S(ui, 6), y - S(ui, 4), w - 2 * pad + S(ui, 12), th + S(ui, 8)};
        if (!dim && (i == c->focus || i == c->hover))
            fl_fill(ui, r.x, r.y, r.w, r.h, fl_colors[C_CUSTOMER]);
        if (!dim && i == c->focus)
            fl_focus_ring(ui, r.x, r.y, r.w, r.h);
        char num[16];
        snprintf(num, sizeof(num), "%d", i + 1);
        fl_round_rect(ui, x0 + pad, y, S(ui, 24), lh, S(ui, 4), fl_colors[dim ? C_LINE : C_ACCENT]);
        fl_trace_kind(ui, "reply-number");
        fl_text(ui, F_BOLD, fl_colors[C_ON_ACCENT],
                x0 + pad + (S(ui, 24) - fl_width(ui, F_BOLD, num)) / 2, y, num);
        fl_trace_kind(ui, i == c->hover ? "reply-text-hover" : "reply-text");
        fl_text_box(ui, F_BODY, tc, x0 + pad + numw, y, text_w, nd->replies[idx[i]].text, 1);
    }
    SDL_RenderSetClipRect(ui->ren, NULL);
    if (L->more_y) {
        /* the list scrolls: say so, with how many replies are out of view */
        char more[160];
        if (L->more_below)
            snprintf(more, sizeof(more), T(ui, FL_W_CONV_MORE_BELOW), L->more_below);
        else if (L->more_rest || !L->more_above)
            snprintf(more, sizeof(more), "%s", T(ui, FL_W_CONV_MORE_REST));
        else
            snprintf(more, sizeof(more), T(ui, FL_W_CONV_MORE_ABOVE), L->more_above);
        fl_fill(ui, x0, L->more_y - S(ui, 2), w, 1, fl_colors[C_LINE]);
        fl_trace_kind(ui, "more");
        fl_text_cut(ui, F_SMALL, fl_colors[C_MUTED], x0 + pad, L->more_y + S(ui, 2), w - 2 * pad,
                    more);
    }
}

static void draw_input(fl_ui *ui, const fl_call_ui *c, int dim)
{
    const fl_call_layout *L = &c->lay;
    const fl_node *nd = fl_session_node(c->ss);
    int lh = fl_line_height(ui, F_BODY);
    SDL_Rect b = L->box;
    fl_fill(ui, b.x, b.y, b.w, b.h, fl_colors[C_BG]);
    fl_focus_ring(ui, b.x, b.y, b.w, b.h);
    int tx = b.x + S(ui, 12), ty = b.y + S(ui, 8), tw = b.w - S(ui, 24);
    /* the caret's line: the text up to the cursor, wrapped the same way */
    char before[sizeof(c->input)];
    memcpy(before, c->input, c->cursor);
    before[c->cursor] = '\0';
    size_t nl = 0;
    const fl_text_line *bl = c->cursor ? fl_layout(ui, F_BODY, tw, before, &nl) : NULL;
    int caret_line = nl ? (int)nl - 1 : 0, caret_x = bl && nl ? bl[nl - 1].width : 0;
    if (c->cursor && before[c->cursor - 1] == '\n') {
        caret_line = (int)nl;
        caret_x = 0;
    }
    /* the lines shown: those ending with the caret's when the text is longer than the box */
    int first = caret_line - L->box_lines + 1 > 0 ? caret_line - L->box_lines + 1 : 0;
    SDL_Rect clip = {b.x, b.y, b.w, b.h};
    SDL_RenderSetClipRect(ui->ren, &clip);
    if (c->input_len) {
        size_t n = 0;
        const fl_text_line *lines = fl_layout(ui, F_BODY, tw, c->input, &n);
        fl_trace_kind(ui, "input");
        for (int i = first; lines && (size_t)i < n && i < first + L->box_lines; i++)
            fl_text_n(ui, F_BODY, fl_colors[C_TEXT], tx, ty + (i - first) * lh,
                      c->input + lines[i].start, lines[i].len);
    } else {
        /* the placeholder only while the box is empty, inside it: as many lines as the box
         * shows, the last cut with an ellipsis */
        const char *ph = nd->placeholder ? nd->placeholder : T(ui, FL_W_CONV_TYPE_HERE);
        size_t n = 0;
        const fl_text_line *pl = fl_layout(ui, F_BODY, tw, ph, &n);
        fl_trace_kind(ui, "placeholder");
        for (int i = 0; pl && (size_t)i < n && i < L->box_lines; i++) {
            if (i == L->box_lines - 1 && (size_t)i + 1 < n)
                fl_text_cut(ui, F_BODY, fl_colors[C_MUTED], tx, ty + i * lh, tw, ph + pl[i].start);
            else
                fl_text_n(ui, F_BODY, fl_colors[C_MUTED], tx, ty + i * lh, ph + pl[i].start,
                          pl[i].len);
        }
    }
    if (!dim)
        fl_fill(ui, tx + caret_x, ty + (caret_line - first) * lh + S(ui, 2), S(ui, 2),
                lh - S(ui, 4), fl_colors[C_ACCENT]);
    SDL_RenderSetClipRect(ui->ren, NULL);
    /* the Send button: muted until there is something to send */
    SDL_Rect s = L->send;
    int ready = c->input_len && !dim;
    fl_round_rect(ui, s.x, s.y, s.w, s.h, S(ui, 6),
                  fl_colors[ready           ? C_ACCENT
                            : c->send_hover ? C_MUTED
                                            : C_LINE]);
    const char *send = T(ui, FL_W_CONV_SEND);
    fl_trace_kind(ui, "send");
    fl_text(ui, F_BOLD, fl_colors[ready || c->send_hover ? C_ON_ACCENT : C_TEXT],
            s.x + (s.w - fl_width(ui, F_BOLD, send)) / 2,
            s.y + (s.h - fl_line_height(ui, F_BOLD)) / 2, send);
}

/* "Say it aloud": the title, the reply's words (the last line shown cut when they do not all
 * fit), how it works, the live level (a bar and its dBFS, in the warning colour at a shouting
 * level, which the words "too loud" do not need: the figures come on the results). */
static void draw_aloud(fl_ui *ui, const fl_call_ui *c)
{
    const fl_call_layout *L = &c->lay;
    const fl_call_aloud *a = &c->aloud;
    int pad = S(ui, PAD), lh = fl_line_height(ui, F_BODY), small = fl_line_height(ui, F_SMALL);
    int x = L->panel.x + pad, tw = L->panel.w - 2 * pad;
    fl_trace_kind(ui, "aloud-title");
    fl_text_cut(ui, F_BOLD, fl_colors[C_TEXT], x, L->aloud_title_y, tw,
                T(ui, FL_W_CALL_ALOUD_TITLE));
    const char *text = a->text[0] ? a->text : " ";
    size_t n = 0;
    const fl_text_line *ls = fl_layout(ui, F_BODY, tw, text, &n);
    fl_trace_kind(ui, "aloud-text");
    for (int i = 0; ls && (size_t)i < n && i < L->aloud_lines; i++) {
        int y = L->aloud_text_y + i * lh;
        if (i == L->aloud_lines - 1 && (size_t)i + 1 < n)
            fl_text_cut(ui, F_BODY, fl_colors[C_TEXT], x, y, tw, text + ls[i].start);
        else
            fl_text_n(ui, F_BODY, fl_colors[C_TEXT], x, y, text + ls[i].start, ls[i].len);
    }
    if (L->aloud_how_lines) {
        const char *how = T(ui, FL_W_CALL_ALOUD_HOW);
        const fl_text_line *hl = fl_layout(ui, F_SMALL, tw, how, &n);
        fl_trace_kind(ui, "aloud-how");
        for (int i = 0; hl && (size_t)i < n && i < L->aloud_how_lines; i++)
            fl_text_n(ui, F_SMALL, fl_colors[C_MUTED], x, L->aloud_how_y + i * small,
                      how + hl[i].start, hl[i].len);
    }
    float lv = a->level < FL_SOUND_LEVEL_FLOOR ? FL_SOUND_LEVEL_FLOOR : a->level > 0 ? 0 : a->level;
    int span = (int)(-FL_SOUND_LEVEL_FLOOR);
    SDL_Rect b = L->aloud_bar;
    fl_bar(ui, b.x, b.y, b.w, b.h, (int)(lv - FL_SOUND_LEVEL_FLOOR + 0.5f), span,
           fl_colors[a->level >= FL_VOICE_LOUD_DBFS ? C_WARN : C_ACCENT]);
    char level[64];
    if (a->level <= FL_SOUND_LEVEL_FLOOR)
        snprintf(level, sizeof(level), "%s", T(ui, FL_W_CALL_ALOUD_QUIET));
    else
        snprintf(level, sizeof(level), T(ui, FL_W_CALL_ALOUD_LEVEL), (int)(a->level - 0.5f));
    fl_trace_kind(ui, "aloud-level");
    fl_text(ui, F_SMALL, fl_colors[C_TEXT], b.x + b.w + S(ui, 12), b.y + b.h / 2 - small / 2,
            level);
}

/* The bottom panel: the timer bar, then the replies or the text box, then the keys. */
static void draw_bottom(fl_ui *ui, const fl_call_ui *c)
{
    const fl_call_layout *L = &c->lay;
    int pad = S(ui, PAD), lh = fl_line_height(ui, F_BODY);
    const fl_node *nd = fl_session_node(c->ss);
    int in_round = fl_round_play_has(ui, c);
    int ended = fl_session_ended(c->ss) || fl_call_view_now(c).phase == FL_CALL_ENDED;
    int x0 = L->panel.x, w = L->panel.w;
    fl_fill(ui, x0, L->panel.y, w, L->panel.h, fl_colors[C_PANEL]);
    fl_fill(ui, x0, L->panel.y, w, 1, fl_colors[C_LINE]);
    if (L->timer.w > 0)
        draw_timer(ui, c);
    int dim = c->typing_until != 0; /* replies wait until the line is shown */
    if (c->aloud.active) {
        draw_aloud(ui, c);
    } else if (ended) {
        const fl_state *st = fl_session_state(c->ss);
        fl_trace_kind(ui, "ended");
        fl_text_cut(ui, F_BODY, fl_colors[C_TEXT], x0 + pad, L->hints_y - lh - S(ui, 8),
                    w - 2 * pad,
                    T(ui, st->hung_up ? FL_W_HUNG_UP
                          : in_round  ? FL_W_RP_NOBODY
                                      : FL_W_CONV_CALL_ENDED));
    } else if (nd->free_text) {
        draw_input(ui, c, dim);
    } else {
        draw_replies(ui, c, dim);
    }
    fl_hint hs[5];
    panel_hints(ui, c, hs);
    if (L->n_hints) {
        fl_trace_kind(ui, "hint");
        fl_hints(ui, hs, L->n_hints, x0 + pad, L->hints_y, w - 2 * pad, 1);
    }
}

static void draw_transcript(fl_ui *ui, const fl_call_ui *c)
{
    const fl_call_layout *L = &c->lay;
    const fl_scenario *s = fl_call_scenario(c);
    int x0 = L->transcript.x, w = L->transcript.w;
    int tx = x0 + S(ui, 24), tw = w - S(ui, 48);
    SDL_Rect clip = L->transcript;
    SDL_RenderSetClipRect(ui->ren, &clip);
    int small = fl_line_height(ui, F_SMALL), lh = fl_line_height(ui, F_BODY);
    int bottom = L->transcript.y + L->transcript.h;
    int y = bottom - S(ui, 12) + transcript_offset(ui, c);
    if (c->typing_until) {
        char typing[256];
        snprintf(typing, sizeof(typing), T(ui, FL_W_CONV_TYPING), s->customer_name);
        y -= small + S(ui, 6);
        fl_trace_kind(ui, "typing");
        fl_text(ui, F_SMALL, fl_colors[C_MUTED], tx, y, typing);
    }
    for (size_t i = c->n_b; i-- > 0;) {
        const fl_call_bubble *b = &c->b[i];
        y -= b->h;
        int name_y = y - small - S(ui, 2);
        if (y + b->h >= L->transcript.y && name_y <= bottom) {
            int bx = b->side ? tx + tw - b->w : tx;
            fl_round_rect(ui, bx, y, b->w, b->h, S(ui, 12),
                          b->side ? fl_colors[C_ACCENT] : fl_colors[C_CUSTOMER]);
            SDL_Color col = fl_colors[b->side ? C_ON_ACCENT : C_TEXT];
            int latest = i + 1 == c->n_b && b->side == 0;
            fl_trace_kind(ui, latest ? "customer-latest" : b->side ? "bubble-you" : "bubble");
            for (size_t k = 0; k < b->n_lines; k++)
                fl_text_n(ui, F_BODY, col, bx + S(ui, 12), y + S(ui, 8) + (int)k * lh,
                          b->text + b->lines[k].start, b->lines[k].len);
            const char *who = b->side ? T(ui, FL_W_YOU) : s->customer_name;
            int ww = fl_width(ui, F_SMALL, who);
            fl_trace_kind(ui, "bubble-name");
            fl_text_cut(ui, F_SMALL, fl_colors[C_MUTED], b->side ? imax(tx, tx + tw - ww) : tx,
                        name_y, tw, who);
        }
        y = name_y - S(ui, 12);
        if (y < L->transcript.y - ui->h)
            break;
    }
    SDL_RenderSetClipRect(ui->ren, NULL);
    if (c->notice[0]) {
        int nh = L->transcript.y - L->top_h;
        fl_fill(ui, x0, L->top_h, w, nh, fl_colors[C_PANEL]);
        fl_frame(ui, x0, L->top_h, w, nh, S(ui, 2), fl_colors[C_WARN]);
        fl_trace_kind(ui, "notice");
        fl_text_box(ui, F_SMALL, fl_colors[C_TEXT], x0 + S(ui, 24), L->top_h + S(ui, 8),
                    w - S(ui, 48), c->notice, 1);
    }
}

void fl_conversation_draw(fl_ui *ui, const fl_call_ui *c)
{
    if (!c || !c->lay.valid)
        return;
    const fl_call_layout *L = &c->lay;
    fl_trace_region(ui, "transcript", &L->transcript);
    fl_trace_region(ui, "panel", &L->panel);
    if (L->list.h)
        fl_trace_region(ui, "list", &L->list);
    if (L->timer.w)
        fl_trace_region(ui, "timer", &L->timer);
    if (L->box.h) {
        fl_trace_region(ui, "box", &L->box);
        fl_trace_region(ui, "send", &L->send);
    }
    if (c->aloud.active) {
        fl_trace_region(ui, "aloud", &L->panel);
        fl_trace_region(ui, "aloud-bar", &L->aloud_bar);
        if (ui->trace_layout)
            fprintf(stderr, "trace: aloud call %u turn %u level %.1f\n", c->number, c->aloud.turn,
                    (double)c->aloud.level);
    }
    for (int i = 0; i < L->n_replies; i++) {
        SDL_Rect r = {L->panel.x, L->list.y + L->reply_y[i] - c->reply_scroll, L->panel.w,
                      L->reply_h[i]};
        char name[32];
        snprintf(name, sizeof(name), "reply%d", i + 1);
        fl_trace_region(ui, name, &r);
    }
    if (ui->trace_layout) {
        /* for the tests: where the call is and where each reply offered goes */
        const fl_scenario *s = fl_call_scenario(c);
        const fl_node *nd = fl_session_node(c->ss);
        uint32_t idx[64];
        uint32_t n = fl_session_offered(c->ss, idx, 64);
        fprintf(stderr, "trace: call %u node %s offered", c->number, nd ? nd->id : "-");
        for (uint32_t i = 0; nd && i < n && i < FL_CALL_MAX_REPLIES; i++) {
            int32_t t = nd->replies[idx[i]].target;
            fprintf(stderr, " %s", t >= 0 && (uint32_t)t < s->n_nodes ? s->nodes[t].id : "-");
        }
        fputc('\n', stderr);
    }
    if (fl_round_play_has(ui, c))
        fl_round_play_draw(ui, ui->round);
    else
        draw_top(ui, c);
    draw_side(ui, c);
    draw_bottom(ui, c);
    draw_transcript(ui, c);
    fl_trace_kind(ui, NULL);
}
