/*
 * round_load.c - reads a round file (scenarios/schema/round.xsd) into the fl_round_def of
 * round.h, with file:line:column diagnostics.
 *
 * The bytes go through the scenario loader's pipeline (loader.c: the size limit, UTF-8 only, no
 * DTD, no entities, no external loads, the depth limit, element offsets for columns); only the
 * builder is this file's. Like build.c it checks the structure the schema describes as the
 * events come (tests/schema/differential.py feeds the same files to xmllint and to lint and
 * requires the same verdict), then, when the structure is sound, the rules across attributes
 * that no schema can say: the customers of the levels, levels that tighten, the pass rule.
 *
 * Which scenarios the sources name, and whether they load, is not decided here: the core never
 * lists folders (game/content/content.c resolves the pool).
 *
 * Depends on libc and the core's loader, arena and diagnostics.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "loader.h"
#include "round.h"

/* ---- Structure: elements, attributes, content ------------------------------------------ */

enum el {
    E_ROUND,
    E_TITLE,
    E_BRIEF,
    E_DRAW,
    E_SCENARIO,
    E_SCENARIOS,
    E_CUSTOMERS,
    E_LEVELS,
    E_LEVEL,
    E_PASS,
    E_COUNT
};
#define BIT(e)    (1u << (e))
#define UNBOUNDED 0xFFFF

typedef enum { A_ID, A_INT, A_SEED, A_LANG, A_PATH, A_TAG } atype;

typedef struct {
    const char *name;
    atype type;
    int required;
    long min, max;    /* A_INT */
    const char *what; /* A_INT: what the number means, for the message */
} attr_rule;

typedef struct {
    uint32_t mask; /* elements allowed in this slot */
    uint16_t min, max;
} slot_rule;

typedef struct {
    const char *name;
    int text; /* holds text */
    const slot_rule *slots;
    int n_slots;
    const attr_rule *attrs;
    int n_attrs;
} el_rule;

#define VERSION_MAX 1000000000L /* as for scenarios */
/* Seconds: a reply limit, and the mean gap between arrivals (round.xsd says the same). */
#define LIMIT_MIN 5
#define LIMIT_MAX 600
#define EVERY_MAX 3600
#define N(a)      ((int)(sizeof(a) / sizeof((a)[0])))

static const attr_rule a_round[] = {
    {"id", A_ID, 1, 0, 0, NULL},
    {"version", A_INT, 1, 1, VERSION_MAX, NULL},
    {"lang", A_LANG, 1, 0, 0, NULL},
};
static const attr_rule a_scenario[] = {{"path", A_PATH, 1, 0, 0, NULL}};
static const attr_rule a_scenarios[] = {{"tag", A_TAG, 1, 0, 0, NULL},
                                        {"dir", A_PATH, 0, 0, 0, NULL}};
static const attr_rule a_customers[] = {
    {"total", A_INT, 1, 1, FL_ROUND_MAX_CUSTOMERS, "customers in the whole round"},
    {"at-once", A_INT, 0, 1, FL_ROUND_MAX_AT_ONCE, "the most customers on the line at once"},
    {"seed", A_SEED, 1, 0, 0, NULL},
};
static const attr_rule a_level[] = {
    {"limit", A_INT, 1, LIMIT_MIN, LIMIT_MAX, "seconds the trainee has for each reply"},
    {"every", A_INT, 1, 1, EVERY_MAX, "seconds between two arrivals, on average"},
    {"customers", A_INT, 0, 1, FL_ROUND_MAX_CUSTOMERS, "customers who arrive at this level"},
};
static const attr_rule a_pass[] = {
    {"lost", A_INT, 0, 0, FL_ROUND_MAX_CUSTOMERS, "customers the trainee may lose and pass"},
    {"mean", A_INT, 0, 0, 100, "the mean score a pass needs"},
};

static const slot_rule s_round[] = {
    {BIT(E_TITLE), 1, 1},     {BIT(E_BRIEF), 0, 1},  {BIT(E_DRAW), 1, 1},
    {BIT(E_CUSTOMERS), 1, 1}, {BIT(E_LEVELS), 1, 1}, {BIT(E_PASS), 0, 1},
};
static const slot_rule s_draw[] = {{BIT(E_SCENARIO) | BIT(E_SCENARIOS), 1, UNBOUNDED}};
static const slot_rule s_levels[] = {{BIT(E_LEVEL), 1, FL_ROUND_MAX_LEVELS}};

static const el_rule rules[E_COUNT] = {
    [E_ROUND] = {"round", 0, s_round, N(s_round), a_round, N(a_round)},
    [E_TITLE] = {"title", 1, NULL, 0, NULL, 0},
    [E_BRIEF] = {"brief", 1, NULL, 0, NULL, 0},
    [E_DRAW] = {"draw", 0, s_draw, N(s_draw), NULL, 0},
    [E_SCENARIO] = {"scenario", 0, NULL, 0, a_scenario, N(a_scenario)},
    [E_SCENARIOS] = {"scenarios", 0, NULL, 0, a_scenarios, N(a_scenarios)},
    [E_CUSTOMERS] = {"customers", 0, NULL, 0, a_customers, N(a_customers)},
    [E_LEVELS] = {"levels", 0, s_levels, N(s_levels), NULL, 0},
    [E_LEVEL] = {"level", 0, NULL, 0, a_level, N(a_level)},
    [E_PASS] = {"pass", 0, NULL, 0, a_pass, N(a_pass)},
};

/* ---- The builder ------------------------------------------------------------------------ */

typedef struct {
    int el;         /* enum el, or -1 for an element being skipped */
    size_t tag;     /* offset of its '<' */
    int slot;       /* content model position */
    uint16_t count; /* children in the current slot */
    uint32_t seen;  /* children seen, as element bits */
    size_t text_start;
    int has_text; /* text reported in an element that holds none */
} frame;

typedef struct {
    fl_arena *arena;
    const line_index *li;
    fl_diags *diags;
    fl_round_def *def;
    frame stack[FL_SCENARIO_MAX_DEPTH + 2];
    int depth;
    char *text; /* text of the open <title> or <brief> */
    size_t text_len, text_cap;
    int saw_root, oom;
    size_t schema_errors; /* the cross-attribute rules wait for a sound structure */
    fl_round_level levels[FL_ROUND_MAX_LEVELS];
    size_t level_tag[FL_ROUND_MAX_LEVELS];
    int level_counted[FL_ROUND_MAX_LEVELS]; /* the level said customers="..." */
    uint32_t n_levels;
    fl_round_source *sources; /* malloc'd while reading, copied into the arena at the end */
    uint32_t n_sources, sources_cap;
    size_t customers_tag, pass_tag; /* for the positions of the rules across attributes */
} builder;

static fl_pos pos_at(builder *b, size_t off)
{
    return off == (size_t)-1 ? (fl_pos){0, 0} : fl_loader__pos(b->li, off);
}

/* Position of attribute `name` of the tag at `tag` (of its value with `value`), or the tag's. */
static fl_pos attr_pos(builder *b, size_t tag, const char *name, int value)
{
    size_t a = fl_loader__attr_offset(b->li, tag, name, value);
    return pos_at(b, a == (size_t)-1 ? tag : a);
}

static void diag(builder *b, fl_severity sev, fl_pos p, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void diag(builder *b, fl_severity sev, fl_pos p, const char *rule, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fl_diag_addv(b->diags, sev, p.line, p.column, rule, fmt, ap);
    va_end(ap);
    if (sev == FL_SEV_ERROR && strcmp(rule, "round-schema") == 0)
        b->schema_errors++;
}
#define schema_error(b, p, ...) diag(b, FL_SEV_ERROR, p, "round-schema", __VA_ARGS__)

static const char *copy(builder *b, const char *s)
{
    const char *p = fl_arena_strdup(b->arena, s);
    if (!p)
        b->oom = 1;
    return p;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* "did you mean": the closest candidate within a small edit distance, as the scenario loader
 * suggests. */
typedef struct {
    const char *name, *best;
    size_t best_d;
} suggestion;

static suggestion suggest_start(const char *name)
{
    return (suggestion){name, NULL, strlen(name) <= 3 ? 2 : 3};
}

static void consider(suggestion *sg, const char *candidate)
{
    size_t d = fl_edit_distance(sg->name, candidate);
    if (d < sg->best_d) {
        sg->best_d = d;
        sg->best = candidate;
    }
}

static const char *hint(const suggestion *sg, char *buf, size_t size)
{
    if (sg->best)
        snprintf(buf, size, " (did you mean '%s'?)", sg->best);
    else
        buf[0] = '\0';
    return buf;
}

/* ---- Values ------------------------------------------------------------------------------ */

/* A whole number as XML Schema's xs:integer reads it (surrounding white space, an optional
 * sign), within lo..hi. */
static int parse_long(const char *s, long lo, long hi, long *out)
{
    while (is_space(*s))
        s++;
    const char *p = s + (*s == '+' || *s == '-');
    if (*p < '0' || *p > '9')
        return 0;
    char *end;
    long v = strtol(s, &end, 10);
    while (is_space(*end))
        end++;
    *out = v;
    return *end == '\0' && v >= lo && v <= hi;
}

/* The seed: digits only (no sign, no exponent), at most UINT64_MAX; white space around is
 * allowed, as the schema's collapsing allows it. Returns 1, 0 not a number, -1 too large. */
static int parse_seed(const char *s, uint64_t *out)
{
    while (is_space(*s))
        s++;
    size_t n = strspn(s, "0123456789");
    const char *end = s + n;
    while (is_space(*end))
        end++;
    if (n == 0 || *end)
        return 0;
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned d = (unsigned)(s[i] - '0');
        if (v > (UINT64_MAX - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    *out = v;
    return 1;
}

static int valid_id(const char *v)
{
    size_t n = strlen(v);
    if (n == 0 || n > 64)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = v[i];
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 (i > 0 && (c == '_' || c == '-' || c == '.'));
        if (!ok)
            return 0;
    }
    return 1;
}

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

/* Checks every attribute of an element against its rule; returns 0 when all are valid. */
static int check_attrs(builder *b, const attrs *a)
{
    const el_rule *er = &rules[a->el];
    int bad = 0;
    char h[96];
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
                schema_error(b, attr_pos(b, a->tag, name, 0),
                             "<%s> takes no attributes, but has '%s'", er->name, name);
            else
                schema_error(b, attr_pos(b, a->tag, name, 0), "<%s> has no attribute '%s'%s",
                             er->name, name, hint(&sg, h, sizeof(h)));
            bad = 1;
            continue;
        }
        fl_pos vp = attr_pos(b, a->tag, name, 1);
        long x;
        uint64_t seed;
        switch (ar->type) {
        case A_ID:
            if (!valid_id(v)) {
                schema_error(b, vp,
                             "%s=\"%s\" is not a valid id: use letters, digits, '_', '-' and '.', "
                             "starting with a letter or digit, at most 64 characters",
                             name, v);
                bad = 1;
            }
            break;
        case A_INT:
            if (!parse_long(v, ar->min, ar->max, &x)) {
                if (ar->max == VERSION_MAX)
                    schema_error(b, vp, "%s=\"%s\" is not a whole number of at least %ld", name, v,
                                 ar->min);
                else
                    schema_error(b, vp, "%s=\"%s\" is not a whole number from %ld to %ld (%s)",
                                 name, v, ar->min, ar->max, ar->what);
                bad = 1;
            }
            break;
        case A_SEED: {
            int r = parse_seed(v, &seed);
            if (r < 0)
                schema_error(b, vp,
                             "%s=\"%s\" is too large: the seed is at most 18446744073709551615",
                             name, v);
            else if (r == 0)
                schema_error(b, vp,
                             "%s=\"%s\" is not a seed: write a whole number of 0 or more, in "
                             "digits only (e.g. seed=\"20261202\")",
                             name, v);
            bad |= r != 1;
            break;
        }
        case A_LANG:
            if (strcmp(v, "en") != 0 && strcmp(v, "ru") != 0) {
                suggestion sg = suggest_start(v);
                consider(&sg, "en");
                consider(&sg, "ru");
                schema_error(b, vp, "%s=\"%s\" is not one of: en, ru%s", name, v,
                             hint(&sg, h, sizeof(h)));
                bad = 1;
            }
            break;
        case A_PATH:
            if (!v[0]) {
                schema_error(b, vp, "%s=\"\" is empty: name %s relative to the round file", name,
                             a->el == E_SCENARIO ? "a scenario file" : "a folder");
                bad = 1;
            }
            break;
        case A_TAG:
            if (!v[0] || strpbrk(v, " \t\r\n")) {
                schema_error(b, vp,
                             "%s=\"%s\" is not one tag: write a single word, without spaces "
                             "(one <scenarios> per tag)",
                             name, v);
                bad = 1;
            }
            break;
        }
    }
    for (int k = 0; k < er->n_attrs; k++) {
        if (er->attrs[k].required && !get(a, er->attrs[k].name)) {
            schema_error(b, pos_at(b, a->tag), "<%s> needs the attribute %s=\"...\"", er->name,
                         er->attrs[k].name);
            bad = 1;
        }
    }
    return bad ? -1 : 0;
}

/* ---- Content model ------------------------------------------------------------------------ */

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
static int place_child(builder *b, frame *f, int el, size_t tag)
{
    const el_rule *pr = &rules[f->el];
    fl_pos p = pos_at(b, tag);
    char names[200];
    int i = f->slot;
    uint16_t count = f->count;
    while (i < pr->n_slots) {
        const slot_rule *sr = &pr->slots[i];
        if ((sr->mask & BIT(el)) && count < sr->max) {
            for (int k = f->slot; k < i; k++) { /* every required slot skipped is missing */
                uint16_t have = k == f->slot ? f->count : 0;
                if (pr->slots[k].min > have) {
                    list_names(names, sizeof(names), pr->slots[k].mask);
                    schema_error(b, p, "<%s> needs %s before <%s>", pr->name, names,
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
    for (int k = 0; k < pr->n_slots; k++) {
        if (!(pr->slots[k].mask & BIT(el)))
            continue;
        if (el == E_LEVEL)
            schema_error(b, p, "<levels> may hold at most %d <level>: a round has 1 to %d levels",
                         FL_ROUND_MAX_LEVELS, FL_ROUND_MAX_LEVELS);
        else if (k == f->slot || (f->seen & BIT(el) && pr->slots[k].max == 1))
            schema_error(b, p, "<%s> may hold only one <%s>", pr->name, rules[el].name);
        else {
            list_names(names, sizeof(names), pr->slots[f->slot].mask);
            schema_error(b, p, "<%s> is out of order: it must come before %s in <%s>",
                         rules[el].name, names, pr->name);
        }
        return -1;
    }
    list_names(names, sizeof(names), expected_mask(pr, f));
    if (names[0])
        schema_error(b, p, "<%s> is not allowed inside <%s> here (expected %s)", rules[el].name,
                     pr->name, names);
    else
        schema_error(b, p, "<%s> is not allowed inside <%s>", rules[el].name, pr->name);
    return -1;
}

/* Reports required children the element ended without. */
static void check_complete(builder *b, const frame *f)
{
    const el_rule *er = &rules[f->el];
    char names[200];
    for (int k = f->slot; k < er->n_slots; k++) {
        uint16_t have = k == f->slot ? f->count : 0;
        if (er->slots[k].min > have) {
            list_names(names, sizeof(names), er->slots[k].mask);
            schema_error(b, pos_at(b, f->tag), "<%s> needs %s", er->name, names);
        }
    }
}

/* ---- Building ------------------------------------------------------------------------------ */

static void add_source(builder *b, const attrs *a)
{
    if (b->n_sources == b->sources_cap) {
        uint32_t cap = b->sources_cap ? b->sources_cap * 2 : 8;
        fl_round_source *ns = realloc(b->sources, cap * sizeof(*ns));
        if (!ns) {
            b->oom = 1;
            return;
        }
        b->sources = ns;
        b->sources_cap = cap;
    }
    fl_round_source *src = &b->sources[b->n_sources++];
    memset(src, 0, sizeof(*src));
    const char *key = a->el == E_SCENARIO ? "path" : "tag";
    const char *v = get(a, key);
    /* Placed at the value that names the scenarios: that is what a pool problem is about. */
    src->pos = attr_pos(b, a->tag, key, 1);
    if (a->el == E_SCENARIO) {
        src->path = v ? copy(b, v) : NULL;
    } else {
        src->tag = v ? copy(b, v) : NULL;
        const char *dir = get(a, "dir");
        src->dir = dir ? copy(b, dir) : NULL; /* the default needs the language: see finish */
    }
}

static void on_element_start(builder *b, const attrs *a)
{
    fl_round_def *d = b->def;
    const char *v;
    long x;
    uint64_t seed;
    switch (a->el) {
    case E_ROUND:
        if ((v = get(a, "id")))
            d->id = copy(b, v);
        if ((v = get(a, "lang")))
            d->lang = copy(b, v);
        if ((v = get(a, "version")) && parse_long(v, 1, VERSION_MAX, &x))
            d->version = (uint32_t)x;
        break;
    case E_SCENARIO:
    case E_SCENARIOS:
        add_source(b, a);
        break;
    case E_CUSTOMERS:
        b->customers_tag = a->tag;
        if ((v = get(a, "total")) && parse_long(v, 1, FL_ROUND_MAX_CUSTOMERS, &x))
            d->customers = (uint32_t)x;
        if ((v = get(a, "at-once")) && parse_long(v, 1, FL_ROUND_MAX_AT_ONCE, &x))
            d->at_once = (uint32_t)x;
        if ((v = get(a, "seed")) && parse_seed(v, &seed) == 1)
            d->seed = seed;
        break;
    case E_LEVEL: {
        if (b->n_levels >= FL_ROUND_MAX_LEVELS)
            break;
        uint32_t i = b->n_levels++;
        fl_round_level *lv = &b->levels[i];
        b->level_tag[i] = a->tag;
        lv->pos = pos_at(b, a->tag);
        if ((v = get(a, "limit")) && parse_long(v, LIMIT_MIN, LIMIT_MAX, &x))
            lv->limit_ms = (uint32_t)x * 1000;
        if ((v = get(a, "every")) && parse_long(v, 1, EVERY_MAX, &x))
            lv->every_ms = (uint32_t)x * 1000;
        if ((v = get(a, "customers"))) {
            b->level_counted[i] = 1;
            if (parse_long(v, 1, FL_ROUND_MAX_CUSTOMERS, &x))
                lv->customers = (uint32_t)x;
        }
        break;
    }
    case E_PASS:
        b->pass_tag = a->tag;
        if ((v = get(a, "lost")) && parse_long(v, 0, FL_ROUND_MAX_CUSTOMERS, &x))
            d->pass_lost = (uint32_t)x;
        if ((v = get(a, "mean")) && parse_long(v, 0, 100, &x))
            d->pass_mean = (uint32_t)x;
        break;
    default:
        break;
    }
}

/* Folds white space of the text gathered since `start` and copies it into the arena. */
static const char *take_text(builder *b, size_t start)
{
    size_t o = 0, n = b->text_len - start;
    char *out = fl_arena_alloc_raw(b->arena, n + 1);
    if (!out) {
        b->oom = 1;
        return "";
    }
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

static void on_element_end(builder *b, const frame *f)
{
    if (!rules[f->el].text)
        return;
    const char *text = take_text(b, f->text_start);
    if (f->el == E_TITLE) {
        b->def->title = text;
        if (!text[0])
            schema_error(b, pos_at(b, f->tag),
                         "<title> is empty: give the round a name, in the round's language");
    } else {
        b->def->brief = text;
    }
}

/* ---- Events from the parser --------------------------------------------------------------- */

static int element_id(const char *name)
{
    for (int e = 0; e < E_COUNT; e++)
        if (strcmp(rules[e].name, name) == 0)
            return e;
    return -1;
}

static void on_start(void *vb, size_t tag, const char *name, int namespaced, const char *const *kv,
                     int n_attrs)
{
    builder *b = vb;
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
    int el = namespaced ? -1 : element_id(name);
    if (!parent) {
        b->saw_root = 1;
        if (el != E_ROUND) {
            schema_error(b, pos_at(b, tag),
                         "the root element is <%s>; a round file starts with <round>", name);
            return;
        }
    } else {
        if (el < 0 || el == E_ROUND) {
            char names[200], h[96];
            suggestion sg = suggest_start(name);
            uint32_t mask = expected_mask(&rules[parent->el], parent);
            for (int e = 0; e < E_COUNT; e++)
                if ((mask >> e) & 1)
                    consider(&sg, rules[e].name);
            list_names(names, sizeof(names), mask);
            if (namespaced)
                schema_error(b, pos_at(b, tag),
                             "<%s> is not allowed: round elements have no namespace", name);
            else if (names[0])
                schema_error(b, pos_at(b, tag),
                             "<%s> is not an element of round files%s (expected here: %s)", name,
                             hint(&sg, h, sizeof(h)), names);
            else
                schema_error(b, pos_at(b, tag), "<%s> is not allowed inside <%s>", name,
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
        on_element_start(b, &a);
}

static void on_text(void *vb, const char *s, size_t len)
{
    builder *b = vb;
    if (!b->depth)
        return;
    frame *f = &b->stack[b->depth - 1];
    if (f->el < 0)
        return;
    if (!rules[f->el].text) {
        for (size_t i = 0; i < len && !f->has_text; i++) {
            if (!is_space(s[i])) {
                f->has_text = 1;
                schema_error(b, pos_at(b, f->tag), "<%s> holds no text, but has: '%.*s'",
                             rules[f->el].name, (int)(len - i > 40 ? 40 : len - i), s + i);
            }
        }
        return;
    }
    if (b->text_len + len + 1 > b->text_cap) {
        size_t cap = b->text_cap ? b->text_cap : 256;
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

static void on_end(void *vb)
{
    builder *b = vb;
    frame *f = &b->stack[--b->depth];
    if (f->el < 0)
        return;
    check_complete(b, f);
    on_element_end(b, f);
}

static const fl_doc_kind round_kind = {
    .plural = "round files",
    .singular = "round file",
    .max_bytes = FL_ROUND_MAX_BYTES,
    .start = on_start,
    .text = on_text,
    .end = on_end,
};

/* ---- The rules across attributes ------------------------------------------------------------ */

/* The customers of each level: as written when every level says, else the total spread evenly
 * with the remainder to the last levels (a round builds up). */
static void split_customers(builder *b)
{
    fl_round_def *d = b->def;
    uint32_t n = b->n_levels, counted = 0, first_counted = 0, sum = 0;
    for (uint32_t i = 0; i < n; i++)
        if (b->level_counted[i] && counted++ == 0)
            first_counted = i;
    if (counted && counted < n) {
        for (uint32_t i = 0; i < n; i++)
            if (!b->level_counted[i])
                diag(b, FL_SEV_ERROR, pos_at(b, b->level_tag[i]), "round-customers",
                     "level %u says nothing of its customers, but level %u does "
                     "(customers=\"...\"): give every level its count, or none (then the "
                     "total is spread evenly)",
                     i + 1, first_counted + 1);
        return;
    }
    if (counted) {
        char terms[160];
        size_t o = 0;
        terms[0] = '\0';
        for (uint32_t i = 0; i < n; i++) {
            sum += b->levels[i].customers;
            if (o < sizeof(terms))
                o += (size_t)snprintf(terms + o, sizeof(terms) - o, "%s%u", i ? " + " : "",
                                      b->levels[i].customers);
        }
        if (sum != d->customers)
            diag(b, FL_SEV_ERROR, attr_pos(b, b->customers_tag, "total", 1), "round-customers",
                 "total=\"%u\", but the levels' customers add up to %u (%s): make the total "
                 "their sum, or change the levels",
                 d->customers, sum, terms);
        return;
    }
    if (d->customers < n) {
        diag(b, FL_SEV_ERROR, attr_pos(b, b->customers_tag, "total", 1), "round-customers",
             "total=\"%u\" cannot be spread over %u levels: every level needs at least one "
             "customer; raise the total to %u or more, or use fewer levels",
             d->customers, n, n);
        return;
    }
    uint32_t base = d->customers / n, extra = d->customers % n;
    for (uint32_t i = 0; i < n; i++)
        b->levels[i].customers = base + (i >= n - extra);
}

static void check_round(builder *b)
{
    fl_round_def *d = b->def;
    split_customers(b);
    for (uint32_t i = 1; i < b->n_levels; i++) {
        uint32_t was = b->levels[i - 1].limit_ms / 1000, now = b->levels[i].limit_ms / 1000;
        if (now > was)
            diag(b, FL_SEV_WARNING, attr_pos(b, b->level_tag[i], "limit", 1), "round-tighten",
                 "level %u gives %u s to reply, more than level %u before it (%u s): a round "
                 "should tighten; give it %u s or less, or swap the levels",
                 i + 1, now, i, was, was);
    }
    if (d->pass_lost > d->customers)
        diag(b, FL_SEV_ERROR, attr_pos(b, b->pass_tag, "lost", 1), "round-pass",
             "lost=\"%u\" is more than the round's %u customers: write a number from 0 to %u "
             "(customers the trainee may lose and still pass)",
             d->pass_lost, d->customers, d->customers);
}

/* Copies what was gathered into the arena, where the def lives. */
static void finish_def(builder *b)
{
    fl_round_def *d = b->def;
    fl_round_level *lv = fl_arena_alloc_raw(b->arena, sizeof(*lv) * (b->n_levels + 1));
    fl_round_source *src = fl_arena_alloc_raw(b->arena, sizeof(*src) * (b->n_sources + 1));
    char *lang_dir = fl_arena_alloc(b->arena, 8);
    if (!lv || !src || !lang_dir) {
        b->oom = 1;
        return;
    }
    memcpy(lv, b->levels, sizeof(*lv) * b->n_levels);
    if (b->n_sources)
        memcpy(src, b->sources, sizeof(*src) * b->n_sources);
    snprintf(lang_dir, 8, "../%s", d->lang ? d->lang : "");
    for (uint32_t i = 0; i < b->n_sources; i++)
        if (src[i].tag && !src[i].dir)
            src[i].dir = lang_dir;
    d->levels = lv;
    d->n_levels = b->n_levels;
    d->sources = src;
    d->n_sources = b->n_sources;
}

/* ---- Entry points ---------------------------------------------------------------------------- */

static builder *builder_new(const line_index *li, const char *path, fl_diags *diags)
{
    builder *b = calloc(1, sizeof(*b));
    if (!b)
        return NULL;
    b->li = li;
    b->diags = diags;
    b->customers_tag = b->pass_tag = (size_t)-1;
    b->arena = fl_arena_new();
    fl_round_def *d = b->arena ? fl_arena_alloc(b->arena, sizeof(*d)) : NULL;
    if (!d) {
        fl_arena_free(b->arena);
        free(b);
        return NULL;
    }
    b->def = d;
    d->arena = b->arena;
    d->at_once = 3;
    d->pass_mean = 70;
    d->title = d->brief = "";
    if (path) {
        d->path = copy(b, path);
        const char *slash = strrchr(path, '/');
        d->dir = slash == path ? copy(b, "/")
                 : slash       ? fl_arena_strndup(b->arena, path, (size_t)(slash - path))
                               : copy(b, ".");
        if (!d->dir)
            b->oom = 1;
    }
    return b;
}

static void builder_free(builder *b)
{
    if (!b)
        return;
    fl_arena_free(b->arena);
    free(b->sources);
    free(b->text);
    free(b);
}

int fl_round_def_load_memory(fl_round_def **out, const char *buf, size_t len, const char *path,
                             fl_diags *diags)
{
    *out = NULL;
    line_index li;
    int rc = fl_loader__check(&round_kind, &li, buf, len, diags);
    if (rc) {
        free(li.starts);
        return rc;
    }
    builder *b = builder_new(&li, path, diags);
    if (!b) {
        free(li.starts);
        return -2;
    }
    size_t errors_before = diags->errors;
    rc = fl_loader__parse(&round_kind, b, &li, diags);
    if (rc == 0 && b->oom)
        rc = -2;
    if (rc == 0 && !b->saw_root)
        rc = -1;
    if (rc == 0) {
        if (b->schema_errors == 0)
            check_round(b);
        finish_def(b);
        if (b->oom)
            rc = -2;
        else if (diags->errors > errors_before)
            rc = -1;
    }
    if (rc == 0) {
        *out = b->def;
        b->arena = NULL; /* now the def's */
    }
    builder_free(b);
    free(li.starts);
    fl_diags_sort(diags);
    return rc;
}

typedef struct {
    fl_round_def **out;
    const char *path;
    fl_diags *diags;
} round_file;

static int load_round_bytes(void *payload, const char *buf, size_t len)
{
    round_file *f = payload;
    return fl_round_def_load_memory(f->out, buf, len, f->path, f->diags);
}

int fl_round_def_load_file(fl_round_def **out, const char *path, fl_diags *diags)
{
    *out = NULL;
    round_file f = {out, path, diags};
    return fl_loader__read_file(&round_kind, path, diags, load_round_bytes, &f);
}

void fl_round_def_free(fl_round_def *def)
{
    if (def)
        fl_arena_free(def->arena);
}

/* Skips what may stand before the root element: a byte-order mark, white space, the XML
 * declaration and other processing instructions, comments and a document type declaration
 * (refused later, but it does not change what the file is). */
int fl_is_round_document(const char *buf, size_t len)
{
    size_t i = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    for (;;) {
        while (i < len && is_space(buf[i]))
            i++;
        if (i + 1 >= len || buf[i] != '<')
            return 0;
        const char *end = NULL;
        if (buf[i + 1] == '?') {
            for (size_t k = i + 2; k + 1 < len && !end; k++)
                if (buf[k] == '?' && buf[k + 1] == '>')
                    end = buf + k + 2;
        } else if (len - i >= 4 && memcmp(buf + i, "<!--", 4) == 0) {
            for (size_t k = i + 4; k + 2 < len && !end; k++)
                if (memcmp(buf + k, "-->", 3) == 0)
                    end = buf + k + 3;
        } else if (buf[i + 1] == '!') {
            int brackets = 0; /* an internal subset [...] may hold '>' */
            for (size_t k = i + 2; k < len && !end; k++) {
                brackets += (buf[k] == '[') - (buf[k] == ']');
                if (buf[k] == '>' && brackets <= 0)
                    end = buf + k + 1;
            }
        } else {
            break;
        }
        if (!end)
            return 0;
        i = (size_t)(end - buf);
    }
    static const char root[] = "<round";
    size_t n = sizeof(root) - 1;
    if (len - i < n || memcmp(buf + i, root, n) != 0)
        return 0;
    return i + n == len || is_space(buf[i + n]) || buf[i + n] == '>' || buf[i + n] == '/';
}
