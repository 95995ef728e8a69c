/*
 * store.h - the results store: one SQLite file that keeps every session, turn by turn.
 *
 * Durability is the point (see docs/results.md):
 *   - WAL journal with synchronous=FULL: a committed turn survives a crash or a power cut;
 *   - every write is one BEGIN IMMEDIATE transaction, with a busy timeout, so several simulator
 *     processes on one machine can write the same file without "database is locked";
 *   - a file this program cannot read (not SQLite, corrupt, another program's database, or a
 *     newer schema) is refused with a message naming it and is never modified: nothing is
 *     written before the file has been checked;
 *   - the schema has a version (PRAGMA user_version) and migrations from every older one.
 * A shared file on a network drive is not supported (SQLite's locking is not reliable there).
 */
#ifndef FL_STORE_H
#define FL_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "record.h"

#define FL_STORE_SCHEMA  5          /* the schema version this program writes */
#define FL_STORE_APP_ID  0x464c4e31 /* PRAGMA application_id: "FLN1" */
#define FL_STORE_BUSY_MS 15000      /* how long a writer waits for another one */

typedef struct fl_store fl_store;

typedef enum {
    FL_STORE_OK = 0,
    FL_STORE_ERR_OPEN,     /* cannot open or create the file (permissions, missing folder) */
    FL_STORE_ERR_NOTOURS,  /* not a database, corrupt, or not Frontline's */
    FL_STORE_ERR_NEWER,    /* written by a newer Frontline (schema version above ours) */
    FL_STORE_ERR_READONLY, /* the file or its folder cannot be written */
    FL_STORE_ERR_FULL,     /* the disk is full */
    FL_STORE_ERR_BUSY,     /* another process held the file longer than the busy timeout */
    FL_STORE_ERR_IO,       /* any other failure, with SQLite's message */
    FL_STORE_ERR_NOMEM,
} fl_store_status;

/* The default file: $XDG_DATA_HOME/frontline/results.sqlite (~/.local/share when unset).
 * Returns 0, or -1 when neither XDG_DATA_HOME nor HOME is set or the name does not fit. */
int fl_store_default_path(char *buf, size_t n);

/*
 * Opens a store. For writing, the file is created when missing (with its folder, for the
 * default path) and migrated to FL_STORE_SCHEMA; readonly opens never create or change
 * anything, and read an older schema as it is (what a later schema added reads as the
 * migration would have filled it). On failure *out is NULL and err holds one line that names
 * the file. Only a regular file (or, for writing, a path where one can be created) is a store:
 * ":memory:", "file:" URIs, FIFOs, devices, sockets and folders are refused at once, before
 * SQLite sees the name (never blocking, nothing made beside them): FL_STORE_ERR_OPEN.
 */
fl_store_status fl_store_open(fl_store **out, const char *path, int readonly, char *err,
                              size_t errlen);
void fl_store_close(fl_store *st);
/* How many texts the readers found not valid UTF-8 (a name or a reply stored by an older
 * program, typed in another encoding) and handed out repaired, U+FFFD for each bad byte, since
 * the store was opened: an export says so once. */
size_t fl_store_repaired(const fl_store *st);
const char *fl_store_path(const fl_store *st);
/* The schema version of the open file. */
int fl_store_schema(const fl_store *st);

/* Writing a session as it is played. Each call is one committed transaction. The record's
 * strings need only live during the call. On failure err holds one line. */
fl_store_status fl_store_session_begin(fl_store *st, const fl_record *r, char *err, size_t errlen);
/* Appends turns (their seq numbers must follow those already written) and updates the
 * session's reply count. */
fl_store_status fl_store_session_turns(fl_store *st, const char *session_id,
                                       const fl_record_turn *turns, size_t n, uint32_t n_replies,
                                       char *err, size_t errlen);
/* Gives replies already written their voice figures (the desktop measures a reading after the
 * reply was chosen and saved): each of turns[0..n) with has_voice names its row by seq. Turns
 * without has_voice are skipped. A seq with no reply written is an error (nothing is written). */
fl_store_status fl_store_session_voice(fl_store *st, const char *session_id,
                                       const fl_record_turn *turns, size_t n, char *err,
                                       size_t errlen);
/* Marks the lines of turns >= from_turn as taken back (practice undo): the trainee's replies
 * and the customer lines they answered, which are written again when shown again. */
fl_store_status fl_store_session_take_back(fl_store *st, const char *session_id, uint32_t from_turn,
                                           uint32_t n_replies, char *err, size_t errlen);
/* Writes the end of the session: the remaining turns, the scores, survey and findings
 * (r->findings), and finished/ended. Unfinished sessions (stopped) get ended_ms and stay
 * finished = 0. */
fl_store_status fl_store_session_end(fl_store *st, const fl_record *r, const fl_record_turn *turns,
                                     size_t n, char *err, size_t errlen);

/* Writes a complete record (session, all turns and findings) in one transaction. A session
 * whose id is already there is left as it is and reported through *existed (import, merge). */
fl_store_status fl_store_put(fl_store *st, const fl_record *r, int *existed, char *err,
                             size_t errlen);

/* Groups several puts into one transaction (bulk import, benchmarks). */
fl_store_status fl_store_begin_batch(fl_store *st, char *err, size_t errlen);
fl_store_status fl_store_end_batch(fl_store *st, char *err, size_t errlen);

/* ---- reading ------------------------------------------------------------------------- */

typedef struct {
    const char *group;       /* exact group name, NULL: any */
    const char *trainee;     /* exact trainee name, NULL: any */
    const char *scenario;    /* scenario id, NULL: any */
    const char *workshop;    /* exact workshop id (schema 5), NULL: any */
    const char *day_session; /* exact session of the day ("morning"), NULL: any */
    int64_t since_ms;        /* started at or after, 0: no bound */
    int64_t until_ms;        /* started before, 0: no bound */
    int finished_only;       /* skip unfinished sessions (rounds: those not finished) */
    const char *round;       /* a round file's id: only the calls of its rounds, and its rounds;
                                NULL: any */
    int calls;               /* sessions: 0 all, -1 single conversations only (no call of a
                                round), 1 calls of rounds only; rounds ignore it */
} fl_store_filter;

enum { FL_LOAD_TURNS = 1, FL_LOAD_FINDINGS = 2 };

/* Calls fn for every session that passes the filter, ordered by start time (then id). The
 * record and everything it points to live only during the call. fn returns nonzero to stop;
 * that value is returned. Returns 0 when all were seen, or -1 with err filled. */
typedef int (*fl_store_fn)(void *ctx, const fl_record *r);
int fl_store_each(fl_store *st, const fl_store_filter *f, int load, fl_store_fn fn, void *ctx,
                  char *err, size_t errlen);

/* Whether a session that passes the filter has a reply read aloud that stands (schema 4): 1 or
 * 0, or -1 with err filled. The exports add their voice columns only then. */
int fl_store_has_voice(fl_store *st, const fl_store_filter *f, char *err, size_t errlen);

/* Whether a session that passes the filter was played in a workshop (schema 5: its workshop is
 * not ""): 1 or 0, or -1 with err filled. The CSV adds its workshop columns only then. */
int fl_store_has_workshop(fl_store *st, const fl_store_filter *f, char *err, size_t errlen);

/* Counts the sessions that pass the filter; -1 with err filled on failure. */
int64_t fl_store_count(fl_store *st, const fl_store_filter *f, char *err, size_t errlen);

/* Whether the store has the group ('g'), trainee ('t'), scenario id ('s'), round file id ('r'),
 * workshop id ('w') or session of the day ('d') named value. */
int fl_store_has_value(fl_store *st, char what, const char *value);
/* The distinct values of one of those (non-empty ones), ", "-separated into buf (cut to fit);
 * returns how many there are. */
size_t fl_store_values(fl_store *st, char what, char *buf, size_t n);

/* Runs PRAGMA integrity_check; returns 1 ok, 0 damaged (first problem in err), -1 error. */
int fl_store_check(fl_store *st, char *err, size_t errlen);

/* ---- several stores as one (frontline report --db a --db b) ------------------------------ */

/* Calls fn for every session of every store that passes the filter, in start-time order across
 * all of them. A session found in several stores (a copied file) is given once: the copy that
 * is finished, or else has more turns, or else the first store's. */
int fl_store_each_merged(fl_store **stores, size_t n, const fl_store_filter *f, int load,
                         fl_store_fn fn, void *ctx, char *err, size_t errlen);

/* ---- stress rounds (schema 3) ------------------------------------------------------------ */

/* Writes a round as it starts (figures not yet). One transaction; the record's strings need only
 * live during the call. On failure err holds one line. */
fl_store_status fl_store_round_begin(fl_store *st, const fl_round_record *r, char *err,
                                     size_t errlen);
/* Writes a round's end: ended, finished, its figures (r->fig, r->baseline_sessions) and its
 * timeline (r->timeline, NULL: none). */
fl_store_status fl_store_round_end(fl_store *st, const fl_round_record *r, char *err,
                                   size_t errlen);
/* Writes a complete round (import, merge). A round already there is kept, unless that copy was
 * never closed and this one was: *existed is then 2 and the closed one replaces it; 1 when it
 * was kept, 0 when new. */
fl_store_status fl_store_round_put(fl_store *st, const fl_round_record *r, int *existed, char *err,
                                   size_t errlen);

/* The rounds of every store that pass the filter (group, trainee, dates and finished as for
 * sessions; scenario: rounds with a call of that scenario; round: rounds of that file), in
 * start order, each round once (a copy that was closed wins over one that was not, else the
 * first store's). A store from before schema 3 has none. *out is an array the caller frees
 * with fl_store_rounds_free; returns 0, or -1 with err filled. */
int fl_store_rounds(fl_store **stores, size_t n, const fl_store_filter *f, fl_round_record **out,
                    size_t *n_out, char *err, size_t errlen);
void fl_store_rounds_free(fl_round_record *rounds, size_t n);

/* Calls fn for each of fl_store_rounds' rounds; fn returns nonzero to stop (that value is
 * returned). Returns 0 when all were seen, -1 with err filled. */
typedef int (*fl_store_round_fn)(void *ctx, const fl_round_record *r);
int fl_store_each_round(fl_store **stores, size_t n, const fl_store_filter *f, fl_store_round_fn fn,
                        void *ctx, char *err, size_t errlen);

/*
 * The composure baseline (scoring.md "Stress rounds"): the trainee's mean Tone and Empathy over
 * their calm play, the sessions that were single conversations (not a call of a round),
 * untimed, finished and attempted. Each mean is over the sessions where that dimension applied,
 * rounded to the nearest whole number. group NULL: the trainee in any group; "": no group.
 * Returns 0 with out->sessions the number of such sessions, or 0 with out->sessions == 0 when
 * there are none or one of the two dimensions never applied ("no baseline yet"); -1 when the
 * store cannot be read (out->sessions 0). Any schema, read-only too; an index range per trainee
 * (sessions_calm) from schema 3.
 */
int fl_store_baseline(fl_store *st, const char *trainee, const char *group, fl_round_baseline *out);

#endif
