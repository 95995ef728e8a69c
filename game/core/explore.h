/*
 * explore.h - the path explorer: every way a conversation can go.
 *
 * It plays every reply offered at every point (every route and the fallback of a free-text node,
 * and the timeout in timed play) from the start, with the customer's state, the flags, the
 * variables and the scoring tallies as part of the search state. Two paths that arrive at the
 * same state have the same futures, so each distinct state is expanded once and the paths through
 * it are counted, not re-walked: the explorer is exact (every distinct path is accounted for)
 * without being exponential in the common case. A path that comes back to a moment it was in
 * before (the same node, meters, variables, once-only replies used, and signals seen, counted up
 * to 3) went round a loop that changed nothing for the customer, and is not followed round it
 * again. Paths longer than max_turns replies are cut and reported, and so is a search that needs
 * more than max_states states: the author can raise both.
 *
 * For the trainer it reports the endings reached, the best and the worst path with their
 * scores, each dimension's range, and every reply that no path can take. Depends on libc and the
 * engine.
 */
#ifndef FL_EXPLORE_H
#define FL_EXPLORE_H

#include <stddef.h>
#include <stdint.h>

#include "engine.h"
#include "score.h"

typedef struct {
    int timed;          /* explore with the scenario's time limits (timeouts become choices) */
    uint32_t max_turns; /* longest path followed, in replies (default 25) */
    size_t max_states;  /* distinct states kept in memory (default 2,000,000) */
    uint32_t pace_ms;   /* how long each reply takes (default 5000: a prompt trainee) */
    int stop_at;        /* stop as soon as a path scores this or more (0: explore everything) */
} fl_explore_opts;

#define FL_EXPLORE_DEFAULT_TURNS   25
#define FL_EXPLORE_DEFAULT_STATES  2000000
#define FL_EXPLORE_DEFAULT_PACE_MS 5000

/* One step of a path: reply index at a node, or -1 for the timeout. */
typedef struct {
    int32_t node;
    int32_t reply;
} fl_path_step;

typedef struct {
    fl_path_step *steps;
    size_t n;
    int32_t end;      /* the node the path ends at (an ending; where it hung up) */
    fl_scores scores; /* the path's scores */
} fl_path;

typedef struct {
    uint64_t steps;              /* engine steps taken */
    size_t states;               /* distinct states expanded */
    uint64_t paths;              /* complete paths (start to an ending), saturating at UINT64_MAX */
    uint64_t paths_cut;          /* paths cut at max_turns (saturating) */
    int states_exceeded;         /* the search stopped at max_states: results are partial */
    int reached_stop;            /* the search stopped early: a path scored opts.stop_at or more */
    int any_end;                 /* some path reaches an ending */
    int best_score, worst_score; /* over the paths explored; -1 when none ended */
    int have_paths;              /* best and worst are filled in (the search was not stopped) */
    fl_path best, worst; /* the best and the worst complete path (highest / lowest overall) */
    int dim_max[FL_DIM_COUNT], dim_min[FL_DIM_COUNT]; /* -1: not applicable on any path */
    uint8_t *node_reached;    /* per node (endings included): some path arrives there */
    uint8_t *outcome_reached; /* per fl_outcome (hanging up counts as lost) */
    uint8_t *reply_taken;     /* per reply, indexed by eng->reply_base[node] + i */
    uint8_t *timeout_taken;   /* per node */
    uint64_t hung_up_paths;   /* complete paths where the customer hung up */
    uint64_t loops;           /* paths not followed: they came back to an earlier moment */
} fl_explore_result;

/* Explores the scenario. Returns 0, or -1 when out of memory. Free the result with
 * fl_explore_free(). The engine must have been initialised with opts->timed. */
int fl_explore(const fl_engine *eng, const fl_explore_opts *opts, fl_explore_result *out);
void fl_explore_free(fl_explore_result *r);

#endif
