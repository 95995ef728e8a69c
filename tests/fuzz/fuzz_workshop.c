/*
 * fuzz_workshop.c - a workshop leader's file (scenarios/workshops/, workshop.xsd).
 *
 * The input is the document. The target loads it (fl_workshop_load_memory), formats its
 * diagnostics as lint prints them, and when it loads asks for the session of the day at every
 * hour and each session by name, as a laptop does at the sign-in. Beyond memory and undefined
 * behaviour it checks that the load agrees with its diagnostics, that a workshop has at least one
 * item, and that the session found is one of the workshop's.
 */
#include "fuzz.h"

#include "catalogue.h"
#include "workshop.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *doc = fz_copy(data, size, 0);
    fl_diags_default_lang((size & 1) ? FL_LANG_RU : FL_LANG_EN);
    fl_diags d;
    fl_diags_init(&d, "fuzz.workshop.xml");
    fl_workshop *w = NULL;
    int rc = fl_workshop_load_memory(&w, doc, size, "fuzz.workshop.xml", &d);
    if (rc == 0 && (!w || d.errors))
        fz_fail("loaded with %zu errors", d.errors);
    if (rc == -1 && (w || (!d.errors && !d.oom)))
        fz_fail("refused with no error");
    if (rc != 0 && rc != -1)
        fz_fail("fl_workshop_load_memory returned %d", rc);
    char line[2048];
    for (size_t i = 0; i < d.count; i++) {
        int n = fl_diag_format(line, sizeof(line), d.file, &d.items[i]);
        if (n < 0 || ((size_t)n < sizeof(line) && strlen(line) != (size_t)n))
            fz_fail("fl_diag_format returned %d", n);
    }
    (void)fl_is_workshop_document(doc, size);
    if (w) {
        if (w->n_items == 0)
            fz_fail("a workshop with no item");
        for (int m = 0; m < 1440; m += 30) {
            int k = fl_workshop_session_at(w, m);
            if (k < -1 || k >= (int)w->n_sessions || (k == -1 && w->n_sessions))
                fz_fail("the session at minute %d is %d of %u", m, k, w->n_sessions);
        }
        for (uint32_t i = 0; i < w->n_sessions; i++) {
            int k = fl_workshop_session_find(w, w->sessions[i].name);
            if (k < 0 || k > (int)i)
                fz_fail("session %u \"%s\" is found at %d", i, w->sessions[i].name, k);
        }
        (void)fl_workshop_session_find(w, "");
    }
    fl_workshop_free(w);
    fl_diags_clear(&d);
    free(doc);
    return 0;
}
