/*
 * main.c - the `frontline` program: command-line dispatch in the style of git's subcommands.
 * Everything below main() returns status codes; only main() decides the exit status.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"lint", fl_cmd_lint, "check scenario files and folders: schema, references, graph"},
    {"play", fl_cmd_play, "play a scenario in the terminal, or a scripted playthrough as JSON"},
    {"explore", fl_cmd_explore, "visit every path: endings, best and worst scores, dead replies"},
    {"graph", fl_cmd_graph, "draw a scenario as a Graphviz DOT graph"},
    {"report", fl_cmd_report, "export results: CSV, JSON, xAPI statements or an HTML report"},
    {"import", fl_cmd_import, "add saved sessions (fallback files, JSON exports) to a results store"},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: frontline <command> [options] [args]\n"
                 "       frontline --version | --help\n\n"
                 "Frontline trains customer-service agents on difficult customers.\n\n"
                 "commands:\n");
    for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\n'frontline <command> --help' describes a command.\n");
}

int fl_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "frontline %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n(see 'frontline %s --help')\n", cmd);
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stdout);
        return 0;
    }
    const char *name = argv[1];
    if (!strcmp(name, "--help") || !strcmp(name, "-h") || !strcmp(name, "help")) {
        if (argc > 2 && strcmp(name, "help") == 0) {
            for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++) {
                if (!strcmp(commands[i].name, argv[2])) {
                    char *args[] = {argv[2], "--help", NULL};
                    return commands[i].run(2, args);
                }
            }
        }
        usage(stdout);
        return 0;
    }
    if (!strcmp(name, "--version")) {
        printf("frontline %s\n", FL_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++)
        if (!strcmp(commands[i].name, name))
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "frontline: '%s' is not a command\n\n", name);
    usage(stderr);
    return 2;
}
