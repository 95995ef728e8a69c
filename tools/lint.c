/*
 * lint.c - `frontline lint FILE|DIR...`: checks scenarios and round files the way a compiler
 * checks code.
 *
 * Loading a scenario already runs every rule (schema, references, conditions, graph), so lint
 * loads each file and prints what the loader found, one diagnostic per line:
 *     file:line:column: error|warning: message [rule-id]
 * then a summary line. Folders are searched recursively for *.xml, in name order. A scenario that
 * loads without errors is then explored (game/core/explore.h): at least one path must score 90
 * or more, or the trainees can never do well [best-path].
 *
 * A file whose root element is <round> is a stress round: its own loader checks the file
 * (round_load.c), then game/content resolves its sources the way the desktop will, so every
 * scenario it names must exist, load and be in the round's language.
 *
 * A file whose root element is <workshop> is a workshop leader's file (game/core/workshop.h):
 * its loader checks the file, then game/content resolves its library the way a laptop will, so
 * every scenario and round it names, by path or by bundled id, must exist, be of its kind and
 * load without errors.
 *
 * Lint speaks the user's language (fl_user_lang(), the language of every list of diagnostics):
 * its messages, the severities and the summary are catalogue words (catalogue_lint.def), with
 * Russian plural forms in the counts; the rule ids and the JSON's keys and severities stay the
 * same in every language, for tools.
 *
 * Exit status: 0 no errors (warnings allowed), 1 errors, 2 usage.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "catalogue.h"
#include "commands.h"
#include "opts.h"
#include "content.h"
#include "explore.h"
#include "format.h"
#include "round.h"
#include "rules.h"
#include "scenario.h"
#include "workshop.h"

/* --help: the option table in fl_cmd_lint and its words in catalogue_opts_misc.def */

typedef struct {
    int json;
    size_t files, errors, warnings;
    json_t *list; /* JSON diagnostics, when json */
} lint_run;

static void report(lint_run *run, const char *file, const fl_diag *d)
{
    if (d->severity == FL_SEV_ERROR)
        run->errors++;
    else
        run->warnings++;
    if (run->json) {
        json_t *o = json_object();
        json_object_set_new(o, "file", json_string(file));
        json_object_set_new(o, "line", d->line ? json_integer(d->line) : json_null());
        json_object_set_new(o, "column", d->column ? json_integer(d->column) : json_null());
        json_object_set_new(o, "severity", json_string(fl_severity_name(d->severity)));
        json_object_set_new(o, "rule", json_string(d->rule));
        json_object_set_new(o, "message", json_string(d->message));
        json_array_append_new(run->list, o);
        return;
    }
    char line[2048];
    fl_diag_format(line, sizeof(line), file, d);
    puts(line);
}

/* Reports lint's own diagnostic (not a loader's): the catalogue word `word`, a printf format
 * taking the arguments that follow, in the language of the diagnostics. */
static void report_w(lint_run *run, const char *file, fl_severity sev, unsigned line,
                     unsigned column, const char *rule, int word, ...)
{
    int lang = fl_diags_lang();
    char msg[1024];
    va_list ap;
    va_start(ap, word);
    vsnprintf(msg, sizeof(msg), fl_word((fl_word_id)word, lang), ap);
    va_end(ap);
    fl_diag d = {sev, line, column, rule, msg, lang};
    report(run, file, &d);
}

#define BEST_PATH_MARK 90
/* The states lint lets the explorer keep: enough for every bundled scenario many times over,
 * and it bounds lint's time on a huge generated file to a fraction of a second. */
#define LINT_MAX_STATES 200000

/* The explorer's check: some path must score BEST_PATH_MARK or more, in the scenario's own
 * mode (timed when it has time limits). The search stops at the first such path. */
static void check_best_path(lint_run *run, const char *path, const fl_scenario *s)
{
    fl_engine eng;
    fl_explore_result res;
    fl_explore_opts opts = {.timed = 1,
                            .max_turns = FL_EXPLORE_DEFAULT_TURNS,
                            .max_states = LINT_MAX_STATES,
                            .pace_ms = FL_EXPLORE_DEFAULT_PACE_MS,
                            .stop_at = BEST_PATH_MARK};
    const fl_node *start = &s->nodes[s->start];
    unsigned line = start->pos.line, col = start->pos.column;
    int lang = fl_diags_lang();
    if (fl_engine_init(&eng, s, 1) < 0 || fl_explore(&eng, &opts, &res) < 0) {
        fl_engine_fini(&eng);
        report_w(run, path, FL_SEV_ERROR, 0, 0, "internal", FL_W_LN_OOM_EXPLORE);
        return;
    }
    if (res.reached_stop) {
        /* a path scores 90 or more: nothing to say */
    } else if (res.states_exceeded) {
        if (res.any_end)
            report_w(run, path, FL_SEV_WARNING, line, col, "best-path", FL_W_LN_STOPPED_BEST,
                     LINT_MAX_STATES, BEST_PATH_MARK, res.best_score);
        else
            report_w(run, path, FL_SEV_WARNING, line, col, "best-path", FL_W_LN_STOPPED_NO_END,
                     LINT_MAX_STATES);
    } else if (res.memory_exceeded) {
        /* The search was cut at its memory bound: the best path found is partial, not final. */
        int mib = (int)(FL_EXPLORE_DEFAULT_MEMORY >> 20);
        if (res.any_end)
            report_w(run, path, FL_SEV_WARNING, line, col, "best-path",
                     FL_W_BD_LN_STOPPED_MEMORY_BEST, mib, BEST_PATH_MARK, res.best_score);
        else
            report_w(run, path, FL_SEV_WARNING, line, col, "best-path",
                     FL_W_BD_LN_STOPPED_MEMORY_NO_END, mib);
    } else if (!res.any_end) {
        report_w(run, path, FL_SEV_ERROR, line, col, "best-path", FL_W_LN_NO_END,
                 FL_EXPLORE_DEFAULT_TURNS, BEST_PATH_MARK);
    } else {
        /* A critical mistake keeps a path below the pass mark, so a path of 90 or more is one
         * without; when the best path has one, say which, since that is what to fix. */
        char why[300] = "";
        const fl_scores *bs = &res.best.scores;
        size_t n = 0;
        if (bs->raw > bs->overall)
            n = (size_t)snprintf(why, sizeof(why), fl_word(FL_W_LN_WHY_CAPPED, lang), bs->raw);
        if (bs->critical) {
            int several = (bs->critical_items & (bs->critical_items - 1)) != 0;
            n += (size_t)snprintf(
                why + n, sizeof(why) - n, "%s",
                fl_word(several ? FL_W_LN_WHY_CRITICALS : FL_W_LN_WHY_CRITICAL, lang));
            for (int i = 0; i < 32 && n < sizeof(why); i++)
                if (bs->critical_items & (1u << i))
                    n += (size_t)snprintf(why + n, sizeof(why) - n, " %s",
                                          fl_critical_name(i)
                                              ? fl_critical_name(i)
                                              : fl_word(FL_W_LN_WHY_CRITICAL_REPLY, lang));
        } else if (bs->below_floor) {
            const char *sep = n ? ":" : ";";
            for (int k = 0; k < FL_DIM_COUNT && n < sizeof(why); k++)
                if (bs->below_floor & (1u << k)) {
                    n += (size_t)snprintf(why + n, sizeof(why) - n, "%s %s %d", sep,
                                          fl_dimension_name((fl_dimension)k), bs->score[k]);
                    sep = ",";
                }
            if (n < sizeof(why))
                snprintf(why + n, sizeof(why) - n, fl_word(FL_W_LN_WHY_FLOOR, lang),
                         s->params[FL_P_PASS_FLOOR]);
        }
        report_w(run, path, FL_SEV_ERROR, line, col, "best-path", FL_W_LN_BEST_PATH, BEST_PATH_MARK,
                 res.best_score, fl_outcome_name(bs->outcome), s->nodes[res.best.end].id, why);
    }
    fl_explore_free(&res);
    fl_engine_fini(&eng);
}

/* The lesson's opposite: every way to a resolved ending passes through a transfer. Searched on
 * the graph with conditions taken as true (so it never reports a scenario that has a clean way;
 * a clean way that conditions close is left to best-path). */
static void check_transfer_required(lint_run *run, const char *path, const fl_scenario *s)
{
    uint32_t n = s->n_nodes;
    uint8_t *seen = calloc(n ? n : 1, 1);
    int32_t *queue = malloc(sizeof(int32_t) * (n ? n : 1));
    if (!seen || !queue) {
        free(seen);
        free(queue);
        return;
    }
    int resolved_any = 0, clean = 0;
    const fl_node *first_resolved = NULL;
    for (uint32_t i = 0; i < n; i++)
        if (s->nodes[i].outcome == FL_OUTCOME_RESOLVED && !first_resolved)
            first_resolved = &s->nodes[i];
    size_t head = 0, tail = 0;
    queue[tail++] = s->start;
    seen[s->start] = 1;
    while (head < tail && !clean) {
        const fl_node *nd = &s->nodes[queue[head++]];
        if (nd->outcome == FL_OUTCOME_RESOLVED) {
            clean = 1;
            break;
        }
        for (uint32_t i = 0; i <= nd->n_replies; i++) {
            int32_t t;
            if (i == nd->n_replies) {
                t = nd->timeout;
            } else {
                const fl_reply *r = &nd->replies[i];
                int transfer = (r->signals & FL_SIG_TRANSFER) && !(r->signals & FL_SIG_HANDOFF);
                if (transfer)
                    continue;
                t = r->target;
            }
            if (t >= 0 && !seen[t]) {
                seen[t] = 1;
                queue[tail++] = t;
            }
        }
    }
    resolved_any = first_resolved != NULL;
    if (resolved_any && !clean)
        report_w(run, path, FL_SEV_ERROR, first_resolved->pos.line, first_resolved->pos.column,
                 "transfer-required", FL_W_LN_TRANSFER_REQUIRED);
    free(seen);
    free(queue);
}

/* A checked file: its diagnostics in the order of their lines, and out of memory (rc -2, or the
 * list that could not grow) as an error of its own. */
static void report_file(lint_run *run, const char *path, fl_diags *diags, int rc)
{
    run->files++;
    fl_diags_sort(diags);
    for (size_t i = 0; i < diags->count; i++)
        report(run, path, &diags->items[i]);
    if (rc == -2 || diags->oom)
        report_w(run, path, FL_SEV_ERROR, 0, 0, "internal", FL_W_LN_OOM_CHECK);
}

/* A round file: the file itself, then the scenarios it draws, reported together in the order of
 * their lines. */
static void lint_round(lint_run *run, const char *path)
{
    fl_diags diags;
    fl_round_def *def = NULL;
    fl_round_pool pool = {0};
    fl_diags_init(&diags, path);
    int rc = fl_round_def_load_file(&def, path, &diags);
    if (rc == 0)
        rc = fl_round_pool_load(&pool, def, &diags);
    report_file(run, path, &diags, rc);
    fl_round_pool_free(&pool);
    fl_round_def_free(def);
    fl_diags_clear(&diags);
}

/* Where Frontline's own scenarios are (bundled="ID"): FRONTLINE_DATA, else where it was built
 * or installed, as the desktop finds them. */
static const char *data_dir(void)
{
    const char *env = getenv("FRONTLINE_DATA");
    return env && *env ? env : FL_DATA_DIR;
}

/* A workshop file: the file itself, then its library (each file found, of its kind, loading
 * without errors), reported together in the order of their lines. */
static void lint_workshop(lint_run *run, const char *path)
{
    fl_diags diags;
    fl_workshop *w = NULL;
    fl_workshop_files files = {0};
    fl_diags_init(&diags, path);
    int rc = fl_workshop_load_file(&w, path, &diags);
    if (rc == 0)
        rc = fl_workshop_resolve(&files, w, data_dir(), 1, &diags);
    report_file(run, path, &diags, rc);
    fl_workshop_files_free(&files);
    fl_workshop_free(w);
    fl_diags_clear(&diags);
}

static void lint_file(lint_run *run, const char *path)
{
    if (fl_content_is_workshop_file(path)) {
        lint_workshop(run, path);
        return;
    }
    if (fl_content_is_round_file(path)) {
        lint_round(run, path);
        return;
    }
    fl_diags diags;
    fl_scenario *s = NULL;
    fl_diags_init(&diags, path);
    int rc = fl_content_scenario_load(&s, path, &diags); /* with the avatar's file */
    run->files++;
    for (size_t i = 0; i < diags.count; i++)
        report(run, path, &diags.items[i]);
    if (rc == -2 || diags.oom)
        report_w(run, path, FL_SEV_ERROR, 0, 0, "internal", FL_W_LN_OOM_CHECK);
    if (rc == 0 && s) {
        check_transfer_required(run, path, s);
        check_best_path(run, path, s);
    }
    fl_scenario_free(s);
    fl_diags_clear(&diags);
}

static int has_xml_suffix(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcmp(name + n - 4, ".xml") == 0;
}

static int skip_entry(const struct dirent *e)
{
    return e->d_name[0] != '.';
}

/* Lints every *.xml below dir, in name order. Returns how many files it found. */
static size_t lint_dir(lint_run *run, const char *dir)
{
    struct dirent **names;
    int n = scandir(dir, &names, skip_entry, alphasort);
    size_t found = 0;
    if (n < 0) {
        report_w(run, dir, FL_SEV_ERROR, 0, 0, "io", FL_W_LN_IO_DIR, strerror(errno));
        return 0;
    }
    for (int i = 0; i < n; i++) {
        size_t len = strlen(dir) + strlen(names[i]->d_name) + 2;
        char *path = malloc(len);
        if (path) {
            snprintf(path, len, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/",
                     names[i]->d_name);
            struct stat st;
            if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
                found += lint_dir(run, path);
            } else if (has_xml_suffix(names[i]->d_name)) {
                lint_file(run, path);
                found++;
            }
            free(path);
        }
        free(names[i]);
    }
    free(names);
    return found;
}

/* The names of the catalogue's words, to find a rule's summary by its id. */
static const char *const word_names[FL_W_COUNT] = {
#define W_(id, en, ru) [FL_W_##id] = #id,
#include "catalogue.def"
#undef W_
};

/* Rule `r`'s summary in lang: the catalogue word LN_RULE_ and the id in capitals with '_' for
 * '-' (rules.c's own English when there is none, or in English). */
static const char *rule_summary(const fl_rule *r, int lang)
{
    char name[64] = "LN_RULE_";
    size_t k = strlen(name);
    for (const char *p = r->id; *p && k + 1 < sizeof(name); p++)
        name[k++] = *p == '-' ? '_' : (*p >= 'a' && *p <= 'z') ? (char)(*p - 'a' + 'A') : *p;
    name[k] = '\0';
    for (int w = FL_W_NONE + 1; lang && w < FL_W_COUNT; w++)
        if (word_names[w] && !strcmp(word_names[w], name))
            return fl_word((fl_word_id)w, lang);
    return r->summary;
}

/* Characters (not bytes) of a UTF-8 text, for padding a column. */
static int chars(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* `lint --list-rules`: id, usual severity and summary of every rule, in columns; the ids (what
 * tools read) stay the same in every language. */
static void list_rules(int lang)
{
    const char *err = fl_word(FL_W_LN_SEV_ERROR, lang), *warn = fl_word(FL_W_LN_SEV_WARNING, lang);
    int width = (chars(err) > chars(warn) ? chars(err) : chars(warn)) + 1;
    for (size_t r = 0; r < fl_rule_count; r++) {
        const char *sev = !lang                                      ? fl_rules[r].severity
                          : !strcmp(fl_rules[r].severity, "warning") ? warn
                                                                     : err;
        printf("%-23s %s%*s %s\n", fl_rules[r].id, sev, width - chars(sev), "",
               rule_summary(&fl_rules[r], lang));
    }
}

int fl_cmd_lint(int argc, char **argv)
{
    lint_run run = {0};
    int werror = 0, rules = 0, lang = fl_diags_lang();
    const fl_option opts[] = {
        FL_OPTION_CHOICE("--format", FL_W_OPTM_V_TEXT_JSON, FL_W_OPTM_LINT_FORMAT, &run.json,
                         "text|json"),
        FL_OPTION_FLAG("--werror", FL_W_OPTM_LINT_WERROR, &werror),
        FL_OPTION_FLAG("--list-rules", FL_W_OPTM_LINT_LIST_RULES, &rules),
        FL_OPTION_END,
    };
    const fl_command_spec spec = {.cmd = "lint",
                                  .opts = opts,
                                  .usage = FL_W_OPTM_LINT_USAGE,
                                  .more = FL_W_OPTM_LINT_MORE,
                                  .column = 18,
                                  .max_operands = -1};
    char **paths = malloc(sizeof(*paths) * (size_t)(argc > 0 ? argc : 1));
    int n_paths = 0;
    if (!paths) {
        fprintf(stderr, fl_word(FL_W_CMD_OOM, lang), "lint");
        fputc('\n', stderr);
        return 1;
    }
    int rc = fl_opts_parse(&spec, argc, argv, paths, &n_paths);
    if (rc || rules) {
        if (!rc)
            list_rules(lang);
        free(paths);
        return rc == 1 ? 0 : rc;
    }
    if (!n_paths) {
        free(paths);
        return fl_usage_error("lint", "%s", fl_word(FL_W_LN_USAGE_NO_FILE, lang));
    }

    if (run.json)
        run.list = json_array();
    for (int i = 0; i < n_paths; i++) {
        struct stat st;
        if (stat(paths[i], &st) != 0) {
            report_w(&run, paths[i], FL_SEV_ERROR, 0, 0, "io", FL_W_LN_IO_OPEN, strerror(errno));
        } else if (S_ISDIR(st.st_mode)) {
            if (lint_dir(&run, paths[i]) == 0)
                report_w(&run, paths[i], FL_SEV_ERROR, 0, 0, "io", FL_W_LN_NO_XML);
        } else {
            lint_file(&run, paths[i]);
        }
    }
    free(paths);

    if (run.json) {
        json_t *doc = json_object();
        json_object_set_new(doc, "files", json_integer((json_int_t)run.files));
        json_object_set_new(doc, "errors", json_integer((json_int_t)run.errors));
        json_object_set_new(doc, "warnings", json_integer((json_int_t)run.warnings));
        json_object_set_new(doc, "diagnostics", run.list);
        json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', stdout);
        json_decref(doc);
    } else {
        /* "3 files checked: 1 error, 2 warnings", «3 файла проверены: 1 ошибка, 2 предупреждения»
         */
        char files[64], errors[64], warnings[64];
        fl_plural(files, sizeof(files), lang, (long long)run.files,
                  fl_word(FL_W_LN_PL_FILES, lang));
        fl_plural(errors, sizeof(errors), lang, (long long)run.errors,
                  fl_word(FL_W_LN_PL_ERRORS, lang));
        fl_plural(warnings, sizeof(warnings), lang, (long long)run.warnings,
                  fl_word(FL_W_LN_PL_WARNINGS, lang));
        if (run.errors || run.warnings)
            printf(fl_word(FL_W_LN_SUMMARY, lang), run.files, files, run.errors, errors,
                   run.warnings, warnings);
        else
            printf(fl_word(FL_W_LN_SUMMARY_CLEAN, lang), run.files, files);
        putchar('\n');
    }
    return run.errors || (werror && run.warnings) ? 1 : 0;
}
