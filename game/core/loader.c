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
 * The file is read into memory by readfile.c (only a regular file, opened without blocking,
 * never mapped: a FIFO used to hang the load, a mapped file cut by an editor killed it with
 * SIGBUS). Loads are reentrant: each keeps its state in its parser context, so several threads
 * may load at once (see "Process-wide libxml2 set-up" for the one thing that is shared).
 * Every problem becomes a diagnostic with file:line:column. libxml2 records element lines but
 * not columns, so the loader takes each element's byte offset from the parser's position.
 *
 * The messages are catalogue words (catalogue_lint2.def) in the language of the diagnostics list;
 * libxml2's own messages are English, so the commonest are said anew in Russian (xml_words).
 *
 * Depends on libc, libxml2 and the other core modules.
 */
#include "alloc.h"
#include "catalogue.h"
#include "loader.h"
#include "utf8.h"
#include "vec.h"

#include "readfile.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>

/* ---- Process-wide libxml2 set-up ------------------------------------------------------- */

/*
 * The loader is reentrant: every load keeps its state in its own parse_state, reached from the
 * parser context (ctxt->_private), and its errors reach it through that context's own SAX
 * handler (sax->serror, called with ctxt->userData, which is the context itself), never
 * through libxml2's global error functions. Loads may run on several threads at once (the
 * desktop's F5 beside a round's pool, tests/unit/test_loader_threads.c).
 *
 * Two things are process-wide by libxml2's design, and set once here under pthread_once:
 * xmlInitParser(), and the external entity loader (libxml2 has no per-context one in 2.9).
 * Ours refuses everything, for every parse of the process, which is what we want anyway;
 * installing it once, before any parse, means no parse can ever run without it. The count of
 * refused attempts is a statistic for the hostile-input tests, kept atomically.
 */
static atomic_uint external_attempts;
static pthread_once_t libxml_once = PTHREAD_ONCE_INIT;

/* Every attempt to load an external resource (DTD, entity, schema part) ends here, refused. */
static xmlParserInputPtr refuse_external(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
    (void)url;
    (void)id;
    (void)ctxt;
    atomic_fetch_add(&external_attempts, 1);
    return NULL;
}

unsigned fl_loader__external_attempts(void)
{
    return atomic_load(&external_attempts);
}

/* libxml2's unstructured messages (its English text): the structured handler says it all. */
static void ignore_generic_error(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static void init_libxml_once(void)
{
    xmlInitParser();
    xmlSetExternalEntityLoader(refuse_external);
}

static void init_libxml(void)
{
    pthread_once(&libxml_once, init_libxml_once);
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
    line_index *w = (line_index *)li;
    /* A scenario on one line would cost a count from the line's start for every element:
     * count on from the last answer when it is on this line and not past `off`. */
    size_t from = li->starts[lo];
    uint32_t col = 1;
    if (w->hint == lo && w->hint_col > 0 && w->hint_off >= from && w->hint_off <= off) {
        from = w->hint_off;
        col = w->hint_col;
    }
    for (size_t i = from; i < off; i++)
        col += ((unsigned char)li->buf[i] & 0xC0) != 0x80;
    w->hint = lo;
    w->hint_off = off;
    w->hint_col = col;
    return (fl_pos){(uint32_t)lo + 1, col};
}

/* The words of a kind of file, in the list's language. */
static const char *kind_plural(const fl_doc_kind *kind, const fl_diags *d)
{
    return fl_word((fl_word_id)kind->plural, d->lang);
}

static const char *kind_singular(const fl_doc_kind *kind, const fl_diags *d)
{
    return fl_word((fl_word_id)kind->singular, d->lang);
}

/*
 * Checks that buf is UTF-8 without NUL and builds the line index. Reports the first bad byte
 * with its position. Returns 0, -1 on bad input, -2 when out of memory.
 */
static int scan_utf8(const fl_doc_kind *kind, line_index *li, const char *buf, size_t len,
                     fl_diags *d)
{
    const unsigned char *s = (const unsigned char *)buf;
    size_t cap = 0;
    li->buf = buf;
    li->len = len;
    li->n = 0;
    li->starts = NULL;
    if (FL_GROW(li->starts, cap, len / 64 + 16)) /* a guess; grown as needed */
        return -2;
    li->starts[li->n++] = 0;
    if ((len >= 2 && ((s[0] == 0xFE && s[1] == 0xFF) || (s[0] == 0xFF && s[1] == 0xFE))) ||
        (len >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF)) {
        fl_diag_addw(d, FL_SEV_ERROR, 1, 1, "encoding", FL_W_L2_UTF16, kind_plural(kind, d));
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
                fl_diag_addw(d, FL_SEV_ERROR, p.line, p.column, "encoding", FL_W_L2_NUL);
            else if (fl_utf8_lead_length((unsigned char)c) > len - i)
                fl_diag_addw(d, FL_SEV_ERROR, p.line, p.column, "encoding", FL_W_L2_UTF8_CUT);
            else
                fl_diag_addw(d, FL_SEV_ERROR, p.line, p.column, "encoding", FL_W_L2_UTF8_BAD, c);
            return -1;
        }
        if (c == '\n') {
            if (FL_GROW(li->starts, cap, li->n + 1))
                return -2;
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
    int elements;  /* an element has opened */
    void *builder;
    const char *open_name[FL_SCENARIO_MAX_DEPTH + 1]; /* the open elements, for messages */
    size_t open_off[FL_SCENARIO_MAX_DEPTH + 1];
    const char **kv; /* attribute name/value pairs for the builder */
    char *scratch;   /* their NUL-terminated copies */
    size_t kv_cap, scratch_cap;
    int oom;
} parse_state;

/* The load a SAX callback belongs to: ctx is the parser context (its userData is itself, as
 * xmlCreatePushParserCtxt leaves it), whose _private points at the load's parse_state. */
static parse_state *state_of(void *ctx)
{
    return ((xmlParserCtxtPtr)ctx)->_private;
}

static size_t consumed(const parse_state *st)
{
    long n = xmlByteConsumed(st->ctxt);
    return n < 0 ? 0 : (size_t)n > st->li->len ? st->li->len : (size_t)n;
}

/* Offset of the '<' that opens the construct the parser is inside of, searching back. */
static size_t open_offset(const parse_state *st, const char *prefix)
{
    size_t off = consumed(st);
    size_t plen = strlen(prefix);
    while (off > 0) {
        off--;
        if (st->li->buf[off] == '<' && off + plen <= st->li->len &&
            memcmp(st->li->buf + off, prefix, plen) == 0)
            return off;
    }
    return 0;
}

/* Stops the parser with the first diagnostic that says why: the word takes one argument, the
 * kind of file (as_kind) or the depth limit. */
static void stop(parse_state *st, fl_pos p, const char *rule, fl_word_id word, int as_kind)
{
    if (!st->stopped) {
        if (as_kind)
            fl_diag_addw(st->diags, FL_SEV_ERROR, p.line, p.column, rule, word,
                         kind_plural(st->kind, st->diags));
        else
            fl_diag_addw(st->diags, FL_SEV_ERROR, p.line, p.column, rule, word,
                         FL_SCENARIO_MAX_DEPTH);
    }
    st->stopped = 1;
    xmlStopParser(st->ctxt);
}

static void refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
    (void)name;
    (void)ext;
    (void)sys;
    parse_state *st = state_of(ctx);
    stop(st, fl_loader__pos(st->li, open_offset(st, "<!DOCTYPE")), "doctype", FL_W_L2_DOCTYPE, 1);
}

static void refuse_entity(void *ctx, const xmlChar *name, int type, const xmlChar *pub,
                          const xmlChar *sys, xmlChar *content)
{
    (void)name;
    (void)type;
    (void)pub;
    (void)sys;
    (void)content;
    parse_state *st = state_of(ctx);
    stop(st, fl_loader__pos(st->li, open_offset(st, "<!ENTITY")), "doctype", FL_W_L2_ENTITY, 1);
}

#define XSI_NS "http://www.w3.org/2001/XMLSchema-instance"

/* libxml2's SAX2 hands an attribute's "&amp;" over as the character reference "&#38;" (it
 * leaves '&' escaped, as the value is not expanded further without XML_PARSE_NOENT, which we
 * never set: it would expand entities). Every "&#38;" in a value came from "&amp;" or "&#38;"
 * in the file, both of which mean '&': decoded in place, so match="terms &amp; conditions" is
 * the words the author wrote. */
static void unescape_amp(char *v)
{
    char *r = strstr(v, "&#38;");
    if (!r)
        return;
    char *w = r;
    while (*r) {
        if (strncmp(r, "&#38;", 5) == 0) {
            *w++ = '&';
            r += 5;
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *URI,
                     int nb_namespaces, const xmlChar **namespaces, int nb_attributes,
                     int nb_defaulted, const xmlChar **attributes)
{
    (void)nb_namespaces;
    (void)namespaces;
    (void)nb_defaulted;
    parse_state *st = state_of(ctx);
    st->elements = 1;
    size_t off = open_offset(st, "<");
    if (st->depth < FL_SCENARIO_MAX_DEPTH) {
        st->open_name[st->depth] = (const char *)localname; /* interned by the parser */
        st->open_off[st->depth] = off;
    }
    if (++st->depth > FL_SCENARIO_MAX_DEPTH) {
        stop(st, fl_loader__pos(st->li, off), "too-deep", FL_W_L2_TOO_DEEP, 0);
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
    if (FL_GROW(st->kv, st->kv_cap, need_kv) || FL_GROW(st->scratch, st->scratch_cap, need + 1))
        goto oom;
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
        unescape_amp(w);
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
    (void)localname;
    (void)prefix;
    (void)URI;
    parse_state *st = state_of(ctx);
    st->depth--;
    st->kind->end(st->builder);
}

static void on_text(void *ctx, const xmlChar *s, int len)
{
    parse_state *st = state_of(ctx);
    st->kind->text(st->builder, (const char *)s, (size_t)len);
}

/* libxml2's commonest well-formedness messages, as catalogue words: the code, the word, whose
 * English is libxml2's format (a code covers several messages: the text up to the first
 * conversion tells them apart), and what its conversions take. */
enum { ARGS_NONE, ARGS_STR1, ARGS_STR1_INT1_STR2 };
static const struct {
    int code;
    fl_word_id word;
    int args;
} xml_words[] = {
    {XML_ERR_TAG_NAME_MISMATCH, FL_W_L2_XML_MISMATCH, ARGS_STR1_INT1_STR2},
    {XML_ERR_ATTRIBUTE_REDEFINED, FL_W_L2_XML_ATTR_TWICE, ARGS_STR1},
    {XML_ERR_LT_IN_ATTRIBUTE, FL_W_L2_XML_LT_IN_ATTR, ARGS_NONE},
    {XML_ERR_NAME_REQUIRED, FL_W_L2_XML_AMP, ARGS_NONE},
    {XML_ERR_NAME_REQUIRED, FL_W_L2_XML_NAME, ARGS_NONE},
    {XML_ERR_ENTITYREF_SEMICOL_MISSING, FL_W_L2_XML_SEMICOLON, ARGS_NONE},
    {XML_ERR_UNDECLARED_ENTITY, FL_W_L2_XML_ENTITY_UNDEFINED, ARGS_STR1},
    {XML_ERR_ATTRIBUTE_NOT_STARTED, FL_W_L2_XML_ATTR_QUOTE, ARGS_NONE},
    {XML_ERR_ATTRIBUTE_WITHOUT_VALUE, FL_W_L2_XML_ATTR_NO_VALUE, ARGS_STR1},
    {XML_ERR_DOCUMENT_END, FL_W_L2_XML_EXTRA, ARGS_NONE},
    {XML_ERR_DOCUMENT_EMPTY, FL_W_L2_XML_DOC_EMPTY, ARGS_NONE},
    {XML_ERR_HYPHEN_IN_COMMENT, FL_W_L2_XML_DOUBLE_HYPHEN, ARGS_NONE},
};

/* Says libxml2's error in the list's language when it is one of xml_words, with the names the
 * error carries; returns 0 (nothing said) for any other, and for one whose names are missing
 * (a prefixed attribute's "Attribute p:a redefined" carries two). */
static int xml_said(fl_diags *d, const xmlError *err, unsigned line, unsigned col)
{
    const char *msg = err->message ? err->message : "";
    for (size_t i = 0; i < sizeof(xml_words) / sizeof(xml_words[0]); i++) {
        const char *english = fl_word(xml_words[i].word, FL_LANG_EN);
        if (xml_words[i].code != (int)err->code ||
            strncmp(msg, english, strcspn(english, "%")) != 0)
            continue;
        switch (xml_words[i].args) {
        case ARGS_NONE:
            fl_diag_addw(d, FL_SEV_ERROR, line, col, "xml", xml_words[i].word);
            return 1;
        case ARGS_STR1:
            if (!err->str1 || err->str2)
                return 0;
            fl_diag_addw(d, FL_SEV_ERROR, line, col, "xml", xml_words[i].word, err->str1);
            return 1;
        default:
            if (!err->str1 || !err->str2)
                return 0;
            fl_diag_addw(d, FL_SEV_ERROR, line, col, "xml", xml_words[i].word, err->str1, err->int1,
                         err->str2);
            return 1;
        }
    }
    return 0;
}

/* Copies a libxml2 message on one line, without its trailing newline. libxml2 quotes the input
 * with a byte limit that can cut a character in two (an unclosed comment in Russian): only the
 * valid UTF-8 prefix is kept, so lint's text and JSON stay valid. */
static void clean_message(char *out, size_t size, const char *msg)
{
    snprintf(out, size, "%s", msg ? msg : "unknown error");
    size_t n = fl_utf8_valid_prefix(out, strlen(out));
    out[n] = '\0';
    for (size_t i = 0; i < n; i++)
        if (out[i] == '\n' || out[i] == '\r')
            out[i] = ' ';
    while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == ' '))
        out[--n] = '\0';
}

static int blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Whether nothing but white space follows line:col, the place of a parse error: libxml2 reports
 * a file cut short at the last thing it read, which is before a final line break. */
static int only_space_after(const line_index *li, unsigned line, unsigned col)
{
    if (line == 0 || line > li->n)
        return 0;
    size_t start = li->starts[line - 1], end = line < li->n ? li->starts[line] : li->len;
    for (size_t i = end; i < li->len; i++)
        if (!blank(li->buf[i]))
            return 0;
    size_t last = end; /* the end of the line's text, without its white space */
    while (last > start && blank(li->buf[last - 1]))
        last--;
    unsigned chars = 0;
    for (size_t i = start; i < last; i++)
        chars += ((unsigned char)li->buf[i] & 0xC0) != 0x80;
    return col == 0 || col > chars;
}

/* The parser context's structured error handler (sax->serror): libxml2 2.9's __xmlRaiseError
 * calls it with ctxt->userData, the context itself, for every error of the parser's domains
 * once the context's sax->error is set (it is: ignore_generic_error). Errors without a context
 * (there are none in a parse from memory) would go to libxml2's default, stderr. */
static void on_parse_error(void *ud, xmlErrorPtr err)
{
    parse_state *st = ud ? state_of(ud) : NULL;
    if (st && err->code == XML_ERR_NO_MEMORY) { /* the parser ran out: not the file's fault */
        st->oom = 1;
        return;
    }
    if (!st || st->stopped || st->xml_error || err->level < XML_ERR_ERROR)
        return;
    st->xml_error = 1; /* only the first: later ones are mostly its echoes */
    char msg[512];
    clean_message(msg, sizeof(msg), err->message);
    /* A file cut short fails where it ends: say so, it is the likeliest cause. */
    fl_pos end = fl_loader__pos(st->li, st->li->len);
    unsigned line = (unsigned)err->line, col = (unsigned)(err->int2 > 0 ? err->int2 : 0);
    int at_end = line == end.line && (col == 0 || col >= end.column);
    int cut = at_end || only_space_after(st->li, line, col);
    if (cut && st->depth > 0 && st->depth <= FL_SCENARIO_MAX_DEPTH) {
        int d = st->depth - 1;
        fl_pos open = fl_loader__pos(st->li, st->open_off[d]);
        fl_pos at = at_end ? end : (fl_pos){line, col};
        fl_diag_addw(st->diags, FL_SEV_ERROR, at.line, at.column, "xml", FL_W_L2_XML_CUT,
                     st->open_name[d], (unsigned)open.line);
        return;
    }
    /* libxml2 speaks English: in another language, its commonest messages are said anew, and
     * any other is quoted after a sentence saying what it is about. */
    if (st->diags->lang != FL_LANG_EN) {
        /* No element at all: libxml2 says "Extra content at the end" where a file holds only a
         * declaration or comments, which is no help. */
        if (!st->elements &&
            (err->code == XML_ERR_DOCUMENT_END || err->code == XML_ERR_DOCUMENT_EMPTY)) {
            fl_diag_addw(st->diags, FL_SEV_ERROR, line, col, "xml", FL_W_L2_XML_DOC_EMPTY);
            return;
        }
        if (!at_end && xml_said(st->diags, err, line, col))
            return;
    }
    fl_diag_addw(st->diags, FL_SEV_ERROR, line, col, "xml",
                 at_end ? FL_W_L2_XML_LIBXML_AT_END : FL_W_L2_XML_LIBXML, msg);
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
        /* quoted up to its first byte that is not UTF-8 and at most 40 bytes, cut between
         * characters (found by fuzz_scenario) */
        size_t shown = fl_utf8_cut(v, fl_utf8_valid_prefix(v, vlen), 40);
        fl_pos pos = fl_loader__pos(li, (size_t)(v - s));
        fl_diag_addw(d, FL_SEV_ERROR, pos.line, pos.column, "encoding", FL_W_L2_ENCODING_DECLARED,
                     (int)shown, v, kind_plural(kind, d));
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

/* ---- The pipeline ---------------------------------------------------------------------- */

int fl_loader__check(const fl_doc_kind *kind, line_index *li, const char *buf, size_t len,
                     fl_diags *diags)
{
    *li = (line_index){0};
    if (len > kind->max_bytes) {
        fl_diag_addw(diags, FL_SEV_ERROR, 0, 0, "too-large", FL_W_L2_TOO_LARGE, (long long)len,
                     kind_plural(kind, diags), (unsigned)(kind->max_bytes / (1024 * 1024)));
        return -1;
    }
    if (len == 0) {
        fl_diag_addw(diags, FL_SEV_ERROR, 1, 1, "xml", FL_W_L2_EMPTY);
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
    sax->serror = on_parse_error;
    sax->error = ignore_generic_error;
    sax->fatalError = ignore_generic_error;
    sax->warning = ignore_generic_error;
    ctxt->_private = &st;
    const char *buf = li->buf;
    size_t len = li->len;
    for (size_t off = 0; off < len && !st.stopped && !st.oom; off += PUSH_CHUNK) {
        size_t n = len - off < PUSH_CHUNK ? len - off : PUSH_CHUNK;
        if (xmlParseChunk(ctxt, buf + off, (int)n, 0) != 0 && !ctxt->wellFormed)
            break;
    }
    if (!st.stopped && !st.oom)
        xmlParseChunk(ctxt, NULL, 0, 1);
    /* Out of memory inside libxml2: reported as such, or (2.9) a chunk it could not take in,
     * which halts the parser with errNo XML_PARSER_EOF and no error, as if the document had
     * ended; and a diagnostic lost for lack of memory would make a wrong verdict. */
    if (ctxt->errNo == XML_ERR_NO_MEMORY || ctxt->errNo == (int)XML_PARSER_EOF || diags->oom)
        st.oom = 1;
    ctxt->_private = NULL;
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
        fl_diag_addw(diags, FL_SEV_ERROR, 0, 0, "xml", FL_W_L2_NOT_WELL_FORMED);
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
    return rc == -1 && diags->oom ? -2 : rc; /* a verdict without all its reasons: no memory */
}

/*
 * The file is read into memory through readfile.c, never mapped: a mapped file that an editor
 * truncates while it is parsed kills the process with SIGBUS (10-22 of 150 lint runs did), and
 * read() of a shrinking file is only a short read. Only a regular file is read: a FIFO, a
 * device or a socket is refused at once, without blocking, with what it is.
 */
int fl_loader__read_file(const fl_doc_kind *kind, void *out, const char *path, fl_diags *diags)
{
    char *buf, why[160];
    size_t len;
    int err;
    fl_file_status status = fl_file_read(path, kind->max_bytes, &buf, &len, &err);
    switch (status) {
    case FL_FILE_OK:
        break;
    case FL_FILE_ERRNO: /* the words lint has always said: "cannot open: No such file..." */
        fl_diag_addw(diags, FL_SEV_ERROR, 0, 0, "io", FL_W_L2_CANNOT_OPEN, strerror(err));
        return -1;
    case FL_FILE_FOLDER:
        fl_diag_addw(diags, FL_SEV_ERROR, 0, 0, "io", FL_W_L2_IS_FOLDER,
                     kind_singular(kind, diags));
        return -1;
    case FL_FILE_TOO_LARGE: /* len: its size, or what was read when it grew while read */
        fl_diag_addw(diags, FL_SEV_ERROR, 0, 0, "too-large", FL_W_L2_TOO_LARGE, (long long)len,
                     kind_plural(kind, diags), (unsigned)(kind->max_bytes / (1024 * 1024)));
        return -1;
    case FL_FILE_NOMEM:
        return -2;
    default: /* a FIFO, a device, a socket */
        fl_diag_add(diags, FL_SEV_ERROR, 0, 0, "io", "%s",
                    fl_file_why(status, err, diags->lang, why, sizeof(why)));
        return -1;
    }
    int rc = fl_loader__load(kind, out, buf, len, path, diags);
    free(buf);
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
    if (rc == 0 && (diags->errors || diags->oom)) { /* oom: a diagnostic was lost */
        fl_scenario_free(*s);
        *s = NULL;
        rc = diags->oom ? -2 : -1;
    }
    return rc;
}

static void scenario_free(void *b)
{
    fl_builder_free(b);
}

static const fl_doc_kind scenario_kind = {
    .plural = FL_W_L2_KIND_SCENARIOS,
    .singular = FL_W_L2_KIND_SCENARIO_FILE,
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
