/*
 * transcript.c - a session as JSON; see transcript.h. Every value comes from the session; the
 * document is built with jansson, never by hand, and its key order is fixed so that the same
 * session always prints the same bytes.
 */
#include "transcript.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

json_t *fl_signals_json(uint32_t signals)
{
    json_t *a = json_array();
    for (int i = 0; i < FL_SIGNAL_COUNT; i++)
        if (signals & (1u << i))
            json_array_append_new(a, json_string(fl_signal_name(i)));
    return a;
}

/* x rounded to the nearest hundredth: the meter measures no finer, and the JSON stays short. */
static json_t *hundredths(double x)
{
    return json_real((double)(long long)(x * 100.0 + (x < 0 ? -0.5 : 0.5)) / 100.0);
}

static json_t *voice_json(const fl_turn *t)
{
    const fl_voice_figures *v = &t->voice;
    json_t *o = json_object();
    json_object_set_new(o, "rms_dbfs", hundredths(v->rms_dbfs));
    json_object_set_new(o, "peak_dbfs", hundredths(v->peak_dbfs));
    json_object_set_new(o, "syllables_per_s", hundredths(v->syllables_per_s));
    json_object_set_new(o, "syllables", json_integer(v->syllables));
    json_object_set_new(o, "speech_s", hundredths(v->speech_s));
    json_object_set_new(o, "pause_s", hundredths(v->pause_s));
    json_object_set_new(o, "pauses", json_integer(v->pauses));
    json_t *flags = json_array();
    if (t->voice_flags & FL_VOICE_LOUD)
        json_array_append_new(flags, json_string("loud"));
    if (t->voice_flags & FL_VOICE_FAST)
        json_array_append_new(flags, json_string("fast"));
    if (t->voice_flags & FL_VOICE_SILENT)
        json_array_append_new(flags, json_string("silent"));
    json_object_set_new(o, "flags", flags);
    return o;
}

uint32_t fl_voice_summarise(const fl_session *ss, fl_voice_summary *out)
{
    memset(out, 0, sizeof(*out));
    out->scored = fl_session_engine(ss)->scenario->voice_scored;
    size_t n;
    const fl_turn *turns = fl_session_turns(ss, &n);
    double rms = 0, rate = 0;
    for (size_t i = 0; i < n; i++) {
        const fl_turn *t = &turns[i];
        if (!t->has_voice)
            continue;
        out->read++;
        if (t->voice_flags & FL_VOICE_SILENT) {
            out->silent++;
            continue;
        }
        out->heard++;
        rms += t->voice.rms_dbfs;
        rate += t->voice.syllables_per_s;
        if (t->voice_flags & FL_VOICE_LOUD)
            out->loud++;
        if (t->voice_flags & FL_VOICE_FAST) {
            out->fast++;
            if (t->voice.syllables_per_s > out->fastest)
                out->fastest = t->voice.syllables_per_s;
        }
    }
    if (out->heard) {
        out->mean_rms_dbfs = rms / out->heard;
        out->mean_syllables_per_s = rate / out->heard;
    }
    return out->read;
}

/* A text as a JSON string, null when there is none. jansson refuses invalid UTF-8 (json_string
 * returns NULL and the key would silently vanish): such a text (a file name given on the
 * command line, say) goes out with U+FFFD where its bad bytes were. Everything typed is valid
 * UTF-8 already (play.c converts it at the boundary). */
static json_t *str_or_null(const char *s)
{
    if (!s)
        return json_null();
    size_t len = strlen(s);
    if (fl_utf8_valid(s, len))
        return json_string(s);
    char *fixed = fl_utf8_repair(s, len, NULL);
    json_t *j = fixed ? json_string(fixed) : NULL;
    free(fixed);
    return j;
}

static const char *kind_name(const fl_reply *r)
{
    return !r                           ? "timeout"
           : r->kind == FL_REPLY_CHOICE ? "choice"
           : r->kind == FL_REPLY_ROUTE  ? "route"
                                        : "fallback";
}

static json_t *line_json(const fl_node *nd, int32_t line)
{
    if (line < 0)
        return json_null();
    const fl_line *l = &nd->lines[line];
    json_t *o = json_object();
    json_object_set_new(o, "line", json_string(l->id));
    json_object_set_new(o, "emotion", json_string(fl_emotion_name(l->emotion)));
    json_object_set_new(o, "grievance", json_boolean(l->grievance));
    json_object_set_new(o, "text", json_string(l->text));
    return o;
}

json_t *fl_transcript_json(const fl_session *ss, const char *file, const uint32_t *options)
{
    const fl_engine *eng = fl_session_engine(ss);
    const fl_scenario *s = eng->scenario;
    const fl_state *st = fl_session_state(ss);
    fl_scores sc;
    fl_survey sv;
    fl_findings fs;
    if (fl_session_report(ss, &sc, &sv, &fs) < 0)
        return NULL;

    json_t *doc = json_object();
    json_object_set_new(doc, "frontline", json_string(FL_VERSION));
    json_t *scen = json_object();
    json_object_set_new(scen, "id", json_string(s->id));
    json_object_set_new(scen, "version", json_integer(s->version));
    json_object_set_new(scen, "lang", json_string(s->lang));
    json_object_set_new(scen, "title", json_string(s->title));
    json_object_set_new(scen, "file", str_or_null(file));
    json_object_set_new(doc, "scenario", scen);
    json_object_set_new(doc, "timed", json_boolean(eng->timed));

    json_t *start = json_object();
    json_object_set_new(start, "mood", json_integer(s->start_mood));
    json_object_set_new(start, "patience", json_integer(s->start_patience));
    json_object_set_new(start, "trust", json_integer(s->start_trust));
    json_object_set_new(doc, "start", start);

    size_t n;
    const fl_turn *turns = fl_session_turns(ss, &n);
    json_t *tr = json_array();
    for (size_t i = 0; i < n; i++) {
        const fl_turn *t = &turns[i];
        const fl_node *nd = &s->nodes[t->node];
        const fl_reply *r = t->reply >= 0 ? &nd->replies[t->reply] : NULL;
        json_t *o = json_object();
        json_object_set_new(o, "turn", json_integer(t->turn));
        json_object_set_new(o, "node", json_string(nd->id));
        json_object_set_new(o, "customer", line_json(nd, t->line));
        json_t *ag = json_object();
        json_object_set_new(ag, "kind", json_string(kind_name(r)));
        json_object_set_new(ag, "reply", r ? json_string(r->id) : json_null());
        if (options && options[i])
            json_object_set_new(ag, "option", json_integer(options[i]));
        json_object_set_new(ag, "text", str_or_null(t->typed ? t->typed : r ? r->text : NULL));
        json_object_set_new(ag, "typed", json_boolean(t->typed != NULL));
        json_object_set_new(ag, "ms", json_integer(t->took_ms));
        json_object_set_new(o, "agent", ag);
        json_object_set_new(o, "signals", fl_signals_json(t->signals));
        if (t->typed) {
            json_object_set_new(o, "detected", fl_signals_json(t->detected));
            json_object_set_new(o, "triggers", str_or_null(t->triggers));
        }
        json_t *state = json_object();
        json_object_set_new(state, "mood", json_integer(t->mood));
        json_object_set_new(state, "patience", json_integer(t->patience));
        json_object_set_new(state, "trust", json_integer(t->trust));
        json_object_set_new(state, "goodwill", json_integer(t->goodwill));
        json_object_set_new(state, "elapsed_ms", json_integer(t->elapsed_ms));
        json_object_set_new(o, "state", state);
        if (t->has_voice) /* only then: a transcript without voice is as it always was */
            json_object_set_new(o, "voice", voice_json(t));
        json_array_append_new(tr, o);
    }
    json_object_set_new(doc, "transcript", tr);

    json_t *end = json_object();
    json_object_set_new(end, "finished", json_boolean(st->ended));
    json_object_set_new(end, "outcome", json_string(fl_outcome_name(sc.outcome)));
    json_object_set_new(end, "hung_up", json_boolean(st->hung_up));
    const fl_node *last = &s->nodes[st->node];
    json_object_set_new(end, "node",
                        st->ended && !st->hung_up ? json_string(last->id) : json_null());
    json_object_set_new(end, "customer",
                        st->ended && !st->hung_up ? line_json(last, st->line) : json_null());
    json_object_set_new(end, "turns", json_integer(st->turn));
    json_object_set_new(end, "elapsed_ms", json_integer(st->elapsed_ms));
    json_object_set_new(doc, "ending", end);

    json_t *dims = json_object();
    for (int d = 0; d < FL_DIM_COUNT; d++) {
        json_t *o = json_object();
        json_object_set_new(o, "score", sc.applicable[d] ? json_integer(sc.score[d]) : json_null());
        json_object_set_new(o, "weight", json_integer(sc.weight[d]));
        json_object_set_new(o, "share_permille", json_integer(sc.share[d]));
        json_object_set_new(dims, fl_dimension_name((fl_dimension)d), o);
    }
    json_object_set_new(doc, "dimensions", dims);
    json_object_set_new(doc, "attempted", json_boolean(sc.attempted));
    json_object_set_new(doc, "overall", sc.attempted ? json_integer(sc.overall) : json_null());
    json_object_set_new(doc, "raw", sc.attempted ? json_integer(sc.raw) : json_null());
    json_object_set_new(doc, "band", sc.attempted ? json_stringn(&sc.band, 1) : json_null());
    json_object_set_new(doc, "passed", json_boolean(sc.passed));
    json_t *crit = json_array();
    for (int i = 0; i < 32; i++)
        if (sc.critical_items & (1u << i))
            json_array_append_new(crit,
                                  json_string(fl_critical_name(i) ? fl_critical_name(i) : "reply"));
    json_object_set_new(doc, "critical_mistakes", json_integer(sc.critical));
    json_object_set_new(doc, "critical", crit);
    json_t *floor = json_array();
    for (int d = 0; d < FL_DIM_COUNT; d++)
        if (sc.below_floor & (1u << d))
            json_array_append_new(floor, json_string(fl_dimension_name((fl_dimension)d)));
    json_object_set_new(doc, "below_floor", floor);

    json_t *fa = json_array();
    for (size_t i = 0; i < fs.n; i++) {
        const fl_finding *f = &fs.items[i];
        json_t *o = json_object();
        json_object_set_new(o, "turn", json_integer(f->turn));
        json_object_set_new(o, "dimension",
                            f->dimension >= 0
                                ? json_string(fl_dimension_name((fl_dimension)f->dimension))
                                : json_null());
        json_object_set_new(o, "points", json_integer(f->points));
        json_object_set_new(o, "severity", json_string(fl_finding_severity_name(f->severity)));
        json_object_set_new(o, "critical", json_boolean(f->critical));
        json_object_set_new(o, "rule", json_string(f->rule));
        json_object_set_new(o, "message", json_string(f->message));
        json_object_set_new(o, "note", str_or_null(f->note));
        json_object_set_new(o, "better", str_or_null(f->better));
        json_object_set_new(o, "reply",
                            f->node >= 0 && f->reply >= 0
                                ? json_string(s->nodes[f->node].replies[f->reply].id)
                                : json_null());
        json_array_append_new(fa, o);
    }
    json_object_set_new(doc, "findings", fa);
    fl_findings_free(&fs);

    json_t *su = json_object();
    json_object_set_new(su, "csat", json_integer(sv.csat));
    json_object_set_new(su, "ces", json_integer(sv.ces));
    json_object_set_new(su, "nps", json_integer(sv.nps));
    json_object_set_new(doc, "survey", su);

    fl_voice_summary vs;
    if (fl_voice_summarise(ss, &vs)) {
        json_t *vo = json_object();
        json_object_set_new(vo, "replies_read_aloud", json_integer(vs.read));
        json_object_set_new(vo, "heard", json_integer(vs.heard));
        json_object_set_new(vo, "mean_rms_dbfs",
                            vs.heard ? hundredths(vs.mean_rms_dbfs) : json_null());
        json_object_set_new(vo, "mean_syllables_per_s",
                            vs.heard ? hundredths(vs.mean_syllables_per_s) : json_null());
        json_object_set_new(vo, "loud", json_integer(vs.loud));
        json_object_set_new(vo, "fast", json_integer(vs.fast));
        json_object_set_new(vo, "silent", json_integer(vs.silent));
        json_object_set_new(vo, "scored", json_boolean(vs.scored));
        json_object_set_new(doc, "voice", vo);
    }
    return doc;
}
