/*
 * spsc.h - a lock-free ring of fixed-size elements for exactly one producer thread and one
 * consumer thread (C11 atomics, no lock, no allocation after fl_spsc_init).
 *
 * Two rings use it: commands from the main thread to the output callback (mixer.c) and the
 * microphone's samples from the input callback to the meter's consumer (pa.c). An audio callback
 * may neither lock nor wait, so a full ring is reported, never waited for: the producer decides
 * (a command is refused and the caller is told; a microphone sample is dropped and counted).
 *
 * head and tail count elements since the start and only grow (size_t wraps after 2^64 on 64-bit
 * machines: never, in practice); the capacity is a power of two so an index is a mask away.
 * Each side publishes its counter with a release store after touching the elements and reads the
 * other's with an acquire load, so the elements are always seen whole. The counters sit on cache
 * lines of their own so the two threads do not bounce one line between them.
 */
#ifndef FL_SPSC_H
#define FL_SPSC_H

#include <stdalign.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    alignas(64) atomic_size_t head; /* elements pushed (written by the producer only) */
    alignas(64) atomic_size_t tail; /* elements popped (written by the consumer only) */
    alignas(64) size_t mask;        /* capacity - 1 */
    size_t elem;                    /* bytes per element */
    unsigned char *buf;             /* capacity * elem bytes */
} fl_spsc;

/* Makes q a ring of at least `capacity` elements of `elem` bytes (rounded up to a power of two).
 * Returns 0, or -1 when out of memory (q is then empty and fl_spsc_free on it is harmless). */
static inline int fl_spsc_init(fl_spsc *q, size_t capacity, size_t elem)
{
    size_t cap = 1;
    while (cap < capacity)
        cap <<= 1;
    atomic_init(&q->head, 0);
    atomic_init(&q->tail, 0);
    q->mask = cap - 1;
    q->elem = elem;
    q->buf = malloc(cap * elem);
    return q->buf ? 0 : -1;
}

static inline void fl_spsc_free(fl_spsc *q)
{
    free(q->buf);
    q->buf = NULL;
}

static inline size_t fl_spsc_capacity(const fl_spsc *q)
{
    return q->mask + 1;
}

/* Elements waiting (exact for the consumer; a lower bound of the free room for the producer). */
static inline size_t fl_spsc_count(fl_spsc *q)
{
    size_t h = atomic_load_explicit(&q->head, memory_order_acquire);
    size_t t = atomic_load_explicit(&q->tail, memory_order_acquire);
    return h - t;
}

/* Producer: copies up to n elements from src; returns how many fit (0 when full). */
static inline size_t fl_spsc_write(fl_spsc *q, const void *src, size_t n)
{
    size_t h = atomic_load_explicit(&q->head, memory_order_relaxed);
    size_t t = atomic_load_explicit(&q->tail, memory_order_acquire);
    size_t room = q->mask + 1 - (h - t);
    if (n > room)
        n = room;
    const unsigned char *s = src;
    size_t at = h & q->mask, first = q->mask + 1 - at;
    if (first > n)
        first = n;
    memcpy(q->buf + at * q->elem, s, first * q->elem);
    memcpy(q->buf, s + first * q->elem, (n - first) * q->elem);
    atomic_store_explicit(&q->head, h + n, memory_order_release);
    return n;
}

/* Consumer: copies up to n elements into dst; returns how many there were (0 when empty). */
static inline size_t fl_spsc_read(fl_spsc *q, void *dst, size_t n)
{
    size_t t = atomic_load_explicit(&q->tail, memory_order_relaxed);
    size_t h = atomic_load_explicit(&q->head, memory_order_acquire);
    if (n > h - t)
        n = h - t;
    unsigned char *d = dst;
    size_t at = t & q->mask, first = q->mask + 1 - at;
    if (first > n)
        first = n;
    memcpy(d, q->buf + at * q->elem, first * q->elem);
    memcpy(d + first * q->elem, q->buf, (n - first) * q->elem);
    atomic_store_explicit(&q->tail, t + n, memory_order_release);
    return n;
}

/* One element: 1 pushed or popped, 0 the ring was full or empty. */
static inline int fl_spsc_push(fl_spsc *q, const void *e)
{
    return (int)fl_spsc_write(q, e, 1);
}

static inline int fl_spsc_pop(fl_spsc *q, void *e)
{
    return (int)fl_spsc_read(q, e, 1);
}

#endif
