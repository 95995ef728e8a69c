"""What the workshop tests (new.py, play.py) share: the failures found and check(), the
command line (--frontline, --root), the leader's own scenario beside a workshop file, and the
summary the test ends with."""
import argparse
import os

FAILURES = []


def check(cond, what):
    if not cond:
        FAILURES.append(what)
    return cond


def arguments(add=None):
    """The absolute frontline binary and source root, and the parsed options (add(ap) adds the
    test's own)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    if add:
        add(ap)
    a = ap.parse_args()
    return os.path.abspath(a.frontline), os.path.abspath(a.root), a


def write_own_scenario(root, folder):
    """A scenario of the leader's own, folder/jargon.xml (the bundled tech-jargon under the id
    our-jargon), as a workshop names one by path."""
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(root, "scenarios/en/tech-jargon.xml"), encoding="utf-8") as f:
        own = f.read().replace('id="tech-jargon"', 'id="our-jargon"')
    with open(os.path.join(folder, "jargon.xml"), "w", encoding="utf-8") as f:
        f.write(own)


def summary():
    """Prints the failures and the count; the exit status."""
    for f in FAILURES:
        print("FAIL:", f)
    print(f"{0 if FAILURES else 1} passed, {1 if FAILURES else 0} failed")
    return 1 if FAILURES else 0
