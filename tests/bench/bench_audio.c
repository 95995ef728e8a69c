/*
 * bench_audio.c - what sound costs: the mixer's work per buffer and the delay before a customer
 * line is heard.
 *
 * (a) The mixer alone (mixer.c), 256-frame stereo buffers at 48 kHz under full load: a customer
 *     line and an interface text (real espeak-ng speech), all four cues restarted as they end and
 *     the ambience at 1 (murmur and distant phones). Each render is timed: mean and 99th
 *     percentile in us and as a share of the buffer's 5.33 ms. Budget: p99 under 10%.
 * (b) The same through the real PortAudio stream on an ALSA `file` device writing to /dev/null
 *     (the bench makes that configuration itself, so it runs anywhere): the output callback's
 *     own duration, mean, 99th percentile and max, as measured inside it (pa.c), under the same
 *     load for a second. Budget: p99 under 10%. The file device consumes audio hundreds of times
 *     faster than real time while the load is renewed in wall time, so here the cues and texts
 *     sound in only a part of the buffers: (a) is the full-load mixing cost, (b) adds the real
 *     callback thread, PortAudio's overhead and the scheduling (its max is a preemption).
 * (c) From fl_audio_say() to the callback rendering the line's first non-zero sample: cold (a
 *     text not heard before: espeak-ng synthesises it) and cached, English and Russian, the
 *     median of N, plus PortAudio's reported output latency (the time that sample then takes to
 *     reach the speaker on a real device). Budget: median say-to-render plus output latency
 *     <= 150 ms (the aim is 50 ms).
 * (d) What opening sound costs the desktop's first frame: fl_audio_open's own time (the device
 *     opens on a thread of its own; how long that takes is printed too).
 * The file device is not paced in real time, so (c) measures the software path only (the
 *     speech thread, the command ring, starting the stream on demand); a real device adds up to
 *     one buffer (5.3 ms) before the callback runs, and its output latency.
 *
 * Exits 1 when a budget is broken or sound does not work; timing is not judged under sanitizers.
 *
 * usage: bench_audio [--runs N]   (N latency samples per kind, default 15)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "audio.h"
#include "bench.h"
#include "mixer.h"
#include "pa.h"
#include "scenario.h"
#include "speech.h"

#define RATE      48000
#define FRAMES    256
#define BUFFER_US (1e6 * FRAMES / RATE)

/* A complete clip of real speech (one reference, the caller's), in 1024-sample chunks as the
 * speech thread hands them over. */
static fl_clip *speech_clip(const char *text, const char *lang, int emotion)
{
    fl_say s = {FL_SAY_CUSTOMER, text, lang, emotion, NULL};
    int16_t *pcm;
    size_t n;
    int rate;
    const char *err;
    if (fl_speech_synth(&s, &pcm, &n, &rate, &err) != 0) {
        fprintf(stderr, "bench_audio: espeak-ng: %s\n", err);
        return NULL;
    }
    fl_clip *c = calloc(1, sizeof(*c));
    c->rate = rate;
    atomic_init(&c->users, 1);
    fl_clip_chunk *last = NULL;
    for (size_t at = 0; at < n; at += 1024) {
        size_t k = n - at < 1024 ? n - at : 1024;
        fl_clip_chunk *ch = calloc(1, sizeof(*ch) + k * sizeof(int16_t));
        ch->n = (uint32_t)k;
        memcpy(ch->s, pcm + at, k * sizeof(int16_t));
        if (last)
            atomic_store(&last->next, ch);
        else
            atomic_store(&c->first, ch);
        last = ch;
    }
    c->frames = n;
    atomic_store(&c->done, 1);
    free(pcm);
    return c;
}

static double percentile(double *v, int n, double p)
{
    qsort(v, (size_t)n, sizeof(double), cmp_double);
    int i = (int)(p * (n - 1) + 0.5);
    return v[i];
}

/* (a): returns the p99 share of the buffer, or -1. */
static double bench_mixer(void)
{
    fl_clip *line = speech_clip("I have been waiting for two weeks and nobody has called me back. "
                                "This is the third time I am calling you today.",
                                "en", FL_EMO_FURIOUS);
    fl_clip *ui = speech_clip("Reply two of four: I am sorry, let me check your order right now.",
                              "en", FL_EMO_NEUTRAL);
    if (!line || !ui)
        return -1;
    fl_audio_levels lv = {1, 1, 1, 80};
    fl_mixer *m = fl_mixer_new(RATE, 2, &lv);
    fl_mixer_ambience(m, 1.0f);
    enum { N = 20000 };
    static double us[N];
    static float out[FRAMES * 2];
    uint32_t id = 0;
    for (int i = 0; i < N; i++) {
        if (!fl_mixer_speaking(m, id - 1)) { /* keep both texts playing */
            fl_clip_retain(line);
            fl_mixer_say(m, line, FL_SAY_CUSTOMER, ++id);
            fl_clip_retain(ui);
            fl_mixer_say(m, ui, FL_SAY_INTERFACE, ++id);
        }
        if (i % 180 == 0) /* the ring lasts 187 buffers: all four cues always sound */
            for (int c = 0; c < FL_CUE_COUNT; c++)
                fl_mixer_cue(m, (fl_cue)c);
        double t0 = now_ms();
        fl_mixer_render(m, out, FRAMES, (uint64_t)i + 1);
        us[i] = (now_ms() - t0) * 1e3;
    }
    double sum = 0;
    for (int i = 0; i < N; i++)
        sum += us[i];
    double mean = sum / N, p99 = percentile(us, N, 0.99), max = us[N - 1];
    printf("(a) mixer, %d buffers of %d frames at %d Hz, stereo, full load (2 texts, 4 cues, "
           "ambience 1):\n"
           "    mean %.1f us (%.2f%%)   p99 %.1f us (%.2f%%)   max %.1f us   of %.0f us\n",
           N, FRAMES, RATE, mean, 100 * mean / BUFFER_US, p99, 100 * p99 / BUFFER_US, max,
           BUFFER_US);
    fl_mixer_free(m);
    fl_clip_release(line);
    fl_clip_release(ui);
    return p99 / BUFFER_US;
}

/* Waits up to `ms` for cond to hold, polling every 0.1 ms. */
#define WAIT_FOR(cond, ms)                                                                         \
    do {                                                                                           \
        double until_ = now_ms() + (ms);                                                           \
        while (!(cond) && now_ms() < until_) {                                                     \
            struct timespec t_ = {0, 100000};                                                      \
            nanosleep(&t_, NULL);                                                                  \
        }                                                                                          \
    } while (0)

/* One latency sample: say, wait for the first sound, then for the end (stopping early would
 * cancel the synthesis, and a cancelled text is not cached). ms, or -1. */
static double one_latency(fl_audio *a, const char *text, const char *lang)
{
    fl_say s = {FL_SAY_CUSTOMER, text, lang, FL_EMO_ANNOYED, NULL};
    uint64_t t0 = fl_pa_now_ns();
    uint32_t id = fl_audio_say(a, &s);
    if (!id)
        return -1;
    WAIT_FOR(fl_pa_first_sound_ns(a, id) != 0, 3000);
    uint64_t t1 = fl_pa_first_sound_ns(a, id);
    WAIT_FOR(!fl_audio_speaking(a, id) && !fl_audio_busy(a), 5000);
    /* and let the stream end, as between two lines of a call */
    WAIT_FOR(0, 30);
    return t1 ? (double)(t1 - t0) / 1e6 : -1;
}

int main(int argc, char **argv)
{
    int runs = 15;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--runs") && i + 1 < argc)
            runs = atoi(argv[++i]);
        else {
            fprintf(stderr, "usage: bench_audio [--runs N]\n");
            return 2;
        }
    }
    if (runs < 3)
        runs = 3;
    int failed = 0;

    double share = bench_mixer();
    if (share < 0)
        return 1;

    /* the ALSA file device, writing to /dev/null, made before anything touches ALSA */
    char dir[] = "/tmp/fl-bench-audio-XXXXXX", conf[64];
    if (!mkdtemp(dir))
        return 1;
    snprintf(conf, sizeof(conf), "%s/asound.conf", dir);
    FILE *f = fopen(conf, "w");
    if (!f)
        return 1;
    fprintf(f, "pcm.!default { type file; slave.pcm \"null\"; file \"/dev/null\"; "
               "format \"raw\" }\n");
    fclose(f);
    char path[128];
    snprintf(path, sizeof(path), "/usr/share/alsa/alsa.conf:%s", conf);
    setenv("ALSA_CONFIG_PATH", path, 1);
    setenv("HOME", dir, 1);
    unsetenv("FRONTLINE_AUDIO");

    fl_audio_levels lv = {1, 1, 1, 80};
    double t_open = now_ms();
    fl_audio *a = fl_audio_open(&lv);
    t_open = now_ms() - t_open;
    double t_ready = now_ms();
    fl_audio_status st;
    WAIT_FOR((fl_audio_status_get(a, &st), st.state != FL_AUDIO_STARTING), 10000);
    t_ready = now_ms() - t_ready + t_open;
    printf("(d) fl_audio_open returned in %.3f ms (on the desktop's first-frame path); the device "
           "was ready %.1f ms later, on its own thread\n",
           t_open, t_ready);
    if (st.state != FL_AUDIO_READY) {
        fprintf(stderr, "bench_audio: no sound on the file device: %s\n", st.why);
        fl_audio_close(a);
        return 1;
    }

    /* (c) first, while the callback statistics hold only these runs' buffers */
    const char *kinds[4] = {"English, cold", "English, cached", "Russian, cold", "Russian, cached"};
    double med[4];
    for (int k = 0; k < 4; k++) {
        double *v = calloc((size_t)runs, sizeof(double));
        int ru = k >= 2, cached = k % 2;
        if (cached) /* the text once, so it is in the cache */
            one_latency(a, ru ? "Я жду уже две недели." : "I have been waiting for two weeks.",
                        ru ? "ru" : "en");
        for (int i = 0; i < runs; i++) {
            char text[160];
            if (cached)
                snprintf(text, sizeof(text), "%s",
                         ru ? "Я жду уже две недели." : "I have been waiting for two weeks.");
            else
                snprintf(text, sizeof(text),
                         ru ? "Заказ номер %d так и не пришёл." : "Order number %d never came.",
                         1000 + 37 * i + 1000 * k);
            v[i] = one_latency(a, text, ru ? "ru" : "en");
            if (v[i] < 0) {
                fprintf(stderr, "bench_audio: a line was never heard (%s)\n", kinds[k]);
                failed = 1;
                v[i] = 1e9;
            }
        }
        double lo = percentile(v, runs, 0), hi = v[runs - 1];
        med[k] = median(v, runs);
        if (k == 0)
            printf("(c) fl_audio_say to the first non-zero sample rendered, %d runs each:\n", runs);
        printf("    %-16s median %6.2f ms   min %6.2f   max %6.2f\n", kinds[k], med[k], lo, hi);
        free(v);
    }
    fl_pa_stats ps;
    fl_pa_stats_get(a, &ps);
    double worst = med[0] > med[2] ? med[0] : med[2];
    printf("    the stream's reported output latency %.1f ms (%d Hz, %d channels, %u frames a "
           "buffer); cold median + latency: %.1f ms\n",
           ps.latency_ms, ps.rate, ps.channels, ps.frames, worst + ps.latency_ms);

    /* (b) the real callback under full load for a second of wall time */
    fl_say line = {FL_SAY_CUSTOMER, "This is the third time I am calling about the same parcel.",
                   "en", FL_EMO_FURIOUS, NULL};
    fl_say ui = {FL_SAY_INTERFACE, "Reply one of three.", "en", FL_EMO_NEUTRAL, NULL};
    fl_pa_prebuffer(a, -1); /* whole clips: the load is the mixing, not waiting for espeak-ng */
    fl_say warm = line;     /* synthesised once, then from the cache */
    uint32_t id = fl_audio_say(a, &warm);
    WAIT_FOR(!fl_audio_speaking(a, id), 5000);
    fl_audio_ambience(a, 1.0f);
    fl_pa_stats_reset(a);
    double until = now_ms() + 1000;
    while (now_ms() < until) {
        if (!fl_audio_speaking(a, id)) {
            id = fl_audio_say(a, &line);
            fl_audio_say(a, &ui);
        }
        for (int c = 0; c < FL_CUE_COUNT; c++)
            fl_audio_cue(a, (fl_cue)c);
        WAIT_FOR(0, 20);
    }
    fl_pa_stats_get(a, &ps);
    fl_audio_ambience(a, 0.0f);
    fl_audio_stop_speech(a);
    printf("(b) the PortAudio output callback (file device), %llu callbacks under full load:\n"
           "    mean %.1f us (%.2f%%)   p99 %.0f us (%.2f%%)   max %.1f us (%.2f%%)\n",
           (unsigned long long)ps.callbacks, ps.mean_us, 100 * ps.mean_us / BUFFER_US, ps.p99_us,
           100 * ps.p99_us / BUFFER_US, ps.max_us, 100 * ps.max_us / BUFFER_US);
    fl_audio_close(a);
    unlink(conf);
    rmdir(dir);

    int over = share >= 0.10 || ps.p99_us >= 0.10 * BUFFER_US || worst + ps.latency_ms > 150;
    bench_row("sound: mixer per 256-frame buffer, full load, p99", "<", 10.0, 100 * share, "%");
    bench_row("sound: PortAudio callback, full load, p99", "<", 10.0, 100 * ps.p99_us / BUFFER_US,
              "%");
    bench_row("sound: a line to its first sample, cold median + latency", "<=", 150.0,
              worst + ps.latency_ms, "ms");
    if (!SANITIZED && over)
        failed = 1;
    printf("budgets (mixer and callback p99 < 10%% of a buffer; say to sound <= 150 ms): %s\n",
           failed      ? "FAIL"
           : SANITIZED ? "not judged (sanitizers)"
                       : "ok");
    return failed;
}
