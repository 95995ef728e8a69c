/*
 * pa.h - what the PortAudio back end (pa.c) tells beyond audio.h: for `frontline sound meter`
 * (input counted in samples, so an unpaced test device gives exact readings) and for the
 * benchmark (callback timings, output latency, when a text's first sound was rendered).
 * Each function returns -1 or 0 when `a` is not a PortAudio back end or has no device.
 */
#ifndef FL_PA_H
#define FL_PA_H

#include <stdint.h>

#include "audio.h"

typedef struct {
    uint64_t callbacks;   /* output callbacks run */
    double mean_us;       /* their mean duration */
    double max_us;        /* the longest */
    double p99_us;        /* the 99th percentile (to 10 us; 10000: beyond 10 ms) */
    uint32_t frames;      /* frames per buffer asked for */
    int rate;             /* the output's rate */
    int channels;         /* the output's channels */
    double latency_ms;    /* PortAudio's reported output latency */
    uint64_t underruns;   /* renders in which a text waited for the speech thread */
    uint64_t mic_dropped; /* microphone samples lost to a full ring */
} fl_pa_stats;

/* Before fl_audio_meter_start: the meter takes at most `seconds` of input, then the input stream
 * ends by itself. 0: no limit (the desktop). Returns 0, or -1. */
int fl_pa_meter_limit(fl_audio *a, double seconds);
/* Seconds of input the meter has taken since fl_audio_meter_start. */
double fl_pa_meter_seconds(fl_audio *a);
/* The input's rate (0 when there is no input). */
int fl_pa_input_rate(fl_audio *a);
/* How much of a text's speech to wait for before playing it (fl_mixer_prebuffer): 0 the first
 * chunk (the default), < 0 all of it. Returns 0, or -1. */
int fl_pa_prebuffer(fl_audio *a, double seconds);
/* Timings since open. 0, or -1. */
int fl_pa_stats_get(fl_audio *a, fl_pa_stats *out);
/* Starts the callback timings afresh (a callback running meanwhile may count in either). */
void fl_pa_stats_reset(fl_audio *a);
/* The monotonic clock, in ns, as the callback stamps its renders. */
uint64_t fl_pa_now_ns(void);
/* When the callback rendered text id's first non-zero sample (fl_pa_now_ns), 0 not yet. */
uint64_t fl_pa_first_sound_ns(fl_audio *a, uint32_t id);

#endif
