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
import os
import shutil

from fixture import Fixture

VOICED = ["start/r-15f63c92 @5", "voice rms=-12.5 peak=-1 rate=6.4 speech=2.1 pauses=0",
          "lookup/r-8269af25 @5", "voice rms=-22 rate=4.2 speech=3 pause=0.4 pauses=1",
          "options/r-b7675e48 @5", "fixed/r-9c9da96c @5"]


def main():
    fx = Fixture()
    a, root, out, tmp, run = fx.args, fx.root, fx.out, fx.tmp, fx.run
    shutil.copy(os.path.join(root, "tests/store/data/store-schema3.sqlite"), out)
    late = os.path.join(root, "scenarios/en/late-delivery.xml")
    ru = os.path.join(root, "scenarios/ru/dostavka-opazdyvaet.xml")
    script = os.path.join(tmp, "voiced.script")
    with open(script, "w") as f:
        f.write("\n".join(VOICED) + "\n")
    run([a.frontline, "play", "--script", script, "--db", out, "--trainee", "voiced",
         "--untimed", late])
    ru_best = os.path.join(root, "tests/golden/ru/dostavka-opazdyvaet.best.script")
    run([a.frontline, "play", "--script", ru_best, "--db", out, "--trainee",
         "Александра Константиновна Преображенская-Воскресенская", "--group", "Вечерняя группа",
         "--assessment", "--extension", "x1.5", ru])
    fx.close_and_export()


if __name__ == "__main__":
    main()
