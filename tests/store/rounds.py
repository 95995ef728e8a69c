#!/usr/bin/env python3
"""Stress rounds in the results store and in every export, end to end (results schema 3; and
schema 4's voice on a round's calls).

  rounds.py --frontline BIN --writer ROUND_WRITER --root SRC

1. A store written by the schema-2 program (tests/data/store-schema2.sqlite: real `frontline
   play` sessions; tests/store/make_schema2_fixture.py says how it was made, and the exports that
   program gave of it are kept beside it) is read by this one as it is: every export as the
   schema-2 program gave it (JSON the same but for the new "in_round": null, CSV the same cells
   with the round columns appended empty, xAPI the same statements byte for byte), its bytes and
   its schema unchanged.
2. `frontline play` into a copy upgrades it in place (to schema 5, through 3 and 4): its
   sessions export exactly as before, and the new one is there.
3. round_writer (tests/store/round_writer.c) writes stress rounds into it with the round
   recorder API, each call a real session: an assessment with the extension x1.5 left early with
   a customer lost, an untimed practice round, the same trainee again without extension, a
   trainee with no calm play (no baseline yet), a round broken off (never closed), another round
   file. The composure baseline it got equals the mean computed here from the JSON export's calm
   sessions.
4. Every export shows them: JSON (round objects with the figures the writer gave, each before
   its calls; the calls name their round), CSV (the round columns of the calls; `--rounds`, one
   row per round, in English and in Russian with Excel's separator), xAPI (the calls under the
   round's registration; each closed round's attempted and result statements with the right
   verb and figures; the broken-off round left out and counted; every statement accepted by the
   independent validator of tests/report/xapi), HTML (the rounds compared, per round file, each
   trainee's attempts with their figures, composure or "no baseline yet", the extension marked;
   in Russian too). `--round ID` filters both.
5. `frontline import` of the JSON export into a new store gives the same export; a store that
   cannot be written sends the round and its calls to fallback files, which import brings back.
6. A call's replies read aloud (round_writer measures them after the reply was written, as the
   desktop does) carry their voice like any session's: the call's JSON (each reply's figures and
   the summary), its CSV voice cells, its xAPI statement's voice summary and the HTML's Voice
   section; the other calls and the rounds' own rows have none.
"""
import argparse
import csv
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

from common import check, finish, private_env, sha, validate_xapi

LATE = "scenarios/en/late-delivery.xml"
RU = "scenarios/ru/dostavka-opazdyvaet.xml"
GROUP = "2026-11-kazan-b"
ADL = "http://adlnet.gov/expapi/verbs/"
BASE = "https://frontline.invalid/"


class Env:
    def __init__(self, binary, writer, root, tmp):
        self.binary, self.writer, self.root, self.tmp = binary, writer, root, tmp
        self.env = private_env(tmp, TZ="UTC")

    def run(self, args, stdin=None):
        p = subprocess.run(args, capture_output=True, text=True, timeout=300, cwd=self.root,
                           env=self.env, input=stdin)
        return p.returncode, p.stdout, p.stderr

    def frontline(self, *args, stdin=None):
        return self.run([self.binary, *args], stdin)

    def report(self, dbs, fmt, *extra):
        args = ["report", "--no-progress"] + [a for db in dbs for a in ("--db", db)]
        rc, out, err = self.frontline(*args, "--format", fmt, *extra)
        check(rc == 0, f"report {fmt} {' '.join(extra)}: exit {rc}: {err.strip()}")
        return out, err

    def write_round(self, db, trainee, calls, *opts, round_id="monday-rush",
                    title="Monday rush"):
        rc, out, err = self.run([self.writer, "--db", db, "--trainee", trainee, "--round-file",
                                 os.path.join(self.root, "scenarios/rounds/monday-rush.xml"),
                                 "--id", round_id, "--title", title, "--lang", "en", *opts,
                                 *calls])
        check(rc == 0, f"round_writer {trainee}: exit {rc}: {err.strip()}")
        doc = json.loads(out)
        doc["trainee"], doc["def_id"] = trainee, round_id
        return doc


# ---- 1. the schema-2 store, read as it is --------------------------------------------------

def read_schema2(e, fixture):
    print("a store of the schema-2 program, read as it is:")
    old = os.path.join(e.tmp, "schema2.sqlite")
    shutil.copy(fixture, old)
    digest = sha(old)
    data = os.path.dirname(fixture)
    want_json = json.load(open(os.path.join(data, "store-schema2.json"), encoding="utf-8"))
    out, _ = e.report([old], "json")
    got = json.loads(out)
    check(all(s.get("in_round", "missing") is None for s in got),
          "every session of a schema-2 store is a single conversation (in_round null)")
    stripped = [{k: v for k, v in s.items() if k != "in_round"} for s in got]
    check(stripped == want_json, "the JSON export differs from the schema-2 program's")

    with open(os.path.join(data, "store-schema2.csv"), encoding="utf-8", newline="") as f:
        want = list(csv.reader(f))
    out, _ = e.report([old], "csv")
    rows = list(csv.reader(io.StringIO(out, newline="")))
    n = len(want[0])
    check(rows[0][:n] == want[0] and rows[0][n:] == ["round", "round_id", "round_title", "call"],
          f"CSV header: the old columns, then the round's appended: {rows[0][n - 2:]}")
    check(len(rows) == len(want) and all(r[:n] == w for r, w in zip(rows[1:], want[1:])),
          "CSV cells differ from the schema-2 program's")
    check(all(r[n:] == ["", "", "", ""] for r in rows[1:]), "CSV: round cells of singles")

    want_x = open(os.path.join(data, "store-schema2.xapi.json"), encoding="utf-8").read()
    out, err = e.report([old], "xapi")
    check(out == want_x, "the xAPI statements differ from the schema-2 program's")
    check("stress round" not in err, f"xAPI of a schema-2 store talks of rounds: {err!r}")
    out, _ = e.report([old], "html")
    check('id="rounds"' not in out, "HTML of a store without rounds has a rounds section")
    out, _ = e.report([old], "csv", "--rounds")
    check(len(out.splitlines()) == 1, f"--rounds of a schema-2 store: {out.splitlines()[1:]}")
    rc, _, err = e.frontline("report", "--db", old, "--round", "monday-rush")
    check(rc == 2 and "no round at all" in err, f"--round on a store without rounds: {err!r}")
    check(sha(old) == digest, "a report changed the schema-2 store")
    v = sqlite3.connect(old).execute("PRAGMA user_version").fetchone()[0]
    check(v == 2, f"after the reports the store is schema {v}")
    print(f"  {len(got)} sessions: JSON, CSV, xAPI as the schema-2 program gave them; untouched")
    return want_json


# ---- 2. upgraded in place ----------------------------------------------------------------------

def upgrade(e, fixture, before):
    print("upgraded in place:")
    db = os.path.join(e.tmp, "rounds.sqlite")
    shutil.copy(fixture, db)
    best = os.path.join(e.root, "tests/golden/en/late-delivery.best.script")
    rc, _, err = e.frontline("play", "--script", best, "--db", db, "--trainee", "oleg",
                             "--untimed", LATE)
    check(rc == 0, f"play into the schema-2 store: exit {rc}: {err.strip()}")
    con = sqlite3.connect(db)
    v = con.execute("PRAGMA user_version").fetchone()[0]
    check(v == 5, f"after a play the store is schema {v}, want 5")
    check(con.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "integrity after upgrade")
    indexes = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    check({"sessions_calm", "sessions_round"} <= indexes, f"schema 3's indexes: {indexes}")
    con.close()
    out, _ = e.report([db], "json")
    after = json.loads(out)
    ids = {s["session"] for s in before}
    kept = [{k: v for k, v in s.items() if k != "in_round"} for s in after if s["session"] in ids]
    check(kept == before, "the schema-2 sessions export differently after the upgrade")
    check(len(after) == len(before) + 1, f"{len(after)} sessions after one more play")
    print(f"  schema 5, {len(before)} old sessions as before, 1 new")
    return db


# ---- 3. rounds written with the API ------------------------------------------------------------

def calm_baseline(sessions, trainee, group):
    """docs/results.md's baseline, from the JSON export: calm play is single, untimed, finished
    and attempted; each mean over the sessions where it applied, rounded half up."""
    calm = [s for s in sessions if "round" not in s and s["trainee"] == trainee and
            (group is None or s["group"] == group) and s.get("in_round") is None and
            not s["timed"] and s["finished"] and s["attempted"]]
    tone = [s["dimensions"]["tone"] for s in calm if s["dimensions"]["tone"] is not None]
    emp = [s["dimensions"]["empathy"] for s in calm if s["dimensions"]["empathy"] is not None]
    if not tone or not emp:
        return {"sessions": 0}
    calm = [s for s in calm if s["dimensions"]["tone"] is not None or
            s["dimensions"]["empathy"] is not None]
    return {"sessions": len(calm), "tone": int(sum(tone) / len(tone) + 0.5),
            "empathy": int(sum(emp) / len(emp) + 0.5)}


def write_rounds(e, db):
    print("rounds written with the round recorder:")
    out, _ = e.report([db], "json")
    sessions = json.loads(out)
    w = {}
    # an assessment with x1.5: a customer lost (sent elsewhere twice), one still live at the end
    w["a"] = e.write_round(db, "Марина", [f"{LATE}:1,1,1,1", f"{LATE}:2,2", f"{LATE}:1"],
                           "--group", GROUP, "--mode", "assessment", "--time-factor", "1.5")
    # untimed practice, every call to an ending
    # (its second call's first two replies read aloud: loud and fast, then calm)
    w["b"] = e.write_round(db, "oleg", [f"{RU}:1,1,1,1,1,1", f"{LATE}:1!,1~,1,1,1"],
                           "--time-factor", "0", "--at-once", "2")
    # the same trainee again, timed without extension, a canned reply
    w["c"] = e.write_round(db, "Марина", [f"{LATE}:3,1,1,2,1", f"{LATE}:1,1,1,1,1"],
                           "--group", GROUP, "--time-factor", "1")
    # nobody's calm play to compare with
    w["d"] = e.write_round(db, "новичок", [f"{LATE}:1,1,1,1,1"], "--group", GROUP,
                           "--time-factor", "2")
    # broken off: never closed
    w["e"] = e.write_round(db, "Марина", [f"{LATE}:1"], "--group", GROUP, "--open-only")
    # another round file
    w["f"] = e.write_round(db, "oleg", [f"{LATE}:1,1,1,1,1"], "--mode", "assessment",
                           round_id="objections-hour", title="Objections hour")
    for k, doc in w.items():
        check(not doc["notices"] and not doc["fallbacks"], f"round {k}: {doc['notices']}")
    for k, trainee, group in (("a", "Марина", GROUP), ("b", "oleg", ""), ("d", "новичок", GROUP)):
        want = calm_baseline(sessions, trainee, group)
        got = {x: w[k]["baseline"][x] for x in want}
        check(got == want, f"round {k}: the baseline {got}, from the export {want}")
    check(w["a"]["baseline"]["sessions"] == 2 and w["b"]["baseline"]["sessions"] == 2,
          f"baselines: {w['a']['baseline']}, {w['b']['baseline']}")
    check(w["d"]["figures"]["composure"] is None, "a trainee without calm play has composure")
    check(w["a"]["figures"]["lost"] == 1 and w["a"]["figures"]["unfinished"] == 1 and
          w["c"]["figures"]["canned_share"] > 0, "the rounds are not the mix this test needs")
    print("  " + "; ".join(f"{k}: {len(d['calls'])} calls, baseline {d['baseline']['sessions']}"
                          for k, d in w.items()))
    return w


# ---- 4. the exports --------------------------------------------------------------------------

def finished(doc):
    return all(c["finished"] for c in doc["calls"])


def check_json(e, db, w):
    out, _ = e.report([db], "json")
    objs = json.loads(out)
    rounds = {o["round"]: o for o in objs if "round" in o and "session" not in o}
    check(len(rounds) == len(w), f"{len(rounds)} round objects, want {len(w)}")
    pos = {o.get("round") or o.get("session"): i for i, o in enumerate(objs)}
    for k, doc in w.items():
        r = rounds.get(doc["round"])
        if not check(r is not None, f"round {k} missing from the JSON export"):
            continue
        closed = k != "e"
        check(r["registration"] == doc["registration"] and r["trainee"] == doc["trainee"] and
              r["definition"]["id"] == doc["def_id"], f"round {k}: {r['definition']}")
        check(r["figures"] == (doc["figures"] if closed else None),
              f"round {k}: figures {r['figures']} != the writer's {doc['figures']}")
        check(r["finished"] == (closed and finished(doc)), f"round {k}: finished {r['finished']}")
        check((r["ended"] is not None) == closed and r["calls"] == len(doc["calls"]),
              f"round {k}: ended {r['ended']}, calls {r['calls']}")
        check(closed == (r["timeline"] is not None), f"round {k}: timeline {r['timeline']}")
        for c in doc["calls"]:
            s = next((o for o in objs if o.get("session") == c["session"]), None)
            if check(s is not None, f"round {k}: call {c['call']} missing"):
                check(s["in_round"] == {"id": doc["round"], "registration": doc["registration"],
                                        "call": c["call"]},
                      f"round {k} call {c['call']}: in_round {s['in_round']}")
                check(s["finished"] == c["finished"], f"round {k} call {c['call']}: finished")
                check(pos[doc["round"]] < pos[c["session"]],
                      f"round {k}: its object comes after its call {c['call']}")
    a = rounds[w["a"]["round"]]
    check(a["timed"] and a["time_factor"] == 1.5 and a["mode"] == "assessment",
          f"round a: timed {a['timed']}, time_factor {a['time_factor']}")
    b = rounds[w["b"]["round"]]
    check(b["timed"] is False and b["time_factor"] is None, "round b is untimed")
    kinds = [ev["kind"] for ev in a["timeline"]]
    check(kinds.count("arrive") == 3 and kinds.count("end") == 3 and
          kinds.count("reply") == a["figures"]["by_load"][0]["replies"] +
          sum(x["replies"] for x in a["figures"]["by_load"][1:]),
          f"round a's timeline: {kinds}")
    print(f"  JSON: {len(rounds)} rounds with the writer's figures, each before its calls")
    return objs


def check_csv(e, db, w, objs):
    sessions = {o["session"]: o for o in objs if "session" in o}
    out, _ = e.report([db], "csv")
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    by_id = {r["session"]: r for r in rows}
    for k, doc in w.items():
        for c in doc["calls"]:
            r = by_id.get(c["session"], {})
            check(r.get("round") == doc["round"] and r.get("round_id") == doc["def_id"] and
                  r.get("call") == str(c["call"]) and r.get("round_title"),
                  f"CSV round {k} call {c['call']}: {[r.get(x) for x in ('round', 'call')]}")
    singles = [r for r in rows if not sessions[r["session"]]["in_round"]]
    check(singles and all(r["round"] == r["call"] == "" for r in singles), "CSV singles")
    a_call = by_id[w["a"]["calls"][0]["session"]]
    check(a_call["time_factor"] == "1.5" and a_call["timed"] == "1",
          f"CSV: a call of the x1.5 round shows time_factor {a_call['time_factor']}")

    out, _ = e.report([db], "csv", "--rounds")
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    check(len(rows) == len(w), f"--rounds: {len(rows)} rows, want {len(w)}")
    by_round = {r["round"]: r for r in rows}
    for k, doc in w.items():
        r = by_round.get(doc["round"])
        if not check(r is not None, f"--rounds: round {k} missing"):
            continue
        f = doc["figures"]
        if k == "e":
            check(r["lost"] == r["composure"] == r["passed"] == "" and r["ended"] == "",
                  f"--rounds: the round never closed has figures: {r}")
            continue
        check(r["lost"] == str(f["lost"]) and r["resolved"] == str(f["resolved"]) and
              r["mean_reply_ms"] == str(f["mean_reply_ms"]) and
              abs(float(r["resolved_per_minute"]) - f["per_minute"]) < 0.001 and
              abs(float(r["canned_share"]) - f["canned_share"]) < 0.001 and
              r["passed"] == ("1" if f["passed"] else "0"),
              f"--rounds: round {k}: {r}")
        for load in f["by_load"]:
            n = load["live"]
            check(r[f"replies_at_{n}"] == str(load["replies"]) and
                  r[f"canned_at_{n}"] == str(load["canned"]),
                  f"--rounds: round {k} at {n} live: {r[f'replies_at_{n}']}")
        comp = f["composure"]
        check(r["composure"] == (str(comp["composure"]) if comp else "no baseline yet"),
              f"--rounds: round {k} composure {r['composure']!r}")
        check(r["finished"] == ("1" if finished(doc) else "0"), f"--rounds: round {k} finished")
    check(by_round[w["a"]["round"]]["time_factor"] == "1.5" and
          by_round[w["b"]["round"]]["timed"] == "0" and
          by_round[w["b"]["round"]]["time_factor"] == "" and
          by_round[w["d"]["round"]]["time_factor"] == "2",
          "--rounds: the extensions (x1.5, untimed, x2) are not visible")
    out, _ = e.report([db], "csv", "--rounds", "--lang", "ru", "--excel-ru")
    check(out.startswith("\ufeffраунд;стажёр;группа;id_раунда"), f"--rounds in Russian: {out[:60]}")
    check("пока не с чем сравнить" in out, "--rounds in Russian: no baseline yet")
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"), newline=""), delimiter=";"))
    a = next(r for r in rows if r["раунд"] == w["a"]["round"])
    check(a["доп_время"] == "1,5", f"--excel-ru: the extension {a['доп_время']!r}")
    rc, _, err = e.frontline("report", "--db", db, "--rounds", "--format", "json")
    check(rc == 2, f"--rounds with json: exit {rc} {err.strip()}")
    print(f"  CSV: the calls' round columns; --rounds: {len(w)} rows with their figures")


def check_xapi(e, db, w, objs):
    out, err = e.report([db], "xapi")
    st = json.loads(out)
    path = os.path.join(e.tmp, "rounds.xapi.json")
    with open(path, "w", encoding="utf-8") as f:
        f.write(out)
    validate_xapi(e.root, path, "the round statements")
    out2, _ = e.report([db], "xapi")
    check(out2 == out, "two xAPI exports differ (ids are stored)")
    check("1 stress round not finished" in err, f"the broken-off round is not counted: {err!r}")
    sessions = {o["session"]: o for o in objs if "session" in o}
    for k, doc in w.items():
        mine = [s for s in st if s["context"].get("registration") == doc["registration"]]
        rounds = [s for s in mine if s["object"]["id"] == BASE + "rounds/" + doc["def_id"]]
        if k == "e":
            check(not rounds, "the broken-off round has statements")
            continue
        verbs = [s["verb"]["id"][len(ADL):] for s in rounds]
        mode = sessions[doc["calls"][0]["session"]]["mode"]
        want = ("terminated" if not finished(doc) else
                ("passed" if doc["figures"]["passed"] else "failed") if mode == "assessment"
                else "completed")
        check(verbs == ["attempted", want], f"round {k}: verbs {verbs}, want attempted, {want}")
        check(mine and mine[0] is rounds[0] and mine[-1] is rounds[-1],
              f"round {k}: attempted first and the result last among its statements")
        if len(rounds) < 2:
            continue
        res = rounds[1]["result"]
        ext = {key[len(BASE):]: v for key, v in res["extensions"].items()}
        f = doc["figures"]
        check(ext["xapi/round/lost"] == f["lost"] and ext["xapi/round/arrived"] == f["arrived"] and
              abs(ext["xapi/round/canned-share"] - f["canned_share"]) < 1e-9 and
              abs(ext["xapi/round/resolved-per-minute"] - f["per_minute"]) < 1e-9 and
              ext["xapi/round/mean-reply-ms"] == f["mean_reply_ms"] and
              res["success"] == f["passed"] and res["completion"] == finished(doc),
              f"round {k}: result {res}")
        comp = f["composure"]
        check(ext.get("xapi/round/composure") == (comp["composure"] if comp else None),
              f"round {k}: composure extension {ext.get('xapi/round/composure')}")
        ctx = {key[len(BASE):]: v for key, v in rounds[1]["context"]["extensions"].items()}
        tf = {"a": 1.5, "b": None, "c": 1.0, "d": 2.0, "f": 1.0}[k]
        check(ctx.get("xapi/context/time-factor") == tf and ctx["xapi/context/timed"] == (tf is not None),
              f"round {k}: the extension in context {ctx}")
        # the calls that ended: under the round's registration, named by round, call, session
        for c in doc["calls"]:
            cs = [s for s in st if s["context"]["extensions"].get(BASE + "xapi/context/session")
                  == c["session"]]
            if not c["finished"]:
                check(not cs, f"round {k}: the unfinished call {c['call']} has statements")
                continue
            check(cs and all(s["context"]["registration"] == doc["registration"] and
                             s["context"]["extensions"][BASE + "xapi/context/call"] == c["call"]
                             for s in cs), f"round {k} call {c['call']}: registration")
    singles = [s for s in st if BASE + "xapi/context/round" not in s["context"]["extensions"] and
               "/rounds/" not in s["object"]["id"]]
    check(singles and all(s["context"]["registration"] in sessions for s in singles),
          "single conversations keep their own session as registration")
    print(f"  xAPI: {len(st)} statements, valid; rounds attempted + result, calls registered")


def check_html(e, db, w):
    out, _ = e.report([db], "html")
    m = re.search(r'<section id="rounds">(.*?)</section>', out, re.S)
    if not check(m, "HTML: no rounds section"):
        return
    sec = m.group(1)
    titles = re.findall(r'<h3 class="round-title">(.*?) <span', sec)
    check(titles == ["Monday rush", "Objections hour"], f"HTML: round tables {titles}")
    rows = re.findall(r'<tr class="round( extended)?">(.*?)</tr>', sec, re.S)
    check(len(rows) == len(w), f"HTML: {len(rows)} round rows, want {len(w)}")
    by_start = {}
    for ext, row in rows:
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        by_start.setdefault(cells[0], []).append((ext, row, cells))
    marina = by_start.get("Марина", [])
    check([c[2] for _, _, c in marina] == ["1", "2", "3"], "HTML: Марина's attempts 1, 2, 3")
    order = [w["a"], w["c"], w["e"]]  # by start
    for (ext, row, cells), doc in zip(marina, order):
        f = doc["figures"]
        if doc is w["e"]:
            check("not finished" in row, "HTML: the round never closed says so")
            continue
        lost = re.search(r'r-lost" data-v="(\d+)"', row)
        reply = re.search(r'r-reply" data-v="(\d+)"', row)
        canned = re.search(r'r-canned" data-v="([\d.e-]+)"', row)
        check(lost and int(lost.group(1)) == f["lost"] and reply and
              int(reply.group(1)) == f["mean_reply_ms"] and canned and
              abs(float(canned.group(1)) - f["canned_share"]) < 1e-4,
              f"HTML: Марина's round figures {row}")
        comp = re.search(r'r-comp" data-v="(-?\d+)"', row)
        check(comp and int(comp.group(1)) == f["composure"]["composure"],
              f"HTML: composure {comp and comp.group(1)} != {f['composure']}")
    check(marina and marina[0][0] == " extended" and "&#215;1.5" in marina[0][1] and
          "left early" in marina[0][1], "HTML: x1.5 and left early marked in Марина's first")
    check(marina[1:2] and marina[1][0] == "", "HTML: a round without extension is not marked")
    new = by_start.get("новичок", [])
    check(new and "no baseline yet" in new[0][1] and "&#215;2" in new[0][1],
          "HTML: no baseline yet, and x2")
    oleg = by_start.get("oleg", [])
    check(any("untimed" in r for _, r, _ in oleg), "HTML: the untimed round is marked")
    check(re.search(r"<dt>Stress rounds</dt><dd>6</dd>", out), "HTML header: 6 stress rounds")
    out, _ = e.report([db], "html", "--lang", "ru")
    check("Сравнение стресс-раундов" in out and "пока не с чем сравнить" in out and
          "без времени" in out and "прерван" in out, "HTML in Russian: the rounds' words")
    print(f"  HTML: {len(rows)} attempts in {len(titles)} round tables, English and Russian")


def check_filter(e, db, w):
    out, _ = e.report([db], "json", "--round", "objections-hour")
    objs = json.loads(out)
    rounds = [o for o in objs if "session" not in o]
    calls = [o for o in objs if "session" in o]
    check(len(rounds) == 1 and rounds[0]["round"] == w["f"]["round"] and
          {c["session"] for c in calls} == {c["session"] for c in w["f"]["calls"]},
          f"--round objections-hour: {len(rounds)} rounds, {len(calls)} sessions")
    rc, _, err = e.frontline("report", "--db", db, "--round", "monday")
    check(rc == 2 and "monday-rush" in err, f"--round with a typo: {err.strip()!r}")


# ---- 5. import -------------------------------------------------------------------------------

def check_import(e, db):
    out, _ = e.report([db], "json")
    path = os.path.join(e.tmp, "export.json")
    with open(path, "w", encoding="utf-8") as f:
        f.write(out)
    fresh = os.path.join(e.tmp, "fresh.sqlite")
    rc, _, err = e.frontline("import", "--db", fresh, path)
    check(rc == 0 and "stress rounds: 6 added" in err, f"import: exit {rc}: {err.strip()}")
    again, _ = e.report([fresh], "json")
    check(json.loads(again) == json.loads(out), "export -> import -> export differs")
    rc, _, err = e.frontline("import", "--db", fresh, path)
    check(rc == 0 and "stress rounds: 0 added, 6 already there" in err,
          f"import twice: {err.strip()}")
    merged, _ = e.report([db, fresh], "json")
    check(json.loads(merged) == json.loads(out), "two copies of a store merge to one")
    print("  import: export -> import -> export the same, twice, and merged")


def check_fallback(e):
    bad = os.path.join(e.tmp, "not-a-store.sqlite")
    with open(bad, "wb") as f:
        f.write(os.urandom(9000))
    unsaved = os.path.join(e.env["XDG_STATE_HOME"], "frontline", "unsaved")
    doc = e.write_round(bad, "Марина", [f"{LATE}:1,1,1,1,1", f"{LATE}:2,2"], "--group", GROUP,
                        "--time-factor", "1.5")
    files = sorted(os.listdir(unsaved)) if os.path.isdir(unsaved) else []
    check(len(doc["fallbacks"]) == 3 and len(files) == 3 and
          sum(f.startswith("frontline-round-") for f in files) == 1,
          f"fallback files: {files}, the writer's {doc['fallbacks']}")
    check(doc["notices"] and "frontline-round-" in doc["notices"][0] and bad in doc["notices"][0]
          and "frontline import" in doc["notices"][0], f"the round's notice: {doc['notices']}")
    store = os.path.join(e.tmp, "after-fallback.sqlite")
    # the calls first, then the round: order does not matter
    paths = sorted((os.path.join(unsaved, f) for f in files), key=lambda p: "round-" in p)
    rc, _, err = e.frontline("import", "--db", store, *paths)
    check(rc == 0 and "stress rounds: 1 added" in err and "2 added" in err,
          f"import of the fallback files: {err.strip()}")
    out, _ = e.report([store], "json")
    objs = json.loads(out)
    r = next((o for o in objs if o.get("round") == doc["round"]), None)
    check(r is not None and r["figures"] == doc["figures"] and r["calls"] == 2,
          "the fallback round imports with its figures and calls")
    check(sum(1 for o in objs if (o.get("in_round") or {}).get("id") == doc["round"]) == 2,
          "the fallback calls import linked to their round")
    print("  a store that cannot be written: round and calls in fallback files, imported back")


# ---- 6. the voice of a call --------------------------------------------------------------------

def check_voice(e, db, w):
    voiced = w["b"]["calls"][1]["session"]
    objs = json.loads(e.report([db], "json")[0])
    calls = {o["session"]: o for o in objs if "session" in o}
    mine = calls.get(voiced, {})
    replies = [t for t in mine.get("turns", []) if t["speaker"] == "trainee"]
    check([t.get("voice", {}).get("flags") for t in replies[:3]] == [["loud", "fast"], [], None]
          and replies[0]["voice"]["rms_dbfs"] == -12 and replies[1]["voice"]["syllables_per_s"]
          == 4.5, f"the voiced call's replies: {[t.get('voice') for t in replies]}")
    check(mine.get("voice") == {"replies_read_aloud": 2, "heard": 2, "mean_rms_dbfs": -17,
                                "mean_syllables_per_s": 5.75, "loud": 1, "fast": 1,
                                "silent": 0}, f"the voiced call's summary: {mine.get('voice')}")
    others = [o for sid, o in calls.items() if sid != voiced and "voice" in o]
    check(not others and not any("voice" in o for o in objs if "round" in o and
                                 "session" not in o),
          f"voice where none was read aloud: {[o.get('session') for o in others]}")
    rows = {r["session"]: r for r in csv.DictReader(io.StringIO(e.report([db], "csv")[0],
                                                                newline=""))}
    r = rows.get(voiced, {})
    check([r.get(k) for k in ("round", "voice_replies", "voice_rms_dbfs",
                              "voice_syllables_per_s", "voice_loud", "voice_fast")] ==
          [w["b"]["round"], "2", "-17.0", "5.8", "1", "1"] and
          all(x["voice_replies"] == "" for sid, x in rows.items() if sid != voiced),
          f"CSV voice cells of the call: {r}")
    out, _ = e.report([db], "csv", "--rounds")
    check("voice" not in out.splitlines()[0], "the rounds CSV has voice columns")
    st = json.loads(e.report([db], "xapi")[0])
    key = BASE + "xapi/result/voice"
    ext = lambda s: s.get("result", {}).get("extensions", {})  # noqa: E731
    heads = [s for s in st if s["context"]["extensions"].get(BASE + "xapi/context/session") ==
             voiced and key in ext(s)]
    check(len(heads) == 1 and ext(heads[0])[key]["replies"] == 2 and
          sum(key in ext(s) for s in st) == 1,
          f"xAPI: the voiced call's summary once: {len(heads)}")
    out, _ = e.report([db], "html")
    m = re.search(r'<section id="voice">(.*?)</section>', out, re.S)
    check(m and re.findall(r'v-trainee">(.*?)</td>', m.group(1)) == ["oleg"],
          "HTML: the Voice section lists the trainee whose call was read aloud")
    print("  voice: a call's replies read aloud in JSON, CSV, xAPI and HTML")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--writer", required=True)
    ap.add_argument("--root", required=True)
    a = ap.parse_args()
    root = os.path.abspath(a.root)
    tmp = tempfile.mkdtemp(prefix="fl-rounds-")
    e = Env(os.path.abspath(a.frontline), os.path.abspath(a.writer), root, tmp)
    fixture = os.path.join(root, "tests/data/store-schema2.sqlite")
    before = read_schema2(e, fixture)
    db = upgrade(e, fixture, before)
    w = write_rounds(e, db)
    objs = check_json(e, db, w)
    check_csv(e, db, w, objs)
    check_xapi(e, db, w, objs)
    check_html(e, db, w)
    check_filter(e, db, w)
    check_import(e, db)
    check_voice(e, db, w)
    check_fallback(e)
    return finish(tmp, "ok: stress rounds through the store, every export and import; schema 2 upgraded")


if __name__ == "__main__":
    sys.exit(main())
