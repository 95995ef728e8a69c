/*
 * test_play_script.c - the script reader of `frontline play --script` (tools/play_script.c)
 * from memory, through the function the fuzz target calls, fl_play_script_check(): strict
 * @SECONDS (every form strtod took and the program should not), NUL and bad UTF-8 at their
 * line:column, typed replies up to the desktop's 1,023 bytes, voice lines, lines of any length.
 *
 * tests/play/hard.cmake links tools/play_script.c and tools/lang.c into this test (the glob in
 * tests/CMakeLists.txt links the libraries only).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "play.h"
#include "utf8.h"

static int check_text(const char *text, char *err, size_t errlen)
{
    return fl_play_script_check(text, strlen(text), "t.script", err, errlen);
}

/* Decimal digits with an optional fraction, rounded to the nearest millisecond. */
static void test_good_seconds(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        uint64_t ms;
    } good[] = {{"5", 5000},      {"0.5", 500},        {"12.250", 12250},
                {"0", 0},         {"0.0005", 1},       {"0.0004", 0},
                {"007", 7000},    {"86400", 86400000}, {"86399.9999", 86400000},
                {"1.23456", 1235}};
    for (size_t i = 0; i < sizeof(good) / sizeof(*good); i++) {
        uint64_t ms = 99;
        assert_int_equal(
            fl_play_parse_seconds(good[i].s, strlen(good[i].s), FL_PLAY_SCRIPT_MAX_MS, &ms), 0);
        assert_int_equal(ms, good[i].ms);
    }
}

/* Every form strtod accepted and a script must not: -1 the form, -2 past the limit. */
static void test_bad_seconds(void **state)
{
    (void)state;
    static const char *const form[] = {"nan", "NAN", "0x10", "inf",  "infinity", "1e3",
                                       "-1",  "+5",  " 5",   "5 ",   "",         "5.",
                                       ".5",  "1,5", "5s",   "1.2.3"};
    for (size_t i = 0; i < sizeof(form) / sizeof(*form); i++) {
        uint64_t ms = 99;
        int rc = fl_play_parse_seconds(form[i], strlen(form[i]), FL_PLAY_SCRIPT_MAX_MS, &ms);
        if (rc != -1)
            fail_msg("'%s' gave %d, want -1", form[i], rc);
        assert_int_equal(ms, 99);
    }
    static const char *const range[] = {"86400.001", "86401", "99999999999999999999999999"};
    for (size_t i = 0; i < sizeof(range) / sizeof(*range); i++) {
        uint64_t ms = 99;
        assert_int_equal(
            fl_play_parse_seconds(range[i], strlen(range[i]), FL_PLAY_SCRIPT_MAX_MS, &ms), -2);
    }
}

/* The whole reader: steps counted, comments and blank lines skipped, voice lines not steps. */
static void test_check_counts_steps(void **state)
{
    (void)state;
    char err[1024];
    assert_int_equal(check_text("# a comment\n\n1 @5\n> sorry @0.5\nvoice rms=-20\ntimeout\n"
                                "start/r-1 @12.250\n",
                                err, sizeof(err)),
                     4);
    assert_int_equal(
        check_text("1: 1 @5\n1: voice rate=5\n2: > hello @7\nend @300\n", err, sizeof(err)), 3);
    assert_int_equal(check_text("", err, sizeof(err)), 0);
}

/* Each mistake names t.script:LINE:COLUMN. */
static void test_check_errors(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        size_t len; /* 0: strlen */
        const char *where;
    } bad[] = {
        {"1 @5\n2 @nan\n", 0, "t.script:2:3: '@nan' is not a time"},
        {"1 @0x10\n", 0, "t.script:1:3: '@0x10' is not a time"},
        {"  1 @ 5\n", 0, "t.script:1:5: '@ 5' is not a time"},
        {"1: 1 @1e3\n", 0, "t.script:1:6: '@1e3' is not a time"},
        {"1 @90000\n", 0, "t.script:1:3: '@90000' is more than a day"},
        {"1\n\n1\0garbage\n", 13, "t.script:3:2: a NUL byte"},
        {"> пр\xff\n", 0, "t.script:1:5: byte 0xFF is not UTF-8"},
        {"voice rms=abc\n", 0, "t.script:1: "},
        {"voice rms=-10 @5\n", 0, "t.script:1: a voice line takes no @SECONDS"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
        char err[1024];
        size_t len = bad[i].len ? bad[i].len : strlen(bad[i].text);
        int rc = fl_play_script_check(bad[i].text, len, "t.script", err, sizeof(err));
        if (rc != -1 || strncmp(err, bad[i].where, strlen(bad[i].where)) != 0)
            fail_msg("case %zu: %d '%s', want -1 '%s...'", i, rc, err, bad[i].where);
    }
}

/* A typed reply of 1,023 bytes is one step; 1,024 bytes is refused where the limit is passed;
 * a line of 200 KiB (a comment) is read whole. */
static void test_check_lengths(void **state)
{
    (void)state;
    size_t n = 2 + FL_PLAY_REPLY_MAX + 1 + 1;
    char *text = malloc(200 * 1024 + 16);
    assert_non_null(text);
    memset(text, 'a', n);
    memcpy(text, "> ", 2);
    text[2 + FL_PLAY_REPLY_MAX] = '\n';
    text[2 + FL_PLAY_REPLY_MAX + 1] = '\0';
    char err[1024];
    assert_int_equal(check_text(text, err, sizeof(err)), 1);
    text[2 + FL_PLAY_REPLY_MAX] = 'b';
    text[2 + FL_PLAY_REPLY_MAX + 1] = '\n';
    text[2 + FL_PLAY_REPLY_MAX + 2] = '\0';
    assert_int_equal(check_text(text, err, sizeof(err)), -1);
    char want[64];
    snprintf(want, sizeof(want), "t.script:1:%d: the typed reply is 1024 bytes", 2 + 1023 + 1);
    assert_memory_equal(err, want, strlen(want));
    text[0] = '#';
    memset(text + 1, 'x', 200 * 1024);
    memcpy(text + 1 + 200 * 1024, "\n1 @5\n", 7);
    assert_int_equal(check_text(text, err, sizeof(err)), 1);
    free(text);
}

/* An error quoting the script's own non-ASCII text, in an err of any size, is cut between
 * characters: the fuzzer's input "@ # \xc2\x97" in 24 bytes once gave "...'@ # \xc2". Every
 * size from 1 to the whole message gives valid UTF-8 that starts the whole message. */
static void test_check_error_cut(void **state)
{
    (void)state;
    static const char *const text[] = {
        "@ # \xc2\x97\n",
        "voice ящик=1\n",
        "voice rms=\xd0\xb0\xd0\xb1\xd0\xb2\xd0\xb3\xd0\xb4\xd0\xb5\n",
        "voice \xd0\xb0\xd0\xb1\xd0\xb2\xd0\xb3\xd0\xb4\xd0\xb5\xd0\xb6\xd0\xb7\xd0\xb8\xd0\xb9"
        "\xd0\xba\xd0\xbb\xd0\xbc\xd0\xbd\xd0\xbe\xd0\xbf\xd1\x80\xd1\x81\xd1\x82\xd1\x83"
        "\xd1\x84\xd1\x85\xd1\x86\xd1\x87\xd1\x88\xd1\x89\xd1\x8a\xd1\x8b\xd1\x8c\xd1\x8d"
        "\xd1\x8e\xd1\x8f\xd0\xb0\xd0\xb1\xd0\xb2\xd0\xb3\xd0\xb4\xd0\xb5\xd0\xb6\xd0\xb7"
        "\xd0\xb8\xd0\xb9\xd0\xba\xd0\xbb\xd0\xbc\xd0\xbd\xd0\xbe\xd0\xbf\xd1\x80\xd1\x81"
        "\xd1\x82\xd1\x83\xd1\x84\xd1\x85\xd1\x86\xd1\x87\xd1\x88\xd1\x89\xd1\x8a\xd1\x8b\n",
        /* an item too long whose 40th byte ends inside a character (a campaign's finding) */
        "voice xабвгдежзийклмнопрстуфхцчшщъыьэюяабвгдежзийклмнопрстуфхцчшщъыьэюя\n",
    };
    for (size_t i = 0; i < sizeof(text) / sizeof(*text); i++) {
        char whole[1024];
        assert_int_equal(check_text(text[i], whole, sizeof(whole)), -1);
        size_t wlen = strlen(whole);
        assert_true(wlen > 0);
        assert_true(fl_utf8_valid(whole, wlen));
        for (size_t n = 1; n <= wlen + 1; n++) {
            char *err = malloc(n);
            assert_non_null(err);
            assert_int_equal(check_text(text[i], err, n), -1);
            size_t k = strlen(err);
            if (k >= n || !fl_utf8_valid(err, k) || memcmp(err, whole, k) != 0)
                fail_msg("case %zu, err of %zu bytes: '%s' (whole '%s')", i, n, err, whole);
            /* cut only as far as needed: at most 3 bytes short of the room */
            assert_true(k + 4 > n - 1 || k == wlen);
            free(err);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_seconds),       cmocka_unit_test(test_bad_seconds),
        cmocka_unit_test(test_check_counts_steps), cmocka_unit_test(test_check_errors),
        cmocka_unit_test(test_check_lengths),      cmocka_unit_test(test_check_error_cut),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
