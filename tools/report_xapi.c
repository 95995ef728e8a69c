/*
 * report_xapi.c - `frontline report --format xapi`: the sessions as xAPI 1.0.3 statements, for
 * a learning record store (LRS) and the learning platforms that read one.
 *
 * Every finished session gives one statement (passed or failed in assessment mode, completed
 * in practice; result.success false when not passed) with the scaled score, the dimension
 * scores and the critical mistakes as result extensions, preceded by one "answered" statement
 * per trainee reply that stands. A session not attempted (stopped before any reply) gives
 * none. A stress round gives an "attempted" statement before its calls' statements and a
 * result statement (passed or failed in assessment, completed in practice, terminated when
 * left early) after them, with the round's figures as result extensions; its calls' statements
 * share the round's registration. A round never closed gives none. The shapes, the IRIs and
 * the reasons behind them are in docs/xapi.md. Three rules matter most:
 *   - statement ids come from the record (generated once when the session was stored), and
 *     every other value is a function of the record and the two IRI options, so exporting or
 *     sending the same session twice gives the same statement and never a duplicate;
 *   - the output is streamed: one statement is built, written (and queued for the LRS, in
 *     batches of FL_XAPI_BATCH) and freed at a time, so memory does not grow with the sessions;
 *   - JSON is built with jansson, never by hand; text that is not valid UTF-8 is repaired
 *     (U+FFFD) rather than dropped, so a statement never silently loses a field.
 * Sending is lrs.c's. An LRS that fails stops the sending, not the export: the file is still
 * written whole (it can be sent again later), and the command then exits nonzero.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lrs.h"
#include "catalogue.h"
#include "commands.h"
#include "report.h"
#include "store.h"
#include "vec.h"

#define FL_XAPI_BATCH 200 /* statements per POST to the LRS */
#define DUMP_FLAGS    (JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12))

#define ADL_VERB       "http://adlnet.gov/expapi/verbs/"
#define ADL_SIMULATION "http://adlnet.gov/expapi/activities/simulation"
#define ADL_INTERACT   "http://adlnet.gov/expapi/activities/cmi.interaction"

/* The extension keys: each is the activity base followed by one of these paths. */
enum {
    K_OUTCOME,
    K_BAND,
    K_FINDINGS,
    K_CRITICAL_COUNT,
    K_CRITICAL,
    K_WEIGHTED_MEAN,
    K_REPLIES,
    K_TIMEOUTS,
    K_CSAT,
    K_CES,
    K_NPS,
    K_MODE,
    K_PLAYER,
    K_SC_VERSION,
    K_HASH,
    K_PROGRAM,
    K_TIMED,
    K_TIME_FACTOR,
    K_REPLY_ID,
    K_REPLY_KIND,
    K_SIGNALS,
    K_DETECTED,
    K_REPLY_FINDINGS,
    K_REPLY_CRITICAL,
    K_TRIGGERS,
    K_MOOD,
    K_PATIENCE,
    K_TRUST,
    K_GOODWILL,
    K_ELAPSED,
    K_IN_ROUND,
    K_CALL,
    K_SESSION,
    K_WORKSHOP,
    K_DAY_SESSION,
    K_ROUND_VERSION,
    K_SEED,
    K_AT_ONCE,
    K_CUSTOMERS,
    K_ARRIVED,
    K_RESOLVED,
    K_LOST,
    K_OTHER,
    K_UNFINISHED,
    K_ROUND_MS,
    K_PER_MINUTE,
    K_MEAN_REPLY,
    K_CANNED,
    K_BY_LOAD,
    K_RESPONSIVENESS,
    K_TONE,
    K_EMPATHY,
    K_COMPOSURE,
    K_COMPOSURE_TONE,
    K_COMPOSURE_EMPATHY,
    K_BASELINE,
    K_VOICE,
    K_REPLY_VOICE,
    K_COUNT
};

static const char *const key_paths[K_COUNT] = {
    [K_OUTCOME] = "xapi/result/outcome",
    [K_BAND] = "xapi/result/band",
    [K_FINDINGS] = "xapi/result/findings",
    [K_CRITICAL_COUNT] = "xapi/result/critical-mistakes",
    [K_CRITICAL] = "xapi/result/critical",
    [K_WEIGHTED_MEAN] = "xapi/result/weighted-mean",
    [K_REPLIES] = "xapi/result/replies",
    [K_TIMEOUTS] = "xapi/result/timeouts",
    [K_CSAT] = "xapi/survey/csat",
    [K_CES] = "xapi/survey/ces",
    [K_NPS] = "xapi/survey/nps",
    [K_MODE] = "xapi/context/mode",
    [K_PLAYER] = "xapi/context/player",
    [K_SC_VERSION] = "xapi/context/scenario-version",
    [K_HASH] = "xapi/context/content-hash",
    [K_PROGRAM] = "xapi/context/program-version",
    [K_TIMED] = "xapi/context/timed",
    [K_TIME_FACTOR] = "xapi/context/time-factor",
    [K_REPLY_ID] = "xapi/reply/id",
    [K_REPLY_KIND] = "xapi/reply/kind",
    [K_SIGNALS] = "xapi/reply/signals",
    [K_DETECTED] = "xapi/reply/detected",
    [K_REPLY_FINDINGS] = "xapi/reply/findings",
    [K_REPLY_CRITICAL] = "xapi/reply/critical-findings",
    [K_TRIGGERS] = "xapi/reply/triggers",
    [K_MOOD] = "xapi/customer/mood",
    [K_PATIENCE] = "xapi/customer/patience",
    [K_TRUST] = "xapi/customer/trust",
    [K_GOODWILL] = "xapi/customer/goodwill",
    [K_ELAPSED] = "xapi/reply/elapsed-ms",
    [K_IN_ROUND] = "xapi/context/round",
    [K_CALL] = "xapi/context/call",
    [K_SESSION] = "xapi/context/session",
    [K_WORKSHOP] = "xapi/context/workshop",
    [K_DAY_SESSION] = "xapi/context/day-session",
    [K_ROUND_VERSION] = "xapi/context/round-version",
    [K_SEED] = "xapi/context/seed",
    [K_AT_ONCE] = "xapi/context/at-once",
    [K_CUSTOMERS] = "xapi/round/customers",
    [K_ARRIVED] = "xapi/round/arrived",
    [K_RESOLVED] = "xapi/round/resolved",
    [K_LOST] = "xapi/round/lost",
    [K_OTHER] = "xapi/round/other-endings",
    [K_UNFINISHED] = "xapi/round/unfinished",
    [K_ROUND_MS] = "xapi/round/duration-ms",
    [K_PER_MINUTE] = "xapi/round/resolved-per-minute",
    [K_MEAN_REPLY] = "xapi/round/mean-reply-ms",
    [K_CANNED] = "xapi/round/canned-share",
    [K_BY_LOAD] = "xapi/round/by-load",
    [K_RESPONSIVENESS] = "xapi/round/responsiveness",
    [K_TONE] = "xapi/round/tone",
    [K_EMPATHY] = "xapi/round/empathy",
    [K_COMPOSURE] = "xapi/round/composure",
    [K_COMPOSURE_TONE] = "xapi/round/composure-tone",
    [K_COMPOSURE_EMPATHY] = "xapi/round/composure-empathy",
    [K_BASELINE] = "xapi/round/baseline-sessions",
    [K_VOICE] = "xapi/result/voice",
    [K_REPLY_VOICE] = "xapi/reply/voice",
};

/* A round's result statement, held back until the statements of its calls are out. */
typedef struct {
    int64_t ended_ms;
    json_t *st;
    char id[FL_UUID_LEN + 1];
} pending;

/* A growable string. */
typedef struct {
    char *p;
    size_t n, cap;
    int nomem;
} buf;

typedef struct {
    FILE *out;
    const char *out_name;
    char *home;                  /* actor.account.homePage */
    char *base;                  /* activity base, ending in '/' */
    char *key[K_COUNT];          /* extension keys, base + key_paths */
    char *dim_key[FL_DIM_COUNT]; /* base + "xapi/dimension/" + name */
    int64_t written;             /* statements written to out */
    int64_t sessions, unfinished, not_attempted;
    int64_t rounds, rounds_open; /* rounds sent; rounds never closed, left out */
    pending *pend;               /* by ended_ms */
    size_t n_pend, cap_pend;
    fl_lrs *lrs;   /* NULL: not sending */
    json_t *batch; /* statements waiting to be sent */
    int lrs_failed;
    int write_failed; /* already reported */
    buf tmp;
} xapi_ctx;

/* ---- strings ------------------------------------------------------------------------------ */

static void buf_add(buf *b, const char *s, size_t n)
{
    if (b->nomem)
        return;
    if (n > SIZE_MAX - b->n - 1 || FL_GROW(b->p, b->cap, b->n + n + 1)) {
        b->nomem = 1;
        return;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void buf_puts(buf *b, const char *s)
{
    buf_add(b, s, strlen(s));
}

/* Appends s percent-encoded as one IRI path segment: every byte but the unreserved ones
 * (RFC 3986: letters, digits, - . _ ~) becomes %XX, non-ASCII UTF-8 too, so the result is a
 * plain URI that every LRS compares byte for byte the same way. */
static void buf_segment(buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '.' || *p == '_' || *p == '~') {
            buf_add(b, (const char *)p, 1);
        } else {
            char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            buf_add(b, e, 3);
        }
    }
}

static void buf_clear(buf *b)
{
    b->n = 0;
    if (b->p)
        b->p[0] = '\0';
}

static char *concat(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    char *s = malloc(na + nb + 1);
    if (s) {
        memcpy(s, a, na);
        memcpy(s + na, b, nb + 1);
    }
    return s;
}

/* Length of the valid UTF-8 sequence at p (1-4), or 0 when it is not one. */
static size_t utf8_seq(const unsigned char *p)
{
    if (p[0] < 0x80)
        return 1;
    size_t n = p[0] >= 0xf0 && p[0] <= 0xf4 ? 4 : p[0] >= 0xe0 ? 3 : p[0] >= 0xc2 ? 2 : 0;
    if (n == 0 || (n == 3 && p[0] > 0xef))
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((p[i] & 0xc0) != 0x80)
            return 0;
    if ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] > 0x9f) ||
        (p[0] == 0xf0 && p[1] < 0x90) || (p[0] == 0xf4 && p[1] > 0x8f))
        return 0;
    return n;
}

/* A JSON string of s (NULL: ""), with every byte that is not valid UTF-8 replaced by U+FFFD so
 * that the value is never lost. Returns NULL only when memory runs out. */
static json_t *jstr(const char *s)
{
    if (!s)
        s = "";
    json_t *j = json_string(s);
    if (j)
        return j;
    buf b = {0};
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        size_t n = utf8_seq(p);
        if (n) {
            buf_add(&b, (const char *)p, n);
            p += n;
        } else {
            buf_puts(&b, "\xef\xbf\xbd");
            p++;
        }
    }
    j = b.nomem ? NULL : json_string(b.p ? b.p : "");
    free(b.p);
    return j;
}

/* "signal signal ..." as a JSON array of the names. */
static json_t *word_array(const char *words)
{
    json_t *a = json_array();
    if (!a || !words)
        return a;
    for (const char *p = words; *p;) {
        p += strspn(p, " ");
        size_t n = strcspn(p, " ");
        if (n == 0)
            break;
        json_t *w = json_stringn(p, n);
        if (!w || json_array_append_new(a, w) != 0) {
            json_decref(a);
            return NULL;
        }
        p += n;
    }
    return a;
}

/* An ISO 8601 duration with the 0.01 s precision xAPI keeps: "PT12.34S", "PT1H2M3S". */
static void duration(int64_t ms, char out[64])
{
    if (ms < 0)
        ms = 0; /* a wall clock set back during the session */
    int64_t cs = ms / 10;
    int64_t h = cs / 360000, m = cs / 6000 % 60, s = cs / 100 % 60, frac = cs % 100;
    char hm[32] = "", sec[16];
    if (h)
        snprintf(hm, sizeof hm, "%lldH%lldM", (long long)h, (long long)m);
    else if (m)
        snprintf(hm, sizeof hm, "%lldM", (long long)m);
    if (frac == 0)
        snprintf(sec, sizeof sec, "%lld", (long long)s);
    else if (frac % 10 == 0)
        snprintf(sec, sizeof sec, "%lld.%lld", (long long)s, (long long)(frac / 10));
    else
        snprintf(sec, sizeof sec, "%lld.%02lld", (long long)s, (long long)frac);
    snprintf(out, 64, "PT%s%sS", hm, sec);
}

/* The scenario's language as an RFC 5646 tag (context.language), and the tag its title is
 * keyed by in language maps. */
static const char *lang_tag(const char *lang)
{
    if (lang && (strcmp(lang, "en") == 0 || strcmp(lang, "ru") == 0))
        return lang;
    return "und";
}

static const char *name_tag(const char *lang)
{
    if (lang && strcmp(lang, "en") == 0)
        return "en-US";
    if (lang && strcmp(lang, "ru") == 0)
        return "ru-RU";
    return "und";
}

/* An absolute IRI as the options must give: a scheme, ':', and no spaces or control bytes. */
static int absolute_iri(const char *s)
{
    size_t i = 0;
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
        return 0;
    while (s[i] &&
           strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-", s[i]))
        i++;
    if (s[i] != ':' || !s[i + 1])
        return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p <= 0x20 || *p == 0x7f || *p == '"' || *p == '<' || *p == '>' || *p == '\\')
            return 0;
    return 1;
}

/* ---- statements --------------------------------------------------------------------------- */

static json_t *actor(const xapi_ctx *x, const char *trainee)
{
    return json_pack("{s:s, s:o, s:{s:s, s:o}}", "objectType", "Agent", "name", jstr(trainee),
                     "account", "homePage", x->home, "name", jstr(trainee));
}

/* The group as a grouping activity, or NULL without a group (or memory). */
static json_t *group_activity(xapi_ctx *x, const char *group)
{
    if (!group || !group[0])
        return NULL;
    buf_clear(&x->tmp);
    buf_puts(&x->tmp, x->base);
    buf_puts(&x->tmp, "groups/");
    buf_segment(&x->tmp, group);
    return json_pack("{s:s, s:s, s:{s:{s:o}}}", "objectType", "Activity", "id", x->tmp.p,
                     "definition", "name", "und", jstr(group));
}

/* The workshop as a grouping activity (beside the group), or NULL without one (or memory). */
static json_t *workshop_activity(xapi_ctx *x, const char *workshop)
{
    if (!workshop || !workshop[0])
        return NULL;
    buf_clear(&x->tmp);
    buf_puts(&x->tmp, x->base);
    buf_puts(&x->tmp, "workshops/");
    buf_segment(&x->tmp, workshop);
    return json_pack("{s:s, s:s, s:{s:{s:o}}}", "objectType", "Activity", "id", x->tmp.p,
                     "definition", "name", "und", jstr(workshop));
}

/* The grouping activities: the group, then the workshop; NULL when there is neither (or out
 * of memory: *oom is then set). */
static json_t *grouping_of(xapi_ctx *x, const char *group, const char *workshop, int *oom)
{
    json_t *a = NULL;
    *oom = 0;
    const char *names[2] = {group, workshop};
    for (int i = 0; i < 2 && !*oom; i++) {
        if (!names[i] || !names[i][0])
            continue;
        json_t *g = i == 0 ? group_activity(x, names[i]) : workshop_activity(x, names[i]);
        if (!a)
            a = json_array();
        if (!g || !a || json_array_append_new(a, g) != 0)
            *oom = 1;
    }
    if (*oom) {
        json_decref(a);
        return NULL;
    }
    return a;
}

/* Adds the workshop's id and the session of the day to a context's extensions (nothing for a
 * session or round played outside a workshop: its statements are what they were before).
 * Returns 0, or -1 when out of memory. */
static int workshop_extensions(xapi_ctx *x, json_t *ext, const char *workshop,
                               const char *day_session)
{
    if (workshop && workshop[0] &&
        json_object_set_new(ext, x->key[K_WORKSHOP], jstr(workshop)) != 0)
        return -1;
    if (day_session && day_session[0] &&
        json_object_set_new(ext, x->key[K_DAY_SESSION], jstr(day_session)) != 0)
        return -1;
    return 0;
}

static json_t *verb(const char *name)
{
    return json_pack("{s:s+, s:{s:s}}", "id", ADL_VERB, name, "display", "en-US", name);
}

/* The scenario's activity IRI into x->tmp. */
static void scenario_iri(xapi_ctx *x, const fl_record *r)
{
    buf_clear(&x->tmp);
    buf_puts(&x->tmp, x->base);
    buf_puts(&x->tmp, "scenarios/");
    buf_segment(&x->tmp, r->scenario_id ? r->scenario_id : "");
}

/* context: the session as registration, the scenario as parent (replies), the group and the
 * workshop as grouping, and the facts about how the session was played. */
static json_t *context(xapi_ctx *x, const fl_record *r, int reply)
{
    json_t *parent = NULL, *grouping = NULL, *acts = NULL;
    if (reply) {
        scenario_iri(x, r);
        parent = json_pack("[{s:s, s:s}]", "objectType", "Activity", "id", x->tmp.p);
        if (!parent)
            return NULL;
    }
    int oom;
    grouping = grouping_of(x, r->group, r->workshop, &oom);
    if (oom) {
        json_decref(parent);
        return NULL;
    }
    if (parent || grouping) {
        acts = json_pack("{s:o*, s:o*}", "parent", parent, "grouping", grouping);
        if (!acts)
            return NULL;
    }
    json_t *ext = json_pack("{s:o, s:o, s:i, s:o, s:o, s:b}", x->key[K_MODE], jstr(r->mode),
                            x->key[K_PLAYER], jstr(r->player), x->key[K_SC_VERSION],
                            r->scenario_version, x->key[K_HASH], jstr(r->content_hash),
                            x->key[K_PROGRAM], jstr(r->program_version), x->key[K_TIMED], r->timed);
    if (ext && r->timed &&
        json_object_set_new(ext, x->key[K_TIME_FACTOR], json_real(r->time_factor)) != 0) {
        json_decref(ext);
        ext = NULL;
    }
    if (ext && workshop_extensions(x, ext, r->workshop, r->day_session) < 0) {
        json_decref(ext);
        ext = NULL;
    }
    /* A call of a stress round: registered under the round's registration, so that an LRS
     * query by registration returns the whole round, with the round, the call's number and the
     * session as extensions (all kept with the session itself: the statement is the same
     * whether or not the store holds the round). */
    const char *registration = r->id;
    if (ext && r->round[0]) {
        registration = r->registration[0] ? r->registration : r->round;
        if (json_object_set_new(ext, x->key[K_IN_ROUND], json_string(r->round)) != 0 ||
            json_object_set_new(ext, x->key[K_CALL], json_integer(r->call)) != 0 ||
            json_object_set_new(ext, x->key[K_SESSION], json_string(r->id)) != 0) {
            json_decref(ext);
            ext = NULL;
        }
    }
    return json_pack("{s:s, s:o*, s:s, s:s, s:o}", "registration", registration,
                     "contextActivities", acts, "platform", "Frontline", "language",
                     lang_tag(r->scenario_lang), "extensions", ext);
}

/* A figure rounded to hundredths (the meter's floats carry noise in their last bits). */
static json_t *hundredths(double v)
{
    double r = (double)(long long)(v * 100.0 + (v < 0 ? -0.5 : 0.5)) / 100.0;
    return json_real(r == 0 ? 0.0 : r);
}

static json_t *voice_flags(uint32_t flags)
{
    json_t *a = json_array();
    static const char *const names[3] = {"loud", "fast", "silent"};
    for (int i = 0; a && i < 3; i++)
        if ((flags & (1u << i)) && json_array_append_new(a, json_string(names[i])) != 0) {
            json_decref(a);
            a = NULL;
        }
    return a;
}

/* The session's replies read aloud, summed up (docs/xapi.md): beside the score, never in it. */
static json_t *voice_summary(const fl_record_voice *v)
{
    return json_pack("{s:i, s:i, s:o, s:o, s:i, s:i, s:i}", "replies", (int)v->replies, "heard",
                     (int)v->heard, "mean-rms-dbfs",
                     v->heard ? hundredths(v->rms_dbfs) : json_null(), "mean-syllables-per-s",
                     v->heard ? hundredths(v->syllables_per_s) : json_null(), "loud", (int)v->loud,
                     "fast", (int)v->fast, "silent", (int)v->silent);
}

/* One reply's figures as the tone meter measured them. */
static json_t *reply_voice(const fl_record_turn *t)
{
    const fl_voice_figures *f = &t->voice;
    return json_pack("{s:o, s:o, s:o, s:I, s:o, s:o, s:I, s:o}", "rms-dbfs",
                     hundredths(f->rms_dbfs), "peak-dbfs", hundredths(f->peak_dbfs),
                     "syllables-per-s", hundredths(f->syllables_per_s), "syllables",
                     (json_int_t)f->syllables, "speech-s", hundredths(f->speech_s), "pause-s",
                     hundredths(f->pause_s), "pauses", (json_int_t)f->pauses, "flags",
                     voice_flags(t->voice_flags));
}

static json_t *session_statement(xapi_ctx *x, const fl_record *r, uint32_t timeouts)
{
    const char *v = strcmp(r->mode ? r->mode : "", "assessment") == 0
                        ? (r->passed ? "passed" : "failed")
                        : "completed";
    char dur[64], ts[32];
    duration(r->ended_ms - r->started_ms, dur);
    fl_iso8601_utc(r->ended_ms, ts);

    json_t *ext = json_object();
    for (int d = 0; ext && d < FL_DIM_COUNT; d++)
        if (r->applicable[d] &&
            json_object_set_new(ext, x->dim_key[d], json_integer(r->score[d])) != 0) {
            json_decref(ext);
            ext = NULL;
        }
    json_t *more = json_pack(
        "{s:o, s:o, s:i, s:i, s:i, s:i, s:i, s:i, s:i}", x->key[K_OUTCOME], jstr(r->outcome),
        x->key[K_BAND], jstr(r->band), x->key[K_FINDINGS], (int)r->n_findings, x->key[K_REPLIES],
        (int)r->n_replies, x->key[K_TIMEOUTS], (int)timeouts, x->key[K_CSAT], r->csat,
        x->key[K_CES], r->ces, x->key[K_NPS], r->nps, x->key[K_WEIGHTED_MEAN], r->raw);
    /* The critical mistakes: why a session with a high weighted mean still failed. Left out for
     * sessions scored before critical mistakes existed, rather than claiming there were none. */
    if (more && r->critical >= 0 &&
        (json_object_set_new(more, x->key[K_CRITICAL_COUNT], json_integer(r->critical)) != 0 ||
         json_object_set_new(more, x->key[K_CRITICAL], word_array(r->critical_items)) != 0)) {
        json_decref(more);
        more = NULL;
    }
    /* The replies read aloud, when there were any (a session without is as before). */
    if (more && r->voice.replies &&
        json_object_set_new(more, x->key[K_VOICE], voice_summary(&r->voice)) != 0) {
        json_decref(more);
        more = NULL;
    }
    if (!ext || !more || json_object_update(ext, more) != 0) {
        json_decref(ext);
        json_decref(more);
        return NULL;
    }
    json_decref(more);

    scenario_iri(x, r);
    json_t *object = json_pack("{s:s, s:s, s:{s:{s:o}, s:s}}", "objectType", "Activity", "id",
                               x->tmp.p, "definition", "name", name_tag(r->scenario_lang),
                               jstr(r->scenario_title), "type", ADL_SIMULATION);
    json_t *result =
        json_pack("{s:{s:f, s:i, s:i, s:i}, s:b, s:b, s:s, s:o}", "score", "scaled",
                  r->overall / 100.0, "raw", r->overall, "min", 0, "max", 100, "success", r->passed,
                  "completion", 1, "duration", dur, "extensions", ext);
    return json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:s}", "id", r->xapi_id, "actor",
                     actor(x, r->trainee), "verb", verb(v), "object", object, "result", result,
                     "context", context(x, r, 0), "timestamp", ts);
}

/* The rules of the findings about reply number turn; only the critical ones when critical. */
static json_t *reply_findings(const fl_record *r, uint32_t turn, int critical)
{
    json_t *a = json_array();
    for (size_t i = 0; a && r->findings && i < r->n_findings_loaded; i++)
        if (r->findings[i].turn == turn && r->findings[i].rule &&
            (!critical || fl_record_finding_critical(r, i)) &&
            json_array_append_new(a, jstr(r->findings[i].rule)) != 0) {
            json_decref(a);
            a = NULL;
        }
    return a;
}

/* One trainee reply; asked is the customer's line it answers (NULL when unknown). */
static json_t *reply_statement(xapi_ctx *x, const fl_record *r, const fl_record_turn *t,
                               const fl_record_turn *asked)
{
    /* A picked reply is a choice; at a free-text node (route or fallback) the reply is typed
     * words, also when a script named the route directly: the node's interaction type then
     * stays the same in every statement about it. */
    int choice = t->kind && strcmp(t->kind, "choice") == 0;
    const char *response = choice || !t->text ? t->reply : t->text;
    char dur[64], ts[32];
    duration(t->took_ms, dur);
    fl_iso8601_utc(t->at_ms ? t->at_ms : r->started_ms, ts);

    scenario_iri(x, r);
    buf_puts(&x->tmp, "/nodes/");
    buf_segment(&x->tmp, t->node ? t->node : "");
    json_t *object = json_pack("{s:s, s:s, s:{s:{s:o}, s:s, s:s}}", "objectType", "Activity", "id",
                               x->tmp.p, "definition", "name", name_tag(r->scenario_lang),
                               jstr(asked && asked->text ? asked->text : t->node), "type",
                               ADL_INTERACT, "interactionType", choice ? "choice" : "fill-in");

    json_t *ext =
        json_pack("{s:o, s:o, s:o, s:o, s:o, s:i, s:i, s:i, s:i, s:I}", x->key[K_REPLY_ID],
                  jstr(t->reply), x->key[K_REPLY_KIND], jstr(t->kind), x->key[K_SIGNALS],
                  word_array(t->signals), x->key[K_REPLY_FINDINGS], reply_findings(r, t->turn, 0),
                  x->key[K_REPLY_CRITICAL], reply_findings(r, t->turn, 1), x->key[K_MOOD], t->mood,
                  x->key[K_PATIENCE], t->patience, x->key[K_TRUST], t->trust, x->key[K_GOODWILL],
                  t->goodwill, x->key[K_ELAPSED], (json_int_t)t->elapsed_ms);
    if (ext && t->typed &&
        (json_object_set_new(ext, x->key[K_DETECTED], word_array(t->detected)) != 0 ||
         (t->triggers && json_object_set_new(ext, x->key[K_TRIGGERS], jstr(t->triggers)) != 0))) {
        json_decref(ext);
        ext = NULL;
    }
    if (ext && t->has_voice &&
        json_object_set_new(ext, x->key[K_REPLY_VOICE], reply_voice(t)) != 0) {
        json_decref(ext);
        ext = NULL;
    }
    json_t *result = json_pack("{s:o, s:s, s:o}", "response", jstr(response), "duration", dur,
                               "extensions", ext);
    return json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:s}", "id", t->xapi_id, "actor",
                     actor(x, r->trainee), "verb", verb("answered"), "object", object, "result",
                     result, "context", context(x, r, 1), "timestamp", ts);
}

/* Writes one statement (stolen) to the output and queues it for the LRS; what and id name
 * the session or round it is of, for the message when memory ran out building it. */
static int emit_of(xapi_ctx *x, json_t *st, const char *what, const char *id)
{
    if (!st) {
        fprintf(stderr, "frontline report: out of memory building the xAPI statements of %s %s\n",
                what, id);
        return -1;
    }
    fputs(x->written ? ",\n" : "\n", x->out);
    if (json_dumpf(st, x->out, DUMP_FLAGS) != 0 || ferror(x->out)) {
        fprintf(stderr, "frontline report: ");
        fprintf(stderr, fl_word(FL_W_CMD_RPT_CANNOT_WRITE, fl_user_lang()), x->out_name,
                strerror(errno ? errno : EIO));
        fputc('\n', stderr);
        x->write_failed = 1;
        json_decref(st);
        return -1;
    }
    x->written++;
    if (x->lrs && !x->lrs_failed) {
        json_array_append(x->batch, st);
        if (json_array_size(x->batch) >= FL_XAPI_BATCH) {
            char err[768];
            if (fl_lrs_send(x->lrs, x->batch, err, sizeof err) != 0) {
                fprintf(stderr, "frontline report: %s\n", err);
                x->lrs_failed = 1;
            }
            json_array_clear(x->batch);
        }
    }
    json_decref(st);
    return 0;
}

static int emit(xapi_ctx *x, json_t *st, const fl_record *r)
{
    return emit_of(x, st, "session", r->id);
}

/* ---- stress rounds ------------------------------------------------------------------------ */

/* The round file as an Activity: <base>rounds/<its id>, named by its title. */
static json_t *round_object(xapi_ctx *x, const fl_round_record *r)
{
    buf_clear(&x->tmp);
    buf_puts(&x->tmp, x->base);
    buf_puts(&x->tmp, "rounds/");
    buf_segment(&x->tmp, r->def_id ? r->def_id : "");
    return json_pack("{s:s, s:s, s:{s:{s:o}, s:s}}", "objectType", "Activity", "id", x->tmp.p,
                     "definition", "name", name_tag(r->lang),
                     jstr(r->title && *r->title ? r->title : r->def_id), "type", ADL_SIMULATION);
}

/* The round's context: its registration, the group and the workshop, and how it was played
 * (the time extension among them: a round played with one is marked). */
static json_t *round_context(xapi_ctx *x, const fl_round_record *r)
{
    json_t *acts = NULL;
    int oom;
    json_t *grouping = grouping_of(x, r->group, r->workshop, &oom);
    if (oom)
        return NULL;
    if (grouping && !(acts = json_pack("{s:o}", "grouping", grouping)))
        return NULL;
    char seed[24];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)r->seed);
    json_t *ext =
        json_pack("{s:o, s:o, s:i, s:o, s:o, s:b, s:s, s:i, s:i}", x->key[K_MODE], jstr(r->mode),
                  x->key[K_PLAYER], jstr(r->player), x->key[K_ROUND_VERSION], r->version,
                  x->key[K_HASH], jstr(r->content_hash), x->key[K_PROGRAM],
                  jstr(r->program_version), x->key[K_TIMED], r->timed, x->key[K_SEED], seed,
                  x->key[K_AT_ONCE], (int)r->at_once, x->key[K_CUSTOMERS], (int)r->customers);
    if (ext && r->timed &&
        json_object_set_new(ext, x->key[K_TIME_FACTOR], json_real(r->time_factor)) != 0) {
        json_decref(ext);
        ext = NULL;
    }
    if (ext && workshop_extensions(x, ext, r->workshop, r->day_session) < 0) {
        json_decref(ext);
        ext = NULL;
    }
    if (!ext) {
        json_decref(acts);
        return NULL;
    }
    return json_pack("{s:s, s:o*, s:s, s:s, s:o}", "registration", r->registration,
                     "contextActivities", acts, "platform", "Frontline", "language",
                     lang_tag(r->lang), "extensions", ext);
}

static json_t *round_attempted(xapi_ctx *x, const fl_round_record *r)
{
    char ts[32];
    fl_iso8601_utc(r->started_ms, ts);
    return json_pack("{s:s, s:o, s:o, s:o, s:o, s:s}", "id", r->xapi_attempted, "actor",
                     actor(x, r->trainee), "verb", verb("attempted"), "object", round_object(x, r),
                     "context", round_context(x, r), "timestamp", ts);
}

/* Sets key to v (stolen) in o; returns 0, or -1 (o freed) when v is NULL or memory ran out. */
static int put_ext(json_t **o, const char *key, json_t *v)
{
    if (*o && v && json_object_set_new(*o, key, v) == 0)
        return 0;
    json_decref(*o);
    *o = NULL;
    return -1;
}

static json_t *round_result(xapi_ctx *x, const fl_round_record *r)
{
    const fl_round_figures *f = &r->fig;
    /* Played to the end: passed or failed in an assessment, completed in practice (success
     * still says whether it passed). Left early: terminated, not complete. */
    const char *v = !r->finished ? "terminated"
                    : strcmp(r->mode ? r->mode : "", "assessment") == 0
                        ? (f->passed ? "passed" : "failed")
                        : "completed";
    char dur[64], ts[32];
    duration(r->ended_ms - r->started_ms, dur);
    fl_iso8601_utc(r->ended_ms, ts);
    json_t *ext = json_object();
    const struct {
        int k;
        json_int_t v;
    } counts[] = {
        {K_CUSTOMERS, r->customers},
        {K_ARRIVED, f->arrived},
        {K_RESOLVED, f->resolved},
        {K_LOST, f->lost},
        {K_OTHER, f->other},
        {K_UNFINISHED, f->unfinished},
        {K_ROUND_MS, (json_int_t)f->duration_ms},
        {K_MEAN_REPLY, f->mean_reply_ms},
    };
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++)
        put_ext(&ext, x->key[counts[i].k], json_integer(counts[i].v));
    put_ext(&ext, x->key[K_PER_MINUTE], json_real(f->per_minute));
    put_ext(&ext, x->key[K_CANNED], json_real(f->canned_share));
    json_t *load = json_array();
    for (int k = 0; load && k < FL_ROUND_MAX_AT_ONCE; k++)
        if (json_array_append_new(load, json_pack("{s:i, s:I, s:I, s:I}", "live", k + 1, "replies",
                                                  (json_int_t)f->by_load[k].replies, "canned",
                                                  (json_int_t)f->by_load[k].canned, "mean-reply-ms",
                                                  (json_int_t)f->by_load[k].mean_reply_ms)) != 0) {
            json_decref(load);
            load = NULL;
        }
    put_ext(&ext, x->key[K_BY_LOAD], load);
    /* A figure that had nothing to be measured on is left out, never sent as a 0. */
    const struct {
        int k, v;
    } opt[] = {{K_RESPONSIVENESS, f->responsiveness}, {K_TONE, f->tone}, {K_EMPATHY, f->empathy}};
    for (size_t i = 0; i < sizeof opt / sizeof opt[0]; i++)
        if (opt[i].v >= 0)
            put_ext(&ext, x->key[opt[i].k], json_integer(opt[i].v));
    if (f->has_baseline) {
        put_ext(&ext, x->key[K_COMPOSURE], json_integer(f->composure));
        put_ext(&ext, x->key[K_COMPOSURE_TONE], json_integer(f->composure_tone));
        put_ext(&ext, x->key[K_COMPOSURE_EMPATHY], json_integer(f->composure_empathy));
        if (r->baseline_sessions)
            put_ext(&ext, x->key[K_BASELINE], json_integer(r->baseline_sessions));
    }
    if (!ext)
        return NULL;
    json_t *result;
    if (f->mean_score >= 0)
        result =
            json_pack("{s:{s:f, s:i, s:i, s:i}, s:b, s:b, s:s, s:o}", "score", "scaled",
                      f->mean_score / 100.0, "raw", f->mean_score, "min", 0, "max", 100, "success",
                      f->passed, "completion", r->finished, "duration", dur, "extensions", ext);
    else
        result = json_pack("{s:b, s:b, s:s, s:o}", "success", f->passed, "completion", r->finished,
                           "duration", dur, "extensions", ext);
    return json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:s}", "id", r->xapi_result, "actor",
                     actor(x, r->trainee), "verb", verb(v), "object", round_object(x, r), "result",
                     result, "context", round_context(x, r), "timestamp", ts);
}

/* Writes the held-back result statements of rounds that ended at or before until_ms. */
static int flush_rounds(xapi_ctx *x, int64_t until_ms)
{
    size_t i = 0;
    int rc = 0;
    for (; i < x->n_pend && x->pend[i].ended_ms <= until_ms && rc == 0; i++) {
        rc = emit_of(x, x->pend[i].st, "round", x->pend[i].id);
        x->pend[i].st = NULL;
    }
    if (i) /* pend is NULL while no round has been held back */
        memmove(x->pend, x->pend + i, (x->n_pend - i) * sizeof *x->pend);
    x->n_pend -= i;
    return rc;
}

static int xapi_round(void *ctx, const fl_round_record *r)
{
    xapi_ctx *x = ctx;
    if (!fl_round_record_closed(r)) {
        /* Being played, or broken off by a crash: no result to report, and an LRS cannot be
         * told later that a statement was incomplete. */
        x->rounds_open++;
        return 0;
    }
    if (!r->xapi_attempted[0] || !r->xapi_result[0] || !r->registration[0]) {
        fprintf(stderr, "frontline report: round %s has no stored xAPI ids\n", r->id);
        return -1;
    }
    if (flush_rounds(x, r->started_ms) != 0 || emit_of(x, round_attempted(x, r), "round", r->id))
        return -1;
    json_t *st = round_result(x, r);
    if (!st)
        return emit_of(x, NULL, "round", r->id);
    if (FL_GROW(x->pend, x->cap_pend, x->n_pend + 1)) {
        json_decref(st);
        return emit_of(x, NULL, "round", r->id);
    }
    /* kept in order of ending */
    size_t at = x->n_pend;
    while (at > 0 && x->pend[at - 1].ended_ms > r->ended_ms)
        at--;
    memmove(x->pend + at + 1, x->pend + at, (x->n_pend - at) * sizeof *x->pend);
    x->pend[at].ended_ms = r->ended_ms;
    x->pend[at].st = st;
    memcpy(x->pend[at].id, r->id, sizeof r->id);
    x->n_pend++;
    x->rounds++;
    return 0;
}

/* ---- the format --------------------------------------------------------------------------- */

static void ctx_free(xapi_ctx *x)
{
    if (!x)
        return;
    free(x->home);
    free(x->base);
    for (int k = 0; k < K_COUNT; k++)
        free(x->key[k]);
    for (int d = 0; d < FL_DIM_COUNT; d++)
        free(x->dim_key[d]);
    fl_lrs_close(x->lrs);
    json_decref(x->batch);
    free(x->tmp.p);
    for (size_t i = 0; i < x->n_pend; i++)
        json_decref(x->pend[i].st);
    free(x->pend);
    free(x);
}

static int xapi_begin(void **ctx, const fl_report_opts *o, int64_t total)
{
    (void)total;
    *ctx = NULL;
    const char *home = o->account_home ? o->account_home : "";
    const char *base = o->activity_base ? o->activity_base : "";
    if (!absolute_iri(home)) {
        fprintf(stderr,
                "frontline report: --account-home '%s' is not an absolute IRI (such as "
                "https://lms.example.com/)\n",
                home);
        return -1;
    }
    if (!absolute_iri(base)) {
        fprintf(stderr,
                "frontline report: --activity-base '%s' is not an absolute IRI (such as "
                "https://lms.example.com/frontline/)\n",
                base);
        return -1;
    }
    xapi_ctx *x = calloc(1, sizeof *x);
    if (!x)
        goto nomem;
    x->out = o->out;
    x->out_name = o->out_name ? o->out_name : "the output";
    x->home = concat(home, "");
    x->base = concat(base, base[strlen(base) - 1] == '/' ? "" : "/");
    if (!x->home || !x->base)
        goto nomem;
    for (int k = 0; k < K_COUNT; k++)
        if (!(x->key[k] = concat(x->base, key_paths[k])))
            goto nomem;
    for (int d = 0; d < FL_DIM_COUNT; d++) {
        buf_clear(&x->tmp);
        buf_puts(&x->tmp, x->base);
        buf_puts(&x->tmp, "xapi/dimension/");
        buf_puts(&x->tmp, fl_dimension_name((fl_dimension)d));
        if (x->tmp.nomem || !(x->dim_key[d] = concat(x->tmp.p, "")))
            goto nomem;
    }
    if (o->lrs_url) {
        char err[768];
        if (fl_lrs_open(&x->lrs, o->lrs_url, o->lrs_auth, err, sizeof err) != 0) {
            fprintf(stderr, "frontline report: %s\n", err);
            ctx_free(x);
            return -1;
        }
        if (!(x->batch = json_array()))
            goto nomem;
    }
    fputs("[", x->out);
    *ctx = x;
    return 0;
nomem:
    fprintf(stderr, "frontline report: out of memory\n");
    ctx_free(x);
    return -1;
}

static int xapi_session(void *ctx, const fl_record *r)
{
    xapi_ctx *x = ctx;
    /* the rounds that ended before this session began: their calls are all out */
    if (flush_rounds(x, r->started_ms) != 0)
        return -1;
    if (!r->attempted) {
        /* Quit before any reply or timeout: nothing was done to report, and a score of 0 (or a
         * "failed") would be a result the trainee never produced. */
        x->not_attempted++;
        return 0;
    }
    if (!r->finished) {
        /* No result to report: a session that is still being played is exported whole, with
         * its replies, once it has ended; one that was stopped or broken off never will be. */
        x->unfinished++;
        return 0;
    }
    /* The ids are the store's (made once, when the session was written); making new ones here
     * would turn every export into new records in the LRS. */
    if (!r->xapi_id[0]) {
        fprintf(stderr, "frontline report: session %s has no stored xAPI statement id\n", r->id);
        return -1;
    }
    x->sessions++;
    uint32_t timeouts = 0;
    for (size_t i = 0; r->turns && i < r->n_turns; i++) {
        const fl_record_turn *t = &r->turns[i];
        if (t->speaker != FL_SPEAKER_TRAINEE || t->taken_back)
            continue;
        /* Silence is not an answer: a timeout has no response to record, and what it costs
         * shows in the session's responsiveness score and its timeouts extension. */
        if ((t->kind && strcmp(t->kind, "timeout") == 0) || (!t->text && !t->reply)) {
            timeouts++;
            continue;
        }
        /* The customer's line this reply answers: the last one said at the same node (after a
         * take-back, lines of the abandoned branch lie in between). */
        const fl_record_turn *a = NULL;
        for (size_t j = i; j-- > 0 && !a;)
            if (r->turns[j].speaker == FL_SPEAKER_CUSTOMER && r->turns[j].node && t->node &&
                strcmp(r->turns[j].node, t->node) == 0)
                a = &r->turns[j];
        if (!t->xapi_id[0]) {
            fprintf(stderr,
                    "frontline report: reply %u of session %s has no stored xAPI statement id\n",
                    t->turn, r->id);
            return -1;
        }
        if (emit(x, reply_statement(x, r, t, a), r) != 0)
            return -1;
    }
    if (x->tmp.nomem)
        return emit(x, NULL, r);
    return emit(x, session_statement(x, r, timeouts), r);
}

static int xapi_end(void *ctx, int failed)
{
    xapi_ctx *x = ctx;
    if (!x)
        return -1;
    int rc = 0;
    if (!failed && flush_rounds(x, INT64_MAX) != 0)
        rc = -1;
    fputs(x->written ? "\n]\n" : "]\n", x->out);
    if ((fflush(x->out) != 0 || ferror(x->out)) && !x->write_failed) {
        fprintf(stderr, "frontline report: ");
        fprintf(stderr, fl_word(FL_W_CMD_RPT_CANNOT_WRITE, fl_user_lang()), x->out_name,
                strerror(errno ? errno : EIO));
        fputc('\n', stderr);
        rc = -1;
    } else if (x->write_failed) {
        rc = -1;
    }
    if (x->unfinished)
        fprintf(stderr,
                "frontline report: %lld unfinished session%s left out of the xAPI "
                "statements\n",
                (long long)x->unfinished, x->unfinished == 1 ? "" : "s");
    if (x->rounds_open)
        fprintf(stderr,
                "frontline report: %lld stress round%s not finished (still being played, or "
                "broken off) left out of the xAPI statements\n",
                (long long)x->rounds_open, x->rounds_open == 1 ? "" : "s");
    if (x->not_attempted)
        fprintf(stderr,
                "frontline report: %lld session%s not attempted (stopped before any reply) left "
                "out of the xAPI statements\n",
                (long long)x->not_attempted, x->not_attempted == 1 ? "" : "s");
    if (x->lrs) {
        char err[768];
        if (!failed && !x->lrs_failed && fl_lrs_send(x->lrs, x->batch, err, sizeof err) != 0) {
            fprintf(stderr, "frontline report: %s\n", err);
            x->lrs_failed = 1;
        }
        long long sent = (long long)fl_lrs_sent(x->lrs);
        long long one = (long long)fl_lrs_sent_one_by_one(x->lrs);
        if (x->lrs_failed || failed)
            fprintf(stderr,
                    "frontline report: %lld of %lld statements were sent to %s; sending again "
                    "is safe (statement ids are stable)\n",
                    sent, (long long)x->written, fl_lrs_url(x->lrs));
        else if (one)
            fprintf(stderr,
                    "frontline report: %lld statements sent to %s (%lld one by one, as the LRS "
                    "already held some of them)\n",
                    sent, fl_lrs_url(x->lrs), one);
        else
            fprintf(stderr, "frontline report: %lld statements sent to %s\n", sent,
                    fl_lrs_url(x->lrs));
        if (x->lrs_failed)
            rc = -1;
    }
    ctx_free(x);
    return rc;
}

const fl_report_format fl_report_xapi = {
    .name = "xapi",
    .load = FL_LOAD_TURNS | FL_LOAD_FINDINGS,
    .begin = xapi_begin,
    .session = xapi_session,
    .end = xapi_end,
    .round = xapi_round,
};
