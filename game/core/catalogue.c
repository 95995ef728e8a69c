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
