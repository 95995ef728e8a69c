/*
 * recorder.h - writes a live session into the results store as it is played, and never loses it.
 *
 * Every front end (play --text, play --script, the desktop) opens a recorder when the
 * conversation starts and calls fl_recorder_update() after every act (a reply, a timeout, a
 * take-back, a reply read aloud) and fl_recorder_close() at the end. Each update is one committed transaction, so a
 * crash loses at most the reply in flight, and a session that never reached close shows as
 * unfinished.
 *
 * When the store cannot be opened or written (corrupt file, read-only place, full disk, newer
 * schema) the recorder says so once, in the user's language, and keeps the whole session in a
 * fallback JSON file instead (rewritten atomically after every act), whose name the message
 * gives; `frontline import FILE` brings it into a store later. Reads the wall clock (this is a
 * front-end library, not the core).
 *
 * A stress round is recorded by a round recorder and one session recorder per call: see
 * "stress rounds" below.
 */
#ifndef FL_RECORDER_H
#define FL_RECORDER_H

#include "record.h"
#include "round.h"
#include "session.h"

typedef struct fl_recorder fl_recorder;
typedef struct fl_round_recorder fl_round_recorder; /* a stress round's (below) */

typedef struct {
    const char *db_path;       /* NULL: the default store (fl_store_default_path) */
    const char *scenario_path; /* the file played: its bytes give the content hash */
    const char *trainee;       /* NULL or "": the login name */
    const char *group;         /* NULL: "" (no group) */
    const char *workshop;      /* the workshop file's id, NULL: "" (none) */
    const char *day_session;   /* the workshop's session of the day, NULL: "" (none) */
    const char *mode;          /* practice | assessment */
    const char *player;        /* desktop | text | script */
    double time_factor;        /* 1, 1.5, 2; ignored when the session is untimed */
    const char *lang;          /* language of the notices: "en" or "ru" */
    /* A call of a stress round: the round's recorder (which must outlive this one) and the
     * call's number, 1-based in order of arrival. NULL: a single conversation. */
    fl_round_recorder *round;
    uint32_t round_call;
} fl_recorder_opts;

/* Starts recording the session (no reply yet). Returns NULL only when out of memory; a store
 * problem is not a failure: see fl_recorder_notice(). */
fl_recorder *fl_recorder_open(const fl_session *ss, const fl_recorder_opts *o);

/* Writes what changed since the last call, in one transaction: new turns, a take-back, and the
 * voice figures a reply got since (fl_session_voice: the desktop measures a reply read aloud
 * after it was chosen, so after it was written; call this again then). Returns 0 when it is in
 * the store, 1 when it went to the fallback file, -1 when even that failed (see
 * fl_recorder_notice()). */
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

/* ---- stress rounds ------------------------------------------------------------------------- */

/*
 * A stress round is recorded by a round recorder and one session recorder per call:
 *
 *     fl_round_recorder *rr = fl_round_recorder_open(&opts);       at the round's start
 *     fl_round_baseline base;
 *     fl_round_recorder_baseline(rr, &base);                       for fl_round_figures_get
 *     ... for each call, when it arrives:
 *     fl_recorder *rc = fl_round_recorder_call(rr, session, number, scenario_path);
 *     ... fl_recorder_update(rc, session) after every act on it, fl_recorder_close(rc, session)
 *     ... when it ends (or when the round ends with it live), fl_recorder_free(rc)
 *     fl_round_recorder_timeline(rr, events, n);                   fl_round_timeline
 *     fl_round_recorder_close(rr, &figures);                       fl_round_figures_get
 *     fl_round_recorder_free(rr);
 *
 * Each is written as it goes, so a crash leaves a round that was never closed (and its calls
 * unfinished), and each keeps the "never lose anything" rule on its own: when the store fails
 * the round goes to a fallback file (frontline-round-<id>.json, beside the sessions' files),
 * with a notice once; `frontline import` reads both kinds of file, in any order.
 */
typedef struct {
    const char *db_path;    /* NULL: the default store */
    const char *round_path; /* the round file played: its bytes give the content hash */
    const char *trainee;    /* NULL or "": the login name */
    const char *group;      /* NULL: "" (no group) */
    const char *workshop;   /* the workshop file's id, NULL: "" (none) */
    const char *day_session; /* the workshop's session of the day, NULL: "" (none) */
    const char *mode;       /* practice | assessment (calls can be taken back in practice) */
    const char *player;     /* desktop | text | script */
    double time_factor;     /* the extension: 1, 1.5, 2 (fl_round_opts.time_pct / 100); 0: the
                               round is untimed (time_pct 0) */
    const char *lang;       /* language of the notices: "en" or "ru" */
    /* The round file (its id, version, title, language, at_once and customers): def, or when
     * def is NULL the fields after it. seed: the seed the round was drawn with (fl_round_seed). */
    const fl_round_def *def;
    const char *def_id;
    uint32_t version;
    const char *title;
    const char *def_lang;
    uint64_t seed;
    uint32_t at_once, customers;
} fl_round_recorder_opts;

/* Starts recording the round (written at once, not yet closed). Returns NULL only when out of
 * memory; a store problem is not a failure: see fl_round_recorder_notice(). The options'
 * strings need only live during the call. */
fl_round_recorder *fl_round_recorder_open(const fl_round_recorder_opts *o);

/* The trainee's composure baseline (fl_store_baseline) from the store the round is recorded
 * in: 0 with out->sessions == 0 when there is none yet, -1 (out->sessions 0) when the store
 * cannot be read. The composure written at close is taken to be against this baseline. */
int fl_round_recorder_baseline(fl_round_recorder *rr, fl_round_baseline *out);

/* Opens the session recorder of call number `call` (fl_recorder_open, with the round's store,
 * trainee, group, mode, player, extension and language, linked to the round). scenario_path is
 * the file the call's scenario was loaded from (for its content hash). Free it with
 * fl_recorder_free. NULL only when out of memory. */
fl_recorder *fl_round_recorder_call(fl_round_recorder *rr, const fl_session *ss, uint32_t call,
                                    const char *scenario_path);

/* Keeps the round's timeline (fl_round_timeline) to be written at close. 0, -1 out of memory. */
int fl_round_recorder_timeline(fl_round_recorder *rr, const fl_round_event *ev, size_t n);

/* Writes the end: the figures (fl_round_figures_get), the time it ended, and whether every
 * customer came and every call ended (not left early). Returns 0 when it is in the store, 1
 * when it went to the fallback file, -1 when even that failed (see the notice). */
int fl_round_recorder_close(fl_round_recorder *rr, const fl_round_figures *fig);

/* As fl_recorder_notice, for the round. */
const char *fl_round_recorder_notice(fl_round_recorder *rr);
/* The round's id and xAPI registration (UUIDs). */
const char *fl_round_recorder_id(const fl_round_recorder *rr);
const char *fl_round_recorder_registration(const fl_round_recorder *rr);
/* The fallback file in use, or NULL while the store works. */
const char *fl_round_recorder_fallback(const fl_round_recorder *rr);

void fl_round_recorder_free(fl_round_recorder *rr);

#endif
