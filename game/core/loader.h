/*
 * loader.h - internals shared by the loader's files (loader.c parses and validates, build.c
 * builds the model, check.c runs the semantic rules). Not for use outside game/core.
 */
#ifndef FL_LOADER_H
#define FL_LOADER_H

#include <stddef.h>

#include <libxml/tree.h>

#include "scenario.h"

typedef struct {
    const char *buf;
    size_t len;
    size_t *starts; /* starts[i] = byte offset of line i+1 */
    size_t n;
} line_index;

/* Line and column (in characters) of byte offset `off`. */
fl_pos fl_loader__pos(const line_index *li, size_t off);
/* Byte offset of the '<' that opens element n, or (size_t)-1 when unknown. */
size_t fl_loader__node_offset(const xmlNode *n);
/* Position of element n's start tag. */
fl_pos fl_loader__node_pos(const line_index *li, const xmlNode *n);
/* Offset of attribute `name` (or, with `value`, of its value's first byte) in the start tag at
 * `tag`, or (size_t)-1. */
size_t fl_loader__attr_offset(const line_index *li, size_t tag, const char *name, int value);

/* Builds the model from a schema-valid document and runs the semantic checks (check.c).
 * Returns 0 with *out set (possibly with errors in diags, which the caller then frees), -1 when
 * no model could be built, -2 when out of memory. */
int fl_loader__build(fl_scenario **out, xmlDoc *doc, const line_index *li, const char *path,
                     fl_diags *diags);

/* The semantic rules that look at the whole model: start node, reachability, traps, endings. */
void fl_check__model(const fl_scenario *s, fl_pos root, fl_diags *diags);

/* How many times anything asked libxml2 to load an external resource (always refused). */
unsigned fl_loader__external_attempts(void);

#endif
