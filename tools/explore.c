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

#include "catalogue.h"
#include "commands.h"
#include "opts.h"
#include "explore.h"
#include "format.h"
#include "scenario.h"
#include "transcript.h"
#include "utf8.h"

/* The report's words in the user's language (commands.h); the JSON and the scripts stay the
 * same in every language (machine formats, golden files). */
static int lang(void)
{
    return fl_user_lang();
}

static const char *U(fl_word_id id)
{
    return fl_word(id, lang());
}

/* "n WORDS" with the form of forms (a PL_ word) that n takes in the user's language. */
static const char *count(char *buf, size_t size, unsigned long long n, fl_word_id forms)
{
    char form[128];
    snprintf(buf, size, "%llu %s", n,
             fl_plural(form, sizeof(form), lang(), (long long)n, U(forms)));
    return buf;
}

/* A dimension as the text report names it: its identifier in English (empathy), its name in
 * Russian. */
static const char *dim_name(int d)
{
    return lang() == FL_LANG_EN ? fl_dimension_name((fl_dimension)d) : U(fl_word_dimension(d));
}

/* An outcome as the text report names it (resolved, решено). */
static const char *outcome_name(int o)
{
    return lang() == FL_LANG_EN ? fl_outcome_name((fl_outcome)o) : U(fl_word_outcome(o));
}

/* Prints sep then text with its first letter in lower case (a Cyrillic or Latin capital): a
 * label that starts a sentence elsewhere, here inside one. */
static void print_lowered(const char *sep, const char *text)
{
    unsigned char c0 = (unsigned char)text[0], c1 = c0 ? (unsigned char)text[1] : 0;
    fputs(sep, stdout);
    if (c0 == 0xD0 && c1 >= 0x90 && c1 <= 0x9F) /* А..П: U+0410..041F -> U+0430..043F */
        printf("\xD0%c%s", (char)(c1 + 0x20), text + 2);
    else if (c0 == 0xD0 && c1 >= 0xA0 && c1 <= 0xAF) /* Р..Я: U+0420..042F -> U+0440..044F */
        printf("\xD1%c%s", (char)(c1 - 0x20), text + 2);
    else if (c0 >= 'A' && c0 <= 'Z')
        printf("%c%s", c0 - 'A' + 'a', text + 1);
    else
        fputs(text, stdout);
}

/* name, padded with spaces to width characters (not bytes: Russian names are multi-byte). */
static void print_padded(const char *name, int width)
{
    int chars = (int)fl_utf8_length(name, strlen(name));
    printf("%s%*s", name, chars < width ? width - chars : 0, "");
}

#define PASS_MARK 90

/* Reads a memory size for --max-memory: a number of mebibytes, or a number with K, M or G
 * (binary: 64M is 64 MiB; KiB, MiB and GiB are read too), from 1 MiB to 1 TiB, into *out bytes.
 * Returns 0, or -1 when it is not one. */
static int parse_size(const char *v, size_t *out)
{
    char *end;
    errno = 0;
    if (!v || v[0] < '0' || v[0] > '9')
        return -1;
    unsigned long long n = strtoull(v, &end, 10);
    unsigned shift = 20;
    const char *units = "KkMmGg";
    const char *u = *end ? strchr(units, *end) : NULL;
    if (u) {
        shift = 10 * (unsigned)(1 + (u - units) / 2);
        end++;
        if (end[0] == 'i' && (end[1] == 'B' || end[1] == 'b'))
            end += 2;
    }
    if (end == v || *end || errno || n > (1ull << 40) >> shift)
        return -1;
    unsigned long long bytes = n << shift;
    if (bytes < (1ull << 20) || bytes > (1ull << 40) || bytes > SIZE_MAX)
        return -1;
    *out = (size_t)bytes;
    return 0;
}

/* bytes as mebibytes in the user's language ("64 MiB", "1,5 МиБ"), into buf. */
static const char *mib(char *buf, size_t size, size_t bytes, int in_lang)
{
    char num[32];
    double m = (double)bytes / (1024.0 * 1024.0);
    snprintf(num, sizeof(num), m == (double)(unsigned long long)m ? "%.0f" : "%.1f", m);
    fl_decimal_comma(num, in_lang);
    snprintf(buf, size, fl_word(FL_W_BD_MIB, in_lang), num);
    return buf;
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
    char n[64];
    printf("%s: %d/100 (%c), %s, %s%s\n", what, p->scores.overall, p->scores.band,
           outcome_name(p->scores.outcome), count(n, sizeof(n), p->n, FL_W_PL_REPLIES),
           mark ? U(FL_W_CMD_EXP_MARKS) : "");
    for (size_t i = 0; i < p->n; i++) {
        const fl_reply *r = step_reply(s, &p->steps[i]);
        int here = mark && p->steps[i].node == mark->node && p->steps[i].reply == mark->reply;
        printf("%c %2zu. %s  ", here ? '*' : ' ', i + 1, r ? r->id : "timeout");
        if (r && r->text)
            print_short(r->text, 60);
        else if (r && r->kind == FL_REPLY_ROUTE && r->n_patterns) {
            /* the first alternative: its words, or as written when it has groups */
            const fl_pattern *alt = &r->patterns[0];
            char words[512] = "";
            size_t o = 0;
            if (alt->n_groups && alt->src)
                snprintf(words, sizeof(words), "%.*s", (int)(alt->end - alt->start),
                         alt->src + alt->start);
            for (uint32_t w = 0; !alt->n_groups && w < alt->n_words && o < sizeof(words); w++)
                o += (size_t)snprintf(words + o, sizeof(words) - o, "%s%s", w ? " " : "",
                                      alt->words[w]);
            size_t cut = fl_utf8_prefix(words, 60); /* as long as a reply's text is shown */
            if (words[cut] && cut + 4 <= sizeof(words))
                memcpy(words + cut, "…", sizeof("…"));
            printf(U(FL_W_CMD_EXP_TYPED), words);
        } else if (r)
            fputs(U(FL_W_CMD_EXP_TYPED_NO_ROUTE), stdout);
        else
            fputs(U(FL_W_CMD_EXP_SILENCE), stdout);
        putchar('\n');
    }
    fputs("      ", stdout);
    for (int d = 0; d < FL_DIM_COUNT; d++)
        if (p->scores.applicable[d])
            printf(U(FL_W_CMD_EXP_DIM_SCORE), dim_name(d), p->scores.score[d]);
    putchar('\n');
    /* why a path fails although its dimensions look fine: what a trainer asks first */
    if (p->scores.critical) {
        fputs(U(FL_W_CMD_EXP_NOT_PASSED_CRITICAL), stdout);
        int shown = 0;
        for (int i = 0; i < 32; i++)
            if (p->scores.critical_items & (1u << i)) {
                const char *item = fl_critical_name(i) ? fl_critical_name(i) : "reply";
                fl_word_id w = fl_word_critical_item(item);
                if (lang() == FL_LANG_EN || w == FL_W_NONE)
                    printf(" %s", item); /* the identifiers: "transfer lost" */
                else
                    print_lowered(shown++ ? "; " : " — ",
                                  U(w)); /* « — клиента отправили...; ...» */
            }
        if (p->scores.raw > p->scores.overall)
            printf(U(FL_W_CMD_EXP_BEFORE_CAP), p->scores.raw);
        putchar('\n');
    } else if (p->scores.below_floor) {
        fputs(U(FL_W_CMD_EXP_NOT_PASSED_FLOOR), stdout);
        for (int d = 0; d < FL_DIM_COUNT; d++)
            if (p->scores.below_floor & (1u << d))
                printf(" %s", dim_name(d));
        if (p->scores.raw > p->scores.overall)
            printf(U(FL_W_CMD_EXP_BEFORE_CAP), p->scores.raw);
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

/* " (did you mean 'a', 'b' or 'c'?)", or "" when nothing is close, in the user's language. The
 * close ones when there are some; else the replies of the node the name starts with, if any. */
static const char *hint(const suggestions *sg, char *buf, size_t size)
{
    size_t o = 0, n = 0;
    buf[0] = '\0';
    while (n < sg->n && sg->best_d[n] <= sg->max_d)
        n++;
    if (!n)
        n = sg->n;
    if (!n)
        return buf;
    char list[768] = "";
    for (size_t i = 0; i < n && o < sizeof(list); i++)
        o += (size_t)snprintf(list + o, sizeof(list) - o, U(FL_W_CMD_EXP_QUOTED),
                              !i           ? ""
                              : i + 1 == n ? U(FL_W_CMD_EXP_OR)
                                           : ", ",
                              sg->best[i]);
    snprintf(buf, size, U(FL_W_CMD_EXP_DID_YOU_MEAN), list);
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
            return fl_usage_error("explore", U(FL_W_CMD_EXP_THROUGH_NO_NODE), spec, node,
                                  hint(&sg, buf, sizeof(buf)));
        }
        const fl_node *nd = &s->nodes[k];
        if (nd->outcome != FL_OUTCOME_NONE)
            return fl_usage_error("explore", U(FL_W_CMD_EXP_THROUGH_ENDING), spec, node);
        if (!strcmp(what, "timeout")) {
            if (nd->timeout < 0)
                return fl_usage_error("explore", U(FL_W_CMD_EXP_THROUGH_NO_TIMEOUT), spec, node);
            *out = (through_reply){k, -1, ""};
            snprintf(out->name, sizeof(out->name), "%s:timeout", node);
            return 0;
        }
        char *end;
        errno = 0;
        unsigned long n = strtoul(what, &end, 10);
        if (end == what || *end || errno || what[0] == '-' || what[0] == '+' || n < 1 ||
            n > nd->n_replies) {
            char n_replies[64];
            return fl_usage_error(
                "explore", U(FL_W_CMD_EXP_THROUGH_BAD_N), spec, node,
                count(n_replies, sizeof(n_replies), nd->n_replies, FL_W_PL_REPLIES), nd->n_replies);
        }
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
    return fl_usage_error("explore", U(FL_W_CMD_EXP_THROUGH_NO_ID), spec,
                          hint(&sg, buf, sizeof(buf)));
}

/* Writes why no complete path takes the reply (the plain search's facts first), in language
 * in_lang: the user's for the text report, English for the JSON. */
static void why_not(const fl_scenario *s, const fl_engine *eng, const fl_explore_result *res,
                    const fl_explore_opts *opts, const through_reply *t, int in_lang, char *buf,
                    size_t size)
{
    const fl_node *nd = &s->nodes[t->node];
    const fl_through_result *tr = &res->through;
    char m[48];
    int taken = t->reply < 0 ? res->timeout_taken[t->node]
                             : res->reply_taken[eng->reply_base[t->node] + (uint32_t)t->reply];
    if (t->reply < 0 && !eng->timed)
        snprintf(buf, size, "%s", fl_word(FL_W_CMD_EXP_WHY_UNTIMED, in_lang));
    else if (!taken && res->memory_exceeded)
        snprintf(buf, size, fl_word(FL_W_BD_EXP_WHY_MEMORY, in_lang),
                 mib(m, sizeof(m), opts->max_memory, in_lang));
    else if (!taken && res->states_exceeded)
        snprintf(buf, size, fl_word(FL_W_CMD_EXP_WHY_STATES, in_lang), opts->max_states);
    else if (!res->node_reached[t->node])
        snprintf(buf, size, fl_word(FL_W_CMD_EXP_WHY_NODE_UNREACHED, in_lang), nd->id);
    else if (!taken && t->reply < 0)
        snprintf(buf, size, fl_word(FL_W_CMD_EXP_WHY_NO_LIMIT, in_lang), nd->id);
    else if (!taken)
        snprintf(buf, size, "%s",
                 fl_word(nd->replies[t->reply].cond ? FL_W_CMD_EXP_WHY_CONDITION
                         : nd->free_text            ? FL_W_CMD_EXP_WHY_EARLIER_ROUTE
                                                    : FL_W_CMD_EXP_WHY_NEVER_OFFERED,
                         in_lang));
    else if (tr->memory_exceeded)
        snprintf(buf, size, fl_word(FL_W_BD_EXP_WHY_THROUGH_MEMORY, in_lang),
                 mib(m, sizeof(m), opts->max_memory, in_lang));
    else if (tr->states_exceeded)
        snprintf(buf, size, fl_word(FL_W_CMD_EXP_WHY_THROUGH_STATES, in_lang), opts->max_states);
    else if (tr->paths_cut) {
        char form[64];
        fl_plural(form, sizeof(form), in_lang, opts->max_turns, fl_word(FL_W_PL_REPLIES, in_lang));
        snprintf(buf, size, fl_word(FL_W_CMD_EXP_WHY_CUT, in_lang), opts->max_turns, form);
    } else
        snprintf(buf, size, "%s", fl_word(FL_W_CMD_EXP_WHY_LOOP, in_lang));
}

static void print_ranges(const int *dmin, const int *dmax)
{
    for (int d = 0; d < FL_DIM_COUNT; d++) {
        fputs("  ", stdout);
        print_padded(dim_name(d), lang() == FL_LANG_EN ? 15 : 16); /* «Скорость ответа» is 15 */
        if (dmax[d] < 0)
            printf(" %s\n", U(FL_W_PLAY_NOT_APPLICABLE));
        else
            printf(" %3d .. %3d\n", dmin[d], dmax[d]);
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
    json_object_set_new(
        o, "complete",
        json_boolean(!thr->states_exceeded && !thr->memory_exceeded && thr->paths_cut == 0));
    json_object_set_new(o, "states", json_integer((json_int_t)thr->states));
    json_object_set_new(o, "steps", json_integer(json_count(thr->steps)));
    json_object_set_new(o, "paths",
                        thr->paths > (uint64_t)INT64_MAX ? json_null()
                                                         : json_integer((json_int_t)thr->paths));
    json_object_set_new(o, "paths_cut", json_integer(json_count(thr->paths_cut)));
    json_object_set_new(o, "states_exceeded", json_boolean(thr->states_exceeded));
    json_object_set_new(o, "memory_exceeded", json_boolean(thr->memory_exceeded));
    json_object_set_new(o, "peak_memory", json_integer((json_int_t)thr->peak_bytes));
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
                            .pace_ms = FL_EXPLORE_DEFAULT_PACE_MS,
                            .max_memory = FL_EXPLORE_DEFAULT_MEMORY};
    const char *path = NULL, *script = NULL, *through_spec = NULL, *memory = NULL;
    int json = 0, untimed = 0, script_kind = -1;
    long long turns = opts.max_turns, states = (long long)opts.max_states;
    double pace = -1;
    const fl_option table[] = {
        FL_OPTION_LONG("--max-turns", FL_W_OPT_V_N, FL_W_OPTM_EXPLORE_MAX_TURNS, &turns, 1, 1000),
        FL_OPTION_LONG("--max-states", FL_W_OPT_V_N, FL_W_OPTM_EXPLORE_MAX_STATES, &states, 1,
                       1000000000),
        FL_OPTION_STRING("--max-memory", FL_W_OPTM_V_SIZE, FL_W_OPTM_EXPLORE_MAX_MEMORY, &memory),
        FL_OPTION_NUMBER("--pace", FL_W_OPTM_V_SECONDS, FL_W_OPTM_EXPLORE_PACE, &pace, 0, 3600),
        FL_OPTION_FLAG("--untimed", FL_W_OPTM_EXPLORE_UNTIMED, &untimed),
        FL_OPTION_CHOICE("--format", FL_W_OPTM_V_TEXT_JSON, FL_W_OPTM_EXPLORE_FORMAT, &json,
                         "text|json"),
        FL_OPTION_CHOICE("--script", FL_W_OPTM_V_BEST_WORST, FL_W_OPTM_EXPLORE_SCRIPT, &script_kind,
                         "best|worst"),
        FL_OPTION_STRING("--through", FL_W_OPTM_V_REPLY, FL_W_OPTM_EXPLORE_THROUGH, &through_spec),
        FL_OPTION_END,
    };
    const fl_command_spec spec = {.cmd = "explore",
                                  .opts = table,
                                  .usage = FL_W_OPTM_EXPLORE_USAGE,
                                  .more = FL_W_OPTM_EXPLORE_MORE,
                                  .column = 19,
                                  .max_operands = -1};
    char **operands = malloc(sizeof(*operands) * (size_t)(argc > 0 ? argc : 1));
    int n_operands = 0;
    if (!operands) {
        fprintf(stderr, U(FL_W_CMD_OOM), "explore");
        fputc('\n', stderr);
        return 1;
    }
    int rc = fl_opts_parse(&spec, argc, argv, operands, &n_operands);
    if (!rc && n_operands > 1)
        rc = fl_usage_error("explore", U(FL_W_CMD_ONE_SCENARIO), operands[0], operands[1]);
    path = n_operands ? operands[0] : NULL;
    free(operands);
    if (rc)
        return rc == 1 ? 0 : rc;
    if (!path)
        return fl_usage_error("explore", "%s", U(FL_W_CMD_EXP_NAME_SCENARIO));
    /* what the table cannot check: a size with its unit, a reply named */
    if (memory && parse_size(memory, &opts.max_memory) < 0)
        return fl_usage_error("explore", "%s", U(FL_W_BD_EXP_MAX_MEMORY));
    if (through_spec && !through_spec[0])
        return fl_usage_error("explore", "%s", U(FL_W_CMD_EXP_THROUGH_NEEDS));
    opts.timed = !untimed;
    opts.max_turns = (uint32_t)turns;
    opts.max_states = (size_t)states;
    if (pace >= 0)
        opts.pace_ms = (uint32_t)(pace * 1000 + 0.5);
    if (script_kind >= 0)
        script = script_kind == 0 ? "best" : "worst";

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
        fprintf(stderr, U(FL_W_CMD_OOM), "explore");
        fputc('\n', stderr);
        fl_scenario_free(s);
        return 1;
    }
    int asked_untimed = !opts.timed;
    opts.timed = eng.timed;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    rc = through_spec ? fl_explore_through(&eng, &opts, tr.node, tr.reply, &res)
                      : fl_explore(&eng, &opts, &res);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (rc < 0) {
        fprintf(stderr, "%s\n", U(FL_W_CMD_EXP_OOM_STATES));
        fl_engine_fini(&eng);
        fl_scenario_free(s);
        return 1;
    }
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    int complete = !res.states_exceeded && !res.memory_exceeded && res.paths_cut == 0;
    char bound[48];
    mib(bound, sizeof(bound), opts.max_memory, lang());
    int best = res.any_end ? res.best_score : -1;
    int status = best >= PASS_MARK ? 0 : 1; /* a path found is a fact even in a partial search */
    const fl_through_result *thr = &res.through;
    char why[512] = "", why_en[512] = "";
    if (through_spec) {
        status = thr->paths > 0 ? 0 : 1;
        if (!thr->paths) {
            why_not(s, &eng, &res, &opts, &tr, lang(), why, sizeof(why));
            why_not(s, &eng, &res, &opts, &tr, FL_LANG_EN, why_en, sizeof(why_en));
        }
    }

    if (script && through_spec) {
        if (!thr->paths) {
            fprintf(stderr, U(FL_W_CMD_EXP_NO_PATH_TAKES), path, tr.name, why);
            fputc('\n', stderr);
        } else if (!thr->have_paths && thr->memory_exceeded) {
            fprintf(stderr, U(FL_W_BD_EXP_THROUGH_STOPPED_MEMORY), path, tr.name, bound);
            fputc('\n', stderr);
            status = 1;
        } else if (!thr->have_paths) {
            fprintf(stderr, U(FL_W_CMD_EXP_THROUGH_STOPPED), path, tr.name, opts.max_states);
            fputc('\n', stderr);
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
            char n_replies[64];
            fprintf(stderr, U(FL_W_CMD_EXP_NO_ENDING), path,
                    count(n_replies, sizeof(n_replies), opts.max_turns, FL_W_PL_REPLIES));
            fputc('\n', stderr);
        } else if (!res.have_paths && res.memory_exceeded) {
            fprintf(stderr, U(FL_W_BD_EXP_STOPPED_MEMORY), path, bound);
            fputc('\n', stderr);
        } else if (!res.have_paths) {
            fprintf(stderr, U(FL_W_CMD_EXP_STOPPED), path, opts.max_states);
            fputc('\n', stderr);
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
        json_object_set_new(doc, "memory_exceeded", json_boolean(res.memory_exceeded));
        json_object_set_new(doc, "max_memory", json_integer((json_int_t)opts.max_memory));
        json_object_set_new(doc, "peak_memory", json_integer((json_int_t)res.peak_bytes));
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
            json_object_set_new(doc, "through", through_json(s, &res, &tr, why_en));
        json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', stdout);
        json_decref(doc);
    } else {
        char c1[96], c2[96], c3[96];
        printf("%s: %s\n", path, s->title);
        printf(U(opts.timed ? FL_W_CMD_EXP_SEARCH_TIMED : FL_W_CMD_EXP_SEARCH_UNTIMED),
               count(c1, sizeof(c1), opts.max_turns, FL_W_CMD_PL_REPLIES_UP_TO),
               count(c2, sizeof(c2), res.states, FL_W_CMD_PL_STATES),
               count(c3, sizeof(c3), res.steps, FL_W_CMD_PL_STEPS));
        if (res.paths == UINT64_MAX)
            fputs(U(FL_W_CMD_EXP_QUINTILLION), stdout);
        else
            fputs(count(c1, sizeof(c1), res.paths, FL_W_CMD_PL_COMPLETE_PATHS), stdout);
        snprintf(c2, sizeof(c2), "%.1f", ms);
        fl_decimal_comma(c2, lang());
        printf(U(FL_W_CMD_EXP_IN_MS), c2);
        putchar('\n');
        if (res.paths_cut) {
            printf(U(FL_W_CMD_EXP_WARN_CUT),
                   count(c1, sizeof(c1), res.paths_cut, FL_W_CMD_PL_PATHS_CUT), opts.max_turns);
            putchar('\n');
        }
        if (res.memory_exceeded) {
            printf(U(FL_W_BD_EXP_WARN_MEMORY), bound, res.states);
            putchar('\n');
        } else if (res.states_exceeded) {
            printf(U(FL_W_CMD_EXP_WARN_STATES), opts.max_states);
            putchar('\n');
        }
        if (through_spec) {
            const fl_node *nd = &s->nodes[tr.node];
            if (tr.reply >= 0)
                printf(U(FL_W_CMD_EXP_THROUGH_REPLY), tr.name, tr.reply + 1, nd->id,
                       nd->replies[tr.reply].pos.line);
            else
                printf(U(FL_W_CMD_EXP_THROUGH_TIMEOUT), tr.name, nd->id);
            if (thr->paths == UINT64_MAX)
                fputs(U(FL_W_CMD_EXP_QUINTILLION_TAKE), stdout);
            else
                printf(U(fl_plural_category(lang(), (long long)thr->paths) == FL_PLURAL_ONE
                             ? FL_W_CMD_EXP_TAKES_IT_ONE
                             : FL_W_CMD_EXP_TAKE_IT),
                       count(c1, sizeof(c1), thr->paths, FL_W_CMD_PL_COMPLETE_PATHS));
            printf(" (%s, %s)\n", count(c2, sizeof(c2), thr->states, FL_W_CMD_PL_STATES),
                   count(c3, sizeof(c3), thr->steps, FL_W_CMD_PL_STEPS));
            if (thr->paths_cut && !res.paths_cut) {
                printf(U(FL_W_CMD_EXP_WARN_THROUGH_CUT),
                       count(c1, sizeof(c1), thr->paths_cut, FL_W_CMD_PL_PATHS_CUT),
                       opts.max_turns);
                putchar('\n');
            }
            if (thr->memory_exceeded) {
                printf(U(FL_W_BD_EXP_WARN_THROUGH_MEMORY), bound);
                putchar('\n');
            } else if (thr->states_exceeded) {
                printf(U(FL_W_CMD_EXP_WARN_THROUGH_STATES), opts.max_states);
                putchar('\n');
            }
        }
        printf("\n%s\n", U(FL_W_CMD_EXP_ENDINGS));
        int width = 0, owidth = 10;
        for (uint32_t i = 0; i < s->n_nodes; i++)
            if (s->nodes[i].outcome != FL_OUTCOME_NONE && (int)strlen(s->nodes[i].id) > width)
                width = (int)strlen(s->nodes[i].id);
        for (uint32_t i = 0; i < s->n_nodes; i++) {
            const char *o = outcome_name(s->nodes[i].outcome);
            int chars = (int)fl_utf8_length(o, strlen(o));
            if (s->nodes[i].outcome != FL_OUTCOME_NONE && chars > owidth)
                owidth = chars;
        }
        for (uint32_t i = 0; i < s->n_nodes; i++) {
            const fl_node *nd = &s->nodes[i];
            if (nd->outcome == FL_OUTCOME_NONE)
                continue;
            printf("  %-*s  ", width, nd->id);
            print_padded(outcome_name(nd->outcome), owidth);
            printf(" %s%s\n",
                   U(res.node_reached[i] ? FL_W_CMD_EXP_REACHED : FL_W_CMD_EXP_NEVER_REACHED),
                   !through_spec || !res.node_reached[i] ? ""
                   : thr->end_reached[i]                 ? U(FL_W_CMD_EXP_ALSO_THROUGH)
                                                         : U(FL_W_CMD_EXP_NOT_THROUGH));
        }
        if (res.hung_up_paths) {
            printf(U(FL_W_CMD_EXP_HANGS_UP),
                   count(c1, sizeof(c1), res.hung_up_paths, FL_W_CMD_PL_PATHS_ON),
                   !through_spec  ? ""
                   : thr->hung_up ? U(FL_W_CMD_EXP_HANGS_UP_THROUGH)
                                  : U(FL_W_CMD_EXP_HANGS_UP_NOT_THROUGH));
            putchar('\n');
        }
        putchar('\n');
        if (through_spec) {
            if (!thr->paths) {
                printf(U(FL_W_CMD_EXP_NO_PATH_TAKES_TEXT), tr.name, why);
                putchar('\n');
            } else if (!thr->have_paths) {
                printf(U(FL_W_CMD_EXP_THROUGH_PARTIAL), thr->best_score, thr->worst_score);
                putchar('\n');
            } else {
                print_path(s,
                           U(thr->paths == 1 ? FL_W_CMD_EXP_ONLY_PATH_THROUGH
                                             : FL_W_CMD_EXP_BEST_PATH_THROUGH),
                           &thr->best, marked);
                if (thr->paths > 1)
                    print_path(s, U(FL_W_CMD_EXP_WORST_PATH_THROUGH), &thr->worst, marked);
                printf("\n%s\n", U(FL_W_CMD_EXP_RANGES_THROUGH));
                print_ranges(thr->dim_min, thr->dim_max);
            }
            if (res.any_end) {
                putchar('\n');
                printf(
                    U(res.have_paths ? FL_W_CMD_EXP_COMPARISON : FL_W_CMD_EXP_COMPARISON_PARTIAL),
                    res.best_score, res.worst_score);
                putchar('\n');
            }
        } else if (res.any_end && !res.have_paths) {
            printf(U(FL_W_CMD_EXP_PARTIAL), res.best_score, res.worst_score);
            putchar('\n');
        } else if (res.any_end) {
            print_path(s, U(FL_W_CMD_EXP_BEST_PATH), &res.best, NULL);
            print_path(s, U(FL_W_CMD_EXP_WORST_PATH), &res.worst, NULL);
            printf("\n%s\n", U(FL_W_CMD_EXP_RANGES));
            print_ranges(res.dim_min, res.dim_max);
        } else {
            printf(U(FL_W_CMD_EXP_NO_ENDING_TEXT),
                   count(c1, sizeof(c1), opts.max_turns, FL_W_PL_REPLIES));
            putchar('\n');
        }
        size_t dead = 0;
        for (uint32_t i = 0; i < s->n_nodes; i++) {
            const fl_node *nd = &s->nodes[i];
            for (uint32_t j = 0; j < nd->n_replies; j++) {
                if (res.reply_taken[eng.reply_base[i] + j])
                    continue;
                if (!dead++)
                    printf("\n%s\n", U(FL_W_CMD_EXP_DEAD_HEAD));
                printf("  %s:%u:%u: %s", path, nd->replies[j].pos.line, nd->replies[j].pos.column,
                       nd->replies[j].id);
                printf(" (%s)\n", U(!res.node_reached[i]  ? FL_W_CMD_EXP_DEAD_NODE
                                    : nd->replies[j].cond ? FL_W_CMD_EXP_DEAD_CONDITION
                                    : nd->free_text       ? FL_W_CMD_EXP_WHY_EARLIER_ROUTE
                                                          : FL_W_CMD_EXP_DEAD_NEVER_OFFERED));
            }
        }
        if (!dead)
            printf("\n%s\n", U(FL_W_CMD_EXP_ALL_TAKEN));
        if (!through_spec && best >= 0 && best < PASS_MARK) {
            putchar('\n');
            printf(U(FL_W_CMD_EXP_NONE_PASSES), PASS_MARK, best);
            putchar('\n');
        }
    }
    fl_explore_free(&res);
    fl_engine_fini(&eng);
    fl_scenario_free(s);
    return status;
}
