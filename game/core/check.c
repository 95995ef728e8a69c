/*
 * check.c - semantic rules over the whole model, after references are resolved: the start
 * node, reachability from it, nodes from which no ending can be reached (traps), a resolved
 * ending, customer lines that may leave the customer silent, timeouts that can never fire.
 *
 * These look at the graph statically (every reply is assumed possible); which paths conditions
 * actually allow is the explorer's business. The messages are catalogue words (catalogue_lint.def)
 * in the list's language. Depends on libc and the core model only.
 */
#include <assert.h>
#include <stdlib.h>

#include "alloc.h"
#include "catalogue.h"
#include "loader.h"

/* Runs body with t bound to the target of every edge leaving node (replies, then timeout). */
#define EACH_EDGE(node, t, body)                                                                   \
    do {                                                                                           \
        for (uint32_t e_ = 0; e_ < (node)->n_replies; e_++) {                                      \
            int32_t t = (node)->replies[e_].target;                                                \
            assert(t < (int32_t)s->n_nodes);                                                       \
            if (t >= 0) {                                                                          \
                body;                                                                              \
            }                                                                                      \
        }                                                                                          \
        if ((node)->timeout >= 0) {                                                                \
            int32_t t = (node)->timeout;                                                           \
            assert(t < (int32_t)s->n_nodes);                                                       \
            body;                                                                                  \
        }                                                                                          \
    } while (0)

void fl_check__model(const fl_scenario *s, fl_pos root, fl_diags *d)
{
    uint32_t n = s->n_nodes;
    unsigned char *reach = fl_calloc(n ? n : 1, 1);
    unsigned char *ends = fl_calloc(n ? n : 1, 1);
    int32_t *stack = fl_malloc((n ? n : 1) * sizeof(int32_t));
    if (!reach || !ends || !stack) {
        d->oom = 1;
        goto out;
    }

    if (s->start >= 0 && s->nodes[s->start].outcome != FL_OUTCOME_NONE) {
        fl_diag_addw(d, FL_SEV_ERROR, s->nodes[s->start].pos.line, s->nodes[s->start].pos.column,
                     "start-exists", FL_W_LN_START_AT_ENDING, s->nodes[s->start].id);
    }

    /* Forward: what the start reaches. */
    if (s->start >= 0) {
        size_t sp = 0;
        reach[s->start] = 1;
        stack[sp++] = s->start;
        while (sp) {
            const fl_node *node = &s->nodes[stack[--sp]];
            /* each node is pushed once (when first reached): the stack never holds more than n */
            EACH_EDGE(
                node, t, if (!reach[t]) {
                    assert(sp < n);
                    reach[t] = 1;
                    stack[sp++] = t;
                });
        }
        for (uint32_t i = 0; i < n; i++)
            if (!reach[i])
                fl_diag_addw(
                    d, FL_SEV_WARNING, s->nodes[i].pos.line, s->nodes[i].pos.column, "reachable",
                    s->nodes[i].outcome ? FL_W_LN_UNREACHABLE_ENDING : FL_W_LN_UNREACHABLE_NODE,
                    s->nodes[i].id);
    }

    /* Backward: what can reach an ending, by a search over the reversed edges (CSR). */
    int any_resolved = 0;
    size_t n_edges = 0;
    for (uint32_t i = 0; i < n; i++)
        n_edges += s->nodes[i].n_replies + 1;
    uint32_t *first = fl_calloc((size_t)n + 1, sizeof(uint32_t));
    int32_t *from = fl_malloc((n_edges ? n_edges : 1) * sizeof(int32_t));
    if (!first || !from) {
        d->oom = 1;
        free(first);
        free(from);
        goto out;
    }
    for (uint32_t i = 0; i < n; i++) {
        const fl_node *node = &s->nodes[i];
        EACH_EDGE(node, t, first[t + 1]++);
    }
    for (uint32_t i = 0; i < n; i++)
        first[i + 1] += first[i];
    for (uint32_t i = 0; i < n; i++) {
        const fl_node *node = &s->nodes[i];
        EACH_EDGE(node, t, from[first[t]++] = (int32_t)i);
    }
    /* every edge was placed: t's cursor stopped where t + 1's range starts, the last at the end */
    assert(first[n] <= n_edges && (n == 0 || first[n - 1] == first[n]));
    for (uint32_t i = n; i > 0; i--) /* first[t] was advanced to the end of t's range */
        first[i] = first[i - 1];
    first[0] = 0;
    size_t sp = 0;
    for (uint32_t i = 0; i < n; i++) {
        any_resolved |= s->nodes[i].outcome == FL_OUTCOME_RESOLVED;
        if (s->nodes[i].outcome != FL_OUTCOME_NONE) {
            ends[i] = 1;
            stack[sp++] = (int32_t)i;
        }
    }
    while (sp) {
        int32_t t = stack[--sp];
        for (uint32_t k = first[t]; k < first[t + 1]; k++)
            if (!ends[from[k]]) {
                assert(sp < n);
                ends[from[k]] = 1;
                stack[sp++] = from[k];
            }
    }
    free(first);
    free(from);
    for (uint32_t i = 0; i < n; i++)
        if (!ends[i])
            fl_diag_addw(d, FL_SEV_ERROR, s->nodes[i].pos.line, s->nodes[i].pos.column, "can-end",
                         FL_W_LN_CANNOT_END, s->nodes[i].id);
    if (!any_resolved)
        fl_diag_addw(d, FL_SEV_ERROR, root.line, root.column, "resolved-ending",
                     FL_W_LN_NO_RESOLVED);

    for (uint32_t i = 0; i < n; i++) {
        const fl_node *node = &s->nodes[i];
        /* The first <say> whose condition holds is shown: lines after an unconditional one
         * are never shown, and without an unconditional one the customer may say nothing. */
        uint32_t first_plain = node->n_lines;
        for (uint32_t k = 0; k < node->n_lines && first_plain == node->n_lines; k++)
            if (!node->lines[k].cond)
                first_plain = k;
        if (node->n_lines && first_plain == node->n_lines) {
            const fl_line *l = &node->lines[node->n_lines - 1];
            fl_diag_addw(d, FL_SEV_WARNING, l->pos.line, l->pos.column, "say-fallback",
                         FL_W_LN_SAY_ALL_COND, node->id);
        } else if (first_plain + 1 < node->n_lines) {
            const fl_line *l = &node->lines[first_plain + 1];
            fl_diag_addw(d, FL_SEV_WARNING, l->pos.line, l->pos.column, "say-fallback",
                         FL_W_LN_SAY_NEVER, (unsigned)node->lines[first_plain].pos.line);
        }
        if (node->timeout >= 0 && !node->reply_seconds && !s->reply_seconds)
            fl_diag_addw(d, FL_SEV_WARNING, node->pos.line, node->pos.column, "timeout-untimed",
                         FL_W_LN_TIMEOUT_UNTIMED, node->id);
    }
out:
    free(reach);
    free(ends);
    free(stack);
}
