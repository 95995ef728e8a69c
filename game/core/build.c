/*
 * build.c - builds the immutable scenario model from a schema-valid libxml2 tree.
 *
 * The schema has already guaranteed the structure (which elements, in which order, with which
 * attribute types), so this file resolves what a schema cannot: ids that must be unique,
 * references that must exist, conditions that must compile, values that must be in range. Each
 * problem is a diagnostic pointing at the attribute (line and column) that causes it. Everything
 * the model keeps is copied into one arena; the tree is freed by the caller afterwards.
 *
 * Depends on libc, libxml2 (tree access only) and the core modules.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"
#include "utf8.h"

/* ---- A string -> index table (open addressing), for ids ------------------------------- */

typedef struct {
    const char *key;
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

static slot *table_find(const table *t, const char *key)
{
    size_t i = hash(key) & (t->cap - 1);
    while (t->slots[i].key) {
        if (strcmp(t->slots[i].key, key) == 0)
            return &t->slots[i];
        i = (i + 1) & (t->cap - 1);
    }
    return NULL;
}

/* Adds key (not copied: it must outlive the table). Returns the existing slot when the key is
 * already there, NULL when added (or out of memory: t->slots NULL). */
static slot *table_add(table *t, const char *key, int32_t value, fl_pos pos)
{
    slot *s = table_find(t, key);
    if (s)
        return s;
    if ((t->count + 1) * 2 > t->cap) {
        table bigger;
        if (table_init(&bigger, t->cap) != 0)
            return NULL;
        for (size_t i = 0; i < t->cap; i++)
            if (t->slots[i].key)
                table_add(&bigger, t->slots[i].key, t->slots[i].value, t->slots[i].pos);
        free(t->slots);
        *t = bigger;
    }
    size_t i = hash(key) & (t->cap - 1);
    while (t->slots[i].key)
        i = (i + 1) & (t->cap - 1);
    t->slots[i] = (slot){key, value, pos};
    t->count++;
    return NULL;
}

/* ---- The builder ---------------------------------------------------------------------- */

typedef struct {
    fl_arena *arena;
    const line_index *li;
    fl_diags *diags;
    fl_scenario *s;
    table nodes, offers, vars, ids;
    int oom;
} builder;

#define EL(n, tag) ((n)->type == XML_ELEMENT_NODE && strcmp((const char *)(n)->name, tag) == 0)

/* The value of attribute `name` of element n, borrowed from the tree; NULL when absent. */
static const char *attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (strcmp((const char *)a->name, name) == 0)
            return a->children && a->children->content ? (const char *)a->children->content : "";
    return NULL;
}

static fl_pos node_pos(builder *b, const xmlNode *n)
{
    return fl_loader__node_pos(b->li, n);
}

/* Position of attribute `name` of n (of its value with `value`), or of n itself. */
static fl_pos attr_pos(builder *b, const xmlNode *n, const char *name, int value)
{
    size_t tag = fl_loader__node_offset(n);
    size_t a = tag == (size_t)-1 ? (size_t)-1 : fl_loader__attr_offset(b->li, tag, name, value);
    return a == (size_t)-1 ? node_pos(b, n) : fl_loader__pos(b->li, a);
}

/* Position of the character at decoded offset `off` inside the value of attribute `name`. The
 * raw text may hold references (&lt;) that decode to fewer bytes: walk both in step. */
static fl_pos value_char_pos(builder *b, const xmlNode *n, const char *name, size_t off)
{
    size_t tag = fl_loader__node_offset(n);
    size_t r = tag == (size_t)-1 ? (size_t)-1 : fl_loader__attr_offset(b->li, tag, name, 1);
    if (r == (size_t)-1)
        return node_pos(b, n);
    const char *s = b->li->buf;
    size_t d = 0;
    while (d < off && r < b->li->len && s[r] != '"' && s[r] != '\'') {
        if (s[r] == '&') {
            const char *semi = memchr(s + r, ';', b->li->len - r);
            size_t dl = 1;
            if (semi && s[r + 1] == '#') {
                unsigned long cp = s[r + 2] == 'x' ? strtoul(s + r + 3, NULL, 16)
                                                   : strtoul(s + r + 2, NULL, 10);
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
    return fl_loader__pos(b->li, r);
}

static void error_at(builder *b, fl_pos p, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void error_at(builder *b, fl_pos p, const char *rule, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fl_diag_addv(b->diags, FL_SEV_ERROR, p.line, p.column, rule, fmt, ap);
    va_end(ap);
}

static void warn_at(builder *b, fl_pos p, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void warn_at(builder *b, fl_pos p, const char *rule, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fl_diag_addv(b->diags, FL_SEV_WARNING, p.line, p.column, rule, fmt, ap);
    va_end(ap);
}

static void *alloc(builder *b, size_t size)
{
    void *p = fl_arena_alloc(b->arena, size ? size : 1);
    if (!p)
        b->oom = 1;
    return p;
}

static const char *copy(builder *b, const char *s)
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

/* The text directly inside n (not inside its child elements), white space folded, in the arena. */
static const char *text_of(builder *b, const xmlNode *n)
{
    size_t total = 0;
    for (const xmlNode *c = n->children; c; c = c->next)
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            total += strlen((const char *)c->content) + 1;
    char *out = alloc(b, total + 1);
    if (!out)
        return "";
    size_t o = 0;
    int space = 0;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (!((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content))
            continue;
        for (const char *p = (const char *)c->content; *p; p++) {
            if (is_space(*p)) {
                space = 1;
                continue;
            }
            if (space && o > 0)
                out[o++] = ' ';
            space = 0;
            out[o++] = *p;
        }
        space = 1; /* an element between two runs of text separates them */
    }
    out[o] = '\0';
    return out;
}

/* Edit distance, for "did you mean". Short strings only. */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return 99;
    size_t row[64];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t prev = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cur = row[j];
            size_t sub = prev + (a[i - 1] != b[j - 1]);
            size_t del = row[j] + 1, ins = row[j - 1] + 1;
            row[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            prev = cur;
        }
    }
    return row[lb];
}

/* Writes " (did you mean 'x'?)" into hint when some key of t is close to name, else "". */
static void suggest(char *hint, size_t size, const table *t, const char *name,
                    const char *const *extra, size_t n_extra)
{
    const char *best = NULL;
    size_t best_d = strlen(name) <= 3 ? 1 : 2;
    best_d++;
    for (size_t i = 0; t && i < t->cap; i++) {
        if (!t->slots[i].key)
            continue;
        size_t d = distance(name, t->slots[i].key);
        if (d < best_d) {
            best_d = d;
            best = t->slots[i].key;
        }
    }
    for (size_t i = 0; i < n_extra; i++) {
        size_t d = distance(name, extra[i]);
        if (d < best_d) {
            best_d = d;
            best = extra[i];
        }
    }
    if (best)
        snprintf(hint, size, " (did you mean '%s'?)", best);
    else
        hint[0] = '\0';
}

/* ---- Conditions ----------------------------------------------------------------------- */

static const char *const builtin_names[] = {"mood", "patience", "trust", "turn", "elapsed",
                                            "goodwill"};
#define N_BUILTIN 6

static int resolve_name(const char *s, size_t len, void *payload)
{
    builder *b = payload;
    for (int i = 0; i < N_BUILTIN; i++)
        if (strlen(builtin_names[i]) == len && memcmp(builtin_names[i], s, len) == 0)
            return FL_SLOT_MOOD + i;
    for (int i = 0; i < FL_SIGNAL_COUNT; i++) {
        const char *f = fl_signal_flag(i);
        if (strlen(f) == len && memcmp(f, s, len) == 0)
            return FL_SLOT_FLAG0 + i;
    }
    char name[72];
    if (len >= sizeof(name))
        return -1;
    memcpy(name, s, len);
    name[len] = '\0';
    slot *v = table_find(&b->vars, name);
    return v ? FL_SLOT_VAR0 + v->value : -1;
}

static int is_builtin(const char *name)
{
    for (int i = 0; i < N_BUILTIN; i++)
        if (strcmp(builtin_names[i], name) == 0)
            return 1;
    for (int i = 0; i < FL_SIGNAL_COUNT; i++)
        if (strcmp(fl_signal_flag(i), name) == 0)
            return 1;
    return 0;
}

/* Compiles the `if` attribute of n, if any, into *cond; reports problems at their column. */
static void condition(builder *b, const xmlNode *n, const fl_expr **cond, const char **src)
{
    const char *text = attr(n, "if");
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
        char name[72], hint[96];
        snprintf(name, sizeof(name), "%.*s", (int)(err.length < 64 ? err.length : 64),
                 text + err.offset);
        const char *extra[N_BUILTIN + FL_SIGNAL_COUNT];
        for (int i = 0; i < N_BUILTIN; i++)
            extra[i] = builtin_names[i];
        for (int i = 0; i < FL_SIGNAL_COUNT; i++)
            extra[N_BUILTIN + i] = fl_signal_flag(i);
        suggest(hint, sizeof(hint), &b->vars, name, extra, N_BUILTIN + FL_SIGNAL_COUNT);
        error_at(b, value_char_pos(b, n, "if", err.offset), "unknown-name",
                 "the condition names '%s', which is neither a built-in name nor a declared "
                 "<var>%s",
                 name, hint);
        return;
    }
    if (rc != 0) {
        error_at(b, value_char_pos(b, n, "if", err.offset), "condition-syntax", "%s",
                 err.message);
        return;
    }
    *cond = e;
    *src = copy(b, text);
}

/* ---- Elements ------------------------------------------------------------------------- */

static int32_t resolve_target(builder *b, const xmlNode *n, const char *what)
{
    const char *to = attr(n, "to");
    slot *t = to ? table_find(&b->nodes, to) : NULL;
    if (t)
        return t->value;
    char hint[96];
    suggest(hint, sizeof(hint), &b->nodes, to ? to : "", NULL, 0);
    error_at(b, attr_pos(b, n, "to", 1), "target-exists",
             "%s targets node '%s', which does not exist%s", what, to ? to : "", hint);
    return -1;
}

/* Registers a stable id (explicit, or derived) and returns the arena copy. */
static const char *stable_id(builder *b, const xmlNode *n, const char *node_id, char kind,
                             const char *text)
{
    const char *explicit_id = attr(n, "id");
    char buf[160];
    if (explicit_id) {
        snprintf(buf, sizeof(buf), "%s", explicit_id);
    } else {
        fl_derive_id(buf, sizeof(buf), node_id, kind, text);
        /* The same text twice in one node: number the later ones, in file order. */
        size_t base = strlen(buf);
        for (int k = 2; table_find(&b->ids, buf) && k < 1000; k++)
            snprintf(buf + base, sizeof(buf) - base, "-%d", k);
    }
    const char *id = copy(b, buf);
    if (!id)
        return "";
    fl_pos p = explicit_id ? attr_pos(b, n, "id", 1) : node_pos(b, n);
    slot *dup = table_add(&b->ids, id, 0, p);
    if (!b->ids.slots)
        b->oom = 1;
    else if (dup)
        error_at(b, p, "unique-id", "the id '%s' is already used by the line or reply at line %u",
                 id, (unsigned)dup->pos.line);
    return id;
}

static int parse_int(const char *s, long lo, long hi, long *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    *out = v;
    return *s && *end == '\0' && v >= lo && v <= hi;
}

/* Reads <effect>, <set>s and <note> under a reply, route or fallback. */
static void reply_children(builder *b, const xmlNode *n, fl_reply *r)
{
    uint32_t n_sets = 0;
    for (const xmlNode *c = n->children; c; c = c->next)
        if (EL(c, "set"))
            n_sets++;
    fl_set *sets = n_sets ? alloc(b, n_sets * sizeof(fl_set)) : NULL;
    if (n_sets && !sets)
        return;
    r->sets = sets;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (EL(c, "effect")) {
            static const char *const meters[] = {"mood", "patience", "trust"};
            int16_t *dst[] = {&r->effect.mood, &r->effect.patience, &r->effect.trust};
            for (int i = 0; i < 3; i++) {
                const char *v = attr(c, meters[i]);
                long x;
                if (!v)
                    continue;
                if (!parse_int(v[0] == '+' ? v + 1 : v, -200, 200, &x))
                    error_at(b, attr_pos(b, c, meters[i], 1), "effect-range",
                             "%s change '%s' is out of range (-200..+200)", meters[i], v);
                else
                    *dst[i] = (int16_t)x;
            }
        } else if (EL(c, "set")) {
            fl_set *st = &sets[r->n_sets++];
            const char *var = attr(c, "var"), *value = attr(c, "value"), *add = attr(c, "add");
            slot *v = var ? table_find(&b->vars, var) : NULL;
            if (!v) {
                char hint[96];
                suggest(hint, sizeof(hint), &b->vars, var ? var : "", NULL, 0);
                error_at(b, attr_pos(b, c, "var", 1), "var-exists",
                         "<set> names variable '%s', which is not declared with <var>%s",
                         var ? var : "", hint);
            }
            st->var = v ? v->value : 0;
            if ((value != NULL) == (add != NULL)) {
                error_at(b, node_pos(b, c), "set-value",
                         "<set> needs exactly one of value=\"...\" (assign) or add=\"...\" (add)");
            } else {
                long x = 0;
                const char *which = value ? "value" : "add";
                if (!parse_int(value ? value : add, -FL_EXPR_MAX_LITERAL, FL_EXPR_MAX_LITERAL, &x))
                    error_at(b, attr_pos(b, c, which, 1), "set-value",
                             "%s=\"%s\" is out of range", which, value ? value : add);
                st->value = (int32_t)x;
                st->add = add != NULL;
            }
        } else if (EL(c, "note")) {
            r->note = text_of(b, c);
        }
    }
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
static void parse_patterns(builder *b, const xmlNode *n, fl_reply *r)
{
    const char *m = attr(n, "match");
    if (!m)
        return;
    char *copyb = fl_arena_strdup(b->arena, m);
    if (!copyb) {
        b->oom = 1;
        return;
    }
    fl_utf8_lower(copyb, strlen(copyb));
    uint32_t n_alt = 1, max_words = 0;
    for (const char *p = copyb; *p; p++)
        n_alt += *p == '|';
    for (const char *p = copyb; *p; p++)
        max_words += !is_space(*p) && *p != '|' && (p == copyb || is_space(p[-1]) || p[-1] == '|');
    fl_pattern *pats = alloc(b, n_alt * sizeof(fl_pattern));
    const char **words = alloc(b, (max_words + 1) * sizeof(char *));
    if (!pats || !words)
        return;
    r->patterns = pats;
    char *p = copyb;
    size_t offset = 0;
    for (uint32_t a = 0; a < n_alt; a++) {
        fl_pattern *pat = &pats[r->n_patterns++];
        pat->words = words;
        size_t alt_start = offset;
        while (*p && *p != '|') {
            while (is_space(*p))
                p++, offset++;
            char *w = p;
            while (*p && !is_space(*p) && *p != '|')
                p++, offset++;
            if (p > w) {
                words[pat->n_words++] = w;
                if (is_space(*p)) {
                    *p++ = '\0';
                    offset++;
                }
            }
        }
        if (*p == '|') {
            *p++ = '\0';
            offset++;
        }
        if (pat->n_words == 0)
            error_at(b, value_char_pos(b, n, "match", alt_start), "pattern",
                     "match=\"%s\" has an empty alternative: write words between the '|'", m);
        words += pat->n_words;
    }
}

/* A path an avatar (or another file reference) may take: relative, inside the scenario folder. */
static void check_file_ref(builder *b, const xmlNode *n, const char *name, const char *v)
{
    int looks_like_path = strchr(v, '/') || strchr(v, '\\') || strchr(v, '.') || strchr(v, ':');
    if (!looks_like_path) {
        static const char *const avatars[] = {"woman-1", "woman-2", "man-1", "man-2"};
        for (size_t i = 0; i < sizeof(avatars) / sizeof(*avatars); i++)
            if (strcmp(v, avatars[i]) == 0)
                return;
        char hint[96];
        suggest(hint, sizeof(hint), NULL, v, avatars, 4);
        warn_at(b, attr_pos(b, n, name, 1), "avatar-known",
                "'%s' is not a built-in avatar (woman-1, woman-2, man-1, man-2) nor a file "
                "name%s",
                v, hint);
        return;
    }
    int bad = v[0] == '/' || v[0] == '\\' || strchr(v, ':') || strchr(v, '\\');
    for (const char *p = v; !bad && *p;) {
        const char *e = strchr(p, '/');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == 2 && p[0] == '.' && p[1] == '.')
            bad = 1;
        p += len + (e != NULL);
    }
    if (bad) {
        error_at(b, attr_pos(b, n, name, 1), "local-file",
                 "%s=\"%s\" points outside the scenario's folder: use a path relative to the "
                 "scenario file, without '..', drive letters or URLs",
                 name, v);
        return;
    }
    if (b->s->dir) {
        char full[4096];
        snprintf(full, sizeof(full), "%s/%s", b->s->dir, v);
        FILE *f = fopen(full, "rb");
        if (f)
            fclose(f);
        else
            warn_at(b, attr_pos(b, n, name, 1), "file-exists",
                    "%s=\"%s\": no such file next to the scenario", name, v);
    }
}

static void build_reply(builder *b, const xmlNode *n, fl_reply *r, const char *node_id,
                        fl_reply_kind kind)
{
    r->kind = kind;
    r->pos = node_pos(b, n);
    r->offer = -1;
    r->target = resolve_target(b, n, kind == FL_REPLY_CHOICE  ? "reply"
                                     : kind == FL_REPLY_ROUTE ? "route"
                                                              : "fallback");
    r->signals = parse_signals(attr(n, "signals"));
    condition(b, n, &r->cond, &r->cond_src);
    if (kind == FL_REPLY_CHOICE) {
        r->text = text_of(b, n);
        if (!r->text[0])
            error_at(b, r->pos, "reply-text", "the reply has no text: write what the agent says");
        r->id = stable_id(b, n, node_id, 'r', r->text);
    } else if (kind == FL_REPLY_ROUTE) {
        parse_patterns(b, n, r);
        r->id = stable_id(b, n, node_id, 'r', attr(n, "match"));
    } else {
        r->id = stable_id(b, n, node_id, 'f', "fallback");
    }
    const char *once = attr(n, "once");
    r->once = once && strcmp(once, "yes") == 0;
    const char *g = attr(n, "gesture");
    if (g) {
        long x;
        if (!parse_int(g, 0, 100000000, &x))
            error_at(b, attr_pos(b, n, "gesture", 1), "gesture-amount",
                     "gesture=\"%s\" is out of range", g);
        r->gesture = (int32_t)x;
        if (x > 0)
            r->signals |= FL_SIG_GESTURE;
        if (x > 0 && b->s->goodwill_budget < 0)
            error_at(b, attr_pos(b, n, "gesture", 0), "goodwill-declared",
                     "the reply grants a gesture of %ld, but the scenario declares no "
                     "<goodwill budget=\"...\"/>",
                     x);
    } else if (r->signals & FL_SIG_GESTURE) {
        warn_at(b, attr_pos(b, n, "signals", 1), "gesture-amount",
                "the reply has the signal 'gesture' but no gesture=\"amount\": the goodwill it "
                "spends cannot be checked against the budget");
    }
    const char *offer = attr(n, "offer");
    if (offer) {
        slot *o = table_find(&b->offers, offer);
        if (!o) {
            char hint[96];
            suggest(hint, sizeof(hint), &b->offers, offer, NULL, 0);
            error_at(b, attr_pos(b, n, "offer", 1), "offer-exists",
                     "the reply offers '%s', which no <offer id=\"...\"> declares%s", offer, hint);
        } else {
            r->offer = o->value;
        }
        r->signals |= FL_SIG_UPSELL;
    } else if (r->signals & FL_SIG_UPSELL) {
        warn_at(b, attr_pos(b, n, "signals", 1), "upsell-offer",
                "the reply has the signal 'upsell' but names no offer=\"...\": say which "
                "<offer> it sells");
    }
    reply_children(b, n, r);
}

static void build_line(builder *b, const xmlNode *n, fl_line *l, const char *node_id)
{
    l->pos = node_pos(b, n);
    l->text = text_of(b, n);
    l->id = stable_id(b, n, node_id, 'l', l->text);
    condition(b, n, &l->cond, &l->cond_src);
    const char *e = attr(n, "emotion");
    for (int i = 0; e && i < FL_EMO_COUNT; i++)
        if (strcmp(e, fl_emotion_name((fl_emotion)i)) == 0)
            l->emotion = (fl_emotion)i;
    const char *g = attr(n, "grievance");
    l->grievance = g && strcmp(g, "yes") == 0;
}

static void build_node(builder *b, const xmlNode *n, fl_node *node)
{
    /* node->id was set by the first pass. */
    node->pos = node_pos(b, n);
    node->timeout = -1;
    if (EL(n, "ending")) {
        static const char *const outcomes[] = {"", "resolved", "partly", "escalated", "lost"};
        const char *o = attr(n, "outcome");
        for (int i = 1; o && i <= FL_OUTCOME_LOST; i++)
            if (strcmp(o, outcomes[i]) == 0)
                node->outcome = (fl_outcome)i;
    }
    const char *rs = attr(n, "reply-seconds");
    if (rs)
        node->reply_seconds = atoi(rs);

    uint32_t n_lines = 0, n_replies = 0;
    const xmlNode *input = NULL;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (EL(c, "say"))
            n_lines++;
        else if (EL(c, "reply"))
            n_replies++;
        else if (EL(c, "input"))
            input = c;
    }
    if (input)
        for (const xmlNode *c = input->children; c; c = c->next)
            n_replies += EL(c, "route") || EL(c, "fallback");
    fl_line *lines = alloc(b, n_lines * sizeof(fl_line));
    fl_reply *replies = alloc(b, n_replies * sizeof(fl_reply));
    if (!lines || !replies)
        return;
    node->lines = lines;
    node->replies = replies;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (EL(c, "say")) {
            build_line(b, c, &lines[node->n_lines++], node->id);
        } else if (EL(c, "reply")) {
            build_reply(b, c, &replies[node->n_replies++], node->id, FL_REPLY_CHOICE);
        } else if (EL(c, "timeout")) {
            node->timeout = resolve_target(b, c, "timeout");
        }
    }
    if (input) {
        node->free_text = 1;
        node->placeholder = copy(b, attr(input, "placeholder"));
        for (const xmlNode *c = input->children; c; c = c->next) {
            if (EL(c, "route"))
                build_reply(b, c, &replies[node->n_replies++], node->id, FL_REPLY_ROUTE);
            else if (EL(c, "fallback"))
                build_reply(b, c, &replies[node->n_replies++], node->id, FL_REPLY_FALLBACK);
        }
    }
}

static void build_rubric(builder *b, const xmlNode *n)
{
    int seen_w[FL_DIM_COUNT] = {0}, seen_p[FL_P_COUNT] = {0};
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (EL(c, "weight")) {
            const char *dim = attr(c, "dimension");
            for (int d = 0; dim && d < FL_DIM_COUNT; d++) {
                if (strcmp(dim, fl_dimension_name((fl_dimension)d)) != 0)
                    continue;
                if (seen_w[d])
                    error_at(b, attr_pos(b, c, "dimension", 1), "rubric",
                             "the weight of '%s' is already set in this rubric", dim);
                seen_w[d] = 1;
                b->s->weights[d] = atoi(attr(c, "value"));
            }
        } else if (EL(c, "param")) {
            const char *name = attr(c, "name"), *value = attr(c, "value");
            for (int p = 0; name && p < FL_P_COUNT; p++) {
                const fl_param_info *pi = &fl_rubric_params[p];
                if (strcmp(name, pi->name) != 0)
                    continue;
                long x;
                if (seen_p[p])
                    error_at(b, attr_pos(b, c, "name", 1), "rubric",
                             "the parameter '%s' is already set in this rubric", name);
                seen_p[p] = 1;
                if (!parse_int(value, pi->min, pi->max, &x))
                    error_at(b, attr_pos(b, c, "value", 1), "rubric",
                             "%s=%s is out of range (%d..%d)", name, value, pi->min, pi->max);
                else
                    b->s->params[p] = (int)x;
            }
        }
    }
    int sum = 0;
    for (int d = 0; d < FL_DIM_COUNT; d++)
        sum += b->s->weights[d];
    if (sum == 0)
        error_at(b, node_pos(b, n), "rubric", "every weight is 0: nothing would be scored");
}

static char *dir_of(const char *path)
{
    const char *slash = path ? strrchr(path, '/') : NULL;
    if (!path)
        return NULL;
    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

int fl_loader__build(fl_scenario **out, xmlDoc *doc, const line_index *li, const char *path,
                     fl_diags *diags)
{
    *out = NULL;
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root)
        return -1;
    builder b = {.li = li, .diags = diags};
    int rc = -2;
    b.arena = fl_arena_new();
    if (!b.arena)
        return -2;
    fl_scenario *s = b.s = fl_arena_alloc(b.arena, sizeof(fl_scenario));
    if (!s)
        goto out;
    s->arena = b.arena;
    memcpy(s->weights, fl_default_weights, sizeof(s->weights));
    for (int p = 0; p < FL_P_COUNT; p++)
        s->params[p] = fl_rubric_params[p].def;
    s->goodwill_budget = -1;
    s->start_patience = 70;
    s->start_trust = 50;
    s->path = copy(&b, path);
    char *dir = dir_of(path);
    s->dir = copy(&b, dir);
    free(dir);

    /* First pass: count and register what replies refer to (nodes, offers, vars). */
    uint32_t n_nodes = 0, n_offers = 0, n_vars = 0;
    for (xmlNode *c = root->children; c; c = c->next) {
        n_nodes += EL(c, "node") || EL(c, "ending");
        n_offers += EL(c, "offer");
        n_vars += EL(c, "var");
    }
    if (table_init(&b.nodes, n_nodes) || table_init(&b.offers, n_offers) ||
        table_init(&b.vars, n_vars) || table_init(&b.ids, n_nodes * 4))
        goto out;
    fl_node *nodes = alloc(&b, n_nodes * sizeof(fl_node));
    fl_offer *offers = alloc(&b, n_offers * sizeof(fl_offer));
    fl_var *vars = alloc(&b, n_vars * sizeof(fl_var));
    if (b.oom)
        goto out;
    s->nodes = nodes;
    s->offers = offers;
    s->vars = vars;
    for (xmlNode *c = root->children; c; c = c->next) {
        table *t = NULL;
        const char *key = NULL, *what = NULL, *at = "id";
        int32_t index = 0;
        if (EL(c, "node") || EL(c, "ending")) {
            t = &b.nodes, index = (int32_t)s->n_nodes++, what = "node or ending";
            nodes[index].id = key = copy(&b, attr(c, "id"));
        } else if (EL(c, "offer")) {
            t = &b.offers, index = (int32_t)s->n_offers++, what = "offer";
            offers[index] = (fl_offer){copy(&b, attr(c, "id")), text_of(&b, c), -1, node_pos(&b, c)};
            key = offers[index].id;
            const char *price = attr(c, "price");
            if (price)
                offers[index].price_cents = (int32_t)(strtod(price, NULL) * 100 + 0.5);
        } else if (EL(c, "var")) {
            t = &b.vars, index = (int32_t)s->n_vars++, what = "variable", at = "name";
            const char *init = attr(c, "init");
            vars[index] = (fl_var){copy(&b, attr(c, "name")), init ? atoi(init) : 0, node_pos(&b, c)};
            key = vars[index].name;
            if (key && is_builtin(key))
                error_at(&b, attr_pos(&b, c, "name", 1), "unique-id",
                         "the variable '%s' has the name of a built-in condition value; choose "
                         "another name",
                         key);
        }
        if (!t || !key)
            continue;
        fl_pos p = attr_pos(&b, c, at, 1);
        slot *dup = table_add(t, key, index, p);
        if (!t->slots)
            goto out;
        if (dup)
            error_at(&b, p, "unique-id", "the %s id '%s' is already used at line %u", what, key,
                     (unsigned)dup->pos.line);
    }

    /* Second pass: everything else, in file order. */
    uint32_t ni = 0;
    for (xmlNode *c = root->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)c->name;
        if (!strcmp(name, "title"))
            s->title = text_of(&b, c);
        else if (!strcmp(name, "brief"))
            s->brief = text_of(&b, c);
        else if (!strcmp(name, "goal"))
            s->goal = text_of(&b, c);
        else if (!strcmp(name, "tags")) {
            const char *t = text_of(&b, c);
            uint32_t n = 0;
            for (const char *p = t; *p; p++)
                n += *p != ' ' && (p == t || p[-1] == ' ');
            const char **tags = alloc(&b, (n + 1) * sizeof(char *));
            char *buf = fl_arena_strdup(b.arena, t);
            if (!tags || !buf) {
                b.oom = 1;
                continue;
            }
            for (char *tok = strtok(buf, " "); tok; tok = strtok(NULL, " "))
                tags[s->n_tags++] = tok;
            s->tags = tags;
        } else if (!strcmp(name, "customer")) {
            s->customer_name = copy(&b, attr(c, "name"));
            s->customer_voice = copy(&b, attr(c, "voice"));
            s->customer_avatar = copy(&b, attr(c, "avatar"));
            s->customer_detail = copy(&b, attr(c, "detail"));
            if (s->customer_avatar)
                check_file_ref(&b, c, "avatar", s->customer_avatar);
            for (const xmlNode *st = c->children; st; st = st->next) {
                if (!EL(st, "start"))
                    continue;
                const char *v;
                if ((v = attr(st, "mood")))
                    s->start_mood = atoi(v);
                if ((v = attr(st, "patience")))
                    s->start_patience = atoi(v);
                if ((v = attr(st, "trust")))
                    s->start_trust = atoi(v);
            }
        } else if (!strcmp(name, "timing")) {
            s->reply_seconds = atoi(attr(c, "reply-seconds"));
        } else if (!strcmp(name, "goodwill")) {
            s->goodwill_budget = atoi(attr(c, "budget"));
            s->goodwill_unit = copy(&b, attr(c, "unit"));
        } else if (!strcmp(name, "rubric")) {
            build_rubric(&b, c);
        } else if (!strcmp(name, "node") || !strcmp(name, "ending")) {
            build_node(&b, c, &nodes[ni++]);
        }
        if (b.oom)
            goto out;
    }
    s->id = copy(&b, attr(root, "id"));
    s->version = (uint32_t)strtoul(attr(root, "version"), NULL, 10);
    s->lang = copy(&b, attr(root, "lang"));
    const char *minutes = attr(root, "minutes");
    s->minutes = minutes ? (uint32_t)atoi(minutes) : 0;
    const char *start = attr(root, "start");
    slot *st = table_find(&b.nodes, start ? start : "start");
    s->start = st ? st->value : -1;
    if (!st) {
        char hint[96];
        suggest(hint, sizeof(hint), &b.nodes, start ? start : "start", NULL, 0);
        error_at(&b, start ? attr_pos(&b, root, "start", 1) : node_pos(&b, root), "start-exists",
                 "the conversation starts at node '%s', which does not exist%s%s",
                 start ? start : "start", hint,
                 start ? "" : " (name a node id=\"start\" or set start=\"...\" on <scenario>)");
    }
    if (b.oom)
        goto out;
    fl_check__model(s, node_pos(&b, root), diags);
    s->footprint = fl_arena_footprint(b.arena);
    *out = s;
    rc = 0;
out:
    free(b.nodes.slots);
    free(b.offers.slots);
    free(b.vars.slots);
    free(b.ids.slots);
    if (rc != 0)
        fl_arena_free(b.arena);
    return rc;
}

void fl_scenario_free(fl_scenario *s)
{
    if (s)
        fl_arena_free(s->arena);
}
