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

/* ---- Limits at the boundary (issue 16), each the desktop's own ------------------------------ */

/* A typed reply holds at most this many bytes of UTF-8 text: what the desktop's reply box holds
 * (game/ui/call.h, fl_call_ui.input[1024] less its NUL), about 1,000 Latin or 500 Cyrillic
 * letters. */
#define FL_PLAY_REPLY_MAX 1023
/* A name (--trainee, --group, --session, a workshop's group) has at most this many characters:
 * the desktop's sign-in's limit (game/ui/ui.h FL_NAME_MAX). */
#define FL_PLAY_NAME_MAX 80
/* A script's @SECONDS is at most a day: the time one reply took (play --script), or the time
 * since a round began (play --round --script). */
#define FL_PLAY_SCRIPT_MAX_MS 86400000u
/* The replies of one scripted conversation take at most a week in all (604,800 s): far beyond
 * any real conversation, and well within the results store's records, which keep a turn's
 * elapsed time in 32-bit milliseconds (49.7 days; game/store record.c, store.c), while play.c
 * adds the times up in 64 bits, so nothing wraps on the way. */
#define FL_PLAY_TOTAL_MAX_MS (7ull * 86400000u)
/* A script file is at most 64 MiB (millions of lines): a script from a pipe that never ends is
 * refused instead of filling the memory. */
#define FL_PLAY_SCRIPT_MAX_BYTES (64u << 20)
/* A line from the terminal or a pipe keeps at most this many bytes in memory; what passes it is
 * counted, not kept (the line is still one answer, refused or cut as too long). */
#define FL_PLAY_LINE_KEEP (64u << 10)

/* ---- Scripts ----------------------------------------------------------------------------------
 */

/* A script file (or "-", standard input) read whole, then line by line. */
typedef struct {
    fl_play_buffer b;
    char *p;          /* the next line */
    size_t lineno;    /* the line last returned, 1-based */
    const char *path; /* as given, for messages (borrowed) */
    char err[1024];   /* after fl_script_next() returned -1: "PATH:LINE:COLUMN: why" */
} fl_script;

/* Reads the whole script; says why on stderr and returns -1 when it cannot (unreadable, larger
 * than FL_PLAY_SCRIPT_MAX_BYTES, out of memory). */
int fl_script_open(fl_script *sc, const char *path);
/* The same from memory: copies buf[0..len). Returns 0, or -1 (out of memory, or too large: err
 * says which). */
int fl_script_open_memory(fl_script *sc, const char *buf, size_t len, const char *path);
/* The next line that is not blank or a comment (#), trimmed and NUL-terminated, with a trailing
 * " @SECONDS" split off into *ms (0 when absent). Every line is checked as it is read: valid
 * UTF-8 without NUL bytes, @SECONDS as decimal digits with an optional fraction (no sign,
 * exponent, hex, inf or nan) of at most FL_PLAY_SCRIPT_MAX_MS, a typed reply ("> words", also
 * after a round's "N:") of at most FL_PLAY_REPLY_MAX bytes.
 * Returns 1, 0 at the end, or -1 for a bad line with sc->err saying where and what is allowed
 * (the script's exit status is then 2). sc->lineno is the line's number. */
int fl_script_next(fl_script *sc, char **line, uint64_t *ms);
void fl_script_close(fl_script *sc);

/* Reads "DIGITS[.DIGITS]" seconds, s[0..n), into *out milliseconds rounded to the nearest one.
 * Returns 0; -1 when it is not of that form (a sign, a space, an exponent, hex, inf, nan); -2
 * when it passes max_ms. */
int fl_play_parse_seconds(const char *s, size_t n, uint64_t max_ms, uint64_t *out);

/* Parses and validates a whole script text buf[0..len) exactly as `play --script` (and
 * `play --round --script`) read it before acting on it: every line as fl_script_next() checks
 * it, and voice lines' figures. `path` names it in messages. Returns the number of steps (lines
 * that are not voice lines), or -1 with err[0..errlen) saying what is wrong and where. For the
 * fuzz target (tests/fuzz) and tests: it needs no scenario and opens no file. */
int fl_play_script_check(const char *buf, size_t len, const char *path, char *err, size_t errlen);

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
int fl_script_voice_line(const char *script, size_t lineno, const char *line, uint64_t ms,
                         const char *measures, fl_voice_figures *f);

/* Prints "SCRIPT:LINE: message" to stderr; returns 1 (the exit status of a bad script). */
int fl_play_script_error(const char *script, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Writes the session's new acts to the results store (its end when closing); says once where
 * it went if the store failed. rec may be NULL. */
void fl_play_record(fl_recorder *rec, const fl_session *ss, int closing);

/* The terminal: standard input read by whole lines (of any length) with a deadline, in the
 * player's language, each line converted to UTF-8 from the terminal's encoding. */
typedef struct {
    int lang;
    char buf[8192]; /* bytes read and not yet taken into a line */
    size_t len;
    int eof;
    fl_play_buffer raw;  /* the line being read, as it came (at most FL_PLAY_LINE_KEEP bytes) */
    size_t raw_total;    /* its length in bytes, with what passed FL_PLAY_LINE_KEEP */
    size_t last_total;   /* the same for the last line returned */
    fl_play_buffer line; /* the last line returned, in UTF-8 */
    size_t lines;        /* lines returned so far (the last one's number, 1-based) */
} fl_terminal;

uint64_t fl_play_now_ms(void);

/* Reads one whole line (without its newline), waiting at most timeout_ms (0: forever). The line
 * is converted from the terminal's encoding to UTF-8 (fl_play_input_text()) and has no NUL;
 * *out points into t (valid until the next call or fl_terminal_free), *over is set when the line
 * was longer than FL_PLAY_LINE_KEEP bytes (only its start is kept). Returns 1 a line, 0 the time
 * ran out, -1 end of input, -2 out of memory. */
int fl_terminal_read_line(fl_terminal *t, char **out, int *over, uint32_t timeout_ms);
void fl_terminal_free(fl_terminal *t);

/* A typed reply `*text` (UTF-8, NUL-terminated, writable) checked against FL_PLAY_REPLY_MAX.
 * At a terminal (piped 0) a reply too long is refused with a message in the player's language
 * (returns 0: ask again). From a file or a pipe it is cut between characters at the limit with
 * a notice on stderr naming the input line (returns 1): nobody is there to type it again, and
 * the desktop's box keeps the start of what was typed in the same way. Returns 1 to send. */
int fl_play_reply_fits(const fl_terminal *t, char *text, int over, int piped);

/* ---- Text at the boundary (issue 16) ----------------------------------------------------------
 */

/* Sets LC_CTYPE from the environment (once) so that the terminal's encoding is known. */
void fl_play_locale_init(void);

/* raw[0..len) typed at the terminal, as UTF-8 in *out (reset, then filled, NUL-terminated): when
 * the locale's encoding (nl_langinfo(CODESET)) is not UTF-8 (CP1251, KOI8-R...), converted with
 * iconv; bytes that still do not convert, invalid UTF-8 under a UTF-8 locale and NUL bytes
 * become U+FFFD. Returns how many bytes were replaced (0 when none), -2 out of memory. Output is
 * never converted: the terminal gets UTF-8 as always. */
int fl_play_input_text(const char *raw, size_t len, fl_play_buffer *out);

/* The one-line notice for a line of input with `replaced` bytes that were not text, in the
 * user's language, on stderr. */
void fl_play_input_notice(int replaced);

/* Checks a name given on the command line: valid UTF-8, no control character, at most
 * max_chars characters (0: any length). Returns 0, or prints a usage error naming command `cmd`,
 * the option, the byte position and what to do, and returns 2 (the lead's rule: at the command
 * line refuse, never repair). */
int fl_play_check_name(const char *cmd, const char *option, const char *value, size_t max_chars);

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
