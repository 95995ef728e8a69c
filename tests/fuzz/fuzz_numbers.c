/*
 * fuzz_numbers.c - numbers, clock times and dates in typed text (numbers.h): "9:00", "24 990",
 * "03.12.2026", «двадцать пять», "twenty-first".
 *
 * The input is a flags byte (bit 0: Russian, else English) and a text. The target reads it the
 * way the lexicon's tokenizer does: fl_number_scan at the start of every run of digits, the words
 * between them (lower-cased) through fl_number_word, and the parts joined with fl_number_join.
 * Beyond memory and undefined behaviour it checks what numbers.h promises: a scan covers at least
 * one byte and no more than the text, its canonical form is terminated, fits FL_NUMBER_MAX, is
 * no longer than said and is digits, ':' and '.' only; a join takes no more parts than given.
 */
#include "fuzz.h"

#include "catalogue.h"
#include "numbers.h"
#include "utf8.h"

#define MAX_PARTS 64

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '-' || c == ',';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int lang = (data[0] & 1) ? FL_LANG_RU : FL_LANG_EN;
    size_t len = size - 1;
    char *text = fz_copy(data + 1, len, 0);
    fl_number_part parts[MAX_PARTS];
    size_t n_parts = 0;

    for (size_t at = 0; at < len;) {
        if (is_space(text[at])) {
            at++;
            continue;
        }
        fl_number_part p = {.kind = FL_NUM_NONE, .glued = n_parts > 0};
        size_t took;
        if (is_digit(text[at])) {
            char out[FL_NUMBER_MAX];
            memset(out, 0x55, sizeof(out));
            size_t out_len = 0;
            int kind = -1;
            uint32_t value = 0;
            took = fl_number_scan(lang, text, len, at, out, &out_len, &kind, &value);
            if (took == 0 || took > len - at)
                fz_fail("a scan at %zu of %zu bytes covers %zu", at, len, took);
            if (kind != FL_NUM_NONE) {
                if (!memchr(out, '\0', sizeof(out)) || strlen(out) != out_len)
                    fz_fail("a canonical form of %zu bytes is not terminated there", out_len);
                for (size_t i = 0; i < out_len; i++)
                    if (!is_digit(out[i]) && out[i] != ':' && out[i] != '.')
                        fz_fail("the canonical form \"%s\"", out);
                if (kind != FL_NUM_DIGITS && kind != FL_NUM_FIXED && kind != FL_NUM_SUFFIXED)
                    fz_fail("a scan of kind %d", kind);
            }
            p.kind = kind;
            p.value = value;
        } else {
            size_t e = at;
            while (e < len && !is_space(text[e]) && !is_digit(text[e]))
                e++;
            took = e - at;
            char *w = fz_copy((const uint8_t *)text + at, took, 1);
            if (fl_utf8_valid(w, took))
                fl_utf8_lower(w, took);
            uint32_t value = 0;
            p.kind = fl_number_word(lang, w, took, &value);
            p.value = value;
            free(w);
        }
        if (n_parts < MAX_PARTS)
            parts[n_parts++] = p;
        at += took;
    }
    for (size_t i = 0; i < n_parts; i++) {
        uint32_t value = 0;
        size_t k = fl_number_join(lang, parts + i, n_parts - i, &value);
        if (k > n_parts - i)
            fz_fail("a join of %zu parts from %zu", k, n_parts - i);
    }
    free(text);
    return 0;
}
