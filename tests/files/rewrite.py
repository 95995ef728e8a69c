#!/usr/bin/env python3
"""A scenario rewritten by an editor while `frontline lint` loads it never kills lint.

Until issue 16 the loader mapped the file (mmap); an editor that saves by truncating the file
and writing it again (vim with backupcopy=yes, nano, many IDEs, `cat > file`) took the mapped
pages away under the parser, and the kernel killed lint with SIGBUS: 10-22 of 150 runs died on
the 2-core test machine. The loader now reads the file into memory, where a file cut short is
only a short read: lint then says what it found in the part it read (a file cut short, not
well-formed, empty), or checks the whole file.

The test writes a large generated scenario (about 8 MB, a few hundred ms to load here), starts
a writer process that keeps truncating it and writing it back in 64 KiB pieces, and runs
`frontline lint` on it RUNS times (150 by default) meanwhile. It fails when any run dies by a
signal, exits with a status other than 0, 1 or 2, says nothing, or takes longer than its
timeout; and when fewer than 5 runs met the file mid-rewrite (an exit of 1: then the writer
never raced the reader and the test proved nothing). The counts are printed.

usage: rewrite.py --frontline BIN [--runs N] [--nodes N]
"""
import argparse
import collections
import os
import signal
import subprocess
import sys
import tempfile
import time

CONFIG = tempfile.TemporaryDirectory()
ENGLISH = dict(os.environ, LANG="C.UTF-8", LC_ALL="", LC_MESSAGES="", XDG_CONFIG_HOME=CONFIG.name)


def scenario(nodes):
    """A clean scenario of `nodes` nodes in a chain: each a long customer line, a good reply to
    the resolved ending, one to the next node and a bad one to the lost ending: a large file
    whose best path (one reply) the explorer's best-path search finds at once."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n'
           '<scenario id="rewrite" version="1" lang="en" minutes="60">\n'
           '  <title>A scenario an editor keeps saving</title>\n'
           '  <brief>Long and plain, for the rewrite test.</brief>\n'
           '  <customer name="Irina" voice="female" avatar="woman-1">\n'
           '    <start mood="-40" patience="80" trust="40"/>\n'
           '  </customer>\n']
    filler = "The parcel with order 48213 is still not here, and I was promised it twice. " * 12
    for i in range(nodes):
        me = "start" if i == 0 else f"n{i}"
        nxt = f"n{i + 1}" if i + 1 < nodes else "done"
        out.append(
            f'  <node id="{me}">\n'
            f'    <say emotion="angry" grievance="yes">Turn {i}. {filler}</say>\n'
            f'    <reply to="done" signals="apology empathy ownership">I am sorry, Irina. '
            f'I have checked order 48213 myself: it will be with you tomorrow by noon.\n'
            f'      <effect mood="+60" trust="+40"/>\n'
            f'    </reply>\n'
            f'    <reply to="{nxt}" signals="empathy">I understand. Tell me more.\n'
            f'      <effect mood="+5"/>\n'
            f'    </reply>\n'
            f'    <reply to="lost" signals="canned">Please wait for the courier.\n'
            f'      <effect mood="-30"/>\n'
            f'    </reply>\n'
            f'  </node>\n')
    out.append('  <ending id="done" outcome="resolved"><say emotion="pleased">Thank you.</say>'
               '</ending>\n'
               '  <ending id="lost" outcome="lost"><say emotion="furious">Goodbye.</say>'
               '</ending>\n'
               '</scenario>\n')
    return "".join(out).encode()


def writer(path, data, parent, deadline):
    """The editor: truncate, then write the file back in 64 KiB pieces, again and again. Runs in
    a child process until killed, or until its parent is gone or the deadline passes (so that a
    test killed by CTest's timeout never leaves it running)."""
    while os.getppid() == parent and time.monotonic() < deadline:
        fd = os.open(path, os.O_WRONLY | os.O_TRUNC)
        for off in range(0, len(data), 65536):
            os.write(fd, data[off:off + 65536])
        os.close(fd)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root")  # accepted like every test script's; not needed
    ap.add_argument("--runs", type=int, default=150)
    ap.add_argument("--nodes", type=int, default=7000)
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds for one lint run")
    a = ap.parse_args()

    work = tempfile.TemporaryDirectory()
    path = os.path.join(work.name, "rewrite.xml")
    data = scenario(a.nodes)
    with open(path, "wb") as f:
        f.write(data)

    # The file as saved lints clean: the exits of 1 below are the rewrite's, not the file's.
    p = subprocess.run([a.frontline, "lint", path], capture_output=True, text=True,
                       timeout=a.timeout * 2, env=ENGLISH)
    if p.returncode != 0:
        print(f"FAIL: the scenario does not lint clean before any rewrite:\n{p.stdout}{p.stderr}")
        return 1

    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        try:
            writer(path, data, parent, time.monotonic() + a.runs * a.timeout)
        finally:
            os._exit(0)
    failures = []
    exits = collections.Counter()
    first_line = {}
    started = time.monotonic()
    try:
        for run in range(a.runs):
            try:
                p = subprocess.run([a.frontline, "lint", path], capture_output=True, text=True,
                                   errors="replace", timeout=a.timeout, env=ENGLISH)
            except subprocess.TimeoutExpired:
                failures.append(f"run {run}: lint did not finish in {a.timeout} s")
                exits["timeout"] += 1
                continue
            rc = p.returncode
            if rc < 0:
                exits[signal.Signals(-rc).name] += 1
                failures.append(f"run {run}: lint died by {signal.Signals(-rc).name}")
                continue
            exits[rc] += 1
            said = (p.stdout + p.stderr).strip()
            if rc not in (0, 1, 2):
                failures.append(f"run {run}: exit status {rc}: {said[:300]}")
            elif not said:
                failures.append(f"run {run}: exit status {rc} and not a word")
            elif rc == 1 and len(first_line) < 6:
                first = said.splitlines()[0]
                # The kind of what it met, the message without the file's name and position.
                first_line.setdefault(first.split(": ", 2)[-1][:90], first)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    took = time.monotonic() - started

    print(f"{a.runs} lint runs on a {len(data) / 1e6:.1f} MB scenario rewritten meanwhile, "
          f"{took:.0f} s: " + ", ".join(f"{k}: {v}" for k, v in sorted(exits.items(), key=str)))
    for message in first_line:
        print(f"  met mid-rewrite: {message}")
    if exits[1] < 5 and not failures:
        failures.append(f"only {exits[1]} runs met the file mid-rewrite (exit 1): the writer "
                        "did not race the reader, so this run proves nothing")
    for f in failures[:20]:
        print("FAIL:", f)
    if len(failures) > 20:
        print(f"FAIL: ... and {len(failures) - 20} more")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
