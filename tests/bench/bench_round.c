/*
 * bench_round.c - what a stress round costs the core (round.h).
 *
 * (a) fl_round_tick() with 5 live calls, the case a front end hits on every frame: nothing due
 *     (timed in batches of 100 calls, the clock's own cost divided out with them), and a tick
 *     with exactly one thing due (each call timed on its own), over many ticks of rounds in
 *     which nobody answers (lines appear, limits run out, customers hang up, held customers get
 *     through). Budget: 10 us per call, median (nothing due: also the 99th percentile).
 * (b) A 20-minute round of 60 customers (three levels of 20: limits 40, 30 and 20 s, a customer
 *     every 30, 20 and 10 s on average, 3 at once) over the 8 bundled English scenarios, played
 *     from start to end by a bot that answers each waiting call with its first offered reply (a
 *     typed sentence at a free-text node) 2 to 25 s after the line appeared, so some answers come
 *     too late: fl_round_new() to fl_round_free() with the figures, in wall time, the median of
 *     R runs. Budget: 50 ms. Every run must give the same round (timeline and figures).
 *
 * Exits 1 when a budget is broken or a run went wrong; timing is not judged under sanitizers.
 *
 * usage: bench_round [--check] [--runs R]   (--check: the CTest mode, fewer repetitions, the
 *        same budgets)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "round.h"
#include "scenario.h"
#include "session.h"
#include "bench.h"

#define TICK_BUDGET_NS  10000.0
#define ROUND_BUDGET_MS 50.0
#define NEVER           UINT64_MAX

static const char *const scenario_files[] = {
    "late-delivery.xml",  "familiar-chat.xml",   "payment-outage.xml", "free-text-router.xml",
    "manager-demand.xml", "price-objection.xml", "refund-refused.xml", "tech-jargon.xml",
};
#define N_SCENARIOS (sizeof(scenario_files) / sizeof(scenario_files[0]))

typedef struct {
    fl_round_level levels[3];
    fl_round_def def;
} round_def;

static void def_make(round_def *d, uint32_t at_once, uint32_t customers, uint64_t seed)
{
    memset(d, 0, sizeof(*d));
    d->def.id = "bench-round";
    d->def.version = 1;
    d->def.lang = "en";
    d->def.title = "Bench round";
    d->def.at_once = at_once;
    d->def.customers = customers;
    d->def.seed = seed;
    d->def.levels = d->levels;
    d->def.pass_mean = 70;
}

static double percentile(double *v, int n, double p)
{
    qsort(v, (size_t)n, sizeof(double), cmp_double);
    int i = (int)((double)n * p);
    return v[i >= n ? n - 1 : i];
}

/* ---- (a) the tick ------------------------------------------------------------------------- */

/* Nothing due: five customers waiting under a 600 s limit (nothing can happen for 590 s),
 * ticked every millisecond. */
static int bench_idle(const fl_scenario *const *pool, fl_lexicon *lx, int batches, double *med,
                      double *p99)
{
    round_def d;
    def_make(&d, 5, 50, 11);
    d.levels[0] = (fl_round_level){600000, 200, 50, {0, 0}};
    d.def.n_levels = 1;
    fl_round_opts o = {.time_pct = 100, .lexicon = lx};
    fl_round *r;
    if (fl_round_new(&r, &d.def, pool, N_SCENARIOS, &o) != 0)
        return -1;
    uint64_t t = 0;
    while (t < 10000) /* everyone in and waiting */
        fl_round_tick(r, t += 100);
    uint32_t live[FL_ROUND_MAX_AT_ONCE];
    int bad = fl_round_live(r, live, FL_ROUND_MAX_AT_ONCE) != 5;
    for (uint32_t k = 0; k < 5 && !bad; k++) {
        fl_call_view v;
        fl_round_call(r, live[k], &v);
        bad = v.phase != FL_CALL_WAITING;
    }
    if (bad || fl_round_next_ms(r) < t + (uint64_t)batches * 100) {
        fprintf(stderr, "bench_round: the idle round is not five waiting calls\n");
        fl_round_free(r);
        return -1;
    }
    double *ns = malloc(sizeof(double) * (size_t)batches);
    if (!ns) {
        fl_round_free(r);
        return -1;
    }
    int happened = 0;
    for (int b = 0; b < batches; b++) {
        double t0 = now_ms();
        for (int i = 0; i < 100; i++)
            happened += fl_round_tick(r, ++t);
        ns[b] = (now_ms() - t0) * 1e6 / 100.0;
    }
    *med = median(ns, batches);
    *p99 = percentile(ns, batches, 0.99);
    free(ns);
    fl_round_free(r);
    return happened ? -1 : 0;
}

enum { K_LINE, K_TIMEOUT, K_HANGUP, K_OTHER, K_SEVERAL, K_COUNT };
static const char *const kind_names[K_COUNT] = {"a line appears", "a timeout", "a hang-up", "other",
                                                "several (a call ends, a held one in)"};

/* Ticks at each next due time of rounds of 300 customers, 5 at once, 10 s limits, nobody
 * answering. The ticks with one thing due are the samples (kept by what happened); those where
 * a call ended and a held customer got through at the same tick are kept apart (K_SEVERAL). */
static int bench_busy(const fl_scenario *const *pool, fl_lexicon *lx, int rounds, double *all,
                      int *n_all, double **by_kind, int *n_kind)
{
    *n_all = 0;
    for (int k = 0; k < K_COUNT; k++)
        n_kind[k] = 0;
    for (int s = 0; s < rounds; s++) {
        round_def d;
        def_make(&d, 5, 300, 1000 + (uint64_t)s);
        d.levels[0] = (fl_round_level){10000, 1000, 300, {0, 0}};
        d.def.n_levels = 1;
        fl_round_opts o = {.time_pct = 100, .lexicon = lx};
        fl_round *r;
        if (fl_round_new(&r, &d.def, pool, N_SCENARIOS, &o) != 0)
            return -1;
        while (!fl_round_over(r)) {
            uint64_t next = fl_round_next_ms(r);
            if (next == NEVER)
                break;
            uint32_t live[FL_ROUND_MAX_AT_ONCE];
            uint32_t n_live = fl_round_live(r, live, FL_ROUND_MAX_AT_ONCE);
            size_t before;
            fl_round_timeline(r, &before);
            double t0 = now_ms();
            int rc = fl_round_tick(r, next);
            double ns = (now_ms() - t0) * 1e6;
            if (rc < 1) {
                fl_round_free(r);
                return -1;
            }
            if (n_live != 5)
                continue;
            if (rc > 1) {
                by_kind[K_SEVERAL][n_kind[K_SEVERAL]++] = ns;
                continue;
            }
            size_t n;
            const fl_round_event *ev = fl_round_timeline(r, &n);
            int k = K_OTHER;
            for (size_t i = before; i < n; i++) {
                k = ev[i].kind == FL_RE_LINE      ? K_LINE
                    : ev[i].kind == FL_RE_TIMEOUT ? K_TIMEOUT
                    : ev[i].kind == FL_RE_HANGUP  ? K_HANGUP
                                                  : k;
                if (k != K_OTHER)
                    break;
            }
            all[(*n_all)++] = ns;
            by_kind[k][n_kind[k]++] = ns;
        }
        fl_round_free(r);
    }
    return 0;
}

/* ---- (b) a whole round played by a bot ---------------------------------------------------- */

static const char bot_text[] = "I'm so sorry about this. Let me check it myself right now.";

/* The bot's delay before answering turn `turn` of call `number`: 2 to 25 s, spread by a hash so
 * that some answers come after the limit. */
static uint64_t bot_delay(uint32_t number, size_t turn)
{
    uint64_t h = (uint64_t)number * 0x9E3779B97F4A7C15ull ^ (uint64_t)turn * 0xBF58476D1CE4E5B9ull;
    h ^= h >> 29;
    return 2000 + (h % 24) * 1000;
}

typedef struct {
    int ok;
    uint32_t acts;
    size_t events;
    uint64_t timeline_hash;
    fl_round_figures fg;
} round_result;

static void play_round(const fl_scenario *const *pool, fl_lexicon *lx, round_result *res)
{
    memset(res, 0, sizeof(*res));
    round_def d;
    def_make(&d, 3, 60, 20241202);
    d.levels[0] = (fl_round_level){40000, 30000, 20, {0, 0}};
    d.levels[1] = (fl_round_level){30000, 20000, 20, {0, 0}};
    d.levels[2] = (fl_round_level){20000, 10000, 20, {0, 0}};
    d.def.n_levels = 3;
    d.def.pass_lost = 3;
    fl_round_opts o = {.time_pct = 100, .lexicon = lx};
    fl_round *r;
    if (fl_round_new(&r, &d.def, pool, N_SCENARIOS, &o) != 0)
        return;
    for (int guard = 0; guard < 100000 && !fl_round_over(r); guard++) {
        uint32_t live[FL_ROUND_MAX_AT_ONCE];
        uint32_t n = fl_round_live(r, live, FL_ROUND_MAX_AT_ONCE);
        uint64_t act_at = NEVER;
        uint32_t who = 0;
        for (uint32_t k = 0; k < n; k++) {
            fl_call_view v;
            fl_round_call(r, live[k], &v);
            if (v.phase != FL_CALL_WAITING)
                continue;
            size_t turns;
            fl_session_turns(v.session, &turns);
            uint64_t t = v.wait_from_ms + bot_delay(v.number, turns + 1);
            if (t < act_at)
                act_at = t, who = v.number;
        }
        uint64_t next = fl_round_next_ms(r);
        if (next <= act_at) {
            if (next == NEVER || fl_round_tick(r, next) < 1)
                break;
            continue;
        }
        fl_call_view v;
        fl_round_call(r, who, &v);
        int rc;
        if (fl_session_node(v.session)->free_text) {
            rc = fl_round_type(r, who, bot_text, sizeof(bot_text) - 1, act_at);
        } else {
            uint32_t idx[64];
            rc = fl_session_offered(v.session, idx, 64) ? fl_round_choose(r, who, idx[0], act_at)
                                                        : -1;
        }
        if (rc != 0)
            break;
        res->acts++;
    }
    const fl_round_event *ev = fl_round_timeline(r, &res->events);
    res->timeline_hash = fl_hash64(ev, res->events * sizeof(*ev));
    res->ok =
        fl_round_over(r) && fl_round_figures_get(r, NULL, &res->fg) == 0 && res->fg.arrived == 60;
    fl_round_free(r);
}

int main(int argc, char **argv)
{
    int check = 0, runs = 9;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--check"))
            check = 1;
        else if (!strcmp(argv[i], "--runs") && i + 1 < argc)
            runs = atoi(argv[++i]);
        else {
            fprintf(stderr, "usage: bench_round [--check] [--runs R]\n");
            return 2;
        }
    }
    if (runs < 1)
        return 2;
    if (check && runs > 5)
        runs = 5;

    fl_scenario *s[N_SCENARIOS];
    const fl_scenario *pool[N_SCENARIOS];
    for (size_t i = 0; i < N_SCENARIOS; i++) {
        char path[1024];
        snprintf(path, sizeof(path), "%s/scenarios/en/%s", FL_SOURCE_DIR, scenario_files[i]);
        fl_diags dg;
        fl_diags_init(&dg, path);
        int rc = fl_scenario_load_file(&s[i], path, &dg);
        fl_diags_clear(&dg);
        if (rc != 0) {
            fprintf(stderr, "bench_round: cannot load %s\n", path);
            return 1;
        }
        pool[i] = s[i];
    }
    fl_lexicon *lx = NULL;
    char err[256];
    if (fl_lexicon_builtin(&lx, "en", err, sizeof(err)) != 0) {
        fprintf(stderr, "bench_round: no built-in English lexicon: %s\n", err);
        return 1;
    }
    int failed = 0, slow = 0;

    /* (a) */
    int batches = check ? 1000 : 4000;
    double idle_med, idle_p99;
    if (bench_idle(pool, lx, batches, &idle_med, &idle_p99) < 0) {
        failed = 1;
    } else {
        printf("fl_round_tick, 5 live calls, nothing due: median %.0f ns   p99 %.0f ns   "
               "(%d batches of 100 calls)\n",
               idle_med, idle_p99, batches);
        slow |= idle_med > TICK_BUDGET_NS || idle_p99 > TICK_BUDGET_NS;
        bench_row("round tick, 5 live calls, nothing due, median", "<=", TICK_BUDGET_NS / 1e3,
                  idle_med / 1e3, "us");
        bench_row("round tick, 5 live calls, nothing due, p99", "<=", TICK_BUDGET_NS / 1e3,
                  idle_p99 / 1e3, "us");
    }
    int rounds = check ? 4 : 20;
    size_t cap = (size_t)rounds * 300 * 12;
    double *all = malloc(sizeof(double) * cap), *by_kind[K_COUNT];
    int n_all, n_kind[K_COUNT];
    for (int k = 0; k < K_COUNT; k++)
        by_kind[k] = malloc(sizeof(double) * cap);
    if (bench_busy(pool, lx, rounds, all, &n_all, by_kind, n_kind) < 0 || n_all < 100) {
        fprintf(stderr, "bench_round: the busy rounds went wrong\n");
        failed = 1;
    } else {
        double med = median(all, n_all), p99 = percentile(all, n_all, 0.99);
        printf("fl_round_tick, 5 live calls, one thing due: median %.0f ns   p99 %.0f ns   "
               "(%d ticks)\n",
               med, p99, n_all);
        for (int k = 0; k < K_COUNT; k++)
            if (n_kind[k])
                printf("    %-38s %6d ticks: median %6.0f ns   p99 %6.0f ns\n", kind_names[k],
                       n_kind[k], median(by_kind[k], n_kind[k]),
                       percentile(by_kind[k], n_kind[k], 0.99));
        slow |= med > TICK_BUDGET_NS;
        bench_row("round tick, 5 live calls, one thing due, median", "<=", TICK_BUDGET_NS / 1e3,
                  med / 1e3, "us");
    }
    free(all);
    for (int k = 0; k < K_COUNT; k++)
        free(by_kind[k]);

    /* (b) */
    double *ms = malloc(sizeof(double) * (size_t)runs);
    round_result first, res;
    play_round(pool, lx, &first); /* warm-up, and the round every run must give */
    int differ = 0;
    for (int i = 0; i < runs && ms; i++) {
        double t0 = now_ms();
        play_round(pool, lx, &res);
        ms[i] = now_ms() - t0;
        differ |= !res.ok || res.events != first.events ||
                  res.timeline_hash != first.timeline_hash ||
                  memcmp(&res.fg, &first.fg, sizeof(res.fg)) != 0;
    }
    if (!ms || !first.ok || differ) {
        fprintf(stderr, "bench_round: the bot's round %s\n",
                !first.ok ? "did not play to its end" : "differs between runs");
        failed = 1;
    } else {
        const fl_round_figures *f = &first.fg;
        double med = median(ms, runs);
        printf("a 20-minute round (as scheduled), 60 customers, 3 at once, played by a bot (%u "
               "replies, %zu events):\n",
               first.acts, first.events);
        printf("    %.1f minutes with the customers held back: %u resolved, %u lost, %u partly or "
               "escalated; mean "
               "score %d, responsiveness %d, mean reply %.1f s, canned %.0f%%, %.2f resolved a "
               "minute\n",
               (double)f->duration_ms / 60000.0, f->resolved, f->lost, f->other, f->mean_score,
               f->responsiveness, f->mean_reply_ms / 1000.0, f->canned_share * 100.0,
               f->per_minute);
        printf("    by calls live: ");
        for (int k = 0; k < FL_ROUND_MAX_AT_ONCE; k++)
            if (f->by_load[k].replies)
                printf("%d: %u replies, %.1f s%s", k + 1, f->by_load[k].replies,
                       f->by_load[k].mean_reply_ms / 1000.0,
                       k + 1 < FL_ROUND_MAX_AT_ONCE && f->by_load[k + 1].replies ? "; " : "");
        printf("\n    wall time, %d runs: median %.2f ms   min %.2f ms   max %.2f ms\n", runs, med,
               ms[0], ms[runs - 1]);
        slow |= med > ROUND_BUDGET_MS;
        char name[128];
        snprintf(name, sizeof(name), "20-minute round of 60 customers by a bot, median of %d",
                 runs);
        bench_row(name, "<=", ROUND_BUDGET_MS, med, "ms");
    }
    free(ms);
    printf("budgets (tick 10 us; round 50 ms): %s\n", failed      ? "FAIL (a run went wrong)"
                                                      : SANITIZED ? "not judged under sanitizers"
                                                      : slow      ? "FAIL"
                                                                  : "PASS");
    fl_lexicon_free(lx);
    for (size_t i = 0; i < N_SCENARIOS; i++)
        fl_scenario_free(s[i]);
    return failed || (slow && !SANITIZED) ? 1 : 0;
}
