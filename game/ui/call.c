/*
 * call.c - one conversation as a value (call.h): its place in the round, its recorder, the
 * acts, the reply clock as the round sees it and the meters' animation. No drawing here, and no
 * clock: the loop passes the time in.
 *
 * When the customer's line appears, when time is up and when the customer hangs up are the
 * core's to decide (round.h): the call asks the round (fl_round_call) and shows what it says.
 * The reply clock starts when the customer's line has been presented: shown (the typing pause
 * is over) and, when the customer's voice is on, spoken (the round holds the line,
 * FL_CALL_PRESENTING, until sound.c calls fl_call_presented), never while it is still
 * appearing or being said. With a time extension (x1.5, x2) the trainee gets
 * that much more real time, and the round gives the engine the time as the same fraction of
 * the limit, so scoring is unchanged by the extension.
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

/* The round's time for the loop's time now_ms. */
static uint64_t round_ms(const fl_call_ui *c, uint64_t now_ms)
{
    return now_ms > c->t0 ? now_ms - c->t0 : 0;
}

fl_call_view fl_call_view_now(const fl_call_ui *c)
{
    fl_call_view v;
    if (fl_round_call(c->round, c->number, &v) != 0) {
        memset(&v, 0, sizeof(v));
        v.phase = FL_CALL_ENDED;
        v.session = c->ss;
    }
    return v;
}

/* Takes the round's view of the call into the fields the screens read. */
static void sync_view(fl_call_ui *c)
{
    fl_call_view v = fl_call_view_now(c);
    c->typing_until = 0;
    c->clock_start = 0;
    if (v.phase == FL_CALL_TYPING)
        c->typing_until = c->t0 + v.line_at_ms ? c->t0 + v.line_at_ms : 1;
    else if (v.phase == FL_CALL_WAITING)
        c->clock_start = c->t0 + v.wait_from_ms ? c->t0 + v.wait_from_ms : 1;
}

/* Shared by both constructors: the call around the round's session `number`. */
static fl_call_ui *make(fl_round *round, uint32_t number, uint64_t t0, int assessment,
                        double factor)
{
    fl_call_ui *c = calloc(1, sizeof(*c));
    if (!c)
        return NULL;
    c->round = round;
    c->number = number;
    c->t0 = t0;
    fl_call_view v;
    if (fl_round_call(round, number, &v) != 0) {
        free(c);
        return NULL;
    }
    c->ss = v.session;
    c->assessment = assessment;
    c->timed = factor > 0;
    c->factor = factor > 0 ? factor : 1.0;
    const fl_scenario *s = fl_call_scenario(c);
    c->meter[0] = c->meter_from[0] = (float)s->start_mood;
    c->meter[1] = c->meter_from[1] = (float)s->start_patience;
    c->meter[2] = c->meter_from[2] = (float)s->start_trust;
    fl_call_meters_now(c, c->known);
    fl_session_turns(c->ss, &c->turns_seen);
    c->ended_seen = v.phase == FL_CALL_ENDED;
    c->hover = -1;
    sync_view(c);
    return c;
}

int fl_call_new(fl_call_ui **out, const fl_scenario *s, const fl_call_opts *o)
{
    *out = NULL;
    double factor = o->factor > 0 ? o->factor : 1.0;
    fl_round_opts ro = {.time_pct = o->timed ? (uint32_t)(factor * 100 + 0.5) : 0, .hold_lines = 1};
    fl_round *r = NULL;
    if (fl_round_new_single(&r, s, &ro) != 0)
        return -1;
    fl_call_ui *c = make(r, 1, o->now_ms, o->assessment, o->timed ? factor : 0);
    if (!c) {
        fl_round_free(r);
        return -1;
    }
    c->own_round = 1;
    fl_recorder_opts ro2 = {
        .db_path = o->db_path,
        .scenario_path = o->scenario_path,
        .trainee = o->trainee,
        .group = o->group,
        .mode = o->assessment ? "assessment" : "practice",
        .player = "desktop",
        .time_factor = factor,
        .lang = o->lang,
        .workshop = o->workshop,
        .day_session = o->day_session,
    };
    c->rec = fl_recorder_open(c->ss, &ro2);
    if (c->rec) {
        fl_recorder_update(c->rec, c->ss);
        fl_call_store_notice(c);
    }
    *out = c;
    return 0;
}

int fl_call_new_in_round(fl_call_ui **out, fl_round *round, uint32_t number, uint64_t t0,
                         fl_recorder *rec, int assessment, double factor)
{
    *out = NULL;
    fl_call_ui *c = make(round, number, t0, assessment, factor);
    if (!c) {
        fl_recorder_free(rec);
        return -1;
    }
    c->rec = rec;
    if (c->rec) {
        fl_recorder_update(c->rec, c->ss);
        fl_call_store_notice(c);
        if (c->ended_seen)
            fl_call_end(c);
    }
    *out = c;
    return 0;
}

void fl_call_end(fl_call_ui *c)
{
    if (!c)
        return;
    if (c->own_round)
        fl_round_finish(c->round, 0); /* at the latest time seen: nothing more happens */
    if (!c->rec)
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
    if (c->own_round)
        fl_round_free(c->round);
    free(c);
}

/* ---- the clock ------------------------------------------------------------------------------ */

uint32_t fl_call_limit_ms(const fl_call_ui *c)
{
    return fl_call_view_now(c).limit_ms;
}

int fl_call_timed_now(const fl_call_ui *c)
{
    /* Every reply with a limit shows its clock, not only those that can time out: past the
     * limit a slow reply still costs responsiveness and patience, and in a round the customer
     * hangs up once patience is gone. */
    fl_call_view v = fl_call_view_now(c);
    return v.phase != FL_CALL_ENDED && v.limit_ms;
}

uint32_t fl_call_left_ms(const fl_call_ui *c, uint64_t now_ms)
{
    fl_call_view v = fl_call_view_now(c);
    /* the clock starts when the line is fully shown: before that the whole limit is left */
    if (v.phase != FL_CALL_WAITING)
        return v.limit_ms;
    uint64_t now = round_ms(c, now_ms);
    if (v.deadline_ms != UINT64_MAX)
        return v.deadline_ms > now ? (uint32_t)(v.deadline_ms - now) : 0;
    uint64_t el = now > v.wait_from_ms ? now - v.wait_from_ms : 0;
    return el >= v.limit_ms ? 0 : (uint32_t)(v.limit_ms - el);
}

int fl_call_presented(fl_call_ui *c, uint64_t now_ms)
{
    if (fl_call_view_now(c).phase != FL_CALL_PRESENTING)
        return -1;
    if (fl_round_presented(c->round, c->number, round_ms(c, now_ms)) != 0)
        return -1;
    sync_view(c);
    return 0;
}

/* An act while the line is still being presented: the trainee interrupts the customer, and the
 * line counts as presented now (the reply took no time). */
static void interrupt(fl_call_ui *c, uint64_t now_ms)
{
    fl_round_tick(c->round, round_ms(c, now_ms));
    fl_call_presented(c, now_ms);
}

void fl_call_skip_typing(fl_call_ui *c, uint64_t now_ms)
{
    /* the round shows the line now; the call says "typing" until its next tick, so that the
     * text of the key that skipped (a space) does not land in the text box */
    if (fl_round_show_now(c->round, c->number, round_ms(c, now_ms)) == 0)
        c->typing_until = now_ms ? now_ms : 1;
}

/* ---- the acts ------------------------------------------------------------------------------- */

/* After the session changed (an act, or the round's timeout or hang-up): record it, animate the
 * meters to their new values, show the next line. */
static void after_change(fl_call_ui *c, int undo, uint64_t now_ms)
{
    if (c->rec) {
        fl_recorder_update(c->rec, c->ss);
        fl_call_store_notice(c);
    }
    fl_call_view v = fl_call_view_now(c);
    /* the end is written the moment the conversation ends, not when the trainee leaves the
     * screen: a crash on the last screen must not leave it unfinished */
    if (!c->hold_end && (fl_session_ended(c->ss) || (v.phase == FL_CALL_ENDED && !c->own_round)))
        fl_call_end(c);
    int now[3];
    fl_call_meters_now(c, now);
    for (int i = 0; i < 3; i++) {
        c->meter_from[i] = c->meter[i];
        c->meter_jump[i] = now[i] - c->known[i];
        c->known[i] = now[i];
    }
    c->undone = undo;
    c->meter_anim = now_ms ? now_ms : 1;
    c->scroll = 0;
    c->focus = 0;
    c->reply_scroll = 0;
    c->reveal_focus = 0;
    c->input_len = c->cursor = 0;
    c->input[0] = '\0';
    fl_session_turns(c->ss, &c->turns_seen);
    c->ended_seen = v.phase == FL_CALL_ENDED;
    sync_view(c);
}

/* Whether the call waits for the trainee now. */
static int waiting(const fl_call_ui *c)
{
    return fl_call_view_now(c).phase == FL_CALL_WAITING;
}

int fl_call_choose(fl_call_ui *c, uint32_t option, uint64_t now_ms)
{
    uint32_t idx[64];
    uint32_t n = fl_session_offered(c->ss, idx, 64);
    if (option >= n || option >= FL_CALL_MAX_REPLIES || fl_session_ended(c->ss) || c->typing_until)
        return -1;
    interrupt(c, now_ms);
    if (!waiting(c)) {
        sync_view(c);
        return -1;
    }
    if (fl_round_choose(c->round, c->number, idx[option], round_ms(c, now_ms)) != 0)
        return -1;
    after_change(c, 0, now_ms);
    return 0;
}

int fl_call_send(fl_call_ui *c, uint64_t now_ms)
{
    if (!c->input_len || fl_session_ended(c->ss) || c->typing_until)
        return -1;
    interrupt(c, now_ms);
    if (fl_round_type(c->round, c->number, c->input, c->input_len, round_ms(c, now_ms)) != 0)
        return -1;
    after_change(c, 0, now_ms);
    return 0;
}

int fl_call_take_back(fl_call_ui *c, uint64_t now_ms)
{
    if (c->assessment || fl_session_ended(c->ss))
        return -1;
    uint64_t now = round_ms(c, now_ms);
    /* the customer may still be typing the line after the reply taken back: it is the line of
     * the node left, so it goes; the line before it was already read and shows again at once */
    fl_round_tick(c->round, now);
    fl_call_view v = fl_call_view_now(c);
    if (v.phase == FL_CALL_TYPING)
        fl_round_show_now(c->round, c->number, now);
    fl_call_presented(c, now_ms); /* shown again at once: nothing is said twice */
    if (fl_round_undo(c->round, c->number, now) != 0) {
        sync_view(c);
        return -1;
    }
    after_change(c, 1, now_ms);
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
    uint64_t rnow = round_ms(c, now);
    if (!c->ended_seen)
        fl_round_tick(c->round, rnow);
    uint64_t typing_before = c->typing_until, clock_before = c->clock_start;
    size_t turns;
    fl_session_turns(c->ss, &turns);
    fl_call_view v = fl_call_view_now(c);
    if (turns != c->turns_seen || (v.phase == FL_CALL_ENDED) != c->ended_seen) {
        /* the round made a turn (a timeout, a hang-up) or ended the call */
        after_change(c, 0, now);
        *changed = 1;
    } else {
        sync_view(c);
    }
    if (c->typing_until != typing_before || c->clock_start != clock_before) {
        c->scroll = 0;
        *changed = 1;
    }
    /* the next thing the round will do on this call */
    if (v.phase == FL_CALL_TYPING) {
        SOON(v.line_at_ms > rnow ? v.line_at_ms - rnow : 0);
    } else if (v.phase == FL_CALL_WAITING) {
        uint64_t due = v.deadline_ms < v.hangup_ms ? v.deadline_ms : v.hangup_ms;
        if (due != UINT64_MAX)
            SOON(due > rnow ? (due - rnow > 1u << 30 ? 1u << 30 : due - rnow) : 0);
    }
    if (c->meter_anim) {
        uint64_t t = now > c->meter_anim ? now - c->meter_anim : 0;
        for (int i = 0; i < 3; i++) {
            float f = t >= METER_MS ? 1.0f : (float)t / METER_MS;
            f = f * f * (3 - 2 * f); /* ease in and out */
            c->meter[i] = c->meter_from[i] + (c->known[i] - c->meter_from[i]) * f;
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
    /* the timer bar of a timed reply moves while the customer waits */
    if (v.phase == FL_CALL_WAITING && fl_call_timed_now(c)) {
        uint32_t left = fl_call_left_ms(c, now);
        *changed = 1;
        SOON(left > TIMER_TICK ? TIMER_TICK : left);
    }
    return wait;
#undef SOON
}

void fl_call_hold_end(fl_call_ui *c, int hold)
{
    c->hold_end = hold;
    if (hold)
        return;
    if (fl_session_ended(c->ss) || (fl_call_view_now(c).phase == FL_CALL_ENDED && !c->own_round))
        fl_call_end(c);
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
