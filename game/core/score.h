/*
 * score.h - the scoring of a conversation (scoring.md): seven dimensions, the overall score and
 * its band, the findings that explain every point lost, and the simulated post-call survey.
 *
 * Scores are integers computed from an engine state (engine.h), so they are exact and the same
 * on every machine. Findings are built from the events the engine reported, in turn order, with
 * the points each one actually cost (floors included), a message and a better alternative in the
 * scenario's language (English or Russian). Depends on libc, scenario.h and engine.h.
 */
#ifndef FL_SCORE_H
#define FL_SCORE_H

#include <stddef.h>

#include "engine.h"

/* How far below the pass mark a critical mistake caps the score (59 for a pass mark of 70). */
#define FL_CRITICAL_CAP_BELOW 11

/* The dimensions a pass needs each at the pass floor: the agent's conduct (a mean can hide a
 * skill missing entirely). Resolution and Upsell timing fail through critical mistakes (a
 * customer lost or left unhappy, an offer to an unhappy customer); a slow but steady agent is
 * not failed for speed alone (dead air is critical). */
#define FL_FLOOR_DIMENSIONS                                                                        \
    ((1u << FL_DIM_EMPATHY) | (1u << FL_DIM_APOLOGY) | (1u << FL_DIM_OWNERSHIP) |                  \
     (1u << FL_DIM_TONE))

typedef struct {
    int score[FL_DIM_COUNT];      /* 0..100; 0 when not applicable */
    int applicable[FL_DIM_COUNT]; /* the dimension counts for this conversation */
    int weight[FL_DIM_COUNT];     /* the scenario's weights (defaults or its <rubric>) */
    int share[FL_DIM_COUNT];      /* per mille of the overall score after redistribution */
    int raw;                      /* the weighted mean, 0..100, rounded half up */
    int overall;                  /* raw, or with a critical mistake raw scaled into 0..pass-1 */
    char band;     /* A (90+), B (80+), C (70+), D (60+), F; '-' when not attempted */
    int passed;    /* attempted, no critical mistake, no dimension under the pass floor, and the
                      weighted mean at the pass mark: then and only then overall >= pass */
    int attempted; /* at least one turn (a reply or a timeout); else nothing is scored */
    int finished;  /* reached an ending: an unfinished conversation is capped at pass - 1 */
    int critical;  /* critical mistakes committed (each occurrence counts) */
    uint32_t below_floor;    /* bit d: applicable dimension d scored under the pass floor */
    uint32_t critical_items; /* which: FL_CRIT_* and signal bits (scenario.h) */
    fl_outcome outcome;      /* FL_OUTCOME_NONE while the conversation goes on */
} fl_scores;

/*
 * Scores the conversation in st (finished or not: an unfinished one scores its outcome as 0).
 * Evidence (scoring.md): with no reply at all (only timeouts) Ownership is 0 and Tone and Upsell
 * timing are not applicable; with no turn at all the session is not attempted: nothing is
 * applicable, overall 0, band '-', not passed. A critical mistake caps the weighted mean at
 * pass - FL_CRITICAL_CAP_BELOW (59 at the default pass mark of 70, an F); a dimension of
 * FL_FLOOR_DIMENSIONS under the pass floor caps it at pass - 1: the session fails, and a poorer
 * failed conversation keeps its lower score.
 */
void fl_score_compute(const fl_engine *eng, const fl_state *st, fl_scores *out);

/* The simulated post-call survey. */
typedef struct {
    int csat; /* 1..5, satisfaction */
    int ces;  /* 1..7, effort: 1 effortless, 7 very hard */
    int nps;  /* 0..10, likelihood to recommend: 9-10 promoter, 0-6 detractor */
} fl_survey;

void fl_survey_compute(const fl_engine *eng, const fl_state *st, fl_survey *out);

typedef enum { FL_FIND_INFO, FL_FIND_WARNING, FL_FIND_MISTAKE } fl_finding_severity;
const char *fl_finding_severity_name(fl_finding_severity s);

typedef struct {
    uint32_t turn; /* 1-based reply the finding is about; 0 = the whole conversation */
    int dimension; /* fl_dimension, or -1 (a trainer's note on a neutral reply) */
    int points;    /* dimension points: negative lost, positive won back, 0 a remark */
    fl_finding_severity severity;
    const char *rule;    /* stable id: "transfer", "apology-missing", "note", ... */
    char *message;       /* one line, in the scenario's language */
    const char *better;  /* a better alternative (the reply's own <better> first), or NULL */
    const char *note;    /* the trainer's <note> on the reply, when it explains this finding */
    int critical;        /* a critical mistake: it failed the conversation */
    int32_t node, reply; /* where (reply -1: a timeout or the whole conversation) */
} fl_finding;

typedef struct {
    fl_finding *items;
    size_t n;
} fl_findings;

/*
 * Builds the findings of the conversation in st from the events its steps reported (events in
 * the order they were reported): critical mistakes first, then in turn order. A trainer's note
 * enriches the finding of its reply's first mistake; it stands alone only when the reply made
 * none. Returns 0, or -1 when out of memory. Free with
 * fl_findings_free().
 */
int fl_findings_build(const fl_engine *eng, const fl_state *st, const fl_event *events,
                      size_t n_events, fl_findings *out);
void fl_findings_free(fl_findings *f);

#endif
