/*
 * graph.h - the parts of `frontline graph` (tools/graph.c writes the DOT text): what each reply
 * does to the score, found by walking the conversation with the engine (graph_paint.c), and the
 * picture made of the text by Graphviz's dot run as a child process (graph_render.c).
 */
#ifndef FL_GRAPH_H
#define FL_GRAPH_H

#include <stddef.h>
#include <stdint.h>

#include "scenario.h"

/* What a reply does to the score, from the least to the most serious: an arrow's colour. */
typedef enum {
    FL_PAINT_NEUTRAL,  /* grey */
    FL_PAINT_EARNS,    /* green: earns points and costs none */
    FL_PAINT_COSTS,    /* orange: costs points, not critical */
    FL_PAINT_CRITICAL, /* red: a critical mistake */
} fl_paint;

/* The signals that earn points (green where nothing costs), and those that cost them (orange,
 * red where the rubric makes them critical), scenarios/scoring.md. */
#define FL_GRAPH_EARN_SIGNALS                                                                      \
    (FL_SIG_APOLOGY | FL_SIG_EMPATHY | FL_SIG_OWNERSHIP | FL_SIG_PLAN | FL_SIG_RESOLVE |           \
     FL_SIG_HANDOFF)
#define FL_GRAPH_COST_SIGNALS                                                                      \
    (FL_SIG_TRANSFER | FL_SIG_CANNED | FL_SIG_FAMILIAR | FL_SIG_RUDE | FL_SIG_JARGON)

/* Why a reply is painted as it is (bits of fl_graph_paint.why), where its signals do not say it
 * alone: the label names these. */
enum {
    FL_WHY_CRIT_REPLY = 1u << 0,     /* critical="yes" */
    FL_WHY_CRIT_SIGNAL = 1u << 1,    /* a signal in the scenario's critical set */
    FL_WHY_FAMILIAR_AGAIN = 1u << 2, /* familiar after a first familiar reply: read as rude */
    FL_WHY_OVER_BUDGET = 1u << 3,    /* the goodwill given on the path goes beyond the budget */
    FL_WHY_UPSELL_UNHAPPY = 1u << 4, /* an upsell while mood is below 0 */
    FL_WHY_UPSELL_EARLY = 1u << 5,   /* an upsell before resolved, or before the customer is
                                        pleased */
    FL_WHY_COST_SIGNAL = 1u << 6,    /* canned, familiar, jargon (transfer, rude not critical) */
    FL_WHY_EARN_SIGNAL = 1u << 7,    /* apology, empathy, ownership, plan, resolve, handoff */
    FL_WHY_UPSELL_WELL = 1u << 8,    /* an upsell at a good moment */
};

/* Every reply's paint. Replies are numbered node by node in file order: reply i of node n is
 * reply_base[n] + i. */
typedef struct {
    uint32_t *reply_base; /* per node */
    uint8_t *paint;       /* per reply: fl_paint */
    uint16_t *why;        /* per reply: FL_WHY_* bits over every path that reaches it */
    uint8_t *reached;     /* per reply: some moment the walk reached offers it */
    uint32_t n_replies;
    fl_paint timeout_paint; /* every timeout: red where the rubric has "timeout", else orange */
    size_t moments;         /* distinct moments of the conversation walked */
    int cut; /* the walk stopped at a limit (moments, replies): some replies may not be reached */
    uint32_t unreached; /* replies no moment offered (painted by what they carry alone) */
} fl_graph_paint;

/*
 * Paints every reply of s: walks the conversation from the start with the engine, playing every
 * reply offered at every moment (and the timeout, where the scenario is timed), and keeps for
 * each reply the worst it does at any of them. Moments are told apart by what decides what the
 * replies do (the node, the customer's meters, flags, variables, once-only and said replies, the
 * familiar, confused and over-budget marks), not by what only adds up (turns, time, tallies); it
 * goes no further than FL_GRAPH_MAX_TURNS replies and keeps at most max_moments, so it ends on
 * any scenario. A reply the walk does not reach is painted from what it carries alone. Returns 0,
 * or -1 when out of memory. Free with fl_graph_paint_free().
 */
int fl_graph_paint_new(fl_graph_paint *out, const fl_scenario *s, size_t max_moments);
void fl_graph_paint_free(fl_graph_paint *p);

/* The most moments the walk keeps by default: bounds its memory to a few tens of megabytes. */
#define FL_GRAPH_MAX_MOMENTS 200000
/* The walk goes no further than this many replies from the start (the explorer's default). */
#define FL_GRAPH_MAX_TURNS 25

/*
 * Draws the DOT text[0..len) as format ("svg", "png") with Graphviz's dot, found on PATH, run
 * as a child process (no shell): the text goes to its standard input, its standard output to the
 * open file descriptor out_fd. Gives up after max_seconds. n_nodes is only for the message when
 * dot is too slow. Returns 0, or 1 after printing why to stderr in lang (dot missing: the package
 * to install; dot failed: what it printed). The caller removes a partial output.
 */
int fl_graph_render(const char *text, size_t len, const char *format, int out_fd, int max_seconds,
                    uint32_t n_nodes, int lang);

#endif
