/*
 * test_readfile.c - the one file reader (game/core/readfile.h) and the loader reading through
 * it: a regular file is read whole; a FIFO, a folder, a device, a UNIX socket, a file over the
 * limit (sparse) and a missing file each return at once with their own status and reason, in
 * English and Russian; a file whose size fstat() does not tell is read to its end and still
 * held to the limit; out of memory is a status, not a crash or a leak.
 *
 * Real things only: a real FIFO (mkfifo), a real bound socket, /dev/null, a sparse file made
 * with ftruncate. Every call that could block runs in a child process the test waits for with
 * a deadline: a regression (a blocking open of the FIFO) fails here in 5 s instead of hanging.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "alloc.h"
#include "catalogue.h"
#include "readfile.h"
#include "round.h"
#include "scenario.h"
#include "workshop.h"

#define DEADLINE_MS 5000

static char dir[64];

static char *in_dir(const char *name)
{
    static char path[4][256];
    static int next;
    char *p = path[next++ % 4];
    snprintf(p, sizeof(path[0]), "%s/%s", dir, name);
    return p;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "/tmp/fl-readfile-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* What fl_file_read() said of a path, found in a child process. */
typedef struct {
    int status, err;
    size_t len;
    char head[64]; /* the first bytes read, for a regular file */
    double ms;     /* how long the call took */
} outcome;

/* Runs fl_file_read(path, max) in a child and waits at most DEADLINE_MS for it: a call that
 * blocks is killed and fails the test with the path named, instead of hanging it. */
static outcome read_in_child(const char *path, size_t max)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        outcome o = {0};
        char *buf;
        double t0 = now_ms();
        o.status = fl_file_read(path, max, &buf, &o.len, &o.err);
        o.ms = now_ms() - t0;
        if (buf)
            snprintf(o.head, sizeof(o.head), "%.*s", (int)(o.len < 63 ? o.len : 63), buf);
        free(buf);
        ssize_t w = write(fds[1], &o, sizeof(o));
        _exit(w == (ssize_t)sizeof(o) ? 0 : 1);
    }
    close(fds[1]);
    struct pollfd p = {fds[0], POLLIN, 0};
    int ready = poll(&p, 1, DEADLINE_MS);
    outcome o = {0};
    if (ready <= 0) {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        close(fds[0]);
        fail_msg("fl_file_read(\"%s\") did not return within %d ms: it blocked", path, DEADLINE_MS);
    }
    ssize_t r = read(fds[0], &o, sizeof(o));
    close(fds[0]);
    int ws;
    waitpid(pid, &ws, 0);
    assert_int_equal(r, (ssize_t)sizeof(o));
    assert_true(WIFEXITED(ws) && WEXITSTATUS(ws) == 0);
    return o;
}

/* The reason in both languages contains the words expected. */
static void says(fl_file_status status, int err, const char *en, const char *ru)
{
    char buf[256];
    assert_non_null(strstr(fl_file_why(status, err, FL_LANG_EN, buf, sizeof(buf)), en));
    assert_non_null(strstr(fl_file_why(status, err, FL_LANG_RU, buf, sizeof(buf)), ru));
}

static void a_regular_file_is_read_whole(void **state)
{
    (void)state;
    const char *p = in_dir("a.xml");
    write_file(p, "<scenario/>\n");
    char *buf;
    size_t len;
    int err;
    assert_int_equal(fl_file_read(p, 1024, &buf, &len, &err), FL_FILE_OK);
    assert_int_equal(len, 12);
    assert_string_equal(buf, "<scenario/>\n"); /* NUL-terminated */
    free(buf);

    /* Exactly at the limit is allowed; one byte over is not, and is not read. */
    assert_int_equal(fl_file_read(p, 12, &buf, &len, &err), FL_FILE_OK);
    free(buf);
    assert_int_equal(fl_file_read(p, 11, &buf, &len, &err), FL_FILE_TOO_LARGE);
    assert_null(buf);
    assert_int_equal(len, 12);

    /* An empty file is an empty text. */
    const char *e = in_dir("empty.xml");
    write_file(e, "");
    assert_int_equal(fl_file_read(e, 1024, &buf, &len, &err), FL_FILE_OK);
    assert_int_equal(len, 0);
    assert_string_equal(buf, "");
    free(buf);

    /* The descriptor of a regular file comes back blocking and close-on-exec. */
    fl_file_status st;
    int fd = fl_file_open_regular(p, &st, &err);
    assert_true(fd >= 0);
    assert_int_equal(st, FL_FILE_OK);
    assert_int_equal(fcntl(fd, F_GETFL) & O_NONBLOCK, 0);
    assert_true(fcntl(fd, F_GETFD) & FD_CLOEXEC);
    close(fd);
}

static void a_fifo_returns_at_once(void **state)
{
    (void)state;
    const char *p = in_dir("pipe.xml");
    assert_int_equal(mkfifo(p, 0600), 0);
    outcome o = read_in_child(p, 1024);
    assert_int_equal(o.status, FL_FILE_FIFO);
    assert_true(o.ms < 1000);
    int err;
    assert_int_equal(fl_file_kind(p, &err), FL_FILE_FIFO);
    says(FL_FILE_FIFO, 0, "is a named pipe (FIFO), not a regular file",
         "это именованный канал (FIFO), а не обычный файл");

    /* With a writer waiting on the other end, it is still refused unread: a pipe's bytes are
     * never taken from whoever is writing them. */
    pid_t w = fork();
    assert_true(w >= 0);
    if (w == 0) {
        alarm(10);
        int fd = open(p, O_WRONLY); /* blocks until the reader opens */
        if (fd >= 0) {
            ssize_t n = write(fd, "<scenario/>", 11);
            (void)n;
            close(fd);
        }
        _exit(0);
    }
    o = read_in_child(p, 1024);
    assert_int_equal(o.status, FL_FILE_FIFO);
    kill(w, SIGKILL);
    waitpid(w, NULL, 0);
}

static void a_folder_a_device_and_a_socket_are_refused(void **state)
{
    (void)state;
    outcome o = read_in_child(dir, 1024);
    assert_int_equal(o.status, FL_FILE_FOLDER);
    says(FL_FILE_FOLDER, 0, "is a folder, not a regular file", "это папка, а не обычный файл");

    o = read_in_child("/dev/null", 1024);
    assert_int_equal(o.status, FL_FILE_DEVICE);
    says(FL_FILE_DEVICE, 0, "is a device, not a regular file", "это устройство");

    /* A bound UNIX socket: open() of it fails with ENXIO, which is said as what it is. */
    const char *p = in_dir("sock.xml");
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_true(s >= 0);
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    snprintf(a.sun_path, sizeof(a.sun_path), "%s", p);
    assert_int_equal(bind(s, (struct sockaddr *)&a, sizeof(a)), 0);
    assert_int_equal(listen(s, 1), 0);
    o = read_in_child(p, 1024);
    assert_int_equal(o.status, FL_FILE_SOCKET);
    says(FL_FILE_SOCKET, 0, "is a socket", "это сокет");
    close(s);
}

static void a_missing_file_says_why(void **state)
{
    (void)state;
    outcome o = read_in_child(in_dir("nothing-here.xml"), 1024);
    assert_int_equal(o.status, FL_FILE_ERRNO);
    assert_int_equal(o.err, ENOENT);
    says(FL_FILE_ERRNO, ENOENT, "does not exist", "не существует");
    int err;
    assert_int_equal(fl_file_kind(in_dir("nothing-here.xml"), &err), FL_FILE_ERRNO);
    assert_int_equal(err, ENOENT);
    /* A rare errno keeps the system's words after ours. */
    char buf[256];
    assert_non_null(strstr(fl_file_why(FL_FILE_ERRNO, EROFS, FL_LANG_RU, buf, sizeof(buf)),
                           "не удалось открыть или прочитать: "));
}

static void a_file_over_the_limit_is_not_read(void **state)
{
    (void)state;
    /* Sparse: 16 MiB + 1 byte on the file system's books, no blocks written. */
    const char *p = in_dir("huge.xml");
    int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, (off_t)FL_SCENARIO_MAX_BYTES + 1), 0);
    close(fd);
    fl_alloc_fail_at(0); /* counts from here */
    outcome o = read_in_child(p, FL_SCENARIO_MAX_BYTES);
    assert_int_equal(o.status, FL_FILE_TOO_LARGE);
    assert_int_equal(o.len, (size_t)FL_SCENARIO_MAX_BYTES + 1);
    assert_true(o.ms < 1000);
    /* Refused before any memory was taken for it. */
    char *buf;
    size_t len;
    int err;
    assert_int_equal(fl_file_read(p, FL_SCENARIO_MAX_BYTES, &buf, &len, &err), FL_FILE_TOO_LARGE);
    assert_int_equal(fl_alloc_count(), 0);
}

static void a_file_without_a_size_is_read_to_its_end(void **state)
{
    (void)state;
    /* /proc files are regular files whose fstat() size is 0: the reader must not trust the
     * size, and must still stop one byte past the limit (how growth while reading is seen). */
    char *buf;
    size_t len;
    int err;
    assert_int_equal(fl_file_read("/proc/self/status", 1 << 20, &buf, &len, &err), FL_FILE_OK);
    assert_true(len > 100);
    assert_non_null(strstr(buf, "Name:"));
    assert_int_equal(strlen(buf), len);
    free(buf);
    assert_int_equal(fl_file_read("/proc/self/status", 16, &buf, &len, &err), FL_FILE_TOO_LARGE);
    assert_null(buf);
    assert_int_equal(len, 17);
}

static void out_of_memory_is_a_status(void **state)
{
    (void)state;
    const char *p = in_dir("b.xml");
    write_file(p, "<scenario/>\n");
    char *buf;
    size_t len;
    int err;
    fl_alloc_fail_at(1);
    assert_int_equal(fl_file_read(p, 1024, &buf, &len, &err), FL_FILE_NOMEM);
    assert_null(buf);
    /* Growing past what fstat() said fails the second allocation: freed, no leak. */
    fl_alloc_fail_at(2);
    assert_int_equal(fl_file_read("/proc/self/status", 1 << 20, &buf, &len, &err), FL_FILE_NOMEM);
    assert_null(buf);
    fl_alloc_fail_at(0);
    says(FL_FILE_NOMEM, 0, "out of memory", "не хватило памяти");
}

/* The loaders of the three kinds of file, given a FIFO: one diagnostic of rule "io" saying
 * what it is, at once. Run in a child with a deadline, like the reads above. */
static void loaders_refuse_a_fifo_with_its_reason(void **state)
{
    (void)state;
    const char *p = in_dir("loader-pipe.xml");
    assert_int_equal(mkfifo(p, 0600), 0);
    for (int kind = 0; kind < 3; kind++) {
        int fds[2];
        assert_int_equal(pipe(fds), 0);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            close(fds[0]);
            fl_diags d;
            fl_diags_init(&d, p);
            int rc;
            if (kind == 0) {
                fl_scenario *s = NULL;
                rc = fl_scenario_load_file(&s, p, &d);
                fl_scenario_free(s);
            } else if (kind == 1) {
                fl_round_def *r = NULL;
                rc = fl_round_def_load_file(&r, p, &d);
                fl_round_def_free(r);
            } else {
                fl_workshop *w = NULL;
                rc = fl_workshop_load_file(&w, p, &d);
                fl_workshop_free(w);
            }
            char line[512];
            snprintf(line, sizeof(line), "%d %zu %s %u:%u %s", rc, d.count,
                     d.count ? d.items[0].rule : "-", d.count ? d.items[0].line : 9,
                     d.count ? d.items[0].column : 9, d.count ? d.items[0].message : "-");
            ssize_t w = write(fds[1], line, strlen(line) + 1);
            fl_diags_clear(&d);
            _exit(w > 0 ? 0 : 1);
        }
        close(fds[1]);
        struct pollfd pf = {fds[0], POLLIN, 0};
        if (poll(&pf, 1, DEADLINE_MS) <= 0) {
            kill(pid, SIGKILL);
            waitpid(pid, NULL, 0);
            fail_msg("loading the FIFO as file kind %d blocked", kind);
        }
        char got[512] = "";
        ssize_t n = read(fds[0], got, sizeof(got) - 1);
        close(fds[0]);
        waitpid(pid, NULL, 0);
        assert_true(n > 0);
        assert_string_equal(got, "-1 1 io 0:0 is a named pipe (FIFO), not a regular file: "
                                 "give the file itself, saved on disk");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_regular_file_is_read_whole),
        cmocka_unit_test(a_fifo_returns_at_once),
        cmocka_unit_test(a_folder_a_device_and_a_socket_are_refused),
        cmocka_unit_test(a_missing_file_says_why),
        cmocka_unit_test(a_file_over_the_limit_is_not_read),
        cmocka_unit_test(a_file_without_a_size_is_read_to_its_end),
        cmocka_unit_test(out_of_memory_is_a_status),
        cmocka_unit_test(loaders_refuse_a_fifo_with_its_reason),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
