/*
 * test_mixer.c - the output mixer (game/audio/mixer.c) rendered offline, as the audio callback
 * would: deterministic output; each cue's length and main frequency as docs/audio.md documents
 * them; volume 0 is silent; a 22050 Hz clip resampled to 48000 keeps its duration; an underrun
 * pauses a text without ending it; a finished text drops its reference and reads as finished;
 * interface speech cuts interface speech but not the customer's queue; the ambience glides;
 * render allocates nothing (counted through the allocator); and the SPSC ring itself.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "mixer.h"
#include "spsc.h"

#define RATE 48000

/* ---- an allocation counter around render ------------------------------------------------ */

static volatile int counting;
static volatile long allocations;

#if defined(__SANITIZE_ADDRESS__)
/* from <sanitizer/allocator_interface.h>, which not every compiler package ships */
int __sanitizer_install_malloc_and_free_hooks(void (*malloc_hook)(const volatile void *, size_t),
                                              void (*free_hook)(const volatile void *));
static void on_malloc(const volatile void *p, size_t n)
{
    (void)p;
    (void)n;
    if (counting)
        allocations++;
}
static void on_free(const volatile void *p)
{
    (void)p;
}
static void install_counter(void)
{
    assert_int_not_equal(__sanitizer_install_malloc_and_free_hooks(on_malloc, on_free), 0);
}
#else
/* glibc's own allocator under the standard names: the test's definitions interpose. */
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);
void *malloc(size_t n)
{
    if (counting)
        allocations++;
    return __libc_malloc(n);
}
void *calloc(size_t k, size_t n)
{
    if (counting)
        allocations++;
    return __libc_calloc(k, n);
}
void *realloc(void *p, size_t n)
{
    if (counting)
        allocations++;
    return __libc_realloc(p, n);
}
void free(void *p)
{
    __libc_free(p);
}
static void install_counter(void)
{
}
#endif

/* ---- helpers ----------------------------------------------------------------------------- */

static const fl_audio_levels loud = {.sounds = 1, .voice = 1, .self = 1, .volume = 100};

/* A clip of n samples of a sine at hz, rate 22050, in chunks of `chunk` samples, with `users`
 * references (the cache's and the mixer's). Published up to `publish` samples; done when all. */
static fl_clip *make_clip(size_t n, double hz, size_t chunk, size_t publish)
{
    fl_clip *c = calloc(1, sizeof(*c));
    assert_non_null(c);
    c->rate = 22050;
    atomic_init(&c->users, 2);
    fl_clip_chunk *last = NULL;
    for (size_t at = 0; at < publish; at += chunk) {
        size_t k = n - at < chunk ? n - at : chunk;
        fl_clip_chunk *ch = calloc(1, sizeof(*ch) + k * sizeof(int16_t));
        assert_non_null(ch);
        ch->n = (uint32_t)k;
        for (size_t i = 0; i < k; i++)
            ch->s[i] = (int16_t)(12000 * sin(2 * M_PI * hz * (double)(at + i) / 22050.0));
        if (last)
            atomic_store(&last->next, ch);
        else
            atomic_store(&c->first, ch);
        last = ch;
    }
    if (publish >= n) {
        c->frames = n;
        atomic_store(&c->done, 1);
    }
    return c;
}

/* Appends the rest of a clip made with make_clip(n, hz, chunk, publish) and marks it done. */
static void finish_clip(fl_clip *c, size_t n, double hz, size_t chunk, size_t publish)
{
    fl_clip_chunk *last = atomic_load(&c->first);
    while (last && atomic_load(&last->next))
        last = atomic_load(&last->next);
    for (size_t at = publish; at < n; at += chunk) {
        size_t k = n - at < chunk ? n - at : chunk;
        fl_clip_chunk *ch = calloc(1, sizeof(*ch) + k * sizeof(int16_t));
        ch->n = (uint32_t)k;
        for (size_t i = 0; i < k; i++)
            ch->s[i] = (int16_t)(12000 * sin(2 * M_PI * hz * (double)(at + i) / 22050.0));
        if (last)
            atomic_store(&last->next, ch);
        else
            atomic_store(&c->first, ch);
        last = ch;
    }
    c->frames = n;
    atomic_store(&c->done, 1);
}

/* Renders seconds of mono audio into a new buffer, in 256-frame calls (stamp = call number). */
static float *render(fl_mixer *m, double seconds, size_t *frames)
{
    size_t n = (size_t)(seconds * RATE);
    n = (n + 255) / 256 * 256;
    float *out = malloc(n * sizeof(float));
    assert_non_null(out);
    for (size_t at = 0; at < n; at += 256)
        fl_mixer_render(m, out + at, 256, at / 256 + 1);
    *frames = n;
    return out;
}

/* The first and one past the last sample louder than thr. */
static void span(const float *x, size_t n, float thr, size_t *a, size_t *b)
{
    *a = n;
    *b = 0;
    for (size_t i = 0; i < n; i++) {
        if (fabsf(x[i]) > thr) {
            if (*a == n)
                *a = i;
            *b = i + 1;
        }
    }
}

/* Power at hz over x[0..n) (Goertzel). */
static double goertzel(const float *x, size_t n, double hz)
{
    double w = 2 * M_PI * hz / RATE, c = 2 * cos(w), s1 = 0, s2 = 0;
    for (size_t i = 0; i < n; i++) {
        double s0 = x[i] + c * s1 - s2;
        s2 = s1;
        s1 = s0;
    }
    return s1 * s1 + s2 * s2 - c * s1 * s2;
}

/* The strongest frequency in x from 100 to 4000 Hz, in 5 Hz steps. */
static double dominant(const float *x, size_t n)
{
    double best = 0, hz = 0;
    for (double f = 100; f <= 4000; f += 5) {
        double p = goertzel(x, n, f);
        if (p > best) {
            best = p;
            hz = f;
        }
    }
    return hz;
}

/* ---- tests ------------------------------------------------------------------------------- */

static void renders_are_deterministic(void **state)
{
    (void)state;
    float *out[2];
    for (int k = 0; k < 2; k++) {
        fl_mixer *m = fl_mixer_new(RATE, 1, &loud);
        fl_clip *c = make_clip(22050, 220, 1000, 22050);
        fl_mixer_say(m, c, FL_SAY_CUSTOMER, 1);
        fl_mixer_cue(m, FL_CUE_RING);
        fl_mixer_ambience(m, 1.0f);
        size_t n;
        out[k] = render(m, 2.0, &n);
        fl_mixer_free(m);
        fl_clip_release(c);
    }
    assert_memory_equal(out[0], out[1], (size_t)(2.0 * RATE) / 256 * 256 * sizeof(float));
    free(out[0]);
    free(out[1]);
}

static void cues_have_their_length_and_pitch(void **state)
{
    (void)state;
    for (int cue = 0; cue < FL_CUE_COUNT; cue++) {
        fl_mixer *m = fl_mixer_new(RATE, 1, &loud);
        fl_mixer_cue(m, (fl_cue)cue);
        size_t n, a, b;
        float *x = render(m, 1.5, &n);
        span(x, n, 0.001f, &a, &b);
        double seconds = (double)(b - a) / RATE, want = fl_cue_seconds((fl_cue)cue);
        if (fabs(seconds - want) > 0.004)
            fail_msg("cue %d lasts %.4f s, documented %.4f s", cue, seconds, want);
        assert_true(a < 48); /* it starts at once (within 1 ms) */
        /* the first 30 ms (the tick's whole length) or its first tone */
        size_t first = cue == FL_CUE_TICK ? (size_t)(0.03 * RATE) : (size_t)(0.09 * RATE);
        double hz = dominant(x + a, first), want_hz = fl_cue_hz((fl_cue)cue);
        int ok = fabs(hz - want_hz) <= 10 || (cue == FL_CUE_RING && fabs(hz - 480) <= 10);
        if (!ok)
            fail_msg("cue %d: strongest at %.0f Hz, documented %.0f Hz", cue, hz, want_hz);
        assert_true(fl_mixer_idle(m));
        free(x);
        fl_mixer_free(m);
    }
    /* the ring's cadence: 0.4 s on, 0.2 s off, 0.4 s on */
    fl_mixer *m = fl_mixer_new(RATE, 1, &loud);
    fl_mixer_cue(m, FL_CUE_RING);
    size_t n;
    float *x = render(m, 1.2, &n);
    size_t a, b;
    span(x + (size_t)(0.41 * RATE), (size_t)(0.18 * RATE), 1e-6f, &a, &b);
    assert_true(a == (size_t)(0.18 * RATE)); /* nothing in the gap */
    assert_true(goertzel(x + (size_t)(0.65 * RATE), 4800, 425) > 100);
    free(x);
    fl_mixer_free(m);
}

static void volume_zero_is_silent(void **state)
{
    (void)state;
    fl_audio_levels quiet = loud;
    quiet.volume = 0;
    fl_mixer *m = fl_mixer_new(RATE, 2, &quiet);
    fl_clip *c = make_clip(22050, 220, 1000, 22050);
    fl_mixer_say(m, c, FL_SAY_CUSTOMER, 7);
    fl_mixer_cue(m, FL_CUE_RING);
    fl_mixer_ambience(m, 1.0f);
    float buf[512];
    for (int i = 0; i < 100; i++) {
        fl_mixer_render(m, buf, 256, 1);
        for (int k = 0; k < 512; k++)
            assert_true(buf[k] == 0.0f);
    }
    /* turned up, it sounds */
    fl_mixer_levels(m, &loud);
    float peak = 0;
    for (int i = 0; i < 20; i++) {
        fl_mixer_render(m, buf, 256, 1);
        for (int k = 0; k < 512; k++)
            peak = fmaxf(peak, fabsf(buf[k]));
    }
    assert_true(peak > 0.1f);
    fl_mixer_free(m);
    fl_clip_release(c);
    assert_true(fl_volume_gain(50) > 0.1f && fl_volume_gain(50) < 0.15f);
}

static void resampling_keeps_the_duration(void **state)
{
    (void)state;
    fl_mixer *m = fl_mixer_new(RATE, 1, &loud);
    fl_clip *c = make_clip(22050 * 2, 300, 441, 22050 * 2); /* 2 s */
    fl_mixer_say(m, c, FL_SAY_CUSTOMER, 3);
    size_t n, a, b;
    float *x = render(m, 2.5, &n);
    span(x, n, 0.01f, &a, &b);
    double seconds = (double)(b - a) / RATE;
    if (fabs(seconds - 2.0) > 0.02)
        fail_msg("a 2 s clip played for %.4f s", seconds);
    assert_false(fl_mixer_speaking(m, 3));
    /* and its pitch too */
    double hz = dominant(x + RATE / 2, RATE / 2);
    assert_true(fabs(hz - 300) <= 5);
    free(x);
    fl_mixer_free(m);
    assert_int_equal(atomic_load(&c->users), 1);
    fl_clip_release(c);
}

static void an_underrun_does_not_end_a_clip(void **state)
{
    (void)state;
    fl_mixer *m = fl_mixer_new(RATE, 1, &loud);
    fl_clip *c = make_clip(22050, 300, 2205, 4410); /* 0.2 s of 1 s published */
    fl_mixer_say(m, c, FL_SAY_CUSTOMER, 9);
    size_t n, a, b;
    float *x = render(m, 1.0, &n);
    assert_true(fl_mixer_speaking(m, 9));
    assert_true(fl_mixer_underruns(m) > 0);
    assert_false(fl_mixer_idle(m));
    span(x, n, 0.01f, &a, &b);
    assert_true(fabs((double)(b - a) / RATE - 0.2) < 0.01);
    free(x);
    finish_clip(c, 22050, 300, 2205, 4410);
    x = render(m, 1.5, &n);
    span(x, n, 0.01f, &a, &b);
    assert_true(fabs((double)(b - a) / RATE - 0.8) < 0.01); /* the rest, after the wait */
    assert_false(fl_mixer_speaking(m, 9));
    free(x);
    fl_mixer_free(m);
    fl_clip_release(c);
}

static void finishing_drops_the_reference(void **state)
{
    (void)state;
    fl_mixer *m = fl_mixer_new(RATE, 1, &loud);
    fl_clip *c = make_clip(2205, 300, 1000, 2205); /* 0.1 s */
    fl_mixer_say(m, c, FL_SAY_CUSTOMER, 12);
    assert_true(fl_mixer_speaking(m, 12));
    assert_int_equal(fl_mixer_first_sound(m, 12), 0);
    float buf[256];
    fl_mixer_render(m, buf, 256, 77);
    assert_int_equal(fl_mixer_first_sound(m, 12), 77);
    assert_true(fl_mixer_speaking(m, 12));
    assert_int_equal(atomic_load(&c->users), 2);
    for (int i = 0; i < 30; i++)
        fl_mixer_render(m, buf, 256, 78);
    assert_false(fl_mixer_speaking(m, 12));
    assert_int_equal(atomic_load(&c->users), 1); /* the cache's, left for it to release */
    assert_int_equal(fl_mixer_first_sound(m, 12), 77);
    /* a failed clip (no chunk, done) ends at once */
    fl_clip *f = make_clip(100, 300, 100, 0);
    atomic_store(&f->failed, 1);
    atomic_store(&f->done, 1);
    fl_mixer_say(m, f, FL_SAY_CUSTOMER, 13);
    fl_mixer_render(m, buf, 256, 79);
    assert_false(fl_mixer_speaking(m, 13));
    assert_int_equal(atomic_load(&f->users), 1);
    fl_mixer_free(m);
    fl_clip_release(c);
    fl_clip_release(f);
}

static void interface_cuts_interface_not_customers(void **state)
{
    (void)state;
    fl_mixer *m = fl_mixer_new(RATE, 1, &loud);
    fl_clip *a = make_clip(22050, 200, 1000, 22050), *b = make_clip(22050, 250, 1000, 22050);
    fl_clip *i1 = make_clip(22050, 600, 1000, 22050), *i2 = make_clip(22050, 700, 1000, 22050);
    fl_mixer_say(m, a, FL_SAY_CUSTOMER, 1);
    fl_mixer_say(m, b, FL_SAY_CUSTOMER, 2);
    fl_mixer_say(m, i1, FL_SAY_INTERFACE, 3);
    float buf[256];
    fl_mixer_render(m, buf, 256, 1);
    assert_true(fl_mixer_speaking(m, 1) && fl_mixer_speaking(m, 2) && fl_mixer_speaking(m, 3));
    fl_mixer_say(m, i2, FL_SAY_INTERFACE, 4);
    fl_mixer_render(m, buf, 256, 2);
    assert_false(fl_mixer_speaking(m, 3));
    assert_int_equal(atomic_load(&i1->users), 1);
    assert_true(fl_mixer_speaking(m, 1) && fl_mixer_speaking(m, 2) && fl_mixer_speaking(m, 4));
    /* customer lines play one after another: b starts when a ends, about 1 s later */
    size_t n;
    float *x = render(m, 1.2, &n);
    assert_false(fl_mixer_speaking(m, 1));
    assert_true(fl_mixer_speaking(m, 2));
    assert_true(fl_mixer_first_sound(m, 2) > 0);
    free(x);
    /* stop: everything, at once */
    fl_mixer_stop(m);
    assert_false(fl_mixer_speaking(m, 2));
    fl_mixer_render(m, buf, 256, 3);
    assert_int_equal(atomic_load(&b->users), 1);
    fl_mixer_free(m);
    fl_clip_release(a);
    fl_clip_release(b);
    fl_clip_release(i1);
    fl_clip_release(i2);
}

/* RMS of x[0..n). */
static double rms(const float *x, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += (double)x[i] * x[i];
    return sqrt(s / (double)n);
}

static void ambience_glides_and_follows_sounds(void **state)
{
    (void)state;
    fl_mixer *m = fl_mixer_new(RATE, 1, &loud);
    fl_mixer_ambience(m, 1.0f);
    size_t n;
    float *x = render(m, 3.0, &n);
    double early = rms(x, RATE / 20), late = rms(x + RATE, RATE);
    assert_true(late > 0.002);     /* audible */
    assert_true(early < late / 3); /* it fades in over half a second */
    assert_false(fl_mixer_idle(m));
    free(x);
    fl_audio_levels off = loud;
    off.sounds = 0;
    fl_mixer_levels(m, &off);
    x = render(m, 0.5, &n);
    assert_true(rms(x + RATE / 10, RATE / 10) == 0);
    assert_true(fl_mixer_idle(m));
    free(x);
    fl_mixer_levels(m, &loud);
    fl_mixer_ambience(m, 0.0f);
    x = render(m, 1.0, &n);
    assert_true(fl_mixer_idle(m));
    assert_true(fl_mixer_idle_frames(m) > 0);
    free(x);
    fl_mixer_free(m);
}

static void render_never_allocates(void **state)
{
    (void)state;
    install_counter();
    fl_mixer *m = fl_mixer_new(RATE, 2, &loud);
    fl_clip *c = make_clip(22050, 220, 500, 11025);
    fl_clip *d = make_clip(22050, 330, 500, 22050);
    fl_mixer_say(m, c, FL_SAY_CUSTOMER, 1);
    fl_mixer_say(m, d, FL_SAY_INTERFACE, 2);
    for (int cue = 0; cue < FL_CUE_COUNT; cue++)
        fl_mixer_cue(m, (fl_cue)cue);
    fl_mixer_ambience(m, 1.0f);
    static float buf[2 * 1000];
    allocations = 0;
    counting = 1;
    for (int i = 0; i < 500; i++) { /* odd sizes too: PortAudio may ask for any */
        fl_mixer_render(m, buf, i % 3 ? 256 : 1000, (uint64_t)i + 1);
        if (i == 100)
            fl_mixer_cue(m, FL_CUE_TICK);
    }
    counting = 0;
    /* the counter works: an allocation while counting is seen */
    counting = 1;
    void *p = malloc(16);
    counting = 0;
    free(p);
    assert_int_equal(allocations, 1);
    fl_mixer_free(m);
    finish_clip(c, 22050, 220, 500, 11025);
    fl_clip_release(c);
    fl_clip_release(d);
}

static void spsc_ring_keeps_order_across_the_wrap(void **state)
{
    (void)state;
    fl_spsc q;
    assert_int_equal(fl_spsc_init(&q, 5, sizeof(int)), 0);
    assert_int_equal(fl_spsc_capacity(&q), 8);
    int next_in = 0, next_out = 0;
    for (int round = 0; round < 100; round++) {
        int in[6];
        for (int k = 0; k < 6; k++)
            in[k] = next_in + k;
        size_t w = fl_spsc_write(&q, in, (size_t)(round % 6) + 1);
        next_in += (int)w;
        int out[8];
        size_t r = fl_spsc_read(&q, out, (size_t)(round % 4) + 1);
        for (size_t k = 0; k < r; k++)
            assert_int_equal(out[k], next_out++);
    }
    int full[9];
    while (fl_spsc_count(&q) < 8)
        fl_spsc_push(&q, &next_in), next_in++;
    assert_int_equal(fl_spsc_push(&q, &next_in), 0); /* full: refused, not overwritten */
    assert_int_equal(fl_spsc_read(&q, full, 9), 8);
    assert_int_equal(full[0], next_out);
    assert_int_equal(fl_spsc_pop(&q, full), 0);
    fl_spsc_free(&q);
}

/* The null back end (null.c) stands in for the mixer in every desktop test, so its promises are
 * checked here too: it keeps to the levels like the mixer, logs a line per operation, and its
 * FRONTLINE_AUDIO_SPEAK_MS hook queues customer lines and cuts interface texts like the mixer. */
static void null_back_end_keeps_to_the_levels(void **state)
{
    (void)state;
    char path[] = "/tmp/fl-null-log-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    setenv("FRONTLINE_AUDIO", "null", 1);
    setenv("FRONTLINE_AUDIO_LOG", path, 1);
    setenv("FRONTLINE_AUDIO_SPEAK_MS", "150", 1);
    unsetenv("FRONTLINE_METER_FIGURES");
    fl_audio_levels lv = {.sounds = 1, .voice = 0, .self = 1, .volume = 80};
    fl_audio *a = fl_audio_open(&lv);
    fl_audio_status st;
    fl_audio_status_get(a, &st);
    assert_int_equal(st.state, FL_AUDIO_NULL);
    fl_say c = {FL_SAY_CUSTOMER, "Where is\tmy parcel?\nNow.", "en", 9, "female"};
    fl_say i = {FL_SAY_INTERFACE, "Reply one", "en", 0, NULL};
    assert_int_equal(fl_audio_say(a, &c), 0); /* voice off */
    uint32_t i1 = fl_audio_say(a, &i);
    assert_true(i1 > 0 && fl_audio_speaking(a, i1));
    lv.voice = 1;
    lv.sounds = 0;
    fl_audio_set_levels(a, &lv);
    fl_audio_cue(a, FL_CUE_RING); /* sounds off: not logged */
    uint32_t c1 = fl_audio_say(a, &c), c2 = fl_audio_say(a, &c);
    uint32_t i2 = fl_audio_say(a, &i);
    assert_false(fl_audio_speaking(a, i1)); /* cut by i2 */
    assert_true(fl_audio_speaking(a, c1) && fl_audio_speaking(a, c2) && fl_audio_speaking(a, i2));
    struct timespec t = {0, 200 * 1000000L};
    nanosleep(&t, NULL);
    assert_false(fl_audio_speaking(a, c1));
    assert_true(fl_audio_speaking(a, c2)); /* queued behind c1 */
    assert_true(fl_audio_busy(a));
    fl_audio_stop_speech(a);
    assert_false(fl_audio_speaking(a, c2));
    assert_false(fl_audio_busy(a));
    fl_voice_figures f;
    assert_int_equal(fl_audio_meter_start(a), -1); /* no microphone */
    fl_audio_ambience(a, 0.4f);
    fl_audio_close(a);

    FILE *log = fopen(path, "r");
    assert_non_null(log);
    char got[2048] = "", line[512];
    while (fgets(line, sizeof(line), log))
        strcat(got, line);
    fclose(log);
    unlink(path);
    assert_string_equal(got, "say\tinterface\ten\tneutral\t-\tReply one\n"
                             "levels\tsounds=0 voice=1 self=1 volume=80\n"
                             "say\tcustomer\ten\tfurious\tfemale\tWhere is\\tmy parcel?\\nNow.\n"
                             "say\tcustomer\ten\tfurious\tfemale\tWhere is\\tmy parcel?\\nNow.\n"
                             "say\tinterface\ten\tneutral\t-\tReply one\n"
                             "stop\n"
                             "meter\tstart\n"
                             "ambience\t0.40\n");

    /* the meter hook */
    setenv("FRONTLINE_METER_FIGURES", "-12.5,-1,7.5,4,2", 1);
    unsetenv("FRONTLINE_AUDIO_LOG");
    a = fl_audio_open(&lv);
    assert_int_equal(fl_audio_meter_start(a), 0);
    assert_int_equal(fl_audio_meter_stop(a, &f), 0);
    assert_true(f.rms_dbfs == -12.5f && f.syllables == 30 && f.pauses == 2 && f.speech_s == 4);
    assert_int_equal(fl_voice_judge(&f), FL_VOICE_LOUD | FL_VOICE_FAST);
    assert_int_equal(fl_audio_meter_stop(a, &f), -1); /* not running */
    fl_audio_close(a);
    unsetenv("FRONTLINE_METER_FIGURES");
    unsetenv("FRONTLINE_AUDIO_SPEAK_MS");
    unsetenv("FRONTLINE_AUDIO");
}

/* The PortAudio back end (pa.c) around the mixer, on an ALSA file device writing to /dev/null:
 * closing while the device is still starting, while a line is being synthesised and played, and
 * while the microphone runs, leaks nothing and hangs on nothing (the sanitizer build runs this);
 * a quick meter start and stop gives figures or a clean -1. */
static void portaudio_back_end_opens_and_closes_cleanly(void **state)
{
    (void)state;
    char dir[] = "/tmp/fl-mixer-pa-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char conf[64], in[64], env[128];
    snprintf(conf, sizeof(conf), "%s/asound.conf", dir);
    snprintf(in, sizeof(in), "%s/in.raw", dir);
    FILE *f = fopen(in, "wb");
    static const float zeros[48000];
    fwrite(zeros, sizeof(float), 48000, f);
    fclose(f);
    f = fopen(conf, "w");
    fprintf(f,
            "pcm.!default { type file; slave.pcm \"null\"; file \"/dev/null\"; infile \"%s\"; "
            "format \"raw\" }\n",
            in);
    fclose(f);
    snprintf(env, sizeof(env), "/usr/share/alsa/alsa.conf:%s", conf);
    setenv("ALSA_CONFIG_PATH", env, 1);
    unsetenv("FRONTLINE_AUDIO");

    fl_audio_levels lv = {1, 1, 1, 50};
    fl_audio *a = fl_audio_open(&lv); /* closed at once, while starting */
    assert_non_null(a);
    fl_audio_cue(a, FL_CUE_RING);
    fl_audio_close(a);

    a = fl_audio_open(&lv);
    fl_audio_status st;
    for (int i = 0; i < 2000; i++) {
        fl_audio_status_get(a, &st);
        if (st.state != FL_AUDIO_STARTING)
            break;
        struct timespec t = {0, 5000000};
        nanosleep(&t, NULL);
    }
    assert_int_equal(st.state, FL_AUDIO_READY);
    assert_int_equal(st.rate, 48000);
    assert_true(st.has_input);
    fl_say s = {FL_SAY_CUSTOMER, "Where is my parcel? I have waited for two weeks.", "en", 8, NULL};
    uint32_t id = fl_audio_say(a, &s);
    assert_true(id > 0);
    assert_true(fl_audio_speaking(a, id));
    assert_int_equal(fl_audio_meter_start(a), 0);
    fl_voice_figures fig;
    int rc = fl_audio_meter_stop(a, &fig); /* at once: figures of nothing, or -1 */
    assert_true(rc == -1 || (rc == 0 && (fl_voice_judge(&fig) & FL_VOICE_SILENT)));
    assert_int_equal(fl_audio_meter_start(a), 0);
    fl_audio_ambience(a, 0.5f);
    fl_audio_close(a); /* the line still speaking, the microphone open, the ambience on */
    unsetenv("ALSA_CONFIG_PATH");
    unlink(conf);
    unlink(in);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(renders_are_deterministic),
        cmocka_unit_test(cues_have_their_length_and_pitch),
        cmocka_unit_test(volume_zero_is_silent),
        cmocka_unit_test(resampling_keeps_the_duration),
        cmocka_unit_test(an_underrun_does_not_end_a_clip),
        cmocka_unit_test(finishing_drops_the_reference),
        cmocka_unit_test(interface_cuts_interface_not_customers),
        cmocka_unit_test(ambience_glides_and_follows_sounds),
        cmocka_unit_test(render_never_allocates),
        cmocka_unit_test(spsc_ring_keeps_order_across_the_wrap),
        cmocka_unit_test(null_back_end_keeps_to_the_levels),
        cmocka_unit_test(portaudio_back_end_opens_and_closes_cleanly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
