/*
 * graph_render.c - the picture of `frontline graph --format svg|png`: Graphviz's dot, found on
 * PATH, run as a child process with posix_spawn (no shell, so no file name is ever parsed as a
 * command). The DOT text goes to its standard input through a pipe, its standard output straight
 * to the caller's file, its standard error to an unnamed temporary file that is shown when dot
 * fails (a pipe could fill up while dot writes warnings and we still write the text: a deadlock).
 *
 * Nothing waits forever: the text is written with poll() and the child is waited for until a
 * deadline, then killed, so a layout that would take hours gives a message instead. Depends on
 * POSIX and the catalogue.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "catalogue.h"
#include "graph.h"

extern char **environ;

/* Returns the path of the executable `name` in a folder of $PATH (malloc'd), or NULL. */
static char *find_on_path(const char *name)
{
    const char *path = getenv("PATH");
    if (!path || !*path)
        return NULL;
    size_t nlen = strlen(name);
    for (const char *p = path;;) {
        const char *end = strchr(p, ':');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        /* an empty entry is the current folder, as a shell reads it */
        char *full = malloc(len + nlen + 3);
        if (!full)
            return NULL;
        if (len)
            memcpy(full, p, len);
        else
            full[len++] = '.';
        full[len] = '/';
        memcpy(full + len + 1, name, nlen + 1);
        struct stat st;
        if (stat(full, &st) == 0 && S_ISREG(st.st_mode) && access(full, X_OK) == 0)
            return full;
        free(full);
        if (!end)
            return NULL;
        p = end + 1;
    }
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Writes text[0..len) to the non-blocking fd until all is written, the reader goes away (EPIPE:
 * dot stopped reading, its exit status says why) or the deadline passes. Returns 0, 1 when the
 * reader went away, -1 on the deadline or another error (errno set). */
static int write_all(int fd, const char *text, size_t len, long long deadline)
{
    while (len > 0) {
        ssize_t n = write(fd, text, len);
        if (n > 0) {
            text += n;
            len -= (size_t)n;
            continue;
        }
        if (n < 0 && errno == EPIPE)
            return 1;
        if (n < 0 && errno != EAGAIN && errno != EINTR)
            return -1;
        long long left = deadline - now_ms();
        if (left <= 0) {
            errno = ETIMEDOUT;
            return -1;
        }
        struct pollfd pfd = {fd, POLLOUT, 0};
        if (poll(&pfd, 1, left > 1000 ? 1000 : (int)left) < 0 && errno != EINTR)
            return -1;
    }
    return 0;
}

/* Waits for the child until the deadline. Returns 0 with *status set, or -1 when the deadline
 * passed (the child is killed and reaped). */
static int wait_until(pid_t pid, int *status, long long deadline)
{
    for (;;) {
        pid_t r = waitpid(pid, status, WNOHANG);
        if (r == pid)
            return 0;
        if (r < 0 && errno != EINTR)
            return 0; /* nothing to wait for: report what status holds */
        if (now_ms() >= deadline) {
            kill(pid, SIGKILL);
            while (waitpid(pid, status, 0) < 0 && errno == EINTR)
                ;
            return -1;
        }
        struct timespec nap = {0, 20 * 1000000};
        nanosleep(&nap, NULL);
    }
}

/* Copies what dot printed on its standard error (the file err) to ours, at most 16 KB. */
static void show_errors(FILE *err)
{
    char buf[4096];
    size_t total = 0, n;
    int last = '\n';
    rewind(err);
    while (total < 16384 && (n = fread(buf, 1, sizeof(buf), err)) > 0) {
        fwrite(buf, 1, n, stderr);
        total += n;
        last = (unsigned char)buf[n - 1];
    }
    if (last != '\n')
        fputc('\n', stderr);
}

/* A pipe whose ends close in a child at exec: the child gets its read end as standard input
 * only (dup2 clears the flag there), and never holds the write end, so it sees the end of the
 * text when we close ours. */
static int cloexec_pipe(int fds[2])
{
    if (pipe(fds) < 0)
        return -1;
    for (int i = 0; i < 2; i++)
        fcntl(fds[i], F_SETFD, FD_CLOEXEC);
    return 0;
}

int fl_graph_render(const char *text, size_t len, const char *format, int out_fd, int max_seconds,
                    uint32_t n_nodes, int lang)
{
    char *dot = find_on_path("dot");
    if (!dot) {
        fprintf(stderr, "frontline graph: ");
        fprintf(stderr, fl_word(FL_W_GRAPH_ERR_NO_DOT, lang), format);
        fputc('\n', stderr);
        return 1;
    }
    int rc = 1, fds[2] = {-1, -1}, spawned = 0, status = 0;
    pid_t pid = -1;
    FILE *err = tmpfile();
    posix_spawn_file_actions_t fa;
    int have_fa = 0;
    char type[16];
    snprintf(type, sizeof(type), "-T%s", format);
    char *argv[] = {"dot", type, NULL};
    struct sigaction ign = {0}, old;
    ign.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &ign, &old); /* a dot that stops reading must not kill us */

    if (!err || cloexec_pipe(fds) < 0 || posix_spawn_file_actions_init(&fa) != 0) {
        fprintf(stderr, "frontline graph: ");
        fprintf(stderr, fl_word(FL_W_GRAPH_ERR_RUN, lang), dot, strerror(errno));
        fputc('\n', stderr);
        goto out;
    }
    have_fa = 1;
    posix_spawn_file_actions_adddup2(&fa, fds[0], 0);
    posix_spawn_file_actions_adddup2(&fa, out_fd, 1);
    posix_spawn_file_actions_adddup2(&fa, fileno(err), 2);
    int e = posix_spawn(&pid, dot, &fa, NULL, argv, environ);
    if (e != 0) {
        fprintf(stderr, "frontline graph: ");
        fprintf(stderr, fl_word(FL_W_GRAPH_ERR_RUN, lang), dot, strerror(e));
        fputc('\n', stderr);
        goto out;
    }
    spawned = 1;
    close(fds[0]);
    fds[0] = -1;
    fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK);
    long long deadline = now_ms() + (long long)max_seconds * 1000;
    int w = write_all(fds[1], text, len, deadline);
    int write_errno = errno;
    close(fds[1]);
    fds[1] = -1;
    if (w < 0 && write_errno != ETIMEDOUT) {
        fprintf(stderr, "frontline graph: ");
        fprintf(stderr, fl_word(FL_W_GRAPH_ERR_RUN, lang), dot, strerror(write_errno));
        fputc('\n', stderr);
        kill(pid, SIGKILL);
    }
    int timely = wait_until(pid, &status, deadline) == 0 && !(w < 0 && write_errno == ETIMEDOUT);
    spawned = 0;
    if (!timely) {
        fprintf(stderr, "frontline graph: ");
        fprintf(stderr, fl_word(FL_W_GRAPH_ERR_DOT_SLOW, lang), max_seconds, n_nodes);
        fputc('\n', stderr);
    } else if (w < 0) {
        /* reported above */
    } else if (WIFSIGNALED(status)) {
        fprintf(stderr, "frontline graph: ");
        fprintf(stderr, fl_word(FL_W_GRAPH_ERR_DOT_SIGNAL, lang), WTERMSIG(status));
        fputc('\n', stderr);
        show_errors(err);
    } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "frontline graph: ");
        fprintf(stderr, fl_word(FL_W_GRAPH_ERR_DOT_EXIT, lang),
                WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        fputc('\n', stderr);
        show_errors(err);
    } else {
        show_errors(err); /* warnings, if any: dot drew the picture anyway */
        rc = 0;
    }
out:
    if (spawned) {
        kill(pid, SIGKILL);
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
            ;
    }
    if (fds[0] >= 0)
        close(fds[0]);
    if (fds[1] >= 0)
        close(fds[1]);
    if (have_fa)
        posix_spawn_file_actions_destroy(&fa);
    if (err)
        fclose(err);
    sigaction(SIGPIPE, &old, NULL);
    free(dot);
    return rc;
}
