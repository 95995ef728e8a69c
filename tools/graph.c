/*
 * graph.c - `frontline graph SCENARIO`: draws a scenario as a Graphviz graph, so a trainer can
 * see the conversation they wrote and what each reply does to the score, in one command.
 *
 * Top to bottom: one box per node (its id and the customer's usual line, wrapped and shortened;
 * the start node bold, typed nodes drawn as notes), one filled double octagon per ending coloured
 * by its outcome, and one arrow per reply, route, fallback and timeout, labelled with what the
 * reply does (signals, once, conditions, gestures, offers, the route's first pattern, the
 * trainer's note and better alternative in a few words) and coloured by what it costs or earns:
 * red a critical mistake, orange a cost, green what earns, grey the rest (graph_paint.c decides,
 * walking the conversation with the scoring engine). The whole texts are tooltips, which SVG
 * shows on hover. A legend names the colours and shapes in the user's language; everything else
 * comes out in file order, so the same file always gives the same graph.
 *
 * The text is Graphviz's DOT; --format svg|png (or -o x.svg, -o x.png) has Graphviz's dot draw
 * it (graph_render.c). A file is written beside its name and renamed into place only once
 * complete, so a failure never leaves half a picture. Depends on the core's scenario model,
 * engine and catalogue, and POSIX.
 *
 * Exit status: 0 drawn, 1 the scenario does not load, Graphviz is missing or failed, or the
 * output cannot be written, 2 usage.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalogue.h"
#include "commands.h"
#include "opts.h"
#include "engine.h"
#include "format.h"
#include "graph.h"
#include "scenario.h"
#include "utf8.h"

/* Characters (code points) a line of a label holds before it wraps, and the lines of the
 * customer's line a node shows. */
#define NODE_WIDTH 28
#define NODE_LINES 3
#define EDGE_WIDTH 26
#define EDGE_LINES 3
/* Characters of a note or a better alternative an arrow's label shows. */
#define NOTE_CHARS 30

/* How long Graphviz may take to lay the graph out before it is stopped (--timeout). */
#define DOT_MAX_SECONDS 120

/*
 * From this many nodes and endings on, a scenario is drawn for a quick layout. Graphviz's dot
 * lays an arrow that spans many ranks out as a chain of hidden nodes, one per rank, and the arrows
 * into a few endings from everywhere span the whole graph: on a generated scenario of 300 nodes
 * that is 180,000 hidden nodes and a minute of layout, on 1,000 nodes more than 3 GB. So in a big
 * scenario each arrow to an ending gets its own copy of the ending just below it, arrows are
 * straight lines, and dot's placement passes are limited: the 1,000-node scenario of
 * tests/graph/graph2.py then draws in seconds.
 */
#define BIG_NODES 100

#define ELLIPSIS "\xE2\x80\xA6" /* U+2026 HORIZONTAL ELLIPSIS */

/* The colours, in the DOT and in the legend. */
static const char *const edge_color[] = {
    [FL_PAINT_NEUTRAL] = "gray45",
    [FL_PAINT_EARNS] = "green4",
    [FL_PAINT_COSTS] = "darkorange2",
    [FL_PAINT_CRITICAL] = "red3",
};
static const char *const label_color[] = {
    [FL_PAINT_NEUTRAL] = "gray25",
    [FL_PAINT_EARNS] = "green4",
    [FL_PAINT_COSTS] = "darkorange3",
    [FL_PAINT_CRITICAL] = "red3",
};

typedef enum { FMT_DOT, FMT_SVG, FMT_PNG } out_format;
static const char *const format_names[] = {"dot", "svg", "png"};

/* What the writer needs besides the scenario. */
typedef struct {
    const fl_scenario *s;
    const fl_graph_paint *paint;
    int lang;
    int big;         /* a big scenario: endings drawn beside each arrow to them (put_target) */
    uint32_t copies; /* the endings' copies drawn so far */
} graph_ctx;

static const char *W(const graph_ctx *g, fl_word_id id)
{
    return fl_word(id, g->lang);
}

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

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Writes the UTF-8 text s escaped, wrapped at spaces into lines of at most width characters
 * (a longer word is cut), separated by \n. After max_lines lines the rest is left out and "…"
 * ends the last one. A no-break space does not wrap (an amount stays whole).
 */
static void put_wrapped(FILE *out, const char *s, size_t width, int max_lines)
{
    int line = 1;
    size_t col = 0;
    const char *p = s;
    for (;;) {
        while (is_space(*p))
            p++;
        if (!*p)
            return;
        const char *word = p;
        while (*p && !is_space(*p))
            p++;
        size_t bytes = (size_t)(p - word), chars = fl_utf8_length(word, bytes);
        if (col > 0 && col + 1 + chars > width) {
            if (++line > max_lines) {
                fputs(ELLIPSIS, out);
                return;
            }
            fputs("\\n", out);
            col = 0;
        } else if (col > 0) {
            fputc(' ', out);
            col++;
        }
        while (chars > width) { /* a word longer than a line: cut it */
            size_t cut = fl_utf8_prefix(word, width);
            put_esc_n(out, word, cut);
            word += cut;
            bytes -= cut;
            chars -= width;
            if (++line > max_lines) {
                fputs(ELLIPSIS, out);
                return;
            }
            fputs("\\n", out);
        }
        put_esc_n(out, word, bytes);
        col += chars;
    }
}

/* Writes into buf (size bytes) the first words of s, at most chars characters, followed by "…"
 * when something was left out. Returns buf. */
static char *first_words(char *buf, size_t size, const char *s, size_t chars)
{
    size_t k = 0, used = 0;
    const char *p = s;
    buf[0] = '\0';
    for (;;) {
        while (is_space(*p))
            p++;
        if (!*p)
            return buf;
        const char *word = p;
        while (*p && !is_space(*p))
            p++;
        size_t bytes = (size_t)(p - word), n = fl_utf8_length(word, bytes);
        if (used + (used ? 1 : 0) + n > chars || k + bytes + 8 > size) {
            if (used == 0) { /* one long word: its first characters */
                size_t cut = fl_utf8_prefix(word, chars);
                if (cut + 8 > size)
                    cut = 0;
                memcpy(buf, word, cut);
                k = cut;
            }
            memcpy(buf + k, ELLIPSIS, sizeof(ELLIPSIS));
            return buf;
        }
        if (used)
            buf[k++] = ' ';
        memcpy(buf + k, word, bytes);
        k += bytes;
        buf[k] = '\0';
        used += (used ? 1 : 0) + n;
    }
}

/* Writes the names of the signal bits, space-separated, in bit order, into buf. */
static char *signal_list(char *buf, size_t size, uint32_t signals)
{
    size_t k = 0;
    buf[0] = '\0';
    for (int b = 0; b < FL_SIGNAL_COUNT; b++) {
        if (!(signals & (1u << b)))
            continue;
        int n = snprintf(buf + k, size - k, "%s%s", k ? " " : "", fl_signal_names[b]);
        if (n < 0 || (size_t)n >= size - k)
            break;
        k += (size_t)n;
    }
    return buf;
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

/* The line a node is known by: the one shown when no condition holds (the first <say> without
 * "if"), else the last one. NULL when the node has none. */
static const fl_line *usual_line(const fl_node *n)
{
    for (uint32_t i = 0; i < n->n_lines; i++)
        if (!n->lines[i].cond)
            return &n->lines[i];
    return n->n_lines ? &n->lines[n->n_lines - 1] : NULL;
}

static void put_ending_shape(FILE *out, const fl_node *n)
{
    fprintf(out, ", shape=doubleoctagon, fillcolor=%s", outcome_fill(n->outcome));
}

static void put_node(FILE *out, const graph_ctx *g, int32_t index)
{
    const fl_scenario *s = g->s;
    const fl_node *n = &s->nodes[index];
    const fl_line *usual = usual_line(n);
    int ending = n->outcome != FL_OUTCOME_NONE;
    fputs("    ", out);
    put_quoted(out, n->id);
    fputs(" [label=\"", out);
    put_esc(out, n->id);
    if (index == s->start) {
        fputc(' ', out);
        put_esc(out, W(g, FL_W_GRAPH_START));
    }
    if (ending) {
        fputs("\\n", out);
        put_esc(out, W(g, fl_word_outcome(n->outcome)));
    }
    if (usual) {
        fputs("\\n", out);
        put_wrapped(out, usual->text, NODE_WIDTH, NODE_LINES);
    }
    if (n->free_text) {
        fputs("\\n", out);
        put_esc(out, W(g, FL_W_GRAPH_TYPED));
    }
    fputc('"', out);
    if (n->n_lines > 0) { /* every line, each with its condition */
        fputs(", tooltip=\"", out);
        for (uint32_t i = 0; i < n->n_lines; i++) {
            if (i)
                fputs("\\n", out);
            if (n->lines[i].cond_src) {
                char buf[1024];
                snprintf(buf, sizeof(buf), W(g, FL_W_GRAPH_IF), n->lines[i].cond_src);
                fputc('[', out);
                put_esc(out, buf);
                fputs("] ", out);
            }
            put_esc(out, n->lines[i].text);
        }
        fputc('"', out);
    }
    if (ending)
        put_ending_shape(out, n);
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

/*
 * Writes the node an arrow goes to. In a big scenario an ending is drawn again for each arrow
 * to it, as "ID#N" with the ending's id, outcome and colour: its statement first, on a line of
 * its own, then the start of the arrow's, so call this at the start of a line.
 */
static void put_arrow(FILE *out, graph_ctx *g, const fl_node *from, int32_t target)
{
    const fl_scenario *s = g->s;
    const fl_node *t = &s->nodes[target];
    char copy[64] = "";
    if (g->big && t->outcome != FL_OUTCOME_NONE && target != s->start) {
        snprintf(copy, sizeof(copy), "#%u", (unsigned)++g->copies);
        fputs("    \"", out);
        put_esc(out, t->id);
        fprintf(out, "%s\" [label=\"", copy);
        put_esc(out, t->id);
        fputs("\\n", out);
        put_esc(out, W(g, fl_word_outcome(t->outcome)));
        fputc('"', out);
        put_ending_shape(out, t);
        fputs(", style=filled];\n", out);
    }
    fputs("    ", out);
    put_quoted(out, from->id);
    fputs(" -> \"", out);
    put_esc(out, t->id);
    fprintf(out, "%s\"", copy);
}

/* Starts a new line of a label: nothing before the first part, "\n" before the others. */
static void label_break(FILE *out, int *parts)
{
    if ((*parts)++)
        fputs("\\n", out);
}

/* Writes one line of a label: the catalogue format fmt with the text arg, wrapped. */
static void label_line(FILE *out, int *parts, const char *fmt, const char *arg)
{
    char buf[1024];
    snprintf(buf, sizeof(buf), fmt, arg);
    label_break(out, parts);
    put_wrapped(out, buf, EDGE_WIDTH, EDGE_LINES);
}

/* Appends t[0..n) to buf (size bytes, *k used), cut on a character boundary when full. */
static void append(char *buf, size_t size, size_t *k, const char *t, size_t n)
{
    if (*k + n >= size) {
        n = size - 1 - *k;
        while (n > 0 && ((unsigned char)t[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(buf + *k, t, n);
    *k += n;
    buf[*k] = '\0';
}

/*
 * Writes a route's alternative p into buf as written in match="...", or its words when the text
 * is not known. With short set, a group of alternatives shows its first one only, "(sorry | …)",
 * so that a label shows the shape of a long pattern in a few words.
 */
static char *pattern_text(char *buf, size_t size, const fl_pattern *p, int short_groups)
{
    size_t k = 0;
    buf[0] = '\0';
    if (p->src && p->end > p->start) {
        uint32_t pos = p->start;
        for (uint32_t i = 0; short_groups && i < p->n_groups; i++) {
            const fl_pattern_group *gr = &p->groups[i];
            if (gr->start < pos || gr->end > p->end || gr->n_alts < 2)
                continue;
            const fl_pattern *first = &gr->alts[0];
            append(buf, size, &k, p->src + pos, gr->start - pos);
            append(buf, size, &k, "(", 1);
            append(buf, size, &k, p->src + first->start, first->end - first->start);
            append(buf, size, &k, " | " ELLIPSIS ")", strlen(" | " ELLIPSIS ")"));
            pos = gr->end;
        }
        append(buf, size, &k, p->src + pos, p->end - pos);
        return buf;
    }
    for (uint32_t w = 0; w < p->n_words; w++) {
        if (w)
            append(buf, size, &k, " ", 1);
        append(buf, size, &k, p->words[w], strlen(p->words[w]));
    }
    return buf;
}

/* Writes the label lines that say why an arrow is red or orange where its signals do not. */
static void put_reasons(FILE *out, const graph_ctx *g, int *parts, fl_paint paint, uint32_t why)
{
    if (paint < FL_PAINT_COSTS)
        return;
    static const struct {
        uint32_t bit;
        fl_word_id word;
    } reasons[] = {
        {FL_WHY_CRIT_REPLY, FL_W_GRAPH_WHY_CRITICAL_REPLY},
        {FL_WHY_OVER_BUDGET, FL_W_GRAPH_WHY_OVER_BUDGET},
        {FL_WHY_UPSELL_UNHAPPY, FL_W_GRAPH_WHY_UPSELL_UNHAPPY},
        {FL_WHY_UPSELL_EARLY, FL_W_GRAPH_WHY_UPSELL_EARLY},
        {FL_WHY_FAMILIAR_AGAIN, FL_W_GRAPH_WHY_FAMILIAR_AGAIN},
    };
    if (why & FL_WHY_UPSELL_UNHAPPY) /* the worse of the two says it */
        why &= ~(uint32_t)FL_WHY_UPSELL_EARLY;
    for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++) {
        if (!(why & reasons[i].bit))
            continue;
        label_break(out, parts);
        put_wrapped(out, W(g, reasons[i].word), EDGE_WIDTH, EDGE_LINES);
    }
}

/* Writes the arrow's tooltip: what the agent says (a route: its patterns), then the trainer's
 * note and the better alternative, whole. */
static void put_reply_tooltip(FILE *out, const graph_ctx *g, const fl_reply *r)
{
    int parts = 0;
    char buf[512];
    fputs(", tooltip=\"", out);
    if (r->text) {
        label_break(out, &parts);
        put_esc(out, r->text);
    } else if (r->kind == FL_REPLY_ROUTE && r->match_src) {
        label_break(out, &parts);
        put_esc(out, r->match_src);
    } else if (r->kind == FL_REPLY_ROUTE) {
        label_break(out, &parts);
        for (uint32_t i = 0; i < r->n_patterns; i++) {
            fputs(i ? " | " : "", out);
            put_esc(out, pattern_text(buf, sizeof(buf), &r->patterns[i], 0));
        }
    } else {
        label_break(out, &parts);
        put_esc(out, W(g, FL_W_GRAPH_FALLBACK));
    }
    if (r->note) {
        label_break(out, &parts);
        put_esc(out, W(g, FL_W_NOTE));
        fputs(": ", out);
        put_esc(out, r->note);
    }
    if (r->better) {
        label_break(out, &parts);
        put_esc(out, W(g, FL_W_BETTER));
        fputs(": ", out);
        put_esc(out, r->better);
    }
    fputc('"', out);
}

static void put_reply_edge(FILE *out, graph_ctx *g, const fl_node *from, uint32_t index)
{
    const fl_scenario *s = g->s;
    const fl_reply *r = &from->replies[index];
    uint32_t idx = g->paint->reply_base[from - s->nodes] + index;
    fl_paint paint = (fl_paint)g->paint->paint[idx];
    char buf[2048], words[1024];
    int parts = 0;
    put_arrow(out, g, from, r->target);
    fputs(" [label=\"", out);
    if (r->kind == FL_REPLY_ROUTE && r->n_patterns > 0) {
        snprintf(buf, sizeof(buf), "\"%s\"%s",
                 pattern_text(words, sizeof(words), &r->patterns[0], 1),
                 r->n_patterns > 1 ? " | " ELLIPSIS : "");
        label_break(out, &parts);
        put_wrapped(out, buf, EDGE_WIDTH, EDGE_LINES);
    } else if (r->kind == FL_REPLY_FALLBACK) {
        label_break(out, &parts);
        put_esc(out, W(g, FL_W_GRAPH_FALLBACK));
    }
    /* the gesture signal is said by the amount's line below */
    uint32_t signals = r->gesture ? r->signals & ~(uint32_t)FL_SIG_GESTURE : r->signals;
    if (signals) {
        label_break(out, &parts);
        put_wrapped(out, signal_list(buf, sizeof(buf), signals), EDGE_WIDTH, EDGE_LINES);
    }
    if (r->once) {
        label_break(out, &parts);
        put_esc(out, W(g, FL_W_GRAPH_ONCE));
    }
    if (r->cond_src)
        label_line(out, &parts, W(g, FL_W_GRAPH_IF), r->cond_src);
    if (r->gesture) {
        char money[64];
        fl_format_money(money, sizeof(money), g->lang, r->gesture, s->goodwill_unit);
        label_line(out, &parts, W(g, FL_W_GRAPH_GESTURE), money);
    }
    if (r->offer >= 0)
        label_line(out, &parts, W(g, FL_W_GRAPH_OFFER), s->offers[r->offer].id);
    put_reasons(out, g, &parts, paint, g->paint->why[idx]);
    if (r->note)
        label_line(out, &parts, W(g, FL_W_GRAPH_NOTE_SHORT),
                   first_words(words, sizeof(words), r->note, NOTE_CHARS));
    if (r->better)
        label_line(out, &parts, W(g, FL_W_GRAPH_BETTER_SHORT),
                   first_words(words, sizeof(words), r->better, NOTE_CHARS));
    fputc('"', out);
    put_reply_tooltip(out, g, r);
    fprintf(out, ", color=%s, fontcolor=%s", edge_color[paint], label_color[paint]);
    if (paint == FL_PAINT_CRITICAL)
        fputs(", penwidth=2", out);
    fputs("];\n", out);
}

static void put_timeout_edge(FILE *out, graph_ctx *g, const fl_node *from)
{
    const fl_scenario *s = g->s;
    int32_t seconds = from->reply_seconds ? from->reply_seconds : s->reply_seconds;
    fl_paint paint = g->paint->timeout_paint;
    put_arrow(out, g, from, from->timeout);
    fputs(" [label=\"", out);
    if (seconds > 0) {
        char buf[128];
        snprintf(buf, sizeof(buf), W(g, FL_W_GRAPH_TIMEOUT_AFTER), (int)seconds);
        put_esc(out, buf);
    } else {
        put_esc(out, W(g, FL_W_GRAPH_TIMEOUT));
    }
    fprintf(out, "\", style=dashed, color=%s, fontcolor=%s", edge_color[paint], label_color[paint]);
    if (paint == FL_PAINT_CRITICAL)
        fputs(", penwidth=2", out);
    fputs("];\n", out);
}

/* ---- The legend: an HTML-like table -------------------------------------------------------- */

/* Writes s escaped for an HTML-like label. */
static void put_html(FILE *out, const char *s)
{
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case '&':
            fputs("&amp;", out);
            break;
        case '<':
            fputs("&lt;", out);
            break;
        case '>':
            fputs("&gt;", out);
            break;
        case '"':
            fputs("&quot;", out);
            break;
        case '\n':
            fputs("<BR/>", out);
            break;
        default:
            fputc(*p, out);
        }
    }
}

/* The small-type list under a colour of the legend: items separated by commas, wrapped into
 * lines of about LEGEND_WIDTH characters; it opens on the first item. */
#define LEGEND_WIDTH 48
typedef struct {
    FILE *out;
    int n;
    size_t col;
} item_list;

static void item(item_list *l, const char *text)
{
    size_t chars = fl_utf8_length(text, strlen(text));
    if (l->n == 0) {
        fputs("<BR/><FONT POINT-SIZE=\"9\">", l->out);
    } else if (l->col + 2 + chars > LEGEND_WIDTH) {
        fputs(",<BR/>", l->out);
        l->col = 0;
    } else {
        fputs(", ", l->out);
        l->col += 2;
    }
    put_html(l->out, text);
    l->col += chars;
    l->n++;
}

static void items_signals(item_list *l, uint32_t signals)
{
    for (int b = 0; b < FL_SIGNAL_COUNT; b++)
        if (signals & (1u << b))
            item(l, fl_signal_names[b]);
}

/* Closes the list and its row. */
static void legend_row_end(item_list *l)
{
    if (l->n)
        fputs("</FONT>", l->out);
    fputs("</TD></TR>\n", l->out);
    l->n = 0;
    l->col = 0;
}

/* One row of colour: a bar in the colour, the meaning, and in small type what it covers here. */
static void legend_row_start(FILE *out, fl_paint paint, fl_word_id meaning, const graph_ctx *g)
{
    fprintf(out,
            "<TR><TD WIDTH=\"40\" HEIGHT=\"5\" FIXEDSIZE=\"TRUE\" CELLPADDING=\"0\" "
            "BGCOLOR=\"%s\"></TD>"
            "<TD ALIGN=\"LEFT\" BALIGN=\"LEFT\"><FONT COLOR=\"%s\">",
            edge_color[paint], label_color[paint]);
    put_html(out, W(g, meaning));
    fputs("</FONT>", out);
}

/*
 * Writes the legend node: what each colour of arrow means in this scenario (the critical
 * mistakes its rubric has, the costs, what earns), the timeout, the shapes and the endings'
 * colours, in the user's language. Its name cannot be a scenario id (ids start with a letter or
 * a digit).
 */
static void put_legend(FILE *out, const graph_ctx *g)
{
    const fl_scenario *s = g->s;
    /* what the scenario's replies carry: the lists name only what this picture can show */
    uint32_t used = 0;
    int gestures = 0, critical_replies = 0;
    for (uint32_t n = 0; n < s->n_nodes; n++)
        for (uint32_t i = 0; i < s->nodes[n].n_replies; i++) {
            const fl_reply *r = &s->nodes[n].replies[i];
            used |= r->signals;
            gestures |= r->gesture > 0;
            critical_replies |= r->critical;
        }
    uint32_t crit_signals = s->critical & 0xFFFFu & ~(uint32_t)FL_SIG_HANDOFF & used;
    uint32_t cost_signals = FL_GRAPH_COST_SIGNALS & ~crit_signals & used;
    int upsells = s->n_offers > 0 && (used & FL_SIG_UPSELL);
    int over_budget = s->goodwill_budget >= 0 && gestures;
    int familiar_twice = (used & FL_SIG_FAMILIAR) != 0;
    char money[64], buf[160];
    item_list l = {out, 0, 0};
    if (over_budget) {
        fl_format_money(money, sizeof(money), g->lang, s->goodwill_budget, s->goodwill_unit);
        snprintf(buf, sizeof(buf), W(g, FL_W_GRAPH_LEG_OVER_BUDGET), money);
    }

    fputs("    \"#legend\" [shape=plaintext, margin=0, label=<\n"
          "<TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLSPACING=\"1\" CELLPADDING=\"3\" "
          "COLOR=\"gray60\">\n<TR><TD COLSPAN=\"2\"><B>",
          out);
    put_html(out, W(g, FL_W_GRAPH_LEGEND));
    fputs("</B></TD></TR>\n<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">", out);
    put_html(out, W(g, FL_W_GRAPH_LEG_ARROWS));
    fputs("</TD></TR>\n", out);

    legend_row_start(out, FL_PAINT_CRITICAL, FL_W_GRAPH_LEG_CRITICAL, g);
    items_signals(&l, crit_signals);
    if (familiar_twice && (s->critical & FL_SIG_RUDE))
        item(&l, W(g, FL_W_GRAPH_LEG_FAMILIAR_AGAIN));
    if (critical_replies)
        item(&l, "critical=\"yes\"");
    if (over_budget && (s->critical & FL_CRIT_OVER_BUDGET))
        item(&l, buf);
    if (upsells && (s->critical & FL_CRIT_UPSELL_UNHAPPY))
        item(&l, W(g, FL_W_GRAPH_LEG_UPSELL_UNHAPPY));
    legend_row_end(&l);

    legend_row_start(out, FL_PAINT_COSTS, FL_W_GRAPH_LEG_COSTS, g);
    items_signals(&l, cost_signals);
    if (familiar_twice && !(s->critical & FL_SIG_RUDE))
        item(&l, W(g, FL_W_GRAPH_LEG_FAMILIAR_AGAIN));
    if (upsells)
        item(&l, W(g, FL_W_GRAPH_LEG_UPSELL_EARLY));
    if (upsells && !(s->critical & FL_CRIT_UPSELL_UNHAPPY))
        item(&l, W(g, FL_W_GRAPH_LEG_UPSELL_UNHAPPY));
    if (over_budget && !(s->critical & FL_CRIT_OVER_BUDGET))
        item(&l, buf);
    legend_row_end(&l);

    legend_row_start(out, FL_PAINT_EARNS, FL_W_GRAPH_LEG_EARNS, g);
    items_signals(&l, FL_GRAPH_EARN_SIGNALS & used);
    if (upsells)
        item(&l, W(g, FL_W_GRAPH_LEG_UPSELL_WELL));
    legend_row_end(&l);

    fprintf(out,
            "<TR><TD WIDTH=\"40\" HEIGHT=\"5\" FIXEDSIZE=\"TRUE\" CELLPADDING=\"0\" "
            "BGCOLOR=\"%s\"></TD>"
            "<TD ALIGN=\"LEFT\"><FONT COLOR=\"%s\">",
            edge_color[FL_PAINT_NEUTRAL], label_color[FL_PAINT_NEUTRAL]);
    put_html(out, W(g, FL_W_GRAPH_LEG_NEUTRAL));
    fputs("</FONT></TD></TR>\n", out);
    fprintf(out, "<TR><TD><FONT COLOR=\"%s\">- - - -</FONT></TD><TD ALIGN=\"LEFT\">",
            edge_color[g->paint->timeout_paint]);
    put_html(out, W(g, FL_W_GRAPH_LEG_TIMEOUT));
    fputs("</TD></TR>\n", out);

    fputs("<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">", out);
    put_html(out, W(g, FL_W_GRAPH_LEG_SHAPES));
    fputs("</TD></TR>\n", out);
    static const fl_word_id shapes[] = {FL_W_GRAPH_LEG_NODE, FL_W_GRAPH_LEG_START,
                                        FL_W_GRAPH_LEG_TYPED, FL_W_GRAPH_LEG_NOTES};
    char note[128];
    snprintf(note, sizeof(note), W(g, FL_W_GRAPH_NOTE_SHORT), ELLIPSIS);
    const char *const samples[] = {"id", "id", W(g, FL_W_GRAPH_TYPED), note};
    for (size_t i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
        fprintf(out, "<TR><TD BORDER=\"%d\">", i == 1 ? 3 : 1);
        put_html(out, samples[i]);
        fputs("</TD>", out);
        fputs("<TD ALIGN=\"LEFT\">", out);
        put_html(out, W(g, shapes[i]));
        fputs("</TD></TR>\n", out);
    }
    fputs("<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><TABLE BORDER=\"0\" CELLSPACING=\"2\" "
          "CELLPADDING=\"2\"><TR><TD>",
          out);
    put_html(out, W(g, FL_W_GRAPH_LEG_ENDINGS));
    fputs("</TD>", out);
    for (int o = FL_OUTCOME_RESOLVED; o <= FL_OUTCOME_LOST; o++) {
        fprintf(out, "<TD BGCOLOR=\"%s\">", outcome_fill((fl_outcome)o));
        put_html(out, W(g, fl_word_outcome(o)));
        fputs("</TD>", out);
    }
    fputs("</TR></TABLE></TD></TR>\n</TABLE>>];\n", out);
}

/* Writes the whole graph of s to out. */
static void put_graph(FILE *out, graph_ctx *g, const char *rankdir)
{
    const fl_scenario *s = g->s;
    fputs("digraph ", out);
    put_quoted(out, s->id);
    fputs(" {\n", out);
    fprintf(out, "    charset=\"UTF-8\";\n    rankdir=%s;\n", rankdir);
    fputs("    label=", out);
    put_quoted(out, s->title ? s->title : s->id);
    fputs(";\n    labelloc=t;\n    fontsize=18;\n    fontname=\"sans-serif\";\n", out);
    fputs("    nodesep=0.3;\n    ranksep=0.4;\n", out);
    if (g->big) /* see BIG_NODES */
        fputs("    splines=line;\n    nslimit=0.2;\n    nslimit1=0.2;\n    mclimit=0.2;\n", out);
    fputs("    node [shape=box, fontsize=11, fontname=\"sans-serif\"];\n"
          "    edge [fontsize=9, fontname=\"sans-serif\"];\n\n",
          out);
    put_legend(out, g);
    fputc('\n', out);
    for (uint32_t i = 0; i < s->n_nodes; i++)
        if (!g->big || s->nodes[i].outcome == FL_OUTCOME_NONE || (int32_t)i == s->start)
            put_node(out, g, (int32_t)i);
    for (uint32_t i = 0; i < s->n_nodes; i++) {
        const fl_node *n = &s->nodes[i];
        if (n->n_replies > 0 || n->timeout >= 0)
            fputc('\n', out);
        for (uint32_t r = 0; r < n->n_replies; r++)
            put_reply_edge(out, g, n, r);
        if (n->timeout >= 0)
            put_timeout_edge(out, g, n);
    }
    fputs("}\n", out);
}

/* ---- Output -------------------------------------------------------------------------------- */

/* The format a file name's extension asks for, or -1. */
static int format_of_name(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (!dot || strchr(dot, '/'))
        return -1;
    if (!strcasecmp(dot, ".svg"))
        return FMT_SVG;
    if (!strcasecmp(dot, ".png"))
        return FMT_PNG;
    if (!strcasecmp(dot, ".dot") || !strcasecmp(dot, ".gv"))
        return FMT_DOT;
    return -1;
}

static void write_error(int lang, const char *name, int err)
{
    fprintf(stderr, "frontline graph: ");
    fprintf(stderr, fl_word(FL_W_GRAPH_ERR_WRITE, lang), name, strerror(err));
    fputc('\n', stderr);
}

/* Writes text[0..len) to fd. Returns 0, or an errno value. */
static int write_fd(int fd, const char *text, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, text, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return n < 0 ? errno : EIO;
        text += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Puts the graph text[0..len) in format fmt into fd. Returns 0, or 1 after a message. */
static int emit(int fd, const char *name, const char *text, size_t len, out_format fmt, int seconds,
                const fl_scenario *s, int lang)
{
    if (fmt != FMT_DOT)
        return fl_graph_render(text, len, format_names[fmt], fd, seconds, s->n_nodes, lang);
    int e = write_fd(fd, text, len);
    if (e) {
        write_error(lang, name, e);
        return 1;
    }
    return 0;
}

/* Writes the graph to the file path: into a new file beside it, renamed over path once complete,
 * so that a failure leaves path as it was and no partial file. Returns 0 or 1. */
static int emit_file(const char *path, const char *text, size_t len, out_format fmt, int seconds,
                     const fl_scenario *s, int lang)
{
    size_t n = strlen(path);
    char *tmp = malloc(n + 16);
    if (!tmp) {
        write_error(lang, path, ENOMEM);
        return 1;
    }
    memcpy(tmp, path, n);
    memcpy(tmp + n, ".tmp.XXXXXX", 12);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        write_error(lang, path, errno);
        free(tmp);
        return 1;
    }
    mode_t mask = umask(0); /* the new file gets the mode an ordinary one would */
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    int rc = emit(fd, path, text, len, fmt, seconds, s, lang);
    if (close(fd) != 0 && rc == 0) {
        write_error(lang, path, errno);
        rc = 1;
    }
    if (rc == 0 && rename(tmp, path) != 0) {
        write_error(lang, path, errno);
        rc = 1;
    }
    if (rc != 0)
        unlink(tmp);
    free(tmp);
    return rc;
}

/* The scenario file's name without folder and extension, for an example file name. */
static void base_name(char *buf, size_t size, const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *b = slash ? slash + 1 : path;
    const char *dot = strrchr(b, '.');
    size_t n = dot && dot > b ? (size_t)(dot - b) : strlen(b);
    snprintf(buf, size, "%.*s", (int)n, b);
}

/* The memory the walk that colours the arrows may hold (graph_paint.c keeps each moment it
 * walks whole, a state, with its fingerprint in a table). */
#define GRAPH_MAX_MEMORY ((size_t)256 << 20)

/*
 * How many moments the walk may keep: FL_GRAPH_MAX_MOMENTS, or fewer where a state is so large
 * (thousands of variables or once-only replies, which a 16 MiB file can hold) that that many
 * would pass GRAPH_MAX_MEMORY. A state costs its bytes twice at worst (the array of moments
 * grows by doubling) and about 64 bytes of fingerprint and table besides.
 */
static size_t moments_for(const fl_scenario *s)
{
    fl_engine eng;
    if (fl_engine_init(&eng, s, 0) < 0)
        return FL_GRAPH_MAX_MOMENTS; /* the walk's own engine will say it is out of memory */
    size_t per = 2 * (size_t)eng.state_size + 64, n = GRAPH_MAX_MEMORY / per;
    fl_engine_fini(&eng);
    return n < 1 ? 1 : n < FL_GRAPH_MAX_MOMENTS ? n : FL_GRAPH_MAX_MOMENTS;
}

int fl_cmd_graph(int argc, char **argv)
{
    int lang = fl_user_lang();
    static const char *const rankdirs[] = {"TB", "LR", "BT", "RL"};
    const char *output = NULL, *path = NULL;
    int format = -1, dir = 0;
    long long seconds = DOT_MAX_SECONDS;
    const fl_option opts[] = {
        FL_OPTION_CHOICE("--format", FL_W_OPTM_V_FORMAT, FL_W_OPTM_GRAPH_FORMAT, &format,
                         "dot|svg|png"), /* format_names, in order */
        {.kind = FL_OPT_STRING,
         .name = "--output",
         .alias = "-o",
         .metavar = FL_W_OPT_V_FILE,
         .help = FL_W_OPTM_GRAPH_OUTPUT,
         .dest = &output},
        FL_OPTION_CHOICE("--rankdir", FL_W_OPTM_V_RANKDIR, FL_W_OPTM_GRAPH_RANKDIR, &dir,
                         "TB|LR|BT|RL"), /* rankdirs, in order */
        FL_OPTION_LONG("--timeout", FL_W_OPTM_V_SECONDS, FL_W_OPTM_GRAPH_TIMEOUT, &seconds, 1,
                       86400),
        FL_OPTION_END,
    };
    const fl_command_spec spec = {.cmd = "graph",
                                  .opts = opts,
                                  .usage = FL_W_OPTM_GRAPH_USAGE,
                                  .more = FL_W_OPTM_GRAPH_MORE,
                                  .column = 19,
                                  .max_operands = -1};
    char **operands = malloc(sizeof(*operands) * (size_t)(argc > 0 ? argc : 1));
    int n_operands = 0;
    if (!operands) {
        write_error(lang, fl_word(FL_W_GRAPH_STDOUT, lang), ENOMEM);
        return 1;
    }
    int rc = fl_opts_parse(&spec, argc, argv, operands, &n_operands);
    if (!rc && n_operands > 1)
        rc = fl_usage_error("graph", fl_word(FL_W_GRAPH_ERR_TWO, lang), operands[0], operands[1]);
    path = n_operands ? operands[0] : NULL;
    free(operands);
    if (rc)
        return rc == 1 ? 0 : rc;
    if (output && !*output)
        return fl_usage_error("graph", fl_word(FL_W_GRAPH_ERR_OUTPUT_VALUE, lang), "--output");
    const char *rankdir = rankdirs[dir];
    if (!path)
        return fl_usage_error("graph", "%s", fl_word(FL_W_GRAPH_ERR_NO_SCENARIO, lang));
    if (format < 0)
        format = output && format_of_name(output) >= 0 ? format_of_name(output) : FMT_DOT;
    if (!output && format != FMT_DOT && isatty(STDOUT_FILENO)) {
        char base[256], example[300];
        base_name(base, sizeof(base), path);
        snprintf(example, sizeof(example), "%s.%s", base, format_names[format]);
        return fl_usage_error("graph", fl_word(FL_W_GRAPH_ERR_TERMINAL, lang), format_names[format],
                              example);
    }

    int status = 1;
    fl_scenario *s = NULL;
    fl_graph_paint paint;
    int painted = 0;
    char *text = NULL;
    size_t len = 0;
    FILE *mem = NULL;
    if (fl_load_reporting(path, &s) != 0)
        goto out;
    size_t max_moments = moments_for(s);
    if (fl_graph_paint_new(&paint, s, max_moments) != 0) {
        write_error(lang, output ? output : fl_word(FL_W_GRAPH_STDOUT, lang), ENOMEM);
        goto out;
    }
    painted = 1;
    if (paint.cut && paint.unreached) { /* else every reply was seen; none is dead code */
        char moments[64], replies[96];
        fl_format_int(moments, sizeof(moments), lang, (long long)max_moments);
        fl_format_count(replies, sizeof(replies), lang, paint.unreached, FL_W_PL_REPLIES);
        fprintf(stderr, "frontline graph: ");
        fprintf(stderr, fl_word(FL_W_GRAPH_WARN_CUT, lang), FL_GRAPH_MAX_TURNS, moments, replies);
        fputc('\n', stderr);
    }
    graph_ctx g = {s, &paint, lang, s->n_nodes >= BIG_NODES, 0};
    mem = open_memstream(&text, &len);
    if (!mem) {
        write_error(lang, output ? output : fl_word(FL_W_GRAPH_STDOUT, lang), errno);
        goto out;
    }
    put_graph(mem, &g, rankdir);
    if (fclose(mem) != 0) {
        mem = NULL;
        write_error(lang, output ? output : fl_word(FL_W_GRAPH_STDOUT, lang), errno);
        goto out;
    }
    mem = NULL;
    if (output) {
        status = emit_file(output, text, len, (out_format)format, (int)seconds, s, lang);
    } else {
        fflush(stdout);
        status = emit(STDOUT_FILENO, fl_word(FL_W_GRAPH_STDOUT, lang), text, len,
                      (out_format)format, (int)seconds, s, lang);
    }
out:
    if (mem)
        fclose(mem);
    free(text);
    if (painted)
        fl_graph_paint_free(&paint);
    fl_scenario_free(s);
    return status;
}
