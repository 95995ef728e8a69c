/*
 * fuzz_main.c - game/main.c's one function the commands call, for the targets built from a
 * command's file (fuzz_tools.cmake): main.c itself cannot be linked, its main() would replace
 * libFuzzer's. The checks the targets call never report a usage error this way; if one did, the
 * target stops with the message, as a finding.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "commands.h"

int fl_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "fuzz: a check reported a usage error of %s: ", cmd);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    abort();
}
