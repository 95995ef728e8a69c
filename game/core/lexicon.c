/*
 * lexicon.c - typed replies: words, stems, signals; see lexicon.h.
 */
#include "lexicon.h"

#include <libstemmer.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

#define MAX_WORD 128 /* bytes of one word; longer words are cut (they are not words) */

typedef struct {
    uint32_t signal; /* fl_signal bit */
    uint32_t off, n; /* stems[off .. off+n) */
} entry;

struct fl_lexicon {
    struct sb_stemmer *stemmer;
    entry *entries;
    size_t n_entries;
    uint64_t *stems;
    size_t n_stems;
    uint32_t emoji_signals; /* signals of `:emoji:` entries */
};

const char *const fl_lexicon_languages[] = {"en", "ru", NULL};

static const char *algorithm(const char *lang)
{
    if (!lang)
        return NULL;
    if (!strcmp(lang, "en"))
        return "english";
    if (!strcmp(lang, "ru"))
        return "russian";
    return NULL;
}

static int is_word_char(uint32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
           (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x400 && cp <= 0x4FF);
}

static int is_emoji(uint32_t cp)
{
    return (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) ||
           (cp >= 0x1F000 && cp <= 0x1F2FF);
}

static void put_utf8(char *buf, size_t *n, uint32_t cp)
{
    if (cp < 0x80) {
        buf[(*n)++] = (char)cp;
    } else if (cp < 0x800) {
        buf[(*n)++] = (char)(0xC0 | (cp >> 6));
        buf[(*n)++] = (char)(0x80 | (cp & 0x3F));
    } else {
        buf[(*n)++] = (char)(0xE0 | (cp >> 12));
        buf[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[(*n)++] = (char)(0x80 | (cp & 0x3F));
    }
}

static int push(fl_words *w, uint64_t h)
{
    if (w->n == w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 32;
        uint64_t *s = realloc(w->stems, cap * sizeof(*s));
        if (!s)
            return -1;
        w->stems = s;
        w->cap = cap;
    }
    w->stems[w->n++] = h;
    return 0;
}

static int stem_push(fl_lexicon *lx, fl_words *w, char *word, size_t n)
{
    /* trailing apostrophes are quotes, not part of the word */
    while (n && word[n - 1] == '\'')
        n--;
    if (!n)
        return 0;
    fl_utf8_lower(word, n);
    const sb_symbol *st = sb_stemmer_stem(lx->stemmer, (const sb_symbol *)word, (int)n);
    if (!st)
        return -1;
    return push(w, fl_hash64(st, (size_t)sb_stemmer_length(lx->stemmer)));
}

int fl_lexicon_words(fl_lexicon *lx, const char *text, size_t len, fl_words *w)
{
    char word[MAX_WORD + 4];
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = fl_utf8_decode(text + i, len - i, &cp);
        if (!k) { /* not UTF-8: skip the byte, it ends a word */
            cp = 0xFFFD;
            k = 1;
        }
        if (cp == 0x2019 || cp == 0x2BC)
            cp = '\'';
        if (cp == 0x401 || cp == 0x451) /* Ё ё read as е */
            cp = 0x435;
        if (is_word_char(cp) || (cp == '\'' && n > 0)) {
            if (n + 3 <= MAX_WORD)
                put_utf8(word, &n, cp);
        } else {
            if (n && stem_push(lx, w, word, n) < 0)
                return -1;
            n = 0;
            if (is_emoji(cp))
                w->emoji = 1;
        }
        i += k;
    }
    if (n && stem_push(lx, w, word, n) < 0)
        return -1;
    /* emoticons typed with punctuation: :) :-) ;) :D :P and the Russian )) */
    static const char *const faces[] = {":)",  ":-)", ";)", ";-)", ":D",
                                        ":-D", ":P",  "))", ":(",  NULL};
    for (int f = 0; faces[f] && !w->emoji; f++) {
        size_t fl = strlen(faces[f]);
        for (size_t i = 0; i + fl <= len; i++)
            if (memcmp(text + i, faces[f], fl) == 0) {
                w->emoji = 1;
                break;
            }
    }
    return 0;
}

void fl_words_free(fl_words *w)
{
    free(w->stems);
    memset(w, 0, sizeof(*w));
}

uint32_t fl_lexicon_signals(const fl_lexicon *lx, const fl_words *w)
{
    uint32_t sig = w->emoji ? lx->emoji_signals : 0;
    for (size_t e = 0; e < lx->n_entries; e++) {
        const entry *en = &lx->entries[e];
        if (sig & en->signal)
            continue;
        const uint64_t *ph = lx->stems + en->off;
        for (size_t i = 0; i + en->n <= w->n; i++) {
            size_t j = 0;
            while (j < en->n && w->stems[i + j] == ph[j])
                j++;
            if (j == en->n) {
                sig |= en->signal;
                break;
            }
        }
    }
    return sig;
}

int fl_lexicon_pattern_match(fl_lexicon *lx, const fl_pattern *p, const fl_words *w)
{
    for (uint32_t k = 0; k < p->n_words; k++) {
        fl_words pw = {0};
        if (fl_lexicon_words(lx, p->words[k], strlen(p->words[k]), &pw) < 0) {
            fl_words_free(&pw);
            return -1;
        }
        /* a pattern word that is several words ("e-mail") needs all of them */
        for (size_t a = 0; a < pw.n; a++) {
            size_t b = 0;
            while (b < w->n && w->stems[b] != pw.stems[a])
                b++;
            if (b == w->n) {
                fl_words_free(&pw);
                return 0;
            }
        }
        fl_words_free(&pw);
    }
    return 1;
}

/* ---- the .lex format ------------------------------------------------------------------- */

static int fail(char *err, size_t size, const char *name, size_t line, size_t col, const char *fmt,
                ...)
{
    if (err && size) {
        int n = snprintf(err, size, "%s:%zu:%zu: ", name, line, col);
        va_list ap;
        va_start(ap, fmt);
        if (n >= 0 && (size_t)n < size)
            vsnprintf(err + n, size - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return -1;
}

int fl_lexicon_new(fl_lexicon **out, const char *lang, const char *text, size_t len,
                   const char *name, char *err, size_t err_size)
{
    *out = NULL;
    const char *alg = algorithm(lang);
    if (!alg)
        return fail(err, err_size, name, 0, 0, "no stemmer for language '%s'", lang ? lang : "");
    fl_lexicon *lx = calloc(1, sizeof(*lx));
    if (!lx)
        return -2;
    lx->stemmer = sb_stemmer_new(alg, "UTF_8");
    if (!lx->stemmer) {
        free(lx);
        return -2;
    }
    size_t cap_e = 0, cap_s = 0;
    size_t line = 0;
    int rc = 0;
    for (size_t i = 0; i < len && rc == 0;) {
        line++;
        size_t end = i;
        while (end < len && text[end] != '\n')
            end++;
        const char *l = text + i;
        size_t n = end - i;
        i = end + 1;
        while (n && (l[n - 1] == '\r' || l[n - 1] == ' ' || l[n - 1] == '\t'))
            n--;
        size_t s0 = 0;
        while (s0 < n && (l[s0] == ' ' || l[s0] == '\t'))
            s0++;
        if (s0 == n || l[s0] == '#')
            continue;
        const char *colon = memchr(l + s0, ':', n - s0);
        if (!colon) {
            rc = fail(err, err_size, name, line, s0 + 1, "expected 'signal: phrase'");
            break;
        }
        uint32_t sig = fl_signal_parse(l + s0, (size_t)(colon - l - (ptrdiff_t)s0));
        if (!sig) {
            rc = fail(err, err_size, name, line, s0 + 1, "unknown signal '%.*s'",
                      (int)(colon - l - (ptrdiff_t)s0), l + s0);
            break;
        }
        const char *ph = colon + 1;
        size_t pn = (size_t)(l + n - ph);
        while (pn && *ph == ' ')
            ph++, pn--;
        if (pn == 7 && memcmp(ph, ":emoji:", 7) == 0) {
            lx->emoji_signals |= sig;
            continue;
        }
        fl_words w = {0};
        if (fl_lexicon_words(lx, ph, pn, &w) < 0) {
            rc = -2;
            break;
        }
        if (w.n == 0) {
            fl_words_free(&w);
            rc = fail(err, err_size, name, line, (size_t)(ph - l) + 1, "the phrase has no words");
            break;
        }
        if (lx->n_entries == cap_e) {
            cap_e = cap_e ? 2 * cap_e : 64;
            entry *e = realloc(lx->entries, cap_e * sizeof(*e));
            if (!e) {
                fl_words_free(&w);
                rc = -2;
                break;
            }
            lx->entries = e;
        }
        while (lx->n_stems + w.n > cap_s) {
            cap_s = cap_s ? 2 * cap_s : 256;
            uint64_t *s = realloc(lx->stems, cap_s * sizeof(*s));
            if (!s) {
                rc = -2;
                break;
            }
            lx->stems = s;
        }
        if (rc) {
            fl_words_free(&w);
            break;
        }
        lx->entries[lx->n_entries++] = (entry){sig, (uint32_t)lx->n_stems, (uint32_t)w.n};
        memcpy(lx->stems + lx->n_stems, w.stems, w.n * sizeof(uint64_t));
        lx->n_stems += w.n;
        fl_words_free(&w);
    }
    if (rc) {
        fl_lexicon_free(lx);
        return rc;
    }
    *out = lx;
    return 0;
}

int fl_lexicon_builtin(fl_lexicon **out, const char *lang, char *err, size_t err_size)
{
    size_t len;
    const char *text = fl_lexicon_builtin_text(lang, &len);
    if (!text) {
        *out = NULL;
        return fail(err, err_size, "frontline", 0, 0, "no lexicon for language '%s'",
                    lang ? lang : "");
    }
    char name[32];
    snprintf(name, sizeof(name), "%s.lex", lang);
    return fl_lexicon_new(out, lang, text, len, name, err, err_size);
}

void fl_lexicon_free(fl_lexicon *lx)
{
    if (!lx)
        return;
    if (lx->stemmer)
        sb_stemmer_delete(lx->stemmer);
    free(lx->entries);
    free(lx->stems);
    free(lx);
}
