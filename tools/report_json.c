/*
 * report_json.c - `frontline report --format json`: the complete data, one JSON array of
 * sessions, each as record.c writes it (fl_record_to_json) with its turns and findings, and of
 * stress rounds (fl_round_record_to_json: {"round": id, ...}), each just before its calls. The
 * array is streamed an object at a time, so a large export never sits in memory; the same
 * objects are what `frontline import` reads back.
 */
#include <stdlib.h>

#include "report.h"

typedef struct {
    FILE *out;
    size_t n;
} jsn;

static int json_begin(void **ctx, const fl_report_opts *o, int64_t total)
{
    (void)total;
    jsn *j = calloc(1, sizeof(*j));
    if (!j) {
        fprintf(stderr, "frontline report: out of memory\n");
        return -1;
    }
    j->out = o->out;
    *ctx = j;
    fputs("[", j->out);
    return 0;
}

/* Writes o (taken: freed here), a session's or a round's object, as the next array element. */
static int put(jsn *j, json_t *o)
{
    if (!o) {
        fprintf(stderr, "frontline report: out of memory\n");
        return -1;
    }
    fputs(j->n++ ? ",\n" : "\n", j->out);
    json_dumpf(o, j->out, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    json_decref(o);
    return 0;
}

static int json_session(void *ctx, const fl_record *r)
{
    return put(ctx, fl_record_to_json(r));
}

static int json_round(void *ctx, const fl_round_record *r)
{
    return put(ctx, fl_round_record_to_json(r));
}

static int json_end(void *ctx, int failed)
{
    jsn *j = ctx;
    if (!failed)
        fputs(j->n ? "\n]\n" : "]\n", j->out);
    free(j);
    return 0;
}

const fl_report_format fl_report_json = {
    "json", FL_LOAD_TURNS | FL_LOAD_FINDINGS, json_begin, json_session, json_end, json_round};
