/*
 * test_loader_lang.c - the loaders' messages in the language of the diagnostics list (loader.c,
 * schema.c, round_load.c, workshop.c with catalogue_lint2.def): the same problem said in English,
 * exactly as before the catalogue, and in Russian, with the words of the kind of file declined
 * for their place; "did you mean" in the diagnostics' language; libxml2's English said anew.
 * tests/lint/lang2.py checks every message through `frontline lint`; here are the ones lint
 * cannot reach (a round loader given a file whose root is not <round>).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "catalogue.h"
#include "round.h"
#include "schema.h"
#include "workshop.h"

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

/*
 * Loads buf as a round file (workshop 0) or a workshop file (1), or with buf NULL the round file
 * at path, with the diagnostics in lang: it must fail with one diagnostic, of rule, in lang.
 * Its message goes into out.
 */
static void load_one(int lang, int workshop, const char *buf, const char *path, const char *rule,
                     char *out, size_t size)
{
    fl_diags_default_lang(lang);
    fl_diags d;
    fl_diags_init(&d, buf ? "x.xml" : path);
    assert_int_equal(d.lang, lang);
    if (workshop) {
        fl_workshop *w = NULL;
        assert_int_equal(fl_workshop_load_memory(&w, buf, strlen(buf), "x.xml", &d), -1);
        assert_null(w);
    } else {
        fl_round_def *def = NULL;
        assert_int_equal(buf ? fl_round_def_load_memory(&def, buf, strlen(buf), "x.xml", &d)
                             : fl_round_def_load_file(&def, path, &d),
                         -1);
        assert_null(def);
    }
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].rule, rule);
    assert_int_equal(d.items[0].lang, lang);
    snprintf(out, size, "%s", d.items[0].message);
    fl_diags_clear(&d);
    fl_diags_default_lang(FL_LANG_EN);
}

/* What load_one() says of the same input in English and in Russian. */
static void says(int workshop, const char *buf, const char *path, const char *rule, const char *en,
                 const char *ru)
{
    char m[512];
    load_one(FL_LANG_EN, workshop, buf, path, rule, m, sizeof(m));
    assert_string_equal(m, en);
    load_one(FL_LANG_RU, workshop, buf, path, rule, m, sizeof(m));
    assert_string_equal(m, ru);
}

/* What lint never shows, as it looks at a path before loading it: a file that is not there, a
 * folder, and a stream longer than the limit. strerror's words stay as the system says them. */
static void files_that_cannot_be_read(void **state)
{
    (void)state;
    says(0, NULL, "/nonexistent/r.xml", "io", "cannot open: No such file or directory",
         "не удалось открыть файл: No such file or directory");
    says(0, NULL, "/", "io", "is a folder, not a round file", "это папка, а не файл раунда");
    /* A device (one that never ends, too) is refused unread: only regular files are read. */
    says(0, NULL, "/dev/zero", "io", "is a device, not a regular file: give a file saved on disk",
         "это устройство, а не обычный файл: укажите файл, сохранённый на диске");
}

static void root_of_another_kind(void **state)
{
    (void)state;
    const char *scenario = HEAD "<scenario id=\"x\" version=\"1\" lang=\"en\"/>\n";
    says(0, scenario, NULL, "round-schema",
         "the root element is <scenario>; a round file starts with <round>",
         "корневой элемент — <scenario>, а файл раунда начинается с <round>");
    says(1, scenario, NULL, "schema",
         "the root element is <scenario>; a workshop file starts with <workshop>",
         "корневой элемент — <scenario>, а файл тренинга начинается с <workshop>");
}

/* The limit of a slot is a format given the slot's maximum: the English is the text the table
 * held before, number and all. */
static void slot_limit_with_its_number(void **state)
{
    (void)state;
    char levels[1024] = "";
    for (int i = 0; i < FL_ROUND_MAX_LEVELS + 1; i++)
        strcat(levels, "<level limit=\"30\" every=\"40\"/>");
    char buf[2048];
    snprintf(buf, sizeof(buf),
             HEAD "<round id=\"r\" version=\"1\" lang=\"en\"><title>R</title>"
                  "<draw><scenario path=\"a.xml\"/></draw><customers total=\"20\" seed=\"1\"/>"
                  "<levels>%s</levels></round>\n",
             levels);
    says(0, buf, NULL, "round-schema",
         "<levels> may hold at most 10 <level>: a round has 1 to 10 levels",
         "в <levels> может быть не больше 10 <level>: в раунде от 1 до 10 уровней");
}

/* What an attribute counts, after the range: the kind's word in the list's language. */
static void what_a_number_counts(void **state)
{
    (void)state;
    const char *buf = HEAD "<round id=\"r\" version=\"1\" lang=\"en\"><title>R</title>"
                           "<draw><scenario path=\"a.xml\"/></draw>"
                           "<customers total=\"501\" seed=\"1\"/>"
                           "<levels><level limit=\"30\" every=\"40\"/></levels></round>\n";
    says(0, buf, NULL, "round-schema",
         "total=\"501\" is not a whole number from 1 to 500 (customers in the whole round)",
         "total=\"501\" — не целое число от 1 до 500 (клиентов за весь раунд)");
}

/* libxml2's message stays as it is in English and is said anew, with its names, in Russian. */
static void libxml2_in_russian(void **state)
{
    (void)state;
    const char *buf =
        HEAD "<round id=\"r\" version=\"1\" lang=\"en\">\n<title>R</draw>\n</round>\n";
    says(0, buf, NULL, "xml", "Opening and ending tag mismatch: title line 3 and draw",
         "открывающий и закрывающий теги не совпадают: <title> (строка 3) закрыт тегом </draw>");
}

/* fl_suggest_hint is built apart from any list: it speaks the language set for the lists. */
static void did_you_mean_in_the_diagnostics_language(void **state)
{
    (void)state;
    char h[160];
    fl_suggestion sg = fl_suggest_start("levle");
    fl_suggest(&sg, "level");
    fl_suggest(&sg, "pass");
    assert_string_equal(fl_suggest_hint(&sg, h, sizeof(h)), " (did you mean 'level'?)");
    fl_diags_default_lang(FL_LANG_RU);
    assert_string_equal(fl_suggest_hint(&sg, h, sizeof(h)), " (возможно, имелось в виду 'level'?)");
    fl_diags_default_lang(FL_LANG_EN);
    fl_suggestion none = fl_suggest_start("zzzzzz");
    fl_suggest(&none, "level");
    assert_string_equal(fl_suggest_hint(&none, h, sizeof(h)), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(root_of_another_kind),
        cmocka_unit_test(files_that_cannot_be_read),
        cmocka_unit_test(slot_limit_with_its_number),
        cmocka_unit_test(what_a_number_counts),
        cmocka_unit_test(libxml2_in_russian),
        cmocka_unit_test(did_you_mean_in_the_diagnostics_language),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
