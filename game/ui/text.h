/*
 * text.h - laying out text in lines of a given width, measured with the real font.
 *
 * Lines break at spaces (and after hyphens and slashes); a word wider than the line (a long
 * Russian compound, an order number, a URL) is cut between characters, never inside one;
 * explicit newlines are kept. Widths are measured by SDL_ttf on the font that will draw the
 * text, so what is laid out is exactly what is drawn, in any script the font has.
 */
#ifndef FL_UI_TEXT_H
#define FL_UI_TEXT_H

#include <stddef.h>

#include <SDL_ttf.h>

typedef struct {
    size_t start, len; /* bytes of the text; trailing spaces not included */
    int width;         /* pixels */
} fl_text_line;

/* Lays out text (UTF-8, NUL-terminated) in lines at most max_width pixels wide. Writes at most
 * max_lines lines to out and returns how many lines the whole text needs (0 for ""), so a
 * caller can size out and call again. */
size_t fl_text_wrap(TTF_Font *font, const char *text, int max_width, fl_text_line *out,
                    size_t max_lines);

/* The width in pixels of text[0..len) in font (and its fallback). */
int fl_text_width(TTF_Font *font, const char *text, size_t len);

/* Characters font lacks (emoji) are measured and drawn with fallback; NULL removes it. */
void fl_text_set_fallback(TTF_Font *font, TTF_Font *fallback);

/* Called the first time a text has a character a font without a fallback lacks: returns the
 * fallback (having set it) or NULL. Lets a large fallback font be opened only when needed. */
typedef TTF_Font *(*fl_fallback_loader)(TTF_Font *font, void *ctx);
void fl_text_set_fallback_loader(fl_fallback_loader load, void *ctx);

/* text (NUL-terminated) rendered blended, like TTF_RenderUTF8_Blended, with the fallback where
 * the font lacks a character; NULL on failure (SDL_GetError says why). */
SDL_Surface *fl_text_render(TTF_Font *font, const char *text, SDL_Color c);

#endif
