/*
 * loader.h - internals shared by the loader's files (loader.c parses and validates, build.c
 * builds the model, check.c runs the semantic rules). Not for use outside game/core.
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
} line_index;

/* Line and column (in characters) of byte offset `off`. */
fl_pos fl_loader__pos(const line_index *li, size_t off);
/* Offset of attribute `name` (or, with `value`, of its value's first byte) in the start tag at
 * `tag`, or (size_t)-1. */
size_t fl_loader__attr_offset(const line_index *li, size_t tag, const char *name, int value);

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

/* How many times anything asked libxml2 to load an external resource (always refused). */
unsigned fl_loader__external_attempts(void);

#endif
