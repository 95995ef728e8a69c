/*
 * workshop.h - a workshop file: what a workshop leader decides for a day of training, in one
 * small XML file copied to every laptop (scenarios/schema/workshop.xsd, the leader's guide
 * docs/workshop.md).
 *
 *   <workshop id="kazan-2026-11-b" version="1" lang="ru">
 *     <title>Клиентоориентированность, Казань</title>
 *     <group>2026-11-kazan-b</group>
 *     <rules mode="assessment" timed="yes" extension="choice"/>
 *     <library>
 *       <scenario bundled="ru-dostavka-opazdyvaet"/>
 *       <scenario path="mine/vozvrat.xml"/>
 *       <round bundled="ru-chas-pik"/>
 *     </library>
 *     <sessions>
 *       <session name="утро" from="09:00" until="13:00"/>
 *       <session name="после обеда" from="14:00" until="18:00"/>
 *     </sessions>
 *   </workshop>
 *
 * The core parses it from memory with the scenario loader's safety and the shared structure
 * checker (schema.h); finding the files it names is the front ends' (game/content/, which
 * knows folders). Choosing the session of the day takes the minute of the day as an argument:
 * the core never reads the clock.
 *
 * Depends on libc, libxml2 (through the loader) and the core's arena and diagnostics.
 */
#ifndef FL_WORKSHOP_H
#define FL_WORKSHOP_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "scenario.h" /* fl_pos */

#define FL_WORKSHOP_MAX_BYTES    (256u * 1024)
#define FL_WORKSHOP_MAX_ITEMS    200
#define FL_WORKSHOP_MAX_SESSIONS 12
/* The longest group code or session name, in characters: names are at most this long everywhere
 * (FL_NAME_MAX of game/ui/ui.h). */
#define FL_WORKSHOP_NAME_MAX 80

/* <rules mode="..">: what the trainee may choose on the briefing. */
typedef enum {
    FL_WS_MODE_FREE,      /* "free" (default): each trainee chooses practice or assessment */
    FL_WS_MODE_PRACTICE,  /* "practice": practice for everyone, no choice */
    FL_WS_MODE_ASSESSMENT /* "assessment": assessment for everyone, no take-backs, no choice */
} fl_ws_mode;

/* <rules timed="..">: whether the scenarios' time limits apply. */
typedef enum {
    FL_WS_TIMED_CHOICE, /* "choice" (default): the trainee's setting */
    FL_WS_TIMED_YES,    /* "yes": timed for everyone */
    FL_WS_TIMED_NO      /* "no": untimed for everyone */
} fl_ws_timed;

/* <rules extension="..">: the time extension (WCAG 2.2.1) when timed. */
typedef enum {
    FL_WS_EXT_CHOICE, /* "choice" (default): each trainee may take x1.5 or x2 */
    FL_WS_EXT_X1,     /* "x1": no extension */
    FL_WS_EXT_X15,    /* "x1.5": one and a half times the time for everyone */
    FL_WS_EXT_X2      /* "x2": twice the time for everyone */
} fl_ws_extension;

/* One entry of <library>: a scenario or a stress round, by path or by bundled id. */
typedef struct {
    int is_round;        /* <round>, else <scenario> */
    const char *path;    /* path="..": relative to the workshop file's folder; NULL otherwise */
    const char *bundled; /* bundled="ID": the id of a scenario or round shipped with Frontline
                            (scenarios/en, scenarios/ru, scenarios/rounds); NULL otherwise */
    fl_pos pos;
} fl_workshop_item;

/* One session of the day (<session name=".." from="HH:MM" until="HH:MM"/>). */
typedef struct {
    const char *name; /* as written ("morning", "утро"); unique in the file */
    int from_min;     /* minutes after midnight, local time; -1 when not given */
    int until_min;    /* minutes after midnight, after from_min; -1 when not given */
    fl_pos pos;
} fl_workshop_session;

typedef struct fl_workshop {
    const char *id; /* like a scenario id: recorded with every result */
    uint32_t version;
    const char *lang;  /* "en", "ru", or NULL: the interface language for a new trainee */
    const char *title; /* shown on the sign-in and in the reports */
    const char *group; /* the group code, recorded with every result; NULL when not given
                          (then each trainee types one) */
    fl_ws_mode mode;
    fl_ws_timed timed;
    fl_ws_extension extension;
    const fl_workshop_item *items; /* in file order; at least one */
    uint32_t n_items;
    const fl_workshop_session *sessions; /* in file order; may be none */
    uint32_t n_sessions;
    const char *path; /* the file it was loaded from (NULL from memory) */
    const char *dir;  /* that file's folder: paths are relative to it ("." from memory) */
    struct fl_arena *arena;
} fl_workshop;

/* Loads the workshop in buf[0..len) (UTF-8 only, no DTD, no entities, size and depth limits,
 * FL_WORKSHOP_MAX_BYTES). Every problem is appended to diags with its line and column: the
 * structure (rule "schema", with did-you-mean), a bad time ("workshop-time": "HH:MM", 00:00 to
 * 24:00), a session ending before it starts or overlapping another ("workshop-sessions"), a
 * session name twice ("workshop-sessions"), an item with neither or both of path and bundled
 * ("workshop-item"). Returns 0 with *out set (warnings allowed), -1 with *out NULL on errors,
 * -2 out of memory. */
int fl_workshop_load_memory(fl_workshop **out, const char *buf, size_t len, const char *path,
                            fl_diags *diags);
/* Reads the file and loads it (the loader's file wrapper). */
int fl_workshop_load_file(fl_workshop **out, const char *path, fl_diags *diags);
void fl_workshop_free(fl_workshop *w);

/* Whether buf holds a workshop file (its root element is <workshop>). */
int fl_is_workshop_document(const char *buf, size_t len);

/* The session of the day at minute_of_day (0..1439, local time, given by the caller): the one
 * whose from..until holds it; else the next one to start that day; else the last one to have
 * started; a session without times counts as holding every minute when it is the only one.
 * Returns its index, or -1 when the workshop has no sessions. */
int fl_workshop_session_at(const fl_workshop *w, int minute_of_day);
/* The index of the session named name, or -1. */
int fl_workshop_session_find(const fl_workshop *w, const char *name);

/* The words of the policies as the file writes them ("assessment", "x1.5", ...). */
const char *fl_ws_mode_name(fl_ws_mode m);
const char *fl_ws_timed_name(fl_ws_timed t);
const char *fl_ws_extension_name(fl_ws_extension e);

#endif
