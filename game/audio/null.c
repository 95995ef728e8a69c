/*
 * null.c - the silent back end (audio.h): plays nothing, and when FRONTLINE_AUDIO_LOG names a
 * file, appends one line per operation to it, flushed at once so a test can read it while the
 * program runs:
 *   say<TAB>customer|interface<TAB>LANG<TAB>EMOTION<TAB>VOICE or -<TAB>TEXT
 *   cue<TAB>ring|message|tick|hangup
 *   ambience<TAB>0.40
 *   stop
 *   levels<TAB>sounds=1 voice=1 self=0 volume=80
 *   meter<TAB>start|stop
 * In TEXT a line break is written \n and a tab \t. It keeps to the levels as the real back end
 * does: a customer line with the voice off, an interface text with self-voicing off and a cue
 * with sounds off are neither logged nor "spoken" (say returns 0).
 *
 * Two test hooks stand in for what a real device would do (docs/audio.md):
 *   - FRONTLINE_AUDIO_SPEAK_MS=N: each text "speaks" for N ms of wall time (customer lines one
 *     after another, a new interface text cuts the one speaking, stop ends all), so the
 *     desktop's tests can see the reply clock wait for speech;
 *   - FRONTLINE_METER_FIGURES="rms,peak,rate,speech,pauses[,pause_s]": the microphone "heard"
 *     these figures (dBFS, dBFS, syllables/s, s, count, s): meter_start succeeds and meter_stop
 *     returns them, so the Voice panel can be tested without a microphone.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audio.h"
#include "scenario.h"

#define TEXTS 64 /* texts whose speaking time is remembered */

typedef struct {
    fl_audio base;
    fl_audio_levels lv;
    FILE *log;
    long speak_ms; /* 0: texts end at once */
    uint32_t next_id;
    struct {
        uint32_t id;
        double until; /* ms on the monotonic clock */
    } texts[TEXTS];
    uint32_t iface;       /* the interface text that may still be speaking */
    double customer_end;  /* when the last queued customer line ends */
    int has_figures;      /* FRONTLINE_METER_FIGURES was given and parsed */
    fl_voice_figures fig; /* what it said */
    int metering;
} null_audio;

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void logf_line(null_audio *n, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void logf_line(null_audio *n, const char *fmt, ...)
{
    if (!n->log)
        return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(n->log, fmt, ap);
    va_end(ap);
    fflush(n->log);
}

/* Parses FRONTLINE_METER_FIGURES; 0, or -1 when it is not five or six numbers. */
static int parse_figures(const char *s, fl_voice_figures *f)
{
    float v[6] = {0};
    int used = 0,
        n = sscanf(s, "%f,%f,%f,%f,%f%n,%f", &v[0], &v[1], &v[2], &v[3], &v[4], &used, &v[5]);
    if (n < 5 || v[4] < 0 || v[3] < 0)
        return -1;
    memset(f, 0, sizeof(*f));
    f->rms_dbfs = v[0];
    f->peak_dbfs = v[1];
    f->syllables_per_s = v[2];
    f->speech_s = v[3];
    f->pauses = (uint32_t)v[4];
    f->syllables = (uint32_t)(v[2] * v[3] + 0.5f);
    /* without pause_s, each pause lasted the shortest a pause can */
    f->pause_s = n == 6 ? v[5] : (float)f->pauses * (float)FL_VOICE_PAUSE_MS / 1000.0f;
    (void)used;
    return 0;
}

static int n_open(fl_audio **out, const fl_audio_levels *levels)
{
    null_audio *n = calloc(1, sizeof(*n));
    if (!n)
        return -1;
    n->base.ops = &fl_audio_null;
    n->lv = *levels;
    const char *path = getenv("FRONTLINE_AUDIO_LOG");
    if (path && *path)
        n->log = fopen(path, "a"); /* a log that cannot be opened only loses the log */
    const char *ms = getenv("FRONTLINE_AUDIO_SPEAK_MS");
    if (ms && *ms)
        n->speak_ms = strtol(ms, NULL, 10) > 0 ? strtol(ms, NULL, 10) : 0;
    const char *fig = getenv("FRONTLINE_METER_FIGURES");
    n->has_figures = fig && *fig && parse_figures(fig, &n->fig) == 0;
    *out = &n->base;
    return 0;
}

static void n_status(fl_audio *a, fl_audio_status *out)
{
    null_audio *n = (null_audio *)a;
    out->state = FL_AUDIO_NULL;
    out->has_input = n->has_figures;
    snprintf(out->why, sizeof(out->why), "sound is off (FRONTLINE_AUDIO=null)");
}

static void n_set_levels(fl_audio *a, const fl_audio_levels *l)
{
    null_audio *n = (null_audio *)a;
    n->lv = *l;
    logf_line(n, "levels\tsounds=%d voice=%d self=%d volume=%d\n", l->sounds, l->voice, l->self,
              l->volume);
}

static void log_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '\n')
            fputs("\\n", f);
        else if (*s == '\t')
            fputs("\\t", f);
        else if (*s != '\r')
            fputc(*s, f);
    }
}

static uint32_t n_say(fl_audio *a, const fl_say *s)
{
    null_audio *n = (null_audio *)a;
    int customer = s->kind == FL_SAY_CUSTOMER;
    if (customer ? !n->lv.voice : !n->lv.self)
        return 0;
    if (n->log) {
        fprintf(n->log, "say\t%s\t%s\t%s\t%s\t", customer ? "customer" : "interface",
                s->lang && *s->lang ? s->lang : "en",
                fl_emotion_name(s->emotion >= 0 ? (fl_emotion)s->emotion : FL_EMO_NEUTRAL),
                s->voice && *s->voice ? s->voice : "-");
        log_text(n->log, s->text);
        fputc('\n', n->log);
        fflush(n->log);
    }
    uint32_t id = ++n->next_id;
    if (!id) /* wrapped: 0 means "not spoken" */
        id = ++n->next_id;
    if (n->speak_ms) {
        double now = now_ms(), start = now;
        if (customer) {
            start = n->customer_end > now ? n->customer_end : now;
            n->customer_end = start + (double)n->speak_ms;
        } else {
            if (n->iface)
                n->texts[n->iface % TEXTS].until = now; /* cut */
            n->iface = id;
        }
        n->texts[id % TEXTS].id = id;
        n->texts[id % TEXTS].until = start + (double)n->speak_ms;
    }
    return id;
}

static int n_speaking(fl_audio *a, uint32_t id)
{
    null_audio *n = (null_audio *)a;
    return n->speak_ms && n->texts[id % TEXTS].id == id && now_ms() < n->texts[id % TEXTS].until;
}

static void n_stop(fl_audio *a)
{
    null_audio *n = (null_audio *)a;
    double now = now_ms();
    for (int i = 0; i < TEXTS; i++)
        if (n->texts[i].until > now)
            n->texts[i].until = now;
    n->customer_end = now;
    logf_line(n, "stop\n");
}

static void n_cue(fl_audio *a, fl_cue c)
{
    static const char *const names[FL_CUE_COUNT] = {"ring", "message", "tick", "hangup"};
    null_audio *n = (null_audio *)a;
    if (n->lv.sounds)
        logf_line(n, "cue\t%s\n", names[c]);
}

/* Logged whatever the sounds setting: a level is state, heard once sounds are on again. */
static void n_ambience(fl_audio *a, float level)
{
    logf_line((null_audio *)a, "ambience\t%.2f\n", (double)level);
}

static int n_meter_start(fl_audio *a)
{
    null_audio *n = (null_audio *)a;
    logf_line(n, "meter\tstart\n");
    if (!n->has_figures)
        return -1;
    n->metering = 1;
    return 0;
}

static float n_meter_level(fl_audio *a)
{
    null_audio *n = (null_audio *)a;
    return n->metering ? n->fig.rms_dbfs : -120.0f;
}

static int n_meter_stop(fl_audio *a, fl_voice_figures *out)
{
    null_audio *n = (null_audio *)a;
    logf_line(n, "meter\tstop\n");
    if (!n->metering)
        return -1;
    n->metering = 0;
    *out = n->fig;
    return 0;
}

static int n_busy(fl_audio *a)
{
    null_audio *n = (null_audio *)a;
    double now = now_ms();
    for (int i = 0; i < TEXTS; i++)
        if (n->texts[i].id && now < n->texts[i].until)
            return 1;
    return 0;
}

static void n_close(fl_audio *a)
{
    null_audio *n = (null_audio *)a;
    if (n->log)
        fclose(n->log);
    free(n);
}

const fl_audio_ops fl_audio_null = {
    .name = "null",
    .open = n_open,
    .status = n_status,
    .set_levels = n_set_levels,
    .say = n_say,
    .speaking = n_speaking,
    .stop_speech = n_stop,
    .cue = n_cue,
    .ambience = n_ambience,
    .meter_start = n_meter_start,
    .meter_level = n_meter_level,
    .meter_stop = n_meter_stop,
    .close = n_close,
    .busy = n_busy,
};
