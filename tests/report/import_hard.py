#!/usr/bin/env python3
"""`frontline import` against hostile and conflicting files, and settings.json that is not a
settings file (issue 16). Real sessions played by `frontline play --script` into real SQLite
stores, exported with `frontline report --format json`, edited as bytes or JSON, and imported
by the real program; every process has a timeout.

Parts (--only PART; all by default):
  conflict  a session whose id is in the store with other content is named with the fields
            that differ (store's -> file's value), the store's copy stays byte for byte as it
            was, the rest of the file imports, exit 1; identical duplicates and an earlier
            (unfinished) copy of a stored session are skipped quietly, exit 0.
  times     impossible values (a signed year, 31 February, an end before its start, a negative
            time taken, a time before 1970) refuse only their session, named with the field and
            the value; the file's good sessions import; the times that import export the same.
  files     a FIFO, a folder and a file over the 1 GiB limit (sparse) are refused at once
            without hanging, and the other files on the command line still import.
  utf8      an export whose trainee name holds a byte that is not UTF-8 (made by editing a real
            export's bytes): every session imports, the byte shows as U+FFFD, the count is said.
  settings  settings.json as a FIFO, as a folder, as junk, and with a bad byte and a name cut
            inside a character: `frontline lint` and `play --script` finish, with one warning
            line when the file cannot be used, and the language it holds is still read.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

FAILURES = []
TIMEOUT = 60


def check(cond, what):
    if not cond:
        FAILURES.append(what)
        print("FAIL:", what, flush=True)
    return cond


class Env:
    def __init__(self, binary, root, tmp):
        self.binary, self.root, self.tmp = binary, root, tmp
        self.env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8")
        self.env.pop("LC_MESSAGES", None)
        for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_STATE_HOME", "state"),
                         ("HOME", "home"), ("XDG_CONFIG_HOME", "config")):
            self.env[var] = os.path.join(tmp, sub)
            os.makedirs(self.env[var], exist_ok=True)
        self.late = os.path.join(root, "scenarios/en/late-delivery.xml")
        self.best = os.path.join(root, "tests/golden/en/late-delivery.best.script")

    def run(self, args, env=None, timeout=TIMEOUT):
        p = subprocess.run([self.binary] + args, capture_output=True, env=env or self.env,
                           timeout=timeout)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8",
                                                                                  "replace")

    def play(self, db, trainee):
        rc, _, err = self.run(["play", "--script", self.best, "--db", db, "--trainee", trainee,
                               "--untimed", self.late])
        check(rc == 0, f"play {trainee}: exit {rc}: {err.strip()}")

    def export(self, db, path=None):
        rc, out, err = self.run(["report", "--db", db, "--format", "json"])
        check(rc == 0, f"report --format json of {db}: exit {rc}: {err.strip()}")
        if path:
            with open(path, "w", encoding="utf-8") as f:
                f.write(out)
        return json.loads(out) if out.strip() else []

    def store_of(self, names):
        db = os.path.join(self.tmp, "-".join(names) + ".sqlite")
        for n in names:
            self.play(db, n)
        return db

    def write(self, name, doc):
        path = os.path.join(self.tmp, name)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False)
        return path


def summary(err):
    """The counts of the last summary line: added, there, completed, conflicts, refused."""
    line = [x for x in err.splitlines() if x.startswith("frontline import: ") and "added" in x
            and "stress rounds" not in x]
    if not line:
        return None
    nums = [int(w.strip(",")) for w in line[-1].split() if w.strip(",").isdigit()]
    return tuple(nums[:5])


# ---- conflict ------------------------------------------------------------------------------------

def earlier_copy(s):
    """What a fallback file of the same session holds when it was saved after its first reply:
    unfinished, no result yet, the first customer line and reply."""
    e = json.loads(json.dumps(s))
    e.update(finished=False, ended=None, outcome=None, overall=None, raw=None, band=None,
             passed=None, critical_mistakes=None, critical=None, survey=None, replies=1,
             findings_count=0, findings=[])
    e["dimensions"] = {k: None for k in e["dimensions"]}
    e["turns"] = e["turns"][:2]
    return e


def part_conflict(e):
    a = e.store_of(["Anna", "Boris"])
    export = e.export(a, os.path.join(e.tmp, "a.json"))
    check(len(export) == 2, f"two sessions exported: {len(export)}")
    b = os.path.join(e.tmp, "b.sqlite")
    rc, _, err = e.run(["import", "--db", b, os.path.join(e.tmp, "a.json")])
    check(rc == 0 and summary(err) == (2, 0, 0, 0, 0), f"first import: exit {rc}: {err}")
    # the same file again: identical duplicates, quiet, exit 0
    rc, _, err = e.run(["import", "--db", b, os.path.join(e.tmp, "a.json")])
    check(rc == 0 and summary(err) == (0, 2, 0, 0, 0), f"identical duplicates: exit {rc}: {err}")
    check(len(err.strip().splitlines()) == 1, f"identical duplicates say one line: {err}")
    # an earlier, unfinished copy of a stored session (a fallback file): quiet too
    path = e.write("earlier.json", earlier_copy(export[0]))
    rc, _, err = e.run(["import", "--db", b, path])
    check(rc == 0 and summary(err) == (0, 1, 0, 0, 0), f"an earlier copy: exit {rc}: {err}")
    before = e.export(b)

    # one conflicting session (other trainee, other score), one identical, one new
    c = e.store_of(["Carla"])
    new = e.export(c)[0]
    changed = json.loads(json.dumps(export[0]))
    changed["trainee"] = "Zoë"
    changed["overall"] = 3
    changed["turns"][1]["text"] = "Whatever."
    path = e.write("conflict.json", [changed, export[1], new])
    rc, _, err = e.run(["import", "--db", b, path])
    sid = export[0]["session"]
    lines = [x for x in err.splitlines() if sid in x]
    check(rc == 1, f"a conflict exits 1: exit {rc}")
    check(summary(err) == (1, 1, 0, 1, 0), f"the summary counts 1 added, 1 there, 1 conflict: {err}")
    check(len(lines) == 1, f"the conflicting session is named once: {err}")
    msg = lines[0] if lines else ""
    for part in (path, sid, '"Zoë"', "late-delivery", 'trainee "Anna" → "Zoë"',
                 "overall 100 → 3", "turns[1].text", "--db"):
        check(part in msg, f"the conflict message says {part!r}: {msg}")
    after = e.export(b)
    got = {s["session"]: s for s in after}
    check(got.get(sid) == next(s for s in before if s["session"] == sid),
          "the store's copy of the conflicting session is kept exactly as it was")
    check(new["session"] in got and got[new["session"]]["trainee"] == "Carla",
          "the new session of the file is imported")
    check(len(after) == 3, f"three sessions in the store after: {len(after)}")

    # nothing lost: the file's copy goes into another store, as the message says
    other = os.path.join(e.tmp, "other.sqlite")
    rc, _, err = e.run(["import", "--db", other, path])
    check(rc == 0 and summary(err) == (3, 0, 0, 0, 0), f"into another store: exit {rc}: {err}")
    mine = {s["session"]: s for s in e.export(other)}
    check(mine.get(sid, {}).get("trainee") == "Zoë", "the file's copy is there, whole")

    # a conflict in the start time itself: the store's copy is found where it starts
    moved = json.loads(json.dumps(export[1]))
    moved["started"] = "2026-01-02T03:04:05.006Z"
    rc, _, err = e.run(["import", "--db", b, e.write("moved.json", [moved])])
    line = [x for x in err.splitlines() if moved["session"] in x]
    check(rc == 1 and summary(err) == (0, 0, 0, 1, 0) and len(line) == 1
          and f'started "{export[1]["started"]}" → "2026-01-02T03:04:05.006Z"' in line[0],
          f"a conflict in the start time: exit {rc}: {err}")

    # the same in Russian
    ru = dict(e.env, LANG="ru_RU.UTF-8", LC_ALL="ru_RU.UTF-8")
    rc, _, err = e.run(["import", "--db", b, path], env=ru)
    check(rc == 1 and "уже есть в хранилище с другим содержимым" in err and "в конфликте" in err,
          f"the conflict in Russian: {err}")
    # a stress round: the same again quietly, an edited copy is a conflict too
    rdb = os.path.join(e.tmp, "round.sqlite")
    rc, _, err = e.run(["play", "--round", os.path.join(e.root, "scenarios/rounds/monday-rush.xml"),
                        "--script", os.path.join(e.root, "tests/round/scripts/monday-rush.script"),
                        "--db", rdb, "--trainee", "Rita"], timeout=120)
    check(rc == 0, f"play --round: exit {rc}: {err.strip()}")
    rpath = os.path.join(e.tmp, "round.json")
    objs = e.export(rdb, rpath)
    rnd = next((o for o in objs if "round" in o and "session" not in o), None)
    check(rnd is not None, "the export holds the round")
    rfresh = os.path.join(e.tmp, "round-b.sqlite")
    for i in range(2):
        rc, _, err = e.run(["import", "--db", rfresh, rpath])
        check(rc == 0 and summary(err) == ((10, 0, 0, 0, 0) if i == 0 else (0, 10, 0, 0, 0))
              and f"stress rounds: {1 - i} added, {i} already there" in err,
              f"round import {i + 1}: exit {rc}: {err}")
    rnd["group"] = "other-group"
    rc, _, err = e.run(["import", "--db", rfresh, e.write("round-conflict.json", [rnd])])
    line = [x for x in err.splitlines() if rnd["round"] in x]
    check(rc == 1 and len(line) == 1 and 'group "" → "other-group"' in line[0]
          and "stress round" in line[0], f"the round's conflict: exit {rc}: {err}")
    print(f"  conflict named with its fields, store's copy kept, rest imported, exit 1; "
          f"identical and earlier copies quiet, exit 0; rounds too")


# ---- times --------------------------------------------------------------------------------------

def part_times(e):
    db = e.store_of(["T1", "T2", "T3", "T4", "T5", "T6"])
    s = e.export(db)
    check(len(s) == 6, f"six sessions: {len(s)}")
    bad = [("started", "-026-11-23T08:15:02.123Z", '"started": "-026-11-23T08:15:02.123Z"'),
           ("started", "2026-02-31T08:15:02.123Z", '"started": "2026-02-31T08:15:02.123Z"'),
           ("ended", "2020-01-01T00:00:00.000Z", '"ended": 2020-01-01T00:00:00.000Z is before'),
           ("took_ms", -5, '"took_ms": is out of range: -5'),
           ("started", "1969-12-31T23:59:59.000Z", "before 1970-01-01")]
    for (key, value, _), one in zip(bad, s):
        if key == "took_ms":
            next(t for t in one["turns"] if t["speaker"] == "trainee")["took_ms"] = value
        else:
            one[key] = value
    path = e.write("times.json", s)
    fresh = os.path.join(e.tmp, "times.sqlite")
    rc, _, err = e.run(["import", "--db", fresh, path])
    check(rc == 1, f"refused sessions exit 1: exit {rc}")
    check(summary(err) == (1, 0, 0, 0, 5), f"1 added, 5 refused: {err}")
    for (key, value, says), one in zip(bad, s):
        line = [x for x in err.splitlines() if one["session"] in x]
        check(len(line) == 1 and says in line[0] and "T" in line[0] and path in line[0],
              f"{key} {value}: named with the field and value ({says!r}): {line}")
    got = e.export(fresh)
    check([x["session"] for x in got] == [s[5]["session"]], "only the good session is in the store")
    check(got and got[0]["started"] == s[5]["started"] and got[0]["ended"] == s[5]["ended"],
          "its times export as they were")
    print("  5 impossible sessions refused by field and value, the good one imported, exit 1")


# ---- files --------------------------------------------------------------------------------------

def part_files(e):
    db = e.store_of(["F1"])
    good = os.path.join(e.tmp, "good.json")
    e.export(db, good)
    fifo = os.path.join(e.tmp, "pipe.json")
    os.mkfifo(fifo)
    folder = os.path.join(e.tmp, "folder.json")
    os.mkdir(folder)
    big = os.path.join(e.tmp, "big.json")
    with open(big, "wb") as f:
        f.truncate((1 << 30) + 1)  # sparse: no disk used
    fresh = os.path.join(e.tmp, "files.sqlite")
    rc, _, err = e.run(["import", "--db", fresh, fifo, folder, big, good], timeout=30)
    check(rc == 1, f"bad files exit 1: exit {rc}")
    check(summary(err) == (1, 0, 0, 0, 0), f"the good file still imports: {err}")
    for p, says in ((fifo, "FIFO"), (folder, "folder"), (big, "1 GiB")):
        line = [x for x in err.splitlines() if p in x]
        check(len(line) == 1 and says in line[0], f"{os.path.basename(p)} named ({says}): {line}")
    print("  FIFO, folder and a 1 GiB + 1 file refused at once; the good file imported")


# ---- utf8 ---------------------------------------------------------------------------------------

def part_utf8(e):
    db = e.store_of(["BadXName", "Good"])
    path = os.path.join(e.tmp, "utf8.json")
    e.export(db, path)
    raw = open(path, "rb").read()
    check(raw.count(b"BadXName") == 1, "the export names the trainee once")
    with open(path, "wb") as f:
        f.write(raw.replace(b"BadXName", b"Bad\xffName"))
    fresh = os.path.join(e.tmp, "utf8.sqlite")
    rc, _, err = e.run(["import", "--db", fresh, path])
    check(rc == 0 and summary(err) == (2, 0, 0, 0, 0), f"every session imports: exit {rc}: {err}")
    check(any("U+FFFD" in x and x.rstrip().endswith(": 1") for x in err.splitlines()),
          f"the one replaced byte is counted: {err}")
    names = sorted(s["trainee"] for s in e.export(fresh))
    check(names == ["Bad\ufffdName", "Good"], f"the bad byte shows as U+FFFD: {names}")
    print("  an invalid byte in a name: replaced with U+FFFD, counted, both sessions imported")


# ---- settings -----------------------------------------------------------------------------------

def settings_cases(e):
    conf = os.path.join(e.env["XDG_CONFIG_HOME"], "frontline")
    path = os.path.join(conf, "settings.json")

    def reset():
        if os.path.isdir(path) and not os.path.islink(path):
            os.rmdir(path)
        elif os.path.lexists(path):
            os.unlink(path)
        os.makedirs(conf, exist_ok=True)
    return path, reset


def part_settings(e):
    path, reset = settings_cases(e)
    cases = [("fifo", lambda: os.mkfifo(path), "FIFO"),
             ("folder", lambda: os.mkdir(path), "folder"),
             ("junk", lambda: open(path, "wb").write(b'{"language": "ru", "trainee": '),
              "not valid JSON")]
    for name, make, says in cases:
        reset()
        make()
        rc, out, err = e.run(["lint", e.late], timeout=20)
        warn = [x for x in err.splitlines() if "settings" in x]
        check(rc == 0, f"lint with a {name} settings.json: exit {rc}: {err}")
        check(len(warn) == 1 and path in warn[0] and says in warn[0] and "default" in warn[0],
              f"one warning line for a {name} settings.json ({says}): {err}")
        check("1 file checked" in out + err, f"lint speaks the locale's English: {out}{err}")
        db = os.path.join(e.tmp, f"settings-{name}.sqlite")
        rc, out, err = e.run(["play", "--script", e.best, "--db", db, "--untimed", e.late],
                             timeout=60)
        check(rc == 0 and json.loads(out).get("overall") is not None,
              f"play --script with a {name} settings.json: exit {rc}: {err}")
    # Russian with a bad byte inside a name and a Cyrillic name cut inside a character at the
    # end: the file is still read (the language), nothing warned
    reset()
    cut = ("Ж" * 100).encode()[:199]
    with open(path, "wb") as f:
        f.write(b'{"language": "ru", "trainee": "' + cut + b'", "group": "g\xff1"}')
    rc, out, err = e.run(["lint", e.late], timeout=20)
    check(rc == 0 and "1 файл проверен" in out + err and "settings" not in err,
          f"the language of a settings.json with bad bytes is read: {out}{err}")
    # in Russian, the warning too
    reset()
    os.mkfifo(path)
    ru = dict(e.env, LANG="ru_RU.UTF-8", LC_ALL="ru_RU.UTF-8")
    rc, out, err = e.run(["lint", e.late], env=ru, timeout=20)
    check(rc == 0 and "файл настроек" in err and "по умолчанию" in err,
          f"the warning in Russian: {err}")
    reset()
    print("  settings.json as a FIFO, a folder, junk: lint and play finish with one warning; "
          "bad bytes keep its language")


def part_desktop(e):
    """The desktop with a FIFO as settings.json under an Xvfb of its own: it reaches its
    sign-in (it used to wait on the FIFO forever and never open), saying why in one line."""
    sys.path.insert(0, os.path.join(e.root, "tests", "desktop"))
    import harness
    x = harness.Xvfb()
    try:
        cfg, data = os.path.join(e.tmp, "desk-config"), os.path.join(e.tmp, "desk-data")
        os.makedirs(os.path.join(cfg, "frontline"))
        os.makedirs(data)
        path = os.path.join(cfg, "frontline", "settings.json")
        os.mkfifo(path)
        env = harness.clean_env(x.display, cfg, data, {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"})
        app = harness.App(e.binary, [e.late], env)
        try:
            app.wait_first_frame(20)
            app.wait_screen(harness.SIGNIN, 20)
            warn = [x for x in app.other_lines() if "settings" in x]
            check(len(warn) == 1 and path in warn[0] and "FIFO" in warn[0]
                  and "default" in warn[0], f"one warning line from the desktop: {warn}")
        except harness.Failure as f:
            check(False, f"the desktop with a FIFO as settings.json: {f}")
        finally:
            app.stop()
    finally:
        x.stop()
    print("  the desktop with a FIFO as settings.json reaches its sign-in, with one warning")


PARTS = {"conflict": part_conflict, "times": part_times, "files": part_files,
         "utf8": part_utf8, "settings": part_settings, "desktop": part_desktop}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--only", choices=sorted(PARTS))
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="fl-import-hard-")
    e = Env(os.path.abspath(a.frontline), os.path.abspath(a.root), tmp)
    for name in ([a.only] if a.only else PARTS):
        print(f"{name}:", flush=True)
        PARTS[name](e)
    if FAILURES:
        print(f"{len(FAILURES)} failure(s); kept {tmp}")
        return 1
    shutil.rmtree(tmp, ignore_errors=True)
    print("import_hard: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
