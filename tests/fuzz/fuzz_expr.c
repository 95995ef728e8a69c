/*
 * fuzz_expr.c - the condition language of scenarios (if="mood < 0 and not apologized").
 *
 * The input is a condition, optionally followed by a NUL and the environment it is evaluated
 * in (4 bytes a slot, big-endian; missing slots are 0). Names resolve as a scenario's do: the
 * built-in meters and counters, the signal flags, and eight variables v0..v7. The target
 * compiles the condition, and when it compiles evaluates it and lists the slots it reads.
 * Beyond memory and undefined behaviour (an overflow in evaluation is one) it checks that an
 * error points inside the condition, that its message is valid UTF-8 when the condition is, and
 * that every slot read is one the resolver gave.
 */
#include "fuzz.h"

#include "arena.h"
#include "expr.h"
#include "scenario.h"
#include "utf8.h"

#define N_VARS 8
#define N_ENV  (FL_SLOT_VAR0 + N_VARS)

static const char *const builtin[] = {"mood", "patience", "trust", "turn", "elapsed", "goodwill"};

static int resolve(const char *s, size_t len, void *payload)
{
    (void)payload;
    for (int i = 0; i < 6; i++)
        if (strlen(builtin[i]) == len && memcmp(builtin[i], s, len) == 0)
            return FL_SLOT_MOOD + i;
    for (int i = 0; i < FL_SIGNAL_COUNT; i++) {
        const char *f = fl_signal_flag(i);
        if (strlen(f) == len && memcmp(f, s, len) == 0)
            return FL_SLOT_FLAG0 + i;
    }
    if (len == 2 && s[0] == 'v' && s[1] >= '0' && s[1] < '0' + N_VARS)
        return FL_SLOT_VAR0 + (s[1] - '0');
    return -1;
}

static void check_slot(int slot, void *payload)
{
    (void)payload;
    if (slot < 0 || slot >= N_ENV)
        fz_fail("the condition reads slot %d of %d", slot, N_ENV);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_bytes rest;
    size_t len = fz_split_first(data, size, &rest);
    char *src = fz_copy(data, len, 0);
    int32_t env[N_ENV];
    for (int i = 0; i < N_ENV; i++)
        env[i] = (int32_t)fz_u32(&rest);

    fl_arena *arena = fl_arena_new();
    if (!arena)
        abort();
    fl_expr *e = NULL;
    fl_expr_error err;
    memset(&err, 0, sizeof(err));
    int rc = fl_expr_compile(&e, arena, src, len, resolve, NULL, &err);
    if (rc == FL_EXPR_OK) {
        if (!e)
            fz_fail("compiled to nothing");
        (void)fl_expr_eval(e, env);
        fl_expr_each_slot(e, check_slot, NULL);
    } else {
        if (e)
            fz_fail("failed (%d) but gave a condition", rc);
        if (rc != FL_EXPR_ESYNTAX && rc != FL_EXPR_EUNKNOWN && rc != FL_EXPR_ENOMEM)
            fz_fail("fl_expr_compile returned %d", rc);
        if (err.offset > len || err.length > len - err.offset)
            fz_fail("the error at %zu+%zu lies outside the %zu bytes", err.offset, err.length, len);
        if (!memchr(err.message, '\0', sizeof(err.message)))
            fz_fail("the error message is not terminated");
        if (fl_utf8_valid(src, len) && !memchr(src, '\0', len) &&
            !fl_utf8_valid(err.message, strlen(err.message)))
            fz_fail("the message about a valid condition is not valid UTF-8: %s", err.message);
    }
    fl_arena_free(arena);
    free(src);
    return 0;
}
