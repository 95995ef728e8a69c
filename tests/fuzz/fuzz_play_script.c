/*
 * fuzz_play_script.c - a `play --script` script (and a round's `play --round --script`).
 *
 * The input is the script's text. fl_play_script_check reads it exactly as `play --script`
 * does before acting on it (every line, its @SECONDS, typed replies and voice lines), without a
 * scenario and without opening a file. Beyond memory and undefined behaviour the target checks
 * that a refusal says where (the script's name first) in valid UTF-8, also when cut short to a
 * small buffer (between characters only), and that the same text gives the same answer twice.
 */
#include "fuzz.h"

#include "play.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = fz_copy(data, size, 0);
    char err[512], err2[512], tiny[24];
    int n = fl_play_script_check(buf, size, "fuzz.script", err, sizeof(err));
    if (n < -1)
        fz_fail("fl_play_script_check returned %d", n);
    if (n == -1) {
        if (!memchr(err, '\0', sizeof(err)) || !err[0])
            fz_fail("a refusal without a reason");
        if (strncmp(err, "fuzz.script", 11) != 0)
            fz_fail("the reason does not name the script: %s", err);
        if (!fl_utf8_valid(err, strlen(err)))
            fz_fail("the reason is not valid UTF-8: %s", err);
    }
    if (fl_play_script_check(buf, size, "fuzz.script", err2, sizeof(err2)) != n ||
        (n == -1 && strcmp(err, err2) != 0))
        fz_fail("the same script checked twice gives different answers");
    if (fl_play_script_check(buf, size, "fuzz.script", tiny, sizeof(tiny)) != n)
        fz_fail("the answer depends on the size of the error buffer");
    if (n == -1 && !fl_utf8_valid(tiny, strlen(tiny)))
        fz_fail("the reason cut to %zu bytes is not valid UTF-8 (cut inside a character): "
                "\"%s\" of \"%s\"",
                sizeof(tiny), tiny, err);
    free(buf);
    return 0;
}
