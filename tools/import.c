/*
 * import.c - `frontline import`: adds sessions and stress rounds kept in JSON (a fallback file
 * a recorder wrote when the store could not be written, or a `report --format json` export) to
 * a results store.
 *
 * Nothing is lost and nothing is silently dropped:
 * - the file is read only when it is a regular file (a FIFO used to hang import forever), up to
 *   FL_IMPORT_MAX_BYTES, and bytes that are not UTF-8 are replaced with U+FFFD and counted
 *   (jansson used to refuse the whole file for one bad byte in a trainee's name);
 * - every object is checked by fl_import_parse (record.c, the same code the fuzz target runs): a
 *   session with an impossible value (a time that is not a real date, an end before its start, a
 *   negative count) is named with the field and the value and left out; the others go in;
 * - a session already in the store is compared with the file's copy: the same content, or an
 *   earlier state of the same session (an unfinished copy of what the store holds finished), is
 *   skipped quietly and counted as already there; an unfinished store copy is completed by a
 *   further one (store.c); anything else is a conflict, named with the fields that differ. The
 *   store's copy is kept as it was (the store is the record that reports were made from) and the
 *   file keeps its copy: the message says how to keep both (another store).
 * Any of these makes the exit status 1, so a script that merges stores notices; the rest of the
 * file was still imported. A store that cannot be written adds nothing of that file (one
 * transaction per file).
 */
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "commands.h"
#include "opts.h"
#include "readfile.h"
#include "store.h"
#include "utf8.h"

/* The command's words in the user's language (commands.h). */
static const char *U(fl_word_id id)
{
    return fl_word(id, fl_user_lang());
}

typedef struct {
    fl_store *st;
    const char *path;
    size_t counts[6]; /* sessions added, already there, completed; [3..6) the same for rounds */
    size_t refused, conflicts;
    int failed;         /* the store could not be written: nothing of this file stays */
    json_t *round_dups; /* the file's copies of rounds the store already had (an array) */
    char err[1024];
} job;

/* A JSON string member as text for a message, "?" when there is none. */
static const char *text_of(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "?";
}

static void say_refused(const job *j, const fl_import_item *it)
{
    if (it->is_round) {
        fprintf(stderr, U(FL_W_IMP_ROUND_REFUSED), j->path, it->index, text_of(it->o, "round"),
                it->refused);
    } else {
        fprintf(stderr, U(FL_W_IMP_REFUSED), j->path, it->index, text_of(it->o, "session"),
                text_of(it->o, "trainee"), text_of(json_object_get(it->o, "scenario"), "id"),
                it->refused);
    }
    fputc('\n', stderr);
}

static int compare_session(job *j, const fl_record *r);

/* fl_import_parse's callback: each checked object into the store. */
static int put_item(void *ctx, const fl_import_item *it)
{
    job *j = ctx;
    if (it->refused) {
        say_refused(j, it);
        j->refused++;
        return 0;
    }
    int existed = 0;
    fl_store_status rc =
        it->round ? fl_store_round_put(j->st, it->round, &existed, j->err, sizeof(j->err))
                  : fl_store_put(j->st, it->session, &existed, j->err, sizeof(j->err));
    if (rc != FL_STORE_OK) {
        fprintf(stderr, "frontline import: %s\n", j->err);
        j->failed = 1;
        return 1;
    }
    j->counts[(it->round ? 3 : 0) + existed]++;
    if (it->round && existed == 1) {
        json_t *mine = fl_round_record_to_json(it->round);
        if (!j->round_dups)
            j->round_dups = json_array();
        if (!mine || !j->round_dups || json_array_append_new(j->round_dups, mine) != 0) {
            fprintf(stderr, "frontline import: %s: %s\n", j->path, U(FL_W_RT_OOM));
            j->failed = 1;
            return 1;
        }
    }
    if (it->session && existed == 1 && compare_session(j, it->session) < 0) {
        fprintf(stderr, "frontline import: %s: %s\n", j->path, j->err);
        j->failed = 1;
        return 1;
    }
    return 0;
}

/* ---- conflicts --------------------------------------------------------------------------- */

/* The keys a session gains as it goes on: an unfinished copy may lack or differ in them and
 * still be an earlier state of the same session. */
static int progress_key(const char *key)
{
    static const char *const keys[] = {
        "ended",  "finished",       "attempted",         "outcome", "overall", "raw",      "band",
        "passed", "critical",       "dimensions",        "survey",  "replies", "findings", "voice",
        "turns",  "findings_count", "critical_mistakes",
    };
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
        if (!strcmp(key, keys[i]))
            return 1;
    return 0;
}

/* Whether turn a (the file's) is turn b (the store's), but for being taken back since. */
static int same_turn(const json_t *a, const json_t *b)
{
    json_t *x = json_deep_copy(a), *y = json_deep_copy(b);
    json_object_del(x, "taken_back");
    json_object_del(y, "taken_back");
    int same = json_equal(x, y);
    json_decref(x);
    json_decref(y);
    return same;
}

/* Whether mine is an earlier state of theirs: unfinished, everything but the progress keys
 * equal, and its turns the first turns of theirs. */
static int earlier_copy(const json_t *mine, const json_t *theirs)
{
    if (json_is_true(json_object_get(mine, "finished")))
        return 0;
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)mine, key, v)
    {
        if (!progress_key(key) && !json_equal(v, json_object_get(theirs, key)))
            return 0;
    }
    json_object_foreach((json_t *)theirs, key, v)
    {
        if (!progress_key(key) && !json_object_get(mine, key))
            return 0;
    }
    json_t *a = json_object_get(mine, "turns"), *b = json_object_get(theirs, "turns");
    if (json_array_size(a) > json_array_size(b))
        return 0;
    for (size_t i = 0; i < json_array_size(a); i++)
        if (!same_turn(json_array_get(a, i), json_array_get(b, i)))
            return 0;
    return 1;
}

static void add_field(char *out, size_t n, const char *name)
{
    size_t len = strlen(out);
    if (len + strlen(name) + 3 >= n)
        return;
    snprintf(out + len, n - len, "%s%s", len ? ", " : "", name);
}

/* v as JSON text for a message, at most 40 bytes cut between characters ("-" when absent). */
static const char *short_value(char *out, size_t n, const json_t *v)
{
    char *text = v ? json_dumps(v, JSON_ENCODE_ANY) : NULL;
    if (!text) {
        snprintf(out, n, "-");
        return out;
    }
    size_t len = strlen(text), cut = fl_utf8_cut(text, len, 40);
    snprintf(out, n, "%.*s%s", (int)cut, text, cut < len ? "..." : "");
    free(text);
    return out;
}

/* Where two values of key differ, one level down: "scenario.title", "turns[3]". */
static void differ(char *out, size_t n, const char *key, const json_t *a, const json_t *b)
{
    char name[256];
    if (json_is_object(a) && json_is_object(b)) {
        const char *k;
        json_t *v;
        json_object_foreach((json_t *)a, k, v)
        {
            if (!json_equal(v, json_object_get(b, k))) {
                snprintf(name, sizeof(name), "%s.%s", key, k);
                add_field(out, n, name);
            }
        }
        json_object_foreach((json_t *)b, k, v)
        {
            if (!json_object_get(a, k)) {
                snprintf(name, sizeof(name), "%s.%s", key, k);
                add_field(out, n, name);
            }
        }
        return;
    }
    if (json_is_array(a) && json_is_array(b)) {
        size_t i = 0, na = json_array_size(a), nb = json_array_size(b);
        while (i < na && i < nb && json_equal(json_array_get(a, i), json_array_get(b, i)))
            i++;
        snprintf(name, sizeof(name), "%s[%zu]", key, i);
        json_t *x = json_array_get(a, i), *y = json_array_get(b, i);
        if (json_is_object(x) && json_is_object(y)) /* a turn: which of its fields */
            differ(out, n, name, x, y);
        else
            add_field(out, n, name);
        return;
    }
    /* a plain value: the store's and the file's, short, so the trainer sees which is right */
    char x[64], y[64];
    snprintf(name, sizeof(name), "%s %s \xE2\x86\x92 %s", key, short_value(x, sizeof(x), a),
             short_value(y, sizeof(y), b));
    add_field(out, n, name);
}

/* The fields in which the two copies differ, ", "-separated into out ("" when none). */
static void differences(const json_t *mine, const json_t *theirs, char *out, size_t n)
{
    out[0] = '\0';
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)mine, key, v)
    {
        json_t *w = json_object_get(theirs, key);
        if (!json_equal(v, w))
            differ(out, n, key, w, v); /* the store's, then the file's */
    }
    json_object_foreach((json_t *)theirs, key, v)
    {
        if (!json_object_get(mine, key))
            add_field(out, n, key);
    }
}

typedef struct {
    job *j;
    const char *id;
    json_t *mine;  /* the file's copy as fl_record_to_json gives it */
    int found;     /* the store's copy was seen */
    int64_t start; /* the first pass: where the store's copy starts */
} compare_ctx;

/* The store's copy of the session, compared with the file's. */
static int compare(void *ctx, const fl_record *r)
{
    compare_ctx *c = ctx;
    if (strcmp(r->id, c->id) != 0)
        return 0;
    c->found = 1;
    json_t *theirs = fl_record_to_json(r);
    if (!theirs) {
        snprintf(c->j->err, sizeof(c->j->err), "%s", U(FL_W_RT_OOM));
        return -1;
    }
    char fields[1024];
    differences(c->mine, theirs, fields, sizeof(fields));
    if (fields[0] && !earlier_copy(c->mine, theirs)) {
        c->j->conflicts++;
        c->j->counts[1]--;
        fprintf(stderr, U(FL_W_IMP_CONFLICT), c->j->path, r->id, text_of(c->mine, "trainee"),
                text_of(json_object_get(c->mine, "scenario"), "id"), fields);
        fputc('\n', stderr);
    }
    json_decref(theirs);
    return 1; /* found: stop */
}

/* A first pass when the store's copy starts elsewhere than the file's: where. */
static int note_start(void *ctx, const fl_record *r)
{
    compare_ctx *c = ctx;
    if (strcmp(r->id, c->id) != 0)
        return 0;
    c->start = r->started_ms;
    return 1;
}

/* Compares a session of the file that the store already had with the store's copy, read at
 * once (by its start time, indexed), so that nothing of the file is held in memory: a second
 * import of a store's whole export compares each session as it goes. Returns 0, or -1 with
 * j->err filled. */
static int compare_session(job *j, const fl_record *r)
{
    compare_ctx c = {j, r->id, fl_record_to_json(r), 0, -1};
    if (!c.mine) {
        snprintf(j->err, sizeof(j->err), "%s", U(FL_W_RT_OOM));
        return -1;
    }
    int load = FL_LOAD_TURNS | FL_LOAD_FINDINGS;
    fl_store_filter f = {0};
    f.since_ms = r->started_ms;
    f.until_ms = r->started_ms + 1;
    f.trainee = r->trainee; /* narrower still: sessions of one start time are rarely many */
    f.scenario = r->scenario_id;
    int rc = fl_store_each(j->st, &f, load, compare, &c, j->err, sizeof(j->err));
    if (rc >= 0 && !c.found) {
        /* the store's copy has another start time (a conflict): find it, then read it */
        rc = fl_store_each(j->st, NULL, 0, note_start, &c, j->err, sizeof(j->err));
        if (rc >= 0 && c.start > 0) {
            f.trainee = f.scenario = NULL;
            f.since_ms = c.start;
            f.until_ms = c.start + 1;
            rc = fl_store_each(j->st, &f, load, compare, &c, j->err, sizeof(j->err));
        }
    }
    json_decref(c.mine);
    return rc < 0 ? -1 : 0;
}

/* The keys of a round that change as it goes on or as its calls come in: an unclosed copy may
 * differ in them from the closed one, and "calls" counts what the exporting store held. */
static int round_progress_key(const char *key)
{
    return !strcmp(key, "ended") || !strcmp(key, "finished") || !strcmp(key, "figures") ||
           !strcmp(key, "timeline") || !strcmp(key, "calls");
}

/* The rounds of the file the store already had, compared with the store's copies. */
static int check_round_dups(job *j)
{
    if (!j->round_dups)
        return 0;
    fl_round_record *rounds = NULL;
    size_t n = 0;
    if (fl_store_rounds(&j->st, 1, NULL, &rounds, &n, j->err, sizeof(j->err)) < 0)
        return -1;
    size_t i;
    json_t *mine;
    json_array_foreach(j->round_dups, i, mine)
    {
        const char *id = json_string_value(json_object_get(mine, "round"));
        for (size_t k = 0; id && k < n; k++) {
            if (strcmp(rounds[k].id, id) != 0)
                continue;
            json_t *theirs = fl_round_record_to_json(&rounds[k]);
            json_t *a = json_deep_copy(mine);
            const char *key;
            json_t *v;
            void *tmp;
            int closed =
                json_object_get(mine, "ended") && !json_is_null(json_object_get(mine, "ended"));
            json_object_foreach_safe(a, tmp, key, v)
            {
                /* a closed copy must be the same closed round; an unclosed one its start */
                if (!strcmp(key, "calls") || (!closed && round_progress_key(key)))
                    json_object_del(a, key);
            }
            json_t *b = theirs ? json_deep_copy(theirs) : NULL;
            json_object_foreach_safe(b, tmp, key, v)
            {
                if (!json_object_get(a, key) && round_progress_key(key))
                    json_object_del(b, key);
            }
            char fields[1024];
            if (a && b) {
                differences(a, b, fields, sizeof(fields));
                if (fields[0]) {
                    j->conflicts++;
                    j->counts[4]--;
                    fprintf(stderr, U(FL_W_IMP_ROUND_CONFLICT), j->path, id,
                            text_of(mine, "trainee"), fields);
                    fputc('\n', stderr);
                }
            }
            json_decref(a);
            json_decref(b);
            json_decref(theirs);
        }
    }
    fl_store_rounds_free(rounds, n);
    return 0;
}

static void free_dups(job *j)
{
    json_decref(j->round_dups);
    j->round_dups = NULL;
}

/* ---- one file ------------------------------------------------------------------------------ */

/* Reads path whole (a regular file only, never blocking), or says why not. */
static char *read_export(const char *path, size_t *len)
{
    char *buf = NULL;
    int e = 0;
    fl_file_status fs = fl_file_read(path, FL_IMPORT_MAX_BYTES, &buf, len, &e);
    if (fs == FL_FILE_OK)
        return buf;
    char why[256];
    fl_file_why(fs, e, fl_user_lang(), why, sizeof(why));
    if (fs == FL_FILE_TOO_LARGE)
        fprintf(stderr, U(FL_W_IMP_TOO_LARGE), path, U(FL_W_IMP_LIMIT));
    else if (fs == FL_FILE_ERRNO || fs == FL_FILE_NOMEM)
        fprintf(stderr, U(FL_W_IMP_CANNOT_OPEN), path, why);
    else
        fprintf(stderr, U(FL_W_IMP_CANNOT_READ), path, why);
    fputc('\n', stderr);
    return NULL;
}

/* totals: as job.counts, then [6] refused, [7] conflicts. Returns 0 when all went in. */
static int import_file(fl_store *st, const char *path, size_t totals[8])
{
    size_t len;
    char *buf = read_export(path, &len);
    if (!buf)
        return 1;
    job j = {.st = st, .path = path};
    if (fl_store_begin_batch(st, j.err, sizeof(j.err)) != FL_STORE_OK) {
        fprintf(stderr, "frontline import: %s\n", j.err);
        free(buf);
        return 1;
    }
    fl_import_info info;
    int n = fl_import_parse(buf, len, put_item, &j, &info, j.err, sizeof(j.err));
    free(buf);
    if (info.repaired) {
        fprintf(stderr, U(FL_W_IMP_REPAIRED), path, info.repaired);
        fputc('\n', stderr);
    }
    if (n == -1) {
        if (info.failure == FL_IMPORT_NOT_JSON)
            fprintf(stderr, U(FL_W_CMD_IMPORT_NOT_JSON), path, info.line, info.column, j.err);
        else if (info.failure == FL_IMPORT_NOT_EXPORT)
            fprintf(stderr, U(FL_W_IMP_NOT_EXPORT), path);
        else
            fprintf(stderr, "frontline import: %s: %s", path, j.err);
        fputc('\n', stderr);
        j.failed = 1;
    }
    char err[1024];
    if (j.failed) {
        /* end_batch after a failure rolls back: nothing of this file stays */
        fl_store_end_batch(st, err, sizeof(err));
        free_dups(&j);
        return 1;
    }
    if (fl_store_end_batch(st, err, sizeof(err)) != FL_STORE_OK) {
        fprintf(stderr, "frontline import: %s\n", err);
        free_dups(&j);
        return 1;
    }
    int status = 0;
    if (check_round_dups(&j) < 0) {
        fprintf(stderr, "frontline import: %s\n", j.err);
        status = 1;
    }
    free_dups(&j);
    for (int k = 0; k < 6; k++)
        totals[k] += j.counts[k];
    totals[6] += j.refused;
    totals[7] += j.conflicts;
    return status || j.refused || j.conflicts;
}

int fl_cmd_import(int argc, char **argv)
{
    const char *db = NULL;
    const fl_option opts[] = {
        FL_OPTION_STRING("--db", FL_W_OPT_V_FILE, FL_W_OPT_IMP_DB, &db),
        FL_OPTION_END,
    };
    const fl_command_spec spec = {
        .cmd = "import",
        .opts = opts,
        .usage = FL_W_OPT_IMP_USAGE,
        .more = FL_W_OPT_IMP_MORE,
        .column = 14,
        .max_operands = -1,
    };
    /* the files, in the order given (options may come between them) */
    char **files = calloc((size_t)argc + 1, sizeof(*files));
    if (!files) {
        fprintf(stderr, U(FL_W_CMD_OOM), "import");
        fputc('\n', stderr);
        return 1;
    }
    int n_files = 0;
    int rc = fl_opts_parse(&spec, argc, argv, files, &n_files);
    if (rc != 0) {
        free(files);
        return rc == 1 ? 0 : 2;
    }
    if (db && !db[0]) {
        free(files);
        return fl_usage_error("import", "%s", U(FL_W_CMD_DB_NEEDS));
    }
    if (!n_files) {
        free(files);
        return fl_usage_error("import", "%s", U(FL_W_CMD_IMPORT_NAME_FILES));
    }
    char def[4096];
    if (!db) {
        if (fl_store_default_path(def, sizeof(def)) < 0) {
            free(files);
            return fl_usage_error("import", "%s", U(FL_W_CMD_NO_DEFAULT_DB));
        }
        db = def;
    }
    fl_store *st;
    char err[1024];
    if (fl_store_open(&st, db, 0, err, sizeof(err)) != FL_STORE_OK) {
        fprintf(stderr, "frontline import: %s\n", err);
        free(files);
        return 1;
    }
    size_t totals[8] = {0};
    int status = 0;
    for (int i = 0; i < n_files; i++)
        status |= import_file(st, files[i], totals);
    free(files);
    fl_store_close(st);
    fprintf(stderr, U(FL_W_IMP_DONE), totals[0], totals[1], totals[2], totals[7], totals[6], db);
    fputc('\n', stderr);
    if (totals[3] + totals[4] + totals[5]) {
        fprintf(stderr, U(FL_W_CMD_IMPORT_ROUNDS_DONE), totals[3], totals[4], totals[5]);
        fputc('\n', stderr);
    }
    return status;
}
