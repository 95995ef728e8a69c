#!/usr/bin/env python3
"""check.py - `frontline signals` as a program that drives it sees it.

Standard input mode: one tab-separated line per input line, written as soon as the line is read
(the test waits for each answer before it sends the next line, so a buffered reply would hang
it), the reply first, then each signal with its triggers in brackets; negation, non-apologies and
Russian ownership as the lexicon has them; offers of a --scenario counted as upsell. Also TEXT
mode, --help, and the usage errors (exit 2), those of --node included (no --scenario, an unknown
node with did-you-mean, a node without <input>, in English and Russian); --node from a pipe
answers each phrase with its block as soon as the phrase is read. The program runs in English
(LANG=C) with an empty XDG_CONFIG_HOME unless a check says otherwise.
"""
import argparse
import os
import select
import subprocess
import sys
import tempfile

failures = []
_config = tempfile.mkdtemp(prefix="signals-config-")
ENV = {**os.environ, "LANG": "C", "LC_ALL": "C", "XDG_CONFIG_HOME": _config}
ENV.pop("LC_MESSAGES", None)
ENV.pop("LANGUAGE", None)
RU = {**ENV, "LANG": "ru_RU.UTF-8", "LC_ALL": "ru_RU.UTF-8"}


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def ask(proc, line, timeout=10.0):
    """Sends one line and returns the answer line, or None when none comes in time."""
    proc.stdin.write((line + "\n").encode())
    proc.stdin.flush()
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    if not ready:
        return None
    return proc.stdout.readline().decode().rstrip("\n")


def parse(answer):
    """'text<TAB>a[x, y] b[z]' -> (text, {signal: [triggers]})."""
    text, _, rest = answer.partition("\t")
    sigs = {}
    while rest:
        name, _, rest = rest.partition("[")
        body, _, rest = rest.partition("]")
        sigs[name.strip()] = body.split(", ")
        rest = rest.lstrip(" ")
    return text, sigs


def stdin_mode(frontline, lang, cases, extra=()):
    proc = subprocess.Popen([frontline, "signals", "--lang", lang, *extra],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=ENV)
    try:
        for line, want in cases:
            answer = ask(proc, line)
            check(answer is not None, f"{lang}: no answer (unflushed?) to {line!r}")
            if answer is None:
                return
            text, sigs = parse(answer)
            check(text == line.replace("\t", " "), f"{lang}: echoed {text!r} for {line!r}")
            check(answer.count("\t") == 1, f"{lang}: one tab in {answer!r}")
            got = {k: v for k, v in sigs.items()}
            check(set(got) == set(want),
                  f"{lang}: {line!r}: signals {sorted(got)} != {sorted(want)} ({answer!r})")
            for sig, trig in want.items():
                if trig is not None and sig in got:
                    check(got[sig] == trig, f"{lang}: {line!r}: {sig} triggers {got[sig]} != {trig}")
    finally:
        proc.stdin.close()
        rc = proc.wait(timeout=10)
        check(rc == 0, f"{lang}: stdin mode exit status {rc}")


def read_block(proc, timeout=10.0):
    """Reads one --node block (lines up to a blank one), straight from the pipe (a buffered
    reader would hide what it read ahead from select); None when it does not come in time."""
    buf = b""
    fd = proc.stdout.fileno()
    while b"\n\n" not in buf:
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            return None
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        buf += chunk
    return buf.decode()


def node_checks(fl, root):
    """--node: its usage errors, and a pipe answered phrase by phrase."""
    router = os.path.join(root, "scenarios", "en", "free-text-router.xml")
    outage = os.path.join(root, "tests", "routes", "outage.xml")
    usage = [
        (["--node", "start", "sorry"], "--scenario"),        # --node needs a scenario
        (["--tsv", "--lang", "en", "sorry"], "--node"),      # --tsv needs --node
        (["--scenario", router, "--node"], "--node"),         # no id
        (["--scenario", router, "--node", "strat", "x"], "'start'"),  # did you mean
        (["--scenario", router, "--node", "overdraft", "x"], "details, wrap"),  # not <input>
        (["--scenario", router, "--nod", "start"], "--nod"),
    ]
    for args, needle in usage:
        for env, lang in ((ENV, "en"), (RU, "ru")):
            out = subprocess.run([fl, "signals", *args], capture_output=True, text=True, env=env)
            check(out.returncode == 2 and out.stderr.startswith("frontline signals:")
                  and needle in out.stderr and out.stdout == "",
                  f"usage error ({lang}) for {args}: exit {out.returncode}, {out.stderr!r}")
            cyrillic = any("\u0400" <= ch <= "\u04ff" for ch in out.stderr)
            check(cyrillic == (lang == "ru"), f"usage error for {args} in {lang}: {out.stderr!r}")
    out = subprocess.run([fl, "signals", "--scenario", router, "--node", "strat", "x"],
                         capture_output=True, text=True, env=ENV)
    check("did you mean 'start'?" in out.stderr, f"did-you-mean: {out.stderr!r}")
    out = subprocess.run([fl, "signals", "--scenario", router, "--node", "overdraft", "x"],
                         capture_output=True, text=True, env=ENV)
    check("the nodes with <input> are: start, details, wrap" in out.stderr,
          f"the <input> nodes listed: {out.stderr!r}")

    # a pipe: each phrase's block comes before the next phrase is sent (comments and blank
    # lines get no answer)
    proc = subprocess.Popen([fl, "signals", "--scenario", outage, "--node", "start"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=ENV)
    try:
        for phrase, takes in (("Связь восстановят послезавтра", "takes: <fallback> at line 26"),
                              ("Мастер выехал, завтра всё будет", "takes: <route> at line 20")):
            proc.stdin.write(b"# a comment\n\n" + phrase.encode() + b"\n")
            proc.stdin.flush()
            block = read_block(proc)
            check(block is not None, f"--node: no block (unflushed?) for {phrase!r}")
            if block is None:
                return
            lines = block.splitlines()
            check(lines[0] == "> " + phrase and lines[1].startswith("  " + takes),
                  f"--node block for {phrase!r}: {block!r}")
    finally:
        proc.stdin.close()
        rc = proc.wait(timeout=10)
        check(rc == 0, f"--node stdin mode exit status {rc}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    a = ap.parse_args()
    fl = a.frontline

    stdin_mode(fl, "en", [
        ("I'm so sorry, let me check that for you",
         {"apology": ["sorry"], "ownership": ["let me check"]}),
        ("I'm not sorry", {"rude": ["not sorry"]}),
        ("I'm sorry you feel that way", {}),
        ("sorry, could you repeat that?", {}),
        ("that's a question for the manufacturer", {"transfer": None}),
        ("read the terms next time", {"rude": None}),
        ("", {}),
        ("tab\there, sorry for the wait", {"apology": ["sorry"]}),
    ])
    stdin_mode(fl, "ru", [
        ("Я не извиняюсь", {"rude": None}),
        ("извините, не расслышала", {}),
        ("сама уточню и напишу", {"ownership": None}),
        ("давайте решим", {"ownership": ["давайте решим"]}),
        ("уточните у курьера", {"transfer": ["уточните у курьера"]}),
    ])

    # offers of a scenario are upsell (and its language is used)
    scenario = os.path.join(a.root, "scenarios", "en", "price-objection.xml")
    if os.path.exists(scenario):
        stdin_mode(fl, "en", [("Fibre 500 would fix the speed", {"upsell": ["Fibre 500"]})],
                   extra=("--scenario", scenario))

    # TEXT mode: one line per signal
    out = subprocess.run([fl, "signals", "--lang", "en", "sorry,", "let", "me", "check"],
                         capture_output=True, text=True, env=ENV)
    check(out.returncode == 0, f"TEXT mode exit {out.returncode}")
    lines = [l.split(None, 1) for l in out.stdout.splitlines()]
    check(lines == [["apology", "sorry"], ["ownership", "let me check"]],
          f"TEXT mode output {out.stdout!r}")
    out = subprocess.run([fl, "signals", "--lang", "en", "what is your postcode"],
                         capture_output=True, text=True, env=ENV)
    check(out.stdout.strip() == "no signals", f"TEXT mode, no signal: {out.stdout!r}")

    out = subprocess.run([fl, "signals", "--help"], capture_output=True, text=True, env=ENV)
    check(out.returncode == 0 and "usage: frontline signals" in out.stdout, "--help")
    for bad in (["--lang", "fr", "x"], ["--bogus"], ["x"], ["--lang"], ["--scenario"]):
        out = subprocess.run([fl, "signals", *bad], capture_output=True, text=True, env=ENV)
        check(out.returncode == 2 and "frontline signals:" in out.stderr,
              f"usage error for {bad}: exit {out.returncode}, {out.stderr!r}")
    with tempfile.TemporaryDirectory() as d:
        broken = os.path.join(d, "broken.xml")
        with open(broken, "w") as f:
            f.write("<scenario>")
        out = subprocess.run([fl, "signals", "--scenario", broken, "hi"], capture_output=True,
                             text=True, env=ENV)
        check(out.returncode == 1, f"broken scenario: exit {out.returncode}")

    node_checks(fl, a.root)

    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("frontline signals: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
