/*
 * replay.c - a scripted run of the desktop with a clock of its own, for the renderer tests.
 *
 *   FRONTLINE_REPLAY=FILE   the input, one step per line, played whenever the window is settled
 *                           (drawn, and nothing animating);
 *   FRONTLINE_DUMP=DIR      each settled frame saved as DIR/NNN-SCREEN.ppm (binary PPM, the
 *                           renderer's own pixels).
 *
 * A step is "key NAME ..." (SDL key names, with shift+, ctrl+ or alt+ before a name), "text
 * UTF-8 ..." (typed text) or "quit"; blank lines and lines starting with '#' are skipped.
 *
 * While replaying, time is the replay's: an animation (and a round's clock: the core's round is
 * passed ui->now, the replay's time) advances by exactly the delay it asks for, never by what
 * the machine took, and the keyboard and mouse of the display are ignored. The
 * same script therefore gives the same frames on any video driver and at any speed, which is
 * what lets a test compare the pixels of an Xvfb run and an offscreen one byte for byte.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "vec.h"

/* Pushed events carry this window id, so they can be told from the display's own. */
#define REPLAY_WINDOW 0x5EE1F00Du

struct fl_replay {
    char *path;
    char **lines;
    int *line_no;
    size_t n, next;
    const char *dump_dir;
    unsigned dumped;     /* settled frames saved so far */
    uint64_t dump_frame; /* ui->frame of the last one saved, +1 (0: none yet) */
    uint64_t clock;
    int announced; /* "trace: replay done" printed */
};

static const char *const screen_names[] = {"signin",       "library",  "briefing",
                                           "conversation", "results",  "review",
                                           "history",      "settings", "round-results"};

fl_replay *fl_replay_open(const char *path, const char *dump_dir)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "frontline: %s: %s\n", path, strerror(errno));
        return NULL;
    }
    fl_replay *r = calloc(1, sizeof(*r));
    if (!r) {
        fclose(f);
        return NULL;
    }
    r->path = strdup(path);
    r->dump_dir = dump_dir && *dump_dir ? dump_dir : NULL;
    char buf[4096];
    int no = 0;
    size_t cap = 0, cap_no = 0;
    while (fgets(buf, sizeof(buf), f)) {
        no++;
        buf[strcspn(buf, "\r\n")] = 0;
        char *s = buf;
        while (*s == ' ' || *s == '\t')
            s++;
        if (!*s || *s == '#')
            continue;
        if (FL_GROW(r->lines, cap, r->n + 1) || FL_GROW(r->line_no, cap_no, r->n + 1)) {
            fclose(f);
            fl_replay_close(r);
            return NULL;
        }
        r->line_no[r->n] = no;
        r->lines[r->n++] = strdup(s);
    }
    fclose(f);
    return r;
}

void fl_replay_close(fl_replay *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++)
        free(r->lines[i]);
    free(r->lines);
    free(r->line_no);
    free(r->path);
    free(r);
}

uint64_t fl_replay_clock(const fl_replay *r)
{
    return r->clock;
}

void fl_replay_advance(fl_replay *r, int ms)
{
    r->clock += ms > 0 ? (uint64_t)ms : 1;
}

int fl_replay_accepts(const fl_replay *r, const SDL_Event *e)
{
    (void)r;
    switch (e->type) {
    case SDL_KEYDOWN:
    case SDL_KEYUP:
        return e->key.windowID == REPLAY_WINDOW;
    case SDL_TEXTINPUT:
        return e->text.windowID == REPLAY_WINDOW;
    case SDL_TEXTEDITING:
    case SDL_MOUSEMOTION:
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
    case SDL_MOUSEWHEEL:
        return 0;
    default:
        return 1;
    }
}

/* Saves the renderer's pixels as a binary PPM. */
static int dump(fl_ui *ui, fl_replay *r)
{
    int w = ui->w, h = ui->h;
    unsigned char *px = malloc((size_t)w * (size_t)h * 3);
    if (!px)
        return -1;
    if (SDL_RenderReadPixels(ui->ren, NULL, SDL_PIXELFORMAT_RGB24, px, w * 3) != 0) {
        fprintf(stderr, "frontline: replay: cannot read the frame: %s\n", SDL_GetError());
        free(px);
        return -1;
    }
    char path[4096];
    snprintf(path, sizeof(path), "%s/%03u-%s.ppm", r->dump_dir, r->dumped,
             screen_names[ui->screen]);
    FILE *f = fopen(path, "wb");
    int ok = f && fprintf(f, "P6\n%d %d\n255\n", w, h) > 0 &&
             fwrite(px, 3, (size_t)w * (size_t)h, f) == (size_t)w * (size_t)h;
    if (f && fclose(f) != 0)
        ok = 0;
    free(px);
    if (!ok) {
        fprintf(stderr, "frontline: replay: cannot write %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (ui->trace)
        fprintf(stderr, "trace: replay dump %s\n", path);
    r->dumped++;
    return 0;
}

static int push_key(const char *name, int line, const char *path)
{
    SDL_Keymod mod = KMOD_NONE;
    for (;;) {
        if (!strncmp(name, "shift+", 6))
            mod |= KMOD_LSHIFT, name += 6;
        else if (!strncmp(name, "ctrl+", 5))
            mod |= KMOD_LCTRL, name += 5;
        else if (!strncmp(name, "alt+", 4))
            mod |= KMOD_LALT, name += 4;
        else
            break;
    }
    SDL_Keycode k = SDL_GetKeyFromName(name);
    if (k == SDLK_UNKNOWN) {
        fprintf(stderr,
                "frontline: %s:%d: unknown key '%s' (SDL key names: Return, Escape, Tab, "
                "Down, 1, a, F5, ...)\n",
                path, line, name);
        return -1;
    }
    SDL_Event e;
    memset(&e, 0, sizeof(e));
    e.type = SDL_KEYDOWN;
    e.key.windowID = REPLAY_WINDOW;
    e.key.state = SDL_PRESSED;
    e.key.keysym.sym = k;
    e.key.keysym.scancode = SDL_GetScancodeFromKey(k);
    e.key.keysym.mod = (Uint16)mod;
    SDL_PushEvent(&e);
    e.type = SDL_KEYUP;
    e.key.state = SDL_RELEASED;
    SDL_PushEvent(&e);
    return 0;
}

/* Pushes text as SDL does: pieces shorter than a text event's buffer, cut between characters. */
static void push_text(const char *s)
{
    size_t len = strlen(s);
    while (len) {
        size_t n = len < SDL_TEXTINPUTEVENT_TEXT_SIZE - 1 ? len : SDL_TEXTINPUTEVENT_TEXT_SIZE - 1;
        while (n < len && n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
        SDL_Event e;
        memset(&e, 0, sizeof(e));
        e.type = SDL_TEXTINPUT;
        e.text.windowID = REPLAY_WINDOW;
        memcpy(e.text.text, s, n);
        SDL_PushEvent(&e);
        s += n;
        len -= n;
    }
}

int fl_replay_settled(fl_ui *ui, fl_replay *r)
{
    if (r->dump_dir && r->dump_frame != ui->frame + 1) {
        if (dump(ui, r) != 0)
            return -1;
        r->dump_frame = ui->frame + 1;
    }
    if (r->next >= r->n) {
        if (!r->announced && ui->trace)
            fprintf(stderr, "trace: replay done\n");
        r->announced = 1;
        return 0;
    }
    char *line = r->lines[r->next];
    int no = r->line_no[r->next];
    r->next++;
    if (ui->trace)
        fprintf(stderr, "trace: replay %s:%d: %s\n", r->path, no, line);
    if (!strncmp(line, "key ", 4)) {
        char *save = NULL;
        for (char *k = strtok_r(line + 4, " \t", &save); k; k = strtok_r(NULL, " \t", &save))
            if (push_key(k, no, r->path) != 0)
                return -1;
    } else if (!strncmp(line, "text ", 5)) {
        push_text(line + 5);
    } else if (!strcmp(line, "quit")) {
        ui->quit = 1;
    } else {
        fprintf(stderr, "frontline: %s:%d: expected 'key NAME', 'text TEXT' or 'quit', not '%s'\n",
                r->path, no, line);
        return -1;
    }
    return 1;
}
