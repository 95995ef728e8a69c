/*
 * graph_paint.c - what each reply of a scenario does to the score, for the colours of
 * `frontline graph` (graph.h): red for a critical mistake, orange for a cost, green for what
 * earns, grey for the rest.
 *
 * Most of it depends on the moment a reply is said: an upsell is a critical mistake while the
 * customer's mood is below 0 and earns points once the problem is resolved and the customer is
 * pleased; a gesture within the budget goes beyond it after another gesture; familiarity becomes
 * rudeness the second time. So the replies are not judged from the file but played: a
 * breadth-first walk from the start through every reply offered, with the scoring engine
 * (engine.h) deciding at each step, as it does in a real conversation, which costs and critical
 * mistakes the reply fires. Each reply keeps the worst it does anywhere.
 *
 * The walk remembers moments, not paths: two states that differ only in what adds up (turns,
 * time, the tallies of the score, the replies already said, which only the repeated-reply rule
 * reads, signal counts beyond 3) do the same to every reply, so one of them is walked. It goes
 * no further than FL_GRAPH_MAX_TURNS replies (as the explorer cuts its paths) and keeps at most
 * a given number of moments (memory is that many states), so it ends on any scenario, loops and
 * counters included, in a fraction of a second on the bundled ones. Depends on libc and the
 * core's engine.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "explore.h"
#include "graph.h"
#include "hmap.h"
#include "vec.h"

#define EV(k) ((uint64_t)1 << (k))
/* The engine's events that mean the reply itself costs points. Left out: what the reply lacks
 * (empathy missed), what depends on the pace (slow), and what only repetition makes (repeated,
 * too many apologies), which would paint an arrow for what another arrow did. */
#define COST_EVENTS                                                                                \
    (EV(FL_EV_TRANSFER) | EV(FL_EV_FAMILIAR) | EV(FL_EV_FAMILIAR_OPEN) |                           \
     EV(FL_EV_FAMILIAR_AGAIN) | EV(FL_EV_RUDE) | EV(FL_EV_CANNED) | EV(FL_EV_JARGON) |             \
     EV(FL_EV_JARGON_CONFUSED))
#define UPSELL_EVENTS (EV(FL_EV_UPSELL_UNHAPPY) | EV(FL_EV_UPSELL_OPEN) | EV(FL_EV_UPSELL_LUKEWARM))
/* Critical items that are not the reply's own: the ending's (a lost or unhappy customer, shown
 * by the ending's colour), the timeout's (its own arrow), and over-budget, which is judged from
 * the goodwill itself (the engine reports it only at the first gesture past the budget). */
#define NOT_THE_REPLYS (FL_CRIT_LOST | FL_CRIT_UNHAPPY | FL_CRIT_TIMEOUT | FL_CRIT_OVER_BUDGET)

/* What one step fired. */
typedef struct {
    uint64_t kinds; /* EV(kind) of every event */
    uint32_t crit;  /* the critical items committed */
} step_events;

static void on_event(void *payload, const fl_event *ev)
{
    step_events *e = payload;
    e->kinds |= EV(ev->kind);
    if (ev->kind == FL_EV_CRITICAL && ev->a >= 0 && ev->a < 32)
        e->crit |= 1u << ev->a;
}

typedef struct {
    const fl_scenario *s;
    fl_engine eng;
    size_t size;  /* bytes of a state */
    char *states; /* the moments to walk, in the order found */
    size_t n, cap, max;
    fl_hmap seen; /* the moments' fingerprints (16 bytes each, kept in fps) */
    fl_arena *fps;
    uint64_t *keep; /* memory bits that tell moments apart: the once-only replies' */
    char *key;      /* scratch: a moment's key */
    int cut;
    uint32_t max_turns; /* moments first reached after this many replies are not walked on */
    size_t deep;        /* moments not walked on for that */
} walk;

static void put_paint(fl_graph_paint *p, uint32_t idx, fl_paint paint, uint32_t why)
{
    if (paint > p->paint[idx])
        p->paint[idx] = (uint8_t)paint;
    p->why[idx] |= (uint16_t)why;
}

static fl_paint worse(fl_paint a, fl_paint b)
{
    return a > b ? a : b;
}

/* Paints reply r (number idx), said at a moment with goodwill0 given so far, from what the
 * engine fired saying it. */
static void judge(fl_graph_paint *p, const fl_scenario *s, uint32_t idx, const fl_reply *r,
                  int32_t goodwill0, const step_events *ev)
{
    fl_paint paint = FL_PAINT_NEUTRAL;
    uint32_t why = 0;
    uint32_t crit = ev->crit & ~(uint32_t)NOT_THE_REPLYS;
    if (crit) {
        paint = FL_PAINT_CRITICAL;
        if (crit & FL_CRIT_REPLY)
            why |= FL_WHY_CRIT_REPLY;
        if (crit & FL_CRIT_UPSELL_UNHAPPY)
            why |= FL_WHY_UPSELL_UNHAPPY;
        if (crit & 0xFFFFu)
            why |= FL_WHY_CRIT_SIGNAL;
    }
    /* Goodwill beyond the budget: this gesture with what the path gave before it. */
    if (r->gesture > 0 && s->goodwill_budget >= 0 &&
        (int64_t)goodwill0 + r->gesture > s->goodwill_budget) {
        why |= FL_WHY_OVER_BUDGET;
        paint =
            worse(paint, s->critical & FL_CRIT_OVER_BUDGET ? FL_PAINT_CRITICAL : FL_PAINT_COSTS);
    }
    if (ev->kinds & COST_EVENTS) {
        paint = worse(paint, FL_PAINT_COSTS);
        why |= FL_WHY_COST_SIGNAL;
    }
    if (ev->kinds & EV(FL_EV_FAMILIAR_AGAIN))
        why |= FL_WHY_FAMILIAR_AGAIN;
    if (ev->kinds & (EV(FL_EV_UPSELL_OPEN) | EV(FL_EV_UPSELL_LUKEWARM))) {
        paint = worse(paint, FL_PAINT_COSTS);
        why |= FL_WHY_UPSELL_EARLY;
    }
    if (ev->kinds & EV(FL_EV_UPSELL_UNHAPPY)) { /* critical above where the rubric says so */
        paint = worse(paint, FL_PAINT_COSTS);
        why |= FL_WHY_UPSELL_UNHAPPY;
    }
    if (paint == FL_PAINT_NEUTRAL) {
        uint32_t sig = r->signals;
        if (sig & FL_SIG_HANDOFF)
            sig &= ~(uint32_t)FL_SIG_TRANSFER;
        if (sig & FL_GRAPH_EARN_SIGNALS) {
            paint = FL_PAINT_EARNS;
            why |= FL_WHY_EARN_SIGNAL;
        }
        /* an upsell the engine found nothing wrong with scored 100: the right moment */
        if ((sig & FL_SIG_UPSELL) && s->n_offers > 0 && !(ev->kinds & UPSELL_EVENTS)) {
            paint = FL_PAINT_EARNS;
            why |= FL_WHY_UPSELL_WELL;
        }
    }
    put_paint(p, idx, paint, why);
}

/*
 * Paints reply r of node n from what it carries alone, for a reply the walk did not reach: its
 * critical mark and signals, a gesture beyond the whole budget, and an upsell at a node the
 * conversation can reach before anything resolves the problem (early[n]), which at the start,
 * with a customer who starts unhappy, is an upsell to an unhappy customer.
 */
static void judge_alone(fl_graph_paint *p, const fl_scenario *s, int32_t n, uint32_t idx,
                        const fl_reply *r, const uint8_t *early)
{
    fl_paint paint = FL_PAINT_NEUTRAL;
    uint32_t why = 0;
    uint32_t sig = r->signals;
    if (sig & FL_SIG_HANDOFF)
        sig &= ~(uint32_t)FL_SIG_TRANSFER;
    if (r->critical) {
        paint = FL_PAINT_CRITICAL;
        why |= FL_WHY_CRIT_REPLY;
    }
    if (sig & s->critical & 0xFFFFu) {
        paint = FL_PAINT_CRITICAL;
        why |= FL_WHY_CRIT_SIGNAL;
    }
    if (r->gesture > 0 && s->goodwill_budget >= 0 && r->gesture > s->goodwill_budget) {
        why |= FL_WHY_OVER_BUDGET;
        paint =
            worse(paint, s->critical & FL_CRIT_OVER_BUDGET ? FL_PAINT_CRITICAL : FL_PAINT_COSTS);
    }
    if ((sig & FL_SIG_UPSELL) && s->n_offers > 0 && early[n]) {
        if (n == s->start && s->start_mood < 0) {
            why |= FL_WHY_UPSELL_UNHAPPY;
            paint = worse(paint, s->critical & FL_CRIT_UPSELL_UNHAPPY ? FL_PAINT_CRITICAL
                                                                      : FL_PAINT_COSTS);
        } else {
            why |= FL_WHY_UPSELL_EARLY;
            paint = worse(paint, FL_PAINT_COSTS);
        }
    }
    if (sig & FL_GRAPH_COST_SIGNALS) {
        why |= FL_WHY_COST_SIGNAL;
        paint = worse(paint, FL_PAINT_COSTS);
    }
    if (paint == FL_PAINT_NEUTRAL && (sig & FL_GRAPH_EARN_SIGNALS)) {
        paint = FL_PAINT_EARNS;
        why |= FL_WHY_EARN_SIGNAL;
    }
    put_paint(p, idx, paint, why);
}

/* Marks early[n] for every node the conversation can reach from the start without a reply that
 * resolves the problem, conditions aside (a plain graph search). Returns 0, or -1 out of
 * memory. */
static int mark_early(const fl_scenario *s, uint8_t *early)
{
    int32_t *queue = malloc(s->n_nodes * sizeof(*queue));
    if (!queue)
        return -1;
    size_t head = 0, tail = 0;
    early[s->start] = 1;
    queue[tail++] = s->start;
    while (head < tail) {
        const fl_node *nd = &s->nodes[queue[head++]];
        for (uint32_t i = 0; i <= nd->n_replies; i++) {
            int32_t t;
            if (i < nd->n_replies) {
                if (nd->replies[i].signals & FL_SIG_RESOLVE)
                    continue;
                t = nd->replies[i].target;
            } else {
                t = nd->timeout;
            }
            if (t >= 0 && !early[t]) {
                early[t] = 1;
                queue[tail++] = t;
            }
        }
    }
    free(queue);
    return 0;
}

/* Writes the key of state st into w->key: the explorer's moment (explore.h), which also keeps
 * what decides what a reply costs (over the budget, familiar, confused), and of the memory bits
 * only the once-only replies'. */
static void moment_key(walk *w, const fl_state *st)
{
    fl_explore_moment(&w->eng, st, w->key, w->size);
    fl_state *k = (fl_state *)w->key;
    k->over_budget = st->over_budget;
    k->familiar = st->familiar;
    k->confused = st->confused;
    uint64_t *bits = (uint64_t *)(w->key + w->eng.bits_offset);
    for (uint32_t i = 0; i < (w->eng.n_bits + 63) / 64; i++)
        bits[i] &= w->keep[i];
}

/* Adds state st to the moments to walk unless its moment is known. Returns 0, or -1 out of
 * memory; past w->max moments it keeps nothing more and sets w->cut. */
static int visit(walk *w, const fl_state *st)
{
    if (w->n >= w->max) {
        w->cut = 1;
        return 0;
    }
    uint64_t fp[2];
    moment_key(w, st);
    fl_explore_fingerprint(w->key, w->size, fp);
    if (fl_hmap_find(&w->seen, fp, sizeof fp))
        return 0;
    if (fl_grow(&w->states, &w->cap, w->n + 1, w->size))
        return -1;
    uint64_t *kept = w->fps ? fl_arena_alloc(w->fps, sizeof fp) : NULL;
    int added;
    if (!kept)
        return -1;
    memcpy(kept, fp, sizeof fp);
    if (!fl_hmap_put(&w->seen, kept, sizeof fp, &added))
        return -1;
    memcpy(w->states + w->n * w->size, st, w->size);
    w->n++;
    return 0;
}

/* Walks every moment from the start, painting each reply said at each. Returns 0 or -1. */
static int run_walk(walk *w, fl_graph_paint *p, char *cur, char *next)
{
    const fl_scenario *s = w->s;
    fl_engine_start(&w->eng, (fl_state *)cur);
    if (visit(w, (fl_state *)cur) < 0)
        return -1;
    for (size_t q = 0; q < w->n; q++) {
        memcpy(cur, w->states + q * w->size, w->size);
        fl_state *st = (fl_state *)cur;
        if (st->ended || st->turn >= w->max_turns) {
            w->deep += !st->ended;
            continue;
        }
        const fl_node *nd = &s->nodes[st->node];
        int32_t goodwill0 = fl_state_cenv(&w->eng, st)[FL_SLOT_GOODWILL];
        for (uint32_t i = 0; i <= nd->n_replies; i++) {
            fl_act act = {FL_ACT_REPLY, i, 0, FL_EXPLORE_DEFAULT_PACE_MS, 0, 0};
            if (i == nd->n_replies) {
                if (!fl_engine_can_timeout(&w->eng, st))
                    break;
                act.kind = FL_ACT_TIMEOUT;
            } else if (!fl_engine_offered(&w->eng, st, i)) {
                continue;
            }
            step_events ev = {0, 0};
            fl_step_log log = {on_event, &ev};
            memcpy(next, cur, w->size);
            if (fl_engine_step(&w->eng, (fl_state *)next, &act, &log) != 0)
                continue;
            if (i < nd->n_replies) {
                uint32_t idx = p->reply_base[st->node] + i;
                p->reached[idx] = 1;
                judge(p, s, idx, &nd->replies[i], goodwill0, &ev);
            }
            if (!((fl_state *)next)->ended && visit(w, (fl_state *)next) < 0)
                return -1;
        }
    }
    return 0;
}

static int is_timed(const fl_scenario *s)
{
    if (s->reply_seconds > 0)
        return 1;
    for (uint32_t i = 0; i < s->n_nodes; i++)
        if (s->nodes[i].reply_seconds > 0)
            return 1;
    return 0;
}

int fl_graph_paint_new(fl_graph_paint *out, const fl_scenario *s, size_t max_moments)
{
    memset(out, 0, sizeof(*out));
    out->timeout_paint = s->critical & FL_CRIT_TIMEOUT ? FL_PAINT_CRITICAL : FL_PAINT_COSTS;
    int rc = -1;
    walk w;
    memset(&w, 0, sizeof(w));
    char *cur = NULL, *next = NULL;
    uint8_t *early = NULL;
    int engine = 0;

    out->reply_base = malloc((s->n_nodes + 1) * sizeof(*out->reply_base));
    if (!out->reply_base)
        goto out;
    for (uint32_t i = 0; i < s->n_nodes; i++) {
        out->reply_base[i] = out->n_replies;
        out->n_replies += s->nodes[i].n_replies;
    }
    out->reply_base[s->n_nodes] = out->n_replies;
    out->paint = calloc(out->n_replies + 1, 1);
    out->why = calloc(out->n_replies + 1, sizeof(*out->why));
    out->reached = calloc(out->n_replies + 1, 1);
    early = calloc(s->n_nodes, 1);
    if (!out->paint || !out->why || !out->reached || !early || mark_early(s, early) < 0)
        goto out;

    if (fl_engine_init(&w.eng, s, is_timed(s)) < 0)
        goto out;
    engine = 1;
    w.s = s;
    w.size = w.eng.state_size;
    w.max = max_moments ? max_moments : 1;
    w.max_turns = FL_GRAPH_MAX_TURNS;
    size_t words = (w.eng.n_bits + 63) / 64;
    w.keep = calloc(words + 1, sizeof(*w.keep));
    w.key = malloc(w.size);
    w.fps = fl_arena_new();
    cur = malloc(w.size);
    next = malloc(w.size);
    if (!w.keep || !w.key || !w.fps || !cur || !next)
        goto out;
    for (uint32_t i = 0; i < w.eng.n_replies; i++) {
        int32_t b = w.eng.once_bit[i];
        if (b >= 0)
            w.keep[b >> 6] |= (uint64_t)1 << (b & 63);
    }
    if (run_walk(&w, out, cur, next) < 0)
        goto out;
    out->moments = w.n;
    out->cut = w.cut || w.deep > 0;

    for (uint32_t n = 0; n < s->n_nodes; n++) {
        const fl_node *nd = &s->nodes[n];
        for (uint32_t i = 0; i < nd->n_replies; i++) {
            uint32_t idx = out->reply_base[n] + i;
            if (!out->reached[idx]) {
                out->unreached++;
                judge_alone(out, s, (int32_t)n, idx, &nd->replies[i], early);
            }
        }
    }
    rc = 0;
out:
    if (engine)
        fl_engine_fini(&w.eng);
    free(w.states);
    fl_hmap_free(&w.seen);
    fl_arena_free(w.fps);
    free(w.keep);
    free(w.key);
    free(cur);
    free(next);
    free(early);
    if (rc != 0)
        fl_graph_paint_free(out);
    return rc;
}

void fl_graph_paint_free(fl_graph_paint *p)
{
    if (!p)
        return;
    free(p->reply_base);
    free(p->paint);
    free(p->why);
    free(p->reached);
    memset(p, 0, sizeof(*p));
}
