#!/usr/bin/env python3
"""Counts, money and dates as a trainee, a trainer or a leader reads them, in real runs.

  format.py --frontline BIN --root SRC --part findings|report [--lang en|ru]

findings: tests/format/outage.xml.in (a Russian internet outage) with its apology window and most
  apologies set per case is played by `frontline play --script --no-store`, and each finding's
  whole message must read exactly as Russian writes it: «даётся 1 ответ», «2 ответа»,
  «5 ответов»; «2 извинения», «5 извинений», «21 извинение»; «Компенсация на 2 250 ₽ ... в
  2 000 ₽» (no-break spaces, byte for byte). The same scenario declared English, with EUR:
  "within 1 reply", "2 replies", "Goodwill of €2,250 ... budget of €2,000". No message of any
  case may say "1 ответах", "21 извинений" or RUB.

report: four results stores with 1, 2, 5 and 21 trainees (each plays once, every other one
  over the budget, which the scenario makes a critical mistake; in the larger stores one
  trainee plays 2, 5 or 21 times) and `frontline report --format html --lang LANG` of each:
  the share of trainees with a critical mistake reads «1 из 1 участника», «1 из 2 участников»,
  «3 из 5 участников», «11 из 21 участника» ("1 of 1 trainee", "1 of 2 trainees"...), the
  trainee's attempts «1 попытка», «2 попытки», «5 попыток», «21 попытка», the report's period
  today's date in words («2 декабря 2026»), and no number over 999 without its group separator.

LANG, LC_ALL, TZ and XDG_CONFIG_HOME are set here, so the machine's settings do not matter.
"""
import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile

NB = "\u00a0"
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
           "сентября", "октября", "ноября", "декабря"],
}

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def ok(msg):
    print("ok: " + msg)


def env_for(tmp, lang):
    env = dict(os.environ)
    loc = "ru_RU.UTF-8" if lang == "ru" else "en_GB.UTF-8"
    env.update(LANG=loc, LC_ALL=loc, TZ="UTC", XDG_CONFIG_HOME=os.path.join(tmp, "config"),
               XDG_DATA_HOME=os.path.join(tmp, "data"))
    os.makedirs(env["XDG_CONFIG_HOME"], exist_ok=True)
    return env


def run(cmd, env, stdin=None):
    p = subprocess.run(cmd, env=env, capture_output=True, timeout=60, input=stdin)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def scenario(root, tmp, name, lang="ru", window=2, most=3, unit="RUB", critical=False):
    """outage.xml with its placeholders filled, written to tmp; returns the path."""
    with open(os.path.join(root, "tests", "format", "outage.xml.in"), encoding="utf-8") as f:
        text = f.read()
    text = (text.replace("APOLOGY_WINDOW", str(window)).replace("APOLOGY_MAX", str(most))
            .replace('unit="RUB"', f'unit="{unit}"'))
    if lang != "ru":
        text = text.replace('lang="ru"', f'lang="{lang}"')
    if critical:
        text = text.replace("<rubric>", '<rubric>\n    <critical mistake="over-budget"/>')
    path = os.path.join(tmp, name + ".xml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def play(binary, env, xml, replies, extra=()):
    script = "".join(r + "\n" for r in replies)
    rc, out, err = run([binary, "play", "--script", "-", *extra, xml], env, script.encode())
    if rc != 0:
        fail(f"play {os.path.basename(xml)} {' '.join(extra)}: exit {rc}: {err.strip()}")
        return None
    return json.loads(out)


# (name, lang, window, most, replies, rule, the whole message)
FINDINGS = [
    ("window-1", "ru", 1, 20, ["check", "more", "again", "fixed"], "apology-late",
     "Извинение прозвучало только в ответе 3, а после жалобы на него даётся 1" + NB +
     "ответ."),
    ("window-2", "ru", 2, 20, ["check", "more", "again", "fixed"], "apology-late",
     "Извинение прозвучало только в ответе 3, а после жалобы на него даётся 2" + NB +
     "ответа."),
    ("window-5", "ru", 5, 20, ["check"] + ["more"] * 5 + ["again", "fixed"], "apology-late",
     "Извинение прозвучало только в ответе 7, а после жалобы на него даётся 5" + NB +
     "ответов."),
    ("most-1", "ru", 2, 1, ["sorry", "again", "fixed"], "apology-too-many",
     "2" + NB + "извинения за один разговор \u2014 это звучит как заученный текст."),
    ("most-4", "ru", 2, 4, ["sorry"] + ["again"] * 4 + ["fixed"], "apology-too-many",
     "5" + NB + "извинений за один разговор \u2014 это звучит как заученный текст."),
    ("most-20", "ru", 2, 20, ["sorry"] + ["again"] * 20 + ["fixed"], "apology-too-many",
     "21" + NB + "извинение за один разговор \u2014 это звучит как заученный текст."),
    ("money-ru", "ru", 2, 3, ["sorry", "credit"], "over-budget",
     "Компенсация на 2" + NB + "250" + NB + "\u20bd превышает ваш лимит в 2" + NB + "000" + NB +
     "\u20bd: это за пределами ваших полномочий."),
    ("window-1-en", "en", 1, 20, ["check", "more", "again", "fixed"], "apology-late",
     "The apology came only at reply 3, not within 1" + NB + "reply of the complaint."),
    ("window-2-en", "en", 2, 20, ["check", "more", "again", "fixed"], "apology-late",
     "The apology came only at reply 3, not within 2" + NB + "replies of the complaint."),
    ("most-20-en", "en", 2, 20, ["sorry"] + ["again"] * 20 + ["fixed"], "apology-too-many",
     "21" + NB + "apologies in one conversation sound scripted."),
    ("money-en", "en", 2, 3, ["sorry", "credit"], "over-budget",
     "Goodwill of \u20ac2,250 in total exceeds your budget of \u20ac2,000: that is beyond "
     "your authority."),
]

# What the issue found, and its kin: never in any message.
WRONG = [re.compile(r"\b\d*1 ответах"), re.compile(r"\b\d*1 извинений"),
         re.compile(r"\b\d*[2-4] извинений"), re.compile(r"\bRUB\b"), re.compile(r"\bEUR\b"),
         re.compile(r"\d{4}")]


def part_findings(binary, root, tmp):
    env = env_for(tmp, "ru")
    for name, lang, window, most, replies, rule, want in FINDINGS:
        unit = "EUR" if name == "money-en" else "RUB"
        xml = scenario(root, tmp, name, lang, window, most, unit)
        doc = play(binary, env, xml, replies, ("--no-store",))
        if doc is None:
            continue
        got = [f["message"] for f in doc["findings"] if f["rule"] == rule]
        if got != [want]:
            fail(f"{name}: the {rule} finding reads {got!r}, want [{want!r}]")
        else:
            ok(f"{name}: {want}")
        for f in doc["findings"]:
            for w in WRONG:
                if w.search(f["message"]):
                    fail(f"{name}: {f['rule']} says {f['message']!r} ({w.pattern})")


def part_report(binary, root, tmp, lang):
    env = env_for(tmp, lang)
    xml = scenario(root, tmp, "outage-critical", "ru", 2, 3, "RUB", critical=True)
    today = datetime.datetime.now(datetime.timezone.utc).date()
    days = {f"{d.day}{NB}{MONTHS[lang][d.month - 1]} {d.year}"
            for d in (today, today - datetime.timedelta(days=1))}
    # trainees in the store -> (the trainee who plays several times, how many), the share
    rooms = {1: (None, 1, 1), 2: (0, 2, 1), 5: (1, 5, 3), 21: (2, 21, 11)}
    share_en = {1: "1 of 1" + NB + "trainee (100%)", 2: "1 of 2" + NB + "trainees (50%)",
                5: "3 of 5" + NB + "trainees (60%)", 21: "11 of 21" + NB + "trainees (52%)"}
    share_ru = {1: "1 из 1" + NB + "участника (100" + NB + "%)",
                2: "1 из 2" + NB + "участников (50" + NB + "%)",
                5: "3 из 5" + NB + "участников (60" + NB + "%)",
                21: "11 из 21" + NB + "участника (52" + NB + "%)"}
    attempts = {"en": {1: "1" + NB + "attempt", 2: "2" + NB + "attempts", 5: "5" + NB + "attempts",
                       21: "21" + NB + "attempts"},
                "ru": {1: "1" + NB + "попытка", 2: "2" + NB + "попытки", 5: "5" + NB + "попыток",
                       21: "21" + NB + "попытка"}}
    for n, (repeater, times, crit) in rooms.items():
        db = os.path.join(tmp, f"room-{n}-{lang}.sqlite")
        for i in range(n):
            path = ["sorry", "credit"] if i % 2 == 0 else ["sorry", "fixed"]
            plays = times if i == repeater else 1
            for _ in range(plays):
                if play(binary, env, xml, path,
                        ("--db", db, "--trainee", f"Участник {i + 1:02d}")) is None:
                    return
        out = os.path.join(tmp, f"room-{n}-{lang}.html")
        rc, _, err = run([binary, "report", "--db", db, "--format", "html", "--lang", lang,
                          "-o", out], env)
        if rc != 0:
            fail(f"report of {n} trainees ({lang}): exit {rc}: {err.strip()}")
            continue
        with open(out, encoding="utf-8") as f:
            doc = f.read()
        m = re.search(r'id="room-crit" data-n="(\d+)" data-of="(\d+)">([^<]*)<', doc)
        want = (share_ru if lang == "ru" else share_en)[n]
        if not m or m.group(3) != want:
            fail(f"{n} trainees ({lang}): the critical share reads "
                 f"{m.group(3) if m else None!r}, want {want!r}")
        else:
            ok(f"{n} trainees ({lang}): {want}")
        sums = [t.strip() for t in re.findall(r'<span class="t-sum small">([^<&]*)', doc)]
        want_n = times if repeater is not None else 1
        want_a = attempts[lang][want_n]
        if want_a not in sums:
            fail(f"{n} trainees ({lang}): no trainee's summary starts {want_a!r}: {sums[:3]!r}")
        else:
            ok(f"{n} trainees ({lang}): a trainee with {want_a}")
        if len(sums) != n:
            fail(f"{n} trainees ({lang}): {len(sums)} trainee summaries")
        if not any(d in doc for d in days):
            fail(f"{n} trainees ({lang}): the period does not say {sorted(days)!r}")
        # numbers of 4+ digits in the visible text are grouped (a year is not a count)
        text = re.sub(r"<(style|script)\b.*?</\1>", " ", doc, flags=re.S)
        text = re.sub(r"<[^>]+>", " ", text)
        for num in re.findall(r"(?<![\d.,])(\d{4,})(?![\d.,])", text):
            if not 1990 <= int(num) <= 2100:
                fail(f"{n} trainees ({lang}): the number {num} is not grouped")
        flat = text.replace(NB, " ")
        for wrong in (r"(?<!\d)1 попыток", r"\b21 попыток", r"\b21 участников",
                      r"(?<!\d)1 участников", r"(?<!\d)1 trainees", r"(?<!\d)1 attempts",
                      r"\bRUB\b"):
            if re.search(wrong, flat):
                fail(f"{n} trainees ({lang}): the report says {wrong!r}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--part", choices=["findings", "report"], required=True)
    ap.add_argument("--lang", choices=["en", "ru"], default="ru")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="fl-format-") as tmp:
        if a.part == "findings":
            part_findings(os.path.abspath(a.frontline), os.path.abspath(a.root), tmp)
        else:
            part_report(os.path.abspath(a.frontline), os.path.abspath(a.root), tmp, a.lang)
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("all passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
