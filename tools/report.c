/*
 * report.c - `frontline report`: the sessions and stress rounds of one or several results
 * stores, filtered, merged and exported as CSV (with --rounds, one row per round), JSON, xAPI
 * statements or an HTML report.
 *
 * The stores are opened read-only (a report never changes a results file). Sessions come in
 * start-time order across all stores, each once (store.c deduplicates by session id), and go
 * to the chosen format (report.h); the rounds, few, are read first and each is handed over just
 * before the first session that started at or after it. Output to a file is written beside it under
 * a temporary name and renamed at the end, so a failed export never leaves half a file, and an
 * existing file is replaced only with --force.
 */
#define _GNU_SOURCE /* O_TMPFILE */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "catalogue.h"
#include "commands.h"
#include "format.h"
#include "opts.h"
#include "readfile.h"
#include "report.h"
#include "store.h"
#include "utf8.h"

/* The command's words (help, usage, errors) in the user's language (commands.h); the report
 * itself speaks --lang, by default the same language. */
static const char *U(fl_word_id id)
{
    return fl_word(id, fl_user_lang());
}

/* "frontline report: " and the message: the catalogue's format `id` with its arguments. */
static void complain(int id, ...)
{
    va_list ap;
    fputs("frontline report: ", stderr);
    va_start(ap, id);
    vfprintf(stderr, U((fl_word_id)id), ap);
    va_end(ap);
    fputc('\n', stderr);
}

/* "frontline report: message" and the pointer to --help, as fl_usage_error (main.c) prints it,
 * kept here so that report.c links without main.c (the fuzz target of fl_report_check_args).
 * Returns 2, the usage exit status. */
static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
    va_list ap;
    fputs("frontline report: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    fprintf(stderr, U(FL_W_CMD_SEE_HELP), "report");
    fputc('\n', stderr);
    return 2;
}

/* Parses a local date or date-time; end_of_day moves a date alone to the next midnight.
 * Returns 0 or -1. */
static int parse_date(const char *s, int end_of_day, int64_t *ms)
{
    struct tm tm = {0};
    int y, mo, d, h = 0, mi = 0, n = 0;
    int fields = sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n);
    if (fields != 3 || n != 10)
        return -1;
    int date_only = s[10] == '\0';
    if (!date_only) {
        int n2 = 0;
        if ((s[10] != 'T' && s[10] != ' ') || sscanf(s + 11, "%2d:%2d%n", &h, &mi, &n2) != 2 ||
            s[11 + n2] != '\0' || n2 != 5)
            return -1;
    }
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59)
        return -1;
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_isdst = -1;
    /* mktime normalises 2026-02-30 to March: refuse a date it had to change */
    if (mktime(&tm) == (time_t)-1 || tm.tm_mday != d || tm.tm_mon != mo - 1)
        return -1;
    if (end_of_day) {
        /* --until includes the day named (or the minute) */
        tm.tm_mday = d + date_only;
        tm.tm_hour = h;
        tm.tm_min = mi + !date_only;
        tm.tm_sec = 0;
        tm.tm_isdst = -1;
    }
    time_t t = mktime(&tm);
    if (t == (time_t)-1)
        return -1;
    *ms = (int64_t)t * 1000;
    return 0;
}

typedef struct {
    const fl_report_format *fmt;
    void *ctx;
    int64_t total, done;
    int progress;
    int last_shown; /* permille */
    FILE *out;
    fl_round_record *rounds; /* in start order */
    size_t n_rounds, next_round;
} run;

/* Hands the format the rounds not given yet that started at or before until_ms. */
static int rounds_until(run *r, int64_t until_ms)
{
    while (r->next_round < r->n_rounds && r->rounds[r->next_round].started_ms <= until_ms)
        if (r->fmt->round(r->ctx, &r->rounds[r->next_round++]) < 0)
            return -1;
    return 0;
}

static void show_progress(run *r, int final)
{
    int permille = r->total ? (int)(r->done * 1000 / r->total) : 1000;
    if (!final && permille < r->last_shown + 5)
        return;
    r->last_shown = permille;
    char bar[31];
    int filled = permille * 30 / 1000;
    for (int i = 0; i < 30; i++)
        bar[i] = i < filled ? '#' : '.';
    bar[30] = '\0';
    char form[64];
    fprintf(
        stderr, "\rfrontline report: [%s] %3d%% %lld/%lld %s%s", bar, permille / 10,
        (long long)r->done, (long long)r->total,
        fl_plural(form, sizeof(form), fl_user_lang(), (long long)r->total, U(FL_W_CMD_PL_SESSIONS)),
        final ? "\n" : "");
    fflush(stderr);
}

static int each_session(void *ctx, const fl_record *rec)
{
    run *r = ctx;
    if (rounds_until(r, rec->started_ms) < 0 || r->fmt->session(r->ctx, rec) < 0)
        return -1;
    r->done++;
    if (r->progress && (r->done & 255) == 0)
        show_progress(r, 0);
    if ((r->done & 4095) == 0 && ferror(r->out))
        return -1;
    return 0;
}

/* Whether item is one of the ", "-separated names of list. */
static int listed(const char *list, const char *item)
{
    size_t len = strlen(item);
    for (const char *p = list; *p;) {
        const char *end = strstr(p, ", ");
        size_t l = end ? (size_t)(end - p) : strlen(p);
        if (l == len && memcmp(p, item, len) == 0)
            return 1;
        if (!end)
            break;
        p = end + 2;
    }
    return 0;
}

static int check_value(fl_store **stores, size_t n, char what, const char *value,
                       const char *option)
{
    for (size_t i = 0; i < n; i++)
        if (fl_store_has_value(stores[i], what, value))
            return 0;
    /* the distinct names over every store: a group on two laptops is one group */
    char names[512] = "", one[512];
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        if (!fl_store_values(stores[i], what, one, sizeof(one)))
            continue;
        for (char *item = one, *next; item; item = next) {
            next = strstr(item, ", ");
            if (next) {
                *next = '\0';
                next += 2;
            }
            if (!*item || listed(names, item))
                continue;
            count++;
            if (strlen(names) + strlen(item) + 3 < sizeof(names))
                snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s%s",
                         names[0] ? ", " : "", item);
        }
    }
    /* the kind in two cases: "no group at all" (NONE_*), "no such group" (SUCH_*) */
    static const struct {
        char what;
        fl_word_id none, such;
    } kinds[] = {
        {'g', FL_W_CMD_RPT_NONE_GROUP, FL_W_CMD_RPT_SUCH_GROUP},
        {'t', FL_W_CMD_RPT_NONE_TRAINEE, FL_W_CMD_RPT_SUCH_TRAINEE},
        {'r', FL_W_CMD_RPT_NONE_ROUND, FL_W_CMD_RPT_SUCH_ROUND},
        {'w', FL_W_CMD_RPT_NONE_WORKSHOP, FL_W_CMD_RPT_SUCH_WORKSHOP},
        {'d', FL_W_CMD_RPT_NONE_DAY, FL_W_CMD_RPT_SUCH_DAY},
        {0, FL_W_CMD_RPT_NONE_SCENARIO, FL_W_CMD_RPT_SUCH_SCENARIO},
    };
    size_t k = 0;
    while (kinds[k].what && kinds[k].what != what)
        k++;
    if (!count)
        return usage_error(U(n > 1 ? FL_W_CMD_RPT_STORES_HAVE_NO : FL_W_CMD_RPT_STORE_HAS_NO),
                           option, value, U(kinds[k].none));
    return usage_error(U(count > 1 ? FL_W_CMD_RPT_NO_SUCH_ARE : FL_W_CMD_RPT_NO_SUCH_IS), option,
                       value, U(kinds[k].such), names);
}

/* ---- the output: never over a store, never half a file, nothing left behind ---------------- */

/* The first bytes of the files an SQLite database is made of: the database itself, its
 * rollback journal, and its write-ahead log (two byte orders). */
static const unsigned char sqlite_magic[16] = "SQLite format 3";
static const unsigned char journal_magic[8] = {0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7};
static const unsigned char wal_magic[2][4] = {{0x37, 0x7f, 0x06, 0x82}, {0x37, 0x7f, 0x06, 0x83}};

/* What the file at path starts with: 1 an SQLite database, 2 a journal or log of one, 0 anything
 * else (or nothing, or not a regular file: opened without blocking, so a FIFO is never waited
 * on). */
static int sqlite_kind(const char *path)
{
    fl_file_status fs;
    int e;
    int fd = fl_file_open_regular(path, &fs, &e);
    if (fd < 0)
        return 0;
    unsigned char head[16];
    ssize_t n = read(fd, head, sizeof(head));
    close(fd);
    if (n == (ssize_t)sizeof(head) && memcmp(head, sqlite_magic, sizeof(head)) == 0)
        return 1;
    if (n >= 8 && memcmp(head, journal_magic, 8) == 0)
        return 2;
    if (n >= 4 && (memcmp(head, wal_magic[0], 4) == 0 || memcmp(head, wal_magic[1], 4) == 0))
        return 2;
    return 0;
}

/* The files SQLite keeps beside a database: a store's output must be none of them either. */
static const char *const store_companions[] = {"", "-journal", "-wal", "-shm"};
#define N_COMPANIONS (sizeof(store_companions) / sizeof(store_companions[0]))

/* Whether sb is db or one of its companions (the same file: same device and inode, however it
 * is named: a symbolic link, a hard link, "./x", another mount of it). */
static int is_store_file(const struct stat *sb, const char *db)
{
    char name[4200];
    struct stat d;
    for (size_t k = 0; k < N_COMPANIONS; k++) {
        snprintf(name, sizeof(name), "%s%s", db, store_companions[k]);
        if (stat(name, &d) == 0 && d.st_dev == sb->st_dev && d.st_ino == sb->st_ino)
            return 1;
    }
    return 0;
}

/*
 * Refuses an output that is a results store, or would write over one: one of the --db stores
 * or its journal, log or shared-memory file (by identity, so also through a link or another
 * path), any file that starts as an SQLite database, journal or log does, or a name that would
 * become the -journal/-wal/-shm of an SQLite database beside it. Standard output redirected
 * into a store (`>> results.sqlite`) is refused too. --force never overrides this: a CSV over a
 * results file destroys every session in it. Returns 0, or 2 (the usage exit status) after
 * saying why.
 */
static int guard_stores(const char *output, const char *const *dbs, size_t n)
{
    struct stat sb;
    if (!output || !strcmp(output, "-")) {
        if (fstat(STDOUT_FILENO, &sb) < 0 || !S_ISREG(sb.st_mode))
            return 0;
        for (size_t i = 0; i < n; i++)
            if (is_store_file(&sb, dbs[i])) {
                complain(FL_W_OUT_STDOUT_IS_STORE, dbs[i]);
                return 2;
            }
        /* appended (>>) to another SQLite file: read its head through /proc */
        if (sb.st_size >= 16 && sqlite_kind("/proc/self/fd/1")) {
            complain(FL_W_OUT_STDOUT_IS_SQLITE);
            return 2;
        }
        return 0;
    }
    if (stat(output, &sb) == 0) {
        for (size_t i = 0; i < n; i++)
            if (is_store_file(&sb, dbs[i])) {
                complain(FL_W_OUT_IS_STORE, output, dbs[i]);
                return 2;
            }
        int kind = S_ISREG(sb.st_mode) ? sqlite_kind(output) : 0;
        if (kind) {
            complain(kind == 1 ? FL_W_OUT_IS_SQLITE : FL_W_OUT_IS_JOURNAL, output);
            return 2;
        }
    }
    /* "results.sqlite-wal" not there yet: writing it would hand SQLite a log it never wrote */
    size_t len = strlen(output);
    for (size_t k = 1; k < N_COMPANIONS; k++) {
        size_t sl = strlen(store_companions[k]);
        if (len <= sl || strcmp(output + len - sl, store_companions[k]) != 0)
            continue;
        char base[4200];
        snprintf(base, sizeof(base), "%.*s", (int)(len - sl), output);
        if (sqlite_kind(base) == 1) {
            complain(FL_W_OUT_IS_JOURNAL_OF, output, base);
            return 2;
        }
    }
    return 0;
}

/* The suffix of a named temporary export: "week47.csv.frontline-tmp-4711". */
#define TMP_MARK                                                                                   \
    "."                                                                                            \
    "frontline-tmp-"

/* Whether name ends in mark followed by a process id; gives the id. */
static int temp_pid(const char *name, const char *mark, long *pid)
{
    const char *m = strstr(name, mark);
    while (m && strstr(m + 1, mark))
        m = strstr(m + 1, mark);
    if (!m || m == name)
        return 0;
    const char *d = m + strlen(mark);
    if (!*d)
        return 0;
    for (const char *p = d; *p; p++)
        if (*p < '0' || *p > '9')
            return 0;
    if (strlen(d) > 9)
        return 0;
    *pid = strtol(d, NULL, 10);
    return *pid > 0;
}

/*
 * Removes the temporaries that an export killed before it finished left in dir: files named
 * "*.frontline-tmp-PID", and "<target>.tmp-PID" that earlier versions wrote, whose PID is no
 * running process (kill(pid, 0) says ESRCH). A file of a live process, possibly another export
 * at work, is left alone. Best effort: says nothing unless something was removed.
 */
static void remove_stale(const char *dir, const char *target_base)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    size_t tl = strlen(target_base), removed = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        long pid = 0;
        int ours = temp_pid(e->d_name, TMP_MARK, &pid);
        if (!ours && !strncmp(e->d_name, target_base, tl) && !strncmp(e->d_name + tl, ".tmp-", 5))
            ours = temp_pid(e->d_name, ".tmp-", &pid);
        if (!ours || pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue;
        if (unlinkat(dirfd(d), e->d_name, 0) == 0)
            removed++;
    }
    closedir(d);
    if (removed)
        complain(FL_W_OUT_STALE_REMOVED, dir, (unsigned long)removed);
}

/* Where the export goes while it is written. */
typedef struct {
    FILE *f;          /* stdout, the special file, or the temporary */
    const char *path; /* -o FILE; NULL for standard output */
    int special;      /* a device or a pipe, written straight into */
    int unnamed;      /* an O_TMPFILE file: no name until it is linked into place */
    int force;        /* replace path if it is there */
    char tmp[4200];   /* the named temporary (the fallback, or --force's last step) */
    char dir[4200];   /* path's folder */
} sink;

/*
 * Opens where the export is written. A file (-o FILE) is written first where a crash cannot
 * strand it: on Linux an unnamed file in the target's folder (open(dir, O_TMPFILE)), which the
 * kernel frees if the process dies, and which gets its name only once it is complete. Where the
 * file system has no O_TMPFILE (or FRONTLINE_NAMED_TEMP=1 is set, for the tests of this path),
 * a named "FILE.frontline-tmp-PID" beside it, which the next export in that folder removes if
 * its process is gone. Returns 0, or 1 after a message.
 */
static int sink_open(sink *o, const char *output, int force)
{
    memset(o, 0, sizeof(*o));
    o->f = stdout;
    o->force = force;
    if (!output || !strcmp(output, "-"))
        return 0;
    o->path = output;
    struct stat sb;
    if (stat(output, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        complain(FL_W_CMD_RPT_FOLDER, output);
        return 1;
    }
    if (stat(output, &sb) == 0 && !S_ISREG(sb.st_mode)) {
        /* a device, a pipe, /dev/stdout: written straight into, never replaced */
        o->special = 1;
        if (!(o->f = fopen(output, "wb"))) {
            complain(FL_W_CMD_RPT_CANNOT_WRITE, output, strerror(errno));
            return 1;
        }
        return 0;
    }
    if (!force && access(output, F_OK) == 0) {
        complain(FL_W_CMD_RPT_EXISTS, output);
        return 1;
    }
    const char *slash = strrchr(output, '/');
    if (!slash)
        snprintf(o->dir, sizeof(o->dir), ".");
    else if (slash == output)
        snprintf(o->dir, sizeof(o->dir), "/");
    else
        snprintf(o->dir, sizeof(o->dir), "%.*s", (int)(slash - output), output);
    remove_stale(o->dir, slash ? slash + 1 : output);
    const char *named = getenv("FRONTLINE_NAMED_TEMP");
    int fd = -1;
#ifdef O_TMPFILE
    /* linkat() names the file through /proc/self/fd: without /proc, a named temporary */
    if ((!named || strcmp(named, "1") != 0) && access("/proc/self/fd", X_OK) == 0) {
        fd = open(o->dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
        /* EISDIR: a kernel without O_TMPFILE; EOPNOTSUPP: a file system without it */
        if (fd < 0 && errno != EISDIR && errno != EOPNOTSUPP && errno != EINVAL) {
            complain(FL_W_CMD_RPT_CANNOT_WRITE, output, strerror(errno));
            return 1;
        }
        o->unnamed = fd >= 0;
    }
#endif
    (void)named;
    if (fd < 0) {
        snprintf(o->tmp, sizeof(o->tmp), "%s" TMP_MARK "%ld", output, (long)getpid());
        fd = open(o->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0666);
        if (fd < 0) {
            complain(FL_W_CMD_RPT_CANNOT_WRITE, output, strerror(errno));
            o->tmp[0] = '\0';
            return 1;
        }
    }
    if (!(o->f = fdopen(fd, "wb"))) {
        complain(FL_W_CMD_RPT_CANNOT_WRITE, output, strerror(errno));
        close(fd);
        if (o->tmp[0])
            unlink(o->tmp);
        o->tmp[0] = '\0';
        return 1;
    }
    return 0;
}

/* Makes a rename or link in o->dir durable (the file's data was synced before). */
static void sync_dir(const sink *o)
{
    int d = open(o->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (d >= 0) {
        fsync(d);
        close(d);
    }
}

/* Gives the complete unnamed file its name: the target itself when it is not there (never
 * replacing one that appeared meanwhile without --force), else, with --force, a named
 * temporary renamed over it. Returns 0 or -1 with errno. */
static int link_unnamed(sink *o)
{
    char proc[64];
    snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fileno(o->f));
    int rc = linkat(AT_FDCWD, proc, AT_FDCWD, o->path, AT_SYMLINK_FOLLOW);
    if (rc == 0 || errno != EEXIST || !o->force)
        return rc;
    snprintf(o->tmp, sizeof(o->tmp), "%s" TMP_MARK "%ld", o->path, (long)getpid());
    unlink(o->tmp);
    if (linkat(AT_FDCWD, proc, AT_FDCWD, o->tmp, AT_SYMLINK_FOLLOW) < 0) {
        o->tmp[0] = '\0';
        return -1;
    }
    return rename(o->tmp, o->path);
}

/* Puts the named temporary in place: rename over the target with --force, else a link that
 * fails if the target appeared meanwhile (or, where the file system has no hard links, a rename
 * after one more look). Returns 0 or -1 with errno. */
static int place_named(sink *o)
{
    if (o->force)
        return rename(o->tmp, o->path);
    if (link(o->tmp, o->path) == 0)
        return unlink(o->tmp) < 0 && errno != ENOENT ? -1 : 0;
    if (errno == EEXIST)
        return -1;
    if (access(o->path, F_OK) == 0) {
        errno = EEXIST;
        return -1;
    }
    return rename(o->tmp, o->path);
}

/*
 * Finishes the output: flushes it, and for a file syncs it to the disk and only then gives it
 * its name, so the target is either the previous file or the whole new one. On failure (status
 * nonzero, or any write error now) nothing is left: the temporary is removed or, unnamed, freed
 * by the kernel. Returns the status, 1 after a message for a new failure.
 */
static int sink_close(sink *o, int status)
{
    const char *name = o->path ? o->path : U(FL_W_GRAPH_STDOUT);
    if (!o->f)
        return status;
    if ((fflush(o->f) != 0 || ferror(o->f)) && !status) {
        complain(FL_W_CMD_RPT_CANNOT_WRITE, name, strerror(errno ? errno : EIO));
        status = 1;
    }
    if (!o->path) /* standard output: the caller's to close */
        return status;
    if (!o->special && !status && fsync(fileno(o->f)) < 0) {
        complain(FL_W_CMD_RPT_CANNOT_WRITE, name, strerror(errno));
        status = 1;
    }
    if (!o->special && !status) {
        int rc = o->unnamed ? link_unnamed(o) : place_named(o);
        if (rc < 0 && errno == EEXIST) {
            complain(FL_W_CMD_RPT_EXISTS, o->path);
            status = 1;
        } else if (rc < 0) {
            complain(FL_W_CMD_RPT_CANNOT_WRITE, name, strerror(errno));
            status = 1;
        } else {
            o->tmp[0] = '\0';
            sync_dir(o);
        }
    }
    if (fclose(o->f) != 0 && !status) {
        complain(FL_W_CMD_RPT_CANNOT_WRITE, name, strerror(errno));
        status = 1;
    }
    o->f = NULL;
    if (o->tmp[0])
        unlink(o->tmp);
    return status;
}

/* Everything `frontline report` takes from its arguments (parse_args). The strings point into
 * argv; dbs is calloc'd and freed by args_free. */
typedef struct {
    const char **dbs;
    size_t n_dbs;
    const char *output, *lang;
    const fl_report_format *fmt;
    fl_store_filter filter;
    fl_report_opts opts;
    int force, progress, help;
} report_args;

static void args_free(report_args *a)
{
    free(a->dbs);
    a->dbs = NULL;
}

/* Copies msg into dst (size n) as one printable line: a control byte becomes \n, \t or \xNN
 * and a byte that is not UTF-8 \xNN, so an argument typed as $'\n' cannot split the message,
 * and the copy stops between characters (never inside one, nor inside an escape). */
static void quote_line(char *dst, size_t n, const char *msg)
{
    if (!n)
        return;
    size_t o = 0, len = strlen(msg);
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)msg[i];
        char esc[8];
        const char *unit = msg + i;
        uint32_t cp;
        size_t k = c < 0x20 || c == 0x7f ? 0 : fl_utf8_decode(msg + i, len - i, &cp);
        if (!k) {
            if (c == '\n')
                snprintf(esc, sizeof(esc), "\\n");
            else if (c == '\t')
                snprintf(esc, sizeof(esc), "\\t");
            else
                snprintf(esc, sizeof(esc), "\\x%02X", c);
            unit = esc;
        }
        size_t ulen = k ? k : strlen(esc);
        if (o + ulen > n - 1)
            break;
        memcpy(dst + o, unit, ulen);
        o += ulen;
        i += k ? k : 1;
    }
    dst[o] = '\0';
}

/* A usage error into err: the catalogue's format id in the user's language, with arguments,
 * made one printable line by quote_line() (the arguments are quoted as typed). */
static int usage(char *err, size_t errlen, int id, ...)
{
    va_list ap;
    va_start(ap, id);
    int need = vsnprintf(NULL, 0, U((fl_word_id)id), ap);
    va_end(ap);
    char *msg = need >= 0 ? malloc((size_t)need + 1) : NULL;
    if (!msg) { /* out of memory: the message as it fits, still one line */
        va_start(ap, id);
        vsnprintf(err, errlen, U((fl_word_id)id), ap);
        va_end(ap);
        char *copy = strdup(err);
        if (copy)
            quote_line(err, errlen, copy);
        free(copy);
        return -1;
    }
    va_start(ap, id);
    vsnprintf(msg, (size_t)need + 1, U((fl_word_id)id), ap);
    va_end(ap);
    quote_line(err, errlen, msg);
    free(msg);
    return -1;
}

/* What report's option table writes: the values as typed, checked by parse_args. */
typedef struct {
    fl_opt_list dbs;
    const char *format, *output, *group, *trainee, *scenario, *round, *workshop, *day_session;
    const char *since, *until, *lang, *sep, *account_home, *activity_base, *lrs_url, *lrs_auth;
    const char *title, *compare;
    int force, finished, rounds_only, bom, excel, plain, progress, no_progress;
} raw_args;

/* report's options, in the order --help gives them (under its headings), into opts[] (room for
 * REPORT_OPTIONS entries) with their values going to *r. */
#define REPORT_OPTIONS 34
static void report_options(fl_option *opts, raw_args *r)
{
    const fl_option table[REPORT_OPTIONS] = {
        FL_OPTION_SECTION(FL_W_OPT_RPT_SEC_SOURCES),
        FL_OPTION_LIST("--db", FL_W_OPT_V_FILE, FL_W_OPT_RPT_DB, &r->dbs),
        FL_OPTION_SECTION(FL_W_OPT_RPT_SEC_FILTERS),
        FL_OPTION_STRING("--group", FL_W_OPT_V_NAME, FL_W_OPT_RPT_GROUP, &r->group),
        FL_OPTION_STRING("--trainee", FL_W_OPT_V_NAME, FL_W_OPT_RPT_TRAINEE, &r->trainee),
        FL_OPTION_STRING("--scenario", FL_W_OPT_V_ID, FL_W_OPT_RPT_SCENARIO, &r->scenario),
        FL_OPTION_STRING("--since", FL_W_OPT_V_DATE, FL_W_OPT_RPT_SINCE, &r->since),
        FL_OPTION_STRING("--until", FL_W_OPT_V_DATE, FL_W_OPT_RPT_UNTIL, &r->until),
        FL_OPTION_FLAG("--finished", FL_W_OPT_RPT_FINISHED, &r->finished),
        FL_OPTION_STRING("--round", FL_W_OPT_V_ID, FL_W_OPT_RPT_ROUND, &r->round),
        FL_OPTION_STRING("--workshop", FL_W_OPT_V_ID, FL_W_OPT_RPT_WORKSHOP, &r->workshop),
        FL_OPTION_STRING("--session", FL_W_OPT_V_NAME, FL_W_OPT_RPT_SESSION, &r->day_session),
        FL_OPTION_SECTION(FL_W_OPT_RPT_SEC_OUTPUT),
        /* --format, --lang, --sep and --compare are read as text and checked below, with their
         * own messages (which say what else they need: --format pdf needs -o) */
        FL_OPTION_STRING("--format", FL_W_OPT_RPT_MV_FORMAT, FL_W_OPT_RPT_FORMAT, &r->format),
        FL_OPTION_FLAG("--rounds", FL_W_OPT_RPT_ROUNDS, &r->rounds_only),
        {.kind = FL_OPT_STRING,
         .name = "--output",
         .alias = "-o",
         .metavar = FL_W_OPT_V_FILE,
         .help = FL_W_OPT_RPT_OUTPUT,
         .dest = &r->output},
        FL_OPTION_FLAG("--force", FL_W_OPT_RPT_FORCE, &r->force),
        FL_OPTION_STRING("--lang", FL_W_OPT_RPT_MV_LANG, FL_W_OPT_RPT_LANG, &r->lang),
        FL_OPTION_FLAG("--progress", FL_W_OPT_RPT_PROGRESS, &r->progress),
        FL_OPTION_FLAG("--no-progress", 0, &r->no_progress), /* in --progress's text */
        FL_OPTION_SECTION(FL_W_OPT_RPT_SEC_CSV),
        FL_OPTION_FLAG("--plain", FL_W_OPT_RPT_PLAIN, &r->plain),
        FL_OPTION_FLAG("--excel-ru", FL_W_OPT_RPT_EXCEL, &r->excel),
        FL_OPTION_STRING("--sep", FL_W_OPT_RPT_MV_SEP, FL_W_OPT_RPT_SEP, &r->sep),
        FL_OPTION_FLAG("--bom", FL_W_OPT_RPT_BOM, &r->bom),
        FL_OPTION_SECTION(FL_W_OPT_RPT_SEC_XAPI),
        FL_OPTION_STRING("--account-home", FL_W_OPT_RPT_MV_IRL, FL_W_OPT_RPT_ACCOUNT,
                         &r->account_home),
        FL_OPTION_STRING("--activity-base", FL_W_OPT_RPT_MV_IRI, FL_W_OPT_RPT_ACTIVITY,
                         &r->activity_base),
        FL_OPTION_STRING("--lrs", FL_W_OPT_V_URL, FL_W_OPT_RPT_LRS, &r->lrs_url),
        FL_OPTION_STRING("--lrs-auth", FL_W_OPT_RPT_MV_AUTH, FL_W_OPT_RPT_LRS_AUTH, &r->lrs_auth),
        FL_OPTION_SECTION(FL_W_OPT_RPT_SEC_HTML),
        FL_OPTION_STRING("--title", FL_W_OPT_V_TEXT, FL_W_OPT_RPT_TITLE, &r->title),
        FL_OPTION_STRING("--compare", FL_W_OPT_RPT_MV_WHAT, FL_W_OPT_RPT_COMPARE, &r->compare),
        FL_OPTION_END,
    };
    memcpy(opts, table, sizeof(table));
}

/*
 * Parses report's arguments (argv[0] is the command's name) into *a, checking every value and
 * every combination that can be checked without a store: the one parser of `frontline report`
 * and of fl_report_check_args. Opens nothing and writes nothing but, for --help when help is
 * not NULL, the help to it. Returns 0 (a->help set for --help), -1 with a usage error in err,
 * or -2 when out of memory (err says so). a->dbs is allocated even on failure: args_free() it.
 */
static int parse_args(report_args *a, int argc, char **argv, char *err, size_t errlen, FILE *help)
{
    memset(a, 0, sizeof(*a));
    a->opts = (fl_report_opts){
        .sep = ',',
        .account_home = "https://frontline.invalid/trainees",
        .activity_base = "https://frontline.invalid/",
    };
    a->progress = -1;
    err[0] = '\0';
    fl_store_filter *filter = &a->filter;
    fl_report_opts *opts = &a->opts;
    if (!(a->dbs = calloc((size_t)(argc > 0 ? argc : 0) + 1, sizeof(*a->dbs)))) {
        snprintf(err, errlen, "out of memory");
        return -2;
    }
    raw_args r = {0};
    fl_option table[REPORT_OPTIONS];
    report_options(table, &r);
    /* the table's message as typed, made one printable line below (quote_line) */
    char msg[4096] = "";
    const fl_command_spec spec = {
        .cmd = "report",
        .opts = table,
        .usage = FL_W_OPT_RPT_USAGE,
        .more = FL_W_OPT_RPT_MORE,
        .column = 21,
        .max_operands = 0,
        .err = msg,
        .errlen = sizeof(msg),
    };
    char *none[1];
    int n_operands = 0;
    int rc = fl_opts_parse(&spec, argc, argv, none, &n_operands);
    for (size_t i = 0; i < r.dbs.n; i++)
        a->dbs[a->n_dbs++] = r.dbs.items[i];
    fl_opts_free(&spec);
    if (rc == 2 && !msg[0]) { /* the table's only failure without a message */
        snprintf(err, errlen, "out of memory");
        return -2;
    }
    if (rc == 2) {
        quote_line(err, errlen, msg);
        return -1;
    }
    if (rc == 1) {
        if (help)
            fl_opts_help(help, &spec);
        a->help = 1;
        return 0;
    }
    /* a value given empty ("--group=", --title '') is as good as none */
    for (const fl_option *o = table; o->kind != FL_OPT_END; o++) {
        int empty =
            o->kind == FL_OPT_STRING && *(const char **)o->dest && !**(const char **)o->dest;
        for (size_t i = 0; o->kind == FL_OPT_LIST && i < a->n_dbs; i++)
            empty |= !a->dbs[i][0];
        if (empty)
            return usage(err, errlen, FL_W_CMD_NEEDS_VALUE, o->name);
    }
    const char *format = r.format ? r.format : "csv", *since = r.since, *until = r.until;
    const char *compare = r.compare;
    int rounds_only = r.rounds_only, plain = r.plain, excel = r.excel, sep_given = !!r.sep;
    if (r.sep && strcmp(r.sep, ",") != 0 && strcmp(r.sep, ";") != 0)
        return usage(err, errlen, FL_W_CMD_RPT_SEP, r.sep);
    if (r.sep)
        opts->sep = r.sep[0];
    a->force = r.force;
    a->output = r.output;
    a->lang = r.lang;
    /* --no-progress is "never": it wins over --progress */
    a->progress = r.no_progress ? 0 : r.progress ? 1 : -1;
    filter->finished_only = r.finished;
    filter->group = r.group;
    filter->trainee = r.trainee;
    filter->scenario = r.scenario;
    filter->round = r.round;
    filter->workshop = r.workshop;
    filter->day_session = r.day_session;
    opts->bom = r.bom;
    if (r.account_home)
        opts->account_home = r.account_home;
    if (r.activity_base)
        opts->activity_base = r.activity_base;
    opts->lrs_url = r.lrs_url;
    opts->lrs_auth = r.lrs_auth;
    opts->title = r.title;
    const fl_report_format *const formats[] = {&fl_report_csv, &fl_report_json, &fl_report_xapi,
                                               &fl_report_html, &fl_report_pdf};
    for (size_t k = 0; k < sizeof(formats) / sizeof(formats[0]); k++)
        if (!strcmp(format, formats[k]->name))
            a->fmt = formats[k];
    const fl_report_format *fmt = a->fmt;
    if (!fmt)
        return usage(err, errlen, FL_W_CMD_RPT_FORMAT, format);
    if (fmt == &fl_report_pdf && (!a->output || !strcmp(a->output, "-")))
        return usage(err, errlen, FL_W_CMD_RPT_PDF_OUTPUT);
    if (compare) {
        if (!strcmp(compare, "session"))
            opts->compare = FL_COMPARE_SESSION;
        else if (!strcmp(compare, "db"))
            opts->compare = FL_COMPARE_SOURCE;
        else if (!strcmp(compare, "none"))
            opts->compare = FL_COMPARE_NONE;
        else
            return usage(err, errlen, FL_W_CMD_RPT_COMPARE, compare);
        if (fmt != &fl_report_html && fmt != &fl_report_pdf)
            return usage(err, errlen, FL_W_CMD_RPT_COMPARE_FORMAT);
    }
    if (plain && (excel || opts->bom || (sep_given && opts->sep == ';')))
        return usage(err, errlen, FL_W_CMD_RPT_PLAIN,
                     excel       ? "--excel-ru"
                     : opts->bom ? "--bom"
                                 : "--sep ';'");
    if (rounds_only && fmt != &fl_report_csv)
        return usage(err, errlen, FL_W_CMD_RPT_ROUNDS);
    if (rounds_only)
        a->fmt = &fl_report_rounds_csv;
    if (a->lang && strcmp(a->lang, "en") != 0 && strcmp(a->lang, "ru") != 0)
        return usage(err, errlen, FL_W_CMD_RPT_LANG, a->lang);
    if (since && parse_date(since, 0, &filter->since_ms) < 0)
        return usage(err, errlen, FL_W_CMD_RPT_DATE, "--since", since);
    if (until && parse_date(until, 1, &filter->until_ms) < 0)
        return usage(err, errlen, FL_W_CMD_RPT_DATE, "--until", until);
    if (since && until && filter->since_ms >= filter->until_ms)
        return usage(err, errlen, FL_W_CMD_RPT_SINCE_UNTIL, since, until);
    if (opts->lrs_url && fmt != &fl_report_xapi)
        return usage(err, errlen, FL_W_CMD_RPT_LRS);

    if (!a->lang) /* the interface language: the desktop's setting, else the locale's */
        a->lang = fl_user_lang() == FL_LANG_RU ? "ru" : "en";
    opts->lang = a->lang;
    /* The CSV's form. Russian: the Excel form unless --plain (a leader double-clicks the file,
     * and Excel in a Russian locale expects ';', decimal commas, and the mark to read UTF-8);
     * English: RFC 4180 unless --excel-ru. An explicit --sep or --bom is kept. */
    if (plain) {
        opts->sep = ',';
    } else if (excel || !strcmp(a->lang, "ru")) {
        opts->bom = 1;
        if (!sep_given || excel)
            opts->sep = ';';
        opts->translate = 1;
    }
    opts->decimal_comma = opts->sep == ';';
    return 0;
}

int fl_report_check_args(int argc, char **argv, char *err, size_t errlen)
{
    report_args a;
    int rc = parse_args(&a, argc, argv, err, errlen, NULL);
    args_free(&a);
    return rc == 0 ? 0 : -1;
}

int fl_cmd_report(int argc, char **argv)
{
    report_args a;
    char err[1024];
    int prc = parse_args(&a, argc, argv, err, sizeof(err), stdout);
    if (prc == -2) {
        fprintf(stderr, "frontline report: %s\n", err);
        args_free(&a);
        return 1;
    }
    if (prc < 0) {
        args_free(&a);
        return usage_error("%s", err);
    }
    if (a.help) {
        args_free(&a);
        return 0;
    }
    const char **dbs = a.dbs;
    size_t n_dbs = a.n_dbs;
    const char *output = a.output;
    const fl_report_format *fmt = a.fmt;
    fl_store_filter filter = a.filter;
    fl_report_opts opts = a.opts;
    int force = a.force, progress = a.progress, status = 0;
    if (!opts.lrs_auth) {
        const char *env = getenv("FRONTLINE_LRS_AUTH");
        opts.lrs_auth = env && *env ? env : NULL;
    }
    char def[4096];
    if (!n_dbs) {
        if (fl_store_default_path(def, sizeof(def)) < 0) {
            args_free(&a);
            return usage_error("%s", U(FL_W_CMD_NO_DEFAULT_DB));
        }
        dbs[n_dbs++] = def;
    }
    /* Before anything is read or written: the output must not be a results store. */
    if ((status = guard_stores(output, dbs, n_dbs)) != 0) {
        args_free(&a);
        return status;
    }

    /* Open every source read-only. */
    fl_store **stores = calloc(n_dbs, sizeof(*stores));
    status = stores ? 0 : 1;
    for (size_t i = 0; i < n_dbs && !status; i++)
        if (fl_store_open(&stores[i], dbs[i], 1, err, sizeof(err)) != FL_STORE_OK) {
            fprintf(stderr, "frontline report: %s\n", err);
            status = 1;
        }
    if (!status && filter.group && filter.group[0])
        status = check_value(stores, n_dbs, 'g', filter.group, "--group");
    if (!status && filter.trainee)
        status = check_value(stores, n_dbs, 't', filter.trainee, "--trainee");
    if (!status && filter.scenario)
        status = check_value(stores, n_dbs, 's', filter.scenario, "--scenario");
    if (!status && filter.round)
        status = check_value(stores, n_dbs, 'r', filter.round, "--round");
    if (!status && filter.workshop)
        status = check_value(stores, n_dbs, 'w', filter.workshop, "--workshop");
    if (!status && filter.day_session)
        status = check_value(stores, n_dbs, 'd', filter.day_session, "--session");

    run r = {.fmt = fmt};
    /* The rounds are few (one per round played): all of them first, then each goes out just
     * before the first session that started at or after it. */
    if (!status && fmt->round &&
        fl_store_rounds(stores, n_dbs, &filter, &r.rounds, &r.n_rounds, err, sizeof(err)) < 0) {
        fprintf(stderr, "frontline report: %s\n", err);
        status = 1;
    }
    for (size_t i = 0; i < n_dbs && !status && fmt->session; i++) {
        int64_t c = fl_store_count(stores[i], &filter, err, sizeof(err));
        if (c < 0) {
            fprintf(stderr, "frontline report: %s\n", err);
            status = 1;
        }
        r.total += c;
        int v = c > 0 && !opts.voice ? fl_store_has_voice(stores[i], &filter, err, sizeof(err)) : 0;
        if (v < 0) {
            fprintf(stderr, "frontline report: %s\n", err);
            status = 1;
        }
        opts.voice |= v > 0;
        int w = c > 0 && !opts.workshop
                    ? fl_store_has_workshop(stores[i], &filter, err, sizeof(err))
                    : 0;
        if (w < 0) {
            fprintf(stderr, "frontline report: %s\n", err);
            status = 1;
        }
        opts.workshop |= w > 0;
    }
    /* --rounds: its rows are the rounds, so its columns follow theirs */
    for (size_t i = 0; !fmt->session && i < r.n_rounds; i++)
        opts.workshop |= r.rounds[i].workshop && r.rounds[i].workshop[0];
    opts.source_names = dbs;
    opts.n_sources = n_dbs;

    /* The output: where a crash cannot leave half a file (sink_open). */
    sink o = {0};
    if (!status)
        status = sink_open(&o, output, force);
    if (!status) {
        FILE *out = o.f;
        opts.out = out;
        opts.out_name = o.path ? o.path : U(FL_W_GRAPH_STDOUT);
        opts.now_ms = (int64_t)time(NULL) * 1000;
        r.out = out;
        r.progress = progress == 1 || (progress < 0 && isatty(STDERR_FILENO) && r.total >= 5000);
        if (fmt->begin(&r.ctx, &opts, r.total) < 0) {
            status = 1;
        } else {
            int rc = fmt->session ? fl_store_each_merged(stores, n_dbs, &filter, fmt->load,
                                                         each_session, &r, err, sizeof(err))
                                  : 0;
            if (rc == 0)
                rc = rounds_until(&r, INT64_MAX);
            if (rc < 0 && err[0] && !ferror(out))
                fprintf(stderr, "frontline report: %s\n", err);
            if (rc != 0)
                status = 1;
            if (fmt->end(r.ctx, status) < 0)
                status = 1;
            if (r.progress)
                show_progress(&r, 1);
        }
    }
    status = sink_close(&o, status);
    /* Text the store holds that is not UTF-8 (an older program, another terminal's encoding)
     * went out repaired: say so once, so that a U+FFFD in the export is explained. */
    size_t repaired = 0;
    for (size_t i = 0; stores && i < n_dbs; i++)
        repaired += stores[i] ? fl_store_repaired(stores[i]) : 0;
    if (repaired) {
        char form[64];
        complain(FL_W_OUT_REPAIRED, (unsigned long)repaired,
                 fl_plural(form, sizeof(form), fl_user_lang(), (long long)repaired,
                           U(FL_W_OUT_PL_TEXTS)));
    }
    for (size_t i = 0; stores && i < n_dbs; i++)
        fl_store_close(stores[i]);
    free(stores);
    fl_store_rounds_free(r.rounds, r.n_rounds);
    args_free(&a);
    return status;
}
