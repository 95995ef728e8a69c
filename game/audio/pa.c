/*
 * pa.c - the real back end (audio.h): one PortAudio output stream fed by the mixer (mixer.c),
 * espeak-ng through the speech thread (speech.c), the microphone through a PortAudio input
 * stream into the meter (meter.c).
 *
 * Threads (docs/audio.md has the picture):
 *   - the main thread calls the operations; each returns at once. Commands go to the mixer
 *     through its lock-free ring; speech requests to the speech thread;
 *   - the device thread owns PortAudio: every Pa_* call is made there (PortAudio is not
 *     thread-safe). It silences ALSA's and JACK's messages, initialises PortAudio, opens the
 *     streams, starts the output when something is to be heard and feeds the meter;
 *   - PortAudio's callbacks: the output one only renders the mixer (and times itself); the input
 *     one only copies samples into a ring. Neither allocates, locks, logs nor waits.
 *
 * The output stream runs on demand: the device thread starts it when the mixer has something to
 * play, and the callback ends it (paComplete) once the mixer has been idle for 1.5 s of output.
 * Counting that in frames rather than wall time keeps a device that is not paced in real time
 * (the tests' ALSA file device) from writing minutes of silence.
 *
 * Nothing here prints: what went wrong is the status's one English line.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <alsa/asoundlib.h>
#include <portaudio.h>

#include "audio.h"
#include "meter.h"
#include "mixer.h"
#include "pa.h"
#include "speech.h"
#include "spsc.h"

#define FRAMES       256  /* per output buffer: 5.3 ms at 48 kHz */
#define IDLE_SECONDS 1.5  /* of silent output before the stream ends */
#define TICK_MS      20   /* the device thread's pace while it has something to watch */
#define MIC_SECONDS  30   /* the microphone ring, when no limit is set */
#define DRAIN        4096 /* samples moved from the ring to the meter at a time */
#define HIST         1000 /* callback duration buckets of 10 us: up to 10 ms */

typedef struct {
    fl_audio base;

    pthread_t thread;
    int thread_ok;
    pthread_mutex_t mu; /* quit, wake, the input requests */
    pthread_cond_t cv;
    int quit, wake;

    /* written by the device thread before `state` is stored (release), read after (acquire) */
    atomic_int state;
    char why[256];
    char device[128];
    int rate, channels, has_input, in_rate;
    double latency_ms;

    fl_audio_levels lv; /* the main thread's copy */
    float ambience;     /* the last level sent (a front end may set it every frame) */
    fl_mixer *mixer;    /* made at open, its format set by the device thread */
    fl_speech *speech;
    uint32_t next_id;

    /* output: the device thread's */
    PaStream *out;
    int out_started;    /* Pa_StartStream was called and Pa_StopStream not yet */
    int start_failures; /* Pa_StartStream failures in a row */
    uint64_t idle_limit;

    /* callback timings (the callback writes, anyone reads) */
    _Atomic uint64_t cb_count, cb_ns_sum, cb_ns_max;
    _Atomic uint32_t cb_hist[HIST]; /* callbacks by duration, 10 us a bucket (the last: more) */

    /* input */
    int want_input;           /* main asks, under mu: 1 a meter is running */
    unsigned input_gen;       /* main bumps it, under mu, for each meter_start */
    unsigned open_gen;        /* the generation the device thread opened */
    PaStream *in;             /* the device thread's */
    pthread_mutex_t meter_mu; /* the meter and the ring's consumer side */
    fl_meter *meter;
    fl_spsc mic;
    int mic_ok;
    atomic_int metering;  /* the input callback copies samples */
    atomic_int in_failed; /* the input of the current reading could not be opened */
    _Atomic uint64_t mic_taken, mic_dropped, mic_limit;
    double limit_s;
} pa_audio;

uint64_t fl_pa_now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static int state_of(pa_audio *p)
{
    return atomic_load_explicit(&p->state, memory_order_acquire);
}

/* ---- silence ----------------------------------------------------------------------------- */

static void alsa_quiet(const char *file, int line, const char *function, int err, const char *fmt,
                       ...)
{
    (void)file;
    (void)line;
    (void)function;
    (void)err;
    (void)fmt;
}

static void jack_quiet(const char *msg)
{
    (void)msg;
}

static void pa_quiet(const char *msg)
{
    (void)msg;
}

/* ALSA prints its errors through a handler, JACK (which Debian's PortAudio links) through two,
 * and PortAudio's own debug lines through a function of its utility layer: point them all at
 * nothing. JACK and PortAudio's setters are looked up, as a build without them is fine too. */
static void silence_libraries(void)
{
    snd_lib_error_set_handler(alsa_quiet);
    typedef void (*setter)(void (*)(const char *));
    const char *names[] = {"jack_set_error_function", "jack_set_info_function",
                           "PaUtil_SetDebugPrintFunction"};
    for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
        void *sym = dlsym(RTLD_DEFAULT, names[i]);
        if (!sym)
            continue;
        setter set;
        memcpy(&set, &sym, sizeof(set)); /* object to function pointer, without the warning */
        set(i < 2 ? jack_quiet : pa_quiet);
    }
}

/* ---- callbacks --------------------------------------------------------------------------- */

static int out_callback(const void *input, void *output, unsigned long frames,
                        const PaStreamCallbackTimeInfo *time, PaStreamCallbackFlags flags,
                        void *user)
{
    (void)input;
    (void)time;
    (void)flags;
    pa_audio *p = user;
    uint64_t t0 = fl_pa_now_ns();
    fl_mixer_render(p->mixer, output, (uint32_t)frames, t0);
    uint64_t dt = fl_pa_now_ns() - t0;
    atomic_fetch_add_explicit(&p->cb_count, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&p->cb_ns_sum, dt, memory_order_relaxed);
    uint64_t bucket = dt / 10000;
    atomic_fetch_add_explicit(&p->cb_hist[bucket < HIST ? bucket : HIST - 1], 1,
                              memory_order_relaxed);
    uint64_t max = atomic_load_explicit(&p->cb_ns_max, memory_order_relaxed);
    while (dt > max && !atomic_compare_exchange_weak_explicit(
                           &p->cb_ns_max, &max, dt, memory_order_relaxed, memory_order_relaxed))
        ;
    return fl_mixer_idle_frames(p->mixer) >= p->idle_limit ? paComplete : paContinue;
}

static int in_callback(const void *input, void *output, unsigned long frames,
                       const PaStreamCallbackTimeInfo *time, PaStreamCallbackFlags flags,
                       void *user)
{
    (void)output;
    (void)time;
    (void)flags;
    pa_audio *p = user;
    if (!input || !atomic_load_explicit(&p->metering, memory_order_acquire))
        return paContinue;
    uint64_t taken = atomic_load_explicit(&p->mic_taken, memory_order_relaxed);
    uint64_t limit = atomic_load_explicit(&p->mic_limit, memory_order_relaxed);
    uint64_t n = frames;
    if (limit && taken + n > limit)
        n = limit - taken;
    size_t w = fl_spsc_write(&p->mic, input, (size_t)n);
    atomic_fetch_add_explicit(&p->mic_dropped, n - w, memory_order_relaxed);
    atomic_store_explicit(&p->mic_taken, taken + n, memory_order_release);
    return limit && taken + n >= limit ? paComplete : paContinue;
}

/* ---- the device thread ------------------------------------------------------------------- */

static void no_device(pa_audio *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void no_device(pa_audio *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->why, sizeof(p->why), fmt, ap);
    va_end(ap);
    atomic_store_explicit(&p->state, FL_AUDIO_NO_DEVICE, memory_order_release);
}

/* Opens the output: float32, stereo when the device has it, 48 kHz when it takes it, 256-frame
 * buffers at the device's low latency. 0, or -1 with the state NO_DEVICE. */
static int open_output(pa_audio *p)
{
    PaDeviceIndex dev = Pa_GetDefaultOutputDevice();
    const PaDeviceInfo *info = dev == paNoDevice ? NULL : Pa_GetDeviceInfo(dev);
    if (!info || info->maxOutputChannels < 1) {
        no_device(p, "no sound output device was found");
        return -1;
    }
    PaStreamParameters out = {.device = dev,
                              .channelCount = info->maxOutputChannels >= 2 ? 2 : 1,
                              .sampleFormat = paFloat32,
                              .suggestedLatency = info->defaultLowOutputLatency};
    double rate = 48000;
    if (Pa_IsFormatSupported(NULL, &out, rate) != paFormatIsSupported)
        rate = info->defaultSampleRate;
    PaError err = Pa_OpenStream(&p->out, NULL, &out, rate, FRAMES, paClipOff, out_callback, p);
    if (err != paNoError) {
        p->out = NULL;
        no_device(p, "the sound output '%s' could not be opened: %s", info->name,
                  Pa_GetErrorText(err));
        return -1;
    }
    const PaStreamInfo *si = Pa_GetStreamInfo(p->out);
    p->rate = si && si->sampleRate > 0 ? (int)(si->sampleRate + 0.5) : (int)rate;
    p->latency_ms = si ? si->outputLatency * 1000.0 : 0;
    p->channels = out.channelCount;
    p->idle_limit = (uint64_t)(IDLE_SECONDS * p->rate);
    snprintf(p->device, sizeof(p->device), "%s", info->name);
    fl_mixer_set_format(p->mixer, p->rate, p->channels);
    return 0;
}

/* The default input, for the meter: its rate (48 kHz when it takes it). */
static void find_input(pa_audio *p)
{
    PaDeviceIndex dev = Pa_GetDefaultInputDevice();
    const PaDeviceInfo *info = dev == paNoDevice ? NULL : Pa_GetDeviceInfo(dev);
    if (!info || info->maxInputChannels < 1)
        return;
    PaStreamParameters in = {.device = dev,
                             .channelCount = 1,
                             .sampleFormat = paFloat32,
                             .suggestedLatency = info->defaultLowInputLatency};
    double rate = 48000;
    if (Pa_IsFormatSupported(&in, NULL, rate) != paFormatIsSupported)
        rate = info->defaultSampleRate;
    if (Pa_IsFormatSupported(&in, NULL, rate) != paFormatIsSupported)
        return;
    p->in_rate = (int)(rate + 0.5);
    p->has_input = 1;
}

/* Starts the output when the mixer has something to play; resets it once the callback ended it.
 */
static void tend_output(pa_audio *p)
{
    if (p->out_started && Pa_IsStreamActive(p->out) != 1) {
        Pa_StopStream(p->out); /* the callback completed it: make it startable again */
        p->out_started = 0;
    }
    if (!p->out_started && !fl_mixer_idle(p->mixer)) {
        PaError err = Pa_StartStream(p->out);
        if (err == paNoError) {
            p->out_started = 1;
            p->start_failures = 0;
        } else if (++p->start_failures >= 3) {
            /* The device went away (or never worked): say so and go silent, so nothing waits
             * for texts that can never play. */
            no_device(p, "the sound output '%s' stopped working: %s", p->device,
                      Pa_GetErrorText(err));
        }
    }
}

static void close_input(pa_audio *p)
{
    if (p->in) {
        atomic_store_explicit(&p->metering, 0, memory_order_release);
        Pa_AbortStream(p->in);
        Pa_CloseStream(p->in);
        p->in = NULL;
    }
    pthread_mutex_lock(&p->meter_mu);
    if (p->mic_ok)
        fl_spsc_free(&p->mic);
    p->mic_ok = 0;
    pthread_mutex_unlock(&p->meter_mu);
}

/* Opens and starts the microphone for a reading; on failure the reading is marked failed (its
 * meter_stop gives no figures rather than the figures of silence). */
static void open_input(pa_audio *p, double limit_s)
{
    atomic_store(&p->in_failed, 1);
    PaDeviceIndex dev = Pa_GetDefaultInputDevice();
    const PaDeviceInfo *info = dev == paNoDevice ? NULL : Pa_GetDeviceInfo(dev);
    if (!info)
        return;
    double seconds = limit_s > MIC_SECONDS ? limit_s + 1 : MIC_SECONDS;
    pthread_mutex_lock(&p->meter_mu);
    p->mic_ok = fl_spsc_init(&p->mic, (size_t)(seconds * p->in_rate), sizeof(float)) == 0;
    pthread_mutex_unlock(&p->meter_mu);
    if (!p->mic_ok)
        return;
    PaStreamParameters in = {.device = dev,
                             .channelCount = 1,
                             .sampleFormat = paFloat32,
                             .suggestedLatency = info->defaultLowInputLatency};
    atomic_store(&p->mic_taken, 0);
    atomic_store(&p->mic_dropped, 0);
    atomic_store(&p->mic_limit, (uint64_t)(limit_s * p->in_rate + 0.5));
    if (Pa_OpenStream(&p->in, &in, NULL, p->in_rate, FRAMES, paClipOff, in_callback, p) !=
        paNoError) {
        p->in = NULL;
        return;
    }
    atomic_store_explicit(&p->metering, 1, memory_order_release);
    if (Pa_StartStream(p->in) != paNoError) {
        Pa_CloseStream(p->in);
        p->in = NULL;
        atomic_store_explicit(&p->metering, 0, memory_order_release);
        return;
    }
    atomic_store(&p->in_failed, 0);
}

/* Moves what the microphone ring holds now into meter m (caller holds meter_mu; m may be NULL:
 * then the samples are dropped). Only what is there at the start: an input faster than the
 * meter (a device not paced in real time) must not keep the device thread here for ever. */
static void drain_into(pa_audio *p, fl_meter *m)
{
    if (!p->mic_ok)
        return;
    float buf[DRAIN];
    size_t left = fl_spsc_count(&p->mic), n;
    while (left && (n = fl_spsc_read(&p->mic, buf, left < DRAIN ? left : DRAIN)) > 0) {
        left -= n;
        if (m)
            fl_meter_feed(m, buf, n);
    }
}

static void tend_input(pa_audio *p)
{
    pthread_mutex_lock(&p->mu);
    int want = p->want_input;
    unsigned gen = p->input_gen;
    double limit_s = p->limit_s;
    pthread_mutex_unlock(&p->mu);
    if (p->in && (!want || gen != p->open_gen))
        close_input(p);
    if (want && !p->in && gen != p->open_gen) {
        p->open_gen = gen;
        open_input(p, limit_s);
    }
    pthread_mutex_lock(&p->meter_mu);
    drain_into(p, p->meter);
    pthread_mutex_unlock(&p->meter_mu);
}

static void *device_main(void *arg)
{
    pa_audio *p = arg;
    silence_libraries();
    PaError err = Pa_Initialize();
    if (err != paNoError) {
        no_device(p, "PortAudio could not start: %s", Pa_GetErrorText(err));
        return NULL;
    }
    if (open_output(p) != 0) {
        Pa_Terminate();
        return NULL;
    }
    find_input(p);
    atomic_store_explicit(&p->state, FL_AUDIO_READY, memory_order_release);

    pthread_mutex_lock(&p->mu);
    while (!p->quit) {
        if (!p->wake) {
            struct timespec until;
            clock_gettime(CLOCK_REALTIME, &until);
            until.tv_nsec += TICK_MS * 1000000L;
            if (until.tv_nsec >= 1000000000L) {
                until.tv_sec++;
                until.tv_nsec -= 1000000000L;
            }
            pthread_cond_timedwait(&p->cv, &p->mu, &until);
        }
        p->wake = 0;
        if (p->quit)
            break;
        pthread_mutex_unlock(&p->mu);
        if (state_of(p) == FL_AUDIO_READY)
            tend_output(p);
        tend_input(p);
        pthread_mutex_lock(&p->mu);
    }
    pthread_mutex_unlock(&p->mu);

    if (p->out_started)
        Pa_StopStream(p->out); /* plays out what was rendered */
    Pa_CloseStream(p->out);
    p->out = NULL;
    close_input(p);
    Pa_Terminate();
    return NULL;
}

static void wake(pa_audio *p)
{
    pthread_mutex_lock(&p->mu);
    p->wake = 1;
    pthread_cond_signal(&p->cv);
    pthread_mutex_unlock(&p->mu);
}

/* ---- operations (main thread) ------------------------------------------------------------ */

static void p_close(fl_audio *a);

static int p_open(fl_audio **out, const fl_audio_levels *levels)
{
    pa_audio *p = calloc(1, sizeof(*p));
    if (!p)
        return -1;
    p->base.ops = &fl_audio_portaudio;
    p->lv = *levels;
    atomic_init(&p->state, FL_AUDIO_STARTING);
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    pthread_mutex_init(&p->meter_mu, NULL);
    /* Before any thread starts (setenv is not safe beside getenv): never launch a JACK server
     * just to find there is no sound. */
    setenv("JACK_NO_START_SERVER", "1", 0);
    p->mixer = fl_mixer_new(48000, 2, levels);
    /* The speech thread starts now, beside the device: the first line is synthesised while the
     * device opens. */
    if (!p->mixer || fl_speech_new(&p->speech, 0) != 0) {
        p->speech = NULL;
        p_close(&p->base);
        return -1;
    }
    p->thread_ok = pthread_create(&p->thread, NULL, device_main, p) == 0;
    if (!p->thread_ok) {
        p_close(&p->base);
        return -1;
    }
    *out = &p->base;
    return 0;
}

static void p_status(fl_audio *a, fl_audio_status *out)
{
    pa_audio *p = (pa_audio *)a;
    out->state = state_of(p);
    if (out->state == FL_AUDIO_NO_DEVICE)
        snprintf(out->why, sizeof(out->why), "%s", p->why);
    if (out->state == FL_AUDIO_READY) {
        snprintf(out->device, sizeof(out->device), "%s", p->device);
        out->rate = p->rate;
        out->has_input = p->has_input;
        const char *e = p->speech ? fl_speech_error(p->speech) : "";
        if (e && *e)
            snprintf(out->why, sizeof(out->why), "voices: %s", e);
    }
}

static void p_set_levels(fl_audio *a, const fl_audio_levels *l)
{
    pa_audio *p = (pa_audio *)a;
    if (!memcmp(&p->lv, l, sizeof(*l)))
        return; /* unchanged: no command, so an idle output stays stopped */
    p->lv = *l;
    fl_mixer_levels(p->mixer, l);
    wake(p);
}

static uint32_t p_say(fl_audio *a, const fl_say *s)
{
    pa_audio *p = (pa_audio *)a;
    if (state_of(p) == FL_AUDIO_NO_DEVICE)
        return 0;
    if (s->kind == FL_SAY_CUSTOMER ? !p->lv.voice : !p->lv.self)
        return 0;
    fl_clip *c = fl_speech_get(p->speech, s); /* our reference goes to the mixer */
    if (!c)
        return 0;
    uint32_t id = ++p->next_id;
    if (!id)
        id = ++p->next_id;
    if (fl_mixer_say(p->mixer, c, s->kind, id) != 0) {
        fl_clip_release(c);
        return 0;
    }
    wake(p);
    return id;
}

static int p_speaking(fl_audio *a, uint32_t id)
{
    pa_audio *p = (pa_audio *)a;
    return state_of(p) != FL_AUDIO_NO_DEVICE && fl_mixer_speaking(p->mixer, id);
}

static void p_stop(fl_audio *a)
{
    pa_audio *p = (pa_audio *)a;
    fl_mixer_stop(p->mixer);
    fl_speech_cancel(p->speech);
    wake(p);
}

static void p_cue(fl_audio *a, fl_cue c)
{
    pa_audio *p = (pa_audio *)a;
    if (!p->lv.sounds || state_of(p) == FL_AUDIO_NO_DEVICE)
        return;
    fl_mixer_cue(p->mixer, c);
    wake(p);
}

static void p_ambience(fl_audio *a, float level)
{
    pa_audio *p = (pa_audio *)a;
    if (state_of(p) == FL_AUDIO_NO_DEVICE || level == p->ambience)
        return; /* unchanged: no command, so an idle output stays stopped */
    if (fl_mixer_ambience(p->mixer, level) == 0)
        p->ambience = level;
    wake(p);
}

static int p_meter_start(fl_audio *a)
{
    pa_audio *p = (pa_audio *)a;
    if (state_of(p) != FL_AUDIO_READY || !p->has_input)
        return -1;
    fl_meter *m = fl_meter_new(p->in_rate);
    if (!m)
        return -1;
    pthread_mutex_lock(&p->meter_mu);
    fl_meter *old = p->meter;
    p->meter = m;
    pthread_mutex_unlock(&p->meter_mu);
    fl_meter_free(old);
    atomic_store(&p->in_failed, 0);
    pthread_mutex_lock(&p->mu);
    p->want_input = 1;
    p->input_gen++;
    p->wake = 1;
    pthread_cond_signal(&p->cv);
    pthread_mutex_unlock(&p->mu);
    return 0;
}

static float p_meter_level(fl_audio *a)
{
    pa_audio *p = (pa_audio *)a;
    pthread_mutex_lock(&p->meter_mu);
    float level = p->meter ? fl_meter_level(p->meter) : -120.0f;
    pthread_mutex_unlock(&p->meter_mu);
    return level;
}

static int p_meter_stop(fl_audio *a, fl_voice_figures *out)
{
    pa_audio *p = (pa_audio *)a;
    atomic_store_explicit(&p->metering, 0, memory_order_release);
    pthread_mutex_lock(&p->meter_mu);
    fl_meter *m = p->meter;
    p->meter = NULL;
    drain_into(p, m);
    pthread_mutex_unlock(&p->meter_mu);
    pthread_mutex_lock(&p->mu);
    p->want_input = 0;
    p->wake = 1;
    pthread_cond_signal(&p->cv);
    pthread_mutex_unlock(&p->mu);
    if (!m || atomic_load(&p->in_failed)) {
        fl_meter_free(m);
        return -1;
    }
    fl_meter_figures(m, out);
    fl_meter_free(m);
    return 0;
}

static int p_busy(fl_audio *a)
{
    pa_audio *p = (pa_audio *)a;
    return state_of(p) != FL_AUDIO_NO_DEVICE && !fl_mixer_idle(p->mixer);
}

static void p_close(fl_audio *a)
{
    pa_audio *p = (pa_audio *)a;
    if (p->thread_ok) {
        pthread_mutex_lock(&p->mu);
        p->quit = 1;
        pthread_cond_signal(&p->cv);
        pthread_mutex_unlock(&p->mu);
        pthread_join(p->thread, NULL);
    }
    /* the streams are closed: nothing renders any more */
    fl_mixer_free(p->mixer);
    fl_speech_free(p->speech);
    fl_meter_free(p->meter);
    if (p->mic_ok)
        fl_spsc_free(&p->mic);
    pthread_mutex_destroy(&p->meter_mu);
    pthread_cond_destroy(&p->cv);
    pthread_mutex_destroy(&p->mu);
    free(p);
}

const fl_audio_ops fl_audio_portaudio = {
    .name = "portaudio",
    .open = p_open,
    .status = p_status,
    .set_levels = p_set_levels,
    .say = p_say,
    .speaking = p_speaking,
    .stop_speech = p_stop,
    .cue = p_cue,
    .ambience = p_ambience,
    .meter_start = p_meter_start,
    .meter_level = p_meter_level,
    .meter_stop = p_meter_stop,
    .close = p_close,
    .busy = p_busy,
};

/* ---- pa.h -------------------------------------------------------------------------------- */

static pa_audio *as_pa(fl_audio *a)
{
    return a && a->ops == &fl_audio_portaudio ? (pa_audio *)a : NULL;
}

int fl_pa_meter_limit(fl_audio *a, double seconds)
{
    pa_audio *p = as_pa(a);
    if (!p || seconds < 0)
        return -1;
    pthread_mutex_lock(&p->mu);
    p->limit_s = seconds;
    pthread_mutex_unlock(&p->mu);
    return 0;
}

int fl_pa_prebuffer(fl_audio *a, double seconds)
{
    pa_audio *p = as_pa(a);
    return p ? fl_mixer_prebuffer(p->mixer, (float)seconds) : -1;
}

double fl_pa_meter_seconds(fl_audio *a)
{
    pa_audio *p = as_pa(a);
    if (!p || !p->in_rate)
        return 0;
    return (double)atomic_load_explicit(&p->mic_taken, memory_order_acquire) / p->in_rate;
}

int fl_pa_input_rate(fl_audio *a)
{
    pa_audio *p = as_pa(a);
    return p && state_of(p) == FL_AUDIO_READY ? p->in_rate : 0;
}

int fl_pa_stats_get(fl_audio *a, fl_pa_stats *out)
{
    pa_audio *p = as_pa(a);
    memset(out, 0, sizeof(*out));
    if (!p || state_of(p) != FL_AUDIO_READY)
        return -1;
    out->callbacks = atomic_load(&p->cb_count);
    out->mean_us = out->callbacks ? (double)atomic_load(&p->cb_ns_sum) / out->callbacks / 1e3 : 0;
    out->max_us = (double)atomic_load(&p->cb_ns_max) / 1e3;
    uint64_t seen = 0, want = (out->callbacks * 99 + 99) / 100;
    for (int b = 0; b < HIST && out->callbacks; b++) {
        seen += atomic_load(&p->cb_hist[b]);
        if (seen >= want) {
            out->p99_us = (b + 1) * 10.0;
            break;
        }
    }
    out->frames = FRAMES;
    out->rate = p->rate;
    out->channels = p->channels;
    out->latency_ms = p->latency_ms;
    out->underruns = fl_mixer_underruns(p->mixer);
    out->mic_dropped = atomic_load(&p->mic_dropped);
    return 0;
}

void fl_pa_stats_reset(fl_audio *a)
{
    pa_audio *p = as_pa(a);
    if (!p)
        return;
    atomic_store(&p->cb_count, 0);
    atomic_store(&p->cb_ns_sum, 0);
    atomic_store(&p->cb_ns_max, 0);
    for (int b = 0; b < HIST; b++)
        atomic_store(&p->cb_hist[b], 0);
}

uint64_t fl_pa_first_sound_ns(fl_audio *a, uint32_t id)
{
    pa_audio *p = as_pa(a);
    return p ? fl_mixer_first_sound(p->mixer, id) : 0;
}
