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
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "audio.h"
#include "catalogue.h"
#include "commands.h"
#include "opts.h"
#include "format.h"
#include "pa.h"
#include "scenario.h"
#include "speech.h"
#include "voice.h"

/* The command's words in the user's language (commands.h); the JSON stays the same in both. */
static const char *U(fl_word_id id)
{
    return fl_word(id, fl_user_lang());
}

/* Prints a line: the catalogue's format `id` (an fl_word_id) with its arguments, in the user's
 * language, with decimal commas in Russian (the figures are printed with %.1f). */
static void say_line(FILE *out, int id, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, id);
    vsnprintf(buf, sizeof(buf), U((fl_word_id)id), ap);
    va_end(ap);
    fl_decimal_comma(buf, fl_user_lang());
    fprintf(out, "%s\n", buf);
}

/* "frontline sound: " and the message: the catalogue's format `id` with its arguments. */
static void complain(int id, ...)
{
    va_list ap;
    fputs("frontline sound: ", stderr);
    va_start(ap, id);
    vfprintf(stderr, U((fl_word_id)id), ap);
    va_end(ap);
    fputc('\n', stderr);
}

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
        fprintf(stderr, U(FL_W_CMD_OOM), "sound");
        fputc('\n', stderr);
        return NULL;
    }
    double until = now_s() + 10;
    fl_audio_status_get(a, st);
    while (st->state == FL_AUDIO_STARTING && now_s() < until) {
        nap();
        fl_audio_status_get(a, st);
    }
    if (st->state == FL_AUDIO_STARTING) {
        complain(FL_W_CMD_SND_NOT_OPEN, 10);
        fl_audio_close(a);
        return NULL;
    }
    if (st->state == FL_AUDIO_NO_DEVICE || (need_device && st->state == FL_AUDIO_NULL)) {
        complain(FL_W_CMD_SND_NO_SOUND, st->why);
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
        complain(FL_W_CMD_SND_NOT_FINISHED, seconds);
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
        if (*st.why)
            complain(FL_W_CMD_SND_VOICE_FAILED_WHY, st.why);
        else
            complain(FL_W_CMD_SND_VOICE_FAILED);
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
    char form[64];
    printf(U(FL_W_CMD_SND_READY), st.device, st.rate, ps.channels,
           fl_plural(form, sizeof(form), fl_user_lang(), ps.channels, U(FL_W_CMD_PL_CHANNELS)));
    if (st.has_input)
        printf(U(FL_W_CMD_SND_MICROPHONE), fl_pa_input_rate(a));
    else
        fputs(U(FL_W_CMD_SND_NO_MICROPHONE), stdout);
    putchar('\n');
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
        printf("%s\n", U(FL_W_CMD_SND_PLAYED));
    fl_audio_close(a);
    return rc ? 1 : 0;
}

static int cue(int argc, char **argv)
{
    if (argc != 2)
        return argc < 2 ? fl_usage_error("sound", "%s", U(FL_W_CMD_SND_NAME_CUE))
                        : fl_usage_error("sound", U(FL_W_CMD_SND_ONE_CUE), argv[2]);
    int c = 0;
    while (c < FL_CUE_COUNT && strcmp(argv[1], cue_names[c]))
        c++;
    if (c == FL_CUE_COUNT)
        return fl_usage_error("sound", U(FL_W_CMD_SND_UNKNOWN_CUE), argv[1]);
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

/* "neutral|calm|...": the emotions --emotion takes, in fl_emotion_names' order. */
static const char *emotion_choices(void)
{
    static char buf[256];
    if (!buf[0])
        for (int e = 0; e < FL_EMO_COUNT; e++)
            snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", e ? "|" : "",
                     fl_emotion_names[e]);
    return buf;
}

static int say_words(const fl_say *say_as, const char *wav, int argc, char **argv);

static int say(int argc, char **argv)
{
    fl_say s = {FL_SAY_CUSTOMER, NULL, "en", FL_EMO_NEUTRAL, NULL};
    const char *wav = NULL;
    int lang = 0, emotion = FL_EMO_NEUTRAL;
    const fl_option opts[] = {
        FL_OPTION_CHOICE("--lang", FL_W_OPT_RPT_MV_LANG, FL_W_OPT_SND_LANG, &lang, "en|ru"),
        FL_OPTION_CHOICE("--emotion", FL_W_OPT_V_NAME, FL_W_OPT_SND_EMOTION, &emotion,
                         emotion_choices()),
        FL_OPTION_STRING("--voice", FL_W_OPT_SND_V_VOICE, FL_W_OPT_SND_VOICE, &s.voice),
        FL_OPTION_STRING("--wav", FL_W_OPT_V_FILE, FL_W_OPT_SND_WAV, &wav),
        FL_OPTION_END,
    };
    const fl_command_spec spec = {.cmd = "sound",
                                  .opts = opts,
                                  .usage = FL_W_OPT_SND_SAY_USAGE,
                                  .more = FL_W_OPT_SND_MORE,
                                  .column = 20,
                                  .max_operands = -1};
    char **words = malloc((size_t)argc * sizeof(*words));
    int n_words = 0;
    if (!words) {
        fprintf(stderr, U(FL_W_CMD_OOM), "sound");
        fputc('\n', stderr);
        return 1;
    }
    int rc = fl_opts_parse(&spec, argc, argv, words, &n_words);
    if (rc) {
        free(words);
        return rc == 1 ? 0 : rc;
    }
    s.lang = lang ? "ru" : "en";
    s.emotion = emotion;
    rc = say_words(&s, wav, n_words, words);
    free(words);
    return rc;
}

/* Speaks (or writes to wav) the words joined by spaces. */
static int say_words(const fl_say *say_as, const char *wav, int argc, char **argv)
{
    fl_say s = *say_as;
    int i = 0;
    if (i >= argc)
        return fl_usage_error("sound", "%s", U(FL_W_CMD_SND_SAY_WHAT));
    size_t len = 0;
    for (int k = i; k < argc; k++)
        len += strlen(argv[k]) + 1;
    char *text = malloc(len + 1);
    if (!text) {
        fprintf(stderr, U(FL_W_CMD_OOM), "sound");
        fputc('\n', stderr);
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
            complain(FL_W_CMD_SND_CANNOT_SPEAK, err ? err : "espeak-ng failed");
            rc = 1;
        } else if (write_wav(wav, pcm, n, rate) != 0) {
            complain(FL_W_CMD_SND_CANNOT_WRITE, wav);
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

/* The flags, with the line of advice the text output gives for each. */
static const struct {
    uint32_t flag;
    const char *name;
    fl_word_id advice;
} judged[] = {
    {FL_VOICE_SILENT, "silent", FL_W_CMD_SND_METER_SILENT},
    {FL_VOICE_LOUD, "loud", FL_W_CMD_SND_METER_LOUD},
    {FL_VOICE_FAST, "fast", FL_W_CMD_SND_METER_FAST},
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
    char form[64];
    say_line(stdout, FL_W_CMD_SND_METER_LOUDNESS, fin(f->rms_dbfs), fin(f->peak_dbfs));
    say_line(stdout, FL_W_CMD_SND_METER_PACE, fin(f->syllables_per_s), f->syllables,
             fl_plural(form, sizeof(form), fl_user_lang(), f->syllables, U(FL_W_CMD_PL_SYLLABLES)),
             fin(f->speech_s));
    say_line(stdout, FL_W_CMD_SND_METER_PAUSES, f->pauses, fin(f->pause_s));
    if (!flags)
        say_line(stdout, FL_W_CMD_SND_METER_CALM);
    for (size_t k = 0; k < nj; k++)
        if (flags & judged[k].flag)
            say_line(stdout, judged[k].advice);
}

static int meter(int argc, char **argv)
{
    double seconds = 5;
    int json = 0;
    const fl_option opts[] = {
        FL_OPTION_NUMBER("--seconds", FL_W_OPT_V_N, FL_W_OPT_SND_SECONDS, &seconds, 0.5, 60),
        FL_OPTION_CHOICE("--format", FL_W_OPTM_V_TEXT_JSON, FL_W_OPT_SND_FORMAT, &json,
                         "text|json"),
        FL_OPTION_END,
    };
    const fl_command_spec spec = {.cmd = "sound",
                                  .opts = opts,
                                  .usage = FL_W_OPT_SND_METER_USAGE,
                                  .more = FL_W_OPT_SND_MORE,
                                  .column = 20};
    int n_operands;
    char *operands[1];
    int prc = fl_opts_parse(&spec, argc, argv, operands, &n_operands);
    if (prc)
        return prc == 1 ? 0 : prc;
    fl_audio_status st;
    fl_audio *a = open_audio(&st, 0);
    if (!a)
        return 1;
    int rc = 1;
    fl_voice_figures f;
    fl_pa_meter_limit(a, seconds);
    if (fl_audio_meter_start(a) != 0) {
        complain(FL_W_CMD_SND_NO_MIC_FOUND);
        goto out;
    }
    if (isatty(STDERR_FILENO))
        say_line(stderr, FL_W_CMD_SND_LISTENING, seconds);
    if (st.state == FL_AUDIO_READY) {
        /* counted in samples: a device faster than real time finishes sooner, a stuck one times
         * out */
        double until = now_s() + seconds + 10;
        while (fl_pa_meter_seconds(a) < seconds - 1e-9 && now_s() < until)
            nap();
        if (fl_pa_meter_seconds(a) < seconds - 1e-9) {
            complain(FL_W_CMD_SND_MIC_SHORT, fl_pa_meter_seconds(a), seconds);
            fl_audio_meter_stop(a, &f);
            goto out;
        }
    }
    if (fl_audio_meter_stop(a, &f) != 0) {
        complain(FL_W_CMD_SND_MIC_UNREADABLE);
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
        return fl_usage_error("sound", "%s", U(FL_W_CMD_SND_WHAT));
    const char *what = argv[1];
    if (!strcmp(what, "--help") || !strcmp(what, "-h")) {
        fputs(U(FL_W_CMD_SOUND_HELP), stdout);
        return 0;
    }
    if (!strcmp(what, "check")) {
        if (argc > 2)
            return fl_usage_error("sound", U(FL_W_CMD_SND_CHECK_ARGS), argv[2]);
        return check();
    }
    if (!strcmp(what, "cue"))
        return cue(argc - 1, argv + 1);
    if (!strcmp(what, "say"))
        return say(argc - 1, argv + 1);
    if (!strcmp(what, "meter"))
        return meter(argc - 1, argv + 1);
    return fl_usage_error("sound", U(FL_W_CMD_SND_UNKNOWN_SUB), what);
}
