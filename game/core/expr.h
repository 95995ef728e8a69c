/*
 * expr.h - the condition language of scenarios (`if="mood < 0 and not apologized"`).
 *
 * A condition is compiled once, when the scenario loads, into a small postfix program; play
 * time only evaluates it against an array of integers (the "environment"), so evaluation
 * allocates nothing and never parses. Names are resolved to environment slots at compile time by
 * a callback, which keeps this module ignorant of what the names mean. Depends on libc and
 * arena.h only.
 *
 * Grammar (lowest precedence first):
 *   or   := and (("or" | "||") and)*
 *   and  := not (("and" | "&&") not)*
 *   not  := ("not" | "!") not | cmp
 *   cmp  := sum (("==" | "!=" | "<" | "<=" | ">" | ">=") sum)?
 *   sum  := unary (("+" | "-") unary)*
 *   unary:= "-" unary | INT | NAME | "true" | "false" | "(" or ")"
 * Values are integers; comparisons and logic give 0 or 1, and any non-zero value is true.
 */
#ifndef FL_EXPR_H
#define FL_EXPR_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

typedef struct fl_expr fl_expr;

/* Largest absolute value of an integer literal. */
#define FL_EXPR_MAX_LITERAL 1000000000
/* Longest condition accepted, in bytes. */
#define FL_EXPR_MAX_LENGTH 1024

/* Returns the environment slot of the name s[0..len), or -1 when the name is unknown. */
typedef int (*fl_expr_resolver)(const char *s, size_t len, void *payload);

typedef enum {
    FL_EXPR_OK = 0,
    FL_EXPR_ESYNTAX = -1,  /* the text is not a condition */
    FL_EXPR_EUNKNOWN = -2, /* a name the resolver does not know */
    FL_EXPR_ENOMEM = -3,
} fl_expr_status;

typedef struct {
    size_t offset; /* byte offset into the source where the problem starts */
    size_t length; /* bytes of the offending token (the unknown name, for example) */
    char message[160];
} fl_expr_error;

/*
 * Compiles src[0..len) into *out, allocated in `arena`. On failure returns a negative
 * fl_expr_status, leaves *out NULL and describes the problem in *err (not for ENOMEM).
 */
int fl_expr_compile(fl_expr **out, fl_arena *arena, const char *src, size_t len,
                    fl_expr_resolver resolve, void *payload, fl_expr_error *err);

/* Evaluates a compiled condition over env (indexed by the slots the resolver returned). */
int64_t fl_expr_eval(const fl_expr *e, const int32_t *env);

/* Calls fn for every slot the condition reads (once per occurrence). */
void fl_expr_each_slot(const fl_expr *e, void (*fn)(int slot, void *payload), void *payload);

#endif
