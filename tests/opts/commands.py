#!/usr/bin/env python3
"""Options from one table (tools/opts.c) for lint, explore, graph, signals, workshop new and the
desktop's command line (game/main.c): strict numbers, did-you-mean, a missing value, choices,
--help listing every option of the table (and every option it lists accepted), in English and
Russian; and what the tables changed on purpose: lint takes options after the files, signals
keeps every word after the first as the reply, workshop new keeps --scenario and --round in the
order typed, `frontline --db=FILE` is the desktop's.

    commands.py --frontline BIN --root SOURCE_DIR
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

FAILURES = []

# Every option of each table, as --help must list it (the tables are in the C files named).
TABLES = {
    ("lint",): ["--format", "--werror", "--list-rules"],                      # tools/lint.c
    ("explore",): ["--max-turns", "--max-states", "--max-memory", "--pace", "--untimed",
                   "--format", "--script", "--through"],                      # tools/explore.c
    ("graph",): ["--format", "--output", "-o", "--rankdir", "--timeout"],     # tools/graph.c
    ("signals",): ["--lang", "--scenario", "--node", "--tsv"],                # tools/signals.c
    ("workshop", "new"): ["-o", "--title", "--group", "--scenario", "--round", "--mode",
                          "--timed", "--extension", "--session", "--lang", "--force"],
    ("--db", "x.sqlite"): ["--workshop", "--session", "--scenarios", "--db"],  # game/main.c
}


def fail(msg):
    FAILURES.append(msg)
    print("FAIL: " + msg)


def run(fl, args, lang="C.UTF-8", stdin=None, cwd=None):
    env = dict(os.environ, LANG=lang, LC_ALL="", FRONTLINE_AUDIO="null")
    for k in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER", "LC_MESSAGES"):
        env.pop(k, None)
    env["XDG_CONFIG_HOME"] = tempfile.gettempdir() + "/opts-commands-no-config"
    return subprocess.run([fl] + args, capture_output=True, text=True, timeout=120, env=env,
                          input=stdin if stdin is not None else "", cwd=cwd)


def refused(fl, args, *expect, lang="C.UTF-8", cwd=None):
    r = run(fl, args, lang, cwd=cwd)
    if r.returncode != 2:
        fail("%s: exit %d, want 2 (stderr %r)" % (" ".join(args), r.returncode, r.stderr))
        return
    first = r.stderr.splitlines()[0] if r.stderr else ""
    for e in expect:
        if e not in r.stderr:
            fail("%s: stderr %r lacks %r" % (" ".join(args), r.stderr, e))
            return
    if not re.match(r"frontline [a-z ]+: ", first):
        fail("%s: not a usage error: %r" % (" ".join(args), first))
        return
    print("ok: %s -> %s" % (" ".join(args), first))


def check(cond, msg):
    if cond:
        print("ok: " + msg)
    else:
        fail(msg)


def help_options(text):
    """The options --help lists: each entry's names, '  -o, --output FILE' giving both."""
    names = []
    for line in text.splitlines():
        m = re.match(r"^  ((?:-[a-z], )?--?[a-z][\w-]*)", line)
        if m:
            names += m.group(1).split(", ")
    return names


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    a = ap.parse_args()
    fl, root = os.path.abspath(a.frontline), os.path.abspath(a.root)
    scen = os.path.join(root, "scenarios", "en", "late-delivery.xml")

    # Numbers are strict where a command takes one (explore, graph); the option is named.
    for bad in ["1e3", "0x10", "+5", "nan", " 5", "5s", ""]:
        refused(fl, ["explore", "--max-turns", bad, scen], "--max-turns", "'%s' is not a whole number" % bad)
    refused(fl, ["explore", "--max-states", "0", scen], "--max-states: 0 is out of range: from 1 to ")
    refused(fl, ["explore", "--max-turns=1001", scen], "--max-turns: 1001 is out of range")
    for bad in ["1e3", "inf", "nan", "-1", ".5", "0x10"]:
        refused(fl, ["explore", "--pace", bad, scen], "--pace")
    refused(fl, ["explore", "--max-memory", "1e3", scen], "--max-memory")
    for bad in ["1e2", "0x10", "+5", "0", "86401", "12.5"]:
        refused(fl, ["graph", "--timeout", bad, scen], "--timeout")
    refused(fl, ["graph", "--timeout", "nan", scen], "не целое число", lang="ru_RU.UTF-8")
    # The commands without a number: their words among choices instead.
    refused(fl, ["lint", "--format", "xml", scen], "--format: 'xml' is not one of: text | json")
    refused(fl, ["explore", "--script", "best-ever", scen], "'best-ever' is not one of: best | worst")
    refused(fl, ["graph", "--format", "jpg", scen], "'jpg' is not one of: dot | svg | png")
    refused(fl, ["graph", "--rankdir", "up", scen], "'up' is not one of: TB | LR | BT | RL")
    refused(fl, ["signals", "--lang", "de", "sorry"], "--lang: 'de' is not one of: en | ru")
    refused(fl, ["workshop", "new", "--title", "T", "--scenario", "late-delivery", "--mode", "exam"],
            "'exam' is not one of: free | practice | assessment")
    refused(fl, ["workshop", "new", "--title", "T", "--scenario", "late-delivery", "--extension", "x3"],
            "--extension")

    # Did you mean, on a misspelt option of each table (Russian too).
    refused(fl, ["lint", "--werorr", scen], "unknown option '--werorr' (did you mean --werror?)")
    refused(fl, ["explore", "--max-turn", "5", scen], "(did you mean --max-turns?)")
    refused(fl, ["graph", "--rankdr", "LR", scen], "(did you mean --rankdir?)")
    refused(fl, ["signals", "--scenari", scen, "sorry"], "(did you mean --scenario?)")
    refused(fl, ["workshop", "new", "--titel", "T"], "(did you mean --title?)")
    refused(fl, ["--db", "x.sqlite", "--sesion", "am"], "frontline desktop: unknown option '--sesion' (did you mean --session?)",
            "(see 'frontline --help')")
    refused(fl, ["lint", "--werorr", scen], "неизвестный параметр", "может быть, --werror", lang="ru_RU.UTF-8")
    refused(fl, ["--db", "x.sqlite", "--sesion", "am"], "может быть, --session", "(см. «frontline --help»)",
            lang="ru_RU.UTF-8")

    # A missing value, and an empty one where the command refused that before.
    refused(fl, ["lint", scen, "--format"], "--format needs a value")
    refused(fl, ["explore", scen, "--through"], "--through needs a value")
    refused(fl, ["graph", scen, "-o"], "--output needs a value")
    refused(fl, ["graph", "-o", "", scen], "--output needs the name of the file")
    refused(fl, ["signals", "--scenario", scen, "--node"], "--node needs a value")
    refused(fl, ["workshop", "new", "--title", "T", "--group"], "--group needs a value")
    refused(fl, ["workshop", "new", "--title", "", "--scenario", "late-delivery"], "--title needs a value")
    refused(fl, ["--db"], "frontline desktop: --db needs a value")
    refused(fl, ["--db", ""], "frontline desktop: --db needs a value")
    refused(fl, ["--workshop", "w.xml", "--session"], "--session needs a value")
    # Operands: one scenario at a time, none for workshop new.
    refused(fl, ["explore", scen, scen], "one scenario at a time")
    refused(fl, ["graph", scen, scen], "draws one scenario at a time")
    refused(fl, ["workshop", "new", "--title", "T", "extra"], "unexpected argument 'extra'")

    # --help lists every option of the table, and every option it lists is one the table takes.
    for cmd, names in TABLES.items():
        for lang in ("C.UTF-8", "ru_RU.UTF-8"):
            r = run(fl, list(cmd) + ["--help"], lang)
            listed = help_options(r.stdout)
            if r.returncode != 0 or sorted(listed) != sorted(names):
                fail("%s --help (%s): exit %d, lists %s, want %s"
                     % (" ".join(cmd), lang, r.returncode, listed, names))
                continue
            print("ok: %s --help (%s) lists %s" % (" ".join(cmd), lang, " ".join(listed)))
        for name in names:
            r = run(fl, list(cmd) + [name, "--help"])
            if "unknown option" in r.stderr:
                fail("%s: %s is listed but refused: %r" % (" ".join(cmd), name, r.stderr))
    r = run(fl, ["workshop"])
    check(r.returncode == 2 and "--extension" in r.stderr and not r.stdout,
          "workshop alone: its help on stderr, exit 2")
    r = run(fl, ["--db=x.sqlite", "--help"], "ru_RU.UTF-8")
    check(r.returncode == 0 and "использование: frontline [--workshop ФАЙЛ" in r.stdout,
          "--db=FILE is the desktop's (its --help, in Russian)")

    # What the tables changed on purpose.
    r = run(fl, ["lint", scen, "--werror"])
    check(r.returncode == 0 and "1 file checked" in r.stdout,
          "lint FILE --werror: options after the files are read (exit %d, %r)" % (r.returncode, r.stderr))
    r = run(fl, ["lint", "--list-rules"])
    check(r.returncode == 0 and "reachable" in r.stdout, "lint --list-rules without a file")
    r = run(fl, ["signals", "--lang", "en", "sorry,", "let", "me", "check", "--now"])
    check(r.returncode == 0 and "apology" in r.stdout and "ownership" in r.stdout,
          "signals: words after the first are the reply, even --now (exit %d, %r)" % (r.returncode, r.stderr))
    r = run(fl, ["signals", "--lang=ru", "--", "--", "извините"])
    check(r.returncode == 0 and "apology" in r.stdout, "signals --lang=ru -- TEXT")
    r = run(fl, ["explore", "--max-turns=3", "--untimed", "--format=json", scen])
    check(r.returncode in (0, 1) and r.stdout.lstrip().startswith("{"),
          "explore --name=value and options in any order (exit %d, %r)" % (r.returncode, r.stderr))
    r = run(fl, ["explore", scen, "--max-turns", "25", "--pace", "2.5", "--script", "best"])
    check(r.returncode == 0 and r.stdout.startswith("# the best path"),
          "explore --pace 2.5 --script best (exit %d, %r)" % (r.returncode, r.stderr))
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "day.workshop.xml")
        r = run(fl, ["workshop", "new", "-o", out, "--title", "Day", "--round", "monday-rush",
                     "--scenario=late-delivery", "--round", "monday-rush", "--lang", "en"], cwd=tmp)
        body = open(out, encoding="utf-8").read() if os.path.exists(out) else ""
        kinds = re.findall(r"<(scenario|round) ", body)
        check(r.returncode == 0 and kinds == ["round", "scenario", "round"],
              "workshop new: --round, --scenario=, --round kept in order (exit %d, %s, %r)"
              % (r.returncode, kinds, r.stderr))

    print("%d failure(s)" % len(FAILURES))
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
