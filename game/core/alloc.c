/*
 * alloc.c - the allocation hook of alloc.h. Depends on libc only.
 *
 * The counters are plain process-wide variables: only tests set them, from one thread, and the
 * program never does, so in the program the hook costs a compare per allocation.
 */
#include "alloc.h"

#include <stdlib.h>
#include <string.h>

static unsigned long fail_at; /* 0: never */
static unsigned long count, failures;

static int fails(void)
{
    count++;
    if (fail_at && count >= fail_at) {
        failures++;
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

char *fl_strdup(const char *s)
{
    return fails() ? NULL : strdup(s);
}

char *fl_strndup(const char *s, size_t n)
{
    return fails() ? NULL : strndup(s, n);
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
