/*
 * round.h - stress rounds: several calls at once under a shrinking clock (scoring.md "Stress
 * rounds", architecture.md "Seams: time in the core").
 *
 * Two halves:
 *   - fl_round_def: a round file as trainers write it (scenarios/schema/round.xsd), parsed from
 *     memory with file:line:column diagnostics (round_load.c). The def names its scenarios by
 *     path or by tag; finding and loading those files is the front end's job (the core never
 *     lists folders), so fl_round_new() is handed the loaded scenarios, the pool.
 *   - fl_round: the round being played. It owns up to FL_ROUND_MAX_AT_ONCE live calls (each an
 *     fl_session), draws arrivals and scenarios from the seed, and is driven by
 *     fl_round_tick(now_ms) and the trainee's acts on one call. Everything that depends on time
 *     happens here at an exact tick, for every front end alike: a customer "types" before each
 *     line appears, a call waiting for the trainee loses patience as it waits, the time limit's
 *     timeout fires, a customer whose patience runs out hangs up (lost). The time extension
 *     (x1.5, x2, untimed: WCAG 2.2.1) is applied here too.
 *
 * The single conversation is a round of one (fl_round_new_single): the desktop and the terminal
 * take "time is up" from the round instead of deciding it themselves.
 *
 * Time: now_ms is milliseconds since the round began, from the front end's monotonic clock (or
 * from a script). It never goes backwards; a tick or act with an earlier time is treated as the
 * latest time seen. Nothing here reads a clock or draws a random number from the system: the
 * same def, pool, options, acts and times give the same round, byte for byte.
 *
 * Depends on libc, libm, scenario, session, lexicon, diag.
 */
#ifndef FL_ROUND_H
#define FL_ROUND_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "lexicon.h"
#include "scenario.h"
#include "session.h"
#include "voice.h"

#define FL_ROUND_MAX_AT_ONCE   5
#define FL_ROUND_MAX_LEVELS    10
#define FL_ROUND_MAX_CUSTOMERS 500
#define FL_ROUND_MAX_BYTES     (1024u * 1024)

/* ---- The round file ------------------------------------------------------------------------ */

typedef struct {
    uint32_t limit_ms;  /* reply time limit at this level (1..600 s) */
    uint32_t every_ms;  /* mean time between arrivals at this level (1..3600 s) */
    uint32_t customers; /* customers who arrive at this level (the def's split when the file
                           does not say: the total spread evenly, the remainder to the last) */
    fl_pos pos;
} fl_round_level;

typedef struct {
    const char *path; /* <scenario path=".."/>: as written, relative to the round file */
    const char *tag;  /* <scenarios tag=".."/>: every scenario in `dir` with this tag */
    const char *dir;  /* for a tag: the folder, relative to the round file (default: the
                         round's language folder, "../<lang>") */
    fl_pos pos;
} fl_round_source;

typedef struct fl_round_def {
    const char *id;
    uint32_t version;
    const char *lang; /* "en", "ru": every scenario drawn must be in it */
    const char *title, *brief;
    uint32_t at_once;   /* most customers at once, 1..5 (default 3) */
    uint32_t customers; /* in all, 1..FL_ROUND_MAX_CUSTOMERS */
    uint64_t seed;
    const fl_round_level *levels;
    uint32_t n_levels;
    const fl_round_source *sources;
    uint32_t n_sources;
    /* the pass rule (<pass lost=".." mean=".."/>): at most pass_lost customers lost and a mean
     * score of at least pass_mean; default 0 and 70 */
    uint32_t pass_lost;
    uint32_t pass_mean;
    const char *path; /* the file it was loaded from (NULL from memory) */
    const char *dir;  /* that file's folder: sources are relative to it */
    struct fl_arena *arena;
} fl_round_def;

/* Loads the round in buf[0..len) with the scenario loader's safety (UTF-8 only, no DTD, no
 * entities, depth and size limits). Every problem is appended to diags with its line and
 * column. Returns 0 with *out set (warnings allowed), -1 with *out NULL on errors, -2 out of
 * memory. */
int fl_round_def_load_memory(fl_round_def **out, const char *buf, size_t len, const char *path,
                             fl_diags *diags);
/* Reads the file and loads it (the loader's file wrapper). */
int fl_round_def_load_file(fl_round_def **out, const char *path, fl_diags *diags);
void fl_round_def_free(fl_round_def *def);

/* Whether buf holds a round file rather than a scenario (its root element is <round>). */
int fl_is_round_document(const char *buf, size_t len);

/* ---- Timing rules -------------------------------------------------------------------------- */

/* How long the customer "types" before a line of n bytes appears: 500 ms + 12 ms per byte, at
 * most 1800 ms (the desktop's pause before, now the same for every front end). */
uint32_t fl_typing_ms(size_t n_bytes);

/* ---- The round being played ---------------------------------------------------------------- */

typedef struct fl_round fl_round;

typedef struct {
    /* The time extension in percent: 100 (none), 150, 200; 0 = untimed (no limits, no timeouts,
     * no hang-ups for waiting). The trainee gets limit * pct / 100 real time; the engine is
     * given the time taken scaled back (real * 100 / pct), so scores do not move with it. */
    uint32_t time_pct;
    uint64_t seed;       /* 0: the def's seed */
    fl_lexicon *lexicon; /* for typed replies (NULL: the built-in one of the language) */
    int instant_lines;   /* lines appear at once, with no typing pause (the terminal's single
                            conversation, which prints each line the moment it is due) */
    int hold_lines;      /* a line that appears is being presented (FL_CALL_PRESENTING: shown,
                            and spoken when the customer's voice is on) and the wait, its limit
                            and the patience it costs start only at fl_round_presented() */
} fl_round_opts;

/* Starts a round at time 0: the first customer arrives at 0. pool[0..n_pool) are the loaded
 * scenarios the def's sources resolved to, in a stable order (the front end sorts them by path);
 * they must outlive the round. Returns 0, -1 when the pool is empty, -2 out of memory. */
int fl_round_new(fl_round **out, const fl_round_def *def, const fl_scenario *const *pool,
                 uint32_t n_pool, const fl_round_opts *opts);

/* A round of one: this scenario, arriving at 0, with its own time limits (none when untimed
 * or opts->time_pct is 0). */
int fl_round_new_single(fl_round **out, const fl_scenario *s, const fl_round_opts *opts);
void fl_round_free(fl_round *r);

/* Brings the round to now_ms: every arrival, line, timeout and hang-up due by then happens, in
 * time order, each at its exact tick. Returns how many things happened (0: nothing to redraw),
 * -2 out of memory. */
int fl_round_tick(fl_round *r, uint64_t now_ms);

/* When the next thing will happen by itself (an arrival, a line, a timeout, a hang-up), or
 * UINT64_MAX when nothing will until the trainee acts. A front end sleeps until then. */
uint64_t fl_round_next_ms(const fl_round *r);

typedef enum {
    FL_CALL_TYPING,     /* the customer is typing: their line appears at line_at_ms */
    FL_CALL_PRESENTING, /* hold_lines: the line is shown and being spoken; no clock runs until
                           fl_round_presented() */
    FL_CALL_WAITING,    /* the line is shown; waiting for the trainee since wait_from_ms */
    FL_CALL_ENDED,      /* ended (an ending, a hang-up, or the round finished early) */
} fl_call_phase;

typedef struct {
    uint32_t number; /* 1-based, in order of arrival; stable for the whole round */
    uint32_t level;  /* 0-based level the customer arrived in */
    fl_call_phase phase;
    uint64_t arrived_ms;
    uint64_t line_at_ms;   /* TYPING: when the line appears; PRESENTING: when it appeared */
    uint64_t wait_from_ms; /* WAITING: when the line appeared */
    uint64_t deadline_ms;  /* WAITING: when the limit runs out (the timeout), UINT64_MAX none */
    uint64_t hangup_ms;    /* WAITING: when the customer will hang up if nobody answers,
                              UINT64_MAX never */
    uint64_t ended_ms;     /* ENDED */
    uint32_t limit_ms;     /* the real-time limit of the current reply (extension applied), 0 */
    int32_t patience;      /* the customer's patience now, the wait so far taken off */
    const fl_session *session;
} fl_call_view;

/* The calls that have arrived so far, in order of arrival (number i+1 at index i). */
uint32_t fl_round_n_calls(const fl_round *r);
int fl_round_call(const fl_round *r, uint32_t number, fl_call_view *out); /* -1 no such call */
/* The calls not ended, at most def->at_once (the round's "tabs"), by number. Returns the count. */
uint32_t fl_round_live(const fl_round *r, uint32_t *numbers, uint32_t max);

/* The round's level now (the level of the latest customer to arrive), 0-based. */
uint32_t fl_round_level_now(const fl_round *r);
/* Customers not yet arrived (waiting to arrive, or held back because at_once calls are live). */
uint32_t fl_round_to_come(const fl_round *r);
int fl_round_over(const fl_round *r); /* every customer arrived and every call ended */

/*
 * The trainee's acts on call `number` at now_ms (the round is first ticked to now_ms). Each
 * returns 0, -1 when not possible (no such call, not waiting for the trainee, reply not offered,
 * not a free-text node), -2 out of memory. The time taken is now_ms - wait_from_ms, scaled back
 * by the extension for the engine. A call still presenting its line (hold_lines) may be answered
 * and undone too (the trainee interrupts the customer): the line counts as presented at now_ms
 * first (its FL_RE_LINE then, the reply waited 0); an act refused with -1 leaves it presenting.
 */
int fl_round_choose(fl_round *r, uint32_t number, uint32_t reply, uint64_t now_ms);
int fl_round_route(fl_round *r, uint32_t number, uint32_t reply, uint64_t now_ms);
int fl_round_type(fl_round *r, uint32_t number, const char *text, size_t len, uint64_t now_ms);
/* Practice: takes the call's last reply back; the call waits again from now_ms. */
int fl_round_undo(fl_round *r, uint32_t number, uint64_t now_ms);

/* The customer of call `number` stops "typing": the line appears at now_ms (the round is first
 * ticked to now_ms) and the wait starts then, as if the typing pause had ended there (the desktop's
 * Space, which skips the pause). Deterministic like every act. Returns 0, -1 when the call is not
 * typing (no such call, waiting, ended), -2 out of memory. */
int fl_round_show_now(fl_round *r, uint32_t number, uint64_t now_ms);

/* hold_lines: the line of call `number` has been presented (shown, and its speech has ended):
 * the wait starts at now_ms (the round is first ticked to now_ms), with its deadline and hang-up
 * time, and the timeline's FL_RE_LINE is recorded at now_ms (the line event marks the start of
 * the wait; the moment the text was shown is the view's line_at_ms while presenting). Returns 0,
 * -1 when the call is not presenting, -2 out of memory. Deterministic like every act, and scripts
 * may give it. */
int fl_round_presented(fl_round *r, uint32_t number, uint64_t now_ms);

/* The trainee read reply `turn` (1-based, a reply turn of call `number`'s session) aloud and
 * the tone meter measured it: the figures join that turn (fl_session_voice), and the turn's
 * FL_RE_REPLY event is marked slipped while its voice costs Tone (<rubric voice="scored">). 0,
 * or -1 when there is no such call or reply turn. */
int fl_round_voice(fl_round *r, uint32_t number, uint32_t turn, const fl_voice_figures *f);

/* Ends the round at now_ms (the trainee left): live calls end unfinished, customers still to
 * come never arrive. */
void fl_round_finish(fl_round *r, uint64_t now_ms);

/* ---- The timeline -------------------------------------------------------------------------- */

typedef enum {
    FL_RE_ARRIVE,  /* a customer arrived (call opened) */
    FL_RE_LINE,    /* a customer line appeared (the call waits for the trainee); with
                      hold_lines, when its presentation ended */
    FL_RE_REPLY,   /* the trainee replied: waited_ms, concurrency, canned, slipped */
    FL_RE_UNDO,    /* a reply was taken back */
    FL_RE_TIMEOUT, /* the limit ran out with no reply */
    FL_RE_HANGUP,  /* the customer hung up while waiting */
    FL_RE_END,     /* the call ended: outcome */
} fl_round_event_kind;

typedef struct {
    fl_round_event_kind kind;
    uint32_t call;       /* number */
    uint64_t at_ms;      /* round time */
    uint32_t turn;       /* REPLY/TIMEOUT: the session turn (1-based) */
    uint32_t waited_ms;  /* REPLY/TIMEOUT/HANGUP: real time the customer waited */
    uint8_t concurrency; /* REPLY: live calls when it was given (1..5) */
    uint8_t canned;      /* REPLY: canned, or the same typed text sent before in the round */
    uint8_t slipped;     /* REPLY: it cost Tone or Empathy (the turns where manner slipped) */
    uint8_t outcome;     /* END: fl_outcome (FL_OUTCOME_NONE: unfinished) */
} fl_round_event;

const fl_round_event *fl_round_timeline(const fl_round *r, size_t *n);

/* ---- The round's figures ------------------------------------------------------------------- */

/* The trainee's untimed average from the results store, for composure. */
typedef struct {
    int tone, empathy; /* 0..100 */
    uint32_t sessions; /* how many untimed sessions it is the mean of */
} fl_round_baseline;

typedef struct {
    uint32_t replies;       /* replies given with this many calls live */
    uint32_t canned;        /* canned or repeated among them */
    uint32_t mean_reply_ms; /* real ms, 0 when no replies */
} fl_round_load;

typedef struct {
    uint32_t customers, arrived, resolved, lost, other; /* other: ended partly/escalated */
    uint32_t unfinished;                                /* live when the round was finished */
    uint64_t duration_ms;                        /* 0 .. the last call's end (or the finish) */
    double per_minute;                           /* throughput: resolved per minute of the round */
    uint32_t mean_reply_ms;                      /* over every reply, real ms */
    double canned_share;                         /* 0..1 over every reply */
    fl_round_load by_load[FL_ROUND_MAX_AT_ONCE]; /* [k]: k+1 calls live */
    int responsiveness;                          /* mean over calls, -1 none applied */
    int mean_score;    /* mean overall score of the calls that arrived, -1 none */
    int tone, empathy; /* mean over calls that arrived, -1 none */
    int has_baseline;
    int composure_tone, composure_empathy; /* this round minus the baseline (has_baseline) */
    int composure;                         /* mean of the two (has_baseline) */
    uint32_t time_pct;                     /* the extension it was played with */
    int passed;                            /* the def's pass rule */
} fl_round_figures;

/* The figures now (the round need not be over). baseline may be NULL ("no baseline yet"). */
int fl_round_figures_get(const fl_round *r, const fl_round_baseline *baseline,
                         fl_round_figures *out);

const fl_round_def *fl_round_get_def(const fl_round *r); /* NULL for a round of one */
uint64_t fl_round_seed(const fl_round *r);

#endif
