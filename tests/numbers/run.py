#!/usr/bin/env python3
"""run.py - numbers, clock times and dates as words, as a trainer meets them.

  run.py --frontline BIN --root SRC [--only play|signals] check    compare with expected/
  run.py --frontline BIN --root SRC [--only signals] update        rewrite expected/

play     Two scenarios with routes written in digits (connect.xml in Russian: `9`, `9:30`,
         `3.12 | 3 декабр`, `2250`; callback.xml in English: `9`, `9:30`, `20 credit`,
         `21 router`), each phrase typed through `frontline play --script`: «Подключим к
         девяти», "by 9:00" and "at nine" take the `9` route, "by 9:30" does not; a date in
         digits or in words takes the date's route; money with a currency sign or in words takes
         the amount's route.
signals  Golden outputs for the same phrases (NAME.phrases): `frontline signals --lang LANG`
         (the signals and the typed words that carry them: "к девяти", "2 250"),
         `frontline signals --scenario NAME.xml --node start --tsv` (the route each phrase
         takes) and its text form in English (which typed words matched the route's numbers),
         compared byte for byte with expected/.

Every run pins the language and has empty settings and data folders (goldens.pinned_env), so
nothing of the machine leaks in.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from goldens import Goldens, pinned_env  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIOS = {"connect": "ru", "callback": "en"}

checks = Goldens(HERE)
fail, run, compare = checks.fail, checks.run, checks.compare


def env_for(tmp):
    return pinned_env("C.UTF-8", tmp)


def check_signals(fl, mode, tmp):
    env = env_for(tmp)
    for name, lang in SCENARIOS.items():
        with open(os.path.join(HERE, name + ".phrases"), "rb") as f:
            listing = f.read()
        phrases = b"".join(l for l in listing.splitlines(True) if not l.startswith(b"#"))
        rc, out, err = run([fl, "signals", "--lang", lang], env, phrases)
        if rc != 0:
            fail(f"signals --lang {lang}: exit {rc}: {err}")
        else:
            compare(f"{name}.words.tsv", out, mode)
        node = [fl, "signals", "--scenario", name + ".xml", "--node", "start"]
        rc, out, err = run(node + ["--tsv"], env, listing)
        if rc != 0:
            fail(f"{name} --node --tsv: exit {rc}: {err}")
        else:
            compare(f"{name}.routes.tsv", out, mode)
        rc, out, err = run(node, env, listing)
        if rc != 0:
            fail(f"{name} --node: exit {rc}: {err}")
        else:
            compare(f"{name}.routes.txt", out, mode)


# (scenario, typed phrase, the reply id it takes, the ending reached)
PLAYS = [
    ("connect.xml", "Подключим к девяти", "nine", "on-time"),
    ("connect.xml", "Мастер приедет завтра в 9:00", "nine", "on-time"),
    ("connect.xml", "Мастер будет в 09:00, извините", "nine", "on-time"),
    ("connect.xml", "Мастер придёт в девять утра", "nine", "on-time"),
    ("connect.xml", "Мастер будет в 9:30", "half", "late"),
    # "в девять тридцать" is the numbers 9 and 30, not the time 9:30
    ("connect.xml", "Мастер будет к девяти тридцати", "nine", "on-time"),
    ("connect.xml", "Мастер будет к половине десятого", "vague", "vague"),
    ("connect.xml", "Подключим третьего декабря", "december", "dated"),
    ("connect.xml", "Подключим 3 декабря", "december", "dated"),
    ("connect.xml", "Подключим 03.12.2026", "december", "dated"),
    ("connect.xml", "Подключим 3.12", "december", "dated"),
    ("connect.xml", "Подключим 13.12", "vague", "vague"),
    ("connect.xml", "Вернём вам 2 250 ₽", "refund", "refunded"),
    ("connect.xml", "Вернём вам 2\u00a0250\u00a0₽", "refund", "refunded"),
    ("connect.xml", "Вернём две тысячи двести пятьдесят рублей", "refund", "refunded"),
    ("connect.xml", "Вернём 2250р.", "refund", "refunded"),
    ("connect.xml", "Вернём 2 тысячи 250 рублей", "refund", "refunded"),
    ("connect.xml", "Вернём 2 250 000 рублей", "vague", "vague"),
    ("connect.xml", "Подключим к десяти", "vague", "vague"),
    ("callback.xml", "We'll have it fixed by 9:00 tomorrow", "nine", "on-time"),
    ("callback.xml", "I'll call you at nine", "nine", "on-time"),
    ("callback.xml", "An engineer comes at 9am tomorrow", "nine", "on-time"),
    ("callback.xml", "By 09:00, I promise", "nine", "on-time"),
    ("callback.xml", "The engineer will be there by 9:30", "half", "late"),
    ("callback.xml", "by 9.30", "nine", "on-time"),
    ("callback.xml", "You'll get a €20 credit", "credit", "credited"),
    ("callback.xml", "A credit of twenty euros is on its way", "credit", "credited"),
    ("callback.xml", "I've added a $20.00 credit", "credit", "credited"),
    ("callback.xml", "Your new router ships on the 21st", "router", "dated"),
    ("callback.xml", "The router comes on the twenty-first", "router", "dated"),
    ("callback.xml", "The router comes on the 2nd or 1st", "vague", "vague"),
    ("callback.xml", "Soon, I hope", "vague", "vague"),
]


def check_play(fl, tmp):
    env = env_for(tmp)
    script = os.path.join(tmp, "typed.script")
    for scenario, phrase, reply, ending in PLAYS:
        with open(script, "w", encoding="utf-8") as f:
            f.write(f"> {phrase}\n")
        rc, out, err = run([fl, "play", "--no-store", "--script", script, scenario], env)
        try:
            doc = json.loads(out)
            got = doc["transcript"][0]["agent"]["reply"]
            end = doc["ending"]["node"]
        except (ValueError, KeyError, IndexError):
            fail(f"play {scenario} {phrase!r}: exit {rc}, no transcript: {err}")
            continue
        if rc != 0 or got != reply or end != ending:
            fail(f"play {scenario} {phrase!r}: exit {rc}, took {got!r} to {end!r} "
                 f"(want {reply!r} to {ending!r})")


if __name__ == "__main__":
    sys.exit(checks.main("numbers", [
        ("signals", lambda a, tmp: check_signals(a.frontline, a.mode, tmp), True),
        ("play", lambda a, tmp: check_play(a.frontline, tmp), False),
    ]))
