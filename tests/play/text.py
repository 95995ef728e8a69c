#!/usr/bin/env python3
"""`frontline play --text` as a trainee uses it: a real process, keys written to its stdin.

Its stdin is a pipe, so there is no "Press Enter to begin" pause: the first line is the first
answer (tests/play/commands_lang.py checks the pause at a real terminal). Checks that the terminal game reaches the same result as the scripted replay of the same
choices, that it speaks the scenario's language, that bad keys, take-back and quitting work,
that typed replies are routed in free-text nodes, and that a timed reply really runs out.
"""
import argparse
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time

FAILURES = []
EMPTY_CONFIG = tempfile.mkdtemp(prefix="fl-text-config-")  # no settings.json: the locale speaks


def check(cond, what):
    if not cond:
        FAILURES.append(what)


def play_text(binary, args, keys, cwd):
    env = dict(os.environ, LANG="C", LC_ALL="C", XDG_CONFIG_HOME=EMPTY_CONFIG)
    p = subprocess.run([binary, "play", "--text"] + args, input=keys, capture_output=True,
                       text=True, timeout=60, cwd=cwd, env=env)
    return p.returncode, p.stdout, p.stderr


def play_script(binary, args, script, cwd):
    with tempfile.NamedTemporaryFile("w", suffix=".script", delete=False) as f:
        f.write(script)
    try:
        p = subprocess.run([binary, "play", "--script", f.name] + args, capture_output=True,
                           text=True, timeout=60, cwd=cwd)
    finally:
        os.unlink(f.name)
    return p.returncode, p.stdout, p.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    a = ap.parse_args()
    binary, root = os.path.abspath(a.frontline), os.path.abspath(a.root)

    # 1. Pressing 1 at every turn gives the score the script "1, 1, ..." gives.
    for rel in ("scenarios/en/late-delivery.xml", "scenarios/ru/dostavka-opazdyvaet.xml",
                "scenarios/en/price-objection.xml"):
        rc, out, err = play_text(binary, ["--untimed", rel], "1\n" * 30, root)
        check(rc == 0, f"{rel}: exit {rc} {err}")
        turns = len(re.findall(r"^(?:Turn|Ход) \d+$", out, re.M))
        rc2, js, err2 = play_script(binary, ["--untimed", rel], "1\n" * turns, root)
        check(rc2 == 0, f"{rel}: script of {turns} ones: exit {rc2} {err2}")
        if rc2 == 0:
            doc = json.loads(js)
            m = re.search(r"^(?:Result|Итог): (\d+)/100 \(([A-F])\)", out, re.M)
            check(m is not None, f"{rel}: no result line in:\n{out[-800:]}")
            if m:
                check(int(m.group(1)) == doc["overall"] and m.group(2) == doc["band"],
                      f"{rel}: terminal says {m.group(1)} ({m.group(2)}), script says "
                      f"{doc['overall']} ({doc['band']})")
            for f in doc["findings"]:
                check(f["message"].split(" ")[0] in out,
                      f"{rel}: finding '{f['message']}' not shown")
    # 2. The scenario's language: Russian labels for a Russian scenario.
    rc, out, _ = play_text(binary, ["--untimed", "scenarios/ru/dostavka-opazdyvaet.xml"],
                           "1\n" * 30, root)
    for word in ("Ход 1", "Настроение", "Итог:", "Оценки:", "Замечания:", "Опрос клиента"):
        check(word in out, f"Russian scenario: '{word}' missing")
    # 3. Bad keys are explained, 'u' takes back, 'q' stops with partial results.
    rc, out, _ = play_text(binary, ["--untimed", "scenarios/en/late-delivery.xml"],
                           "9\nabc\n1\nu\nq\n", root)
    check("Please enter a number from 1 to 4." in out, "bad number not explained")
    check(out.count("Please enter a number") == 2, "'abc' not explained")
    check("Reply taken back." in out, "undo not confirmed")
    check("The conversation was stopped before the end." in out, "quit not reported")
    # every reply was taken back: nothing was done, so there is no score (scoring.md, Evidence)
    check("Not attempted: no reply was given, so there is no score." in out,
          "quitting with no reply standing is not reported as not attempted")
    check(re.search(r"^Result: ", out, re.M) is None, "a score printed for a session not attempted")
    # 3b. One reply that stands, then 'q': the partial result is scored and not passed.
    rc, out, _ = play_text(binary, ["--untimed", "scenarios/en/late-delivery.xml"], "1\nq\n",
                           root)
    check(re.search(r"^Result: \d+/100 \([A-F]\), outcome: unfinished", out, re.M) is not None,
          "no partial result after quitting")
    check("Not passed" in out, "an unfinished conversation is not said to be not passed")
    # 3c. 'q' before any reply: not attempted, not a score (it printed 69 (D) before).
    rc, out, _ = play_text(binary, ["--untimed", "scenarios/en/late-delivery.xml"], "q\n", root)
    check("Not attempted" in out and re.search(r"^Result: ", out, re.M) is None,
          "quitting before any reply printed a score")
    check(rc == 0, f"quit: exit {rc}")
    # In an assessment nothing can be taken back, and the store says which mode it was.
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "r.sqlite")
        rc, out, err = play_text(binary, ["--untimed", "--assessment", "--db", db,
                                          "scenarios/en/late-delivery.xml"], "1\nu\nq\n", root)
        check("This is an assessment: replies cannot be taken back." in out,
              "assessment: 'u' not refused")
        check("Reply taken back." not in out and "u takes back" not in out,
              "assessment: a take-back was offered or done")
        rows = sqlite3.connect(db).execute("SELECT mode, replies, finished FROM sessions").fetchall()
        check(rows == [("assessment", 1, 0)], f"assessment session stored as {rows}")
        rc, out, err = play_text(binary, ["--untimed", "--db", db,
                                          "scenarios/en/late-delivery.xml"], "1\nu\n2\nq\n", root)
        con = sqlite3.connect(db)
        rows = con.execute("SELECT s.mode, s.replies, count(t.seq), sum(t.taken_back) FROM sessions s "
                           "JOIN turns t ON t.session_id = s.id WHERE s.mode = 'practice' "
                           "AND t.speaker = 'trainee'").fetchall()
        check(rows == [("practice", 1, 2, 1)],
              f"practice take-back stored as {rows}: want one reply standing, one taken back")
    # End of input in the middle: the partial results, then an error naming where it stopped
    # (a scripted check must not pass unfinished), never a hang.
    rc, out, err = play_text(binary, ["--untimed", "scenarios/en/late-delivery.xml"], "1\n", root)
    check("stopped before the end" in out and rc == 1 and "stopped at node 'lookup'" in err,
          f"end of input mid-conversation: exit {rc}: {err}")
    # 4. Typed replies: an apology with empathy takes the route that asks for both.
    rc, out, _ = play_text(binary, ["scenarios/en/free-text-router.xml"],
                           "I'm so sorry, Lena. Being overdrawn with rent due is stressful.\nq\n",
                           root)
    flat = " ".join(out.split())  # the terminal wraps long lines
    check("Thank you. So can I get the second payment back before Friday?" in flat or
          "So are you giving it back or not?" in flat,
          "typed apology+empathy did not reach the 'details' node:\n" + out[-600:])
    # 5. A timed reply runs out: a scenario with a 3-second limit (the least the schema allows),
    # answered after 3.6 s.
    with tempfile.TemporaryDirectory() as tmp:
        src = open(os.path.join(root, "scenarios/en/late-delivery.xml"), encoding="utf-8").read()
        src = src.replace('<timing reply-seconds="30"/>', '<timing reply-seconds="3"/>')
        path = os.path.join(tmp, "quick.xml")
        open(path, "w", encoding="utf-8").write(src)
        p = subprocess.Popen([binary, "play", "--text", "--no-store", path], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=dict(os.environ, LANG="C", LC_ALL="C",
                                      XDG_CONFIG_HOME=EMPTY_CONFIG))
        time.sleep(3.6)  # no Enter from a pipe: the clock runs from the start
        try:
            out, err = p.communicate("q\n", timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()
            out, err = p.communicate()
            FAILURES.append("timed play hung")
        check("Time is up: the customer is still waiting." in out, "no timeout after 3.6 s:\n" + out + err)
        check("Long wait: no reply within 3 s." in out, "no 'long wait' finding:\n" + out[-800:])
        check("Hello? Are you still there?" in out or "Hello?!" in out,
              "the timeout did not lead to the silence node")
    for f in FAILURES:
        print("FAIL:", f)
    print(f"play --text: {len(FAILURES)} failure(s)")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
