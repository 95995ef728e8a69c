/*
 * fuzz_report_args.c - `frontline report`'s arguments: the filters (--group, --trainee,
 * --scenario, --round, --workshop, --session), the --since/--until dates, --format, --compare,
 * --lang, --sep and the rest.
 *
 * The input is the arguments separated by NUL bytes ("--since\0002026-11-31\0--format\0csv");
 * argv[0] is "report". fl_report_check_args parses them with the very code `frontline report`
 * uses, opening no store and writing nothing. Beyond memory and undefined behaviour the target
 * checks that a usage error is one terminated line, of valid UTF-8 when the arguments are, also
 * when cut to a small buffer (between characters only), and that parsing the same arguments twice
 * gives the same answer (no parse state left behind, such as getopt's).
 */
#include "fuzz.h"

#include "report.h"
#include "utf8.h"

#define MAX_ARGS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = fz_copy(data, size, 1);
    char *argv[MAX_ARGS + 2];
    char *copy[MAX_ARGS + 2];
    int argc = 0;
    argv[argc++] = "report";
    for (size_t at = 0; at <= size && argc < MAX_ARGS + 1;) {
        argv[argc++] = buf + at;
        at += strlen(buf + at) + 1;
    }
    if (size == 0)
        argc = 1;
    argv[argc] = NULL;
    memcpy(copy, argv, sizeof(argv));
    /* A usage error may quote an argument as typed: it can only be valid UTF-8 when they are. */
    int valid = 1;
    for (int i = 1; i < argc; i++)
        valid &= fl_utf8_valid(argv[i], strlen(argv[i]));

    char err[512], err2[512], tiny[24];
    int rc = fl_report_check_args(argc, argv, err, sizeof(err));
    if (rc != 0 && rc != -1)
        fz_fail("fl_report_check_args returned %d", rc);
    if (rc == -1) {
        if (!memchr(err, '\0', sizeof(err)) || !err[0])
            fz_fail("a usage error without a message");
        if (strchr(err, '\n'))
            fz_fail("a usage error of more than one line: %s", err);
        if (valid && !fl_utf8_valid(err, strlen(err)))
            fz_fail("a usage error that is not valid UTF-8: %s", err);
    }
    memcpy(argv, copy, sizeof(argv));
    if (fl_report_check_args(argc, argv, err2, sizeof(err2)) != rc ||
        (rc == -1 && strcmp(err, err2) != 0))
        fz_fail("the same arguments parsed twice give different answers");
    memcpy(argv, copy, sizeof(argv));
    if (fl_report_check_args(argc, argv, tiny, sizeof(tiny)) != rc)
        fz_fail("the answer depends on the size of the error buffer");
    if (rc == -1 && valid && !fl_utf8_valid(tiny, strlen(tiny)))
        fz_fail("a usage error cut to %zu bytes is not valid UTF-8 (cut inside a character): "
                "\"%s\" of \"%s\"",
                sizeof(tiny), tiny, err);
    free(buf);
    return 0;
}
