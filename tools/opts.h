/*
 * opts.h - a command's options from one table: the table parses the arguments, gives every
 * usage error its words (unknown option with "did you mean", missing value, a number that is
 * not one or out of range, a word not among the choices, an option given twice) and prints the
 * options part of --help, so what a command accepts and what its help says cannot drift apart.
 * git's parse-options is the model.
 *
 *     static const char *db;
 *     static long long limit = 50;
 *     static const fl_option opts[] = {
 *         {FL_OPT_STRING, "--db", FL_W_OPT_FILE, FL_W_CMD_X_DB_HELP, &db},
 *         {FL_OPT_LONG, "--limit", FL_W_OPT_N, FL_W_CMD_X_LIMIT_HELP, &limit, .min = 1, .max =
 * 1000}, {FL_OPT_END},
 *     };
 *
 * Numbers are read strictly: decimal digits, a '-' only where the range allows negatives, and
 * for FL_OPT_NUMBER one '.' with digits after it. No sign '+', spaces, exponents, hexadecimal,
 * "inf" or "nan": a value strtod would take but a person did not mean is refused.
 */
#ifndef FL_OPTS_H
#define FL_OPTS_H

#include <stddef.h>
#include <stdio.h>

typedef enum {
    FL_OPT_END = 0,
    FL_OPT_FLAG,    /* --name: *(int *)dest = 1 */
    FL_OPT_STRING,  /* --name VALUE: *(const char **)dest = VALUE (given twice: the last, as git) */
    FL_OPT_LIST,    /* --name VALUE, again and again: appended to *(fl_opt_list *)dest */
    FL_OPT_LONG,    /* --name N: an integer in [min, max] into *(long long *)dest */
    FL_OPT_NUMBER,  /* --name N: a decimal number in [min, max] into *(double *)dest */
    FL_OPT_CHOICE,  /* --name WORD: one of choices ("text|json"), its index into *(int *)dest */
    FL_OPT_SECTION, /* no option: --help prints its help word as it is (a heading such as
                       "Filters:\n", or a paragraph), where it stands among the options */
} fl_opt_kind;

/* The values of a repeatable option, in the order given (fl_opts_free frees the array). */
typedef struct {
    const char **items;
    size_t n, cap;
} fl_opt_list;

typedef struct {
    fl_opt_kind kind;
    const char *name; /* "--db" */
    int metavar;      /* fl_word_id of the value's name in --help ("FILE"), 0 for a flag */
    int help;         /* fl_word_id of its text in --help (lines after the first indented by
                         the spec's column), 0 for an option --help does not show */
    void *dest;
    double min, max;     /* FL_OPT_LONG, FL_OPT_NUMBER */
    const char *choices; /* FL_OPT_CHOICE: "a|b|c" */
    const char *alias;   /* another name, such as "-o" for "--output", or NULL */
} fl_option;

/* The entries of a table (metavar and help are fl_word_ids, 0 for none). */
#define FL_OPTION_FLAG(n, help_, d)                                                                \
    {                                                                                              \
        .kind = FL_OPT_FLAG, .name = (n), .help = (help_), .dest = (d)                             \
    }
#define FL_OPTION_STRING(n, mv, help_, d)                                                          \
    {                                                                                              \
        .kind = FL_OPT_STRING, .name = (n), .metavar = (mv), .help = (help_), .dest = (d)          \
    }
#define FL_OPTION_LIST(n, mv, help_, d)                                                            \
    {                                                                                              \
        .kind = FL_OPT_LIST, .name = (n), .metavar = (mv), .help = (help_), .dest = (d)            \
    }
#define FL_OPTION_LONG(n, mv, help_, d, lo, hi)                                                    \
    {                                                                                              \
        .kind = FL_OPT_LONG, .name = (n), .metavar = (mv), .help = (help_), .dest = (d),           \
        .min = (lo), .max = (hi)                                                                   \
    }
#define FL_OPTION_NUMBER(n, mv, help_, d, lo, hi)                                                  \
    {                                                                                              \
        .kind = FL_OPT_NUMBER, .name = (n), .metavar = (mv), .help = (help_), .dest = (d),         \
        .min = (lo), .max = (hi)                                                                   \
    }
#define FL_OPTION_CHOICE(n, mv, help_, d, words)                                                   \
    {                                                                                              \
        .kind = FL_OPT_CHOICE, .name = (n), .metavar = (mv), .help = (help_), .dest = (d),         \
        .choices = (words)                                                                         \
    }
#define FL_OPTION_SECTION(help_)                                                                   \
    {                                                                                              \
        .kind = FL_OPT_SECTION, .name = "", .help = (help_)                                        \
    }
#define FL_OPTION_END                                                                              \
    {                                                                                              \
        .kind = FL_OPT_END                                                                         \
    }

typedef struct {
    const char *cmd;       /* "report": messages say "frontline report: ..." */
    const fl_option *opts; /* ended by {FL_OPT_END} */
    int usage;             /* fl_word_id: the usage lines and what the command does */
    int more;              /* fl_word_id: what --help says after the options, 0 for nothing */
    int column;            /* the column the options' texts start at in --help (21 if 0) */
    int max_operands;      /* how many arguments that are not options it takes (-1: any) */
    char *err;             /* NULL: usage errors are printed (fl_usage_error) and so is --help;
                              else a usage error's message alone (no "frontline CMD: ", no pointer
                              to --help) is written here, cut to errlen bytes between characters,
                              and nothing is printed: --help returns 1 silently (for callers that
                              print in their own way, and fuzz targets) */
    size_t errlen;
} fl_command_spec;

/*
 * Parses argv[1..argc): options and their values, "--" ending the options, and the operands
 * (arguments that are not options, in order) into operands[] (room for argc entries), their
 * count in *n_operands. "--help" and "-h" print the help to stdout. Returns 0 parsed, 1 the help
 * was printed (exit 0), 2 a usage error was printed to stderr (exit 2).
 */
int fl_opts_parse(const fl_command_spec *spec, int argc, char **argv, char **operands,
                  int *n_operands);

/* Prints the whole --help: the usage word, the options (one entry per option with a help
 * word), the `more` word. */
void fl_opts_help(FILE *f, const fl_command_spec *spec);

/* Frees what parsing allocated for the spec's FL_OPT_LIST options. */
void fl_opts_free(const fl_command_spec *spec);

/* The strict readers the table uses, for other callers: 0 and *out, or -1. */
int fl_opts_read_long(const char *s, long long *out);
int fl_opts_read_number(const char *s, double *out);

#endif
