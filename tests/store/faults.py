#!/usr/bin/env python3
"""Bad files and bad places for the results store: a clear message, nothing overwritten, and the
session kept.

Every play below is `frontline play --script` (the worst path of late-delivery: a low score with
findings, so that a lost finding or a default score would show) or, for a disk that fills up in
the middle of a session, `frontline play --text` fed line by line. When the store cannot take
the session, the play must still exit 0, stderr must name the store and say why, and name the
fallback JSON file it wrote; that file, given to `frontline import --db OTHER`, must bring the
session back: `report --db OTHER --format json` has it finished with the overall score the play
printed.

  corrupt     random bytes; the SQLite magic then garbage; a real store's header then garbage; a
              real store's first page then garbage; a real store truncated to half, and to one
              page short: "not a Frontline results file, or it is damaged". The file's sha256 is
              the same afterwards and no FILE-wal / FILE-shm is left beside it; report and
              import refuse it too.
  foreign     an SQLite database of another program (a table foo): refused, unchanged.
  newer       a real store with one session and PRAGMA user_version = 99: play, report and
              import all say it was written by a newer Frontline; unchanged.
  read-only   the store's folder cannot be written: as root a tmpfs remounted read-only in a
              private mount namespace (chmod does not stop root), else chmod 0555. A new file
              there and an existing store there: "cannot be written", the fallback named.
  full disk   (root, or an unprivileged user namespace) a 256 KiB tmpfs in a private mount
              namespace holding a store with one session, the rest filled with a file: "the
              disk is full", fallback importable elsewhere, the first session intact. Then a
              disk that fills up in the middle of a session: the fallback file holds the whole
              session, and importing it into the store once there is room again completes the
              unfinished copy there.
  report      usage errors exit 2 with a message that helps: --format xml lists the formats,
              impossible dates, --group nosuchgroup lists the groups, --sep ':'; -o EXISTING
              refuses to replace it without --force (exit 1, file unchanged).
"""
import argparse
import glob
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid

from common import CHECKS, FAILURES, check, private_env, sha

SKIPPED = []


class Env:
    def __init__(self, binary, root, tmp):
        self.binary, self.root, self.tmp = binary, root, tmp
        self.scenario = os.path.join(root, "scenarios/en/late-delivery.xml")
        self.script = os.path.join(root, "tests/golden/en/late-delivery.worst.script")
        self.best = os.path.join(root, "tests/golden/en/late-delivery.best.script")
        self.env = private_env(tmp, tmpdir=True)
        self.other = os.path.join(tmp, "other.sqlite")  # where fallback files are imported

    def run(self, args, prefix=(), stdin=None):
        p = subprocess.run(list(prefix) + [self.binary] + args, capture_output=True, text=True,
                           timeout=60, cwd=self.root, env=self.env, input=stdin)
        return p.returncode, p.stdout, p.stderr

    def fallbacks(self):
        found = set()
        for d in (os.path.join(self.env["XDG_STATE_HOME"], "frontline", "unsaved"),
                  self.env["TMPDIR"]):
            found |= set(glob.glob(os.path.join(d, "frontline-session-*.json")))
        return found

    def play(self, label, db, prefix=(), trainee=None):
        """play --script: returns (rc, overall printed, stderr, new fallback files)."""
        before = self.fallbacks()
        rc, out, err = self.run(["play", "--script", self.script, "--db", db, "--trainee",
                                 trainee or label, "--group", "faults", self.scenario], prefix)
        overall = None
        try:
            overall = json.loads(out)["overall"]
        except (ValueError, KeyError):
            check(False, f"{label}: play printed no JSON with an overall score: {out[:200]!r}")
        return rc, overall, err, sorted(self.fallbacks() - before)

    def check_kept(self, label, db, rc, overall, err, new, reason_re):
        """The play worked, said why the store failed and where the session went, and the
        fallback file brings it back."""
        check(rc == 0, f"{label}: play exit {rc}, want 0 (the play itself works): {err.strip()}")
        check(db in err, f"{label}: the message does not name {db}: {err.strip()!r}")
        check(re.search(reason_re, err) is not None,
              f"{label}: the message does not say /{reason_re}/: {err.strip()!r}")
        if not check(len(new) == 1, f"{label}: {len(new)} new fallback files, want 1: {new}"):
            return None
        fb = new[0]
        check(fb in err, f"{label}: the message does not name the fallback file {fb}: "
                         f"{err.strip()!r}")
        return self.check_import(label, fb, overall)

    def check_import(self, label, fb, overall, replies=None):
        try:
            doc = json.load(open(fb, encoding="utf-8"))
        except ValueError as e:
            check(False, f"{label}: fallback {fb} is not JSON: {e}")
            return None
        sid = doc.get("session")
        check(doc.get("finished") is True, f"{label}: fallback says finished = "
                                           f"{doc.get('finished')}")
        check(doc.get("overall") == overall, f"{label}: fallback overall {doc.get('overall')}, "
                                             f"the play printed {overall}")
        if replies is not None:
            check(doc.get("replies") == replies,
                  f"{label}: fallback has {doc.get('replies')} replies, the play made {replies}")
        rc, out, err = self.run(["import", "--db", self.other, fb])
        check(rc == 0, f"{label}: import --db OTHER {fb}: exit {rc}: {err.strip()}")
        rc, out, err = self.run(["report", "--db", self.other, "--format", "json"])
        check(rc == 0, f"{label}: report --db OTHER: exit {rc}: {err.strip()}")
        try:
            got = [s for s in json.loads(out) if s.get("session") == sid]
        except ValueError:
            got = []
        if check(len(got) == 1, f"{label}: the imported session {sid} is not in the report"):
            s = got[0]
            check(s.get("finished") is True and s.get("overall") == overall,
                  f"{label}: imported session finished={s.get('finished')} "
                  f"overall={s.get('overall')}, want finished, {overall}")
            check(len(s.get("findings", [])) == len(doc.get("findings", [])),
                  f"{label}: {len(doc.get('findings', []))} findings in the fallback, "
                  f"{len(s.get('findings', []))} after import")
        return sid


def no_sidecars(db):
    return [p for p in (db + "-wal", db + "-shm", db + "-journal") if os.path.exists(p)]


def refused_untouched(e, label, db, reason_re):
    """play, report and import all refuse db with a message naming it; db is unchanged."""
    digest, size = sha(db), os.path.getsize(db)
    check(not no_sidecars(db), f"{label}: test setup left {no_sidecars(db)}")
    rc, overall, err, new = e.play(label, db)
    sid = e.check_kept(label + " (play)", db, rc, overall, err, new, reason_re)
    rc, out, err = e.run(["report", "--db", db, "--format", "csv"])
    check(rc == 1, f"{label}: report exit {rc}, want 1")
    check(db in err and re.search(reason_re, err) is not None,
          f"{label}: report's message does not name {db} and say /{reason_re}/: {err.strip()!r}")
    if new:
        rc, out, err = e.run(["import", "--db", db, new[0]])
        check(rc == 1, f"{label}: import into it: exit {rc}, want 1")
        check(db in err, f"{label}: import's message does not name {db}: {err.strip()!r}")
    check(sha(db) == digest, f"{label}: {db} was modified ({size} -> {os.path.getsize(db)} "
                             f"bytes, sha256 changed)")
    check(not no_sidecars(db), f"{label}: left beside it: {no_sidecars(db)}")
    print(f"  {label}: refused, {size} bytes unchanged, session {sid} kept and imported")


def make_store(e, path, sessions=1, trainee="first"):
    """A real store: one played session, or more imported (copies with new ids)."""
    rc, out, err = e.run(["play", "--script", e.best, "--db", path, "--trainee", trainee,
                          "--group", "G1", e.scenario])
    check(rc == 0 and not err, f"making {path}: exit {rc} {err.strip()}")
    if sessions > 1:
        rc, out, err = e.run(["report", "--db", path, "--format", "json"])
        one = out
        docs = []
        uuid_re = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
        for i in range(sessions - 1):
            for d in json.loads(uuid_re.sub(lambda m: str(uuid.uuid4()), one)):
                d["trainee"] = f"copy{i}"
                docs.append(d)
        src = path + ".import.json"
        with open(src, "w", encoding="utf-8") as f:
            json.dump(docs, f)
        rc, out, err = e.run(["import", "--db", path, src])
        check(rc == 0, f"making {path}: import exit {rc} {err.strip()}")
        os.unlink(src)
    # Fold the WAL into the file, so that the file alone is the store.
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    check(not no_sidecars(path), f"making {path}: left {no_sidecars(path)}")


# ---- corrupt, foreign, newer ------------------------------------------------------------------

def bad_files(e, rng):
    print("corrupt, foreign and newer files:")
    d = os.path.join(e.tmp, "bad")
    os.makedirs(d)
    big = os.path.join(d, "big-source.sqlite")
    make_store(e, big, sessions=150)
    raw = open(big, "rb").read()
    page = int.from_bytes(raw[16:18], "big") or 65536
    garbage = lambda n: bytes(rng.getrandbits(8) for _ in range(n))
    cases = {
        "random-bytes": garbage(20000),
        "sqlite-magic-then-garbage": b"SQLite format 3\0" + garbage(32768),
        "real-header-then-garbage": raw[:100] + garbage(65536 - 100),
        "real-first-page-then-garbage": raw[:page] + garbage(8 * page),
        "truncated-half": raw[:len(raw) // page // 2 * page],
        "truncated-one-page-short": raw[:len(raw) - page],
    }
    damaged = r"not a Frontline results file|damaged"
    for name, data in cases.items():
        path = os.path.join(d, name + ".sqlite")
        with open(path, "wb") as f:
            f.write(data)
        refused_untouched(e, name, path, damaged)

    foreign = os.path.join(d, "another-program.sqlite")
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE foo (x INTEGER, y TEXT)")
    con.execute("INSERT INTO foo VALUES (1, 'mine')")
    con.commit()
    con.close()
    refused_untouched(e, "another program's database", foreign,
                      r"another program|not a Frontline results file")

    newer = os.path.join(d, "newer.sqlite")
    make_store(e, newer)
    con = sqlite3.connect(newer)
    con.execute("PRAGMA user_version = 99")
    con.commit()
    con.close()
    check(not no_sidecars(newer), f"newer: setup left {no_sidecars(newer)}")
    refused_untouched(e, "newer Frontline", newer, r"newer Frontline")


# ---- private mounts ---------------------------------------------------------------------------

class PrivateMount:
    """A tmpfs on mountpoint that only the processes started through run()/popen() see: a
    holder process in a private mount namespace keeps it alive; commands enter that namespace
    with nsenter. Unprivileged users get a user namespace as well (when the system allows)."""

    def __init__(self, mountpoint, options):
        self.mountpoint = mountpoint
        self.reason = None
        self.holder = None
        os.makedirs(mountpoint, exist_ok=True)
        root = os.geteuid() == 0
        unshare = ["unshare", "-m", "--propagation", "private"] if root else \
            ["unshare", "-r", "-m", "--propagation", "private"]
        for tool in ("unshare", "nsenter", "mount"):
            if not shutil.which(tool):
                self.reason = f"{tool} is not installed"
                return
        script = 'mount -t tmpfs -o "$2" tmpfs "$1" && echo ready && exec sleep 3600'
        try:
            self.holder = subprocess.Popen(unshare + ["sh", "-c", script, "sh", mountpoint,
                                                      options],
                                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                           text=True)
        except OSError as ex:
            self.reason = f"unshare: {ex}"
            return
        line = self.holder.stdout.readline()
        if line.strip() != "ready":
            self.holder.wait()
            self.reason = ("cannot make a private mount namespace with a tmpfs: " +
                           self.holder.stderr.read().strip())
            self.holder = None
            return
        self.enter = ["nsenter", "-t", str(self.holder.pid), "-m"]
        if not root:
            self.enter[3:3] = ["-U", "--preserve-credentials"]
        p = subprocess.run(self.enter + ["test", "-d", mountpoint], capture_output=True,
                           text=True)
        if p.returncode != 0:
            self.reason = f"nsenter into the namespace failed: {p.stderr.strip()}"
            self.close()

    def ok(self):
        return self.holder is not None

    def sh(self, command, *args):
        p = subprocess.run(self.enter + ["sh", "-c", command, "sh"] + list(args),
                           capture_output=True, text=True, timeout=60)
        return p.returncode, p.stdout, p.stderr

    def read(self, path):
        p = subprocess.run(self.enter + ["cat", path], capture_output=True, timeout=60)
        return p.stdout if p.returncode == 0 else None

    def close(self):
        if self.holder is not None:
            self.holder.kill()
            self.holder.wait()
            self.holder = None


def read_only(e):
    print("read-only location:")
    d = os.path.join(e.tmp, "ro")
    src = os.path.join(e.tmp, "ro-source.sqlite")
    make_store(e, src)
    cant = r"cannot be written"
    if os.geteuid() == 0:
        how = "tmpfs remounted read-only in a private mount namespace"
        m = PrivateMount(d, "size=4m")
        if not check(m.ok(), f"read-only (root): {m.reason}"):
            return
        try:
            rc, _, err = m.sh('cp "$1" "$2" && mount -o remount,ro "$3"', src,
                              os.path.join(d, "existing.sqlite"), d)
            if not check(rc == 0, f"read-only: setting up the mount: {err.strip()}"):
                return
            rc, _, err = m.sh('touch "$1"', os.path.join(d, "probe"))
            check(rc != 0, "read-only: the remounted tmpfs still takes a new file")
            prefix = m.enter
            before = m.read(os.path.join(d, "existing.sqlite"))
            for label, db in (("read-only folder, new file", os.path.join(d, "results.sqlite")),
                              ("read-only folder, existing store",
                               os.path.join(d, "existing.sqlite"))):
                rc, overall, err, new = e.play(label, db, prefix)
                sid = e.check_kept(label, db, rc, overall, err, new, cant)
                print(f"  {label} ({how}): exit {rc}, session {sid} kept and imported")
            check(m.read(os.path.join(d, "existing.sqlite")) == before,
                  "read-only: the existing store's bytes changed")
            rc, out, _ = m.sh('ls -A "$1"', d)
            check(out.split() == ["existing.sqlite"], f"read-only: the folder now holds {out.split()}")
            # Informative: a leader reading a WAL store from a read-only medium.
            rc, out, err = e.run(["report", "--db", os.path.join(d, "existing.sqlite"),
                                  "--format", "csv"], prefix)
            print(f"  note: report on the read-only store: exit {rc}"
                  f"{'' if rc == 0 else ': ' + err.strip()}")
        finally:
            m.close()
    else:
        how = "chmod 0555"
        os.makedirs(d)
        shutil.copy(src, os.path.join(d, "existing.sqlite"))
        before = sha(os.path.join(d, "existing.sqlite"))
        os.chmod(d, 0o555)
        try:
            for label, db in (("read-only folder, new file", os.path.join(d, "results.sqlite")),
                              ("read-only folder, existing store",
                               os.path.join(d, "existing.sqlite"))):
                rc, overall, err, new = e.play(label, db)
                sid = e.check_kept(label, db, rc, overall, err, new, cant)
                print(f"  {label} ({how}): exit {rc}, session {sid} kept and imported")
            check(sha(os.path.join(d, "existing.sqlite")) == before,
                  "read-only: the existing store's bytes changed")
            check(sorted(os.listdir(d)) == ["existing.sqlite"],
                  f"read-only: the folder now holds {sorted(os.listdir(d))}")
        finally:
            os.chmod(d, 0o755)


def full_disk(e):
    print("full disk:")
    d = os.path.join(e.tmp, "full")
    m = PrivateMount(d, "size=256k")
    if not m.ok():
        if os.geteuid() == 0:
            check(False, f"full disk: as root this must run: {m.reason}")
        else:
            SKIPPED.append(f"full disk: {m.reason}")
            print(f"  SKIPPED full disk: {m.reason}")
        return
    db = os.path.join(d, "results.sqlite")
    fill = os.path.join(d, "fill")
    integrity = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
                 "print(c.execute('PRAGMA integrity_check').fetchone()[0]); "
                 "print(*(r for r, in c.execute(\"SELECT t.name || ':' || s.finished || ':' || "
                 "ifnull(s.overall, '') FROM sessions s JOIN trainees t ON t.id = s.trainee_id "
                 "ORDER BY t.name\")))")

    def fill_up():
        rc, _, err = m.sh('dd if=/dev/zero of="$1" bs=4096 2>&1; df -k "$2" | tail -1', fill, d)
        return rc

    def free_up():
        m.sh('rm -f "$1"', fill)

    def store_state():
        free_up()
        p = subprocess.run(m.enter + [sys.executable, "-c", integrity, db], capture_output=True,
                           text=True, timeout=60)
        lines = p.stdout.split("\n")
        return lines[0], (lines[1].split() if len(lines) > 1 else []), p.stderr.strip()

    try:
        # 1. A store with one session, the rest of the disk filled, then a whole session.
        rc, out, err = e.run(["play", "--script", e.best, "--db", db, "--trainee", "first",
                              "--group", "G1", e.scenario], m.enter)
        check(rc == 0 and not err, f"full disk: the first session: exit {rc} {err.strip()}")
        fill_up()
        rc, out, _ = m.sh('df -k "$1" | tail -1', d)
        avail = out.split()[3] if len(out.split()) > 3 else "?"
        rc, overall, err, new = e.play("full disk", db, m.enter)
        sid = e.check_kept("full disk", db, rc, overall, err, new, r"the disk is full")
        ok, sessions, perr = store_state()
        check(ok == "ok", f"full disk: integrity_check {ok!r} {perr}")
        check(sessions == ["first:1:100"], f"full disk: the store now holds {sessions}, want "
                                           f"only the first session, finished, 100")
        print(f"  full before the session ({avail} KiB free): exit {rc}, session {sid} in the "
              f"fallback file and imported elsewhere; the store intact")

        # 2. The disk fills up in the middle of a session played in the terminal.
        out_path = os.path.join(e.tmp, "mid.out")
        before = e.fallbacks()
        with open(out_path, "w") as out_f:
            p = subprocess.Popen(m.enter + [e.binary, "play", "--text", "--untimed", "--db", db,
                                            "--trainee", "mid", "--group", "G1", e.scenario],
                                 stdin=subprocess.PIPE, stdout=out_f, stderr=subprocess.PIPE,
                                 text=True, cwd=e.root, env=e.env)

        def wait_for(pattern, timeout=20):
            end = time.monotonic() + timeout
            while time.monotonic() < end and p.poll() is None:
                if re.search(pattern, open(out_path, encoding="utf-8").read(), re.M):
                    return True
                time.sleep(0.005)
            return False

        check(wait_for(r"^Turn 1$"), "full disk mid-session: no first turn shown")
        p.stdin.write("2\n")  # not the best reply: the score is not a default 100
        p.stdin.flush()
        got_turn2 = wait_for(r"^Turn 2$")
        check(got_turn2, "full disk mid-session: the first reply was not taken")
        fill_up()  # the session's start and first reply are in the store; now no room
        for _ in range(40):
            if p.poll() is not None:
                break
            try:
                p.stdin.write("1\n")
                p.stdin.flush()
            except (BrokenPipeError, OSError):
                break
            time.sleep(0.01)
        try:
            p.stdin.close()
        except OSError:
            pass
        try:
            err = p.stderr.read()
            p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
            err = ""
            check(False, "full disk mid-session: the game hung")
        text = open(out_path, encoding="utf-8").read()
        res = re.search(r"^Result: (\d+)/100 \([A-F]\), outcome: (\S+)", text, re.M)
        heads = re.findall(r"^Turn (\d+)$", text, re.M)
        replies = int(heads[-1]) if heads else 0
        check(p.returncode == 0, f"full disk mid-session: exit {p.returncode}: {err.strip()}")
        check(res is not None and res.group(2) != "unfinished",
              f"full disk mid-session: the game did not reach an ending:\n{text[-400:]}")
        new = sorted(e.fallbacks() - before)
        check(db in err and "the disk is full" in err,
              f"full disk mid-session: the message does not name {db} and say the disk is "
              f"full: {err.strip()!r}")
        if res and check(len(new) == 1, f"full disk mid-session: {len(new)} fallback files"):
            check(new[0] in err, f"full disk mid-session: the message does not name {new[0]}")
            score = int(res.group(1))
            sid = e.check_import("full disk mid-session", new[0], score, replies)
            # Room again: importing it into the store completes the unfinished copy there.
            free_up()
            rc, out, ierr = e.run(["import", "--db", db, new[0]], m.enter)
            check(rc == 0, f"full disk mid-session: import into the freed store: exit {rc} "
                           f"{ierr.strip()}")
            ok, sessions, perr = store_state()
            check(ok == "ok", f"full disk mid-session: integrity_check {ok!r} {perr}")
            check(sessions == ["first:1:100", f"mid:1:{score}"],
                  f"full disk mid-session: the store holds {sessions} after the import, want "
                  f"first:1:100 and mid:1:{score}")
            print(f"  full in the middle ({replies} replies, {score}/100): exit {p.returncode}, "
                  f"the fallback file holds the whole session; import elsewhere and into the "
                  f"freed store ({out.strip() or ierr.strip()})")
    finally:
        m.close()


# ---- report usage errors ----------------------------------------------------------------------

def report_usage(e):
    print("report usage errors:")
    db = os.path.join(e.tmp, "usage.sqlite")
    make_store(e, db)
    rc, out, err = e.run(["play", "--script", e.script, "--db", db, "--trainee", "z",
                          "--group", "Team B", e.scenario])
    check(rc == 0 and not err, f"usage store: exit {rc} {err.strip()}")

    def usage(args, must, label=None):
        label = label or " ".join(args)
        rc, out, err = e.run(["report", "--db", db] + args)
        if not check(rc == 2, f"report {label}: exit {rc}, want 2 (usage error); stderr "
                              f"{err.strip()!r}, stdout {out[:60]!r}..."):
            return
        check(out == "", f"report {label}: wrote to stdout on a usage error: {out[:100]!r}")
        for word in must:
            check(word in err, f"report {label}: the message does not mention {word!r}: "
                               f"{err.strip()!r}")
        print(f"  report {label}: exit {rc}: {err.strip().splitlines()[0] if err.strip() else ''}")

    usage(["--format", "xml"], ["xml", "csv", "json", "xapi", "html"])
    usage(["--since", "2026-13-01"], ["2026-13-01", "YYYY-MM-DD"])
    usage(["--until", "2026-02-30"], ["2026-02-30", "YYYY-MM-DD"])
    usage(["--since", "2026-02-30"], ["2026-02-30", "YYYY-MM-DD"])
    usage(["--group", "nosuchgroup"], ["nosuchgroup", "G1", "Team B"])
    usage(["--sep", ":"], [":", ",", ";"])

    out_file = os.path.join(e.tmp, "existing.csv")
    with open(out_file, "w") as f:
        f.write("a trainer's notes\n")
    digest = sha(out_file)
    rc, out, err = e.run(["report", "--db", db, "-o", out_file])
    check(rc == 1, f"report -o EXISTING: exit {rc}, want 1")
    check(out_file in err and "--force" in err,
          f"report -o EXISTING: the message does not name the file and --force: {err.strip()!r}")
    check(sha(out_file) == digest, "report -o EXISTING: the file was changed without --force")
    print(f"  report -o EXISTING: exit {rc}: {err.strip()}")
    rc, out, err = e.run(["report", "--db", db, "-o", out_file, "--force"])
    check(rc == 0 and open(out_file).read().startswith("session,"),
          f"report -o EXISTING --force: exit {rc}, the file was not replaced by the CSV")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--seed", type=int, default=4)
    a = ap.parse_args()
    binary, root = os.path.abspath(a.frontline), os.path.abspath(a.root)
    tmp = tempfile.mkdtemp(prefix="fl-faults-")
    e = Env(binary, root, tmp)
    rng = random.Random(a.seed)
    print(f"running as {'root' if os.geteuid() == 0 else 'uid ' + str(os.geteuid())}, "
          f"garbage seed {a.seed}, in {tmp}")
    t0 = time.monotonic()
    for part in (bad_files, read_only, full_disk, report_usage):
        try:
            part(e, rng) if part is bad_files else part(e)
        except Exception as ex:  # a broken test step: report it, run the others
            import traceback
            traceback.print_exc()
            check(False, f"{part.__name__}: test error {ex!r}")
    for s in SKIPPED:
        print("SKIPPED:", s)
    print(f"store faults: {CHECKS[0]} checks, {len(FAILURES)} failure(s), {len(SKIPPED)} "
          f"skipped, {time.monotonic() - t0:.1f} s")
    if FAILURES:
        print(f"kept {tmp}")
        for f in FAILURES:
            print("FAIL:", f.splitlines()[0])
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
