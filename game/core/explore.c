/*
 * explore.c - the path explorer; see explore.h.
 *
 * A depth-first search over engine states with a memo table: states are flat blocks of bytes
 * (engine.h), hashed and compared whole. The state includes the turn count, so the graph of
 * states has no cycles and every state's summary (best and worst score below it, path counts,
 * dimension ranges) is final once its children are done.
 *
 * The search through one reply (fl_explore_through()) is the same search over states one word
 * longer: the word after the engine's state holds the bit "the reply was taken". It is hashed,
 * compared and part of the moment like the rest, so a summary below a state with the bit clear
 * counts only the paths that take the reply later, and one below a state with the bit set counts
 * them all. visit() is compiled twice (visit_plain, visit_through) so the plain search pays nothing
 * for it.
 *
 * Memory (explore.h, max_memory): the search counts what it holds as it allocates it (the
 * scenario's model, the engine's tables, its own arrays: `fixed`; and the memo table) and never
 * asks for a table that would take it past the bound, counting the old table and the new one
 * together while it grows. The table's size need not be a power of two (a slot is found by
 * multiplying, not masking), so the last growth takes whatever room is left. A full table at
 * the bound stops the search, partial, like max_states.
 */
#include "alloc.h"
#include "explore.h"
#include "vec.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

typedef struct {
    uint64_t fp[2]; /* the state's 128-bit fingerprint; {0, 0}: an empty slot */
    uint64_t paths, cut;
    int8_t best, worst;          /* overall score, -1 when no complete path */
    int16_t best_act, worst_act; /* action index (reply, or -1 timeout); -2 none */
    int8_t dmax[FL_DIM_COUNT], dmin[FL_DIM_COUNT];
} memo;

typedef struct {
    const fl_engine *eng;
    const fl_explore_opts *opts;
    fl_explore_result *res;
    memo *table;
    size_t cap, used;
    size_t fixed; /* bytes held besides the table: model, engine, result and search arrays */
    size_t size;  /* bytes of one search state: the engine's, plus the taken word (through) */
    char *stack;  /* one state buffer per depth */
    char *proj;   /* the moment of each state on the path (see moment()), per depth */
    int oom, stop;
    /* the search through a reply: the action that sets the taken bit, and what it finds */
    int32_t t_node;
    uint32_t t_act; /* reply index, or the node's n_replies for its timeout */
    uint8_t *t_end; /* per node: a path that took the reply ends there */
    int t_hung_up;  /* one of those paths ends with the customer hanging up */
} search;

/* The taken bit of a search state (through searches only: it follows the engine's state). */
static inline uint64_t *taken_word(const search *sr, void *st)
{
    return (uint64_t *)((char *)st + sr->eng->state_size);
}

/*
 * Writes the "moment" of st into out: the state without what only accumulates (turn, time,
 * the scoring tallies), with signal counts capped at FL_EXPLORE_FLAG_CAP. A path that comes back
 * to the moment it was in before went round a loop that changed nothing for the customer; it is
 * not followed again (explore.h).
 */
static void moment(const fl_engine *eng, const fl_state *st, char *out, size_t size)
{
    memcpy(out, st, size); /* the taken word, if any, stays: having said the reply counts */
    fl_state *m = (fl_state *)out;
    fl_state keep = *m;
    memset(m, 0, sizeof(*m));
    m->node = keep.node;
    m->line = keep.line;
    m->ended = keep.ended;
    m->hung_up = keep.hung_up;
    int32_t *env = fl_state_env(eng, m);
    env[FL_SLOT_TURN] = 0;
    env[FL_SLOT_ELAPSED] = 0;
    for (int i = 0; i < FL_SIGNAL_COUNT; i++)
        if (env[FL_SLOT_FLAG0 + i] > FL_EXPLORE_FLAG_CAP)
            env[FL_SLOT_FLAG0 + i] = FL_EXPLORE_FLAG_CAP;
}

/*
 * States are remembered by a 128-bit fingerprint instead of their bytes, which more than halves
 * the memory the search touches (on a machine where a fresh page costs microseconds, that is
 * most of the time). Two different states share a fingerprint with probability about
 * n^2 / 2^129: for 10^9 states, 1.5 * 10^-21. Model checkers such as TLC make the same trade
 * with 64 bits.
 */
static void fingerprint(const void *p, size_t size, uint64_t fp[2])
{
    const uint64_t *w = p;
    uint64_t a = 0x9E3779B97F4A7C15u ^ size, b = 0xC2B2AE3D27D4EB4Fu + size;
    for (size_t i = 0; i < size / 8; i++) {
        a = (a ^ w[i]) * 0xBF58476D1CE4E5B9u;
        a ^= a >> 31;
        b = (b + w[i]) * 0x94D049BB133111EBu;
        b ^= b >> 29;
    }
    a *= 0x94D049BB133111EBu;
    b *= 0xBF58476D1CE4E5B9u;
    fp[0] = (a ^ (a >> 32)) | 1; /* never {0, 0} */
    fp[1] = b ^ (b >> 32);
}

/* The two for the walk of `frontline graph` (tools/graph_paint.c), which remembers moments as the
 * explorer does. The search calls the static ones, which the compiler may inline into visit(). */
void fl_explore_moment(const fl_engine *eng, const fl_state *st, char *out, size_t size)
{
    moment(eng, st, out, size);
}

void fl_explore_fingerprint(const void *p, size_t size, uint64_t fp[2])
{
    fingerprint(p, size, fp);
}

/* The home slot of hash h in a table of cap slots: h scaled to 0..cap-1 by a multiplication
 * (Lemire's "fastrange"), which takes any cap, not only powers of two. */
static inline size_t home(uint64_t h, size_t cap)
{
    return (size_t)(((unsigned __int128)h * cap) >> 64);
}

static memo *lookup(search *sr, const uint64_t fp[2])
{
    size_t cap = sr->cap;
    assert(cap > 0 && sr->used < cap); /* an empty slot ends every probe */
    for (size_t i = home(fp[1], cap);; i = i + 1 == cap ? 0 : i + 1) {
        memo *m = &sr->table[i];
        if ((m->fp[0] == fp[0] && m->fp[1] == fp[1]) || m->fp[0] == 0)
            return m;
    }
}

/*
 * The memo table is the explorer's memory: tens to hundreds of megabytes touched at random.
 * It is not an fl_hmap: here a memo sits in its slot (one cache line a probe, 75% full, any size,
 * so the last growth takes what the bound leaves). On fl_hmap (a slot pointing at the memo) the
 * benchmark had twice the cache misses and ~10% more CPU for the whole run (issue 16).
 * It is mapped directly, zeroed by the kernel, and the kernel is asked for huge pages, which cuts
 * the page faults and TLB misses that dominate the search (measured: 1.1M -> 3M steps/s on the
 * benchmark). It grows four-fold while small, so rehashing costs a third of the final size.
 */
static memo *table_new(size_t cap)
{
    size_t bytes = cap * sizeof(memo);
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
#ifdef MADV_HUGEPAGE
    if (bytes >= (2u << 20))
        madvise(p, bytes, MADV_HUGEPAGE); /* advice only: no huge pages is fine */
#endif
    return p;
}

static void table_free(memo *t, size_t cap)
{
    if (t)
        munmap(t, cap * sizeof(memo));
}

/* The smallest table worth having, and the least growth worth a rehash at the bound. */
#define MIN_CAP 1024

/* Notes that the search holds `bytes` now (the peak is what --max-memory is checked against). */
static void held(search *sr, size_t bytes)
{
    if (bytes > sr->res->peak_bytes)
        sr->res->peak_bytes = bytes;
}

/*
 * Grows the memo table (four-fold while small, then two-fold), or to what is left below
 * max_memory with the old table still held. Returns 0 when it grew, 1 when the bound leaves no
 * room worth a rehash (an eighth more), -1 when the system refused the memory.
 */
static int grow(search *sr)
{
    size_t want = !sr->cap ? MIN_CAP : sr->cap < ((size_t)1 << 20) ? 4 * sr->cap : 2 * sr->cap;
    size_t old_bytes = sr->cap * sizeof(memo), limit = sr->opts->max_memory;
    size_t room =
        limit > sr->fixed + old_bytes ? (limit - sr->fixed - old_bytes) / sizeof(memo) : 0;
    size_t cap = want < room ? want : room;
    if (cap < MIN_CAP || cap < sr->cap + sr->cap / 8)
        return 1;
    memo *t = table_new(cap);
    if (!t)
        return -1;
    held(sr, sr->fixed + old_bytes + cap * sizeof(memo));
    for (size_t i = 0; i < sr->cap; i++) {
        if (sr->table[i].fp[0] == 0)
            continue;
        size_t j = home(sr->table[i].fp[1], cap);
        while (t[j].fp[0] != 0)
            j = j + 1 == cap ? 0 : j + 1;
        t[j] = sr->table[i];
    }
    table_free(sr->table, sr->cap);
    sr->table = t;
    sr->cap = cap;
    return 0;
}

/* The helpers visit() calls once per state are inlined into both copies of it, as they were into
 * the one visit() before there were two (measured: calls cost the plain search 0.4% more
 * instructions on the benchmark). */
#define FL_INLINE static inline __attribute__((always_inline))

/* Stores the summary of the state with fingerprint fp. */
FL_INLINE void insert(search *sr, const uint64_t fp[2], const memo *val)
{
    if (sr->used >= sr->opts->max_states) {
        sr->res->states_exceeded = 1;
        sr->stop = 1;
        return;
    }
    if ((sr->used + 1) * 4 > sr->cap * 3) {
        int g = grow(sr);
        if (g != 0) { /* the system's refusal is an error; the bound's, a partial result */
            if (g < 0)
                sr->oom = 1;
            else
                sr->res->memory_exceeded = 1;
            sr->stop = 1;
            return;
        }
    }
    memo *m = lookup(sr, fp);
    *m = *val;
    m->fp[0] = fp[0];
    m->fp[1] = fp[1];
    sr->used++;
}

static uint64_t sat_add(uint64_t a, uint64_t b)
{
    return a + b < a ? UINT64_MAX : a + b;
}

/* Number of actions at st: the node's replies, then the timeout. */
static uint32_t n_actions(const search *sr, const fl_state *st)
{
    const fl_node *nd = &sr->eng->scenario->nodes[st->node];
    return nd->n_replies + 1;
}

/* Applies action a to st in place; returns 0, or -1 when it is not possible there. */
static int act(const search *sr, fl_state *st, uint32_t a)
{
    const fl_node *nd = &sr->eng->scenario->nodes[st->node];
    fl_act x = {FL_ACT_REPLY, a, 0, sr->opts->pace_ms, 0, 0};
    if (a == nd->n_replies)
        x.kind = FL_ACT_TIMEOUT;
    return fl_engine_step(sr->eng, st, &x, NULL);
}

static int offered(const search *sr, const fl_state *st, uint32_t a)
{
    const fl_node *nd = &sr->eng->scenario->nodes[st->node];
    if (a == nd->n_replies)
        return fl_engine_can_timeout(sr->eng, st);
    return fl_engine_offered(sr->eng, st, a);
}

/* Whether the state at depth d is a moment an earlier state of the path was in. */
FL_INLINE int loops_back(search *sr, uint32_t d)
{
    size_t size = sr->size;
    char *m = sr->proj + (size_t)d * size;
    moment(sr->eng, (const fl_state *)(sr->stack + (size_t)d * size), m, size);
    int32_t node = ((const fl_state *)m)->node;
    for (uint32_t a = 0; a < d; a++) {
        const char *p = sr->proj + (size_t)a * size;
        if (((const fl_state *)p)->node == node && memcmp(p, m, size) == 0)
            return 1;
    }
    return 0;
}

static void visit_plain(search *sr, uint32_t d, memo *out);
static void visit_through(search *sr, uint32_t d, memo *out);

/*
 * Returns the summary of the state at stack depth d (copied into *out). `through` is a constant
 * in each of the two callers below, so the compiler drops the taken-bit code from the plain one.
 */
FL_INLINE void visit(search *sr, uint32_t d, memo *out, const int through)
{
    const fl_engine *eng = sr->eng;
    size_t size = through ? sr->size : eng->state_size;
    fl_state *st = (fl_state *)(sr->stack + (size_t)d * size);
    fl_explore_result *res = sr->res;
    memo v;
    memset(&v, 0, sizeof(v));
    v.best = v.worst = -1;
    v.best_act = v.worst_act = -2;
    for (int k = 0; k < FL_DIM_COUNT; k++)
        v.dmax[k] = v.dmin[k] = -1;

    uint64_t fp[2];
    fingerprint(st, size, fp);
    memo *m = lookup(sr, fp);
    if (m->fp[0] != 0) {
        *out = *m;
        return;
    }
    res->node_reached[st->node] = 1;
    if (st->ended) {
        fl_scores sc;
        fl_score_compute(eng, st, &sc);
        res->outcome_reached[sc.outcome] = 1;
        if (st->hung_up)
            res->hung_up_paths = sat_add(res->hung_up_paths, 1);
        if (through && *taken_word(sr, st)) {
            sr->t_end[st->node] = 1;
            sr->t_hung_up |= st->hung_up;
        }
        if (!through || *taken_word(sr, st)) { /* else it ended without the reply: no path */
            v.best = v.worst = (int8_t)sc.overall;
            v.paths = 1;
            if (sr->opts->stop_at > 0 && sc.overall >= sr->opts->stop_at) {
                res->reached_stop = 1;
                sr->stop = 1;
            }
            for (int k = 0; k < FL_DIM_COUNT; k++)
                if (sc.applicable[k])
                    v.dmax[k] = v.dmin[k] = (int8_t)sc.score[k];
        }
    } else if (st->turn >= sr->opts->max_turns) {
        v.cut = 1;
    } else if (loops_back(sr, d)) {
        res->loops = sat_add(res->loops, 1);
        *out = v; /* not stored: whether it loops depends on the path that led here */
        return;
    } else {
        fl_state *child = (fl_state *)(sr->stack + (size_t)(d + 1) * size);
        uint32_t na = n_actions(sr, st);
        uint32_t base = eng->reply_base[st->node];
        for (uint32_t a = 0; a < na && !sr->stop; a++) {
            if (!offered(sr, st, a))
                continue;
            memcpy(child, st, size);
            if (act(sr, child, a) < 0)
                continue;
            if (through && a == sr->t_act && st->node == sr->t_node)
                *taken_word(sr, child) = 1;
            res->steps++;
            if (a < na - 1)
                res->reply_taken[base + a] = 1;
            else
                res->timeout_taken[st->node] = 1;
            memo c;
            if (through)
                visit_through(sr, d + 1, &c);
            else
                visit_plain(sr, d + 1, &c);
            int16_t code = a == na - 1 ? -1 : (int16_t)a;
            v.cut = sat_add(v.cut, c.cut);
            if (c.paths == 0)
                continue;
            v.paths = sat_add(v.paths, c.paths);
            if (c.best > v.best)
                v.best = c.best, v.best_act = code;
            if (v.worst < 0 || c.worst < v.worst)
                v.worst = c.worst, v.worst_act = code;
            for (int k = 0; k < FL_DIM_COUNT; k++) {
                if (c.dmax[k] > v.dmax[k])
                    v.dmax[k] = c.dmax[k];
                if (c.dmin[k] >= 0 && (v.dmin[k] < 0 || c.dmin[k] < v.dmin[k]))
                    v.dmin[k] = c.dmin[k];
            }
        }
    }
    *out = v;
    if (!sr->stop)
        insert(sr, fp, &v);
}

static void visit_plain(search *sr, uint32_t d, memo *out)
{
    visit(sr, d, out, 0);
}

static void visit_through(search *sr, uint32_t d, memo *out)
{
    visit(sr, d, out, 1);
}

/* Writes the start state at stack depth 0, the taken bit (through searches) clear. */
static void start_state(search *sr)
{
    memset(sr->stack, 0, sr->size);
    fl_engine_start(sr->eng, (fl_state *)sr->stack);
}

/* Follows the best (or worst) actions from the start, recording the path and its scores. */
static int follow(search *sr, int worst, int through, fl_path *path)
{
    const fl_engine *eng = sr->eng;
    fl_state *st = (fl_state *)sr->stack;
    start_state(sr);
    size_t cap = 0;
    path->steps = NULL;
    path->n = 0;
    if (FL_GROW(path->steps, cap, 16))
        return -1;
    while (!st->ended) {
        uint64_t fp[2];
        fingerprint(st, sr->size, fp);
        memo *m = lookup(sr, fp);
        if (m->fp[0] == 0)
            break; /* not stored (the search stopped early) */
        int16_t a = worst ? m->worst_act : m->best_act;
        if (a == -2)
            break;
        const fl_node *nd = &eng->scenario->nodes[st->node];
        if (FL_GROW(path->steps, cap, path->n + 1))
            return -1;
        path->steps[path->n++] = (fl_path_step){st->node, a};
        uint32_t x = a < 0 ? nd->n_replies : (uint32_t)a;
        if (through && st->node == sr->t_node && x == sr->t_act)
            *taken_word(sr, st) = 1;
        if (act(sr, st, x) < 0)
            break;
    }
    path->end = st->node;
    fl_score_compute(eng, st, &path->scores);
    return 0;
}

/* Runs one search from the start into *root. Returns 0, or -1 when out of memory. The caller
 * frees sr->table, sr->stack and sr->proj whatever happens. */
static int run(search *sr, int through, memo *root)
{
    size_t depth = (size_t)sr->opts->max_turns + 2;
    /* the stack and the moments, and the two paths follow() records (grown by doubling) */
    sr->fixed += 2 * depth * sr->size + 4 * depth * sizeof(fl_path_step);
    held(sr, sr->fixed);
    memset(root, 0, sizeof(*root));
    root->best = root->worst = -1;
    root->best_act = root->worst_act = -2;
    for (int k = 0; k < FL_DIM_COUNT; k++)
        root->dmax[k] = root->dmin[k] = -1;
    int g = sr->fixed > sr->opts->max_memory ? 1 : 0;
    if (!g) {
        sr->stack = fl_malloc(depth * sr->size);
        sr->proj = fl_malloc(depth * sr->size);
        if (!sr->stack || !sr->proj)
            return -1;
        g = grow(sr);
    }
    if (g < 0)
        return -1;
    if (g > 0) { /* not even the first table fits: nothing is searched, and the report says so */
        sr->res->memory_exceeded = 1;
        sr->stop = 1;
        return 0;
    }
    start_state(sr);
    if (through)
        visit_through(sr, 0, root);
    else
        visit_plain(sr, 0, root);
    return sr->oom ? -1 : 0;
}

/* What every search holds besides its own: the scenario's model and the engine's tables. */
static size_t base_bytes(const fl_engine *eng)
{
    const fl_scenario *s = eng->scenario;
    return s->footprint + sizeof(uint32_t) * ((size_t)s->n_nodes + 1) +
           2 * sizeof(int32_t) * ((size_t)eng->n_replies + 1);
}

/* The marks of one result: node_reached, outcome_reached, reply_taken, timeout_taken. */
static size_t marks_bytes(const fl_engine *eng)
{
    return 2 * ((size_t)eng->scenario->n_nodes + 1) + FL_OUTCOME_LOST + 1 + eng->n_replies + 1;
}

static void search_free(search *sr)
{
    table_free(sr->table, sr->cap);
    free(sr->stack);
    free(sr->proj);
}

/* The second search: the paths that take reply `reply` of node `node` (explore.h). */
static int search_through(const fl_engine *eng, const fl_explore_opts *opts, int32_t node,
                          int32_t reply, fl_through_result *t)
{
    const fl_scenario *s = eng->scenario;
    fl_explore_opts o = *opts;
    o.stop_at = 0; /* the best path through the reply is wanted, not any good one */
    /* what the search marks for the plain report (reached, taken) goes to a scratch result */
    fl_explore_result scratch;
    memset(&scratch, 0, sizeof(scratch));
    /* it holds the plain result's marks, its scratch marks and the endings it reaches */
    search sr = {.eng = eng,
                 .opts = &o,
                 .res = &scratch,
                 .size = eng->state_size + 8,
                 .t_node = -1,
                 .fixed = base_bytes(eng) + 2 * marks_bytes(eng) + s->n_nodes + 1};
    if (node >= 0 && (uint32_t)node < s->n_nodes) {
        const fl_node *nd = &s->nodes[node];
        if (reply >= -1 && reply < (int32_t)nd->n_replies) {
            sr.t_node = node; /* else t_node stays -1: no action sets the bit */
            sr.t_act = reply < 0 ? nd->n_replies : (uint32_t)reply;
        }
    }
    t->best_score = t->worst_score = -1;
    t->end_reached = fl_calloc(s->n_nodes + 1, 1);
    sr.t_end = t->end_reached;
    scratch.node_reached = fl_calloc(s->n_nodes + 1, 1);
    scratch.outcome_reached = fl_calloc(FL_OUTCOME_LOST + 1, 1);
    scratch.reply_taken = fl_calloc(eng->n_replies + 1, 1);
    scratch.timeout_taken = fl_calloc(s->n_nodes + 1, 1);
    memo root;
    int rc = -1;
    if (!t->end_reached || !scratch.node_reached || !scratch.outcome_reached ||
        !scratch.reply_taken || !scratch.timeout_taken || run(&sr, 1, &root) < 0)
        goto done;
    t->steps = scratch.steps;
    t->states = sr.used;
    t->states_exceeded = scratch.states_exceeded;
    t->memory_exceeded = scratch.memory_exceeded;
    t->peak_bytes = scratch.peak_bytes;
    t->paths = root.paths;
    t->paths_cut = root.cut;
    t->hung_up = sr.t_hung_up;
    if (root.paths) {
        t->best_score = root.best;
        t->worst_score = root.worst;
    }
    for (int k = 0; k < FL_DIM_COUNT; k++) {
        t->dim_max[k] = root.dmax[k];
        t->dim_min[k] = root.dmin[k];
    }
    t->have_paths = root.paths > 0 && !sr.stop;
    if (t->have_paths && (follow(&sr, 0, 1, &t->best) < 0 || follow(&sr, 1, 1, &t->worst) < 0))
        goto done;
    rc = 0;
done:
    search_free(&sr);
    fl_explore_free(&scratch);
    return rc;
}

/* The plain search, then (through) the search through reply `reply` of node `node`. */
static int explore(const fl_engine *eng, const fl_explore_opts *opts, int through, int32_t node,
                   int32_t reply, fl_explore_result *out)
{
    fl_explore_opts o = *opts;
    if (!o.max_turns)
        o.max_turns = FL_EXPLORE_DEFAULT_TURNS;
    if (!o.max_states)
        o.max_states = FL_EXPLORE_DEFAULT_STATES;
    if (!o.max_memory)
        o.max_memory = FL_EXPLORE_DEFAULT_MEMORY;
    memset(out, 0, sizeof(*out));
    const fl_scenario *s = eng->scenario;
    search sr = {.eng = eng,
                 .opts = &o,
                 .res = out,
                 .size = eng->state_size,
                 .fixed = base_bytes(eng) + marks_bytes(eng)};
    out->node_reached = fl_calloc(s->n_nodes + 1, 1);
    out->outcome_reached = fl_calloc(FL_OUTCOME_LOST + 1, 1);
    out->reply_taken = fl_calloc(eng->n_replies + 1, 1);
    out->timeout_taken = fl_calloc(s->n_nodes + 1, 1);
    int rc = -1;
    memo root;
    if (!out->node_reached || !out->outcome_reached || !out->reply_taken || !out->timeout_taken ||
        run(&sr, 0, &root) < 0)
        goto done;
    out->states = sr.used;
    out->paths = root.paths;
    out->paths_cut = root.cut;
    out->any_end = root.paths > 0;
    out->best_score = root.best;
    out->worst_score = root.worst;
    for (int k = 0; k < FL_DIM_COUNT; k++) {
        out->dim_max[k] = root.dmax[k];
        out->dim_min[k] = root.dmin[k];
    }
    /* The paths can be followed through the memo only when every state on them was stored. */
    out->have_paths = out->any_end && !sr.stop;
    if (out->have_paths &&
        (follow(&sr, 0, 0, &out->best) < 0 || follow(&sr, 1, 0, &out->worst) < 0))
        goto done;
    /* one memo at a time: the plain one is freed before the second search builds its own */
    search_free(&sr);
    memset(&sr, 0, sizeof(sr));
    if (through) {
        out->has_through = 1;
        if (search_through(eng, &o, node, reply, &out->through) < 0)
            goto done;
    }
    rc = 0;
done:
    search_free(&sr);
    if (rc < 0)
        fl_explore_free(out);
    return rc;
}

int fl_explore(const fl_engine *eng, const fl_explore_opts *opts, fl_explore_result *out)
{
    return explore(eng, opts, 0, -1, -1, out);
}

int fl_explore_through(const fl_engine *eng, const fl_explore_opts *opts, int32_t node,
                       int32_t reply, fl_explore_result *out)
{
    return explore(eng, opts, 1, node, reply, out);
}

void fl_explore_free(fl_explore_result *r)
{
    free(r->best.steps);
    free(r->worst.steps);
    free(r->node_reached);
    free(r->outcome_reached);
    free(r->reply_taken);
    free(r->timeout_taken);
    free(r->through.best.steps);
    free(r->through.worst.steps);
    free(r->through.end_reached);
    memset(r, 0, sizeof(*r));
}
