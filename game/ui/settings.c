/*
 * settings.c - the trainee's settings and sign-in, kept between runs in
 * $XDG_CONFIG_HOME/frontline/settings.json (~/.config when unset), written atomically.
 * A missing or damaged file gives the defaults: settings are never a reason not to start.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "ui.h"

void fl_settings_defaults(fl_settings *s)
{
    memset(s, 0, sizeof(*s));
    const char *lang = getenv("LC_ALL");
    if (!lang || !*lang)
        lang = getenv("LANG");
    s->lang = lang && strncmp(lang, "ru", 2) == 0;
    s->text_size = 100;
    s->timed = 1;
    s->sounds = 1;
    s->voice = 1;
    s->volume = 80;
}

/* A boolean setting, or def when the key is missing or not a boolean. */
static int get_bool(json_t *o, const char *key, int def)
{
    json_t *v = json_object_get(o, key);
    return json_is_boolean(v) ? json_is_true(v) : def;
}

static int settings_path(char *buf, size_t n, int make_dir)
{
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    int len;
    if (xdg && xdg[0] == '/')
        len = snprintf(buf, n, "%s/frontline", xdg);
    else if (home && home[0])
        len = snprintf(buf, n, "%s/.config/frontline", home);
    else
        return -1;
    if (len < 0 || (size_t)len + 16 >= n)
        return -1;
    if (make_dir) {
        for (char *p = buf + 1; *p; p++)
            if (*p == '/') {
                *p = '\0';
                mkdir(buf, 0700);
                *p = '/';
            }
        mkdir(buf, 0700);
    }
    strcat(buf, "/settings.json");
    return 0;
}

double fl_settings_factor(const fl_settings *s)
{
    return s->extension == 1 ? 1.5 : s->extension == 2 ? 2.0 : 1.0;
}

static int get_int(json_t *o, const char *key, int lo, int hi, int def)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_integer(v))
        return def;
    json_int_t x = json_integer_value(v);
    return x < lo || x > hi ? def : (int)x;
}

void fl_settings_load(fl_settings *s)
{
    char path[4096];
    if (settings_path(path, sizeof(path), 0) < 0)
        return;
    json_t *o = json_load_file(path, 0, NULL);
    if (!json_is_object(o)) {
        json_decref(o);
        return;
    }
    const char *lang = json_string_value(json_object_get(o, "language"));
    if (lang)
        s->lang = strcmp(lang, "ru") == 0;
    int size = get_int(o, "text_size", 75, 200, s->text_size);
    s->text_size = size - size % 25;
    s->timed = json_is_boolean(json_object_get(o, "timed"))
                   ? json_is_true(json_object_get(o, "timed"))
                   : s->timed;
    s->extension = get_int(o, "time_extension", 0, 2, s->extension);
    s->fullscreen = json_is_true(json_object_get(o, "fullscreen"));
    s->assessment = json_is_true(json_object_get(o, "assessment"));
    s->sounds = get_bool(o, "sounds", s->sounds);
    s->voice = get_bool(o, "voice", s->voice);
    int volume = get_int(o, "volume", 0, 100, s->volume);
    s->volume = volume - volume % 10; /* the settings step by ten */
    s->self_voicing = get_bool(o, "self_voicing", s->self_voicing);
    s->say_aloud = get_bool(o, "say_aloud", s->say_aloud);
    const char *t = json_string_value(json_object_get(o, "trainee"));
    const char *g = json_string_value(json_object_get(o, "group"));
    snprintf(s->trainee, sizeof(s->trainee), "%s", t ? t : "");
    snprintf(s->group, sizeof(s->group), "%s", g ? g : "");
    json_decref(o);
}

int fl_settings_save(const fl_settings *s)
{
    char path[4096], tmp[4200];
    if (settings_path(path, sizeof(path), 1) < 0)
        return -1;
    json_t *o = json_object();
    json_object_set_new(o, "language", json_string(s->lang ? "ru" : "en"));
    json_object_set_new(o, "text_size", json_integer(s->text_size));
    json_object_set_new(o, "timed", json_boolean(s->timed));
    json_object_set_new(o, "time_extension", json_integer(s->extension));
    json_object_set_new(o, "fullscreen", json_boolean(s->fullscreen));
    json_object_set_new(o, "assessment", json_boolean(s->assessment));
    json_object_set_new(o, "sounds", json_boolean(s->sounds));
    json_object_set_new(o, "voice", json_boolean(s->voice));
    json_object_set_new(o, "volume", json_integer(s->volume));
    json_object_set_new(o, "self_voicing", json_boolean(s->self_voicing));
    json_object_set_new(o, "say_aloud", json_boolean(s->say_aloud));
    json_object_set_new(o, "trainee", json_string(s->trainee));
    json_object_set_new(o, "group", json_string(s->group));
    snprintf(tmp, sizeof(tmp), "%s.tmp", path);
    int rc = json_dump_file(o, tmp, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (rc == 0 && rename(tmp, path) < 0)
        rc = -1;
    if (rc)
        unlink(tmp);
    return rc ? -1 : 0;
}
