/*
 * rules.c - the rule catalogue; see rules.h. Keep the order of the trainer's guide.
 */
#include "rules.h"

#include <string.h>

const fl_rule fl_rules[] = {
    {"io", "error", "the file or folder cannot be read"},
    {"too-large", "error", "the file is larger than 16 MiB"},
    {"encoding", "error", "the file is not UTF-8 (or declares another encoding)"},
    {"xml", "error", "the file is not well-formed XML"},
    {"doctype", "error", "a <!DOCTYPE> or entity declaration (refused for safety)"},
    {"too-deep", "error", "elements nested more than 32 levels deep"},
    {"schema", "error", "an element or attribute the schema does not allow, or a bad value"},
    {"unique-id", "error", "an id used twice"},
    {"start-exists", "error", "the start node does not exist or is an ending"},
    {"target-exists", "error", "a reply, route, fallback or timeout targets a missing node"},
    {"reachable", "warning", "a node or ending no path from the start leads to"},
    {"can-end", "error", "a node from which no ending can be reached"},
    {"resolved-ending", "error", "no ending with outcome=\"resolved\""},
    {"condition-syntax", "error", "a condition that does not parse"},
    {"unknown-name", "error", "a condition names something that is not a known value"},
    {"var-exists", "error", "<set> names an undeclared variable"},
    {"set-value", "error", "<set> without exactly one of value or add, or out of range"},
    {"offer-exists", "error", "a reply offers an undeclared offer"},
    {"upsell-offer", "warning", "an upsell reply that names no offer"},
    {"goodwill-declared", "error", "a gesture in a scenario without a goodwill budget"},
    {"gesture-amount", "warning", "a gesture signal without an amount, or an amount out of range"},
    {"effect-range", "error", "an effect outside -200..+200"},
    {"rubric", "error", "a rubric weight or parameter set twice, out of range, or all weights 0"},
    {"reply-text", "error", "a reply without text"},
    {"pattern", "error", "a free-text match with an empty alternative"},
    {"say-fallback", "warning", "a node whose lines may all be skipped, or a line never shown"},
    {"timeout-untimed", "warning", "a timeout where no time limit applies"},
    {"local-file", "error", "a file reference outside the scenario's folder"},
    {"file-exists", "warning", "a referenced file does not exist"},
    {"avatar-known", "warning", "an avatar that is neither built in nor a file"},
    {"transfer-required", "error", "every path to a resolved ending passes through a transfer"},
    {"best-path", "error",
     "no path scores 90 or more without a critical mistake (found by the explorer)"},
    {"round-schema", "error", "a round file's element or attribute the schema does not allow"},
    {"round-customers", "error", "the levels' customers do not add up, or too few to spread"},
    {"round-tighten", "warning", "a level gives more time to reply than the level before"},
    {"round-pass", "error", "the pass rule allows more lost customers than the round has"},
    {"round-path-exists", "error", "a round names a scenario file that does not exist"},
    {"round-dir-exists", "error", "a round's tag looks in a folder that does not exist"},
    {"round-tag-matches", "error", "a round's tag matches no scenario in the round's language"},
    {"round-same-lang", "error", "a round names a scenario in another language"},
    {"round-scenario-ok", "error", "a scenario a round draws has errors"},
    {"workshop-time", "error", "a workshop session's from or until is not a time (HH:MM)"},
    {"workshop-sessions", "error",
     "workshop sessions that end before they start, overlap, lack times or share a name"},
    {"workshop-item", "error", "a workshop item with neither or both of path and bundled"},
    {"workshop-path-exists", "error", "a workshop names a file that does not exist"},
    {"workshop-bundled-exists", "error", "a workshop names a bundled id Frontline does not have"},
    {"workshop-item-kind", "error", "a workshop names a round as a scenario, or the reverse"},
    {"workshop-item-ok", "error", "a scenario or round a workshop names has errors"},
    {"internal", "error", "the program itself failed (out of memory, broken build)"},
};

const size_t fl_rule_count = sizeof(fl_rules) / sizeof(fl_rules[0]);

const fl_rule *fl_rule_find(const char *id)
{
    for (size_t i = 0; i < fl_rule_count; i++)
        if (strcmp(fl_rules[i].id, id) == 0)
            return &fl_rules[i];
    return NULL;
}
