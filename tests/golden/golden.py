#!/usr/bin/env python3
"""Golden playthroughs: the best and the worst path of every bundled scenario.

  golden.py --frontline BIN --root SRC check    compare with the committed files
  golden.py --frontline BIN --root SRC update   rewrite them (then review `git diff`)

For each scenario in scenarios/en and scenarios/ru, `frontline explore --script best|worst`
gives the path as a script (tests/golden/<lang>/<name>.<best|worst>.script) and
`frontline play --script` plays it into one JSON document (<name>.<best|worst>.json). A change
to the engine, the scoring or a scenario that moves a score shows up as a diff of these files,
which a reviewer reads. `check` also asserts that:
  - the explorer still finds the same best and worst paths (the scripts are unchanged),
  - the JSON's overall score is the one the explorer reports for that path,
  - playing the same script twice gives byte-identical JSON (determinism),
  - the survey agrees with the score: a resolved path of 95 or more is a promoter (NPS 9-10), a
    lost customer a detractor (0-6); the best path passes; no path with a critical mistake does.
Paths are given relative to SRC, so the files do not depend on where the tree lives.
"""
import argparse
import difflib
import glob
import json
import os
import subprocess
import sys


def run(cmd, cwd):
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("mode", choices=["check", "update"])
    a = ap.parse_args()
    root = os.path.abspath(a.root)
    binary = os.path.abspath(a.frontline)
    here = os.path.join(root, "tests", "golden")
    failures = []
    count = 0
    for lang in ("en", "ru"):
        for xml in sorted(glob.glob(os.path.join(root, "scenarios", lang, "*.xml"))):
            rel = os.path.relpath(xml, root)
            name = os.path.splitext(os.path.basename(xml))[0]
            os.makedirs(os.path.join(here, lang), exist_ok=True)
            rc, ex, err = run([binary, "explore", "--format", "json", rel], root)
            if rc != 0:
                failures.append(f"{rel}: explore exit {rc}: {err}")
                continue
            report = json.loads(ex)
            for which in ("best", "worst"):
                count += 1
                base = os.path.join(here, lang, f"{name}.{which}")
                rc, script, err = run([binary, "explore", "--script", which, rel], root)
                if rc != 0:
                    failures.append(f"{rel}: explore --script {which} exit {rc}: {err}")
                    continue
                if a.mode == "update":
                    open(base + ".script", "w", encoding="utf-8").write(script)
                elif not os.path.exists(base + ".script"):
                    failures.append(f"{base}.script is missing: run update")
                    continue
                committed = open(base + ".script", encoding="utf-8").read()
                if committed != script:
                    failures.append(f"{rel}: the {which} path changed:\n" + "".join(
                        difflib.unified_diff(committed.splitlines(True), script.splitlines(True),
                                             base + ".script", "explore --script " + which)))
                rc, out1, err = run([binary, "play", "--script", base + ".script", rel], root)
                if rc != 0:
                    failures.append(f"{rel}: play --script {which} exit {rc}: {err}")
                    continue
                rc2, out2, _ = run([binary, "play", "--script", base + ".script", rel], root)
                if out1 != out2 or rc2 != rc:
                    failures.append(f"{rel}: the same script played twice gave different JSON")
                doc = json.loads(out1)
                if doc["overall"] != report[which]["overall"]:
                    failures.append(f"{rel}: {which} path scores {doc['overall']} when played, "
                                    f"{report[which]['overall']} in the explorer")
                if not doc["ending"]["finished"]:
                    failures.append(f"{rel}: the {which} path does not reach an ending")
                # The survey agrees with the score (scoring.md): a resolved best path of 95 or
                # more makes a promoter, a lost customer a detractor; a pass means no critical
                # mistake, and a critical mistake means no pass.
                sv, outcome = doc["survey"], doc["ending"]["outcome"]
                if outcome == "resolved" and doc["overall"] >= 95 and not 9 <= sv["nps"] <= 10:
                    failures.append(f"{rel}: {which} path scores {doc['overall']} resolved, but "
                                    f"the customer's NPS answer is {sv['nps']} (not a promoter)")
                if outcome == "lost" and sv["nps"] > 6:
                    failures.append(f"{rel}: {which} path loses the customer, whose NPS answer "
                                    f"is {sv['nps']} (not a detractor)")
                if which == "best" and not doc["passed"]:
                    failures.append(f"{rel}: the best path does not pass")
                if doc["critical"] and (doc["passed"] or doc["overall"] >= 70):
                    failures.append(f"{rel}: {which} path passes with a critical mistake")
                if a.mode == "update":
                    open(base + ".json", "w", encoding="utf-8").write(out1)
                    continue
                if not os.path.exists(base + ".json"):
                    failures.append(f"{base}.json is missing: run update")
                    continue
                golden = open(base + ".json", encoding="utf-8").read()
                if golden != out1:
                    failures.append(f"{rel}: the {which} playthrough differs from the golden file:\n"
                                    + "".join(difflib.unified_diff(
                                        golden.splitlines(True), out1.splitlines(True),
                                        base + ".json", "frontline play --script")))
    for f in failures:
        print("FAIL:", f)
    print(f"golden: {count} playthroughs, {len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
