/*
 * lrs.h - a client for the Statements resource of an xAPI 1.0.3 learning record store (LRS).
 *
 * It sends statements in batches and never makes a record twice: every statement carries an id
 * (stored in the results database, so it is the same on every export); a batch is POSTed, and
 * when the LRS answers 409 Conflict because it already holds some of those ids, each statement
 * of the batch is PUT by its id instead, which stores the new ones and leaves the known ones as
 * they are. The HTTP work is libcurl's; this module never prints and never puts the password in
 * a message.
 */
#ifndef FL_LRS_H
#define FL_LRS_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#define FL_LRS_CONNECT_TIMEOUT_S 10 /* to open the connection */
#define FL_LRS_TIMEOUT_S         60 /* for one whole request (a batch of statements) */

typedef struct fl_lrs fl_lrs;

/*
 * Prepares a client for the LRS at url: its xAPI endpoint ("https://lrs.example.com/xapi", with
 * or without a trailing '/'; "/statements" is appended unless the URL already ends with it).
 * auth is "user:password" for basic authentication, or NULL. Nothing is sent yet. Returns 0
 * with *out set (free it with fl_lrs_close), or -1 with *out NULL and one line in err (a URL
 * that is not http or https, a malformed URL, auth without ':', no memory).
 */
int fl_lrs_open(fl_lrs **out, const char *url, const char *auth, char *err, size_t errlen);

/* Frees the client; fl_lrs_close(NULL) does nothing. */
void fl_lrs_close(fl_lrs *l);

/*
 * Stores the statements (a JSON array of statement objects, each with an "id"; borrowed) in the
 * LRS. Returns 0 when the LRS holds all of them, or -1 with one line in err that names the URL
 * and the problem (the LRS refused the credentials, could not be reached, did not answer in
 * time, rejected a statement, or already holds a statement id with different content, which
 * the line names). Statements stored before a failure stay stored; sending them again is safe.
 */
int fl_lrs_send(fl_lrs *l, json_t *statements, char *err, size_t errlen);

/* The Statements resource's URL as messages show it: without any credentials. */
const char *fl_lrs_url(const fl_lrs *l);

/* Statements the LRS has accepted so far (new or already there), and how many of them went one
 * by one (PUT) because their batch held ids the LRS already had. */
int64_t fl_lrs_sent(const fl_lrs *l);
int64_t fl_lrs_sent_one_by_one(const fl_lrs *l);

#endif
