#!/usr/bin/env python3
"""`frontline report` and `frontline import` read their options from one table (tools/opts.c):
a misspelt option gets the nearest real one, a missing value is named, numbers are not taken
for text, every option of the table is in --help (and --help is the table's, in English and
Russian), and what report checked itself before the table (an empty value, --format, --sep,
--lang, --compare, --since/--until) is still checked. No store is opened for any of these.

    report_import.py --frontline BIN
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

FAILURES = []


def fail(msg):
    FAILURES.append(msg)
    print("FAIL: " + msg)


def run(fl, args, lang="C.UTF-8", home=None):
    env = dict(os.environ, LANG=lang, LC_ALL="", LC_MESSAGES="")
    if home:
        env.update(HOME=home, XDG_CONFIG_HOME=os.path.join(home, "cfg"),
                   XDG_DATA_HOME=os.path.join(home, "data"))
    return subprocess.run([fl] + args, capture_output=True, text=True, timeout=60, env=env)


def refused(fl, args, *expect, lang="C.UTF-8"):
    r = run(fl, args, lang)
    if r.returncode != 2 or r.stdout:
        fail("%s: exit %d, want 2 (stderr %r)" % (" ".join(args), r.returncode, r.stderr))
        return
    lines = r.stderr.splitlines()
    cmd = args[0]
    if len(lines) != 2 or not lines[0].startswith("frontline %s: " % cmd) or \
            "frontline %s --help" % cmd not in lines[1]:
        fail("%s: not the usage error's form: %r" % (" ".join(args), r.stderr))
        return
    for e in expect:
        if e not in r.stderr:
            fail("%s: stderr %r lacks %r" % (" ".join(args), r.stderr, e))
            return
    print("ok: %r -> %s" % (" ".join(args), lines[0]))


def help_lists_table(fl, cmd, names):
    for lang in ("C.UTF-8", "ru_RU.UTF-8"):
        r = run(fl, [cmd, "--help"], lang)
        if r.returncode != 0 or r.stderr:
            fail("%s --help (%s): exit %d, %r" % (cmd, lang, r.returncode, r.stderr))
            continue
        listed = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*|-o)\b", r.stdout))
        for n in names:
            if n not in listed:
                fail("%s --help (%s) does not list %s" % (cmd, lang, n))
        if ("Exit status" if lang == "C.UTF-8" else "Код выхода") not in r.stdout:
            fail("%s --help (%s) lacks the exit status" % (cmd, lang))
        # -h is --help, and the help is the same wherever --help stands among the options
        r2 = run(fl, [cmd, "--db", "x.sqlite", "-h"], lang)
        if r2.returncode != 0 or r2.stdout != r.stdout:
            fail("%s --db x.sqlite -h (%s): not the same help" % (cmd, lang))
        print("ok: %s --help (%s) lists %d options" % (cmd, lang, len(names)))


REPORT = ["--db", "--group", "--trainee", "--scenario", "--since", "--until", "--finished",
          "--round", "--workshop", "--session", "--format", "--rounds", "-o", "--output", "--force",
          "--lang", "--progress", "--no-progress", "--plain", "--excel-ru", "--sep", "--bom",
          "--account-home", "--activity-base", "--lrs", "--lrs-auth", "--title", "--compare"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    fl = ap.parse_args().frontline

    # report: the table's usage errors
    refused(fl, ["report", "--formt", "csv"], "unknown option '--formt' (did you mean --format?)")
    refused(fl, ["report", "--grup=A"], "unknown option '--grup=A' (did you mean --group?)")
    refused(fl, ["report", "--progres"], "did you mean --progress?")
    refused(fl, ["report", "--finished=1"], "unknown option '--finished=1'")
    refused(fl, ["report", "--since"], "--since needs a value")
    refused(fl, ["report", "--db", "x.sqlite", "--title"], "--title needs a value")
    refused(fl, ["report", "stray"], "unexpected argument 'stray'")
    refused(fl, ["report", "--formt", "csv"], "неизвестный параметр «--formt»", "может быть, --format",
            lang="ru_RU.UTF-8")
    refused(fl, ["report", "--since"], "--since: нужно значение", lang="ru_RU.UTF-8")
    # report reads no numbers: a value that looks like one is a value like any other, and the
    # checks of its own values are as before
    for bad in ["1e3", "0x10", "nan", "+5"]:
        refused(fl, ["report", "--since", bad], "--since '%s': use YYYY-MM-DD" % bad)
        refused(fl, ["report", "--format", bad], "unknown format '%s'" % bad)
    refused(fl, ["report", "--since", "2026-02-30"], "--since '2026-02-30'")
    refused(fl, ["report", "--since=2026-05-02", "--until", "2026-05-01"], "is not before --until")
    refused(fl, ["report", "--sep", "|"], "--sep takes ',' or ';', not '|'")
    refused(fl, ["report", "--lang=de"], "--lang takes en or ru, not 'de'")
    refused(fl, ["report", "--compare", "sessions"], "--compare takes session, db or none")
    refused(fl, ["report", "--compare", "db"], "--format html")
    refused(fl, ["report", "--format", "pdf"], "--format pdf needs -o FILE")
    refused(fl, ["report", "--plain", "--bom"], "leave out --bom")
    refused(fl, ["report", "--rounds", "--format", "json"], "--rounds is a CSV")
    refused(fl, ["report", "--lrs", "http://x.invalid"], "add --format xapi")
    # an empty value is none, in either form, and for every valued option
    for opt in ["--workshop", "--db", "--title", "--format", "-o", "--output", "--sep"]:
        refused(fl, ["report", opt + "="] if opt != "-o" else ["report", "-o", ""],
                "%s needs a value" % ("--output" if opt == "-o" else opt))
    # a control character typed into a value cannot split the message into lines
    refused(fl, ["report", "--format", "x\ny"], "unknown format 'x\\ny'")
    help_lists_table(fl, "report", REPORT)

    # import
    refused(fl, ["import", "--bd", "x.sqlite", "f.json"], "unknown option '--bd' (did you mean --db?)")
    refused(fl, ["import", "f.json", "--db"], "--db needs a value")
    refused(fl, ["import", "--db=", "f.json"], "--db needs a file")
    refused(fl, ["import", "--db", "x.sqlite"], "name the JSON files to import")
    refused(fl, ["import", "--bd", "x", "f.json"], "неизвестный параметр «--bd»", "может быть, --db",
            lang="ru_RU.UTF-8")
    help_lists_table(fl, "import", ["--db"])
    # the files may come before, between and after the options, and "--" ends them
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "s.sqlite")
        a, b = os.path.join(tmp, "a.json"), os.path.join(tmp, "-b.json")
        for f in (a, b):
            with open(f, "w") as out:
                out.write("[]\n")
        r = run(fl, ["import", a, "--db=" + db, "--", b], home=tmp)
        if r.returncode != 0 or not os.path.exists(db):
            fail("import a.json --db=S -- -b.json: exit %d, %r" % (r.returncode, r.stderr))
        else:
            print("ok: import FILE --db=S -- -FILE")

    if FAILURES:
        print("%d failure(s)" % len(FAILURES))
        return 1
    print("all passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
