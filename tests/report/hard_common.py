"""What the hardening tests of the exports share (tests/report/hard_*.py, issue 16): checks,
private folders, running frontline with a time limit, and stores made by the program itself
(a real `play --script`) and then grown or spoilt with Python's sqlite3 the way an older
program or another terminal would have written them."""
import hashlib
import os
import shutil
import sqlite3
import subprocess
import tempfile
import uuid

FAILS = []
CHECKS = [0]
# what AddressSanitizer, LeakSanitizer and UndefinedBehaviorSanitizer print (the ASan pass)
SANITIZERS = (b"AddressSanitizer", b"LeakSanitizer", b"runtime error:")


def check(cond, what):
    CHECKS[0] += 1
    if not cond:
        FAILS.append(what)
        print("FAIL:", what, flush=True)
    return cond


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def private(prefix):
    """A new folder and an environment whose store, settings and home are inside it."""
    tmp = tempfile.mkdtemp(prefix=prefix)
    env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8")
    for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_STATE_HOME", "state"), ("HOME", "home"),
                     ("XDG_CONFIG_HOME", "config")):
        env[var] = os.path.join(tmp, sub)
        os.makedirs(env[var])
    env.pop("FRONTLINE_NAMED_TEMP", None)
    return tmp, env


def run(cmd, env, timeout=60, **kw):
    """cmd with a time limit: a hang is a failure (returncode None), never a stuck test."""
    try:
        p = subprocess.run(cmd, env=env, capture_output=True, timeout=timeout, **kw)
        err = p.stderr if isinstance(p.stderr, bytes) else (p.stderr or "").encode()
        check(not any(w in err for w in SANITIZERS),
              "%s: no sanitizer report: %r" % (" ".join(map(str, cmd[1:4])), err[-1500:]))
        return p
    except subprocess.TimeoutExpired as ex:
        print("TIMEOUT:", cmd, flush=True)
        return subprocess.CompletedProcess(cmd, None, ex.stdout or b"", ex.stderr or b"")


def finish(tmp, ok):
    if FAILS:
        print("%d failure(s) in %d checks; kept %s" % (len(FAILS), CHECKS[0], tmp))
        return 1
    shutil.rmtree(tmp, ignore_errors=True)
    print("ok: %d checks; %s" % (CHECKS[0], ok))
    return 0


def play(frontline, root, db, env, trainee="Anna", group="Group 1",
         scenario="late-delivery", lang="en", which="best"):
    """One real session written by `frontline play --script` into db."""
    script = os.path.join(root, "tests", "golden", lang, "%s.%s.script" % (scenario, which))
    xml = os.path.join(root, "scenarios", lang, scenario + ".xml")
    p = run([frontline, "play", "--script", script, "--db", db, "--trainee", trainee,
             "--group", group, xml], env)
    check(p.returncode == 0, "play %s into %s: exit %s %s" % (scenario, db, p.returncode,
                                                              p.stderr[-300:]))
    return p.returncode == 0


def clone_sessions(db, copies):
    """Grows db to `copies` more copies of each session it holds, with new ids: a store as a
    year of workshops leaves it, in seconds. Rows of every table with a session_id follow, and
    every xapi_id is new (they are unique)."""
    con = sqlite3.connect(db)
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    child = [t for t in tables if t != "sessions" and
             "session_id" in [c[1] for c in con.execute("PRAGMA table_info(%s)" % t)]]
    originals = [r[0] for r in con.execute("SELECT id FROM sessions")]
    con.execute("BEGIN")
    for sid in originals:
        for i in range(copies):
            new = str(uuid.uuid4())
            con.execute("CREATE TEMP TABLE s AS SELECT * FROM sessions WHERE id = ?", (sid,))
            con.execute("UPDATE s SET id = ?, xapi_id = ?, started = started + ?",
                        (new, str(uuid.uuid4()), i + 1))
            con.execute("INSERT INTO sessions SELECT * FROM s")
            con.execute("DROP TABLE s")
            for t in child:
                cols = [c[1] for c in con.execute("PRAGMA table_info(%s)" % t)]
                con.execute("CREATE TEMP TABLE c AS SELECT * FROM %s WHERE session_id = ?" % t,
                            (sid,))
                con.execute("UPDATE c SET session_id = ?", (new,))
                if "xapi_id" in cols:
                    for (rowid,) in list(con.execute("SELECT rowid FROM c")):
                        con.execute("UPDATE c SET xapi_id = ? WHERE rowid = ? AND xapi_id IS NOT NULL",
                                    (str(uuid.uuid4()), rowid))
                con.execute("INSERT INTO %s SELECT * FROM c" % t)
                con.execute("DROP TABLE c")
    con.commit()
    con.close()
