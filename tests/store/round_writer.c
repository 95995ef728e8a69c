/*
 * round_writer.c - writes a stress round into a results store with the round recorder API, as a
 * front end does, for tests/store/rounds.py (which then runs the real `frontline report` and
 * `frontline import` on it).
 *
 *   round_writer --db FILE --trainee NAME [--group G] [--mode practice|assessment]
 *                [--player P] [--time-factor F] --round-file FILE --id ID --title TITLE
 *                --lang LANG [--version N] [--seed N] [--at-once N] [--open-only] CALL...
 *   CALL = SCENARIO:PICKS, PICKS the replies offered to pick, 1-based and comma-separated
 *          ("-": none). A call whose picks run out before an ending stays unfinished. A pick
 *          followed by '!' was read aloud loud and fast (-12 dBFS, 7 syllables a second), by
 *          '~' calmly (-22 dBFS, 4.5): measured after the reply was written, as the desktop
 *          does, so the recorder's next update adds the voice to a row already stored.
 *
 * Every call is a real session (the core's fl_session) recorded act by act through
 * fl_round_recorder_call; only the round's figures are made here, from those sessions, the way
 * round.h defines them (the round runtime is not this test's subject): the outcomes counted, a
 * reply of call k taking 2 + k seconds and given with min(k, at_once) calls live, canned
 * replies those with the canned signal, the means over the calls, composure against the
 * baseline the recorder read from the store, passed by the default rule (none lost, mean score
 * at least 70). --open-only never closes the round (a crash). Prints one JSON object: the
 * round's ids, the baseline, the figures as the JSON export writes them, the calls, and every
 * notice and fallback file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "recorder.h"
#include "session.h"

#define MAX_CALLS 16

static int usage(const char *why)
{
    fprintf(stderr, "round_writer: %s\n", why);
    return 2;
}

int main(int argc, char **argv)
{
    fl_round_recorder_opts o = {.mode = "practice",
                                .player = "script",
                                .time_factor = 1,
                                .version = 1,
                                .seed = 1,
                                .at_once = 3};
    int open_only = 0;
    const char *calls[MAX_CALLS];
    int n_calls = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--open-only")) {
            open_only = 1;
            continue;
        }
        if (a[0] != '-') {
            if (n_calls == MAX_CALLS)
                return usage("too many calls");
            calls[n_calls++] = a;
            continue;
        }
        if (!v)
            return usage("an option needs a value");
        i++;
        if (!strcmp(a, "--db"))
            o.db_path = v;
        else if (!strcmp(a, "--trainee"))
            o.trainee = v;
        else if (!strcmp(a, "--group"))
            o.group = v;
        else if (!strcmp(a, "--mode"))
            o.mode = v;
        else if (!strcmp(a, "--player"))
            o.player = v;
        else if (!strcmp(a, "--time-factor"))
            o.time_factor = atof(v);
        else if (!strcmp(a, "--round-file"))
            o.round_path = v;
        else if (!strcmp(a, "--id"))
            o.def_id = v;
        else if (!strcmp(a, "--title"))
            o.title = v;
        else if (!strcmp(a, "--lang"))
            o.def_lang = o.lang = v;
        else if (!strcmp(a, "--version"))
            o.version = (uint32_t)atoi(v);
        else if (!strcmp(a, "--seed"))
            o.seed = strtoull(v, NULL, 10);
        else if (!strcmp(a, "--at-once"))
            o.at_once = (uint32_t)atoi(v);
        else
            return usage(a);
    }
    if (!n_calls || !o.def_id)
        return usage("name the round (--id) and at least one call");
    o.customers = (uint32_t)n_calls;

    json_t *notices = json_array(), *fallbacks = json_array(), *jcalls = json_array();
    fl_round_recorder *rr = fl_round_recorder_open(&o);
    if (!rr)
        return usage("out of memory");
    const char *notice = fl_round_recorder_notice(rr);
    if (notice)
        json_array_append_new(notices, json_string(notice));
    fl_round_baseline base;
    int base_rc = fl_round_recorder_baseline(rr, &base);

    fl_round_figures fig;
    memset(&fig, 0, sizeof(fig));
    fig.customers = fig.arrived = (uint32_t)n_calls;
    fig.duration_ms = 30000u * (uint64_t)n_calls;
    fl_round_event ev[MAX_CALLS * 12];
    size_t n_ev = 0;
    uint64_t reply_ms = 0, replies = 0, canned = 0;
    uint64_t load_ms[FL_ROUND_MAX_AT_ONCE] = {0};
    int sum[4] = {0}, cnt[4] = {0}; /* responsiveness, overall, tone, empathy */
    for (int k = 1; k <= n_calls; k++) {
        char path[1024];
        snprintf(path, sizeof(path), "%s", calls[k - 1]);
        char *picks = strrchr(path, ':');
        if (!picks)
            return usage("a call is SCENARIO:PICKS");
        *picks++ = '\0';
        fl_scenario *sc;
        fl_diags d;
        fl_diags_init(&d, path);
        if (fl_scenario_load_file(&sc, path, &d) != 0)
            return usage(path);
        fl_diags_clear(&d);
        fl_session *ss;
        fl_session_opts so = {.timed = o.time_factor > 0};
        if (fl_session_new(&ss, sc, &so) != 0)
            return usage("out of memory");
        fl_recorder *rc = fl_round_recorder_call(rr, ss, (uint32_t)k, path);
        if (!rc)
            return usage("out of memory");
        uint32_t live = (uint32_t)k < o.at_once ? (uint32_t)k : o.at_once;
        uint64_t at = (uint64_t)(k - 1) * 10000;
        ev[n_ev++] = (fl_round_event){.kind = FL_RE_ARRIVE, .call = (uint32_t)k, .at_ms = at};
        uint32_t took = 2000 + 1000 * (uint32_t)k;
        for (char *p = strtok(picks, ","); p && strcmp(p, "-") && !fl_session_ended(ss);
             p = strtok(NULL, ",")) {
            uint32_t idx[32], n = fl_session_offered(ss, idx, 32);
            int pick = atoi(p);
            if (pick < 1 || (uint32_t)pick > n)
                return usage("a pick is not offered");
            const fl_reply *rp = &fl_session_node(ss)->replies[idx[pick - 1]];
            int is_canned = (rp->signals & FL_SIG_CANNED) != 0;
            if (fl_session_choose(ss, idx[pick - 1], took) != 0)
                return usage("a pick was refused");
            size_t nt;
            fl_session_turns(ss, &nt);
            at += took;
            ev[n_ev++] = (fl_round_event){.kind = FL_RE_REPLY,
                                          .call = (uint32_t)k,
                                          .at_ms = at,
                                          .turn = (uint32_t)nt,
                                          .waited_ms = took,
                                          .concurrency = (uint8_t)live,
                                          .canned = (uint8_t)is_canned};
            replies++;
            canned += (uint64_t)is_canned;
            reply_ms += took;
            fig.by_load[live - 1].replies++;
            fig.by_load[live - 1].canned += (uint32_t)is_canned;
            load_ms[live - 1] += took;
            fl_recorder_update(rc, ss);
            const char *mark = p + strspn(p, "0123456789");
            if (*mark == '!' || *mark == '~') {
                fl_voice_figures vf = {.rms_dbfs = *mark == '!' ? -12.0f : -22.0f,
                                       .peak_dbfs = -3.0f,
                                       .syllables_per_s = *mark == '!' ? 7.0f : 4.5f,
                                       .speech_s = 2.0f,
                                       .syllables = *mark == '!' ? 14 : 9};
                if (fl_session_voice(ss, (uint32_t)nt, &vf) != 0)
                    return usage("a reading was refused");
                fl_recorder_update(rc, ss);
            }
        }
        fl_scores sco;
        fl_survey sv;
        fl_findings fs = {0};
        fl_session_report(ss, &sco, &sv, &fs);
        fl_findings_free(&fs);
        int ended = fl_session_ended(ss);
        if (!ended)
            fig.unfinished++;
        else if (sco.outcome == FL_OUTCOME_RESOLVED)
            fig.resolved++;
        else if (sco.outcome == FL_OUTCOME_LOST)
            fig.lost++;
        else
            fig.other++;
        ev[n_ev++] = (fl_round_event){.kind = FL_RE_END,
                                      .call = (uint32_t)k,
                                      .at_ms = at,
                                      .outcome = (uint8_t)(ended ? sco.outcome : FL_OUTCOME_NONE)};
        if (sco.attempted) {
            const int dims[4] = {FL_DIM_RESPONSIVENESS, -1, FL_DIM_TONE, FL_DIM_EMPATHY};
            for (int i = 0; i < 4; i++) {
                if (dims[i] >= 0 && !sco.applicable[dims[i]])
                    continue;
                sum[i] += dims[i] >= 0 ? sco.score[dims[i]] : sco.overall;
                cnt[i]++;
            }
        }
        /* a call still live when the round ends is closed unfinished, as round.h does */
        fl_recorder_close(rc, ss);
        if ((notice = fl_recorder_notice(rc)))
            json_array_append_new(notices, json_string(notice));
        if (fl_recorder_fallback(rc))
            json_array_append_new(fallbacks, json_string(fl_recorder_fallback(rc)));
        json_array_append_new(jcalls,
                              json_pack("{s:s, s:i, s:b}", "session", fl_recorder_session_id(rc),
                                        "call", k, "finished", ended));
        fl_recorder_free(rc);
        fl_session_free(ss);
        fl_scenario_free(sc);
    }
    fig.per_minute = fig.resolved / (fig.duration_ms / 60000.0);
    fig.mean_reply_ms = replies ? (uint32_t)(reply_ms / replies) : 0;
    fig.canned_share = replies ? (double)canned / (double)replies : 0;
    for (int i = 0; i < FL_ROUND_MAX_AT_ONCE; i++)
        if (fig.by_load[i].replies)
            fig.by_load[i].mean_reply_ms = (uint32_t)(load_ms[i] / fig.by_load[i].replies);
    int *outs[4] = {&fig.responsiveness, &fig.mean_score, &fig.tone, &fig.empathy};
    for (int i = 0; i < 4; i++)
        *outs[i] = cnt[i] ? (sum[i] + cnt[i] / 2) / cnt[i] : -1;
    fig.time_pct = o.time_factor > 0 ? (uint32_t)(o.time_factor * 100 + 0.5) : 0;
    if (base.sessions && fig.tone >= 0 && fig.empathy >= 0) {
        fig.has_baseline = 1;
        fig.composure_tone = fig.tone - base.tone;
        fig.composure_empathy = fig.empathy - base.empathy;
        fig.composure = (fig.composure_tone + fig.composure_empathy) / 2;
    }
    fig.passed = fig.lost == 0 && fig.mean_score >= 70;

    int close_rc = -2;
    if (!open_only) {
        fl_round_recorder_timeline(rr, ev, n_ev);
        close_rc = fl_round_recorder_close(rr, &fig);
    }
    if ((notice = fl_round_recorder_notice(rr)))
        json_array_append_new(notices, json_string(notice));
    if (fl_round_recorder_fallback(rr))
        json_array_append_new(fallbacks, json_string(fl_round_recorder_fallback(rr)));

    /* the figures as the JSON export writes them */
    fl_round_record shown;
    memset(&shown, 0, sizeof(shown));
    shown.fig = fig;
    shown.ended_ms = 1;
    shown.baseline_sessions = fig.has_baseline ? base.sessions : 0;
    json_t *doc = fl_round_record_to_json(&shown);
    json_t *out =
        json_pack("{s:s, s:s, s:{s:i, s:i, s:i, s:i}, s:O, s:i, s:o, s:o, s:o}", "round",
                  fl_round_recorder_id(rr), "registration", fl_round_recorder_registration(rr),
                  "baseline", "rc", base_rc, "sessions", (int)base.sessions, "tone", base.tone,
                  "empathy", base.empathy, "figures", json_object_get(doc, "figures"), "closed",
                  close_rc, "calls", jcalls, "notices", notices, "fallbacks", fallbacks);
    json_dumpf(out, stdout, JSON_INDENT(1));
    putchar('\n');
    json_decref(out);
    json_decref(doc);
    fl_round_recorder_free(rr);
    return 0;
}
