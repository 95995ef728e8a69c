/*
 * vec.c - the growable array of vec.h. Depends on libc and alloc.h.
 *
 * The array's pointer is read and written with memcpy: the caller's pointer is a T *, and
 * going through a void ** would break the aliasing rules.
 */
#include "vec.h"
#include "alloc.h"

#include <stdint.h>
#include <string.h>

static int grow(void *items_ptr, size_t *cap, size_t need, size_t size, int zero)
{
    if (need <= *cap)
        return 0;
    if (size == 0)
        return -1;
    size_t max = SIZE_MAX / size;
    size_t want = *cap < (max - 8) / 3 * 2 ? *cap / 2 * 3 + 8 : max;
    if (want < need)
        want = need;
    if (want > max)
        return -1;
    void *items;
    memcpy(&items, items_ptr, sizeof items);
    void *grown = fl_realloc(items, want * size);
    if (!grown)
        return -1;
    if (zero)
        memset((char *)grown + *cap * size, 0, (want - *cap) * size);
    memcpy(items_ptr, &grown, sizeof grown);
    *cap = want;
    return 0;
}

int fl_grow(void *items_ptr, size_t *cap, size_t need, size_t size)
{
    return grow(items_ptr, cap, need, size, 0);
}

int fl_grow_zero(void *items_ptr, size_t *cap, size_t need, size_t size)
{
    return grow(items_ptr, cap, need, size, 1);
}
