/*
 * bench_explore.c - how fast the path explorer runs, in engine steps per second, and how long it
 * takes on every bundled scenario.
 *
 * 1. Generates, in memory, a layered scenario: a start node, then L layers of nodes (1, 4, 7, ...
 *    up to W per layer, so that every node can be reached), each node with four replies to nodes
 *    of the next layer: an apology (early layers, "not apologized") or an empathy reply counted in
 *    a variable (<set>, "checks < 3"), an empathy + plan reply, a transfer or an ownership reply
 *    ("mood < 0") on alternate layers (a once-only familiar one at the start), and a canned text
 *    shared by every node (so that saying it again is remembered); effects on mood, patience and
 *    trust; customer lines with conditions, emotions and a grievance. The last layer offers
 *    resolve, plan + gesture, jargon, rude and upsell replies to endings of each outcome, so a good
 *    path is resolved and scores 100. It is loaded with fl_scenario_load_memory() and explored
 *    untimed with the default bounds (25 turns, 2,000,000 states), R times; prints the median
 *    steps per second and exits 1 below the budget of 1,000,000 steps/s (or when the search hit
 *    the state bound, since it would then not be a full exploration).
 *    Like the bundled scenarios, the generated one is nearly a tree of distinct states (flags are
 *    counts and the scoring tallies remember order), so steps are only ~1.4x states, and the
 *    default state bound caps it at ~2.3 million steps (L = 14).
 * 2. Loads every bundled scenario (every .xml file of scenarios/en and scenarios/ru), explores it
 *    in its own mode (timed when it has time limits) with the default options, R times, and exits
 *    1 when the median of load + explore of any of them takes a second or more.
 *
 * usage: bench_explore [--layers L] [--width W] [--runs R] [--write FILE]
 *        (--write: only write the generated scenario to FILE)
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine.h"
#include "explore.h"
#include "scenario.h"
#include "bench.h"

#ifndef FL_SOURCE_DIR
#define FL_SOURCE_DIR "."
#endif

#define STEPS_BUDGET    1000000.0 /* engine steps per second, at least */
#define SCENARIO_BUDGET 1000.0    /* ms per bundled scenario, less than */

/* The id of node j of layer l (layer 0 is the start node only). */
static void node_id(char *buf, size_t size, int l, int j)
{
    if (l == 0)
        snprintf(buf, size, "start");
    else
        snprintf(buf, size, "n%d_%d", l, j);
}

static const char *const calm_emotions[] = {"calm", "worried"};

/*
 * Writes the scenario to f: the start node, `layers` layers, then the endings. Reply k of node j
 * leads to node (j + k) mod n of the next layer (n nodes). Reply k always has the same kind of
 * signals, and the middle layers alternate between two kinds of third reply, so that different
 * orders of the same replies sometimes meet in the same state and the search both expands new
 * states and finds known ones; most of the signal variety sits in the start node and the last
 * layer.
 */
static void generate(FILE *f, int layers, int width)
{
    fprintf(f,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<scenario id=\"generated-explore\" version=\"1\" lang=\"en\" minutes=\"20\">\n"
            "  <title>Generated layered scenario (%d layers of %d nodes)</title>\n"
            "  <brief>A wide synthetic conversation for the explorer benchmark.</brief>\n"
            "  <tags>benchmark generated</tags>\n"
            "  <customer name=\"Irina\" voice=\"female\" avatar=\"woman-1\">\n"
            "    <start mood=\"-40\" patience=\"90\" trust=\"40\"/>\n"
            "  </customer>\n"
            "  <goodwill budget=\"10\" unit=\"GBP\"/>\n"
            "  <offer id=\"express\">Express delivery for a year</offer>\n"
            "  <var name=\"checks\" init=\"0\"/>\n",
            layers, width);
    char self[32], to[4][32];
    /* Layer l has n nodes: 1, 4, 7, ... up to width, so that every node can be reached. */
    for (int l = 0, n = 1; l <= layers; l++) {
        int next_n = n + 3 < width ? n + 3 : width;
        for (int j = 0; j < n; j++) {
            node_id(self, sizeof(self), l, j);
            int last = l == layers;
            for (int k = 0; k < 4; k++) {
                if (last)
                    snprintf(to[k], sizeof(to[k]), "%s",
                             (const char *[]){"done", "partly", "escalated", "lost"}[k]);
                else
                    node_id(to[k], sizeof(to[k]), l + 1, (j + k) % next_n);
            }
            fprintf(f,
                    "  <node id=\"%s\">\n"
                    "    <say if=\"mood &lt; -20\" emotion=\"angry\" grievance=\"yes\">"
                    "Turn %d at %s and my order 48213 is still not here!</say>\n"
                    "    <say if=\"trust &gt; 60\" emotion=\"pleased\">Thank you, that helps. "
                    "What next at %s?</say>\n"
                    "    <say emotion=\"%s\">Alright. What happens now at %s?</say>\n",
                    self, l, self, self, calm_emotions[l == 1], self);
            if (last) {
                fprintf(
                    f,
                    "    <reply to=\"%s\" signals=\"ownership plan resolve\">\n"
                    "      At %s: the bike leaves the depot today and arrives tomorrow by ten.\n"
                    "      <effect mood=\"+20\" trust=\"+10\"/>\n"
                    "    </reply>\n"
                    "    <reply to=\"%s\" signals=\"plan gesture\" gesture=\"5\" "
                    "if=\"checks &gt;= 1\">\n"
                    "      At %s: I can refund the order today and add five pounds for the "
                    "trouble.\n"
                    "    </reply>\n"
                    "    <reply to=\"%s\" signals=\"jargon\">\n"
                    "      At %s: the consignment is RTS-pending at the hub; raise a claim.\n"
                    "    </reply>\n"
                    "    <reply to=\"%s\" signals=\"rude\">\n"
                    "      At %s: there is nothing more I can do for you.\n"
                    "    </reply>\n"
                    "    <reply to=\"%s\" signals=\"upsell\" offer=\"express\" "
                    "if=\"mood &gt; 20\">\n"
                    "      At %s: with Express delivery this would never happen. Shall I "
                    "add it?\n"
                    "      <effect mood=\"-10\"/>\n"
                    "    </reply>\n"
                    "  </node>\n",
                    to[0], self, to[1], self, to[2], self, to[3], self, to[1], self);
                continue;
            }
            if (l < 3)
                fprintf(f,
                        "    <reply to=\"%s\" signals=\"apology empathy ownership\" "
                        "if=\"not apologized\">\n"
                        "      I am so sorry about the wait (%s). Let me check order 48213 "
                        "myself.\n"
                        "      <effect mood=\"+30\" trust=\"+10\"/>\n"
                        "      <set var=\"checks\" add=\"1\"/>\n"
                        "    </reply>\n",
                        to[0], self);
            else
                fprintf(f,
                        "    <reply to=\"%s\" signals=\"empathy ownership\" "
                        "if=\"checks &lt; 3\">\n"
                        "      I understand (%s). I am checking the depot records myself now.\n"
                        "      <effect mood=\"+20\" trust=\"+10\"/>\n"
                        "      <set var=\"checks\" add=\"1\"/>\n"
                        "    </reply>\n",
                        to[0], self);
            fprintf(f,
                    "    <reply to=\"%s\" signals=\"empathy plan\">\n"
                    "      I can hear how stressful this is (%s). Here is what I will do next.\n"
                    "      <effect mood=\"+20\" patience=\"+10\"/>\n"
                    "    </reply>\n",
                    to[1], self);
            if (l == 0)
                fprintf(f,
                        "    <reply to=\"%s\" signals=\"familiar\" once=\"yes\">\n"
                        "      No worries, mate, these things happen! (%s)\n"
                        "      <effect mood=\"-5\"/>\n"
                        "    </reply>\n",
                        to[2], self);
            else if (l % 2)
                fprintf(f,
                        "    <reply to=\"%s\" signals=\"transfer\">\n"
                        "      That is handled by our courier partner; they can tell you more. "
                        "(%s)\n"
                        "      <effect mood=\"-10\" patience=\"-5\" trust=\"-5\"/>\n"
                        "      <note>Be the single window: chase the courier yourself.</note>\n"
                        "    </reply>\n",
                        to[2], self);
            else
                fprintf(f,
                        "    <reply to=\"%s\" signals=\"ownership plan\" if=\"mood &lt; 0\">\n"
                        "      I will call the depot myself and call you back within the hour. "
                        "(%s)\n"
                        "      <effect mood=\"+20\" trust=\"+20\"/>\n"
                        "    </reply>\n",
                        to[2], self);
            fprintf(f,
                    "    <reply to=\"%s\" signals=\"canned\">\n"
                    "      Thank you for your patience.\n"
                    "      <effect mood=\"-5\" patience=\"-15\"/>\n"
                    "      <note>A stock phrase again: say what you are doing for her.</note>\n"
                    "    </reply>\n"
                    "  </node>\n",
                    to[3]);
        }
        n = next_n;
    }
    fprintf(f, "  <ending id=\"done\" outcome=\"resolved\">"
               "<say emotion=\"happy\">Thank you, that is sorted then.</say></ending>\n"
               "  <ending id=\"partly\" outcome=\"partly\">"
               "<say emotion=\"annoyed\">Fine, refund it.</say></ending>\n"
               "  <ending id=\"escalated\" outcome=\"escalated\">"
               "<say emotion=\"angry\">I want to speak to your manager.</say></ending>\n"
               "  <ending id=\"lost\" outcome=\"lost\">"
               "<say emotion=\"furious\">Goodbye. I am never ordering again.</say></ending>\n"
               "</scenario>\n");
}

static void print_diags(const char *name, const fl_diags *d)
{
    char line[1024];
    for (size_t i = 0; i < d->count && i < 10; i++) {
        fl_diag_format(line, sizeof(line), name, &d->items[i]);
        fprintf(stderr, "%s\n", line);
    }
}

/* Part 1: the generated scenario. Returns 0 within budget, 1 otherwise. */
static int bench_generated(int layers, int width, int runs, const char *write_only)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return perror("open_memstream"), 1;
    generate(f, layers, width);
    fclose(f);
    if (write_only) {
        FILE *out = fopen(write_only, "w");
        if (!out || fwrite(buf, 1, len, out) != len || fclose(out) != 0)
            return perror(write_only), free(buf), 1;
        printf("wrote %s: %d layers of %d nodes, %zu bytes\n", write_only, layers, width, len);
        free(buf);
        return 0;
    }

    fl_diags d;
    fl_scenario *s = NULL;
    fl_diags_init(&d, "generated.xml");
    double t0 = now_ms();
    int rc = fl_scenario_load_memory(&s, buf, len, "generated.xml", &d);
    double load_ms = now_ms() - t0;
    if (rc != 0) {
        fprintf(stderr, "the generated scenario did not load (rc %d, %zu diagnostics)\n", rc,
                d.count);
        print_diags("generated.xml", &d);
        fl_diags_clear(&d);
        free(buf);
        return 1;
    }
    size_t warnings = d.count;
    fl_diags_clear(&d);
    free(buf);
    printf(
        "generated scenario: start + %d layers of up to %d nodes + 4 endings = %u nodes, %.1f KB, "
        "loaded in %.1f ms (%zu warnings)\n",
        layers, width, s->n_nodes, (double)len / 1024.0, load_ms, warnings);

    fl_engine eng;
    if (fl_engine_init(&eng, s, 0) < 0) {
        fprintf(stderr, "out of memory\n");
        fl_scenario_free(s);
        return 1;
    }
    fl_explore_opts opts = {.timed = 0, .max_turns = 0, .max_states = 0, .pace_ms = 5000};
    double *ms = malloc(sizeof(double) * (size_t)runs);
    fl_explore_result res;
    memset(&res, 0, sizeof(res));
    uint64_t steps0 = 0;
    int failed = !ms;
    for (int r = 0; r < runs && !failed; r++) {
        fl_explore_free(&res);
        t0 = now_ms();
        rc = fl_explore(&eng, &opts, &res);
        ms[r] = now_ms() - t0;
        if (rc != 0) {
            fprintf(stderr, "fl_explore failed (out of memory)\n");
            failed = 1;
        } else if (r > 0 && res.steps != steps0) {
            fprintf(stderr, "the explorer is not deterministic: %llu then %llu steps\n",
                    (unsigned long long)steps0, (unsigned long long)res.steps);
            failed = 1;
        }
        steps0 = res.steps;
    }
    int ok = 0;
    if (!failed) {
        double med = median(ms, runs);
        double rate = (double)res.steps / (med / 1e3);
        printf("  state %u bytes; %llu steps, %zu states, %llu paths (%llu cut, %llu loops, %llu "
               "hung up); states_exceeded %d\n",
               eng.state_size, (unsigned long long)res.steps, res.states,
               (unsigned long long)res.paths, (unsigned long long)res.paths_cut,
               (unsigned long long)res.loops, (unsigned long long)res.hung_up_paths,
               res.states_exceeded);
        printf("  outcomes reached:");
        for (int o = FL_OUTCOME_RESOLVED; o <= FL_OUTCOME_LOST; o++)
            if (res.outcome_reached[o])
                printf(" %s", fl_outcome_name((fl_outcome)o));
        printf("; best path %d/100 (%s, %zu replies), worst %d/100 (%s)\n", res.best.scores.overall,
               fl_outcome_name(res.best.scores.outcome), res.best.n, res.worst.scores.overall,
               fl_outcome_name(res.worst.scores.outcome));
        printf("  explore, %d runs: median %.1f ms   min %.1f ms   max %.1f ms\n", runs, med, ms[0],
               ms[runs - 1]);
        printf("  %.2f million steps/s (median run)\n", rate / 1e6);
        ok = rate >= STEPS_BUDGET && !res.states_exceeded;
        char name[128];
        snprintf(name, sizeof(name), "explorer, generated %zu-state scenario, median of %d",
                 res.states, runs);
        bench_row(name, ">=", STEPS_BUDGET / 1e6, res.states_exceeded ? 0.0 : rate / 1e6,
                  "M steps/s");
        if (res.states_exceeded)
            printf("  the search hit max_states: the figure is not a full exploration\n");
        printf("  budget 1,000,000 steps/s: %s\n", ok ? "PASS" : "FAIL");
    }
    fl_explore_free(&res);
    free(ms);
    fl_engine_fini(&eng);
    fl_scenario_free(s);
    return ok ? 0 : 1;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The slowest bundled scenario so far (its median load + explore, ms) and its name. */
static double slowest_ms = -1;
static char slowest[512];

/* Explores one bundled file R times. Returns 0 within budget, 1 otherwise. */
static int bench_file(const char *path, const char *shown, int runs)
{
    double *total = malloc(sizeof(double) * (size_t)runs);
    double *expl = malloc(sizeof(double) * (size_t)runs);
    fl_explore_result res;
    memset(&res, 0, sizeof(res));
    int timed = 0, failed = !total || !expl;
    for (int r = 0; r < runs && !failed; r++) {
        fl_explore_free(&res);
        fl_diags d;
        fl_scenario *s = NULL;
        fl_diags_init(&d, path);
        double t0 = now_ms();
        if (fl_scenario_load_file(&s, path, &d) != 0) {
            fprintf(stderr, "%s did not load:\n", path);
            print_diags(path, &d);
            fl_diags_clear(&d);
            failed = 1;
            break;
        }
        fl_diags_clear(&d);
        double t1 = now_ms();
        fl_engine eng;
        fl_explore_opts opts = {.timed = 1};
        int rc = fl_engine_init(&eng, s, 1);
        if (rc == 0) {
            rc = fl_explore(&eng, &opts, &res);
            timed = eng.timed;
            fl_engine_fini(&eng);
        }
        double t2 = now_ms();
        if (rc < 0) {
            fprintf(stderr, "%s: out of memory\n", path);
            fl_scenario_free(s);
            failed = 1;
            break;
        }
        fl_scenario_free(s);
        total[r] = t2 - t0;
        expl[r] = t2 - t1;
    }
    int ok = 0;
    if (!failed) {
        double med = median(total, runs), med_expl = median(expl, runs);
        ok = med < SCENARIO_BUDGET && !res.states_exceeded;
        if (med > slowest_ms || !ok) {
            slowest_ms = ok ? med : 1e9; /* an exceeded search fails the row */
            snprintf(slowest, sizeof(slowest), "%s", shown);
        }
        printf("  %-26s %-7s %9zu %10llu %10llu %10.2f %10.2f  %s%s\n", shown,
               timed ? "timed" : "untimed", res.states, (unsigned long long)res.steps,
               (unsigned long long)res.paths, med_expl, med, ok ? "PASS" : "FAIL",
               res.states_exceeded ? " (states exceeded)" : "");
    }
    fl_explore_free(&res);
    free(total);
    free(expl);
    return ok ? 0 : 1;
}

/* Part 2: every bundled scenario. Returns 0 when all are within budget. */
static int bench_bundled(int runs)
{
    static const char *const langs[] = {"en", "ru"};
    int failed = 0, files = 0;
    printf("bundled scenarios, each loaded and explored in its own mode with the default options "
           "(median of %d; budget < %.0f ms each):\n",
           runs, SCENARIO_BUDGET);
    printf("  %-26s %-7s %9s %10s %10s %10s %10s\n", "file", "mode", "states", "steps", "paths",
           "explore ms", "total ms");
    for (size_t l = 0; l < sizeof(langs) / sizeof(langs[0]); l++) {
        char dir[4096];
        snprintf(dir, sizeof(dir), "%s/scenarios/%s", FL_SOURCE_DIR, langs[l]);
        DIR *dp = opendir(dir);
        if (!dp) {
            perror(dir);
            return 1;
        }
        char *names[256];
        size_t n = 0;
        for (struct dirent *e; (e = readdir(dp)) && n < 256;) {
            size_t len = strlen(e->d_name);
            if (len > 4 && strcmp(e->d_name + len - 4, ".xml") == 0)
                names[n++] = strdup(e->d_name);
        }
        closedir(dp);
        qsort(names, n, sizeof(names[0]), cmp_str);
        for (size_t i = 0; i < n; i++) {
            char path[8192], shown[512];
            snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
            snprintf(shown, sizeof(shown), "%s/%s", langs[l], names[i]);
            failed |= bench_file(path, shown, runs);
            files++;
            free(names[i]);
        }
    }
    if (files == 0) {
        fprintf(stderr, "no bundled scenarios found under %s/scenarios\n", FL_SOURCE_DIR);
        return 1;
    }
    printf("  budget < 1000 ms per bundled scenario (%d files): %s\n", files,
           failed ? "FAIL" : "PASS");
    char name[600];
    snprintf(name, sizeof(name),
             "explorer, each of %d bundled scenarios, median of %d (slowest: %s)", files, runs,
             slowest);
    bench_row(name, "<", SCENARIO_BUDGET, slowest_ms, "ms");
    return failed;
}

int main(int argc, char **argv)
{
    int layers = 14, width = 8, runs = 5;
    const char *write_only = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--layers") && i + 1 < argc)
            layers = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--width") && i + 1 < argc)
            width = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--runs") && i + 1 < argc)
            runs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--write") && i + 1 < argc)
            write_only = argv[++i];
        else {
            fprintf(stderr,
                    "usage: bench_explore [--layers L] [--width W] [--runs R] [--write FILE]\n");
            return 2;
        }
    }
    if (layers < 1 || width < 1 || runs < 1)
        return 2;
    int failed = bench_generated(layers, width, runs, write_only);
    if (write_only)
        return failed;
    failed |= bench_bundled(runs);
    return failed ? 1 : 0;
}
