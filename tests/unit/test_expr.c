/*
 * test_expr.c - the condition language: what authors write, what it evaluates to, and the
 * message and position they get when they write it wrong.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "expr.h"

/* Names for the tests: mood=0, patience=1, apologized=2, refund_offered=3. */
static int resolve(const char *s, size_t len, void *payload)
{
    static const char *const names[] = {"mood", "patience", "apologized", "refund_offered"};
    (void)payload;
    for (int i = 0; i < 4; i++)
        if (strlen(names[i]) == len && memcmp(names[i], s, len) == 0)
            return i;
    return -1;
}

static fl_arena *arena;

static int setup(void **state)
{
    (void)state;
    arena = fl_arena_new();
    return arena ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    fl_arena_free(arena);
    return 0;
}

/* Compiles src, which must be valid, and evaluates it with the given environment. */
static int64_t eval(const char *src, int32_t mood, int32_t patience, int32_t apologized,
                    int32_t refund)
{
    fl_expr *e = NULL;
    fl_expr_error err;
    int rc = fl_expr_compile(&e, arena, src, strlen(src), resolve, NULL, &err);
    if (rc != 0)
        fail_msg("'%s' did not compile: %s at %zu", src, err.message, err.offset);
    int32_t env[4] = {mood, patience, apologized, refund};
    return fl_expr_eval(e, env);
}

/* Compiles src, which must fail; returns the status and fills err. */
static int compile_error(const char *src, fl_expr_error *err)
{
    fl_expr *e = NULL;
    int rc = fl_expr_compile(&e, arena, src, strlen(src), resolve, NULL, err);
    assert_null(e);
    return rc;
}

static void comparisons(void **state)
{
    (void)state;
    assert_int_equal(eval("mood < 0", -1, 0, 0, 0), 1);
    assert_int_equal(eval("mood < 0", 0, 0, 0, 0), 0);
    assert_int_equal(eval("mood <= 0", 0, 0, 0, 0), 1);
    assert_int_equal(eval("mood > -30", -29, 0, 0, 0), 1);
    assert_int_equal(eval("mood > -30", -30, 0, 0, 0), 0);
    assert_int_equal(eval("mood >= -30", -30, 0, 0, 0), 1);
    assert_int_equal(eval("patience == 55", 0, 55, 0, 0), 1);
    assert_int_equal(eval("patience != 55", 0, 55, 0, 0), 0);
}

static void logic_and_precedence(void **state)
{
    (void)state;
    /* The sketch's examples. */
    assert_int_equal(eval("mood < 0 and not apologized", -10, 0, 0, 0), 1);
    assert_int_equal(eval("mood < 0 and not apologized", -10, 0, 1, 0), 0);
    assert_int_equal(eval("mood < 0 && !apologized", -10, 0, 2, 0), 0);
    /* and binds tighter than or. */
    assert_int_equal(eval("1 or 0 and 0", 0, 0, 0, 0), 1);
    assert_int_equal(eval("(1 or 0) and 0", 0, 0, 0, 0), 0);
    /* not binds tighter than and, looser than comparison. */
    assert_int_equal(eval("not mood < 0", 5, 0, 0, 0), 1);
    assert_int_equal(eval("not not apologized", 0, 0, 3, 0), 1);
    /* arithmetic before comparison; unary minus. */
    assert_int_equal(eval("mood + patience > 50", 30, 30, 0, 0), 1);
    assert_int_equal(eval("mood - -5 == 0", -5, 0, 0, 0), 1);
    assert_int_equal(eval("-mood == 20", -20, 0, 0, 0), 1);
    assert_int_equal(eval("true and not false", 0, 0, 0, 0), 1);
    assert_int_equal(eval("refund_offered", 0, 0, 0, 7), 7);
    assert_int_equal(eval("  ( ( refund_offered == 1 ) )  ", 0, 0, 0, 1), 1);
    assert_int_equal(eval("apologized >= 2 || patience <= 20", 0, 20, 0, 0), 1);
}

static void large_values_do_not_overflow(void **state)
{
    (void)state;
    assert_int_equal(eval("1000000000 + 1000000000 > 0", 0, 0, 0, 0), 1);
    assert_int_equal(eval("-1000000000 - 1000000000 < 0", 0, 0, 0, 0), 1);
}

static void syntax_errors_say_what_and_where(void **state)
{
    (void)state;
    fl_expr_error err;
    assert_int_equal(compile_error("mood = 0", &err), FL_EXPR_ESYNTAX);
    assert_int_equal(err.offset, 5);
    assert_non_null(strstr(err.message, "'=='"));

    assert_int_equal(compile_error("(mood < 0", &err), FL_EXPR_ESYNTAX);
    assert_int_equal(err.offset, 0);
    assert_non_null(strstr(err.message, "never closed"));

    assert_int_equal(compile_error("mood < 0)", &err), FL_EXPR_ESYNTAX);
    assert_int_equal(err.offset, 8);
    assert_non_null(strstr(err.message, "no matching"));

    assert_int_equal(compile_error("mood <", &err), FL_EXPR_ESYNTAX);
    assert_int_equal(err.offset, 6);
    assert_non_null(strstr(err.message, "end of the condition"));

    assert_int_equal(compile_error("mood < 0 < 5", &err), FL_EXPR_ESYNTAX);
    assert_int_equal(err.offset, 9);
    assert_non_null(strstr(err.message, "chained"));

    assert_int_equal(compile_error("mood < 0 & patience", &err), FL_EXPR_ESYNTAX);
    assert_int_equal(err.offset, 9);

    assert_int_equal(compile_error("mood 0", &err), FL_EXPR_ESYNTAX);
    assert_int_equal(err.offset, 5);

    assert_int_equal(compile_error("3x > 1", &err), FL_EXPR_ESYNTAX);
    assert_int_equal(err.offset, 0);
    assert_non_null(strstr(err.message, "not a number"));

    assert_int_equal(compile_error("99999999999 > 1", &err), FL_EXPR_ESYNTAX);
    assert_non_null(strstr(err.message, "too large"));

    assert_int_equal(compile_error("   ", &err), FL_EXPR_ESYNTAX);
    assert_non_null(strstr(err.message, "empty"));

    assert_int_equal(compile_error("настроение < 0", &err), FL_EXPR_ESYNTAX);
    assert_int_equal(err.offset, 0);
    assert_non_null(strstr(err.message, "'н'")); /* the whole character, not half of it */
}

static void unknown_names_are_their_own_error(void **state)
{
    (void)state;
    fl_expr_error err;
    assert_int_equal(compile_error("mood < 0 and refund_ofered == 1", &err), FL_EXPR_EUNKNOWN);
    assert_int_equal(err.offset, 13);
    assert_int_equal(err.length, strlen("refund_ofered"));
}

static void pathological_conditions_are_refused(void **state)
{
    (void)state;
    fl_expr_error err;
    char deep[200] = "";
    for (int i = 0; i < 40; i++)
        strcat(deep, "(");
    strcat(deep, "1");
    for (int i = 0; i < 40; i++)
        strcat(deep, ")");
    assert_int_equal(compile_error(deep, &err), FL_EXPR_ESYNTAX);
    assert_non_null(strstr(err.message, "nested too deeply"));

    char nots[200] = "";
    for (int i = 0; i < 40; i++)
        strcat(nots, "not ");
    strcat(nots, "1");
    assert_int_equal(compile_error(nots, &err), FL_EXPR_ESYNTAX);

    char longer[FL_EXPR_MAX_LENGTH + 10];
    memset(longer, ' ', sizeof(longer) - 1);
    longer[sizeof(longer) - 1] = '\0';
    longer[0] = '1';
    assert_int_equal(compile_error(longer, &err), FL_EXPR_ESYNTAX);
    assert_non_null(strstr(err.message, "too long"));

    /* A long flat chain needs a deep stack only if it is right-nested: 1 + (1 + (1 ...)). */
    char chain[600] = "1";
    for (int i = 0; i < 100; i++)
        strcat(chain, " + 1");
    assert_int_equal(eval(chain, 0, 0, 0, 0), 101);
}

static void count_slot(int slot, void *payload)
{
    ((int *)payload)[slot]++;
}

static void slots_are_listed(void **state)
{
    (void)state;
    fl_expr *e = NULL;
    const char *src = "mood < 0 and refund_offered == 0 or mood > 100";
    assert_int_equal(fl_expr_compile(&e, arena, src, strlen(src), resolve, NULL, NULL), 0);
    int seen[4] = {0};
    fl_expr_each_slot(e, count_slot, seen);
    assert_int_equal(seen[0], 2);
    assert_int_equal(seen[1], 0);
    assert_int_equal(seen[3], 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(comparisons),
        cmocka_unit_test(logic_and_precedence),
        cmocka_unit_test(large_values_do_not_overflow),
        cmocka_unit_test(syntax_errors_say_what_and_where),
        cmocka_unit_test(unknown_names_are_their_own_error),
        cmocka_unit_test(pathological_conditions_are_refused),
        cmocka_unit_test(slots_are_listed),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
