/*
 * workshop.c - reads a workshop file (scenarios/schema/workshop.xsd, the leader's guide
 * docs/workshop.md) into the fl_workshop of workshop.h, with file:line:column diagnostics, and
 * picks the session of the day from a minute the caller gives.
 *
 * The bytes go through the scenario loader's pipeline (loader.c: the size limit, UTF-8 only, no
 * DTD, no entities, no external loads, the depth limit); only the builder is this file's. Like
 * round_load.c it checks the structure the schema describes as the events come, with schema.c's
 * checker and the table below (tests/workshop/differential.py feeds the same files to xmllint
 * and to lint and requires the same verdict), then the rules no schema can say: times that are
 * times, sessions in order without overlaps, items that name exactly one file.
 *
 * Which files the library names, and whether they exist, is not decided here: the core never
 * lists folders (game/content/workshop.c resolves them). The core never reads the clock either:
 * fl_workshop_session_at() is given the minute.
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
#include "schema.h"
#include "utf8.h"
#include "workshop.h"

/* ---- Structure: elements, attributes, content ------------------------------------------ */

enum el {
    E_WORKSHOP,
    E_TITLE,
    E_GROUP,
    E_RULES,
    E_LIBRARY,
    E_SCENARIO,
    E_ROUND,
    E_SESSIONS,
    E_SESSION,
    E_COUNT
};
#define BIT(e) FL_SCHEMA_BIT(e)
#define N(a)   ((int)(sizeof(a) / sizeof((a)[0])))
#define DAY    (24 * 60)
#define RULE   "schema" /* the structure's rule, as for scenarios (workshop.h) */

static const char *const langs[] = {"en", "ru", NULL};
static const char *const modes[] = {"free", "practice", "assessment", NULL};
static const char *const timeds[] = {"choice", "yes", "no", NULL};
static const char *const extensions[] = {"choice", "x1", "x1.5", "x2", NULL};

static const fl_schema_attr a_workshop[] = {
    {"id", FL_ATTR_ID, 1, 0, 0, NULL, NULL},
    {"version", FL_ATTR_INT, 1, 1, FL_SCHEMA_LONG_MAX, NULL, NULL},
    {"lang", FL_ATTR_ENUM, 0, 0, 0, langs, NULL},
};
static const fl_schema_attr a_rules[] = {
    {"mode", FL_ATTR_ENUM, 0, 0, 0, modes, NULL},
    {"timed", FL_ATTR_ENUM, 0, 0, 0, timeds, NULL},
    {"extension", FL_ATTR_ENUM, 0, 0, 0, extensions, NULL},
};
/* path is checked here, not by the table: schema.c's words for an empty path are a round's. */
static const fl_schema_attr a_item[] = {
    {"path", FL_ATTR_STRING, 0, 0, 0, NULL, NULL},
    {"bundled", FL_ATTR_ID, 0, 0, 0, NULL, NULL},
};
/* name is folded and measured here (like the XSD's xs:token); from and until are the
 * workshop-time rule's. */
static const fl_schema_attr a_session[] = {
    {"name", FL_ATTR_STRING, 1, 0, 0, NULL, NULL},
    {"from", FL_ATTR_STRING, 0, 0, 0, NULL, NULL},
    {"until", FL_ATTR_STRING, 0, 0, 0, NULL, NULL},
};

static const fl_schema_slot s_workshop[] = {
    {BIT(E_TITLE), 1, 1, NULL},   {BIT(E_GROUP), 0, 1, NULL},    {BIT(E_RULES), 0, 1, NULL},
    {BIT(E_LIBRARY), 1, 1, NULL}, {BIT(E_SESSIONS), 0, 1, NULL},
};
static const fl_schema_slot s_library[] = {
    {BIT(E_SCENARIO) | BIT(E_ROUND), 1, FL_WORKSHOP_MAX_ITEMS, NULL}};
static const fl_schema_slot s_sessions[] = {{BIT(E_SESSION), 1, FL_WORKSHOP_MAX_SESSIONS, NULL}};

static const fl_schema_el rules[E_COUNT] = {
    [E_WORKSHOP] = {"workshop", 0, s_workshop, N(s_workshop), a_workshop, N(a_workshop)},
    [E_TITLE] = {"title", 1, NULL, 0, NULL, 0},
    [E_GROUP] = {"group", 1, NULL, 0, NULL, 0},
    [E_RULES] = {"rules", 0, NULL, 0, a_rules, N(a_rules)},
    [E_LIBRARY] = {"library", 0, s_library, N(s_library), NULL, 0},
    [E_SCENARIO] = {"scenario", 0, NULL, 0, a_item, N(a_item)},
    [E_ROUND] = {"round", 0, NULL, 0, a_item, N(a_item)},
    [E_SESSIONS] = {"sessions", 0, s_sessions, N(s_sessions), NULL, 0},
    [E_SESSION] = {"session", 0, NULL, 0, a_session, N(a_session)},
};

/* Why <library> and <sessions> hold so few, in the messages: catalogue words, so that they speak
 * the diagnostics' language (fl_schema.word). No attribute of a workshop counts or names. */
static int schema_word(int el, const char *attr)
{
    if (attr)
        return FL_W_NONE;
    return el == E_LIBRARY    ? FL_W_L2_LIMIT_LIBRARY
           : el == E_SESSIONS ? FL_W_L2_LIMIT_SESSIONS
                              : FL_W_NONE;
}

static const fl_schema workshop_schema = {
    .els = rules,
    .n_els = E_COUNT,
    .root = E_WORKSHOP,
    .rule = RULE,
    .file_w = FL_W_L2_SCHEMA_WORKSHOP_FILE,
    .files_w = FL_W_L2_SCHEMA_IN_WORKSHOP_FILES,
    .elements_w = FL_W_L2_SCHEMA_OF_WORKSHOP,
    .no_text_w = FL_W_L2_SCHEMA_NO_TEXT,
    .word = schema_word,
};

/* ---- The builder ------------------------------------------------------------------------ */

typedef struct {
    fl_schema_check chk; /* first: the parser's events come to it (fl_schema_on_start) */
    fl_arena *arena;
    fl_workshop *w;
    int oom;
    size_t errors_before; /* in the list when the parse began: the file's errors come after */
    fl_workshop_item items[FL_WORKSHOP_MAX_ITEMS];
    uint32_t n_items;
    fl_workshop_session sessions[FL_WORKSHOP_MAX_SESSIONS];
    size_t session_tag[FL_WORKSHOP_MAX_SESSIONS];
    uint32_t n_sessions;
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
#define schema_error(b, p, ...) diag(b, FL_SEV_ERROR, p, RULE, __VA_ARGS__)

static const char *copy(builder *b, const char *s)
{
    const char *p = fl_arena_strdup(b->arena, s);
    if (!p)
        b->oom = 1;
    return p;
}

/* A name the leader writes and results carry (group code, session name): folded, 1 to
 * FL_WORKSHOP_NAME_MAX characters. Reports what is wrong at p, under `what`; returns the
 * folded name or NULL. */
static const char *name_value(builder *b, const char *raw, fl_pos p, const char *what)
{
    const char *v = fl_schema_fold(&b->chk, b->arena, raw);
    size_t chars = fl_utf8_length(v, strlen(v));
    if (!v[0]) {
        schema_error(b, p, FL_W_L2_NAME_EMPTY, what);
        return NULL;
    }
    if (chars > FL_WORKSHOP_NAME_MAX) {
        schema_error(b, p, FL_W_L2_NAME_LONG, what, chars, FL_WORKSHOP_NAME_MAX);
        return NULL;
    }
    return v;
}

/* "HH:MM" (or "H:MM"), 24-hour, 00:00 to 24:00, into minutes after midnight; -1 when not. */
static int parse_time(const char *s)
{
    size_t n = strlen(s);
    if (n != 4 && n != 5)
        return -1;
    size_t h_len = n - 3;
    for (size_t i = 0; i < n; i++)
        if (i == h_len ? s[i] != ':' : (s[i] < '0' || s[i] > '9'))
            return -1;
    int h = h_len == 1 ? s[0] - '0' : (s[0] - '0') * 10 + (s[1] - '0');
    int m = (s[h_len + 1] - '0') * 10 + (s[h_len + 2] - '0');
    if (m > 59 || h > 24 || (h == 24 && m != 0))
        return -1;
    return h * 60 + m;
}

static int time_attr(builder *b, const fl_attrs *a, const char *name)
{
    const char *v = fl_attr(a, name);
    if (!v)
        return -1;
    int t = parse_time(v);
    if (t < 0)
        diag(b, FL_SEV_ERROR, attr_pos(b, a->tag, name, 1), "workshop-time", FL_W_L2_NOT_TIME, name,
             v, name, strcmp(name, "from") == 0 ? "09:00" : "13:00");
    return t < 0 ? -2 : t;
}

/* ---- Building ------------------------------------------------------------------------------ */

static void add_item(builder *b, const fl_attrs *a)
{
    if (b->n_items >= FL_WORKSHOP_MAX_ITEMS)
        return;
    fl_workshop_item *it = &b->items[b->n_items++];
    memset(it, 0, sizeof(*it));
    it->is_round = a->el == E_ROUND;
    it->pos = pos_at(b, a->tag);
    const char *path = fl_attr(a, "path"), *bundled = fl_attr(a, "bundled");
    const char *el = it->is_round ? "round" : "scenario";
    if (path && !path[0]) {
        schema_error(b, attr_pos(b, a->tag, "path", 1),
                     it->is_round ? FL_W_L2_ITEM_PATH_EMPTY_ROUND
                                  : FL_W_L2_ITEM_PATH_EMPTY_SCENARIO);
        path = NULL;
    }
    if (path)
        it->path = copy(b, path);
    if (bundled)
        it->bundled = copy(b, bundled);
    /* Placed at the value that names the file: that is what a problem with it is about. */
    if (path || bundled)
        it->pos = attr_pos(b, a->tag, path ? "path" : "bundled", 1);
    if (path && bundled)
        diag(b, FL_SEV_ERROR, pos_at(b, a->tag), "workshop-item", FL_W_L2_ITEM_BOTH, el);
    else if (!path && !bundled && !fl_attr(a, "path"))
        diag(b, FL_SEV_ERROR, pos_at(b, a->tag), "workshop-item", FL_W_L2_ITEM_NONE, el);
}

static void add_session(builder *b, const fl_attrs *a)
{
    if (b->n_sessions >= FL_WORKSHOP_MAX_SESSIONS)
        return;
    uint32_t i = b->n_sessions++;
    fl_workshop_session *s = &b->sessions[i];
    b->session_tag[i] = a->tag;
    s->pos = pos_at(b, a->tag);
    const char *raw = fl_attr(a, "name");
    s->name = raw ? name_value(b, raw, attr_pos(b, a->tag, "name", 1),
                               fl_word(FL_W_L2_SESSION_NAME, b->chk.diags->lang))
                  : NULL;
    s->from_min = time_attr(b, a, "from");
    s->until_min = time_attr(b, a, "until");
}

static void on_element_start(void *vb, const fl_attrs *a)
{
    builder *b = vb;
    fl_workshop *w = b->w;
    const char *v;
    long x;
    switch (a->el) {
    case E_WORKSHOP:
        if ((v = fl_attr(a, "id")))
            w->id = copy(b, v);
        if ((v = fl_attr(a, "lang")))
            w->lang = copy(b, v);
        if ((v = fl_attr(a, "version")) && fl_schema_parse_long(v, 1, FL_SCHEMA_LONG_MAX, &x))
            w->version = (uint32_t)x;
        break;
    case E_RULES:
        for (int k = 0; (v = fl_attr(a, "mode")) && modes[k]; k++)
            if (strcmp(v, modes[k]) == 0)
                w->mode = (fl_ws_mode)k;
        for (int k = 0; (v = fl_attr(a, "timed")) && timeds[k]; k++)
            if (strcmp(v, timeds[k]) == 0)
                w->timed = (fl_ws_timed)k;
        for (int k = 0; (v = fl_attr(a, "extension")) && extensions[k]; k++)
            if (strcmp(v, extensions[k]) == 0)
                w->extension = (fl_ws_extension)k;
        break;
    case E_SCENARIO:
    case E_ROUND:
        add_item(b, a);
        break;
    case E_SESSION:
        add_session(b, a);
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
        b->w->title = text;
        if (!text[0])
            schema_error(b, pos_at(b, f->tag), FL_W_L2_WS_TITLE_EMPTY);
    } else {
        b->w->group = name_value(b, text, pos_at(b, f->tag), "<group>");
    }
}

static const fl_schema_events events = {on_element_start, on_element_end};

static void *builder_new(const line_index *li, const char *path, fl_diags *diags);
static int finish(void *b, void *out, const line_index *li, fl_diags *diags);
static void builder_free(void *b);

static const fl_doc_kind workshop_kind = {
    .plural = FL_W_L2_KIND_WORKSHOP_FILES,
    .singular = FL_W_L2_KIND_WORKSHOP_FILE,
    .max_bytes = FL_WORKSHOP_MAX_BYTES,
    .start = fl_schema_on_start,
    .text = fl_schema_on_text,
    .end = fl_schema_on_end,
    .builder_new = builder_new,
    .finish = finish,
    .builder_free = builder_free,
};

/* ---- The sessions of the day ---------------------------------------------------------------- */

static void hhmm(char *buf, size_t n, int min)
{
    snprintf(buf, n, "%02d:%02d", min / 60 % 100, min % 60);
}

/* Times where both or neither are given, start before end, no two sessions at once, no name
 * twice, and with several sessions every one timed (the clock must be able to choose). */
static void check_sessions(builder *b)
{
    uint32_t n = b->n_sessions;
    int bad_time = 0;
    for (uint32_t i = 0; i < n; i++) {
        fl_workshop_session *s = &b->sessions[i];
        size_t tag = b->session_tag[i];
        if (s->from_min == -2 || s->until_min == -2) { /* workshop-time said why */
            bad_time = 1;
            continue;
        }
        const char *nm = s->name ? s->name : "";
        if ((s->from_min < 0) != (s->until_min < 0)) {
            diag(b, FL_SEV_ERROR, pos_at(b, tag), "workshop-sessions", FL_W_L2_SESSION_HALF_TIMED,
                 nm, s->from_min < 0 ? "until" : "from", s->from_min < 0 ? "from" : "until");
            bad_time = 1;
        } else if (s->from_min >= 0 && s->from_min >= s->until_min) {
            char f[8], u[8];
            hhmm(f, sizeof(f), s->from_min);
            hhmm(u, sizeof(u), s->until_min);
            diag(b, FL_SEV_ERROR, attr_pos(b, tag, "until", 1), "workshop-sessions",
                 s->from_min == s->until_min ? FL_W_L2_SESSION_ENDS_AT_START
                                             : FL_W_L2_SESSION_ENDS_BEFORE,
                 nm, u, f);
            bad_time = 1;
        } else if (s->from_min < 0 && n > 1) {
            diag(b, FL_SEV_ERROR, pos_at(b, tag), "workshop-sessions", FL_W_L2_SESSION_UNTIMED, nm);
            bad_time = 1;
        }
        for (uint32_t k = 0; k < i && s->name; k++)
            if (b->sessions[k].name && strcmp(b->sessions[k].name, s->name) == 0) {
                diag(b, FL_SEV_ERROR, attr_pos(b, tag, "name", 1), "workshop-sessions",
                     FL_W_L2_SESSION_TWICE, s->name, b->sessions[k].pos.line);
                break;
            }
    }
    if (bad_time)
        return;
    for (uint32_t i = 0; i < n; i++)
        for (uint32_t k = 0; k < i; k++) {
            const fl_workshop_session *s = &b->sessions[i], *o = &b->sessions[k];
            if (s->from_min < 0 || o->from_min < 0 || s->from_min >= o->until_min ||
                o->from_min >= s->until_min)
                continue;
            char f[8], u[8], of[8], ou[8];
            hhmm(f, sizeof(f), s->from_min);
            hhmm(u, sizeof(u), s->until_min);
            hhmm(of, sizeof(of), o->from_min);
            hhmm(ou, sizeof(ou), o->until_min);
            diag(b, FL_SEV_ERROR, attr_pos(b, b->session_tag[i], "from", 1), "workshop-sessions",
                 FL_W_L2_SESSION_OVERLAP, s->name ? s->name : "", f, u, o->name ? o->name : "", of,
                 ou);
        }
}

/* Copies what was gathered into the arena, where the workshop lives. */
static void finish_workshop(builder *b)
{
    fl_workshop *w = b->w;
    fl_workshop_item *it = fl_arena_alloc_raw(b->arena, sizeof(*it) * (b->n_items + 1));
    fl_workshop_session *ss = fl_arena_alloc_raw(b->arena, sizeof(*ss) * (b->n_sessions + 1));
    if (!it || !ss) {
        b->oom = 1;
        return;
    }
    if (b->n_items)
        memcpy(it, b->items, sizeof(*it) * b->n_items);
    if (b->n_sessions)
        memcpy(ss, b->sessions, sizeof(*ss) * b->n_sessions);
    w->items = it;
    w->n_items = b->n_items;
    w->sessions = ss;
    w->n_sessions = b->n_sessions;
}

/* ---- Entry points ---------------------------------------------------------------------------- */

static void *builder_new(const line_index *li, const char *path, fl_diags *diags)
{
    builder *b = fl_calloc(1, sizeof(*b));
    if (!b)
        return NULL;
    fl_schema_init(&b->chk, &workshop_schema, li, diags, &b->oom);
    b->chk.events = &events;
    b->errors_before = diags->errors;
    b->arena = fl_arena_new();
    fl_workshop *w = b->arena ? fl_arena_alloc(b->arena, sizeof(*w)) : NULL;
    if (!w) {
        fl_arena_free(b->arena);
        free(b);
        return NULL;
    }
    b->w = w;
    w->arena = b->arena;
    w->title = "";
    w->mode = FL_WS_MODE_FREE;
    w->timed = FL_WS_TIMED_CHOICE;
    w->extension = FL_WS_EXT_CHOICE;
    if (path)
        w->path = copy(b, path);
    w->dir = path ? fl_schema_dir_of(b->arena, path) : copy(b, ".");
    if (!w->dir)
        b->oom = 1;
    return b;
}

static void builder_free(void *vb)
{
    builder *b = vb;
    if (!b)
        return;
    fl_arena_free(b->arena);
    fl_schema_free(&b->chk);
    free(b);
}

/* After a well-formed parse: the sessions' rules, then the workshop, when the file added no
 * errors. */
static int finish(void *vb, void *out, const line_index *li, fl_diags *diags)
{
    (void)li, (void)diags; /* the checker has them */
    builder *b = vb;
    fl_workshop **w = out;
    if (!b->oom && b->chk.saw_root) {
        check_sessions(b);
        finish_workshop(b);
    }
    int rc = fl_schema_outcome(&b->chk, b->errors_before);
    if (rc == 0) {
        *w = b->w;
        b->arena = NULL; /* now the workshop's */
    }
    return rc;
}

int fl_workshop_load_memory(fl_workshop **out, const char *buf, size_t len, const char *path,
                            fl_diags *diags)
{
    *out = NULL;
    return fl_loader__load(&workshop_kind, out, buf, len, path, diags);
}

int fl_workshop_load_file(fl_workshop **out, const char *path, fl_diags *diags)
{
    *out = NULL;
    return fl_loader__read_file(&workshop_kind, out, path, diags);
}

void fl_workshop_free(fl_workshop *w)
{
    if (w)
        fl_arena_free(w->arena);
}

int fl_is_workshop_document(const char *buf, size_t len)
{
    return fl_schema_is_document(buf, len, "workshop");
}

/* ---- Choosing the session ---------------------------------------------------------------------
 */

int fl_workshop_session_at(const fl_workshop *w, int minute_of_day)
{
    if (!w || w->n_sessions == 0)
        return -1;
    int m = minute_of_day;
    for (uint32_t i = 0; i < w->n_sessions; i++) {
        const fl_workshop_session *s = &w->sessions[i];
        if (s->from_min >= 0 && s->from_min <= m && m < s->until_min)
            return (int)i;
    }
    if (w->n_sessions == 1)
        return 0;
    /* Between sessions, or before the first: the one about to start (a trainee who sits down
     * early belongs to it). After the last: the last one, which is still being finished. */
    int next = -1, last = -1;
    for (uint32_t i = 0; i < w->n_sessions; i++) {
        const fl_workshop_session *s = &w->sessions[i];
        if (s->from_min < 0)
            continue;
        if (s->from_min > m && (next < 0 || s->from_min < w->sessions[next].from_min))
            next = (int)i;
        if (s->from_min <= m && (last < 0 || s->from_min > w->sessions[last].from_min))
            last = (int)i;
    }
    return next >= 0 ? next : last >= 0 ? last : 0;
}

int fl_workshop_session_find(const fl_workshop *w, const char *name)
{
    if (!w || !name)
        return -1;
    for (uint32_t i = 0; i < w->n_sessions; i++)
        if (w->sessions[i].name && strcmp(w->sessions[i].name, name) == 0)
            return (int)i;
    return -1;
}

const char *fl_ws_mode_name(fl_ws_mode m)
{
    return m >= FL_WS_MODE_FREE && m <= FL_WS_MODE_ASSESSMENT ? modes[m] : "free";
}

const char *fl_ws_timed_name(fl_ws_timed t)
{
    return t >= FL_WS_TIMED_CHOICE && t <= FL_WS_TIMED_NO ? timeds[t] : "choice";
}

const char *fl_ws_extension_name(fl_ws_extension e)
{
    return e >= FL_WS_EXT_CHOICE && e <= FL_WS_EXT_X2 ? extensions[e] : "choice";
}
