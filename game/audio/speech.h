/*
 * speech.h - the customer's voice and the interface's: espeak-ng on a thread of its own,
 * with a cache of what it has said.
 *
 * fl_speech_get() returns at once with a clip (clip.h) that is either complete, from the cache,
 * or being synthesised now by the speech thread, which fills it chunk by chunk so the mixer can
 * start playing within milliseconds. Only this thread calls espeak-ng (espeak-ng keeps global
 * state); it initialises espeak-ng itself, so creating an fl_speech costs the caller nothing.
 *
 * How an emotion sounds is one table (fl_prosody_of), documented in the trainer's guide
 * ("How customers sound"): furious is faster, higher, wider in pitch and louder than calm,
 * not calm read louder.
 */
#ifndef FL_SPEECH_H
#define FL_SPEECH_H

#include <stddef.h>
#include <stdint.h>

#include "audio.h"
#include "clip.h"

/* espeak-ng's settings for one emotion. */
typedef struct {
    int rate;   /* words per minute (espeakRATE, 80..450; 175 is espeak-ng's normal) */
    int pitch;  /* base pitch 0..100 (50 normal) */
    int range;  /* pitch range 0..100 (50 normal; 0 monotone) */
    int volume; /* 0..200 (100 normal) */
} fl_prosody;

/* The prosody of emotion e (fl_emotion); neutral for an unknown value. */
const fl_prosody *fl_prosody_of(int emotion);

/* The espeak-ng voice name for a language and a customer's voice attribute: "female" and
 * "male" become the language's voice with a female or male variant ("ru+f3", "en+m3"); a name
 * containing '+' or '/' is used as it is; NULL or "" gives the language's default. Writes at
 * most n bytes into buf and returns buf. */
const char *fl_voice_name(const char *lang, const char *voice, char *buf, size_t n);

typedef struct fl_speech fl_speech;

/* Starts the speech thread. Returns 0, -1 when out of memory or the thread cannot start.
 * cache_bytes bounds the cache (0: 32 MiB); clips still playing are never evicted. */
int fl_speech_new(fl_speech **out, size_t cache_bytes);
/* The clip for s (kind ignored): from the cache, or queued for synthesis. The caller owns one
 * reference (fl_clip_release when done with it). NULL when out of memory or espeak-ng could not
 * start (fl_speech_error says why). */
fl_clip *fl_speech_get(fl_speech *sp, const fl_say *s);
/* Why speech does not work ("" when it does or it is not known yet). */
const char *fl_speech_error(fl_speech *sp);
/* Drops what is waiting to be synthesised (clips already handed out complete as failed). */
void fl_speech_cancel(fl_speech *sp);
/* Stops the thread and frees the cache (clips still referenced elsewhere live on). */
void fl_speech_free(fl_speech *sp);

/* Synthesises s in the calling thread into a new buffer (malloc; free it): for
 * `frontline sound say --wav` and the tests. Never call it while an fl_speech exists.
 * Returns 0, or -1 with *err set to a static English message. */
int fl_speech_synth(const fl_say *s, int16_t **pcm, size_t *n, int *rate, const char **err);

#endif
