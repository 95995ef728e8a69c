#!/usr/bin/env python3
"""Four processes writing 100 sessions each into one results store.

Four workers start at once (a barrier releases their first play together) on a file that does
not exist yet, so their first processes race to create and migrate it; each then runs 100
`frontline play --script late-delivery.best.script --db DB --trainee wK-i --group G` one after
the other, so that four simulator processes write the same file all the time.

Asserts: each of the 400 processes exits 0 with an empty stderr (no "database is locked", no
fallback message) and prints the golden score; the file has exactly 400 sessions, all finished,
with 400 distinct ids, one per trainee, each with its 4 replies and all its lines; PRAGMA
integrity_check is ok; `frontline report --format csv` has 400 rows; no fallback file was written.

Then the creation race alone, which one long run hits only once: ROUNDS more times, four
processes started together on a fresh file; every one must store its session.
"""
import argparse
import collections
import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

WORKERS = 4
PER_WORKER = 100
ROUNDS = 20
SCENARIO = "scenarios/en/late-delivery.xml"
SCRIPT = "tests/golden/en/late-delivery.best.script"  # 4 replies, 100/100
FAILURES = []
LOCK = threading.Lock()


def fail(what):
    with LOCK:
        FAILURES.append(what)
        print("FAIL:", what, flush=True)


def play(binary, root, env, db, trainee):
    t0 = time.monotonic()
    p = subprocess.run([binary, "play", "--script", SCRIPT, "--db", db, "--trainee", trainee,
                        "--group", "G", SCENARIO], capture_output=True, text=True, timeout=120,
                       cwd=root, env=env)
    return p, time.monotonic() - t0


def check_play(p, trainee, want_overall):
    if p.returncode != 0:
        fail(f"{trainee}: exit {p.returncode}, stderr: {p.stderr.strip()}")
    if p.stderr:
        fail(f"{trainee}: stderr not empty: {p.stderr.strip()}")
    try:
        overall = json.loads(p.stdout)["overall"]
    except (ValueError, KeyError) as e:
        fail(f"{trainee}: no JSON with an overall score ({e})")
        return
    if overall != want_overall:
        fail(f"{trainee}: overall {overall}, golden {want_overall}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    a = ap.parse_args()
    binary, root = os.path.abspath(a.frontline), os.path.abspath(a.root)
    golden = json.load(open(os.path.join(root, "tests/golden/en/late-delivery.best.json"),
                            encoding="utf-8"))
    want_overall, want_replies = golden["overall"], len(golden["transcript"])

    tmp = tempfile.mkdtemp(prefix="fl-concurrent-")
    env = dict(os.environ)
    for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_STATE_HOME", "state"), ("TMPDIR", "tmp"),
                     ("HOME", "home")):
        env[var] = os.path.join(tmp, sub)
        os.makedirs(env[var])
    db = os.path.join(tmp, "results.sqlite")
    assert not os.path.exists(db)

    # ---- 4 x 100 -------------------------------------------------------------------------
    barrier = threading.Barrier(WORKERS)
    times = []

    def worker(k):
        barrier.wait()
        for i in range(PER_WORKER):
            trainee = f"w{k}-{i}"
            p, dt = play(binary, root, env, db, trainee)
            with LOCK:
                times.append(dt)
            check_play(p, trainee, want_overall)

    t0 = time.monotonic()
    threads = [threading.Thread(target=worker, args=(k,)) for k in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - t0

    con = sqlite3.connect(db)
    integrity = [r[0] for r in con.execute("PRAGMA integrity_check")]
    if integrity != ["ok"]:
        fail(f"PRAGMA integrity_check: {integrity[:5]}")
    n, distinct, n_finished = con.execute(
        "SELECT count(*), count(DISTINCT id), sum(finished) FROM sessions").fetchone()
    if (n, distinct, n_finished) != (400, 400, 400):
        fail(f"sessions: {n} rows, {distinct} distinct ids, {n_finished} finished; want 400 each")
    per_trainee = collections.Counter(
        name for (name,) in con.execute(
            "SELECT t.name FROM sessions s JOIN trainees t ON t.id = s.trainee_id"))
    want = {f"w{k}-{i}" for k in range(WORKERS) for i in range(PER_WORKER)}
    missing = sorted(want - set(per_trainee))
    if missing:
        fail(f"{len(missing)} trainees have no session: {missing[:10]}")
    doubles = sorted(t for t, c in per_trainee.items() if c != 1)
    if doubles:
        fail(f"trainees with more than one session: {doubles[:10]}")
    bad = con.execute(
        "SELECT s.id, s.replies, s.overall, (SELECT count(*) FROM turns WHERE session_id = s.id "
        "AND speaker = 'trainee' AND taken_back = 0) FROM sessions s WHERE s.replies != ?1 OR "
        "s.overall != ?2 OR (SELECT count(*) FROM turns WHERE session_id = s.id AND speaker = "
        "'trainee' AND taken_back = 0) != ?1", (want_replies, want_overall)).fetchall()
    if bad:
        fail(f"{len(bad)} sessions without their {want_replies} replies or score "
             f"{want_overall}: {bad[:3]}")
    lines = con.execute("SELECT count(*) FROM turns").fetchone()[0]
    con.close()

    p = subprocess.run([binary, "report", "--db", db, "--format", "csv"], capture_output=True,
                       text=True, timeout=60, cwd=root, env=env)
    if p.returncode != 0 or p.stderr:
        fail(f"report: exit {p.returncode}, stderr: {p.stderr.strip()}")
    rows = list(csv.DictReader(io.StringIO(p.stdout)))
    if len(rows) != 400 or len({r.get("session") for r in rows}) != 400:
        fail(f"report --format csv: {len(rows)} rows, "
             f"{len({r.get('session') for r in rows})} distinct sessions; want 400")
    if any(r.get("finished") != "1" for r in rows):
        fail("report --format csv: some rows are not marked finished")

    times.sort()
    print(f"{WORKERS} workers x {PER_WORKER} sessions into one new file: {elapsed:.1f} s; per "
          f"process median {times[len(times) // 2] * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms")
    print(f"store: {n} sessions ({distinct} distinct ids, {n_finished} finished), {lines} lines, "
          f"integrity_check: {integrity[0]}; report --format csv: {len(rows)} rows")

    # ---- the creation race, again and again ----------------------------------------------------
    t1 = time.monotonic()
    lost = 0
    for r in range(ROUNDS):
        fresh = os.path.join(tmp, f"race{r}.sqlite")
        barrier = threading.Barrier(WORKERS)
        procs = [None] * WORKERS

        def one(k):
            barrier.wait()
            procs[k] = play(binary, root, env, fresh, f"r{r}-{k}")[0]

        threads = [threading.Thread(target=one, args=(k,)) for k in range(WORKERS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for k, p in enumerate(procs):
            check_play(p, f"race round {r}, process {k}", want_overall)
        con = sqlite3.connect(fresh)
        got = con.execute("SELECT count(*) FROM sessions WHERE finished = 1").fetchone()[0]
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        con.close()
        if got != WORKERS or ok != "ok":
            lost += WORKERS - got
            fail(f"race round {r}: {got} of {WORKERS} sessions stored, integrity {ok}")
    print(f"creation race: {ROUNDS} fresh files, {WORKERS} processes started together on each, "
          f"{ROUNDS * WORKERS - lost} of {ROUNDS * WORKERS} sessions stored, "
          f"{time.monotonic() - t1:.1f} s")

    strays = []
    for var in ("XDG_STATE_HOME", "TMPDIR", "HOME", "XDG_DATA_HOME"):
        for dirpath, _, files in os.walk(env[var]):
            strays += [os.path.join(dirpath, f) for f in files]
    if strays:
        fail(f"{len(strays)} files written outside the store (fallback files?): {strays[:3]}")

    if FAILURES:
        print(f"kept {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"store concurrent: {len(FAILURES)} failure(s)")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
