#!/usr/bin/env python3
"""The CSV of `frontline report` is ready for Excel in Russian by default (issue 14), checked
through Python's csv module and LibreOffice.

A store of real plays (`frontline play --workshop` in assessment, one with the x1.5 time
extension, a practice session outside the workshop, replies read aloud, a session quit before
any reply) is exported:
  - with --lang ru: the UTF-8 byte-order mark, ';' between fields, decimal commas (the time
    extension 1,5, the voice means), values in Russian (mode, outcome, player, yes/no columns)
    under Russian headers, the band a letter and ids as they are, the workshop's two columns
    after the group;
  - with a Russian locale and no --lang (LANG=ru_RU.UTF-8, or LC_MESSAGES): the same bytes; a
    C LC_ALL wins over a Russian LANG (English);
  - --excel-ru --lang ru: the same bytes (the old option is a synonym); --excel-ru in English:
    the Excel form with English words;
  - --plain --lang ru: RFC 4180 (',', no mark, decimal points, identifiers), the same cells as
    the English default under Russian headers; the English default is RFC 4180 as before;
  - LibreOffice (headless, the CSV import of a Russian locale) opens the Excel form with the
    Cyrillic intact, the scores, the time extension and the voice means as numbers, and the
    words as text; and the plain form in an English locale likewise.
"""
import argparse
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import spreadsheet  # noqa: E402  (libreoffice: a CSV opened and its cells read)

FAILS = []
WORKSHOP = "kazan-2026-11-b"
GROUP = "2026-11-kazan-b"
WORKSHOP_XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<workshop id="{WORKSHOP}" version="1" lang="ru">
  <title>Клиентоориентированность, Казань</title>
  <group>{GROUP}</group>
  <rules mode="assessment" timed="yes"/>
  <library>
    <scenario bundled="late-delivery"/>
    <scenario bundled="ru-dostavka-opazdyvaet"/>
  </library>
  <sessions>
    <session name="утро" from="09:00" until="13:00"/>
    <session name="после обеда" from="14:00" until="18:00"/>
  </sessions>
</workshop>
"""
VOICED = ["start/r-15f63c92 @5", "voice rms=-12.5 peak=-1 rate=6.4 speech=2.1 pauses=0",
          "lookup/r-8269af25 @5", "voice rms=-22 rate=4.2 speech=3 pause=0.4 pauses=1",
          "options/r-b7675e48 @5", "fixed/r-9c9da96c @5"]
RU_WORDS = {
    "mode": {"practice": "тренировка", "assessment": "аттестация"},
    "outcome": {"resolved": "решено", "partly": "решено частично", "escalated": "эскалация",
                "lost": "клиент потерян"},
    "player": {"script": "скрипт", "text": "терминал", "desktop": "приложение",
               "import": "импорт"},
    "flag": {"1": "да", "0": "нет"},
}
# the English header -> the Russian one, for the columns checked
RU_HEAD = {"session": "сессия", "trainee": "стажёр", "group": "группа", "workshop": "тренинг",
           "day_session": "часть_дня", "mode": "режим", "player": "где_играли",
           "outcome": "исход", "passed": "сдан", "finished": "завершён", "attempted": "попытка",
           "timed": "на_время", "time_factor": "доп_время", "overall": "итог", "band": "оценка",
           "scenario": "сценарий", "voice_rms_dbfs": "голос_громкость_дбфш",
           "voice_syllables_per_s": "голос_слогов_в_с"}
FLAGS = ("passed", "finished", "attempted", "timed")


def check(cond, what):
    if not cond:
        FAILS.append(what)
        print("FAIL:", what, flush=True)
    return cond


def run(cmd, env, **kw):
    return subprocess.run(cmd, env=env, capture_output=True, timeout=kw.pop("timeout", 120), **kw)


def build_store(a, db, tmp, env):
    """Real plays into db; returns how many sessions."""
    ws = os.path.join(tmp, "kazan.workshop.xml")
    with open(ws, "w", encoding="utf-8") as f:
        f.write(WORKSHOP_XML)
    late = os.path.join(a.root, "scenarios/en/late-delivery.xml")
    ru = os.path.join(a.root, "scenarios/ru/dostavka-opazdyvaet.xml")
    golden = os.path.join(a.root, "tests/golden")
    voiced = os.path.join(tmp, "voiced.script")
    with open(voiced, "w") as f:
        f.write("\n".join(VOICED) + "\n")
    plays = [
        (["--workshop", ws, "--session", "утро", "--trainee", "Марина", "--extension", "x1.5"],
         f"{golden}/en/late-delivery.best.script", late),
        (["--workshop", ws, "--session", "утро", "--trainee", "Пётр"],
         f"{golden}/en/late-delivery.worst.script", late),
        (["--workshop", ws, "--session", "после обеда", "--trainee", "Анна Петрова"],
         f"{golden}/ru/dostavka-opazdyvaet.best.script", ru),
        (["--trainee", "voiced", "--untimed"], voiced, late),
    ]
    for extra, script, scenario in plays:
        p = run([a.frontline, "play", "--script", script, "--db", db, *extra, scenario], env,
                cwd=a.root)
        check(p.returncode == 0, "play %s: %s" % (extra, p.stderr.decode()[-300:]))
    # a practice session quit before any reply: "not attempted" in the overall column
    p = run([a.frontline, "play", "--text", "--db", db, "--trainee", "quitter", late], env,
            cwd=a.root, input=b"q\n")
    check(p.returncode == 0, "play --text quit: %s" % p.stderr.decode()[-300:])
    return len(plays) + 1


def export(a, db, env, *extra):
    p = run([a.frontline, "report", "--db", db, "--no-progress", *extra], env)
    check(p.returncode == 0, "report %s: exit %d %s" % (extra, p.returncode, p.stderr.decode()))
    return p.stdout


def table(raw, sep):
    text = raw.decode("utf-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    return rows[0], rows[1:]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    a = ap.parse_args()
    a.frontline, a.root = os.path.abspath(a.frontline), os.path.abspath(a.root)
    tmp = tempfile.mkdtemp(prefix="fl-excel-")
    base = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "LANG"}
    base.update(XDG_DATA_HOME=tmp + "/data", XDG_STATE_HOME=tmp + "/state", HOME=tmp,
                TZ="Europe/Moscow", FRONTLINE_DATA_DIR=a.root)
    env = dict(base, LANG="C.UTF-8")
    db = os.path.join(tmp, "room.sqlite")
    n = build_store(a, db, tmp, env)
    sessions = {s["session"]: s for s in json.loads(export(a, db, env, "--format", "json"))}
    check(len(sessions) == n, "the JSON export has the %d sessions played" % n)

    # English: RFC 4180 as before, with the identifiers.
    en = export(a, db, env, "--lang", "en")
    check(not en.startswith(b"\xef\xbb\xbf") and b"\r\n" in en, "English: no mark, CRLF")
    head, body = table(en, ",")
    col = {h: i for i, h in enumerate(head)}
    check(head[:5] == ["session", "trainee", "group", "workshop", "day_session"],
          "English: the workshop's columns after the group: %s" % head[:5])
    check(len(body) == n and all(len(r) == len(head) for r in body), "English: %d rows" % n)
    by_id = {r[0]: r for r in body}
    for sid, s in sessions.items():
        r = by_id.get(sid)
        if not check(r is not None, "English: the row of %s" % sid):
            continue
        check(r[col["mode"]] == s["mode"] and r[col["player"]] == s["player"],
              "English: mode and player as identifiers: %s %s" % (r[col["mode"]],
                                                                   r[col["player"]]))
        check(r[col["outcome"]] == (s["outcome"] or ""), "English: outcome %s" % r[col["outcome"]])
        check(r[col["finished"]] in ("0", "1") and r[col["timed"]] in ("0", "1"),
              "English: yes/no columns as 1/0")
        check(r[col["workshop"]] == (s.get("workshop") or {}).get("id", "") and
              r[col["day_session"]] == (s.get("workshop") or {}).get("session", ""),
              "English: the row's workshop and session of the day")
    factors = [r[col["time_factor"]] for r in body if r[col["time_factor"]]]
    check("1.5" in factors, "English: the time extension 1.5: %s" % factors)

    # Russian by --lang: the Excel form.
    ru = export(a, db, env, "--lang", "ru")
    check(ru.startswith(b"\xef\xbb\xbf"), "--lang ru: the byte-order mark")
    rhead, rbody = table(ru, ";")
    check(len(rhead) == len(head) and len(rbody) == n and
          all(len(r) == len(rhead) for r in rbody), "--lang ru: ';' between the same columns")
    rcol = {h: i for i, h in enumerate(rhead)}
    check(all(h in rcol for h in RU_HEAD.values()), "--lang ru: Russian headers: %s" % [
        h for h in RU_HEAD.values() if h not in rcol])
    rby_id = {r[0]: r for r in rbody}
    for sid, r_en in by_id.items():
        r = rby_id.get(sid)
        if not check(r is not None, "--lang ru: the row of %s" % sid):
            continue

        def cell(name):
            return r[rcol[RU_HEAD[name]]]
        e = {name: r_en[col[name]] for name in RU_HEAD}
        check(cell("mode") == RU_WORDS["mode"][e["mode"]], "ru mode: %s" % cell("mode"))
        check(cell("player") == RU_WORDS["player"][e["player"]], "ru player: %s" % cell("player"))
        check(cell("outcome") == (RU_WORDS["outcome"][e["outcome"]] if e["outcome"] else ""),
              "ru outcome: %s" % cell("outcome"))
        for f in FLAGS:
            check(cell(f) == (RU_WORDS["flag"][e[f]] if e[f] else ""),
                  "ru %s: %r for %r" % (f, cell(f), e[f]))
        check(cell("band") == e["band"] and cell("session") == e["session"] and
              cell("scenario") == e["scenario"] and cell("trainee") == e["trainee"] and
              cell("workshop") == e["workshop"] and cell("day_session") == e["day_session"],
              "ru: band, ids, names and the workshop as they are")
        check(cell("time_factor") == e["time_factor"].replace(".", ","),
              "ru time_factor: %r" % cell("time_factor"))
        for v in ("voice_rms_dbfs", "voice_syllables_per_s"):
            check(cell(v) == e[v].replace(".", ","), "ru %s: %r" % (v, cell(v)))
        if e["overall"].isdigit():
            check(cell("overall") == e["overall"], "ru overall %s" % cell("overall"))
        else:
            check(cell("overall") == "нет попытки", "ru: not attempted %r" % cell("overall"))
    check(any(r[rcol["доп_время"]] == "1,5" for r in rbody), "--lang ru: the extension 1,5")
    check(any("," in r[rcol["голос_громкость_дбфш"]] for r in rbody),
          "--lang ru: a voice mean with a decimal comma")

    # The same from the locale, without --lang.
    for what, extra in (("LANG=ru_RU.UTF-8", {"LANG": "ru_RU.UTF-8"}),
                        ("LC_MESSAGES=ru_RU.UTF-8", {"LANG": "C.UTF-8",
                                                      "LC_MESSAGES": "ru_RU.UTF-8"}),
                        ("LC_ALL=ru_RU.UTF-8", {"LC_ALL": "ru_RU.UTF-8"})):
        got = export(a, db, dict(base, **extra))
        check(got == ru, "%s: the Excel form, as --lang ru" % what)
    got = export(a, db, dict(base, LANG="ru_RU.UTF-8", LC_ALL="C.UTF-8"))
    check(got == en, "LC_ALL=C.UTF-8 wins over LANG=ru_RU.UTF-8: the English CSV")
    check(export(a, db, env, "--lang", "ru", "--excel-ru") == ru,
          "--excel-ru --lang ru: the same bytes as --lang ru")

    # --excel-ru in English: the Excel form with English words.
    xen = export(a, db, env, "--lang", "en", "--excel-ru")
    check(xen.startswith(b"\xef\xbb\xbf"), "--excel-ru: the mark")
    xhead, xbody = table(xen, ";")
    check(xhead == head and len(xbody) == n, "--excel-ru: English headers, ';'")
    modes = {r[col["mode"]] for r in xbody}
    check(modes <= {"practice", "assessment"} and {r[col["passed"]] for r in xbody} <=
          {"yes", "no", ""} and {r[col["player"]] for r in xbody} == {"script file",
                                                                       "terminal"},
          "--excel-ru in English: the words: %s %s" % (modes, {r[col["player"]] for r in xbody}))

    # --plain in Russian: RFC 4180 with the identifiers, Russian headers.
    plain = export(a, db, env, "--lang", "ru", "--plain")
    check(not plain.startswith(b"\xef\xbb\xbf"), "--plain: no mark")
    phead, pbody = table(plain, ",")
    check(phead == rhead, "--plain --lang ru: the Russian headers")
    not_attempted = col["overall"]
    same = [r[:not_attempted] + r[not_attempted + 1:] for r in pbody] == \
        [r[:not_attempted] + r[not_attempted + 1:] for r in body]
    check(same, "--plain --lang ru: the cells of the English RFC 4180 form")

    # LibreOffice opens both as their users would.
    if not check(shutil.which("soffice") is not None,
                 "LibreOffice (soffice) is installed: run tools/setup.sh"):
        return finish(tmp)
    out = os.path.join(os.getcwd(), "report", "artefacts")
    os.makedirs(out, exist_ok=True)
    paths = {}
    for name, data in (("excel-ru.csv", ru), ("plain-en.csv", en)):
        paths[name] = os.path.join(tmp, name)
        with open(paths[name], "wb") as f:
            f.write(data)
    for name, sep, lang, names in (("excel-ru.csv", ";", 1049, RU_HEAD),
                                   ("plain-en.csv", ",", 1033, {k: k for k in RU_HEAD})):
        sheet = spreadsheet.libreoffice(paths[name], sep, out, env, lang=lang, check=check)
        if not check(len(sheet) >= n + 1, "LibreOffice read %d rows of %s" % (len(sheet), name)):
            continue
        h = {c[2]: i for i, c in enumerate(sheet[0])}
        c = {k: h.get(v) for k, v in names.items()}
        check(None not in c.values(), "%s: LibreOffice sees the headers %s" % (
            name, [names[k] for k, v in c.items() if v is None]))
        if None in c.values():
            continue
        trainees = set()
        for cells in sheet[1:n + 1]:
            s = sessions.get(cells[c["session"]][2])
            if not check(s is not None, "%s: a session id intact: %s" % (name, cells[0])):
                continue
            trainees.add(cells[c["trainee"]][2])
            check(cells[c["trainee"]][0] == "string" and cells[c["mode"]][0] == "string",
                  "%s: names and words are text" % name)
            if s["overall"] is not None:
                v = cells[c["overall"]]
                check(v[0] == "float" and float(v[2].replace(",", ".")) == s["overall"],
                      "%s: overall is the number %s (%s)" % (name, s["overall"], v))
            if s["timed"] and s["time_factor"] != 1:
                v = cells[c["time_factor"]]
                check(v[0] == "float" and float(v[2].replace(",", ".")) == s["time_factor"],
                      "%s: the time extension is the number %s (%s)" % (
                          name, s["time_factor"], v))
            if s.get("voice"):
                v = cells[c["voice_rms_dbfs"]]
                check(v[0] == "float" and
                      abs(float(v[2].replace(",", ".")) - s["voice"]["mean_rms_dbfs"]) <= 0.05 + 1e-9,
                      "%s: the voice mean is the number %s (%s)" % (
                          name, s["voice"]["mean_rms_dbfs"], v))
            if s.get("workshop"):
                check(cells[c["workshop"]][2] == s["workshop"]["id"] and
                      cells[c["day_session"]][2] == s["workshop"]["session"],
                      "%s: the workshop and the session of the day intact" % name)
        check({"Марина", "Пётр", "Анна Петрова"} <= trainees,
              "%s: the Cyrillic names intact: %s" % (name, trainees))
    return finish(tmp)


def finish(tmp):
    if FAILS:
        print("%d failure(s); kept %s" % (len(FAILS), tmp))
        return 1
    shutil.rmtree(tmp, ignore_errors=True)
    print("ok: the CSV in Russian is Excel's by default; --plain is RFC 4180")
    return 0


if __name__ == "__main__":
    sys.exit(main())
