/*
 * files.c - the file handling content.c and workshop.c share (files.h): the kind of a file by
 * its beginning, relative paths (both ways), "did you mean" for a missing file or folder, the
 * errors of one that does not load; and the check the pure core leaves to the front ends, that
 * a scenario's avatar file is there (fl_content_check_avatar, content.h). Its words are the
 * catalogue's (catalogue_lint2.def), in the language of the diagnostics.
 *
 * Depends on libc (POSIX: dirent, stat) and the core.
 */
#include "files.h"
#include "content.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalogue.h"
#include "diag.h"
#include "readfile.h"

/* How much of a file decides what it is. */
#define HEAD_BYTES 65536

int fl_content__file_is(const char *path, int (*is_document)(const char *buf, size_t len))
{
    /* Opened without blocking and only when regular (readfile.c): a FIFO named *.xml in a
     * folder used to hang every scan of it here, before the loader was even asked. */
    fl_file_status status;
    int err;
    int fd = fl_file_open_regular(path, &status, &err);
    if (fd < 0)
        return 0;
    char *head = malloc(HEAD_BYTES);
    size_t len = 0;
    while (head && len < HEAD_BYTES) {
        ssize_t n = read(fd, head + len, HEAD_BYTES - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        len += (size_t)n;
    }
    close(fd);
    int is = head && is_document(head, len);
    free(head);
    return is;
}

char *fl_content__join(const char *dir, const char *rel)
{
    if (rel[0] == '/' || !dir || strcmp(dir, ".") == 0)
        return strdup(rel);
    size_t n = strlen(dir) + strlen(rel) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", rel);
    return p;
}

int fl_content__scenario_loads(const char *path)
{
    if (fl_content_is_round_file(path) || fl_content_is_workshop_file(path))
        return 0;
    fl_diags d;
    fl_scenario *s = NULL;
    fl_diags_init(&d, path);
    int ok = fl_scenario_load_file(&s, path, &d) == 0 && s && d.errors == 0;
    fl_scenario_free(s);
    fl_diags_clear(&d);
    return ok;
}

int fl_content__round_loads(const char *path)
{
    fl_diags d;
    fl_round_def *def = NULL;
    fl_diags_init(&d, path);
    int ok = fl_round_def_load_file(&def, path, &d) == 0 && def && d.errors == 0;
    fl_round_def_free(def);
    fl_diags_clear(&d);
    return ok;
}

/* The closest name to `name` among the entries of folder `dir` (files ending in .xml that
 * loads() accepts when given, or folders), within a small edit distance, into best; "" when
 * none. */
static void closest_entry(const char *dir, const char *name, int folders,
                          int (*loads)(const char *path), char *best, size_t size)
{
    best[0] = '\0';
    DIR *d = opendir(dir);
    if (!d)
        return;
    size_t best_d = strlen(name) <= 3 ? 2 : 3;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        size_t n = strlen(e->d_name);
        if (!folders && (n < 5 || strcmp(e->d_name + n - 4, ".xml") != 0))
            continue;
        /* The nearest; among equals the first by name, whatever order the folder lists in. */
        size_t dist = fl_edit_distance(name, e->d_name);
        if (!(dist < best_d || (dist == best_d && best[0] && strcmp(e->d_name, best) < 0)))
            continue;
        /* Never a name that would be refused in its turn: a folder where a folder is wanted, a
         * file that loads as the kind wanted (a file that does not load is not offered). */
        char *p = fl_content__join(dir, e->d_name);
        struct stat st;
        int fits = p && (folders ? stat(p, &st) == 0 && S_ISDIR(st.st_mode) : !loads || loads(p));
        free(p);
        if (fits) {
            best_d = dist;
            snprintf(best, size, "%s", e->d_name);
        }
    }
    closedir(d);
}

void fl_content__suggest_path(const char *full, int folder, int (*loads)(const char *path),
                              char *out, size_t size)
{
    out[0] = '\0';
    char *copy = strdup(full);
    if (!copy)
        return;
    size_t n = strlen(copy);
    while (n > 1 && copy[n - 1] == '/')
        copy[--n] = '\0';
    char *slash = strrchr(copy, '/');
    const char *parent = slash ? (slash == copy ? "/" : copy) : ".";
    const char *base = slash ? slash + 1 : copy;
    if (slash && slash != copy)
        *slash = '\0';
    char best[NAME_MAX + 1];
    closest_entry(parent, base, folder, loads, best, sizeof(best));
    if (best[0])
        snprintf(out, size, fl_word(FL_W_L2_DID_YOU_MEAN, fl_diags_lang()), best);
    free(copy);
}

char *fl_content_relative_path(const char *from_dir, const char *to)
{
    size_t common = 0; /* bytes of `to` in the shared components, with their slashes */
    size_t i = 0;
    for (;; i++) {
        char f = from_dir[i], t = to[i];
        if ((f == '/' || f == '\0') && t == '/')
            common = i + 1;
        if (f == '\0' || f != t)
            break;
    }
    size_t ups = 0; /* components of from_dir after the shared ones */
    const char *rest = from_dir + (common ? common - 1 : 0);
    for (const char *q = rest; *q; q++)
        if (*q == '/' && q[1] && q[1] != '/')
            ups++;
    size_t len = 3 * ups + strlen(to + common) + 1;
    char *out = malloc(len);
    if (!out)
        return NULL;
    out[0] = '\0';
    for (size_t k = 0; k < ups; k++)
        strcat(out, "../");
    strcat(out, to + common);
    return out;
}

void fl_content__describe_errors(const fl_diags *d, const char *what, const char *unloaded,
                                 char *out, size_t size)
{
    const fl_diag *first = NULL;
    for (size_t i = 0; i < d->count && !first; i++)
        if (d->items[i].severity == FL_SEV_ERROR)
            first = &d->items[i];
    if (!first) {
        snprintf(out, size, "%s, %s", unloaded, what);
        return;
    }
    char where[80] = "";
    if (first->line && first->column)
        snprintf(where, sizeof(where), fl_word(FL_W_L2_AT_LINE_COL, d->lang), first->line,
                 first->column);
    else if (first->line)
        snprintf(where, sizeof(where), fl_word(FL_W_L2_AT_LINE, d->lang), first->line);
    if (d->errors == 1)
        snprintf(out, size, fl_word(FL_W_L2_HAS_AN_ERROR, d->lang), what, where, first->message,
                 first->rule);
    else
        snprintf(out, size, fl_word(FL_W_L2_HAS_ERRORS, d->lang), d->errors, what, where,
                 first->message, first->rule);
}

void fl_content__report(fl_diags *d, fl_severity sev, fl_pos p, const char *rule, int word, ...)
{
    va_list ap;
    va_start(ap, word);
    fl_diag_addv(d, sev, p.line, p.column, rule, fl_word((fl_word_id)word, d->lang), ap);
    va_end(ap);
}

/* ---- The avatar's file (the check the core leaves to the front ends) ----------------------- */

void fl_content_check_avatar(const fl_scenario *s, fl_diags *diags)
{
    if (!s || !s->customer_avatar || !s->customer_avatar_pos.line || !s->dir)
        return;
    char *full = fl_content__join(s->dir, s->customer_avatar);
    if (!full) {
        diags->oom = 1;
        return;
    }
    /* Present and readable: a picture the desktop could show. stat() never blocks, and what
     * kind of file it is (a picture in a folder named x.png) is the desktop's to find out. */
    int err;
    fl_file_status kind = fl_file_kind(full, &err);
    free(full);
    if (kind == FL_FILE_ERRNO)
        fl_diag_addw(diags, FL_SEV_WARNING, s->customer_avatar_pos.line,
                     s->customer_avatar_pos.column, "file-exists", FL_W_LN_AVATAR_MISSING,
                     s->customer_avatar);
}

int fl_content_scenario_load(fl_scenario **out, const char *path, fl_diags *diags)
{
    int rc = fl_scenario_load_file(out, path, diags);
    if (rc == 0 && *out) {
        fl_content_check_avatar(*out, diags);
        fl_diags_sort(diags);
    }
    return rc;
}
