/*
 * catalogue.c - the table of every user-visible word (catalogue.def) and its lookups; see
 * catalogue.h. Depends on libc and scenario.h's enums only.
 */
#include "catalogue.h"

#include <string.h>

#include "scenario.h"

static const char *const table[FL_W_COUNT][FL_LANG_COUNT] = {
    [FL_W_NONE] = {NULL, NULL},
#define W_(id, en, ru) [FL_W_##id] = {en, ru},
#include "catalogue.def"
#undef W_
};

/* The ranges an enum indexes (DIM_*, CSV_DIM_*, OUTCOME_*, EMOTION_*) keep that enum's order, so
 * the word of a value is the range's first + the value. */
#define AT(first, word, value)                                                                     \
    _Static_assert((int)(word) - (int)(first) == (int)(value),                                     \
                   "catalogue.def: " #word " is out of order")
AT(FL_W_DIM_EMPATHY, FL_W_DIM_EMPATHY, FL_DIM_EMPATHY);
AT(FL_W_DIM_EMPATHY, FL_W_DIM_APOLOGY, FL_DIM_APOLOGY);
AT(FL_W_DIM_EMPATHY, FL_W_DIM_OWNERSHIP, FL_DIM_OWNERSHIP);
AT(FL_W_DIM_EMPATHY, FL_W_DIM_TONE, FL_DIM_TONE);
AT(FL_W_DIM_EMPATHY, FL_W_DIM_UPSELL, FL_DIM_UPSELL);
AT(FL_W_DIM_EMPATHY, FL_W_DIM_RESOLUTION, FL_DIM_RESOLUTION);
AT(FL_W_DIM_EMPATHY, FL_W_DIM_RESPONSIVENESS, FL_DIM_RESPONSIVENESS);
AT(FL_W_CSV_DIM_EMPATHY, FL_W_CSV_DIM_EMPATHY, FL_DIM_EMPATHY);
AT(FL_W_CSV_DIM_EMPATHY, FL_W_CSV_DIM_APOLOGY, FL_DIM_APOLOGY);
AT(FL_W_CSV_DIM_EMPATHY, FL_W_CSV_DIM_OWNERSHIP, FL_DIM_OWNERSHIP);
AT(FL_W_CSV_DIM_EMPATHY, FL_W_CSV_DIM_TONE, FL_DIM_TONE);
AT(FL_W_CSV_DIM_EMPATHY, FL_W_CSV_DIM_UPSELL, FL_DIM_UPSELL);
AT(FL_W_CSV_DIM_EMPATHY, FL_W_CSV_DIM_RESOLUTION, FL_DIM_RESOLUTION);
AT(FL_W_CSV_DIM_EMPATHY, FL_W_CSV_DIM_RESPONSIVENESS, FL_DIM_RESPONSIVENESS);
AT(FL_W_OUTCOME_NONE, FL_W_OUTCOME_NONE, FL_OUTCOME_NONE);
AT(FL_W_OUTCOME_NONE, FL_W_OUTCOME_RESOLVED, FL_OUTCOME_RESOLVED);
AT(FL_W_OUTCOME_NONE, FL_W_OUTCOME_PARTLY, FL_OUTCOME_PARTLY);
AT(FL_W_OUTCOME_NONE, FL_W_OUTCOME_ESCALATED, FL_OUTCOME_ESCALATED);
AT(FL_W_OUTCOME_NONE, FL_W_OUTCOME_LOST, FL_OUTCOME_LOST);
AT(FL_W_EMOTION_NEUTRAL, FL_W_EMOTION_NEUTRAL, FL_EMO_NEUTRAL);
AT(FL_W_EMOTION_NEUTRAL, FL_W_EMOTION_CALM, FL_EMO_CALM);
AT(FL_W_EMOTION_NEUTRAL, FL_W_EMOTION_PLEASED, FL_EMO_PLEASED);
AT(FL_W_EMOTION_NEUTRAL, FL_W_EMOTION_HAPPY, FL_EMO_HAPPY);
AT(FL_W_EMOTION_NEUTRAL, FL_W_EMOTION_WORRIED, FL_EMO_WORRIED);
AT(FL_W_EMOTION_NEUTRAL, FL_W_EMOTION_CONFUSED, FL_EMO_CONFUSED);
AT(FL_W_EMOTION_NEUTRAL, FL_W_EMOTION_SCEPTICAL, FL_EMO_SCEPTICAL);
AT(FL_W_EMOTION_NEUTRAL, FL_W_EMOTION_ANNOYED, FL_EMO_ANNOYED);
AT(FL_W_EMOTION_NEUTRAL, FL_W_EMOTION_ANGRY, FL_EMO_ANGRY);
AT(FL_W_EMOTION_NEUTRAL, FL_W_EMOTION_FURIOUS, FL_EMO_FURIOUS);
_Static_assert(FL_DIM_COUNT == FL_DIM_RESPONSIVENESS + 1 && FL_EMO_COUNT == FL_EMO_FURIOUS + 1,
               "a dimension or an emotion was added: give it its words in catalogue.def");

const char *fl_word(fl_word_id id, int lang)
{
    if ((int)id < 0 || id >= FL_W_COUNT)
        return NULL;
    return table[id][lang ? FL_LANG_RU : FL_LANG_EN];
}

int fl_word_lang(const char *code)
{
    return code && strcmp(code, "ru") == 0 ? FL_LANG_RU : FL_LANG_EN;
}

fl_word_id fl_word_dimension(int dimension)
{
    return dimension >= 0 && dimension < FL_DIM_COUNT ? (fl_word_id)(FL_W_DIM_EMPATHY + dimension)
                                                      : FL_W_NONE;
}

fl_word_id fl_word_csv_dimension(int dimension)
{
    return dimension >= 0 && dimension < FL_DIM_COUNT
               ? (fl_word_id)(FL_W_CSV_DIM_EMPATHY + dimension)
               : FL_W_NONE;
}

fl_word_id fl_word_outcome(int outcome)
{
    return outcome >= FL_OUTCOME_NONE && outcome <= FL_OUTCOME_LOST
               ? (fl_word_id)(FL_W_OUTCOME_NONE + outcome)
               : FL_W_NONE;
}

fl_word_id fl_word_emotion(int emotion)
{
    return emotion >= 0 && emotion < FL_EMO_COUNT ? (fl_word_id)(FL_W_EMOTION_NEUTRAL + emotion)
                                                  : FL_W_NONE;
}

fl_word_id fl_word_feeling(int emotion)
{
    /* the emotions a reply should acknowledge have a noun; the calm and the pleased need none */
    static const fl_word_id noun[FL_EMO_COUNT] = {
        [FL_EMO_WORRIED] = FL_W_FEELING_WORRIED,     [FL_EMO_CONFUSED] = FL_W_FEELING_CONFUSED,
        [FL_EMO_SCEPTICAL] = FL_W_FEELING_SCEPTICAL, [FL_EMO_ANNOYED] = FL_W_FEELING_ANNOYED,
        [FL_EMO_ANGRY] = FL_W_FEELING_ANGRY,         [FL_EMO_FURIOUS] = FL_W_FEELING_FURIOUS,
    };
    fl_word_id w = emotion >= 0 && emotion < FL_EMO_COUNT ? noun[emotion] : FL_W_NONE;
    return w != FL_W_NONE ? w : FL_W_FEELING_ANY;
}

void fl_decimal_comma(char *s, int lang)
{
    if (lang != 1)
        return;
    for (size_t i = 1; s[i] && s[i + 1]; i++)
        if (s[i] == '.' && s[i - 1] >= '0' && s[i - 1] <= '9' && s[i + 1] >= '0' && s[i + 1] <= '9')
            s[i] = ',';
}

/* The readable name of each finding rule (fl_rule_defs' ids and the findings' own). */
static const struct {
    const char *rule;
    fl_word_id word;
} rule_words[] = {
    {"empathy-missed", FL_W_RPT_RULE_EMPATHY_MISSED},
    {"apology-too-many", FL_W_RPT_RULE_APOLOGY_TOO_MANY},
    {"transfer", FL_W_RPT_RULE_TRANSFER},
    {"ownership-recovered", FL_W_RPT_RULE_RECOVERED},
    {"familiar", FL_W_RPT_RULE_FAMILIAR},
    {"familiar-unresolved", FL_W_RPT_RULE_FAMILIAR_OPEN},
    {"familiar-again", FL_W_RPT_RULE_FAMILIAR_AGAIN},
    {"rude", FL_W_RPT_RULE_RUDE},
    {"canned", FL_W_RPT_RULE_CANNED},
    {"repeated", FL_W_RPT_RULE_REPEATED},
    {"jargon", FL_W_RPT_RULE_JARGON},
    {"jargon-confused", FL_W_RPT_RULE_JARGON_CONFUSED},
    {"upsell-unhappy", FL_W_RPT_RULE_UPSELL_UNHAPPY},
    {"upsell-unresolved", FL_W_RPT_RULE_UPSELL_OPEN},
    {"upsell-lukewarm", FL_W_RPT_RULE_UPSELL_LUKEWARM},
    {"upsell-missed", FL_W_RPT_RULE_UPSELL_MISSED},
    {"over-budget", FL_W_RPT_RULE_OVER_BUDGET},
    {"slow-reply", FL_W_RPT_RULE_SLOW},
    {"timeout", FL_W_RPT_RULE_TIMEOUT},
    {"note", FL_W_HTML_TRAINER_NOTE},
    {"critical", FL_W_RPT_RULE_CRITICAL},
    {"critical-reply", FL_W_RPT_RULE_CRITICAL_REPLY},
    {"apology-missing", FL_W_RPT_RULE_APOLOGY_MISSING},
    {"apology-late", FL_W_RPT_RULE_APOLOGY_LATE},
    {"outcome-partly", FL_W_RPT_RULE_OUTCOME_PARTLY},
    {"outcome-escalated", FL_W_RPT_RULE_OUTCOME_ESCALATED},
    {"outcome-lost", FL_W_RPT_RULE_OUTCOME_LOST},
    {"hung-up", FL_W_RPT_RULE_HUNG_UP},
    {"unfinished", FL_W_RPT_RULE_UNFINISHED},
    {"voice-loud", FL_W_RPT_RULE_VOICE_LOUD},
    {"voice-fast", FL_W_RPT_RULE_VOICE_FAST},
};

fl_word_id fl_word_rule(const char *rule)
{
    for (size_t i = 0; rule && i < sizeof rule_words / sizeof rule_words[0]; i++)
        if (strcmp(rule_words[i].rule, rule) == 0)
            return rule_words[i].word;
    return FL_W_RPT_RULE_OTHER;
}

/* The critical items (fl_record.critical_items): each named by the rule that explains it. */
static const struct {
    const char *item;
    fl_word_id word;
} item_words[] = {
    {"transfer", FL_W_RPT_RULE_TRANSFER},
    {"canned", FL_W_RPT_RULE_CANNED},
    {"familiar", FL_W_RPT_RULE_FAMILIAR},
    {"rude", FL_W_RPT_RULE_RUDE},
    {"jargon", FL_W_RPT_RULE_JARGON},
    {"lost", FL_W_RPT_RULE_OUTCOME_LOST},
    {"timeout", FL_W_RPT_RULE_TIMEOUT},
    {"over-budget", FL_W_RPT_RULE_OVER_BUDGET},
    {"upsell-unhappy", FL_W_RPT_RULE_UPSELL_UNHAPPY},
    {"unhappy", FL_W_RPT_CRIT_UNHAPPY},
    {"voice-loud", FL_W_RPT_RULE_VOICE_LOUD},
    {"voice-fast", FL_W_RPT_RULE_VOICE_FAST},
    {"reply", FL_W_RPT_RULE_CRITICAL_REPLY},
};

fl_word_id fl_word_critical_item(const char *item)
{
    for (size_t i = 0; item && i < sizeof item_words / sizeof item_words[0]; i++)
        if (strcmp(item_words[i].item, item) == 0)
            return item_words[i].word;
    return FL_W_NONE;
}
