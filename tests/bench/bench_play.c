/*
 * bench_play.c - how long a scripted 50-turn playthrough takes, scoring included.
 *
 * Generates, in memory, a timed scenario (30 s per reply) that is a chain of T nodes (default
 * 50). Each node has three customer lines (conditions on mood and on "not apologized", emotions,
 * a grievance) and three choice replies: a good one to the next node (empathy, ownership, plan,
 * with a condition on a variable it counts up; the apology at the start, "resolve" near the end),
 * a transfer to the next node ("patience > 30", with a trainer's note; an upsell near the end),
 * and a rude one to the lost ending; and a timeout to the next node. The chosen path is exactly T
 * replies to the resolved ending: mostly the good reply, a transfer every tenth turn (taken back
 * with ownership on the next), the upsell once resolved, with reply times from 3 to 27 seconds so
 * responsiveness and slowness findings are scored.
 *
 * It is loaded once with fl_scenario_load_memory(); then each playthrough is timed from
 * fl_session_new() through T x fl_session_choose(), fl_session_report() (scores, survey and
 * findings) to fl_findings_free() and fl_session_free(), R times (default 2000). Prints the
 * median and the 99th percentile per playthrough and exits 1 when the median is 1 ms or more, or
 * when a playthrough did not end in T turns with the resolved outcome.
 *
 * The same is then timed with every fifth node a free-text <input> node (routes and a fallback)
 * answered with fl_session_type() and the built-in English lexicon, loaded once like a front end
 * does.
 *
 * usage: bench_play [--turns T] [--runs R] [--write FILE]   (--write: only write the choice
 *        scenario to FILE)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lexicon.h"
#include "scenario.h"
#include "score.h"
#include "session.h"
#include "bench.h"

#define BUDGET_US 1000.0 /* per playthrough, median */

/* What the script does at node i of T (see generate()). */
enum { DO_GOOD, DO_TRANSFER, DO_UPSELL, DO_TYPE };

static int is_input(int i, int free_text)
{
    return free_text && i % 5 == 2;
}

static int script_action(int i, int turns, int free_text)
{
    if (is_input(i, free_text))
        return DO_TYPE;
    if (i == turns - 2 && turns >= 4)
        return DO_UPSELL;
    if (i % 10 == 5 && i < turns - 3)
        return DO_TRANSFER;
    return DO_GOOD;
}

static const uint32_t took_cycle[] = {3000, 9000, 16000, 22000, 27000, 5000, 12000};

static uint32_t took_ms(int i)
{
    return took_cycle[i % (int)(sizeof(took_cycle) / sizeof(took_cycle[0]))];
}

/* What the trainee types at free-text node i: alternately an apology and a plan. */
static const char *typed_text(int i)
{
    return (i / 5) % 2 ? "I'm so sorry about this, I understand how frustrating it must be."
                       : "I will check your order myself and call you back by five today.";
}

static void node_name(char *buf, size_t size, int i, int turns)
{
    if (i == 0)
        snprintf(buf, size, "start");
    else if (i >= turns)
        snprintf(buf, size, "done");
    else
        snprintf(buf, size, "c%d", i);
}

/* Writes the chain scenario of `turns` nodes to f. */
static void generate(FILE *f, int turns, int free_text)
{
    fprintf(f,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<scenario id=\"generated-play\" version=\"1\" lang=\"en\" minutes=\"30\">\n"
            "  <title>Generated %d-turn conversation</title>\n"
            "  <brief>A long scripted conversation for the playthrough benchmark.</brief>\n"
            "  <tags>benchmark generated timed</tags>\n"
            "  <customer name=\"Irina\" voice=\"female\" avatar=\"woman-1\">\n"
            "    <start mood=\"-50\" patience=\"70\" trust=\"30\"/>\n"
            "  </customer>\n"
            "  <timing reply-seconds=\"30\"/>\n"
            "  <offer id=\"care\" price=\"19\">Care plan: free repairs for two years</offer>\n"
            "  <var name=\"checks\" init=\"0\"/>\n",
            turns);
    static const char *const good_signals[] = {"empathy ownership", "empathy plan",
                                               "ownership plan", "empathy ownership plan"};
    for (int i = 0; i < turns; i++) {
        char self[32], next[32];
        node_name(self, sizeof(self), i, turns);
        node_name(next, sizeof(next), i + 1, turns);
        fprintf(f,
                "  <node id=\"%s\">\n"
                "    <say if=\"mood &lt; -20\" emotion=\"angry\" grievance=\"yes\">"
                "Turn %d and my order 48213 is still not here. Why is it so hard?</say>\n"
                "    <say if=\"not apologized\" emotion=\"annoyed\">Turn %d. Nobody has even "
                "said sorry yet.</say>\n"
                "    <say emotion=\"%s\">Alright, turn %d. What happens now?</say>\n",
                self, i, i, i % 3 ? "calm" : "worried", i);
        if (is_input(i, free_text)) {
            fprintf(f,
                    "    <input placeholder=\"Type your reply to Irina...\">\n"
                    "      <route to=\"%s\" match=\"sorry frustrating|apologise frustrating|sorry "
                    "understand\" signals=\"apology empathy\">\n"
                    "        <effect mood=\"+10\" patience=\"+8\"/>\n"
                    "      </route>\n"
                    "      <route to=\"%s\" match=\"check order|call back|chase courier\" "
                    "signals=\"ownership plan\">\n"
                    "        <effect mood=\"+10\" patience=\"+8\" trust=\"+5\"/>\n"
                    "        <set var=\"checks\" add=\"1\"/>\n"
                    "      </route>\n"
                    "      <route to=\"%s\" match=\"courier number|call courier\" "
                    "signals=\"transfer\">\n"
                    "        <effect mood=\"-10\"/>\n"
                    "        <note>Chase the courier yourself instead.</note>\n"
                    "      </route>\n"
                    "      <fallback to=\"%s\">\n"
                    "        <effect mood=\"-5\"/>\n"
                    "      </fallback>\n"
                    "    </input>\n"
                    "    <timeout to=\"%s\"/>\n"
                    "  </node>\n",
                    next, next, next, next, next);
            continue;
        }
        const char *sig = i == 0           ? "apology empathy ownership"
                          : i == turns - 4 ? "ownership plan resolve"
                          : i == turns - 1 ? "empathy ownership plan resolve"
                                           : good_signals[i % 4];
        fprintf(f,
                "    <reply to=\"%s\" signals=\"%s\" if=\"checks &lt; %d\">\n"
                "      Turn %d: I am on it myself, Irina; here is exactly what happens next.\n"
                "      <effect mood=\"+10\" patience=\"+8\" trust=\"+5\"/>\n"
                "      <set var=\"checks\" add=\"1\"/>\n"
                "    </reply>\n",
                next, sig, turns + 1, i);
        if (i == turns - 2 && turns >= 4)
            fprintf(f,
                    "    <reply to=\"%s\" signals=\"upsell\" offer=\"care\">\n"
                    "      Turn %d: now that it is sorted, would the Care plan interest you?\n"
                    "    </reply>\n",
                    next, i);
        else
            fprintf(f,
                    "    <reply to=\"%s\" signals=\"transfer\" if=\"patience &gt; 30\">\n"
                    "      Turn %d: the courier handles that; please call them.\n"
                    "      <effect mood=\"-10\"/>\n"
                    "      <note>Be the single window: chase the courier yourself.</note>\n"
                    "    </reply>\n",
                    next, i);
        fprintf(f,
                "    <reply to=\"lost\" signals=\"rude\">\n"
                "      Turn %d: I cannot help you any further.\n"
                "    </reply>\n"
                "    <timeout to=\"%s\"/>\n"
                "  </node>\n",
                i, next);
    }
    fprintf(f, "  <ending id=\"done\" outcome=\"resolved\">"
               "<say if=\"mood &gt;= 50\" emotion=\"happy\">Thank you, that is sorted.</say>"
               "<say emotion=\"calm\">Fine. Goodbye.</say></ending>\n"
               "  <ending id=\"lost\" outcome=\"lost\">"
               "<say emotion=\"furious\">Goodbye. I am never ordering again.</say></ending>\n"
               "</scenario>\n");
}

static fl_scenario *load(int turns, int free_text, const char *write_only)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return perror("open_memstream"), NULL;
    generate(f, turns, free_text);
    fclose(f);
    if (write_only) {
        FILE *out = fopen(write_only, "w");
        if (!out || fwrite(buf, 1, len, out) != len || fclose(out) != 0)
            perror(write_only);
        else
            printf("wrote %s: %d turns, %zu bytes\n", write_only, turns, len);
        free(buf);
        return NULL;
    }
    fl_diags d;
    fl_scenario *s = NULL;
    fl_diags_init(&d, "generated.xml");
    int rc = fl_scenario_load_memory(&s, buf, len, "generated.xml", &d);
    if (rc != 0 || d.count) {
        fprintf(stderr, "the generated scenario did not load clean (rc %d, %zu diagnostics)\n", rc,
                d.count);
        char line[1024];
        for (size_t i = 0; i < d.count && i < 10; i++) {
            fl_diag_format(line, sizeof(line), "generated.xml", &d.items[i]);
            fprintf(stderr, "%s\n", line);
        }
    }
    fl_diags_clear(&d);
    if (s)
        printf("%s scenario: %d turns, %u nodes, %.1f KB\n", free_text ? "free-text" : "choice",
               turns, s->n_nodes, (double)len / 1024.0);
    free(buf);
    return s;
}

/* What a playthrough gave, checked after the timed runs. */
typedef struct {
    int rc;    /* first failing call: 0 none */
    int ended; /* fl_session_ended() at the end */
    size_t n;  /* turns in the transcript */
    fl_scores scores;
    fl_survey survey;
    size_t findings;
} outcome;

/* One playthrough, from a new session to freeing it. */
static void play(const fl_scenario *s, fl_lexicon *lx, int turns, int free_text, outcome *out)
{
    fl_session_opts opts = {.timed = 1, .lexicon = lx};
    fl_session *ss;
    memset(out, 0, sizeof(*out));
    if (fl_session_new(&ss, s, &opts) < 0) {
        out->rc = -10;
        return;
    }
    for (int i = 0; i < turns && !out->rc; i++) {
        int rc;
        switch (script_action(i, turns, free_text)) {
        case DO_TYPE: {
            const char *t = typed_text(i);
            rc = fl_session_type(ss, t, strlen(t), took_ms(i));
            break;
        }
        case DO_TRANSFER:
        case DO_UPSELL:
            rc = fl_session_choose(ss, 1, took_ms(i));
            break;
        default:
            rc = fl_session_choose(ss, 0, took_ms(i));
        }
        if (rc != 0)
            out->rc = rc < 0 ? rc : -20;
    }
    fl_findings fd;
    if (fl_session_report(ss, &out->scores, &out->survey, &fd) < 0) {
        out->rc = out->rc ? out->rc : -30;
    } else {
        out->findings = fd.n;
        fl_findings_free(&fd);
    }
    out->ended = fl_session_ended(ss);
    fl_session_turns(ss, &out->n);
    fl_session_free(ss);
}

/* Times R playthroughs; returns 0 within budget and correct, 1 otherwise. */
static int bench(const char *what, const fl_scenario *s, fl_lexicon *lx, int turns, int free_text,
                 int runs)
{
    double *us = malloc(sizeof(double) * (size_t)runs);
    if (!us)
        return 1;
    outcome o, first;
    play(s, lx, turns, free_text, &first); /* warm-up, and the result to check */
    int wrong = 0;
    for (int r = 0; r < runs; r++) {
        double t0 = (now_ms() * 1e3);
        play(s, lx, turns, free_text, &o);
        us[r] = (now_ms() * 1e3) - t0;
        if (o.rc || !o.ended || o.n != first.n || o.scores.overall != first.scores.overall)
            wrong = 1;
    }
    qsort(us, (size_t)runs, sizeof(double), cmp_double);
    double med = us[runs / 2];
    size_t i99 = (size_t)((double)runs * 0.99);
    if (i99 >= (size_t)runs)
        i99 = (size_t)runs - 1;
    double p99 = us[i99];
    int ok_play = !first.rc && first.ended && first.n == (size_t)turns &&
                  first.scores.outcome == FL_OUTCOME_RESOLVED && !wrong;
    printf("  %s: ended %s after %zu turns (expected %d), outcome %s, overall %d/100 (%c), "
           "survey CSAT %d CES %d NPS %d, %zu findings%s\n",
           what, first.ended ? "yes" : "NO", first.n, turns, fl_outcome_name(first.scores.outcome),
           first.scores.overall, first.scores.band, first.survey.csat, first.survey.ces,
           first.survey.nps, first.findings,
           first.rc ? " (A CALL FAILED)"
           : wrong  ? " (RUNS DIFFER)"
                    : "");
    printf("    dimensions:");
    for (int k = 0; k < FL_DIM_COUNT; k++)
        if (first.scores.applicable[k])
            printf(" %s %d", fl_dimension_name((fl_dimension)k), first.scores.score[k]);
    printf("\n");
    printf("    %d playthroughs: median %.1f us   p99 %.1f us   min %.1f us   max %.1f us "
           "(%.2f us per turn)\n",
           runs, med, p99, us[0], us[runs - 1], med / turns);
    int ok = ok_play && med < BUDGET_US;
    char name[128];
    snprintf(name, sizeof(name), "scripted %d-turn playthrough, %s, median of %d", turns, what,
             runs);
    bench_row(name, "<", BUDGET_US, ok_play ? med : 1e9, "us");
    printf("    budget 1 ms (median): %s; p99 %s 1 ms\n",
           !ok_play ? "FAIL (the playthrough is not the one scripted)"
           : ok     ? "PASS"
                    : "FAIL",
           p99 < BUDGET_US ? "under" : "NOT under");
    free(us);
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    int turns = 50, runs = 2000;
    const char *write_only = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--turns") && i + 1 < argc)
            turns = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--runs") && i + 1 < argc)
            runs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--write") && i + 1 < argc)
            write_only = argv[++i];
        else {
            fprintf(stderr, "usage: bench_play [--turns T] [--runs R] [--write FILE]\n");
            return 2;
        }
    }
    if (turns < 1 || turns > 10000 || runs < 1)
        return 2;
    if (write_only) {
        load(turns, 0, write_only);
        return 0;
    }

    int failed = 0;
    fl_scenario *s = load(turns, 0, NULL);
    if (!s)
        return 1;
    printf("scripted playthrough (fl_session_new + %d x fl_session_choose + fl_session_report + "
           "frees), timed:\n",
           turns);
    failed |= bench("choices", s, NULL, turns, 0, runs);
    fl_scenario_free(s);

    s = load(turns, 1, NULL);
    if (!s)
        return 1;
    fl_lexicon *lx = NULL;
    char err[256];
    if (fl_lexicon_builtin(&lx, "en", err, sizeof(err)) != 0) {
        fprintf(stderr, "no built-in English lexicon: %s\n", err);
        fl_scenario_free(s);
        return 1;
    }
    printf("the same with every fifth node free text (fl_session_type, built-in lexicon loaded "
           "once):\n");
    failed |= bench("free text", s, lx, turns, 1, runs);
    fl_lexicon_free(lx);
    fl_scenario_free(s);
    return failed ? 1 : 0;
}
