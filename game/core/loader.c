/*
 * loader.c - reads a scenario file safely and builds the immutable model of scenario.h.
 *
 * The same pipeline reads round files (round_load.c): fl_doc_kind (loader.h) names what differs,
 * the size limit, the words of the messages and the builder the events go to.
 *
 * Safety, in the order the checks run:
 *   1. size limit, then the bytes must be UTF-8 (UTF-16/32 byte-order marks and invalid
 *      sequences are refused with their line and column) and must not hold NUL;
 *   2. libxml2 parses without DTD loading, entity substitution, XInclude or network; a document
 *      type declaration is refused the moment the parser meets it (a SAX hook stops the parser
 *      before the internal subset is read, so no entity is ever declared, let alone expanded:
 *      billion-laughs and XXE files die at their first line); an external entity loader that
 *      refuses everything is installed for the whole process; XML_PARSE_HUGE is never set;
 *   3. element nesting deeper than FL_SCENARIO_MAX_DEPTH stops the parser;
 *   4. no tree is built: the parser's events go to build.c, which checks the structure the
 *      schema describes and builds the model in the same pass, then resolves references and
 *      runs the semantic rules of the trainer's guide (check.c).
 * Every problem becomes a diagnostic with file:line:column. libxml2 records element lines but
 * not columns, so the loader takes each element's byte offset from the parser's position.
 *
 * Depends on libc, libxml2 and the other core modules.
 */
#include "loader.h"
#include "utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>

/* ---- Process-wide libxml2 set-up ------------------------------------------------------- */

static unsigned external_attempts;

/* Every attempt to load an external resource (DTD, entity, schema part) ends here, refused. */
static xmlParserInputPtr refuse_external(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
    (void)url;
    (void)id;
    (void)ctxt;
    external_attempts++;
    return NULL;
}

unsigned fl_loader__external_attempts(void)
{
    return external_attempts;
}

static void ignore_generic_error(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static void init_libxml(void)
{
    static int done;
    if (!done) {
        done = 1;
        xmlInitParser();
        xmlSetExternalEntityLoader(refuse_external);
        xmlSetGenericErrorFunc(NULL, ignore_generic_error);
    }
}

/* ---- Positions ----------------------------------------------------------------------- */

fl_pos fl_loader__pos(const line_index *li, size_t off)
{
    if (off > li->len)
        off = li->len;
    /* Offsets mostly come in increasing order while parsing: start from the last line found. */
    size_t lo = li->hint < li->n && li->starts[li->hint] <= off ? li->hint : 0;
    for (int step = 0; step < 8 && lo + 1 < li->n && li->starts[lo + 1] <= off; step++)
        lo++;
    if (lo + 1 < li->n && li->starts[lo + 1] <= off) {
        size_t hi = li->n; /* binary search for the last start <= off */
        while (hi - lo > 1) {
            size_t mid = (lo + hi) / 2;
            if (li->starts[mid] <= off)
                lo = mid;
            else
                hi = mid;
        }
    }
    ((line_index *)li)->hint = lo;
    uint32_t col = 1;
    for (size_t i = li->starts[lo]; i < off; i++)
        col += ((unsigned char)li->buf[i] & 0xC0) != 0x80;
    return (fl_pos){(uint32_t)lo + 1, col};
}

/*
 * Checks that buf is UTF-8 without NUL and builds the line index. Reports the first bad byte
 * with its position. Returns 0, -1 on bad input, -2 when out of memory.
 */
static int scan_utf8(const fl_doc_kind *kind, line_index *li, const char *buf, size_t len,
                     fl_diags *d)
{
    const unsigned char *s = (const unsigned char *)buf;
    size_t cap = len / 64 + 16; /* a guess; grown as needed */
    li->buf = buf;
    li->len = len;
    li->n = 0;
    li->starts = malloc(cap * sizeof(*li->starts));
    if (!li->starts)
        return -2;
    li->starts[li->n++] = 0;
    if ((len >= 2 && ((s[0] == 0xFE && s[1] == 0xFF) || (s[0] == 0xFF && s[1] == 0xFE))) ||
        (len >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF)) {
        fl_diag_add(d, FL_SEV_ERROR, 1, 1, "encoding",
                    "the file is UTF-16 or UTF-32; save it as UTF-8 (%s are UTF-8 only)",
                    kind->plural);
        return -1;
    }
    size_t i = 0;
    while (i < len) {
        /* Most of a scenario is ASCII: skip 8 bytes at a time while they hold no byte >= 0x80,
         * no NUL and no newline (those three need a look). */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
            uint64_t nl = w ^ (ones * '\n');
            if ((w & highs) || ((w - ones) & ~w & highs) || ((nl - ones) & ~nl & highs))
                break;
            i += 8;
        }
        if (i >= len)
            break;
        unsigned c = s[i];
        uint32_t cp;
        size_t n = c < 0x80 ? 1 : fl_utf8_decode(buf + i, len - i, &cp);
        int bad = n == 0 || c == 0;
        if (bad) {
            fl_pos p = fl_loader__pos(li, i);
            if (c == 0)
                fl_diag_add(d, FL_SEV_ERROR, p.line, p.column, "encoding",
                            "a NUL byte: the file is not text (or not UTF-8)");
            else if (fl_utf8_lead_length((unsigned char)c) > len - i)
                fl_diag_add(d, FL_SEV_ERROR, p.line, p.column, "encoding",
                            "the file ends in the middle of a UTF-8 character (truncated?)");
            else
                fl_diag_add(d, FL_SEV_ERROR, p.line, p.column, "encoding",
                            "invalid UTF-8 (byte 0x%02X): save the file as UTF-8", c);
            return -1;
        }
        if (c == '\n') {
            if (li->n == cap) {
                cap *= 2;
                uint32_t *ns = realloc(li->starts, cap * sizeof(*li->starts));
                if (!ns)
                    return -2;
                li->starts = ns;
            }
            li->starts[li->n++] = (uint32_t)(i + 1);
        }
        i += n;
    }
    return 0;
}

#define PUSH_CHUNK ((size_t)65536)

/* ---- Parsing ------------------------------------------------------------------------- */

typedef struct {
    xmlParserCtxtPtr ctxt;
    const line_index *li; /* the source and its lines */
    fl_diags *diags;
    const fl_doc_kind *kind; /* what is read, and whose builder gets the events */
    int depth;
    int stopped;   /* we stopped the parser (DOCTYPE, depth) */
    int xml_error; /* libxml2 reported a fatal error */
    void *builder;
    const char *open_name[FL_SCENARIO_MAX_DEPTH + 1]; /* the open elements, for messages */
    size_t open_off[FL_SCENARIO_MAX_DEPTH + 1];
    const char **kv; /* attribute name/value pairs for the builder */
    char *scratch;   /* their NUL-terminated copies */
    size_t kv_cap, scratch_cap;
    int oom;
} parse_state;

static parse_state *current; /* the load in progress, for libxml2's callbacks */

static size_t consumed(void)
{
    long n = xmlByteConsumed(current->ctxt);
    return n < 0 ? 0 : (size_t)n > current->li->len ? current->li->len : (size_t)n;
}

/* Offset of the '<' that opens the construct the parser is inside of, searching back. */
static size_t open_offset(const char *prefix)
{
    size_t off = consumed();
    size_t plen = strlen(prefix);
    while (off > 0) {
        off--;
        if (current->li->buf[off] == '<' && off + plen <= current->li->len &&
            memcmp(current->li->buf + off, prefix, plen) == 0)
            return off;
    }
    return 0;
}

static void stop(fl_pos p, const char *rule, const char *msg)
{
    if (!current->stopped)
        fl_diag_add(current->diags, FL_SEV_ERROR, p.line, p.column, rule, "%s", msg);
    current->stopped = 1;
    xmlStopParser(current->ctxt);
}

static void refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
    (void)ctx;
    (void)name;
    (void)ext;
    (void)sys;
    char msg[200];
    snprintf(msg, sizeof(msg),
             "a document type declaration (<!DOCTYPE ...>) is not allowed in %s: remove it "
             "(entities and DTDs are refused for safety)",
             current->kind->plural);
    stop(fl_loader__pos(current->li, open_offset("<!DOCTYPE")), "doctype", msg);
}

static void refuse_entity(void *ctx, const xmlChar *name, int type, const xmlChar *pub,
                          const xmlChar *sys, xmlChar *content)
{
    (void)ctx;
    (void)name;
    (void)type;
    (void)pub;
    (void)sys;
    (void)content;
    char msg[120];
    snprintf(msg, sizeof(msg), "entity declarations are not allowed in %s", current->kind->plural);
    stop(fl_loader__pos(current->li, open_offset("<!ENTITY")), "doctype", msg);
}

#define XSI_NS "http://www.w3.org/2001/XMLSchema-instance"

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *URI,
                     int nb_namespaces, const xmlChar **namespaces, int nb_attributes,
                     int nb_defaulted, const xmlChar **attributes)
{
    (void)ctx;
    (void)nb_namespaces;
    (void)namespaces;
    (void)nb_defaulted;
    parse_state *st = current;
    size_t off = open_offset("<");
    if (st->depth < FL_SCENARIO_MAX_DEPTH) {
        st->open_name[st->depth] = (const char *)localname; /* interned by the parser */
        st->open_off[st->depth] = off;
    }
    if (++st->depth > FL_SCENARIO_MAX_DEPTH) {
        char msg[128];
        snprintf(msg, sizeof(msg), "elements are nested more than %d levels deep",
                 FL_SCENARIO_MAX_DEPTH);
        stop(fl_loader__pos(st->li, off), "too-deep", msg);
        return;
    }
    /* Attributes come as (localname, prefix, URI, value, end) with values not terminated:
     * copy them. xsi:* (the schema location for editors) is not the scenario's business. */
    size_t need_kv = (size_t)nb_attributes * 2 + 2, need = 0;
    for (int i = 0; i < nb_attributes; i++) {
        const xmlChar **a = attributes + 5 * i;
        need += (size_t)(a[4] - a[3]) + 1 + (a[1] ? strlen((const char *)a[1]) + 1 : 0) +
                strlen((const char *)a[0]) + 1;
    }
    if (need_kv > st->kv_cap) {
        const char **kv = realloc(st->kv, need_kv * sizeof(char *));
        if (!kv)
            goto oom;
        st->kv = kv;
        st->kv_cap = need_kv;
    }
    if (need + 1 > st->scratch_cap) {
        char *sc = realloc(st->scratch, need + 1);
        if (!sc)
            goto oom;
        st->scratch = sc;
        st->scratch_cap = need + 1;
    }
    int n = 0;
    char *w = st->scratch;
    for (int i = 0; i < nb_attributes; i++) {
        const xmlChar **a = attributes + 5 * i;
        if (a[2] && strcmp((const char *)a[2], XSI_NS) == 0)
            continue;
        st->kv[2 * n] = w;
        if (a[1]) { /* prefix:name, which no scenario attribute has: reported as unknown */
            size_t pl = strlen((const char *)a[1]);
            memcpy(w, a[1], pl);
            w[pl] = ':';
            w += pl + 1;
        }
        size_t nl = strlen((const char *)a[0]);
        memcpy(w, a[0], nl + 1);
        w += nl + 1;
        size_t len = (size_t)(a[4] - a[3]);
        memcpy(w, a[3], len);
        w[len] = '\0';
        st->kv[2 * n + 1] = w;
        w += len + 1;
        n++;
    }
    st->kind->start(st->builder, off, (const char *)localname, URI != NULL || prefix != NULL,
                    st->kv, n);
    return;
oom:
    st->oom = 1;
    xmlStopParser(st->ctxt);
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *URI)
{
    (void)ctx;
    (void)localname;
    (void)prefix;
    (void)URI;
    current->depth--;
    current->kind->end(current->builder);
}

static void on_text(void *ctx, const xmlChar *s, int len)
{
    (void)ctx;
    current->kind->text(current->builder, (const char *)s, (size_t)len);
}

/* Copies a libxml2 message without its trailing newline. */
static void clean_message(char *out, size_t size, const char *msg)
{
    snprintf(out, size, "%s", msg ? msg : "unknown error");
    size_t n = strlen(out);
    while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == ' '))
        out[--n] = '\0';
}

static void on_parse_error(void *ud, xmlErrorPtr err)
{
    (void)ud;
    if (!current || current->stopped || current->xml_error || err->level < XML_ERR_ERROR)
        return;
    current->xml_error = 1; /* only the first: later ones are mostly its echoes */
    char msg[512];
    clean_message(msg, sizeof(msg), err->message);
    /* A file cut short fails where it ends: say so, it is the likeliest cause. */
    fl_pos end = fl_loader__pos(current->li, current->li->len);
    unsigned line = (unsigned)err->line, col = (unsigned)(err->int2 > 0 ? err->int2 : 0);
    int at_end = line == end.line && (col == 0 || col >= end.column);
    if (at_end && current->depth > 0 && current->depth <= FL_SCENARIO_MAX_DEPTH) {
        int d = current->depth - 1;
        fl_pos open = fl_loader__pos(current->li, current->open_off[d]);
        fl_diag_add(current->diags, FL_SEV_ERROR, end.line, end.column, "xml",
                    "the file ends before <%s> (opened at line %u) is closed: is it truncated?",
                    current->open_name[d], (unsigned)open.line);
        return;
    }
    fl_diag_add(current->diags, FL_SEV_ERROR, line, col, "xml", "%s%s", msg,
                at_end ? " (the file ends here: is it truncated?)" : "");
}

/* ---- Positions in start tags ------------------------------------------------------- */

/* Offset of attribute `name` in the start tag at `tag` (which points at '<'), or -1. When
 * `value` is set, the offset of the first character of its value instead. */
size_t fl_loader__attr_offset(const line_index *li, size_t tag, const char *name, int value)
{
    const char *s = li->buf;
    size_t n = li->len, i = tag + 1, nlen = strlen(name);
    while (i < n && !strchr(" \t\r\n/>", s[i]))
        i++;
    for (;;) {
        while (i < n && strchr(" \t\r\n", s[i]))
            i++;
        if (i >= n || s[i] == '>' || s[i] == '/')
            return (size_t)-1;
        size_t a = i;
        while (i < n && !strchr(" \t\r\n=>", s[i]))
            i++;
        int match = i - a == nlen && memcmp(s + a, name, nlen) == 0;
        while (i < n && s[i] != '"' && s[i] != '\'')
            i++;
        if (i >= n)
            return (size_t)-1;
        char q = s[i++];
        if (match)
            return value ? i : a;
        while (i < n && s[i] != q)
            i++;
        i++;
    }
}

/* Reports an encoding="..." in the XML declaration that is not UTF-8. */
static void check_declared_encoding(const fl_doc_kind *kind, const line_index *li, fl_diags *d)
{
    const char *s = li->buf;
    size_t n = li->len, i = 0;
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    if (n - i < 5 || memcmp(s + i, "<?xml", 5) != 0)
        return;
    const char *end = memchr(s + i, '>', n - i);
    if (!end)
        return;
    for (const char *p = s + i; p + 9 < end; p++) {
        if (memcmp(p, "encoding", 8) != 0)
            continue;
        const char *q = p + 8;
        while (q < end && (*q == ' ' || *q == '=' || *q == '\t'))
            q++;
        if (q >= end || (*q != '"' && *q != '\''))
            return;
        char quote = *q++;
        const char *v = q;
        while (q < end && *q != quote)
            q++;
        size_t vlen = (size_t)(q - v);
        if ((vlen == 5 && strncasecmp(v, "UTF-8", 5) == 0) ||
            (vlen == 4 && strncasecmp(v, "UTF8", 4) == 0))
            return;
        fl_pos pos = fl_loader__pos(li, (size_t)(v - s));
        fl_diag_add(d, FL_SEV_ERROR, pos.line, pos.column, "encoding",
                    "the file declares encoding \"%.*s\"; %s must be UTF-8: save the file as "
                    "UTF-8 and write encoding=\"UTF-8\"",
                    (int)(vlen > 40 ? 40 : vlen), v, kind->plural);
        return;
    }
}

fl_pos fl_loader__root_pos(const line_index *li)
{
    for (size_t i = 0; i + 1 < li->len; i++)
        if (li->buf[i] == '<' && li->buf[i + 1] != '?' && li->buf[i + 1] != '!')
            return fl_loader__pos(li, i);
    return (fl_pos){1, 1};
}

/* Reads a file that cannot be mapped (a pipe, for instance) and loads it. A stream longer than
 * the limit is refused without reading all of it. */
static int read_stream(const fl_doc_kind *kind, void *out, int fd, const char *path,
                       fl_diags *diags)
{
    size_t cap = 64 * 1024, len = 0;
    char *buf = malloc(cap);
    int rc = 0;
    while (buf) {
        if (len == cap) {
            if (cap > kind->max_bytes)
                break;
            cap *= 2;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
        }
        ssize_t n = read(fd, buf + len, cap - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            fl_diag_add(diags, FL_SEV_ERROR, 0, 0, "io", "cannot read: %s", strerror(errno));
            free(buf);
            return -1;
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    if (!buf)
        rc = -2;
    else if (len > kind->max_bytes)
        fl_diag_add(diags, FL_SEV_ERROR, 0, 0, "too-large",
                    "the file is larger than %u MiB, the limit for %s",
                    (unsigned)(kind->max_bytes / (1024 * 1024)), kind->plural),
            rc = -1;
    else
        rc = fl_loader__load(kind, out, buf, len, path, diags);
    free(buf);
    return rc;
}

/* ---- The pipeline ---------------------------------------------------------------------- */

int fl_loader__check(const fl_doc_kind *kind, line_index *li, const char *buf, size_t len,
                     fl_diags *diags)
{
    *li = (line_index){0};
    if (len > kind->max_bytes) {
        fl_diag_add(diags, FL_SEV_ERROR, 0, 0, "too-large",
                    "the file is %zu bytes; %s are limited to %u MiB", len, kind->plural,
                    (unsigned)(kind->max_bytes / (1024 * 1024)));
        return -1;
    }
    if (len == 0) {
        fl_diag_add(diags, FL_SEV_ERROR, 1, 1, "xml", "the file is empty");
        return -1;
    }
    int rc = scan_utf8(kind, li, buf, len, diags);
    if (rc)
        return rc == -2 ? -2 : -1;
    check_declared_encoding(kind, li, diags);
    return diags->errors ? -1 : 0;
}

int fl_loader__parse(const fl_doc_kind *kind, void *builder, const line_index *li, fl_diags *diags)
{
    init_libxml();
    /* The push parser reads the file in chunks: no copy of the whole file is made. */
    xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(NULL, NULL, NULL, 0, NULL);
    if (!ctxt)
        return -2;
    /* Never: NOENT (substitutes entities), DTDLOAD, DTDATTR, DTDVALID, XINCLUDE, HUGE. */
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_IGNORE_ENC |
                                XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    parse_state st = {.ctxt = ctxt, .li = li, .diags = diags, .kind = kind, .builder = builder};
    /* Events go to the builder; no tree is built. */
    xmlSAXHandler *sax = ctxt->sax;
    sax->startElementNs = on_start;
    sax->endElementNs = on_end;
    sax->characters = on_text;
    sax->cdataBlock = on_text;
    sax->ignorableWhitespace = on_text;
    sax->internalSubset = refuse_doctype;
    sax->externalSubset = refuse_doctype;
    sax->entityDecl = refuse_entity;
    sax->startDocument = NULL;
    sax->endDocument = NULL;
    sax->processingInstruction = NULL;
    sax->comment = NULL;
    sax->reference = NULL;
    sax->serror = NULL;
    sax->error = ignore_generic_error;
    sax->warning = ignore_generic_error;
    current = &st;
    xmlSetStructuredErrorFunc(NULL, on_parse_error);
    const char *buf = li->buf;
    size_t len = li->len;
    for (size_t off = 0; off < len && !st.stopped && !st.oom; off += PUSH_CHUNK) {
        size_t n = len - off < PUSH_CHUNK ? len - off : PUSH_CHUNK;
        if (xmlParseChunk(ctxt, buf + off, (int)n, 0) != 0 && !ctxt->wellFormed)
            break;
    }
    if (!st.stopped && !st.oom)
        xmlParseChunk(ctxt, NULL, 0, 1);
    xmlSetStructuredErrorFunc(NULL, NULL);
    current = NULL;
    int well_formed = ctxt->wellFormed && !st.stopped && !st.xml_error;
    if (ctxt->myDoc) /* nothing should have made one; never leak it */
        xmlFreeDoc(ctxt->myDoc);
    xmlFreeParserCtxt(ctxt);
    free(st.kv);
    free(st.scratch);

    if (st.oom)
        return -2;
    if (well_formed)
        return 0;
    /* What the builder said about a document that is not XML, or was stopped at a limit, is
     * noise: keep only the parse's own diagnostic. */
    size_t keep = 0;
    for (size_t i = 0; i < diags->count; i++) {
        const char *r = diags->items[i].rule;
        if (!strcmp(r, "xml") || !strcmp(r, "doctype") || !strcmp(r, "too-deep")) {
            diags->items[keep++] = diags->items[i];
        } else {
            free(diags->items[i].message);
            if (diags->items[i].severity == FL_SEV_ERROR)
                diags->errors--;
            else
                diags->warnings--;
        }
    }
    diags->count = keep;
    if (diags->errors == 0)
        fl_diag_add(diags, FL_SEV_ERROR, 0, 0, "xml", "the file is not well-formed XML");
    return -1;
}

int fl_loader__load(const fl_doc_kind *kind, void *out, const char *buf, size_t len,
                    const char *path, fl_diags *diags)
{
    line_index li;
    int rc = fl_loader__check(kind, &li, buf, len, diags);
    if (rc) {
        free(li.starts);
        return rc;
    }
    void *b = kind->builder_new(&li, path, diags);
    if (!b) {
        free(li.starts);
        return -2;
    }
    rc = fl_loader__parse(kind, b, &li, diags);
    if (rc == 0)
        rc = kind->finish(b, out, &li, diags);
    kind->builder_free(b);
    free(li.starts);
    fl_diags_sort(diags);
    return rc;
}

int fl_loader__read_file(const fl_doc_kind *kind, void *out, const char *path, fl_diags *diags)
{
    int fd = open(path, O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        fl_diag_add(diags, FL_SEV_ERROR, 0, 0, "io", "cannot open: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    int rc;
    if (S_ISDIR(st.st_mode)) {
        fl_diag_add(diags, FL_SEV_ERROR, 0, 0, "io", "is a folder, not a %s", kind->singular);
        rc = -1;
    } else if (S_ISREG(st.st_mode) && st.st_size > (off_t)kind->max_bytes) {
        fl_diag_add(diags, FL_SEV_ERROR, 0, 0, "too-large",
                    "the file is %lld bytes; %s are limited to %u MiB", (long long)st.st_size,
                    kind->plural, (unsigned)(kind->max_bytes / (1024 * 1024)));
        rc = -1;
    } else if (S_ISREG(st.st_mode) && st.st_size > 0) {
        /* Mapped and pre-faulted in one go (see arena.c for why page faults matter). */
        int flags = MAP_PRIVATE;
#ifdef MAP_POPULATE
        flags |= MAP_POPULATE;
#endif
        size_t len = (size_t)st.st_size;
        void *map = mmap(NULL, len, PROT_READ, flags, fd, 0);
        if (map == MAP_FAILED) {
            fl_diag_add(diags, FL_SEV_ERROR, 0, 0, "io", "cannot read: %s", strerror(errno));
            rc = -1;
        } else {
            rc = fl_loader__load(kind, out, map, len, path, diags);
            munmap(map, len);
        }
    } else {
        rc = read_stream(kind, out, fd, path, diags); /* a pipe, a device, an empty file */
    }
    close(fd);
    return rc;
}

/* ---- Scenarios ------------------------------------------------------------------------- */

static void scenario_start(void *b, size_t tag, const char *name, int namespaced,
                           const char *const *kv, int n_attrs)
{
    fl_builder_start(b, tag, name, namespaced, kv, n_attrs);
}

static void scenario_text(void *b, const char *s, size_t len)
{
    fl_builder_text(b, s, len);
}

static void scenario_end(void *b)
{
    fl_builder_end(b);
}

static void *scenario_new(const line_index *li, const char *path, fl_diags *diags)
{
    return fl_builder_new(li, path, diags);
}

/* The scenario, when it has no errors (nor had the list before). */
static int scenario_finish(void *b, void *out, const line_index *li, fl_diags *diags)
{
    fl_scenario **s = out;
    int rc = fl_builder_finish(b, s, fl_loader__root_pos(li));
    if (rc == 0 && diags->errors) {
        fl_scenario_free(*s);
        *s = NULL;
        rc = -1;
    }
    return rc;
}

static void scenario_free(void *b)
{
    fl_builder_free(b);
}

static const fl_doc_kind scenario_kind = {
    .plural = "scenarios",
    .singular = "scenario file",
    .max_bytes = FL_SCENARIO_MAX_BYTES,
    .start = scenario_start,
    .text = scenario_text,
    .end = scenario_end,
    .builder_new = scenario_new,
    .finish = scenario_finish,
    .builder_free = scenario_free,
};

int fl_scenario_load_memory(fl_scenario **out, const char *buf, size_t len, const char *path,
                            fl_diags *diags)
{
    *out = NULL;
    return fl_loader__load(&scenario_kind, out, buf, len, path, diags);
}

int fl_scenario_load_file(fl_scenario **out, const char *path, fl_diags *diags)
{
    *out = NULL;
    return fl_loader__read_file(&scenario_kind, out, path, diags);
}
