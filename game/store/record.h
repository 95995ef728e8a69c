/*
 * record.h - one played session as the results store keeps it and the reports read it.
 *
 * A record is plain data: strings, integers and two arrays (the turns, the findings). The
 * store writes and reads records (store.h); the recorder builds one from a live session
 * (recorder.h); every export format of `frontline report` prints records; and a record as JSON
 * (fl_record_to_json / fl_record_from_json) is both the JSON export and the fallback file a
 * session is saved to when the store cannot be written, so `frontline import` can bring it back.
 *
 * Records returned by the store's iterator borrow their strings from the database row and live
 * only during the callback; records built by the recorder or read from JSON own their strings
 * (fl_record_free).
 */
#ifndef FL_RECORD_H
#define FL_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "round.h"
#include "scenario.h"
#include "voice.h"

#define FL_UUID_LEN 36 /* "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx" */

typedef enum { FL_SPEAKER_CUSTOMER, FL_SPEAKER_TRAINEE } fl_speaker;

/* One line of the conversation: a customer line, or a trainee reply (or silence). */
typedef struct {
    uint32_t seq;  /* 0-based order of writing within the session */
    uint32_t turn; /* the trainee reply (1-based) this line belongs to; a customer line has
                      the number of the reply that answers it */
    fl_speaker speaker;
    const char *node;     /* node id */
    const char *text;     /* what was said; NULL: silence (a timeout) */
    const char *kind;     /* trainee: choice | route | fallback | timeout; customer: NULL */
    const char *reply;    /* trainee: the reply's id; NULL for a timeout or a customer line */
    const char *emotion;  /* customer: the line's emotion; NULL otherwise */
    int typed;            /* trainee: the text was typed, not picked */
    const char *signals;  /* trainee: signal names separated by spaces ("apology empathy") */
    const char *detected; /* trainee, typed: the signals found in the words */
    const char *triggers; /* trainee, typed: the words that carried each detected signal
                             ("apology: sorry; ownership: let me check"); NULL otherwise */
    uint32_t took_ms;     /* trainee: time taken */
    int mood, patience, trust, goodwill; /* the customer's state after this line */
    uint64_t elapsed_ms;           /* conversation time after this line (64-bit as the core's) */
    int64_t at_ms;                 /* wall clock (ms since 1970, UTC) when it was said */
    int taken_back;                /* practice: the trainee took this reply back */
    char xapi_id[FL_UUID_LEN + 1]; /* trainee: the xAPI statement id; "" otherwise */
    /* trainee, from results schema 4: the reply was read aloud and the tone meter measured it
     * (voice.h). Reported beside the score; 0 when it was not read aloud. */
    int has_voice;
    fl_voice_figures voice;
    uint32_t voice_flags; /* FL_VOICE_LOUD | FL_VOICE_FAST | FL_VOICE_SILENT, as judged then */
} fl_record_turn;

/* A session's replies read aloud, summed up: over the trainee replies that stand (not taken
 * back) and have voice figures. The means are over those that were heard (not FL_VOICE_SILENT):
 * a reply nobody heard has no loudness or pace to average in. */
typedef struct {
    uint32_t replies;            /* replies read aloud; 0: none (the rest is then 0) */
    uint32_t heard;              /* of them, not silent: what the means are over */
    double rms_dbfs;             /* mean voiced RMS, dBFS (heard > 0) */
    double syllables_per_s;      /* mean speaking rate (heard > 0) */
    uint32_t loud, fast, silent; /* replies flagged so */
} fl_record_voice;

/* Sums up the voice figures of turns[0..n) (fl_record_voice's rules) into *out. */
void fl_record_voice_summary(const fl_record_turn *turns, size_t n, fl_record_voice *out);

/* One finding: a point lost (or won back) with its better alternative. */
typedef struct {
    uint32_t turn;         /* 1-based reply it is about; 0: the whole conversation */
    const char *dimension; /* dimension name, NULL for a trainer's note */
    int points;
    const char *severity; /* info | warning | mistake */
    const char *rule;
    const char *message;
    const char *better; /* NULL when none */
    const char *reply;  /* the reply's id, NULL when none */
    int critical;       /* a critical mistake: it failed the session (critical ones come first) */
    const char *note;   /* the trainer's note that enriches this finding, NULL when none */
} fl_record_finding;

typedef struct {
    char id[FL_UUID_LEN + 1];      /* session id (UUID v4), unique across machines */
    char xapi_id[FL_UUID_LEN + 1]; /* the id of the session's xAPI statement */
    const char *trainee, *group;   /* group "" when none */
    /* The workshop it was played in (results schema 5; game/core/workshop.h): the workshop
     * file's id and the session of the day ("morning"); both "" when none (and in every
     * session recorded before schema 5). */
    const char *workshop, *day_session;
    const char *scenario_id, *scenario_title, *scenario_lang;
    int scenario_version;
    const char *content_hash;     /* 16 hex digits: FNV-1a 64 of the scenario file's bytes */
    const char *mode;             /* practice | assessment */
    const char *player;           /* desktop | text | script | import */
    uint64_t seed;                /* randomness given to the engine (0: the engine used none) */
    int64_t started_ms, ended_ms; /* wall clock, ms since 1970 UTC; ended 0 while unfinished */
    int timed;                    /* time limits applied */
    double time_factor;           /* time extension: 1, 1.5, 2 (untimed: timed = 0) */
    int finished;                 /* reached an ending */
    int attempted;                /* at least one turn stands (a reply or a timeout); a session
                                     quit before any is not attempted and has no result */
    const char *outcome;          /* resolved | partly | escalated | lost; NULL unfinished */
    int overall;                  /* 0..100 (meaningful when scored: fl_record_scored) */
    int raw;                      /* the weighted mean before a critical mistake or a dimension
                                     under the floor capped it below the pass mark */
    char band[2];                 /* "A".."F" */
    int passed;                   /* no critical mistake, no dimension under the floor, and
                                     overall at the pass mark */
    int critical;                 /* critical mistakes committed (each occurrence counts); -1:
                                     unknown, scored before critical mistakes existed */
    const char *critical_items;   /* which, space-separated ("transfer lost"; "reply": a reply
                                     the author marked critical); NULL when unknown */
    int score[FL_DIM_COUNT];      /* 0..100 */
    int applicable[FL_DIM_COUNT]; /* 0: the dimension did not apply (score meaningless) */
    int csat, ces, nps;           /* the simulated survey (finished sessions) */
    const char *program_version;
    uint32_t n_replies;  /* trainee replies that stand (taken-back ones excluded) */
    uint32_t n_findings; /* the findings count, also when the array is not loaded */

    /* A call of a stress round: the round's id (fl_round_record.id), the round's xAPI
     * registration (kept with the session, so that its statements never depend on whether the
     * round's own row is in the same store) and the call's number, 1-based in order of
     * arrival. "", "" and 0 for a single conversation. */
    char round[FL_UUID_LEN + 1];
    char registration[FL_UUID_LEN + 1];
    uint32_t call;
    /* The round's id and title as its file gives them, when the store holds the round (the
     * store's readers join them in); NULL otherwise, and always in records read from JSON. */
    const char *round_def_id, *round_title;

    /* The replies read aloud, summed up (results schema 4; replies 0: none). The store's
     * readers fill it also when the turns are not loaded; a record read from JSON has it from
     * its turns. */
    fl_record_voice voice;

    /* which of the stores being read it came from (0-based, in the order they were given):
     * set by `frontline report` when it merges stores; 0 otherwise */
    int source;

    fl_record_turn *turns; /* in seq order; NULL when not loaded */
    size_t n_turns;
    fl_record_finding *findings; /* in order; NULL when not loaded */
    size_t n_findings_loaded;

    void *owned; /* internal: the strings this record owns (fl_record_free) */
} fl_record;

/* Whether the session has a result: it reached an ending and was attempted. Only such sessions
 * have scores, a band, a pass and a survey, and only they count in averages, pass rates, NPS
 * and distributions. */
static inline int fl_record_scored(const fl_record *r)
{
    return r->finished && r->attempted;
}

static inline int fl_record_finding_critical(const fl_record *r, size_t i)
{
    return r->findings[i].critical;
}

static inline const char *fl_record_finding_note(const fl_record *r, size_t i)
{
    return r->findings[i].note;
}

/* The record as one JSON object: every field, the turns and the findings. Times are ISO 8601
 * UTC with milliseconds. A turn read aloud has "voice" (its figures and flags), and a session
 * with one has "voice" (fl_record_voice: from the turns when they are loaded, else r->voice);
 * without any, the object is what it was before results schema 4, key for key. Returns NULL
 * when out of memory. */
json_t *fl_record_to_json(const fl_record *r);

/* Reads fl_record_to_json's object back into *r, which then owns its strings. Exports written
 * before results schema 2 lack attempted, raw, the critical mistakes, the findings' critical
 * flag and note and the turns' triggers: attempted is then whether a reply stands, raw the
 * overall score (it was the weighted mean), and the critical mistakes unknown (-1). A turn
 * without "voice" (every turn before schema 4) was not read aloud; r->voice is summed up from
 * the turns. Returns 0, or -1 with a message in err naming the field that is missing or wrong. */
int fl_record_from_json(const json_t *o, fl_record *r, char *err, size_t errlen);

/* s as valid UTF-8, malloc'ed (the caller frees it), or NULL when out of memory: a character
 * cut short at the end (a name cut between bytes) is dropped, any other byte that is not UTF-8
 * becomes U+FFFD. Valid text comes back the same. */
char *fl_record_utf8(const char *s);

/* Frees what a record owns (from fl_record_from_json or the recorder) and zeroes it. */
void fl_record_free(fl_record *r);

/* ---- stress rounds ------------------------------------------------------------------------- */

/*
 * One stress round as the store keeps it: who played which round file, how (mode, extension),
 * and, once it ended, fl_round_figures (round.h). Its calls are sessions (fl_record) that name
 * it. A round is written when it starts (ended_ms 0: still being played, or broken off by a
 * crash) and again when it ends, with its figures.
 */
typedef struct {
    char id[FL_UUID_LEN + 1];             /* this round's id (UUID v4) */
    char registration[FL_UUID_LEN + 1];   /* the xAPI registration its statements share */
    char xapi_attempted[FL_UUID_LEN + 1]; /* the id of its "attempted" statement */
    char xapi_result[FL_UUID_LEN + 1];    /* the id of its result statement */
    const char *trainee, *group;          /* group "" when none */
    const char *workshop, *day_session;   /* as fl_record's: "" when none */
    const char *def_id, *title, *lang;    /* the round file's id, title and language */
    int version;                          /* the round file's version */
    const char *content_hash;             /* FNV-1a 64 of the round file's bytes, 16 hex digits */
    uint64_t seed;                        /* the seed the round was drawn with */
    const char *mode;                     /* practice | assessment */
    const char *player;                   /* desktop | text | script | import */
    int timed;                            /* 0: untimed (the extension "untimed") */
    double time_factor;                   /* the time extension: 1, 1.5, 2 (timed only) */
    uint32_t at_once, customers;          /* the round file's */
    int64_t started_ms, ended_ms;         /* wall clock; ended 0 while not closed */
    int finished;               /* closed with every customer arrived and every call ended (not
                                   left early) */
    fl_round_figures fig;       /* meaningful once closed (ended_ms != 0) */
    uint32_t baseline_sessions; /* the calm sessions composure was measured against, 0 unknown */
    const char *timeline;       /* the round's timeline as JSON text (an array), NULL none */
    const char *program_version;
    uint32_t n_calls; /* reading: the sessions the store holds as its calls */

    void *owned; /* internal: the strings this record owns (fl_round_record_free) */
} fl_round_record;

/* Whether the round was closed: its figures were written. */
static inline int fl_round_record_closed(const fl_round_record *r)
{
    return r->ended_ms != 0;
}

/* The round as one JSON object ({"round": id, ...}: a JSON export's array holds these beside
 * the sessions, which have "session" instead). The timeline text is embedded as JSON. Returns
 * NULL when out of memory. */
json_t *fl_round_record_to_json(const fl_round_record *r);

/* Whether a JSON object of an export is a round (it has "round" and no "session"). */
int fl_json_is_round(const json_t *o);

/* Reads fl_round_record_to_json's object back; *r then owns its strings. Returns 0, or -1 with
 * err naming the field that is missing or wrong. */
int fl_round_record_from_json(const json_t *o, fl_round_record *r, char *err, size_t errlen);

/* Copies src into *dst, which then owns its strings (src may borrow them). Returns 0, or -1
 * when out of memory (dst then owns nothing). */
int fl_round_record_copy(fl_round_record *dst, const fl_round_record *src);

/* Frees what a round record owns and zeroes it; a record that owns nothing is just zeroed. */
void fl_round_record_free(fl_round_record *r);

/* The timeline's events as JSON text (an array; fl_round_timeline gives them), malloc'ed, or
 * NULL when out of memory. */
char *fl_round_timeline_json(const fl_round_event *ev, size_t n);

/* The figures per concurrency as a JSON array, [{"live": 1, "replies": .., "canned": ..,
 * "mean_reply_ms": ..}, ...], one entry per level up to FL_ROUND_MAX_AT_ONCE: the same in an
 * export's "figures" and in the store's rounds.by_load column. NULL when out of memory. */
json_t *fl_round_by_load_json(const fl_round_figures *f);

/* "2026-11-23T08:15:02.123Z" (25 bytes with the NUL). */
void fl_iso8601_utc(int64_t ms, char out[32]);
/* Parses fl_iso8601_utc's form and nothing else: "YYYY-MM-DDTHH:MM:SS.mmmZ" or the same without
 * ".mmm", UTC; a year 0001-9999 of four digits (no sign, no fifth digit), a day that exists in
 * its month (29 February in leap years only), hours 00-23, minutes and seconds 00-59 (no leap
 * second: the program never writes one), exactly three digits of milliseconds. Every text it
 * accepts, fl_iso8601_utc writes back the same (with ".000" when there was none). Returns 0, or
 * -1 (*ms untouched). */
int fl_iso8601_parse(const char *s, int64_t *ms);

/* ---- import: an export read from memory and checked ---------------------------------------- */

/* The most bytes `frontline import` reads from one file (IMP_LIMIT says it to the user). A JSON
 * export holds about 4 KB a session: some 250,000 sessions; jansson needs several times the
 * text in memory, so a larger file is refused unread rather than exhaust the laptop. */
#define FL_IMPORT_MAX_BYTES ((size_t)1 << 30)

/* One object of an export, checked: a valid session or round, or why it is refused. */
typedef struct {
    size_t index;           /* 1-based place in the file (1 for a file of one object) */
    const json_t *o;        /* the object as parsed */
    int is_round;           /* a stress round (fl_json_is_round), else a session */
    fl_record *session;     /* the valid session (owns its strings until the callback returns) */
    fl_round_record *round; /* the valid round, likewise */
    const char *refused;    /* NULL when valid; else why, naming the field and its value */
} fl_import_item;

/* Called for every object in order; returns nonzero to stop (fl_import_parse then returns -2). */
typedef int (*fl_import_fn)(void *ctx, const fl_import_item *it);

typedef enum { FL_IMPORT_NOT_JSON = 1, FL_IMPORT_NOT_EXPORT, FL_IMPORT_NOMEM } fl_import_failure;

typedef struct {
    size_t repaired;           /* bytes that were not UTF-8, replaced with U+FFFD */
    size_t sessions, rounds;   /* valid ones */
    size_t refused;            /* sessions and rounds refused */
    fl_import_failure failure; /* when -1 is returned: why */
    int line, column;          /* FL_IMPORT_NOT_JSON: where (err holds the parser's text) */
} fl_import_info;

/*
 * Reads an export (a `report --format json` array of sessions and rounds, or one fallback
 * object) from buf[0..len) exactly as `frontline import` does before it writes anything: bytes
 * that are not UTF-8 are replaced with U+FFFD (jansson refuses a whole file for one of them, and
 * a trainee's name cut inside a character would lose every session), the text is parsed, and
 * each object is read with fl_record_from_json / fl_round_record_from_json, which check every
 * field (times with fl_iso8601_parse, an end not before its start, counts and durations not
 * negative). fn (may be NULL) sees each object. Needs no store and no file.
 * Returns the number of valid sessions and rounds; -1 when the text is not an export at all
 * (info->failure, err); -2 when fn stopped it. info may be NULL.
 */
int fl_import_parse(const char *buf, size_t len, fl_import_fn fn, void *ctx, fl_import_info *info,
                    char *err, size_t errlen);

/* fl_import_parse without a callback: the sessions and rounds that would import, or -1 with the
 * message in err (the fuzz target's entry, tests/fuzz/). */
int fl_import_check_memory(const char *buf, size_t len, char *err, size_t errlen);

/* A new random UUID v4 (from getrandom) into out. Returns 0, or -1 when the system has no
 * randomness to give. */
int fl_uuid4(char out[FL_UUID_LEN + 1]);

#endif
