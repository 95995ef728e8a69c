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

/* Reads the whole stream into b (NUL-terminated). Returns 0, or -1 (errno says why). */
int fl_play_read_all(FILE *f, fl_play_buffer *b);

/* Splits a trailing " @SECONDS" off line[0..*len); returns the milliseconds (0 when absent) or
 * -1 when the @ value is not a number of seconds. */
long fl_play_take_seconds(const char *line, size_t *len);

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
} fl_play_round_opts;

int fl_play_round(const fl_play_round_opts *o);

#endif
