#!/usr/bin/env python3
"""Files that are not regular files, given where Frontline expects a scenario, a round or a
workshop file: every one is refused at once with what it is, named, and nothing ever hangs.

Until issue 16 a FIFO named *.xml hung `frontline lint` (given as a file, or met in a folder
given to lint), the desktop's library scan of --scenarios DIR and every command that loads a
scenario: opening a FIFO for reading blocks until a writer comes. Each case here makes the real
thing (mkfifo, a bound UNIX socket, /dev/null and /dev/zero) and runs the real program with a
timeout, so a regression fails the part ("hung") rather than the whole run.

Parts (--only NAME; all by default):
  lint       lint given a FIFO, a device, a socket: one "io" error at file level naming what it
             is (text, JSON, Russian), exit 1, the summary;
  lint-dir   a folder holding a FIFO named x.xml beside a clean scenario: the FIFO listed with
             its error, the scenario checked, a FIFO not named *.xml ignored;
  commands   play --text, play --script, explore and graph given a FIFO as the scenario, play
             --round a FIFO as the round, play --workshop a FIFO as the workshop file: exit 1
             and the reason on standard error;
  round      a round drawing by tag from a folder that holds a FIFO x.xml: the FIFO skipped with
             a warning, the round clean otherwise; a round naming a FIFO by path: an error;
  workshop   a workshop naming a FIFO by path: an error naming what it is;
  desktop    the desktop (SDL's offscreen driver) started with --scenarios DIR holding a FIFO,
             and with the FIFO as the scenario to open: it reaches its first frame.

usage: fifo.py --frontline BIN --root SOURCE_DIR [--only PART] [check]
"""
import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile

CONFIG = tempfile.TemporaryDirectory()
ENGLISH = dict(os.environ, LANG="C.UTF-8", LC_ALL="", LC_MESSAGES="", XDG_CONFIG_HOME=CONFIG.name)
RUSSIAN = dict(ENGLISH, LANG="ru_RU.UTF-8")
TIMEOUT = 20  # seconds: each run takes well under one; a blocking open never returns

FIFO_EN = "is a named pipe (FIFO), not a regular file: give the file itself, saved on disk"
FIFO_RU = ("это именованный канал (FIFO), а не обычный файл: укажите сам файл, сохранённый "
           "на диске")
DEVICE_EN = "is a device, not a regular file: give a file saved on disk"
SOCKET_EN = "is a socket or another special file, not a regular file: give a file saved on disk"


class Failure(Exception):
    pass


def run(frontline, args, env=ENGLISH, cwd=None, extra_env=None):
    e = dict(env, **(extra_env or {}))
    try:
        p = subprocess.run([frontline, *args], capture_output=True, text=True, timeout=TIMEOUT,
                           env=e, cwd=cwd, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise Failure(f"frontline {' '.join(args)}: hung (no answer in {TIMEOUT} s)")
    return p.returncode, p.stdout, p.stderr


def expect(cond, what, out=""):
    if not cond:
        raise Failure(what + (f"\n--- output:\n{out}" if out else ""))


def part_lint(a, tmp):
    fifo = os.path.join(tmp, "pipe.xml")
    os.mkfifo(fifo)
    rc, out, err = run(a.frontline, ["lint", fifo])
    expect(rc == 1, f"lint FIFO: exit {rc}, expected 1", out + err)
    expect(out == f"{fifo}: error: {FIFO_EN} [io]\n1 file checked: 1 error, 0 warnings\n",
           "lint FIFO: not the one io error and the summary", out + err)

    rc, out, err = run(a.frontline, ["lint", "--format", "json", fifo])
    doc = json.loads(out)
    expect(rc == 1 and doc["errors"] == 1 and doc["diagnostics"] == [{
        "file": fifo, "line": None, "column": None, "severity": "error", "rule": "io",
        "message": FIFO_EN}], "lint --format json FIFO", out + err)

    rc, out, err = run(a.frontline, ["lint", fifo], env=RUSSIAN)
    expect(rc == 1 and out.startswith(f"{fifo}: ошибка: {FIFO_RU} [io]\n"),
           "lint FIFO in Russian", out + err)

    for path, words in (("/dev/null", DEVICE_EN), ("/dev/zero", DEVICE_EN)):
        rc, out, err = run(a.frontline, ["lint", path])
        expect(rc == 1 and out.startswith(f"{path}: error: {words} [io]\n"),
               f"lint {path}: exit {rc}", out + err)

    sock_path = os.path.join(tmp, "sock.xml")
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(sock_path)
    s.listen(1)
    try:
        rc, out, err = run(a.frontline, ["lint", sock_path])
        expect(rc == 1 and out.startswith(f"{sock_path}: error: {SOCKET_EN} [io]\n"),
               f"lint socket: exit {rc}", out + err)
    finally:
        s.close()


def part_lint_dir(a, tmp):
    lib = os.path.join(tmp, "lib")
    os.mkdir(lib)
    shutil.copy(os.path.join(a.root, "scenarios/en/late-delivery.xml"), lib)
    os.mkfifo(os.path.join(lib, "x.xml"))
    os.mkfifo(os.path.join(lib, "notes.txt"))  # not *.xml: not lint's business
    rc, out, err = run(a.frontline, ["lint", lib])
    expect(rc == 1, f"lint DIR: exit {rc}, expected 1", out + err)
    expect(out == f"{lib}/x.xml: error: {FIFO_EN} [io]\n2 files checked: 1 error, 0 warnings\n",
           "lint DIR: the FIFO listed with its error, the scenario checked clean", out + err)


def part_commands(a, tmp):
    fifo = os.path.join(tmp, "pipe.xml")
    os.mkfifo(fifo)
    script = os.path.join(tmp, "s.script")
    with open(script, "w") as f:
        f.write("1 @5\n")
    scenario = os.path.join(a.root, "scenarios/en/late-delivery.xml")
    for args in (["play", "--text", fifo], ["play", "--script", script, fifo],
                 ["explore", fifo], ["graph", fifo], ["play", "--round", fifo, "--script", script],
                 ["play", "--workshop", fifo, "--text", scenario]):
        rc, out, err = run(a.frontline, args)
        expect(rc == 1, f"frontline {' '.join(args)}: exit {rc}, expected 1", out + err)
        expect(f"{fifo}: error: {FIFO_EN} [io]" in err,
               f"frontline {' '.join(args)}: the reason is not on standard error", out + err)


ROUND = """<?xml version="1.0" encoding="UTF-8"?>
<round id="fifo-round" version="1" lang="en">
  <title>A round with a pipe in its folder</title>
  <draw>
    {draw}
  </draw>
  <customers total="4" at-once="2" seed="7"/>
  <levels>
    <level limit="30" every="45"/>
  </levels>
</round>
"""


def part_round(a, tmp):
    lib = os.path.join(tmp, "lib")
    os.mkdir(lib)
    shutil.copy(os.path.join(a.root, "scenarios/en/late-delivery.xml"), lib)
    os.mkfifo(os.path.join(lib, "x.xml"))
    rounds = os.path.join(tmp, "rounds")
    os.mkdir(rounds)
    by_tag = os.path.join(rounds, "by-tag.xml")
    with open(by_tag, "w") as f:
        f.write(ROUND.format(draw='<scenarios tag="complaint" dir="../lib"/>'))
    rc, out, err = run(a.frontline, ["lint", by_tag])
    lines = out.splitlines()
    expect(rc == 0, f"lint round by tag: exit {rc}, expected 0 (a warning)", out + err)
    expect(len(lines) == 2 and lines[0].startswith(f"{by_tag}:5:21: warning: '../lib/x.xml' "
                                                   f"{FIFO_EN}; it is skipped [round-scenario-ok]")
           and lines[1] == "1 file checked: 0 errors, 1 warning",
           "lint round by tag: the FIFO skipped with one warning", out + err)

    by_path = os.path.join(rounds, "by-path.xml")
    with open(by_path, "w") as f:
        f.write(ROUND.format(draw='<scenario path="../lib/x.xml"/>'))
    rc, out, err = run(a.frontline, ["lint", by_path])
    expect(rc == 1 and f"error: path=\"../lib/x.xml\": {FIFO_EN} [round-path-exists]" in out,
           f"lint round naming a FIFO: exit {rc}", out + err)


WORKSHOP = """<?xml version="1.0" encoding="UTF-8"?>
<workshop id="fifo-day" version="1" lang="en">
  <title>A day with a pipe</title>
  <group>fifo-a</group>
  <rules mode="practice" timed="no" extension="choice"/>
  <library>
    <scenario path="lib/x.xml"/>
  </library>
</workshop>
"""


def part_workshop(a, tmp):
    lib = os.path.join(tmp, "lib")
    os.mkdir(lib)
    os.mkfifo(os.path.join(lib, "x.xml"))
    w = os.path.join(tmp, "day.workshop.xml")
    with open(w, "w") as f:
        f.write(WORKSHOP)
    rc, out, err = run(a.frontline, ["lint", w])
    expect(rc == 1 and f"error: path=\"lib/x.xml\" {FIFO_EN} [workshop-path-exists]" in out,
           f"lint workshop naming a FIFO: exit {rc}", out + err)


def part_desktop(a, tmp):
    lib = os.path.join(tmp, "lib")
    os.mkdir(lib)
    shutil.copy(os.path.join(a.root, "scenarios/en/late-delivery.xml"), lib)
    fifo = os.path.join(lib, "x.xml")
    os.mkfifo(fifo)
    desk = {"SDL_VIDEODRIVER": "offscreen", "FRONTLINE_TRACE": "exit", "SDL_AUDIODRIVER": "dummy"}
    for args in (["--scenarios", lib], ["--scenarios", lib, fifo]):
        rc, out, err = run(a.frontline, args, extra_env=desk)
        expect(rc == 0 and "trace: first-frame" in err,
               f"frontline {' '.join(args)} (desktop): exit {rc}, no first frame", out + err)


PARTS = {
    "lint": part_lint,
    "lint-dir": part_lint_dir,
    "commands": part_commands,
    "round": part_round,
    "workshop": part_workshop,
    "desktop": part_desktop,
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--only", choices=sorted(PARTS))
    ap.add_argument("mode", nargs="?", default="check", choices=["check"])
    a = ap.parse_args()
    a.frontline = os.path.abspath(a.frontline)
    a.root = os.path.abspath(a.root)
    failures = 0
    for name, part in PARTS.items():
        if a.only and name != a.only:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            try:
                part(a, tmp)
                print(f"ok   {name}")
            except Failure as e:
                failures += 1
                print(f"FAIL {name}: {e}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
