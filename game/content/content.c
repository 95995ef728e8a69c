/*
 * content.c - resolves a round's sources into loaded scenarios; see content.h.
 *
 * A file is known by its canonical path (realpath): a scenario named by a path and found again
 * by a tag, or by two spellings of one path, is loaded once. The pool is sorted by that path,
 * which does not depend on the working folder or on how the round named the file.
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

int fl_content_is_round_file(const char *path)
{
    return fl_content__file_is(path, fl_is_round_document);
}

/* ---- The pool being gathered ------------------------------------------------------------- */

typedef struct {
    char *real; /* canonical path, the key */
    fl_scenario *s;
} entry;

typedef struct {
    const fl_round_def *def;
    fl_diags *diags;
    entry *items;
    size_t n, cap;
    char **warned; /* broken files already reported, so two tags do not report one twice */
    size_t n_warned, cap_warned;
    int oom;
} gather;

/* A diagnostic at p, in the list of the file being resolved. */
#define report(g, ...) fl_content__report((g)->diags, __VA_ARGS__)

static int has(const gather *g, const char *real)
{
    for (size_t i = 0; i < g->n; i++)
        if (strcmp(g->items[i].real, real) == 0)
            return 1;
    return 0;
}

/* Takes real and s into the pool; frees them when out of memory. */
static void add(gather *g, char *real, fl_scenario *s)
{
    if (FL_GROW(g->items, g->cap, g->n + 1)) {
        g->oom = 1;
        free(real);
        fl_scenario_free(s);
        return;
    }
    g->items[g->n++] = (entry){real, s};
}

/* Whether real was reported broken already; remembers it if not. */
static int warned_before(gather *g, const char *real)
{
    for (size_t i = 0; i < g->n_warned; i++)
        if (strcmp(g->warned[i], real) == 0)
            return 1;
    if (FL_GROW(g->warned, g->cap_warned, g->n_warned + 1)) {
        g->oom = 1;
        return 0;
    }
    char *copy = strdup(real);
    if (!copy)
        g->oom = 1;
    else
        g->warned[g->n_warned++] = copy;
    return 0;
}

/* ---- Paths ----------------------------------------------------------------------------------- */

/* The name of a scenario's language after "in", in the list's language; another code as it is. */
static const char *language(const gather *g, const char *lang)
{
    int in = g->diags->lang;
    return strcmp(lang, "ru") == 0   ? fl_word(FL_W_L2_IN_RUSSIAN, in)
           : strcmp(lang, "en") == 0 ? fl_word(FL_W_L2_IN_ENGLISH, in)
                                     : lang;
}

/* ---- Sources --------------------------------------------------------------------------------- */

static void path_source(gather *g, const fl_round_source *src)
{
    const fl_round_def *def = g->def;
    char *full = fl_content__join(def->dir, src->path);
    if (!full) {
        g->oom = 1;
        return;
    }
    char msg[1200], h[NAME_MAX + 32];
    struct stat st;
    if (stat(full, &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR) {
            fl_content__suggest_path(full, 0, fl_content__scenario_loads, h, sizeof(h));
            report(g, FL_SEV_ERROR, src->pos, "round-path-exists", FL_W_L2_RPATH_NO_FILE, src->path,
                   h);
        } else {
            report(g, FL_SEV_ERROR, src->pos, "round-path-exists", FL_W_L2_RPATH_ERRNO, src->path,
                   strerror(errno));
        }
        free(full);
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        report(g, FL_SEV_ERROR, src->pos, "round-path-exists", FL_W_L2_RPATH_FOLDER, src->path,
               src->path);
        free(full);
        return;
    }
    if (fl_content_is_round_file(full)) {
        report(g, FL_SEV_ERROR, src->pos, "round-path-exists", FL_W_L2_RPATH_ROUND, src->path);
        free(full);
        return;
    }
    char *real = realpath(full, NULL);
    free(full);
    if (!real) {
        report(g, FL_SEV_ERROR, src->pos, "round-path-exists", FL_W_L2_RPATH_ERRNO, src->path,
               strerror(errno));
        return;
    }
    if (has(g, real)) { /* named twice: once in the pool */
        free(real);
        return;
    }
    fl_diags sd;
    fl_scenario *s = NULL;
    fl_diags_init(&sd, real);
    int rc = fl_scenario_load_file(&s, real, &sd);
    if (rc == -2 || sd.oom) {
        g->oom = 1;
    } else if (rc != 0 || !s) {
        if (sd.count && strcmp(sd.items[0].rule, "io") == 0) {
            report(g, FL_SEV_ERROR, src->pos, "round-path-exists", FL_W_L2_RPATH_IO, src->path,
                   sd.items[0].message);
        } else {
            warned_before(g, real); /* so that a tag's scan of its folder says it once */
            fl_content__describe_errors(&sd, fl_word(FL_W_L2_SO_NO_DRAW, sd.lang),
                                        fl_word(FL_W_L2_COULD_NOT_LOAD, sd.lang), msg, sizeof(msg));
            report(g, FL_SEV_ERROR, src->pos, "round-scenario-ok", FL_W_L2_RPATH_SCENARIO_ERRORS,
                   src->path, msg);
        }
    } else if (strcmp(s->lang, def->lang) != 0) {
        report(g, FL_SEV_ERROR, src->pos, "round-same-lang", FL_W_L2_SAME_LANG, src->path,
               language(g, s->lang), s->lang, language(g, def->lang), def->lang,
               language(g, def->lang));
    } else {
        add(g, real, s);
        real = NULL;
        s = NULL;
    }
    fl_scenario_free(s);
    free(real);
    fl_diags_clear(&sd);
}

static int has_tag(const fl_scenario *s, const char *tag)
{
    for (uint32_t i = 0; i < s->n_tags; i++)
        if (strcmp(s->tags[i], tag) == 0)
            return 1;
    return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int xml_entry(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return e->d_name[0] != '.' && n > 4 && strcmp(e->d_name + n - 4, ".xml") == 0;
}

/* What one folder scan for a tag found, for the message when nothing matched. */
typedef struct {
    unsigned scenarios, other_lang, broken;
    char near[128]; /* the closest tag of the round's language, for "did you mean" */
    size_t near_d;
} scan;

static void tag_source(gather *g, const fl_round_source *src)
{
    const fl_round_def *def = g->def;
    char *dir = fl_content__join(def->dir, src->dir);
    if (!dir) {
        g->oom = 1;
        return;
    }
    char h[NAME_MAX + 32], msg[1200];
    struct stat st;
    int is_default = strncmp(src->dir, "../", 3) == 0 && strcmp(src->dir + 3, def->lang) == 0;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        if (stat(dir, &st) == 0)
            report(g, FL_SEV_ERROR, src->pos, "round-dir-exists", FL_W_L2_DIR_IS_FILE, src->tag,
                   src->dir);
        else if (errno != ENOENT && errno != ENOTDIR)
            report(g, FL_SEV_ERROR, src->pos, "round-dir-exists", FL_W_L2_DIR_ERRNO, src->tag,
                   src->dir, strerror(errno));
        else {
            fl_content__suggest_path(dir, 1, NULL, h, sizeof(h));
            report(g, FL_SEV_ERROR, src->pos, "round-dir-exists", FL_W_L2_DIR_MISSING, src->tag,
                   src->dir, is_default ? fl_word(FL_W_L2_DIR_DEFAULT, g->diags->lang) : "", h);
        }
        free(dir);
        return;
    }
    struct dirent **names = NULL;
    int n = scandir(dir, &names, xml_entry, by_name);
    if (n < 0) {
        report(g, FL_SEV_ERROR, src->pos, "round-dir-exists", FL_W_L2_DIR_ERRNO, src->tag, src->dir,
               strerror(errno));
        free(dir);
        return;
    }
    scan sc = {.near_d = strlen(src->tag) <= 3 ? 2 : 3};
    unsigned matched = 0;
    for (int i = 0; i < n && !g->oom; i++) {
        char *full = fl_content__join(dir, names[i]->d_name);
        char *real = full ? realpath(full, NULL) : NULL;
        if (!full) {
            g->oom = 1;
        } else if (real && stat(real, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
            /* a FIFO, a device or a socket named *.xml: never opened (it could block), said */
            if (!warned_before(g, real)) {
                char why[200];
                int err;
                fl_file_status kind = fl_file_kind(real, &err);
                report(g, FL_SEV_WARNING, src->pos, "round-scenario-ok", FL_W_FILES_SKIPPED,
                       src->dir, names[i]->d_name,
                       fl_file_why(kind, err, g->diags->lang, why, sizeof(why)));
            }
        } else if (!real || stat(real, &st) != 0 || !S_ISREG(st.st_mode) ||
                   fl_content_is_round_file(real)) {
            /* not a scenario file: a round, a folder named *.xml, a dangling link */
        } else if (has(g, real)) {
            /* already drawn (by a path or another tag): counts as a match only if it has the
             * tag, which a scenario of the pool can be asked directly */
            for (size_t k = 0; k < g->n; k++)
                if (strcmp(g->items[k].real, real) == 0 && has_tag(g->items[k].s, src->tag))
                    matched++;
            sc.scenarios++;
        } else {
            fl_diags sd;
            fl_scenario *s = NULL;
            fl_diags_init(&sd, real);
            int rc = fl_scenario_load_file(&s, real, &sd);
            if (rc == -2 || sd.oom) {
                g->oom = 1;
            } else if (rc != 0 || !s) {
                sc.broken++;
                if (!warned_before(g, real)) {
                    char what[400];
                    snprintf(what, sizeof(what), fl_word(FL_W_L2_SO_NOT_DRAWN, sd.lang), src->tag);
                    fl_content__describe_errors(&sd, what, fl_word(FL_W_L2_COULD_NOT_LOAD, sd.lang),
                                                msg, sizeof(msg));
                    report(g, FL_SEV_WARNING, src->pos, "round-scenario-ok",
                           FL_W_L2_TAG_FILE_ERRORS, src->dir, names[i]->d_name, msg);
                }
            } else {
                sc.scenarios++;
                if (strcmp(s->lang, def->lang) != 0) {
                    sc.other_lang += has_tag(s, src->tag);
                } else if (has_tag(s, src->tag)) {
                    matched++;
                    add(g, real, s);
                    real = NULL;
                    s = NULL;
                } else {
                    for (uint32_t k = 0; k < s->n_tags; k++) {
                        size_t d = fl_edit_distance(src->tag, s->tags[k]);
                        if (d < sc.near_d) {
                            sc.near_d = d;
                            snprintf(sc.near, sizeof(sc.near), "%s", s->tags[k]);
                        }
                    }
                }
            }
            fl_scenario_free(s);
            fl_diags_clear(&sd);
        }
        free(real);
        free(full);
    }
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
    free(dir);
    if (matched || g->oom)
        return;
    int in = g->diags->lang;
    char why[800] = "";
    size_t o = 0;
    if (sc.near[0])
        o += (size_t)snprintf(why + o, sizeof(why) - o, fl_word(FL_W_L2_DID_YOU_MEAN, in), sc.near);
    if (sc.other_lang && o < sizeof(why))
        o += (size_t)snprintf(
            why + o, sizeof(why) - o,
            fl_word(sc.other_lang == 1 ? FL_W_L2_TAG_OTHER_LANG_ONE : FL_W_L2_TAG_OTHER_LANG_MANY,
                    in),
            sc.other_lang, language(g, def->lang));
    if (sc.broken && o < sizeof(why))
        snprintf(why + o, sizeof(why) - o,
                 fl_word(sc.broken == 1 ? FL_W_L2_TAG_BROKEN_ONE : FL_W_L2_TAG_BROKEN_MANY, in),
                 sc.broken);
    if (sc.scenarios == 0 && sc.broken == 0)
        report(g, FL_SEV_ERROR, src->pos, "round-tag-matches", FL_W_L2_TAG_NOTHING, src->tag,
               src->dir);
    else
        report(g, FL_SEV_ERROR, src->pos, "round-tag-matches", FL_W_L2_TAG_NO_MATCH, src->tag,
               language(g, def->lang), src->dir, why);
}

/* ---- The pool ------------------------------------------------------------------------------- */

static int by_real(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->real, ((const entry *)b)->real);
}

void fl_round_pool_free(fl_round_pool *pool)
{
    if (!pool)
        return;
    for (uint32_t i = 0; i < pool->n; i++) {
        fl_scenario_free(pool->items[i]);
        free(pool->paths[i]);
    }
    free(pool->items);
    free(pool->paths);
    *pool = (fl_round_pool){0};
}

int fl_round_pool_load(fl_round_pool *pool, const fl_round_def *def, fl_diags *diags)
{
    *pool = (fl_round_pool){0};
    gather g = {.def = def, .diags = diags};
    size_t errors_before = diags->errors;
    for (uint32_t i = 0; i < def->n_sources && !g.oom; i++) {
        const fl_round_source *src = &def->sources[i];
        if (src->path)
            path_source(&g, src);
        else if (src->tag && src->dir)
            tag_source(&g, src);
    }
    int rc = g.oom ? -2 : diags->errors > errors_before ? -1 : 0;
    if (rc == 0 && g.n > 0) {
        qsort(g.items, g.n, sizeof(*g.items), by_real);
        pool->items = malloc(g.n * sizeof(*pool->items));
        pool->paths = malloc(g.n * sizeof(*pool->paths));
        if (!pool->items || !pool->paths) {
            free(pool->items);
            free(pool->paths);
            pool->items = NULL;
            pool->paths = NULL;
            rc = -2;
        }
    }
    for (size_t i = 0; i < g.n; i++) {
        if (rc == 0) {
            pool->items[i] = g.items[i].s;
            pool->paths[i] = g.items[i].real;
        } else {
            fl_scenario_free(g.items[i].s);
            free(g.items[i].real);
        }
    }
    if (rc == 0)
        pool->n = (uint32_t)g.n;
    for (size_t i = 0; i < g.n_warned; i++)
        free(g.warned[i]);
    free(g.warned);
    free(g.items);
    return rc;
}
