/*
 * explore.c - `frontline explore SCENARIO`: every way the conversation can go, for the trainer
 * who wrote it: the endings reached, the best and the worst path with their scores, each
 * dimension's range, and the replies no path can take. The search is game/core/explore.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "commands.h"
#include "explore.h"
#include "scenario.h"
#include "transcript.h"
#include "utf8.h"

static const char help[] =
    "usage: frontline explore [options] SCENARIO\n"
    "\n"
    "Plays every reply at every point of the scenario (every route and the fallback of a\n"
    "free-text node, and the timeout when the scenario is timed), with the customer's mood,\n"
    "patience, trust, the flags and the variables as part of the state, and reports:\n"
    "the endings reached, the best and the worst path with their scores, the range of every\n"
    "dimension, and every reply that no path can take (a condition that never holds, say).\n"
    "\n"
    "  --max-turns N    follow paths up to N replies long (default 25); longer ones are cut\n"
    "  --max-states N   keep at most N distinct states in memory (default 2000000)\n"
    "  --pace SECONDS   how long each reply takes in timed scenarios (default 5)\n"
    "  --untimed        ignore the time limits: no timeouts, no responsiveness\n"
    "  --format text|json\n"
    "  --script best|worst\n"
    "                   print that path as a `frontline play --script` script instead\n"
    "\n"
    "Exit status: 0 a path scores 90 or more, 1 none does (or the scenario has errors, or the\n"
    "search hit a bound before finishing), 2 usage.\n";

#define PASS_MARK 90

static int parse_count(const char *v, unsigned long long max, unsigned long long *out)
{
    char *end;
    errno = 0;
    unsigned long long n = v ? strtoull(v, &end, 10) : 0;
    if (!v || end == v || *end || errno || n == 0 || n > max || v[0] == '-')
        return -1;
    *out = n;
    return 0;
}

static const fl_reply *step_reply(const fl_scenario *s, const fl_path_step *p)
{
    return p->reply >= 0 ? &s->nodes[p->node].replies[p->reply] : NULL;
}

static void print_short(const char *text, size_t max_chars)
{
    size_t n = fl_utf8_prefix(text, max_chars);
    fwrite(text, 1, n, stdout);
    if (text[n])
        fputs("…", stdout);
}

static void print_path(const fl_scenario *s, const char *what, const fl_path *p)
{
    printf("%s: %d/100 (%c), %s, %zu repl%s\n", what, p->scores.overall, p->scores.band,
           fl_outcome_name(p->scores.outcome), p->n, p->n == 1 ? "y" : "ies");
    for (size_t i = 0; i < p->n; i++) {
        const fl_reply *r = step_reply(s, &p->steps[i]);
        printf("  %2zu. %s  ", i + 1, r ? r->id : "timeout");
        if (r && r->text)
            print_short(r->text, 60);
        else if (r && r->kind == FL_REPLY_ROUTE && r->n_patterns) {
            fputs("typed: \"", stdout);
            for (uint32_t w = 0; w < r->patterns[0].n_words; w++)
                printf("%s%s", w ? " " : "", r->patterns[0].words[w]);
            fputs("\"", stdout);
        } else if (r)
            fputs("(typed, no route matches)", stdout);
        putchar('\n');
    }
    fputs("      ", stdout);
    for (int d = 0; d < FL_DIM_COUNT; d++)
        if (p->scores.applicable[d])
            printf(" %s %d", fl_dimension_name((fl_dimension)d), p->scores.score[d]);
    putchar('\n');
}

static json_t *path_json(const fl_scenario *s, const fl_path *p)
{
    json_t *o = json_object();
    json_object_set_new(o, "overall", json_integer(p->scores.overall));
    json_object_set_new(o, "band", json_stringn(&p->scores.band, 1));
    json_object_set_new(o, "outcome", json_string(fl_outcome_name(p->scores.outcome)));
    json_t *dims = json_object();
    for (int d = 0; d < FL_DIM_COUNT; d++)
        json_object_set_new(dims, fl_dimension_name((fl_dimension)d),
                            p->scores.applicable[d] ? json_integer(p->scores.score[d])
                                                    : json_null());
    json_object_set_new(o, "dimensions", dims);
    json_t *steps = json_array();
    for (size_t i = 0; i < p->n; i++) {
        const fl_reply *r = step_reply(s, &p->steps[i]);
        json_array_append_new(steps, json_string(r ? r->id : "timeout"));
    }
    json_object_set_new(o, "replies", steps);
    return o;
}

int fl_cmd_explore(int argc, char **argv)
{
    fl_explore_opts opts = {.timed = 1,
                            .max_turns = FL_EXPLORE_DEFAULT_TURNS,
                            .max_states = FL_EXPLORE_DEFAULT_STATES,
                            .pace_ms = FL_EXPLORE_DEFAULT_PACE_MS};
    const char *path = NULL, *script = NULL;
    int json = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        unsigned long long n;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(help, stdout);
            return 0;
        } else if (!strcmp(a, "--untimed")) {
            opts.timed = 0;
        } else if (!strcmp(a, "--max-turns")) {
            if (parse_count(v, 1000, &n) < 0)
                return fl_usage_error("explore", "--max-turns needs a number from 1 to 1000");
            opts.max_turns = (uint32_t)n, i++;
        } else if (!strcmp(a, "--max-states")) {
            if (parse_count(v, 1000000000ull, &n) < 0)
                return fl_usage_error("explore",
                                      "--max-states needs a number from 1 to 1000000000");
            opts.max_states = (size_t)n, i++;
        } else if (!strcmp(a, "--pace")) {
            char *end;
            double sec = v ? strtod(v, &end) : -1;
            if (!v || end == v || *end || sec < 0 || sec > 3600)
                return fl_usage_error("explore", "--pace needs seconds from 0 to 3600");
            opts.pace_ms = (uint32_t)(sec * 1000 + 0.5), i++;
        } else if (!strcmp(a, "--format")) {
            if (!v || (strcmp(v, "text") && strcmp(v, "json")))
                return fl_usage_error("explore", "--format needs text or json");
            json = !strcmp(v, "json"), i++;
        } else if (!strcmp(a, "--script")) {
            if (!v || (strcmp(v, "best") && strcmp(v, "worst")))
                return fl_usage_error("explore", "--script needs best or worst");
            script = v, i++;
        } else if (a[0] == '-' && a[1]) {
            return fl_usage_error("explore", "unknown option '%s'", a);
        } else if (path) {
            return fl_usage_error("explore", "one scenario at a time ('%s' and '%s')", path, a);
        } else {
            path = a;
        }
    }
    if (!path)
        return fl_usage_error("explore", "name the scenario file to explore");

    fl_scenario *s = NULL;
    if (fl_load_reporting(path, &s) != 0)
        return 1;
    fl_engine eng;
    fl_explore_result res;
    struct timespec t0, t1;
    if (fl_engine_init(&eng, s, opts.timed) < 0) {
        fprintf(stderr, "frontline explore: out of memory\n");
        fl_scenario_free(s);
        return 1;
    }
    int asked_untimed = !opts.timed;
    opts.timed = eng.timed;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int rc = fl_explore(&eng, &opts, &res);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (rc < 0) {
        fprintf(stderr, "frontline explore: out of memory (try a smaller --max-states)\n");
        fl_engine_fini(&eng);
        fl_scenario_free(s);
        return 1;
    }
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    int complete = !res.states_exceeded && res.paths_cut == 0;
    int best = res.any_end ? res.best_score : -1;
    int status = best >= PASS_MARK ? 0 : 1; /* a path found is a fact even in a partial search */

    if (script) {
        if (!res.any_end) {
            fprintf(stderr, "%s: no path reaches an ending within %u replies\n", path,
                    opts.max_turns);
        } else if (!res.have_paths) {
            fprintf(stderr, "%s: the search stopped at %zu states; raise --max-states\n", path,
                    opts.max_states);
        } else {
            const fl_path *p = !strcmp(script, "best") ? &res.best : &res.worst;
            printf("# the %s path of %s: %d/100 (%c), %s\n", script, s->id, p->scores.overall,
                   p->scores.band, fl_outcome_name(p->scores.outcome));
            printf("# made by: frontline explore --script %s%s\n", script,
                   asked_untimed ? " --untimed" : "");
            for (size_t i = 0; i < p->n; i++) {
                const fl_reply *r = step_reply(s, &p->steps[i]);
                /* a comment with the words, so the script reads as the conversation */
                printf("# %s: ", s->nodes[p->steps[i].node].id);
                if (r && r->text)
                    print_short(r->text, 70);
                else
                    fputs(!r                          ? "(silence until the time runs out)"
                          : r->kind == FL_REPLY_ROUTE ? "(typed words that match this route)"
                                                      : "(typed words no route matches)",
                          stdout);
                putchar('\n');
                if (opts.timed)
                    printf("%s @%g\n", r ? r->id : "timeout", opts.pace_ms / 1000.0);
                else
                    printf("%s\n", r ? r->id : "timeout");
            }
            status = 0;
        }
    } else if (json) {
        json_t *doc = json_object();
        json_object_set_new(doc, "file", json_string(path));
        json_object_set_new(doc, "scenario", json_string(s->id));
        json_object_set_new(doc, "timed", json_boolean(opts.timed));
        json_object_set_new(doc, "complete", json_boolean(complete));
        json_object_set_new(doc, "states", json_integer((json_int_t)res.states));
        json_object_set_new(doc, "steps", json_integer((json_int_t)res.steps));
        json_object_set_new(doc, "paths",
                            res.paths > (uint64_t)INT64_MAX ? json_null()
                                                            : json_integer((json_int_t)res.paths));
        json_object_set_new(
            doc, "paths_cut",
            json_integer(
                (json_int_t)(res.paths_cut > (uint64_t)INT64_MAX ? INT64_MAX : res.paths_cut)));
        json_object_set_new(doc, "states_exceeded", json_boolean(res.states_exceeded));
        json_t *ends = json_array();
        for (uint32_t i = 0; i < s->n_nodes; i++) {
            if (s->nodes[i].outcome == FL_OUTCOME_NONE)
                continue;
            json_t *o = json_object();
            json_object_set_new(o, "id", json_string(s->nodes[i].id));
            json_object_set_new(o, "outcome", json_string(fl_outcome_name(s->nodes[i].outcome)));
            json_object_set_new(o, "reached", json_boolean(res.node_reached[i]));
            json_array_append_new(ends, o);
        }
        json_object_set_new(doc, "endings", ends);
        json_object_set_new(doc, "hung_up_paths",
                            json_integer((json_int_t)(res.hung_up_paths > (uint64_t)INT64_MAX
                                                          ? INT64_MAX
                                                          : res.hung_up_paths)));
        json_object_set_new(doc, "best_score",
                            res.any_end ? json_integer(res.best_score) : json_null());
        json_object_set_new(doc, "worst_score",
                            res.any_end ? json_integer(res.worst_score) : json_null());
        json_object_set_new(doc, "best", res.have_paths ? path_json(s, &res.best) : json_null());
        json_object_set_new(doc, "worst", res.have_paths ? path_json(s, &res.worst) : json_null());
        json_t *dims = json_object();
        for (int d = 0; d < FL_DIM_COUNT; d++) {
            json_t *o = json_object();
            json_object_set_new(o, "min",
                                res.dim_min[d] >= 0 ? json_integer(res.dim_min[d]) : json_null());
            json_object_set_new(o, "max",
                                res.dim_max[d] >= 0 ? json_integer(res.dim_max[d]) : json_null());
            json_object_set_new(dims, fl_dimension_name((fl_dimension)d), o);
        }
        json_object_set_new(doc, "dimensions", dims);
        json_t *dead = json_array();
        for (uint32_t i = 0; i < s->n_nodes; i++) {
            const fl_node *nd = &s->nodes[i];
            for (uint32_t j = 0; j < nd->n_replies; j++) {
                if (res.reply_taken[eng.reply_base[i] + j])
                    continue;
                json_t *o = json_object();
                json_object_set_new(o, "node", json_string(nd->id));
                json_object_set_new(o, "reply", json_string(nd->replies[j].id));
                json_object_set_new(o, "line", json_integer(nd->replies[j].pos.line));
                json_object_set_new(o, "node_reached", json_boolean(res.node_reached[i]));
                json_array_append_new(dead, o);
            }
        }
        json_object_set_new(doc, "never_taken", dead);
        json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', stdout);
        json_decref(doc);
    } else {
        printf("%s: %s\n", path, s->title);
        printf("%s play, up to %u replies: %zu states, %llu steps, ",
               opts.timed ? "timed" : "untimed", opts.max_turns, res.states,
               (unsigned long long)res.steps);
        if (res.paths == UINT64_MAX)
            printf("more than 18 quintillion paths");
        else
            printf("%llu complete path%s", (unsigned long long)res.paths,
                   res.paths == 1 ? "" : "s");
        printf(" in %.1f ms\n", ms);
        if (res.paths_cut)
            printf("warning: %llu path%s cut at %u replies (a loop?); raise --max-turns to follow "
                   "them\n",
                   (unsigned long long)res.paths_cut, res.paths_cut == 1 ? "" : "s",
                   opts.max_turns);
        if (res.states_exceeded)
            printf("warning: stopped at %zu states; the results below are partial: raise "
                   "--max-states\n",
                   opts.max_states);
        printf("\nendings:\n");
        int width = 0;
        for (uint32_t i = 0; i < s->n_nodes; i++)
            if (s->nodes[i].outcome != FL_OUTCOME_NONE && (int)strlen(s->nodes[i].id) > width)
                width = (int)strlen(s->nodes[i].id);
        for (uint32_t i = 0; i < s->n_nodes; i++) {
            const fl_node *nd = &s->nodes[i];
            if (nd->outcome == FL_OUTCOME_NONE)
                continue;
            printf("  %-*s  %-10s %s\n", width, nd->id, fl_outcome_name(nd->outcome),
                   res.node_reached[i] ? "reached" : "NEVER REACHED");
        }
        if (res.hung_up_paths)
            printf("  (the customer hangs up on %llu path%s: patience ran out)\n",
                   (unsigned long long)res.hung_up_paths, res.hung_up_paths == 1 ? "" : "s");
        putchar('\n');
        if (res.any_end && !res.have_paths) {
            printf("best score found before the search stopped: %d, worst: %d\n", res.best_score,
                   res.worst_score);
        } else if (res.any_end) {
            print_path(s, "best path", &res.best);
            print_path(s, "worst path", &res.worst);
            printf("\ndimension ranges over all paths:\n");
            for (int d = 0; d < FL_DIM_COUNT; d++) {
                if (res.dim_max[d] < 0)
                    printf("  %-15s not applicable\n", fl_dimension_name((fl_dimension)d));
                else
                    printf("  %-15s %3d .. %3d\n", fl_dimension_name((fl_dimension)d),
                           res.dim_min[d], res.dim_max[d]);
            }
        } else {
            printf("no path reaches an ending within %u replies\n", opts.max_turns);
        }
        size_t dead = 0;
        for (uint32_t i = 0; i < s->n_nodes; i++) {
            const fl_node *nd = &s->nodes[i];
            for (uint32_t j = 0; j < nd->n_replies; j++) {
                if (res.reply_taken[eng.reply_base[i] + j])
                    continue;
                if (!dead++)
                    printf("\nreplies no path takes:\n");
                printf("  %s:%u:%u: %s", path, nd->replies[j].pos.line, nd->replies[j].pos.column,
                       nd->replies[j].id);
                printf(" (%s)\n", !res.node_reached[i]  ? "its node is never reached"
                                  : nd->replies[j].cond ? "its condition never holds here"
                                  : nd->free_text       ? "an earlier route always wins"
                                                        : "never offered");
            }
        }
        if (!dead)
            printf("\nevery reply is taken on some path\n");
        if (best >= 0 && best < PASS_MARK)
            printf("\nno path scores %d or more: the best scores %d\n", PASS_MARK, best);
    }
    fl_explore_free(&res);
    fl_engine_fini(&eng);
    fl_scenario_free(s);
    return status;
}
