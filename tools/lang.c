/*
 * lang.c - the language the commands speak: the user's interface language setting (the
 * "language" the desktop keeps in $XDG_CONFIG_HOME/frontline/settings.json, ~/.config when
 * unset), else the locale ($LC_ALL, then $LC_MESSAGES, then $LANG: "ru..." is Russian).
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "catalogue.h"
#include "commands.h"

static int from_settings(void)
{
    char path[4096];
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    if (xdg && *xdg)
        snprintf(path, sizeof(path), "%s/frontline/settings.json", xdg);
    else if (home && *home)
        snprintf(path, sizeof(path), "%s/.config/frontline/settings.json", home);
    else
        return -1;
    json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, NULL);
    if (!root)
        return -1;
    const char *lang = json_string_value(json_object_get(root, "language"));
    int r = !lang ? -1 : !strcmp(lang, "ru") ? FL_LANG_RU : !strcmp(lang, "en") ? FL_LANG_EN : -1;
    json_decref(root);
    return r;
}

int fl_locale_lang(void)
{
    const char *names[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
        const char *v = getenv(names[i]);
        if (v && *v)
            return strncmp(v, "ru", 2) == 0 ? FL_LANG_RU : FL_LANG_EN;
    }
    return FL_LANG_EN;
}

int fl_user_lang(void)
{
    static int lang = -1;
    if (lang < 0) {
        lang = from_settings();
        if (lang < 0)
            lang = fl_locale_lang();
    }
    return lang;
}
