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
#include "opts.h"
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
    if (!strcmp(cmd, "desktop")) /* no command of that name: the program's help shows its usage */
        fputs(fl_word(FL_W_OPTM_DESK_SEE_HELP, fl_user_lang()), stderr);
    else
        fprintf(stderr, fl_word(FL_W_CMD_SEE_HELP, fl_user_lang()), cmd);
    fputc('\n', stderr);
    return 2;
}

/* The desktop's options: one table tells main() the desktop's arguments from a command's, gives
 * the desktop and its terminal fallback their values, and --help and the usage errors. */
static fl_desktop_args desk;
static const fl_option desktop_opts[] = {
    FL_OPTION_STRING("--workshop", FL_W_OPT_V_FILE, FL_W_OPTM_DESK_WORKSHOP, &desk.workshop),
    FL_OPTION_STRING("--session", FL_W_OPT_V_NAME, FL_W_OPTM_DESK_SESSION, &desk.session),
    FL_OPTION_STRING("--scenarios", FL_W_OPT_V_DIR, FL_W_OPTM_DESK_SCENARIOS, &desk.scenarios),
    FL_OPTION_STRING("--db", FL_W_OPT_V_FILE, FL_W_OPTM_DESK_DB, &desk.db),
    FL_OPTION_END,
};

/* The desktop, or the terminal player on the same scenario when there is no display. */
static int desktop(int argc, char **argv)
{
    const fl_command_spec spec = {.cmd = "desktop",
                                  .opts = desktop_opts,
                                  .usage = FL_W_OPTM_DESK_USAGE,
                                  .more = FL_W_OPTM_DESK_MORE,
                                  .column = 19,
                                  .max_operands = -1};
    char **operands = malloc(sizeof(*operands) * (size_t)argc);
    int n_operands = 0;
    if (!operands) {
        fprintf(stderr, fl_word(FL_W_CMD_OOM, fl_user_lang()), "desktop");
        fputc('\n', stderr);
        return 1;
    }
    int rc = fl_opts_parse(&spec, argc, argv, operands, &n_operands);
    desk.open = n_operands ? operands[n_operands - 1] : NULL; /* the last one named, as ever */
    free(operands);
    if (rc)
        return rc == 1 ? 0 : rc;
    for (const fl_option *o = desktop_opts; o->kind != FL_OPT_END; o++)
        if (*(const char **)o->dest && !**(const char **)o->dest)
            return fl_usage_error("desktop", fl_word(FL_W_CMD_NEEDS_VALUE, fl_user_lang()),
                                  o->name);
    rc = fl_desktop_run(&desk);
    if (rc != FL_DESKTOP_NO_DISPLAY)
        return rc;
    const char *scenario = desk.open, *db = desk.db, *workshop = desk.workshop,
               *session = desk.session; /* --scenarios: the desktop's library, not the terminal's */
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
    if (scenario[0] == '-') /* a file named so, given after "--" */
        args[n++] = "--";
    args[n++] = (char *)scenario;
    args[n] = NULL;
    return fl_cmd_play(n, args);
}

/* Whether the program's first argument is the desktop's (an option of its table, as --name or
 * --name=VALUE, or a scenario file) rather than a command. */
static int is_desktop_arg(const char *a)
{
    size_t n = strlen(a), name = strcspn(a, "=");
    for (const fl_option *o = desktop_opts; o->kind != FL_OPT_END; o++)
        if (strlen(o->name) == name && !strncmp(o->name, a, name))
            return 1;
    return n > 4 && !strcmp(a + n - 4, ".xml");
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
