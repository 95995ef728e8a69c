/*
 * hmap.c - the hash table of hmap.h. Depends on libc and alloc.h.
 */
#include "hmap.h"
#include "alloc.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

uint64_t fl_hash(const void *key, size_t len)
{
    const unsigned char *p = key;
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * 1099511628211ull;
    /* FNV's low bits are weak for short keys: mix the high ones in (the MurmurHash3 finaliser). */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h ? h : 1;
}

static int same(const fl_hmap_slot *s, uint64_t h, const void *key, size_t len)
{
    return s->hash == h && s->len == len && (len == 0 || memcmp(s->key, key, len) == 0);
}

/* Rebuilds the table with cap slots (a power of two, larger than twice the count). */
static int rehash(fl_hmap *m, size_t cap)
{
    fl_hmap_slot *slots = fl_calloc(cap, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < m->cap; i++) {
        const fl_hmap_slot *s = &m->slots[i];
        if (!s->hash)
            continue;
        size_t j = s->hash & (cap - 1);
        while (slots[j].hash)
            j = (j + 1) & (cap - 1);
        slots[j] = *s;
    }
    free(m->slots);
    m->slots = slots;
    m->cap = cap;
    return 0;
}

int fl_hmap_reserve(fl_hmap *m, size_t expected)
{
    if (expected > SIZE_MAX / 4 / sizeof(fl_hmap_slot))
        return -1;
    size_t cap = m->cap ? m->cap : 16;
    while (cap < expected * 2)
        cap *= 2;
    return cap == m->cap ? 0 : rehash(m, cap);
}

void fl_hmap_free(fl_hmap *m)
{
    free(m->slots);
    *m = (fl_hmap)FL_HMAP_INIT;
}

fl_hmap_slot *fl_hmap_find(const fl_hmap *m, const void *key, size_t len)
{
    if (!m->count)
        return NULL;
    uint64_t h = fl_hash(key, len);
    for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        fl_hmap_slot *s = &m->slots[i];
        if (!s->hash)
            return NULL;
        if (same(s, h, key, len))
            return s;
    }
}

fl_hmap_slot *fl_hmap_find_str(const fl_hmap *m, const char *key)
{
    return fl_hmap_find(m, key, strlen(key));
}

fl_hmap_slot *fl_hmap_put(fl_hmap *m, const void *key, size_t len, int *added)
{
    *added = 0;
    if ((m->count + 1) * 2 > m->cap && fl_hmap_reserve(m, m->count + 1) != 0)
        return NULL;
    uint64_t h = fl_hash(key, len);
    size_t i = h & (m->cap - 1);
    for (; m->slots[i].hash; i = (i + 1) & (m->cap - 1))
        if (same(&m->slots[i], h, key, len))
            return &m->slots[i];
    m->slots[i] = (fl_hmap_slot){h, key, len, NULL};
    m->count++;
    *added = 1;
    return &m->slots[i];
}

void fl_hmap_remove(fl_hmap *m, fl_hmap_slot *s)
{
    assert(s >= m->slots && s < m->slots + m->cap && s->hash);
    size_t mask = m->cap - 1, hole = (size_t)(s - m->slots);
    /* Backward shift: move up every later key of the run whose home is not between the hole
     * and its own place, so no lookup ever stops early at the hole. */
    for (size_t j = (hole + 1) & mask; m->slots[j].hash; j = (j + 1) & mask) {
        size_t home = m->slots[j].hash & mask;
        int between = hole <= j ? hole < home && home <= j : hole < home || home <= j;
        if (!between) {
            m->slots[hole] = m->slots[j];
            hole = j;
        }
    }
    m->slots[hole] = (fl_hmap_slot){0};
    m->count--;
}

size_t fl_hmap_footprint(const fl_hmap *m)
{
    return m->cap * sizeof(fl_hmap_slot);
}
