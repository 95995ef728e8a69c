/*
 * fuzz_settings.c - settings.json, as the desktop reads it at every start
 * ($XDG_CONFIG_HOME/frontline/settings.json: the laptop's last trainee, group and workshop, and
 * each trainee's profile).
 *
 * The input is the file's text. fl_settings_parse fills the settings as fl_settings_load does
 * from the file (game/ui/settings.c alone is linked: no window, no SDL library). Beyond memory
 * and undefined behaviour the target checks what the settings promise whatever the file says:
 * every value in its range, the names valid UTF-8 of at most FL_NAME_MAX characters, and a file
 * that is refused leaves the defaults.
 */
#include "fuzz.h"

#include "ui.h"
#include "utf8.h"

static void check_name(const char *what, const char *s, size_t cap)
{
    if (!memchr(s, '\0', cap))
        fz_fail("the %s is not terminated", what);
    size_t n = strlen(s);
    if (!fl_utf8_valid(s, n))
        fz_fail("the %s is not valid UTF-8", what);
    if (fl_utf8_length(s, n) > FL_NAME_MAX)
        fz_fail("the %s has %zu characters", what, fl_utf8_length(s, n));
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20)
            fz_fail("the %s holds the control character %u", what, (unsigned)s[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = fz_copy(data, size, 0);
    fl_settings s, def;
    memset(&s, 0x5a, sizeof(s));
    fl_settings_defaults(&def);
    int rc = fl_settings_parse(&s, buf, size);
    if (rc != 0 && rc != -1)
        fz_fail("fl_settings_parse returned %d", rc);
    if (rc == -1 && memcmp(&s, &def, sizeof(s)) != 0)
        fz_fail("a refused file did not leave the defaults");
    if (s.lang != 0 && s.lang != 1)
        fz_fail("language %d", s.lang);
    if (s.text_size < 75 || s.text_size > 200)
        fz_fail("text size %d", s.text_size);
    if (s.extension < 0 || s.extension > 2 || s.volume < 0 || s.volume > 100)
        fz_fail("extension %d, volume %d", s.extension, s.volume);
    check_name("trainee", s.trainee, sizeof(s.trainee));
    check_name("group", s.group, sizeof(s.group));
    if (!memchr(s.workshop, '\0', sizeof(s.workshop)))
        fz_fail("the workshop path is not terminated");
    free(buf);
    return 0;
}
