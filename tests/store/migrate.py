#!/usr/bin/env python3
"""A results store written by the schema-1 program, read and upgraded by this one.

Schema 1 is the released first schema; schema 2 added the critical mistakes and "not attempted",
schema 3 the stress rounds, schema 4 the voice (docs/results.md; a store of schema 2 is
tests/store/rounds.py's, one of schema 3 is step 5's). The schema-1 store is made here the way the
schema-1 program made it: its
exact DDL (copied below: a released schema is never edited, so the copy stays true), with the
sessions of real `frontline play` runs copied into it column for column (only the columns
schema 1 had). Then:

  1. `frontline report` reads it as it is, in every format, without changing a byte (readers
     never migrate): the finished session with its score, raw = overall (schema 1's overall was
     the weighted mean), the critical mistakes unknown (null), and the session quit before any
     reply exported as not attempted (no score, "not attempted" in the CSV).
  2. A report merging it with a schema-2 store reads both.
  3. `frontline play --db` it: the store is upgraded in place (user_version 5: schema 2's columns,
     then schema 3's, 4's and 5's, every migration in one go),
     its old sessions export exactly as before, and the new session is written with its
     critical mistake (a transfer in the first reply of late-delivery) and not passed.
  4. `frontline import` of a JSON export from before schema 2 (without the new fields) works.
  5. The schema-3 program's store (tests/store/data/store-schema3.sqlite, with stress rounds;
     tests/store/make_schema3_fixture.py says how it was made, and that program's exports of it
     are kept beside it) is read by this one as it is: JSON, CSV, rounds CSV and xAPI byte for
     byte as that program gave them (no voice anywhere), and its bytes unchanged. A play with
     replies read aloud (`voice` lines) upgrades a copy in place to schema 5 (the voice columns
     and their index): the old sessions and rounds export exactly as before (the CSV's old rows
     only gain empty voice cells, the columns being there now), and the new session has its
     voice in every export; its JSON export imported into a fresh store gives it back the same.
"""
import argparse
import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

from common import check, finish, private_env, sha

# The schema-1 DDL, exactly as game/store/store.c's migration 0 -> 1 creates it.
SCHEMA_1 = """
CREATE TABLE groups (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE);
CREATE TABLE trainees (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  group_id INTEGER REFERENCES groups(id));
CREATE UNIQUE INDEX trainees_name ON trainees(name, ifnull(group_id, 0));
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  xapi_id TEXT NOT NULL UNIQUE,
  trainee_id INTEGER NOT NULL REFERENCES trainees(id),
  scenario_id TEXT NOT NULL, scenario_version INTEGER NOT NULL,
  scenario_title TEXT, scenario_lang TEXT, content_hash TEXT,
  mode TEXT NOT NULL CHECK (mode IN ('practice', 'assessment')),
  player TEXT NOT NULL, seed INTEGER NOT NULL DEFAULT 0,
  started INTEGER NOT NULL, ended INTEGER,
  timed INTEGER NOT NULL, time_factor REAL NOT NULL DEFAULT 1,
  finished INTEGER NOT NULL DEFAULT 0,
  outcome TEXT, overall INTEGER, band TEXT, passed INTEGER,
  empathy INTEGER, apology INTEGER, ownership INTEGER, tone INTEGER, upsell INTEGER,
  resolution INTEGER, responsiveness INTEGER,
  csat INTEGER, ces INTEGER, nps INTEGER,
  program_version TEXT NOT NULL,
  replies INTEGER NOT NULL DEFAULT 0, findings INTEGER NOT NULL DEFAULT 0);
CREATE INDEX sessions_started ON sessions(started, id);
CREATE INDEX sessions_trainee ON sessions(trainee_id);
CREATE TABLE turns (
  session_id TEXT NOT NULL REFERENCES sessions(id), seq INTEGER NOT NULL,
  turn INTEGER NOT NULL, speaker TEXT NOT NULL CHECK (speaker IN ('customer', 'trainee')),
  node TEXT NOT NULL, text TEXT, kind TEXT, reply_id TEXT, emotion TEXT,
  typed INTEGER NOT NULL DEFAULT 0, signals TEXT, detected TEXT, took_ms INTEGER,
  mood INTEGER, patience INTEGER, trust INTEGER, goodwill INTEGER, elapsed_ms INTEGER,
  at INTEGER, taken_back INTEGER NOT NULL DEFAULT 0, xapi_id TEXT UNIQUE,
  PRIMARY KEY (session_id, seq)) WITHOUT ROWID;
CREATE TABLE findings (
  session_id TEXT NOT NULL REFERENCES sessions(id), seq INTEGER NOT NULL,
  turn INTEGER NOT NULL, dimension TEXT, points INTEGER NOT NULL, severity TEXT NOT NULL,
  rule TEXT NOT NULL, message TEXT NOT NULL, better TEXT, reply_id TEXT,
  PRIMARY KEY (session_id, seq)) WITHOUT ROWID;
"""
APP_ID = 0x464C4E31  # "FLN1"

# late-delivery: the second reply offered first (sending the customer to the courier), then on.
TRANSFER = "2 @5\n1 @5\n1 @5\n1 @5\n2 @5\n"
NEW_FIELDS = {"attempted", "raw", "critical_mistakes", "critical"}


class Env:
    def __init__(self, binary, root, tmp):
        self.binary, self.root, self.tmp = binary, root, tmp
        self.scenario = os.path.join(root, "scenarios/en/late-delivery.xml")
        self.env = private_env(tmp)

    def run(self, args, stdin=None):
        p = subprocess.run([self.binary] + args, capture_output=True, text=True, timeout=120,
                           cwd=self.root, env=self.env, input=stdin)
        return p.returncode, p.stdout, p.stderr

    def play_script(self, db, text, trainee, expect_rc=0):
        path = os.path.join(self.tmp, trainee + ".script")
        with open(path, "w") as f:
            f.write(text)
        rc, out, err = self.run(["play", "--script", path, "--db", db, "--trainee", trainee,
                                 "--group", "Old room", "--assessment", self.scenario])
        check(rc == expect_rc, f"play {trainee}: exit {rc}, want {expect_rc}: {err.strip()}")
        return json.loads(out) if out.strip() else None

    def report(self, dbs, fmt, *extra):
        args = ["report"] + [a for db in dbs for a in ("--db", db)] + ["--format", fmt, *extra]
        rc, out, err = self.run(args)
        check(rc == 0, f"report {fmt} of {dbs}: exit {rc}: {err.strip()}")
        return out, err


def make_schema1_store(e, path):
    """Real sessions, played into a scratch store, copied into a schema-1 file column for column:
    the best path, a session stopped after one reply, and one quit before any reply."""
    scratch = os.path.join(e.tmp, "scratch.sqlite")
    best = open(os.path.join(e.root, "tests/golden/en/late-delivery.best.script")).read()
    e.play_script(scratch, best, "old-best")
    first = [l for l in best.splitlines() if l.strip() and not l.startswith("#")][0]
    e.play_script(scratch, first + "\n", "old-stopped", expect_rc=1)
    rc, _, err = e.run(["play", "--text", "--db", scratch, "--trainee", "old-quitter",
                        "--group", "Old room", e.scenario], stdin="\nq\n")
    check(rc == 0, f"play --text, q before any reply: exit {rc}: {err.strip()}")

    con = sqlite3.connect(path)
    con.executescript(SCHEMA_1)
    con.execute(f"ATTACH DATABASE '{scratch}' AS s")
    for table in ("groups", "trainees", "sessions", "turns", "findings"):
        cols = [r[1] for r in con.execute(f"PRAGMA main.table_info({table})")]
        names = ", ".join(cols)
        con.execute(f"INSERT INTO main.{table} ({names}) SELECT {names} FROM s.{table}")
    # Schema 1 had no cap: its overall was the weighted mean (the best path's is the same).
    con.commit()
    con.execute("DETACH DATABASE s")
    con.execute(f"PRAGMA application_id = {APP_ID}")
    con.execute("PRAGMA user_version = 1")
    con.execute("PRAGMA journal_mode = WAL")  # as the schema-1 program left its stores
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    for side in ("-wal", "-shm"):
        if os.path.exists(path + side):
            os.unlink(path + side)
    n = sqlite3.connect(path).execute("SELECT count(*) FROM sessions").fetchone()[0]
    check(n == 3, f"the schema-1 store holds {n} sessions, want 3")


def by_trainee(sessions):
    return {s["trainee"]: s for s in sessions}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="fl-migrate-")
    e = Env(os.path.abspath(a.frontline), os.path.abspath(a.root), tmp)
    old = os.path.join(tmp, "schema1.sqlite")
    make_schema1_store(e, old)
    digest = sha(old)

    # 1. Read as it is, in every format, untouched.
    out, _ = e.report([old], "json")
    before = json.loads(out)
    s = by_trainee(before)
    best, stopped, quitter = s.get("old-best"), s.get("old-stopped"), s.get("old-quitter")
    if check(best and stopped and quitter, f"the schema-1 sessions: {sorted(s)}"):
        check(best["finished"] and best["attempted"] is True and best["overall"] >= 90 and
              best["raw"] == best["overall"] and best["passed"] is True,
              f"schema-1 best path: {({k: best[k] for k in ('overall', 'raw', 'passed')})}")
        check(best["critical_mistakes"] is None and best["critical"] is None,
              "schema-1 session: critical mistakes should be unknown (null)")
        check(all(f["critical"] is False and f["note"] is None for f in best["findings"]),
              "schema-1 findings read as not critical, without a note")
        check(stopped["attempted"] is True and stopped["overall"] is None,
              f"schema-1 stopped session: attempted {stopped['attempted']}, "
              f"overall {stopped['overall']}")
        check(quitter["attempted"] is False and quitter["overall"] is None and
              quitter["passed"] is None and quitter["band"] is None,
              f"schema-1 session quit before any reply is not attempted: {quitter}")
    out, _ = e.report([old], "csv")
    rows = {r["trainee"]: r for r in csv.DictReader(io.StringIO(out, newline=""))}
    check(rows.get("old-quitter", {}).get("overall") == "not attempted" and
          rows["old-quitter"]["attempted"] == "0",
          f"CSV of the schema-1 store: the quit session's row {rows.get('old-quitter')}")
    check(rows.get("old-best", {}).get("critical_mistakes") == "" and best and
          rows["old-best"]["overall"] == str(best["overall"]),
          f"CSV of the schema-1 store: the best path's row {rows.get('old-best')}")
    out, err = e.report([old], "xapi")
    statements = json.loads(out)
    check(len(statements) == 1 + len([t for t in best["turns"] if t["speaker"] == "trainee"]),
          f"xAPI of the schema-1 store: {len(statements)} statements")
    check("1 session not attempted" in err, f"xAPI: no word of the session not attempted: {err!r}")
    html, _ = e.report([old], "html")
    check("not attempted" in html, "HTML of the schema-1 store does not say 'not attempted'")
    check(sha(old) == digest, "a report changed the schema-1 store")
    check(sqlite3.connect(old).execute("PRAGMA user_version").fetchone()[0] == 1,
          "the schema-1 store is no longer schema 1 after the reports")

    # 2. Merged with a schema-2 store.
    new = os.path.join(tmp, "schema2.sqlite")
    e.play_script(new, TRANSFER, "new-transfer")
    out, _ = e.report([old, new], "json")
    merged = by_trainee(json.loads(out))
    check(set(merged) == {"old-best", "old-stopped", "old-quitter", "new-transfer"},
          f"schema 1 + schema 2 merged: {sorted(merged)}")

    # 3. Written by this program: upgraded in place.
    copy = os.path.join(tmp, "schema1-copy.sqlite")
    shutil.copy(old, copy)
    doc = e.play_script(old, TRANSFER, "transfer")
    con = sqlite3.connect(old)
    version = con.execute("PRAGMA user_version").fetchone()[0]
    check(version == 5, f"after a play the store is schema {version}, want 5")
    cols = {t: {r[1] for r in con.execute(f"PRAGMA table_info({t})")}
            for t in ("sessions", "turns", "findings", "rounds")}
    check({"raw", "critical", "critical_items", "attempted"} <= cols["sessions"] and
          "triggers" in cols["turns"] and {"critical", "note"} <= cols["findings"],
          f"the upgraded columns: {cols}")
    check({"round", "call", "registration"} <= cols["sessions"] and
          {"id", "registration", "lost", "composure", "time_factor"} <= cols["rounds"],
          f"schema 3's columns: {cols}")
    check(set(VOICE_COLUMNS) <= cols["turns"], f"schema 4's columns: {cols['turns']}")
    check({"workshop", "day_session"} <= cols["sessions"] and
          {"workshop", "day_session"} <= cols["rounds"], f"schema 5's columns: {cols}")
    check(con.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "integrity after upgrade")
    con.close()
    out, _ = e.report([old], "json")
    after = json.loads(out)
    old_after = [x for x in after if x["trainee"] != "transfer"]
    check(old_after == before, "the schema-1 sessions export differently after the upgrade")
    t = by_trainee(after).get("transfer")
    if check(t is not None, "the new session is not in the upgraded store") and doc:
        check(t["critical_mistakes"] == 1 and t["critical"] == ["transfer"] and
              t["passed"] is False and t["overall"] == doc["overall"] and t["raw"] == doc["raw"]
              and t["overall"] < t["raw"],
              f"the new session: critical {t['critical_mistakes']} {t['critical']}, passed "
              f"{t['passed']}, overall {t['overall']} raw {t['raw']} (play said "
              f"{doc['overall']} / {doc['raw']})")
        check(t["findings"] and t["findings"][0]["critical"] is True and
              t["findings"][0]["rule"] == "transfer" and t["findings"][0]["note"],
              f"the new session's first finding: {t['findings'][:1]}")
    check(sqlite3.connect(copy).execute("PRAGMA user_version").fetchone()[0] == 1,
          "the untouched copy changed")

    # 4. An export from before schema 2 (no new fields anywhere) imports.
    legacy = []
    for x in before:
        x = {k: v for k, v in x.items() if k not in NEW_FIELDS}
        x["findings"] = [{k: v for k, v in f.items() if k not in ("critical", "note")}
                         for f in x["findings"]]
        x["turns"] = [{k: v for k, v in u.items() if k != "triggers"} for u in x["turns"]]
        legacy.append(x)
    path = os.path.join(tmp, "legacy.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(legacy, f)
    fresh = os.path.join(tmp, "fresh.sqlite")
    rc, _, err = e.run(["import", "--db", fresh, path])
    check(rc == 0, f"import of a pre-schema-2 export: exit {rc}: {err.strip()}")
    out, _ = e.report([fresh], "json")
    check(json.loads(out) == before,
          "a pre-schema-2 export imports to the same sessions as the schema-1 store read")

    schema3(e, tmp)
    return finish(tmp, "ok: schema-1 and schema-3 stores read as they are, upgrade in place, and "
                       "take new sessions (with the voice)")


VOICE_COLUMNS = ["voice_rms_dbfs", "voice_peak_dbfs", "voice_syllables_per_s", "voice_syllables",
                 "voice_speech_s", "voice_pause_s", "voice_pauses", "voice_flags"]
# late-delivery's best path, the first two replies read aloud: loud and fast, then calm.
VOICED = ["start/r-15f63c92 @5", "voice rms=-12.5 peak=-1 rate=6.4 speech=2.1 pauses=0",
          "lookup/r-8269af25 @5", "voice rms=-22 rate=4.2 speech=3 pause=0.4 pauses=1",
          "options/r-b7675e48 @5", "fixed/r-9c9da96c @5"]


def schema3(e, tmp):
    """Step 5: the schema-3 program's store, read as it is, then upgraded with a voiced play."""
    data = os.path.join(e.root, "tests", "store", "data")
    fixture = os.path.join(data, "store-schema3.sqlite")
    old = os.path.join(tmp, "schema3.sqlite")
    shutil.copy(fixture, old)
    digest = sha(old)
    utc = dict(e.env, TZ="UTC")

    def export(db, fmt, *extra):
        p = subprocess.run([e.binary, "report", "--db", db, "--format", fmt, "--lang", "en",
                            "--no-progress", *extra], capture_output=True, cwd=e.root, env=utc,
                           timeout=120)
        check(p.returncode == 0, f"report {fmt} {extra} of {db}: exit {p.returncode}: "
              f"{p.stderr.decode(errors='replace').strip()}")
        return p.stdout

    golden = {(fmt, extra): open(os.path.join(data, "store-schema3" + ext), "rb").read()
              for fmt, extra, ext in (("json", (), ".json"), ("csv", (), ".csv"),
                                      ("csv", ("--rounds",), ".rounds.csv"),
                                      ("xapi", (), ".xapi.json"))}
    for (fmt, extra), want in golden.items():
        check(export(old, fmt, *extra) == want,
              f"the schema-3 store's {fmt} {' '.join(extra)} export differs from the schema-3 "
              "program's")
    html = export(old, "html").decode()
    check('id="rounds"' in html and 'id="voice"' not in html,
          "HTML of the schema-3 store: its rounds, and no Voice section")
    check(sha(old) == digest, "a report changed the schema-3 store")
    check(sqlite3.connect(old).execute("PRAGMA user_version").fetchone()[0] == 3,
          "the schema-3 store is no longer schema 3 after the reports")

    # Upgraded by a play with replies read aloud.
    path = os.path.join(tmp, "voiced.script")
    with open(path, "w") as f:
        f.write("\n".join(VOICED) + "\n")
    rc, out, err = e.run(["play", "--script", path, "--db", old, "--trainee", "voiced",
                          "--untimed", e.scenario])
    check(rc == 0, f"play with voice into the schema-3 store: exit {rc}: {err.strip()}")
    played = json.loads(out) if rc == 0 else {}
    con = sqlite3.connect(old)
    check(con.execute("PRAGMA user_version").fetchone()[0] == 5, "not schema 5 after a play")
    cols = {r[1] for r in con.execute("PRAGMA table_info(turns)")}
    check(set(VOICE_COLUMNS) <= cols, f"the voice columns: {sorted(cols)}")
    check(con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'turns_voice'")
          .fetchone()[0] == 1, "the index turns_voice")
    check(con.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "integrity after upgrade")
    check(con.execute("SELECT count(*) FROM turns WHERE voice_rms_dbfs IS NOT NULL")
          .fetchone()[0] == 2, "two replies read aloud in the store")
    con.close()
    before = json.loads(golden[("json", ())])
    after = json.loads(export(old, "json"))
    ids = {x.get("session") or x.get("round") for x in before}
    check([x for x in after if (x.get("session") or x.get("round")) in ids] == before,
          "the schema-3 sessions and rounds export differently after the upgrade")
    new = [x for x in after if x.get("trainee") == "voiced"]
    if check(len(new) == 1, f"the voiced session: {len(new)}"):
        v = new[0].get("voice")
        check(v == {"replies_read_aloud": 2, "heard": 2, "mean_rms_dbfs": -17.25,
                    "mean_syllables_per_s": 5.3, "loud": 1, "fast": 1, "silent": 0},
              f"the voiced session's summary: {v}")
        replies = [t for t in new[0]["turns"] if t["speaker"] == "trainee"]
        check([t.get("voice") for t in replies[:2]] == [r.get("voice") for r in played.get(
            "transcript", [])[:2]] and all("voice" not in t for t in replies[2:]),
              f"the voiced replies' figures are play --script's: "
              f"{[t.get('voice') for t in replies]}")
    # CSV: the old rows as before, with the voice cells empty; the new one has them.
    rows = list(csv.reader(io.StringIO(export(old, "csv").decode(), newline="")))
    old_rows = list(csv.reader(io.StringIO(golden[("csv", ())].decode(), newline="")))
    check(rows[0] == old_rows[0] + ["voice_replies", "voice_rms_dbfs", "voice_syllables_per_s",
                                    "voice_loud", "voice_fast"], f"CSV header {rows[0]}")
    check([r for r in rows[1:] if r[1] != "voiced"] == [r + [""] * 5 for r in old_rows[1:]],
          "the old CSV rows changed beyond their empty voice cells")
    mine = [r for r in rows[1:] if r[1] == "voiced"]
    check(len(mine) == 1 and mine[0][-5:] == ["2", "-17.2", "5.3", "1", "1"],
          f"the voiced session's CSV cells: {mine[0][-5:] if mine else None}")
    check(export(old, "csv", "--rounds") == golden[("csv", ("--rounds",))],
          "the rounds CSV changed after the upgrade")
    statements = json.loads(export(old, "xapi"))
    want_x = json.loads(golden[("xapi", ())])
    known = {s["id"] for s in want_x}
    check([s for s in statements if s["id"] in known] == want_x,
          "the old xAPI statements changed after the upgrade")
    voiced = [s for s in statements if s["id"] not in known]
    exts = [k for s in voiced for k in s["result"].get("extensions", {}) if "voice" in k]
    check(len(voiced) == 5 and exts.count("https://frontline.invalid/xapi/result/voice") == 1 and
          exts.count("https://frontline.invalid/xapi/reply/voice") == 2,
          f"the voiced session's statements carry its voice: {exts}")
    # The JSON export imported into a fresh store gives the voice back, the same.
    jpath = os.path.join(tmp, "voiced.json")
    with open(jpath, "w", encoding="utf-8") as f:
        json.dump(after, f)
    fresh = os.path.join(tmp, "fresh4.sqlite")
    rc, _, err = e.run(["import", "--db", fresh, jpath])
    check(rc == 0, f"import of the upgraded store's export: exit {rc}: {err.strip()}")
    check(json.loads(export(fresh, "json")) == after,
          "the upgraded store's export imports to something else")


if __name__ == "__main__":
    sys.exit(main())
