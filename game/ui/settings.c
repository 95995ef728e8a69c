/*
 * settings.c - the laptop's settings and each trainee's own, kept between runs in
 * $XDG_CONFIG_HOME/frontline/settings.json (~/.config when unset), written atomically.
 *
 * A laptop in a workshop room is shared: one trainee after another signs in. The file keeps
 * the laptop's keys at its top level (the language the sign-in shows, the last trainee, the
 * group code, the workshop file chosen) and, under "profiles", one object per trainee name with
 * that trainee's own settings (PROFILE_KEYS: mode, text size, timing, sound...). The top level
 * also repeats the signed-in trainee's settings, which is what files written before profiles
 * held: such an old file's settings become its trainee's profile when read. Signing someone
 * else in (fl_settings_switch) loads their profile, or the defaults for a new name: nothing of
 * the previous trainee carries over. At most FL_PROFILES_MAX profiles are kept, the most
 * recently signed in last in the file; the oldest go first.
 *
 * A missing or damaged file gives the defaults: settings are never a reason not to start.
 * The file is read through fl_file_read (game/core/readfile.h): only a regular file, opened
 * without ever blocking (a FIFO named settings.json used to keep the desktop from opening),
 * at most SETTINGS_MAX_BYTES. A file that is there but cannot be used gives the defaults and
 * one line on stderr saying why. Bytes that are not UTF-8 are repaired before the file is
 * parsed (jansson refuses a whole file for one of them): a character cut short at the end of a
 * string (a name cut inside a character by an old version) is dropped, any other bad byte
 * becomes U+FFFD, so the repair shows. Names are then repaired (no control characters, at most
 * FL_NAME_MAX characters, cut between characters), and a file that cannot be parsed is kept
 * beside the new one (settings.json.damaged) when saving. fl_settings_parse does all of it
 * from memory and needs no window (the fuzz target, tests/fuzz/).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "alloc.h"
#include "catalogue.h"
#include "readfile.h"
#include "ui.h"
#include "utf8.h"

#define SETTINGS_MAX_BYTES (4u * 1024 * 1024) /* far more than FL_PROFILES_MAX profiles */

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

double fl_settings_factor(const fl_settings *s)
{
    return s->extension == 1 ? 1.5 : s->extension == 2 ? 2.0 : 1.0;
}

int fl_name_repair(char *out, size_t cap, const char *in)
{
    size_t i = 0, o = 0, chars = 0, len = strlen(in);
    int cut = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = fl_utf8_decode(in + i, len - i, &cp);
        if (n == 0) { /* not UTF-8: dropped */
            i++;
            continue;
        }
        if (chars == FL_NAME_MAX || o + n >= cap) {
            cut = 1;
            break;
        }
        /* C0 and C1 controls, DEL and the line and paragraph separators: a space */
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029)
            out[o++] = ' ';
        else {
            memmove(out + o, in + i, n); /* o never passes i: out may be in */
            o += n;
        }
        i += n;
        chars++;
    }
    if (cap)
        out[o < cap ? o : cap - 1] = '\0';
    return cut;
}

/* A name as read from the file: repaired, without spaces around it. */
static void read_name(char *out, size_t cap, const char *in)
{
    fl_name_repair(out, cap, in ? in : "");
    size_t start = strspn(out, " "), len = strlen(out);
    while (len > start && out[len - 1] == ' ')
        len--;
    memmove(out, out + start, len - start);
    out[len - start] = '\0';
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

/* Whether s[0..len) is a UTF-8 sequence cut short: a lead byte and fewer continuation bytes
 * than it claims (what is left of a character cut between its bytes). */
static int cut_short(const char *s, size_t len)
{
    size_t need = fl_utf8_lead_length((unsigned char)s[0]);
    if (need < 2 || len >= need)
        return 0;
    for (size_t i = 1; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            return 0;
    return 1;
}

/* The settings text as valid UTF-8 (fl_malloc'd, NUL-terminated; NULL when out of memory): a
 * character cut short just before a closing quote (a name cut inside a character) is dropped,
 * every other byte that is not UTF-8 becomes U+FFFD. */
static char *repair_text(const char *buf, size_t len, size_t *out_len)
{
    if (len > (SIZE_MAX - 1) / 3)
        return NULL;
    char *out = fl_malloc(len * 3 + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        size_t ok = fl_utf8_valid_prefix(buf + i, len - i);
        memcpy(out + o, buf + i, ok);
        o += ok;
        i += ok;
        if (i >= len)
            break;
        size_t bad = 1; /* the partial character's bytes, up to the quote after them */
        while (i + bad < len && bad < 4 && ((unsigned char)buf[i + bad] & 0xC0) == 0x80)
            bad++;
        if (i + bad < len && buf[i + bad] == '"' && cut_short(buf + i, bad)) {
            i += bad;
            continue;
        }
        memcpy(out + o, "\xEF\xBF\xBD", 3);
        o += 3;
        i++;
    }
    out[o] = '\0';
    *out_len = o;
    return out;
}

/* The settings text parsed: its object, or NULL when it is not a JSON object (*why then says
 * so, in lang, when why is not NULL). */
static json_t *parse_text(const char *buf, size_t len, int lang, char *why, size_t whylen)
{
    size_t fixed_len;
    char *fixed = repair_text(buf, len, &fixed_len);
    if (!fixed) {
        if (why)
            fl_file_why(FL_FILE_NOMEM, 0, lang, why, whylen);
        return NULL;
    }
    json_error_t je;
    json_t *o = json_loadb(fixed, fixed_len, 0, &je);
    free(fixed);
    if (!o && why)
        snprintf(why, whylen, fl_word(FL_W_SET_NOT_JSON, lang), je.line, je.column, je.text);
    if (o && !json_is_object(o)) {
        json_decref(o);
        o = NULL;
        if (why)
            snprintf(why, whylen, "%s", fl_word(FL_W_SET_NOT_OBJECT, lang));
    }
    return o;
}

/* The settings file parsed: its object, or NULL when there is none or it cannot be used
 * (*damaged then says whether something was there; why, when not NULL, says what, in lang).
 * Never blocks: a FIFO or a device is refused unopened (fl_file_read). */
static json_t *read_file(const char *path, int *damaged, int lang, char *why, size_t whylen)
{
    *damaged = 0;
    char *buf = NULL;
    size_t len = 0;
    int e = 0;
    fl_file_status st = fl_file_read(path, SETTINGS_MAX_BYTES, &buf, &len, &e);
    if (st == FL_FILE_ERRNO && e == ENOENT)
        return NULL; /* no settings yet: the defaults, and nothing to say */
    if (st != FL_FILE_OK) {
        *damaged = 1;
        if (why)
            fl_file_why(st, e, lang, why, whylen);
        return NULL;
    }
    json_t *o = parse_text(buf, len, lang, why, whylen);
    free(buf);
    *damaged = o == NULL;
    return o;
}

static json_t *load_root(void)
{
    char path[4096];
    int damaged;
    if (settings_path(path, sizeof(path), 0) < 0)
        return NULL;
    return read_file(path, &damaged, 0, NULL, 0);
}

/* ---- a trainee's own settings ---------------------------------------------------------------- */

/* The keys of a profile (and of the top level of a file written before profiles). */
static const char *const PROFILE_KEYS[] = {
    "language", "text_size", "timed",  "time_extension", "fullscreen", "assessment",
    "sounds",   "voice",     "volume", "self_voicing",   "say_aloud",
};

/* A boolean setting, or def when the key is missing or not a boolean. */
static int get_bool(json_t *o, const char *key, int def)
{
    json_t *v = json_object_get(o, key);
    return json_is_boolean(v) ? json_is_true(v) : def;
}

static int get_int(json_t *o, const char *key, int lo, int hi, int def)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_integer(v))
        return def;
    json_int_t x = json_integer_value(v);
    return x < lo || x > hi ? def : (int)x;
}

/* Reads a trainee's settings from o over what s holds (unknown or bad values keep it). */
static void read_profile(fl_settings *s, json_t *o)
{
    const char *lang = json_string_value(json_object_get(o, "language"));
    if (lang)
        s->lang = strcmp(lang, "ru") == 0;
    int size = get_int(o, "text_size", 75, 200, s->text_size);
    s->text_size = size - size % 25;
    s->timed = get_bool(o, "timed", s->timed);
    s->extension = get_int(o, "time_extension", 0, 2, s->extension);
    s->fullscreen = get_bool(o, "fullscreen", s->fullscreen);
    s->assessment = get_bool(o, "assessment", s->assessment);
    s->sounds = get_bool(o, "sounds", s->sounds);
    s->voice = get_bool(o, "voice", s->voice);
    int volume = get_int(o, "volume", 0, 100, s->volume);
    s->volume = volume - volume % 10; /* the settings step by ten */
    s->self_voicing = get_bool(o, "self_voicing", s->self_voicing);
    s->say_aloud = get_bool(o, "say_aloud", s->say_aloud);
}

/* Sets a trainee's settings (PROFILE_KEYS) in o. */
static void write_profile(json_t *o, const fl_settings *s)
{
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
}

/* The profile of name in root: its object under "profiles"; for the file's own trainee in a
 * file written before profiles, the top level itself. NULL when there is none. */
static json_t *profile_of(json_t *root, const char *name)
{
    if (!root || !name[0])
        return NULL;
    json_t *p = json_object_get(json_object_get(root, "profiles"), name);
    if (json_is_object(p))
        return p;
    char last[FL_NAME_BYTES];
    read_name(last, sizeof(last), json_string_value(json_object_get(root, "trainee")));
    if (strcmp(last, name) != 0)
        return NULL;
    for (size_t i = 0; i < sizeof(PROFILE_KEYS) / sizeof(PROFILE_KEYS[0]); i++)
        if (json_object_get(root, PROFILE_KEYS[i]))
            return root;
    return NULL;
}

/* ---- the file -------------------------------------------------------------------------------- */

/* What o says into s (over the defaults s holds). */
static void read_root(fl_settings *s, json_t *o)
{
    const char *lang = json_string_value(json_object_get(o, "language"));
    if (lang)
        s->lang = strcmp(lang, "ru") == 0;
    read_name(s->trainee, sizeof(s->trainee), json_string_value(json_object_get(o, "trainee")));
    read_name(s->group, sizeof(s->group), json_string_value(json_object_get(o, "group")));
    const char *ws = json_string_value(json_object_get(o, "workshop"));
    if (ws && strlen(ws) < sizeof(s->workshop))
        memcpy(s->workshop, ws, strlen(ws) + 1);
    /* the last trainee's own settings; with no trainee, an old file's top level (the settings
     * the sign-in shows, taken by whoever signs in first) */
    json_t *p = s->trainee[0] ? profile_of(o, s->trainee) : o;
    if (p)
        read_profile(s, p);
}

int fl_settings_parse(fl_settings *s, const char *buf, size_t len)
{
    fl_settings_defaults(s);
    json_t *o = parse_text(buf, len, s->lang, NULL, 0);
    if (!o)
        return -1;
    read_root(s, o);
    json_decref(o);
    return 0;
}

void fl_settings_load(fl_settings *s)
{
    char path[4096], why[512] = "";
    int damaged;
    if (settings_path(path, sizeof(path), 0) < 0)
        return;
    json_t *o = read_file(path, &damaged, s->lang, why, sizeof(why));
    if (!o) {
        /* settings are never a reason not to start: the defaults, and one line saying why */
        if (damaged) {
            fl_settings_defaults(s);
            fprintf(stderr, fl_word(FL_W_SET_UNUSABLE, s->lang), path, why);
            fputc('\n', stderr);
        }
        return;
    }
    read_root(s, o);
    json_decref(o);
}

int fl_settings_has_profile(const char *name)
{
    char n[FL_NAME_BYTES];
    read_name(n, sizeof(n), name);
    json_t *o = load_root();
    int has = profile_of(o, n) != NULL;
    json_decref(o);
    return has;
}

void fl_settings_switch(fl_settings *s, const char *name)
{
    fl_settings n;
    fl_settings_defaults(&n);
    n.lang = s->lang; /* a new trainee reads the language shown now */
    read_name(n.trainee, sizeof(n.trainee), name);
    /* the laptop's, not the trainee's */
    memcpy(n.group, s->group, sizeof(n.group));
    memcpy(n.workshop, s->workshop, sizeof(n.workshop));
    json_t *o = load_root();
    json_t *p = profile_of(o, n.trainee);
    if (p)
        read_profile(&n, p);
    json_decref(o);
    *s = n;
}

/* The profiles to write: the file's (names repaired, the signed-in trainee's left out, the
 * oldest first), then the signed-in trainee's, at most FL_PROFILES_MAX in all. */
static json_t *profiles_with(json_t *old, const fl_settings *s)
{
    json_t *all = json_object();
    const char *key;
    json_t *v;
    json_object_foreach(json_object_get(old, "profiles"), key, v)
    {
        char name[FL_NAME_BYTES];
        read_name(name, sizeof(name), key);
        if (!json_is_object(v) || !name[0] || !strcmp(name, s->trainee) ||
            json_object_get(all, name))
            continue;
        json_object_set(all, name, v);
    }
    /* a file from before profiles: its trainee's settings become their profile */
    char last[FL_NAME_BYTES];
    read_name(last, sizeof(last), json_string_value(json_object_get(old, "trainee")));
    if (last[0] && strcmp(last, s->trainee) && !json_object_get(all, last) &&
        profile_of(old, last) == old) {
        fl_settings theirs;
        fl_settings_defaults(&theirs);
        read_profile(&theirs, old);
        json_t *p = json_object();
        write_profile(p, &theirs);
        json_object_set_new(all, last, p);
    }
    if (s->trainee[0]) {
        json_t *mine = json_object();
        write_profile(mine, s);
        json_object_set_new(all, s->trainee, mine);
    }
    /* jansson keeps the order keys were set in: the first ones are the least recent */
    while (json_object_size(all) > FL_PROFILES_MAX) {
        void *it = json_object_iter(all);
        json_object_del(all, json_object_iter_key(it));
    }
    return all;
}

/* Writes o to path through a file of its own beside it, flushed to the disk before it takes
 * the name: a crash leaves the old file or the new one, never half of one. */
static int write_atomically(json_t *o, const char *path)
{
    char tmp[4200];
    snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return -1;
    FILE *f = fdopen(fd, "w");
    if (!f) {
        close(fd);
        unlink(tmp);
        return -1;
    }
    int rc = json_dumpf(o, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    if (fputc('\n', f) == EOF || fflush(f) != 0 || fsync(fileno(f)) != 0)
        rc = -1;
    if (fclose(f) != 0)
        rc = -1;
    if (rc == 0 && rename(tmp, path) < 0)
        rc = -1;
    if (rc)
        unlink(tmp);
    return rc ? -1 : 0;
}

int fl_settings_save(const fl_settings *s)
{
    char path[4096];
    if (settings_path(path, sizeof(path), 1) < 0)
        return -1;
    int damaged;
    json_t *old = read_file(path, &damaged, 0, NULL, 0);
    if (damaged) { /* kept for whoever wants to look at it; the new file replaces it */
        char bad[4200];
        snprintf(bad, sizeof(bad), "%s.damaged", path);
        rename(path, bad);
    }
    /* names always valid: a name jansson refuses would save no trainee at all */
    fl_settings c = *s;
    read_name(c.trainee, sizeof(c.trainee), s->trainee);
    read_name(c.group, sizeof(c.group), s->group);
    json_t *o = json_object();
    /* the laptop's: the sign-in's language, who signed in last, the group, the workshop */
    json_object_set_new(o, "language", json_string(c.lang ? "ru" : "en"));
    json_object_set_new(o, "trainee", json_string(c.trainee));
    json_object_set_new(o, "group", json_string(c.group));
    json_t *ws = json_string(c.workshop); /* NULL when the path is not UTF-8: left out */
    if (ws)
        json_object_set_new(o, "workshop", ws);
    /* the signed-in trainee's own settings again, as files before profiles had them (none when
     * nobody is signed in: whoever comes next must not find them) */
    if (c.trainee[0])
        write_profile(o, &c);
    json_object_set_new(o, "profiles", profiles_with(old, &c));
    json_decref(old);
    int rc = write_atomically(o, path);
    json_decref(o);
    return rc;
}
