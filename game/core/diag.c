/*
 * diag.c - the diagnostics list; see diag.h. Depends on libc and the catalogue (the words of
 * fl_diag_addw and of the severities).
 */
#include "alloc.h"
#include "diag.h"

#include "catalogue.h"
#include "vec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int default_lang = FL_LANG_EN;

void fl_diags_default_lang(int lang)
{
    default_lang = lang == FL_LANG_RU ? FL_LANG_RU : FL_LANG_EN;
}

int fl_diags_lang(void)
{
    return default_lang;
}

void fl_diags_init(fl_diags *d, const char *file)
{
    memset(d, 0, sizeof(*d));
    d->lang = default_lang;
    if (file) {
        d->file = fl_strdup(file);
        if (!d->file)
            d->oom = 1;
    }
}

void fl_diags_clear(fl_diags *d)
{
    for (size_t i = 0; i < d->count; i++)
        free(d->items[i].message);
    free(d->items);
    free(d->file);
    memset(d, 0, sizeof(*d));
}

void fl_diag_addv(fl_diags *d, fl_severity sev, unsigned line, unsigned column, const char *rule,
                  const char *fmt, va_list ap)
{
    if (FL_GROW(d->items, d->cap, d->count + 1)) {
        d->oom = 1;
        return;
    }
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    char *msg = n >= 0 ? fl_malloc((size_t)n + 1) : NULL;
    if (!msg) {
        d->oom = 1;
        return;
    }
    vsnprintf(msg, (size_t)n + 1, fmt, ap);
    d->items[d->count++] = (fl_diag){sev, line, column, rule, msg, d->lang};
    if (sev == FL_SEV_ERROR)
        d->errors++;
    else
        d->warnings++;
}

void fl_diag_add(fl_diags *d, fl_severity sev, unsigned line, unsigned column, const char *rule,
                 const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fl_diag_addv(d, sev, line, column, rule, fmt, ap);
    va_end(ap);
}

void fl_diag_addw(fl_diags *d, fl_severity sev, unsigned line, unsigned column, const char *rule,
                  int word, ...)
{
    const char *fmt = fl_word((fl_word_id)word, d->lang);
    va_list ap;
    va_start(ap, word);
    fl_diag_addv(d, sev, line, column, rule, fmt ? fmt : "?", ap);
    va_end(ap);
}

void fl_diags_sort(fl_diags *d)
{
    /* Insertion sort: stable, and lists are short and nearly sorted already. */
    for (size_t i = 1; i < d->count; i++) {
        fl_diag x = d->items[i];
        size_t j = i;
        while (j > 0 && (d->items[j - 1].line > x.line ||
                         (d->items[j - 1].line == x.line && d->items[j - 1].column > x.column))) {
            d->items[j] = d->items[j - 1];
            j--;
        }
        d->items[j] = x;
    }
}

int fl_diags_has(const fl_diags *d, const char *rule)
{
    for (size_t i = 0; i < d->count; i++)
        if (strcmp(d->items[i].rule, rule) == 0)
            return 1;
    return 0;
}

const char *fl_severity_name(fl_severity sev)
{
    return sev == FL_SEV_ERROR ? "error" : "warning";
}

/* The severity in the message's language, as gcc says it in a Russian locale ("ошибка"); the
 * rule id after the message stays the same in every language. */
int fl_diag_format(char *buf, size_t size, const char *file, const fl_diag *diag)
{
    char where[48] = "";
    if (diag->line && diag->column)
        snprintf(where, sizeof(where), ":%u:%u", diag->line, diag->column);
    else if (diag->line)
        snprintf(where, sizeof(where), ":%u", diag->line);
    const char *sev = fl_word(
        diag->severity == FL_SEV_ERROR ? FL_W_LN_SEV_ERROR : FL_W_LN_SEV_WARNING, diag->lang);
    return snprintf(buf, size, "%s%s: %s: %s [%s]", file ? file : "<input>", where, sev,
                    diag->message, diag->rule);
}

size_t fl_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 127 || lb > 127)
        return 999;
    size_t row[128];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t prev = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cur = row[j];
            size_t sub = prev + (a[i - 1] != b[j - 1]);
            size_t del = row[j] + 1, ins = row[j - 1] + 1;
            row[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            prev = cur;
        }
    }
    return row[lb];
}
