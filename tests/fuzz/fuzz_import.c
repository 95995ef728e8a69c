/*
 * fuzz_import.c - a file given to `frontline import`: a JSON export or a fallback file.
 *
 * The input is the file. fl_import_parse reads it exactly as the command does before writing
 * anything (no store, no file). Beyond memory and undefined behaviour the target checks what
 * import promises: every session and round it accepts can be written back as an export
 * (fl_record_to_json, as `report --format json` does) and that export imports again, with the
 * same count; what it accepts and every reason it gives is valid UTF-8; fl_import_check_memory
 * agrees with fl_import_parse.
 */
#include "fuzz.h"

#include <jansson.h>

#include "record.h"
#include "utf8.h"

static void check_text(const char *what, const char *s)
{
    if (s && !fl_utf8_valid(s, strlen(s)))
        fz_fail("%s is not valid UTF-8: \"%s\"", what, s);
}

/* Writes the accepted object back as an export of one and imports that. */
static int each(void *ctx, const fl_import_item *it)
{
    size_t *valid = ctx;
    if (it->refused) {
        check_text("a refusal's reason", it->refused);
        return 0;
    }
    (*valid)++;
    json_t *o = it->is_round ? fl_round_record_to_json(it->round) : fl_record_to_json(it->session);
    if (!o)
        fz_fail("an accepted %s cannot be written back", it->is_round ? "round" : "session");
    json_t *a = json_array();
    if (!a || json_array_append_new(a, o) != 0)
        abort();
    char *text = json_dumps(a, JSON_COMPACT);
    json_decref(a);
    if (!text)
        fz_fail("an accepted %s is dropped from the JSON export (jansson refuses it)",
                it->is_round ? "round" : "session");
    check_text("an export", text);
    char err[512];
    int n = fl_import_check_memory(text, strlen(text), err, sizeof(err));
    if (n != 1)
        fz_fail("an accepted %s, exported, does not import again (%d): %s\n%s",
                it->is_round ? "round" : "session", n, n < 0 ? err : "", text);
    free(text);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = fz_copy(data, size, 0);
    char err[512] = "";
    size_t valid = 0;
    fl_import_info info;
    memset(&info, 0, sizeof(info));
    int n = fl_import_parse(buf, size, each, &valid, &info, err, sizeof(err));
    if (n >= 0 && (size_t)n != valid)
        fz_fail("fl_import_parse returned %d for %zu valid objects", n, valid);
    if (n < 0)
        check_text("the import's error", err);
    if (n < -2)
        fz_fail("fl_import_parse returned %d", n);

    char err2[64];
    int m = fl_import_check_memory(buf, size, err2, sizeof(err2));
    if (m != n)
        fz_fail("fl_import_check_memory says %d, fl_import_parse %d", m, n);
    if (m < 0 && strlen(err2) >= sizeof(err2))
        fz_fail("the error overruns its buffer");
    if (m < 0 && !fl_utf8_valid(err2, strlen(err2)))
        fz_fail("the error cut to %zu bytes is not valid UTF-8: \"%s\" of \"%s\"", sizeof(err2),
                err2, err);
    free(buf);
    return 0;
}
