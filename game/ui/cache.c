/*
 * cache.c - rendered text kept between frames. A text is rendered (TTF_RenderUTF8_Blended)
 * once per font, colour and content, and its texture reused until it has not been drawn for a
 * few seconds of frames; so a frame that changes nothing re-renders nothing, and scrolling a
 * long transcript only copies textures. The table is the program's one hash table (hmap.h),
 * keyed by the entry's own copy of font, colour and text.
 */
#include <stdlib.h>
#include <string.h>

#include "hmap.h"
#include "text.h"
#include "ui.h"

struct fl_cached {
    uint64_t used; /* frame it was last drawn */
    SDL_Texture *tex;
    int w, h;
    size_t len;
    char text[]; /* the key: font, colour, then the text */
};

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
    fl_hmap_slot *slot = fl_hmap_find(&ui->cache, key, klen);
    if (slot) {
        fl_cached *e = slot->value;
        e->used = ui->frame;
        *w = e->w;
        *h = e->h;
        if (key != stack)
            free(key);
        return e->tex;
    }
    /* render it */
    fl_cached *e = NULL;
    SDL_Texture *tex = NULL;
    char *z = malloc(len + 1);
    if (!z)
        goto fail;
    memcpy(z, text, len);
    z[len] = '\0';
    SDL_Surface *surf = fl_text_render(ui->font[font], z, c);
    free(z);
    if (!surf)
        goto fail;
    tex = SDL_CreateTextureFromSurface(ui->ren, surf);
    int sw = surf->w, sh = surf->h;
    SDL_FreeSurface(surf);
    e = tex ? malloc(sizeof(*e) + klen) : NULL;
    if (!e)
        goto fail;
    e->used = ui->frame;
    e->tex = tex;
    e->w = sw;
    e->h = sh;
    e->len = klen;
    memcpy(e->text, key, klen);
    int added;
    slot = fl_hmap_put(&ui->cache, e->text, e->len, &added);
    if (!slot)
        goto fail;
    slot->value = e;
    *w = sw;
    *h = sh;
    if (key != stack)
        free(key);
    return tex;
fail:
    if (tex)
        SDL_DestroyTexture(tex);
    free(e);
    if (key != stack)
        free(key);
    return NULL;
}

static void drop_where(fl_ui *ui, uint64_t older_than, int all)
{
    fl_hmap *m = &ui->cache;
    for (size_t i = 0; i < m->cap;) {
        fl_hmap_slot *slot = &m->slots[i];
        fl_cached *e = slot->hash ? slot->value : NULL;
        if (e && (all || e->used < older_than)) {
            fl_hmap_remove(m, slot);
            SDL_DestroyTexture(e->tex);
            free(e);
            continue; /* a later entry may have moved into slot i */
        }
        i++;
    }
    if (all)
        fl_hmap_free(m);
}

void fl_cache_clear(fl_ui *ui)
{
    drop_where(ui, 0, 1);
    fl_measured_clear();
}

void fl_cache_trim(fl_ui *ui)
{
    /* keep what was drawn in the last 600 frames, once the cache is large */
    if (ui->cache.count > 2048 && ui->frame > 600)
        drop_where(ui, ui->frame - 600, 0);
    fl_measured_trim(ui->frame);
}
