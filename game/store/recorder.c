/*
 * recorder.c - a live session written to the results store act by act; see recorder.h.
 *
 * The recorder keeps its own copy of every line written (the session frees a typed reply when
 * it is taken back, and the fallback file needs the whole conversation), so at any moment it
 * can write either the new lines to the store or the whole session to the fallback file.
 *
 * A stress round's recorder (fl_round_recorder, at the end) works the same way for the round's
 * own row, and its calls are session recorders that carry its id and registration. The two
 * kinds share the fallback machinery: one file per session or round, rewritten atomically.
 */
#include "alloc.h"
#include "recorder.h"
#include "vec.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "catalogue.h"
#include "store.h"

/* What a session's recorder and a round's share: the strings they own, the store and where it
 * is, and the fallback file that takes over when the store fails, with the notice saying so. */
typedef struct {
    fl_store *store; /* NULL once the store failed (or never opened) */
    char **strings;  /* what the recorder owns */
    size_t n_strings, cap_strings;
    char lang[3]; /* of the messages: the catalogue's REC_* words */
    char *db_path;
    int db_chosen;       /* --db was given */
    char *fallback;      /* the fallback file in use, NULL until the store fails */
    int fallback_failed; /* the errno of the last place that refused it */
    char notice[2048];
    int notice_new;
} rec_sink;

struct fl_recorder {
    rec_sink sink;
    fl_record rec; /* the session; its turns are rows[]; its strings are sink.strings[] */
    fl_record_turn *rows;
    size_t n_rows, cap_rows;
    size_t stored_rows;     /* rows[0..stored_rows) are in the store */
    size_t turns_seen;      /* session turns recorded (rows exist for them) */
    uint32_t taken_back_to; /* lowest turn taken back since the last store write, 0 none */
    int64_t shown_ms;       /* when the current customer line was shown */
    size_t *reply_row;      /* [turn - 1]: the row of that reply (the one that stands) */
    size_t cap_reply_row;
    size_t *voice_rows; /* rows already in the store whose voice arrived since the last
                           write (the desktop measures a reading after the reply was
                           written) */
    size_t n_voice_rows, cap_voice_rows;
};

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const char *own(rec_sink *k, const char *s)
{
    if (!s)
        return NULL;
    if (FL_GROW(k->strings, k->cap_strings, k->n_strings + 1))
        return NULL;
    char *c = fl_strdup(s);
    if (c)
        k->strings[k->n_strings++] = c;
    return c;
}

/* A name or id kept as valid UTF-8 (fl_record_utf8): a trainee's name cut in the middle of a
 * character by a front end is still written, and exported, whole up to that character. Typed
 * replies (and the words and messages made from them) too, the store's second line of defence
 * behind the front ends' own conversion: a reply typed on a CP1251 or KOI8-R terminal is stored
 * with U+FFFD for its bad bytes rather than raw, so the JSON export and the fallback file (whose
 * JSON writer drops text that is not UTF-8) keep it. NULL stays NULL. */
static const char *own_text(rec_sink *k, const char *s)
{
    if (!s)
        return NULL;
    char *fixed = fl_record_utf8(s);
    const char *kept = fixed ? own(k, fixed) : NULL;
    free(fixed);
    return kept;
}

static fl_record_turn *new_row(fl_recorder *rc)
{
    if (FL_GROW(rc->rows, rc->cap_rows, rc->n_rows + 1))
        return NULL;
    fl_record_turn *t = &rc->rows[rc->n_rows];
    memset(t, 0, sizeof(*t));
    t->seq = (uint32_t)rc->n_rows++;
    return t;
}

/* "apology empathy" of a bit set. */
static const char *signal_words(fl_recorder *rc, uint32_t bits)
{
    char buf[256];
    size_t len = 0;
    buf[0] = '\0';
    for (int i = 0; i < FL_SIGNAL_COUNT; i++)
        if (bits & (1u << i))
            len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s", len ? " " : "",
                                    fl_signal_name(i));
    return own(&rc->sink, buf);
}

/* "transfer lost" of a critical-mistake bit set (scenario.h); "reply" names the bit of a reply
 * the author marked critical, which has no item name of its own. */
static const char *critical_words(fl_recorder *rc, uint32_t bits)
{
    char buf[512];
    size_t len = 0;
    buf[0] = '\0';
    for (int i = 0; i < 32; i++)
        if (bits & (1u << i)) {
            const char *name = fl_critical_name(i);
            int k = snprintf(buf + len, sizeof(buf) - len, "%s%s", len ? " " : "",
                             name ? name : "reply");
            if (k < 0 || (size_t)k >= sizeof(buf) - len)
                break;
            len += (size_t)k;
        }
    return own(&rc->sink, buf);
}

/* ---- the fallback file ------------------------------------------------------------------ */

/* Writes doc (taken: freed here) to path atomically: a temporary file, fsync, rename. Returns 0
 * or an errno. */
static int write_json_doc(json_t *doc, const char *path)
{
    if (!doc)
        return ENOMEM;
    char tmp[8500];
    snprintf(tmp, sizeof(tmp), "%s.tmp", path);
    int err = 0;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        json_decref(doc);
        return errno;
    }
    char *text = json_dumps(doc, JSON_INDENT(1));
    json_decref(doc);
    if (!text) {
        close(fd);
        unlink(tmp);
        return ENOMEM;
    }
    size_t len = strlen(text), off = 0;
    while (off < len) {
        ssize_t n = write(fd, text + off, len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            err = n < 0 ? errno : EIO;
            break;
        }
        off += (size_t)n;
    }
    free(text);
    if (!err && fsync(fd) < 0)
        err = errno;
    if (close(fd) < 0 && !err)
        err = errno;
    if (!err && rename(tmp, path) < 0)
        err = errno;
    if (err)
        unlink(tmp);
    return err;
}

static int make_dirs(char *d)
{
    for (char *p = d + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        int bad = mkdir(d, 0700) < 0 && errno != EEXIST;
        *p = '/';
        if (bad)
            return -1;
    }
    return mkdir(d, 0700) < 0 && errno != EEXIST ? -1 : 0;
}

/* A stress round's recorder (recorder.h); its calls' recorders read its id and registration. */
struct fl_round_recorder {
    rec_sink sink;
    fl_round_record rec;        /* the round; its strings are sink.strings[] */
    fl_round_baseline baseline; /* what fl_round_recorder_baseline gave, sessions 0 none */
};

/* Saves doc (made by make_doc(ctx), once per attempt) to the fallback file, choosing one the
 * first time: `frontline-<kind>-<id>.json` in the user's state folder, else the temporary folder
 * (often another disk). Returns 1, or -1 when no place would take it. */
static int save_fallback_doc(rec_sink *k, json_t *(*make_doc)(const void *), const void *ctx,
                             const char *kind, const char *id)
{
    if (k->fallback) {
        int e = write_json_doc(make_doc(ctx), k->fallback);
        if (!e)
            return 1;
        free(k->fallback);
        k->fallback = NULL;
    }
    char dirs[2][4096];
    const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
    const char *tmp = getenv("TMPDIR");
    if (state && state[0] == '/')
        snprintf(dirs[0], sizeof(dirs[0]), "%s/frontline/unsaved", state);
    else if (home && home[0])
        snprintf(dirs[0], sizeof(dirs[0]), "%s/.local/state/frontline/unsaved", home);
    else
        dirs[0][0] = '\0';
    snprintf(dirs[1], sizeof(dirs[1]), "%s", tmp && tmp[0] == '/' ? tmp : "/tmp");
    int e = 0;
    for (int i = 0; i < 2; i++) {
        if (!dirs[i][0] || make_dirs(dirs[i]) < 0) {
            e = errno;
            continue;
        }
        char path[8400];
        snprintf(path, sizeof(path), "%s/frontline-%s-%s.json", dirs[i], kind, id);
        e = write_json_doc(make_doc(ctx), path);
        if (!e) {
            k->fallback = fl_strdup(path);
            return k->fallback ? 1 : -1;
        }
    }
    k->fallback_failed = e ? e : EIO;
    return -1;
}

/* The store failed with err: close it, save doc (make_doc(ctx)) to the fallback file and say
 * where it went instead (fallback_word, with the file, the import command and, for a round, the
 * folder of its calls' files), or that it is lost (unsaved_word). Returns 1, or -1 when no
 * place would take it. */
static int to_fallback(rec_sink *k, const char *err, json_t *(*make_doc)(const void *),
                       const void *ctx, const char *kind, const char *id, fl_word_id fallback_word,
                       fl_word_id unsaved_word)
{
    fl_store_close(k->store);
    k->store = NULL;
    int saved = save_fallback_doc(k, make_doc, ctx, kind, id);
    const char *db = k->db_path ? k->db_path : "?";
    /* err starts with the file's name; give the reason only. */
    const char *why = err;
    size_t len = strlen(db);
    if (strncmp(err, db, len) == 0 && err[len] == ':')
        why = err + len + 2;
    /* The import goes to the store the trainee chose, once it can be written again. */
    char dbopt[4200] = "";
    if (k->db_chosen && k->db_path)
        snprintf(dbopt, sizeof(dbopt), "--db %s ", k->db_path);
    int lang = fl_word_lang(k->lang);
    if (saved > 0) {
        char dir[4096];
        snprintf(dir, sizeof(dir), "%s", k->fallback);
        char *slash = strrchr(dir, '/');
        if (slash)
            *slash = '\0';
        snprintf(k->notice, sizeof(k->notice), fl_word(fallback_word, lang), db, why, k->fallback,
                 dbopt, fallback_word == FL_W_REC_FALLBACK ? k->fallback : dir);
    } else {
        snprintf(k->notice, sizeof(k->notice), fl_word(unsaved_word, lang), db, why,
                 strerror(k->fallback_failed));
    }
    k->notice_new = 1;
    return saved;
}

/* Opens the store for writing: db_path (--db), else the default place. Returns 0, or -1 with
 * err filled. */
static int open_store(rec_sink *k, const char *db_path, char *err, size_t errlen)
{
    char path[4096];
    k->db_chosen = db_path != NULL;
    if (db_path)
        k->db_path = fl_strdup(db_path);
    else if (fl_store_default_path(path, sizeof(path)) == 0)
        k->db_path = fl_strdup(path);
    if (!k->db_path) {
        snprintf(err, errlen, "?: no place for the results store (set HOME or use --db)");
        return -1;
    }
    return fl_store_open(&k->store, k->db_path, 0, err, errlen) == FL_STORE_OK ? 0 : -1;
}

/* The notice not yet taken, else NULL. */
static const char *take_notice(rec_sink *k)
{
    if (!k->notice_new)
        return NULL;
    k->notice_new = 0;
    return k->notice;
}

static void sink_free(rec_sink *k)
{
    fl_store_close(k->store);
    for (size_t i = 0; i < k->n_strings; i++)
        free(k->strings[i]);
    free(k->strings);
    free(k->db_path);
    free(k->fallback);
}

/* The session as its fallback file holds it: the record with every row so far. */
static json_t *session_doc(const void *ctx)
{
    const fl_recorder *rc = ctx;
    fl_record r = rc->rec;
    r.turns = rc->rows;
    r.n_turns = rc->n_rows;
    return fl_record_to_json(&r);
}

/* The store failed with err: the session goes to its fallback file. */
static int session_to_fallback(fl_recorder *rc, const char *err)
{
    return to_fallback(&rc->sink, err, session_doc, rc, "session", rc->rec.id, FL_W_REC_FALLBACK,
                       FL_W_REC_UNSAVED);
}

/* ---- recording -------------------------------------------------------------------------- */

static char *file_hash(const char *path)
{
    char *hex = NULL;
    FILE *f = path ? fopen(path, "rb") : NULL;
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t len = 0, cap = 0, n;
    char chunk[65536];
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        if (FL_GROW(buf, cap, len + n))
            goto out;
        memcpy(buf + len, chunk, n);
        len += n;
    }
    if (!ferror(f) && (hex = fl_malloc(17)))
        snprintf(hex, 17, "%016llx", (unsigned long long)fl_hash64(buf ? buf : "", len));
out:
    free(buf);
    fclose(f);
    return hex;
}

/* Who plays: the name given, else the login name. */
static const char *trainee_name(const char *given)
{
    const char *trainee = given;
    if (!trainee || !trainee[0]) {
        struct passwd *pw = getpwuid(getuid());
        trainee = getenv("USER");
        if ((!trainee || !trainee[0]) && pw)
            trainee = pw->pw_name;
        if (!trainee || !trainee[0])
            trainee = "trainee";
    }
    return trainee;
}

fl_recorder *fl_recorder_open(const fl_session *ss, const fl_recorder_opts *o)
{
    fl_recorder *rc = fl_calloc(1, sizeof(*rc));
    if (!rc)
        return NULL;
    snprintf(rc->sink.lang, sizeof(rc->sink.lang), "%s",
             o->lang && strcmp(o->lang, "ru") == 0 ? "ru" : "en");
    const fl_engine *eng = fl_session_engine(ss);
    const fl_scenario *s = eng->scenario;
    fl_record *r = &rc->rec;
    if (fl_uuid4(r->id) < 0 || fl_uuid4(r->xapi_id) < 0) {
        free(rc);
        return NULL;
    }
    r->trainee = own_text(&rc->sink, trainee_name(o->trainee));
    r->group = own_text(&rc->sink, o->group ? o->group : "");
    r->workshop = own_text(&rc->sink, o->workshop ? o->workshop : "");
    r->day_session = own_text(&rc->sink, o->day_session ? o->day_session : "");
    r->scenario_id = s->id;
    r->scenario_version = (int)s->version;
    r->scenario_title = s->title;
    r->scenario_lang = s->lang;
    char *hash = file_hash(o->scenario_path);
    r->content_hash = own(&rc->sink, hash);
    free(hash);
    r->mode = own(&rc->sink, o->mode ? o->mode : "practice");
    r->player = own(&rc->sink, o->player ? o->player : "");
    r->seed = 0; /* the engine takes no randomness (docs/engine.md) */
    r->started_ms = rc->shown_ms = now_ms();
    r->timed = eng->timed;
    r->time_factor = eng->timed && o->time_factor > 0 ? o->time_factor : 1.0;
    r->program_version = FL_VERSION;
    if (o->round) {
        memcpy(r->round, o->round->rec.id, sizeof(r->round));
        memcpy(r->registration, o->round->rec.registration, sizeof(r->registration));
        r->call = o->round_call;
        if (o->round_call > o->round->rec.n_calls)
            o->round->rec.n_calls = o->round_call;
    }

    char err[1024];
    if (open_store(&rc->sink, o->db_path, err, sizeof(err)) < 0 ||
        fl_store_session_begin(rc->sink.store, r, err, sizeof(err)) != FL_STORE_OK)
        session_to_fallback(rc, err);
    return rc;
}

/* Copies a turn's voice figures into its reply's row. The figures come from a microphone:
 * anything not finite (a meter's log of nothing) becomes its floor, so that the store, the JSON
 * and the means only ever hold numbers. */
static void copy_voice(fl_record_turn *a, const fl_turn *t)
{
    a->has_voice = 1;
    a->voice = t->voice;
    a->voice_flags = t->voice_flags;
    float *dbfs[2] = {&a->voice.rms_dbfs, &a->voice.peak_dbfs};
    for (int i = 0; i < 2; i++)
        if (!(*dbfs[i] >= -200.0f))
            *dbfs[i] = -200.0f;
        else if (!(*dbfs[i] <= 20.0f))
            *dbfs[i] = 20.0f;
    float *plain[3] = {&a->voice.syllables_per_s, &a->voice.speech_s, &a->voice.pause_s};
    for (int i = 0; i < 3; i++)
        if (!(*plain[i] >= 0.0f && *plain[i] <= 86400.0f))
            *plain[i] = 0.0f;
}

/* Notes that row `row` (of turn `turn`) is that reply's. Returns 0, or -1 when out of memory. */
static int set_reply_row(fl_recorder *rc, uint32_t turn, size_t row)
{
    /* zeroed: voice_arrived reads any turn up to the capacity */
    if (FL_GROW_ZERO(rc->reply_row, rc->cap_reply_row, turn))
        return -1;
    rc->reply_row[turn - 1] = row;
    return 0;
}

/* The voice of replies recorded before: a reply read aloud after it was written gets its
 * figures now (in its row, and for the store when the row is already there). */
static int voice_arrived(fl_recorder *rc, const fl_turn *turns, size_t n)
{
    for (size_t i = 0; i < n && i < rc->turns_seen; i++) {
        const fl_turn *t = &turns[i];
        if (!t->has_voice || t->turn == 0 || t->turn > rc->cap_reply_row)
            continue;
        size_t row = rc->reply_row[t->turn - 1];
        fl_record_turn *a = &rc->rows[row];
        fl_record_turn was = *a;
        copy_voice(a, t);
        if (was.has_voice && was.voice_flags == a->voice_flags &&
            memcmp(&was.voice, &a->voice, sizeof(a->voice)) == 0)
            continue; /* nothing new */
        if (row >= rc->stored_rows)
            continue; /* not in the store yet: written with its row */
        size_t k = 0;
        while (k < rc->n_voice_rows && rc->voice_rows[k] != row)
            k++;
        if (k < rc->n_voice_rows)
            continue;
        if (FL_GROW(rc->voice_rows, rc->cap_voice_rows, rc->n_voice_rows + 1))
            return -1;
        rc->voice_rows[rc->n_voice_rows++] = row;
    }
    return 0;
}

/* Adds rows for the session turns not recorded yet, and marks those taken back. */
static int catch_up(fl_recorder *rc, const fl_session *ss)
{
    const fl_engine *eng = fl_session_engine(ss);
    const fl_scenario *s = eng->scenario;
    size_t n;
    const fl_turn *turns = fl_session_turns(ss, &n);
    int64_t now = now_ms();
    if (n < rc->turns_seen) {
        /* Taken back: every row of the turns after n. */
        for (size_t i = 0; i < rc->n_rows; i++)
            if (rc->rows[i].turn > n && !rc->rows[i].taken_back)
                rc->rows[i].taken_back = 1;
        if (!rc->taken_back_to || n + 1 < rc->taken_back_to)
            rc->taken_back_to = (uint32_t)n + 1;
        rc->turns_seen = n;
        rc->shown_ms = now;
    }
    if (voice_arrived(rc, turns, n) < 0)
        return -1;
    for (size_t i = rc->turns_seen; i < n; i++) {
        const fl_turn *t = &turns[i];
        const fl_node *nd = &s->nodes[t->node];
        const fl_turn *prev = i ? &turns[i - 1] : NULL;
        if (t->line >= 0) {
            fl_record_turn *c = new_row(rc);
            if (!c)
                return -1;
            const fl_line *l = &nd->lines[t->line];
            c->turn = t->turn;
            c->speaker = FL_SPEAKER_CUSTOMER;
            c->node = nd->id;
            c->text = l->text;
            c->emotion = fl_emotion_name(l->emotion);
            c->mood = prev ? prev->mood : s->start_mood;
            c->patience = prev ? prev->patience : s->start_patience;
            c->trust = prev ? prev->trust : s->start_trust;
            c->goodwill = prev ? prev->goodwill : 0;
            c->elapsed_ms = prev ? prev->elapsed_ms : 0;
            c->at_ms = rc->shown_ms;
        }
        fl_record_turn *a = new_row(rc);
        if (!a)
            return -1;
        const fl_reply *rp = t->reply >= 0 ? &nd->replies[t->reply] : NULL;
        a->turn = t->turn;
        a->speaker = FL_SPEAKER_TRAINEE;
        a->node = nd->id;
        a->typed = t->typed != NULL;
        a->text = t->typed ? own_text(&rc->sink, t->typed) : rp ? rp->text : NULL;
        /* a customer who hung up while waiting is not a timeout the trainee let run out */
        a->kind = t->hung_up                    ? "hangup"
                  : !rp                         ? "timeout"
                  : rp->kind == FL_REPLY_CHOICE ? "choice"
                  : rp->kind == FL_REPLY_ROUTE  ? "route"
                                                : "fallback";
        a->reply = rp ? rp->id : NULL;
        a->signals = signal_words(rc, t->signals);
        a->detected = t->typed ? signal_words(rc, t->detected) : NULL;
        a->triggers = t->typed ? own_text(&rc->sink, t->triggers) : NULL;
        a->took_ms = t->took_ms;
        a->mood = t->mood;
        a->patience = t->patience;
        a->trust = t->trust;
        a->goodwill = t->goodwill;
        a->elapsed_ms = t->elapsed_ms;
        a->at_ms = now;
        if (t->has_voice)
            copy_voice(a, t);
        if (fl_uuid4(a->xapi_id) < 0 || set_reply_row(rc, t->turn, (size_t)(a - rc->rows)) < 0)
            return -1;
        rc->shown_ms = now;
    }
    rc->turns_seen = n;
    rc->rec.n_replies = (uint32_t)n;
    rc->rec.attempted = n > 0;
    return 0;
}

/* Writes the voice that arrived for rows already in the store. */
static fl_store_status flush_voice(fl_recorder *rc, char *err, size_t errlen)
{
    fl_record_turn *v = fl_malloc(rc->n_voice_rows * sizeof(*v));
    if (!v) {
        snprintf(err, errlen, "%s: out of memory", rc->sink.db_path);
        return FL_STORE_ERR_NOMEM;
    }
    for (size_t i = 0; i < rc->n_voice_rows; i++)
        v[i] = rc->rows[rc->voice_rows[i]];
    fl_store_status s =
        fl_store_session_voice(rc->sink.store, rc->rec.id, v, rc->n_voice_rows, err, errlen);
    free(v);
    if (s == FL_STORE_OK)
        rc->n_voice_rows = 0;
    return s;
}

/* Writes what changed since the last write to the store: the voice of replies already there, a
 * pending take-back, the rows not stored yet (and with ending, the end). All of it is one
 * transaction, so the store never holds half an act. */
static int flush(fl_recorder *rc, int ending)
{
    if (!rc->sink.store)
        return save_fallback_doc(&rc->sink, session_doc, rc, "session", rc->rec.id);
    char err[1024];
    fl_store_status s = FL_STORE_OK;
    size_t new_rows = rc->n_rows - rc->stored_rows;
    int writes = (rc->n_voice_rows > 0) + (rc->taken_back_to > 0) + (ending || new_rows > 0);
    int batch = writes > 1;
    if (batch)
        s = fl_store_begin_batch(rc->sink.store, err, sizeof(err));
    if (s == FL_STORE_OK && rc->n_voice_rows)
        s = flush_voice(rc, err, sizeof(err));
    if (s == FL_STORE_OK && rc->taken_back_to) {
        s = fl_store_session_take_back(rc->sink.store, rc->rec.id, rc->taken_back_to,
                                       rc->rec.n_replies, err, sizeof(err));
        if (s == FL_STORE_OK)
            rc->taken_back_to = 0;
    }
    if (s == FL_STORE_OK) {
        const fl_record_turn *rows = rc->rows + rc->stored_rows;
        size_t n = rc->n_rows - rc->stored_rows;
        if (ending)
            s = fl_store_session_end(rc->sink.store, &rc->rec, rows, n, err, sizeof(err));
        else if (n)
            s = fl_store_session_turns(rc->sink.store, rc->rec.id, rows, n, rc->rec.n_replies, err,
                                       sizeof(err));
        if (s == FL_STORE_OK)
            rc->stored_rows = rc->n_rows;
    }
    if (s == FL_STORE_OK && batch)
        s = fl_store_end_batch(rc->sink.store, err, sizeof(err));
    if (s != FL_STORE_OK)
        return session_to_fallback(rc, err);
    return 0;
}

int fl_recorder_update(fl_recorder *rc, const fl_session *ss)
{
    if (catch_up(rc, ss) < 0) {
        snprintf(rc->sink.notice, sizeof(rc->sink.notice), "%s",
                 fl_word(FL_W_REC_OUT_OF_MEMORY, fl_word_lang(rc->sink.lang)));
        rc->sink.notice_new = 1;
        return -1;
    }
    return flush(rc, 0);
}

int fl_recorder_close(fl_recorder *rc, const fl_session *ss)
{
    if (catch_up(rc, ss) < 0)
        return -1;
    const fl_engine *eng = fl_session_engine(ss);
    const fl_scenario *s = eng->scenario;
    const fl_state *st = fl_session_state(ss);
    fl_record *r = &rc->rec;
    fl_scores sc;
    fl_survey sv;
    fl_findings fs = {0};
    if (fl_session_report(ss, &sc, &sv, &fs) < 0)
        return -1;
    r->finished = fl_session_ended(ss);
    r->attempted = sc.attempted;
    r->ended_ms = now_ms();
    if (r->finished) {
        const fl_line *l = fl_session_line(ss);
        if (!st->hung_up && l) {
            fl_record_turn *c = new_row(rc);
            if (!c) {
                fl_findings_free(&fs);
                return -1;
            }
            const fl_node *nd = fl_session_node(ss);
            c->turn = r->n_replies + 1;
            c->speaker = FL_SPEAKER_CUSTOMER;
            c->node = nd->id;
            c->text = l->text;
            c->emotion = fl_emotion_name(l->emotion);
            size_t n;
            const fl_turn *turns = fl_session_turns(ss, &n);
            c->mood = n ? turns[n - 1].mood : s->start_mood;
            c->patience = n ? turns[n - 1].patience : s->start_patience;
            c->trust = n ? turns[n - 1].trust : s->start_trust;
            c->goodwill = n ? turns[n - 1].goodwill : 0;
            c->elapsed_ms = n ? turns[n - 1].elapsed_ms : 0;
            c->at_ms = rc->shown_ms;
        }
        r->outcome = fl_outcome_name(sc.outcome);
        r->overall = sc.overall;
        r->raw = sc.raw;
        r->band[0] = sc.band;
        r->band[1] = '\0';
        r->passed = sc.passed;
        r->critical = sc.critical;
        r->critical_items = critical_words(rc, sc.critical_items);
        for (int d = 0; d < FL_DIM_COUNT; d++) {
            r->score[d] = sc.score[d];
            r->applicable[d] = sc.applicable[d];
        }
        r->csat = sv.csat;
        r->ces = sv.ces;
        r->nps = sv.nps;
        r->findings = fl_calloc(fs.n ? fs.n : 1, sizeof(*r->findings));
        if (!r->findings) {
            fl_findings_free(&fs);
            return -1;
        }
        for (size_t i = 0; i < fs.n; i++) {
            const fl_finding *f = &fs.items[i];
            fl_record_finding *o = &r->findings[i];
            o->turn = f->turn;
            o->dimension = f->dimension >= 0 ? fl_dimension_name((fl_dimension)f->dimension) : NULL;
            o->points = f->points;
            o->severity = fl_finding_severity_name(f->severity);
            o->rule = f->rule;
            o->message = own_text(&rc->sink, f->message);
            o->better = f->better;
            o->reply =
                f->node >= 0 && f->reply >= 0 ? s->nodes[f->node].replies[f->reply].id : NULL;
            o->critical = f->critical;
            o->note = f->note;
        }
        r->n_findings_loaded = fs.n;
        r->n_findings = (uint32_t)fs.n;
    }
    fl_findings_free(&fs);
    return flush(rc, 1);
}

const char *fl_recorder_notice(fl_recorder *rc)
{
    return take_notice(&rc->sink);
}

const char *fl_recorder_session_id(const fl_recorder *rc)
{
    return rc->rec.id;
}

const char *fl_recorder_fallback(const fl_recorder *rc)
{
    return rc->sink.fallback;
}

void fl_recorder_free(fl_recorder *rc)
{
    if (!rc)
        return;
    sink_free(&rc->sink);
    free(rc->rows);
    free(rc->reply_row);
    free(rc->voice_rows);
    free(rc->rec.findings);
    free(rc);
}

/* ---- stress rounds ------------------------------------------------------------------------ */

static json_t *round_doc(const void *ctx)
{
    return fl_round_record_to_json(&((const fl_round_recorder *)ctx)->rec);
}

/* The store failed with err: the round goes to its fallback file. */
static int round_to_fallback(fl_round_recorder *rr, const char *err)
{
    return to_fallback(&rr->sink, err, round_doc, rr, "round", rr->rec.id, FL_W_REC_ROUND_FALLBACK,
                       FL_W_REC_ROUND_UNSAVED);
}

fl_round_recorder *fl_round_recorder_open(const fl_round_recorder_opts *o)
{
    fl_round_recorder *rr = fl_calloc(1, sizeof(*rr));
    if (!rr)
        return NULL;
    snprintf(rr->sink.lang, sizeof(rr->sink.lang), "%s",
             o->lang && strcmp(o->lang, "ru") == 0 ? "ru" : "en");
    fl_round_record *r = &rr->rec;
    if (fl_uuid4(r->id) < 0 || fl_uuid4(r->registration) < 0 || fl_uuid4(r->xapi_attempted) < 0 ||
        fl_uuid4(r->xapi_result) < 0) {
        free(rr);
        return NULL;
    }
    char *hash = file_hash(o->round_path);
    const fl_round_def *d = o->def;
    r->trainee = own_text(&rr->sink, trainee_name(o->trainee));
    r->group = own_text(&rr->sink, o->group ? o->group : "");
    r->workshop = own_text(&rr->sink, o->workshop ? o->workshop : "");
    r->day_session = own_text(&rr->sink, o->day_session ? o->day_session : "");
    r->def_id = own(&rr->sink, d ? d->id : o->def_id ? o->def_id : "");
    r->mode = own(&rr->sink, o->mode ? o->mode : "practice");
    r->player = own(&rr->sink, o->player ? o->player : "");
    r->title = own(&rr->sink, d ? d->title : o->title);
    r->lang = own(&rr->sink, d ? d->lang : o->def_lang);
    r->content_hash = own(&rr->sink, hash);
    free(hash);
    if (!r->trainee || !r->group || !r->workshop || !r->day_session || !r->def_id || !r->mode ||
        !r->player) {
        fl_round_recorder_free(rr);
        return NULL;
    }
    r->version = (int)(d ? d->version : o->version);
    r->seed = o->seed;
    r->timed = o->time_factor > 0;
    r->time_factor = o->time_factor > 0 ? o->time_factor : 1.0;
    r->at_once = d ? d->at_once : o->at_once;
    r->customers = d ? d->customers : o->customers;
    r->started_ms = now_ms();
    r->fig.customers = r->customers;
    r->fig.time_pct = r->timed ? (uint32_t)(r->time_factor * 100 + 0.5) : 0;
    r->fig.responsiveness = r->fig.mean_score = r->fig.tone = r->fig.empathy = -1;
    r->program_version = FL_VERSION;

    char err[1024];
    if (open_store(&rr->sink, o->db_path, err, sizeof(err)) < 0 ||
        fl_store_round_begin(rr->sink.store, r, err, sizeof(err)) != FL_STORE_OK)
        round_to_fallback(rr, err);
    return rr;
}

int fl_round_recorder_baseline(fl_round_recorder *rr, fl_round_baseline *out)
{
    memset(out, 0, sizeof(*out));
    int rc = -1;
    if (rr->sink.store) {
        rc = fl_store_baseline(rr->sink.store, rr->rec.trainee, rr->rec.group, out);
    } else if (rr->sink.db_path) {
        /* The store would not take the round; it may still be readable. */
        fl_store *st;
        char err[1024];
        if (fl_store_open(&st, rr->sink.db_path, 1, err, sizeof(err)) == FL_STORE_OK) {
            rc = fl_store_baseline(st, rr->rec.trainee, rr->rec.group, out);
            fl_store_close(st);
        }
    }
    if (rc < 0)
        memset(out, 0, sizeof(*out));
    rr->baseline = *out;
    return rc;
}

fl_recorder *fl_round_recorder_call(fl_round_recorder *rr, const fl_session *ss, uint32_t call,
                                    const char *scenario_path)
{
    const fl_round_record *r = &rr->rec;
    fl_recorder_opts o = {
        .db_path = rr->sink.db_chosen ? rr->sink.db_path : NULL,
        .scenario_path = scenario_path,
        .trainee = r->trainee,
        .group = r->group,
        .workshop = r->workshop,
        .day_session = r->day_session,
        .mode = r->mode,
        .player = r->player,
        .time_factor = r->timed ? r->time_factor : 1.0,
        .lang = rr->sink.lang,
        .round = rr,
        .round_call = call,
    };
    return fl_recorder_open(ss, &o);
}

int fl_round_recorder_timeline(fl_round_recorder *rr, const fl_round_event *ev, size_t n)
{
    char *text = fl_round_timeline_json(ev, n);
    const char *kept = text ? own(&rr->sink, text) : NULL;
    free(text);
    if (!kept)
        return -1;
    rr->rec.timeline = kept;
    return 0;
}

int fl_round_recorder_close(fl_round_recorder *rr, const fl_round_figures *fig)
{
    fl_round_record *r = &rr->rec;
    r->fig = *fig;
    r->fig.customers = r->customers;
    r->fig.time_pct = r->timed ? (uint32_t)(r->time_factor * 100 + 0.5) : 0;
    r->ended_ms = now_ms();
    if (r->ended_ms == r->started_ms)
        r->ended_ms++; /* ended 0 means "not closed": a round closed at once still closed */
    /* Left early, the calls still live ended unfinished and some customers never came. */
    r->finished = fig->arrived >= r->customers && fig->unfinished == 0;
    r->baseline_sessions = fig->has_baseline ? rr->baseline.sessions : 0;
    if (!rr->sink.store)
        return save_fallback_doc(&rr->sink, round_doc, rr, "round", r->id);
    char err[1024];
    if (fl_store_round_end(rr->sink.store, r, err, sizeof(err)) != FL_STORE_OK)
        return round_to_fallback(rr, err);
    return 0;
}

const char *fl_round_recorder_notice(fl_round_recorder *rr)
{
    return take_notice(&rr->sink);
}

const char *fl_round_recorder_id(const fl_round_recorder *rr)
{
    return rr->rec.id;
}

const char *fl_round_recorder_registration(const fl_round_recorder *rr)
{
    return rr->rec.registration;
}

const char *fl_round_recorder_fallback(const fl_round_recorder *rr)
{
    return rr->sink.fallback;
}

void fl_round_recorder_free(fl_round_recorder *rr)
{
    if (!rr)
        return;
    sink_free(&rr->sink);
    free(rr);
}
