#!/usr/bin/env python3
"""Exports never write over a results store, and a results store is a regular file (issue 16).

Part 1, the output. A real store made by `frontline play --script`; then `report -o X --force`
for every way X can be that store or another SQLite file: the store's own path, a symbolic link
to it, a hard link, another spelling of its path ("sub/../results.sqlite"), its -wal and
-journal names (absent: they would become its log), an SQLite file that is no --db at all, and
standard output appended (>>) into the store. Each must exit 2 with a message naming the file,
and the store's bytes (sha256) and folder must be as before. A control: the same command with
an ordinary file is replaced (exit 0), so the refusals are the guard's.

Part 2, store paths (game/store/store.c fl_store_open): `report --db`, `import --db` and
`play --db` given a FIFO, /dev/null, ":memory:", a "file:" URI, a folder and a socket: refused
at once (each run has 10 s; a FIFO used to hang forever, ":memory:" to spin for 15 s) with a
message naming the path and what it is, exit not 0, and no "*-journal"/"*-wal" made beside them
(as root, SQLite used to make /dev/null-journal).

Part 3, usage errors (tools/report.c): arguments with a line break, a tab, an escape byte, or
long Cyrillic text give exit 2 and the one line "frontline report: ..." (then the usual hint),
valid UTF-8, the control bytes escaped (\\n, \\t, \\xNN), cut only between characters.
"""
import argparse
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time

from hard_common import FAILS, check, finish, play, private, run, sha


def listing(d):
    return sorted(os.listdir(d))


def guard_output(fl, root):
    tmp, env = private("fl-hard-guard-")
    db = os.path.join(tmp, "results.sqlite")
    if not play(fl, root, db, env):
        return tmp
    os.makedirs(os.path.join(tmp, "sub"))
    os.symlink(db, os.path.join(tmp, "link.csv"))
    os.link(db, os.path.join(tmp, "hard.csv"))
    other = os.path.join(tmp, "other.db")
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    cases = [
        ("the store itself", db, "results store"),
        ("a symbolic link to the store", os.path.join(tmp, "link.csv"), "results store"),
        ("a hard link to the store", os.path.join(tmp, "hard.csv"), "results store"),
        ("another spelling of its path", os.path.join(tmp, "sub", "..", "results.sqlite"),
         "results store"),
        ("its -wal name", db + "-wal", "journal"),
        ("its -journal name", db + "-journal", "journal"),
        ("an SQLite file that is no --db", other, "SQLite database"),
    ]
    for fmt in ("csv", "json", "html"):
        for what, out, word in cases:
            before = {p: sha(p) for p in (db, other)}
            files = listing(tmp)
            p = run([fl, "report", "--db", db, "--format", fmt, "-o", out, "--force"], env)
            err = p.stderr.decode("utf-8", "replace")
            check(p.returncode == 2, "%s %s: exit 2 (got %s)" % (fmt, what, p.returncode))
            check(word in err and os.path.basename(out) in err,
                  "%s %s: the message names the file and says %r: %r" % (fmt, what, word, err))
            check({p: sha(p) for p in (db, other)} == before,
                  "%s %s: the store's bytes are unchanged" % (fmt, what))
            check(listing(tmp) == files, "%s %s: nothing made or removed in the folder: %s -> %s"
                  % (fmt, what, files, listing(tmp)))
    # the store is still a store: a report of it works and has the session
    p = run([fl, "report", "--db", db, "--format", "json"], env)
    check(p.returncode == 0 and b'"trainee"' in p.stdout, "the store reads after the refusals")
    # standard output appended into the store
    before = sha(db)
    with open(db, "ab") as f:
        p = subprocess.run([fl, "report", "--db", db], env=env, stdout=f,
                           stderr=subprocess.PIPE, timeout=60)
    check(p.returncode == 2 and b"standard output" in p.stderr,
          "report >> store: exit 2, says standard output is the store (%s %r)"
          % (p.returncode, p.stderr[-300:]))
    check(sha(db) == before, "report >> store: the store's bytes are unchanged")
    # standard output appended into an SQLite file that is no --db
    before = sha(other)
    with open(other, "ab") as f:
        p = subprocess.run([fl, "report", "--db", db], env=env, stdout=f,
                           stderr=subprocess.PIPE, timeout=60)
    check(p.returncode == 2 and b"SQLite" in p.stderr and sha(other) == before,
          "report >> other.db: exit 2, intact (%s %r)" % (p.returncode, p.stderr[-300:]))
    # the same through the default store (no --db): XDG_DATA_HOME's results.sqlite
    ddb = os.path.join(env["XDG_DATA_HOME"], "frontline", "results.sqlite")
    os.makedirs(os.path.dirname(ddb))
    play(fl, root, ddb, env)
    before = sha(ddb)
    p = run([fl, "report", "-o", ddb, "--force"], env)
    check(p.returncode == 2 and sha(ddb) == before, "the default store as -o: exit 2, intact")
    # control: an ordinary file is replaced with --force, so the refusals above are the guard's
    plain = os.path.join(tmp, "week.csv")
    with open(plain, "w") as f:
        f.write("old\n")
    p = run([fl, "report", "--db", db, "-o", plain, "--force"], env)
    check(p.returncode == 0 and open(plain).read() != "old\n",
          "control: an ordinary file is replaced with --force (exit %s)" % p.returncode)
    p = run([fl, "report", "--db", db, "-o", plain], env)
    check(p.returncode == 1 and b"--force" in p.stderr, "control: without --force, kept")
    print("output guard: %d cases x 3 formats, >> and the default store" % len(cases))
    return tmp


def journals_beside(path):
    d = os.path.dirname(path) or "."
    base = os.path.basename(path)
    try:
        return [n for n in os.listdir(d) if n.startswith(base + "-")]
    except OSError:
        return []


def store_paths(fl, root, tmp):
    paths_tmp, env = private("fl-hard-paths-")
    shutil.rmtree(paths_tmp)  # only its environment is used; its folders are made again inside tmp
    for var in ("XDG_DATA_HOME", "XDG_STATE_HOME", "HOME", "XDG_CONFIG_HOME"):
        env[var] = os.path.join(tmp, "paths-" + var.lower())
        os.makedirs(env[var])
    fifo = os.path.join(tmp, "results.fifo")
    os.mkfifo(fifo)
    folder = os.path.join(tmp, "afolder")
    os.makedirs(folder)
    sockpath = os.path.join(tmp, "results.sock")
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.bind(sockpath)
    xml = os.path.join(root, "scenarios", "en", "late-delivery.xml")
    script = os.path.join(root, "tests", "golden", "en", "late-delivery.best.script")
    export = os.path.join(tmp, "export.json")
    good = os.path.join(tmp, "good.sqlite")
    play(fl, root, good, env)
    p = run([fl, "report", "--db", good, "--format", "json", "-o", export], env)
    check(p.returncode == 0, "an export to import")
    cases = [
        ("a FIFO", fifo, "FIFO"),
        ("/dev/null", "/dev/null", "device"),
        (":memory:", ":memory:", "memory"),
        ("a file: URI", "file:" + os.path.join(tmp, "x.sqlite"), "URI"),
        ("a folder", folder, "folder"),
        ("a socket", sockpath, "socket"),
    ]
    for what, path, word in cases:
        for cmd in (["report", "--db", path],
                    ["import", "--db", path, export],
                    ["play", "--script", script, "--db", path, xml]):
            t0 = time.monotonic()
            p = run([fl] + cmd, env, timeout=10)
            took = time.monotonic() - t0
            err = p.stderr.decode("utf-8", "replace")
            name = cmd[0]
            check(p.returncode is not None, "%s --db %s: returns (no hang)" % (name, what))
            check(took < 5, "%s --db %s: at once (%.1f s)" % (name, what, took))
            if name == "play":
                check(p.returncode == 0, "play --db %s: plays on to the fallback file, exit 0 "
                      "(%s)" % (what, p.returncode))
                # play goes on and saves to its fallback file, naming the store's refusal
                check(word.lower() in err.lower() and path in err,
                      "play --db %s: the notice names %s and says %r: %r" % (what, path, word, err))
            else:
                check(p.returncode == 1, "%s --db %s: exit 1 (%s)" % (name, what, p.returncode))
                check(word.lower() in err.lower() and path in err,
                      "%s --db %s: the message names it and says %r: %r" % (name, what, word, err))
            if path.startswith("/"):
                check(not journals_beside(path), "%s --db %s: nothing beside it: %s"
                      % (name, what, journals_beside(path)))
        print("store path %s: refused by report, import and play" % what)
    check(not os.path.exists("/dev/null-journal"), "no /dev/null-journal")
    check(not os.path.exists(":memory:") and not os.path.exists("file:"),
          "no file named :memory: made in the working folder")
    srv.close()


def usage_one_line(fl, root, tmp):
    """Part 3: a usage error quotes the arguments as typed, yet stays one line of UTF-8 (F3, F3b).

    The fuzzer's inputs (tests/fuzz/regress/report_args/*, arguments separated by NUL bytes), a
    bare line break, a tab, an escape byte and a long Cyrillic argument: exit 2, the message is
    the one line "frontline report: ..." followed by the same hint as for a plain wrong word, all
    valid UTF-8, the control bytes shown as \\n, \\t, \\xNN, and never cut inside a character."""
    env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8",
               XDG_CONFIG_HOME=os.path.join(tmp, "config"))
    plain = run([fl, "report", "bogus"], env, timeout=10)
    check(plain.returncode == 2, "control: report bogus: exit 2 (%s)" % plain.returncode)
    hint = plain.stderr.split(b"\n")[1:]
    regress = os.path.join(root, "tests", "fuzz", "regress", "report_args")
    cases = []
    for name in sorted(os.listdir(regress)):
        with open(os.path.join(regress, name), "rb") as f:
            cases.append((name, f.read().split(b"\0"), None))
    long_ru = "я" * 3000
    cases += [
        ("a line break", [b"\n"], b"\\n"),
        ("a tab", [b"a\tb"], b"a\\tb"),
        ("an escape byte", [b"\x1b[31mred"], b"\\x1B[31mred"),
        ("a long Cyrillic argument", [long_ru.encode()], "яяя".encode()),
        ("a long Cyrillic option", [("--" + long_ru).encode()], "--яяя".encode()),
        ("a Cyrillic option with a line break", ["--абвгд\n".encode()], "--абвгд\\n".encode()),
    ]
    for what, args, shown in cases:
        p = run([fl, "report"] + args, env, timeout=10)
        lines = p.stderr.split(b"\n")
        check(p.returncode == 2, "report <%s>: exit 2 (%s)" % (what, p.returncode))
        check(lines[1:] == hint and lines[0].startswith(b"frontline report: "),
              "report <%s>: one line and the hint: %r" % (what, p.stderr[:300]))
        try:
            p.stderr.decode("utf-8")
            valid = True
        except UnicodeDecodeError:
            valid = False
        check(valid, "report <%s>: the message is valid UTF-8: %r" % (what, p.stderr[-300:]))
        if shown:
            check(shown in lines[0], "report <%s>: %r shown: %r" % (what, shown, lines[0][:200]))
    print("usage errors: one line of UTF-8 for %d hostile arguments" % len(cases))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    a = ap.parse_args()
    fl = os.path.abspath(a.frontline)
    tmp = guard_output(fl, a.root)
    store_paths(fl, a.root, tmp)
    usage_one_line(fl, a.root, tmp)
    return finish(tmp, "exports never over a store; stores are regular files")


if __name__ == "__main__":
    sys.exit(main())
