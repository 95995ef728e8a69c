#!/usr/bin/env python3
"""A killed export leaves nothing behind and never half a file; a full disk is reported (issue 16).

A real store made by `frontline play --script` and grown to thousands of sessions (hard_common
clone_sessions). The target (-o FILE) already holds a complete earlier export. Then, for the
xAPI and the HTML export, in both ways of writing (an unnamed O_TMPFILE file, the default on
Linux; and a named "FILE.frontline-tmp-PID", FRONTLINE_NAMED_TEMP=1, what file systems without
O_TMPFILE get), a real `frontline report ... --force` is SIGKILLed at several moments while it
writes: each kill is made only once the process is seen writing (its temporary has grown past
a threshold, looked up in /proc/PID/fd or in the folder), at thresholds spread over the file.
After each kill the target must be exactly the earlier export (sha256), never a part; with
O_TMPFILE the folder holds no other file at once; with a named temporary the file of the dead
process may be there until the next export in that folder, which must remove it and say so.
A complete run afterwards replaces the target with a whole export (it parses).

Then a full disk: a 256 KiB tmpfs in a private mount namespace (as root, or an unprivileged user
namespace; else said and skipped): an export larger than that to a file on it must exit 1 with
"No space left on device", leave nothing in the folder, and keep an earlier file there intact.
"""
import argparse
import html.parser
import json
import os
import shutil
import signal
import subprocess
import sys
import time

from hard_common import FAILS, check, clone_sessions, finish, play, private, run, sha  # noqa

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "store"))


def temp_size(pid, folder, named):
    """Bytes written so far to the export's temporary file by process pid, or None if none is
    seen yet."""
    if named:
        for n in os.listdir(folder):
            if ".frontline-tmp-%d" % pid in n:
                try:
                    return os.path.getsize(os.path.join(folder, n))
                except OSError:
                    return None
        return None
    try:
        fds = os.listdir("/proc/%d/fd" % pid)
    except OSError:
        return None
    for fd in fds:
        try:
            link = os.readlink("/proc/%d/fd/%s" % (pid, fd))
        except OSError:
            continue
        if link.startswith(folder + "/#") or (link.startswith(folder + "/") and "(deleted)" in link):
            try:
                return os.stat("/proc/%d/fd/%s" % (pid, fd)).st_size
            except OSError:
                return None
    return None


def stopped(pid):
    """Waits (up to a second) until pid is stopped or gone."""
    for _ in range(1000):
        try:
            with open("/proc/%d/stat" % pid) as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            return
        if state in ("T", "t", "Z", "X"):
            return
        time.sleep(0.001)


def complete(path, fmt):
    with open(path, "rb") as f:
        data = f.read()
    if fmt == "xapi":
        try:
            return isinstance(json.loads(data), list)
        except ValueError:
            return False
    return data.rstrip().endswith(b"</html>")


def kills(fl, db, folder, env, fmt, named, final_size):
    target = os.path.join(folder, "export." + fmt)
    before = sha(target)
    e = dict(env)
    if named:
        e["FRONTLINE_NAMED_TEMP"] = "1"
    way = "named temporary" if named else "O_TMPFILE"
    killed_mid = 0
    # Each moment twice: on a quiet machine a 0.03 s export can finish inside its last slice.
    for k, frac in enumerate((0.05, 0.3, 0.6, 0.9) * 2):
        threshold = max(1, int(final_size * frac))
        p = subprocess.Popen([fl, "report", "--db", db, "--format", fmt, "-o", target,
                              "--force", "--no-progress"], env=e,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        seen = None
        # The export runs in short slices between SIGSTOPs, and its temporary is measured while
        # it is stopped: the kill lands past the threshold even on a busy machine.
        while p.poll() is None and time.monotonic() < deadline:
            try:
                os.kill(p.pid, signal.SIGSTOP)
            except ProcessLookupError:
                break
            stopped(p.pid)
            seen = temp_size(p.pid, folder, named)
            if seen is not None and seen >= threshold:
                break
            os.kill(p.pid, signal.SIGCONT)
            time.sleep(0.002)
        if p.poll() is None:
            os.kill(p.pid, signal.SIGKILL)
            if seen is not None and seen >= threshold:
                killed_mid += 1
        try:
            p.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()
            p.communicate()
        if p.returncode != -signal.SIGKILL:
            print("  %s %s kill %d: the export finished first (size %s of %d)"
                  % (fmt, way, k, seen, final_size))
            before = sha(target)  # it replaced the target whole: that is the file now
            check(complete(target, fmt), "%s %s: a finished export is whole" % (fmt, way))
            continue
        check(sha(target) == before, "%s %s: killed at %s of %d bytes: the target is the earlier "
              "export, not a part" % (fmt, way, seen, final_size))
        others = [n for n in os.listdir(folder) if n != os.path.basename(target)]
        if named:
            check(all(".frontline-tmp-%d" % p.pid in n for n in others),
                  "%s %s: only the dead export's temporary is there: %s" % (fmt, way, others))
        else:
            check(not others, "%s %s: killed: no file left in the folder: %s" % (fmt, way, others))
    check(killed_mid >= 3, "%s %s: at least three kills landed while writing (%d)"
          % (fmt, way, killed_mid))
    # the next export removes what a dead one left, says so, and writes the whole file
    stale = [n for n in os.listdir(folder) if ".frontline-tmp-" in n]
    if named and not stale:
        # The last export finished (and cleaned up after the earlier kills): leave what a killed
        # one would, a temporary whose process is gone, so the next run's cleaning is tested.
        dead = subprocess.Popen(["true"])
        dead.wait()
        with open("%s.frontline-tmp-%d" % (target, dead.pid), "wb") as f:
            f.write(b"<html>half")
        stale = [n for n in os.listdir(folder) if ".frontline-tmp-" in n]
        print("  %s %s: the last export finished; a dead export's temporary was left by hand"
              % (fmt, way))
    p = run([fl, "report", "--db", db, "--format", fmt, "-o", target, "--force",
             "--no-progress"], e, timeout=120)
    check(p.returncode == 0, "%s %s: the next export works (%s %r)" % (fmt, way, p.returncode,
                                                                      p.stderr[-300:]))
    if stale:
        check(b"temporary files" in p.stderr, "%s %s: the next export says it removed the "
              "stale temporary: %r" % (fmt, way, p.stderr[-300:]))
    check(os.listdir(folder) == [os.path.basename(target)],
          "%s %s: after the next export only the target is there: %s"
          % (fmt, way, os.listdir(folder)))
    check(complete(target, fmt), "%s %s: the target is a whole export" % (fmt, way))
    print("%s, %s: %d kills while writing, target always whole, nothing left"
          % (fmt, way, killed_mid))


def live_temp_kept(fl, db, folder, env):
    """A temporary whose process is alive (another export at work) is never removed."""
    sleeper = subprocess.Popen(["sleep", "30"])
    mine = os.path.join(folder, "other.csv.frontline-tmp-%d" % sleeper.pid)
    with open(mine, "w") as f:
        f.write("in progress")
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = os.path.join(folder, "old.csv.tmp-%d" % dead.pid)  # what earlier versions left
    with open(stale, "w") as f:
        f.write("half")
    stale_target = os.path.join(folder, "old.csv")
    p = run([fl, "report", "--db", db, "-o", stale_target, "--no-progress"], env, timeout=120)
    check(p.returncode == 0, "export beside a live temporary: exit 0")
    check(os.path.exists(mine), "a live process's temporary is left alone")
    check(not os.path.exists(stale), "an earlier version's FILE.tmp-PID of a dead process is "
          "removed by the next export of FILE")
    sleeper.kill()
    sleeper.wait()
    os.unlink(mine)
    os.unlink(stale_target)


def pids_using(path):
    """The processes whose command line names path (Chromium started by a killed export)."""
    found = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/cmdline" % d, "rb") as f:
                if path.encode() in f.read():
                    found.append(int(d))
        except OSError:
            pass
    return found


def pdf_kill(fl, db, tmp, env):
    """A PDF export killed while Chromium prints leaves its temporary folder (in TMPDIR); the
    next PDF export removes it. The target stays the earlier PDF."""
    if not shutil.which("chromium"):
        print("pdf kill: SKIPPED (no chromium)")
        return
    tmpdir = os.path.join(tmp, "pdf-tmpdir")
    folder = os.path.join(tmp, "out-pdf")
    os.makedirs(tmpdir)
    os.makedirs(folder)
    e = dict(env, TMPDIR=tmpdir)
    target = os.path.join(folder, "day.pdf")
    small = ["--trainee", "Anna"]
    p = run([fl, "report", "--db", db, "--format", "pdf", "-o", target] + small, e, timeout=180)
    if not check(p.returncode == 0, "pdf: the earlier export (%s %r)" % (p.returncode,
                                                                       p.stderr[-300:])):
        return
    before = sha(target)
    p = subprocess.Popen([fl, "report", "--db", db, "--format", "pdf", "-o", target, "--force"]
                         + small, env=e, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    mine = None
    while p.poll() is None and time.monotonic() < deadline and not mine:
        dirs = [n for n in os.listdir(tmpdir) if n.startswith("frontline-pdf-%d-" % p.pid)]
        if dirs and pids_using(os.path.join(tmpdir, dirs[0])):
            mine = os.path.join(tmpdir, dirs[0])  # Chromium is at work in it
        time.sleep(0.01)
    if p.poll() is None:
        os.kill(p.pid, signal.SIGKILL)
    p.wait()
    if not check(mine is not None and p.returncode == -signal.SIGKILL,
                 "pdf: killed while Chromium printed (%s)" % p.returncode):
        return
    for pid in pids_using(mine):  # the killed export's Chromium, started by this test
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass
    check(sha(target) == before and os.listdir(folder) == ["day.pdf"],
          "pdf: killed: the target is the earlier PDF and nothing else is there: %s"
          % os.listdir(folder))
    check(os.path.isdir(mine), "pdf: the killed export's temporary folder is left (so its "
          "removal is tested)")
    p = run([fl, "report", "--db", db, "--format", "pdf", "-o", target, "--force"] + small, e,
            timeout=180)
    check(p.returncode == 0, "pdf: the next export works (%s %r)" % (p.returncode,
                                                                     p.stderr[-300:]))
    check(os.listdir(tmpdir) == [], "pdf: the next export removed the dead one's folder: %s"
          % os.listdir(tmpdir))
    print("pdf: killed while Chromium printed; the target kept, the folder removed next time")


def full_disk(fl, db, tmp, env):
    try:
        from faults import PrivateMount
    except Exception as ex:  # pragma: no cover
        print("full disk: skipped, tests/store/faults.py not importable:", ex)
        return
    mnt = os.path.join(tmp, "small")
    m = PrivateMount(mnt, "size=256k")
    if not m.ok():
        print("full disk: SKIPPED (%s)" % m.reason)
        return
    try:
        rc, _, err = m.sh('printf "earlier" > "$1/keep.csv"', mnt)
        check(rc == 0, "full disk: an earlier file on the small disk")
        for named in (False, True):
            envs = " ".join("%s=%s" % (k, v) for k, v in
                            (("FRONTLINE_NAMED_TEMP", "1"),) if named)
            for target in ("new.html", "keep.csv"):
                fmt = "html" if target.endswith("html") else "csv"
                rc, out, err = m.sh('env %s "$1" report --db "$2" --format "$3" -o "$4/$5" '
                                    '--force --no-progress' % envs, fl, db, fmt, mnt, target)
                way = "named" if named else "O_TMPFILE"
                check(rc == 1 and "No space left on device" in err,
                      "full disk (%s, %s): exit 1 saying the disk is full (%s %r)"
                      % (way, target, rc, err[-300:]))
                rc, out, _ = m.sh('ls -A "$1"', mnt)
                check(out.split() == ["keep.csv"], "full disk (%s, %s): nothing left but the "
                      "earlier file: %s" % (way, target, out.split()))
                check(m.read(os.path.join(mnt, "keep.csv")) == b"earlier",
                      "full disk (%s, %s): the earlier file intact" % (way, target))
        print("full disk: exit 1, 'No space left on device', nothing left, earlier file intact")
    finally:
        m.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--sessions", type=int, default=3000)
    a = ap.parse_args()
    fl = os.path.abspath(a.frontline)
    tmp, env = private("fl-hard-kill-")
    db = os.path.join(tmp, "results.sqlite")
    if not play(fl, a.root, db, env):
        return finish(tmp, "")
    clone_sessions(db, a.sessions - 1)
    for fmt in ("xapi", "html"):
        for named in (False, True):
            folder = os.path.join(tmp, "out-%s-%d" % (fmt, named))
            os.makedirs(folder)
            target = os.path.join(folder, "export." + fmt)
            t0 = time.monotonic()
            p = run([fl, "report", "--db", db, "--format", fmt, "-o", target, "--no-progress"],
                    env, timeout=300)
            took = time.monotonic() - t0
            if not check(p.returncode == 0 and complete(target, fmt),
                         "the earlier %s export (%s %r)" % (fmt, p.returncode, p.stderr[-300:])):
                continue
            size = os.path.getsize(target)
            print("%s of %d sessions: %d bytes in %.2f s" % (fmt, a.sessions, size, took))
            kills(fl, db, folder, env, fmt, named, size)
    live_temp_kept(fl, db, os.path.join(tmp, "out-xapi-0"), env)
    pdf_kill(fl, db, tmp, env)
    full_disk(fl, db, tmp, env)
    return finish(tmp, "killed exports leave the earlier file and no temporary")


if __name__ == "__main__":
    sys.exit(main())
