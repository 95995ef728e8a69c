/*
 * graph.c - `frontline graph SCENARIO`: draws a scenario as a Graphviz DOT graph, so a trainer
 * can see the conversation they wrote.
 *
 * One box per node (its id and the customer's first line, shortened; the start node bold, typed
 * nodes drawn as notes), one filled double octagon per ending coloured by its outcome, and one
 * edge per reply, route, fallback and timeout, labelled with what the reply does (signals, once,
 * conditions, gestures, offers, the route's first pattern) and coloured by whether it helps or
 * hurts. Everything comes out in file order, so the same file always gives the same graph.
 *
 * Writes only; it never runs Graphviz. Depends on the core's scenario model and libc.
 *
 * Exit status: 0 drawn, 1 the scenario does not load or the output cannot be written, 2 usage.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "scenario.h"
#include "utf8.h"

static const char help[] =
    "usage: frontline graph [--rankdir LR|TB|RL|BT] [-o FILE] SCENARIO\n"
    "\n"
    "Writes the scenario as a Graphviz DOT graph, to see at a glance what the conversation\n"
    "looks like:\n"
    "  - a box per node: its id and the customer's first line, shortened; the start node is\n"
    "    bold, and nodes where the trainee types a free-text reply are drawn as notes, \"typed\"\n"
    "  - a filled double octagon per ending, coloured by outcome: resolved green, partly gold,\n"
    "    escalated orange, lost red\n"
    "  - an arrow per reply, route and fallback, labelled with its signals and with \"once\",\n"
    "    \"if CONDITION\", the gesture and the offer it carries; a route also shows its first\n"
    "    pattern in quotes. Red arrows carry a negative signal (transfer, canned, familiar,\n"
    "    rude, jargon), green ones apology, empathy, ownership or resolve and nothing negative.\n"
    "  - a dashed arrow where the node times out\n"
    "\n"
    "  --rankdir DIR   layout direction: LR left to right (the default), TB top to bottom,\n"
    "                  RL, BT\n"
    "  -o, --output FILE\n"
    "                  write the graph to FILE instead of standard output\n"
    "\n"
    "Render it with Graphviz (apt-get install graphviz), for example:\n"
    "  frontline graph x.xml | dot -Tsvg > x.svg\n"
    "\n"
    "A scenario with errors is not drawn: its diagnostics are printed as lint prints them.\n"
    "Exit status: 0 drawn, 1 the scenario has errors or the output cannot be written,\n"
    "2 usage error.\n";

/* How many characters (code points) of the customer's first line a node shows. */
#define LINE_CHARS 40

/* Signals that cost points (red edges) and that earn them (green edges). */
#define NEGATIVE_SIGNALS                                                                           \
    (FL_SIG_TRANSFER | FL_SIG_CANNED | FL_SIG_FAMILIAR | FL_SIG_RUDE | FL_SIG_JARGON)
#define POSITIVE_SIGNALS (FL_SIG_APOLOGY | FL_SIG_EMPATHY | FL_SIG_OWNERSHIP | FL_SIG_RESOLVE)

/* Returns 1 when p (just after an '&') reads as an HTML entity ("amp;", "#233;", "#xE9;"),
 * which Graphviz would replace by the character it names. */
static int entity_follows(const char *p, const char *end)
{
    const char *q = p;
    if (q < end && *q == '#') {
        q++;
        if (q < end && (*q == 'x' || *q == 'X'))
            q++;
    }
    const char *name = q;
    while (q < end && q - p < 32 &&
           ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9')))
        q++;
    return q > name && q < end && *q == ';';
}

/*
 * Writes s[0..n) as the inside of a DOT double-quoted string whose text Graphviz shows as is:
 * backslash and double quote are escaped, line breaks become \n, and an '&' that starts an HTML
 * entity becomes &amp; (Graphviz decodes entities in labels). UTF-8 passes through unchanged.
 */
static void put_esc_n(FILE *out, const char *s, size_t n)
{
    const char *end = s + n;
    for (const char *p = s; p < end; p++) {
        switch (*p) {
        case '"':
            fputs("\\\"", out);
            break;
        case '\\':
            fputs("\\\\", out);
            break;
        case '\r':
            if (p + 1 < end && p[1] == '\n')
                p++;
            fputs("\\n", out);
            break;
        case '\n':
            fputs("\\n", out);
            break;
        case '&':
            fputs(entity_follows(p + 1, end) ? "&amp;" : "&", out);
            break;
        default:
            fputc(*p, out);
        }
    }
}

static void put_esc(FILE *out, const char *s)
{
    put_esc_n(out, s, strlen(s));
}

/* Writes s as a complete DOT double-quoted string. */
static void put_quoted(FILE *out, const char *s)
{
    fputc('"', out);
    put_esc(out, s);
    fputc('"', out);
}

/* Writes the first LINE_CHARS characters of the UTF-8 text s, escaped, cut on a character
 * boundary and followed by "…" when something was cut. */
static void put_shortened(FILE *out, const char *s)
{
    size_t i = fl_utf8_prefix(s, LINE_CHARS);
    if (!s[i]) {
        put_esc(out, s);
        return;
    }
    size_t keep = i;
    while (keep > 0 && s[keep - 1] == ' ')
        keep--;
    put_esc_n(out, s, keep);
    fputs("\xE2\x80\xA6", out); /* U+2026 HORIZONTAL ELLIPSIS */
}

/* Writes the names of the signal bits, space-separated, in bit order. Returns how many. */
static int put_signals(FILE *out, uint32_t signals)
{
    int n = 0;
    for (int b = 0; b < FL_SIGNAL_COUNT; b++) {
        if (signals & (1u << b)) {
            if (n++)
                fputc(' ', out);
            put_esc(out, fl_signal_names[b]);
        }
    }
    return n;
}

static const char *outcome_fill(fl_outcome o)
{
    switch (o) {
    case FL_OUTCOME_RESOLVED:
        return "palegreen";
    case FL_OUTCOME_PARTLY:
        return "gold";
    case FL_OUTCOME_ESCALATED:
        return "orange";
    case FL_OUTCOME_LOST:
        return "indianred1";
    case FL_OUTCOME_NONE:
        break;
    }
    return "white";
}

static void put_node(FILE *out, const fl_scenario *s, int32_t index)
{
    const fl_node *n = &s->nodes[index];
    int ending = n->outcome != FL_OUTCOME_NONE;
    fputs("    ", out);
    put_quoted(out, n->id);
    fputs(" [label=\"", out);
    put_esc(out, n->id);
    if (index == s->start)
        fputs(" (start)", out);
    if (ending) {
        fputs("\\n", out);
        put_esc(out, fl_outcome_name(n->outcome));
    }
    if (n->n_lines > 0) {
        fputs("\\n", out);
        put_shortened(out, n->lines[0].text);
    }
    if (n->free_text)
        fputs("\\n[typed]", out);
    fputc('"', out);
    if (n->n_lines > 0) {
        fputs(", tooltip=", out);
        put_quoted(out, n->lines[0].text);
    }
    if (ending)
        fprintf(out, ", shape=doubleoctagon, fillcolor=%s", outcome_fill(n->outcome));
    else if (n->free_text)
        fputs(", shape=note", out);
    if (ending && index == s->start)
        fputs(", style=\"filled,bold\", penwidth=2", out);
    else if (ending)
        fputs(", style=filled", out);
    else if (index == s->start)
        fputs(", style=bold, penwidth=2", out);
    fputs("];\n", out);
}

/* Starts a new line of an edge label: nothing before the first part, "\n" before the others. */
static void label_break(FILE *out, int *parts)
{
    if ((*parts)++)
        fputs("\\n", out);
}

static void put_reply_edge(FILE *out, const fl_scenario *s, const fl_node *from, const fl_reply *r)
{
    int parts = 0;
    fputs("    ", out);
    put_quoted(out, from->id);
    fputs(" -> ", out);
    put_quoted(out, s->nodes[r->target].id);
    fputs(" [label=\"", out);
    if (r->kind == FL_REPLY_ROUTE && r->n_patterns > 0) {
        const fl_pattern *p = &r->patterns[0];
        label_break(out, &parts);
        fputs("\\\"", out);
        for (uint32_t w = 0; w < p->n_words; w++) {
            if (w)
                fputc(' ', out);
            put_esc(out, p->words[w]);
        }
        fputs("\\\"", out);
    } else if (r->kind == FL_REPLY_FALLBACK) {
        label_break(out, &parts);
        fputs("fallback", out);
    }
    if (r->signals) {
        label_break(out, &parts);
        put_signals(out, r->signals);
    }
    if (r->once) {
        label_break(out, &parts);
        fputs("once", out);
    }
    if (r->cond_src) {
        label_break(out, &parts);
        fputs("if ", out);
        put_esc(out, r->cond_src);
    }
    if (r->gesture) {
        label_break(out, &parts);
        fprintf(out, "gesture %ld", (long)r->gesture);
        if (s->goodwill_unit) {
            fputc(' ', out);
            put_esc(out, s->goodwill_unit);
        }
    }
    if (r->offer >= 0) {
        label_break(out, &parts);
        fputs("offer ", out);
        put_esc(out, s->offers[r->offer].id);
    }
    fputc('"', out);
    if (r->text) {
        fputs(", tooltip=", out);
        put_quoted(out, r->text);
    }
    if (r->signals & NEGATIVE_SIGNALS)
        fputs(", color=red3, fontcolor=red3", out);
    else if (r->signals & POSITIVE_SIGNALS)
        fputs(", color=green4, fontcolor=green4", out);
    fputs("];\n", out);
}

static void put_timeout_edge(FILE *out, const fl_scenario *s, const fl_node *from)
{
    int32_t seconds = from->reply_seconds ? from->reply_seconds : s->reply_seconds;
    fputs("    ", out);
    put_quoted(out, from->id);
    fputs(" -> ", out);
    put_quoted(out, s->nodes[from->timeout].id);
    if (seconds > 0)
        fprintf(out, " [label=\"timeout\\n%ld s\"", (long)seconds);
    else
        fputs(" [label=\"timeout\"", out);
    fputs(", style=dashed, color=gray40, fontcolor=gray40];\n", out);
}

/* Writes the whole graph of s to out. */
static void put_graph(FILE *out, const fl_scenario *s, const char *rankdir)
{
    fputs("digraph ", out);
    put_quoted(out, s->id);
    fputs(" {\n", out);
    fprintf(out, "    charset=\"UTF-8\";\n    rankdir=%s;\n", rankdir);
    fputs("    label=", out);
    put_quoted(out, s->title ? s->title : s->id);
    fputs(";\n    labelloc=t;\n    fontsize=18;\n", out);
    fputs("    node [shape=box, fontsize=11];\n    edge [fontsize=9];\n\n", out);
    for (uint32_t i = 0; i < s->n_nodes; i++)
        put_node(out, s, (int32_t)i);
    for (uint32_t i = 0; i < s->n_nodes; i++) {
        const fl_node *n = &s->nodes[i];
        if (n->n_replies > 0 || n->timeout >= 0)
            fputc('\n', out);
        for (uint32_t r = 0; r < n->n_replies; r++)
            put_reply_edge(out, s, n, &n->replies[r]);
        if (n->timeout >= 0)
            put_timeout_edge(out, s, n);
    }
    fputs("}\n", out);
}

/* Prints the loader's diagnostics to stderr the way lint prints them. */
int fl_cmd_graph(int argc, char **argv)
{
    const char *rankdir = "LR", *output = NULL, *path = NULL;
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(help, stdout);
            return 0;
        } else if (!strcmp(a, "--rankdir") || !strncmp(a, "--rankdir=", 10)) {
            const char *v = a[9] == '=' ? a + 10 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v)
                return fl_usage_error("graph", "--rankdir needs a value: LR, TB, RL or BT");
            if (strcmp(v, "LR") && strcmp(v, "TB") && strcmp(v, "RL") && strcmp(v, "BT"))
                return fl_usage_error("graph", "unknown rankdir '%s' (use LR, TB, RL or BT)", v);
            rankdir = v;
        } else if (!strcmp(a, "-o") || !strcmp(a, "--output") || !strncmp(a, "--output=", 9)) {
            const char *v = a[1] == '-' && a[8] == '=' ? a + 9 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v || !*v)
                return fl_usage_error("graph", "%s needs a file name", a);
            output = v;
        } else if (!strcmp(a, "--")) {
            i++;
            break;
        } else if (a[0] == '-' && a[1]) {
            return fl_usage_error("graph", "unknown option '%s'", a);
        } else if (path) {
            return fl_usage_error("graph", "draws one scenario at a time: '%s' and '%s'", path, a);
        } else {
            path = a;
        }
    }
    for (; i < argc; i++) {
        if (path)
            return fl_usage_error("graph", "draws one scenario at a time: '%s' and '%s'", path,
                                  argv[i]);
        path = argv[i];
    }
    if (!path)
        return fl_usage_error("graph", "name the scenario file to draw");

    int status = 1;
    fl_scenario *s = NULL;
    FILE *out = stdout;
    if (fl_load_reporting(path, &s) != 0)
        goto out;

    if (output) {
        out = fopen(output, "w");
        if (!out) {
            fprintf(stderr, "frontline graph: cannot write '%s': %s\n", output, strerror(errno));
            out = stdout;
            goto out;
        }
    }
    put_graph(out, s, rankdir);
    if (fflush(out) != 0 || ferror(out)) {
        fprintf(stderr, "frontline graph: cannot write '%s': %s\n",
                output ? output : "standard output", strerror(errno));
        goto out;
    }
    status = 0;
out:
    if (out != stdout && fclose(out) != 0 && status == 0) {
        fprintf(stderr, "frontline graph: cannot write '%s': %s\n", output, strerror(errno));
        status = 1;
    }
    fl_scenario_free(s);
    return status;
}
