/*
 * recorder.c - a live session written to the results store act by act; see recorder.h.
 *
 * The recorder keeps its own copy of every line written (the session frees a typed reply when
 * it is taken back, and the fallback file needs the whole conversation), so at any moment it
 * can write either the new lines to the store or the whole session to the fallback file.
 */
#include "recorder.h"

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

struct fl_recorder {
    fl_store *store; /* NULL once the store failed (or never opened) */
    fl_record rec;   /* the session; its turns are rows[] */
    fl_record_turn *rows;
    size_t n_rows, cap_rows;
    size_t stored_rows;     /* rows[0..stored_rows) are in the store */
    size_t turns_seen;      /* session turns recorded (rows exist for them) */
    uint32_t taken_back_to; /* lowest turn taken back since the last store write, 0 none */
    int64_t shown_ms;       /* when the current customer line was shown */
    char **strings;         /* what the recorder owns */
    size_t n_strings, cap_strings;
    char lang[3];
    char *db_path;
    int db_chosen; /* --db was given */
    char *fallback;
    char notice[2048];
    int notice_new;
    int fallback_failed;
};

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const char *own(fl_recorder *rc, const char *s)
{
    if (!s)
        return NULL;
    if (rc->n_strings == rc->cap_strings) {
        size_t cap = rc->cap_strings ? rc->cap_strings * 2 : 32;
        char **t = realloc(rc->strings, cap * sizeof(*t));
        if (!t)
            return NULL;
        rc->strings = t;
        rc->cap_strings = cap;
    }
    char *c = strdup(s);
    if (c)
        rc->strings[rc->n_strings++] = c;
    return c;
}

static fl_record_turn *new_row(fl_recorder *rc)
{
    if (rc->n_rows == rc->cap_rows) {
        size_t cap = rc->cap_rows ? rc->cap_rows * 2 : 32;
        fl_record_turn *t = realloc(rc->rows, cap * sizeof(*t));
        if (!t)
            return NULL;
        rc->rows = t;
        rc->cap_rows = cap;
    }
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
    return own(rc, buf);
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
    return own(rc, buf);
}

/* ---- the fallback file ------------------------------------------------------------------ */

/* The language of the messages (fl_recorder_opts.lang): the catalogue's REC_* words. */
static int lang(const fl_recorder *rc)
{
    return fl_word_lang(rc->lang);
}

/* Writes the whole record to path atomically: a temporary file, fsync, rename. */
static int write_json_file(const fl_recorder *rc, const char *path)
{
    fl_record r = rc->rec;
    r.turns = rc->rows;
    r.n_turns = rc->n_rows;
    json_t *doc = fl_record_to_json(&r);
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

/* Saves to the fallback file (choosing one the first time). Returns 1, or -1 when no place
 * would take it. */
static int save_fallback(fl_recorder *rc)
{
    if (rc->fallback) {
        int e = write_json_file(rc, rc->fallback);
        if (!e)
            return 1;
        free(rc->fallback);
        rc->fallback = NULL;
    }
    /* Where: the user's state folder, else the temporary folder (often another disk). */
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
        snprintf(path, sizeof(path), "%s/frontline-session-%s.json", dirs[i], rc->rec.id);
        e = write_json_file(rc, path);
        if (!e) {
            rc->fallback = strdup(path);
            return rc->fallback ? 1 : -1;
        }
    }
    rc->fallback_failed = e ? e : EIO;
    return -1;
}

/* The store failed with err: close it, save the session to the fallback file, say so. */
static int to_fallback(fl_recorder *rc, const char *err)
{
    fl_store_close(rc->store);
    rc->store = NULL;
    int r = save_fallback(rc);
    const char *db = rc->db_path ? rc->db_path : "?";
    /* err starts with the file's name; give the reason only. */
    const char *why = err;
    size_t n = strlen(db);
    if (strncmp(err, db, n) == 0 && err[n] == ':')
        why = err + n + 2;
    /* The import goes to the store the trainee chose, once it can be written again. */
    char dbopt[4200] = "";
    if (rc->db_chosen && rc->db_path)
        snprintf(dbopt, sizeof(dbopt), "--db %s ", rc->db_path);
    if (r > 0)
        snprintf(rc->notice, sizeof(rc->notice), fl_word(FL_W_REC_FALLBACK, lang(rc)), db, why,
                 rc->fallback, dbopt, rc->fallback);
    else
        snprintf(rc->notice, sizeof(rc->notice), fl_word(FL_W_REC_UNSAVED, lang(rc)), db, why,
                 strerror(rc->fallback_failed));
    rc->notice_new = 1;
    return r;
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
        if (len + n > cap) {
            cap = (len + n) * 2;
            char *t = realloc(buf, cap);
            if (!t)
                goto out;
            buf = t;
        }
        memcpy(buf + len, chunk, n);
        len += n;
    }
    if (!ferror(f) && (hex = malloc(17)))
        snprintf(hex, 17, "%016llx", (unsigned long long)fl_hash64(buf ? buf : "", len));
out:
    free(buf);
    fclose(f);
    return hex;
}

fl_recorder *fl_recorder_open(const fl_session *ss, const fl_recorder_opts *o)
{
    fl_recorder *rc = calloc(1, sizeof(*rc));
    if (!rc)
        return NULL;
    snprintf(rc->lang, sizeof(rc->lang), "%s", o->lang && strcmp(o->lang, "ru") == 0 ? "ru" : "en");
    const fl_engine *eng = fl_session_engine(ss);
    const fl_scenario *s = eng->scenario;
    fl_record *r = &rc->rec;
    if (fl_uuid4(r->id) < 0 || fl_uuid4(r->xapi_id) < 0) {
        free(rc);
        return NULL;
    }
    const char *trainee = o->trainee;
    if (!trainee || !trainee[0]) {
        struct passwd *pw = getpwuid(getuid());
        trainee = getenv("USER");
        if ((!trainee || !trainee[0]) && pw)
            trainee = pw->pw_name;
        if (!trainee || !trainee[0])
            trainee = "trainee";
    }
    r->trainee = own(rc, trainee);
    r->group = own(rc, o->group ? o->group : "");
    r->scenario_id = s->id;
    r->scenario_version = (int)s->version;
    r->scenario_title = s->title;
    r->scenario_lang = s->lang;
    char *hash = file_hash(o->scenario_path);
    r->content_hash = own(rc, hash);
    free(hash);
    r->mode = own(rc, o->mode ? o->mode : "practice");
    r->player = own(rc, o->player ? o->player : "");
    r->seed = 0; /* the engine takes no randomness (docs/engine.md) */
    r->started_ms = rc->shown_ms = now_ms();
    r->timed = eng->timed;
    r->time_factor = eng->timed && o->time_factor > 0 ? o->time_factor : 1.0;
    r->program_version = FL_VERSION;

    char path[4096];
    rc->db_chosen = o->db_path != NULL;
    if (o->db_path)
        rc->db_path = strdup(o->db_path);
    else if (fl_store_default_path(path, sizeof(path)) == 0)
        rc->db_path = strdup(path);
    char err[1024];
    if (!rc->db_path) {
        snprintf(err, sizeof(err), "?: no place for the results store (set HOME or use --db)");
        to_fallback(rc, err);
        return rc;
    }
    if (fl_store_open(&rc->store, rc->db_path, 0, err, sizeof(err)) != FL_STORE_OK ||
        fl_store_session_begin(rc->store, r, err, sizeof(err)) != FL_STORE_OK)
        to_fallback(rc, err);
    return rc;
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
        a->text = t->typed ? own(rc, t->typed) : rp ? rp->text : NULL;
        a->kind = !rp                           ? "timeout"
                  : rp->kind == FL_REPLY_CHOICE ? "choice"
                  : rp->kind == FL_REPLY_ROUTE  ? "route"
                                                : "fallback";
        a->reply = rp ? rp->id : NULL;
        a->signals = signal_words(rc, t->signals);
        a->detected = t->typed ? signal_words(rc, t->detected) : NULL;
        a->triggers = t->typed ? own(rc, t->triggers) : NULL;
        a->took_ms = t->took_ms;
        a->mood = t->mood;
        a->patience = t->patience;
        a->trust = t->trust;
        a->goodwill = t->goodwill;
        a->elapsed_ms = t->elapsed_ms;
        a->at_ms = now;
        if (fl_uuid4(a->xapi_id) < 0)
            return -1;
        rc->shown_ms = now;
    }
    rc->turns_seen = n;
    rc->rec.n_replies = (uint32_t)n;
    rc->rec.attempted = n > 0;
    return 0;
}

/* Writes rows not stored yet (and a pending take-back) to the store. */
static int flush(fl_recorder *rc, int ending)
{
    if (!rc->store)
        return save_fallback(rc);
    char err[1024];
    fl_store_status s = FL_STORE_OK;
    if (rc->taken_back_to) {
        s = fl_store_session_take_back(rc->store, rc->rec.id, rc->taken_back_to, rc->rec.n_replies,
                                       err, sizeof(err));
        if (s == FL_STORE_OK)
            rc->taken_back_to = 0;
    }
    if (s == FL_STORE_OK) {
        const fl_record_turn *rows = rc->rows + rc->stored_rows;
        size_t n = rc->n_rows - rc->stored_rows;
        if (ending)
            s = fl_store_session_end(rc->store, &rc->rec, rows, n, err, sizeof(err));
        else if (n)
            s = fl_store_session_turns(rc->store, rc->rec.id, rows, n, rc->rec.n_replies, err,
                                       sizeof(err));
        if (s == FL_STORE_OK)
            rc->stored_rows = rc->n_rows;
    }
    if (s != FL_STORE_OK)
        return to_fallback(rc, err);
    return 0;
}

int fl_recorder_update(fl_recorder *rc, const fl_session *ss)
{
    if (catch_up(rc, ss) < 0) {
        snprintf(rc->notice, sizeof(rc->notice), "%s", fl_word(FL_W_REC_OUT_OF_MEMORY, lang(rc)));
        rc->notice_new = 1;
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
        r->findings = calloc(fs.n ? fs.n : 1, sizeof(*r->findings));
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
            o->message = own(rc, f->message);
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
    if (!rc->notice_new)
        return NULL;
    rc->notice_new = 0;
    return rc->notice;
}

const char *fl_recorder_session_id(const fl_recorder *rc)
{
    return rc->rec.id;
}

const char *fl_recorder_fallback(const fl_recorder *rc)
{
    return rc->fallback;
}

void fl_recorder_free(fl_recorder *rc)
{
    if (!rc)
        return;
    fl_store_close(rc->store);
    for (size_t i = 0; i < rc->n_strings; i++)
        free(rc->strings[i]);
    free(rc->strings);
    free(rc->rows);
    free(rc->rec.findings);
    free(rc->db_path);
    free(rc->fallback);
    free(rc);
}
