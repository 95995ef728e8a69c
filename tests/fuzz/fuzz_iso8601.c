/*
 * fuzz_iso8601.c - the times of the results store and its exports ("2026-11-23T08:15:02.123Z"),
 * as `frontline import` reads them (fl_iso8601_parse) and every export writes them
 * (fl_iso8601_utc).
 *
 * The input is the text (NUL-terminated at its first NUL). Beyond memory and undefined behaviour
 * the target checks the round trip an import and a later export make: a time that is accepted
 * is written back as a text that is accepted again as the same instant, and a text in the
 * writer's own form ("YYYY-MM-DDTHH:MM:SS.mmmZ") comes back byte for byte.
 */
#include "fuzz.h"

#include "record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fz_copy(data, size, 1);
    int64_t ms = 0;
    if (fl_iso8601_parse(s, &ms) == 0) {
        char out[32];
        fl_iso8601_utc(ms, out);
        int64_t again = 0;
        if (fl_iso8601_parse(out, &again) != 0)
            fz_fail("\"%s\" is read, but written back as \"%s\", which is not", s, out);
        if (again != ms)
            fz_fail("\"%s\" is read as %lld ms, written back as \"%s\", read as %lld ms", s,
                    (long long)ms, out, (long long)again);
        if (strlen(s) == 24 && strcmp(s, out) != 0)
            fz_fail("\"%s\" is written back as \"%s\"", s, out);
    }
    free(s);
    return 0;
}
