#!/usr/bin/env python3
"""kill -9 at random moments while 200 sessions are written to one results store.

200 `frontline play --text --untimed` processes, two at a time, each a trainee of its own
(t000..t199, group G), are fed their keys one line every few milliseconds (Enter, then reply
numbers with an occasional 'u' take-back), so that sessions are in progress at any moment. About
half of them get SIGKILL at a random moment (a random number of lines fed, then a random delay of
a few ms): during start-up, between two replies, or while a reply is being committed. The others
play to an ending. The random plan comes from random.Random(SEED), SEED printed (--seed to
replay one).

Then, on the real file:
  - `frontline report --db DB --format csv` works on the file as the kills left it (WAL and all),
    one row per session, the finished column 1 exactly for the finished ones;
  - PRAGMA integrity_check is ok (and foreign_key_check finds nothing);
  - every process that finished (exit 0, the result shown) has its session, finished = 1, with
    the replies, score and outcome its terminal showed, and as many trainee lines not taken back
    as replies;
  - every killed process has no session (killed before the start was written) or an unfinished
    one whose reply count equals its trainee lines not taken back (turns 1..n, each once), never
    a finished one unless its terminal had already shown the result (the end is written after
    the result is printed); the trainee lines stored are never more than the reply lines fed;
  - nothing went to a fallback file and no process printed an error.

Under the sanitizers (tools/test.sh's second pass, ASAN_OPTIONS=detect_leaks=1) the verdict must
depend on the product only. LeakSanitizer scans a process as it exits from a tracer of its own,
a separate task that outlives a SIGKILL of the process and then prints 'Unable to get registers
from thread N.' to the same stderr: a kill landing in that scan (a process that reached an ending
before its planned kill) made the test fail by chance (seed 20260404). So a process the plan
kills runs with detect_leaks=0: it is never asked to scan, and only the sanitizer's leak check is
lost, on a process whose end is cut short anyway; the processes that play to their end keep
detect_leaks as the caller set it and are leak-checked. As a second guard, a killed process's
stderr may hold the lines the leak tracer prints after a kill (TRACER_LINES, whole lines exactly)
and nothing else: a sanitizer's error report or any line of the program's still fails the test.
"""
import argparse
import collections
import csv
import io
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

N_PROCESSES = 200
PARALLEL = 2
SCENARIO = "scenarios/en/late-delivery.xml"
FAILURES = []


# The lines LeakSanitizer's tracer task prints when the process it scans dies under it (GCC 12's
# and LLVM's lsan_common.cpp and sanitizer_stoptheworld_linux_libcdep.cpp): Report() lines start
# with '==PID==', Printf() lines do not. Nothing else is forgiven.
TRACER_LINES = (
    re.compile(r"==\d+==Unable to get registers from thread \d+\."),
    re.compile(r"==\d+==Running thread \d+ was not suspended\. False leaks are possible\."),
    re.compile(r"Tracer caught signal \d+: addr=0x[0-9a-f]+ pc=0x[0-9a-f]+ sp=0x[0-9a-f]+"),
)


def fail(what):
    FAILURES.append(what)
    print("FAIL:", what, flush=True)


def make_plan(rng, i):
    """The keys of process i and whether (and when) it is killed."""
    lines = [""]  # Enter: the brief has been read
    replies = 0
    while len(lines) < 70:
        if replies and rng.random() < 0.1:
            lines.append("u")
            replies -= 1
        else:
            lines.append(str(rng.choice((1, 1, 2, 2, 3))))
            replies += 1
    kill = rng.random() < 0.5
    startup = kill and rng.random() < 0.15
    return {
        "trainee": f"t{i:03d}",
        "lines": lines,
        "gaps": [rng.uniform(0.001, 0.005) for _ in lines],
        "kill": kill,
        # killed while the program starts (loads the scenario, opens the store, writes the
        # session's start), this long after it was started; else ...
        "kill_startup": rng.uniform(0.0, 0.2) if startup else None,
        # ... after this many lines fed (1: just the Enter) ...
        "kill_after": rng.randint(1, 7) if kill and not startup else None,
        # ... and this long again, so that some kills land in the middle of a commit
        "kill_delay": rng.uniform(0.0, 0.008) if kill else None,
    }


def killed_env(env):
    """env for a process the plan kills: no exit-time leak scan (the docstring says why). The
    sanitizer reads ASAN_OPTIONS left to right, so the appended value wins over the caller's."""
    opts = env.get("ASAN_OPTIONS", "")
    return dict(env, ASAN_OPTIONS=(opts + ":" if opts else "") + "detect_leaks=0")


def product_stderr(text):
    """What a killed process wrote to stderr, less the leak tracer's own lines (TRACER_LINES)."""
    keep = [line for line in text.splitlines()
            if line.strip() and not any(r.fullmatch(line) for r in TRACER_LINES)]
    return "\n".join(keep)


def check_filter():
    """product_stderr forgives the tracer's lines and nothing else: a sanitizer's error, its
    summary, a leak report, a UBSan runtime error and the program's own messages all stay."""
    tracer = ("==4242==Unable to get registers from thread 4243.\n"
              "==4242==Running thread 4244 was not suspended. False leaks are possible.\n"
              "Tracer caught signal 11: addr=0x7f00 pc=0x55aa sp=0x7ffc\n")
    if product_stderr(tracer):
        fail(f"the tracer filter keeps a tracer line: {product_stderr(tracer)!r}")
    for product in ("==4242==ERROR: AddressSanitizer: heap-use-after-free on address 0x6020",
                    "==4242==ERROR: LeakSanitizer: detected memory leaks",
                    "SUMMARY: AddressSanitizer: 24 byte(s) leaked in 1 allocation(s).",
                    "==4242==LeakSanitizer has encountered a fatal error.",
                    "game/core/session.c:88:5: runtime error: signed integer overflow",
                    "==4242==Unable to get registers from thread 4243. and more",
                    "frontline: cannot write the results store: disk I/O error"):
        if product_stderr(tracer + product + "\n") != product:
            fail(f"the tracer filter drops a line that is not the tracer's: {product!r}")


def run_one(binary, root, db, env, workdir, plan):
    out_path = os.path.join(workdir, plan["trainee"] + ".out")
    err_path = os.path.join(workdir, plan["trainee"] + ".err")
    if plan["kill"]:
        env = killed_env(env)
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        p = subprocess.Popen([binary, "play", "--text", "--untimed", "--db", db, "--trainee",
                              plan["trainee"], "--group", "G", SCENARIO],
                             stdin=subprocess.PIPE, stdout=out, stderr=err, cwd=root, env=env)
    fed = 0          # lines written to the game's stdin
    fed_replies = 0  # of which reply numbers
    kill_sent = False
    try:
        if plan["kill_startup"] is not None:
            time.sleep(plan["kill_startup"])
            p.send_signal(signal.SIGKILL)
            kill_sent = True
        else:
            # The game takes ~0.1 s to load the scenario: feed it once it shows the brief, so
            # that the lines are read as they come and the kill finds a session in progress.
            deadline = time.monotonic() + 20
            while (os.path.getsize(out_path) == 0 and p.poll() is None and
                   time.monotonic() < deadline):
                time.sleep(0.001)
        for k, line in enumerate(plan["lines"]):
            if kill_sent:
                break
            if plan["kill"] and k == plan["kill_after"]:
                time.sleep(plan["kill_delay"])
                p.send_signal(signal.SIGKILL)  # no-op when it has already exited
                kill_sent = True
                break
            if p.poll() is not None:
                break
            try:
                p.stdin.write((line + "\n").encode())
                p.stdin.flush()
            except (BrokenPipeError, OSError):
                break
            fed += 1
            if line.isdigit():
                fed_replies += 1
            time.sleep(plan["gaps"][k])
        if plan["kill"] and not kill_sent:
            p.send_signal(signal.SIGKILL)
            kill_sent = True
    finally:
        try:
            p.stdin.close()
        except OSError:
            pass
        try:
            p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
            fail(f"{plan['trainee']}: the game did not exit 30 s after its input ended")
    with open(out_path, encoding="utf-8", errors="replace") as f:
        stdout = f.read()
    with open(err_path, encoding="utf-8", errors="replace") as f:
        stderr = f.read()
    return {"rc": p.returncode, "fed": fed, "fed_replies": fed_replies, "stdout": stdout,
            "stderr": stderr, "kill_sent": kill_sent}


def shown_result(stdout):
    """(score, outcome) of the terminal's result line, or None."""
    m = re.search(r"^Result: (\d+)/100 \([A-F]\), outcome: (\S+)", stdout, re.M)
    return (int(m.group(1)), m.group(2)) if m else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--seed", type=int, default=20260404)
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    a = ap.parse_args()
    binary, root = os.path.abspath(a.frontline), os.path.abspath(a.root)
    print(f"seed {a.seed} (replay with --seed {a.seed})")
    check_filter()
    rng = random.Random(a.seed)
    plans = [make_plan(rng, i) for i in range(N_PROCESSES)]

    tmp = tempfile.mkdtemp(prefix="fl-kill-")
    env = dict(os.environ)
    for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_STATE_HOME", "state"), ("TMPDIR", "tmp"),
                     ("HOME", "home")):
        env[var] = os.path.join(tmp, sub)
        os.makedirs(env[var])
    env["LANG"] = env["LC_ALL"] = "C.UTF-8"
    db = os.path.join(tmp, "results.sqlite")
    workdir = os.path.join(tmp, "io")
    os.makedirs(workdir)

    results = [None] * N_PROCESSES
    todo = collections.deque(range(N_PROCESSES))
    lock = threading.Lock()

    def worker():
        while True:
            with lock:
                if not todo:
                    return
                i = todo.popleft()
            try:
                results[i] = run_one(binary, root, db, env, workdir, plans[i])
            except Exception as e:  # a test bug: say so, keep going
                results[i] = None
                with lock:
                    fail(f"{plans[i]['trainee']}: driver error {e!r}")

    t0 = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(PARALLEL)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - t0

    # ---- classify the processes ------------------------------------------------------------
    finished, killed, stopped = {}, {}, {}
    for plan, r in zip(plans, results):
        if r is None:
            continue
        name = plan["trainee"]
        if r["rc"] == -signal.SIGKILL:
            killed[name] = r
        elif r["rc"] == 0:
            res = shown_result(r["stdout"])
            if res is None:
                fail(f"{name}: exit 0 but no result line:\n{r['stdout'][-600:]}")
            elif res[1] == "unfinished":
                stopped[name] = r  # ran out of keys (should not happen with 70 lines)
            else:
                finished[name] = r
        else:
            fail(f"{name}: exit {r['rc']}, stderr: {r['stderr'].strip()}")
        if r["rc"] != -signal.SIGKILL and r["stderr"].strip():
            fail(f"{name}: wrote to stderr: {r['stderr'].strip()}")
        if r["rc"] == -signal.SIGKILL and product_stderr(r["stderr"]):
            fail(f"{name} (killed): wrote to stderr before the kill: {r['stderr'].strip()}")

    # ---- the report reads the file as the kills left it ----------------------------------------
    left = sorted(f for f in os.listdir(tmp) if f.startswith("results.sqlite"))
    p = subprocess.run([binary, "report", "--db", db, "--format", "csv"], capture_output=True,
                       text=True, timeout=60, cwd=root, env=env)
    if p.returncode != 0 or p.stderr.strip():
        fail(f"report --format csv: exit {p.returncode}, stderr: {p.stderr.strip()}")
    rows = list(csv.DictReader(io.StringIO(p.stdout)))

    # ---- the file itself ------------------------------------------------------------------------
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    integrity = [r[0] for r in con.execute("PRAGMA integrity_check")]
    if integrity != ["ok"]:
        fail(f"PRAGMA integrity_check: {integrity[:5]}")
    fk = con.execute("PRAGMA foreign_key_check").fetchall()
    if fk:
        fail(f"PRAGMA foreign_key_check: {[tuple(r) for r in fk[:5]]}")
    journal = con.execute("PRAGMA journal_mode").fetchone()[0]
    if journal != "wal":
        fail(f"journal_mode is {journal}, not wal")
    sessions = {}
    for s in con.execute("SELECT s.*, t.name AS trainee_name, g.name AS group_name FROM sessions s "
                         "JOIN trainees t ON t.id = s.trainee_id "
                         "LEFT JOIN groups g ON g.id = t.group_id"):
        if s["trainee_name"] in sessions:
            fail(f"{s['trainee_name']}: more than one session")
        sessions[s["trainee_name"]] = dict(s)
    turns = collections.defaultdict(list)
    for t in con.execute("SELECT * FROM turns ORDER BY session_id, seq"):
        turns[t["session_id"]].append(dict(t))
    con.close()

    def trainee_rows(s):
        return [t for t in turns[s["id"]] if t["speaker"] == "trainee"]

    def check_consistent(name, s):
        """replies == trainee lines not taken back, which are turns 1..replies, each once."""
        live = sorted(t["turn"] for t in trainee_rows(s) if not t["taken_back"])
        if live != list(range(1, s["replies"] + 1)):
            fail(f"{name}: replies = {s['replies']} but the trainee lines not taken back are "
                 f"turns {live}")
        seqs = [t["seq"] for t in turns[s["id"]]]
        if seqs != list(range(len(seqs))):
            fail(f"{name}: turn seq numbers are not 0..{len(seqs) - 1}: {seqs}")

    names = {p["trainee"] for p in plans}
    strangers = set(sessions) - names
    if strangers:
        fail(f"sessions of trainees no process played: {sorted(strangers)}")
    for name, s in sessions.items():
        if s["group_name"] != "G":
            fail(f"{name}: group {s['group_name']!r}, not 'G'")

    for name, r in finished.items():
        s = sessions.get(name)
        if s is None:
            fail(f"{name}: finished (exit 0, result shown) but its session is not in the store")
            continue
        score, outcome = shown_result(r["stdout"])
        heads = re.findall(r"^Turn (\d+)$", r["stdout"], re.M)
        want_replies = int(heads[-1]) if heads else 0
        if s["finished"] != 1:
            fail(f"{name}: finished, but the store says finished = {s['finished']}")
        if s["replies"] != want_replies:
            fail(f"{name}: {want_replies} replies in the terminal, {s['replies']} in the store")
        if s["overall"] != score or s["outcome"] != outcome:
            fail(f"{name}: terminal {score} {outcome}, store {s['overall']} {s['outcome']}")
        check_consistent(name, s)

    for name, r in stopped.items():
        s = sessions.get(name)
        if s is None or s["finished"] != 0:
            fail(f"{name}: stopped before the end, store has {s and s['finished']}")

    killed_with_session = killed_after_end = killed_with_replies = killed_with_taken_back = 0
    for name, r in killed.items():
        s = sessions.get(name)
        if s is None:
            continue
        killed_with_session += 1
        rows_ = trainee_rows(s)
        if not s["finished"] and s["replies"] > 0:
            killed_with_replies += 1
        if any(t["taken_back"] for t in rows_):
            killed_with_taken_back += 1
        if len(rows_) > r["fed_replies"]:
            fail(f"{name}: killed after {r['fed_replies']} reply lines fed, but {len(rows_)} "
                 f"trainee lines are stored")
        max_turn = max((t["turn"] for t in turns[s["id"]]), default=0)
        if max_turn > r["fed_replies"] + 1:  # +1: the customer's line after the last reply
            fail(f"{name}: turn {max_turn} stored after {r['fed_replies']} reply lines fed")
        if s["finished"]:
            res = shown_result(r["stdout"])
            if res is None or res[1] == "unfinished":
                fail(f"{name}: killed before its terminal showed the result, yet the store has "
                     f"its session finished")
            else:
                killed_after_end += 1
                score, outcome = res
                if s["overall"] != score or s["outcome"] != outcome:
                    fail(f"{name}: terminal {score} {outcome}, store {s['overall']} {s['outcome']}")
        else:
            if s["ended"] is not None or s["overall"] is not None:
                fail(f"{name}: killed, unfinished, but ended/overall are set: "
                     f"{s['ended']} {s['overall']}")
        check_consistent(name, s)

    # ---- the CSV report: every session once, the unfinished ones marked -------------------------
    by_trainee = collections.defaultdict(list)
    for row in rows:
        by_trainee[row.get("trainee")].append(row)
    if len(rows) != len(sessions):
        fail(f"report: {len(rows)} rows for {len(sessions)} sessions")
    for name, s in sessions.items():
        got = by_trainee.get(name, [])
        if len(got) != 1:
            fail(f"report: {len(got)} rows for {name}")
            continue
        row = got[0]
        if row.get("session") != s["id"]:
            fail(f"report: {name}: session {row.get('session')} != {s['id']}")
        if row.get("finished") != str(s["finished"]):
            fail(f"report: {name}: finished column {row.get('finished')!r}, store {s['finished']}")
        if row.get("replies") != str(s["replies"]):
            fail(f"report: {name}: replies column {row.get('replies')!r}, store {s['replies']}")

    # ---- nothing went elsewhere ---------------------------------------------------------------
    strays = []
    for var in ("XDG_STATE_HOME", "TMPDIR", "HOME", "XDG_DATA_HOME"):
        for dirpath, _, files in os.walk(env[var]):
            strays += [os.path.join(dirpath, f) for f in files]
    if strays:
        fail(f"files written outside the store (fallback?): {strays[:5]}")

    unfinished_rows = sum(1 for r in rows if r.get("finished") == "0")
    print(f"{N_PROCESSES} processes, {PARALLEL} at a time, in {elapsed:.1f} s")
    print(f"finished: {len(finished)}  killed: {len(killed)}  killed with a session: "
          f"{killed_with_session} (of which killed after the end was written: {killed_after_end})"
          f"  killed before the start was written: {len(killed) - killed_with_session}"
          f"  stopped (keys ran out): {len(stopped)}")
    early = sum(1 for p_ in plans if p_["kill"] and p_["trainee"] in finished)
    leak_checked = sum(1 for p_ in plans if not p_["kill"] and p_["trainee"] in finished)
    print(f"finished with the caller's leak check: {leak_checked}; planned kills that found the "
          f"game already ended (run with detect_leaks=0): {early}")
    print(f"killed unfinished sessions with replies stored: {killed_with_replies}, with a reply "
          f"taken back: {killed_with_taken_back}")
    print(f"store: {len(sessions)} sessions, {sum(len(v) for v in turns.values())} lines, "
          f"files after the kills: {', '.join(left)}; integrity_check: {integrity[0]}")
    print(f"report --format csv: {len(rows)} rows, {unfinished_rows} marked unfinished")
    if len(killed) < N_PROCESSES // 4 or len(finished) < N_PROCESSES // 4:
        fail(f"the plan did not give both kinds: {len(finished)} finished, {len(killed)} killed")
    if killed and killed_with_session == 0:
        fail("no kill landed during a session: the test did not test anything")

    if a.keep or FAILURES:
        print(f"kept {tmp}")
    else:
        import shutil
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"store kill -9: {len(FAILURES)} failure(s)")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
