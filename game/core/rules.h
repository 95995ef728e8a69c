/*
 * rules.h - the catalogue of diagnostic rules the loader and lint report. Every diagnostic
 * names one of these ids; the trainer's guide documents each (tests/lint/run.py keeps the two
 * in step). Depends on nothing.
 */
#ifndef FL_RULES_H
#define FL_RULES_H

#include <stddef.h>

typedef struct {
    const char *id;
    const char *severity; /* "error" or "warning": the usual one */
    const char *summary;
} fl_rule;

extern const fl_rule fl_rules[];
extern const size_t fl_rule_count;

/* Returns the rule with this id, or NULL. */
const fl_rule *fl_rule_find(const char *id);

#endif
