#!/usr/bin/env python3
"""`frontline play` from one option table (tools/play.c, tools/opts.c), every mode (--text,
--script, --round): a value that is not one of --extension's is refused naming the option, a
misspelt option gets the nearest real one, an option without its value says so, and --help
lists exactly the table's options (read from tools/play.c), each accepted by the binary, with
their texts at the table's column, in English and in Russian. Nothing is played: every case is
a usage error or --help, so no store is written.

    play.py --frontline BIN --source ROOT
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

FAILURES = []
COLUMN = 19  # the table's .column in tools/play.c
SCEN = "scenarios/en/late-delivery.xml"


def fail(msg):
    FAILURES.append(msg)
    print("FAIL: " + msg)


def run(fl, root, config, args, lang="C.UTF-8"):
    env = {k: v for k, v in os.environ.items()
           if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "FRONTLINE_LANG")}
    env.update(LANG=lang, XDG_CONFIG_HOME=config, XDG_DATA_HOME=config)
    return subprocess.run([fl] + args, capture_output=True, text=True, timeout=60, env=env,
                          cwd=root, stdin=subprocess.DEVNULL)


def refused(ctx, args, *expect, lang="C.UTF-8"):
    r = run(*ctx, ["play"] + args, lang)
    if r.returncode != 2:
        fail("play %s: exit %d, want 2 (stderr %r)" % (" ".join(args), r.returncode, r.stderr))
        return
    see = "(см. «frontline play --help»)" if lang.startswith("ru") else \
        "(see 'frontline play --help')"
    lines = r.stderr.splitlines()
    if len(lines) != 2 or not lines[0].startswith("frontline play: ") or lines[1] != see:
        fail("play %s: not a usage error's form: %r" % (" ".join(args), r.stderr))
        return
    for e in expect:
        if e not in lines[0]:
            fail("play %s: %r lacks %r" % (" ".join(args), lines[0], e))
            return
    print("ok: play %s -> %s" % (" ".join(args), lines[0]))


def table_names(root):
    """The options of play's table, in its order, from tools/play.c."""
    with open(os.path.join(root, "tools", "play.c"), encoding="utf-8") as f:
        src = f.read()
    body = src[src.index("int fl_cmd_play("):]
    body = body[:body.index("FL_OPTION_END")]
    return re.findall(r'FL_OPTION_[A-Z]+\(\s*"(--[a-z-]+)"', body)


def help_entries(text):
    """The options --help lists: lines "  --name ..." (the table's entries), in order, with
    where each one's text starts (None when it starts on the next line)."""
    entries = []
    lines = text.split("\n")
    for k, line in enumerate(lines):
        m = re.match(r"  (--[a-z-]+)(?: \S+)?(?:  +(\S.*))?$", line)
        if not m:
            continue
        if m.group(2):
            entries.append((m.group(1), len(line) - len(m.group(2))))
        else:  # a head too long: the text on the next line, at the column
            nxt = lines[k + 1] if k + 1 < len(lines) else ""
            entries.append((m.group(1), len(nxt) - len(nxt.lstrip(" "))))
    return entries


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--source", required=True)
    a = ap.parse_args()
    config = tempfile.mkdtemp(prefix="opts-play.")
    ctx = (os.path.abspath(a.frontline), a.source, config)

    # --extension is the one option with a figure: only x1.5, x2 (and x1, 1.5, 2, 1) are taken;
    # what a person might mean but did not write is refused, naming the option.
    for bad in ["1.50", "+2", "2.0", "0x2", "2e0", "x2 ", " x2", "nan", "inf", "x1,5", "1,5",
                "x3", "X2", "-2", ""]:
        refused(ctx, ["--extension", bad, "--text", SCEN], "--extension", "x1.5", "x2")
    refused(ctx, ["--extension=3", "--text", SCEN], "--extension takes x1.5 or x2")
    refused(ctx, ["--extension", "x3", "--text", SCEN], "--extension", "x1.5",
            lang="ru_RU.UTF-8")

    # Did you mean: a misspelt option, with the nearest real one (also for --name=value).
    for typo, near in (("--txt", "--text"), ("--scrpt", "--script"), ("--untimd", "--untimed"),
                       ("--extention", "--extension"), ("--traine", "--trainee"),
                       ("--no-stor", "--no-store"), ("--workshp", "--workshop"),
                       ("--show-id", "--show-ids"), ("--rond", "--round")):
        refused(ctx, [typo, "x", "--text", SCEN], "unknown option '%s'" % typo,
                "(did you mean %s?)" % near)
    refused(ctx, ["--dbb=x.sqlite", "--text", SCEN], "unknown option '--dbb=x.sqlite'",
            "(did you mean --db?)")
    refused(ctx, ["--txt", SCEN], "неизвестный параметр «--txt»", "(может быть, --text?)",
            lang="ru_RU.UTF-8")
    # a flag takes no value
    refused(ctx, ["--text=1", SCEN], "unknown option '--text=1'")

    # A missing value: at the end of the line, or empty (refused as missing, as it always was).
    for opt in ("--script", "--round", "--db", "--trainee", "--group", "--workshop",
                "--session", "--extension"):
        refused(ctx, ["--text", SCEN, opt], "%s needs a value" % opt)
        refused(ctx, ["--text", SCEN, opt], "%s: нужно значение" % opt, lang="ru_RU.UTF-8")
    for opt in ("--db", "--trainee", "--group", "--workshop", "--session"):
        refused(ctx, [opt, "", "--text", SCEN], "%s needs a value" % opt)
        refused(ctx, [opt + "=", "--text", SCEN], "%s needs a value" % opt)
    refused(ctx, ["--script=", SCEN], "--script needs a file (or - for standard input)")
    refused(ctx, ["--script", "", SCEN], "--script needs a file")
    refused(ctx, ["--round", "", "--text"], "--round needs a round file")
    refused(ctx, ["--round=", "--text"], "--round needs a round file")

    # What play checks after the table, as before: one scenario, a mode, names.
    refused(ctx, ["--text", SCEN, "other.xml"], "one scenario at a time ('%s' and 'other.xml')"
            % SCEN)
    refused(ctx, [SCEN], "choose --text")
    refused(ctx, ["--text", "--script", "-", SCEN], "--text and --script exclude each other")
    refused(ctx, ["--script", "-", "--show-ids", SCEN], "--show-ids goes with --text")
    refused(ctx, ["--text", "--session", "morning", SCEN], "add --workshop")
    refused(ctx, ["--round", "r.xml", "--text", SCEN], "drop '%s'" % SCEN)
    refused(ctx, ["--text"], "name the scenario file to play")
    refused(ctx, ["--text", "--trainee", "a\x01b", SCEN], "--trainee", "control character")
    refused(ctx, ["--text", "--group", "x" * 81, SCEN], "--group")

    # --help: exactly the table's options, each accepted, texts at the column, both languages.
    names = table_names(a.source)
    if len(names) < 13:
        fail("tools/play.c: found only %d options in play's table: %s" % (len(names), names))
    for lang in ("C.UTF-8", "ru_RU.UTF-8"):
        for flag in ("--help", "-h"):
            r = run(*ctx, ["play", flag], lang)
            if r.returncode != 0 or r.stderr:
                fail("play %s (%s): exit %d, stderr %r" % (flag, lang, r.returncode, r.stderr))
                continue
            if lang.startswith("ru") != ("использование: frontline play" in r.stdout):
                fail("play %s (%s): not in that language: %r" % (flag, lang, r.stdout[:100]))
            entries = help_entries(r.stdout)
            listed = [n for n, _ in entries]
            if listed != names:
                fail("play %s (%s): --help lists %s, the table has %s" %
                     (flag, lang, listed, names))
            for n, col in entries:
                if col != COLUMN:
                    fail("play %s (%s): %s's text starts at column %d, not %d" %
                         (flag, lang, n, col, COLUMN))
            widest = max(len(line) for line in r.stdout.split("\n"))
            if widest > 95:
                fail("play %s (%s): a line of %d characters" % (flag, lang, widest))
            for word in (("Exit status:", "--workshop FILE", "A script has one reply per line",
                          "Every session is written", "If the store cannot be written")
                         if not lang.startswith("ru") else
                         ("Код выхода:", "--workshop ФАЙЛ", "В скрипте по одному ответу",
                          "Каждый сеанс записывается", "Если в хранилище нельзя записать")):
                if word not in r.stdout:
                    fail("play %s (%s): lacks %r" % (flag, lang, word))
        print("ok: play --help (%s) lists the table's %d options" % (lang, len(names)))
    # every option of the table is one the binary knows (given without its value, or with the
    # wrong mode, it is refused for another reason than being unknown)
    for n in names:
        r = run(*ctx, ["play", n], "C.UTF-8")
        if r.returncode != 2 or "unknown option" in r.stderr:
            fail("play %s: exit %d, %r" % (n, r.returncode, r.stderr))

    if FAILURES:
        print("%d failure(s)" % len(FAILURES))
        sys.exit(1)
    print("all good")


if __name__ == "__main__":
    main()
