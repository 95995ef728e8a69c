/*
 * report_html.c - `frontline report --format html`: one self-contained HTML5 file a workshop
 * leader opens in any browser or prints.
 *
 * Everything is inline: the CSS, the charts (SVG), no script and no external resource, so the
 * file can be mailed or put on a USB stick; `--format pdf` prints it (report_pdf.c), and the
 * leader's guide to it is docs/report.md. Sections, in order:
 *   - the header: title, the report's date, how many sessions, finished, not attempted,
 *     critical mistakes, trainees, groups, and the period the sessions span;
 *   - the room at a glance: each trainee counted once, by their latest finished attempt at each
 *     scenario (so five attempts do not weigh five times): each dimension's and the overall
 *     score's mean, standard deviation and lowest-highest across trainees, the pass rate and NPS
 *     of those attempts, and the share of the room (trainees, not sessions) with each critical
 *     mistake and each finding, with the better phrasing;
 *   - the comparison (opts->compare): the sessions of the day (morning, afternoon) or the
 *     stores side by side, each computed as the room is, with the change from side to side
 *     (arrow, words and colour: never colour alone), and each trainee's own change;
 *   - per group and overall: finished sessions, those not attempted (stopped before any reply),
 *     passed, the pass rate, and the critical mistakes (each occurrence, and the sessions with
 *     one);
 *   - the customer NPS as the source defines it (% promoters 9-10 minus % detractors 0-6 of the
 *     simulated survey's "recommend" answer, finished sessions only), per group and overall,
 *     with a stacked bar of detractors, passives and promoters;
 *   - the distribution of overall scores of finished sessions (bins 0-9 ... 90-100, coloured
 *     by band), overall and per group when there are several, with mean and median;
 *   - the most frequent findings (see add_findings for which count) with the points they cost,
 *     the most frequent message and better alternative, critical mistakes first and marked;
 *   - the trainees: a compact table (what prints), then one closed <details> each with their
 *     dimension profile, their findings (critical mistakes first) and their progress (overall
 *     score by attempt, one line per scenario, because scenarios differ in difficulty);
 *   - each trainee's replies read aloud, when some were;
 *   - when there are stress rounds, the rounds compared: per round file, each trainee's
 *     attempts with customers lost, throughput, mean reply time, canned share, mean score,
 *     composure (or "no baseline yet") and passed, a time extension marked;
 *   - a table of the sessions, capped at the latest TABLE_CAP (the CSV and JSON exports have
 *     them all; not printed).
 * Findings and critical mistakes are named by readable labels of the catalogue, never by their
 * rule ids (kept in data-rule); numbers and percentages are written for the language.
 * "Finished" means scored here: a session not attempted has no result and never counts in a
 * mean, a pass rate, the NPS or a distribution; the sessions table says "not attempted".
 * Labels are English or Russian (opts->lang), the catalogue's words (catalogue.def); every piece
 * of data is HTML-escaped, and bytes that are not UTF-8 become U+FFFD, so the file is always
 * valid UTF-8.
 *
 * A record lives only during its session() call: what the report needs is copied into compact
 * arrays (strings interned once in an arena), and everything is written at end(), in time
 * linear in the number of sessions and findings (plus sorting the trainees and finding kinds).
 * Depends on libc (and libm), the core's arena, UTF-8, dimension names, catalogue and rule
 * table (engine.h: which critical mistakes a rule explains), and record.h.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "catalogue.h"
#include "engine.h" /* fl_rule_defs: which critical mistakes a finding's rule explains */
#include "format.h"
#include "commands.h"
#include "hmap.h"
#include "report.h"
#include "scenario.h"
#include "store.h"
#include "utf8.h"
#include "vec.h"

#define TABLE_CAP        500 /* sessions shown in the table: the latest ones */
#define TOP_FINDINGS     15  /* finding kinds listed */
#define TRAINEE_FINDINGS 6   /* finding kinds listed per trainee, besides the critical ones */
#define NONE             UINT32_MAX

/* Colours: NPS segments, bands (A..F), and the lines of the progress charts. */
#define C_DETRACTOR "#d9534f"
#define C_PASSIVE   "#b8b8b8"
#define C_PROMOTER  "#3a9d5d"
#define C_PROFILE   "#3b6fb6"
#define C_GRID      "#e3e3e3"
#define C_AXIS      "#555"
#define C_CRITICAL  "#b3261e"
static const char *const band_colour[5] = {"#2e8b57", "#7cb342", "#f2c12e", "#f08c2e", "#d9534f"};
static const char *const line_colour[8] = {"#1f77b4", "#e8710a", "#2ca02c", "#d62728",
                                           "#9467bd", "#8c564b", "#e377c2", "#17becf"};

/* ---- interned strings ---- */

/* A set of strings, each stored once in the arena and numbered densely from 0, with a value per
 * string the caller may use (NONE until set). The numbers index str[] and val[]; fl_hmap finds
 * a string's number (the slot's value) by its bytes, its key the arena's copy. */
typedef struct {
    fl_arena *arena;
    const char **str;
    uint32_t *val;
    size_t n, cap_str, cap_val;
    fl_hmap map;
} strtab;

/* Finds or adds s[0..len) and stores its number in *out. Returns 0, or -1 when out of memory
 * (the table unchanged). */
static int st_intern(strtab *t, const char *s, size_t len, uint32_t *out)
{
    int added;
    fl_hmap_slot *slot = fl_hmap_put(&t->map, s, len, &added);
    if (!slot)
        return -1;
    if (!added) {
        *out = (uint32_t)(uintptr_t)slot->value;
        return 0;
    }
    /* new: the caller's bytes are the key only until the arena's copy replaces them (the same
     * bytes, so the same hash); the numbers stay below NONE */
    char *copy = NULL;
    if (t->n >= NONE - 1 || FL_GROW(t->str, t->cap_str, t->n + 1) ||
        FL_GROW(t->val, t->cap_val, t->n + 1) || !(copy = fl_arena_strndup(t->arena, s, len))) {
        fl_hmap_remove(&t->map, slot);
        return -1;
    }
    slot->key = copy;
    slot->value = (void *)(uintptr_t)t->n;
    t->str[t->n] = copy;
    t->val[t->n] = NONE;
    *out = (uint32_t)t->n++;
    return 0;
}

static void st_free(strtab *t)
{
    free(t->str);
    free(t->val);
    fl_hmap_free(&t->map);
}

/* ---- what the report keeps ---- */

enum { O_NONE = -1, O_RESOLVED, O_PARTLY, O_ESCALATED, O_LOST };

typedef struct {
    int64_t started;
    uint32_t trainee, scenario;
    uint32_t mode;           /* text number */
    uint32_t critical_items; /* text number of the critical mistakes' names, NONE unknown */
    int32_t critical;        /* critical mistakes, -1 unknown (scored before they existed) */
    int8_t outcome;
    uint8_t finished, overall, applicable; /* applicable: bit d per dimension */
    uint8_t scored; /* finished and attempted: the only sessions with a result */
    uint8_t attempted, passed;
    uint8_t score[FL_DIM_COUNT];
    char band;
    uint8_t nps;             /* the survey's "recommend" answer, 0..10 (scored sessions) */
    int32_t side;            /* the side of the comparison it is on (h->sides), -1 none */
    uint32_t kfirst, nkinds; /* its kinds of findings, each once: h->marks[kfirst..+nkinds) */
    uint32_t cfirst, ncrit;  /* its critical items, each once: h->cmarks[cfirst..+ncrit) */
} session;

/* Counts a group and a trainee share. n_finished counts the scored sessions (finished and
 * attempted); not attempted ones only count in n_sessions and n_not_attempted. */
typedef struct {
    uint32_t n_sessions, n_finished, n_not_attempted, n_passed;
    uint32_t n_critical;          /* critical mistakes, every occurrence */
    uint32_t n_critical_sessions; /* scored sessions with at least one */
} tally;

/* Scored-session statistics of a group (or of all groups). */
typedef struct {
    uint32_t name; /* text number of the group's name */
    uint32_t n_trainees;
    tally c;
    uint32_t nps[3]; /* detractors, passives, promoters */
    uint32_t overall[101];
} group;

typedef struct {
    uint32_t name, group;
    tally c;
    uint64_t overall_sum;
    int best; /* best overall of a scored session, -1 none */
    uint64_t sum[FL_DIM_COUNT];
    uint32_t n[FL_DIM_COUNT];
    uint32_t first_tk; /* their finding kinds, in tk_order: [first_tk, first_tk + n_tk) */
    uint32_t n_tk;
    /* their replies read aloud (all their sessions: the voice is beside the score) */
    uint32_t v_replies, v_heard, v_loud, v_fast, v_silent;
    double v_rms_sum, v_sps_sum; /* over the heard ones */
} trainee;

typedef struct {
    uint32_t title; /* text number */
} scenario;

/* One kind of finding: a rule in a dimension (or one trainer's note). */
typedef struct {
    uint32_t rule;                   /* text number */
    uint32_t message, message_count; /* the most frequent message so far */
    int dim;                         /* -1: none */
    int note;
    uint32_t count, sessions, last_session;
    uint32_t critical; /* occurrences that were critical mistakes */
    uint64_t lost;
    uint32_t better, better_count; /* the most frequent better alternative so far */
    uint8_t message_ru, better_ru; /* the most frequent message, better one is in Russian */
} kind;

/* One critical item ("transfer", "lost", "reply": fl_record.critical_items), with the better
 * alternative most often given by the critical findings that explain it. */
typedef struct {
    uint32_t name; /* text number */
    uint32_t better, better_count;
    uint8_t better_ru;
} citem;

/* One side of the comparison: a session of the day ("morning") or a store (--db). */
typedef struct {
    uint32_t name; /* text number: the session of the day, or the store's file name */
} side;

/* A figure across trainees: how many have it, their mean, standard deviation, lowest, highest. */
typedef struct {
    uint32_t n;
    double mean, sd, min, max;
} spread;

/* The room's profile over a set of attempts (each trainee's latest finished one per scenario):
 * the figures of each trainee, then across them. */
typedef struct {
    uint32_t n_trainees, n_attempts, n_passed;
    uint32_t nps[3];
    uint32_t crit_trainees; /* trainees with a critical mistake in those attempts */
    spread dim[FL_DIM_COUNT], overall;
    uint32_t *kind_tr;  /* per kind: trainees with it */
    uint32_t *citem_tr; /* per critical item: trainees with it */
    double *t_overall;  /* per trainee: mean overall of their attempts counted, NAN none */
    double *t_dim;      /* per trainee and dimension (t * FL_DIM_COUNT + d), NAN none */
} room;

/* One kind of finding in one trainee's sessions. */
typedef struct {
    uint32_t trainee, kind;
    uint32_t count, critical;
} tkind;

/* One stress round, as the rounds section shows it. */
typedef struct {
    int64_t started;
    uint32_t trainee; /* index into the trainees */
    uint32_t def;     /* text number of the round file's id */
    uint32_t title;   /* text number of its title (its id when it has none) */
    uint8_t closed, finished, timed, passed, has_baseline;
    uint16_t time_pct; /* the extension: 150, 200 (timed); 100 none */
    uint32_t customers, lost, mean_reply_ms;
    double per_minute, canned_share;
    int mean_score, composure; /* mean_score -1 none */
} rnd;

typedef struct {
    const fl_report_opts *o;
    int ru; /* the labels (catalogue.def: HTML_* and shared words), dates and decimals */
    fl_arena *arena;
    strtab texts; /* names, titles, messages */
    strtab keys;  /* composite keys of groups, trainees, scenarios, kinds, (kind, better) */
    char *key;
    size_t key_cap;

    session *s;
    size_t ns, cap_s;
    group *g;
    size_t ng, cap_g;
    group all;
    trainee *tr;
    size_t ntr, cap_tr;
    scenario *sc;
    size_t nsc, cap_sc;
    kind *k;
    size_t nk, cap_k;
    tkind *tk;
    size_t ntk, cap_tk;
    uint32_t *tk_order; /* the tkinds grouped by trainee, each trainee's critical first */
    int64_t first_ms, last_ms;
    rnd *rounds;
    size_t nr, cap_r;
    uint32_t v_replies; /* replies read aloud in all: the Voice section only when some */

    uint32_t *marks; /* the sessions' kinds of findings (session.kfirst) */
    size_t nmarks, cap_marks;
    uint32_t *cmarks; /* the sessions' critical items (session.cfirst) */
    size_t ncmarks, cap_cmarks;
    citem *ci;
    size_t nci, cap_ci;
    /* the comparison: what a side is (FL_COMPARE_SESSION or _SOURCE; NONE: no comparison) */
    int side_kind;
    side *sides;
    size_t nsides, cap_sides;
    uint32_t n_no_side; /* sessions without a session of the day (left out of it) */
    /* each trainee's latest scored session per scenario (the room), and per scenario and side
     * (the comparison): session numbers, one slot per (trainee, scenario[, side]) */
    uint32_t *latest, *latest_side;
    size_t nlatest, cap_latest, nlatest_side, cap_latest_side;
} html;

static void oom(void)
{
    fprintf(stderr, "frontline report: out of memory\n");
}

/* Builds the key prefix + a + '\x1f' + b (+ '\x1f' + c) in h->key; returns its length or -1. */
static long make_key(html *h, char prefix, const char *a, const char *b, const char *c)
{
    size_t la = strlen(a), lb = b ? strlen(b) : 0, lc = c ? strlen(c) : 0;
    size_t need = 1 + la + 1 + lb + 1 + lc + 1;
    if (FL_GROW(h->key, h->key_cap, need))
        return -1;
    char *p = h->key;
    *p++ = prefix;
    memcpy(p, a, la);
    p += la;
    *p++ = '\x1f';
    if (b)
        memcpy(p, b, lb);
    p += lb;
    if (c) {
        *p++ = '\x1f';
        memcpy(p, c, lc);
        p += lc;
    }
    *p = '\0';
    return (long)(p - h->key);
}

static int text(html *h, const char *s, uint32_t *out)
{
    if (!s) {
        *out = NONE;
        return 0;
    }
    return st_intern(&h->texts, s, strlen(s), out);
}

/* Finds or adds the key prefix a \x1f b [\x1f c]; its value is NONE when it is new. */
static int lookup(html *h, char prefix, const char *a, const char *b, const char *c,
                  uint32_t *keyno)
{
    long len = make_key(h, prefix, a, b, c);
    if (len < 0)
        return -1;
    return st_intern(&h->keys, h->key, (size_t)len, keyno);
}

static int group_of(html *h, const char *name, uint32_t *out)
{
    uint32_t kn;
    if (lookup(h, 'g', name, NULL, NULL, &kn) < 0)
        return -1;
    if (h->keys.val[kn] == NONE) {
        if (FL_GROW(h->g, h->cap_g, h->ng + 1))
            return -1;
        group *g = &h->g[h->ng];
        memset(g, 0, sizeof *g);
        if (text(h, name, &g->name) < 0)
            return -1;
        h->keys.val[kn] = (uint32_t)h->ng++;
    }
    *out = h->keys.val[kn];
    return 0;
}

static int trainee_of(html *h, const char *name, const char *grp, uint32_t gi, uint32_t *out)
{
    uint32_t kn;
    if (lookup(h, 't', grp, name, NULL, &kn) < 0)
        return -1;
    if (h->keys.val[kn] == NONE) {
        if (FL_GROW(h->tr, h->cap_tr, h->ntr + 1))
            return -1;
        trainee *t = &h->tr[h->ntr];
        memset(t, 0, sizeof *t);
        if (text(h, name, &t->name) < 0)
            return -1;
        t->group = gi;
        t->best = -1;
        h->g[gi].n_trainees++;
        h->keys.val[kn] = (uint32_t)h->ntr++;
    }
    *out = h->keys.val[kn];
    return 0;
}

static int scenario_of(html *h, const fl_record *r, uint32_t *out)
{
    const char *id = r->scenario_id ? r->scenario_id : "";
    uint32_t kn;
    if (lookup(h, 's', id, NULL, NULL, &kn) < 0)
        return -1;
    if (h->keys.val[kn] == NONE) {
        if (FL_GROW(h->sc, h->cap_sc, h->nsc + 1))
            return -1;
        const char *title = r->scenario_title && *r->scenario_title ? r->scenario_title : id;
        if (text(h, title, &h->sc[h->nsc].title) < 0)
            return -1;
        h->keys.val[kn] = (uint32_t)h->nsc++;
    }
    *out = h->keys.val[kn];
    return 0;
}

static int dimension_index(const char *name)
{
    if (!name)
        return -1;
    for (int d = 0; d < FL_DIM_COUNT; d++)
        if (strcmp(name, fl_dimension_name((fl_dimension)d)) == 0)
            return d;
    return -1;
}

/* Counts one more s (a message or a better alternative) for kind ki and keeps in *best the
 * most frequent one so far: counts only grow, so the running maximum is exact (ties: the first
 * to get there). Returns 0 or -1. */
static int vote(html *h, char prefix, uint32_t ki, const char *s, uint32_t *best,
                uint32_t *best_count)
{
    uint32_t id, kn;
    char knum[16], snum[16];
    if (text(h, s, &id) < 0)
        return -1;
    snprintf(knum, sizeof knum, "%u", ki);
    snprintf(snum, sizeof snum, "%u", id);
    if (lookup(h, prefix, knum, snum, NULL, &kn) < 0)
        return -1;
    uint32_t c = h->keys.val[kn] == NONE ? 1 : h->keys.val[kn] + 1;
    h->keys.val[kn] = c;
    if (c > *best_count) {
        *best_count = c;
        *best = id;
    }
    return 0;
}

/* Counts one more finding of kind ki for trainee ti (critical: it was a critical mistake). */
static int add_trainee_kind(html *h, uint32_t ti, uint32_t ki, int critical)
{
    char tnum[16], knum[16];
    uint32_t kn;
    snprintf(tnum, sizeof tnum, "%u", ti);
    snprintf(knum, sizeof knum, "%u", ki);
    if (lookup(h, 'T', tnum, knum, NULL, &kn) < 0)
        return -1;
    if (h->keys.val[kn] == NONE) {
        if (FL_GROW(h->tk, h->cap_tk, h->ntk + 1))
            return -1;
        h->tk[h->ntk] = (tkind){.trainee = ti, .kind = ki};
        h->keys.val[kn] = (uint32_t)h->ntk++;
    }
    tkind *t = &h->tk[h->keys.val[kn]];
    t->count++;
    t->critical += critical != 0;
    return 0;
}

/* Adds v to a session's list, marks[first..+*count), unless it is there (a session has few: a
 * linear look is enough); the session's list is the last in marks. Returns 1 when added, 0
 * when there, -1 when out of memory. */
static int mark_once(uint32_t **marks, size_t *n, size_t *cap, uint32_t first, uint32_t *count,
                     uint32_t v)
{
    for (uint32_t j = 0; j < *count; j++)
        if ((*marks)[first + j] == v)
            return 0;
    if (fl_grow(marks, cap, *n + 1, sizeof **marks))
        return -1;
    (*marks)[(*n)++] = v;
    (*count)++;
    return 1;
}

/*
 * Counts the record's findings into the kinds, overall and for the trainee. A finding counts
 * when it cost points, is a warning or a mistake, or is a critical mistake: the most frequent
 * findings are what trainees get wrong, so points won back (ownership-recovered) and neutral
 * remarks (info, 0 points) stay out. A rule is one kind per dimension; a trainer's note (rule
 * "note") is one kind per message, since every note says something different.
 */
static int add_findings(html *h, const fl_record *r, uint32_t sess, session *s)
{
    uint32_t ti = s->trainee;
    int msg_ru = r->scenario_lang && strcmp(r->scenario_lang, "ru") == 0;
    s->kfirst = (uint32_t)h->nmarks;
    s->nkinds = 0;
    for (size_t i = 0; i < r->n_findings_loaded; i++) {
        const fl_record_finding *f = &r->findings[i];
        int info = !f->severity || strcmp(f->severity, "info") == 0;
        int critical = fl_record_finding_critical(r, i);
        if (!critical && (f->points > 0 || (f->points == 0 && info)))
            continue;
        const char *rule = f->rule ? f->rule : "";
        int note = strcmp(rule, "note") == 0;
        const char *msg = f->message ? f->message : "";
        uint32_t kn;
        if (lookup(h, 'k', rule, f->dimension ? f->dimension : "", note ? msg : NULL, &kn) < 0)
            return -1;
        if (h->keys.val[kn] == NONE) {
            if (FL_GROW(h->k, h->cap_k, h->nk + 1))
                return -1;
            kind *k = &h->k[h->nk];
            memset(k, 0, sizeof *k);
            k->dim = dimension_index(f->dimension);
            k->note = note;
            k->last_session = NONE;
            k->better = NONE;
            k->message = NONE;
            if (text(h, rule, &k->rule) < 0)
                return -1;
            h->keys.val[kn] = (uint32_t)h->nk++;
        }
        uint32_t ki = h->keys.val[kn];
        kind *k = &h->k[ki];
        k->count++;
        k->critical += critical != 0;
        if (add_trainee_kind(h, ti, ki, critical) < 0)
            return -1;
        if (f->points < 0)
            k->lost += (uint64_t)(-(int64_t)f->points);
        if (k->last_session != sess) {
            k->last_session = sess;
            k->sessions++;
        }
        uint32_t before = k->message, before_b = k->better;
        if (vote(h, 'm', ki, msg, &k->message, &k->message_count) < 0 ||
            (f->better && *f->better &&
             vote(h, 'b', ki, f->better, &k->better, &k->better_count) < 0))
            return -1;
        if (h->k[ki].message != before)
            h->k[ki].message_ru = (uint8_t)msg_ru;
        if (h->k[ki].better != before_b)
            h->k[ki].better_ru = (uint8_t)msg_ru;
        /* the session's kinds, each once */
        if (mark_once(&h->marks, &h->nmarks, &h->cap_marks, s->kfirst, &s->nkinds, ki) < 0)
            return -1;
    }
    return 0;
}

/* The bit of a critical item's name (scenario.h): "reply" is a reply the author marked. */
static uint32_t critical_bit(const char *name, size_t len)
{
    if (len == 5 && memcmp(name, "reply", 5) == 0)
        return FL_CRIT_REPLY;
    return fl_critical_parse(name, len);
}

/* Whether a finding of rule id `rule` explains the critical item of bit `bit` (fl_rule_defs). */
static int rule_explains(const char *rule, uint32_t bit)
{
    if (!rule || !bit)
        return 0;
    for (int k = 0; k < FL_EV_COUNT; k++)
        if ((fl_rule_defs[k].critical & bit) && strcmp(fl_rule_defs[k].id, rule) == 0)
            return 1;
    return 0;
}

/* Counts the scored session's critical items (r->critical_items, each once) into the items and
 * the session's list, and votes for each item's better alternative among the critical findings
 * that explain it. Returns 0, or -1 when out of memory. */
static int add_critical_items(html *h, const fl_record *r, session *s)
{
    s->cfirst = (uint32_t)h->ncmarks;
    s->ncrit = 0;
    if (!s->scored || s->critical <= 0 || !r->critical_items)
        return 0;
    int better_ru = r->scenario_lang && strcmp(r->scenario_lang, "ru") == 0;
    const char *p = r->critical_items;
    while (*p) {
        size_t len = strcspn(p, " ");
        if (len) {
            uint32_t kn;
            char name[64]; /* the items' names are short words; a longer one is cut */
            size_t nl = len < sizeof name ? len : sizeof name - 1;
            memcpy(name, p, nl);
            name[nl] = '\0';
            if (lookup(h, 'c', name, NULL, NULL, &kn) < 0)
                return -1;
            if (h->keys.val[kn] == NONE) {
                if (FL_GROW(h->ci, h->cap_ci, h->nci + 1))
                    return -1;
                h->ci[h->nci] = (citem){.better = NONE};
                if (text(h, name, &h->ci[h->nci].name) < 0)
                    return -1;
                h->keys.val[kn] = (uint32_t)h->nci++;
            }
            uint32_t c = h->keys.val[kn];
            int added = mark_once(&h->cmarks, &h->ncmarks, &h->cap_cmarks, s->cfirst, &s->ncrit, c);
            if (added < 0)
                return -1;
            if (added) {
                uint32_t bit = critical_bit(name, nl);
                for (size_t i = 0; i < r->n_findings_loaded; i++) {
                    const fl_record_finding *f = &r->findings[i];
                    if (!f->critical || !f->better || !*f->better || !rule_explains(f->rule, bit))
                        continue;
                    uint32_t before = h->ci[c].better;
                    if (vote(h, 'B', c, f->better, &h->ci[c].better, &h->ci[c].better_count) < 0)
                        return -1;
                    if (h->ci[c].better != before)
                        h->ci[c].better_ru = (uint8_t)better_ru;
                }
            }
        }
        p += len;
        while (*p == ' ')
            p++;
    }
    return 0;
}

/* The side of the comparison the record is on (see html.side_kind), or -1. */
static int side_of(html *h, const fl_record *r, int32_t *out)
{
    *out = -1;
    if (h->side_kind == FL_COMPARE_SOURCE) {
        if (r->source < 0)
            return 0;
        size_t need = (size_t)r->source + 1;
        while (h->nsides < need) {
            if (FL_GROW(h->sides, h->cap_sides, h->nsides + 1))
                return -1;
            const char *name = NULL;
            char num[24];
            if (h->nsides < h->o->n_sources && h->o->source_names &&
                h->o->source_names[h->nsides]) {
                /* the file's name: the folders before it say nothing about the laptop */
                name = h->o->source_names[h->nsides];
                const char *slash = strrchr(name, '/');
                if (slash && slash[1])
                    name = slash + 1;
            } else {
                snprintf(num, sizeof num, "#%zu", h->nsides + 1);
                name = num;
            }
            if (text(h, name, &h->sides[h->nsides].name) < 0)
                return -1;
            h->nsides++;
        }
        *out = r->source;
        return 0;
    }
    if (h->side_kind != FL_COMPARE_SESSION)
        return 0;
    if (!r->day_session || !*r->day_session) {
        h->n_no_side++;
        return 0;
    }
    uint32_t kn;
    if (lookup(h, 'd', r->day_session, NULL, NULL, &kn) < 0)
        return -1;
    if (h->keys.val[kn] == NONE) {
        if (FL_GROW(h->sides, h->cap_sides, h->nsides + 1))
            return -1;
        if (text(h, r->day_session, &h->sides[h->nsides].name) < 0)
            return -1;
        h->keys.val[kn] = (uint32_t)h->nsides++;
    }
    *out = (int32_t)h->keys.val[kn];
    return 0;
}

/* Makes session number sess the latest of its trainee and scenario (sessions come in start
 * order), in the room's slots and in its side's. Returns 0, or -1 when out of memory. */
static int add_latest(html *h, const session *s, uint32_t sess)
{
    char tnum[16], snum[16], dnum[16];
    snprintf(tnum, sizeof tnum, "%u", s->trainee);
    snprintf(snum, sizeof snum, "%u", s->scenario);
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1 && s->side < 0)
            break;
        snprintf(dnum, sizeof dnum, "%d", (int)s->side);
        uint32_t kn;
        if (lookup(h, pass ? 'M' : 'L', tnum, snum, pass ? dnum : NULL, &kn) < 0)
            return -1;
        uint32_t **arr = pass ? &h->latest_side : &h->latest;
        size_t *n = pass ? &h->nlatest_side : &h->nlatest;
        size_t *cap = pass ? &h->cap_latest_side : &h->cap_latest;
        if (h->keys.val[kn] == NONE) {
            if (fl_grow(arr, cap, *n + 1, sizeof **arr))
                return -1;
            h->keys.val[kn] = (uint32_t)(*n)++;
        }
        (*arr)[h->keys.val[kn]] = sess;
    }
    return 0;
}

/* The outcomes of finished sessions, as outcome_index() numbers them, and their words. */
static const fl_word_id outcome_words[4] = {FL_W_OUTCOME_RESOLVED, FL_W_HTML_PARTLY,
                                            FL_W_OUTCOME_ESCALATED, FL_W_OUTCOME_LOST};

static int outcome_index(const char *o)
{
    static const char *const names[] = {"resolved", "partly", "escalated", "lost"};
    if (o)
        for (int i = 0; i < 4; i++)
            if (strcmp(o, names[i]) == 0)
                return i;
    return O_NONE;
}

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static void add_scored(group *g, const session *s, int nps)
{
    g->nps[nps <= 6 ? 0 : nps <= 8 ? 1 : 2]++;
    g->overall[s->overall]++;
}

static void count_session(tally *c, const session *s)
{
    c->n_sessions++;
    c->n_not_attempted += !s->attempted;
    if (!s->scored)
        return;
    c->n_finished++;
    c->n_passed += s->passed;
    if (s->critical > 0) {
        c->n_critical += (uint32_t)s->critical;
        c->n_critical_sessions++;
    }
}

static int html_begin(void **ctx, const fl_report_opts *o, int64_t total)
{
    html *h = calloc(1, sizeof *h);
    if (!h || !(h->arena = fl_arena_new())) {
        free(h);
        oom();
        return -1;
    }
    h->o = o;
    h->ru = fl_word_lang(o->lang);
    /* AUTO compares the sessions of the day when it finds two or more (decided at the end) */
    h->side_kind = o->compare == FL_COMPARE_SOURCE ? FL_COMPARE_SOURCE
                   : o->compare == FL_COMPARE_NONE ? FL_COMPARE_NONE
                                                   : FL_COMPARE_SESSION;
    h->texts.arena = h->keys.arena = h->arena;
    if (total > 0 && (uint64_t)total < SIZE_MAX / sizeof *h->s &&
        FL_GROW(h->s, h->cap_s, (size_t)total)) {
        fl_arena_free(h->arena);
        free(h);
        oom();
        return -1;
    }
    *ctx = h;
    return 0;
}

static int html_session(void *ctx, const fl_record *r)
{
    html *h = ctx;
    const char *grp = r->group ? r->group : "";
    session s;
    uint32_t gi;
    memset(&s, 0, sizeof s);
    int grown = FL_GROW(h->s, h->cap_s, h->ns + 1) == 0;
    if (!grown || group_of(h, grp, &gi) < 0 ||
        trainee_of(h, r->trainee ? r->trainee : "", grp, gi, &s.trainee) < 0 ||
        scenario_of(h, r, &s.scenario) < 0 || text(h, r->mode ? r->mode : "", &s.mode) < 0 ||
        side_of(h, r, &s.side) < 0) {
        oom();
        return -1;
    }
    s.started = r->started_ms;
    s.finished = r->finished != 0;
    s.attempted = r->attempted != 0;
    s.scored = fl_record_scored(r) != 0;
    s.passed = s.scored && r->passed;
    s.critical = s.scored ? r->critical : -1;
    s.critical_items = NONE;
    if (s.critical > 0 &&
        text(h, r->critical_items ? r->critical_items : "", &s.critical_items) < 0) {
        oom();
        return -1;
    }
    s.outcome = (int8_t)outcome_index(r->outcome);
    s.overall = (uint8_t)clamp(r->overall, 0, 100);
    s.band = r->band[0] ? r->band[0] : '-';
    for (int d = 0; d < FL_DIM_COUNT; d++) {
        s.score[d] = (uint8_t)clamp(r->score[d], 0, 100);
        if (r->applicable[d])
            s.applicable |= (uint8_t)(1u << d);
    }
    if (h->ns == 0 || s.started < h->first_ms)
        h->first_ms = s.started;
    if (h->ns == 0 || s.started > h->last_ms)
        h->last_ms = s.started;

    trainee *t = &h->tr[s.trainee];
    count_session(&t->c, &s);
    count_session(&h->g[gi].c, &s);
    count_session(&h->all.c, &s);
    /* Only scored sessions have a result: one not attempted never counts as a 0 anywhere. */
    if (s.scored) {
        int nps = clamp(r->nps, 0, 10);
        s.nps = (uint8_t)nps;
        add_scored(&h->g[gi], &s, nps);
        add_scored(&h->all, &s, nps);
        t->overall_sum += s.overall;
        if (s.overall > t->best)
            t->best = s.overall;
        for (int d = 0; d < FL_DIM_COUNT; d++)
            if (s.applicable & (1u << d)) {
                t->sum[d] += s.score[d];
                t->n[d]++;
            }
    }
    /* The voice, beside the score: every session's replies read aloud count, scored or not. */
    const fl_record_voice *v = &r->voice;
    if (v->replies) {
        t->v_replies += v->replies;
        t->v_heard += v->heard;
        t->v_loud += v->loud;
        t->v_fast += v->fast;
        t->v_silent += v->silent;
        t->v_rms_sum += v->rms_dbfs * v->heard;
        t->v_sps_sum += v->syllables_per_s * v->heard;
        h->v_replies += v->replies;
    }
    if (add_findings(h, r, (uint32_t)h->ns, &s) < 0 || add_critical_items(h, r, &s) < 0 ||
        (s.scored && add_latest(h, &s, (uint32_t)h->ns) < 0)) {
        oom();
        return -1;
    }
    h->s[h->ns++] = s;
    return 0;
}

static int html_round(void *ctx, const fl_round_record *r)
{
    html *h = ctx;
    const char *grp = r->group ? r->group : "";
    rnd x;
    memset(&x, 0, sizeof x);
    uint32_t gi;
    int grown = FL_GROW(h->rounds, h->cap_r, h->nr + 1) == 0;
    const char *def = r->def_id ? r->def_id : "";
    if (!grown || group_of(h, grp, &gi) < 0 ||
        trainee_of(h, r->trainee ? r->trainee : "", grp, gi, &x.trainee) < 0 ||
        text(h, def, &x.def) < 0 || text(h, r->title && *r->title ? r->title : def, &x.title) < 0) {
        oom();
        return -1;
    }
    const fl_round_figures *f = &r->fig;
    x.started = r->started_ms;
    x.closed = fl_round_record_closed(r) != 0;
    x.finished = r->finished != 0;
    x.timed = r->timed != 0;
    x.time_pct = (uint16_t)(r->timed ? (int)(r->time_factor * 100 + 0.5) : 0);
    x.passed = x.closed && f->passed;
    x.has_baseline = x.closed && f->has_baseline;
    x.customers = r->customers;
    x.lost = f->lost;
    x.mean_reply_ms = f->mean_reply_ms;
    x.per_minute = f->per_minute;
    x.canned_share = f->canned_share;
    x.mean_score = x.closed ? f->mean_score : -1;
    x.composure = f->composure;
    h->rounds[h->nr++] = x;
    return 0;
}

/* ---- writing ---- */

static void put(html *h, const char *s)
{
    fputs(s, h->o->out);
}

__attribute__((format(printf, 2, 3))) static void putf(html *h, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(h->o->out, fmt, ap);
    va_end(ap);
}

/* A label of the catalogue (catalogue.def) in the report's language. */
static const char *tx(const html *h, fl_word_id id)
{
    return fl_word(id, h->ru);
}

/* Writes s HTML-escaped (fit for text and for quoted attributes). Bytes that are not UTF-8
 * become U+FFFD and control characters a space, so the file stays valid. */
static void esc(html *h, const char *s)
{
    FILE *f = h->o->out;
    const char *run = s;
    size_t len = strlen(s);
    const char *end = s + len;
    while (s < end) {
        unsigned char c = (unsigned char)*s;
        const char *rep = NULL;
        size_t adv = 1;
        if (c < 0x80) {
            if (c == '&')
                rep = "&amp;";
            else if (c == '<')
                rep = "&lt;";
            else if (c == '>')
                rep = "&gt;";
            else if (c == '"')
                rep = "&quot;";
            else if (c == '\'')
                rep = "&#39;";
            else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
                rep = " ";
        } else {
            uint32_t cp;
            adv = fl_utf8_decode(s, (size_t)(end - s), &cp);
            if (adv == 0) {
                rep = "\xef\xbf\xbd";
                adv = 1;
            }
        }
        if (rep) {
            fwrite(run, 1, (size_t)(s - run), f);
            fputs(rep, f);
            run = s + adv;
        }
        s += adv;
    }
    fwrite(run, 1, (size_t)(s - run), f);
}

static void esc_text(html *h, uint32_t id)
{
    if (id != NONE)
        esc(h, h->texts.str[id]);
}

static void put_group_name(html *h, uint32_t gi)
{
    const char *name = h->texts.str[h->g[gi].name];
    if (*name)
        esc(h, name);
    else
        put(h, tx(h, FL_W_HTML_NO_GROUP));
}

/* A decimal with one digit, with a decimal comma in Russian. */
/* A number with one decimal as the language writes it (format.h): 72.5, 1,234.5 / 72,5,
 * 1 234,5. */
static void put_dec1(html *h, double v)
{
    char buf[64];
    put(h, fl_format_decimal(buf, sizeof buf, h->ru, v, 1));
}

/* An integer as the language writes it (format.h): 1,234 (English), 1 234 with a no-break space
 * (Russian); a negative one with the typographic minus, −12, which the report's tables line up
 * with +12. Returns buf (48 bytes). */
static const char *fmt_int(const html *h, long long v, char *buf)
{
    fl_format_int(buf + 2, 46, h->ru, v);
    if (buf[2] != '-')
        return buf + 2;
    memcpy(buf, "\u2212", 3); /* over the '-' and the two bytes before it */
    return buf;
}

/* A percentage as the language writes it: 55% (English), 55 % with a no-break space (Russian). */
static void put_pct_value(html *h, int v)
{
    char buf[48];
    putf(h, "%s%s", fmt_int(h, v, buf), h->ru ? "\u00a0%" : "%");
}

/* part of n as a rounded percentage (n > 0) */
static void put_pct(html *h, uint32_t part, uint32_t n);

/* A date and time, local, as the language writes it (format.h), the same as the desktop's
 * history: "23 November 2026, 08:15" / «23 ноября 2026, 08:15». */
static const char *fmt_time(const html *h, int64_t ms, int with_time, char *buf, size_t size)
{
    time_t t = (time_t)(ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000));
    struct tm tm;
    if (!localtime_r(&t, &tm))
        snprintf(buf, size, "?");
    else if (with_time)
        fl_format_date_time(buf, size, h->ru, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                            tm.tm_hour, tm.tm_min);
    else
        fl_format_date(buf, size, h->ru, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    return buf;
}

static void put_time(html *h, int64_t ms, int with_time)
{
    char buf[96];
    put(h, fmt_time(h, ms, with_time, buf, sizeof buf));
}

/* The NPS of counts {detractors, passives, promoters}: 100 * (P - D) / N rounded half away from
 * zero. */
static int nps_value(const uint32_t c[3])
{
    int64_t n = (int64_t)c[0] + c[1] + c[2];
    int64_t num = 100 * ((int64_t)c[2] - c[0]);
    int64_t a = num < 0 ? -num : num;
    int64_t r = (2 * a + n) / (2 * n);
    return (int)(num < 0 ? -r : r);
}

static int percent(uint32_t part, uint32_t n)
{
    return (int)((200 * (uint64_t)part + n) / (2 * (uint64_t)n));
}

static void put_pct(html *h, uint32_t part, uint32_t n)
{
    put_pct_value(h, percent(part, n));
}

static int band_index(int overall)
{
    return overall >= 90 ? 0 : overall >= 80 ? 1 : overall >= 70 ? 2 : overall >= 60 ? 3 : 4;
}

static const char css[] =
    "*{box-sizing:border-box}\n"
    "body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto "
    "Sans\",Arial,sans-serif;color:#222;background:#fff;margin:0 auto;max-width:1180px;"
    "padding:24px;line-height:1.4}\n"
    "h1,h3{overflow-wrap:anywhere}h1{font-size:1.8em;margin:0 0 "
    ".2em}h2{font-size:1.35em;margin:1.6em 0 .4em;"
    "border-bottom:2px solid #3b6fb6;padding-bottom:.15em}h3{font-size:1.05em;margin:.2em 0}\n"
    ".muted{color:#666}.small{font-size:.85em}\n"
    ".counts{display:flex;flex-wrap:wrap;gap:10px;margin:14px 0 0;padding:0}\n"
    ".counts div{border:1px solid #ddd;border-radius:6px;padding:8px 14px;min-width:120px}\n"
    ".counts dt{font-size:.8em;color:#666}.counts dd{margin:0;font-size:1.3em;font-weight:600}\n"
    "table{border-collapse:collapse;width:100%;margin:.5em 0}\n"
    "th,td{border-bottom:1px solid #e2e2e2;padding:4px 8px;text-align:left;"
    "vertical-align:top}\n"
    "th{background:#f3f5f9;font-weight:600}td.num,th.num{text-align:right;"
    "font-variant-numeric:tabular-nums}\n"
    "tr.total td{font-weight:600;border-top:2px solid #bbb}\n"
    ".nps{font-weight:700;white-space:nowrap}\n"
    ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(360px,1fr));gap:14px}\n"
    ".grid.wide{grid-template-columns:repeat(auto-fill,minmax(520px,1fr))}\n"
    ".card{border:1px solid #ddd;border-radius:8px;padding:10px 12px;break-inside:avoid;"
    "page-break-inside:avoid}\n"
    ".legend{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:.85em;margin:.3em 0;padding:0;"
    "list-style:none}\n"
    ".sw{display:inline-block;width:.9em;height:.9em;border-radius:2px;margin-right:.35em;"
    "vertical-align:-.1em;-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
    ".swl{display:inline-block;margin-right:.35em;vertical-align:middle}\n"
    "svg{display:block;max-width:100%;height:auto}svg text{font-family:inherit}\n"
    "code{font-size:.9em;background:#f3f3f3;padding:0 .25em;border-radius:3px;white-space:nowrap}\n"
    ".sessions{font-size:.9em}.sessions td{white-space:nowrap}"
    ".sessions td.wrap{white-space:normal;overflow-wrap:anywhere;min-width:8em}\n"
    "footer{margin-top:2em;font-size:.8em;color:#777;break-before:avoid}\n"
    ".crit{display:inline-block;background:" C_CRITICAL ";color:#fff;border-radius:3px;"
    "padding:0 .35em;font-size:.8em;font-weight:600;margin-right:.35em;"
    "-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
    ".na{color:#777;font-style:italic}\n"
    ".ext{display:inline-block;border:1px solid #b26b00;color:#8a5300;border-radius:3px;"
    "padding:0 .35em;font-size:.85em;font-weight:600}\n"
    "ul.tf{margin:.4em 0 0;padding-left:1.1em;font-size:.9em}ul.tf li{margin:.1em 0}\n"
    ".scroll{overflow-x:auto}svg.spread{width:100%;min-width:60px;max-width:208px}\n"
    "@media screen and (max-width:720px){table.room th:last-child,table.room td:last-child"
    "{display:none}}\n"
    "table.room td,table.compare td,table.tchange td{white-space:nowrap}\n"
    "table.tchange td.wrap{white-space:normal;overflow-wrap:anywhere;min-width:8em}\n"
    "table.room td:first-child,table.compare td:first-child{white-space:normal}\n"
    ".chg .w{font-size:.85em}.chg.better{color:#1b6e3a}.chg.worse{color:" C_CRITICAL "}\n"
    "th.side-name{overflow-wrap:break-word}\n"
    "table.trainees{font-size:.85em}table.trainees td.t-name{min-width:9em}\n"
    "table.trainees th.dim{font-weight:500;writing-mode:vertical-rl;transform:rotate(180deg);"
    "text-align:left;vertical-align:bottom;white-space:nowrap;padding:6px 2px}\n"
    "details.trainee{border:1px solid #ddd;border-radius:6px;margin:6px 0;padding:2px 10px}\n"
    "details.trainee summary{cursor:pointer;padding:5px 0;overflow-wrap:anywhere}\n"
    "details.trainee[open] summary{border-bottom:1px solid #e2e2e2}\n"
    ".t-name{font-weight:600}.t-sum{margin-left:.6em;color:#444}\n"
    ".detail{display:flex;flex-wrap:wrap;gap:14px;margin:8px 0}"
    ".detail .card{flex:1 1 360px;max-width:580px}h4{margin:.1em 0 .4em;font-size:1em}\n"
    "@media print{body{padding:0;max-width:none;font-size:10pt}h2,h3{break-after:avoid}"
    "thead{display:table-header-group}tr{break-inside:avoid}"
    "details.trainee,.screen-only,#sessions,footer{display:none}.scroll{overflow:visible}"
    "table.trainees{font-size:8pt}table.trainees th,table.trainees td{padding:2px 4px}"
    ".grid.wide{grid-template-columns:1fr}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n"
    "@page{size:A4;margin:12mm}\n";

static void put_count(html *h, fl_word_id label, uint64_t v)
{
    char buf[48];
    putf(h, "<div><dt>%s</dt><dd>%s</dd></div>", tx(h, label), fmt_int(h, (long long)v, buf));
}

static void write_header(html *h, uint32_t n_groups)
{
    const fl_report_opts *o = h->o;
    put(h, "<header>\n<h1>");
    if (o->title && *o->title)
        esc(h, o->title);
    else
        put(h, tx(h, FL_W_HTML_TITLE));
    putf(h, "</h1>\n<p class=\"muted\">%s: ", tx(h, FL_W_HTML_REPORT_DATE));
    put_time(h, o->now_ms, 1);
    {
        time_t t = (time_t)(o->now_ms / 1000);
        struct tm tm;
        char z[16];
        if (localtime_r(&t, &tm) && strftime(z, sizeof z, "%z", &tm) == 5)
            putf(h, " (%s, UTC%.3s:%s)", tx(h, FL_W_HTML_TIMES_LOCAL), z, z + 3);
    }
    put(h, "</p>\n<dl class=\"counts\">");
    put_count(h, FL_W_HTML_SESSIONS, h->ns);
    put_count(h, FL_W_HTML_FINISHED, h->all.c.n_finished);
    put_count(h, FL_W_HTML_NOT_ATTEMPTED, h->all.c.n_not_attempted);
    put_count(h, FL_W_HTML_CRITICAL_N, h->all.c.n_critical);
    put_count(h, FL_W_HTML_TRAINEES, h->ntr);
    put_count(h, FL_W_HTML_GROUPS, n_groups);
    if (h->nr)
        put_count(h, FL_W_HTML_ROUNDS_N, h->nr);
    if (h->ns) {
        /* one day is said once: "2 December 2026", not "2 December 2026 – 2 December 2026" */
        char first[96], last[96];
        putf(h, "<div><dt>%s</dt><dd>%s", tx(h, FL_W_HTML_PERIOD),
             fmt_time(h, h->first_ms, 0, first, sizeof first));
        if (strcmp(first, fmt_time(h, h->last_ms, 0, last, sizeof last)) != 0)
            putf(h, " \u2013 %s", last);
        put(h, "</dd></div>");
    }
    put(h, "</dl>\n</header>\n");
}

/* The stacked bar of detractors, passives and promoters. */
static void nps_bar(html *h, const uint32_t c[3])
{
    static const char *const colour[3] = {C_DETRACTOR, C_PASSIVE, C_PROMOTER};
    static const char *const ink[3] = {"#fff", "#222", "#fff"};
    static const fl_word_id label[3] = {FL_W_HTML_DETRACTORS, FL_W_HTML_PASSIVES,
                                        FL_W_HTML_PROMOTERS};
    uint32_t n = c[0] + c[1] + c[2];
    const double w = 300;
    double x = 0;
    put(h, "<svg viewBox=\"0 0 300 22\" width=\"300\" height=\"22\" role=\"img\">");
    putf(h, "<rect x=\"0\" y=\"0\" width=\"300\" height=\"22\" fill=\"%s\"/>", C_GRID);
    for (int i = 0; i < 3 && n; i++) {
        double cw = w * c[i] / n;
        if (c[i] == 0)
            continue;
        putf(h, "<rect x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"22\" fill=\"%s\"><title>%s: %u",
             x, cw, colour[i], tx(h, label[i]), c[i]);
        put(h, " (");
        put_pct(h, c[i], n);
        put(h, ")</title></rect>");
        if (cw >= 30) {
            putf(h,
                 "<text x=\"%.1f\" y=\"15.5\" text-anchor=\"middle\" font-size=\"12\" "
                 "fill=\"%s\">",
                 x + cw / 2, ink[i]);
            put_pct(h, c[i], n);
            put(h, "</text>");
        }
        x += cw;
    }
    put(h, "</svg>");
}

/* A table row's start and its first cell: a group's name, or "All groups" (total). */
static void group_row_start(html *h, const char *attrs, int total, uint32_t gi)
{
    putf(h, "<tr%s><td>", attrs);
    if (total)
        put(h, tx(h, FL_W_HTML_ALL_GROUPS));
    else
        put_group_name(h, gi);
}

static void nps_row(html *h, const group *g, int total, uint32_t gi)
{
    group_row_start(h, total ? " class=\"total\"" : "", total, gi);
    uint32_t n = g->nps[0] + g->nps[1] + g->nps[2];
    char buf[48];
    putf(h, "</td><td class=\"num\">%s</td>", fmt_int(h, n, buf));
    for (int i = 0; i < 3; i++)
        putf(h, "<td class=\"num\">%s</td>", fmt_int(h, g->nps[i], buf));
    if (n) {
        int v = nps_value(g->nps);
        /* the minus as U+2212, as every signed figure of the report */
        putf(h, "<td class=\"num nps\"%s>%s%d</td><td>", total ? " id=\"nps-all\"" : "",
             v > 0   ? "+"
             : v < 0 ? "\u2212"
                     : "",
             v < 0 ? -v : v);
        nps_bar(h, g->nps);
    } else {
        putf(h, "<td class=\"num nps\"%s>%s</td><td>", total ? " id=\"nps-all\"" : "",
             tx(h, FL_W_HTML_NA));
    }
    put(h, "</td></tr>\n");
}

static void legend_item(html *h, const char *colour, const char *label_html)
{
    putf(h, "<li><span class=\"sw\" style=\"background:%s\"></span>%s</li>", colour, label_html);
}

/* A count of critical mistakes: marked when there are any, so they stand out in a table. */
static void put_critical_count(html *h, uint32_t n)
{
    if (n) {
        char buf[48];
        putf(h, "<span class=\"crit\">%s</span>", fmt_int(h, n, buf));
    } else
        put(h, "0");
}

/* One row of the pass-rate table: a group, or all of them (total). The cells carry classes
 * (r-fin, r-na, r-passed, r-rate, r-crit, r-critsess) so that a reader, or a test, can find each
 * figure. */
static void results_row(html *h, const tally *c, int total, uint32_t gi)
{
    group_row_start(h, total ? " class=\"total\" id=\"results-all\"" : "", total, gi);
    char b1[48], b2[48], b3[48], b4[48];
    putf(h,
         "</td><td class=\"num\">%s</td><td class=\"num r-fin\">%s</td>"
         "<td class=\"num r-na\">%s</td><td class=\"num r-passed\">%s</td>"
         "<td class=\"num r-rate\">",
         fmt_int(h, c->n_sessions, b1), fmt_int(h, c->n_finished, b2),
         fmt_int(h, c->n_not_attempted, b3), fmt_int(h, c->n_passed, b4));
    if (c->n_finished)
        put_pct(h, c->n_passed, c->n_finished);
    else
        put(h, tx(h, FL_W_HTML_NA));
    put(h, "</td><td class=\"num r-crit\">");
    put_critical_count(h, c->n_critical);
    putf(h, "</td><td class=\"num r-critsess\">%s</td></tr>\n",
         fmt_int(h, c->n_critical_sessions, b1));
}

static void write_results(html *h, const uint32_t *gorder)
{
    putf(h, "<section id=\"results\">\n<h2>%s</h2>\n<p class=\"small muted\">%s</p>\n",
         tx(h, FL_W_HTML_RESULTS_H), tx(h, FL_W_HTML_RESULTS_EXPLAIN));
    if (!h->ns) {
        putf(h, "<p>%s</p>\n</section>\n", tx(h, FL_W_HTML_NO_SESSIONS));
        return;
    }
    putf(h,
         "<table>\n<thead><tr><th>%s</th><th class=\"num\">%s</th><th class=\"num\">%s</th>"
         "<th class=\"num\">%s</th><th class=\"num\">%s</th><th class=\"num\">%s</th>"
         "<th class=\"num\">%s</th><th class=\"num\">%s</th></tr></thead>\n<tbody>\n",
         tx(h, FL_W_HTML_GROUP), tx(h, FL_W_HTML_SESSIONS), tx(h, FL_W_HTML_FINISHED),
         tx(h, FL_W_HTML_NOT_ATTEMPTED), tx(h, FL_W_HTML_PASSED), tx(h, FL_W_HTML_PASS_RATE),
         tx(h, FL_W_HTML_CRITICAL_N), tx(h, FL_W_HTML_WITH_CRITICAL));
    for (size_t i = 0; i < h->ng; i++)
        results_row(h, &h->g[gorder[i]].c, 0, gorder[i]);
    results_row(h, &h->all.c, 1, 0);
    put(h, "</tbody>\n</table>\n</section>\n");
}

static void write_nps(html *h, const uint32_t *gorder)
{
    putf(h, "<section id=\"nps\">\n<h2>%s</h2>\n<p class=\"small muted\">%s</p>\n",
         tx(h, FL_W_HTML_NPS_H), tx(h, FL_W_HTML_NPS_EXPLAIN));
    if (!h->all.c.n_finished) {
        putf(h, "<p>%s</p>\n</section>\n", tx(h, FL_W_HTML_NO_FINISHED));
        return;
    }
    putf(h,
         "<table>\n<thead><tr><th>%s</th><th class=\"num\">%s</th><th class=\"num\">%s</th>"
         "<th class=\"num\">%s</th><th class=\"num\">%s</th><th class=\"num\">NPS</th><th></th>"
         "</tr></thead>\n<tbody>\n",
         tx(h, FL_W_HTML_GROUP), tx(h, FL_W_HTML_SURVEYS), tx(h, FL_W_HTML_DETRACTORS),
         tx(h, FL_W_HTML_PASSIVES), tx(h, FL_W_HTML_PROMOTERS));
    for (size_t i = 0; i < h->ng; i++)
        nps_row(h, &h->g[gorder[i]], 0, gorder[i]);
    nps_row(h, &h->all, 1, 0);
    put(h, "</tbody>\n</table>\n<ul class=\"legend\">");
    legend_item(h, C_DETRACTOR, tx(h, FL_W_HTML_DETRACTORS));
    legend_item(h, C_PASSIVE, tx(h, FL_W_HTML_PASSIVES));
    legend_item(h, C_PROMOTER, tx(h, FL_W_HTML_PROMOTERS));
    put(h, "</ul>\n</section>\n");
}

/* The histogram of overall scores in bins of ten (the last one 90-100), bars coloured by band. */
static void histogram(html *h, const group *g, const char *heading, uint32_t gi, int named)
{
    uint32_t bin[10] = {0};
    uint64_t sum = 0;
    uint32_t n = 0, max = 0;
    for (int v = 0; v <= 100; v++) {
        bin[v == 100 ? 9 : v / 10] += g->overall[v];
        sum += (uint64_t)v * g->overall[v];
        n += g->overall[v];
    }
    put(h, "<div class=\"card\"><h3>");
    if (named)
        put_group_name(h, gi);
    else
        put(h, heading);
    put(h, "</h3>");
    if (!n) {
        putf(h, "<p class=\"muted\">%s</p></div>\n", tx(h, FL_W_HTML_NO_FINISHED));
        return;
    }
    /* median: the mean of the values at ranks (n-1)/2 and n/2 */
    uint32_t lo_rank = (n - 1) / 2, hi_rank = n / 2, seen = 0;
    int lo = -1, hi = -1;
    for (int v = 0; v <= 100; v++) {
        seen += g->overall[v];
        if (lo < 0 && seen > lo_rank)
            lo = v;
        if (hi < 0 && seen > hi_rank)
            hi = v;
    }
    for (int i = 0; i < 10; i++)
        if (bin[i] > max)
            max = bin[i];
    uint32_t step = 1, mag = 1; /* 1, 2, 5, 10, 20, 50, ...: at most 5 intervals */
    while (max / step > 5) {
        step = step == mag ? 2 * mag : step == 2 * mag ? 5 * mag : 10 * mag;
        if (step == 10 * mag)
            mag *= 10;
    }
    uint32_t top = (max + step - 1) / step * step;
    if (top == 0)
        top = 1;

    const double x0 = 48, y0 = 180, cw = 44, ch = 160;
    put(h, "<svg viewBox=\"0 0 500 225\" width=\"500\" height=\"225\" role=\"img\">");
    for (uint32_t v = 0; v <= top; v += step) {
        double y = y0 - ch * v / top;
        putf(h,
             "<line x1=\"%g\" x2=\"%g\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>"
             "<text x=\"%g\" y=\"%.1f\" text-anchor=\"end\" font-size=\"11\" fill=\"%s\">%u"
             "</text>",
             x0, x0 + 10 * cw, y, y, C_GRID, x0 - 6, y + 4, C_AXIS, v);
    }
    for (int i = 0; i < 10; i++) {
        double bh = ch * bin[i] / top, x = x0 + i * cw;
        int b = band_index(i * 10);
        if (bin[i])
            putf(h,
                 "<rect x=\"%.1f\" y=\"%.1f\" width=\"%g\" height=\"%.1f\" fill=\"%s\">"
                 "<title>%d\u2013%d: %u</title></rect>"
                 "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"11\">%u</text>",
                 x + 3, y0 - bh, cw - 6, bh, band_colour[b], i * 10, i == 9 ? 100 : i * 10 + 9,
                 bin[i], x + cw / 2, y0 - bh - 4, bin[i]);
        putf(h,
             "<text x=\"%.1f\" y=\"%g\" text-anchor=\"middle\" font-size=\"10.5\" "
             "fill=\"%s\">%d\u2013%d</text>",
             x + cw / 2, y0 + 14, C_AXIS, i * 10, i == 9 ? 100 : i * 10 + 9);
    }
    putf(h,
         "<line x1=\"%g\" x2=\"%g\" y1=\"%g\" y2=\"%g\" stroke=\"%s\"/>"
         "<text x=\"%g\" y=\"218\" text-anchor=\"middle\" font-size=\"12\" fill=\"%s\">%s</text>"
         "<text transform=\"translate(13 %g) rotate(-90)\" text-anchor=\"middle\" "
         "font-size=\"12\" fill=\"%s\">%s</text></svg>",
         x0, x0 + 10 * cw, y0, y0, C_AXIS, x0 + 5 * cw, C_AXIS, tx(h, FL_W_HTML_AXIS_SCORE),
         y0 - ch / 2, C_AXIS, tx(h, FL_W_HTML_SESSIONS));
    char nbuf[48];
    putf(h, "<p class=\"small\">%s: %s &#183; %s: ", tx(h, FL_W_HTML_FINISHED), fmt_int(h, n, nbuf),
         tx(h, FL_W_HTML_MEAN));
    put_dec1(h, (double)sum / n);
    putf(h, " &#183; %s: ", tx(h, FL_W_HTML_MEDIAN));
    if ((lo + hi) % 2)
        put_dec1(h, (lo + hi) / 2.0);
    else
        putf(h, "%d", (lo + hi) / 2);
    put(h, "</p></div>\n");
}

static void write_distribution(html *h, const uint32_t *gorder)
{
    putf(h,
         "<section id=\"distribution\">\n<h2>%s</h2>\n<p class=\"small muted\">%s</p>\n"
         "<div class=\"grid wide\">\n",
         tx(h, FL_W_HTML_DIST_H), tx(h, FL_W_HTML_DIST_EXPLAIN));
    histogram(h, &h->all, tx(h, h->ng > 1 ? FL_W_HTML_ALL_GROUPS : FL_W_HTML_SESSIONS), 0, 0);
    if (h->ng > 1)
        for (size_t i = 0; i < h->ng; i++)
            histogram(h, &h->g[gorder[i]], NULL, gorder[i], 1);
    put(h, "</div>\n<ul class=\"legend\">");
    static const char *const band_label[5] = {"A (90\u2013100)", "B (80\u201389)", "C (70\u201379)",
                                              "D (60\u201369)", "F (0\u201359)"};
    for (int b = 0; b < 5; b++)
        legend_item(h, band_colour[b], band_label[b]);
    put(h, "</ul>\n</section>\n");
}

/* A kind of finding's name, readable, in the report's language; its rule id only in data-rule,
 * for readers that compute. */
static void kind_name(html *h, const kind *k)
{
    put(h, "<span class=\"rule\" data-rule=\"");
    esc_text(h, k->rule);
    putf(h, "\">%s</span>",
         tx(h, k->note ? FL_W_HTML_TRAINER_NOTE : fl_word_rule(h->texts.str[k->rule])));
}

/* A message or better alternative written in a scenario's language: marked when it is not the
 * report's, so that a screen reader reads it right. */
static void esc_text_lang(html *h, uint32_t id, int ru)
{
    if (ru != h->ru)
        putf(h, "<span lang=\"%s\">", ru ? "ru" : "en");
    esc_text(h, id);
    if (ru != h->ru)
        put(h, "</span>");
}

/* The better alternative of a table row (a dash when none), the last cell: closes the row. */
static void better_cell_end(html *h, uint32_t better, int better_ru)
{
    if (better != NONE)
        esc_text_lang(h, better, better_ru);
    else
        put(h, "\u2014");
    put(h, "</td></tr>\n");
}

/* The trainee's kinds of findings, critical mistakes first (all of them), then the most
 * frequent others up to TRAINEE_FINDINGS in all. */
static void trainee_findings(html *h, const trainee *t)
{
    if (!t->n_tk)
        return;
    putf(h, "<p class=\"small\"><b>%s</b></p><ul class=\"tf\">", tx(h, FL_W_HTML_TRAINEE_FINDINGS));
    for (uint32_t j = 0; j < t->n_tk; j++) {
        const tkind *e = &h->tk[h->tk_order[t->first_tk + j]];
        if (!e->critical && j >= TRAINEE_FINDINGS)
            break;
        const kind *k = &h->k[e->kind];
        put(h, e->critical ? "<li class=\"critical\">" : "<li>");
        if (e->critical)
            putf(h, "<span class=\"crit\">%s</span>", tx(h, FL_W_CRITICAL));
        kind_name(h, k);
        putf(h, " &#215;%u", e->count);
        if (k->dim >= 0)
            putf(h, " <span class=\"muted\">(%s)</span>", tx(h, fl_word_dimension(k->dim)));
        put(h, ": ");
        esc_text_lang(h, k->message, k->message_ru);
        put(h, "</li>");
    }
    put(h, "</ul>");
}

/* A trainee's dimension profile, their counts and findings: the first half of their detail. */
static void profile(html *h, const trainee *t)
{
    put(h, "<div class=\"card trainee\">");
    putf(h, "<h4>%s</h4>", tx(h, FL_W_RPT_PROFILE_ONE));
    putf(h, "<p class=\"small muted\">%s: %u, %s: %u", tx(h, FL_W_HTML_SESSIONS), t->c.n_sessions,
         tx(h, FL_W_HTML_FINISHED), t->c.n_finished);
    if (t->c.n_not_attempted)
        putf(h, ", %s: <span class=\"tna\">%u</span>", tx(h, FL_W_HTML_NOT_ATTEMPTED),
             t->c.n_not_attempted);
    if (t->c.n_finished) {
        putf(h, ", %s: <span class=\"tmean\">", tx(h, FL_W_HTML_MEAN_OVERALL));
        put_dec1(h, (double)t->overall_sum / t->c.n_finished);
        putf(h, "</span>, %s: %u", tx(h, FL_W_HTML_PASSED), t->c.n_passed);
    }
    putf(h, ", %s: <span class=\"tcrit\">", tx(h, FL_W_HTML_CRITICAL_N));
    put_critical_count(h, t->c.n_critical);
    put(h, "</span></p>");
    const double x0 = 130, bw = 200, rh = 22;
    putf(h, "<svg viewBox=\"0 0 380 %g\" width=\"380\" height=\"%g\" role=\"img\">",
         FL_DIM_COUNT * rh + 18, FL_DIM_COUNT * rh + 18);
    for (int v = 0; v <= 100; v += 25)
        putf(h,
             "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"0\" y2=\"%g\" stroke=\"%s\"/>"
             "<text x=\"%.1f\" y=\"%g\" text-anchor=\"middle\" font-size=\"9.5\" "
             "fill=\"%s\">%d</text>",
             x0 + bw * v / 100, x0 + bw * v / 100, FL_DIM_COUNT * rh, C_GRID, x0 + bw * v / 100,
             FL_DIM_COUNT * rh + 13, C_AXIS, v);
    for (int d = 0; d < FL_DIM_COUNT; d++) {
        double y = d * rh;
        putf(h,
             "<text x=\"%g\" y=\"%.1f\" text-anchor=\"end\" font-size=\"12\" "
             "fill=\"#222\">%s</text>",
             x0 - 6, y + 15, tx(h, fl_word_dimension(d)));
        if (!t->n[d]) {
            putf(h,
                 "<text x=\"%g\" y=\"%.1f\" font-size=\"12\" fill=\"#999\" "
                 "font-style=\"italic\">%s</text>",
                 x0 + 6, y + 15, tx(h, FL_W_HTML_NA));
            continue;
        }
        double mean = (double)t->sum[d] / t->n[d];
        putf(h,
             "<rect x=\"%g\" y=\"%.1f\" width=\"%.1f\" height=\"%g\" fill=\"%s\" rx=\"2\"/>"
             "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" font-weight=\"600\" fill=\"#222\">",
             x0, y + 4, bw * mean / 100, rh - 8, C_PROFILE, x0 + bw * mean / 100 + 5, y + 15);
        put_dec1(h, mean);
        put(h, "</text>");
    }
    put(h, "</svg>");
    trainee_findings(h, t);
    put(h, "</div>\n");
}

/* Trainees ordered by group (the no-group last) then name; groups likewise. */
static const html *sort_h;

static int group_cmp(uint32_t a, uint32_t b)
{
    const char *x = sort_h->texts.str[sort_h->g[a].name];
    const char *y = sort_h->texts.str[sort_h->g[b].name];
    if (!*x != !*y)
        return *x ? -1 : 1;
    return strcmp(x, y);
}

static int cmp_group(const void *a, const void *b)
{
    return group_cmp(*(const uint32_t *)a, *(const uint32_t *)b);
}

static int cmp_trainee(const void *a, const void *b)
{
    const trainee *x = &sort_h->tr[*(const uint32_t *)a], *y = &sort_h->tr[*(const uint32_t *)b];
    int c = group_cmp(x->group, y->group);
    return c ? c : strcmp(sort_h->texts.str[x->name], sort_h->texts.str[y->name]);
}

/* Critical mistakes first (they fail a session whatever else it scored), then by frequency. */
static int cmp_kind(const void *a, const void *b)
{
    const kind *x = &sort_h->k[*(const uint32_t *)a], *y = &sort_h->k[*(const uint32_t *)b];
    if (x->critical != y->critical)
        return x->critical > y->critical ? -1 : 1;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    if (x->lost != y->lost)
        return x->lost > y->lost ? -1 : 1;
    return *(const uint32_t *)a < *(const uint32_t *)b ? -1 : 1;
}

/* Critical first, then by frequency, then the order the overall table gives. */
static int cmp_tkind(const void *a, const void *b)
{
    const tkind *x = &sort_h->tk[*(const uint32_t *)a], *y = &sort_h->tk[*(const uint32_t *)b];
    if (x->critical != y->critical)
        return x->critical > y->critical ? -1 : 1;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    uint32_t ka = x->kind, kb = y->kind;
    int c = cmp_kind(&ka, &kb);
    return c ? c : (*(const uint32_t *)a < *(const uint32_t *)b ? -1 : 1);
}

/* Groups the trainees' kinds of findings by trainee (a counting sort) into h->tk_order, and
 * orders each trainee's with cmp_tkind. Returns 0, or -1 when out of memory. */
static int order_trainee_kinds(html *h)
{
    if (!(h->tk_order = malloc((h->ntk + 1) * sizeof *h->tk_order)))
        return -1;
    for (size_t t = 0; t < h->ntr; t++)
        h->tr[t].n_tk = 0;
    for (size_t i = 0; i < h->ntk; i++)
        h->tr[h->tk[i].trainee].n_tk++;
    uint32_t sum = 0;
    for (size_t t = 0; t < h->ntr; t++) {
        h->tr[t].first_tk = sum;
        sum += h->tr[t].n_tk;
        h->tr[t].n_tk = 0;
    }
    for (size_t i = 0; i < h->ntk; i++) {
        trainee *t = &h->tr[h->tk[i].trainee];
        h->tk_order[t->first_tk + t->n_tk++] = (uint32_t)i;
    }
    for (size_t t = 0; t < h->ntr; t++)
        qsort(h->tk_order + h->tr[t].first_tk, h->tr[t].n_tk, sizeof *h->tk_order, cmp_tkind);
    return 0;
}

/* A signed decimal with one digit, the minus as U+2212 (a hyphen reads as a dash in a table). */
static void put_signed1(html *h, double v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%.1f", v < 0 ? -v : v);
    if (v < 0 && strcmp(buf, "0.0") != 0)
        put(h, "\u2212");
    if (h->ru) {
        char *dot = strchr(buf, '.');
        if (dot)
            *dot = ',';
    }
    put(h, buf);
}

/* Each trainee's replies read aloud: how many, the mean loudness and pace of those heard, and
 * how many were loud, fast or not heard. Only when some reply was read aloud; reported beside
 * the score, never in a mean of it. Each figure cell carries its exact value in data-v. */
static void write_voice(html *h, const uint32_t *torder)
{
    if (!h->v_replies)
        return;
    putf(h,
         "<section id=\"voice\">\n<h2>%s</h2>\n<p class=\"small muted\">%s</p>\n"
         "<table class=\"voice\">\n<thead><tr><th>%s</th><th>%s</th><th class=\"num\">%s</th>"
         "<th class=\"num\">%s</th><th class=\"num\">%s</th><th class=\"num\">%s</th>"
         "<th class=\"num\">%s</th><th class=\"num\">%s</th></tr></thead>\n<tbody>\n",
         tx(h, FL_W_HTML_VOICE_H), tx(h, FL_W_HTML_VOICE_EXPLAIN), tx(h, FL_W_HTML_TRAINEE),
         tx(h, FL_W_HTML_GROUP), tx(h, FL_W_HTML_VOICE_REPLIES), tx(h, FL_W_HTML_VOICE_RMS),
         tx(h, FL_W_HTML_VOICE_RATE), tx(h, FL_W_HTML_VOICE_LOUD), tx(h, FL_W_HTML_VOICE_FAST),
         tx(h, FL_W_HTML_VOICE_SILENT));
    for (size_t i = 0; i < h->ntr; i++) {
        const trainee *t = &h->tr[torder[i]];
        if (!t->v_replies)
            continue;
        put(h, "<tr class=\"voice\"><td class=\"wrap v-trainee\">");
        esc_text(h, t->name);
        put(h, "</td><td class=\"wrap\">");
        if (*h->texts.str[h->g[t->group].name])
            esc_text(h, h->g[t->group].name);
        putf(h, "</td><td class=\"num v-replies\" data-v=\"%u\">%u</td>", t->v_replies,
             t->v_replies);
        if (t->v_heard) {
            double rms = t->v_rms_sum / t->v_heard, sps = t->v_sps_sum / t->v_heard;
            putf(h, "<td class=\"num v-rms\" data-v=\"%.6g\">", rms);
            put_signed1(h, rms);
            putf(h, "</td><td class=\"num v-rate\" data-v=\"%.6g\">", sps);
            put_dec1(h, sps);
            put(h, "</td>");
        } else {
            put(h, "<td class=\"num v-rms na\">\u2014</td><td class=\"num v-rate na\">\u2014</td>");
        }
        const uint32_t counts[3] = {t->v_loud, t->v_fast, t->v_silent};
        static const char *const cls[3] = {"v-loud", "v-fast", "v-silent"};
        /* (the style inline: a report without voice keeps its stylesheet as it was) */
        for (int k = 0; k < 3; k++)
            putf(h, "<td class=\"num %s\"%s data-v=\"%u\">%u</td>", cls[k],
                 k < 2 && counts[k] ? " style=\"color:" C_CRITICAL ";font-weight:600\"" : "",
                 counts[k], counts[k]);
        put(h, "</tr>\n");
    }
    put(h, "</tbody>\n</table>\n</section>\n");
}

static void write_findings(html *h)
{
    putf(h, "<section id=\"findings\">\n<h2>%s</h2>\n<p class=\"small muted\">%s</p>\n",
         tx(h, FL_W_HTML_FINDINGS_H), tx(h, FL_W_HTML_FINDINGS_EXPLAIN));
    if (!h->nk) {
        putf(h, "<p>\u2014</p>\n</section>\n");
        return;
    }
    uint32_t *order = malloc(h->nk * sizeof *order);
    size_t n = h->nk < TOP_FINDINGS ? h->nk : TOP_FINDINGS;
    if (!order) { /* fall back to the order of first appearance */
        n = 0;
    } else {
        for (size_t i = 0; i < h->nk; i++)
            order[i] = (uint32_t)i;
        qsort(order, h->nk, sizeof *order, cmp_kind);
    }
    putf(h,
         "<table>\n<thead><tr><th>%s</th><th>%s</th><th class=\"num\">%s</th>"
         "<th class=\"num\">%s</th><th class=\"num\">%s</th><th>%s</th><th>%s</th></tr></thead>"
         "\n<tbody>\n",
         tx(h, FL_W_HTML_FINDING), tx(h, FL_W_HTML_DIMENSION), tx(h, FL_W_HTML_TIMES),
         tx(h, FL_W_HTML_IN_SESSIONS), tx(h, FL_W_HTML_POINTS_LOST), tx(h, FL_W_HTML_EXAMPLE),
         tx(h, FL_W_HTML_BETTER));
    for (size_t i = 0; i < n; i++) {
        const kind *k = &h->k[order[i]];
        put(h, k->critical ? "<tr class=\"critical\"><td>" : "<tr><td>");
        if (k->critical)
            putf(h, "<span class=\"crit\">%s &#215;%u</span>", tx(h, FL_W_CRITICAL), k->critical);
        kind_name(h, k);
        putf(h,
             "</td><td>%s</td><td class=\"num\">%u</td><td class=\"num\">%u</td>"
             "<td class=\"num\">%llu</td><td>",
             k->dim >= 0 ? tx(h, fl_word_dimension(k->dim)) : "\u2014", k->count, k->sessions,
             (unsigned long long)k->lost);
        esc_text_lang(h, k->message, k->message_ru);
        put(h, "</td><td>");
        better_cell_end(h, k->better, k->better_ru);
    }
    put(h, "</tbody>\n</table>\n</section>\n");
    free(order);
}

/* Working arrays of the progress charts, allocated once for all trainees. */
typedef struct {
    uint32_t *slot_of, *mark;     /* per scenario: its line in the current chart, and whose chart */
    uint32_t *line_scen, *lstart; /* per line: its scenario, and where its points start in order */
    uint32_t *attempt, *line, *order; /* per session of the trainee; order: grouped by line */
} scratch;

/* A scenario's line style: colour, and a dash pattern for the second and third eight. */
static const char *scen_colour(uint32_t sc)
{
    return line_colour[sc % 8];
}

static const char *scen_dash(uint32_t sc)
{
    static const char *const dash[3] = {"", " stroke-dasharray=\"7 3\"",
                                        " stroke-dasharray=\"2 3\""};
    return dash[sc / 8 % 3];
}

/* One trainee's progress chart: sess[0..n) are their finished sessions in start order, one line
 * per scenario, a session's attempt number counted within its scenario. */
static void progress(html *h, uint32_t ti, const uint32_t *sess, size_t n, scratch *w)
{
    uint32_t nlines = 0, max_attempt = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t sc = h->s[sess[i]].scenario;
        if (w->mark[sc] != ti) {
            w->mark[sc] = ti;
            w->slot_of[sc] = nlines;
            w->line_scen[nlines] = sc;
            w->lstart[nlines++] = 0;
        }
        w->line[i] = w->slot_of[sc];
        w->attempt[i] = ++w->lstart[w->line[i]];
        if (w->attempt[i] > max_attempt)
            max_attempt = w->attempt[i];
    }
    uint32_t sum = 0; /* counts to start offsets, then each line's sessions in attempt order */
    for (uint32_t l = 0; l < nlines; l++) {
        uint32_t c = w->lstart[l];
        w->lstart[l] = sum;
        sum += c;
    }
    w->lstart[nlines] = sum;
    for (size_t i = 0; i < n; i++)
        w->order[w->lstart[w->line[i]] + w->attempt[i] - 1] = (uint32_t)i;

    putf(h, "<div class=\"card progress\"><h4>%s</h4>", tx(h, FL_W_HTML_PROGRESS_H));
    if (!n) {
        putf(h, "<p class=\"muted\">%s</p></div>\n", tx(h, FL_W_HTML_NO_FINISHED));
        return;
    }
    const double x0 = 42, y0 = 200, cw = 500, ch = 180;
    uint32_t span = max_attempt > 1 ? max_attempt - 1 : 1;
    int labels = max_attempt <= 25;
    putf(h, "<svg viewBox=\"0 0 560 240\" width=\"560\" height=\"240\" role=\"img\">");
    for (int v = 0; v <= 100; v += 20) {
        double y = y0 - ch * v / 100;
        putf(h,
             "<line x1=\"%g\" x2=\"%g\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>"
             "<text x=\"%g\" y=\"%.1f\" text-anchor=\"end\" font-size=\"11\" "
             "fill=\"%s\">%d</text>",
             x0, x0 + cw, y, y, C_GRID, x0 - 5, y + 4, C_AXIS, v);
    }
    uint32_t tick = 1;
    while (max_attempt / tick > 20)
        tick *= 2;
#define XPOS(a) (max_attempt > 1 ? x0 + 10 + (cw - 20) * ((a)-1) / (double)span : x0 + cw / 2)
#define YPOS(v) (y0 - ch * (v) / 100.0)
    for (uint32_t a = 1; a <= max_attempt; a += tick)
        putf(h,
             "<text x=\"%.1f\" y=\"%g\" text-anchor=\"middle\" font-size=\"11\" "
             "fill=\"%s\">%u</text>",
             XPOS(a), y0 + 14, C_AXIS, a);
    putf(h,
         "<text x=\"%g\" y=\"234\" text-anchor=\"middle\" font-size=\"12\" fill=\"%s\">%s</text>"
         "<text transform=\"translate(12 %g) rotate(-90)\" text-anchor=\"middle\" "
         "font-size=\"12\" fill=\"%s\">%s</text>",
         x0 + cw / 2, C_AXIS, tx(h, FL_W_ATTEMPT), y0 - ch / 2, C_AXIS,
         tx(h, FL_W_HTML_AXIS_SCORE));
    /* the lines, then the points and their labels over them */
    for (uint32_t l = 0; l < nlines; l++) {
        uint32_t sc = w->line_scen[l];
        if (w->lstart[l + 1] - w->lstart[l] < 2)
            continue;
        putf(h, "<polyline fill=\"none\" stroke-width=\"2\" stroke=\"%s\"%s points=\"",
             scen_colour(sc), scen_dash(sc));
        for (uint32_t j = w->lstart[l]; j < w->lstart[l + 1]; j++) {
            uint32_t i = w->order[j];
            putf(h, "%.1f,%.1f ", XPOS(w->attempt[i]), YPOS(h->s[sess[i]].overall));
        }
        put(h, "\"/>");
    }
    for (size_t i = 0; i < n; i++) {
        const session *s = &h->s[sess[i]];
        double x = XPOS(w->attempt[i]), y = YPOS(s->overall);
        putf(h, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>", x, y,
             scen_colour(s->scenario));
        esc_text(h, h->sc[s->scenario].title);
        putf(h, ", %s %u: %u</title></circle>", tx(h, FL_W_ATTEMPT), w->attempt[i], s->overall);
        if (labels)
            putf(h,
                 "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"11\" "
                 "fill=\"%s\">%u</text>",
                 x, s->overall > 88 ? y + 15 : y - 7, scen_colour(s->scenario), s->overall);
    }
#undef XPOS
#undef YPOS
    put(h, "</svg><ul class=\"legend\">");
    for (uint32_t l = 0; l < nlines; l++) {
        uint32_t sc = w->line_scen[l];
        putf(h,
             "<li><svg class=\"swl\" viewBox=\"0 0 18 10\" width=\"18\" height=\"10\"><line "
             "x1=\"0\" "
             "x2=\"18\" y1=\"5\" y2=\"5\" stroke-width=\"3\" stroke=\"%s\"%s/></svg>",
             scen_colour(sc), scen_dash(sc));
        esc_text(h, h->sc[sc].title);
        put(h, "</li>");
    }
    put(h, "</ul></div>\n");
}

/* ---- the room, the comparison, the trainees ---- */

static int cmp_by_trainee(const void *a, const void *b)
{
    const session *x = &sort_h->s[*(const uint32_t *)a], *y = &sort_h->s[*(const uint32_t *)b];
    if (x->trainee != y->trainee)
        return x->trainee < y->trainee ? -1 : 1;
    return *(const uint32_t *)a < *(const uint32_t *)b ? -1 : 1;
}

static void room_free(room *rm)
{
    free(rm->kind_tr);
    free(rm->citem_tr);
    free(rm->t_overall);
    free(rm->t_dim);
    memset(rm, 0, sizeof *rm);
}

/* The mean, population standard deviation (the room is the whole population, not a sample),
 * lowest and highest of the values v[i * stride] that are not NAN, i < n. */
static spread spread_of(const double *v, size_t n, size_t stride)
{
    spread sp = {0, 0, 0, 0, 0};
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        double x = v[i * stride];
        if (isnan(x))
            continue;
        if (!sp.n || x < sp.min)
            sp.min = x;
        if (!sp.n || x > sp.max)
            sp.max = x;
        sum += x;
        sp.n++;
    }
    if (!sp.n)
        return sp;
    sp.mean = sum / sp.n;
    double ss = 0;
    for (size_t i = 0; i < n; i++) {
        double x = v[i * stride];
        if (!isnan(x))
            ss += (x - sp.mean) * (x - sp.mean);
    }
    sp.sd = sqrt(ss / sp.n);
    return sp;
}

/*
 * The room's profile over the scored sessions sess[0..n), which hold at most one attempt per
 * trainee and scenario (their latest): each trainee's figures are the means over their
 * attempts, and the room's are across trainees, so a trainee who played five times weighs as
 * much as one who played once. Shares count trainees: one with a finding in two attempts is one.
 * Returns 0, or -1 when out of memory (*rm then owns nothing).
 */
static int room_of(html *h, const uint32_t *sess, size_t n, room *rm)
{
    memset(rm, 0, sizeof *rm);
    size_t nt = h->ntr;
    uint32_t *order = malloc((n + 1) * sizeof *order);
    uint32_t *kmark = calloc(h->nk + 1, sizeof *kmark);
    uint32_t *cmark = calloc(h->nci + 1, sizeof *cmark);
    rm->kind_tr = calloc(h->nk + 1, sizeof *rm->kind_tr);
    rm->citem_tr = calloc(h->nci + 1, sizeof *rm->citem_tr);
    rm->t_overall = malloc((nt + 1) * sizeof *rm->t_overall);
    rm->t_dim = malloc((nt * FL_DIM_COUNT + 1) * sizeof *rm->t_dim);
    if (!order || !kmark || !cmark || !rm->kind_tr || !rm->citem_tr || !rm->t_overall ||
        !rm->t_dim) {
        free(order);
        free(kmark);
        free(cmark);
        room_free(rm);
        return -1;
    }
    for (size_t t = 0; t < nt; t++) {
        rm->t_overall[t] = NAN;
        for (int d = 0; d < FL_DIM_COUNT; d++)
            rm->t_dim[t * FL_DIM_COUNT + d] = NAN;
    }
    if (n) /* (sess is NULL when no session was scored) */
        memcpy(order, sess, n * sizeof *order);
    qsort(order, n, sizeof *order, cmp_by_trainee);
    for (size_t i = 0; i < n;) {
        uint32_t t = h->s[order[i]].trainee;
        uint64_t osum = 0, dsum[FL_DIM_COUNT] = {0};
        uint32_t on = 0, dn[FL_DIM_COUNT] = {0};
        int crit = 0;
        for (; i < n && h->s[order[i]].trainee == t; i++) {
            const session *s = &h->s[order[i]];
            rm->n_attempts++;
            rm->n_passed += s->passed;
            rm->nps[s->nps <= 6 ? 0 : s->nps <= 8 ? 1 : 2]++;
            osum += s->overall;
            on++;
            for (int d = 0; d < FL_DIM_COUNT; d++)
                if (s->applicable & (1u << d)) {
                    dsum[d] += s->score[d];
                    dn[d]++;
                }
            crit |= s->critical > 0;
            for (uint32_t j = 0; j < s->nkinds; j++) {
                uint32_t k = h->marks[s->kfirst + j];
                if (kmark[k] != t + 1) {
                    kmark[k] = t + 1;
                    rm->kind_tr[k]++;
                }
            }
            for (uint32_t j = 0; j < s->ncrit; j++) {
                uint32_t c = h->cmarks[s->cfirst + j];
                if (cmark[c] != t + 1) {
                    cmark[c] = t + 1;
                    rm->citem_tr[c]++;
                }
            }
        }
        rm->n_trainees++;
        rm->crit_trainees += crit != 0;
        rm->t_overall[t] = (double)osum / on;
        for (int d = 0; d < FL_DIM_COUNT; d++)
            if (dn[d])
                rm->t_dim[t * FL_DIM_COUNT + d] = (double)dsum[d] / dn[d];
    }
    rm->overall = spread_of(rm->t_overall, nt, 1);
    for (int d = 0; d < FL_DIM_COUNT; d++)
        rm->dim[d] = spread_of(rm->t_dim + d, nt, FL_DIM_COUNT);
    free(order);
    free(kmark);
    free(cmark);
    return 0;
}

/* "11 of 20 trainees (55%)", «11 из 20 участников (55 %)»: part of the room, as the language
 * writes it. */
static void put_share(html *h, uint32_t part, uint32_t n)
{
    char a[48], b[96];
    putf(h, fl_word(FL_W_RPT_N_OF, h->ru), fmt_int(h, part, a),
         fl_format_count(b, sizeof b, h->ru, n, FL_W_PL_TRAINEES_OF));
    if (n) {
        put(h, " (");
        put_pct(h, part, n);
        put(h, ")");
    }
}

/* A critical item's readable name: the rule's that explains it where there is one. */
static void citem_name(html *h, const citem *c)
{
    const char *item = h->texts.str[c->name];
    fl_word_id w = fl_word_critical_item(item);
    if (w != FL_W_NONE) {
        put(h, tx(h, w));
        return;
    }
    /* the other items are signals a scenario made critical ("apology"): a reply carrying it */
    const char *fmt = tx(h, FL_W_RPT_CRIT_SIGNAL);
    const char *pct = strstr(fmt, "%s");
    fwrite(fmt, 1, (size_t)(pct - fmt), h->o->out);
    put(h, h->ru ? "\u00ab" : "\u201c");
    esc(h, item);
    put(h, h->ru ? "\u00bb" : "\u201d");
    put(h, pct + 2);
}

/* A value 0..100 written with its exact figure: <td class="num cls" data-v="...">72.5</td>. */
static void dec_cell(html *h, const char *cls, double v)
{
    putf(h, "<td class=\"num %s\" data-v=\"%.6f\">", cls, v);
    put_dec1(h, v);
    put(h, "</td>");
}

/* The spread of a dimension across trainees, drawn over 0..100: the range from the lowest to the
 * highest trainee, the mean plus and minus sigma darker, and the mean as a bar. */
static void spread_chart(html *h, const spread *sp)
{
    const double w = 200, x0 = 4;
#define SX(v) (x0 + w * (v) / 100.0)
    putf(h, "<svg class=\"spread\" viewBox=\"0 0 208 18\" width=\"208\" height=\"18\" role=\"img\">"
            "<title>");
    put_dec1(h, sp->min);
    put(h, "\u2013");
    put_dec1(h, sp->max);
    putf(h, "</title><rect x=\"%g\" y=\"8\" width=\"%g\" height=\"2\" fill=\"%s\"/>", x0, w,
         C_GRID);
    double lo = sp->mean - sp->sd < 0 ? 0 : sp->mean - sp->sd;
    double hi = sp->mean + sp->sd > 100 ? 100 : sp->mean + sp->sd;
    putf(h,
         "<rect x=\"%.1f\" y=\"5\" width=\"%.1f\" height=\"8\" fill=\"#c5d5ec\"/>"
         "<rect x=\"%.1f\" y=\"3\" width=\"%.1f\" height=\"12\" fill=\"#8eaedb\"/>"
         "<rect x=\"%.1f\" y=\"1\" width=\"3\" height=\"16\" fill=\"%s\"/>",
         SX(sp->min), SX(sp->max) - SX(sp->min) + 0.5, SX(lo), SX(hi) - SX(lo) + 0.5,
         SX(sp->mean) - 1.5, C_PROFILE);
#undef SX
    put(h, "</svg>");
}

static void room_row(html *h, const char *label, const char *key, const spread *sp, int total)
{
    putf(h, "<tr class=\"room-row%s\" data-dim=\"%s\"><td>%s</td>", total ? " total" : "", key,
         label);
    if (!sp->n) {
        putf(h, "<td class=\"num na\" colspan=\"4\">%s</td><td></td></tr>\n", tx(h, FL_W_HTML_NA));
        return;
    }
    dec_cell(h, "m-mean", sp->mean);
    dec_cell(h, "m-sd", sp->sd);
    putf(h, "<td class=\"num m-range\" data-min=\"%.6f\" data-max=\"%.6f\">", sp->min, sp->max);
    put_dec1(h, sp->min);
    put(h, "\u2013");
    put_dec1(h, sp->max);
    putf(h, "</td><td class=\"num m-n\">%u</td><td>", sp->n);
    spread_chart(h, sp);
    put(h, "</td></tr>\n");
}

static const room *sort_room;

/* Most widespread first; ties: critical mistakes first, then as the findings table orders. */
static int cmp_room_kind(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    if (sort_room->kind_tr[x] != sort_room->kind_tr[y])
        return sort_room->kind_tr[x] > sort_room->kind_tr[y] ? -1 : 1;
    return cmp_kind(a, b);
}

static int cmp_room_citem(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    if (sort_room->citem_tr[x] != sort_room->citem_tr[y])
        return sort_room->citem_tr[x] > sort_room->citem_tr[y] ? -1 : 1;
    int c = strcmp(sort_h->texts.str[sort_h->ci[x].name], sort_h->texts.str[sort_h->ci[y].name]);
    return c ? c : (x < y ? -1 : 1);
}

static int nps_of_counts(html *h, const uint32_t c[3], char *buf)
{
    if (!(c[0] + c[1] + c[2]))
        return snprintf(buf, 48, "%s", tx(h, FL_W_HTML_NA)), 0;
    int v = nps_value(c);
    snprintf(buf, 48, "%s%d", v > 0 ? "+" : v < 0 ? "\u2212" : "", v < 0 ? -v : v);
    return 1;
}

static void write_room_critical(html *h, const room *rm, uint32_t *order)
{
    size_t n = 0;
    for (size_t i = 0; i < h->nci; i++)
        if (rm->citem_tr[i])
            order[n++] = (uint32_t)i;
    putf(h, "<h3>%s</h3>\n<p class=\"small muted\">%s</p>\n", tx(h, FL_W_RPT_CRIT_H),
         tx(h, FL_W_RPT_CRIT_EXPLAIN));
    if (!n) {
        putf(h, "<p id=\"room-no-critical\">%s</p>\n", tx(h, FL_W_RPT_NO_CRITICAL));
        return;
    }
    sort_room = rm;
    qsort(order, n, sizeof *order, cmp_room_citem);
    putf(h,
         "<div class=\"scroll\"><table class=\"room-crit\">\n<thead><tr><th>%s</th><th "
         "class=\"num\">%s</th>"
         "<th>%s</th></tr></thead>\n<tbody>\n",
         tx(h, FL_W_RES_CRITICAL_TAG), tx(h, FL_W_RPT_SHARE), tx(h, FL_W_HTML_BETTER));
    for (size_t i = 0; i < n; i++) {
        const citem *c = &h->ci[order[i]];
        put(h, "<tr class=\"room-crit\" data-item=\"");
        esc_text(h, c->name);
        putf(h, "\" data-n=\"%u\" data-of=\"%u\"><td><span class=\"crit\">%s</span>",
             rm->citem_tr[order[i]], rm->n_trainees, tx(h, FL_W_CRITICAL));
        citem_name(h, c);
        put(h, "</td><td class=\"num share\">");
        put_share(h, rm->citem_tr[order[i]], rm->n_trainees);
        put(h, "</td><td>");
        better_cell_end(h, c->better, c->better_ru);
    }
    put(h, "</tbody>\n</table></div>\n");
}

static void write_room_findings(html *h, const room *rm, uint32_t *order)
{
    size_t n = 0;
    for (size_t i = 0; i < h->nk; i++)
        if (rm->kind_tr[i])
            order[n++] = (uint32_t)i;
    if (!n)
        return;
    sort_room = rm;
    qsort(order, n, sizeof *order, cmp_room_kind);
    if (n > TOP_FINDINGS)
        n = TOP_FINDINGS;
    putf(h,
         "<h3>%s</h3>\n<p class=\"small muted\">%s</p>\n<div class=\"scroll\"><table "
         "class=\"room-kinds\">\n<thead><tr>"
         "<th>%s</th><th>%s</th><th class=\"num\">%s</th><th>%s</th></tr></thead>\n<tbody>\n",
         tx(h, FL_W_RPT_FREQ_H), tx(h, FL_W_RPT_FREQ_EXPLAIN), tx(h, FL_W_HTML_FINDING),
         tx(h, FL_W_HTML_DIMENSION), tx(h, FL_W_RPT_SHARE), tx(h, FL_W_HTML_BETTER));
    for (size_t i = 0; i < n; i++) {
        const kind *k = &h->k[order[i]];
        put(h, "<tr class=\"room-kind\" data-rule=\"");
        esc_text(h, k->rule);
        putf(h, "\" data-dim=\"%s\" data-n=\"%u\" data-of=\"%u\"><td>",
             k->dim >= 0 ? fl_dimension_name((fl_dimension)k->dim) : "", rm->kind_tr[order[i]],
             rm->n_trainees);
        if (k->critical)
            putf(h, "<span class=\"crit\">%s</span>", tx(h, FL_W_CRITICAL));
        kind_name(h, k);
        putf(h, "</td><td>%s</td><td class=\"num share\">",
             k->dim >= 0 ? tx(h, fl_word_dimension(k->dim)) : "\u2014");
        put_share(h, rm->kind_tr[order[i]], rm->n_trainees);
        put(h, "</td><td>");
        better_cell_end(h, k->better, k->better_ru);
    }
    put(h, "</tbody>\n</table></div>\n");
}

/* The room's profile: the trainees counted, the pass rate and NPS of their attempts, each
 * dimension's mean and spread across them, and the share of the room with each critical mistake
 * and each finding. */
static int write_room(html *h, const room *rm)
{
    putf(h, "<section id=\"room\">\n<h2>%s</h2>\n<p class=\"small muted\">%s</p>\n",
         tx(h, FL_W_RPT_ROOM_H), tx(h, FL_W_RPT_ROOM_EXPLAIN));
    if (!rm->n_trainees) {
        putf(h, "<p>%s</p>\n</section>\n", tx(h, FL_W_HTML_NO_FINISHED));
        return 0;
    }
    char buf[48];
    put(h, "<dl class=\"counts\">");
    put_count(h, FL_W_HTML_TRAINEES, rm->n_trainees);
    put_count(h, FL_W_RPT_ATTEMPTS_USED, rm->n_attempts);
    putf(h, "<div><dt>%s</dt><dd id=\"room-pass\" data-n=\"%u\" data-of=\"%u\">",
         tx(h, FL_W_HTML_PASS_RATE), rm->n_passed, rm->n_attempts);
    put_pct(h, rm->n_passed, rm->n_attempts);
    nps_of_counts(h, rm->nps, buf);
    putf(h, "</dd></div><div><dt>NPS</dt><dd id=\"room-nps\" class=\"nps\">%s</dd></div>", buf);
    putf(h, "<div><dt>%s</dt><dd id=\"room-crit\" data-n=\"%u\" data-of=\"%u\">",
         tx(h, FL_W_RPT_CRIT_TRAINEES), rm->crit_trainees, rm->n_trainees);
    put_share(h, rm->crit_trainees, rm->n_trainees);
    put(h, "</dd></div></dl>\n");
    putf(h,
         "<div class=\"scroll\"><table class=\"room\">\n<thead><tr><th>%s</th><th "
         "class=\"num\">%s</th>"
         "<th class=\"num\">%s</th><th class=\"num\">%s</th><th class=\"num\">%s</th>"
         "<th>%s</th></tr></thead>\n<tbody>\n",
         tx(h, FL_W_RPT_MEASURE), tx(h, FL_W_HTML_MEAN), tx(h, FL_W_RPT_SD), tx(h, FL_W_RPT_RANGE),
         tx(h, FL_W_HTML_TRAINEES), tx(h, FL_W_RPT_RANGE_CHART));
    for (int d = 0; d < FL_DIM_COUNT; d++)
        room_row(h, tx(h, fl_word_dimension(d)), fl_dimension_name((fl_dimension)d), &rm->dim[d],
                 0);
    room_row(h, tx(h, FL_W_HTML_AXIS_SCORE), "overall", &rm->overall, 1);
    put(h, "</tbody>\n</table></div>\n");
    uint32_t *order = malloc((h->nk + h->nci + 1) * sizeof *order);
    if (!order) {
        oom();
        return -1;
    }
    write_room_critical(h, rm, order);
    write_room_findings(h, rm, order);
    free(order);
    put(h, "</section>\n");
    return 0;
}

/* ---- comparison ---- */

enum { V_DEC1, V_PCT, V_INT, V_NPS };

/* One measure on every side: its value (has[i] 0: no data there), how it is written, and whether
 * up is better (1), worse (-1) or neither (0). */
typedef struct {
    const char *label; /* HTML, written as it is */
    const char *key;   /* data-m, for readers that compute */
    int kind, good;
} measure;

/* The shown value as an integer of its smallest step (tenths for V_DEC1): the change is between
 * what the table shows, so it adds up as a reader checks it. */
static long long shown(int form, double v)
{
    if (form != V_DEC1)
        return llround(v);
    char buf[32]; /* as put_dec1 rounds it */
    snprintf(buf, sizeof buf, "%.1f", v);
    return llround(strtod(buf, NULL) * 10);
}

static void put_value(html *h, int form, double v)
{
    if (form == V_DEC1)
        put_dec1(h, v);
    else if (form == V_PCT)
        put_pct_value(h, (int)llround(v));
    else {
        char buf[48];
        if (form == V_NPS && llround(v) > 0)
            put(h, "+");
        put(h, fmt_int(h, llround(v), buf));
    }
}

/* The change from a to b as a cell: the arrow and the words say the direction (never the colour
 * alone), and better or worse when the measure has a good direction. */
static void change_cell(html *h, const measure *m, double a, double b)
{
    long long d = shown(m->kind, b) - shown(m->kind, a);
    int good = d == 0 || !m->good ? 0 : (d > 0) == (m->good > 0) ? 1 : -1;
    putf(h, "<td class=\"num chg %s%s\" data-v=\"%lld\">",
         d > 0   ? "up"
         : d < 0 ? "down"
                 : "same",
         good > 0   ? " better"
         : good < 0 ? " worse"
                    : "",
         d);
    if (d == 0) {
        putf(h, "= <span class=\"w\">%s</span></td>", tx(h, FL_W_RPT_NO_CHANGE));
        return;
    }
    put(h, d > 0 ? "\u25b2 +" : "\u25bc \u2212");
    long long ad = d < 0 ? -d : d;
    if (m->kind == V_DEC1) {
        put_dec1(h, ad / 10.0);
    } else {
        char buf[48];
        put(h, fmt_int(h, ad, buf));
        if (m->kind == V_PCT) /* a change of a percentage is in percentage points */
            putf(h, "\u00a0%s", tx(h, FL_W_RPT_PP));
    }
    putf(h, " <span class=\"w\">%s", tx(h, d > 0 ? FL_W_RPT_UP : FL_W_RPT_DOWN));
    if (good)
        putf(h, ", %s", tx(h, good > 0 ? FL_W_RPT_BETTER : FL_W_RPT_WORSE));
    put(h, "</span></td>");
}

/* A row of the comparison: the value on each side, and after each side but the first the change
 * from the side before. */
static void compare_row(html *h, const measure *m, const double *v, const int *has, size_t ns,
                        const char *extra)
{
    putf(h, "<tr class=\"cmp\" data-m=\"%s\"%s><td>%s</td>", m->key, extra ? extra : "", m->label);
    for (size_t i = 0; i < ns; i++) {
        if (has[i]) {
            putf(h, "<td class=\"num side\" data-v=\"%.6f\">", v[i]);
            put_value(h, m->kind, v[i]);
            put(h, "</td>");
        } else {
            putf(h, "<td class=\"num side na\">%s</td>", tx(h, FL_W_RPT_NO_DATA));
        }
        if (i == 0)
            continue;
        if (has[i] && has[i - 1])
            change_cell(h, m, v[i - 1], v[i]);
        else
            put(h, "<td class=\"num chg\">\u2014</td>");
    }
    put(h, "</tr>\n");
}

static void write_trainee_changes(html *h, const room *rooms, size_t ns, const uint32_t *torder)
{
    putf(h, "<h3>%s</h3>\n<p class=\"small muted\">%s</p>\n", tx(h, FL_W_RPT_TRAINEE_CHANGE_H),
         tx(h, FL_W_RPT_TRAINEE_CHANGE_EXPLAIN));
    size_t rows = 0;
    for (size_t i = 0; i < h->ntr; i++) {
        uint32_t t = torder[i];
        size_t present = 0;
        for (size_t k = 0; k < ns; k++)
            present += !isnan(rooms[k].t_overall[t]);
        if (present < 2)
            continue;
        if (!rows++) {
            putf(h,
                 "<div class=\"scroll\"><table "
                 "class=\"tchange\">\n<thead><tr><th>%s</th><th>%s</th>",
                 tx(h, FL_W_HTML_TRAINEE), tx(h, FL_W_HTML_GROUP));
            for (size_t k = 0; k < ns; k++) {
                put(h, "<th class=\"num\">");
                esc_text(h, h->sides[k].name);
                put(h, "</th>");
            }
            putf(h, "<th class=\"num\">%s</th></tr></thead>\n<tbody>\n", tx(h, FL_W_RPT_CHANGE));
        }
        const trainee *tr = &h->tr[t];
        put(h, "<tr class=\"tchg\"><td class=\"wrap tc-name\">");
        esc_text(h, tr->name);
        put(h, "</td><td class=\"wrap\">");
        if (*h->texts.str[h->g[tr->group].name])
            esc_text(h, h->g[tr->group].name);
        put(h, "</td>");
        double first = NAN, last = NAN;
        for (size_t k = 0; k < ns; k++) {
            double v = rooms[k].t_overall[t];
            if (isnan(v)) {
                put(h, "<td class=\"num side na\">\u2014</td>");
                continue;
            }
            if (isnan(first))
                first = v;
            last = v;
            dec_cell(h, "side", v);
        }
        measure m = {"", "trainee", V_DEC1, 1};
        change_cell(h, &m, first, last);
        put(h, "</tr>\n");
    }
    if (rows)
        put(h, "</tbody>\n</table></div>\n");
    else
        putf(h, "<p>%s</p>\n", tx(h, FL_W_RPT_NO_TRAINEE_CHANGE));
}

/* The comparison of the sides (sessions of the day, or stores): each computed as the room's
 * profile is, on its own sessions. Returns 0, or -1 when out of memory. */
static int write_compare(html *h, const uint32_t *torder)
{
    if (h->side_kind == FL_COMPARE_NONE)
        return 0;
    if (h->o->compare == FL_COMPARE_AUTO && h->nsides < 2)
        return 0;
    size_t ns = h->nsides;
    putf(h, "<section id=\"compare\">\n<h2>%s</h2>\n<p class=\"small muted\">%s</p>\n",
         tx(h, h->side_kind == FL_COMPARE_SOURCE ? FL_W_RPT_CMP_SOURCE_H : FL_W_RPT_CMP_SESSION_H),
         tx(h, FL_W_RPT_CMP_EXPLAIN));
    if (h->n_no_side) {
        char buf[48];
        put(h, "<p class=\"small\" id=\"compare-left-out\">");
        putf(h, tx(h, FL_W_RPT_CMP_LEFT_OUT), fmt_int(h, h->n_no_side, buf));
        put(h, "</p>\n");
    }
    if (ns < 2) {
        putf(h, "<p id=\"compare-one\">%s</p>\n</section>\n", tx(h, FL_W_RPT_CMP_ONE_SIDE));
        return 0;
    }
    /* each side's latest attempts, then each side's room */
    uint32_t *start = calloc(ns + 2, sizeof *start);
    uint32_t *by = malloc((h->nlatest_side + 1) * sizeof *by);
    room *rooms = calloc(ns, sizeof *rooms);
    double *v = malloc(2 * ns * sizeof *v);
    int *has = malloc(ns * sizeof *has);
    int rc = -1;
    if (!start || !by || !rooms || !v || !has)
        goto out;
    for (size_t i = 0; i < h->nlatest_side; i++)
        start[h->s[h->latest_side[i]].side + 2]++;
    for (size_t k = 0; k < ns; k++)
        start[k + 2] += start[k + 1];
    for (size_t i = 0; i < h->nlatest_side; i++)
        by[start[h->s[h->latest_side[i]].side + 1]++] = h->latest_side[i];
    for (size_t k = 0; k < ns; k++)
        if (room_of(h, by + start[k], start[k + 1] - start[k], &rooms[k]) < 0)
            goto out;

    putf(h, "<div class=\"scroll\"><table class=\"compare\">\n<thead><tr><th>%s</th>",
         tx(h, FL_W_RPT_MEASURE));
    for (size_t k = 0; k < ns; k++) {
        put(h, "<th class=\"num side-name\">");
        esc_text(h, h->sides[k].name);
        put(h, "</th>");
        if (k)
            putf(h, "<th class=\"num\">%s</th>", tx(h, FL_W_RPT_CHANGE));
    }
    put(h, "</tr></thead>\n<tbody>\n");
    measure m = {tx(h, FL_W_HTML_TRAINEES), "trainees", V_INT, 0};
    for (size_t k = 0; k < ns; k++) {
        v[k] = rooms[k].n_trainees;
        has[k] = 1;
    }
    compare_row(h, &m, v, has, ns, NULL);
    for (int d = 0; d <= FL_DIM_COUNT; d++) {
        measure md = {d < FL_DIM_COUNT ? tx(h, fl_word_dimension(d)) : tx(h, FL_W_HTML_AXIS_SCORE),
                      d < FL_DIM_COUNT ? fl_dimension_name((fl_dimension)d) : "overall", V_DEC1, 1};
        for (size_t k = 0; k < ns; k++) {
            const spread *sp = d < FL_DIM_COUNT ? &rooms[k].dim[d] : &rooms[k].overall;
            v[k] = sp->mean;
            has[k] = sp->n > 0;
        }
        compare_row(h, &md, v, has, ns, d == FL_DIM_COUNT ? " id=\"cmp-overall\"" : NULL);
    }
    measure mp = {tx(h, FL_W_HTML_PASS_RATE), "pass", V_PCT, 1};
    for (size_t k = 0; k < ns; k++) {
        has[k] = rooms[k].n_attempts > 0;
        v[k] = has[k] ? percent(rooms[k].n_passed, rooms[k].n_attempts) : 0;
    }
    compare_row(h, &mp, v, has, ns, NULL);
    measure mn = {"NPS", "nps", V_NPS, 1};
    for (size_t k = 0; k < ns; k++) {
        has[k] = rooms[k].n_attempts > 0;
        v[k] = has[k] ? nps_value(rooms[k].nps) : 0;
    }
    compare_row(h, &mn, v, has, ns, NULL);
    measure mc = {tx(h, FL_W_RPT_CRIT_TRAINEES), "critical", V_PCT, -1};
    for (size_t k = 0; k < ns; k++) {
        has[k] = rooms[k].n_trainees > 0;
        v[k] = has[k] ? percent(rooms[k].crit_trainees, rooms[k].n_trainees) : 0;
    }
    compare_row(h, &mc, v, has, ns, NULL);
    /* each critical mistake some side has: the share of that side's trainees */
    for (size_t c = 0; c < h->nci; c++) {
        int any = 0;
        for (size_t k = 0; k < ns; k++)
            any |= rooms[k].citem_tr[c] > 0;
        if (!any)
            continue;
        for (size_t k = 0; k < ns; k++) {
            has[k] = rooms[k].n_trainees > 0;
            v[k] = has[k] ? percent(rooms[k].citem_tr[c], rooms[k].n_trainees) : 0;
        }
        putf(h, "<tr class=\"cmp crit-item\" data-m=\"critical:");
        esc_text(h, h->ci[c].name);
        putf(h, "\"><td><span class=\"crit\">%s</span>", tx(h, FL_W_CRITICAL));
        citem_name(h, &h->ci[c]);
        put(h, "</td>");
        measure mi = {"", "", V_PCT, -1};
        for (size_t k = 0; k < ns; k++) {
            if (has[k]) {
                putf(h, "<td class=\"num side\" data-v=\"%.6f\">", v[k]);
                put_value(h, V_PCT, v[k]);
                put(h, "</td>");
            } else {
                putf(h, "<td class=\"num side na\">%s</td>", tx(h, FL_W_RPT_NO_DATA));
            }
            if (!k)
                continue;
            if (has[k] && has[k - 1])
                change_cell(h, &mi, v[k - 1], v[k]);
            else
                put(h, "<td class=\"num chg\">\u2014</td>");
        }
        put(h, "</tr>\n");
    }
    put(h, "</tbody>\n</table></div>\n");
    write_trainee_changes(h, rooms, ns, torder);
    put(h, "</section>\n");
    rc = 0;
out:
    if (rc < 0)
        oom();
    if (rooms)
        for (size_t k = 0; k < ns; k++)
            room_free(&rooms[k]);
    free(start);
    free(by);
    free(rooms);
    free(v);
    free(has);
    return rc;
}

/* ---- the trainees ---- */

/* The compact table of the trainees (what prints), one row each: the counts over all their
 * sessions, and the dimension figures the room's profile uses. */
static void trainees_table(html *h, const uint32_t *torder, const room *rm)
{
    putf(h,
         "<div class=\"scroll\"><table class=\"trainees\">\n<thead><tr><th>%s</th><th>%s</th><th "
         "class=\"num\">%s</th>"
         "<th class=\"num\">%s</th><th class=\"num\">%s</th><th class=\"num\">%s</th>"
         "<th class=\"num\">%s</th><th class=\"num\">%s</th>",
         tx(h, FL_W_HTML_TRAINEE), tx(h, FL_W_HTML_GROUP), tx(h, FL_W_HTML_SESSIONS),
         tx(h, FL_W_HTML_FINISHED), tx(h, FL_W_HTML_MEAN), tx(h, FL_W_RPT_BEST),
         tx(h, FL_W_HTML_PASSED), tx(h, FL_W_HTML_CRITICAL_N));
    for (int d = 0; d < FL_DIM_COUNT; d++)
        putf(h, "<th class=\"num dim\">%s</th>", tx(h, fl_word_dimension(d)));
    put(h, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < h->ntr; i++) {
        uint32_t ti = torder[i];
        const trainee *t = &h->tr[ti];
        put(h, "<tr class=\"trow\"><td class=\"wrap t-name\">");
        esc_text(h, t->name);
        put(h, "</td><td class=\"wrap\">");
        if (*h->texts.str[h->g[t->group].name])
            esc_text(h, h->g[t->group].name);
        putf(h, "</td><td class=\"num\">%u</td><td class=\"num\">%u</td>", t->c.n_sessions,
             t->c.n_finished);
        if (t->c.n_finished) {
            dec_cell(h, "t-mean", (double)t->overall_sum / t->c.n_finished);
            putf(h, "<td class=\"num t-best\">%d</td>", t->best);
        } else {
            put(h, "<td class=\"num na\">\u2014</td><td class=\"num na\">\u2014</td>");
        }
        putf(h, "<td class=\"num\">%u</td><td class=\"num t-crit\">", t->c.n_passed);
        put_critical_count(h, t->c.n_critical);
        put(h, "</td>");
        for (int d = 0; d < FL_DIM_COUNT; d++) {
            double v = rm->t_dim[ti * FL_DIM_COUNT + d];
            /* whole points: a matrix of seven columns reads at a glance (the exact figure in
             * data-v, the room's means with their decimal above) */
            if (isnan(v))
                putf(h, "<td class=\"num na\">%s</td>", tx(h, FL_W_HTML_NA));
            else
                putf(h, "<td class=\"num t-dim\" data-dim=\"%s\" data-v=\"%.6f\">%.0f</td>",
                     fl_dimension_name((fl_dimension)d), v, v);
        }
        put(h, "</tr>\n");
    }
    put(h, "</tbody>\n</table></div>\n");
}

/* The one line a trainee's closed detail shows: name, group, attempts, mean, best, passed. */
static void trainee_summary(html *h, const trainee *t)
{
    put(h, "<summary><span class=\"t-name\">");
    esc_text(h, t->name);
    put(h, "</span> <span class=\"muted small\">");
    put_group_name(h, t->group);
    char attempts[96];
    putf(h, "</span> <span class=\"t-sum small\">%s",
         fl_format_count(attempts, sizeof attempts, h->ru, t->c.n_sessions, FL_W_PL_ATTEMPTS));
    if (t->c.n_finished) {
        putf(h, " &#183; %s: ", tx(h, FL_W_HTML_MEAN));
        put_dec1(h, (double)t->overall_sum / t->c.n_finished);
        putf(h, " &#183; %s: %d &#183; %s: %u", tx(h, FL_W_RPT_BEST), t->best,
             tx(h, FL_W_HTML_PASSED), t->c.n_passed);
    }
    if (t->c.n_critical)
        putf(h, " &#183; <span class=\"crit\">%s &#215;%u</span>", tx(h, FL_W_CRITICAL),
             t->c.n_critical);
    put(h, "</span></summary>");
}

/*
 * The trainees: the compact table, then one closed <details> per trainee with their dimension
 * profile, findings and progress over attempts (the charts only for whoever opens it, and not
 * printed: a printed report shows the room, then the table). Returns 0, or -1 when out of memory.
 */
static int write_trainees(html *h, const uint32_t *torder, const room *rm)
{
    putf(h, "<section id=\"trainees\">\n<h2>%s</h2>\n<p class=\"small muted\">%s</p>\n",
         tx(h, FL_W_RPT_TRAINEES_H), tx(h, FL_W_RPT_TRAINEES_EXPLAIN));
    if (!h->ntr) {
        putf(h, "<p>%s</p>\n</section>\n", tx(h, FL_W_HTML_NO_SESSIONS));
        return 0;
    }
    trainees_table(h, torder, rm);
    /* the finished sessions bucketed by trainee, in start order (a counting sort) */
    size_t nt = h->ntr, nsc = h->nsc, nf = h->all.c.n_finished;
    uint32_t *start = calloc(2 * nt + 1, sizeof *start); /* then nt fill positions */
    uint32_t *by = malloc((nf + 1) * sizeof *by);
    uint32_t *block = malloc((2 * nsc + 5 * (nf + 1)) * sizeof *block);
    if (!start || !by || !block) {
        free(start);
        free(by);
        free(block);
        oom();
        return -1;
    }
    uint32_t *pos = start + nt + 1;
    for (size_t i = 0; i < h->ns; i++)
        if (h->s[i].scored)
            start[h->s[i].trainee + 1]++;
    for (size_t t = 0; t < nt; t++)
        start[t + 1] += start[t];
    for (size_t i = 0; i < h->ns; i++)
        if (h->s[i].scored) {
            uint32_t t = h->s[i].trainee;
            by[start[t] + pos[t]++] = (uint32_t)i;
        }
    scratch w;
    w.slot_of = block;
    w.mark = block + nsc;
    w.line_scen = block + 2 * nsc;
    w.lstart = w.line_scen + nf + 1;
    w.attempt = w.lstart + nf + 1;
    w.line = w.attempt + nf + 1;
    w.order = w.line + nf + 1;
    for (size_t i = 0; i < nsc; i++)
        w.mark[i] = NONE;
    putf(h,
         "<h3 class=\"screen-only\">%s</h3>\n<p class=\"small muted screen-only\">%s %s</p>\n"
         "<div class=\"details\">\n",
         tx(h, FL_W_RPT_DETAILS_H), tx(h, FL_W_RPT_DETAILS_HINT),
         tx(h, FL_W_HTML_PROGRESS_EXPLAIN));
    for (size_t i = 0; i < nt; i++) {
        uint32_t t = torder[i];
        put(h, "<details class=\"trainee\">");
        trainee_summary(h, &h->tr[t]);
        put(h, "<div class=\"detail\">");
        profile(h, &h->tr[t]);
        progress(h, t, by + start[t], start[t + 1] - start[t], &w);
        put(h, "</div></details>\n");
    }
    put(h, "</div>\n</section>\n");
    free(start);
    free(by);
    free(block);
    return 0;
}

/* The critical items of a session (text number of fl_record.critical_items), by their readable
 * names, separated by commas. */
static void put_critical_items(html *h, uint32_t items)
{
    if (items == NONE)
        return;
    const char *p = h->texts.str[items];
    int first = 1;
    while (*p) {
        size_t len = strcspn(p, " ");
        char name[64];
        size_t nl = len < sizeof name ? len : sizeof name - 1;
        memcpy(name, p, nl);
        name[nl] = '\0';
        uint32_t kn;
        if (len && lookup(h, 'c', name, NULL, NULL, &kn) == 0 && h->keys.val[kn] != NONE) {
            put(h, first ? "" : ", ");
            citem_name(h, &h->ci[h->keys.val[kn]]);
            first = 0;
        }
        p += len;
        while (*p == ' ')
            p++;
    }
}

static const char *mode_label(const html *h, const char *mode)
{
    if (strcmp(mode, "practice") == 0)
        return tx(h, FL_W_PRACTICE);
    if (strcmp(mode, "assessment") == 0)
        return tx(h, FL_W_ASSESSMENT);
    return NULL;
}

static void write_sessions(html *h)
{
    putf(h, "<section id=\"sessions\">\n<h2>%s</h2>\n", tx(h, FL_W_HTML_SESSIONS));
    if (!h->ns) {
        putf(h, "<p>%s</p>\n</section>\n", tx(h, FL_W_HTML_NO_SESSIONS));
        return;
    }
    size_t from = h->ns > TABLE_CAP ? h->ns - TABLE_CAP : 0;
    if (from) {
        char shown[48], all[96];
        put(h, "<p class=\"small\" id=\"sessions-cap\">");
        putf(h, tx(h, FL_W_HTML_TABLE_CAP), fmt_int(h, TABLE_CAP, shown),
             fl_format_count(all, sizeof all, h->ru, (long long)h->ns, FL_W_PL_SESSIONS_OF));
        put(h, "</p>\n");
    }
    putf(h,
         "<table class=\"sessions\">\n<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
         "<th>%s</th><th>%s</th><th class=\"num\">%s</th><th>%s</th><th>%s</th><th>%s</th>"
         "<th>%s</th></tr></thead>\n<tbody>\n",
         tx(h, FL_W_HTML_TRAINEE), tx(h, FL_W_HTML_GROUP), tx(h, FL_W_SCENARIO),
         tx(h, FL_W_HTML_STARTED), tx(h, FL_W_MODE), tx(h, FL_W_HTML_OUTCOME),
         tx(h, FL_W_HTML_SCORE), tx(h, FL_W_HTML_BAND), tx(h, FL_W_HTML_PASSED),
         tx(h, FL_W_HTML_CRITICAL_N), tx(h, FL_W_HTML_FINISHED));
    for (size_t i = from; i < h->ns; i++) {
        const session *s = &h->s[i];
        const trainee *t = &h->tr[s->trainee];
        put(h, "<tr><td class=\"wrap\">");
        esc_text(h, t->name);
        put(h, "</td><td class=\"wrap\">");
        if (*h->texts.str[h->g[t->group].name])
            esc_text(h, h->g[t->group].name);
        put(h, "</td><td class=\"wrap\">");
        esc_text(h, h->sc[s->scenario].title);
        put(h, "</td><td>");
        put_time(h, s->started, 1);
        put(h, "</td><td>");
        const char *mode = h->texts.str[s->mode];
        const char *ml = mode_label(h, mode);
        if (ml)
            put(h, ml);
        else
            esc(h, mode);
        putf(h, "</td><td>%s</td>", s->outcome >= 0 ? tx(h, outcome_words[s->outcome]) : "\u2014");
        if (s->scored) {
            putf(h,
                 "<td class=\"num\">%u</td><td><span class=\"sw\" style=\"background:%s\">"
                 "</span>%c</td><td>%s</td><td>",
                 s->overall, band_colour[band_index(s->overall)],
                 s->band >= 'A' && s->band <= 'F' ? s->band : '?',
                 tx(h, s->passed ? FL_W_HTML_YES : FL_W_HTML_NO));
            if (s->critical > 0) {
                putf(h, "<span class=\"crit\">%d</span>", s->critical);
                put_critical_items(h, s->critical_items);
            } else if (s->critical == 0) {
                put(h, "0");
            } else {
                put(h, "\u2014"); /* unknown: scored before critical mistakes existed */
            }
            putf(h, "</td><td>%s</td></tr>\n", tx(h, s->finished ? FL_W_HTML_YES : FL_W_HTML_NO));
        } else {
            /* No result: not attempted says why; an unfinished session just has none. */
            if (!s->attempted)
                putf(h, "<td class=\"na\" colspan=\"4\">%s</td>", tx(h, FL_W_NOT_ATTEMPTED_CELL));
            else
                put(h,
                    "<td class=\"num\">\u2014</td><td>\u2014</td><td>\u2014</td><td>\u2014</td>");
            putf(h, "<td>%s</td></tr>\n", tx(h, s->finished ? FL_W_HTML_YES : FL_W_HTML_NO));
        }
    }
    put(h, "</tbody>\n</table>\n</section>\n");
}

/* The rounds section's order: by round title (then file id), then trainee as elsewhere, then
 * start. */
static int cmp_round(const void *a, const void *b)
{
    const rnd *x = &sort_h->rounds[*(const uint32_t *)a],
              *y = &sort_h->rounds[*(const uint32_t *)b];
    int c = strcmp(sort_h->texts.str[x->title], sort_h->texts.str[y->title]);
    if (!c)
        c = strcmp(sort_h->texts.str[x->def], sort_h->texts.str[y->def]);
    if (!c && x->trainee != y->trainee) {
        uint32_t ta = x->trainee, tb = y->trainee;
        c = cmp_trainee(&ta, &tb);
    }
    if (!c && x->started != y->started)
        c = x->started < y->started ? -1 : 1;
    return c ? c : (*(const uint32_t *)a < *(const uint32_t *)b ? -1 : 1);
}

/* The extension a round was played with, marked so that it is never compared unawares with a
 * round played without: "x1.5", "x2", "untimed"; a dash for none. */
static void round_time(html *h, const rnd *r)
{
    if (!r->timed) {
        putf(h, "<span class=\"ext\" title=\"%s\">%s</span>", tx(h, FL_W_HTML_ROUND_EXTENSION),
             tx(h, FL_W_RND_UNTIMED));
    } else if (r->time_pct != 100) {
        putf(h, "<span class=\"ext\" title=\"%s\">&#215;", tx(h, FL_W_HTML_ROUND_EXTENSION));
        put_dec1(h, r->time_pct / 100.0);
        put(h, "</span>");
    } else {
        put(h, "\u2014");
    }
}

static void write_rounds(html *h)
{
    if (!h->nr)
        return;
    uint32_t *order = malloc(h->nr * sizeof *order);
    if (!order) {
        oom();
        return;
    }
    for (size_t i = 0; i < h->nr; i++)
        order[i] = (uint32_t)i;
    qsort(order, h->nr, sizeof *order, cmp_round);
    putf(h, "<section id=\"rounds\">\n<h2>%s</h2>\n<p class=\"small muted\">%s</p>\n",
         tx(h, FL_W_HTML_ROUNDS_H), tx(h, FL_W_HTML_ROUNDS_EXPLAIN));
    uint32_t attempt = 0;
    for (size_t i = 0; i < h->nr; i++) {
        const rnd *r = &h->rounds[order[i]];
        const rnd *prev = i ? &h->rounds[order[i - 1]] : NULL;
        int new_def = !prev || prev->def != r->def;
        if (new_def) {
            if (prev)
                put(h, "</tbody>\n</table>\n");
            put(h, "<h3 class=\"round-title\">");
            esc_text(h, r->title);
            put(h, " <span class=\"muted small\"><code>");
            esc_text(h, r->def);
            putf(h,
                 "</code></span></h3>\n<table class=\"rounds\">\n<thead><tr><th>%s</th>"
                 "<th>%s</th><th class=\"num\">%s</th><th>%s</th><th>%s</th>"
                 "<th class=\"num\">%s</th><th class=\"num\">%s</th><th class=\"num\">%s</th>"
                 "<th class=\"num\">%s</th><th class=\"num\">%s</th><th class=\"num\">%s</th>"
                 "<th>%s</th></tr></thead>\n<tbody>\n",
                 tx(h, FL_W_HTML_TRAINEE), tx(h, FL_W_HTML_GROUP), tx(h, FL_W_ATTEMPT),
                 tx(h, FL_W_HTML_STARTED), tx(h, FL_W_HTML_ROUND_TIME), tx(h, FL_W_HTML_ROUND_LOST),
                 tx(h, FL_W_HTML_ROUND_PER_MINUTE), tx(h, FL_W_HTML_ROUND_MEAN_REPLY),
                 tx(h, FL_W_HTML_ROUND_CANNED), tx(h, FL_W_HTML_ROUND_MEAN_SCORE),
                 tx(h, FL_W_HTML_ROUND_COMPOSURE), tx(h, FL_W_HTML_PASSED));
        }
        attempt = new_def || prev->trainee != r->trainee ? 1 : attempt + 1;
        const trainee *t = &h->tr[r->trainee];
        int ext = !r->timed || r->time_pct != 100;
        putf(h, "<tr class=\"round%s\"><td class=\"wrap\">", ext ? " extended" : "");
        esc_text(h, t->name);
        put(h, "</td><td class=\"wrap\">");
        if (*h->texts.str[h->g[t->group].name])
            esc_text(h, h->g[t->group].name);
        putf(h, "</td><td class=\"num\">%u</td><td>", attempt);
        put_time(h, r->started, 1);
        put(h, "</td><td class=\"r-time\">");
        round_time(h, r);
        put(h, "</td>");
        if (!r->closed) {
            putf(h, "<td class=\"na\" colspan=\"7\">%s</td></tr>\n",
                 tx(h, FL_W_HTML_ROUND_NOT_CLOSED));
            continue;
        }
        /* data-v: the exact figure behind the shown one, for readers that compute */
        putf(h, "<td class=\"num r-lost\" data-v=\"%u\">%u / %u</td>", r->lost, r->lost,
             r->customers);
        putf(h, "<td class=\"num r-pm\" data-v=\"%.6g\">", r->per_minute);
        put_dec1(h, r->per_minute);
        putf(h, "</td><td class=\"num r-reply\" data-v=\"%u\">", r->mean_reply_ms);
        put_dec1(h, r->mean_reply_ms / 1000.0);
        putf(h, "</td><td class=\"num r-canned\" data-v=\"%.6g\">", r->canned_share);
        put_pct_value(h, (int)(r->canned_share * 100 + 0.5));
        put(h, "</td>");
        if (r->mean_score >= 0)
            putf(h, "<td class=\"num r-score\">%d</td>", r->mean_score);
        else
            put(h, "<td class=\"num r-score\">\u2014</td>");
        if (r->has_baseline)
            putf(h, "<td class=\"num r-comp\" data-v=\"%d\">%s%d</td>", r->composure,
                 r->composure > 0   ? "+"
                 : r->composure < 0 ? "\u2212"
                                    : "",
                 r->composure < 0 ? -r->composure : r->composure);
        else
            putf(h, "<td class=\"num r-comp na\">%s</td>", tx(h, FL_W_RND_NO_BASELINE));
        putf(h, "<td class=\"r-passed\">%s", tx(h, r->passed ? FL_W_HTML_YES : FL_W_HTML_NO));
        if (!r->finished)
            putf(h, " <span class=\"muted\">(%s)</span>", tx(h, FL_W_HTML_ROUND_LEFT_EARLY));
        put(h, "</td></tr>\n");
    }
    put(h, "</tbody>\n</table>\n</section>\n");
    free(order);
}

static void html_free(html *h)
{
    free(h->s);
    free(h->g);
    free(h->tr);
    free(h->sc);
    free(h->k);
    free(h->tk);
    free(h->tk_order);
    free(h->rounds);
    free(h->marks);
    free(h->cmarks);
    free(h->ci);
    free(h->sides);
    free(h->latest);
    free(h->latest_side);
    free(h->key);
    st_free(&h->texts);
    st_free(&h->keys);
    fl_arena_free(h->arena);
    free(h);
}

static int html_end(void *ctx, int failed)
{
    html *h = ctx;
    int rc = 0;
    if (!h)
        return failed ? -1 : 0;
    if (failed) {
        html_free(h);
        return -1;
    }
    room rm = {0};
    uint32_t *gorder = malloc((h->ng + 1) * sizeof *gorder);
    uint32_t *torder = malloc((h->ntr + 1) * sizeof *torder);
    if (!gorder || !torder) {
        oom();
        rc = -1;
        goto out;
    }
    sort_h = h;
    uint32_t n_groups = 0;
    for (size_t i = 0; i < h->ng; i++) {
        gorder[i] = (uint32_t)i;
        n_groups += *h->texts.str[h->g[i].name] != '\0';
    }
    for (size_t i = 0; i < h->ntr; i++)
        torder[i] = (uint32_t)i;
    qsort(gorder, h->ng, sizeof *gorder, cmp_group);
    qsort(torder, h->ntr, sizeof *torder, cmp_trainee);
    if (order_trainee_kinds(h) < 0) {
        oom();
        rc = -1;
        goto out;
    }

    putf(h,
         "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta name=\"generator\" content=\"Frontline %s\">\n<title>",
         h->ru ? "ru" : "en", FL_VERSION);
    if (h->o->title && *h->o->title)
        esc(h, h->o->title);
    else
        put(h, tx(h, FL_W_HTML_TITLE));
    putf(h, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", css);
    write_header(h, n_groups);
    if (room_of(h, h->latest, h->nlatest, &rm) < 0) {
        oom();
        rc = -1;
        goto out;
    }
    if (write_room(h, &rm) < 0 || write_compare(h, torder) < 0) {
        rc = -1;
        goto out;
    }
    write_results(h, gorder);
    write_nps(h, gorder);
    write_distribution(h, gorder);
    write_findings(h);
    if (write_trainees(h, torder, &rm) < 0) {
        rc = -1;
        goto out;
    }
    write_voice(h, torder);
    write_rounds(h);
    write_sessions(h);
    putf(h, "<footer>%s %s</footer>\n</body>\n</html>\n", tx(h, FL_W_HTML_MADE_BY), FL_VERSION);
    if (fflush(h->o->out) != 0 || ferror(h->o->out)) {
        fprintf(stderr, "frontline report: ");
        fprintf(stderr, fl_word(FL_W_CMD_RPT_CANNOT_WRITE, fl_user_lang()), h->o->out_name,
                strerror(errno ? errno : EIO));
        fputc('\n', stderr);
        rc = -1;
    }
out:
    sort_h = NULL;
    sort_room = NULL;
    room_free(&rm);
    free(gorder);
    free(torder);
    html_free(h);
    return rc;
}

const fl_report_format fl_report_html = {"html",       FL_LOAD_FINDINGS, html_begin,
                                         html_session, html_end,         html_round};
