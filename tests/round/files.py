#!/usr/bin/env python3
"""The bundled rounds (scenarios/rounds) and `frontline lint` on round files, as a trainer meets
them:

  - at least two rounds per language (en, ru), each with a title in its language, a seed, and
    levels whose limits never grow;
  - each lints clean with --werror, the same from the project folder, from its own folder and by
    an absolute path from /, since a round's scenarios are relative to the round file;
  - a folder given to lint counts its round files with its scenarios;
  - a broken copy of a bundled round reports each problem once, at its line and column, in the
    JSON format, with exit status 1;
  - the complete example of the guide's "Stress rounds" chapter is monday-rush.xml, comments
    aside.

usage: files.py --frontline BIN --root SOURCE_DIR
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

CYRILLIC = re.compile("[\u0400-\u04FF]")
# The texts checked here are English: the locale and an empty settings folder say so, whatever
# the machine's own (a settings.json with "language": "ru" would make the commands speak Russian).
CONFIG = tempfile.TemporaryDirectory()
ENGLISH = dict(os.environ, LANG="C.UTF-8", LC_ALL="", LC_MESSAGES="", XDG_CONFIG_HOME=CONFIG.name)


def lint(frontline, args, cwd):
    p = subprocess.run([frontline, "lint", *args], cwd=cwd, capture_output=True, text=True,
                       timeout=60, env=ENGLISH)
    return p.returncode, p.stdout, p.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    a = ap.parse_args()
    root = os.path.abspath(a.root)
    a.frontline = os.path.abspath(a.frontline)  # lint runs from several working folders
    failures = []
    rounds = sorted(glob.glob(os.path.join(root, "scenarios/rounds/*.xml")))
    per_lang = {"en": 0, "ru": 0}

    for path in rounds:
        name = os.path.relpath(path, root)
        r = ET.parse(path).getroot()
        if r.tag != "round":
            failures.append(f"{name}: the root element is <{r.tag}>, not <round>")
            continue
        lang = r.get("lang")
        per_lang[lang] = per_lang.get(lang, 0) + 1
        title = (r.findtext("title") or "").strip()
        if not title or (lang == "ru") != bool(CYRILLIC.search(title)):
            failures.append(f"{name}: the title {title!r} is not in the round's language {lang}")
        if r.find("customers") is None or r.find("customers").get("seed") is None:
            failures.append(f"{name}: no seed")
        limits = [int(lv.get("limit")) for lv in r.iter("level")]
        if len(limits) < 2 or any(b > x for x, b in zip(limits, limits[1:])):
            failures.append(f"{name}: levels {limits} do not tighten")

        # Clean with --werror, whatever the working folder.
        for cwd, arg in ((root, name), (os.path.dirname(path), os.path.basename(path)),
                         ("/", path)):
            rc, out, err = lint(a.frontline, ["--werror", "--format", "json", arg], cwd)
            doc = json.loads(out) if out.startswith("{") else None
            if rc != 0 or err or not doc or doc["files"] != 1 or doc["diagnostics"]:
                failures.append(f"{name} from {cwd}: exit {rc}, {out.strip()} {err.strip()}")
    for lang, n in sorted(per_lang.items()):
        if n < 2:
            failures.append(f"scenarios/rounds: {n} round(s) in {lang}, at least 2 wanted")

    # A folder counts its rounds with its scenarios.
    want = len(glob.glob(os.path.join(root, "scenarios/**/*.xml"), recursive=True))
    rc, out, err = lint(a.frontline, ["--format", "json", "scenarios"], root)
    doc = json.loads(out)
    if doc["files"] != want:
        failures.append(f"lint scenarios/ checked {doc['files']} files, the folder has {want}")
    if any(d["file"].startswith("scenarios/rounds/") for d in doc["diagnostics"]):
        failures.append(f"lint scenarios/ found problems in the rounds: {doc['diagnostics']}")

    # A broken copy of monday-rush, beside a link to the English scenarios as in the project.
    with tempfile.TemporaryDirectory() as tmp:
        os.symlink(os.path.join(root, "scenarios/en"), os.path.join(tmp, "en"))
        os.mkdir(os.path.join(tmp, "rounds"))
        text = open(os.path.join(root, "scenarios/rounds/monday-rush.xml"),
                    encoding="utf-8").read()
        broken = (text.replace('tag="complaint"', 'tag="complaints"')
                  .replace('<level limit="20" every="35"/>', '<level limit="26" every="35"/>')
                  .replace('refund-refused.xml', 'refund-refused.xm'))
        lines = broken.split("\n")
        where = {key: i + 1 for i, l in enumerate(lines)
                 for key in ("complaints", 'limit="26"', "refused.xm")
                 if key in l}
        copy = os.path.join(tmp, "rounds", "broken.xml")
        with open(copy, "w", encoding="utf-8") as f:
            f.write(broken)
        rc, out, err = lint(a.frontline, ["--format", "json", "rounds/broken.xml"], tmp)
        doc = json.loads(out)
        got = [(d["line"], d["severity"], d["rule"]) for d in doc["diagnostics"]]
        expected = [(where["complaints"], "error", "round-tag-matches"),
                    (where["refused.xm"], "error", "round-path-exists"),
                    (where['limit="26"'], "warning", "round-tighten")]
        if rc != 1 or sorted(got) != sorted(expected) or doc["errors"] != 2 \
                or doc["warnings"] != 1:
            failures.append(f"the broken round: exit {rc}, got {got}, expected {expected}")
        for d in doc["diagnostics"]:
            if d["file"] != "rounds/broken.xml" or not d["column"] or not d["message"]:
                failures.append(f"the broken round: incomplete diagnostic {d}")
        if not any("did you mean 'complaint'?" in d["message"] for d in doc["diagnostics"]):
            failures.append("the broken round: no suggestion of the tag 'complaint'")
        if not any("did you mean 'refund-refused.xml'?" in d["message"]
                   for d in doc["diagnostics"]):
            failures.append("the broken round: no suggestion of the file 'refund-refused.xml'")

    # The guide's example is the bundled file (comments and layout aside).
    guide = open(os.path.join(root, "scenarios/README.md"), encoding="utf-8").read()
    chapter = guide[guide.find("## Stress rounds"):]
    m = re.search(r"^```xml\n(.*?)^```", chapter, re.S | re.M)
    if not m:
        failures.append("scenarios/README.md: no example in the chapter 'Stress rounds'")
    else:
        def canon(text):
            return ET.canonicalize(text, with_comments=False, strip_text=True)
        bundled = open(os.path.join(root, "scenarios/rounds/monday-rush.xml"),
                       encoding="utf-8").read()
        strip = lambda t: re.sub(r"^<\?xml[^>]*\?>", "", t.strip())
        if canon(strip(m.group(1))) != canon(strip(bundled)):
            failures.append("the guide's example of a round differs from "
                            "scenarios/rounds/monday-rush.xml")

    for f in failures:
        print("FAIL:", f)
    print(f"{len(rounds)} bundled rounds checked ({per_lang}); "
          f"{1 if not failures else 0} passed, {1 if failures else 0} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
