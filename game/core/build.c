/*
 * build.c - validates a scenario's structure and builds the immutable model, in one pass over
 * the parser's events (no document tree is ever built).
 *
 * Why not a DOM plus libxml2's XSD validator: for a 10,000-node file the tree alone touches
 * ~130 MB and the XSD pass costs ~50 ms, which put loading at 300-600 ms; this pass needs the
 * model's memory only and is several times faster. The structure rules below are the ones of
 * scenarios/schema/scenario.xsd (which editors use); tests/schema/differential.py feeds the
 * same valid and broken files to both and requires the same verdict, so they cannot drift.
 * Owning the checks also gives trainers messages in their own terms ("<say> has no attribute
 * 'emotoin' (did you mean 'emotion'?)") instead of the validator's.
 *
 * Then, in the same pass, what a schema cannot say: unique ids, references that exist,
 * conditions that compile, values in range; at the end the graph rules (check.c). Every problem
 * is a diagnostic at the line and column of the attribute or element that causes it.
 *
 * Depends on libc and the core modules (no libxml2: loader.c feeds the events).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"
#include "utf8.h"

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
#define BIT(e)    (1u << (e))
#define UNBOUNDED 0xFFFF

typedef enum { A_ID, A_VARNAME, A_STRING, A_INT, A_ENUM, A_SIGNALS, A_DELTA, A_DECIMAL } atype;

typedef struct {
    const char *name;
    atype type;
    int required;
    long min, max;              /* A_INT */
    const char *const *choices; /* A_ENUM, NULL-terminated */
} attr_rule;

typedef struct {
    uint32_t mask; /* elements allowed in this slot */
    uint16_t min, max;
} slot_rule;

typedef struct {
    const char *name;
    int text; /* may hold text */
    const slot_rule *slots;
    int n_slots;
    const attr_rule *attrs;
    int n_attrs;
} el_rule;

static const char *const langs[] = {"en", "ru", NULL};
static const char *const yesno[] = {"yes", "no", NULL};
static const char *params[FL_P_COUNT + 1];

#define LONG_MAXV 1000000000L
#define N(a)      ((int)(sizeof(a) / sizeof((a)[0])))

static const attr_rule a_scenario[] = {
    {"id", A_ID, 1, 0, 0, NULL},         {"version", A_INT, 1, 1, LONG_MAXV, NULL},
    {"lang", A_ENUM, 1, 0, 0, langs},    {"start", A_ID, 0, 0, 0, NULL},
    {"minutes", A_INT, 0, 1, 120, NULL},
};
static const attr_rule a_customer[] = {
    {"name", A_STRING, 1, 0, 0, NULL},
    {"voice", A_STRING, 0, 0, 0, NULL},
    {"avatar", A_STRING, 0, 0, 0, NULL},
    {"detail", A_STRING, 0, 0, 0, NULL},
};
static const attr_rule a_start[] = {
    {"mood", A_INT, 0, -100, 100, NULL},
    {"patience", A_INT, 0, 0, 100, NULL},
    {"trust", A_INT, 0, 0, 100, NULL},
};
static const attr_rule a_timing[] = {{"reply-seconds", A_INT, 1, 3, 600, NULL}};
static const attr_rule a_goodwill[] = {{"budget", A_INT, 1, 0, LONG_MAXV, NULL},
                                       {"unit", A_STRING, 0, 0, 0, NULL}};
static const attr_rule a_offer[] = {{"id", A_ID, 1, 0, 0, NULL},
                                    {"price", A_DECIMAL, 0, 0, 0, NULL}};
static const attr_rule a_var[] = {{"name", A_VARNAME, 1, 0, 0, NULL},
                                  {"init", A_INT, 0, -LONG_MAXV, LONG_MAXV, NULL}};
static const attr_rule a_weight[] = {{"dimension", A_ENUM, 1, 0, 0, fl_dimension_names},
                                     {"value", A_INT, 1, 0, 100, NULL}};
static const attr_rule a_param[] = {{"name", A_ENUM, 1, 0, 0, params},
                                    {"value", A_INT, 1, -LONG_MAXV, LONG_MAXV, NULL}};
static const attr_rule a_critical[] = {{"mistake", A_ENUM, 1, 0, 0, fl_critical_names},
                                       {"off", A_ENUM, 0, 0, 0, yesno}};
static const attr_rule a_node[] = {{"id", A_ID, 1, 0, 0, NULL},
                                   {"reply-seconds", A_INT, 0, 3, 600, NULL}};
static const attr_rule a_ending[] = {{"id", A_ID, 1, 0, 0, NULL},
                                     {"outcome", A_ENUM, 1, 0, 0, fl_outcome_names + 1}};
static const attr_rule a_say[] = {
    {"id", A_ID, 0, 0, 0, NULL},
    {"if", A_STRING, 0, 0, 0, NULL},
    {"emotion", A_ENUM, 0, 0, 0, fl_emotion_names},
    {"grievance", A_ENUM, 0, 0, 0, yesno},
};
static const attr_rule a_reply[] = {
    {"to", A_ID, 1, 0, 0, NULL},           {"id", A_ID, 0, 0, 0, NULL},
    {"signals", A_SIGNALS, 0, 0, 0, NULL}, {"if", A_STRING, 0, 0, 0, NULL},
    {"once", A_ENUM, 0, 0, 0, yesno},      {"gesture", A_INT, 0, 0, LONG_MAXV, NULL},
    {"offer", A_ID, 0, 0, 0, NULL},        {"critical", A_ENUM, 0, 0, 0, yesno},
};
static const attr_rule a_effect[] = {{"mood", A_DELTA, 0, 0, 0, NULL},
                                     {"patience", A_DELTA, 0, 0, 0, NULL},
                                     {"trust", A_DELTA, 0, 0, 0, NULL}};
static const attr_rule a_set[] = {{"var", A_VARNAME, 1, 0, 0, NULL},
                                  {"value", A_INT, 0, -LONG_MAXV, LONG_MAXV, NULL},
                                  {"add", A_INT, 0, -LONG_MAXV, LONG_MAXV, NULL}};
static const attr_rule a_input[] = {{"placeholder", A_STRING, 0, 0, 0, NULL}};
static const attr_rule a_route[] = {
    {"to", A_ID, 1, 0, 0, NULL},        {"id", A_ID, 0, 0, 0, NULL},
    {"match", A_STRING, 1, 0, 0, NULL}, {"signals", A_SIGNALS, 0, 0, 0, NULL},
    {"if", A_STRING, 0, 0, 0, NULL},    {"critical", A_ENUM, 0, 0, 0, yesno},
};
static const attr_rule a_fallback[] = {
    {"to", A_ID, 1, 0, 0, NULL}, {"id", A_ID, 0, 0, 0, NULL}, {"critical", A_ENUM, 0, 0, 0, yesno}};
static const attr_rule a_timeout[] = {{"to", A_ID, 1, 0, 0, NULL}};

static const slot_rule s_scenario[] = {
    {BIT(E_TITLE), 1, 1},
    {BIT(E_BRIEF), 1, 1},
    {BIT(E_GOAL), 0, 1},
    {BIT(E_TAGS), 0, 1},
    {BIT(E_CUSTOMER), 1, 1},
    {BIT(E_TIMING), 0, 1},
    {BIT(E_GOODWILL), 0, 1},
    {BIT(E_OFFER), 0, UNBOUNDED},
    {BIT(E_VAR), 0, UNBOUNDED},
    {BIT(E_RUBRIC), 0, 1},
    {BIT(E_NODE) | BIT(E_ENDING), 1, UNBOUNDED},
};
static const slot_rule s_customer[] = {{BIT(E_START), 1, 1}};
static const slot_rule s_rubric[] = {
    {BIT(E_WEIGHT) | BIT(E_PARAM) | BIT(E_CRITICAL), 0, UNBOUNDED}};
/* (reply+ | input): one slot; build.c refuses mixing them and a second <input>. */
static const slot_rule s_node[] = {{BIT(E_SAY), 1, UNBOUNDED},
                                   {BIT(E_REPLY) | BIT(E_INPUT), 1, UNBOUNDED},
                                   {BIT(E_TIMEOUT), 0, 1}};
static const slot_rule s_ending[] = {{BIT(E_SAY), 0, UNBOUNDED}};
static const slot_rule s_outcome[] = {
    {BIT(E_EFFECT), 0, 1}, {BIT(E_SET), 0, UNBOUNDED}, {BIT(E_NOTE), 0, 1}, {BIT(E_BETTER), 0, 1}};
static const slot_rule s_input[] = {{BIT(E_ROUTE), 1, UNBOUNDED}, {BIT(E_FALLBACK), 1, 1}};

static const el_rule rules[E_COUNT] = {
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
    [E_RUBRIC] = {"rubric", 0, s_rubric, N(s_rubric), NULL, 0},
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

/* ---- A string -> index table (open addressing), for ids ------------------------------- */

typedef struct {
    const char *key;
    uint32_t hash; /* compared before the key, which lives elsewhere in memory */
    int32_t value;
    fl_pos pos;
} slot;

typedef struct {
    slot *slots;
    size_t cap, count;
} table;

static uint32_t hash(const char *s)
{
    uint32_t h = 2166136261u;
    while (*s) {
        h ^= (unsigned char)*s++;
        h *= 16777619u;
    }
    h ^= h >> 16; /* spread the high bits into the low ones the table indexes by */
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    return h;
}

static int table_init(table *t, size_t expected)
{
    t->cap = 16;
    while (t->cap < expected * 2)
        t->cap *= 2;
    t->count = 0;
    t->slots = calloc(t->cap, sizeof(slot));
    return t->slots ? 0 : -1;
}

static slot *table_find_h(const table *t, const char *key, uint32_t h)
{
    size_t i = h & (t->cap - 1);
    while (t->slots[i].key) {
        if (t->slots[i].hash == h && strcmp(t->slots[i].key, key) == 0)
            return &t->slots[i];
        i = (i + 1) & (t->cap - 1);
    }
    return NULL;
}

static slot *table_find(const table *t, const char *key)
{
    return table_find_h(t, key, hash(key));
}

/* Adds key (not copied: it must outlive the table). Returns the existing slot when the key is
 * already there; NULL when added. Sets *oom when the table could not grow. */
static slot *table_add(table *t, const char *key, int32_t value, fl_pos pos, int *oom)
{
    uint32_t h = hash(key);
    slot *s = table_find_h(t, key, h);
    if (s)
        return s;
    if ((t->count + 1) * 2 > t->cap) {
        table bigger;
        if (table_init(&bigger, t->cap) != 0) {
            *oom = 1;
            return NULL;
        }
        for (size_t i = 0; i < t->cap; i++)
            if (t->slots[i].key)
                table_add(&bigger, t->slots[i].key, t->slots[i].value, t->slots[i].pos, oom);
        free(t->slots);
        *t = bigger;
    }
    size_t i = h & (t->cap - 1);
    while (t->slots[i].key)
        i = (i + 1) & (t->cap - 1);
    t->slots[i] = (slot){key, h, value, pos};
    t->count++;
    return NULL;
}

/* ---- Growable arrays ------------------------------------------------------------------ */

typedef struct {
    void *data;
    size_t count, cap, size;
} vec;

static int vec_reserve(vec *v, size_t n)
{
    if (v->cap >= n)
        return 0;
    void *d = realloc(v->data, n * v->size);
    if (!d)
        return -1;
    v->data = d;
    v->cap = n;
    return 0;
}

static void *vec_push(vec *v, int *oom)
{
    if (v->count == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 16;
        void *d = realloc(v->data, cap * v->size);
        if (!d) {
            *oom = 1;
            return NULL;
        }
        v->data = d;
        v->cap = cap;
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
    const char *what;
} pending;

typedef struct {
    int el;            /* enum el, or -1 for an element being skipped */
    size_t tag;        /* offset of its '<' */
    int slot;          /* content model position */
    uint16_t count;    /* children in the current slot */
    uint32_t seen;     /* children seen, as element bits */
    size_t text_start; /* where its text begins in b->text */
    int has_text;      /* non-blank text seen */
    uint32_t set;      /* <rubric>: weights and parameters already set, as bits */
} frame;

struct fl_builder {
    fl_arena *arena;
    const line_index *li;
    fl_diags *diags;
    fl_scenario *s;
    table nodes, offers, vars, ids;
    vec v_nodes, v_offers, v_vars, v_lines, v_replies, v_sets, v_pending, v_tags;
    frame stack[FL_SCENARIO_MAX_DEPTH + 2];
    int depth;
    char *text; /* text of the open text-bearing elements */
    size_t text_len, text_cap;
    /* Names of the current reply's target, kept until the node ends. */
    vec v_reply_targets; /* of pending (node field filled at node end) */
    int in_node, in_reply, saw_root;
    struct name_cache {
        const char *ptr;
        int el;
    } names[32];
    int n_names;
    const char *start_name; /* start="..." of <scenario>, NULL for the default */
    fl_pos start_pos;
    uint32_t critical_seen; /* <critical> items the rubric already named */
    int oom;
};

static fl_pos pos_at(fl_builder *b, size_t off)
{
    return off == (size_t)-1 ? (fl_pos){0, 0} : fl_loader__pos(b->li, off);
}

/* Position of attribute `name` of the tag at `tag` (of its value with `value`), or the tag's. */
static fl_pos attr_pos(fl_builder *b, size_t tag, const char *name, int value)
{
    size_t a = fl_loader__attr_offset(b->li, tag, name, value);
    return pos_at(b, a == (size_t)-1 ? tag : a);
}

/* Position of the character at decoded offset `off` inside the value of attribute `name`. The
 * raw text may hold references (&lt;) that decode to fewer bytes: walk both in step. */
static fl_pos value_char_pos(fl_builder *b, size_t tag, const char *name, size_t off)
{
    size_t r = fl_loader__attr_offset(b->li, tag, name, 1);
    if (r == (size_t)-1)
        return pos_at(b, tag);
    const char *s = b->li->buf;
    size_t d = 0;
    while (d < off && r < b->li->len && s[r] != '"' && s[r] != '\'') {
        if (s[r] == '&') {
            const char *semi = memchr(s + r, ';', b->li->len - r);
            size_t dl = 1;
            if (semi && s[r + 1] == '#') {
                unsigned long cp =
                    s[r + 2] == 'x' ? strtoul(s + r + 3, NULL, 16) : strtoul(s + r + 2, NULL, 10);
                dl = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            }
            r = semi ? (size_t)(semi - s) + 1 : r + 1;
            d += dl;
        } else if (s[r] == '\r' && r + 1 < b->li->len && s[r + 1] == '\n') {
            r += 2;
            d++;
        } else {
            r++;
            d++;
        }
    }
    return pos_at(b, r);
}

static void diag(fl_builder *b, fl_severity sev, fl_pos p, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void diag(fl_builder *b, fl_severity sev, fl_pos p, const char *rule, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fl_diag_addv(b->diags, sev, p.line, p.column, rule, fmt, ap);
    va_end(ap);
}
#define error_at(b, p, ...) diag(b, FL_SEV_ERROR, p, __VA_ARGS__)
#define warn_at(b, p, ...)  diag(b, FL_SEV_WARNING, p, __VA_ARGS__)

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

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}


/* Keeps the closest of the candidates to name, within a small edit distance. */
typedef struct {
    const char *name, *best;
    size_t best_d;
} suggestion;

static void consider(suggestion *sg, const char *candidate)
{
    size_t d = fl_edit_distance(sg->name, candidate);
    if (d < sg->best_d) {
        sg->best_d = d;
        sg->best = candidate;
    }
}

static suggestion suggest_start(const char *name)
{
    return (suggestion){name, NULL, strlen(name) <= 3 ? 2 : 3};
}

static void suggest_table(suggestion *sg, const table *t)
{
    for (size_t i = 0; t && i < t->cap; i++)
        if (t->slots[i].key)
            consider(sg, t->slots[i].key);
}

static const char *hint(const suggestion *sg, char *buf, size_t size)
{
    if (sg->best)
        snprintf(buf, size, " (did you mean '%s'?)", sg->best);
    else
        buf[0] = '\0';
    return buf;
}

/* ---- Attribute access and type checks --------------------------------------------------- */

typedef struct {
    const char *const *kv; /* name, value, name, value, ... */
    int n;
    size_t tag;
    int el;
} attrs;

static const char *get(const attrs *a, const char *name)
{
    for (int i = 0; i < a->n; i++)
        if (strcmp(a->kv[2 * i], name) == 0)
            return a->kv[2 * i + 1];
    return NULL;
}

static int parse_long(const char *s, long lo, long hi, long *out)
{
    while (is_space(*s))
        s++;
    char *end;
    long v = strtol(s, &end, 10);
    while (is_space(*end))
        end++;
    *out = v;
    return s[0] && (s[0] != '+' || (s[1] >= '0' && s[1] <= '9')) && *end == '\0' && end != s &&
           v >= lo && v <= hi;
}

static int valid_id(const char *v, int varname)
{
    size_t n = strlen(v);
    if (n == 0 || (!varname && n > 64))
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = v[i];
        int lower = c >= 'a' && c <= 'z', digit = c >= '0' && c <= '9';
        int ok = varname ? lower || c == '_' || (i > 0 && digit)
                         : lower || digit || (c >= 'A' && c <= 'Z') ||
                               (i > 0 && (c == '_' || c == '-' || c == '.'));
        if (!ok)
            return 0;
    }
    return 1;
}

static void list_choices(char *buf, size_t size, const char *const *choices)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int i = 0; choices[i] && o < size; i++)
        o += (size_t)snprintf(buf + o, size - o, "%s%s", i ? ", " : "", choices[i]);
}

/* Checks every attribute of an element against its rule; returns 0 when all are valid. */
static int check_attrs(fl_builder *b, const attrs *a)
{
    const el_rule *er = &rules[a->el];
    int bad = 0;
    char h[96], choices[400];
    for (int i = 0; i < a->n; i++) {
        const char *name = a->kv[2 * i], *v = a->kv[2 * i + 1];
        const attr_rule *ar = NULL;
        for (int k = 0; k < er->n_attrs; k++)
            if (strcmp(er->attrs[k].name, name) == 0)
                ar = &er->attrs[k];
        if (!ar) {
            suggestion sg = suggest_start(name);
            for (int k = 0; k < er->n_attrs; k++)
                consider(&sg, er->attrs[k].name);
            if (er->n_attrs == 0)
                error_at(b, attr_pos(b, a->tag, name, 0), "schema",
                         "<%s> takes no attributes, but has '%s'", er->name, name);
            else
                error_at(b, attr_pos(b, a->tag, name, 0), "schema", "<%s> has no attribute '%s'%s",
                         er->name, name, hint(&sg, h, sizeof(h)));
            bad = 1;
            continue;
        }
#define vp attr_pos(b, a->tag, name, 1) /* only computed for a message */
        long x;
        switch (ar->type) {
        case A_ID:
            if (!valid_id(v, 0)) {
                error_at(b, vp, "schema",
                         "%s=\"%s\" is not a valid id: use letters, digits, '_', '-' and '.', "
                         "starting with a letter or digit, at most 64 characters",
                         name, v);
                bad = 1;
            }
            break;
        case A_VARNAME:
            if (!valid_id(v, 1)) {
                error_at(b, vp, "schema",
                         "%s=\"%s\" is not a valid variable name: use lower-case letters, digits "
                         "and '_', starting with a letter or '_'",
                         name, v);
                bad = 1;
            }
            break;
        case A_INT:
            if (!parse_long(v, ar->min, ar->max, &x)) {
                if (ar->max == LONG_MAXV && ar->min <= -LONG_MAXV)
                    error_at(b, vp, "schema", "%s=\"%s\" is not a whole number", name, v);
                else if (ar->max == LONG_MAXV)
                    error_at(b, vp, "schema", "%s=\"%s\" is not a whole number of at least %ld",
                             name, v, ar->min);
                else
                    error_at(b, vp, "schema", "%s=\"%s\" is not a whole number from %ld to %ld",
                             name, v, ar->min, ar->max);
                bad = 1;
            }
            break;
        case A_ENUM: {
            int found = 0;
            for (int k = 0; ar->choices[k]; k++)
                found |= strcmp(ar->choices[k], v) == 0;
            if (!found) {
                suggestion sg = suggest_start(v);
                for (int k = 0; ar->choices[k]; k++)
                    consider(&sg, ar->choices[k]);
                list_choices(choices, sizeof(choices), ar->choices);
                error_at(b, vp, "schema", "%s=\"%s\" is not one of: %s%s", name, v, choices,
                         hint(&sg, h, sizeof(h)));
                bad = 1;
            }
            break;
        }
        case A_SIGNALS: {
            const char *p = v;
            while (*p) {
                while (is_space(*p))
                    p++;
                const char *w = p;
                while (*p && !is_space(*p))
                    p++;
                if (p > w && !fl_signal_parse(w, (size_t)(p - w))) {
                    char word[64];
                    snprintf(word, sizeof(word), "%.*s", (int)(p - w < 60 ? p - w : 60), w);
                    suggestion sg = suggest_start(word);
                    for (int k = 0; k < FL_SIGNAL_COUNT; k++)
                        consider(&sg, fl_signal_name(k));
                    list_choices(choices, sizeof(choices), fl_signal_names);
                    error_at(b, value_char_pos(b, a->tag, name, (size_t)(w - v)), "schema",
                             "'%s' is not a signal (signals: %s)%s", word, choices,
                             hint(&sg, h, sizeof(h)));
                    bad = 1;
                }
            }
            break;
        }
        case A_DELTA: {
            const char *p = v + (v[0] == '+' || v[0] == '-');
            size_t digits = strspn(p, "0123456789");
            if (digits < 1 || digits > 3 || p[digits]) {
                error_at(b, vp, "schema",
                         "%s=\"%s\" is not a change like +25 or -10 (a sign and up to 3 digits)",
                         name, v);
                bad = 1;
            }
            break;
        }
        case A_DECIMAL: {
            const char *p = v;
            while (is_space(*p))
                p++;
            p += *p == '+';
            size_t d1 = strspn(p, "0123456789"), d2 = 0;
            if (p[d1] == '.')
                d2 = strspn(p + d1 + 1, "0123456789");
            const char *end = p + d1 + (p[d1] == '.' ? 1 + d2 : 0);
            while (is_space(*end))
                end++;
            if (d1 + d2 == 0 || *end) {
                error_at(b, vp, "schema", "%s=\"%s\" is not a number of at least 0 (e.g. 299.90)",
                         name, v);
                bad = 1;
            }
            break;
        }
        case A_STRING:
            break;
        }
#undef vp
    }
    for (int k = 0; k < er->n_attrs; k++) {
        if (er->attrs[k].required && !get(a, er->attrs[k].name)) {
            error_at(b, pos_at(b, a->tag), "schema", "<%s> needs the attribute %s=\"...\"",
                     er->name, er->attrs[k].name);
            bad = 1;
        }
    }
    return bad ? -1 : 0;
}

/* ---- Content model ---------------------------------------------------------------------- */

static void list_names(char *buf, size_t size, uint32_t mask)
{
    size_t o = 0;
    int n = 0, total = 0;
    for (int e = 0; e < E_COUNT; e++)
        total += (mask >> e) & 1;
    buf[0] = '\0';
    for (int e = 0; e < E_COUNT && o < size; e++) {
        if (!((mask >> e) & 1))
            continue;
        n++;
        o += (size_t)snprintf(buf + o, size - o, "%s<%s>",
                              n == 1       ? ""
                              : n == total ? " or "
                                           : ", ",
                              rules[e].name);
    }
}

/* What could come next in the parent: the current slot (if not full) and every slot up to and
 * including the first required one. */
static uint32_t expected_mask(const el_rule *pr, const frame *f)
{
    uint32_t mask = 0;
    for (int i = f->slot; i < pr->n_slots; i++) {
        if (i == f->slot && f->count >= pr->slots[i].max)
            continue;
        mask |= pr->slots[i].mask;
        if (pr->slots[i].min > (i == f->slot ? f->count : 0))
            break;
    }
    return mask;
}

/* Places child element `el` in the parent's content model. Returns 0 when it may stand here. */
static int place_child(fl_builder *b, frame *f, int el, size_t tag)
{
    const el_rule *pr = &rules[f->el];
    fl_pos p = pos_at(b, tag);
    char names[200];
    int i = f->slot;
    uint16_t count = f->count;
    while (i < pr->n_slots) {
        const slot_rule *sr = &pr->slots[i];
        if ((sr->mask & BIT(el)) && count < sr->max) {
            /* Every required slot skipped on the way is missing. */
            for (int k = f->slot; k < i; k++) {
                uint16_t have = k == f->slot ? f->count : 0;
                if (pr->slots[k].min > have) {
                    list_names(names, sizeof(names), pr->slots[k].mask);
                    error_at(b, p, "schema", "<%s> needs %s before <%s>", pr->name, names,
                             rules[el].name);
                }
            }
            f->count = (uint16_t)(i == f->slot ? f->count + 1 : 1);
            f->slot = i;
            f->seen |= BIT(el);
            return 0;
        }
        i++;
        count = 0;
    }
    /* Not allowed from here on: earlier in the order, once too often, or never. */
    for (int k = 0; k < pr->n_slots; k++) {
        if (!(pr->slots[k].mask & BIT(el)))
            continue;
        if (k == f->slot || (f->seen & BIT(el) && pr->slots[k].max == 1))
            error_at(b, p, "schema", "<%s> may hold only %s <%s>", pr->name,
                     pr->slots[k].max == 1 ? "one" : "so many", rules[el].name);
        else {
            list_names(names, sizeof(names), pr->slots[f->slot].mask);
            error_at(b, p, "schema", "<%s> is out of order: it must come before %s in <%s>",
                     rules[el].name, names, pr->name);
        }
        return -1;
    }
    list_names(names, sizeof(names), expected_mask(pr, f));
    if (names[0])
        error_at(b, p, "schema", "<%s> is not allowed inside <%s> here (expected %s)",
                 rules[el].name, pr->name, names);
    else
        error_at(b, p, "schema", "<%s> is not allowed inside <%s>", rules[el].name, pr->name);
    return -1;
}

/* Reports required children the element ended without. */
static void check_complete(fl_builder *b, const frame *f)
{
    const el_rule *er = &rules[f->el];
    char names[200];
    for (int k = f->slot; k < er->n_slots; k++) {
        uint16_t have = k == f->slot ? f->count : 0;
        if (er->slots[k].min > have) {
            list_names(names, sizeof(names), er->slots[k].mask);
            error_at(b, pos_at(b, f->tag), "schema", "<%s> needs %s", er->name, names);
        }
    }
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
    char name[72];
    if (len >= sizeof(name))
        return -1;
    memcpy(name, s, len);
    name[len] = '\0';
    slot *v = table_find(&b->vars, name);
    return v ? FL_SLOT_VAR0 + v->value : -1;
}

/* Compiles the `if` attribute, if any; reports problems at their column. */
static void condition(fl_builder *b, const attrs *a, const fl_expr **cond, const char **src)
{
    const char *text = get(a, "if");
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
        char name[72], h[96];
        snprintf(name, sizeof(name), "%.*s", (int)(err.length < 64 ? err.length : 64),
                 text + err.offset);
        suggestion sg = suggest_start(name);
        for (int i = 0; i < N_BUILTIN; i++)
            consider(&sg, builtin_names[i]);
        for (int i = 0; i < FL_SIGNAL_COUNT; i++)
            consider(&sg, fl_signal_flag(i));
        suggest_table(&sg, &b->vars);
        error_at(b, value_char_pos(b, a->tag, "if", err.offset), "unknown-name",
                 "the condition names '%s', which is neither a built-in name nor a declared "
                 "<var>%s",
                 name, hint(&sg, h, sizeof(h)));
        return;
    }
    if (rc != 0) {
        error_at(b, value_char_pos(b, a->tag, "if", err.offset), "condition-syntax", "%s",
                 err.message);
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
        slot *dup = table_add(&b->ids, explicit_id, 0, el_pos, &b->oom);
        if (dup)
            error_at(b, attr_pos(b, tag, "id", 1), "unique-id",
                     "the id '%s' is already used by the line or reply at line %u", explicit_id,
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
        while (is_space(*p))
            p++;
        const char *w = p;
        while (*p && !is_space(*p))
            p++;
        if (p > w)
            bits |= fl_signal_parse(w, (size_t)(p - w));
    }
    return bits;
}

/* Splits match="a b | c" into patterns of lower-cased words. */
static void parse_patterns(fl_builder *b, const attrs *a, fl_reply *r)
{
    const char *m = get(a, "match");
    if (!m)
        return;
    char *text = fl_arena_strdup(b->arena, m);
    if (!text) {
        b->oom = 1;
        return;
    }
    fl_utf8_lower(text, strlen(text));
    uint32_t n_alt = 1, max_words = 0;
    for (const char *p = text; *p; p++) {
        n_alt += *p == '|';
        max_words += !is_space(*p) && *p != '|' && (p == text || is_space(p[-1]) || p[-1] == '|');
    }
    fl_pattern *pats = alloc(b, n_alt * sizeof(fl_pattern));
    const char **words = alloc(b, (max_words + 1) * sizeof(char *));
    if (!pats || !words)
        return;
    r->patterns = pats;
    char *p = text;
    for (uint32_t k = 0; k < n_alt; k++) {
        fl_pattern *pat = &pats[r->n_patterns++];
        pat->words = words;
        size_t alt_start = (size_t)(p - text);
        while (*p && *p != '|') {
            while (is_space(*p))
                p++;
            char *w = p;
            while (*p && !is_space(*p) && *p != '|')
                p++;
            if (p > w) {
                words[pat->n_words++] = w;
                if (is_space(*p))
                    *p++ = '\0';
            }
        }
        if (*p == '|')
            *p++ = '\0';
        if (pat->n_words == 0)
            error_at(b, value_char_pos(b, a->tag, "match", alt_start), "pattern",
                     "match=\"%s\" has an empty alternative: write words between the '|'", m);
        words += pat->n_words;
    }
}

/* An avatar is a built-in name or a file inside the scenario's folder. */
static void check_avatar(fl_builder *b, const attrs *a, const char *v)
{
    static const char *const avatars[] = {"woman-1", "woman-2", "man-1", "man-2"};
    char h[96];
    int looks_like_path = strchr(v, '/') || strchr(v, '\\') || strchr(v, '.') || strchr(v, ':');
    fl_pos vp = attr_pos(b, a->tag, "avatar", 1);
    if (!looks_like_path) {
        for (size_t i = 0; i < sizeof(avatars) / sizeof(*avatars); i++)
            if (strcmp(v, avatars[i]) == 0)
                return;
        suggestion sg = suggest_start(v);
        for (size_t i = 0; i < sizeof(avatars) / sizeof(*avatars); i++)
            consider(&sg, avatars[i]);
        warn_at(b, vp, "avatar-known",
                "'%s' is not a built-in avatar (woman-1, woman-2, man-1, man-2) nor a file name%s",
                v, hint(&sg, h, sizeof(h)));
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
        error_at(b, vp, "local-file",
                 "avatar=\"%s\" points outside the scenario's folder: use a path relative to the "
                 "scenario file, without '..', drive letters or URLs",
                 v);
        return;
    }
    if (b->s->dir) {
        char full[4096];
        snprintf(full, sizeof(full), "%s/%s", b->s->dir, v);
        FILE *f = fopen(full, "rb");
        if (f)
            fclose(f);
        else
            warn_at(b, vp, "file-exists", "avatar=\"%s\": no such file next to the scenario", v);
    }
}

static void start_reply(fl_builder *b, const attrs *a, fl_reply_kind kind)
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
    t->name = copy(b, get(a, "to"));
    t->tag = a->tag;
    t->what = kind == FL_REPLY_CHOICE ? "reply" : kind == FL_REPLY_ROUTE ? "route" : "fallback";
    r->signals = parse_signals(get(a, "signals"));
    condition(b, a, &r->cond, &r->cond_src);
    /* The id needs the text, which comes later: keep what is known now. */
    r->id = copy(b, get(a, "id"));
    if (kind == FL_REPLY_ROUTE)
        parse_patterns(b, a, r);
    const char *once = get(a, "once");
    r->once = once && strcmp(once, "yes") == 0;
    const char *crit = get(a, "critical");
    r->critical = crit && strcmp(crit, "yes") == 0;
    const char *g = get(a, "gesture");
    long x;
    if (g && parse_long(g, 0, LONG_MAXV, &x)) {
        r->gesture = (int32_t)x;
        if (x > 0)
            r->signals |= FL_SIG_GESTURE;
        if (x > 0 && b->s->goodwill_budget < 0)
            error_at(b, attr_pos(b, a->tag, "gesture", 1), "goodwill-declared",
                     "the reply grants a gesture of %ld, but the scenario declares no "
                     "<goodwill budget=\"...\"/>",
                     x);
    } else if (!g && (r->signals & FL_SIG_GESTURE)) {
        warn_at(b, attr_pos(b, a->tag, "signals", 1), "gesture-amount",
                "the reply has the signal 'gesture' but no gesture=\"amount\": the goodwill it "
                "spends cannot be checked against the budget");
    }
    const char *offer = get(a, "offer");
    if (offer) {
        slot *o = table_find(&b->offers, offer);
        if (!o) {
            char h[96];
            suggestion sg = suggest_start(offer);
            suggest_table(&sg, &b->offers);
            error_at(b, attr_pos(b, a->tag, "offer", 1), "offer-exists",
                     "the reply offers '%s', which no <offer id=\"...\"> declares%s", offer,
                     hint(&sg, h, sizeof(h)));
        } else {
            r->offer = o->value;
        }
        r->signals |= FL_SIG_UPSELL;
    } else if (r->signals & FL_SIG_UPSELL) {
        warn_at(b, attr_pos(b, a->tag, "signals", 1), "upsell-offer",
                "the reply has the signal 'upsell' but names no offer=\"...\": say which <offer> "
                "it sells");
    }
}

static void end_reply(fl_builder *b, const frame *f, const char *text)
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
            error_at(b, p, "reply-text", "the reply has no text: write what the agent says");
    }
    const char *basis = r->kind == FL_REPLY_CHOICE  ? r->text
                        : r->kind == FL_REPLY_ROUTE ? "route"
                                                    : "fallback";
    char route_basis[1100];
    if (r->kind == FL_REPLY_ROUTE) {
        /* A route's id derives from its patterns, as written. */
        size_t o = 0;
        route_basis[0] = '\0';
        for (uint32_t k = 0; k < r->n_patterns && o < sizeof(route_basis); k++)
            for (uint32_t w = 0; w < r->patterns[k].n_words && o < sizeof(route_basis); w++)
                o += (size_t)snprintf(route_basis + o, sizeof(route_basis) - o, "%s%s",
                                      w   ? " "
                                      : k ? " | "
                                          : "",
                                      r->patterns[k].words[w]);
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

static void start_node(fl_builder *b, const attrs *a, int ending)
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
    node->id = copy(b, get(a, "id") ? get(a, "id") : "");
    if (ending) {
        const char *o = get(a, "outcome");
        for (int i = 1; o && fl_outcome_names[i]; i++)
            if (strcmp(o, fl_outcome_names[i]) == 0)
                node->outcome = (fl_outcome)i;
    }
    long x;
    const char *rs = get(a, "reply-seconds");
    if (rs && parse_long(rs, 3, 600, &x))
        node->reply_seconds = (int32_t)x;
    if (node->id && node->id[0]) {
        fl_pos p = node->pos;
        slot *dup = table_add(&b->nodes, node->id, (int32_t)(b->v_nodes.count - 1), p, &b->oom);
        if (dup)
            error_at(b, attr_pos(b, a->tag, "id", 1), "unique-id",
                     "the node or ending id '%s' is already used at line %u", node->id,
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

static void on_element_start(fl_builder *b, int el, const attrs *a)
{
    fl_scenario *s = b->s;
    long x;
    const char *v;
    switch (el) {
    case E_SCENARIO:
        s->id = copy(b, get(a, "id"));
        if ((v = get(a, "version")) && parse_long(v, 1, LONG_MAXV, &x))
            s->version = (uint32_t)x;
        s->lang = copy(b, get(a, "lang"));
        if ((v = get(a, "start"))) {
            b->start_name = copy(b, v);
            b->start_pos = attr_pos(b, a->tag, "start", 1);
        }
        if ((v = get(a, "minutes")) && parse_long(v, 1, 120, &x))
            s->minutes = (uint32_t)x;
        break;
    case E_CUSTOMER:
        s->customer_name = copy(b, get(a, "name"));
        s->customer_voice = copy(b, get(a, "voice"));
        s->customer_avatar = copy(b, get(a, "avatar"));
        s->customer_detail = copy(b, get(a, "detail"));
        if (s->customer_avatar)
            check_avatar(b, a, s->customer_avatar);
        break;
    case E_START:
        if ((v = get(a, "mood")) && parse_long(v, -100, 100, &x))
            s->start_mood = (int32_t)x;
        if ((v = get(a, "patience")) && parse_long(v, 0, 100, &x))
            s->start_patience = (int32_t)x;
        if ((v = get(a, "trust")) && parse_long(v, 0, 100, &x))
            s->start_trust = (int32_t)x;
        break;
    case E_TIMING:
        if ((v = get(a, "reply-seconds")) && parse_long(v, 3, 600, &x))
            s->reply_seconds = (int32_t)x;
        break;
    case E_GOODWILL:
        if ((v = get(a, "budget")) && parse_long(v, 0, LONG_MAXV, &x))
            s->goodwill_budget = (int32_t)x;
        s->goodwill_unit = copy(b, get(a, "unit"));
        break;
    case E_OFFER: {
        fl_offer *o = vec_push(&b->v_offers, &b->oom);
        if (!o || !(v = get(a, "id")))
            break;
        o->id = copy(b, v);
        o->pos = pos_at(b, a->tag);
        o->price_cents = (v = get(a, "price")) ? (int32_t)(strtod(v, NULL) * 100 + 0.5) : -1;
        slot *dup = table_add(&b->offers, o->id, (int32_t)(b->v_offers.count - 1), o->pos, &b->oom);
        if (dup)
            error_at(b, attr_pos(b, a->tag, "id", 1), "unique-id",
                     "the offer id '%s' is already used at line %u", o->id,
                     (unsigned)dup->pos.line);
        break;
    }
    case E_VAR: {
        fl_var *var = vec_push(&b->v_vars, &b->oom);
        if (!var || !(v = get(a, "name")))
            break;
        var->name = copy(b, v);
        var->pos = pos_at(b, a->tag);
        if ((v = get(a, "init")) && parse_long(v, -LONG_MAXV, LONG_MAXV, &x))
            var->init = (int32_t)x;
        fl_pos p = attr_pos(b, a->tag, "name", 1);
        if (builtin_slot(var->name, strlen(var->name)) >= 0)
            error_at(b, p, "unique-id",
                     "the variable '%s' has the name of a built-in condition value; choose "
                     "another name",
                     var->name);
        slot *dup = table_add(&b->vars, var->name, (int32_t)(b->v_vars.count - 1), p, &b->oom);
        if (dup)
            error_at(b, p, "unique-id", "the variable id '%s' is already used at line %u",
                     var->name, (unsigned)dup->pos.line);
        break;
    }
    case E_WEIGHT: {
        const char *dim = get(a, "dimension");
        for (int d = 0; dim && d < FL_DIM_COUNT; d++) {
            if (strcmp(dim, fl_dimension_names[d]) != 0)
                continue;
            if (b->stack[b->depth - 1].set & (1u << d))
                error_at(b, attr_pos(b, a->tag, "dimension", 1), "rubric",
                         "the weight of '%s' is already set in this rubric", dim);
            b->stack[b->depth - 1].set |= 1u << d;
            if ((v = get(a, "value")) && parse_long(v, 0, 100, &x))
                s->weights[d] = (int)x;
        }
        break;
    }
    case E_PARAM: {
        const char *name = get(a, "name");
        for (int p = 0; name && p < FL_P_COUNT; p++) {
            const fl_param_info *pi = &fl_rubric_params[p];
            if (strcmp(name, pi->name) != 0)
                continue;
            if (b->stack[b->depth - 1].set & (1u << (FL_DIM_COUNT + p)))
                error_at(b, attr_pos(b, a->tag, "name", 1), "rubric",
                         "the parameter '%s' is already set in this rubric", name);
            b->stack[b->depth - 1].set |= 1u << (FL_DIM_COUNT + p);
            v = get(a, "value");
            if (v && parse_long(v, pi->min, pi->max, &x))
                s->params[p] = (int)x;
            else if (v)
                error_at(b, attr_pos(b, a->tag, "value", 1), "rubric",
                         "%s=%s is out of range (%d..%d)", name, v, pi->min, pi->max);
        }
        break;
    }
    case E_CRITICAL: {
        const char *m = get(a, "mistake"), *off = get(a, "off");
        uint32_t bit = m ? fl_critical_parse(m, strlen(m)) : 0;
        if (!bit)
            break;
        if (b->critical_seen & bit)
            error_at(b, attr_pos(b, a->tag, "mistake", 1), "rubric",
                     "'%s' is already made critical or not in this rubric", m);
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
        l->id = copy(b, get(a, "id"));
        condition(b, a, &l->cond, &l->cond_src);
        const char *e = get(a, "emotion");
        for (int i = 0; e && i < FL_EMO_COUNT; i++)
            if (strcmp(e, fl_emotion_names[i]) == 0)
                l->emotion = (fl_emotion)i;
        const char *g = get(a, "grievance");
        l->grievance = g && strcmp(g, "yes") == 0;
        break;
    }
    case E_REPLY:
    case E_ROUTE:
    case E_FALLBACK: {
        frame *parent = &b->stack[b->depth - 1];
        if (el == E_REPLY && (parent->seen & BIT(E_INPUT)))
            error_at(b, pos_at(b, a->tag), "schema",
                     "a <node> has either <reply> elements or one <input>, not both");
        start_reply(b, a,
                    el == E_REPLY   ? FL_REPLY_CHOICE
                    : el == E_ROUTE ? FL_REPLY_ROUTE
                                    : FL_REPLY_FALLBACK);
        break;
    }
    case E_INPUT: {
        frame *parent = &b->stack[b->depth - 1];
        fl_node *node = cur_node(b);
        if (parent->seen & BIT(E_REPLY) || node->free_text)
            error_at(b, pos_at(b, a->tag), "schema",
                     "a <node> has either <reply> elements or one <input>, not both");
        node->free_text = 1;
        node->placeholder = copy(b, get(a, "placeholder"));
        break;
    }
    case E_EFFECT: {
        fl_reply *r = cur_reply(b);
        static const char *const meters[] = {"mood", "patience", "trust"};
        int16_t *dst[] = {&r->effect.mood, &r->effect.patience, &r->effect.trust};
        for (int i = 0; i < 3; i++) {
            if (!(v = get(a, meters[i])))
                continue;
            if (!parse_long(v, -200, 200, &x))
                error_at(b, attr_pos(b, a->tag, meters[i], 1), "effect-range",
                         "%s change '%s' is out of range (-200..+200)", meters[i], v);
            else
                *dst[i] = (int16_t)x;
        }
        break;
    }
    case E_SET: {
        fl_set *st = vec_push(&b->v_sets, &b->oom);
        if (!st)
            break;
        const char *var = get(a, "var"), *value = get(a, "value"), *add = get(a, "add");
        slot *vs = var ? table_find(&b->vars, var) : NULL;
        if (var && !vs) {
            char h[96];
            suggestion sg = suggest_start(var);
            suggest_table(&sg, &b->vars);
            error_at(b, attr_pos(b, a->tag, "var", 1), "var-exists",
                     "<set> names variable '%s', which is not declared with <var>%s", var,
                     hint(&sg, h, sizeof(h)));
        }
        st->var = vs ? vs->value : 0;
        if ((value != NULL) == (add != NULL)) {
            error_at(b, pos_at(b, a->tag), "set-value",
                     "<set> needs exactly one of value=\"...\" (assign) or add=\"...\" (add)");
        } else if (parse_long(value ? value : add, -FL_EXPR_MAX_LITERAL, FL_EXPR_MAX_LITERAL, &x)) {
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
        p->name = copy(b, get(a, "to"));
        p->tag = a->tag;
        p->what = "timeout";
        break;
    }
    default:
        break;
    }
}

/* Folds white space of the text gathered since `start` and copies it into the arena. */
static const char *take_text(fl_builder *b, size_t start)
{
    size_t o = 0, n = b->text_len - start;
    char *out = alloc_raw(b, n + 1);
    if (!out)
        return "";
    int space = 0;
    for (size_t i = start; i < b->text_len; i++) {
        char c = b->text[i];
        if (is_space(c)) {
            space = 1;
            continue;
        }
        if (space && o > 0)
            out[o++] = ' ';
        space = 0;
        out[o++] = c;
    }
    out[o] = '\0';
    b->text_len = start;
    return out;
}

static void on_element_end(fl_builder *b, const frame *f)
{
    fl_scenario *s = b->s;
    const char *text = rules[f->el].text ? take_text(b, f->text_start) : "";
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
    fl_builder *b = calloc(1, sizeof(*b));
    if (!b)
        return NULL;
    for (int p = 0; p < FL_P_COUNT; p++)
        params[p] = fl_rubric_params[p].name;
    b->li = li;
    b->diags = diags;
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
    free(b->nodes.slots);
    free(b->offers.slots);
    free(b->vars.slots);
    free(b->ids.slots);
    vec *vs[] = {&b->v_nodes, &b->v_offers,  &b->v_vars,          &b->v_lines, &b->v_replies,
                 &b->v_sets,  &b->v_pending, &b->v_reply_targets, &b->v_tags};
    for (size_t i = 0; i < sizeof(vs) / sizeof(*vs); i++)
        free(vs[i]->data);
    free(b->text);
    free(b);
}

static int element_id(fl_builder *b, const char *name)
{
    /* The parser interns names, so the same pointer comes back for the same name. */
    for (int i = 0; i < b->n_names; i++)
        if (b->names[i].ptr == name)
            return b->names[i].el;
    int el = -1;
    for (int e = 0; e < E_COUNT; e++)
        if (strcmp(rules[e].name, name) == 0)
            el = e;
    if (b->n_names < (int)(sizeof(b->names) / sizeof(b->names[0])))
        b->names[b->n_names++] = (struct name_cache){name, el};
    return el;
}

void fl_builder_start(fl_builder *b, size_t tag, const char *name, int namespaced,
                      const char *const *kv, int n_attrs)
{
    int depth = b->depth;
    frame *parent = depth ? &b->stack[depth - 1] : NULL;
    frame *f = &b->stack[depth];
    b->depth++;
    memset(f, 0, sizeof(*f));
    f->tag = tag;
    f->text_start = b->text_len;
    f->el = -1;
    if (parent && parent->el < 0)
        return; /* inside a refused element: its content is not looked at */
    int el = namespaced ? -1 : element_id(b, name);
    if (!parent) {
        b->saw_root = 1;
        if (el != E_SCENARIO) {
            error_at(b, pos_at(b, tag), "schema",
                     "the root element is <%s>; a scenario file starts with <scenario>", name);
            return;
        }
    } else {
        if (el < 0 || el == E_SCENARIO) {
            char names[200], h[96];
            suggestion sg = suggest_start(name);
            uint32_t mask = expected_mask(&rules[parent->el], parent);
            for (int e = 0; e < E_COUNT; e++)
                if ((mask >> e) & 1)
                    consider(&sg, rules[e].name);
            list_names(names, sizeof(names), mask);
            if (namespaced)
                error_at(b, pos_at(b, tag), "schema",
                         "<%s> is not allowed: scenario elements have no namespace", name);
            else if (names[0])
                error_at(b, pos_at(b, tag), "schema",
                         "<%s> is not an element of scenarios%s (expected here: %s)", name,
                         hint(&sg, h, sizeof(h)), names);
            else
                error_at(b, pos_at(b, tag), "schema", "<%s> is not allowed inside <%s>", name,
                         rules[parent->el].name);
            return;
        }
        if (place_child(b, parent, el, tag) != 0)
            return;
    }
    f->el = el;
    attrs a = {kv, n_attrs, tag, el};
    check_attrs(b, &a);
    if (!b->oom)
        on_element_start(b, el, &a);
}

void fl_builder_text(fl_builder *b, const char *s, size_t len)
{
    if (!b->depth)
        return;
    frame *f = &b->stack[b->depth - 1];
    if (f->el < 0)
        return;
    if (!rules[f->el].text) {
        for (size_t i = 0; i < len; i++) {
            if (!is_space(s[i]) && !f->has_text) {
                f->has_text = 1;
                error_at(b, pos_at(b, f->tag), "schema",
                         "<%s> holds only elements, but has text: '%.*s'", rules[f->el].name,
                         (int)(len - i > 40 ? 40 : len - i), s + i);
                break;
            }
        }
        return;
    }
    if (b->text_len + len + 1 > b->text_cap) {
        size_t cap = b->text_cap ? b->text_cap : 1024;
        while (cap < b->text_len + len + 1)
            cap *= 2;
        char *t = realloc(b->text, cap);
        if (!t) {
            b->oom = 1;
            return;
        }
        b->text = t;
        b->text_cap = cap;
    }
    memcpy(b->text + b->text_len, s, len);
    b->text_len += len;
}

void fl_builder_end(fl_builder *b)
{
    frame *f = &b->stack[--b->depth];
    if (f->el < 0)
        return;
    check_complete(b, f);
    on_element_end(b, f);
}

int fl_builder_finish(fl_builder *b, fl_scenario **out, fl_pos root)
{
    fl_scenario *s = b->s;
    *out = NULL;
    if (b->oom)
        return -2;
    if (!b->saw_root)
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
        fl_node *node = &nodes[p->node];
        int32_t target = t ? t->value : -1;
        if (p->reply < 0)
            node->timeout = target;
        else
            ((fl_reply *)node->replies)[p->reply].target = target;
        if (!t) {
            char h[96];
            suggestion sg = suggest_start(p->name);
            suggest_table(&sg, &b->nodes);
            error_at(b, attr_pos(b, p->tag, "to", 1), "target-exists",
                     "%s targets node '%s', which does not exist%s", p->what, p->name,
                     hint(&sg, h, sizeof(h)));
        }
    }
    fl_diags_sort(b->diags);
    if (b->diags->errors == 0) {
        const char *start = b->start_name ? b->start_name : "start";
        slot *st = table_find(&b->nodes, start);
        s->start = st ? st->value : -1;
        if (!st) {
            char h[96];
            suggestion sg = suggest_start(start);
            suggest_table(&sg, &b->nodes);
            error_at(b, b->start_name ? b->start_pos : root, "start-exists",
                     "the conversation starts at node '%s', which does not exist%s%s", start,
                     hint(&sg, h, sizeof(h)),
                     b->start_name
                         ? ""
                         : " (name a node id=\"start\" or set start=\"...\" on <scenario>)");
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
