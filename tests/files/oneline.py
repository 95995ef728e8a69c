#!/usr/bin/env python3
"""A scenario written on ONE line lints fast, and its columns are still right.

The loader turns each element's byte offset into line:column. It used to count the column from
the start of the line for every element, so 10 000 nodes on one line (700 KB) took over a minute
(quadratic); it now counts on from the last answer. This generates the 10 000-node chain of
tests/bounds/gen.py with a Cyrillic line near the start and two deliberate errors (an unknown
attribute in the middle, a reply to a missing node near the end), lints it as it is (one node a
line) and with its line breaks removed, and checks:

  - the one-line file lints in under 10 s (the run is killed at 60 s), and in no more than 3
    times + 2 s what the same file on lines takes (0.05 s against 11 s before the fix);
  - the same two errors are reported, each at line 1 and at the column that the multi-line
    report gives once the lengths, in characters, of the lines before it are added;
  - the multi-line positions point at the broken things (so the test cannot pass on garbage).

usage: oneline.py --frontline BIN --root SOURCE_DIR
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

CONFIG = tempfile.TemporaryDirectory()
ENGLISH = dict(os.environ, LANG="C.UTF-8", LC_ALL="", LC_MESSAGES="", XDG_CONFIG_HOME=CONFIG.name)
DIAG = re.compile(r"^.*?:(\d+):(\d+): error: (.*)$")


def lint(frontline, path):
    """Returns (seconds, [(line, column, message)]) of `frontline lint path`."""
    t0 = time.monotonic()
    p = subprocess.run([frontline, "lint", path], capture_output=True, text=True, timeout=60,
                       env=ENGLISH, stdin=subprocess.DEVNULL)
    took = time.monotonic() - t0
    found = []
    for row in p.stdout.splitlines():
        m = DIAG.match(row)
        if m:
            found.append((int(m.group(1)), int(m.group(2)), m.group(3)))
    return took, found, p.returncode


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    a = ap.parse_args()
    gen = os.path.join(a.root, "tests/bounds/gen.py")
    text = subprocess.run([sys.executable, gen, "chain", "10000"], capture_output=True,
                          text=True, timeout=60, check=True).stdout
    text = text.replace('<node id="n1"><say>Hi.</say>', '<node id="n1"><say>Привет, всё ок.</say>', 1)
    text = text.replace('<reply to="n5000">', '<reply to="n5000" bogus="1">', 1)
    text = text.replace('<reply to="n9000">', '<reply to="nowhere">', 1)
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        multi = os.path.join(tmp, "multi.xml")
        one = os.path.join(tmp, "one.xml")
        with open(multi, "w", encoding="utf-8") as f:
            f.write(text)
        with open(one, "w", encoding="utf-8") as f:
            f.write(text.replace("\n", ""))
        try:
            m_took, m_found, m_rc = lint(a.frontline, multi)
            took, o_found, o_rc = lint(a.frontline, one)
        except subprocess.TimeoutExpired as e:
            print(f"FAIL: hung: {e}")
            return 1
    print(f"one-line file ({len(text)} bytes): lint took {took:.2f} s, multi-line {m_took:.2f} s; "
          f"multi-line errors {m_found}; one-line errors {o_found}")
    if took >= 10:
        failures.append(f"the one-line file took {took:.1f} s to lint (limit 10 s)")
    # On a fast machine the quadratic count may fit in 10 s: it never fits in this.
    if took > 3 * m_took + 2:
        failures.append(f"the one-line file took {took:.1f} s, the same file on lines "
                        f"{m_took:.1f} s: more than 3 times + 2 s")
    if m_rc != 1 or o_rc != 1:
        failures.append(f"lint exit codes {m_rc} (multi-line), {o_rc} (one line), want 1 and 1")
    lines = text.split("\n")
    want_at = {"bogus": 'bogus="1"', "nowhere": 'nowhere"'}
    expected = []
    for line, col, msg in m_found:
        # the multi-line report must point at the broken attribute (at the value, for a target)
        here = lines[line - 1][col - 1:]
        key = next((k for k in want_at if k in msg), None)
        if key is None or not here.startswith(want_at[key]):
            failures.append(f"multi-line {line}:{col} '{msg}' points at {here[:30]!r}")
        expected.append((1, sum(len(s) for s in lines[:line - 1]) + col, msg))
    if len(m_found) != 2:
        failures.append(f"want the 2 deliberate errors, the multi-line file gives {m_found}")
    if o_found != expected:
        failures.append(f"one-line positions {o_found}, want {expected}")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
