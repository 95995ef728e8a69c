/*
 * signals.c - `frontline signals`: what the lexicon finds in a typed reply, and which words
 * triggered each signal, so a trainer can see why a reply scored as it did and a lexicon editor
 * can test a change on many replies at once.
 *
 * With TEXT it explains that one reply; without, it reads replies from standard input, one per
 * line, and writes one tab-separated line each as soon as it is read (a pipe or another program
 * can drive it line by line). `--scenario FILE` adds the scenario's offers (naming one is an
 * upsell) and its language.
 *
 * Exit status: 0 done, 1 the scenario does not load or input cannot be read, 2 usage.
 */
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "lexicon.h"
#include "scenario.h"

static const char help[] =
    "usage: frontline signals [--lang en|ru] [--scenario FILE] [TEXT...]\n"
    "\n"
    "Shows the signals the lexicon finds in a typed reply and the words that triggered each:\n"
    "apology, empathy, ownership, transfer, canned, familiar, rude, jargon, plan, upsell.\n"
    "Negation (\"I'm not sorry\"), non-apologies (\"sorry you feel that way\") and polite\n"
    "requests (\"sorry, could you repeat that?\") are taken into account as in play.\n"
    "\n"
    "  --lang en|ru       the reply's language (the lexicon used); required unless a\n"
    "                     scenario gives it\n"
    "  --scenario FILE    also count the scenario's offers as upsell when a reply names\n"
    "                     them, and use its language\n"
    "\n"
    "With TEXT (the words joined by spaces are one reply) it prints one line per signal:\n"
    "  apology    sorry\n"
    "  ownership  let me check\n"
    "or \"no signals\". Without TEXT it reads standard input, one reply per line, and prints\n"
    "one line per input line as soon as it is read: the reply, a tab, then each signal with\n"
    "its triggers in brackets, separated by spaces (tabs in the reply become spaces):\n"
    "  sorry, let me check<TAB>apology[sorry] ownership[let me check]\n"
    "A signal with several triggers lists them with \", \": apology[sorry, my mistake].\n"
    "\n"
    "Exit status: 0 done, 1 the scenario has errors or the input cannot be read,\n"
    "2 usage error.\n";

typedef struct {
    const char *lang;
    const char *scenario;
    /* room for more, e.g. a node whose routes to explain */
} options;

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
        fprintf(out, "no signals\n");
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

static int explain_stdin(fl_lexicon *lx, const fl_scenario *s)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = 0;
    fl_explanation e = {0};
    while ((n = getline(&line, &cap, stdin)) >= 0) {
        size_t len = (size_t)n;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        if (fl_lexicon_explain(lx, line, len, s ? s->offers : NULL, s ? s->n_offers : 0, &e) < 0) {
            fprintf(stderr, "frontline signals: out of memory\n");
            rc = 1;
            break;
        }
        put_clean(stdout, line, len);
        fputc('\t', stdout);
        print_explained(stdout, &e, line, 0);
        fputc('\n', stdout);
        fflush(stdout);
    }
    if (rc == 0 && ferror(stdin)) {
        fprintf(stderr, "frontline signals: cannot read standard input\n");
        rc = 1;
    }
    fl_explanation_free(&e);
    free(line);
    return rc;
}

int fl_cmd_signals(int argc, char **argv)
{
    options o = {NULL, NULL};
    int first_text = argc;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(help, stdout);
            return 0;
        }
        if (!strcmp(a, "--")) {
            first_text = i + 1;
            break;
        }
        if (!strcmp(a, "--lang") || !strncmp(a, "--lang=", 7)) {
            const char *v = a[6] == '=' ? a + 7 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v || (strcmp(v, "en") && strcmp(v, "ru")))
                return fl_usage_error("signals", "--lang needs en or ru");
            o.lang = v;
        } else if (!strcmp(a, "--scenario") || !strncmp(a, "--scenario=", 11)) {
            const char *v = a[10] == '=' ? a + 11 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v || !*v)
                return fl_usage_error("signals", "--scenario needs a file name");
            o.scenario = v;
        } else if (a[0] == '-' && a[1]) {
            return fl_usage_error("signals", "unknown option '%s'", a);
        } else {
            first_text = i;
            break;
        }
    }
    if (!o.lang && !o.scenario)
        return fl_usage_error("signals", "name the language: --lang en or --lang ru");
    fl_scenario *s = NULL;
    if (o.scenario) {
        if (fl_load_reporting(o.scenario, &s) < 0)
            return 1;
        if (o.lang && strcmp(o.lang, s->lang)) {
            int rc =
                fl_usage_error("signals", "the scenario is in '%s', not '%s'", s->lang, o.lang);
            fl_scenario_free(s);
            return rc;
        }
        o.lang = s->lang;
    }
    char err[256];
    fl_lexicon *lx = NULL;
    if (fl_lexicon_builtin(&lx, o.lang, err, sizeof(err)) < 0) {
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
        fl_explanation e = {0};
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
            if (fl_lexicon_explain(lx, text, n, s ? s->offers : NULL, s ? s->n_offers : 0, &e) <
                0) {
                free(text);
                text = NULL;
            }
        }
        if (!text) {
            fprintf(stderr, "frontline signals: out of memory\n");
            rc = 1;
        } else {
            print_explained(stdout, &e, text, 1);
        }
        fl_explanation_free(&e);
        free(text);
    } else {
        rc = explain_stdin(lx, s);
    }
    fl_lexicon_free(lx);
    fl_scenario_free(s);
    return rc;
}
