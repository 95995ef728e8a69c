#!/usr/bin/env python3
"""Checks `frontline graph` on every bundled scenario, and on a file made to break escaping.

For each scenario in scenarios/en and scenarios/ru: `frontline graph FILE` exits 0, prints the
same graph twice, and Graphviz (`dot -Tsvg`) accepts it silently. Then the structure, against the
XML read with xml.etree: one edge per <reply>, <route>, <fallback> and <timeout>, between the
same nodes; every node and ending drawn; every ending filled with its outcome's colour (in the
DOT and in the SVG dot made of it) and named by its outcome; the title as the graph's label,
UTF-8 unchanged.

The escaping file puts quotes, backslashes, '&', '<', entities, Cyrillic, a character outside
the BMP and line breaks in the title, a customer line, a route's patterns, a note and a better
alternative: dot must accept the graph silently and show (or, for the tooltips, keep) each text
as written.

Also: a missing file exits 1 naming the file, --help exits 0, an unknown option exits 2.
Runs in English (LANG, LC_ALL and an empty settings folder), the language of the words checked.

usage: check.py --frontline PATH --root SOURCE_DIR
Standard library only.
"""
import argparse
import collections
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

from dot import parse_dot, unquote

# Outcome -> the fill colour graph.c gives an ending, and that colour in SVG (dot keeps the names
# SVG knows and writes the others in hex).
# The ending's outcome as the English catalogue names it in the ending's label.
OUTCOME_WORD = {
    "resolved": "resolved",
    "partly": "partly resolved",
    "escalated": "escalated",
    "lost": "lost",
}

FILL = {
    "resolved": ("palegreen", "#98fb98"),
    "partly": ("gold", "#ffd700"),
    "escalated": ("orange", "#ffa500"),
    "lost": ("indianred1", "#ff6a6a"),
}

failures = []


def fail(what, msg):
    failures.append(f"{what}: {msg}")


def dot_escape(s):
    """How graph.c writes a string inside DOT quotes (no newline or entity in these tests)."""
    return s.replace("\\", "\\\\").replace('"', '\\"')


def norm(s):
    return " ".join((s or "").split())


ENV = dict(os.environ)


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, env=ENV, **kw)


def svg_nodes(svg):
    """Returns {node id: fill of its first shape} from dot's SVG."""
    out = {}
    for m in re.finditer(
        r'<g id="node\d+" class="node">\s*<title>([^<]*)</title>(.*?)</g>', svg, re.S
    ):
        fill = re.search(r'<(?:polygon|ellipse|path)[^>]*fill="([^"]*)"', m.group(2))
        out[html.unescape(m.group(1))] = fill.group(1) if fill else None
    return out


def check_scenario(frontline, root_dir, path):
    name = os.path.relpath(path, root_dir)
    root = ET.parse(path).getroot()
    p = run([frontline, "graph", path])
    if p.returncode != 0:
        fail(name, f"exit {p.returncode}: {p.stderr.decode(errors='replace')}")
        return
    dot_src = p.stdout.decode("utf-8")
    if run([frontline, "graph", path]).stdout != p.stdout:
        fail(name, "two runs printed different graphs")
    d = run(["dot", "-Tsvg"], input=p.stdout)
    if d.returncode != 0 or d.stderr.strip():
        fail(name, f"dot exit {d.returncode}: {d.stderr.decode(errors='replace').strip()}")
        return
    svg = d.stdout.decode("utf-8")

    if 'charset="UTF-8"' not in dot_src:
        fail(name, 'no charset="UTF-8"')
    title = norm(root.findtext("title"))
    if f'label="{dot_escape(title)}"' not in dot_src:
        fail(name, f"the title {title!r} is not the graph's label, unchanged")
    if html.escape(title, quote=True) not in svg and title not in html.unescape(svg):
        fail(name, "the title does not reach the SVG")

    nodes, edges = parse_dot(dot_src, raw=True)
    arrow_lines = sum(1 for line in dot_src.splitlines() if "->" in line)
    want = collections.Counter()
    for el in root:
        if el.tag not in ("node", "ending"):
            continue
        nid = el.get("id")
        for sub in el.iter():
            if sub.tag in ("reply", "route", "fallback", "timeout"):
                want[(nid, sub.get("to"))] += 1
        if nid not in nodes:
            fail(name, f"{el.tag} '{nid}' is not drawn")
            continue
        label = unquote(nodes[nid].get("label", ""))
        if not label.split("\n")[0].startswith(nid):
            fail(name, f"{el.tag} '{nid}': label does not start with its id: {label!r}")
        if el.tag == "ending":
            outcome = el.get("outcome")
            fill, svg_fill = FILL[outcome]
            if nodes[nid].get("fillcolor") != fill or "filled" not in nodes[nid].get("style", ""):
                fail(name, f"ending '{nid}' ({outcome}) is not filled with {fill}: {nodes[nid]}")
            if OUTCOME_WORD[outcome] not in label.split("\n"):
                fail(name, f"ending '{nid}': the label does not name its outcome {outcome}")
            if svg_nodes(svg).get(nid) not in (fill, svg_fill):
                fail(name, f"ending '{nid}' ({outcome}) is not {svg_fill} in the SVG")
    total = sum(want.values())
    if len(edges) != total or arrow_lines != total:
        fail(name, f"{len(edges)} edges ({arrow_lines} '->' lines), want {total}")
    got = collections.Counter((f, t) for f, t, _ in edges)
    if got != want:
        fail(name, f"edges differ from the XML: extra {got - want}, missing {want - got}")
    svg_edges = len(re.findall(r'class="edge"', svg))
    if svg_edges != total:
        fail(name, f"dot drew {svg_edges} edges, want {total}")
    timeouts = sum(1 for _ in root.iter("timeout"))
    dashed = [
        (f, t)
        for f, t, a in edges
        if a.get("style") == "dashed" and unquote(a.get("label", "")).split("\n")[0] == "timeout"
    ]
    if len(dashed) != timeouts:
        fail(name, f"{len(dashed)} dashed edges labelled timeout, want {timeouts}")


# A scenario whose strings need every kind of escaping, in Cyrillic, with a line to shorten.
HOSTILE = """<?xml version="1.0" encoding="UTF-8"?>
<scenario id="escape-test" version="1" lang="ru">
  <title>Кавычки "двойные" \\N обратная\\косая &amp;amp; Q&amp;A</title>
  <brief>b</brief>
  <goal>g</goal>
  <customer name="Тест" voice="female" avatar="woman-1">
    <start mood="0" patience="50" trust="50"/>
  </customer>
  <node id="start">
    <say emotion="calm">Он сказал: «нет\\n» и "да" &amp;lt; — ёжик 𝄞 длинная строка, которую надо обрезать где-то здесь</say>
    <input placeholder="x">
      <route to="done" match="привет мир | hello" signals="apology">
        <note>Скажите "спасибо" &lt;громко&gt; &amp; чётко: \\ &amp;amp; конец</note>
        <better>А&lt;Б "В"</better>
      </route>
      <fallback to="done"/>
    </input>
  </node>
  <ending id="done" outcome="resolved">
    <say emotion="calm">Спасибо.</say>
  </ending>
</scenario>
"""


def check_escaping(frontline, tmp):
    name = "escaping"
    path = os.path.join(tmp, "escape-test.xml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(HOSTILE)
    p = run([frontline, "graph", path])
    if p.returncode != 0:
        fail(name, f"exit {p.returncode}: {p.stderr.decode(errors='replace')}")
        return
    d = run(["dot", "-Tsvg"], input=p.stdout)
    if d.returncode != 0 or d.stderr.strip():
        fail(name, f"dot exit {d.returncode}: {d.stderr.decode(errors='replace').strip()}")
        return
    svg = d.stdout.decode()
    texts = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    title = 'Кавычки "двойные" \\N обратная\\косая &amp; Q&A'
    say = 'Он сказал: «нет\\n» и "да" &lt; — ёжик 𝄞 длинная строка, которую надо обрезать где-то здесь'
    for want in (title, '"привет мир" | …'):
        if want not in texts:
            fail(name, f"{want!r} is not shown as written; the SVG shows {texts}")
    # The customer's line: wrapped into at most 3 lines of at most 28 characters, cut with "…";
    # the lines, joined, are the start of the text as written.
    i = texts.index("start (start)") if "start (start)" in texts else -1
    if i < 0 or not texts[i + 1 :]:
        fail(name, f"the start node's lines are missing: {texts}")
        return
    lines = []
    for t in texts[i + 1 :]:
        lines.append(t)
        if t.endswith("…"):
            break
    shown = " ".join(lines)
    if len(lines) > 3 or any(len(t) > 29 for t in lines) or not shown.endswith("…"):
        fail(name, f"the customer's line is not wrapped and cut: {lines}")
    elif not say.startswith(shown[:-1].rstrip()):
        fail(name, f"the customer's line is not shown as written: {shown!r}")
    titles = [html.unescape(t) for t in re.findall(r'<a xlink:title="([^"]*)"', svg)]
    note = 'Скажите "спасибо" <громко> & чётко: \\ &amp; конец'
    if not any(note in t and 'А<Б "В"' in t for t in titles):
        fail(name, f"the note and better alternative are not whole in a tooltip: {titles}")


def main():
    settings = tempfile.mkdtemp()
    try:
        return check_all(settings)
    finally:
        shutil.rmtree(settings, ignore_errors=True)


def check_all(settings):
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    args = ap.parse_args()
    # no settings.json in the settings folder: the language is the locale's, English
    ENV.update({"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "XDG_CONFIG_HOME": settings})
    ENV.pop("LC_MESSAGES", None)
    if not shutil.which("dot"):
        print("FAIL Graphviz's dot is not installed (Debian package graphviz)")
        return 1

    files = []
    for lang in ("en", "ru"):
        folder = os.path.join(args.root, "scenarios", lang)
        files += [os.path.join(folder, f) for f in sorted(os.listdir(folder)) if f.endswith(".xml")]
    if not files:
        fail("bundled", "no scenarios found")
    for path in files:
        check_scenario(args.frontline, args.root, path)

    with tempfile.TemporaryDirectory() as tmp:
        check_escaping(args.frontline, tmp)
        missing = os.path.join(tmp, "no-such-scenario.xml")
        p = run([args.frontline, "graph", missing])
        err = p.stderr.decode(errors="replace")
        if p.returncode != 1 or missing not in err:
            fail("missing file", f"exit {p.returncode}, stderr {err!r}")
        if p.stdout:
            fail("missing file", "printed a graph")

    p = run([args.frontline, "graph", "--help"])
    if p.returncode != 0 or b"usage: frontline graph" not in p.stdout:
        fail("--help", f"exit {p.returncode}")
    p = run([args.frontline, "graph", "--no-such-option", files[0] if files else "x.xml"])
    if p.returncode != 2:
        fail("unknown option", f"exit {p.returncode}")

    for f in failures:
        print("FAIL", f)
    print(f"{len(files)} scenarios drawn: {len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
