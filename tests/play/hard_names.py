#!/usr/bin/env python3
"""Issue 16: names at the command line are valid text of at most the sign-in's 80 characters.

A trainee or group name with a byte that is not UTF-8 used to be stored as it was, and then
`report --format json` left the trainee out and `import` refused the whole export. Now
`play --trainee/--group/--session` (a single conversation and a round) and
`workshop new --group/--title/--session` refuse such a name with exit 2 and a message naming
the option, the byte's position and value and what to do (in Russian under a Russian locale);
a control character and a name longer than 80 characters are refused the same way; nothing is
written. An 80-character Cyrillic name is taken and comes back intact from the store and from
`report --format json`.
"""
import json
import os
import re
import sqlite3

import hard_common as H

LATE = "scenarios/en/late-delivery.xml"
ROUND = "scenarios/rounds/monday-rush.xml"


def refused(args, option, pos, byte, what, lang="C.UTF-8"):
    db = os.path.join(H.TMP, "names.sqlite")
    if os.path.exists(db):
        os.unlink(db)
    rc, out, err = H.run(args + ["--db", db] if args[0] == "play" else args, b"1\n", lang)
    if what == "byte":
        want = r"%s: byte %d \(0x%s\) is not UTF-8 text" % (re.escape(option), pos, byte)
        if lang.startswith("ru"):
            want = r"%s: байт %d \(0x%s\) — не текст UTF-8" % (re.escape(option), pos, byte)
    elif what == "control":
        want = r"%s: byte %d \(0x%s\) is a control character" % (re.escape(option), pos, byte)
    else:
        want = r"%s is %d characters long: a name has at most 80" % (re.escape(option), pos)
    H.check(rc == 2 and re.search(want, err),
            "%r: exit %d, stderr %r (want 2 and /%s/)" % (args[:6], rc, err, want))
    H.check(not os.path.exists(db), "%r: a store was written" % args[:4])


def play_names(loop):
    bad = b"Bad\xffName".decode("utf-8", "surrogateescape")
    cut = "Иван Петро".encode()[:-1].decode("utf-8", "surrogateescape")  # cut inside a letter
    long_ru = "Я" * 81
    for base in (["play", "--script", "-", loop], ["play", "--round", ROUND, "--text"]):
        refused(base + ["--trainee", bad], "--trainee", 4, "FF", "byte")
        refused(base + ["--group", cut], "--group", len("Иван Петро".encode()) - 1, "D0", "byte")
        refused(base + ["--trainee", "Ann\x1b[31m"], "--trainee", 4, "1B", "control")
        refused(base + ["--trainee", long_ru], "--trainee", 81, None, "long")
    refused(["play", "--script", "-", loop, "--trainee", bad], "--trainee", 4, "FF", "byte",
            "ru_RU.UTF-8")
    ws = os.path.join(H.TMP, "w.workshop.xml")
    refused(["play", "--script", "-", loop, "--workshop", ws, "--session", bad], "--session", 4,
            "FF", "byte")
    print("play: bad bytes, a control character and 81 characters refused (exit 2, nothing "
          "stored), for a conversation and a round, in English and Russian")

    db = os.path.join(H.TMP, "good.sqlite")
    name = "Ё" * 79 + "й"
    rc, out, err = H.run(["play", "--script", "-", "--db", db, "--trainee", name, "--group",
                          "Группа №7", loop], b"1\n2\n")
    H.check(rc == 0, "80 characters: exit %d %r" % (rc, err))
    c = sqlite3.connect(db)
    stored = c.execute("SELECT name FROM trainees").fetchall()
    c.close()
    H.check(stored == [(name,)], "80 characters: stored %r" % stored)
    rc, out, err = H.run(["report", "--format", "json", "--db", db])
    doc = json.loads(out or b"[]")
    H.check(rc == 0 and doc and doc[0].get("trainee") == name and doc[0].get("group") == "Группа №7",
            "80 characters: the JSON export has %r" % [(d.get("trainee"), d.get("group")) for d in doc])
    print("play: an 80-character Cyrillic name stored and exported intact")


def workshop_names():
    out = os.path.join(H.TMP, "named.workshop.xml")
    base = ["workshop", "new", "-o", out, "--scenario", "late-delivery"]
    bad = b"Day\xc3".decode("utf-8", "surrogateescape")
    refused(base + ["--title", bad], "--title", 4, "C3", "byte")
    refused(base + ["--title", "Day", "--group", "G" * 81], "--group", 81, None, "long")
    refused(base + ["--title", "Day", "--group", b"\xe9quipe".decode("utf-8", "surrogateescape")],
            "--group", 1, "E9", "byte")
    refused(base + ["--title", "Day", "--session", b"Morn\xffing=09:00-12:00".decode(
        "utf-8", "surrogateescape")], "--session", 5, "FF", "byte")
    H.check(not os.path.exists(out), "workshop new: a file was written for a bad name")
    rc, _, err = H.run(base + ["--title", "День", "--group", "Г" * 80])
    H.check(rc == 0 and os.path.exists(out), "workshop new: 80 characters: exit %d %r" % (rc, err))
    print("workshop new: bad --title/--group/--session refused, 80 characters written")


def main():
    paths = H.setup()
    play_names(paths["loop"])
    workshop_names()
    H.finish("play.hard.names")


if __name__ == "__main__":
    main()
