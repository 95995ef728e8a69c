/*
 * settings_screen.c - the settings: interface language, text size, timed replies, the time
 * extension, full screen, and the sound: sounds, the customer's voice, the volume,
 * self-voicing and "say replies aloud". Every change applies at once (the sound's through
 * fl_ui_apply_levels) and is saved (settings.c).
 *
 * Each setting is a row with its choices side by side (a segmented control): Up/Down (or Tab)
 * choose the row, Left/Right change it, Enter/Space step through its choices; a click picks a
 * choice directly. Esc goes back to the library.
 *
 * Timed replies and the time extension are two views of one state: "untimed" in the
 * extension row is the same as timed replies off. Choosing x1, x1.5 or x2 turns timed replies
 * on with that factor; turning timed replies off (or picking "untimed") keeps the factor in
 * ui->set.extension, so turning them on again restores it.
 *
 * The volume is a level, not a segmented control: eleven steps of ten, Left/Right change it,
 * a click on its bar sets it there. Under the title one line says the sound's state once, in
 * words (starting, the device in use, or that there is none and the simulator runs silently);
 * "Say replies aloud" says "(no microphone)" and stays off when the sound found no input.
 *
 * Self-voicing hears each row as its label, its chosen value and what it does (the screen says
 * so with fl_voicing_label: the ring holds every choice, and only one is chosen).
 *
 * A workshop's rules (fl_ui_timed_locked, fl_ui_extension_locked) lock the timing rows: they
 * show the value in force, the choices the rules forbid muted and the reason under the label;
 * a key or click that would change them says why (fl_ui_toast). The last row is the laptop's
 * workshop file: the *.workshop.xml files found where a leader puts them (the bundled examples,
 * the home folder, Desktop, Documents, Downloads, USB sticks under /media/$USER and
 * /run/media/$USER), one shown at a time (Left/Right), used with Enter or "Use"
 * (fl_ui_use_workshop: the library is rebuilt, the sign-in follows); --workshop on the command
 * line shows that file, fixed.
 */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "audio.h"
#include "ui.h"
#include "workshop.h"
#include "vec.h"

enum {
    ROW_LANG,
    ROW_SIZE,
    ROW_TIMED,
    ROW_EXT,
    ROW_FULL,
    ROW_SOUNDS,
    ROW_VOICE,
    ROW_VOLUME,
    ROW_SELF,
    ROW_ALOUD,
    ROW_WORKSHOP,
    ROW_COUNT
};
#define MAX_CHOICES  6
#define VOLUME_STEPS 11 /* 0, 10, ... 100 */

typedef struct {
    const char *label, *about;
    const char *choice[MAX_CHOICES];
    int n, value;
    int level;                 /* a level (the volume): value of VOLUME_STEPS, no choices */
    int locked;                /* cannot be turned on (say aloud without a microphone) */
    unsigned off;              /* choices the workshop leader's rules forbid (bit c: choice c) */
    const char *say;           /* why, said when one of them is tried */
    int picker;                /* the workshop file: one name among the files found */
    SDL_Rect r;                /* the row */
    SDL_Rect seg[MAX_CHOICES]; /* its choices */
    int label_w;               /* the label column */
} row;

typedef struct {
    int header_h;
    SDL_Rect view; /* between the header and the footer; scrolls */
    int title_y, panel_x, panel_w, panel_y, panel_h;
    int state_y; /* the sound's state, one line (or a few when it wraps) */
    char state[400];
    int content_h;
    row rows[ROW_COUNT];
    SDL_Rect back;
    int footer_y;
    char ws_about[2400]; /* the workshop row's words: what it is and what Enter does */
    char ws_name[600];   /* the file shown in it */
} layout;

/* Whether the sound found no microphone (only known once it has started). */
static int no_input(const fl_audio_status *st)
{
    return st->state != FL_AUDIO_STARTING && !st->has_input;
}

/* The sound's state in words, for the line under the title. */
static void state_words(const fl_ui *ui, const fl_audio_status *st, char *buf, size_t n)
{
    switch (st->state) {
    case FL_AUDIO_STARTING:
        snprintf(buf, n, "%s", T(ui, FL_W_SET_AUDIO_STARTING));
        break;
    case FL_AUDIO_READY:
        snprintf(buf, n, T(ui, FL_W_SET_AUDIO_READY), st->device[0] ? st->device : "?");
        break;
    case FL_AUDIO_NO_DEVICE:
        snprintf(buf, n, "%s", T(ui, FL_W_SET_AUDIO_NO_DEVICE));
        break;
    case FL_AUDIO_NULL:
    default:
        snprintf(buf, n, "%s", T(ui, FL_W_SET_AUDIO_NULL));
        break;
    }
}

/* ---- the workshop file: the files found, one shown at a time ------------------------------- */

/* The workshop files found for the row (looked for once each visit of the screen): paths[0] is
 * "" (none), the others realpaths, each once, by name. pick: the one shown. */
static struct {
    char **paths;
    size_t n, cap;
    uint64_t visit;
    size_t pick;
} found;

static void found_clear(void)
{
    for (size_t i = 0; i < found.n; i++)
        free(found.paths[i]);
    free(found.paths);
    found.paths = NULL;
    found.n = found.cap = 0;
}

static void found_add(const char *path)
{
    char *real = realpath(path, NULL);
    const char *p = real ? real : path;
    for (size_t i = 0; i < found.n; i++)
        if (!strcmp(found.paths[i], p)) {
            free(real);
            return;
        }
    int grown = FL_GROW(found.paths, found.cap, found.n + 1) == 0;
    char *copy = grown ? strdup(p) : NULL;
    free(real);
    if (!copy)
        return;
    found.paths[found.n++] = copy;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && !strcmp(s + n - k, suffix);
}

/* The *.workshop.xml files of dir; with depth 1 also those of its folders (a USB stick's). */
static void found_scan(const char *dir, int depth)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        char path[PATH_MAX];
        if (snprintf(path, sizeof(path), "%s/%s", dir, de->d_name) >= (int)sizeof(path))
            continue;
        struct stat st;
        if (stat(path, &st) != 0)
            continue;
        if (S_ISREG(st.st_mode) && ends_with(de->d_name, ".workshop.xml"))
            found_add(path);
        else if (S_ISDIR(st.st_mode) && depth > 0)
            found_scan(path, depth - 1);
    }
    closedir(d);
}

static int by_name(const void *a, const void *b)
{
    const char *x = *(char *const *)a, *y = *(char *const *)b;
    const char *bx = strrchr(x, '/'), *by = strrchr(y, '/');
    int c = strcmp(bx ? bx + 1 : x, by ? by + 1 : y);
    return c ? c : strcmp(x, y);
}

/* Looks for workshop files where a leader puts them: the bundled examples, the home folder and
 * its Desktop, Documents and Downloads, and USB sticks (one level under /media/$USER and
 * /run/media/$USER); the file in use is always among them. */
static void found_refresh(const fl_ui *ui)
{
    if (found.paths && found.visit == ui->visit)
        return;
    found_clear();
    found.visit = ui->visit;
    found_add("");
    free(found.paths[0]); /* "" has no realpath: kept as it is */
    found.paths[0] = strdup("");
    char dir[PATH_MAX];
    snprintf(dir, sizeof(dir), "%s/scenarios/workshops", ui->data_dir);
    found_scan(dir, 0);
    const char *home = getenv("HOME");
    if (home && *home) {
        static const char *const sub[] = {"", "/Desktop", "/Documents", "/Downloads"};
        for (int i = 0; i < 4; i++) {
            snprintf(dir, sizeof(dir), "%s%s", home, sub[i]);
            found_scan(dir, 0);
        }
    }
    const char *user = getenv("USER");
    if (user && *user) {
        snprintf(dir, sizeof(dir), "/media/%s", user);
        found_scan(dir, 1);
        snprintf(dir, sizeof(dir), "/run/media/%s", user);
        found_scan(dir, 1);
    }
    if (ui->set.workshop[0])
        found_add(ui->set.workshop);
    if (found.n > 2)
        qsort(found.paths + 1, found.n - 1, sizeof(*found.paths), by_name);
    found.pick = 0;
    for (size_t i = 1; i < found.n && ui->set.workshop[0]; i++) {
        char *real = realpath(ui->set.workshop, NULL);
        if (!strcmp(found.paths[i], real ? real : ui->set.workshop))
            found.pick = i;
        free(real);
    }
}

/* Whether the file shown is the one in use. */
static int pick_in_use(const fl_ui *ui)
{
    if (!found.pick)
        return !ui->set.workshop[0];
    char *real = realpath(ui->set.workshop, NULL);
    int same = !strcmp(found.paths[found.pick], real ? real : ui->set.workshop);
    free(real);
    return same;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s && s[1] ? s + 1 : path;
}

/* The workshop row: the file shown (the command line's when --workshop was given) and its
 * words, in l's buffers. */
static row workshop_row(const fl_ui *ui, layout *l)
{
    row r = {.label = T(ui, FL_W_DESK_SET_WS), .n = 1, .picker = 1};
    if (ui->workshop_arg) {
        snprintf(l->ws_name, sizeof(l->ws_name), "%s", base_name(ui->workshop_arg));
        snprintf(l->ws_about, sizeof(l->ws_about), T(ui, FL_W_DESK_SET_WS_CMDLINE),
                 ui->workshop_arg);
        r.off = 1;
        r.say = T(ui, FL_W_DESK_SET_WS_CMDLINE_SAY);
    } else {
        const char *p = found.n ? found.paths[found.pick] : "";
        snprintf(l->ws_name, sizeof(l->ws_name), "%s",
                 p[0] ? base_name(p) : T(ui, FL_W_DESK_SET_WS_NONE));
        char now[1400];
        if (pick_in_use(ui) && p[0])
            snprintf(now, sizeof(now), T(ui, FL_W_DESK_SET_WS_IN_USE), p);
        else if (pick_in_use(ui))
            now[0] = '\0';
        else if (p[0])
            snprintf(now, sizeof(now), T(ui, FL_W_DESK_SET_WS_PICK), p);
        else
            snprintf(now, sizeof(now), "%s", T(ui, FL_W_DESK_SET_WS_PICK_NONE));
        snprintf(l->ws_about, sizeof(l->ws_about), "%s%s%s", T(ui, FL_W_DESK_SET_WS_ABOUT),
                 now[0] ? " " : "", now);
    }
    r.about = l->ws_about;
    r.choice[0] = l->ws_name;
    return r;
}

static void rows_of(const fl_ui *ui, const fl_audio_status *st, layout *l)
{
    static const char *const sizes[] = {"75%", "100%", "125%", "150%", "175%", "200%"};
    row *rows = l->rows;
    memset(rows, 0, ROW_COUNT * sizeof(*rows));
    rows[ROW_LANG] = (row){.label = T(ui, FL_W_SET_LANG),
                           .about = T(ui, FL_W_SET_LANG_ABOUT),
                           .choice = {fl_word(FL_W_SET_LANG_NAME, FL_LANG_EN),
                                      fl_word(FL_W_SET_LANG_NAME, FL_LANG_RU)},
                           .n = 2,
                           .value = ui->set.lang ? 1 : 0};
    rows[ROW_SIZE] = (row){.label = T(ui, FL_W_SET_SIZE),
                           .about = T(ui, FL_W_SET_SIZE_ABOUT),
                           .n = 6,
                           .value = (ui->set.text_size - 75) / 25};
    for (int i = 0; i < 6; i++)
        rows[ROW_SIZE].choice[i] = sizes[i];
    int timed = fl_ui_timed(ui);
    rows[ROW_TIMED] = (row){.label = T(ui, FL_W_SET_TIMED),
                            .about = T(ui, FL_W_SET_TIMED_ABOUT),
                            .choice = {T(ui, FL_W_SET_OFF), T(ui, FL_W_SET_ON)},
                            .n = 2,
                            .value = timed};
    rows[ROW_EXT] =
        (row){.label = T(ui, FL_W_SET_EXT),
              .about = T(ui, FL_W_SET_EXT_ABOUT),
              .choice = {"x1", ui->set.lang ? "x1,5" : "x1.5", "x2", T(ui, FL_W_SET_UNTIMED)},
              .n = 4,
              .value = timed ? fl_ui_extension(ui) : 3};
    /* what the workshop leader locked is shown, not changeable, with the reason */
    if (fl_ui_timed_locked(ui)) {
        rows[ROW_TIMED].off = timed ? 1u : 2u;
        rows[ROW_EXT].off = timed ? 1u << 3 : 7u; /* untimed, or every extension */
    }
    if (fl_ui_extension_locked(ui))
        rows[ROW_EXT].off |= 7u & ~(1u << fl_ui_extension(ui));
    for (int r = ROW_TIMED; r <= ROW_EXT; r++)
        if (rows[r].off) {
            rows[r].about = T(ui, FL_W_DESK_LOCK_SETTING);
            rows[r].say = T(ui, FL_W_DESK_LOCK_SETTING_SAY);
        }
    rows[ROW_FULL] = (row){.label = T(ui, FL_W_SET_FULLSCREEN),
                           .about = T(ui, FL_W_SET_FULLSCREEN_ABOUT),
                           .choice = {T(ui, FL_W_SET_OFF), T(ui, FL_W_SET_ON)},
                           .n = 2,
                           .value = ui->set.fullscreen ? 1 : 0};
    const char *onoff[2] = {T(ui, FL_W_SET_OFF), T(ui, FL_W_SET_ON)};
    rows[ROW_SOUNDS] = (row){.label = T(ui, FL_W_SET_SOUNDS),
                             .about = T(ui, FL_W_SET_SOUNDS_ABOUT),
                             .choice = {onoff[0], onoff[1]},
                             .n = 2,
                             .value = ui->set.sounds ? 1 : 0};
    rows[ROW_VOICE] = (row){.label = T(ui, FL_W_SET_VOICE),
                            .about = T(ui, FL_W_SET_VOICE_ABOUT),
                            .choice = {onoff[0], onoff[1]},
                            .n = 2,
                            .value = ui->set.voice ? 1 : 0};
    rows[ROW_VOLUME] = (row){.label = T(ui, FL_W_SET_VOLUME),
                             .about = T(ui, FL_W_SET_VOLUME_ABOUT),
                             .level = 1,
                             .n = VOLUME_STEPS,
                             .value = ui->set.volume / 10};
    rows[ROW_SELF] = (row){.label = T(ui, FL_W_SET_SELF_VOICING),
                           .about = T(ui, FL_W_SET_SELF_VOICING_ABOUT),
                           .choice = {onoff[0], onoff[1]},
                           .n = 2,
                           .value = ui->set.self_voicing ? 1 : 0};
    int locked = no_input(st);
    rows[ROW_ALOUD] = (row){.label = T(ui, FL_W_SET_SAY_ALOUD),
                            .about = T(ui, FL_W_SET_SAY_ALOUD_ABOUT),
                            .choice = {onoff[0], onoff[1]},
                            .n = 2,
                            .locked = locked,
                            .value = ui->set.say_aloud && !locked ? 1 : 0};
    rows[ROW_WORKSHOP] = workshop_row(ui, l);
    for (int r = 0; r < ROW_COUNT; r++) {
        if (rows[r].value < 0)
            rows[r].value = 0;
        if (rows[r].value >= rows[r].n)
            rows[r].value = rows[r].n - 1;
    }
}

/* A row's name as shown: its label, and "(no microphone)" when it cannot be turned on. */
static void row_name(const fl_ui *ui, const row *r, char *buf, size_t n)
{
    if (r->locked)
        snprintf(buf, n, "%s %s", r->label, T(ui, FL_W_SET_NO_MIC));
    else
        snprintf(buf, n, "%s", r->label);
}

/* What self-voicing says for a row: its name, the value chosen and what it does. */
static void row_spoken(const fl_ui *ui, const row *r, char *buf, size_t n)
{
    char name[300], value[64];
    row_name(ui, r, name, sizeof(name));
    if (r->level)
        snprintf(value, sizeof(value), T(ui, FL_W_VOICING_VOLUME), r->value * 10);
    else if (r->n == 2 && !strcmp(r->choice[0], T(ui, FL_W_SET_OFF)))
        snprintf(value, sizeof(value), "%s",
                 T(ui, r->value ? FL_W_VOICING_SWITCH_ON : FL_W_VOICING_SWITCH_OFF));
    else
        snprintf(value, sizeof(value), "%s", r->choice[r->value]);
    snprintf(buf, n, "%s: %s. %s", name, value, r->about);
}

/* Lays everything out; rows are in content coordinates (add view.y - scroll to draw). */
static void compute(fl_ui *ui, layout *l)
{
    memset(l, 0, sizeof(*l));
    int mx = S(ui, 32);
    l->header_h = fl_header(ui, T(ui, FL_W_SETTINGS), 0, 0);
    int bh = fl_line_height(ui, F_BOLD);
    l->footer_y = ui->h - bh - 2 * S(ui, 14);
    int kw = fl_width(ui, F_BOLD, "Esc") + 3 * S(ui, 6) + fl_width(ui, F_BODY, T(ui, FL_W_BACK));
    l->back = (SDL_Rect){mx, l->footer_y + S(ui, 14), kw, bh};
    l->view = (SDL_Rect){0, l->header_h, ui->w, l->footer_y - l->header_h};

    l->panel_w = ui->w - 2 * mx;
    if (l->panel_w > S(ui, 860))
        l->panel_w = S(ui, 860);
    l->panel_x = (ui->w - l->panel_w) / 2;
    int y = S(ui, 24);
    l->title_y = y;
    y += fl_line_height(ui, F_TITLE) + S(ui, 8);
    fl_audio_status st;
    fl_audio_status_get(ui->audio, &st);
    if (!ui->audio) /* the first frame: the sound opens right after it */
        st.state = FL_AUDIO_STARTING;
    state_words(ui, &st, l->state, sizeof(l->state));
    l->state_y = y;
    y += fl_text_box(ui, F_BODY, fl_colors[C_MUTED], 0, 0, l->panel_w, l->state, 0) + S(ui, 14);
    l->panel_y = y;

    found_refresh(ui);
    rows_of(ui, &st, l);
    int pad = S(ui, 18), inner = l->panel_w - 2 * pad;
    int seg_h = fl_line_height(ui, F_BODY) + S(ui, 14);
    for (int i = 0; i < ROW_COUNT; i++) {
        row *r = &l->rows[i];
        int segw = 0, w[MAX_CHOICES];
        int use_w = 0; /* the workshop row's "Use" button, when the file shown is not in use */
        if (r->level) {
            /* the level: a bar and its value ("100%" at most) */
            segw = S(ui, 180) + S(ui, 12) + fl_width(ui, F_BOLD, "100%");
        } else if (r->picker) {
            /* the file's name between two arrows, and "Use" */
            w[0] = fl_width(ui, F_BODY, r->choice[0]) + 2 * S(ui, 36);
            if (w[0] < S(ui, 220))
                w[0] = S(ui, 220);
            if (w[0] > S(ui, 360))
                w[0] = S(ui, 360);
            if (!ui->workshop_arg && !pick_in_use(ui))
                use_w = fl_width(ui, F_BOLD, T(ui, FL_W_DESK_SET_WS_USE)) + S(ui, 32);
            segw = w[0] + (use_w ? S(ui, 10) + use_w : 0);
        } else {
            for (int c = 0; c < r->n; c++) {
                w[c] = fl_width(ui, F_BODY, r->choice[c]) + S(ui, 28);
                if (w[c] < S(ui, 64))
                    w[c] = S(ui, 64);
                segw += w[c];
            }
        }
        r->label_w = inner - segw - S(ui, 24);
        int stacked = r->label_w < S(ui, 220);
        if (stacked)
            r->label_w = inner;
        char name[300];
        row_name(ui, r, name, sizeof(name));
        int lab = fl_text_box(ui, F_BODY, fl_colors[C_TEXT], 0, 0, r->label_w, name, 0) + S(ui, 2) +
                  fl_text_box(ui, F_SMALL, fl_colors[C_MUTED], 0, 0, r->label_w, r->about, 0);
        int h = stacked ? lab + S(ui, 10) + seg_h : (lab > seg_h ? lab : seg_h);
        r->r = (SDL_Rect){l->panel_x, y, l->panel_w, h + 2 * pad};
        int sx = stacked ? l->panel_x + pad : l->panel_x + l->panel_w - pad - segw;
        int sy = stacked ? y + pad + lab + S(ui, 10) : y + pad + (h - seg_h) / 2;
        if (r->level) {
            if (segw > inner)
                segw = inner;
            r->seg[0] = (SDL_Rect){sx, sy, segw, seg_h};
        } else if (r->picker) {
            if (segw > inner) /* the name gives way to the button */
                w[0] -= segw - inner;
            r->seg[0] = (SDL_Rect){sx, sy, w[0], seg_h};
            r->seg[1] = (SDL_Rect){sx + w[0] + S(ui, 10), sy, use_w, use_w ? seg_h : 0};
        } else {
            /* stacked choices wider than the panel shrink evenly */
            if (stacked && segw > inner)
                for (int c = 0; c < r->n; c++)
                    w[c] = inner / r->n;
            for (int c = 0; c < r->n; c++) {
                r->seg[c] = (SDL_Rect){sx, sy, w[c], seg_h};
                sx += w[c];
            }
        }
        y += r->r.h;
    }
    l->panel_h = y - l->panel_y;
    l->content_h = y + S(ui, 24);
}

static int max_scroll(const layout *l)
{
    int m = l->content_h - l->view.h;
    return m > 0 ? m : 0;
}

static void clamp_scroll(fl_ui *ui, const layout *l)
{
    if (ui->scroll > max_scroll(l))
        ui->scroll = max_scroll(l);
    if (ui->scroll < 0)
        ui->scroll = 0;
}

/* Scrolls so the focused row is in view. */
static void reveal(fl_ui *ui, const layout *l)
{
    const SDL_Rect *r = &l->rows[ui->focus].r;
    int m = S(ui, 8);
    if (r->y - m < ui->scroll)
        ui->scroll = r->y - m;
    if (r->y + r->h + m > ui->scroll + l->view.h)
        ui->scroll = r->y + r->h + m - l->view.h;
    clamp_scroll(ui, l);
}

static SDL_Rect moved(SDL_Rect r, int dy)
{
    r.y += dy;
    return r;
}

static void draw_choices(fl_ui *ui, const row *r, int dy);
static void draw_picker(fl_ui *ui, const row *r, int dy);
static void draw_footer(fl_ui *ui, const layout *l);

void fl_settings_draw(fl_ui *ui)
{
    if (ui->focus < 0 || ui->focus >= ROW_COUNT)
        ui->focus = 0;
    layout l;
    compute(ui, &l);
    clamp_scroll(ui, &l);
    int dy = l.view.y - ui->scroll;
    SDL_Color text = fl_colors[C_TEXT], muted = fl_colors[C_MUTED];
    int b = S(ui, 1) > 1 ? S(ui, 1) : 1, rad = S(ui, 10), pad = S(ui, 18);

    SDL_RenderSetClipRect(ui->ren, &l.view);
    fl_text(ui, F_TITLE, text, l.panel_x, l.title_y + dy, T(ui, FL_W_SETTINGS));
    fl_trace_kind(ui, "audio-state");
    fl_voicing_content_begin(ui); /* said once when the screen opens */
    fl_text_box(ui, F_BODY, muted, l.panel_x, l.state_y + dy, l.panel_w, l.state, 1);
    fl_voicing_content_end(ui);
    fl_trace_kind(ui, NULL);
    fl_round_rect(ui, l.panel_x, l.panel_y + dy, l.panel_w, l.panel_h, rad, fl_colors[C_LINE]);
    fl_round_rect(ui, l.panel_x + b, l.panel_y + dy + b, l.panel_w - 2 * b, l.panel_h - 2 * b, rad,
                  fl_colors[C_PANEL]);
    int lh = fl_line_height(ui, F_BODY);
    for (int i = 0; i < ROW_COUNT; i++) {
        const row *r = &l.rows[i];
        SDL_Rect rr = moved(r->r, dy);
        if (i > 0)
            fl_fill(ui, rr.x + pad, rr.y, rr.w - 2 * pad, b, fl_colors[C_LINE]);
        int x = rr.x + pad, y = rr.y + pad;
        char name[300];
        row_name(ui, r, name, sizeof(name));
        int nh = fl_text_box(ui, F_BODY, text, x, y, r->label_w, name, 1);
        fl_text_box(ui, F_SMALL, muted, x, y + nh + S(ui, 2), r->label_w, r->about, 1);
        if (i == ui->focus) {
            char spoken[900];
            row_spoken(ui, r, spoken, sizeof(spoken));
            fl_voicing_label(ui, spoken);
        }

        if (r->level) {
            /* the level: a bar filled to the value, and the value */
            SDL_Rect s = moved(r->seg[0], dy);
            char pct[16];
            snprintf(pct, sizeof(pct), "%d%%", r->value * 10);
            int vw = fl_width(ui, F_BOLD, "100%");
            int bw = s.w - vw - S(ui, 12), bh = S(ui, 8) > 4 ? S(ui, 8) : 4;
            fl_bar(ui, s.x, s.y + (s.h - bh) / 2, bw, bh, r->value, r->n - 1, fl_colors[C_ACCENT]);
            fl_text(ui, F_BOLD, text, s.x + s.w - fl_width(ui, F_BOLD, pct), s.y + (s.h - lh) / 2,
                    pct);
        } else if (r->picker) {
            draw_picker(ui, r, dy);
        } else {
            draw_choices(ui, r, dy);
        }
        if (i == ui->focus) {
            int m = S(ui, 6);
            fl_focus_ring(ui, rr.x + m, rr.y + m, rr.w - 2 * m, rr.h - 2 * m);
        }
    }
    SDL_RenderSetClipRect(ui->ren, NULL);
    draw_footer(ui, &l);
}

/* A row's choices: a track with the chosen one filled in the accent; a choice that cannot be
 * made (say aloud without a microphone) in the muted colour. */
static void draw_choices(fl_ui *ui, const row *r, int dy)
{
    int b = S(ui, 1) > 1 ? S(ui, 1) : 1, lh = fl_line_height(ui, F_BODY);
    SDL_Rect first = moved(r->seg[0], dy), last = moved(r->seg[r->n - 1], dy);
    int tw = last.x + last.w - first.x, srad = S(ui, 6);
    fl_round_rect(ui, first.x, first.y, tw, first.h, srad, fl_colors[C_LINE]);
    fl_round_rect(ui, first.x + b, first.y + b, tw - 2 * b, first.h - 2 * b, srad,
                  fl_colors[C_CUSTOMER]);
    for (int c = 0; c < r->n; c++) {
        SDL_Rect s = moved(r->seg[c], dy);
        int on = c == r->value, font = on ? F_BOLD : F_BODY;
        if (on)
            fl_round_rect(ui, s.x + S(ui, 3), s.y + S(ui, 3), s.w - S(ui, 6), s.h - S(ui, 6), srad,
                          fl_colors[C_ACCENT]);
        int cw = fl_width(ui, font, r->choice[c]);
        int colour = on                                           ? C_ON_ACCENT
                     : (r->locked && c > 0) || (r->off >> c) & 1u ? C_MUTED
                                                                  : C_TEXT;
        fl_text(ui, font, fl_colors[colour], s.x + (s.w - cw) / 2, s.y + (s.h - lh) / 2,
                r->choice[c]);
    }
}

/* The workshop row's control: the file's name between arrows (none when the command line gave
 * it), and "Use" in the accent when the file shown is not the one in use. */
static void draw_picker(fl_ui *ui, const row *r, int dy)
{
    int b = S(ui, 1) > 1 ? S(ui, 1) : 1, lh = fl_line_height(ui, F_BODY), rad = S(ui, 6);
    SDL_Rect s = moved(r->seg[0], dy);
    fl_round_rect(ui, s.x, s.y, s.w, s.h, rad, fl_colors[C_LINE]);
    fl_round_rect(ui, s.x + b, s.y + b, s.w - 2 * b, s.h - 2 * b, rad, fl_colors[C_CUSTOMER]);
    int ty = s.y + (s.h - lh) / 2, arrows = !ui->workshop_arg;
    if (arrows) {
        fl_text(ui, F_BOLD, fl_colors[C_TEXT], s.x + S(ui, 12), ty, "\xE2\x80\xB9");
        fl_text(ui, F_BOLD, fl_colors[C_TEXT],
                s.x + s.w - S(ui, 12) - fl_width(ui, F_BOLD, "\xE2\x80\xBA"), ty, "\xE2\x80\xBA");
    }
    int inner = s.w - 2 * S(ui, 36);
    int nw = fl_width(ui, F_BODY, r->choice[0]);
    fl_trace_kind(ui, "workshop-file");
    fl_text_cut(ui, F_BODY, fl_colors[ui->workshop_arg ? C_MUTED : C_TEXT],
                s.x + S(ui, 36) + (nw < inner ? (inner - nw) / 2 : 0), ty, inner, r->choice[0]);
    fl_trace_kind(ui, NULL);
    if (r->seg[1].w) {
        SDL_Rect u = moved(r->seg[1], dy);
        const char *word = T(ui, FL_W_DESK_SET_WS_USE);
        fl_round_rect(ui, u.x, u.y, u.w, u.h, rad, fl_colors[C_ACCENT]);
        fl_text(ui, F_BOLD, fl_colors[C_ON_ACCENT], u.x + (u.w - fl_width(ui, F_BOLD, word)) / 2,
                u.y + (u.h - fl_line_height(ui, F_BOLD)) / 2, word);
    }
}

/* The top bar and the key bar, over the scrolling rows. */
static void draw_footer(fl_ui *ui, const layout *lp)
{
    const layout *l = lp;
    SDL_Color muted = fl_colors[C_MUTED];
    fl_header(ui, T(ui, FL_W_SETTINGS), 0, 1);
    fl_fill(ui, 0, l->footer_y, ui->w, ui->h - l->footer_y, fl_colors[C_PANEL]);
    fl_fill(ui, 0, l->footer_y, ui->w, 1, fl_colors[C_LINE]);
    fl_key_hint(ui, l->back.x, l->back.y, "Esc", T(ui, FL_W_BACK));
    /* how the keys work, at the right when there is room */
    int hw = fl_width(ui, F_SMALL, T(ui, FL_W_SET_HINT));
    int hx = ui->w - S(ui, 32) - hw;
    if (hx > l->back.x + l->back.w + S(ui, 32))
        fl_text(ui, F_SMALL, muted, hx, l->back.y + (l->back.h - fl_line_height(ui, F_SMALL)) / 2,
                T(ui, FL_W_SET_HINT));
}

/* Steps the workshop row's file shown (not used until Enter or "Use"). */
static void pick_step(fl_ui *ui, const row *rw, int by)
{
    if (ui->workshop_arg) {
        fl_ui_toast(ui, rw->say);
        return;
    }
    if (found.n)
        found.pick = (found.pick + found.n + (size_t)(by < 0 ? found.n - 1 : 1)) % found.n;
    ui->dirty = 1;
}

/* Uses the workshop file shown: the library is rebuilt and the sign-in follows. Returns 1 when
 * the screen changed. */
static int pick_use(fl_ui *ui, const row *rw)
{
    if (ui->workshop_arg) {
        fl_ui_toast(ui, rw->say);
        return 0;
    }
    if (!found.n || pick_in_use(ui))
        return 0;
    char path[sizeof(ui->set.workshop)];
    snprintf(path, sizeof(path), "%s", found.paths[found.pick]);
    fl_ui_use_workshop(ui, path);
    return 1;
}

/* Sets row to choice c, applies it and saves; a choice the workshop's rules forbid is refused,
 * and said why. */
static void choose(fl_ui *ui, const row *rw, int r, int c)
{
    if (c >= 0 && c < MAX_CHOICES && (rw->off >> c) & 1u) {
        fl_ui_toast(ui, rw->say);
        return;
    }
    switch (r) {
    case ROW_LANG:
        ui->set.lang = c ? 1 : 0;
        break;
    case ROW_SIZE:
        if (ui->set.text_size != 75 + 25 * c) {
            ui->set.text_size = 75 + 25 * c;
            fl_ui_fonts(ui); /* everything lays out again at the new size */
        }
        break;
    case ROW_TIMED:
        ui->set.timed = c ? 1 : 0;
        break;
    case ROW_EXT:
        if (c >= 3) {
            ui->set.timed = 0;
        } else {
            ui->set.timed = 1;
            if (!fl_ui_extension_locked(ui)) /* the trainee's own stays for another day */
                ui->set.extension = c;
        }
        break;
    case ROW_FULL:
        if (ui->set.fullscreen != (c ? 1 : 0)) {
            ui->set.fullscreen = c ? 1 : 0;
            SDL_SetWindowFullscreen(ui->win, c ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
        }
        break;
    case ROW_SOUNDS:
        ui->set.sounds = c ? 1 : 0;
        break;
    case ROW_VOICE:
        ui->set.voice = c ? 1 : 0;
        break;
    case ROW_VOLUME:
        ui->set.volume = c < 0 ? 0 : c >= VOLUME_STEPS ? 100 : c * 10;
        break;
    case ROW_SELF:
        if (c && !ui->set.self_voicing)
            fl_voicing_note(ui, T(ui, FL_W_VOICING_ON)); /* said before the row itself */
        if (!c && ui->set.self_voicing)
            fl_audio_stop_speech(ui->audio); /* silent at once */
        ui->set.self_voicing = c ? 1 : 0;
        break;
    case ROW_ALOUD: {
        fl_audio_status st;
        fl_audio_status_get(ui->audio, &st);
        if (c && no_input(&st))
            return; /* no microphone: it stays off */
        ui->set.say_aloud = c ? 1 : 0;
        break;
    }
    default:
        return;
    }
    if (r >= ROW_SOUNDS && r <= ROW_SELF)
        fl_ui_apply_levels(ui); /* heard at once */
    fl_settings_save(&ui->set);
    ui->dirty = 1;
}

/* Whether the row cannot change at all (the workshop leader's rules leave one choice). */
static int fixed(const row *r)
{
    unsigned all = (1u << r->n) - 1;
    return r->say && !r->level && r->n < MAX_CHOICES && (r->off | (1u << r->value)) == all;
}

static void key(fl_ui *ui, layout *l, const SDL_KeyboardEvent *k)
{
    const row *r = &l->rows[ui->focus];
    switch (k->keysym.sym) {
    case SDLK_ESCAPE:
    case SDLK_BACKSPACE:
        fl_ui_go(ui, SCR_LIBRARY);
        return;
    case SDLK_UP:
        if (ui->focus > 0)
            ui->focus--;
        break;
    case SDLK_DOWN:
        if (ui->focus < ROW_COUNT - 1)
            ui->focus++;
        break;
    case SDLK_TAB:
        ui->focus = (ui->focus + ((k->keysym.mod & KMOD_SHIFT) ? ROW_COUNT - 1 : 1)) % ROW_COUNT;
        break;
    case SDLK_HOME:
    case SDLK_PAGEUP:
        ui->focus = 0;
        break;
    case SDLK_END:
    case SDLK_PAGEDOWN:
        ui->focus = ROW_COUNT - 1;
        break;
    case SDLK_LEFT:
    case SDLK_RIGHT:
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_SPACE:
        if (r->picker) {
            SDL_Keycode c = k->keysym.sym;
            if (c == SDLK_LEFT || c == SDLK_RIGHT)
                pick_step(ui, r, c == SDLK_LEFT ? -1 : 1);
            else if (pick_use(ui, r))
                return; /* on to the sign-in */
            compute(ui, l);
            break;
        }
        if (fixed(r)) { /* the workshop leader's: says so at any key that would change it */
            fl_ui_toast(ui, r->say);
            break;
        }
        if (k->keysym.sym == SDLK_LEFT) {
            if (r->value > 0)
                choose(ui, r, ui->focus, r->value - 1);
        } else if (k->keysym.sym == SDLK_RIGHT) {
            if (r->value < r->n - 1)
                choose(ui, r, ui->focus, r->value + 1);
        } else {
            choose(ui, r, ui->focus, (r->value + 1) % r->n);
        }
        compute(ui, l); /* a new text size moves everything */
        break;
    default:
        return;
    }
    reveal(ui, l);
    ui->dirty = 1;
}

void fl_settings_event(fl_ui *ui, const SDL_Event *e)
{
    if (ui->focus < 0 || ui->focus >= ROW_COUNT)
        ui->focus = 0;
    layout l;
    compute(ui, &l);
    clamp_scroll(ui, &l);
    if (e->type == SDL_KEYDOWN) {
        key(ui, &l, &e->key);
    } else if (e->type == SDL_MOUSEWHEEL) {
        int dy = fl_wheel_steps(e);
        int before = ui->scroll;
        ui->scroll -= dy * S(ui, 60);
        clamp_scroll(ui, &l);
        if (ui->scroll != before)
            ui->dirty = 1;
    } else if (e->type == SDL_MOUSEBUTTONDOWN && e->button.button == SDL_BUTTON_LEFT) {
        int x = (int)((float)e->button.x * ui->dpi), y = (int)((float)e->button.y * ui->dpi);
        if (fl_inside(&l.back, x, y)) {
            fl_ui_go(ui, SCR_LIBRARY);
            return;
        }
        if (!fl_inside(&l.view, x, y))
            return;
        int cy = y - l.view.y + ui->scroll; /* content coordinates */
        for (int i = 0; i < ROW_COUNT; i++) {
            const row *r = &l.rows[i];
            if (!fl_inside(&r->r, x, cy))
                continue;
            ui->focus = i;
            ui->dirty = 1;
            if (r->level) {
                /* the bar: the step nearest to where it was clicked */
                const SDL_Rect *s = &r->seg[0];
                int bw = s->w - fl_width(ui, F_BOLD, "100%") - S(ui, 12);
                if (fl_inside(s, x, cy) && bw > 0 && x < s->x + bw + S(ui, 6)) {
                    int v = ((x - s->x) * (r->n - 1) + bw / 2) / bw;
                    choose(ui, r, i, v < 0 ? 0 : v > r->n - 1 ? r->n - 1 : v);
                    compute(ui, &l);
                    reveal(ui, &l);
                }
                break;
            }
            if (r->picker) {
                /* the arrows step, the name steps on, "Use" uses it */
                const SDL_Rect *s = &r->seg[0];
                if (r->seg[1].w && fl_inside(&r->seg[1], x, cy)) {
                    if (pick_use(ui, r))
                        return;
                } else if (fl_inside(s, x, cy)) {
                    pick_step(ui, r, x < s->x + S(ui, 36) ? -1 : 1);
                }
                break;
            }
            if (fixed(r)) { /* the workshop leader's: a click on it says so */
                for (int c = 0; c < r->n; c++)
                    if (fl_inside(&r->seg[c], x, cy))
                        fl_ui_toast(ui, r->say);
                break;
            }
            for (int c = 0; c < r->n; c++)
                if (fl_inside(&r->seg[c], x, cy)) {
                    choose(ui, r, i, c);
                    compute(ui, &l);
                    reveal(ui, &l);
                    break;
                }
            break;
        }
    }
}

int fl_settings_tick(fl_ui *ui)
{
    fl_audio_status st;
    fl_audio_status_get(ui->audio, &st);
    if (!ui->audio)
        st.state = FL_AUDIO_STARTING;
    if ((int)st.state != ui->audio_shown) {
        ui->audio_shown = (int)st.state;
        ui->dirty = 1; /* the state line says the new state */
    }
    return st.state == FL_AUDIO_STARTING ? 100 : -1;
}
