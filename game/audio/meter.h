/*
 * meter.h - the tone meter's analysis: how loud, how fast and with what pauses a reply was read.
 *
 * It is fed the microphone's samples (mono float, -1..1, at the input's rate) in any pieces,
 * off the audio callback (the callback only copies samples into a ring, pa.c), and keeps
 * 10 ms frame energies (and the vowel band's per 5 ms), so its memory grows with the reading's
 * length only (about 1.2 KB a second). The figures (voice.h):
 *   - loudness: the RMS over the voiced frames (less the steady background's power) and the
 *     peak, in dBFS;
 *   - voiced frames: louder than an adaptive floor (the quietest 10% of frames + 12 dB, and
 *     no lower than -55 dBFS);
 *   - syllables: peaks of the 300-2500 Hz band's energy envelope that stand out by a few dB
 *     from the dips on both sides (the classic nucleus-counting method), the envelope smoothed
 *     over 50 ms for ordinary speech and down to 20 ms for fast speech (a first count decides);
 *   - speech_s: the first voiced frame to the last; pauses: voiced gaps of FL_VOICE_PAUSE_MS.
 * The method, its limits and the figures measured are in docs/meter.md.
 */
#ifndef FL_METER_H
#define FL_METER_H

#include <stddef.h>

#include "voice.h"

typedef struct fl_meter fl_meter;

/* A meter for samples at `rate` per second. NULL when out of memory. */
fl_meter *fl_meter_new(int rate);
void fl_meter_free(fl_meter *m);
/* Forgets everything heard (a new reading). */
void fl_meter_reset(fl_meter *m);
/* Adds n samples. Returns 0, -1 when out of memory (what was fed before is kept). */
int fl_meter_feed(fl_meter *m, const float *x, size_t n);
/* The loudness of the last 50 ms in dBFS (-120 for silence), for a live bar. */
float fl_meter_level(const fl_meter *m);
/* The figures of everything fed since the last reset. */
void fl_meter_figures(const fl_meter *m, fl_voice_figures *out);

#endif
