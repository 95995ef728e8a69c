/*
 * workshop.c - finds the files a workshop's library names (content.h): a leader's own files by
 * path, relative to the workshop file, and Frontline's own by their id among the bundled
 * scenarios and rounds; checks each is there, of the right kind and, when asked, loads.
 *
 * Like content.c, a file is known by its canonical path (realpath), so one named twice (by two
 * spellings, or by path and by id) is in the library once.
 *
 * The messages are catalogue words (catalogue_lint2.def), in the language of the diagnostics.
 *
 * Depends on libc (POSIX: dirent, stat, realpath) and the core.
 */
#include "catalogue.h"
#include "content.h"
#include "files.h"
#include "readfile.h"
#include "vec.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int fl_content_is_workshop_file(const char *path)
{
    return fl_content__file_is(path, fl_is_workshop_document);
}

/* ---- Frontline's own scenarios and rounds ---------------------------------------------------- */

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int xml_entry(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return e->d_name[0] != '.' && n > 4 && strcmp(e->d_name + n - 4, ".xml") == 0;
}

static int add_bundled(fl_bundled *b, const char *id, const char *title, const char *lang,
                       const char *real, int is_round)
{
    if (FL_GROW(b->items, b->cap, (size_t)b->n + 1))
        return -2;
    fl_bundled_item *it = &b->items[b->n];
    *it = (fl_bundled_item){strdup(id), strdup(title), strdup(lang), strdup(real), is_round};
    if (!it->id || !it->title || !it->lang || !it->path) {
        free(it->id);
        free(it->title);
        free(it->lang);
        free(it->path);
        return -2;
    }
    b->n++;
    return 0;
}

/* Every file of one folder that loads as a scenario (rounds: as a round). */
static int scan_bundled(fl_bundled *b, const char *dir, int rounds)
{
    struct dirent **names = NULL;
    int n = scandir(dir, &names, xml_entry, by_name);
    int rc = 0;
    for (int i = 0; i < n; i++) {
        char *full = rc == 0 ? fl_content__join(dir, names[i]->d_name) : NULL;
        char *real = full ? realpath(full, NULL) : NULL;
        if (rc == 0 && !full)
            rc = -2;
        if (real && fl_content_is_round_file(real) == rounds) {
            fl_diags d;
            fl_diags_init(&d, real);
            if (rounds) {
                fl_round_def *def = NULL;
                if (fl_round_def_load_file(&def, real, &d) == 0 && def)
                    rc = add_bundled(b, def->id, def->title, def->lang, real, 1);
                fl_round_def_free(def);
            } else {
                fl_scenario *s = NULL;
                if (fl_scenario_load_file(&s, real, &d) == 0 && s && d.errors == 0)
                    rc = add_bundled(b, s->id, s->title, s->lang, real, 0);
                fl_scenario_free(s);
            }
            if (d.oom)
                rc = -2;
            fl_diags_clear(&d);
        }
        free(real);
        free(full);
        free(names[i]);
    }
    free(names);
    return rc;
}

int fl_content_bundled(fl_bundled *out, const char *data_dir)
{
    *out = (fl_bundled){0};
    static const char *const folders[] = {"en", "ru", "rounds"};
    for (int i = 0; i < 3; i++) {
        size_t n = strlen(data_dir) + 32;
        char *dir = malloc(n);
        if (!dir)
            return -2;
        snprintf(dir, n, "%s/scenarios/%s", data_dir, folders[i]);
        int rc = scan_bundled(out, dir, i == 2);
        free(dir);
        if (rc < 0)
            return rc;
    }
    return 0;
}

void fl_bundled_free(fl_bundled *b)
{
    if (!b)
        return;
    for (uint32_t i = 0; i < b->n; i++) {
        free(b->items[i].id);
        free(b->items[i].title);
        free(b->items[i].lang);
        free(b->items[i].path);
    }
    free(b->items);
    *b = (fl_bundled){0};
}

const fl_bundled_item *fl_bundled_find(const fl_bundled *b, const char *id, int is_round)
{
    for (uint32_t i = 0; i < b->n; i++)
        if (b->items[i].is_round == is_round && strcmp(b->items[i].id, id) == 0)
            return &b->items[i];
    return NULL;
}

/* ---- Resolving the library --------------------------------------------------------------------
 */

typedef struct {
    const fl_workshop *w;
    fl_diags *diags;
    fl_workshop_files *files;
    size_t cap_paths, cap_is_round, cap_bundled; /* of files' three arrays */
    const char *data_dir;
    char *scenarios_root; /* realpath of data_dir/scenarios, with a trailing '/'; NULL if none */
    fl_bundled bundled;
    int bundled_read;
    int check_content;
    int oom;
} resolver;

/* A diagnostic at p, in the list of the file being resolved. */
#define report(r, ...) fl_content__report((r)->diags, __VA_ARGS__)

/* Whether real is one of Frontline's own files (under data_dir/scenarios). */
static int is_bundled_path(const resolver *r, const char *real)
{
    return r->scenarios_root && strncmp(real, r->scenarios_root, strlen(r->scenarios_root)) == 0;
}

/* Takes real into the files, once. */
static void keep(resolver *r, char *real, int is_round, int bundled)
{
    fl_workshop_files *f = r->files;
    for (uint32_t i = 0; i < f->n; i++)
        if (strcmp(f->paths[i], real) == 0) {
            free(real);
            return;
        }
    size_t need = (size_t)f->n + 1;
    if (FL_GROW(f->paths, r->cap_paths, need) || FL_GROW(f->is_round, r->cap_is_round, need) ||
        FL_GROW(f->bundled, r->cap_bundled, need)) {
        r->oom = 1;
        free(real);
        return;
    }
    f->paths[f->n] = real;
    f->is_round[f->n] = is_round;
    f->bundled[f->n] = bundled;
    f->n++;
}

/* With check_content: the file loads without errors (a round: with its scenarios too). */
static int content_ok(resolver *r, const fl_workshop_item *it, const char *real, const char *what)
{
    if (!r->check_content)
        return 1;
    fl_diags d;
    fl_diags_init(&d, real);
    int rc;
    if (it->is_round) {
        fl_round_def *def = NULL;
        fl_round_pool pool = {0};
        rc = fl_round_def_load_file(&def, real, &d);
        if (rc == 0 && def)
            rc = fl_round_pool_load(&pool, def, &d);
        fl_round_pool_free(&pool);
        fl_round_def_free(def);
    } else {
        fl_scenario *s = NULL;
        rc = fl_scenario_load_file(&s, real, &d);
        fl_scenario_free(s);
    }
    int ok = 1;
    if (rc == -2 || d.oom) {
        r->oom = 1;
        ok = 0;
    } else if (rc != 0 || d.errors) {
        char msg[1200];
        fl_diags_sort(&d);
        fl_content__describe_errors(&d, fl_word(FL_W_L2_SO_NO_PLAY, d.lang),
                                    fl_word(FL_W_L2_CANNOT_LOAD, d.lang), msg, sizeof(msg));
        report(r, FL_SEV_ERROR, it->pos, "workshop-item-ok",
               it->is_round ? FL_W_L2_WS_ROUND_ERRORS : FL_W_L2_WS_SCENARIO_ERRORS, what, msg);
        ok = 0;
    }
    fl_diags_clear(&d);
    return ok;
}

static void path_item(resolver *r, const fl_workshop_item *it)
{
    char *full = fl_content__join(r->w->dir, it->path);
    if (!full) {
        r->oom = 1;
        return;
    }
    char what[1100], h[NAME_MAX + 32];
    snprintf(what, sizeof(what), "path=\"%s\"", it->path);
    struct stat st;
    if (stat(full, &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR) {
            fl_content__suggest_path(
                full, 0, it->is_round ? fl_content__round_loads : fl_content__scenario_loads, h,
                sizeof(h));
            report(r, FL_SEV_ERROR, it->pos, "workshop-path-exists", FL_W_L2_WPATH_NO_FILE, what,
                   full, h);
        } else {
            report(r, FL_SEV_ERROR, it->pos, "workshop-path-exists", FL_W_L2_WPATH_ERRNO, what,
                   strerror(errno));
        }
        free(full);
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        report(r, FL_SEV_ERROR, it->pos, "workshop-path-exists",
               it->is_round ? FL_W_L2_WPATH_FOLDER_ROUND : FL_W_L2_WPATH_FOLDER_SCENARIO, what);
        free(full);
        return;
    }
    if (!S_ISREG(st.st_mode)) { /* a FIFO, a device, a socket: never opened (it could block) */
        char why[200];
        int err;
        fl_file_status kind = fl_file_kind(full, &err);
        report(r, FL_SEV_ERROR, it->pos, "workshop-path-exists", FL_W_FILES_WPATH_SPECIAL, what,
               fl_file_why(kind, err, r->diags->lang, why, sizeof(why)));
        free(full);
        return;
    }
    if (access(full, R_OK) != 0) {
        report(r, FL_SEV_ERROR, it->pos, "workshop-path-exists", FL_W_L2_WPATH_ERRNO, what,
               strerror(errno));
        free(full);
        return;
    }
    int round = fl_content_is_round_file(full), workshop = fl_content_is_workshop_file(full);
    if (workshop || round != it->is_round) {
        fl_word_id why = workshop ? (it->is_round ? FL_W_L2_WKIND_WORKSHOP_NOT_ROUND
                                                  : FL_W_L2_WKIND_WORKSHOP_NOT_SCENARIO)
                         : round  ? FL_W_L2_WKIND_ROUND_NOT_SCENARIO
                                  : FL_W_L2_WKIND_SCENARIO_NOT_ROUND;
        report(r, FL_SEV_ERROR, it->pos, "workshop-item-kind", why, what);
        free(full);
        return;
    }
    char *real = realpath(full, NULL);
    free(full);
    if (!real) {
        report(r, FL_SEV_ERROR, it->pos, "workshop-path-exists", FL_W_L2_WPATH_ERRNO, what,
               strerror(errno));
        return;
    }
    if (!content_ok(r, it, real, what)) {
        free(real);
        return;
    }
    keep(r, real, it->is_round, is_bundled_path(r, real));
}

static void bundled_item(resolver *r, const fl_workshop_item *it)
{
    char what[200];
    snprintf(what, sizeof(what), "bundled=\"%s\"", it->bundled);
    if (!r->bundled_read) {
        r->bundled_read = 1;
        if (fl_content_bundled(&r->bundled, r->data_dir) < 0) {
            r->oom = 1;
            return;
        }
    }
    if (r->bundled.n == 0) {
        report(r, FL_SEV_ERROR, it->pos, "workshop-bundled-exists", FL_W_L2_NO_BUNDLED, what,
               r->data_dir);
        return;
    }
    const fl_bundled_item *b = fl_bundled_find(&r->bundled, it->bundled, it->is_round);
    if (!b) {
        const fl_bundled_item *other = fl_bundled_find(&r->bundled, it->bundled, !it->is_round);
        if (other) {
            report(r, FL_SEV_ERROR, it->pos, "workshop-item-kind",
                   other->is_round ? FL_W_L2_BUNDLED_IS_ROUND : FL_W_L2_BUNDLED_IS_SCENARIO, what,
                   it->bundled);
            return;
        }
        /* did you mean: the nearest id of the right kind, within a small edit distance; only
         * files that load are in the list, so what is suggested can be used */
        const char *best = NULL;
        size_t best_d = strlen(it->bundled) <= 3 ? 2 : 3;
        for (uint32_t i = 0; i < r->bundled.n; i++) {
            size_t d = fl_edit_distance(it->bundled, r->bundled.items[i].id);
            if (r->bundled.items[i].is_round == it->is_round && d < best_d) {
                best_d = d;
                best = r->bundled.items[i].id;
            }
        }
        char h[160] = "";
        if (best)
            snprintf(h, sizeof(h), fl_word(FL_W_L2_DID_YOU_MEAN, r->diags->lang), best);
        report(r, FL_SEV_ERROR, it->pos, "workshop-bundled-exists",
               it->is_round ? FL_W_L2_NO_BUNDLED_ROUND : FL_W_L2_NO_BUNDLED_SCENARIO, what, h);
        return;
    }
    char *real = strdup(b->path);
    if (!real) {
        r->oom = 1;
        return;
    }
    if (!content_ok(r, it, real, what)) {
        free(real);
        return;
    }
    keep(r, real, it->is_round, 1);
}

void fl_workshop_files_free(fl_workshop_files *files)
{
    if (!files)
        return;
    for (uint32_t i = 0; i < files->n; i++)
        free(files->paths[i]);
    free(files->paths);
    free(files->is_round);
    free(files->bundled);
    *files = (fl_workshop_files){0};
}

int fl_workshop_resolve(fl_workshop_files *files, const fl_workshop *w, const char *data_dir,
                        int check_content, fl_diags *diags)
{
    *files = (fl_workshop_files){0};
    resolver r = {.w = w,
                  .diags = diags,
                  .files = files,
                  .data_dir = data_dir ? data_dir : ".",
                  .check_content = check_content};
    size_t errors_before = diags->errors;
    char *root = fl_content__join(r.data_dir, "scenarios");
    char *real_root = root ? realpath(root, NULL) : NULL;
    free(root);
    if (real_root) {
        size_t n = strlen(real_root);
        r.scenarios_root = malloc(n + 2);
        if (r.scenarios_root)
            snprintf(r.scenarios_root, n + 2, "%s/", real_root);
        free(real_root);
    }
    for (uint32_t i = 0; i < w->n_items && !r.oom; i++) {
        const fl_workshop_item *it = &w->items[i];
        if (it->path)
            path_item(&r, it);
        else if (it->bundled)
            bundled_item(&r, it);
    }
    fl_bundled_free(&r.bundled);
    free(r.scenarios_root);
    return r.oom ? -2 : diags->errors > errors_before ? -1 : 0;
}
