/*
 * workshop.c - `frontline workshop new`: writes a workshop file (game/core/workshop.h, the
 * leader's guide docs/workshop.md) from options, or by asking a few questions in the leader's
 * language when standard input is a terminal and something it needs is missing.
 *
 * What it writes is checked before it is written (the core's loader: times, sessions, names),
 * never replaces a file without --force, and is linted afterwards the way `frontline lint`
 * would (every file of the library found and loading), so the leader sees at once whether the
 * file is ready to copy to the laptops.
 *
 * Exit status: 0 written and clean, 1 written with problems (or not written: a file is in the
 * way, the disk refused), 2 usage.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "catalogue.h"
#include "commands.h"
#include "content.h"
#include "opts.h"
#include "play.h"
#include "utf8.h"
#include "vec.h"
#include "workshop.h"

/* The command's own words (help, usage) in the user's language (commands.h); the questions
 * speak --lang, by default the same. */
static const char *U(fl_word_id id)
{
    return fl_word(id, fl_user_lang());
}

#define MAX_ITEMS    FL_WORKSHOP_MAX_ITEMS
#define MAX_SESSIONS FL_WORKSHOP_MAX_SESSIONS

/* What the file will say. */
typedef struct {
    const char *title, *group, *out;
    const char *mode, *timed, *extension;
    const char *item_arg[MAX_ITEMS]; /* as given: an id or a path */
    int item_round[MAX_ITEMS];
    int n_items;
    const char *session_arg[MAX_SESSIONS];
    int n_sessions;
    int lang, force;
    fl_bundled bundled;
    const char *data_dir;
    char *owned[2 * MAX_ITEMS + MAX_SESSIONS + 8]; /* answers typed at the prompts */
    int n_owned;
} plan;

static const char *W(const plan *p, fl_word_id id)
{
    return fl_word(id, p->lang);
}

/* Keeps a copy of s for the plan's life; NULL out of memory. */
static const char *keep(plan *p, const char *s)
{
    if (p->n_owned >= (int)(sizeof(p->owned) / sizeof(p->owned[0])))
        return NULL;
    char *c = strdup(s);
    if (c)
        p->owned[p->n_owned++] = c;
    return c;
}

/* ---- The id -----------------------------------------------------------------------------------
 */

/* Latin letters for a Cyrillic letter (U+0410..U+044F, Ё and ё), simply; NULL otherwise. */
static const char *translit(uint32_t cp)
{
    static const char *const lower[32] = {
        "a", "b", "v", "g", "d", "e",  "zh", "z",  "i",  "y",    "k", "l", "m", "n", "o",  "p",
        "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "",  "y", "",  "e", "yu", "ya"};
    if (cp == 0x401 || cp == 0x451)
        return "e";
    if (cp >= 0x410 && cp <= 0x42F)
        return lower[cp - 0x410];
    if (cp >= 0x430 && cp <= 0x44F)
        return lower[cp - 0x430];
    return NULL;
}

/* An id from free text: lower-case ASCII letters and digits, Cyrillic transliterated, anything
 * else one '-', none at either end, at most 64 characters. "" when nothing is left. */
static void slug(const char *s, char *out, size_t size)
{
    size_t o = 0, len = strlen(s), max = size - 1 < 64 ? size - 1 : 64;
    int dash = 0;
    for (size_t i = 0; i < len && o < max;) {
        uint32_t cp;
        size_t n = fl_utf8_decode(s + i, len - i, &cp);
        if (!n) {
            i++;
            continue;
        }
        i += n;
        char ascii[2] = {0, 0};
        const char *t = translit(cp);
        if (cp < 128 && ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')))
            ascii[0] = (char)cp;
        else if (cp >= 'A' && cp <= 'Z')
            ascii[0] = (char)(cp - 'A' + 'a');
        if (ascii[0])
            t = ascii;
        if (!t) {
            dash = o > 0;
            continue;
        }
        if (!*t)
            continue; /* the hard and soft signs */
        if (dash && o < max)
            out[o++] = '-';
        dash = 0;
        for (; *t && o < max; t++)
            out[o++] = *t;
    }
    while (o && out[o - 1] == '-')
        o--;
    out[o] = '\0';
}

/* ---- Items: an id of Frontline's own, or a file --------------------------------------------- */

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The output file's folder, canonical; NULL (errno set) when it does not exist. */
static char *out_folder(const char *out)
{
    const char *slash = strrchr(out, '/');
    if (!slash)
        return realpath(".", NULL);
    if (slash == out)
        return realpath("/", NULL);
    char dir[PATH_MAX];
    snprintf(dir, sizeof(dir), "%.*s", (int)(slash - out), out);
    return realpath(dir, NULL);
}

/* An item as it goes into the file: ` bundled="ID"` or ` path="REL"` in attr. *is_round is the
 * kind asked for (-1: decide from the file). Returns 0, or -1 with why[] saying what is wrong. */
static int item_attr(const plan *p, const char *arg, int *is_round, const char *folder, char *attr,
                     size_t size, char *why, size_t whylen)
{
    for (int k = 0; k < 2; k++) {
        int kind = k == 0 ? (*is_round < 0 ? 0 : *is_round) : (*is_round < 0 ? 1 : -2);
        if (kind < 0)
            break;
        if (fl_bundled_find(&p->bundled, arg, kind)) {
            *is_round = kind;
            snprintf(attr, size, " bundled=\"%s\"", arg);
            return 0;
        }
    }
    if (!is_file(arg)) {
        const fl_bundled_item *other =
            *is_round >= 0 ? fl_bundled_find(&p->bundled, arg, !*is_round) : NULL;
        if (other) {
            snprintf(why, whylen, "'%s' is one of Frontline's %s: use --%s %s", arg,
                     other->is_round ? "rounds" : "scenarios",
                     other->is_round ? "round" : "scenario", arg);
            return -1;
        }
        const char *best = NULL;
        size_t best_d = strlen(arg) <= 3 ? 2 : 3;
        for (uint32_t i = 0; i < p->bundled.n; i++) {
            size_t d = fl_edit_distance(arg, p->bundled.items[i].id);
            if (d < best_d && (*is_round < 0 || p->bundled.items[i].is_round == *is_round)) {
                best_d = d;
                best = p->bundled.items[i].id;
            }
        }
        snprintf(why, whylen,
                 "'%s' is neither the id of one of Frontline's own %s nor a file%s%s%s", arg,
                 *is_round == 1   ? "rounds"
                 : *is_round == 0 ? "scenarios"
                                  : "scenarios or rounds",
                 best ? " (did you mean '" : "", best ? best : "", best ? "'?)" : "");
        return -1;
    }
    int round = fl_content_is_round_file(arg);
    if (fl_content_is_workshop_file(arg)) {
        snprintf(why, whylen, "'%s' is a workshop file: a workshop names scenarios and rounds",
                 arg);
        return -1;
    }
    if (*is_round >= 0 && round != *is_round) {
        snprintf(why, whylen, "'%s' is a %s file: use --%s %s", arg, round ? "round" : "scenario",
                 round ? "round" : "scenario", arg);
        return -1;
    }
    *is_round = round;
    char *real = realpath(arg, NULL);
    /* one of Frontline's own, named by its file: by id, so the workshop works on every laptop
     * wherever Frontline is installed */
    for (uint32_t i = 0; real && i < p->bundled.n; i++)
        if (p->bundled.items[i].is_round == round && !strcmp(p->bundled.items[i].path, real)) {
            snprintf(attr, size, " bundled=\"%s\"", p->bundled.items[i].id);
            free(real);
            return 0;
        }
    char *rel = real && folder ? fl_content_relative_path(folder, real) : NULL;
    if (!rel) {
        snprintf(why, whylen, "'%s': %s", arg, strerror(errno ? errno : ENOMEM));
        free(real);
        return -1;
    }
    /* the file's own text as an attribute value: & < > " escaped */
    size_t o = (size_t)snprintf(attr, size, " path=\"");
    for (const char *c = rel; *c && o + 7 < size; c++) {
        const char *e = *c == '&' ? "&amp;" : *c == '<' ? "&lt;" : *c == '"' ? "&quot;" : NULL;
        o += e ? (size_t)snprintf(attr + o, size - o, "%s", e)
               : (size_t)snprintf(attr + o, size - o, "%c", *c);
    }
    snprintf(attr + o, size - o, "\"");
    free(rel);
    free(real);
    return 0;
}

/* ---- Sessions: NAME or NAME=HH:MM-HH:MM ---------------------------------------------------------
 */

static int valid_time(const char *s, size_t n)
{
    char t[8];
    if (n < 4 || n > 5)
        return 0;
    memcpy(t, s, n);
    t[n] = '\0';
    size_t colon = n - 3;
    for (size_t i = 0; i < n; i++)
        if (i == colon ? t[i] != ':' : (t[i] < '0' || t[i] > '9'))
            return 0;
    return 1; /* the range (00:00..24:00) is the loader's to check, with its words */
}

/* Splits "NAME=HH:MM-HH:MM" into name and times; returns 0, or -1 when it is not that. */
static int split_session(const char *arg, char *name, size_t nsize, char *from, char *until)
{
    const char *eq = strrchr(arg, '=');
    from[0] = until[0] = '\0';
    size_t nl = eq ? (size_t)(eq - arg) : strlen(arg);
    while (nl && arg[nl - 1] == ' ')
        nl--;
    const char *nm = arg;
    while (*nm == ' ' && nl)
        nm++, nl--;
    if (!nl || nl >= nsize)
        return -1;
    memcpy(name, nm, nl);
    name[nl] = '\0';
    if (!eq)
        return 0;
    const char *t = eq + 1;
    while (*t == ' ')
        t++;
    const char *dash = strchr(t, '-');
    if (!dash)
        return -1;
    size_t fl = (size_t)(dash - t), ul = strlen(dash + 1);
    while (ul && dash[ul] == ' ')
        ul--;
    if (!valid_time(t, fl) || !valid_time(dash + 1, ul))
        return -1;
    memcpy(from, t, fl);
    from[fl] = '\0';
    memcpy(until, dash + 1, ul);
    until[ul] = '\0';
    return 0;
}

/* ---- The file ---------------------------------------------------------------------------------
 */

typedef struct {
    char *s;
    size_t len, cap;
    int oom;
} text;

static void put(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || t->oom)
        return;
    if (FL_GROW(t->s, t->cap, t->len + (size_t)n + 1)) {
        t->oom = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
    va_end(ap);
    t->len += (size_t)n;
}

/* Text with & < > " escaped, for element content and attribute values. */
static void put_escaped(text *t, const char *s)
{
    for (; *s; s++) {
        if (*s == '&')
            put(t, "&amp;");
        else if (*s == '<')
            put(t, "&lt;");
        else if (*s == '>')
            put(t, "&gt;");
        else if (*s == '"')
            put(t, "&quot;");
        else
            put(t, "%c", *s);
    }
}

/* The XML of the plan into t. Returns 0, or 2 with the message printed (a usage error). */
static int compose(plan *p, const char *id, const char *folder, text *t)
{
    put(t, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    put(t, "<!-- Written by `frontline workshop new`. The leader's guide: docs/workshop.md. -->\n");
    put(t, "<workshop id=\"%s\" version=\"1\" lang=\"%s\">\n", id,
        p->lang == FL_LANG_RU ? "ru" : "en");
    put(t, "  <title>");
    put_escaped(t, p->title);
    put(t, "</title>\n");
    if (p->group && *p->group) {
        put(t, "  <group>");
        put_escaped(t, p->group);
        put(t, "</group>\n");
    }
    if (p->mode || p->timed || p->extension)
        put(t, "  <rules mode=\"%s\" timed=\"%s\" extension=\"%s\"/>\n", p->mode ? p->mode : "free",
            p->timed ? p->timed : "choice", p->extension ? p->extension : "choice");
    put(t, "  <library>\n");
    for (int i = 0; i < p->n_items; i++) {
        char attr[PATH_MAX + 64], why[600];
        int kind = p->item_round[i];
        if (item_attr(p, p->item_arg[i], &kind, folder, attr, sizeof(attr), why, sizeof(why)) < 0)
            return fl_usage_error("workshop new", "%s", why);
        put(t, "    <%s%s/>\n", kind ? "round" : "scenario", attr);
    }
    put(t, "  </library>\n");
    if (p->n_sessions) {
        put(t, "  <sessions>\n");
        for (int i = 0; i < p->n_sessions; i++) {
            char name[400], from[8], until[8];
            if (split_session(p->session_arg[i], name, sizeof(name), from, until) < 0)
                return fl_usage_error("workshop new", U(FL_W_CMD_WS_SESSION_FORM),
                                      p->session_arg[i]);
            put(t, "    <session name=\"");
            put_escaped(t, name);
            put(t, "\"");
            if (from[0])
                put(t, " from=\"%s\" until=\"%s\"", from, until);
            put(t, "/>\n");
        }
        put(t, "  </sessions>\n");
    }
    put(t, "</workshop>\n");
    return 0;
}

/* The file as the core reads it: every problem of the plan itself (a name too long, a bad
 * time, sessions that overlap) is said before anything is written. Returns 0 or 2. */
static int precheck(const text *t)
{
    fl_diags d;
    fl_workshop *w = NULL;
    fl_diags_init(&d, NULL);
    int rc = fl_workshop_load_memory(&w, t->s, t->len, NULL, &d);
    for (size_t i = 0; i < d.count; i++)
        fprintf(stderr, "frontline workshop new: %s\n", d.items[i].message);
    fl_workshop_free(w);
    int status = rc == 0 && d.errors == 0 ? 0 : 2;
    if (status && !d.count) {
        fprintf(stderr, U(FL_W_CMD_OOM), "workshop new");
        fputc('\n', stderr);
    }
    fl_diags_clear(&d);
    return status;
}

/* Lints the file written, printing what lint prints. Returns the number of errors (-1: out of
 * memory). */
static int lint_written(const plan *p, const char *path)
{
    fl_diags d;
    fl_workshop *w = NULL;
    fl_workshop_files files = {0};
    fl_diags_init(&d, path);
    int rc = fl_workshop_load_file(&w, path, &d);
    if (rc == 0)
        rc = fl_workshop_resolve(&files, w, p->data_dir, 1, &d);
    fl_diags_sort(&d);
    char line[2048];
    for (size_t i = 0; i < d.count; i++) {
        fl_diag_format(line, sizeof(line), path, &d.items[i]);
        printf("%s\n", line);
    }
    int errors = rc == -2 || d.oom ? -1 : (int)d.errors;
    fl_workshop_files_free(&files);
    fl_workshop_free(w);
    fl_diags_clear(&d);
    return errors;
}

/* ---- The questions ------------------------------------------------------------------------------
 */

/* One answer from standard input: a whole line of any length (never the rest of a long line
 * taken as the next answer), converted from the terminal's encoding to UTF-8 (play.h), without
 * its newline and the spaces around it, into ans->text. An answer holding bytes that are not
 * text in the terminal's encoding is asked again (a name is refused, never repaired).
 * 0, or -1 at the end of input (or out of memory). */
static int ask(const plan *p, const char *prompt, fl_play_buffer *ans)
{
    for (;;) {
        fputs(prompt, stdout);
        fflush(stdout);
        char *raw = NULL;
        size_t cap = 0;
        ssize_t n = getline(&raw, &cap, stdin);
        if (n < 0) {
            free(raw);
            return -1;
        }
        while (n && (raw[n - 1] == '\n' || raw[n - 1] == '\r' || raw[n - 1] == ' '))
            n--;
        int replaced = fl_play_input_text(raw, (size_t)n, ans);
        free(raw);
        if (replaced < 0)
            return -1;
        if (replaced > 0) {
            const char *bad = strstr(ans->text, "\xEF\xBF\xBD");
            size_t at = bad ? (size_t)(bad - ans->text) : 0;
            printf(W(p, FL_W_P2_WS_ANSWER_BAD), fl_utf8_length(ans->text, at) + 1);
            putchar('\n');
            continue;
        }
        size_t lead = strspn(ans->text, " \t");
        memmove(ans->text, ans->text + lead, ans->len - lead + 1);
        ans->len -= lead;
        return 0;
    }
}

static const char *lang_code(const plan *p)
{
    return p->lang == FL_LANG_RU ? "ru" : "en";
}

/* The scenarios and rounds of the leader's language, numbered from 1; map[k-1] is the index of
 * number k in p->bundled. Returns how many. */
static int list_bundled(const plan *p, uint32_t *map)
{
    printf("\n%s\n", W(p, FL_W_WS_LIBRARY_HEAD));
    int n = 0;
    for (uint32_t i = 0; i < p->bundled.n; i++) {
        const fl_bundled_item *b = &p->bundled.items[i];
        if (strcmp(b->lang, lang_code(p)) != 0)
            continue;
        map[n++] = i;
        printf("  %2d. %s (%s)%s%s\n", n, b->title, b->id, b->is_round ? " - " : "",
               b->is_round ? W(p, FL_W_WS_ROUND_MARK) : "");
    }
    putchar('\n');
    return n;
}

/* "1 3 5" (numbers of the list), ids and paths, separated by spaces or commas. Returns 0 with
 * the items added, or -1 with the bad word said. */
static int take_items(plan *p, char *answer, const uint32_t *map, int listed)
{
    int before = p->n_items;
    for (char *w = strtok(answer, " ,;\t"); w; w = strtok(NULL, " ,;\t")) {
        char *end;
        long k = strtol(w, &end, 10);
        const char *arg = w;
        int kind = -1;
        if (!*end && k >= 1 && k <= listed) {
            const fl_bundled_item *b = &p->bundled.items[map[k - 1]];
            arg = b->id;
            kind = b->is_round;
        } else {
            char attr[PATH_MAX + 64], why[600];
            char *folder = out_folder(p->out);
            int ok = item_attr(p, w, &kind, folder, attr, sizeof(attr), why, sizeof(why)) == 0;
            free(folder);
            if (!ok) {
                printf(W(p, FL_W_WS_BAD_ITEM), w);
                putchar('\n');
                p->n_items = before;
                return -1;
            }
        }
        if (p->n_items < MAX_ITEMS) {
            p->item_arg[p->n_items] = keep(p, arg);
            p->item_round[p->n_items++] = kind;
        }
    }
    return 0;
}

/* Asks for what is missing, each answer read into ans. Returns 0, or 2 when the answers ran
 * out. */
static int ask_all(plan *p, int ask_title, int ask_items, int ask_rest, fl_play_buffer *ans)
{
    printf("%s\n\n", W(p, FL_W_WS_INTRO));
    while (ask_title) {
        if (ask(p, W(p, FL_W_WS_ASK_TITLE), ans) < 0)
            return fl_usage_error("workshop new", "%s", U(FL_W_CMD_WS_NO_TITLE));
        if (ans->text[0]) {
            p->title = keep(p, ans->text);
            break;
        }
        printf("%s\n", W(p, FL_W_WS_REQUIRED));
    }
    while (ask_rest && !p->group) {
        if (ask(p, W(p, FL_W_WS_ASK_GROUP), ans) < 0)
            return fl_usage_error("workshop new", "%s", U(FL_W_CMD_WS_NO_GROUP));
        size_t chars = fl_utf8_length(ans->text, ans->len);
        if (chars > FL_PLAY_NAME_MAX) { /* the sign-in's limit, which the schema keeps too */
            printf(W(p, FL_W_P2_WS_ANSWER_LONG), chars, (size_t)FL_PLAY_NAME_MAX);
            putchar('\n');
            continue;
        }
        if (ans->text[0])
            p->group = keep(p, ans->text);
        break;
    }
    if (ask_items) {
        uint32_t *map = calloc(p->bundled.n + 1, sizeof(*map));
        if (!map)
            return fl_usage_error("workshop new", "%s", U(FL_W_CMD_WS_OOM));
        int listed = list_bundled(p, map);
        for (;;) {
            if (ask(p, W(p, FL_W_WS_ASK_ITEMS), ans) < 0) {
                free(map);
                return fl_usage_error("workshop new", "%s", U(FL_W_CMD_WS_NO_ITEMS));
            }
            if (!ans->text[0]) {
                printf("%s\n", W(p, FL_W_WS_REQUIRED));
                continue;
            }
            if (take_items(p, ans->text, map, listed) == 0 && p->n_items)
                break;
        }
        free(map);
    }
    while (ask_rest && !p->mode) {
        static const char *const modes[] = {"free", "practice", "assessment"};
        if (ask(p, W(p, FL_W_WS_ASK_MODE), ans) < 0)
            return fl_usage_error("workshop new", "%s", U(FL_W_CMD_WS_NO_MODE));
        if (!ans->text[0] || (ans->text[0] >= '1' && ans->text[0] <= '3' && !ans->text[1])) {
            int k = ans->text[0] ? ans->text[0] - '1' : 0;
            if (k) /* "free" is the default: the file says nothing of it */
                p->mode = modes[k];
            break;
        }
        printf("%s\n", W(p, FL_W_WS_BAD_MODE));
    }
    while (ask_rest && !p->n_sessions) {
        char prompt[600];
        snprintf(prompt, sizeof(prompt), W(p, FL_W_WS_ASK_SESSIONS),
                 W(p, FL_W_WS_DEFAULT_SESSIONS));
        if (ask(p, prompt, ans) < 0)
            return fl_usage_error("workshop new", "%s", U(FL_W_CMD_WS_NO_SESSIONS));
        if (!strcmp(ans->text, "-"))
            break;
        const char *answer = ans->text[0] ? ans->text : W(p, FL_W_WS_DEFAULT_SESSIONS);
        char *copy = strdup(answer);
        if (!copy)
            return fl_usage_error("workshop new", "%s", U(FL_W_CMD_WS_OOM));
        int bad = 0;
        for (char *s = strtok(copy, ","); s && !bad; s = strtok(NULL, ",")) {
            char name[400], from[8], until[8];
            while (*s == ' ')
                s++;
            if (!*s)
                continue;
            if (split_session(s, name, sizeof(name), from, until) < 0 ||
                p->n_sessions >= MAX_SESSIONS) {
                printf(W(p, FL_W_WS_BAD_SESSION), s);
                putchar('\n');
                bad = 1;
            } else {
                p->session_arg[p->n_sessions++] = keep(p, s);
            }
        }
        free(copy);
        if (!bad) {
            /* the sessions together, as the loader will judge them (overlaps, a bad hour) */
            text t = {0};
            put(&t, "<workshop id=\"x\" version=\"1\"><title>x</title><library><scenario "
                    "path=\"x\"/></library><sessions>");
            for (int i = 0; i < p->n_sessions; i++) {
                char name[400], from[8], until[8];
                split_session(p->session_arg[i], name, sizeof(name), from, until);
                put(&t, "<session name=\"");
                put_escaped(&t, name);
                put(&t, from[0] ? "\" from=\"%s\" until=\"%s\"/>" : "\"/>", from, until);
            }
            put(&t, "</sessions></workshop>");
            fl_diags d;
            fl_workshop *w = NULL;
            fl_diags_init(&d, NULL);
            if (!t.oom && fl_workshop_load_memory(&w, t.s, t.len, NULL, &d) != 0 && d.count) {
                printf(W(p, FL_W_WS_BAD_SESSIONS), d.items[0].message);
                putchar('\n');
                bad = 1;
            }
            fl_workshop_free(w);
            fl_diags_clear(&d);
            free(t.s);
        }
        if (!bad)
            break;
        p->n_sessions = 0;
    }
    putchar('\n');
    return 0;
}

static int interview(plan *p, int ask_title, int ask_items, int ask_rest)
{
    fl_play_buffer ans = {0};
    int rc = ask_all(p, ask_title, ask_items, ask_rest, &ans);
    free(ans.text);
    return rc;
}

/* ---- The command ------------------------------------------------------------------------------
 */

/* Where value v (a pointer parsing kept: argv[i] itself, or what follows '=' in it) was given
 * on the command line: its index in argv, so that --scenario and --round, two lists, keep the
 * order they were typed in together. */
static int given_at(int argc, char **argv, const char *v)
{
    for (int i = 1; i < argc; i++) {
        const char *eq = strchr(argv[i], '=');
        if (v == argv[i] || (eq && v == eq + 1))
            return i;
    }
    return argc;
}

static const char *const modes[] = {"free", "practice", "assessment"};
static const char *const timeds[] = {"choice", "yes", "no"};
static const char *const exts[] = {"choice", "x1", "x1.5", "x2"};

/* What the options give besides the plan's strings: indexes into the arrays above (-1: not
 * given) and the lists of repeated options. */
typedef struct {
    fl_opt_list scenarios, rounds, sessions;
    int mode, timed, ext, lang;
} new_args;

#define NEW_OPTIONS 12

/* The option table of `workshop new` in opts (NEW_OPTIONS entries), its values going to p and
 * v, and the spec that parses it and prints its --help. */
static fl_command_spec new_spec(fl_option *opts, plan *p, new_args *v)
{
    const fl_option table[NEW_OPTIONS] = {
        FL_OPTION_STRING("-o", FL_W_OPT_V_FILE, FL_W_OPTM_WORKSHOP_NEW_O, &p->out),
        FL_OPTION_STRING("--title", FL_W_OPTM_V_T, FL_W_OPTM_WORKSHOP_NEW_TITLE, &p->title),
        FL_OPTION_STRING("--group", FL_W_OPTM_V_G, FL_W_OPTM_WORKSHOP_NEW_GROUP, &p->group),
        FL_OPTION_LIST("--scenario", FL_W_OPTM_V_X, FL_W_OPTM_WORKSHOP_NEW_SCENARIO, &v->scenarios),
        FL_OPTION_LIST("--round", FL_W_OPTM_V_X, FL_W_OPTM_WORKSHOP_NEW_ROUND, &v->rounds),
        FL_OPTION_CHOICE("--mode", FL_W_OPTM_V_M, FL_W_OPTM_WORKSHOP_NEW_MODE, &v->mode,
                         "free|practice|assessment"), /* modes, in order */
        FL_OPTION_CHOICE("--timed", FL_W_OPTM_V_T, FL_W_OPTM_WORKSHOP_NEW_TIMED, &v->timed,
                         "choice|yes|no"), /* timeds */
        FL_OPTION_CHOICE("--extension", FL_W_OPTM_V_E, FL_W_OPTM_WORKSHOP_NEW_EXTENSION, &v->ext,
                         "choice|x1|x1.5|x2"), /* exts */
        FL_OPTION_LIST("--session", FL_W_OPTM_V_S, FL_W_OPTM_WORKSHOP_NEW_SESSION, &v->sessions),
        FL_OPTION_CHOICE("--lang", FL_W_OPT_RPT_MV_LANG, FL_W_OPTM_WORKSHOP_NEW_LANG, &v->lang,
                         "en|ru"),
        FL_OPTION_FLAG("--force", FL_W_OPTM_WORKSHOP_NEW_FORCE, &p->force),
        FL_OPTION_END,
    };
    memcpy(opts, table, sizeof(table));
    *v = (new_args){.mode = -1, .timed = -1, .ext = -1, .lang = -1};
    return (fl_command_spec){.cmd = "workshop new",
                             .opts = opts,
                             .usage = FL_W_OPTM_WORKSHOP_NEW_USAGE,
                             .more = FL_W_OPTM_WORKSHOP_NEW_MORE,
                             .column = 19,
                             .max_operands = 0};
}

/* Parses the options into p. Returns 0, 1 after --help, or 2. */
static int parse(plan *p, int argc, char **argv, const char **lang)
{
    fl_option opts[NEW_OPTIONS];
    new_args v;
    const fl_command_spec spec = new_spec(opts, p, &v);
    int n_operands = 0, rc = fl_opts_parse(&spec, argc, argv, NULL, &n_operands);
    /* what the table cannot check: a value left empty, the counts, names the file will carry
     * (valid UTF-8; a group code has the sign-in's 80 characters at most, the schema's
     * NameType) */
    const char *named[] = {p->out, p->title, p->group};
    static const char *const named_opt[] = {"-o", "--title", "--group"};
    for (int k = 0; !rc && k < 3; k++)
        if (named[k] && !named[k][0])
            rc = fl_usage_error("workshop new", U(FL_W_CMD_NEEDS_VALUE), named_opt[k]);
    const fl_opt_list *lists[] = {&v.scenarios, &v.rounds, &v.sessions};
    static const char *const list_opt[] = {"--scenario", "--round", "--session"};
    for (int k = 0; !rc && k < 3; k++)
        for (size_t j = 0; !rc && j < lists[k]->n; j++)
            if (!lists[k]->items[j][0])
                rc = fl_usage_error("workshop new", U(FL_W_CMD_NEEDS_VALUE), list_opt[k]);
    if (!rc && v.scenarios.n + v.rounds.n > MAX_ITEMS)
        rc = fl_usage_error("workshop new", U(FL_W_CMD_WS_MAX_ITEMS), MAX_ITEMS);
    if (!rc && v.sessions.n > MAX_SESSIONS)
        rc = fl_usage_error("workshop new", U(FL_W_CMD_WS_MAX_SESSIONS), MAX_SESSIONS);
    if (!rc && p->title && fl_play_check_name("workshop new", "--title", p->title, 0) != 0)
        rc = 2;
    if (!rc && p->group &&
        fl_play_check_name("workshop new", "--group", p->group, FL_PLAY_NAME_MAX) != 0)
        rc = 2;
    for (size_t j = 0; !rc && j < v.sessions.n; j++)
        if (fl_play_check_name("workshop new", "--session", v.sessions.items[j], 0) != 0)
            rc = 2;
    if (!rc) {
        /* the scenarios and rounds in the order typed, merged by where each was given */
        size_t si = 0, ri = 0;
        while (si < v.scenarios.n || ri < v.rounds.n) {
            int round = si == v.scenarios.n ||
                        (ri < v.rounds.n && given_at(argc, argv, v.rounds.items[ri]) <
                                                given_at(argc, argv, v.scenarios.items[si]));
            p->item_round[p->n_items] = round;
            p->item_arg[p->n_items++] = round ? v.rounds.items[ri++] : v.scenarios.items[si++];
        }
        for (size_t j = 0; j < v.sessions.n; j++)
            p->session_arg[p->n_sessions++] = v.sessions.items[j];
        p->mode = v.mode >= 0 ? modes[v.mode] : NULL;
        p->timed = v.timed >= 0 ? timeds[v.timed] : NULL;
        p->extension = v.ext >= 0 ? exts[v.ext] : NULL;
        if (v.lang >= 0)
            *lang = v.lang ? "ru" : "en";
    }
    fl_opts_free(&spec);
    return rc;
}

/* Writes t to path: a new file, or (force) in place of the old one through a temporary file, so
 * a failure never leaves half a file. Returns 0, or 1 with the message printed. */
static int write_file(const plan *p, const char *path, const text *t)
{
    char tmp[PATH_MAX + 16];
    snprintf(tmp, sizeof(tmp), "%s.tmp%ld", path, (long)getpid());
    FILE *f = fopen(p->force ? tmp : path, p->force ? "w" : "wx");
    if (!f) {
        if (errno == EEXIST)
            fprintf(stderr, W(p, FL_W_WS_EXISTS), path);
        else
            fprintf(stderr, W(p, FL_W_WS_CANNOT_WRITE), path, strerror(errno));
        fputc('\n', stderr);
        return 1;
    }
    int ok = fwrite(t->s, 1, t->len, f) == t->len;
    ok = fclose(f) == 0 && ok;
    if (ok && p->force && rename(tmp, path) != 0)
        ok = 0;
    if (!ok) {
        fprintf(stderr, W(p, FL_W_WS_CANNOT_WRITE), path, strerror(errno));
        fputc('\n', stderr);
        remove(p->force ? tmp : path);
        return 1;
    }
    return 0;
}

static int workshop_new(int argc, char **argv)
{
    plan p = {0};
    fl_play_locale_init(); /* the terminal's encoding, for the answers typed */
    const char *lang = NULL;
    int rc = parse(&p, argc, argv, &lang);
    if (rc)
        return rc == 1 ? 0 : rc;
    p.lang = lang ? fl_word_lang(lang) : fl_user_lang();
    const char *env = getenv("FRONTLINE_DATA");
    p.data_dir = env && *env ? env : FL_DATA_DIR;
    if (fl_content_bundled(&p.bundled, p.data_dir) < 0) {
        fprintf(stderr, U(FL_W_CMD_OOM), "workshop new");
        fputc('\n', stderr);
        return 1;
    }
    text t = {0};
    char *folder = NULL, id[80], out[PATH_MAX];
    int missing_title = !p.title || !*p.title, missing_items = p.n_items == 0;
    if (missing_title || missing_items) {
        if (!isatty(STDIN_FILENO)) {
            rc = fl_usage_error("workshop new", "%s",
                                U(missing_title ? FL_W_CMD_WS_NEED_TITLE : FL_W_CMD_WS_NEED_ITEMS));
            goto out;
        }
        if (p.out && !p.force && access(p.out, F_OK) == 0) {
            /* said before the questions, not after them */
            fprintf(stderr, W(&p, FL_W_WS_EXISTS), p.out);
            fputc('\n', stderr);
            rc = 1;
            goto out;
        }
        if (!p.out)
            p.out = "."; /* paths typed at the prompt are judged from here until named */
        const char *chosen_out = p.out;
        if ((rc = interview(&p, missing_title, missing_items, 1)) != 0)
            goto out;
        p.out = strcmp(chosen_out, ".") == 0 ? NULL : chosen_out;
    }
    slug(p.group && *p.group ? p.group : p.title, id, sizeof(id));
    if (!id[0]) {
        time_t now = time(NULL);
        struct tm tm;
        localtime_r(&now, &tm);
        snprintf(id, sizeof(id), "workshop-%04d%02d%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                 tm.tm_mday);
    }
    if (!p.out) {
        snprintf(out, sizeof(out), "%s.workshop.xml", id);
        p.out = out;
    }
    if (!(folder = out_folder(p.out))) {
        fprintf(stderr, W(&p, FL_W_WS_CANNOT_WRITE), p.out, strerror(errno));
        fputc('\n', stderr);
        rc = 1;
        goto out;
    }
    if ((rc = compose(&p, id, folder, &t)) != 0)
        goto out;
    if (t.oom) {
        fprintf(stderr, U(FL_W_CMD_OOM), "workshop new");
        fputc('\n', stderr);
        rc = 1;
        goto out;
    }
    if ((rc = precheck(&t)) != 0 || (rc = write_file(&p, p.out, &t)) != 0)
        goto out;
    printf(W(&p, FL_W_WS_WROTE), p.out);
    putchar('\n');
    int errors = lint_written(&p, p.out);
    if (errors) {
        printf(W(&p, FL_W_WS_CHECKED_BAD), p.out);
        putchar('\n');
        rc = 1;
        goto out;
    }
    printf("%s\n", W(&p, FL_W_WS_CHECKED_OK));
    printf(W(&p, FL_W_WS_NEXT), p.out);
    putchar('\n');
out:
    free(folder);
    free(t.s);
    for (int i = 0; i < p.n_owned; i++)
        free(p.owned[i]);
    fl_bundled_free(&p.bundled);
    return rc;
}

int fl_cmd_workshop(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        /* one subcommand: its help is the command's (on stderr, status 2, when none is named) */
        fl_option opts[NEW_OPTIONS];
        plan p = {0};
        new_args v;
        const fl_command_spec spec = new_spec(opts, &p, &v);
        fl_opts_help(argc < 2 ? stderr : stdout, &spec);
        return argc < 2 ? 2 : 0;
    }
    if (!strcmp(argv[1], "new"))
        return workshop_new(argc - 1, argv + 1);
    return fl_usage_error("workshop", U(FL_W_CMD_WS_NOT_COMMAND), argv[1]);
}
