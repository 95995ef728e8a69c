/*
 * lexicon_fixture.h - the cmocka group fixture of the unit tests that read text with the
 * built-in lexicons: `en` and `ru` are loaded once before the group and freed after it.
 *
 * Header-only (static, for one test file each): tests/CMakeLists.txt builds every
 * tests/unit/test_*.c as its own program, so a shared .c file would need its own build rule.
 * Include it after <cmocka.h>.
 */
#ifndef FL_TEST_LEXICON_FIXTURE_H
#define FL_TEST_LEXICON_FIXTURE_H

#include <stdio.h>

#include "lexicon.h"

static fl_lexicon *en, *ru;

/* cmocka group setup: loads both built-in lexicons, or says why not and fails the group. */
static int lexicon_setup(void **state)
{
    (void)state;
    char err[256];
    if (fl_lexicon_builtin(&en, "en", err, sizeof(err)) < 0 ||
        fl_lexicon_builtin(&ru, "ru", err, sizeof(err)) < 0) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    return 0;
}

static int lexicon_teardown(void **state)
{
    (void)state;
    fl_lexicon_free(en);
    fl_lexicon_free(ru);
    return 0;
}

#endif
