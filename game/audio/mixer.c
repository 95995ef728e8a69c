/*
 * mixer.c - the output mixer (mixer.h): speech clips, cues synthesised in code, the office
 * ambience, the levels. Called by the audio callback, so fl_mixer_render and everything it calls
 * only compute: no allocation, lock, log, wait or system call. docs/audio.md describes the cues.
 */
#include "mixer.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "spsc.h"

#define PI    3.14159265358979323846
#define BLOCK 256 /* frames mixed at a time in the scratch buffer */

/* ---- cue designs ------------------------------------------------------------------------- */

/* One tone of a cue: up to two partials, a raised-cosine edge at both ends (so no click) and,
 * for struck sounds, an exponential decay from the start. */
typedef struct {
    double start, dur; /* seconds from the cue's start */
    double f1, a1;     /* the main partial: Hz and peak amplitude */
    double f2, a2;     /* a second partial (0 amplitude: none) */
    double edge;       /* attack and release time, seconds */
    double decay;      /* time constant of the decay, seconds (0: held) */
} segment;

typedef struct {
    double seconds;
    const segment *seg;
    int n;
} design;

/* The incoming call: 425 Hz + 480 Hz (the European ringing frequency with the North American
 * partner, which beats at 55 Hz like an old bell ringer), two bursts of 0.4 s 0.2 s apart. */
static const segment ring_seg[] = {
    {0.0, 0.4, 425, 0.25, 480, 0.25, 0.010, 0},
    {0.6, 0.4, 425, 0.25, 480, 0.25, 0.010, 0},
};
/* A new message: two struck notes a fifth apart, A5 then E6, with a soft octave partial. */
static const segment message_seg[] = {
    {0.00, 0.10, 880, 0.35, 1760, 0.07, 0.003, 0.045},
    {0.10, 0.16, 1320, 0.35, 2640, 0.07, 0.003, 0.060},
};
/* A tick: a 30 ms wood-block knock, a 1400 Hz partial with an inharmonic one, decaying fast. */
static const segment tick_seg[] = {
    {0.0, 0.03, 1400, 0.45, 2750, 0.12, 0.0007, 0.007},
};
/* The customer hung up: three 0.25 s beeps 0.15 s apart, falling 480, 425, 380 Hz. */
static const segment hangup_seg[] = {
    {0.0, 0.25, 480, 0.35, 0, 0, 0.010, 0},
    {0.4, 0.25, 425, 0.35, 0, 0, 0.010, 0},
    {0.8, 0.25, 380, 0.35, 0, 0, 0.010, 0},
};

static const design designs[FL_CUE_COUNT] = {
    [FL_CUE_RING] = {1.0, ring_seg, 2},
    [FL_CUE_MESSAGE] = {0.26, message_seg, 2},
    [FL_CUE_TICK] = {0.03, tick_seg, 1},
    [FL_CUE_HANGUP] = {1.05, hangup_seg, 3},
};

double fl_cue_seconds(fl_cue c)
{
    return c >= 0 && c < FL_CUE_COUNT ? designs[c].seconds : 0;
}

double fl_cue_hz(fl_cue c)
{
    return c >= 0 && c < FL_CUE_COUNT ? designs[c].seg[0].f1 : 0;
}

/* Cubic: a volume step sounds about as big anywhere on the scale (50 is -18 dB, 10 is -60 dB),
 * the usual approximation of loudness for a linear slider. */
float fl_volume_gain(int volume)
{
    if (volume <= 0)
        return 0;
    if (volume >= 100)
        return 1;
    float v = (float)volume / 100.0f;
    return v * v * v;
}

/* ---- state ------------------------------------------------------------------------------- */

enum { CMD_SAY, CMD_CUE, CMD_AMBIENCE, CMD_STOP, CMD_LEVELS, CMD_PREBUFFER };

typedef struct {
    int type;
    fl_say_kind kind;
    uint32_t id;
    fl_clip *clip;
    fl_cue cue;
    float level;
    fl_audio_levels levels;
} command;

/* A text being played: where in its chunks it is and the two samples the resampler is between.
 */
typedef struct {
    fl_clip *clip; /* NULL: silent */
    uint32_t id;
    const fl_clip_chunk *chunk; /* the chunk being read (NULL: not yet the first) */
    uint32_t at;                /* next sample of chunk to read */
    float s0, s1;               /* the samples around the read position */
    double frac;                /* position between s0 and s1, 0..1 (>= 1: read more) */
    double step;                /* clip samples per output frame */
    int heard;                  /* its first non-zero sample was rendered */
    int waiting;                /* for the prebuffer to fill (see fl_mixer_prebuffer) */
    const fl_clip_chunk *scan;  /* the last chunk counted while waiting */
    uint64_t buffered;          /* samples published up to scan */
} speech;

typedef struct {
    int active;
    fl_cue cue;
    uint64_t t;     /* frames played */
    uint64_t total; /* frames it lasts */
    uint64_t born;  /* start order, to replace the oldest */
    float gain;     /* 1 for a cue, quieter for the ambience's distant rings */
    int ambient;    /* part of the ambience */
} cue_voice;

/* A murmuring voice in the ambience: band-passed noise shaped by a syllable-like envelope. */
typedef struct {
    float f;           /* state-variable filter coefficient for its centre frequency */
    float low, band;   /* filter state */
    float env, target; /* envelope and where it is heading */
    uint32_t left;     /* frames until a new target */
} talker;

struct fl_mixer {
    int rate, channels;
    fl_spsc cmds;

    speech customer;
    struct {
        fl_clip *clip;
        uint32_t id;
    } queue[FL_MIXER_QUEUE];
    int q_head, q_n;
    speech iface;

    cue_voice cues[FL_MIXER_CUES];
    uint64_t born;

    /* ambience */
    float amb_target, amb_level, amb_step;
    uint32_t rng;
    float room1, room2, room_a;
    talker talkers[3];
    uint64_t next_ring; /* frames until a distant ring (when busy enough) */

    /* levels: the settings and the gains gliding towards them */
    fl_audio_levels lv;
    float g_master, g_sounds, g_voice, g_self;
    float prebuffer; /* seconds of a clip to wait for before it plays; < 0: all of it */

    float scratch[BLOCK];

    /* read by other threads */
    _Atomic uint32_t live[FL_MIXER_IDS]; /* the id of each text queued or playing, else 0 */
    _Atomic uint32_t first_id[FL_MIXER_IDS];
    _Atomic uint64_t first[FL_MIXER_IDS]; /* stamp of its first non-zero sample */
    atomic_int idle;
    _Atomic uint64_t idle_frames, frames, underruns;
};

static uint32_t next_random(fl_mixer *m)
{
    uint32_t x = m->rng; /* xorshift32: deterministic, no state outside the mixer */
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return m->rng = x;
}

/* Uniform in [0, 1). */
static float uniform(fl_mixer *m)
{
    return (float)(next_random(m) >> 8) / 16777216.0f;
}

fl_mixer *fl_mixer_new(int rate, int channels, const fl_audio_levels *levels)
{
    fl_mixer *m = calloc(1, sizeof(*m));
    if (!m)
        return NULL;
    if (fl_spsc_init(&m->cmds, FL_MIXER_COMMANDS, sizeof(command)) != 0) {
        free(m);
        return NULL;
    }
    m->lv = *levels;
    m->g_master = fl_volume_gain(levels->volume);
    m->g_sounds = levels->sounds ? 1.0f : 0.0f;
    m->g_voice = levels->voice ? 1.0f : 0.0f;
    m->g_self = levels->self ? 1.0f : 0.0f;
    m->rng = 0x9E3779B9u;
    fl_mixer_set_format(m, rate, channels);
    m->next_ring = (uint64_t)m->rate * 3;
    atomic_init(&m->idle, 1);
    return m;
}

void fl_mixer_set_format(fl_mixer *m, int rate, int channels)
{
    m->rate = rate > 0 ? rate : 48000;
    m->channels = channels > 0 ? channels : 1;
    m->amb_step = 1.0f / (0.5f * (float)m->rate); /* 0 to 1 in half a second */
    m->room_a = 1.0f - expf(-2.0f * (float)PI * 300.0f / (float)m->rate);
    static const float centre[3] = {240, 420, 650};
    for (int i = 0; i < 3; i++)
        m->talkers[i].f = 2.0f * sinf((float)PI * centre[i] / (float)m->rate);
}

static void release_speech(speech *v)
{
    if (v->clip)
        fl_clip_release(v->clip);
    v->clip = NULL;
}

void fl_mixer_free(fl_mixer *m)
{
    if (!m)
        return;
    command c;
    while (fl_spsc_pop(&m->cmds, &c))
        if (c.type == CMD_SAY)
            fl_clip_release(c.clip);
    release_speech(&m->customer);
    release_speech(&m->iface);
    for (int i = 0; i < m->q_n; i++)
        fl_clip_release(m->queue[(m->q_head + i) % FL_MIXER_QUEUE].clip);
    fl_spsc_free(&m->cmds);
    free(m);
}

/* ---- commands (producer side) ------------------------------------------------------------ */

static int push(fl_mixer *m, const command *c)
{
    return fl_spsc_push(&m->cmds, c) ? 0 : -1;
}

int fl_mixer_say(fl_mixer *m, fl_clip *clip, fl_say_kind kind, uint32_t id)
{
    size_t slot = id % FL_MIXER_IDS;
    atomic_store_explicit(&m->first_id[slot], id, memory_order_relaxed);
    atomic_store_explicit(&m->first[slot], 0, memory_order_relaxed);
    atomic_store_explicit(&m->live[slot], id, memory_order_release);
    command c = {.type = CMD_SAY, .kind = kind, .id = id, .clip = clip};
    if (push(m, &c) == 0)
        return 0;
    atomic_store_explicit(&m->live[slot], 0, memory_order_release);
    return -1;
}

int fl_mixer_cue(fl_mixer *m, fl_cue cue)
{
    command c = {.type = CMD_CUE, .cue = cue};
    return push(m, &c);
}

int fl_mixer_ambience(fl_mixer *m, float level)
{
    command c = {.type = CMD_AMBIENCE, .level = level < 0 ? 0 : level > 1 ? 1 : level};
    return push(m, &c);
}

int fl_mixer_stop(fl_mixer *m)
{
    /* Every text reads as stopped at once; the callback cuts them at its next render (it only
     * clears a slot that still holds the id it is cutting, so nothing newer is lost). */
    for (size_t i = 0; i < FL_MIXER_IDS; i++)
        atomic_store_explicit(&m->live[i], 0, memory_order_release);
    command c = {.type = CMD_STOP};
    return push(m, &c);
}

int fl_mixer_levels(fl_mixer *m, const fl_audio_levels *levels)
{
    command c = {.type = CMD_LEVELS, .levels = *levels};
    return push(m, &c);
}

int fl_mixer_prebuffer(fl_mixer *m, float seconds)
{
    command c = {.type = CMD_PREBUFFER, .level = seconds};
    return push(m, &c);
}

/* ---- reading the state (any thread) ------------------------------------------------------ */

int fl_mixer_speaking(const fl_mixer *m, uint32_t id)
{
    return id && atomic_load_explicit(&m->live[id % FL_MIXER_IDS], memory_order_acquire) == id;
}

uint64_t fl_mixer_first_sound(const fl_mixer *m, uint32_t id)
{
    size_t slot = id % FL_MIXER_IDS;
    if (!id || atomic_load_explicit(&m->first_id[slot], memory_order_acquire) != id)
        return 0;
    return atomic_load_explicit(&m->first[slot], memory_order_acquire);
}

int fl_mixer_idle(const fl_mixer *m)
{
    return atomic_load_explicit(&m->idle, memory_order_acquire) &&
           fl_spsc_count((fl_spsc *)&m->cmds) == 0;
}

uint64_t fl_mixer_idle_frames(const fl_mixer *m)
{
    return atomic_load_explicit(&m->idle_frames, memory_order_relaxed);
}

uint64_t fl_mixer_frames(const fl_mixer *m)
{
    return atomic_load_explicit(&m->frames, memory_order_relaxed);
}

uint64_t fl_mixer_underruns(const fl_mixer *m)
{
    return atomic_load_explicit(&m->underruns, memory_order_relaxed);
}

/* ---- speech (callback side) -------------------------------------------------------------- */

static void finished(fl_mixer *m, uint32_t id)
{
    uint32_t expect = id;
    atomic_compare_exchange_strong_explicit(&m->live[id % FL_MIXER_IDS], &expect, 0,
                                            memory_order_acq_rel, memory_order_relaxed);
}

static void speech_start(fl_mixer *m, speech *v, fl_clip *clip, uint32_t id)
{
    *v = (speech){.clip = clip, .id = id, .frac = 1.0, .waiting = m->prebuffer != 0};
    v->step = (double)(clip->rate > 0 ? clip->rate : 22050) / (double)m->rate;
}

/* Ends a text: the callback's reference goes (the cache keeps the clip alive) and its id reads
 * as finished. */
static void speech_end(fl_mixer *m, speech *v)
{
    if (!v->clip)
        return;
    fl_clip_drop_rt(v->clip);
    finished(m, v->id);
    v->clip = NULL;
}

/* 1 when v may play: no prebuffer, or enough of its clip (or all) is published. Counts the
 * chunks published since the last look, so the wait costs little per render. */
static int ready(const fl_mixer *m, speech *v)
{
    if (!v->waiting)
        return 1;
    const fl_clip_chunk *c = v->scan ? atomic_load_explicit(&v->scan->next, memory_order_acquire)
                                     : atomic_load_explicit(&v->clip->first, memory_order_acquire);
    for (; c; c = atomic_load_explicit(&c->next, memory_order_acquire)) {
        v->buffered += c->n;
        v->scan = c;
    }
    double want = (double)m->prebuffer * (v->clip->rate > 0 ? v->clip->rate : 22050);
    if (atomic_load_explicit(&v->clip->done, memory_order_acquire) ||
        (m->prebuffer > 0 && (double)v->buffered >= want))
        v->waiting = 0;
    return !v->waiting;
}

/* The next sample of v's clip: 1 read, 0 not published yet (an underrun), -1 the clip is over. */
static int fetch(speech *v, float *x)
{
    if (!v->chunk) {
        const fl_clip_chunk *c = atomic_load_explicit(&v->clip->first, memory_order_acquire);
        if (!c) {
            if (!atomic_load_explicit(&v->clip->done, memory_order_acquire))
                return 0;
            /* done is set after the last publication: look once more */
            c = atomic_load_explicit(&v->clip->first, memory_order_acquire);
            if (!c)
                return -1;
        }
        v->chunk = c;
        v->at = 0;
    }
    while (v->at >= v->chunk->n) {
        const fl_clip_chunk *next = atomic_load_explicit(&v->chunk->next, memory_order_acquire);
        if (!next) {
            if (!atomic_load_explicit(&v->clip->done, memory_order_acquire))
                return 0;
            next = atomic_load_explicit(&v->chunk->next, memory_order_acquire);
            if (!next)
                return -1;
        }
        v->chunk = next;
        v->at = 0;
    }
    *x = (float)v->chunk->s[v->at++] * (1.0f / 32768.0f);
    return 1;
}

/* Adds up to n frames of v into acc at gain g. Returns the frames rendered before v ended (n
 * while it goes on; an underrun leaves the rest of the block silent and counts as rendered). */
static uint32_t speech_render(fl_mixer *m, speech *v, float *acc, uint32_t n, float g,
                              uint64_t stamp, int *underrun)
{
    if (!ready(m, v))
        return n;
    for (uint32_t i = 0; i < n; i++) {
        while (v->frac >= 1.0) {
            float x;
            int r = fetch(v, &x);
            if (r == 0) {
                *underrun = 1;
                return n;
            }
            if (r < 0) {
                speech_end(m, v);
                return i;
            }
            v->s0 = v->s1;
            v->s1 = x;
            v->frac -= 1.0;
        }
        float y = v->s0 + (v->s1 - v->s0) * (float)v->frac;
        v->frac += v->step;
        acc[i] += y * g;
        if (!v->heard && y != 0.0f && g > 0.0f) {
            v->heard = 1;
            size_t slot = v->id % FL_MIXER_IDS;
            if (atomic_load_explicit(&m->first_id[slot], memory_order_relaxed) == v->id)
                atomic_store_explicit(&m->first[slot], stamp ? stamp : 1, memory_order_release);
        }
    }
    return n;
}

static void customer_next(fl_mixer *m)
{
    if (m->customer.clip || !m->q_n)
        return;
    speech_start(m, &m->customer, m->queue[m->q_head].clip, m->queue[m->q_head].id);
    m->q_head = (m->q_head + 1) % FL_MIXER_QUEUE;
    m->q_n--;
}

static void cut_customer(fl_mixer *m)
{
    speech_end(m, &m->customer);
    while (m->q_n) {
        fl_clip_drop_rt(m->queue[m->q_head].clip);
        finished(m, m->queue[m->q_head].id);
        m->q_head = (m->q_head + 1) % FL_MIXER_QUEUE;
        m->q_n--;
    }
}

static void say(fl_mixer *m, const command *c)
{
    if (c->kind == FL_SAY_INTERFACE) {
        speech_end(m, &m->iface);
        speech_start(m, &m->iface, c->clip, c->id);
        return;
    }
    if (m->q_n == FL_MIXER_QUEUE) { /* a ninth line waiting: it is not spoken */
        fl_clip_drop_rt(c->clip);
        finished(m, c->id);
        return;
    }
    m->queue[(m->q_head + m->q_n) % FL_MIXER_QUEUE].clip = c->clip;
    m->queue[(m->q_head + m->q_n) % FL_MIXER_QUEUE].id = c->id;
    m->q_n++;
    customer_next(m);
}

/* ---- cues -------------------------------------------------------------------------------- */

static void cue_start(fl_mixer *m, fl_cue cue, float gain, int ambient)
{
    cue_voice *v = &m->cues[0];
    for (int i = 0; i < FL_MIXER_CUES; i++) {
        if (!m->cues[i].active) {
            v = &m->cues[i];
            break;
        }
        if (m->cues[i].born < v->born)
            v = &m->cues[i];
    }
    *v = (cue_voice){.active = 1,
                     .cue = cue,
                     .total = (uint64_t)(designs[cue].seconds * m->rate + 0.5),
                     .born = ++m->born,
                     .gain = gain,
                     .ambient = ambient};
}

static double envelope(const segment *s, double t)
{
    double e = 1.0;
    if (t < s->edge)
        e = 0.5 - 0.5 * cos(PI * t / s->edge);
    if (s->dur - t < s->edge)
        e *= 0.5 - 0.5 * cos(PI * (s->dur - t) / s->edge);
    if (s->decay > 0)
        e *= exp(-t / s->decay);
    return e;
}

static float partial(double f, double t)
{
    double ph = f * t;
    ph -= floor(ph);
    return sinf((float)(2.0 * PI * ph));
}

static void cue_render(fl_mixer *m, cue_voice *v, float *acc, uint32_t n, float g)
{
    const design *d = &designs[v->cue];
    float gain = g * v->gain;
    for (int k = 0; k < d->n; k++) {
        const segment *s = &d->seg[k];
        uint64_t a = (uint64_t)(s->start * m->rate + 0.5);
        uint64_t b = (uint64_t)((s->start + s->dur) * m->rate + 0.5);
        uint64_t from = v->t > a ? v->t : a, to = v->t + n < b ? v->t + n : b;
        for (uint64_t f = from; f < to; f++) {
            double t = (double)(f - a) / m->rate;
            float y = (float)s->a1 * partial(s->f1, t);
            if (s->a2 > 0)
                y += (float)s->a2 * partial(s->f2, t);
            acc[f - v->t] += y * (float)envelope(s, t) * gain;
        }
    }
    v->t += n;
    if (v->t >= v->total)
        v->active = 0;
}

/* ---- ambience ---------------------------------------------------------------------------- */

/* A soft office: low-passed noise (air conditioning, distant traffic) at any level; from 0.35 a
 * murmur of three voices (noise band-passed at 240, 420 and 650 Hz, each switched by a random
 * syllable envelope); from 0.6 a distant phone now and then. */
static void ambience_render(fl_mixer *m, float *acc, uint32_t n, float g)
{
    if (m->amb_level == 0 && m->amb_target == 0)
        return;
    for (uint32_t i = 0; i < n; i++) {
        if (m->amb_level < m->amb_target)
            m->amb_level = fminf(m->amb_target, m->amb_level + m->amb_step);
        else if (m->amb_level > m->amb_target)
            m->amb_level = fmaxf(m->amb_target, m->amb_level - m->amb_step);
        float L = m->amb_level;
        float w = uniform(m) * 2.0f - 1.0f;
        m->room1 += m->room_a * (w - m->room1);
        m->room2 += m->room_a * (m->room1 - m->room2);
        float y = 0.25f * L * m->room2;
        float busy = L > 0.35f ? (L - 0.35f) / 0.65f : 0.0f;
        if (busy > 0) {
            float mur = 0;
            for (int k = 0; k < 3; k++) {
                talker *t = &m->talkers[k];
                if (t->left == 0) { /* a syllable (or a pause) of 80-250 ms */
                    t->target = uniform(m) < 0.3f ? 0.0f : 0.4f + 0.6f * uniform(m);
                    t->left = (uint32_t)((0.08f + 0.17f * uniform(m)) * (float)m->rate);
                }
                t->left--;
                t->env += 0.002f * (t->target - t->env);
                float high = w - t->low - 0.4f * t->band;
                t->band += t->f * high;
                t->low += t->f * t->band;
                mur += t->band * t->env;
            }
            y += 0.03f * busy * mur;
        }
        acc[i] += y * g;
    }
    if (m->amb_level > 0.6f) {
        uint64_t step = n;
        if (m->next_ring > step) {
            m->next_ring -= step;
        } else {
            cue_start(m, FL_CUE_RING, 0.06f * m->amb_level, 1);
            m->next_ring = (uint64_t)((4.0f + 8.0f * uniform(m)) * (float)m->rate);
        }
    }
}

/* ---- render ------------------------------------------------------------------------------ */

static void apply(fl_mixer *m, const command *c)
{
    switch (c->type) {
    case CMD_SAY:
        say(m, c);
        break;
    case CMD_CUE:
        if (m->lv.sounds && c->cue >= 0 && c->cue < FL_CUE_COUNT)
            cue_start(m, c->cue, 1.0f, 0);
        break;
    case CMD_AMBIENCE:
        m->amb_target = c->level;
        break;
    case CMD_STOP:
        cut_customer(m);
        speech_end(m, &m->iface);
        break;
    case CMD_PREBUFFER:
        m->prebuffer = c->level;
        break;
    case CMD_LEVELS:
        m->lv = c->levels;
        if (!m->lv.voice)
            cut_customer(m);
        if (!m->lv.self)
            speech_end(m, &m->iface);
        if (!m->lv.sounds)
            for (int i = 0; i < FL_MIXER_CUES; i++)
                m->cues[i].active = 0;
        break;
    }
}

/* Moves g towards target by the share a block of n frames takes at a 10 ms time constant; snaps
 * when close, so 0 is exactly silent. */
static float glide(float g, float target, uint32_t n, int rate)
{
    float k = 1.0f - expf(-(float)n / (0.010f * (float)rate));
    g += (target - g) * k;
    return fabsf(target - g) < 1e-4f ? target : g;
}

static int busy(const fl_mixer *m)
{
    if (m->customer.clip || m->iface.clip || m->q_n)
        return 1;
    for (int i = 0; i < FL_MIXER_CUES; i++)
        if (m->cues[i].active)
            return 1;
    return m->lv.sounds && (m->amb_level > 0 || m->amb_target > 0);
}

static void render_block(fl_mixer *m, float *out, uint32_t n, uint64_t stamp, int *underrun)
{
    float *acc = m->scratch;
    memset(acc, 0, n * sizeof(float));

    float g0 = m->g_master;
    m->g_master = glide(m->g_master, fl_volume_gain(m->lv.volume), n, m->rate);
    m->g_sounds = glide(m->g_sounds, m->lv.sounds ? 1.0f : 0.0f, n, m->rate);
    m->g_voice = glide(m->g_voice, m->lv.voice ? 1.0f : 0.0f, n, m->rate);
    m->g_self = glide(m->g_self, m->lv.self ? 1.0f : 0.0f, n, m->rate);

    uint32_t done = 0;
    while (m->customer.clip && done < n) {
        done += speech_render(m, &m->customer, acc + done, n - done, 0.9f * m->g_voice, stamp,
                              underrun);
        customer_next(m);
    }
    if (m->iface.clip)
        speech_render(m, &m->iface, acc, n, 0.9f * m->g_self, stamp, underrun);
    for (int i = 0; i < FL_MIXER_CUES; i++)
        if (m->cues[i].active)
            cue_render(m, &m->cues[i], acc, n, m->g_sounds);
    if (m->lv.sounds || m->g_sounds > 0)
        ambience_render(m, acc, n, m->g_sounds);

    /* the master gain ramps across the block; a hard limit keeps overlaps from wrapping */
    float dg = (m->g_master - g0) / (float)n;
    for (uint32_t i = 0; i < n; i++) {
        float y = acc[i] * (g0 + dg * (float)(i + 1));
        y = y > 1.0f ? 1.0f : y < -1.0f ? -1.0f : y;
        for (int c = 0; c < m->channels; c++)
            out[i * (uint32_t)m->channels + (uint32_t)c] = y;
    }
}

void fl_mixer_render(fl_mixer *m, float *out, uint32_t frames, uint64_t stamp)
{
    command c;
    while (fl_spsc_pop(&m->cmds, &c))
        apply(m, &c);
    int underrun = 0;
    for (uint32_t done = 0; done < frames;) {
        uint32_t n = frames - done < BLOCK ? frames - done : BLOCK;
        render_block(m, out + (size_t)done * (size_t)m->channels, n, stamp, &underrun);
        done += n;
    }
    if (underrun)
        atomic_fetch_add_explicit(&m->underruns, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&m->frames, frames, memory_order_relaxed);
    int idle = !busy(m);
    if (idle)
        atomic_fetch_add_explicit(&m->idle_frames, frames, memory_order_relaxed);
    else
        atomic_store_explicit(&m->idle_frames, 0, memory_order_relaxed);
    atomic_store_explicit(&m->idle, idle, memory_order_release);
}
