/*
 * catalogue_checks.h - what the unit tests that read the catalogue's words share: each entry's
 * name (to pick words by their prefix and to name a failure) and whether a text is valid UTF-8.
 *
 * Header-only, static inline (a test that uses one of the two does not warn about the other):
 * tests/CMakeLists.txt builds every tests/unit/test_*.c as its own program, so a shared .c file
 * would need its own build rule.
 */
#ifndef FL_TEST_CATALOGUE_CHECKS_H
#define FL_TEST_CATALOGUE_CHECKS_H

#include <stdint.h>
#include <string.h>

#include "catalogue.h"
#include "utf8.h"

/* The name of catalogue entry id as catalogue.def spells it ("LN_RULE_SCHEMA"), "NONE" for
 * FL_W_NONE. */
static inline const char *word_name(int id)
{
    static const char *const names[FL_W_COUNT] = {
        [FL_W_NONE] = "NONE",
#define W_(id, en, ru) [FL_W_##id] = #id,
#include "catalogue.def"
#undef W_
    };
    return names[id];
}

/* The one UTF-8 validity check is the program's own (game/core/utf8.c). */
static inline int valid_utf8(const char *s)
{
    return fl_utf8_valid(s, strlen(s));
}

#endif
