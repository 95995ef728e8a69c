/*
 * files.h - what content.c (the pool of a round) and workshop.c (the library of a workshop)
 * both do with the files they are named: tell the kind of a file by its beginning, put a
 * relative path under its folder, suggest the nearest name for one that is not there, and
 * say what is wrong with one that does not load.
 *
 * Not for use outside game/content. Depends on libc (POSIX: dirent, stat) and the core.
 */
#ifndef FL_CONTENT_FILES_H
#define FL_CONTENT_FILES_H

#include <stddef.h>

#include "diag.h"
#include "scenario.h"

/* Whether the regular file at path is of a kind, by is_document() on its first 64 KiB (the root
 * element comes after at most the XML declaration and a few comments); 0 when it cannot be
 * read or is not a regular file: opened without blocking (readfile.h), so a FIFO, a device or
 * a socket is never waited on nor read (that is left to the loader, which says what it is). */
int fl_content__file_is(const char *path, int (*is_document)(const char *buf, size_t len));

/* rel relative to dir (unchanged when absolute, or dir is NULL or "."). Returns malloc'd memory,
 * NULL when out of memory. */
char *fl_content__join(const char *dir, const char *rel);

/* " (did you mean 'x'?)" into out, in the diagnostics' language (fl_diags_lang()), for the last
 * component of a missing path, the nearest within a small edit distance among its folder's *.xml
 * files that loads() accepts (folder 0; loads NULL: any) or its folders (folder 1); "" when
 * none. */
void fl_content__suggest_path(const char *full, int folder, int (*loads)(const char *path),
                              char *out, size_t size);

/* Whether the file at path loads without errors as a scenario (not a round or a workshop), or as
 * a round file (its structure and rules; not the scenarios it draws): what "did you mean" may
 * offer in its place. */
int fl_content__scenario_loads(const char *path);
int fl_content__round_loads(const char *path);

/* A diagnostic at p (a position in the file the list is of) whose message is the catalogue word
 * `word` (an fl_word_id) in the list's language, a printf format taking the arguments that
 * follow (see fl_diag_addw). */
void fl_content__report(fl_diags *d, fl_severity sev, fl_pos p, const char *rule, int word, ...);

/* A file's errors for a message, in the language of d: "has an error, <what>: at L:C, msg (rule)"
 * or "has N errors, <what>; the first, at L:C, msg (rule)"; "<unloaded>, <what>" when it has
 * none to tell (it could not be read, or memory ran out). what and unloaded are in that
 * language too (L2_SO_..., L2_COULD_NOT_LOAD). */
void fl_content__describe_errors(const fl_diags *d, const char *what, const char *unloaded,
                                 char *out, size_t size);

#endif
