/*
 * fuzz_lexicon.c - a signal lexicon in the .lex format (scenarios/lexicon/<lang>.lex), and a reply
 * read with it.
 *
 * The input is a flags byte, the lexicon's text, a NUL and a typed reply. Flags bit 0: the
 * lexicon is Russian, else English (the stemmer). The target builds the lexicon from memory
 * (fl_lexicon_new); when it builds, cuts the reply into words, finds its signals and the words
 * that triggered each, with two offers, and formats them as the transcript keeps them. Beyond
 * memory and undefined behaviour it checks that an error message is terminated, names the
 * lexicon and is valid UTF-8 when the text is, and that every trigger lies inside the reply.
 */
#include "fuzz.h"

#include "lexicon.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *lang = (data[0] & 1) ? "ru" : "en";
    fz_bytes rest;
    size_t len = fz_split_first(data + 1, size - 1, &rest);
    char *lex = fz_copy(data + 1, len, 0);
    char *text = fz_copy(rest.p, rest.n, 0);

    fl_lexicon *lx = NULL;
    char err[256];
    memset(err, 0x55, sizeof(err));
    int rc = fl_lexicon_new(&lx, lang, lex, len, "fuzz.lex", err, sizeof(err));
    if (rc == 0) {
        if (!lx)
            fz_fail("built no lexicon");
        fl_words w = {0};
        if (fl_lexicon_words(lx, text, rest.n, &w) != 0)
            abort();
        (void)fl_lexicon_signals(lx, &w);
        fl_words_free(&w);
        fl_offer offers[] = {
            {.id = "o1", .text = "\"Fibre 500\" upgrade", .price_cents = 999},
            {.id = "o2", .text = "Экспресс-доставка, 300 ₽", .price_cents = -1}};
        fl_explanation ex = {0};
        if (fl_lexicon_explain(lx, text, rest.n, offers, 2, &ex) != 0)
            abort();
        for (size_t i = 0; i < ex.n; i++)
            if (ex.triggers[i].start > ex.triggers[i].end || ex.triggers[i].end > rest.n)
                fz_fail("a trigger at %u..%u of %zu bytes", ex.triggers[i].start,
                        ex.triggers[i].end, rest.n);
        if (!memchr(text, '\0', rest.n)) {
            char *f = fl_explanation_format(&ex, text);
            if (!f)
                abort();
            free(f);
        }
        fl_explanation_free(&ex);
        fl_lexicon_free(lx);
    } else if (rc == -1) {
        if (lx)
            fz_fail("refused but gave a lexicon");
        if (!memchr(err, '\0', sizeof(err)))
            fz_fail("the error is not terminated");
        if (strncmp(err, "fuzz.lex", 8) != 0)
            fz_fail("the error does not name the lexicon: %s", err);
        if (fl_utf8_valid(lex, len) && !memchr(lex, '\0', len) && !fl_utf8_valid(err, strlen(err)))
            fz_fail("the error about a valid text is not valid UTF-8: %s", err);
    } else {
        fz_fail("fl_lexicon_new returned %d", rc);
    }
    free(lex);
    free(text);
    return 0;
}
