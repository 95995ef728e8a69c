/*
 * lang.c - the language the commands speak: the user's interface language setting (the
 * "language" the desktop keeps in $XDG_CONFIG_HOME/frontline/settings.json, ~/.config when
 * unset), else the locale ($LC_ALL, then $LC_MESSAGES, then $LANG: "ru..." is Russian).
 *
 * The settings file is read as the desktop reads it (game/ui/settings.c): through fl_file_read,
 * which never blocks and takes regular files only (a FIFO named settings.json used to hang
 * `frontline lint` forever), with bytes that are not UTF-8 repaired before parsing. A file
 * that is there but cannot be used means the locale, and one line on stderr saying why.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "catalogue.h"
#include "commands.h"
#include "readfile.h"
#include "utf8.h"

#define SETTINGS_MAX_BYTES (4u * 1024 * 1024) /* as settings.c */

/* Says, in the locale's language, why the settings file at path is not used. */
static void warn(const char *path, const char *why)
{
    fprintf(stderr, fl_word(FL_W_SET_UNUSABLE, fl_locale_lang()), path, why);
    fputc('\n', stderr);
}

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
    char *buf = NULL, why[512];
    size_t len = 0;
    int e = 0;
    fl_file_status st = fl_file_read(path, SETTINGS_MAX_BYTES, &buf, &len, &e);
    if (st == FL_FILE_ERRNO && e == ENOENT)
        return -1; /* no settings: the locale, nothing to say */
    if (st != FL_FILE_OK) {
        warn(path, fl_file_why(st, e, fl_locale_lang(), why, sizeof(why)));
        return -1;
    }
    /* only "language" matters here: a bad byte in a name elsewhere must not lose it */
    char *text = fl_utf8_valid(buf, len) ? NULL : fl_utf8_repair(buf, len, &len);
    json_error_t je;
    json_t *root = json_loadb(text ? text : buf, len, JSON_REJECT_DUPLICATES, &je);
    free(text);
    free(buf);
    if (!json_is_object(root)) {
        if (root)
            warn(path, fl_word(FL_W_SET_NOT_OBJECT, fl_locale_lang()));
        else {
            snprintf(why, sizeof(why), fl_word(FL_W_SET_NOT_JSON, fl_locale_lang()), je.line,
                     je.column, je.text);
            warn(path, why);
        }
        json_decref(root);
        return -1;
    }
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
