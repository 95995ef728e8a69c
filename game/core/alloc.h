/*
 * alloc.h - every allocation of the core and the results store goes through these, so that a
 * test can fail the Nth one and check that each failure ends in a clean error and no leak
 * (tests/unit/test_alloc_fail.c; the idea is Lua's ltests.c and SQLite's malloc fault tests).
 * free() stays free(): the hook only decides whether an allocation succeeds.
 *
 * Depends on libc only.
 */
#ifndef FL_ALLOC_H
#define FL_ALLOC_H

#include <stddef.h>

void *fl_malloc(size_t n);
void *fl_calloc(size_t count, size_t size);
void *fl_realloc(void *p, size_t n);
char *fl_strdup(const char *s);
char *fl_strndup(const char *s, size_t n);

/*
 * The test hook. fl_alloc_fail_at(n): the allocation numbered n (1 = the next one) and every
 * one after it fail, as a full memory does; fl_alloc_fail_at(0) turns failing off. Also
 * resets the count. fl_alloc_count(): allocations asked for since the last fl_alloc_fail_at();
 * fl_alloc_failures(): how many of them failed. Process-wide, for tests only: the program never
 * calls these.
 */
void fl_alloc_fail_at(unsigned long n);
unsigned long fl_alloc_count(void);
unsigned long fl_alloc_failures(void);

#endif
