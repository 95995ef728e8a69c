/*
 * play.h - what `frontline play` shares between the single conversation (play.c) and the stress
 * round (play_round.c): reading scripts, the terminal's line reader and wrapping, recording.
 */
#ifndef FL_PLAY_H
#define FL_PLAY_H

#include <stdint.h>
#include <stdio.h>

#include "recorder.h"
#include "session.h"

typedef struct {
    char *text;
    size_t len, cap;
} fl_play_buffer;

/* A script file (or "-", standard input) read line by line. */
typedef struct {
    fl_play_buffer b;
    char *p;       /* the next line */
    size_t lineno; /* the line last returned, 1-based */
} fl_script;

/* Reads the whole script; says why on stderr and returns -1 when it cannot. */
int fl_script_open(fl_script *sc, const char *path);
/* The next line that is not blank or a comment (#), trimmed and NUL-terminated, with a trailing
 * " @SECONDS" split off into *ms (0 when absent, -1 when it is not a number of seconds).
 * Returns 1, or 0 at the end. sc->lineno is its line number. */
int fl_script_next(fl_script *sc, char **line, long *ms);
void fl_script_close(fl_script *sc);

/* A script's voice line: the tone meter's figures of the reply on the line before, as
 * "voice rms=-12.5 peak=-1 rate=6.4 speech=2.1 pause=0.4 pauses=1 syllables=13", any subset in
 * any order (defaults: a calm reading, rms=-24 peak=-6 rate=4 speech=2 pause=0 pauses=0;
 * syllables = rate x speech, or rate = syllables / speech when only syllables is given).
 * Returns 0 when `line` is not a voice line, 1 with *f filled, -1 with why[] saying what is
 * wrong. */
int fl_script_voice(const char *line, fl_voice_figures *f, char *why, size_t whylen);

/* fl_script_voice() on script line `lineno` at @`ms`, saying on stderr what is wrong: a voice line
 * with bad figures, or one with an @SECONDS (it takes no time: it measures the reply `measures`,
 * as the message words it). Returns 0 when `line` is not a voice line, 1 with *f filled, -1 when
 * it was wrong (the script's exit status is then 1). */
int fl_script_voice_line(const char *script, size_t lineno, const char *line, long ms,
                         const char *measures, fl_voice_figures *f);

/* Prints "SCRIPT:LINE: message" to stderr; returns 1 (the exit status of a bad script). */
int fl_play_script_error(const char *script, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Writes the session's new acts to the results store (its end when closing); says once where
 * it went if the store failed. rec may be NULL. */
void fl_play_record(fl_recorder *rec, const fl_session *ss, int closing);

/* The terminal: standard input read by lines with a deadline, in the player's language. */
typedef struct {
    int lang;
    char buf[8192];
    size_t len;
    int eof;
} fl_terminal;

uint64_t fl_play_now_ms(void);

/* Reads one line into out (without the newline). Waits at most timeout_ms (0: forever).
 * Returns 1 a line, 0 the time ran out, -1 end of input. */
int fl_terminal_read_line(fl_terminal *t, char *out, size_t size, uint32_t timeout_ms);

/* Prints prefix then text, wrapped at about 78 columns on spaces (counting characters, not
 * bytes); continuation lines are indented by four spaces. */
void fl_print_wrapped(const char *prefix, const char *text);

/* The results of a conversation: score, pass or why not, dimensions, findings, survey. */
void fl_play_show_results(const fl_terminal *t, const fl_session *ss);

/* `frontline play --round ROUND (--script F | --text)`: play_round.c. */
typedef struct {
    const char *round_path;
    const char *script; /* NULL: --text */
    const char *db, *trainee, *group;
    uint32_t time_pct; /* 100, 150, 200; 0 untimed */
    int assessment;
    int no_store;
    int show_ids; /* --text: each reply's id beside its number */
    /* the workshop played in (--workshop): its id and the session of the day, recorded with
     * the round and every call; NULL none */
    const char *workshop, *day_session;
} fl_play_round_opts;

int fl_play_round(const fl_play_round_opts *o);

#endif
