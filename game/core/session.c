/*
 * session.c - one conversation with its transcript; see session.h.
 */
#include "alloc.h"
#include "session.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "hmap.h"
#include "route.h"
#include "vec.h"

struct fl_session {
    fl_engine eng;
    fl_lexicon *lexicon;
    int own_lexicon;
    fl_state *state; /* the current state */
    char *snapshots; /* the state before each turn, for undo: state_size bytes each */
    fl_turn *turns;
    uint64_t *typed_ids; /* per turn: identity of the typed text, 0 when not typed */
    size_t *event_marks; /* per turn: events before it */
    size_t n_turns, cap_turns, cap_ids, cap_marks, cap_snapshots; /* in turns */
    fl_event *events;
    size_t n_events, cap_events;
    int oom;
};

static void on_event(void *payload, const fl_event *ev)
{
    fl_session *ss = payload;
    if (FL_GROW(ss->events, ss->cap_events, ss->n_events + 1)) {
        ss->oom = 1;
        return;
    }
    ss->events[ss->n_events++] = *ev;
}

int fl_session_new(fl_session **out, const fl_scenario *s, const fl_session_opts *opts)
{
    *out = NULL;
    fl_session *ss = fl_calloc(1, sizeof(*ss));
    if (!ss)
        return -1;
    if (fl_engine_init(&ss->eng, s, opts ? opts->timed : 0) < 0) {
        free(ss);
        return -1;
    }
    if (opts && opts->timed && opts->limit_ms) {
        ss->eng.limit_ms = opts->limit_ms;
        ss->eng.timed = 1;
    }
    ss->lexicon = opts ? opts->lexicon : NULL;
    ss->state = fl_malloc(ss->eng.state_size);
    if (!ss->state) {
        fl_session_free(ss);
        return -1;
    }
    fl_engine_start(&ss->eng, ss->state);
    *out = ss;
    return 0;
}

void fl_session_free(fl_session *ss)
{
    if (!ss)
        return;
    for (size_t i = 0; i < ss->n_turns; i++) {
        free(ss->turns[i].typed);
        free(ss->turns[i].triggers);
    }
    free(ss->turns);
    free(ss->typed_ids);
    free(ss->event_marks);
    free(ss->snapshots);
    free(ss->events);
    free(ss->state);
    if (ss->own_lexicon)
        fl_lexicon_free(ss->lexicon);
    fl_engine_fini(&ss->eng);
    free(ss);
}

const fl_engine *fl_session_engine(const fl_session *ss)
{
    return &ss->eng;
}

const fl_state *fl_session_state(const fl_session *ss)
{
    return ss->state;
}

const fl_node *fl_session_node(const fl_session *ss)
{
    return &ss->eng.scenario->nodes[ss->state->node];
}

const fl_line *fl_session_line(const fl_session *ss)
{
    assert(ss->state->line < 0 || (uint32_t)ss->state->line < fl_session_node(ss)->n_lines);
    return ss->state->line >= 0 ? &fl_session_node(ss)->lines[ss->state->line] : NULL;
}

int fl_session_ended(const fl_session *ss)
{
    return ss->state->ended;
}

uint32_t fl_session_limit_ms(const fl_session *ss)
{
    return fl_engine_limit_ms(&ss->eng, ss->state);
}

uint32_t fl_session_offered(const fl_session *ss, uint32_t *idx, uint32_t max)
{
    const fl_node *nd = fl_session_node(ss);
    uint32_t n = 0;
    if (ss->state->ended || nd->free_text)
        return 0;
    for (uint32_t i = 0; i < nd->n_replies && n < max; i++)
        if (fl_engine_offered(&ss->eng, ss->state, i))
            idx[n++] = i;
    return n;
}

/* Makes room for one more turn and remembers the state before it. The per-turn arrays grow
 * one by one, each with its own capacity, so a failure part way leaves every one consistent. */
static int reserve(fl_session *ss)
{
    size_t need = ss->n_turns + 1;
    if (FL_GROW(ss->turns, ss->cap_turns, need) || FL_GROW(ss->typed_ids, ss->cap_ids, need) ||
        FL_GROW(ss->event_marks, ss->cap_marks, need) ||
        fl_grow(&ss->snapshots, &ss->cap_snapshots, need, ss->eng.state_size))
        return -2;
    return 0;
}

/* Plays one act; takes typed and triggers (malloc'd or NULL) in every case. */
static int act(fl_session *ss, const fl_act *a, char *typed, char *triggers, uint64_t typed_id,
               uint32_t detected)
{
    /* a reply that is not offered (or does not exist) is refused before the turn reads it */
    if (a->kind == FL_ACT_REPLY && !fl_engine_offered(&ss->eng, ss->state, a->reply)) {
        free(typed);
        free(triggers);
        return -1;
    }
    if (reserve(ss) < 0) {
        free(typed);
        free(triggers);
        return -2;
    }
    size_t k = ss->n_turns;
    /* every act that happened is a turn, and undo takes both back: the two counts move together */
    assert(k < ss->cap_turns && k < ss->cap_snapshots && ss->state->turn == k);
    const fl_state *st = ss->state;
    memcpy(ss->snapshots + k * ss->eng.state_size, st, ss->eng.state_size);
    fl_turn *t = &ss->turns[k];
    *t = (fl_turn){.turn = (uint32_t)k + 1,
                   .node = st->node,
                   .line = st->line,
                   .reply = a->kind == FL_ACT_REPLY ? (int32_t)a->reply : -1,
                   .hung_up = a->kind == FL_ACT_HANGUP,
                   .typed = typed,
                   .detected = detected,
                   .triggers = triggers};
    ss->event_marks[k] = ss->n_events;
    uint32_t limit = fl_engine_limit_ms(&ss->eng, st);
    if (a->kind == FL_ACT_TIMEOUT)
        t->took_ms = limit;
    else if (a->kind == FL_ACT_HANGUP)
        t->took_ms = a->took_ms;
    else /* as the engine counts it (fl_engine_step) */
        t->took_ms =
            limit && a->took_ms > limit && fl_session_node(ss)->timeout >= 0 ? limit : a->took_ms;
    t->signals =
        a->kind != FL_ACT_REPLY ? 0 : fl_session_node(ss)->replies[a->reply].signals | a->signals;
    fl_step_log log = {on_event, ss};
    ss->oom = 0;
    if (fl_engine_step(&ss->eng, ss->state, a, &log) < 0) {
        free(typed);
        free(triggers);
        ss->n_events = ss->event_marks[k];
        return -1;
    }
    if (ss->oom) { /* undo the half-recorded step */
        memcpy(ss->state, ss->snapshots + k * ss->eng.state_size, ss->eng.state_size);
        ss->n_events = ss->event_marks[k];
        free(typed);
        free(triggers);
        return -2;
    }
    const int32_t *env = fl_state_cenv(&ss->eng, ss->state);
    t->mood = env[FL_SLOT_MOOD];
    t->patience = env[FL_SLOT_PATIENCE];
    t->trust = env[FL_SLOT_TRUST];
    t->goodwill = env[FL_SLOT_GOODWILL];
    t->elapsed_ms = ss->state->elapsed_ms;
    ss->typed_ids[k] = typed_id;
    ss->n_turns++;
    return 0;
}

int fl_session_choose(fl_session *ss, uint32_t reply, uint32_t took_ms)
{
    if (ss->state->ended || fl_session_node(ss)->free_text)
        return -1;
    fl_act a = {FL_ACT_REPLY, reply, 0, took_ms, 0, 0};
    return act(ss, &a, NULL, NULL, 0, 0);
}

int fl_session_route(fl_session *ss, uint32_t reply, uint32_t took_ms)
{
    if (ss->state->ended || !fl_session_node(ss)->free_text)
        return -1;
    fl_act a = {FL_ACT_REPLY, reply, 0, took_ms, 0, 0};
    return act(ss, &a, NULL, NULL, 0, 0);
}

int fl_session_type(fl_session *ss, const char *text, size_t len, uint32_t took_ms)
{
    const fl_node *nd = fl_session_node(ss);
    if (ss->state->ended || !nd->free_text)
        return -1;
    if (!ss->lexicon) {
        char err[160];
        int rc = fl_lexicon_builtin(&ss->lexicon, ss->eng.scenario->lang, err, sizeof(err));
        if (rc < 0)
            return rc == -2 ? -2 : -1;
        ss->own_lexicon = 1;
    }
    fl_words w = {0};
    if (fl_lexicon_words(ss->lexicon, text, len, &w) < 0) {
        fl_words_free(&w);
        return -2;
    }
    /* The first route whose condition holds and one of whose alternatives matches (route.h);
     * else the fallback. */
    int32_t chosen = -1, fallback = -1;
    for (uint32_t i = 0; i < nd->n_replies && chosen < 0; i++) {
        const fl_reply *r = &nd->replies[i];
        if (!fl_engine_offered(&ss->eng, ss->state, i))
            continue;
        if (r->kind == FL_REPLY_FALLBACK) {
            if (fallback < 0)
                fallback = (int32_t)i;
            continue;
        }
        int m = fl_route_matches(ss->lexicon, r, &w);
        if (m < 0) {
            fl_words_free(&w);
            return -2;
        }
        if (m)
            chosen = (int32_t)i;
    }
    if (chosen < 0)
        chosen = fallback;
    if (chosen < 0) {
        fl_words_free(&w);
        return -1;
    }
    /* The signals and the words that carried them; naming one of the scenario's offers is an
     * upsell, whatever the lexicon says. */
    const fl_scenario *s = ss->eng.scenario;
    fl_explanation ex = {0};
    if (fl_lexicon_explain_words(ss->lexicon, &w, s->offers, s->n_offers, &ex) < 0) {
        fl_explanation_free(&ex);
        fl_words_free(&w);
        return -2;
    }
    uint32_t detected = ex.signals;
    char *triggers = fl_explanation_format(&ex, text);
    fl_explanation_free(&ex);
    /* The identity of the text: its words' stems, so "Sorry!" and "sorry" are the same reply. */
    uint64_t id = fl_hash(w.stems, w.n * sizeof(*w.stems)); /* never 0 ("not typed") */
    fl_words_free(&w);
    int repeated = 0;
    for (size_t i = 0; i < ss->n_turns && !repeated; i++)
        repeated = ss->typed_ids[i] == id;
    char *copy = fl_malloc(len + 1);
    if (!copy || !triggers) {
        free(copy);
        free(triggers);
        return -2;
    }
    memcpy(copy, text, len);
    copy[len] = '\0';
    fl_act a = {FL_ACT_REPLY, (uint32_t)chosen, detected, took_ms, 1, repeated};
    return act(ss, &a, copy, triggers, id, detected);
}

int fl_session_timeout(fl_session *ss)
{
    fl_act a = {FL_ACT_TIMEOUT, 0, 0, 0, 0, 0};
    return act(ss, &a, NULL, NULL, 0, 0);
}

int fl_session_hang_up(fl_session *ss, uint32_t waited_ms)
{
    fl_act a = {FL_ACT_HANGUP, 0, 0, waited_ms, 0, 0};
    return act(ss, &a, NULL, NULL, 0, 0);
}

int fl_session_voice(fl_session *ss, uint32_t turn, const fl_voice_figures *f)
{
    if (!f || turn < 1 || turn > ss->n_turns)
        return -1;
    fl_turn *t = &ss->turns[turn - 1];
    if (t->reply < 0) /* a timeout or a hang-up: nothing was said to read aloud */
        return -1;
    /* a second measurement of the same reply (read again) replaces the first */
    t->has_voice = 1;
    t->voice = *f;
    t->voice_flags = fl_voice_judge(f);
    return 0;
}

int fl_session_undo(fl_session *ss)
{
    if (!ss->n_turns)
        return -1;
    size_t k = --ss->n_turns;
    assert(ss->event_marks[k] <= ss->n_events);
    memcpy(ss->state, ss->snapshots + k * ss->eng.state_size, ss->eng.state_size);
    ss->n_events = ss->event_marks[k];
    free(ss->turns[k].typed);
    ss->turns[k].typed = NULL;
    free(ss->turns[k].triggers);
    ss->turns[k].triggers = NULL;
    return 0;
}

const fl_turn *fl_session_turns(const fl_session *ss, size_t *n)
{
    *n = ss->n_turns;
    return ss->turns;
}

const fl_event *fl_session_events(const fl_session *ss, size_t *n)
{
    *n = ss->n_events;
    return ss->events;
}

/* The voice rules a reply turn fired (FL_EV_VOICE_* bits by kind), 0 when its voice is not
 * scored. */
static int voice_rules(const fl_session *ss, const fl_turn *t, fl_event_kind *out)
{
    int n = 0;
    if (!ss->eng.scenario->voice_scored || !t->has_voice || t->reply < 0)
        return 0;
    if (t->voice_flags & FL_VOICE_LOUD)
        out[n++] = FL_EV_VOICE_LOUD;
    if (t->voice_flags & FL_VOICE_FAST)
        out[n++] = FL_EV_VOICE_FAST;
    return n;
}

/* Appends turn t's voice events (each with its critical mistake where the rubric makes it one)
 * to ev[*n], and applies them to st: Tone lost, critical items. */
static void voice_events(const fl_session *ss, const fl_turn *t, fl_state *st, fl_event *ev,
                         size_t *n)
{
    fl_event_kind kinds[2];
    int k = voice_rules(ss, t, kinds);
    const fl_scenario *s = ss->eng.scenario;
    for (int i = 0; i < k; i++) {
        const fl_rule_def *def = &fl_rule_defs[kinds[i]];
        float v = kinds[i] == FL_EV_VOICE_LOUD ? t->voice.rms_dbfs : t->voice.syllables_per_s;
        int32_t tenths = (int32_t)(v * 10.0f + (v < 0 ? -0.5f : 0.5f));
        ev[(*n)++] = (fl_event){kinds[i], t->turn, t->node, t->reply, tenths, 0, 0};
        uint32_t lost = st->tone_lost + (uint32_t)fl_rule_points(s, kinds[i]);
        st->tone_lost = lost < st->tone_lost ? UINT32_MAX : lost; /* saturating, as the engine */
        if (s->critical & def->critical) {
            st->critical |= def->critical;
            ev[(*n)++] = (fl_event){
                FL_EV_CRITICAL, t->turn, t->node, t->reply, __builtin_ctz(def->critical), 0, 0};
        }
    }
}

/* The state and events the report scores: the session's own, or, where the rubric scores the
 * voice and a reply read aloud broke its rules, a copy of the state with those rules applied
 * and the events with theirs after each turn's own. The engine never sees a voice (the
 * figures come after the reply, from the tone meter, and can be measured again), so they are
 * applied here, at every report, and an undone turn takes them with it. *own_st and *own_ev
 * are what to free (NULL when nothing was copied). Returns 0, -1 out of memory. */
static int scored_view(const fl_session *ss, const fl_state **st, const fl_event **ev, size_t *n,
                       fl_state **own_st, fl_event **own_ev)
{
    *st = ss->state;
    *ev = ss->events;
    *n = ss->n_events;
    *own_st = NULL;
    *own_ev = NULL;
    size_t extra = 0;
    fl_event_kind kinds[2];
    for (size_t i = 0; i < ss->n_turns; i++)
        extra += 2 * (size_t)voice_rules(ss, &ss->turns[i], kinds);
    if (!extra)
        return 0;
    fl_state *copy = fl_malloc(ss->eng.state_size);
    fl_event *merged = fl_malloc((ss->n_events + extra) * sizeof(*merged));
    if (!copy || !merged) {
        free(copy);
        free(merged);
        return -1;
    }
    memcpy(copy, ss->state, ss->eng.state_size);
    size_t m = 0, t = 0;
    for (size_t i = 0; i < ss->n_events; i++) {
        for (; t < ss->n_turns && ss->turns[t].turn < ss->events[i].turn; t++)
            voice_events(ss, &ss->turns[t], copy, merged, &m);
        merged[m++] = ss->events[i];
    }
    for (; t < ss->n_turns; t++)
        voice_events(ss, &ss->turns[t], copy, merged, &m);
    *st = *own_st = copy;
    *ev = *own_ev = merged;
    *n = m;
    return 0;
}

int fl_session_report(const fl_session *ss, fl_scores *scores, fl_survey *survey,
                      fl_findings *findings)
{
    const fl_state *st;
    const fl_event *ev;
    size_t n_ev;
    fl_state *own_st;
    fl_event *own_ev;
    if (scored_view(ss, &st, &ev, &n_ev, &own_st, &own_ev) < 0)
        return -1;
    int rc = 0;
    if (scores) {
        fl_score_compute(&ss->eng, st, scores);
        /* the state keeps which critical mistakes were made; the events, each occurrence */
        int n = 0;
        for (size_t i = 0; i < n_ev; i++)
            n += ev[i].kind == FL_EV_CRITICAL;
        scores->critical = n;
    }
    if (survey)
        fl_survey_compute(&ss->eng, st, survey);
    if (findings)
        rc = fl_findings_build(&ss->eng, st, ev, n_ev, findings);
    free(own_st);
    free(own_ev);
    return rc;
}
