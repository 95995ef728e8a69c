#!/usr/bin/env python3
"""Issue 16: `play --script` and `play --round --script` read their numbers strictly.

- Every bad time (`@nan`, `@0x10`, `@inf`, `@1e3`, `@-1`, `@ 5`, `@`, `@5.`, `@.5`, a time past a
  day) is refused with SCRIPT:LINE:COLUMN (the column of the '@'), what is allowed, exit 2, in a
  single conversation's script and in a round's; `@5`, `@0.5`, `@12.250` still work and give
  exactly 5000, 500 and 12250 ms.
- A NUL byte and a byte that is not UTF-8 are errors at their line:column (text after a NUL was
  silently dropped before); a comment line of 100 KiB is read whole; a typed reply of 1,023
  bytes is taken and one of 1,024 is refused at the column where the limit is passed.
- A conversation of 70,001 turns (past the old 16-bit 65,535) keeps every reply; the time of the
  replies adds up in 64 bits and a total past a week is refused with the true reason.
"""
import json
import re

import hard_common as H

ROUND = "scenarios/rounds/monday-rush.xml"
BAD_TIMES = ["@nan", "@0x10", "@inf", "@1e3", "@-1", "@ 5", "@", "@5.", "@.5", "@+5", "@5s",
             "@86400.001", "@99999999999999999999999"]


def script_run(name, text, scenario=None, extra=()):
    path = H.write(name, text)
    args = ["play", "--no-store", "--script", path] + list(extra)
    args += ["--round", ROUND] if scenario is None else [scenario]
    rc, out, err = H.run(args)
    return path, rc, out, err


def bad_times(loop):
    refused = 0
    for kind in ("single", "round"):
        for t in BAD_TIMES:
            line = ("1 %s" if kind == "single" else "1: 1 %s") % t
            text = "# a bad time on line 2\n" + line + "\n"
            path, rc, out, err = script_run("bad.script", text, loop if kind == "single" else None)
            col = line.index("@") + 1
            past = t in ("@86400.001", "@99999999999999999999999")
            words = "is more than a day" if past else "is not a time"
            ok = H.check(rc == 2 and re.search(r"^%s:2:%d: '%s' %s" % (re.escape(path), col,
                                                                       re.escape(t), words), err, re.M)
                         and (past or "such as @5, @0.5 or @12.250" in err),
                         "%s %r: exit %d, stderr %r (want 2, %s:2:%d: '%s' %s)"
                         % (kind, t, rc, err, path, col, t, words))
            refused += ok
    print("bad times: %d of %d refused with LINE:COLUMN and exit 2" % (refused, 2 * len(BAD_TIMES)))


def good_times(loop):
    path, rc, out, err = script_run("good.script", "1 @5\n1 @0.5\n1 @12.250\n2 @0.0005\n", loop,
                                    ["--untimed"])
    ok = H.check(rc == 0, "good times: exit %d %r" % (rc, err))
    if ok:
        ms = [t["agent"]["ms"] for t in json.loads(out)["transcript"]]
        H.check(ms == [5000, 500, 12250, 1], "good times: took %r ms, want [5000, 500, 12250, 1]"
                % ms)
        print("good times: @5 @0.5 @12.250 @0.0005 -> %r ms" % ms)


def bytes_in_lines(loop, typed):
    path, rc, out, err = script_run("nul.script", b"1 @1\n1\x00 garbage\n2\n", loop)
    H.check(rc == 2 and re.search(r"^%s:2:2: a NUL byte" % re.escape(path), err, re.M),
            "NUL: exit %d, stderr %r (want 2 and :2:2: a NUL byte)" % (rc, err))
    path, rc, out, err = script_run("utf.script", "> moment @1\n> привет".encode() + b"\xd0\n", typed)
    H.check(rc == 2 and re.search(r"^%s:2:9: byte 0xD0 is not UTF-8" % re.escape(path), err, re.M),
            "bad UTF-8: exit %d, stderr %r (want 2 and :2:9: byte 0xD0)" % (rc, err))
    path, rc, out, err = script_run("long.script", "#" + "x" * 100 * 1024 + "\n1\n2\n", loop)
    H.check(rc == 0 and len(json.loads(out or "{}").get("transcript", [])) == 2,
            "100 KiB comment line: exit %d %r" % (rc, err[:300]))
    fits = "> moment " + "é" * 507 + "ab"  # the reply after "> ": 7 + 1014 + 2 = 1023 bytes
    assert len(fits[2:].encode()) == 1023
    path, rc, out, err = script_run("fits.script", fits + " @1\n> bye\n", typed)
    ok = H.check(rc == 0, "typed 1023 bytes: exit %d %r" % (rc, err[:300]))
    if ok:
        text = json.loads(out)["transcript"][0]["agent"]["text"]
        H.check(text == fits[2:], "typed 1023 bytes: the reply came back changed")
    over = fits + "c"
    path, rc, out, err = script_run("over.script", "# one too many\n" + over + " @1\n", typed)
    col = len(fits) + 1
    H.check(rc == 2 and re.search(r"^%s:2:%d: the typed reply is 1024 bytes long: a reply holds "
                                  r"at most 1023 bytes" % (re.escape(path), col), err, re.M),
            "typed 1024 bytes: exit %d, stderr %r (want 2 and :2:%d:)" % (rc, err, col))
    print("bytes: NUL and bad UTF-8 at line:column, a 100 KiB line read whole, 1023 typed bytes "
          "taken and 1024 refused")


def many_turns(loop):
    n = 70000
    path, rc, out, err = script_run("many.script", "1\n" * n + "2\n", loop, ["--untimed"])
    ok = H.check(rc == 0, "%d turns: exit %d %r" % (n + 1, rc, err[:300]))
    if ok:
        doc = json.loads(out)
        tr = doc["transcript"]
        H.check(len(tr) == n + 1 and tr[-1]["turn"] == n + 1 and doc["ending"]["turns"] == n + 1,
                "%d turns: transcript %d, last turn %s" % (n + 1, len(tr), tr[-1]["turn"]))
        print("%d turns played, every reply kept" % len(tr))


def time_in_all(loop):
    week = 7 * 86400
    path, rc, out, err = script_run("week.script", "1 @86400\n" * 7 + "2 @0\n", loop,
                                    ["--untimed"])
    ok = H.check(rc == 0, "a week in all: exit %d %r" % (rc, err[:300]))
    if ok:
        el = json.loads(out)["ending"]["elapsed_ms"]
        H.check(el == week * 1000, "a week in all: elapsed %s ms, want %d" % (el, week * 1000))
    path, rc, out, err = script_run("past.script", "1 @86400\n" * 7 + "1 @0.001\n2\n", loop,
                                    ["--untimed"])
    H.check(rc == 2 and re.search(r"^%s:8: the replies up to here take 604800\.001 s in all, "
                                  r"more than the longest conversation a script can play, "
                                  r"604800 s" % re.escape(path), err, re.M),
            "past a week: exit %d, stderr %r" % (rc, err))
    print("time: a week of replies in all plays (elapsed %d ms), a millisecond more is refused"
          % (week * 1000))


def main():
    paths = H.setup()
    bad_times(paths["loop"])
    good_times(paths["loop"])
    bytes_in_lines(paths["loop"], paths["typed"])
    time_in_all(paths["loop"])
    many_turns(paths["loop"])
    H.finish("play.hard.script")


if __name__ == "__main__":
    main()
