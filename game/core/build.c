/*
 * build.c - validates a scenario's structure and builds the immutable model, in one pass over
 * the parser's events (no document tree is ever built).
 *
 * The structure rules are the table below: those of scenarios/schema/scenario.xsd, which
 * editors use (tests/schema/differential.py keeps the two from drifting). The checker that holds
 * the events to them and words the messages is schema.c, shared with round files.
 *
 * Then, in the same pass, what a schema cannot say: unique ids, references that exist,
 * conditions that compile, values in range; at the end the graph rules (check.c). Every problem
 * is a diagnostic at the line and column of the attribute or element that causes it, worded by a
 * catalogue word (catalogue_lint.def) in the list's language. "Did you mean" suggests only names
 * declared without error: an invalid name is never offered as the fix of another.
 *
 * Depends on libc and the core modules (no libxml2: loader.c feeds the events).
 */
#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "catalogue.h"
#include "hmap.h"
#include "loader.h"
#include "route.h"
#include "schema.h"
#include "utf8.h"
#include "vec.h"

/* ---- Structure: elements, their attributes and content --------------------------------- */

enum el {
    E_SCENARIO,
    E_TITLE,
    E_BRIEF,
    E_GOAL,
    E_TAGS,
    E_CUSTOMER,
    E_START,
    E_TIMING,
    E_GOODWILL,
    E_OFFER,
    E_VAR,
    E_RUBRIC,
    E_WEIGHT,
    E_PARAM,
    E_CRITICAL,
    E_NODE,
    E_ENDING,
    E_SAY,
    E_REPLY,
    E_EFFECT,
    E_SET,
    E_NOTE,
    E_BETTER,
    E_INPUT,
    E_ROUTE,
    E_FALLBACK,
    E_TIMEOUT,
    E_COUNT
};
#define BIT(e)    FL_SCHEMA_BIT(e)
#define UNBOUNDED FL_SCHEMA_UNBOUNDED

static const char *const langs[] = {"en", "ru", NULL};
static const char *const yesno[] = {"yes", "no", NULL};
static const char *const voice_uses[] = {"reported", "scored", NULL};
/* The names of the rubric's parameters, from fl_rubric_params: filled once, before the first
 * builder reads it, and never written again, so loads on several threads do not race. */
static const char *params[FL_P_COUNT + 1];
static pthread_once_t params_once = PTHREAD_ONCE_INIT;

static void init_params_once(void)
{
    for (int p = 0; p < FL_P_COUNT; p++)
        params[p] = fl_rubric_params[p].name;
}

#define LONG_MAXV FL_SCHEMA_LONG_MAX
#define N(a)      ((int)(sizeof(a) / sizeof((a)[0])))

static const fl_schema_attr a_scenario[] = {
    {"id", FL_ATTR_ID, 1, 0, 0, NULL, NULL},
    {"version", FL_ATTR_INT, 1, 1, LONG_MAXV, NULL, NULL},
    {"lang", FL_ATTR_ENUM, 1, 0, 0, langs, NULL},
    {"start", FL_ATTR_ID, 0, 0, 0, NULL, NULL},
    {"minutes", FL_ATTR_INT, 0, 1, 120, NULL, NULL},
};
static const fl_schema_attr a_customer[] = {
    {"name", FL_ATTR_STRING, 1, 0, 0, NULL, NULL},
    {"voice", FL_ATTR_STRING, 0, 0, 0, NULL, NULL},
    {"avatar", FL_ATTR_STRING, 0, 0, 0, NULL, NULL},
    {"detail", FL_ATTR_STRING, 0, 0, 0, NULL, NULL},
};
static const fl_schema_attr a_start[] = {
    {"mood", FL_ATTR_INT, 0, -100, 100, NULL, NULL},
    {"patience", FL_ATTR_INT, 0, 0, 100, NULL, NULL},
    {"trust", FL_ATTR_INT, 0, 0, 100, NULL, NULL},
};
static const fl_schema_attr a_timing[] = {{"reply-seconds", FL_ATTR_INT, 1, 3, 600, NULL, NULL}};
static const fl_schema_attr a_goodwill[] = {{"budget", FL_ATTR_INT, 1, 0, LONG_MAXV, NULL, NULL},
                                            {"unit", FL_ATTR_STRING, 0, 0, 0, NULL, NULL}};
static const fl_schema_attr a_offer[] = {{"id", FL_ATTR_ID, 1, 0, 0, NULL, NULL},
                                         {"price", FL_ATTR_DECIMAL, 0, 0, 0, NULL, NULL}};
static const fl_schema_attr a_var[] = {{"name", FL_ATTR_VARNAME, 1, 0, 0, NULL, NULL},
                                       {"init", FL_ATTR_INT, 0, -LONG_MAXV, LONG_MAXV, NULL, NULL}};
static const fl_schema_attr a_rubric[] = {{"voice", FL_ATTR_ENUM, 0, 0, 0, voice_uses, NULL}};
static const fl_schema_attr a_weight[] = {
    {"dimension", FL_ATTR_ENUM, 1, 0, 0, fl_dimension_names, NULL},
    {"value", FL_ATTR_INT, 1, 0, 100, NULL, NULL}};
static const fl_schema_attr a_param[] = {
    {"name", FL_ATTR_ENUM, 1, 0, 0, params, NULL},
    {"value", FL_ATTR_INT, 1, -LONG_MAXV, LONG_MAXV, NULL, NULL}};
static const fl_schema_attr a_critical[] = {
    {"mistake", FL_ATTR_ENUM, 1, 0, 0, fl_critical_names, NULL},
    {"off", FL_ATTR_ENUM, 0, 0, 0, yesno, NULL}};
static const fl_schema_attr a_node[] = {{"id", FL_ATTR_ID, 1, 0, 0, NULL, NULL},
                                        {"reply-seconds", FL_ATTR_INT, 0, 3, 600, NULL, NULL}};
static const fl_schema_attr a_ending[] = {
    {"id", FL_ATTR_ID, 1, 0, 0, NULL, NULL},
    {"outcome", FL_ATTR_ENUM, 1, 0, 0, fl_outcome_names + 1, NULL}};
static const fl_schema_attr a_say[] = {
    {"id", FL_ATTR_ID, 0, 0, 0, NULL, NULL},
    {"if", FL_ATTR_STRING, 0, 0, 0, NULL, NULL},
    {"emotion", FL_ATTR_ENUM, 0, 0, 0, fl_emotion_names, NULL},
    {"grievance", FL_ATTR_ENUM, 0, 0, 0, yesno, NULL},
};
static const fl_schema_attr a_reply[] = {
    {"to", FL_ATTR_ID, 1, 0, 0, NULL, NULL},
    {"id", FL_ATTR_ID, 0, 0, 0, NULL, NULL},
    {"signals", FL_ATTR_SIGNALS, 0, 0, 0, NULL, NULL},
    {"if", FL_ATTR_STRING, 0, 0, 0, NULL, NULL},
    {"once", FL_ATTR_ENUM, 0, 0, 0, yesno, NULL},
    {"gesture", FL_ATTR_INT, 0, 0, LONG_MAXV, NULL, NULL},
    {"offer", FL_ATTR_ID, 0, 0, 0, NULL, NULL},
    {"critical", FL_ATTR_ENUM, 0, 0, 0, yesno, NULL},
};
static const fl_schema_attr a_effect[] = {{"mood", FL_ATTR_DELTA, 0, 0, 0, NULL, NULL},
                                          {"patience", FL_ATTR_DELTA, 0, 0, 0, NULL, NULL},
                                          {"trust", FL_ATTR_DELTA, 0, 0, 0, NULL, NULL}};
static const fl_schema_attr a_set[] = {{"var", FL_ATTR_VARNAME, 1, 0, 0, NULL, NULL},
                                       {"value", FL_ATTR_INT, 0, -LONG_MAXV, LONG_MAXV, NULL, NULL},
                                       {"add", FL_ATTR_INT, 0, -LONG_MAXV, LONG_MAXV, NULL, NULL}};
static const fl_schema_attr a_input[] = {{"placeholder", FL_ATTR_STRING, 0, 0, 0, NULL, NULL}};
static const fl_schema_attr a_route[] = {
    {"to", FL_ATTR_ID, 1, 0, 0, NULL, NULL},
    {"id", FL_ATTR_ID, 0, 0, 0, NULL, NULL},
    {"match", FL_ATTR_STRING, 1, 0, 0, NULL, NULL},
    {"signals", FL_ATTR_SIGNALS, 0, 0, 0, NULL, NULL},
    {"if", FL_ATTR_STRING, 0, 0, 0, NULL, NULL},
    {"critical", FL_ATTR_ENUM, 0, 0, 0, yesno, NULL},
};
static const fl_schema_attr a_fallback[] = {{"to", FL_ATTR_ID, 1, 0, 0, NULL, NULL},
                                            {"id", FL_ATTR_ID, 0, 0, 0, NULL, NULL},
                                            {"critical", FL_ATTR_ENUM, 0, 0, 0, yesno, NULL}};
static const fl_schema_attr a_timeout[] = {{"to", FL_ATTR_ID, 1, 0, 0, NULL, NULL}};

static const fl_schema_slot s_scenario[] = {
    {BIT(E_TITLE), 1, 1, NULL},
    {BIT(E_BRIEF), 1, 1, NULL},
    {BIT(E_GOAL), 0, 1, NULL},
    {BIT(E_TAGS), 0, 1, NULL},
    {BIT(E_CUSTOMER), 1, 1, NULL},
    {BIT(E_TIMING), 0, 1, NULL},
    {BIT(E_GOODWILL), 0, 1, NULL},
    {BIT(E_OFFER), 0, UNBOUNDED, NULL},
    {BIT(E_VAR), 0, UNBOUNDED, NULL},
    {BIT(E_RUBRIC), 0, 1, NULL},
    {BIT(E_NODE) | BIT(E_ENDING), 1, UNBOUNDED, NULL},
};
static const fl_schema_slot s_customer[] = {{BIT(E_START), 1, 1, NULL}};
static const fl_schema_slot s_rubric[] = {
    {BIT(E_WEIGHT) | BIT(E_PARAM) | BIT(E_CRITICAL), 0, UNBOUNDED, NULL}};
/* (reply+ | input): one slot; build.c refuses mixing them and a second <input>. */
static const fl_schema_slot s_node[] = {{BIT(E_SAY), 1, UNBOUNDED, NULL},
                                        {BIT(E_REPLY) | BIT(E_INPUT), 1, UNBOUNDED, NULL},
                                        {BIT(E_TIMEOUT), 0, 1, NULL}};
static const fl_schema_slot s_ending[] = {{BIT(E_SAY), 0, UNBOUNDED, NULL}};
static const fl_schema_slot s_outcome[] = {{BIT(E_EFFECT), 0, 1, NULL},
                                           {BIT(E_SET), 0, UNBOUNDED, NULL},
                                           {BIT(E_NOTE), 0, 1, NULL},
                                           {BIT(E_BETTER), 0, 1, NULL}};
static const fl_schema_slot s_input[] = {{BIT(E_ROUTE), 1, UNBOUNDED, NULL},
                                         {BIT(E_FALLBACK), 1, 1, NULL}};

static const fl_schema_el rules[E_COUNT] = {
    [E_SCENARIO] = {"scenario", 0, s_scenario, N(s_scenario), a_scenario, N(a_scenario)},
    [E_TITLE] = {"title", 1, NULL, 0, NULL, 0},
    [E_BRIEF] = {"brief", 1, NULL, 0, NULL, 0},
    [E_GOAL] = {"goal", 1, NULL, 0, NULL, 0},
    [E_TAGS] = {"tags", 1, NULL, 0, NULL, 0},
    [E_CUSTOMER] = {"customer", 0, s_customer, N(s_customer), a_customer, N(a_customer)},
    [E_START] = {"start", 0, NULL, 0, a_start, N(a_start)},
    [E_TIMING] = {"timing", 0, NULL, 0, a_timing, N(a_timing)},
    [E_GOODWILL] = {"goodwill", 0, NULL, 0, a_goodwill, N(a_goodwill)},
    [E_OFFER] = {"offer", 1, NULL, 0, a_offer, N(a_offer)},
    [E_VAR] = {"var", 0, NULL, 0, a_var, N(a_var)},
    [E_RUBRIC] = {"rubric", 0, s_rubric, N(s_rubric), a_rubric, N(a_rubric)},
    [E_WEIGHT] = {"weight", 0, NULL, 0, a_weight, N(a_weight)},
    [E_PARAM] = {"param", 0, NULL, 0, a_param, N(a_param)},
    [E_CRITICAL] = {"critical", 0, NULL, 0, a_critical, N(a_critical)},
    [E_NODE] = {"node", 0, s_node, N(s_node), a_node, N(a_node)},
    [E_ENDING] = {"ending", 0, s_ending, N(s_ending), a_ending, N(a_ending)},
    [E_SAY] = {"say", 1, NULL, 0, a_say, N(a_say)},
    [E_REPLY] = {"reply", 1, s_outcome, N(s_outcome), a_reply, N(a_reply)},
    [E_EFFECT] = {"effect", 0, NULL, 0, a_effect, N(a_effect)},
    [E_SET] = {"set", 0, NULL, 0, a_set, N(a_set)},
    [E_NOTE] = {"note", 1, NULL, 0, NULL, 0},
    [E_BETTER] = {"better", 1, NULL, 0, NULL, 0},
    [E_INPUT] = {"input", 0, s_input, N(s_input), a_input, N(a_input)},
    [E_ROUTE] = {"route", 0, s_outcome, N(s_outcome), a_route, N(a_route)},
    [E_FALLBACK] = {"fallback", 0, s_outcome, N(s_outcome), a_fallback, N(a_fallback)},
    [E_TIMEOUT] = {"timeout", 0, NULL, 0, a_timeout, N(a_timeout)},
};

static const fl_schema scenario_schema = {
    .els = rules,
    .n_els = E_COUNT,
    .root = E_SCENARIO,
    .rule = "schema",
    .file = "a scenario file",
    .files = "scenarios",
    .elements = "scenario",
    .no_text = "holds only elements, but has text",
    .file_w = FL_W_L2_SCHEMA_SCENARIO_FILE,
    .files_w = FL_W_L2_SCHEMA_IN_SCENARIOS,
    .elements_w = FL_W_L2_SCHEMA_OF_SCENARIO,
    .no_text_w = FL_W_L2_SCHEMA_SCENARIO_NO_TEXT,
};

/* ---- A string -> index table, for ids ------------------------------------------------- */

/* What a name was declared with. */
typedef struct {
    const char *key; /* not copied: it outlives the table */
    int32_t value;
    fl_pos pos;
    int ok; /* declared without error: a name "did you mean" may offer */
} slot;

/* The names in order of declaration (so "did you mean" weighs them in that order, whatever the
 * hashes), and the map from a name to its index there. */
typedef struct {
    fl_hmap map;
    slot *slots;
    size_t count, cap;
} table;

static int table_init(table *t, size_t expected)
{
    return fl_hmap_reserve(&t->map, expected) || FL_GROW(t->slots, t->cap, expected) ? -1 : 0;
}

static void table_free(table *t)
{
    fl_hmap_free(&t->map);
    free(t->slots);
}

static slot *table_find_n(const table *t, const char *key, size_t len)
{
    const fl_hmap_slot *s = fl_hmap_find(&t->map, key, len);
    return s ? &t->slots[(uintptr_t)s->value] : NULL;
}

static slot *table_find(const table *t, const char *key)
{
    return table_find_n(t, key, strlen(key));
}

/* Adds key (not copied: it must outlive the table), `ok` when it was declared without error.
 * Returns the existing slot when the key is already there; NULL when added. Sets *oom when the
 * table could not grow (the key is not added then). */
static slot *table_add(table *t, const char *key, int32_t value, fl_pos pos, int ok, int *oom)
{
    int added;
    fl_hmap_slot *s = fl_hmap_put(&t->map, key, strlen(key), &added);
    if (s && !added)
        return &t->slots[(uintptr_t)s->value];
    if (!s || FL_GROW(t->slots, t->cap, t->count + 1)) {
        if (s)
            fl_hmap_remove(&t->map, s);
        *oom = 1;
        return NULL;
    }
    s->value = (void *)(uintptr_t)t->count;
    t->slots[t->count++] = (slot){key, value, pos, ok};
    return NULL;
}

/* ---- Growable arrays ------------------------------------------------------------------ */

/* One type-erased array per kind of element the builder collects (fl_grow with the element
 * size it was given). */
typedef struct {
    void *data;
    size_t count, cap, size;
} vec;

static int vec_reserve(vec *v, size_t n)
{
    return fl_grow(&v->data, &v->cap, n, v->size);
}

static void *vec_push(vec *v, int *oom)
{
    if (v->count == v->cap && fl_grow(&v->data, &v->cap, v->count + 1, v->size)) {
        *oom = 1;
        return NULL;
    }
    void *p = (char *)v->data + v->count++ * v->size;
    memset(p, 0, v->size);
    return p;
}

/* ---- The builder ---------------------------------------------------------------------- */

/* A reference to a node by name, resolved when the whole file has been read. */
typedef struct {
    uint32_t node; /* the node holding the reference */
    int32_t reply; /* index of the reply in that node, -1 for its <timeout> */
    const char *name;
    size_t tag; /* offset of the referring element, for the error's position */
    int what;   /* the message when the node does not exist: FL_W_LN_TARGET_REPLY... */
} pending;

struct fl_builder {
    fl_arena *arena;
    fl_schema_check chk; /* the structure, and the text of the open elements */
    fl_diags *diags;
    fl_scenario *s;
    table nodes, offers, vars, ids;
    vec v_nodes, v_offers, v_vars, v_lines, v_replies, v_sets, v_pending, v_tags;
    /* Names of the current reply's target, kept until the node ends. */
    vec v_reply_targets; /* of pending (node field filled at node end) */
    int in_node, in_reply;
    const char *start_name; /* start="..." of <scenario>, NULL for the default */
    fl_pos start_pos;
    uint32_t critical_seen; /* <critical> items the rubric already named */
    int oom;
};

static fl_pos pos_at(fl_builder *b, size_t off)
{
    return fl_schema_pos(&b->chk, off);
}

static fl_pos attr_pos(fl_builder *b, size_t tag, const char *name, int value)
{
    return fl_schema_attr_pos(&b->chk, tag, name, value);
}

#define value_char_pos(b, ...) fl_schema_value_pos(&(b)->chk, __VA_ARGS__)
/* A diagnostic whose message is a catalogue word (catalogue_lint.def) in the list's language:
 * error_w(b, pos, rule, FL_W_..., the word's arguments...). */
#define error_w(b, p, ...) fl_schema_diagw(&(b)->chk, FL_SEV_ERROR, p, __VA_ARGS__)
#define warn_w(b, p, ...)  fl_schema_diagw(&(b)->chk, FL_SEV_WARNING, p, __VA_ARGS__)

static void *alloc(fl_builder *b, size_t size)
{
    void *p = fl_arena_alloc(b->arena, size ? size : 1);
    if (!p)
        b->oom = 1;
    return p;
}

/* For memory filled at once by the caller (copies of arrays and text). */
static void *alloc_raw(fl_builder *b, size_t size)
{
    void *p = fl_arena_alloc_raw(b->arena, size ? size : 1);
    if (!p)
        b->oom = 1;
    return p;
}

static const char *copy(fl_builder *b, const char *s)
{
    if (!s)
        return NULL;
    const char *p = fl_arena_strdup(b->arena, s);
    if (!p)
        b->oom = 1;
    return p;
}

/* Keeps the closest of the keys of t to sg's name, among those declared without error: a name
 * that is itself invalid is no fix for another. */
static void suggest_table(fl_suggestion *sg, const table *t)
{
    for (size_t i = 0; t && i < t->count; i++)
        if (t->slots[i].ok)
            fl_suggest(sg, t->slots[i].key);
}

/* ---- Conditions ----------------------------------------------------------------------- */

static const char *const builtin_names[] = {"mood", "patience", "trust",
                                            "turn", "elapsed",  "goodwill"};
#define N_BUILTIN 6

/* The slot of a built-in condition name (meters, counters, signal flags), or -1. */
static int builtin_slot(const char *s, size_t len)
{
    for (int i = 0; i < N_BUILTIN; i++)
        if (strlen(builtin_names[i]) == len && memcmp(builtin_names[i], s, len) == 0)
            return FL_SLOT_MOOD + i;
    for (int i = 0; i < FL_SIGNAL_COUNT; i++) {
        const char *f = fl_signal_flag(i);
        if (strlen(f) == len && memcmp(f, s, len) == 0)
            return FL_SLOT_FLAG0 + i;
    }
    return -1;
}

static int resolve_name(const char *s, size_t len, void *payload)
{
    fl_builder *b = payload;
    int slot_of_builtin = builtin_slot(s, len);
    if (slot_of_builtin >= 0)
        return slot_of_builtin;
    if (len >= 72) /* a name this long is never looked up: reported unknown */
        return -1;
    slot *v = table_find_n(&b->vars, s, len);
    /* A variable declared with an invalid name is not one: condition() says why. */
    return v && v->ok ? FL_SLOT_VAR0 + v->value : -1;
}

/* Compiles the `if` attribute, if any; reports problems at their column. */
static void condition(fl_builder *b, const fl_attrs *a, const fl_expr **cond, const char **src)
{
    const char *text = fl_attr(a, "if");
    *cond = NULL;
    *src = NULL;
    if (!text)
        return;
    fl_expr *e = NULL;
    fl_expr_error err;
    int rc = fl_expr_compile(&e, b->arena, text, strlen(text), resolve_name, b, &err);
    if (rc == FL_EXPR_ENOMEM) {
        b->oom = 1;
        return;
    }
    if (rc == FL_EXPR_EUNKNOWN) {
        char name[72], h[160];
        snprintf(name, sizeof(name), "%.*s", (int)fl_utf8_cut(text + err.offset, err.length, 64),
                 text + err.offset);
        fl_pos at = value_char_pos(b, a->tag, "if", err.offset);
        slot *bad = table_find(&b->vars, name);
        if (bad && !bad->ok) {
            error_w(b, at, "unknown-name", FL_W_LN_INVALID_VAR_USE, name, (unsigned)bad->pos.line);
            return;
        }
        fl_suggestion sg = fl_suggest_start(name);
        for (int i = 0; i < N_BUILTIN; i++)
            fl_suggest(&sg, builtin_names[i]);
        for (int i = 0; i < FL_SIGNAL_COUNT; i++)
            fl_suggest(&sg, fl_signal_flag(i));
        suggest_table(&sg, &b->vars);
        error_w(b, at, "unknown-name", FL_W_LN_UNKNOWN_NAME, name,
                fl_suggest_hint(&sg, h, sizeof(h)));
        return;
    }
    if (rc != 0) {
        /* expr.c words it in the diagnostics' language already */
        fl_schema_diag(&b->chk, FL_SEV_ERROR, value_char_pos(b, a->tag, "if", err.offset),
                       "condition-syntax", "%s", err.message);
        return;
    }
    *cond = e;
    *src = copy(b, text);
}

/* ---- Building ----------------------------------------------------------------------- */

static fl_node *cur_node(fl_builder *b)
{
    return b->in_node ? (fl_node *)b->v_nodes.data + b->v_nodes.count - 1 : NULL;
}

static fl_reply *cur_reply(fl_builder *b)
{
    return b->in_reply ? (fl_reply *)b->v_replies.data + b->v_replies.count - 1 : NULL;
}

static fl_line *cur_line(fl_builder *b)
{
    return (fl_line *)b->v_lines.data + b->v_lines.count - 1;
}

/* Registers a stable id (explicit, or derived from the text) and returns the arena copy. */
/* Is `id` already the id of a line or reply of the node being built? */
static int used_in_node(fl_builder *b, const char *id)
{
    for (size_t i = 0; i < b->v_lines.count; i++) {
        const char *other = ((fl_line *)b->v_lines.data)[i].id;
        if (other && strcmp(other, id) == 0)
            return 1;
    }
    for (size_t i = 0; i < b->v_replies.count; i++) {
        const char *other = ((fl_reply *)b->v_replies.data)[i].id;
        if (other && strcmp(other, id) == 0)
            return 1;
    }
    return 0;
}

/*
 * Registers a stable id (explicit, or derived from the text) and returns the arena copy.
 * Explicit ids are unique across the file. Derived ids ("node/r-1a2b3c4d") hold a '/', which
 * explicit ids cannot, and start with their node's id, so they can only meet another derived id
 * of the same node: checking that node is enough.
 */
static const char *stable_id(fl_builder *b, const char *explicit_id, size_t tag, fl_pos el_pos,
                             const char *node_id, char kind, const char *text)
{
    char buf[160];
    const char *id;
    if (explicit_id) {
        slot *dup = table_add(&b->ids, explicit_id, 0, el_pos, 1, &b->oom);
        if (dup)
            error_w(b, attr_pos(b, tag, "id", 1), "unique-id", FL_W_LN_DUP_LINE_ID, explicit_id,
                    (unsigned)dup->pos.line);
        return explicit_id;
    }
    fl_derive_id(buf, sizeof(buf), node_id ? node_id : "", kind, text);
    /* The same text twice in one node: number the later ones, in file order. */
    size_t base = strlen(buf);
    for (int k = 2; used_in_node(b, buf) && k < 1000; k++)
        snprintf(buf + base, sizeof(buf) - base, "-%d", k);
    id = copy(b, buf);
    return id ? id : "";
}

static uint32_t parse_signals(const char *list)
{
    uint32_t bits = 0;
    const char *p = list;
    while (p && *p) {
        while (fl_schema_is_space(*p))
            p++;
        const char *w = p;
        while (*p && !fl_schema_is_space(*p))
            p++;
        if (p > w)
            bits |= fl_signal_parse(w, (size_t)(p - w));
    }
    return bits;
}

/* The message of each mistake fl_route_parse reports. */
static int pattern_word(fl_route_error_kind kind)
{
    switch (kind) {
    case FL_ROUTE_UNCLOSED:
        return FL_W_RT_ERR_UNCLOSED;
    case FL_ROUTE_UNOPENED:
        return FL_W_RT_ERR_UNOPENED;
    case FL_ROUTE_EMPTY_GROUP:
        return FL_W_RT_ERR_EMPTY_GROUP;
    case FL_ROUTE_TOO_DEEP:
        return FL_W_RT_ERR_TOO_DEEP;
    case FL_ROUTE_EMPTY_ALT:
        break;
    }
    return FL_W_RT_ERR_EMPTY_ALT;
}

/* Parses match="..." (route.h's grammar) into the route's alternatives; each mistake is a
 * `pattern` error at the character it is about. */
static void parse_patterns(fl_builder *b, const fl_attrs *a, fl_reply *r)
{
    const char *m = fl_attr(a, "match");
    if (!m)
        return;
    char *src = fl_arena_strdup(b->arena, m);
    if (!src) {
        b->oom = 1;
        return;
    }
    r->match_src = src;
    fl_route_error errs[16];
    size_t n_errs = 0;
    if (fl_route_parse(&r->patterns, &r->n_patterns, b->arena, src, errs, 16, &n_errs) == -2) {
        b->oom = 1;
        return;
    }
    for (size_t k = 0; k < n_errs && k < 16; k++) {
        fl_pos p = value_char_pos(b, a->tag, "match", errs[k].offset);
        fl_diag_addw(b->diags, FL_SEV_ERROR, p.line, p.column, "pattern",
                     pattern_word(errs[k].kind), m, FL_ROUTE_MAX_DEPTH);
    }
}

/* An avatar is a built-in name or a file inside the scenario's folder (a relative path without
 * "..": a scenario mailed with its pictures never reaches outside its folder). */
static void check_avatar(fl_builder *b, const fl_attrs *a, const char *v)
{
    static const char *const avatars[] = {"woman-1", "woman-2", "man-1", "man-2"};
    char h[160];
    int looks_like_path = strchr(v, '/') || strchr(v, '\\') || strchr(v, '.') || strchr(v, ':');
    fl_pos vp = attr_pos(b, a->tag, "avatar", 1);
    if (!looks_like_path) {
        for (size_t i = 0; i < sizeof(avatars) / sizeof(*avatars); i++)
            if (strcmp(v, avatars[i]) == 0)
                return;
        fl_suggestion sg = fl_suggest_start(v);
        for (size_t i = 0; i < sizeof(avatars) / sizeof(*avatars); i++)
            fl_suggest(&sg, avatars[i]);
        warn_w(b, vp, "avatar-known", FL_W_LN_AVATAR_KNOWN, v, fl_suggest_hint(&sg, h, sizeof(h)));
        return;
    }
    int bad = v[0] == '/' || strchr(v, ':') || strchr(v, '\\');
    for (const char *p = v; !bad && *p;) {
        const char *e = strchr(p, '/');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == 2 && p[0] == '.' && p[1] == '.')
            bad = 1;
        p += len + (e != NULL);
    }
    if (bad) {
        error_w(b, vp, "local-file", FL_W_LN_AVATAR_OUTSIDE, v);
        return;
    }
    /* Whether the file is there is the front ends' to say (fl_content_check_avatar, rule
     * file-exists): the core opens no file. The model keeps where to say it. */
    b->s->customer_avatar_pos = vp;
}

static void start_reply(fl_builder *b, const fl_attrs *a, fl_reply_kind kind)
{
    fl_node *node = cur_node(b);
    fl_reply *r = vec_push(&b->v_replies, &b->oom);
    pending *t = vec_push(&b->v_reply_targets, &b->oom);
    if (!node || !r || !t)
        return;
    b->in_reply = 1;
    b->v_sets.count = 0;
    r->kind = kind;
    r->pos = pos_at(b, a->tag);
    r->offer = -1;
    r->target = -1;
    t->name = copy(b, fl_attr(a, "to"));
    t->tag = a->tag;
    t->what = kind == FL_REPLY_CHOICE  ? FL_W_LN_TARGET_REPLY
              : kind == FL_REPLY_ROUTE ? FL_W_LN_TARGET_ROUTE
                                       : FL_W_LN_TARGET_FALLBACK;
    r->signals = parse_signals(fl_attr(a, "signals"));
    condition(b, a, &r->cond, &r->cond_src);
    /* The id needs the text, which comes later: keep what is known now. */
    r->id = copy(b, fl_attr(a, "id"));
    if (kind == FL_REPLY_ROUTE)
        parse_patterns(b, a, r);
    const char *once = fl_attr(a, "once");
    r->once = once && strcmp(once, "yes") == 0;
    const char *crit = fl_attr(a, "critical");
    r->critical = crit && strcmp(crit, "yes") == 0;
    const char *g = fl_attr(a, "gesture");
    long x;
    if (g && fl_schema_parse_long(g, 0, LONG_MAXV, &x)) {
        r->gesture = (int32_t)x;
        if (x > 0)
            r->signals |= FL_SIG_GESTURE;
        if (x > 0 && b->s->goodwill_budget < 0)
            error_w(b, attr_pos(b, a->tag, "gesture", 1), "goodwill-declared",
                    FL_W_LN_GESTURE_NO_BUDGET, x);
    } else if (!g && (r->signals & FL_SIG_GESTURE)) {
        warn_w(b, attr_pos(b, a->tag, "signals", 1), "gesture-amount", FL_W_LN_GESTURE_AMOUNT);
    }
    const char *offer = fl_attr(a, "offer");
    if (offer) {
        slot *o = table_find(&b->offers, offer);
        if (!o) {
            char h[160];
            fl_suggestion sg = fl_suggest_start(offer);
            suggest_table(&sg, &b->offers);
            error_w(b, attr_pos(b, a->tag, "offer", 1), "offer-exists", FL_W_LN_OFFER_UNKNOWN,
                    offer, fl_suggest_hint(&sg, h, sizeof(h)));
        } else {
            r->offer = o->value;
        }
        r->signals |= FL_SIG_UPSELL;
    } else if (r->signals & FL_SIG_UPSELL) {
        warn_w(b, attr_pos(b, a->tag, "signals", 1), "upsell-offer", FL_W_LN_UPSELL_NO_OFFER);
    }
}

static void end_reply(fl_builder *b, const fl_schema_frame *f, const char *text)
{
    fl_reply *r = cur_reply(b);
    fl_node *node = cur_node(b);
    b->in_reply = 0;
    if (!r || !node)
        return;
    fl_pos p = pos_at(b, f->tag);
    if (r->kind == FL_REPLY_CHOICE) {
        r->text = copy(b, text);
        if (!text[0])
            error_w(b, p, "reply-text", FL_W_LN_REPLY_NO_TEXT);
    }
    const char *basis = r->kind == FL_REPLY_CHOICE  ? r->text
                        : r->kind == FL_REPLY_ROUTE ? "route"
                                                    : "fallback";
    if (b->oom) /* r->text may be missing */
        return;
    char route_basis[1100];
    if (r->kind == FL_REPLY_ROUTE) {
        /* A route's id derives from its combinations written out (route.h): a match without
         * groups gives the text ids were always derived from, and a hand-written list of
         * combinations rewritten with groups keeps its id. */
        if (fl_route_key(route_basis, sizeof(route_basis), r->patterns, r->n_patterns) < 0)
            b->oom = 1;
        basis = route_basis;
    }
    r->id =
        stable_id(b, r->id, f->tag, p, node->id, r->kind == FL_REPLY_FALLBACK ? 'f' : 'r', basis);
    if (b->v_sets.count) {
        fl_set *sets = alloc_raw(b, b->v_sets.count * sizeof(fl_set));
        if (sets) {
            memcpy(sets, b->v_sets.data, b->v_sets.count * sizeof(fl_set));
            r->sets = sets;
            r->n_sets = (uint32_t)b->v_sets.count;
        }
    }
}

static void start_node(fl_builder *b, const fl_attrs *a, int ending)
{
    fl_node *node = vec_push(&b->v_nodes, &b->oom);
    if (!node)
        return;
    b->in_node = 1;
    b->v_lines.count = 0;
    b->v_replies.count = 0;
    b->v_reply_targets.count = 0;
    node->pos = pos_at(b, a->tag);
    node->timeout = -1;
    node->id = copy(b, fl_attr(a, "id") ? fl_attr(a, "id") : "");
    if (ending) {
        const char *o = fl_attr(a, "outcome");
        for (int i = 1; o && fl_outcome_names[i]; i++)
            if (strcmp(o, fl_outcome_names[i]) == 0)
                node->outcome = (fl_outcome)i;
    }
    long x;
    const char *rs = fl_attr(a, "reply-seconds");
    if (rs && fl_schema_parse_long(rs, 3, 600, &x))
        node->reply_seconds = (int32_t)x;
    if (node->id && node->id[0]) {
        fl_pos p = node->pos;
        slot *dup = table_add(&b->nodes, node->id, (int32_t)(b->v_nodes.count - 1), p,
                              fl_schema_valid_id(node->id, 0), &b->oom);
        if (dup)
            error_w(b, attr_pos(b, a->tag, "id", 1), "unique-id", FL_W_LN_DUP_NODE_ID, node->id,
                    (unsigned)dup->pos.line);
    }
}

static void end_node(fl_builder *b)
{
    fl_node *node = cur_node(b);
    b->in_node = 0;
    if (!node)
        return;
    uint32_t index = (uint32_t)(b->v_nodes.count - 1);
    fl_line *lines = alloc_raw(b, b->v_lines.count * sizeof(fl_line));
    fl_reply *replies = alloc_raw(b, b->v_replies.count * sizeof(fl_reply));
    if (!lines || !replies)
        return;
    if (b->v_lines.count)
        memcpy(lines, b->v_lines.data, b->v_lines.count * sizeof(fl_line));
    if (b->v_replies.count)
        memcpy(replies, b->v_replies.data, b->v_replies.count * sizeof(fl_reply));
    node->lines = lines;
    node->n_lines = (uint32_t)b->v_lines.count;
    node->replies = replies;
    node->n_replies = (uint32_t)b->v_replies.count;
    for (size_t i = 0; i < b->v_reply_targets.count; i++) {
        pending *t = (pending *)b->v_reply_targets.data + i;
        pending *p = vec_push(&b->v_pending, &b->oom);
        if (!p)
            return;
        *p = *t;
        p->node = index;
        p->reply = (int32_t)i;
    }
}

static void on_element_start(fl_builder *b, int el, const fl_attrs *a)
{
    fl_scenario *s = b->s;
    long x;
    const char *v;
    switch (el) {
    case E_SCENARIO:
        s->id = copy(b, fl_attr(a, "id"));
        if ((v = fl_attr(a, "version")) && fl_schema_parse_long(v, 1, LONG_MAXV, &x))
            s->version = (uint32_t)x;
        s->lang = copy(b, fl_attr(a, "lang"));
        if ((v = fl_attr(a, "start"))) {
            b->start_name = copy(b, v);
            b->start_pos = attr_pos(b, a->tag, "start", 1);
        }
        if ((v = fl_attr(a, "minutes")) && fl_schema_parse_long(v, 1, 120, &x))
            s->minutes = (uint32_t)x;
        break;
    case E_CUSTOMER:
        s->customer_name = copy(b, fl_attr(a, "name"));
        s->customer_voice = copy(b, fl_attr(a, "voice"));
        s->customer_avatar = copy(b, fl_attr(a, "avatar"));
        s->customer_detail = copy(b, fl_attr(a, "detail"));
        if (s->customer_avatar)
            check_avatar(b, a, s->customer_avatar);
        break;
    case E_START:
        if ((v = fl_attr(a, "mood")) && fl_schema_parse_long(v, -100, 100, &x))
            s->start_mood = (int32_t)x;
        if ((v = fl_attr(a, "patience")) && fl_schema_parse_long(v, 0, 100, &x))
            s->start_patience = (int32_t)x;
        if ((v = fl_attr(a, "trust")) && fl_schema_parse_long(v, 0, 100, &x))
            s->start_trust = (int32_t)x;
        break;
    case E_TIMING:
        if ((v = fl_attr(a, "reply-seconds")) && fl_schema_parse_long(v, 3, 600, &x))
            s->reply_seconds = (int32_t)x;
        break;
    case E_RUBRIC:
        s->voice_scored = (v = fl_attr(a, "voice")) && strcmp(v, "scored") == 0;
        break;
    case E_GOODWILL:
        if ((v = fl_attr(a, "budget")) && fl_schema_parse_long(v, 0, LONG_MAXV, &x))
            s->goodwill_budget = (int32_t)x;
        s->goodwill_unit = copy(b, fl_attr(a, "unit"));
        break;
    case E_OFFER: {
        fl_offer *o = vec_push(&b->v_offers, &b->oom);
        if (!o || !(v = fl_attr(a, "id")))
            break;
        o->id = copy(b, v);
        o->pos = pos_at(b, a->tag);
        /* a price outside 0..20,000,000 is no price (the schema reports it); converting it to
         * cents would overflow (found by fuzz_scenario: price="1e80") */
        double price = (v = fl_attr(a, "price")) ? strtod(v, NULL) : -1;
        o->price_cents = price >= 0 && price <= 2e7 ? (int32_t)(price * 100 + 0.5) : -1;
        slot *dup = table_add(&b->offers, o->id, (int32_t)(b->v_offers.count - 1), o->pos,
                              fl_schema_valid_id(o->id, 0), &b->oom);
        if (dup)
            error_w(b, attr_pos(b, a->tag, "id", 1), "unique-id", FL_W_LN_DUP_OFFER_ID, o->id,
                    (unsigned)dup->pos.line);
        break;
    }
    case E_VAR: {
        fl_var *var = vec_push(&b->v_vars, &b->oom);
        if (!var || !(v = fl_attr(a, "name")))
            break;
        var->name = copy(b, v);
        var->pos = pos_at(b, a->tag);
        if ((v = fl_attr(a, "init")) && fl_schema_parse_long(v, -LONG_MAXV, LONG_MAXV, &x))
            var->init = (int32_t)x;
        fl_pos p = attr_pos(b, a->tag, "name", 1);
        int builtin = builtin_slot(var->name, strlen(var->name)) >= 0;
        if (builtin)
            error_w(b, p, "unique-id", FL_W_LN_VAR_BUILTIN, var->name);
        /* An invalid name stays in the table, so that its uses are told why it is unknown
         * (condition()), but it is never suggested. */
        slot *dup = table_add(&b->vars, var->name, (int32_t)(b->v_vars.count - 1), p,
                              !builtin && fl_schema_valid_id(var->name, 1), &b->oom);
        if (dup)
            error_w(b, p, "unique-id", FL_W_LN_DUP_VAR, var->name, (unsigned)dup->pos.line);
        break;
    }
    case E_WEIGHT: {
        const char *dim = fl_attr(a, "dimension");
        for (int d = 0; dim && d < FL_DIM_COUNT; d++) {
            if (strcmp(dim, fl_dimension_names[d]) != 0)
                continue;
            if (fl_schema_parent(&b->chk)->set & (1u << d))
                error_w(b, attr_pos(b, a->tag, "dimension", 1), "rubric", FL_W_LN_DUP_WEIGHT, dim);
            fl_schema_parent(&b->chk)->set |= 1u << d;
            if ((v = fl_attr(a, "value")) && fl_schema_parse_long(v, 0, 100, &x))
                s->weights[d] = (int)x;
        }
        break;
    }
    case E_PARAM: {
        const char *name = fl_attr(a, "name");
        for (int p = 0; name && p < FL_P_COUNT; p++) {
            const fl_param_info *pi = &fl_rubric_params[p];
            if (strcmp(name, pi->name) != 0)
                continue;
            if (fl_schema_parent(&b->chk)->set & (1u << (FL_DIM_COUNT + p)))
                error_w(b, attr_pos(b, a->tag, "name", 1), "rubric", FL_W_LN_DUP_PARAM, name);
            fl_schema_parent(&b->chk)->set |= 1u << (FL_DIM_COUNT + p);
            v = fl_attr(a, "value");
            if (v && fl_schema_parse_long(v, pi->min, pi->max, &x))
                s->params[p] = (int)x;
            else if (v)
                error_w(b, attr_pos(b, a->tag, "value", 1), "rubric", FL_W_LN_PARAM_RANGE, name, v,
                        pi->min, pi->max);
        }
        break;
    }
    case E_CRITICAL: {
        const char *m = fl_attr(a, "mistake"), *off = fl_attr(a, "off");
        uint32_t bit = m ? fl_critical_parse(m, strlen(m)) : 0;
        if (!bit)
            break;
        if (b->critical_seen & bit)
            error_w(b, attr_pos(b, a->tag, "mistake", 1), "rubric", FL_W_LN_DUP_CRITICAL, m);
        b->critical_seen |= bit;
        if (off && strcmp(off, "yes") == 0)
            s->critical &= ~bit;
        else
            s->critical |= bit;
        break;
    }
    case E_NODE:
    case E_ENDING:
        start_node(b, a, el == E_ENDING);
        break;
    case E_SAY: {
        fl_line *l = vec_push(&b->v_lines, &b->oom);
        if (!l)
            break;
        l->pos = pos_at(b, a->tag);
        l->id = copy(b, fl_attr(a, "id"));
        condition(b, a, &l->cond, &l->cond_src);
        const char *e = fl_attr(a, "emotion");
        for (int i = 0; e && i < FL_EMO_COUNT; i++)
            if (strcmp(e, fl_emotion_names[i]) == 0)
                l->emotion = (fl_emotion)i;
        const char *g = fl_attr(a, "grievance");
        l->grievance = g && strcmp(g, "yes") == 0;
        break;
    }
    case E_REPLY:
    case E_ROUTE:
    case E_FALLBACK: {
        fl_schema_frame *parent = fl_schema_parent(&b->chk);
        if (el == E_REPLY && (parent->seen & BIT(E_INPUT)))
            error_w(b, pos_at(b, a->tag), "schema", FL_W_LN_REPLY_OR_INPUT);
        start_reply(b, a,
                    el == E_REPLY   ? FL_REPLY_CHOICE
                    : el == E_ROUTE ? FL_REPLY_ROUTE
                                    : FL_REPLY_FALLBACK);
        break;
    }
    case E_INPUT: {
        fl_schema_frame *parent = fl_schema_parent(&b->chk);
        fl_node *node = cur_node(b);
        if (parent->seen & BIT(E_REPLY) || node->free_text)
            error_w(b, pos_at(b, a->tag), "schema", FL_W_LN_REPLY_OR_INPUT);
        node->free_text = 1;
        node->placeholder = copy(b, fl_attr(a, "placeholder"));
        break;
    }
    case E_EFFECT: {
        fl_reply *r = cur_reply(b);
        static const char *const meters[] = {"mood", "patience", "trust"};
        int16_t *dst[] = {&r->effect.mood, &r->effect.patience, &r->effect.trust};
        for (int i = 0; i < 3; i++) {
            if (!(v = fl_attr(a, meters[i])))
                continue;
            if (!fl_schema_parse_long(v, -200, 200, &x))
                error_w(b, attr_pos(b, a->tag, meters[i], 1), "effect-range", FL_W_LN_EFFECT_RANGE,
                        meters[i], v);
            else
                *dst[i] = (int16_t)x;
        }
        break;
    }
    case E_SET: {
        fl_set *st = vec_push(&b->v_sets, &b->oom);
        if (!st)
            break;
        const char *var = fl_attr(a, "var"), *value = fl_attr(a, "value"), *add = fl_attr(a, "add");
        slot *vs = var ? table_find(&b->vars, var) : NULL;
        /* A name declared invalid (vs not ok) is the same invalid var="...", which the schema
         * reported already. */
        if (var && !vs) {
            char h[160];
            fl_suggestion sg = fl_suggest_start(var);
            suggest_table(&sg, &b->vars);
            error_w(b, attr_pos(b, a->tag, "var", 1), "var-exists", FL_W_LN_SET_UNKNOWN, var,
                    fl_suggest_hint(&sg, h, sizeof(h)));
        }
        st->var = vs ? vs->value : 0;
        if ((value != NULL) == (add != NULL)) {
            error_w(b, pos_at(b, a->tag), "set-value", FL_W_LN_SET_VALUE);
        } else if (fl_schema_parse_long(value ? value : add, -FL_EXPR_MAX_LITERAL,
                                        FL_EXPR_MAX_LITERAL, &x)) {
            st->value = (int32_t)x;
            st->add = add != NULL;
        }
        break;
    }
    case E_TIMEOUT: {
        fl_node *node = cur_node(b);
        pending *p = vec_push(&b->v_pending, &b->oom);
        if (!node || !p)
            break;
        p->node = (uint32_t)(b->v_nodes.count - 1);
        p->reply = -1;
        p->name = copy(b, fl_attr(a, "to"));
        p->tag = a->tag;
        p->what = FL_W_LN_TARGET_TIMEOUT;
        break;
    }
    default:
        break;
    }
}

static void on_element_end(fl_builder *b, const fl_schema_frame *f)
{
    fl_scenario *s = b->s;
    const char *text =
        rules[f->el].text ? fl_schema_take_text(&b->chk, b->arena, f->text_start) : "";
    switch (f->el) {
    case E_TITLE:
        s->title = text;
        break;
    case E_BRIEF:
        s->brief = text;
        break;
    case E_GOAL:
        s->goal = text;
        break;
    case E_TAGS: {
        char *t = (char *)text; /* arena copy, ours to split */
        for (char *p = t; *p; p++) {
            if (*p == ' ') {
                *p = '\0';
            } else if (p == t || p[-1] == '\0') {
                const char **tag = vec_push(&b->v_tags, &b->oom);
                if (tag)
                    *tag = p;
            }
        }
        break;
    }
    case E_OFFER:
        if (b->v_offers.count)
            ((fl_offer *)b->v_offers.data)[b->v_offers.count - 1].text = text;
        break;
    case E_SAY: {
        fl_line *l = cur_line(b);
        fl_node *node = cur_node(b);
        l->text = text;
        l->id = stable_id(b, l->id, f->tag, l->pos, node ? node->id : "", 'l', text);
        break;
    }
    case E_NOTE: {
        fl_reply *r = cur_reply(b);
        if (r)
            r->note = text;
        break;
    }
    case E_BETTER: {
        fl_reply *r = cur_reply(b);
        if (r)
            r->better = text;
        break;
    }
    case E_REPLY:
    case E_ROUTE:
    case E_FALLBACK:
        end_reply(b, f, text);
        break;
    case E_NODE:
    case E_ENDING:
        end_node(b);
        break;
    default:
        break;
    }
}

/* ---- Events from the parser ------------------------------------------------------------- */

fl_builder *fl_builder_new(const line_index *li, const char *path, fl_diags *diags)
{
    fl_builder *b = fl_calloc(1, sizeof(*b));
    if (!b)
        return NULL;
    pthread_once(&params_once, init_params_once);
    b->diags = diags;
    fl_schema_init(&b->chk, &scenario_schema, li, diags, &b->oom);
    b->arena = fl_arena_new();
    b->v_nodes.size = sizeof(fl_node);
    b->v_offers.size = sizeof(fl_offer);
    b->v_vars.size = sizeof(fl_var);
    b->v_lines.size = sizeof(fl_line);
    b->v_replies.size = sizeof(fl_reply);
    b->v_sets.size = sizeof(fl_set);
    b->v_pending.size = sizeof(pending);
    b->v_reply_targets.size = sizeof(pending);
    b->v_tags.size = sizeof(char *);
    /* Sized from the file for what grows with it (a node takes at least ~500 bytes of XML), so
     * a large scenario is not copied and rehashed again and again while it loads. */
    size_t nodes = li->len / 512 + 16;
    if (!b->arena || table_init(&b->nodes, nodes) || table_init(&b->offers, 8) ||
        table_init(&b->vars, 8) || table_init(&b->ids, 4 * nodes) ||
        vec_reserve(&b->v_nodes, nodes) || vec_reserve(&b->v_pending, 3 * nodes))
        goto fail;
    fl_scenario *s = b->s = fl_arena_alloc(b->arena, sizeof(fl_scenario));
    if (!s)
        goto fail;
    s->arena = b->arena;
    memcpy(s->weights, fl_default_weights, sizeof(s->weights));
    for (int p = 0; p < FL_P_COUNT; p++)
        s->params[p] = fl_rubric_params[p].def;
    s->critical = FL_CRIT_DEFAULT;
    s->goodwill_budget = -1;
    s->start_patience = 70;
    s->start_trust = 50;
    s->start = -1;
    if (path) {
        s->path = copy(b, path);
        const char *slash = strrchr(path, '/');
        s->dir = slash == path ? copy(b, "/")
                 : slash       ? fl_arena_strndup(b->arena, path, (size_t)(slash - path))
                               : copy(b, ".");
    }
    return b;
fail:
    fl_builder_free(b);
    return NULL;
}

void fl_builder_free(fl_builder *b)
{
    if (!b)
        return;
    fl_arena_free(b->arena);
    table_free(&b->nodes);
    table_free(&b->offers);
    table_free(&b->vars);
    table_free(&b->ids);
    vec *vs[] = {&b->v_nodes, &b->v_offers,  &b->v_vars,          &b->v_lines, &b->v_replies,
                 &b->v_sets,  &b->v_pending, &b->v_reply_targets, &b->v_tags};
    for (size_t i = 0; i < sizeof(vs) / sizeof(*vs); i++)
        free(vs[i]->data);
    fl_schema_free(&b->chk);
    free(b);
}

void fl_builder_start(fl_builder *b, size_t tag, const char *name, int namespaced,
                      const char *const *kv, int n_attrs)
{
    fl_attrs a;
    int el = fl_schema_start(&b->chk, tag, name, namespaced, kv, n_attrs, &a);
    if (el >= 0 && !b->oom)
        on_element_start(b, el, &a);
}

void fl_builder_text(fl_builder *b, const char *s, size_t len)
{
    fl_schema_text(&b->chk, s, len);
}

void fl_builder_end(fl_builder *b)
{
    const fl_schema_frame *f = fl_schema_end(&b->chk);
    if (f && !b->oom) /* after an allocation failed, what it should have made is not there */
        on_element_end(b, f);
}

int fl_builder_finish(fl_builder *b, fl_scenario **out, fl_pos root)
{
    fl_scenario *s = b->s;
    *out = NULL;
    if (b->oom)
        return -2;
    if (!b->chk.saw_root)
        return -1;
    /* Copy the arrays into the arena, where the model lives. */
    s->n_nodes = (uint32_t)b->v_nodes.count;
    fl_node *nodes = alloc_raw(b, b->v_nodes.count * sizeof(fl_node));
    fl_offer *offers = alloc_raw(b, b->v_offers.count * sizeof(fl_offer));
    fl_var *vars = alloc_raw(b, b->v_vars.count * sizeof(fl_var));
    const char **tags = alloc(b, (b->v_tags.count + 1) * sizeof(char *));
    if (b->oom)
        return -2;
    if (b->v_nodes.count)
        memcpy(nodes, b->v_nodes.data, b->v_nodes.count * sizeof(fl_node));
    if (b->v_offers.count)
        memcpy(offers, b->v_offers.data, b->v_offers.count * sizeof(fl_offer));
    if (b->v_vars.count)
        memcpy(vars, b->v_vars.data, b->v_vars.count * sizeof(fl_var));
    if (b->v_tags.count)
        memcpy(tags, b->v_tags.data, b->v_tags.count * sizeof(char *));
    s->nodes = nodes;
    s->offers = offers;
    s->n_offers = (uint32_t)b->v_offers.count;
    s->vars = vars;
    s->n_vars = (uint32_t)b->v_vars.count;
    s->tags = tags;
    s->n_tags = (uint32_t)b->v_tags.count;

    /* Resolve references to nodes now that every node is known. */
    for (size_t i = 0; i < b->v_pending.count; i++) {
        pending *p = (pending *)b->v_pending.data + i;
        if (!p->name)
            continue; /* a missing to="..." was reported already */
        slot *t = table_find(&b->nodes, p->name);
        /* the table maps node ids to their index in `nodes`, and a pending reference was made
         * inside a node: both are indices of this model */
        assert((size_t)p->node < s->n_nodes);
        assert(!t || (t->value >= 0 && (uint32_t)t->value < s->n_nodes));
        fl_node *node = &nodes[p->node];
        int32_t target = t ? t->value : -1;
        assert(p->reply < 0 || (uint32_t)p->reply < node->n_replies);
        if (p->reply < 0)
            node->timeout = target;
        else
            ((fl_reply *)node->replies)[p->reply].target = target;
        if (!t) {
            char h[160];
            fl_suggestion sg = fl_suggest_start(p->name);
            suggest_table(&sg, &b->nodes);
            error_w(b, attr_pos(b, p->tag, "to", 1), "target-exists", p->what, p->name,
                    fl_suggest_hint(&sg, h, sizeof(h)));
        }
    }
    fl_diags_sort(b->diags);
    if (b->diags->errors == 0) {
        const char *start = b->start_name ? b->start_name : "start";
        slot *st = table_find(&b->nodes, start);
        s->start = st ? st->value : -1;
        if (!st) {
            char h[160];
            fl_suggestion sg = fl_suggest_start(start);
            suggest_table(&sg, &b->nodes);
            error_w(b, b->start_name ? b->start_pos : root, "start-exists", FL_W_LN_START_MISSING,
                    start, fl_suggest_hint(&sg, h, sizeof(h)),
                    b->start_name ? "" : fl_word(FL_W_LN_START_HOW, b->diags->lang));
        }
        /* The graph rules only make sense on a model without structural errors. */
        fl_check__model(s, root, b->diags);
    }
    s->footprint = fl_arena_footprint(b->arena);
    *out = s;
    b->arena = NULL; /* now the scenario's */
    return 0;
}

void fl_scenario_free(fl_scenario *s)
{
    if (s)
        fl_arena_free(s->arena);
}
