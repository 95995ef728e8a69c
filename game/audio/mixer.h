/*
 * mixer.h - the output mixer: what the PortAudio callback calls, and nothing else.
 *
 * Pure DSP with no PortAudio, so the unit tests and the benchmark render it offline. It mixes,
 * at the output's rate, a fixed set of preallocated voices:
 *   - the customer's speech: one playing clip (clip.h) and a queue of FL_MIXER_QUEUE waiting,
 *     played one after another;
 *   - the interface's speech (self-voicing): one clip; a new one cuts the one playing;
 *   - cues synthesised in code (FL_MIXER_CUES at once; see docs/audio.md for each design);
 *   - the office ambience, whose level glides to a new value over half a second.
 * Clips are resampled from their rate (espeak-ng's 22050) by linear interpolation.
 *
 * Threads: fl_mixer_new, _free and the command functions (_say, _cue, _ambience, _stop, _levels)
 * belong to one producer thread (the main thread); fl_mixer_render to one consumer (the audio
 * callback). Commands travel through a lock-free ring (spsc.h) and take effect at the start of the
 * next render. fl_mixer_render never allocates, locks, logs or waits: everything it uses is
 * allocated by fl_mixer_new. The state of each text ("speaking") and the moment its first sound
 * was rendered are atomics any thread may read.
 */
#ifndef FL_MIXER_H
#define FL_MIXER_H

#include <stdint.h>

#include "audio.h"
#include "clip.h"

#define FL_MIXER_QUEUE    8   /* customer lines waiting behind the one playing */
#define FL_MIXER_CUES     8   /* cues sounding at once (a ninth replaces the oldest) */
#define FL_MIXER_IDS      256 /* texts whose state is remembered (ids modulo this) */
#define FL_MIXER_COMMANDS 64  /* commands waiting for the next render */

typedef struct fl_mixer fl_mixer;

/* A mixer rendering at `rate` frames per second into `channels` interleaved channels (the same
 * signal on each), with the given levels. NULL when out of memory. */
fl_mixer *fl_mixer_new(int rate, int channels, const fl_audio_levels *levels);
/* Changes the output's rate and channels. Only before the first render (pa.c makes the mixer at
 * open, so commands can queue while the device is found, and sets the device's format here). */
void fl_mixer_set_format(fl_mixer *m, int rate, int channels);
/* Frees the mixer, releasing (fl_clip_release) every clip it still holds. Not while a render
 * may run. */
void fl_mixer_free(fl_mixer *m);

/* Plays clip as text `id` (> 0): a customer line queues behind the others, an interface text cuts
 * the one playing. The mixer takes over one reference the caller already holds; it is dropped
 * with fl_clip_drop_rt when the text ends or is cut. Returns 0, or -1 when the command ring is
 * full (the caller keeps its reference). */
int fl_mixer_say(fl_mixer *m, fl_clip *clip, fl_say_kind kind, uint32_t id);
/* Starts a cue. -1 when the command ring is full. */
int fl_mixer_cue(fl_mixer *m, fl_cue c);
/* The ambience's new level, 0..1. -1 when the command ring is full. */
int fl_mixer_ambience(fl_mixer *m, float level);
/* Cuts every text, playing or waiting; fl_mixer_speaking turns 0 for all of them at once. */
int fl_mixer_stop(fl_mixer *m);
/* New levels: switching a kind off cuts what of it is sounding. */
int fl_mixer_levels(fl_mixer *m, const fl_audio_levels *levels);

/* How much of a clip must be published before it starts: 0 (the default) the first chunk, for
 * the shortest delay; seconds > 0 that much; < 0 all of it (`frontline sound say` and the tests
 * on a device that is not paced in real time, where any wait for the speech thread would
 * otherwise become silence inside the line). Applies to texts started after it. */
int fl_mixer_prebuffer(fl_mixer *m, float seconds);

/* Renders frames frames into out (frames * channels floats). `stamp` is any number the caller
 * wants recorded as the moment a text's first non-zero sample was rendered (pa.c passes the
 * monotonic clock in nanoseconds, the tests a counter). */
void fl_mixer_render(fl_mixer *m, float *out, uint32_t frames, uint64_t stamp);

/* 1 while text id is queued or playing (any thread). */
int fl_mixer_speaking(const fl_mixer *m, uint32_t id);
/* The stamp of the render that produced text id's first non-zero sample; 0 not yet. */
uint64_t fl_mixer_first_sound(const fl_mixer *m, uint32_t id);
/* 1 when nothing sounds, nothing is queued, the ambience is at 0 and no command waits (any
 * thread; the callback's view after its last render). */
int fl_mixer_idle(const fl_mixer *m);
/* Frames rendered in a row while idle (the on-demand stream ends after enough of them). */
uint64_t fl_mixer_idle_frames(const fl_mixer *m);
/* Frames rendered since the mixer was made. */
uint64_t fl_mixer_frames(const fl_mixer *m);
/* Underruns: renders in which a text had to wait for its next chunk. */
uint64_t fl_mixer_underruns(const fl_mixer *m);

/* One cue's design, for the tests and docs/audio.md: its length in seconds and its main
 * frequency in Hz (the lower tone of a two-tone sound). */
double fl_cue_seconds(fl_cue c);
double fl_cue_hz(fl_cue c);
/* The perceptual volume curve: 0..100 to a linear gain (0 at 0, 1 at 100). */
float fl_volume_gain(int volume);

#endif
