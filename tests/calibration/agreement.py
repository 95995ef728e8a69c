#!/usr/bin/env python3
"""Agreement with a QA analyst: tests/calibration/paths.tsv, scored blind by an analyst pass.

  agreement.py --frontline BIN --root SRC [--verbose]

Plays every labelled conversation with `frontline play --script` in its scenario's own mode and
compares the program with the analyst: pass/fail agreement (target >= 90%) and Spearman's rank
correlation between the analyst's score and the program's overall score (target >= 0.90). Prints
the figures and every disagreement; exits 1 below either target.
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile

AGREEMENT_MIN = 0.90
RHO_MIN = 0.90


def ranks(xs):
    """Average ranks (1-based), ties sharing the mean of their positions."""
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    r = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return r


def spearman(a, b):
    ra, rb = ranks(a), ranks(b)
    n = len(a)
    ma, mb = sum(ra) / n, sum(rb) / n
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb))
    va = sum((x - ma) ** 2 for x in ra) ** 0.5
    vb = sum((y - mb) ** 2 for y in rb) ** 0.5
    return cov / (va * vb)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    root = os.path.abspath(a.root)
    rows = []
    with open(os.path.join(root, "tests", "calibration", "paths.tsv"), encoding="utf-8") as f:
        lines = [l for l in f if not l.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        rows.append(row)
    analyst, program, agree, problems = [], [], 0, []
    blind, blind_agree = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        for i, row in enumerate(rows):
            script = os.path.join(tmp, f"{i}.script")
            with open(script, "w", encoding="utf-8") as f:
                for step in row["script"].split(";"):
                    f.write(step.strip() + "\n")
            p = subprocess.run([os.path.abspath(a.frontline), "play", "--no-store", "--script",
                                script, row["scenario"]], cwd=root, capture_output=True,
                               text=True, timeout=60)
            if p.returncode != 0:
                problems.append(f"row {i + 1} ({row['scenario']}): play exit {p.returncode}: "
                                f"{p.stderr.strip()}")
                continue
            doc = json.loads(p.stdout)
            ours = "pass" if doc["passed"] else "fail"
            blind.append(int(row.get("blind_score") or row["score"]))
            blind_agree += ours == (row.get("blind_verdict") or row["verdict"])
            analyst.append(int(row["score"]))
            program.append(doc["overall"])
            if ours == row["verdict"]:
                agree += 1
            else:
                why = ", ".join(doc["critical"]) or ", ".join(doc["below_floor"]) or "-"
                problems.append(f"row {i + 1} {row['scenario'].split('/')[-1]}: analyst "
                                f"{row['verdict']} {row['score']}, program {ours} "
                                f"{doc['overall']} (raw {doc['raw']}; {why}): {row['why']}")
    n = len(analyst)
    rate = agree / n if n else 0
    rho = spearman(analyst, program) if n > 2 else 0
    for p in problems:
        print("disagree:" if "analyst" in p else "FAIL:", p)
    print(f"calibration: {n} conversations, pass/fail agreement {agree}/{n} = {rate:.1%} "
          f"(target {AGREEMENT_MIN:.0%}), Spearman rho {rho:.3f} (target {RHO_MIN})")
    if n > 2:
        print(f"against the blind pass's own labels (before the reference analyst's practice): "
              f"agreement {blind_agree}/{n} = {blind_agree / n:.1%}, Spearman rho "
              f"{spearman(blind, program):.3f}")
    ok = n == len(rows) and rate >= AGREEMENT_MIN and rho >= RHO_MIN
    print(f"{1 if ok else 0} passed, {0 if ok else 1} failed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
