/*
 * readfile.h - the one place Frontline opens a file a user gave it (a scenario, a round, a
 * workshop, a lexicon, settings, an import, a results store's path check): only regular files,
 * checked without ever blocking, read (never mapped), within a size limit.
 *
 * Why: a FIFO named *.xml used to hang lint, the desktop and report forever (open() of a FIFO
 * blocks until a writer comes); a file mapped with mmap and cut by an editor while it was read
 * killed the program with SIGBUS. Here the file is opened with O_NONBLOCK (a FIFO's open then
 * returns at once), fstat()ed, refused unless it is a regular file, and read() into memory.
 *
 * This is the loader's one file reader: the rest of game/core opens no file (the core purity
 * test, tests/core_purity.cmake, checks it). Depends on libc only.
 */
#ifndef FL_READFILE_H
#define FL_READFILE_H

#include <stddef.h>

typedef enum {
    FL_FILE_OK = 0,
    FL_FILE_ERRNO,     /* open/read failed: *err holds errno (ENOENT, EACCES...) */
    FL_FILE_FOLDER,    /* a folder */
    FL_FILE_FIFO,      /* a named pipe */
    FL_FILE_DEVICE,    /* a character or block device */
    FL_FILE_SOCKET,    /* a socket, or any other kind of non-regular file */
    FL_FILE_TOO_LARGE, /* larger than the limit (not read) */
    FL_FILE_NOMEM,     /* out of memory */
} fl_file_status;

/* What path names, without opening it (stat() never blocks): FL_FILE_OK for a regular file,
 * FL_FILE_ERRNO with *err = ENOENT when there is nothing there, else its kind. */
fl_file_status fl_file_kind(const char *path, int *err);

/* Opens path read-only (O_CLOEXEC) without blocking and returns the descriptor (blocking mode
 * restored) only when it is a regular file; else -1 with *status (and *err for FL_FILE_ERRNO). */
int fl_file_open_regular(const char *path, fl_file_status *status, int *err);

/* Reads the whole regular file at path into a new buffer (fl_malloc'd, NUL-terminated; *len
 * excludes the NUL). A file larger than max bytes is refused unread (FL_FILE_TOO_LARGE, *len =
 * its size). A file that changes size while it is read is read as far as it goes: never a
 * crash. On any status but FL_FILE_OK, *buf is NULL. */
fl_file_status fl_file_read(const char *path, size_t max, char **buf, size_t *len, int *err);

/* The reason of a status, a sentence fragment in lang (0 English, 1 Russian) to follow the
 * file's name: "is a named pipe (FIFO), not a regular file", "No such file or directory".
 * Returns buf. */
const char *fl_file_why(fl_file_status status, int err, int lang, char *buf, size_t n);

#endif
