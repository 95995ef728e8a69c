/*
 * clip.h - a spoken text as the speech thread writes it and the mixer's callback reads it.
 *
 * espeak-ng hands over its audio in pieces of a few tens of milliseconds. Each piece becomes a
 * chunk that the speech thread fills completely and then publishes (a release store into the
 * previous chunk's `next`, or into `first`), so the callback can start playing the first chunk
 * while the rest is being synthesised, without a lock: the mixer acquire-loads `next`; a NULL
 * `next` with `done` set is the end, a NULL `next` without it is an underrun (silence, then it
 * goes on). Chunks are never changed once published and are freed only with the clip.
 *
 * `users` counts references: the speech cache holds one, each playing mixer voice one
 * (taken by the main thread before the clip is queued to the callback, dropped by the callback
 * with an atomic decrement when the voice finishes). fl_clip_release() frees at zero; the
 * callback never drops the last reference, because the cache holds one until it evicts the clip
 * on the main or speech thread.
 */
#ifndef FL_CLIP_H
#define FL_CLIP_H

#include <stdatomic.h>
#include <stdint.h>

typedef struct fl_clip_chunk {
    struct fl_clip_chunk *_Atomic next;
    uint32_t n;  /* samples in s, fixed before publication */
    int16_t s[]; /* mono, at the clip's rate */
} fl_clip_chunk;

typedef struct fl_clip {
    fl_clip_chunk *_Atomic first;
    atomic_int done;    /* 1: the last chunk is published (or synthesis failed: see failed) */
    atomic_int failed;  /* synthesis failed; done is also set */
    atomic_int users;   /* references, see above */
    int rate;           /* samples per second (espeak-ng: 22050) */
    uint64_t key;       /* the cache's hash of (text, language, voice, emotion) */
    uint64_t frames;    /* total samples once done (written before done) */
} fl_clip;

/* Takes a reference (any thread). */
static inline void fl_clip_retain(fl_clip *c)
{
    atomic_fetch_add_explicit(&c->users, 1, memory_order_relaxed);
}

/* Drops a reference from the audio callback: never frees (the cache's reference remains). */
static inline void fl_clip_drop_rt(fl_clip *c)
{
    atomic_fetch_sub_explicit(&c->users, 1, memory_order_release);
}

/* Drops a reference and frees the clip and its chunks at zero (not from the callback). */
void fl_clip_release(fl_clip *c);

#endif
