/*
 * text.c - line breaking measured with the font; see text.h.
 *
 * Greedy: each line takes as many words as fit. A word that does not fit on an empty line is
 * cut at the last character that fits (at least one character, so layout always progresses).
 * An amount is one word: a space between digit groups ("24 990") or between a number and its
 * currency or unit ("990 ₽", "20 руб.", "€ 20") does not break, as a no-break space would
 * not, because a trainer types ordinary spaces and a price cut in two misleads.
 */
#include "text.h"
#include "vec.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- fallback fonts ---------------------------------------------------------------------- */

/* Each font's fallback, for the characters it lacks (emoji). A handful of fonts: a list. */
static struct {
    TTF_Font *font, *fallback;
} fallbacks[16];

void fl_text_set_fallback(TTF_Font *font, TTF_Font *fallback)
{
    int free_slot = -1;
    for (int i = 0; i < (int)(sizeof(fallbacks) / sizeof(fallbacks[0])); i++) {
        if (fallbacks[i].font == font) {
            fallbacks[i].fallback = fallback;
            if (!fallback)
                fallbacks[i].font = NULL;
            return;
        }
        if (!fallbacks[i].font && free_slot < 0)
            free_slot = i;
    }
    if (fallback && free_slot >= 0) {
        fallbacks[free_slot].font = font;
        fallbacks[free_slot].fallback = fallback;
    }
}

static fl_fallback_loader loader;
static void *loader_ctx;

void fl_text_set_fallback_loader(fl_fallback_loader load, void *ctx)
{
    loader = load;
    loader_ctx = ctx;
}

static TTF_Font *fallback_of(TTF_Font *font)
{
    for (size_t i = 0; i < sizeof(fallbacks) / sizeof(fallbacks[0]); i++)
        if (fallbacks[i].font == font)
            return fallbacks[i].fallback;
    return NULL;
}

/* Whether text has a character from U+2000 on that font lacks. */
static int lacks_some(TTF_Font *font, const char *text, size_t len);

static size_t char_len(const char *p);

static uint32_t decode(const char *p, size_t n)
{
    const unsigned char *u = (const unsigned char *)p;
    switch (n) {
    case 2:
        return (uint32_t)(u[0] & 0x1F) << 6 | (u[1] & 0x3F);
    case 3:
        return (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
    case 4:
        return (uint32_t)(u[0] & 0x07) << 18 | (uint32_t)(u[1] & 0x3F) << 12 |
               (uint32_t)(u[2] & 0x3F) << 6 | (u[3] & 0x3F);
    default:
        return u[0];
    }
}

/* A piece of text drawn with one font. */
typedef struct {
    TTF_Font *font;
    size_t start, len; /* in the run buffer, NUL-terminated there */
} run;

/* Splits text[0..len) into runs of the font and of its fallback: a character goes to the
 * fallback when the font lacks it and the fallback has it. Zero-width joiners and variation
 * selectors after a fallback character are dropped (the fallback is monochrome: no sequences).
 * Writes the runs' text, each NUL-terminated, to buf (len + count bytes); returns the count, 0
 * when the font draws all of it (no fallback needed) or on no memory. */
static size_t split(TTF_Font *font, const char *text, size_t len, char **buf, run **runs)
{
    TTF_Font *fb = fallback_of(font);
    *buf = NULL;
    *runs = NULL;
    if (!fb && !loader)
        return 0;
    /* only characters from U+2000 (lead byte 0xE2 and up) can be missing from Noto Sans */
    size_t i = 0;
    while (i < len && (unsigned char)text[i] < 0xE2)
        i++;
    if (i == len)
        return 0;
    /* the fallback is opened the first time a text needs it */
    if (!fb && (!lacks_some(font, text + i, len - i) || !(fb = loader(font, loader_ctx))))
        return 0;
    size_t n = 0, cap = 8, out = 0;
    char *b = malloc(2 * len + 2);
    run *r = malloc(cap * sizeof(*r));
    if (!b || !r) {
        free(b);
        free(r);
        return 0;
    }
    TTF_Font *cur = NULL;
    int any = 0;
    for (size_t at = 0; at < len;) {
        size_t cl = char_len(text + at);
        if (at + cl > len)
            cl = len - at;
        uint32_t cp = decode(text + at, cl);
        TTF_Font *use = font;
        if (cp >= 0x2000) {
            int joiner = cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F);
            if (joiner && cur == fb) {
                at += cl;
                continue;
            }
            if (!joiner && !TTF_GlyphIsProvided32(font, cp) && TTF_GlyphIsProvided32(fb, cp))
                use = fb;
        }
        if (use != cur) {
            if (cur)
                b[out++] = '\0';
            if (FL_GROW(r, cap, n + 1)) {
                free(b);
                free(r);
                return 0;
            }
            r[n++] = (run){use, out, 0};
            cur = use;
        }
        any |= use == fb;
        memcpy(b + out, text + at, cl);
        out += cl;
        r[n - 1].len += cl;
        at += cl;
    }
    b[out] = '\0';
    if (!any) {
        free(b);
        free(r);
        return 0;
    }
    *buf = b;
    *runs = r;
    return n;
}

static int lacks_some(TTF_Font *font, const char *text, size_t len)
{
    for (size_t at = 0; at < len;) {
        size_t cl = char_len(text + at);
        if (at + cl > len)
            break;
        uint32_t cp = decode(text + at, cl);
        if (cp >= 0x2000 && cp != 0x200D && !(cp >= 0xFE00 && cp <= 0xFE0F) &&
            !TTF_GlyphIsProvided32(font, cp))
            return 1;
        at += cl;
    }
    return 0;
}

static int plain_width(TTF_Font *font, const char *z)
{
    int w = 0, h = 0;
    if (TTF_SizeUTF8(font, z, &w, &h) < 0)
        w = 0;
    return w;
}

int fl_text_width(TTF_Font *font, const char *text, size_t len)
{
    if (!len)
        return 0;
    char *rb;
    run *runs;
    size_t n = split(font, text, len, &rb, &runs);
    if (n) {
        int w = 0;
        for (size_t i = 0; i < n; i++)
            w += plain_width(runs[i].font, rb + runs[i].start);
        free(rb);
        free(runs);
        return w;
    }
    char stack[512];
    char *buf = len < sizeof(stack) ? stack : malloc(len + 1);
    if (!buf)
        return 0;
    memcpy(buf, text, len);
    buf[len] = '\0';
    int w = plain_width(font, buf);
    if (buf != stack)
        free(buf);
    return w;
}

SDL_Surface *fl_text_render(TTF_Font *font, const char *z, SDL_Color c)
{
    char *rb;
    run *runs;
    size_t n = split(font, z, strlen(z), &rb, &runs);
    if (!n)
        return TTF_RenderUTF8_Blended(font, z, c);
    /* each run rendered by its font, on the main font's baseline and within its height, so a
     * line with an emoji is laid out like any other */
    SDL_Surface **parts = calloc(n, sizeof(*parts));
    int total = 0, ok = parts != NULL;
    for (size_t i = 0; ok && i < n; i++) {
        parts[i] = TTF_RenderUTF8_Blended(runs[i].font, rb + runs[i].start, c);
        ok = parts[i] != NULL;
        if (ok)
            total += parts[i]->w;
    }
    SDL_Surface *out = NULL;
    if (ok)
        out = SDL_CreateRGBSurfaceWithFormat(0, total > 0 ? total : 1, TTF_FontHeight(font), 32,
                                             SDL_PIXELFORMAT_ARGB8888);
    if (out) {
        SDL_FillRect(out, NULL, SDL_MapRGBA(out->format, c.r, c.g, c.b, 0));
        int x = 0, base = TTF_FontAscent(font);
        for (size_t i = 0; i < n; i++) {
            SDL_Rect to = {x, base - TTF_FontAscent(runs[i].font), parts[i]->w, parts[i]->h};
            SDL_SetSurfaceBlendMode(parts[i], SDL_BLENDMODE_NONE);
            SDL_BlitSurface(parts[i], NULL, out, &to);
            x += parts[i]->w;
        }
    }
    for (size_t i = 0; parts && i < n; i++)
        SDL_FreeSurface(parts[i]);
    free(parts);
    free(rb);
    free(runs);
    return out;
}

/* Length of the UTF-8 character starting at p (1 for a stray byte). */
static size_t char_len(const char *p)
{
    unsigned char c = (unsigned char)*p;
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    for (size_t i = 1; i < n; i++)
        if (((unsigned char)p[i] & 0xC0) != 0x80)
            return 1;
    return n;
}

/* The longest prefix of text[0..len) that fits in width, cut between characters; at least one
 * character. */
static size_t fit_chars(TTF_Font *font, const char *text, size_t len, int width)
{
    size_t lo = char_len(text), best = lo;
    /* grow by characters while it fits (words are short; long ones are rare) */
    size_t at = lo;
    while (at < len) {
        size_t next = at + char_len(text + at);
        if (next > len || fl_text_width(font, text, next) > width)
            break;
        best = at = next;
    }
    return best;
}

/* Whether text[a..b) is a currency sign or a unit that stays with the number before it, once its
 * trailing punctuation is left out ("руб." and "руб," are "руб"). ASCII letters in any case. */
static int is_unit(const char *text, size_t a, size_t b)
{
    static const char *const units[] = {
        "\u20bd", "\u20ac", "$", "\u00a3", "%",   "руб", "р",   "коп", "тыс", "млн", "млрд",
        "мин",    "с",      "ч", "rub",    "eur", "usd", "gbp", "min", "s",   "h",
    };
    while (b > a && strchr(".,;:!?)", text[b - 1]))
        b--;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        size_t n = strlen(units[i]);
        if (n != b - a)
            continue;
        size_t k = 0;
        while (k < n) {
            char c = text[a + k];
            if (c >= 'A' && c <= 'Z')
                c = (char)(c - 'A' + 'a');
            if (c != units[i][k])
                break;
            k++;
        }
        if (k == n)
            return 1;
    }
    return 0;
}

/* Whether the character that ends at text[i] (exclusive) is a currency sign written before an
 * amount: $, £ or €. */
static int sign_before(const char *text, size_t start, size_t i)
{
    return (i > start && text[i - 1] == '$') ||
           (i >= start + 2 && !memcmp(text + i - 2, "\u00a3", 2)) ||
           (i >= start + 3 && !memcmp(text + i - 3, "\u20ac", 3));
}

/* Whether the single space at text[i] (in the paragraph text[start..end)) joins an amount: digit
 * groups, a number and its unit, a leading currency sign and its number. */
static int glued(const char *text, size_t start, size_t i, size_t end)
{
    if (i == start || i + 1 >= end || text[i + 1] == ' ')
        return 0;
    char before = text[i - 1], after = text[i + 1];
    int digit_before = before >= '0' && before <= '9', digit_after = after >= '0' && after <= '9';
    if (digit_before && digit_after)
        return 1;
    if (digit_after && sign_before(text, start, i))
        return 1;
    if (!digit_before)
        return 0;
    size_t b = i + 1;
    while (b < end && text[b] != ' ')
        b++;
    return is_unit(text, i + 1, b);
}

/* Adds a line (when there is room) and counts it. */
static void emit(TTF_Font *font, const char *text, size_t start, size_t end, fl_text_line *out,
                 size_t max_lines, size_t *n)
{
    if (*n < max_lines)
        out[*n] =
            (fl_text_line){start, end - start, fl_text_width(font, text + start, end - start)};
    (*n)++;
}

/*
 * Each word is measured once and a line's width estimated as the sum of its words and spaces
 * (shaping whole prefixes again and again was most of a frame's cost); when a line is closed it
 * is measured exactly, and in the rare case kerning made it wider than the estimate and the
 * width, its last word moves to the next line.
 */
size_t fl_text_wrap(TTF_Font *font, const char *text, int max_width, fl_text_line *out,
                    size_t max_lines)
{
    size_t n = 0;
    size_t total = strlen(text);
    size_t pos = 0;
    if (max_width < 1)
        max_width = 1;
    int space_w = fl_text_width(font, " ", 1);
    while (pos < total) {
        /* one paragraph: up to the next newline */
        const char *nl = memchr(text + pos, '\n', total - pos);
        size_t end = nl ? (size_t)(nl - text) : total;
        size_t line_start = pos, line_end = pos; /* current line: [line_start, line_end) */
        size_t last_ws = pos, prev_end = pos;    /* the line's last word, and the end before it */
        int est = 0;
        size_t p = pos;
        if (p == end) /* an empty paragraph is an empty line */
            emit(font, text, pos, pos, out, max_lines, &n);
        while (p < end) {
            /* the next word (with a break after '-' or '/') */
            size_t ws = p;
            while (ws < end && text[ws] == ' ')
                ws++;
            size_t we = ws;
            while (we < end && (text[we] != ' ' || glued(text, pos, we, end))) {
                we += char_len(text + we);
                if ((text[we - 1] == '-' || text[we - 1] == '/') && we < end && text[we] != ' ')
                    break;
            }
            if (we > end)
                we = end;
            if (ws == we) { /* only trailing spaces */
                p = end;
                break;
            }
            int ww = fl_text_width(font, text + ws, we - ws);
            if (line_end == line_start) {
                /* first word of the line: starts at its first letter */
                line_start = last_ws = prev_end = ws;
                if (ww <= max_width) {
                    line_end = p = we;
                    est = ww;
                    continue;
                }
                /* too wide for any line: cut it */
                size_t k = fit_chars(font, text + ws, we - ws, max_width);
                emit(font, text, ws, ws + k, out, max_lines, &n);
                line_start = line_end = p = ws + k;
                continue;
            }
            int gap = space_w * (int)(ws - line_end);
            if (est + gap + ww <= max_width) {
                prev_end = line_end;
                last_ws = ws;
                line_end = p = we;
                est += gap + ww;
                continue;
            }
            /* does not fit: close the line, the word starts the next one */
            if (last_ws > line_start &&
                fl_text_width(font, text + line_start, line_end - line_start) > max_width) {
                /* kerning made the line too wide: its last word goes to the next line too */
                emit(font, text, line_start, prev_end, out, max_lines, &n);
                line_start = line_end = p = last_ws;
                continue;
            }
            emit(font, text, line_start, line_end, out, max_lines, &n);
            line_start = line_end = p = ws;
        }
        if (line_end > line_start) {
            if (last_ws > line_start &&
                fl_text_width(font, text + line_start, line_end - line_start) > max_width) {
                emit(font, text, line_start, prev_end, out, max_lines, &n);
                emit(font, text, last_ws, line_end, out, max_lines, &n);
            } else {
                emit(font, text, line_start, line_end, out, max_lines, &n);
            }
        }
        pos = nl ? end + 1 : end;
        if (nl && pos == total) /* a final newline ends the text with an empty line */
            emit(font, text, pos, pos, out, max_lines, &n);
    }
    return n;
}
