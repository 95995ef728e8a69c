/*
 * schema.h - the structure check the loaders share: a kind of file's schema as a table (its
 * elements, the slots of their content models, their attributes and what each attribute
 * holds), and the checker that holds the parser's events to it as they come, with the messages
 * trainers read ("<say> has no attribute 'emotoin' (did you mean 'emotion'?)").
 *
 * Each kind gives its table and its words: build.c for scenarios (scenarios/schema/
 * scenario.xsd), round_load.c for round files (round.xsd). Its builder then sees only the
 * elements that may stand where they are, with their attributes checked, and builds its model
 * in the same pass. Also here, for both builders: positions of attributes, the values' parsers,
 * the text of text-bearing elements, "did you mean" suggestions.
 *
 * Not for use outside game/core. Depends on libc and the core's loader, arena and diagnostics.
 */
#ifndef FL_SCHEMA_H
#define FL_SCHEMA_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "loader.h"

#define FL_SCHEMA_BIT(e) (1u << (e))
/* Any number: the file size limit is the only bound (a count cannot reach it: each element takes
 * at least four bytes of a file of at most 16 MiB). */
#define FL_SCHEMA_UNBOUNDED UINT32_MAX
/* The largest whole number an attribute takes: a max of this says "at least min", and with a
 * min of minus this, "a whole number". */
#define FL_SCHEMA_LONG_MAX 1000000000L

typedef enum {
    FL_ATTR_ID,      /* letters, digits, '_', '-', '.'; at most 64 */
    FL_ATTR_VARNAME, /* lower-case letters, digits, '_' */
    FL_ATTR_STRING,  /* anything */
    FL_ATTR_INT,     /* a whole number from min to max */
    FL_ATTR_ENUM,    /* one of choices */
    FL_ATTR_SIGNALS, /* signal names, separated by spaces */
    FL_ATTR_DELTA,   /* a change like +25 */
    FL_ATTR_DECIMAL, /* a number of at least 0, like 299.90 */
    FL_ATTR_SEED,    /* a whole number of 0 to UINT64_MAX, in digits */
    FL_ATTR_PATH,    /* not empty */
    FL_ATTR_TAG,     /* one word */
} fl_attr_type;

typedef struct {
    const char *name;
    fl_attr_type type;
    int required;
    long min, max;              /* FL_ATTR_INT */
    const char *const *choices; /* FL_ATTR_ENUM, NULL-terminated */
    const char *what; /* FL_ATTR_INT: what the number means, said after the range (or NULL);
                         FL_ATTR_PATH: what it names ("a folder") */
} fl_schema_attr;

typedef struct {
    uint32_t mask;     /* elements allowed in this slot, as FL_SCHEMA_BIT()s */
    uint32_t min, max; /* how many, max FL_SCHEMA_UNBOUNDED for any number */
    const char *limit; /* a max other than 1 or unbounded: why, after "may hold at most N <x>" */
} fl_schema_slot;

typedef struct {
    const char *name;
    int text; /* holds text */
    const fl_schema_slot *slots;
    int n_slots;
    const fl_schema_attr *attrs;
    int n_attrs;
} fl_schema_el;

/* A kind of file: its elements (an element is its index in els, at most 32) and its words. */
typedef struct {
    const fl_schema_el *els;
    int n_els;
    int root;
    const char *rule;     /* of the diagnostics: "schema" */
    const char *file;     /* "a scenario file starts with <scenario>" */
    const char *files;    /* "<x> is not an element of scenarios" */
    const char *elements; /* "scenario elements have no namespace" */
    const char *no_text;  /* "<start> holds only elements, but has text: '...'" */
    /* The same four as catalogue words (fl_word_id), which win when set, so that the messages
     * speak the list's language. Each is said in one message only, so its Russian is declined
     * for that place: file_w "файл сценария", files_w "сценариях", elements_w "файла сценария". */
    int file_w, files_w, elements_w, no_text_w;
    /* The `what` of attribute `attr` of element `el` and the `limit` of a slot of element `el`
     * (attr NULL) as catalogue words, which win over the tables' English when set and not
     * FL_W_NONE (the tables stay plain initialisers). */
    int (*word)(int el, const char *attr);
} fl_schema;

/* An open element. */
typedef struct {
    int el;            /* index in the schema, or -1 for an element being skipped */
    size_t tag;        /* offset of its '<' */
    int slot;          /* content model position */
    uint32_t count;    /* children in the current slot */
    uint32_t seen;     /* children seen, as element bits */
    size_t text_start; /* where its text begins in the checker's text */
    int has_text;      /* text reported in an element that holds none */
    uint32_t set;      /* the builder's (build.c: <rubric> settings already made) */
} fl_schema_frame;

struct fl_schema_events;

/* The checker of one file. */
typedef struct {
    const fl_schema *schema;
    const line_index *li;
    fl_diags *diags;
    int *oom;      /* the builder's flag, set here too when memory runs out */
    size_t errors; /* errors reported under schema->rule */
    fl_schema_frame stack[FL_SCENARIO_MAX_DEPTH + 2];
    int depth, saw_root;
    char *text; /* text of the open text-bearing elements */
    size_t text_len, text_cap;
    struct fl_schema_name {
        const char *ptr;
        int el;
    } names[32]; /* the parser interns names: element of each name pointer seen */
    int n_names;
    /* The builder's events, for fl_schema_on_start() and the others (NULL: the builder takes
     * the parser's events itself). */
    const struct fl_schema_events *events;
} fl_schema_check;

/* An element's attributes, as the parser gives them. */
typedef struct {
    const char *const *kv; /* name, value, name, value, ... */
    int n;
    size_t tag;
    int el;
} fl_attrs;

static inline const char *fl_attr(const fl_attrs *a, const char *name)
{
    for (int i = 0; i < a->n; i++)
        if (strcmp(a->kv[2 * i], name) == 0)
            return a->kv[2 * i + 1];
    return NULL;
}

void fl_schema_init(fl_schema_check *c, const fl_schema *schema, const line_index *li,
                    fl_diags *diags, int *oom);
/* Frees what the checker holds (not the checker). */
void fl_schema_free(fl_schema_check *c);

/* The parser's events. An element opens at byte offset `tag`: returns its index in the schema
 * when it may stand there, with *a filled and its attributes checked; -1 when it is refused,
 * or stands inside a refused element (whose content is not looked at). */
int fl_schema_start(fl_schema_check *c, size_t tag, const char *name, int namespaced,
                    const char *const *kv, int n_attrs, fl_attrs *a);
void fl_schema_text(fl_schema_check *c, const char *s, size_t len);
/* An element closes: reports the children it needs and lacks. Returns its frame (until the next
 * event), or NULL for a refused element. */
const fl_schema_frame *fl_schema_end(fl_schema_check *c);

/* ---- The parser's events, for a builder whose first member is its checker ---------------- */

/* What such a builder does with an element the checker lets stand (not called once memory has
 * run out) and with the end of one: set in its checker's events after fl_schema_init(). */
typedef struct fl_schema_events {
    void (*element_start)(void *builder, const fl_attrs *a);
    void (*element_end)(void *builder, const fl_schema_frame *f);
} fl_schema_events;

/* The fl_doc_kind's start, text and end (loader.h): the builder is its checker's first member. */
void fl_schema_on_start(void *builder, size_t tag, const char *name, int namespaced,
                        const char *const *kv, int n_attrs);
void fl_schema_on_text(void *builder, const char *s, size_t len);
void fl_schema_on_end(void *builder);

/* The innermost open element. */
static inline fl_schema_frame *fl_schema_top(fl_schema_check *c)
{
    return &c->stack[c->depth - 1];
}

/* The element that holds the innermost one (while handling an element's start, its parent:
 * where what its siblings did is kept). */
static inline fl_schema_frame *fl_schema_parent(fl_schema_check *c)
{
    return &c->stack[c->depth > 1 ? c->depth - 2 : 0];
}

/* The text gathered since `start`, white space folded, copied into the arena; "" when out of
 * memory. Gathering starts again from `start`. */
const char *fl_schema_take_text(fl_schema_check *c, fl_arena *arena, size_t start);

/* s with white space folded as XML Schema's xs:token does (runs of space, tab and line breaks
 * become one space, none at either end), copied into the arena; "" when out of memory. */
const char *fl_schema_fold(fl_schema_check *c, fl_arena *arena, const char *s);

/* The folder of the file at path, in the arena: "." for a bare name, "/" for one at the root;
 * NULL when out of memory. */
const char *fl_schema_dir_of(fl_arena *arena, const char *path);

/* A builder's verdict after its last checks: -2 out of memory, -1 no root element or the file
 * added errors to the list (which held errors_before when the parse began), else 0. */
int fl_schema_outcome(const fl_schema_check *c, size_t errors_before);

/* Whether buf starts a document whose root element is <root>: skips what may stand before it
 * (a byte-order mark, white space, the XML declaration and other processing instructions,
 * comments, and a document type declaration, refused later but not changing what the file
 * is). For telling the kinds of file apart by their beginning. */
int fl_schema_is_document(const char *buf, size_t len, const char *root);

/* A diagnostic at p; an error under the schema's rule counts in c->errors. */
void fl_schema_diag(fl_schema_check *c, fl_severity sev, fl_pos p, const char *rule,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* The same, whose message is the catalogue word `word` (an fl_word_id) in the list's language:
 * a printf format taking the arguments that follow (see fl_diag_addw). */
void fl_schema_diagw(fl_schema_check *c, fl_severity sev, fl_pos p, const char *rule, int word,
                     ...);

/* ---- Positions -------------------------------------------------------------------------- */

static inline fl_pos fl_schema_pos(const fl_schema_check *c, size_t off)
{
    return off == (size_t)-1 ? (fl_pos){0, 0} : fl_loader__pos(c->li, off);
}

/* Position of attribute `name` of the tag at `tag` (of its value with `value`), or the tag's. */
static inline fl_pos fl_schema_attr_pos(const fl_schema_check *c, size_t tag, const char *name,
                                        int value)
{
    size_t a = fl_loader__attr_offset(c->li, tag, name, value);
    return fl_schema_pos(c, a == (size_t)-1 ? tag : a);
}

/* Position of the character at decoded offset `off` inside the value of attribute `name`. */
fl_pos fl_schema_value_pos(const fl_schema_check *c, size_t tag, const char *name, size_t off);

/* ---- Values ----------------------------------------------------------------------------- */

static inline int fl_schema_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* A whole number as XML Schema's xs:integer reads it (surrounding white space, an optional
 * sign), within lo..hi; *out is set to what was read, also when out of range. */
int fl_schema_parse_long(const char *s, long lo, long hi, long *out);
/* Digits only, at most UINT64_MAX, white space around. Returns 1, 0 not a number, -1 too large. */
int fl_schema_parse_seed(const char *s, uint64_t *out);

/* Whether v is a valid id (varname 0: letters, digits, '_', '-', '.', starting with a letter or
 * digit, at most 64 bytes) or variable name (varname 1: lower-case letters, digits, '_', not
 * starting with a digit): the test of FL_ATTR_ID and FL_ATTR_VARNAME. */
int fl_schema_valid_id(const char *v, int varname);

/* ---- "did you mean" ----------------------------------------------------------------------- */

/* Keeps the closest of the candidates to name, within a small edit distance. */
typedef struct {
    const char *name, *best;
    size_t best_d;
} fl_suggestion;

fl_suggestion fl_suggest_start(const char *name);
void fl_suggest(fl_suggestion *sg, const char *candidate);
/* " (did you mean 'x'?)" or "", in buf, in the diagnostics' language (fl_diags_lang()); buf
 * should hold 160 bytes, the Russian is longer. */
const char *fl_suggest_hint(const fl_suggestion *sg, char *buf, size_t size);

#endif
