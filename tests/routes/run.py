#!/usr/bin/env python3
"""run.py - the route grammar and `frontline signals --node`, as a trainer meets them.

  run.py --frontline BIN --root SRC [--only signals|lint|play] check    compare with expected/
  run.py --frontline BIN --root SRC [--only signals|lint|play] update   rewrite expected/

signals  For each small scenario here (outage.xml in Russian, refund.xml in English) and its list
         of phrases (NAME.phrases), `frontline signals --scenario NAME.xml --node start` reads the
         list on standard input; its output is compared byte for byte with expected/NAME.en.txt
         (the program in English: LANG=C) and expected/NAME.ru.txt (LANG=ru_RU.UTF-8), and the
         --tsv form with expected/NAME.tsv. Each phrase given as TEXT arguments prints the same
         block as from the list.
lint     `frontline lint broken-match.xml`: every mistake of a match attribute at its
         line:column, in English and Russian (expected/broken-match.lint.en.txt, .ru.txt).
play     `frontline play --script` with typed replies: a phrase that needs one word of each group
         (nested groups too) takes its route; a phrase with one group's word only falls through.
guide    the examples of the guide's "Free text" table (scenarios/README.md) match, or do not,
         as the table says.

Every run pins the language and has empty settings and data folders (goldens.pinned_env), so
nothing of the machine leaks in.
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from goldens import Goldens, pinned_env  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
LANGS = {"en": "C", "ru": "ru_RU.UTF-8"}

checks = Goldens(HERE)
fail, run, compare = checks.fail, checks.run, checks.compare


def env_for(ui, tmp):
    return pinned_env(LANGS[ui], tmp)



def phrases_of(path):
    with open(path, encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f if l.strip() and not l.lstrip().startswith("#")]


def check_signals(fl, mode, tmp):
    for name in ("outage", "refund"):
        with open(os.path.join(HERE, name + ".phrases"), "rb") as f:
            listing = f.read()
        for ui in LANGS:
            env = env_for(ui, tmp)
            cmd = [fl, "signals", "--scenario", name + ".xml", "--node", "start"]
            rc, out, err = run(cmd, env, listing)
            if rc != 0:
                fail(f"{name} ({ui}): exit {rc}: {err}")
                continue
            compare(f"{name}.{ui}.txt", out, mode)
            # TEXT arguments give the block the list gave for that phrase (a few phrases: each
            # is a process, slow under the sanitizers)
            blocks = out.split("\n\n")
            for i, phrase in enumerate(phrases_of(os.path.join(HERE, name + ".phrases"))[:3]):
                rc, one, err = run(cmd + ["--"] + phrase.split(" "), env)
                if rc != 0 or i >= len(blocks) or one != blocks[i] + "\n\n":
                    fail(f"{name} ({ui}): TEXT {phrase!r} gives {one!r}, the list gave "
                         f"{blocks[i] if i < len(blocks) else None!r}")
            if ui == "en":
                rc, tsv, err = run(cmd + ["--tsv"], env, listing)
                if rc != 0:
                    fail(f"{name} --tsv: exit {rc}: {err}")
                else:
                    compare(f"{name}.tsv", tsv, mode)
                    for line in tsv.splitlines():
                        if line.count("\t") != 3:
                            fail(f"{name} --tsv: not 4 columns: {line!r}")


def check_lint(fl, mode, tmp):
    for ui in LANGS:
        rc, out, err = run([fl, "lint", "broken-match.xml"], env_for(ui, tmp))
        if rc != 1:
            fail(f"lint broken-match.xml ({ui}): exit {rc}, expected 1")
        compare(f"broken-match.lint.{ui}.txt", out + err, mode)


# (scenario, typed phrase, the ending reached, the signals the route declares)
PLAYS = [
    # one word of each group, in any order, any form (stems)
    ("refund.xml", "I apologise, your money back is on its way today", "sorted",
     {"apology", "ownership", "plan", "resolve"}),
    ("refund.xml", "Tomorrow you'll get the refund. Sorry!", "sorted",
     {"apology", "ownership", "plan", "resolve"}),
    # the nested group's other alternative: "e-mail" needs both of its parts
    ("refund.xml", "Sorry, an e-mail confirmation is on its way", "sorted",
     {"apology", "ownership", "plan", "resolve"}),
    ("refund.xml", "Sorry, an email confirmation is on its way", "vague", set()),
    # the apology's group missing: the next route, which has no apology
    ("refund.xml", "Refund today", "sorted", {"ownership", "plan", "resolve"}),
    # one group's word only: falls through to the plain refund route, or the fallback
    ("refund.xml", "sorry, a refund", "vague", {"ownership"}),
    ("refund.xml", "so sorry, today", "vague", set()),
    ("refund.xml", "Contact your bank", "lost", {"transfer"}),
    ("outage.xml", "Извините, связь восстановим завтра к девяти", "calm", {"apology", "plan"}),
    ("outage.xml", "Мастер выехал, сегодня всё заработает", "calm", {"plan"}),
    ("outage.xml", "Мастер выехал", "vague", set()),
    ("outage.xml", "Связь восстановят послезавтра", "vague", set()),
]


def check_play(fl, tmp):
    env = env_for("en", tmp)
    for scenario, phrase, ending, declared in PLAYS:
        script = os.path.join(tmp, "typed.script")
        with open(script, "w", encoding="utf-8") as f:
            f.write(f"> {phrase}\n")
        rc, out, err = run([fl, "play", "--no-store", "--script", script, scenario], env)
        try:
            doc = json.loads(out)
        except ValueError:
            fail(f"play {scenario} {phrase!r}: exit {rc}, no JSON: {err}")
            continue
        got = doc["ending"]["node"]
        turn = doc["transcript"][0]
        said = set(turn["signals"]) - set(turn["detected"])
        if rc != 0 or got != ending or not declared <= set(turn["signals"]):
            fail(f"play {scenario} {phrase!r}: exit {rc}, ended at {got!r} (want {ending!r}), "
                 f"signals {turn['signals']} (want {sorted(declared)})")
        if not said <= declared:  # another route's signals: it took the wrong one
            fail(f"play {scenario} {phrase!r}: the route added {sorted(said - declared)}")


GUIDE_SCENARIO = """<scenario id="guide-example" version="1" lang="{lang}" minutes="1">
  <title>t</title><brief>b</brief>
  <customer name="N" voice="female" avatar="woman-1"><start mood="0" patience="50" trust="50"/>
  </customer>
  <node id="start">
    <say emotion="neutral">?</say>
    <input><route to="yes" match="{match}"/><fallback to="no"/></input>
  </node>
  <ending id="yes" outcome="resolved"><say emotion="calm">y</say></ending>
  <ending id="no" outcome="partly"><say emotion="calm">n</say></ending>
</scenario>
"""


def check_guide(fl, root, tmp):
    """The examples of the guide's "Free text" table do what the table says."""
    with open(os.path.join(root, "scenarios", "README.md"), encoding="utf-8") as f:
        guide = f.read()
    section = guide[guide.index("### Free text"):]
    section = section[:section.index("\n### ", 5)]
    rows = [l for l in section.splitlines() if l.startswith("| `") and "| matches |" not in l]
    if len(rows) < 4:
        fail(f"the guide's Free text table has {len(rows)} examples")
    for row in rows:
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", row)[1:-1]]
        match = cells[0].strip("`").replace("\\|", "|")
        lang = "ru" if re.search("[а-яё]", match) else "en"
        path = os.path.join(tmp, "guide.xml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(GUIDE_SCENARIO.format(lang=lang, match=match))
        for cell, want in ((cells[1], "yes"), (cells[2], "no")):
            # the phrases are quoted; a remark in brackets after one is not a phrase
            cell = re.sub(r"\s\((?:[^()«»\"]|«[^»]*»)*\)", "", cell)
            phrases = ["".join(t) for t in re.findall(r'"([^"]+)"|«([^»]+)»', cell)]
            rc, out, err = run([fl, "signals", "--scenario", path, "--node", "start", "--tsv"],
                               env_for("en", tmp), "\n".join(phrases).encode() + b"\n")
            answers = out.splitlines()
            if rc != 0 or len(answers) != len(phrases):
                fail(f"guide: match=\"{match}\": exit {rc}, {len(answers)} answers to "
                     f"{len(phrases)} phrases ({err.strip()})")
                continue
            for p, line in zip(phrases, answers):
                got = line.split("\t")[2] if line.count("\t") == 3 else None
                if got != want:
                    fail(f"guide: match=\"{match}\" with {p!r}: {'matches' if got == 'yes' else 'no match'}"
                         f", the guide says {'it matches' if want == 'yes' else 'it does not'} "
                         f"({err.strip()})")


if __name__ == "__main__":
    sys.exit(checks.main("routes", [
        ("signals", lambda a, tmp: check_signals(a.frontline, a.mode, tmp), True),
        ("lint", lambda a, tmp: check_lint(a.frontline, a.mode, tmp), True),
        ("play", lambda a, tmp: check_play(a.frontline, tmp), False),
        ("guide", lambda a, tmp: check_guide(a.frontline, a.root, tmp), False),
    ]))
