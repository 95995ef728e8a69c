#!/usr/bin/env python3
"""The headless commands under valgrind memcheck: no invalid read or write, no use of an
uninitialised value, no definite or indirect leak, on the paths a user takes.

Each part (--only PART) runs a few `frontline` commands under

    valgrind --tool=memcheck --error-exitcode=1 --leak-check=full
             --errors-for-leak-kinds=definite,indirect --suppressions=tests/valgrind/frontline.supp

and passes when every run's log says "ERROR SUMMARY: 0 errors", the command exited as it would
without valgrind (0, or 1 where the input is meant to fail: lint of broken files, play --text
input that ends early) and its output says what a user would look for (the files checked, the
score, the rows exported, the sessions imported). A valgrind error fails the part with the log's
first report (stack with file:line). The stores the reports and the import read are made by the
same program without valgrind first (a few plays: a finished session, an unfinished one, a typed
reply, a Russian one and a stress round), small, so the whole label stays within ~3 minutes on
a 2-core machine.

Parts: lint, play_script, play_text, explore, report_csv, report_json, report_xapi,
report_html, import. (report --format pdf is left out: it runs Chromium, whose memory is not
ours and which valgrind cannot run in reasonable time; graph runs Graphviz's dot likewise.)

usage: memcheck.py --frontline BIN --root DIR --only PART check
"""
import argparse
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

TIMEOUT = 150  # seconds for one command under valgrind (they take 3-20 s on this machine)
FAILURES = []
RUNS = [0]


def fail(what):
    FAILURES.append(what)
    print("FAIL:", what, flush=True)


class Ctx:
    """The program, the tree, a private folder and environment (English, UTF-8, the store's and
    the settings' folders inside the private folder: a run never touches the user's)."""

    def __init__(self, binary, root, tmp):
        self.binary, self.root, self.tmp = binary, root, tmp
        os.makedirs(tmp)
        self.env = dict(os.environ, LANG="C.UTF-8", LC_ALL="", LC_MESSAGES="", LANGUAGE="")
        for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_STATE_HOME", "state"),
                         ("XDG_CONFIG_HOME", "config"), ("HOME", "home"), ("TMPDIR", "tmp")):
            self.env[var] = os.path.join(tmp, sub)
            os.makedirs(self.env[var])
        self.supp = os.path.join(root, "tests", "valgrind", "frontline.supp")

    def path(self, rel):
        return os.path.join(self.root, rel)

    def plain(self, args, want=0, stdin=None):
        """Runs the program without valgrind (to make a store); stops the part unless it exits
        want."""
        p = subprocess.run([self.binary] + args, input=stdin, capture_output=True, text=True,
                           cwd=self.root, env=self.env, timeout=60)
        if p.returncode != want:
            raise RuntimeError(f"frontline {' '.join(args)}: exit {p.returncode}: {p.stderr}")
        return p.stdout

    def vg(self, args, want=0, stdin=None, env=None):
        """Runs the program under memcheck; returns its stdout. Fails the part on a memcheck
        error or an exit status other than want."""
        RUNS[0] += 1
        before = len(FAILURES)
        log = os.path.join(self.tmp, f"memcheck-{RUNS[0]}.log")
        cmd = ["valgrind", "--tool=memcheck", "--error-exitcode=1", "--leak-check=full",
               "--errors-for-leak-kinds=definite,indirect", "--show-leak-kinds=definite,indirect",
               "--num-callers=40", f"--suppressions={self.supp}", "--gen-suppressions=all",
               f"--log-file={log}", self.binary] + args
        what = "frontline " + " ".join(a.replace(self.tmp + "/", "") for a in args)
        try:
            p = subprocess.run(cmd, input=stdin, capture_output=True, text=True, cwd=self.root,
                               env=dict(self.env, **(env or {})), timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            fail(f"{what}: still running under valgrind after {TIMEOUT} s")
            return ""
        with open(log, encoding="utf-8", errors="replace") as f:
            text = f.read()
        m = re.search(r"ERROR SUMMARY: (\d+) errors", text)
        if not m:
            fail(f"{what}: no ERROR SUMMARY in valgrind's log (exit {p.returncode}):\n"
                 f"{text[-3000:]}\n{p.stderr[-2000:]}")
        elif m.group(1) != "0":
            fail(f"{what}: memcheck found {m.group(1)} error(s):\n{first_report(text)}")
        if p.returncode != want:
            fail(f"{what}: exit {p.returncode}, expected {want}; stderr:\n{p.stderr[-2000:]}")
        if len(FAILURES) == before:
            print(f"  clean under memcheck: {what} (exit {p.returncode})", flush=True)
        return p.stdout


def first_report(log):
    """The first error valgrind reported (its header and stack), without the pid prefixes."""
    lines = [re.sub(r"^==\d+== ?", "", line) for line in log.splitlines()]
    out, started = [], False
    for line in lines:
        if not started and (re.match(r"(Invalid|Conditional|Use of|Syscall|Mismatched|"
                                     r"Source and|Argument|\d[\d,]* (\(|bytes))", line)):
            started = True
        if started:
            if not line.strip() and len(out) > 2:
                break
            out.append(line)
    return "\n".join(out[:60]) or log[-3000:]


def read(c, rel):
    with open(c.path(rel), encoding="utf-8") as f:
        return f.read()


def check(cond, what):
    if not cond:
        fail(what)
    return cond


# ---- the stores the exports and the import read ------------------------------------------------

def make_store(c):
    """A small store: two finished sessions (best and worst path), a typed one, a Russian one, an
    unfinished one and a stress round, written by the program without valgrind. Returns its
    path and the number of sessions (the round's calls included)."""
    db = os.path.join(c.tmp, "results.sqlite")
    for name, trainee, group in (("en/late-delivery.best", "Alice", "A"),
                                 ("en/late-delivery.worst", "Bob", "A"),
                                 ("en/free-text-router.best", "Carol", "B"),
                                 ("ru/vozvrat-otkaz.best", "Дарья Ильина", "Группа 1")):
        lang, sid = name.split("/")
        scen = f"scenarios/{lang}/{sid.rsplit('.', 1)[0]}.xml"
        c.plain(["play", "--script", f"tests/golden/{name}.script", "--db", db,
                 "--trainee", trainee, "--group", group, scen])
    # unfinished: the input ends after one reply
    c.plain(["play", "--text", "--untimed", "--db", db, "--trainee", "Eve", "--group", "B",
             "scenarios/en/late-delivery.xml"], want=1, stdin="1\n")
    out = c.plain(["play", "--round", "scenarios/rounds/monday-rush.xml", "--script",
                   "tests/round/scripts/monday-rush.script", "--db", db,
                   "--trainee", "Alice", "--group", "A"])
    calls = len(json.loads(out)["calls"])
    return db, 5 + calls


# ---- the parts ---------------------------------------------------------------------------------

def part_lint(c):
    # clean files of every kind: a scenario, a round (which lints the scenarios it draws) and a
    # workshop (which lints its library): exit 0
    out = c.vg(["lint", "scenarios/en/late-delivery.xml",
                "scenarios/rounds/monday-rush.xml",
                "scenarios/workshops/service-basics.workshop.xml"])
    check("3 files checked: no problems" in out, f"lint of three clean files said: {out}")
    # every broken file of the lint tests: every rule's error path, as JSON, exit 1
    broken = sorted(f for f in os.listdir(c.path("tests/lint")) if f.endswith(".xml"))
    out = c.vg(["lint", "--format", "json", "tests/lint"], want=1)
    try:
        doc = json.loads(out)
        files = {os.path.basename(f) for f in re.findall(r'"file": "([^"]+)"', json.dumps(doc))}
        check(doc.get("errors", 0) > 0 and set(broken) <= files,
              f"lint --format json tests/lint: {doc.get('errors')} errors, files not named: "
              f"{sorted(set(broken) - files)[:5]}")
    except ValueError as e:
        fail(f"lint --format json printed no JSON ({e}): {out[:500]}")
    # the same in Russian (the catalogue's other half), as text
    out = c.vg(["lint", "tests/lint/target-exists.xml",
                "tests/lint/unknown-name.xml"], want=1,
               env={"LANG": "ru_RU.UTF-8"})
    check("ошибка" in out, f"lint in Russian said: {out[:500]}")


def golden_overall(c, name):
    with open(c.path(f"tests/golden/{name}.json"), encoding="utf-8") as f:
        return json.load(f)["overall"]


def part_play_script(c):
    db = os.path.join(c.tmp, "results.sqlite")
    for name in ("en/late-delivery.best", "en/free-text-router.best", "ru/svobodny-otvet.best"):
        lang, sid = name.split("/")
        out = c.vg(["play", "--script", f"tests/golden/{name}.script", "--db", db,
                    "--trainee", "Vera", f"scenarios/{lang}/{sid.rsplit('.', 1)[0]}.xml"])
        try:
            got = json.loads(out)["overall"]
            check(got == golden_overall(c, name),
                  f"play --script {name}: overall {got}, golden {golden_overall(c, name)}")
        except (ValueError, KeyError) as e:
            fail(f"play --script {name}: no JSON with an overall score ({e}): {out[:300]}")
    out = c.vg(["play", "--round", "scenarios/rounds/monday-rush.xml", "--script",
                "tests/round/scripts/monday-rush.script", "--db", db])
    # the same figures as the golden round (played there without a store: the JSON is compared
    # whole by round.play; here the figures say the round was played through)
    with open(c.path("tests/round/golden/monday-rush.json"), encoding="utf-8") as f:
        want = json.load(f)["figures"]
    try:
        got = json.loads(out)["figures"]
        check(got == want, f"play --round --script monday-rush: figures {got}, golden {want}")
    except (ValueError, KeyError) as e:
        fail(f"play --round --script monday-rush: no JSON with figures ({e}): {out[:300]}")


def part_play_text(c):
    db = os.path.join(c.tmp, "results.sqlite")
    scen = "scenarios/en/late-delivery.xml"
    # a whole conversation from a pipe, with a take-back: the result is shown
    keys = "2\nu\n" + "\n".join(["1"] * 12) + "\n"
    out = c.vg(["play", "--text", "--untimed", "--db", db, "--trainee", "Tom", scen], stdin=keys)
    check(re.search(r"^Result: \d+/100", out, re.M), f"play --text showed no result: {out[-500:]}")
    # input that ends before the conversation does: exit 1, the session kept unfinished
    c.vg(["play", "--text", "--untimed", "--db", db, "--trainee", "Tom", scen], want=1,
         stdin="1\n")
    # typed replies routed through the lexicon (the golden best path, typed words and all)
    out = c.vg(["play", "--text", "--untimed", "--db", db, "--trainee", "Tom",
                "scenarios/en/free-text-router.xml"],
               stdin=read(c, "tests/golden/en/free-text-router.best.script"))
    check(re.search(r"^Result: \d+/100", out, re.M),
          f"play --text free-text-router showed no result: {out[-500:]}")


def part_explore(c):
    out = c.vg(["explore", "scenarios/en/late-delivery.xml"])
    check(re.search(r"\d+ complete paths", out) and "delivered-pass" in out,
          f"explore did not report the paths and endings: {out[:300]}")
    out = c.vg(["explore", "--format", "json", "scenarios/ru/vozvrat-otkaz.xml"])
    try:
        json.loads(out)
    except ValueError as e:
        fail(f"explore --format json printed no JSON ({e}): {out[:300]}")
    out = c.vg(["explore", "--script", "best", "--through", "start:1",
                "scenarios/en/free-text-router.xml"])
    check(out.strip(), "explore --script best --through printed nothing")


def part_report(c, fmt):
    db, n = make_store(c)
    out_file = os.path.join(c.tmp, f"report.{fmt}")
    c.vg(["report", "--db", db, "--format", fmt, "-o", out_file, "--no-progress"])
    with open(out_file, encoding="utf-8-sig") as f:
        text = f.read()
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        check(len(rows) == n, f"report --format csv: {len(rows)} rows for {n} sessions")
        out = c.vg(["report", "--db", db, "--rounds"])
        check(len(out.strip().splitlines()) == 2, f"report --rounds: {out[:300]}")
        # Russian, ready for Excel (the other formatting path)
        out = c.vg(["report", "--db", db, "--lang", "ru", "--finished"])
        check(out.count("\n") >= 4, f"report --lang ru --finished: {out[:300]}")
    elif fmt == "json":
        doc = json.loads(text)
        check("Дарья Ильина" in text, "report --format json lost the Russian trainee")
        check(isinstance(doc, (dict, list)), "report --format json is not a JSON document")
    elif fmt == "xapi":
        doc = json.loads(text)
        check(isinstance(doc, list) and doc, f"report --format xapi: no statements: {text[:200]}")
    elif fmt == "html":
        check(text.lstrip().lower().startswith("<!doctype html") and "Alice" in text,
              f"report --format html: {text[:200]}")
        c.vg(["report", "--db", db, "--format", "html", "--lang", "ru", "--compare", "none",
              "-o", out_file, "--force", "--no-progress"])


def part_import(c):
    db, n = make_store(c)
    export = os.path.join(c.tmp, "export.json")
    c.plain(["report", "--db", db, "--format", "json", "-o", export, "--no-progress"])
    fresh = os.path.join(c.tmp, "fresh.sqlite")
    c.vg(["import", "--db", fresh, export])
    out = c.plain(["report", "--db", fresh, "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(out)))
    check(len(rows) == n, f"after import: {len(rows)} sessions in the new store, {n} exported")
    # the same file again: nothing new, nothing lost
    c.vg(["import", "--db", fresh, export])
    out = c.plain(["report", "--db", fresh, "--format", "csv"])
    check(len(list(csv.DictReader(io.StringIO(out)))) == n, "a second import changed the count")


PARTS = {
    "lint": part_lint,
    "play_script": part_play_script,
    "play_text": part_play_text,
    "explore": part_explore,
    "report_csv": lambda c: part_report(c, "csv"),
    "report_json": lambda c: part_report(c, "json"),
    "report_xapi": lambda c: part_report(c, "xapi"),
    "report_html": lambda c: part_report(c, "html"),
    "import": part_import,
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--only", choices=sorted(PARTS), action="append")
    ap.add_argument("action", choices=["check"])
    a = ap.parse_args()
    if not shutil.which("valgrind"):
        print("FAIL: valgrind is not installed (tools/setup.sh installs it)")
        return 1
    tmp = tempfile.mkdtemp(prefix="fl-memcheck-")
    for name in a.only or sorted(PARTS):
        print(f"== {name}", flush=True)
        # each part in a folder of its own: its own store, settings and logs
        c = Ctx(os.path.abspath(a.frontline), os.path.abspath(a.root), os.path.join(tmp, name))
        try:
            PARTS[name](c)
        except Exception as e:  # a setup step failed: say which, go on with the next part
            fail(f"{name}: {e!r}")
    if FAILURES:
        print(f"{len(FAILURES)} failure(s) in {RUNS[0]} runs under memcheck; kept {tmp}")
        return 1
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"memcheck: {RUNS[0]} runs, 0 errors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
