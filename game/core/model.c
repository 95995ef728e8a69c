/*
 * model.c - the fixed vocabularies of the scenario model (signals, emotions, outcomes,
 * dimensions, rubric parameters) and small helpers over a loaded scenario. Depends on libc only.
 */
#include "scenario.h"

#include <stdio.h>
#include <string.h>

/* Critical items keep the signals' own bits below 16 and their own from bit 16 on (scenario.h):
 * the engine masks a reply's signals with 0xFFFF to find its critical ones. */
_Static_assert(FL_SIGNAL_COUNT <= 16 && FL_CRIT_LOST == 1u << 16,
               "signal bits and critical-item bits overlap");

const char *const fl_signal_names[FL_SIGNAL_COUNT + 1] = {
    "apology", "empathy", "ownership", "transfer", "canned",  "familiar", "rude",
    "jargon",  "upsell",  "plan",      "gesture",  "resolve", "handoff",
};

static const char *const signal_flags[FL_SIGNAL_COUNT] = {
    "apologized", "empathized", "owned",   "transferred", "canned",   "familiar",  "rude",
    "jargon",     "upsold",     "planned", "gestured",    "resolved", "handedoff",
};

/* The critical items by bit index: the signals, then FL_CRIT_LOST... (scenario.h). */
static const char *const critical_by_bit[32] = {
    [0] = "apology",         [1] = "empathy",  [2] = "ownership",   [3] = "transfer",
    [4] = "canned",          [5] = "familiar", [6] = "rude",        [7] = "jargon",
    [8] = "upsell",          [9] = "plan",     [10] = "gesture",    [11] = "resolve",
    [12] = "handoff",        [16] = "lost",    [17] = "timeout",    [18] = "over-budget",
    [19] = "upsell-unhappy", [20] = "unhappy", [22] = "voice-loud", [23] = "voice-fast",
};

const char *const fl_critical_names[] = {
    "apology", "empathy",     "ownership",      "transfer", "canned",     "familiar",   "rude",
    "jargon",  "upsell",      "plan",           "gesture",  "resolve",    "handoff",    "lost",
    "timeout", "over-budget", "upsell-unhappy", "unhappy",  "voice-loud", "voice-fast", NULL,
};

const char *fl_critical_name(int index)
{
    return index >= 0 && index < 32 ? critical_by_bit[index] : NULL;
}

uint32_t fl_critical_parse(const char *s, size_t len)
{
    for (int i = 0; i < 32; i++) {
        const char *n = critical_by_bit[i];
        if (n && strlen(n) == len && memcmp(n, s, len) == 0)
            return 1u << i;
    }
    return 0;
}

const char *const fl_emotion_names[FL_EMO_COUNT + 1] = {
    "neutral",  "calm",      "pleased", "happy", "worried",
    "confused", "sceptical", "annoyed", "angry", "furious",
};

const char *const fl_outcome_names[] = {"none", "resolved", "partly", "escalated", "lost", NULL};

const char *const fl_dimension_names[FL_DIM_COUNT + 1] = {
    "empathy", "apology", "ownership", "tone", "upsell", "resolution", "responsiveness",
};

/* Defaults from scoring.md. Responsiveness carries weight only in timed play (its weight is the
 * mean of the others, so a timed reply matters as much as an average dimension). */
const int fl_default_weights[FL_DIM_COUNT] = {20, 15, 20, 15, 10, 20, 15};

const fl_param_info fl_rubric_params[FL_P_COUNT] = {
    [FL_P_ANGRY_MOOD] = {"angry-mood", -30, -100, 0},
    [FL_P_APOLOGY_WINDOW] = {"apology-window", 2, 1, 10},
    [FL_P_APOLOGY_LATE] = {"apology-late", 60, 0, 100},
    [FL_P_APOLOGY_MAX] = {"apology-max", 3, 1, 20},
    [FL_P_TRANSFER_PENALTY] = {"transfer-penalty", 40, 0, 100},
    [FL_P_FAMILIAR_PENALTY] = {"familiar-penalty", 15, 0, 100},
    [FL_P_FAMILIAR_UNRESOLVED_PENALTY] = {"familiar-unresolved-penalty", 30, 0, 100},
    [FL_P_RUDE_PENALTY] = {"rude-penalty", 50, 0, 100},
    [FL_P_CANNED_PENALTY] = {"canned-penalty", 10, 0, 100},
    [FL_P_JARGON_PENALTY] = {"jargon-penalty", 10, 0, 100},
    [FL_P_JARGON_CONFUSED_PENALTY] = {"jargon-confused-penalty", 25, 0, 100},
    [FL_P_UPSELL_MOOD] = {"upsell-mood", 20, -100, 100},
    [FL_P_UPSELL_MISSED] = {"upsell-missed", 70, 0, 100},
    [FL_P_OVER_BUDGET_PENALTY] = {"over-budget-penalty", 30, 0, 100},
    [FL_P_PASS] = {"pass", 70, 0, 100},
    [FL_P_PASS_FLOOR] = {"pass-floor", 50, 0, 100},
};

const char *fl_signal_name(int index)
{
    return index >= 0 && index < FL_SIGNAL_COUNT ? fl_signal_names[index] : "?";
}

const char *fl_signal_flag(int index)
{
    return index >= 0 && index < FL_SIGNAL_COUNT ? signal_flags[index] : "?";
}

uint32_t fl_signal_parse(const char *s, size_t len)
{
    for (int i = 0; i < FL_SIGNAL_COUNT; i++)
        if (strlen(fl_signal_names[i]) == len && memcmp(fl_signal_names[i], s, len) == 0)
            return 1u << i;
    return 0;
}

const char *fl_emotion_name(fl_emotion e)
{
    return e < FL_EMO_COUNT ? fl_emotion_names[e] : "?";
}

const char *fl_outcome_name(fl_outcome o)
{
    return o <= FL_OUTCOME_LOST ? fl_outcome_names[o] : "?";
}

const char *fl_dimension_name(fl_dimension d)
{
    return d < FL_DIM_COUNT ? fl_dimension_names[d] : "?";
}

int32_t fl_scenario_find_node(const fl_scenario *s, const char *id)
{
    for (uint32_t i = 0; i < s->n_nodes; i++)
        if (strcmp(s->nodes[i].id, id) == 0)
            return (int32_t)i;
    return -1;
}

void fl_scenario_start_env(const fl_scenario *s, int32_t *env)
{
    memset(env, 0, sizeof(*env) * (FL_SLOT_VAR0 + s->n_vars));
    env[FL_SLOT_MOOD] = s->start_mood;
    env[FL_SLOT_PATIENCE] = s->start_patience;
    env[FL_SLOT_TRUST] = s->start_trust;
    for (uint32_t i = 0; i < s->n_vars; i++)
        env[FL_SLOT_VAR0 + i] = s->vars[i].init;
}

uint64_t fl_hash64(const void *p, size_t n)
{
    const unsigned char *b = p;
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 1099511628211u;
    return h;
}

void fl_derive_id(char *buf, size_t size, const char *node_id, char kind, const char *text)
{
    /* FNV-1a, 32 bits, over the text with runs of white space folded to one space. */
    uint32_t h = 2166136261u;
    int space = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
            space = 1;
            continue;
        }
        if (space && h != 2166136261u) {
            h ^= ' ';
            h *= 16777619u;
        }
        space = 0;
        h ^= *p;
        h *= 16777619u;
    }
    /* "<node>/<kind>-<8 hex>", written by hand: this runs for every line of every file. */
    size_t n = strlen(node_id);
    if (n + 12 > size) {
        snprintf(buf, size, "%s/%c-%08x", node_id, kind, (unsigned)h);
        return;
    }
    memcpy(buf, node_id, n);
    buf[n++] = '/';
    buf[n++] = kind;
    buf[n++] = '-';
    for (int i = 7; i >= 0; i--)
        buf[n++] = "0123456789abcdef"[(h >> (4 * i)) & 0xF];
    buf[n] = '\0';
}
