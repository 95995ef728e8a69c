/*
 * schema.c - the structure check of scenarios and round files (see schema.h): the content
 * models, the attributes' types, and the words of every structure message.
 *
 * Why not a DOM plus libxml2's XSD validator: for a 10,000-node scenario the tree alone touches
 * ~130 MB and the XSD pass costs ~50 ms, which put loading at 300-600 ms; checking the events as
 * they come needs no memory of its own and is several times faster. The tables (build.c,
 * round_load.c) hold the rules of the schemas in scenarios/schema/, which editors use;
 * tests/schema/differential.py feeds the same valid and broken files to both and requires the
 * same verdict, so they cannot drift. Owning the checks also gives trainers messages in their
 * own terms instead of the validator's.
 *
 * Every message is a catalogue word (catalogue_lint2.def) in the language of the diagnostics
 * list, and so are the words a kind of file puts in them (fl_schema's file_w..., word()).
 *
 * Depends on libc and the core's loader, arena, diagnostics and catalogue.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "catalogue.h"
#include "schema.h"
#include "utf8.h"
#include "vec.h"

#define is_space fl_schema_is_space

void fl_schema_init(fl_schema_check *c, const fl_schema *schema, const line_index *li,
                    fl_diags *diags, int *oom)
{
    memset(c, 0, sizeof(*c));
    c->schema = schema;
    c->li = li;
    c->diags = diags;
    c->oom = oom;
}

void fl_schema_free(fl_schema_check *c)
{
    free(c->text);
    c->text = NULL;
}

/* An error under the schema's own rule counts in c->errors (the builders' rules across
 * attributes wait for a sound structure). */
static void count(fl_schema_check *c, fl_severity sev, const char *rule)
{
    if (sev == FL_SEV_ERROR && (rule == c->schema->rule || strcmp(rule, c->schema->rule) == 0))
        c->errors++;
}

void fl_schema_diag(fl_schema_check *c, fl_severity sev, fl_pos p, const char *rule,
                    const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fl_diag_addv(c->diags, sev, p.line, p.column, rule, fmt, ap);
    va_end(ap);
    count(c, sev, rule);
}

void fl_schema_diagw(fl_schema_check *c, fl_severity sev, fl_pos p, const char *rule, int word, ...)
{
    va_list ap;
    va_start(ap, word);
    fl_diag_addv(c->diags, sev, p.line, p.column, rule, fl_word((fl_word_id)word, c->diags->lang),
                 ap);
    va_end(ap);
    count(c, sev, rule);
}

#define error_at(c, p, ...) fl_schema_diagw(c, FL_SEV_ERROR, p, (c)->schema->rule, __VA_ARGS__)
#define pos_at              fl_schema_pos
#define attr_pos            fl_schema_attr_pos

/* The raw text may hold references (&lt;) that decode to fewer bytes: walk both in step. */
fl_pos fl_schema_value_pos(const fl_schema_check *c, size_t tag, const char *name, size_t off)
{
    size_t r = fl_loader__attr_offset(c->li, tag, name, 1);
    if (r == (size_t)-1)
        return pos_at(c, tag);
    const char *s = c->li->buf;
    size_t d = 0;
    while (d < off && r < c->li->len && s[r] != '"' && s[r] != '\'') {
        if (s[r] == '&') {
            const char *semi = memchr(s + r, ';', c->li->len - r);
            size_t dl = 1;
            if (semi && s[r + 1] == '#') {
                unsigned long cp =
                    s[r + 2] == 'x' ? strtoul(s + r + 3, NULL, 16) : strtoul(s + r + 2, NULL, 10);
                dl = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            }
            r = semi ? (size_t)(semi - s) + 1 : r + 1;
            d += dl;
        } else if (s[r] == '\r' && r + 1 < c->li->len && s[r + 1] == '\n') {
            r += 2;
            d++;
        } else {
            r++;
            d++;
        }
    }
    return pos_at(c, r);
}

/* ---- "did you mean" ----------------------------------------------------------------------- */

fl_suggestion fl_suggest_start(const char *name)
{
    return (fl_suggestion){name, NULL, strlen(name) <= 3 ? 2 : 3};
}

void fl_suggest(fl_suggestion *sg, const char *candidate)
{
    size_t d = fl_edit_distance(sg->name, candidate);
    if (d < sg->best_d) {
        sg->best_d = d;
        sg->best = candidate;
    }
}

const char *fl_suggest_hint(const fl_suggestion *sg, char *buf, size_t size)
{
    if (sg->best)
        snprintf(buf, size, fl_word(FL_W_L2_DID_YOU_MEAN, fl_diags_lang()), sg->best);
    else
        buf[0] = '\0';
    return buf;
}

/* ---- Values ------------------------------------------------------------------------------- */

int fl_schema_parse_long(const char *s, long lo, long hi, long *out)
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

int fl_schema_parse_seed(const char *s, uint64_t *out)
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

int fl_schema_valid_id(const char *v, int varname)
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

/* ---- The words of a kind of file ------------------------------------------------------------ */

/* A word of the schema's, in the list's language: the catalogue's when the kind gives one, else
 * the English of the table. */
static const char *kind_word(const fl_schema_check *c, int word, const char *english)
{
    return word ? fl_word((fl_word_id)word, c->diags->lang) : english;
}

/* What attribute ar of element el counts or names, or NULL. */
static const char *attr_what(const fl_schema_check *c, int el, const fl_schema_attr *ar)
{
    int w = c->schema->word ? c->schema->word(el, ar->name) : 0;
    return kind_word(c, w, ar->what);
}

/* Why element el holds at most sr->max of a child (": a round has 1 to 4 levels"), into buf;
 * "" when the table says nothing. */
static const char *slot_limit(const fl_schema_check *c, int el, const fl_schema_slot *sr, char *buf,
                              size_t size)
{
    int w = c->schema->word ? c->schema->word(el, NULL) : 0;
    if (w)
        snprintf(buf, size, fl_word((fl_word_id)w, c->diags->lang), (int)sr->max);
    else
        snprintf(buf, size, "%s", sr->limit ? sr->limit : "");
    return buf;
}

/* ---- Attributes ----------------------------------------------------------------------------- */

/* The value of one attribute against its rule; returns 0 when it is valid. */
static int check_value(fl_schema_check *c, const fl_attrs *a, const fl_schema_attr *ar,
                       const char *name, const char *v)
{
    char h[160], choices[400];
#define vp attr_pos(c, a->tag, name, 1) /* only computed for a message */
    long x;
    uint64_t seed;
    switch (ar->type) {
    case FL_ATTR_ID:
    case FL_ATTR_VARNAME: {
        int varname = ar->type == FL_ATTR_VARNAME;
        if (fl_schema_valid_id(v, varname))
            return 0;
        error_at(c, vp, varname ? FL_W_L2_BAD_VARNAME : FL_W_L2_BAD_ID, name, v);
        return -1;
    }
    case FL_ATTR_INT:
        if (fl_schema_parse_long(v, ar->min, ar->max, &x))
            return 0;
        if (ar->max == FL_SCHEMA_LONG_MAX && ar->min <= -FL_SCHEMA_LONG_MAX)
            error_at(c, vp, FL_W_L2_NOT_WHOLE, name, v);
        else if (ar->max == FL_SCHEMA_LONG_MAX)
            error_at(c, vp, FL_W_L2_NOT_WHOLE_MIN, name, v, ar->min);
        else {
            const char *what = attr_what(c, a->el, ar);
            error_at(c, vp, FL_W_L2_NOT_WHOLE_RANGE, name, v, ar->min, ar->max, what ? " (" : "",
                     what ? what : "", what ? ")" : "");
        }
        return -1;
    case FL_ATTR_ENUM: {
        for (int k = 0; ar->choices[k]; k++)
            if (strcmp(ar->choices[k], v) == 0)
                return 0;
        fl_suggestion sg = fl_suggest_start(v);
        for (int k = 0; ar->choices[k]; k++)
            fl_suggest(&sg, ar->choices[k]);
        list_choices(choices, sizeof(choices), ar->choices);
        error_at(c, vp, FL_W_L2_NOT_ONE_OF, name, v, choices, fl_suggest_hint(&sg, h, sizeof(h)));
        return -1;
    }
    case FL_ATTR_SIGNALS: {
        int bad = 0;
        const char *p = v;
        while (*p) {
            while (is_space(*p))
                p++;
            const char *w = p;
            while (*p && !is_space(*p))
                p++;
            if (p > w && !fl_signal_parse(w, (size_t)(p - w))) {
                char word[64];
                snprintf(word, sizeof(word), "%.*s", (int)fl_utf8_cut(w, (size_t)(p - w), 60), w);
                fl_suggestion sg = fl_suggest_start(word);
                for (int k = 0; k < FL_SIGNAL_COUNT; k++)
                    fl_suggest(&sg, fl_signal_name(k));
                list_choices(choices, sizeof(choices), fl_signal_names);
                error_at(c, fl_schema_value_pos(c, a->tag, name, (size_t)(w - v)),
                         FL_W_L2_NOT_SIGNAL, word, choices, fl_suggest_hint(&sg, h, sizeof(h)));
                bad = -1;
            }
        }
        return bad;
    }
    case FL_ATTR_DELTA: {
        const char *p = v + (v[0] == '+' || v[0] == '-');
        size_t digits = strspn(p, "0123456789");
        if (digits >= 1 && digits <= 3 && !p[digits])
            return 0;
        error_at(c, vp, FL_W_L2_NOT_DELTA, name, v);
        return -1;
    }
    case FL_ATTR_DECIMAL: {
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
        if (d1 + d2 != 0 && !*end)
            return 0;
        error_at(c, vp, FL_W_L2_NOT_DECIMAL, name, v);
        return -1;
    }
    case FL_ATTR_SEED: {
        int r = fl_schema_parse_seed(v, &seed);
        if (r < 0)
            error_at(c, vp, FL_W_L2_SEED_TOO_LARGE, name, v);
        else if (r == 0)
            error_at(c, vp, FL_W_L2_NOT_SEED, name, v);
        return r == 1 ? 0 : -1;
    }
    case FL_ATTR_PATH: {
        if (v[0])
            return 0;
        const char *what = attr_what(c, a->el, ar);
        error_at(c, vp, FL_W_L2_PATH_EMPTY, name, what ? what : "");
        return -1;
    }
    case FL_ATTR_TAG:
        if (v[0] && !strpbrk(v, " \t\r\n"))
            return 0;
        error_at(c, vp, FL_W_L2_NOT_TAG, name, v);
        return -1;
    case FL_ATTR_STRING:
        break;
    }
#undef vp
    return 0;
}

/* Checks every attribute of an element against its rule; returns 0 when all are valid. */
static int check_attrs(fl_schema_check *c, const fl_attrs *a)
{
    const fl_schema_el *er = &c->schema->els[a->el];
    int bad = 0;
    char h[160];
    for (int i = 0; i < a->n; i++) {
        const char *name = a->kv[2 * i], *v = a->kv[2 * i + 1];
        const fl_schema_attr *ar = NULL;
        for (int k = 0; k < er->n_attrs; k++)
            if (strcmp(er->attrs[k].name, name) == 0)
                ar = &er->attrs[k];
        if (ar) {
            bad |= check_value(c, a, ar, name, v) != 0;
            continue;
        }
        fl_suggestion sg = fl_suggest_start(name);
        for (int k = 0; k < er->n_attrs; k++)
            fl_suggest(&sg, er->attrs[k].name);
        if (er->n_attrs == 0)
            error_at(c, attr_pos(c, a->tag, name, 0), FL_W_L2_NO_ATTRIBUTES, er->name, name);
        else
            error_at(c, attr_pos(c, a->tag, name, 0), FL_W_L2_NO_SUCH_ATTRIBUTE, er->name, name,
                     fl_suggest_hint(&sg, h, sizeof(h)));
        bad = 1;
    }
    for (int k = 0; k < er->n_attrs; k++) {
        if (er->attrs[k].required && !fl_attr(a, er->attrs[k].name)) {
            error_at(c, pos_at(c, a->tag), FL_W_L2_NEEDS_ATTRIBUTE, er->name, er->attrs[k].name);
            bad = 1;
        }
    }
    return bad ? -1 : 0;
}

/* ---- Content model ------------------------------------------------------------------------ */

static void list_names(const fl_schema_check *c, char *buf, size_t size, uint32_t mask)
{
    const fl_schema *s = c->schema;
    size_t o = 0;
    int n = 0, total = 0;
    for (int e = 0; e < s->n_els; e++)
        total += (mask >> e) & 1;
    buf[0] = '\0';
    for (int e = 0; e < s->n_els && o < size; e++) {
        if (!((mask >> e) & 1))
            continue;
        n++;
        if (n > 1 && n == total) /* "<a>, <b> or <c>": the last, in the list's language */
            o += (size_t)snprintf(buf + o, size - o, fl_word(FL_W_L2_OR_ELEMENT, c->diags->lang),
                                  s->els[e].name);
        else
            o += (size_t)snprintf(buf + o, size - o, "%s<%s>", n == 1 ? "" : ", ", s->els[e].name);
    }
}

/* What could come next in the parent: the current slot (if not full) and every slot up to and
 * including the first required one. */
static uint32_t expected_mask(const fl_schema_el *pr, const fl_schema_frame *f)
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
static int place_child(fl_schema_check *c, fl_schema_frame *f, int el, size_t tag)
{
    const fl_schema *s = c->schema;
    assert(f->el >= 0 && f->el < s->n_els && el >= 0 && el < s->n_els);
    assert(f->slot >= 0 && f->slot <= s->els[f->el].n_slots);
    const fl_schema_el *pr = &s->els[f->el];
    const char *child = s->els[el].name;
    /* the position only where there is something to say: finding a column is a scan of its line,
     * and a file written on one line has only one */
    fl_pos p = {0, 0};
    char names[200], limit[160];
    int i = f->slot;
    uint32_t count = f->count;
    while (i < pr->n_slots) {
        const fl_schema_slot *sr = &pr->slots[i];
        if ((sr->mask & FL_SCHEMA_BIT(el)) && count < sr->max) {
            /* Every required slot skipped on the way is missing. */
            for (int k = f->slot; k < i; k++) {
                uint32_t have = k == f->slot ? f->count : 0;
                if (pr->slots[k].min > have) {
                    p = pos_at(c, tag);
                    list_names(c, names, sizeof(names), pr->slots[k].mask);
                    error_at(c, p, FL_W_L2_NEEDS_BEFORE, pr->name, names, child);
                }
            }
            f->count = i == f->slot ? f->count + 1 : 1;
            f->slot = i;
            f->seen |= FL_SCHEMA_BIT(el);
            return 0;
        }
        i++;
        count = 0;
    }
    /* Not allowed from here on: earlier in the order, once too often, or never. */
    p = pos_at(c, tag);
    for (int k = 0; k < pr->n_slots; k++) {
        const fl_schema_slot *sr = &pr->slots[k];
        if (!(sr->mask & FL_SCHEMA_BIT(el)))
            continue;
        if (sr->max != 1 && sr->max != FL_SCHEMA_UNBOUNDED)
            error_at(c, p, FL_W_L2_AT_MOST, pr->name, (int)sr->max, child,
                     slot_limit(c, f->el, sr, limit, sizeof(limit)));
        else if (k == f->slot || (f->seen & FL_SCHEMA_BIT(el) && sr->max == 1))
            error_at(c, p, sr->max == 1 ? FL_W_L2_ONLY_ONE : FL_W_L2_ONLY_SO_MANY, pr->name, child);
        else {
            list_names(c, names, sizeof(names), pr->slots[f->slot].mask);
            error_at(c, p, FL_W_L2_OUT_OF_ORDER, child, names, pr->name);
        }
        return -1;
    }
    list_names(c, names, sizeof(names), expected_mask(pr, f));
    if (names[0])
        error_at(c, p, FL_W_L2_NOT_ALLOWED_HERE, child, pr->name, names);
    else
        error_at(c, p, FL_W_L2_NOT_ALLOWED_IN, child, pr->name);
    return -1;
}

/* Reports required children the element ended without. */
static void check_complete(fl_schema_check *c, const fl_schema_frame *f)
{
    const fl_schema_el *er = &c->schema->els[f->el];
    char names[200];
    for (int k = f->slot; k < er->n_slots; k++) {
        uint32_t have = k == f->slot ? f->count : 0;
        if (er->slots[k].min > have) {
            list_names(c, names, sizeof(names), er->slots[k].mask);
            error_at(c, pos_at(c, f->tag), FL_W_L2_NEEDS, er->name, names);
        }
    }
}

/* ---- Events from the parser ----------------------------------------------------------------- */

static int element_id(fl_schema_check *c, const char *name)
{
    /* The parser interns names, so the same pointer comes back for the same name. */
    for (int i = 0; i < c->n_names; i++)
        if (c->names[i].ptr == name)
            return c->names[i].el;
    int el = -1;
    for (int e = 0; e < c->schema->n_els; e++)
        if (strcmp(c->schema->els[e].name, name) == 0)
            el = e;
    if (c->n_names < (int)(sizeof(c->names) / sizeof(c->names[0])))
        c->names[c->n_names++] = (struct fl_schema_name){name, el};
    return el;
}

/* An element that is none of the kind's, or the root again, inside `parent`. */
static void unknown_element(fl_schema_check *c, const fl_schema_frame *parent, size_t tag,
                            const char *name, int namespaced)
{
    const fl_schema *s = c->schema;
    char names[200], h[160];
    fl_suggestion sg = fl_suggest_start(name);
    uint32_t mask = expected_mask(&s->els[parent->el], parent);
    for (int e = 0; e < s->n_els; e++)
        if ((mask >> e) & 1)
            fl_suggest(&sg, s->els[e].name);
    list_names(c, names, sizeof(names), mask);
    if (namespaced)
        error_at(c, pos_at(c, tag), FL_W_L2_NAMESPACED, name,
                 kind_word(c, s->elements_w, s->elements));
    else if (names[0])
        error_at(c, pos_at(c, tag), FL_W_L2_UNKNOWN_ELEMENT, name,
                 kind_word(c, s->files_w, s->files), fl_suggest_hint(&sg, h, sizeof(h)), names);
    else
        error_at(c, pos_at(c, tag), FL_W_L2_NOT_ALLOWED_IN, name, s->els[parent->el].name);
}

int fl_schema_start(fl_schema_check *c, size_t tag, const char *name, int namespaced,
                    const char *const *kv, int n_attrs, fl_attrs *a)
{
    const fl_schema *s = c->schema;
    int depth = c->depth;
    fl_schema_frame *parent = depth ? &c->stack[depth - 1] : NULL;
    fl_schema_frame *f = &c->stack[depth];
    c->depth++;
    memset(f, 0, sizeof(*f));
    f->tag = tag;
    f->text_start = c->text_len;
    f->el = -1;
    if (parent && parent->el < 0)
        return -1; /* inside a refused element: its content is not looked at */
    int el = namespaced ? -1 : element_id(c, name);
    if (!parent) {
        c->saw_root = 1;
        if (el != s->root) {
            error_at(c, pos_at(c, tag), FL_W_L2_ROOT, name, kind_word(c, s->file_w, s->file),
                     s->els[s->root].name);
            return -1;
        }
    } else {
        if (el < 0 || el == s->root) {
            unknown_element(c, parent, tag, name, namespaced);
            return -1;
        }
        if (place_child(c, parent, el, tag) != 0)
            return -1;
    }
    f->el = el;
    *a = (fl_attrs){kv, n_attrs, tag, el};
    check_attrs(c, a);
    return el;
}

void fl_schema_text(fl_schema_check *c, const char *s, size_t len)
{
    if (!c->depth)
        return;
    fl_schema_frame *f = &c->stack[c->depth - 1];
    if (f->el < 0)
        return;
    const fl_schema_el *er = &c->schema->els[f->el];
    if (!er->text) {
        for (size_t i = 0; i < len; i++) {
            if (!is_space(s[i]) && !f->has_text) {
                f->has_text = 1;
                error_at(c, pos_at(c, f->tag), FL_W_L2_HAS_TEXT, er->name,
                         kind_word(c, c->schema->no_text_w, c->schema->no_text),
                         (int)fl_utf8_cut(s + i, len - i, 40), s + i);
                break;
            }
        }
        return;
    }
    size_t need = c->text_len + len + 1;
    /* 1 KiB at first: most elements' text fits, and the buffer is kept for the next ones */
    if (FL_GROW(c->text, c->text_cap, need < 1024 ? 1024 : need)) {
        *c->oom = 1;
        return;
    }
    memcpy(c->text + c->text_len, s, len);
    c->text_len += len;
}

const fl_schema_frame *fl_schema_end(fl_schema_check *c)
{
    const fl_schema_frame *f = &c->stack[--c->depth];
    if (f->el < 0)
        return NULL;
    check_complete(c, f);
    return f;
}

void fl_schema_on_start(void *builder, size_t tag, const char *name, int namespaced,
                        const char *const *kv, int n_attrs)
{
    fl_schema_check *c = builder; /* the builder's first member */
    fl_attrs a;
    if (fl_schema_start(c, tag, name, namespaced, kv, n_attrs, &a) >= 0 && !*c->oom)
        c->events->element_start(builder, &a);
}

void fl_schema_on_text(void *builder, const char *s, size_t len)
{
    fl_schema_text(builder, s, len);
}

void fl_schema_on_end(void *builder)
{
    fl_schema_check *c = builder;
    const fl_schema_frame *f = fl_schema_end(c);
    if (f)
        c->events->element_end(builder, f);
}

/* s[0..n) with white space folded as XML Schema's xs:token does (runs of space, tab and line
 * breaks become one space, none at either end), into out (n + 1 bytes). */
static void fold_into(char *out, const char *s, size_t n)
{
    size_t o = 0;
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        if (is_space(s[i])) {
            space = 1;
            continue;
        }
        if (space && o > 0)
            out[o++] = ' ';
        space = 0;
        out[o++] = s[i];
    }
    out[o] = '\0';
}

/* The folded copy of s[0..n) in the arena; "" (and the out-of-memory flag) when it is full. */
static const char *fold_copy(fl_schema_check *c, fl_arena *arena, const char *s, size_t n)
{
    char *out = fl_arena_alloc_raw(arena, n + 1);
    if (!out) {
        *c->oom = 1;
        return "";
    }
    fold_into(out, s, n);
    return out;
}

const char *fl_schema_take_text(fl_schema_check *c, fl_arena *arena, size_t start)
{
    /* an element with no text at all (<title/>) never allocated c->text: NULL + 0 is undefined */
    const char *text = c->text ? c->text + start : "";
    const char *out = fold_copy(c, arena, text, c->text ? c->text_len - start : 0);
    c->text_len = start;
    return out;
}

const char *fl_schema_fold(fl_schema_check *c, fl_arena *arena, const char *s)
{
    return fold_copy(c, arena, s, strlen(s));
}

const char *fl_schema_dir_of(fl_arena *arena, const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash == path ? fl_arena_strdup(arena, "/")
           : slash       ? fl_arena_strndup(arena, path, (size_t)(slash - path))
                         : fl_arena_strdup(arena, ".");
}

int fl_schema_outcome(const fl_schema_check *c, size_t errors_before)
{
    if (*c->oom || c->diags->oom) /* diags->oom: a diagnostic was lost */
        return -2;
    return !c->saw_root || c->diags->errors > errors_before ? -1 : 0;
}

/* ---- What a file is ---------------------------------------------------------------------- */

/* The end of the prolog item (processing instruction, comment, document type declaration) at
 * buf[i], which starts with '<'; NULL when buf[i] starts something else, or the item is cut. */
static const char *prolog_item_end(const char *buf, size_t len, size_t i, int *other)
{
    const char *end = NULL;
    *other = 0;
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
        *other = 1;
    }
    return end;
}

int fl_schema_is_document(const char *buf, size_t len, const char *root)
{
    size_t i = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    for (;;) {
        while (i < len && is_space(buf[i]))
            i++;
        if (i + 1 >= len || buf[i] != '<')
            return 0;
        int other;
        const char *end = prolog_item_end(buf, len, i, &other);
        if (other)
            break;
        if (!end)
            return 0;
        i = (size_t)(end - buf);
    }
    i++; /* the '<' */
    size_t n = strlen(root);
    if (len - i < n || memcmp(buf + i, root, n) != 0)
        return 0;
    return i + n == len || is_space(buf[i + n]) || buf[i + n] == '>' || buf[i + n] == '/';
}
