/*
 * session.h - one conversation as a front end plays it: the engine's state plus the transcript.
 *
 * Every front end (the desktop, `play --text`, `play --script`) drives a session the same way:
 * look at the node and the line shown, offer fl_session_offered() replies, then call
 * fl_session_choose(), fl_session_type() or fl_session_timeout() with the milliseconds the
 * trainee took, until fl_session_ended(). A stress round (round.h) adds fl_session_hang_up(). The
 * transcript keeps every turn with the state after it, so replaying the same acts gives the same
 * transcript, scores and findings. Practice mode can take a reply back (fl_session_undo). Depends
 * on libc, engine, score and lexicon.
 */
#ifndef FL_SESSION_H
#define FL_SESSION_H

#include "engine.h"
#include "lexicon.h"
#include "score.h"
#include "voice.h"

typedef struct fl_session fl_session;

typedef struct {
    int timed;           /* apply the scenario's time limits */
    fl_lexicon *lexicon; /* for typed replies; NULL: the session loads the built-in lexicon of
                            the scenario's language at the first typed reply */
    uint32_t limit_ms;   /* timed: 0 for the scenario's own per-node limits, else the limit of
                            every node, even in a scenario without limits (a stress round's
                            level) */
} fl_session_opts;

/* One turn of the transcript: the trainee's reply and what it led to. */
typedef struct {
    uint32_t turn;     /* 1-based */
    int32_t node;      /* where the reply was given */
    int32_t line;      /* the customer line shown there, -1 none */
    int32_t reply;     /* index into the node's replies; -1 a timeout or a hang-up */
    int hung_up;       /* the customer hung up while waiting (fl_session_hang_up): the
                          conversation ended here, lost */
    char *typed;       /* the text typed (free-text nodes), NULL otherwise */
    uint32_t signals;  /* all the reply's signals: declared and detected */
    uint32_t detected; /* those detected from the typed text */
    char *triggers;    /* typed: the words that carried each detected signal, as
                          fl_explanation_format() writes them ("apology: sorry; ownership: let me
                          check", "" when none); NULL otherwise. Owned by the session. */
    uint32_t took_ms;  /* as the engine counted it: at most the limit where a <timeout> would
                          have come first; a hang-up's whole wait */
    int32_t mood, patience, trust, goodwill; /* after the turn */
    uint64_t elapsed_ms;    /* after the turn: 64 bits, a long session never wraps (2^32 ms is
                               49.7 days, which a script of long replies can add up to) */
    int has_voice;          /* the reply was read aloud and measured (fl_session_voice) */
    fl_voice_figures voice; /* then: the tone meter's figures */
    uint32_t voice_flags;   /* then: fl_voice_judge(&voice) */
} fl_turn;

/* Returns 0, -1 when out of memory. The scenario (and lexicon) must outlive the session. */
int fl_session_new(fl_session **out, const fl_scenario *s, const fl_session_opts *opts);
void fl_session_free(fl_session *ss);

const fl_engine *fl_session_engine(const fl_session *ss);
const fl_state *fl_session_state(const fl_session *ss);
const fl_node *fl_session_node(const fl_session *ss);
/* The customer line shown now, NULL when none holds. */
const fl_line *fl_session_line(const fl_session *ss);
int fl_session_ended(const fl_session *ss);
/* Time limit of the current reply in ms, 0 when untimed. */
uint32_t fl_session_limit_ms(const fl_session *ss);

/* The replies offered now, as indices into fl_session_node()->replies, in file order (choices;
 * for a free-text node the routes and the fallback are never offered). Returns the count. */
uint32_t fl_session_offered(const fl_session *ss, uint32_t *idx, uint32_t max);

/* The acts. Each returns 0, or -1 when it is not possible now (ended, not offered, not a
 * free-text node, no timeout here), or -2 when out of memory. */
int fl_session_choose(fl_session *ss, uint32_t reply, uint32_t took_ms);
/* A route or the fallback picked by id rather than by text (scripts): like typing words that
 * match it, with its declared signals only. */
int fl_session_route(fl_session *ss, uint32_t reply, uint32_t took_ms);
int fl_session_type(fl_session *ss, const char *text, size_t len, uint32_t took_ms);
int fl_session_timeout(fl_session *ss);
/* The customer hangs up after waiting waited_ms (engine time, the extension taken out; it may
 * pass the limit at a node without <timeout>): a turn with reply -1 and hung_up set, scored as
 * dead air that lost the customer (engine.h, FL_ACT_HANGUP). -1 when untimed or ended. */
int fl_session_hang_up(fl_session *ss, uint32_t waited_ms);
/* The trainee read reply `turn` (1-based; a reply, not a timeout or hang-up) aloud: its figures
 * join the turn. Reported beside the score; counted in it (Tone) only when the scenario's rubric
 * says <rubric voice="scored">. Returns 0, or -1 when there is no such reply turn. */
int fl_session_voice(fl_session *ss, uint32_t turn, const fl_voice_figures *f);
/* Takes the last reply back. Returns 0, or -1 when there is none. */
int fl_session_undo(fl_session *ss);

const fl_turn *fl_session_turns(const fl_session *ss, size_t *n);
/* The events the engine reported so far, in order (those of a taken-back turn are gone); each
 * names its turn. Valid until the next act. */
const fl_event *fl_session_events(const fl_session *ss, size_t *n);

/* Scores, survey and findings of the conversation so far. fl_findings_free() the findings.
 * Returns 0, or -1 when out of memory. */
int fl_session_report(const fl_session *ss, fl_scores *scores, fl_survey *survey,
                      fl_findings *findings);

#endif
