/*
 * bench_store.c - the results store's budgets (issue 4), on real files on this disk:
 *   1. writing one turn (a customer line and the reply, one committed transaction, WAL with
 *      synchronous=FULL as the simulator writes it): median at most 2 ms;
 *   2. `frontline report --format csv` of 100,000 sessions (each with 5 turns and 2 findings):
 *      at most 1 s, the whole process, median of 3 runs;
 *   3. `frontline report --format html` of 1,000 sessions: at most 1 s, median of 3 runs.
 * usage: bench_store FRONTLINE [DIR]   (DIR: where the files go, default the current folder)
 * Prints the figures; exits 1 when a budget is missed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"
#include "store.h"

static fl_record_turn turns[5];
static fl_record_finding findings[2];

static void fill(fl_record *r, int i, int64_t start)
{
    static char trainee[32], group[16];
    memset(r, 0, sizeof(*r));
    fl_uuid4(r->id);
    fl_uuid4(r->xapi_id);
    snprintf(trainee, sizeof(trainee), "Стажёр %d", i % 30);
    snprintf(group, sizeof(group), "Группа %d", i % 4);
    r->trainee = trainee;
    r->group = group;
    r->scenario_id = i % 3 ? "late-delivery" : "refund-refused";
    r->scenario_title = i % 3 ? "Late delivery" : "Refund refused";
    r->scenario_lang = "en";
    r->scenario_version = 1;
    r->content_hash = "0123456789abcdef";
    r->mode = i % 2 ? "practice" : "assessment";
    r->player = "script";
    r->started_ms = start;
    r->ended_ms = start + 90000;
    r->finished = i % 10 != 0;
    r->outcome = "resolved";
    r->overall = (i * 37) % 101;
    r->band[0] = "FDCBA"[r->overall / 21];
    r->passed = r->overall >= 70;
    for (int d = 0; d < FL_DIM_COUNT; d++) {
        r->score[d] = (i * (d + 3)) % 101;
        r->applicable[d] = d != FL_DIM_RESPONSIVENESS || i % 2;
    }
    r->csat = 1 + i % 5;
    r->ces = 1 + i % 7;
    r->nps = i % 11;
    r->program_version = FL_VERSION;
    r->n_replies = 2;
    for (int k = 0; k < 5; k++) {
        fl_record_turn *t = &turns[k];
        memset(t, 0, sizeof(*t));
        t->seq = (uint32_t)k;
        t->turn = (uint32_t)(k / 2 + 1);
        t->speaker = k % 2 ? FL_SPEAKER_TRAINEE : FL_SPEAKER_CUSTOMER;
        t->node = "start";
        t->text = k % 2 ? "I'm sorry about the wait. Let me check where your parcel is right now."
                        : "My parcel is three days late and nobody answers the phone!";
        t->kind = k % 2 ? "choice" : NULL;
        t->reply = k % 2 ? "start/r-1" : NULL;
        t->signals = k % 2 ? "apology empathy ownership" : NULL;
        t->emotion = k % 2 ? NULL : "angry";
        t->at_ms = start + k * 1000;
        if (k % 2)
            fl_uuid4(t->xapi_id);
    }
    r->turns = turns;
    r->n_turns = 5;
    findings[0] = (fl_record_finding){.turn = 1,
                                      .dimension = "apology",
                                      .points = -40,
                                      .severity = "mistake",
                                      .rule = "apology-late",
                                      .message = "The apology came only in the third reply.",
                                      .better = "Apologise in your first or second reply.",
                                      .reply = "start/r-1"};
    findings[1] = (fl_record_finding){.turn = 2,
                                      .dimension = "ownership",
                                      .points = -40,
                                      .severity = "mistake",
                                      .rule = "transfer",
                                      .message = "You passed the customer to another department.",
                                      .better = "Say what you will do yourself.",
                                      .reply = "start/r-2",
                                      .critical = 1};
    r->findings = findings;
    r->n_findings_loaded = 2;
    r->n_findings = 2;
}

static int make_store(const char *path, int n)
{
    unlink(path);
    char err[1024];
    fl_store *st;
    if (fl_store_open(&st, path, 0, err, sizeof(err)) != FL_STORE_OK) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    int64_t start = 1795400000000;
    for (int i = 0; i < n; i++) {
        if (i % 10000 == 0 && (i && fl_store_end_batch(st, err, sizeof(err)) != FL_STORE_OK))
            break;
        if (i % 10000 == 0 && fl_store_begin_batch(st, err, sizeof(err)) != FL_STORE_OK)
            break;
        fl_record r;
        fill(&r, i, start + (int64_t)i * 60000);
        int existed;
        if (fl_store_put(st, &r, &existed, err, sizeof(err)) != FL_STORE_OK) {
            fprintf(stderr, "%s\n", err);
            fl_store_close(st);
            return -1;
        }
    }
    fl_store_end_batch(st, err, sizeof(err));
    fl_store_close(st);
    return 0;
}

/* Runs frontline report on db into /dev/null; returns the wall time in ms, or -1. */
static double time_report(const char *frontline, const char *db, const char *format)
{
    double t0 = now_ms();
    pid_t pid = fork();
    if (pid == 0) {
        execl(frontline, frontline, "report", "--db", db, "--format", format, "--no-progress", "-o",
              "/dev/null", "--force", (char *)NULL);
        _exit(127);
    }
    int status;
    if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
        return -1;
    return now_ms() - t0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_store FRONTLINE [DIR]\n");
        return 2;
    }
    const char *frontline = argv[1], *dir = argc > 2 ? argv[2] : ".";
    char path[4096], err[1024];
    int fail = 0;

    /* 1. one turn, as the recorder writes it */
    snprintf(path, sizeof(path), "%s/bench-turns.sqlite", dir);
    unlink(path);
    fl_store *st;
    if (fl_store_open(&st, path, 0, err, sizeof(err)) != FL_STORE_OK) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    enum { N = 400 };
    static double ms[N];
    fl_record r;
    fill(&r, 1, 1795400000000);
    fl_store_session_begin(st, &r, err, sizeof(err));
    fl_record_turn pair[2];
    for (int i = 0; i < N; i++) {
        pair[0] = turns[0];
        pair[1] = turns[1];
        pair[0].seq = (uint32_t)(2 * i);
        pair[1].seq = (uint32_t)(2 * i + 1);
        pair[0].turn = pair[1].turn = (uint32_t)(i + 1);
        fl_uuid4(pair[1].xapi_id);
        double t0 = now_ms();
        if (fl_store_session_turns(st, r.id, pair, 2, (uint32_t)(i + 1), err, sizeof(err)) !=
            FL_STORE_OK) {
            fprintf(stderr, "%s\n", err);
            return 1;
        }
        ms[i] = now_ms() - t0;
    }
    fl_store_close(st);
    double med = median(ms, N);
    printf("turn write (WAL, synchronous=FULL, %d turns): median %.3f ms, p90 %.3f ms, p99 %.3f "
           "ms (budget median 2 ms)\n",
           N, med, ms[N * 9 / 10], ms[N * 99 / 100]);
    fail |= med > 2.0;
    unlink(path);

    /* 2. CSV of 100,000 sessions */
    snprintf(path, sizeof(path), "%s/bench-100k.sqlite", dir);
    double t0 = now_ms();
    if (make_store(path, 100000) < 0)
        return 1;
    printf("made a store of 100,000 sessions (500,000 turns) in %.1f s\n", (now_ms() - t0) / 1e3);
    double runs[3];
    for (int i = 0; i < 3; i++)
        runs[i] = time_report(frontline, path, "csv");
    double csv = median(runs, 3);
    printf("report --format csv, 100,000 sessions: median %.0f ms of 3 (%.0f, %.0f) (budget "
           "1000 ms)\n",
           csv, runs[0], runs[2]);
    fail |= csv < 0 || csv > 1000;
    unlink(path);

    /* 3. HTML of 1,000 sessions */
    snprintf(path, sizeof(path), "%s/bench-1k.sqlite", dir);
    if (make_store(path, 1000) < 0)
        return 1;
    for (int i = 0; i < 3; i++)
        runs[i] = time_report(frontline, path, "html");
    double html = median(runs, 3);
    printf("report --format html, 1,000 sessions: median %.0f ms of 3 (%.0f, %.0f) (budget "
           "1000 ms)\n",
           html, runs[0], runs[2]);
    fail |= html < 0 || html > 1000;
    unlink(path);
    return fail;
}
