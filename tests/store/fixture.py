"""What the makers of the old-schema store fixtures share (make_schema2_fixture.py,
make_schema3_fixture.py, schema5_make_fixture.py): their command line, a private folder and
environment for the old program, and, for the later ones, the store closed and exported as that
program exports it."""
import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile


class Fixture:
    """The maker's options (args: --frontline, --root, -o and any extra), the absolute root and
    output, a private tmp folder and env (UTF-8, the store's folders in tmp, TZ when given)."""

    def __init__(self, *extra, tz="UTC"):
        ap = argparse.ArgumentParser()
        ap.add_argument("--frontline", required=True)
        for opt in extra:
            ap.add_argument(opt, required=True)
        ap.add_argument("--root", required=True)
        ap.add_argument("-o", "--output", required=True)
        self.args = ap.parse_args()
        self.root = os.path.abspath(self.args.root)
        self.out = os.path.abspath(self.args.output)
        if os.path.exists(self.out):
            sys.exit(f"{self.out} exists")
        os.makedirs(os.path.dirname(self.out), exist_ok=True)
        self.tmp = tempfile.mkdtemp(prefix="fl-fixture-")
        tmp = self.tmp
        self.env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8",
                        XDG_DATA_HOME=tmp + "/data", XDG_STATE_HOME=tmp + "/state", HOME=tmp,
                        **({"TZ": tz} if tz else {}))

    def path(self, rel):
        return os.path.join(self.root, rel)

    def run(self, args, want=0):
        """Runs a program in the root; stops the maker, saying why, unless it exits want."""
        p = subprocess.run(args, env=self.env, capture_output=True, text=True, cwd=self.root)
        if p.returncode != want:
            sys.exit(f"{' '.join(args)}: exit {p.returncode}: {p.stderr}")
        return p.stdout

    def close_and_export(self):
        """Checkpoints the store into its one file and says what it holds, then writes beside
        it what the program exports of it (.json, .csv, .rounds.csv, .xapi.json, in English).
        A reader makes -shm and -wal files beside a WAL store: it reads a copy, so that only
        the store itself is left beside the exports."""
        out = self.out
        con = sqlite3.connect(out)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        print("schema", con.execute("PRAGMA user_version").fetchone()[0],
              "sessions", con.execute("SELECT count(*) FROM sessions").fetchone()[0],
              "rounds", con.execute("SELECT count(*) FROM rounds").fetchone()[0])
        con.close()
        for side in ("-wal", "-shm"):
            if os.path.exists(out + side):
                os.unlink(out + side)
        copy = os.path.join(self.tmp, "copy.sqlite")
        shutil.copy(out, copy)
        base = out[:-len(".sqlite")] if out.endswith(".sqlite") else out
        for fmt, ext, extra in (("json", ".json", []), ("csv", ".csv", []),
                                ("csv", ".rounds.csv", ["--rounds"]),
                                ("xapi", ".xapi.json", [])):
            self.run([self.args.frontline, "report", "--db", copy, "--format", fmt, "-o",
                      base + ext, "--no-progress", "--lang", "en", *extra])
        shutil.rmtree(self.tmp, ignore_errors=True)
