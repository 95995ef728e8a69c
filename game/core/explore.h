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
 * scores, each dimension's range, and every reply that no path can take.
 *
 * "What does a trainee who says this still get?": fl_explore_through() answers it for one reply
 * (or one node's timeout) with a second search whose states carry one more bit, "the reply was
 * taken", so a state before the reply and the same state after it are different states, and
 * only the complete paths that took the reply at least once count for that search's best, worst,
 * path count and dimension ranges. The bit is part of the moment too: having said the reply is
 * not nothing, so a path that comes back after the reply to a moment it was in before the reply
 * is followed once round that loop (a trainee can say "could you repeat that?" and then go on).
 * The paths through the reply are thus exactly the plain search's paths that take it, plus those
 * that go once round a loop through it, which the plain search does not follow. The plain search
 * runs first, unchanged, so the endings reached and the replies never taken keep their meaning
 * (over all paths), and a plain search costs what it did. Depends on libc and the engine.
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
    int stop_at;        /* stop as soon as a path scores this or more (0: explore everything);
                           the plain search only */
    size_t max_memory;  /* bytes the search may hold (default FL_EXPLORE_DEFAULT_MEMORY): the
                           scenario's model, the engine's tables, the search's own arrays and
                           its memo table, counted as they are allocated (old and new table
                           together while it grows); the table stops growing at it and the
                           search stops, partial, when the table is full (memory_exceeded) */
} fl_explore_opts;
/* (The reply to search through is an argument of fl_explore_through(), not a member here: callers
 * initialise these options positionally, and a new member would break their -Wextra builds.) */

#define FL_EXPLORE_DEFAULT_TURNS   25
#define FL_EXPLORE_DEFAULT_STATES  2000000
#define FL_EXPLORE_DEFAULT_PACE_MS 5000
/* 512 MiB: the default --max-states (2,000,000) needs at most 336 MiB (a 224 MiB table while
 * it grows from 112 MiB), so the default states bound is met first; a laptop of 4 GiB keeps
 * room for the desktop and a browser. */
#define FL_EXPLORE_DEFAULT_MEMORY ((size_t)512 << 20)

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

/* The paths that take fl_explore_through()'s reply at least once (the second search). */
typedef struct {
    uint64_t steps;              /* engine steps of this search */
    size_t states;               /* distinct states it expanded (each with the taken bit) */
    uint64_t paths;              /* complete paths that take the reply (saturating) */
    uint64_t paths_cut;          /* paths cut at max_turns, whether or not they took it yet */
    int states_exceeded;         /* this search stopped at max_states: results are partial */
    int memory_exceeded;         /* this search stopped at max_memory: results are partial */
    size_t peak_bytes;           /* the most memory it held at once (explore.h, max_memory) */
    int best_score, worst_score; /* over the paths that take it; -1 when none */
    int have_paths;              /* best and worst are filled in */
    fl_path best, worst;         /* the best and the worst of them */
    int dim_max[FL_DIM_COUNT], dim_min[FL_DIM_COUNT]; /* over them; -1: not applicable */
    uint8_t *end_reached; /* per node: a path that takes the reply ends (or hangs up) there */
    int hung_up;          /* on one of them the customer hangs up */
} fl_through_result;

typedef struct {
    uint64_t steps;              /* engine steps taken */
    size_t states;               /* distinct states expanded */
    uint64_t paths;              /* complete paths (start to an ending), saturating at UINT64_MAX */
    uint64_t paths_cut;          /* paths cut at max_turns (saturating) */
    int states_exceeded;         /* the search stopped at max_states: results are partial */
    int memory_exceeded;         /* the search stopped at max_memory: results are partial */
    size_t peak_bytes;           /* the most memory the search held at once (max_memory) */
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
    int has_through;          /* made by fl_explore_through(): `through` is filled in */
    fl_through_result through;
} fl_explore_result;

/* Explores the scenario. Returns 0, or -1 when out of memory (the system refused an allocation
 * within the bound; reaching the bound is memory_exceeded, not an error). Free the result with
 * fl_explore_free(). The engine must have been initialised with opts->timed. */
int fl_explore(const fl_engine *eng, const fl_explore_opts *opts, fl_explore_result *out);

/* Explores as fl_explore() does, then searches the paths that take reply `reply` of node `node`
 * (-1: the node's timeout) at least once, into out->through. A node or reply that does not exist
 * is taken by no path. opts->stop_at applies to the first search only. */
int fl_explore_through(const fl_engine *eng, const fl_explore_opts *opts, int32_t node,
                       int32_t reply, fl_explore_result *out);
void fl_explore_free(fl_explore_result *r);

/* Signal counts above this are the same moment for loop detection. */
#define FL_EXPLORE_FLAG_CAP 3

/* Writes the "moment" of state st (size bytes, at least the engine's state_size) into out: the
 * state without what only accumulates (turn, time, the scoring tallies), with signal counts
 * capped at FL_EXPLORE_FLAG_CAP; the explorer's loop test compares moments. */
void fl_explore_moment(const fl_engine *eng, const fl_state *st, char *out, size_t size);
/* A 128-bit fingerprint of size bytes (a multiple of 8) at p, never {0, 0}: how the explorer
 * remembers states (two different ones share a fingerprint with probability about
 * n^2 / 2^129). */
void fl_explore_fingerprint(const void *p, size_t size, uint64_t fp[2]);

#endif
