/*
 * test_containers.c - the program's one growable array (vec.h) and one hash table (hmap.h),
 * checked against a plain reference model over a long random sequence of operations (inserts,
 * lookups, removals, removal while iterating), and at their limits: a size that would overflow,
 * an allocation that fails (the allocation hook of alloc.h) leaves both unchanged.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "hmap.h"
#include "vec.h"

static void test_grow_appends_and_keeps(void **state)
{
    (void)state;
    int *items = NULL;
    size_t n = 0, cap = 0;
    for (int i = 0; i < 100000; i++) {
        assert_int_equal(FL_GROW(items, cap, n + 1), 0);
        assert_true(cap >= n + 1);
        items[n++] = i * 7;
    }
    for (int i = 0; i < 100000; i++)
        assert_int_equal(items[i], i * 7);
    free(items);
}

static void test_grow_zero_zeroes_new_elements(void **state)
{
    (void)state;
    long *items = NULL;
    size_t cap = 0;
    assert_int_equal(FL_GROW_ZERO(items, cap, 3), 0);
    for (size_t i = 0; i < cap; i++)
        assert_int_equal(items[i], 0);
    items[0] = 5;
    size_t old = cap;
    assert_int_equal(FL_GROW_ZERO(items, cap, old + 100), 0);
    assert_int_equal(items[0], 5);
    for (size_t i = old; i < cap; i++)
        assert_int_equal(items[i], 0);
    free(items);
}

static void test_grow_refuses_overflow_and_oom(void **state)
{
    (void)state;
    double *items = NULL;
    size_t cap = 0;
    assert_int_equal(FL_GROW(items, cap, SIZE_MAX / 2), -1);
    assert_null(items);
    assert_int_equal(cap, 0);
    assert_int_equal(FL_GROW(items, cap, 10), 0);
    double *before = items;
    size_t before_cap = cap;
    fl_alloc_fail_at(1);
    assert_int_equal(FL_GROW(items, cap, before_cap + 1), -1);
    fl_alloc_fail_at(0);
    assert_ptr_equal(items, before);
    assert_int_equal(cap, before_cap);
    free(items);
}

/* The reference: which of the N keys are in the table, and their values. */
#define N_KEYS 5000

static void test_hmap_matches_a_reference(void **state)
{
    (void)state;
    static char keys[N_KEYS][16];
    static int in[N_KEYS];
    static size_t val[N_KEYS];
    for (int i = 0; i < N_KEYS; i++)
        snprintf(keys[i], sizeof keys[i], "k%d", i * 31);
    memset(in, 0, sizeof in);
    fl_hmap m = FL_HMAP_INIT;
    unsigned seed = 20261203u;
    size_t count = 0;
    for (int step = 0; step < 200000; step++) {
        seed = seed * 1103515245u + 12345u;
        int k = (int)((seed >> 8) % N_KEYS);
        int op = (int)((seed >> 4) % 3);
        fl_hmap_slot *s = fl_hmap_find_str(&m, keys[k]);
        assert_int_equal(s != NULL, in[k]);
        if (s)
            assert_int_equal((size_t)s->value, val[k]);
        if (op == 0 && !in[k]) {
            int added = 0;
            s = fl_hmap_put(&m, keys[k], strlen(keys[k]), &added);
            assert_non_null(s);
            assert_int_equal(added, 1);
            s->value = (void *)(size_t)step;
            in[k] = 1;
            val[k] = (size_t)step;
            count++;
        } else if (op == 1 && in[k]) {
            fl_hmap_remove(&m, s);
            in[k] = 0;
            count--;
        } else if (op == 2 && in[k]) {
            int added = 1;
            assert_ptr_equal(fl_hmap_put(&m, keys[k], strlen(keys[k]), &added), s);
            assert_int_equal(added, 0);
        }
        assert_int_equal(m.count, count);
    }
    /* Removal while iterating: drop every key whose value is odd, looking at slots[i] again
     * after each removal. */
    for (size_t i = 0; i < m.cap;) {
        fl_hmap_slot *s = &m.slots[i];
        if (s->hash && ((size_t)s->value & 1)) {
            fl_hmap_remove(&m, s);
            count--;
            continue;
        }
        i++;
    }
    assert_int_equal(m.count, count);
    for (int k = 0; k < N_KEYS; k++) {
        fl_hmap_slot *s = fl_hmap_find_str(&m, keys[k]);
        int expect = in[k] && !(val[k] & 1);
        assert_int_equal(s != NULL, expect);
    }
    assert_true(fl_hmap_footprint(&m) >= m.count * sizeof(fl_hmap_slot));
    fl_hmap_free(&m);
    assert_int_equal(m.count, 0);
}

static void test_hmap_oom_leaves_the_table(void **state)
{
    (void)state;
    fl_hmap m = FL_HMAP_INIT;
    char keys[64][16];
    int added;
    for (int i = 0; i < 8; i++) {
        snprintf(keys[i], sizeof keys[i], "%d", i);
        assert_non_null(fl_hmap_put(&m, keys[i], strlen(keys[i]), &added));
    }
    size_t cap = m.cap;
    /* Fill until the next insertion must grow the table, then fail that growth. */
    int i = 8;
    while ((m.count + 1) * 2 <= m.cap) {
        snprintf(keys[i], sizeof keys[i], "%d", i);
        assert_non_null(fl_hmap_put(&m, keys[i], strlen(keys[i]), &added));
        i++;
    }
    snprintf(keys[i], sizeof keys[i], "%d", i);
    fl_alloc_fail_at(1);
    assert_null(fl_hmap_put(&m, keys[i], strlen(keys[i]), &added));
    fl_alloc_fail_at(0);
    assert_int_equal(m.cap, cap);
    for (int j = 0; j < i; j++)
        assert_non_null(fl_hmap_find_str(&m, keys[j]));
    assert_null(fl_hmap_find_str(&m, keys[i]));
    fl_hmap_free(&m);
}

static void test_hash_of_binary_keys(void **state)
{
    (void)state;
    /* Keys holding NUL bytes and the empty key are keys like any other. */
    fl_hmap m = FL_HMAP_INIT;
    int added;
    const char a[] = {'x', 0, 'y'}, b[] = {'x', 0, 'z'};
    assert_non_null(fl_hmap_put(&m, a, 3, &added));
    assert_non_null(fl_hmap_put(&m, b, 3, &added));
    assert_non_null(fl_hmap_put(&m, "", 0, &added));
    assert_int_equal(m.count, 3);
    assert_non_null(fl_hmap_find(&m, a, 3));
    assert_null(fl_hmap_find(&m, a, 2));
    assert_non_null(fl_hmap_find(&m, "", 0));
    assert_true(fl_hash("", 0) != 0);
    fl_hmap_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grow_appends_and_keeps),
        cmocka_unit_test(test_grow_zero_zeroes_new_elements),
        cmocka_unit_test(test_grow_refuses_overflow_and_oom),
        cmocka_unit_test(test_hmap_matches_a_reference),
        cmocka_unit_test(test_hmap_oom_leaves_the_table),
        cmocka_unit_test(test_hash_of_binary_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
