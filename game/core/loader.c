/*
 * loader.c - reads a scenario file safely and builds the immutable model of scenario.h.
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
 *   4. the tree is validated against the schema compiled into the program;
 *   5. the model is built, references resolved, conditions compiled and the semantic rules of
 *      the trainer's guide checked (check.c).
 * Every problem becomes a diagnostic with file:line:column. libxml2 records element lines but
 * not columns, so the loader records each element's byte offset itself while parsing.
 *
 * Depends on libc, libxml2 and the other core modules.
 */
#include "loader.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlschemas.h>

/* ---- Process-wide libxml2 set-up ------------------------------------------------------- */

static unsigned external_attempts;
static xmlSchemaPtr schema;
static int schema_failed;

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

static int init_libxml(void)
{
    static int done;
    if (!done) {
        done = 1;
        xmlInitParser();
        xmlSetExternalEntityLoader(refuse_external);
        xmlSetGenericErrorFunc(NULL, ignore_generic_error);
    }
    if (!schema && !schema_failed) {
        xmlSchemaParserCtxtPtr pc =
            xmlSchemaNewMemParserCtxt((const char *)fl_schema_xsd, (int)fl_schema_xsd_len);
        if (pc) {
            xmlSchemaSetParserStructuredErrors(pc, NULL, NULL);
            schema = xmlSchemaParse(pc);
            xmlSchemaFreeParserCtxt(pc);
        }
        if (!schema)
            schema_failed = 1;
    }
    return schema ? 0 : -1;
}

/* ---- Positions ----------------------------------------------------------------------- */

fl_pos fl_loader__pos(const line_index *li, size_t off)
{
    if (off > li->len)
        off = li->len;
    size_t lo = 0, hi = li->n; /* find the last start <= off */
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (li->starts[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    uint32_t col = 1;
    for (size_t i = li->starts[lo]; i < off; i++)
        if (((unsigned char)li->buf[i] & 0xC0) != 0x80)
            col++;
    return (fl_pos){(uint32_t)lo + 1, col};
}

/*
 * Checks that buf is UTF-8 without NUL and builds the line index. Reports the first bad byte
 * with its position. Returns 0, -1 on bad input, -2 when out of memory.
 */
static int scan_utf8(line_index *li, const char *buf, size_t len, fl_diags *d)
{
    const unsigned char *s = (const unsigned char *)buf;
    size_t cap = 256;
    li->buf = buf;
    li->len = len;
    li->n = 0;
    li->starts = malloc(cap * sizeof(size_t));
    if (!li->starts)
        return -2;
    li->starts[li->n++] = 0;
    if ((len >= 2 && ((s[0] == 0xFE && s[1] == 0xFF) || (s[0] == 0xFF && s[1] == 0xFE))) ||
        (len >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF)) {
        fl_diag_add(d, FL_SEV_ERROR, 1, 1, "encoding",
                    "the file is UTF-16 or UTF-32; save it as UTF-8 (scenarios are UTF-8 only)");
        return -1;
    }
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
                             : (c & 0xF8) == 0xF0 ? 4 : 0;
        int bad = n == 0 || i + n > len || c == 0;
        uint32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
        for (size_t k = 1; !bad && k < n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                bad = 1;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (!bad && ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
                     cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)))
            bad = 1; /* overlong, beyond Unicode, or a surrogate */
        if (bad) {
            fl_pos p = fl_loader__pos(li, i);
            if (c == 0)
                fl_diag_add(d, FL_SEV_ERROR, p.line, p.column, "encoding",
                            "a NUL byte: the file is not text (or not UTF-8)");
            else if (i + (n ? n : 1) > len && n)
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
                size_t *ns = realloc(li->starts, cap * sizeof(size_t));
                if (!ns)
                    return -2;
                li->starts = ns;
            }
            li->starts[li->n++] = i + 1;
        }
        i += n;
    }
    return 0;
}

/* ---- Parsing ------------------------------------------------------------------------- */

typedef struct {
    xmlParserCtxtPtr ctxt;
    const char *buf;
    size_t len;
    line_index *li;
    fl_diags *diags;
    int depth;
    int stopped;       /* we stopped the parser (DOCTYPE, depth) */
    int xml_error;     /* libxml2 reported a fatal error */
    startElementNsSAX2Func start;
    endElementNsSAX2Func end;
} parse_state;

static parse_state *current; /* the load in progress, for libxml2's callbacks */

static size_t consumed(void)
{
    long n = xmlByteConsumed(current->ctxt);
    return n < 0 ? 0 : (size_t)n > current->len ? current->len : (size_t)n;
}

/* Offset of the '<' that opens the construct the parser is inside of, searching back. */
static size_t open_offset(const char *prefix)
{
    size_t off = consumed();
    size_t plen = strlen(prefix);
    while (off > 0) {
        off--;
        if (current->buf[off] == '<' && off + plen <= current->len &&
            memcmp(current->buf + off, prefix, plen) == 0)
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
    stop(fl_loader__pos(current->li, open_offset("<!DOCTYPE")), "doctype",
         "a document type declaration (<!DOCTYPE ...>) is not allowed in scenarios: remove it "
         "(entities and DTDs are refused for safety)");
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
    stop(fl_loader__pos(current->li, open_offset("<!ENTITY")), "doctype",
         "entity declarations are not allowed in scenarios");
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                     const xmlChar *URI, int nb_namespaces, const xmlChar **namespaces,
                     int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
    size_t off = open_offset("<");
    if (++current->depth > FL_SCENARIO_MAX_DEPTH) {
        char msg[128];
        snprintf(msg, sizeof(msg), "elements are nested more than %d levels deep",
                 FL_SCENARIO_MAX_DEPTH);
        stop(fl_loader__pos(current->li, off), "too-deep", msg);
        return;
    }
    current->start(ctx, localname, prefix, URI, nb_namespaces, namespaces, nb_attributes,
                   nb_defaulted, attributes);
    if (current->ctxt->node)
        current->ctxt->node->_private = (void *)(uintptr_t)(off + 1);
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *URI)
{
    current->depth--;
    current->end(ctx, localname, prefix, URI);
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
    fl_diag_add(current->diags, FL_SEV_ERROR, (unsigned)err->line, (unsigned)(err->int2 > 0 ? err->int2 : 0),
                "xml", "%s", msg);
}

/* ---- Schema validation ----------------------------------------------------------------- */

size_t fl_loader__node_offset(const xmlNode *n)
{
    uintptr_t v = (uintptr_t)n->_private;
    return v ? (size_t)(v - 1) : (size_t)-1;
}

fl_pos fl_loader__node_pos(const line_index *li, const xmlNode *n)
{
    size_t off = fl_loader__node_offset(n);
    if (off == (size_t)-1)
        return (fl_pos){(uint32_t)xmlGetLineNo(n), 0};
    return fl_loader__pos(li, off);
}

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

typedef struct {
    line_index *li;
    fl_diags *diags;
} schema_ctx;

static void on_schema_error(void *ud, xmlErrorPtr err)
{
    schema_ctx *sc = ud;
    char msg[600];
    clean_message(msg, sizeof(msg), err->message);
    fl_pos p = {(uint32_t)err->line, 0};
    xmlNodePtr node = err->node;
    if (node && node->type == XML_ATTRIBUTE_NODE && node->parent) {
        size_t tag = fl_loader__node_offset(node->parent);
        size_t a = tag == (size_t)-1 ? (size_t)-1
                                     : fl_loader__attr_offset(sc->li, tag, (const char *)node->name, 0);
        p = a != (size_t)-1 ? fl_loader__pos(sc->li, a) : fl_loader__node_pos(sc->li, node->parent);
    } else if (node && node->type == XML_ELEMENT_NODE) {
        p = fl_loader__node_pos(sc->li, node);
        /* "Element 'x', attribute 'y': ..." names an attribute: point at it. */
        const char *at = strstr(msg, "', attribute '");
        if (at) {
            char attr[64];
            if (sscanf(at, "', attribute '%63[^']'", attr) == 1) {
                size_t tag = fl_loader__node_offset(node);
                size_t a = tag == (size_t)-1 ? (size_t)-1 : fl_loader__attr_offset(sc->li, tag, attr, 0);
                if (a != (size_t)-1)
                    p = fl_loader__pos(sc->li, a);
            }
        }
    }
    fl_diag_add(sc->diags, err->level == XML_ERR_WARNING ? FL_SEV_WARNING : FL_SEV_ERROR, p.line,
                p.column, "schema", "%s", msg);
}

/* Reports an encoding="..." in the XML declaration that is not UTF-8. */
static void check_declared_encoding(const line_index *li, fl_diags *d)
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
                    "the file declares encoding \"%.*s\"; scenarios must be UTF-8: save the file "
                    "as UTF-8 and write encoding=\"UTF-8\"",
                    (int)(vlen > 40 ? 40 : vlen), v);
        return;
    }
}

/* ---- Entry points -------------------------------------------------------------------- */

int fl_scenario_load_memory(fl_scenario **out, const char *buf, size_t len, const char *path,
                            fl_diags *diags)
{
    *out = NULL;
    if (len > FL_SCENARIO_MAX_BYTES) {
        fl_diag_add(diags, FL_SEV_ERROR, 0, 0, "too-large",
                    "the file is %zu bytes; scenarios are limited to %u MiB", len,
                    FL_SCENARIO_MAX_BYTES / (1024 * 1024));
        return -1;
    }
    if (len == 0) {
        fl_diag_add(diags, FL_SEV_ERROR, 1, 1, "xml", "the file is empty");
        return -1;
    }
    line_index li = {0};
    int rc = scan_utf8(&li, buf, len, diags);
    if (rc) {
        free(li.starts);
        return rc == -2 ? -2 : -1;
    }
    check_declared_encoding(&li, diags);
    if (diags->errors) {
        free(li.starts);
        return -1;
    }
    if (init_libxml()) {
        fl_diag_add(diags, FL_SEV_ERROR, 0, 0, "internal",
                    "the built-in scenario schema does not compile (a build problem)");
        free(li.starts);
        return -1;
    }

    xmlDocPtr doc = NULL;
    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(buf, (int)len);
    if (!ctxt) {
        free(li.starts);
        return -2;
    }
    /* Never: NOENT (substitutes entities), DTDLOAD, DTDATTR, DTDVALID, XINCLUDE, HUGE. */
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES |
                                XML_PARSE_IGNORE_ENC | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    parse_state st = {.ctxt = ctxt, .buf = buf, .len = len, .li = &li, .diags = diags};
    st.start = ctxt->sax->startElementNs;
    st.end = ctxt->sax->endElementNs;
    ctxt->sax->startElementNs = on_start;
    ctxt->sax->endElementNs = on_end;
    ctxt->sax->internalSubset = refuse_doctype;
    ctxt->sax->externalSubset = refuse_doctype;
    ctxt->sax->entityDecl = refuse_entity;
    ctxt->sax->serror = NULL;
    ctxt->sax->error = ignore_generic_error;
    ctxt->sax->warning = ignore_generic_error;
    current = &st;
    xmlSetStructuredErrorFunc(NULL, on_parse_error);
    xmlParseDocument(ctxt);
    xmlSetStructuredErrorFunc(NULL, NULL);
    current = NULL;
    doc = ctxt->myDoc;
    ctxt->myDoc = NULL;
    int well_formed = ctxt->wellFormed && !st.stopped && !st.xml_error;
    xmlFreeParserCtxt(ctxt);

    if (well_formed && doc) {
        xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
        if (!vc) {
            rc = -2;
            goto out;
        }
        schema_ctx sc = {&li, diags};
        xmlSchemaSetValidStructuredErrors(vc, on_schema_error, &sc);
        int v = xmlSchemaValidateDoc(vc, doc);
        xmlSchemaFreeValidCtxt(vc);
        if (v != 0 && diags->errors == 0)
            fl_diag_add(diags, FL_SEV_ERROR, 0, 0, "schema", "the file does not match the schema");
        if (diags->errors == 0)
            rc = fl_loader__build(out, doc, &li, path, diags);
        else
            rc = -1;
    } else {
        if (diags->errors == 0)
            fl_diag_add(diags, FL_SEV_ERROR, 0, 0, "xml", "the file is not well-formed XML");
        rc = -1;
    }
out:
    xmlFreeDoc(doc);
    free(li.starts);
    fl_diags_sort(diags);
    if (rc == 0 && diags->errors) {
        fl_scenario_free(*out);
        *out = NULL;
        rc = -1;
    }
    return rc;
}

int fl_scenario_load_file(fl_scenario **out, const char *path, fl_diags *diags)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        fl_diag_add(diags, FL_SEV_ERROR, 0, 0, "io", "cannot open: %s", strerror(errno));
        return -1;
    }
    /* Read at most one byte past the limit: a huge file is refused without reading it all. */
    size_t cap = 64 * 1024, len = 0;
    char *buf = malloc(cap);
    int rc = 0;
    while (buf) {
        if (len == cap) {
            if (cap > FL_SCENARIO_MAX_BYTES)
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
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0)
            break;
    }
    if (!buf) {
        rc = -2;
    } else if (ferror(f)) {
        fl_diag_add(diags, FL_SEV_ERROR, 0, 0, "io", "cannot read: %s", strerror(errno));
        rc = -1;
    } else if (len > FL_SCENARIO_MAX_BYTES) {
        fl_diag_add(diags, FL_SEV_ERROR, 0, 0, "too-large",
                    "the file is larger than %u MiB, the limit for scenarios",
                    FL_SCENARIO_MAX_BYTES / (1024 * 1024));
        rc = -1;
    } else {
        rc = fl_scenario_load_memory(out, buf, len, path, diags);
    }
    free(buf);
    fclose(f);
    return rc;
}
