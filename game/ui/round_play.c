/*
 * round_play.c - a stress round on the desktop (round_play.h, ui.md "Stress round"): starting
 * it from the library's entry, one call value per customer who arrives, the ticks, the round bar
 * and the tabs above the active call on the conversation screen, the keys that switch calls,
 * and the end (the figures, every recorder closed, the round's results).
 *
 * The core decides everything that depends on time (round.h); this file passes it the round's
 * time (ui->now - t0), asks it what to show, and sleeps until its next thing (fl_round_next_ms)
 * or the next change of a tab (a waited second, the slow flash), whichever comes first.
 *
 * The tabs: one per live call, in order of arrival: the number, the customer's name (shortened
 * when the tab is narrow: the first name, then cut) and what the call needs (new, typing,
 * waiting m:ss). A wait past half its limit flashes the tab at 1 Hz and marks it with "!" (not
 * colour alone). The active tab is in the accent colour with a frame.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "round_play.h"
#include "sound.h"
#include "ui.h"
#include "workshop.h"

enum {
    MARGIN = 16,    /* design px: the bar's and the tabs' side margins */
    TAB_GAP = 8,    /* between tabs */
    TAB_MAX = 280,  /* the widest a tab gets */
    FLASH_MS = 500, /* the flash: on this long, then off as long (1 Hz) */
    ESC_MS = 3000,  /* a second Esc within this long leaves the round */
    SECOND = 1000
};

static int imin(int a, int b)
{
    return a < b ? a : b;
}

int fl_round_play_has(const fl_ui *ui, const fl_call_ui *c)
{
    const fl_round_play *rp = ui->round;
    if (!rp || rp->over || !c)
        return 0;
    for (uint32_t k = 0; k < rp->n_calls; k++)
        if (rp->calls[k] == c)
            return 1;
    return 0;
}

/* The pool path of the scenario a call plays (for the recorder's content hash). */
static const char *scenario_path(const fl_round_play *rp, const fl_session *ss)
{
    const fl_scenario *s = fl_session_engine(ss)->scenario;
    for (uint32_t i = 0; i < rp->pool->n; i++)
        if (rp->pool->items[i] == s)
            return rp->pool->paths[i];
    return s->path ? s->path : "";
}

void fl_round_play_free(fl_round_play *rp)
{
    if (!rp)
        return;
    for (uint32_t k = 0; rp->calls && k < rp->n_calls; k++)
        fl_call_free(rp->calls[k]); /* recorded as it stands */
    free(rp->calls);
    free(rp->viewed);
    fl_round_recorder_free(rp->rec);
    fl_round_free(rp->round);
    free(rp);
}

/* Takes in the customers who arrived since the last look: a call value and a recorder each. */
static int adopt(fl_ui *ui, fl_round_play *rp)
{
    uint32_t n = fl_round_n_calls(rp->round);
    int added = 0;
    for (; rp->n_calls < n; rp->n_calls++) {
        uint32_t k = rp->n_calls + 1;
        fl_call_view v;
        if (fl_round_call(rp->round, k, &v) != 0)
            break;
        fl_recorder *rec =
            rp->rec ? fl_round_recorder_call(rp->rec, v.session, k, scenario_path(rp, v.session))
                    : NULL;
        double factor = fl_ui_timed(ui) ? fl_ui_factor(ui) : 0;
        if (fl_call_new_in_round(&rp->calls[k - 1], rp->round, k, rp->t0, rec, fl_ui_assessment(ui),
                                 factor) != 0)
            break; /* out of memory: tried again at the next tick */
        added = 1;
    }
    return added;
}

/* The live call that has waited longest for the trainee, else the first live one, else 0. */
static uint32_t longest_waiting(const fl_round_play *rp)
{
    uint32_t live[FL_ROUND_MAX_AT_ONCE];
    uint32_t n = fl_round_live(rp->round, live, FL_ROUND_MAX_AT_ONCE);
    uint32_t best = 0;
    uint64_t since = UINT64_MAX;
    for (uint32_t i = 0; i < n; i++) {
        fl_call_view v;
        if (fl_round_call(rp->round, live[i], &v) == 0 && v.phase == FL_CALL_WAITING &&
            v.wait_from_ms < since) {
            since = v.wait_from_ms;
            best = live[i];
        }
    }
    return best ? best : n ? live[0] : 0;
}

/* Shows call `number` (arrived). */
static void activate(fl_ui *ui, fl_round_play *rp, uint32_t number)
{
    if (number < 1 || number > rp->n_calls || !rp->calls[number - 1])
        return;
    if (rp->active != number) {
        /* the call left stops speaking; the new one's line is said at the next tick */
        if (rp->active && rp->calls[rp->active - 1])
            fl_sound_switched(ui, rp->calls[rp->active - 1]);
        rp->active = number;
        ui->dirty = 1;
    }
    rp->viewed[number - 1] = 1;
    ui->call = rp->calls[number - 1];
}

/* The round's time now. */
static uint64_t rnow(const fl_ui *ui, const fl_round_play *rp)
{
    return fl_round_play_now(rp, ui->now);
}

/* The end of the round (over, or the trainee left): every call recorded and closed, the
 * figures, the round's timeline and close, and the round's results. */
static void end_round(fl_ui *ui, fl_round_play *rp, int left)
{
    if (left)
        fl_round_finish(rp->round, rnow(ui, rp));
    adopt(ui, rp);
    for (uint32_t k = 0; k < rp->n_calls; k++) {
        int changed;
        if (!rp->calls[k])
            continue;
        fl_call_tick(rp->calls[k], ui->now, &changed); /* what the round did last */
        fl_call_end(rp->calls[k]);
    }
    memset(&rp->fig, 0, sizeof(rp->fig));
    fl_round_figures_get(rp->round, rp->base.sessions ? &rp->base : NULL, &rp->fig);
    if (rp->rec) {
        size_t n;
        const fl_round_event *ev = fl_round_timeline(rp->round, &n);
        if (fl_round_recorder_timeline(rp->rec, ev, n) == 0)
            fl_round_recorder_close(rp->rec, &rp->fig);
        const char *notice = fl_round_recorder_notice(rp->rec);
        if (notice)
            fprintf(stderr, "frontline: %s\n", notice);
    }
    rp->over = 1;
    rp->esc_at = 0;
    if (rp->active && rp->calls[rp->active - 1])
        ui->call = rp->calls[rp->active - 1];
    fl_sound_leave(ui);
    if (ui->trace)
        fprintf(stderr, "trace: round over %s resolved %u lost %u unfinished %u mean %d\n",
                left ? "left" : "done", rp->fig.resolved, rp->fig.lost, rp->fig.unfinished,
                rp->fig.mean_score);
    fl_ui_go(ui, SCR_ROUND_RESULTS);
}

int fl_ui_start_round(fl_ui *ui, int index)
{
    if (index < 0 || (size_t)index >= ui->n_lib || !ui->lib[index].round)
        return -1;
    fl_entry *e = &ui->lib[index];
    /* whatever was in play ends (recorded as it stands), and its sound with it */
    fl_sound_leave(ui);
    if (ui->round) {
        fl_round_play_free(ui->round);
        ui->round = NULL;
    } else {
        fl_call_free(ui->call);
    }
    ui->call = NULL;
    fl_round_play *rp = calloc(1, sizeof(*rp));
    if (!rp)
        return -1;
    rp->entry = index;
    rp->def = e->round;
    rp->pool = &e->pool;
    static const uint32_t pct[3] = {100, 150, 200};
    fl_round_opts ro = {.time_pct = fl_ui_timed(ui) ? pct[fl_ui_extension(ui)] : 0,
                        .hold_lines = 1};
    if (fl_round_new(&rp->round, rp->def, (const fl_scenario *const *)rp->pool->items, rp->pool->n,
                     &ro) != 0 ||
        !(rp->calls = calloc(rp->def->customers, sizeof(*rp->calls))) ||
        !(rp->viewed = calloc(rp->def->customers, 1))) {
        fl_round_play_free(rp);
        return -1;
    }
    fl_round_recorder_opts rro = {
        .db_path = ui->db_path,
        .round_path = e->path,
        .trainee = ui->set.trainee,
        .group = ui->set.group,
        .workshop = ui->workshop ? ui->workshop->id : NULL,
        .day_session = ui->day_session,
        .mode = fl_ui_assessment(ui) ? "assessment" : "practice",
        .player = "desktop",
        .time_factor = ro.time_pct / 100.0,
        .lang = ui->set.lang ? "ru" : "en",
        .def = rp->def,
        .seed = fl_round_seed(rp->round),
    };
    rp->rec = fl_round_recorder_open(&rro);
    if (rp->rec) {
        const char *notice = fl_round_recorder_notice(rp->rec);
        if (notice)
            fprintf(stderr, "frontline: %s\n", notice);
        fl_round_recorder_baseline(rp->rec, &rp->base);
    }
    rp->t0 = ui->now;
    adopt(ui, rp);
    if (!rp->n_calls) {
        fl_round_play_free(rp);
        return -1;
    }
    ui->round = rp;
    ui->current = index;
    ui->review_turn = 1;
    activate(ui, rp, 1);
    fl_ui_go(ui, SCR_CONVERSATION);
    return 0;
}

/* ---- the tabs' contents ------------------------------------------------------------------- */

typedef enum { NEED_NEW, NEED_TYPING, NEED_WAITING, NEED_SPEAKING } need;

typedef struct {
    uint32_t number;
    need what;
    uint64_t waited; /* ms, waiting */
    int late;        /* waiting past half the limit: "!" and the flash */
    int flash_on;    /* the flash's bright half now */
} tab_state;

static tab_state tab_of(const fl_round_play *rp, uint32_t number, uint64_t now)
{
    tab_state t = {.number = number};
    fl_call_view v;
    if (fl_round_call(rp->round, number, &v) != 0)
        return t;
    size_t turns;
    fl_session_turns(v.session, &turns);
    if (v.phase == FL_CALL_WAITING) {
        t.what = NEED_WAITING;
        t.waited = now > v.wait_from_ms ? now - v.wait_from_ms : 0;
        uint64_t half = v.limit_ms / 2;
        if (v.limit_ms && t.waited >= half) {
            t.late = 1;
            t.flash_on = ((t.waited - half) / FLASH_MS) % 2 == 0;
        }
    } else if (v.phase == FL_CALL_PRESENTING && rp->viewed[number - 1]) {
        t.what = NEED_SPEAKING; /* the active call's customer is saying the line */
    } else {
        t.what = turns == 0 && !rp->viewed[number - 1] ? NEED_NEW : NEED_TYPING;
    }
    return t;
}

/* The ms until tab t shows something else (a second waited, the flash), -1 never. */
static int64_t tab_next_change(const fl_round_play *rp, uint32_t number, uint64_t now)
{
    fl_call_view v;
    if (fl_round_call(rp->round, number, &v) != 0 || v.phase != FL_CALL_WAITING)
        return -1;
    uint64_t waited = now > v.wait_from_ms ? now - v.wait_from_ms : 0;
    int64_t next = SECOND - (int64_t)(waited % SECOND);
    uint64_t half = v.limit_ms / 2;
    if (v.limit_ms) {
        int64_t f = waited < half ? (int64_t)(half - waited)
                                  : FLASH_MS - (int64_t)((waited - half) % FLASH_MS);
        if (f < next)
            next = f;
    }
    return next;
}

/* The waiting count for the bar: live calls waiting for the trainee. */
static uint32_t waiting_count(const fl_round_play *rp)
{
    uint32_t live[FL_ROUND_MAX_AT_ONCE], n = fl_round_live(rp->round, live, FL_ROUND_MAX_AT_ONCE);
    uint32_t w = 0;
    for (uint32_t i = 0; i < n; i++) {
        fl_call_view v;
        if (fl_round_call(rp->round, live[i], &v) == 0 && v.phase == FL_CALL_WAITING)
            w++;
    }
    return w;
}

/* Counts the calls lost and resolved from the timeline's new END events. */
static void count_ends(fl_round_play *rp)
{
    size_t n;
    const fl_round_event *ev = fl_round_timeline(rp->round, &n);
    for (; rp->counted < n; rp->counted++) {
        const fl_round_event *e = &ev[rp->counted];
        if (e->kind != FL_RE_END)
            continue;
        if (e->outcome == FL_OUTCOME_LOST)
            rp->lost++;
        else if (e->outcome == FL_OUTCOME_RESOLVED)
            rp->resolved++;
    }
}

/* A digest of what the bar and the tabs show now: a change means a frame. */
static uint64_t shown_digest(const fl_round_play *rp, uint64_t now)
{
    uint64_t h = 1469598103934665603ull;
#define MIX(v)                                                                                     \
    do {                                                                                           \
        h ^= (uint64_t)(v);                                                                        \
        h *= 1099511628211ull;                                                                     \
    } while (0)
    uint32_t live[FL_ROUND_MAX_AT_ONCE], n = fl_round_live(rp->round, live, FL_ROUND_MAX_AT_ONCE);
    MIX(n);
    MIX(rp->active);
    MIX(rp->lost);
    MIX(rp->resolved);
    MIX(fl_round_level_now(rp->round));
    MIX(rp->esc_at != 0);
    for (uint32_t i = 0; i < n; i++) {
        tab_state t = tab_of(rp, live[i], now);
        MIX(t.number);
        MIX(t.what);
        MIX(t.waited / SECOND);
        MIX(t.late);
        MIX(t.flash_on);
    }
#undef MIX
    return h;
}

int fl_round_play_tick(fl_ui *ui, fl_round_play *rp)
{
    if (!rp || rp->over)
        return -1;
    uint64_t now = rnow(ui, rp);
    if (fl_round_tick(rp->round, now) > 0)
        ui->dirty = 1;
    if (adopt(ui, rp))
        ui->dirty = 1;
    count_ends(rp);
    int wait = -1;
    for (uint32_t k = 0; k < rp->n_calls; k++) {
        int changed = 0;
        fl_call_ui *c = rp->calls[k];
        if (!c)
            continue;
        int w = fl_call_tick(c, ui->now, &changed);
        if (k + 1 == rp->active) {
            if (changed)
                ui->dirty = 1;
            if (w >= 0 && (wait < 0 || w < wait))
                wait = w;
        }
    }
    /* while the trainee reads a reply aloud the active call stays on screen, and the round's
     * end (the last call ended) waits for it too */
    int aloud = rp->active && rp->calls[rp->active - 1] && rp->calls[rp->active - 1]->aloud.active;
    if (fl_round_over(rp->round) && !aloud) {
        end_round(ui, rp, 0);
        return -1;
    }
    /* the active call ended: the one that has waited longest takes its place */
    fl_call_view v;
    if (!aloud && (!rp->active ||
                   (fl_round_call(rp->round, rp->active, &v) == 0 && v.phase == FL_CALL_ENDED))) {
        uint32_t next = longest_waiting(rp);
        if (next)
            activate(ui, rp, next);
    }
    if (rp->esc_at) {
        if (ui->now - rp->esc_at >= ESC_MS) {
            rp->esc_at = 0;
            ui->dirty = 1;
        } else {
            int w = (int)(ESC_MS - (ui->now - rp->esc_at));
            if (wait < 0 || w < wait)
                wait = w;
        }
    }
    uint64_t d = shown_digest(rp, now);
    if (d != rp->shown) {
        rp->shown = d;
        ui->dirty = 1;
    }
    /* sleep until the round's next thing or a tab's next change */
    uint64_t due = fl_round_next_ms(rp->round);
    if (due != UINT64_MAX) {
        uint64_t w = due > now ? due - now : 0;
        if (w > 1u << 30)
            w = 1u << 30;
        if (wait < 0 || (int)w < wait)
            wait = (int)w;
    }
    uint32_t live[FL_ROUND_MAX_AT_ONCE], n = fl_round_live(rp->round, live, FL_ROUND_MAX_AT_ONCE);
    for (uint32_t i = 0; i < n; i++) {
        int64_t w = tab_next_change(rp, live[i], now);
        if (w >= 0 && (wait < 0 || w < wait))
            wait = (int)w;
    }
    return wait;
}

/* ---- layout and drawing ------------------------------------------------------------------- */

static void bar_title(const fl_ui *ui, const fl_round_play *rp, char *buf, size_t n)
{
    uint32_t lv = fl_round_level_now(rp->round);
    const fl_round_def *d = rp->def;
    uint32_t pct = 0;
    if (fl_ui_timed(ui)) {
        static const uint32_t p[3] = {100, 150, 200};
        pct = p[fl_ui_extension(ui)];
    }
    if (pct && lv < d->n_levels)
        snprintf(buf, n, T(ui, FL_W_RP_BAR), d->title, lv + 1, d->n_levels,
                 (unsigned)(((uint64_t)d->levels[lv].limit_ms * pct / 100 + 999) / 1000));
    else
        snprintf(buf, n, T(ui, FL_W_RP_BAR_UNTIMED), d->title, lv + 1, d->n_levels);
}

static void bar_counts(const fl_ui *ui, const fl_round_play *rp, char *buf, size_t n)
{
    snprintf(buf, n, T(ui, FL_W_RP_COUNTS), waiting_count(rp), rp->lost, rp->resolved);
}

static const char *leave_word(const fl_ui *ui, const fl_round_play *rp)
{
    return T(ui, rp->esc_at ? FL_W_RP_LEAVE_AGAIN : FL_W_RP_LEAVE);
}

static int hint_width(fl_ui *ui, const char *key, const char *label)
{
    return fl_width(ui, F_BOLD, key) + 3 * S(ui, 6) + fl_width(ui, F_BODY, label);
}

int fl_round_play_layout(fl_ui *ui, fl_round_play *rp)
{
    int pad = S(ui, MARGIN), lh = fl_line_height(ui, F_BOLD);
    char title[512], counts[256];
    bar_title(ui, rp, title, sizeof(title));
    bar_counts(ui, rp, counts, sizeof(counts));
    int counts_w = fl_width(ui, F_BODY, counts);
    int gap = S(ui, 24);
    /* one line: the Esc hint, the counts, the title in what is left (cut, or left out when
     * too little is left: the briefing said it). The Esc hint's words go before the counts
     * move to a line of their own; "Esc again" is always said in words. */
    rp->esc_words = 1;
    int hint_w = hint_width(ui, "Esc", leave_word(ui, rp));
    if (!rp->esc_at && pad + counts_w + gap + hint_w + pad > ui->w) {
        rp->esc_words = 0;
        hint_w = fl_width(ui, F_BOLD, "Esc") + 2 * S(ui, 6);
    }
    int hx = ui->w - pad - hint_w;
    rp->counts_line = pad + counts_w + gap > hx;
    rp->title_w = hx - gap - (rp->counts_line ? 0 : counts_w + gap) - pad;
    if (rp->title_w < S(ui, 80))
        rp->title_w = 0;
    rp->bar_h = lh + S(ui, 10) + (rp->counts_line ? fl_line_height(ui, F_BODY) + S(ui, 4) : 0);

    /* the tabs: as many as live calls, in order of arrival, all one width; on one line each
     * (number, name, what it needs) when two would take too much of a short window */
    uint32_t live[FL_ROUND_MAX_AT_ONCE];
    uint32_t n = rp->over ? 0 : fl_round_live(rp->round, live, FL_ROUND_MAX_AT_ONCE);
    int two = lh + fl_line_height(ui, F_SMALL) + S(ui, 12);
    rp->tabs_one_line = rp->bar_h + two + S(ui, 8) > ui->h / 4;
    int tab_h = rp->tabs_one_line ? lh + S(ui, 8) : two;
    rp->tabs = (SDL_Rect){0, rp->bar_h, ui->w, tab_h + S(ui, 8)};
    rp->n_tabs = (int)n;
    int tgap = S(ui, TAB_GAP), aw = ui->w - 2 * pad;
    int tw = n ? imin(S(ui, TAB_MAX), (aw - (int)(n - 1) * tgap) / (int)n) : 0;
    for (uint32_t i = 0; i < n; i++) {
        rp->tab[i] = (SDL_Rect){pad + (int)i * (tw + tgap), rp->bar_h, tw, tab_h};
        rp->tab_call[i] = live[i];
    }
    return rp->bar_h + rp->tabs.h;
}

/* The customer's name for a tab of width w: whole, else the first name, else cut. */
static void tab_name(fl_ui *ui, const char *name, int w, char *out, size_t n)
{
    snprintf(out, n, "%s", name);
    if (fl_width(ui, F_BODY, out) <= w)
        return;
    size_t sp = strcspn(name, " ");
    if (sp < n)
        out[sp] = '\0';
}

void fl_round_play_draw(fl_ui *ui, const fl_round_play *rp)
{
    int pad = S(ui, MARGIN), lh = fl_line_height(ui, F_BOLD);
    uint64_t now = rnow(ui, rp);
    char title[512], counts[256];
    bar_title(ui, rp, title, sizeof(title));
    bar_counts(ui, rp, counts, sizeof(counts));
    int top = rp->bar_h + rp->tabs.h;
    fl_fill(ui, 0, 0, ui->w, top, fl_colors[C_PANEL]);
    fl_fill(ui, 0, top - 1, ui->w, 1, fl_colors[C_LINE]);
    SDL_Rect bar = {0, 0, ui->w, rp->bar_h};
    fl_trace_region(ui, "round-bar", &bar);
    int y = S(ui, 5);
    /* Esc at the right, highlighted while it says "again" */
    const char *leave = leave_word(ui, rp);
    int hx =
        ui->w - pad -
        (rp->esc_words ? hint_width(ui, "Esc", leave) : fl_width(ui, F_BOLD, "Esc") + 2 * S(ui, 6));
    if (rp->esc_at)
        fl_round_rect(ui, hx - S(ui, 8), y - S(ui, 4), ui->w - hx - S(ui, 8), lh + S(ui, 8),
                      S(ui, 6), fl_colors[C_CUSTOMER]);
    fl_trace_kind(ui, "hint");
    fl_key_hint(ui, hx, y, "Esc", rp->esc_words ? leave : "");
    if (rp->title_w > 0) {
        fl_trace_kind(ui, "round-title");
        fl_text_cut(ui, F_BOLD, fl_colors[C_TEXT], pad, y, rp->title_w, title);
    }
    fl_trace_kind(ui, "round-counts");
    if (rp->counts_line) {
        fl_text_cut(ui, F_BODY, fl_colors[C_TEXT], pad, y + lh + S(ui, 4), ui->w - 2 * pad, counts);
    } else {
        int cw = fl_width(ui, F_BODY, counts);
        fl_text(ui, F_BODY, fl_colors[C_TEXT], hx - S(ui, 24) - cw, y, counts);
    }
    if (ui->trace_layout)
        fprintf(stderr, "trace: round level %u waiting %u lost %u resolved %u live %d active %u\n",
                fl_round_level_now(rp->round) + 1, waiting_count(rp), rp->lost, rp->resolved,
                rp->n_tabs, rp->active);

    /* the tabs */
    for (int i = 0; i < rp->n_tabs; i++) {
        SDL_Rect r = rp->tab[i];
        uint32_t k = rp->tab_call[i];
        tab_state t = tab_of(rp, k, now);
        int active = k == rp->active;
        int flash = t.late && t.flash_on;
        SDL_Color bg = fl_colors[flash ? C_WARN : active ? C_ACCENT : C_CUSTOMER];
        SDL_Color ink = fl_colors[flash || active ? C_ON_ACCENT : C_TEXT];
        SDL_Color sub = fl_colors[flash || active ? C_ON_ACCENT : C_MUTED];
        fl_round_rect(ui, r.x, r.y, r.w, r.h, S(ui, 6), bg);
        if (active) /* the active tab: a frame as well as the colour (a flash hides the colour) */
            fl_frame(ui, r.x, r.y, r.w, r.h, S(ui, 3), fl_colors[C_TEXT]);
        char name[32];
        snprintf(name, sizeof(name), "tab%u", k);
        fl_trace_region(ui, name, &r);
        if (ui->trace_layout)
            fprintf(stderr,
                    "trace: tab %d call %u active %d need %s waited %llu late %d flash %d\n", i + 1,
                    k, active,
                    t.what == NEED_WAITING    ? "waiting"
                    : t.what == NEED_TYPING   ? "typing"
                    : t.what == NEED_SPEAKING ? "speaking"
                                              : "new",
                    (unsigned long long)t.waited, t.late, flash);
        int ip = S(ui, 10), iw = r.w - 2 * ip;
        int x = r.x + ip, ly = r.y + (rp->tabs_one_line ? S(ui, 4) : S(ui, 6));
        SDL_Rect clip = {r.x + S(ui, 3), r.y, r.w - S(ui, 6), r.h};
        SDL_RenderSetClipRect(ui->ren, &clip);
        /* what the call needs; "!" once the wait is past half its limit */
        char st[128];
        if (t.what == NEED_WAITING) {
            unsigned sec = (unsigned)(t.waited / SECOND);
            char full[96];
            snprintf(full, sizeof(full), T(ui, FL_W_RP_TAB_WAITING), sec / 60, sec % 60);
            snprintf(st, sizeof(st), "%s%s", t.late ? "! " : "", full);
        } else {
            snprintf(st, sizeof(st), "%s",
                     T(ui, t.what == NEED_NEW        ? FL_W_RP_TAB_NEW
                           : t.what == NEED_SPEAKING ? FL_W_RP_TAB_SPEAKING
                                                     : FL_W_RP_TAB_TYPING));
        }
        char num[16];
        snprintf(num, sizeof(num), "%u", k);
        int nw = fl_width(ui, F_BOLD, num);
        int st_room = rp->tabs_one_line ? iw - nw - S(ui, 8) : iw;
        if (t.what == NEED_WAITING && fl_width(ui, F_SMALL, st) > st_room) {
            /* narrow: the time alone */
            unsigned sec = (unsigned)(t.waited / SECOND);
            snprintf(st, sizeof(st), "%s%u:%02u", t.late ? "! " : "", sec / 60, sec % 60);
        }
        int sw = imin(fl_width(ui, F_SMALL, st), st_room);
        /* the number, then the name in what is left (the first name when the whole one does
         * not fit, cut when even that does not) */
        fl_trace_kind(ui, "tab-number");
        fl_text(ui, F_BOLD, ink, x, ly, num);
        int room = iw - nw - S(ui, 8) - (rp->tabs_one_line ? sw + S(ui, 8) : 0);
        const fl_scenario *s = fl_session_engine(rp->calls[k - 1]->ss)->scenario;
        if (room > S(ui, 24)) {
            char shown[256];
            tab_name(ui, s->customer_name, room, shown, sizeof(shown));
            fl_trace_kind(ui, "tab-name");
            fl_text_cut(ui, F_BODY, ink, x + nw + S(ui, 8),
                        ly + (lh - fl_line_height(ui, F_BODY)) / 2, room, shown);
        }
        fl_trace_kind(ui, t.late ? "tab-status-late" : "tab-status");
        SDL_Color sc = t.late && !flash && !active ? fl_colors[C_BAD] : sub;
        if (rp->tabs_one_line)
            fl_text_cut(ui, F_SMALL, sc, x + iw - sw, ly + (lh - fl_line_height(ui, F_SMALL)) / 2,
                        st_room, st);
        else
            fl_text_cut(ui, F_SMALL, sc, x, ly + lh, iw, st);
        SDL_RenderSetClipRect(ui->ren, NULL);
    }
    fl_trace_kind(ui, NULL);
}

/* ---- keys and clicks ---------------------------------------------------------------------- */

/* Switches to the tab at position pos (0-based); returns 1 when there is one. */
static int switch_to(fl_ui *ui, fl_round_play *rp, int pos)
{
    if (pos < 0 || pos >= rp->n_tabs)
        return 0;
    activate(ui, rp, rp->tab_call[pos]);
    ui->dirty = 1;
    return 1;
}

static int active_pos(const fl_round_play *rp)
{
    for (int i = 0; i < rp->n_tabs; i++)
        if (rp->tab_call[i] == rp->active)
            return i;
    return -1;
}

int fl_round_play_event(fl_ui *ui, fl_round_play *rp, const SDL_Event *e)
{
    if (!rp || rp->over)
        return 0;
    fl_round_play_layout(ui, rp);
    if (e->type == SDL_MOUSEBUTTONDOWN && e->button.button == SDL_BUTTON_LEFT) {
        int x = (int)((float)e->button.x * ui->dpi), y = (int)((float)e->button.y * ui->dpi);
        for (int i = 0; i < rp->n_tabs; i++)
            if (fl_inside(&rp->tab[i], x, y))
                return switch_to(ui, rp, i), 1;
        SDL_Rect top = {0, 0, ui->w, rp->bar_h + rp->tabs.h};
        return fl_inside(&top, x, y);
    }
    if (e->type != SDL_KEYDOWN)
        return 0;
    SDL_Keycode k = e->key.keysym.sym;
    SDL_Keymod mod = (SDL_Keymod)e->key.keysym.mod;
    if (k == SDLK_ESCAPE) {
        /* twice within 3 s leaves the round: one stray Esc never ends it */
        if (rp->esc_at && ui->now - rp->esc_at < ESC_MS)
            end_round(ui, rp, 1);
        else
            rp->esc_at = ui->now ? ui->now : 1;
        ui->dirty = 1;
        return 1;
    }
    if (rp->esc_at) {
        rp->esc_at = 0;
        ui->dirty = 1;
    }
    if ((mod & KMOD_CTRL) && k >= SDLK_1 && k <= SDLK_9) {
        switch_to(ui, rp, (int)(k - SDLK_1));
        return 1;
    }
    if ((mod & KMOD_CTRL) && k >= SDLK_KP_1 && k <= SDLK_KP_9) {
        switch_to(ui, rp, (int)(k - SDLK_KP_1));
        return 1;
    }
    if (k == SDLK_TAB && rp->n_tabs) {
        int p = active_pos(rp);
        int step = (mod & KMOD_SHIFT) ? rp->n_tabs - 1 : 1;
        switch_to(ui, rp, p < 0 ? 0 : (p + step) % rp->n_tabs);
        return 1;
    }
    return 0;
}
