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
import os
import shutil

from fixture import Fixture


def main():
    fx = Fixture("--writer")
    a, root, out, run = fx.args, fx.root, fx.out, fx.run
    shutil.copy(os.path.join(root, "tests/data/store-schema2.sqlite"), out)
    late = os.path.join(root, "scenarios/en/late-delivery.xml")
    ru = os.path.join(root, "scenarios/ru/dostavka-opazdyvaet.xml")
    best = os.path.join(root, "tests/golden/en/late-delivery.best.script")
    run([a.frontline, "play", "--script", best, "--db", out, "--trainee", "oleg", "--untimed",
         late])
    rush = os.path.join(root, "scenarios/rounds/monday-rush.xml")
    run([a.writer, "--db", out, "--trainee", "Марина", "--group", "2026-11-kazan-b",
         "--round-file", rush, "--id", "monday-rush", "--title", "Monday rush", "--lang", "en",
         "--mode", "assessment", "--time-factor", "1.5", f"{late}:1,1,1,1,1", f"{ru}:1,1"])
    run([a.writer, "--db", out, "--trainee", "oleg", "--round-file", rush, "--id",
         "monday-rush", "--title", "Monday rush", "--lang", "en", "--open-only", f"{late}:1"])
    fx.close_and_export()


if __name__ == "__main__":
    main()
