/*
 * test_speech.c - the customer's voice (game/audio/speech.c) with the real libespeak-ng: the
 * emotion table's shape (and the trainer's guide showing it as it is), voice names and their
 * fallbacks, synthesis in English and Russian, two emotions of one line that differ in length and
 * in pitch (median f0 by autocorrelation, measured here), the speech thread giving the same speech
 * as synchronous synthesis, the cache (hits, eviction that spares clips still held), cancelling,
 * freeing while busy (clean under ASan), text hygiene (emoji and markup are not read out) and
 * espeak-ng's data missing (a clear error, no exit).
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
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "scenario.h"
#include "speech.h"

static const char *const line_en =
    "I have been waiting for my refund for three weeks. Where is my money?";
static const char *const line_ru = "Я жду возврата денег уже три недели. Где мои деньги?";

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static fl_say say(const char *text, const char *lang, int emotion, const char *voice)
{
    fl_say s = {FL_SAY_CUSTOMER, text, lang, emotion, voice};
    return s;
}

static double rms_db(const int16_t *x, size_t n)
{
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += (double)x[i] * x[i];
    return n ? 10 * log10(sum / (double)n / (32768.0 * 32768.0) + 1e-12) : -120;
}

/* Whether two syntheses say the same thing. espeak-ng carries a little state from one synthesis
 * to the next (its pitch flutter's phase), so the same text comes out a few samples longer or
 * shorter each time: the lengths agree within 1% and the 20 ms loudness envelopes correlate. */
static int same_speech(const int16_t *a, size_t na, const int16_t *b, size_t nb)
{
    size_t longer = na > nb ? na : nb, shorter = na < nb ? na : nb;
    if (longer - shorter > longer / 100 + 50)
        return 0;
    enum { FRAME = 441 };
    size_t frames = shorter / FRAME;
    if (frames == 0)
        return shorter == longer;
    double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
    for (size_t f = 0; f < frames; f++) {
        double ea = rms_db(a + f * FRAME, FRAME), eb = rms_db(b + f * FRAME, FRAME);
        sa += ea;
        sb += eb;
        saa += ea * ea;
        sbb += eb * eb;
        sab += ea * eb;
    }
    double n = (double)frames, cov = sab / n - sa * sb / n / n;
    double r = cov / sqrt((saa / n - sa * sa / n / n) * (sbb / n - sb * sb / n / n) + 1e-12);
    return r > 0.95;
}

static int16_t *synth(const fl_say *s, size_t *n)
{
    int16_t *pcm;
    int rate;
    const char *err;
    if (fl_speech_synth(s, &pcm, n, &rate, &err) != 0)
        fail_msg("fl_speech_synth: %s", err);
    assert_int_equal(rate, 22050);
    return pcm;
}

/* Waits up to `ms` for the clip to be done. */
static int wait_done(fl_clip *c, double ms)
{
    double until = now_ms() + ms;
    while (!atomic_load(&c->done)) {
        if (now_ms() > until)
            return -1;
        usleep(1000);
    }
    return 0;
}

/* The clip's samples, chunks joined (malloc'd). */
static int16_t *clip_samples(fl_clip *c, size_t *n)
{
    size_t total = 0;
    for (fl_clip_chunk *ch = atomic_load(&c->first); ch; ch = atomic_load(&ch->next))
        total += ch->n;
    int16_t *x = malloc(total * sizeof(int16_t) + 1);
    assert_non_null(x);
    size_t at = 0;
    for (fl_clip_chunk *ch = atomic_load(&c->first); ch; ch = atomic_load(&ch->next)) {
        memcpy(x + at, ch->s, ch->n * sizeof(int16_t));
        at += ch->n;
    }
    *n = total;
    return x;
}

/* The median fundamental frequency of the voiced 40 ms frames: the lag of the autocorrelation's
 * highest peak between 70 and 450 Hz, for frames whose normalised peak is above 0.5. */
static double median_f0(const int16_t *x, size_t n, int rate)
{
    enum { MAX_FRAMES = 2048 };
    static double f0[MAX_FRAMES];
    size_t frames = 0, len = (size_t)rate / 25, hop = len / 2;
    size_t min_lag = (size_t)rate / 450, max_lag = (size_t)rate / 70;
    for (size_t at = 0; at + len + max_lag < n && frames < MAX_FRAMES; at += hop) {
        double e0 = 0;
        for (size_t i = 0; i < len; i++)
            e0 += (double)x[at + i] * x[at + i];
        if (e0 / len < 300.0 * 300.0) /* quieter than -40 dBFS: not voiced */
            continue;
        double best = 0;
        size_t best_lag = 0;
        for (size_t lag = min_lag; lag <= max_lag; lag++) {
            double r = 0, el = 0;
            for (size_t i = 0; i < len; i++) {
                r += (double)x[at + i] * x[at + i + lag];
                el += (double)x[at + i + lag] * x[at + i + lag];
            }
            r /= sqrt(e0 * el) + 1e-9;
            if (r > best) {
                best = r;
                best_lag = lag;
            }
        }
        if (best > 0.5)
            f0[frames++] = (double)rate / (double)best_lag;
    }
    assert_true(frames > 10);
    for (size_t i = 1; i < frames; i++) /* insertion sort: a few hundred values */
        for (size_t j = i; j > 0 && f0[j - 1] > f0[j]; j--) {
            double t = f0[j];
            f0[j] = f0[j - 1];
            f0[j - 1] = t;
        }
    return f0[frames / 2];
}

/* ---- espeak-ng missing ------------------------------------------------------------------- */

/* Runs first, before espeak-ng is started in this process: in a child whose ESPEAK_DATA_PATH
 * names an espeak-ng-data without any data, both ways of speaking fail with a message (and the
 * child is not ended by espeak-ng, as espeak_Initialize() would do). */
static void test_missing_data(void **state)
{
    (void)state;
    char dir[] = "/tmp/frontline-espeak-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char data[sizeof(dir) + 32];
    snprintf(data, sizeof(data), "%s/espeak-ng-data", dir);
    assert_int_equal(mkdir(data, 0700), 0);
    fflush(stdout);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        setenv("ESPEAK_DATA_PATH", dir, 1);
        int16_t *pcm;
        size_t n;
        int rate;
        const char *err = NULL;
        fl_say s = say("Hello", "en", FL_EMO_NEUTRAL, NULL);
        if (fl_speech_synth(&s, &pcm, &n, &rate, &err) != -1 || !err || !strstr(err, "espeak-ng"))
            _exit(2);
        fl_speech *sp;
        if (fl_speech_new(&sp, 0) != 0)
            _exit(3);
        double until = now_ms() + 5000;
        while (!*fl_speech_error(sp) && now_ms() < until)
            usleep(1000);
        if (!strstr(fl_speech_error(sp), "espeak-ng"))
            _exit(4);
        if (fl_speech_get(sp, &s) != NULL)
            _exit(5);
        fl_speech_free(sp);
        _exit(0);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    rmdir(data);
    rmdir(dir);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

/* ---- the table and the names ------------------------------------------------------------- */

static void test_prosody_table(void **state)
{
    (void)state;
    for (int e = 0; e < FL_EMO_COUNT; e++) {
        const fl_prosody *p = fl_prosody_of(e);
        assert_in_range(p->rate, 80, 450);
        assert_in_range(p->pitch, 0, 100);
        assert_in_range(p->range, 0, 100);
        assert_in_range(p->volume, 1, 150); /* louder turns harsh, not loud */
        for (int o = 0; o < e; o++)         /* each emotion its own shape */
            assert_memory_not_equal(p, fl_prosody_of(o), sizeof(*p));
    }
    const fl_prosody *calm = fl_prosody_of(FL_EMO_CALM), *furious = fl_prosody_of(FL_EMO_FURIOUS);
    const fl_prosody *neutral = fl_prosody_of(FL_EMO_NEUTRAL);
    /* furious is not calm read louder: faster, higher, wider, and louder too */
    assert_true(furious->rate > calm->rate + 50);
    assert_true(furious->pitch > calm->pitch + 15);
    assert_true(furious->range > calm->range + 30);
    assert_true(furious->volume > calm->volume);
    /* the angry family climbs */
    const fl_prosody *annoyed = fl_prosody_of(FL_EMO_ANNOYED), *angry = fl_prosody_of(FL_EMO_ANGRY);
    assert_true(annoyed->rate > neutral->rate && angry->rate > annoyed->rate &&
                furious->rate > angry->rate);
    assert_true(annoyed->volume > neutral->volume && angry->volume > annoyed->volume &&
                furious->volume > angry->volume);
    assert_true(annoyed->range < neutral->range); /* clipped, flat */
    assert_true(angry->range > neutral->range);
    /* calm is slower, lower and narrower than neutral; worried faster, higher, narrower */
    assert_true(calm->rate < neutral->rate && calm->pitch < neutral->pitch &&
                calm->range < neutral->range);
    const fl_prosody *worried = fl_prosody_of(FL_EMO_WORRIED);
    assert_true(worried->rate > neutral->rate && worried->pitch > neutral->pitch &&
                worried->range < neutral->range);
    const fl_prosody *confused = fl_prosody_of(FL_EMO_CONFUSED);
    assert_true(confused->rate < neutral->rate && confused->range > neutral->range);
    const fl_prosody *sceptical = fl_prosody_of(FL_EMO_SCEPTICAL);
    assert_true(sceptical->rate < neutral->rate && sceptical->pitch < neutral->pitch &&
                sceptical->range > neutral->range);
    assert_true(fl_prosody_of(FL_EMO_PLEASED)->pitch > neutral->pitch);
    assert_true(fl_prosody_of(FL_EMO_HAPPY)->range > fl_prosody_of(FL_EMO_PLEASED)->range);
    /* anything else is neutral */
    assert_ptr_equal(fl_prosody_of(-1), neutral);
    assert_ptr_equal(fl_prosody_of(FL_EMO_COUNT), neutral);
}

/* The trainer's guide shows the table as it is (scenarios/voices.md and voices.ru.md): every
 * emotion's row gives its rate, pitch, range and volume. */
static void test_prosody_documented(void **state)
{
    (void)state;
    static const char *const docs[] = {FL_SOURCE_DIR "/scenarios/voices.md",
                                       FL_SOURCE_DIR "/scenarios/voices.ru.md"};
    for (size_t d = 0; d < 2; d++) {
        FILE *f = fopen(docs[d], "r");
        if (!f)
            fail_msg("cannot read %s", docs[d]);
        int seen[FL_EMO_COUNT] = {0};
        char line[1024];
        while (fgets(line, sizeof(line), f)) {
            char name[32];
            int rate, pitch, range, volume;
            if (sscanf(line, "| `%31[a-z]` | %d | %d | %d | %d |", name, &rate, &pitch, &range,
                       &volume) != 5)
                continue;
            int e = 0;
            while (e < FL_EMO_COUNT && strcmp(fl_emotion_name((fl_emotion)e), name) != 0)
                e++;
            if (e == FL_EMO_COUNT)
                fail_msg("%s: no emotion '%s'", docs[d], name);
            const fl_prosody *p = fl_prosody_of(e);
            if (p->rate != rate || p->pitch != pitch || p->range != range || p->volume != volume)
                fail_msg("%s: %s is %d %d %d %d, the table says %d %d %d %d", docs[d], name,
                         p->rate, p->pitch, p->range, p->volume, rate, pitch, range, volume);
            seen[e]++;
        }
        fclose(f);
        for (int e = 0; e < FL_EMO_COUNT; e++)
            if (seen[e] != 1)
                fail_msg("%s: %s has %d rows", docs[d], fl_emotion_name((fl_emotion)e), seen[e]);
    }
}

static void test_voice_names(void **state)
{
    (void)state;
    char b[64];
    assert_string_equal(fl_voice_name("en", NULL, b, sizeof(b)), "en-us");
    assert_string_equal(fl_voice_name("en", "", b, sizeof(b)), "en-us");
    assert_string_equal(fl_voice_name("ru", NULL, b, sizeof(b)), "ru");
    assert_string_equal(fl_voice_name(NULL, NULL, b, sizeof(b)), "en-us");
    assert_string_equal(fl_voice_name("en", "female", b, sizeof(b)), "en-us+f3");
    assert_string_equal(fl_voice_name("ru", "female", b, sizeof(b)), "ru+f3");
    assert_string_equal(fl_voice_name("en", "male", b, sizeof(b)), "en-us+m3");
    assert_string_equal(fl_voice_name("ru", "male", b, sizeof(b)), "ru+m3");
    assert_string_equal(fl_voice_name("ru", "ru+f2", b, sizeof(b)), "ru+f2");
    assert_string_equal(fl_voice_name("en", "gmw/en-GB-scotland", b, sizeof(b)),
                        "gmw/en-GB-scotland");
    assert_string_equal(fl_voice_name("en", "en-gb-scotland", b, sizeof(b)), "en-gb-scotland");
    char small[5];
    assert_string_equal(fl_voice_name("en", "female", small, sizeof(small)), "en-u");
}

/* ---- synthesis --------------------------------------------------------------------------- */

/* Non-silent, at the level espeak-ng speaks, and as long as its syllables make plausible. */
static void test_synth_english_and_russian(void **state)
{
    (void)state;
    struct {
        const char *text, *lang;
        int syllables;
    } cases[] = {{line_en, "en", 17}, {line_ru, "ru", 17}};
    for (size_t i = 0; i < 2; i++) {
        fl_say s = say(cases[i].text, cases[i].lang, FL_EMO_NEUTRAL, NULL);
        size_t n;
        int16_t *pcm = synth(&s, &n);
        double seconds = (double)n / 22050.0, level = rms_db(pcm, n);
        printf("# %s: %.2f s, RMS %.1f dBFS\n", cases[i].lang, seconds, level);
        assert_true(seconds > cases[i].syllables / 8.0 && seconds < cases[i].syllables / 2.0);
        assert_true(level > -30.0 && level < -12.0);
        free(pcm);
    }
    /* the voices named in the bundled scenarios all speak */
    static const char *const voices[] = {"female", "male", "ru+f2", "ru+f4", "ru+m1", "ru+m2"};
    for (size_t v = 0; v < sizeof(voices) / sizeof(voices[0]); v++) {
        fl_say s = say(line_ru, "ru", FL_EMO_NEUTRAL, voices[v]);
        size_t n;
        int16_t *pcm = synth(&s, &n);
        assert_true(n > 22050 && rms_db(pcm, n) > -30.0);
        free(pcm);
    }
}

/* Runs synth() with stderr going to a file; returns what was written there (malloc'd). */
static char *synth_quietly(const fl_say *s, int16_t **pcm, size_t *n)
{
    fflush(stderr);
    FILE *f = tmpfile();
    assert_non_null(f);
    int saved = dup(2);
    assert_true(saved >= 0);
    assert_true(dup2(fileno(f), 2) >= 0);
    *pcm = synth(s, n);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    long size = ftell(f);
    char *text = calloc(1, (size_t)(size > 0 ? size : 0) + 1);
    assert_non_null(text);
    rewind(f);
    if (size > 0 && fread(text, 1, (size_t)size, f) != (size_t)size)
        text[0] = '\0';
    fclose(f);
    return text;
}

/* A voice espeak-ng does not know, or cannot use (mbrola), falls back to the language's voice
 * without a word on the terminal; a variant's name alone ("Annie", "female3") is that variant of
 * the language's voice; male is another voice. */
static void test_voice_fallbacks(void **state)
{
    (void)state;
    fl_say plain = say(line_en, "en", FL_EMO_NEUTRAL, NULL);
    size_t n0;
    int16_t *p0 = synth(&plain, &n0);
    static const char *const fallbacks[] = {"no-such-voice", "us-mbrola-1", "mb/mb-us1",
                                            "ru+no-such-variant"};
    for (size_t i = 0; i < sizeof(fallbacks) / sizeof(fallbacks[0]); i++) {
        fl_say s = say(line_en, i == 3 ? "ru" : "en", FL_EMO_NEUTRAL, fallbacks[i]);
        if (i == 3)
            s.text = line_ru;
        int16_t *p;
        size_t n;
        char *noise = synth_quietly(&s, &p, &n);
        if (*noise)
            fail_msg("voice %s printed: %s", fallbacks[i], noise);
        if (i < 3 && !same_speech(p0, n0, p, n))
            fail_msg("voice %s did not fall back to en-us", fallbacks[i]);
        assert_true(n > 22050);
        free(noise);
        free(p);
    }
    static const char *const variants[][2] = {{"Annie", "en-us+Annie"}, {"female3", "female"}};
    for (size_t i = 0; i < 2; i++) {
        fl_say a = say(line_en, "en", FL_EMO_NEUTRAL, variants[i][0]);
        fl_say b = say(line_en, "en", FL_EMO_NEUTRAL, variants[i][1]);
        int16_t *pa, *pb;
        size_t na, nb;
        char *noise = synth_quietly(&a, &pa, &na);
        if (*noise)
            fail_msg("voice %s printed: %s", variants[i][0], noise);
        pb = synth(&b, &nb);
        if (!same_speech(pa, na, pb, nb) || same_speech(pa, na, p0, n0))
            fail_msg("voice %s is not %s", variants[i][0], variants[i][1]);
        free(noise);
        free(pa);
        free(pb);
    }
    fl_say male = say(line_en, "en", FL_EMO_NEUTRAL, "male");
    size_t n3;
    int16_t *p3 = synth(&male, &n3);
    assert_false(same_speech(p0, n0, p3, n3));
    free(p0);
    free(p3);
}

/* Calm and furious of one line: furious is shorter (faster) and higher, in both languages. */
static void test_emotions_differ(void **state)
{
    (void)state;
    const char *lines[][2] = {{line_en, "en"}, {line_ru, "ru"}};
    for (size_t i = 0; i < 2; i++) {
        fl_say calm = say(lines[i][0], lines[i][1], FL_EMO_CALM, "male");
        fl_say furious = say(lines[i][0], lines[i][1], FL_EMO_FURIOUS, "male");
        size_t nc, nf;
        int16_t *c = synth(&calm, &nc), *f = synth(&furious, &nf);
        double f0c = median_f0(c, nc, 22050), f0f = median_f0(f, nf, 22050);
        printf("# %s calm %.2f s, %.0f Hz; furious %.2f s, %.0f Hz; RMS %.1f vs %.1f dBFS\n",
               lines[i][1], nc / 22050.0, f0c, nf / 22050.0, f0f, rms_db(c, nc), rms_db(f, nf));
        assert_true((double)nf < 0.8 * (double)nc);
        assert_true(f0f > 1.15 * f0c);
        assert_true(rms_db(f, nf) > rms_db(c, nc) + 2.0);
        free(c);
        free(f);
    }
}

/* Emoji are not read out ("grinning face"), and markup is not either ("asterisk"). */
static void test_text_hygiene(void **state)
{
    (void)state;
    const char *pairs[][2] = {
        {"Hello 😀", "Hello"},
        {"Great!😡😡 Thanks\n\n  a lot.", "Great! Thanks a lot."},
        {"*Really* #1 ~ now", "Really 1 now"},
        {"Спасибо 👍🏽, всё\tхорошо", "Спасибо , всё хорошо"},
    };
    for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
        const char *lang = i == 3 ? "ru" : "en";
        fl_say a = say(pairs[i][0], lang, FL_EMO_NEUTRAL, NULL);
        fl_say b = say(pairs[i][1], lang, FL_EMO_NEUTRAL, NULL);
        size_t na, nb;
        int16_t *x = synth(&a, &na), *y = synth(&b, &nb);
        if (!same_speech(x, na, y, nb))
            fail_msg("\"%s\" is not spoken as \"%s\" (%zu vs %zu samples)", pairs[i][0],
                     pairs[i][1], na, nb);
        free(x);
        free(y);
    }
    /* nothing left to say: an empty buffer, not an error */
    fl_say only = say("😀 🎉", "en", FL_EMO_NEUTRAL, NULL);
    size_t n;
    int16_t *x = synth(&only, &n);
    assert_int_equal(n, 0);
    free(x);
}

/* ---- the thread and the cache ------------------------------------------------------------ */

/* The thread's clip holds what synchronous synthesis gives, its first chunk comes
 * quickly, and asking again returns the same clip from the cache. */
static void test_thread_and_cache_hit(void **state)
{
    (void)state;
    fl_say s = say(line_ru, "ru", FL_EMO_ANGRY, "female");
    size_t want_n;
    int16_t *want = synth(&s, &want_n);

    fl_speech *sp;
    assert_int_equal(fl_speech_new(&sp, 0), 0);
    double t0 = now_ms();
    fl_clip *c = fl_speech_get(sp, &s);
    assert_non_null(c);
    assert_int_equal(c->rate, 22050);
    while (!atomic_load(&c->first) && !atomic_load(&c->done) && now_ms() < t0 + 5000)
        usleep(200);
    double first_ms = now_ms() - t0;
    assert_int_equal(wait_done(c, 10000), 0);
    printf("# first chunk after %.1f ms, whole line %.1f ms\n", first_ms, now_ms() - t0);
    assert_true(first_ms < 150.0);
    assert_false(atomic_load(&c->failed));
    size_t n;
    int16_t *got = clip_samples(c, &n);
    assert_int_equal(c->frames, n);
    assert_true(same_speech(got, n, want, want_n));

    /* a second line, with espeak-ng already running: the first chunk in a few ms */
    fl_say s2 = say(line_en, "en", FL_EMO_WORRIED, NULL);
    t0 = now_ms();
    fl_clip *c2 = fl_speech_get(sp, &s2);
    assert_non_null(c2);
    while (!atomic_load(&c2->first) && now_ms() < t0 + 5000)
        usleep(100);
    printf("# next line: first chunk after %.1f ms\n", now_ms() - t0);
    assert_true(now_ms() - t0 < 150.0);
    assert_int_equal(wait_done(c2, 10000), 0);

    fl_clip *again = fl_speech_get(sp, &s);
    assert_ptr_equal(again, c);
    assert_int_equal(atomic_load(&c->users), 3); /* two callers and the cache */
    /* the same words with emoji, or by voice name, are the same clip */
    fl_say same =
        say("Я жду возврата денег уже три недели. 😡 Где мои деньги?", "ru", FL_EMO_ANGRY, "ru+f3");
    fl_clip *also = fl_speech_get(sp, &same);
    assert_ptr_equal(also, c);
    /* another emotion is another clip */
    fl_say other = say(line_ru, "ru", FL_EMO_CALM, "female");
    fl_clip *calm = fl_speech_get(sp, &other);
    assert_ptr_not_equal(calm, c);
    assert_int_equal(wait_done(calm, 10000), 0);
    assert_int_not_equal(calm->frames, c->frames);

    fl_clip_release(also);
    fl_clip_release(again);
    fl_clip_release(calm);
    fl_clip_release(c2);
    fl_clip_release(c);
    fl_speech_free(sp);
    free(got);
    free(want);
}

/* A long text, to keep the thread busy for a while (a minute and a half of speech, about a
 * second to synthesise). */
static char *long_text(const char *tag)
{
    size_t cap = 2048;
    char *t = malloc(cap);
    assert_non_null(t);
    size_t at = (size_t)snprintf(t, cap, "%s. ", tag);
    while (at + 200 < cap)
        at += (size_t)snprintf(t + at, cap - at, "%s ", line_en);
    return t;
}

/* With a small cache, clips nobody holds are evicted (least recently used first) and a clip
 * still held is not, however old. */
static void test_eviction_respects_references(void **state)
{
    (void)state;
    fl_speech *sp;
    assert_int_equal(fl_speech_new(&sp, 400 * 1024), 0); /* about four lines */
    char texts[8][96];
    fl_clip *held = NULL;
    for (int i = 0; i < 8; i++) {
        snprintf(texts[i], sizeof(texts[i]), "Line number %d. I still have no answer from you.",
                 i + 1);
        fl_say s = say(texts[i], "en", FL_EMO_NEUTRAL, NULL);
        fl_clip *c = fl_speech_get(sp, &s);
        assert_non_null(c);
        assert_int_equal(wait_done(c, 10000), 0);
        if (i == 0)
            held = c; /* the oldest, kept */
        else
            fl_clip_release(c);
    }
    /* keep the thread busy, so a clip that must be synthesised again cannot be done at once */
    char *busy = long_text("Busy");
    fl_say b = say(busy, "en", FL_EMO_NEUTRAL, NULL);
    fl_clip *bc = fl_speech_get(sp, &b);
    assert_non_null(bc);

    fl_say s0 = say(texts[0], "en", FL_EMO_NEUTRAL, NULL);
    fl_clip *c0 = fl_speech_get(sp, &s0);
    assert_ptr_equal(c0, held); /* still cached, complete */
    assert_true(atomic_load(&c0->done));
    fl_say s1 = say(texts[1], "en", FL_EMO_NEUTRAL, NULL); /* the oldest not held: evicted */
    fl_clip *c1 = fl_speech_get(sp, &s1);
    assert_non_null(c1);
    assert_false(atomic_load(&c1->done));
    fl_say s7 = say(texts[7], "en", FL_EMO_NEUTRAL, NULL); /* the newest: cached */
    fl_clip *c7 = fl_speech_get(sp, &s7);
    assert_true(atomic_load(&c7->done));

    fl_speech_cancel(sp);
    fl_clip_release(c7);
    fl_clip_release(c1);
    fl_clip_release(c0);
    fl_clip_release(bc);
    fl_speech_free(sp);
    /* a clip outlives the speech that made it while it is held */
    assert_true(atomic_load(&held->done));
    size_t n;
    int16_t *x = clip_samples(held, &n);
    assert_true(n > 22050 && n == held->frames);
    free(x);
    fl_clip_release(held);
    free(busy);
}

/* Cancel completes what was waiting (and what was under way) as failed, at once; the same text
 * asked again afterwards is spoken, not served failed from the cache. */
static void test_cancel(void **state)
{
    (void)state;
    fl_speech *sp;
    assert_int_equal(fl_speech_new(&sp, 0), 0);
    char *texts[4];
    fl_clip *clips[4];
    for (int i = 0; i < 4; i++) {
        char tag[16];
        snprintf(tag, sizeof(tag), "Text %d", i);
        texts[i] = long_text(tag);
        fl_say s = say(texts[i], "en", FL_EMO_NEUTRAL, NULL);
        clips[i] = fl_speech_get(sp, &s);
        assert_non_null(clips[i]);
    }
    usleep(20000);
    double t0 = now_ms();
    fl_speech_cancel(sp);
    for (int i = 0; i < 4; i++)
        assert_int_equal(wait_done(clips[i], 2000), 0);
    printf("# cancel: all done after %.1f ms\n", now_ms() - t0);
    for (int i = 1; i < 4; i++)
        assert_true(atomic_load(&clips[i]->failed));
    assert_true(atomic_load(&clips[0]->failed)); /* still being synthesised */

    fl_say s = say(texts[3], "en", FL_EMO_NEUTRAL, NULL);
    fl_clip *again = fl_speech_get(sp, &s);
    assert_ptr_not_equal(again, clips[3]);
    assert_int_equal(wait_done(again, 20000), 0);
    assert_false(atomic_load(&again->failed));
    assert_true(again->frames > 22050 * 30);
    fl_clip_release(again);
    for (int i = 0; i < 4; i++) {
        fl_clip_release(clips[i]);
        free(texts[i]);
    }
    fl_speech_free(sp);
}

/* Freeing while the thread is busy and more is queued returns promptly, completes every clip
 * (failed), and leaks nothing (ASan). Empty texts give a complete, empty clip. */
static void test_free_while_busy(void **state)
{
    (void)state;
    fl_speech *sp;
    assert_int_equal(fl_speech_new(&sp, 0), 0);
    fl_say empty = say(" 😀 ", "en", FL_EMO_NEUTRAL, NULL);
    fl_clip *e = fl_speech_get(sp, &empty);
    assert_non_null(e);
    assert_true(atomic_load(&e->done));
    assert_int_equal(e->frames, 0);
    assert_null(atomic_load(&e->first));
    fl_clip_release(e);

    char *t1 = long_text("One"), *t2 = long_text("Two");
    fl_say s1 = say(t1, "en", FL_EMO_NEUTRAL, NULL), s2 = say(t2, "ru", FL_EMO_FURIOUS, NULL);
    fl_clip *a = fl_speech_get(sp, &s1), *b = fl_speech_get(sp, &s2);
    assert_non_null(a);
    assert_non_null(b);
    usleep(10000);
    double t0 = now_ms();
    fl_speech_free(sp);
    assert_true(now_ms() - t0 < 1000.0);
    assert_true(atomic_load(&a->done) && atomic_load(&b->done));
    assert_true(atomic_load(&b->failed));
    fl_clip_release(a);
    fl_clip_release(b);
    fl_speech_free(NULL);
    free(t1);
    free(t2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_missing_data), /* first: before espeak-ng starts here */
        cmocka_unit_test(test_prosody_table),
        cmocka_unit_test(test_prosody_documented),
        cmocka_unit_test(test_voice_names),
        cmocka_unit_test(test_synth_english_and_russian),
        cmocka_unit_test(test_voice_fallbacks),
        cmocka_unit_test(test_emotions_differ),
        cmocka_unit_test(test_text_hygiene),
        cmocka_unit_test(test_thread_and_cache_hit),
        cmocka_unit_test(test_eviction_respects_references),
        cmocka_unit_test(test_cancel),
        cmocka_unit_test(test_free_while_busy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
