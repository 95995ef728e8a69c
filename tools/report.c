/*
 * report.c - `frontline report`: the sessions and stress rounds of one or several results
 * stores, filtered, merged and exported as CSV (with --rounds, one row per round), JSON, xAPI
 * statements or an HTML report.
 *
 * The stores are opened read-only (a report never changes a results file). Sessions come in
 * start-time order across all stores, each once (store.c deduplicates by session id), and go
 * to the chosen format (report.h); the rounds, few, are read first and each is handed over just
 * before the first session that started at or after it. Output to a file is written beside it under
 * a temporary name and renamed at the end, so a failed export never leaves half a file, and an
 * existing file is replaced only with --force.
 */
#include <errno.h>
#include <sys/stat.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "catalogue.h"
#include "commands.h"
#include "format.h"
#include "report.h"
#include "store.h"

/* The command's words (help, usage, errors) in the user's language (commands.h); the report
 * itself speaks --lang, by default the same language. */
static const char *U(fl_word_id id)
{
    return fl_word(id, fl_user_lang());
}

/* "frontline report: " and the message: the catalogue's format `id` with its arguments. */
static void complain(int id, ...)
{
    va_list ap;
    fputs("frontline report: ", stderr);
    va_start(ap, id);
    vfprintf(stderr, U((fl_word_id)id), ap);
    va_end(ap);
    fputc('\n', stderr);
}

/* Parses a local date or date-time; end_of_day moves a date alone to the next midnight.
 * Returns 0 or -1. */
static int parse_date(const char *s, int end_of_day, int64_t *ms)
{
    struct tm tm = {0};
    int y, mo, d, h = 0, mi = 0, n = 0;
    int fields = sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n);
    if (fields != 3 || n != 10)
        return -1;
    int date_only = s[10] == '\0';
    if (!date_only) {
        int n2 = 0;
        if ((s[10] != 'T' && s[10] != ' ') || sscanf(s + 11, "%2d:%2d%n", &h, &mi, &n2) != 2 ||
            s[11 + n2] != '\0' || n2 != 5)
            return -1;
    }
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59)
        return -1;
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_isdst = -1;
    /* mktime normalises 2026-02-30 to March: refuse a date it had to change */
    if (mktime(&tm) == (time_t)-1 || tm.tm_mday != d || tm.tm_mon != mo - 1)
        return -1;
    if (end_of_day) {
        /* --until includes the day named (or the minute) */
        tm.tm_mday = d + date_only;
        tm.tm_hour = h;
        tm.tm_min = mi + !date_only;
        tm.tm_sec = 0;
        tm.tm_isdst = -1;
    }
    time_t t = mktime(&tm);
    if (t == (time_t)-1)
        return -1;
    *ms = (int64_t)t * 1000;
    return 0;
}

typedef struct {
    const fl_report_format *fmt;
    void *ctx;
    int64_t total, done;
    int progress;
    int last_shown; /* permille */
    FILE *out;
    fl_round_record *rounds; /* in start order */
    size_t n_rounds, next_round;
} run;

/* Hands the format the rounds not given yet that started at or before until_ms. */
static int rounds_until(run *r, int64_t until_ms)
{
    while (r->next_round < r->n_rounds && r->rounds[r->next_round].started_ms <= until_ms)
        if (r->fmt->round(r->ctx, &r->rounds[r->next_round++]) < 0)
            return -1;
    return 0;
}

static void show_progress(run *r, int final)
{
    int permille = r->total ? (int)(r->done * 1000 / r->total) : 1000;
    if (!final && permille < r->last_shown + 5)
        return;
    r->last_shown = permille;
    char bar[31];
    int filled = permille * 30 / 1000;
    for (int i = 0; i < 30; i++)
        bar[i] = i < filled ? '#' : '.';
    bar[30] = '\0';
    char form[64];
    fprintf(
        stderr, "\rfrontline report: [%s] %3d%% %lld/%lld %s%s", bar, permille / 10,
        (long long)r->done, (long long)r->total,
        fl_plural(form, sizeof(form), fl_user_lang(), (long long)r->total, U(FL_W_CMD_PL_SESSIONS)),
        final ? "\n" : "");
    fflush(stderr);
}

static int each_session(void *ctx, const fl_record *rec)
{
    run *r = ctx;
    if (rounds_until(r, rec->started_ms) < 0 || r->fmt->session(r->ctx, rec) < 0)
        return -1;
    r->done++;
    if (r->progress && (r->done & 255) == 0)
        show_progress(r, 0);
    if ((r->done & 4095) == 0 && ferror(r->out))
        return -1;
    return 0;
}

/* Whether item is one of the ", "-separated names of list. */
static int listed(const char *list, const char *item)
{
    size_t len = strlen(item);
    for (const char *p = list; *p;) {
        const char *end = strstr(p, ", ");
        size_t l = end ? (size_t)(end - p) : strlen(p);
        if (l == len && memcmp(p, item, len) == 0)
            return 1;
        if (!end)
            break;
        p = end + 2;
    }
    return 0;
}

static int check_value(fl_store **stores, size_t n, char what, const char *value,
                       const char *option)
{
    for (size_t i = 0; i < n; i++)
        if (fl_store_has_value(stores[i], what, value))
            return 0;
    /* the distinct names over every store: a group on two laptops is one group */
    char names[512] = "", one[512];
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        if (!fl_store_values(stores[i], what, one, sizeof(one)))
            continue;
        for (char *item = one, *next; item; item = next) {
            next = strstr(item, ", ");
            if (next) {
                *next = '\0';
                next += 2;
            }
            if (!*item || listed(names, item))
                continue;
            count++;
            if (strlen(names) + strlen(item) + 3 < sizeof(names))
                snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s%s",
                         names[0] ? ", " : "", item);
        }
    }
    /* the kind in two cases: "no group at all" (NONE_*), "no such group" (SUCH_*) */
    static const struct {
        char what;
        fl_word_id none, such;
    } kinds[] = {
        {'g', FL_W_CMD_RPT_NONE_GROUP, FL_W_CMD_RPT_SUCH_GROUP},
        {'t', FL_W_CMD_RPT_NONE_TRAINEE, FL_W_CMD_RPT_SUCH_TRAINEE},
        {'r', FL_W_CMD_RPT_NONE_ROUND, FL_W_CMD_RPT_SUCH_ROUND},
        {'w', FL_W_CMD_RPT_NONE_WORKSHOP, FL_W_CMD_RPT_SUCH_WORKSHOP},
        {'d', FL_W_CMD_RPT_NONE_DAY, FL_W_CMD_RPT_SUCH_DAY},
        {0, FL_W_CMD_RPT_NONE_SCENARIO, FL_W_CMD_RPT_SUCH_SCENARIO},
    };
    size_t k = 0;
    while (kinds[k].what && kinds[k].what != what)
        k++;
    if (!count)
        return fl_usage_error("report",
                              U(n > 1 ? FL_W_CMD_RPT_STORES_HAVE_NO : FL_W_CMD_RPT_STORE_HAS_NO),
                              option, value, U(kinds[k].none));
    return fl_usage_error("report",
                          U(count > 1 ? FL_W_CMD_RPT_NO_SUCH_ARE : FL_W_CMD_RPT_NO_SUCH_IS), option,
                          value, U(kinds[k].such), names);
}

int fl_cmd_report(int argc, char **argv)
{
    const char **dbs = calloc((size_t)argc + 1, sizeof(*dbs));
    size_t n_dbs = 0;
    const char *format = "csv", *output = NULL, *lang = NULL;
    const char *since = NULL, *until = NULL;
    fl_store_filter filter = {0};
    fl_report_opts opts = {
        .sep = ',',
        .account_home = "https://frontline.invalid/trainees",
        .activity_base = "https://frontline.invalid/",
    };
    int force = 0, progress = -1, rounds_only = 0;
    /* the CSV's form: --plain, --excel-ru, or (-1) the language's default */
    int plain = 0, excel = 0, sep_given = 0;
    const char *compare = NULL;
    if (!dbs) {
        fprintf(stderr, "frontline report: out of memory\n");
        return 1;
    }
    int status = 0;
    for (int i = 1; i < argc && !status; i++) {
        const char *a = argv[i];
        /* options with a value: --opt VALUE or --opt=VALUE */
        static const char *const valued[] = {
            "--db",
            "--format",
            "-o",
            "--output",
            "--group",
            "--trainee",
            "--scenario",
            "--since",
            "--until",
            "--lang",
            "--sep",
            "--account-home",
            "--activity-base",
            "--lrs",
            "--lrs-auth",
            "--title",
            "--round",
            "--workshop",
            "--session",
            "--compare",
        };
        const char *val = NULL;
        const char *name = a;
        char opt[32];
        for (size_t k = 0; k < sizeof(valued) / sizeof(valued[0]); k++) {
            size_t len = strlen(valued[k]);
            if (!strcmp(a, valued[k])) {
                if (i + 1 >= argc)
                    status = fl_usage_error("report", U(FL_W_CMD_NEEDS_VALUE), a);
                else
                    val = argv[++i];
            } else if (!strncmp(a, valued[k], len) && a[len] == '=') {
                val = a + len + 1;
                snprintf(opt, sizeof(opt), "%s", valued[k]);
                name = opt;
            }
            if (val || status)
                break;
        }
        if (status)
            break;
        if (val && !*val) {
            status = fl_usage_error("report", U(FL_W_CMD_NEEDS_VALUE), name);
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(U(FL_W_CMD_REPORT_HELP), stdout);
            free(dbs);
            return 0;
        } else if (!val && !strcmp(a, "--force")) {
            force = 1;
        } else if (!val && !strcmp(a, "--finished")) {
            filter.finished_only = 1;
        } else if (!val && !strcmp(a, "--rounds")) {
            rounds_only = 1;
        } else if (!val && !strcmp(a, "--bom")) {
            opts.bom = 1;
        } else if (!val && !strcmp(a, "--excel-ru")) {
            excel = 1;
        } else if (!val && !strcmp(a, "--plain")) {
            plain = 1;
        } else if (!val && !strcmp(a, "--progress")) {
            progress = 1;
        } else if (!val && !strcmp(a, "--no-progress")) {
            progress = 0;
        } else if (!val) {
            status = fl_usage_error(
                "report", U(a[0] == '-' ? FL_W_CMD_UNKNOWN_OPTION : FL_W_CMD_RPT_UNEXPECTED), a);
        } else if (!strcmp(name, "--db")) {
            dbs[n_dbs++] = val;
        } else if (!strcmp(name, "--format")) {
            format = val;
        } else if (!strcmp(name, "-o") || !strcmp(name, "--output")) {
            output = val;
        } else if (!strcmp(name, "--group")) {
            filter.group = val;
        } else if (!strcmp(name, "--trainee")) {
            filter.trainee = val;
        } else if (!strcmp(name, "--scenario")) {
            filter.scenario = val;
        } else if (!strcmp(name, "--round")) {
            filter.round = val;
        } else if (!strcmp(name, "--workshop")) {
            filter.workshop = val;
        } else if (!strcmp(name, "--session")) {
            filter.day_session = val;
        } else if (!strcmp(name, "--compare")) {
            compare = val;
        } else if (!strcmp(name, "--since")) {
            since = val;
        } else if (!strcmp(name, "--until")) {
            until = val;
        } else if (!strcmp(name, "--lang")) {
            lang = val;
        } else if (!strcmp(name, "--sep")) {
            if (strcmp(val, ",") != 0 && strcmp(val, ";") != 0)
                status = fl_usage_error("report", U(FL_W_CMD_RPT_SEP), val);
            opts.sep = val[0];
            sep_given = 1;
        } else if (!strcmp(name, "--account-home")) {
            opts.account_home = val;
        } else if (!strcmp(name, "--activity-base")) {
            opts.activity_base = val;
        } else if (!strcmp(name, "--lrs")) {
            opts.lrs_url = val;
        } else if (!strcmp(name, "--lrs-auth")) {
            opts.lrs_auth = val;
        } else if (!strcmp(name, "--title")) {
            opts.title = val;
        }
    }
    const fl_report_format *fmt = NULL;
    const fl_report_format *const formats[] = {&fl_report_csv, &fl_report_json, &fl_report_xapi,
                                               &fl_report_html, &fl_report_pdf};
    for (size_t k = 0; k < sizeof(formats) / sizeof(formats[0]); k++)
        if (!strcmp(format, formats[k]->name))
            fmt = formats[k];
    if (!status && !fmt)
        status = fl_usage_error("report", U(FL_W_CMD_RPT_FORMAT), format);
    if (!status && fmt == &fl_report_pdf && (!output || !strcmp(output, "-")))
        status = fl_usage_error("report", "%s", U(FL_W_CMD_RPT_PDF_OUTPUT));
    if (!status && compare) {
        if (!strcmp(compare, "session"))
            opts.compare = FL_COMPARE_SESSION;
        else if (!strcmp(compare, "db"))
            opts.compare = FL_COMPARE_SOURCE;
        else if (!strcmp(compare, "none"))
            opts.compare = FL_COMPARE_NONE;
        else
            status = fl_usage_error("report", U(FL_W_CMD_RPT_COMPARE), compare);
    }
    if (!status && compare && fmt != &fl_report_html && fmt != &fl_report_pdf)
        status = fl_usage_error("report", "%s", U(FL_W_CMD_RPT_COMPARE_FORMAT));
    if (!status && plain && (excel || opts.bom || (sep_given && opts.sep == ';')))
        status = fl_usage_error("report", U(FL_W_CMD_RPT_PLAIN),
                                excel      ? "--excel-ru"
                                : opts.bom ? "--bom"
                                           : "--sep ';'");
    if (!status && rounds_only && fmt != &fl_report_csv)
        status = fl_usage_error("report", "%s", U(FL_W_CMD_RPT_ROUNDS));
    if (!status && rounds_only)
        fmt = &fl_report_rounds_csv;
    if (!status && lang && strcmp(lang, "en") != 0 && strcmp(lang, "ru") != 0)
        status = fl_usage_error("report", U(FL_W_CMD_RPT_LANG), lang);
    if (!status && since && parse_date(since, 0, &filter.since_ms) < 0)
        status = fl_usage_error("report", U(FL_W_CMD_RPT_DATE), "--since", since);
    if (!status && until && parse_date(until, 1, &filter.until_ms) < 0)
        status = fl_usage_error("report", U(FL_W_CMD_RPT_DATE), "--until", until);
    if (!status && since && until && filter.since_ms >= filter.until_ms)
        status = fl_usage_error("report", U(FL_W_CMD_RPT_SINCE_UNTIL), since, until);
    if (!status && opts.lrs_url && fmt != &fl_report_xapi)
        status = fl_usage_error("report", "%s", U(FL_W_CMD_RPT_LRS));
    if (status) {
        free(dbs);
        return status;
    }
    if (!lang) /* the interface language: the desktop's setting, else the locale's */
        lang = fl_user_lang() == FL_LANG_RU ? "ru" : "en";
    opts.lang = lang;
    /* The CSV's form. Russian: the Excel form unless --plain (a leader double-clicks the file,
     * and Excel in a Russian locale expects ';', decimal commas, and the mark to read UTF-8);
     * English: RFC 4180 unless --excel-ru. An explicit --sep or --bom is kept. */
    if (plain) {
        opts.sep = ',';
    } else if (excel || !strcmp(lang, "ru")) {
        opts.bom = 1;
        if (!sep_given || excel)
            opts.sep = ';';
        opts.translate = 1;
    }
    opts.decimal_comma = opts.sep == ';';
    if (!opts.lrs_auth) {
        const char *env = getenv("FRONTLINE_LRS_AUTH");
        opts.lrs_auth = env && *env ? env : NULL;
    }
    char def[4096];
    if (!n_dbs) {
        if (fl_store_default_path(def, sizeof(def)) < 0) {
            free(dbs);
            return fl_usage_error("report", "%s", U(FL_W_CMD_NO_DEFAULT_DB));
        }
        dbs[n_dbs++] = def;
    }

    /* Open every source read-only. */
    fl_store **stores = calloc(n_dbs, sizeof(*stores));
    char err[1024];
    status = stores ? 0 : 1;
    for (size_t i = 0; i < n_dbs && !status; i++)
        if (fl_store_open(&stores[i], dbs[i], 1, err, sizeof(err)) != FL_STORE_OK) {
            fprintf(stderr, "frontline report: %s\n", err);
            status = 1;
        }
    if (!status && filter.group && filter.group[0])
        status = check_value(stores, n_dbs, 'g', filter.group, "--group");
    if (!status && filter.trainee)
        status = check_value(stores, n_dbs, 't', filter.trainee, "--trainee");
    if (!status && filter.scenario)
        status = check_value(stores, n_dbs, 's', filter.scenario, "--scenario");
    if (!status && filter.round)
        status = check_value(stores, n_dbs, 'r', filter.round, "--round");
    if (!status && filter.workshop)
        status = check_value(stores, n_dbs, 'w', filter.workshop, "--workshop");
    if (!status && filter.day_session)
        status = check_value(stores, n_dbs, 'd', filter.day_session, "--session");

    run r = {.fmt = fmt};
    /* The rounds are few (one per round played): all of them first, then each goes out just
     * before the first session that started at or after it. */
    if (!status && fmt->round &&
        fl_store_rounds(stores, n_dbs, &filter, &r.rounds, &r.n_rounds, err, sizeof(err)) < 0) {
        fprintf(stderr, "frontline report: %s\n", err);
        status = 1;
    }
    for (size_t i = 0; i < n_dbs && !status && fmt->session; i++) {
        int64_t c = fl_store_count(stores[i], &filter, err, sizeof(err));
        if (c < 0) {
            fprintf(stderr, "frontline report: %s\n", err);
            status = 1;
        }
        r.total += c;
        int v = c > 0 && !opts.voice ? fl_store_has_voice(stores[i], &filter, err, sizeof(err)) : 0;
        if (v < 0) {
            fprintf(stderr, "frontline report: %s\n", err);
            status = 1;
        }
        opts.voice |= v > 0;
        int w = c > 0 && !opts.workshop
                    ? fl_store_has_workshop(stores[i], &filter, err, sizeof(err))
                    : 0;
        if (w < 0) {
            fprintf(stderr, "frontline report: %s\n", err);
            status = 1;
        }
        opts.workshop |= w > 0;
    }
    /* --rounds: its rows are the rounds, so its columns follow theirs */
    for (size_t i = 0; !fmt->session && i < r.n_rounds; i++)
        opts.workshop |= r.rounds[i].workshop && r.rounds[i].workshop[0];
    opts.source_names = dbs;
    opts.n_sources = n_dbs;

    /* The output: a temporary file beside the target, renamed at the end. */
    char tmp[4200] = "";
    FILE *out = stdout;
    struct stat sb;
    int special = output && stat(output, &sb) == 0 && !S_ISREG(sb.st_mode);
    if (!status && special && S_ISDIR(sb.st_mode)) {
        complain(FL_W_CMD_RPT_FOLDER, output);
        status = 1;
    } else if (!status && special) {
        /* a device, a pipe, /dev/stdout: written straight into, never replaced */
        if (!(out = fopen(output, "wb"))) {
            complain(FL_W_CMD_RPT_CANNOT_WRITE, output, strerror(errno));
            status = 1;
        }
    } else if (!status && output && strcmp(output, "-") != 0) {
        if (!force && access(output, F_OK) == 0) {
            complain(FL_W_CMD_RPT_EXISTS, output);
            status = 1;
        } else {
            snprintf(tmp, sizeof(tmp), "%s.tmp-%ld", output, (long)getpid());
            if (!(out = fopen(tmp, "wb"))) {
                complain(FL_W_CMD_RPT_CANNOT_WRITE, output, strerror(errno));
                tmp[0] = '\0';
                status = 1;
            }
        }
    }
    if (!status) {
        opts.out = out;
        opts.out_name = output && strcmp(output, "-") != 0 ? output : "standard output";
        opts.now_ms = (int64_t)time(NULL) * 1000;
        r.out = out;
        r.progress = progress == 1 || (progress < 0 && isatty(STDERR_FILENO) && r.total >= 5000);
        if (fmt->begin(&r.ctx, &opts, r.total) < 0) {
            status = 1;
        } else {
            int rc = fmt->session ? fl_store_each_merged(stores, n_dbs, &filter, fmt->load,
                                                         each_session, &r, err, sizeof(err))
                                  : 0;
            if (rc == 0)
                rc = rounds_until(&r, INT64_MAX);
            if (rc < 0 && err[0] && !ferror(out))
                fprintf(stderr, "frontline report: %s\n", err);
            if (rc != 0)
                status = 1;
            if (fmt->end(r.ctx, status) < 0)
                status = 1;
            if (r.progress)
                show_progress(&r, 1);
        }
        if (fflush(out) != 0 || ferror(out)) {
            complain(FL_W_CMD_RPT_CANNOT_WRITE, opts.out_name, strerror(errno));
            status = 1;
        }
    }
    if (special && out && out != stdout && fclose(out) != 0 && !status) {
        complain(FL_W_CMD_RPT_CANNOT_WRITE, output, strerror(errno));
        status = 1;
    }
    if (tmp[0]) {
        if (fsync(fileno(out)) < 0 && !status) {
            complain(FL_W_CMD_RPT_CANNOT_WRITE, output, strerror(errno));
            status = 1;
        }
        if (fclose(out) != 0 && !status) {
            complain(FL_W_CMD_RPT_CANNOT_WRITE, output, strerror(errno));
            status = 1;
        }
        if (!status && rename(tmp, output) < 0) {
            complain(FL_W_CMD_RPT_CANNOT_WRITE, output, strerror(errno));
            status = 1;
        }
        if (status)
            unlink(tmp);
    }
    for (size_t i = 0; stores && i < n_dbs; i++)
        fl_store_close(stores[i]);
    free(stores);
    fl_store_rounds_free(r.rounds, r.n_rounds);
    free(dbs);
    return status;
}
