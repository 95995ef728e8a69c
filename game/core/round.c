/*
 * round.c - the stress round in play; see round.h. The rules, with every number, are in
 * docs/engine.md ("Stress rounds: time in the core").
 *
 * The round is a small discrete-event simulation. Each live call has at most one thing due (its
 * line appearing, its timeout or its hang-up), the queue of customers one more (the next
 * arrival), and fl_round_tick() takes the earliest of them again and again until the next one
 * lies after now_ms, handling each at its own tick. Nothing else moves time, so ticking every
 * millisecond and ticking once give the same round. A call presenting its line (hold_lines: the
 * front end is still showing or speaking it) has nothing due: its wait starts at the act
 * fl_round_presented(), or at a reply that interrupts the presentation.
 *
 * Randomness is xoshiro256** seeded through splitmix64: every arrival time is drawn when the
 * round starts, then one number per arrival picks the scenario, so the same seed gives the same
 * customers at the same times whatever the trainee does. The logarithm of the exponential draw
 * is computed here with + - * / only, so the arrival times are the same on every IEEE-754
 * machine, whatever its libm.
 *
 * Depends on libc, scenario, engine, session, lexicon, utf8, hmap and vec.
 */
#include "alloc.h"
#include "round.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "hmap.h"
#include "utf8.h"
#include "vec.h"

#define NEVER UINT64_MAX

/* ---- the generator ------------------------------------------------------------------------ */

typedef struct {
    uint64_t s[4];
} rng;

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static void rng_seed(rng *g, uint64_t seed)
{
    uint64_t x = seed;
    for (int i = 0; i < 4; i++)
        g->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

/* xoshiro256** (Blackman and Vigna): 256 bits of state, every output bit of good quality. */
static uint64_t rng_next(rng *g)
{
    uint64_t *s = g->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* Uniform in (0, 1), never 0: 53 random bits and half a step. */
static double rng_open01(rng *g)
{
    return ((double)(rng_next(g) >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}

/* Uniform in 0..n-1 (n >= 1) with one draw whatever n is (so the draws never depend on the
 * play); the bias, at most n / 2^32 of a probability, is nothing for a pool of scenarios. */
static uint32_t rng_below(rng *g, uint32_t n)
{
    return (uint32_t)(((rng_next(g) >> 32) * (uint64_t)n) >> 32);
}

/* ln x for 0 < x < 1, to within a few units in the last place: x = m 2^e with m in
 * [sqrt(1/2), sqrt(2)), ln m = 2 atanh(s) with s = (m - 1) / (m + 1), |s| < 0.172, summed until
 * the terms no longer matter. Only exact scalings and basic operations, so it is the same number
 * on every machine. */
static double ln01(double x)
{
    int e = 0;
    while (x < 0.70710678118654752) {
        x *= 2.0;
        e--;
    }
    double s = (x - 1.0) / (x + 1.0), s2 = s * s, term = s, sum = 0.0;
    for (int k = 1; k <= 25; k += 2) {
        sum += term / k;
        term *= s2;
    }
    return 2.0 * sum + e * 0.69314718055994530942;
}

/* An exponential gap of mean `mean` ms, in whole ms, at least 1. */
static uint64_t draw_gap(rng *g, uint32_t mean)
{
    double ms = -(double)mean * ln01(rng_open01(g));
    uint64_t v = (uint64_t)(ms + 0.5);
    return v ? v : 1;
}

/* ---- the round ---------------------------------------------------------------------------- */

uint32_t fl_typing_ms(size_t n_bytes)
{
    return n_bytes > (1800 - 500) / 12 ? 1800 : 500 + 12 * (uint32_t)n_bytes;
}

typedef struct {
    uint32_t number, level;
    fl_call_phase phase;
    const fl_scenario *scenario;
    fl_session *ss;
    uint64_t arrived_ms, line_at_ms, wait_from_ms, deadline_ms, hangup_ms, ended_ms;
    uint32_t limit_ms; /* the engine's limit of the wait in progress (no extension), 0 none */
    int32_t p0;        /* the customer's patience when the wait began */
} call;

/* A typed text that was sent (copy-paste between customers): its normalised form, the key of
 * the round's `texts` table, which owns it. */
typedef struct {
    uint32_t call, turn;
    const char *text;
    size_t len;
} sent_text;

struct fl_round {
    const fl_round_def *def; /* NULL: a round of one */
    const fl_scenario *const *pool;
    uint32_t n_pool;
    const fl_scenario *single; /* the pool of a round of one */
    uint32_t *uses;            /* per pool scenario: customers who were given it */
    uint32_t time_pct;
    int instant_lines;   /* no typing pause: a line is due the moment it is reached */
    int hold_lines;      /* a line that appears is presented first (FL_CALL_PRESENTING) */
    fl_lexicon *lexicon; /* the caller's, or NULL */
    fl_lexicon *builtin[2];
    const char *builtin_lang[2];
    uint64_t seed;
    rng g;
    uint32_t at_once, customers;
    uint64_t *due;      /* per customer: when they are due (customer 1: 0) */
    uint32_t *level_of; /* per customer: the level they belong to */
    call *calls;
    uint32_t n_calls;
    uint32_t live[FL_ROUND_MAX_AT_ONCE]; /* indices into calls, in order of number */
    uint32_t n_live;
    uint64_t free_since; /* when the live calls last dropped below at_once */
    uint64_t now;        /* the latest time seen */
    int finished;
    uint64_t finish_ms;
    fl_round_event *events;
    uint8_t *taken_back; /* per event: a REPLY or TIMEOUT undone later */
    size_t n_events, cap_events;
    sent_text *sent;
    size_t n_sent, cap_sent;
    /* the normalised texts sent and not taken back: each key an allocation of its own, the
     * value how many of `sent` hold it (a text sent again is canned) */
    fl_hmap texts;
};

static uint32_t level_limit(const fl_round *r, uint32_t level)
{
    return r->def ? r->def->levels[level].limit_ms : 0;
}

/* Real time the trainee gets for an engine limit: limit * pct / 100, rounded up, so that every
 * reply before the deadline reaches the engine under the limit. */
static uint64_t real_of(const fl_round *r, uint64_t engine_ms)
{
    return (engine_ms * r->time_pct + 99) / 100;
}

/* The engine's time for a real wait: real * 100 / pct, rounded down (untimed: as it is). */
static uint32_t engine_of(const fl_round *r, uint64_t real_ms)
{
    uint64_t v = r->time_pct ? real_ms * 100 / r->time_pct : real_ms;
    return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

static int reserve_events(fl_round *r, size_t more)
{
    if (r->n_events + more <= r->cap_events)
        return 0;
    /* Two arrays of one length: both grow from the shared capacity to the same new one
     * (fl_grow's size depends only on the old capacity and the need); a failure of the second
     * leaves the first merely larger. */
    size_t cap_e = r->cap_events, cap_tb = r->cap_events;
    if (FL_GROW(r->events, cap_e, r->n_events + more) ||
        FL_GROW(r->taken_back, cap_tb, r->n_events + more))
        return -2;
    r->cap_events = cap_e;
    return 0;
}

/* Appends an event (room was reserved); zeroed first, padding included, so that two timelines
 * compare with memcmp. */
static fl_round_event *push(fl_round *r, fl_round_event_kind kind, const call *c, uint64_t at)
{
    assert(r->n_events < r->cap_events); /* every caller reserved room first */
    fl_round_event *e = &r->events[r->n_events];
    memset(e, 0, sizeof(*e));
    r->taken_back[r->n_events++] = 0;
    e->kind = kind;
    e->call = c->number;
    e->at_ms = at;
    return e;
}

static int32_t patience_of(const call *c)
{
    const fl_session *ss = c->ss;
    return fl_state_cenv(fl_session_engine(ss), fl_session_state(ss))[FL_SLOT_PATIENCE];
}

/* The smallest whole t with 15 t^2 >= p0 L^2: the engine time at which the wait's charge
 * (fl_engine_wait_cost) takes p0 of patience. */
static uint64_t exhaust_ms(int32_t p0, uint32_t limit)
{
    if (p0 <= 0)
        return 0;
    uint64_t x = (uint64_t)p0 * limit * limit; /* limits are at most 600 s (the loaders), so
                                                  x < 4e13, as in fl_engine_wait_cost */
    uint64_t need = (x + FL_DYN_WAIT_PATIENCE - 1) / FL_DYN_WAIT_PATIENCE; /* t^2 >= need */
    uint64_t t = 0, step = (uint64_t)1 << 31;
    for (; step; step >>= 1) /* the largest t with t^2 < need, bit by bit */
        if ((t + step) * (t + step) < need)
            t += step;
    return t + 1;
}

/* The call's line has appeared (or there is none): it waits for the trainee from `at`. */
static void start_wait(fl_round *r, call *c, uint64_t at)
{
    const fl_session *ss = c->ss;
    c->phase = FL_CALL_WAITING;
    c->wait_from_ms = at;
    c->p0 = patience_of(c);
    c->limit_ms = r->time_pct ? fl_session_limit_ms(ss) : 0;
    c->deadline_ms = c->hangup_ms = NEVER;
    if (!c->limit_ms)
        return;
    uint64_t hang = at + real_of(r, exhaust_ms(c->p0, c->limit_ms));
    if (fl_engine_can_timeout(fl_session_engine(ss), fl_session_state(ss))) {
        c->deadline_ms = at + real_of(r, c->limit_ms);
        if (c->deadline_ms <= hang) /* the timeout comes first (or with it): it decides */
            return;
    }
    c->hangup_ms = hang;
}

/* After an act or at the start: the customer types the line of the node they are at, or the
 * wait starts at once when it has none. */
static void next_line(fl_round *r, call *c, uint64_t at)
{
    const fl_line *line = fl_session_line(c->ss);
    if (!line) {
        start_wait(r, c, at);
        return;
    }
    c->phase = FL_CALL_TYPING;
    c->line_at_ms = at + (r->instant_lines ? 0 : fl_typing_ms(strlen(line->text)));
    c->deadline_ms = c->hangup_ms = NEVER;
}

/* The call's line has been presented at `at` (or appeared, without hold_lines): the timeline
 * records it then, and the wait starts. With hold_lines the FL_RE_LINE event is at the moment
 * the presentation ended, not when the text was shown: the timeline's line marks the start of
 * the customer's wait, which is what every figure drawn from it means. */
static void line_presented(fl_round *r, call *c, uint64_t at)
{
    /* a line is presented once, by the typing that ends or the presentation the front end ends */
    assert(c->phase == FL_CALL_TYPING || c->phase == FL_CALL_PRESENTING);
    size_t n;
    fl_round_event *e = push(r, FL_RE_LINE, c, at);
    fl_session_turns(c->ss, &n);
    e->turn = (uint32_t)n + 1;
    start_wait(r, c, at);
}

static void end_call(fl_round *r, call *c, uint64_t at, uint8_t outcome)
{
    assert(c->phase != FL_CALL_ENDED); /* a call ends once: its END event is its last */
    size_t n;
    fl_round_event *e = push(r, FL_RE_END, c, at);
    e->outcome = outcome;
    fl_session_turns(c->ss, &n);
    e->turn = (uint32_t)n;
    c->phase = FL_CALL_ENDED;
    c->ended_ms = at;
    c->deadline_ms = c->hangup_ms = NEVER;
    uint32_t k = 0;
    while (k < r->n_live && &r->calls[r->live[k]] != c)
        k++;
    if (k == r->n_live)
        return;
    assert(r->n_live <= r->at_once && r->at_once <= FL_ROUND_MAX_AT_ONCE);
    if (r->n_live == r->at_once)
        r->free_since = at;
    memmove(&r->live[k], &r->live[k + 1], (r->n_live - k - 1) * sizeof(r->live[0]));
    r->n_live--;
}

/* What follows an act, a timeout or a hang-up at `at`: the end, or the next line. */
static void after_turn(fl_round *r, call *c, uint64_t at)
{
    if (fl_session_ended(c->ss))
        end_call(r, c, at,
                 (uint8_t)fl_engine_outcome(fl_session_engine(c->ss), fl_session_state(c->ss)));
    else
        next_line(r, c, at);
}

static uint64_t call_due(const call *c)
{
    if (c->phase == FL_CALL_TYPING)
        return c->line_at_ms;
    if (c->phase == FL_CALL_WAITING)
        return c->deadline_ms < c->hangup_ms ? c->deadline_ms : c->hangup_ms;
    return NEVER;
}

/* When the next customer arrives: when due, or, held while at_once calls were live, when a
 * call ended. NEVER while every line is busy or nobody is left to come. */
static uint64_t arrival_due(const fl_round *r)
{
    if (r->finished || r->n_calls == r->customers || r->n_live >= r->at_once)
        return NEVER;
    uint64_t d = r->due[r->n_calls];
    return d > r->free_since ? d : r->free_since;
}

static int has_free_text(const fl_scenario *s)
{
    for (uint32_t i = 0; i < s->n_nodes; i++)
        if (s->nodes[i].free_text)
            return 1;
    return 0;
}

/* The lexicon a call's typed replies are read with: the caller's, else the built-in one of the
 * scenario's language, loaded once per round (NULL when it has none: typing then fails). */
static int lexicon_for(fl_round *r, const fl_scenario *s, fl_lexicon **out)
{
    *out = r->lexicon;
    if (*out || !has_free_text(s))
        return 0;
    int k = 0;
    for (; k < 2 && r->builtin[k]; k++) {
        if (strcmp(r->builtin_lang[k], s->lang) == 0) {
            *out = r->builtin[k];
            return 0;
        }
    }
    if (k == 2)
        return 0; /* a third language in one pool: each session loads its own */
    char err[160];
    int rc = fl_lexicon_builtin(&r->builtin[k], s->lang, err, sizeof(err));
    if (rc == -2)
        return -2;
    if (rc < 0) {
        r->builtin[k] = NULL;
        return 0;
    }
    r->builtin_lang[k] = s->lang;
    *out = r->builtin[k];
    return 0;
}

/* The scenario of the next customer: among the pool's scenarios given to the fewest customers
 * so far (a shuffle bag: each once before any repeats), those no live call has, when there are
 * any; one draw picks among them. Returns the pool index. */
static uint32_t pick_scenario(fl_round *r)
{
    uint32_t best = UINT32_MAX, n = 0;
    int any_free = 0;
    for (uint32_t i = 0; i < r->n_pool; i++) {
        int busy = 0;
        for (uint32_t k = 0; k < r->n_live && !busy; k++)
            busy = r->calls[r->live[k]].scenario == r->pool[i];
        if (!busy)
            any_free = 1;
    }
    for (uint32_t i = 0; i < r->n_pool; i++) {
        int busy = 0;
        for (uint32_t k = 0; k < r->n_live && !busy; k++)
            busy = r->calls[r->live[k]].scenario == r->pool[i];
        if (any_free && busy)
            continue;
        if (r->uses[i] < best)
            best = r->uses[i], n = 0;
        if (r->uses[i] == best)
            n++;
    }
    uint32_t want = rng_below(&r->g, n);
    for (uint32_t i = 0; i < r->n_pool; i++) {
        int busy = 0;
        for (uint32_t k = 0; k < r->n_live && !busy; k++)
            busy = r->calls[r->live[k]].scenario == r->pool[i];
        if ((any_free && busy) || r->uses[i] != best)
            continue;
        if (want-- == 0)
            return i;
    }
    return 0; /* not reached: n counted these */
}

static int arrive(fl_round *r, uint64_t at)
{
    uint32_t k = r->n_calls;
    rng saved = r->g; /* out of memory: the same draw next time */
    /* arrival_due() lets a customer in only while one is left to come and a line is free */
    assert(k < r->customers && r->n_live < r->at_once && r->at_once <= FL_ROUND_MAX_AT_ONCE);
    uint32_t p = pick_scenario(r);
    assert(p < r->n_pool);
    const fl_scenario *s = r->pool[p];
    fl_session_opts so = {.timed = r->time_pct != 0, .limit_ms = level_limit(r, r->level_of[k])};
    fl_session *ss = NULL;
    if (lexicon_for(r, s, &so.lexicon) < 0 || fl_session_new(&ss, s, &so) < 0) {
        r->g = saved;
        return -2;
    }
    call *c = &r->calls[k];
    memset(c, 0, sizeof(*c));
    c->number = k + 1;
    c->level = r->level_of[k];
    c->scenario = s;
    c->ss = ss;
    c->arrived_ms = at;
    r->uses[p]++;
    r->n_calls++;
    r->live[r->n_live++] = k;
    fl_round_event *e = push(r, FL_RE_ARRIVE, c, at);
    e->waited_ms = (uint32_t)(at - r->due[k] > UINT32_MAX ? UINT32_MAX : at - r->due[k]);
    if (fl_session_ended(ss))
        after_turn(r, c, at);
    else
        next_line(r, c, at);
    return 0;
}

/* The thing due on call c at `at`: its line appears, its timeout, or its hang-up. */
static int step_call(fl_round *r, call *c, uint64_t at)
{
    assert(c->phase == FL_CALL_TYPING || c->phase == FL_CALL_WAITING); /* only they are due */
    size_t n;
    if (c->phase == FL_CALL_TYPING) {
        if (r->hold_lines) { /* shown now; no clock runs until fl_round_presented() */
            c->phase = FL_CALL_PRESENTING;
            c->line_at_ms = at;
            c->deadline_ms = c->hangup_ms = NEVER;
            return 0;
        }
        line_presented(r, c, at);
        return 0;
    }
    if (c->deadline_ms <= c->hangup_ms) {
        int rc = fl_session_timeout(c->ss);
        if (rc == -1) { /* not reached (start_wait asked the engine); never loop on it */
            c->deadline_ms = NEVER;
            return 0;
        }
        if (rc < 0)
            return rc;
        fl_round_event *e = push(r, FL_RE_TIMEOUT, c, at);
        fl_session_turns(c->ss, &n);
        e->turn = (uint32_t)n;
        e->waited_ms = (uint32_t)(at - c->wait_from_ms);
        after_turn(r, c, at);
        return 0;
    }
    int rc = fl_session_hang_up(c->ss, engine_of(r, at - c->wait_from_ms));
    if (rc == -1) { /* not reached (timed, not ended); never loop on it */
        c->hangup_ms = NEVER;
        return 0;
    }
    if (rc < 0)
        return rc;
    fl_round_event *e = push(r, FL_RE_HANGUP, c, at);
    fl_session_turns(c->ss, &n);
    e->turn = (uint32_t)n;
    e->waited_ms = (uint32_t)(at - c->wait_from_ms);
    end_call(r, c, at, FL_OUTCOME_LOST);
    return 0;
}

/* Handles everything due by now, in time order (ties: by call number, the arrival last). */
static int advance(fl_round *r, uint64_t now)
{
    if (now < r->now)
        now = r->now;
    r->now = now;
    int done = 0;
    for (;;) {
        uint64_t best = NEVER;
        call *c = NULL;
        for (uint32_t k = 0; k < r->n_live; k++) {
            uint64_t d = call_due(&r->calls[r->live[k]]);
            if (d < best)
                best = d, c = &r->calls[r->live[k]];
        }
        uint64_t a = arrival_due(r);
        if (a < best)
            best = a, c = NULL;
        if (best > now)
            return done;
        if (reserve_events(r, 4) < 0)
            return -2;
        int rc = c ? step_call(r, c, best) : arrive(r, best);
        if (rc < 0)
            return rc;
        done++;
    }
}

int fl_round_tick(fl_round *r, uint64_t now_ms)
{
    return advance(r, now_ms);
}

uint64_t fl_round_next_ms(const fl_round *r)
{
    uint64_t best = arrival_due(r);
    for (uint32_t k = 0; k < r->n_live; k++) {
        uint64_t d = call_due(&r->calls[r->live[k]]);
        if (d < best)
            best = d;
    }
    return best;
}

/* ---- starting and ending ------------------------------------------------------------------ */

static int make(fl_round **out, const fl_round_def *def, const fl_scenario *const *pool,
                uint32_t n_pool, const fl_scenario *single, const fl_round_opts *opts)
{
    *out = NULL;
    fl_round *r = fl_calloc(1, sizeof(*r));
    if (!r)
        return -2;
    r->def = def;
    if (single) {
        r->single = single;
        r->pool = &r->single;
        r->n_pool = 1;
        r->customers = r->at_once = 1;
    } else {
        r->pool = pool;
        r->n_pool = n_pool;
        r->customers = def->customers;
        r->at_once = def->at_once > FL_ROUND_MAX_AT_ONCE ? FL_ROUND_MAX_AT_ONCE : def->at_once;
    }
    r->time_pct = opts ? opts->time_pct : 100;
    r->lexicon = opts ? opts->lexicon : NULL;
    r->instant_lines = opts ? opts->instant_lines : 0;
    r->hold_lines = opts ? opts->hold_lines : 0;
    r->seed = opts && opts->seed ? opts->seed : def ? def->seed : 0;
    rng_seed(&r->g, r->seed);
    r->uses = fl_calloc(r->n_pool, sizeof(*r->uses));
    r->due = fl_malloc(r->customers * sizeof(*r->due));
    r->level_of = fl_malloc(r->customers * sizeof(*r->level_of));
    r->calls = fl_calloc(r->customers, sizeof(*r->calls));
    if (!r->uses || !r->due || !r->level_of || !r->calls ||
        reserve_events(r, 8 * (size_t)r->customers) < 0) {
        fl_round_free(r);
        return -2;
    }
    /* Each customer's level (the levels' counts in order, the rest to the last) and when they
     * are due: the gap before customer k has the mean of k's own level. */
    uint32_t lv = 0, left = def && def->n_levels ? def->levels[0].customers : r->customers;
    for (uint32_t k = 0; k < r->customers; k++) {
        while (def && left == 0 && lv + 1 < def->n_levels)
            left = def->levels[++lv].customers;
        if (left)
            left--;
        r->level_of[k] = lv;
        r->due[k] = k == 0 ? 0 : r->due[k - 1] + draw_gap(&r->g, def->levels[lv].every_ms);
    }
    int rc = advance(r, 0); /* the first customer arrives at 0 */
    if (rc < 0) {
        fl_round_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

int fl_round_new(fl_round **out, const fl_round_def *def, const fl_scenario *const *pool,
                 uint32_t n_pool, const fl_round_opts *opts)
{
    *out = NULL;
    if (!def || !pool || !n_pool || !def->n_levels || !def->customers || !def->at_once ||
        def->customers > FL_ROUND_MAX_CUSTOMERS)
        return -1;
    return make(out, def, pool, n_pool, NULL, opts);
}

int fl_round_new_single(fl_round **out, const fl_scenario *s, const fl_round_opts *opts)
{
    *out = NULL;
    if (!s)
        return -1;
    return make(out, NULL, NULL, 0, s, opts);
}

void fl_round_free(fl_round *r)
{
    if (!r)
        return;
    for (uint32_t k = 0; k < r->n_calls; k++)
        fl_session_free(r->calls[k].ss);
    for (int k = 0; k < 2; k++)
        fl_lexicon_free(r->builtin[k]);
    free(r->uses);
    free(r->due);
    free(r->level_of);
    free(r->calls);
    free(r->events);
    free(r->taken_back);
    free(r->sent);
    for (size_t i = 0; i < r->texts.cap; i++)
        if (r->texts.slots[i].hash)
            free((void *)r->texts.slots[i].key);
    fl_hmap_free(&r->texts);
    free(r);
}

void fl_round_finish(fl_round *r, uint64_t now_ms)
{
    if (r->finished)
        return;
    advance(r, now_ms); /* what was due by then happened; out of memory: it did not */
    uint64_t at = r->now;
    while (r->n_live) {
        call *c = &r->calls[r->live[0]];
        if (reserve_events(r, 1) < 0) { /* end it without a record rather than not at all */
            c->phase = FL_CALL_ENDED;
            c->ended_ms = at;
            memmove(&r->live[0], &r->live[1], (r->n_live - 1) * sizeof(r->live[0]));
            r->n_live--;
            continue;
        }
        end_call(r, c, at, FL_OUTCOME_NONE);
    }
    r->finished = 1;
    r->finish_ms = at;
}

/* ---- the trainee's acts ------------------------------------------------------------------- */

/* The text as the trainee would see it repeated: lower-cased (Latin and Cyrillic), runs of
 * white space as one space, trimmed. Returns it (allocated, not terminated, its length in *out_n),
 * or NULL when out of memory. */
static char *text_norm(const char *text, size_t len, size_t *out_n)
{
    char *buf = fl_malloc(len + 1);
    if (!buf)
        return NULL;
    size_t n = 0;
    int space = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v') {
            space = n > 0;
            continue;
        }
        if (space)
            buf[n++] = ' ';
        space = 0;
        buf[n++] = (char)ch;
    }
    fl_utf8_lower(buf, n);
    *out_n = n;
    return buf;
}

enum { ACT_CHOOSE, ACT_ROUTE, ACT_TYPE };

/* The call a reply may answer: a waiting one, or one still presenting its line (the trainee
 * may interrupt the customer's speech; reply_act() counts that line as presented then). */
static call *answerable_call(fl_round *r, uint32_t number)
{
    if (number < 1 || number > r->n_calls)
        return NULL;
    call *c = &r->calls[number - 1];
    return c->phase == FL_CALL_WAITING || c->phase == FL_CALL_PRESENTING ? c : NULL;
}

/* Call `number` when it is in `phase`, else NULL: what a front end's nudge to one call (its line
 * presented, its typing cut short) may act on; any other call is left as it is. */
static call *call_in_phase(fl_round *r, uint32_t number, fl_call_phase phase)
{
    if (number < 1 || number > r->n_calls)
        return NULL;
    call *c = &r->calls[number - 1];
    return c->phase == phase ? c : NULL;
}

static int reply_act(fl_round *r, uint32_t number, int kind, uint32_t reply, const char *text,
                     size_t len, uint64_t now_ms)
{
    int rc = advance(r, now_ms);
    if (rc < 0)
        return rc;
    uint64_t now = r->now;
    if (reserve_events(r, 5) < 0)
        return -2;
    /* Everything a typed text needs is allocated before the act, so that once the session has
     * taken the reply nothing can fail: room in `sent`, the normalised text, a slot in `texts`
     * (reserved: fl_hmap_put does not allocate then). */
    char *norm = NULL;
    size_t norm_n = 0;
    if (kind == ACT_TYPE) {
        if (FL_GROW(r->sent, r->cap_sent, r->n_sent + 1) || !(norm = text_norm(text, len, &norm_n)))
            return -2;
        if (fl_hmap_reserve(&r->texts, r->texts.count + 1) < 0) {
            free(norm);
            return -2;
        }
    }
    call *c = answerable_call(r, number);
    if (!c) {
        free(norm);
        return -1;
    }
    /* A reply that interrupts the presentation: the line counts as presented now (waited 0);
     * undone below when the reply is not possible, so a refused act leaves no trace. */
    call before = *c;
    size_t n_events0 = r->n_events;
    if (c->phase == FL_CALL_PRESENTING)
        line_presented(r, c, now);
    uint64_t waited = now - c->wait_from_ms;
    uint32_t took = engine_of(r, waited);
    size_t ev0, n_ev, n_turns;
    fl_session_events(c->ss, &ev0);
    rc = kind == ACT_CHOOSE  ? fl_session_choose(c->ss, reply, took)
         : kind == ACT_ROUTE ? fl_session_route(c->ss, reply, took)
                             : fl_session_type(c->ss, text, len, took);
    if (rc < 0) {
        *c = before;
        r->n_events = n_events0;
        free(norm);
        return rc;
    }
    const fl_event *ev = fl_session_events(c->ss, &n_ev);
    const fl_turn *turns = fl_session_turns(c->ss, &n_turns);
    const fl_turn *t = &turns[n_turns - 1];
    int canned = (t->signals & FL_SIG_CANNED) != 0, slipped = 0;
    for (size_t i = ev0; i < n_ev; i++) {
        int dim = fl_rule_defs[ev[i].kind].dimension;
        if (ev[i].kind == FL_EV_REPEATED || ev[i].kind == FL_EV_CANNED)
            canned = 1;
        if (dim == FL_DIM_TONE || dim == FL_DIM_EMPATHY)
            slipped = 1;
    }
    if (kind == ACT_TYPE) {
        int added;
        fl_hmap_slot *ts = fl_hmap_put(&r->texts, norm, norm_n, &added);
        assert(ts); /* room was reserved */
        if (added) {
            ts->value = (void *)(uintptr_t)1;
        } else {
            canned = 1;
            ts->value = (void *)((uintptr_t)ts->value + 1);
            free(norm);
        }
        r->sent[r->n_sent++] = (sent_text){c->number, t->turn, ts->key, norm_n};
    }
    fl_round_event *e = push(r, FL_RE_REPLY, c, now);
    e->turn = t->turn;
    e->waited_ms = (uint32_t)(waited > UINT32_MAX ? UINT32_MAX : waited);
    e->concurrency = (uint8_t)r->n_live;
    e->canned = (uint8_t)canned;
    e->slipped = (uint8_t)slipped;
    after_turn(r, c, now);
    /* a held customer gets through at the tick this call ended; out of memory here: at the
     * next tick, still at that tick */
    advance(r, now);
    return 0;
}

int fl_round_choose(fl_round *r, uint32_t number, uint32_t reply, uint64_t now_ms)
{
    return reply_act(r, number, ACT_CHOOSE, reply, NULL, 0, now_ms);
}

int fl_round_route(fl_round *r, uint32_t number, uint32_t reply, uint64_t now_ms)
{
    return reply_act(r, number, ACT_ROUTE, reply, NULL, 0, now_ms);
}

int fl_round_type(fl_round *r, uint32_t number, const char *text, size_t len, uint64_t now_ms)
{
    return reply_act(r, number, ACT_TYPE, 0, text, len, now_ms);
}

int fl_round_undo(fl_round *r, uint32_t number, uint64_t now_ms)
{
    int rc = advance(r, now_ms);
    if (rc < 0)
        return rc;
    /* the line being presented is shown: taking the reply before it back is like taking it
     * back while the customer waits (the line it led to is dropped, the old one waits again) */
    call *c = answerable_call(r, number);
    if (!c)
        return -1;
    if (reserve_events(r, 1) < 0)
        return -2;
    size_t n;
    fl_session_turns(c->ss, &n);
    if (fl_session_undo(c->ss) < 0)
        return -1;
    uint32_t turn = (uint32_t)n;
    /* the reply taken back was never really sent: it no longer counts as a text sent before,
     * nor in the figures */
    for (size_t i = 0; i < r->n_sent; i++) {
        if (r->sent[i].call == c->number && r->sent[i].turn == turn) {
            fl_hmap_slot *ts = fl_hmap_find(&r->texts, r->sent[i].text, r->sent[i].len);
            assert(ts);
            ts->value = (void *)((uintptr_t)ts->value - 1);
            if (!ts->value) { /* no other sent text holds the key */
                const void *key = ts->key;
                fl_hmap_remove(&r->texts, ts);
                free((void *)key);
            }
            memmove(&r->sent[i], &r->sent[i + 1], (r->n_sent - i - 1) * sizeof(r->sent[0]));
            r->n_sent--;
            break;
        }
    }
    for (size_t i = r->n_events; i-- > 0;) {
        const fl_round_event *e = &r->events[i];
        if (e->call == c->number && e->turn == turn && !r->taken_back[i] &&
            (e->kind == FL_RE_REPLY || e->kind == FL_RE_TIMEOUT)) {
            r->taken_back[i] = 1;
            break;
        }
    }
    fl_round_event *e = push(r, FL_RE_UNDO, c, r->now);
    e->turn = turn;
    start_wait(r, c, r->now);
    return 0;
}

int fl_round_presented(fl_round *r, uint32_t number, uint64_t now_ms)
{
    int rc = advance(r, now_ms);
    if (rc < 0)
        return rc;
    call *c = call_in_phase(r, number, FL_CALL_PRESENTING);
    if (!c)
        return -1;
    if (reserve_events(r, 1) < 0)
        return -2;
    line_presented(r, c, r->now);
    rc = advance(r, r->now); /* whatever is due at this very tick (a wait with no time left) */
    return rc < 0 ? rc : 0;
}

/* Whether reply `turn` of call c slipped: its words cost Tone or Empathy (the engine's events
 * of that turn), or its voice did where the rubric scores the voice. */
static int turn_slipped(const call *c, uint32_t turn)
{
    size_t n;
    const fl_event *ev = fl_session_events(c->ss, &n);
    for (size_t i = 0; i < n; i++) {
        int dim = fl_rule_defs[ev[i].kind].dimension;
        if (ev[i].turn == turn && (dim == FL_DIM_TONE || dim == FL_DIM_EMPATHY))
            return 1;
    }
    const fl_turn *t = fl_session_turns(c->ss, &n);
    return c->scenario->voice_scored && turn >= 1 && turn <= n && t[turn - 1].has_voice &&
           (t[turn - 1].voice_flags & (FL_VOICE_LOUD | FL_VOICE_FAST));
}

int fl_round_voice(fl_round *r, uint32_t number, uint32_t turn, const fl_voice_figures *f)
{
    if (number < 1 || number > r->n_calls)
        return -1;
    call *c = &r->calls[number - 1];
    int rc = fl_session_voice(c->ss, turn, f);
    if (rc < 0)
        return rc;
    /* the reply's event on the timeline (the last one of that turn not taken back) */
    for (size_t i = r->n_events; i-- > 0;) {
        fl_round_event *e = &r->events[i];
        if (e->kind == FL_RE_REPLY && e->call == number && e->turn == turn && !r->taken_back[i]) {
            e->slipped = (uint8_t)turn_slipped(c, turn);
            break;
        }
    }
    return 0;
}

int fl_round_show_now(fl_round *r, uint32_t number, uint64_t now_ms)
{
    int rc = advance(r, now_ms);
    if (rc < 0)
        return rc;
    call *c = call_in_phase(r, number, FL_CALL_TYPING);
    if (!c)
        return -1;
    c->line_at_ms = r->now; /* due now: the next step shows it, in the usual order of ties */
    rc = advance(r, r->now);
    return rc < 0 ? rc : 0;
}

/* ---- what the front ends show ------------------------------------------------------------- */

uint32_t fl_round_n_calls(const fl_round *r)
{
    return r->n_calls;
}

int fl_round_call(const fl_round *r, uint32_t number, fl_call_view *out)
{
    if (number < 1 || number > r->n_calls)
        return -1;
    const call *c = &r->calls[number - 1];
    memset(out, 0, sizeof(*out));
    out->number = c->number;
    out->level = c->level;
    out->phase = c->phase;
    out->arrived_ms = c->arrived_ms;
    out->deadline_ms = out->hangup_ms = NEVER;
    out->session = c->ss;
    out->patience = patience_of(c);
    switch (c->phase) {
    case FL_CALL_TYPING:
        out->line_at_ms = c->line_at_ms;
        out->limit_ms = r->time_pct ? (uint32_t)real_of(r, fl_session_limit_ms(c->ss)) : 0;
        break;
    case FL_CALL_PRESENTING:
        out->line_at_ms = c->line_at_ms;
        out->limit_ms = r->time_pct ? (uint32_t)real_of(r, fl_session_limit_ms(c->ss)) : 0;
        break;
    case FL_CALL_WAITING:
        out->wait_from_ms = c->wait_from_ms;
        out->deadline_ms = c->deadline_ms;
        out->hangup_ms = c->hangup_ms;
        out->limit_ms = (uint32_t)real_of(r, c->limit_ms);
        if (c->limit_ms) {
            int32_t p =
                c->p0 - fl_engine_wait_cost(engine_of(r, r->now - c->wait_from_ms), c->limit_ms);
            out->patience = p < 0 ? 0 : p;
        }
        break;
    case FL_CALL_ENDED:
        out->ended_ms = c->ended_ms;
        break;
    }
    return 0;
}

uint32_t fl_round_live(const fl_round *r, uint32_t *numbers, uint32_t max)
{
    uint32_t n = 0;
    for (uint32_t k = 0; k < r->n_live && n < max; k++)
        numbers[n++] = r->calls[r->live[k]].number;
    return n;
}

uint32_t fl_round_level_now(const fl_round *r)
{
    return r->n_calls ? r->calls[r->n_calls - 1].level : 0;
}

uint32_t fl_round_to_come(const fl_round *r)
{
    return r->finished ? 0 : r->customers - r->n_calls;
}

int fl_round_over(const fl_round *r)
{
    return r->finished || (r->n_calls == r->customers && r->n_live == 0);
}

const fl_round_event *fl_round_timeline(const fl_round *r, size_t *n)
{
    *n = r->n_events;
    return r->events;
}

const fl_round_def *fl_round_get_def(const fl_round *r)
{
    return r->def;
}

uint64_t fl_round_seed(const fl_round *r)
{
    return r->seed;
}

/* ---- the figures -------------------------------------------------------------------------- */

/* sum / n rounded half away from zero (n > 0). */
static int mean_of(long sum, long n)
{
    return sum >= 0 ? (int)((2 * sum + n) / (2 * n)) : -(int)((-2 * sum + n) / (2 * n));
}

int fl_round_figures_get(const fl_round *r, const fl_round_baseline *baseline,
                         fl_round_figures *out)
{
    memset(out, 0, sizeof(*out));
    out->customers = r->customers;
    out->arrived = r->n_calls;
    out->time_pct = r->time_pct;
    uint64_t last_end = 0;
    long score_sum = 0, resp_sum = 0, tone_sum = 0, emp_sum = 0;
    long resp_n = 0, tone_n = 0, emp_n = 0;
    int single_passed = 0;
    for (uint32_t k = 0; k < r->n_calls; k++) {
        const call *c = &r->calls[k];
        if (c->phase == FL_CALL_ENDED) {
            fl_outcome o = fl_engine_outcome(fl_session_engine(c->ss), fl_session_state(c->ss));
            if (o == FL_OUTCOME_RESOLVED)
                out->resolved++;
            else if (o == FL_OUTCOME_LOST)
                out->lost++;
            else if (o == FL_OUTCOME_NONE)
                out->unfinished++;
            else
                out->other++;
            if (c->ended_ms > last_end)
                last_end = c->ended_ms;
        }
        fl_scores sc;
        if (fl_session_report(c->ss, &sc, NULL, NULL) < 0)
            return -2;
        score_sum += sc.overall;
        single_passed = sc.passed;
        if (sc.applicable[FL_DIM_RESPONSIVENESS])
            resp_sum += sc.score[FL_DIM_RESPONSIVENESS], resp_n++;
        if (sc.applicable[FL_DIM_TONE])
            tone_sum += sc.score[FL_DIM_TONE], tone_n++;
        if (sc.applicable[FL_DIM_EMPATHY])
            emp_sum += sc.score[FL_DIM_EMPATHY], emp_n++;
    }
    out->duration_ms = r->finished ? r->finish_ms : fl_round_over(r) ? last_end : r->now;
    out->per_minute =
        out->duration_ms ? (double)out->resolved / ((double)out->duration_ms / 60000.0) : 0.0;

    uint64_t wait_sum = 0, load_sum[FL_ROUND_MAX_AT_ONCE] = {0};
    uint32_t canned = 0;
    for (size_t i = 0; i < r->n_events; i++) {
        const fl_round_event *e = &r->events[i];
        if (e->kind != FL_RE_REPLY || r->taken_back[i])
            continue;
        uint32_t k = e->concurrency ? e->concurrency - 1u : 0;
        if (k >= FL_ROUND_MAX_AT_ONCE)
            k = FL_ROUND_MAX_AT_ONCE - 1;
        wait_sum += e->waited_ms;
        canned += e->canned;
        load_sum[k] += e->waited_ms;
        out->by_load[k].replies++;
        out->by_load[k].canned += e->canned;
    }
    uint32_t replies = 0;
    for (int k = 0; k < FL_ROUND_MAX_AT_ONCE; k++) {
        fl_round_load *l = &out->by_load[k];
        if (l->replies)
            l->mean_reply_ms = (uint32_t)((2 * load_sum[k] + l->replies) / (2 * l->replies));
        replies += l->replies;
    }
    out->mean_reply_ms = replies ? (uint32_t)((2 * wait_sum + replies) / (2 * replies)) : 0;
    out->canned_share = replies ? (double)canned / replies : 0.0;

    out->mean_score = r->n_calls ? mean_of(score_sum, r->n_calls) : -1;
    out->responsiveness = resp_n ? mean_of(resp_sum, resp_n) : -1;
    out->tone = tone_n ? mean_of(tone_sum, tone_n) : -1;
    out->empathy = emp_n ? mean_of(emp_sum, emp_n) : -1;
    if (baseline && baseline->sessions && (out->tone >= 0 || out->empathy >= 0)) {
        out->has_baseline = 1;
        int sum = 0, n = 0;
        if (out->tone >= 0) {
            out->composure_tone = out->tone - baseline->tone;
            sum += out->composure_tone, n++;
        }
        if (out->empathy >= 0) {
            out->composure_empathy = out->empathy - baseline->empathy;
            sum += out->composure_empathy, n++;
        }
        out->composure = mean_of(sum, n);
    }
    if (!r->def)
        out->passed = r->n_calls == 1 && single_passed;
    else
        out->passed = out->mean_score >= 0 && out->lost <= r->def->pass_lost &&
                      out->mean_score >= (int)r->def->pass_mean;
    return 0;
}
