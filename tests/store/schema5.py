#!/usr/bin/env python3
"""Results schema 5 (issue 14): every session and round keeps the workshop it was played in and
the session of the day, end to end through the real program.

1. A store written by the schema-4 program (tests/store/data/store-schema4.sqlite, made by
   schema5_make_fixture.py: real plays, stress rounds, replies read aloud, a long Cyrillic
   name) is read as it is: every export (JSON, CSV, --rounds CSV, xAPI) byte for byte what the
   schema-4 program gave, the file untouched; --workshop and --session on it are usage errors
   that say the store has none.
2. A play upgrades it in place: user_version 5, the columns on sessions and rounds, '' for
   every old session and round, every session kept, integrity ok, the old sessions exported as
   before; an old export imported gives '' too.
3. A workshop day on two laptops (two stores): `frontline play --workshop FILE --session NAME`
   for several trainees in the morning and the afternoon (a stress round too), one trainee's
   session saved to a fallback file (its store unwritable) and imported. The workshop and the
   session of the day are in the rows, the CSV (two columns after the group, rounds too), the
   JSON ({"workshop": {"id", "session"}}) and the xAPI statements (context extensions and the
   workshop as a grouping activity, passed by the independent validator of
   tests/report/xapi); `report --workshop/--session` filter, with did-you-mean
   errors; the JSON export imported into a fresh store exports byte for byte the same.
4. `report` usage errors of the new options: --compare, --format pdf without -o, --plain with
   the Excel options.
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

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import check, finish, private_env, sha, validate_xapi  # noqa: E402

WORKSHOP = "kazan-2026-11-b"
MORNING, AFTERNOON = "утро", "после обеда"
GROUP = "2026-11-kazan-b"
# 80 characters of Cyrillic: the longest name a trainee may have (FL_NAME_MAX)
LONG = ("Александра Константиновна Преображенская-Воскресенская-Длинноимённая Ивановна"
        "ааа")[:80]
WORKSHOP_XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<workshop id="{WORKSHOP}" version="1" lang="ru">
  <title>Клиентоориентированность, Казань</title>
  <group>{GROUP}</group>
  <rules mode="assessment" timed="yes"/>
  <library>
    <scenario bundled="late-delivery"/>
    <scenario bundled="ru-dostavka-opazdyvaet"/>
    <round bundled="monday-rush"/>
  </library>
  <sessions>
    <session name="{MORNING}" from="09:00" until="13:00"/>
    <session name="{AFTERNOON}" from="14:00" until="18:00"/>
  </sessions>
</workshop>
"""


class Env:
    def __init__(self, binary, root, tmp):
        self.binary, self.root, self.tmp = binary, root, tmp
        self.env = private_env(tmp, TZ="UTC", FRONTLINE_DATA_DIR=root)

    def run(self, args, env=None):
        p = subprocess.run([self.binary, *args], capture_output=True, cwd=self.root,
                           env=env or self.env, timeout=120)
        return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")

    def report(self, dbs, fmt, *extra, ok=True):
        args = ["report", "--format", fmt, "--lang", "en", "--no-progress", *extra]
        for db in dbs:
            args += ["--db", db]
        rc, out, err = self.run(args)
        if ok:
            check(rc == 0, f"report {fmt} {extra}: exit {rc}: {err.strip()}")
        return out


def columns(db, table):
    con = sqlite3.connect(db)
    cols = {r[1]: r for r in con.execute(f"PRAGMA table_info({table})")}
    con.close()
    return cols


# ---- 1. the schema-4 store, read as it is ------------------------------------------------------

def read_schema4(e):
    print("a store of the schema-4 program, read as it is:")
    data = os.path.join(e.root, "tests", "store", "data")
    old = os.path.join(e.tmp, "schema4.sqlite")
    shutil.copy(os.path.join(data, "store-schema4.sqlite"), old)
    digest = sha(old)
    golden = {}
    for fmt, extra, ext in (("json", (), ".json"), ("csv", (), ".csv"),
                            ("csv", ("--rounds",), ".rounds.csv"), ("xapi", (), ".xapi.json")):
        want = open(os.path.join(data, "store-schema4" + ext), "rb").read()
        golden[ext] = want
        got = e.report([old], fmt, *extra)
        check(got == want, f"the schema-4 store's {fmt} {' '.join(extra)} export differs from "
              "the schema-4 program's")
    for opt, value, what in (("--workshop", WORKSHOP, "workshop"),
                             ("--session", MORNING, "session of the day")):
        rc, _, err = e.run(["report", "--db", old, opt, value])
        check(rc == 2 and f"no {what} at all" in err,
              f"{opt} on a store from before workshops: exit {rc}, {err.strip()!r}")
    check(sha(old) == digest, "a report changed the schema-4 store")
    v = sqlite3.connect(old).execute("PRAGMA user_version").fetchone()[0]
    check(v == 4, f"after the reports the store is schema {v}")
    n = len(json.loads(golden[".json"]))
    print(f"  {n} objects: JSON, CSV, rounds CSV, xAPI as the schema-4 program gave them")
    return old, golden


# ---- 2. upgraded in place ----------------------------------------------------------------------

def upgrade(e, old, golden):
    print("upgraded in place by a play:")
    con = sqlite3.connect(old)
    before = con.execute("SELECT count(*) FROM sessions").fetchone()[0]
    rounds_before = con.execute("SELECT count(*) FROM rounds").fetchone()[0]
    con.close()
    best = os.path.join(e.root, "tests/golden/en/late-delivery.best.script")
    late = os.path.join(e.root, "scenarios/en/late-delivery.xml")
    rc, _, err = e.run(["play", "--script", best, "--db", old, "--trainee", "oleg", "--untimed",
                        late])
    check(rc == 0, f"play into the schema-4 store: exit {rc}: {err.strip()}")
    con = sqlite3.connect(old)
    check(con.execute("PRAGMA user_version").fetchone()[0] == 5, "not schema 5 after a play")
    check(con.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "integrity after upgrade")
    for table in ("sessions", "rounds"):
        cols = columns(old, table)
        for name in ("workshop", "day_session"):
            c = cols.get(name)
            # (cid, name, type, notnull, dflt_value, pk)
            check(c is not None and c[2] == "TEXT" and c[3] == 1 and c[4] == "''",
                  f"{table}.{name}: TEXT NOT NULL DEFAULT '' ({c})")
    n = con.execute("SELECT count(*) FROM sessions").fetchone()[0]
    check(n == before + 1, f"every session kept: {n} after, {before} before and one played")
    check(con.execute("SELECT count(*) FROM rounds").fetchone()[0] == rounds_before,
          "every round kept")
    check(con.execute("SELECT count(*) FROM sessions WHERE workshop != '' OR day_session != ''")
          .fetchone()[0] == 0, "the old sessions and the new one have no workshop")
    check(con.execute("SELECT count(*) FROM rounds WHERE workshop != '' OR day_session != ''")
          .fetchone()[0] == 0, "the old rounds have no workshop")
    con.close()
    after = json.loads(e.report([old], "json"))
    want = json.loads(golden[".json"])
    ids = {x.get("session") or x.get("round") for x in want}
    check([x for x in after if (x.get("session") or x.get("round")) in ids] == want,
          "the schema-4 sessions and rounds export differently after the upgrade")
    check(all("workshop" not in x for x in after), "a \"workshop\" key without a workshop")
    rows = list(csv.reader(io.StringIO(e.report([old], "csv").decode(), newline="")))
    old_rows = list(csv.reader(io.StringIO(golden[".csv"].decode(), newline="")))
    check(rows[0] == old_rows[0], f"CSV header without workshops: {rows[0][:5]}")
    check([r for r in rows[1:] if r[1] != "oleg" or r[0] in {o[0] for o in old_rows}]
          == old_rows[1:], "the old CSV rows changed")
    check(e.report([old], "csv", "--rounds") == golden[".rounds.csv"],
          "the rounds CSV changed after the upgrade")
    # An export of the schema-4 program imported into a fresh store: no workshop ('').
    jpath = os.path.join(e.tmp, "schema4.json")
    with open(jpath, "wb") as f:
        f.write(golden[".json"])
    fresh = os.path.join(e.tmp, "from-schema4.sqlite")
    rc, _, err = e.run(["import", "--db", fresh, jpath])
    check(rc == 0, f"import of the schema-4 export: exit {rc}: {err.strip()}")
    con = sqlite3.connect(fresh)
    got = con.execute("SELECT count(*), sum(workshop = '' AND day_session = '') FROM sessions") \
        .fetchone()
    check(got[0] == len([x for x in want if "session" in x]) and got[0] == got[1],
          f"the imported old sessions have '' for workshop and session: {got}")
    con.close()
    check(e.report([fresh], "json") == golden[".json"],
          "the schema-4 export imported exports differently")
    print(f"  schema 5, {before} old sessions as before, 1 new; an old export imports with ''")


# ---- 3. a workshop day on two laptops ---------------------------------------------------------

def workshop_day(e):
    print("a workshop day on two laptops:")
    ws = os.path.join(e.tmp, "usb", "kazan.workshop.xml")
    os.makedirs(os.path.dirname(ws))
    with open(ws, "w", encoding="utf-8") as f:
        f.write(WORKSHOP_XML)
    late = os.path.join(e.root, "scenarios/en/late-delivery.xml")
    ru = os.path.join(e.root, "scenarios/ru/dostavka-opazdyvaet.xml")
    scripts = {
        "best": os.path.join(e.root, "tests/golden/en/late-delivery.best.script"),
        "worst": os.path.join(e.root, "tests/golden/en/late-delivery.worst.script"),
        "ru": os.path.join(e.root, "tests/golden/ru/dostavka-opazdyvaet.best.script"),
    }
    laptop = [os.path.join(e.tmp, "laptop1.sqlite"), os.path.join(e.tmp, "laptop2.sqlite")]
    plays = [  # (laptop, trainee, session of the day, script, scenario)
        (0, "Марина", MORNING, "worst", late),
        (0, "John Smith", MORNING, "best", late),
        (0, LONG, MORNING, "ru", ru),
        (1, "Пётр", MORNING, "worst", late),
        (0, "Марина", AFTERNOON, "best", late),
        (1, "Пётр", AFTERNOON, "ru", ru),
        (1, LONG, AFTERNOON, "best", late),
    ]
    for k, trainee, day, script, scenario in plays:
        rc, _, err = e.run(["play", "--workshop", ws, "--session", day, "--script",
                            scripts[script], "--db", laptop[k], "--trainee", trainee, scenario])
        check(rc == 0, f"play --workshop as {trainee} ({day}): exit {rc}: {err.strip()}")
    # A stress round of the workshop, in the afternoon, on laptop 2.
    round_file = os.path.join(e.root, "scenarios/rounds/monday-rush.xml")
    round_script = os.path.join(e.root, "tests/round/scripts/monday-rush.script")
    rc, _, err = e.run(["play", "--workshop", ws, "--session", AFTERNOON, "--round",
                        round_file, "--script", round_script, "--db", laptop[1], "--trainee",
                        "Пётр"])
    check(rc == 0, f"play --workshop --round: exit {rc}: {err.strip()}")
    # A laptop whose store cannot be written: the session goes to a fallback file, with the
    # workshop, and `import` brings it in.
    state = os.path.join(e.tmp, "state")
    rc, _, err = e.run(["play", "--workshop", ws, "--session", AFTERNOON, "--script",
                        scripts["best"], "--db", os.path.join(e.tmp, "no-such-dir", "x.sqlite"),
                        "--trainee", "Fallback Fiona", late])
    fallback = [os.path.join(d, f) for d, _, fs in os.walk(state) for f in fs
                if f.startswith("frontline-session-")]
    check(len(fallback) == 1, f"one fallback file for the unwritable store: {fallback} {err!r}")
    if fallback:
        doc = json.load(open(fallback[0], encoding="utf-8"))
        docs = doc if isinstance(doc, list) else [doc]
        check(any(d.get("workshop") == {"id": WORKSHOP, "session": AFTERNOON} for d in docs),
              f"the fallback file keeps the workshop: {[d.get('workshop') for d in docs]}")
        rc, _, err = e.run(["import", "--db", laptop[1], fallback[0]])
        check(rc == 0, f"import of the fallback file: exit {rc}: {err.strip()}")

    # The rows themselves.
    rows = []
    for db in laptop:
        con = sqlite3.connect(db)
        rows += con.execute("SELECT t.name, s.workshop, s.day_session, s.mode FROM sessions s "
                            "JOIN trainees t ON t.id = s.trainee_id WHERE s.round IS NULL "
                            "ORDER BY s.started").fetchall()
        r = con.execute("SELECT workshop, day_session FROM rounds").fetchall()
        if db == laptop[1]:
            check(r == [(WORKSHOP, AFTERNOON)], f"the round's row: {r}")
            calls = con.execute("SELECT DISTINCT workshop, day_session FROM sessions WHERE "
                                "round IS NOT NULL").fetchall()
            check(calls == [(WORKSHOP, AFTERNOON)], f"the round's calls' rows: {calls}")
        con.close()
    singles = len(plays) + 1
    check(len(rows) == singles and all(w == WORKSHOP and m == "assessment" for _, w, _, m in rows),
          f"every session of the day has the workshop, in assessment: {rows}")
    check(sorted(d for *_, d, _ in rows) == sorted([p[2] for p in plays] + [AFTERNOON]),
          f"the sessions of the day: {[r[2] for r in rows]}")
    check(LONG in [r[0] for r in rows], "the long Cyrillic name is kept whole")

    # CSV: two columns after the group, for sessions and rounds.
    out = e.report(laptop, "csv").decode()
    table = list(csv.reader(io.StringIO(out, newline="")))
    head = table[0]
    check(head[:5] == ["session", "trainee", "group", "workshop", "day_session"],
          f"CSV: the workshop's columns after the group: {head[:6]}")
    body = [dict(zip(head, r)) for r in table[1:]]
    check(all(r["workshop"] == WORKSHOP and r["group"] == GROUP for r in body),
          "CSV: every row has the workshop and its group")
    check(sorted(r["day_session"] for r in body if not r["round"]) ==
          sorted([p[2] for p in plays] + [AFTERNOON]), "CSV: the sessions of the day")
    check(any(r["trainee"] == LONG for r in body), "CSV: the long Cyrillic name")
    out = e.report(laptop, "csv", "--rounds").decode()
    rtable = list(csv.DictReader(io.StringIO(out, newline="")))
    check(len(rtable) == 1 and rtable[0].get("workshop") == WORKSHOP and
          rtable[0].get("day_session") == AFTERNOON and
          list(rtable[0])[:5] == ["round", "trainee", "group", "workshop", "day_session"],
          f"--rounds CSV: the workshop's columns: {rtable[:1]}")

    # JSON and xAPI.
    export = e.report(laptop, "json")
    objs = json.loads(export)
    check(all(o.get("workshop", {}).get("id") == WORKSHOP for o in objs),
          "JSON: every session and round has its workshop")
    check(sorted(o["workshop"]["session"] for o in objs if "session" in o and
                 not o.get("in_round")) == sorted([p[2] for p in plays] + [AFTERNOON]),
          "JSON: the sessions of the day")
    xout = e.report(laptop, "xapi")
    xs = json.loads(xout)
    xpath = os.path.join(e.tmp, "day.xapi.json")
    with open(xpath, "wb") as f:
        f.write(xout)
    validate_xapi(e.root, xpath, "the workshop's statements")
    base = "https://frontline.invalid/"
    ext_w, ext_d = base + "xapi/context/workshop", base + "xapi/context/day-session"
    check(xs and all(s["context"]["extensions"].get(ext_w) == WORKSHOP for s in xs),
          "xAPI: every statement's context names the workshop")
    check(all(s["context"]["extensions"].get(ext_d) in (MORNING, AFTERNOON) for s in xs),
          "xAPI: every statement's context names the session of the day")
    grouping = {g["id"] for s in xs for g in s["context"].get("contextActivities", {})
                .get("grouping", [])}
    check(base + "workshops/" + WORKSHOP in grouping and base + "groups/" + GROUP in grouping,
          f"xAPI: the group and the workshop as grouping activities: {grouping}")

    # Filters.
    def trainees(*extra):
        out = e.report(laptop, "csv", *extra).decode()
        return sorted(r["trainee"] for r in csv.DictReader(io.StringIO(out, newline=""))
                      if not r["round"])
    check(trainees("--workshop", WORKSHOP, "--session", MORNING) ==
          sorted(p[1] for p in plays if p[2] == MORNING), "--session утро: the morning's")
    check(trainees("--session", AFTERNOON) ==
          sorted([p[1] for p in plays if p[2] == AFTERNOON] + ["Fallback Fiona"]),
          "--session 'после обеда': the afternoon's")
    check(len(trainees("--workshop", WORKSHOP)) == singles, "--workshop: the whole day")
    rc, _, err = e.run(["report", "--db", laptop[0], "--db", laptop[1], "--workshop", "kazan"])
    check(rc == 2 and "no such workshop" in err and WORKSHOP in err,
          f"--workshop with a wrong id names the right one: {err.strip()!r}")
    rc, _, err = e.run(["report", "--db", laptop[0], "--session", "вечер"])
    check(rc == 2 and "no such session of the day" in err and MORNING in err and
          AFTERNOON in err, f"--session with a wrong name lists them: {err.strip()!r}")

    # Imported into a fresh store, the export is the same, byte for byte.
    jpath = os.path.join(e.tmp, "day.json")
    with open(jpath, "wb") as f:
        f.write(export)
    fresh = os.path.join(e.tmp, "fresh.sqlite")
    rc, _, err = e.run(["import", "--db", fresh, jpath])
    check(rc == 0, f"import of the day's export: exit {rc}: {err.strip()}")
    check(e.report([fresh], "json") == export, "the day's JSON export imports to something else")
    check(e.report([fresh], "csv") == e.report(laptop, "csv"),
          "the day's CSV differs after import")
    print(f"  {singles} sessions and a round on two laptops: rows, CSV, JSON, xAPI, filters, "
          "import")


# ---- a name cut in the middle of a character ---------------------------------------------------

def cut_names(e):
    """A name cut between the bytes of a character (what an older desktop did to a long Cyrillic
    name) is never lost. `play` now refuses it at the boundary (issue 16: exit 2, the message
    names --trainee, nothing written); a store that already holds such a name (written by an
    older program: played under the whole name, then the name cut in the SQLite file) still
    exports the session with its trainee, the half character repaired visibly as U+FFFD."""
    print("names cut in the middle of a character:")
    late = os.path.join(e.root, "scenarios/en/late-delivery.xml")
    best = os.path.join(e.root, "tests/golden/en/late-delivery.best.script")
    db = os.path.join(e.tmp, "cut.sqlite")
    whole = "Преображенская"
    cut = whole.encode()[:-1]  # the last letter cut in half
    p = subprocess.run([e.binary.encode(), b"play", b"--script", best.encode(), b"--db",
                        db.encode(), b"--trainee", cut, b"--untimed", late.encode()],
                       capture_output=True, env=e.env, timeout=120)
    err = p.stderr.decode("utf-8", "replace")
    check(p.returncode == 2 and "--trainee" in err and "UTF-8" in err,
          f"play with a cut name: exit {p.returncode} (want 2, naming --trainee) {err[-300:]!r}")
    sessions = 0
    if os.path.exists(db):
        con = sqlite3.connect(db)
        sessions = con.execute("SELECT count(*) FROM sessions").fetchone()[0]
        con.close()
    check(sessions == 0, f"a refused name recorded {sessions} session(s)")
    # A store that holds a cut name, as an older program left it.
    rc, _, err = e.run(["play", "--script", best, "--db", db, "--trainee", whole, "--untimed",
                        late])
    check(rc == 0, f"play as {whole}: exit {rc}: {err.strip()}")
    con = sqlite3.connect(db)
    con.text_factory = bytes
    n = con.execute("UPDATE trainees SET name = CAST(? AS TEXT) WHERE name = ?",
                    (cut, whole)).rowcount
    con.commit()
    names = [r[0] for r in con.execute("SELECT name FROM trainees")]
    con.close()
    check(n == 1 and names == [cut], f"the cut name is in the store: {names}")
    # Repaired visibly (README, Decisions): the half character becomes one U+FFFD.
    repaired = whole[:-1] + "\ufffd"
    s = json.loads(e.report([db], "json"))
    check(len(s) == 1 and s[0].get("trainee") == repaired,
          f"JSON: the session of a cut name has its trainee: {[x.get('trainee') for x in s]}")
    xs = json.loads(e.report([db], "xapi"))
    check(xs and all(x["actor"]["name"].startswith(repaired) for x in xs),
          f"xAPI: the statements of a cut name have their actor: "
          f"{sorted({x['actor']['name'] for x in xs})}")
    print("  refused by play; a stored cut name exported with its trainee, the cut as U+FFFD")


# ---- 4. usage errors -------------------------------------------------------------------------

def usage(e):
    db = os.path.join(e.tmp, "laptop1.sqlite")
    for args, words in ((["--compare", "sessions"], "--compare takes session, db or none"),
                        (["--compare", "db", "--format", "csv"], "--format html"),
                        (["--compare"], "--compare needs a value"),
                        (["--format", "pdf"], "--format pdf needs -o FILE"),
                        (["--format", "pdf", "-o", "-"], "--format pdf needs -o FILE"),
                        (["--plain", "--excel-ru"], "--plain"),
                        (["--plain", "--sep", ";"], "--plain"),
                        (["--session"], "--session needs a value"),
                        (["--workshop="], "--workshop needs a value")):
        rc, out, err = e.run(["report", "--db", db, *args])
        check(rc == 2 and words in err and not out,
              f"report {' '.join(args)}: exit {rc} (want 2), {err.strip()!r}")
    rc, out, err = e.run(["report", "--help"])
    text = out.decode()
    for opt in ("--workshop ID", "--session NAME", "--compare WHAT", "--plain", "--excel-ru",
                "pdf:", "$LC_MESSAGES"):
        check(rc == 0 and opt in text, f"report --help tells of {opt}")
    print("  usage errors of --compare, --format pdf, --plain; --help")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="fl-schema5-")
    e = Env(os.path.abspath(a.frontline), os.path.abspath(a.root), tmp)
    old, golden = read_schema4(e)
    upgrade(e, old, golden)
    workshop_day(e)
    cut_names(e)
    usage(e)
    return finish(tmp, "schema 5: ok")


if __name__ == "__main__":
    sys.exit(main())
