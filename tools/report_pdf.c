/*
 * report_pdf.c - `frontline report --format pdf -o FILE`: the HTML report (report_html.c) printed
 * to PDF by headless Chromium, for a leader who prints it or mails it to HR.
 *
 * The HTML format does all the work; this one hands it the records, writes its output into a
 * private temporary folder (mkdtemp in $TMPDIR, 0700), and then runs
 *   chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer
 *            --user-data-dir=TMP/profile --print-to-pdf=TMP/report.pdf file://TMP/report.html
 * in a process group of its own, with HOME and the XDG folders pointed into the temporary folder
 * too, so that no Chromium profile, cache or certificate store is left behind. Chromium gets 60
 * seconds ($FRONTLINE_PDF_TIMEOUT overrides it, for tests); past them the whole group is killed.
 * The PDF must start with "%PDF"; its bytes then go to the output report.c opened (which it renames
 * into place only when everything succeeded, so a failure never leaves half a file). The temporary
 * folder is removed in every case, and one left by an export that was killed (its name carries
 * the PID) is removed by the next PDF export. The page size and margins are the report's print CSS
 * (@page A4, 12 mm), which also decides what prints: the room first, then the trainees as a compact
 * table.
 *
 * Chromium is looked for on PATH as `chromium` (the Debian package's name); without it the
 * export fails at once, naming the package.
 */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "catalogue.h"
#include "commands.h"
#include "report.h"

#define CHROMIUM      "chromium"
#define PDF_TIMEOUT_S 60
#define TIMEOUT_ENV   "FRONTLINE_PDF_TIMEOUT" /* seconds, 1..600: tests make it short */

typedef struct {
    const fl_report_opts *o;
    fl_report_opts ho; /* the HTML format's options: its output is the temporary file */
    void *html;        /* the HTML format's state */
    FILE *hf;          /* the temporary HTML file */
    char chromium[4096];
    char dir[4096];  /* the private temporary folder */
    char path[4200]; /* scratch for the paths in it */
} pdf;

/* Finds an executable named name in $PATH into out. Returns 0, or -1 when there is none. */
static int find_on_path(const char *name, char *out, size_t size)
{
    const char *path = getenv("PATH");
    if (!path || !*path)
        path = "/usr/local/bin:/usr/bin:/bin";
    while (*path) {
        size_t len = strcspn(path, ":");
        int n = snprintf(out, size, "%.*s/%s", (int)len, len ? path : ".", name);
        struct stat st;
        if (n > 0 && (size_t)n < size && stat(out, &st) == 0 && S_ISREG(st.st_mode) &&
            access(out, X_OK) == 0)
            return 0;
        path += len;
        if (*path == ':')
            path++;
    }
    return -1;
}

static int remove_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(p);
    return 0;
}

/* Removes the temporary folder and everything Chromium put in it. */
static void remove_dir(pdf *p)
{
    if (p->dir[0])
        nftw(p->dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
    p->dir[0] = '\0';
}

/*
 * Removes the temporary folders of PDF exports that were killed before they could remove their
 * own ("frontline-pdf-PID-XXXXXX" in tmp, ours, whose PID is no running process): a crash then
 * leaves nothing behind for longer than the next PDF export. A folder of a live export is left.
 */
static void remove_stale_dirs(const char *tmp)
{
    DIR *d = opendir(tmp);
    if (!d)
        return;
    struct dirent *e;
    char path[4200];
    while ((e = readdir(d))) {
        long pid = 0;
        int used = 0;
        if (sscanf(e->d_name, "frontline-pdf-%ld-%n", &pid, &used) != 1 || used == 0 || pid <= 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", tmp, e->d_name);
        struct stat st;
        if (lstat(path, &st) < 0 || !S_ISDIR(st.st_mode) || st.st_uid != getuid())
            continue;
        if (pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue;
        nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
    }
    closedir(d);
}

static const char *in_dir(pdf *p, const char *name)
{
    snprintf(p->path, sizeof p->path, "%s/%s", p->dir, name);
    return p->path;
}

static void pdf_free(pdf *p)
{
    if (p->hf)
        fclose(p->hf);
    remove_dir(p);
    free(p);
}

static int pdf_begin(void **ctx, const fl_report_opts *o, int64_t total)
{
    *ctx = NULL;
    if (o->out == stdout) {
        fprintf(stderr, "frontline report: a PDF needs a file: give -o FILE.pdf\n");
        return -1;
    }
    pdf *p = calloc(1, sizeof *p);
    if (!p) {
        fprintf(stderr, "frontline report: out of memory\n");
        return -1;
    }
    p->o = o;
    if (find_on_path(CHROMIUM, p->chromium, sizeof p->chromium) < 0) {
        fprintf(stderr,
                "frontline report: PDF needs Chromium (Debian package chromium): no '%s' on "
                "PATH; install it (apt-get install chromium) or export --format html and print "
                "that from a browser\n",
                CHROMIUM);
        free(p);
        return -1;
    }
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp)
        tmp = "/tmp";
    remove_stale_dirs(tmp);
    /* the PID in the name tells the next export whether this folder's owner is gone */
    snprintf(p->dir, sizeof p->dir, "%s/frontline-pdf-%ld-XXXXXX", tmp, (long)getpid());
    if (!mkdtemp(p->dir)) {
        fprintf(stderr, "frontline report: cannot make a temporary folder in %s: %s\n", tmp,
                strerror(errno));
        p->dir[0] = '\0';
        free(p);
        return -1;
    }
    if (!(p->hf = fopen(in_dir(p, "report.html"), "wb"))) {
        fprintf(stderr, "frontline report: cannot write %s: %s\n", p->path, strerror(errno));
        pdf_free(p);
        return -1;
    }
    p->ho = *o;
    p->ho.out = p->hf;
    p->ho.out_name = "the PDF's temporary HTML file";
    if (fl_report_html.begin(&p->html, &p->ho, total) < 0) {
        p->html = NULL;
        pdf_free(p);
        return -1;
    }
    *ctx = p;
    return 0;
}

static int pdf_session(void *ctx, const fl_record *r)
{
    pdf *p = ctx;
    return fl_report_html.session(p->html, r);
}

static int pdf_round(void *ctx, const fl_round_record *r)
{
    pdf *p = ctx;
    return fl_report_html.round(p->html, r);
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Prints the end of Chromium's own output (its log), which says why it failed. */
static void show_log(pdf *p)
{
    FILE *f = fopen(in_dir(p, "chromium.log"), "rb");
    if (!f)
        return;
    char buf[1500];
    if (fseek(f, 0, SEEK_END) == 0) {
        long size = ftell(f);
        fseek(f, size > (long)sizeof buf - 1 ? size - (long)sizeof buf + 1 : 0, SEEK_SET);
    }
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    if (n)
        fprintf(stderr, "frontline report: chromium said:\n%s%s", buf,
                buf[n - 1] == '\n' ? "" : "\n");
}

/*
 * Runs Chromium on the HTML file, printing it to report.pdf in the folder. Returns 0, or -1
 * after printing why (it could not start, it failed, or it took longer than PDF_TIMEOUT_S and
 * was killed with everything it started).
 */
static int run_chromium(pdf *p)
{
    char html[4200], out[4300], profile[4300], url[4300];
    snprintf(html, sizeof html, "%s", in_dir(p, "report.html"));
    snprintf(out, sizeof out, "--print-to-pdf=%s", in_dir(p, "report.pdf"));
    snprintf(profile, sizeof profile, "--user-data-dir=%s", in_dir(p, "profile"));
    snprintf(url, sizeof url, "file://%s", html);
    char *argv[] = {p->chromium,
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-pdf-header-footer",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-quic",
                    "--disable-crash-reporter",
                    profile,
                    out,
                    url,
                    NULL};
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "frontline report: cannot start chromium: %s\n", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        /* its own group, so that a timeout kills its helpers too; its home and caches in the
         * private folder, so that nothing of it stays behind */
        setpgid(0, 0);
        int log = open(in_dir(p, "chromium.log"), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int null = open("/dev/null", O_RDONLY);
        if (log >= 0) {
            dup2(log, 1);
            dup2(log, 2);
        }
        if (null >= 0)
            dup2(null, 0);
        setenv("HOME", p->dir, 1);
        setenv("XDG_CONFIG_HOME", p->dir, 1);
        setenv("XDG_CACHE_HOME", p->dir, 1);
        setenv("XDG_DATA_HOME", p->dir, 1);
        execv(p->chromium, argv);
        fprintf(stderr, "cannot run %s: %s\n", p->chromium, strerror(errno));
        _exit(127);
    }
    setpgid(pid, pid); /* (also here: whichever runs first) */
    int timeout_s = PDF_TIMEOUT_S;
    const char *env = getenv(TIMEOUT_ENV);
    if (env && atoi(env) >= 1 && atoi(env) <= 600)
        timeout_s = atoi(env);
    int64_t deadline = now_ms() + (int64_t)timeout_s * 1000;
    int status = 0, done = 0;
    while (!done) {
        pid_t w = waitpid(pid, &status, WNOHANG);
        if (w == pid) {
            done = 1;
        } else if (w < 0 && errno != EINTR) {
            fprintf(stderr, "frontline report: waiting for chromium: %s\n", strerror(errno));
            kill(-pid, SIGKILL);
            return -1;
        } else if (now_ms() > deadline) {
            kill(-pid, SIGKILL);
            waitpid(pid, &status, 0);
            fprintf(stderr,
                    "frontline report: chromium did not print the PDF within %d s and was "
                    "stopped\n",
                    timeout_s);
            show_log(p);
            return -1;
        } else {
            struct timespec ts = {0, 20 * 1000000};
            nanosleep(&ts, NULL);
        }
    }
    kill(-pid, SIGKILL); /* whatever helper outlived it */
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        if (WIFEXITED(status))
            fprintf(stderr, "frontline report: chromium failed (exit %d) printing the PDF\n",
                    WEXITSTATUS(status));
        else
            fprintf(stderr, "frontline report: chromium was killed by signal %d\n",
                    WIFSIGNALED(status) ? WTERMSIG(status) : 0);
        show_log(p);
        return -1;
    }
    return 0;
}

/* Copies the PDF Chromium wrote into the report's output, after checking it is one. */
static int copy_pdf(pdf *p)
{
    FILE *f = fopen(in_dir(p, "report.pdf"), "rb");
    if (!f) {
        fprintf(stderr, "frontline report: chromium wrote no PDF\n");
        show_log(p);
        return -1;
    }
    char buf[65536];
    size_t n = fread(buf, 1, sizeof buf, f);
    if (n < 5 || memcmp(buf, "%PDF-", 5) != 0) {
        fprintf(stderr, "frontline report: what chromium wrote is not a PDF\n");
        fclose(f);
        show_log(p);
        return -1;
    }
    int rc = 0;
    while (n) {
        if (fwrite(buf, 1, n, p->o->out) != n) {
            rc = -1;
            break;
        }
        n = fread(buf, 1, sizeof buf, f);
    }
    if (ferror(f)) {
        fprintf(stderr, "frontline report: cannot read the PDF chromium wrote\n");
        rc = -1;
    } else if (rc < 0 || fflush(p->o->out) != 0 || ferror(p->o->out)) {
        fprintf(stderr, "frontline report: ");
        fprintf(stderr, fl_word(FL_W_CMD_RPT_CANNOT_WRITE, fl_user_lang()), p->o->out_name,
                strerror(errno ? errno : EIO));
        fputc('\n', stderr);
        rc = -1;
    }
    fclose(f);
    return rc;
}

static int pdf_end(void *ctx, int failed)
{
    pdf *p = ctx;
    if (!p)
        return failed ? -1 : 0;
    int rc = fl_report_html.end(p->html, failed);
    p->html = NULL;
    if (fclose(p->hf) != 0 && rc == 0) {
        fprintf(stderr, "frontline report: cannot write the PDF's temporary HTML file\n");
        rc = -1;
    }
    p->hf = NULL;
    if (rc == 0 && !failed)
        rc = run_chromium(p) < 0 || copy_pdf(p) < 0 ? -1 : 0;
    pdf_free(p);
    return failed ? -1 : rc;
}

const fl_report_format fl_report_pdf = {"pdf",       FL_LOAD_FINDINGS, pdf_begin,
                                        pdf_session, pdf_end,          pdf_round};
