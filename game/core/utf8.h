/*
 * utf8.h - the few UTF-8 operations the core needs (lower-casing Latin and Cyrillic, decoding).
 * Depends on libc only.
 */
#ifndef FL_UTF8_H
#define FL_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Lower-cases ASCII letters and Cyrillic capitals (U+0400..U+042F) of s[0..len) in place. Byte
 * lengths do not change for these letters, so the string keeps its length. */
void fl_utf8_lower(char *s, size_t len);

/* Byte length a UTF-8 sequence starting with lead byte c claims (1-4), or 0 for a byte that
 * cannot start one. */
size_t fl_utf8_lead_length(unsigned char c);

/* Decodes the character at s (len bytes available) into *cp and returns its byte length, or 0
 * when s does not start with a valid UTF-8 sequence. */
size_t fl_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Number of characters in the valid UTF-8 string s[0..len). */
size_t fl_utf8_length(const char *s, size_t len);

/* Bytes taken by the first `chars` characters of the NUL-terminated UTF-8 string s (all of it
 * when it is shorter): where to cut it without splitting a character. */
size_t fl_utf8_prefix(const char *s, size_t chars);

/* ---- Text at the boundaries (issue 16): everything that enters is valid UTF-8 from there on -- */

/* Bytes of the longest valid UTF-8 prefix of s[0..len): len when all of it is valid. NUL is a
 * valid character here; callers that hold C strings never pass one. */
size_t fl_utf8_valid_prefix(const char *s, size_t len);

/* 1 when s[0..len) is valid UTF-8 (no overlong forms, surrogates or code points past
 * U+10FFFF), else 0. */
int fl_utf8_valid(const char *s, size_t len);

/* How many bytes of s[0..len) are not part of a valid UTF-8 sequence (what fl_utf8_repair
 * replaces). */
size_t fl_utf8_invalid_count(const char *s, size_t len);

/* A copy of s[0..len) (fl_malloc'd, NUL-terminated; NULL when out of memory) in which every
 * byte that is not part of a valid UTF-8 sequence is replaced by U+FFFD, the replacement
 * character, so that a repair shows where it was. *out_len (may be NULL) gets the copy's
 * length. A valid text is copied unchanged. */
char *fl_utf8_repair(const char *s, size_t len, size_t *out_len);

/* Where to cut s[0..len) to keep at most max_bytes without splitting a character: the largest
 * n <= max_bytes (and <= len) such that s[n] starts a character. */
size_t fl_utf8_cut(const char *s, size_t len, size_t max_bytes);

#endif
