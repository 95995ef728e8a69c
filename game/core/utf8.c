/*
 * utf8.c - see utf8.h. Depends on libc only.
 */
#include "utf8.h"
#include "alloc.h"

#include <stdint.h>
#include <string.h>

size_t fl_utf8_lead_length(unsigned char c)
{
    return c < 0x80             ? 1
           : (c & 0xE0) == 0xC0 ? 2
           : (c & 0xF0) == 0xE0 ? 3
           : (c & 0xF8) == 0xF0 ? 4
                                : 0;
}

size_t fl_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (len == 0)
        return 0;
    unsigned c = u[0];
    size_t n = fl_utf8_lead_length(u[0]);
    if (n == 0 || n > len)
        return 0;
    uint32_t v = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
    for (size_t i = 1; i < n; i++) {
        if ((u[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (u[i] & 0x3F);
    }
    if ((n == 2 && v < 0x80) || (n == 3 && v < 0x800) || (n == 4 && v < 0x10000) || v > 0x10FFFF ||
        (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

size_t fl_utf8_length(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

void fl_utf8_lower(char *s, size_t len)
{
    unsigned char *u = (unsigned char *)s;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = fl_utf8_decode(s + i, len - i, &cp);
        if (n == 0) {
            i++;
            continue;
        }
        if (cp >= 'A' && cp <= 'Z') {
            u[i] = (unsigned char)(cp + 32);
        } else if (cp >= 0x0410 && cp <= 0x042F) { /* А..Я -> а..я */
            uint32_t l = cp + 0x20;
            u[i] = (unsigned char)(0xC0 | (l >> 6));
            u[i + 1] = (unsigned char)(0x80 | (l & 0x3F));
        } else if (cp >= 0x0400 && cp <= 0x040F) { /* Ѐ..Џ, Ё among them -> ѐ..џ */
            uint32_t l = cp + 0x50;
            u[i] = (unsigned char)(0xC0 | (l >> 6));
            u[i + 1] = (unsigned char)(0x80 | (l & 0x3F));
        }
        i += n;
    }
}

size_t fl_utf8_prefix(const char *s, size_t chars)
{
    size_t i = 0, n = 0;
    for (; s[i]; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (n == chars)
                break;
            n++;
        }
    }
    return i;
}

size_t fl_utf8_valid_prefix(const char *s, size_t len)
{
    size_t i = 0;
    uint32_t cp;
    while (i < len) {
        if ((unsigned char)s[i] < 0x80) { /* ASCII, the common case, without decoding */
            i++;
            continue;
        }
        size_t n = fl_utf8_decode(s + i, len - i, &cp);
        if (n == 0)
            break;
        i += n;
    }
    return i;
}

int fl_utf8_valid(const char *s, size_t len)
{
    return fl_utf8_valid_prefix(s, len) == len;
}

size_t fl_utf8_invalid_count(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = fl_utf8_valid_prefix(s, len); i < len;
         i += 1 + fl_utf8_valid_prefix(s + i + 1, len - i - 1))
        n++;
    return n;
}

char *fl_utf8_repair(const char *s, size_t len, size_t *out_len)
{
    /* Sized exactly: each bad byte grows by two (U+FFFD is three bytes), so a gigabyte export
     * with a few bad bytes costs a gigabyte, not three. */
    size_t bad = fl_utf8_invalid_count(s, len);
    if (bad > (SIZE_MAX - len - 1) / 2)
        return NULL;
    char *out = fl_malloc(len + 2 * bad + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        size_t ok = fl_utf8_valid_prefix(s + i, len - i);
        memcpy(out + o, s + i, ok);
        o += ok;
        i += ok;
        if (i < len) {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        }
    }
    out[o] = '\0';
    if (out_len)
        *out_len = o;
    return out;
}

size_t fl_utf8_cut(const char *s, size_t len, size_t max_bytes)
{
    if (len <= max_bytes)
        return len;
    size_t n = max_bytes;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}
