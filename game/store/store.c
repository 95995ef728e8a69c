/*
 * store.c - the results store in SQLite; see store.h and docs/results.md.
 *
 * Order of opening matters for "never modified": the file is opened, then read (application id,
 * schema version, tables) and refused if it is not a Frontline store of a schema this program
 * knows; only then is anything written (WAL mode, migrations). Every write is one BEGIN
 * IMMEDIATE transaction: the write lock is taken at the start, so two writers queue on the busy
 * timeout instead of failing half-way with SQLITE_BUSY.
 */
#include "alloc.h"
#include "arena.h"
#include "catalogue.h"
#include "diag.h"
#include "hmap.h"
#include "readfile.h"
#include "store.h"
#include "utf8.h"
#include "vec.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <sqlite3.h>

/* ---- schema ----------------------------------------------------------------------------- */

/* migrations[v] takes a file from schema v to v + 1. Never edit a released one: add another. */
static const char *const migrations[FL_STORE_SCHEMA] = {
    /* 0 -> 1: the first schema */
    "CREATE TABLE groups (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  name TEXT NOT NULL UNIQUE);\n"
    "CREATE TABLE trainees (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  name TEXT NOT NULL,\n"
    "  group_id INTEGER REFERENCES groups(id));\n"
    "CREATE UNIQUE INDEX trainees_name ON trainees(name, ifnull(group_id, 0));\n"
    "CREATE TABLE sessions (\n"
    "  id TEXT PRIMARY KEY,\n"
    "  xapi_id TEXT NOT NULL UNIQUE,\n"
    "  trainee_id INTEGER NOT NULL REFERENCES trainees(id),\n"
    "  scenario_id TEXT NOT NULL, scenario_version INTEGER NOT NULL,\n"
    "  scenario_title TEXT, scenario_lang TEXT, content_hash TEXT,\n"
    "  mode TEXT NOT NULL CHECK (mode IN ('practice', 'assessment')),\n"
    "  player TEXT NOT NULL, seed INTEGER NOT NULL DEFAULT 0,\n"
    "  started INTEGER NOT NULL, ended INTEGER,\n"
    "  timed INTEGER NOT NULL, time_factor REAL NOT NULL DEFAULT 1,\n"
    "  finished INTEGER NOT NULL DEFAULT 0,\n"
    "  outcome TEXT, overall INTEGER, band TEXT, passed INTEGER,\n"
    "  empathy INTEGER, apology INTEGER, ownership INTEGER, tone INTEGER, upsell INTEGER,\n"
    "  resolution INTEGER, responsiveness INTEGER,\n"
    "  csat INTEGER, ces INTEGER, nps INTEGER,\n"
    "  program_version TEXT NOT NULL,\n"
    "  replies INTEGER NOT NULL DEFAULT 0, findings INTEGER NOT NULL DEFAULT 0);\n"
    "CREATE INDEX sessions_started ON sessions(started, id);\n"
    "CREATE INDEX sessions_trainee ON sessions(trainee_id);\n"
    "CREATE TABLE turns (\n"
    "  session_id TEXT NOT NULL REFERENCES sessions(id), seq INTEGER NOT NULL,\n"
    "  turn INTEGER NOT NULL, speaker TEXT NOT NULL CHECK (speaker IN ('customer', 'trainee')),\n"
    "  node TEXT NOT NULL, text TEXT, kind TEXT, reply_id TEXT, emotion TEXT,\n"
    "  typed INTEGER NOT NULL DEFAULT 0, signals TEXT, detected TEXT, took_ms INTEGER,\n"
    "  mood INTEGER, patience INTEGER, trust INTEGER, goodwill INTEGER, elapsed_ms INTEGER,\n"
    "  at INTEGER, taken_back INTEGER NOT NULL DEFAULT 0, xapi_id TEXT UNIQUE,\n"
    "  PRIMARY KEY (session_id, seq)) WITHOUT ROWID;\n"
    "CREATE TABLE findings (\n"
    "  session_id TEXT NOT NULL REFERENCES sessions(id), seq INTEGER NOT NULL,\n"
    "  turn INTEGER NOT NULL, dimension TEXT, points INTEGER NOT NULL, severity TEXT NOT NULL,\n"
    "  rule TEXT NOT NULL, message TEXT NOT NULL, better TEXT, reply_id TEXT,\n"
    "  PRIMARY KEY (session_id, seq)) WITHOUT ROWID;\n",
    /* 1 -> 2: critical mistakes and evidence (scoring.md). raw is the weighted mean before a
     * critical mistake capped it; critical counts the critical mistakes and critical_items names
     * them; attempted is 0 for a session quit before any turn (no result at all). Sessions
     * scored before this had no critical mistakes to record (NULL: unknown), their overall was
     * the weighted mean itself, and a session with a reply that stands was an attempt. */
    "ALTER TABLE sessions ADD COLUMN raw INTEGER;\n"
    "ALTER TABLE sessions ADD COLUMN critical INTEGER;\n"
    "ALTER TABLE sessions ADD COLUMN critical_items TEXT;\n"
    "ALTER TABLE sessions ADD COLUMN attempted INTEGER;\n"
    "ALTER TABLE findings ADD COLUMN critical INTEGER NOT NULL DEFAULT 0;\n"
    "ALTER TABLE findings ADD COLUMN note TEXT;\n"
    "ALTER TABLE turns ADD COLUMN triggers TEXT;\n"
    "UPDATE sessions SET raw = overall, attempted = replies > 0;\n",
    /* 2 -> 3: stress rounds (scoring.md "Stress rounds"). A round is written when it starts and
     * again when it ends, with the figures of fl_round_figures (NULL until then; the baseline's
     * composure NULL when the trainee had none). Its calls are sessions that name it, with
     * their number and the round's xAPI registration. sessions.round is no foreign key on
     * purpose: a call's fallback file and its round's may be imported in either order. Sessions
     * written before this were all single conversations (round NULL). sessions_calm makes the
     * composure baseline (calm play: untimed, single, scored) an index range per trainee.
     * Rounds are few (one per round played, read all at once), so they need no index but their
     * key: every page counts on a small or nearly full disk (the registration and statement ids
     * are random UUIDs, unique without an index to enforce it). */
    "CREATE TABLE rounds (\n"
    "  id TEXT PRIMARY KEY,\n"
    "  registration TEXT NOT NULL,\n"
    "  xapi_attempted TEXT NOT NULL, xapi_result TEXT NOT NULL,\n"
    "  trainee_id INTEGER NOT NULL REFERENCES trainees(id),\n"
    "  def_id TEXT NOT NULL, def_version INTEGER NOT NULL, title TEXT, lang TEXT,\n"
    "  content_hash TEXT, seed INTEGER NOT NULL DEFAULT 0,\n"
    "  mode TEXT NOT NULL CHECK (mode IN ('practice', 'assessment')),\n"
    "  player TEXT NOT NULL,\n"
    "  timed INTEGER NOT NULL, time_factor REAL NOT NULL DEFAULT 1,\n"
    "  at_once INTEGER NOT NULL, customers INTEGER NOT NULL,\n"
    "  started INTEGER NOT NULL, ended INTEGER, finished INTEGER NOT NULL DEFAULT 0,\n"
    "  arrived INTEGER, resolved INTEGER, lost INTEGER, other INTEGER, unfinished INTEGER,\n"
    "  duration_ms INTEGER, per_minute REAL, mean_reply_ms INTEGER, canned_share REAL,\n"
    "  by_load TEXT, responsiveness INTEGER, mean_score INTEGER, tone INTEGER, empathy INTEGER,\n"
    "  composure INTEGER, composure_tone INTEGER, composure_empathy INTEGER,\n"
    "  baseline_sessions INTEGER, passed INTEGER, timeline TEXT,\n"
    "  program_version TEXT NOT NULL);\n"
    "ALTER TABLE sessions ADD COLUMN round TEXT;\n"
    "ALTER TABLE sessions ADD COLUMN call INTEGER;\n"
    "ALTER TABLE sessions ADD COLUMN registration TEXT;\n"
    "CREATE INDEX sessions_round ON sessions(round) WHERE round IS NOT NULL;\n"
    "CREATE INDEX sessions_calm ON sessions(trainee_id, tone, empathy)\n"
    "  WHERE round IS NULL AND timed = 0 AND finished = 1 AND attempted = 1;\n",
    /* 3 -> 4: the voice (voice.h). A reply read aloud keeps the tone meter's figures and the
     * flags they earned then; NULL when it was not read aloud, as every reply before this was.
     * The desktop measures a reading after the reply was chosen (and written), so these are
     * also set on rows already there. turns_voice holds only the replies read aloud, with
     * what the readers' summary per session needs (so they never visit the rows): that
     * summary and "is there any voice at all" cost nothing in a store without any. */
    "ALTER TABLE turns ADD COLUMN voice_rms_dbfs REAL;\n"
    "ALTER TABLE turns ADD COLUMN voice_peak_dbfs REAL;\n"
    "ALTER TABLE turns ADD COLUMN voice_syllables_per_s REAL;\n"
    "ALTER TABLE turns ADD COLUMN voice_syllables INTEGER;\n"
    "ALTER TABLE turns ADD COLUMN voice_speech_s REAL;\n"
    "ALTER TABLE turns ADD COLUMN voice_pause_s REAL;\n"
    "ALTER TABLE turns ADD COLUMN voice_pauses INTEGER;\n"
    "ALTER TABLE turns ADD COLUMN voice_flags INTEGER;\n"
    "CREATE INDEX turns_voice ON turns(session_id, speaker, taken_back, voice_flags,\n"
    "  voice_rms_dbfs, voice_syllables_per_s) WHERE voice_rms_dbfs IS NOT NULL;\n",
    /* 4 -> 5: the workshop day (game/core/workshop.h). Every session and round keeps the
     * workshop file's id and the session of the day it was played in; '' when none, as for
     * everything played before (never NULL: a filter, a comparison and an export then need no
     * second case). No index: a workshop's sessions are found with the others by start time,
     * and a filter on them is a scan of rows already read. */
    "ALTER TABLE sessions ADD COLUMN workshop TEXT NOT NULL DEFAULT '';\n"
    "ALTER TABLE sessions ADD COLUMN day_session TEXT NOT NULL DEFAULT '';\n"
    "ALTER TABLE rounds ADD COLUMN workshop TEXT NOT NULL DEFAULT '';\n"
    "ALTER TABLE rounds ADD COLUMN day_session TEXT NOT NULL DEFAULT '';\n",
};

/*
 * What the readers select for the columns later schemas added, by the schema of the file
 * (readers never migrate, so a report reads an older store as it is): for an older file, what
 * the migration would have put there. [0] is unused (a readonly open refuses schema 0).
 */
static const char *const session_added[FL_STORE_SCHEMA + 1] = {
    NULL,
    "s.overall, NULL, NULL, s.replies > 0, NULL, NULL, NULL, NULL, NULL, '', ''",
    /* attempted is written at the end; until then a session is an attempt once a reply stands */
    "s.raw, s.critical, s.critical_items, ifnull(s.attempted, s.replies > 0), NULL, NULL, NULL, "
    "NULL, NULL, '', ''",
    /* the round's id and title come from its row, when the store has it (sessions_from) */
    "s.raw, s.critical, s.critical_items, ifnull(s.attempted, s.replies > 0), s.round, s.call, "
    "s.registration, rr.def_id, rr.title, '', ''",
    "s.raw, s.critical, s.critical_items, ifnull(s.attempted, s.replies > 0), s.round, s.call, "
    "s.registration, rr.def_id, rr.title, '', ''",
    "s.raw, s.critical, s.critical_items, ifnull(s.attempted, s.replies > 0), s.round, s.call, "
    "s.registration, rr.def_id, rr.title, s.workshop, s.day_session",
};
/* The voice figures of a turn (schema 4); NULL (not read aloud) before. */
#define NO_VOICE "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
#define TURN_VOICE                                                                                 \
    "voice_rms_dbfs, voice_peak_dbfs, voice_syllables_per_s, voice_syllables, voice_speech_s, "    \
    "voice_pause_s, voice_pauses, voice_flags"
static const char *const turn_added[FL_STORE_SCHEMA + 1] = {NULL,
                                                            "NULL, " NO_VOICE,
                                                            "triggers, " NO_VOICE,
                                                            "triggers, " NO_VOICE,
                                                            "triggers, " TURN_VOICE,
                                                            "triggers, " TURN_VOICE};
static const char *const finding_added[FL_STORE_SCHEMA + 1] = {
    NULL, "0, NULL", "critical, note", "critical, note", "critical, note", "critical, note"};
/* A session's replies read aloud, summed up (fl_record_voice: the replies that stand, the means
 * over those heard): the columns read_session() reads after session_added, from the join below
 * when the store has any voice at all, else none. */
static const char session_voice[] =
    ", ifnull(v.n, 0), ifnull(v.heard, 0), v.rms, v.sps, ifnull(v.loud, 0), ifnull(v.fast, 0), "
    "ifnull(v.silent, 0)";
static const char session_no_voice[] = ", 0, 0, NULL, NULL, 0, 0, 0";
static const char voice_join[] =
    " LEFT JOIN (SELECT session_id AS sid, count(*) AS n, sum(voice_flags & 4 = 0) AS heard, "
    "avg(CASE WHEN voice_flags & 4 = 0 THEN voice_rms_dbfs END) AS rms, "
    "avg(CASE WHEN voice_flags & 4 = 0 THEN voice_syllables_per_s END) AS sps, "
    "sum(voice_flags & 1 != 0) AS loud, sum(voice_flags & 2 != 0) AS fast, "
    "sum(voice_flags & 4 != 0) AS silent FROM turns WHERE voice_rms_dbfs IS NOT NULL AND "
    "speaker = 'trainee' AND taken_back = 0 GROUP BY session_id) v ON v.sid = s.id";
/* Calm play, the composure baseline's sessions (the terms of the index sessions_calm, so that
 * SQLite uses it): before schema 3 every session was a single conversation, and before schema 2
 * an attempt was a session with a reply that stands. */
static const char *const calm_where[FL_STORE_SCHEMA + 1] = {
    NULL,
    "s.timed = 0 AND s.finished = 1 AND s.replies > 0",
    "s.timed = 0 AND s.finished = 1 AND s.attempted = 1",
    "s.round IS NULL AND s.timed = 0 AND s.finished = 1 AND s.attempted = 1",
    "s.round IS NULL AND s.timed = 0 AND s.finished = 1 AND s.attempted = 1",
    "s.round IS NULL AND s.timed = 0 AND s.finished = 1 AND s.attempted = 1",
};

/* The dimension columns, in fl_dimension order (checked against the core's names at open). */
static const char *const dim_columns[FL_DIM_COUNT] = {
    "empathy", "apology", "ownership", "tone", "upsell", "resolution", "responsiveness",
};

/* ---- the handle ------------------------------------------------------------------------- */

enum {
    Q_GROUP_FIND,
    Q_GROUP_ADD,
    Q_TRAINEE_FIND,
    Q_TRAINEE_ADD,
    Q_SESSION_ADD,
    Q_SESSION_REPLIES,
    Q_SESSION_END,
    Q_SESSION_STATE,
    Q_SESSION_DELETE,
    Q_TURN_ADD,
    Q_TURN_VOICE,
    Q_TURN_TAKE_BACK,
    Q_TURNS_DELETE,
    Q_FINDING_ADD,
    Q_FINDINGS_DELETE,
    Q_ROUND_ADD,
    Q_ROUND_END,
    Q_ROUND_STATE,
    Q_ROUND_DELETE,
    Q_TURNS_OF, /* the readers from here on: their text depends on the file's schema */
    Q_FINDINGS_OF,
    Q_COUNT
};
#define Q_FIRST_READ Q_TURNS_OF

static const char *const queries[Q_COUNT] = {
    [Q_GROUP_FIND] = "SELECT id FROM groups WHERE name = ?1",
    [Q_GROUP_ADD] = "INSERT INTO groups (name) VALUES (?1)",
    [Q_TRAINEE_FIND] = "SELECT id FROM trainees WHERE name = ?1 AND group_id IS ?2",
    [Q_TRAINEE_ADD] = "INSERT INTO trainees (name, group_id) VALUES (?1, ?2)",
    [Q_SESSION_ADD] = "INSERT INTO sessions (id, xapi_id, trainee_id, scenario_id, "
                      "scenario_version, scenario_title, scenario_lang, content_hash, mode, "
                      "player, seed, started, timed, time_factor, program_version, round, call, "
                      "registration, workshop, day_session) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                      "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
    [Q_SESSION_REPLIES] = "UPDATE sessions SET replies = ?2 WHERE id = ?1",
    [Q_SESSION_END] = "UPDATE sessions SET finished = ?2, ended = ?3, outcome = ?4, overall = ?5, "
                      "band = ?6, passed = ?7, empathy = ?8, apology = ?9, ownership = ?10, "
                      "tone = ?11, upsell = ?12, resolution = ?13, responsiveness = ?14, "
                      "csat = ?15, ces = ?16, nps = ?17, replies = ?18, findings = ?19, "
                      "raw = ?20, critical = ?21, critical_items = ?22, attempted = ?23 "
                      "WHERE id = ?1",
    [Q_SESSION_STATE] = "SELECT finished, (SELECT count(*) FROM turns WHERE session_id = ?1) "
                        "FROM sessions WHERE id = ?1",
    [Q_SESSION_DELETE] = "DELETE FROM sessions WHERE id = ?1",
    [Q_TURN_ADD] = "INSERT INTO turns (session_id, seq, turn, speaker, node, text, kind, "
                   "reply_id, emotion, typed, signals, detected, took_ms, mood, patience, trust, "
                   "goodwill, elapsed_ms, at, taken_back, xapi_id, triggers, " TURN_VOICE
                   ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                   "?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30)",
    [Q_TURN_VOICE] = "UPDATE turns SET voice_rms_dbfs = ?3, voice_peak_dbfs = ?4, "
                     "voice_syllables_per_s = ?5, voice_syllables = ?6, voice_speech_s = ?7, "
                     "voice_pause_s = ?8, voice_pauses = ?9, voice_flags = ?10 "
                     "WHERE session_id = ?1 AND seq = ?2 AND speaker = 'trainee'",
    [Q_TURN_TAKE_BACK] = "UPDATE turns SET taken_back = 1 WHERE session_id = ?1 AND turn >= ?2",
    [Q_TURNS_DELETE] = "DELETE FROM turns WHERE session_id = ?1",
    [Q_FINDING_ADD] = "INSERT INTO findings (session_id, seq, turn, dimension, points, severity, "
                      "rule, message, better, reply_id, critical, note) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    [Q_FINDINGS_DELETE] = "DELETE FROM findings WHERE session_id = ?1",
    [Q_ROUND_ADD] =
        "INSERT INTO rounds (id, registration, xapi_attempted, xapi_result, trainee_id, "
        "def_id, def_version, title, lang, content_hash, seed, mode, player, timed, "
        "time_factor, at_once, customers, started, program_version, workshop, day_session) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
        "?18, ?19, ?20, ?21)",
    [Q_ROUND_END] = "UPDATE rounds SET ended = ?2, finished = ?3, arrived = ?4, resolved = ?5, "
                    "lost = ?6, other = ?7, unfinished = ?8, duration_ms = ?9, per_minute = ?10, "
                    "mean_reply_ms = ?11, canned_share = ?12, by_load = ?13, responsiveness = ?14, "
                    "mean_score = ?15, tone = ?16, empathy = ?17, composure = ?18, "
                    "composure_tone = ?19, composure_empathy = ?20, baseline_sessions = ?21, "
                    "passed = ?22, timeline = ?23 WHERE id = ?1",
    [Q_ROUND_STATE] = "SELECT ifnull(ended, 0) FROM rounds WHERE id = ?1",
    [Q_ROUND_DELETE] = "DELETE FROM rounds WHERE id = ?1",
    /* the readers: %s is turn_added / finding_added of the file's schema */
    [Q_TURNS_OF] = "SELECT seq, turn, speaker, node, text, kind, reply_id, emotion, typed, "
                   "signals, detected, took_ms, mood, patience, trust, goodwill, elapsed_ms, at, "
                   "taken_back, xapi_id, %s FROM turns WHERE session_id = ?1 ORDER BY seq",
    [Q_FINDINGS_OF] = "SELECT turn, dimension, points, severity, rule, message, better, reply_id, "
                      "%s FROM findings WHERE session_id = ?1 ORDER BY seq",
};

struct fl_store {
    sqlite3 *db;
    char *path;
    int readonly;
    int schema;
    int batch; /* inside fl_store_begin_batch */
    sqlite3_stmt *q[Q_COUNT];
    /* reused by the readers */
    fl_record_turn *turns;
    size_t turns_cap;
    fl_record_finding *findings;
    size_t findings_cap;
    char *text; /* the turns' and findings' strings of the session being read */
    size_t text_len, text_cap;
    /* Texts of the record being read that were not valid UTF-8, repaired (mend): freed when
     * the reader is done with the record (release_fixes). */
    char **fixes;
    size_t n_fixes, fixes_cap;
    size_t repaired; /* texts repaired since the store was opened (fl_store_repaired) */
};

static void release_fixes(fl_store *st);

/* Whether the file (or, when it does not exist, its folder) cannot be written: a read-only
 * disk or mount, or permissions. SQLite reports these as "unable to open database file" when
 * it had to create the file or its -wal/-shm beside it. */
static int place_readonly(const char *path)
{
    struct statvfs vfs;
    char *dir = fl_strdup(path);
    if (!dir)
        return 0;
    char *slash = strrchr(dir, '/');
    if (slash == dir)
        dir[1] = '\0';
    else if (slash)
        *slash = '\0';
    else
        strcpy(dir, ".");
    int ro = (statvfs(dir, &vfs) == 0 && (vfs.f_flag & ST_RDONLY)) ||
             (access(dir, W_OK) < 0 && (errno == EACCES || errno == EROFS)) ||
             (access(path, F_OK) == 0 && access(path, W_OK) < 0);
    free(dir);
    return ro;
}

/* Maps an SQLite failure to a status and writes "PATH: what (sqlite's words)" into err. */
static fl_store_status fail(fl_store *st, int rc, char *err, size_t errlen, const char *doing)
{
    int sys = st->db ? sqlite3_system_errno(st->db) : 0;
    int base = rc & 0xff;
    fl_store_status s;
    const char *what;
    if (base == SQLITE_FULL || sys == ENOSPC || sys == EDQUOT) {
        s = FL_STORE_ERR_FULL;
        what = "the disk is full";
    } else if (base == SQLITE_READONLY || sys == EROFS || sys == EACCES || sys == EPERM ||
               ((base == SQLITE_CANTOPEN || base == SQLITE_IOERR) && !st->readonly &&
                place_readonly(st->path))) {
        s = FL_STORE_ERR_READONLY;
        what = "this place cannot be written (read-only file, folder or disk)";
    } else if (base == SQLITE_NOTADB || base == SQLITE_CORRUPT) {
        s = FL_STORE_ERR_NOTOURS;
        what = "not a Frontline results file, or it is damaged; it was left untouched";
    } else if (base == SQLITE_BUSY || base == SQLITE_LOCKED) {
        s = FL_STORE_ERR_BUSY;
        what = "another program kept the file locked too long";
    } else if (base == SQLITE_NOMEM) {
        s = FL_STORE_ERR_NOMEM;
        what = "out of memory";
    } else if (base == SQLITE_CANTOPEN) {
        s = FL_STORE_ERR_OPEN;
        what = "cannot open the file";
    } else {
        s = FL_STORE_ERR_IO;
        what = "cannot";
    }
    const char *msg = st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc);
    if (s == FL_STORE_ERR_IO)
        snprintf(err, errlen, "%s: cannot %s (%s)", st->path, doing, msg);
    else
        snprintf(err, errlen, "%s: %s (%s while trying to %s)", st->path, what, msg, doing);
    return s;
}

int fl_store_default_path(char *buf, size_t n)
{
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    int len;
    if (xdg && xdg[0] == '/')
        len = snprintf(buf, n, "%s/frontline/results.sqlite", xdg);
    else if (home && home[0])
        len = snprintf(buf, n, "%s/.local/share/frontline/results.sqlite", home);
    else
        return -1;
    return len > 0 && (size_t)len < n ? 0 : -1;
}

/* mkdir -p of the folder that holds path. */
static int make_parents(const char *path)
{
    char *d = fl_strdup(path);
    if (!d)
        return -1;
    for (char *p = d + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(d, 0700) < 0 && errno != EEXIST) {
            free(d);
            return -1;
        }
        *p = '/';
    }
    free(d);
    return 0;
}

static int exec(fl_store *st, const char *sql)
{
    return sqlite3_exec(st->db, sql, NULL, NULL, NULL);
}

/* Reads the file's identity: fills *schema; returns SQLITE_OK or the failure. A file with
 * tables but not our application id is reported through *foreign. One statement, so one
 * snapshot: another process creating the tables at the same moment is seen either wholly or
 * not at all (three separate reads could see its tables but not yet its application id). */
static int identify(fl_store *st, int *schema, int *foreign)
{
    sqlite3_stmt *q;
    int rc = sqlite3_prepare_v2(st->db,
                                "SELECT (SELECT application_id FROM pragma_application_id()), "
                                "(SELECT user_version FROM pragma_user_version()), "
                                "(SELECT count(*) FROM sqlite_master)",
                                -1, &q, NULL);
    if (rc != SQLITE_OK)
        return rc;
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        int app = sqlite3_column_int(q, 0), tables = sqlite3_column_int(q, 2);
        *schema = sqlite3_column_int(q, 1);
        *foreign = (app != 0 && app != FL_STORE_APP_ID) || (app == 0 && tables > 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(q);
    return rc;
}

/* Switches the file to WAL unless it is already. Changing the journal mode needs the file to
 * itself, and SQLite answers SQLITE_BUSY at once, without its busy handler, while another
 * process is opening the same new file: so wait and retry here, up to the busy timeout. */
static int set_wal(fl_store *st)
{
    int rc = SQLITE_BUSY;
    for (int waited = 0; waited <= FL_STORE_BUSY_MS; waited += 5) {
        sqlite3_stmt *q;
        rc = sqlite3_prepare_v2(st->db, "PRAGMA journal_mode = WAL", -1, &q, NULL);
        if (rc != SQLITE_OK)
            return rc;
        rc = sqlite3_step(q);
        const char *mode = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(q, 0) : NULL;
        int wal = mode && strcmp(mode, "wal") == 0;
        sqlite3_finalize(q);
        if (wal)
            return SQLITE_OK;
        if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED && rc != SQLITE_ROW)
            return rc;
        sqlite3_sleep(5);
    }
    return rc == SQLITE_ROW ? SQLITE_BUSY : rc;
}

static fl_store_status migrate(fl_store *st, char *err, size_t errlen)
{
    int rc = exec(st, "BEGIN IMMEDIATE");
    if (rc != SQLITE_OK)
        return fail(st, rc, err, errlen, "start the first write");
    /* Another process may have migrated while we waited for the lock: look again. */
    int schema = 0, foreign = 0;
    rc = identify(st, &schema, &foreign);
    for (int v = schema; rc == SQLITE_OK && v < FL_STORE_SCHEMA; v++)
        rc = exec(st, migrations[v]);
    if (rc == SQLITE_OK && schema < FL_STORE_SCHEMA) {
        char sql[96];
        snprintf(sql, sizeof(sql), "PRAGMA application_id = %d; PRAGMA user_version = %d",
                 FL_STORE_APP_ID, FL_STORE_SCHEMA);
        rc = exec(st, sql);
    }
    if (rc == SQLITE_OK)
        rc = exec(st, "COMMIT");
    if (rc != SQLITE_OK) {
        fl_store_status s = fail(st, rc, err, errlen, "create or update the tables");
        exec(st, "ROLLBACK");
        return s;
    }
    st->schema = FL_STORE_SCHEMA;
    /* A new or upgraded schema is many pages at once: move them into the file now, so that the
     * log does not carry them on through the whole session that follows (on a small or nearly
     * full disk, the file and its log must fit together). Best effort: another process reading
     * the file only makes it wait for a later checkpoint. */
    sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
    return FL_STORE_OK;
}

/* "file:PATH?immutable=1", with the characters a URI gives meaning to escaped. */
static char *immutable_uri(const char *path)
{
    size_t n = strlen(path);
    char *u = fl_malloc(3 * n + 32);
    if (!u)
        return NULL;
    char *o = u + sprintf(u, "file:");
    for (const char *p = path; *p; p++) {
        if (*p == '%' || *p == '?' || *p == '#')
            o += sprintf(o, "%%%02X", (unsigned char)*p);
        else
            *o++ = *p;
    }
    strcpy(o, "?immutable=1");
    return u;
}

/*
 * Refuses, at once and before SQLite is given the name, what cannot be a results store: an empty
 * name, ":memory:" (SQLite's in-memory database: nothing would be kept, and a second connection
 * waited 15 s on a lock to fail), a "file:" URI, and anything that is not a regular file: a
 * FIFO (opening it blocked forever), a device (/dev/null: as root SQLite made
 * /dev/null-journal beside it), a socket, a folder. A missing file is fine for a writer, which
 * creates it. Checked with stat() only (readfile.h), which never blocks. Messages in the
 * language of the diagnostics (the user's). Returns FL_STORE_OK or FL_STORE_ERR_OPEN.
 */
static fl_store_status check_path(const char *path, int readonly, char *err, size_t errlen)
{
    int lang = fl_diags_lang();
    if (!path[0]) {
        snprintf(err, errlen, "%s", fl_word(FL_W_OUT_DB_EMPTY, lang));
        return FL_STORE_ERR_OPEN;
    }
    if (!strncmp(path, ":memory:", 8)) {
        snprintf(err, errlen, fl_word(FL_W_OUT_DB_MEMORY, lang), path);
        return FL_STORE_ERR_OPEN;
    }
    if (!strncmp(path, "file:", 5)) {
        snprintf(err, errlen, fl_word(FL_W_OUT_DB_URI, lang), path);
        return FL_STORE_ERR_OPEN;
    }
    int e = 0;
    fl_file_status k = fl_file_kind(path, &e);
    if (k == FL_FILE_OK || (k == FL_FILE_ERRNO && (e == ENOENT || !readonly)))
        return FL_STORE_OK; /* a file, or one to create, or a failure SQLite will name */
    char why[256];
    fl_file_why(k, e, lang, why, sizeof(why));
    if (k == FL_FILE_ERRNO)
        snprintf(err, errlen, "%s: %s", path, why);
    else
        snprintf(err, errlen, fl_word(FL_W_OUT_DB_NOT_FILE, lang), path, why);
    return FL_STORE_ERR_OPEN;
}

fl_store_status fl_store_open(fl_store **out, const char *path, int readonly, char *err,
                              size_t errlen)
{
    *out = NULL;
    fl_store *st = fl_calloc(1, sizeof(*st));
    if (!st || !(st->path = fl_strdup(path))) {
        free(st);
        snprintf(err, errlen, "%s: out of memory", path);
        return FL_STORE_ERR_NOMEM;
    }
    st->readonly = readonly;
    for (int d = 0; d < FL_DIM_COUNT; d++)
        if (strcmp(dim_columns[d], fl_dimension_name((fl_dimension)d)) != 0)
            abort(); /* the schema and the core disagree: a programming error */

    struct stat sb;
    fl_store_status s = check_path(path, readonly, err, errlen);
    if (s != FL_STORE_OK) {
        /* refused before SQLite sees it: nothing opened, nothing made beside it */
    } else if (readonly && stat(path, &sb) < 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        s = FL_STORE_ERR_OPEN;
    } else if (!readonly && stat(path, &sb) < 0) {
        char def[4096];
        /* The default place is ours to create; a folder the user named must exist. */
        if (fl_store_default_path(def, sizeof(def)) == 0 && strcmp(def, path) == 0 &&
            make_parents(path) < 0) {
            snprintf(err, errlen, "%s: cannot create its folder: %s", path, strerror(errno));
            s = errno == EROFS || errno == EACCES ? FL_STORE_ERR_READONLY
                : errno == ENOSPC                 ? FL_STORE_ERR_FULL
                                                  : FL_STORE_ERR_OPEN;
        }
    }
    if (s != FL_STORE_OK) {
        fl_store_close(st);
        return s;
    }

    int flags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    int rc = sqlite3_open_v2(path, &st->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        s = fail(st, rc, err, errlen, "open it");
        if (s == FL_STORE_ERR_IO)
            s = FL_STORE_ERR_OPEN;
        fl_store_close(st);
        return s;
    }
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, FL_STORE_BUSY_MS);

    int schema = 0, foreign = 0;
    rc = identify(st, &schema, &foreign);
    if (readonly && (rc & 0xff) == SQLITE_CANTOPEN && place_readonly(path)) {
        /* A WAL store on a read-only disk (a USB stick, a read-only mount): SQLite cannot make
         * its -shm file there. Nothing can change such a file, so read it as immutable. */
        char *uri = immutable_uri(path);
        sqlite3_close(st->db);
        st->db = NULL;
        rc = uri ? sqlite3_open_v2(uri, &st->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL)
                 : SQLITE_NOMEM;
        free(uri);
        if (rc == SQLITE_OK)
            rc = identify(st, &schema, &foreign);
    }
    if (rc != SQLITE_OK) {
        s = fail(st, rc, err, errlen, "read it");
    } else if (foreign) {
        snprintf(err, errlen,
                 "%s: this SQLite database belongs to another program, not Frontline; it was "
                 "left untouched",
                 path);
        s = FL_STORE_ERR_NOTOURS;
    } else if (schema > FL_STORE_SCHEMA) {
        snprintf(err, errlen,
                 "%s: written by a newer Frontline (results schema %d; this program knows up to "
                 "%d). It was left untouched: use a newer Frontline, or another file (--db)",
                 path, schema, FL_STORE_SCHEMA);
        s = FL_STORE_ERR_NEWER;
    } else if (readonly && schema == 0) {
        snprintf(err, errlen, "%s: an empty file, not a Frontline results file", path);
        s = FL_STORE_ERR_NOTOURS;
    }
    st->schema = schema;
    if (s == FL_STORE_OK && !readonly) {
        /* Only now is the file changed. */
        rc = set_wal(st);
        if (rc == SQLITE_OK)
            rc = exec(st, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON");
        if (rc != SQLITE_OK)
            s = fail(st, rc, err, errlen, "switch it to write-ahead logging");
        else if (schema < FL_STORE_SCHEMA)
            s = migrate(st, err, errlen);
    }
    /* A reader prepares only the readers: the writers name columns an older file lacks. */
    for (int i = readonly ? Q_FIRST_READ : 0; s == FL_STORE_OK && i < Q_COUNT; i++) {
        char sql[1024];
        const char *added = i == Q_TURNS_OF      ? turn_added[st->schema]
                            : i == Q_FINDINGS_OF ? finding_added[st->schema]
                                                 : NULL;
        if (added)
            snprintf(sql, sizeof(sql), queries[i], added);
        rc = sqlite3_prepare_v3(st->db, added ? sql : queries[i], -1, SQLITE_PREPARE_PERSISTENT,
                                &st->q[i], NULL);
        if (rc != SQLITE_OK)
            s = fail(st, rc, err, errlen, "prepare its queries");
    }
    if (s != FL_STORE_OK) {
        fl_store_close(st);
        return s;
    }
    *out = st;
    return FL_STORE_OK;
}

void fl_store_close(fl_store *st)
{
    if (!st)
        return;
    for (int i = 0; i < Q_COUNT; i++)
        sqlite3_finalize(st->q[i]);
    sqlite3_close(st->db);
    free(st->path);
    free(st->turns);
    free(st->findings);
    free(st->text);
    release_fixes(st);
    free(st->fixes);
    free(st);
}

size_t fl_store_repaired(const fl_store *st)
{
    return st->repaired;
}

const char *fl_store_path(const fl_store *st)
{
    return st->path;
}

int fl_store_schema(const fl_store *st)
{
    return st->schema;
}

/* ---- writing ---------------------------------------------------------------------------- */

static void bind_text(sqlite3_stmt *q, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(q, i, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(q, i);
}

/* Steps a write statement once and resets it; returns the SQLite code (SQLITE_DONE is OK). */
static int run(sqlite3_stmt *q)
{
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* The id of a group (NULL/"" gives 0: none), created when missing. Returns an SQLite code. */
static int group_id(fl_store *st, const char *name, sqlite3_int64 *id)
{
    *id = 0;
    if (!name || !name[0])
        return SQLITE_OK;
    sqlite3_stmt *q = st->q[Q_GROUP_FIND];
    bind_text(q, 1, name);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(q, 0);
    sqlite3_reset(q);
    if (rc == SQLITE_ROW)
        return SQLITE_OK;
    if (rc != SQLITE_DONE)
        return rc;
    q = st->q[Q_GROUP_ADD];
    bind_text(q, 1, name);
    rc = run(q);
    *id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

static int trainee_id(fl_store *st, const char *name, const char *group, sqlite3_int64 *id)
{
    sqlite3_int64 gid;
    int rc = group_id(st, group, &gid);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_stmt *q = st->q[Q_TRAINEE_FIND];
    bind_text(q, 1, name);
    if (gid)
        sqlite3_bind_int64(q, 2, gid);
    else
        sqlite3_bind_null(q, 2);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(q, 0);
    sqlite3_reset(q);
    if (rc == SQLITE_ROW)
        return SQLITE_OK;
    if (rc != SQLITE_DONE)
        return rc;
    q = st->q[Q_TRAINEE_ADD];
    bind_text(q, 1, name);
    if (gid)
        sqlite3_bind_int64(q, 2, gid);
    else
        sqlite3_bind_null(q, 2);
    rc = run(q);
    *id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

static int add_session(fl_store *st, const fl_record *r)
{
    sqlite3_int64 tid = 0;
    int rc = trainee_id(st, r->trainee ? r->trainee : "", r->group, &tid);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_stmt *q = st->q[Q_SESSION_ADD];
    bind_text(q, 1, r->id);
    bind_text(q, 2, r->xapi_id);
    sqlite3_bind_int64(q, 3, tid);
    bind_text(q, 4, r->scenario_id ? r->scenario_id : "");
    sqlite3_bind_int(q, 5, r->scenario_version);
    bind_text(q, 6, r->scenario_title);
    bind_text(q, 7, r->scenario_lang);
    bind_text(q, 8, r->content_hash);
    bind_text(q, 9, r->mode ? r->mode : "practice");
    bind_text(q, 10, r->player ? r->player : "");
    sqlite3_bind_int64(q, 11, (sqlite3_int64)r->seed);
    sqlite3_bind_int64(q, 12, r->started_ms);
    sqlite3_bind_int(q, 13, r->timed);
    sqlite3_bind_double(q, 14, r->time_factor > 0 ? r->time_factor : 1.0);
    bind_text(q, 15, r->program_version ? r->program_version : FL_VERSION);
    if (r->round[0]) {
        bind_text(q, 16, r->round);
        sqlite3_bind_int64(q, 17, r->call);
        bind_text(q, 18, r->registration[0] ? r->registration : r->round);
    }
    bind_text(q, 19, r->workshop ? r->workshop : "");
    bind_text(q, 20, r->day_session ? r->day_session : "");
    return run(q);
}

/* Binds a reply's voice figures to parameters at, at + 1, ... at + 7 (left NULL when it was not
 * read aloud). */
static void bind_voice(sqlite3_stmt *q, int at, const fl_record_turn *t)
{
    if (t->speaker != FL_SPEAKER_TRAINEE || !t->has_voice)
        return;
    const fl_voice_figures *f = &t->voice;
    sqlite3_bind_double(q, at, f->rms_dbfs);
    sqlite3_bind_double(q, at + 1, f->peak_dbfs);
    sqlite3_bind_double(q, at + 2, f->syllables_per_s);
    sqlite3_bind_int64(q, at + 3, f->syllables);
    sqlite3_bind_double(q, at + 4, f->speech_s);
    sqlite3_bind_double(q, at + 5, f->pause_s);
    sqlite3_bind_int64(q, at + 6, f->pauses);
    sqlite3_bind_int64(q, at + 7, t->voice_flags);
}

static int add_turns(fl_store *st, const char *sid, const fl_record_turn *turns, size_t n)
{
    sqlite3_stmt *q = st->q[Q_TURN_ADD];
    for (size_t i = 0; i < n; i++) {
        const fl_record_turn *t = &turns[i];
        int trainee = t->speaker == FL_SPEAKER_TRAINEE;
        bind_text(q, 1, sid);
        sqlite3_bind_int64(q, 2, t->seq);
        sqlite3_bind_int64(q, 3, t->turn);
        bind_text(q, 4, trainee ? "trainee" : "customer");
        bind_text(q, 5, t->node ? t->node : "");
        bind_text(q, 6, t->text);
        bind_text(q, 7, t->kind);
        bind_text(q, 8, t->reply);
        bind_text(q, 9, t->emotion);
        sqlite3_bind_int(q, 10, t->typed);
        bind_text(q, 11, trainee ? (t->signals ? t->signals : "") : NULL);
        bind_text(q, 12, t->detected);
        if (trainee)
            sqlite3_bind_int64(q, 13, t->took_ms);
        sqlite3_bind_int(q, 14, t->mood);
        sqlite3_bind_int(q, 15, t->patience);
        sqlite3_bind_int(q, 16, t->trust);
        sqlite3_bind_int(q, 17, t->goodwill);
        sqlite3_bind_int64(q, 18, t->elapsed_ms);
        if (t->at_ms)
            sqlite3_bind_int64(q, 19, t->at_ms);
        sqlite3_bind_int(q, 20, t->taken_back);
        bind_text(q, 21, trainee && t->xapi_id[0] ? t->xapi_id : NULL);
        bind_text(q, 22, trainee ? t->triggers : NULL);
        bind_voice(q, 23, t);
        int rc = run(q);
        if (rc != SQLITE_OK)
            return rc;
    }
    return SQLITE_OK;
}

static int set_replies(fl_store *st, const char *sid, uint32_t n_replies)
{
    sqlite3_stmt *q = st->q[Q_SESSION_REPLIES];
    bind_text(q, 1, sid);
    sqlite3_bind_int64(q, 2, n_replies);
    return run(q);
}

static int end_session(fl_store *st, const fl_record *r)
{
    sqlite3_stmt *q = st->q[Q_FINDING_ADD];
    for (size_t i = 0; i < r->n_findings_loaded; i++) {
        const fl_record_finding *f = &r->findings[i];
        bind_text(q, 1, r->id);
        sqlite3_bind_int64(q, 2, (sqlite3_int64)i);
        sqlite3_bind_int64(q, 3, f->turn);
        bind_text(q, 4, f->dimension);
        sqlite3_bind_int(q, 5, f->points);
        bind_text(q, 6, f->severity ? f->severity : "info");
        bind_text(q, 7, f->rule ? f->rule : "");
        bind_text(q, 8, f->message ? f->message : "");
        bind_text(q, 9, f->better);
        bind_text(q, 10, f->reply);
        sqlite3_bind_int(q, 11, fl_record_finding_critical(r, i) != 0);
        bind_text(q, 12, fl_record_finding_note(r, i));
        int rc = run(q);
        if (rc != SQLITE_OK)
            return rc;
    }
    q = st->q[Q_SESSION_END];
    bind_text(q, 1, r->id);
    sqlite3_bind_int(q, 2, r->finished);
    if (r->ended_ms)
        sqlite3_bind_int64(q, 3, r->ended_ms);
    /* A record with a reply that stands was attempted, whatever its field says: records built
     * by code older than the field leave it 0. */
    int attempted = r->attempted || r->n_replies > 0;
    if (r->finished)
        bind_text(q, 4, r->outcome);
    /* Only a session that ended and was attempted has a result; the others keep NULL scores. */
    if (r->finished && attempted) {
        sqlite3_bind_int(q, 5, r->overall);
        bind_text(q, 6, r->band);
        sqlite3_bind_int(q, 7, r->passed);
        for (int d = 0; d < FL_DIM_COUNT; d++)
            if (r->applicable[d])
                sqlite3_bind_int(q, 8 + d, r->score[d]);
        sqlite3_bind_int(q, 15, r->csat);
        sqlite3_bind_int(q, 16, r->ces);
        sqlite3_bind_int(q, 17, r->nps);
        sqlite3_bind_int(q, 20, r->raw);
        if (r->critical >= 0) {
            sqlite3_bind_int(q, 21, r->critical);
            bind_text(q, 22, r->critical_items ? r->critical_items : "");
        }
    }
    sqlite3_bind_int64(q, 18, r->n_replies);
    sqlite3_bind_int64(q, 19, r->n_findings_loaded ? r->n_findings_loaded : r->n_findings);
    sqlite3_bind_int(q, 23, attempted);
    return run(q);
}

static int begin(fl_store *st)
{
    if (st->readonly) /* its writers are not even prepared */
        return SQLITE_READONLY;
    return st->batch ? SQLITE_OK : exec(st, "BEGIN IMMEDIATE");
}

/* Commits (or rolls back when rc is a failure); returns the status with err filled. */
static fl_store_status finish(fl_store *st, int rc, char *err, size_t errlen, const char *doing)
{
    if (rc == SQLITE_OK && !st->batch)
        rc = exec(st, "COMMIT");
    if (rc == SQLITE_OK)
        return FL_STORE_OK;
    fl_store_status s = fail(st, rc, err, errlen, doing);
    if (!sqlite3_get_autocommit(st->db))
        exec(st, "ROLLBACK");
    st->batch = 0;
    return s;
}

fl_store_status fl_store_session_begin(fl_store *st, const fl_record *r, char *err, size_t errlen)
{
    int rc = begin(st);
    if (rc == SQLITE_OK)
        rc = add_session(st, r);
    return finish(st, rc, err, errlen, "save the start of the session");
}

fl_store_status fl_store_session_turns(fl_store *st, const char *session_id,
                                       const fl_record_turn *turns, size_t n, uint32_t n_replies,
                                       char *err, size_t errlen)
{
    int rc = begin(st);
    if (rc == SQLITE_OK)
        rc = add_turns(st, session_id, turns, n);
    if (rc == SQLITE_OK)
        rc = set_replies(st, session_id, n_replies);
    return finish(st, rc, err, errlen, "save a reply");
}

fl_store_status fl_store_session_voice(fl_store *st, const char *session_id,
                                       const fl_record_turn *turns, size_t n, char *err,
                                       size_t errlen)
{
    int rc = begin(st);
    sqlite3_stmt *q = st->q[Q_TURN_VOICE];
    const fl_record_turn *missing = NULL;
    for (size_t i = 0; rc == SQLITE_OK && i < n; i++) {
        const fl_record_turn *t = &turns[i];
        if (t->speaker != FL_SPEAKER_TRAINEE || !t->has_voice)
            continue;
        bind_text(q, 1, session_id);
        sqlite3_bind_int64(q, 2, t->seq);
        bind_voice(q, 3, t);
        rc = run(q);
        if (rc == SQLITE_OK && sqlite3_changes(st->db) != 1) {
            missing = t; /* a caller's mistake: say which, and write nothing */
            rc = SQLITE_NOTFOUND;
        }
    }
    fl_store_status s = finish(st, rc, err, errlen, "save a reply read aloud");
    if (missing)
        snprintf(err, errlen, "%s: session %s has no reply written at seq %u to give its voice",
                 st->path, session_id, missing->seq);
    return s;
}

fl_store_status fl_store_session_take_back(fl_store *st, const char *session_id, uint32_t from_turn,
                                           uint32_t n_replies, char *err, size_t errlen)
{
    int rc = begin(st);
    if (rc == SQLITE_OK) {
        sqlite3_stmt *q = st->q[Q_TURN_TAKE_BACK];
        bind_text(q, 1, session_id);
        sqlite3_bind_int64(q, 2, from_turn);
        rc = run(q);
    }
    if (rc == SQLITE_OK)
        rc = set_replies(st, session_id, n_replies);
    return finish(st, rc, err, errlen, "save a reply taken back");
}

fl_store_status fl_store_session_end(fl_store *st, const fl_record *r, const fl_record_turn *turns,
                                     size_t n, char *err, size_t errlen)
{
    int rc = begin(st);
    if (rc == SQLITE_OK)
        rc = add_turns(st, r->id, turns, n);
    if (rc == SQLITE_OK)
        rc = end_session(st, r);
    return finish(st, rc, err, errlen, "save the end of the session");
}

static int delete_session(fl_store *st, const char *sid)
{
    int rc = SQLITE_OK;
    const int order[] = {Q_TURNS_DELETE, Q_FINDINGS_DELETE, Q_SESSION_DELETE};
    for (size_t i = 0; i < 3 && rc == SQLITE_OK; i++) {
        bind_text(st->q[order[i]], 1, sid);
        rc = run(st->q[order[i]]);
    }
    return rc;
}

fl_store_status fl_store_put(fl_store *st, const fl_record *r, int *existed, char *err,
                             size_t errlen)
{
    *existed = 0;
    int rc = begin(st);
    if (rc == SQLITE_OK) {
        sqlite3_stmt *q = st->q[Q_SESSION_STATE];
        bind_text(q, 1, r->id);
        int step = sqlite3_step(q);
        int finished = step == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
        sqlite3_int64 turns = step == SQLITE_ROW ? sqlite3_column_int64(q, 1) : 0;
        sqlite3_reset(q);
        if (step == SQLITE_ROW) {
            /* Keep the copy that got further: an unfinished one is replaced by a finished one
             * or by one with more turns. */
            int better = !finished && (r->finished || (sqlite3_int64)r->n_turns > turns);
            *existed = better ? 2 : 1;
            if (better)
                rc = delete_session(st, r->id);
        } else if (step != SQLITE_DONE) {
            rc = step;
        }
    }
    if (rc == SQLITE_OK && *existed != 1) {
        rc = add_session(st, r);
        if (rc == SQLITE_OK && r->turns)
            rc = add_turns(st, r->id, r->turns, r->n_turns);
        if (rc == SQLITE_OK)
            rc = end_session(st, r);
    }
    return finish(st, rc, err, errlen, "save a session");
}

/* ---- writing rounds ---------------------------------------------------------------------- */

static int add_round(fl_store *st, const fl_round_record *r)
{
    sqlite3_int64 tid = 0;
    int rc = trainee_id(st, r->trainee ? r->trainee : "", r->group, &tid);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_stmt *q = st->q[Q_ROUND_ADD];
    bind_text(q, 1, r->id);
    bind_text(q, 2, r->registration);
    bind_text(q, 3, r->xapi_attempted);
    bind_text(q, 4, r->xapi_result);
    sqlite3_bind_int64(q, 5, tid);
    bind_text(q, 6, r->def_id ? r->def_id : "");
    sqlite3_bind_int(q, 7, r->version);
    bind_text(q, 8, r->title);
    bind_text(q, 9, r->lang);
    bind_text(q, 10, r->content_hash);
    sqlite3_bind_int64(q, 11, (sqlite3_int64)r->seed); /* the bits of the unsigned seed */
    bind_text(q, 12, r->mode ? r->mode : "practice");
    bind_text(q, 13, r->player ? r->player : "");
    sqlite3_bind_int(q, 14, r->timed);
    sqlite3_bind_double(q, 15, r->timed && r->time_factor > 0 ? r->time_factor : 1.0);
    sqlite3_bind_int64(q, 16, r->at_once);
    sqlite3_bind_int64(q, 17, r->customers);
    sqlite3_bind_int64(q, 18, r->started_ms);
    bind_text(q, 19, r->program_version ? r->program_version : FL_VERSION);
    bind_text(q, 20, r->workshop ? r->workshop : "");
    bind_text(q, 21, r->day_session ? r->day_session : "");
    return run(q);
}

/* The figures per concurrency as the JSON text of the by_load column. */
static char *by_load_json(const fl_round_figures *f)
{
    json_t *a = fl_round_by_load_json(f);
    char *text = a ? json_dumps(a, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(a);
    return text;
}

static void bind_count(sqlite3_stmt *q, int i, int v)
{
    if (v >= 0)
        sqlite3_bind_int(q, i, v);
}

static int end_round(fl_store *st, const fl_round_record *r)
{
    const fl_round_figures *f = &r->fig;
    char *load = by_load_json(f);
    if (!load)
        return SQLITE_NOMEM;
    sqlite3_stmt *q = st->q[Q_ROUND_END];
    bind_text(q, 1, r->id);
    sqlite3_bind_int64(q, 2, r->ended_ms);
    sqlite3_bind_int(q, 3, r->finished != 0);
    sqlite3_bind_int64(q, 4, f->arrived);
    sqlite3_bind_int64(q, 5, f->resolved);
    sqlite3_bind_int64(q, 6, f->lost);
    sqlite3_bind_int64(q, 7, f->other);
    sqlite3_bind_int64(q, 8, f->unfinished);
    sqlite3_bind_int64(q, 9, (sqlite3_int64)f->duration_ms);
    sqlite3_bind_double(q, 10, f->per_minute);
    sqlite3_bind_int64(q, 11, f->mean_reply_ms);
    sqlite3_bind_double(q, 12, f->canned_share);
    bind_text(q, 13, load);
    bind_count(q, 14, f->responsiveness);
    bind_count(q, 15, f->mean_score);
    bind_count(q, 16, f->tone);
    bind_count(q, 17, f->empathy);
    /* no baseline yet: NULL, never a 0 that reads as "no change under pressure" */
    if (f->has_baseline) {
        sqlite3_bind_int(q, 18, f->composure);
        sqlite3_bind_int(q, 19, f->composure_tone);
        sqlite3_bind_int(q, 20, f->composure_empathy);
        if (r->baseline_sessions)
            sqlite3_bind_int64(q, 21, r->baseline_sessions);
    }
    sqlite3_bind_int(q, 22, f->passed != 0);
    bind_text(q, 23, r->timeline);
    int rc = run(q);
    free(load);
    return rc;
}

fl_store_status fl_store_round_begin(fl_store *st, const fl_round_record *r, char *err,
                                     size_t errlen)
{
    int rc = begin(st);
    if (rc == SQLITE_OK)
        rc = add_round(st, r);
    return finish(st, rc, err, errlen, "save the start of the round");
}

fl_store_status fl_store_round_end(fl_store *st, const fl_round_record *r, char *err, size_t errlen)
{
    int rc = begin(st);
    if (rc == SQLITE_OK)
        rc = end_round(st, r);
    return finish(st, rc, err, errlen, "save the end of the round");
}

fl_store_status fl_store_round_put(fl_store *st, const fl_round_record *r, int *existed, char *err,
                                   size_t errlen)
{
    *existed = 0;
    int rc = begin(st);
    if (rc == SQLITE_OK) {
        sqlite3_stmt *q = st->q[Q_ROUND_STATE];
        bind_text(q, 1, r->id);
        int step = sqlite3_step(q);
        int closed = step == SQLITE_ROW && sqlite3_column_int64(q, 0) != 0;
        sqlite3_reset(q);
        if (step == SQLITE_ROW) {
            /* Keep the copy that got further: one never closed is replaced by a closed one. */
            int better = !closed && fl_round_record_closed(r);
            *existed = better ? 2 : 1;
            if (better) {
                bind_text(st->q[Q_ROUND_DELETE], 1, r->id);
                rc = run(st->q[Q_ROUND_DELETE]);
            }
        } else if (step != SQLITE_DONE) {
            rc = step;
        }
    }
    if (rc == SQLITE_OK && *existed != 1) {
        rc = add_round(st, r);
        if (rc == SQLITE_OK && fl_round_record_closed(r))
            rc = end_round(st, r);
    }
    return finish(st, rc, err, errlen, "save a round");
}

fl_store_status fl_store_begin_batch(fl_store *st, char *err, size_t errlen)
{
    int rc = begin(st);
    if (rc != SQLITE_OK)
        return fail(st, rc, err, errlen, "start writing");
    st->batch = 1;
    return FL_STORE_OK;
}

fl_store_status fl_store_end_batch(fl_store *st, char *err, size_t errlen)
{
    st->batch = 0;
    return finish(st, SQLITE_OK, err, errlen, "finish writing");
}

/* ---- reading ---------------------------------------------------------------------------- */

/* The session columns read_session() reads; then session_added[schema] (raw, critical,
 * critical_items, attempted, the round's id, call, registration, file id and title, the
 * workshop and the session of the day), then the FROM clause. */
static const char session_columns[] =
    "SELECT s.id, s.xapi_id, t.name, ifnull(g.name, ''), s.scenario_id, s.scenario_title, "
    "s.scenario_lang, s.scenario_version, s.content_hash, s.mode, s.player, s.seed, s.started, "
    "ifnull(s.ended, 0), s.timed, s.time_factor, s.finished, s.outcome, ifnull(s.overall, 0), "
    "ifnull(s.band, ''), ifnull(s.passed, 0), s.empathy, s.apology, s.ownership, s.tone, "
    "s.upsell, s.resolution, s.responsiveness, ifnull(s.csat, 0), ifnull(s.ces, 0), "
    "ifnull(s.nps, 0), s.program_version, s.replies, s.findings, ";
static const char sessions_from[] = " FROM sessions s JOIN trainees t ON t.id = s.trainee_id "
                                    "LEFT JOIN groups g ON g.id = t.group_id";
/* From schema 3, where a session's round is read from (its file's id and title). */
static const char rounds_join[] = " LEFT JOIN rounds rr ON rr.id = s.round";

/* Appends to sql (its size cap, len used) the filter's conditions that sessions and rounds
 * share, on the table aliased a ('s' or 'r') of a file of schema `schema`, with `scenario` the
 * condition for a scenario; bind_filter binds their parameters. Returns the new length. */
static size_t filter_sql(char *sql, size_t cap, size_t len, const fl_store_filter *f, char a,
                         int schema, const char *scenario)
{
    /* before schema 5 nothing was played in a workshop: its workshop and session are '' */
    if (f && f->workshop && schema >= 5)
        len += (size_t)snprintf(sql + len, cap - len, " AND %c.workshop = ?7", a);
    else if (f && f->workshop)
        len += (size_t)snprintf(sql + len, cap - len, " AND '' = ?7");
    if (f && f->day_session && schema >= 5)
        len += (size_t)snprintf(sql + len, cap - len, " AND %c.day_session = ?8", a);
    else if (f && f->day_session)
        len += (size_t)snprintf(sql + len, cap - len, " AND '' = ?8");
    if (f && f->group)
        len += (size_t)snprintf(sql + len, cap - len, " AND ifnull(g.name, '') = ?1");
    if (f && f->trainee)
        len += (size_t)snprintf(sql + len, cap - len, " AND t.name = ?2");
    if (f && f->scenario)
        len += (size_t)snprintf(sql + len, cap - len, "%s", scenario);
    if (f && f->since_ms)
        len += (size_t)snprintf(sql + len, cap - len, " AND %c.started >= ?4", a);
    if (f && f->until_ms)
        len += (size_t)snprintf(sql + len, cap - len, " AND %c.started < ?5", a);
    if (f && f->finished_only)
        len += (size_t)snprintf(sql + len, cap - len, " AND %c.finished = 1", a);
    return len;
}

/* Binds the parameters of filter_sql's conditions, and the round's (?6) when `round`. */
static void bind_filter(sqlite3_stmt *q, const fl_store_filter *f, int round)
{
    if (f && f->group)
        bind_text(q, 1, f->group);
    if (f && f->trainee)
        bind_text(q, 2, f->trainee);
    if (f && f->scenario)
        bind_text(q, 3, f->scenario);
    if (f && f->since_ms)
        sqlite3_bind_int64(q, 4, f->since_ms);
    if (f && f->until_ms)
        sqlite3_bind_int64(q, 5, f->until_ms);
    if (f && f->round && round)
        bind_text(q, 6, f->round);
    if (f && f->workshop)
        bind_text(q, 7, f->workshop);
    if (f && f->day_session)
        bind_text(q, 8, f->day_session);
}

/* Whether any reply of the store was read aloud (one probe of the index turns_voice). When the
 * store cannot say, it is assumed to have some: the readers then only do more work. */
static int any_voice(fl_store *st)
{
    if (st->schema < 4)
        return 0;
    sqlite3_stmt *q;
    int any = 1;
    if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM turns WHERE voice_rms_dbfs IS NOT NULL LIMIT 1",
                           -1, &q, NULL) == SQLITE_OK) {
        int rc = sqlite3_step(q);
        any = rc != SQLITE_DONE;
    }
    sqlite3_finalize(q);
    return any;
}

/* Prepares the filtered session query: kind 0 the sessions (session_columns) in start order,
 * 1 the dedup columns (id, finished, turns), 2 their count, 3 a row when one of them has a reply
 * read aloud that stands (schema 4: each session a probe of the small index turns_voice, not a
 * walk through its turns), 4 a row when one of them was played in a workshop (schema 5). */
static int prepare_filtered(fl_store *st, const fl_store_filter *f, int kind, sqlite3_stmt **q)
{
    char sql[4096];
    static const char *const what[5] = {
        session_columns,
        "SELECT s.id, s.finished, (SELECT count(*) FROM turns u WHERE u.session_id = s.id)",
        "SELECT count(*)",
        "SELECT 1",
        "SELECT 1",
    };
    int rounds = st->schema >= 3; /* the file has rounds */
    int voice = kind == 0 && any_voice(st);
    size_t len =
        (size_t)snprintf(sql, sizeof(sql), "%s%s%s%s%s%s WHERE 1", what[kind],
                         kind == 0 ? session_added[st->schema] : "",
                         kind != 0 ? ""
                         : voice   ? session_voice
                                   : session_no_voice,
                         sessions_from, rounds && (kind == 0 || (f && f->round)) ? rounds_join : "",
                         voice ? voice_join : "");
    if (kind == 3)
        len += (size_t)snprintf(sql + len, sizeof(sql) - len,
                                " AND EXISTS (SELECT 1 FROM turns v INDEXED BY turns_voice WHERE "
                                "v.session_id = s.id AND v.voice_rms_dbfs IS NOT NULL AND "
                                "v.speaker = 'trainee' AND v.taken_back = 0)");
    len = filter_sql(sql, sizeof(sql), len, f, 's', st->schema, " AND s.scenario_id = ?3");
    /* A file from before rounds has single conversations only. */
    if (f && f->round)
        len += (size_t)snprintf(sql + len, sizeof(sql) - len, "%s",
                                rounds ? " AND rr.def_id = ?6" : " AND 0");
    if (f && f->calls < 0 && rounds)
        len += (size_t)snprintf(sql + len, sizeof(sql) - len, " AND s.round IS NULL");
    if (f && f->calls > 0)
        len += (size_t)snprintf(sql + len, sizeof(sql) - len, "%s",
                                rounds ? " AND s.round IS NOT NULL" : " AND 0");
    if (kind == 0)
        snprintf(sql + len, sizeof(sql) - len, " ORDER BY s.started, s.id");
    if (kind == 4)
        len += (size_t)snprintf(sql + len, sizeof(sql) - len, "%s",
                                st->schema >= 5 ? " AND s.workshop != ''" : " AND 0");
    if (kind == 3 || kind == 4)
        snprintf(sql + len, sizeof(sql) - len, " LIMIT 1");
    int rc = sqlite3_prepare_v2(st->db, sql, -1, q, NULL);
    if (rc == SQLITE_OK)
        bind_filter(*q, f, rounds);
    return rc;
}

static const char *col_text(sqlite3_stmt *q, int i)
{
    return (const char *)sqlite3_column_text(q, i);
}

static void copy_id(char out[FL_UUID_LEN + 1], const char *s)
{
    snprintf(out, FL_UUID_LEN + 1, "%s", s ? s : "");
}

/* Fills r from the current row of a session_columns query; strings are borrowed. */
static void read_session(sqlite3_stmt *q, fl_record *r)
{
    memset(r, 0, sizeof(*r));
    copy_id(r->id, col_text(q, 0));
    copy_id(r->xapi_id, col_text(q, 1));
    r->trainee = col_text(q, 2);
    r->group = col_text(q, 3);
    r->scenario_id = col_text(q, 4);
    r->scenario_title = col_text(q, 5);
    r->scenario_lang = col_text(q, 6);
    r->scenario_version = sqlite3_column_int(q, 7);
    r->content_hash = col_text(q, 8);
    r->mode = col_text(q, 9);
    r->player = col_text(q, 10);
    r->seed = (uint64_t)sqlite3_column_int64(q, 11);
    r->started_ms = sqlite3_column_int64(q, 12);
    r->ended_ms = sqlite3_column_int64(q, 13);
    r->timed = sqlite3_column_int(q, 14);
    r->time_factor = sqlite3_column_double(q, 15);
    r->finished = sqlite3_column_int(q, 16);
    r->outcome = col_text(q, 17);
    r->overall = sqlite3_column_int(q, 18);
    const char *band = col_text(q, 19);
    r->band[0] = band ? band[0] : '\0';
    r->passed = sqlite3_column_int(q, 20);
    for (int d = 0; d < FL_DIM_COUNT; d++) {
        r->applicable[d] = sqlite3_column_type(q, 21 + d) != SQLITE_NULL;
        r->score[d] = sqlite3_column_int(q, 21 + d);
    }
    r->csat = sqlite3_column_int(q, 28);
    r->ces = sqlite3_column_int(q, 29);
    r->nps = sqlite3_column_int(q, 30);
    r->program_version = col_text(q, 31);
    r->n_replies = (uint32_t)sqlite3_column_int64(q, 32);
    r->n_findings = (uint32_t)sqlite3_column_int64(q, 33);
    r->raw = sqlite3_column_int(q, 34);
    int known = sqlite3_column_type(q, 35) != SQLITE_NULL;
    r->critical = known ? sqlite3_column_int(q, 35) : -1;
    r->critical_items = known ? col_text(q, 36) : NULL;
    if (known && !r->critical_items)
        r->critical_items = "";
    r->attempted = sqlite3_column_int(q, 37);
    copy_id(r->round, col_text(q, 38));
    r->call = (uint32_t)sqlite3_column_int64(q, 39);
    copy_id(r->registration, col_text(q, 40));
    r->round_def_id = col_text(q, 41);
    r->round_title = col_text(q, 42);
    r->workshop = col_text(q, 43);
    r->day_session = col_text(q, 44);
    fl_record_voice *v = &r->voice;
    v->replies = (uint32_t)sqlite3_column_int64(q, 45);
    v->heard = (uint32_t)sqlite3_column_int64(q, 46);
    v->rms_dbfs = sqlite3_column_double(q, 47);
    v->syllables_per_s = sqlite3_column_double(q, 48);
    v->loud = (uint32_t)sqlite3_column_int64(q, 49);
    v->fast = (uint32_t)sqlite3_column_int64(q, 50);
    v->silent = (uint32_t)sqlite3_column_int64(q, 51);
}

/* A column's text copied into st->text (a row's text dies at the next step); returns its
 * offset + 1, or 0 for NULL, or -1 when out of memory. Pointers are made once all are in. */
static intptr_t keep(fl_store *st, sqlite3_stmt *q, int i)
{
    const char *s = col_text(q, i);
    if (!s)
        return 0;
    size_t n = (size_t)sqlite3_column_bytes(q, i) + 1;
    if (FL_GROW(st->text, st->text_cap, st->text_len + n))
        return -1;
    memcpy(st->text + st->text_len, s, n);
    st->text_len += n;
    return (intptr_t)(st->text_len - n) + 1;
}

#define KEEP(field, col)                                                                           \
    do {                                                                                           \
        intptr_t off_ = keep(st, q, col);                                                          \
        if (off_ < 0)                                                                              \
            rc = SQLITE_NOMEM;                                                                     \
        field = (const char *)off_;                                                                \
    } while (0)

static const char *fix(const fl_store *st, const char *off)
{
    return off ? st->text + ((intptr_t)off - 1) : NULL;
}

static int load_details(fl_store *st, fl_record *r, int load)
{
    st->text_len = 0;
    /* "loaded" is a non-NULL array, even when a session has no turns or findings */
    if (FL_GROW(st->turns, st->turns_cap, 64) || FL_GROW(st->findings, st->findings_cap, 32))
        return SQLITE_NOMEM;
    int rc = SQLITE_OK;
    if (load & FL_LOAD_TURNS) {
        sqlite3_stmt *q = st->q[Q_TURNS_OF];
        bind_text(q, 1, r->id);
        size_t n = 0;
        while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
            if (FL_GROW(st->turns, st->turns_cap, n + 1)) {
                rc = SQLITE_NOMEM;
                break;
            }
            fl_record_turn *t = &st->turns[n++];
            memset(t, 0, sizeof(*t));
            t->seq = (uint32_t)sqlite3_column_int64(q, 0);
            t->turn = (uint32_t)sqlite3_column_int64(q, 1);
            const char *sp = col_text(q, 2);
            t->speaker =
                sp && strcmp(sp, "trainee") == 0 ? FL_SPEAKER_TRAINEE : FL_SPEAKER_CUSTOMER;
            KEEP(t->node, 3);
            KEEP(t->text, 4);
            KEEP(t->kind, 5);
            KEEP(t->reply, 6);
            KEEP(t->emotion, 7);
            t->typed = sqlite3_column_int(q, 8);
            KEEP(t->signals, 9);
            KEEP(t->detected, 10);
            t->took_ms = (uint32_t)sqlite3_column_int64(q, 11);
            t->mood = sqlite3_column_int(q, 12);
            t->patience = sqlite3_column_int(q, 13);
            t->trust = sqlite3_column_int(q, 14);
            t->goodwill = sqlite3_column_int(q, 15);
            /* a damaged store may hold a negative time: it reads as none */
            sqlite3_int64 elapsed = sqlite3_column_int64(q, 16);
            t->elapsed_ms = elapsed < 0 ? 0 : (uint64_t)elapsed;
            t->at_ms = sqlite3_column_int64(q, 17);
            t->taken_back = sqlite3_column_int(q, 18);
            copy_id(t->xapi_id, col_text(q, 19));
            KEEP(t->triggers, 20);
            t->has_voice = sqlite3_column_type(q, 21) != SQLITE_NULL;
            if (t->has_voice) {
                fl_voice_figures *f = &t->voice;
                f->rms_dbfs = (float)sqlite3_column_double(q, 21);
                f->peak_dbfs = (float)sqlite3_column_double(q, 22);
                f->syllables_per_s = (float)sqlite3_column_double(q, 23);
                f->syllables = (uint32_t)sqlite3_column_int64(q, 24);
                f->speech_s = (float)sqlite3_column_double(q, 25);
                f->pause_s = (float)sqlite3_column_double(q, 26);
                f->pauses = (uint32_t)sqlite3_column_int64(q, 27);
                t->voice_flags = (uint32_t)sqlite3_column_int64(q, 28);
            }
            if (rc == SQLITE_NOMEM)
                break;
        }
        r->turns = st->turns;
        r->n_turns = n;
        if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
        if (rc != SQLITE_OK)
            return rc;
    }
    if (load & FL_LOAD_FINDINGS) {
        sqlite3_stmt *q = st->q[Q_FINDINGS_OF];
        bind_text(q, 1, r->id);
        size_t n = 0;
        while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
            if (FL_GROW(st->findings, st->findings_cap, n + 1)) {
                rc = SQLITE_NOMEM;
                break;
            }
            fl_record_finding *f = &st->findings[n++];
            f->turn = (uint32_t)sqlite3_column_int64(q, 0);
            KEEP(f->dimension, 1);
            f->points = sqlite3_column_int(q, 2);
            KEEP(f->severity, 3);
            KEEP(f->rule, 4);
            KEEP(f->message, 5);
            KEEP(f->better, 6);
            KEEP(f->reply, 7);
            f->critical = sqlite3_column_int(q, 8);
            KEEP(f->note, 9);
            if (rc == SQLITE_NOMEM)
                break;
        }
        for (size_t i = 0; i < n; i++) {
            fl_record_finding *f = &st->findings[i];
            f->dimension = fix(st, f->dimension);
            f->severity = fix(st, f->severity);
            f->rule = fix(st, f->rule);
            f->message = fix(st, f->message);
            f->better = fix(st, f->better);
            f->reply = fix(st, f->reply);
            f->note = fix(st, f->note);
        }
        r->findings = st->findings;
        r->n_findings_loaded = n;
        if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
    }
    /* Only now, with every string copied, do the offsets become pointers. */
    for (size_t i = 0; r->turns && i < r->n_turns; i++) {
        fl_record_turn *t = &r->turns[i];
        t->node = fix(st, t->node);
        t->text = fix(st, t->text);
        t->kind = fix(st, t->kind);
        t->reply = fix(st, t->reply);
        t->emotion = fix(st, t->emotion);
        t->signals = fix(st, t->signals);
        t->detected = fix(st, t->detected);
        t->triggers = fix(st, t->triggers);
    }
    return rc;
}

/* ---- text that is not UTF-8 ------------------------------------------------------------- */

/* Frees the repaired texts of the record just handed out. */
static void release_fixes(fl_store *st)
{
    for (size_t i = 0; i < st->n_fixes; i++)
        free(st->fixes[i]);
    st->n_fixes = 0;
}

/*
 * Makes *s valid UTF-8 for the record being read: a text that is not (a name typed on a CP1251
 * terminal, a name cut inside a character by an older program) is replaced by a copy with
 * U+FFFD for each bad byte, kept until release_fixes, and counted. A valid text (nearly all)
 * costs one scan. Every export then has every session with its trainee and group: jansson
 * refuses invalid UTF-8, and the JSON export used to leave such names out. Returns 0, or -1
 * when out of memory.
 */
static int mend(fl_store *st, const char **s)
{
    if (!*s)
        return 0;
    size_t len = strlen(*s);
    if (fl_utf8_valid(*s, len))
        return 0;
    if (FL_GROW(st->fixes, st->fixes_cap, st->n_fixes + 1))
        return -1;
    char *fixed = fl_utf8_repair(*s, len, NULL);
    if (!fixed)
        return -1;
    st->fixes[st->n_fixes++] = fixed;
    *s = fixed;
    st->repaired++;
    return 0;
}

/* mend() for every text of a session record, its turns and findings. Returns SQLITE_OK or
 * SQLITE_NOMEM. */
static int mend_record(fl_store *st, fl_record *r)
{
    const char **texts[] = {&r->trainee,         &r->group,        &r->workshop,
                            &r->day_session,     &r->scenario_id,  &r->scenario_title,
                            &r->scenario_lang,   &r->content_hash, &r->mode,
                            &r->player,          &r->outcome,      &r->critical_items,
                            &r->program_version, &r->round_def_id, &r->round_title};
    int bad = 0;
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
        bad |= mend(st, texts[i]);
    for (size_t i = 0; r->turns && i < r->n_turns; i++) {
        fl_record_turn *t = &r->turns[i];
        bad |= mend(st, &t->node) | mend(st, &t->text) | mend(st, &t->kind) | mend(st, &t->reply) |
               mend(st, &t->emotion) | mend(st, &t->signals) | mend(st, &t->detected) |
               mend(st, &t->triggers);
    }
    for (size_t i = 0; r->findings && i < r->n_findings_loaded; i++) {
        fl_record_finding *f = &r->findings[i];
        bad |= mend(st, &f->dimension) | mend(st, &f->severity) | mend(st, &f->rule) |
               mend(st, &f->message) | mend(st, &f->better) | mend(st, &f->reply) |
               mend(st, &f->note);
    }
    return bad ? SQLITE_NOMEM : SQLITE_OK;
}

/* mend() for every text of a round record (borrowed from its row). */
static int mend_round(fl_store *st, fl_round_record *r)
{
    const char **texts[] = {&r->trainee,     &r->group,           &r->workshop,
                            &r->day_session, &r->def_id,          &r->title,
                            &r->lang,        &r->content_hash,    &r->mode,
                            &r->player,      &r->program_version, &r->timeline};
    int bad = 0;
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
        bad |= mend(st, texts[i]);
    return bad ? -1 : 0;
}

static void unload(fl_store *st)
{
    sqlite3_reset(st->q[Q_TURNS_OF]);
    sqlite3_reset(st->q[Q_FINDINGS_OF]);
}

/* Each session id of the merged stores, mapped to the store that wins it. The winners live in
 * an arena, so the table's keys (their ids) never move. */
typedef struct {
    char id[FL_UUID_LEN + 1];
    int store;
    int first; /* the first store that has it: the record's source (fl_record.source) */
    int finished;
    int64_t turns;
} winner;

typedef struct {
    fl_hmap ids; /* id -> winner */
    fl_arena *arena;
} winners;

/* The winner of a session id, or NULL. */
static winner *winner_of(const winners *w, const char *id)
{
    fl_hmap_slot *slot = fl_hmap_find_str(&w->ids, id ? id : "");
    return slot ? slot->value : NULL;
}

/* A new winner for id, held by store k. NULL when out of memory. An id longer than a UUID is
 * kept cut (copy_id), so it never matches again and its session is left out of the merge, as
 * it always was (only a damaged store has one: import takes UUIDs only). */
static winner *winner_add(winners *w, const char *id, int k)
{
    if (!w->arena && !(w->arena = fl_arena_new()))
        return NULL;
    winner *s = fl_arena_alloc(w->arena, sizeof(*s));
    if (!s)
        return NULL;
    copy_id(s->id, id);
    int added;
    fl_hmap_slot *slot = fl_hmap_put(&w->ids, s->id, strlen(s->id), &added);
    if (!slot)
        return NULL;
    if (added)
        slot->value = s;
    s->store = s->first = k;
    return s;
}

static void winners_free(winners *w)
{
    fl_hmap_free(&w->ids);
    fl_arena_free(w->arena);
    w->arena = NULL;
}

static int pick_winners(fl_store **stores, size_t n, const fl_store_filter *f, winners *w,
                        char *err, size_t errlen)
{
    for (size_t k = 0; k < n; k++) {
        sqlite3_stmt *q;
        int rc = prepare_filtered(stores[k], f, 1, &q);
        while (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
            const char *id = col_text(q, 0);
            int fin = sqlite3_column_int(q, 1);
            int64_t turns = sqlite3_column_int64(q, 2);
            winner *s = winner_of(w, id);
            if (!s) {
                if (!(s = winner_add(w, id, (int)k))) {
                    rc = SQLITE_NOMEM;
                    break;
                }
                s->finished = fin;
                s->turns = turns;
            } else if (!s->finished && (fin || turns > s->turns)) {
                s->store = (int)k;
                s->finished = fin;
                s->turns = turns;
            }
            rc = SQLITE_OK;
        }
        sqlite3_finalize(q);
        if (rc != SQLITE_DONE && rc != SQLITE_OK) {
            fail(stores[k], rc, err, errlen, "read its sessions");
            return -1;
        }
    }
    return 0;
}

int fl_store_each_merged(fl_store **stores, size_t n, const fl_store_filter *f, int load,
                         fl_store_fn fn, void *ctx, char *err, size_t errlen)
{
    winners w = {FL_HMAP_INIT, NULL};
    if (n > 1 && pick_winners(stores, n, f, &w, err, errlen) < 0) {
        winners_free(&w);
        return -1;
    }
    sqlite3_stmt **q = fl_calloc(n ? n : 1, sizeof(*q));
    int *has = fl_calloc(n ? n : 1, sizeof(*has));
    int result = 0;
    if (!q || !has) {
        snprintf(err, errlen, "out of memory");
        result = -1;
    }
    for (size_t k = 0; k < n && result == 0; k++) {
        int rc = prepare_filtered(stores[k], f, 0, &q[k]);
        if (rc == SQLITE_OK) {
            rc = sqlite3_step(q[k]);
            has[k] = rc == SQLITE_ROW;
        }
        if (rc != SQLITE_ROW && rc != SQLITE_DONE && rc != SQLITE_OK) {
            fail(stores[k], rc, err, errlen, "read its sessions");
            result = -1;
        }
    }
    while (result == 0) {
        /* The next session across all stores: earliest start, then id. */
        int best = -1;
        for (size_t k = 0; k < n; k++) {
            if (!has[k])
                continue;
            if (best < 0) {
                best = (int)k;
                continue;
            }
            int64_t a = sqlite3_column_int64(q[k], 12), b = sqlite3_column_int64(q[best], 12);
            if (a < b || (a == b && strcmp(col_text(q[k], 0), col_text(q[best], 0)) < 0))
                best = (int)k;
        }
        if (best < 0)
            break;
        sqlite3_stmt *cur = q[best];
        int skip = 0, source = 0;
        if (n > 1) {
            /* none: a session that came in since the winners were picked, or an overlong id */
            const winner *s = winner_of(&w, col_text(cur, 0));
            skip = !s || s->store != best;
            source = s ? s->first : 0;
        }
        if (!skip) {
            fl_record r;
            read_session(cur, &r);
            r.source = source;
            int rc = load_details(stores[best], &r, load);
            if (rc == SQLITE_OK)
                rc = mend_record(stores[best], &r);
            if (rc != SQLITE_OK) {
                release_fixes(stores[best]);
                fail(stores[best], rc, err, errlen, "read a session's turns and findings");
                unload(stores[best]);
                result = -1;
                break;
            }
            result = fn(ctx, &r);
            release_fixes(stores[best]);
            unload(stores[best]);
            if (result)
                break;
        }
        int rc = sqlite3_step(cur);
        has[best] = rc == SQLITE_ROW;
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
            fail(stores[best], rc, err, errlen, "read its sessions");
            result = -1;
        }
    }
    for (size_t k = 0; q && k < n; k++)
        sqlite3_finalize(q[k]);
    free(q);
    free(has);
    winners_free(&w);
    return result;
}

int fl_store_each(fl_store *st, const fl_store_filter *f, int load, fl_store_fn fn, void *ctx,
                  char *err, size_t errlen)
{
    return fl_store_each_merged(&st, 1, f, load, fn, ctx, err, errlen);
}

int fl_store_has_voice(fl_store *st, const fl_store_filter *f, char *err, size_t errlen)
{
    if (!any_voice(st))
        return 0;
    sqlite3_stmt *q;
    int rc = prepare_filtered(st, f, 3, &q);
    int has = -1;
    if (rc == SQLITE_OK && ((rc = sqlite3_step(q)) == SQLITE_ROW || rc == SQLITE_DONE))
        has = rc == SQLITE_ROW;
    sqlite3_finalize(q);
    if (has < 0)
        fail(st, rc, err, errlen, "read its replies read aloud");
    return has;
}

int fl_store_has_workshop(fl_store *st, const fl_store_filter *f, char *err, size_t errlen)
{
    if (st->schema < 5)
        return 0;
    sqlite3_stmt *q;
    int rc = prepare_filtered(st, f, 4, &q);
    int has = -1;
    if (rc == SQLITE_OK && ((rc = sqlite3_step(q)) == SQLITE_ROW || rc == SQLITE_DONE))
        has = rc == SQLITE_ROW;
    sqlite3_finalize(q);
    if (has < 0)
        fail(st, rc, err, errlen, "read its workshops");
    return has;
}

int64_t fl_store_count(fl_store *st, const fl_store_filter *f, char *err, size_t errlen)
{
    sqlite3_stmt *q;
    int rc = prepare_filtered(st, f, 2, &q);
    int64_t n = -1;
    if (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW)
        n = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    if (n < 0)
        fail(st, rc, err, errlen, "count its sessions");
    return n;
}

int fl_store_check(fl_store *st, char *err, size_t errlen)
{
    sqlite3_stmt *q;
    int rc = sqlite3_prepare_v2(st->db, "PRAGMA integrity_check", -1, &q, NULL);
    int ok = -1;
    if (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *s = col_text(q, 0);
        ok = s && strcmp(s, "ok") == 0;
        if (!ok)
            snprintf(err, errlen, "%s: damaged: %s", st->path, s ? s : "?");
    }
    sqlite3_finalize(q);
    if (ok < 0)
        fail(st, rc, err, errlen, "check it");
    return ok;
}

/* (A file from before rounds has no rounds table, and one from before workshops no workshop
 * column: its query fails to prepare, and it has no such values to give.) */
static const char *values_query(char what)
{
    return what == 'g'   ? "SELECT DISTINCT name FROM groups ORDER BY name"
           : what == 't' ? "SELECT DISTINCT name FROM trainees ORDER BY name"
           : what == 'r' ? "SELECT DISTINCT def_id FROM rounds ORDER BY def_id"
           : what == 'w' ? "SELECT workshop FROM sessions UNION SELECT workshop FROM rounds "
                           "ORDER BY 1"
           : what == 'd' ? "SELECT day_session FROM sessions UNION SELECT day_session FROM "
                           "rounds ORDER BY 1"
                         : "SELECT DISTINCT scenario_id FROM sessions ORDER BY scenario_id";
}

int fl_store_has_value(fl_store *st, char what, const char *value)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db, values_query(what), -1, &q, NULL) != SQLITE_OK)
        return 0;
    int found = 0;
    while (!found && sqlite3_step(q) == SQLITE_ROW) {
        const char *s = col_text(q, 0);
        found = s && strcmp(s, value) == 0;
    }
    sqlite3_finalize(q);
    return found;
}

size_t fl_store_values(fl_store *st, char what, char *buf, size_t n)
{
    sqlite3_stmt *q;
    size_t len = 0, count = 0;
    if (n)
        buf[0] = '\0';
    if (sqlite3_prepare_v2(st->db, values_query(what), -1, &q, NULL) != SQLITE_OK)
        return 0;
    while (sqlite3_step(q) == SQLITE_ROW) {
        const char *s = col_text(q, 0);
        if (!s || !s[0])
            continue;
        count++;
        if (len < n) {
            int k = snprintf(buf + len, n - len, "%s%s", len ? ", " : "", s);
            len = k > 0 && (size_t)k < n - len ? len + (size_t)k : n;
        }
    }
    sqlite3_finalize(q);
    return count;
}

/* ---- reading rounds ---------------------------------------------------------------------- */

static const char rounds_query[] =
    "SELECT r.id, r.registration, r.xapi_attempted, r.xapi_result, t.name, ifnull(g.name, ''), "
    "r.def_id, r.def_version, r.title, r.lang, r.content_hash, r.seed, r.mode, r.player, "
    "r.timed, r.time_factor, r.at_once, r.customers, r.started, ifnull(r.ended, 0), r.finished, "
    "r.arrived, r.resolved, r.lost, r.other, r.unfinished, r.duration_ms, r.per_minute, "
    "r.mean_reply_ms, r.canned_share, r.by_load, r.responsiveness, r.mean_score, r.tone, "
    "r.empathy, r.composure, r.composure_tone, r.composure_empathy, r.baseline_sessions, "
    "r.passed, r.timeline, r.program_version, "
    "(SELECT count(*) FROM sessions c WHERE c.round = r.id), %s "
    "FROM rounds r JOIN trainees t ON t.id = r.trainee_id LEFT JOIN groups g ON g.id = "
    "t.group_id WHERE 1";

static int prepare_rounds(fl_store *st, const fl_store_filter *f, sqlite3_stmt **q)
{
    char sql[2048];
    /* the workshop and the session of the day: '' before schema 5 */
    size_t len = (size_t)snprintf(sql, sizeof(sql), rounds_query,
                                  st->schema >= 5 ? "r.workshop, r.day_session" : "'', ''");
    /* a round with a call of the scenario */
    len = filter_sql(sql, sizeof(sql), len, f, 'r', st->schema,
                     " AND EXISTS (SELECT 1 FROM sessions c WHERE c.round = r.id AND "
                     "c.scenario_id = ?3)");
    if (f && f->round)
        len += (size_t)snprintf(sql + len, sizeof(sql) - len, " AND r.def_id = ?6");
    snprintf(sql + len, sizeof(sql) - len, " ORDER BY r.started, r.id");
    int rc = sqlite3_prepare_v2(st->db, sql, -1, q, NULL);
    if (rc == SQLITE_OK)
        bind_filter(*q, f, 1);
    return rc;
}

static int col_count(sqlite3_stmt *q, int i)
{
    return sqlite3_column_type(q, i) == SQLITE_NULL ? -1 : sqlite3_column_int(q, i);
}

/* Fills r from the current row of rounds_query; strings are borrowed. Returns 0, or -1 when
 * the figures per concurrency are not the JSON this program writes. */
static int read_round(sqlite3_stmt *q, fl_round_record *r)
{
    memset(r, 0, sizeof(*r));
    copy_id(r->id, col_text(q, 0));
    copy_id(r->registration, col_text(q, 1));
    copy_id(r->xapi_attempted, col_text(q, 2));
    copy_id(r->xapi_result, col_text(q, 3));
    r->trainee = col_text(q, 4);
    r->group = col_text(q, 5);
    r->def_id = col_text(q, 6);
    r->version = sqlite3_column_int(q, 7);
    r->title = col_text(q, 8);
    r->lang = col_text(q, 9);
    r->content_hash = col_text(q, 10);
    r->seed = (uint64_t)sqlite3_column_int64(q, 11);
    r->mode = col_text(q, 12);
    r->player = col_text(q, 13);
    r->timed = sqlite3_column_int(q, 14);
    r->time_factor = sqlite3_column_double(q, 15);
    r->at_once = (uint32_t)sqlite3_column_int64(q, 16);
    r->customers = (uint32_t)sqlite3_column_int64(q, 17);
    r->started_ms = sqlite3_column_int64(q, 18);
    r->ended_ms = sqlite3_column_int64(q, 19);
    r->finished = sqlite3_column_int(q, 20);
    fl_round_figures *f = &r->fig;
    f->customers = r->customers;
    f->time_pct = r->timed ? (uint32_t)(r->time_factor * 100 + 0.5) : 0;
    f->arrived = (uint32_t)sqlite3_column_int64(q, 21);
    f->resolved = (uint32_t)sqlite3_column_int64(q, 22);
    f->lost = (uint32_t)sqlite3_column_int64(q, 23);
    f->other = (uint32_t)sqlite3_column_int64(q, 24);
    f->unfinished = (uint32_t)sqlite3_column_int64(q, 25);
    f->duration_ms = (uint64_t)sqlite3_column_int64(q, 26);
    f->per_minute = sqlite3_column_double(q, 27);
    f->mean_reply_ms = (uint32_t)sqlite3_column_int64(q, 28);
    f->canned_share = sqlite3_column_double(q, 29);
    const char *load = col_text(q, 30);
    f->responsiveness = col_count(q, 31);
    f->mean_score = col_count(q, 32);
    f->tone = col_count(q, 33);
    f->empathy = col_count(q, 34);
    f->has_baseline = sqlite3_column_type(q, 35) != SQLITE_NULL;
    f->composure = sqlite3_column_int(q, 35);
    f->composure_tone = sqlite3_column_int(q, 36);
    f->composure_empathy = sqlite3_column_int(q, 37);
    r->baseline_sessions = (uint32_t)sqlite3_column_int64(q, 38);
    f->passed = sqlite3_column_int(q, 39);
    r->timeline = col_text(q, 40);
    r->program_version = col_text(q, 41);
    r->n_calls = (uint32_t)sqlite3_column_int64(q, 42);
    r->workshop = col_text(q, 43);
    r->day_session = col_text(q, 44);
    if (!load)
        return 0;
    json_t *a = json_loads(load, 0, NULL);
    size_t i;
    json_t *e;
    int bad = !json_is_array(a);
    json_array_foreach(a, i, e)
    {
        json_int_t live = json_integer_value(json_object_get(e, "live"));
        if (live < 1 || live > FL_ROUND_MAX_AT_ONCE) {
            bad = 1;
            break;
        }
        fl_round_load *l = &f->by_load[live - 1];
        l->replies = (uint32_t)json_integer_value(json_object_get(e, "replies"));
        l->canned = (uint32_t)json_integer_value(json_object_get(e, "canned"));
        l->mean_reply_ms = (uint32_t)json_integer_value(json_object_get(e, "mean_reply_ms"));
    }
    json_decref(a);
    return bad ? -1 : 0;
}

/* fl_store_rounds' order: by id, then the copy to keep first (closed, then the first store's);
 * then by start. */
typedef struct {
    fl_round_record r;
    size_t store;
} round_row;

static int cmp_round_id(const void *a, const void *b)
{
    const round_row *x = a, *y = b;
    int c = strcmp(x->r.id, y->r.id);
    if (c)
        return c;
    int cx = fl_round_record_closed(&x->r), cy = fl_round_record_closed(&y->r);
    if (cx != cy)
        return cx ? -1 : 1;
    return x->store < y->store ? -1 : x->store > y->store;
}

static int cmp_round_start(const void *a, const void *b)
{
    const round_row *x = a, *y = b;
    if (x->r.started_ms != y->r.started_ms)
        return x->r.started_ms < y->r.started_ms ? -1 : 1;
    return strcmp(x->r.id, y->r.id);
}

void fl_store_rounds_free(fl_round_record *rounds, size_t n)
{
    for (size_t i = 0; rounds && i < n; i++)
        fl_round_record_free(&rounds[i]);
    free(rounds);
}

int fl_store_rounds(fl_store **stores, size_t n, const fl_store_filter *f, fl_round_record **out,
                    size_t *n_out, char *err, size_t errlen)
{
    *out = NULL;
    *n_out = 0;
    round_row *rows = NULL;
    size_t count = 0, cap = 0;
    int result = 0;
    for (size_t k = 0; k < n && result == 0; k++) {
        if (stores[k]->schema < 3)
            continue; /* a store from before rounds */
        sqlite3_stmt *q;
        int rc = prepare_rounds(stores[k], f, &q);
        while (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
            if (FL_GROW(rows, cap, count + 1)) {
                rc = SQLITE_NOMEM;
                break;
            }
            fl_round_record borrowed;
            if (read_round(q, &borrowed) < 0) {
                snprintf(err, errlen, "%s: round %s: its figures per concurrency are damaged",
                         stores[k]->path, borrowed.id);
                result = -1;
                rc = SQLITE_OK;
                break;
            }
            int copied = mend_round(stores[k], &borrowed) == 0 &&
                         fl_round_record_copy(&rows[count].r, &borrowed) == 0;
            release_fixes(stores[k]);
            if (!copied) {
                rc = SQLITE_NOMEM;
                break;
            }
            rows[count++].store = k;
            rc = SQLITE_OK;
        }
        sqlite3_finalize(q);
        if (result == 0 && rc != SQLITE_DONE && rc != SQLITE_OK) {
            fail(stores[k], rc, err, errlen, "read its rounds");
            result = -1;
        }
    }
    if (result < 0) {
        for (size_t i = 0; i < count; i++)
            fl_round_record_free(&rows[i].r);
        free(rows);
        return -1;
    }
    /* each round once: the first of its copies in cmp_round_id's order */
    if (count > 1) /* rows is NULL when there is none, and qsort must not be given NULL */
        qsort(rows, count, sizeof(*rows), cmp_round_id);
    size_t kept = 0;
    for (size_t i = 0; i < count; i++) {
        if (kept && strcmp(rows[kept - 1].r.id, rows[i].r.id) == 0)
            fl_round_record_free(&rows[i].r);
        else
            rows[kept++] = rows[i];
    }
    if (kept > 1)
        qsort(rows, kept, sizeof(*rows), cmp_round_start);
    fl_round_record *a = fl_calloc(kept ? kept : 1, sizeof(*a));
    if (!a) {
        for (size_t i = 0; i < kept; i++)
            fl_round_record_free(&rows[i].r);
        free(rows);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < kept; i++)
        a[i] = rows[i].r;
    free(rows);
    *out = a;
    *n_out = kept;
    return 0;
}

int fl_store_each_round(fl_store **stores, size_t n, const fl_store_filter *f, fl_store_round_fn fn,
                        void *ctx, char *err, size_t errlen)
{
    fl_round_record *rounds;
    size_t count;
    if (fl_store_rounds(stores, n, f, &rounds, &count, err, errlen) < 0)
        return -1;
    int result = 0;
    for (size_t i = 0; i < count && result == 0; i++)
        result = fn(ctx, &rounds[i]);
    fl_store_rounds_free(rounds, count);
    return result;
}

int fl_store_baseline(fl_store *st, const char *trainee, const char *group, fl_round_baseline *out)
{
    memset(out, 0, sizeof(*out));
    char sql[1024];
    snprintf(sql, sizeof(sql),
             "SELECT count(*), avg(s.tone), avg(s.empathy), count(s.tone), count(s.empathy) "
             "FROM sessions s JOIN trainees t ON t.id = s.trainee_id LEFT JOIN groups g ON g.id "
             "= t.group_id WHERE t.name = ?1%s AND %s AND (s.tone IS NOT NULL OR s.empathy IS "
             "NOT NULL)",
             group ? " AND ifnull(g.name, '') = ?2" : "", calm_where[st->schema]);
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK)
        return -1;
    bind_text(q, 1, trainee ? trainee : "");
    if (group)
        bind_text(q, 2, group);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW && sqlite3_column_int64(q, 3) > 0 && sqlite3_column_int64(q, 4) > 0) {
        /* the means of whole scores 0..100, rounded half up */
        out->tone = (int)(sqlite3_column_double(q, 1) + 0.5);
        out->empathy = (int)(sqlite3_column_double(q, 2) + 0.5);
        out->sessions = (uint32_t)sqlite3_column_int64(q, 0);
    }
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? 0 : -1;
}
