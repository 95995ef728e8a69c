/*
 * lrs.c - sending xAPI statements to a learning record store; see lrs.h.
 *
 * Why POST first and PUT after a conflict: POST takes a whole batch in one request, which is
 * what makes sending 100,000 sessions practical, but an LRS that already holds one id of the
 * batch may refuse the whole batch with 409 Conflict (the spec lets it). PUT by statementId
 * stores one statement and answers 204 both when it is new and when the same statement is
 * already there, and 409 only when that id holds different content. So a second send of the
 * same export costs one refused POST per batch and one PUT per statement, and never makes a
 * duplicate.
 *
 * The password reaches libcurl and nothing else: messages name the Statements URL with any
 * user and password removed, and an answer body that contains the password (or its base64
 * form, as in the Authorization header) is not quoted.
 */
#include "lrs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <dlfcn.h>

/* libcurl is loaded when an LRS is first contacted, not when frontline starts: it brings about
 * thirty shared libraries (TLS, HTTP/2, LDAP, Kerberos...) whose loading cost every start of
 * the program, the desktop's among them, about 10 ms. The functions used are looked up once. */
static struct {
    void *lib;
    CURLcode (*global_init)(long);
    void (*global_cleanup)(void);
    CURLU *(*url)(void);
    CURLUcode (*url_set)(CURLU *, CURLUPart, const char *, unsigned int);
    CURLUcode (*url_get)(CURLU *, CURLUPart, char **, unsigned int);
    CURLU *(*url_dup)(CURLU *);
    void (*url_cleanup)(CURLU *);
    CURL *(*easy_init)(void);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_perform)(CURL *);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    const char *(*easy_strerror)(CURLcode);
    void (*easy_cleanup)(CURL *);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    void (*free)(void *);
} C;

/* Loads libcurl; returns 0, or -1 with the reason in err. */
static int load_curl(char *err, size_t errlen)
{
    if (C.lib)
        return 0;
    void *lib = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        snprintf(err, errlen, "sending to an LRS needs libcurl (Debian package libcurl4): %s",
                 dlerror());
        return -1;
    }
    struct {
        const char *name;
        void **slot;
    } fns[] = {
        {"curl_global_init", (void **)&C.global_init},
        {"curl_global_cleanup", (void **)&C.global_cleanup},
        {"curl_url", (void **)&C.url},
        {"curl_url_set", (void **)&C.url_set},
        {"curl_url_get", (void **)&C.url_get},
        {"curl_url_dup", (void **)&C.url_dup},
        {"curl_url_cleanup", (void **)&C.url_cleanup},
        {"curl_easy_init", (void **)&C.easy_init},
        {"curl_easy_setopt", (void **)&C.easy_setopt},
        {"curl_easy_perform", (void **)&C.easy_perform},
        {"curl_easy_getinfo", (void **)&C.easy_getinfo},
        {"curl_easy_strerror", (void **)&C.easy_strerror},
        {"curl_easy_cleanup", (void **)&C.easy_cleanup},
        {"curl_slist_append", (void **)&C.slist_append},
        {"curl_slist_free_all", (void **)&C.slist_free_all},
        {"curl_free", (void **)&C.free},
    };
    for (size_t i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
        *fns[i].slot = dlsym(lib, fns[i].name);
        if (!*fns[i].slot) {
            snprintf(err, errlen, "the installed libcurl lacks %s (7.78 or newer is needed)",
                     fns[i].name);
            dlclose(lib);
            return -1;
        }
    }
    C.lib = lib;
    return 0;
}

#define BODY_KEEP 4096 /* bytes of an answer kept to quote in a message */
#define QUOTE_MAX 200  /* bytes of it a message quotes */

struct fl_lrs {
    CURL *curl;
    CURLU *statements; /* the Statements resource, with any credentials the URL had */
    char *url;         /* the same, as requests use it */
    char *shown;       /* the same without credentials, for messages */
    char *auth;        /* "user:password" or NULL */
    char *secret;      /* the password alone (NULL or "" when none) */
    char *secret_b64;  /* base64 of auth, as it travels in the Authorization header */
    struct curl_slist *headers;
    char errbuf[CURL_ERROR_SIZE];
    char body[BODY_KEEP + 1]; /* the start of the last answer */
    size_t body_len;
    int64_t sent, one_by_one;
};

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

static char *base64(const char *s)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t n = strlen(s);
    char *out = malloc(4 * ((n + 2) / 3) + 1);
    if (!out)
        return NULL;
    char *p = out;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned char)s[i] << 16;
        if (i + 1 < n)
            v |= (unsigned char)s[i + 1] << 8;
        if (i + 2 < n)
            v |= (unsigned char)s[i + 2];
        *p++ = tab[(v >> 18) & 63];
        *p++ = tab[(v >> 12) & 63];
        *p++ = i + 1 < n ? tab[(v >> 6) & 63] : '=';
        *p++ = i + 2 < n ? tab[v & 63] : '=';
    }
    *p = '\0';
    return out;
}

/* A URL that libcurl could not parse, for a message: whatever stands between "://" and an '@'
 * in the authority (a user and password) is replaced by "***". */
static void redact(const char *url, char *out, size_t n)
{
    const char *auth = strstr(url, "://");
    auth = auth ? auth + 3 : url;
    size_t end = strcspn(auth, "/?#");
    const char *at = NULL;
    for (const char *p = auth; p < auth + end; p++)
        if (*p == '@')
            at = p;
    if (at)
        snprintf(out, n, "%.*s***%s", (int)(auth - url), url, at);
    else
        snprintf(out, n, "%s", url);
}

static size_t keep_body(char *data, size_t size, size_t nmemb, void *payload)
{
    fl_lrs *l = payload;
    size_t n = size * nmemb;
    size_t room = BODY_KEEP - l->body_len;
    size_t take = n < room ? n : room;
    memcpy(l->body + l->body_len, data, take);
    l->body_len += take;
    l->body[l->body_len] = '\0';
    return n;
}

int fl_lrs_open(fl_lrs **out, const char *url, const char *auth, char *err, size_t errlen)
{
    *out = NULL;
    char shown[512];
    redact(url, shown, sizeof shown);
    if (auth && !strchr(auth, ':')) {
        snprintf(err, errlen,
                 "the LRS credentials (--lrs-auth or FRONTLINE_LRS_AUTH) must be USER:PASSWORD");
        return -1;
    }
    if (load_curl(err, errlen) < 0)
        return -1;
    if (C.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        snprintf(err, errlen, "cannot start libcurl to reach the LRS at %s", shown);
        return -1;
    }
    fl_lrs *l = calloc(1, sizeof *l);
    char *scheme = NULL, *path = NULL, *full = NULL, *plain = NULL, *joined = NULL;
    int rc = -1;
    if (!l) {
        snprintf(err, errlen, "out of memory");
        C.global_cleanup();
        return -1;
    }
    l->statements = C.url();
    if (!l->statements)
        goto nomem;
    if (C.url_set(l->statements, CURLUPART_URL, url, 0) != CURLUE_OK ||
        C.url_get(l->statements, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK) {
        snprintf(err, errlen,
                 "'%s' is not a URL: --lrs takes the LRS's xAPI endpoint, such as "
                 "https://lrs.example.com/xapi",
                 shown);
        goto out;
    }
    if (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0) {
        snprintf(err, errlen, "%s: an LRS is reached over http or https, not %s", shown, scheme);
        goto out;
    }
    /* The path without its trailing slashes, then /statements unless it is there already. */
    if (C.url_get(l->statements, CURLUPART_PATH, &path, 0) != CURLUE_OK)
        goto nomem;
    size_t plen = strlen(path);
    while (plen > 0 && path[plen - 1] == '/')
        plen--;
    static const char res[] = "/statements";
    size_t rlen = sizeof res - 1;
    int has = plen >= rlen && memcmp(path + plen - rlen, res, rlen) == 0;
    joined = malloc(plen + rlen + 1);
    if (!joined)
        goto nomem;
    snprintf(joined, plen + rlen + 1, "%.*s%s", (int)plen, path, has ? "" : res);
    if (C.url_set(l->statements, CURLUPART_PATH, joined, 0) != CURLUE_OK ||
        C.url_get(l->statements, CURLUPART_URL, &full, 0) != CURLUE_OK)
        goto nomem;
    CURLU *bare = C.url_dup(l->statements);
    if (!bare)
        goto nomem;
    C.url_set(bare, CURLUPART_USER, NULL, 0);
    C.url_set(bare, CURLUPART_PASSWORD, NULL, 0);
    CURLUcode uc = C.url_get(bare, CURLUPART_URL, &plain, 0);
    C.url_cleanup(bare);
    if (uc != CURLUE_OK)
        goto nomem;
    l->url = dup_str(full);
    l->shown = dup_str(plain);
    if (!l->url || !l->shown)
        goto nomem;
    if (auth) {
        l->auth = dup_str(auth);
        l->secret = dup_str(strchr(auth, ':') + 1);
        l->secret_b64 = base64(auth);
        if (!l->auth || !l->secret || !l->secret_b64)
            goto nomem;
    }

    l->curl = C.easy_init();
    if (!l->curl)
        goto nomem;
    struct curl_slist *h = NULL;
    const char *lines[] = {"X-Experience-API-Version: 1.0.3", "Content-Type: application/json",
                           "Accept: application/json",
                           /* No "Expect: 100-continue" wait before large batches. */
                           "Expect:"};
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        struct curl_slist *n = C.slist_append(h, lines[i]);
        if (!n) {
            C.slist_free_all(h);
            goto nomem;
        }
        h = n;
    }
    l->headers = h;
    CURL *c = l->curl;
    C.easy_setopt(c, CURLOPT_HTTPHEADER, l->headers);
    C.easy_setopt(c, CURLOPT_ERRORBUFFER, l->errbuf);
    C.easy_setopt(c, CURLOPT_WRITEFUNCTION, keep_body);
    C.easy_setopt(c, CURLOPT_WRITEDATA, l);
    C.easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)FL_LRS_CONNECT_TIMEOUT_S);
    C.easy_setopt(c, CURLOPT_TIMEOUT, (long)FL_LRS_TIMEOUT_S);
    C.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    C.easy_setopt(c, CURLOPT_USERAGENT, "frontline/" FL_VERSION);
#if LIBCURL_VERSION_NUM >= 0x075500
    C.easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
#else
    C.easy_setopt(c, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    if (l->auth) {
        C.easy_setopt(c, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
        C.easy_setopt(c, CURLOPT_USERPWD, l->auth);
    }
    *out = l;
    l = NULL;
    rc = 0;
    goto out;
nomem:
    snprintf(err, errlen, "out of memory preparing the request to the LRS at %s", shown);
out:
    C.free(scheme);
    C.free(path);
    C.free(full);
    C.free(plain);
    free(joined);
    fl_lrs_close(l);
    return rc;
}

void fl_lrs_close(fl_lrs *l)
{
    if (!l)
        return;
    if (l->curl)
        C.easy_cleanup(l->curl);
    C.slist_free_all(l->headers);
    C.url_cleanup(l->statements);
    free(l->url);
    free(l->shown);
    if (l->auth)
        memset(l->auth, 0, strlen(l->auth));
    if (l->secret)
        memset(l->secret, 0, strlen(l->secret));
    free(l->auth);
    free(l->secret);
    free(l->secret_b64);
    free(l);
    C.global_cleanup();
}

const char *fl_lrs_url(const fl_lrs *l)
{
    return l->shown;
}

int64_t fl_lrs_sent(const fl_lrs *l)
{
    return l->sent;
}

int64_t fl_lrs_sent_one_by_one(const fl_lrs *l)
{
    return l->one_by_one;
}

/* What the LRS said, as ": words" for a message (its "message" field when it answered a JSON
 * object with one, else the first line of the answer), or "" when it said nothing quotable. */
static void quote_body(const fl_lrs *l, char *out, size_t n)
{
    out[0] = '\0';
    if (l->body_len == 0)
        return;
    char text[QUOTE_MAX + 1];
    const char *src = l->body;
    json_t *doc = json_loadb(l->body, l->body_len, 0, NULL);
    const char *msg = json_string_value(json_object_get(doc, "message"));
    if (msg)
        src = msg;
    size_t k = 0;
    for (; src[k] && src[k] != '\n' && src[k] != '\r' && k < QUOTE_MAX; k++)
        text[k] = (unsigned char)src[k] < 0x20 ? ' ' : src[k];
    text[k] = '\0';
    json_decref(doc);
    if (k == 0)
        return;
    if ((l->secret && l->secret[0] && (strstr(l->body, l->secret) || strstr(text, l->secret))) ||
        (l->secret_b64 && strstr(l->body, l->secret_b64)))
        return;
    snprintf(out, n, ": %s", text);
}

/* One request: method "POST" or "PUT" with a JSON body to url. Returns 0 with *status set, or
 * -1 with err filled when no HTTP answer came (connection, name, timeout, TLS). */
static int request(fl_lrs *l, const char *method, const char *url, const char *body, long *status,
                   char *err, size_t errlen)
{
    CURL *c = l->curl;
    l->body_len = 0;
    l->body[0] = '\0';
    l->errbuf[0] = '\0';
    C.easy_setopt(c, CURLOPT_URL, url);
    C.easy_setopt(c, CURLOPT_POSTFIELDS, body);
    C.easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(body));
    C.easy_setopt(c, CURLOPT_CUSTOMREQUEST, strcmp(method, "POST") == 0 ? NULL : method);
    CURLcode cc = C.easy_perform(c);
    if (cc != CURLE_OK) {
        const char *why = l->errbuf[0] ? l->errbuf : C.easy_strerror(cc);
        switch (cc) {
        case CURLE_COULDNT_CONNECT:
            snprintf(err, errlen, "%s: cannot connect to the LRS (%s)", l->shown, why);
            break;
        case CURLE_COULDNT_RESOLVE_HOST:
            snprintf(err, errlen, "%s: cannot find the LRS's host (%s)", l->shown, why);
            break;
        case CURLE_OPERATION_TIMEDOUT:
            snprintf(err, errlen,
                     "%s: the LRS did not answer in time (%s; limits: %d s to "
                     "connect, %d s a request)",
                     l->shown, why, FL_LRS_CONNECT_TIMEOUT_S, FL_LRS_TIMEOUT_S);
            break;
        default:
            snprintf(err, errlen, "%s: cannot reach the LRS (%s)", l->shown, why);
            break;
        }
        return -1;
    }
    C.easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
    return 0;
}

/* err for an HTTP answer that is neither success nor the conflicts handled by the callers. */
static void status_error(const fl_lrs *l, long status, char *err, size_t errlen)
{
    char said[QUOTE_MAX + 8];
    quote_body(l, said, sizeof said);
    switch (status) {
    case 400:
        snprintf(err, errlen, "%s: the LRS rejected the statements (400 Bad Request)%s", l->shown,
                 said);
        break;
    case 401:
        if (l->auth)
            snprintf(err, errlen, "%s: the LRS refused the credentials (401 Unauthorized)",
                     l->shown);
        else
            snprintf(err, errlen,
                     "%s: the LRS asks for credentials (401 Unauthorized): give them with "
                     "--lrs-auth USER:PASSWORD",
                     l->shown);
        break;
    case 403:
        snprintf(err, errlen,
                 "%s: the LRS does not let these credentials write statements (403 Forbidden)",
                 l->shown);
        break;
    case 404:
        snprintf(err, errlen,
                 "%s: no xAPI Statements resource there (404 Not Found): --lrs takes the LRS's "
                 "xAPI endpoint, such as https://lrs.example.com/xapi",
                 l->shown);
        break;
    case 413:
        snprintf(err, errlen, "%s: the LRS refused a batch as too large (413 Payload Too Large)",
                 l->shown);
        break;
    default:
        if (status >= 300 && status < 400)
            snprintf(err, errlen,
                     "%s: the LRS answered with a redirect (%ld): give its new address with --lrs",
                     l->shown, status);
        else
            snprintf(err, errlen, "%s: the LRS answered %ld%s", l->shown, status, said);
        break;
    }
}

/* PUTs one statement by its id. Returns 0 when the LRS holds it (new, or the same statement
 * already there), -1 with err filled otherwise. */
static int put_one(fl_lrs *l, json_t *st, char *err, size_t errlen)
{
    const char *id = json_string_value(json_object_get(st, "id"));
    if (!id) {
        snprintf(err, errlen, "%s: a statement without an id cannot be sent safely", l->shown);
        return -1;
    }
    char *body = json_dumps(st, JSON_COMPACT | JSON_REAL_PRECISION(12));
    CURLU *u = C.url_dup(l->statements);
    char *query = malloc(strlen(id) + 16);
    char *url = NULL;
    int rc = -1;
    if (!body || !u || !query) {
        snprintf(err, errlen, "out of memory sending statement %s", id);
        goto out;
    }
    snprintf(query, strlen(id) + 16, "statementId=%s", id);
    if (C.url_set(u, CURLUPART_QUERY, query, CURLU_APPENDQUERY | CURLU_URLENCODE) != CURLUE_OK ||
        C.url_get(u, CURLUPART_URL, &url, 0) != CURLUE_OK) {
        snprintf(err, errlen, "out of memory sending statement %s", id);
        goto out;
    }
    long status = 0;
    if (request(l, "PUT", url, body, &status, err, errlen) != 0)
        goto out;
    if (status >= 200 && status < 300) {
        rc = 0;
    } else if (status == 409) {
        snprintf(err, errlen,
                 "%s: the LRS already holds statement %s with different content (409 Conflict); "
                 "were the statements first sent with another --activity-base or --account-home?",
                 l->shown, id);
    } else {
        status_error(l, status, err, errlen);
    }
out:
    C.free(url);
    free(query);
    C.url_cleanup(u);
    free(body);
    return rc;
}

int fl_lrs_send(fl_lrs *l, json_t *statements, char *err, size_t errlen)
{
    size_t n = json_array_size(statements);
    if (n == 0)
        return 0;
    char *body = json_dumps(statements, JSON_COMPACT | JSON_REAL_PRECISION(12));
    if (!body) {
        snprintf(err, errlen, "out of memory sending %zu statements", n);
        return -1;
    }
    long status = 0;
    int rc = request(l, "POST", l->url, body, &status, err, errlen);
    free(body);
    if (rc != 0)
        return -1;
    if (status >= 200 && status < 300) {
        l->sent += (int64_t)n;
        return 0;
    }
    if (status != 409) {
        status_error(l, status, err, errlen);
        return -1;
    }
    /* The LRS holds some of these ids already: store the batch one statement at a time. */
    for (size_t i = 0; i < n; i++) {
        if (put_one(l, json_array_get(statements, i), err, errlen) != 0)
            return -1;
        l->sent++;
        l->one_by_one++;
    }
    return 0;
}
