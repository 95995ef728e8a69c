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
 * read or is not a regular file (reading the start of a pipe would take it from the loader). */
int fl_content__file_is(const char *path, int (*is_document)(const char *buf, size_t len));

/* rel relative to dir (unchanged when absolute, or dir is NULL or "."). Returns malloc'd memory,
 * NULL when out of memory. */
char *fl_content__join(const char *dir, const char *rel);

/* " (did you mean 'x'?)" into out for the last component of a missing path, the nearest within
 * a small edit distance among its folder's *.xml files (folder 0) or folders (folder 1); ""
 * when none. */
void fl_content__suggest_path(const char *full, int folder, char *out, size_t size);

/* A diagnostic at p (a position in the file the list is of). */
void fl_content__report(fl_diags *d, fl_severity sev, fl_pos p, const char *rule, const char *fmt,
                        ...) __attribute__((format(printf, 5, 6)));

/* A file's errors for a message: "has an error, <what>: at L:C, msg (rule)" or "has N errors,
 * <what>; the first, at L:C, msg (rule)"; "<unloaded>, <what>" when it has none to tell (it
 * could not be read, or memory ran out). */
void fl_content__describe_errors(const fl_diags *d, const char *what, const char *unloaded,
                                 char *out, size_t size);

#endif
