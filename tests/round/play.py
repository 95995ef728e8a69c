#!/usr/bin/env python3
"""`frontline play --round`: stress rounds played headless from a script and in the terminal.

  check   the golden rounds (tests/round/scripts/*.script played on the bundled round of the same
          name, one in each language) equal tests/round/golden/*.json byte for byte, and twice in
          a row each other; the round is stored (schema 3) with the figures the JSON shows; the
          extension stretches the limits and the hang-up ticks and says so; bad scripts are
          refused with SCRIPT:LINE; and the terminal plays a round with [N Name] prefixes and
          /N switching calls, in real time.
  update  rewrites the golden files (look at the diff before committing it).
"""
import argparse
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

FAILURES = []


def check(cond, what):
    if not cond:
        FAILURES.append(what)
        print("FAIL: " + what, flush=True)
    return cond


def play(binary, root, rnd, script_text, *extra, db=None):
    with tempfile.NamedTemporaryFile("w", suffix=".script", delete=False) as f:
        f.write(script_text)
    try:
        args = [binary, "play", "--round", rnd, "--script", f.name] + list(extra)
        args += ["--db", db] if db else ["--no-store"]
        p = subprocess.run(args, capture_output=True, timeout=120, cwd=root)
    finally:
        os.unlink(f.name)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def goldens(binary, root, update):
    sdir = os.path.join(root, "tests/round/scripts")
    for name in sorted(os.listdir(sdir)):
        if not name.endswith(".script"):
            continue
        rid = name[:-len(".script")]
        rnd = "scenarios/rounds/%s.xml" % rid
        script = open(os.path.join(sdir, name), encoding="utf-8").read()
        rc, out, err = play(binary, root, rnd, script)
        rc2, out2, _ = play(binary, root, rnd, script)
        if not check(rc == 0 and rc2 == 0, "%s: exit %d %s" % (rid, rc, err)):
            continue
        check(out == out2, "%s: two plays of the same script differ" % rid)
        gpath = os.path.join(root, "tests/round/golden/%s.json" % rid)
        if update:
            with open(gpath, "wb") as f:
                f.write(out)
            print("updated %s" % gpath)
            continue
        want = open(gpath, "rb").read() if os.path.exists(gpath) else b""
        if not check(out == want, "%s: the JSON differs from %s" % (rid, gpath)):
            for i, (a, b) in enumerate(zip(out.splitlines(), want.splitlines())):
                if a != b:
                    print("  first difference at line %d:\n  got  %s\n  want %s"
                          % (i + 1, a.decode(), b.decode()))
                    break
            continue
        doc = json.loads(out)
        f = doc["figures"]
        outcomes = [c["conversation"]["ending"]["outcome"] for c in doc["calls"]]
        check(f["lost"] == outcomes.count("lost") and f["resolved"] == outcomes.count("resolved"),
              "%s: figures %s disagree with the calls' outcomes %s" % (rid, f, outcomes))
        live = max(e.get("calls_live", 0) for e in doc["timeline"])
        check(live <= doc["round"]["at_once"], "%s: %d calls live, at_once %d"
              % (rid, live, doc["round"]["at_once"]))
        print("%s: %d calls, resolved %d, lost %d, %.3f resolved/min, mean reply %d ms, canned "
              "%.0f%%, mean score %s, passed %s; same as the golden file"
              % (rid, len(doc["calls"]), f["resolved"], f["lost"], f["resolved_per_minute"],
                 f["mean_reply_ms"], 100 * f["canned_share"], f["mean_score"], f["passed"]))


def stored(binary, root):
    """The round and its calls in the results store, with the figures the JSON printed."""
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "results.sqlite")
        script = open(os.path.join(root, "tests/round/scripts/monday-rush.script")).read()
        rc, out, err = play(binary, root, "scenarios/rounds/monday-rush.xml", script,
                            "--trainee", "Ann", "--group", "G1", db=db)
        if not check(rc == 0, "stored: exit %d %s" % (rc, err)):
            return
        doc = json.loads(out)
        con = sqlite3.connect(db)
        con.row_factory = sqlite3.Row
        rows = con.execute("SELECT * FROM rounds").fetchall()
        if not check(len(rows) == 1, "stored: %d rounds in the store" % len(rows)):
            return
        r = rows[0]
        f = doc["figures"]
        for col, want in (("lost", f["lost"]), ("resolved", f["resolved"]),
                          ("arrived", f["arrived"]), ("seed", doc["round"]["seed"])):
            check(r[col] == want, "stored: rounds.%s is %r, the JSON says %r" % (col, r[col], want))
        calls = con.execute("SELECT call, outcome, overall FROM sessions WHERE round = ? "
                            "ORDER BY call", (r["id"],)).fetchall()
        want = [(c["number"], c["conversation"]["ending"]["outcome"], c["conversation"]["overall"])
                for c in doc["calls"]]
        got = [(c[0], c[1], c[2]) for c in calls]
        check(got == want, "stored: calls %s, the JSON says %s" % (got, want))
        print("stored: round %s with %d calls, figures and scores as printed" % (r["id"], len(got)))


def extension(binary, root):
    """x2 doubles the real time limits: the first hang-up of an unanswered customer comes later
    by exactly the extra time, and the JSON and the figures say which extension was used."""
    rnd = "scenarios/rounds/monday-rush.xml"
    firsts = {}
    for ext in ("x1", "x2"):
        rc, out, err = play(binary, root, rnd, "end @200\n", "--extension", ext)
        if not check(rc == 0, "extension %s: exit %d %s" % (ext, rc, err)):
            return
        doc = json.loads(out)
        hang = [e for e in doc["timeline"] if e["event"] in ("hangup", "timeout") and e["call"] == 1]
        line = [e for e in doc["timeline"] if e["event"] == "line" and e["call"] == 1][0]
        firsts[ext] = (hang[0]["at_ms"] - line["at_ms"]) if hang else None
        check(doc["figures"]["time_extension_pct"] == (100 if ext == "x1" else 200),
              "extension %s: figures say %s" % (ext, doc["figures"]["time_extension_pct"]))
    check(firsts["x1"] and firsts["x2"] == 2 * firsts["x1"],
          "extension: the first customer gave up after %s ms at x1 and %s ms at x2 (want twice)"
          % (firsts["x1"], firsts["x2"]))
    print("extension: the first customer waits %d ms at x1, %d ms at x2" % (firsts["x1"], firsts["x2"]))


def bad_scripts(binary, root):
    rnd = "scenarios/rounds/monday-rush.xml"
    cases = [
        ("1: 1 @5\n1: 1 @3\n", 2, "before the previous line"),
        ("7: 1 @1\n", 1, "call 7 has not arrived"),
        ("1 @3\n", 1, "starts with the call's number"),
        ("1: 1 @0.5\n", 1, "customer is typing"),
        ("1: 9 @5\n", 1, "not offered"),
    ]
    for text, line, words in cases:
        rc, out, err = play(binary, root, rnd, text)
        check(rc == 1 and re.search(r"\.script:%d: .*%s" % (line, re.escape(words)), err),
              "bad script %r: exit %d, stderr %r (want line %d: %s)" % (text, rc, err, line, words))
    rc, out, err = play(binary, root, rnd, "1: 1 @abc\n")
    check(rc == 2 and re.search(r"\.script:1:6: '@abc' is not a time", err),
          "bad @: exit %d, stderr %r (want 2 and SCRIPT:1:6: '@abc' is not a time)" % (rc, err))
    print("bad scripts: %d refused with SCRIPT:LINE and the reason" % len(cases))


def terminal(binary, root):
    """The terminal plays a round in real time: [N Name] before each customer's lines, /2 switches
    to call 2, the replies act on the active call only, the results at the end."""
    p = subprocess.Popen([binary, "play", "--round", "tests/round/data/quick.xml", "--text",
                          "--no-store"], cwd=root, stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = []
    lock = threading.Lock()

    def reader():
        for raw in iter(lambda: p.stdout.read1(4096), b""):
            with lock:
                out.append(raw.decode("utf-8", "replace"))

    th = threading.Thread(target=reader, daemon=True)
    th.start()

    def text():
        with lock:
            return "".join(out)

    def wait_for(pattern, timeout=20):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if re.search(pattern, text()):
                return True
            time.sleep(0.05)
        return False

    def send(s):
        p.stdin.write(s.encode())
        p.stdin.flush()

    # from a pipe there is no "Press Enter" pause: every line is an answer
    ok = check(wait_for(r"Lines start with the call's number"), "terminal: no briefing:\n" + text())
    ok = ok and check(wait_for(r"\[1 [^\]]+\] \(\w+\): "), "terminal: call 1's line has no [1 Name] "
                      "prefix:\n" + text())
    ok = ok and check(wait_for(r"Call 1, your reply"), "terminal: no prompt for call 1:\n" + text())
    ok = ok and check(wait_for(r"\[2 [^\]]+\] "), "terminal: call 2 never arrived:\n" + text())
    send("/2\n")
    ok = ok and check(wait_for(r"Now on call 2\.") and wait_for(r"Call 2, your reply"),
                      "terminal: /2 did not switch to call 2:\n" + text())
    send("1\n")
    ok = ok and check(wait_for(r"Call 2, your reply[^\n]*\n(.|\n)*Call 2, your reply", 10),
                      "terminal: the reply did not move call 2 on:\n" + text())
    send("q\n")
    try:
        p.wait(timeout=20)
    except subprocess.TimeoutExpired:
        p.kill()
        check(False, "terminal: did not stop on q")
    th.join(5)
    t = text()
    check(p.returncode == 0, "terminal: exit %s" % p.returncode)
    check("Round results" in t and re.search(r"Customers: 2 of 2 arrived", t),
          "terminal: no round results:\n" + t[-1500:])
    check(re.search(r"\[1 [^\]]+\] Not attempted", t) is not None,
          "terminal: call 1 (never answered) is not shown as not attempted:\n" + t[-1500:])
    if ok:
        print("terminal: [N Name] prefixes, /2 switched calls, the reply went to call 2, results")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("mode", choices=["check", "update"])
    a = ap.parse_args()
    binary, root = os.path.abspath(a.frontline), os.path.abspath(a.root)
    goldens(binary, root, a.mode == "update")
    if a.mode == "check":
        stored(binary, root)
        extension(binary, root)
        bad_scripts(binary, root)
        terminal(binary, root)
    if FAILURES:
        print("%d FAILURE(S)" % len(FAILURES))
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
