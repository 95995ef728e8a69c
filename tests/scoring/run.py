#!/usr/bin/env python3
"""Scoring tests as data: a scenario, a script, the expected JSON, and the relations it shows.

  run.py --frontline BIN --root SRC check     play every case, compare, check the relations
  run.py --frontline BIN --root SRC update    rewrite the .json files (then review `git diff`)

Each case is tests/scoring/cases/NAME.script, played with `frontline play --script` against
the scenario its header names (`# scenario: FILE`, relative to the cases folder, default
NAME.xml; a bundled one as ../../../scenarios/en/late-delivery.xml). `# untimed` plays it
untimed. The whole JSON document must equal NAME.json byte for byte (so a change in a score is a
reviewed diff), and every `# expect: PATH OP VALUE` line must hold, where PATH is a dotted path
into the JSON (`overall`, `dimensions.tone.score`, `findings.0.rule`, `survey.nps`), OP one of
== != < <= > >= contains lacks, and VALUE JSON (`true`, `null`, `70`, `"transfer"`). The
relations are what a trainer would check; the JSON keeps the rest from drifting unseen.

On a list of findings, PATH can also say `rules` (their rule ids), `critical_rules` (those of
the critical ones), `dimensions` (their dimensions: `findings.dimensions lacks "apology"` means no
finding about Apology), `@RULE` (the first finding of that rule, null when there is none:
`findings.@transfer.points`) and `#RULE` (how many findings of that rule: `findings.#transfer
== 1`); `#` alone is the length of any list. `contains` and `lacks` also test a substring of a
string (`findings.@over-budget.message contains "21 EUR"`), and `> ""` says a string is not
empty (and not null).

`# round: FILE` plays the script as a stress round (`play --round FILE --script`, FILE relative
to the cases folder) and compares that document. `# fails: LINE WORDS` says the script is
refused: play exits 1 with `NAME.script:LINE: ...WORDS...` on stderr and prints nothing (no
NAME.json; the relations are not read).
"""
import argparse
import json
import os
import subprocess
import sys

OPS = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a is not None and a < b,
    "<=": lambda a, b: a is not None and a <= b,
    ">": lambda a, b: a is not None and a > b,
    ">=": lambda a, b: a is not None and a >= b,
    "contains": lambda a, b: isinstance(a, list) and b in a
    or isinstance(a, str) and isinstance(b, str) and b in a,
    "lacks": lambda a, b: isinstance(a, list) and b not in a
    or isinstance(a, str) and isinstance(b, str) and b not in a,
}


def get(doc, path):
    cur = doc
    for part in path.split("."):
        if isinstance(cur, list):
            if part == "rules":  # findings.rules: the list of rule ids
                cur = [f["rule"] for f in cur]
                continue
            if part == "critical_rules":
                cur = [f["rule"] for f in cur if f.get("critical")]
                continue
            if part == "dimensions":  # findings.dimensions: the dimension of each finding
                cur = [f["dimension"] for f in cur]
                continue
            if part == "#":  # the length of the list
                cur = len(cur)
                continue
            if part.startswith("#"):  # findings.#RULE: how many findings of that rule
                cur = sum(1 for f in cur if isinstance(f, dict) and f.get("rule") == part[1:])
                continue
            if part.startswith("@"):  # findings.@RULE: the first finding of that rule, or null
                cur = next((f for f in cur if isinstance(f, dict) and f.get("rule") == part[1:]),
                           None)
                continue
            i = int(part)
            cur = cur[i] if -len(cur) <= i < len(cur) else None
        elif isinstance(cur, dict):
            cur = cur.get(part)
        else:
            return None
    return cur


def header(script):
    meta = {"expect": [], "untimed": False, "scenario": None, "round": None, "fails": None}
    for line in script.splitlines():
        s = line.strip()
        if s.startswith("# expect:"):
            meta["expect"].append(s[len("# expect:"):].strip())
        elif s.startswith("# scenario:"):
            meta["scenario"] = s[len("# scenario:"):].strip()
        elif s == "# untimed":
            meta["untimed"] = True
        elif s.startswith("# round:"):
            meta["round"] = s[len("# round:"):].strip()
        elif s.startswith("# fails:"):
            line, _, words = s[len("# fails:"):].strip().partition(" ")
            meta["fails"] = (int(line), words.strip())
    return meta


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("mode", choices=["check", "update"])
    a = ap.parse_args()
    here = os.path.join(os.path.abspath(a.root), "tests", "scoring", "cases")
    binary = os.path.abspath(a.frontline)
    failures, checked, relations = [], 0, 0
    for name in sorted(f[:-7] for f in os.listdir(here) if f.endswith(".script")):
        path = os.path.join(here, name + ".script")
        meta = header(open(path, encoding="utf-8").read())
        scen = meta["scenario"] or name + ".xml"
        cmd = [binary, "play", "--no-store", "--script", name + ".script"]
        if meta["untimed"]:
            cmd.append("--untimed")
        if meta["round"]:
            cmd += ["--round", meta["round"]]
        else:
            cmd.append(scen)
        p = subprocess.run(cmd, cwd=here, capture_output=True, text=True, timeout=60)
        if meta["fails"]:
            line, words = meta["fails"]
            where = f"{name}.script:{line}: "
            if p.returncode != 1 or p.stdout.strip() or where not in p.stderr or \
                    words not in p.stderr:
                failures.append(f"{name}: want exit 1, no output and '{where}...{words}' on "
                                f"stderr; got exit {p.returncode}, stderr {p.stderr.strip()!r}")
            checked += 1
            relations += 1
            continue
        if p.returncode not in (0, 1) or not p.stdout.strip():
            failures.append(f"{name}: play exit {p.returncode}: {p.stderr.strip()}")
            continue
        out = p.stdout
        doc = json.loads(out)
        gold = os.path.join(here, name + ".json")
        if a.mode == "update":
            open(gold, "w", encoding="utf-8").write(out)
        elif not os.path.exists(gold):
            failures.append(f"{name}: no {name}.json (run update and review it)")
        elif open(gold, encoding="utf-8").read() != out:
            failures.append(f"{name}: the JSON differs from {name}.json")
        for e in meta["expect"]:
            parts = e.split(None, 2)
            if len(parts) != 3 or parts[1] not in OPS:
                failures.append(f"{name}: cannot read '# expect: {e}'")
                continue
            want = json.loads(parts[2])
            have = get(doc, parts[0])
            relations += 1
            if not OPS[parts[1]](have, want):
                failures.append(f"{name}: expected {parts[0]} {parts[1]} {parts[2]}, got "
                                f"{json.dumps(have, ensure_ascii=False)}")
        checked += 1
    for f in failures:
        print("FAIL:", f)
    print(f"scoring: {checked} cases, {relations} relations")
    print(f"{checked - len(set(f.split(':')[0] for f in failures))} passed, "
          f"{len(set(f.split(':')[0] for f in failures))} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
