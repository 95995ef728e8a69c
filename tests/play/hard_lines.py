#!/usr/bin/env python3
"""Issue 16: a line of input is one reply, whatever its length (`play --text`, `workshop new`).

Before, `play --text` cut a line at 8 KiB and fed the rest in as the next replies, even in an
assessment, where a leftover "q" quit the session. Now:
- from a pipe, a 104 KiB typed line whose old 8 KiB leftover was exactly "q" is one reply, cut
  between characters at the desktop's 1,023 bytes with a notice naming the input line; the
  assessment goes on, and the store holds exactly one trainee turn per line sent;
- the same at a choice: a 100 KiB line whose tail reads "1" is one bad answer, not a choice;
- the same in a stress round's terminal (`play --round --text`);
- at a real terminal, a reply longer than the limit is refused with a message and asked again:
  the next, shorter reply is the one stored;
- `workshop new`'s questions at a terminal read whole lines: an answer with a byte that is not
  text and an 81-character group code are asked again, the answer after them is the one written.
"""
import os
import re
import subprocess
import time

import hard_common as H


def piped_long_reply(typed):
    db = os.path.join(H.TMP, "long.sqlite")
    # the old reader returned 8,191 bytes at a time and dropped the 8,192nd: this line's last
    # piece would have been exactly "q", which quits
    long_line = "moment " + "a" * (8192 * 13 - 7) + "q"
    keys = (long_line + "\nmoment again\nbye\n").encode()
    rc, out, err = H.run(["play", "--text", "--assessment", "--db", db, "--trainee", "Long",
                          typed], keys)
    H.check(rc == 0, "long line: exit %d, stderr %r" % (rc, err[-400:]))
    H.check(b"stopped" not in out.lower(), "long line: the session was stopped (a leftover 'q')")
    turns = H.trainee_turns(db)
    H.check(len(turns) == 3, "long line: %d trainee turns stored, want 3 (one per line): %r"
            % (len(turns), [(t[0], t[2][:20]) for t in turns]))
    if turns:
        first = turns[0][2]
        H.check(len(first.encode()) == 1023 and first.startswith("moment aaa"),
                "long line: the first reply is %d bytes, want the first 1023" % len(first.encode()))
    H.check(re.search(r"input line 1: the typed reply was %d bytes long; its first 1023 bytes"
                      % (len(long_line)), err),
            "long line: no notice naming input line 1 and the cut: %r" % err[-400:])
    print("piped: a %d-byte line is one reply of 1023 bytes, 3 lines -> %d turns"
          % (len(long_line), len(turns)))

    # a Cyrillic reply is cut between characters (2-byte letters: 511 of them, 1022 bytes)
    db2 = os.path.join(H.TMP, "cyr.sqlite")
    cyr = "moment " + "я" * 3000
    rc, out, err = H.run(["play", "--text", "--db", db2, typed], (cyr + "\nbye\n").encode())
    turns = H.trainee_turns(db2)
    H.check(rc == 0 and len(turns) == 2, "cyrillic: exit %d, %d turns" % (rc, len(turns)))
    if turns:
        b = turns[0][2].encode()
        H.check(len(b) <= 1023 and b.decode("utf-8") == cyr[:len(turns[0][2])],
                "cyrillic: the cut reply is not a prefix of whole characters (%d bytes)" % len(b))
        print("piped: a Cyrillic reply cut at %d bytes, %d characters" % (len(b), len(turns[0][2])))


ROUND_XML = """<?xml version="1.0" encoding="UTF-8"?>
<round id="one-typed" version="1" lang="en">
  <title>One typed</title>
  <draw>
    <scenario path="typed.xml"/>
  </draw>
  <customers total="1" at-once="1" seed="7"/>
  <levels>
    <level limit="60" every="1"/>
  </levels>
</round>
"""


def piped_long_round():
    """The stress round's terminal reads the same way: the long line is one reply of call 1."""
    rnd = H.write("one.round.xml", ROUND_XML)  # beside typed.xml
    db = os.path.join(H.TMP, "round.sqlite")
    long_line = "moment " + "a" * (8192 * 13 - 7) + "q"
    p = subprocess.Popen([H.BIN, "play", "--round", rnd, "--text", "--db", db],
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, cwd=H.ROOT, env=H.env_for())
    try:
        time.sleep(2.5)  # the customer arrives and types before the line can be answered
        p.stdin.write((long_line + "\n").encode())
        p.stdin.flush()
        time.sleep(1)
        p.stdin.write(b"bye\n")
        p.stdin.flush()
        time.sleep(1)
        out, err = p.communicate(timeout=60)
    except Exception:
        p.kill()
        p.communicate()
        raise
    turns = H.trainee_turns(db)
    H.check(p.returncode == 0 and [len(t[2].encode()) for t in turns] == [1023, 3],
            "round: exit %d, replies of %r bytes (want [1023, 3]): %r"
            % (p.returncode, [len(t[2].encode()) for t in turns], err[-300:]))
    H.check(b"input line 1: the typed reply was %d bytes long" % len(long_line) in err,
            "round: no notice: %r" % err[-300:])
    print("round: the long line is one reply of call 1 (1023 bytes), then 'bye' ends it")


def piped_long_choice(loop):
    db = os.path.join(H.TMP, "choice.sqlite")
    line = "x" * (100 * 1024) + "1"  # its tail would have been read as choice 1
    rc, out, err = H.run(["play", "--text", "--assessment", "--db", db, loop],
                         (line + "\n2\n").encode())
    turns = H.trainee_turns(db)
    bad = len(re.findall(rb"Please enter a number from 1 to 2", out))
    H.check(rc == 0 and len(turns) == 1 and bad == 1,
            "long choice: exit %d, %d turns (want 1), %d 'enter a number' (want 1)"
            % (rc, len(turns), bad))
    print("piped: a 100 KiB line at a choice is one bad answer, then '2' ends the call")


def terminal_long_reply(typed):
    db = os.path.join(H.TMP, "tty.sqlite")
    t = H.Pty(["play", "--text", "--untimed", "--db", db, typed])
    try:
        H.check(t.expect(rb"Press Enter"), "tty: no briefing pause: %r" % t.out[-300:])
        t.send(b"\n")
        H.check(t.expect(rb"Type your reply"), "tty: no prompt: %r" % t.out[-300:])
        t.send(b"moment " + b"z" * 1100 + b"\n")  # a terminal line holds 4,095 bytes
        H.check(t.expect(rb"Your reply is 1107 characters long; a reply holds at most 1023 bytes"),
                "tty: no 'too long' message: %r" % t.out[-500:])
        t.send(b"bye\n")
        H.check(t.expect(rb"Result: \d+/100"), "tty: no result: %r" % t.out[-500:])
    finally:
        rc = t.close()
    H.check(rc == 0, "tty: exit %r" % rc)
    turns = H.trainee_turns(db)
    H.check([x[2] for x in turns] == ["bye"],
            "tty: stored replies %r, want only 'bye'" % [x[2][:30] for x in turns])
    print("terminal: a 1107-character reply is asked again; the store holds the next one only")


def workshop_group_too_long():
    out_file = os.path.join(H.TMP, "day.workshop.xml")
    t = H.Pty(["workshop", "new", "-o", out_file, "--title", "Day"])
    try:
        H.check(t.expect(rb"Group code"), "workshop: no group question: %r" % t.out[-300:])
        t.send(b"Bad\xffGroup\n")  # not UTF-8 under a UTF-8 locale: asked again, not kept
        H.check(t.expect(rb"Character 4 of that answer is not text in this terminal's encoding"),
                "workshop: an answer with a bad byte was not asked again: %r" % t.out[-400:])
        t.send(("Г" * 81 + "\n").encode())
        H.check(t.expect(rb"That is 81 characters long: a group code has at most 80"),
                "workshop: an 81-character group was not asked again: %r" % t.out[-400:])
        t.send("Группа-7\n".encode())
        H.check(t.expect(rb"Numbers of the day"), "workshop: no items question: %r" % t.out[-300:])
        t.send(b"late-delivery\n")
        H.check(t.expect(rb"Mode: "), "workshop: no mode question: %r" % t.out[-300:])
        t.send(b"\n")
        H.check(t.expect(rb"Sessions of the day"), "workshop: no sessions question")
        t.send(b"-\n")
        t.expect(rb"Checked with lint", 20)
    finally:
        rc = t.close()
    ok = os.path.exists(out_file)
    H.check(ok, "workshop: no file written (exit %r): %r" % (rc, t.out[-600:]))
    if ok:
        text = open(out_file, encoding="utf-8").read()
        H.check("<group>Группа-7</group>" in text, "workshop: the group written is not the "
                "second answer: %r" % text[:400])
    print("workshop new: an 81-character group code asked again, the next one written")


def main():
    paths = H.setup()
    piped_long_reply(paths["typed"])
    piped_long_choice(paths["loop"])
    piped_long_round()
    terminal_long_reply(paths["typed"])
    workshop_group_too_long()
    H.finish("play.hard.lines")


if __name__ == "__main__":
    main()
