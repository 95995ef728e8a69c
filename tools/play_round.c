/*
 * play_round.c - `frontline play --round ROUND`: a stress round in the terminal (--text), or
 * played headless from a script into one JSON document (--script).
 *
 * Both drive the core's round (game/core/round.h) exactly as the desktop does: the round decides
 * when customers arrive, when a line appears, when time is up and when a customer hangs up; this
 * file only reads the trainee's acts and prints. A script says which call each act answers and
 * when (@SECONDS since the round began), so the same file, seed and script give the same JSON,
 * byte for byte, on any machine: that is how two trainees are compared on the same round.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "catalogue.h"
#include "commands.h"
#include "content.h"
#include "play.h"
#include "recorder.h"
#include "round.h"
#include "transcript.h"
#include "utf8.h"
#include "vec.h"

/* The program's own words (messages) in the user's language (commands.h); the round's
 * conversations speak the round's language (W below). */
static const char *U(fl_word_id id)
{
    return fl_word(id, fl_user_lang());
}

static void oom_message(void)
{
    fprintf(stderr, U(FL_W_CMD_OOM), "play");
    fputc('\n', stderr);
}

/* ---- Loading ------------------------------------------------------------------------------ */

static void print_diags(const fl_diags *d, const char *path)
{
    char line[2048];
    for (size_t i = 0; i < d->count; i++) {
        fl_diag_format(line, sizeof(line), path, &d->items[i]);
        fprintf(stderr, "%s\n", line);
    }
    if (d->oom) {
        fprintf(stderr, U(FL_W_CMD_ROUND_LOAD_OOM), path);
        fputc('\n', stderr);
    }
}

/* The round file and its scenarios, every problem printed as lint prints it. */
static int load_round(const char *path, fl_round_def **def, fl_round_pool *pool)
{
    fl_diags d;
    fl_diags_init(&d, path);
    int rc = fl_round_def_load_file(def, path, &d);
    if (rc == 0 && *def)
        rc = fl_round_pool_load(pool, *def, &d);
    fl_diags_sort(&d);
    print_diags(&d, path);
    int errors = 0;
    for (size_t i = 0; i < d.count; i++)
        errors += d.items[i].severity == FL_SEV_ERROR;
    fl_diags_clear(&d);
    return rc == 0 && *def && !errors ? 0 : -1;
}

/* ---- What every mode shares: the calls' recorders and the option numbers pressed ----------- */

typedef struct {
    uint32_t *options; /* option number pressed at each turn (0: not by number) */
    size_t cap;
    fl_recorder *rec;
    int closed;
} call_extra;

typedef struct {
    fl_round *r;
    const fl_round_def *def;
    const fl_round_pool *pool;
    const fl_play_round_opts *o;
    call_extra *extra; /* [number - 1], def->customers of them */
    fl_round_recorder *rr;
    char **rel; /* the pool's paths relative to the round file's folder */
    int lang;
} round_play;

/* The call's scenario as the JSON names it: its path relative to the round file's folder
 * ("../en/late-delivery.xml"), the same on every machine (the pool keeps absolute paths). */
static const char *scenario_path(const round_play *p, const fl_session *ss)
{
    const fl_scenario *s = fl_session_engine(ss)->scenario;
    for (uint32_t i = 0; i < p->pool->n; i++)
        if (p->pool->items[i] == s)
            return p->rel[i];
    return s->id;
}

/* Makes the option array cover n turns, the new ones 0 (turns the round made itself: timeouts,
 * a hang-up). */
static int cover(call_extra *x, size_t n)
{
    return FL_GROW_ZERO(x->options, x->cap, n);
}

/* Opens a recorder for every call that arrived and writes what changed in each; closes the
 * ones that ended. Called after every tick and act. */
static void record_calls(round_play *p, int closing)
{
    if (p->o->no_store)
        return;
    uint32_t n = fl_round_n_calls(p->r);
    for (uint32_t k = 1; k <= n; k++) {
        call_extra *x = &p->extra[k - 1];
        fl_call_view v;
        if (fl_round_call(p->r, k, &v) != 0 || x->closed)
            continue;
        if (!x->rec) {
            const fl_scenario *sc = fl_session_engine(v.session)->scenario;
            if (!p->rr ||
                !(x->rec = fl_round_recorder_call(p->rr, v.session, k, sc->path ? sc->path : "")))
                continue;
        }
        int end = v.phase == FL_CALL_ENDED || closing;
        fl_play_record(x->rec, v.session, end);
        if (end)
            x->closed = 1;
    }
}

static void free_play(round_play *p)
{
    if (p->rel)
        for (uint32_t i = 0; i < p->pool->n; i++)
            free(p->rel[i]);
    free(p->rel);
    if (p->extra)
        for (uint32_t k = 0; k < p->def->customers; k++) {
            free(p->extra[k].options);
            fl_recorder_free(p->extra[k].rec);
        }
    free(p->extra);
}

/* ---- Acting on a call: a line of a script or of the terminal ------------------------------- */

typedef enum { ACT_OK, ACT_BAD, ACT_OOM } act_status;

/* Applies `text` (a reply number, a reply id, "> typed words" or "undo") to call `k` at `ms`.
 * On ACT_BAD, why holds the message. */
static act_status act_on(round_play *p, uint32_t k, const char *text, uint64_t ms, char *why,
                         size_t whylen)
{
    fl_call_view v;
    if (fl_round_call(p->r, k, &v) != 0) {
        snprintf(why, whylen, U(FL_W_CMD_CALL_NOT_ARRIVED), k, fl_round_n_calls(p->r));
        return ACT_BAD;
    }
    call_extra *x = &p->extra[k - 1];
    if (strcmp(text, "undo") == 0) {
        if (p->o->assessment) {
            snprintf(why, whylen, "%s", U(FL_W_CMD_CALL_ASSESSMENT));
            return ACT_BAD;
        }
        if (fl_round_undo(p->r, k, ms) != 0) {
            snprintf(why, whylen, U(FL_W_CMD_CALL_NO_UNDO), k);
            return ACT_BAD;
        }
        size_t turns;
        fl_session_turns(v.session, &turns);
        for (size_t i = turns; i < x->cap; i++)
            x->options[i] = 0; /* the turn taken back, and any the round had added after it */
        return ACT_OK;
    }
    if (v.phase == FL_CALL_ENDED) {
        snprintf(why, whylen, U(FL_W_CMD_CALL_ENDED), k, (double)v.ended_ms / 1000.0);
        return ACT_BAD;
    }
    if (v.phase == FL_CALL_TYPING) {
        snprintf(why, whylen, U(FL_W_CMD_CALL_TYPING), k, (double)v.line_at_ms / 1000.0);
        return ACT_BAD;
    }
    const fl_session *ss = v.session;
    const fl_node *nd = fl_session_node(ss);
    uint32_t option = 0;
    int r;
    if (text[0] == '>') {
        const char *t = text + 1;
        while (*t == ' ')
            t++;
        if (!nd->free_text) {
            snprintf(why, whylen, U(FL_W_CMD_CALL_NOT_TYPING), k, nd->id);
            return ACT_BAD;
        }
        r = fl_round_type(p->r, k, t, strlen(t), ms);
    } else if (text[0] >= '0' && text[0] <= '9') {
        char *end;
        unsigned long n = strtoul(text, &end, 10);
        uint32_t idx[256];
        uint32_t count = fl_session_offered(ss, idx, 256);
        if (*end) {
            snprintf(why, whylen, U(FL_W_CMD_SCRIPT_NOT_NUMBER), text);
            return ACT_BAD;
        }
        if (nd->free_text) {
            snprintf(why, whylen, U(FL_W_CMD_CALL_EXPECTS_TYPED), k, nd->id);
            return ACT_BAD;
        }
        if (n < 1 || n > count) {
            char ids[1024] = "";
            size_t o = 0;
            for (uint32_t i = 0; i < count && o < sizeof(ids); i++)
                o += (size_t)snprintf(ids + o, sizeof(ids) - o, "%s%u %s", i ? ", " : "", i + 1,
                                      nd->replies[idx[i]].id);
            snprintf(why, whylen, U(FL_W_CMD_CALL_NOT_OFFERED), k, text, count, ids);
            return ACT_BAD;
        }
        option = (uint32_t)n;
        r = fl_round_choose(p->r, k, idx[n - 1], ms);
    } else {
        int32_t found = -1;
        for (uint32_t i = 0; i < nd->n_replies; i++)
            if (strcmp(nd->replies[i].id, text) == 0)
                found = (int32_t)i;
        if (found < 0) {
            snprintf(why, whylen, U(FL_W_CMD_CALL_NO_ID), k, nd->id, text);
            return ACT_BAD;
        }
        r = nd->free_text ? fl_round_route(p->r, k, (uint32_t)found, ms)
                          : fl_round_choose(p->r, k, (uint32_t)found, ms);
    }
    if (r == -2)
        return ACT_OOM;
    if (r != 0) {
        snprintf(why, whylen, U(FL_W_CMD_CALL_NOT_NOW), k, text);
        return ACT_BAD;
    }
    size_t turns;
    fl_session_turns(ss, &turns);
    if (cover(x, turns) < 0)
        return ACT_OOM;
    if (turns)
        x->options[turns - 1] = option;
    return ACT_OK;
}

/* ---- The JSON document --------------------------------------------------------------------- */

static const char *const event_names[] = {"arrive",  "line",   "reply", "undo",
                                          "timeout", "hangup", "end"};

static json_t *figures_json(const fl_round_figures *f)
{
    json_t *loads = json_array();
    for (int i = 0; i < FL_ROUND_MAX_AT_ONCE; i++) {
        const fl_round_load *l = &f->by_load[i];
        json_array_append_new(loads,
                              json_pack("{s:i, s:I, s:I, s:I}", "calls_live", i + 1, "replies",
                                        (json_int_t)l->replies, "canned", (json_int_t)l->canned,
                                        "mean_reply_ms", (json_int_t)l->mean_reply_ms));
    }
    json_t *o = json_pack(
        "{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:f, s:I, s:f, s:o}", "customers",
        (json_int_t)f->customers, "arrived", (json_int_t)f->arrived, "resolved",
        (json_int_t)f->resolved, "lost", (json_int_t)f->lost, "other", (json_int_t)f->other,
        "unfinished", (json_int_t)f->unfinished, "duration_ms", (json_int_t)f->duration_ms,
        "resolved_per_minute", (double)(long long)(f->per_minute * 1000.0 + 0.5) / 1000.0,
        "mean_reply_ms", (json_int_t)f->mean_reply_ms, "canned_share",
        (double)(long long)(f->canned_share * 1000.0 + 0.5) / 1000.0, "by_calls_live", loads);
    json_object_set_new(o, "responsiveness",
                        f->responsiveness >= 0 ? json_integer(f->responsiveness) : json_null());
    json_object_set_new(o, "mean_score",
                        f->mean_score >= 0 ? json_integer(f->mean_score) : json_null());
    json_object_set_new(o, "tone", f->tone >= 0 ? json_integer(f->tone) : json_null());
    json_object_set_new(o, "empathy", f->empathy >= 0 ? json_integer(f->empathy) : json_null());
    if (f->has_baseline)
        json_object_set_new(o, "composure",
                            json_pack("{s:i, s:i, s:i}", "overall", f->composure, "tone",
                                      f->composure_tone, "empathy", f->composure_empathy));
    else
        json_object_set_new(o, "composure", json_null());
    json_object_set_new(o, "time_extension_pct", json_integer(f->time_pct));
    json_object_set_new(o, "passed", json_boolean(f->passed));
    return o;
}

static json_t *round_json(const round_play *p, const fl_round_baseline *base)
{
    const fl_round_def *d = p->def;
    json_t *levels = json_array();
    for (uint32_t i = 0; i < d->n_levels; i++)
        json_array_append_new(levels, json_pack("{s:I, s:I, s:I}", "limit_ms",
                                                (json_int_t)d->levels[i].limit_ms, "every_ms",
                                                (json_int_t)d->levels[i].every_ms, "customers",
                                                (json_int_t)d->levels[i].customers));
    json_t *pool = json_array();
    for (uint32_t i = 0; i < p->pool->n; i++)
        json_array_append_new(pool, json_string(p->rel[i]));
    json_t *doc = json_object();
    json_object_set_new(
        doc, "round",
        json_pack("{s:s, s:s, s:I, s:s, s:s, s:I, s:I, s:I, s:I, s:o, s:o, s:{s:I, s:I}}", "file",
                  p->o->round_path, "id", d->id, "version", (json_int_t)d->version, "lang", d->lang,
                  "title", d->title, "seed", (json_int_t)fl_round_seed(p->r), "at_once",
                  (json_int_t)d->at_once, "customers", (json_int_t)d->customers,
                  "time_extension_pct", (json_int_t)p->o->time_pct, "levels", levels, "pool", pool,
                  "pass", "lost", (json_int_t)d->pass_lost, "mean", (json_int_t)d->pass_mean));

    json_t *calls = json_array();
    uint32_t n = fl_round_n_calls(p->r);
    for (uint32_t k = 1; k <= n; k++) {
        fl_call_view v;
        fl_round_call(p->r, k, &v);
        json_t *c = json_pack("{s:I, s:I, s:s, s:I}", "number", (json_int_t)k, "level",
                              (json_int_t)v.level + 1, "scenario", scenario_path(p, v.session),
                              "arrived_ms", (json_int_t)v.arrived_ms);
        json_object_set_new(c, "ended_ms",
                            v.phase == FL_CALL_ENDED ? json_integer((json_int_t)v.ended_ms)
                                                     : json_null());
        size_t turns;
        fl_session_turns(v.session, &turns);
        if (cover(&p->extra[k - 1], turns) < 0) {
            json_decref(c);
            json_decref(calls);
            json_decref(doc);
            return NULL;
        }
        json_t *t =
            fl_transcript_json(v.session, scenario_path(p, v.session), p->extra[k - 1].options);
        if (!t) {
            json_decref(c);
            json_decref(calls);
            json_decref(doc);
            return NULL;
        }
        json_object_set_new(c, "conversation", t);
        json_array_append_new(calls, c);
    }
    json_object_set_new(doc, "calls", calls);

    size_t ne;
    const fl_round_event *ev = fl_round_timeline(p->r, &ne);
    json_t *tl = json_array();
    for (size_t i = 0; i < ne; i++) {
        const fl_round_event *e = &ev[i];
        json_t *o = json_pack("{s:I, s:I, s:s}", "at_ms", (json_int_t)e->at_ms, "call",
                              (json_int_t)e->call, "event", event_names[e->kind]);
        switch (e->kind) {
        case FL_RE_REPLY:
            json_object_set_new(o, "turn", json_integer(e->turn));
            json_object_set_new(o, "waited_ms", json_integer(e->waited_ms));
            json_object_set_new(o, "calls_live", json_integer(e->concurrency));
            json_object_set_new(o, "canned", json_boolean(e->canned));
            json_object_set_new(o, "slipped", json_boolean(e->slipped));
            break;
        case FL_RE_TIMEOUT:
            json_object_set_new(o, "turn", json_integer(e->turn));
            json_object_set_new(o, "waited_ms", json_integer(e->waited_ms));
            break;
        case FL_RE_HANGUP:
            json_object_set_new(o, "waited_ms", json_integer(e->waited_ms));
            break;
        case FL_RE_END:
            json_object_set_new(o, "outcome",
                                e->outcome == FL_OUTCOME_NONE
                                    ? json_string("unfinished")
                                    : json_string(fl_outcome_name((fl_outcome)e->outcome)));
            break;
        default:
            break;
        }
        json_array_append_new(tl, o);
    }
    json_object_set_new(doc, "timeline", tl);

    fl_round_figures f;
    if (fl_round_figures_get(p->r, base, &f) != 0) {
        json_decref(doc);
        return NULL;
    }
    json_object_set_new(doc, "figures", figures_json(&f));
    json_object_set_new(doc, "finished", json_boolean(fl_round_over(p->r)));
    return doc;
}

/* The composure baseline: the trainee's untimed average in the store (none without a store). */
static void baseline_of(const round_play *p, fl_round_baseline *b)
{
    memset(b, 0, sizeof(*b));
    if (p->rr)
        fl_round_recorder_baseline(p->rr, b);
}

/* Writes the round's end to the store: its timeline and figures. */
static void close_round(round_play *p, const fl_round_baseline *base)
{
    if (!p->rr)
        return;
    size_t n;
    const fl_round_event *ev = fl_round_timeline(p->r, &n);
    fl_round_figures fig;
    if (fl_round_recorder_timeline(p->rr, ev, n) == 0 &&
        fl_round_figures_get(p->r, base, &fig) == 0)
        fl_round_recorder_close(p->rr, &fig);
    const char *notice = fl_round_recorder_notice(p->rr);
    if (notice)
        fprintf(stderr, "frontline: %s\n", notice);
}

/* Ticks the round to `now` and records what happened. */
static int advance(round_play *p, uint64_t now)
{
    if (fl_round_tick(p->r, now) == -2)
        return -1;
    record_calls(p, 0);
    return 0;
}

/* After the script: the round runs on by itself until every customer has been served or has
 * given up (nothing more can happen without the trainee), then it is finished there. */
static int run_out(round_play *p, uint64_t *now)
{
    for (;;) {
        uint64_t next = fl_round_next_ms(p->r);
        if (fl_round_over(p->r) || next == UINT64_MAX)
            break;
        *now = next > *now ? next : *now;
        if (advance(p, *now) < 0)
            return -1;
    }
    if (!fl_round_over(p->r))
        fl_round_finish(p->r, *now);
    return 0;
}

static int run_script(round_play *p)
{
    const char *script = p->o->script;
    fl_script sc;
    if (fl_script_open(&sc, script) < 0)
        return 1;
    int status = 0, ended_by_script = 0, got = 0;
    uint64_t now = 0;
    char *line;
    uint64_t ms;
    uint32_t last_call = 0, last_turn = 0; /* the reply the line before gave, 0 none */
    while (status == 0 && !ended_by_script && (got = fl_script_next(&sc, &line, &ms)) == 1) {
        size_t lineno = sc.lineno;
        /* "2: voice rms=...": the figures of call 2's reply on the line before; not an act in
         * time, so it neither takes nor moves the round's clock */
        char *colon = strchr(line, ':');
        if (colon) {
            const char *act = colon + 1;
            while (*act == ' ' || *act == '\t')
                act++;
            fl_voice_figures vf;
            int is_voice =
                fl_script_voice_line(script, lineno, act, ms, U(FL_W_CMD_VOICE_LINE_BEFORE), &vf);
            if (is_voice < 0) {
                status = 1;
                break;
            }
            if (is_voice) {
                char *end;
                unsigned long k = strtoul(line, &end, 10);
                if (end == line || end != colon || k != last_call || !last_turn ||
                    fl_round_voice(p->r, (uint32_t)k, last_turn, &vf) < 0) {
                    status =
                        fl_play_script_error(script, lineno, "%s", U(FL_W_CMD_ROUND_VOICE_FOLLOW));
                    break;
                }
                last_call = last_turn = 0;
                record_calls(p, 0);
                continue;
            }
        }
        last_call = last_turn = 0;
        if (ms < now) {
            status = fl_play_script_error(script, lineno, U(FL_W_CMD_ROUND_BACKWARDS),
                                          (double)ms / 1000.0, (double)now / 1000.0);
            break;
        }
        now = ms;
        if (advance(p, now) < 0) {
            status = 1;
            break;
        }
        if (strcmp(line, "end") == 0) {
            fl_round_finish(p->r, now);
            ended_by_script = 1;
            break;
        }
        char *end;
        unsigned long k = strtoul(line, &end, 10);
        if (end == line || *end != ':' || k < 1 || k > p->def->customers) {
            status = fl_play_script_error(script, lineno, U(FL_W_CMD_ROUND_LINE_FORM),
                                          p->def->customers);
            break;
        }
        const char *act = end + 1;
        while (*act == ' ' || *act == '\t')
            act++;
        char why[512];
        act_status as = act_on(p, (uint32_t)k, act, now, why, sizeof(why));
        fl_decimal_comma(why, fl_user_lang()); /* "1,800 с" in Russian */
        if (as == ACT_OOM) {
            oom_message();
            status = 1;
        } else if (as == ACT_BAD) {
            status = fl_play_script_error(script, lineno, U(FL_W_CMD_ROUND_AT), why,
                                          (double)now / 1000.0);
        } else if (strcmp(act, "undo") != 0) {
            /* the reply just given, for a voice line that follows */
            fl_call_view v;
            size_t nt;
            fl_round_call(p->r, (uint32_t)k, &v);
            const fl_turn *turns = fl_session_turns(v.session, &nt);
            if (nt && turns[nt - 1].reply >= 0) {
                last_call = (uint32_t)k;
                last_turn = turns[nt - 1].turn;
            }
        }
        record_calls(p, 0);
    }
    if (got < 0) {
        fprintf(stderr, "%s\n", sc.err);
        status = 2;
    }
    fl_script_close(&sc);
    if (status)
        return status;
    if (!ended_by_script && run_out(p, &now) < 0) {
        oom_message();
        return 1;
    }
    record_calls(p, 1);
    fl_round_baseline base;
    baseline_of(p, &base);
    json_t *doc = round_json(p, &base);
    if (!doc) {
        oom_message();
        return 1;
    }
    close_round(p, &base);
    json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', stdout);
    json_decref(doc);
    if (fflush(stdout) != 0) {
        fprintf(stderr, U(FL_W_CMD_CANNOT_WRITE_RESULT), "play", strerror(errno));
        fputc('\n', stderr);
        return 1;
    }
    return 0;
}

/* ---- --text -------------------------------------------------------------------------------- */

static const char *W(const round_play *p, fl_word_id id)
{
    return fl_word(id, p->lang);
}

static const char *customer_of(const fl_call_view *v)
{
    return fl_session_engine(v->session)->scenario->customer_name;
}

/* "[2 Helen Marsh] " */
static void call_prefix(char *buf, size_t n, const fl_call_view *v)
{
    snprintf(buf, n, "[%u %s] ", v->number, customer_of(v));
}

/* The active call's line and replies, as the single conversation shows them. */
static void show_call(const round_play *p, uint32_t k)
{
    fl_call_view v;
    if (fl_round_call(p->r, k, &v) != 0)
        return;
    char pre[300], who[400];
    call_prefix(pre, sizeof(pre), &v);
    if (v.phase == FL_CALL_ENDED) {
        printf("%s%s\n", pre, W(p, FL_W_ROUND_CALL_ENDED));
        return;
    }
    if (v.phase == FL_CALL_TYPING) {
        printf("%s%s\n", pre, W(p, FL_W_ROUND_TYPING));
        return;
    }
    const fl_session *ss = v.session;
    const fl_line *l = fl_session_line(ss);
    if (l) {
        snprintf(who, sizeof(who), "%s(%s): ", pre, W(p, fl_word_emotion(l->emotion)));
        fl_print_wrapped(who, l->text);
    }
    const fl_node *nd = fl_session_node(ss);
    uint32_t idx[256];
    uint32_t n = fl_session_offered(ss, idx, 256);
    if (!nd->free_text) {
        for (uint32_t i = 0; i < n; i++) {
            char num[320];
            if (p->o->show_ids)
                snprintf(num, sizeof(num), "  %u. [%s] ", i + 1, nd->replies[idx[i]].id);
            else
                snprintf(num, sizeof(num), "  %u. ", i + 1);
            fl_print_wrapped(num, nd->replies[idx[i]].text);
        }
        printf(W(p, FL_W_ROUND_CHOOSE), k, n);
    } else {
        if (nd->placeholder)
            printf("  (%s)\n", nd->placeholder);
        printf(W(p, FL_W_ROUND_TYPE), k);
    }
    fflush(stdout);
}

/* Prints the timeline from *shown on; returns whether the active call needs showing again. */
static int print_events(const round_play *p, size_t *shown, uint32_t active)
{
    size_t n;
    const fl_round_event *ev = fl_round_timeline(p->r, &n);
    int again = 0;
    for (; *shown < n; (*shown)++) {
        const fl_round_event *e = &ev[*shown];
        fl_call_view v;
        if (fl_round_call(p->r, e->call, &v) != 0)
            continue;
        char pre[300];
        call_prefix(pre, sizeof(pre), &v);
        switch (e->kind) {
        case FL_RE_ARRIVE:
            printf("\n%s%s\n", pre, W(p, FL_W_ROUND_ARRIVED));
            break;
        case FL_RE_LINE:
            if (e->call == active)
                again = 1;
            else
                printf("%s%s\n", pre, W(p, FL_W_ROUND_WAITING));
            break;
        case FL_RE_TIMEOUT:
            printf("%s%s\n", pre, W(p, FL_W_PLAY_TIME_UP));
            break;
        case FL_RE_HANGUP:
            printf("%s%s\n", pre, W(p, FL_W_HUNG_UP));
            break;
        case FL_RE_END:
            if (e->outcome != FL_OUTCOME_NONE)
                printf("%s%s: %s\n", pre, W(p, FL_W_ROUND_CALL_ENDED),
                       W(p, fl_word_outcome(e->outcome)));
            if (e->call == active)
                again = 1;
            break;
        default:
            break;
        }
    }
    fflush(stdout);
    return again;
}

/* The call to answer next when the active one ended: the one that has waited longest. */
static uint32_t pick_waiting(const round_play *p)
{
    uint32_t live[FL_ROUND_MAX_AT_ONCE];
    uint32_t n = fl_round_live(p->r, live, FL_ROUND_MAX_AT_ONCE);
    uint32_t best = 0;
    uint64_t since = UINT64_MAX;
    for (uint32_t i = 0; i < n; i++) {
        fl_call_view v;
        fl_round_call(p->r, live[i], &v);
        if (v.phase == FL_CALL_WAITING && v.wait_from_ms < since) {
            since = v.wait_from_ms;
            best = live[i];
        }
    }
    if (!best && n)
        best = live[0];
    return best;
}

static void show_round_results(const round_play *p, const fl_round_baseline *base)
{
    fl_round_figures f;
    if (fl_round_figures_get(p->r, base, &f) != 0)
        return;
    printf("\n%s\n", W(p, FL_W_ROUND_RESULTS));
    uint32_t n = fl_round_n_calls(p->r);
    for (uint32_t k = 1; k <= n; k++) {
        fl_call_view v;
        fl_round_call(p->r, k, &v);
        fl_scores sc;
        fl_survey sv;
        fl_findings fs;
        if (fl_session_report(v.session, &sc, &sv, &fs) < 0)
            return;
        char pre[300];
        call_prefix(pre, sizeof(pre), &v);
        if (sc.attempted)
            printf("  %s%d/100 (%c) %s%s\n", pre, sc.overall, sc.band,
                   W(p, fl_word_outcome(sc.outcome)),
                   sc.critical ? W(p, FL_W_ROUND_CRITICAL_MARK) : "");
        else
            printf("  %s%s\n", pre, W(p, FL_W_PLAY_NOT_ATTEMPTED));
        fl_findings_free(&fs);
    }
    putchar('\n');
    printf(W(p, FL_W_ROUND_FIG_SERVED), f.arrived, f.customers, f.resolved, f.lost);
    putchar('\n');
    printf(W(p, FL_W_ROUND_FIG_THROUGHPUT), f.per_minute, (double)f.mean_reply_ms / 1000.0,
           (int)(f.canned_share * 100.0 + 0.5));
    putchar('\n');
    for (int i = 0; i < FL_ROUND_MAX_AT_ONCE; i++) {
        const fl_round_load *l = &f.by_load[i];
        if (!l->replies)
            continue;
        printf(W(p, FL_W_ROUND_FIG_LOAD), i + 1, l->replies, (double)l->mean_reply_ms / 1000.0,
               l->replies ? (int)(100.0 * l->canned / l->replies + 0.5) : 0);
        putchar('\n');
    }
    if (f.has_baseline) {
        printf(W(p, FL_W_ROUND_FIG_COMPOSURE), f.composure, f.composure_tone, f.composure_empathy);
        putchar('\n');
    } else {
        printf("%s\n", W(p, FL_W_ROUND_NO_BASELINE));
    }
    if (f.time_pct != 100) {
        printf(W(p, FL_W_ROUND_FIG_EXTENSION), f.time_pct);
        putchar('\n');
    }
    printf("%s\n", W(p, f.passed ? FL_W_PLAY_PASSED : FL_W_PLAY_NOT_PASSED));
}

/* The round in the terminal, in real time. From a file or a pipe (standard input not a terminal)
 * there is no "Press Enter" pause, and input that ends before the round does is an error
 * (status 1): a round is played from a file with --script, in its own time. */
static int text_loop(round_play *p, fl_terminal *t)
{
    const fl_round_def *d = p->def;
    char *line;
    int over, piped = !isatty(STDIN_FILENO), input_ended = 0;
    printf("%s\n\n", d->title);
    if (d->brief) {
        fl_print_wrapped("", d->brief);
        putchar('\n');
    }
    printf(W(p, FL_W_ROUND_INTRO), d->customers, d->at_once);
    putchar('\n');
    printf("%s\n", W(p, FL_W_ROUND_KEYS));
    if (!piped) {
        printf("%s\n", W(p, FL_W_PLAY_START));
        fflush(stdout);
        if (fl_terminal_read_line(t, &line, &over, 0) < 0)
            return 0;
    }
    fflush(stdout);
    uint64_t t0 = fl_play_now_ms(), now = 0;
    size_t shown = 0;
    uint32_t active = 0;
    int quit = 0;
    while (!quit) {
        now = fl_play_now_ms() - t0;
        if (advance(p, now) < 0)
            return 1;
        int again = print_events(p, &shown, active);
        if (fl_round_over(p->r))
            break;
        fl_call_view v;
        if (!active || (fl_round_call(p->r, active, &v) == 0 && v.phase == FL_CALL_ENDED)) {
            uint32_t next = pick_waiting(p);
            if (next && next != active) {
                active = next;
                printf(W(p, FL_W_ROUND_NOW_ON), active);
                putchar('\n');
                again = 1;
            }
        }
        if (again && active)
            show_call(p, active);
        uint64_t due = fl_round_next_ms(p->r);
        uint32_t wait = 0; /* forever */
        if (due != UINT64_MAX)
            wait = due > now ? (uint32_t)(due - now > UINT32_MAX ? UINT32_MAX : due - now) : 1;
        int r = fl_terminal_read_line(t, &line, &over, wait);
        if (r == 0)
            continue; /* something is due: tick */
        if (r == -2) {
            oom_message();
            return 1;
        }
        now = fl_play_now_ms() - t0;
        if (r < 0 || strcmp(line, "q") == 0 || strcmp(line, "Q") == 0) {
            input_ended = r < 0;
            quit = 1;
            break;
        }
        if (!line[0])
            continue;
        if (line[0] == '/') {
            char *end;
            unsigned long k = strtoul(line + 1, &end, 10);
            if (end == line + 1 || *end || fl_round_call(p->r, (uint32_t)k, &v) != 0) {
                printf(W(p, FL_W_ROUND_NO_CALL), line + 1);
                putchar('\n');
                continue;
            }
            active = (uint32_t)k;
            printf(W(p, FL_W_ROUND_NOW_ON), active);
            putchar('\n');
            if (advance(p, now) < 0)
                return 1;
            print_events(p, &shown, 0);
            show_call(p, active);
            continue;
        }
        if (!active) {
            printf("%s\n", W(p, FL_W_ROUND_NOBODY));
            continue;
        }
        fl_round_call(p->r, active, &v);
        const char *act = line;
        char typed[FL_PLAY_REPLY_MAX + 3];
        if (v.phase == FL_CALL_WAITING && fl_session_node(v.session)->free_text &&
            strcmp(line, "u") != 0) {
            /* one line is one reply: too long, asked again or cut with a notice (play.h) */
            if (!fl_play_reply_fits(t, line, over, piped))
                continue;
            snprintf(typed, sizeof(typed), "> %s", line);
            act = typed;
        } else if (strcmp(line, "u") == 0 || strcmp(line, "U") == 0) {
            act = "undo";
        }
        char why[512];
        act_status as = act_on(p, active, act, now, why, sizeof(why));
        fl_decimal_comma(why, fl_user_lang());
        if (as == ACT_OOM) {
            oom_message();
            return 1;
        }
        if (as == ACT_BAD) {
            if (v.phase == FL_CALL_WAITING && !fl_session_node(v.session)->free_text &&
                strcmp(act, "undo") != 0) {
                printf(W(p, FL_W_PLAY_BAD_CHOICE), fl_session_offered(v.session, NULL, 0));
                putchar('\n');
            } else {
                printf("%s\n", why);
            }
            continue;
        }
        if (strcmp(act, "undo") == 0) {
            printf("%s\n", W(p, FL_W_PLAY_UNDONE));
            show_call(p, active);
        }
        record_calls(p, 0);
    }
    int unfinished = !fl_round_over(p->r);
    if (unfinished)
        fl_round_finish(p->r, now);
    print_events(p, &shown, 0);
    record_calls(p, 1);
    fl_round_baseline base;
    baseline_of(p, &base);
    show_round_results(p, &base);
    close_round(p, &base);
    fflush(stdout);
    if (piped && input_ended && unfinished) {
        char msg[512];
        snprintf(msg, sizeof(msg), U(FL_W_CMD_ROUND_INPUT_ENDED), (double)now / 1000.0);
        fl_decimal_comma(msg, fl_user_lang());
        fprintf(stderr, "%s\n", msg);
        return 1;
    }
    return 0;
}

static int run_text(round_play *p)
{
    fl_terminal t = {.lang = p->lang};
    int rc = text_loop(p, &t);
    fl_terminal_free(&t);
    return rc;
}

int fl_play_round(const fl_play_round_opts *o)
{
    fl_round_def *def = NULL;
    fl_round_pool pool = {0};
    if (load_round(o->round_path, &def, &pool) != 0) {
        fl_round_pool_free(&pool);
        fl_round_def_free(def);
        return 1;
    }
    round_play p = {.def = def, .pool = &pool, .o = o, .lang = fl_word_lang(def->lang)};
    fl_round_opts ro = {.time_pct = o->time_pct};
    int rc = 1;
    if (fl_round_new(&p.r, def, (const fl_scenario *const *)pool.items, pool.n, &ro) != 0 ||
        !(p.extra = calloc(def->customers, sizeof(*p.extra))) ||
        !(p.rel = calloc(pool.n ? pool.n : 1, sizeof(*p.rel)))) {
        oom_message();
        goto done;
    }
    {
        char *dir = realpath(def->dir ? def->dir : ".", NULL);
        for (uint32_t i = 0; i < pool.n; i++)
            if (!(p.rel[i] =
                      dir ? fl_content_relative_path(dir, pool.paths[i]) : strdup(pool.paths[i]))) {
                free(dir);
                oom_message();
                goto done;
            }
        free(dir);
    }
    if (!o->no_store) {
        fl_round_recorder_opts rro = {
            .db_path = o->db,
            .round_path = o->round_path,
            .trainee = o->trainee,
            .group = o->group,
            .workshop = o->workshop,
            .day_session = o->day_session,
            .mode = o->assessment ? "assessment" : "practice",
            .player = o->script ? "script" : "text",
            .time_factor = o->time_pct / 100.0,
            .lang = def->lang,
            .def = def,
            .seed = fl_round_seed(p.r),
        };
        p.rr = fl_round_recorder_open(&rro);
        const char *notice = p.rr ? fl_round_recorder_notice(p.rr) : NULL;
        if (notice)
            fprintf(stderr, "frontline: %s\n", notice);
    }
    rc = o->script ? run_script(&p) : run_text(&p);
done:
    free_play(&p);
    fl_round_recorder_free(p.rr);
    fl_round_free(p.r);
    fl_round_pool_free(&pool);
    fl_round_def_free(def);
    return rc;
}
