/*
 * test_iso8601.c - the results' time stamps (record.c) and the import's checks from memory.
 *
 * fl_iso8601_parse accepts exactly what fl_iso8601_utc writes: every accepted stamp is written
 * back the same, and its time is what libc's timegm() gives for the same fields (an oracle that
 * shares no code with the parser). Every day of every month of a set of years is tried against
 * timegm's own calendar (a date exists when timegm does not move it), and a table of bad stamps
 * (signed and five-digit years, 31 February, 29 February of 1900, hour 24, second 60, other
 * fraction lengths, offsets, spaces) is refused. Then fl_import_check_memory, the import's
 * checks without a store, on an export made by fl_record_to_json: an end before the start, a
 * negative duration, a bad stamp and an invalid byte in a name.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "record.h"

/* The time of the fields by timegm(): seconds since 1970, or 0 with *moved set when timegm
 * normalised the date into another (the date does not exist). */
static int64_t oracle(int y, int mo, int d, int h, int mi, int s, int *moved)
{
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    time_t t = timegm(&tm);
    *moved = tm.tm_year != y - 1900 || tm.tm_mon != mo - 1 || tm.tm_mday != d || tm.tm_hour != h ||
             tm.tm_min != mi || tm.tm_sec != s;
    return (int64_t)t;
}

static void test_good_stamps(void **state)
{
    (void)state;
    static const char *const good[] = {
        "2026-11-23T08:15:02.123Z", "2026-11-23T08:15:02Z",     "2024-02-29T00:00:00.000Z",
        "2000-02-29T12:00:00Z",     "1970-01-01T00:00:00.001Z", "0001-01-01T00:00:00.000Z",
        "9999-12-31T23:59:59.999Z", "2026-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z",
        "2400-02-29T01:02:03.004Z",
    };
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        const char *s = good[i];
        int64_t ms = 42;
        assert_int_equal(fl_iso8601_parse(s, &ms), 0);
        int y, mo, d, h, mi, sec, frac = 0, moved;
        assert_int_equal(sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &sec), 6);
        if (s[19] == '.')
            frac = atoi(s + 20);
        int64_t want = oracle(y, mo, d, h, mi, sec, &moved) * 1000 + frac;
        assert_false(moved);
        if (ms != want)
            fail_msg("%s: %lld ms, timegm says %lld", s, (long long)ms, (long long)want);
        /* written back the same (".000" added when there was none) */
        char back[32], expect[32];
        fl_iso8601_utc(ms, back);
        snprintf(expect, sizeof(expect), "%.19s.%03dZ", s, frac);
        assert_string_equal(back, expect);
    }
}

/* Every day 1..31 of every month of years around the leap-year rules: accepted exactly when
 * the date exists in timegm's calendar, and then the same time. */
static void test_calendar(void **state)
{
    (void)state;
    static const int years[] = {1,    4,    100,  400,  1600, 1700, 1900, 1970, 1999,
                                2000, 2023, 2024, 2026, 2100, 2400, 9996, 9999};
    int accepted = 0, refused = 0;
    for (size_t k = 0; k < sizeof(years) / sizeof(years[0]); k++)
        for (int mo = 1; mo <= 12; mo++)
            for (int d = 1; d <= 31; d++) {
                char s[40];
                snprintf(s, sizeof(s), "%04d-%02d-%02dT23:59:59.500Z", years[k], mo, d);
                int moved;
                int64_t want = oracle(years[k], mo, d, 23, 59, 59, &moved) * 1000 + 500;
                int64_t ms = 0;
                int rc = fl_iso8601_parse(s, &ms);
                if (moved) {
                    if (rc != -1)
                        fail_msg("%s does not exist but was accepted", s);
                    refused++;
                } else {
                    if (rc != 0 || ms != want)
                        fail_msg("%s: rc %d, %lld ms, timegm %lld", s, rc, (long long)ms,
                                 (long long)want);
                    accepted++;
                }
            }
    /* 17 years x 12 months: 31-day months never refuse, February does most */
    assert_true(accepted > 17 * 12 * 28);
    assert_true(refused > 17 * 5);
}

static void test_bad_stamps(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "-026-11-23T08:15:02.123Z", /* the issue's: read as year 7270 before */
        "+026-11-23T08:15:02.123Z",
        " 2026-11-23T08:15:02Z",
        "02026-11-23T08:15:02Z",
        "20260-11-23T08:15:02Z",
        "0000-01-01T00:00:00Z",
        "2026-02-31T08:15:02Z",
        "2026-02-29T08:15:02Z",
        "1900-02-29T08:15:02Z",
        "2026-04-31T08:15:02Z",
        "2026-13-01T08:15:02Z",
        "2026-00-10T08:15:02Z",
        "2026-11-00T08:15:02Z",
        "2026-11-32T08:15:02Z",
        "2026-11-23T24:00:00Z",
        "2026-11-23T08:60:00Z",
        "2026-11-23T08:15:60Z",
        "2026-11-23T-8:15:02Z",
        "2026-11-23T08:-5:02Z",
        "2026-1-23T08:15:02Z",
        "2026-11-23 08:15:02Z",
        "2026-11-23t08:15:02Z",
        "2026-11-23T08:15:02z",
        "2026-11-23T08:15:02",
        "2026-11-23T08:15:02+00:00",
        "2026-11-23T08:15:02.Z",
        "2026-11-23T08:15:02.1Z",
        "2026-11-23T08:15:02.12Z",
        "2026-11-23T08:15:02.1234Z",
        "2026-11-23T08:15:02.-12Z",
        "2026-11-23T08:15:02.123Z ",
        "2026-11-23T08:15:02.123ZZ",
        "2026-11-23",
        "",
        "2026-11-23T08:15:0",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        int64_t ms = 42;
        if (fl_iso8601_parse(bad[i], &ms) != -1)
            fail_msg("\"%s\" was accepted as %lld ms", bad[i], (long long)ms);
        assert_int_equal(ms, 42); /* untouched */
    }
}

/* ---- the import's checks, from memory ---------------------------------------------------- */

/* A finished, scored session of one reply, as the JSON export writes it. */
static json_t *session_json(void)
{
    fl_record r;
    memset(&r, 0, sizeof(r));
    snprintf(r.id, sizeof(r.id), "0b7f1a52-3c4d-4e5f-8a9b-0c1d2e3f4a5b");
    snprintf(r.xapi_id, sizeof(r.xapi_id), "1b7f1a52-3c4d-4e5f-8a9b-0c1d2e3f4a5b");
    r.trainee = "Марина";
    r.group = "g1";
    r.workshop = r.day_session = "";
    r.scenario_id = "late-delivery";
    r.scenario_title = "Late delivery";
    r.scenario_lang = "en";
    r.scenario_version = 1;
    r.content_hash = "0123456789abcdef";
    r.mode = "practice";
    r.player = "script";
    r.started_ms = 1795421702123; /* 2026-11-23T08:15:02.123Z */
    r.ended_ms = r.started_ms + 60000;
    r.timed = 1;
    r.time_factor = 1.5;
    r.finished = r.attempted = 1;
    r.outcome = "resolved";
    r.overall = r.raw = 80;
    r.band[0] = 'B';
    r.passed = 1;
    r.critical = 0;
    r.critical_items = "";
    r.csat = 4;
    r.ces = 3;
    r.nps = 8;
    r.program_version = "test";
    r.n_replies = 1;
    fl_record_turn t[2];
    memset(t, 0, sizeof(t));
    t[0].seq = 0;
    t[0].turn = 1;
    t[0].speaker = FL_SPEAKER_CUSTOMER;
    t[0].node = "start";
    t[0].text = "Where is my parcel?";
    t[0].emotion = "angry";
    t[0].at_ms = r.started_ms;
    t[1].seq = 1;
    t[1].turn = 1;
    t[1].speaker = FL_SPEAKER_TRAINEE;
    t[1].node = "start";
    t[1].text = "I am sorry, let me check.";
    t[1].kind = "choice";
    t[1].reply = "sorry";
    t[1].signals = "apology ownership";
    t[1].took_ms = 4200;
    t[1].elapsed_ms = 4200;
    t[1].at_ms = r.started_ms + 4200;
    snprintf(t[1].xapi_id, sizeof(t[1].xapi_id), "2b7f1a52-3c4d-4e5f-8a9b-0c1d2e3f4a5b");
    r.turns = t;
    r.n_turns = 2;
    json_t *o = fl_record_to_json(&r);
    assert_non_null(o);
    return o;
}

/* The import's verdict on an export of the sessions in a (an array), and its message. */
static int check(json_t *a, char *err, size_t n)
{
    char *text = json_dumps(a, JSON_COMPACT);
    assert_non_null(text);
    int rc = fl_import_check_memory(text, strlen(text), err, n);
    free(text);
    return rc;
}

static void test_import_checks(void **state)
{
    (void)state;
    char err[1024];
    json_t *a = json_array();
    json_array_append_new(a, session_json());
    assert_int_equal(check(a, err, sizeof(err)), 1);

    /* an end before the start: refused, the other session still counts */
    json_t *late = session_json();
    json_object_set_new(late, "session", json_string("3b7f1a52-3c4d-4e5f-8a9b-0c1d2e3f4a5b"));
    json_object_set_new(late, "ended", json_string("2026-11-23T08:15:01.000Z"));
    json_array_append_new(a, late);
    assert_int_equal(check(a, err, sizeof(err)), 1);

    /* the reason names the field and the value */
    fl_import_info info;
    char *text = json_dumps(a, JSON_COMPACT);
    assert_int_equal(fl_import_parse(text, strlen(text), NULL, NULL, &info, err, sizeof(err)), 1);
    free(text);
    assert_int_equal(info.sessions, 1);
    assert_int_equal(info.refused, 1);

    /* a negative duration, a signed year, 31 February, a negative time factor */
    struct {
        const char *key, *value;
        long long number;
    } bad[] = {
        {"started", "-026-11-23T08:15:02.123Z", 0},
        {"started", "2026-02-31T08:15:02.123Z", 0},
        {"ended", "1969-12-31T23:59:59.000Z", 0},
        {"time_factor", NULL, -2},
        {"replies", NULL, -1},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        json_t *one = json_array(), *s = session_json();
        json_object_set_new(s, bad[i].key,
                            bad[i].value ? json_string(bad[i].value) : json_integer(bad[i].number));
        json_array_append_new(one, s);
        text = json_dumps(one, JSON_COMPACT);
        err[0] = '\0';
        fl_import_info in;
        assert_int_equal(fl_import_parse(text, strlen(text), NULL, NULL, &in, err, sizeof(err)), 0);
        assert_int_equal(in.refused, 1);
        free(text);
        json_decref(one);
    }

    /* a conversation longer than 49 days of milliseconds (the core's clock is 64-bit): kept;
     * past 2^53, which a JSON reader cannot hold exactly: refused */
    json_t *longer = json_array(), *ls = session_json();
    json_t *st = json_object_get(json_array_get(json_object_get(ls, "turns"), 1), "state");
    json_object_set_new(st, "elapsed_ms", json_integer(((json_int_t)1 << 32) + 5));
    json_array_append_new(longer, ls);
    assert_int_equal(check(longer, err, sizeof(err)), 1);
    fl_record back;
    assert_int_equal(fl_record_from_json(ls, &back, err, sizeof(err)), 0);
    assert_true(back.turns[1].elapsed_ms == ((uint64_t)1 << 32) + 5);
    json_t *again = fl_record_to_json(&back);
    assert_true(json_equal(again, ls));
    json_decref(again);
    fl_record_free(&back);
    json_object_set_new(st, "elapsed_ms", json_integer(((json_int_t)1 << 53) + 1));
    assert_int_equal(check(longer, err, sizeof(err)), 0);
    json_decref(longer);

    /* a turn's negative time taken */
    json_t *one = json_array(), *s = session_json();
    json_object_set_new(json_array_get(json_object_get(s, "turns"), 1), "took_ms",
                        json_integer(-5));
    json_array_append_new(one, s);
    assert_int_equal(check(one, err, sizeof(err)), 0);
    json_decref(one);
    json_decref(a);
}

/* The reason a single bad session is refused, through the callback. */
static int keep_reason(void *ctx, const fl_import_item *it)
{
    if (it->refused)
        snprintf(ctx, 1024, "%s", it->refused);
    return 0;
}

static void test_import_reasons(void **state)
{
    (void)state;
    char err[1024], why[1024];
    struct {
        const char *key, *value, *says;
    } cases[] = {
        {"started", "-026-11-23T08:15:02.123Z", "\"started\": \"-026-11-23T08:15:02.123Z\""},
        {"ended", "2026-11-23T08:15:01.000Z", "\"ended\": 2026-11-23T08:15:01.000Z is before"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        json_t *s = session_json();
        json_object_set_new(s, cases[i].key, json_string(cases[i].value));
        char *text = json_dumps(s, JSON_COMPACT);
        why[0] = '\0';
        assert_int_equal(
            fl_import_parse(text, strlen(text), keep_reason, why, NULL, err, sizeof(err)), 0);
        if (!strstr(why, cases[i].says))
            fail_msg("the reason \"%s\" does not say \"%s\"", why, cases[i].says);
        free(text);
        json_decref(s);
    }
}

/* A trainee's name with a byte that is not UTF-8 (jansson refuses the whole text): repaired
 * with U+FFFD, counted, and the session imports. */
static void test_import_bad_byte(void **state)
{
    (void)state;
    json_t *s = session_json();
    json_object_set_new(s, "trainee", json_string("BadXName"));
    char *text = json_dumps(s, JSON_COMPACT);
    char *x = strstr(text, "BadXName");
    assert_non_null(x);
    x[3] = '\xFF';
    char err[1024];
    assert_int_equal(fl_import_check_memory(text, strlen(text), err, sizeof(err)), 1);
    fl_import_info info;
    assert_int_equal(fl_import_parse(text, strlen(text), NULL, NULL, &info, err, sizeof(err)), 1);
    assert_int_equal(info.repaired, 1);
    /* not JSON at all: -1 with the line and column */
    assert_int_equal(fl_import_check_memory("[{\"session\": ", 13, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "-:1:"));
    assert_int_equal(fl_import_check_memory("42", 2, err, sizeof(err)), -1);
    free(text);
    json_decref(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_stamps),    cmocka_unit_test(test_calendar),
        cmocka_unit_test(test_bad_stamps),     cmocka_unit_test(test_import_checks),
        cmocka_unit_test(test_import_reasons), cmocka_unit_test(test_import_bad_byte),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
