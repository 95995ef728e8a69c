/*
 * recorder.h - writes a live session into the results store as it is played, and never loses it.
 *
 * Every front end (play --text, play --script, the desktop) opens a recorder when the
 * conversation starts and calls fl_recorder_update() after every act (a reply, a timeout, a
 * take-back) and fl_recorder_close() at the end. Each update is one committed transaction, so a
 * crash loses at most the reply in flight, and a session that never reached close shows as
 * unfinished.
 *
 * When the store cannot be opened or written (corrupt file, read-only place, full disk, newer
 * schema) the recorder says so once, in the user's language, and keeps the whole session in a
 * fallback JSON file instead (rewritten atomically after every act), whose name the message
 * gives; `frontline import FILE` brings it into a store later. Reads the wall clock (this is a
 * front-end library, not the core).
 */
#ifndef FL_RECORDER_H
#define FL_RECORDER_H

#include "record.h"
#include "session.h"

typedef struct fl_recorder fl_recorder;

typedef struct {
    const char *db_path;       /* NULL: the default store (fl_store_default_path) */
    const char *scenario_path; /* the file played: its bytes give the content hash */
    const char *trainee;       /* NULL or "": the login name */
    const char *group;         /* NULL: "" (no group) */
    const char *mode;          /* practice | assessment */
    const char *player;        /* desktop | text | script */
    double time_factor;        /* 1, 1.5, 2; ignored when the session is untimed */
    const char *lang;          /* language of the notices: "en" or "ru" */
} fl_recorder_opts;

/* Starts recording the session (no reply yet). Returns NULL only when out of memory; a store
 * problem is not a failure: see fl_recorder_notice(). */
fl_recorder *fl_recorder_open(const fl_session *ss, const fl_recorder_opts *o);

/* Writes what changed since the last call. Returns 0 when it is in the store, 1 when it went
 * to the fallback file, -1 when even that failed (see fl_recorder_notice()). */
int fl_recorder_update(fl_recorder *rc, const fl_session *ss);

/* Writes the end: scores, survey, findings and whether the conversation reached an ending.
 * Same return values as fl_recorder_update(). */
int fl_recorder_close(fl_recorder *rc, const fl_session *ss);

/* A message for the user about where the session went when the store failed, once: returns
 * it and clears it, or NULL when there is nothing new to say. */
const char *fl_recorder_notice(fl_recorder *rc);

const char *fl_recorder_session_id(const fl_recorder *rc);
/* The fallback file in use, or NULL while the store works. */
const char *fl_recorder_fallback(const fl_recorder *rc);

void fl_recorder_free(fl_recorder *rc);

#endif
