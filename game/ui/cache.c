/*
 * cache.c - rendered text kept between frames. A text is rendered (TTF_RenderUTF8_Blended)
 * once per font, colour and content, and its texture reused until it has not been drawn for a
 * few seconds of frames; so a frame that changes nothing re-renders nothing, and scrolling a
 * long transcript only copies textures.
 */
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui.h"

struct fl_cached {
    fl_cached *next;
    uint64_t hash;
    uint64_t used; /* frame it was last drawn */
    SDL_Texture *tex;
    int w, h;
    size_t len;
    char text[]; /* the key: font, colour, then the text */
};

static uint64_t key_hash(const char *k, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)k[i]) * 1099511628211ull;
    return h;
}

SDL_Texture *fl_cache_get(fl_ui *ui, int font, SDL_Color c, const char *text, size_t len, int *w,
                          int *h)
{
    if (!len)
        return NULL;
    char stack[600];
    size_t klen = len + 5;
    char *key = klen <= sizeof(stack) ? stack : malloc(klen);
    if (!key)
        return NULL;
    key[0] = (char)font;
    key[1] = (char)c.r;
    key[2] = (char)c.g;
    key[3] = (char)c.b;
    key[4] = (char)c.a;
    memcpy(key + 5, text, len);
    uint64_t hash = key_hash(key, klen);
    if (!ui->cache) {
        ui->cache_cap = 1024;
        ui->cache = calloc(ui->cache_cap, sizeof(*ui->cache));
        if (!ui->cache)
            goto fail;
    }
    size_t b = (size_t)hash & (ui->cache_cap - 1);
    for (fl_cached *e = ui->cache[b]; e; e = e->next)
        if (e->hash == hash && e->len == klen && memcmp(e->text, key, klen) == 0) {
            e->used = ui->frame;
            *w = e->w;
            *h = e->h;
            if (key != stack)
                free(key);
            return e->tex;
        }
    /* render it */
    char *z = malloc(len + 1);
    if (!z)
        goto fail;
    memcpy(z, text, len);
    z[len] = '\0';
    SDL_Surface *surf = fl_text_render(ui->font[font], z, c);
    free(z);
    if (!surf)
        goto fail;
    SDL_Texture *tex = SDL_CreateTextureFromSurface(ui->ren, surf);
    int sw = surf->w, sh = surf->h;
    SDL_FreeSurface(surf);
    fl_cached *e = tex ? malloc(sizeof(*e) + klen) : NULL;
    if (!e) {
        if (tex)
            SDL_DestroyTexture(tex);
        goto fail;
    }
    e->hash = hash;
    e->used = ui->frame;
    e->tex = tex;
    e->w = sw;
    e->h = sh;
    e->len = klen;
    memcpy(e->text, key, klen);
    e->next = ui->cache[b];
    ui->cache[b] = e;
    ui->cache_n++;
    *w = sw;
    *h = sh;
    if (key != stack)
        free(key);
    return tex;
fail:
    if (key != stack)
        free(key);
    return NULL;
}

static void drop_where(fl_ui *ui, uint64_t older_than, int all)
{
    for (size_t b = 0; ui->cache && b < ui->cache_cap; b++) {
        fl_cached **pp = &ui->cache[b];
        while (*pp) {
            fl_cached *e = *pp;
            if (all || e->used < older_than) {
                *pp = e->next;
                SDL_DestroyTexture(e->tex);
                free(e);
                ui->cache_n--;
            } else {
                pp = &e->next;
            }
        }
    }
}

void fl_cache_clear(fl_ui *ui)
{
    drop_where(ui, 0, 1);
    fl_measured_clear();
}

void fl_cache_trim(fl_ui *ui)
{
    /* keep what was drawn in the last 600 frames, once the cache is large */
    if (ui->cache_n > 2048 && ui->frame > 600)
        drop_where(ui, ui->frame - 600, 0);
    fl_measured_trim(ui->frame);
}
