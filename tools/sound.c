/*
 * sound.c - `frontline sound`: is there sound, and how does it sound. A trainer checks the
 * device, plays a cue, hears a line in an emotion (or writes it to a WAV file), and reads a
 * reply aloud into the tone meter to see the figures the Voice panel would show.
 *
 * Everything goes through the audio layer (game/audio/audio.h) as the desktop does, so this is
 * also how the tests drive the real PortAudio path. Every wait is bounded: a device that never
 * finishes gives a message, not a hang.
 *
 * Exit status: 0 done, 1 no sound device (or it failed), 2 usage.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "audio.h"
#include "commands.h"
#include "pa.h"
#include "scenario.h"
#include "speech.h"
#include "voice.h"

static const char help[] =
    "usage: frontline sound check\n"
    "       frontline sound cue ring|message|tick|hangup\n"
    "       frontline sound say [--lang en|ru] [--emotion NAME] [--voice V] [--wav FILE] TEXT...\n"
    "       frontline sound meter [--seconds N] [--format text|json]\n"
    "\n"
    "check    says whether sound works (the output device, its rate, the microphone) on one\n"
    "         line, then plays the four cues and one English and one Russian sentence.\n"
    "cue      plays one of the sounds the simulator makes: ring (an incoming call), message\n"
    "         (a new customer line), tick (the last seconds of a timed reply), hangup.\n"
    "say      speaks TEXT as a customer would: --lang en|ru (default en), --emotion one of\n"
    "         neutral, calm, pleased, happy, worried, confused, sceptical, annoyed, angry,\n"
    "         furious (default neutral), --voice female, male or an espeak-ng voice (ru+f3).\n"
    "         --wav FILE writes the speech to a WAV file instead (no sound device needed).\n"
    "meter    listens to the microphone for --seconds N (default 5, at most 60, counted in\n"
    "         samples) and prints how the reading sounded: loudness (the RMS while speaking\n"
    "         and the peak, dBFS), pace (syllables a second), pauses, and the flags the Voice\n"
    "         panel shows (loud, fast, silent) with a sentence of advice each.\n"
    "         --format json prints one object: rms_dbfs, peak_dbfs, syllables_per_s, syllables,\n"
    "         speech_s, pause_s, pauses, flags (an array of \"loud\", \"fast\", \"silent\").\n"
    "\n"
    "FRONTLINE_AUDIO=null plays nothing (see docs/audio.md for its log and test hooks).\n"
    "\n"
    "Exit status: 0 done, 1 no sound device or microphone (the reason is printed), or the device\n"
    "did not finish in time, 2 usage error.\n";

static const char *const cue_names[FL_CUE_COUNT] = {"ring", "message", "tick", "hangup"};

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void nap(void)
{
    struct timespec t = {0, 5 * 1000000L};
    nanosleep(&t, NULL);
}

/* Opens the audio at full volume with everything on and waits (at most 10 s) for the device.
 * Returns the audio with *st filled, or NULL after printing why there is no sound. */
static fl_audio *open_audio(fl_audio_status *st, int need_device)
{
    fl_audio_levels lv = {.sounds = 1, .voice = 1, .self = 1, .volume = 100};
    fl_audio *a = fl_audio_open(&lv);
    if (!a) {
        fprintf(stderr, "frontline sound: out of memory\n");
        return NULL;
    }
    double until = now_s() + 10;
    fl_audio_status_get(a, st);
    while (st->state == FL_AUDIO_STARTING && now_s() < until) {
        nap();
        fl_audio_status_get(a, st);
    }
    if (st->state == FL_AUDIO_STARTING) {
        fprintf(stderr, "frontline sound: the sound device did not open within 10 s\n");
        fl_audio_close(a);
        return NULL;
    }
    if (st->state == FL_AUDIO_NO_DEVICE || (need_device && st->state == FL_AUDIO_NULL)) {
        fprintf(stderr, "frontline sound: no sound: %s\n", st->why);
        fl_audio_close(a);
        return NULL;
    }
    /* A line plays once it is all synthesised: here a listener wants it whole, not at once
     * (and a device faster than real time would otherwise play the synthesis' pauses). */
    fl_pa_prebuffer(a, -1);
    return a;
}

/* Waits while text id (0: none) is spoken and anything sounds, at most `seconds`. 0, or -1
 * after a message. */
static int wait_quiet(fl_audio *a, uint32_t id, double seconds)
{
    double until = now_s() + seconds;
    while ((fl_audio_speaking(a, id) || fl_audio_busy(a)) && now_s() < until)
        nap();
    if (fl_audio_speaking(a, id) || fl_audio_busy(a)) {
        fprintf(stderr, "frontline sound: the sound device did not finish within %.0f s\n",
                seconds);
        return -1;
    }
    return 0;
}

static int play_cue(fl_audio *a, fl_cue c)
{
    fl_audio_cue(a, c);
    return wait_quiet(a, 0, 10);
}

/* Speaks s and waits for it (10 s plus a generous 0.2 s a character). 0, -1 not spoken or not
 * finished (after a message). */
static int speak(fl_audio *a, const fl_say *s)
{
    uint32_t id = fl_audio_say(a, s);
    fl_audio_status st;
    fl_audio_status_get(a, &st);
    if (!id && st.state != FL_AUDIO_NULL) {
        fprintf(stderr, "frontline sound: the voice could not speak%s%s\n", *st.why ? ": " : "",
                st.why);
        return -1;
    }
    return wait_quiet(a, id, 10 + 0.2 * (double)strlen(s->text));
}

static int check(void)
{
    fl_audio_status st;
    fl_audio *a = open_audio(&st, 1);
    if (!a)
        return 1;
    fl_pa_stats ps;
    fl_pa_stats_get(a, &ps);
    printf("sound: ready: %s, %d Hz, %d channel%s, ", st.device, st.rate, ps.channels,
           ps.channels == 1 ? "" : "s");
    if (st.has_input)
        printf("microphone at %d Hz\n", fl_pa_input_rate(a));
    else
        printf("no microphone\n");
    fflush(stdout);
    int rc = 0;
    for (int c = 0; c < FL_CUE_COUNT && !rc; c++)
        rc = play_cue(a, (fl_cue)c);
    const fl_say en = {FL_SAY_CUSTOMER, "This is Frontline. Your customers sound like this.", "en",
                       FL_EMO_NEUTRAL, NULL};
    const fl_say ru = {FL_SAY_CUSTOMER, "Это Фронтлайн. Так звучат ваши клиенты.", "ru",
                       FL_EMO_NEUTRAL, NULL};
    if (!rc)
        rc = speak(a, &en);
    if (!rc)
        rc = speak(a, &ru);
    if (!rc)
        printf("played: ring, message, tick, hangup, an English and a Russian sentence\n");
    fl_audio_close(a);
    return rc ? 1 : 0;
}

static int cue(int argc, char **argv)
{
    if (argc != 2)
        return fl_usage_error("sound",
                              argc < 2 ? "name the cue: ring, message, tick or hangup"
                                       : "one cue at a time: '%s'",
                              argc < 2 ? "" : argv[2]);
    int c = 0;
    while (c < FL_CUE_COUNT && strcmp(argv[1], cue_names[c]))
        c++;
    if (c == FL_CUE_COUNT)
        return fl_usage_error("sound", "unknown cue '%s' (use ring, message, tick or hangup)",
                              argv[1]);
    fl_audio_status st;
    fl_audio *a = open_audio(&st, 0);
    if (!a)
        return 1;
    int rc = play_cue(a, (fl_cue)c);
    fl_audio_close(a);
    return rc ? 1 : 0;
}

/* Writes 16-bit mono PCM as a WAV file. 0, or -1. */
static int write_wav(const char *path, const int16_t *pcm, size_t n, int rate)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    uint32_t data = (uint32_t)(n * 2), riff = 36 + data, fmt = 16, r = (uint32_t)rate, bps = r * 2;
    uint16_t pcm_tag = 1, mono = 1, align = 2, bits = 16;
    int ok = fwrite("RIFF", 1, 4, f) == 4 && fwrite(&riff, 4, 1, f) == 1 &&
             fwrite("WAVEfmt ", 1, 8, f) == 8 && fwrite(&fmt, 4, 1, f) == 1 &&
             fwrite(&pcm_tag, 2, 1, f) == 1 && fwrite(&mono, 2, 1, f) == 1 &&
             fwrite(&r, 4, 1, f) == 1 && fwrite(&bps, 4, 1, f) == 1 &&
             fwrite(&align, 2, 1, f) == 1 && fwrite(&bits, 2, 1, f) == 1 &&
             fwrite("data", 1, 4, f) == 4 && fwrite(&data, 4, 1, f) == 1 &&
             fwrite(pcm, 2, n, f) == n; /* little-endian machines only, like the rest */
    return fclose(f) == 0 && ok ? 0 : -1;
}

static int say(int argc, char **argv)
{
    fl_say s = {FL_SAY_CUSTOMER, NULL, "en", FL_EMO_NEUTRAL, NULL};
    const char *wav = NULL;
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
        const char *o = argv[i];
        if (!strcmp(o, "--")) {
            i++;
            break;
        }
        if (strcmp(o, "--lang") && strcmp(o, "--emotion") && strcmp(o, "--voice") &&
            strcmp(o, "--wav"))
            return fl_usage_error("sound", "unknown option '%s'", o);
        if (i + 1 >= argc)
            return fl_usage_error("sound", "%s needs a value", o);
        const char *v = argv[++i];
        if (!strcmp(o, "--lang")) {
            if (strcmp(v, "en") && strcmp(v, "ru"))
                return fl_usage_error("sound", "unknown language '%s' (use en or ru)", v);
            s.lang = v;
        } else if (!strcmp(o, "--emotion")) {
            int e = 0;
            while (e < FL_EMO_COUNT && strcmp(v, fl_emotion_names[e]))
                e++;
            if (e == FL_EMO_COUNT)
                return fl_usage_error("sound", "unknown emotion '%s' (use calm, angry, furious...)",
                                      v);
            s.emotion = e;
        } else if (!strcmp(o, "--voice")) {
            s.voice = v;
        } else {
            wav = v;
        }
    }
    if (i >= argc)
        return fl_usage_error("sound", "say what? give the TEXT to speak");
    size_t len = 0;
    for (int k = i; k < argc; k++)
        len += strlen(argv[k]) + 1;
    char *text = malloc(len + 1);
    if (!text) {
        fprintf(stderr, "frontline sound: out of memory\n");
        return 1;
    }
    text[0] = 0;
    for (int k = i; k < argc; k++) {
        strcat(text, argv[k]);
        if (k + 1 < argc)
            strcat(text, " ");
    }
    s.text = text;
    int rc = 0;
    if (wav) {
        int16_t *pcm = NULL;
        size_t n = 0;
        int rate = 0;
        const char *err = NULL;
        if (fl_speech_synth(&s, &pcm, &n, &rate, &err) != 0) {
            fprintf(stderr, "frontline sound: cannot speak: %s\n", err ? err : "espeak-ng failed");
            rc = 1;
        } else if (write_wav(wav, pcm, n, rate) != 0) {
            fprintf(stderr, "frontline sound: cannot write '%s'\n", wav);
            rc = 1;
        }
        free(pcm);
    } else {
        fl_audio_status st;
        fl_audio *a = open_audio(&st, 0);
        rc = !a || speak(a, &s) != 0;
        fl_audio_close(a);
    }
    free(text);
    return rc;
}

/* A number as JSON: finite, or -120 (silence). */
static double fin(double x)
{
    return isfinite(x) ? x : -120.0;
}

static const struct {
    uint32_t flag;
    const char *name, *advice;
} judged[] = {
    {FL_VOICE_SILENT, "silent",
     "Nothing was heard: check that the microphone is on and speak towards it."},
    {FL_VOICE_LOUD, "loud",
     "You are shouting: speak at an ordinary level; the headset carries your voice."},
    {FL_VOICE_FAST, "fast",
     "You are rushing: slow down and pause between sentences; a calm pace is 3-5 syllables a "
     "second."},
};

static void print_figures(const fl_voice_figures *f, uint32_t flags, int json)
{
    size_t nj = sizeof(judged) / sizeof(*judged);
    if (json) {
        printf("{\"rms_dbfs\": %.2f, \"peak_dbfs\": %.2f, \"syllables_per_s\": %.2f, "
               "\"syllables\": %u, \"speech_s\": %.3f, \"pause_s\": %.3f, \"pauses\": %u, "
               "\"flags\": [",
               fin(f->rms_dbfs), fin(f->peak_dbfs), fin(f->syllables_per_s), f->syllables,
               fin(f->speech_s), fin(f->pause_s), f->pauses);
        int first = 1;
        for (size_t k = 0; k < nj; k++) {
            if (flags & judged[k].flag) {
                printf("%s\"%s\"", first ? "" : ", ", judged[k].name);
                first = 0;
            }
        }
        printf("]}\n");
        return;
    }
    printf("loudness  %.1f dBFS while speaking (RMS), peak %.1f dBFS\n", fin(f->rms_dbfs),
           fin(f->peak_dbfs));
    printf("pace      %.1f syllables a second (%u syllables in %.1f s)\n", fin(f->syllables_per_s),
           f->syllables, fin(f->speech_s));
    printf("pauses    %u (%.1f s in all)\n", f->pauses, fin(f->pause_s));
    if (!flags)
        printf("verdict   calm and clear\n");
    for (size_t k = 0; k < nj; k++)
        if (flags & judged[k].flag)
            printf("%-9s %s\n", judged[k].name, judged[k].advice);
}

static int meter(int argc, char **argv)
{
    double seconds = 5;
    int json = 0;
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        if (strcmp(o, "--seconds") && strcmp(o, "--format"))
            return fl_usage_error("sound", "unknown argument '%s' for meter", o);
        if (i + 1 >= argc)
            return fl_usage_error("sound", "%s needs a value", o);
        const char *v = argv[++i];
        if (!strcmp(o, "--seconds")) {
            char *end;
            seconds = strtod(v, &end);
            if (*end || end == v || !(seconds >= 0.5 && seconds <= 60))
                return fl_usage_error("sound", "--seconds takes 0.5 to 60, not '%s'", v);
        } else if (!strcmp(v, "json") || !strcmp(v, "text")) {
            json = !strcmp(v, "json");
        } else {
            return fl_usage_error("sound", "unknown format '%s' (use text or json)", v);
        }
    }
    fl_audio_status st;
    fl_audio *a = open_audio(&st, 0);
    if (!a)
        return 1;
    int rc = 1;
    fl_voice_figures f;
    fl_pa_meter_limit(a, seconds);
    if (fl_audio_meter_start(a) != 0) {
        fprintf(stderr, "frontline sound: no microphone was found\n");
        goto out;
    }
    if (isatty(STDERR_FILENO))
        fprintf(stderr, "Listening for %.1f s: read a reply aloud.\n", seconds);
    if (st.state == FL_AUDIO_READY) {
        /* counted in samples: a device faster than real time finishes sooner, a stuck one times
         * out */
        double until = now_s() + seconds + 10;
        while (fl_pa_meter_seconds(a) < seconds - 1e-9 && now_s() < until)
            nap();
        if (fl_pa_meter_seconds(a) < seconds - 1e-9) {
            fprintf(stderr, "frontline sound: the microphone gave %.1f s of %.1f s in time\n",
                    fl_pa_meter_seconds(a), seconds);
            fl_audio_meter_stop(a, &f);
            goto out;
        }
    }
    if (fl_audio_meter_stop(a, &f) != 0) {
        fprintf(stderr, "frontline sound: the microphone could not be read\n");
        goto out;
    }
    print_figures(&f, fl_voice_judge(&f), json);
    rc = 0;
out:
    fl_audio_close(a);
    return rc;
}

int fl_cmd_sound(int argc, char **argv)
{
    if (argc < 2)
        return fl_usage_error("sound", "name what to do: check, cue, say or meter");
    const char *what = argv[1];
    if (!strcmp(what, "--help") || !strcmp(what, "-h")) {
        fputs(help, stdout);
        return 0;
    }
    if (!strcmp(what, "check")) {
        if (argc > 2)
            return fl_usage_error("sound", "check takes no arguments: '%s'", argv[2]);
        return check();
    }
    if (!strcmp(what, "cue"))
        return cue(argc - 1, argv + 1);
    if (!strcmp(what, "say"))
        return say(argc - 1, argv + 1);
    if (!strcmp(what, "meter"))
        return meter(argc - 1, argv + 1);
    return fl_usage_error("sound", "unknown subcommand '%s' (use check, cue, say or meter)", what);
}
