/*
 * bench.h - the timing helpers every benchmark shares: a monotonic clock in milliseconds,
 * sorting of samples (for medians and percentiles) and whether sanitizers slow the build.
 * Benchmarks may read the clock; the core may not.
 */
#ifndef FL_BENCH_H
#define FL_BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* SANITIZED: 1 in a build under AddressSanitizer or UndefinedBehaviorSanitizer (GCC says so with
 * __SANITIZE_*__, Clang with __has_feature), where the timings are the sanitizers' and a budget is
 * not judged. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_UNDEFINED__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(undefined_behavior_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif

static inline double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static inline int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Sorts v[0..n) and returns its median (the upper one for even n). */
static inline double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof(double), cmp_double);
    return v[n / 2];
}

/*
 * One figure with its budget, as a line that tests/bench/run collects into its table:
 *     BENCH<TAB>name<TAB>op<TAB>budget<TAB>value<TAB>unit<TAB>pass|FAIL|unjudged
 * op is how the figure must compare with the budget ("<=", "<", ">=" or ">"). Returns 1 when it
 * does, and under sanitizers always (the row then says unjudged: the instrumentation would be
 * measured, not the code). The name is the table's first column, so keep it short and say
 * what is timed and how often ("..., median of 21").
 */
static inline int bench_row(const char *name, const char *op, double budget, double value,
                            const char *unit)
{
    int ok = op[0] == '>'   ? (op[1] == '=' ? value >= budget : value > budget)
             : op[1] == '=' ? value <= budget
                            : value < budget;
    printf("BENCH\t%s\t%s\t%.6g\t%.6g\t%s\t%s\n", name, op, budget, value, unit,
           SANITIZED ? "unjudged"
           : ok      ? "pass"
                     : "FAIL");
    fflush(stdout);
    return ok || SANITIZED;
}

#endif
