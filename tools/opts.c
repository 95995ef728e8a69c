/*
 * opts.c - a command's options from one table; see opts.h.
 */
#include "opts.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "commands.h"
#include "schema.h"
#include "utf8.h"
#include "vec.h"

#define U(w) fl_word((w), fl_user_lang())

int fl_opts_read_long(const char *s, long long *out)
{
    const char *p = s + (*s == '-');
    if (!*p || strspn(p, "0123456789") != strlen(p) || strlen(p) > 18)
        return -1;
    *out = strtoll(s, NULL, 10);
    return 0;
}

int fl_opts_read_number(const char *s, double *out)
{
    const char *p = s + (*s == '-');
    size_t whole = strspn(p, "0123456789");
    if (whole == 0 || whole > 15)
        return -1;
    p += whole;
    if (*p == '.') {
        size_t frac = strspn(p + 1, "0123456789");
        if (frac == 0 || frac > 9)
            return -1;
        p += 1 + frac;
    }
    if (*p)
        return -1;
    *out = strtod(s, NULL); /* only digits and one '.': what strtod reads is what was meant */
    return 0;
}

static const fl_option *find(const fl_option *opts, const char *name)
{
    for (const fl_option *o = opts; o->kind != FL_OPT_END; o++)
        if (o->kind != FL_OPT_SECTION &&
            (!strcmp(o->name, name) || (o->alias && !strcmp(o->alias, name))))
            return o;
    return NULL;
}

/* "a | b | c" from "a|b|c", in buf (the same in every language). */
static const char *choice_list(const char *choices, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    for (const char *p = choices; *p && n + 4 < size;) {
        size_t len = strcspn(p, "|");
        const char *sep = p[len] ? " | " : "";
        n += (size_t)snprintf(buf + n, size - n, "%.*s%s", (int)len, p, sep);
        p += len + (p[len] == '|');
        if (n >= size)
            n = size - 1;
    }
    return buf;
}

static int choice_index(const char *choices, const char *v)
{
    int i = 0;
    size_t vl = strlen(v);
    for (const char *p = choices; *p; i++) {
        size_t len = strcspn(p, "|");
        if (len == vl && !strncmp(p, v, len))
            return i;
        p += len + (p[len] == '|');
    }
    return -1;
}

/* Numbers in messages: 30, 2.5, never 2.500000. */
static const char *num(double x, char *buf, size_t size)
{
    snprintf(buf, size, "%.15g", x);
    return buf;
}

/* A usage error: printed as "frontline CMD: message (see ...)" (fl_usage_error), or with
 * spec->err only written there and nothing printed. The message is one line of valid UTF-8
 * whatever was typed: a control character in an argument ($'a\nb') is written as \n, \t, \r
 * or \xHH, a byte that is not UTF-8 as \xHH, and a long message is cut between characters.
 * Returns 2. */
static int fail(const fl_command_spec *spec, const char *fmt, ...)
{
    char raw[4096], msg[4096];
    va_list ap;
    va_start(ap, fmt);
    int need = vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    size_t len = need < 0 ? 0 : (size_t)need < sizeof raw ? (size_t)need : sizeof raw - 1;
    size_t o = 0, room = spec->err && spec->errlen && spec->errlen < sizeof msg ? spec->errlen
                                                                                : sizeof msg;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)raw[i];
        size_t ok = fl_utf8_lead_length(c); /* a whole valid character here, or 0 */
        if (ok == 0 || ok > len - i || fl_utf8_valid_prefix(raw + i, ok) != ok)
            ok = 0;
        char esc[8];
        const char *put = raw + i;
        size_t put_len = ok;
        if (!ok || c < 0x20 || c == 0x7F) { /* not UTF-8 here, or a control character */
            if (c == '\n' || c == '\t' || c == '\r')
                put_len = (size_t)snprintf(esc, sizeof esc, "\\%c",
                                           c == '\n'   ? 'n'
                                           : c == '\t' ? 't'
                                                       : 'r');
            else
                put_len = (size_t)snprintf(esc, sizeof esc, "\\x%02X", c);
            put = esc;
            ok = 1;
        }
        if (o + put_len + 1 > room)
            break;
        memcpy(msg + o, put, put_len);
        o += put_len;
        i += ok;
    }
    msg[o] = '\0';
    if (spec->err) {
        if (spec->errlen)
            memcpy(spec->err, msg, o + 1);
        return 2;
    }
    return fl_usage_error(spec->cmd, "%s", msg);
}

static int set_value(const fl_command_spec *spec, const fl_option *o, const char *v)
{
    char a[32], b[32], list[256];
    switch (o->kind) {
    case FL_OPT_STRING:
        *(const char **)o->dest = v;
        return 0;
    case FL_OPT_LIST: {
        fl_opt_list *l = o->dest;
        if (FL_GROW(l->items, l->cap, l->n + 1)) {
            fprintf(stderr, U(FL_W_CMD_OOM), spec->cmd);
            fputc('\n', stderr);
            return 2;
        }
        l->items[l->n++] = v;
        return 0;
    }
    case FL_OPT_LONG: {
        long long x;
        if (fl_opts_read_long(v, &x) != 0)
            return fail(spec, U(FL_W_OPT_NOT_INTEGER), o->name, v);
        if ((double)x < o->min || (double)x > o->max)
            return fail(spec, U(FL_W_OPT_RANGE), o->name, v, num(o->min, a, sizeof a),
                        num(o->max, b, sizeof b));
        *(long long *)o->dest = x;
        return 0;
    }
    case FL_OPT_NUMBER: {
        double x;
        if (fl_opts_read_number(v, &x) != 0)
            return fail(spec, U(FL_W_OPT_NOT_NUMBER), o->name, v);
        if (x < o->min || x > o->max)
            return fail(spec, U(FL_W_OPT_RANGE), o->name, v, num(o->min, a, sizeof a),
                        num(o->max, b, sizeof b));
        *(double *)o->dest = x;
        return 0;
    }
    case FL_OPT_CHOICE: {
        int i = choice_index(o->choices, v);
        if (i < 0)
            return fail(spec, U(FL_W_OPT_CHOICE), o->name, v,
                        choice_list(o->choices, list, sizeof list));
        *(int *)o->dest = i;
        return 0;
    }
    default:
        return 0;
    }
}

static int unknown(const fl_command_spec *spec, const char *arg)
{
    char name[64], hint[160] = "";
    snprintf(name, sizeof name, "%.*s", (int)strcspn(arg, "="), arg);
    fl_suggestion sg = fl_suggest_start(name);
    for (const fl_option *o = spec->opts; o->kind != FL_OPT_END; o++)
        if (o->kind != FL_OPT_SECTION)
            fl_suggest(&sg, o->name);
    fl_suggest(&sg, "--help");
    if (sg.best)
        snprintf(hint, sizeof hint, U(FL_W_CMD_EXP_DID_YOU_MEAN), sg.best);
    return fail(spec, U(FL_W_OPT_UNKNOWN), arg, hint);
}

int fl_opts_parse(const fl_command_spec *spec, int argc, char **argv, char **operands,
                  int *n_operands)
{
    *n_operands = 0;
    int options_end = 0;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (options_end || arg[0] != '-' || !arg[1]) { /* "-" alone is an operand (stdin) */
            if (spec->max_operands >= 0 && *n_operands >= spec->max_operands)
                return fail(spec, U(FL_W_CMD_RPT_UNEXPECTED), arg);
            operands[(*n_operands)++] = argv[i];
            continue;
        }
        if (!strcmp(arg, "--")) {
            options_end = 1;
            continue;
        }
        if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
            if (!spec->err)
                fl_opts_help(stdout, spec);
            return 1;
        }
        /* --name=value is --name value */
        const char *eq = strchr(arg, '=');
        char name[64];
        const char *value = NULL;
        if (eq && arg[1] == '-' && (size_t)(eq - arg) < sizeof name) {
            memcpy(name, arg, (size_t)(eq - arg));
            name[eq - arg] = '\0';
            value = eq + 1;
        } else {
            snprintf(name, sizeof name, "%s", arg);
        }
        const fl_option *o = find(spec->opts, name);
        if (!o)
            return unknown(spec, arg);
        if (o->kind == FL_OPT_FLAG) {
            if (value)
                return unknown(spec, arg);
            *(int *)o->dest = 1;
            continue;
        }
        if (!value) {
            if (i + 1 >= argc)
                return fail(spec, U(FL_W_CMD_NEEDS_VALUE), o->name);
            value = argv[++i];
        }
        int rc = set_value(spec, o, value);
        if (rc)
            return rc;
    }
    return 0;
}

/* Prints text starting at column col, its later lines indented to col too. */
static void indented(FILE *f, const char *text, int col)
{
    for (const char *p = text; *p;) {
        size_t len = strcspn(p, "\n");
        fprintf(f, "%.*s\n", (int)len, p);
        p += len + (p[len] == '\n');
        if (*p)
            fprintf(f, "%*s", col, "");
    }
}

void fl_opts_help(FILE *f, const fl_command_spec *spec)
{
    int lang = fl_user_lang(), col = spec->column ? spec->column : 21;
    fputs(fl_word(spec->usage, lang), f);
    int any = 0;
    for (const fl_option *o = spec->opts; o->kind != FL_OPT_END; o++) {
        if (!o->help)
            continue;
        if (!any++)
            fputc('\n', f);
        if (o->kind == FL_OPT_SECTION) { /* a heading, or a paragraph between options */
            fputs(fl_word(o->help, lang), f);
            continue;
        }
        char head[128];
        int n = snprintf(head, sizeof head, "  %s%s%s%s%s", o->alias ? o->alias : "",
                         o->alias ? ", " : "", o->name, o->metavar ? " " : "",
                         o->metavar ? fl_word(o->metavar, lang) : "");
        /* the width in characters, for Russian value names */
        int chars = 0;
        for (int k = 0; k < n && head[k]; k++)
            chars += ((unsigned char)head[k] & 0xC0) != 0x80;
        if (chars + 1 > col)
            fprintf(f, "%s\n%*s", head, col, "");
        else
            fprintf(f, "%s%*s", head, col - chars, "");
        indented(f, fl_word(o->help, lang), col);
    }
    if (spec->more) {
        fputc('\n', f);
        fputs(fl_word(spec->more, lang), f);
    }
}

void fl_opts_free(const fl_command_spec *spec)
{
    for (const fl_option *o = spec->opts; o->kind != FL_OPT_END; o++)
        if (o->kind == FL_OPT_LIST) {
            fl_opt_list *l = o->dest;
            free(l->items);
            *l = (fl_opt_list){0};
        }
}
