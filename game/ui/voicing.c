/*
 * voicing.c - self-voicing: the interface speaks what has focus, so that a trainee who cannot
 * read the screen can do the whole journey, from sign-in to the results, by ear and keyboard.
 *
 * Text drawn by SDL is invisible to screen readers, so the desktop speaks for itself through
 * the same speech engine as the customer (fl_audio_say, FL_SAY_INTERFACE: a new text cuts the
 * one being spoken). There is one hook, not a call in every screen: while a frame is drawn,
 * draw.c reports each text drawn with its box (as the layout trace does), each focus ring and
 * the top bar's title; after the frame has been presented, fl_voicing_after_frame() takes the
 * texts inside the focus ring, in reading order (rows from the top, left to right in a row),
 * as the focused control's label and compares with what it said last:
 *   - a new screen (fl_ui_go counted a visit): its title, its content (what a screen marked to
 *     be read on entry: the briefing, the results' score and verdict) and the label;
 *   - the same screen, new content (the review's next turn): the content; a new label or a
 *     new focus: the label;
 *   - typing in a field: the characters typed (as screen readers echo them), not the field.
 * A screen whose ring holds more than its meaning (a settings row shows every choice, a field's
 * label is outside its box) says what to speak with fl_voicing_label().
 *
 * Keys (fl_voicing_event): F2 repeats the last announcement; Ctrl pressed and released with no
 * other key in between stops speech (as NVDA and Orca do, so Ctrl+1..5 and Ctrl+Z stay free);
 * F3 reads every text of the screen in drawing order.
 *
 * Everything here runs on the main thread and does nothing while self-voicing is off; nothing
 * is recorded then, so the frames cost what they did before.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio.h"
#include "ui.h"
#include "vec.h"

/* A growing string. */
typedef struct {
    char *s;
    size_t n, cap;
} sbuf;

static void sb_add(sbuf *b, const char *t, size_t len)
{
    if (FL_GROW(b->s, b->cap, b->n + len + 1))
        return;
    memcpy(b->s + b->n, t, len);
    b->n += len;
    b->s[b->n] = '\0';
}

static void sb_clear(sbuf *b)
{
    b->n = 0;
    if (b->s)
        b->s[0] = '\0';
}

static const char *sb_str(const sbuf *b)
{
    return b->s && b->n ? b->s : "";
}

/* A text drawn in a frame: its bytes in the list's buffer and the part of its box that shows. */
typedef struct {
    size_t off, len;
    SDL_Rect box;
} vtext;

typedef struct {
    vtext *v;
    size_t n, cap;
    sbuf buf;
} vlist;

#define MAX_RINGS 8
#define TAIL      16

struct fl_voicing {
    int recording; /* between fl_voicing_frame_begin and fl_voicing_after_frame */
    vlist frame;   /* the texts of the frame being drawn */
    vlist shown;   /* the last frame's, for F3 */
    SDL_Rect ring[MAX_RINGS];
    int n_ring;
    sbuf title;   /* the top bar's title */
    sbuf content; /* what the screen reads on entry */
    int capture;  /* drawing content (1, fl_voicing_content_begin) or the label (2) */
    int mute;     /* texts drawn now are not heard */
    /* the last text heard: where it ended, the bytes after it in its string (copied while the
     * string was there: up to its NUL, at most TAIL), its capture and whether it shows. A
     * screen that draws a paragraph line by line is heard whole. */
    const char *prev_end;
    char prev_tail[TAIL];
    size_t prev_tail_n;
    int prev_capture, prev_listed;
    sbuf label; /* the screen's own label for the focus (fl_voicing_label), when set */
    int has_label;
    sbuf notes; /* said before the next announcement */

    /* what was said */
    int on;         /* self-voicing was on after the last frame */
    uint64_t visit; /* the screen's visit then */
    int focus;      /* ui->focus and the sign-in's field then */
    int field;
    sbuf last_label;
    sbuf last_content;
    sbuf last;      /* the last announcement, for F2 */
    sbuf typed;     /* characters typed since the last frame */
    int ctrl_alone; /* a Ctrl key is down and no other key was pressed since */
};

static struct fl_voicing *get(fl_ui *ui)
{
    if (!ui->voicing)
        ui->voicing = calloc(1, sizeof(*ui->voicing));
    return ui->voicing;
}

/* Recording now: self-voicing is on and a frame is being drawn. */
static struct fl_voicing *rec(fl_ui *ui)
{
    struct fl_voicing *v = ui->voicing;
    return v && v->recording ? v : NULL;
}

static void list_clear(vlist *l)
{
    l->n = 0;
    sb_clear(&l->buf);
}

static void list_free(vlist *l)
{
    free(l->v);
    free(l->buf.s);
    memset(l, 0, sizeof(*l));
}

static void list_add(vlist *l, const char *text, size_t len, const SDL_Rect *box)
{
    if (FL_GROW(l->v, l->cap, l->n + 1))
        return;
    size_t before = l->buf.n;
    sb_add(&l->buf, text, len);
    if (l->buf.n != before + len)
        return; /* out of memory: the text is left out */
    l->v[l->n++] = (vtext){before, len, *box};
}

/* ---- how texts are joined into speech ------------------------------------------------------- */

/* Whether s (of n bytes) ends with one of the characters in ends, ignoring spaces. */
static int ends_with(const char *s, size_t n, const char *ends)
{
    while (n && s[n - 1] == ' ')
        n--;
    if (!n)
        return 1;                                        /* nothing to separate from */
    if (n >= 3 && !memcmp(s + n - 3, "\xE2\x80\xA6", 3)) /* … */
        return 1;
    return strchr(ends, s[n - 1]) != NULL;
}

/* Appends text to b as speech: newlines and runs of spaces become one space, the middle dot
 * that separates tags on the screen a comma. sep goes before it unless b is empty or already
 * ends with one of the characters in ends. */
static void add_spoken(sbuf *b, const char *text, size_t len, const char *sep, const char *ends)
{
    while (len && (*text == ' ' || *text == '\n' || *text == '\t')) {
        text++;
        len--;
    }
    while (len && (text[len - 1] == ' ' || text[len - 1] == '\n' || text[len - 1] == '\t'))
        len--;
    if (!len)
        return;
    if (b->n)
        sb_add(b, ends_with(b->s, b->n, ends) ? " " : sep,
               strlen(ends_with(b->s, b->n, ends) ? " " : sep));
    int space = 0;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c == '\n' || c == '\t' || c == ' ') {
            space = 1;
            continue;
        }
        if ((unsigned char)c == 0xC2 && i + 1 < len && (unsigned char)text[i + 1] == 0xB7) {
            i++; /* · */
            sb_add(b, ",", 1);
            space = 1;
            continue;
        }
        if (space && b->n && b->s[b->n - 1] != ' ')
            sb_add(b, " ", 1);
        space = 0;
        sb_add(b, &c, 1);
    }
}

/* Parts of an announcement (title, content, label) are sentences; texts within one, a list. */
static void add_part(sbuf *b, const char *text)
{
    add_spoken(b, text, strlen(text), ". ", ".!?:");
}

static void add_item(sbuf *b, const char *text, size_t len)
{
    add_spoken(b, text, len, ", ", ".!?:;,");
}

/* Reading order: a before b when a's row is above b's, or in the same row and left of it. */
static int reads_before(const SDL_Rect *a, const SDL_Rect *b)
{
    int h = a->h < b->h ? a->h : b->h;
    int dy = a->y - b->y;
    if (dy > h / 2 || dy < -h / 2)
        return dy < 0;
    return a->x < b->x;
}

/* The centre of box is inside the ring r (a focus ring is drawn around its control's box, and
 * a text's box may reach a pixel or two past it). */
static int inside_ring(const SDL_Rect *r, const SDL_Rect *box)
{
    int cx = box->x + box->w / 2, cy = box->y + box->h / 2;
    return cx >= r->x && cx < r->x + r->w && cy >= r->y && cy < r->y + r->h;
}

/* The focused control's label: the screen's own, or the texts drawn inside the focus rings. */
static void focused_label(struct fl_voicing *v, sbuf *out)
{
    sb_clear(out);
    if (v->has_label) {
        sb_add(out, sb_str(&v->label), v->label.n);
        return;
    }
    const vlist *l = &v->frame;
    size_t *idx = l->n ? malloc(l->n * sizeof(*idx)) : NULL;
    if (!idx)
        return;
    for (int r = 0; r < v->n_ring; r++) {
        size_t k = 0;
        for (size_t i = 0; i < l->n; i++) {
            if (!inside_ring(&v->ring[r], &l->v[i].box))
                continue;
            /* insertion in reading order, stable for texts of one row drawn left to right */
            size_t j = k++;
            for (; j > 0 && reads_before(&l->v[i].box, &l->v[idx[j - 1]].box); j--)
                idx[j] = idx[j - 1];
            idx[j] = i;
        }
        for (size_t j = 0; j < k; j++)
            add_item(out, l->buf.s + l->v[idx[j]].off, l->v[idx[j]].len);
    }
    free(idx);
}

/* ---- speaking ---------------------------------------------------------------------------------
 */

static void speak(fl_ui *ui, const char *text)
{
    fl_say s = {
        .kind = FL_SAY_INTERFACE,
        .text = text,
        .lang = ui->set.lang ? "ru" : "en",
        .emotion = FL_EMO_NEUTRAL,
        .voice = NULL,
    };
    fl_audio_say(ui->audio, &s);
}

void fl_voicing_say(fl_ui *ui, const char *text)
{
    struct fl_voicing *v = get(ui);
    if (!v || !ui->set.self_voicing || !text || !*text)
        return;
    sb_clear(&v->last);
    add_part(&v->last, text);
    speak(ui, sb_str(&v->last));
}

void fl_voicing_note(fl_ui *ui, const char *text)
{
    struct fl_voicing *v = get(ui);
    if (v && text && *text)
        add_part(&v->notes, text);
}

/* ---- recording a frame ----------------------------------------------------------------------- */

void fl_voicing_frame_begin(fl_ui *ui)
{
    if (!ui->set.self_voicing) {
        if (ui->voicing)
            ui->voicing->recording = 0;
        return;
    }
    struct fl_voicing *v = get(ui);
    if (!v)
        return;
    v->recording = 1;
    list_clear(&v->frame);
    v->n_ring = 0;
    sb_clear(&v->title);
    sb_clear(&v->content);
    sb_clear(&v->label);
    v->has_label = 0;
    v->capture = 0;
    v->mute = 0;
    v->prev_end = NULL;
}

/* Whether text continues the last text heard: the next line of the same paragraph, drawn from
 * the same string right after it with only spaces between (a line cut inside a word or after
 * a hyphen has none: *sep gets "" then, else " "). The bytes between are the copy taken when
 * the last text was drawn, never read again (its string may be gone by now); a string's NUL
 * ends the copy, so two strings are never taken for one. */
static int continues(const struct fl_voicing *v, const char *text, const char **sep)
{
    if (!v->prev_end || !v->prev_tail_n)
        return 0;
    uintptr_t p = (uintptr_t)text, e = (uintptr_t)v->prev_end;
    if (p < e || p - e >= v->prev_tail_n)
        return 0;
    for (size_t i = 0; i < p - e; i++)
        if (v->prev_tail[i] != ' ' && v->prev_tail[i] != '\n' && v->prev_tail[i] != '\t')
            return 0;
    *sep = p == e ? "" : " ";
    return 1;
}

/* Remembers where text ended and the bytes after it, for continues(). */
static void remember(struct fl_voicing *v, const char *text, size_t len)
{
    v->prev_end = text + len;
    v->prev_tail_n = 0;
    while (v->prev_tail_n < TAIL && text[len + v->prev_tail_n]) {
        v->prev_tail[v->prev_tail_n] = text[len + v->prev_tail_n];
        v->prev_tail_n++;
    }
}

/* Appends a line to the last text of the frame, its box grown to hold it. */
static void list_extend(vlist *l, const char *sep, const char *text, size_t len,
                        const SDL_Rect *box)
{
    vtext *last = &l->v[l->n - 1];
    size_t before = l->buf.n;
    sb_add(&l->buf, sep, strlen(sep));
    sb_add(&l->buf, text, len);
    last->len += l->buf.n - before;
    SDL_Rect u;
    SDL_UnionRect(&last->box, box, &u);
    last->box = u;
}

void fl_voicing_text(fl_ui *ui, const char *text, size_t len, const SDL_Rect *box)
{
    struct fl_voicing *v = rec(ui);
    if (!v || v->mute || !len)
        return;
    const char *sep = ", ";
    int cont = continues(v, text, &sep);
    remember(v, text, len);
    sbuf *target = v->capture == 1 ? &v->content : v->capture == 2 ? &v->label : NULL;
    if (target) {
        if (cont && v->prev_capture == v->capture)
            add_spoken(target, text, len, sep, "");
        else
            add_item(target, text, len);
    }
    v->prev_capture = v->capture;
    /* only what shows can have focus or be read by F3 */
    SDL_Rect clip = {0, 0, ui->w, ui->h}, vis;
    int listed = 0;
    if (SDL_RenderIsClipEnabled(ui->ren)) {
        SDL_Rect r;
        SDL_RenderGetClipRect(ui->ren, &r);
        if (!SDL_IntersectRect(&r, &clip, &clip))
            clip = (SDL_Rect){0, 0, 0, 0};
    }
    if (clip.w > 0 && SDL_IntersectRect(box, &clip, &vis)) {
        if (cont && v->prev_listed && v->frame.n)
            list_extend(&v->frame, sep, text, len, &vis);
        else
            list_add(&v->frame, text, len, &vis);
        listed = 1;
    }
    v->prev_listed = listed;
}

void fl_voicing_ring(fl_ui *ui, const SDL_Rect *r)
{
    struct fl_voicing *v = rec(ui);
    if (v && v->n_ring < MAX_RINGS)
        v->ring[v->n_ring++] = *r;
}

void fl_voicing_title(fl_ui *ui, const char *title)
{
    struct fl_voicing *v = rec(ui);
    if (v && title) {
        sb_clear(&v->title);
        add_part(&v->title, title);
    }
}

void fl_voicing_content_begin(fl_ui *ui)
{
    struct fl_voicing *v = rec(ui);
    if (v) {
        sb_clear(&v->content); /* drawn again (a screen that measures by drawing): once */
        v->capture = 1;
    }
}

void fl_voicing_content_end(fl_ui *ui)
{
    struct fl_voicing *v = rec(ui);
    if (v)
        v->capture = 0;
}

void fl_voicing_content(fl_ui *ui, const char *text)
{
    struct fl_voicing *v = rec(ui);
    if (v && text)
        add_part(&v->content, text);
}

void fl_voicing_label(fl_ui *ui, const char *text)
{
    struct fl_voicing *v = rec(ui);
    if (v && text) {
        sb_clear(&v->label);
        add_part(&v->label, text);
        v->has_label = 1;
    }
}

void fl_voicing_label_begin(fl_ui *ui)
{
    struct fl_voicing *v = rec(ui);
    if (v) {
        sb_clear(&v->label);
        v->has_label = 1;
        v->capture = 2;
    }
}

void fl_voicing_label_end(fl_ui *ui)
{
    struct fl_voicing *v = rec(ui);
    if (v)
        v->capture = 0;
}

void fl_voicing_mute(fl_ui *ui, int on)
{
    struct fl_voicing *v = rec(ui);
    if (v)
        v->mute += on ? 1 : (v->mute > 0 ? -1 : 0);
}

/* ---- the hook -----------------------------------------------------------------------------------
 */

void fl_voicing_after_frame(fl_ui *ui)
{
    struct fl_voicing *v = ui->voicing;
    if (!v || !v->recording || !ui->set.self_voicing) {
        if (v) {
            v->on = 0;
            v->recording = 0;
            sb_clear(&v->notes);
            sb_clear(&v->typed);
        }
        return;
    }
    v->recording = 0;
    sbuf label = {0}, say = {0};
    focused_label(v, &label);
    int new_screen = !v->on || v->visit != ui->visit;
    int new_focus = v->focus != ui->focus || v->field != ui->signin_field;
    int new_label = strcmp(sb_str(&label), sb_str(&v->last_label)) != 0;
    int new_content = strcmp(sb_str(&v->content), sb_str(&v->last_content)) != 0;

    if (v->notes.n)
        add_part(&say, sb_str(&v->notes));
    if (new_screen) {
        add_part(&say, sb_str(&v->title));
        add_part(&say, sb_str(&v->content));
        add_part(&say, sb_str(&label));
    } else if (v->typed.n && !new_focus) {
        add_part(&say, sb_str(&v->typed)); /* the field's echo, not the whole field again */
    } else {
        if (new_content) /* the review's next turn, the sound's state once it started */
            add_part(&say, sb_str(&v->content));
        if (new_label || new_focus)
            add_part(&say, sb_str(&label));
    }
    if (say.n) {
        sb_clear(&v->last);
        sb_add(&v->last, say.s, say.n);
        speak(ui, say.s);
    }
    free(say.s);
    sb_clear(&v->notes);
    sb_clear(&v->typed);
    sb_clear(&v->last_label);
    sb_add(&v->last_label, sb_str(&label), label.n);
    sb_clear(&v->last_content);
    sb_add(&v->last_content, sb_str(&v->content), v->content.n);
    free(label.s);
    v->on = 1;
    v->visit = ui->visit;
    v->focus = ui->focus;
    v->field = ui->signin_field;
    /* the frame's texts stay for F3 */
    vlist t = v->shown;
    v->shown = v->frame;
    v->frame = t;
    list_clear(&v->frame);
}

/* F3: every text of the last frame, in drawing order. */
static void read_screen(fl_ui *ui, struct fl_voicing *v)
{
    sbuf all = {0};
    for (size_t i = 0; i < v->shown.n; i++)
        add_item(&all, v->shown.buf.s + v->shown.v[i].off, v->shown.v[i].len);
    if (all.n) {
        sb_clear(&v->last);
        sb_add(&v->last, all.s, all.n);
        speak(ui, all.s);
    }
    free(all.s);
}

int fl_voicing_event(fl_ui *ui, const SDL_Event *e)
{
    if (!ui->set.self_voicing)
        return 0;
    struct fl_voicing *v = get(ui);
    if (!v)
        return 0;
    if (e->type == SDL_KEYDOWN) {
        SDL_Keycode k = e->key.keysym.sym;
        if (k == SDLK_LCTRL || k == SDLK_RCTRL) {
            if (!e->key.repeat)
                v->ctrl_alone = 1;
            return 0;
        }
        v->ctrl_alone = 0;
        if (e->key.keysym.mod & (KMOD_CTRL | KMOD_ALT | KMOD_GUI | KMOD_SHIFT))
            return 0;
        if (k == SDLK_F2) {
            if (v->last.n)
                speak(ui, v->last.s);
            return 1;
        }
        if (k == SDLK_F3) {
            read_screen(ui, v);
            return 1;
        }
    } else if (e->type == SDL_KEYUP) {
        SDL_Keycode k = e->key.keysym.sym;
        if ((k == SDLK_LCTRL || k == SDLK_RCTRL) && v->ctrl_alone) {
            v->ctrl_alone = 0;
            fl_audio_stop_speech(ui->audio);
        }
    } else if (e->type == SDL_MOUSEBUTTONDOWN || e->type == SDL_MOUSEWHEEL) {
        v->ctrl_alone = 0;
    } else if (e->type == SDL_TEXTINPUT) {
        sb_add(&v->typed, e->text.text, strlen(e->text.text));
    }
    return 0;
}

void fl_voicing_free(fl_ui *ui)
{
    struct fl_voicing *v = ui->voicing;
    if (!v)
        return;
    list_free(&v->frame);
    list_free(&v->shown);
    sbuf *bufs[] = {&v->title,      &v->content,      &v->label, &v->notes,
                    &v->last_label, &v->last_content, &v->last,  &v->typed};
    for (size_t i = 0; i < sizeof(bufs) / sizeof(bufs[0]); i++)
        free(bufs[i]->s);
    free(v);
    ui->voicing = NULL;
}
