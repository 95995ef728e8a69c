#!/usr/bin/env python3
"""Writes a round script by playing the round as a simple, fallible trainee would (a developer's
tool: the golden scripts in tests/round/scripts were made with it; the test only replays them).

The trainee answers each customer line some seconds after it appears (a pace that cycles, so some
replies are quick, some slow, and now and then a customer is left until they give up), with the
first reply offered, or the second now and then, or typed words at a free-text node. Every
reply is checked by playing the script so far with `frontline play --round --script`, so the
script only holds acts that were possible at their time.

usage: make_script.py --frontline BIN ROUND OUT.script [--typed TEXT]
"""
import argparse
import json
import subprocess
import tempfile

PACE = [4.0, 7.5, 11.0, 3.0, 16.0, 6.0, None, 9.0, 5.0, 13.0]  # None: no reply at all
PICK = ["1", "2", "1", "1", "3", "1", "2"]


def play(binary, rnd, lines):
    with tempfile.NamedTemporaryFile("w", suffix=".script", delete=False) as f:
        f.write("".join(l + "\n" for l in lines))
    p = subprocess.run([binary, "play", "--round", rnd, "--script", f.name, "--no-store"],
                       capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--typed", default="I'm so sorry, let me sort this out for you myself.")
    ap.add_argument("round")
    ap.add_argument("out")
    a = ap.parse_args()
    lines, answered, k = [], set(), 0
    while True:
        rc, out, err = play(a.frontline, a.round, lines)
        assert rc == 0, err
        doc = json.loads(out)
        t_last = float(lines[-1].rsplit("@", 1)[1]) * 1000 if lines else 0
        # every line not yet answered, oldest first: the trainee answers one at a time, so a
        # line that came while they were busy is answered late (if the customer is still there)
        todo = [e for e in doc["timeline"] if e["event"] == "line"
                and (e["call"], e["at_ms"]) not in answered]
        if not todo:
            break
        e = todo[0]
        answered.add((e["call"], e["at_ms"]))
        pace = PACE[k % len(PACE)]
        k += 1
        if pace is None:
            continue
        at = max(e["at_ms"] / 1000 + pace, t_last / 1000 + 2.0)
        for act in [PICK[k % len(PICK)], "1", "> " + a.typed]:
            cand = lines + ["%d: %s @%.1f" % (e["call"], act, at)]
            rc, _, _ = play(a.frontline, a.round, cand)
            if rc == 0:
                lines = cand
                break
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("# %s, played by tests/round/make_script.py (a trainee who is sometimes slow)\n"
                % a.round.split("/")[-1])
        f.write("".join(l + "\n" for l in lines))
    print("%s: %d acts" % (a.out, len(lines)))


if __name__ == "__main__":
    main()
