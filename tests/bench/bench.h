/*
 * bench.h - the timing helpers every benchmark shares: a monotonic clock in milliseconds and
 * sorting of samples (for medians and percentiles). Benchmarks may read the clock; the core
 * may not.
 */
#ifndef FL_BENCH_H
#define FL_BENCH_H

#include <stdlib.h>
#include <time.h>

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

#endif
