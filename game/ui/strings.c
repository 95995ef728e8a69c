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
