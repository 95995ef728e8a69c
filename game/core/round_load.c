/*
 * round_load.c - reads a round file (scenarios/schema/round.xsd) into the fl_round_def of
 * round.h, with file:line:column diagnostics.
 *
 * The bytes go through the scenario loader's pipeline (loader.c: the size limit, UTF-8 only, no
 * DTD, no entities, no external loads, the depth limit, element offsets for columns); only the
 * builder is this file's. Like build.c it checks the structure the schema describes as the
 * events come, with schema.c's checker and the table below (tests/schema/differential.py feeds
 * the same files to xmllint and to lint and requires the same verdict), then, when the structure is
 * sound, the rules across attributes that no schema can say: the customers of the levels, levels
 * that tighten, the pass rule.
 *
 * Which scenarios the sources name, and whether they load, is not decided here: the core never
 * lists folders (game/content/content.c resolves the pool).
 *
 * Its messages are catalogue words (catalogue_lint2.def), in the language of the diagnostics.
 *
 * Depends on libc and the core's loader, schema checker, arena, diagnostics and catalogue.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "arena.h"
#include "catalogue.h"
#include "loader.h"
#include "round.h"
#include "schema.h"
#include "vec.h"

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
#define BIT(e)    FL_SCHEMA_BIT(e)
#define UNBOUNDED FL_SCHEMA_UNBOUNDED

#define VERSION_MAX FL_SCHEMA_LONG_MAX /* as for scenarios: "at least 1" */
/* Seconds: a reply limit, and the mean gap between arrivals (round.xsd says the same). */
#define LIMIT_MIN 5
#define LIMIT_MAX 600
#define EVERY_MAX 3600
#define N(a)      ((int)(sizeof(a) / sizeof((a)[0])))

static const char *const langs[] = {"en", "ru", NULL};

static const fl_schema_attr a_round[] = {
    {"id", FL_ATTR_ID, 1, 0, 0, NULL, NULL},
    {"version", FL_ATTR_INT, 1, 1, VERSION_MAX, NULL, NULL},
    {"lang", FL_ATTR_ENUM, 1, 0, 0, langs, NULL},
};
static const fl_schema_attr a_scenario[] = {{"path", FL_ATTR_PATH, 1, 0, 0, NULL, NULL}};
static const fl_schema_attr a_scenarios[] = {{"tag", FL_ATTR_TAG, 1, 0, 0, NULL, NULL},
                                             {"dir", FL_ATTR_PATH, 0, 0, 0, NULL, NULL}};
static const fl_schema_attr a_customers[] = {
    {"total", FL_ATTR_INT, 1, 1, FL_ROUND_MAX_CUSTOMERS, NULL, NULL},
    {"at-once", FL_ATTR_INT, 0, 1, FL_ROUND_MAX_AT_ONCE, NULL, NULL},
    {"seed", FL_ATTR_SEED, 1, 0, 0, NULL, NULL},
};
static const fl_schema_attr a_level[] = {
    {"limit", FL_ATTR_INT, 1, LIMIT_MIN, LIMIT_MAX, NULL, NULL},
    {"every", FL_ATTR_INT, 1, 1, EVERY_MAX, NULL, NULL},
    {"customers", FL_ATTR_INT, 0, 1, FL_ROUND_MAX_CUSTOMERS, NULL, NULL},
};
static const fl_schema_attr a_pass[] = {
    {"lost", FL_ATTR_INT, 0, 0, FL_ROUND_MAX_CUSTOMERS, NULL, NULL},
    {"mean", FL_ATTR_INT, 0, 0, 100, NULL, NULL},
};

static const fl_schema_slot s_round[] = {
    {BIT(E_TITLE), 1, 1, NULL},     {BIT(E_BRIEF), 0, 1, NULL},  {BIT(E_DRAW), 1, 1, NULL},
    {BIT(E_CUSTOMERS), 1, 1, NULL}, {BIT(E_LEVELS), 1, 1, NULL}, {BIT(E_PASS), 0, 1, NULL},
};
static const fl_schema_slot s_draw[] = {{BIT(E_SCENARIO) | BIT(E_SCENARIOS), 1, UNBOUNDED, NULL}};
static const fl_schema_slot s_levels[] = {{BIT(E_LEVEL), 1, FL_ROUND_MAX_LEVELS, NULL}};

static const fl_schema_el rules[E_COUNT] = {
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

/* What an attribute counts or names, and why <levels> holds so few, in the messages: catalogue
 * words, so that they speak the diagnostics' language (fl_schema.word). */
static int schema_word(int el, const char *attr)
{
    static const struct {
        int el;
        const char *attr;
        fl_word_id word;
    } words[] = {
        {E_SCENARIO, "path", FL_W_L2_SCHEMA_SCENARIO_FILE},
        {E_SCENARIOS, "dir", FL_W_L2_WHAT_FOLDER},
        {E_CUSTOMERS, "total", FL_W_L2_WHAT_TOTAL},
        {E_CUSTOMERS, "at-once", FL_W_L2_WHAT_AT_ONCE},
        {E_LEVEL, "limit", FL_W_L2_WHAT_LIMIT},
        {E_LEVEL, "every", FL_W_L2_WHAT_EVERY},
        {E_LEVEL, "customers", FL_W_L2_WHAT_LEVEL_CUSTOMERS},
        {E_PASS, "lost", FL_W_L2_WHAT_LOST},
        {E_PASS, "mean", FL_W_L2_WHAT_MEAN},
        {E_LEVELS, NULL, FL_W_L2_LIMIT_LEVELS},
    };
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (words[i].el == el &&
            (attr && words[i].attr ? strcmp(words[i].attr, attr) == 0 : attr == words[i].attr))
            return words[i].word;
    return FL_W_NONE;
}

static const fl_schema round_schema = {
    .els = rules,
    .n_els = E_COUNT,
    .root = E_ROUND,
    .rule = "round-schema",
    .file_w = FL_W_L2_SCHEMA_ROUND_FILE,
    .files_w = FL_W_L2_SCHEMA_IN_ROUND_FILES,
    .elements_w = FL_W_L2_SCHEMA_OF_ROUND,
    .no_text_w = FL_W_L2_SCHEMA_NO_TEXT,
    .word = schema_word,
};

/* ---- The builder ------------------------------------------------------------------------ */

typedef struct {
    fl_schema_check chk; /* the structure (its errors: the rules across attributes wait for a
                            sound structure), and the text of the open <title> or <brief>;
                            first: the parser's events come to it (fl_schema_on_start) */
    fl_arena *arena;
    fl_round_def *def;
    int oom;
    size_t errors_before; /* in the list when the parse began: the file's errors come after */
    fl_round_level levels[FL_ROUND_MAX_LEVELS];
    size_t level_tag[FL_ROUND_MAX_LEVELS];
    int level_counted[FL_ROUND_MAX_LEVELS]; /* the level said customers="..." */
    uint32_t n_levels;
    fl_round_source *sources; /* malloc'd while reading, copied into the arena at the end */
    uint32_t n_sources;
    size_t sources_cap;
    size_t customers_tag, pass_tag; /* for the positions of the rules across attributes */
} builder;
_Static_assert(offsetof(builder, chk) == 0, "the checker comes first");

static fl_pos pos_at(builder *b, size_t off)
{
    return fl_schema_pos(&b->chk, off);
}

static fl_pos attr_pos(builder *b, size_t tag, const char *name, int value)
{
    return fl_schema_attr_pos(&b->chk, tag, name, value);
}

#define diag(b, ...)            fl_schema_diagw(&(b)->chk, __VA_ARGS__)
#define schema_error(b, p, ...) diag(b, FL_SEV_ERROR, p, "round-schema", __VA_ARGS__)

static const char *copy(builder *b, const char *s)
{
    const char *p = fl_arena_strdup(b->arena, s);
    if (!p)
        b->oom = 1;
    return p;
}

/* ---- Building ------------------------------------------------------------------------------ */

static void add_source(builder *b, const fl_attrs *a)
{
    if (FL_GROW(b->sources, b->sources_cap, (size_t)b->n_sources + 1)) {
        b->oom = 1;
        return;
    }
    fl_round_source *src = &b->sources[b->n_sources++];
    memset(src, 0, sizeof(*src));
    const char *key = a->el == E_SCENARIO ? "path" : "tag";
    const char *v = fl_attr(a, key);
    /* Placed at the value that names the scenarios: that is what a pool problem is about. */
    src->pos = attr_pos(b, a->tag, key, 1);
    if (a->el == E_SCENARIO) {
        src->path = v ? copy(b, v) : NULL;
    } else {
        src->tag = v ? copy(b, v) : NULL;
        const char *dir = fl_attr(a, "dir");
        src->dir = dir ? copy(b, dir) : NULL; /* the default needs the language: see finish */
    }
}

static void on_element_start(void *vb, const fl_attrs *a)
{
    builder *b = vb;
    fl_round_def *d = b->def;
    const char *v;
    long x;
    uint64_t seed;
    switch (a->el) {
    case E_ROUND:
        if ((v = fl_attr(a, "id")))
            d->id = copy(b, v);
        if ((v = fl_attr(a, "lang")))
            d->lang = copy(b, v);
        if ((v = fl_attr(a, "version")) && fl_schema_parse_long(v, 1, VERSION_MAX, &x))
            d->version = (uint32_t)x;
        break;
    case E_SCENARIO:
    case E_SCENARIOS:
        add_source(b, a);
        break;
    case E_CUSTOMERS:
        b->customers_tag = a->tag;
        if ((v = fl_attr(a, "total")) && fl_schema_parse_long(v, 1, FL_ROUND_MAX_CUSTOMERS, &x))
            d->customers = (uint32_t)x;
        if ((v = fl_attr(a, "at-once")) && fl_schema_parse_long(v, 1, FL_ROUND_MAX_AT_ONCE, &x))
            d->at_once = (uint32_t)x;
        if ((v = fl_attr(a, "seed")) && fl_schema_parse_seed(v, &seed) == 1)
            d->seed = seed;
        break;
    case E_LEVEL: {
        if (b->n_levels >= FL_ROUND_MAX_LEVELS)
            break;
        uint32_t i = b->n_levels++;
        fl_round_level *lv = &b->levels[i];
        b->level_tag[i] = a->tag;
        lv->pos = pos_at(b, a->tag);
        if ((v = fl_attr(a, "limit")) && fl_schema_parse_long(v, LIMIT_MIN, LIMIT_MAX, &x))
            lv->limit_ms = (uint32_t)x * 1000;
        if ((v = fl_attr(a, "every")) && fl_schema_parse_long(v, 1, EVERY_MAX, &x))
            lv->every_ms = (uint32_t)x * 1000;
        if ((v = fl_attr(a, "customers"))) {
            b->level_counted[i] = 1;
            if (fl_schema_parse_long(v, 1, FL_ROUND_MAX_CUSTOMERS, &x))
                lv->customers = (uint32_t)x;
        }
        break;
    }
    case E_PASS:
        b->pass_tag = a->tag;
        if ((v = fl_attr(a, "lost")) && fl_schema_parse_long(v, 0, FL_ROUND_MAX_CUSTOMERS, &x))
            d->pass_lost = (uint32_t)x;
        if ((v = fl_attr(a, "mean")) && fl_schema_parse_long(v, 0, 100, &x))
            d->pass_mean = (uint32_t)x;
        break;
    default:
        break;
    }
}

static void on_element_end(void *vb, const fl_schema_frame *f)
{
    builder *b = vb;
    if (!rules[f->el].text)
        return;
    const char *text = fl_schema_take_text(&b->chk, b->arena, f->text_start);
    if (f->el == E_TITLE) {
        b->def->title = text;
        if (!text[0])
            schema_error(b, pos_at(b, f->tag), FL_W_L2_ROUND_TITLE_EMPTY);
    } else {
        b->def->brief = text;
    }
}

static const fl_schema_events events = {on_element_start, on_element_end};

static void *builder_new(const line_index *li, const char *path, fl_diags *diags);
static int finish(void *b, void *out, const line_index *li, fl_diags *diags);
static void builder_free(void *b);

static const fl_doc_kind round_kind = {
    .plural = FL_W_L2_KIND_ROUND_FILES,
    .singular = FL_W_L2_KIND_ROUND_FILE,
    .max_bytes = FL_ROUND_MAX_BYTES,
    .start = fl_schema_on_start,
    .text = fl_schema_on_text,
    .end = fl_schema_on_end,
    .builder_new = builder_new,
    .finish = finish,
    .builder_free = builder_free,
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
                     FL_W_L2_LEVEL_UNCOUNTED, i + 1, first_counted + 1);
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
                 FL_W_L2_TOTAL_NOT_SUM, d->customers, sum, terms);
        return;
    }
    if (d->customers < n) {
        diag(b, FL_SEV_ERROR, attr_pos(b, b->customers_tag, "total", 1), "round-customers",
             FL_W_L2_TOTAL_TOO_SMALL, d->customers, n, n);
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
                 FL_W_L2_TIGHTEN, i + 1, now, i, was, was);
    }
    if (d->pass_lost > d->customers)
        diag(b, FL_SEV_ERROR, attr_pos(b, b->pass_tag, "lost", 1), "round-pass", FL_W_L2_PASS_LOST,
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

static void *builder_new(const line_index *li, const char *path, fl_diags *diags)
{
    builder *b = fl_calloc(1, sizeof(*b));
    if (!b)
        return NULL;
    fl_schema_init(&b->chk, &round_schema, li, diags, &b->oom);
    b->chk.events = &events;
    b->errors_before = diags->errors;
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
        d->dir = fl_schema_dir_of(b->arena, path);
        if (!d->dir)
            b->oom = 1;
    }
    return b;
}

static void builder_free(void *vb)
{
    builder *b = vb;
    if (!b)
        return;
    fl_arena_free(b->arena);
    free(b->sources);
    fl_schema_free(&b->chk);
    free(b);
}

/* After a well-formed parse: the rules across attributes when the structure is sound, then the
 * def, when the file added no errors. */
static int finish(void *vb, void *out, const line_index *li, fl_diags *diags)
{
    (void)li, (void)diags; /* the checker has them */
    builder *b = vb;
    fl_round_def **def = out;
    if (!b->oom && b->chk.saw_root) {
        if (b->chk.errors == 0)
            check_round(b);
        finish_def(b);
    }
    int rc = fl_schema_outcome(&b->chk, b->errors_before);
    if (rc == 0) {
        *def = b->def;
        b->arena = NULL; /* now the def's */
    }
    return rc;
}

int fl_round_def_load_memory(fl_round_def **out, const char *buf, size_t len, const char *path,
                             fl_diags *diags)
{
    *out = NULL;
    return fl_loader__load(&round_kind, out, buf, len, path, diags);
}

int fl_round_def_load_file(fl_round_def **out, const char *path, fl_diags *diags)
{
    *out = NULL;
    return fl_loader__read_file(&round_kind, out, path, diags);
}

void fl_round_def_free(fl_round_def *def)
{
    if (def)
        fl_arena_free(def->arena);
}

int fl_is_round_document(const char *buf, size_t len)
{
    return fl_schema_is_document(buf, len, "round");
}
