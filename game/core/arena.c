/*
 * arena.c - bump allocator in a chain of blocks; see arena.h. Depends on libc only.
 */
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE ((size_t)64 * 1024)
#define ALIGN      ((size_t)_Alignof(max_align_t))

typedef struct block {
    struct block *next;
    size_t used; /* bytes handed out from data[] */
    size_t cap;  /* bytes available in data[] */
    _Alignas(max_align_t) unsigned char data[];
} block;

struct fl_arena {
    block *head; /* the block being filled; older blocks follow */
    size_t footprint;
};

fl_arena *fl_arena_new(void)
{
    return calloc(1, sizeof(fl_arena));
}

void fl_arena_free(fl_arena *a)
{
    if (!a)
        return;
    block *b = a->head;
    while (b) {
        block *next = b->next;
        free(b);
        b = next;
    }
    free(a);
}

void *fl_arena_alloc(fl_arena *a, size_t size)
{
    size_t need = (size + ALIGN - 1) & ~(ALIGN - 1);
    if (need < size)
        return NULL; /* overflow */
    block *b = a->head;
    if (!b || b->cap - b->used < need) {
        size_t cap = need > BLOCK_SIZE / 4 ? need : BLOCK_SIZE;
        if (cap > SIZE_MAX - sizeof(block))
            return NULL;
        block *nb = malloc(sizeof(block) + cap);
        if (!nb)
            return NULL;
        nb->used = 0;
        nb->cap = cap;
        a->footprint += sizeof(block) + cap;
        if (b && cap != BLOCK_SIZE) {
            /* A large one-off block goes behind the current one, which keeps filling. */
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += need;
    memset(p, 0, need);
    return p;
}

char *fl_arena_strndup(fl_arena *a, const char *s, size_t len)
{
    char *p = fl_arena_alloc(a, len + 1);
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
