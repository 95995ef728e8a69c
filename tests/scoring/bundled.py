#!/usr/bin/env python3
"""Every bundled scenario has a passing path and a path that fails on each of its critical mistakes.

  bundled.py --frontline BIN --root SRC

For each scenario in scenarios/en and scenarios/ru: the explorer's best path, played with
`frontline play --script`, passes; and for every critical mistake the scenario can make (a reply
carrying `transfer` or `rude`, a gesture over the goodwill budget, a timeout in a timed
scenario, an ending with outcome `lost`), the best path through it (`explore --through NODE:N
--script best`) is played and must fail with that mistake among its critical ones: no
politeness elsewhere makes up for it. Prints one line per check that failed and a summary.
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET


def run(cmd, cwd):
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def critical_spots(xml):
    """(through, mistake) pairs: the replies, timeouts and endings of each critical mistake."""
    root = ET.parse(xml).getroot()
    budget = None
    g = root.find("goodwill")
    if g is not None:
        budget = int(g.get("budget"))
    timed = root.find("timing") is not None or any(
        n.get("reply-seconds") for n in root.iter("node"))
    lost_endings = {e.get("id") for e in root.iter("ending") if e.get("outcome") == "lost"}
    spots = []
    for node in root.iter("node"):
        nid = node.get("id")
        replies = [r for r in node if r.tag == "reply"]
        inp = node.find("input")
        if inp is not None:
            replies = [r for r in inp if r.tag in ("route", "fallback")]
        for i, r in enumerate(replies, 1):
            sig = (r.get("signals") or "").split()
            if "transfer" in sig and "handoff" not in sig:
                spots.append((f"{nid}:{i}", "transfer"))
            if "rude" in sig:
                spots.append((f"{nid}:{i}", "rude"))
            if budget is not None and int(r.get("gesture") or 0) > budget:
                spots.append((f"{nid}:{i}", "over-budget"))
            if r.get("to") in lost_endings:
                spots.append((f"{nid}:{i}", "lost"))
        if timed and node.find("timeout") is not None:
            spots.append((f"{nid}:timeout", "timeout"))
    return spots


def play(binary, script_text, rel, root):
    with tempfile.NamedTemporaryFile("w", suffix=".script", delete=False) as f:
        f.write(script_text)
        path = f.name
    try:
        rc, out, err = run([binary, "play", "--no-store", "--script", path, rel], root)
    finally:
        os.unlink(path)
    return rc, (json.loads(out) if out.strip() else None), err


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    a = ap.parse_args()
    root = os.path.abspath(a.root)
    binary = os.path.abspath(a.frontline)
    failures, checks = [], 0
    for lang in ("en", "ru"):
        for xml in sorted(glob.glob(os.path.join(root, "scenarios", lang, "*.xml"))):
            rel = os.path.relpath(xml, root)
            rc, script, err = run([binary, "explore", "--script", "best", rel], root)
            _, doc, err = play(binary, script, rel, root)
            checks += 1
            if not doc or not doc["passed"]:
                failures.append(f"{rel}: the best path does not pass")
            for through, mistake in critical_spots(xml):
                rc, script, err = run([binary, "explore", "--through", through, "--script",
                                       "best", rel], root)
                if rc == 1 and "no path" in (err + script).lower():
                    continue  # a reply no path can take (a condition closes it): nothing to fail
                if rc != 0:
                    failures.append(f"{rel}: explore --through {through}: exit {rc}: {err.strip()}")
                    continue
                _, doc, err = play(binary, script, rel, root)
                checks += 1
                if not doc:
                    failures.append(f"{rel}: the best path through {through} does not play: {err}")
                elif doc["passed"] or doc["overall"] >= 70:
                    failures.append(f"{rel}: the best path through {through} ({mistake}) passes "
                                    f"with {doc['overall']}")
                elif mistake not in doc["critical"]:
                    failures.append(f"{rel}: the best path through {through} fails without "
                                    f"'{mistake}' among its critical mistakes {doc['critical']}")
    for f in failures:
        print("FAIL:", f)
    print(f"bundled: {checks} paths checked")
    print(f"{checks - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
