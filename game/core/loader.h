/*
 * loader.h - internals shared by the loader's files (loader.c reads and parses safely, build.c
 * builds the scenario model, check.c runs the semantic rules, round_load.c builds round files).
 * Not for use outside game/core.
 */
#ifndef FL_LOADER_H
#define FL_LOADER_H

#include <stddef.h>
#include <stdint.h>

#include "scenario.h"

typedef struct {
    const char *buf;
    size_t len;
    uint32_t *starts; /* starts[i] = byte offset of line i+1 (files are < 4 GiB) */
    size_t n;
    size_t hint; /* the line of the last lookup, where the next one usually is */
    /* The offset and column of the last lookup: on a long line the next column is counted on
     * from there, not from the line's start (hint_col 0: none yet). */
    size_t hint_off;
    uint32_t hint_col;
} line_index;

/* Line and column (in characters) of byte offset `off`. */
fl_pos fl_loader__pos(const line_index *li, size_t off);
/* Offset of attribute `name` (or, with `value`, of its value's first byte) in the start tag at
 * `tag`, or (size_t)-1. */
size_t fl_loader__attr_offset(const line_index *li, size_t tag, const char *name, int value);

/*
 * The safe pipeline of loader.c, for any kind of document Frontline reads (scenarios, rounds):
 * the size limit, UTF-8 only, no DTD, no entities, no external loads, the depth limit, and the
 * parser's events with each element's byte offset, handed to the kind's builder. What differs
 * between kinds is named here: the limit, the words of the messages and the builder's events.
 */
typedef struct {
    /* The words of the messages, catalogue words (fl_word_id) said in the list's language: */
    int plural;   /* "scenarios are limited to ...", "not allowed in ..." (L2_KIND_SCENARIOS) */
    int singular; /* "is a folder, not a scenario file" (L2_KIND_SCENARIO_FILE) */
    size_t max_bytes;
    void (*start)(void *builder, size_t tag, const char *name, int namespaced,
                  const char *const *kv, int n_attrs);
    void (*text)(void *builder, const char *s, size_t len);
    void (*end)(void *builder);
    /* The builder's life: made for a checked text (NULL: out of memory), finished after a
     * well-formed parse into *out (the kind's model; returns 0 with *out set when the file
     * loaded, -1 when it has errors, -2 out of memory), freed. */
    void *(*builder_new)(const line_index *li, const char *path, fl_diags *diags);
    int (*finish)(void *builder, void *out, const line_index *li, fl_diags *diags);
    void (*builder_free)(void *builder);
} fl_doc_kind;

/* Stage 1: the size limit, then UTF-8 without NUL and a declared encoding of UTF-8 at most.
 * Fills *li (the caller frees li->starts, also on failure). Returns 0, -1 refused (diags says
 * why), -2 out of memory. */
int fl_loader__check(const fl_doc_kind *kind, line_index *li, const char *buf, size_t len,
                     fl_diags *diags);
/* Stages 2-3: parses li's text with libxml2 and hands every event to kind's builder. Returns 0
 * when the document was well-formed (the caller then finishes its builder), -1 when it was
 * not or was stopped at a limit (only the parse's own diagnostics are kept), -2 out of
 * memory. */
int fl_loader__parse(const fl_doc_kind *kind, void *builder, const line_index *li, fl_diags *diags);
/* Position of the root element's start tag: the first '<' not opening <?, <! or a comment. */
fl_pos fl_loader__root_pos(const line_index *li);
/* Loads a document of the kind from memory: the checks, the parse, the kind's builder. `out`
 * is the kind's model pointer (fl_scenario **, fl_round_def **), which the caller has set to
 * NULL. Returns 0 loaded, -1 refused or with errors (diags says why), -2 out of memory. */
int fl_loader__load(const fl_doc_kind *kind, void *out, const char *buf, size_t len,
                    const char *path, fl_diags *diags);
/* The one file reader: reads the regular file at path into memory (readfile.c: never mapped,
 * never blocking), refusing a folder, a FIFO, a device, a socket or more than kind->max_bytes
 * with a diagnostic of rule "io" or "too-large" at 0:0 that says what the file is, and loads
 * the bytes as fl_loader__load() does; -1 when the file cannot be read, -2 out of memory. */
int fl_loader__read_file(const fl_doc_kind *kind, void *out, const char *path, fl_diags *diags);

/* The builder (build.c) validates structure and builds the model from the parser's events. */
typedef struct fl_builder fl_builder;
fl_builder *fl_builder_new(const line_index *li, const char *path, fl_diags *diags);
void fl_builder_free(fl_builder *b);
/* An element opens at byte offset `tag`; kv holds n_attrs name/value pairs (NUL-terminated). */
void fl_builder_start(fl_builder *b, size_t tag, const char *name, int namespaced,
                      const char *const *kv, int n_attrs);
void fl_builder_text(fl_builder *b, const char *s, size_t len);
void fl_builder_end(fl_builder *b);
/* Resolves references and runs the graph rules. Returns 0 with *out set (the caller checks
 * diags for errors), -1 when there was no document, -2 when out of memory. The builder still
 * needs fl_builder_free(). */
int fl_builder_finish(fl_builder *b, fl_scenario **out, fl_pos root);

/* The semantic rules that look at the whole model: start node, reachability, traps, endings. */
void fl_check__model(const fl_scenario *s, fl_pos root, fl_diags *diags);

/* How many times anything asked libxml2 to load an external resource (always refused), in the
 * whole process (an atomic count: loads may run on several threads at once). */
unsigned fl_loader__external_attempts(void);

#endif
