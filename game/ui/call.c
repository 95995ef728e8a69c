/*
 * call.c - one conversation as a value (call.h): its session and recorder, when the customer's
 * line appears, the reply clock, the acts and the meters' animation. No drawing here, and no
 * clock: the loop passes the time in.
 *
 * The reply clock starts when the customer's line has been fully shown (the typing pause is
 * over), never while it is still appearing. With a time extension (x1.5, x2) the trainee gets
 * that much more real time, and the engine is given the time as the same fraction of the
 * scenario's limit, so scoring is unchanged by the extension.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "call.h"

enum {
    METER_MS = 300,   /* meters move to their new value over this long */
    JUMP_MS = 1800,   /* "Trust -15" stays this long */
    TIMER_TICK = 100, /* the timer bar is redrawn this often */
    ESC_MS = 3000     /* a second Esc within this long leaves the call */
};

static const int slots[3] = {FL_SLOT_MOOD, FL_SLOT_PATIENCE, FL_SLOT_TRUST};

const fl_scenario *fl_call_scenario(const fl_call_ui *c)
{
    return fl_session_engine(c->ss)->scenario;
}

void fl_call_meters_now(const fl_call_ui *c, int out[3])
{
    const fl_engine *eng = fl_session_engine(c->ss);
    const int32_t *env = fl_state_cenv(eng, fl_session_state(c->ss));
    for (int i = 0; i < 3; i++)
        out[i] = env[slots[i]];
}

const char *fl_call_store_notice(fl_call_ui *c)
{
    const char *n = c->rec ? fl_recorder_notice(c->rec) : NULL;
    if (n) {
        fprintf(stderr, "frontline: %s\n", n);
        snprintf(c->notice, sizeof(c->notice), "%s", n);
    }
    return n;
}

int fl_call_new(fl_call_ui **out, const fl_scenario *s, const fl_call_opts *o)
{
    *out = NULL;
    fl_call_ui *c = calloc(1, sizeof(*c));
    if (!c)
        return -1;
    fl_session_opts so = {.timed = o->timed, .lexicon = NULL};
    if (fl_session_new(&c->ss, s, &so) < 0) {
        free(c);
        return -1;
    }
    c->assessment = o->assessment;
    c->timed = o->timed;
    c->factor = o->factor > 0 ? o->factor : 1.0;
    fl_recorder_opts ro = {
        .db_path = o->db_path,
        .scenario_path = o->scenario_path,
        .trainee = o->trainee,
        .group = o->group,
        .mode = o->assessment ? "assessment" : "practice",
        .player = "desktop",
        .time_factor = c->factor,
        .lang = o->lang,
    };
    c->rec = fl_recorder_open(c->ss, &ro);
    if (c->rec) {
        fl_recorder_update(c->rec, c->ss);
        fl_call_store_notice(c);
    }
    c->meter[0] = c->meter_from[0] = (float)s->start_mood;
    c->meter[1] = c->meter_from[1] = (float)s->start_patience;
    c->meter[2] = c->meter_from[2] = (float)s->start_trust;
    c->shown_turn = (uint32_t)-1;
    c->hover = -1;
    *out = c;
    return 0;
}

void fl_call_end(fl_call_ui *c)
{
    if (!c || !c->rec)
        return;
    fl_recorder_close(c->rec, c->ss);
    fl_call_store_notice(c);
    fl_recorder_free(c->rec);
    c->rec = NULL;
}

void fl_call_free(fl_call_ui *c)
{
    if (!c)
        return;
    fl_call_end(c);
    for (size_t i = 0; i < c->n_b; i++)
        free(c->b[i].lines);
    free(c->b);
    fl_session_free(c->ss);
    free(c);
}

/* ---- the clock ------------------------------------------------------------------------------ */

uint32_t fl_call_limit_ms(const fl_call_ui *c)
{
    return (uint32_t)(fl_session_limit_ms(c->ss) * c->factor);
}

int fl_call_timed_now(const fl_call_ui *c)
{
    return !fl_session_ended(c->ss) && fl_call_limit_ms(c) &&
           fl_engine_can_timeout(fl_session_engine(c->ss), fl_session_state(c->ss));
}

uint32_t fl_call_left_ms(const fl_call_ui *c, uint64_t now_ms)
{
    uint32_t lim = fl_call_limit_ms(c);
    /* the clock starts when the line is fully shown: before that the whole limit is left */
    uint64_t el =
        c->clock_start && !c->typing_until && now_ms > c->clock_start ? now_ms - c->clock_start : 0;
    return el >= lim ? 0 : (uint32_t)(lim - el);
}

/* The time the trainee took, as the engine should see it (scaled back by the extension). */
static uint32_t took(const fl_call_ui *c, uint64_t now_ms)
{
    uint64_t real = c->clock_start && now_ms > c->clock_start ? now_ms - c->clock_start : 0;
    return (uint32_t)(real / c->factor);
}

/* The customer starts "typing" the line of the current node (if there is one). */
static void start_typing(fl_call_ui *c, uint64_t now_ms)
{
    const fl_line *l = fl_session_line(c->ss);
    c->clock_start = 0;
    if (!l || fl_session_state(c->ss)->hung_up) {
        c->typing_until = 0;
        c->clock_start = now_ms;
        return;
    }
    uint64_t ms = 500 + 12 * (uint64_t)strlen(l->text);
    c->typing_until = now_ms + (ms > 1800 ? 1800 : ms);
}

void fl_call_skip_typing(fl_call_ui *c, uint64_t now_ms)
{
    if (c->typing_until)
        c->typing_until = now_ms;
}

/* ---- the acts ------------------------------------------------------------------------------- */

/* After an act: record it, animate the meters to their new values, show the next line. */
static void after_act(fl_call_ui *c, const int before[3], int undo, uint64_t now_ms)
{
    if (c->rec) {
        fl_recorder_update(c->rec, c->ss);
        fl_call_store_notice(c);
    }
    /* the end is written the moment the conversation ends, not when the trainee leaves the
     * screen: a crash on the last screen must not leave it unfinished */
    if (fl_session_ended(c->ss))
        fl_call_end(c);
    int now[3];
    fl_call_meters_now(c, now);
    for (int i = 0; i < 3; i++) {
        c->meter_from[i] = c->meter[i];
        c->meter_jump[i] = now[i] - before[i];
    }
    c->undone = undo;
    c->meter_anim = now_ms ? now_ms : 1;
    c->scroll = 0;
    c->focus = 0;
    c->reply_scroll = 0;
    c->reveal_focus = 0;
    c->input_len = c->cursor = 0;
    c->input[0] = '\0';
    start_typing(c, now_ms);
}

int fl_call_choose(fl_call_ui *c, uint32_t option, uint64_t now_ms)
{
    uint32_t idx[64];
    uint32_t n = fl_session_offered(c->ss, idx, 64);
    if (option >= n || option >= FL_CALL_MAX_REPLIES || fl_session_ended(c->ss) || c->typing_until)
        return -1;
    int before[3];
    fl_call_meters_now(c, before);
    if (fl_session_choose(c->ss, idx[option], took(c, now_ms)) != 0)
        return -1;
    after_act(c, before, 0, now_ms);
    return 0;
}

int fl_call_send(fl_call_ui *c, uint64_t now_ms)
{
    if (!c->input_len || fl_session_ended(c->ss) || c->typing_until)
        return -1;
    int before[3];
    fl_call_meters_now(c, before);
    if (fl_session_type(c->ss, c->input, c->input_len, took(c, now_ms)) != 0)
        return -1;
    after_act(c, before, 0, now_ms);
    return 0;
}

int fl_call_take_back(fl_call_ui *c, uint64_t now_ms)
{
    if (c->assessment || fl_session_ended(c->ss))
        return -1;
    int before[3];
    fl_call_meters_now(c, before);
    if (fl_session_undo(c->ss) != 0)
        return -1;
    after_act(c, before, 1, now_ms);
    c->typing_until = 0; /* the line was already read: show it again at once */
    c->clock_start = now_ms;
    return 0;
}

/* ---- time passing --------------------------------------------------------------------------- */

int fl_call_tick(fl_call_ui *c, uint64_t now, int *changed)
{
    int wait = -1;
    *changed = 0;
#define SOON(ms)                                                                                   \
    do {                                                                                           \
        int ms_ = (int)(ms);                                                                       \
        if (wait < 0 || ms_ < wait)                                                                \
            wait = ms_;                                                                            \
    } while (0)
    if (c->shown_turn != fl_session_state(c->ss)->turn && !c->typing_until && !c->clock_start) {
        /* a new conversation: the first line is being typed */
        start_typing(c, now);
        *changed = 1;
    }
    c->shown_turn = fl_session_state(c->ss)->turn;
    if (c->typing_until) {
        if (now >= c->typing_until) {
            /* the line is fully shown: the reply clock starts now */
            c->clock_start = c->typing_until;
            c->typing_until = 0;
            c->scroll = 0;
            *changed = 1;
        } else {
            SOON(c->typing_until - now);
        }
    }
    if (c->meter_anim) {
        uint64_t t = now > c->meter_anim ? now - c->meter_anim : 0;
        int target[3];
        fl_call_meters_now(c, target);
        for (int i = 0; i < 3; i++) {
            float f = t >= METER_MS ? 1.0f : (float)t / METER_MS;
            f = f * f * (3 - 2 * f); /* ease in and out */
            c->meter[i] = c->meter_from[i] + (target[i] - c->meter_from[i]) * f;
        }
        if (t < METER_MS) {
            SOON(16);
            *changed = 1;
        } else if (t < JUMP_MS) {
            SOON(JUMP_MS - t);
        } else {
            c->meter_anim = 0;
            c->undone = 0;
            memset(c->meter_jump, 0, sizeof(c->meter_jump));
        }
        if (t >= METER_MS && t - 16 < METER_MS)
            *changed = 1;
        if (t >= JUMP_MS)
            *changed = 1;
    }
    if (c->esc_at) {
        if (now - c->esc_at >= ESC_MS) {
            c->esc_at = 0;
            *changed = 1;
        } else {
            SOON(ESC_MS - (now - c->esc_at));
        }
    }
    /* the reply clock of a timed reply */
    uint32_t lim = fl_call_limit_ms(c);
    if (c->clock_start && !c->typing_until && fl_call_timed_now(c)) {
        uint64_t el = now - c->clock_start;
        if (el >= lim) {
            int before[3];
            fl_call_meters_now(c, before);
            if (fl_session_timeout(c->ss) == 0)
                after_act(c, before, 0, now);
            *changed = 1;
            SOON(0);
        } else {
            *changed = 1;
            SOON(el + TIMER_TICK > lim ? lim - el : TIMER_TICK);
        }
    }
    return wait;
#undef SOON
}

int fl_call_esc(fl_call_ui *c, uint64_t now_ms)
{
    if (c->esc_at && now_ms - c->esc_at < ESC_MS) {
        c->esc_at = 0;
        return 1;
    }
    c->esc_at = now_ms ? now_ms : 1;
    return 0;
}
