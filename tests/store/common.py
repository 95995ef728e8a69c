"""What the store tests (rounds.py, migrate.py, faults.py, schema5.py) share: the failures found,
check(), sha(), the private folders a test plays in and the xAPI validator."""
import hashlib
import os
import shutil
import subprocess

FAILURES = []
CHECKS = [0]  # how many checks were made (faults.py prints it)


def check(cond, what):
    CHECKS[0] += 1
    if not cond:
        FAILURES.append(what)
        print("FAIL:", what, flush=True)
    return cond


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def private_env(tmp, tmpdir=False, **fixed):
    """os.environ in a UTF-8 locale, with fixed's variables, and the store's folders (the
    data, state and home folders, and TMPDIR when tmpdir: a fallback file's second place) new
    ones inside tmp: a test never touches the user's store, nor another run's."""
    env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8", **fixed)
    dirs = [("XDG_DATA_HOME", "data"), ("XDG_STATE_HOME", "state"), ("HOME", "home")]
    for var, sub in dirs + ([("TMPDIR", "tmp")] if tmpdir else []):
        env[var] = os.path.join(tmp, sub)
        os.makedirs(env[var])
    return env


def finish(tmp, ok):
    """The exit status: 1 when a check failed, keeping tmp to look into; else 0, tmp removed and
    ok printed."""
    if FAILURES:
        print(f"{len(FAILURES)} failure(s); kept {tmp}")
        return 1
    shutil.rmtree(tmp, ignore_errors=True)
    print(ok)
    return 0


def validate_xapi(root, path, what):
    """The xAPI statements in path through the independent validator (tests/report/xapi, its
    packages installed on first use); what: whose statements, for the failure."""
    here = os.path.join(root, "tests", "report", "xapi")
    if not os.path.isdir(os.path.join(here, "node_modules", "@learninglocker")):
        p = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"], cwd=here,
                           capture_output=True, text=True, timeout=600)
        if not check(p.returncode == 0, f"npm ci in {here}: {p.stderr[-2000:]}"):
            return
    p = subprocess.run(["node", os.path.join(here, "validate.js"), path], cwd=here,
                       capture_output=True, text=True, timeout=300)
    check(p.returncode == 0, f"the xAPI validator refused {what}:\n{p.stdout}{p.stderr}")
