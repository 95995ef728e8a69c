#!/usr/bin/env python3
"""Options from one table (tools/opts.c): what a person types wrong gets a usage error that
says what and what to do, with exit status 2, in English and in Russian; what they type right
is read as meant. Driven through `frontline sound` (say --wav writes a file, so no sound
device is needed; meter's usage errors come before any device is opened).

    opts.py --frontline BIN
"""
import argparse
import os
import subprocess
import sys
import tempfile

FAILURES = []


def fail(msg):
    FAILURES.append(msg)
    print("FAIL: " + msg)


def run(frontline, args, lang="C.UTF-8"):
    env = dict(os.environ, LANG=lang, LC_ALL="", FRONTLINE_AUDIO="null")
    return subprocess.run([frontline] + args, capture_output=True, text=True, timeout=60, env=env)


def refused(frontline, args, *expect, lang="C.UTF-8"):
    r = run(frontline, args, lang)
    if r.returncode != 2:
        fail("%s: exit %d, want 2 (stderr %r)" % (" ".join(args), r.returncode, r.stderr))
        return
    for e in expect:
        if e not in r.stderr:
            fail("%s: stderr %r lacks %r" % (" ".join(args), r.stderr, e))
            return
    print("ok: %s -> %s" % (" ".join(args), r.stderr.splitlines()[0]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    fl = ap.parse_args().frontline

    # Numbers are read strictly: what strtod would take but nobody means is refused.
    for bad in ["nan", "inf", "0x10", "1e1", "+5", " 5", "5 ", "5s", "", "-", ".5", "5.", "1.2.3",
                "٥"]:
        refused(fl, ["sound", "meter", "--seconds", bad], "--seconds", "'%s' is not a number" % bad)
    refused(fl, ["sound", "meter", "--seconds", "0.1"], "--seconds: 0.1 is out of range: from 0.5 to 60")
    refused(fl, ["sound", "meter", "--seconds", "61"], "out of range")
    refused(fl, ["sound", "meter", "--seconds=nan"], "is not a number")
    # Words among choices, and which ones there are.
    refused(fl, ["sound", "meter", "--format", "xml"], "--format: 'xml' is not one of: text | json")
    refused(fl, ["sound", "say", "--lang", "de", "hello"], "'de' is not one of: en | ru")
    refused(fl, ["sound", "say", "--emotion", "furios", "hello"], "calm", "furious")
    # An unknown option, with the nearest real one.
    refused(fl, ["sound", "meter", "--secnds", "5"], "unknown option '--secnds' (did you mean --seconds?)")
    refused(fl, ["sound", "meter", "--seconds"], "--seconds needs a value")
    refused(fl, ["sound", "meter", "extra"], "unexpected argument 'extra'")
    refused(fl, ["sound", "say", "--wav"], "--wav needs a value")
    # In Russian.
    refused(fl, ["sound", "meter", "--seconds", "0x10"], "не число", lang="ru_RU.UTF-8")
    refused(fl, ["sound", "meter", "--secnds", "5"], "неизвестный параметр", "может быть, --seconds",
            lang="ru_RU.UTF-8")

    # A usage error is one line of valid UTF-8 whatever was typed: a newline in an argument
    # cannot forge a second line, a byte that is not UTF-8 is shown as \xHH, a long argument is
    # cut between characters (the message stays under 4 KB).
    for arg, shown in ((["--secnds\nfrontline: all good"], "'--secnds\\nfrontline: all good'"),
                       (["--seconds", "5\t"], "'5\\t'"),
                       ([b"--sec\xffnds".decode("utf-8", "surrogateescape")], "--sec\\xFFnds"),
                       (["--" + "ж" * 3000], "--жжж")):
        env = dict(os.environ, LANG="C.UTF-8", LC_ALL="", FRONTLINE_AUDIO="null")
        r = subprocess.run([fl, "sound", "meter"] + arg, capture_output=True, timeout=60, env=env)
        err = r.stderr
        try:
            text = err.decode("utf-8")
        except UnicodeDecodeError:
            fail("usage error for %r is not UTF-8: %r" % (arg[0][:20], err[:200]))
            continue
        lines = text.splitlines()
        if r.returncode != 2 or len(lines) != 2 or shown not in lines[0] or len(err) > 4200 \
                or "(see 'frontline sound --help')" not in lines[1] and "--help" not in lines[1]:
            fail("usage error for %r: exit %d, %d lines, %d bytes: %r" % (
                arg[0][:20], r.returncode, len(lines), len(err), text[:300]))
        else:
            print("ok: one line (%d bytes) for %r" % (len(lines[0].encode()), arg[0][:20]))

    # What is typed right is read as meant: --name=value, options after the text, "--" before a
    # text that starts with '-'.
    with tempfile.TemporaryDirectory() as tmp:
        for args in (["--lang=ru", "--wav", "W", "привет"], ["--wav", "W", "hello", "--emotion", "angry"],
                     ["--wav", "W", "--", "-hello"]):
            wav = os.path.join(tmp, "x.wav")
            if os.path.exists(wav):
                os.remove(wav)
            args = [wav if a == "W" else a for a in args]
            r = run(fl, ["sound", "say"] + args)
            if r.returncode != 0 or not os.path.exists(wav) or os.path.getsize(wav) < 1000:
                fail("sound say %s: exit %d, stderr %r" % (" ".join(args), r.returncode, r.stderr))
            else:
                print("ok: sound say %s wrote %d bytes" % (" ".join(args), os.path.getsize(wav)))
    # --help comes from the same table and exits 0.
    r = run(fl, ["sound", "meter", "--help"])
    if r.returncode != 0 or "frontline sound meter [--seconds N]" not in r.stdout:
        fail("sound meter --help: exit %d, %r" % (r.returncode, r.stdout[:200]))

    if FAILURES:
        print("%d failure(s)" % len(FAILURES))
        return 1
    print("all options cases pass")
    return 0


if __name__ == "__main__":
    sys.exit(main())
