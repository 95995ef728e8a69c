/*
 * test_meter.c - the tone meter's analysis (game/audio/meter.c) on signals whose answers are
 * known: silence, white noise at a known level, tone bursts shaped like syllables at known
 * rates and with a known pause, and real speech read by the espeak-ng program at 80 to 450 words
 * a minute in English and Russian, at its own gain, 6 dB louder, 10 dB quieter, and in a faint
 * hiss between silences. The speech checks are the targets of docs/meter.md: the syllable rate
 * within 20% of the text's syllables per second of speech, the loudness within 2 dB of the RMS
 * over the speech's span, a reading 6 dB louder flagged loud and the others not, 320 words a
 * minute and faster flagged fast and 175 and slower not.
 * Also: feeding in pieces gives the same figures as feeding at once, and the figures of a 30 s
 * reading take well under 5 ms, and a steady hiss 20 dB under the voice changes the loudness by
 * less than 1 dB.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <math.h>
#include <spawn.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "meter.h"

extern char **environ;

#define RATE 16000

static float *alloc_signal(size_t n)
{
    float *x = calloc(n, sizeof(float));
    assert_non_null(x);
    return x;
}

/* A deterministic white noise, uniform, scaled to an RMS of `dbfs`. */
static void add_noise(float *x, size_t n, float dbfs, uint32_t seed)
{
    float amp = powf(10.0f, dbfs / 20.0f) * sqrtf(3.0f); /* uniform(-a, a) has RMS a/sqrt(3) */
    uint32_t s = seed;
    for (size_t i = 0; i < n; i++) {
        s = s * 1664525u + 1013904223u;
        x[i] += amp * ((float)(s >> 8) / 8388608.0f - 1.0f);
    }
}

/* Syllable-like bursts: a 220 Hz tone with two overtones (in the vowel band), under a sin^2
 * window of `burst` seconds, one every 1/rate seconds from `from` for `count` bursts. */
static void add_bursts(float *x, size_t n, double from, double rate, int count, double burst,
                       float amp)
{
    for (int k = 0; k < count; k++) {
        size_t start = (size_t)((from + k / rate) * RATE), len = (size_t)(burst * RATE);
        for (size_t i = 0; i < len && start + i < n; i++) {
            double t = (double)(start + i) / RATE, w = sin(M_PI * (double)i / (double)len);
            double v = sin(2 * M_PI * 220 * t) + 0.6 * sin(2 * M_PI * 660 * t) +
                       0.4 * sin(2 * M_PI * 1100 * t);
            x[start + i] += (float)(amp * w * w * v / 2.0);
        }
    }
}

static void figures_of(const float *x, size_t n, fl_voice_figures *f)
{
    fl_meter *m = fl_meter_new(RATE);
    assert_non_null(m);
    assert_int_equal(fl_meter_feed(m, x, n), 0);
    fl_meter_figures(m, f);
    fl_meter_free(m);
}

/* ---- synthetic signals --------------------------------------------------------------------- */

static void test_nothing_and_silence(void **state)
{
    (void)state;
    fl_meter *m = fl_meter_new(RATE);
    assert_non_null(m);
    fl_voice_figures f;
    fl_meter_figures(m, &f); /* nothing fed */
    assert_int_equal(fl_voice_judge(&f), FL_VOICE_SILENT);
    assert_true(fl_meter_level(m) <= -119.0f);

    float *x = alloc_signal(2 * RATE);
    assert_int_equal(fl_meter_feed(m, x, 2 * RATE), 0);
    fl_meter_figures(m, &f);
    assert_int_equal(fl_voice_judge(&f), FL_VOICE_SILENT);
    assert_true(f.rms_dbfs <= -119.0f);
    assert_true(f.peak_dbfs <= -119.0f);
    assert_int_equal(f.syllables, 0);
    assert_true(fl_meter_level(m) <= -119.0f);

    /* a NaN from a broken driver is silence, not a poisoned figure */
    x[100] = NAN;
    fl_meter_reset(m);
    assert_int_equal(fl_meter_feed(m, x, 2 * RATE), 0);
    fl_meter_figures(m, &f);
    assert_int_equal(fl_voice_judge(&f), FL_VOICE_SILENT);
    assert_false(isnan(f.rms_dbfs));
    free(x);
    fl_meter_free(m);
    fl_meter_free(NULL);
    assert_null(fl_meter_new(0));
}

/* A burst of white noise at -20 dBFS between silences: voiced for its length, at its level. */
static void test_noise_burst_level(void **state)
{
    (void)state;
    size_t n = 3 * RATE;
    float *x = alloc_signal(n);
    add_noise(x + RATE / 2, 2 * RATE, -20.0f, 7);
    fl_voice_figures f;
    figures_of(x, n, &f);
    assert_true(fabsf(f.rms_dbfs - -20.0f) < 0.3f);
    assert_true(fabsf(f.speech_s - 2.0f) < 0.03f);
    assert_int_equal(f.pauses, 0);
    assert_true(f.peak_dbfs > -20.0f + 4.0f && f.peak_dbfs < -20.0f + 5.0f); /* sqrt(3): 4.8 */
    assert_int_equal(fl_voice_judge(&f) & (FL_VOICE_SILENT | FL_VOICE_LOUD), 0);

    /* the same at -10 dBFS is shouting */
    memset(x, 0, n * sizeof(float));
    add_noise(x + RATE / 2, 2 * RATE, -10.0f, 9);
    figures_of(x, n, &f);
    assert_true(fabsf(f.rms_dbfs - -10.0f) < 0.3f);
    assert_true(fl_voice_judge(&f) & FL_VOICE_LOUD);
    free(x);
}

/* A steady hiss with nothing else is the floor, not a voice. A voice over it still counts. */
static void test_steady_noise_is_the_floor(void **state)
{
    (void)state;
    size_t n = 4 * RATE;
    float *x = alloc_signal(n);
    add_noise(x, n, -40.0f, 3);
    fl_voice_figures f;
    figures_of(x, n, &f);
    assert_int_equal(fl_voice_judge(&f), FL_VOICE_SILENT);

    add_bursts(x, n, 1.0, 4.0, 8, 0.15, 0.3f); /* two seconds of "speech" over the hiss */
    figures_of(x, n, &f);
    assert_int_equal(fl_voice_judge(&f) & FL_VOICE_SILENT, 0);
    assert_true(f.speech_s > 1.7f && f.speech_s < 2.0f);
    assert_int_equal(f.syllables, 8);
    free(x);
}

/* Bursts at known rates: the count exact, the rate right, fast only above 6 a second. */
static void test_burst_rates(void **state)
{
    (void)state;
    static const double rates[] = {2.5, 3.0, 4.0, 5.0, 6.5, 8.0, 10.0};
    for (size_t r = 0; r < sizeof(rates) / sizeof(rates[0]); r++) {
        int count = (int)(rates[r] * 4); /* four seconds */
        size_t n = 6 * RATE;
        float *x = alloc_signal(n);
        double burst = 0.6 / rates[r]; /* the vowel takes 60% of each syllable */
        add_bursts(x, n, 0.5, rates[r], count, burst, 0.25f);
        fl_voice_figures f;
        figures_of(x, n, &f);
        /* speech runs from the first burst's start to the last one's end */
        double span = (count - 1) / rates[r] + burst;
        double expect = count / span;
        char what[64];
        snprintf(what, sizeof(what), "rate %.1f: %u syllables, %.2f/s", rates[r], f.syllables,
                 f.syllables_per_s);
        if ((int)f.syllables != count || fabs(f.syllables_per_s - expect) > 0.1 * expect)
            fail_msg("%s (expected %d, %.2f/s)", what, count, expect);
        int fast = (fl_voice_judge(&f) & FL_VOICE_FAST) != 0;
        if (fast != (expect > FL_VOICE_FAST_SPS))
            fail_msg("%s: fast flag %d", what, fast);
        free(x);
    }
}

/* Two phrases with 600 ms between them: one pause of about that length. Gaps between syllables
 * (100 ms here) are not pauses. */
static void test_pause(void **state)
{
    (void)state;
    size_t n = 6 * RATE;
    float *x = alloc_signal(n);
    add_bursts(x, n, 0.5, 4.0, 8, 0.15, 0.25f); /* 0.5 .. 2.4 s */
    add_bursts(x, n, 3.0, 4.0, 8, 0.15, 0.25f); /* 3.0 .. 4.9 s */
    fl_voice_figures f;
    figures_of(x, n, &f);
    assert_int_equal(f.pauses, 1);
    assert_true(f.pause_s > 0.55f && f.pause_s < 0.7f);
    assert_int_equal(f.syllables, 16);
    assert_true(fabsf(f.speech_s - 4.4f) < 0.05f);
    free(x);
}

/* Feeding in odd pieces changes nothing. */
static void test_pieces(void **state)
{
    (void)state;
    size_t n = 5 * RATE;
    float *x = alloc_signal(n);
    add_noise(x, n, -45.0f, 11);
    add_bursts(x, n, 0.3, 4.5, 18, 0.12, 0.3f);
    fl_voice_figures whole, pieces;
    figures_of(x, n, &whole);
    fl_meter *m = fl_meter_new(RATE);
    assert_non_null(m);
    size_t at = 0, step = 1;
    while (at < n) {
        size_t k = step < n - at ? step : n - at;
        assert_int_equal(fl_meter_feed(m, x + at, k), 0);
        at += k;
        step = step * 7 % 1013 + 1; /* 1, 8, 57, 400, ... */
    }
    fl_meter_figures(m, &pieces);
    assert_memory_equal(&whole, &pieces, sizeof(whole));
    /* and reset forgets it all */
    fl_meter_reset(m);
    fl_meter_figures(m, &pieces);
    assert_int_equal(fl_voice_judge(&pieces), FL_VOICE_SILENT);
    assert_true(pieces.peak_dbfs <= -119.0f);
    fl_meter_free(m);
    free(x);
}

/* The live level follows the last 50 ms, and the peak is the largest sample. */
static void test_level_and_peak(void **state)
{
    (void)state;
    fl_meter *m = fl_meter_new(48000);
    assert_non_null(m);
    float tone[4800]; /* 100 ms of 1 kHz at 0.5: RMS -9.03 dBFS */
    for (size_t i = 0; i < 4800; i++)
        tone[i] = 0.5f * sinf(2.0f * (float)M_PI * 1000.0f * (float)i / 48000.0f);
    float quiet[4800] = {0};
    assert_int_equal(fl_meter_feed(m, tone, 4800), 0);
    assert_true(fabsf(fl_meter_level(m) - -9.03f) < 0.2f);
    assert_int_equal(fl_meter_feed(m, quiet, 4800), 0);
    assert_true(fl_meter_level(m) <= -119.0f);
    assert_int_equal(fl_meter_feed(m, tone, 2400), 0); /* 50 ms of tone again */
    assert_true(fabsf(fl_meter_level(m) - -9.03f) < 0.2f);
    fl_voice_figures f;
    fl_meter_figures(m, &f);
    assert_true(fabsf(f.peak_dbfs - -6.02f) < 0.05f);
    fl_meter_free(m);
}

/* ---- speech read by espeak-ng ------------------------------------------------------------- */

typedef struct {
    const char *lang; /* "en" or "ru" */
    const char *text;
} reading;

static const reading readings[] = {
    {"en", "I have been waiting for my refund for three weeks now. Nobody has called me back, "
           "and I am running out of patience. Can you tell me today when the money will arrive?"},
    {"en", "Good morning. I would like to change the address on my account, please. We moved "
           "last month, and the letters still go to the old flat."},
    {"ru", "Я жду возврата денег уже три недели. Мне никто не перезвонил, и моё терпение "
           "заканчивается. Скажите мне сегодня, когда придут деньги?"},
    {"ru", "Добрый день. Я хотела бы поменять адрес в договоре. Мы переехали в прошлом месяце, "
           "а письма всё ещё приходят на старую квартиру."},
};

/* The text's syllables. Russian: its vowel letters, one syllable each. English: the groups of
 * vowel letters (a e i o u y) of each word, less a silent final e ("have", "arrive"), at
 * least one a word: the usual approximation, exact for these texts. */
static int text_syllables(const char *lang, const char *text)
{
    int count = 0;
    if (strcmp(lang, "ru") == 0) {
        static const char *const vowels[] = {"а", "е", "ё", "и", "о", "у", "ы", "э", "ю", "я",
                                             "А", "Е", "Ё", "И", "О", "У", "Ы", "Э", "Ю", "Я"};
        for (const char *p = text; *p; p++)
            for (size_t v = 0; v < sizeof(vowels) / sizeof(vowels[0]); v++)
                if (strncmp(p, vowels[v], 2) == 0)
                    count++;
        return count;
    }
    const char *p = text;
    while (*p) {
        while (*p && !((*p | 32) >= 'a' && (*p | 32) <= 'z'))
            p++;
        if (!*p)
            break;
        int groups = 0, in_vowel = 0;
        const char *w = p;
        while (((*p | 32) >= 'a' && (*p | 32) <= 'z') || *p == '\'') {
            int v = strchr("aeiouy", *p | 32) != NULL;
            if (v && !in_vowel)
                groups++;
            in_vowel = v;
            p++;
        }
        size_t len = (size_t)(p - w);
        if (groups > 1 && len >= 2 && (w[len - 1] | 32) == 'e' && (w[len - 2] | 32) != 'l')
            groups--;
        count += groups > 0 ? groups : 1;
    }
    return count;
}

/* Runs `espeak-ng -v VOICE -s SPEED -w FILE TEXT`. */
static int espeak_to_wav(const char *voice, int speed, const char *text, const char *path)
{
    char s[16];
    snprintf(s, sizeof(s), "%d", speed);
    char *argv[] = {"espeak-ng", "-v",         (char *)voice, "-s", s,
                    "-w",        (char *)path, (char *)text,  NULL};
    pid_t pid;
    if (posix_spawnp(&pid, "espeak-ng", NULL, NULL, argv, environ) != 0)
        return -1;
    int status;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return -1;
    return 0;
}

/* Reads a 16-bit mono WAV as floats. */
static float *read_wav(const char *path, size_t *n, int *rate)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    unsigned char *b = NULL;
    float *x = NULL;
    if (fseek(f, 0, SEEK_END) != 0)
        goto out;
    long size = ftell(f);
    if (size < 44 || fseek(f, 0, SEEK_SET) != 0)
        goto out;
    b = malloc((size_t)size);
    if (!b || fread(b, 1, (size_t)size, f) != (size_t)size || memcmp(b + 8, "WAVE", 4) != 0)
        goto out;
    *rate = b[24] | b[25] << 8 | b[26] << 16;
    long at = 12;
    while (at + 8 <= size && memcmp(b + at, "data", 4) != 0)
        at += 8 + (long)(b[at + 4] | b[at + 5] << 8 | b[at + 6] << 16 | (uint32_t)b[at + 7] << 24);
    if (at + 8 > size)
        goto out;
    size_t bytes = (size_t)(size - at - 8); /* espeak-ng's own header may not say */
    *n = bytes / 2;
    x = malloc(*n * sizeof(float) + 1);
    if (!x)
        goto out;
    for (size_t i = 0; i < *n; i++)
        x[i] = (float)(int16_t)(b[at + 8 + 2 * i] | b[at + 9 + 2 * i] << 8) / 32768.0f;
out:
    free(b);
    fclose(f);
    return x;
}

typedef struct {
    double span_s; /* first to last sample above -50 dBFS */
    double rms_db; /* the RMS over that span */
} reference;

static reference reference_of(const float *x, size_t n, int rate)
{
    const float thr = 0.00316f; /* -50 dBFS */
    size_t a = 0, z = n;
    while (a < n && fabsf(x[a]) < thr)
        a++;
    while (z > a && fabsf(x[z - 1]) < thr)
        z--;
    double sum = 0;
    for (size_t i = a; i < z; i++)
        sum += (double)x[i] * x[i];
    reference r = {(double)(z - a) / rate, z > a ? 10 * log10(sum / (double)(z - a)) : -120};
    return r;
}

/* How a reading is heard: its gain (clipped at full scale, as a microphone would), a steady
 * white hiss (dBFS, or none), and silence before and after it (a microphone opened before the
 * trainee speaks and closed after). */
typedef struct {
    const char *name;
    float gain;
    float hiss_dbfs;
    double lead_s, tail_s;
} condition;

static const condition conditions[] = {
    {"as read", 1.0f, 0.0f, 0.0, 0.0},
    {"+6 dB", 1.9953f, 0.0f, 0.0, 0.0},
    {"-10 dB", 0.31623f, 0.0f, 0.0, 0.0},
    {"hiss -50 dBFS, padded", 1.0f, -50.0f, 0.3, 2.0},
};

/* The reading x (n samples) as heard under condition c; *len its length. */
static float *heard_as(const float *x, size_t n, int rate, const condition *c, uint32_t seed,
                       size_t *len)
{
    size_t lead = (size_t)(c->lead_s * rate), tail = (size_t)(c->tail_s * rate);
    *len = lead + n + tail;
    float *y = alloc_signal(*len);
    for (size_t i = 0; i < n; i++)
        y[lead + i] = x[i] * c->gain;
    if (c->hiss_dbfs < 0.0f)
        add_noise(y, *len, c->hiss_dbfs, seed);
    for (size_t i = 0; i < *len; i++)
        y[i] = fmaxf(-1.0f, fminf(1.0f, y[i]));
    return y;
}

/* Every reading at every speed from 80 to 450 words a minute, under every condition above: the
 * targets of docs/meter.md. The syllable rate within 20% of the text's syllables per second of
 * speech, the loudness within 2 dB of the RMS over the speech's span (times the gain), only the
 * louder reading loud, 320 words a minute and faster fast and 175 and slower not. Prints the
 * figures (docs/meter.md quotes them). */
static void test_espeak_readings(void **state)
{
    (void)state;
    static const int speeds[] = {80, 120, 140, 175, 260, 320, 400, 450};
    char path[] = "/tmp/frontline-meter-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    double worst = 0;
    for (size_t r = 0; r < sizeof(readings) / sizeof(readings[0]); r++) {
        const reading *rd = &readings[r];
        int syllables = text_syllables(rd->lang, rd->text);
        for (size_t s = 0; s < sizeof(speeds) / sizeof(speeds[0]); s++) {
            const char *voice = strcmp(rd->lang, "ru") == 0 ? "ru" : "en-us";
            if (espeak_to_wav(voice, speeds[s], rd->text, path) != 0)
                fail_msg("espeak-ng did not run (is it installed? tools/setup.sh)");
            size_t n = 0;
            int rate = 0;
            float *x = read_wav(path, &n, &rate);
            assert_non_null(x);
            reference ref = reference_of(x, n, rate);
            double want_sps = syllables / ref.span_s;
            fl_meter *m = fl_meter_new(rate);
            assert_non_null(m);
            float as_read_db = 0;
            for (size_t c = 0; c < sizeof(conditions) / sizeof(conditions[0]); c++) {
                const condition *cond = &conditions[c];
                size_t len = 0;
                float *y = heard_as(x, n, rate, cond, (uint32_t)(r * 100 + s * 10 + c + 1), &len);
                reference cref = reference_of(y + (size_t)(cond->lead_s * rate), n, rate);
                double want_db = cond->hiss_dbfs < 0.0f ? ref.rms_db : cref.rms_db;
                fl_meter_reset(m);
                assert_int_equal(fl_meter_feed(m, y, len), 0);
                fl_voice_figures f;
                fl_meter_figures(m, &f);
                free(y);
                uint32_t flags = fl_voice_judge(&f);
                double err = f.syllables_per_s / want_sps - 1;
                worst = fabs(err) > worst ? fabs(err) : worst;
                printf("# %s %d %3d wpm, %-21s: %2u/%2d syllables, %5.2f/s (text %5.2f/s, "
                       "%+5.1f%%), RMS %6.2f dBFS (reference %6.2f), %5.2f s, %u pauses, "
                       "flags %u\n",
                       rd->lang, (int)r % 2 + 1, speeds[s], cond->name, f.syllables, syllables,
                       f.syllables_per_s, want_sps, 100.0 * err, f.rms_dbfs, want_db, f.speech_s,
                       f.pauses, flags);
                if (fabs(err) > 0.2)
                    fail_msg("%s at %d, %s: %.2f syllables/s, the text's %.2f", rd->lang, speeds[s],
                             cond->name, f.syllables_per_s, want_sps);
                if (fabs(f.rms_dbfs - want_db) > 2.0)
                    fail_msg("%s at %d, %s: RMS %.2f, reference %.2f", rd->lang, speeds[s],
                             cond->name, f.rms_dbfs, want_db);
                if (fabs(f.speech_s - ref.span_s) > 0.1)
                    fail_msg("%s at %d, %s: %.2f s of speech, the reading's %.2f", rd->lang,
                             speeds[s], cond->name, f.speech_s, ref.span_s);
                if (flags & FL_VOICE_SILENT)
                    fail_msg("%s at %d, %s: silent", rd->lang, speeds[s], cond->name);
                if (((flags & FL_VOICE_LOUD) != 0) != (cond->gain > 1.5f))
                    fail_msg("%s at %d, %s: RMS %.2f, loud %d", rd->lang, speeds[s], cond->name,
                             f.rms_dbfs, (flags & FL_VOICE_LOUD) != 0);
                if (speeds[s] <= 175 && (flags & FL_VOICE_FAST))
                    fail_msg("%s at %d, %s: flagged fast (%.2f/s)", rd->lang, speeds[s], cond->name,
                             f.syllables_per_s);
                if (speeds[s] >= 320 && !(flags & FL_VOICE_FAST))
                    fail_msg("%s at %d, %s: not flagged fast (%.2f/s)", rd->lang, speeds[s],
                             cond->name, f.syllables_per_s);
                if (c == 0)
                    as_read_db = f.rms_dbfs;
                else if (cond->gain > 1.5f)
                    assert_true(f.rms_dbfs - as_read_db > 5.0f);
                else if (cond->gain < 0.5f)
                    assert_true(as_read_db - f.rms_dbfs > 9.0f);
            }
            fl_meter_free(m);
            free(x);
        }
    }
    printf("# the worst rate: %.1f%% off the text's\n", 100.0 * worst);
    unlink(path);
}

/* The same readings in a steady hiss at -45 and -40 dBFS (20 and 25 dB under the voice): the
 * background is subtracted, so the loudness stays within 1 dB of the clean reading's, and the
 * rate within 20% of the text's. */
static void test_espeak_in_noise(void **state)
{
    (void)state;
    char path[] = "/tmp/frontline-meter-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    for (size_t r = 0; r < sizeof(readings) / sizeof(readings[0]); r++) {
        const reading *rd = &readings[r];
        const char *voice = strcmp(rd->lang, "ru") == 0 ? "ru" : "en-us";
        if (espeak_to_wav(voice, 175, rd->text, path) != 0)
            fail_msg("espeak-ng did not run (is it installed? tools/setup.sh)");
        size_t n = 0;
        int rate = 0;
        float *x = read_wav(path, &n, &rate);
        assert_non_null(x);
        reference ref = reference_of(x, n, rate);
        double want_sps = text_syllables(rd->lang, rd->text) / ref.span_s;
        fl_meter *m = fl_meter_new(rate);
        assert_non_null(m);
        assert_int_equal(fl_meter_feed(m, x, n), 0);
        fl_voice_figures clean;
        fl_meter_figures(m, &clean);
        static const float noises[] = {-45.0f, -40.0f};
        for (size_t k = 0; k < 2; k++) {
            float *y = malloc(n * sizeof(float));
            assert_non_null(y);
            memcpy(y, x, n * sizeof(float));
            add_noise(y, n, noises[k], (uint32_t)(r * 2 + k + 1));
            fl_meter_reset(m);
            assert_int_equal(fl_meter_feed(m, y, n), 0);
            fl_voice_figures f;
            fl_meter_figures(m, &f);
            printf("# %s 175 wpm in noise at %.0f dBFS: RMS %.2f (clean %.2f), %.2f syllables/s "
                   "(text %.2f)\n",
                   rd->lang, noises[k], f.rms_dbfs, clean.rms_dbfs, f.syllables_per_s, want_sps);
            if (fabsf(f.rms_dbfs - clean.rms_dbfs) > 1.0f)
                fail_msg("%s in noise at %.0f: RMS %.2f, clean %.2f", rd->lang, noises[k],
                         f.rms_dbfs, clean.rms_dbfs);
            if (fabs(f.syllables_per_s - want_sps) > 0.2 * want_sps)
                fail_msg("%s in noise at %.0f: %.2f syllables/s, the text's %.2f", rd->lang,
                         noises[k], f.syllables_per_s, want_sps);
            assert_int_equal(fl_voice_judge(&f) & (FL_VOICE_SILENT | FL_VOICE_LOUD), 0);
            free(y);
        }
        fl_meter_free(m);
        free(x);
    }
    unlink(path);
}

/* The figures of a 30 s reading: well under 5 ms (best of five, so a busy machine does not
 * fail it), and feeding costs far less than real time. */
static void test_speed(void **state)
{
    (void)state;
    size_t n = 30 * RATE;
    float *x = alloc_signal(n);
    add_noise(x, n, -50.0f, 5);
    for (int k = 0; k < 6; k++)
        add_bursts(x, n, 0.2 + k * 5.0, 4.5, 20, 0.13, 0.3f);
    fl_meter *m = fl_meter_new(RATE);
    assert_non_null(m);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(fl_meter_feed(m, x, n), 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double feed_ms =
        (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    double best = 1e9;
    fl_voice_figures f;
    for (int i = 0; i < 5; i++) {
        clock_gettime(CLOCK_MONOTONIC, &t0);
        fl_meter_figures(m, &f);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
        best = ms < best ? ms : best;
    }
    printf("# 30 s: feeding %.2f ms, figures %.3f ms, %u syllables\n", feed_ms, best, f.syllables);
    assert_int_equal(f.syllables, 120);
    assert_true(best < 5.0);
    assert_true(feed_ms < 3000.0); /* 1% of real time is ~300 ms even under sanitizers */
    fl_meter_free(m);
    free(x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nothing_and_silence),
        cmocka_unit_test(test_noise_burst_level),
        cmocka_unit_test(test_steady_noise_is_the_floor),
        cmocka_unit_test(test_burst_rates),
        cmocka_unit_test(test_pause),
        cmocka_unit_test(test_pieces),
        cmocka_unit_test(test_level_and_peak),
        cmocka_unit_test(test_espeak_readings),
        cmocka_unit_test(test_espeak_in_noise),
        cmocka_unit_test(test_speed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
