#!/usr/bin/env python3
"""End-to-end test of `frontline report --format html`.

  html.py --frontline BIN --root SRC [--artefacts DIR]

Plays real sessions into a fresh results store with `frontline play --script --db`: the
golden best and worst scripts (tests/golden/<lang>/<name>.<best|worst>.script, each belonging
to scenarios/<lang>/<name>.xml), for four trainees in two groups, several attempts each, one
session left unfinished, an assessment of late-delivery with a transfer in the first reply (a
critical mistake) and a session quit before any reply (`play --text`, "q": not attempted). The
trainees include a Cyrillic name, `<script>alert(1)</script>` and a spreadsheet formula. Then it
exports the HTML report in English and in Russian and checks that:
  - the file is one self-contained HTML5 document: UTF-8, no <script>, no event handler, no
    external resource (no src/href/url() to load, no <link>, <img>, <iframe>, @import);
  - every name comes out escaped and reads back exactly as text;
  - the headings, dimension names and outcomes are in the language asked for;
  - the session count and the NPS (overall and per group) are the ones computed here from
    `frontline report --format json`: % promoters (9-10) minus % detractors (0-6) of the finished
    sessions' survey, rounded half away from zero;
  - the critical mistakes per group (and all), per trainee and in the header, the sessions not
    attempted and the passed ones are those of the JSON export; the trainee with the transfer
    has it first in their findings, marked critical, and the most frequent findings start with
    a critical one; the session quit before any reply says "not attempted" in the sessions
    table; the histogram's count and mean and each trainee's mean overall leave it out (they
    are those of the scored sessions only);
  - headless Chromium renders it to a screenshot that is not blank: many non-white pixels, many
    distinct colours, among them the colours of the charts;
  - no reply was read aloud, so there is no Voice section; then two trainees read replies aloud
    (`play --script` with `voice` lines: loud and fast, calm, not heard), and the reports in
    both languages gain the Voice section, beside the score: its heading and the sentence saying
    so, one row per trainee who read aloud (and only those), with the replies read aloud, the
    mean loudness and pace of those heard and the loud, fast and silent counts equal to those
    computed from the JSON export's turns; every other check above holds again on it, and
    Chromium renders it.
The reports and the screenshots are kept in DIR (default: ./report/artefacts, that is
build/tests/report/artefacts when CTest runs it in build/tests). Prints every failure; exits 1
when there is one.
"""
import argparse
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from fractions import Fraction
from itertools import accumulate

# This file is html.py: without its folder on the path, `import html` finds the standard library.
_here = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _here]
import html  # noqa: E402
import html.parser  # noqa: E402

CHROMIUM = "/usr/bin/chromium"

# (trainee, group, [(lang, scenario, "best" | "worst" | "unfinished"), ...]) in the order played
PLAYS = [
    ("Alice Smith", "Morning", [("en", "late-delivery", "worst"), ("en", "late-delivery", "best"),
                                ("en", "refund-refused", "worst"),
                                ("en", "late-delivery", "unfinished"),
                                ("en", "late-delivery", "best"),
                                ("en", "late-delivery", "transfer")]),
    ("Анна Иванова", "Вечерняя группа", [("ru", "dostavka-opazdyvaet", "worst"),
                                          ("ru", "dostavka-opazdyvaet", "best"),
                                          ("en", "late-delivery", "quit"),
                                          ("ru", "sboy-oplaty", "best")]),
    ("<script>alert(1)</script>", "Morning", [("en", "refund-refused", "worst"),
                                              ("en", "refund-refused", "best"),
                                              ("en", "price-objection", "worst")]),
    ('=HYPERLINK("http://example.com/x","click")', "Вечерняя группа",
     [("en", "manager-demand", "worst"), ("en", "manager-demand", "best")]),
]

HEADINGS = {
    "en": ["Frontline results", "Customer NPS", "Score distribution", "The room at a glance",
           "Most frequent findings", "Progress over attempts", "Empathy", "Upsell timing",
           "Responsiveness", "Detractors (0\u20136)", "Promoters (9\u201310)", "Attempt"],
    "ru": ["Результаты Frontline", "NPS клиентов", "Распределение баллов", "Группа в целом",
           "Самые частые замечания", "Прогресс по попыткам", "Эмпатия", "Извинение",
           "Ответственность", "Момент продажи", "Скорость ответа", "Критики (0\u20136)",
           "Промоутеры (9\u201310)", "Попытка", "клиент потерян", "решено"],
}
SESSIONS_LABEL = {"en": "Sessions", "ru": "Сессии"}
LABELS = {
    "en": {"not attempted": "not attempted", "Not attempted": "Not attempted",
           "Critical mistakes": "Critical mistakes", "Finished": "Finished", "Mean": "Mean",
           "mean overall": "mean overall", "critical": "critical"},
    "ru": {"not attempted": "нет попытки", "Not attempted": "Без попытки",
           "Critical mistakes": "Критические ошибки", "Finished": "Завершены",
           "Mean": "Среднее", "mean overall": "средний итог", "critical": "критическая"},
}
# late-delivery: the second reply offered first sends the customer to the courier (transfer).
TRANSFER = "2 @5\n1 @5\n1 @5\n1 @5\n2 @5\n"

# colours the charts draw with (tools/report_html.c): NPS detractors and promoters, the
# profile bars, the A and D bands of the histogram, the first progress line
CHART_COLOURS = {
    "detractors": (0xd9, 0x53, 0x4f),
    "promoters": (0x3a, 0x9d, 0x5d),
    "profile bars": (0x3b, 0x6f, 0xb6),
    "band A": (0x2e, 0x8b, 0x57),
    "band D": (0xf0, 0x8c, 0x2e),
    "progress line": (0x1f, 0x77, 0xb4),
}

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg, flush=True)


def run(cmd, cwd, timeout=120):
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def run_input(cmd, cwd, data, timeout=120):
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=timeout, input=data)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


# ---- playing the sessions ----

def play_all(binary, root, tmp, db):
    n = 0
    for trainee, group, attempts in PLAYS:
        for lang, name, which in attempts:
            xml = os.path.join(root, "scenarios", lang, name + ".xml")
            if which == "quit":  # q before any reply: not attempted
                rc, out, err = run_input([binary, "play", "--text", "--db", db, "--trainee",
                                          trainee, "--group", group, xml], root, b"\nq\n")
                n += 1
                if rc != 0:
                    fail(f"play --text {name} (q) for {trainee!r}: exit {rc}: {err.strip()}")
                continue
            if which == "transfer":
                script = os.path.join(tmp, f"transfer-{n}.script")
                open(script, "w", encoding="utf-8").write(TRANSFER)
                rc, out, err = run([binary, "play", "--script", script, "--db", db, "--trainee",
                                    trainee, "--group", group, "--assessment", xml], root)
                n += 1
                if rc != 0 or json.loads(out)["critical"] != ["transfer"]:
                    fail(f"play the transfer for {trainee!r}: exit {rc}: {err.strip()}")
                continue
            script = os.path.join(root, "tests", "golden", lang,
                                  name + (".best" if which == "unfinished" else "." + which)
                                  + ".script")
            if not os.path.exists(xml) or not os.path.exists(script):
                fail(f"missing {xml} or {script}")
                continue
            if which == "unfinished":  # the first reply only: the conversation does not end
                lines = [l for l in open(script, encoding="utf-8")
                         if l.strip() and not l.startswith("#")]
                script = os.path.join(tmp, f"unfinished-{n}.script")
                open(script, "w", encoding="utf-8").write(lines[0])
            rc, out, err = run([binary, "play", "--script", script, "--db", db, "--trainee",
                                trainee, "--group", group, xml], root)
            n += 1
            if which != "unfinished" and rc != 0:
                fail(f"play {name} ({which}) for {trainee!r}: exit {rc}: {err.strip()}")
            elif which == "unfinished" and json.loads(out)["ending"]["finished"]:
                fail(f"the one-reply script of {name} finished the conversation")
    return n


# ---- what the HTML must say ----

def nps_of(records):
    """{group: nps, None: overall} as strings the report prints ("+25", "\u221240", "0")."""
    counts = {}
    for r in records:
        if not r["finished"]:
            continue
        nps = r["survey"]["nps"]
        for key in (r["group"], None):
            c = counts.setdefault(key, [0, 0, 0])
            c[0 if nps <= 6 else 1 if nps <= 8 else 2] += 1
    out = {}
    for key, (d, _, p) in counts.items():
        x = Fraction(100 * (p - d), sum(counts[key]))
        v = int(abs(x) + Fraction(1, 2)) * (1 if x >= 0 else -1)
        out[key] = f"+{v}" if v > 0 else "\u2212" + str(-v) if v < 0 else "0"
    return out


class Reader(html.parser.HTMLParser):
    """Collects the start tags, the attributes and the text of a document."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        self.text.append(data)


def check_html(path, lang, records):
    where = os.path.basename(path)
    raw = open(path, "rb").read()
    try:
        doc = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        fail(f"{where}: not UTF-8: {e}")
        return
    if not doc.startswith("<!DOCTYPE html>"):
        fail(f"{where}: does not start with <!DOCTYPE html>")
    if '<meta charset="utf-8">' not in doc:
        fail(f'{where}: no <meta charset="utf-8">')
    if f'<html lang="{lang}">' not in doc:
        fail(f'{where}: no <html lang="{lang}">')
    if "<svg" not in doc:
        fail(f"{where}: no inline SVG chart")

    # self-contained and inert
    for pattern, what in [(r"<\s*script", "a <script> element"),
                          (r"<\s*(link|img|iframe|object|embed|audio|video|source|base)\b",
                           "an element that loads a resource"),
                          (r"\b(src|href|xlink:href|srcset|action)\s*=", "a src/href attribute"),
                          (r"url\s*\(", "a CSS url()"), (r"@import", "a CSS @import"),
                          (r"\son[a-z]+\s*=", "an event handler attribute"),
                          (r"(src|href)\s*=\s*[\"']?\s*https?:", "an http(s) load")]:
        m = re.search(pattern, doc, re.I)
        if m:
            fail(f"{where}: {what}: ...{doc[max(0, m.start() - 60):m.end() + 60]!r}...")
    reader = Reader()
    reader.feed(doc)
    reader.close()
    if "script" in reader.tags:
        fail(f"{where}: the parsed document has a <script> element")
    text = "".join(reader.text)

    # names escaped, and reading back exactly as written
    for trainee, group, _ in PLAYS:
        for name in (trainee, group):
            if name not in text:
                fail(f"{where}: {name!r} does not appear as text")
    for bad, escaped in [("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
                         ('=HYPERLINK("http://example.com/x","click")',
                          "=HYPERLINK(&quot;http://example.com/x&quot;,&quot;click&quot;)")]:
        if bad in doc:
            fail(f"{where}: {bad!r} appears unescaped")
        if escaped not in doc:
            fail(f"{where}: {escaped!r} (the escaped name) is missing")
    if "Анна Иванова" not in doc:
        fail(f"{where}: the Cyrillic name is not in the file as UTF-8")

    for heading in HEADINGS[lang]:
        if heading not in text:
            fail(f"{where}: {heading!r} is missing")
    if lang == "ru" and "Customer NPS" in text:
        fail(f"{where}: English heading in the Russian report")

    # counts and NPS
    m = re.search(r"<dt>" + SESSIONS_LABEL[lang] + r"</dt><dd>(\d+)</dd>", doc)
    if not m or int(m.group(1)) != len(records):
        fail(f"{where}: the header says {m.group(1) if m else 'nothing'} sessions, "
             f"the JSON export has {len(records)}")
    expected = nps_of(records)
    m = re.search(r'id="nps-all">([^<]*)<', doc)
    if None not in expected:
        fail(f"{where}: no finished session to compute an NPS from")
    elif not m:
        fail(f"{where}: no overall NPS (id=nps-all)")
    elif m.group(1) != expected[None]:
        fail(f"{where}: overall NPS {m.group(1)}, computed from the JSON export: {expected[None]}")
    else:
        print(f"ok: {where}: overall NPS {m.group(1)}")
    for group, value in expected.items():
        if group is None:
            continue
        m = re.search(r"<tr><td>" + re.escape(html.escape(group)) +
                      r'</td>.*?<td class="num nps"[^>]*>([^<]*)</td>', doc)
        if not m:
            fail(f"{where}: no NPS row for group {group!r}")
        elif m.group(1) != value:
            fail(f"{where}: NPS of {group!r} is {m.group(1)}, computed: {value}")
    check_critical(doc, where, lang, records)


def number(cell_html):
    """The number a cell shows, whatever marks it (the critical badge is a span)."""
    return int(re.sub(r"<[^>]+>", "", cell_html))


def dec1(v, lang):
    text = f"{v:.1f}"
    return text.replace(".", ",") if lang == "ru" else text


def check_critical(doc, where, lang, records):
    """Critical mistakes, not attempted and passed, per group, per trainee and in the header;
    the critical findings first; not-attempted sessions left out of every mean."""
    L = LABELS[lang]
    scored = [r for r in records if r["finished"] and r["attempted"]]

    def tally(rs):
        s = [r for r in rs if r["finished"] and r["attempted"]]
        return {"r-fin": len(s), "r-na": sum(1 for r in rs if not r["attempted"]),
                "r-passed": sum(1 for r in s if r["passed"]),
                "r-crit": sum(r["critical_mistakes"] or 0 for r in s),
                "r-critsess": sum(1 for r in s if r["critical_mistakes"])}

    want_all = tally(records)
    if want_all["r-crit"] < 1 or want_all["r-na"] != 1:
        fail(f"{where}: the JSON export should have a critical mistake and one session not "
             f"attempted: {want_all}")
    sec = re.search(r'<section id="results">(.*?)</section>', doc, re.S)
    if not sec:
        fail(f"{where}: no pass-rate and critical mistakes section")
        return
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", sec.group(1), re.S):
        cells = dict(re.findall(r'<td class="num (r-[a-z]+)">(.*?)</td>', row))
        name = re.match(r"<td>(.*?)</td>", row)
        if cells and name:
            rows[html.unescape(name.group(1))] = {k: v for k, v in cells.items()
                                                  if k != "r-rate"}
    groups = {r["group"] for r in records}
    all_label = {"en": "All groups", "ru": "Все группы"}[lang]
    for g in list(groups) + [None]:
        want = tally([r for r in records if g is None or r["group"] == g])
        got = rows.get(all_label if g is None else g)
        got = {k: number(v) for k, v in got.items()} if got else None
        if got != want:
            fail(f"{where}: pass rate and critical mistakes of {g or 'all groups'}: {got}, "
                 f"computed from the JSON: {want}")
    for label, value in ((L["Not attempted"], want_all["r-na"]),
                         (L["Critical mistakes"], want_all["r-crit"])):
        m = re.search(r"<dt>" + label + r"</dt><dd>(\d+)</dd>", doc)
        if not m or int(m.group(1)) != value:
            fail(f"{where}: the header's {label!r}: {m.group(1) if m else 'missing'}, want {value}")

    # Each trainee's detail (a closed <details>, the name in its summary): critical mistakes,
    # not attempted, mean overall of scored sessions, and their findings with the critical ones
    # first.
    cards = re.split(r'<details class="trainee"><summary><span class="t-name">', doc)[1:]
    for trainee, group, _ in PLAYS:
        mine = [r for r in records if r["trainee"] == trainee]
        card = next((c for c in cards if c.startswith(html.escape(trainee) + "</span>")), None)
        if card is None:
            fail(f"{where}: no detail for {trainee!r}")
            continue
        card = card.split("</summary>", 1)[1].split("</div>")[0]
        t = tally(mine)
        m = re.search(r'<span class="tcrit">(.*?)</span></p>', card)
        if not m or number(m.group(1)) != t["r-crit"]:
            fail(f"{where}: {trainee!r}: critical mistakes {m.group(1) if m else 'missing'}, "
                 f"want {t['r-crit']}")
        m = re.search(r'<span class="tna">(\d+)</span>', card)
        if (int(m.group(1)) if m else 0) != t["r-na"]:
            fail(f"{where}: {trainee!r}: not attempted {m.group(1) if m else 0}, want {t['r-na']}")
        s = [r["overall"] for r in mine if r["finished"] and r["attempted"]]
        m = re.search(r'<span class="tmean">([^<]*)</span>', card)
        want_mean = dec1(sum(s) / len(s), lang) if s else None
        if (m.group(1) if m else None) != want_mean:
            fail(f"{where}: {trainee!r}: mean overall {m.group(1) if m else None}, want "
                 f"{want_mean} (scored sessions only)")
        items = re.findall(r"<li( class=\"critical\")?>(.*?)</li>", card)
        crit_rules = {f["rule"] for r in mine if r["finished"] and r["attempted"]
                      for f in r["findings"] if f["critical"]}
        if crit_rules:
            n_crit = 0
            while n_crit < len(items) and items[n_crit][0]:
                n_crit += 1
            if n_crit == 0 or any(i[0] for i in items[n_crit:]):
                fail(f"{where}: {trainee!r}: the critical findings are not listed first: "
                     f"{[i[0] != '' for i in items]}")
            shown = {m.group(1) for i in items[:n_crit]
                     for m in [re.search(r'data-rule="([^"]*)"', i[1])] if m}
            if not crit_rules <= shown:
                fail(f"{where}: {trainee!r}: critical findings shown {shown}, want {crit_rules}")
            if L["critical"] not in items[0][1]:
                fail(f"{where}: {trainee!r}: the first finding is not marked critical")
    if trainee_transfer := [r for r in records if r["critical"] == ["transfer"]]:
        if trainee_transfer[0]["passed"] is not False:
            fail(f"{where}: the transfer session passed")

    # The most frequent findings start with a critical mistake, marked.
    m = re.search(r'<section id="findings">.*?<tbody>\n<tr( class="critical")?>', doc, re.S)
    if not m or not m.group(1):
        fail(f"{where}: the most frequent findings do not start with a critical mistake")

    # The session quit before any reply: "not attempted" in the table, out of every mean.
    sess = re.search(r'<section id="sessions">(.*?)</section>', doc, re.S)
    if not sess or f'<td class="na" colspan="4">{L["not attempted"]}</td>' not in sess.group(1):
        fail(f"{where}: the sessions table does not say {L['not attempted']!r}")
    m = re.search(r'<section id="distribution">.*?<p class="small">' + L["Finished"] +
                  r": (\d+) &#183; " + L["Mean"] + r": ([^ ]+) &#183;", doc, re.S)
    want = (str(len(scored)), dec1(sum(r["overall"] for r in scored) / len(scored), lang))
    if not m or m.groups() != want:
        fail(f"{where}: the distribution says {m.groups() if m else None}, want {want} "
             f"(scored sessions only)")


# ---- the voice ----

# (trainee, group, scenario, [voice line after reply i, or None]): the best path read aloud.
VOICED = [
    ("Alice Smith", "Morning", ("en", "late-delivery"),
     ["rms=-12.5 peak=-1 rate=6.4 speech=2.1", "rms=-22 rate=4.2 speech=3", "rms=-70 speech=0.1"]),
    ("Голос Тестов", "Вечерняя группа", ("ru", "dostavka-opazdyvaet"),
     ["rms=-19.25 rate=7.5 speech=2", None, "rms=-15.5 rate=3.5 speech=2.5"]),
]
VOICE_LABELS = {"en": ("Voice", "beside the score, not in it"),
                "ru": ("Голос", "рядом с оценкой, а не в ней")}


def play_voiced(binary, root, tmp, db):
    for k, (trainee, group, (lang, name), lines) in enumerate(VOICED):
        golden = os.path.join(root, "tests", "golden", lang, name + ".best.script")
        replies = [l.strip() for l in open(golden, encoding="utf-8")
                   if l.strip() and not l.startswith("#")]
        out = []
        for i, reply in enumerate(replies):
            out.append(reply)
            if i < len(lines) and lines[i]:
                out.append("voice " + lines[i])
        script = os.path.join(tmp, f"voiced-{k}.script")
        open(script, "w", encoding="utf-8").write("\n".join(out) + "\n")
        rc, _, err = run([binary, "play", "--script", script, "--db", db, "--trainee", trainee,
                          "--group", group, os.path.join(root, "scenarios", lang, name + ".xml")],
                         root)
        if rc != 0:
            fail(f"play {name} read aloud for {trainee!r}: exit {rc}: {err.strip()}")


def voice_of(records):
    """{trainee: (replies, heard, mean rms or None, mean pace or None, loud, fast, silent)} from
    the JSON export's turns: the replies that stand and were read aloud."""
    acc = {}
    for r in records:
        for t in r.get("turns", []):
            v = t.get("voice")
            if t["speaker"] != "trainee" or t["taken_back"] or v is None:
                continue
            a = acc.setdefault(r["trainee"], [0, 0, 0.0, 0.0, 0, 0, 0])
            a[0] += 1
            a[4] += "loud" in v["flags"]
            a[5] += "fast" in v["flags"]
            if "silent" in v["flags"]:
                a[6] += 1
            else:
                a[1] += 1
                a[2] += v["rms_dbfs"]
                a[3] += v["syllables_per_s"]
    return {k: (a[0], a[1], a[2] / a[1] if a[1] else None, a[3] / a[1] if a[1] else None,
                a[4], a[5], a[6]) for k, a in acc.items()}


def check_voice(path, lang, records):
    text = open(path, encoding="utf-8").read()
    want = voice_of(records)
    section = re.search(r'<section id="voice">(.*?)</section>', text, re.S)
    if not want:
        if section:
            fail(f"{path}: a Voice section, yet no reply was read aloud")
        return
    if not section:
        fail(f"{path}: no Voice section, yet {sum(w[0] for w in want.values())} replies were "
             "read aloud")
        return
    body = section.group(1)
    heading, sentence = VOICE_LABELS[lang]
    if f"<h2>{heading}</h2>" not in body or sentence not in body:
        fail(f"{path}: the Voice section's heading or its sentence ({sentence!r}) is missing")
    got = {}
    for row in re.findall(r'<tr class="voice">(.*?)</tr>', body, re.S):
        name = html.unescape(re.search(r'v-trainee">(.*?)</td>', row, re.S).group(1))
        cells = {c: v for c, v in re.findall(r'class="num (v-[a-z]+)[^"]*"[^>]*?data-v="([^"]*)"',
                                             row)}
        got[name] = cells
    if set(got) != set(want):
        fail(f"{path}: Voice rows for {sorted(got)}, expected {sorted(want)}")
    for name, (n, heard, rms, rate, loud, fast, silent) in want.items():
        c = got.get(name, {})
        ok = (c.get("v-replies") == str(n) and c.get("v-loud") == str(loud) and
              c.get("v-fast") == str(fast) and c.get("v-silent") == str(silent))
        for key, v in (("v-rms", rms), ("v-rate", rate)):
            if v is None:
                ok &= key not in c
            else:
                ok &= key in c and abs(float(c[key]) - v) < 0.01
        if not ok:
            fail(f"{path}: {name}'s voice {c}, from the JSON {want[name]}")
    return len(want)


# ---- the screenshot ----

def decode_png(path):
    """Returns (width, height, channels, rows) of an 8-bit non-interlaced RGB or RGBA PNG (what
    Chromium writes), rows being the unfiltered bytes of each line."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, ihdr = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat.append(chunk)
        elif kind == b"IEND":
            break
    width, height, depth, ctype, _, _, interlace = ihdr
    if depth != 8 or ctype not in (2, 6) or interlace:
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {ctype}, "
                         f"interlace {interlace}")
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    lo, hi = int.from_bytes(b"\x7f" * stride, "little"), int.from_bytes(b"\x80" * stride,
                                                                         "little")
    prev = bytes(stride)
    rows = []
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)]
        if f == 0:
            cur = line
        elif f == 1:  # Sub: a running sum per channel
            out = bytearray(stride)
            for c in range(bpp):
                out[c::bpp] = bytes(v & 255 for v in accumulate(line[c::bpp]))
            cur = bytes(out)
        elif f == 2:  # Up: bytewise addition without carries, on the whole line at once
            a, b = int.from_bytes(line, "little"), int.from_bytes(prev, "little")
            cur = (((a & lo) + (b & lo)) ^ ((a ^ b) & hi)).to_bytes(stride, "little")
        elif f == 3:  # Average
            out = bytearray(line)
            for i in range(stride):
                left = out[i - bpp] if i >= bpp else 0
                out[i] = (out[i] + ((left + prev[i]) >> 1)) & 255
            cur = bytes(out)
        elif f == 4:  # Paeth
            out = bytearray(line)
            for i in range(stride):
                if i >= bpp:
                    a, c = out[i - bpp], prev[i - bpp]
                else:
                    a = c = 0
                b = prev[i]
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                out[i] = (out[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            cur = bytes(out)
        else:
            raise ValueError(f"bad filter {f} on line {y}")
        rows.append(cur)
        prev = cur
    return width, height, bpp, rows


def check_screenshot(png, where):
    try:
        width, height, bpp, rows = decode_png(png)
    except (ValueError, zlib.error, struct.error, TypeError) as e:
        fail(f"{where}: cannot decode {png}: {e}")
        return
    total = width * height
    nonwhite = 0
    colours = {}
    for row in rows:
        rgb = row if bpp == 3 else bytes(b for i, b in enumerate(row) if i % 4 != 3)
        for i in range(0, len(rgb), 3):
            px = rgb[i:i + 3]
            if px != b"\xff\xff\xff":
                nonwhite += 1
                colours[px] = colours.get(px, 0) + 1
    quantised = {(p[0] >> 4, p[1] >> 4, p[2] >> 4) for p in colours}
    found = []
    for label, target in CHART_COLOURS.items():
        n = sum(count for px, count in colours.items()
                if all(abs(px[k] - target[k]) <= 8 for k in range(3)))
        if n >= 100:
            found.append(label)
    print(f"{where}: {width}x{height}, {nonwhite} non-white pixels "
          f"({100 * nonwhite / total:.1f}%), {len(quantised)} distinct colours (4 bits), "
          f"chart colours found: {', '.join(found) or 'none'}")
    if nonwhite < total * 0.03:
        fail(f"{where}: the screenshot is nearly blank: {nonwhite} of {total} pixels not white")
    if len(quantised) < 12:
        fail(f"{where}: only {len(quantised)} distinct colours in the screenshot")
    if len(found) < 4:
        fail(f"{where}: only these chart colours in the screenshot: {found}; "
             f"expected at least 4 of {list(CHART_COLOURS)}")


def screenshot(report, png, tmp):
    profile = tempfile.mkdtemp(prefix="chromium-", dir=tmp)
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--no-first-run", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", "--user-data-dir=" + profile, "--hide-scrollbars",
           "--window-size=1280,4000", "--screenshot=" + png, "file://" + report]
    if os.path.exists(png):
        os.remove(png)
    try:
        rc, _, err = run(cmd, tmp, timeout=180)
    except subprocess.TimeoutExpired:
        fail(f"chromium took more than 180 s on {report}")
        return False
    if rc != 0 or not os.path.exists(png):
        fail(f"chromium exit {rc}, no {png}: {err.strip()[-2000:]}")
        return False
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--artefacts", default=os.path.join(os.getcwd(), "report", "artefacts"),
                    help="where the reports and screenshots are kept (default ./report/artefacts: "
                    "build/tests/report/artefacts when CTest runs it in build/tests)")
    a = ap.parse_args()
    root = os.path.abspath(a.root)
    binary = os.path.abspath(a.frontline)
    artefacts = os.path.abspath(a.artefacts)
    os.makedirs(artefacts, exist_ok=True)
    if not os.access(CHROMIUM, os.X_OK):
        fail(f"{CHROMIUM} is not installed (Debian package chromium)")
    tmp = tempfile.mkdtemp(prefix="frontline-html-")
    try:
        db = os.path.join(tmp, "results.sqlite")
        played = play_all(binary, root, tmp, db)
        rc, out, err = run([binary, "report", "--db", db, "--format", "json"], root)
        if rc != 0:
            fail(f"report --format json: exit {rc}: {err.strip()}")
            return 1
        records = json.loads(out)
        if len(records) != played:
            fail(f"{played} sessions played, {len(records)} in the JSON export")
        if not any(not r["finished"] for r in records):
            fail("no unfinished session in the store")
        for lang in ("en", "ru"):
            report = os.path.join(artefacts, f"report-{lang}.html")
            if os.path.exists(report):
                os.remove(report)
            rc, _, err = run([binary, "report", "--db", db, "--format", "html", "--lang", lang,
                              "-o", report], root)
            if rc != 0 or not os.path.exists(report):
                fail(f"report --format html --lang {lang}: exit {rc}: {err.strip()}")
                continue
            check_html(report, lang, records)
            check_voice(report, lang, records)
            png = os.path.join(artefacts, f"report-{lang}.png")
            if os.access(CHROMIUM, os.X_OK) and screenshot(report, png, tmp):
                check_screenshot(png, os.path.basename(png))
        # the default (-o without --lang) writes a report too: the language comes from $LANG
        report = os.path.join(tmp, "report.html")
        rc, _, err = run([binary, "report", "--db", db, "--format", "html", "-o", report], root)
        if rc != 0 or not os.path.exists(report):
            fail(f"report --format html -o report.html: exit {rc}: {err.strip()}")
        # Replies read aloud: the Voice section, and nothing else moves.
        play_voiced(binary, root, tmp, db)
        rc, out, err = run([binary, "report", "--db", db, "--format", "json"], root)
        voiced = json.loads(out) if rc == 0 else []
        if len(voiced) != len(records) + len(VOICED):
            fail(f"{len(voiced)} sessions after the voiced ones, expected "
                 f"{len(records) + len(VOICED)}")
        rows = 0
        for lang in ("en", "ru"):
            report = os.path.join(artefacts, f"report-voice-{lang}.html")
            if os.path.exists(report):
                os.remove(report)
            rc, _, err = run([binary, "report", "--db", db, "--format", "html", "--lang", lang,
                              "-o", report], root)
            if rc != 0 or not os.path.exists(report):
                fail(f"report --format html --lang {lang} with voice: exit {rc}: {err.strip()}")
                continue
            check_html(report, lang, voiced)
            rows = check_voice(report, lang, voiced) or 0
            png = os.path.join(artefacts, f"report-voice-{lang}.png")
            if os.access(CHROMIUM, os.X_OK) and screenshot(report, png, tmp):
                check_screenshot(png, os.path.basename(png))
        if rows != 2:
            fail(f"the Voice section has {rows} trainees, expected 2")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print(f"{len(failures)} failure(s); artefacts in {artefacts}")
        return 1
    print(f"html report: all checks passed ({played} sessions); artefacts in {artefacts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
