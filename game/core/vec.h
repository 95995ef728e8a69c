/*
 * vec.h - the one growable array of the program: every array that grows (the model's nodes, a
 * session's turns, the explorer's frontier, a report's rows, the desktop's lines ...) grows
 * through fl_grow(), so growth is overflow-checked, amortised and out-of-memory-safe in one
 * place (git's ALLOC_GROW is the model).
 *
 *     item *items = NULL;
 *     size_t n = 0, cap = 0;
 *     if (FL_GROW(items, cap, n + 1))
 *         return -2;              (out of memory or overflow: items and cap are unchanged)
 *     items[n++] = x;
 *
 * Depends on libc and alloc.h.
 */
#ifndef FL_VEC_H
#define FL_VEC_H

#include <stddef.h>

/*
 * Makes the array whose pointer is at *items_ptr (a T **, passed as void *) hold at least `need`
 * elements of `size` bytes: when *cap is smaller, reallocates to max(need, cap * 3 / 2 + 8)
 * elements (fl_realloc) and updates *items_ptr and *cap. New elements are not initialised.
 * Returns 0, or -1 when out of memory or when the size would overflow (nothing changed then).
 */
int fl_grow(void *items_ptr, size_t *cap, size_t need, size_t size);

/* The same, zeroing the new elements (from the old capacity to the new one). */
int fl_grow_zero(void *items_ptr, size_t *cap, size_t need, size_t size);

/* The macros test the capacity inline, so the common case (room left) costs one comparison and
 * no call: the loader grows per attribute and per element. */
static inline int fl_grow_if_(void *items_ptr, size_t *cap, size_t need, size_t size)
{
    return need <= *cap ? 0 : fl_grow(items_ptr, cap, need, size);
}

static inline int fl_grow_zero_if_(void *items_ptr, size_t *cap, size_t need, size_t size)
{
    return need <= *cap ? 0 : fl_grow_zero(items_ptr, cap, need, size);
}

#define FL_GROW(items, cap, need)      fl_grow_if_(&(items), &(cap), (need), sizeof *(items))
#define FL_GROW_ZERO(items, cap, need) fl_grow_zero_if_(&(items), &(cap), (need), sizeof *(items))

#endif
