#!/usr/bin/env python3
"""The avatar's file is checked outside the core, and said the same by every command.

Since issue 16 the core opens no file: the scenario model keeps where avatar="img/x.png" is, and
game/content (fl_content_check_avatar) gives the file-exists warning for lint, play, explore,
graph and the desktop. This checks what a trainer sees, on a copy of tests/lint/file-exists.xml:

  - the picture missing: lint warns at the attribute's value (5:58), exit 0; explore and play
    --script say the same line on standard error and go on (exit 0);
  - the picture there: no warning anywhere;
  - the picture a FIFO: no warning and no hang (the file is never opened, only looked at).

usage: avatar.py --frontline BIN --root SOURCE_DIR
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

CONFIG = tempfile.TemporaryDirectory()
ENGLISH = dict(os.environ, LANG="C.UTF-8", LC_ALL="", LC_MESSAGES="", XDG_CONFIG_HOME=CONFIG.name)
WARNING = ("file-exists.xml:5:58: warning: avatar=\"img/irina.png\": no such file next to the "
           "scenario [file-exists]")


def run(frontline, args, cwd):
    try:
        p = subprocess.run([frontline, *args], capture_output=True, text=True, timeout=30,
                           env=ENGLISH, cwd=cwd, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return None, "", f"hung: frontline {' '.join(args)}"
    return p.returncode, p.stdout, p.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    a = ap.parse_args()
    frontline = os.path.abspath(a.frontline)
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(os.path.join(a.root, "tests/lint/file-exists.xml"), tmp)
        script = os.path.join(tmp, "s.script")
        with open(script, "w") as f:
            f.write("1 @5\n1 @5\n")

        def check(state, expect_warning):
            rc, out, err = run(frontline, ["lint", "file-exists.xml"], tmp)
            want = (WARNING + "\n1 file checked: 0 errors, 1 warning\n" if expect_warning
                    else "1 file checked: no problems\n")
            if rc != 0 or out != want:
                failures.append(f"{state}: lint exit {rc}, said:\n{out}{err}")
            for args in (["explore", "file-exists.xml"],
                         ["play", "--no-store", "--script", script, "file-exists.xml"]):
                rc, out, err = run(frontline, args, tmp)
                said = WARNING in err
                if rc != 0 or said != expect_warning:
                    failures.append(f"{state}: frontline {' '.join(args)}: exit {rc}, warning "
                                    f"{'said' if said else 'not said'}:\n{err}")

        check("picture missing", True)
        os.mkdir(os.path.join(tmp, "img"))
        with open(os.path.join(tmp, "img", "irina.png"), "wb") as f:
            f.write(b"\x89PNG\r\n\x1a\n")
        check("picture there", False)
        os.remove(os.path.join(tmp, "img", "irina.png"))
        os.mkfifo(os.path.join(tmp, "img", "irina.png"))
        check("picture a FIFO", False)
    for f in failures:
        print("FAIL:", f)
    if not failures:
        print("ok   avatar: missing, there, a FIFO; lint, explore and play say the same")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
