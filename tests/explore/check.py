#!/usr/bin/env python3
"""`frontline explore` on small scenarios whose paths can be counted by hand."""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<scenario id="t" version="1" lang="en">
  <title>T</title>
  <brief>B</brief>
  <customer name="Ann" voice="female" avatar="woman-1">
    <start mood="-50" patience="60" trust="40"/>
  </customer>
"""
GOOD = 'signals="apology empathy ownership plan resolve"'

# Two ways to the good ending, one to a partial one, one reply whose condition never holds,
# and an ending nobody reaches: 3 complete paths.
COUNTED = HEAD + f"""
  <node id="start">
    <say emotion="angry" grievance="yes">It broke.</say>
    <reply to="fixed" {GOOD}>I'm so sorry, Ann; that's annoying. I'll replace it today.</reply>
    <reply to="more" signals="apology empathy">I'm sorry, that's frustrating. Tell me more?</reply>
    <reply to="fixed" if="mood &gt; 90" {GOOD}>Never offered: she is never that happy here.</reply>
  </node>
  <node id="more">
    <say emotion="annoyed">It just stopped working.</say>
    <reply to="fixed" signals="empathy ownership plan resolve">I see, that's annoying; a new one goes out today.</reply>
    <reply to="half" signals="empathy plan">I understand; a technician can come next week.</reply>
  </node>
  <ending id="fixed" outcome="resolved"><say emotion="pleased">Thanks.</say></ending>
  <ending id="half" outcome="partly"><say emotion="annoyed">Next week. Fine.</say></ending>
  <ending id="spare" outcome="lost"><say emotion="furious">Bye.</say></ending>
</scenario>
"""

# A loop: "could you repeat that?" brings her back to the same node with the same meters.
LOOP = HEAD + f"""
  <node id="start">
    <say emotion="angry" grievance="yes">It broke.</say>
    <reply to="fixed" {GOOD}>I'm so sorry, Ann; that's annoying. I'll replace it today.</reply>
    <reply to="start" signals="apology empathy">Sorry, I understand. Could you say that again?</reply>
  </node>
  <ending id="fixed" outcome="resolved"><say emotion="pleased">Thanks.</say></ending>
</scenario>
"""


def explore(binary, xml, *args):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "t.xml")
        open(path, "w", encoding="utf-8").write(xml)
        p = subprocess.run([binary, "explore", *args, path], capture_output=True, text=True,
                           timeout=60)
        return p.returncode, p.stdout, p.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    a = ap.parse_args()
    b = os.path.abspath(a.frontline)
    fails = []

    def check(cond, what):
        if not cond:
            fails.append(what)

    rc, out, err = explore(b, COUNTED, "--format", "json")
    check(rc == 0, f"counted: exit {rc} {err}")
    d = json.loads(out)
    check(d["paths"] == 3, f"counted: {d['paths']} paths, expected 3")
    check(d["complete"], "counted: not complete")
    ends = {e["id"]: e["reached"] for e in d["endings"]}
    check(ends == {"fixed": True, "half": True, "spare": False}, f"endings {ends}")
    dead = [x["reply"] for x in d["never_taken"]]
    check(len(dead) == 1 and dead[0].startswith("start/r-"), f"never taken: {dead}")
    check(d["best"]["overall"] == 100 and d["best"]["outcome"] == "resolved"
          and len(d["best"]["replies"]) == 1, f"best: {d['best']}")
    check(d["worst"]["outcome"] == "partly" and d["worst"]["overall"] < d["best"]["overall"],
          f"worst: {d['worst']}")
    check(d["dimensions"]["resolution"] == {"min": 60, "max": 100},
          f"resolution range {d['dimensions']['resolution']}")
    check(d["dimensions"]["upsell"] == {"min": None, "max": None}, "upsell applies without offer")

    rc, out, _ = explore(b, COUNTED)
    check("its condition never holds here" in out and "NEVER REACHED" in out,
          "text report misses the dead reply or the unreached ending:\n" + out)

    # A scenario whose best path scores under 90 makes explore fail, and says so.
    low = open(os.path.join(a.root, "tests/lint/best-path.xml"), encoding="utf-8").read()
    rc, out, _ = explore(b, low)
    check(rc == 1 and "no path scores 90 or more: the best scores 61" in out,
          f"low scenario: exit {rc}\n{out}")

    # The loop is followed once round, then recognised; the search ends.
    rc, out, err = explore(b, LOOP, "--format", "json")
    d = json.loads(out)
    check(rc == 0 and d["complete"], f"loop: exit {rc}, complete {d.get('complete')}")
    check(d["paths"] >= 2, f"loop: {d['paths']} paths")
    # A bound below the shortest path cuts everything and is reported.
    rc, out, _ = explore(b, COUNTED, "--max-turns", "1", "--format", "json")
    d = json.loads(out)
    check(d["paths_cut"] == 1 and d["paths"] == 1 and not d["complete"],
          f"max-turns 1: {d['paths']} paths, {d['paths_cut']} cut")
    # A search stopped by the state bound says so; a path of 90+ found before it is still a fact.
    rc, out, _ = explore(b, COUNTED, "--max-states", "2")
    check(rc == 0 and "raise --max-states" in out and "best score found before the search "
          "stopped: 100" in out, f"max-states 2: exit {rc}\n{out}")
    rc, out, _ = explore(b, COUNTED, "--max-states", "2", "--format", "json")
    d = json.loads(out)
    check(d["states_exceeded"] and d["best"] is None and d["best_score"] == 100,
          f"max-states 2 json: {d}")
    rc, out, _ = explore(b, low, "--max-states", "1")
    check(rc == 1, f"low scenario, max-states 1: exit {rc}")
    # The best path as a script replays to the same score.
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "t.xml")
        open(path, "w", encoding="utf-8").write(COUNTED)
        for which in ("best", "worst"):
            s = subprocess.run([b, "explore", "--script", which, path], capture_output=True,
                               text=True).stdout
            sp = os.path.join(tmp, which + ".script")
            open(sp, "w").write(s)
            j = json.loads(subprocess.run([b, "play", "--script", sp, path], capture_output=True,
                                          text=True).stdout)
            e = json.loads(subprocess.run([b, "explore", "--format", "json", path],
                                          capture_output=True, text=True).stdout)
            check(j["overall"] == e[which]["overall"], f"{which}: replay {j['overall']} vs "
                  f"explore {e[which]['overall']}")
    # Usage errors.
    p = subprocess.run([b, "explore", "--max-turns", "0", "x.xml"], capture_output=True, text=True)
    check(p.returncode == 2 and "--max-turns" in p.stderr, "bad --max-turns accepted")
    p = subprocess.run([b, "explore", "missing.xml"], capture_output=True, text=True)
    check(p.returncode == 1 and "missing.xml" in p.stderr, "missing file not reported")

    for f in fails:
        print("FAIL:", f)
    print(f"explore: {len(fails)} failure(s)")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
