#!/usr/bin/env python3
"""The leader's report of a workshop day: the room's profile, morning against afternoon, the
trainees on demand, and the PDF.

  room.py --frontline BIN --root SRC [--artefacts DIR] [--only html|pdf]

A realistic room: eight trainees of one group on two laptops (two stores), in the morning and
again in the afternoon, each playing the bundled scenarios with the golden best and worst scripts
or a transfer (a critical mistake), some of them several times, one Cyrillic name playing a
Russian scenario, one trainee only in the morning and one only in the afternoon. The sessions are
played with `frontline play --script` into scratch stores, exported as JSON, given their
workshop and session of the day ("workshop": {"id", "session"}) and imported into the two
laptops' stores with `frontline import`, as a day's results arrive. Then `frontline report`
merges both stores, and every figure is checked against values computed here, independently,
from `frontline report --format json`:
  - the room's profile: per dimension and overall, the mean, standard deviation, lowest and
    highest across trainees, each trainee counted once by their latest finished attempt at each
    scenario; the pass rate and the NPS of those attempts; the share of trainees with each
    critical mistake and with each finding (and sorted by share, with a better phrasing);
  - the comparison: the sides in order (morning, then afternoon), each side's overall mean,
    pass rate and critical share, the change's direction (arrow, class and words), and each
    trainee's own change for exactly the trainees on both sides; with --compare db, the two
    stores by file name; with --compare none, no comparison;
  - the trainees: one row each in the compact table, one <details> each, closed, with name,
    attempts, mean and best in its summary;
  - the findings by readable name, never a rule id as visible text; numbers for the language
    (Russian: decimal comma, a no-break space before %);
  - Chromium renders the HTML (a screenshot that is not blank, with the room's chart colour);
  - the PDF (`--format pdf`, English and Russian): pdfinfo says A4 pages, pdftoppm renders pages
    that are not blank, pdftotext has the room's headings and not the trainees' closed detail;
    no temporary file or Chromium profile is left behind; without chromium on PATH the export
    fails with the package's name and writes nothing; `--format pdf` without -o is refused; a
    stand-in chromium that fails, writes something else or hangs (killed after
    $FRONTLINE_PDF_TIMEOUT seconds with the helper it started) gives a clear error and leaves
    nothing behind.
Artefacts (reports, screenshots, PDF pages) are kept in DIR (default ./report/room-artefacts).
Prints every failure; exits 1 when there is one.
"""
import argparse
import html
import html.parser
import importlib.util
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("fl_browser", os.path.join(HERE, "browser.py"))
browser = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(browser)

CHROMIUM = "/usr/bin/chromium"
WORKSHOP = "room-test-day"
GROUP = "R-1"
# late-delivery: the second reply offered first sends the customer to the courier (transfer).
TRANSFER = "2 @5\n1 @5\n1 @5\n1 @5\n2 @5\n"
CYRILLIC = "Дмитрий Соколов-Преображенский"

# (session of the day, laptop, trainee, lang, scenario, "best" | "worst" | "transfer"), in order
PLAYS = [
    ("morning", 1, "Alice Smith", "en", "late-delivery", "worst"),
    ("morning", 1, "Alice Smith", "en", "late-delivery", "transfer"),
    ("morning", 1, "Alice Smith", "en", "refund-refused", "worst"),
    ("morning", 1, "Bob Jones", "en", "late-delivery", "best"),
    ("morning", 1, "Bob Jones", "en", "refund-refused", "worst"),
    ("morning", 1, "Carla Diaz", "en", "late-delivery", "transfer"),
    ("morning", 1, "Carla Diaz", "en", "price-objection", "worst"),
    ("morning", 2, CYRILLIC, "ru", "dostavka-opazdyvaet", "worst"),
    ("morning", 2, CYRILLIC, "ru", "dostavka-opazdyvaet", "best"),
    ("morning", 2, "Eve Martin", "en", "late-delivery", "worst"),
    ("morning", 2, "Farid Khan", "en", "refund-refused", "best"),
    ("morning", 2, "Farid Khan", "en", "late-delivery", "transfer"),
    ("afternoon", 1, "Alice Smith", "en", "late-delivery", "best"),
    ("afternoon", 1, "Alice Smith", "en", "refund-refused", "best"),
    ("afternoon", 1, "Bob Jones", "en", "late-delivery", "best"),
    ("afternoon", 1, "Bob Jones", "en", "price-objection", "best"),
    ("afternoon", 1, "Carla Diaz", "en", "late-delivery", "transfer"),
    ("afternoon", 1, "Carla Diaz", "en", "price-objection", "best"),
    ("afternoon", 2, CYRILLIC, "ru", "dostavka-opazdyvaet", "best"),
    ("afternoon", 2, "Farid Khan", "en", "late-delivery", "best"),
    ("afternoon", 2, "Grace Lee", "en", "late-delivery", "worst"),
    ("afternoon", 2, "Grace Lee", "en", "refund-refused", "worst"),
]

HEADINGS = {
    "en": {"room": "The room at a glance", "crit": "Critical mistakes across the room",
           "freq": "Findings across the room",
           "compare": "Morning against afternoon: the sessions of the day compared",
           "source": "The exports compared", "trainees": "Trainees",
           "change": "Each trainee's own change", "details": "Each trainee in detail",
           "progress": "Progress over attempts",
           "table": "Sessions, mean, best and passed are over all"},
    "ru": {"room": "Группа в целом", "crit": "Критические ошибки в группе",
           "freq": "Замечания в группе", "compare": "Утро и день: сравнение сессий дня",
           "source": "Сравнение выгрузок", "trainees": "Участники группы",
           "change": "Изменение у каждого участника",
           "details": "Подробно по каждому участнику", "progress": "Прогресс по попыткам",
           "table": "Сессии, среднее, лучший результат и сдано"},
}
WORDS = {"en": {"up": "up", "down": "down", "better": "better", "worse": "worse"},
         "ru": {"up": "рост", "down": "снижение", "better": "лучше", "worse": "хуже"}}

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg, flush=True)


def ok(msg):
    print("ok: " + msg, flush=True)


def run(cmd, cwd=None, timeout=180, env=None, data=None):
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=timeout, env=env, input=data)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


# ---- the day ----

def play_day(binary, root, tmp):
    """Plays PLAYS into a scratch store, exports it, and imports each session of the day into
    its laptop's store. Returns the two stores' paths."""
    scratch = os.path.join(tmp, "scratch.sqlite")
    where = {}  # session id -> (session of the day, laptop)
    known = set()
    for n, (day, laptop, trainee, lang, name, how) in enumerate(PLAYS):
        xml = os.path.join(root, "scenarios", lang, name + ".xml")
        if how == "transfer":
            script = os.path.join(tmp, f"transfer-{n}.script")
            open(script, "w", encoding="utf-8").write(TRANSFER)
        else:
            script = os.path.join(root, "tests", "golden", lang, f"{name}.{how}.script")
        cmd = [binary, "play", "--script", script, "--db", scratch, "--trainee", trainee,
               "--group", GROUP, xml]
        if how == "transfer":
            cmd.insert(2, "--assessment")
        rc, out, err = run(cmd, root)
        if rc != 0:
            fail(f"play {name} ({how}) for {trainee!r}: exit {rc}: {err.strip()}")
            continue
        rc, out, err = run([binary, "report", "--db", scratch, "--format", "json"], root)
        ids = {r["session"] for r in json.loads(out)} - known
        if len(ids) != 1:
            fail(f"play {name} for {trainee!r} made {len(ids)} sessions")
        for i in ids:
            where[i] = (day, laptop)
        known |= ids
    rc, out, err = run([binary, "report", "--db", scratch, "--format", "json"], root)
    records = json.loads(out)
    stores = []
    for laptop in (1, 2):
        mine = []
        for r in records:
            day, lap = where[r["session"]]
            if lap == laptop:
                r = dict(r)
                r["workshop"] = {"id": WORKSHOP, "session": day}
                mine.append(r)
        path = os.path.join(tmp, f"laptop{laptop}.json")
        json.dump(mine, open(path, "w", encoding="utf-8"), ensure_ascii=False)
        db = os.path.join(tmp, f"laptop{laptop}.sqlite")
        rc, _, err = run([binary, "import", "--db", db, path], root)
        if rc != 0:
            fail(f"import into laptop {laptop}: exit {rc}: {err.strip()}")
        stores.append(db)
    return stores


# ---- what the report must say, computed here ----

def scored(r):
    return r["finished"] and r["attempted"]


def counted(f):
    """A finding the report counts: critical, or it cost points, or a warning or a mistake."""
    info = f["severity"] in (None, "info")
    return f["critical"] or not (f["points"] > 0 or (f["points"] == 0 and info))


def kind_of(f):
    return (f["rule"], f["dimension"] or "", f["message"] if f["rule"] == "note" else None)


def latest(records):
    """Each trainee's latest scored session per scenario."""
    last = {}
    for r in sorted(records, key=lambda r: r["started"]):
        if scored(r):
            last[(r["trainee"], r["scenario"]["id"])] = r
    return list(last.values())


def nps(rs):
    c = [0, 0, 0]
    for r in rs:
        v = r["survey"]["nps"]
        c[0 if v <= 6 else 1 if v <= 8 else 2] += 1
    n = sum(c)
    x = 100 * (c[2] - c[0]) / n
    return int(abs(x) + 0.5) * (1 if x >= 0 else -1)


def pct(part, n):
    return (200 * part + n) // (2 * n)


DIMS = ["empathy", "apology", "ownership", "tone", "upsell", "resolution", "responsiveness"]


def room(records):
    rs = latest(records)
    by = {}
    for r in rs:
        by.setdefault(r["trainee"], []).append(r)
    trainee = {}
    for t, mine in by.items():
        d = {}
        for dim in DIMS:
            vals = [r["dimensions"][dim] for r in mine if r["dimensions"][dim] is not None]
            if vals:
                d[dim] = sum(vals) / len(vals)
        d["overall"] = sum(r["overall"] for r in mine) / len(mine)
        trainee[t] = d
    spread = {}
    for dim in DIMS + ["overall"]:
        vals = [d[dim] for d in trainee.values() if dim in d]
        if vals:
            m = sum(vals) / len(vals)
            spread[dim] = (m, math.sqrt(sum((v - m) ** 2 for v in vals) / len(vals)),
                           min(vals), max(vals), len(vals))
    crit, kinds = {}, {}
    for t, mine in by.items():
        for item in {i for r in mine for i in (r["critical"] or [])}:
            crit[item] = crit.get(item, 0) + 1
        for k in {kind_of(f) for r in mine for f in r["findings"] if counted(f)}:
            kinds[k] = kinds.get(k, 0) + 1
    return {"trainees": len(by), "attempts": len(rs), "passed": sum(r["passed"] for r in rs),
            "nps": nps(rs) if rs else None,
            "crit_trainees": sum(1 for mine in by.values()
                                 if any(r["critical_mistakes"] for r in mine)),
            "spread": spread, "crit": crit, "kinds": kinds, "per_trainee": trainee}


class Text(html.parser.HTMLParser):
    """The visible text of a document (attributes left out)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "title"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "title"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.text.append(data)


def visible(doc):
    t = Text()
    t.feed(doc)
    t.close()
    return " ".join(t.text)


def section(doc, sid):
    m = re.search(r'<section id="' + sid + r'">(.*?)</section>', doc, re.S)
    return m.group(1) if m else None


def close(a, b):
    return abs(a - b) < 1e-4


def dec1(v, lang):
    s = f"{v:.1f}"
    return s.replace(".", ",") if lang == "ru" else s


def check_room(doc, where, lang, want):
    sec = section(doc, "room")
    if sec is None:
        fail(f"{where}: no room section")
        return
    H = HEADINGS[lang]
    for key in ("room", "crit", "freq"):
        if H[key] not in sec:
            fail(f"{where}: the room section lacks {H[key]!r}")
    if doc.index('<section id="room">') > doc.index('<section id="results">'):
        fail(f"{where}: the room's profile is not at the top")
    # each dimension and overall
    rows = re.findall(r'<tr class="room-row[^"]*" data-dim="([a-z]+)">(.*?)</tr>', sec, re.S)
    got = {}
    for dim, row in rows:
        cells = dict(re.findall(r'class="num (m-[a-z]+)" data-v="([^"]+)"', row))
        rng = re.search(r'data-min="([^"]+)" data-max="([^"]+)">([^<]*)<', row)
        n = re.search(r'class="num m-n">(\d+)<', row)
        if cells and rng and n:
            got[dim] = (float(cells["m-mean"]), float(cells["m-sd"]), float(rng.group(1)),
                        float(rng.group(2)), int(n.group(1)))
            text = re.search(r'class="num m-mean"[^>]*>([^<]*)<', row).group(1)
            if text != dec1(got[dim][0], lang):
                fail(f"{where}: {dim} mean shown as {text!r}, want {dec1(got[dim][0], lang)!r}")
    for dim, w in want["spread"].items():
        g = got.get(dim)
        if not g or not all(close(a, b) for a, b in zip(g[:4], w[:4])) or g[4] != w[4]:
            fail(f"{where}: the room's {dim}: {g}, computed from the JSON: {w}")
    if set(got) != set(want["spread"]):
        fail(f"{where}: room rows {sorted(got)}, expected {sorted(want['spread'])}")
    else:
        ok(f"{where}: the room's mean, sigma and range of {len(got)} measures")
    m = re.search(r'id="room-pass" data-n="(\d+)" data-of="(\d+)"', sec)
    if not m or (int(m.group(1)), int(m.group(2))) != (want["passed"], want["attempts"]):
        fail(f"{where}: room pass {m.groups() if m else None}, want "
             f"{(want['passed'], want['attempts'])}")
    m = re.search(r'id="room-nps" class="nps">([^<]*)<', sec)
    v = want["nps"]
    wn = f"+{v}" if v > 0 else ("\u2212" + str(-v) if v < 0 else "0")
    if not m or m.group(1) != wn:
        fail(f"{where}: room NPS {m.group(1) if m else None}, want {wn}")
    m = re.search(r'id="room-crit" data-n="(\d+)" data-of="(\d+)">([^<]*)<', sec)
    if not m or (int(m.group(1)), int(m.group(2))) != (want["crit_trainees"], want["trainees"]):
        fail(f"{where}: trainees with a critical mistake {m.groups() if m else None}, want "
             f"{want['crit_trainees']} of {want['trainees']}")
    else:
        p = pct(want["crit_trainees"], want["trainees"])
        text = m.group(3)
        c, n = want["crit_trainees"], want["trainees"]
        wt = (f"{c} of {n}\u00a0{'trainee' if n == 1 else 'trainees'} ({p}%)" if lang == "en" else
              f"{c} из {n}\u00a0{'участника' if n % 10 == 1 and n % 100 != 11 else 'участников'}"
              f" ({p}\u00a0%)")
        if text != wt:
            fail(f"{where}: the critical share reads {text!r}, want {wt!r}")
    # the critical mistakes, by share
    items = re.findall(r'<tr class="room-crit" data-item="([^"]*)" data-n="(\d+)" '
                       r'data-of="(\d+)">(.*?)</tr>', sec, re.S)
    got = {html.unescape(i): int(n) for i, n, of, _ in items}
    if got != want["crit"]:
        fail(f"{where}: critical mistakes across the room {got}, computed {want['crit']}")
    elif [int(n) for _, n, _, _ in items] != sorted((int(n) for _, n, _, _ in items),
                                                      reverse=True):
        fail(f"{where}: the critical mistakes are not sorted by share")
    else:
        ok(f"{where}: critical mistakes across the room {got}")
    for item, n, of, row in items:
        if item == "transfer" and "\u2014" in row.split("</td>")[2]:
            fail(f"{where}: the transfer row has no better phrasing")
    # the findings by share
    kinds = re.findall(r'<tr class="room-kind" data-rule="([^"]*)" data-dim="([^"]*)" '
                       r'data-n="(\d+)" data-of="(\d+)">(.*?)</tr>', sec, re.S)
    if not kinds:
        fail(f"{where}: no findings across the room")
    shares = [int(n) for _, _, n, _, _ in kinds]
    if shares != sorted(shares, reverse=True):
        fail(f"{where}: findings across the room not sorted by share: {shares}")
    for rule, dim, n, of, row in kinds:
        w = want["kinds"].get((html.unescape(rule), dim, None))
        if w != int(n) or int(of) != want["trainees"]:
            fail(f"{where}: finding {rule}/{dim}: {n} of {of}, computed {w} of "
                 f"{want['trainees']}")
        if f">{html.unescape(rule)}<" in row:
            fail(f"{where}: finding {rule} is named by its rule id")
    top = max(want["kinds"].values())
    if shares and shares[0] != top:
        fail(f"{where}: the most widespread finding has {shares[0]} trainees, computed {top}")
    ok(f"{where}: {len(kinds)} findings across the room, shares as computed")


def check_compare(doc, where, lang, records, sides, heading, key):
    sec = section(doc, "compare")
    if sec is None:
        fail(f"{where}: no comparison section")
        return
    if f"<h2>{HEADINGS[lang][heading]}</h2>" not in sec:
        fail(f"{where}: the comparison's heading is not {HEADINGS[lang][heading]!r}")
    names = [html.unescape(n) for n in re.findall(r'<th class="num side-name">([^<]*)</th>', sec)]
    if names != [s for s, _ in sides]:
        fail(f"{where}: the sides are {names}, expected {[s for s, _ in sides]}")
        return
    rooms = [room([r for r in records if key(r) == s]) for _, s in sides]
    rows = dict(re.findall(r'<tr class="cmp[^"]*" data-m="([^"]+)"[^>]*>(.*?)</tr>', sec, re.S))

    def sides_of(m):
        return [float(v) for v in re.findall(r'class="num side" data-v="([^"]+)"', rows.get(m, ""))]

    def changes_of(m):
        return re.findall(r'<td class="num chg ([a-z ]+)" data-v="(-?\d+)">(.*?)</td>',
                          rows.get(m, ""), re.S)

    want = [r["spread"]["overall"][0] for r in rooms]
    got = sides_of("overall")
    if len(got) != len(want) or not all(close(a, b) for a, b in zip(got, want)):
        fail(f"{where}: overall mean per side {got}, computed {want}")
    W = WORDS[lang]
    for i, (cls, dv, text) in enumerate(changes_of("overall")):
        a, b = round(want[i], 1), round(want[i + 1], 1)
        d = round((b - a) * 10)
        direction = "up" if d > 0 else "down" if d < 0 else "same"
        if int(dv) != d or not cls.startswith(direction):
            fail(f"{where}: overall change {cls} {dv}, computed {d}")
        if d and (("\u25b2" if d > 0 else "\u25bc") not in text or W[direction] not in text or
                  W["better" if d > 0 else "worse"] not in text):
            fail(f"{where}: the overall change {text!r} lacks its arrow or words")
        if d:
            ok(f"{where}: overall {a} -> {b}: {html.unescape(re.sub('<[^>]+>', '', text))}")
    want = [pct(r["passed"], r["attempts"]) for r in rooms]
    if sides_of("pass") != want:
        fail(f"{where}: pass rate per side {sides_of('pass')}, computed {want}")
    want = [pct(r["crit_trainees"], r["trainees"]) for r in rooms]
    if sides_of("critical") != want:
        fail(f"{where}: critical share per side {sides_of('critical')}, computed {want}")
    for i, (cls, dv, text) in enumerate(changes_of("critical")):
        d = want[i + 1] - want[i]
        if d and ("worse" if d > 0 else "better") not in cls:
            fail(f"{where}: a change of {d} in critical share is not marked "
                 f"{'worse' if d > 0 else 'better'}: {cls}")
    want = [r["nps"] for r in rooms]
    if sides_of("nps") != want:
        fail(f"{where}: NPS per side {sides_of('nps')}, computed {want}")
    # each trainee's own change
    present = {}
    for k, r in enumerate(rooms):
        for t, d in r["per_trainee"].items():
            present.setdefault(t, {})[k] = d["overall"]
    want = {t: v for t, v in present.items() if len(v) >= 2}
    got = {}
    for row in re.findall(r'<tr class="tchg">(.*?)</tr>', sec, re.S):
        name = html.unescape(re.search(r'tc-name">(.*?)</td>', row, re.S).group(1))
        got[name] = ([float(v) for v in re.findall(r'class="num side" data-v="([^"]+)"', row)],
                     re.search(r'class="num chg ([a-z ]+)"', row).group(1))
    if set(got) != set(want):
        fail(f"{where}: trainees' own change for {sorted(got)}, expected {sorted(want)}")
    for t, v in want.items():
        vals = [v[k] for k in sorted(v)]
        g = got.get(t)
        d = round((round(vals[-1], 1) - round(vals[0], 1)) * 10)
        direction = "up" if d > 0 else "down" if d < 0 else "same"
        if not g or not all(close(a, b) for a, b in zip(g[0], vals)) or \
                not g[1].startswith(direction):
            fail(f"{where}: {t}'s own change {g}, computed {vals} ({direction})")
    if HEADINGS[lang]["change"] not in sec:
        fail(f"{where}: no {HEADINGS[lang]['change']!r}")
    ok(f"{where}: {len(names)} sides compared, {len(got)} trainees' own change")


def check_trainees(doc, where, lang, records):
    sec = section(doc, "trainees")
    if sec is None:
        fail(f"{where}: no trainees section")
        return
    trainees = sorted({r["trainee"] for r in records})
    rows = [html.unescape(n) for n in re.findall(r'<td class="wrap t-name">(.*?)</td>', sec)]
    if sorted(rows) != trainees:
        fail(f"{where}: the trainees' table has {rows}, expected {trainees}")
    # the dimension columns: the figures the room's profile uses, each trainee's
    per_trainee = room(records)["per_trainee"]
    for row in re.findall(r'<tr class="trow">(.*?)</tr>', sec, re.S):
        name = html.unescape(re.search(r't-name">(.*?)</td>', row, re.S).group(1))
        got = {d: float(v) for d, v in re.findall(r'class="num t-dim" data-dim="([a-z]+)" '
                                                 r'data-v="([^"]+)"', row)}
        want = {d: v for d, v in per_trainee.get(name, {}).items() if d != "overall"}
        if set(got) != set(want) or not all(close(got[d], want[d]) for d in want):
            fail(f"{where}: {name}'s dimension columns {got}, computed {want}")
    details = re.findall(r"<details([^>]*)>(.*?)</details>", sec, re.S)
    if len(details) != len(trainees):
        fail(f"{where}: {len(details)} <details>, expected one per trainee ({len(trainees)})")
    for attrs, body in details:
        if "open" in attrs:
            fail(f"{where}: a trainee's detail is open by default: {attrs}")
        m = re.match(r'<summary><span class="t-name">(.*?)</span>(.*?)</summary>', body, re.S)
        if not m:
            fail(f"{where}: a <details> without the summary line: {body[:80]!r}")
            continue
        name = html.unescape(m.group(1))
        mine = [r for r in records if r["trainee"] == name]
        s = [r["overall"] for r in mine if scored(r)]
        summary = visible(m.group(2))
        for part in (str(len(mine)), dec1(sum(s) / len(s), lang), str(max(s))):
            if part not in summary:
                fail(f"{where}: {name}'s summary {summary!r} lacks {part!r}")
    if "<h4>" + HEADINGS[lang]["progress"] + "</h4>" not in sec:
        fail(f"{where}: the details have no progress chart")
    ok(f"{where}: {len(details)} trainees on demand, all closed")


def check_language(doc, where, lang, records):
    """No rule id or critical item's id as a name (a text of its own, a cell, a list item), and
    none with a hyphen anywhere in the text (the messages are sentences: "A rude reply." may
    say "rude"); numbers written for the language."""
    text = visible(doc)
    t = Text()
    t.feed(doc)
    t.close()
    pieces = {p.strip(" :\u00d7\n") for p in t.text}
    ids = {f["rule"] for r in records for f in r["findings"]}
    ids |= {i for r in records for i in (r["critical"] or [])}
    if lang == "en":
        ids.discard("lost")  # the English outcome "lost" is a word of the sessions table
    for rule in sorted(ids):
        if rule in pieces or ("-" in rule and
                              re.search(r"(?<![\w-])" + re.escape(rule) + r"(?![\w-])", text)):
            fail(f"{where}: the id {rule!r} shows as text")
    if lang == "ru":
        if not re.search(r"\d,\d", section(doc, "room") or ""):
            fail(f"{where}: no decimal comma in the room's profile")
        if re.search(r"\d\.\d", visible(section(doc, "room") or "")):
            fail(f"{where}: a decimal point in the Russian room's profile")
        if re.search(r"\d%", text):
            fail(f"{where}: a per cent sign without the no-break space before it")
        if "\u00a0%" not in text:
            fail(f"{where}: no percentage written the Russian way")
    else:
        if re.search(r"\d,\d(?!\d\d)", visible(section(doc, "room") or "")):
            fail(f"{where}: a decimal comma in the English room's profile")
        if "\u00a0%" in text:
            fail(f"{where}: a Russian percentage in the English report")


def screenshot(report, png, tmp):
    profile = tempfile.mkdtemp(prefix="chromium-", dir=tmp)
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--user-data-dir=" + profile, "--hide-scrollbars", "--window-size=1280,2200",
           "--screenshot=" + png, "file://" + report]
    if os.path.exists(png):
        os.remove(png)
    rc, _, err = run(cmd, tmp, timeout=120)
    if rc != 0 or not os.path.exists(png):
        fail(f"chromium exit {rc}, no {png}: {err.strip()[-1500:]}")
        return False
    return True


def pixels(png):
    """(non-white share, pixels of the room's profile colour) of a PNG."""
    width, height, bpp, rows = browser.decode_png(png)
    nonwhite = profile = 0
    for row in rows:
        for i in range(0, len(row), bpp):
            r, g, b = row[i], row[i + 1], row[i + 2]
            if (r, g, b) != (255, 255, 255):
                nonwhite += 1
            if abs(r - 0x3b) <= 8 and abs(g - 0x6f) <= 8 and abs(b - 0xb6) <= 8:
                profile += 1
    return nonwhite / (width * height), profile


# ---- the HTML ----

def check_html(binary, root, stores, records, artefacts, tmp):
    day = lambda r: (r.get("workshop") or {}).get("session", "")  # noqa: E731
    sides = [("morning", "morning"), ("afternoon", "afternoon")]
    for lang in ("en", "ru"):
        report = os.path.join(artefacts, f"room-{lang}.html")
        rc, _, err = run([binary, "report", "--db", stores[0], "--db", stores[1], "--format",
                          "html", "--lang", lang, "--force", "-o", report], root)
        if rc != 0:
            fail(f"report --format html --lang {lang}: exit {rc}: {err.strip()}")
            continue
        doc = open(report, encoding="utf-8").read()
        where = os.path.basename(report)
        check_room(doc, where, lang, room(records))
        check_compare(doc, where, lang, records, sides, "compare", day)
        check_trainees(doc, where, lang, records)
        check_language(doc, where, lang, records)
        png = os.path.join(artefacts, f"room-{lang}.png")
        if screenshot(report, png, tmp):
            share, profile = pixels(png)
            print(f"{where}: screenshot {100 * share:.1f}% non-white, {profile} pixels of the "
                  "room's profile colour")
            if share < 0.03 or profile < 100:
                fail(f"{where}: the screenshot is nearly blank or lacks the room's profile")
    # by store: each laptop against the other, named by its file
    report = os.path.join(artefacts, "room-by-store.html")
    rc, _, err = run([binary, "report", "--db", stores[0], "--db", stores[1], "--format", "html",
                      "--lang", "en", "--compare", "db", "--force", "-o", report], root)
    if rc != 0:
        fail(f"report --compare db: exit {rc}: {err.strip()}")
    else:
        laptop = {}
        for k, db in enumerate(stores):
            rc, out, _ = run([binary, "report", "--db", db, "--format", "json"], root)
            for r in json.loads(out):
                laptop[r["session"]] = k
        check_compare(open(report, encoding="utf-8").read(), "room-by-store.html", "en", records,
                      [(os.path.basename(db), k) for k, db in enumerate(stores)], "source",
                      lambda r: laptop[r["session"]])
    report = os.path.join(tmp, "room-none.html")
    rc, _, err = run([binary, "report", "--db", stores[0], "--db", stores[1], "--format", "html",
                      "--compare", "none", "-o", report], root)
    if rc != 0 or section(open(report, encoding="utf-8").read(), "compare") is not None:
        fail(f"report --compare none: exit {rc}, or a comparison all the same: {err.strip()}")
    # a single session of the day: nothing compared unless asked
    report = os.path.join(tmp, "room-one.html")
    rc, _, err = run([binary, "report", "--db", stores[0], "--db", stores[1], "--format", "html",
                      "--session", "morning", "-o", report], root)
    if rc != 0 or section(open(report, encoding="utf-8").read(), "compare") is not None:
        fail(f"report --session morning: exit {rc}, or a comparison of one side: {err.strip()}")


# ---- the PDF ----

def check_pdf(binary, root, stores, artefacts, tmp):
    for lang in ("en", "ru"):
        out = os.path.join(artefacts, f"room-{lang}.pdf")
        if os.path.exists(out):
            os.remove(out)
        pdftmp = tempfile.mkdtemp(prefix="tmpdir-", dir=tmp)
        home = tempfile.mkdtemp(prefix="home-", dir=tmp)
        env = dict(os.environ, TMPDIR=pdftmp, HOME=home)
        rc, _, err = run([binary, "report", "--db", stores[0], "--db", stores[1], "--format",
                          "pdf", "--lang", lang, "-o", out], root, timeout=120, env=env)
        if rc != 0 or not os.path.exists(out):
            fail(f"report --format pdf --lang {lang}: exit {rc}: {err.strip()}")
            continue
        if os.listdir(pdftmp) or os.listdir(home):
            fail(f"the PDF left files behind: TMPDIR {os.listdir(pdftmp)}, HOME "
                 f"{os.listdir(home)}")
        if open(out, "rb").read(5) != b"%PDF-":
            fail(f"{out} is not a PDF")
            continue
        rc, info, err = run(["pdfinfo", out])
        info = info.decode()
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
        size = re.search(r"^Page size:\s+(.*)$", info, re.M).group(1)
        if pages < 1 or "A4" not in size:
            fail(f"{out}: {pages} pages of {size!r}, expected A4 pages")
        else:
            ok(f"{out}: {pages} A4 pages ({size})")
        prefix = os.path.join(artefacts, f"room-{lang}-page")
        for f in os.listdir(artefacts):
            if f.startswith(f"room-{lang}-page"):
                os.remove(os.path.join(artefacts, f))
        rc, _, err = run(["pdftoppm", "-r", "50", "-png", out, prefix])
        pngs = sorted(f for f in os.listdir(artefacts) if f.startswith(f"room-{lang}-page"))
        if rc != 0 or len(pngs) != pages:
            fail(f"pdftoppm: exit {rc}, {len(pngs)} pages rendered of {pages}: {err.strip()}")
        for p in pngs:
            share, _ = pixels(os.path.join(artefacts, p))
            if share < 0.01:
                fail(f"{p}: a blank page ({100 * share:.2f}% non-white)")
        rc, text, err = run(["pdftotext", "-layout", out, "-"])
        text = text.decode("utf-8")
        flat = re.sub(r"\s+", " ", text)
        H = HEADINGS[lang]
        for key in ("room", "crit", "compare", "trainees", "change", "table"):
            if H[key] not in flat:
                fail(f"{out}: the PDF's text lacks {H[key]!r}")
        if H["progress"] in flat or H["details"] in flat:
            fail(f"{out}: the PDF prints the trainees' closed detail")
        if CYRILLIC.split()[0] not in flat:
            fail(f"{out}: the Cyrillic name is not in the PDF's text")
        first = flat.find(H["room"])
        if first < 0 or first > flat.find(H["table"]):
            fail(f"{out}: the room does not come before the trainees")
        ok(f"{out}: the room's headings in the text; pages not blank")
    # usage and missing Chromium: clear errors, nothing written, nothing left
    rc, _, err = run([binary, "report", "--db", stores[0], "--format", "pdf"], root)
    if rc == 0 or "-o" not in err:
        fail(f"--format pdf to standard output: exit {rc}: {err.strip()}")
    bare = tempfile.mkdtemp(prefix="path-", dir=tmp)
    pdftmp = tempfile.mkdtemp(prefix="tmpdir-", dir=tmp)
    out = os.path.join(tmp, "no-chromium.pdf")
    rc, _, err = run([binary, "report", "--db", stores[0], "--format", "pdf", "-o", out], root,
                     env=dict(os.environ, PATH=bare, TMPDIR=pdftmp))
    if rc != 1 or "Debian package chromium" not in err or os.path.exists(out) or \
            os.listdir(pdftmp) or os.listdir(tmp).count(os.path.basename(out)):
        fail(f"without chromium on PATH: exit {rc}, {err.strip()!r}, output "
             f"{os.path.exists(out)}, left {os.listdir(pdftmp)}")
    else:
        ok(f"without chromium: {err.strip()}")
    check_bad_chromium(binary, root, stores, tmp)


# (what a stand-in `chromium` on PATH does, what the error must say)
BAD_CHROMIUM = [
    ("fails", "echo 'something broke' >&2\nexit 3\n", "exit 3"),
    ("writes no PDF", "for a; do case $a in --print-to-pdf=*) echo not a pdf > ${a#*=};; "
     "esac; done\n", "not a PDF"),
    ("hangs", "sleep 97.25 &\nexec sleep 98.25\n", "within 2 s"),
]


def check_bad_chromium(binary, root, stores, tmp):
    """A Chromium that fails, writes something else than a PDF, or hangs (with a helper of its
    own): a clear error, exit 1, no output file, nothing left in TMPDIR, nothing left running."""
    for what, body, says in BAD_CHROMIUM:
        bindir = tempfile.mkdtemp(prefix="fakebin-", dir=tmp)
        fake = os.path.join(bindir, "chromium")
        open(fake, "w").write("#!/bin/sh\n" + body)
        os.chmod(fake, 0o755)
        pdftmp = tempfile.mkdtemp(prefix="tmpdir-", dir=tmp)
        out = os.path.join(tmp, "bad.pdf")
        env = dict(os.environ, PATH=bindir + ":/usr/bin:/bin", TMPDIR=pdftmp,
                   FRONTLINE_PDF_TIMEOUT="2")
        rc, _, err = run([binary, "report", "--db", stores[0], "--format", "pdf", "-o", out],
                         root, timeout=60, env=env)
        left = os.listdir(pdftmp)
        ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
        running = [l for l in ps.splitlines() if "sleep 97.25" in l or "sleep 98.25" in l]
        if rc != 1 or says not in err or os.path.exists(out) or left or running:
            fail(f"a chromium that {what}: exit {rc}, {err.strip()!r}, output "
                 f"{os.path.exists(out)}, left {left}, still running {running}")
        else:
            ok(f"a chromium that {what}: {err.strip().splitlines()[0]}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--artefacts", default=os.path.join(os.getcwd(), "report", "room-artefacts"))
    ap.add_argument("--only", choices=("html", "pdf"))
    a = ap.parse_args()
    root = os.path.abspath(a.root)
    binary = os.path.abspath(a.frontline)
    artefacts = os.path.abspath(a.artefacts)
    os.makedirs(artefacts, exist_ok=True)
    for tool in (CHROMIUM, shutil.which("pdfinfo"), shutil.which("pdftoppm"),
                 shutil.which("pdftotext")):
        if not tool or not os.access(tool, os.X_OK):
            fail(f"missing {tool}: install chromium and poppler-utils (tools/setup.sh)")
            return 1
    tmp = tempfile.mkdtemp(prefix="frontline-room-")
    try:
        stores = play_day(binary, root, tmp)
        rc, out, err = run([binary, "report", "--db", stores[0], "--db", stores[1], "--format",
                            "json"], root)
        if rc != 0:
            fail(f"report --format json: exit {rc}: {err.strip()}")
            return 1
        records = json.loads(out)
        if len(records) != len(PLAYS):
            fail(f"{len(PLAYS)} sessions played, {len(records)} in the merged export")
        days = {(r.get("workshop") or {}).get("session") for r in records}
        if days != {"morning", "afternoon"}:
            fail(f"the merged export's sessions of the day: {days}")
        if a.only != "pdf":
            check_html(binary, root, stores, records, artefacts, tmp)
        if a.only != "html":
            check_pdf(binary, root, stores, artefacts, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print(f"{len(failures)} failure(s); artefacts in {artefacts}")
        return 1
    print(f"the leader's report: all checks passed; artefacts in {artefacts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
