/*
 * text.c - line breaking measured with the font; see text.h.
 *
 * Greedy: each line takes as many words as fit. A word that does not fit on an empty line is
 * cut at the last character that fits (at least one character, so layout always progresses).
 */
#include "text.h"

#include <stdlib.h>
#include <string.h>

int fl_text_width(TTF_Font *font, const char *text, size_t len)
{
    if (!len)
        return 0;
    char stack[512];
    char *buf = len < sizeof(stack) ? stack : malloc(len + 1);
    if (!buf)
        return 0;
    memcpy(buf, text, len);
    buf[len] = '\0';
    int w = 0, h = 0;
    if (TTF_SizeUTF8(font, buf, &w, &h) < 0)
        w = 0;
    if (buf != stack)
        free(buf);
    return w;
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
            while (we < end && text[we] != ' ') {
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
