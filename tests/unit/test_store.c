/*
 * test_store.c - the results store (game/store) on real SQLite files: creating and reopening,
 * refusing files that are not ours or are newer (and leaving them byte for byte), writing a
 * session act by act, take-backs, import semantics, filters, merging several stores with
 * deduplication, the record's JSON round trip (with the critical mistakes, and exports older
 * than them), a session not attempted, a schema-1 store read as it is and then upgraded; and
 * stress rounds (schema 3): rounds and their calls through the store, JSON, merges and import
 * semantics, the composure baseline, the schema-2 store of the schema-2 program upgraded, and
 * the round recorder with real sessions, its fallback files included; and the voice (schema
 * 4): replies read aloud recorded from real sessions (also when the reading is measured after
 * the reply was written, and after a take-back), read back with their summary, through the
 * fallback file and JSON, and the schema-3 store of the schema-3 program upgraded.
 */
#include <math.h>
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
#include "recorder.h"
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

/* ---- stress rounds (schema 3) --------------------------------------------------------------- */

/* A round as the round recorder starts it: not closed, no figures. The seed is above INT64_MAX
 * (it must come back unsigned). */
static fl_round_record make_round(const char *trainee, const char *group, int64_t start)
{
    fl_round_record r;
    memset(&r, 0, sizeof(r));
    assert_int_equal(fl_uuid4(r.id), 0);
    assert_int_equal(fl_uuid4(r.registration), 0);
    assert_int_equal(fl_uuid4(r.xapi_attempted), 0);
    assert_int_equal(fl_uuid4(r.xapi_result), 0);
    r.trainee = trainee;
    r.group = group;
    r.def_id = "monday-rush";
    r.title = "Monday rush";
    r.lang = "en";
    r.version = 2;
    r.content_hash = "fedcba9876543210";
    r.seed = 18364758544493064720ull;
    r.mode = "assessment";
    r.player = "script";
    r.timed = 1;
    r.time_factor = 1.5;
    r.at_once = 3;
    r.customers = 4;
    r.started_ms = start;
    r.program_version = "test";
    r.fig.customers = 4;
    r.fig.time_pct = 150;
    r.fig.responsiveness = r.fig.mean_score = r.fig.tone = r.fig.empathy = -1;
    return r;
}

/* Its end: figures as fl_round_figures_get would give them (a customer lost, one left early). */
static void close_round(fl_round_record *r, int64_t end)
{
    fl_round_figures *f = &r->fig;
    f->arrived = 4;
    f->resolved = 2;
    f->lost = 1;
    f->other = 0;
    f->unfinished = 1;
    f->duration_ms = 240000;
    f->per_minute = 0.5;
    f->mean_reply_ms = 6400;
    f->canned_share = 0.25;
    f->by_load[0] = (fl_round_load){3, 0, 5000};
    f->by_load[1] = (fl_round_load){4, 1, 6000};
    f->by_load[2] = (fl_round_load){5, 2, 7600};
    f->responsiveness = 71;
    f->mean_score = 64;
    f->tone = 80;
    f->empathy = 55;
    f->has_baseline = 1;
    f->composure_tone = -5;
    f->composure_empathy = -13;
    f->composure = -9;
    f->passed = 0;
    r->baseline_sessions = 3;
    r->timeline = "[{\"kind\":\"arrive\",\"call\":1,\"at_ms\":0},{\"kind\":\"reply\",\"call\":1,"
                  "\"at_ms\":5000,\"turn\":1,\"waited_ms\":5000,\"concurrency\":1,\"canned\":false,"
                  "\"slipped\":false}]";
    r->finished = 0;
    r->ended_ms = end;
}

static void assert_round_equal(const fl_round_record *a, const fl_round_record *b)
{
    assert_string_equal(a->id, b->id);
    assert_string_equal(a->registration, b->registration);
    assert_string_equal(a->xapi_attempted, b->xapi_attempted);
    assert_string_equal(a->xapi_result, b->xapi_result);
    assert_string_equal(a->trainee, b->trainee);
    assert_string_equal(a->group, b->group);
    assert_string_equal(a->def_id, b->def_id);
    assert_string_equal(a->title, b->title);
    assert_string_equal(a->lang, b->lang);
    assert_string_equal(a->content_hash, b->content_hash);
    assert_string_equal(a->mode, b->mode);
    assert_string_equal(a->player, b->player);
    assert_string_equal(a->program_version, b->program_version);
    assert_int_equal(a->version, b->version);
    assert_true(a->seed == b->seed);
    assert_int_equal(a->timed, b->timed);
    assert_true(a->time_factor == b->time_factor);
    assert_int_equal(a->at_once, b->at_once);
    assert_int_equal(a->customers, b->customers);
    assert_int_equal(a->started_ms, b->started_ms);
    assert_int_equal(a->ended_ms, b->ended_ms);
    assert_int_equal(a->finished, b->finished);
    assert_int_equal(a->baseline_sessions, b->baseline_sessions);
    if (a->timeline || b->timeline)
        assert_string_equal(a->timeline, b->timeline);
    const fl_round_figures *f = &a->fig, *g = &b->fig;
    assert_int_equal(f->customers, g->customers);
    assert_int_equal(f->time_pct, g->time_pct);
    assert_int_equal(f->responsiveness, g->responsiveness);
    assert_int_equal(f->mean_score, g->mean_score);
    assert_int_equal(f->tone, g->tone);
    assert_int_equal(f->empathy, g->empathy);
    if (!fl_round_record_closed(a))
        return;
    assert_int_equal(f->arrived, g->arrived);
    assert_int_equal(f->resolved, g->resolved);
    assert_int_equal(f->lost, g->lost);
    assert_int_equal(f->other, g->other);
    assert_int_equal(f->unfinished, g->unfinished);
    assert_int_equal(f->duration_ms, g->duration_ms);
    assert_true(f->per_minute == g->per_minute);
    assert_int_equal(f->mean_reply_ms, g->mean_reply_ms);
    assert_true(f->canned_share == g->canned_share);
    assert_memory_equal(f->by_load, g->by_load, sizeof(f->by_load));
    assert_int_equal(f->has_baseline, g->has_baseline);
    assert_int_equal(f->composure, g->composure);
    assert_int_equal(f->composure_tone, g->composure_tone);
    assert_int_equal(f->composure_empathy, g->composure_empathy);
    assert_int_equal(f->passed, g->passed);
}

/* What the collector of round sessions keeps: each session's round, call and round title. */
typedef struct {
    int n;
    char round[8][FL_UUID_LEN + 1], registration[8][FL_UUID_LEN + 1];
    uint32_t call[8];
    char title[8][32];
} in_rounds;

static int collect_rounds(void *ctx, const fl_record *r)
{
    in_rounds *s = ctx;
    if (s->n < 8) {
        memcpy(s->round[s->n], r->round, sizeof(r->round));
        memcpy(s->registration[s->n], r->registration, sizeof(r->registration));
        s->call[s->n] = r->call;
        snprintf(s->title[s->n], 32, "%s", r->round_title ? r->round_title : "(null)");
    }
    s->n++;
    return 0;
}

/* A round written as it is played (start, calls, end) reads back field for field, through the
 * store, its JSON and a merge; its calls name it; import semantics keep the closed copy. */
static void test_rounds(void **state)
{
    (void)state;
    fl_store *st = open_rw("rounds.sqlite");
    char err[512];
    fl_round_record rr = make_round("Марина", "kazan-b", 100000);
    assert_int_equal(fl_store_round_begin(st, &rr, err, sizeof(err)), FL_STORE_OK);
    int existed;
    fl_record single = make("Марина", "kazan-b", "late-delivery", 50000, 90);
    assert_int_equal(fl_store_put(st, &single, &existed, err, sizeof(err)), FL_STORE_OK);
    for (uint32_t k = 1; k <= 2; k++) {
        fl_record c = make("Марина", "kazan-b", "late-delivery", 100000 + k * 1000, 60 + (int)k);
        memcpy(c.round, rr.id, sizeof(c.round));
        memcpy(c.registration, rr.registration, sizeof(c.registration));
        c.call = k;
        assert_int_equal(fl_store_put(st, &c, &existed, err, sizeof(err)), FL_STORE_OK);
    }
    /* not closed yet: no figures */
    fl_round_record *got;
    size_t n;
    assert_int_equal(fl_store_rounds(&st, 1, NULL, &got, &n, err, sizeof(err)), 0);
    assert_int_equal(n, 1);
    assert_false(fl_round_record_closed(&got[0]));
    assert_int_equal(got[0].n_calls, 2);
    assert_round_equal(&got[0], &rr);
    json_t *open_json = fl_round_record_to_json(&got[0]);
    assert_true(json_is_null(json_object_get(open_json, "figures")));
    json_decref(open_json);
    fl_store_rounds_free(got, n);

    close_round(&rr, 400000);
    assert_int_equal(fl_store_round_end(st, &rr, err, sizeof(err)), FL_STORE_OK);
    fl_store_close(st);

    /* read-only, as a report reads it */
    char p[128];
    path_of(p, sizeof(p), "rounds.sqlite");
    assert_int_equal(fl_store_open(&st, p, 1, err, sizeof(err)), FL_STORE_OK);
    assert_int_equal(fl_store_rounds(&st, 1, NULL, &got, &n, err, sizeof(err)), 0);
    assert_int_equal(n, 1);
    assert_true(fl_round_record_closed(&got[0]));
    assert_round_equal(&got[0], &rr);

    /* its JSON: the seed exact, the composure, the timeline embedded; and back */
    json_t *j = fl_round_record_to_json(&got[0]);
    assert_true(fl_json_is_round(j));
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(j, "definition"), "seed")),
        "18364758544493064720");
    json_t *fig = json_object_get(j, "figures");
    assert_int_equal(
        json_integer_value(json_object_get(json_object_get(fig, "composure"), "composure")), -9);
    assert_int_equal(json_array_size(json_object_get(j, "timeline")), 2);
    assert_int_equal(json_integer_value(json_object_get(j, "calls")), 2);
    fl_round_record back;
    assert_int_equal(fl_round_record_from_json(j, &back, err, sizeof(err)), 0);
    assert_round_equal(&back, &rr);
    json_t *j2 = fl_round_record_to_json(&back);
    assert_true(json_equal(j, j2));
    /* no baseline: null, and read back as none */
    json_object_set_new(fig, "composure", json_null());
    fl_round_record nobase;
    assert_int_equal(fl_round_record_from_json(j, &nobase, err, sizeof(err)), 0);
    assert_false(nobase.fig.has_baseline);
    fl_round_record_free(&nobase);
    /* a broken one names the field */
    json_object_set_new(fig, "lost", json_string("one"));
    assert_int_equal(fl_round_record_from_json(j, &nobase, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "\"lost\""));
    json_decref(j);
    json_decref(j2);

    /* the calls name their round (its title joined in), the single conversation none */
    in_rounds s = {0};
    assert_int_equal(fl_store_each(st, NULL, 0, collect_rounds, &s, err, sizeof(err)), 0);
    assert_int_equal(s.n, 3);
    assert_string_equal(s.round[0], "");
    assert_int_equal(s.call[0], 0);
    assert_string_equal(s.title[0], "(null)");
    for (int k = 1; k <= 2; k++) {
        assert_string_equal(s.round[k], rr.id);
        assert_string_equal(s.registration[k], rr.registration);
        assert_int_equal(s.call[k], k);
        assert_string_equal(s.title[k], "Monday rush");
    }
    struct {
        fl_store_filter f;
        int sessions, rounds;
    } cases[] = {
        {{.calls = 1}, 2, 1},
        {{.calls = -1}, 1, 1},
        {{.round = "monday-rush"}, 2, 1},
        {{.round = "other"}, 0, 0},
        {{.scenario = "late-delivery"}, 3, 1},
        {{.scenario = "refund"}, 0, 0},
        {{.finished_only = 1}, 3, 0}, /* the round was left early */
        {{.since_ms = 100001}, 2, 0},
        {{.trainee = "Марина", .group = "kazan-b"}, 3, 1},
        {{.group = ""}, 0, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        in_rounds c = {0};
        assert_int_equal(fl_store_each(st, &cases[i].f, 0, collect_rounds, &c, err, sizeof(err)),
                         0);
        fl_round_record *r2;
        size_t n2;
        assert_int_equal(fl_store_rounds(&st, 1, &cases[i].f, &r2, &n2, err, sizeof(err)), 0);
        if (c.n != cases[i].sessions || (int)n2 != cases[i].rounds)
            fail_msg("filter case %zu: %d sessions, %zu rounds; expected %d, %d", i, c.n, n2,
                     cases[i].sessions, cases[i].rounds);
        assert_int_equal(fl_store_count(st, &cases[i].f, err, sizeof(err)), cases[i].sessions);
        fl_store_rounds_free(r2, n2);
    }
    assert_true(fl_store_has_value(st, 'r', "monday-rush"));
    assert_false(fl_store_has_value(st, 'r', "monday"));

    /* import semantics: an unclosed copy is completed by a closed one, never replaced by less */
    fl_store *b = open_rw("rounds-b.sqlite");
    fl_round_record early = got[0];
    early.ended_ms = 0;
    assert_int_equal(fl_store_round_put(b, &early, &existed, err, sizeof(err)), FL_STORE_OK);
    assert_int_equal(existed, 0);
    fl_store *both[2] = {b, st};
    fl_round_record *m;
    size_t nm;
    /* merged: the closed copy wins, though the first store's is not */
    assert_int_equal(fl_store_rounds(both, 2, NULL, &m, &nm, err, sizeof(err)), 0);
    assert_int_equal(nm, 1);
    assert_true(fl_round_record_closed(&m[0]));
    fl_store_rounds_free(m, nm);
    assert_int_equal(fl_store_round_put(b, &got[0], &existed, err, sizeof(err)), FL_STORE_OK);
    assert_int_equal(existed, 2);
    assert_int_equal(fl_store_round_put(b, &early, &existed, err, sizeof(err)), FL_STORE_OK);
    assert_int_equal(existed, 1);
    assert_int_equal(fl_store_rounds(&b, 1, NULL, &m, &nm, err, sizeof(err)), 0);
    assert_int_equal(nm, 1);
    assert_round_equal(&m[0], &rr);
    assert_int_equal(m[0].n_calls, 0); /* its calls are in the other store */
    fl_store_rounds_free(m, nm);
    fl_store_close(b);
    fl_round_record_free(&back);
    fl_store_rounds_free(got, n);
    fl_store_close(st);
}

/* A session record for the baseline: calm or not, scored or not, Tone and Empathy or n/a. */
static void put_scored(fl_store *st, const char *trainee, const char *group, int64_t start,
                       int timed, int finished, int attempted, int in_round, int tone, int empathy)
{
    char err[512];
    int existed;
    fl_record r = make(trainee, group, "late-delivery", start, 70);
    r.timed = timed;
    r.finished = finished;
    r.attempted = attempted;
    r.n_replies = attempted ? 2 : 0;
    r.n_turns = attempted ? 5 : 1;
    r.applicable[FL_DIM_TONE] = tone >= 0;
    r.score[FL_DIM_TONE] = tone;
    r.applicable[FL_DIM_EMPATHY] = empathy >= 0;
    r.score[FL_DIM_EMPATHY] = empathy;
    if (in_round) {
        assert_int_equal(fl_uuid4(r.round), 0);
        memcpy(r.registration, r.round, sizeof(r.round));
        r.call = 1;
    }
    assert_int_equal(fl_store_put(st, &r, &existed, err, sizeof(err)), FL_STORE_OK);
}

/* The composure baseline: calm play only (untimed, single, finished, attempted), each mean over
 * the sessions where the dimension applied; none yet otherwise. */
static void test_baseline(void **state)
{
    (void)state;
    fl_store *st = open_rw("baseline.sqlite");
    fl_round_baseline b;
    assert_int_equal(fl_store_baseline(st, "Ann", "g", &b), 0);
    assert_int_equal(b.sessions, 0); /* nothing at all yet */
    put_scored(st, "Ann", "g", 1000, 0, 1, 1, 0, 80, 60);
    put_scored(st, "Ann", "g", 2000, 0, 1, 1, 0, 91, 75);
    put_scored(st, "Ann", "g", 3000, 0, 1, 1, 0, 70, -1); /* empathy did not apply */
    put_scored(st, "Ann", "g", 4000, 1, 1, 1, 0, 10, 10); /* timed */
    put_scored(st, "Ann", "g", 5000, 0, 1, 1, 1, 10, 10); /* a call of a round */
    put_scored(st, "Ann", "g", 6000, 0, 0, 1, 0, 10, 10); /* unfinished */
    put_scored(st, "Ann", "g", 7000, 0, 1, 0, 0, 10, 10); /* not attempted */
    put_scored(st, "Ann", "other", 8000, 0, 1, 1, 0, 50, 40);
    put_scored(st, "Ben", "g", 9000, 0, 1, 1, 0, 20, 20);
    put_scored(st, "Cat", "", 9500, 1, 1, 1, 0, 90, 90); /* timed only */
    put_scored(st, "Dan", "", 9600, 0, 1, 1, 0, 90, -1); /* empathy never applied */
    assert_int_equal(fl_store_baseline(st, "Ann", "g", &b), 0);
    assert_int_equal(b.sessions, 3);
    assert_int_equal(b.tone, 80);    /* (80 + 91 + 70) / 3 = 80.33 */
    assert_int_equal(b.empathy, 68); /* (60 + 75) / 2 = 67.5, rounded half up */
    assert_int_equal(fl_store_baseline(st, "Ann", NULL, &b), 0); /* any group */
    assert_int_equal(b.sessions, 4);
    assert_int_equal(b.tone, 73);    /* (80 + 91 + 70 + 50) / 4 = 72.75 */
    assert_int_equal(b.empathy, 58); /* (60 + 75 + 40) / 3 = 58.33 */
    assert_int_equal(fl_store_baseline(st, "Cat", "", &b), 0);
    assert_int_equal(b.sessions, 0);
    assert_int_equal(fl_store_baseline(st, "Dan", "", &b), 0);
    assert_int_equal(b.sessions, 0);
    assert_int_equal(fl_store_baseline(st, "Nobody", NULL, &b), 0);
    assert_int_equal(b.sessions, 0);
    fl_store_close(st);

    /* cheap: the query is a range of the index made for it */
    char p[128];
    path_of(p, sizeof(p), "baseline.sqlite");
    sqlite3 *db;
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "EXPLAIN QUERY PLAN SELECT count(*), avg(s.tone) FROM "
                                        "sessions s WHERE s.trainee_id = 1 AND s.round IS NULL "
                                        "AND s.timed = 0 AND s.finished = 1 AND s.attempted = 1",
                                        -1, &q, NULL),
                     SQLITE_OK);
    int uses = 0;
    while (sqlite3_step(q) == SQLITE_ROW)
        uses |= strstr((const char *)sqlite3_column_text(q, 3), "sessions_calm") != NULL;
    sqlite3_finalize(q);
    sqlite3_close(db);
    assert_true(uses);
}

/* What the schema-2 collector keeps: each session's JSON, in order. */
typedef struct {
    json_t *all;
    double tone_sum[2], emp_sum[2];
    int tone_n[2], emp_n[2];
} schema2_seen;

static int collect_json(void *ctx, const fl_record *r)
{
    schema2_seen *s = ctx;
    json_array_append_new(s->all, fl_record_to_json(r));
    /* calm play of Марина, by the rules of docs/results.md: [0] in her group, [1] any group */
    if (strcmp(r->trainee, "Марина") == 0 && !r->timed && r->finished && r->attempted &&
        !r->round[0])
        for (int k = 0; k < 2; k++) {
            if (k == 0 && strcmp(r->group, "2026-11-kazan-b") != 0)
                continue;
            if (r->applicable[FL_DIM_TONE]) {
                s->tone_sum[k] += r->score[FL_DIM_TONE];
                s->tone_n[k]++;
            }
            if (r->applicable[FL_DIM_EMPATHY]) {
                s->emp_sum[k] += r->score[FL_DIM_EMPATHY];
                s->emp_n[k]++;
            }
        }
    return 0;
}

/* tests/data/store-schema2.sqlite, written by the schema-2 program's `frontline play` (see
 * tests/store/make_schema2_fixture.py): read as it is (its bytes unchanged), then upgraded in
 * place; every session reads the same before and after, and the baseline is the same. */
static void test_schema2_upgrade(void **state)
{
    (void)state;
    char p[128], err[512];
    path_of(p, sizeof(p), "schema2.sqlite");
    size_t len0, len1;
    char *before = slurp(FL_SOURCE_DIR "/tests/data/store-schema2.sqlite", &len0);
    assert_non_null(before);
    FILE *f = fopen(p, "wb");
    assert_int_equal(fwrite(before, 1, len0, f), len0);
    fclose(f);

    fl_store *st;
    assert_int_equal(fl_store_open(&st, p, 1, err, sizeof(err)), FL_STORE_OK);
    assert_int_equal(fl_store_schema(st), 2);
    schema2_seen a = {.all = json_array()};
    assert_int_equal(fl_store_each(st, NULL, FL_LOAD_TURNS | FL_LOAD_FINDINGS, collect_json, &a,
                                   err, sizeof(err)),
                     0);
    assert_int_equal(json_array_size(a.all), 7);
    fl_round_baseline b0, b1;
    assert_int_equal(fl_store_baseline(st, "Марина", "2026-11-kazan-b", &b0), 0);
    assert_int_equal(a.tone_n[0] > 0 && a.emp_n[0] > 0, 1);
    assert_int_equal(b0.tone, (int)(a.tone_sum[0] / a.tone_n[0] + 0.5));
    assert_int_equal(b0.empathy, (int)(a.emp_sum[0] / a.emp_n[0] + 0.5));
    assert_int_equal(b0.sessions, 2);
    fl_round_record *rounds;
    size_t n;
    assert_int_equal(fl_store_rounds(&st, 1, NULL, &rounds, &n, err, sizeof(err)), 0);
    assert_int_equal(n, 0);
    fl_store_rounds_free(rounds, n);
    fl_store_close(st);
    char *after = slurp(p, &len1);
    assert_int_equal(len0, len1);
    assert_memory_equal(before, after, len0);
    free(after);

    /* written: upgraded in place, nothing lost */
    st = open_rw("schema2.sqlite");
    assert_int_equal(fl_store_schema(st), FL_STORE_SCHEMA);
    schema2_seen c = {.all = json_array()};
    assert_int_equal(fl_store_each(st, NULL, FL_LOAD_TURNS | FL_LOAD_FINDINGS, collect_json, &c,
                                   err, sizeof(err)),
                     0);
    assert_true(json_equal(a.all, c.all));
    assert_int_equal(fl_store_baseline(st, "Марина", "2026-11-kazan-b", &b1), 0);
    assert_memory_equal(&b0, &b1, sizeof(b0));
    assert_int_equal(fl_store_baseline(st, "Марина", NULL, &b1), 0);
    assert_int_equal(b1.tone, (int)(a.tone_sum[1] / a.tone_n[1] + 0.5));
    /* and takes a round */
    fl_round_record rr = make_round("Марина", "2026-11-kazan-b", 9000000000000);
    assert_int_equal(fl_store_round_begin(st, &rr, err, sizeof(err)), FL_STORE_OK);
    assert_int_equal(fl_store_check(st, err, sizeof(err)), 1);
    fl_store_close(st);
    json_decref(a.all);
    json_decref(c.all);
    free(before);
}

/* A scenario's session played with the replies offered at 1-based positions. */
static void play(fl_session *ss, const int *picks, size_t n)
{
    for (size_t i = 0; i < n && !fl_session_ended(ss); i++) {
        uint32_t idx[16];
        uint32_t k = fl_session_offered(ss, idx, 16);
        assert_true(k >= (uint32_t)picks[i]);
        assert_int_equal(fl_session_choose(ss, idx[picks[i] - 1], 3000), 0);
    }
}

/* The round recorder with real sessions: the calls are linked to the round, the round closes
 * with its figures; and when the store cannot be written, the round and its calls go to
 * fallback files that `import` semantics bring back, in either order. */
static void test_round_recorder(void **state)
{
    (void)state;
    char p[128], err[512], state_dir[128], round_file[128];
    path_of(state_dir, sizeof(state_dir), "state");
    setenv("XDG_STATE_HOME", state_dir, 1);
    path_of(round_file, sizeof(round_file), "rush.xml");
    FILE *f = fopen(round_file, "w");
    fputs("<round id=\"rush\"/>\n", f);
    fclose(f);
    fl_scenario *sc;
    fl_diags d;
    const char *scen = FL_SOURCE_DIR "/scenarios/en/late-delivery.xml";
    fl_diags_init(&d, scen);
    assert_int_equal(fl_scenario_load_file(&sc, scen, &d), 0);
    fl_diags_clear(&d);

    for (int broken = 0; broken < 2; broken++) {
        path_of(p, sizeof(p), broken ? "garbage.db" : "recorder.sqlite");
        if (broken) {
            f = fopen(p, "wb");
            for (int i = 0; i < 9000; i++)
                fputc((i * 31) & 255, f);
            fclose(f);
        }
        fl_round_recorder_opts o = {
            .db_path = p,
            .round_path = round_file,
            .trainee = "Олег",
            .group = "",
            .mode = "practice",
            .player = "script",
            .time_factor = 2,
            .lang = "ru",
            .def_id = "rush",
            .version = 3,
            .title = "Час пик",
            .def_lang = "ru",
            .seed = 7,
            .at_once = 2,
            .customers = 2,
        };
        fl_round_recorder *rr = fl_round_recorder_open(&o);
        assert_non_null(rr);
        const char *notice = fl_round_recorder_notice(rr);
        if (broken) {
            assert_non_null(notice);
            assert_non_null(strstr(notice, p));
            assert_non_null(strstr(notice, fl_round_recorder_fallback(rr)));
            assert_non_null(strstr(fl_round_recorder_fallback(rr), "frontline-round-"));
        } else {
            assert_null(notice);
        }
        fl_round_baseline base;
        assert_int_equal(fl_round_recorder_baseline(rr, &base), broken ? -1 : 0);
        assert_int_equal(base.sessions, 0);

        fl_session *s1, *s2;
        fl_session_opts so = {.timed = 1};
        assert_int_equal(fl_session_new(&s1, sc, &so), 0);
        assert_int_equal(fl_session_new(&s2, sc, &so), 0);
        fl_recorder *r1 = fl_round_recorder_call(rr, s1, 1, scen);
        fl_recorder *r2 = fl_round_recorder_call(rr, s2, 2, scen);
        const int best[] = {1, 1, 1, 1, 1, 1};
        for (size_t i = 0; i < 6 && !fl_session_ended(s1); i++) {
            play(s1, best + i, 1);
            fl_recorder_update(r1, s1);
        }
        assert_true(fl_session_ended(s1));
        assert_int_equal(fl_recorder_close(r1, s1), broken);
        play(s2, best, 1); /* the second call: one reply, then the round ends */
        assert_int_equal(fl_recorder_update(r2, s2), broken);
        assert_int_equal(fl_recorder_close(r2, s2), broken);
        char s1_id[FL_UUID_LEN + 1], s1_fallback[512] = "", s2_fallback[512] = "";
        snprintf(s1_id, sizeof(s1_id), "%s", fl_recorder_session_id(r1));
        if (broken) {
            snprintf(s1_fallback, sizeof(s1_fallback), "%s", fl_recorder_fallback(r1));
            snprintf(s2_fallback, sizeof(s2_fallback), "%s", fl_recorder_fallback(r2));
        }
        fl_recorder_free(r1);
        fl_recorder_free(r2);
        fl_session_free(s1);
        fl_session_free(s2);

        fl_round_event ev[3] = {
            {.kind = FL_RE_ARRIVE, .call = 1, .at_ms = 0},
            {.kind = FL_RE_REPLY,
             .call = 1,
             .at_ms = 4000,
             .turn = 1,
             .waited_ms = 4000,
             .concurrency = 2,
             .canned = 1},
            {.kind = FL_RE_END, .call = 2, .at_ms = 9000, .outcome = FL_OUTCOME_NONE},
        };
        assert_int_equal(fl_round_recorder_timeline(rr, ev, 3), 0);
        fl_round_figures fig = {.customers = 2,
                                .arrived = 2,
                                .resolved = 1,
                                .unfinished = 1,
                                .duration_ms = 9000,
                                .per_minute = 6.6667,
                                .mean_reply_ms = 3000,
                                .canned_share = 0.2,
                                .responsiveness = 100,
                                .mean_score = 88,
                                .tone = 90,
                                .empathy = 85,
                                .time_pct = 200,
                                .passed = 1};
        fig.by_load[1] = (fl_round_load){5, 1, 3000};
        assert_int_equal(fl_round_recorder_close(rr, &fig), broken);
        char round_id[FL_UUID_LEN + 1], registration[FL_UUID_LEN + 1], round_fallback[512] = "";
        snprintf(round_id, sizeof(round_id), "%s", fl_round_recorder_id(rr));
        snprintf(registration, sizeof(registration), "%s", fl_round_recorder_registration(rr));
        if (broken)
            snprintf(round_fallback, sizeof(round_fallback), "%s", fl_round_recorder_fallback(rr));
        fl_round_recorder_free(rr);

        fl_store *st;
        if (broken) {
            /* import, the calls before their round */
            st = open_rw("imported.sqlite");
            const char *files[3] = {s1_fallback, s2_fallback, round_fallback};
            for (int i = 0; i < 3; i++) {
                json_error_t je;
                json_t *doc = json_load_file(files[i], 0, &je);
                assert_non_null(doc);
                int existed;
                if (fl_json_is_round(doc)) {
                    fl_round_record r;
                    assert_int_equal(fl_round_record_from_json(doc, &r, err, sizeof(err)), 0);
                    assert_int_equal(fl_store_round_put(st, &r, &existed, err, sizeof(err)),
                                     FL_STORE_OK);
                    fl_round_record_free(&r);
                } else {
                    fl_record r;
                    assert_int_equal(fl_record_from_json(doc, &r, err, sizeof(err)), 0);
                    assert_int_equal(fl_store_put(st, &r, &existed, err, sizeof(err)), FL_STORE_OK);
                    fl_record_free(&r);
                }
                json_decref(doc);
            }
        } else {
            assert_int_equal(fl_store_open(&st, p, 1, err, sizeof(err)), FL_STORE_OK);
        }
        fl_round_record *got;
        size_t n;
        assert_int_equal(fl_store_rounds(&st, 1, NULL, &got, &n, err, sizeof(err)), 0);
        assert_int_equal(n, 1);
        assert_string_equal(got[0].id, round_id);
        assert_string_equal(got[0].registration, registration);
        assert_string_equal(got[0].trainee, "Олег");
        assert_string_equal(got[0].title, "Час пик");
        assert_string_equal(got[0].mode, "practice");
        assert_int_equal(got[0].timed, 1);
        assert_true(got[0].time_factor == 2);
        assert_int_equal(got[0].fig.time_pct, 200);
        assert_true(got[0].seed == 7);
        assert_int_equal(got[0].n_calls, 2);
        assert_true(fl_round_record_closed(&got[0]));
        assert_false(got[0].finished); /* a call was still live when it ended */
        assert_int_equal(got[0].fig.mean_score, 88);
        assert_int_equal(got[0].fig.by_load[1].canned, 1);
        assert_false(got[0].fig.has_baseline);
        assert_non_null(strstr(got[0].timeline, "\"concurrency\":2,\"canned\":true"));
        assert_non_null(got[0].content_hash);
        assert_int_equal(strlen(got[0].content_hash), 16);
        fl_store_rounds_free(got, n);
        in_rounds s = {0};
        assert_int_equal(fl_store_each(st, NULL, 0, collect_rounds, &s, err, sizeof(err)), 0);
        assert_int_equal(s.n, 2);
        /* the two calls may start in the same millisecond: the store then orders them by id,
         * so look each one up by its call number */
        assert_true((s.call[0] == 1 && s.call[1] == 2) || (s.call[0] == 2 && s.call[1] == 1));
        for (int k = 0; k < 2; k++) {
            assert_string_equal(s.round[k], round_id);
            assert_string_equal(s.registration[k], registration);
            assert_string_equal(s.title[k], "Час пик");
        }
        seen fin = {0};
        assert_int_equal(fl_store_each(st, NULL, 0, collect, &fin, err, sizeof(err)), 0);
        int first = strcmp(fin.ids[0], s1_id) == 0 ? 0 : 1;
        assert_string_equal(fin.ids[first], s1_id);
        assert_int_equal(fin.finished[first], 1);
        assert_int_equal(fin.finished[1 - first], 0);
        fl_store_close(st);
    }
    fl_scenario_free(sc);
    unsetenv("XDG_STATE_HOME");
}

/* ---- the voice (schema 4) ------------------------------------------------------------------ */

/* What the voice collector keeps of the last session it sees. */
typedef struct {
    int n;
    fl_record_voice v;
    size_t trainee_turns, voiced;
    fl_record_turn voiced_turns[8]; /* the trainee turns with voice, in order (strings unused) */
    json_t *json;
} voice_seen;

static int collect_voice(void *ctx, const fl_record *r)
{
    voice_seen *s = ctx;
    s->n++;
    s->v = r->voice;
    s->trainee_turns = s->voiced = 0;
    for (size_t i = 0; r->turns && i < r->n_turns; i++) {
        const fl_record_turn *t = &r->turns[i];
        if (t->speaker != FL_SPEAKER_TRAINEE)
            continue;
        s->trainee_turns++;
        if (t->has_voice && s->voiced < 8)
            s->voiced_turns[s->voiced++] = *t;
    }
    json_decref(s->json);
    s->json = r->turns ? fl_record_to_json(r) : NULL;
    return 0;
}

static const fl_voice_figures loud_fast = {.rms_dbfs = -12.25f,
                                           .peak_dbfs = -1.5f,
                                           .syllables_per_s = 6.5f,
                                           .speech_s = 2.0f,
                                           .pause_s = 0.25f,
                                           .pauses = 1,
                                           .syllables = 13};
static const fl_voice_figures calm = {.rms_dbfs = -21.75f,
                                      .peak_dbfs = -6.0f,
                                      .syllables_per_s = 4.5f,
                                      .speech_s = 4.0f,
                                      .pause_s = 0.5f,
                                      .pauses = 2,
                                      .syllables = 18};
static const fl_voice_figures mute = {.rms_dbfs = -70.0f, .peak_dbfs = -60.0f, .speech_s = 0.1f};

/* Plays late-delivery's best path in practice through a recorder into db (NULL: a file that is
 * not a store, so the session goes to its fallback file), with the voice arriving as the
 * desktop gives it: reply 1 read aloud after it was written (its own update), reply 2 read
 * before the update that writes it, reply 3 read aloud, taken back and chosen again unread, the
 * reading of reply 1 measured again (replacing the first), and reply 4 heard as nothing. Returns
 * the recorder's fallback file in fallback (when db is NULL). */
static void play_with_voice(const char *db, char *fallback, size_t n)
{
    fl_scenario *sc;
    fl_diags d;
    const char *scen = FL_SOURCE_DIR "/scenarios/en/late-delivery.xml";
    fl_diags_init(&d, scen);
    assert_int_equal(fl_scenario_load_file(&sc, scen, &d), 0);
    fl_diags_clear(&d);
    fl_session *ss;
    fl_session_opts so = {0};
    assert_int_equal(fl_session_new(&ss, sc, &so), 0);
    char p[128];
    if (!db) {
        path_of(p, sizeof(p), "not-a-store.db");
        FILE *f = fopen(p, "wb");
        for (int i = 0; i < 9000; i++)
            fputc((i * 37) & 255, f);
        fclose(f);
    } else {
        path_of(p, sizeof(p), db);
    }
    fl_recorder_opts o = {.db_path = p,
                          .scenario_path = scen,
                          .trainee = "Голос",
                          .group = "voice",
                          .mode = "practice",
                          .player = "desktop",
                          .lang = "en"};
    fl_recorder *rc = fl_recorder_open(ss, &o);
    assert_non_null(rc);
    int want = db ? 0 : 1; /* in the store, or in the fallback file */
    const int one = 1;
    play(ss, &one, 1);
    assert_int_equal(fl_recorder_update(rc, ss), want);
    assert_int_equal(fl_session_voice(ss, 1, &calm), 0); /* after the reply was written */
    assert_int_equal(fl_recorder_update(rc, ss), want);
    play(ss, &one, 1);
    assert_int_equal(fl_session_voice(ss, 2, &loud_fast), 0); /* before it is written */
    assert_int_equal(fl_recorder_update(rc, ss), want);
    play(ss, &one, 1);
    assert_int_equal(fl_session_voice(ss, 3, &loud_fast), 0);
    assert_int_equal(fl_recorder_update(rc, ss), want);
    assert_int_equal(fl_session_undo(ss), 0); /* reply 3 and its reading taken back */
    assert_int_equal(fl_recorder_update(rc, ss), want);
    play(ss, &one, 1);
    assert_int_equal(fl_recorder_update(rc, ss), want);
    fl_voice_figures again = calm;
    again.rms_dbfs = -19.5f; /* read again: the second measurement replaces the first */
    assert_int_equal(fl_session_voice(ss, 1, &again), 0);
    play(ss, &one, 1);
    assert_int_equal(fl_session_voice(ss, 4, &mute), 0);
    assert_int_equal(fl_recorder_update(rc, ss), want); /* two things at once: one transaction */
    const int rest[] = {1, 1, 1, 1};
    play(ss, rest, 4);
    assert_true(fl_session_ended(ss));
    assert_int_equal(fl_recorder_close(rc, ss), want);
    if (fallback)
        snprintf(fallback, n, "%s", db ? "" : fl_recorder_fallback(rc));
    fl_recorder_free(rc);
    fl_session_free(ss);
    fl_scenario_free(sc);
}

/* The figures play_with_voice gave, as read back: replies 1 (read again), 2 and 4 stand with
 * their voice; the taken-back reply 3 keeps its own in its row but counts nowhere. */
static void check_voice(const voice_seen *s)
{
    assert_int_equal(s->v.replies, 3);
    assert_int_equal(s->v.heard, 2);
    assert_int_equal(s->v.silent, 1);
    assert_int_equal(s->v.loud, 1);
    assert_int_equal(s->v.fast, 1);
    assert_true(fabs(s->v.rms_dbfs - (-19.5 + -12.25) / 2) < 1e-6);
    assert_true(fabs(s->v.syllables_per_s - (4.5 + 6.5) / 2) < 1e-6);
    assert_int_equal(s->voiced, 4); /* 1, 2, 3 (taken back), 4 */
    const fl_record_turn *t = s->voiced_turns;
    assert_int_equal(t[0].turn, 1);
    assert_true(t[0].voice.rms_dbfs == -19.5f);
    assert_true(t[0].voice.syllables_per_s == 4.5f);
    assert_int_equal(t[0].voice.syllables, 18);
    assert_int_equal(t[0].voice.pauses, 2);
    assert_true(t[0].voice.pause_s == 0.5f);
    assert_int_equal(t[0].voice_flags, 0);
    assert_int_equal(t[1].turn, 2);
    assert_true(t[1].voice.peak_dbfs == -1.5f);
    assert_true(t[1].voice.speech_s == 2.0f);
    assert_int_equal(t[1].voice_flags, FL_VOICE_LOUD | FL_VOICE_FAST);
    assert_int_equal(t[2].turn, 3);
    assert_true(t[2].taken_back);
    assert_int_equal(t[3].turn, 4);
    assert_int_equal(t[3].taken_back, 0);
    assert_true(t[3].voice.rms_dbfs == -70.0f);
    assert_int_equal(t[3].voice_flags, FL_VOICE_SILENT);
    /* the JSON: each reply's figures with play --script's keys, and the summary */
    json_t *sum = json_object_get(s->json, "voice");
    assert_non_null(sum);
    assert_int_equal(json_integer_value(json_object_get(sum, "replies_read_aloud")), 3);
    assert_true(json_real_value(json_object_get(sum, "mean_rms_dbfs")) == -15.88);
    assert_true(json_real_value(json_object_get(sum, "mean_syllables_per_s")) == 5.5);
    json_t *turns = json_object_get(s->json, "turns");
    size_t i;
    json_t *u;
    int voiced = 0;
    json_array_foreach(turns, i, u)
    {
        json_t *v = json_object_get(u, "voice");
        if (!v)
            continue;
        if (voiced++ == 1) {
            assert_true(json_real_value(json_object_get(v, "rms_dbfs")) == -12.25);
            assert_true(json_real_value(json_object_get(v, "syllables_per_s")) == 6.5);
            assert_int_equal(json_integer_value(json_object_get(v, "syllables")), 13);
            json_t *flags = json_object_get(v, "flags");
            assert_int_equal(json_array_size(flags), 2);
            assert_string_equal(json_string_value(json_array_get(flags, 0)), "loud");
            assert_string_equal(json_string_value(json_array_get(flags, 1)), "fast");
        }
    }
    assert_int_equal(voiced, 4);
}

/* The recorder writes the voice wherever it arrives, the store reads it back (the summary also
 * without the turns), and the fallback file and JSON carry it into another store. */
static void test_voice_recorder(void **state)
{
    (void)state;
    char err[512], p[128], state_dir[128];
    path_of(state_dir, sizeof(state_dir), "voice-state");
    setenv("XDG_STATE_HOME", state_dir, 1);
    play_with_voice("voice.sqlite", NULL, 0);
    path_of(p, sizeof(p), "voice.sqlite");
    fl_store *st;
    assert_int_equal(fl_store_open(&st, p, 1, err, sizeof(err)), FL_STORE_OK);
    voice_seen s = {0};
    assert_int_equal(fl_store_each(st, NULL, FL_LOAD_TURNS, collect_voice, &s, err, sizeof(err)),
                     0);
    assert_int_equal(s.n, 1);
    check_voice(&s);
    /* without the turns (CSV, HTML): the same summary, from the store */
    voice_seen bare = {0};
    assert_int_equal(fl_store_each(st, NULL, 0, collect_voice, &bare, err, sizeof(err)), 0);
    assert_memory_equal(&bare.v, &s.v, sizeof(s.v));
    assert_int_equal(fl_store_has_voice(st, NULL, err, sizeof(err)), 1);
    assert_int_equal(
        fl_store_has_voice(st, &(fl_store_filter){.trainee = "nobody"}, err, sizeof(err)), 0);
    fl_store_close(st);
    /* cheap: the summary reads the index made for it and never the turns' rows */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "EXPLAIN QUERY PLAN SELECT session_id, count(*), "
                                        "avg(CASE WHEN voice_flags & 4 = 0 THEN voice_rms_dbfs "
                                        "END), avg(voice_syllables_per_s) FROM turns WHERE "
                                        "voice_rms_dbfs IS NOT NULL AND speaker = 'trainee' AND "
                                        "taken_back = 0 GROUP BY session_id",
                                        -1, &q, NULL),
                     SQLITE_OK);
    int covering = 0;
    while (sqlite3_step(q) == SQLITE_ROW)
        covering |=
            strstr((const char *)sqlite3_column_text(q, 3), "COVERING INDEX turns_voice") != NULL;
    sqlite3_finalize(q);
    sqlite3_close(db);
    assert_true(covering);

    /* the store would not take it: the fallback file has it all, and import brings it back */
    char fallback[512];
    play_with_voice(NULL, fallback, sizeof(fallback));
    json_error_t je;
    json_t *doc = json_load_file(fallback, 0, &je);
    assert_non_null(doc);
    fl_record r;
    assert_int_equal(fl_record_from_json(doc, &r, err, sizeof(err)), 0);
    st = open_rw("voice-imported.sqlite");
    int existed;
    assert_int_equal(fl_store_put(st, &r, &existed, err, sizeof(err)), FL_STORE_OK);
    voice_seen imp = {0};
    assert_int_equal(fl_store_each(st, NULL, FL_LOAD_TURNS, collect_voice, &imp, err, sizeof(err)),
                     0);
    check_voice(&imp);
    /* the export of the imported session is the fallback file's, but for what the store adds */
    json_t *a = json_object_get(doc, "turns"), *b = json_object_get(imp.json, "turns");
    assert_true(json_equal(a, b));
    assert_true(json_equal(json_object_get(doc, "voice"), json_object_get(imp.json, "voice")));
    fl_record_free(&r);
    json_decref(doc);
    fl_store_close(st);
    json_decref(s.json);
    json_decref(bare.json);
    json_decref(imp.json);
    unsetenv("XDG_STATE_HOME");
}

/* The last reply may be read aloud after the conversation ended and the recorder closed it (the
 * desktop shows the reading prompt after the customer's last line): an update then still gives
 * that reply its voice, and the session stays finished with its scores. */
static void test_voice_after_close(void **state)
{
    (void)state;
    char err[512], p[128];
    fl_scenario *sc;
    fl_diags d;
    const char *scen = FL_SOURCE_DIR "/scenarios/en/late-delivery.xml";
    fl_diags_init(&d, scen);
    assert_int_equal(fl_scenario_load_file(&sc, scen, &d), 0);
    fl_diags_clear(&d);
    fl_session *ss;
    fl_session_opts so = {0};
    assert_int_equal(fl_session_new(&ss, sc, &so), 0);
    path_of(p, sizeof(p), "voice-late.sqlite");
    fl_recorder_opts o = {.db_path = p, .scenario_path = scen, .trainee = "late", .lang = "en"};
    fl_recorder *rc = fl_recorder_open(ss, &o);
    const int best[] = {1, 1, 1, 1, 1, 1, 1, 1};
    for (int i = 0; i < 8 && !fl_session_ended(ss); i++) {
        play(ss, best + i, 1);
        assert_int_equal(fl_recorder_update(rc, ss), 0);
    }
    assert_true(fl_session_ended(ss));
    assert_int_equal(fl_recorder_close(rc, ss), 0);
    size_t n;
    fl_session_turns(ss, &n);
    assert_int_equal(fl_session_voice(ss, (uint32_t)n, &loud_fast), 0);
    assert_int_equal(fl_recorder_update(rc, ss), 0);
    assert_null(fl_recorder_notice(rc));
    fl_recorder_free(rc);
    fl_session_free(ss);
    fl_scenario_free(sc);
    fl_store *st;
    assert_int_equal(fl_store_open(&st, p, 1, err, sizeof(err)), FL_STORE_OK);
    voice_seen s = {0};
    seen fin = {0};
    assert_int_equal(fl_store_each(st, NULL, FL_LOAD_TURNS, collect_voice, &s, err, sizeof(err)),
                     0);
    assert_int_equal(fl_store_each(st, NULL, 0, collect, &fin, err, sizeof(err)), 0);
    assert_int_equal(s.voiced, 1);
    assert_int_equal(s.voiced_turns[0].turn, n);
    assert_int_equal(s.v.replies, 1);
    assert_int_equal(s.v.loud, 1);
    assert_int_equal(fin.finished[0], 1);
    assert_int_equal(fin.overall[0], 100);
    json_decref(s.json);
    fl_store_close(st);
}

/* A session's voice as JSON and back; a bad figure is refused naming it; a store write for a
 * reply that is not there is an error that writes nothing; a record without voice has no
 * "voice" anywhere. */
static void test_voice_json_and_errors(void **state)
{
    (void)state;
    char err[512];
    fl_record r = make("Vera", "", "refund", 3000000, 80);
    turns2[1].has_voice = 1;
    turns2[1].voice = loud_fast;
    turns2[1].voice_flags = FL_VOICE_LOUD | FL_VOICE_FAST;
    json_t *a = fl_record_to_json(&r);
    fl_record back;
    assert_int_equal(fl_record_from_json(a, &back, err, sizeof(err)), 0);
    assert_int_equal(back.voice.replies, 1);
    assert_int_equal(back.voice.loud, 1);
    assert_true(back.turns[1].has_voice);
    assert_false(back.turns[3].has_voice);
    assert_true(back.turns[1].voice.syllables_per_s == 6.5f);
    json_t *b = fl_record_to_json(&back);
    assert_true(json_equal(a, b));
    fl_record_free(&back);

    json_t *v = json_object_get(json_array_get(json_object_get(b, "turns"), 1), "voice");
    json_object_set_new(v, "rms_dbfs", json_real(40));
    assert_int_equal(fl_record_from_json(b, &back, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "turns[1]: voice: \"rms_dbfs\": is out of range"));
    json_object_set_new(v, "rms_dbfs", json_real(-12));
    json_array_append_new(json_object_get(v, "flags"), json_string("angry"));
    assert_int_equal(fl_record_from_json(b, &back, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "turns[1]: voice: \"flags\""));
    json_decref(b);

    /* written with the voice, then a reading for a reply that is not there */
    fl_store *st = open_rw("voice-json.sqlite");
    int existed;
    assert_int_equal(fl_store_put(st, &r, &existed, err, sizeof(err)), FL_STORE_OK);
    fl_record_turn ghost = turns2[1];
    ghost.seq = 40;
    assert_int_equal(fl_store_session_voice(st, r.id, &ghost, 1, err, sizeof(err)),
                     FL_STORE_ERR_IO);
    assert_non_null(strstr(err, "seq 40"));
    voice_seen s = {0};
    assert_int_equal(fl_store_each(st, NULL, FL_LOAD_TURNS, collect_voice, &s, err, sizeof(err)),
                     0);
    assert_true(json_equal(json_object_get(s.json, "turns"), json_object_get(a, "turns")));
    assert_true(json_equal(json_object_get(s.json, "voice"), json_object_get(a, "voice")));
    json_decref(s.json);
    json_decref(a);

    /* without any voice, no "voice" key anywhere: the object is as before schema 4 */
    turns2[1].has_voice = 0;
    json_t *plain = fl_record_to_json(&r);
    assert_null(json_object_get(plain, "voice"));
    for (size_t i = 0; i < 5; i++)
        assert_null(json_object_get(json_array_get(json_object_get(plain, "turns"), i), "voice"));
    json_decref(plain);
    fl_store_close(st);
}

/* tests/store/data/store-schema3.sqlite, written by the schema-3 program (see
 * tests/store/make_schema3_fixture.py): read as it is (its bytes unchanged, no voice anywhere),
 * then upgraded in place: every session reads the same, the voice columns and their index are
 * there, and a session read aloud goes in. */
static void test_schema3_upgrade(void **state)
{
    (void)state;
    char p[128], err[512];
    path_of(p, sizeof(p), "schema3.sqlite");
    size_t len0, len1;
    char *before = slurp(FL_SOURCE_DIR "/tests/store/data/store-schema3.sqlite", &len0);
    assert_non_null(before);
    FILE *f = fopen(p, "wb");
    assert_int_equal(fwrite(before, 1, len0, f), len0);
    fclose(f);

    fl_store *st;
    assert_int_equal(fl_store_open(&st, p, 1, err, sizeof(err)), FL_STORE_OK);
    assert_int_equal(fl_store_schema(st), 3);
    schema2_seen a = {.all = json_array()};
    assert_int_equal(fl_store_each(st, NULL, FL_LOAD_TURNS | FL_LOAD_FINDINGS, collect_json, &a,
                                   err, sizeof(err)),
                     0);
    assert_int_equal(json_array_size(a.all), 11);
    assert_int_equal(fl_store_has_voice(st, NULL, err, sizeof(err)), 0);
    fl_store_close(st);
    char *after = slurp(p, &len1);
    assert_int_equal(len0, len1);
    assert_memory_equal(before, after, len0);
    free(after);
    free(before);

    st = open_rw("schema3.sqlite");
    assert_int_equal(fl_store_schema(st), FL_STORE_SCHEMA);
    schema2_seen c = {.all = json_array()};
    assert_int_equal(fl_store_each(st, NULL, FL_LOAD_TURNS | FL_LOAD_FINDINGS, collect_json, &c,
                                   err, sizeof(err)),
                     0);
    assert_true(json_equal(a.all, c.all));
    assert_int_equal(fl_store_has_voice(st, NULL, err, sizeof(err)), 0);
    fl_record r = make("Голос", "voice", "late-delivery", 9100000000000, 90);
    turns2[3].has_voice = 1;
    turns2[3].voice = calm;
    int existed;
    assert_int_equal(fl_store_put(st, &r, &existed, err, sizeof(err)), FL_STORE_OK);
    assert_int_equal(fl_store_has_voice(st, NULL, err, sizeof(err)), 1);
    assert_int_equal(
        fl_store_has_voice(st, &(fl_store_filter){.group = "2026-11-kazan-b"}, err, sizeof(err)),
        0);
    assert_int_equal(fl_store_check(st, err, sizeof(err)), 1);
    fl_store_close(st);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT count(*) FROM sqlite_master WHERE name = "
                                        "'turns_voice' UNION ALL SELECT count(*) FROM "
                                        "pragma_table_info('turns') WHERE name LIKE 'voice_%'",
                                        -1, &q, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(q, 0), 1);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(q, 0), 8);
    sqlite3_finalize(q);
    sqlite3_close(db);
    json_decref(a.all);
    json_decref(c.all);
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
        cmocka_unit_test(test_rounds),
        cmocka_unit_test(test_baseline),
        cmocka_unit_test(test_schema2_upgrade),
        cmocka_unit_test(test_round_recorder),
        cmocka_unit_test(test_voice_recorder),
        cmocka_unit_test(test_voice_after_close),
        cmocka_unit_test(test_voice_json_and_errors),
        cmocka_unit_test(test_schema3_upgrade),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
