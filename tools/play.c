/*
 * play.c - `frontline play`: a conversation in the terminal (--text), or a scripted playthrough
 * printed as one JSON document (--script).
 *
 * The terminal mode is plain sequential text, keyboard only, with no cursor tricks, so a screen
 * reader reads it line by line; it is also how to play on a machine without a display. Both
 * modes drive the same session (game/core/session.h) as the desktop does, so a script replays
 * exactly the scores a trainee saw.
 */
#include <errno.h>
#include <iconv.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "catalogue.h"
#include "commands.h"
#include "content.h"
#include "opts.h"
#include "recorder.h"
#include "round.h"
#include "scenario.h"
#include "session.h"
#include "play.h"
#include "transcript.h"
#include "alloc.h"
#include "utf8.h"
#include "vec.h"
#include "workshop.h"

/* The words of the program itself (messages, usage, --help) in the user's language (commands.h);
 * the conversation and its results stay in the scenario's (W below). */
static const char *U(fl_word_id id)
{
    return fl_word(id, fl_user_lang());
}

static void oom_message(const char *cmd)
{
    fprintf(stderr, U(FL_W_CMD_OOM), cmd);
    fputc('\n', stderr);
}

/* ---- --script (the script reader is play_script.c) --------------------------------------- */

void fl_play_record(fl_recorder *rec, const fl_session *ss, int closing)
{
    if (!rec)
        return;
    if (closing)
        fl_recorder_close(rec, ss);
    else
        fl_recorder_update(rec, ss);
    const char *notice = fl_recorder_notice(rec);
    if (notice)
        fprintf(stderr, "frontline: %s\n", notice);
}

/* The replies offered now (fl_session_offered) into *buf, grown to the node's reply count: a
 * node may have any number of replies, so no fixed array can hold them all. Returns the count,
 * or -1 when out of memory (*buf is then left as it was, still the caller's to free). */
static int64_t offered_into(const fl_session *ss, uint32_t **buf, size_t *cap)
{
    const fl_node *nd = fl_session_node(ss);
    uint32_t want = nd && nd->n_replies ? nd->n_replies : 1;
    if (FL_GROW(*buf, *cap, want))
        return -1;
    /* at most the node's replies are offered, so `want` is room enough */
    return fl_session_offered(ss, *buf, want);
}

/* "1 start/r-1a2b, 2 start/wait": the replies offered now, numbered as --text shows them, for
 * a message that tells a script to name a reply by its id. */
static void offered_ids(const fl_session *ss, char *buf, size_t size)
{
    const fl_node *nd = fl_session_node(ss);
    uint32_t *idx = NULL;
    size_t cap = 0;
    int64_t n = offered_into(ss, &idx, &cap);
    size_t o = 0;
    buf[0] = '\0';
    for (int64_t i = 0; i < n && o < size; i++)
        o += (size_t)snprintf(buf + o, size - o, "%s%u %s", i ? ", " : "", (unsigned)i + 1,
                              nd->replies[idx[i]].id);
    free(idx);
}

static int run_script(fl_session *ss, fl_recorder *rec, const char *script, const char *scen_path,
                      uint32_t time_pct, FILE *out)
{
    fl_script sc;
    if (fl_script_open(&sc, script) < 0)
        return 1;
    uint32_t *options = NULL;
    size_t n_opts = 0, cap_opts = 0;
    int status = 0, got = 0;
    char *line;
    uint64_t ms, total_ms = 0; /* the replies' time so far, in 64 bits: it never wraps */
    uint32_t last_reply = 0;   /* the reply turn the line before gave, 0 none */
    while (status == 0 && (got = fl_script_next(&sc, &line, &ms)) == 1) {
        size_t lineno = sc.lineno;
        fl_voice_figures vf;
        int is_voice =
            fl_script_voice_line(script, lineno, line, ms, U(FL_W_CMD_VOICE_BEFORE_IT), &vf);
        if (is_voice < 0) {
            status = 1;
            break;
        }
        if (is_voice) {
            if (!last_reply || fl_session_voice(ss, last_reply, &vf) < 0) {
                status = fl_play_script_error(script, lineno, "%s", U(FL_W_CMD_VOICE_FOLLOW));
                break;
            }
            last_reply = 0;
            fl_play_record(rec, ss, 0);
            continue;
        }
        last_reply = 0;
        total_ms += ms;
        if (total_ms > FL_PLAY_TOTAL_MAX_MS) {
            char why[512];
            snprintf(why, sizeof(why), U(FL_W_P2_SCRIPT_TOTAL), (double)total_ms / 1000.0,
                     (unsigned)(FL_PLAY_TOTAL_MAX_MS / 1000u));
            fl_decimal_comma(why, fl_user_lang());
            fl_play_script_error(script, lineno, "%s", why);
            status = 2;
            break;
        }
        /* With an extension the trainee had more real time: the engine is given the time as
         * the same share of the scenario's limit (round.h), so the score does not move. */
        ms = ms * 100u / time_pct;
        if (fl_session_ended(ss)) {
            status = fl_play_script_error(script, lineno, "%s", U(FL_W_CMD_SCRIPT_ENDED));
            break;
        }
        const fl_node *nd = fl_session_node(ss);
        uint32_t option = 0;
        int r;
        if (line[0] == '>') {
            const char *t = line + 1;
            while (*t == ' ')
                t++;
            if (!nd->free_text) {
                status =
                    fl_play_script_error(script, lineno, U(FL_W_CMD_SCRIPT_NOT_TYPING), nd->id);
                break;
            }
            r = fl_session_type(ss, t, strlen(t), (uint32_t)ms);
        } else if (strcmp(line, "timeout") == 0) {
            r = fl_session_timeout(ss);
            if (r == -1) {
                status = fl_play_script_error(script, lineno,
                                              U(fl_session_engine(ss)->timed
                                                    ? FL_W_CMD_SCRIPT_NO_TIMEOUT
                                                    : FL_W_CMD_SCRIPT_NO_TIMEOUT_UNTIMED),
                                              nd->id);
                break;
            }
        } else if (line[0] >= '0' && line[0] <= '9') {
            char *end;
            unsigned long k = strtoul(line, &end, 10);
            if (*end) {
                status = fl_play_script_error(script, lineno, U(FL_W_CMD_SCRIPT_NOT_NUMBER), line);
                break;
            }
            if (nd->free_text) {
                status = fl_play_script_error(script, lineno, U(FL_W_CMD_SCRIPT_EXPECTS_TYPED),
                                              nd->id, line);
                break;
            }
            uint32_t *idx = NULL;
            size_t cap = 0;
            int64_t n = offered_into(ss, &idx, &cap);
            if (n < 0) {
                oom_message("play");
                status = 1;
                break;
            }
            if (k < 1 || k > (uint64_t)n) {
                free(idx);
                char ids[2048];
                offered_ids(ss, ids, sizeof(ids));
                status = fl_play_script_error(script, lineno, U(FL_W_CMD_SCRIPT_NOT_OFFERED), line,
                                              (uint32_t)n, ids);
                break;
            }
            option = (uint32_t)k;
            r = fl_session_choose(ss, idx[k - 1], (uint32_t)ms);
            free(idx);
        } else {
            int32_t found = -1;
            for (uint32_t i = 0; i < nd->n_replies; i++)
                if (strcmp(nd->replies[i].id, line) == 0)
                    found = (int32_t)i;
            if (found < 0) {
                status =
                    fl_play_script_error(script, lineno, U(FL_W_CMD_SCRIPT_NO_ID), nd->id, line);
                break;
            }
            r = nd->free_text ? fl_session_route(ss, (uint32_t)found, (uint32_t)ms)
                              : fl_session_choose(ss, (uint32_t)found, (uint32_t)ms);
            if (r == -1) {
                status = fl_play_script_error(script, lineno, U(FL_W_CMD_SCRIPT_NOT_NOW), line);
                break;
            }
        }
        if (r == -2) {
            oom_message("play");
            status = 1;
            break;
        }
        if (r == -1) { /* offered, yet not taken: never let a reply vanish without a word */
            size_t nt;
            fl_session_turns(ss, &nt);
            char why[512];
            if (fl_session_state(ss)->turn >= FL_ENGINE_MAX_TURNS)
                snprintf(why, sizeof(why), U(FL_W_P2_TURNS_FULL),
                         (unsigned long long)FL_ENGINE_MAX_TURNS);
            else
                snprintf(why, sizeof(why), "%s", U(FL_W_P2_REFUSED_OTHER));
            status = fl_play_script_error(script, lineno, U(FL_W_P2_SCRIPT_REFUSED), nt, why);
            break;
        }
        if (FL_GROW(options, cap_opts, n_opts + 1)) {
            oom_message("play");
            status = 1;
            break;
        }
        options[n_opts++] = option;
        size_t nt;
        const fl_turn *turns = fl_session_turns(ss, &nt);
        last_reply = nt && turns[nt - 1].reply >= 0 ? turns[nt - 1].turn : 0;
        fl_play_record(rec, ss, 0);
    }
    if (got < 0) {
        fprintf(stderr, "%s\n", sc.err);
        status = 2;
    }
    fl_script_close(&sc);
    if (status) {
        free(options);
        return status;
    }
    json_t *doc = fl_transcript_json(ss, scen_path, options);
    free(options);
    if (!doc) {
        fprintf(stderr, U(FL_W_CMD_OOM), "play");
        fputc('\n', stderr);
        return 1;
    }
    /* 15 digits: the voice's figures print as 6.4, not 6.4000000000000004 (nothing else in
     * the document is a fraction) */
    json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
    fputc('\n', out);
    json_decref(doc);
    if (fflush(out) != 0) {
        fprintf(stderr, U(FL_W_CMD_CANNOT_WRITE_RESULT), "play", strerror(errno));
        fputc('\n', stderr);
        return 1;
    }
    if (!fl_session_ended(ss)) {
        fprintf(stderr, U(FL_W_CMD_SCRIPT_ENDED_EARLY), script, fl_session_node(ss)->id);
        fputc('\n', stderr);
        return 1;
    }
    return 0;
}

/* ---- Text at the boundary: the terminal's encoding, names ------------------------------- */

void fl_play_locale_init(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    /* LC_CTYPE only: what the terminal's bytes mean. Numbers and messages stay as they are
     * (LC_NUMERIC would turn "%.1f" into "1,5" behind the catalogue's back). */
    setlocale(LC_CTYPE, "");
}

/* The terminal's encoding when it is neither UTF-8 nor plain ASCII (the C locale, where bytes
 * past 127 are taken as UTF-8, which every terminal of today sends), else NULL. */
static const char *foreign_codeset(void)
{
    const char *cs = nl_langinfo(CODESET);
    if (!cs || !*cs || !strcasecmp(cs, "UTF-8") || !strcasecmp(cs, "UTF8") ||
        !strcmp(cs, "ANSI_X3.4-1968") || !strcasecmp(cs, "ASCII") || !strcasecmp(cs, "US-ASCII"))
        return NULL;
    return cs;
}

static int buf_reserve(fl_play_buffer *b, size_t need)
{
    return FL_GROW(b->text, b->cap, need);
}

static int buf_put(fl_play_buffer *b, const char *s, size_t n)
{
    if (buf_reserve(b, b->len + n + 1) < 0)
        return -1;
    memcpy(b->text + b->len, s, n);
    b->len += n;
    b->text[b->len] = '\0';
    return 0;
}

static const char REPLACEMENT[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* UTF-8 (or taken as it): valid sequences copied, every other byte and NUL as U+FFFD. */
static int repair_into(const char *s, size_t len, fl_play_buffer *out)
{
    int replaced = 0;
    while (len) {
        size_t ok = fl_utf8_valid_prefix(s, len);
        const char *nul = memchr(s, '\0', ok);
        if (nul)
            ok = (size_t)(nul - s);
        if (buf_put(out, s, ok) < 0)
            return -2;
        s += ok, len -= ok;
        if (!len)
            break;
        /* one byte that is not text (or NUL): one replacement, as fl_utf8_repair does */
        if (buf_put(out, REPLACEMENT, 3) < 0)
            return -2;
        s++, len--;
        replaced++;
    }
    return replaced;
}

/* From the terminal's encoding through iconv: a byte iconv cannot convert becomes U+FFFD and
 * the conversion goes on after it. */
static int convert_into(iconv_t cd, const char *s, size_t len, fl_play_buffer *out)
{
    int replaced = 0;
    char *in = (char *)s;
    size_t left = len;
    iconv(cd, NULL, NULL, NULL, NULL);
    while (left) {
        if (buf_reserve(out, out->len + left * 4 + 16) < 0)
            return -2;
        char *o = out->text + out->len;
        size_t room = out->cap - out->len - 1;
        size_t r = iconv(cd, &in, &left, &o, &room);
        out->len = (size_t)(o - out->text);
        out->text[out->len] = '\0';
        if (r != (size_t)-1)
            break;
        if (errno == E2BIG)
            continue;
        /* EILSEQ or EINVAL (a sequence cut at the end): one byte replaced, go on after it */
        if (buf_put(out, REPLACEMENT, 3) < 0)
            return -2;
        in++, left--;
        replaced++;
        iconv(cd, NULL, NULL, NULL, NULL);
    }
    /* what iconv made is UTF-8; a NUL the terminal sent is not kept either */
    char *nul;
    while ((nul = memchr(out->text, '\0', out->len))) {
        size_t at = (size_t)(nul - out->text);
        if (buf_reserve(out, out->len + 3) < 0)
            return -2;
        memmove(out->text + at + 3, out->text + at + 1, out->len - at);
        memcpy(out->text + at, REPLACEMENT, 3);
        out->len += 2;
        replaced++;
    }
    return replaced;
}

int fl_play_input_text(const char *raw, size_t len, fl_play_buffer *out)
{
    static iconv_t cd = (iconv_t)-1;
    static int opened;
    out->len = 0;
    if (buf_reserve(out, 1) < 0)
        return -2;
    out->text[0] = '\0';
    const char *cs = foreign_codeset();
    if (cs && !opened) {
        opened = 1;
        cd = iconv_open("UTF-8", cs);
    }
    if (cs && cd != (iconv_t)-1)
        return convert_into(cd, raw, len, out);
    return repair_into(raw, len, out);
}

void fl_play_input_notice(int replaced)
{
    if (replaced <= 0)
        return;
    const char *cs = nl_langinfo(CODESET);
    fprintf(stderr, U(FL_W_P2_INPUT_REPLACED), replaced, cs && *cs ? cs : "?");
    fputc('\n', stderr);
}

int fl_play_check_name(const char *cmd, const char *option, const char *value, size_t max_chars)
{
    size_t len = strlen(value);
    size_t ok = fl_utf8_valid_prefix(value, len);
    for (size_t i = 0; i < ok; i++) {
        unsigned char c = (unsigned char)value[i];
        if (c < 0x20 || c == 0x7F)
            return fl_usage_error(cmd, U(FL_W_P2_NAME_CONTROL), option, i + 1, (unsigned)c);
    }
    if (ok < len)
        return fl_usage_error(cmd, U(FL_W_P2_NAME_BAD_BYTE), option, ok + 1,
                              (unsigned)(unsigned char)value[ok]);
    size_t chars = fl_utf8_length(value, len);
    if (max_chars && chars > max_chars)
        return fl_usage_error(cmd, U(FL_W_P2_NAME_TOO_LONG), option, chars, max_chars);
    return 0;
}

/* ---- --text -------------------------------------------------------------------------- */

/* A word of the catalogue (catalogue.def) in the scenario's language. */
static const char *W(const fl_terminal *t, fl_word_id id)
{
    return fl_word(id, t->lang);
}

uint64_t fl_play_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* Takes bytes of t->buf up to a newline (or all of them) into the line being read, keeping at
 * most FL_PLAY_LINE_KEEP. Returns 1 when the line is complete, 0 when it goes on, -2 out of
 * memory. */
static int take_into_line(fl_terminal *t)
{
    char *nl = memchr(t->buf, '\n', t->len);
    size_t n = nl ? (size_t)(nl - t->buf) : t->len;
    size_t room = t->raw_total < FL_PLAY_LINE_KEEP ? FL_PLAY_LINE_KEEP - t->raw_total : 0;
    size_t keep = n < room ? n : room;
    if (keep && buf_put(&t->raw, t->buf, keep) < 0)
        return -2;
    t->raw_total += n;
    size_t used = nl ? n + 1 : n;
    memmove(t->buf, t->buf + used, t->len - used);
    t->len -= used;
    return nl != NULL;
}

/* The line read (t->raw) as UTF-8 into t->line, the notice said when bytes were replaced. */
static int finish_line(fl_terminal *t, char **out, int *over)
{
    size_t n = t->raw.len;
    if (n && t->raw.text[n - 1] == '\r' && t->raw_total <= FL_PLAY_LINE_KEEP)
        n--;
    int replaced = fl_play_input_text(t->raw.text ? t->raw.text : "", n, &t->line);
    *over = t->raw_total > FL_PLAY_LINE_KEEP;
    t->last_total = t->raw_total;
    t->raw.len = 0;
    t->raw_total = 0;
    if (replaced == -2)
        return -2;
    fl_play_input_notice(replaced);
    t->lines++;
    *out = t->line.text;
    return 1;
}

int fl_terminal_read_line(fl_terminal *t, char **out, int *over, uint32_t timeout_ms)
{
    fl_play_locale_init();
    uint64_t deadline = timeout_ms ? fl_play_now_ms() + timeout_ms : 0;
    for (;;) {
        if (t->len) {
            int done = take_into_line(t);
            if (done < 0)
                return -2;
            if (done)
                return finish_line(t, out, over);
        }
        if (t->eof)
            return t->raw_total ? finish_line(t, out, over) : -1;
        int wait = -1;
        if (deadline) {
            uint64_t now = fl_play_now_ms();
            if (now >= deadline)
                return 0;
            wait = deadline - now > INT_MAX ? INT_MAX : (int)(deadline - now);
        }
        struct pollfd pfd = {STDIN_FILENO, POLLIN, 0};
        int pr = poll(&pfd, 1, wait);
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr == 0)
            return 0;
        ssize_t r = read(STDIN_FILENO, t->buf, sizeof(t->buf));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            t->eof = 1;
        else
            t->len = (size_t)r;
    }
}

void fl_terminal_free(fl_terminal *t)
{
    free(t->raw.text);
    free(t->line.text);
    t->raw = t->line = (fl_play_buffer){0};
}

int fl_play_reply_fits(const fl_terminal *t, char *text, int over, int piped)
{
    size_t len = strlen(text);
    if (len <= FL_PLAY_REPLY_MAX && !over)
        return 1;
    if (!piped) {
        printf(W(t, FL_W_P2_REPLY_TOO_LONG), fl_utf8_length(text, len), FL_PLAY_REPLY_MAX);
        putchar('\n');
        fflush(stdout);
        return 0;
    }
    size_t keep = fl_utf8_cut(text, len, FL_PLAY_REPLY_MAX);
    fprintf(stderr, U(FL_W_P2_REPLY_CUT), t->lines, over ? t->last_total : len, keep,
            fl_utf8_length(text, keep), FL_PLAY_REPLY_MAX);
    fputc('\n', stderr);
    text[keep] = '\0';
    return 1;
}

void fl_print_wrapped(const char *prefix, const char *text)
{
    size_t col = fl_utf8_length(prefix, strlen(prefix));
    fputs(prefix, stdout);
    int first_word = 1;
    const char *p = text;
    while (*p) {
        const char *sp = strchr(p, ' ');
        size_t wlen = sp ? (size_t)(sp - p) : strlen(p);
        size_t chars = fl_utf8_length(p, wlen);
        if (!first_word && col + chars + 1 > 78) {
            fputs("\n    ", stdout);
            col = 4;
        } else if (!first_word) {
            fputc(' ', stdout);
            col++;
        }
        fwrite(p, 1, wlen, stdout);
        col += chars;
        first_word = 0;
        p += wlen;
        while (*p == ' ')
            p++;
    }
    fputc('\n', stdout);
}

/* The replies read aloud, when there were any: beside the score, or in it where the rubric
 * scores the voice (its findings are then among the findings above). */
static void show_voice(const fl_terminal *t, const fl_session *ss)
{
    fl_voice_summary vs;
    size_t n;
    uint32_t replies = 0;
    const fl_turn *turns = fl_session_turns(ss, &n);
    for (size_t i = 0; i < n; i++)
        replies += turns[i].reply >= 0;
    if (!fl_voice_summarise(ss, &vs))
        return;
    printf("\n%s (%s)\n  ", W(t, FL_W_VOICE_PANEL),
           W(t, vs.scored ? FL_W_VOICE_PANEL_SCORED : FL_W_VOICE_PANEL_ABOUT));
    printf(W(t, FL_W_VOICE_READ), vs.read, replies);
    putchar('\n');
    if (vs.heard) {
        fputs("  ", stdout);
        printf(W(t, FL_W_VOICE_LOUDNESS), vs.mean_rms_dbfs);
        fputs("\n  ", stdout);
        printf(W(t, FL_W_VOICE_RATE), vs.mean_syllables_per_s);
        putchar('\n');
    }
    if (!vs.loud && !vs.fast && !vs.silent)
        printf("  %s\n", W(t, FL_W_VOICE_CALM));
    char buf[512];
    if (vs.loud) {
        snprintf(buf, sizeof(buf), W(t, FL_W_VOICE_ADVICE_LOUD), vs.loud);
        fl_print_wrapped("  ", buf);
    }
    if (vs.fast) {
        snprintf(buf, sizeof(buf), W(t, FL_W_VOICE_ADVICE_FAST), (double)vs.fastest, vs.fast);
        fl_print_wrapped("  ", buf);
    }
    if (vs.silent) {
        snprintf(buf, sizeof(buf), W(t, FL_W_VOICE_ADVICE_SILENT), vs.silent);
        fl_print_wrapped("  ", buf);
    }
}

void fl_play_show_results(const fl_terminal *t, const fl_session *ss)
{
    const fl_state *st = fl_session_state(ss);
    fl_scores sc;
    fl_survey sv;
    fl_findings fs;
    if (fl_session_report(ss, &sc, &sv, &fs) < 0) {
        oom_message("play");
        return;
    }
    fputc('\n', stdout);
    if (st->hung_up)
        printf("%s\n", W(t, FL_W_HUNG_UP));
    else if (!st->ended)
        printf("%s\n", W(t, FL_W_PLAY_STOPPED));
    if (!sc.attempted) {
        printf("%s\n", W(t, FL_W_PLAY_NOT_ATTEMPTED));
        fl_findings_free(&fs);
        return;
    }
    printf(W(t, FL_W_PLAY_RESULT), sc.overall, sc.band, W(t, fl_word_outcome(sc.outcome)));
    putchar('\n');
    if (sc.critical) {
        printf(W(t, FL_W_PLAY_CRITICAL), sc.critical, sc.raw);
    } else if (sc.below_floor) {
        int d = __builtin_ctz(sc.below_floor);
        printf(W(t, FL_W_PLAY_BELOW_FLOOR), W(t, fl_word_dimension(d)), sc.score[d],
               fl_session_engine(ss)->scenario->params[FL_P_PASS_FLOOR], sc.raw);
    } else
        fputs(W(t, sc.passed ? FL_W_PLAY_PASSED : FL_W_PLAY_NOT_PASSED), stdout);
    printf("\n\n%s:\n", W(t, FL_W_PLAY_DIMENSIONS));
    for (int d = 0; d < FL_DIM_COUNT; d++) {
        if (!sc.applicable[d]) {
            if (d != FL_DIM_RESPONSIVENESS || fl_session_engine(ss)->timed)
                printf("  %-18s %s\n", W(t, fl_word_dimension(d)), W(t, FL_W_PLAY_NOT_APPLICABLE));
            continue;
        }
        char bar[11];
        int filled = (sc.score[d] + 5) / 10;
        for (int i = 0; i < 10; i++)
            bar[i] = i < filled ? '#' : '.';
        bar[10] = '\0';
        /* pad by characters: Russian names are multi-byte */
        const char *name = W(t, fl_word_dimension(d));
        size_t chars = fl_utf8_length(name, strlen(name));
        printf("  %s%*s %3d  %s\n", name, (int)(chars < 18 ? 18 - chars : 0), "", sc.score[d], bar);
    }
    printf("\n%s:\n", W(t, FL_W_FINDINGS));
    if (!fs.n)
        printf("  %s\n", W(t, FL_W_NO_FINDINGS));
    for (size_t i = 0; i < fs.n; i++) {
        const fl_finding *f = &fs.items[i];
        char head[160];
        int k = f->critical ? snprintf(head, sizeof(head), "  [%u] %s! ", f->turn,
                                       W(t, FL_W_PLAY_CRITICAL_TAG))
                            : snprintf(head, sizeof(head), "  [%u] ", f->turn);
        if (f->dimension >= 0 && k > 0 && (size_t)k < sizeof(head))
            snprintf(head + k, sizeof(head) - (size_t)k,
                     "%s %+d: ", W(t, fl_word_dimension(f->dimension)), f->points);
        fputs(head, stdout);
        fl_print_wrapped("", f->message);
        if (f->note) {
            char ind[64];
            snprintf(ind, sizeof(ind), "      %s: ", W(t, FL_W_NOTE));
            fl_print_wrapped(ind, f->note);
        }
        if (f->better) {
            char ind[64];
            snprintf(ind, sizeof(ind), "      %s: ", W(t, FL_W_BETTER));
            fl_print_wrapped(ind, f->better);
        }
    }
    fl_findings_free(&fs);
    /* the words that carried each signal of a typed reply, so the trainee sees why */
    size_t nt;
    const fl_turn *turns = fl_session_turns(ss, &nt);
    int head = 0;
    for (size_t i = 0; i < nt; i++) {
        if (!turns[i].typed)
            continue;
        if (!head++)
            printf("\n%s:\n", W(t, FL_W_PLAY_TRIGGERS));
        char pre[32];
        snprintf(pre, sizeof(pre), "  [%u] ", turns[i].turn);
        fl_print_wrapped(pre, turns[i].triggers && turns[i].triggers[0] ? turns[i].triggers
                                                                        : W(t, FL_W_NO_SIGNAL));
    }
    putchar('\n');
    printf(W(t, FL_W_PLAY_SURVEY), sv.csat, sv.ces, sv.nps);
    putchar('\n');
    show_voice(t, ss);
}

/* The reply among those offered whose id is `id`, as an index into the node's replies, or -1:
 * an answer by id holds when a condition hides a reply and the numbers shift. */
static int32_t offered_by_id(const fl_node *nd, const uint32_t *idx, uint32_t n, const char *id)
{
    for (uint32_t i = 0; i < n; i++)
        if (strcmp(nd->replies[idx[i]].id, id) == 0)
            return (int32_t)idx[i];
    return -1;
}

/* Cuts a trailing " @SECONDS" (strictly a time, as in a script) off a line read from a file. */
static void strip_seconds(char *line)
{
    char *at = strrchr(line, '@');
    uint64_t ms;
    if (!at || (at > line && at[-1] != ' ' && at[-1] != '\t') ||
        fl_play_parse_seconds(at + 1, strlen(at + 1), FL_PLAY_SCRIPT_MAX_MS, &ms) != 0)
        return;
    while (at > line && (at[-1] == ' ' || at[-1] == '\t'))
        at--;
    *at = '\0';
}

/* The terminal game. From a terminal it waits for Enter after the briefing; from a file or a pipe
 * (standard input not a terminal) it does not, blank lines and # comments are skipped, typed
 * words may start with a script's "> ", and input that ends before the conversation does is an
 * error naming the node it stopped at (status 1), so a scripted check never shifts by a line
 * nor passes unfinished. 'q' stops either way (status 0). At a choice, a reply's id works as
 * well as its number.
 * show_ids: each reply's id beside its number. `path` names the scenario in messages. */
static int text_loop(fl_terminal *t, fl_round *rd, const fl_session *ss, fl_recorder *rec,
                     int assessment, int show_ids, const char *path)
{
    const fl_engine *eng = fl_session_engine(ss);
    const fl_scenario *s = eng->scenario;
    char *line;
    int over, piped = !isatty(STDIN_FILENO), input_ended = 0;

    printf("%s\n\n", s->title);
    fl_print_wrapped("", s->brief);
    if (s->goal) {
        char g[64];
        snprintf(g, sizeof(g), "%s: ", W(t, FL_W_PLAY_GOAL));
        putchar('\n');
        fl_print_wrapped(g, s->goal);
    }
    printf("\n%s: %s%s%s\n", W(t, FL_W_PLAY_CUSTOMER), s->customer_name,
           s->customer_detail ? " — " : "", s->customer_detail ? s->customer_detail : "");
    if (eng->timed && s->reply_seconds > 0) {
        printf(W(t, FL_W_PLAY_TIMED), (unsigned)s->reply_seconds);
        putchar('\n');
    }
    if (!piped) {
        printf("%s\n", W(t, FL_W_PLAY_START));
        fflush(stdout);
        if (fl_terminal_read_line(t, &line, &over, 0) < 0)
            return 0;
    }
    fflush(stdout);

    /* The round of one keeps the time: when a reply is due, when time is up (the same rule as
     * the desktop's). Its clock starts now, when the trainee has read the briefing. */
    uint64_t t0 = fl_play_now_ms();
    size_t seen = 0;
    fl_round_timeline(rd, &seen);
    uint32_t shown_turn = (uint32_t)-1;
    uint32_t *idx = NULL; /* the replies offered, grown with offered_into() */
    size_t idx_cap = 0;
    while (!fl_session_ended(ss)) {
        uint64_t now = fl_play_now_ms() - t0;
        if (fl_round_tick(rd, now) == -2) {
            free(idx);
            return 1;
        }
        size_t ne;
        const fl_round_event *ev = fl_round_timeline(rd, &ne);
        for (; seen < ne; seen++)
            if (ev[seen].kind == FL_RE_TIMEOUT) {
                printf("\n%s\n", W(t, FL_W_PLAY_TIME_UP));
                fl_play_record(rec, ss, 0);
            }
        if (fl_session_ended(ss))
            break;
        const fl_state *st = fl_session_state(ss);
        const fl_node *nd = fl_session_node(ss);
        const fl_line *l = fl_session_line(ss);
        const int32_t *env = fl_state_cenv(eng, st);
        int64_t got = offered_into(ss, &idx, &idx_cap);
        if (got < 0) {
            oom_message("play");
            free(idx);
            return 1;
        }
        uint32_t n = (uint32_t)got;
        if (shown_turn != st->turn) {
            shown_turn = st->turn;
            printf("\n");
            printf(W(t, FL_W_TURN), (unsigned)st->turn + 1);
            printf("\n");
            if (l) {
                char who[256];
                snprintf(who, sizeof(who), "%s (%s): ", s->customer_name,
                         W(t, fl_word_emotion(l->emotion)));
                fl_print_wrapped(who, l->text);
            }
            printf("  ");
            printf(W(t, FL_W_PLAY_METERS), env[FL_SLOT_MOOD], env[FL_SLOT_PATIENCE],
                   env[FL_SLOT_TRUST]);
            printf("\n");
            if (!nd->free_text) {
                for (uint32_t i = 0; i < n; i++) {
                    char num[320];
                    if (show_ids)
                        snprintf(num, sizeof(num), "  %u. [%s] ", i + 1, nd->replies[idx[i]].id);
                    else
                        snprintf(num, sizeof(num), "  %u. ", i + 1);
                    fl_print_wrapped(num, nd->replies[idx[i]].text);
                }
                printf(W(t, assessment ? FL_W_PLAY_CHOOSE_ASSESSED : FL_W_PLAY_CHOOSE), n);
            } else {
                if (nd->placeholder)
                    printf("  (%s)\n", nd->placeholder);
                printf("%s", W(t, assessment ? FL_W_PLAY_TYPE_ASSESSED : FL_W_PLAY_TYPE));
            }
            fflush(stdout);
        }
        uint64_t due = fl_round_next_ms(rd);
        uint32_t wait = due == UINT64_MAX ? 0
                        : due > now ? (uint32_t)(due - now > UINT32_MAX ? UINT32_MAX : due - now)
                                    : 1;
        int r = fl_terminal_read_line(t, &line, &over, wait);
        if (r == 0)
            continue; /* something is due (the time limit): the tick above applies it */
        if (r == -2) {
            oom_message("play");
            free(idx);
            return 1;
        }
        now = fl_play_now_ms() - t0;
        if (r < 0 || strcmp(line, "q") == 0 || strcmp(line, "Q") == 0) {
            input_ended = r < 0;
            putchar('\n');
            break;
        }
        if (piped && (!line[0] || line[0] == '#'))
            continue;       /* blank lines and comments of a file are no answers (as in a script) */
        if (piped && !over) /* a script's " @SECONDS": here the time is the real time */
            strip_seconds(line);
        if (strcmp(line, "u") == 0 || strcmp(line, "U") == 0) {
            if (assessment) {
                printf("%s\n", W(t, FL_W_PLAY_NO_TAKE_BACK));
                continue;
            }
            printf("%s\n", W(t, fl_round_undo(rd, 1, now) == 0 ? FL_W_PLAY_UNDONE
                                                               : FL_W_PLAY_NOTHING_TO_UNDO));
            fl_play_record(rec, ss, 0);
            shown_turn = (uint32_t)-1;
            continue;
        }
        int rc;
        if (nd->free_text) {
            char *typed = line;
            if (piped && typed[0] == '>') /* a script's "> words" */
                for (typed++; *typed == ' ';)
                    typed++;
            if (!typed[0])
                continue;
            /* one line is one reply: too long, it is asked again (a terminal) or cut between
             * characters with a notice (a pipe), never split into a second reply */
            if (!fl_play_reply_fits(t, typed, over, piped))
                continue;
            /* from a file, a route's id takes that route, as in a script (a terminal types) */
            int32_t route = -1;
            for (uint32_t i = 0; piped && typed == line && i < nd->n_replies; i++)
                if (strcmp(nd->replies[i].id, line) == 0)
                    route = (int32_t)i;
            rc = route >= 0 ? fl_round_route(rd, 1, (uint32_t)route, now)
                            : fl_round_type(rd, 1, typed, strlen(typed), now);
        } else {
            char *end;
            unsigned long k = strtoul(line, &end, 10);
            int32_t by_id = offered_by_id(nd, idx, n, line);
            if (by_id >= 0) {
                rc = fl_round_choose(rd, 1, (uint32_t)by_id, now);
            } else if (end == line || *end || k < 1 || k > n) {
                printf(W(t, FL_W_PLAY_BAD_CHOICE), n);
                putchar('\n');
                continue;
            } else {
                rc = fl_round_choose(rd, 1, idx[k - 1], now);
            }
        }
        if (rc == -2) {
            oom_message("play");
            free(idx);
            return 1;
        }
        if (rc == -1) /* the time ran out just before the reply: the tick shows it */
            continue;
        fl_play_record(rec, ss, 0);
    }
    free(idx);
    const fl_state *st = fl_session_state(ss);
    if (st->ended && !st->hung_up) {
        const fl_line *l = fl_session_line(ss);
        if (l) {
            char who[256];
            snprintf(who, sizeof(who), "\n%s (%s): ", s->customer_name,
                     W(t, fl_word_emotion(l->emotion)));
            fl_print_wrapped(who, l->text);
        }
    }
    fl_play_show_results(t, ss);
    fflush(stdout);
    if (piped && input_ended && !fl_session_ended(ss)) {
        const fl_node *nd = fl_session_node(ss);
        fprintf(stderr, U(FL_W_CMD_PLAY_INPUT_ENDED), nd->id, path, (unsigned)nd->pos.line);
        fputc('\n', stderr);
        return 1;
    }
    return 0;
}

static int run_text(fl_round *rd, const fl_session *ss, fl_recorder *rec, int assessment,
                    int show_ids, const char *path)
{
    fl_terminal t = {.lang = fl_word_lang(fl_session_engine(ss)->scenario->lang)};
    int rc = text_loop(&t, rd, ss, rec, assessment, show_ids, path);
    fl_terminal_free(&t);
    return rc;
}

/* ---- --workshop ------------------------------------------------------------------------ */

/* What the command line asked for, which a workshop's rules may fix or refuse. */
typedef struct {
    const char *group;
    int assessment, untimed;
    uint32_t time_pct;
    int extension_given; /* --extension was given */
} play_choice;

/* Loads the workshop file, printing every problem as lint does. Returns 0 with *out set, 1. */
static int load_workshop(const char *path, fl_workshop **out, fl_workshop_files *files)
{
    fl_diags d;
    fl_diags_init(&d, path);
    const char *env = getenv("FRONTLINE_DATA");
    int rc = fl_workshop_load_file(out, path, &d);
    if (rc == 0)
        rc = fl_workshop_resolve(files, *out, env && *env ? env : FL_DATA_DIR, 0, &d);
    fl_diags_sort(&d);
    char line[2048];
    for (size_t i = 0; i < d.count; i++) {
        fl_diag_format(line, sizeof(line), path, &d.items[i]);
        fprintf(stderr, "%s\n", line);
    }
    if (rc == -2 || d.oom)
        oom_message("play");
    fl_diags_clear(&d);
    return rc == 0 ? 0 : 1;
}

/* Whether `played` (a scenario, or a round when is_round) is one of the workshop's files; if
 * not, says so, naming the library's files. */
static int in_library(const fl_workshop_files *files, const char *played, int is_round)
{
    char *real = realpath(played, NULL);
    int found = 0;
    for (uint32_t i = 0; real && i < files->n && !found; i++)
        found = files->is_round[i] == is_round && strcmp(files->paths[i], real) == 0;
    free(real);
    if (found)
        return 1;
    char list[2048] = "";
    size_t o = 0;
    int n = 0;
    for (uint32_t i = 0; i < files->n && o < sizeof(list); i++)
        if (files->is_round[i] == is_round) {
            const char *slash = strrchr(files->paths[i], '/');
            o += (size_t)snprintf(list + o, sizeof(list) - o, "%s%s", n++ ? ", " : "",
                                  slash ? slash + 1 : files->paths[i]);
        }
    fprintf(stderr, U(is_round ? FL_W_CMD_PLAY_WS_NOT_ROUND : FL_W_CMD_PLAY_WS_NOT_SCENARIO),
            played, n ? list : U(FL_W_CMD_PLAY_WS_HAS_NONE));
    fputc('\n', stderr);
    return 0;
}

/* The session of the day: --session NAME, else the one the local time says. *name is NULL
 * when the workshop has no sessions. Returns 0, or 2 (usage) for a name it does not have. */
static int day_session(const fl_workshop *w, const char *asked, const char **name)
{
    *name = NULL;
    if (asked) {
        int k = fl_workshop_session_find(w, asked);
        if (k >= 0) {
            *name = w->sessions[k].name;
            return 0;
        }
        char list[1200] = "";
        size_t o = 0;
        for (uint32_t i = 0; i < w->n_sessions && o < sizeof(list); i++)
            o += (size_t)snprintf(list + o, sizeof(list) - o, "%s'%s'", i ? ", " : "",
                                  w->sessions[i].name);
        if (!w->n_sessions)
            return fl_usage_error("play", U(FL_W_CMD_PLAY_WS_NO_SESSIONS), asked);
        return fl_usage_error("play", U(FL_W_CMD_PLAY_WS_NO_SESSION), asked, list);
    }
    time_t now = time(NULL);
    struct tm tm;
    int minute = localtime_r(&now, &tm) ? tm.tm_hour * 60 + tm.tm_min : 0;
    int k = fl_workshop_session_at(w, minute);
    if (k >= 0)
        *name = w->sessions[k].name;
    return 0;
}

/* Applies the workshop's group and rules to what the command line chose. Returns 0, or 2 with
 * a message when the command line asks for what the leader locked. */
static int apply_rules(const fl_workshop *w, play_choice *c)
{
    if (w->group) {
        if (c->group && strcmp(c->group, w->group) != 0)
            return fl_usage_error("play", U(FL_W_CMD_PLAY_WS_GROUP), c->group, w->group);
        c->group = w->group;
    }
    if (w->mode == FL_WS_MODE_PRACTICE && c->assessment)
        return fl_usage_error("play", "%s", U(FL_W_CMD_PLAY_WS_PRACTICE));
    if (w->mode == FL_WS_MODE_ASSESSMENT)
        c->assessment = 1; /* no take-backs, whatever was asked */
    if (w->timed == FL_WS_TIMED_YES && c->untimed)
        return fl_usage_error("play", "%s", U(FL_W_CMD_PLAY_WS_TIMED));
    if (w->timed == FL_WS_TIMED_NO) {
        if (c->extension_given)
            return fl_usage_error("play", "%s", U(FL_W_CMD_PLAY_WS_UNTIMED));
        c->untimed = 1;
    }
    if (w->extension != FL_WS_EXT_CHOICE && !c->untimed) {
        uint32_t pct = w->extension == FL_WS_EXT_X15  ? 150
                       : w->extension == FL_WS_EXT_X2 ? 200
                                                      : 100;
        if (c->extension_given && c->time_pct != pct)
            return fl_usage_error("play", U(FL_W_CMD_PLAY_WS_EXTENSION),
                                  fl_ws_extension_name(w->extension),
                                  fl_ws_extension_name(w->extension));
        c->time_pct = pct;
    }
    return 0;
}

static int play_round(const char *round, const char *script, const char *db, const char *trainee,
                      const char *group, uint32_t time_pct, int assessment, int no_store,
                      int show_ids, const fl_workshop *w, const char *day);
static int play_one(const char *path, const char *script, const char *db, const char *trainee,
                    const char *group, int untimed, uint32_t time_pct, int assessment, int no_store,
                    int show_ids, const fl_workshop *w, const char *day);

int fl_cmd_play(int argc, char **argv)
{
    /* The options of every mode (--text, --script, --round), in the order --help lists them. */
    struct {
        const char *script, *round, *db, *trainee, *group, *workshop, *session, *extension;
        int text, show_ids, untimed, assessment, no_store;
    } a = {0};
    const fl_option opts[] = {
        FL_OPTION_FLAG("--text", FL_W_OPT_PLAY_TEXT, &a.text),
        FL_OPTION_FLAG("--show-ids", FL_W_OPT_PLAY_SHOW_IDS, &a.show_ids),
        FL_OPTION_STRING("--script", FL_W_OPT_PLAY_V_SCRIPT, FL_W_OPT_PLAY_SCRIPT, &a.script),
        FL_OPTION_FLAG("--untimed", FL_W_OPT_PLAY_UNTIMED, &a.untimed),
        /* a string, not a choice: "1.5" and "x1" are taken too, and a wrong value gets the
         * message that also points to --untimed */
        FL_OPTION_STRING("--extension", FL_W_OPT_PLAY_V_EXTENSION, FL_W_OPT_PLAY_EXTENSION,
                         &a.extension),
        FL_OPTION_STRING("--round", FL_W_OPT_PLAY_V_ROUND, FL_W_OPT_PLAY_ROUND, &a.round),
        FL_OPTION_SECTION(FL_W_OPT_PLAY_SEC_STORE),
        FL_OPTION_STRING("--db", FL_W_OPT_V_FILE, FL_W_OPT_PLAY_DB, &a.db),
        FL_OPTION_STRING("--trainee", FL_W_OPT_V_NAME, FL_W_OPT_PLAY_TRAINEE, &a.trainee),
        FL_OPTION_STRING("--group", FL_W_OPT_V_NAME, FL_W_OPT_PLAY_GROUP, &a.group),
        FL_OPTION_FLAG("--assessment", FL_W_OPT_PLAY_ASSESSMENT, &a.assessment),
        FL_OPTION_FLAG("--no-store", FL_W_OPT_PLAY_NO_STORE, &a.no_store),
        FL_OPTION_STRING("--workshop", FL_W_OPT_V_FILE, FL_W_OPT_PLAY_WORKSHOP, &a.workshop),
        FL_OPTION_STRING("--session", FL_W_OPT_V_NAME, FL_W_OPT_PLAY_SESSION, &a.session),
        FL_OPTION_SECTION(FL_W_OPT_PLAY_SEC_FALLBACK),
        FL_OPTION_END,
    };
    const fl_command_spec spec = {
        .cmd = "play",
        .opts = opts,
        .usage = FL_W_OPT_PLAY_USAGE,
        .more = FL_W_OPT_PLAY_MORE,
        .column = 19,
        .max_operands = -1, /* a second scenario gets its own message below */
    };
    char **operands = malloc((size_t)(argc > 0 ? argc : 1) * sizeof(*operands));
    if (!operands) {
        oom_message("play");
        return 1;
    }
    int n_operands = 0;
    int parsed = fl_opts_parse(&spec, argc, argv, operands, &n_operands);
    const char *path = n_operands ? operands[0] : NULL;
    const char *second = n_operands > 1 ? operands[1] : NULL;
    free(operands);
    if (parsed)
        return parsed == 1 ? 0 : 2;
    if (second)
        return fl_usage_error("play", U(FL_W_CMD_ONE_SCENARIO), path, second);
    /* values the table takes as they are: an empty one is refused as missing, as before */
    if (a.round && !*a.round)
        return fl_usage_error("play", "%s", U(FL_W_CMD_PLAY_ROUND_NEEDS));
    if (a.script && !*a.script)
        return fl_usage_error("play", "%s", U(FL_W_CMD_PLAY_SCRIPT_NEEDS));
    const char *const *named[] = {&a.db, &a.trainee, &a.group, &a.workshop, &a.session};
    const char *names[] = {"--db", "--trainee", "--group", "--workshop", "--session"};
    for (size_t k = 0; k < sizeof named / sizeof *named; k++)
        if (*named[k] && !**named[k])
            return fl_usage_error("play", U(FL_W_CMD_NEEDS_VALUE), names[k]);
    int extension_given = a.extension != NULL;
    uint32_t time_pct = 100;
    if (a.extension) {
        const char *v = a.extension;
        if (!strcmp(v, "x1.5") || !strcmp(v, "1.5"))
            time_pct = 150;
        else if (!strcmp(v, "x2") || !strcmp(v, "2"))
            time_pct = 200;
        else if (strcmp(v, "x1") != 0 && strcmp(v, "1") != 0)
            return fl_usage_error("play", "%s", U(FL_W_CMD_PLAY_EXTENSION));
    }
    const char *script = a.script, *round = a.round, *db = a.db, *trainee = a.trainee;
    const char *group = a.group, *workshop = a.workshop, *session = a.session;
    int text = a.text, untimed = a.untimed, assessment = a.assessment, no_store = a.no_store;
    int show_ids = a.show_ids;
    if (!text && !script)
        return fl_usage_error("play", "%s", U(FL_W_CMD_PLAY_CHOOSE_MODE));
    if (text && script)
        return fl_usage_error("play", "%s", U(FL_W_CMD_PLAY_EXCLUSIVE));
    if (show_ids && !text)
        return fl_usage_error("play", "%s", U(FL_W_CMD_PLAY_SHOW_IDS));
    if (session && !workshop)
        return fl_usage_error("play", "%s", U(FL_W_CMD_PLAY_SESSION_NEEDS));
    if (round && path)
        return fl_usage_error("play", U(FL_W_CMD_PLAY_ROUND_DROP), path);
    if (!round && !path)
        return fl_usage_error("play", "%s", U(FL_W_CMD_PLAY_NAME_SCENARIO));
    /* names are recorded with every result and exported: valid text of at most the sign-in's
     * length, or refused here (never repaired: the trainee would not recognise the repair) */
    int bad = (trainee && fl_play_check_name("play", "--trainee", trainee, FL_PLAY_NAME_MAX)) ||
              (group && fl_play_check_name("play", "--group", group, FL_PLAY_NAME_MAX)) ||
              (session && fl_play_check_name("play", "--session", session, FL_PLAY_NAME_MAX));
    if (bad)
        return 2;
    fl_play_locale_init(); /* the terminal's encoding, for what is typed */

    fl_workshop *w = NULL;
    const char *day = NULL;
    if (workshop) {
        fl_workshop_files files = {0};
        int ok = load_workshop(workshop, &w, &files) == 0;
        int in = ok && in_library(&files, round ? round : path, round != NULL);
        fl_workshop_files_free(&files);
        int rc = !ok ? 1 : !in ? 2 : 0;
        play_choice c = {group, assessment, untimed, time_pct, extension_given};
        if (rc == 0)
            rc = apply_rules(w, &c);
        if (rc == 0)
            rc = day_session(w, session, &day);
        if (rc != 0) {
            fl_workshop_free(w);
            return rc;
        }
        group = c.group;
        assessment = c.assessment;
        untimed = c.untimed;
        time_pct = c.time_pct;
    }
    int rc = round ? play_round(round, script, db, trainee, group, untimed ? 0 : time_pct,
                                assessment, no_store, show_ids, w, day)
                   : play_one(path, script, db, trainee, group, untimed, time_pct, assessment,
                              no_store, show_ids, w, day);
    fl_workshop_free(w);
    return rc;
}

static int play_round(const char *round, const char *script, const char *db, const char *trainee,
                      const char *group, uint32_t time_pct, int assessment, int no_store,
                      int show_ids, const fl_workshop *w, const char *day)
{
    fl_play_round_opts ro = {
        .round_path = round,
        .script = script,
        .db = db,
        .trainee = trainee,
        .group = group,
        .time_pct = time_pct,
        .assessment = assessment,
        .no_store = no_store,
        .show_ids = show_ids,
        .workshop = w ? w->id : NULL,
        .day_session = day,
    };
    return fl_play_round(&ro);
}

static int play_one(const char *path, const char *script, const char *db, const char *trainee,
                    const char *group, int untimed, uint32_t time_pct, int assessment, int no_store,
                    int show_ids, const fl_workshop *w, const char *day)
{
    fl_scenario *s = NULL;
    if (fl_load_reporting(path, &s) != 0)
        return 1;
    /* A script plays the session directly: its @SECONDS are the time each reply took. The
     * terminal plays a round of one, which keeps the time as every front end does. */
    fl_session *own = NULL;
    fl_round *rd = NULL;
    const fl_session *ss = NULL;
    if (script) {
        fl_session_opts opts = {.timed = !untimed, .lexicon = NULL};
        if (fl_session_new(&own, s, &opts) < 0)
            goto oom;
        ss = own;
    } else {
        fl_round_opts opts = {.time_pct = untimed ? 0 : time_pct, .instant_lines = 1};
        fl_call_view v;
        if (fl_round_new_single(&rd, s, &opts) != 0 || fl_round_tick(rd, 0) < 0 ||
            fl_round_call(rd, 1, &v) != 0)
            goto oom;
        ss = v.session;
    }
    fl_recorder *rec = NULL;
    if (!no_store) {
        fl_recorder_opts ro = {
            .db_path = db,
            .scenario_path = path,
            .trainee = trainee,
            .group = group,
            .workshop = w ? w->id : NULL,
            .day_session = day,
            .mode = assessment ? "assessment" : "practice",
            .player = script ? "script" : "text",
            .time_factor = untimed ? 1.0 : time_pct / 100.0,
            .lang = s->lang,
        };
        if (!(rec = fl_recorder_open(ss, &ro)))
            goto oom;
        fl_play_record(rec, ss, 0);
    }
    int rc = script ? run_script(own, rec, script, path, time_pct, stdout)
                    : run_text(rd, ss, rec, assessment, show_ids, path);
    fl_play_record(rec, ss, 1);
    fl_recorder_free(rec);
    fl_session_free(own);
    fl_round_free(rd);
    fl_scenario_free(s);
    return rc;
oom:
    oom_message("play");
    fl_session_free(own);
    fl_round_free(rd);
    fl_scenario_free(s);
    return 1;
}
