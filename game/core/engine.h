/*
 * engine.h - the dialogue engine: the customer as a state machine over a loaded scenario.
 *
 * An fl_engine holds what is computed once per scenario (where each piece of per-conversation
 * memory lives); an fl_state is one moment of one conversation: where it is, the customer's
 * meters, the flags and variables, and the running tallies the scoring needs. A state is a flat
 * block of fl_engine.state_size bytes with no pointers, so copying it with memcpy() forks a
 * conversation and comparing it with memcmp() tells two moments apart. That is what lets the
 * explorer (explore.h) visit every path, and the session (session.h) replay any transcript.
 *
 * One step: the trainee replies (a choice, a route chosen from typed text, the fallback, or
 * silence until the time limit), the engine applies the reply's signals, effects and variables,
 * then the default dynamics of scoring.md, then moves to the target node and picks the customer
 * line shown there. Time comes in as an argument (milliseconds the trainee took); nothing here
 * reads a clock or draws a random number, so the same inputs always give the same state.
 *
 * Depends on libc and scenario.h only.
 */
#ifndef FL_ENGINE_H
#define FL_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "scenario.h"

/* The default dynamics of scoring.md, as meter changes per reply. */
#define FL_DYN_COLD_MOOD          (-5)  /* no empathy or apology while mood < angry-mood */
#define FL_DYN_TRANSFER_PATIENCE  (-10) /* a transfer */
#define FL_DYN_TRANSFER_TRUST     (-5)  /* a transfer */
#define FL_DYN_RUDE_MOOD          (-20) /* rudeness */
#define FL_DYN_FAMILIAR_MOOD      (-5)  /* familiarity once the issue is resolved */
#define FL_DYN_FAMILIAR_OPEN_MOOD (-10) /* familiarity while it is unresolved */
#define FL_DYN_WAIT_PATIENCE      15    /* patience lost by a reply that takes the whole limit */
#define FL_DYN_TIMEOUT_PATIENCE   (-15) /* silence until the time runs out, on top of the wait */

/* How the trainee answered. */
typedef enum {
    FL_ACT_REPLY,   /* a reply of the current node: a choice, a route or the fallback */
    FL_ACT_TIMEOUT, /* nothing before the time limit ran out */
} fl_act_kind;

typedef struct {
    fl_act_kind kind;
    uint32_t reply;   /* index into the node's replies (FL_ACT_REPLY) */
    uint32_t signals; /* extra signals, detected from typed text by the lexicon */
    uint32_t took_ms; /* how long the trainee took (ignored for a timeout: the limit) */
    int typed;        /* the trainee typed it: the route was chosen from the text */
    int repeated;     /* typed: the same text was sent before (the caller keeps the texts) */
} fl_act;

/*
 * The scoring rules (scoring.md), one per kind: the engine applies the ones it can decide at a
 * reply and reports each as an event; the findings (score.c) decide the rest from the whole
 * conversation and explain every one. What a rule costs, where, how serious it is and which
 * critical mistake it explains is stated once, in fl_rule_defs.
 */
typedef enum {
    /* applied by the engine at the reply that fired them */
    FL_EV_EMPATHY_MISSED,   /* a = weight, b = the customer's emotion */
    FL_EV_EMPATHY_OPENING,  /* the first reply to an angry opening: a = weight (2), b = emotion */
    FL_EV_APOLOGY_TOO_MANY, /* a = apologies so far */
    FL_EV_TRANSFER,
    FL_EV_RECOVERED, /* ownership after a transfer */
    FL_EV_FAMILIAR,
    FL_EV_FAMILIAR_OPEN,  /* while the problem is unresolved */
    FL_EV_FAMILIAR_AGAIN, /* familiarity kept up after a first familiar reply: read as rude */
    FL_EV_RUDE,
    FL_EV_CANNED,
    FL_EV_REPEATED, /* the same reply twice, counted as canned */
    FL_EV_JARGON,
    FL_EV_JARGON_CONFUSED, /* jargon to a customer who has already shown confusion */
    FL_EV_UPSELL_UNHAPPY,  /* a = points (0..99), b = mood before */
    FL_EV_UPSELL_OPEN,     /* before the problem was resolved: a = points, b = mood */
    FL_EV_UPSELL_LUKEWARM, /* resolved but not yet pleased: a = points, b = mood */
    FL_EV_OVER_BUDGET,     /* a = goodwill spent in total */
    FL_EV_SLOW,            /* a = points, b = seconds taken, c = limit in seconds */
    FL_EV_TIMEOUT,         /* c = limit in seconds */
    FL_EV_NOTE,            /* the reply's trainer note */
    FL_EV_CRITICAL,        /* a critical mistake: a = its bit index (scenario.h, FL_CRIT_*) */
    /* decided by the findings from the whole conversation */
    FL_EV_APOLOGY_MISSING,
    FL_EV_APOLOGY_LATE,
    FL_EV_UPSELL_MISSED,
    FL_EV_OUTCOME_PARTLY,
    FL_EV_OUTCOME_ESCALATED,
    FL_EV_OUTCOME_LOST,
    FL_EV_HUNG_UP,
    FL_EV_UNFINISHED,
    FL_EV_CRITICAL_ITEM,  /* a critical signal with no finding of its own */
    FL_EV_CRITICAL_REPLY, /* a reply marked critical="yes" that made no other mistake */
    FL_EV_COUNT
} fl_event_kind;

typedef struct {
    const char *id;    /* the finding's rule id ("transfer"), stable in exports */
    int dimension;     /* fl_dimension whose points it moves, -1 none */
    int param;         /* FL_P_* that sets its points, -1: `points` below */
    int points;        /* without a param: points lost (> 0) or won back (< 0); 0: computed from
                          the conversation (shares of Empathy and Responsiveness, upsell timing) */
    int value;         /* the param is the dimension's score when the rule holds, not a penalty */
    int severity;      /* fl_finding_severity */
    uint32_t critical; /* the critical items (FL_CRIT_*, signal bits) a finding of it explains */
} fl_rule_def;

extern const fl_rule_def fl_rule_defs[FL_EV_COUNT];

/* The points rule k costs in scenario s (its param's value, or its fixed points). */
static inline int fl_rule_points(const fl_scenario *s, fl_event_kind k)
{
    return fl_rule_defs[k].param >= 0 ? s->params[fl_rule_defs[k].param] : fl_rule_defs[k].points;
}

typedef struct {
    fl_event_kind kind;
    uint32_t turn; /* 1-based: the reply that fired it */
    int32_t node;  /* node where the reply was given */
    int32_t reply; /* index into that node's replies, -1 for a timeout */
    int32_t a, b, c;
} fl_event;

/* Receives the events of a step (the explorer passes none, the session collects them). */
typedef struct {
    void (*event)(void *payload, const fl_event *ev);
    void *payload;
} fl_step_log;

/* The fixed part of a state; the environment (int32_t[n_env]) and the memory bits
 * (uint64_t[n_bits_words]) follow it in the same block. */
typedef struct {
    int32_t node;    /* current node, or the ending reached */
    int16_t line;    /* index of the customer line shown at node, -1 when none holds */
    uint8_t ended;   /* an ending was reached, or the customer hung up */
    uint8_t hung_up; /* patience ran out: the outcome is lost */
    uint16_t turn;   /* agent replies so far, timeouts included */
    uint16_t timeouts;
    uint32_t elapsed_ms;
    /* tallies for the scoring */
    uint16_t emo_total,
        emo_answered;       /* emotional customer turns, weighted; answered with empathy */
    int16_t grievance_turn; /* reply index after the first grievance, -1 none */
    int16_t apology_turn;   /* first apology at or after it, -1 none */
    uint16_t apologies;
    uint16_t transfers;
    uint16_t recoveries;
    uint16_t open_transfers; /* transfers not yet taken back with ownership */
    uint16_t tone_lost;
    int16_t upsell;           /* lowest upsell points so far, -1 none */
    int16_t good_moment_turn; /* first reply given while an offer would have been welcome */
    uint8_t over_budget;
    uint8_t pad;
    uint32_t resp_sum; /* responsiveness points summed over timed replies */
    uint16_t resp_n;
    /* Flags rather than counts where only "ever" matters: every field here splits the
     * explorer's states, so nothing is kept that the future or the score does not need. */
    uint8_t spoke;    /* a reply (not a timeout) was given: the evidence for Tone and Ownership */
    uint8_t familiar; /* a familiar reply was given: the next one reads as rude */
    uint8_t confused; /* the customer has shown confusion (a confused line was shown) */
    uint8_t pad3;
    uint32_t critical; /* the critical items committed so far, FL_CRIT_* and signal bits */
} fl_state;

typedef struct fl_engine {
    const fl_scenario *scenario;
    int timed;            /* time limits and timeouts apply */
    uint32_t n_env;       /* FL_SLOT_VAR0 + variables */
    uint32_t state_size;  /* bytes of one state, a multiple of 8 */
    uint32_t env_offset;  /* where the environment starts in a state */
    uint32_t bits_offset; /* where the memory bits start */
    uint32_t n_bits;      /* once-only replies, then repeatable texts */
    /* per reply (indexed by fl_engine_reply_index): its once bit and its text's bit, -1 none */
    uint32_t *reply_base; /* first reply index of each node */
    int32_t *once_bit;
    int32_t *text_bit;
    uint32_t n_replies;
} fl_engine;

/* Prepares the engine for a scenario; timed: the scenario's time limits apply. Returns 0, or
 * -1 when out of memory. The scenario must outlive the engine. */
int fl_engine_init(fl_engine *eng, const fl_scenario *s, int timed);
void fl_engine_fini(fl_engine *eng);

static inline int32_t *fl_state_env(const fl_engine *eng, fl_state *st)
{
    return (int32_t *)((char *)st + eng->env_offset);
}
static inline const int32_t *fl_state_cenv(const fl_engine *eng, const fl_state *st)
{
    return (const int32_t *)((const char *)st + eng->env_offset);
}

/* Writes the start of a conversation into st (eng->state_size bytes): start meters, variable
 * initial values, the start node and its line. */
void fl_engine_start(const fl_engine *eng, fl_state *st);

/* The time limit of the current node in milliseconds, 0 when untimed. */
uint32_t fl_engine_limit_ms(const fl_engine *eng, const fl_state *st);

/* Whether reply i of the current node is offered now (its condition holds; a once-only reply
 * not picked yet). Routes and the fallback answer for their condition only. */
int fl_engine_offered(const fl_engine *eng, const fl_state *st, uint32_t i);

/* Whether the timeout can happen here (timed, a limit, a <timeout>). */
int fl_engine_can_timeout(const fl_engine *eng, const fl_state *st);

/* Applies one act. Returns 0, or -1 when the act is not possible here (the conversation ended,
 * the reply is not offered, no timeout). `log` may be NULL. */
int fl_engine_step(const fl_engine *eng, fl_state *st, const fl_act *act, const fl_step_log *log);

/* The outcome of an ended conversation (lost when the customer hung up). */
fl_outcome fl_engine_outcome(const fl_engine *eng, const fl_state *st);

#endif
