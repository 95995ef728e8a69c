/*
 * ui.h - the desktop simulator's shared state and drawing helpers (SDL2 + SDL_ttf).
 *
 * One window, one SDL software renderer (the same pixels under Xvfb and the offscreen driver,
 * so tests can check them), fonts from assets/fonts. Screens are plain functions over fl_ui:
 * each draws itself from the state and handles its events; nothing here scores anything, the
 * session (game/core/session.h) does, and every session is recorded (game/store/recorder.h).
 *
 * Coordinates are drawable pixels; ui->scale (HiDPI factor x text size) turns design pixels
 * (18 px body text at 100%, a 1280 x 720 layout) into them: use S(ui, v).
 */
#ifndef FL_UI_H
#define FL_UI_H

#include <stdint.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "call.h"
#include "catalogue.h"
#include "content.h"
#include "hmap.h"
#include "recorder.h"
#include "scenario.h"
#include "session.h"
#include "store.h"
#include "text.h"

/* A trainee's or group's name: at most this many characters (of any script). */
#define FL_NAME_MAX   80
#define FL_NAME_BYTES (FL_NAME_MAX * 4 + 1)

/* ---- settings (settings.c), saved in $XDG_CONFIG_HOME/frontline/settings.json ---------- */
typedef struct {
    int lang;      /* interface language: 0 English, 1 Russian */
    int text_size; /* percent: 75, 100, 125, 150, 175, 200 */
    int timed;     /* apply the scenarios' time limits */
    int extension; /* 0: x1, 1: x1.5, 2: x2 (used when timed) */
    int fullscreen;
    int assessment; /* the mode chosen last on the briefing */
    /* sound (game/audio): on by default except self-voicing and "say it aloud" */
    int sounds;       /* cues and the office ambience */
    int voice;        /* the customer speaks each line */
    int volume;       /* 0..100, of everything */
    int self_voicing; /* the interface speaks what has focus (F2 repeats, Ctrl stops) */
    int say_aloud;    /* after choosing a reply the trainee reads it aloud into the tone meter */
    /* who is signed in: any script, at most FL_NAME_MAX characters, valid UTF-8, cut only
     * between characters (also when read from a damaged file) */
    char trainee[FL_NAME_BYTES];
    char group[FL_NAME_BYTES];
    /* the laptop's, not a trainee's: the workshop file chosen in the settings ("" none; the
     * command line's --workshop wins for that run) */
    char workshop[1024];
} fl_settings;

void fl_settings_defaults(fl_settings *s);
/* Loads the settings file when there is one (unknown or bad values keep their defaults): the
 * laptop's (the last trainee, group and workshop) and that trainee's own profile. A file that
 * is there but cannot be used (not a regular file, such as a FIFO; not JSON) gives the
 * defaults and one line on stderr saying why; it never blocks. */
void fl_settings_load(fl_settings *s);
/* Fills s from the text of a settings.json (buf[0..len), need not be NUL-terminated) as
 * fl_settings_load does with the file: the defaults, then what the text says (bytes that are
 * not UTF-8 repaired, names repaired and cut at FL_NAME_MAX characters). Returns 0 when the
 * text was usable, -1 when it was not (s then holds the defaults). Needs no window and no SDL
 * (the fuzz target calls it). */
int fl_settings_parse(fl_settings *s, const char *buf, size_t len);
/* Saves atomically, the signed-in trainee's profile among the others; returns 0 or -1. */
int fl_settings_save(const fl_settings *s);
/* Signs name in on this laptop: loads their own profile (mode, text size, timing, sound...)
 * from the settings file, or the defaults for someone new (keeping the interface language
 * shown now); nothing of the previous trainee carries over. Sets s->trainee to name. */
void fl_settings_switch(fl_settings *s, const char *name);
double fl_settings_factor(const fl_settings *s); /* 1, 1.5 or 2 */
/* Whether the settings file keeps a profile of name (a trainee who has signed in here). */
int fl_settings_has_profile(const char *name);
/* The most profiles the settings file keeps: the least recently signed in go first. */
#define FL_PROFILES_MAX 200
/* Copies the name in (any bytes) to out (cap bytes) as a valid name: invalid UTF-8 dropped,
 * control characters made spaces, at most FL_NAME_MAX characters, cut only between characters.
 * out may be in. Returns 1 when characters were left out for the length, else 0. */
int fl_name_repair(char *out, size_t cap, const char *in);

/* ---- theme ------------------------------------------------------------------------------ */
enum {
    C_BG,        /* the window */
    C_PANEL,     /* side panel, cards */
    C_LINE,      /* separators, tracks */
    C_TEXT,      /* body text: 4.5:1 or more on C_BG and C_PANEL */
    C_MUTED,     /* secondary text, also 4.5:1 */
    C_ACCENT,    /* the one accent: focus, bars, the trainee's bubbles */
    C_ON_ACCENT, /* text on the accent */
    C_CUSTOMER,  /* the customer's bubbles */
    C_GOOD,
    C_WARN,
    C_BAD,
    C_COUNT
};
extern const SDL_Color fl_colors[C_COUNT];

enum { F_BODY, F_BOLD, F_SMALL, F_TITLE, F_COUNT };

typedef enum {
    SCR_SIGNIN,
    SCR_LIBRARY,
    SCR_BRIEFING,
    SCR_CONVERSATION,
    SCR_RESULTS,
    SCR_REVIEW,
    SCR_HISTORY,
    SCR_SETTINGS,
    SCR_ROUND_RESULTS, /* a stress round's results: each call, the timeline, the figures */
} fl_screen;

enum {
    FL_ORIGIN_BUNDLED,  /* shipped with Frontline */
    FL_ORIGIN_YOURS,    /* from --scenarios DIR (a trainer's folder) or the command line */
    FL_ORIGIN_WORKSHOP, /* named by the workshop file (and not bundled) */
};

/* A scenario or a stress round of the library. */
typedef struct {
    char *path;
    fl_scenario *scen; /* loaded at start; NULL when it has errors (errors holds why) or when
                          the entry is a round */
    /* a stress round (a round file): its def and the scenarios it draws from, both loaded at
     * start; NULL when it has errors (errors holds why) */
    fl_round_def *round;
    fl_round_pool pool;
    int is_round; /* the file is a round file (even when it has errors) */
    char *errors;
    int best; /* the trainee's best finished score, -1 none */
    /* where it comes from, shown on its card */
    int origin;           /* FL_ORIGIN_* */
    int replaces_bundled; /* the trainer's version of a bundled scenario with the same id (the
                             bundled one is then not listed) */
    int attempts;
} fl_entry;

/* The screens' own state, kept by fl_ui between frames (results, review and history keep
 * theirs behind a pointer, in their files). */
typedef struct {
    size_t caret[2];    /* each field's caret, a byte offset on a character boundary */
    int caret_known[2]; /* 0: the caret goes to the end of the field's text first */
    int hscroll[2];     /* each field's text scrolled left to keep the caret in view, pixels */
    int need_name;      /* Enter was pressed with an empty name */
    size_t anchor[2];   /* each field's selection runs from here to the caret (equal: none) */
    int dragging;       /* the left button is held in the focused field: moving selects */
    int too_long;       /* the last typing or paste was cut at FL_NAME_MAX characters */
    int lang_chosen;    /* the language was switched here: it wins over the trainee's own */
    int profile_known;  /* profile holds whose settings ui->set holds */
    char profile[FL_NAME_BYTES]; /* that trainee ("" none: the defaults or an old file's) */
    uint64_t visit;              /* ui->visit when the screen last laid out (a new visit selects) */
} fl_signin_state;

typedef struct {
    int wheel_scrolled; /* the trainee scrolled away from the focus with the wheel */
    int hover;          /* the card under the pointer, an index into lib, -1 none */
} fl_library_state;

typedef struct {
    int start_failed; /* the call could not start (said on the screen) */
    int content_h;    /* the scrolling part's height at the last layout */
} fl_briefing_state;

/* A rendered text kept between frames (cache.c). */
typedef struct fl_cached fl_cached;

typedef struct fl_ui {
    SDL_Window *win;
    SDL_Renderer *ren;
    int w, h;        /* drawable size, pixels */
    float dpi;       /* drawable pixels per window point (mouse coordinates; HiDPI) */
    float x11_scale; /* X11 only: the desktop's scale from Xft.dpi (1: none) */
    float scale;     /* dpi x X11 scale x text size: design pixels -> drawable pixels */
    TTF_Font *font[F_COUNT];
    int font_px[F_COUNT];
    const void *font_file[F_COUNT]; /* each font file mapped once, read from memory */
    size_t font_file_len[F_COUNT];
    TTF_Font *emoji[F_COUNT]; /* each font's fallback for emoji, at the same size */
    const void *emoji_file;
    size_t emoji_len;
    int emoji_missing; /* the emoji font could not be read: not tried again */
    fl_hmap cache;     /* rendered texts (cache.c) */
    uint64_t frame;

    fl_settings set;
    struct fl_audio *audio;     /* sound (audio.h); opened after the first frame, NULL before */
    struct fl_voicing *voicing; /* self-voicing's state (voicing.c) */
    int audio_shown;            /* the sound's state the settings last drew (fl_audio_state) */
    const char *db_path;        /* NULL: the default store */
    const char *data_dir;       /* assets/ and scenarios/ live here */
    char *user_dir;             /* --scenarios DIR */
    char *user_dir_problem;     /* DIR is missing or unreadable: the library says so (NULL ok) */

    /* the workshop (game/core/workshop.h): from --workshop FILE, else the settings' file; NULL
     * none. While there is one, the library is its library only, its group is every trainee's
     * and cannot be changed, and its rules lock the mode and the timing (fl_ui_assessment...) */
    struct fl_workshop *workshop;
    char *workshop_problem;   /* the workshop file could not be used: why (shown on the sign-in
                                 and the library; the bundled library is then shown) */
    const char *workshop_arg; /* --workshop FILE: wins over the settings' for this run, NULL */
    const char *session_arg;  /* --session NAME: the session of the day, NULL: by the clock */
    const char *day_session;  /* the session of the day recorded with results, NULL none */
    SDL_Rect not_you;         /* the top bar's "Not you?" (clicks), w 0 when not drawn */
    char *toast;              /* a short message over the screen (F5: "reloaded"), NULL none */
    uint64_t toast_until;     /* ui->now when it goes */
    uint64_t toast_in_bar;    /* frame + 1 of the last frame whose top bar showed the toast
                                 (fl_header): it is then not drawn over the screen */

    fl_entry *lib;
    size_t n_lib, lib_cap;
    int lib_focus;
    int lib_lang_filter; /* -1 all, 0 en, 1 ru */
    int lib_tag_filter;  /* -1 all, else index into tags */
    char **tags;
    size_t n_tags, tags_cap;

    /* the scenario or round in play */
    int current;      /* index into lib, -1 none */
    fl_call_ui *call; /* the call in play or just ended (results, review); NULL none. In a
                         stress round: the active call (one of round->calls) */
    struct fl_round_play *round; /* the stress round in play or just ended (round_play.h);
                                    NULL when playing a single scenario */
    int signin_field;            /* 0 name, 1 group */

    fl_screen screen;
    int focus;       /* focused control of the screen */
    int scroll;      /* transcript / findings scroll, pixels from the bottom or top */
    int review_turn; /* review: the turn shown */
    uint64_t now;    /* the loop's clock (ms of SDL_GetTicks64, or the replay's) */
    uint64_t visit;  /* counts fl_ui_go: a screen that reads the store reads it once a visit */

    /* the screens' own state (each screen's file says what it keeps) */
    fl_signin_state signin;
    fl_library_state library;
    fl_briefing_state briefing;
    struct fl_results_state *results; /* made by the screen when first shown */
    struct fl_review_state *review;
    struct fl_history_state *history;
    struct fl_round_results_state *round_results;

    /* F5: the reload overlay (lint messages), NULL when closed */
    char *overlay;

    int dirty; /* something changed: draw a frame */
    int quit;
    int trace;                /* FRONTLINE_TRACE: print frame timings to stderr (benchmarks) */
    int trace_layout;         /* FRONTLINE_TRACE=layout: also every text drawn, with its box */
    const char *trace_kind;   /* what the text drawn now is, for that trace (NULL "text") */
    struct fl_replay *replay; /* FRONTLINE_REPLAY: a scripted run, NULL normally */
    int status;               /* the exit status (a replay's error makes it 1) */
} fl_ui;

/* Design pixels -> drawable pixels. */
static inline int S(const fl_ui *ui, int v)
{
    return (int)(v * ui->scale + (v >= 0 ? 0.5f : -0.5f));
}

/* A word the interface shows (catalogue.def, in game/core: every user-visible word in English
 * and Russian), in the interface language. */
static inline const char *T(const fl_ui *ui, fl_word_id id)
{
    return fl_word(id, ui->set.lang);
}
/* A scoring dimension's and an outcome's names in the interface language ("?" / unfinished
 * when out of range). */
static inline const char *fl_dim_label(const fl_ui *ui, int d)
{
    return d >= 0 && d < FL_DIM_COUNT ? T(ui, fl_word_dimension(d)) : "?";
}
static inline const char *fl_outcome_label(const fl_ui *ui, int outcome)
{
    fl_word_id w = fl_word_outcome(outcome);
    return T(ui, w != FL_W_NONE ? w : FL_W_OUTCOME_NONE);
}

/* ---- drawing (draw.c) -------------------------------------------------------------------- */
void fl_fill(fl_ui *ui, int x, int y, int w, int h, SDL_Color c);
void fl_frame(fl_ui *ui, int x, int y, int w, int h, int thickness, SDL_Color c);
void fl_round_rect(fl_ui *ui, int x, int y, int w, int h, int radius, SDL_Color c);
void fl_disc(fl_ui *ui, int cx, int cy, int r, SDL_Color c);
void fl_stroke(fl_ui *ui, int x1, int y1, int x2, int y2, int thickness, SDL_Color c);
/* One line of text at (x, y) (top-left); returns its width. Cached by font, colour and text. */
int fl_text(fl_ui *ui, int font, SDL_Color c, int x, int y, const char *text);
int fl_text_n(fl_ui *ui, int font, SDL_Color c, int x, int y, const char *text, size_t len);
/* Wrapped text in a column of width w; returns its height. draw 0 only measures. */
int fl_text_box(fl_ui *ui, int font, SDL_Color c, int x, int y, int w, const char *text, int draw);
int fl_line_height(const fl_ui *ui, int font);
int fl_width(fl_ui *ui, int font, const char *text);
/* FRONTLINE_TRACE=layout: what the texts drawn from now on are ("reply-number", "title"...;
 * NULL: plain text). Each text drawn is then printed with its box and whether the clip or the
 * window cut it, for the layout tests. Does nothing without that trace. */
void fl_trace_kind(fl_ui *ui, const char *kind);
/* FRONTLINE_TRACE=layout: a region of the screen by name ("trace: region NAME X Y W H"). */
void fl_trace_region(const fl_ui *ui, const char *name, const SDL_Rect *r);
/* A horizontal bar: track and fill of value/max. */
void fl_bar(fl_ui *ui, int x, int y, int w, int h, int value, int max, SDL_Color fill);
/* The focus ring around a control. */
void fl_focus_ring(fl_ui *ui, int x, int y, int w, int h);
/* A key hint like "[R] Retry" at x, y; returns its width. */
/* Draws text on one line of at most maxw pixels, cut at a word with an ellipsis when longer. */
void fl_text_cut(fl_ui *ui, int font, SDL_Color c, int x, int y, int maxw, const char *text);
/* A wheel event's steps, up positive, whatever the system's scrolling direction. */
int fl_wheel_steps(const SDL_Event *e);
/* Where the mouse is, in drawable pixels. */
void fl_mouse_at(const fl_ui *ui, int *x, int *y);
int fl_key_hint(fl_ui *ui, int x, int y, const char *key, const char *label);
/* A key hint that can be clicked. */
typedef struct {
    const char *key, *label;
    SDL_Keycode code; /* what a click on it does */
    SDL_Rect r;       /* where fl_hints laid it out, for clicks */
} fl_hint;
/* Lays out (and with draw, draws) key hints from x in lines at most maxw wide; returns the
 * height they take. */
int fl_hints(fl_ui *ui, fl_hint *hs, int n, int x, int y, int maxw, int draw);
/* The focus ring a little away from a rounded control, so its corners stay clean. */
void fl_ring(fl_ui *ui, int x, int y, int w, int h);
/* Whether (x, y) is in r (for clicks). */
int fl_inside(const SDL_Rect *r, int x, int y);
/* The height of the top bar, and of the key bars of the screens that have one. */
int fl_bar_height(const fl_ui *ui);
/* The top bar: the product's name, where the trainee is (after a rule; NULL: nothing) and who
 * is signed in, at the right; on the screens before a call (library, briefing, history,
 * settings) then "Not you?" and its key, its box in ui->not_you (w 0 when not drawn). A long
 * where cuts who, then leaves it out, never the link; with cut, where (a scenario's title) is
 * cut after a word to leave who room instead. draw 0 only measures. Returns its height. */
int fl_header(fl_ui *ui, const char *where, int cut, int draw);
/* The top bar's panel, the product's name at margin (design pixels) and, with rule, a rule: for
 * a screen that fills the rest itself. Returns the x after them; *y gets the text's top. */
int fl_header_start(fl_ui *ui, int margin, int rule, int *y);
/* The customer's face for an emotion (fl_emotion), centred at cx, cy with radius r. */
void fl_avatar(fl_ui *ui, int cx, int cy, int r, int emotion);

/* The colour for a 0..100 score: good, warning or mistake. */
SDL_Color fl_score_color(int score);

/* The lines of text wrapped at width in font, measured once and kept while used (draw.c);
 * *n gets their count. NULL when out of memory. */
const fl_text_line *fl_layout(fl_ui *ui, int font, int width, const char *text, size_t *n);

/* ---- the cache (cache.c) ------------------------------------------------------------------ */
/* Drops every rendered text and measured layout (the fonts changed). */
void fl_cache_clear(fl_ui *ui);
/* Drops textures and layouts not used for a while (called once per frame). */
void fl_cache_trim(fl_ui *ui);
/* The texture of text in font and colour, rendered once (NULL for empty text). */
SDL_Texture *fl_cache_get(fl_ui *ui, int font, SDL_Color c, const char *text, size_t len, int *w,
                          int *h);
/* (draw.c) the measured layouts behind fl_layout */
void fl_measured_clear(void);
void fl_measured_trim(uint64_t frame);

/* ---- screens (one file each) --------------------------------------------------------------- */
/* Each screen: a layout step that decides where things go and clamps its scrolls (run before
 * every frame and before an event is handled), a draw function that reads its state without
 * changing it (fl_ui is passed for the renderer and the text cache only), and its events. */
void fl_signin_layout(fl_ui *ui, fl_signin_state *st);
void fl_signin_draw(fl_ui *ui, const fl_signin_state *st);
void fl_signin_event(fl_ui *ui, fl_signin_state *st, const SDL_Event *e);
void fl_library_layout(fl_ui *ui, fl_library_state *st);
void fl_library_draw(fl_ui *ui, const fl_library_state *st);
void fl_library_event(fl_ui *ui, fl_library_state *st, const SDL_Event *e);
/* Adds the trainee's best closed rounds (their mean score) to the round entries (library.c). */
void fl_library_round_scores(fl_ui *ui, fl_store *st);
void fl_briefing_layout(fl_ui *ui, fl_briefing_state *st);
void fl_briefing_draw(fl_ui *ui, const fl_briefing_state *st);
void fl_briefing_event(fl_ui *ui, fl_briefing_state *st, const SDL_Event *e);
/* The conversation draws the call it is handed (call.h). */
void fl_conversation_layout(fl_ui *ui, fl_call_ui *call);
void fl_conversation_draw(fl_ui *ui, const fl_call_ui *call);
void fl_conversation_event(fl_ui *ui, fl_call_ui *call, const SDL_Event *e);
/* Advances the call's timers (typing pause, reply clock, meters) to ui->now; returns the ms
 * until the next frame is needed, or -1 when nothing animates. */
int fl_conversation_tick(fl_ui *ui, fl_call_ui *call);
/* The trainee's words at a turn: typed, the reply's text (its id when it has none), or the
 * silence of a timeout (conversation.c; the review shows the same). */
const char *fl_turn_words(fl_ui *ui, const fl_node *nd, const fl_turn *t);
/* The results and the review show the call they are handed (NULL: nothing to show). */
void fl_results_layout(fl_ui *ui, const fl_call_ui *call);
void fl_results_draw(fl_ui *ui, const fl_call_ui *call);
void fl_results_event(fl_ui *ui, const fl_call_ui *call, const SDL_Event *e);
void fl_review_layout(fl_ui *ui, const fl_call_ui *call);
void fl_review_draw(fl_ui *ui, const fl_call_ui *call);
void fl_review_event(fl_ui *ui, const fl_call_ui *call, const SDL_Event *e);
void fl_history_layout(fl_ui *ui);
void fl_history_draw(fl_ui *ui);
void fl_history_event(fl_ui *ui, const SDL_Event *e);
void fl_settings_draw(fl_ui *ui);
void fl_settings_event(fl_ui *ui, const SDL_Event *e);
/* While the sound is starting: asks for a frame when its state changes (the settings say it)
 * and returns the ms until it should look again, else -1. */
int fl_settings_tick(fl_ui *ui);
/* A stress round's results (round_results.c): each call's score, the timeline (one lane per
 * call) and the round's figures, from ui->round; selecting a call opens its review. */
void fl_round_results_layout(fl_ui *ui, const struct fl_round_play *rp);
void fl_round_results_draw(fl_ui *ui, const struct fl_round_play *rp);
void fl_round_results_event(fl_ui *ui, const struct fl_round_play *rp, const SDL_Event *e);
void fl_round_results_state_free(fl_ui *ui);

/* Frees the screens' own state (results, review, history). */
void fl_results_state_free(fl_ui *ui);
void fl_review_state_free(fl_ui *ui);
void fl_history_state_free(fl_ui *ui);

/* ---- self-voicing (voicing.c) -------------------------------------------------------------
 * When ui->set.self_voicing is on, the interface speaks what has focus (fl_audio_say,
 * FL_SAY_INTERFACE, in the interface language). One hook after each frame decides what: while
 * a frame is drawn, draw.c reports every text drawn with its box, every focus ring and the top
 * bar's title; the texts inside the focus ring, in reading order, are the focused control's
 * label. A new screen says its title, its content (fl_voicing_content) and the label; a new
 * label alone says the label. F2 repeats the last announcement, Ctrl pressed and released alone
 * stops speech, F3 reads every text on the screen. Each function does nothing while
 * self-voicing is off. */
void fl_voicing_frame_begin(fl_ui *ui);
/* After the frame has been presented: announces what changed (the one focus-change hook). */
void fl_voicing_after_frame(fl_ui *ui);
/* Every event, before the screens: F2, F3 and Ctrl alone. Returns 1 when it used the event. */
int fl_voicing_event(fl_ui *ui, const SDL_Event *e);
/* (draw.c) a text drawn at box; a focus ring's inside; the top bar's title. */
void fl_voicing_text(fl_ui *ui, const char *text, size_t len, const SDL_Rect *box);
void fl_voicing_ring(fl_ui *ui, const SDL_Rect *r);
void fl_voicing_title(fl_ui *ui, const char *title);
/* While drawing, between begin and end: the texts drawn are the screen's content, read once on
 * entry after the title (the briefing, the results' score and verdict). fl_voicing_content
 * adds a text of its own. */
void fl_voicing_content_begin(fl_ui *ui);
void fl_voicing_content_end(fl_ui *ui);
void fl_voicing_content(fl_ui *ui, const char *text);
/* While drawing: what to say for the focused control instead of the texts in its ring (a
 * settings row says its chosen value, a field its label and contents). */
void fl_voicing_label(fl_ui *ui, const char *text);
/* While drawing, between begin and end: the texts drawn are the focused control's label, also
 * what the clip cuts (a card taller than its view). */
void fl_voicing_label_begin(fl_ui *ui);
void fl_voicing_label_end(fl_ui *ui);
/* While drawing: texts drawn between mute and unmute are not heard (a text drawn in pieces,
 * said whole through fl_voicing_text). Nests. */
void fl_voicing_mute(fl_ui *ui, int on);
/* Says text at once (cutting what is being said) and keeps it for F2: for what has no focus,
 * e.g. "10 seconds left". fl_voicing_note says it before the next announcement instead (in the
 * same breath), or alone after the next frame when nothing else is announced. */
void fl_voicing_say(fl_ui *ui, const char *text);
void fl_voicing_note(fl_ui *ui, const char *text);
void fl_voicing_free(fl_ui *ui);

/* ---- the application (app.c) --------------------------------------------------------------- */
void fl_ui_go(fl_ui *ui, fl_screen s);
/* Starts a call on lib[index] (ends, records and frees any call in play). */
int fl_ui_start(fl_ui *ui, int index);
/* Starts the stress round lib[index] (lib[index].round): ends any call or round in play, opens
 * the round's recorder and goes to the conversation screen with the round's tabs. Returns 0,
 * -1 when it cannot start (said on the screen). round_play.c. */
int fl_ui_start_round(fl_ui *ui, int index);
/* Reopens the fonts at the current scale (text size, HiDPI) and clears the cache. */
void fl_ui_fonts(fl_ui *ui);
/* Reloads the scenario in play from disk (F5); lint messages go to the overlay. */
void fl_ui_reload(fl_ui *ui);
/* Re-reads the trainee's best scores from the store. */
void fl_ui_refresh_scores(fl_ui *ui);
/* What the trainee plays with, the workshop's rules applied over their settings (app.c):
 * assessment mode, time limits applied, the extension (0 x1, 1 x1.5, 2 x2) and its factor.
 * Each *_locked says the workshop decides it: the briefing and the settings show it fixed. */
int fl_ui_assessment(const fl_ui *ui);
int fl_ui_mode_locked(const fl_ui *ui);
int fl_ui_timed(const fl_ui *ui);
int fl_ui_timed_locked(const fl_ui *ui);
int fl_ui_extension(const fl_ui *ui);
int fl_ui_extension_locked(const fl_ui *ui);
double fl_ui_factor(const fl_ui *ui);
/* "Not you?": someone else sits down (signin.c). Ends nothing (only offered before a call):
 * frees the per-trainee screens' state, goes to the sign-in with the name field empty and
 * focused; the group stays (a workshop's is fixed). Their profile loads when they continue. */
void fl_ui_switch_trainee(fl_ui *ui);
/* Shows a short message over the screen for a few seconds (app.c draws it). */
void fl_ui_toast(fl_ui *ui, const char *text);
/* Uses the workshop file at path ("" or NULL: none) from now on, as the settings' choice (saved):
 * ends any call, loads it (a problem is said in the window, the bundled library shown), rebuilds
 * the library and goes to the sign-in (the group may change). app.c. */
void fl_ui_use_workshop(fl_ui *ui, const char *path);

/* Applies the sound settings (sounds, voice, volume, self-voicing) to ui->audio at once. */
void fl_ui_apply_levels(fl_ui *ui);

/* ---- scripted runs for the renderer tests (replay.c) ----------------------------------------- */
/* FRONTLINE_REPLAY=FILE plays FILE's steps whenever the window settles, on a clock of its own;
 * FRONTLINE_DUMP=DIR saves each settled frame there. See replay.c for the script. */
typedef struct fl_replay fl_replay;
fl_replay *fl_replay_open(const char *path, const char *dump_dir); /* NULL: said why */
void fl_replay_close(fl_replay *r);
uint64_t fl_replay_clock(const fl_replay *r);
void fl_replay_advance(fl_replay *r, int ms);
/* Whether the event may reach the screens: the display's own input is ignored. */
int fl_replay_accepts(const fl_replay *r, const SDL_Event *e);
/* The window is drawn and still: saves the frame and pushes the next step's events.
 * Returns 1 when a step was played, 0 when the script is over, -1 on an error (said). */
int fl_replay_settled(fl_ui *ui, fl_replay *r);

/* What fl_desktop_run returns besides an exit status of its own (0 done, 1 failed, 2 bad
 * usage): there is no display, and the caller may play in the terminal instead. The desktop
 * knows nothing of the terminal player (game/main.c does the falling back). */
#define FL_DESKTOP_NO_DISPLAY 3

/* What the command line gives the desktop (game/main.c reads it from its option table, which
 * also gives --help and the usage errors): NULL when not given. */
typedef struct {
    const char *scenarios, *db, *workshop, *session;
    const char *open; /* the scenario to open after the sign-in */
} fl_desktop_args;

/* The desktop: runs until the window closes. Returns the exit status, or FL_DESKTOP_NO_DISPLAY
 * when there is no display (said on stderr). */
int fl_desktop_run(const fl_desktop_args *args);

#endif
