/*
 * round_play.h - a stress round on the desktop: the core's round (game/core/round.h) and one
 * call value (call.h) per customer who arrived, the active one shown on the conversation screen
 * under the round's bar and tabs (ui.md "Stress round"), and the round's recorder.
 *
 * The conversation screen draws ui->call as ever; in a round, ui->call is rp->calls[active - 1]
 * and the screen adds the round bar (title, level and its limit, waiting/lost/resolved counts)
 * and a tab per live call (number, name, what it needs; a slow flash once a wait passes half its
 * limit). Ctrl+1..5, Tab and the mouse switch calls; the reply keys act on the active call only.
 * When the round is over (or the trainee leaves it) the round's results screen
 * (round_results.c) shows every call, the timeline and the figures; any call can be reviewed.
 */
#ifndef FL_ROUND_PLAY_H
#define FL_ROUND_PLAY_H

#include <stdint.h>

#include "call.h"
#include "content.h"
#include "recorder.h"
#include "round.h"

typedef struct fl_round_play {
    int entry;                 /* index into ui->lib of the round file played */
    const fl_round_def *def;   /* the entry's (not owned) */
    const fl_round_pool *pool; /* the entry's (not owned) */
    fl_round *round;           /* owned: the round in play */
    fl_round_recorder *rec;    /* owned; NULL with no store */
    fl_call_ui **calls;        /* [number - 1], def->customers of them, NULL until arrived;
                                  owned */
    uint32_t n_calls;          /* calls that have arrived (== fl_round_n_calls) */
    uint32_t active;           /* the call shown, 0 none yet */
    uint64_t t0;               /* ui->now at the round's time 0 */
    int over;                  /* the round is over or the trainee left it */
    fl_round_baseline base;    /* the trainee's untimed average, read at the start */
    fl_round_figures fig;      /* the figures, filled when the round is over */

    /* the round in play's own (round_play.c): nothing the results need */
    uint64_t esc_at;         /* Esc was pressed once then (ui time), 0 none */
    uint8_t *viewed;         /* [number - 1]: the call has been the active one */
    size_t counted;          /* timeline events counted into lost and resolved */
    uint32_t lost, resolved; /* calls ended so, for the round bar */
    uint64_t shown;          /* what the bar and the tabs showed at the last tick */
    float ambience;          /* the office ambience last set (sound.c) */
    /* the round bar and the tabs as laid out last (drawable pixels) */
    int bar_h, title_w, counts_line; /* counts_line: the counts on a line of their own */
    int esc_words;                   /* the Esc hint says what it does (else the key alone) */
    int tabs_one_line;               /* short window or large text: each tab on one line */
    SDL_Rect tabs;                   /* the row of tabs */
    int n_tabs;
    SDL_Rect tab[FL_ROUND_MAX_AT_ONCE];
    uint32_t tab_call[FL_ROUND_MAX_AT_ONCE]; /* each tab's call number */
} fl_round_play;

struct fl_ui;

/* The round in play (round_play.c). Each returns quietly when the round is over. */
/* Ticks the round to ui->now: new arrivals get their call (and recorder), every call takes what
 * the round did to it, the active call moves on when it ended, and the round ends (results)
 * when it is over. Returns the ms until the next frame is needed, -1 when nothing moves. */
int fl_round_play_tick(struct fl_ui *ui, fl_round_play *rp);
/* Lays out the round bar and the tabs at the top of the window; returns their height. */
int fl_round_play_layout(struct fl_ui *ui, fl_round_play *rp);
/* Draws them (reads rp, changes nothing). */
void fl_round_play_draw(struct fl_ui *ui, const fl_round_play *rp);
/* The round's keys and clicks: Ctrl+1..5, Tab, Shift+Tab, a click on a tab, Esc. Returns 1 when
 * the event was the round's, 0 when it is the active call's. */
int fl_round_play_event(struct fl_ui *ui, fl_round_play *rp, const SDL_Event *e);
/* Frees the round, its calls and its recorder (recording what is left). NULL: nothing. */
void fl_round_play_free(fl_round_play *rp);
/* Whether call c is a call of the round in play (not over). */
int fl_round_play_has(const struct fl_ui *ui, const fl_call_ui *c);

/* The round's time now: ui_now - t0. */
static inline uint64_t fl_round_play_now(const fl_round_play *rp, uint64_t ui_now)
{
    return ui_now > rp->t0 ? ui_now - rp->t0 : 0;
}

#endif
