/*
 * load.c - loading a scenario for a command that needs it whole (play, explore, graph): every
 * diagnostic goes to stderr as lint prints it, in the user's language, and out of memory is
 * reported, not hidden. A FIFO, a device or a folder given as the scenario is refused at once
 * with what it is (the loader reads only regular files, game/core/readfile.h).
 */
#include "catalogue.h"
#include "commands.h"
#include "content.h"

int fl_load_reporting(const char *path, fl_scenario **out)
{
    fl_diags diags;
    char line[2048];
    fl_diags_init(&diags, path);
    int rc = fl_content_scenario_load(out, path, &diags); /* with the avatar's file */
    for (size_t i = 0; i < diags.count; i++) {
        fl_diag_format(line, sizeof(line), path, &diags.items[i]);
        fprintf(stderr, "%s\n", line);
    }
    if (rc == -2 || diags.oom) {
        fl_diag oom = {
            FL_SEV_ERROR, 0, 0, "internal", (char *)fl_word(FL_W_LN_OOM_LOAD, diags.lang),
            diags.lang};
        fl_diag_format(line, sizeof(line), path, &oom);
        fprintf(stderr, "%s\n", line);
    }
    fl_diags_clear(&diags);
    return rc == 0 && *out ? 0 : -1;
}
