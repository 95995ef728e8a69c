/*
 * call.h - one conversation ("a call") as a value: its place in a round (the core's, which
 * decides when the customer's line appears, when time is up and when the customer hangs up),
 * its recorder, the meters and their animation, the free-text input, and the conversation
 * screen's layout of it (the transcript and its scroll, the replies and their scroll, hover and
 * focus).
 *
 * A single scenario is a round of one (fl_round_new_single), owned by the call; a call of a
 * stress round borrows the round (round_play.c) and is known by its number. Either way the
 * session is the round's (fl_round_call(...).session), and the call only reads it and acts on
 * it through the round.
 *
 * The screens draw the call they are handed (conversation.c, results.c, review.c); fl_ui holds
 * the call in play by pointer. Nothing here is global, so a stress round holds several calls at
 * once and a test can drive two.
 *
 * Every round a call is in holds its lines (round.h hold_lines): a line that appears is being
 * presented, and the reply clock starts when sound.c says it has been (fl_call_presented),
 * after the customer's voice has said it. A reply given while the line is still being
 * presented interrupts the customer: the line counts as presented at that moment.
 *
 * Time: every function that depends on time is given now_ms (the loop's clock, or a replay's);
 * nothing here reads a clock. The round's time is now_ms - t0. Depends on SDL (rectangles), the
 * round, the session and the recorder.
 */
#ifndef FL_CALL_H
#define FL_CALL_H

#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#include "recorder.h"
#include "round.h"
#include "scenario.h"
#include "session.h"
#include "text.h"

#define FL_CALL_MAX_REPLIES 9 /* reply keys 1-9: a node offering more shows the first nine */

/* One bubble of the transcript, laid out at the transcript's width. */
typedef struct {
    const char *text; /* the scenario's or the session's words (not owned) */
    int side;         /* 0 customer, 1 trainee */
    int emotion;
    fl_text_line *lines; /* owned */
    size_t n_lines;
    int w, h; /* the bubble, pixels */
} fl_call_bubble;

/* Where the conversation screen put things at its last layout (drawable pixels). Computed by
 * fl_conversation_layout before each frame and before events are handled; drawing and clicks
 * read it and never change it. */
typedef struct {
    int valid;
    int top_h;           /* the top bar */
    int title_w;         /* room for the scenario's title in the top bar (0: not shown) */
    int show_mode;       /* the mode word fits in the top bar */
    int side_w;          /* the customer panel */
    int avatar_r;        /* 0: no room for the face */
    int name_lines;      /* the customer's name, wrapped, at most this many lines */
    int name_font;       /* F_TITLE, or F_BOLD when a word of the name is wider than the panel */
    int detail_lines;    /* the detail, at most this many lines (0: left out) */
    int meter_gap;       /* from one meter to the next */
    SDL_Rect transcript; /* the transcript's view */
    SDL_Rect panel;      /* the bottom panel (timer, replies or the text box, hints) */
    SDL_Rect timer;      /* the timer bar (w 0: untimed) */
    int timer_text_x;
    /* the replies: a list scrolled by reply_scroll inside list */
    SDL_Rect list;
    int n_replies;
    int reply_y[FL_CALL_MAX_REPLIES]; /* each row's top within the list's content */
    int reply_h[FL_CALL_MAX_REPLIES];
    int list_content_h;
    int more_above, more_below; /* replies whose number is out of view above / below */
    int more_rest;              /* the reply in view goes on below it */
    int more_y;                 /* the line that says so (when either) */
    /* the free-text box and its Send button */
    SDL_Rect box, send;
    int box_lines; /* lines of text the box shows */
    /* the key hints under the replies or the box */
    int hints_y;
    int n_hints; /* how many are shown (0: no room for them) */
    /* the transcript */
    int transcript_max_scroll;
    /* "say it aloud" (sound.c): the panel that takes the replies' place while it is up */
    int aloud_title_y, aloud_text_y, aloud_lines, aloud_how_y, aloud_how_lines, aloud_bar_y;
    SDL_Rect aloud_bar;
} fl_call_layout;

/* What the call's sounds have done so far (sound.c): the ring, the line chimed and said, the
 * presented hold, the last ticks and the timer's announcement. */
typedef struct {
    int rang;            /* the ring was played (the call arrived) */
    size_t turns;        /* the session's turns at the last look (fewer: a reply taken back) */
    size_t line_key;     /* the line chimed: the session's turns + 1 when it showed; 0 none */
    int line_said;       /* that line went to the speech (or needs none) */
    uint32_t speech;     /* its speech id while it may still be spoken, 0 none */
    uint64_t present_by; /* the loop's time when the line is presented even if speech has not
                            ended (the safety bound), 0 none */
    int hung_up;         /* the hang-up tone was played */
    uint64_t reply_key;  /* which reply's clock the ticks count (its wait's start + 1) */
    int tick_sec;        /* the seconds shown at the last tick */
    int announced;       /* "10 seconds left" was said for this reply */
} fl_call_sound;

/* "Say it aloud" (sound.c): after a reply, the trainee reads it aloud into the tone meter. */
typedef struct {
    int active;        /* the panel is up and the meter runs */
    uint32_t turn;     /* the reply turn read (1-based) */
    char text[1024];   /* the reply's words */
    uint64_t since;    /* the loop's time it opened */
    uint64_t heard_at; /* the last time the level was a voice, 0 not yet */
    float level;       /* the microphone's level at the last look, dBFS */
} fl_call_aloud;

typedef struct fl_call_ui {
    fl_round *round;      /* the round the call is in: owned for a single conversation (a round
                             of one), borrowed from the stress round otherwise */
    int own_round;        /* the call owns (and frees) the round */
    uint32_t number;      /* the call's number in the round (1 in a round of one) */
    uint64_t t0;          /* the loop's time at the round's time 0 */
    const fl_session *ss; /* the round's session of this call (not owned) */
    fl_recorder *rec;     /* owned; NULL once the session is recorded as over */
    int assessment;       /* nothing can be taken back */
    int timed;            /* the time limits apply */
    double factor;        /* the time extension: 1, 1.5 or 2 */
    char notice[1024];    /* a message from the results store (a fallback file), "" none */

    /* the round's view of the call, on the loop's clock, as of the last tick or act */
    uint64_t typing_until; /* the customer is "typing" until then; 0 none */
    uint64_t clock_start;  /* the wait for the trainee started then (the line was fully shown);
                              0 not waiting */
    size_t turns_seen;     /* the session's turns at the last tick or act: a turn the round made
                              (a timeout, a hang-up) shows as a change */
    int ended_seen;        /* the call had ended at the last tick or act */
    int known[3];          /* the session's mood, patience and trust then */
    uint64_t esc_at;       /* Esc was pressed once then (a second press leaves), 0 none */

    /* the meters: displayed mood, patience, trust, animated towards the session's values */
    float meter[3], meter_from[3];
    uint64_t meter_anim; /* start of the animation, 0 none */
    int meter_jump[3];   /* the last change, shown as a short label */
    int undone;          /* the last change was a reply taken back: "undone", not "+20" */

    /* the free-text reply */
    char input[1024];
    size_t input_len, cursor;

    /* the transcript's layout, kept until the conversation, the width or the scale changes */
    fl_call_bubble *b;
    size_t n_b, cap_b;
    int total_h;
    size_t lay_turns;
    int lay_show_line, lay_width;
    float lay_scale;
    int scroll; /* the transcript, pixels up from the newest */

    /* the replies */
    int focus;        /* the focused reply */
    int hover;        /* the reply under the pointer, -1 none */
    int reply_scroll; /* pixels down from the first reply */
    int reveal_focus; /* the list scrolls to the focused reply at the next layout */
    int send_hover;   /* the pointer is over the Send button */

    fl_call_layout lay;

    /* sound (sound.c) */
    fl_call_sound snd;
    fl_call_aloud aloud;
    int hold_end;   /* the call's end (its recorder's close) waits: the trainee is reading the
                       last reply aloud and its figures join the session first */
    float ambience; /* the office ambience last set while this single call was in play */
} fl_call_ui;

typedef struct {
    const char *db_path; /* NULL: the default store */
    const char *scenario_path;
    const char *trainee, *group;
    int assessment;
    int timed;
    double factor; /* 1, 1.5, 2 */
    const char *lang;
    uint64_t now_ms;         /* the loop's time now: the call starts (the customer arrives) then */
    const char *workshop;    /* the workshop's id, recorded with the session (NULL: none) */
    const char *day_session; /* the workshop's session of the day (NULL: none) */
} fl_call_opts;

/* Starts a single conversation on s (which must outlive it): a round of one, owned by the call,
 * with the extension and timing of o, and opens its recorder. Returns 0 with *out set, -1 when
 * it cannot start (*out NULL). */
int fl_call_new(fl_call_ui **out, const fl_scenario *s, const fl_call_opts *o);
/* A call of a stress round: call `number` (arrived) of round, which must outlive the call and
 * whose time 0 is t0 on the loop's clock. rec (may be NULL) is the call's recorder
 * (fl_round_recorder_call), owned by the call from now on, also on failure. factor: the round's
 * extension (1, 1.5, 2; 0 untimed). Returns 0 with *out set, -1 (*out NULL). */
int fl_call_new_in_round(fl_call_ui **out, fl_round *round, uint32_t number, uint64_t t0,
                         fl_recorder *rec, int assessment, double factor);
/* Records the session as it stands (finished or unfinished) and closes the recorder; the
 * session stays for the results and the review. A round of one is finished there (nothing more
 * happens in it). Again: nothing. */
void fl_call_end(fl_call_ui *c);
/* Ends (records) and frees the call. NULL: nothing. */
void fl_call_free(fl_call_ui *c);

/* The scenario played. */
const fl_scenario *fl_call_scenario(const fl_call_ui *c);
/* The session's mood, patience and trust now. */
void fl_call_meters_now(const fl_call_ui *c, int out[3]);
/* The real time limit of the current reply in ms (the extension applied), 0 untimed. */
uint32_t fl_call_limit_ms(const fl_call_ui *c);
/* Whether the reply clock is running for a timed reply now. */
int fl_call_timed_now(const fl_call_ui *c);
/* The ms left on the reply clock at now_ms (the whole limit before the clock starts). */
uint32_t fl_call_left_ms(const fl_call_ui *c, uint64_t now_ms);

/* The trainee's acts at now_ms. Each returns 0 when done, -1 when not possible now (the
 * customer is typing, the call has ended, no such reply, practice only). */
int fl_call_choose(fl_call_ui *c, uint32_t option, uint64_t now_ms); /* option: 0-based */
int fl_call_send(fl_call_ui *c, uint64_t now_ms);                    /* the typed text */
int fl_call_take_back(fl_call_ui *c, uint64_t now_ms);
/* Esc at now_ms: returns 1 when it is the second within 3 s (leave the call), else 0 (the
 * screen says "Esc again to leave"). One stray Esc never ends a call. */
int fl_call_esc(fl_call_ui *c, uint64_t now_ms);
/* Skips the typing pause: the line is shown at now_ms (fl_round_show_now); the clock starts
 * once it has been presented (fl_call_presented). */
void fl_call_skip_typing(fl_call_ui *c, uint64_t now_ms);
/* The line being presented (FL_CALL_PRESENTING: shown, and spoken when the voice is on) has
 * been: the reply clock starts at now_ms (fl_round_presented). Returns 0, -1 when the call was
 * not presenting. */
int fl_call_presented(fl_call_ui *c, uint64_t now_ms);
/* Holds the call's end (hold 1) while the last reply is read aloud, or lets it happen (hold 0:
 * the end is recorded now when the call has ended meanwhile). */
void fl_call_hold_end(fl_call_ui *c, int hold);

/* The round's view of the call now (fl_round_call). */
fl_call_view fl_call_view_now(const fl_call_ui *c);

/* Advances the call to now_ms: ticks the round (a round of one; a stress round's is ticked by
 * round_play.c, and ticking it again is harmless), then takes from it what happened (the line
 * shown, a timeout, a hang-up: recorded, the meters animated), the reply clock and the meters'
 * animation. *changed gets 1 when something visible changed. Returns the ms until the next
 * change (the round's next thing on this call, the timer bar, an animation), -1 when nothing
 * will change by itself. */
int fl_call_tick(fl_call_ui *c, uint64_t now_ms, int *changed);

/* A message from the store since the last call (the session went to a fallback file), or
 * NULL; also kept in c->notice. */
const char *fl_call_store_notice(fl_call_ui *c);

#endif
