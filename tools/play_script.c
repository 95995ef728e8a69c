/*
 * play_script.c - the script reader of `frontline play --script` and `play --round --script`:
 * a script read whole (from a file, standard input or memory), then line by line, every line
 * checked as it is read (issue 16: valid UTF-8 without NUL, @SECONDS strictly decimal and at most
 * a day, typed replies within the desktop's 1,023 bytes), and the voice lines' figures.
 * fl_play_script_check() runs the same reader over a whole text for the fuzz target and tests:
 * there is no second parser.
 *
 * Depends on the core (catalogue, utf8, alloc) and tools/lang.c (the user's language) only, so a
 * fuzz target links this file alone; it never touches a session, a store or the terminal.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "catalogue.h"
#include "commands.h"
#include "play.h"
#include "utf8.h"
#include "vec.h"

/* The program's own words (messages) in the user's language (commands.h). */
static const char *U(fl_word_id id)
{
    return fl_word(id, fl_user_lang());
}

/* Reads f to its end into b (NUL-terminated), refusing more than FL_PLAY_SCRIPT_MAX_BYTES.
 * Returns 0, -1 a read error or out of memory (errno says which), -3 too large. */
static int read_all(FILE *f, fl_play_buffer *b)
{
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        if (b->len + n > FL_PLAY_SCRIPT_MAX_BYTES)
            return -3;
        if (FL_GROW(b->text, b->cap, b->len + n + 1)) {
            errno = ENOMEM;
            return -1;
        }
        memcpy(b->text + b->len, chunk, n);
        b->len += n;
    }
    if (ferror(f))
        return -1;
    if (!b->text && !(b->text = fl_malloc(1))) {
        errno = ENOMEM;
        return -1;
    }
    b->text[b->len] = '\0';
    return 0;
}

int fl_script_open(fl_script *sc, const char *path)
{
    memset(sc, 0, sizeof(*sc));
    sc->path = path;
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        fprintf(stderr, U(FL_W_CMD_PLAY_SCRIPT_OPEN), path, strerror(errno));
        fputc('\n', stderr);
        return -1;
    }
    int rc = read_all(f, &sc->b);
    if (f != stdin)
        fclose(f);
    if (rc < 0) {
        if (rc == -3)
            fprintf(stderr, U(FL_W_P2_SCRIPT_TOO_BIG), path, FL_PLAY_SCRIPT_MAX_BYTES >> 20);
        else
            fprintf(stderr, U(FL_W_CMD_PLAY_SCRIPT_READ), path, strerror(errno));
        fputc('\n', stderr);
        free(sc->b.text);
        sc->b.text = NULL;
        return -1;
    }
    sc->p = sc->b.text;
    return 0;
}

/* Copies the message src into dst (size n), cut between characters: a message quotes the
 * script's own text, and a cut inside a character would hand the caller invalid UTF-8. */
static void err_copy(char *dst, size_t n, const char *src)
{
    if (!n)
        return;
    size_t k = fl_utf8_cut(src, strlen(src), n - 1);
    memcpy(dst, src, k);
    dst[k] = '\0';
}

/* err_copy() of a formatted message: formats into a buffer larger than any err, then cuts. */
static void err_set(char *dst, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void err_set(char *dst, size_t n, const char *fmt, ...)
{
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    err_copy(dst, n, buf);
}

int fl_script_open_memory(fl_script *sc, const char *buf, size_t len, const char *path)
{
    memset(sc, 0, sizeof(*sc));
    sc->path = path;
    if (len > FL_PLAY_SCRIPT_MAX_BYTES) {
        err_set(sc->err, sizeof(sc->err), U(FL_W_P2_SCRIPT_TOO_BIG), path,
                FL_PLAY_SCRIPT_MAX_BYTES >> 20);
        return -1;
    }
    if (!(sc->b.text = fl_malloc(len + 1))) {
        err_set(sc->err, sizeof(sc->err), U(FL_W_CMD_OOM), "play");
        return -1;
    }
    if (len)
        memcpy(sc->b.text, buf, len);
    sc->b.text[len] = '\0';
    sc->b.len = sc->b.cap = len;
    sc->p = sc->b.text;
    return 0;
}

/* Says what is wrong with line sc->lineno at byte `at` of the line starting at `start` (a valid
 * UTF-8 prefix up to there): "PATH:LINE:COLUMN: why", the column counted in characters. */
static int script_bad(fl_script *sc, const char *start, const char *at, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int script_bad(fl_script *sc, const char *start, const char *at, const char *fmt, ...)
{
    size_t col = fl_utf8_length(start, (size_t)(at - start)) + 1;
    char buf[2048];
    int k = snprintf(buf, sizeof(buf), "%s:%zu:%zu: ", sc->path, sc->lineno, col);
    if (k < 0)
        k = 0;
    if ((size_t)k < sizeof(buf)) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(buf + k, sizeof(buf) - (size_t)k, fmt, ap);
        va_end(ap);
        fl_decimal_comma(buf + k, fl_user_lang());
    }
    err_copy(sc->err, sizeof(sc->err), buf);
    return -1;
}

/* Reads "DIGITS[.DIGITS]" seconds, s[0..n), into milliseconds rounded to the nearest one.
 * Returns 0; -1 when it is not of that form; -2 when it passes max_ms. Strict on purpose: strtod
 * took "0x10" as 16 s, "1e3", " 5", "inf" and "nan" (which passed the range check only because
 * every comparison with NaN is false). */
int fl_play_parse_seconds(const char *s, size_t n, uint64_t max_ms, uint64_t *out)
{
    size_t i = 0;
    uint64_t whole = 0;
    int big = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9') {
        if (whole > max_ms / 1000)
            big = 1; /* keep reading: the form is checked before the range */
        else
            whole = whole * 10 + (uint64_t)(s[i] - '0');
        i++;
    }
    if (i == 0)
        return -1;
    uint64_t frac = 0; /* thousandths */
    if (i < n && s[i] == '.') {
        size_t start = ++i, k = 0;
        int round_up = 0;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, k++) {
            if (k < 3)
                frac = frac * 10 + (uint64_t)(s[i] - '0');
            else if (k == 3)
                round_up = s[i] >= '5';
        }
        if (i == start)
            return -1;
        for (; k < 3; k++)
            frac *= 10;
        frac += (uint64_t)round_up;
    }
    if (i != n)
        return -1;
    if (big || whole > max_ms / 1000)
        return -2;
    uint64_t ms = whole * 1000 + frac;
    if (ms > max_ms)
        return -2;
    *out = ms;
    return 0;
}

/* The typed text of a line, if it is a typed reply: "> words", or a round's "N: > words".
 * Returns a pointer to the words, or NULL. */
static const char *typed_words(const char *l, const char *end)
{
    const char *p = l;
    while (p < end && *p >= '0' && *p <= '9')
        p++;
    if (p > l && p < end && *p == ':')
        for (p++; p < end && (*p == ' ' || *p == '\t');)
            p++;
    else
        p = l;
    if (p >= end || *p != '>')
        return NULL;
    for (p++; p < end && *p == ' ';)
        p++;
    return p;
}

int fl_script_next(fl_script *sc, char **line, uint64_t *ms)
{
    char *end = sc->b.text + sc->b.len;
    while (sc->p < end) {
        char *nl = memchr(sc->p, '\n', (size_t)(end - sc->p));
        char *raw = sc->p, *l = raw;
        size_t len = nl ? (size_t)(nl - sc->p) : (size_t)(end - sc->p);
        sc->p = nl ? nl + 1 : end;
        sc->lineno++;
        /* Text first: a NUL would cut the line short without a word, an invalid byte would
         * reach the store and be lost from every export (issue 16). */
        size_t ok = fl_utf8_valid_prefix(raw, len);
        const char *nul = memchr(raw, '\0', ok);
        if (nul)
            return script_bad(sc, raw, nul, "%s", U(FL_W_P2_SCRIPT_NUL));
        if (ok < len)
            return script_bad(sc, raw, raw + ok, U(FL_W_P2_SCRIPT_NOT_UTF8),
                              (unsigned)(unsigned char)raw[ok]);
        while (len && (l[len - 1] == '\r' || l[len - 1] == ' ' || l[len - 1] == '\t'))
            len--;
        while (len && (*l == ' ' || *l == '\t'))
            l++, len--;
        if (!len || *l == '#')
            continue;
        /* a trailing " @SECONDS" (or a line that is only "@SECONDS") */
        *ms = 0;
        size_t at = len;
        while (at > 0 && l[at - 1] != '@')
            at--;
        if (at > 0 && (at == 1 || l[at - 2] == ' ' || l[at - 2] == '\t')) {
            const char *num = l + at;
            size_t k = len - at;
            int rc = fl_play_parse_seconds(num, k, FL_PLAY_SCRIPT_MAX_MS, ms);
            if (rc < 0) {
                char shown[48];
                size_t cut = fl_utf8_cut(num, k, sizeof(shown) - 4);
                snprintf(shown, sizeof(shown), "%.*s%s", (int)cut, num, cut < k ? "..." : "");
                return rc == -1 ? script_bad(sc, raw, num - 1, U(FL_W_P2_SCRIPT_AT_FORM), shown)
                                : script_bad(sc, raw, num - 1, U(FL_W_P2_SCRIPT_AT_RANGE), shown,
                                             FL_PLAY_SCRIPT_MAX_MS / 1000);
            }
            len = at - 1;
            while (len > 0 && (l[len - 1] == ' ' || l[len - 1] == '\t'))
                len--;
        }
        const char *words = typed_words(l, l + len);
        if (words && (size_t)(l + len - words) > FL_PLAY_REPLY_MAX) {
            size_t keep = fl_utf8_cut(words, (size_t)(l + len - words), FL_PLAY_REPLY_MAX);
            return script_bad(sc, raw, words + keep, U(FL_W_P2_SCRIPT_TYPED_LONG),
                              (size_t)(l + len - words), FL_PLAY_REPLY_MAX);
        }
        l[len] = '\0';
        *line = l;
        return 1;
    }
    return 0;
}

void fl_script_close(fl_script *sc)
{
    free(sc->b.text);
    sc->b.text = NULL;
}

/* 1 when s is an optional '-', decimal digits and an optional fraction ("-12.5", "6"). */
static int strict_decimal(const char *s)
{
    const char *p = s + (*s == '-');
    size_t whole = strspn(p, "0123456789");
    if (!whole)
        return 0;
    p += whole;
    if (*p == '.') {
        size_t frac = strspn(p + 1, "0123456789");
        if (!frac)
            return 0;
        p += 1 + frac;
    }
    return *p == '\0';
}

/* One "name=value" of a voice line: a number in lo..hi (whole when `whole`). */
static int voice_value(const char *name, const char *val, double lo, double hi, int whole,
                       double *out, char *why, size_t whylen)
{
    /* strictly decimal, as @SECONDS: strtod alone also took hex, exponents, inf and nan */
    errno = 0;
    double x = strict_decimal(val) ? strtod(val, NULL) : 0;
    if (!strict_decimal(val) || errno || x != x) {
        err_set(why, whylen, U(FL_W_CMD_VOICE_NOT_NUMBER), name, val);
        return -1;
    }
    if (x < lo || x > hi || (whole && x != (double)(long)x)) {
        err_set(why, whylen, U(whole ? FL_W_CMD_VOICE_RANGE_WHOLE : FL_W_CMD_VOICE_RANGE), name,
                val, lo, hi);
        return -1;
    }
    *out = x;
    return 0;
}

int fl_script_voice(const char *line, fl_voice_figures *f, char *why, size_t whylen)
{
    if (strncmp(line, "voice", 5) != 0 || (line[5] && line[5] != ' ' && line[5] != '\t'))
        return 0;
    static const struct {
        const char *name;
        double lo, hi;
        int whole;
    } keys[] = {
        {"rms", -120, 0, 0},         {"peak", -120, 0, 0}, {"rate", 0, 30, 0},
        {"speech", 0, 600, 0},       {"pause", 0, 600, 0}, {"pauses", 0, 10000, 1},
        {"syllables", 0, 100000, 1},
    };
    enum { K_RMS, K_PEAK, K_RATE, K_SPEECH, K_PAUSE, K_PAUSES, K_SYLLABLES, K_COUNT };
    double v[K_COUNT] = {-24, -6, 4, 2, 0, 0, 0};
    int given[K_COUNT] = {0};
    const char *p = line + 5;
    for (;;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        char item[128];
        size_t n = strcspn(p, " \t");
        if (n >= sizeof(item)) {
            snprintf(item, sizeof(item), "%.*s", (int)fl_utf8_cut(p, n, 40), p);
            err_set(why, whylen, U(FL_W_CMD_VOICE_TOO_LONG), item);
            return -1;
        }
        memcpy(item, p, n);
        item[n] = '\0';
        p += n;
        char *eq = strchr(item, '=');
        if (!eq) {
            err_set(why, whylen, U(FL_W_CMD_VOICE_NOT_PAIR), item);
            return -1;
        }
        *eq = '\0';
        int k = 0;
        while (k < K_COUNT && strcmp(keys[k].name, item) != 0)
            k++;
        if (k == K_COUNT) {
            err_set(why, whylen, U(FL_W_CMD_VOICE_UNKNOWN), item);
            return -1;
        }
        if (given[k]) {
            err_set(why, whylen, U(FL_W_CMD_VOICE_TWICE), item);
            return -1;
        }
        if (voice_value(item, eq + 1, keys[k].lo, keys[k].hi, keys[k].whole, &v[k], why, whylen) <
            0)
            return -1;
        given[k] = 1;
    }
    if (v[K_PAUSE] > v[K_SPEECH]) {
        err_set(why, whylen, U(FL_W_CMD_VOICE_PAUSE), v[K_PAUSE], v[K_SPEECH]);
        return -1;
    }
    /* the rate is syllables over the speaking time (voice.h): derive whichever is missing */
    if (given[K_SYLLABLES] && !given[K_RATE])
        v[K_RATE] = v[K_SPEECH] > 0 ? v[K_SYLLABLES] / v[K_SPEECH] : 0;
    else if (!given[K_SYLLABLES])
        v[K_SYLLABLES] = (double)(long)(v[K_RATE] * v[K_SPEECH] + 0.5);
    *f = (fl_voice_figures){.rms_dbfs = (float)v[K_RMS],
                            .peak_dbfs = (float)v[K_PEAK],
                            .syllables_per_s = (float)v[K_RATE],
                            .speech_s = (float)v[K_SPEECH],
                            .pause_s = (float)v[K_PAUSE],
                            .pauses = (uint32_t)v[K_PAUSES],
                            .syllables = (uint32_t)v[K_SYLLABLES]};
    return 1;
}

int fl_play_script_error(const char *script, size_t line, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s:%zu: ", script, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return 1;
}

int fl_script_voice_line(const char *script, size_t lineno, const char *line, uint64_t ms,
                         const char *measures, fl_voice_figures *f)
{
    char why[256];
    int is_voice = fl_script_voice(line, f, why, sizeof(why));
    if (is_voice < 0) {
        fl_play_script_error(script, lineno, "%s", why);
        return -1;
    }
    if (is_voice && ms) {
        fl_play_script_error(script, lineno, U(FL_W_CMD_VOICE_NO_AT), measures);
        return -1;
    }
    return is_voice;
}

int fl_play_script_check(const char *buf, size_t len, const char *path, char *err, size_t errlen)
{
    fl_script sc;
    if (errlen)
        err[0] = '\0';
    if (fl_script_open_memory(&sc, buf, len, path) < 0) {
        err_copy(err, errlen, sc.err);
        return -1;
    }
    int steps = 0, rc;
    char *line;
    uint64_t ms;
    while ((rc = fl_script_next(&sc, &line, &ms)) == 1) {
        /* a voice line, alone (play --script) or after a round's "N:" */
        const char *act = line;
        const char *colon = strchr(line, ':');
        if (colon && colon > line && strspn(line, "0123456789") == (size_t)(colon - line))
            for (act = colon + 1; *act == ' ' || *act == '\t';)
                act++;
        fl_voice_figures vf;
        char why[256];
        int v = fl_script_voice(act, &vf, why, sizeof(why));
        if (v == 0) {
            steps++;
            continue;
        }
        if (v > 0 && ms)
            snprintf(why, sizeof(why), U(FL_W_CMD_VOICE_NO_AT), U(FL_W_CMD_VOICE_BEFORE_IT));
        if (v < 0 || ms) {
            err_set(err, errlen, "%s:%zu: %s", path, sc.lineno, why);
            rc = -1;
            break;
        }
    }
    if (rc < 0 && sc.err[0])
        err_copy(err, errlen, sc.err);
    fl_script_close(&sc);
    return rc < 0 ? -1 : steps;
}
