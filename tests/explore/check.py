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

# For --through: a timed scenario where silence at the start is a path of its own. By hand: three
# complete paths; two of them take the timeout (then a good or a rude reply), one does not.
TIMED = HEAD + f"""
  <timing reply-seconds="30"/>
  <node id="start">
    <say emotion="angry" grievance="yes">It broke.</say>
    <reply to="fixed" {GOOD}>I'm so sorry, Ann; that's annoying. I'll replace it today.</reply>
    <timeout to="hello"/>
  </node>
  <node id="hello">
    <say emotion="annoyed">Hello? Are you there?</say>
    <reply to="fixed" {GOOD}>I'm so sorry for the wait, Ann; I'll replace it today.</reply>
    <reply to="gone" signals="rude">Calm down, these things happen.</reply>
    <timeout to="gone"/>
  </node>
  <ending id="fixed" outcome="resolved"><say emotion="pleased">Thanks.</say></ending>
  <ending id="gone" outcome="lost"><say emotion="furious">Bye.</say></ending>
</scenario>
"""

# A fallback that changes nothing for a calm customer and comes back to the same node (choices on
# a loop are remembered as said, so only a route or a fallback can be a loop that changes
# nothing): the plain search sees a loop and counts no path through it; under --through, having
# said it is part of the moment, so the loop is followed once round: exactly one path, "pardon"
# then "fix".
NOOP = HEAD.replace('mood="-50"', 'mood="20"') + """
  <node id="start">
    <say emotion="calm">Hi, my kettle is broken.</say>
    <input placeholder="Type your reply">
      <route id="fix" to="fixed" match="new one|replace" signals="empathy ownership plan resolve"/>
      <fallback id="pardon" to="start"/>
    </input>
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

    through_checks(b, check)

    for f in fails:
        print("FAIL:", f)
    print(f"explore: {len(fails)} failure(s)")
    return 1 if fails else 0


def replay(binary, xml, script, *args):
    """Plays a script with `frontline play --script`; returns the JSON document."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "t.xml")
        open(path, "w", encoding="utf-8").write(xml)
        sp = os.path.join(tmp, "s.script")
        open(sp, "w", encoding="utf-8").write(script)
        p = subprocess.run([binary, "play", "--no-store", "--script", sp, *args, path],
                           capture_output=True, text=True, timeout=60)
        return json.loads(p.stdout) if p.stdout.strip() else {"error": p.stderr}


def script_replies(script):
    """The replies of a `--script` output (ids, or timeout), without the @SECONDS."""
    return [ln.split(" @")[0] for ln in script.splitlines() if ln and not ln.startswith("#")]


def through_checks(b, check):
    """--through REPLY: the paths that take one reply, counted by hand."""
    # COUNTED by hand: start:1 -> fixed (100, 1 reply); start:2 -> more:1 -> fixed (resolved);
    # start:2 -> more:2 -> half (partly); start:3 never holds. "tech" is more:2 by explicit id.
    xml = COUNTED.replace('<reply to="half"', '<reply id="tech" to="half"')
    _, out, _ = explore(b, xml, "--format", "json")
    plain = json.loads(out)
    # what each complete path scores, played by `frontline play --script` on its own
    ids = {}
    rc, out, _ = explore(b, xml, "--format", "json", "--through", "start:2")
    d = json.loads(out)
    t = d.get("through") or {}
    check(rc == 0, f"through start:2: exit {rc}")
    more = t.get("reply", "")
    ids["more"] = more
    check(more.startswith("start/r-") and t.get("node") == "start" and t.get("index") == 2
          and t.get("timeout") is False, f"through start:2: names {t}")
    # the plain report is the same with or without --through
    for k in ("paths", "endings", "never_taken", "best", "worst", "dimensions"):
        check(d[k] == plain[k], f"through start:2 changes the plain '{k}': {d[k]} vs {plain[k]}")
    check(t.get("paths") == 2 and t.get("complete") is True and t.get("why_not") is None,
          f"through start:2: {t.get('paths')} paths, expected 2")
    best, worst = t.get("best") or {}, t.get("worst") or {}
    check(best.get("outcome") == "resolved" and len(best.get("replies", [])) == 2
          and best["replies"][0] == more and best["replies"][1].startswith("more/r-"),
          f"through start:2: best {best}")
    check(worst.get("outcome") == "partly" and worst.get("replies") == [more, "tech"],
          f"through start:2: worst {worst}")
    check(t.get("endings_reached") == ["fixed", "half"] and t.get("hung_up") is False,
          f"through start:2: endings {t.get('endings_reached')}")
    check(t.get("dimensions", {}).get("resolution") == {"min": 60, "max": 100},
          f"through start:2: resolution {t.get('dimensions', {}).get('resolution')}")
    # each path played on its own scores what the explorer says, and best >= worst by hand
    s_best = replay(b, xml, "\n".join(best.get("replies", [])) + "\n")
    s_worst = replay(b, xml, more + "\ntech\n")
    check(s_best.get("overall") == best.get("overall") == t.get("best_score"),
          f"through start:2: best {best.get('overall')} vs played {s_best.get('overall')}")
    check(s_worst.get("overall") == worst.get("overall") == t.get("worst_score")
          and worst.get("overall") < best.get("overall"),
          f"through start:2: worst {worst.get('overall')} vs played {s_worst.get('overall')}")
    # the same reply by its id gives the same answer; the explicit id and more:2 are one path
    rc, out, _ = explore(b, xml, "--format", "json", "--through", more)
    check(rc == 0 and json.loads(out)["through"] == t, "through by id differs from start:2")
    for spec in ("tech", "more:2"):
        rc, out, _ = explore(b, xml, "--format", "json", "--through", spec)
        u = json.loads(out)["through"]
        check(rc == 0 and u["reply"] == "tech" and u["paths"] == 1
              and u["best"] == u["worst"] == worst
              and u["dimensions"]["resolution"] == {"min": 60, "max": 60},
              f"through {spec}: {u}")
    # through start:1: the single one-reply path that is also the plain best
    rc, out, _ = explore(b, xml, "--format", "json", "--through", "start:1")
    u = json.loads(out)["through"]
    check(rc == 0 and u["paths"] == 1 and u["best"] == plain["best"] == u["worst"],
          f"through start:1: {u}")
    # the text report: the counts, the marked reply, the endings through it
    rc, out, _ = explore(b, xml, "--through", "tech")
    check(rc == 0 and "through tech (reply 2 of node 'more'" in out
          and "1 complete path takes it" in out
          and "the only path through it:" in out and "*  2. tech" in out
          and "worst path through it" not in out
          and "half   partly     reached, also through it" in out
          and "fixed  resolved   reached, not through it" in out
          and "spare  lost       NEVER REACHED" in out
          and "over all paths, for comparison: best 100/100" in out,
          f"through tech, text:\n{out}")
    # --script best|worst --through X replays to the printed score and takes X
    for spec, which in (("start:2", "best"), ("start:2", "worst"), ("tech", "best")):
        rc, script, err = explore(b, xml, "--script", which, "--through", spec)
        replies = script_replies(script)
        printed = int(script.split(": ", 1)[1].split("/")[0]) if ": " in script else -1
        j = replay(b, xml, script)
        want = more if spec == "start:2" else "tech"
        check(rc == 0 and want in replies and j.get("overall") == printed
              and f"through {want}:" in script.splitlines()[0],
              f"--script {which} --through {spec}: exit {rc}, replies {replies}, printed "
              f"{printed}, replayed {j.get('overall')}\n{script}{err}")

    # A reply no path can take: exit 1, and why (also for --script and in the JSON).
    dead = [x["reply"] for x in plain["never_taken"]][0]
    rc, out, _ = explore(b, xml, "--through", dead)
    check(rc == 1 and f"no complete path takes {dead}: its condition never holds there" in out,
          f"through a dead reply: exit {rc}\n{out}")
    rc, out, _ = explore(b, xml, "--through", "start:3", "--format", "json")
    u = json.loads(out)["through"]
    check(rc == 1 and u["paths"] == 0 and u["best"] is None and u["reply"] == dead
          and u["why_not"] == "its condition never holds there", f"through start:3 json: {u}")
    rc, out, err = explore(b, xml, "--through", "start:3", "--script", "best")
    check(rc == 1 and not out and "no complete path takes" in err,
          f"--script best through a dead reply: exit {rc} {out} {err}")

    # Unknown ids: exit 2 with the closest ids; NODE:N out of range; an ending; no <timeout>.
    typo = more[:-1] + ("0" if more[-1] != "0" else "1")
    rc, out, err = explore(b, xml, "--through", typo)
    check(rc == 2 and not out and f"no reply with that id (did you mean '{more}'?)" in err,
          f"through a typo: exit {rc}: {err}")
    rc, _, err = explore(b, xml, "--through", "tehc")
    check(rc == 2 and "did you mean 'tech'?" in err, f"through tehc: exit {rc}: {err}")
    rc, _, err = explore(b, xml, "--through", "mroe:1")
    check(rc == 2 and "no node 'mroe' (did you mean 'more'?)" in err,
          f"through mroe:1: exit {rc}: {err}")
    for spec, words in (("more:3", "has 2 replies"), ("more:0", "has 2 replies"),
                        ("fixed:1", "is an ending"), ("more:timeout", "has no <timeout>"),
                        ("nothing-like-it", "no reply with that id;")):
        rc, _, err = explore(b, xml, "--through", spec)
        check(rc == 2 and words in err, f"through {spec}: exit {rc}: {err}")
    p = subprocess.run([b, "explore", "x.xml", "--through"], capture_output=True, text=True)
    check(p.returncode == 2 and "--through needs" in p.stderr, "--through without a reply")

    # NODE:timeout, by hand: 2 of the 3 paths are silent at the start; the best then apologises
    # (resolved), the worst is rude (lost). Untimed, the time never runs out: exit 1.
    rc, out, _ = explore(b, TIMED, "--format", "json", "--through", "start:timeout")
    d = json.loads(out)
    u = d["through"]
    check(rc == 0 and d["paths"] == 4 and u["paths"] == 3 and u["timeout"] is True
          and u["index"] is None and u["reply"] == "start:timeout",
          f"through start:timeout: {d['paths']} paths, {u}")
    check(u["best"]["outcome"] == "resolved" and u["best"]["replies"][0] == "timeout"
          and u["best"]["replies"][1].startswith("hello/r-")
          and u["worst"]["outcome"] == "lost" and u["worst"]["replies"][0] == "timeout"
          and u["endings_reached"] == ["fixed", "gone"], f"through start:timeout: {u}")
    check(u["best"]["overall"] < d["best"]["overall"], "a silence costs nothing?")
    for which in ("best", "worst"):
        rc, script, _ = explore(b, TIMED, "--script", which, "--through", "start:timeout")
        printed = int(script.split(": ", 1)[1].split("/")[0]) if ": " in script else -1
        j = replay(b, TIMED, script)
        check(rc == 0 and script_replies(script)[0] == "timeout"
              and j.get("overall") == printed == u[which]["overall"],
              f"--script {which} --through start:timeout: printed {printed}, replayed "
              f"{j.get('overall')}\n{script}")
    rc, out, _ = explore(b, TIMED, "--untimed", "--through", "start:timeout")
    check(rc == 1 and "in untimed play the time never runs out" in out,
          f"untimed through start:timeout: exit {rc}\n{out}")

    # The loop through a fallback that changes nothing (see NOOP): the plain search counts no
    # path through "pardon" (but does not call it never taken: it is said, then loops); --through
    # follows the loop once round, and that path replays to its score.
    rc, out, _ = explore(b, NOOP, "--format", "json", "--through", "pardon")
    d = json.loads(out)
    u = d["through"]
    check(rc == 0 and d["paths"] == 1 and d["best"]["replies"] == ["fix"]
          and d["never_taken"] == [] and u["paths"] == 1
          and u["best"]["replies"] == ["pardon", "fix"], f"through a no-op loop: {d}")
    rc, script, _ = explore(b, NOOP, "--script", "best", "--through", "start:2")
    j = replay(b, NOOP, script)
    check(rc == 0 and script_replies(script) == ["pardon", "fix"]
          and j.get("overall") == u["best"]["overall"],
          f"no-op loop replay: {j.get('overall')}\n{script}")

if __name__ == "__main__":
    sys.exit(main())
