#!/usr/bin/env python3
"""Hostile text in a store, as each export's reader sees it (issue 16).

A real store made by `frontline play --script`, grown to a few sessions, then given (with
Python's sqlite3, as an older program or another terminal would have written them):

1. Trainee and group names that a spreadsheet could run as formulas once it skips or folds
   their first character: a leading space, a line break, a carriage return, a tab, and the
   full-width ＝ ＋ － ＠ (U+FF1D U+FF0B U+FF0D U+FF20), and the ASCII = + - @ as a control of the
   old rule. `report --format csv` read back by Python's csv module: each such cell is the name
   behind one apostrophe, and a plain name is untouched; LibreOffice (headless, formulas
   evaluated on import, tests/report/spreadsheet.py's helper) converts the CSV: no cell is a
   formula, and each such name is a text cell.

2. Text that is not valid UTF-8: a name with a 0xFF byte, a group in CP1251, a Cyrillic name cut
   in the middle of a character, typed replies in KOI8-R, a finding's message with a stray byte.
   Every format (JSON, CSV, xAPI, HTML, PDF when Chromium is there) exits 0 with every session
   and its trainee and group (U+FFFD where the bad bytes were), and says once on stderr how many
   texts were repaired. The JSON export imports (`frontline import`) into a new store with every
   session, whose replies are still there (not read as silence).
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

from hard_common import FAILS, check, clone_sessions, finish, play, private, run

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

FORMULA_NAMES = [
    " =1+1",
    "\n=1+1",
    "\r=1+1",
    "\t=1+1",
    "\uff1d1+1",          # ＝
    "\uff0b7 916 000",    # ＋
    "\uff0d1+2",          # －
    "\uff20SUM(1,2)",     # ＠
    "=1+1",               # the rule before issue 16, still kept
    "@SUM(1;2)",
]
PLAIN = "Anna Petrova"

BAD = {
    "trainee 0xFF": b"Bad\xffName",
    "group CP1251": "Группа один".encode("cp1251"),
    "trainee cut": "Анна".encode("utf-8")[:-1],
    "reply KOI8-R": "Извините, пожалуйста".encode("koi8_r"),
}


def set_names(db, names, groups=None):
    """Gives each session of db its own trainee (and group): names[i] for the i-th session by
    start, as bytes or text. Returns the session ids in that order."""
    con = sqlite3.connect(db)
    ids = [r[0] for r in con.execute("SELECT id FROM sessions ORDER BY started, id")]
    con.execute("BEGIN")
    for i, sid in enumerate(ids[:len(names)]):
        gid = None
        if groups:
            g = groups[i % len(groups)]
            con.execute("INSERT OR IGNORE INTO groups (name) VALUES (CAST(? AS TEXT))", (g,))
            gid = con.execute("SELECT id FROM groups WHERE name = CAST(? AS TEXT)",
                              (g,)).fetchone()[0]
        else:
            gid = con.execute("SELECT t.group_id FROM trainees t JOIN sessions s ON "
                              "s.trainee_id = t.id WHERE s.id = ?", (sid,)).fetchone()[0]
        cur = con.execute("INSERT INTO trainees (name, group_id) VALUES (CAST(? AS TEXT), ?)",
                          (names[i], gid))
        con.execute("UPDATE sessions SET trainee_id = ? WHERE id = ?", (cur.lastrowid, sid))
    con.commit()
    con.close()
    return ids


def formulas(fl, root, tmp, env):
    db = os.path.join(tmp, "formula.sqlite")
    if not play(fl, root, db, env):
        return
    names = FORMULA_NAMES + [PLAIN]
    clone_sessions(db, len(names) - 1)
    set_names(db, names, groups=[n + " group" for n in names])
    out = os.path.join(tmp, "formula.csv")
    p = run([fl, "report", "--db", db, "--plain", "-o", out], env)
    if not check(p.returncode == 0, "csv export: exit 0 (%s %r)" % (p.returncode, p.stderr)):
        return
    with open(out, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    head = rows[0]
    ti, gi = head.index("trainee"), head.index("group")
    got = {r[ti] for r in rows[1:]}
    check(len(rows) - 1 == len(names), "csv: a row per session (%d)" % (len(rows) - 1))
    for n in FORMULA_NAMES:
        check("'" + n in got, "csv: %r is behind one apostrophe (cells: %r)" % (n, sorted(got)))
        check(n not in got, "csv: %r never bare" % n)
    check(PLAIN in got, "csv: a plain name is untouched")
    groups = {r[gi] for r in rows[1:]}
    for n in FORMULA_NAMES:
        check("'" + n + " group" in groups, "csv: group %r is behind one apostrophe" % n)
    print("csv: %d formula-like names and groups neutralised, a plain one untouched"
          % len(FORMULA_NAMES))
    if not shutil.which("soffice"):
        check(False, "LibreOffice (soffice) is installed: run tools/setup.sh")
        return
    import spreadsheet
    spreadsheet.FAILS = FAILS
    sheet = spreadsheet.libreoffice(out, ",", tmp, env, check=check)
    cells = [c for row in sheet for c in row]
    check(len(sheet) > len(names), "LibreOffice: every row is there (%d)" % len(sheet))
    check(not [c for c in cells if c[1] is not None],
          "LibreOffice: no cell is a formula: %r" % [c for c in cells if c[1] is not None][:5])
    col = [row[ti] for row in sheet[1:len(names) + 1] if len(row) > ti]
    for c in col:
        check(c[0] in (None, "string"), "LibreOffice: trainee %r is a text cell" % (c,))
    print("LibreOffice: %d cells, none a formula; the names are text" % len(cells))


def repaired_once(err, what):
    lines = [l for l in err.decode("utf-8", "replace").splitlines() if "UTF-8" in l]
    check(len(lines) == 1, "%s: says once how many texts were repaired: %r" % (what, lines))


def invalid_utf8(fl, root, tmp, env):
    db = os.path.join(tmp, "bytes.sqlite")
    for i, sc in enumerate(("late-delivery", "free-text-router")):
        play(fl, root, db, env, scenario=sc, trainee="T%d" % i)
    clone_sessions(db, 2)
    con = sqlite3.connect(db)
    n = con.execute("SELECT count(*) FROM sessions").fetchone()[0]
    con.close()
    set_names(db, [BAD["trainee 0xFF"], BAD["trainee cut"], "Ольга", BAD["trainee 0xFF"]],
              groups=[BAD["group CP1251"], "Группа 2"])
    con = sqlite3.connect(db)
    con.execute("UPDATE turns SET text = CAST(? AS TEXT), typed = 1 WHERE speaker = 'trainee'",
                (BAD["reply KOI8-R"],))
    con.execute("UPDATE findings SET message = CAST(? AS TEXT) || message",
                (b"\xc3(",))
    con.commit()
    replies = con.execute("SELECT count(*) FROM turns WHERE speaker = 'trainee'").fetchone()[0]
    con.close()
    fffd = "\ufffd"
    # JSON
    p = run([fl, "report", "--db", db, "--format", "json"], env)
    check(p.returncode == 0, "json: exit 0 (%s)" % p.returncode)
    repaired_once(p.stderr, "json")
    try:
        doc = json.loads(p.stdout)
    except ValueError as ex:
        check(False, "json: parses (%s)" % ex)
        return
    sessions = doc["sessions"] if isinstance(doc, dict) else doc
    check(len(sessions) == n, "json: every session (%d of %d)" % (len(sessions), n))
    check(all(s.get("trainee") for s in sessions), "json: every session has its trainee")
    check(all("group" in s for s in sessions), "json: every session has its group")
    names = {s.get("trainee") for s in sessions}
    check("Bad" + fffd + "Name" in names, "json: the 0xFF name repaired: %r" % names)
    check(any(x and x.startswith("Ан") and fffd in x for x in names),
          "json: the cut name kept up to the cut: %r" % names)
    texts = [t.get("text") for s in sessions for t in s.get("turns", [])
             if t.get("speaker") == "trainee"]
    check(len(texts) == replies and all(t and fffd in t for t in texts),
          "json: every typed reply kept, repaired (%d of %d)" % (len(texts), replies))
    print("json: %d sessions, names, groups and %d replies repaired" % (n, replies))
    # import of that export: every session, replies not silence
    exp = os.path.join(tmp, "bytes.json")
    with open(exp, "wb") as f:
        f.write(p.stdout)
    db2 = os.path.join(tmp, "imported.sqlite")
    p = run([fl, "import", "--db", db2, exp], env)
    check(p.returncode == 0, "import of the repaired export: exit 0 (%s %r)"
          % (p.returncode, p.stderr[-300:]))
    p = run([fl, "report", "--db", db2, "--format", "json"], env)
    doc2 = json.loads(p.stdout) if p.returncode == 0 else {}
    s2 = doc2["sessions"] if isinstance(doc2, dict) else doc2
    check(len(s2) == n, "import: every session (%d of %d)" % (len(s2), n))
    t2 = [t.get("text") for s in s2 for t in s.get("turns", []) if t.get("speaker") == "trainee"]
    check(len(t2) == replies and all(t2), "import: every reply is text, not silence")
    check(b"UTF-8" not in p.stderr, "the imported store is valid UTF-8: nothing to repair")
    print("import: %d sessions, %d replies" % (len(s2), len(t2)))
    # CSV
    p = run([fl, "report", "--db", db, "--plain"], env)
    check(p.returncode == 0, "csv: exit 0")
    repaired_once(p.stderr, "csv")
    rows = list(csv.reader(io.StringIO(p.stdout.decode("utf-8"), newline="")))
    check(len(rows) - 1 == n, "csv: every session (%d)" % (len(rows) - 1))
    check("Bad" + fffd + "Name" in p.stdout.decode("utf-8"), "csv: the repaired name")
    # xAPI
    p = run([fl, "report", "--db", db, "--format", "xapi"], env)
    check(p.returncode == 0, "xapi: exit 0")
    repaired_once(p.stderr, "xapi")
    try:
        st = json.loads(p.stdout)
        check(any(fffd in json.dumps(x, ensure_ascii=False) for x in st),
              "xapi: statements carry the repaired name")
        names = {x["actor"].get("name") for x in st if "actor" in x}
        check(all(names), "xapi: every statement has its actor's name")
    except ValueError as ex:
        check(False, "xapi: parses (%s)" % ex)
    # HTML
    p = run([fl, "report", "--db", db, "--format", "html"], env)
    check(p.returncode == 0, "html: exit 0")
    repaired_once(p.stderr, "html")
    check(("Bad" + fffd + "Name").encode() in p.stdout, "html: the repaired name")
    # PDF (through Chromium)
    if shutil.which("chromium") or shutil.which("chromium-browser"):
        pdf = os.path.join(tmp, "bytes.pdf")
        p = run([fl, "report", "--db", db, "--format", "pdf", "-o", pdf], env, timeout=180)
        check(p.returncode == 0 and open(pdf, "rb").read(4) == b"%PDF",
              "pdf: exit 0, a PDF (%s %r)" % (p.returncode, p.stderr[-300:]))
        repaired_once(p.stderr, "pdf")
    else:
        print("pdf: SKIPPED (no chromium)")
    print("csv, xapi, html, pdf: every session, the repair said once")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    a = ap.parse_args()
    fl = os.path.abspath(a.frontline)
    tmp, env = private("fl-hard-text-")
    formulas(fl, a.root, tmp, env)
    invalid_utf8(fl, a.root, tmp, env)
    return finish(tmp, "formula cells neutralised; text that is not UTF-8 exported repaired")


if __name__ == "__main__":
    sys.exit(main())
