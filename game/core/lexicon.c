/*
 * lexicon.c - typed replies: words, stems, signals and what triggered them; see lexicon.h.
 *
 * Entries are sequences of slots, a slot a set of alternatives (a stem or an exact form, as a
 * 64-bit hash) or a gap. Every alternative of an entry's first slot is indexed in one sorted
 * array, so a reply is matched by looking up each of its words (stem and form) there and trying
 * only the entries that can start with it: the cost grows with the reply, not the lexicon.
 */
#include "alloc.h"
#include "lexicon.h"

#include <assert.h>
#include <libstemmer.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "numbers.h"
#include "route.h"
#include "utf8.h"
#include "vec.h"

#define MAX_WORD   128 /* bytes of one word; longer words are cut (they are not words) */
#define NEG_WINDOW 3   /* words before a phrase where a negator cancels it */
#define OFFER_KEY  2   /* words of an offer's name that name it */
/* Forms are hashed apart from stems: the form "sorry" and the stem "sorri" never collide, and a
 * form key can never stand for a stem key of the same bytes. */
#define FORM_SALT 0x9e3779b97f4a7c15ull

typedef struct {
    uint64_t h;
    uint8_t exact; /* h is a form's hash, not a stem's */
} alt;

typedef struct {
    uint32_t off, n; /* alts[off .. off+n); n == 0: a gap (`*`), or with off == ASK_SLOT a `?` */
} slot;

#define ASK_SLOT 1u /* off of the slot `?`: a question mark follows the word before */

typedef struct {
    uint32_t signal; /* fl_signal bit */
    uint32_t exclude;
    uint32_t off, n; /* slots[off .. off+n) */
} entry;

typedef struct {
    uint64_t key;
    uint32_t entry;
} index_item;

/* A sorted set of word keys (stems, or salted forms). */
typedef struct {
    uint64_t *keys;
    size_t n, cap;
} keyset;

struct fl_lexicon {
    struct sb_stemmer *stemmer;
    entry *entries;
    size_t n_entries, cap_entries;
    slot *slots;
    size_t n_slots, cap_slots;
    alt *alts;
    size_t n_alts, cap_alts;
    index_item *index; /* first-slot alternatives, sorted by key */
    size_t n_index, cap_index;
    keyset negators, barriers, stopwords;
    uint32_t negatable;     /* signals negation cancels */
    uint32_t emoji_signals; /* signals of `:emoji:` entries */
    int lang;               /* FL_LANG_EN or FL_LANG_RU: how numbers are read (numbers.h) */
    size_t line_phrases;    /* while reading the .lex: the phrases the current line made */
    fl_words scratch;       /* while reading the .lex: each phrase's words, cut into the same
                               arrays (a fresh fl_words per phrase made about half a million
                               allocations per built-in lexicon); freed once it is read */
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

/* The reading's scratch words, emptied (their arrays kept) for the next phrase. */
static fl_words *scratch_words(fl_lexicon *lx)
{
    fl_words *w = &lx->scratch;
    w->n = 0;
    w->emoji = 0;
    w->emoji_at = w->emoji_end = 0;
    return w;
}

/* ---- words ------------------------------------------------------------------------------ */

static int is_word_char(uint32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
           (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x400 && cp <= 0x4FF);
}

static int is_digit(uint32_t cp)
{
    return cp >= '0' && cp <= '9';
}

static int is_emoji(uint32_t cp)
{
    return (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) ||
           (cp >= 0x1F000 && cp <= 0x1F2FF);
}

/* How much a character between two words separates them. */
static int break_of(uint32_t cp)
{
    switch (cp) {
    case '.':
    case '!':
    case '?':
    case '\n':
    case '\r':
    case 0x2026: /* … */
        return FL_BRK_SENTENCE;
    case ',':
    case ';':
    case ':':
    case '-':
    case '(':
    case ')':
    case '[':
    case ']':
    case '"':
    case 0x2013: /* – */
    case 0x2014: /* — */
    case 0xAB:   /* « */
    case 0xBB:   /* » */
    case 0x201C: /* “ */
    case 0x201D: /* ” */
        return FL_BRK_CLAUSE;
    default:
        return FL_BRK_NONE;
    }
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

static int push(fl_words *w, uint64_t stem, uint64_t form, uint32_t start, uint32_t end, int brk)
{
    if (w->n == w->cap) {
        /* Six arrays of one length: each grows from the shared capacity to the same new one
         * (fl_grow's size depends only on the old capacity and the need), which is recorded
         * once all six have grown. A failure leaves the earlier ones merely larger. */
        size_t c[6] = {w->cap, w->cap, w->cap, w->cap, w->cap, w->cap};
        if (FL_GROW(w->stems, c[0], w->n + 1) || FL_GROW(w->forms, c[1], w->n + 1) ||
            FL_GROW(w->start, c[2], w->n + 1) || FL_GROW(w->end, c[3], w->n + 1) ||
            FL_GROW(w->brk, c[4], w->n + 1) || FL_GROW(w->ask, c[5], w->n + 1))
            return -1;
        w->cap = c[0];
    }
    w->stems[w->n] = stem;
    w->forms[w->n] = form;
    w->start[w->n] = start;
    w->end[w->n] = end;
    w->brk[w->n] = (uint8_t)brk;
    w->ask[w->n] = 0;
    w->n++;
    return 0;
}

/* A token of the first pass: a run of letters, digits and inner apostrophes, or a number read
 * from digits by fl_number_scan(). */
typedef struct {
    uint32_t start, end; /* its bytes in the text */
    uint32_t off, n;     /* its text in the cutter's buffer: lower-cased, or a number's canonical
                            form */
    uint8_t brk;         /* what stands before it: FL_BRK_* */
    uint8_t ask;         /* a question mark follows it */
    uint8_t kind;        /* how fl_number_scan() read a number in digits, else FL_NUM_NONE */
    uint32_t value;      /* FL_NUM_DIGITS: its value */
} token;

#define TOKENS_ON_STACK 64
#define TEXT_ON_STACK   1024

/* The tokens of one text: on the stack for a reply of ordinary length, else on the heap. */
typedef struct {
    token *v;
    fl_number_part *parts; /* what each token is as a part of a number (the second pass) */
    size_t n, cap;
    char *buf; /* the tokens' texts: never more bytes than the text, lower-casing keeps lengths */
    size_t used, size;
    token v0[TOKENS_ON_STACK];
    fl_number_part parts0[TOKENS_ON_STACK];
    char buf0[TEXT_ON_STACK];
} cutter;

static int cutter_init(cutter *c, size_t len)
{
    c->v = c->v0;
    c->parts = c->parts0;
    c->n = c->used = 0;
    c->cap = TOKENS_ON_STACK;
    c->size = len;
    c->buf = len <= TEXT_ON_STACK ? c->buf0 : fl_malloc(len);
    return c->buf ? 0 : -1;
}

static void cutter_free(cutter *c)
{
    if (c->v != c->v0)
        free(c->v);
    if (c->parts != c->parts0)
        free(c->parts);
    if (c->buf != c->buf0)
        free(c->buf);
}

/* Appends a token whose text is s[0..n) (a word: lower-cased here, trailing apostrophes, which
 * are quotes, dropped). Returns 0, or -1 when out of memory. */
static int add_token(cutter *c, const char *text, uint32_t start, uint32_t end, const char *s,
                     size_t n, int brk, int kind, uint32_t value)
{
    if (!kind) {
        /* ' is 1 byte in the text, ’ 3 and ʼ 2 */
        while (n && s[n - 1] == '\'') {
            n--;
            if (text[end - 1] == '\'')
                end -= 1;
            else if ((unsigned char)text[end - 1] == 0xBC && (unsigned char)text[end - 2] == 0xCA)
                end -= 2;
            else
                end -= 3;
        }
        if (!n)
            return 0;
    }
    assert(c->used + n <= c->size); /* a token is never longer than the text it came from */
    if (c->n == c->cap) {
        size_t cap = 2 * c->cap;
        token *v = fl_malloc(cap * sizeof(*v));
        fl_number_part *p = fl_malloc(cap * sizeof(*p));
        if (!v || !p) {
            free(v);
            free(p);
            return -1;
        }
        memcpy(v, c->v, c->n * sizeof(*v));
        if (c->v != c->v0)
            free(c->v);
        if (c->parts != c->parts0)
            free(c->parts);
        c->v = v;
        c->parts = p;
        c->cap = cap;
    }
    memcpy(c->buf + c->used, s, n);
    if (!kind)
        fl_utf8_lower(c->buf + c->used, n);
    c->v[c->n++] =
        (token){start, end, (uint32_t)c->used, (uint32_t)n, (uint8_t)brk, 0, (uint8_t)kind, value};
    c->used += n;
    return 0;
}

/*
 * The first pass: cuts text into tokens (words, and numbers in digits read whole: "9:30",
 * "24 990", "03.12.2026", "21st"), noting what separates them, question marks and the first
 * emoji. Returns 0, or -1 when out of memory.
 */
static int cut(const fl_lexicon *lx, cutter *c, const char *text, size_t len, fl_words *w)
{
    char word[MAX_WORD + 4];
    size_t n = 0, at = 0;
    int brk = FL_BRK_NONE;
    uint32_t prev = 0; /* the character before this one */
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
        if (n == 0 && is_digit(cp)) {
            /* a word that starts with a digit is a number, and letters glued to it are a word
             * of their own ("9pm": 9 and pm) */
            char num[FL_NUMBER_MAX];
            size_t nn, used;
            int kind;
            uint32_t value;
            used = fl_number_scan(lx->lang, text, len, i, num, &nn, &kind, &value);
            if (kind != FL_NUM_NONE) {
                if (add_token(c, text, (uint32_t)i, (uint32_t)(i + used), num, nn, brk, kind,
                              value) < 0)
                    return -1;
                brk = FL_BRK_NONE;
                prev = (unsigned char)text[i + used - 1];
                i += used;
                continue;
            }
        }
        if (is_word_char(cp) || (cp == '\'' && n > 0)) {
            if (!n)
                at = i;
            if (n + 3 <= MAX_WORD)
                put_utf8(word, &n, cp);
        } else {
            if (n && add_token(c, text, (uint32_t)at, (uint32_t)i, word, n, brk, 0, 0) < 0)
                return -1;
            if (n)
                brk = FL_BRK_NONE;
            n = 0;
            int b = break_of(cp);
            /* "3.5", "next-day", "по-русски": a point or a hyphen inside a word or number */
            if ((cp == '.' || cp == ',') && is_digit(prev) && i + 1 < len && text[i + 1] >= '0' &&
                text[i + 1] <= '9')
                b = FL_BRK_NONE;
            if (cp == '-' && is_word_char(prev) && i + 1 < len && text[i + 1] != ' ' &&
                text[i + 1] != '-')
                b = FL_BRK_NONE;
            if (b > brk)
                brk = b;
            if (cp == '?' && c->n)
                c->v[c->n - 1].ask = 1;
            if (is_emoji(cp) && !w->emoji) {
                w->emoji = 1;
                w->emoji_at = (uint32_t)i;
                w->emoji_end = (uint32_t)(i + k);
            }
        }
        prev = cp;
        i += k;
    }
    if (n && add_token(c, text, (uint32_t)at, (uint32_t)len, word, n, brk, 0, 0) < 0)
        return -1;
    return 0;
}

/* Pushes the word s[0..n) (lower-cased) by its Snowball stem. Returns 0, or -1 when out of
 * memory. */
static int stem_push(fl_lexicon *lx, fl_words *w, const char *s, size_t n, uint32_t start,
                     uint32_t end, int brk)
{
    uint64_t form = fl_hash64(s, n) ^ FORM_SALT;
    const sb_symbol *st = sb_stemmer_stem(lx->stemmer, (const sb_symbol *)s, (int)n);
    if (!st)
        return -1;
    return push(w, fl_hash64(st, (size_t)sb_stemmer_length(lx->stemmer)), form, start, end, brk);
}

/*
 * Pushes the number made of tokens [t, t+m) as one word: its stem is its canonical form. Its
 * exact form is the token as written for a number word ("nine", «девяти»: quotes in a .lex
 * phrase keep meaning "this form") and for an ordinal in digits ("1st"), the canonical form for
 * other digits ("09" = "9", a date), and a clock time's hour for a time ("9:30" is "9" in
 * quotes, so a phrase `at "9"` takes any time of that hour), the words joined by one space for
 * several. Returns 0, or -1 when out of memory.
 */
static int number_push(const cutter *c, const char *text, size_t t, size_t m, uint32_t value,
                       fl_words *w)
{
    const token *a = &c->v[t], *z = &c->v[t + m - 1];
    char canon[FL_NUMBER_MAX];
    const char *s = c->buf + a->off;
    size_t n = a->n;
    if (m > 1 || !a->kind)
        n = (size_t)snprintf(canon, sizeof(canon), "%u", value), s = canon;
    uint64_t form;
    if (m == 1 && a->kind == FL_NUM_SUFFIXED) {
        char as[FL_NUMBER_MAX]; /* "1st": digits and two ASCII letters, lower-cased */
        size_t k = a->end - a->start < sizeof(as) ? a->end - a->start : sizeof(as);
        for (size_t i = 0; i < k; i++)
            as[i] = (char)(text[a->start + i] >= 'A' && text[a->start + i] <= 'Z'
                               ? text[a->start + i] | 0x20
                               : text[a->start + i]);
        form = fl_hash64(as, k);
    } else if (m == 1) {
        const char *colon = a->kind == FL_NUM_FIXED ? memchr(s, ':', n) : NULL;
        form = fl_hash64(c->buf + a->off, colon ? (size_t)(colon - s) : a->n);
    } else {
        char words[MAX_WORD * 2];
        size_t k = 0;
        for (size_t i = t; i < t + m; i++) {
            size_t len = c->v[i].n;
            if (k + len + 1 > sizeof(words))
                break;
            if (i > t)
                words[k++] = ' ';
            memcpy(words + k, c->buf + c->v[i].off, len);
            k += len;
        }
        form = fl_hash64(words, k);
    }
    if (push(w, fl_hash64(s, n), form ^ FORM_SALT, a->start, z->end, a->brk) < 0)
        return -1;
    w->ask[w->n - 1] = z->ask;
    return 0;
}

/*
 * The second pass: joins number words and pushes each word of the text, a number by its
 * canonical form, any other word by its stem. Returns 0, or -1 when out of memory.
 */
static int emit(fl_lexicon *lx, cutter *c, const char *text, fl_words *w)
{
    size_t n0 = w->n; /* the words of this text start here */
    for (size_t t = 0; t < c->n; t++) {
        const token *k = &c->v[t];
        uint32_t value = k->value;
        int kind = k->kind ? k->kind : fl_number_word(lx->lang, c->buf + k->off, k->n, &value);
        c->parts[t] = (fl_number_part){kind, value, t > 0 && k->brk == FL_BRK_NONE};
    }
    for (size_t t = 0; t < c->n;) {
        const token *k = &c->v[t];
        uint32_t value = 0;
        size_t m = c->parts[t].kind ? fl_number_join(lx->lang, c->parts + t, c->n - t, &value) : 0;
        if (m) {
            if (number_push(c, text, t, m, value, w) < 0)
                return -1;
            t += m;
            continue;
        }
        if (stem_push(lx, w, c->buf + k->off, k->n, k->start, k->end, k->brk) < 0)
            return -1;
        if (k->ask && w->n > n0)
            w->ask[w->n - 1] = 1;
        t++;
    }
    return 0;
}

int fl_lexicon_words(fl_lexicon *lx, const char *text, size_t len, fl_words *w)
{
    cutter c;
    if (cutter_init(&c, len) < 0)
        return -1;
    int rc = cut(lx, &c, text, len, w);
    if (rc == 0)
        rc = emit(lx, &c, text, w);
    cutter_free(&c);
    if (rc < 0)
        return -1;
    /* emoticons typed with punctuation: :) :-) ;) :D :P and the Russian )) */
    static const char *const faces[] = {":)",  ":-)", ";)", ";-)", ":D",
                                        ":-D", ":P",  "))", ":(",  NULL};
    for (int f = 0; faces[f] && !w->emoji; f++) {
        size_t fl = strlen(faces[f]);
        for (size_t i = 0; i + fl <= len; i++)
            if (memcmp(text + i, faces[f], fl) == 0) {
                w->emoji = 1;
                w->emoji_at = (uint32_t)i;
                w->emoji_end = (uint32_t)(i + fl);
                break;
            }
    }
    return 0;
}

void fl_words_free(fl_words *w)
{
    free(w->stems);
    free(w->forms);
    free(w->start);
    free(w->end);
    free(w->brk);
    free(w->ask);
    memset(w, 0, sizeof(*w));
}

/* ---- matching --------------------------------------------------------------------------- */

static int keyset_has(const keyset *ks, uint64_t key)
{
    size_t lo = 0, hi = ks->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ks->keys[mid] < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < ks->n && ks->keys[lo] == key;
}

/* Whether word p is in the set, by its stem or its exact form. */
static int word_in(const keyset *ks, const fl_words *w, size_t p)
{
    return keyset_has(ks, w->stems[p]) || keyset_has(ks, w->forms[p]);
}

static int alt_hit(const alt *a, const fl_words *w, size_t p)
{
    return (a->exact ? w->forms[p] : w->stems[p]) == a->h;
}

#define SORTED_SLOT 8 /* a slot with this many alternatives or more is searched, not scanned */

/* Orders alternatives by kind (stems first), then key: how a long slot is sorted. */
static int cmp_alt(const void *a, const void *b)
{
    const alt *x = a, *y = b;
    if (x->exact != y->exact)
        return x->exact < y->exact ? -1 : 1;
    return x->h < y->h ? -1 : x->h > y->h;
}

/* Whether word p is one of the slot's alternatives. */
static int slot_hit(const fl_lexicon *lx, const slot *s, const fl_words *w, size_t p)
{
    const alt *v = &lx->alts[s->off];
    if (s->n < SORTED_SLOT) {
        for (uint32_t a = 0; a < s->n; a++)
            if (alt_hit(&v[a], w, p))
                return 1;
        return 0;
    }
    for (uint8_t exact = 0; exact < 2; exact++) {
        alt key = {exact ? w->forms[p] : w->stems[p], exact};
        size_t lo = 0, hi = s->n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (cmp_alt(&v[mid], &key) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < s->n && v[lo].exact == exact && v[lo].h == key.h)
            return 1;
    }
    return 0;
}

/* Matches slots[k..n) of the entry from word p on. Returns the end (one past the last word), or
 * -1. Only a gap backtracks, at most one word each. */
static long match_from(const fl_lexicon *lx, const entry *e, uint32_t k, const fl_words *w,
                       size_t p)
{
    if (k == e->n)
        return (long)p;
    const slot *s = &lx->slots[e->off + k];
    if (s->n == 0 && s->off == ASK_SLOT)
        return p > 0 && w->ask[p - 1] ? match_from(lx, e, k + 1, w, p) : -1;
    if (s->n == 0) {
        long r = match_from(lx, e, k + 1, w, p);
        /* a gap never swallows a negator: "I * understand" is not "I don't understand" */
        if (r >= 0 || p >= w->n || w->brk[p] == FL_BRK_SENTENCE || word_in(&lx->negators, w, p))
            return r;
        return match_from(lx, e, k + 1, w, p + 1);
    }
    if (p >= w->n || (k > 0 && w->brk[p] == FL_BRK_SENTENCE))
        return -1;
    return slot_hit(lx, s, w, p) ? match_from(lx, e, k + 1, w, p + 1) : -1;
}

/* Whether a negator stands within NEG_WINDOW words before word `start`, in its clause. */
static int negated(const fl_lexicon *lx, const fl_words *w, size_t start)
{
    for (size_t d = 1; d <= NEG_WINDOW && d <= start; d++) {
        size_t q = start - d + 1; /* the word after the one looked at */
        if (w->brk[q] != FL_BRK_NONE || word_in(&lx->barriers, w, q))
            return 0;
        if (word_in(&lx->negators, w, start - d))
            return 1;
    }
    return 0;
}

/* The first index item with this key. */
static size_t index_find(const fl_lexicon *lx, uint64_t key)
{
    size_t lo = 0, hi = lx->n_index;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (lx->index[mid].key < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

typedef struct {
    uint32_t signal, from, to; /* words [from, to) */
} span;

/* A growable list of spans that starts in a caller's buffer. */
typedef struct {
    span *v;
    size_t n, cap;
    span *own; /* heap copy once the buffer is full */
    int oom;
} spans;

static void spans_add(spans *s, uint32_t signal, size_t from, size_t to)
{
    if (s->n == s->cap) {
        size_t cap = 2 * s->cap;
        span *v = fl_malloc(cap * sizeof(*v));
        if (!v) {
            s->oom = 1;
            return;
        }
        memcpy(v, s->v, s->n * sizeof(*v));
        free(s->own);
        s->v = s->own = v;
        s->cap = cap;
    }
    s->v[s->n++] = (span){signal, (uint32_t)from, (uint32_t)to};
}

/* Every match of an entry with exclude == `exclude` at every word, into out. */
static void find(const fl_lexicon *lx, const fl_words *w, uint32_t exclude, spans *out)
{
    for (size_t p = 0; p < w->n; p++) {
        for (int pass = 0; pass < 2; pass++) {
            uint64_t key = pass ? w->forms[p] : w->stems[p];
            for (size_t i = index_find(lx, key); i < lx->n_index && lx->index[i].key == key; i++) {
                const entry *e = &lx->entries[lx->index[i].entry];
                if (e->exclude != exclude)
                    continue;
                long end = match_from(lx, e, 0, w, p);
                if (end >= 0)
                    spans_add(out, e->signal, p, (size_t)end);
            }
        }
    }
}

static int overlaps(const spans *ex, const span *m)
{
    for (size_t i = 0; i < ex->n; i++)
        if (ex->v[i].signal == m->signal && ex->v[i].from < m->to && m->from < ex->v[i].to)
            return 1;
    return 0;
}

/*
 * The positive matches that count: not overlapped by an exclusion of their signal, not negated.
 * Fills `found` (words) and returns the signals; -1 in found->oom when out of memory.
 */
static uint32_t scan(const fl_lexicon *lx, const fl_words *w, spans *found)
{
    span exbuf[32], posbuf[64];
    spans ex = {exbuf, 0, 32, NULL, 0}, pos = {posbuf, 0, 64, NULL, 0};
    find(lx, w, 1, &ex);
    find(lx, w, 0, &pos);
    uint32_t sig = 0;
    for (size_t i = 0; i < pos.n; i++) {
        const span *m = &pos.v[i];
        if (overlaps(&ex, m))
            continue;
        if ((m->signal & lx->negatable) && negated(lx, w, m->from))
            continue;
        sig |= m->signal;
        if (found)
            spans_add(found, m->signal, m->from, m->to);
    }
    if (found && (ex.oom || pos.oom))
        found->oom = 1;
    free(ex.own);
    free(pos.own);
    return sig;
}

uint32_t fl_lexicon_signals(const fl_lexicon *lx, const fl_words *w)
{
    return (w->emoji ? lx->emoji_signals : 0) | scan(lx, w, NULL);
}

/* The key of an offer: the stems of the first OFFER_KEY words of its name that are not stop
 * words, into key[]; returns how many (0 when the name has none). */
static size_t offer_key(fl_lexicon *lx, const char *text, uint64_t *key, int *oom)
{
    size_t len = strlen(text), a = 0, b = len;
    /* the first quoted part: «...», "...", “...” */
    static const char *const open[] = {"\xC2\xAB", "\"", "\xE2\x80\x9C", NULL};
    static const char *const close[] = {"\xC2\xBB", "\"", "\xE2\x80\x9D", NULL};
    const char *best = NULL;
    int bq = -1;
    for (int q = 0; open[q]; q++) {
        const char *o = strstr(text, open[q]);
        if (o && (!best || o < best)) {
            const char *c = strstr(o + strlen(open[q]), close[q]);
            if (c) {
                best = o;
                bq = q;
            }
        }
    }
    if (best) {
        a = (size_t)(best - text) + strlen(open[bq]);
        b = (size_t)(strstr(text + a, close[bq]) - text);
    } else {
        /* else the head: up to the first : ; , ( or a dash between spaces */
        for (size_t i = 0; i < len; i++) {
            char c = text[i];
            if (c == ':' || c == ';' || c == ',' || c == '(' ||
                (i > 0 && text[i - 1] == ' ' &&
                 (c == '-' || !strncmp(text + i, "\xE2\x80\x93", 3) ||
                  !strncmp(text + i, "\xE2\x80\x94", 3)))) {
                b = i;
                break;
            }
        }
    }
    fl_words nw = {0};
    if (fl_lexicon_words(lx, text + a, b - a, &nw) < 0) {
        fl_words_free(&nw);
        *oom = 1;
        return 0;
    }
    size_t k = 0;
    for (size_t i = 0; i < nw.n && k < OFFER_KEY; i++)
        if (!word_in(&lx->stopwords, &nw, i))
            key[k++] = nw.stems[i];
    fl_words_free(&nw);
    return k;
}

static int cmp_trigger(const void *a, const void *b)
{
    const fl_trigger *x = a, *y = b;
    if (x->signal != y->signal)
        return x->signal < y->signal ? -1 : 1;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end < y->end ? -1 : x->end > y->end;
}

static int add_trigger(fl_explanation *e, uint32_t signal, uint32_t start, uint32_t end)
{
    if (FL_GROW(e->triggers, e->cap, e->n + 1))
        return -1;
    e->triggers[e->n++] = (fl_trigger){signal, start, end};
    e->signals |= signal;
    return 0;
}

int fl_lexicon_explain_words(fl_lexicon *lx, const fl_words *w, const fl_offer *offers,
                             uint32_t n_offers, fl_explanation *out)
{
    out->n = 0;
    out->signals = 0;
    span buf[32];
    spans found = {buf, 0, 32, NULL, 0};
    scan(lx, w, &found);
    /* the scenario's offers, by name, as upsell phrases */
    int oom = 0;
    for (uint32_t o = 0; o < n_offers && !oom; o++) {
        uint64_t key[OFFER_KEY];
        size_t k = offer_key(lx, offers[o].text ? offers[o].text : "", key, &oom);
        if (!k)
            continue;
        for (size_t p = 0; p + k <= w->n; p++) {
            size_t j = 0;
            while (j < k && w->stems[p + j] == key[j] &&
                   (j == 0 || w->brk[p + j] != FL_BRK_SENTENCE))
                j++;
            if (j == k && !((FL_SIG_UPSELL & lx->negatable) && negated(lx, w, p)))
                spans_add(&found, FL_SIG_UPSELL, p, p + k);
        }
    }
    int rc = oom || found.oom ? -1 : 0;
    for (size_t i = 0; i < found.n && rc == 0; i++)
        rc = add_trigger(out, found.v[i].signal, w->start[found.v[i].from],
                         w->end[found.v[i].to - 1]);
    free(found.own);
    if (rc == 0 && w->emoji && lx->emoji_signals)
        for (int b = 0; b < FL_SIGNAL_COUNT && rc == 0; b++)
            if (lx->emoji_signals & (1u << b))
                rc = add_trigger(out, 1u << b, w->emoji_at, w->emoji_end);
    if (rc < 0)
        return -1;
    /* in order, and overlapping triggers of a signal as one ("i'm sorry" + "sorry for") */
    if (out->n > 1)
        qsort(out->triggers, out->n, sizeof(*out->triggers), cmp_trigger);
    size_t m = 0;
    for (size_t i = 0; i < out->n; i++) {
        fl_trigger *t = &out->triggers[i];
        if (m && out->triggers[m - 1].signal == t->signal && t->start < out->triggers[m - 1].end) {
            if (t->end > out->triggers[m - 1].end)
                out->triggers[m - 1].end = t->end;
        } else {
            out->triggers[m++] = *t;
        }
    }
    out->n = m;
    return 0;
}

int fl_lexicon_explain(fl_lexicon *lx, const char *text, size_t len, const fl_offer *offers,
                       uint32_t n_offers, fl_explanation *out)
{
    fl_words w = {0};
    int rc = fl_lexicon_words(lx, text, len, &w);
    if (rc == 0)
        rc = fl_lexicon_explain_words(lx, &w, offers, n_offers, out);
    fl_words_free(&w);
    return rc;
}

void fl_explanation_free(fl_explanation *e)
{
    free(e->triggers);
    memset(e, 0, sizeof(*e));
}

char *fl_explanation_format(const fl_explanation *e, const char *text)
{
    size_t cap = 1;
    for (size_t i = 0; i < e->n; i++)
        cap += e->triggers[i].end - e->triggers[i].start + 24;
    char *s = fl_malloc(cap);
    if (!s)
        return NULL;
    size_t n = 0;
    for (size_t i = 0; i < e->n; i++) {
        const fl_trigger *t = &e->triggers[i];
        int first = i == 0 || e->triggers[i - 1].signal != t->signal;
        if (first) {
            int b = 0;
            while (b < FL_SIGNAL_COUNT && t->signal != 1u << b)
                b++;
            n += (size_t)sprintf(s + n, "%s%s: ", i ? "; " : "", fl_signal_name(b));
        } else {
            n += (size_t)sprintf(s + n, ", ");
        }
        int space = 0;
        for (uint32_t c = t->start; c < t->end; c++) {
            unsigned char ch = (unsigned char)text[c];
            if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
                space = 1;
                continue;
            }
            if (space)
                s[n++] = ' ';
            space = 0;
            s[n++] = (char)ch;
        }
    }
    s[n] = '\0';
    return s;
}

int fl_lexicon_pattern_match(fl_lexicon *lx, const fl_pattern *p, const fl_words *w)
{
    return fl_route_alt_matches(lx, p, w); /* the grammar and its matcher live in route.c */
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

/* Where a parse went wrong, for fail(). */
typedef struct {
    const char *msg;
    size_t col; /* 0-based byte in the line */
} parse_err;

static int add_alt(fl_lexicon *lx, uint64_t h, int exact)
{
    if (FL_GROW(lx->alts, lx->cap_alts, lx->n_alts + 1))
        return -2;
    lx->alts[lx->n_alts++] = (alt){h, (uint8_t)exact};
    return 0;
}

static int add_slot(fl_lexicon *lx, uint32_t off, uint32_t n)
{
    if (FL_GROW(lx->slots, lx->cap_slots, lx->n_slots + 1))
        return -2;
    lx->slots[lx->n_slots++] = (slot){off, n};
    return 0;
}

/*
 * Parses the phrase ph[0..n) (from column `col` of its line) into slots appended to lx->slots.
 * Returns 0, -1 with *pe set, or -2 when out of memory.
 */
static int parse_phrase(fl_lexicon *lx, const char *ph, size_t n, size_t col, parse_err *pe)
{
    int quoted = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && (ph[i] == ' ' || ph[i] == '\t'))
            i++;
        if (i == n)
            break;
        size_t t0 = i;
        while (i < n && ph[i] != ' ' && ph[i] != '\t')
            i++;
        const char *t = ph + t0;
        size_t tn = i - t0;
        int close = 0;
        /* "a"|b: quotes around single alternatives (a whole "a|b" token is quoted as usual) */
        const char *q2 = tn > 2 ? memchr(t + 1, '"', tn - 2) : NULL;
        int per_alt = memchr(t, '|', tn) && q2 && !quoted;
        if (!per_alt && tn && t[0] == '"') {
            if (quoted) {
                *pe = (parse_err){"a quote opens inside quotes", col + t0};
                return -1;
            }
            quoted = 1;
            t++;
            tn--;
        }
        if (!per_alt && tn && t[tn - 1] == '"') {
            if (!quoted) {
                *pe = (parse_err){"a quote closes that never opened", col + t0};
                return -1;
            }
            close = 1;
            tn--;
        }
        if (tn == 1 && t[0] == '*') {
            int rc = add_slot(lx, 0, 0);
            if (rc)
                return rc;
        } else if (tn == 1 && t[0] == '?' && !quoted) {
            size_t rest = i;
            while (rest < n && (ph[rest] == ' ' || ph[rest] == '\t'))
                rest++;
            if (rest < n) {
                *pe = (parse_err){"? can only end a phrase", col + t0};
                return -1;
            }
            int rc = add_slot(lx, ASK_SLOT, 0);
            if (rc)
                return rc;
        } else if (memchr(t, '|', tn)) {
            uint32_t off = (uint32_t)lx->n_alts, na = 0;
            for (size_t a = 0; a <= tn;) {
                size_t b = a;
                while (b < tn && t[b] != '|')
                    b++;
                int exact = quoted;
                size_t a1 = a, b1 = b;
                if (per_alt && b1 - a1 >= 2 && t[a1] == '"' && t[b1 - 1] == '"') {
                    exact = 1;
                    a1++;
                    b1--;
                }
                fl_words *w = scratch_words(lx);
                if (fl_lexicon_words(lx, t + a1, b1 - a1, w) < 0)
                    return -2;
                if (w->n != 1) {
                    *pe = (parse_err){"each alternative of a|b must be one word",
                                      col + (size_t)(t - ph) + a};
                    return -1;
                }
                int rc = add_alt(lx, exact ? w->forms[0] : w->stems[0], exact);
                if (rc)
                    return rc;
                na++;
                a = b + 1;
            }
            int rc = add_slot(lx, off, na);
            if (rc)
                return rc;
        } else {
            /* one token may be several words ("e-mail"): a slot each */
            fl_words *w = scratch_words(lx);
            if (fl_lexicon_words(lx, t, tn, w) < 0)
                return -2;
            int rc = 0;
            for (size_t k = 0; k < w->n && rc == 0; k++) {
                rc = add_alt(lx, quoted ? w->forms[k] : w->stems[k], quoted);
                if (rc == 0)
                    rc = add_slot(lx, (uint32_t)lx->n_alts - 1, 1);
            }
            if (rc)
                return rc;
        }
        if (close)
            quoted = 0;
    }
    if (quoted) {
        *pe = (parse_err){"a quote is not closed", col + n};
        return -1;
    }
    return 0;
}

static int keyset_add(keyset *ks, uint64_t key)
{
    if (FL_GROW(ks->keys, ks->cap, ks->n + 1))
        return -2;
    ks->keys[ks->n++] = key;
    return 0;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static int cmp_index(const void *a, const void *b)
{
    const index_item *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->entry < y->entry ? -1 : x->entry > y->entry;
}

/* Adds the entry (or set words) of one phrase without groups. Returns 0, -1 with *pe, -2. */
static int add_phrase(fl_lexicon *lx, keyset *set, uint32_t sig, int exclude, const char *ph,
                      size_t pn, size_t col, parse_err *pe)
{
    size_t slot0 = lx->n_slots, alt0 = lx->n_alts;
    int rc = parse_phrase(lx, ph, pn, col, pe);
    if (rc)
        return rc;
    size_t ns = lx->n_slots - slot0;
    if (ns == 0) {
        *pe = (parse_err){"the phrase has no words", col};
        return -1;
    }
    const slot *last = &lx->slots[lx->n_slots - 1];
    int ask = last->n == 0 && last->off == ASK_SLOT;
    /* `* ?` may end a phrase: a question mark within the gap's words ("извините вы * * ?") */
    if (lx->slots[slot0].n == 0 || (last->n == 0 && !ask)) {
        *pe = (parse_err){"a phrase cannot start or end with *", col};
        return -1;
    }
    if (set) {
        if (ns != 1) {
            *pe = (parse_err){"expected one word (or a|b alternatives)", col};
            return -1;
        }
        for (size_t a = alt0; a < lx->n_alts; a++)
            if ((rc = keyset_add(set, lx->alts[a].h)) != 0)
                return rc;
        lx->n_slots = slot0; /* the words live in the set, not in an entry */
        lx->n_alts = alt0;
        return 0;
    }
    if (FL_GROW(lx->entries, lx->cap_entries, lx->n_entries + 1))
        return -2;
    uint32_t id = (uint32_t)lx->n_entries;
    lx->entries[lx->n_entries++] = (entry){sig, (uint32_t)exclude, (uint32_t)slot0, (uint32_t)ns};
    const slot *first = &lx->slots[slot0];
    for (uint32_t a = 0; a < first->n; a++) {
        if (FL_GROW(lx->index, lx->cap_index, lx->n_index + 1))
            return -2;
        lx->index[lx->n_index++] = (index_item){lx->alts[first->off + a].h, id};
    }
    return 0;
}

#define MAX_PHRASE 2048 /* bytes of one phrase with its groups expanded */
/* Phrases one line may make and a lexicon may hold. Groups of word sequences multiply ("(a b|c d)
 * (e f|g h)" is four phrases), so a line of a few hundred bytes could ask for millions: the
 * built-in lexicons' largest line makes 528 and the English one 8,126 in all. */
#define MAX_LINE_PHRASES 1024
#define MAX_PHRASES      65536

/* Whether every alternative of the group in[0..close) is one word (quoted or not): 1, 0, or -2
 * when out of memory. */
static int one_word_alternatives(fl_lexicon *lx, const char *in, const char *close, parse_err *pe)
{
    (void)pe;
    for (const char *a = in; a <= close;) {
        const char *b = a;
        while (b < close && *b != '|')
            b++;
        const char *x = a, *y = b;
        while (x < y && (*x == ' ' || *x == '\t'))
            x++;
        while (y > x && (y[-1] == ' ' || y[-1] == '\t'))
            y--;
        if (y - x >= 2 && *x == '"' && y[-1] == '"')
            x++, y--;
        if (x == y)
            return 0;
        for (const char *c = x; c < y; c++)
            if (*c == ' ' || *c == '\t' || *c == '"' || *c == '*' || *c == '?')
                return 0;
        fl_words *w = scratch_words(lx);
        if (fl_lexicon_words(lx, x, (size_t)(y - x), w) < 0)
            return -2;
        if (w->n != 1)
            return 0;
        a = b + 1;
    }
    return 1;
}

/*
 * Expands the first group "(a b|c d)" of ph[0..pn) into one phrase per alternative, recursively,
 * and adds each. A group's alternatives are word sequences (a plain a|b is one word's
 * alternatives); groups do not nest. Returns 0, -1 with *pe, -2.
 */
static int expand(fl_lexicon *lx, keyset *set, uint32_t sig, int exclude, const char *ph, size_t pn,
                  size_t col, parse_err *pe)
{
    const char *open = memchr(ph, '(', pn);
    const char *close = memchr(ph, ')', pn);
    if (!open && !close) {
        if (++lx->line_phrases > MAX_LINE_PHRASES) {
            *pe = (parse_err){"the groups of this line make more than 1024 phrases: split it", col};
            return -1;
        }
        if (lx->n_entries >= MAX_PHRASES) {
            *pe = (parse_err){"the lexicon has more than 65536 phrases", col};
            return -1;
        }
        return add_phrase(lx, set, sig, exclude, ph, pn, col, pe);
    }
    if (!open || !close || close < open || memchr(open + 1, '(', (size_t)(close - open - 1))) {
        *pe = (parse_err){"unbalanced or nested ( )", col};
        return -1;
    }
    const char *in = open + 1;
    size_t head = (size_t)(open - ph), tail = pn - (size_t)(close + 1 - ph);
    /* a group of single words is one slot of alternatives, not one entry per word: the same
     * matches, and the entries do not multiply with every group of the line */
    int single = one_word_alternatives(lx, in, close, pe);
    if (single < 0)
        return single;
    if (single) {
        char buf[MAX_PHRASE];
        size_t n = head + 1 + (size_t)(close - in) + 1 + tail;
        if (n > sizeof(buf)) {
            *pe = (parse_err){"the phrase is too long", col};
            return -1;
        }
        memcpy(buf, ph, head);
        size_t k = head;
        buf[k++] = ' ';
        for (const char *c = in; c < close; c++)
            if (*c != ' ' && *c != '\t')
                buf[k++] = *c;
        buf[k++] = ' ';
        memcpy(buf + k, close + 1, tail);
        return expand(lx, set, sig, exclude, buf, k + tail, col, pe);
    }
    for (const char *a = in; a <= close;) {
        const char *b = a;
        while (b < close && *b != '|')
            b++;
        char buf[MAX_PHRASE];
        size_t n = head + 1 + (size_t)(b - a) + 1 + tail;
        if (n > sizeof(buf)) {
            *pe = (parse_err){"the phrase is too long", col};
            return -1;
        }
        memcpy(buf, ph, head);
        buf[head] = ' ';
        memcpy(buf + head + 1, a, (size_t)(b - a));
        buf[head + 1 + (size_t)(b - a)] = ' ';
        memcpy(buf + head + 2 + (size_t)(b - a), close + 1, tail);
        int rc = expand(lx, set, sig, exclude, buf, n, col, pe);
        if (rc)
            return rc;
        a = b + 1;
    }
    return 0;
}

/* Parses one line's `KIND: rest` (l[0..n) without the line break). Returns 0, -1 with *pe, -2. */
static int parse_line(fl_lexicon *lx, const char *l, size_t n, size_t s0, parse_err *pe)
{
    const char *colon = memchr(l + s0, ':', n - s0);
    if (!colon) {
        *pe = (parse_err){"expected 'signal: phrase'", s0};
        return -1;
    }
    const char *kind = l + s0;
    size_t kn = (size_t)(colon - kind);
    const char *ph = colon + 1;
    size_t pn = (size_t)(l + n - ph);
    while (pn && (*ph == ' ' || *ph == '\t'))
        ph++, pn--;
    size_t col = (size_t)(ph - l);
    if (kn == 9 && !memcmp(kind, "negatable", 9)) {
        for (size_t i = 0; i < pn;) {
            while (i < pn && ph[i] == ' ')
                i++;
            size_t a = i;
            while (i < pn && ph[i] != ' ')
                i++;
            if (i == a)
                break;
            uint32_t sig = fl_signal_parse(ph + a, i - a);
            if (!sig) {
                *pe = (parse_err){"unknown signal", col + a};
                return -1;
            }
            lx->negatable |= sig;
        }
        return 0;
    }
    keyset *set = NULL;
    if (kn == 7 && !memcmp(kind, "negator", 7))
        set = &lx->negators;
    else if (kn == 7 && !memcmp(kind, "barrier", 7))
        set = &lx->barriers;
    else if (kn == 8 && !memcmp(kind, "stopword", 8))
        set = &lx->stopwords;
    int exclude = 0;
    uint32_t sig = 0;
    if (!set) {
        if (kn && kind[0] == '!') {
            exclude = 1;
            kind++;
            kn--;
        }
        sig = fl_signal_parse(kind, kn);
        if (!sig) {
            *pe = (parse_err){"unknown signal or keyword", s0};
            return -1;
        }
        if (!exclude && pn == 7 && memcmp(ph, ":emoji:", 7) == 0) {
            lx->emoji_signals |= sig;
            return 0;
        }
    }
    lx->line_phrases = 0;
    return expand(lx, set, sig, exclude, ph, pn, col, pe);
}

int fl_lexicon_new(fl_lexicon **out, const char *lang, const char *text, size_t len,
                   const char *name, char *err, size_t err_size)
{
    *out = NULL;
    const char *alg = algorithm(lang);
    if (!alg)
        return fail(err, err_size, name, 0, 0, "no stemmer for language '%s'", lang ? lang : "");
    fl_lexicon *lx = fl_calloc(1, sizeof(*lx));
    if (!lx)
        return -2;
    lx->lang = fl_word_lang(lang);
    lx->stemmer = sb_stemmer_new(alg, "UTF_8");
    if (!lx->stemmer) {
        free(lx);
        return -2;
    }
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
        parse_err pe = {NULL, 0};
        rc = parse_line(lx, l, n, s0, &pe);
        if (rc == -1)
            fail(err, err_size, name, line, pe.col + 1, "%s", pe.msg);
    }
    fl_words_free(&lx->scratch);
    if (rc) {
        fl_lexicon_free(lx);
        return rc;
    }
    /* qsort() must not see the NULL of an empty array */
    if (lx->n_index > 1)
        qsort(lx->index, lx->n_index, sizeof(*lx->index), cmp_index);
    for (size_t k = 0; k < lx->n_slots; k++)
        if (lx->slots[k].n >= SORTED_SLOT)
            qsort(&lx->alts[lx->slots[k].off], lx->slots[k].n, sizeof(alt), cmp_alt);
    keyset *sets[] = {&lx->negators, &lx->barriers, &lx->stopwords};
    for (int k = 0; k < 3; k++)
        if (sets[k]->n > 1)
            qsort(sets[k]->keys, sets[k]->n, sizeof(uint64_t), cmp_u64);
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
    free(lx->slots);
    free(lx->alts);
    free(lx->index);
    free(lx->negators.keys);
    free(lx->barriers.keys);
    free(lx->stopwords.keys);
    fl_words_free(&lx->scratch);
    free(lx);
}
