/*
 * meter.c - the tone meter's analysis (meter.h): loudness, speaking rate and pauses of a reply
 * read aloud, from microphone samples.
 *
 * Feeding keeps three numbers per 10 ms frame: the frame's mean square (loudness) and the mean
 * square of each of its 5 ms halves band-passed to 300-2500 Hz (where vowels carry their
 * energy, so the envelope rises on each syllable's nucleus and dips on the consonants between
 * them; 5 ms steps, because fast speech puts nuclei 70 ms apart). Nothing else is kept, so
 * memory grows by 1.2 KB a second of reading and feeding costs a few multiplications a sample.
 * The figures are computed from the frames on demand:
 *   - the background: the 10th percentile of the frame levels (a steady hum or hiss);
 *   - voiced frames: louder than an adaptive floor, the background plus 12 dB and never below
 *     -55 dBFS;
 *   - loudness: the RMS of the frames where the voice is heard (3 dB over the background, and
 *     over -55 dBFS) less the background's power, so noise neither adds to it nor, through a
 *     higher floor, keeps only the loudest frames; and the running peak;
 *   - syllables: peaks of the band's log-energy envelope that rise by PROMINENCE_DB above the
 *     dip before them and fall by as much before the next rise, on voiced frames (the nucleus
 *     counting of de Jong and Wempe, 2009), without the weak bumps next to a nucleus (a trilled
 *     r) or far under the loudest ones. How much the envelope is smoothed and how close two
 *     nuclei may be depends on the pace (the table `paces`): 50 ms of smoothing merges what
 *     belongs to one slow syllable but blurs fast ones together, 20 ms resolves 14 syllables a
 *     second but splits slow vowels. So a first count at the finest pace, which errs high
 *     rather than low, says how fast the reading is, and the count at the pace for that speed
 *     is the one reported;
 *   - speech_s from the first voiced frame to the last, pauses as unvoiced runs inside it of
 *     FL_VOICE_PAUSE_MS or more.
 * The method, its limits and the figures measured are in docs/meter.md. No dependency beyond
 * libc and libm; it never allocates in fl_meter_figures.
 */
#include "meter.h"
#include "vec.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FRAME_MS             10
#define LEVEL_FRAMES         5         /* fl_meter_level: the last 50 ms */
#define SILENT_DB            (-120.0f) /* what silence reads as */
#define FLOOR_PERCENTILE     10
#define FLOOR_ABOVE_DB       12.0f
#define HEARD_ABOVE_DB       3.0f /* loudness: frames this far above the background */
#define FLOOR_MIN_DB         (-55.0f)
#define PROMINENCE_DB        2.0f /* how far a nucleus stands out from the dips on both sides */
#define WEAK_DB              8.0f /* a peak this much weaker than a close nucleus is part of it */
#define ENVELOPE_TOP_PERCENT 5
#define NUCLEUS_BELOW_TOP_DB 20.0f
#define BAND_LOW_HZ          300.0
#define BAND_HIGH_HZ         2500.0

/* How syllables are counted at a pace, in half frames (5 ms): the envelope's moving average,
 * the least distance between two nuclei, and the distance within which a much weaker peak is
 * part of its neighbour. */
typedef struct {
    int smooth, min_gap, close;
    float from_sps; /* used when the finest pace's count is at least this fast */
} pace;

/* Slowest first. The calm pace reads ordinary speech (up to about 9 syllables a second)
 * closest; the finest resolves nuclei 70 ms apart (espeak-ng's 450 words a minute: 14 a second)
 * but splits the long vowels of slow speech, so it counts ordinary speech 10-70% high and the
 * fastest within about 15%, which makes its rate a fair guide to the pace. On espeak-ng's readings
 * (docs/meter.md) it reads 175 words a minute at 5.0-7.3 a second, so everything up to about 200
 * words a minute stays at the calm pace (and keeps its exact counts near the fast threshold),
 * 260-400 mostly at the middle one, 400-450 mostly at the finest. */
static const pace paces[] = {
    {.smooth = 10, .min_gap = 10, .close = 20, .from_sps = 0.0f}, /* 50, 50, 100 ms */
    {.smooth = 6, .min_gap = 8, .close = 12, .from_sps = 8.5f},   /* 30, 40, 60 ms */
    {.smooth = 4, .min_gap = 8, .close = 8, .from_sps = 11.0f},   /* 20, 40, 40 ms */
};
#define PACES     (sizeof(paces) / sizeof(paces[0]))
#define FINE_PACE (paces[PACES - 1])

/* A second-order section (RBJ's cookbook), direct form I. */
typedef struct {
    float b0, b1, b2, a1, a2;
    float x1, x2, y1, y2;
} biquad;

struct fl_meter {
    int rate;
    int frame;       /* samples a frame */
    int fill;        /* samples in the frame being gathered */
    double acc;      /* its sum of squares */
    double band_acc; /* the band-passed samples' sum of squares in the current half frame */
    biquad hp, lp;   /* the band: a high-pass then a low-pass */
    float peak;      /* the largest |sample| */
    float half;      /* the band's mean square over the frame's first half */
    float *energy;   /* mean square per complete frame */
    float *band;     /* the band's mean square per half frame: two a frame */
    size_t n, cap, band_cap;
};

static void biquad_set(biquad *q, int high, double f0, int rate)
{
    double w = 2.0 * M_PI * f0 / rate, c = cos(w), alpha = sin(w) / (2.0 * M_SQRT1_2);
    double a0 = 1.0 + alpha;
    double b0 = high ? (1.0 + c) / 2.0 : (1.0 - c) / 2.0;
    double b1 = high ? -(1.0 + c) : 1.0 - c;
    *q = (biquad){.b0 = (float)(b0 / a0),
                  .b1 = (float)(b1 / a0),
                  .b2 = (float)(b0 / a0),
                  .a1 = (float)(-2.0 * c / a0),
                  .a2 = (float)((1.0 - alpha) / a0)};
}

static inline float biquad_run(biquad *q, float x)
{
    float y = q->b0 * x + q->b1 * q->x1 + q->b2 * q->x2 - q->a1 * q->y1 - q->a2 * q->y2;
    q->x2 = q->x1;
    q->x1 = x;
    q->y2 = q->y1;
    q->y1 = y;
    return y;
}

static void set_filters(fl_meter *m)
{
    double high = BAND_HIGH_HZ < m->rate * 0.45 ? BAND_HIGH_HZ : m->rate * 0.45;
    biquad_set(&m->hp, 1, BAND_LOW_HZ, m->rate);
    biquad_set(&m->lp, 0, high, m->rate);
}

fl_meter *fl_meter_new(int rate)
{
    if (rate < 1000 || rate > 768000)
        return NULL;
    fl_meter *m = calloc(1, sizeof(*m));
    if (!m)
        return NULL;
    m->rate = rate;
    m->frame = rate * FRAME_MS / 1000;
    set_filters(m);
    return m;
}

void fl_meter_free(fl_meter *m)
{
    if (!m)
        return;
    free(m->energy);
    free(m->band);
    free(m);
}

void fl_meter_reset(fl_meter *m)
{
    m->fill = 0;
    m->acc = m->band_acc = 0;
    m->half = 0;
    m->peak = 0;
    m->n = 0;
    set_filters(m);
}

/* Appends a finished frame. Returns 0, -1 when out of memory. */
static int push_frame(fl_meter *m)
{
    if (FL_GROW(m->energy, m->cap, m->n + 1) || FL_GROW(m->band, m->band_cap, 2 * m->n + 2))
        return -1;
    m->energy[m->n] = (float)(m->acc / m->frame);
    m->band[2 * m->n] = m->half;
    m->band[2 * m->n + 1] = (float)(m->band_acc / (m->frame - m->frame / 2));
    m->n++;
    m->acc = m->band_acc = 0;
    m->fill = 0;
    return 0;
}

int fl_meter_feed(fl_meter *m, const float *x, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        float v = x[i];
        if (!(v == v)) /* NaN from a broken driver counts as silence */
            v = 0;
        float a = fabsf(v);
        if (a > m->peak)
            m->peak = a;
        float b = biquad_run(&m->lp, biquad_run(&m->hp, v));
        m->acc += (double)v * v;
        m->band_acc += (double)b * b;
        if (++m->fill == m->frame / 2) {
            m->half = (float)(m->band_acc / (m->frame / 2));
            m->band_acc = 0;
        } else if (m->fill == m->frame && push_frame(m) != 0) {
            m->fill--; /* keep the frame's samples for the next try */
            return -1;
        }
    }
    return 0;
}

static float db_of(double mean_square)
{
    if (mean_square <= 1e-12)
        return SILENT_DB;
    float d = (float)(10.0 * log10(mean_square));
    return d < SILENT_DB ? SILENT_DB : d;
}

float fl_meter_level(const fl_meter *m)
{
    if (!m || m->n == 0)
        return SILENT_DB;
    size_t k = m->n < LEVEL_FRAMES ? m->n : LEVEL_FRAMES;
    double sum = 0;
    for (size_t i = m->n - k; i < m->n; i++)
        sum += m->energy[i];
    return db_of(sum / (double)k);
}

/* The background: the FLOOR_PERCENTILE-th percentile of the frame levels in dB (a histogram of
 * half-decibel bins, so no sorting and no allocation). */
static float background(const fl_meter *m)
{
    enum { BINS = 241 }; /* -120..0 dB by 0.5 */
    uint32_t hist[BINS] = {0};
    for (size_t i = 0; i < m->n; i++) {
        int b = (int)((db_of(m->energy[i]) - SILENT_DB) * 2.0f);
        hist[b < 0 ? 0 : b >= BINS ? BINS - 1 : b]++;
    }
    size_t want = (m->n * FLOOR_PERCENTILE + 99) / 100, seen = 0;
    int b = 0;
    for (; b < BINS - 1; b++) {
        seen += hist[b];
        if (seen >= want)
            break;
    }
    return SILENT_DB + b * 0.5f;
}

/* The band envelope at half frame i: the mean of the band's energy over `smooth` half frames
 * around i, in dB. */
static float envelope(const fl_meter *m, size_t i, int smooth)
{
    const size_t halves = 2 * m->n, before = (size_t)smooth / 2, after = (size_t)(smooth - 1) / 2;
    size_t lo = i > before ? i - before : 0, hi = i + after < halves ? i + after : halves - 1;
    double sum = 0;
    for (size_t k = lo; k <= hi; k++)
        sum += m->band[k];
    return db_of(sum / (double)(hi - lo + 1));
}

/* The level the loudest ENVELOPE_TOP_PERCENT of the envelope between half frames first and last
 * reaches: bumps more than NUCLEUS_BELOW_TOP_DB under it are breath, clicks or noise, not
 * syllables. */
static float envelope_top(const fl_meter *m, size_t first, size_t last, int smooth)
{
    enum { BINS = 241 };
    uint32_t hist[BINS] = {0};
    for (size_t i = first; i <= last; i++) {
        int b = (int)((envelope(m, i, smooth) - SILENT_DB) * 2.0f);
        hist[b < 0 ? 0 : b >= BINS ? BINS - 1 : b]++;
    }
    size_t want = (last - first + 1) * ENVELOPE_TOP_PERCENT / 100, seen = 0;
    int b = BINS - 1;
    for (; b > 0; b--) {
        seen += hist[b];
        if (seen > want)
            break;
    }
    return SILENT_DB + b * 0.5f;
}

/* Syllable nuclei between half frames first and last (voiced ones only) at pace p: a two-sided
 * prominence detector. A candidate starts when the envelope has risen PROMINENCE_DB above the
 * lowest point since the last nucleus, follows the envelope up, and becomes a nucleus once the
 * envelope has fallen PROMINENCE_DB below it. Then:
 *   - nuclei closer than p.min_gap to the previous one are not counted;
 *   - within p.close of the previous nucleus, a peak WEAK_DB or more weaker than its neighbour
 *     is that neighbour's onset or tail (a trilled r, a consonant's release), not a syllable:
 *     the stronger of the two stands;
 *   - peaks NUCLEUS_BELOW_TOP_DB under the envelope's top are not counted. */
static uint32_t count_nuclei(const fl_meter *m, size_t first, size_t last, float floor_db,
                             const pace *p)
{
    const float least = envelope_top(m, first, last, p->smooth) - NUCLEUS_BELOW_TOP_DB;
    uint32_t count = 0;
    float dip = 1e9f, top = 0, prev_top = 0;
    long cand = -1, prev = -100000;
    for (size_t i = first; i <= last + (size_t)p->smooth && i < 2 * m->n; i++) {
        float v = envelope(m, i, p->smooth);
        int voiced = db_of(m->energy[i / 2]) >= floor_db;
        if (cand < 0) {
            if (v < dip)
                dip = v;
            if (voiced && v >= dip + PROMINENCE_DB) {
                cand = (long)i;
                top = v;
            }
            continue;
        }
        if (v > top && voiced) {
            cand = (long)i;
            top = v;
            continue;
        }
        if (v > top - PROMINENCE_DB)
            continue;
        /* cand is a peak: judge it */
        if (cand - prev < p->close && top <= prev_top - WEAK_DB) {
            /* the previous nucleus's tail */
        } else if (cand - prev < p->close && prev_top <= top - WEAK_DB) {
            prev = cand; /* the previous one was this one's onset */
            prev_top = top;
        } else if (cand - prev >= p->min_gap && top >= least) {
            count++;
            prev = cand;
            prev_top = top;
        }
        cand = -1;
        dip = v;
    }
    if (cand >= 0 && cand - prev >= p->min_gap && top >= least)
        count++; /* the reading stopped on a nucleus */
    return count;
}

/* The syllables between frames first and last: counted at the finest pace to learn how fast
 * the reading is, then at the pace for that speed. */
static uint32_t count_syllables(const fl_meter *m, size_t first, size_t last, float floor_db,
                                float speech_s)
{
    const size_t a = 2 * first, z = 2 * last + 1;
    const uint32_t fine = count_nuclei(m, a, z, floor_db, &FINE_PACE);
    const float sps = (float)fine / speech_s;
    size_t k = PACES - 1;
    while (k > 0 && sps < paces[k].from_sps)
        k--;
    return k == PACES - 1 ? fine : count_nuclei(m, a, z, floor_db, &paces[k]);
}

void fl_meter_figures(const fl_meter *m, fl_voice_figures *out)
{
    memset(out, 0, sizeof(*out));
    out->rms_dbfs = SILENT_DB;
    out->peak_dbfs = m && m->peak > 0 ? db_of((double)m->peak * m->peak) : SILENT_DB;
    if (!m || m->n == 0)
        return;
    const float noise_db = background(m);
    const float floor_db = fmaxf(noise_db + FLOOR_ABOVE_DB, FLOOR_MIN_DB);
    const float heard_db = fmaxf(noise_db + HEARD_ABOVE_DB, FLOOR_MIN_DB);
    const size_t min_pause = FL_VOICE_PAUSE_MS / FRAME_MS;
    size_t first = m->n, last = 0, gap = 0, heard = 0;
    double sum = 0;
    for (size_t i = 0; i < m->n; i++) {
        float d = db_of(m->energy[i]);
        if (d >= heard_db) {
            sum += m->energy[i];
            heard++;
        }
        if (d < floor_db) {
            gap++;
            continue;
        }
        if (first == m->n) {
            first = i;
        } else if (gap >= min_pause) {
            out->pauses++;
            out->pause_s += (float)gap * FRAME_MS / 1000.0f;
        }
        gap = 0;
        last = i;
    }
    if (first == m->n)
        return; /* nothing above the floor: silent */
    /* the voice's own power: the frames where it is heard, less the background's power (never
     * below a tenth), so a calm voice in a noisy room does not read louder */
    double power = sum / (double)heard;
    double noise = noise_db > SILENT_DB ? pow(10.0, noise_db / 10.0) : 0.0;
    out->rms_dbfs = db_of(power - noise > power / 10 ? power - noise : power / 10);
    out->speech_s = (float)(last - first + 1) * FRAME_MS / 1000.0f;
    out->syllables = count_syllables(m, first, last, floor_db, out->speech_s);
    out->syllables_per_s = (float)out->syllables / out->speech_s;
}
