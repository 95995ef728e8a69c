/*
 * test_text.c - the desktop's text layout (game/ui/text.c) with the real bundled font and
 * SDL_ttf: wrapping within the width, words that are wider than a line (cut between
 * characters, never inside a UTF-8 sequence), Russian and mixed scripts, newlines, empty text,
 * and emoji drawn with the fallback font.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "text.h"

static TTF_Font *font;

static int setup(void **state)
{
    (void)state;
    if (TTF_Init() < 0)
        return -1;
    font = TTF_OpenFont(FL_SOURCE_DIR "/assets/fonts/NotoSans-Regular.ttf", 18);
    return font ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    TTF_CloseFont(font);
    TTF_Quit();
    return 0;
}

/* Every line fits, and the lines in order give back the text's words. */
static void check_layout(const char *text, int width, size_t expect_min, size_t expect_max)
{
    fl_text_line lines[256];
    size_t n = fl_text_wrap(font, text, width, lines, 256);
    if (n < expect_min || n > expect_max)
        fail_msg("'%.40s' at %d px: %zu lines, expected %zu..%zu", text, width, n, expect_min,
                 expect_max);
    char joined[4096] = "", words[4096] = "";
    for (size_t i = 0; i < n; i++) {
        assert_true(lines[i].start + lines[i].len <= strlen(text));
        int w = fl_text_width(font, text + lines[i].start, lines[i].len);
        assert_int_equal(w, lines[i].width);
        /* a line wider than the width only when it is one character */
        if (w > width) {
            const unsigned char c = (unsigned char)text[lines[i].start];
            size_t one = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
            assert_int_equal(lines[i].len, one);
        }
        /* never starts inside a UTF-8 sequence */
        assert_int_not_equal((unsigned char)text[lines[i].start] & 0xC0, 0x80);
        strncat(joined, text + lines[i].start, lines[i].len);
    }
    /* the same non-space characters, in order */
    size_t k = 0;
    for (const char *p = text; *p; p++)
        if (*p != ' ' && *p != '\n')
            words[k++] = *p;
    words[k] = '\0';
    k = 0;
    char flat[4096];
    for (const char *p = joined; *p; p++)
        if (*p != ' ')
            flat[k++] = *p;
    flat[k] = '\0';
    assert_string_equal(flat, words);
}

static void test_empty(void **state)
{
    (void)state;
    fl_text_line l[4];
    assert_int_equal(fl_text_wrap(font, "", 200, l, 4), 0);
    assert_int_equal(fl_text_wrap(font, "   ", 200, l, 4), 0);
    assert_int_equal(fl_text_width(font, "", 0), 0);
}

static void test_fits_on_one_line(void **state)
{
    (void)state;
    fl_text_line l[4];
    const char *t = "Hello there";
    assert_int_equal(fl_text_wrap(font, t, 1000, l, 4), 1);
    assert_int_equal(l[0].start, 0);
    assert_int_equal(l[0].len, strlen(t));
}

static void test_wraps_at_spaces(void **state)
{
    (void)state;
    const char *t = "I'm really sorry, Helen. You shouldn't have had to call twice. Let me look "
                    "at your order right now and tell you exactly where the bike is.";
    check_layout(t, 300, 4, 8);
    fl_text_line l[16];
    size_t n = fl_text_wrap(font, t, 300, l, 16);
    for (size_t i = 0; i + 1 < n; i++) {
        /* greedy: the next line's first word would not have fitted */
        const char *next = t + l[i + 1].start;
        size_t wl = strcspn(next, " ");
        int with = fl_text_width(font, t + l[i].start, (size_t)(next - (t + l[i].start)) + wl);
        assert_true(with > 300);
        assert_int_not_equal(t[l[i].start], ' ');
    }
}

static void test_russian(void **state)
{
    (void)state;
    check_layout("Две недели! И это уже второй раз, когда я вам звоню. Где моя посылка?", 260, 3,
                 6);
}

static void test_very_long_word(void **state)
{
    (void)state;
    /* a Russian compound and an order number with no spaces, in a narrow column */
    const char *ru = "Превысокомногорассмотрительствующий";
    check_layout(ru, 120, 3, 12);
    const char *num = "ЗАКАЗ-48213-ПОСЫЛКА-0000000000000000000000000";
    check_layout(num, 90, 3, 20);
    /* narrower than one letter: one character per line, still progressing */
    check_layout("Ёжик", 1, 4, 4);
}

static void test_mixed_scripts_and_newlines(void **state)
{
    (void)state;
    const char *t = "Order LT-60482: посылка задерживается 😩\nCall me back / перезвоните";
    check_layout(t, 220, 3, 8);
    fl_text_line l[16];
    size_t n = fl_text_wrap(font, "one\n\ntwo", 500, l, 16);
    assert_int_equal(n, 3); /* the empty paragraph is a line */
    assert_int_equal(l[1].len, 0);
}

static void test_counts_without_room(void **state)
{
    (void)state;
    /* the count is the same whether or not there is room for the lines */
    const char *t = "a b c d e f g h i j k l m n o p q r s t u v w x y z";
    fl_text_line l[2];
    size_t need = fl_text_wrap(font, t, 30, NULL, 0);
    assert_int_equal(fl_text_wrap(font, t, 30, l, 2), need);
    assert_true(need > 2);
}

/* The pixels of a rendered text that are not transparent. */
static int ink(SDL_Surface *s)
{
    SDL_Surface *c = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
    assert_non_null(c);
    int n = 0;
    for (int y = 0; y < c->h; y++)
        for (int x = 0; x < c->w; x++)
            n += (((uint32_t *)((uint8_t *)c->pixels + y * c->pitch))[x] >> 24) > 0x40;
    SDL_FreeSurface(c);
    return n;
}

/* Emoji are not in Noto Sans: with the bundled Symbola as the fallback they are measured and
 * drawn with it, on the same line height, and what follows them keeps its place. */
static void test_emoji_fallback(void **state)
{
    (void)state;
    TTF_Font *emoji = TTF_OpenFont(FL_SOURCE_DIR "/assets/fonts/Symbola.ttf", 18);
    assert_non_null(emoji);
    const char *party = "\xF0\x9F\x8E\x89"; /* U+1F389 PARTY POPPER */
    assert_false(TTF_GlyphIsProvided32(font, 0x1F389));
    assert_true(TTF_GlyphIsProvided32(emoji, 0x1F389));
    SDL_Color black = {0, 0, 0, 255};

    /* without a fallback: Noto's missing-glyph box */
    int box_w = fl_text_width(font, party, strlen(party));
    SDL_Surface *box = fl_text_render(font, party, black);
    assert_non_null(box);

    fl_text_set_fallback(font, emoji);
    int ew = 0, eh = 0;
    TTF_SizeUTF8(emoji, party, &ew, &eh);
    assert_int_equal(fl_text_width(font, party, strlen(party)), ew);
    assert_int_not_equal(ew, box_w);
    /* a line mixing both: the sum of its runs */
    const char *line = "Ну бывает \xF0\x9F\x98\x85 не кипишуй!";
    const char *tail = " не кипишуй!";
    int head_w = fl_text_width(font, "Ну бывает ", strlen("Ну бывает "));
    int tail_w = fl_text_width(font, tail, strlen(tail));
    int ew2 = 0;
    TTF_SizeUTF8(emoji, "\xF0\x9F\x98\x85", &ew2, &eh);
    assert_int_equal(fl_text_width(font, line, strlen(line)), head_w + ew2 + tail_w);
    /* a variation selector after an emoji adds nothing (U+1F44D U+FE0F) */
    assert_int_equal(fl_text_width(font, "\xF0\x9F\x91\x8D\xEF\xB8\x8F", 7),
                     fl_text_width(font, "\xF0\x9F\x91\x8D", 4));
    /* text without emoji is measured as before */
    assert_int_equal(fl_text_width(font, tail, strlen(tail)), tail_w);

    SDL_Surface *drawn = fl_text_render(font, line, black);
    assert_non_null(drawn);
    assert_int_equal(drawn->w, head_w + ew2 + tail_w);
    assert_int_equal(drawn->h, TTF_FontHeight(font));
    SDL_Surface *glyph = fl_text_render(font, party, black);
    assert_non_null(glyph);
    /* the party popper is drawn, not the box: different ink */
    assert_true(ink(glyph) > 20);
    assert_int_not_equal(ink(glyph), ink(box));
    SDL_FreeSurface(glyph);
    SDL_FreeSurface(drawn);
    SDL_FreeSurface(box);
    fl_text_set_fallback(font, NULL);
    assert_int_equal(fl_text_width(font, party, strlen(party)), box_w);
    TTF_CloseFont(emoji);
}

static int loads;
static TTF_Font *lazy_emoji;

static TTF_Font *load_emoji(TTF_Font *f, void *ctx)
{
    (void)ctx;
    loads++;
    lazy_emoji = TTF_OpenFont(FL_SOURCE_DIR "/assets/fonts/Symbola.ttf", 18);
    fl_text_set_fallback(f, lazy_emoji);
    return lazy_emoji;
}

/* The fallback loader is asked only when a text lacks a character, and once. */
static void test_emoji_fallback_loaded_when_needed(void **state)
{
    (void)state;
    loads = 0;
    fl_text_set_fallback_loader(load_emoji, NULL);
    /* Cyrillic, dashes and the rouble sign are Noto's own: no loading */
    const char *plain = "Заказ №48213 — 24 990 \xE2\x82\xBD";
    int w = fl_text_width(font, plain, strlen(plain));
    assert_true(w > 0);
    assert_int_equal(loads, 0);
    const char *thumbs = "OK \xF0\x9F\x91\x8D";
    int tw = fl_text_width(font, thumbs, strlen(thumbs));
    assert_int_equal(loads, 1);
    assert_non_null(lazy_emoji);
    int ok_w = fl_text_width(font, "OK ", 3), ew = 0, eh = 0;
    TTF_SizeUTF8(lazy_emoji, "\xF0\x9F\x91\x8D", &ew, &eh);
    assert_int_equal(tw, ok_w + ew);
    fl_text_width(font, thumbs, strlen(thumbs));
    assert_int_equal(loads, 1);
    fl_text_set_fallback_loader(NULL, NULL);
    fl_text_set_fallback(font, NULL);
    TTF_CloseFont(lazy_emoji);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_fits_on_one_line),
        cmocka_unit_test(test_wraps_at_spaces),
        cmocka_unit_test(test_russian),
        cmocka_unit_test(test_very_long_word),
        cmocka_unit_test(test_mixed_scripts_and_newlines),
        cmocka_unit_test(test_counts_without_room),
        cmocka_unit_test(test_emoji_fallback),
        cmocka_unit_test(test_emoji_fallback_loaded_when_needed),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
