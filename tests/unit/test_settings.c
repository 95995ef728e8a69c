/*
 * test_settings.c - the settings file of a shared laptop (game/ui/settings.c) on real files in
 * a private XDG_CONFIG_HOME: each trainee's own profile (switching never carries the previous
 * trainee's mode, text size or sound), a file written before profiles read as its trainee's
 * profile, names repaired (bytes that are not UTF-8, control characters, more than
 * FL_NAME_MAX characters cut between characters), a damaged file kept aside, the workshop
 * key, and the bound on the number of profiles.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "ui.h"
#include "utf8.h"

#include "catalogue_checks.h"

static char dir[256], path[512];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "/tmp/fl-settings-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    setenv("XDG_CONFIG_HOME", dir, 1);
    setenv("LANG", "en_GB.UTF-8", 1);
    unsetenv("LC_ALL");
    snprintf(path, sizeof(path), "%s/frontline/settings.json", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[400];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void write_file(const char *bytes, size_t len)
{
    char d[400];
    snprintf(d, sizeof(d), "%s/frontline", dir);
    mkdir(d, 0700);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, len, f), len);
    fclose(f);
}

static json_t *read_json(void)
{
    json_error_t err;
    json_t *o = json_load_file(path, 0, &err);
    if (!o)
        fail_msg("%s: %s (line %d)", path, err.text, err.line);
    return o;
}

/* "Ж" n times. */
static void cyrillic(char *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
        memcpy(out + 2 * i, "\xD0\x96", 2);
    out[2 * n] = '\0';
}

static void test_repair(void **state)
{
    (void)state;
    char out[FL_NAME_BYTES], in[1024];
    /* bytes that are not UTF-8 go, controls become spaces */
    assert_int_equal(fl_name_repair(out, sizeof(out), "Ма\xD1ри\xFFна\tИ\nК"), 0);
    assert_string_equal(out, "Марина И К");
    /* an overlong form and a lone surrogate are not UTF-8 either */
    assert_int_equal(fl_name_repair(out, sizeof(out),
                                    "a\xC0\xAF"
                                    "b\xED\xA0\x80"
                                    "c"),
                     0);
    assert_string_equal(out, "abc");
    /* 100 Cyrillic letters: 80 kept, whole */
    cyrillic(in, 100);
    assert_int_equal(fl_name_repair(out, sizeof(out), in), 1);
    assert_int_equal(strlen(out), 160);
    assert_int_equal(fl_utf8_length(out, strlen(out)), FL_NAME_MAX);
    assert_true(valid_utf8(out));
    /* exactly 80: nothing cut */
    cyrillic(in, 80);
    assert_int_equal(fl_name_repair(out, sizeof(out), in), 0);
    assert_string_equal(out, in);
    /* four-byte characters count as one each */
    in[0] = '\0';
    for (int i = 0; i < 90; i++)
        strcat(in, "\xF0\x9F\x98\x80");
    assert_int_equal(fl_name_repair(out, sizeof(out), in), 1);
    assert_int_equal(strlen(out), 4 * FL_NAME_MAX);
    /* a small buffer cuts between characters too */
    char small[6];
    assert_int_equal(fl_name_repair(small, sizeof(small), "ЖЖЖЖ"), 1);
    assert_string_equal(small, "ЖЖ");
    /* in place */
    strcpy(in, "x\x01y\x80z");
    fl_name_repair(in, sizeof(in), in);
    assert_string_equal(in, "x yz");
}

/* A file from before profiles: its top-level settings are its trainee's. */
static void test_old_file(void **state)
{
    (void)state;
    const char *old = "{\"language\": \"ru\", \"text_size\": 150, \"timed\": false, "
                      "\"assessment\": true, \"volume\": 40, \"trainee\": \"Марина\", "
                      "\"group\": \"kzn-1\"}";
    write_file(old, strlen(old));
    fl_settings s;
    fl_settings_defaults(&s);
    fl_settings_load(&s);
    assert_string_equal(s.trainee, "Марина");
    assert_string_equal(s.group, "kzn-1");
    assert_int_equal(s.lang, 1);
    assert_int_equal(s.text_size, 150);
    assert_int_equal(s.timed, 0);
    assert_int_equal(s.assessment, 1);
    assert_int_equal(s.volume, 40);
    assert_true(fl_settings_has_profile("Марина"));
    assert_false(fl_settings_has_profile("John Smith"));

    /* someone else: the defaults, in the language shown; the laptop's group stays */
    fl_settings_switch(&s, "John Smith");
    assert_string_equal(s.trainee, "John Smith");
    assert_string_equal(s.group, "kzn-1");
    assert_int_equal(s.lang, 1);
    assert_int_equal(s.text_size, 100);
    assert_int_equal(s.timed, 1);
    assert_int_equal(s.assessment, 0);
    assert_int_equal(s.volume, 80);
    assert_int_equal(fl_settings_save(&s), 0);

    /* she comes back to her own */
    fl_settings_switch(&s, "Марина");
    assert_int_equal(s.text_size, 150);
    assert_int_equal(s.assessment, 1);
    assert_int_equal(s.timed, 0);
    assert_int_equal(fl_settings_save(&s), 0);

    json_t *o = read_json();
    json_t *p = json_object_get(o, "profiles");
    assert_int_equal(json_object_size(p), 2);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(p, "Марина"), "text_size")),
                     150);
    assert_true(json_is_false(json_object_get(json_object_get(p, "John Smith"), "assessment")));
    assert_string_equal(json_string_value(json_object_get(o, "trainee")), "Марина");
    /* the top level repeats the signed-in trainee's, as old versions read it */
    assert_int_equal(json_integer_value(json_object_get(o, "text_size")), 150);
    json_decref(o);
}

/* Three trainees in turn: each gets their own back, none gets another's. */
static void test_profiles(void **state)
{
    (void)state;
    fl_settings s;
    fl_settings_defaults(&s);
    fl_settings_load(&s); /* no file: the defaults */
    assert_string_equal(s.trainee, "");
    assert_int_equal(s.text_size, 100);
    fl_settings_switch(&s, "Anna");
    s.text_size = 150;
    s.assessment = 1;
    s.self_voicing = 1;
    s.extension = 2;
    snprintf(s.workshop, sizeof(s.workshop), "/media/usb/kazan.workshop.xml");
    assert_int_equal(fl_settings_save(&s), 0);

    fl_settings_switch(&s, "Boris");
    assert_int_equal(s.text_size, 100);
    assert_int_equal(s.assessment, 0);
    assert_int_equal(s.self_voicing, 0);
    assert_int_equal(s.extension, 0);
    assert_string_equal(s.workshop, "/media/usb/kazan.workshop.xml"); /* the laptop's */
    s.lang = 1;
    s.sounds = 0;
    assert_int_equal(fl_settings_save(&s), 0);

    fl_settings_switch(&s, "Vera");
    assert_int_equal(s.sounds, 1);
    assert_int_equal(s.lang, 1); /* the language shown when she sat down */
    assert_int_equal(fl_settings_save(&s), 0);

    /* a new start: the last trainee, hers */
    fl_settings t;
    fl_settings_defaults(&t);
    fl_settings_load(&t);
    assert_string_equal(t.trainee, "Vera");
    assert_string_equal(t.workshop, "/media/usb/kazan.workshop.xml");
    assert_int_equal(t.text_size, 100);
    fl_settings_switch(&t, "Anna");
    assert_int_equal(t.text_size, 150);
    assert_int_equal(t.assessment, 1);
    assert_int_equal(t.self_voicing, 1);
    assert_int_equal(t.extension, 2);
    assert_int_equal(t.lang, 0);
    fl_settings_switch(&t, "Boris");
    assert_int_equal(t.sounds, 0);
    assert_int_equal(t.lang, 1);
    assert_int_equal(t.text_size, 100);
}

/* A name cut inside a character by an old version, and bytes that are not UTF-8: the file is
 * still read, the names repaired, and a save writes valid names. */
static void test_damaged_names(void **state)
{
    (void)state;
    char name[400], file[1200];
    cyrillic(name, 100);
    name[199] = '\0'; /* cut inside the 100th letter */
    int n = snprintf(file, sizeof(file),
                     "{\"trainee\": \"%s\", \"group\": \"g\xFF"
                     "1\", \"text_size\": 125}",
                     name);
    write_file(file, (size_t)n);
    fl_settings s;
    fl_settings_defaults(&s);
    fl_settings_load(&s);
    assert_true(valid_utf8(s.trainee));
    assert_int_equal(fl_utf8_length(s.trainee, strlen(s.trainee)), FL_NAME_MAX);
    assert_string_equal(s.group, "g\xEF\xBF\xBD"
                                 "1"); /* the bad byte shows as U+FFFD */
    assert_int_equal(s.text_size, 125);
    /* a name cut in the middle of a character in memory still saves as a name */
    s.trainee[5] = '\0';
    assert_int_equal(fl_settings_save(&s), 0);
    json_t *o = read_json();
    assert_string_equal(json_string_value(json_object_get(o, "trainee")), "ЖЖ");
    json_decref(o);
}

/* A file that is not JSON: the defaults, and the next save keeps it aside. */
static void test_unreadable(void **state)
{
    (void)state;
    const char *junk = "{\"trainee\": \"Anna\", \"text_size\": 15";
    write_file(junk, strlen(junk));
    fl_settings s;
    fl_settings_defaults(&s);
    fl_settings_load(&s);
    assert_string_equal(s.trainee, "");
    assert_int_equal(s.text_size, 100);
    snprintf(s.trainee, sizeof(s.trainee), "Anna");
    assert_int_equal(fl_settings_save(&s), 0);
    char bad[600];
    snprintf(bad, sizeof(bad), "%s.damaged", path);
    FILE *f = fopen(bad, "rb");
    assert_non_null(f);
    char got[100] = "";
    size_t len = fread(got, 1, sizeof(got) - 1, f);
    fclose(f);
    got[len] = '\0';
    assert_string_equal(got, junk);
    json_decref(read_json());
}

/* Nobody signed in (someone pressed "Not you?" and left): the next one does not find the
 * previous trainee's settings. */
static void test_nobody(void **state)
{
    (void)state;
    fl_settings s;
    fl_settings_defaults(&s);
    snprintf(s.trainee, sizeof(s.trainee), "Anna");
    s.text_size = 200;
    assert_int_equal(fl_settings_save(&s), 0);
    s.trainee[0] = '\0';
    assert_int_equal(fl_settings_save(&s), 0);
    fl_settings t;
    fl_settings_defaults(&t);
    fl_settings_load(&t);
    assert_string_equal(t.trainee, "");
    assert_int_equal(t.text_size, 100);
    fl_settings_switch(&t, "Anna");
    assert_int_equal(t.text_size, 200);
}

/* At most FL_PROFILES_MAX profiles: the least recently signed in go. */
static void test_bound(void **state)
{
    (void)state;
    fl_settings s;
    fl_settings_defaults(&s);
    for (int i = 0; i < FL_PROFILES_MAX + 5; i++) {
        char name[32];
        snprintf(name, sizeof(name), "trainee %03d", i);
        fl_settings_switch(&s, name);
        s.volume = i % 11 * 10;
        assert_int_equal(fl_settings_save(&s), 0);
    }
    /* trainee 007 comes back: now the most recent */
    fl_settings_switch(&s, "trainee 007");
    assert_int_equal(s.volume, 70);
    assert_int_equal(fl_settings_save(&s), 0);
    fl_settings_switch(&s, "someone new");
    assert_int_equal(fl_settings_save(&s), 0);
    json_t *o = read_json();
    json_t *p = json_object_get(o, "profiles");
    assert_int_equal(json_object_size(p), FL_PROFILES_MAX);
    assert_null(json_object_get(p, "trainee 004"));
    assert_null(json_object_get(p, "trainee 005"));
    assert_non_null(json_object_get(p, "trainee 006"));
    assert_non_null(json_object_get(p, "trainee 007"));
    assert_non_null(json_object_get(p, "trainee 008"));
    assert_non_null(json_object_get(p, "trainee 204"));
    /* the order: oldest first, the last signed in last */
    void *it = json_object_iter(p);
    assert_string_equal(json_object_iter_key(it), "trainee 006");
    const char *key, *last = NULL;
    json_t *v;
    json_object_foreach(p, key, v) last = key;
    assert_string_equal(last, "someone new");
    json_decref(o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_repair),
        cmocka_unit_test_setup_teardown(test_old_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_profiles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_damaged_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unreadable, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nobody, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bound, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
