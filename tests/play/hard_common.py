"""What the tests of issue 16's input boundary (tests/play/hard_*.py) share: running the real
`frontline` with a pinned environment and a timeout, a real pseudo-terminal, the results store
read with sqlite3, and two small scenarios written for the tests (a reply that loops back, so a
conversation lasts as many turns as a test wants)."""
import argparse
import os
import pty
import re
import select
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

FAILURES = []
BIN = ROOT = None
TMP = tempfile.mkdtemp(prefix="fl-hard-play-")
CONFIG = os.path.join(TMP, "config")  # no settings.json: the locale speaks
os.makedirs(CONFIG, exist_ok=True)

# A choice that loops back to its own node ("1") and one that ends the call ("2").
LOOP_XML = """<?xml version="1.0" encoding="UTF-8"?>
<scenario id="hard-loop" version="1" lang="en">
  <title>On hold</title>
  <brief>A customer waits.</brief>
  <customer name="Sam"><start/></customer>
  <node id="start">
    <say>Hello?</say>
    <reply id="hold" to="start">One moment, please.</reply>
    <reply id="fin" to="done" signals="resolve">Found it.</reply>
  </node>
  <ending id="done" outcome="resolved"/>
</scenario>
"""

# Typed words with "moment" loop back; anything else ends the call.
TYPED_XML = """<?xml version="1.0" encoding="UTF-8"?>
<scenario id="hard-typed" version="1" lang="en">
  <title>On hold, typed</title>
  <brief>A customer waits.</brief>
  <customer name="Sam"><start/></customer>
  <node id="start">
    <say>Hello?</say>
    <input>
      <route id="wait" to="start" match="moment"/>
      <fallback id="fb" to="done"/>
    </input>
  </node>
  <ending id="done" outcome="resolved"/>
</scenario>
"""


def check(cond, what):
    if not cond:
        FAILURES.append(what)
        print("FAIL: " + what)
    return cond


def setup():
    """Parses --frontline and --root; writes the test scenarios. Returns their paths."""
    global BIN, ROOT
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    a = ap.parse_args()
    BIN, ROOT = os.path.abspath(a.frontline), os.path.abspath(a.root)
    paths = {}
    for name, text in (("loop", LOOP_XML), ("typed", TYPED_XML)):
        paths[name] = os.path.join(TMP, name + ".xml")
        with open(paths[name], "w", encoding="utf-8") as f:
            f.write(text)
    return paths


def env_for(lang="C.UTF-8", extra=None):
    env = {k: v for k, v in os.environ.items()
           if k not in ("LANG", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "LANGUAGE")}
    env["LANG"] = lang
    env["XDG_CONFIG_HOME"] = CONFIG
    env.update(extra or {})
    return env


def run(args, stdin=b"", lang="C.UTF-8", extra=None, timeout=120):
    """Runs frontline with bytes on stdin; returns (status, stdout bytes, stderr text)."""
    p = subprocess.run([BIN] + args, input=stdin, capture_output=True, timeout=timeout, cwd=ROOT,
                       env=env_for(lang, extra))
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def write(name, data):
    path = os.path.join(TMP, name)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def trainee_turns(db):
    """The trainee's turns in a results store: (turn, typed, text), in order."""
    c = sqlite3.connect(db)
    try:
        return c.execute("SELECT turn, typed, text FROM turns WHERE speaker = 'trainee' "
                         "AND taken_back = 0 ORDER BY seq").fetchall()
    finally:
        c.close()


class Pty:
    """frontline on a real pseudo-terminal: what a trainee at a terminal sees and types."""

    def __init__(self, args, lang="C.UTF-8"):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.chdir(ROOT)
            os.execve(BIN, [BIN] + args, env_for(lang))
        self.out = b""

    def expect(self, pattern, seconds=20):
        """Waits for pattern (bytes regex) in everything printed so far; True when it came."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if re.search(pattern, self.out):
                return True
            r, _, _ = select.select([self.fd], [], [], 0.05)
            if r:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                self.out += chunk
        return re.search(pattern, self.out) is not None

    def send(self, data):
        os.write(self.fd, data)

    def close(self, seconds=20):
        """Waits for the program to end (kills it past the time); returns its exit status."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.expect(rb"$^never", 0.1)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)
        return None


def finish(name):
    if FAILURES:
        print("%d FAILURE(S) in %s" % (len(FAILURES), name))
        sys.exit(1)
    print("%s: all checks passed" % name)
