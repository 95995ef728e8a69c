#!/usr/bin/env python3
"""libxml2's message, cut inside a character, still reaches lint's users as valid UTF-8 (F4).

For an unclosed <!-- comment holding Russian text libxml2 quotes the comment's first bytes with a
byte limit, cutting a Cyrillic character in two; lint printed that invalid UTF-8 and
`lint --format json` lost the message. The loader now keeps the message's valid UTF-8 prefix on
one line. On the fuzzer's regression input this checks that lint, in text and in JSON:

  - exits 1 with one xml error that says the comment is not terminated, quoting Russian text;
  - writes only valid UTF-8, the message on one line (no newline, no control character).

usage: cutmessage.py --frontline BIN --root SOURCE_DIR
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

CONFIG = tempfile.TemporaryDirectory()
ENGLISH = dict(os.environ, LANG="C.UTF-8", LC_ALL="", LC_MESSAGES="", XDG_CONFIG_HOME=CONFIG.name)
INPUT = "tests/fuzz/regress/scenario/libxml2-message-cut-inside-character"


def lint(frontline, args):
    p = subprocess.run([frontline, "lint", *args], capture_output=True, timeout=30, env=ENGLISH,
                       stdin=subprocess.DEVNULL)
    return p.returncode, p.stdout


def one_line_russian(msg, where, failures):
    if "Comment not terminated" not in msg:
        failures.append(f"{where}: message {msg!r} is not libxml2's unterminated comment")
    if not any("\u0400" <= c <= "\u04ff" for c in msg):
        failures.append(f"{where}: message {msg!r} lost the quoted Russian text")
    if any(ord(c) < 0x20 for c in msg):
        failures.append(f"{where}: message {msg!r} holds a newline or control character")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    a = ap.parse_args()
    path = os.path.join(a.root, INPUT)
    failures = []
    try:
        rc_j, out_j = lint(a.frontline, ["--format", "json", path])
        rc_t, out_t = lint(a.frontline, [path])
    except subprocess.TimeoutExpired as e:
        print(f"FAIL: hung: {e}")
        return 1
    if rc_j != 1 or rc_t != 1:
        failures.append(f"exit codes {rc_j} (json), {rc_t} (text), want 1 and 1")
    try:
        report = json.loads(out_j.decode("utf-8"))
        diags = report["diagnostics"]
        if len(diags) != 1 or diags[0]["rule"] != "xml" or diags[0]["severity"] != "error":
            failures.append(f"json: want one xml error, got {diags}")
        else:
            print("json message:", diags[0]["message"])
            one_line_russian(diags[0]["message"], "json", failures)
    except (UnicodeDecodeError, ValueError, KeyError) as e:
        failures.append(f"json output is not valid UTF-8 JSON with a message: {e}")
    try:
        rows = [r for r in out_t.decode("utf-8").splitlines() if "[xml]" in r]
        if len(rows) != 1:
            failures.append(f"text: want one [xml] line, got {rows}")
        else:
            print("text:", rows[0])
            one_line_russian(rows[0].split(": error: ", 1)[-1], "text", failures)
    except UnicodeDecodeError as e:
        failures.append(f"text output is not valid UTF-8: {e}")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
