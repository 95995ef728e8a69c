/*
 * explore.c - `frontline explore SCENARIO`: every way the conversation can go, for the trainer
 * who wrote it: the endings reached, the best and the worst path with their scores, each
 * dimension's range, and the replies no path can take; with --through, what a trainee who says
 * one reply still gets. The search is game/core/explore.c.
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
    "  --through REPLY  what a trainee who says REPLY still gets: the best and the worst of the\n"
    "                   complete paths that take it at least once, how many there are, each\n"
    "                   dimension's range over them and the endings they reach (also with\n"
    "                   --script and --format json); the rest of the report is over all paths.\n"
    "                   REPLY: a reply, route or fallback id (start/r-0af726ac, as this report\n"
    "                   and --script show it, or an explicit id); NODE:N, the Nth reply of node\n"
    "                   NODE in file order (routes, then the fallback); or NODE:timeout, the\n"
    "                   silence until the time limit runs out there\n"
    "\n"
    "Exit status: 0 a path scores 90 or more, 1 none does (or the scenario has errors, or the\n"
    "search hit a bound before finishing), 2 usage. With --through: 0 some complete path takes\n"
    "REPLY, 1 none does (the report says why), 2 usage (REPLY names nothing).\n";

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

/* mark: the --through reply, its steps marked with '*' (NULL: none) */
static void print_path(const fl_scenario *s, const char *what, const fl_path *p,
                       const fl_path_step *mark)
{
    printf("%s: %d/100 (%c), %s, %zu repl%s%s\n", what, p->scores.overall, p->scores.band,
           fl_outcome_name(p->scores.outcome), p->n, p->n == 1 ? "y" : "ies",
           mark ? " (* marks it)" : "");
    for (size_t i = 0; i < p->n; i++) {
        const fl_reply *r = step_reply(s, &p->steps[i]);
        int here = mark && p->steps[i].node == mark->node && p->steps[i].reply == mark->reply;
        printf("%c %2zu. %s  ", here ? '*' : ' ', i + 1, r ? r->id : "timeout");
        if (r && r->text)
            print_short(r->text, 60);
        else if (r && r->kind == FL_REPLY_ROUTE && r->n_patterns) {
            fputs("typed: \"", stdout);
            for (uint32_t w = 0; w < r->patterns[0].n_words; w++)
                printf("%s%s", w ? " " : "", r->patterns[0].words[w]);
            fputs("\"", stdout);
        } else if (r)
            fputs("(typed, no route matches)", stdout);
        else
            fputs("(silence until the time ran out)", stdout);
        putchar('\n');
    }
    fputs("      ", stdout);
    for (int d = 0; d < FL_DIM_COUNT; d++)
        if (p->scores.applicable[d])
            printf(" %s %d", fl_dimension_name((fl_dimension)d), p->scores.score[d]);
    putchar('\n');
    /* why a path fails although its dimensions look fine: what a trainer asks first */
    if (p->scores.critical) {
        fputs("       not passed: critical mistake", stdout);
        for (int i = 0; i < 32; i++)
            if (p->scores.critical_items & (1u << i))
                printf(" %s", fl_critical_name(i) ? fl_critical_name(i) : "reply");
        if (p->scores.raw > p->scores.overall)
            printf(" (%d before the cap)", p->scores.raw);
        putchar('\n');
    } else if (p->scores.below_floor) {
        fputs("       not passed: under the pass floor:", stdout);
        for (int d = 0; d < FL_DIM_COUNT; d++)
            if (p->scores.below_floor & (1u << d))
                printf(" %s", fl_dimension_name((fl_dimension)d));
        if (p->scores.raw > p->scores.overall)
            printf(" (%d before the cap)", p->scores.raw);
        putchar('\n');
    }
}

static json_t *path_json(const fl_scenario *s, const fl_path *p)
{
    json_t *o = json_object();
    json_object_set_new(o, "overall", json_integer(p->scores.overall));
    json_object_set_new(o, "band", json_stringn(&p->scores.band, 1));
    json_object_set_new(o, "outcome", json_string(fl_outcome_name(p->scores.outcome)));
    json_object_set_new(o, "raw", json_integer(p->scores.raw));
    json_object_set_new(o, "passed", json_boolean(p->scores.passed));
    json_t *crit = json_array();
    for (int i = 0; i < 32; i++)
        if (p->scores.critical_items & (1u << i))
            json_array_append_new(crit,
                                  json_string(fl_critical_name(i) ? fl_critical_name(i) : "reply"));
    json_object_set_new(o, "critical", crit);
    json_t *floor = json_array();
    for (int d = 0; d < FL_DIM_COUNT; d++)
        if (p->scores.below_floor & (1u << d))
            json_array_append_new(floor, json_string(fl_dimension_name((fl_dimension)d)));
    json_object_set_new(o, "below_floor", floor);
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

/* ---- --through REPLY: which reply, and why no path takes it -------------------------------- */

/* The reply --through names: reply `reply` of node `node`, -1 the node's timeout. */
typedef struct {
    int32_t node, reply;
    char name[300]; /* its stable id, or NODE:timeout: how the report names it */
} through_reply;

#define SUGGESTIONS 3

/* The closest candidates to a name, best first. */
typedef struct {
    const char *name;
    size_t max_d; /* farther than this is no suggestion */
    const char *best[SUGGESTIONS];
    size_t best_d[SUGGESTIONS];
    size_t n;
} suggestions;

/* `close`: a candidate worth showing whatever its distance (the node the name starts with). */
static void consider(suggestions *sg, const char *candidate, int close)
{
    size_t d = fl_edit_distance(sg->name, candidate);
    if (d > sg->max_d && !close)
        return;
    size_t i = sg->n < SUGGESTIONS ? sg->n++ : SUGGESTIONS;
    if (i == SUGGESTIONS && d >= sg->best_d[SUGGESTIONS - 1])
        return;
    if (i == SUGGESTIONS)
        i--;
    for (; i > 0 && sg->best_d[i - 1] > d; i--) { /* stable: equals stay in file order */
        sg->best[i] = sg->best[i - 1];
        sg->best_d[i] = sg->best_d[i - 1];
    }
    sg->best[i] = candidate;
    sg->best_d[i] = d;
}

/* " (did you mean 'a', 'b' or 'c'?)", or "" when nothing is close. The close ones when there
 * are some; else the replies of the node the name starts with, if any. */
static const char *hint(const suggestions *sg, char *buf, size_t size)
{
    size_t o = 0, n = 0;
    buf[0] = '\0';
    while (n < sg->n && sg->best_d[n] <= sg->max_d)
        n++;
    if (!n)
        n = sg->n;
    for (size_t i = 0; i < n && o < size; i++)
        o += (size_t)snprintf(buf + o, size - o, "%s'%s'",
                              !i           ? " (did you mean "
                              : i + 1 == n ? " or "
                                           : ", ",
                              sg->best[i]);
    if (n && o < size)
        snprintf(buf + o, size - o, "?)");
    return buf;
}

/* Finds the reply `spec` names (see the help). Returns 0, or prints a usage error and returns 2. */
static int find_through(const fl_scenario *s, const char *spec, through_reply *out)
{
    char buf[1024];
    for (uint32_t i = 0; i < s->n_nodes; i++)
        for (uint32_t j = 0; j < s->nodes[i].n_replies; j++)
            if (!strcmp(s->nodes[i].replies[j].id, spec)) {
                *out = (through_reply){(int32_t)i, (int32_t)j, ""};
                snprintf(out->name, sizeof(out->name), "%s", spec);
                return 0;
            }
    /* NODE:N or NODE:timeout (ids first: an explicit id may contain a colon) */
    const char *colon = strrchr(spec, ':');
    if (colon && colon > spec) {
        char node[256];
        snprintf(node, sizeof(node), "%.*s", (int)(colon - spec), spec);
        const char *what = colon + 1;
        int32_t k = fl_scenario_find_node(s, node);
        if (k < 0) {
            suggestions sg = {.name = node, .max_d = strlen(node) <= 3 ? 1 : 2};
            for (uint32_t i = 0; i < s->n_nodes; i++)
                consider(&sg, s->nodes[i].id, 0);
            return fl_usage_error("explore", "--through %s: the scenario has no node '%s'%s", spec,
                                  node, hint(&sg, buf, sizeof(buf)));
        }
        const fl_node *nd = &s->nodes[k];
        if (nd->outcome != FL_OUTCOME_NONE)
            return fl_usage_error("explore", "--through %s: '%s' is an ending: it has no replies",
                                  spec, node);
        if (!strcmp(what, "timeout")) {
            if (nd->timeout < 0)
                return fl_usage_error("explore",
                                      "--through %s: node '%s' has no <timeout>, so silence "
                                      "there never moves the conversation on",
                                      spec, node);
            *out = (through_reply){k, -1, ""};
            snprintf(out->name, sizeof(out->name), "%s:timeout", node);
            return 0;
        }
        char *end;
        errno = 0;
        unsigned long n = strtoul(what, &end, 10);
        if (end == what || *end || errno || what[0] == '-' || what[0] == '+' || n < 1 ||
            n > nd->n_replies)
            return fl_usage_error("explore",
                                  "--through %s: node '%s' has %u repl%s: after the colon give "
                                  "a number from 1 to %u, or 'timeout'",
                                  spec, node, nd->n_replies, nd->n_replies == 1 ? "y" : "ies",
                                  nd->n_replies);
        *out = (through_reply){k, (int32_t)n - 1, ""};
        snprintf(out->name, sizeof(out->name), "%s", nd->replies[n - 1].id);
        return 0;
    }
    /* An unknown id: the closest ids, and any reply of the node the id starts with. */
    const char *slash = strchr(spec, '/');
    size_t prefix = slash ? (size_t)(slash - spec) + 1 : 0;
    size_t len = strlen(spec);
    suggestions sg = {.name = spec, .max_d = len / 3 > 2 ? len / 3 : 2};
    for (uint32_t i = 0; i < s->n_nodes; i++)
        for (uint32_t j = 0; j < s->nodes[i].n_replies; j++) {
            const char *id = s->nodes[i].replies[j].id;
            consider(&sg, id, prefix && !strncmp(id, spec, prefix));
        }
    return fl_usage_error("explore",
                          "--through %s: the scenario has no reply with that id%s; give a reply "
                          "id, NODE:N or NODE:timeout",
                          spec, hint(&sg, buf, sizeof(buf)));
}

/* Writes why no complete path takes the reply (the plain search's facts first). */
static void why_not(const fl_scenario *s, const fl_engine *eng, const fl_explore_result *res,
                    const fl_explore_opts *opts, const through_reply *t, char *buf, size_t size)
{
    const fl_node *nd = &s->nodes[t->node];
    const fl_through_result *tr = &res->through;
    int taken = t->reply < 0 ? res->timeout_taken[t->node]
                             : res->reply_taken[eng->reply_base[t->node] + (uint32_t)t->reply];
    if (t->reply < 0 && !eng->timed)
        snprintf(buf, size, "in untimed play the time never runs out");
    else if (!taken && res->states_exceeded)
        snprintf(buf, size, "the search stopped at %zu states before taking it; raise --max-states",
                 opts->max_states);
    else if (!res->node_reached[t->node])
        snprintf(buf, size, "its node '%s' is never reached", nd->id);
    else if (!taken && t->reply < 0)
        snprintf(buf, size, "node '%s' has no time limit", nd->id);
    else if (!taken)
        snprintf(buf, size, "%s",
                 nd->replies[t->reply].cond ? "its condition never holds there"
                 : nd->free_text            ? "an earlier route always wins"
                                            : "it is never offered");
    else if (tr->states_exceeded)
        snprintf(buf, size,
                 "the search through it stopped at %zu states before a path ended; raise "
                 "--max-states",
                 opts->max_states);
    else if (tr->paths_cut)
        snprintf(buf, size,
                 "no path that takes it ends within %u replies; raise --max-turns to follow them",
                 opts->max_turns);
    else
        snprintf(buf, size, "every path that takes it goes round a loop and is not followed");
}

static void print_ranges(const int *dmin, const int *dmax)
{
    for (int d = 0; d < FL_DIM_COUNT; d++) {
        if (dmax[d] < 0)
            printf("  %-15s not applicable\n", fl_dimension_name((fl_dimension)d));
        else
            printf("  %-15s %3d .. %3d\n", fl_dimension_name((fl_dimension)d), dmin[d], dmax[d]);
    }
}

/* Prints a path as the lines of a `frontline play --script` script. */
static void print_script(const fl_scenario *s, const fl_path *p, const fl_explore_opts *opts)
{
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
        if (opts->timed)
            printf("%s @%g\n", r ? r->id : "timeout", opts->pace_ms / 1000.0);
        else
            printf("%s\n", r ? r->id : "timeout");
    }
}

/* The dimension ranges as a JSON object: {"empathy": {"min": 0, "max": 100}, ...}. */
static json_t *ranges_json(const int *dmin, const int *dmax)
{
    json_t *dims = json_object();
    for (int d = 0; d < FL_DIM_COUNT; d++) {
        json_t *o = json_object();
        json_object_set_new(o, "min", dmin[d] >= 0 ? json_integer(dmin[d]) : json_null());
        json_object_set_new(o, "max", dmax[d] >= 0 ? json_integer(dmax[d]) : json_null());
        json_object_set_new(dims, fl_dimension_name((fl_dimension)d), o);
    }
    return dims;
}

static json_int_t json_count(uint64_t n)
{
    return (json_int_t)(n > (uint64_t)INT64_MAX ? INT64_MAX : n);
}

/* The "through" member of the JSON report. */
static json_t *through_json(const fl_scenario *s, const fl_explore_result *res,
                            const through_reply *t, const char *why)
{
    const fl_through_result *thr = &res->through;
    const fl_node *nd = &s->nodes[t->node];
    json_t *o = json_object();
    json_object_set_new(o, "reply", json_string(t->name));
    json_object_set_new(o, "node", json_string(nd->id));
    json_object_set_new(o, "index", t->reply >= 0 ? json_integer(t->reply + 1) : json_null());
    json_object_set_new(o, "timeout", json_boolean(t->reply < 0));
    json_object_set_new(
        o, "line", json_integer(t->reply >= 0 ? nd->replies[t->reply].pos.line : nd->pos.line));
    json_object_set_new(o, "complete", json_boolean(!thr->states_exceeded && thr->paths_cut == 0));
    json_object_set_new(o, "states", json_integer((json_int_t)thr->states));
    json_object_set_new(o, "steps", json_integer(json_count(thr->steps)));
    json_object_set_new(o, "paths",
                        thr->paths > (uint64_t)INT64_MAX ? json_null()
                                                         : json_integer((json_int_t)thr->paths));
    json_object_set_new(o, "paths_cut", json_integer(json_count(thr->paths_cut)));
    json_object_set_new(o, "states_exceeded", json_boolean(thr->states_exceeded));
    json_object_set_new(o, "why_not", thr->paths ? json_null() : json_string(why));
    json_object_set_new(o, "best_score", thr->paths ? json_integer(thr->best_score) : json_null());
    json_object_set_new(o, "worst_score",
                        thr->paths ? json_integer(thr->worst_score) : json_null());
    json_object_set_new(o, "best", thr->have_paths ? path_json(s, &thr->best) : json_null());
    json_object_set_new(o, "worst", thr->have_paths ? path_json(s, &thr->worst) : json_null());
    json_object_set_new(o, "dimensions", ranges_json(thr->dim_min, thr->dim_max));
    json_t *ends = json_array();
    for (uint32_t i = 0; i < s->n_nodes; i++)
        if (s->nodes[i].outcome != FL_OUTCOME_NONE && thr->end_reached[i])
            json_array_append_new(ends, json_string(s->nodes[i].id));
    json_object_set_new(o, "endings_reached", ends);
    json_object_set_new(o, "hung_up", json_boolean(thr->hung_up));
    return o;
}

int fl_cmd_explore(int argc, char **argv)
{
    fl_explore_opts opts = {.timed = 1,
                            .max_turns = FL_EXPLORE_DEFAULT_TURNS,
                            .max_states = FL_EXPLORE_DEFAULT_STATES,
                            .pace_ms = FL_EXPLORE_DEFAULT_PACE_MS};
    const char *path = NULL, *script = NULL, *through_spec = NULL;
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
        } else if (!strcmp(a, "--through")) {
            if (!v || !v[0])
                return fl_usage_error("explore", "--through needs a reply id, NODE:N or "
                                                 "NODE:timeout");
            through_spec = v, i++;
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
    through_reply tr = {-1, -1, ""};
    if (through_spec && find_through(s, through_spec, &tr) != 0) {
        fl_scenario_free(s);
        return 2;
    }
    const fl_path_step mark = {tr.node, tr.reply}, *marked = through_spec ? &mark : NULL;
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
    int rc = through_spec ? fl_explore_through(&eng, &opts, tr.node, tr.reply, &res)
                          : fl_explore(&eng, &opts, &res);
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
    const fl_through_result *thr = &res.through;
    char why[512] = "";
    if (through_spec) {
        status = thr->paths > 0 ? 0 : 1;
        if (!thr->paths)
            why_not(s, &eng, &res, &opts, &tr, why, sizeof(why));
    }

    if (script && through_spec) {
        if (!thr->paths) {
            fprintf(stderr, "%s: no complete path takes %s: %s\n", path, tr.name, why);
        } else if (!thr->have_paths) {
            fprintf(stderr, "%s: the search through %s stopped at %zu states; raise --max-states\n",
                    path, tr.name, opts.max_states);
            status = 1;
        } else {
            const fl_path *p = !strcmp(script, "best") ? &thr->best : &thr->worst;
            printf("# the %s path of %s through %s: %d/100 (%c), %s\n", script, s->id, tr.name,
                   p->scores.overall, p->scores.band, fl_outcome_name(p->scores.outcome));
            printf("# made by: frontline explore --script %s --through %s%s\n", script, tr.name,
                   asked_untimed ? " --untimed" : "");
            print_script(s, p, &opts);
        }
    } else if (script) {
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
            print_script(s, p, &opts);
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
        json_object_set_new(doc, "dimensions", ranges_json(res.dim_min, res.dim_max));
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
        if (through_spec)
            json_object_set_new(doc, "through", through_json(s, &res, &tr, why));
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
        if (through_spec) {
            const fl_node *nd = &s->nodes[tr.node];
            if (tr.reply >= 0)
                printf("through %s (reply %d of node '%s', line %u): ", tr.name, tr.reply + 1,
                       nd->id, nd->replies[tr.reply].pos.line);
            else
                printf("through %s (the silence until the time runs out at node '%s'): ", tr.name,
                       nd->id);
            if (thr->paths == UINT64_MAX)
                printf("more than 18 quintillion paths take it");
            else
                printf("%llu complete path%s take%s it", (unsigned long long)thr->paths,
                       thr->paths == 1 ? "" : "s", thr->paths == 1 ? "s" : "");
            printf(" (%zu states, %llu steps)\n", thr->states, (unsigned long long)thr->steps);
            if (thr->paths_cut && !res.paths_cut)
                printf("warning: %llu path%s cut at %u replies; raise --max-turns to follow "
                       "them\n",
                       (unsigned long long)thr->paths_cut, thr->paths_cut == 1 ? "" : "s",
                       opts.max_turns);
            if (thr->states_exceeded)
                printf("warning: the search through it stopped at %zu states; what it finds is "
                       "partial: raise --max-states\n",
                       opts.max_states);
        }
        printf("\nendings:\n");
        int width = 0;
        for (uint32_t i = 0; i < s->n_nodes; i++)
            if (s->nodes[i].outcome != FL_OUTCOME_NONE && (int)strlen(s->nodes[i].id) > width)
                width = (int)strlen(s->nodes[i].id);
        for (uint32_t i = 0; i < s->n_nodes; i++) {
            const fl_node *nd = &s->nodes[i];
            if (nd->outcome == FL_OUTCOME_NONE)
                continue;
            printf("  %-*s  %-10s %s%s\n", width, nd->id, fl_outcome_name(nd->outcome),
                   res.node_reached[i] ? "reached" : "NEVER REACHED",
                   !through_spec || !res.node_reached[i] ? ""
                   : thr->end_reached[i]                 ? ", also through it"
                                                         : ", not through it");
        }
        if (res.hung_up_paths)
            printf("  (the customer hangs up on %llu path%s: patience ran out%s)\n",
                   (unsigned long long)res.hung_up_paths, res.hung_up_paths == 1 ? "" : "s",
                   !through_spec  ? ""
                   : thr->hung_up ? "; also on paths through it"
                                  : "; never on a path through it");
        putchar('\n');
        if (through_spec) {
            if (!thr->paths) {
                printf("no complete path takes %s: %s\n", tr.name, why);
            } else if (!thr->have_paths) {
                printf("best score through it found before the search stopped: %d, worst: %d\n",
                       thr->best_score, thr->worst_score);
            } else {
                print_path(s, thr->paths == 1 ? "the only path through it" : "best path through it",
                           &thr->best, marked);
                if (thr->paths > 1)
                    print_path(s, "worst path through it", &thr->worst, marked);
                printf("\ndimension ranges over the paths through it:\n");
                print_ranges(thr->dim_min, thr->dim_max);
            }
            if (res.any_end)
                printf("\nover all paths%s, for comparison: best %d/100, worst %d/100\n",
                       res.have_paths ? "" : " found before the search stopped", res.best_score,
                       res.worst_score);
        } else if (res.any_end && !res.have_paths) {
            printf("best score found before the search stopped: %d, worst: %d\n", res.best_score,
                   res.worst_score);
        } else if (res.any_end) {
            print_path(s, "best path", &res.best, NULL);
            print_path(s, "worst path", &res.worst, NULL);
            printf("\ndimension ranges over all paths:\n");
            print_ranges(res.dim_min, res.dim_max);
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
        if (!through_spec && best >= 0 && best < PASS_MARK)
            printf("\nno path scores %d or more: the best scores %d\n", PASS_MARK, best);
    }
    fl_explore_free(&res);
    fl_engine_fini(&eng);
    fl_scenario_free(s);
    return status;
}
