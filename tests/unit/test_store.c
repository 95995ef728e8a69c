/*
 * test_store.c - the results store (game/store) on real SQLite files: creating and reopening,
 * refusing files that are not ours or are newer (and leaving them byte for byte), writing a
 * session act by act, take-backs, import semantics, filters, merging several stores with
 * deduplication, the record's JSON round trip (with the critical mistakes, and exports older
 * than them), a session not attempted, and a schema-1 store read as it is and then upgraded.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "record.h"
#include "store.h"

static char dir[64];

static void path_of(char *out, size_t n, const char *name)
{
    snprintf(out, n, "%s/%s", dir, name);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "/tmp/fl-test-store-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    *len = fread(b, 1, (size_t)n, f);
    fclose(f);
    return b;
}

/* A finished record with two replies, started at `start` ms. Each record gets its own turns
 * (their xAPI ids are unique in a store); turns2 is the last one made. */
static fl_record_turn turn_sets[8][5];
static int n_sets;
static fl_record_turn *turns2;
static fl_record_finding finding1;

static fl_record make(const char *trainee, const char *group, const char *scenario, int64_t start,
                      int overall)
{
    fl_record r;
    memset(&r, 0, sizeof(r));
    assert_int_equal(fl_uuid4(r.id), 0);
    assert_int_equal(fl_uuid4(r.xapi_id), 0);
    r.trainee = trainee;
    r.group = group;
    r.scenario_id = scenario;
    r.scenario_title = "Late delivery";
    r.scenario_lang = "en";
    r.scenario_version = 3;
    r.content_hash = "0123456789abcdef";
    r.mode = "assessment";
    r.player = "script";
    r.started_ms = start;
    r.ended_ms = start + 65000;
    r.timed = 1;
    r.time_factor = 1.5;
    r.finished = 1;
    r.attempted = 1;
    r.outcome = "resolved";
    r.overall = overall;
    r.raw = overall + 20 > 100 ? 100 : overall + 20;
    r.band[0] = 'B';
    r.passed = 0;
    r.critical = 1;
    r.critical_items = "transfer";
    for (int d = 0; d < FL_DIM_COUNT; d++) {
        r.score[d] = 10 * d;
        r.applicable[d] = d != FL_DIM_UPSELL;
    }
    r.csat = 4;
    r.ces = 2;
    r.nps = 9;
    r.program_version = "test";
    r.n_replies = 2;
    turns2 = turn_sets[n_sets++ % 8];
    for (int i = 0; i < 5; i++) {
        fl_record_turn *t = &turns2[i];
        memset(t, 0, sizeof(*t));
        t->seq = (uint32_t)i;
        t->turn = (uint32_t)(i / 2 + 1);
        t->speaker = i % 2 ? FL_SPEAKER_TRAINEE : FL_SPEAKER_CUSTOMER;
        t->node = "start";
        t->text = i % 2 ? "Мне очень жаль" : "Where is my parcel?";
        if (i % 2) {
            t->kind = "choice";
            t->reply = "start/sorry";
            t->signals = "apology empathy";
            t->typed = i == 1;
            t->detected = i == 1 ? "apology" : NULL;
            t->triggers = i == 1 ? "apology: мне очень жаль" : NULL;
            t->took_ms = 1200;
            assert_int_equal(fl_uuid4(t->xapi_id), 0);
        } else {
            t->emotion = "angry";
        }
        t->mood = -10 + i;
        t->at_ms = start + i * 1000;
    }
    r.turns = turns2;
    r.n_turns = 5;
    finding1 = (fl_record_finding){.turn = 2,
                                   .dimension = "apology",
                                   .points = -40,
                                   .severity = "mistake",
                                   .rule = "apology-late",
                                   .message = "Late.",
                                   .better = "Say sorry first.",
                                   .reply = "start/sorry",
                                   .critical = 1,
                                   .note = "Never send her elsewhere."};
    r.findings = &finding1;
    r.n_findings_loaded = 1;
    r.n_findings = 1;
    return r;
}

/* What the collector keeps of the schema-2 fields of a session's first finding and turns. */
typedef struct {
    int attempted, raw, critical, finding_critical;
    char critical_items[32], note[64], triggers[64];
} extras;

typedef struct {
    int n;
    char ids[16][FL_UUID_LEN + 1];
    int64_t started[16];
    int finished[16];
    size_t turns[16];
    char trainee[16][32];
    int overall[16];
    extras x[16];
} seen;

static int collect(void *ctx, const fl_record *r)
{
    seen *s = ctx;
    if (s->n < 16) {
        memcpy(s->ids[s->n], r->id, sizeof(r->id));
        s->started[s->n] = r->started_ms;
        s->finished[s->n] = r->finished;
        s->turns[s->n] = r->turns ? r->n_turns : 0;
        snprintf(s->trainee[s->n], 32, "%s", r->trainee);
        s->overall[s->n] = r->overall;
        extras *x = &s->x[s->n];
        x->attempted = r->attempted;
        x->raw = r->raw;
        x->critical = r->critical;
        snprintf(x->critical_items, sizeof(x->critical_items), "%s",
                 r->critical_items ? r->critical_items : "(null)");
        x->finding_critical =
            r->findings && r->n_findings_loaded ? fl_record_finding_critical(r, 0) : -1;
        const char *note =
            r->findings && r->n_findings_loaded ? fl_record_finding_note(r, 0) : NULL;
        snprintf(x->note, sizeof(x->note), "%s", note ? note : "(null)");
        snprintf(x->triggers, sizeof(x->triggers), "(null)");
        for (size_t i = 0; r->turns && i < r->n_turns; i++)
            if (r->turns[i].triggers) {
                snprintf(x->triggers, sizeof(x->triggers), "%s", r->turns[i].triggers);
                break;
            }
    }
    s->n++;
    return 0;
}

static fl_store *open_rw(const char *name)
{
    char p[128], err[512];
    path_of(p, sizeof(p), name);
    fl_store *st = NULL;
    fl_store_status s = fl_store_open(&st, p, 0, err, sizeof(err));
    if (s != FL_STORE_OK)
        fail_msg("%s", err);
    return st;
}

static void test_times_and_ids(void **state)
{
    (void)state;
    char buf[32];
    int64_t ms;
    fl_iso8601_utc(1795421702123, buf);
    assert_string_equal(buf, "2026-11-23T08:15:02.123Z");
    assert_int_equal(fl_iso8601_parse(buf, &ms), 0);
    assert_int_equal(ms, 1795421702123);
    assert_int_equal(fl_iso8601_parse("2026-11-23T08:15:02Z", &ms), 0);
    assert_int_equal(ms, 1795421702000);
    assert_int_equal(fl_iso8601_parse("2026-13-23T08:15:02Z", &ms), -1);
    assert_int_equal(fl_iso8601_parse("2026-11-23 08:15:02", &ms), -1);
    char a[FL_UUID_LEN + 1], b[FL_UUID_LEN + 1];
    assert_int_equal(fl_uuid4(a), 0);
    assert_int_equal(fl_uuid4(b), 0);
    assert_int_equal(strlen(a), 36);
    assert_int_equal(a[14], '4');
    assert_true(strchr("89ab", a[19]) != NULL);
    assert_string_not_equal(a, b);
}

static void test_create_write_read(void **state)
{
    (void)state;
    fl_store *st = open_rw("one.sqlite");
    assert_int_equal(fl_store_schema(st), FL_STORE_SCHEMA);
    char err[512];
    fl_record r = make("Анна", "group A", "late-delivery", 1000000, 77);
    /* the session as it is played: start, two replies one by one, a take-back, the end */
    fl_record start = r;
    start.finished = 0;
    assert_int_equal(fl_store_session_begin(st, &start, err, sizeof(err)), FL_STORE_OK);
    assert_int_equal(fl_store_session_turns(st, r.id, turns2, 2, 1, err, sizeof(err)), FL_STORE_OK);
    assert_int_equal(fl_store_session_turns(st, r.id, turns2 + 2, 2, 2, err, sizeof(err)),
                     FL_STORE_OK);
    seen s = {0};
    assert_int_equal(fl_store_each(st, NULL, FL_LOAD_TURNS, collect, &s, err, sizeof(err)), 0);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.finished[0], 0); /* not ended yet: shows as unfinished */
    assert_int_equal(s.turns[0], 4);
    assert_int_equal(fl_store_session_take_back(st, r.id, 2, 1, err, sizeof(err)), FL_STORE_OK);
    assert_int_equal(fl_store_session_end(st, &r, turns2 + 4, 1, err, sizeof(err)), FL_STORE_OK);
    fl_store_close(st);

    /* read back read-only: everything as written */
    char p[128];
    path_of(p, sizeof(p), "one.sqlite");
    assert_int_equal(fl_store_open(&st, p, 1, err, sizeof(err)), FL_STORE_OK);
    struct check {
        int n;
        const char *id;
    } c = {0, r.id};
    (void)c;
    seen s2 = {0};
    assert_int_equal(
        fl_store_each(st, NULL, FL_LOAD_TURNS | FL_LOAD_FINDINGS, collect, &s2, err, sizeof(err)),
        0);
    assert_int_equal(s2.n, 1);
    assert_string_equal(s2.ids[0], r.id);
    assert_string_equal(s2.trainee[0], "Анна");
    assert_int_equal(s2.finished[0], 1);
    assert_int_equal(s2.overall[0], 77);
    assert_int_equal(s2.turns[0], 5);
    /* schema 2: the critical mistakes, the finding's flag and note, the typed words' triggers */
    assert_int_equal(s2.x[0].attempted, 1);
    assert_int_equal(s2.x[0].raw, 97);
    assert_int_equal(s2.x[0].critical, 1);
    assert_string_equal(s2.x[0].critical_items, "transfer");
    assert_int_equal(s2.x[0].finding_critical, 1);
    assert_string_equal(s2.x[0].note, "Never send her elsewhere.");
    assert_string_equal(s2.x[0].triggers, "apology: мне очень жаль");
    assert_int_equal(fl_store_check(st, err, sizeof(err)), 1);
    fl_store_close(st);
}

static int to_json_cb(void *ctx, const fl_record *r)
{
    *(json_t **)ctx = fl_record_to_json(r);
    return 0;
}

static void test_json_round_trip(void **state)
{
    (void)state;
    fl_store *st = open_rw("json.sqlite");
    char err[512];
    fl_record r = make("Bob", "", "refund", 2000000, 55);
    turns2[3].taken_back = 1;
    int existed = -1;
    assert_int_equal(fl_store_put(st, &r, &existed, err, sizeof(err)), FL_STORE_OK);
    assert_int_equal(existed, 0);
    json_t *a = NULL;
    assert_int_equal(
        fl_store_each(st, NULL, FL_LOAD_TURNS | FL_LOAD_FINDINGS, to_json_cb, &a, err, sizeof(err)),
        0);
    assert_non_null(a);
    fl_record back;
    assert_int_equal(fl_record_from_json(a, &back, err, sizeof(err)), 0);
    json_t *b = fl_record_to_json(&back);
    assert_true(json_equal(a, b));
    assert_true(back.turns[3].taken_back);
    assert_string_equal(back.turns[1].signals, "apology empathy");
    assert_string_equal(back.findings[0].better, "Say sorry first.");
    /* schema 2's fields, written and read back */
    assert_true(json_is_true(json_object_get(a, "attempted")));
    assert_int_equal(json_integer_value(json_object_get(a, "raw")), 75);
    assert_int_equal(json_integer_value(json_object_get(a, "critical_mistakes")), 1);
    assert_string_equal(json_string_value(json_array_get(json_object_get(a, "critical"), 0)),
                        "transfer");
    json_t *f0 = json_array_get(json_object_get(a, "findings"), 0);
    assert_true(json_is_true(json_object_get(f0, "critical")));
    assert_string_equal(json_string_value(json_object_get(f0, "note")),
                        "Never send her elsewhere.");
    json_t *t1 = json_array_get(json_object_get(a, "turns"), 1);
    assert_string_equal(json_string_value(json_object_get(t1, "triggers")),
                        "apology: мне очень жаль");
    assert_int_equal(back.critical, 1);
    assert_string_equal(back.critical_items, "transfer");
    assert_int_equal(fl_record_finding_critical(&back, 0), 1);
    assert_string_equal(back.turns[1].triggers, "apology: мне очень жаль");

    /* An export from before schema 2 has none of them: it still reads, attempted from its
     * replies, raw = overall, the critical mistakes unknown (null again when written). */
    json_t *old = json_deep_copy(a);
    json_object_del(old, "attempted");
    json_object_del(old, "raw");
    json_object_del(old, "critical_mistakes");
    json_object_del(old, "critical");
    json_object_del(json_array_get(json_object_get(old, "findings"), 0), "critical");
    json_object_del(json_array_get(json_object_get(old, "findings"), 0), "note");
    json_object_del(json_array_get(json_object_get(old, "turns"), 1), "triggers");
    fl_record was;
    assert_int_equal(fl_record_from_json(old, &was, err, sizeof(err)), 0);
    assert_int_equal(was.attempted, 1);
    assert_int_equal(was.raw, 55);
    assert_int_equal(was.critical, -1);
    assert_null(was.critical_items);
    assert_int_equal(fl_record_finding_critical(&was, 0), 0);
    assert_null(fl_record_finding_note(&was, 0));
    assert_null(was.turns[1].triggers);
    json_t *again = fl_record_to_json(&was);
    assert_true(json_is_null(json_object_get(again, "critical_mistakes")));
    assert_true(json_is_null(json_object_get(again, "critical")));
    assert_int_equal(json_integer_value(json_object_get(again, "overall")), 55);
    json_decref(again);
    json_decref(old);
    fl_record_free(&was);

    /* a broken document names the field */
    json_object_set_new(b, "overall", json_string("high"));
    fl_record bad;
    assert_int_equal(fl_record_from_json(b, &bad, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "\"overall\""));
    json_decref(a);
    json_decref(b);
    fl_record_free(&back);
    fl_store_close(st);
}

static int last_json_cb(void *ctx, const fl_record *r)
{
    json_t **out = ctx;
    json_decref(*out);
    *out = fl_record_to_json(r);
    return 0;
}

/* A session with no turn at all has no result: null scores, attempted false, in the store and
 * in its JSON. One with a reply that stands is an attempt even when its record forgot to say
 * so (code older than the field). */
static void test_not_attempted(void **state)
{
    (void)state;
    fl_store *st = open_rw("not-attempted.sqlite");
    char err[512];
    int existed;
    fl_record r = make("Quitter", "g", "late", 5000000, 0);
    r.finished = 0;
    r.attempted = 0;
    r.n_replies = 0;
    r.n_turns = 1; /* the customer's first line, then q */
    r.findings = NULL;
    r.n_findings_loaded = 0;
    r.n_findings = 0;
    assert_int_equal(fl_store_put(st, &r, &existed, err, sizeof(err)), FL_STORE_OK);
    json_t *j = NULL;
    assert_int_equal(fl_store_each(st, NULL, FL_LOAD_TURNS | FL_LOAD_FINDINGS, last_json_cb, &j,
                                   err, sizeof(err)),
                     0);
    assert_true(json_is_false(json_object_get(j, "attempted")));
    const char *nulls[] = {"overall",           "raw",      "band",   "passed",
                           "critical_mistakes", "critical", "survey", "outcome"};
    for (size_t i = 0; i < sizeof(nulls) / sizeof(nulls[0]); i++)
        if (!json_is_null(json_object_get(j, nulls[i])))
            fail_msg("a session not attempted has %s", nulls[i]);
    fl_record back;
    assert_int_equal(fl_record_from_json(j, &back, err, sizeof(err)), 0);
    assert_int_equal(back.attempted, 0);
    fl_record_free(&back);

    /* finished without a turn (a scenario that ends at once): the outcome, still no score */
    fl_record f = make("Quitter", "g", "late", 6000000, 90);
    f.attempted = 0;
    f.n_replies = 0;
    f.n_turns = 1;
    assert_int_equal(fl_store_put(st, &f, &existed, err, sizeof(err)), FL_STORE_OK);
    /* a record that forgot the field, with replies: attempted */
    fl_record g = make("Forgetful", "g", "late", 7000000, 80);
    g.attempted = 0;
    assert_int_equal(fl_store_put(st, &g, &existed, err, sizeof(err)), FL_STORE_OK);
    seen s = {0};
    assert_int_equal(fl_store_each(st, NULL, 0, collect, &s, err, sizeof(err)), 0);
    assert_int_equal(s.n, 3);
    assert_int_equal(s.x[1].attempted, 0);
    assert_int_equal(s.x[1].critical, -1); /* no result, so no critical mistakes either */
    assert_int_equal(s.x[2].attempted, 1);
    assert_int_equal(s.overall[2], 80);
    assert_int_equal(fl_store_each(st, NULL, FL_LOAD_TURNS | FL_LOAD_FINDINGS, last_json_cb, &j,
                                   err, sizeof(err)),
                     0);
    assert_int_equal(json_integer_value(json_object_get(j, "overall")), 80);
    fl_store_each_merged(&st, 1, &(fl_store_filter){.since_ms = 6000000, .until_ms = 6000001},
                         FL_LOAD_TURNS | FL_LOAD_FINDINGS, last_json_cb, &j, err, sizeof(err));
    assert_string_equal(json_string_value(json_object_get(j, "outcome")), "resolved");
    assert_true(json_is_null(json_object_get(j, "overall")));
    assert_true(json_is_null(json_object_get(j, "passed")));
    json_decref(j);
    fl_store_close(st);
}

/* The released schema 1, exactly as its migration created it (never edited once released). */
static const char schema1[] =
    "CREATE TABLE groups (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  name TEXT NOT NULL UNIQUE);\n"
    "CREATE TABLE trainees (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  name TEXT NOT NULL,\n"
    "  group_id INTEGER REFERENCES groups(id));\n"
    "CREATE UNIQUE INDEX trainees_name ON trainees(name, ifnull(group_id, 0));\n"
    "CREATE TABLE sessions (\n"
    "  id TEXT PRIMARY KEY,\n"
    "  xapi_id TEXT NOT NULL UNIQUE,\n"
    "  trainee_id INTEGER NOT NULL REFERENCES trainees(id),\n"
    "  scenario_id TEXT NOT NULL, scenario_version INTEGER NOT NULL,\n"
    "  scenario_title TEXT, scenario_lang TEXT, content_hash TEXT,\n"
    "  mode TEXT NOT NULL CHECK (mode IN ('practice', 'assessment')),\n"
    "  player TEXT NOT NULL, seed INTEGER NOT NULL DEFAULT 0,\n"
    "  started INTEGER NOT NULL, ended INTEGER,\n"
    "  timed INTEGER NOT NULL, time_factor REAL NOT NULL DEFAULT 1,\n"
    "  finished INTEGER NOT NULL DEFAULT 0,\n"
    "  outcome TEXT, overall INTEGER, band TEXT, passed INTEGER,\n"
    "  empathy INTEGER, apology INTEGER, ownership INTEGER, tone INTEGER, upsell INTEGER,\n"
    "  resolution INTEGER, responsiveness INTEGER,\n"
    "  csat INTEGER, ces INTEGER, nps INTEGER,\n"
    "  program_version TEXT NOT NULL,\n"
    "  replies INTEGER NOT NULL DEFAULT 0, findings INTEGER NOT NULL DEFAULT 0);\n"
    "CREATE INDEX sessions_started ON sessions(started, id);\n"
    "CREATE INDEX sessions_trainee ON sessions(trainee_id);\n"
    "CREATE TABLE turns (\n"
    "  session_id TEXT NOT NULL REFERENCES sessions(id), seq INTEGER NOT NULL,\n"
    "  turn INTEGER NOT NULL, speaker TEXT NOT NULL CHECK (speaker IN ('customer', 'trainee')),\n"
    "  node TEXT NOT NULL, text TEXT, kind TEXT, reply_id TEXT, emotion TEXT,\n"
    "  typed INTEGER NOT NULL DEFAULT 0, signals TEXT, detected TEXT, took_ms INTEGER,\n"
    "  mood INTEGER, patience INTEGER, trust INTEGER, goodwill INTEGER, elapsed_ms INTEGER,\n"
    "  at INTEGER, taken_back INTEGER NOT NULL DEFAULT 0, xapi_id TEXT UNIQUE,\n"
    "  PRIMARY KEY (session_id, seq)) WITHOUT ROWID;\n"
    "CREATE TABLE findings (\n"
    "  session_id TEXT NOT NULL REFERENCES sessions(id), seq INTEGER NOT NULL,\n"
    "  turn INTEGER NOT NULL, dimension TEXT, points INTEGER NOT NULL, severity TEXT NOT NULL,\n"
    "  rule TEXT NOT NULL, message TEXT NOT NULL, better TEXT, reply_id TEXT,\n"
    "  PRIMARY KEY (session_id, seq)) WITHOUT ROWID;\n"
    /* what the schema-1 program wrote: a finished session and one quit before any reply */
    "INSERT INTO groups VALUES (1, 'Old group');\n"
    "INSERT INTO trainees VALUES (1, 'Olga', 1);\n"
    "INSERT INTO sessions (id, xapi_id, trainee_id, scenario_id, scenario_version, mode, player, "
    "started, ended, timed, finished, outcome, overall, band, passed, empathy, apology, "
    "ownership, tone, resolution, csat, ces, nps, program_version, replies, findings) VALUES "
    "('11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222', 1, "
    "'late-delivery', 1, 'assessment', 'script', 1000, 61000, 1, 1, 'resolved', 88, 'B', 1, 90, "
    "100, 60, 90, 100, 4, 2, 8, '0.1.0', 1, 1),\n"
    "('33333333-3333-4333-8333-333333333333', '44444444-4444-4444-8444-444444444444', 1, "
    "'late-delivery', 1, 'practice', 'text', 2000, 3000, 1, 0, NULL, NULL, NULL, NULL, NULL, "
    "NULL, NULL, NULL, NULL, NULL, NULL, NULL, '0.1.0', 0, 0);\n"
    "INSERT INTO turns (session_id, seq, turn, speaker, node, text, kind, reply_id, typed, "
    "signals, took_ms, mood, at, xapi_id) VALUES "
    "('11111111-1111-4111-8111-111111111111', 0, 1, 'customer', 'start', 'Where is it?', NULL, "
    "NULL, 0, NULL, NULL, -60, 1000, NULL),\n"
    "('11111111-1111-4111-8111-111111111111', 1, 1, 'trainee', 'start', 'Call the courier.', "
    "'choice', 'start/r-1', 0, 'transfer', 5000, -70, 6000, "
    "'55555555-5555-4555-8555-555555555555');\n"
    "INSERT INTO findings VALUES ('11111111-1111-4111-8111-111111111111', 0, 1, 'ownership', "
    "-40, 'mistake', 'transfer', 'You sent her elsewhere.', 'Find out yourself.', 'start/r-1');\n"
    "PRAGMA application_id = 1179405873;\n" /* "FLN1" */
    "PRAGMA user_version = 1;\n";

/* A store the schema-1 program wrote: a report reads it as it is, without changing a byte; the
 * first writer upgrades it in place, and its sessions read the same before and after. */
static void test_schema1_upgrade(void **state)
{
    (void)state;
    char p[128], err[512];
    path_of(p, sizeof(p), "schema1.sqlite");
    sqlite3 *db;
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    if (sqlite3_exec(db, schema1, 0, 0, 0) != SQLITE_OK)
        fail_msg("building the schema-1 store: %s", sqlite3_errmsg(db));
    sqlite3_close(db);
    size_t len0, len1;
    char *before = slurp(p, &len0);

    /* read-only: as it is */
    fl_store *st;
    assert_int_equal(fl_store_open(&st, p, 1, err, sizeof(err)), FL_STORE_OK);
    assert_int_equal(fl_store_schema(st), 1);
    json_t *old_json = NULL;
    seen s = {0};
    assert_int_equal(
        fl_store_each(st, NULL, FL_LOAD_TURNS | FL_LOAD_FINDINGS, collect, &s, err, sizeof(err)),
        0);
    assert_int_equal(fl_store_each(st, &(fl_store_filter){.finished_only = 1},
                                   FL_LOAD_TURNS | FL_LOAD_FINDINGS, last_json_cb, &old_json, err,
                                   sizeof(err)),
                     0);
    fl_store_close(st);
    assert_int_equal(s.n, 2);
    assert_int_equal(s.overall[0], 88);
    assert_int_equal(s.x[0].attempted, 1);
    assert_int_equal(s.x[0].raw, 88); /* schema 1's overall was the weighted mean */
    assert_int_equal(s.x[0].critical, -1);
    assert_int_equal(s.x[0].finding_critical, 0);
    assert_string_equal(s.x[0].triggers, "(null)");
    assert_int_equal(s.x[1].attempted, 0); /* quit before any reply */
    assert_true(json_is_null(json_object_get(old_json, "critical_mistakes")));
    char *after = slurp(p, &len1);
    assert_int_equal(len0, len1);
    assert_memory_equal(before, after, len0);
    free(before);
    free(after);

    /* for writing: upgraded, and a new session with its critical mistake goes in */
    st = open_rw("schema1.sqlite");
    assert_int_equal(fl_store_schema(st), FL_STORE_SCHEMA);
    fl_record r = make("Olga", "Old group", "late-delivery", 9000, 60);
    int existed;
    assert_int_equal(fl_store_put(st, &r, &existed, err, sizeof(err)), FL_STORE_OK);
    assert_int_equal(fl_store_check(st, err, sizeof(err)), 1);
    json_t *new_json = NULL;
    seen s2 = {0};
    assert_int_equal(
        fl_store_each(st, NULL, FL_LOAD_TURNS | FL_LOAD_FINDINGS, collect, &s2, err, sizeof(err)),
        0);
    assert_int_equal(fl_store_each(st, &(fl_store_filter){.finished_only = 1, .until_ms = 2000},
                                   FL_LOAD_TURNS | FL_LOAD_FINDINGS, last_json_cb, &new_json, err,
                                   sizeof(err)),
                     0);
    fl_store_close(st);
    assert_int_equal(s2.n, 3);
    assert_true(json_equal(old_json, new_json)); /* the old session reads the same */
    assert_int_equal(s2.x[1].attempted, 0);
    assert_int_equal(s2.x[2].critical, 1);
    assert_string_equal(s2.x[2].critical_items, "transfer");
    assert_string_equal(s2.x[2].note, "Never send her elsewhere.");
    assert_string_equal(s2.x[2].triggers, "apology: мне очень жаль");
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(q, 0), FL_STORE_SCHEMA);
    sqlite3_finalize(q);
    sqlite3_close(db);
    json_decref(old_json);
    json_decref(new_json);
}

static void test_put_keeps_the_furthest_copy(void **state)
{
    (void)state;
    fl_store *st = open_rw("put.sqlite");
    char err[512];
    fl_record r = make("Cid", "g", "refund", 3000000, 60);
    fl_record part = r;
    part.finished = 0;
    part.n_turns = 2;
    part.findings = NULL;
    part.n_findings_loaded = 0;
    int existed;
    assert_int_equal(fl_store_put(st, &part, &existed, err, sizeof(err)), FL_STORE_OK);
    assert_int_equal(existed, 0);
    assert_int_equal(fl_store_put(st, &r, &existed, err, sizeof(err)), FL_STORE_OK);
    assert_int_equal(existed, 2); /* the unfinished copy was completed */
    assert_int_equal(fl_store_put(st, &part, &existed, err, sizeof(err)), FL_STORE_OK);
    assert_int_equal(existed, 1); /* never replaced by less */
    seen s = {0};
    assert_int_equal(fl_store_each(st, NULL, FL_LOAD_TURNS, collect, &s, err, sizeof(err)), 0);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.finished[0], 1);
    assert_int_equal(s.turns[0], 5);
    fl_store_close(st);
}

static void test_filters(void **state)
{
    (void)state;
    fl_store *st = open_rw("filters.sqlite");
    char err[512];
    int existed;
    const char *who[4] = {"Ann", "Ann", "Ben", "Cat"};
    const char *grp[4] = {"A", "A", "B", ""};
    const char *scn[4] = {"refund", "late", "refund", "refund"};
    for (int i = 0; i < 4; i++) {
        fl_record r = make(who[i], grp[i], scn[i], 10000 * (i + 1), 50 + i);
        if (i == 3)
            r.finished = 0;
        assert_int_equal(fl_store_put(st, &r, &existed, err, sizeof(err)), FL_STORE_OK);
    }
    struct {
        fl_store_filter f;
        int n;
    } cases[] = {
        {{.group = "A"}, 2},
        {{.group = ""}, 1},
        {{.trainee = "Ben"}, 1},
        {{.scenario = "refund"}, 3},
        {{.since_ms = 20000}, 3},
        {{.until_ms = 20000}, 1},
        {{.since_ms = 20000, .until_ms = 40000}, 2},
        {{.finished_only = 1}, 3},
        {{.group = "A", .scenario = "refund"}, 1},
        {{.trainee = "Nobody"}, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        seen s = {0};
        assert_int_equal(fl_store_each(st, &cases[i].f, 0, collect, &s, err, sizeof(err)), 0);
        if (s.n != cases[i].n)
            fail_msg("filter case %zu: %d sessions, expected %d", i, s.n, cases[i].n);
        assert_int_equal(fl_store_count(st, &cases[i].f, err, sizeof(err)), cases[i].n);
    }
    assert_true(fl_store_has_value(st, 'g', "B"));
    assert_false(fl_store_has_value(st, 'g', "C"));
    char names[64];
    assert_int_equal(fl_store_values(st, 't', names, sizeof(names)), 3);
    assert_string_equal(names, "Ann, Ben, Cat");
    fl_store_close(st);
}

static void test_merge_dedup_and_order(void **state)
{
    (void)state;
    fl_store *a = open_rw("a.sqlite"), *b = open_rw("b.sqlite");
    char err[512];
    int existed;
    /* a: sessions at t=1, 3 (shared, unfinished here); b: t=2, 3 (shared, finished), 4 */
    fl_record r1 = make("x", "", "s", 1000, 1), r2 = make("y", "", "s", 2000, 2);
    fl_record r3 = make("z", "", "s", 3000, 3), r4 = make("w", "", "s", 4000, 4);
    fl_record r3part = r3;
    r3part.finished = 0;
    r3part.n_turns = 2;
    assert_int_equal(fl_store_put(a, &r1, &existed, err, sizeof(err)), FL_STORE_OK);
    assert_int_equal(fl_store_put(a, &r3part, &existed, err, sizeof(err)), FL_STORE_OK);
    assert_int_equal(fl_store_put(b, &r2, &existed, err, sizeof(err)), FL_STORE_OK);
    assert_int_equal(fl_store_put(b, &r3, &existed, err, sizeof(err)), FL_STORE_OK);
    assert_int_equal(fl_store_put(b, &r4, &existed, err, sizeof(err)), FL_STORE_OK);
    fl_store *both[2] = {a, b};
    seen s = {0};
    assert_int_equal(
        fl_store_each_merged(both, 2, NULL, FL_LOAD_TURNS, collect, &s, err, sizeof(err)), 0);
    assert_int_equal(s.n, 4);
    for (int i = 0; i < 4; i++)
        assert_int_equal(s.started[i], 1000 * (i + 1));
    assert_string_equal(s.ids[2], r3.id);
    assert_int_equal(s.finished[2], 1); /* the finished copy wins */
    assert_int_equal(s.turns[2], 5);
    /* the same file twice: each session once */
    fl_store *twice[2] = {b, b};
    seen s2 = {0};
    assert_int_equal(fl_store_each_merged(twice, 2, NULL, 0, collect, &s2, err, sizeof(err)), 0);
    assert_int_equal(s2.n, 3);
    fl_store_close(a);
    fl_store_close(b);
}

static void expect_refused(const char *name, fl_store_status want, const char *words)
{
    char p[128], err[512];
    path_of(p, sizeof(p), name);
    size_t len0, len1;
    char *before = slurp(p, &len0);
    assert_non_null(before);
    fl_store *st = NULL;
    for (int ro = 0; ro < 2; ro++) {
        fl_store_status s = fl_store_open(&st, p, ro, err, sizeof(err));
        assert_int_equal(s, want);
        assert_null(st);
        assert_non_null(strstr(err, p));
        if (!strstr(err, words))
            fail_msg("'%s' does not say '%s'", err, words);
    }
    char *after = slurp(p, &len1);
    assert_int_equal(len0, len1);
    assert_memory_equal(before, after, len0);
    free(before);
    free(after);
}

static void test_refuses_and_never_touches(void **state)
{
    (void)state;
    char p[128];
    /* not a database at all */
    path_of(p, sizeof(p), "garbage.sqlite");
    FILE *f = fopen(p, "wb");
    for (int i = 0; i < 8192; i++)
        fputc((i * 7919) & 255, f);
    fclose(f);
    expect_refused("garbage.sqlite", FL_STORE_ERR_NOTOURS, "not a Frontline results file");

    /* another program's database */
    path_of(p, sizeof(p), "other.sqlite");
    sqlite3 *db;
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE foo(x); INSERT INTO foo VALUES (1)", 0, 0, 0),
                     SQLITE_OK);
    sqlite3_close(db);
    expect_refused("other.sqlite", FL_STORE_ERR_NOTOURS, "another program");

    /* a store from a newer Frontline */
    fl_store *st = open_rw("newer.sqlite");
    fl_store_close(st);
    path_of(p, sizeof(p), "newer.sqlite");
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99", 0, 0, 0),
        SQLITE_OK);
    sqlite3_close(db);
    expect_refused("newer.sqlite", FL_STORE_ERR_NEWER, "newer Frontline");

    /* a missing file is not created by a reader */
    char err[512];
    path_of(p, sizeof(p), "missing.sqlite");
    assert_int_not_equal(fl_store_open(&st, p, 1, err, sizeof(err)), FL_STORE_OK);
    assert_int_equal(access(p, F_OK), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_times_and_ids),
        cmocka_unit_test(test_create_write_read),
        cmocka_unit_test(test_json_round_trip),
        cmocka_unit_test(test_not_attempted),
        cmocka_unit_test(test_schema1_upgrade),
        cmocka_unit_test(test_put_keeps_the_furthest_copy),
        cmocka_unit_test(test_filters),
        cmocka_unit_test(test_merge_dedup_and_order),
        cmocka_unit_test(test_refuses_and_never_touches),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
