/*
 * speech.c - espeak-ng on a thread of its own, with a cache of what it has said (speech.h).
 *
 * espeak-ng keeps global state (one voice, one set of parameters, one callback), so this file
 * owns it for the whole process: one lock (es_lock) around every use, and one initialisation
 * that is never undone, so the speech thread of each fl_speech and fl_speech_synth() share it
 * (its data, a few MB, stays loaded for the life of the program). The speech thread is the only
 * user while an fl_speech exists; fl_speech_synth() takes the same lock.
 *
 * espeak-ng is started through its espeak_ng_* API rather than espeak_Initialize(): the latter
 * calls exit() when espeak-ng-data is missing, and a missing voice must never end the program.
 *
 * Each buffer espeak-ng's synth callback hands over (about 20 ms) becomes one chunk of the clip,
 * published with a release store (clip.h), so the mixer can start on the first chunk while the
 * rest is being synthesised. The cache maps a 64-bit hash of (text, language, voice, emotion) to
 * its clip; it is bounded by bytes and evicts the least recently used clips that nobody else
 * holds. The queue and the cache share one mutex; the audio callback never touches either.
 */
#include "speech.h"

#include <espeak-ng/espeak_ng.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "scenario.h"
#include "utf8.h"
#include "vec.h"

/* espeak-ng's own sample rate for its voices (mbrola voices differ and are refused below). */
#define ES_RATE 22050
/* The synth callback's buffer in ms: small, so the first chunk comes fast. */
#define ES_BUFFER_MS        20
#define DEFAULT_CACHE_BYTES ((size_t)32 << 20)

/* ---- the emotion table ------------------------------------------------------------------- */

/* How each emotion sounds, documented for trainers in scenarios/voices.md and voices.ru.md
 * (test_speech fails when they differ). espeak-ng's normal is 175 words a minute, pitch 50,
 * range 50, volume 100. Volume stays at or below 145: espeak-ng limits its peaks, and at 145 a
 * furious line already touches full scale on a handful of samples, so more would be flatter,
 * not louder. */
static const fl_prosody prosody[FL_EMO_COUNT] = {
    [FL_EMO_NEUTRAL] = {175, 50, 50, 100},  /* espeak-ng's normal */
    [FL_EMO_CALM] = {155, 42, 32, 90},      /* slower, lower, narrow: settled */
    [FL_EMO_PLEASED] = {175, 56, 64, 100},  /* brighter: pitch and range up */
    [FL_EMO_HAPPY] = {185, 62, 78, 108},    /* livelier still, a touch quicker */
    [FL_EMO_WORRIED] = {195, 60, 36, 95},   /* faster, higher, narrower: tense */
    [FL_EMO_CONFUSED] = {148, 52, 68, 95},  /* slower, wandering pitch */
    [FL_EMO_SCEPTICAL] = {158, 44, 62, 95}, /* slower, lower, drawn-out wide contours */
    [FL_EMO_ANNOYED] = {192, 48, 34, 115},  /* a little faster, flat and clipped */
    [FL_EMO_ANGRY] = {215, 57, 66, 130},    /* faster, louder, range up */
    [FL_EMO_FURIOUS] = {250, 68, 88, 145},  /* fast, high, wide and loud */
};

const fl_prosody *fl_prosody_of(int emotion)
{
    if (emotion < 0 || emotion >= FL_EMO_COUNT)
        emotion = FL_EMO_NEUTRAL;
    return &prosody[emotion];
}

/* ---- voice names ------------------------------------------------------------------------- */

/* The language's own espeak-ng voice. English is American ("en" alone is British in
 * espeak-ng-data); any other language is its own voice name. */
static const char *language_voice(const char *lang)
{
    if (!lang || !*lang || strcmp(lang, "en") == 0)
        return "en-us";
    return lang;
}

const char *fl_voice_name(const char *lang, const char *voice, char *buf, size_t n)
{
    const char *base = language_voice(lang);
    if (n == 0)
        return buf;
    if (!voice || !*voice)
        snprintf(buf, n, "%s", base);
    else if (strcmp(voice, "female") == 0)
        snprintf(buf, n, "%s+f3", base);
    else if (strcmp(voice, "male") == 0)
        snprintf(buf, n, "%s+m3", base);
    else
        snprintf(buf, n, "%s", voice); /* "ru+f2", "gmw/en-US", "en-gb-scotland", a variant */
    return buf;
}

/* ---- text hygiene ------------------------------------------------------------------------ */

/* Characters a customer would not say aloud: emoji and pictographs, their joiners and variation
 * selectors, private-use and tag characters. espeak-ng reads them by name ("grinning face"). */
static int unspoken(uint32_t cp)
{
    return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) ||
           (cp >= 0x2300 && cp <= 0x23FF) || (cp >= 0x2B00 && cp <= 0x2BFF) ||
           (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x200B && cp <= 0x200F) || cp == 0x2060 ||
           cp == 0x20E3 || (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xE0000 && cp <= 0xE007F) ||
           cp == 0xFFFD;
}

/* Whitespace, and markup characters espeak-ng would name ("asterisk", "hash", "tilde"): a gap. */
static int gap(uint32_t cp)
{
    return cp < 0x20 || cp == 0x7F || cp == ' ' || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x3000 ||
           (cp < 0x80 && strchr("*_#~^|\\`{}[]<>", (int)cp));
}

/* A copy of text fit to be spoken: emoji and invalid bytes dropped, markup and runs of
 * whitespace one space, trimmed; punctuation (which shapes intonation) kept. malloc'd; NULL when
 * out of memory. */
static char *speakable(const char *text)
{
    size_t len = strlen(text), o = 0;
    char *out = malloc(len + 1);
    if (!out)
        return NULL;
    int pending_space = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = fl_utf8_decode(text + i, len - i, &cp);
        if (k == 0) { /* not UTF-8: skip the byte */
            i++;
            continue;
        }
        if (gap(cp) || unspoken(cp)) {
            pending_space = o > 0;
        } else {
            if (pending_space)
                out[o++] = ' ';
            pending_space = 0;
            memcpy(out + o, text + i, k);
            o += k;
        }
        i += k;
    }
    out[o] = '\0';
    return out;
}

/* ---- espeak-ng, process-wide ------------------------------------------------------------- */

/* Where the synth callback puts samples: one synthesis at a time, under es_lock. */
typedef struct sink {
    int (*put)(struct sink *s, const short *wav, int n); /* 0, or -1 to abort */
    atomic_int *abort; /* set by another thread to stop this synthesis; may be NULL */
} sink;

static pthread_mutex_t es_lock = PTHREAD_MUTEX_INITIALIZER;
static int es_state;       /* 0 not tried, 1 running, -1 failed (es_error says why) */
static char es_error[256]; /* English */
static sink *es_sink;      /* the synthesis under way */

static int on_synth(short *wav, int n, espeak_EVENT *events)
{
    (void)events;
    sink *s = es_sink;
    if (!s)
        return 1;
    if (wav && n > 0 && s->put(s, wav, n) != 0)
        return 1;
    return s->abort && atomic_load_explicit(s->abort, memory_order_relaxed) ? 1 : 0;
}

static void es_fail(const char *what, espeak_ng_STATUS st)
{
    char msg[160];
    espeak_ng_GetStatusCodeMessage(st, msg, sizeof(msg));
    snprintf(es_error, sizeof(es_error), "espeak-ng could not start (%s): %s", what, msg);
    es_state = -1;
}

/* Starts espeak-ng once for the process (caller holds es_lock). Returns 0 or -1 (es_error). */
static int es_start(void)
{
    if (es_state != 0)
        return es_state > 0 ? 0 : -1;
    espeak_ng_InitializePath(NULL); /* ESPEAK_DATA_PATH, ~/espeak-ng-data, then the system's */
    espeak_ng_ERROR_CONTEXT ctx = NULL;
    espeak_ng_STATUS st = espeak_ng_Initialize(&ctx);
    espeak_ng_ClearErrorContext(&ctx);
    if (st != ENS_OK) {
        es_fail("is espeak-ng-data installed?", st);
        return -1;
    }
    st = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, ES_BUFFER_MS, NULL);
    if (st != ENS_OK) {
        es_fail("output", st);
        return -1;
    }
    espeak_SetSynthCallback(on_synth);
    es_state = 1;
    return 0;
}

/* The part of an espeak-ng voice identifier after its last '/' ("!v/f3" -> "f3"). */
static const char *basename_of(const char *identifier)
{
    const char *slash = strrchr(identifier, '/');
    return slash ? slash + 1 : identifier;
}

/* Whether espeak-ng has a voice of this name, file or language ("en-gb-scotland"). Variants
 * are not voices: set alone they leave espeak-ng without a language. Caller holds es_lock. */
static int known_voice(const char *name)
{
    const espeak_VOICE **v = espeak_ListVoices(NULL);
    for (; v && *v; v++) {
        if (strcasecmp((*v)->name, name) == 0 ||
            strcasecmp(basename_of((*v)->identifier), name) == 0)
            return 1;
        /* languages: a priority byte, then a NUL-terminated name, repeated; a 0 priority ends */
        for (const char *l = (*v)->languages; l && *l; l += strlen(l + 1) + 2)
            if (strcasecmp(l + 1, name) == 0)
                return 1;
    }
    return 0;
}

/* The identifier of the variant of this name ("female3" or "f3" -> "f3", "Annie" -> "Annie")
 * into buf, or NULL when there is none. Caller holds es_lock. */
static const char *known_variant(const char *name, char *buf, size_t n)
{
    espeak_VOICE want = {.languages = "variant"};
    const espeak_VOICE **v = espeak_ListVoices(&want);
    for (; v && *v; v++) {
        const char *id = basename_of((*v)->identifier);
        if (strcasecmp((*v)->name, name) == 0 || strcasecmp(id, name) == 0) {
            snprintf(buf, n, "%s", id);
            return buf;
        }
    }
    return NULL;
}

/* Selects the voice for a voice name (fl_voice_name) and language. A name with '+' or '/' is
 * espeak-ng's to judge (an unknown variant after '+' is ignored by espeak-ng); a plain name is a
 * voice, or a variant of the language's voice; anything else, and mbrola voices (they need a
 * program that is not installed, and it prints to the terminal), falls back to the language's
 * voice, so an unknown voice attribute never silences a customer. Voices that do not run at
 * espeak-ng's own rate are refused: clips are created at that rate. Caller holds es_lock. */
static int es_voice(const char *name, const char *lang)
{
    const char *base = language_voice(lang);
    char buf[160], variant[64];
    const char *want = base;
    if (strstr(name, "mbrola") || strncmp(name, "mb/", 3) == 0)
        want = base;
    else if (strchr(name, '+') || strchr(name, '/') || known_voice(name))
        want = name;
    else if (known_variant(name, variant, sizeof(variant))) {
        snprintf(buf, sizeof(buf), "%s+%s", base, variant);
        want = buf;
    }
    const char *tries[3] = {want, base, "en-us"};
    for (size_t i = 0; i < 3; i++)
        if (espeak_ng_SetVoiceByName(tries[i]) == ENS_OK && espeak_ng_GetSampleRate() == ES_RATE)
            return 0;
    return -1;
}

/* Speaks text (already speakable) into s (caller holds es_lock, espeak-ng started). Returns 0,
 * or -1 when the voice could not be set, synthesis failed or was aborted. */
static int es_say(const char *text, const char *lang, const char *voice, const fl_prosody *p,
                  sink *s)
{
    if (es_voice(voice, lang) != 0)
        return -1;
    espeak_ng_SetParameter(espeakRATE, p->rate, 0);
    espeak_ng_SetParameter(espeakPITCH, p->pitch, 0);
    espeak_ng_SetParameter(espeakRANGE, p->range, 0);
    espeak_ng_SetParameter(espeakVOLUME, p->volume, 0);
    espeak_ng_SetParameter(espeakPUNCTUATION, espeakPUNCT_NONE, 0);
    es_sink = s;
    espeak_ng_STATUS st = espeak_ng_Synthesize(text, strlen(text) + 1, 0, POS_CHARACTER, 0,
                                               espeakCHARS_UTF8, NULL, NULL);
    es_sink = NULL;
    if (st != ENS_OK)
        return -1;
    return s->abort && atomic_load(s->abort) ? -1 : 0;
}

/* ---- clips ------------------------------------------------------------------------------- */

void fl_clip_release(fl_clip *c)
{
    if (!c || atomic_fetch_sub_explicit(&c->users, 1, memory_order_acq_rel) != 1)
        return;
    fl_clip_chunk *ch = atomic_load_explicit(&c->first, memory_order_acquire);
    while (ch) {
        fl_clip_chunk *next = atomic_load_explicit(&ch->next, memory_order_acquire);
        free(ch);
        ch = next;
    }
    free(c);
}

/* Fills a clip chunk by chunk. */
typedef struct {
    sink base;
    fl_clip *clip;
    fl_clip_chunk *last;
    uint64_t frames;
    size_t bytes; /* what the chunks take, for the cache's bound */
} clip_sink;

static int clip_put(sink *s, const short *wav, int n)
{
    clip_sink *cs = (clip_sink *)s;
    size_t size = sizeof(fl_clip_chunk) + (size_t)n * sizeof(int16_t);
    fl_clip_chunk *ch = malloc(size);
    if (!ch)
        return -1;
    atomic_init(&ch->next, NULL);
    ch->n = (uint32_t)n;
    memcpy(ch->s, wav, (size_t)n * sizeof(int16_t));
    /* filled completely before it becomes visible to the mixer */
    if (cs->last)
        atomic_store_explicit(&cs->last->next, ch, memory_order_release);
    else
        atomic_store_explicit(&cs->clip->first, ch, memory_order_release);
    cs->last = ch;
    cs->frames += (uint64_t)n;
    cs->bytes += size;
    return 0;
}

static void clip_finish(fl_clip *c, uint64_t frames, int failed)
{
    c->frames = frames;
    if (failed)
        atomic_store_explicit(&c->failed, 1, memory_order_relaxed);
    atomic_store_explicit(&c->done, 1, memory_order_release);
}

/* ---- the speech thread, its queue and the cache ------------------------------------------ */

typedef struct request {
    struct request *next;
    fl_clip *clip; /* the request's own reference */
    char *text;    /* speakable */
    char lang[16];
    char voice[96];
    fl_prosody prosody;
} request;

typedef struct {
    fl_clip *clip; /* the cache's reference */
    char *id;      /* text, language, voice and emotion: the hash's input, to rule out collisions */
    size_t bytes;  /* 0 until synthesised */
    uint64_t used; /* the tick of the last get: least recently used goes first */
} entry;

struct fl_speech {
    pthread_t thread;
    pthread_mutex_t mu; /* the queue, the cache, error */
    pthread_cond_t cv;
    request *head, *tail;
    int quit;
    atomic_int abort;  /* stops the synthesis under way (cancel, free) */
    atomic_int broken; /* espeak-ng could not start: get returns NULL */
    char error[256];
    entry *cache;
    size_t n, cap, bytes, limit;
    uint64_t tick;
};

static void request_free(request *r)
{
    fl_clip_release(r->clip);
    free(r->text);
    free(r);
}

/* Drops every queued request, completing their clips as failed (caller holds mu). */
static void drop_queue(fl_speech *sp)
{
    request *r = sp->head;
    sp->head = sp->tail = NULL;
    while (r) {
        request *next = r->next;
        clip_finish(r->clip, 0, 1);
        request_free(r);
        r = next;
    }
}

static void cache_remove(fl_speech *sp, size_t i)
{
    sp->bytes -= sp->cache[i].bytes;
    fl_clip_release(sp->cache[i].clip);
    free(sp->cache[i].id);
    sp->cache[i] = sp->cache[--sp->n];
}

/* Removes failed clips, then evicts least recently used clips held by the cache alone until
 * the cache fits its bound (caller holds mu). Clips being synthesised or played stay. */
static void cache_trim(fl_speech *sp)
{
    for (size_t i = 0; i < sp->n;) {
        if (atomic_load(&sp->cache[i].clip->failed))
            cache_remove(sp, i);
        else
            i++;
    }
    while (sp->bytes > sp->limit) {
        size_t victim = sp->n;
        for (size_t i = 0; i < sp->n; i++) {
            fl_clip *c = sp->cache[i].clip;
            if (atomic_load(&c->users) == 1 && atomic_load(&c->done) &&
                (victim == sp->n || sp->cache[i].used < sp->cache[victim].used))
                victim = i;
        }
        if (victim == sp->n)
            break; /* everything left is in use */
        cache_remove(sp, victim);
    }
}

/* Synthesises one request (without mu: gets go on meanwhile) and records its size. */
static void synthesise(fl_speech *sp, request *r)
{
    clip_sink cs = {.base = {clip_put, &sp->abort}, .clip = r->clip};
    pthread_mutex_lock(&es_lock);
    int rc = es_say(r->text, r->lang, r->voice, &r->prosody, &cs.base);
    pthread_mutex_unlock(&es_lock);
    clip_finish(r->clip, cs.frames, rc != 0);
    pthread_mutex_lock(&sp->mu);
    for (size_t i = 0; i < sp->n; i++) {
        if (sp->cache[i].clip == r->clip) {
            sp->cache[i].bytes = cs.bytes;
            sp->bytes += cs.bytes;
            break;
        }
    }
    cache_trim(sp);
    pthread_mutex_unlock(&sp->mu);
}

static void *speech_main(void *arg)
{
    fl_speech *sp = arg;
    pthread_mutex_lock(&es_lock);
    int rc = es_start();
    pthread_mutex_lock(&sp->mu);
    if (rc != 0) {
        snprintf(sp->error, sizeof(sp->error), "%s", es_error);
        atomic_store(&sp->broken, 1);
    }
    pthread_mutex_unlock(&sp->mu);
    pthread_mutex_unlock(&es_lock);

    pthread_mutex_lock(&sp->mu);
    for (;;) {
        while (!sp->head && !sp->quit)
            pthread_cond_wait(&sp->cv, &sp->mu);
        if (sp->quit)
            break;
        if (atomic_load(&sp->broken)) {
            drop_queue(sp);
            continue;
        }
        request *r = sp->head;
        sp->head = r->next;
        if (!sp->head)
            sp->tail = NULL;
        atomic_store(&sp->abort, 0); /* a cancel from now on stops this one */
        pthread_mutex_unlock(&sp->mu);
        synthesise(sp, r);
        request_free(r);
        pthread_mutex_lock(&sp->mu);
    }
    drop_queue(sp);
    pthread_mutex_unlock(&sp->mu);
    return NULL;
}

int fl_speech_new(fl_speech **out, size_t cache_bytes)
{
    *out = NULL;
    fl_speech *sp = calloc(1, sizeof(*sp));
    if (!sp)
        return -1;
    sp->limit = cache_bytes ? cache_bytes : DEFAULT_CACHE_BYTES;
    atomic_init(&sp->abort, 0);
    atomic_init(&sp->broken, 0);
    if (pthread_mutex_init(&sp->mu, NULL) != 0) {
        free(sp);
        return -1;
    }
    if (pthread_cond_init(&sp->cv, NULL) != 0) {
        pthread_mutex_destroy(&sp->mu);
        free(sp);
        return -1;
    }
    if (pthread_create(&sp->thread, NULL, speech_main, sp) != 0) {
        pthread_cond_destroy(&sp->cv);
        pthread_mutex_destroy(&sp->mu);
        free(sp);
        return -1;
    }
    *out = sp;
    return 0;
}

/* FNV-1a, 64 bits. */
static uint64_t hash64(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

/* A clip that is complete and empty: a text with nothing to say. */
static fl_clip *empty_clip(void)
{
    fl_clip *c = calloc(1, sizeof(*c));
    if (!c)
        return NULL;
    atomic_init(&c->first, NULL);
    atomic_init(&c->failed, 0);
    atomic_init(&c->users, 1);
    c->rate = ES_RATE;
    atomic_init(&c->done, 1);
    return c;
}

fl_clip *fl_speech_get(fl_speech *sp, const fl_say *s)
{
    if (!sp || !s || !s->text || atomic_load(&sp->broken))
        return NULL;
    char *text = speakable(s->text);
    if (!text)
        return NULL;
    if (!*text) {
        free(text);
        return empty_clip();
    }
    char voice[96];
    fl_voice_name(s->lang, s->voice, voice, sizeof(voice));
    const char *lang = language_voice(s->lang);
    int emotion = s->emotion >= 0 && s->emotion < FL_EMO_COUNT ? s->emotion : FL_EMO_NEUTRAL;
    size_t idlen = strlen(text) + strlen(lang) + strlen(voice) + 16;
    char *id = malloc(idlen);
    request *r = calloc(1, sizeof(*r));
    fl_clip *c = calloc(1, sizeof(*c));
    if (!id || !r || !c)
        goto oom;
    idlen = (size_t)snprintf(id, idlen, "%s\x1f%s\x1f%s\x1f%d", text, lang, voice, emotion);
    uint64_t key = hash64(id, idlen);

    pthread_mutex_lock(&sp->mu);
    for (size_t i = 0; i < sp->n; i++) {
        entry *e = &sp->cache[i];
        if (e->clip->key != key || strcmp(e->id, id) != 0)
            continue;
        if (atomic_load(&e->clip->failed)) { /* cancelled or failed before: say it again */
            cache_remove(sp, i);
            break;
        }
        fl_clip_retain(e->clip);
        e->used = ++sp->tick;
        fl_clip *hit = e->clip;
        pthread_mutex_unlock(&sp->mu);
        free(id);
        free(r);
        free(c);
        free(text);
        return hit;
    }
    if (FL_GROW(sp->cache, sp->cap, sp->n + 1)) {
        pthread_mutex_unlock(&sp->mu);
        goto oom;
    }
    atomic_init(&c->first, NULL);
    atomic_init(&c->done, 0);
    atomic_init(&c->failed, 0);
    atomic_init(&c->users, 3); /* the caller's, the cache's, the request's */
    c->rate = ES_RATE;
    c->key = key;
    sp->cache[sp->n++] = (entry){.clip = c, .id = id, .bytes = 0, .used = ++sp->tick};
    r->clip = c;
    r->text = text;
    snprintf(r->lang, sizeof(r->lang), "%s", lang);
    snprintf(r->voice, sizeof(r->voice), "%s", voice);
    r->prosody = *fl_prosody_of(emotion);
    if (sp->tail)
        sp->tail->next = r;
    else
        sp->head = r;
    sp->tail = r;
    pthread_cond_signal(&sp->cv);
    pthread_mutex_unlock(&sp->mu);
    return c;
oom:
    free(id);
    free(r);
    free(c);
    free(text);
    return NULL;
}

const char *fl_speech_error(fl_speech *sp)
{
    if (!sp)
        return "";
    /* error is written once, before broken is set, and never again */
    return atomic_load(&sp->broken) ? sp->error : "";
}

void fl_speech_cancel(fl_speech *sp)
{
    if (!sp)
        return;
    pthread_mutex_lock(&sp->mu);
    drop_queue(sp);
    atomic_store(&sp->abort, 1); /* and the one under way */
    cache_trim(sp);
    pthread_mutex_unlock(&sp->mu);
}

void fl_speech_free(fl_speech *sp)
{
    if (!sp)
        return;
    pthread_mutex_lock(&sp->mu);
    sp->quit = 1;
    atomic_store(&sp->abort, 1);
    pthread_cond_signal(&sp->cv);
    pthread_mutex_unlock(&sp->mu);
    pthread_join(sp->thread, NULL);
    for (size_t i = 0; i < sp->n; i++) {
        fl_clip_release(sp->cache[i].clip);
        free(sp->cache[i].id);
    }
    free(sp->cache);
    pthread_cond_destroy(&sp->cv);
    pthread_mutex_destroy(&sp->mu);
    free(sp);
}

/* ---- synchronous synthesis --------------------------------------------------------------- */

typedef struct {
    sink base;
    int16_t *pcm;
    size_t n, cap;
} buffer_sink;

static int buffer_put(sink *s, const short *wav, int n)
{
    buffer_sink *bs = (buffer_sink *)s;
    if (FL_GROW(bs->pcm, bs->cap, bs->n + (size_t)n))
        return -1;
    memcpy(bs->pcm + bs->n, wav, (size_t)n * sizeof(int16_t));
    bs->n += (size_t)n;
    return 0;
}

int fl_speech_synth(const fl_say *s, int16_t **pcm, size_t *n, int *rate, const char **err)
{
    *pcm = NULL;
    *n = 0;
    *rate = ES_RATE;
    *err = NULL;
    if (!s || !s->text) {
        *err = "nothing to say";
        return -1;
    }
    char *text = speakable(s->text);
    if (!text) {
        *err = "out of memory";
        return -1;
    }
    char voice[96];
    fl_voice_name(s->lang, s->voice, voice, sizeof(voice));
    buffer_sink bs = {.base = {buffer_put, NULL}};
    int rc = 0;
    pthread_mutex_lock(&es_lock);
    if (es_start() != 0) {
        *err = es_error;
        rc = -1;
    } else if (*text && es_say(text, s->lang, voice, fl_prosody_of(s->emotion), &bs.base) != 0) {
        *err = "espeak-ng could not synthesise the text (out of memory?)";
        rc = -1;
    }
    pthread_mutex_unlock(&es_lock);
    free(text);
    if (rc != 0) {
        free(bs.pcm);
        return -1;
    }
    if (!bs.pcm) { /* nothing to say: an empty, valid buffer */
        bs.pcm = malloc(sizeof(int16_t));
        if (!bs.pcm) {
            *err = "out of memory";
            return -1;
        }
    }
    *pcm = bs.pcm;
    *n = bs.n;
    return 0;
}
