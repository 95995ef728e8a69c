/*
 * hmap.h - the one hash table of the program: byte-string keys to a pointer, open addressing
 * with linear probing in a power-of-two table kept at most half full, deletion by backward
 * shift (no tombstones, so lookups never slow down after deletions). It serves the model
 * builder's ids and names, the engine's reply texts, a round's sent texts, the store's merged-read
 * ids, the report's string table, the graph's walk and the desktop's caches. The explorer's
 * visited states are not here: they are 128-bit fingerprints with their summaries inline in the
 * slots (explore.c), where a pointer to the summary would double the cache misses per lookup.
 *
 * Keys are not copied: a key must stay where it is while it is in the table (an arena, the
 * entry the value points to). The hash is computed here (fl_hash) and kept with the key, so a
 * lookup compares keys only when the 64-bit hashes match.
 *
 * Depends on libc and alloc.h.
 */
#ifndef FL_HMAP_H
#define FL_HMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint64_t hash;   /* fl_hash(key, len); 0 marks an empty slot (a real 0 is stored as 1) */
    const void *key; /* not owned */
    size_t len;
    void *value;
} fl_hmap_slot;

typedef struct {
    fl_hmap_slot *slots;
    size_t cap;   /* a power of two, or 0 before the first insertion */
    size_t count; /* keys held */
} fl_hmap;

#define FL_HMAP_INIT                                                                               \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

/* FNV-1a over the bytes with a final mix (the table indexes by the low bits). Never 0. */
uint64_t fl_hash(const void *key, size_t len);

/* Makes room for `expected` keys at once (optional: the table grows by itself). 0, or -1 when
 * out of memory. */
int fl_hmap_reserve(fl_hmap *m, size_t expected);
void fl_hmap_free(fl_hmap *m);

/* The slot holding key, or NULL. */
fl_hmap_slot *fl_hmap_find(const fl_hmap *m, const void *key, size_t len);
/* fl_hmap_find with a string key. */
fl_hmap_slot *fl_hmap_find_str(const fl_hmap *m, const char *key);

/* The slot of key, added (value NULL, *added = 1) when it was not there (*added = 0). NULL
 * when out of memory (the table is unchanged). The slot is valid until the next insertion or
 * removal. */
fl_hmap_slot *fl_hmap_put(fl_hmap *m, const void *key, size_t len, int *added);

/* Removes the key of slot s (from fl_hmap_find, fl_hmap_put or iteration). Iterating by index,
 * after removing slots[i] look at slots[i] again: a later key may have moved into it. */
void fl_hmap_remove(fl_hmap *m, fl_hmap_slot *s);

/* Bytes the table takes (its slots), for memory bounds. */
size_t fl_hmap_footprint(const fl_hmap *m);

#endif
