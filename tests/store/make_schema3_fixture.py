#!/usr/bin/env python3
"""Makes tests/store/data/store-schema3.sqlite: a results store exactly as the schema-3 program
wrote it (the stress rounds, before the voice figures of schema 4), and beside it the exports
that program gives of it (store-schema3.json, .csv, .rounds.csv, .xapi.json; times in UTC).

Run once, with a frontline binary and a round_writer (tests/store/round_writer.c) built from the
commit before results schema 4, and the files committed; tests/store/migrate.py then opens the
store with the current program (read as it is, every export compared with the old program's byte
for byte, then upgraded in place, and compared again). Kept so that anyone can see how the
fixture was made:

    python3 tests/store/make_schema3_fixture.py --frontline OLD/frontline \
        --writer OLD/fl_round_writer --root . -o tests/store/data/store-schema3.sqlite

It starts from the schema-2 program's store (tests/data/store-schema2.sqlite: real `frontline
play` sessions: two trainees, a group and none, English and Russian, untimed and timed, a pass, a
critical mistake, a session stopped after one reply, one quit before any reply), upgrades it to
schema 3 with one more real `frontline play`, then writes two stress rounds through the round
recorder API (one closed with its calls, one broken off).
"""
import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--writer", required=True)
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
    shutil.copy(os.path.join(root, "tests/data/store-schema2.sqlite"), out)
    late = os.path.join(root, "scenarios/en/late-delivery.xml")
    ru = os.path.join(root, "scenarios/ru/dostavka-opazdyvaet.xml")
    best = os.path.join(root, "tests/golden/en/late-delivery.best.script")

    def run(args, want=0):
        p = subprocess.run(args, env=env, capture_output=True, text=True, cwd=root)
        if p.returncode != want:
            sys.exit(f"{' '.join(args)}: exit {p.returncode}: {p.stderr}")
        return p.stdout

    run([a.frontline, "play", "--script", best, "--db", out, "--trainee", "oleg", "--untimed",
         late])
    rush = os.path.join(root, "scenarios/rounds/monday-rush.xml")
    run([a.writer, "--db", out, "--trainee", "Марина", "--group", "2026-11-kazan-b",
         "--round-file", rush, "--id", "monday-rush", "--title", "Monday rush", "--lang", "en",
         "--mode", "assessment", "--time-factor", "1.5", f"{late}:1,1,1,1,1", f"{ru}:1,1"])
    run([a.writer, "--db", out, "--trainee", "oleg", "--round-file", rush, "--id",
         "monday-rush", "--title", "Monday rush", "--lang", "en", "--open-only", f"{late}:1"])
    con = sqlite3.connect(out)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print("schema", con.execute("PRAGMA user_version").fetchone()[0],
          "sessions", con.execute("SELECT count(*) FROM sessions").fetchone()[0],
          "rounds", con.execute("SELECT count(*) FROM rounds").fetchone()[0])
    con.close()
    for side in ("-wal", "-shm"):
        if os.path.exists(out + side):
            os.unlink(out + side)
    # What the schema-3 program exports of it. A reader makes -shm and -wal files beside a WAL
    # store: it reads a copy, so that only the store itself is left beside the exports.
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
