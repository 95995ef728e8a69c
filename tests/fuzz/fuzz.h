/*
 * fuzz.h - what the libFuzzer targets share: cutting an input into parts, copying a part into a
 * buffer of its exact size (so ASan sees a read one byte past it), and reading the bytes after a
 * document as the choices of a session.
 *
 * A target that checks a property the product promises (a round trip, a count in range) calls
 * fz_fail(), which aborts with the reason: libFuzzer keeps the input as a crash like any other.
 */
#ifndef FL_FUZZ_H
#define FL_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* Run once before the first input: what every input shares (the built-in lexicons) is built
 * here, so that its second of work is not charged to the first input's -timeout. */
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* A broken promise of the product (not a harness failure): say which and abort. */
#define fz_fail(...)                                                                               \
    do {                                                                                           \
        fprintf(stderr, "fuzz: %s:%d: ", __FILE__, __LINE__);                                      \
        fprintf(stderr, __VA_ARGS__);                                                              \
        fputc('\n', stderr);                                                                       \
        abort();                                                                                   \
    } while (0)

/* A copy of p[0..n) in a block of exactly n bytes (plus a NUL when nul), never NULL: the harness
 * has no out-of-memory path of its own. Free it with free(). */
static inline char *fz_copy(const uint8_t *p, size_t n, int nul)
{
    char *c = malloc(n + (nul ? 1 : 0) + (n == 0 && !nul ? 1 : 0));
    if (!c)
        abort();
    if (n)
        memcpy(c, p, n);
    if (nul)
        c[n] = '\0';
    return c;
}

/* The bytes a target reads its choices from; past the end every read gives 0. */
typedef struct {
    const uint8_t *p;
    size_t n, at;
} fz_bytes;

static inline unsigned fz_u8(fz_bytes *b)
{
    return b->at < b->n ? b->p[b->at++] : 0u;
}

static inline uint32_t fz_u32(fz_bytes *b)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++)
        v = v << 8 | fz_u8(b);
    return v;
}

static inline int fz_done(const fz_bytes *b)
{
    return b->at >= b->n;
}

/* Splits data at its last NUL: the document before it (which may hold NULs of its own) and the
 * choices after it. Without a NUL the whole input is the document and there are no choices. */
static inline size_t fz_split_last(const uint8_t *data, size_t size, fz_bytes *tail)
{
    size_t i = size;
    while (i > 0 && data[i - 1] != 0)
        i--;
    if (i == 0) {
        *tail = (fz_bytes){data + size, 0, 0};
        return size;
    }
    *tail = (fz_bytes){data + i, size - i, 0};
    return i - 1;
}

/* Splits data at its first NUL: the part before it, and the rest after it in *rest. */
static inline size_t fz_split_first(const uint8_t *data, size_t size, fz_bytes *rest)
{
    const uint8_t *z = memchr(data, 0, size);
    if (!z) {
        *rest = (fz_bytes){data + size, 0, 0};
        return size;
    }
    size_t k = (size_t)(z - data);
    *rest = (fz_bytes){z + 1, size - k - 1, 0};
    return k;
}

/* A milliseconds value from the choices: mostly seconds (what a trainee takes), sometimes any
 * 32-bit value (the edges of the engine's arithmetic). */
static inline uint32_t fz_ms(fz_bytes *b)
{
    unsigned k = fz_u8(b);
    if (k == 0xff)
        return fz_u32(b);
    return k * 1000u + (k & 7) * 37u;
}

#endif
