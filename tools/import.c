/*
 * import.c - `frontline import`: adds sessions and stress rounds kept in JSON (a fallback file
 * a recorder wrote when the store could not be written, or a `report --format json` export) to
 * a results store. A session already in the store is left as it is, unless the store only has
 * an unfinished copy and the file has more of it; a round likewise, unless the store's copy
 * never ended and the file's did. Each file is one transaction: it goes in whole or not at all.
 */
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "commands.h"
#include "store.h"

/* The command's words in the user's language (commands.h). */
static const char *U(fl_word_id id)
{
    return fl_word(id, fl_user_lang());
}

/* counts[0..3): sessions added, already there, unfinished copies completed; [3..6) the same
 * for rounds. */
static int import_file(fl_store *st, const char *path, size_t counts[6])
{
    json_error_t je;
    json_t *doc = json_load_file(path, 0, &je);
    if (!doc) {
        if (je.line > 0) {
            fprintf(stderr, U(FL_W_CMD_IMPORT_NOT_JSON), path, je.line, je.column, je.text);
            fputc('\n', stderr);
        } else
            fprintf(stderr, "frontline import: %s: %s\n", path, je.text);
        return 1;
    }
    size_t n = json_is_array(doc) ? json_array_size(doc) : 1;
    char err[1024];
    if (fl_store_begin_batch(st, err, sizeof(err)) != FL_STORE_OK) {
        fprintf(stderr, "frontline import: %s\n", err);
        json_decref(doc);
        return 1;
    }
    size_t local[6] = {0};
    int status = 0;
    for (size_t i = 0; i < n && !status; i++) {
        const json_t *o = json_is_array(doc) ? json_array_get(doc, i) : doc;
        if (fl_json_is_round(o)) {
            /* a stress round (its calls are sessions, here or in other files, in any order) */
            fl_round_record rr;
            if (fl_round_record_from_json(o, &rr, err, sizeof(err)) < 0) {
                if (json_is_array(doc))
                    fprintf(stderr, U(FL_W_CMD_IMPORT_OBJECT), path, i + 1, err);
                else
                    fprintf(stderr, "%s: %s\n", path, err);
                status = 1;
                break;
            }
            int existed = 0;
            if (fl_store_round_put(st, &rr, &existed, err, sizeof(err)) != FL_STORE_OK) {
                fprintf(stderr, "frontline import: %s\n", err);
                status = 1;
            }
            local[3 + existed]++;
            fl_round_record_free(&rr);
            continue;
        }
        fl_record r;
        if (fl_record_from_json(o, &r, err, sizeof(err)) < 0) {
            if (json_is_array(doc))
                fprintf(stderr, U(FL_W_CMD_IMPORT_SESSION), path, i + 1, err);
            else
                fprintf(stderr, "%s: %s\n", path, err);
            status = 1;
            break;
        }
        int existed = 0;
        if (fl_store_put(st, &r, &existed, err, sizeof(err)) != FL_STORE_OK) {
            fprintf(stderr, "frontline import: %s\n", err);
            status = 1;
        }
        local[existed]++;
        fl_record_free(&r);
    }
    json_decref(doc);
    if (status) {
        /* end_batch after a failure rolls back: nothing of this file stays */
        fl_store_end_batch(st, err, sizeof(err));
        return 1;
    }
    if (fl_store_end_batch(st, err, sizeof(err)) != FL_STORE_OK) {
        fprintf(stderr, "frontline import: %s\n", err);
        return 1;
    }
    for (int k = 0; k < 6; k++)
        counts[k] += local[k];
    return 0;
}

int fl_cmd_import(int argc, char **argv)
{
    const char *db = NULL;
    int first = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(U(FL_W_CMD_IMPORT_HELP), stdout);
            return 0;
        } else if (!strcmp(a, "--db")) {
            if (i + 1 >= argc || !argv[i + 1][0])
                return fl_usage_error("import", "%s", U(FL_W_CMD_DB_NEEDS));
            db = argv[++i];
        } else if (a[0] == '-' && a[1]) {
            return fl_usage_error("import", U(FL_W_CMD_UNKNOWN_OPTION), a);
        } else if (!first) {
            first = i;
        }
    }
    if (!first)
        return fl_usage_error("import", "%s", U(FL_W_CMD_IMPORT_NAME_FILES));
    char def[4096];
    if (!db) {
        if (fl_store_default_path(def, sizeof(def)) < 0)
            return fl_usage_error("import", "%s", U(FL_W_CMD_NO_DEFAULT_DB));
        db = def;
    }
    fl_store *st;
    char err[1024];
    if (fl_store_open(&st, db, 0, err, sizeof(err)) != FL_STORE_OK) {
        fprintf(stderr, "frontline import: %s\n", err);
        return 1;
    }
    size_t counts[6] = {0};
    int status = 0;
    for (int i = first; i < argc; i++) {
        if (!strcmp(argv[i], "--db")) {
            i++;
            continue;
        }
        status |= import_file(st, argv[i], counts);
    }
    fl_store_close(st);
    fprintf(stderr, U(FL_W_CMD_IMPORT_DONE), counts[0], counts[1], counts[2], db);
    fputc('\n', stderr);
    if (counts[3] + counts[4] + counts[5]) {
        fprintf(stderr, U(FL_W_CMD_IMPORT_ROUNDS_DONE), counts[3], counts[4], counts[5]);
        fputc('\n', stderr);
    }
    return status;
}
