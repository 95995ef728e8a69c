/*
 * alloc.c - the allocation hook of alloc.h. Depends on libc only.
 *
 * The counters are process-wide relaxed atomics, as the program's threads allocate too (loads
 * may run on several threads; the desktop's sound and loading threads): only tests set a failure
 * point, and in the program the hook costs one atomic increment and a compare per allocation.
 */
#include "alloc.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

static atomic_ulong fail_at; /* 0: never */
static atomic_ulong count, failures;

static int fails(void)
{
    unsigned long n = atomic_fetch_add_explicit(&count, 1, memory_order_relaxed) + 1;
    unsigned long at = atomic_load_explicit(&fail_at, memory_order_relaxed);
    if (at && n >= at) {
        atomic_fetch_add_explicit(&failures, 1, memory_order_relaxed);
        return 1;
    }
    return 0;
}

void *fl_malloc(size_t n)
{
    return fails() ? NULL : malloc(n);
}

void *fl_calloc(size_t nmemb, size_t size)
{
    return fails() ? NULL : calloc(nmemb, size);
}

void *fl_realloc(void *p, size_t n)
{
    return fails() ? NULL : realloc(p, n);
}

char *fl_strndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *d = fl_malloc(len + 1);
    if (d) {
        memcpy(d, s, len);
        d[len] = '\0';
    }
    return d;
}

char *fl_strdup(const char *s)
{
    return fl_strndup(s, (size_t)-1);
}

void fl_alloc_fail_at(unsigned long n)
{
    fail_at = n;
    count = 0;
    failures = 0;
}

unsigned long fl_alloc_count(void)
{
    return count;
}

unsigned long fl_alloc_failures(void)
{
    return failures;
}
