"""goldens.py - what the scripts that check a feature through the program and compare its
outputs with files in their expected/ folder share (tests/numbers/run.py, tests/routes/run.py):
the list of failures, running `frontline` with a pinned environment, the comparison that shows
a diff or, in update mode, rewrites the expected file, and the command line:

  SCRIPT --frontline BIN --root SRC [--only PART] check|update

A script imports it after putting tests/ on sys.path. Standard library only.
"""
import argparse
import difflib
import os
import subprocess
import tempfile


def pinned_env(locale, tmp):
    """The environment of a run: the language pinned to locale (LANG, LC_ALL), an empty
    XDG_CONFIG_HOME (no settings.json) and XDG_DATA_HOME (no results store) under tmp, so
    nothing of the machine leaks in."""
    env = dict(os.environ)
    for k in ("LANGUAGE", "LC_MESSAGES"):
        env.pop(k, None)
    env["LANG"] = env["LC_ALL"] = locale
    env["XDG_CONFIG_HOME"] = os.path.join(tmp, "config")
    env["XDG_DATA_HOME"] = os.path.join(tmp, "data")
    return env


class Goldens:
    """The checks of one script: it runs commands in folder `here` and compares their outputs
    with here/expected/."""

    def __init__(self, here):
        self.here = here
        self.expected = os.path.join(here, "expected")
        self.failures = []

    def fail(self, what):
        self.failures.append(what)
        print("FAIL:", what)

    def run(self, cmd, env, stdin=None):
        """Runs cmd in here; returns its exit status, stdout and stderr (as text)."""
        p = subprocess.run(cmd, cwd=self.here, env=env, input=stdin, capture_output=True,
                           timeout=60)
        return p.returncode, p.stdout.decode(), p.stderr.decode()

    def compare(self, name, got, mode):
        """Compares got with expected/NAME (mode "check"), or writes it there ("update")."""
        path = os.path.join(self.expected, name)
        if mode == "update":
            with open(path, "w", encoding="utf-8") as f:
                f.write(got)
            return
        try:
            with open(path, encoding="utf-8") as f:
                want = f.read()
        except FileNotFoundError:
            self.fail(f"{name}: no expected file (run with update, then review it)")
            return
        if got != want:
            diff = "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                                f"expected/{name}", "output"))
            self.fail(f"{name} differs:\n{diff}")

    def main(self, name, parts):
        """Runs the script's parts in order, or the one --only names, each as
        part(args, tmp) with args.frontline absolute and a fresh folder tmp; parts is
        [(part, function, also in update mode)]. Returns the exit status."""
        ap = argparse.ArgumentParser()
        ap.add_argument("--frontline", required=True)
        ap.add_argument("--root", required=True)
        ap.add_argument("--only", choices=[p[0] for p in parts])
        ap.add_argument("mode", choices=["check", "update"])
        a = ap.parse_args()
        a.frontline = os.path.abspath(a.frontline)
        os.makedirs(self.expected, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            for part, function, updates in parts:
                if a.only in (None, part) and (updates or a.mode == "check"):
                    function(a, tmp)
        if self.failures:
            print(f"{len(self.failures)} check(s) failed")
            return 1
        print(f"{name}: all checks passed" if a.mode == "check" else f"{name}: expected/ rewritten")
        return 0
