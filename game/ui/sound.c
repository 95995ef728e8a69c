/*
 * sound.c - the call's sound on the desktop (sound.h): what a trainee hears during a call.
 *
 *   - The ring when a call arrives (the single scenario's call at its start, each customer of a
 *     stress round), the chime when a customer line appears (on any call of a round: a line in
 *     the background is heard, not seen), a tick each second of the last five of a timed reply
 *     on the active call, the hang-up tone when a customer is gone (any call): hung up after
 *     waiting, or an ending that lost them (after their last words).
 *   - The customer's voice: each line of the active call is said (FL_SAY_CUSTOMER, the
 *     scenario's language, the customer's voice, the line's emotion). Lines of calls in the
 *     background only chime; switching to a call whose line has not been said says it then.
 *     Leaving a call stops its speech, and so does a reply given while the customer is still
 *     speaking (the trainee interrupted).
 *   - The reply clock starts when the line has been presented: every call's round holds its
 *     lines (hold_lines), and the line of the active call is presented (fl_call_presented) when
 *     its speech has ended: at once when nothing is said (voice off, no device, a call in the
 *     background), and at the latest after twice its expected length plus 3 s, so broken
 *     audio never freezes a call. fl_round_next_ms knows nothing of speech, so while a line is
 *     being said the loop is woken every 50 ms to look; otherwise it sleeps as before.
 *   - The office ambience: in a stress round it follows the queue,
 *         level = clamp(0.15 + 0.2 x W + 0.1 x H, 0, 1)
 *     W: the calls waiting for the trainee (a line shown and not yet answered, the one being
 *        said included), H: 1 when customers are held back (every line is busy and more are
 *        still to come; the core does not say how many are due), so it rises as customers
 *        queue: 0.15 with one customer being answered, 0.55 with two waiting, 0.85 with three
 *        waiting and the lines full, 1 from four. A single call has a faint constant 0.1;
 *        every other screen 0 (fl_sound_leave). It is sent only when it changes.
 *   - "10 seconds left" through self-voicing (fl_voicing_say) once per reply, when the reply
 *     had more than 10 s to begin with; and the "say it aloud" panel with the words to read.
 *   - "Say it aloud" (the setting, and only when the microphone opens): after a reply, the
 *     reply is applied at once (the time taken counts to the choice) and the panel shows its
 *     words and the live level while the meter listens; Enter ends it, so does 1.2 s of silence
 *     after the voice was heard, or 30 s; Esc drops it. Its figures join the reply's turn
 *     (fl_round_voice) and the store (fl_recorder_update). Meanwhile the call's next line stays
 *     presenting and unsaid (the customer does not talk over the trainee) and the call's end
 *     waits (fl_call_hold_end), while the other calls of a round keep their clocks running.
 *
 * Everything goes through ui->audio, which may be NULL; the back end applies the settings
 * (sounds, voice, self-voicing, volume) itself, and this file also asks them, so nothing is
 * even queued when they are off.
 */
#include <stdio.h>
#include <string.h>

#include "audio.h"
#include "round_play.h"
#include "sound.h"
#include "ui.h"

enum {
    POLL_MS = 50,          /* how often speech and the meter are looked at while they run */
    CHAR_MS = 90,          /* a character said at the slowest emotion's pace (espeak-ng at
                              about 130 words a minute) */
    BOUND_EXTRA_MS = 3000, /* the safety bound: twice the expected length plus this */
    TICK_FROM_S = 5,       /* ticks in the last five seconds */
    ANNOUNCE_MS = 10000,   /* "10 seconds left" */
    SILENCE_MS = 1200,     /* "say it aloud" stops by itself after this much silence */
    ALOUD_MAX_MS = 30000,  /* ... or after this long in any case */
};
/* Above this the meter hears a voice (a headset's room noise is well below it). */
#define VOICE_DBFS (-42.0f)

float fl_sound_round_ambience(uint32_t waiting, uint32_t held)
{
    float level = 0.15f + 0.2f * (float)waiting + 0.1f * (float)held;
    return level < 0 ? 0 : level > 1 ? 1 : level;
}

static void cue(fl_ui *ui, fl_cue q)
{
    if (ui->set.sounds)
        fl_audio_cue(ui->audio, q);
}

static int min_wait(int a, int b)
{
    return a < 0 ? b : b < 0 ? a : a < b ? a : b;
}

/* The safety bound for a line: twice its expected length said slowly, plus 3 s. */
static uint64_t bound_ms(const char *text)
{
    uint64_t chars = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        chars += (*p & 0xC0) != 0x80;
    return 2 * chars * CHAR_MS + BOUND_EXTRA_MS;
}

/* Says a customer line of call c; the speech's id, 0 when nothing will be said. */
static uint32_t say_line(fl_ui *ui, const fl_call_ui *c, const fl_line *l)
{
    if (!ui->set.voice || !ui->audio)
        return 0;
    const fl_scenario *s = fl_call_scenario(c);
    fl_say say = {
        .kind = FL_SAY_CUSTOMER,
        .text = l->text,
        .lang = s->lang,
        .emotion = (int)l->emotion,
        .voice = s->customer_voice,
    };
    return fl_audio_say(ui->audio, &say);
}

/* Stops the call's speech when it may still be going. */
static void hush(fl_ui *ui, fl_call_ui *c)
{
    if (c->snd.speech && fl_audio_speaking(ui->audio, c->snd.speech))
        fl_audio_stop_speech(ui->audio);
    c->snd.speech = 0;
}

/* The ticks and the announcement of the active call's timed reply. */
static void reply_clock(fl_ui *ui, fl_call_ui *c, const fl_call_view *v)
{
    fl_call_sound *sn = &c->snd;
    if (v->phase != FL_CALL_WAITING || !fl_call_timed_now(c))
        return;
    uint32_t left = fl_call_left_ms(c, ui->now);
    int sec = (int)((left + 999) / 1000); /* as the timer shows it */
    uint64_t key = v->wait_from_ms + 1;
    if (key != sn->reply_key) {
        /* a new reply (or one first seen now): count from what the timer shows */
        sn->reply_key = key;
        sn->tick_sec = sec;
        sn->announced = left <= ANNOUNCE_MS;
        return;
    }
    if (sec < sn->tick_sec) {
        sn->tick_sec = sec;
        if (sec >= 1 && sec <= TICK_FROM_S)
            cue(ui, FL_CUE_TICK);
    }
    if (!sn->announced && left <= ANNOUNCE_MS && left > 0) {
        sn->announced = 1;
        fl_voicing_say(ui, T(ui, FL_W_CALL_TEN_LEFT)); /* nothing while self-voicing is off */
    }
}

/* "Say it aloud" while it is up: the live level, and its end by itself. */
static int aloud_step(fl_ui *ui, fl_call_ui *c)
{
    fl_call_aloud *a = &c->aloud;
    float lv = fl_audio_meter_level(ui->audio);
    if ((int)lv != (int)a->level)
        ui->dirty = 1;
    a->level = lv;
    if (lv > VOICE_DBFS)
        a->heard_at = ui->now ? ui->now : 1;
    if ((a->heard_at && ui->now - a->heard_at >= SILENCE_MS) ||
        ui->now - a->since >= ALOUD_MAX_MS) {
        fl_sound_aloud_end(ui, c, 1);
        return 0; /* at once again: the round may end, the next line be said */
    }
    return POLL_MS;
}

/* One call's sounds; returns the ms until it needs another look, -1 none. */
static int call_step(fl_ui *ui, fl_call_ui *c)
{
    fl_call_sound *sn = &c->snd;
    int active = ui->call == c, wait = -1;
    uint64_t now = ui->now;
    if (!sn->rang) {
        sn->rang = 1;
        cue(ui, FL_CUE_RING);
    }
    size_t n;
    fl_session_turns(c->ss, &n);
    const fl_line *l = fl_session_line(c->ss);
    if (n < sn->turns) {
        /* a reply taken back: the line shown again was heard already */
        sn->line_key = n + 1;
        sn->line_said = 1;
        sn->speech = 0;
    }
    sn->turns = n;
    fl_call_view v = fl_call_view_now(c);
    int hung_up = fl_session_state(c->ss)->hung_up;
    int shown = l && v.phase != FL_CALL_TYPING && !hung_up;
    if (shown && sn->line_key != n + 1) {
        /* a line appeared (a customer's line; at an ending, the last words) */
        sn->line_key = n + 1;
        sn->line_said = 0;
        sn->speech = 0;
        cue(ui, FL_CUE_MESSAGE);
    }
    if (shown && active && !sn->line_said && !c->aloud.active) {
        sn->line_said = 1;
        sn->speech = say_line(ui, c, l);
        sn->present_by = now + bound_ms(l->text);
    }
    if (v.phase == FL_CALL_PRESENTING) {
        int present = 1; /* then the round has a new deadline: the loop looks again at once */
        if (active && c->aloud.active) {
            present = 0; /* the trainee is reading aloud: the customer waits, unsaid */
        } else if (active && sn->speech && fl_audio_speaking(ui->audio, sn->speech) &&
                   now < sn->present_by) {
            present = 0;
            uint64_t left = sn->present_by - now;
            wait = left < POLL_MS ? (int)left : POLL_MS;
        }
        if (present && fl_call_presented(c, now) == 0) {
            ui->dirty = 1;
            wait = 0;
        }
    }
    /* the customer is gone (hung up, or an ending that lost them): the hang-up tone, after
     * their last words when they are being said */
    const fl_state *st = fl_session_state(c->ss);
    const fl_scenario *s = fl_call_scenario(c);
    int gone = hung_up || (st->ended && st->node >= 0 && (uint32_t)st->node < s->n_nodes &&
                           s->nodes[st->node].outcome == FL_OUTCOME_LOST);
    if (gone && !sn->hung_up) {
        if (sn->speech && fl_audio_speaking(ui->audio, sn->speech)) {
            wait = min_wait(wait, POLL_MS);
        } else {
            sn->hung_up = 1;
            cue(ui, FL_CUE_HANGUP);
        }
    }
    if (active && !c->aloud.active)
        reply_clock(ui, c, &v);
    if (c->aloud.active)
        wait = min_wait(wait, aloud_step(ui, c));
    return wait;
}

/* Sets the ambience when it changed; *last is what the holder set last. */
static void ambience(fl_ui *ui, float *last, float want)
{
    if (!ui->audio)
        return; /* not open yet: set once it is */
    if (*last > want + 0.001f || *last < want - 0.001f) {
        *last = want;
        fl_audio_ambience(ui->audio, want);
    }
}

static void round_ambience(fl_ui *ui, fl_round_play *rp)
{
    uint32_t live[FL_ROUND_MAX_AT_ONCE];
    uint32_t n = fl_round_live(rp->round, live, FL_ROUND_MAX_AT_ONCE), waiting = 0;
    for (uint32_t i = 0; i < n; i++) {
        fl_call_view v;
        if (fl_round_call(rp->round, live[i], &v) == 0 &&
            (v.phase == FL_CALL_WAITING || v.phase == FL_CALL_PRESENTING))
            waiting++;
    }
    uint32_t held = n >= rp->def->at_once && fl_round_to_come(rp->round) > 0;
    ambience(ui, &rp->ambience, fl_sound_round_ambience(waiting, held));
}

int fl_sound_tick(fl_ui *ui)
{
    if (ui->screen != SCR_CONVERSATION)
        return -1;
    int wait = -1;
    fl_round_play *rp = ui->round;
    if (rp && !rp->over) {
        for (uint32_t k = 0; k < rp->n_calls; k++)
            if (rp->calls[k])
                wait = min_wait(wait, call_step(ui, rp->calls[k]));
        if (!rp->over) /* "say it aloud" may have let the round end */
            round_ambience(ui, rp);
    } else if (ui->call && !rp) {
        wait = call_step(ui, ui->call);
        ambience(ui, &ui->call->ambience, FL_SOUND_CALL_AMBIENCE);
    }
    return wait;
}

void fl_sound_acted(fl_ui *ui, fl_call_ui *c)
{
    if (c)
        hush(ui, c);
}

void fl_sound_switched(fl_ui *ui, fl_call_ui *left)
{
    if (left)
        hush(ui, left);
}

void fl_sound_leave(fl_ui *ui)
{
    fl_round_play *rp = ui->round;
    if (rp) {
        for (uint32_t k = 0; rp->calls && k < rp->n_calls; k++)
            if (rp->calls[k])
                hush(ui, rp->calls[k]);
        if (rp->ambience > 0) {
            rp->ambience = 0;
            fl_audio_ambience(ui->audio, 0);
        }
    }
    if (ui->call) {
        if (ui->call->aloud.active)
            fl_sound_aloud_end(ui, ui->call, 0);
        hush(ui, ui->call);
        if (ui->call->ambience > 0) {
            ui->call->ambience = 0;
            fl_audio_ambience(ui->audio, 0);
        }
    }
}

/* ---- say it aloud ---------------------------------------------------------------------------- */

int fl_sound_aloud_begin(fl_ui *ui, fl_call_ui *c, uint32_t turn, const char *text)
{
    if (!ui->set.say_aloud || !ui->audio || !turn)
        return 0;
    if (fl_audio_meter_start(ui->audio) != 0)
        return 0; /* no microphone: the reply stands as chosen */
    fl_call_aloud *a = &c->aloud;
    memset(a, 0, sizeof(*a));
    a->active = 1;
    a->turn = turn;
    a->since = ui->now ? ui->now : 1;
    a->level = fl_audio_meter_level(ui->audio);
    snprintf(a->text, sizeof(a->text), "%s", text ? text : "");
    fl_call_hold_end(c, 1);
    /* self-voicing: the panel has no focus ring to read, so it is said (the reply's words too:
     * what to read aloud) */
    char said[sizeof(a->text) + 64];
    snprintf(said, sizeof(said), "%s %s", T(ui, FL_W_CALL_ALOUD_TITLE), a->text);
    fl_voicing_note(ui, said);
    hush(ui, c); /* the customer does not talk over the trainee */
    ui->dirty = 1;
    return 1;
}

void fl_sound_aloud_end(fl_ui *ui, fl_call_ui *c, int keep)
{
    fl_call_aloud *a = &c->aloud;
    if (!a->active)
        return;
    a->active = 0;
    fl_voice_figures f;
    memset(&f, 0, sizeof(f));
    int ok = fl_audio_meter_stop(ui->audio, &f) == 0;
    if (ui->trace_layout)
        fprintf(stderr, "trace: aloud end call %u turn %u %s\n", c->number, a->turn,
                keep && ok ? "kept" : "dropped");
    if (keep && ok && fl_round_voice(c->round, c->number, a->turn, &f) == 0 && c->rec) {
        fl_recorder_update(c->rec, c->ss);
        fl_call_store_notice(c);
    }
    fl_call_hold_end(c, 0); /* the end, when the reply ended the call, is recorded now */
    ui->dirty = 1;
}
