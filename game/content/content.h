/*
 * content.h - finding and loading what a round file names: its scenarios, by path or by tag.
 *
 * The core parses a round file from memory and never lists a folder (round.h); the front ends
 * (lint, the terminal, the desktop) share this module to turn a def's sources into the pool of
 * loaded scenarios that fl_round_new() is given. It does file-system work (folders, stat,
 * realpath) and nothing else: no SDL, no SQLite.
 *
 * Depends on libc (POSIX) and the core (round, scenario, diag).
 */
#ifndef FL_CONTENT_H
#define FL_CONTENT_H

#include <stdint.h>

#include "diag.h"
#include "round.h"
#include "scenario.h"
#include "workshop.h"

/* The scenarios a round draws from: no file twice, sorted by path so the same files give the
 * same pool (and the same round) on every machine and from every working folder. */
typedef struct {
    fl_scenario **items;
    char **paths; /* paths[i]: the canonical path items[i] was loaded from (items[i]->path) */
    uint32_t n;
} fl_round_pool;

/*
 * Resolves def's sources relative to def->dir (the round file's folder; the working folder for
 * a def loaded from memory) and loads every scenario they name:
 *   - <scenario path="..."/>: that file, which must be a scenario without errors in the round's
 *     language;
 *   - <scenarios tag="..." dir="..."/>: every *.xml in the folder (not its sub-folders) that is
 *     a scenario (round files are skipped) in the round's language with that tag, at least one.
 * Every problem is appended to diags at the source's line and column in the round file (rules
 * round-path-exists, round-dir-exists, round-tag-matches, round-same-lang,
 * round-scenario-ok). Returns 0 with the pool filled (warnings allowed), -1 with an empty
 * pool when a source has an error, -2 out of memory. The pool is always safe to pass to
 * fl_round_pool_free(); the caller frees it there.
 */
int fl_round_pool_load(fl_round_pool *pool, const fl_round_def *def, fl_diags *diags);

/* Frees every scenario and path of the pool and empties it; an empty pool is fine. */
void fl_round_pool_free(fl_round_pool *pool);

/* Whether the file at path is a round file rather than a scenario (fl_is_round_document() on
 * its beginning). 0 for anything that is not a readable regular file, found out without
 * blocking (a FIFO named *.xml is never waited on): the scenario loader then says what is
 * wrong with it. */
int fl_content_is_round_file(const char *path);

/* ---- workshop files (workshop.h) ----------------------------------------------------------- */

/* Whether the file at path is a workshop file (fl_is_workshop_document() on its beginning); 0
 * for anything that is not a readable regular file. */
int fl_content_is_workshop_file(const char *path);

/* The files a workshop's library names, in its order, each once. */
typedef struct {
    char **paths;  /* canonical paths (realpath) */
    int *is_round; /* is_round[i]: paths[i] is a round file */
    int *bundled;  /* bundled[i]: it is one of Frontline's own (by bundled id, or a path into
                      data_dir/scenarios) */
    uint32_t n;
} fl_workshop_files;

/*
 * Resolves every item of w's <library>: a path relative to w->dir (the working folder for a
 * workshop loaded from memory), a bundled id among the scenarios and rounds of
 * data_dir/scenarios/{en,ru,rounds} (their id attribute). Checks each file is a readable
 * regular file of the right kind (a <scenario> for <scenario>, a <round> for <round>); with
 * check_content, also loads each (and each round's pool) and reports a file with errors. Every
 * problem is appended to diags at the item's line and column (rules workshop-path-exists,
 * workshop-bundled-exists with did-you-mean among the bundled ids, workshop-item-kind,
 * workshop-item-ok). Returns 0 with files filled (those that resolved; warnings allowed), -1
 * when an item has an error (files still holds the ones that resolved), -2 out of memory.
 * Always safe to pass to fl_workshop_files_free().
 */
int fl_workshop_resolve(fl_workshop_files *files, const fl_workshop *w, const char *data_dir,
                        int check_content, fl_diags *diags);
void fl_workshop_files_free(fl_workshop_files *files);

/* Frontline's own scenarios and rounds (data_dir/scenarios/en, ru and rounds), for choosing by
 * id: what `frontline workshop new` lists and what bundled="ID" finds. */
typedef struct {
    char *id, *title, *lang; /* as the file says */
    char *path;              /* canonical path (realpath) */
    int is_round;
} fl_bundled_item;

typedef struct {
    fl_bundled_item *items; /* scenarios/en, scenarios/ru, then scenarios/rounds; by file name */
    uint32_t n;
    size_t cap; /* of items */
} fl_bundled;

/* Reads the id, title and language of every file of data_dir/scenarios/{en,ru,rounds} that
 * loads without errors (files with errors are left out: lint reports them). Returns 0 (a
 * missing folder gives none), -2 out of memory. Always safe to pass to fl_bundled_free(). */
int fl_content_bundled(fl_bundled *out, const char *data_dir);
void fl_bundled_free(fl_bundled *b);
/* The item with that id and kind, or NULL. */
const fl_bundled_item *fl_bundled_find(const fl_bundled *b, const char *id, int is_round);

/* ---- a scenario's own files ----------------------------------------------------------------- */

/* The check the pure core leaves to the front ends (it opens no file): a customer avatar="..."
 * naming a file next to the scenario (s->customer_avatar_pos set by the loader) that is not
 * there is a warning (rule file-exists) at the attribute's value. Appends to diags; nothing for
 * a built-in avatar, a scenario loaded from memory, or NULL. */
void fl_content_check_avatar(const fl_scenario *s, fl_diags *diags);

/* fl_scenario_load_file(), then fl_content_check_avatar() on the scenario it loaded, diags
 * sorted by position again: how lint, play, explore, graph and the desktop load a scenario the
 * user gave, so that each says the same. Returns what fl_scenario_load_file() returns. */
int fl_content_scenario_load(fl_scenario **out, const char *path, fl_diags *diags);

/* `to` relative to the folder from_dir, both absolute and canonical: "../en/x.xml". Compares
 * whole path components, so "/a/en" and "/a/english" share only "/a". Returns malloc'd memory,
 * NULL when out of memory. (How a recording or a workshop file names a file it found.) */
char *fl_content_relative_path(const char *from_dir, const char *to);

#endif
