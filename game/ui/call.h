/*
 * call.h - one conversation ("a call") as a value: the session and its recorder, the reply
 * clock, the meters and their animation, the free-text input, and the conversation screen's
 * layout of it (the transcript and its scroll, the replies and their scroll, hover and focus).
 *
 * The screens draw the call they are handed (conversation.c, results.c, review.c); fl_ui holds
 * the call in play by pointer. Nothing here is global, so a stress round can hold several calls
 * at once and a test can drive two.
 *
 * Time: every function that depends on time is given now_ms (the loop's clock, or a replay's);
 * nothing here reads a clock. Depends on SDL (rectangles), the session and the recorder.
 */
#ifndef FL_CALL_H
#define FL_CALL_H

#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#include "recorder.h"
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
} fl_call_layout;

typedef struct fl_call_ui {
    fl_session *ss;    /* owned */
    fl_recorder *rec;  /* owned; NULL once the session is recorded as over */
    int assessment;    /* nothing can be taken back */
    int timed;         /* the scenario's time limits apply */
    double factor;     /* the time extension: 1, 1.5 or 2 */
    char notice[1024]; /* a message from the results store (a fallback file), "" none */

    /* timing (ms of the loop's clock) */
    uint64_t typing_until; /* the customer is "typing" until then; 0 none */
    uint64_t clock_start;  /* the reply clock started (the line was fully shown), 0 not yet */
    uint32_t shown_turn;   /* the turn whose customer line was shown */
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
} fl_call_ui;

typedef struct {
    const char *db_path; /* NULL: the default store */
    const char *scenario_path;
    const char *trainee, *group;
    int assessment;
    int timed;
    double factor; /* 1, 1.5, 2 */
    const char *lang;
} fl_call_opts;

/* Starts a call on s (which must outlive it) and opens its recorder. Returns 0 with *out set,
 * -1 when the session cannot start (*out NULL). The call owns the session and the recorder. */
int fl_call_new(fl_call_ui **out, const fl_scenario *s, const fl_call_opts *o);
/* Records the session as it stands (finished or unfinished) and closes the recorder; the
 * session stays for the results and the review. Again: nothing. */
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
/* Skips the typing pause: the line is shown and the clock starts at now_ms. */
void fl_call_skip_typing(fl_call_ui *c, uint64_t now_ms);

/* Advances the call to now_ms: the typing pause, the reply clock (a timeout is an act), the
 * meters' animation. *changed gets 1 when something visible changed. Returns the ms until the
 * next change, -1 when nothing will change by itself. */
int fl_call_tick(fl_call_ui *c, uint64_t now_ms, int *changed);

/* A message from the store since the last call (the session went to a fallback file), or
 * NULL; also kept in c->notice. */
const char *fl_call_store_notice(fl_call_ui *c);

#endif
