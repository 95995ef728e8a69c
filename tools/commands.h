/*
 * commands.h - the subcommands of `frontline` (git-style), one file each in tools/.
 * Each takes the arguments after its own name (argv[0] is the command name) and returns the
 * process exit status: 0 success, 1 the input has problems, 2 usage error.
 */
#ifndef FL_COMMANDS_H
#define FL_COMMANDS_H

#include <stdio.h>

int fl_cmd_lint(int argc, char **argv);
int fl_cmd_play(int argc, char **argv);
int fl_cmd_explore(int argc, char **argv);
int fl_cmd_graph(int argc, char **argv);

/* Prints "frontline CMD: message" to stderr; returns 2 (the usage exit status). */
int fl_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
