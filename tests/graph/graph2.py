#!/usr/bin/env python3
"""Checks the picture `frontline graph` draws: colours, legend, labels, tooltips, the rendered
SVG and PNG, and what happens when Graphviz is missing, fails or stdout is a terminal.

usage: graph2.py --frontline PATH --root SOURCE_DIR TEST
TEST is one of:
  colours   data/kinds.xml, one reply of each kind: each arrow's colour (red a critical mistake,
            orange a cost, green what earns, grey neutral) and the reason its label gives, in
            the scenario as written and under a rubric that turns the default critical mistakes
            off; top to bottom; a node labelled by its usual line; notes and better alternatives
            short in the label and whole in the tooltip; every label line short; dot silent
  legend    the legend's entries for this scenario, in English and in Russian (by the locale and
            by the desktop's language setting), and the labels' words in Russian
  svg       --format svg and -o x.svg: an SVG whose tooltips carry the notes; nothing left over
  png       -o x.png: a PNG with red pixels on a red arrow and on the legend's red bar (located
            through the SVG of the same graph); bundled scenarios drawn top to bottom are taller
            for their width than drawn left to right, and one is taller than wide; a PNG to a pipe
  nodot     PATH without dot: a clear error naming graphviz, exit 1, no file written or touched
  dotfail   a dot that fails: its message shown, exit 1, the old file untouched, no leftovers;
            a dot that never ends: stopped at --timeout with a message, the same; stdout a
            terminal (a pty): svg/png refused with a hint to use -o, exit 2
  big       a generated 1,000-node scenario: its DOT text in seconds, its SVG within --timeout 45
            (or the clear message that the layout took too long); nothing left behind
Each test runs in a fresh settings folder with the locale set, so the machine's own settings and
locale do not matter. Needs Graphviz's dot; ImageMagick's convert reads the PNG's pixels.
"""
import argparse
import html
import os
import pty
import re
import shutil
import subprocess
import sys
import tempfile
import time

from dot import parse_dot

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = os.path.join(HERE, "data", "kinds.xml")

RED, ORANGE, GREEN, GREY = "red3", "darkorange2", "green4", "gray45"
# Each reply of kinds.xml (its text, the tooltip's first line) -> the colour of its arrow and
# a reason its label must give (None: no reason line needed).
KINDS_WANT = {
    "I'm so sorry, Ruth, that's really annoying.": (GREEN, None),
    "Thank you for your patience.": (ORANGE, None),
    "Have you thought about Kettle Care?": (RED, "upsell to an unhappy customer"),
    "Please call the manufacturer on 0800 111 222.": (RED, None),
    "Kettles break, madam.": (RED, "critical reply"),
    "Would you like Kettle Care with the new one?": (ORANGE, "upsell too early"),
    "I've refunded the 20 dollars delivery.": (GREY, None),
    "No worries, love!": (ORANGE, None),
    "I'll refund the full 50 dollars.": (RED, "over the goodwill budget"),
    "Chill, love, it's sorted.": (RED, "familiar again: rude"),
    "A new kettle goes out today by courier.": (GREEN, None),
    "And 20 dollars more off the new one.": (RED, "over the goodwill budget"),
    "A new kettle goes out today, tracked.": (GREEN, None),
    "Would you like Kettle Care on the new one?": (GREEN, None),
    "Is there anything else?": (GREY, None),
    "Of course: a new one goes out today.": (GREEN, None),
}
# The same scenario under a rubric that makes transfer, timeouts, goodwill over the budget and an
# upsell to an unhappy customer cost points without failing, and canned a critical mistake.
RUBRIC = """  <rubric>
    <critical mistake="transfer" off="yes"/>
    <critical mistake="timeout" off="yes"/>
    <critical mistake="over-budget" off="yes"/>
    <critical mistake="upsell-unhappy" off="yes"/>
    <critical mistake="canned"/>
  </rubric>
"""
RUBRIC_CHANGES = {
    "Please call the manufacturer on 0800 111 222.": ORANGE,  # transfer: costs Ownership
    "Have you thought about Kettle Care?": ORANGE,  # upsell to an unhappy customer: Upsell timing
    "I'll refund the full 50 dollars.": ORANGE,  # over the budget: costs Resolution
    "And 20 dollars more off the new one.": ORANGE,
    "Thank you for your patience.": RED,  # canned, made critical
}

EDGE_WIDTH = 26  # graph.c: characters of a label line (one more for a closing "…")

failures = []


def fail(what, msg):
    failures.append(f"{what}: {msg}")


def legend_of(text):
    """The legend node's HTML-like label, or None."""
    m = re.search(r'"#legend" \[[^<]*label=<(.*?)>\];\n', text, re.S)
    return m.group(1) if m else None


class Env:
    """A settings folder of our own and a locale: the language of the run."""

    def __init__(self, frontline, lang="C.UTF-8", settings_language=None):
        self.frontline = frontline
        self.dir = tempfile.mkdtemp()
        self.env = dict(os.environ)
        self.env.pop("LC_MESSAGES", None)
        self.env.update({"LANG": lang, "LC_ALL": lang, "XDG_CONFIG_HOME": self.dir})
        if settings_language:
            os.makedirs(os.path.join(self.dir, "frontline"))
            with open(os.path.join(self.dir, "frontline", "settings.json"), "w") as f:
                f.write('{"language": "%s"}\n' % settings_language)

    def run(self, args, **kw):
        env = dict(self.env)
        env.update(kw.pop("env", {}))
        return subprocess.run(
            [self.frontline, "graph"] + args, capture_output=True, env=env, timeout=300, **kw
        )

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def graph_text(e, path, what):
    p = e.run([path])
    if p.returncode != 0:
        fail(what, f"exit {p.returncode}: {p.stderr.decode(errors='replace')}")
        return None
    return p.stdout.decode()


def dot_silent(text, what):
    d = subprocess.run(["dot", "-Tsvg"], input=text.encode(), capture_output=True)
    if d.returncode != 0 or d.stderr.strip():
        fail(what, f"dot exit {d.returncode}: {d.stderr.decode(errors='replace').strip()}")
        return None
    return d.stdout.decode()


def edges_by_text(edges):
    return {a.get("tooltip", "").split("\n")[0]: (f, t, a) for f, t, a in edges}


def check_colours(e, path, want, what):
    text = graph_text(e, path, what)
    if text is None:
        return None
    nodes, edges = parse_dot(text)
    by_text = edges_by_text(edges)
    for reply, (colour, reason) in want.items():
        if reply not in by_text:
            fail(what, f"no arrow has the tooltip {reply!r}")
            continue
        a = by_text[reply][2]
        if a.get("color") != colour:
            fail(what, f"{reply!r} is {a.get('color')}, want {colour}")
        if colour == RED and a.get("penwidth") != "2":
            fail(what, f"the red arrow of {reply!r} is not drawn thicker")
        if reason and reason not in a.get("label", "").replace("\n", " "):
            fail(what, f"{reply!r}: the label does not say {reason!r}: {a.get('label')!r}")
    return text, nodes, edges


def test_colours(args):
    e = Env(args.frontline)
    try:
        got = check_colours(e, KINDS, KINDS_WANT, "kinds")
        if not got:
            return
        text, nodes, edges = got
        if not re.search(r"^\s*rankdir=TB;", text, re.M):
            fail("kinds", "the graph is not laid out top to bottom by default")
        timeouts = [a for f, t, a in edges if a.get("style") == "dashed"]
        if len(timeouts) != 1 or timeouts[0].get("color") != RED:
            fail("kinds", f"the timeout (critical by default) is not one red dashed arrow: {timeouts}")
        elif timeouts[0].get("label") != "timeout\n20 s":
            fail("kinds", f"the timeout's label: {timeouts[0].get('label')!r}")
        # The node is known by its usual line, not by the conditional one before it.
        fix = nodes.get("fix", {})
        if fix.get("label") != "fix\nSo what happens now?":
            fail("kinds", f"node fix is not labelled with its usual line: {fix.get('label')!r}")
        if fix.get("tooltip") != "[if mood < 0] Well?\nSo what happens now?":
            fail("kinds", f"node fix's tooltip does not list its lines: {fix.get('tooltip')!r}")
        # Notes and better alternatives: short in the label, whole in the tooltip.
        by_text = edges_by_text(edges)
        canned = by_text.get("Thank you for your patience.", (0, 0, {}))[2]
        label, tip = canned.get("label", ""), canned.get("tooltip", "")
        if "note: A stock phrase to an\nangry…" not in label:
            fail("kinds", f"the canned reply's label has no short note: {label!r}")
        if "better: I'm sorry, that\nshouldn't…" not in label:
            fail("kinds", f"the canned reply's label has no short better: {label!r}")
        for whole in (
            "Trainer's note: A stock phrase to an angry customer sounds like nobody is "
            "listening at all.",
            "Better: I'm sorry, that shouldn't happen to a new kettle.",
        ):
            if whole not in tip.split("\n"):
                fail("kinds", f"the tooltip lacks {whole!r}: {tip!r}")
        good = by_text.get("I'm so sorry, Ruth, that's really annoying.", (0, 0, {}))[2]
        if "Trainer's note: Good start: the apology comes first & the feeling second." not in (
            good.get("tooltip", "")
        ):
            fail("kinds", f"the note on a good reply is not in its tooltip: {good}")
        gesture = by_text.get("I've refunded the 20 dollars delivery.", (0, 0, {}))[2]
        if gesture.get("label") != "gesture $20":
            fail("kinds", f"the gesture's label: {gesture.get('label')!r}")
        for f, t, a in edges:
            for line in a.get("label", "").split("\n"):
                if len(line) > EDGE_WIDTH + 1:
                    fail("kinds", f"{f} -> {t}: a label line of {len(line)} characters: {line!r}")
        dot_silent(text, "kinds")

        # Under a rubric that changes what is critical.
        with tempfile.TemporaryDirectory() as tmp:
            src = open(KINDS, encoding="utf-8").read()
            src = re.sub(r"(  <offer [^\n]*\n)", lambda m: m.group(1) + RUBRIC, src, count=1)
            path = os.path.join(tmp, "rubric.xml")
            with open(path, "w", encoding="utf-8") as f:
                f.write(src)
            want = {k: (RUBRIC_CHANGES.get(k, v[0]), None) for k, v in KINDS_WANT.items()}
            got = check_colours(e, path, want, "rubric")
            if got:
                dashed = [a for f, t, a in got[2] if a.get("style") == "dashed"]
                if [a.get("color") for a in dashed] != [ORANGE]:
                    fail("rubric", f"a timeout that is not critical is not orange: {dashed}")
                upsell = edges_by_text(got[2])["Have you thought about Kettle Care?"][2]
                if "upsell to an unhappy customer" not in upsell.get("label", "").replace("\n", " "):
                    fail("rubric", f"the upsell's label lost its reason: {upsell}")
    finally:
        e.close()


LEGEND_EN = [
    "<B>Legend</B>",
    "Arrows: what the reply does to the score, at worst",
    'BGCOLOR="red3"',
    "critical mistake: the conversation is not passed",
    "transfer",
    "familiar twice",
    "critical=&quot;yes&quot;",
    "goodwill over $30",
    "upsell while mood is below 0",
    'BGCOLOR="darkorange2"',
    "costs points",
    "canned, familiar",
    "upsell before the customer is pleased",
    'BGCOLOR="green4"',
    "earns points",
    "apology, empathy, plan, resolve",
    "upsell at a good moment",
    'BGCOLOR="gray45"',
    "neutral",
    "dashed: the time to reply ran out",
    "node: its id and the customer's usual line",
    "bold: where the conversation starts",
    "folded sheet: the trainee types the reply",
    '<TD BGCOLOR="palegreen">resolved</TD>',
    '<TD BGCOLOR="indianred1">lost</TD>',
]
LEGEND_RU = [
    "<B>Условные обозначения</B>",
    "Стрелки: как ответ влияет на оценку (в худшем случае)",
    "критическая ошибка: разговор не зачтён",
    "фамильярность дважды",
    "компенсация больше 30\u00a0$",
    "допродажа при настроении ниже 0",
    "снимает баллы",
    "допродажа, пока клиент ещё не доволен",
    "приносит баллы",
    "допродажа в удачный момент",
    "нейтрально",
    "пунктир: время на ответ вышло",
    "узел: его id и обычная реплика клиента",
    "жирная рамка: начало разговора",
    '<TD BGCOLOR="palegreen">решено</TD>',
    '<TD BGCOLOR="indianred1">клиент потерян</TD>',
]


def test_legend(args):
    for lang, settings, want, what in (
        ("C.UTF-8", None, LEGEND_EN, "legend en"),
        ("ru_RU.UTF-8", None, LEGEND_RU, "legend ru (locale)"),
        ("C.UTF-8", "ru", LEGEND_RU, "legend ru (settings)"),
        ("ru_RU.UTF-8", "en", LEGEND_EN, "legend en (settings)"),
    ):
        e = Env(args.frontline, lang, settings)
        try:
            text = graph_text(e, KINDS, what)
            if text is None:
                continue
            legend = legend_of(text)
            if legend is None:
                fail(what, "no legend node")
                continue
            for w in want:
                if w not in legend:
                    fail(what, f"the legend lacks {w!r}")
            svg = dot_silent(text, what)
            if svg and "#legend" not in svg:
                fail(what, "the legend is not drawn")
            if want is LEGEND_RU:
                nodes, edges = parse_dot(text)
                if not nodes.get("start", {}).get("label", "").startswith("start (начало)\n"):
                    fail(what, f"the start node: {nodes.get('start')}")
                if nodes.get("done", {}).get("label", "").split("\n")[1] != "решено":
                    fail(what, f"the ending's outcome is not in Russian: {nodes.get('done')}")
                labels = [a.get("label", "") for f, t, a in edges]
                for w in ("компенсация 20\u00a0$", "тайм-аут\n20 с", "допродажа слишком рано",
                          "комментарий: A stock\nphrase to an angry…"):
                    if not any(w in lab for lab in labels):
                        fail(what, f"no arrow label says {w!r}: {labels}")
                if "Комментарий тренера: A stock phrase" not in text:
                    fail(what, "the tooltips do not name the note in Russian")
        finally:
            e.close()


def leftovers(folder, keep):
    return sorted(set(os.listdir(folder)) - set(keep))


def test_svg(args):
    e = Env(args.frontline)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for out, extra in (("a.svg", []), ("b.out", ["--format", "svg"])):
                path = os.path.join(tmp, out)
                p = e.run(extra + ["-o", path, KINDS])
                if p.returncode != 0 or p.stderr:
                    fail(out, f"exit {p.returncode}: {p.stderr.decode(errors='replace')}")
                    continue
                svg = open(path, encoding="utf-8").read()
                if not svg.lstrip().startswith("<?xml") or "</svg>" not in svg:
                    fail(out, "not an SVG file")
                    continue
                titles = [html.unescape(t) for t in re.findall(r'xlink:title="([^"]*)"', svg)]
                want = ("Trainer's note: A stock phrase to an angry customer sounds like nobody "
                        "is listening at all.")
                if not any(want in t for t in titles):
                    fail(out, f"no tooltip carries the note: {titles[:5]}")
                if "Legend" not in html.unescape(svg):
                    fail(out, "no legend in the SVG")
                if 'stroke="#cd0000"' not in svg:
                    fail(out, "no red (red3) arrow in the SVG")
            left = leftovers(tmp, ["a.svg", "b.out"])
            if left:
                fail("svg", f"files left behind: {left}")
    finally:
        e.close()


def png_size(data):
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def region_pixels(png, x, y, r):
    """The RGB pixels of the square of radius r around (x, y) in the PNG file, by convert."""
    x0, y0 = max(0, int(x) - r), max(0, int(y) - r)
    p = subprocess.run(
        ["convert", png, "-crop", f"{2 * r + 1}x{2 * r + 1}+{x0}+{y0}", "+repage",
         "-background", "white", "-flatten", "-depth", "8", "rgb:-"],
        capture_output=True,
    )
    if p.returncode != 0:
        fail("convert", p.stderr.decode(errors="replace"))
        return []
    d = p.stdout
    return [tuple(d[i : i + 3]) for i in range(0, len(d) - 2, 3)]


def is_red(px):  # red3 is (205, 0, 0); the lost ending's indianred1 (255, 106, 106) is not
    r, g, b = px
    return r >= 150 and g <= 60 and b <= 60


def test_png(args):
    e = Env(args.frontline)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            png, svgp = os.path.join(tmp, "kinds.png"), os.path.join(tmp, "kinds.svg")
            p = e.run(["-o", png, KINDS])
            q = e.run(["-o", svgp, KINDS])
            if p.returncode or q.returncode:
                fail("png", f"exit {p.returncode}/{q.returncode}: {p.stderr!r} {q.stderr!r}")
                return
            data = open(png, "rb").read()
            size = png_size(data)
            if not size:
                fail("png", "not a PNG file")
                return
            svg = open(svgp, encoding="utf-8").read()
            # Map the SVG's points to the PNG's pixels: the graph group's translation, then the
            # scale between the two sizes.
            sw = float(re.search(r'<svg width="([\d.]+)pt"', svg).group(1))
            tx, ty = map(float, re.search(r'translate\(([-\d.]+) ([-\d.]+)\)', svg).groups())
            scale = size[0] / sw

            def px(x, y):
                return (x + tx) * scale, (y + ty) * scale

            # The legend's red bar: the polygon filled red3 inside the legend's group.
            legend = re.search(r"<title>#legend</title>(.*?)</g>", svg, re.S)
            bar = legend and re.search(r'<polygon fill="#cd0000"[^>]*points="([^"]*)"', legend.group(1))
            if not bar:
                fail("png", "no red bar in the legend's SVG")
            else:
                pts = [tuple(map(float, p.split(","))) for p in bar.group(1).split()]
                cx = sum(p[0] for p in pts) / len(pts)
                cy = sum(p[1] for p in pts) / len(pts)
                if not any(is_red(c) for c in region_pixels(png, *px(cx, cy), 3)):
                    fail("png", f"no red pixel at the legend's red bar ({px(cx, cy)})")
            # A red arrow: the transfer, start -> gone; a point on its curve.
            reds = paths = 0
            for m in re.finditer(r'<g id="edge\d+" class="edge">(.*?)</g>', svg, re.S):
                path = re.search(r'<path fill="none" stroke="#cd0000"[^>]*d="([^"]*)"', m.group(1))
                if not path:
                    continue
                paths += 1
                nums = list(map(float, re.findall(r"-?[\d.]+", path.group(1))))
                pts = list(zip(nums[0::2], nums[1::2]))
                x, y = pts[3] if len(pts) > 3 else pts[-1]  # the end of the first segment
                if any(is_red(c) for c in region_pixels(png, *px(x, y), 3)):
                    reds += 1
            # kinds.xml has 6 red arrows and the red timeout
            if paths != 7 or reds != paths:
                fail("png", f"{reds} of {paths} red arrows have red pixels where the SVG draws "
                     "them, want 7 of 7")
            # The start node's box is not red (the colour test would pass on an all-red image).
            start = re.search(r"<title>start</title>\s*<polygon[^>]*points=\"([^\"]*)\"", svg)
            if start:
                pts = [tuple(map(float, p.split(","))) for p in start.group(1).split()]
                cx = sum(p[0] for p in pts) / len(pts)
                cy = sum(p[1] for p in pts) / len(pts)
                if any(is_red(c) for c in region_pixels(png, *px(cx, cy), 2)):
                    fail("png", "the start node's middle is red")
            # A PNG to a pipe.
            p = e.run(["--format", "png", KINDS])
            if p.returncode != 0 or not png_size(p.stdout):
                fail("png stdout", f"exit {p.returncode}, {p.stdout[:8]!r}")
            # Top to bottom by default: a bundled scenario is taller for its width than left to
            # right, and one is taller than wide.
            tall = 0
            for rel in ("scenarios/en/tech-jargon.xml", "scenarios/ru/vozvrat-otkaz.xml",
                        "scenarios/en/refund-refused.xml"):
                src = os.path.join(args.root, rel)
                sizes = []
                for extra in ([], ["--rankdir", "LR"]):
                    out = os.path.join(tmp, "b.png")
                    p = e.run(extra + ["-o", out, src])
                    sizes.append(png_size(open(out, "rb").read()) if p.returncode == 0 else None)
                    if p.returncode:
                        fail(rel, f"exit {p.returncode}: {p.stderr.decode(errors='replace')}")
                if None in sizes:
                    continue
                (w, h), (lw, lh) = sizes
                print(f"{rel}: {w} x {h} top to bottom, {lw} x {lh} left to right")
                if h / w <= lh / lw:
                    fail(rel, f"top to bottom {w} x {h} is not taller for its width than {lw} x {lh}")
                tall += h > w
            if not tall:
                fail("png", "no bundled scenario is drawn taller than wide")
    finally:
        e.close()


def test_nodot(args):
    e = Env(args.frontline)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            empty = os.path.join(tmp, "bin")
            os.mkdir(empty)
            for extra, name in (([], "x.png"), (["--format", "svg"], "x.svg")):
                out = os.path.join(tmp, name)
                p = e.run(extra + ["-o", out, KINDS], env={"PATH": empty})
                err = p.stderr.decode(errors="replace")
                if p.returncode != 1:
                    fail("nodot", f"exit {p.returncode}, want 1")
                for w in ("graphviz", "apt-get install graphviz", "--format dot"):
                    if w not in err:
                        fail("nodot", f"the message does not say {w!r}: {err!r}")
                if os.path.exists(out):
                    fail("nodot", f"{name} was written")
            # An existing picture is left as it was.
            with open(out, "w") as f:
                f.write("old")
            e.run(["-o", out, KINDS], env={"PATH": empty})
            if open(out).read() != "old":
                fail("nodot", "an existing file was changed")
            left = leftovers(tmp, ["bin", "x.svg"])
            if left:
                fail("nodot", f"files left behind: {left}")
            # DOT text needs no Graphviz.
            p = e.run(["-o", os.path.join(tmp, "x.dot"), KINDS], env={"PATH": empty})
            if p.returncode != 0 or "digraph" not in open(os.path.join(tmp, "x.dot")).read():
                fail("nodot", f"the DOT text needs dot: exit {p.returncode}")
            # In Russian.
            ru = Env(args.frontline, "ru_RU.UTF-8")
            try:
                p = ru.run(["-o", os.path.join(tmp, "y.png"), KINDS], env={"PATH": empty})
                err = p.stderr.decode(errors="replace")
                if p.returncode != 1 or "Установите пакет graphviz" not in err:
                    fail("nodot ru", f"exit {p.returncode}: {err!r}")
            finally:
                ru.close()
    finally:
        e.close()


SLOW_DOT = """#!/bin/sh
cat > /dev/null
printf 'a start'
exec sleep 60
"""

FAKE_DOT = """#!/bin/sh
cat > /dev/null
printf 'half a picture' 
echo "Error: fake layout failure, line 3" >&2
exit 3
"""


def test_dotfail(args):
    e = Env(args.frontline)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            bindir = os.path.join(tmp, "bin")
            os.mkdir(bindir)
            fake = os.path.join(bindir, "dot")
            with open(fake, "w") as f:
                f.write(FAKE_DOT)
            os.chmod(fake, 0o755)
            out = os.path.join(tmp, "x.png")
            with open(out, "w") as f:
                f.write("old picture")
            p = e.run(["-o", out, KINDS], env={"PATH": bindir + ":/usr/bin:/bin"})
            err = p.stderr.decode(errors="replace")
            if p.returncode != 1:
                fail("dotfail", f"exit {p.returncode}, want 1")
            for w in ("exit status 3", "Error: fake layout failure, line 3"):
                if w not in err:
                    fail("dotfail", f"the message does not say {w!r}: {err!r}")
            if open(out).read() != "old picture":
                fail("dotfail", "the old file was replaced by a failed picture")
            left = leftovers(tmp, ["bin", "x.png"])
            if left:
                fail("dotfail", f"files left behind: {left}")

            # A dot that never finishes: stopped at --timeout, with a message, nothing written.
            slow = os.path.join(bindir, "dot")
            with open(slow, "w") as f:
                f.write(SLOW_DOT)
            os.chmod(slow, 0o755)
            t0 = time.monotonic()
            p = e.run(["--timeout", "2", "-o", out, KINDS], env={"PATH": bindir + ":/usr/bin:/bin"})
            took = time.monotonic() - t0
            err = p.stderr.decode(errors="replace")
            if p.returncode != 1 or "did not finish the layout in 2 s" not in err:
                fail("slow dot", f"exit {p.returncode}: {err!r}")
            if took > 20:
                fail("slow dot", f"stopped after {took:.1f} s, want about 2")
            if open(out).read() != "old picture":
                fail("slow dot", "the old file was replaced")
            left = leftovers(tmp, ["bin", "x.png"])
            if left:
                fail("slow dot", f"files left behind: {left}")
            p = e.run(["--timeout", "0", KINDS])
            if p.returncode != 2 or b"--timeout" not in p.stderr:
                fail("--timeout 0", f"exit {p.returncode}: {p.stderr!r}")

        # Standard output a terminal: svg and png are refused, with a hint to use -o.
        for fmt in ("png", "svg"):
            master, slave = pty.openpty()
            try:
                p = subprocess.run(
                    [e.frontline, "graph", "--format", fmt, KINDS],
                    stdout=slave, stderr=subprocess.PIPE, env=e.env, timeout=60,
                )
            finally:
                os.close(slave)
            os.set_blocking(master, False)
            try:
                shown = os.read(master, 65536)
            except OSError:
                shown = b""
            os.close(master)
            err = p.stderr.decode(errors="replace")
            if p.returncode != 2 or f"-o kinds.{fmt}" not in err:
                fail(f"terminal {fmt}", f"exit {p.returncode}: {err!r}")
            if shown:
                fail(f"terminal {fmt}", f"wrote {len(shown)} bytes to the terminal")
    finally:
        e.close()


def big_scenario(n_nodes):
    """A scenario of n_nodes nodes, three replies each, two endings: every kind of signal."""
    sigs = ["apology empathy", "canned", "plan", "transfer", "jargon", "ownership plan", "",
            "familiar", "resolve"]
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<scenario id="big" version="1" lang="en">',
        "<title>A big generated scenario</title><brief>b</brief><goal>g</goal>",
        '<customer name="Big" voice="female" avatar="woman-1">'
        '<start mood="0" patience="100" trust="50"/></customer>',
    ]
    for i in range(n_nodes):
        nid = "start" if i == 0 else f"n{i}"
        out.append(f'<node id="{nid}"><say emotion="calm">Line {i} of the customer, long enough '
                   "to wrap once or twice in its box.</say>")
        targets = [
            f"n{i + 1}" if i + 1 < n_nodes else "done",
            f"n{i + 2}" if i + 2 < n_nodes else "done",
            "lost" if i % 3 else "done",
        ]
        for k, t in enumerate(targets):
            s = sigs[(i * 3 + k) % len(sigs)]
            attr = f' signals="{s}"' if s else ""
            out.append(f'<reply to="{t}"{attr}>Reply {k} at node {i}.</reply>')
        out.append("</node>")
    out.append('<ending id="done" outcome="resolved"><say emotion="pleased">Thanks.</say></ending>')
    out.append('<ending id="lost" outcome="lost"><say emotion="angry">Bye.</say></ending>')
    out.append("</scenario>")
    return "\n".join(out)


def test_big(args):
    e = Env(args.frontline)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            src = os.path.join(tmp, "big.xml")
            with open(src, "w") as f:
                f.write(big_scenario(1000))
            t0 = time.monotonic()
            p = e.run([src])
            took = time.monotonic() - t0
            if p.returncode != 0 or p.stdout.count(b"->") != 3000:
                fail("big dot", f"exit {p.returncode}, {p.stdout.count(b'->')} arrows")
            print(f"DOT of 1,000 nodes: {took:.2f} s")
            if took > 10:
                fail("big dot", f"{took:.1f} s to write the DOT text")
            out = os.path.join(tmp, "big.svg")
            t0 = time.monotonic()
            p = e.run(["--timeout", "45", "-o", out, src])
            took = time.monotonic() - t0
            err = p.stderr.decode(errors="replace")
            print(f"SVG of 1,000 nodes: exit {p.returncode} in {took:.1f} s")
            if p.returncode == 0:
                if "</svg>" not in open(out, encoding="utf-8").read():
                    fail("big svg", "not a whole SVG")
            elif "did not finish the layout" not in err:
                fail("big svg", f"exit {p.returncode} without the slow-layout message: {err!r}")
            if p.returncode and os.path.exists(out):
                fail("big svg", "a failed picture left a file")
            left = leftovers(tmp, ["big.xml", "big.svg"])
            if left:
                fail("big svg", f"files left behind: {left}")
    finally:
        e.close()


TESTS = {
    "colours": test_colours,
    "legend": test_legend,
    "svg": test_svg,
    "png": test_png,
    "nodot": test_nodot,
    "dotfail": test_dotfail,
    "big": test_big,
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("test", choices=sorted(TESTS))
    args = ap.parse_args()
    if not shutil.which("dot"):
        print("FAIL Graphviz's dot is not installed (Debian package graphviz)")
        return 1
    if args.test == "png" and not shutil.which("convert"):
        print("FAIL ImageMagick's convert is not installed (Debian package imagemagick)")
        return 1
    TESTS[args.test](args)
    for f in failures:
        print("FAIL", f)
    print(f"graph {args.test}: {len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
