/*
 * app.c - the desktop simulator: the window, the library of scenarios, the session in play,
 * and the event loop.
 *
 * The loop sleeps in SDL_WaitEvent whenever nothing animates, so an idle window uses no CPU;
 * while something moves (the "typing..." pause, the meters, a reply clock) it wakes at the
 * next moment that changes a pixel. A frame is drawn only when something changed.
 *
 * The library is the bundled scenarios and rounds, or a workshop file's library (--workshop
 * FILE, else the one chosen in the settings; game/core/workshop.h), then the trainer's folder
 * (--scenarios DIR) and the file named on the command line. A trainer's scenario or round with
 * a bundled one's id takes its place. What could not be used is said in the window (the sign-in
 * and the library), in the interface language. The workshop's rules over the trainee's settings
 * (fl_ui_assessment...) decide what every call and round is played and recorded with, with the
 * workshop's id and the session of the day. Every start is at the sign-in: on a shared laptop
 * whoever sits down says who they are; "Not you?" (a click or Ctrl+N) is dispatched here on
 * the screens before a call.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include <SDL_syswm.h>
#include <dlfcn.h>

#include "audio.h"
#include "diag.h"
#include "round_play.h"
#include "sound.h"
#include "text.h"
#include "ui.h"
#include "utf8.h"
#include "workshop.h"
#include "vec.h"

/* ---- fonts -------------------------------------------------------------------------------- */

#define EMOJI_FONT "Symbola.ttf"

static const struct {
    const char *file;
    int px; /* design pixels at 100% */
} font_spec[F_COUNT] = {
    [F_BODY] = {"NotoSans-Regular.ttf", 18},
    [F_BOLD] = {"NotoSans-Bold.ttf", 18},
    [F_SMALL] = {"NotoSans-Regular.ttf", 14},
    [F_TITLE] = {"NotoSans-Bold.ttf", 26},
};

/* Maps the font file of font f, once; fonts sharing a file share the mapping. FreeType then
 * reads glyphs from memory: through SDL_RWFromFile every glyph cost a seek and a read
 * system call, a fifth of the first frame's drawing time. */
/* Maps assets/fonts/NAME read-only; populate: all of it at once (the fonts every frame uses),
 * else page by page as glyphs are read (the emoji fallback, large and rarely needed). */
static void *map_file(const fl_ui *ui, const char *name, int populate, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/assets/fonts/%s", ui->data_dir, name);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    const char *why = NULL;
    if (fd < 0 || fstat(fd, &st) != 0)
        why = strerror(errno);
    else if (!S_ISREG(st.st_mode) || st.st_size <= 0 || st.st_size > INT_MAX)
        why = "not a font file";
    if (why) {
        fprintf(stderr, "frontline: cannot open the font %s: %s\n", path, why);
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | (populate ? MAP_POPULATE : 0),
                   fd, 0);
    close(fd);
    if (m == MAP_FAILED) {
        fprintf(stderr, "frontline: cannot read the font %s: %s\n", path, strerror(errno));
        return NULL;
    }
    *len = (size_t)st.st_size;
    return m;
}

static int map_font_file(fl_ui *ui, int f)
{
    if (ui->font_file[f])
        return 0;
    for (int g = 0; g < F_COUNT; g++)
        if (g != f && ui->font_file[g] && !strcmp(font_spec[g].file, font_spec[f].file)) {
            ui->font_file[f] = ui->font_file[g];
            ui->font_file_len[f] = ui->font_file_len[g];
            return 0;
        }
    size_t len;
    void *m = map_file(ui, font_spec[f].file, 1, &len);
    if (!m)
        return -1;
    ui->font_file[f] = m;
    ui->font_file_len[f] = len;
    return 0;
}

/* Unmaps the font files (each mapping once). */
static void unmap_font_files(fl_ui *ui)
{
    for (int f = 0; f < F_COUNT; f++) {
        if (!ui->font_file[f])
            continue;
        const void *m = ui->font_file[f];
        size_t len = ui->font_file_len[f];
        for (int g = f; g < F_COUNT; g++)
            if (ui->font_file[g] == m)
                ui->font_file[g] = NULL;
        munmap((void *)m, len);
    }
    if (ui->emoji_file)
        munmap((void *)ui->emoji_file, ui->emoji_len);
    ui->emoji_file = NULL;
}

/* The emoji fallback of a font, opened at its size the first time a text needs it (Symbola:
 * Noto Sans has no emoji, and the scenarios' over-familiar replies are full of them). Without
 * it emoji show as boxes, nothing worse. */
static TTF_Font *open_emoji(TTF_Font *font, void *ctx)
{
    fl_ui *ui = ctx;
    int f = 0;
    while (f < F_COUNT && ui->font[f] != font)
        f++;
    if (f == F_COUNT)
        return NULL;
    int px = ui->font_px[f];
    if (!ui->emoji_file && !ui->emoji_missing) {
        ui->emoji_file = map_file(ui, EMOJI_FONT, 0, &ui->emoji_len);
        ui->emoji_missing = ui->emoji_file == NULL;
    }
    if (!ui->emoji_file)
        return NULL;
    SDL_RWops *rw = SDL_RWFromConstMem(ui->emoji_file, (int)ui->emoji_len);
    ui->emoji[f] = rw ? TTF_OpenFontRW(rw, 1, px) : NULL;
    if (ui->emoji[f]) {
        TTF_SetFontHinting(ui->emoji[f], TTF_HINTING_LIGHT);
        fl_text_set_fallback(ui->font[f], ui->emoji[f]);
    }
    return ui->emoji[f];
}

void fl_ui_fonts(fl_ui *ui)
{
    int ww, wh;
    SDL_GetWindowSize(ui->win, &ww, &wh);
    SDL_GetRendererOutputSize(ui->ren, &ui->w, &ui->h);
    /* window points -> drawable pixels, for mouse coordinates; the layout also takes an X11
     * desktop's own scale, which SDL does not apply to points */
    ui->dpi = ww > 0 ? (float)ui->w / (float)ww : 1.0f;
    float design = ui->dpi * ui->x11_scale; /* drawable pixels per design pixel at 100% */
    /* the layout is designed for 1280 x 720: small windows scale down a little, never below
     * 75% of the chosen size, so nothing is cut */
    float fit = (float)ui->w / (1280.0f * design);
    float fith = (float)ui->h / (720.0f * design);
    if (fith < fit)
        fit = fith;
    if (fit > 1.0f)
        fit = 1.0f;
    if (fit < 0.75f)
        fit = 0.75f;
    ui->scale = design * (float)ui->set.text_size / 100.0f * fit;
    fl_cache_clear(ui);
    for (int f = 0; f < F_COUNT; f++) {
        int px = (int)(font_spec[f].px * ui->scale + 0.5f);
        if (ui->font[f] && ui->font_px[f] == px)
            continue;
        if (map_font_file(ui, f) != 0)
            continue; /* keeps the old size */
        SDL_RWops *rw = SDL_RWFromConstMem(ui->font_file[f], (int)ui->font_file_len[f]);
        TTF_Font *font = rw ? TTF_OpenFontRW(rw, 1, px) : NULL;
        if (!font) {
            fprintf(stderr, "frontline: cannot open the font %s: %s\n", font_spec[f].file,
                    TTF_GetError());
            continue; /* keeps the old size */
        }
        /* Light hinting: FreeType's light autohinter instead of the font's bytecode, which
         * was a third of the start-up time; at these sizes the text looks the same or better. */
        TTF_SetFontHinting(font, TTF_HINTING_LIGHT);
        if (ui->font[f]) {
            fl_text_set_fallback(ui->font[f], NULL);
            TTF_CloseFont(ui->font[f]);
        }
        ui->font[f] = font;
        ui->font_px[f] = px;
        if (ui->emoji[f]) { /* reopened at the new size when a text needs it */
            TTF_CloseFont(ui->emoji[f]);
            ui->emoji[f] = NULL;
        }
    }
    ui->dirty = 1;
}

/* Maps in the window's framebuffer at once. The software renderer draws straight into it, and
 * on a fresh window every one of its pages faults on the first clear: 900 faults at 1280 x 720,
 * 11 ms on the machine the budgets are measured on, against 2 ms for one MADV_POPULATE_WRITE.
 * A kernel without it (before Linux 5.14) says EINVAL and the pages fault as before. */
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif
static void prefault_framebuffer(fl_ui *ui)
{
    SDL_Surface *fb = SDL_GetWindowSurface(ui->win);
    if (!fb || !fb->pixels)
        return;
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t from = ((uintptr_t)fb->pixels + page - 1) & ~(page - 1);
    uintptr_t to = ((uintptr_t)fb->pixels + (size_t)fb->pitch * (size_t)fb->h) & ~(page - 1);
    if (to > from)
        (void)madvise((void *)from, to - from, MADV_POPULATE_WRITE);
}

/* The desktop's scale on X11, which has no HiDPI of its own: desktops that scale (GNOME, KDE,
 * Xfce on X11) say so in the Xft.dpi resource, 192 for twice the pixels, and SDL 2.26 does not
 * read it. XGetDefault is taken from the libX11 SDL has already loaded, so that Frontline does
 * not need libX11 where there is no X. 1 when there is no such setting (or not X11). */
static float x11_scale(SDL_Window *win)
{
    const char *driver = SDL_GetCurrentVideoDriver();
    if (!driver || strcmp(driver, "x11") != 0)
        return 1.0f;
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (!SDL_GetWindowWMInfo(win, &info) || info.subsystem != SDL_SYSWM_X11)
        return 1.0f;
    void *lib = dlopen("libX11.so.6", RTLD_LAZY | RTLD_NOLOAD);
    if (!lib)
        return 1.0f;
    typedef char *(*get_default)(Display *, const char *, const char *);
    get_default get;
    *(void **)&get = dlsym(lib, "XGetDefault");
    const char *v = get ? get(info.info.x11.display, "Xft", "dpi") : NULL;
    float dpi = v ? strtof(v, NULL) : 0.0f;
    dlclose(lib);
    /* under 1.25 is not worth blurring the layout's pixel grid; over 4 is a mistake */
    if (!(dpi >= 120.0f && dpi <= 384.0f))
        return 1.0f;
    return dpi / 96.0f;
}

/* ---- the library ---------------------------------------------------------------------------- */

/* Whether a goes before b in the library: the interface language's scenarios first, then by
 * title. */
static int before_in_library(const fl_entry *a, const fl_entry *b, int lang)
{
    const char *want = lang ? "ru" : "en";
    const char *al = a->scen ? a->scen->lang : a->round ? a->round->lang : "";
    const char *bl = b->scen ? b->scen->lang : b->round ? b->round->lang : "";
    int ao = strcmp(al, want) == 0 ? 0 : 1;
    int bo = strcmp(bl, want) == 0 ? 0 : 1;
    if (ao != bo)
        return ao < bo;
    const char *at = a->scen ? a->scen->title : a->round ? a->round->title : a->path;
    const char *bt = b->scen ? b->scen->title : b->round ? b->round->title : b->path;
    return strcmp(at, bt) < 0;
}

/* Sorts the library for the interface language (an insertion sort, stable: a library is a few
 * dozen files, and qsort would need the language in a global). */
static void sort_library(fl_entry *e, size_t n, int lang)
{
    for (size_t i = 1; i < n; i++) {
        fl_entry x = e[i];
        size_t j = i;
        for (; j > 0 && before_in_library(&x, &e[j - 1], lang); j--)
            e[j] = e[j - 1];
        e[j] = x;
    }
}

/* Loads one file into e; its lint messages are kept when it has errors. *warnings (may be
 * NULL) gets how many warnings it has. */
static void load_entry(fl_entry *e, const char *path, unsigned *warnings)
{
    memset(e, 0, sizeof(*e));
    e->path = strdup(path);
    e->best = -1;
    fl_diags d;
    fl_diags_init(&d, path);
    int rc;
    if (fl_content_is_round_file(path)) {
        /* a stress round: its file and the scenarios it draws from, checked as lint does */
        e->is_round = 1;
        rc = fl_round_def_load_file(&e->round, path, &d);
        if (rc == 0 && e->round)
            rc = fl_round_pool_load(&e->pool, e->round, &d);
        for (size_t i = 0; i < d.count; i++)
            if (d.items[i].severity == FL_SEV_ERROR)
                rc = -1;
        if (rc != 0) {
            fl_round_pool_free(&e->pool);
            fl_round_def_free(e->round);
            e->round = NULL;
        }
    } else {
        rc = fl_content_scenario_load(&e->scen, path, &d);
    }
    if (warnings) {
        *warnings = 0;
        for (size_t i = 0; i < d.count; i++)
            *warnings += d.items[i].severity == FL_SEV_WARNING;
    }
    if (rc != 0 || (!e->scen && !e->round)) {
        size_t cap = 256, len = 0;
        char *msg = malloc(cap);
        for (size_t i = 0; msg && i < d.count; i++) {
            char line[2048];
            int n = fl_diag_format(line, sizeof(line), path, &d.items[i]);
            if (n < 0)
                continue;
            if (FL_GROW(msg, cap, len + (size_t)n + 2))
                break;
            len += (size_t)snprintf(msg + len, cap - len, "%s\n", line);
        }
        if (msg)
            msg[len] = '\0';
        e->errors = msg;
        if (e->scen) {
            fl_scenario_free(e->scen);
            e->scen = NULL;
        }
    }
    fl_diags_clear(&d);
}

/* Frees what an entry holds (not the entry). */
static void free_entry(fl_entry *e)
{
    fl_scenario_free(e->scen);
    fl_round_pool_free(&e->pool);
    fl_round_def_free(e->round);
    free(e->path);
    free(e->errors);
    memset(e, 0, sizeof(*e));
}

static fl_entry *add_entry(fl_ui *ui, const char *path, int origin)
{
    if (FL_GROW(ui->lib, ui->lib_cap, ui->n_lib + 1))
        return NULL;
    fl_entry *e = &ui->lib[ui->n_lib++];
    load_entry(e, path, NULL);
    e->origin = origin;
    return e;
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Adds every *.xml of dir (not workshop files, which are no scenarios) with that origin.
 * Returns 0, or the errno of why the folder cannot be read; *found (may be NULL) gets how many
 * files were added. */
static int add_dir(fl_ui *ui, const char *dir, int origin, size_t *found)
{
    if (found)
        *found = 0;
    DIR *d = opendir(dir);
    if (!d) {
        int why = errno;
        fprintf(stderr, "frontline: cannot read %s: %s\n", dir, strerror(why));
        return why ? why : EIO;
    }
    struct dirent *de;
    char **names = NULL;
    size_t n = 0, cap = 0;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.' || !has_suffix(de->d_name, ".xml") ||
            has_suffix(de->d_name, ".workshop.xml"))
            continue;
        if (FL_GROW(names, cap, n + 1))
            break;
        names[n] = malloc(strlen(dir) + strlen(de->d_name) + 2);
        if (names[n])
            sprintf(names[n++], "%s/%s", dir, de->d_name);
    }
    closedir(d);
    for (size_t i = 0; i < n; i++) {
        add_entry(ui, names[i], origin);
        free(names[i]);
    }
    free(names);
    if (found)
        *found = n;
    return 0;
}

/* The id a card is known by: the scenario's or the round's (NULL for a file with errors). */
static const char *entry_id(const fl_entry *e)
{
    return e->scen ? e->scen->id : e->round ? e->round->id : NULL;
}

/* The trainer's versions: a scenario (or round) of theirs with the id of a bundled one takes its
 * place, so the library never shows two cards with the same title; the bundled one goes. */
static void mark_trainer_versions(fl_ui *ui)
{
    for (size_t i = 0; i < ui->n_lib; i++) {
        fl_entry *mine = &ui->lib[i];
        const char *id = entry_id(mine);
        if (mine->origin != FL_ORIGIN_YOURS || !id)
            continue;
        for (size_t j = 0; j < ui->n_lib; j++) {
            fl_entry *b = &ui->lib[j];
            const char *bid = entry_id(b);
            if (b->origin != FL_ORIGIN_BUNDLED || !bid || strcmp(bid, id) != 0 ||
                !b->scen != !mine->scen)
                continue;
            mine->replaces_bundled = 1;
            free_entry(b);
            memmove(b, b + 1, (ui->n_lib - j - 1) * sizeof(*b));
            ui->n_lib--;
            if (j < i) {
                i--;
                mine = &ui->lib[i];
            }
            j--;
        }
    }
}

/* Whether the file at path is one of Frontline's own (under data_dir/scenarios). */
static int is_bundled_path(const fl_ui *ui, const char *path)
{
    char dir[4096];
    snprintf(dir, sizeof(dir), "%s/scenarios", ui->data_dir);
    char *rd = realpath(dir, NULL), *rp = realpath(path, NULL);
    int yes = rd && rp && strncmp(rp, rd, strlen(rd)) == 0 && rp[strlen(rd)] == '/';
    free(rd);
    free(rp);
    return yes;
}

static void collect_tags(fl_ui *ui)
{
    for (size_t i = 0; i < ui->n_lib; i++) {
        const fl_scenario *s = ui->lib[i].scen;
        for (uint32_t k = 0; s && k < s->n_tags; k++) {
            size_t j = 0;
            while (j < ui->n_tags && strcmp(ui->tags[j], s->tags[k]) != 0)
                j++;
            if (j < ui->n_tags)
                continue;
            if (FL_GROW(ui->tags, ui->tags_cap, ui->n_tags + 1))
                return;
            ui->tags[ui->n_tags++] = strdup(s->tags[k]);
        }
    }
}

typedef struct {
    fl_ui *ui;
} score_ctx;

static int tally(void *ctx, const fl_record *r)
{
    fl_ui *ui = ctx;
    for (size_t i = 0; i < ui->n_lib; i++) {
        fl_entry *e = &ui->lib[i];
        if (e->scen && strcmp(e->scen->id, r->scenario_id) == 0) {
            e->attempts++;
            if (r->overall > e->best)
                e->best = r->overall;
        }
    }
    return 0;
}

void fl_ui_refresh_scores(fl_ui *ui)
{
    for (size_t i = 0; i < ui->n_lib; i++) {
        ui->lib[i].best = -1;
        ui->lib[i].attempts = 0;
    }
    char path[4096], err[1024];
    const char *db = ui->db_path;
    if (!db) {
        if (fl_store_default_path(path, sizeof(path)) < 0)
            return;
        db = path;
    }
    if (access(db, F_OK) != 0 || !ui->set.trainee[0])
        return;
    fl_store *st;
    if (fl_store_open(&st, db, 1, err, sizeof(err)) != FL_STORE_OK)
        return;
    fl_store_filter f = {.trainee = ui->set.trainee, .group = ui->set.group, .finished_only = 1};
    fl_store_each(st, &f, 0, tally, ui, err, sizeof(err));
    fl_library_round_scores(ui, st);
    fl_store_close(st);
}

/* ---- the workshop and the library's problems ------------------------------------------------ */

/* What the window says about the library's sources, kept in parts so that the words follow the
 * interface language (ui->workshop_problem and ui->user_dir_problem are made from them). And the
 * workshop's resolved files, which the library is made of. One desktop per process. */
static struct {
    char *ws_detail; /* the workshop file's first problem ("file:line:column: error: ..."), or
                        "" when it said none; NULL: no problem */
    int dir_why;     /* why --scenarios DIR cannot be used: an errno, -1 no *.xml, 0 none */
    int lang;        /* the language the messages were made in, -1: make them again */
    fl_workshop_files files;
    char *pending_overlay; /* the errors of the file named on the command line: shown on the
                              library after the sign-in */
} app;

static void set_problems_words(fl_ui *ui)
{
    free(ui->workshop_problem);
    free(ui->user_dir_problem);
    ui->workshop_problem = ui->user_dir_problem = NULL;
    app.lang = ui->set.lang;
    char buf[4096];
    if (app.ws_detail) {
        snprintf(buf, sizeof(buf), T(ui, FL_W_DESK_WS_PROBLEM),
                 app.ws_detail[0] ? app.ws_detail : T(ui, FL_W_DESK_WS_NO_DETAIL));
        ui->workshop_problem = strdup(buf);
    }
    if (app.dir_why && ui->user_dir) {
        char why[512];
        int e = app.dir_why;
        if (e < 0)
            snprintf(why, sizeof(why), "%s", T(ui, FL_W_DESK_WHY_NO_XML));
        else if (e == ENOENT)
            snprintf(why, sizeof(why), "%s", T(ui, FL_W_DESK_WHY_MISSING));
        else if (e == EACCES || e == EPERM)
            snprintf(why, sizeof(why), "%s", T(ui, FL_W_DESK_WHY_DENIED));
        else if (e == ENOTDIR)
            snprintf(why, sizeof(why), "%s", T(ui, FL_W_DESK_WHY_NOT_DIR));
        else
            snprintf(why, sizeof(why), T(ui, FL_W_DESK_WHY_OTHER), strerror(e));
        snprintf(buf, sizeof(buf), T(ui, FL_W_DESK_DIR_PROBLEM), ui->user_dir, why);
        ui->user_dir_problem = strdup(buf);
    }
    ui->dirty = 1;
}

/* The first error of diags (else the first diagnostic) as "file:line:column: ...", or "". */
static char *first_problem(const fl_diags *d, const char *path)
{
    const fl_diag *pick = NULL;
    for (size_t i = 0; i < d->count && !pick; i++)
        if (d->items[i].severity == FL_SEV_ERROR)
            pick = &d->items[i];
    if (!pick && d->count)
        pick = &d->items[0];
    char line[2048] = "";
    if (pick)
        fl_diag_format(line, sizeof(line), path, pick);
    return strdup(line);
}

/* Drops the workshop in use (and its files, and its problem). */
static void drop_workshop(fl_ui *ui)
{
    fl_workshop_free(ui->workshop);
    ui->workshop = NULL;
    fl_workshop_files_free(&app.files);
    memset(&app.files, 0, sizeof(app.files));
    free(app.ws_detail);
    app.ws_detail = NULL;
    ui->day_session = NULL;
}

/* Loads the workshop file at path (NULL or "": none) with the files of its library. On a
 * problem the workshop stays NULL and the problem is kept to be said in the window: the bundled
 * library is shown then. */
static void load_workshop(fl_ui *ui, const char *path)
{
    drop_workshop(ui);
    if (!path || !*path) {
        set_problems_words(ui);
        return;
    }
    fl_diags d;
    fl_diags_init(&d, path);
    fl_workshop *w = NULL;
    int rc = fl_workshop_load_file(&w, path, &d);
    if (rc == 0 && w) {
        rc = fl_workshop_resolve(&app.files, w, ui->data_dir, 0, &d);
        if (rc != 0 || !app.files.n) {
            fl_workshop_files_free(&app.files);
            memset(&app.files, 0, sizeof(app.files));
            rc = -1;
        }
    }
    if (rc == 0) {
        ui->workshop = w;
        if (w->group && *w->group) {
            /* every trainee's group, cut between characters like any name */
            size_t n = fl_utf8_prefix(w->group, FL_NAME_MAX);
            if (n >= sizeof(ui->set.group))
                n = sizeof(ui->set.group) - 1;
            memcpy(ui->set.group, w->group, n);
            ui->set.group[n] = '\0';
        }
    } else {
        fl_workshop_free(w);
        app.ws_detail = first_problem(&d, path);
        fprintf(stderr, "frontline: the workshop file cannot be used: %s\n",
                app.ws_detail[0] ? app.ws_detail : path);
    }
    fl_diags_clear(&d);
    set_problems_words(ui);
}

/* The workshop's language (workshop.h: lang) is the sign-in's while nobody is signed in, and
 * so a new trainee's (fl_settings_switch keeps the language shown); each can still switch it
 * there. */
static void workshop_lang(fl_ui *ui)
{
    const char *lang = ui->workshop ? ui->workshop->lang : NULL;
    if (lang && (!strcmp(lang, "ru") || !strcmp(lang, "en")))
        ui->set.lang = !strcmp(lang, "ru");
}

/* The session of the day recorded with results: --session's when the workshop has it, else the
 * one the local clock is in (or the next one of the day). */
static void choose_session(fl_ui *ui)
{
    ui->day_session = NULL;
    const fl_workshop *w = ui->workshop;
    if (!w || !w->n_sessions)
        return;
    int i = ui->session_arg ? fl_workshop_session_find(w, ui->session_arg) : -1;
    if (i < 0) {
        time_t t = time(NULL);
        struct tm tm;
        int minute = localtime_r(&t, &tm) ? tm.tm_hour * 60 + tm.tm_min : 0;
        i = fl_workshop_session_at(w, minute);
    }
    if (i >= 0 && (uint32_t)i < w->n_sessions)
        ui->day_session = w->sessions[i].name;
}

/* A yes-or-no the workshop's rules may fix: 1 when they say yes, 0 when they say no, else the
 * trainee's own setting. */
static int ruled(int yes, int no, int own)
{
    return yes ? 1 : no ? 0 : own ? 1 : 0;
}

int fl_ui_assessment(const fl_ui *ui)
{
    const fl_workshop *w = ui->workshop;
    return ruled(w && w->mode == FL_WS_MODE_ASSESSMENT, w && w->mode == FL_WS_MODE_PRACTICE,
                 ui->set.assessment);
}

int fl_ui_mode_locked(const fl_ui *ui)
{
    return ui->workshop && ui->workshop->mode != FL_WS_MODE_FREE;
}

int fl_ui_timed(const fl_ui *ui)
{
    const fl_workshop *w = ui->workshop;
    return ruled(w && w->timed == FL_WS_TIMED_YES, w && w->timed == FL_WS_TIMED_NO, ui->set.timed);
}

int fl_ui_timed_locked(const fl_ui *ui)
{
    return ui->workshop && ui->workshop->timed != FL_WS_TIMED_CHOICE;
}

int fl_ui_extension(const fl_ui *ui)
{
    if (ui->workshop) {
        switch (ui->workshop->extension) {
        case FL_WS_EXT_X1:
            return 0;
        case FL_WS_EXT_X15:
            return 1;
        case FL_WS_EXT_X2:
            return 2;
        case FL_WS_EXT_CHOICE:
            break;
        }
    }
    return ui->set.extension >= 0 && ui->set.extension <= 2 ? ui->set.extension : 0;
}

int fl_ui_extension_locked(const fl_ui *ui)
{
    return ui->workshop && ui->workshop->extension != FL_WS_EXT_CHOICE;
}

double fl_ui_factor(const fl_ui *ui)
{
    int e = fl_ui_extension(ui);
    return e == 1 ? 1.5 : e == 2 ? 2.0 : 1.0;
}

/* ---- sessions -------------------------------------------------------------------------------- */

int fl_ui_start(fl_ui *ui, int index)
{
    fl_sound_leave(ui); /* the call or round left behind falls silent before it goes */
    if (ui->round) {    /* a stress round ends first (its calls are the round's) */
        fl_round_play_free(ui->round);
        ui->round = NULL;
    } else {
        fl_call_free(ui->call);
    }
    ui->call = NULL;
    fl_entry *e = &ui->lib[index];
    if (!e->scen)
        return -1;
    fl_call_opts o = {
        .db_path = ui->db_path,
        .scenario_path = e->path,
        .trainee = ui->set.trainee,
        .group = ui->set.group,
        .assessment = fl_ui_assessment(ui),
        .timed = fl_ui_timed(ui),
        .factor = fl_ui_factor(ui),
        .lang = ui->set.lang ? "ru" : "en",
        .now_ms = ui->now,
        .workshop = ui->workshop ? ui->workshop->id : NULL,
        .day_session = ui->day_session,
    };
    if (fl_call_new(&ui->call, e->scen, &o) < 0)
        return -1;
    ui->current = index;
    ui->review_turn = 1;
    return 0;
}

/* Whether the reload overlay is beside a call in play (a side panel) rather than over the
 * screen: F5 found errors while a single call went on. */
static int overlay_beside(const fl_ui *ui)
{
    return ui->overlay && ui->screen == SCR_CONVERSATION && ui->call && !ui->round;
}

void fl_ui_reload(fl_ui *ui)
{
    int i = ui->screen == SCR_LIBRARY ? ui->lib_focus
            : ui->current >= 0        ? ui->current
                                      : ui->lib_focus;
    if (i < 0 || (size_t)i >= ui->n_lib)
        return;
    fl_entry *e = &ui->lib[i];
    /* a round held by ui->round uses the entry's def and pool: from the library, the briefing
     * or the history (the round over, its results left) the round goes first; in play, on its
     * results or a call's review, the entry is not reloaded under it (said) */
    if (ui->round && ui->round->entry == i) {
        if (ui->screen != SCR_LIBRARY && ui->screen != SCR_BRIEFING && ui->screen != SCR_HISTORY) {
            fl_ui_toast(ui, T(ui, FL_W_DESK_RELOAD_ROUND));
            return;
        }
        fl_sound_leave(ui);
        fl_round_play_free(ui->round);
        ui->round = NULL;
        ui->call = NULL;
    }
    /* the file again, beside the entry: the entry changes only when it is used */
    fl_entry fresh;
    unsigned warnings = 0;
    load_entry(&fresh, e->path, &warnings);
    fresh.origin = e->origin;
    fresh.replaces_bundled = e->replaces_bundled;
    fresh.best = e->best;
    fresh.attempts = e->attempts;
    int ok = fresh.scen || fresh.round;
    int in_call = ui->screen == SCR_CONVERSATION && ui->call && !ui->round && ui->current == i;
    free(ui->overlay);
    ui->overlay = NULL;
    if (!ok && in_call) {
        /* errors while a call goes on: the call keeps the scenario it started with (the entry
         * is left as it was), and the errors show beside it */
        ui->overlay = strdup(fresh.errors ? fresh.errors : "?");
        free_entry(&fresh);
        fl_voicing_note(ui, T(ui, FL_W_DESK_RELOAD_KEPT));
        ui->dirty = 1;
        return;
    }
    fl_sound_leave(ui);
    int round_call = 0; /* a round's calls belong to the round */
    for (uint32_t k = 0; ui->round && ui->call && k < ui->round->n_calls; k++)
        round_call |= ui->round->calls[k] == ui->call;
    if (!round_call) {
        fl_call_free(ui->call); /* recorded as it stands */
        ui->call = NULL;
    }
    free_entry(e);
    *e = fresh; /* in place */
    if (!ok) {
        ui->overlay = strdup(e->errors ? e->errors : "?");
        ui->current = -1;
        ui->lib_focus = i;
        fl_ui_go(ui, SCR_LIBRARY);
        return;
    }
    ui->current = i;
    fl_ui_go(ui, SCR_BRIEFING);
    char msg[200];
    if (warnings)
        snprintf(msg, sizeof(msg), T(ui, FL_W_DESK_RELOADED_WARNINGS), warnings);
    else
        snprintf(msg, sizeof(msg), "%s", T(ui, FL_W_DESK_RELOADED));
    fl_ui_toast(ui, msg);
}

#define TOAST_MS 3000

void fl_ui_toast(fl_ui *ui, const char *text)
{
    if (!text || !*text)
        return;
    int same = ui->toast && !strcmp(ui->toast, text);
    if (!same) {
        char *t = strdup(text);
        if (!t)
            return;
        free(ui->toast);
        ui->toast = t;
        fl_voicing_note(ui, text); /* said once, not at every key that shows it again */
    }
    ui->toast_until = ui->now + TOAST_MS;
    ui->dirty = 1;
}

void fl_ui_go(fl_ui *ui, fl_screen s)
{
    if (s != SCR_CONVERSATION)
        fl_sound_leave(ui); /* no speech, ambience or meter outlives the call's screen */
    if (s == SCR_LIBRARY || s == SCR_HISTORY)
        fl_ui_refresh_scores(ui);
    if (s == SCR_CONVERSATION || s == SCR_SIGNIN)
        SDL_StartTextInput();
    else
        SDL_StopTextInput();
    if (s != SCR_CONVERSATION && overlay_beside(ui)) {
        /* the errors beside a call go with it (F5 shows them again) */
        free(ui->overlay);
        ui->overlay = NULL;
    }
    if (s == SCR_SIGNIN && !ui->set.trainee[0])
        workshop_lang(ui); /* someone new sits down */
    if (s == SCR_LIBRARY && app.pending_overlay) {
        free(ui->overlay);
        ui->overlay = app.pending_overlay;
        app.pending_overlay = NULL;
    }
    free(ui->toast); /* a message of the screen left goes with it */
    ui->toast = NULL;
    ui->screen = s;
    ui->visit++;
    ui->focus = 0;
    ui->scroll = 0;
    ui->dirty = 1;
}

static double t_start; /* when fl_desktop_run began (FRONTLINE_TRACE) */

static double wall_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void stage(const fl_ui *ui, const char *what)
{
    if (ui->trace)
        fprintf(stderr, "trace: stage %s at %.1f ms\n", what, wall_ms() - t_start);
}

/* ---- the reload panel beside a call, and the toast ---------------------------------------- */

/* The width of the reload panel beside a call (0: none): the conversation keeps the rest. */
static int side_w(const fl_ui *ui)
{
    if (!overlay_beside(ui))
        return 0;
    int w = ui->w * 3 / 8;
    if (w < S(ui, 300))
        w = S(ui, 300);
    if (w > ui->w / 2)
        w = ui->w / 2;
    return w;
}

/* The conversation lays itself out in the window's width: while the panel is beside it, that
 * width is the window's less the panel's (narrow), given back after (widen). */
static int narrow(fl_ui *ui)
{
    int pw = side_w(ui);
    ui->w -= pw;
    return pw;
}

static void widen(fl_ui *ui, int pw)
{
    ui->w += pw;
}

/* The panel's "Esc Close" hint, for clicks (kept from the last frame drawn). */
static SDL_Rect side_close;

static void draw_side_panel(fl_ui *ui, int pw)
{
    int x = ui->w - pw, pad = S(ui, 20), tw = pw - 2 * pad;
    int top = fl_bar_height(ui);
    fl_fill(ui, x, 0, pw, ui->h, fl_colors[C_PANEL]);
    fl_fill(ui, x, top - 1, pw, 1, fl_colors[C_LINE]); /* the top bar's rule, carried on */
    fl_fill(ui, x, top, S(ui, 3) > 2 ? S(ui, 3) : 2, ui->h - top, fl_colors[C_BAD]);
    SDL_Rect clip = {x, top, pw, ui->h - top};
    SDL_RenderSetClipRect(ui->ren, &clip);
    int y = top + pad;
    y += fl_text_box(ui, F_BOLD, fl_colors[C_BAD], x + pad, y, tw, T(ui, FL_W_DESK_RELOAD_KEPT), 1);
    /* the close key at the bottom, the errors between */
    int kh = fl_line_height(ui, F_BOLD);
    int ky = ui->h - pad - kh;
    int kw = fl_key_hint(ui, x + pad, ky, "Esc", T(ui, FL_W_DESK_CLOSE));
    side_close = (SDL_Rect){x + pad, ky, kw, kh};
    SDL_Rect errs = {x, y + S(ui, 12), pw, ky - S(ui, 12) - (y + S(ui, 12))};
    if (errs.h > 0) {
        SDL_RenderSetClipRect(ui->ren, &errs);
        fl_text_box(ui, F_SMALL, fl_colors[C_TEXT], x + pad, errs.y, tw, ui->overlay, 1);
    }
    SDL_RenderSetClipRect(ui->ren, NULL);
    fl_trace_region(ui, "reload-panel", &clip);
}

/* The toast over a screen without a top bar of fl_header's (the conversation): centred under
 * its top. Screens with one show it in the bar instead (draw.c). */
static void draw_toast(fl_ui *ui)
{
    if (!ui->toast || ui->toast_in_bar == ui->frame + 1)
        return;
    fl_trace_kind(ui, "toast");
    int pad = S(ui, 16), maxw = ui->w - 2 * S(ui, 48);
    int tw = fl_width(ui, F_BODY, ui->toast);
    if (tw > maxw - 2 * pad)
        tw = maxw - 2 * pad;
    int th = fl_text_box(ui, F_BODY, fl_colors[C_ON_ACCENT], 0, 0, tw, ui->toast, 0);
    int w = tw + 2 * pad, h = th + 2 * S(ui, 10);
    int x = (ui->w - w) / 2, y = fl_bar_height(ui) + S(ui, 12);
    fl_round_rect(ui, x, y, w, h, S(ui, 8), fl_colors[C_TEXT]);
    fl_text_box(ui, F_BODY, fl_colors[C_ON_ACCENT], x + pad, y + S(ui, 10), tw, ui->toast, 1);
    SDL_Rect r = {x, y, w, h};
    fl_trace_region(ui, "toast", &r);
    fl_trace_kind(ui, NULL);
}

/* ---- the loop -------------------------------------------------------------------------------- */

/* The screen in play decides where things go (and clamps its scrolls) before it draws, and
 * before an event reaches it, so drawing only reads. */
static void layout(fl_ui *ui)
{
    switch (ui->screen) {
    case SCR_SIGNIN:
        fl_signin_layout(ui, &ui->signin);
        break;
    case SCR_LIBRARY:
        fl_library_layout(ui, &ui->library);
        break;
    case SCR_BRIEFING:
        fl_briefing_layout(ui, &ui->briefing);
        break;
    case SCR_CONVERSATION:
        if (ui->call) {
            int pw = narrow(ui);
            fl_conversation_layout(ui, ui->call);
            widen(ui, pw);
        }
        break;
    case SCR_RESULTS:
        fl_results_layout(ui, ui->call);
        break;
    case SCR_REVIEW:
        fl_review_layout(ui, ui->call);
        break;
    case SCR_HISTORY:
        fl_history_layout(ui);
        break;
    case SCR_SETTINGS:
        break;
    case SCR_ROUND_RESULTS:
        if (ui->round)
            fl_round_results_layout(ui, ui->round);
        break;
    }
}

/* The lint overlay's scroll (pixels from its top), and whether its text runs past the view:
 * at 200% text or with many problems the messages are taller than the window, so they are
 * clipped to the frame and scroll with the arrows, Page Up/Down, Home/End and the wheel. */
static int overlay_scroll, overlay_more;
static const char *overlay_seen; /* the messages scrolled: new ones start at the top */

/* The lint overlay: the file's problems with file:line:column, over everything. */
static void draw_overlay(fl_ui *ui)
{
    int m = S(ui, 40), pad = S(ui, 20);
    if (overlay_seen != ui->overlay) {
        overlay_seen = ui->overlay;
        overlay_scroll = 0;
    }
    fl_fill(ui, m, m, ui->w - 2 * m, ui->h - 2 * m, fl_colors[C_PANEL]);
    fl_frame(ui, m, m, ui->w - 2 * m, ui->h - 2 * m, S(ui, 3), fl_colors[C_BAD]);
    int x = m + pad, tw = ui->w - 2 * m - 2 * pad;
    SDL_Rect frame = {m + S(ui, 3), m + S(ui, 3), ui->w - 2 * m - S(ui, 6),
                      ui->h - 2 * m - S(ui, 6)};
    SDL_RenderSetClipRect(ui->ren, &frame);
    int y = m + pad;
    y += fl_text_box(ui, F_BOLD, fl_colors[C_BAD], x, y, tw, T(ui, FL_W_RELOAD_FAILED), 1);
    y += S(ui, 12);
    /* the key hints on the frame's last line, the messages between */
    int kh = fl_line_height(ui, F_BOLD);
    int ky = ui->h - m - pad - kh;
    int th = fl_text_box(ui, F_SMALL, fl_colors[C_TEXT], x, y, tw, ui->overlay, 0);
    int view = ky - S(ui, 12) - y;
    int more = view > 0 && th > view;
    int max = more ? th - view : 0;
    if (overlay_scroll > max)
        overlay_scroll = max;
    if (overlay_scroll < 0)
        overlay_scroll = 0;
    overlay_more = more;
    int kx = x + fl_key_hint(ui, x, ky, "Esc", T(ui, FL_W_DESK_CLOSE)) + S(ui, 24);
    if (more)
        fl_key_hint(ui, kx, ky, T(ui, FL_W_KEY_UPDOWN), T(ui, FL_W_SCROLL));
    if (view > 0) {
        SDL_Rect errs = {frame.x, y, frame.w, view};
        SDL_RenderSetClipRect(ui->ren, &errs);
        fl_text_box(ui, F_SMALL, fl_colors[C_TEXT], x, y - overlay_scroll, tw, ui->overlay, 1);
        fl_trace_region(ui, "overlay-messages", &errs);
    }
    SDL_RenderSetClipRect(ui->ren, NULL);
}

/* Scrolls the lint overlay by a key or the wheel; returns 1 when the event was one of those. */
static int overlay_scroll_event(fl_ui *ui, const SDL_Event *e)
{
    int line = fl_line_height(ui, F_SMALL), page = ui->h / 2;
    int d = 0;
    if (e->type == SDL_MOUSEWHEEL)
        d = -e->wheel.y * 3 * line;
    else if (e->type == SDL_KEYDOWN)
        switch (e->key.keysym.sym) {
        case SDLK_UP:
            d = -line;
            break;
        case SDLK_DOWN:
            d = line;
            break;
        case SDLK_PAGEUP:
            d = -page;
            break;
        case SDLK_PAGEDOWN:
            d = page;
            break;
        case SDLK_HOME:
            d = -(1 << 28);
            break;
        case SDLK_END:
            d = 1 << 28;
            break;
        default:
            return 0;
        }
    else
        return 0;
    if (overlay_more || d < 0) {
        overlay_scroll += d; /* clamped when drawn */
        ui->dirty = 1;
    }
    return 1;
}

static void draw(fl_ui *ui)
{
    if (app.lang != ui->set.lang) {
        set_problems_words(ui);              /* the interface language changed */
        fl_diags_default_lang(ui->set.lang); /* lint's messages (F5, the overlay) follow it */
    }
    layout(ui);
    fl_voicing_frame_begin(ui);
    if (ui->trace_layout)
        fprintf(stderr, "trace: layout-begin %llu screen %d size %d %d scale %.3f\n",
                (unsigned long long)ui->frame, (int)ui->screen, ui->w, ui->h, ui->scale);
    SDL_Color bg = fl_colors[C_BG];
    SDL_SetRenderDrawColor(ui->ren, bg.r, bg.g, bg.b, 0xFF);
    SDL_RenderClear(ui->ren);
    ui->not_you = (SDL_Rect){0, 0, 0, 0}; /* the top bar sets it where it draws the link */
    int pw = 0;
    switch (ui->screen) {
    case SCR_SIGNIN:
        fl_signin_draw(ui, &ui->signin);
        break;
    case SCR_LIBRARY:
        fl_library_draw(ui, &ui->library);
        break;
    case SCR_BRIEFING:
        fl_briefing_draw(ui, &ui->briefing);
        break;
    case SCR_CONVERSATION:
        pw = narrow(ui);
        fl_conversation_draw(ui, ui->call);
        widen(ui, pw);
        break;
    case SCR_RESULTS:
        fl_results_draw(ui, ui->call);
        break;
    case SCR_REVIEW:
        fl_review_draw(ui, ui->call);
        break;
    case SCR_HISTORY:
        fl_history_draw(ui);
        break;
    case SCR_SETTINGS:
        fl_settings_draw(ui);
        break;
    case SCR_ROUND_RESULTS:
        if (ui->round)
            fl_round_results_draw(ui, ui->round);
        break;
    }
    fl_trace_kind(ui, "overlay");
    if (pw) {
        draw_side_panel(ui, pw);
    } else if (ui->overlay) {
        draw_overlay(ui);
    }
    fl_trace_kind(ui, NULL);
    draw_toast(ui); /* over everything */
    if (ui->trace_layout)
        fprintf(stderr, "trace: layout-end %llu\n", (unsigned long long)ui->frame);
    if (ui->trace && ui->frame == 0)
        stage(ui, "first-frame-drawn");
    SDL_RenderPresent(ui->ren);
    ui->frame++;
    fl_cache_trim(ui);
}

/* The screens before a call, where "Not you?" is offered. */
static int before_call(const fl_ui *ui)
{
    return ui->screen == SCR_LIBRARY || ui->screen == SCR_BRIEFING || ui->screen == SCR_HISTORY ||
           ui->screen == SCR_SETTINGS;
}

/* A file dropped on the window: a workshop file is used from now on (as if chosen in the
 * settings); anything else is said not to be one. */
static void dropped(fl_ui *ui, const char *file)
{
    if (!file)
        return;
    if (!fl_content_is_workshop_file(file) && !has_suffix(file, ".workshop.xml")) {
        char msg[1200];
        snprintf(msg, sizeof(msg), T(ui, FL_W_DESK_NOT_WORKSHOP), file);
        fl_ui_toast(ui, msg);
    } else if (ui->workshop_arg) {
        fl_ui_toast(ui, T(ui, FL_W_DESK_SET_WS_CMDLINE_SAY)); /* the command line's wins */
    } else if (ui->screen == SCR_CONVERSATION) {
        fl_ui_toast(ui, T(ui, FL_W_DESK_WS_AFTER_CALL)); /* a call is never cut short */
    } else {
        fl_ui_use_workshop(ui, file);
    }
}

static void dispatch(fl_ui *ui, const SDL_Event *e)
{
    if (e->type == SDL_QUIT) {
        ui->quit = 1;
        return;
    }
    if (e->type == SDL_DROPFILE) {
        dropped(ui, e->drop.file);
        SDL_free(e->drop.file);
        return;
    }
    if (fl_voicing_event(ui, e)) /* F2, F3; Ctrl alone stops speech and goes on */
        return;
    if (e->type == SDL_WINDOWEVENT) {
        if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED ||
            e->window.event == SDL_WINDOWEVENT_DISPLAY_CHANGED)
            fl_ui_fonts(ui);
        ui->dirty = 1;
        return;
    }
    int beside = overlay_beside(ui);
    if (e->type == SDL_KEYDOWN) {
        SDL_Keycode k = e->key.keysym.sym;
        if (ui->overlay) {
            if (k == SDLK_ESCAPE) {
                free(ui->overlay);
                ui->overlay = NULL;
                ui->dirty = 1;
                return;
            }
            if (k == SDLK_F5) {
                fl_ui_reload(ui);
                return;
            }
            if (!beside) { /* the panel beside a call leaves the call its keys */
                overlay_scroll_event(ui, e);
                return;
            }
        }
        if (k == SDLK_F5 && ui->screen != SCR_SIGNIN) {
            fl_ui_reload(ui);
            return;
        }
        if (k == SDLK_F11) {
            ui->set.fullscreen = !ui->set.fullscreen;
            SDL_SetWindowFullscreen(ui->win,
                                    ui->set.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
            fl_settings_save(&ui->set);
            return;
        }
        if (k == SDLK_n && (e->key.keysym.mod & KMOD_CTRL) && before_call(ui) && !ui->overlay) {
            fl_ui_switch_trainee(ui); /* "Not you?" */
            return;
        }
    }
    if (e->type == SDL_MOUSEBUTTONDOWN && e->button.button == SDL_BUTTON_LEFT) {
        int x = (int)((float)e->button.x * ui->dpi), y = (int)((float)e->button.y * ui->dpi);
        if (beside && x >= ui->w - side_w(ui)) { /* the panel's own: its close key */
            if (fl_inside(&side_close, x, y)) {
                free(ui->overlay);
                ui->overlay = NULL;
                ui->dirty = 1;
            }
            return;
        }
        if (before_call(ui) && !ui->overlay && ui->not_you.w > 0 && fl_inside(&ui->not_you, x, y)) {
            fl_ui_switch_trainee(ui);
            return;
        }
    }
    if (ui->overlay && !beside) {
        overlay_scroll_event(ui, e);
        return;
    }
    layout(ui);
    switch (ui->screen) {
    case SCR_SIGNIN:
        fl_signin_event(ui, &ui->signin, e);
        break;
    case SCR_LIBRARY:
        fl_library_event(ui, &ui->library, e);
        break;
    case SCR_BRIEFING:
        fl_briefing_event(ui, &ui->briefing, e);
        break;
    case SCR_CONVERSATION: {
        int pw = narrow(ui);
        fl_conversation_event(ui, ui->call, e);
        widen(ui, pw);
        break;
    }
    case SCR_RESULTS:
        fl_results_event(ui, ui->call, e);
        break;
    case SCR_REVIEW:
        fl_review_event(ui, ui->call, e);
        break;
    case SCR_HISTORY:
        fl_history_event(ui, e);
        break;
    case SCR_SETTINGS:
        fl_settings_event(ui, e);
        break;
    case SCR_ROUND_RESULTS:
        if (ui->round)
            fl_round_results_event(ui, ui->round, e);
        break;
    }
}

static double cpu_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* Dispatches the events waiting (the first one given), leaving out the display's input while
 * a script plays. */
static void dispatch_all(fl_ui *ui, SDL_Event *e, int got)
{
    while (got && !ui->quit) {
        if (!ui->replay || fl_replay_accepts(ui->replay, e))
            dispatch(ui, e);
        got = SDL_PollEvent(e);
    }
}

/* The settings' sound levels. */
static fl_audio_levels levels_of(const fl_settings *s)
{
    return (fl_audio_levels){
        .sounds = s->sounds, .voice = s->voice, .self = s->self_voicing, .volume = s->volume};
}

void fl_ui_apply_levels(fl_ui *ui)
{
    fl_audio_levels l = levels_of(&ui->set);
    fl_audio_set_levels(ui->audio, &l);
}

static void open_audio(fl_ui *ui)
{
    fl_audio_levels l = levels_of(&ui->set);
    ui->audio = fl_audio_open(&l);
    stage(ui, "audio-open");
}

static void loop(fl_ui *ui)
{
    int first = 1;
    fl_replay *rp = ui->replay;
    while (!ui->quit) {
        ui->now = rp ? fl_replay_clock(rp) : SDL_GetTicks64();
        /* what moves decides how long to sleep; -1: nothing does, sleep until an event */
        int wait = -1;
        if (ui->screen == SCR_CONVERSATION) {
            int pw = narrow(ui);
            wait = fl_conversation_tick(ui, ui->call);
            widen(ui, pw);
        } else if (ui->screen == SCR_SETTINGS) {
            wait = fl_settings_tick(ui);
        }
        if (ui->toast) { /* the toast goes by itself */
            if (ui->now >= ui->toast_until) {
                free(ui->toast);
                ui->toast = NULL;
                ui->dirty = 1;
            } else {
                int left = (int)(ui->toast_until - ui->now);
                if (wait < 0 || left < wait)
                    wait = left;
            }
        }
        if (ui->dirty) {
            double c0 = ui->trace ? cpu_ms() : 0;
            ui->dirty = 0;
            draw(ui);
            if (ui->trace) {
                if (first) {
                    stage(ui, "first-frame");
                    fprintf(stderr, "trace: first-frame\n");
                    /* FRONTLINE_TRACE=exit: measure the start and leave */
                    if (!strcmp(getenv("FRONTLINE_TRACE"), "exit"))
                        ui->quit = 1;
                }
                fprintf(stderr, "trace: frame %llu cpu %.3f ms screen %d\n",
                        (unsigned long long)ui->frame, cpu_ms() - c0, (int)ui->screen);
            }
            first = 0;
            /* The sound opens once the first frame is on the screen, never on its path: the
             * back end opens the device on a thread of its own and returns at once, but even
             * creating that thread and loading the speech engine's data is not for the first
             * frame's budget. */
            if (!ui->audio && !ui->quit)
                open_audio(ui);
            fl_voicing_after_frame(ui); /* the one focus-change hook */
        }
        SDL_Event e;
        if (rp) {
            /* a script: animations take exactly the time they ask for, and the next step is
             * played once the window is drawn and still */
            if (wait >= 0) {
                fl_replay_advance(rp, wait);
                dispatch_all(ui, &e, SDL_PollEvent(&e));
                continue;
            }
            int played = fl_replay_settled(ui, rp);
            if (played < 0) {
                ui->status = 1;
                ui->quit = 1;
                break;
            }
            if (played > 0) {
                dispatch_all(ui, &e, SDL_PollEvent(&e));
                continue;
            }
        }
        int got = wait < 0 ? SDL_WaitEvent(&e) : SDL_WaitEventTimeout(&e, wait > 0 ? wait : 1);
        if (got && !rp)
            ui->now = SDL_GetTicks64();
        dispatch_all(ui, &e, got);
    }
}

/* ---- start and end -------------------------------------------------------------------------- */

/* ---- loading the library ------------------------------------------------------------------- */

typedef struct {
    fl_ui *ui;
    const char *open_path;
    int open_index;
} lib_job;

/* The entry of the file at real (a realpath), or -1. */
static int find_entry(const fl_ui *ui, const char *real)
{
    int found = -1;
    for (size_t i = 0; real && found < 0 && i < ui->n_lib; i++) {
        char *r = realpath(ui->lib[i].path, NULL);
        if (r && strcmp(r, real) == 0)
            found = (int)i;
        free(r);
    }
    return found;
}

static int load_library(void *arg)
{
    lib_job *job = arg;
    fl_ui *ui = job->ui;
    /* the library: a workshop's files only, else the bundled scenarios and rounds; then the
     * trainer's folder and the file named on the command line */
    if (ui->workshop) {
        for (uint32_t i = 0; i < app.files.n; i++)
            add_entry(ui, app.files.paths[i],
                      app.files.bundled[i] ? FL_ORIGIN_BUNDLED : FL_ORIGIN_WORKSHOP);
    } else {
        static const char *const sub[] = {"en", "ru", "rounds"};
        for (int i = 0; i < 3; i++) {
            char dir[4096];
            snprintf(dir, sizeof(dir), "%s/scenarios/%s", ui->data_dir, sub[i]);
            add_dir(ui, dir, FL_ORIGIN_BUNDLED, NULL);
        }
    }
    app.dir_why = 0;
    if (ui->user_dir) {
        size_t found = 0;
        app.dir_why = add_dir(ui, ui->user_dir, FL_ORIGIN_YOURS, &found);
        if (!app.dir_why && !found)
            app.dir_why = -1;
    }
    char *real_open = job->open_path ? realpath(job->open_path, NULL) : NULL;
    if (job->open_path && find_entry(ui, real_open) < 0)
        add_entry(ui, job->open_path,
                  is_bundled_path(ui, job->open_path) ? FL_ORIGIN_BUNDLED : FL_ORIGIN_YOURS);
    mark_trainer_versions(ui);
    sort_library(ui->lib, ui->n_lib, ui->set.lang);
    if (job->open_path) {
        job->open_index = find_entry(ui, real_open);
        if (job->open_index < 0) {
            /* a bundled file replaced by the trainer's version: that one opens */
            fl_entry tmp;
            load_entry(&tmp, job->open_path, NULL);
            const char *id = entry_id(&tmp);
            for (size_t i = 0; id && job->open_index < 0 && i < ui->n_lib; i++)
                if (ui->lib[i].replaces_bundled && entry_id(&ui->lib[i]) &&
                    !strcmp(entry_id(&ui->lib[i]), id))
                    job->open_index = (int)i;
            free_entry(&tmp);
        }
        if (job->open_index < 0) /* it could not be read: its card says so */
            for (size_t i = 0; job->open_index < 0 && i < ui->n_lib; i++)
                if (!strcmp(ui->lib[i].path, job->open_path))
                    job->open_index = (int)i;
        if (job->open_index >= 0)
            ui->lib_focus = job->open_index;
    }
    free(real_open);
    set_problems_words(ui);
    return 0;
}

/* Frees the library (also when the window could not open and the terminal takes over). */
static void free_library(fl_ui *ui)
{
    for (size_t i = 0; i < ui->n_lib; i++)
        free_entry(&ui->lib[i]);
    free(ui->lib);
    ui->lib = NULL;
    ui->n_lib = ui->lib_cap = 0;
}

static void free_tags(fl_ui *ui)
{
    for (size_t i = 0; i < ui->n_tags; i++)
        free(ui->tags[i]);
    free(ui->tags);
    ui->tags = NULL;
    ui->n_tags = ui->tags_cap = 0;
}

/* Ends the call or round in play or left on its results (recorded as it stands), and the
 * screens' state that shows it. */
static void end_play(fl_ui *ui)
{
    fl_sound_leave(ui);
    if (ui->round)
        fl_round_play_free(ui->round);
    else
        fl_call_free(ui->call);
    ui->round = NULL;
    ui->call = NULL;
    fl_results_state_free(ui);
    fl_review_state_free(ui);
    fl_round_results_state_free(ui);
}

void fl_ui_use_workshop(fl_ui *ui, const char *path)
{
    end_play(ui);
    const char *old_group = ui->workshop && ui->workshop->group ? ui->workshop->group : NULL;
    if (old_group && !strcmp(old_group, ui->set.group))
        ui->set.group[0] = '\0'; /* the old workshop's group goes with it */
    char chosen[sizeof(ui->set.workshop)];
    snprintf(chosen, sizeof(chosen), "%s", path ? path : "");
    char *real = chosen[0] ? realpath(chosen, NULL) : NULL;
    if (real && strlen(real) < sizeof(chosen))
        snprintf(chosen, sizeof(chosen), "%s", real); /* the same file from any folder */
    free(real);
    snprintf(ui->set.workshop, sizeof(ui->set.workshop), "%s", chosen);
    load_workshop(ui, chosen);
    workshop_lang(ui);
    choose_session(ui);
    fl_settings_save(&ui->set);
    free_library(ui);
    free_tags(ui);
    lib_job job = {ui, NULL, -1};
    load_library(&job);
    collect_tags(ui);
    ui->current = -1;
    ui->lib_focus = 0;
    ui->lib_lang_filter = -1;
    ui->lib_tag_filter = -1;
    ui->library.hover = -1;
    ui->library.wheel_scrolled = 0;
    free(ui->overlay);
    ui->overlay = NULL;
    char msg[600];
    if (ui->workshop)
        snprintf(msg, sizeof(msg), T(ui, FL_W_DESK_WS_IN_USE),
                 ui->workshop->title ? ui->workshop->title : ui->workshop->id);
    else if (!ui->workshop_problem)
        snprintf(msg, sizeof(msg), "%s", T(ui, FL_W_DESK_WS_CLEARED));
    else
        msg[0] = '\0'; /* the sign-in says the problem */
    ui->signin_field = 0;
    fl_ui_go(ui, SCR_SIGNIN);
    fl_ui_toast(ui, msg);
}

/* Frees the workshop, its files and the problems' words. */
static void release_app(fl_ui *ui)
{
    drop_workshop(ui);
    free(app.pending_overlay);
    app.pending_overlay = NULL;
    free(ui->workshop_problem);
    free(ui->user_dir_problem);
    ui->workshop_problem = ui->user_dir_problem = NULL;
}

/* --session NAME must name one of the workshop's sessions of the day (a mistyped name would
 * put the day's results under a session nobody reports on). Returns 0, or 2 (said). A workshop
 * that cannot be used is said in the window instead, where the session does not matter. */
static int check_session_arg(const fl_ui *ui)
{
    if (ui->workshop_problem)
        return 0;
    if (!ui->workshop) {
        fprintf(stderr, "frontline desktop: --session needs a workshop (--workshop FILE, or one "
                        "chosen in the settings)\n");
        return 2;
    }
    const fl_workshop *w = ui->workshop;
    if (fl_workshop_session_find(w, ui->session_arg) >= 0)
        return 0;
    if (!w->n_sessions) {
        fprintf(stderr,
                "frontline desktop: the workshop %s has no sessions of the day, so "
                "--session '%s' cannot be used\n",
                w->path ? w->path : w->id, ui->session_arg);
        return 2;
    }
    fprintf(stderr, "frontline desktop: the workshop %s has no session '%s'; its sessions are:",
            w->path ? w->path : w->id, ui->session_arg);
    for (uint32_t i = 0; i < w->n_sessions; i++)
        fprintf(stderr, "%s '%s'", i ? "," : "", w->sessions[i].name);
    fprintf(stderr, "\n");
    return 2;
}

static const char *find_data_dir(void)
{
    const char *env = getenv("FRONTLINE_DATA");
    if (env && *env)
        return env;
    return FL_DATA_DIR;
}

int fl_desktop_run(const fl_desktop_args *args)
{
    fl_ui *ui = calloc(1, sizeof(*ui));
    if (!ui)
        return 1;
    const char *open_path = args->open;
    ui->user_dir = (char *)args->scenarios;
    ui->db_path = args->db;
    ui->workshop_arg = args->workshop;
    ui->session_arg = args->session;
    ui->data_dir = find_data_dir();
    const char *trace = getenv("FRONTLINE_TRACE");
    ui->trace = trace != NULL;
    ui->trace_layout = trace && !strcmp(trace, "layout");
    ui->library.hover = -1;
    const char *script = getenv("FRONTLINE_REPLAY");
    if (script && *script) {
        ui->replay = fl_replay_open(script, getenv("FRONTLINE_DUMP"));
        if (!ui->replay) {
            free(ui);
            return 1;
        }
    }
    t_start = wall_ms();
    ui->current = -1;
    ui->lib_lang_filter = -1;
    ui->lib_tag_filter = -1;
    fl_settings_defaults(&ui->set);
    fl_settings_load(&ui->set);
    fl_diags_default_lang(ui->set.lang); /* the lint messages the desktop shows */
    app.lang = -1;
    /* the workshop: the command line's, else the one chosen in the settings */
    load_workshop(ui, ui->workshop_arg ? ui->workshop_arg : ui->set.workshop);
    if (ui->session_arg && check_session_arg(ui) != 0) {
        release_app(ui);
        fl_replay_close(ui->replay);
        free(ui);
        return 2;
    }
    workshop_lang(ui); /* the sign-in's language: the room's */
    choose_session(ui);

    lib_job job = {ui, open_path, -1};

    /* The renderer is SDL's software one: fast to create, and the same pixels everywhere. */
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    /* No X11 or Wayland display named, and no driver asked for: there is no display (and
     * SDL's probing would print its own complaints before ours). */
    const char *x11 = getenv("DISPLAY"), *wl = getenv("WAYLAND_DISPLAY");
    const char *want = getenv("SDL_VIDEODRIVER");
    if (!(x11 && *x11) && !(wl && *wl) && !(want && *want)) {
        fputs(fl_word(FL_W_DESK_NO_DISPLAY_UNSET, ui->set.lang), stderr);
        release_app(ui);
        fl_replay_close(ui->replay);
        free(ui);
        return FL_DESKTOP_NO_DISPLAY;
    }
    /* An X display and no Wayland one: ask for X11 only, so that an unreachable DISPLAY
     * fails in one line of ours rather than with libwayland's complaints too. */
    if (x11 && *x11 && !(wl && *wl) && !(want && *want))
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "x11");
    /* No session bus (a bare X server, a kiosk): without an address libdbus would try to
     * autolaunch one for SDL's input-method support, which costs a few milliseconds at every
     * start and gives nothing there. A desktop session always sets the address. */
    const char *bus = getenv("DBUS_SESSION_BUS_ADDRESS");
    if (!(bus && *bus))
        setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:", 1);
    load_library(&job);
    if (SDL_Init(SDL_INIT_VIDEO) < 0) {
        fprintf(stderr, fl_word(FL_W_DESK_NO_DISPLAY_WHY, ui->set.lang), SDL_GetError());
        free_library(ui);
        release_app(ui);
        fl_replay_close(ui->replay);
        free(ui);
        return FL_DESKTOP_NO_DISPLAY;
    }
    /* Without a display SDL may still start its offscreen driver: a window nobody can see.
     * Only a driver asked for by name (SDL_VIDEODRIVER, as the tests do) counts then. */
    const char *driver = SDL_GetCurrentVideoDriver();
    const char *asked = getenv("SDL_VIDEODRIVER");
    if (driver && (!strcmp(driver, "offscreen") || !strcmp(driver, "dummy")) &&
        !(asked && *asked)) {
        fputs(fl_word(FL_W_DESK_NO_DISPLAY, ui->set.lang), stderr);
        SDL_Quit();
        free_library(ui);
        release_app(ui);
        fl_replay_close(ui->replay);
        free(ui);
        return FL_DESKTOP_NO_DISPLAY;
    }
    /* X11 and offscreen give the software renderer a framebuffer of their own: shown as it is,
     * without a GPU texture in between (which cost 150 ms of renderer creation under Xvfb).
     * Wayland has none in SDL 2.26, and there SDL's texture framebuffer is the only way. */
    if (driver && strcmp(driver, "wayland") != 0)
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    /* hidden until it has its size: a scaled X11 desktop makes it larger before it shows */
    ui->win =
        SDL_CreateWindow("Frontline", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, 1280, 720,
                         SDL_WINDOW_HIDDEN | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI |
                             (ui->set.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0));
    ui->x11_scale = ui->win ? x11_scale(ui->win) : 1.0f;
    if (ui->x11_scale > 1.0f) {
        /* the design's 1280 x 720 in the desktop's pixels, within the screen */
        int w = (int)(1280 * ui->x11_scale + 0.5f), h = (int)(720 * ui->x11_scale + 0.5f);
        SDL_Rect usable;
        if (SDL_GetDisplayUsableBounds(SDL_GetWindowDisplayIndex(ui->win), &usable) == 0) {
            if (w > usable.w)
                w = usable.w;
            if (h > usable.h)
                h = usable.h;
        }
        SDL_SetWindowSize(ui->win, w, h);
        SDL_SetWindowPosition(ui->win, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED);
    }
    ui->ren = ui->win ? SDL_CreateRenderer(ui->win, -1, SDL_RENDERER_SOFTWARE) : NULL;
    if (ui->ren)
        SDL_ShowWindow(ui->win);
    if (!ui->ren || TTF_Init() < 0) {
        fprintf(stderr, "frontline: the window cannot open (%s): playing in the terminal instead\n",
                SDL_GetError());
        if (ui->win)
            SDL_DestroyWindow(ui->win);
        SDL_Quit();
        free_library(ui);
        release_app(ui);
        fl_replay_close(ui->replay);
        free(ui);
        return FL_DESKTOP_NO_DISPLAY;
    }
    SDL_SetWindowMinimumSize(ui->win, (int)(800 * ui->x11_scale), (int)(500 * ui->x11_scale));
    prefault_framebuffer(ui);
    stage(ui, "window");
    fl_text_set_fallback_loader(open_emoji, ui);
    fl_ui_fonts(ui);
    stage(ui, "fonts");
    if (!ui->font[F_BODY]) {
        for (int f = 0; f < F_COUNT; f++) {
            if (ui->font[f])
                TTF_CloseFont(ui->font[f]);
            if (ui->emoji[f])
                TTF_CloseFont(ui->emoji[f]);
        }
        fl_text_set_fallback_loader(NULL, NULL);
        unmap_font_files(ui);
        TTF_Quit();
        SDL_Quit();
        free_library(ui);
        release_app(ui);
        fl_replay_close(ui->replay);
        free(ui);
        return 1;
    }

    int open_index = job.open_index;
    collect_tags(ui);
    stage(ui, "library");
    ui->dirty = 1;
    /* Always the sign-in first: whoever sits down says who they are (the name remembered is
     * filled in); a scenario named on the command line has its briefing after it. */
    if (open_index >= 0 && (ui->lib[open_index].scen || ui->lib[open_index].round)) {
        ui->current = open_index;
    } else if (open_index >= 0) {
        ui->lib_focus = open_index; /* it has errors: the library after the sign-in shows them */
        if (ui->lib[open_index].errors)
            app.pending_overlay = strdup(ui->lib[open_index].errors);
    }
    ui->signin_field = 0;
    fl_ui_go(ui, SCR_SIGNIN);
    stage(ui, "scores");
    loop(ui);

    if (ui->round) /* the round's calls are the round's */
        fl_round_play_free(ui->round);
    else
        fl_call_free(ui->call);
    ui->round = NULL;
    ui->call = NULL;
    fl_results_state_free(ui);
    fl_review_state_free(ui);
    fl_history_state_free(ui);
    fl_round_results_state_free(ui);
    fl_audio_close(ui->audio); /* after the calls: nothing speaks any more */
    ui->audio = NULL;
    fl_voicing_free(ui);
    fl_cache_clear(ui);
    for (int f = 0; f < F_COUNT; f++) {
        if (ui->font[f]) {
            fl_text_set_fallback(ui->font[f], NULL);
            TTF_CloseFont(ui->font[f]);
        }
        if (ui->emoji[f])
            TTF_CloseFont(ui->emoji[f]);
    }
    fl_text_set_fallback_loader(NULL, NULL);
    unmap_font_files(ui);
    free_library(ui);
    free_tags(ui);
    release_app(ui);
    free(ui->overlay);
    free(ui->toast);
    TTF_Quit();
    SDL_DestroyRenderer(ui->ren);
    SDL_DestroyWindow(ui->win);
    SDL_Quit();
    fl_replay_close(ui->replay);
    int status = ui->status;
    free(ui);
    return status;
}
