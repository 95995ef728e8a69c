/*
 * readfile.c - the one place Frontline opens a file a user gave it: only regular files, checked
 * without ever blocking, read (never mapped), within a size limit. See readfile.h for why.
 *
 * How each hazard is met:
 *   - a FIFO: open() with O_NONBLOCK returns at once (a blocking open waits for a writer that
 *     may never come), then fstat() says what it is and it is refused unread;
 *   - a device, a socket, a folder: the same fstat() refuses them (a UNIX socket cannot even be
 *     opened: ENXIO, told apart by a stat()); O_NOCTTY so that a terminal device named by
 *     mistake never becomes the controlling terminal;
 *   - a file an editor cuts or rewrites while it is read: it is read() into memory, so a page
 *     that vanishes under us is a short read, never SIGBUS (what a mapped file gave); a file
 *     that grows past the limit while it is read is refused (one byte past the limit is read to
 *     tell), one that shrinks is read as far as it goes;
 *   - a signal: read() is retried on EINTR.
 * The descriptor is O_CLOEXEC, so a child the program starts (dot, Chromium) never inherits it.
 *
 * This file may use open, fstat and read; no other file of game/core may (tests/core_purity.cmake).
 * Thread-safe: no state. Depends on libc and the core's allocator and catalogue.
 */
#include "readfile.h"

#include "alloc.h"
#include "catalogue.h"

#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

/* The status of a file that is not a regular file, from its mode. */
static fl_file_status kind_of(mode_t mode)
{
    if (S_ISREG(mode))
        return FL_FILE_OK;
    if (S_ISDIR(mode))
        return FL_FILE_FOLDER;
    if (S_ISFIFO(mode))
        return FL_FILE_FIFO;
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return FL_FILE_DEVICE;
    return FL_FILE_SOCKET;
}

fl_file_status fl_file_kind(const char *path, int *err)
{
    struct stat st;
    *err = 0;
    if (stat(path, &st) != 0) {
        *err = errno;
        return FL_FILE_ERRNO;
    }
    return kind_of(st.st_mode);
}

int fl_file_open_regular(const char *path, fl_file_status *status, int *err)
{
    *err = 0;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        int why = errno;
        /* A UNIX socket cannot be opened at all (ENXIO): say what it is, not "no such device". */
        struct stat st;
        if (why == ENXIO && stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
            *status = kind_of(st.st_mode);
            return -1;
        }
        *status = FL_FILE_ERRNO;
        *err = why;
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        *status = FL_FILE_ERRNO;
        *err = errno;
        close(fd);
        return -1;
    }
    *status = kind_of(st.st_mode);
    if (*status != FL_FILE_OK) {
        close(fd);
        return -1;
    }
    /* A regular file never blocks anyway; blocking mode back so that reads are plain. */
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0) {
        *status = FL_FILE_ERRNO;
        *err = errno;
        close(fd);
        return -1;
    }
    return fd;
}

/*
 * Reads fd to its end into a buffer first sized for `size` bytes (what fstat said), grown when
 * the file turns out longer, never beyond max + 1 bytes: a file that grew past the limit is
 * told by that one byte. Returns FL_FILE_OK with *out (NUL-terminated) and *len, or
 * FL_FILE_TOO_LARGE (*len: what was read), FL_FILE_NOMEM, FL_FILE_ERRNO (*err).
 */
static fl_file_status read_all(int fd, size_t size, size_t max, char **out, size_t *len, int *err)
{
    /* Room for the bytes fstat promised, one more (so that the end of a file of exactly that
     * size is seen without growing) and the NUL. */
    size_t cap = (size < max ? size : max) + 2, n = 0;
    char *buf = fl_malloc(cap);
    if (!buf)
        return FL_FILE_NOMEM;
    for (;;) {
        if (n == cap - 1) {
            if (n > max)
                break; /* grew past the limit while read */
            size_t grown = cap - 1 > max / 2 ? max + 2 : 2 * cap;
            char *nb = fl_realloc(buf, grown);
            if (!nb) {
                free(buf);
                return FL_FILE_NOMEM;
            }
            buf = nb;
            cap = grown;
        }
        ssize_t got = read(fd, buf + n, cap - 1 - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            *err = errno;
            free(buf);
            return FL_FILE_ERRNO;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    *len = n;
    if (n > max) {
        free(buf);
        return FL_FILE_TOO_LARGE;
    }
    buf[n] = '\0';
    *out = buf;
    return FL_FILE_OK;
}

fl_file_status fl_file_read(const char *path, size_t max, char **buf, size_t *len, int *err)
{
    fl_file_status status;
    *buf = NULL;
    *len = 0;
    if (max > SIZE_MAX / 4) /* so that max + 2 and the doubling never overflow */
        max = SIZE_MAX / 4;
    int fd = fl_file_open_regular(path, &status, err);
    if (fd < 0)
        return status;
    struct stat st;
    if (fstat(fd, &st) != 0) {
        *err = errno;
        close(fd);
        return FL_FILE_ERRNO;
    }
    /* Refused unread: no memory is spent on a file that is too large. */
    if (st.st_size > 0 && (unsigned long long)st.st_size > max) {
        *len = (size_t)st.st_size;
        close(fd);
        return FL_FILE_TOO_LARGE;
    }
    status = read_all(fd, st.st_size > 0 ? (size_t)st.st_size : 0, max, buf, len, err);
    close(fd);
    return status;
}

/* The catalogue word of an errno a user meets, FL_W_NONE for the rarer ones. */
static fl_word_id errno_word(int err)
{
    switch (err) {
    case ENOENT:
        return FL_W_FILES_ENOENT;
    case EACCES:
    case EPERM:
        return FL_W_FILES_EACCES;
    case ENOTDIR:
        return FL_W_FILES_ENOTDIR;
    case ELOOP:
        return FL_W_FILES_ELOOP;
    case ENAMETOOLONG:
        return FL_W_FILES_ENAMETOOLONG;
    case EIO:
        return FL_W_FILES_EIO;
    default:
        return FL_W_NONE;
    }
}

const char *fl_file_why(fl_file_status status, int err, int lang, char *buf, size_t n)
{
    fl_word_id w = FL_W_NONE;
    switch (status) {
    case FL_FILE_OK:
        w = FL_W_FILES_OK;
        break;
    case FL_FILE_FOLDER:
        w = FL_W_FILES_FOLDER;
        break;
    case FL_FILE_FIFO:
        w = FL_W_FILES_FIFO;
        break;
    case FL_FILE_DEVICE:
        w = FL_W_FILES_DEVICE;
        break;
    case FL_FILE_SOCKET:
        w = FL_W_FILES_SOCKET;
        break;
    case FL_FILE_TOO_LARGE:
        w = FL_W_FILES_TOO_LARGE;
        break;
    case FL_FILE_NOMEM:
        w = FL_W_FILES_NOMEM;
        break;
    case FL_FILE_ERRNO:
        w = errno_word(err);
        if (w == FL_W_NONE) {
            /* The system's own words (English) after ours: rare enough not to translate. */
            snprintf(buf, n, fl_word(FL_W_FILES_OTHER, lang), strerror(err));
            return buf;
        }
        break;
    }
    snprintf(buf, n, "%s", fl_word(w, lang));
    return buf;
}
