#!/usr/bin/env python3
"""Makes tests/data/store-schema2.sqlite: a results store exactly as the schema-2 program wrote it,
and beside it the exports that program gives of it (store-schema2.json, .csv, .xapi.json; times
in UTC).

Run once, with a frontline binary built from the commit before results schema 3 (the stress
rounds: 2de1004), and the files committed; tests/store/rounds.py then opens the store with the
current program (read as it is, every export compared with the old program's, then upgraded in
place). Kept so that anyone can see how the fixture was made:

    python3 tests/store/make_schema2_fixture.py --frontline OLD/frontline --root . \
        -o tests/data/store-schema2.sqlite

The sessions are real `frontline play` runs: two trainees, a group and none, English and Russian,
untimed and timed, practice and assessment, a pass, a critical mistake, a session stopped after
one reply (unfinished) and one quit before any reply (not attempted).
"""
import os
import sqlite3
import subprocess
import sys

from fixture import Fixture

# late-delivery: the courier's hotline first (a transfer: a critical mistake), then on.
TRANSFER = "2 @5\n1 @5\n1 @5\n1 @5\n2 @5\n"


def main():
    fx = Fixture(tz=None)
    a, root, out, tmp, env = fx.args, fx.root, fx.out, fx.tmp, fx.env
    en = os.path.join(root, "scenarios/en/late-delivery.xml")
    ru = os.path.join(root, "scenarios/ru/dostavka-opazdyvaet.xml")
    best_en = open(os.path.join(root, "tests/golden/en/late-delivery.best.script")).read()
    best_ru = open(os.path.join(root, "tests/golden/ru/dostavka-opazdyvaet.best.script")).read()
    first = [l for l in best_en.splitlines() if l.strip() and not l.startswith("#")][0] + "\n"

    def play(script, scenario, trainee, group, *extra, want=0):
        path = os.path.join(tmp, "s.script")
        with open(path, "w") as f:
            f.write(script)
        args = [a.frontline, "play", "--script", path, "--db", out, "--trainee", trainee]
        if group:
            args += ["--group", group]
        p = subprocess.run(args + list(extra) + [scenario], env=env, capture_output=True,
                           text=True, cwd=root)
        if p.returncode != want:
            sys.exit(f"play {trainee}: exit {p.returncode}: {p.stderr}")

    g = "2026-11-kazan-b"
    play(best_en, en, "Марина", g, "--untimed")                 # baseline: calm and good
    play(TRANSFER, en, "Марина", g, "--untimed")                # baseline: a transfer
    play(best_en, en, "Марина", g)                              # timed: not in a baseline
    play(first, en, "Марина", g, "--untimed", want=1)           # stopped after one reply
    p = subprocess.run([a.frontline, "play", "--text", "--untimed", "--db", out, "--trainee",
                        "Марина", "--group", g, en], env=env, input="q\n",
                       capture_output=True, text=True, cwd=root)
    if p.returncode != 0:
        sys.exit(f"play --text q: exit {p.returncode}: {p.stderr}")
    play(best_ru, ru, "oleg", None, "--untimed", "--assessment")
    play(TRANSFER, en, "oleg", None, "--assessment")
    con = sqlite3.connect(out)
    print("schema", con.execute("PRAGMA user_version").fetchone()[0],
          "sessions", con.execute("SELECT count(*) FROM sessions").fetchone()[0])
    con.close()
    # What the schema-2 program exports of it. A reader makes -shm and -wal files beside a WAL
    # store: it reads a copy, so that only the store itself is left beside the exports.
    copy = os.path.join(tmp, "copy.sqlite")
    with open(out, "rb") as f, open(copy, "wb") as g:
        g.write(f.read())
    base = out[:-len(".sqlite")] if out.endswith(".sqlite") else out
    for fmt, ext in (("json", ".json"), ("csv", ".csv"), ("xapi", ".xapi.json")):
        p = subprocess.run([a.frontline, "report", "--db", copy, "--format", fmt, "-o",
                            base + ext, "--no-progress"], env=dict(env, TZ="UTC"),
                           capture_output=True, text=True, cwd=root)
        if p.returncode != 0:
            sys.exit(f"report {fmt}: exit {p.returncode}: {p.stderr}")


if __name__ == "__main__":
    main()
