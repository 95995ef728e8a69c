/*
 * strings.c - the interface's words in English and Russian (strings.def). The interface
 * language is a setting of its own, independent of the scenario's language: a Russian trainee
 * can play an English scenario with Russian menus, and the other way round.
 */
#include "ui.h"

static const char *const table[STR_COUNT][2] = {
#define S_(id, en, ru) [id] = {en, ru},
#include "strings.def"
#undef S_
};

const char *fl_tr(int lang, fl_str id)
{
    return id < STR_COUNT ? table[id][lang ? 1 : 0] : "?";
}

const char *T(const fl_ui *ui, fl_str id)
{
    return fl_tr(ui->set.lang, id);
}

static const fl_str dim_names[FL_DIM_COUNT] = {
    STR_DIM_EMPATHY, STR_DIM_APOLOGY,    STR_DIM_OWNERSHIP,      STR_DIM_TONE,
    STR_DIM_UPSELL,  STR_DIM_RESOLUTION, STR_DIM_RESPONSIVENESS,
};

static const fl_str outcome_names[] = {
    [FL_OUTCOME_NONE] = STR_OUT_NONE,     [FL_OUTCOME_RESOLVED] = STR_OUT_RESOLVED,
    [FL_OUTCOME_PARTLY] = STR_OUT_PARTLY, [FL_OUTCOME_ESCALATED] = STR_OUT_ESCALATED,
    [FL_OUTCOME_LOST] = STR_OUT_LOST,
};

const char *fl_dim_label(const fl_ui *ui, int d)
{
    return d >= 0 && d < FL_DIM_COUNT ? T(ui, dim_names[d]) : "?";
}

const char *fl_outcome_label(const fl_ui *ui, int outcome)
{
    return T(ui, outcome_names[outcome >= 0 && outcome <= FL_OUTCOME_LOST ? outcome : 0]);
}
