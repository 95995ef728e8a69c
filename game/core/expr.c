/*
 * expr.c - compiler and evaluator of the condition language; see expr.h for the grammar.
 * Depends on libc, arena.h and the catalogue: a problem is described in the language of the
 * diagnostics (fl_diags_lang(), diag.h), since the scenario's author reads it in lint's output.
 */
#include "alloc.h"
#include "expr.h"

#include "catalogue.h"
#include "diag.h"
#include "utf8.h"
#include "vec.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum op {
    OP_CONST, /* followed by the value */
    OP_LOAD,  /* followed by the slot */
    OP_NEG,
    OP_NOT,
    OP_ADD,
    OP_SUB,
    OP_EQ,
    OP_NE,
    OP_LT,
    OP_LE,
    OP_GT,
    OP_GE,
    OP_AND,
    OP_OR,
};

#define MAX_NESTING 32
#define MAX_STACK   64

struct fl_expr {
    uint32_t n; /* words of code */
    int32_t code[];
};

typedef enum {
    T_END,
    T_INT,
    T_NAME,
    T_TRUE,
    T_FALSE,
    T_AND,
    T_OR,
    T_NOT,
    T_EQ,
    T_NE,
    T_LT,
    T_LE,
    T_GT,
    T_GE,
    T_PLUS,
    T_MINUS,
    T_LPAREN,
    T_RPAREN,
    T_BAD,
} tok_kind;

typedef struct {
    const char *src;
    size_t len;
    size_t pos;       /* scanning position */
    tok_kind tok;     /* current token */
    size_t tok_start; /* its offset */
    size_t tok_len;
    int64_t tok_value;
    int depth;
    int sp, max_sp; /* simulated stack depth */
    int32_t *code;
    size_t n, cap;
    fl_expr_resolver resolve;
    void *payload;
    fl_expr_error *err;
    int status;
} parser;

/* Records the first problem: its position, and its message, the catalogue word `word` (a printf
 * format taking the arguments that follow) in the diagnostics' language. Out of memory has no
 * message (FL_W_NONE): the caller reports it its own way. */
static void fail(parser *p, int status, size_t off, size_t len, int word, ...)
{
    if (p->status)
        return; /* keep the first problem */
    p->status = status;
    if (p->err && status != FL_EXPR_ENOMEM) {
        const char *fmt = fl_word((fl_word_id)word, fl_diags_lang());
        char *m = p->err->message;
        p->err->offset = off;
        p->err->length = len;
        va_list ap;
        va_start(ap, word);
        int n = vsnprintf(m, sizeof(p->err->message), fmt ? fmt : "?", ap);
        va_end(ap);
        /* A message cut short must not end inside a character (Russian takes two bytes each). */
        if (n >= (int)sizeof(p->err->message)) {
            size_t k = strlen(m), lead = k;
            while (lead > 0 && ((unsigned char)m[lead - 1] & 0xC0) == 0x80)
                lead--;
            if (lead > 0 && (unsigned char)m[lead - 1] >= 0xC0) {
                unsigned char u = (unsigned char)m[lead - 1];
                size_t need = u >= 0xF0 ? 4 : u >= 0xE0 ? 3 : 2;
                if (k - (lead - 1) < need)
                    m[lead - 1] = '\0';
            }
        }
    }
}

static int is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int word_is(const char *s, size_t n, const char *w)
{
    return strlen(w) == n && memcmp(s, w, n) == 0;
}

/* The current token in '...', for a message; the end of the condition has words of its own. */
static const char *tok_text(parser *p, char *buf, size_t size)
{
    snprintf(buf, size, "'%.*s'", (int)fl_utf8_cut(p->src + p->tok_start, p->tok_len, 40),
             p->src + p->tok_start);
    return buf;
}

static void next(parser *p)
{
    const char *s = p->src;
    while (p->pos < p->len &&
           (s[p->pos] == ' ' || s[p->pos] == '\t' || s[p->pos] == '\n' || s[p->pos] == '\r'))
        p->pos++;
    p->tok_start = p->pos;
    if (p->pos >= p->len) {
        p->tok = T_END;
        p->tok_len = 0;
        return;
    }
    char c = s[p->pos];
    char d = p->pos + 1 < p->len ? s[p->pos + 1] : '\0';
    size_t start = p->pos;
    if (is_digit(c)) {
        int64_t v = 0;
        while (p->pos < p->len && is_digit(s[p->pos])) {
            if (v <= FL_EXPR_MAX_LITERAL)
                v = v * 10 + (s[p->pos] - '0');
            p->pos++;
        }
        p->tok_len = p->pos - start;
        if (p->pos < p->len && is_alpha(s[p->pos])) {
            while (p->pos < p->len && (is_alpha(s[p->pos]) || is_digit(s[p->pos])))
                p->pos++;
            p->tok_len = p->pos - start;
            p->tok = T_BAD;
            return;
        }
        if (v > FL_EXPR_MAX_LITERAL) {
            fail(p, FL_EXPR_ESYNTAX, start, p->tok_len, FL_W_LN_EXPR_TOO_LARGE,
                 (int)(p->tok_len > 40 ? 40 : p->tok_len), s + start, FL_EXPR_MAX_LITERAL);
        }
        p->tok = T_INT;
        p->tok_value = v;
        return;
    }
    if (is_alpha(c)) {
        while (p->pos < p->len && (is_alpha(s[p->pos]) || is_digit(s[p->pos])))
            p->pos++;
        p->tok_len = p->pos - start;
        const char *w = s + start;
        size_t n = p->tok_len;
        p->tok = word_is(w, n, "and")     ? T_AND
                 : word_is(w, n, "or")    ? T_OR
                 : word_is(w, n, "not")   ? T_NOT
                 : word_is(w, n, "true")  ? T_TRUE
                 : word_is(w, n, "false") ? T_FALSE
                                          : T_NAME;
        return;
    }
    p->tok_len = 2;
    p->pos += 2;
    if (c == '=' && d == '=') {
        p->tok = T_EQ;
        return;
    }
    if (c == '!' && d == '=') {
        p->tok = T_NE;
        return;
    }
    if (c == '<' && d == '=') {
        p->tok = T_LE;
        return;
    }
    if (c == '>' && d == '=') {
        p->tok = T_GE;
        return;
    }
    if (c == '&' && d == '&') {
        p->tok = T_AND;
        return;
    }
    if (c == '|' && d == '|') {
        p->tok = T_OR;
        return;
    }
    p->tok_len = 1;
    p->pos = start + 1;
    switch (c) {
    case '<':
        p->tok = T_LT;
        return;
    case '>':
        p->tok = T_GT;
        return;
    case '!':
        p->tok = T_NOT;
        return;
    case '+':
        p->tok = T_PLUS;
        return;
    case '-':
        p->tok = T_MINUS;
        return;
    case '(':
        p->tok = T_LPAREN;
        return;
    case ')':
        p->tok = T_RPAREN;
        return;
    default:
        break;
    }
    /* Take a whole UTF-8 character so the message shows it intact. */
    unsigned char u = (unsigned char)c;
    size_t clen = u >= 0xF0 ? 4 : u >= 0xE0 ? 3 : u >= 0xC0 ? 2 : 1;
    if (start + clen > p->len)
        clen = p->len - start;
    p->pos = start + clen;
    p->tok_len = clen;
    p->tok = T_BAD;
}

static void emit(parser *p, int32_t w)
{
    if (p->status)
        return;
    /* 32 words at first: a whole condition, usually */
    if (FL_GROW(p->code, p->cap, p->n < 32 ? 32 : p->n + 1)) {
        fail(p, FL_EXPR_ENOMEM, 0, 0, FL_W_NONE);
        return;
    }
    p->code[p->n++] = w;
}

static void push(parser *p, int n)
{
    p->sp += n;
    if (p->sp > p->max_sp)
        p->max_sp = p->sp;
}

static void emit_op(parser *p, enum op op)
{
    emit(p, op);
    if (op >= OP_ADD)
        p->sp--; /* binary: two in, one out */
}

static void parse_or(parser *p);

/* Reports a single '&' or '|' where a condition goes on (after a value): the likeliest slip of
 * an author used to other languages, worth saying as it is rather than "expected 'and'".
 * Returns 1 when it did. */
static int single_andor(parser *p)
{
    char buf[64];
    if (p->tok != T_BAD || (p->src[p->tok_start] != '&' && p->src[p->tok_start] != '|'))
        return 0;
    fail(p, FL_EXPR_ESYNTAX, p->tok_start, 1, FL_W_LN_EXPR_SINGLE_ANDOR,
         tok_text(p, buf, sizeof(buf)));
    return 1;
}

static void parse_unary(parser *p)
{
    char buf[64];
    if (p->status)
        return;
    if (++p->depth > MAX_NESTING) {
        fail(p, FL_EXPR_ESYNTAX, p->tok_start, p->tok_len, FL_W_LN_EXPR_TOO_DEEP, MAX_NESTING);
        return;
    }
    switch (p->tok) {
    case T_MINUS:
        next(p);
        parse_unary(p);
        emit_op(p, OP_NEG);
        break;
    case T_INT:
        emit(p, OP_CONST);
        emit(p, (int32_t)p->tok_value);
        push(p, 1);
        next(p);
        break;
    case T_TRUE:
    case T_FALSE:
        emit(p, OP_CONST);
        emit(p, p->tok == T_TRUE);
        push(p, 1);
        next(p);
        break;
    case T_NAME: {
        int slot = p->resolve(p->src + p->tok_start, p->tok_len, p->payload);
        if (slot < 0) {
            fail(p, FL_EXPR_EUNKNOWN, p->tok_start, p->tok_len, FL_W_LN_EXPR_UNKNOWN,
                 (int)p->tok_len, p->src + p->tok_start);
            return;
        }
        emit(p, OP_LOAD);
        emit(p, slot);
        push(p, 1);
        next(p);
        break;
    }
    case T_LPAREN: {
        size_t open = p->tok_start;
        next(p);
        parse_or(p);
        if (p->status)
            return;
        if (single_andor(p))
            return;
        if (p->tok == T_END) {
            fail(p, FL_EXPR_ESYNTAX, open, 1, FL_W_LN_EXPR_UNCLOSED_END);
            return;
        }
        if (p->tok != T_RPAREN) {
            fail(p, FL_EXPR_ESYNTAX, open, 1, FL_W_LN_EXPR_UNCLOSED, tok_text(p, buf, sizeof(buf)));
            return;
        }
        next(p);
        break;
    }
    case T_BAD:
        if (is_digit(p->src[p->tok_start]))
            fail(p, FL_EXPR_ESYNTAX, p->tok_start, p->tok_len, FL_W_LN_EXPR_NOT_NUMBER,
                 tok_text(p, buf, sizeof(buf)));
        else if (p->src[p->tok_start] == '=')
            fail(p, FL_EXPR_ESYNTAX, p->tok_start, 1, FL_W_LN_EXPR_SINGLE_EQ);
        else if (p->src[p->tok_start] == '&' || p->src[p->tok_start] == '|')
            fail(p, FL_EXPR_ESYNTAX, p->tok_start, 1, FL_W_LN_EXPR_SINGLE_ANDOR,
                 tok_text(p, buf, sizeof(buf)));
        else
            fail(p, FL_EXPR_ESYNTAX, p->tok_start, p->tok_len, FL_W_LN_EXPR_BAD_CHAR,
                 tok_text(p, buf, sizeof(buf)));
        break;
    case T_END:
        fail(p, FL_EXPR_ESYNTAX, p->tok_start, p->tok_len, FL_W_LN_EXPR_EXPECTED_VALUE_END);
        break;
    default:
        fail(p, FL_EXPR_ESYNTAX, p->tok_start, p->tok_len, FL_W_LN_EXPR_EXPECTED_VALUE,
             tok_text(p, buf, sizeof(buf)));
        break;
    }
    p->depth--;
}

static void parse_sum(parser *p)
{
    parse_unary(p);
    while (!p->status && (p->tok == T_PLUS || p->tok == T_MINUS)) {
        enum op op = p->tok == T_PLUS ? OP_ADD : OP_SUB;
        next(p);
        parse_unary(p);
        emit_op(p, op);
    }
}

static void parse_cmp(parser *p)
{
    parse_sum(p);
    if (p->status)
        return;
    enum op op;
    switch (p->tok) {
    case T_EQ:
        op = OP_EQ;
        break;
    case T_NE:
        op = OP_NE;
        break;
    case T_LT:
        op = OP_LT;
        break;
    case T_LE:
        op = OP_LE;
        break;
    case T_GT:
        op = OP_GT;
        break;
    case T_GE:
        op = OP_GE;
        break;
    default:
        return;
    }
    next(p);
    parse_sum(p);
    emit_op(p, op);
    if (!p->status && p->tok >= T_EQ && p->tok <= T_GE) {
        fail(p, FL_EXPR_ESYNTAX, p->tok_start, p->tok_len, FL_W_LN_EXPR_CHAINED);
    }
}

static void parse_not(parser *p)
{
    if (p->tok == T_NOT) {
        if (++p->depth > MAX_NESTING) {
            fail(p, FL_EXPR_ESYNTAX, p->tok_start, p->tok_len, FL_W_LN_EXPR_TOO_DEEP, MAX_NESTING);
            return;
        }
        next(p);
        parse_not(p);
        emit_op(p, OP_NOT);
        p->depth--;
        return;
    }
    parse_cmp(p);
}

static void parse_and(parser *p)
{
    parse_not(p);
    while (!p->status && p->tok == T_AND) {
        next(p);
        parse_not(p);
        emit_op(p, OP_AND);
    }
}

static void parse_or(parser *p)
{
    parse_and(p);
    while (!p->status && p->tok == T_OR) {
        next(p);
        parse_and(p);
        emit_op(p, OP_OR);
    }
}

int fl_expr_compile(fl_expr **out, fl_arena *arena, const char *src, size_t len,
                    fl_expr_resolver resolve, void *payload, fl_expr_error *err)
{
    parser p = {.src = src, .len = len, .resolve = resolve, .payload = payload, .err = err};
    *out = NULL;
    if (err)
        memset(err, 0, sizeof(*err));
    if (len > FL_EXPR_MAX_LENGTH) {
        fail(&p, FL_EXPR_ESYNTAX, 0, 0, FL_W_LN_EXPR_TOO_LONG, len, FL_EXPR_MAX_LENGTH);
        return p.status;
    }
    next(&p);
    if (p.tok == T_END && !p.status) {
        fail(&p, FL_EXPR_ESYNTAX, 0, 0, FL_W_LN_EXPR_EMPTY);
        return p.status;
    }
    parse_or(&p);
    if (!p.status && p.tok != T_END) {
        char buf[64];
        if (p.tok == T_RPAREN)
            fail(&p, FL_EXPR_ESYNTAX, p.tok_start, 1, FL_W_LN_EXPR_UNMATCHED);
        else if (p.tok == T_BAD && src[p.tok_start] == '=')
            fail(&p, FL_EXPR_ESYNTAX, p.tok_start, 1, FL_W_LN_EXPR_SINGLE_EQ);
        else if (!single_andor(&p))
            fail(&p, FL_EXPR_ESYNTAX, p.tok_start, p.tok_len, FL_W_LN_EXPR_EXPECTED_OP,
                 tok_text(&p, buf, sizeof(buf)));
    }
    if (!p.status && p.max_sp > MAX_STACK)
        fail(&p, FL_EXPR_ESYNTAX, 0, 0, FL_W_LN_EXPR_TOO_COMPLEX, MAX_STACK);
    if (!p.status) {
        fl_expr *e = fl_arena_alloc(arena, sizeof(fl_expr) + p.n * sizeof(int32_t));
        if (!e) {
            fail(&p, FL_EXPR_ENOMEM, 0, 0, FL_W_NONE);
        } else {
            e->n = (uint32_t)p.n;
            memcpy(e->code, p.code, p.n * sizeof(int32_t));
            *out = e;
        }
    }
    free(p.code);
    return p.status;
}

int64_t fl_expr_eval(const fl_expr *e, const int32_t *env)
{
    int64_t st[MAX_STACK];
    int sp = 0;
    const int32_t *c = e->code, *end = e->code + e->n;
    while (c < end) {
        switch ((enum op) * c++) {
        case OP_CONST:
            st[sp++] = *c++;
            break;
        case OP_LOAD:
            st[sp++] = env[*c++];
            break;
        case OP_NEG:
            st[sp - 1] = -st[sp - 1];
            break;
        case OP_NOT:
            st[sp - 1] = !st[sp - 1];
            break;
        case OP_ADD:
            sp--;
            st[sp - 1] += st[sp];
            break;
        case OP_SUB:
            sp--;
            st[sp - 1] -= st[sp];
            break;
        case OP_EQ:
            sp--;
            st[sp - 1] = st[sp - 1] == st[sp];
            break;
        case OP_NE:
            sp--;
            st[sp - 1] = st[sp - 1] != st[sp];
            break;
        case OP_LT:
            sp--;
            st[sp - 1] = st[sp - 1] < st[sp];
            break;
        case OP_LE:
            sp--;
            st[sp - 1] = st[sp - 1] <= st[sp];
            break;
        case OP_GT:
            sp--;
            st[sp - 1] = st[sp - 1] > st[sp];
            break;
        case OP_GE:
            sp--;
            st[sp - 1] = st[sp - 1] >= st[sp];
            break;
        case OP_AND:
            sp--;
            st[sp - 1] = st[sp - 1] && st[sp];
            break;
        case OP_OR:
            sp--;
            st[sp - 1] = st[sp - 1] || st[sp];
            break;
        }
    }
    return sp ? st[0] : 0;
}

void fl_expr_each_slot(const fl_expr *e, void (*fn)(int slot, void *payload), void *payload)
{
    for (uint32_t i = 0; i < e->n; i++) {
        if (e->code[i] == OP_CONST)
            i++;
        else if (e->code[i] == OP_LOAD)
            fn(e->code[++i], payload);
    }
}
