/*
 * record.c - a session record as JSON and back, times, and session ids; see record.h.
 *
 * The JSON form is the complete data: `frontline report --format json` prints an array of it,
 * and the recorder's fallback file is one of it, so that `frontline import` can read back
 * exactly what was exported or saved. Scores, band, pass, critical mistakes and survey are null
 * for an unfinished session and for one not attempted (quit before any reply or timeout): such a
 * conversation has no result to report, and a 0 would drag averages down.
 */
#include "alloc.h"
#include "catalogue.h"
#include "diag.h"
#include "record.h"
#include "utf8.h"
#include "vec.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

/* ---- times and ids ---------------------------------------------------------------------- */

void fl_iso8601_utc(int64_t ms, char out[32])
{
    time_t t = (time_t)(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
    int frac = (int)(ms - (int64_t)t * 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    /* The modulos bound every field, so the text always fits (and the compiler can see it). */
    snprintf(out, 32, "%04u-%02u-%02uT%02u:%02u:%02u.%03uZ", (unsigned)(tm.tm_year + 1900) % 10000u,
             (unsigned)(tm.tm_mon + 1) % 100u, (unsigned)tm.tm_mday % 100u,
             (unsigned)tm.tm_hour % 100u, (unsigned)tm.tm_min % 100u, (unsigned)tm.tm_sec % 100u,
             (unsigned)frac % 1000u);
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* n decimal digits at s as a number, or -1 when one of them is not a digit (no sign, no space:
 * sscanf's %d took "-026" and " 26" as years). */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static int days_in_month(int y, int m)
{
    static const unsigned char days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

int fl_iso8601_parse(const char *s, int64_t *ms)
{
    /* exactly fl_iso8601_utc's form: "YYYY-MM-DDTHH:MM:SS" then ".mmm" or nothing, then "Z" */
    static const char shape[] = "dddd-dd-ddTdd:dd:dd";
    for (size_t i = 0; i < sizeof(shape) - 1; i++)
        if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != shape[i])
            return -1;
    int y = digits(s, 4), mo = digits(s + 5, 2), d = digits(s + 8, 2);
    int h = digits(s + 11, 2), mi = digits(s + 14, 2), sec = digits(s + 17, 2);
    if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 ||
        sec > 59)
        return -1;
    const char *p = s + 19;
    int frac = 0;
    if (*p == '.') {
        frac = digits(p + 1, 3);
        if (frac < 0)
            return -1;
        p += 4;
    }
    if (strcmp(p, "Z") != 0)
        return -1;
    *ms = ((days_from_civil(y, mo, d) * 24 + h) * 60 + mi) * 60000 + (int64_t)sec * 1000 + frac;
    return 0;
}

int fl_uuid4(char out[FL_UUID_LEN + 1])
{
    unsigned char b[16];
    size_t got = 0;
    while (got < sizeof(b)) {
        ssize_t n = getrandom(b + got, sizeof(b) - got, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        got += (size_t)n;
    }
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40); /* version 4 */
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80); /* RFC 4122 variant */
    static const char hex[] = "0123456789abcdef";
    char *o = out;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *o++ = '-';
        *o++ = hex[b[i] >> 4];
        *o++ = hex[b[i] & 15];
    }
    *o = '\0';
    return 0;
}

/* ---- to JSON ---------------------------------------------------------------------------- */

/* The length of the valid UTF-8 sequence at s (1..4), or 0 when the bytes there are not one
 * (a stray continuation byte, an overlong form, a surrogate, a sequence cut short). */
static size_t utf8_char(const unsigned char *s)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    size_t n = c >= 0xc2 && c <= 0xdf   ? 2
               : c >= 0xe0 && c <= 0xef ? 3
               : c >= 0xf0 && c <= 0xf4 ? 4
                                        : 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xc0) != 0x80)
            return 0;
    if ((c == 0xe0 && s[1] < 0xa0) || (c == 0xed && s[1] > 0x9f) || (c == 0xf0 && s[1] < 0x90) ||
        (c == 0xf4 && s[1] > 0x8f))
        return 0;
    return n;
}

char *fl_record_utf8(const char *s)
{
    size_t len = strlen(s);
    char *out = fl_malloc(3 * len + 1), *o = out;
    if (!out)
        return NULL;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t n = utf8_char(p);
        if (n) {
            memcpy(o, p, n);
            o += n;
            p += n;
            continue;
        }
        /* a name cut in the middle of a character loses only that character */
        size_t rest = strlen((const char *)p);
        int cut_at_end = (p[0] & 0xc0) == 0xc0 && rest < 4;
        for (size_t i = 1; cut_at_end && i < rest; i++)
            cut_at_end = (p[i] & 0xc0) == 0x80;
        if (cut_at_end)
            break;
        memcpy(o, "\xEF\xBF\xBD", 3); /* U+FFFD REPLACEMENT CHARACTER */
        o += 3;
        p++;
    }
    *o = '\0';
    return out;
}

/* A JSON string of s, which must always be there: text that is not valid UTF-8 (which jansson
 * refuses, and the key would be lost, a session "with no trainee at all") is repaired first. */
static json_t *text_json(const char *s)
{
    json_t *j = json_string(s);
    if (j)
        return j;
    char *fixed = fl_record_utf8(s);
    j = fixed ? json_string(fixed) : NULL;
    free(fixed);
    return j;
}

static json_t *str_or_null(const char *s)
{
    return s ? text_json(s) : json_null();
}

/* The workshop and the session of the day, {"id": .., "session": ..}, or NULL when the session
 * or round was not played in a workshop (the key is then left out, as before schema 5). */
static json_t *workshop_json(const char *workshop, const char *day_session)
{
    if ((!workshop || !workshop[0]) && (!day_session || !day_session[0]))
        return NULL;
    json_t *o = json_object();
    json_object_set_new(o, "id", text_json(workshop ? workshop : ""));
    json_object_set_new(o, "session", text_json(day_session ? day_session : ""));
    return o;
}

static json_t *time_or_null(int64_t ms)
{
    if (!ms)
        return json_null();
    char buf[32];
    fl_iso8601_utc(ms, buf);
    return json_string(buf);
}

/* "apology empathy" -> ["apology", "empathy"] */
static json_t *words_json(const char *s)
{
    if (!s)
        return json_null();
    json_t *a = json_array();
    while (*s) {
        while (*s == ' ')
            s++;
        const char *e = s;
        while (*e && *e != ' ')
            e++;
        if (e > s)
            json_array_append_new(a, json_stringn(s, (size_t)(e - s)));
        s = e;
    }
    return a;
}

/* ---- the voice ------------------------------------------------------------------------- */

static const char *const voice_flag_names[3] = {"loud", "fast", "silent"}; /* FL_VOICE_* bits */

void fl_record_voice_summary(const fl_record_turn *turns, size_t n, fl_record_voice *out)
{
    memset(out, 0, sizeof(*out));
    double rms = 0, sps = 0;
    for (size_t i = 0; turns && i < n; i++) {
        const fl_record_turn *t = &turns[i];
        if (t->speaker != FL_SPEAKER_TRAINEE || t->taken_back || !t->has_voice)
            continue;
        out->replies++;
        out->loud += (t->voice_flags & FL_VOICE_LOUD) != 0;
        out->fast += (t->voice_flags & FL_VOICE_FAST) != 0;
        if (t->voice_flags & FL_VOICE_SILENT) {
            out->silent++;
            continue;
        }
        out->heard++;
        rms += t->voice.rms_dbfs;
        sps += t->voice.syllables_per_s;
    }
    if (out->heard) {
        out->rms_dbfs = rms / out->heard;
        out->syllables_per_s = sps / out->heard;
    }
}

/* v rounded to hundredths, as `play --script` writes the figures (they are floats: their last
 * bits are the meter's noise, and 0.01 dB or syllable a second is finer than anyone reads). */
static json_t *hundredths(double v)
{
    double r = (double)(long long)(v * 100.0 + (v < 0 ? -0.5 : 0.5)) / 100.0;
    return json_real(r == 0 ? 0.0 : r); /* never "-0.0" */
}

static json_t *voice_flags_json(uint32_t flags)
{
    json_t *a = json_array();
    for (int i = 0; i < 3; i++)
        if (flags & (1u << i))
            json_array_append_new(a, json_string(voice_flag_names[i]));
    return a;
}

/* A reply's voice figures: the keys of `play --script`'s JSON. */
static json_t *turn_voice_json(const fl_record_turn *t)
{
    const fl_voice_figures *f = &t->voice;
    json_t *o = json_object();
    json_object_set_new(o, "rms_dbfs", hundredths(f->rms_dbfs));
    json_object_set_new(o, "peak_dbfs", hundredths(f->peak_dbfs));
    json_object_set_new(o, "syllables_per_s", hundredths(f->syllables_per_s));
    json_object_set_new(o, "syllables", json_integer(f->syllables));
    json_object_set_new(o, "speech_s", hundredths(f->speech_s));
    json_object_set_new(o, "pause_s", hundredths(f->pause_s));
    json_object_set_new(o, "pauses", json_integer(f->pauses));
    json_object_set_new(o, "flags", voice_flags_json(t->voice_flags));
    return o;
}

/* A session's replies read aloud, summed up with `play --script`'s keys (null means where none
 * was heard). */
static json_t *session_voice_json(const fl_record_voice *v)
{
    json_t *o = json_object();
    json_object_set_new(o, "replies_read_aloud", json_integer(v->replies));
    json_object_set_new(o, "heard", json_integer(v->heard));
    json_object_set_new(o, "mean_rms_dbfs", v->heard ? hundredths(v->rms_dbfs) : json_null());
    json_object_set_new(o, "mean_syllables_per_s",
                        v->heard ? hundredths(v->syllables_per_s) : json_null());
    json_object_set_new(o, "loud", json_integer(v->loud));
    json_object_set_new(o, "fast", json_integer(v->fast));
    json_object_set_new(o, "silent", json_integer(v->silent));
    return o;
}

static json_t *turn_json(const fl_record_turn *t)
{
    json_t *o = json_object();
    json_object_set_new(o, "seq", json_integer(t->seq));
    json_object_set_new(o, "turn", json_integer(t->turn));
    int trainee = t->speaker == FL_SPEAKER_TRAINEE;
    json_object_set_new(o, "speaker", json_string(trainee ? "trainee" : "customer"));
    json_object_set_new(o, "node", json_string(t->node ? t->node : ""));
    json_object_set_new(o, "text", str_or_null(t->text));
    if (trainee) {
        json_object_set_new(o, "kind", str_or_null(t->kind));
        json_object_set_new(o, "reply", str_or_null(t->reply));
        json_object_set_new(o, "typed", json_boolean(t->typed));
        json_object_set_new(o, "signals", words_json(t->signals ? t->signals : ""));
        json_object_set_new(o, "detected", words_json(t->detected));
        json_object_set_new(o, "triggers", str_or_null(t->triggers));
        json_object_set_new(o, "took_ms", json_integer(t->took_ms));
        json_object_set_new(o, "taken_back", json_boolean(t->taken_back));
        json_object_set_new(o, "xapi_id", json_string(t->xapi_id));
        /* only a reply read aloud: an export without any is what it was before schema 4 */
        if (t->has_voice)
            json_object_set_new(o, "voice", turn_voice_json(t));
    } else {
        json_object_set_new(o, "emotion", str_or_null(t->emotion));
    }
    json_t *st = json_object();
    json_object_set_new(st, "mood", json_integer(t->mood));
    json_object_set_new(st, "patience", json_integer(t->patience));
    json_object_set_new(st, "trust", json_integer(t->trust));
    json_object_set_new(st, "goodwill", json_integer(t->goodwill));
    json_object_set_new(st, "elapsed_ms", json_integer((json_int_t)t->elapsed_ms));
    json_object_set_new(o, "state", st);
    json_object_set_new(o, "at", time_or_null(t->at_ms));
    return o;
}

static json_t *finding_json(const fl_record *r, size_t i)
{
    const fl_record_finding *f = &r->findings[i];
    json_t *o = json_object();
    json_object_set_new(o, "turn", json_integer(f->turn));
    json_object_set_new(o, "dimension", str_or_null(f->dimension));
    json_object_set_new(o, "points", json_integer(f->points));
    json_object_set_new(o, "severity", json_string(f->severity ? f->severity : "info"));
    json_object_set_new(o, "critical", json_boolean(fl_record_finding_critical(r, i)));
    json_object_set_new(o, "rule", json_string(f->rule ? f->rule : ""));
    json_object_set_new(o, "message", json_string(f->message ? f->message : ""));
    json_object_set_new(o, "note", str_or_null(fl_record_finding_note(r, i)));
    json_object_set_new(o, "better", str_or_null(f->better));
    json_object_set_new(o, "reply", str_or_null(f->reply));
    return o;
}

json_t *fl_record_to_json(const fl_record *r)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    json_object_set_new(o, "session", json_string(r->id));
    json_object_set_new(o, "xapi_id", json_string(r->xapi_id));
    json_object_set_new(o, "trainee", text_json(r->trainee ? r->trainee : ""));
    json_object_set_new(o, "group", text_json(r->group ? r->group : ""));
    json_t *w = workshop_json(r->workshop, r->day_session);
    if (w)
        json_object_set_new(o, "workshop", w);
    json_t *sc = json_object();
    json_object_set_new(sc, "id", json_string(r->scenario_id ? r->scenario_id : ""));
    json_object_set_new(sc, "version", json_integer(r->scenario_version));
    json_object_set_new(sc, "title", str_or_null(r->scenario_title));
    json_object_set_new(sc, "lang", str_or_null(r->scenario_lang));
    json_object_set_new(sc, "content_hash", str_or_null(r->content_hash));
    json_object_set_new(o, "scenario", sc);
    json_object_set_new(o, "mode", json_string(r->mode ? r->mode : "practice"));
    json_object_set_new(o, "player", json_string(r->player ? r->player : ""));
    json_object_set_new(o, "seed", json_integer((json_int_t)r->seed));
    json_object_set_new(o, "started", time_or_null(r->started_ms));
    json_object_set_new(o, "ended", time_or_null(r->ended_ms));
    json_object_set_new(o, "timed", json_boolean(r->timed));
    json_object_set_new(o, "time_factor", r->timed ? json_real(r->time_factor) : json_null());
    json_object_set_new(o, "finished", json_boolean(r->finished));
    json_object_set_new(o, "attempted", json_boolean(r->attempted));
    /* A session that never reached an ending, or had no turn at all, has no result: null, never
     * a 0 that an average would take in. */
    int fin = fl_record_scored(r);
    json_object_set_new(o, "outcome", r->finished ? str_or_null(r->outcome) : json_null());
    json_object_set_new(o, "overall", fin ? json_integer(r->overall) : json_null());
    json_object_set_new(o, "raw", fin ? json_integer(r->raw) : json_null());
    json_object_set_new(o, "band", fin ? json_string(r->band) : json_null());
    json_object_set_new(o, "passed", fin ? json_boolean(r->passed) : json_null());
    int crit = fin && r->critical >= 0;
    json_object_set_new(o, "critical_mistakes", crit ? json_integer(r->critical) : json_null());
    json_object_set_new(
        o, "critical", crit ? words_json(r->critical_items ? r->critical_items : "") : json_null());
    json_t *dims = json_object();
    for (int d = 0; d < FL_DIM_COUNT; d++)
        json_object_set_new(dims, fl_dimension_name((fl_dimension)d),
                            fin && r->applicable[d] ? json_integer(r->score[d]) : json_null());
    json_object_set_new(o, "dimensions", dims);
    if (fin) {
        json_t *sv = json_object();
        json_object_set_new(sv, "csat", json_integer(r->csat));
        json_object_set_new(sv, "ces", json_integer(r->ces));
        json_object_set_new(sv, "nps", json_integer(r->nps));
        json_object_set_new(o, "survey", sv);
    } else {
        json_object_set_new(o, "survey", json_null());
    }
    json_object_set_new(o, "program_version",
                        json_string(r->program_version ? r->program_version : ""));
    json_object_set_new(o, "replies", json_integer(r->n_replies));
    json_object_set_new(o, "findings_count", json_integer(r->n_findings));
    /* A call of a stress round names its round; a single conversation has null. */
    if (r->round[0])
        json_object_set_new(o, "in_round",
                            json_pack("{s:s, s:s, s:I}", "id", r->round, "registration",
                                      r->registration[0] ? r->registration : r->round, "call",
                                      (json_int_t)r->call));
    else
        json_object_set_new(o, "in_round", json_null());
    /* The replies read aloud, summed up; left out when there are none (as before schema 4). */
    fl_record_voice v = r->voice;
    if (r->turns)
        fl_record_voice_summary(r->turns, r->n_turns, &v);
    if (v.replies)
        json_object_set_new(o, "voice", session_voice_json(&v));
    if (r->turns) {
        json_t *a = json_array();
        for (size_t i = 0; i < r->n_turns; i++)
            json_array_append_new(a, turn_json(&r->turns[i]));
        json_object_set_new(o, "turns", a);
    }
    if (r->findings) {
        json_t *a = json_array();
        for (size_t i = 0; i < r->n_findings_loaded; i++)
            json_array_append_new(a, finding_json(r, i));
        json_object_set_new(o, "findings", a);
    }
    return o;
}

/* ---- from JSON -------------------------------------------------------------------------- */

typedef struct {
    char **strings;
    size_t n, cap;
} pool;

static const char *keep(pool *p, const char *s, size_t len)
{
    if (FL_GROW(p->strings, p->cap, p->n + 1))
        return NULL;
    char *c = fl_malloc(len + 1);
    if (!c)
        return NULL;
    memcpy(c, s, len);
    c[len] = '\0';
    p->strings[p->n++] = c;
    return c;
}

static void pool_free(pool *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++)
        free(p->strings[i]);
    free(p->strings);
    free(p);
}

/* The start of reading a session or a round (what: its name in the message): o must be an
 * object; the pool for the strings read, or NULL with err filled. */
static pool *new_pool(const json_t *o, const char *what, char *err, size_t errlen)
{
    if (!json_is_object(o)) {
        snprintf(err, errlen, "%s",
                 fl_word(strcmp(what, "round") == 0 ? FL_W_IMP_F_ROUND_OBJECT
                                                    : FL_W_IMP_F_SESSION_OBJECT,
                         fl_diags_lang()));
        return NULL;
    }
    pool *p = fl_calloc(1, sizeof(pool));
    if (!p)
        snprintf(err, errlen, "%s", fl_word(FL_W_RT_OOM, fl_diags_lang()));
    return p;
}

typedef struct {
    pool *p; /* where the strings read go */
    char *err;
    size_t errlen;
    const char *where;
    int failed;
} reader;

/* Cuts s after its last whole character: a message snprintf cut to its buffer may end inside
 * one (a Russian word, a name quoted from the file), and every message is valid UTF-8. */
static void fit_utf8(char *s)
{
    s[fl_utf8_valid_prefix(s, strlen(s))] = '\0';
}

/* Fails with what is wrong with key, in the program's language (fl_diags_lang). */
static int fail(reader *rd, const char *key, fl_word_id what)
{
    if (!rd->failed) {
        snprintf(rd->err, rd->errlen, "%s\"%s\": %s", rd->where, key,
                 fl_word(what, fl_diags_lang()));
        if (rd->errlen)
            fit_utf8(rd->err);
    }
    rd->failed = 1;
    return -1;
}

/* A message that names its key and value itself (the catalogue's IMP_* words). */
static void fail_text(reader *rd, const char *what)
{
    if (!rd->failed) {
        snprintf(rd->err, rd->errlen, "%s%s", rd->where, what);
        if (rd->errlen)
            fit_utf8(rd->err);
    }
    rd->failed = 1;
}

/* A string member; null allowed when nullable. */
static const char *get_str(reader *rd, const json_t *o, const char *key, int nullable)
{
    json_t *v = json_object_get(o, key);
    if (nullable && (!v || json_is_null(v)))
        return NULL;
    if (!json_is_string(v)) {
        fail(rd, key, v ? FL_W_IMP_F_STRING : FL_W_IMP_F_MISSING);
        return NULL;
    }
    const char *s = keep(rd->p, json_string_value(v), json_string_length(v));
    if (!s)
        fail(rd, key, FL_W_RT_OOM);
    return s;
}

/* The workshop object (workshop_json) into *workshop and *day_session; both "" when it is
 * absent (an export from before results schema 5, or a session played outside a workshop). */
static void get_workshop(reader *rd, const json_t *o, const char **workshop,
                         const char **day_session)
{
    json_t *w = json_object_get(o, "workshop");
    const char *where = rd->where;
    *workshop = *day_session = NULL;
    if (w && !json_is_object(w)) {
        fail(rd, "workshop", FL_W_IMP_F_WORKSHOP);
    } else if (w) {
        rd->where = strcmp(where, "round: ") == 0 ? "round: workshop: " : "workshop: ";
        *workshop = get_str(rd, w, "id", 0);
        *day_session = get_str(rd, w, "session", 0);
        rd->where = where;
    }
    if (!*workshop)
        *workshop = keep(rd->p, "", 0);
    if (!*day_session)
        *day_session = keep(rd->p, "", 0);
}

static long long get_int(reader *rd, const json_t *o, const char *key, long long lo, long long hi)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_integer(v)) {
        fail(rd, key, v ? FL_W_IMP_F_INTEGER : FL_W_IMP_F_MISSING);
        return lo;
    }
    long long x = json_integer_value(v);
    if (x < lo || x > hi) {
        char what[256];
        snprintf(what, sizeof(what), fl_word(FL_W_IMP_INT_RANGE, fl_diags_lang()), key, x, lo, hi);
        fail_text(rd, what);
        return lo;
    }
    return x;
}

static int get_bool(reader *rd, const json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_boolean(v))
        return fail(rd, key, v ? FL_W_IMP_F_BOOL : FL_W_IMP_F_MISSING), 0;
    return json_is_true(v);
}

static int64_t get_time(reader *rd, const json_t *o, const char *key, int nullable)
{
    json_t *v = json_object_get(o, key);
    if (nullable && (!v || json_is_null(v)))
        return 0;
    int64_t ms;
    char what[512];
    if (!json_is_string(v)) {
        fail(rd, key, v ? FL_W_IMP_F_TIME : FL_W_IMP_F_MISSING);
        return 0;
    }
    const char *text = json_string_value(v);
    if (fl_iso8601_parse(text, &ms) < 0) {
        /* the value as written, but not a whole page of it */
        char shown[80];
        size_t len = strlen(text), cut = fl_utf8_cut(text, len, 60);
        snprintf(shown, sizeof(shown), "%.*s%s", (int)cut, text, cut < len ? "..." : "");
        snprintf(what, sizeof(what), fl_word(FL_W_IMP_BAD_TIME, fl_diags_lang()), key, shown);
        fail_text(rd, what);
        return 0;
    }
    /* 0 is "no time" in a record and the store's clock starts at 1970: nothing before */
    if (ms <= 0) {
        snprintf(what, sizeof(what), fl_word(FL_W_IMP_TIME_BEFORE_1970, fl_diags_lang()), key,
                 text);
        fail_text(rd, what);
        return 0;
    }
    return ms;
}

/* A session's or a round's end must not come before its start. */
static void check_end(reader *rd, int64_t started, int64_t ended)
{
    if (!ended || ended >= started || rd->failed)
        return;
    char a[32], b[32], what[256];
    fl_iso8601_utc(ended, a);
    fl_iso8601_utc(started, b);
    snprintf(what, sizeof(what), fl_word(FL_W_IMP_END_BEFORE_START, fl_diags_lang()), a, b);
    fail_text(rd, what);
}

static void get_uuid(reader *rd, const json_t *o, const char *key, char out[FL_UUID_LEN + 1])
{
    json_t *v = json_object_get(o, key);
    const char *s = json_string_value(v);
    if (!s || strlen(s) != FL_UUID_LEN) {
        fail(rd, key, FL_W_IMP_F_UUID);
        out[0] = '\0';
        return;
    }
    memcpy(out, s, FL_UUID_LEN + 1);
}

/* ["a", "b"] -> "a b" */
static const char *get_words(reader *rd, const json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v))
        return NULL;
    if (!json_is_array(v)) {
        fail(rd, key, FL_W_IMP_F_SIGNALS);
        return NULL;
    }
    char buf[512];
    size_t len = 0;
    size_t i;
    json_t *w;
    json_array_foreach(v, i, w)
    {
        const char *s = json_string_value(w);
        size_t n = s ? strlen(s) : 0;
        if (!s || len + n + 2 > sizeof(buf)) {
            fail(rd, key, FL_W_IMP_F_SIGNALS);
            return NULL;
        }
        if (len)
            buf[len++] = ' ';
        memcpy(buf + len, s, n);
        len += n;
    }
    return keep(rd->p, buf, len);
}

/* A number member within [lo, hi] (a reply's voice figures, a round's rates). */
static double get_real(reader *rd, const json_t *o, const char *key, double lo, double hi)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_number(v)) {
        fail(rd, key, v ? FL_W_IMP_F_NUMBER : FL_W_IMP_F_MISSING);
        return lo;
    }
    double x = json_number_value(v);
    if (!(x >= lo && x <= hi)) {
        char what[256], vs[32], los[32], his[32];
        snprintf(vs, sizeof(vs), "%g", x);
        snprintf(los, sizeof(los), "%g", lo);
        snprintf(his, sizeof(his), "%g", hi);
        snprintf(what, sizeof(what), fl_word(FL_W_IMP_REAL_RANGE, fl_diags_lang()), key, vs, los,
                 his);
        fail_text(rd, what);
        return lo;
    }
    return x;
}

/* A reply's "voice" object (absent or null: not read aloud). */
static void read_voice(reader *rd, const json_t *o, fl_record_turn *t)
{
    json_t *v = json_object_get(o, "voice");
    if (!v || json_is_null(v))
        return;
    if (!json_is_object(v)) {
        fail(rd, "voice", FL_W_IMP_F_OBJECT_NULL);
        return;
    }
    const char *where = rd->where;
    char w[64];
    snprintf(w, sizeof(w), "%svoice: ", where);
    rd->where = w;
    fl_voice_figures *f = &t->voice;
    /* dBFS are at most a little above 0 (a clipped sample), never below the meter's floor */
    f->rms_dbfs = (float)get_real(rd, v, "rms_dbfs", -200, 20);
    f->peak_dbfs = (float)get_real(rd, v, "peak_dbfs", -200, 20);
    f->syllables_per_s = (float)get_real(rd, v, "syllables_per_s", 0, 100);
    f->syllables = (uint32_t)get_int(rd, v, "syllables", 0, UINT32_MAX);
    f->speech_s = (float)get_real(rd, v, "speech_s", 0, 86400);
    f->pause_s = (float)get_real(rd, v, "pause_s", 0, 86400);
    f->pauses = (uint32_t)get_int(rd, v, "pauses", 0, UINT32_MAX);
    json_t *flags = json_object_get(v, "flags");
    size_t i;
    json_t *e;
    if (!json_is_array(flags))
        fail(rd, "flags", FL_W_IMP_F_VOICE_FLAGS);
    json_array_foreach(flags, i, e)
    {
        const char *name = json_string_value(e);
        int bit = -1;
        for (int k = 0; name && k < 3; k++)
            if (strcmp(name, voice_flag_names[k]) == 0)
                bit = k;
        if (bit < 0) {
            fail(rd, "flags", FL_W_IMP_F_VOICE_FLAGS);
            break;
        }
        t->voice_flags |= 1u << bit;
    }
    rd->where = where;
    t->has_voice = !rd->failed;
}

static void read_turn(reader *rd, const json_t *o, fl_record_turn *t)
{
    t->seq = (uint32_t)get_int(rd, o, "seq", 0, UINT32_MAX);
    t->turn = (uint32_t)get_int(rd, o, "turn", 0, UINT32_MAX);
    const char *sp = json_string_value(json_object_get(o, "speaker"));
    if (!sp || (strcmp(sp, "trainee") != 0 && strcmp(sp, "customer") != 0))
        fail(rd, "speaker", FL_W_IMP_F_SPEAKER);
    t->speaker = sp && strcmp(sp, "trainee") == 0 ? FL_SPEAKER_TRAINEE : FL_SPEAKER_CUSTOMER;
    t->node = get_str(rd, o, "node", 0);
    t->text = get_str(rd, o, "text", 1);
    if (t->speaker == FL_SPEAKER_TRAINEE) {
        t->kind = get_str(rd, o, "kind", 1);
        t->reply = get_str(rd, o, "reply", 1);
        t->typed = get_bool(rd, o, "typed");
        t->signals = get_words(rd, o, "signals");
        t->detected = get_words(rd, o, "detected");
        t->triggers = get_str(rd, o, "triggers", 1); /* absent before results schema 2 */
        t->took_ms = (uint32_t)get_int(rd, o, "took_ms", 0, UINT32_MAX);
        t->taken_back = get_bool(rd, o, "taken_back");
        get_uuid(rd, o, "xapi_id", t->xapi_id);
        read_voice(rd, o, t); /* absent before results schema 4 */
    } else {
        t->emotion = get_str(rd, o, "emotion", 1);
    }
    json_t *st = json_object_get(o, "state");
    if (!json_is_object(st)) {
        fail(rd, "state", FL_W_IMP_F_OBJECT);
        return;
    }
    t->mood = (int)get_int(rd, st, "mood", -1000, 1000);
    t->patience = (int)get_int(rd, st, "patience", -1000, 1000);
    t->trust = (int)get_int(rd, st, "trust", -1000, 1000);
    t->goodwill = (int)get_int(rd, st, "goodwill", -1000000, 1000000);
    /* up to 2^53: the largest integer every JSON reader keeps exactly */
    t->elapsed_ms = (uint64_t)get_int(rd, st, "elapsed_ms", 0, (1LL << 53));
    t->at_ms = get_time(rd, o, "at", 1);
}

/* An optional boolean: absent (an export from before the field existed) gives dflt. */
static int get_opt_bool(reader *rd, const json_t *o, const char *key, int dflt)
{
    json_t *v = json_object_get(o, key);
    return v ? get_bool(rd, o, key) : dflt;
}

static void read_finding(reader *rd, const json_t *o, fl_record_finding *f)
{
    f->turn = (uint32_t)get_int(rd, o, "turn", 0, UINT32_MAX);
    f->dimension = get_str(rd, o, "dimension", 1);
    f->points = (int)get_int(rd, o, "points", -1000, 1000);
    f->severity = get_str(rd, o, "severity", 0);
    f->critical = get_opt_bool(rd, o, "critical", 0);
    f->rule = get_str(rd, o, "rule", 0);
    f->message = get_str(rd, o, "message", 0);
    f->note = get_str(rd, o, "note", 1);
    f->better = get_str(rd, o, "better", 1);
    f->reply = get_str(rd, o, "reply", 1);
}

int fl_record_from_json(const json_t *o, fl_record *r, char *err, size_t errlen)
{
    memset(r, 0, sizeof(*r));
    if (!(r->owned = new_pool(o, "session", err, errlen)))
        return -1;
    reader rd = {r->owned, err, errlen, "", 0};
    get_uuid(&rd, o, "session", r->id);
    get_uuid(&rd, o, "xapi_id", r->xapi_id);
    r->trainee = get_str(&rd, o, "trainee", 0);
    r->group = get_str(&rd, o, "group", 0);
    get_workshop(&rd, o, &r->workshop, &r->day_session);
    json_t *sc = json_object_get(o, "scenario");
    if (!json_is_object(sc)) {
        fail(&rd, "scenario", FL_W_IMP_F_OBJECT);
    } else {
        rd.where = "scenario: ";
        r->scenario_id = get_str(&rd, sc, "id", 0);
        r->scenario_version = (int)get_int(&rd, sc, "version", 0, INT32_MAX);
        r->scenario_title = get_str(&rd, sc, "title", 1);
        r->scenario_lang = get_str(&rd, sc, "lang", 1);
        r->content_hash = get_str(&rd, sc, "content_hash", 1);
        rd.where = "";
    }
    r->mode = get_str(&rd, o, "mode", 0);
    if (r->mode && strcmp(r->mode, "practice") != 0 && strcmp(r->mode, "assessment") != 0)
        fail(&rd, "mode", FL_W_IMP_F_MODE);
    r->player = get_str(&rd, o, "player", 0);
    r->seed = (uint64_t)get_int(&rd, o, "seed", 0, INT64_MAX);
    r->started_ms = get_time(&rd, o, "started", 0);
    r->ended_ms = get_time(&rd, o, "ended", 1);
    check_end(&rd, r->started_ms, r->ended_ms);
    r->timed = get_bool(&rd, o, "timed");
    /* the extension: 1, 1.5 or 2 today; any factor a later program might give, but never
     * negative, zero or absurd (null or absent: untimed, or an export from before it existed) */
    json_t *tf = json_object_get(o, "time_factor");
    r->time_factor = tf && !json_is_null(tf) ? get_real(&rd, o, "time_factor", 0.01, 100) : 1.0;
    r->finished = get_bool(&rd, o, "finished");
    /* Before results schema 2 a session with a reply that stands was an attempt. */
    json_t *replies = json_object_get(o, "replies");
    r->attempted = get_opt_bool(&rd, o, "attempted",
                                json_is_integer(replies) && json_integer_value(replies) > 0);
    r->critical = -1;
    if (r->finished)
        r->outcome = get_str(&rd, o, "outcome", 0);
    if (fl_record_scored(r)) {
        r->overall = (int)get_int(&rd, o, "overall", 0, 100);
        json_t *raw = json_object_get(o, "raw");
        r->raw = raw && !json_is_null(raw) ? (int)get_int(&rd, o, "raw", 0, 100) : r->overall;
        json_t *crit = json_object_get(o, "critical_mistakes");
        if (crit && !json_is_null(crit)) {
            r->critical = (int)get_int(&rd, o, "critical_mistakes", 0, INT32_MAX);
            r->critical_items = get_words(&rd, o, "critical");
            if (!r->critical_items && !rd.failed)
                r->critical_items = keep(rd.p, "", 0);
        }
        const char *band = get_str(&rd, o, "band", 0);
        if (band && (strlen(band) != 1 || !strchr("ABCDF", band[0])))
            fail(&rd, "band", FL_W_IMP_F_BAND);
        r->band[0] = band ? band[0] : '\0';
        r->passed = get_bool(&rd, o, "passed");
        json_t *dims = json_object_get(o, "dimensions");
        if (!json_is_object(dims))
            fail(&rd, "dimensions", FL_W_IMP_F_OBJECT);
        else
            for (int d = 0; d < FL_DIM_COUNT; d++) {
                const char *name = fl_dimension_name((fl_dimension)d);
                json_t *v = json_object_get(dims, name);
                if (v && !json_is_null(v)) {
                    rd.where = "dimensions: ";
                    r->score[d] = (int)get_int(&rd, dims, name, 0, 100);
                    r->applicable[d] = 1;
                    rd.where = "";
                }
            }
        json_t *sv = json_object_get(o, "survey");
        if (!json_is_object(sv)) {
            fail(&rd, "survey", FL_W_IMP_F_OBJECT);
        } else {
            rd.where = "survey: ";
            r->csat = (int)get_int(&rd, sv, "csat", 1, 5);
            r->ces = (int)get_int(&rd, sv, "ces", 1, 7);
            r->nps = (int)get_int(&rd, sv, "nps", 0, 10);
            rd.where = "";
        }
    }
    r->program_version = get_str(&rd, o, "program_version", 0);
    r->n_replies = (uint32_t)get_int(&rd, o, "replies", 0, UINT32_MAX);
    r->n_findings = (uint32_t)get_int(&rd, o, "findings_count", 0, UINT32_MAX);
    /* absent before results schema 3: a single conversation */
    json_t *in = json_object_get(o, "in_round");
    if (json_is_object(in)) {
        rd.where = "in_round: ";
        get_uuid(&rd, in, "id", r->round);
        get_uuid(&rd, in, "registration", r->registration);
        r->call = (uint32_t)get_int(&rd, in, "call", 0, UINT32_MAX);
        rd.where = "";
    } else if (in && !json_is_null(in)) {
        fail(&rd, "in_round", FL_W_IMP_F_OBJECT_NULL);
    }

    json_t *turns = json_object_get(o, "turns");
    if (json_is_array(turns) && !rd.failed) {
        size_t n = json_array_size(turns);
        r->turns = fl_calloc(n ? n : 1, sizeof(*r->turns));
        if (!r->turns)
            fail(&rd, "turns", FL_W_RT_OOM);
        char where[48];
        for (size_t i = 0; i < n && !rd.failed; i++) {
            snprintf(where, sizeof(where), "turns[%zu]: ", i);
            rd.where = where;
            read_turn(&rd, json_array_get(turns, i), &r->turns[i]);
            if (!rd.failed && r->turns[i].seq != i)
                fail(&rd, "seq", FL_W_IMP_F_SEQ);
        }
        r->n_turns = n;
        rd.where = "";
        fl_record_voice_summary(r->turns, r->n_turns, &r->voice);
    } else if (turns && !json_is_array(turns)) {
        fail(&rd, "turns", FL_W_IMP_F_ARRAY);
    }
    json_t *finds = json_object_get(o, "findings");
    if (json_is_array(finds) && !rd.failed) {
        size_t n = json_array_size(finds);
        r->findings = fl_calloc(n ? n : 1, sizeof(*r->findings));
        if (!r->findings)
            fail(&rd, "findings", FL_W_RT_OOM);
        char where[48];
        for (size_t i = 0; i < n && !rd.failed; i++) {
            snprintf(where, sizeof(where), "findings[%zu]: ", i);
            rd.where = where;
            read_finding(&rd, json_array_get(finds, i), &r->findings[i]);
        }
        r->n_findings_loaded = n;
        rd.where = "";
    } else if (finds && !json_is_array(finds)) {
        fail(&rd, "findings", FL_W_IMP_F_ARRAY);
    }
    if (rd.failed) {
        fl_record_free(r);
        return -1;
    }
    return 0;
}

void fl_record_free(fl_record *r)
{
    if (r->owned) {
        pool_free(r->owned);
        free(r->turns);
        free(r->findings);
    }
    memset(r, 0, sizeof(*r));
}

/* ---- stress rounds ------------------------------------------------------------------------ */

static const char *const event_kinds[] = {
    [FL_RE_ARRIVE] = "arrive", [FL_RE_LINE] = "line",       [FL_RE_REPLY] = "reply",
    [FL_RE_UNDO] = "undo",     [FL_RE_TIMEOUT] = "timeout", [FL_RE_HANGUP] = "hangup",
    [FL_RE_END] = "end",
};

char *fl_round_timeline_json(const fl_round_event *ev, size_t n)
{
    json_t *a = json_array();
    int bad = !a;
    for (size_t i = 0; i < n && !bad; i++) {
        const fl_round_event *e = &ev[i];
        size_t k = (size_t)e->kind < sizeof(event_kinds) / sizeof(event_kinds[0]) ? (size_t)e->kind
                                                                                  : FL_RE_ARRIVE;
        json_t *o = json_pack("{s:s, s:I, s:I}", "kind", event_kinds[k], "call",
                              (json_int_t)e->call, "at_ms", (json_int_t)e->at_ms);
        /* Each kind carries only the fields round.h gives it. */
        if (o && (e->kind == FL_RE_REPLY || e->kind == FL_RE_TIMEOUT))
            json_object_set_new(o, "turn", json_integer(e->turn));
        if (o && (e->kind == FL_RE_REPLY || e->kind == FL_RE_TIMEOUT || e->kind == FL_RE_HANGUP))
            json_object_set_new(o, "waited_ms", json_integer(e->waited_ms));
        if (o && e->kind == FL_RE_REPLY) {
            json_object_set_new(o, "concurrency", json_integer(e->concurrency));
            json_object_set_new(o, "canned", json_boolean(e->canned));
            json_object_set_new(o, "slipped", json_boolean(e->slipped));
        }
        if (o && e->kind == FL_RE_END)
            json_object_set_new(o, "outcome",
                                e->outcome == FL_OUTCOME_NONE
                                    ? json_null()
                                    : json_string(fl_outcome_name((fl_outcome)e->outcome)));
        bad = !o || json_array_append_new(a, o) != 0;
    }
    char *text = bad ? NULL : json_dumps(a, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(a);
    return text;
}

json_t *fl_round_by_load_json(const fl_round_figures *f)
{
    json_t *a = json_array();
    for (int k = 0; a && k < FL_ROUND_MAX_AT_ONCE; k++)
        if (json_array_append_new(a, json_pack("{s:i, s:I, s:I, s:I}", "live", k + 1, "replies",
                                               (json_int_t)f->by_load[k].replies, "canned",
                                               (json_int_t)f->by_load[k].canned, "mean_reply_ms",
                                               (json_int_t)f->by_load[k].mean_reply_ms)) != 0) {
            json_decref(a);
            a = NULL;
        }
    return a;
}

/* -1 (none) as null. */
static json_t *count_or_null(int v)
{
    return v >= 0 ? json_integer(v) : json_null();
}

static json_t *figures_json(const fl_round_record *r)
{
    const fl_round_figures *f = &r->fig;
    json_t *o = json_object();
    json_object_set_new(o, "arrived", json_integer(f->arrived));
    json_object_set_new(o, "resolved", json_integer(f->resolved));
    json_object_set_new(o, "lost", json_integer(f->lost));
    json_object_set_new(o, "other", json_integer(f->other));
    json_object_set_new(o, "unfinished", json_integer(f->unfinished));
    json_object_set_new(o, "duration_ms", json_integer((json_int_t)f->duration_ms));
    json_object_set_new(o, "per_minute", json_real(f->per_minute));
    json_object_set_new(o, "mean_reply_ms", json_integer(f->mean_reply_ms));
    json_object_set_new(o, "canned_share", json_real(f->canned_share));
    json_object_set_new(o, "by_load", fl_round_by_load_json(f));
    json_object_set_new(o, "responsiveness", count_or_null(f->responsiveness));
    json_object_set_new(o, "mean_score", count_or_null(f->mean_score));
    json_object_set_new(o, "tone", count_or_null(f->tone));
    json_object_set_new(o, "empathy", count_or_null(f->empathy));
    /* No baseline yet: null, never a 0 that would read as "no change under pressure". */
    if (f->has_baseline)
        json_object_set_new(o, "composure",
                            json_pack("{s:i, s:i, s:i, s:I}", "composure", f->composure, "tone",
                                      f->composure_tone, "empathy", f->composure_empathy,
                                      "baseline_sessions", (json_int_t)r->baseline_sessions));
    else
        json_object_set_new(o, "composure", json_null());
    json_object_set_new(o, "passed", json_boolean(f->passed));
    return o;
}

int fl_json_is_round(const json_t *o)
{
    return json_is_object(o) && json_object_get(o, "round") && !json_object_get(o, "session");
}

json_t *fl_round_record_to_json(const fl_round_record *r)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    json_object_set_new(o, "round", json_string(r->id));
    json_object_set_new(o, "registration", json_string(r->registration));
    json_object_set_new(
        o, "xapi_ids",
        json_pack("{s:s, s:s}", "attempted", r->xapi_attempted, "result", r->xapi_result));
    json_object_set_new(o, "trainee", text_json(r->trainee ? r->trainee : ""));
    json_object_set_new(o, "group", text_json(r->group ? r->group : ""));
    json_t *w = workshop_json(r->workshop, r->day_session);
    if (w)
        json_object_set_new(o, "workshop", w);
    /* The seed is a 64-bit unsigned number: as a string, which no JSON reader rounds. */
    char seed[24];
    snprintf(seed, sizeof(seed), "%llu", (unsigned long long)r->seed);
    json_t *def = json_object();
    json_object_set_new(def, "id", json_string(r->def_id ? r->def_id : ""));
    json_object_set_new(def, "version", json_integer(r->version));
    json_object_set_new(def, "title", str_or_null(r->title));
    json_object_set_new(def, "lang", str_or_null(r->lang));
    json_object_set_new(def, "content_hash", str_or_null(r->content_hash));
    json_object_set_new(def, "seed", json_string(seed));
    json_object_set_new(def, "at_once", json_integer(r->at_once));
    json_object_set_new(def, "customers", json_integer(r->customers));
    json_object_set_new(o, "definition", def);
    json_object_set_new(o, "mode", json_string(r->mode ? r->mode : "practice"));
    json_object_set_new(o, "player", json_string(r->player ? r->player : ""));
    json_object_set_new(o, "timed", json_boolean(r->timed));
    json_object_set_new(o, "time_factor", r->timed ? json_real(r->time_factor) : json_null());
    json_object_set_new(o, "started", time_or_null(r->started_ms));
    json_object_set_new(o, "ended", time_or_null(r->ended_ms));
    json_object_set_new(o, "finished", json_boolean(r->finished));
    json_object_set_new(o, "figures", fl_round_record_closed(r) ? figures_json(r) : json_null());
    json_t *tl = r->timeline ? json_loads(r->timeline, 0, NULL) : NULL;
    json_object_set_new(o, "timeline", tl ? tl : json_null());
    json_object_set_new(o, "program_version",
                        json_string(r->program_version ? r->program_version : ""));
    json_object_set_new(o, "calls", json_integer(r->n_calls));
    return o;
}

/* An integer that may be null (-1). */
static int get_count_or_null(reader *rd, const json_t *o, const char *key, int hi)
{
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v))
        return -1;
    return (int)get_int(rd, o, key, 0, hi);
}

static void read_figures(reader *rd, const json_t *o, fl_round_record *r)
{
    fl_round_figures *f = &r->fig;
    f->arrived = (uint32_t)get_int(rd, o, "arrived", 0, UINT32_MAX);
    f->resolved = (uint32_t)get_int(rd, o, "resolved", 0, UINT32_MAX);
    f->lost = (uint32_t)get_int(rd, o, "lost", 0, UINT32_MAX);
    f->other = (uint32_t)get_int(rd, o, "other", 0, UINT32_MAX);
    f->unfinished = (uint32_t)get_int(rd, o, "unfinished", 0, UINT32_MAX);
    f->duration_ms = (uint64_t)get_int(rd, o, "duration_ms", 0, INT64_MAX);
    f->per_minute = get_real(rd, o, "per_minute", 0, 1e9);
    f->mean_reply_ms = (uint32_t)get_int(rd, o, "mean_reply_ms", 0, UINT32_MAX);
    f->canned_share = get_real(rd, o, "canned_share", 0, 1);
    json_t *load = json_object_get(o, "by_load");
    size_t i;
    json_t *e;
    if (!json_is_array(load))
        fail(rd, "by_load", FL_W_IMP_F_ARRAY);
    else
        json_array_foreach(load, i, e)
        {
            long long live = get_int(rd, e, "live", 1, FL_ROUND_MAX_AT_ONCE);
            if (rd->failed)
                break;
            fl_round_load *l = &f->by_load[live - 1];
            l->replies = (uint32_t)get_int(rd, e, "replies", 0, UINT32_MAX);
            l->canned = (uint32_t)get_int(rd, e, "canned", 0, UINT32_MAX);
            l->mean_reply_ms = (uint32_t)get_int(rd, e, "mean_reply_ms", 0, UINT32_MAX);
        }
    f->responsiveness = get_count_or_null(rd, o, "responsiveness", 100);
    f->mean_score = get_count_or_null(rd, o, "mean_score", 100);
    f->tone = get_count_or_null(rd, o, "tone", 100);
    f->empathy = get_count_or_null(rd, o, "empathy", 100);
    json_t *c = json_object_get(o, "composure");
    if (json_is_object(c)) {
        f->has_baseline = 1;
        f->composure = (int)get_int(rd, c, "composure", -100, 100);
        f->composure_tone = (int)get_int(rd, c, "tone", -100, 100);
        f->composure_empathy = (int)get_int(rd, c, "empathy", -100, 100);
        r->baseline_sessions = (uint32_t)get_int(rd, c, "baseline_sessions", 0, UINT32_MAX);
    } else if (c && !json_is_null(c)) {
        fail(rd, "composure", FL_W_IMP_F_OBJECT_NULL);
    }
    f->passed = get_bool(rd, o, "passed");
}

int fl_round_record_from_json(const json_t *o, fl_round_record *r, char *err, size_t errlen)
{
    memset(r, 0, sizeof(*r));
    if (!(r->owned = new_pool(o, "round", err, errlen)))
        return -1;
    reader rd = {r->owned, err, errlen, "round: ", 0};
    get_uuid(&rd, o, "round", r->id);
    get_uuid(&rd, o, "registration", r->registration);
    json_t *ids = json_object_get(o, "xapi_ids");
    if (!json_is_object(ids)) {
        fail(&rd, "xapi_ids", FL_W_IMP_F_OBJECT);
    } else {
        rd.where = "round: xapi_ids: ";
        get_uuid(&rd, ids, "attempted", r->xapi_attempted);
        get_uuid(&rd, ids, "result", r->xapi_result);
        rd.where = "round: ";
    }
    r->trainee = get_str(&rd, o, "trainee", 0);
    r->group = get_str(&rd, o, "group", 0);
    get_workshop(&rd, o, &r->workshop, &r->day_session);
    json_t *def = json_object_get(o, "definition");
    if (!json_is_object(def)) {
        fail(&rd, "definition", FL_W_IMP_F_OBJECT);
    } else {
        rd.where = "round: definition: ";
        r->def_id = get_str(&rd, def, "id", 0);
        r->version = (int)get_int(&rd, def, "version", 0, INT32_MAX);
        r->title = get_str(&rd, def, "title", 1);
        r->lang = get_str(&rd, def, "lang", 1);
        r->content_hash = get_str(&rd, def, "content_hash", 1);
        const char *seed = json_string_value(json_object_get(def, "seed"));
        char *end = NULL;
        errno = 0;
        unsigned long long v = seed ? strtoull(seed, &end, 10) : 0;
        if (!seed || !*seed || *end || errno || seed[0] == '-')
            fail(&rd, "seed", FL_W_IMP_F_SEED);
        r->seed = (uint64_t)v;
        /* 0 when a front end did not say: still a round to keep, never a file to refuse */
        r->at_once = (uint32_t)get_int(&rd, def, "at_once", 0, FL_ROUND_MAX_AT_ONCE);
        r->customers = (uint32_t)get_int(&rd, def, "customers", 0, UINT32_MAX);
        rd.where = "round: ";
    }
    r->mode = get_str(&rd, o, "mode", 0);
    if (r->mode && strcmp(r->mode, "practice") != 0 && strcmp(r->mode, "assessment") != 0)
        fail(&rd, "mode", FL_W_IMP_F_MODE);
    r->player = get_str(&rd, o, "player", 0);
    r->timed = get_bool(&rd, o, "timed");
    r->time_factor = r->timed ? get_real(&rd, o, "time_factor", 0.01, 100) : 1.0;
    r->started_ms = get_time(&rd, o, "started", 0);
    r->ended_ms = get_time(&rd, o, "ended", 1);
    check_end(&rd, r->started_ms, r->ended_ms);
    r->finished = get_bool(&rd, o, "finished");
    json_t *fig = json_object_get(o, "figures");
    if (fl_round_record_closed(r)) {
        if (!json_is_object(fig)) {
            fail(&rd, "figures", FL_W_IMP_F_FIG_OBJECT);
        } else {
            rd.where = "round: figures: ";
            read_figures(&rd, fig, r);
            rd.where = "round: ";
        }
    } else if (fig && !json_is_null(fig)) {
        fail(&rd, "figures", FL_W_IMP_F_FIG_NULL);
    }
    r->fig.customers = r->customers;
    r->fig.time_pct = r->timed ? (uint32_t)(r->time_factor * 100 + 0.5) : 0;
    if (!r->fig.has_baseline)
        r->fig.composure = r->fig.composure_tone = r->fig.composure_empathy = 0;
    if (!fl_round_record_closed(r))
        r->fig.responsiveness = r->fig.mean_score = r->fig.tone = r->fig.empathy = -1;
    json_t *tl = json_object_get(o, "timeline");
    if (json_is_array(tl)) {
        char *text = json_dumps(tl, JSON_COMPACT | JSON_PRESERVE_ORDER);
        r->timeline = text ? keep(rd.p, text, strlen(text)) : NULL;
        if (!r->timeline)
            fail(&rd, "timeline", FL_W_RT_OOM);
        free(text);
    } else if (tl && !json_is_null(tl)) {
        fail(&rd, "timeline", FL_W_IMP_F_ARRAY_NULL);
    }
    r->program_version = get_str(&rd, o, "program_version", 0);
    json_t *calls = json_object_get(o, "calls");
    r->n_calls =
        calls && !json_is_null(calls) ? (uint32_t)get_int(&rd, o, "calls", 0, UINT32_MAX) : 0;
    if (rd.failed) {
        fl_round_record_free(r);
        return -1;
    }
    return 0;
}

int fl_round_record_copy(fl_round_record *dst, const fl_round_record *src)
{
    *dst = *src;
    pool *p = fl_calloc(1, sizeof(pool));
    dst->owned = p;
    if (!p)
        return -1;
    const char **fields[] = {&dst->trainee, &dst->group,  &dst->workshop, &dst->day_session,
                             &dst->def_id,  &dst->title,  &dst->lang,     &dst->content_hash,
                             &dst->mode,    &dst->player, &dst->timeline, &dst->program_version};
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
        if (*fields[i] && !(*fields[i] = keep(p, *fields[i], strlen(*fields[i])))) {
            fl_round_record_free(dst);
            return -1;
        }
    return 0;
}

void fl_round_record_free(fl_round_record *r)
{
    pool_free(r->owned);
    memset(r, 0, sizeof(*r));
}

/* ---- import: an export read from memory and checked ----------------------------------------- */

/* One object of the export read and handed to fn. Returns fn's answer. */
static int import_one(const json_t *o, size_t index, fl_import_fn fn, void *ctx,
                      fl_import_info *info)
{
    char why[1024];
    fl_import_item it = {index, o, fl_json_is_round(o), NULL, NULL, NULL};
    fl_record r;
    fl_round_record rr;
    int bad;
    if (it.is_round) {
        bad = fl_round_record_from_json(o, &rr, why, sizeof(why)) < 0;
        it.round = bad ? NULL : &rr;
        info->rounds += !bad;
    } else {
        bad = fl_record_from_json(o, &r, why, sizeof(why)) < 0;
        it.session = bad ? NULL : &r;
        info->sessions += !bad;
    }
    info->refused += bad;
    it.refused = bad ? why : NULL;
    int stop = fn ? fn(ctx, &it) : 0;
    if (it.session)
        fl_record_free(&r);
    if (it.round)
        fl_round_record_free(&rr);
    return stop;
}

int fl_import_parse(const char *buf, size_t len, fl_import_fn fn, void *ctx, fl_import_info *info,
                    char *err, size_t errlen)
{
    fl_import_info local;
    if (!info)
        info = &local;
    memset(info, 0, sizeof(*info));
    if (errlen)
        err[0] = '\0';
    char *fixed = NULL;
    if (!fl_utf8_valid(buf, len)) {
        size_t fixed_len;
        info->repaired = fl_utf8_invalid_count(buf, len);
        fixed = fl_utf8_repair(buf, len, &fixed_len);
        if (!fixed) {
            info->failure = FL_IMPORT_NOMEM;
            snprintf(err, errlen, "%s", fl_word(FL_W_RT_OOM, fl_diags_lang()));
            return -1;
        }
        buf = fixed;
        len = fixed_len;
    }
    json_error_t je;
    json_t *doc = json_loadb(buf, len, 0, &je);
    free(fixed);
    if (!doc) {
        info->failure = FL_IMPORT_NOT_JSON;
        info->line = je.line;
        info->column = je.column;
        snprintf(err, errlen, "%s", je.text);
        if (errlen)
            fit_utf8(err); /* jansson cuts its text to a length, maybe inside a character */
        return -1;
    }
    if (!json_is_object(doc) && !json_is_array(doc)) {
        json_decref(doc);
        info->failure = FL_IMPORT_NOT_EXPORT;
        snprintf(err, errlen, fl_word(FL_W_IMP_NOT_EXPORT, fl_diags_lang()), "-");
        if (errlen)
            fit_utf8(err);
        return -1;
    }
    int stop = 0;
    if (json_is_array(doc)) {
        for (size_t i = 0; i < json_array_size(doc) && !stop; i++)
            stop = import_one(json_array_get(doc, i), i + 1, fn, ctx, info);
    } else {
        stop = import_one(doc, 1, fn, ctx, info);
    }
    json_decref(doc);
    return stop ? -2 : (int)(info->sessions + info->rounds);
}

int fl_import_check_memory(const char *buf, size_t len, char *err, size_t errlen)
{
    fl_import_info info;
    char text[512] = "";
    int n = fl_import_parse(buf, len, NULL, NULL, &info, text, sizeof(text));
    if (!errlen)
        return n;
    err[0] = '\0';
    if (n == -1 && info.failure == FL_IMPORT_NOT_JSON)
        snprintf(err, errlen, fl_word(FL_W_CMD_IMPORT_NOT_JSON, fl_diags_lang()), "-", info.line,
                 info.column, text);
    else if (n == -1)
        snprintf(err, errlen, "%s", text);
    fit_utf8(err);
    return n;
}
