/*
 * engine.c - the dialogue engine; see engine.h. The rules it applies are scoring.md's, with the
 * numbers a scenario's <rubric> may override (scenario->params).
 */
#include "alloc.h"
#include "engine.h"
#include "hmap.h"

#include <assert.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* The state has no implicit padding (engine.h): memcmp() and fingerprints see only fields. */
_Static_assert(sizeof(fl_state) == 96 && sizeof(fl_state) % 8 == 0 &&
                   offsetof(fl_state, critical) + 2 * sizeof(uint32_t) == sizeof(fl_state),
               "fl_state is packed by hand");

#define NEGATIVE_EMOTION(e)                                                                        \
    ((e) == FL_EMO_WORRIED || (e) == FL_EMO_CONFUSED || (e) == FL_EMO_SCEPTICAL ||                 \
     (e) == FL_EMO_ANNOYED || (e) == FL_EMO_ANGRY || (e) == FL_EMO_FURIOUS)

/* The scoring rules as one table; see engine.h. The words of their findings are in score.c. */
const fl_rule_def fl_rule_defs[FL_EV_COUNT] = {
    /* id, dimension, param, points, value, severity, critical items explained */
    [FL_EV_EMPATHY_MISSED] = {"empathy-missed", FL_DIM_EMPATHY, -1, 0, 0, 1, 0},
    [FL_EV_EMPATHY_OPENING] = {"empathy-missed", FL_DIM_EMPATHY, -1, 0, 0, 2, 0},
    [FL_EV_APOLOGY_TOO_MANY] = {"apology-too-many", FL_DIM_APOLOGY, -1, 10, 0, 1, 0},
    [FL_EV_TRANSFER] = {"transfer", FL_DIM_OWNERSHIP, FL_P_TRANSFER_PENALTY, 0, 0, 2,
                        FL_SIG_TRANSFER},
    [FL_EV_RECOVERED] = {"ownership-recovered", FL_DIM_OWNERSHIP, -1, -20, 0, 0, 0},
    [FL_EV_FAMILIAR] = {"familiar", FL_DIM_TONE, FL_P_FAMILIAR_PENALTY, 0, 0, 1, FL_SIG_FAMILIAR},
    [FL_EV_FAMILIAR_OPEN] = {"familiar-unresolved", FL_DIM_TONE, FL_P_FAMILIAR_UNRESOLVED_PENALTY,
                             0, 0, 2, FL_SIG_FAMILIAR},
    [FL_EV_FAMILIAR_AGAIN] = {"familiar-again", FL_DIM_TONE, FL_P_RUDE_PENALTY, 0, 0, 2,
                              FL_SIG_RUDE},
    [FL_EV_RUDE] = {"rude", FL_DIM_TONE, FL_P_RUDE_PENALTY, 0, 0, 2, FL_SIG_RUDE},
    [FL_EV_CANNED] = {"canned", FL_DIM_TONE, FL_P_CANNED_PENALTY, 0, 0, 1, FL_SIG_CANNED},
    [FL_EV_REPEATED] = {"repeated", FL_DIM_TONE, FL_P_CANNED_PENALTY, 0, 0, 1, FL_SIG_CANNED},
    [FL_EV_JARGON] = {"jargon", FL_DIM_TONE, FL_P_JARGON_PENALTY, 0, 0, 1, FL_SIG_JARGON},
    [FL_EV_JARGON_CONFUSED] = {"jargon-confused", FL_DIM_TONE, FL_P_JARGON_CONFUSED_PENALTY, 0, 0,
                               2, FL_SIG_JARGON},
    [FL_EV_UPSELL_UNHAPPY] = {"upsell-unhappy", FL_DIM_UPSELL, -1, 0, 0, 2,
                              FL_SIG_UPSELL | FL_CRIT_UPSELL_UNHAPPY},
    [FL_EV_UPSELL_OPEN] = {"upsell-unresolved", FL_DIM_UPSELL, -1, 0, 0, 2, FL_SIG_UPSELL},
    [FL_EV_UPSELL_LUKEWARM] = {"upsell-lukewarm", FL_DIM_UPSELL, -1, 0, 0, 1, FL_SIG_UPSELL},
    [FL_EV_OVER_BUDGET] = {"over-budget", FL_DIM_RESOLUTION, FL_P_OVER_BUDGET_PENALTY, 0, 0, 2,
                           FL_CRIT_OVER_BUDGET},
    [FL_EV_SLOW] = {"slow-reply", FL_DIM_RESPONSIVENESS, -1, 0, 0, 1, 0},
    [FL_EV_TIMEOUT] = {"timeout", FL_DIM_RESPONSIVENESS, -1, 0, 0, 2, FL_CRIT_TIMEOUT},
    [FL_EV_NOTE] = {"note", -1, -1, 0, 0, 0, 0},
    [FL_EV_CRITICAL] = {"critical", -1, -1, 0, 0, 2, 0},
    [FL_EV_APOLOGY_MISSING] = {"apology-missing", FL_DIM_APOLOGY, -1, 100, 0, 2, 0},
    [FL_EV_APOLOGY_LATE] = {"apology-late", FL_DIM_APOLOGY, FL_P_APOLOGY_LATE, 0, 1, 1, 0},
    [FL_EV_UPSELL_MISSED] = {"upsell-missed", FL_DIM_UPSELL, FL_P_UPSELL_MISSED, 0, 1, 0, 0},
    [FL_EV_OUTCOME_PARTLY] = {"outcome-partly", FL_DIM_RESOLUTION, -1, 40, 0, 2, FL_CRIT_UNHAPPY},
    [FL_EV_OUTCOME_ESCALATED] = {"outcome-escalated", FL_DIM_RESOLUTION, -1, 70, 0, 2,
                                 FL_CRIT_UNHAPPY},
    [FL_EV_OUTCOME_LOST] = {"outcome-lost", FL_DIM_RESOLUTION, -1, 100, 0, 2, FL_CRIT_LOST},
    [FL_EV_HUNG_UP] = {"hung-up", FL_DIM_RESOLUTION, -1, 100, 0, 2, FL_CRIT_LOST},
    [FL_EV_UNFINISHED] = {"unfinished", FL_DIM_RESOLUTION, -1, 100, 0, 1, 0},
    [FL_EV_CRITICAL_ITEM] = {"critical", -1, -1, 0, 0, 2, 0},
    [FL_EV_CRITICAL_REPLY] = {"critical-reply", -1, -1, 0, 0, 2, FL_CRIT_REPLY},
    [FL_EV_VOICE_LOUD] = {"voice-loud", FL_DIM_TONE, -1, 15, 0, 2, FL_CRIT_VOICE_LOUD},
    [FL_EV_VOICE_FAST] = {"voice-fast", FL_DIM_TONE, -1, 10, 0, 1, FL_CRIT_VOICE_FAST},
};

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* ---- setup: which replies need a memory bit ---------------------------------------------- */

/* Strongly connected components of the node graph (Tarjan, iterative), so that a reply whose
 * target can lead back to its own node (a loop) is known. comp[i] receives node i's component. */
static int components(const fl_scenario *s, int32_t *comp)
{
    uint32_t n = s->n_nodes;
    int32_t *index = fl_malloc(sizeof(int32_t) * n * 3); /* index, low, onstack */
    uint32_t *stack = fl_malloc(sizeof(uint32_t) * n);
    struct frame {
        uint32_t node, edge;
    } *calls = fl_malloc(sizeof(struct frame) * n);
    if (!index || !stack || !calls) {
        free(index);
        free(stack);
        free(calls);
        return -1;
    }
    int32_t *low = index + n, *onstack = index + 2 * n;
    for (uint32_t i = 0; i < n; i++)
        index[i] = -1, onstack[i] = 0, comp[i] = -1;
    int32_t next = 0, ncomp = 0;
    uint32_t sp = 0;
    for (uint32_t root = 0; root < n; root++) {
        if (index[root] >= 0)
            continue;
        uint32_t depth = 0;
        calls[depth++] = (struct frame){root, 0};
        index[root] = low[root] = next++;
        stack[sp++] = root, onstack[root] = 1;
        while (depth) {
            struct frame *f = &calls[depth - 1];
            const fl_node *nd = &s->nodes[f->node];
            uint32_t n_edges = nd->n_replies + (nd->timeout >= 0);
            if (f->edge < n_edges) {
                uint32_t e = f->edge++;
                int32_t t = e < nd->n_replies ? nd->replies[e].target : nd->timeout;
                if (t < 0)
                    continue;
                if (index[t] < 0) {
                    index[t] = low[t] = next++;
                    stack[sp++] = (uint32_t)t, onstack[t] = 1;
                    calls[depth++] = (struct frame){(uint32_t)t, 0};
                } else if (onstack[t] && index[t] < low[f->node]) {
                    low[f->node] = index[t];
                }
                continue;
            }
            uint32_t v = f->node;
            if (low[v] == index[v]) {
                uint32_t w;
                do {
                    w = stack[--sp];
                    onstack[w] = 0;
                    comp[w] = ncomp;
                } while (w != v);
                ncomp++;
            }
            depth--;
            if (depth && low[v] < low[calls[depth - 1].node])
                low[calls[depth - 1].node] = low[v];
        }
    }
    free(index);
    free(stack);
    free(calls);
    return 0;
}

int fl_engine_init(fl_engine *eng, const fl_scenario *s, int timed)
{
    memset(eng, 0, sizeof(*eng));
    eng->scenario = s;
    eng->n_env = FL_SLOT_VAR0 + s->n_vars;
    uint32_t n = 0;
    for (uint32_t i = 0; i < s->n_nodes; i++)
        n += s->nodes[i].n_replies;
    eng->n_replies = n;
    int any_limit = s->reply_seconds > 0;
    for (uint32_t i = 0; i < s->n_nodes && !any_limit; i++)
        any_limit = s->nodes[i].reply_seconds > 0;
    eng->timed = timed && any_limit;

    eng->reply_base = fl_malloc(sizeof(uint32_t) * (s->n_nodes + 1));
    eng->once_bit = fl_malloc(sizeof(int32_t) * (n ? n : 1));
    eng->text_bit = fl_malloc(sizeof(int32_t) * (n ? n : 1));
    int32_t *comp = fl_malloc(sizeof(int32_t) * (s->n_nodes ? s->n_nodes : 1));
    /* choice texts -> the entry of `first` of the first reply with that text (reserved for every
     * reply at once, so no insertion below can fail) */
    fl_hmap texts = FL_HMAP_INIT;
    int32_t *first = fl_malloc(sizeof(int32_t) * (n ? n : 1)); /* reply -> first with same text */
    const fl_reply **flat = fl_malloc(sizeof(*flat) * (n ? n : 1));
    /* A choice's text needs a bit when it can be said twice on one path: the same text appears
     * in more than one reply, or the reply lies on a loop of the graph. */
    uint8_t *repeatable = fl_calloc(n ? n : 1, 1);
    if (!eng->reply_base || !eng->once_bit || !eng->text_bit || !comp || !first || !flat ||
        !repeatable || fl_hmap_reserve(&texts, n) < 0 || components(s, comp) < 0) {
        free(comp), free(first), free(flat), free(repeatable);
        fl_hmap_free(&texts);
        fl_engine_fini(eng);
        return -1;
    }

    uint32_t k = 0, bits = 0;
    for (uint32_t i = 0; i < s->n_nodes; i++) {
        eng->reply_base[i] = k;
        for (uint32_t j = 0; j < s->nodes[i].n_replies; j++, k++) {
            const fl_reply *r = &s->nodes[i].replies[j];
            flat[k] = r;
            first[k] = (int32_t)k;
            eng->once_bit[k] = r->once ? (int32_t)bits++ : -1;
            if (!r->text)
                continue;
            int added;
            fl_hmap_slot *t = fl_hmap_put(&texts, r->text, strlen(r->text), &added);
            if (!t) { /* cannot happen (reserved above), but an error is cheaper than a crash */
                free(comp), free(first), free(flat), free(repeatable);
                fl_hmap_free(&texts);
                fl_engine_fini(eng);
                return -1;
            }
            if (added) {
                t->value = &first[k];
            } else {
                first[k] = *(const int32_t *)t->value;
                repeatable[first[k]] = 1;
            }
            if (r->target >= 0 && comp[r->target] == comp[i])
                repeatable[first[k]] = 1;
        }
    }
    eng->reply_base[s->n_nodes] = k;
    for (uint32_t r = 0; r < n; r++)
        eng->text_bit[r] = -1;
    for (uint32_t r = 0; r < n; r++)
        if (flat[r]->text && repeatable[first[r]] && eng->text_bit[first[r]] < 0)
            eng->text_bit[first[r]] = (int32_t)bits++;
    for (uint32_t r = 0; r < n; r++)
        if (flat[r]->text)
            eng->text_bit[r] = eng->text_bit[first[r]];
    free(repeatable);
    free(comp);
    fl_hmap_free(&texts);
    free(first);
    free(flat);

    eng->n_bits = bits;
    eng->env_offset = sizeof(fl_state);
    eng->bits_offset = (eng->env_offset + sizeof(int32_t) * eng->n_env + 7) & ~7u;
    eng->state_size = eng->bits_offset + 8 * ((bits + 63) / 64);
    return 0;
}

void fl_engine_fini(fl_engine *eng)
{
    free(eng->reply_base);
    free(eng->once_bit);
    free(eng->text_bit);
    eng->reply_base = NULL;
    eng->once_bit = eng->text_bit = NULL;
}

static uint64_t *bits_of(const fl_engine *eng, const fl_state *st)
{
    return (uint64_t *)((char *)st + eng->bits_offset);
}

static int bit_get(const fl_engine *eng, const fl_state *st, int32_t b)
{
    assert(b < (int32_t)eng->n_bits); /* a bit outside the state would read its neighbour's */
    return b >= 0 && (bits_of(eng, st)[b >> 6] >> (b & 63)) & 1;
}

static void bit_set(const fl_engine *eng, fl_state *st, int32_t b)
{
    assert(b < (int32_t)eng->n_bits);
    if (b >= 0)
        bits_of(eng, st)[b >> 6] |= (uint64_t)1 << (b & 63);
}

/* Enters node t: shows the first line whose condition holds; an ending ends the conversation. */
static void enter(const fl_engine *eng, fl_state *st, int32_t t)
{
    assert(t >= 0 && (uint32_t)t < eng->scenario->n_nodes);
    const fl_node *nd = &eng->scenario->nodes[t];
    const int32_t *env = fl_state_cenv(eng, st);
    st->node = t;
    st->line = -1;
    for (uint32_t i = 0; i < nd->n_lines; i++) {
        if (!nd->lines[i].cond || fl_expr_eval(nd->lines[i].cond, env)) {
            st->line = (int32_t)i;
            break;
        }
    }
    if (nd->outcome != FL_OUTCOME_NONE)
        st->ended = 1;
}

void fl_engine_start(const fl_engine *eng, fl_state *st)
{
    memset(st, 0, eng->state_size);
    fl_scenario_start_env(eng->scenario, fl_state_env(eng, st));
    st->grievance_turn = st->apology_turn = -1;
    st->upsell = -1;
    st->good_moment_turn = -1;
    enter(eng, st, eng->scenario->start);
}

/* fl_engine_limit_ms, inlined where the explorer steps. */
static inline uint32_t limit_here(const fl_engine *eng, const fl_state *st)
{
    if (!eng->timed || st->ended)
        return 0;
    const fl_node *nd = &eng->scenario->nodes[st->node];
    int32_t sec = nd->reply_seconds > 0 ? nd->reply_seconds : eng->scenario->reply_seconds;
    return eng->limit_ms ? eng->limit_ms : sec > 0 ? (uint32_t)sec * 1000u : 0;
}

uint32_t fl_engine_limit_ms(const fl_engine *eng, const fl_state *st)
{
    return limit_here(eng, st);
}

int fl_engine_offered(const fl_engine *eng, const fl_state *st, uint32_t i)
{
    if (st->ended)
        return 0;
    const fl_node *nd = &eng->scenario->nodes[st->node];
    if (i >= nd->n_replies)
        return 0;
    const fl_reply *r = &nd->replies[i];
    assert(eng->reply_base[st->node] + i < eng->n_replies);
    if (r->cond && !fl_expr_eval(r->cond, fl_state_cenv(eng, st)))
        return 0;
    return !r->once || !bit_get(eng, st, eng->once_bit[eng->reply_base[st->node] + i]);
}

int fl_engine_can_timeout(const fl_engine *eng, const fl_state *st)
{
    return !st->ended && eng->scenario->nodes[st->node].timeout >= 0 && limit_here(eng, st) > 0;
}

fl_outcome fl_engine_outcome(const fl_engine *eng, const fl_state *st)
{
    if (!st->ended)
        return FL_OUTCOME_NONE;
    return st->hung_up ? FL_OUTCOME_LOST : eng->scenario->nodes[st->node].outcome;
}

/* Reports an event of the step in progress (st->turn is still the reply's 0-based index). */
#define emit(log, kind, a, b, c)                                                                   \
    do {                                                                                           \
        if (log) {                                                                                 \
            fl_event ev_ = {                                                                       \
                (kind), (uint32_t)st->turn + 1u, st->node, r ? (int32_t)act->reply : -1, (a), (b), \
                (c)};                                                                              \
            (log)->event((log)->payload, &ev_);                                                    \
        }                                                                                          \
    } while (0)

/* a + b, saturating: a tally never wraps back to a small number (it cannot reach the top in a
 * session that fits in memory, see FL_ENGINE_MAX_TURNS). */
static uint32_t add32(uint32_t a, uint32_t b)
{
    return a + b < a ? UINT32_MAX : a + b;
}

/* Records the critical mistakes in `items` (FL_CRIT_* and signal bits) committed by the reply in
 * progress, one event each. */
static void critical(fl_state *st, uint32_t items, uint32_t turn, int32_t node, int32_t reply,
                     const fl_step_log *log)
{
    for (uint32_t b = items, i = 0; b; b >>= 1, i++) {
        if (!(b & 1))
            continue;
        st->critical |= 1u << i;
        if (log) {
            fl_event ev = {FL_EV_CRITICAL, turn + 1u, node, reply, (int32_t)i, 0, 0};
            log->event(log->payload, &ev);
        }
    }
}

int fl_engine_step(const fl_engine *eng, fl_state *st, const fl_act *act, const fl_step_log *log)
{
    const fl_scenario *s = eng->scenario;
    if (st->ended || st->turn >= FL_ENGINE_MAX_TURNS)
        return -1;
    assert(st->node >= 0 && (uint32_t)st->node < s->n_nodes);
    const fl_node *nd = &s->nodes[st->node];
    assert(st->line >= -1 && (st->line < 0 || (uint32_t)st->line < nd->n_lines));
    const fl_reply *r = NULL;
    uint32_t limit = limit_here(eng, st);
    uint32_t took = act->took_ms;
    if (act->kind == FL_ACT_TIMEOUT) {
        if (!fl_engine_can_timeout(eng, st))
            return -1;
        took = limit;
    } else if (act->kind == FL_ACT_HANGUP) {
        if (!limit) /* untimed: nobody hangs up for waiting */
            return -1;
    } else {
        if (!fl_engine_offered(eng, st, act->reply))
            return -1;
        r = &nd->replies[act->reply];
    }
    const int *p = s->params;
    int32_t *env = fl_state_env(eng, st);
    const fl_line *line = st->line >= 0 ? &nd->lines[st->line] : NULL;
    uint32_t turn = st->turn; /* index of this reply, < FL_ENGINE_MAX_TURNS (fits an int32) */
    int32_t mood0 = env[FL_SLOT_MOOD];
    int resolved0 = env[FL_SLOT_FLAG0 + __builtin_ctz(FL_SIG_RESOLVE)] > 0;
    uint32_t sig = r ? r->signals | act->signals : 0;
    /* A warm hand-off keeps ownership: it is not a transfer, whatever else was detected. */
    if (sig & FL_SIG_HANDOFF)
        sig &= ~(uint32_t)FL_SIG_TRANSFER;
    /* Familiarity kept up after a first familiar reply is read as rudeness (a QA analyst reads
     * it so: the customer has already let the agent know it is unwelcome). */
    int familiar_again = (sig & FL_SIG_FAMILIAR) && st->familiar;
    if (familiar_again)
        sig |= FL_SIG_RUDE;
    uint32_t crit = sig & s->critical & 0xFFFFu;
    if (r && r->critical)
        crit |= FL_CRIT_REPLY;
    if (r)
        st->spoke = 1;
    int mood = env[FL_SLOT_MOOD], patience = env[FL_SLOT_PATIENCE], trust = env[FL_SLOT_TRUST];

    /* Responsiveness and waiting (timed play). At a node with a <timeout> nothing can be said
     * after the limit (the timeout comes first), so a later time counts as the limit; at a node
     * without one the customer goes on waiting, and the wait goes on costing patience. */
    if (limit) {
        uint32_t pts;
        uint32_t half = limit / 2;
        if (!r) { /* a timeout (took is the limit) or a hang-up (took is the whole wait) */
            pts = 0;
            st->timeouts = add32(st->timeouts, 1);
            emit(log, FL_EV_TIMEOUT, 0, 0, (int32_t)(took / 1000));
            crit |= s->critical & FL_CRIT_TIMEOUT;
        } else {
            if (took > limit && nd->timeout >= 0)
                took = limit;
            uint32_t in_time = took < limit ? took : limit;
            pts = in_time <= half ? 100
                                  : (uint32_t)(100u * (uint64_t)(limit - in_time) / (limit - half));
            if (pts < 100)
                emit(log, FL_EV_SLOW, (int32_t)pts, (int32_t)(took / 1000),
                     (int32_t)(limit / 1000));
        }
        st->resp_sum += pts;
        st->resp_n = add32(st->resp_n, 1);
        patience -= fl_engine_wait_cost(took, limit);
        if (act->kind == FL_ACT_TIMEOUT)
            patience += FL_DYN_TIMEOUT_PATIENCE;
    }
    st->elapsed_ms += took;

    if (line && line->emotion == FL_EMO_CONFUSED)
        st->confused = 1;
    /* Empathy: the customer's emotional turns, answered with empathy or not. */
    if (line && NEGATIVE_EMOTION(line->emotion)) {
        int w =
            turn == 0 && (line->emotion == FL_EMO_ANGRY || line->emotion == FL_EMO_FURIOUS) ? 2 : 1;
        st->emo_total = add32(st->emo_total, (uint32_t)w);
        if (sig & FL_SIG_EMPATHY)
            st->emo_answered = add32(st->emo_answered, (uint32_t)w);
        else
            emit(log, w > 1 ? FL_EV_EMPATHY_OPENING : FL_EV_EMPATHY_MISSED, w,
                 (int32_t)line->emotion, 0);
    }

    /* Apology: the window opens at the first grievance. */
    if (line && line->grievance && st->grievance_turn < 0)
        st->grievance_turn = (int32_t)turn;
    if (sig & FL_SIG_APOLOGY) {
        st->apologies = add32(st->apologies, 1);
        if (st->grievance_turn >= 0 && st->apology_turn < 0)
            st->apology_turn = (int32_t)turn;
        if ((int64_t)st->apologies == (int64_t)p[FL_P_APOLOGY_MAX] + 1)
            emit(log, FL_EV_APOLOGY_TOO_MANY, (int32_t)st->apologies, 0, 0);
    }

    /* Ownership: a transfer costs; taking the problem back afterwards restores some. */
    if (sig & FL_SIG_TRANSFER) {
        st->transfers = add32(st->transfers, 1);
        st->open_transfers = add32(st->open_transfers, 1);
        emit(log, FL_EV_TRANSFER, 0, 0, 0);
        patience += FL_DYN_TRANSFER_PATIENCE;
        trust += FL_DYN_TRANSFER_TRUST;
    } else if ((sig & (FL_SIG_OWNERSHIP | FL_SIG_HANDOFF)) && st->open_transfers) {
        st->open_transfers--;
        st->recoveries = add32(st->recoveries, 1);
        emit(log, FL_EV_RECOVERED, 0, 0, 0);
    }

    /* Tone: each rule's points from the table. */
    if (sig & FL_SIG_FAMILIAR) {
        fl_event_kind k = resolved0 ? FL_EV_FAMILIAR : FL_EV_FAMILIAR_OPEN;
        st->familiar = 1;
        st->tone_lost = add32(st->tone_lost, (uint32_t)fl_rule_points(s, k));
        emit(log, k, 0, 0, 0);
        mood += resolved0 ? FL_DYN_FAMILIAR_MOOD : FL_DYN_FAMILIAR_OPEN_MOOD;
    }
    if (sig & FL_SIG_RUDE) {
        fl_event_kind k = familiar_again ? FL_EV_FAMILIAR_AGAIN : FL_EV_RUDE;
        st->tone_lost = add32(st->tone_lost, (uint32_t)fl_rule_points(s, k));
        emit(log, k, 0, 0, 0);
        mood += FL_DYN_RUDE_MOOD;
    }
    if (sig & FL_SIG_CANNED) {
        st->tone_lost = add32(st->tone_lost, (uint32_t)fl_rule_points(s, FL_EV_CANNED));
        emit(log, FL_EV_CANNED, 0, 0, 0);
    }
    if (r) {
        int repeated = 0;
        if (act->typed) {
            repeated = act->repeated;
        } else {
            int32_t b = eng->text_bit[eng->reply_base[st->node] + act->reply];
            repeated = bit_get(eng, st, b);
            bit_set(eng, st, b);
        }
        if (repeated && !(sig & FL_SIG_CANNED)) {
            st->tone_lost = add32(st->tone_lost, (uint32_t)fl_rule_points(s, FL_EV_REPEATED));
            emit(log, FL_EV_REPEATED, 0, 0, 0);
        }
    }
    if (sig & FL_SIG_JARGON) {
        /* jargon to a customer who has already said they do not follow is worse than jargon */
        fl_event_kind k = st->confused || (line && line->emotion == FL_EMO_CONFUSED)
                              ? FL_EV_JARGON_CONFUSED
                              : FL_EV_JARGON;
        st->tone_lost = add32(st->tone_lost, (uint32_t)fl_rule_points(s, k));
        emit(log, k, 0, 0, 0);
    }

    /* Upsell timing: only once the issue is resolved and the customer is pleased. */
    if (s->n_offers) {
        if (sig & FL_SIG_UPSELL) {
            int pts = mood0 < 0 || !resolved0        ? 0
                      : mood0 >= p[FL_P_UPSELL_MOOD] ? 100
                      : p[FL_P_UPSELL_MOOD] <= 0     ? 100
                                                     : 100 * mood0 / p[FL_P_UPSELL_MOOD];
            if (st->upsell < 0 || pts < st->upsell)
                st->upsell = pts;
            if (pts < 100)
                emit(log,
                     mood0 < 0    ? FL_EV_UPSELL_UNHAPPY
                     : !resolved0 ? FL_EV_UPSELL_OPEN
                                  : FL_EV_UPSELL_LUKEWARM,
                     pts, mood0, 0);
            if (mood0 < 0)
                crit |= s->critical & FL_CRIT_UPSELL_UNHAPPY;
        } else if (resolved0 && mood0 >= p[FL_P_UPSELL_MOOD] && st->good_moment_turn < 0) {
            st->good_moment_turn = (int32_t)turn;
        }
    }

    /* Goodwill. */
    if (r && r->gesture > 0) {
        int64_t g = (int64_t)env[FL_SLOT_GOODWILL] + r->gesture;
        env[FL_SLOT_GOODWILL] = g > INT32_MAX ? INT32_MAX : (int32_t)g;
        if (s->goodwill_budget >= 0 && env[FL_SLOT_GOODWILL] > s->goodwill_budget &&
            !st->over_budget) {
            st->over_budget = 1;
            emit(log, FL_EV_OVER_BUDGET, env[FL_SLOT_GOODWILL], 0, 0);
            crit |= s->critical & FL_CRIT_OVER_BUDGET;
        }
    }

    /* Flags, once-only memory, the author's effects and variables. */
    for (uint32_t b = sig, i = 0; b; b >>= 1, i++)
        if ((b & 1) && env[FL_SLOT_FLAG0 + i] < INT32_MAX)
            env[FL_SLOT_FLAG0 + i]++;
    if (r) {
        bit_set(eng, st, eng->once_bit[eng->reply_base[st->node] + act->reply]);
        mood += r->effect.mood;
        patience += r->effect.patience;
        trust += r->effect.trust;
        for (uint32_t i = 0; i < r->n_sets; i++) {
            int32_t *v = &env[FL_SLOT_VAR0 + r->sets[i].var];
            int64_t x = r->sets[i].add ? (int64_t)*v + r->sets[i].value : r->sets[i].value;
            *v = x > FL_EXPR_MAX_LITERAL    ? FL_EXPR_MAX_LITERAL
                 : x < -FL_EXPR_MAX_LITERAL ? -FL_EXPR_MAX_LITERAL
                                            : (int32_t)x;
        }
        if (r->note)
            emit(log, FL_EV_NOTE, 0, 0, 0);
    }
    /* Cold handling of an angry customer. */
    if (!(sig & (FL_SIG_EMPATHY | FL_SIG_APOLOGY)) && mood0 < p[FL_P_ANGRY_MOOD])
        mood += FL_DYN_COLD_MOOD;

    env[FL_SLOT_MOOD] = clamp(mood, -100, 100);
    env[FL_SLOT_PATIENCE] = clamp(patience, 0, 100);
    env[FL_SLOT_TRUST] = clamp(trust, 0, 100);
    st->turn++;
    env[FL_SLOT_TURN] = (int32_t)st->turn;
    /* seconds in an int32: 68 years, but a script could claim more; it stays at the top */
    env[FL_SLOT_ELAPSED] =
        st->elapsed_ms / 1000 > INT32_MAX ? INT32_MAX : (int32_t)(st->elapsed_ms / 1000);

    int32_t target = r ? r->target : nd->timeout;
    /* the loader resolved every target and timeout to a node (a hang-up goes nowhere) */
    assert(act->kind == FL_ACT_HANGUP || (target >= 0 && (uint32_t)target < s->n_nodes));
    if (act->kind == FL_ACT_HANGUP) { /* the customer left while waiting: they stay where they
                                         were, with no patience left */
        env[FL_SLOT_PATIENCE] = 0;
        st->ended = 1;
        st->hung_up = 1;
        st->line = -1;
    } else if (env[FL_SLOT_PATIENCE] <= 0 && s->nodes[target].outcome == FL_OUTCOME_NONE) {
        st->ended = 1;
        st->hung_up = 1;
        st->line = -1;
    } else {
        enter(eng, st, target);
    }
    /* The ending's own critical mistakes: a lost customer, or one who leaves unhappy. */
    if (st->ended) {
        fl_outcome o = fl_engine_outcome(eng, st);
        if (o == FL_OUTCOME_LOST)
            crit |= s->critical & FL_CRIT_LOST;
        else if ((o == FL_OUTCOME_PARTLY || o == FL_OUTCOME_ESCALATED) && env[FL_SLOT_MOOD] < 0)
            crit |= s->critical & FL_CRIT_UNHAPPY;
    }
    critical(st, crit, turn, (int32_t)(nd - s->nodes), r ? (int32_t)act->reply : -1, log);
    return 0;
}
