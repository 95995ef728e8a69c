/*
 * bench_load.c - how long loading plus linting a large scenario takes, and how much memory the
 * loaded model holds.
 *
 * Generates a scenario of N nodes (default 10,000) shaped like real ones: each node has a
 * conditional and a plain customer line and three replies with signals, effects, a condition, a
 * note and a variable update; every tenth node branches to an ending. The file is written to
 * disk and loaded with fl_scenario_load_file(), which runs every check `frontline lint` runs
 * (schema, references, conditions, graph). Prints the median, min and max of R runs and the
 * model's footprint, and exits 1 when a budget is exceeded:
 *     load + lint median <= 100 ms, model <= 20 MB.
 *
 * usage: bench_load [--nodes N] [--runs R] [--write FILE]   (--write: only generate FILE)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "scenario.h"
#include "bench.h"

static void generate(FILE *f, int nodes)
{
    fprintf(f,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<scenario id=\"generated\" version=\"1\" lang=\"en\" minutes=\"60\">\n"
            "  <title>Generated scenario of %d nodes</title>\n"
            "  <brief>A long synthetic conversation for benchmarks.</brief>\n"
            "  <tags>benchmark generated</tags>\n"
            "  <customer name=\"Irina\" voice=\"female\" avatar=\"woman-1\">\n"
            "    <start mood=\"-40\" patience=\"80\" trust=\"40\"/>\n"
            "  </customer>\n"
            "  <timing reply-seconds=\"30\"/>\n"
            "  <goodwill budget=\"500\" unit=\"RUB\"/>\n"
            "  <offer id=\"express\">Express delivery for a year</offer>\n"
            "  <var name=\"asked\" init=\"0\"/>\n",
            nodes);
    for (int i = 0; i < nodes; i++) {
        int next = i + 1 < nodes ? i + 1 : -1;
        char to_next[32];
        if (next >= 0)
            snprintf(to_next, sizeof(to_next), "n%d", next);
        else
            snprintf(to_next, sizeof(to_next), "done");
        char self[32];
        snprintf(self, sizeof(self), i == 0 ? "start" : "n%d", i);
        fprintf(
            f,
            "  <node id=\"%s\">\n"
            "    <say if=\"mood &lt; 0 and not apologized\" emotion=\"angry\" grievance=\"yes\">"
            "This is turn %d and my order 48213 is still not here. Why is it so hard?</say>\n"
            "    <say emotion=\"calm\">Alright, turn %d. What happens now with order 48213?</say>\n"
            "    <reply to=\"%s\" signals=\"apology empathy ownership\">\n"
            "      I am sorry about the wait, Irina. Let me check order 48213 myself right now.\n"
            "      <effect mood=\"+10\" trust=\"+5\"/>\n"
            "      <set var=\"asked\" add=\"1\"/>\n"
            "    </reply>\n"
            "    <reply to=\"%s\" signals=\"transfer canned\" if=\"asked &lt; 3 or patience &gt; "
            "50\">\n"
            "      Deliveries are handled by our courier partner; please call them.\n"
            "      <effect mood=\"-20\" patience=\"-15\" trust=\"-10\"/>\n"
            "      <note>Be the single window: find out yourself instead of sending her "
            "away.</note>\n"
            "    </reply>\n"
            "    <reply to=\"%s\" signals=\"upsell\" offer=\"express\" once=\"yes\">\n"
            "      With Express you would never wait this long. Shall I add it for you?\n"
            "      <effect mood=\"-15\"/>\n"
            "    </reply>\n"
            "    <timeout to=\"%s\"/>\n"
            "  </node>\n",
            self, i, i, to_next, i % 10 == 9 ? "lost" : to_next, to_next, to_next);
    }
    fprintf(f,
            "  <ending id=\"done\" outcome=\"resolved\"><say emotion=\"pleased\">Thank you.</say>"
            "</ending>\n"
            "  <ending id=\"lost\" outcome=\"lost\"><say emotion=\"furious\">Goodbye.</say>"
            "</ending>\n"
            "</scenario>\n");
}

int main(int argc, char **argv)
{
    int nodes = 10000, runs = 21;
    const char *write_only = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--nodes") && i + 1 < argc)
            nodes = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--runs") && i + 1 < argc)
            runs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--write") && i + 1 < argc)
            write_only = argv[++i];
        else {
            fprintf(stderr, "usage: bench_load [--nodes N] [--runs R] [--write FILE]\n");
            return 2;
        }
    }
    if (nodes < 1 || runs < 1)
        return 2;

    char path[] = "/tmp/fl-bench-XXXXXX.xml";
    const char *file = write_only;
    if (!file) {
        int fd = mkstemps(path, 4);
        if (fd < 0)
            return perror("mkstemps"), 1;
        close(fd);
        file = path;
    }
    FILE *f = fopen(file, "w");
    if (!f)
        return perror(file), 1;
    generate(f, nodes);
    long size = ftell(f);
    fclose(f);
    if (write_only) {
        printf("wrote %s: %d nodes, %ld bytes\n", file, nodes, size);
        return 0;
    }

    double *ms = malloc(sizeof(double) * (size_t)runs);
    size_t footprint = 0;
    int failed = 0;
    for (int r = 0; r < runs; r++) {
        fl_diags d;
        fl_scenario *s = NULL;
        fl_diags_init(&d, file);
        double t0 = now_ms();
        int rc = fl_scenario_load_file(&s, file, &d);
        ms[r] = now_ms() - t0;
        if (rc != 0 || d.count != 0) {
            fprintf(stderr, "the generated scenario did not load clean (%zu diagnostics)\n",
                    d.count);
            char line[512];
            for (size_t i = 0; i < d.count && i < 5; i++) {
                fl_diag_format(line, sizeof(line), file, &d.items[i]);
                fprintf(stderr, "%s\n", line);
            }
            failed = 1;
        }
        if (s)
            footprint = s->footprint;
        fl_scenario_free(s);
        fl_diags_clear(&d);
        if (failed)
            break;
    }
    unlink(file);
    if (failed)
        return 1;
    qsort(ms, (size_t)runs, sizeof(double), cmp_double);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double median = ms[runs / 2], mb = (double)footprint / (1024.0 * 1024.0);
    printf("load+lint of a %d-node scenario (%.1f MB file), %d runs:\n", nodes,
           (double)size / (1024.0 * 1024.0), runs);
    printf("  median %.1f ms   min %.1f ms   max %.1f ms   (budget: median <= 100 ms)\n", median,
           ms[0], ms[runs - 1]);
    printf("  loaded model %.2f MB   (budget: <= 20 MB); process peak RSS %.1f MB\n", mb,
           (double)ru.ru_maxrss / 1024.0);
    free(ms);
    char name[128];
    snprintf(name, sizeof(name), "load + lint, %d-node scenario (%.1f MB), median of %d", nodes,
             (double)size / (1024.0 * 1024.0), runs);
    bench_row(name, "<=", 100.0, median, "ms");
    bench_row("memory held by the loaded model", "<=", 20.0, mb, "MB");
    int ok = median <= 100.0 && mb <= 20.0;
    printf("  %s\n", ok ? "within budget" : "OVER BUDGET");
    return ok ? 0 : 1;
}
