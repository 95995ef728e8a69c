/*
 * commands.h - the subcommands of `frontline` (git-style), one file each in tools/.
 * Each takes the arguments after its own name (argv[0] is the command name) and returns the
 * process exit status: 0 success, 1 the input has problems, 2 usage error.
 */
#ifndef FL_COMMANDS_H
#define FL_COMMANDS_H

#include <stdio.h>

#include "scenario.h"

int fl_cmd_lint(int argc, char **argv);
int fl_cmd_play(int argc, char **argv);
int fl_cmd_explore(int argc, char **argv);
int fl_cmd_graph(int argc, char **argv);
int fl_cmd_report(int argc, char **argv);
int fl_cmd_import(int argc, char **argv);
int fl_cmd_signals(int argc, char **argv);
int fl_cmd_sound(int argc, char **argv);
int fl_cmd_workshop(int argc, char **argv);

/* Loads the scenario at path, printing every diagnostic to stderr. Returns 0 with *out set, or
 * -1 (the file has errors, cannot be read, or memory ran out) with *out NULL. */
int fl_load_reporting(const char *path, fl_scenario **out);

/* The language the commands speak (catalogue.h's FL_LANG_EN or FL_LANG_RU): the interface
 * language the user chose in the desktop (settings.json's "language"), else the locale's
 * (fl_locale_lang). Read once (tools/lang.c). main() also makes it the language of every
 * diagnostic (fl_diags_default_lang), so lint and every loader speak it. */
int fl_user_lang(void);

/* The locale's language alone: $LC_ALL, else $LC_MESSAGES, else $LANG ("ru..." is Russian). */
int fl_locale_lang(void);

/* Prints "frontline CMD: message" to stderr; returns 2 (the usage exit status). */
int fl_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
