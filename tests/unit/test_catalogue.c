/*
 * test_catalogue.c - the catalogue of every user-visible word (game/core/catalogue.def) checked
 * as a whole: every entry has an English and a Russian text, both valid UTF-8; the two have the
 * same printf conversions in the same order (a format with one %d less would print garbage or
 * crash in one language only); no two entries are the same in both languages (a word exists
 * once); and the lookups by language code and by enum value give the words they promise.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "catalogue.h"
#include "scenario.h"
#include "utf8.h"

#include "catalogue_checks.h"

/* Reads the printf conversions of fmt into out (each one's whole text, "%+d", "%.1f", "%%",
 * separated by spaces). Returns 0, or -1 when a % starts no conversion printf knows. */
static int conversions(const char *fmt, char *out, size_t size)
{
    size_t k = 0;
    out[0] = '\0';
    for (const char *p = fmt; *p; p++) {
        if (*p != '%')
            continue;
        const char *start = p++;
        p += strspn(p, "-+ #0");       /* flags */
        p += strspn(p, "0123456789*"); /* width */
        if (*p == '.')                 /* precision */
            p += 1 + strspn(p + 1, "0123456789*");
        if (!strncmp(p, "hh", 2) || !strncmp(p, "ll", 2)) /* length */
            p += 2;
        else if (*p && strchr("hljztL", *p))
            p++;
        if (!*p || !strchr("diouxXeEfFgGaAcsp%", *p))
            return -1;
        int n = snprintf(out + k, size - k, "%s%.*s", k ? " " : "", (int)(p - start + 1), start);
        if (n < 0 || (size_t)n >= size - k)
            return -1;
        k += (size_t)n;
    }
    return 0;
}

static void test_every_entry_in_both_languages(void **state)
{
    (void)state;
    int bad = 0;
    for (int id = FL_W_NONE + 1; id < FL_W_COUNT; id++) {
        for (int lang = 0; lang < FL_LANG_COUNT; lang++) {
            const char *w = fl_word((fl_word_id)id, lang);
            if (!w || !w[0] || !valid_utf8(w)) {
                fprintf(stderr, "%s: the %s text is %s\n", word_name(id),
                        lang ? "Russian" : "English",
                        !w      ? "missing"
                        : !w[0] ? "empty"
                                : "not UTF-8");
                bad++;
            }
        }
    }
    assert_int_equal(bad, 0);
}

static void test_same_conversions_in_both_languages(void **state)
{
    (void)state;
    int bad = 0, formats = 0;
    for (int id = FL_W_NONE + 1; id < FL_W_COUNT; id++) {
        const char *en = fl_word((fl_word_id)id, FL_LANG_EN), *ru = fl_word((fl_word_id)id, 1);
        char ce[256], cr[256];
        if (conversions(en, ce, sizeof(ce)) < 0 || conversions(ru, cr, sizeof(cr)) < 0) {
            fprintf(stderr, "%s: a %% that starts no printf conversion (write %%%% for a %%)\n",
                    word_name(id));
            bad++;
        } else if (strcmp(ce, cr) != 0) {
            fprintf(stderr, "%s: English has [%s], Russian [%s]\n", word_name(id), ce, cr);
            bad++;
        } else if (ce[0]) {
            formats++;
        }
    }
    assert_int_equal(bad, 0);
    assert_true(formats > 40); /* the walk did see the formats */
}

/* The checker itself: different conversions, or the same in another order, are told apart. */
static void test_conversions_reader(void **state)
{
    (void)state;
    char a[64], b[64];
    assert_int_equal(conversions("%d of %s (78%%), %+d, %.1f s, %zu, %u", a, sizeof(a)), 0);
    assert_string_equal(a, "%d %s %% %+d %.1f %zu %u");
    assert_int_equal(conversions("%s then %d", a, sizeof(a)), 0);
    assert_int_equal(conversions("%d then %s", b, sizeof(b)), 0);
    assert_string_not_equal(a, b);
    assert_int_equal(conversions("100%!", a, sizeof(a)), -1);
    assert_int_equal(conversions("100% sure", a, sizeof(a)), 0); /* "% s" is a conversion */
    assert_string_equal(a, "% s");
    assert_int_equal(conversions("ends with %", a, sizeof(a)), -1);
    assert_int_equal(conversions("no conversion", a, sizeof(a)), 0);
    assert_string_equal(a, "");
}

static void test_no_word_twice(void **state)
{
    (void)state;
    int bad = 0;
    for (int i = FL_W_NONE + 1; i < FL_W_COUNT; i++)
        for (int j = i + 1; j < FL_W_COUNT; j++)
            if (!strcmp(fl_word((fl_word_id)i, 0), fl_word((fl_word_id)j, 0)) &&
                !strcmp(fl_word((fl_word_id)i, 1), fl_word((fl_word_id)j, 1))) {
                fprintf(stderr, "%s and %s are the same word: keep one\n", word_name(i),
                        word_name(j));
                bad++;
            }
    assert_int_equal(bad, 0);
}

static void test_lookup(void **state)
{
    (void)state;
    assert_null(fl_word(FL_W_NONE, FL_LANG_EN));
    assert_null(fl_word(FL_W_NONE, FL_LANG_RU));
    assert_null(fl_word(FL_W_COUNT, FL_LANG_EN));
    assert_null(fl_word((fl_word_id)-1, FL_LANG_EN));
    assert_string_equal(fl_word(FL_W_BETTER, FL_LANG_EN), "Better");
    assert_string_equal(fl_word(FL_W_BETTER, FL_LANG_RU), "Лучше");
    assert_string_equal(fl_word(FL_W_BETTER, 7), "Лучше"); /* any non-zero: Russian */
    assert_int_equal(fl_word_lang("ru"), FL_LANG_RU);
    assert_int_equal(fl_word_lang("en"), FL_LANG_EN);
    assert_int_equal(fl_word_lang(NULL), FL_LANG_EN);
    assert_int_equal(fl_word_lang("rus"), FL_LANG_EN);
}

/* The words of an enum's values are the ones of that value, not of its neighbour. */
static void test_enum_words(void **state)
{
    (void)state;
    static const char *const dims[FL_DIM_COUNT] = {
        "Empathy", "Apology", "Ownership", "Tone", "Upsell timing", "Resolution", "Responsiveness",
    };
    for (int d = 0; d < FL_DIM_COUNT; d++) {
        assert_string_equal(fl_word(fl_word_dimension(d), FL_LANG_EN), dims[d]);
        /* the CSV column is the dimension's own (its id in the scenario format, in English) */
        assert_string_equal(fl_word(fl_word_csv_dimension(d), FL_LANG_EN),
                            fl_dimension_name((fl_dimension)d));
    }
    assert_int_equal(fl_word_dimension(-1), FL_W_NONE);
    assert_int_equal(fl_word_dimension(FL_DIM_COUNT), FL_W_NONE);
    assert_int_equal(fl_word_csv_dimension(FL_DIM_COUNT), FL_W_NONE);
    assert_string_equal(fl_word(fl_word_outcome(FL_OUTCOME_NONE), FL_LANG_EN), "unfinished");
    assert_string_equal(fl_word(fl_word_outcome(FL_OUTCOME_PARTLY), FL_LANG_EN), "partly resolved");
    assert_string_equal(fl_word(fl_word_outcome(FL_OUTCOME_LOST), FL_LANG_RU), "клиент потерян");
    assert_int_equal(fl_word_outcome(FL_OUTCOME_LOST + 1), FL_W_NONE);
    assert_string_equal(fl_word(fl_word_emotion(FL_EMO_NEUTRAL), FL_LANG_EN), "neutral");
    assert_string_equal(fl_word(fl_word_emotion(FL_EMO_SCEPTICAL), FL_LANG_RU), "с недоверием");
    assert_string_equal(fl_word(fl_word_emotion(FL_EMO_FURIOUS), FL_LANG_EN), "furious");
    assert_int_equal(fl_word_emotion(FL_EMO_COUNT), FL_W_NONE);
    assert_string_equal(fl_word(fl_word_feeling(FL_EMO_ANGRY), FL_LANG_RU), "гнев");
    assert_string_equal(fl_word(fl_word_feeling(FL_EMO_WORRIED), FL_LANG_EN), "worry");
    assert_int_equal(fl_word_feeling(FL_EMO_NEUTRAL), FL_W_FEELING_ANY);
    assert_int_equal(fl_word_feeling(-1), FL_W_FEELING_ANY);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_entry_in_both_languages),
        cmocka_unit_test(test_same_conversions_in_both_languages),
        cmocka_unit_test(test_conversions_reader),
        cmocka_unit_test(test_no_word_twice),
        cmocka_unit_test(test_lookup),
        cmocka_unit_test(test_enum_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
