/*
 * arena.c - bump allocator in a chain of blocks; see arena.h. Depends on libc (and mmap).
 */
#include "alloc.h"
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define FIRST_BLOCK ((size_t)16 * 1024)
#define MAX_BLOCK   ((size_t)1024 * 1024)
/* Blocks this large come from mmap, pre-faulted in one go where the system can: on virtual
 * machines a page fault can cost ~15 us, so touching a 16 MB model page by page would cost more
 * than building it (tests/bench/bench_load measures this). */
#define MMAP_BLOCK ((size_t)256 * 1024)
#define ALIGN      ((size_t) _Alignof(max_align_t))

typedef struct block {
    struct block *next;
    size_t used;   /* bytes handed out from data[] */
    size_t cap;    /* bytes available in data[] */
    size_t mapped; /* bytes mapped with mmap (header included), 0 for malloc */
    _Alignas(max_align_t) unsigned char data[];
} block;

struct fl_arena {
    block *head; /* the block being filled; older blocks follow */
    size_t footprint;
    size_t next_size; /* capacity of the next block: blocks grow geometrically */
};

static block *new_block(size_t cap)
{
    size_t total = sizeof(block) + cap;
    block *b;
    if (cap >= MMAP_BLOCK) {
        int flags = MAP_PRIVATE | MAP_ANONYMOUS;
#ifdef MAP_POPULATE
        flags |= MAP_POPULATE;
#endif
        void *p = mmap(NULL, total, PROT_READ | PROT_WRITE, flags, -1, 0);
        if (p == MAP_FAILED)
            return NULL;
        b = p;
        b->mapped = total;
    } else {
        b = fl_malloc(total);
        if (!b)
            return NULL;
        b->mapped = 0;
    }
    b->used = 0;
    b->cap = cap;
    b->next = NULL;
    return b;
}

static void free_block(block *b)
{
    if (b->mapped)
        munmap(b, b->mapped);
    else
        free(b);
}

fl_arena *fl_arena_new(void)
{
    return fl_calloc(1, sizeof(fl_arena));
}

void fl_arena_free(fl_arena *a)
{
    if (!a)
        return;
    block *b = a->head;
    while (b) {
        block *next = b->next;
        free_block(b);
        b = next;
    }
    free(a);
}

void *fl_arena_alloc(fl_arena *a, size_t size)
{
    void *p = fl_arena_alloc_raw(a, size);
    if (p)
        memset(p, 0, size);
    return p;
}

void *fl_arena_alloc_raw(fl_arena *a, size_t size)
{
    size_t need = (size + ALIGN - 1) & ~(ALIGN - 1);
    if (need < size)
        return NULL; /* overflow */
    block *b = a->head;
    if (!b || b->cap - b->used < need) {
        if (!a->next_size)
            a->next_size = FIRST_BLOCK;
        size_t cap = a->next_size;
        while (cap < need && cap < SIZE_MAX / 2)
            cap *= 2;
        if (cap > SIZE_MAX - sizeof(block))
            return NULL;
        block *nb = new_block(cap);
        if (!nb)
            return NULL;
        if (a->next_size < MAX_BLOCK)
            a->next_size *= 2;
        a->footprint += sizeof(block) + cap;
        nb->next = b;
        a->head = nb;
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += need;
    return p;
}

char *fl_arena_strndup(fl_arena *a, const char *s, size_t len)
{
    char *p = fl_arena_alloc_raw(a, len + 1);
    if (p) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}

char *fl_arena_strdup(fl_arena *a, const char *s)
{
    return s ? fl_arena_strndup(a, s, strlen(s)) : NULL;
}

size_t fl_arena_footprint(const fl_arena *a)
{
    return a->footprint + sizeof(*a);
}
