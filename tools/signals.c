/*
 * signals.c - `frontline signals`: what the lexicon finds in a typed reply, and which words
 * triggered each signal, so a trainer can see why a reply scored as it did and a lexicon editor
 * can test a change on many replies at once.
 *
 * With TEXT it explains that one reply; without, it reads replies from standard input, one per
 * line, and writes one tab-separated line each as soon as it is read (a pipe or another program
 * can drive it line by line). `--scenario FILE` adds the scenario's offers (naming one is an
 * upsell) and its language. `--node ID` also explains, for each phrase, which route of that
 * <input> node it takes and why (route.h's fl_route_explain): a trainer tries the phrases a
 * trainee might type without playing the scenario (`< phrases.txt`), in the user's language.
 *
 * Exit status: 0 done, 1 the scenario does not load or input cannot be read, 2 usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "catalogue.h"
#include "lexicon.h"
#include "opts.h"
#include "route.h"
#include "scenario.h"
#include "vec.h"

/* --help: the option table in fl_cmd_signals and its words in catalogue_opts_misc.def */

typedef struct {
    const char *lang;
    const char *scenario;
    const char *node; /* --node: the <input> node whose routes to explain */
    int tsv;          /* --node --tsv: one line per phrase */
} options;

/* What explaining a phrase needs. */
typedef struct {
    fl_lexicon *lx;
    const fl_scenario *s;
    const fl_node *node; /* NULL: signals only */
    int tsv;
    int ui; /* the language the command speaks (FL_LANG_*) */
} context;

/* Writes s[0..n) with tabs, line breaks and other control characters as spaces. */
static void put_clean(FILE *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        fputc(c < 0x20 || c == 0x7F ? ' ' : c, out);
    }
}

static const char *signal_name(uint32_t bit)
{
    int b = 0;
    while (b < FL_SIGNAL_COUNT && bit != 1u << b)
        b++;
    return fl_signal_name(b);
}

/* Prints the explanation of text: a line per signal (lines = 1) or `sig[a, b] sig2[c]`. */
static void print_explained(FILE *out, const fl_explanation *e, const char *text, int lines)
{
    if (lines && !e->n) {
        fprintf(out, "%s\n", fl_word(FL_W_RT_NO_SIGNALS_LINE, fl_user_lang()));
        return;
    }
    for (size_t i = 0; i < e->n; i++) {
        const fl_trigger *t = &e->triggers[i];
        int first = i == 0 || e->triggers[i - 1].signal != t->signal;
        int last = i + 1 == e->n || e->triggers[i + 1].signal != t->signal;
        if (first && lines)
            fprintf(out, "%-10s ", signal_name(t->signal));
        else if (first)
            fprintf(out, "%s%s[", i ? " " : "", signal_name(t->signal));
        else
            fputs(", ", out);
        put_clean(out, text + t->start, t->end - t->start);
        if (last)
            fputs(lines ? "\n" : "]", out);
    }
}

/* ---- --node: which route a phrase takes ------------------------------------------------- */

/* s[0..n) as a malloc'd, NUL-terminated string with control characters as spaces; NULL when
 * out of memory. */
static char *clean_dup(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (!d)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        d[i] = c < 0x20 || c == 0x7F ? ' ' : (char)c;
    }
    d[n] = '\0';
    return d;
}

/* Prints s[0..n) quoted as the user's language quotes ("..." or «...»). */
static void put_quoted(const context *c, const char *s, size_t n)
{
    char *q = clean_dup(s, n);
    if (q)
        printf(fl_word(FL_W_RT_QUOTE, c->ui), q);
    free(q);
}

/* The pattern words and the typed words that matched them, in the catalogue format `word`
 * ("words: %s"): `words: извините = «Извините», завтра = «завтра»`. The list is printed in
 * place of the %s, so no length limits it. */
static void put_hits(const context *c, int word, const fl_reply *r, const fl_route_hit *h, size_t n,
                     const char *text)
{
    const char *f = fl_word(word, c->ui);
    const char *pct = strstr(f, "%s");
    fwrite(f, 1, pct ? (size_t)(pct - f) : strlen(f), stdout);
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputs(", ", stdout);
        put_clean(stdout, r->match_src + h[i].pat_start, h[i].pat_end - h[i].pat_start);
        fputs(" = ", stdout);
        put_quoted(c, text + h[i].text_start, h[i].text_end - h[i].text_start);
    }
    if (pct)
        fputs(pct + 2, stdout);
}

/* Prints a catalogue format taking one string, the text s[0..n). */
static void put_word_span(const context *c, int word, const char *s, size_t n)
{
    char *v = clean_dup(s, n);
    if (v)
        printf(fl_word(word, c->ui), v);
    free(v);
}

/* What follows a route's "line → target": its declared signals, its condition. */
static void put_route_notes(const context *c, const fl_reply *r, int signals)
{
    if (signals && r->signals) {
        char names[256];
        size_t o = 0;
        names[0] = '\0';
        for (int b = 0; b < FL_SIGNAL_COUNT; b++)
            if (r->signals & (1u << b))
                o += (size_t)snprintf(names + o, o < sizeof(names) ? sizeof(names) - o : 0, "%s%s",
                                      o ? " " : "", fl_signal_name(b));
        printf(fl_word(FL_W_RT_DECLARES, c->ui), names);
    }
    if (r->cond_src)
        printf(fl_word(FL_W_RT_IF, c->ui), r->cond_src);
}

static const char *target_id(const context *c, const fl_reply *r)
{
    return r->target >= 0 ? c->s->nodes[r->target].id : "?";
}

/* A route that did not take the phrase: what it missed, and what it found. */
static void put_missed(const context *c, const fl_reply *r, const fl_route_why *why,
                       const char *text)
{
    fputs("  ", stdout);
    printf(fl_word(FL_W_RT_ROUTE, c->ui), (unsigned)r->pos.line, target_id(c, r));
    put_route_notes(c, r, 0);
    int several = r->n_patterns > 1;
    if (several && !why->n_hits) { /* "sorry | apologise | apology": nothing to list */
        fputs(fl_word(FL_W_RT_MISSING_ALL, c->ui), stdout);
        fputc('\n', stdout);
        return;
    }
    size_t len = 1;
    for (size_t i = 0; i < why->n_missing; i++)
        len += why->missing[i].end - why->missing[i].start + 2;
    char *miss = malloc(len);
    if (miss) {
        size_t o = 0;
        for (size_t i = 0; i < why->n_missing; i++) {
            if (i) {
                memcpy(miss + o, ", ", 2);
                o += 2;
            }
            size_t k = why->missing[i].end - why->missing[i].start;
            memcpy(miss + o, r->match_src + why->missing[i].start, k);
            o += k;
        }
        put_word_span(c, FL_W_RT_MISSING, miss, o);
        free(miss);
    }
    fputc('\n', stdout);
    if (!why->n_hits)
        return;
    fputs("      ", stdout);
    if (several) {
        const fl_pattern *alt = &r->patterns[why->alt];
        put_word_span(c, FL_W_RT_CLOSEST, alt->src + alt->start, alt->end - alt->start);
        fputs("; ", stdout);
    }
    put_hits(c, FL_W_RT_FOUND, r, why->hits, why->n_hits, text);
    fputc('\n', stdout);
}

/* The reply taken: its line and target, and why. */
static void put_taken(const context *c, const fl_route_explanation *rx, const char *text)
{
    fputs("  ", stdout);
    if (rx->chosen < 0) {
        fputs(fl_word(FL_W_RT_TAKES_NOTHING, c->ui), stdout);
        fputc('\n', stdout);
        return;
    }
    const fl_reply *r = &c->node->replies[rx->chosen];
    if (r->kind == FL_REPLY_FALLBACK) {
        printf(fl_word(FL_W_RT_TAKES_FALLBACK, c->ui), (unsigned)r->pos.line, target_id(c, r));
        fputc('\n', stdout);
        return;
    }
    const fl_route_why *why = &rx->why[rx->chosen];
    printf(fl_word(FL_W_RT_TAKES_ROUTE, c->ui), (unsigned)r->pos.line, target_id(c, r));
    put_route_notes(c, r, 1);
    fputs("\n      ", stdout);
    const fl_pattern *alt = &r->patterns[why->alt];
    put_word_span(c, FL_W_RT_MATCHED, alt->src + alt->start, alt->end - alt->start);
    if (why->n_hits) {
        fputs("\n      ", stdout);
        put_hits(c, FL_W_RT_WORDS, r, why->hits, why->n_hits, text);
    }
    fputc('\n', stdout);
}

/* The signals the lexicon finds, `sig[a, b] sig2[c]`, or "none". */
static void put_signals_line(const context *c, const fl_explanation *e, const char *text)
{
    const char *f = fl_word(FL_W_RT_SIGNALS, c->ui);
    const char *pct = strstr(f, "%s");
    fputs("  ", stdout);
    fwrite(f, 1, pct ? (size_t)(pct - f) : strlen(f), stdout);
    if (e->n)
        print_explained(stdout, e, text, 0);
    else
        fputs(fl_word(FL_W_RT_NO_SIGNALS, c->ui), stdout);
    if (pct)
        fputs(pct + 2, stdout);
    fputc('\n', stdout);
}

/* The phrase's block (or TSV line) for --node. */
static void print_routed(const context *c, const char *text, size_t len,
                         const fl_route_explanation *rx, const fl_explanation *e)
{
    if (c->tsv) {
        const fl_reply *r = rx->chosen >= 0 ? &c->node->replies[rx->chosen] : NULL;
        put_clean(stdout, text, len);
        printf("\t%s\t%s\t", r ? r->id : "-", r ? target_id(c, r) : "-");
        print_explained(stdout, e, text, 0);
        fputc('\n', stdout);
        return;
    }
    fputs("> ", stdout);
    put_clean(stdout, text, len);
    fputc('\n', stdout);
    put_taken(c, rx, text);
    uint32_t upto = rx->chosen >= 0 ? (uint32_t)rx->chosen : c->node->n_replies;
    for (uint32_t i = 0; i < upto; i++)
        if (c->node->replies[i].kind == FL_REPLY_ROUTE && !rx->why[i].matched)
            put_missed(c, &c->node->replies[i], &rx->why[i], text);
    put_signals_line(c, e, text);
    fputc('\n', stdout);
}

/* Explains one phrase and prints it. Returns 0, or -1 when out of memory. */
static int explain_phrase(const context *c, const char *text, size_t len, int lines)
{
    fl_words w = {0};
    fl_explanation e = {0};
    fl_route_explanation rx = {0};
    const fl_offer *offers = c->s ? c->s->offers : NULL;
    uint32_t n_offers = c->s ? c->s->n_offers : 0;
    int rc = fl_lexicon_words(c->lx, text, len, &w);
    if (rc == 0)
        rc = fl_lexicon_explain_words(c->lx, &w, offers, n_offers, &e);
    if (rc == 0 && c->node)
        rc = fl_route_explain(c->lx, c->node, &w, &rx);
    if (rc == 0) {
        if (c->node) {
            print_routed(c, text, len, &rx, &e);
        } else if (lines) {
            print_explained(stdout, &e, text, 1);
        } else {
            put_clean(stdout, text, len);
            fputc('\t', stdout);
            print_explained(stdout, &e, text, 0);
            fputc('\n', stdout);
        }
        fflush(stdout);
    }
    fl_route_explanation_free(&rx);
    fl_explanation_free(&e);
    fl_words_free(&w);
    return rc < 0 ? -1 : 0;
}

/* The longest phrase read from standard input: a typed reply is a sentence or a few, and a line
 * with no end (a binary file, `yes | tr -d '\n'`) must not take all the memory there is. */
#define MAX_PHRASE (64u * 1024)

/*
 * Reads one line of standard input into *line (grown as needed, at most MAX_PHRASE bytes kept,
 * without its line break). A longer line is read to its end and dropped: *too_long is set and
 * *len is 0. Returns 1 for a line, 0 at the end of input (or an error: ferror tells).
 */
static int read_phrase(char **line, size_t *cap, size_t *len, int *too_long)
{
    size_t n = 0;
    int c = EOF, any = 0;
    *too_long = 0;
    while ((c = getc_unlocked(stdin)) != EOF) {
        any = 1;
        if (c == '\n')
            break;
        if (n >= MAX_PHRASE) {
            *too_long = 1;
            continue; /* read on to the line's end, keep nothing */
        }
        if (FL_GROW(*line, *cap, n + 2)) /* this byte and the NUL */
            return -1;
        (*line)[n++] = (char)c;
    }
    if (!any)
        return 0;
    *len = *too_long ? 0 : n;
    return 1;
}

static int explain_stdin(const context *c)
{
    char *line = NULL;
    size_t cap = 0, len = 0, lineno = 0;
    int rc = 0, too_long = 0, r;
    while ((r = read_phrase(&line, &cap, &len, &too_long)) > 0) {
        lineno++;
        if (too_long) { /* said, and the status says so; the other lines are still answered */
            fprintf(stderr, "frontline signals: ");
            fprintf(stderr, fl_word(FL_W_BD_SIG_LINE_TOO_LONG, c->ui), lineno,
                    (size_t)MAX_PHRASE / 1024);
            fputc('\n', stderr);
            if (!c->node)
                putchar('\n'); /* the plain mode answers every line with one line */
            fflush(stdout);
            rc = 1;
            continue;
        }
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        /* a list of phrases may have blank lines and comments; the plain mode answers every
         * line, so a program driving it gets one line back for each it sends */
        if (c->node) {
            size_t k = 0;
            while (k < len && (line[k] == ' ' || line[k] == '\t'))
                k++;
            if (k == len || line[k] == '#')
                continue;
        }
        if (explain_phrase(c, line ? line : "", len, 0) < 0) {
            r = -1;
            break;
        }
    }
    if (r < 0) {
        fprintf(stderr, "frontline signals: %s\n", fl_word(FL_W_RT_OOM, c->ui));
        rc = 1;
    } else if (ferror(stdin)) {
        fprintf(stderr, "frontline signals: %s\n", fl_word(FL_W_RT_CANNOT_READ, c->ui));
        rc = 1;
    }
    free(line);
    return rc;
}

/* Finds the <input> node named id, or says why not (usage error). Returns 0 with *out set, or
 * the exit status 2. */
static int find_input_node(const fl_scenario *s, const char *id, int ui, const fl_node **out)
{
    int32_t k = fl_scenario_find_node(s, id);
    if (k < 0) {
        const char *best = NULL;
        size_t best_d = strlen(id) <= 3 ? 2 : 3;
        for (uint32_t i = 0; i < s->n_nodes; i++) {
            size_t d = fl_edit_distance(id, s->nodes[i].id);
            if (d < best_d) {
                best_d = d;
                best = s->nodes[i].id;
            }
        }
        return fl_usage_error("signals", fl_word(best ? FL_W_RT_NO_NODE_MEAN : FL_W_RT_NO_NODE, ui),
                              id, best);
    }
    if (!s->nodes[k].free_text) {
        size_t len = 1;
        for (uint32_t i = 0; i < s->n_nodes; i++)
            if (s->nodes[i].free_text)
                len += strlen(s->nodes[i].id) + 2;
        char *list = malloc(len);
        if (!list)
            return fl_usage_error("signals", "%s", fl_word(FL_W_RT_OOM, ui));
        size_t o = 0;
        list[0] = '\0';
        for (uint32_t i = 0; i < s->n_nodes; i++)
            if (s->nodes[i].free_text)
                o += (size_t)sprintf(list + o, "%s%s", o ? ", " : "", s->nodes[i].id);
        int rc = o ? fl_usage_error("signals", fl_word(FL_W_RT_NOT_INPUT, ui), id, list)
                   : fl_usage_error("signals", fl_word(FL_W_RT_NO_INPUT_NODES, ui), id);
        free(list);
        return rc;
    }
    *out = &s->nodes[k];
    return 0;
}

/*
 * Where the reply begins: options are read up to the first word that is not one (or "--"),
 * and everything from there on is the reply, even words that look like options ("I want a
 * refund --now"). Returns its index in argv (argc: none), after "--" when that ends them.
 */
static int first_word(const fl_option *opts, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--") || a[0] != '-' || !a[1])
            return i;
        for (const fl_option *o = opts; o->kind != FL_OPT_END; o++)
            if (o->kind != FL_OPT_FLAG && !strcmp(o->name, a))
                i++; /* its value, whatever it looks like */
    }
    return argc;
}

int fl_cmd_signals(int argc, char **argv)
{
    options o = {NULL, NULL, NULL, 0};
    int ui = fl_user_lang(), lang = -1;
    const fl_option table[] = {
        FL_OPTION_CHOICE("--lang", FL_W_OPT_RPT_MV_LANG, FL_W_OPTM_SIGNALS_LANG, &lang, "en|ru"),
        FL_OPTION_STRING("--scenario", FL_W_OPT_V_FILE, FL_W_OPTM_SIGNALS_SCENARIO, &o.scenario),
        FL_OPTION_STRING("--node", FL_W_OPT_V_ID, FL_W_OPTM_SIGNALS_NODE, &o.node),
        FL_OPTION_FLAG("--tsv", FL_W_OPTM_SIGNALS_TSV, &o.tsv),
        FL_OPTION_END,
    };
    const fl_command_spec spec = {.cmd = "signals",
                                  .opts = table,
                                  .usage = FL_W_OPTM_SIGNALS_USAGE,
                                  .more = FL_W_OPTM_SIGNALS_MORE,
                                  .column = 21,
                                  .max_operands = 0};
    int first_text = first_word(table, argc, argv), n_operands = 0;
    int prc = fl_opts_parse(&spec, first_text, argv, NULL, &n_operands);
    if (prc)
        return prc == 1 ? 0 : prc;
    if (first_text < argc && !strcmp(argv[first_text], "--"))
        first_text++;
    if (lang >= 0)
        o.lang = lang ? "ru" : "en";
    if (o.scenario && !*o.scenario)
        return fl_usage_error("signals", "%s", fl_word(FL_W_RT_USAGE_SCENARIO, ui));
    if (o.node && !*o.node)
        return fl_usage_error("signals", "%s", fl_word(FL_W_RT_USAGE_NODE, ui));
    if (o.tsv && !o.node)
        return fl_usage_error("signals", "%s", fl_word(FL_W_RT_USAGE_TSV, ui));
    if (o.node && !o.scenario)
        return fl_usage_error("signals", "%s", fl_word(FL_W_RT_USAGE_NODE_SCENARIO, ui));
    if (!o.lang && !o.scenario)
        return fl_usage_error("signals", "%s", fl_word(FL_W_RT_USAGE_NAME_LANG, ui));
    fl_scenario *s = NULL;
    context c = {NULL, NULL, NULL, o.tsv, ui};
    if (o.scenario) {
        if (fl_load_reporting(o.scenario, &s) < 0)
            return 1;
        if (o.lang && strcmp(o.lang, s->lang)) {
            int rc = fl_usage_error("signals", fl_word(FL_W_RT_USAGE_LANG_MISMATCH, ui), s->lang,
                                    o.lang);
            fl_scenario_free(s);
            return rc;
        }
        o.lang = s->lang;
        c.s = s;
        if (o.node) {
            int rc = find_input_node(s, o.node, ui, &c.node);
            if (rc) {
                fl_scenario_free(s);
                return rc;
            }
        }
    }
    char err[256];
    if (fl_lexicon_builtin(&c.lx, o.lang, err, sizeof(err)) < 0) {
        fprintf(stderr, "frontline signals: %s\n", err);
        fl_scenario_free(s);
        return 1;
    }
    int rc = 0;
    if (first_text < argc) {
        size_t len = 0;
        for (int i = first_text; i < argc; i++)
            len += strlen(argv[i]) + 1;
        char *text = malloc(len + 1);
        if (text) {
            size_t n = 0;
            for (int i = first_text; i < argc; i++) {
                size_t k = strlen(argv[i]);
                if (n)
                    text[n++] = ' ';
                memcpy(text + n, argv[i], k);
                n += k;
            }
            text[n] = '\0';
            rc = explain_phrase(&c, text, n, 1);
        }
        if (!text || rc < 0) {
            fprintf(stderr, "frontline signals: %s\n", fl_word(FL_W_RT_OOM, ui));
            rc = 1;
        }
        free(text);
    } else {
        rc = explain_stdin(&c);
    }
    fl_lexicon_free(c.lx);
    fl_scenario_free(s);
    return rc;
}
