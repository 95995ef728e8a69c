/*
 * main.c - the `frontline` program: command-line dispatch in the style of git's subcommands.
 * Everything below main() returns status codes; only main() decides the exit status.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "commands.h"
#include "content.h"
#include "ui.h"
#include "workshop.h"

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    fl_word_id summary; /* a line of the usage, in the user's language */
} command;

static const command commands[] = {
    {"lint", fl_cmd_lint, FL_W_CMD_SUM_LINT},
    {"play", fl_cmd_play, FL_W_CMD_SUM_PLAY},
    {"explore", fl_cmd_explore, FL_W_CMD_SUM_EXPLORE},
    {"graph", fl_cmd_graph, FL_W_CMD_SUM_GRAPH},
    {"report", fl_cmd_report, FL_W_CMD_SUM_REPORT},
    {"import", fl_cmd_import, FL_W_CMD_SUM_IMPORT},
    {"signals", fl_cmd_signals, FL_W_CMD_SUM_SIGNALS},
    {"sound", fl_cmd_sound, FL_W_CMD_SUM_SOUND},
    {"workshop", fl_cmd_workshop, FL_W_CMD_SUM_WORKSHOP},
};

/* The program's usage, in the user's language (commands.h). */
static void usage(FILE *out)
{
    int lang = fl_user_lang();
    fputs(fl_word(FL_W_CMD_USAGE, lang), out);
    for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, fl_word(commands[i].summary, lang));
    fputs(fl_word(FL_W_CMD_USAGE_END, lang), out);
}

int fl_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "frontline %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    fprintf(stderr, fl_word(FL_W_CMD_SEE_HELP, fl_user_lang()), cmd);
    fputc('\n', stderr);
    return 2;
}

/* The desktop, or the terminal player on the same scenario when there is no display. */
static int desktop(int argc, char **argv)
{
    int rc = fl_desktop_run(argc, argv);
    if (rc != FL_DESKTOP_NO_DISPLAY)
        return rc;
    const char *scenario = NULL, *db = NULL, *workshop = NULL, *session = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if ((!strcmp(a, "--db") || !strcmp(a, "--scenarios") || !strcmp(a, "--workshop") ||
             !strcmp(a, "--session")) &&
            i + 1 < argc) {
            const char **v = a[2] == 'd' ? &db : a[2] == 'w' ? &workshop : &session;
            if (a[3] != 'c') /* --scenarios: the desktop's library, not the terminal's */
                *v = argv[i + 1];
            i++;
        } else if (a[0] != '-') {
            scenario = a;
        }
    }
    char fallback[4096];
    if (!scenario && workshop) {
        /* the workshop's first scenario: the terminal plays one conversation */
        fl_workshop *w = NULL;
        fl_workshop_files files = {0};
        fl_diags d;
        fl_diags_init(&d, workshop);
        const char *data = getenv("FRONTLINE_DATA");
        if (fl_workshop_load_file(&w, workshop, &d) == 0 &&
            fl_workshop_resolve(&files, w, data && *data ? data : FL_DATA_DIR, 0, &d) >= 0)
            for (uint32_t i = 0; i < files.n && !scenario; i++)
                if (!files.is_round[i]) {
                    snprintf(fallback, sizeof(fallback), "%s", files.paths[i]);
                    scenario = fallback;
                }
        fl_workshop_files_free(&files);
        fl_workshop_free(w);
        fl_diags_clear(&d);
        if (!scenario) /* play says what is wrong with the file */
            scenario = workshop;
    }
    if (!scenario) { /* a scenario in the user's language */
        int ru = fl_user_lang() == FL_LANG_RU;
        const char *data = getenv("FRONTLINE_DATA");
        snprintf(fallback, sizeof(fallback), "%s/scenarios/%s", data && *data ? data : FL_DATA_DIR,
                 ru ? "ru/dostavka-opazdyvaet.xml" : "en/late-delivery.xml");
        scenario = fallback;
    }
    char *args[12];
    int n = 0;
    args[n++] = "play";
    args[n++] = "--text";
    if (db) {
        args[n++] = "--db";
        args[n++] = (char *)db;
    }
    if (workshop) {
        args[n++] = "--workshop";
        args[n++] = (char *)workshop;
    }
    if (session) {
        args[n++] = "--session";
        args[n++] = (char *)session;
    }
    args[n++] = (char *)scenario;
    args[n] = NULL;
    return fl_cmd_play(n, args);
}

static int is_desktop_arg(const char *a)
{
    size_t n = strlen(a);
    return !strcmp(a, "--scenarios") || !strcmp(a, "--db") || !strcmp(a, "--workshop") ||
           !strcmp(a, "--session") || (n > 4 && !strcmp(a + n - 4, ".xml"));
}

int main(int argc, char **argv)
{
    if (argc < 2 || is_desktop_arg(argv[1]))
        return desktop(argc, argv);
    /* the commands and every diagnostic speak the user's language */
    fl_diags_default_lang(fl_user_lang());
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
    fprintf(stderr, fl_word(FL_W_CMD_NOT_A_COMMAND, fl_user_lang()), name);
    fputs("\n\n", stderr);
    usage(stderr);
    return 2;
}
