#!/usr/bin/env python3
"""Makes tests/store/data/store-schema4.sqlite: a results store exactly as the schema-4 program
wrote it (the voice figures, before the workshop columns of schema 5), and beside it the exports
that program gives of it (store-schema4.json, .csv, .rounds.csv, .xapi.json; times in UTC).

Run once, with a frontline binary built from the commit before results schema 5, and the files
committed; tests/store/schema5.py then opens the store with the current program (read as it is,
every export compared with the old program's byte for byte, then upgraded in place, and compared
again). Kept so that anyone can see how the fixture was made:

    python3 tests/store/schema5_make_fixture.py --frontline OLD/frontline --root . \
        -o tests/store/data/store-schema4.sqlite

It starts from the schema-3 program's store (tests/store/data/store-schema3.sqlite: real
`frontline play` sessions of two languages, groups and none, a pass, a critical mistake, a
session stopped, one quit, and two stress rounds), upgrades it to schema 4 with a real
`frontline play` whose replies were read aloud, then adds a Russian session of a trainee with a
long Cyrillic name in a group.
"""
import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

VOICED = ["start/r-15f63c92 @5", "voice rms=-12.5 peak=-1 rate=6.4 speech=2.1 pauses=0",
          "lookup/r-8269af25 @5", "voice rms=-22 rate=4.2 speech=3 pause=0.4 pauses=1",
          "options/r-b7675e48 @5", "fixed/r-9c9da96c @5"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("-o", "--output", required=True)
    a = ap.parse_args()
    root = os.path.abspath(a.root)
    out = os.path.abspath(a.output)
    if os.path.exists(out):
        sys.exit(f"{out} exists")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="fl-fixture-")
    env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8", XDG_DATA_HOME=tmp + "/data",
               XDG_STATE_HOME=tmp + "/state", HOME=tmp, TZ="UTC")
    shutil.copy(os.path.join(root, "tests/store/data/store-schema3.sqlite"), out)
    late = os.path.join(root, "scenarios/en/late-delivery.xml")
    ru = os.path.join(root, "scenarios/ru/dostavka-opazdyvaet.xml")

    def run(args, want=0):
        p = subprocess.run(args, env=env, capture_output=True, text=True, cwd=root)
        if p.returncode != want:
            sys.exit(f"{' '.join(args)}: exit {p.returncode}: {p.stderr}")
        return p.stdout

    script = os.path.join(tmp, "voiced.script")
    with open(script, "w") as f:
        f.write("\n".join(VOICED) + "\n")
    run([a.frontline, "play", "--script", script, "--db", out, "--trainee", "voiced",
         "--untimed", late])
    ru_best = os.path.join(root, "tests/golden/ru/dostavka-opazdyvaet.best.script")
    run([a.frontline, "play", "--script", ru_best, "--db", out, "--trainee",
         "Александра Константиновна Преображенская-Воскресенская", "--group", "Вечерняя группа",
         "--assessment", "--extension", "x1.5", ru])
    con = sqlite3.connect(out)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print("schema", con.execute("PRAGMA user_version").fetchone()[0],
          "sessions", con.execute("SELECT count(*) FROM sessions").fetchone()[0],
          "rounds", con.execute("SELECT count(*) FROM rounds").fetchone()[0])
    con.close()
    for side in ("-wal", "-shm"):
        if os.path.exists(out + side):
            os.unlink(out + side)
    # What the schema-4 program exports of it, read from a copy (a reader makes -shm and -wal
    # files beside a WAL store).
    copy = os.path.join(tmp, "copy.sqlite")
    shutil.copy(out, copy)
    base = out[:-len(".sqlite")] if out.endswith(".sqlite") else out
    for fmt, ext, extra in (("json", ".json", []), ("csv", ".csv", []),
                            ("csv", ".rounds.csv", ["--rounds"]),
                            ("xapi", ".xapi.json", [])):
        run([a.frontline, "report", "--db", copy, "--format", fmt, "-o", base + ext,
             "--no-progress", "--lang", "en", *extra])
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
