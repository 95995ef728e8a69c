/*
 * test_numbers.c - numbers, clock times and dates read as words with one canonical form: the
 * table of what a trainee types and the word it is (digits, words in every case form, digit
 * groups, times, dates, ordinals, money), the edges (0, 11-19, 21, 100, 1000, 23:59 and 24:00,
 * 31.12 and 32.12), the spans the explanations show, and the lexicon's quoted forms.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "lexicon.h"
#include "numbers.h"
#include "scenario.h"

#include "lexicon_fixture.h"

/*
 * Checks that text cuts into the words of `expect` (separated by spaces): an item that starts
 * with a digit is a canonical form, compared with the stem the word must have (the hash of those
 * very bytes, not cut by the tokenizer); any other item is a word, compared by its stem as the
 * tokenizer makes it alone.
 */
static void words_are(fl_lexicon *lx, const char *text, const char *expect)
{
    fl_words w = {0};
    assert_int_equal(fl_lexicon_words(lx, text, strlen(text), &w), 0);
    size_t k = 0;
    for (const char *p = expect; *p;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *q = p;
        while (*q && *q != ' ')
            q++;
        uint64_t want;
        if (*p >= '0' && *p <= '9') {
            want = fl_hash64(p, (size_t)(q - p));
        } else {
            fl_words one = {0};
            assert_int_equal(fl_lexicon_words(lx, p, (size_t)(q - p), &one), 0);
            assert_int_equal(one.n, 1);
            want = one.stems[0];
            fl_words_free(&one);
        }
        if (k >= w.n || w.stems[k] != want)
            fail_msg("\"%s\": word %zu is not \"%.*s\" (%zu words)", text, k + 1, (int)(q - p), p,
                     w.n);
        k++;
        p = q;
    }
    if (k != w.n)
        fail_msg("\"%s\": %zu words, expected %zu (%s)", text, w.n, k, expect);
    fl_words_free(&w);
}

/* The bytes of word i of text, as the explanations show it. */
static void span_is(fl_lexicon *lx, const char *text, size_t i, const char *typed)
{
    fl_words w = {0};
    assert_int_equal(fl_lexicon_words(lx, text, strlen(text), &w), 0);
    assert_true(i < w.n);
    size_t n = w.end[i] - w.start[i];
    if (n != strlen(typed) || memcmp(text + w.start[i], typed, n) != 0)
        fail_msg("\"%s\": word %zu is \"%.*s\", expected \"%s\"", text, i, (int)n,
                 text + w.start[i], typed);
    fl_words_free(&w);
}

static void integers_in_digits(void **state)
{
    (void)state;
    words_are(en, "0", "0");
    words_are(en, "00", "0");
    words_are(en, "09", "9");
    words_are(en, "007", "7");
    words_are(en, "order 4471", "order 4471");
    /* groups of three after a space, a no-break space or a narrow no-break space; a comma only in
     * English, where a Russian comma is a decimal one */
    words_are(en, "2 250", "2250");
    words_are(ru, "24 990 рублей", "24990 рублей");
    words_are(ru, "2\u00a0250\u00a0₽", "2250");
    words_are(ru, "2\u202f250", "2250");
    words_are(ru, "1 000 000", "1000000");
    words_are(en, "24,990", "24990");
    words_are(en, "1,000,000", "1000000");
    words_are(ru, "24,990", "24 990");
    words_are(ru, "24,5", "24 5");
    /* not groups: a first group of four digits or with a leading zero, a group of two, one kind of
     * separator at a time, a telephone number */
    words_are(ru, "2026 500", "2026 500");
    words_are(ru, "020 123", "20 123");
    words_are(ru, "9 30", "9 30");
    words_are(en, "1,2,3", "1 2 3");
    words_are(ru, "8 800 555 35 35", "8 800 555 35 35");
    words_are(ru, "8 495 123-45-67", "8 495 123 45 67");
    /* more digits than a number has are a word as written */
    words_are(en, "12345678901234567890123456789012345678901",
              "12345678901234567890123456789012345678901");
}

static void english_number_words(void **state)
{
    (void)state;
    words_are(en, "zero", "0");
    words_are(en, "Nine", "9");
    words_are(en, "eleven twelve nineteen", "11 12 19");
    words_are(en, "twenty-one", "21");
    words_are(en, "twenty one", "21");
    words_are(en, "ninety nine", "99");
    words_are(en, "a hundred", "a 100");
    words_are(en, "one hundred", "100");
    words_are(en, "one hundred and twenty", "120");
    words_are(en, "two hundred five", "205");
    words_are(en, "thousand", "1000");
    words_are(en, "one thousand", "1000");
    words_are(en, "two thousand five hundred", "2500");
    words_are(en, "two thousand and five", "2005");
    words_are(en, "2 thousand", "2000");
    /* what does not join: two units, two tens, a unit before an ordinal, zero, across a comma,
     * "and" that joins no number */
    words_are(en, "one two", "1 2");
    words_are(en, "twenty twenty", "20 20");
    words_are(en, "one second", "1 2");
    words_are(en, "zero five", "0 5");
    words_are(en, "twenty, five", "20 5");
    words_are(en, "two hundred and", "200 and");
    words_are(en, "rock and roll", "rock and roll");
    words_are(en, "no one", "no 1");
    /* plurals are words: "thousands of customers" is not 1000 */
    words_are(en, "thousands", "thousands");
}

static void russian_number_words_in_every_case(void **state)
{
    (void)state;
    words_are(ru, "девять девяти девятью", "9 9 9");
    words_are(ru, "Трёх трем двух двое", "3 3 2 2");
    words_are(ru, "ноль нулём", "0 0");
    words_are(ru, "одна одну одного", "1 1 1");
    words_are(ru, "одиннадцать пятнадцати девятнадцатью", "11 15 19");
    words_are(ru, "двадцать пять", "25");
    words_are(ru, "двадцати пяти", "25");
    words_are(ru, "сорока", "40");
    words_are(ru, "сто", "100");
    words_are(ru, "сто двадцать", "120");
    words_are(ru, "сто один", "101");
    words_are(ru, "девятьсот девяносто девять", "999");
    words_are(ru, "пятистах", "500");
    words_are(ru, "три тысячи", "3000");
    words_are(ru, "тысяча", "1000");
    words_are(ru, "тысяча двести", "1200");
    words_are(ru, "две тысячи пятьсот", "2500");
    words_are(ru, "двадцать пять тысяч", "25000");
    words_are(ru, "3 тысячи", "3000");
    words_are(ru, "2 тысячи 250", "2250");
    words_are(ru, "тысяча 1500", "1000 1500");
    words_are(ru, "5 тыс. рублей", "5000 рублей");
    words_are(ru, "пять двадцать", "5 20");
    /* «оба» is not a number; «семью» is read as «семья» (family), far more common in a reply */
    words_are(ru, "оба", "оба");
    words_are(ru, "семью", "семью");
    words_are(ru, "семи семь", "7 7");
}

static void ordinals_are_their_number(void **state)
{
    (void)state;
    words_are(en, "first third twelfth", "1 3 12");
    words_are(en, "1st 2nd 3rd 4th 21st 31ST", "1 2 3 4 21 31");
    words_are(en, "twenty-first", "21");
    words_are(en, "thirty first", "31");
    words_are(en, "twentieth", "20");
    words_are(ru, "третьего", "3");
    words_are(ru, "первое второй", "1 2");
    words_are(ru, "двадцать первого", "21");
    words_are(ru, "тридцать первое", "31");
    words_are(ru, "четвёртого", "4");
    words_are(ru, "сто первый", "101");
    /* an ordinal ends a number */
    words_are(ru, "первый два", "1 2");
    /* «3-го»: the number, then the ending as a word (the lexicon's `N "го"` dates) */
    words_are(ru, "3-го", "3 го");
}

static void clock_times(void **state)
{
    (void)state;
    words_are(en, "9:00", "9");
    words_are(en, "09:00", "9");
    words_are(en, "9:30", "9:30");
    words_are(en, "09:05", "9:05");
    words_are(en, "0:00", "0");
    words_are(en, "23:59", "23:59");
    /* 24:00 and 9:60 are no times: two numbers */
    words_are(en, "24:00", "24 0");
    words_are(en, "9:60", "9 60");
    words_are(en, "9:5", "9 5");
    words_are(en, "9:00:00", "9 0 0");
    words_are(en, "12:30:45", "12 30 45");
    /* am and pm do not change the number, glued or apart: they are words of their own */
    words_are(en, "9pm", "9 pm");
    words_are(en, "9PM", "9 pm");
    words_are(en, "9:30pm", "9:30 pm");
    words_are(en, "9 pm", "9 pm");
    words_are(ru, "в 9 утра", "в 9 утра");
    words_are(ru, "к 9:00", "к 9");
}

static void dates(void **state)
{
    (void)state;
    words_are(ru, "03.12.2026", "3.12");
    words_are(ru, "3.12.26", "3.12");
    words_are(ru, "31.12", "31.12");
    words_are(ru, "29.02", "29.2");
    words_are(ru, "до 31.12.", "до 31.12");
    /* no real day of a month: two numbers */
    words_are(ru, "32.12", "32 12");
    words_are(ru, "30.02", "30 2");
    words_are(ru, "1.13", "1 13");
    /* a version or an address is no date */
    words_are(en, "1.2.3", "1 2 3");
    words_are(en, "192.168.1.1", "192 168 1 1");
    words_are(en, "10.10.10.10", "10 10 10 10");
    words_are(ru, "3 декабря", "3 декабря");
}

static void money(void **state)
{
    (void)state;
    words_are(en, "$20", "20");
    words_are(en, "€20", "20");
    words_are(en, "£24,990", "24990");
    words_are(ru, "500₽", "500");
    words_are(ru, "500 руб", "500 руб");
    words_are(ru, "500руб", "500 руб");
    words_are(ru, "2 250 ₽", "2250");
}

/* One word per number, spanning every byte it came from: what signals and routes show. */
static void a_number_spans_the_words_typed(void **state)
{
    (void)state;
    span_is(ru, "Подключим двадцать пять устройств", 1, "двадцать пять");
    span_is(en, "by twenty-five past", 1, "twenty-five");
    span_is(ru, "вернём 24 990 рублей", 1, "24 990");
    span_is(en, "by 9:30pm today", 1, "9:30");
    span_is(en, "by 9:30pm today", 2, "pm");
    span_is(ru, "до 03.12.2026, честно", 1, "03.12.2026");
    span_is(en, "one hundred and twenty pounds", 0, "one hundred and twenty");
    /* "and" that joins nothing is not taken in */
    span_is(en, "two hundred and then", 0, "two hundred");
}

/* A lexicon of its own: a phrase written in digits takes numbers in words, and quotes keep
 * meaning "as written" (digits, and a clock time as its hour). */
static void lexicon_phrases_read_numbers_the_same_way(void **state)
{
    (void)state;
    static const char lex[] = "plan: at 9\n"
                              "ownership: by \"5\"\n"
                              "empathy: \"nine\" lives\n"
                              "plan: 25 pounds\n";
    fl_lexicon *lx;
    char err[256];
    assert_int_equal(fl_lexicon_new(&lx, "en", lex, strlen(lex), "t.lex", err, sizeof(err)), 0);
    const struct {
        const char *text;
        uint32_t sig;
    } cases[] = {
        {"I'll call at 9", FL_SIG_PLAN},
        {"I'll call at nine", FL_SIG_PLAN},
        {"I'll call at 09:00", FL_SIG_PLAN},
        {"I'll call at 9pm", FL_SIG_PLAN},
        {"I'll call at 9:30", 0},
        {"done by 5", FL_SIG_OWNERSHIP},
        {"done by 05:00", FL_SIG_OWNERSHIP},
        {"done by 5:45", FL_SIG_OWNERSHIP},
        {"done by five", 0},
        {"a cat has nine lives", FL_SIG_EMPATHY},
        {"a cat has 9 lives", 0},
        {"twenty-five pounds back", FL_SIG_PLAN},
        {"twenty five pounds back", FL_SIG_PLAN},
        {"25 pounds back", FL_SIG_PLAN},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        fl_explanation e = {0};
        assert_int_equal(fl_lexicon_explain(lx, cases[i].text, strlen(cases[i].text), NULL, 0, &e),
                         0);
        if (e.signals != cases[i].sig)
            fail_msg("\"%s\": signals %#x, expected %#x", cases[i].text, e.signals, cases[i].sig);
        fl_explanation_free(&e);
    }
    const char *t = "ok, twenty five pounds";
    fl_explanation e = {0};
    assert_int_equal(fl_lexicon_explain(lx, t, strlen(t), NULL, 0, &e), 0);
    char *why = fl_explanation_format(&e, t);
    assert_string_equal(why, "plan: twenty five pounds");
    free(why);
    fl_explanation_free(&e);
    fl_lexicon_free(lx);
}

/* The built-in lexicons after the change: what a number in words now says, and what it must not. */
static void builtin_lexicons_and_numbers(void **state)
{
    (void)state;
    const struct {
        fl_lexicon **lx;
        const char *text;
        uint32_t has, has_not;
    } cases[] = {
        {&ru, "подключим к девяти", FL_SIG_PLAN, 0},
        {&ru, "перезвоню в 9:30", FL_SIG_PLAN, 0},
        {&ru, "через пять минут перезвоню", FL_SIG_PLAN, 0},
        {&ru, "вы не первый, кто с этим столкнулся", 0, FL_SIG_RUDE},
        {&ru, "вы не один такой", FL_SIG_RUDE, 0},
        {&ru, "я вижу, вы уже третий раз пишете", 0, FL_SIG_RUDE},
        {&ru, "по статусу заказ доставлен в 14:14", 0, FL_SIG_PLAN},
        {&en, "I'll call you back at 2:30pm", FL_SIG_PLAN, 0},
        {&en, "at first I thought it was lost", 0, FL_SIG_PLAN},
        {&en, "at one point it was lost", 0, FL_SIG_PLAN},
        {&en, "ok, one second", 0, FL_SIG_PLAN},
        {&en, "for the first time", 0, FL_SIG_PLAN},
        {&en, "the order shows as delivered at 2:14pm", 0, FL_SIG_PLAN},
        {&en, "the driver tried at 2pm and left a card", 0, FL_SIG_PLAN},
        {&en, "our phone lines close at 8pm tonight", 0, FL_SIG_PLAN},
        {&en, "sorry, just a few seconds", 0, FL_SIG_APOLOGY},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        fl_explanation e = {0};
        assert_int_equal(
            fl_lexicon_explain(*cases[i].lx, cases[i].text, strlen(cases[i].text), NULL, 0, &e), 0);
        if ((e.signals & cases[i].has) != cases[i].has || (e.signals & cases[i].has_not))
            fail_msg("\"%s\": signals %#x", cases[i].text, e.signals);
        fl_explanation_free(&e);
    }
}

static void the_parts_directly(void **state)
{
    (void)state;
    assert_true(fl_numbers__tables_sorted());
    uint32_t v;
    assert_int_equal(fl_number_word(FL_LANG_RU, "девятью", strlen("девятью"), &v), FL_NUM_UNIT);
    assert_int_equal(v, 9);
    assert_int_equal(fl_number_word(FL_LANG_RU, "тысячами", strlen("тысячами"), &v),
                     FL_NUM_THOUSAND);
    assert_int_equal(fl_number_word(FL_LANG_EN, "девять", strlen("девять"), &v), FL_NUM_NONE);
    assert_int_equal(fl_number_word(FL_LANG_EN, "and", 3, &v), FL_NUM_AND);
    assert_int_equal(fl_number_word(FL_LANG_RU, "и", strlen("и"), &v), FL_NUM_NONE);
    assert_int_equal(fl_number_word(FL_LANG_EN, "nin", 3, &v), FL_NUM_NONE);
    assert_int_equal(fl_number_word(FL_LANG_EN, "nineteens", 9, &v), FL_NUM_NONE);

    char out[FL_NUMBER_MAX];
    size_t n;
    int kind;
    const char *t = "at 09:05, then";
    assert_int_equal(fl_number_scan(FL_LANG_EN, t, strlen(t), 3, out, &n, &kind, &v), 5);
    assert_string_equal(out, "9:05");
    assert_int_equal(n, 4);
    assert_int_equal(kind, FL_NUM_FIXED);
    t = "1 234 567 pounds";
    assert_int_equal(fl_number_scan(FL_LANG_EN, t, strlen(t), 0, out, &n, &kind, &v), 9);
    assert_string_equal(out, "1234567");
    assert_int_equal(kind, FL_NUM_DIGITS);
    assert_int_equal(v, UINT32_MAX); /* too large to join a thousand */
    t = "234 567";
    assert_int_equal(fl_number_scan(FL_LANG_EN, t, strlen(t), 0, out, &n, &kind, &v), 7);
    assert_int_equal(v, 234567);
    t = "21st";
    assert_int_equal(fl_number_scan(FL_LANG_EN, t, strlen(t), 0, out, &n, &kind, &v), 4);
    assert_string_equal(out, "21");
    assert_int_equal(kind, FL_NUM_SUFFIXED);
    t = "4g";
    assert_int_equal(fl_number_scan(FL_LANG_EN, t, strlen(t), 0, out, &n, &kind, &v), 1);
    t = "1stly";
    assert_int_equal(fl_number_scan(FL_LANG_EN, t, strlen(t), 0, out, &n, &kind, &v), 1);

    /* joining: tens + unit, hundreds + tens, a thousand in the middle, zero alone */
    const fl_number_part p1[] = {{FL_NUM_TENS, 20, 0}, {FL_NUM_UNIT, 5, 1}, {FL_NUM_UNIT, 3, 1}};
    assert_int_equal(fl_number_join(FL_LANG_RU, p1, 3, &v), 2);
    assert_int_equal(v, 25);
    const fl_number_part p2[] = {{FL_NUM_UNIT, 2, 0},       {FL_NUM_THOUSAND, 1000, 1},
                                 {FL_NUM_HUNDREDS, 500, 1}, {FL_NUM_TENS, 20, 1},
                                 {FL_NUM_ORDINAL, 1, 1},    {FL_NUM_UNIT, 1, 1}};
    assert_int_equal(fl_number_join(FL_LANG_RU, p2, 6, &v), 5);
    assert_int_equal(v, 2521);
    const fl_number_part p3[] = {{FL_NUM_UNIT, 0, 0}, {FL_NUM_THOUSAND, 1000, 1}};
    assert_int_equal(fl_number_join(FL_LANG_RU, p3, 2, &v), 1);
    assert_int_equal(v, 0);
    const fl_number_part p4[] = {{FL_NUM_TENS, 20, 0}, {FL_NUM_UNIT, 5, 0}};
    assert_int_equal(fl_number_join(FL_LANG_EN, p4, 2, &v), 1);
    const fl_number_part p5[] = {{FL_NUM_AND, 0, 0}, {FL_NUM_UNIT, 5, 1}};
    assert_int_equal(fl_number_join(FL_LANG_EN, p5, 2, &v), 0);
    const fl_number_part p6[] = {{FL_NUM_DIGITS, 1500, 0}, {FL_NUM_THOUSAND, 1000, 1}};
    assert_int_equal(fl_number_join(FL_LANG_RU, p6, 2, &v), 1);
    assert_int_equal(v, 1500);
}

/* Long and strange inputs: every word's span lies inside the text, in order, and nothing is lost
 * or read past the end (the sanitizer build runs this too). */
static void pathological_inputs(void **state)
{
    (void)state;
    static const char *const pieces[] = {"1 000 ", "twenty ",  "двадцать пять тысяч ",
                                         "9:",     "3.",       "12.",
                                         "0",      "\xff\xfe", "21st",
                                         "999,",   "тысяча ",  "\xc2\xa0",
                                         "-",      "and ",     ":00",
                                         "9pm "};
    enum { N = 6000 };
    char *text = malloc(N + 64);
    assert_non_null(text);
    for (int round = 0; round < 16; round++) {
        size_t len = 0;
        unsigned x = 2463534242u + (unsigned)round;
        while (len < N) {
            x ^= x << 13, x ^= x >> 17, x ^= x << 5; /* xorshift: the same text every run */
            const char *p = pieces[x % (sizeof(pieces) / sizeof(pieces[0]))];
            size_t k = strlen(p);
            memcpy(text + len, p, k);
            len += k;
        }
        for (int l = 0; l < 2; l++) {
            fl_words w = {0};
            assert_int_equal(fl_lexicon_words(l ? ru : en, text, len, &w), 0);
            assert_true(w.n > 0);
            for (size_t i = 0; i < w.n; i++) {
                assert_true(w.start[i] < w.end[i]);
                assert_true(w.end[i] <= len);
                if (i)
                    assert_true(w.end[i - 1] <= w.start[i]);
            }
            fl_words_free(&w);
        }
    }
    /* a run of digits far longer than a number, and one of number words */
    memset(text, '7', N);
    fl_words w = {0};
    assert_int_equal(fl_lexicon_words(en, text, N, &w), 0);
    assert_int_equal(w.n, 1);
    fl_words_free(&w);
    size_t len = 0;
    while (len + 6 < N)
        memcpy(text + len, "nine ", 5), len += 5;
    assert_int_equal(fl_lexicon_words(en, text, len, &w), 0);
    assert_int_equal(w.n, len / 5);
    fl_words_free(&w);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(integers_in_digits),
        cmocka_unit_test(english_number_words),
        cmocka_unit_test(russian_number_words_in_every_case),
        cmocka_unit_test(ordinals_are_their_number),
        cmocka_unit_test(clock_times),
        cmocka_unit_test(dates),
        cmocka_unit_test(money),
        cmocka_unit_test(a_number_spans_the_words_typed),
        cmocka_unit_test(lexicon_phrases_read_numbers_the_same_way),
        cmocka_unit_test(builtin_lexicons_and_numbers),
        cmocka_unit_test(the_parts_directly),
        cmocka_unit_test(pathological_inputs),
    };
    return cmocka_run_group_tests(tests, lexicon_setup, lexicon_teardown);
}
