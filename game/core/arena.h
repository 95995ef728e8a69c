/*
 * arena.h - a bump allocator that owns everything of one loaded scenario.
 *
 * A scenario's nodes, replies, strings and compiled conditions are allocated here and freed
 * together by one fl_arena_free(). Allocation never moves earlier blocks, so pointers into the
 * arena stay valid until it is freed. Depends on libc only.
 */
#ifndef FL_ARENA_H
#define FL_ARENA_H

#include <stddef.h>

typedef struct fl_arena fl_arena;

/* Returns a new empty arena, or NULL when out of memory. Free it with fl_arena_free(). */
fl_arena *fl_arena_new(void);

/* Frees the arena and every block allocated from it. fl_arena_free(NULL) does nothing. */
void fl_arena_free(fl_arena *a);

/* Returns `size` zeroed bytes aligned for any type, owned by the arena; NULL when out of memory. */
void *fl_arena_alloc(fl_arena *a, size_t size);

/* Like fl_arena_alloc() without zeroing: for memory the caller fills at once. */
void *fl_arena_alloc_raw(fl_arena *a, size_t size);

/* Copies `len` bytes of `s` into the arena and adds a terminating NUL; NULL when out of memory. */
char *fl_arena_strndup(fl_arena *a, const char *s, size_t len);

/* Copies the NUL-terminated `s` into the arena; NULL when `s` is NULL or out of memory. */
char *fl_arena_strdup(fl_arena *a, const char *s);

/* Bytes obtained from the system for this arena (blocks plus bookkeeping). */
size_t fl_arena_footprint(const fl_arena *a);

#endif
