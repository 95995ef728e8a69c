#!/usr/bin/env python3
"""`frontline play --workshop FILE [--session NAME]`: a laptop of a workshop, in the terminal.

Plays real sessions and a real stress round into a real SQLite store and reads the rows back:
the workshop's id and the session of the day (given, or chosen by the local clock) are recorded,
the workshop's group is recorded, its locks hold (assessment for everyone: recorded as such,
'u' refused in the terminal; practice for everyone: --assessment refused; timing and extension
fixed), and what does not fit is refused with a message that says what: another group, a
session the workshop does not have, a scenario outside its library, --session alone, a broken
workshop file.
"""
import os
import sqlite3
import subprocess
import sys
import tempfile
import time

from common import arguments, check, summary, write_own_scenario

# The texts checked here are English: the locale and an empty settings folder say so, whatever
# the machine's own (a settings.json with "language": "ru" would make the commands speak Russian).
CONFIG = tempfile.TemporaryDirectory()
ENGLISH = dict(os.environ, LANG="C.UTF-8", LC_ALL="", LC_MESSAGES="", XDG_CONFIG_HOME=CONFIG.name)

WORKSHOP = """<?xml version="1.0" encoding="UTF-8"?>
<workshop id="kazan-2026-12" version="1" lang="ru">
  <title>Клиентоориентированность</title>
  <group>2026-12-kazan-b</group>
  <rules mode="{mode}" timed="{timed}" extension="{extension}"/>
  <library>
    <scenario bundled="late-delivery"/>
    <scenario path="mine/jargon.xml"/>
    <round bundled="monday-rush"/>
  </library>
  <sessions>
    <session name="утро" from="09:00" until="13:00"/>
    <session name="после обеда" from="14:00" until="18:00"/>
  </sessions>
</workshop>
"""


def write_workshop(tmp, name, mode="assessment", timed="choice", extension="choice"):
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(WORKSHOP.format(mode=mode, timed=timed, extension=extension))
    return path


def expected_session(minute):
    """fl_workshop_session_at for the two sessions above (workshop.h's rule)."""
    if 9 * 60 <= minute < 13 * 60 or minute < 9 * 60:
        return "утро"
    return "после обеда"  # inside, between (the next to start) or after (the last started)


def minute_now():
    t = time.localtime()
    return t.tm_hour * 60 + t.tm_min


def play(binary, args, cwd, stdin=None):
    p = subprocess.run([binary, "play"] + args, cwd=cwd, capture_output=True, text=True,
                       timeout=60, input=stdin, env=ENGLISH)
    return p.returncode, p.stdout, p.stderr


def rows(db, sql, *params):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


SESSION_ROW = ("SELECT s.workshop, s.day_session, s.mode, g.name, t.name, s.timed, s.time_factor "
               "FROM sessions s JOIN trainees t ON t.id = s.trainee_id "
               "LEFT JOIN groups g ON g.id = t.group_id WHERE s.round IS NULL ORDER BY s.started")


def main():
    binary, root, _ = arguments()
    best = os.path.join(root, "tests/golden/en/late-delivery.best.script")
    late = os.path.join(root, "scenarios/en/late-delivery.xml")

    with tempfile.TemporaryDirectory() as tmp:
        write_own_scenario(root, os.path.join(tmp, "mine"))
        w = write_workshop(tmp, "day.workshop.xml")
        db = os.path.join(tmp, "laptop.sqlite")
        common = ["--db", db, "--workshop", w]

        # 1. a given session; the workshop's group; assessment for everyone although not asked
        rc, out, err = play(binary, ["--script", best, "--trainee", "Марина"] + common +
                            ["--session", "после обеда", late], tmp)
        check(rc == 0, f"script: exit {rc}: {err}")
        got = rows(db, SESSION_ROW)
        check(got and got[-1][:5] == ("kazan-2026-12", "после обеда", "assessment",
                                      "2026-12-kazan-b", "Марина"),
              f"script: recorded {got}")

        # 2. the session by the local clock (the minute may turn while it plays: either side)
        before = expected_session(minute_now())
        rc, out, err = play(binary, ["--script", best, "--trainee", "John"] + common + [late],
                            tmp)
        after = expected_session(minute_now())
        got = rows(db, SESSION_ROW)
        check(rc == 0 and got[-1][1] in (before, after),
              f"clock: recorded {got[-1] if got else None}, expected {before}")

        # 3. the leader's own scenario, named by its path from another folder
        rc, out, err = play(binary, ["--script", "-", "--trainee", "Олег"] + common +
                            ["--session", "утро", "mine/jargon.xml"], tmp, stdin="1\n")
        got = rows(db, SESSION_ROW)
        check(got[-1][:2] == ("kazan-2026-12", "утро"), f"own scenario: recorded {got[-1]}")

        # 4. the mode lock in the terminal: 'u' is refused, the session stays assessment
        rc, out, err = play(binary, ["--text", "--trainee", "Нина"] + common +
                            ["--session", "утро", late], tmp, stdin="\n1\nu\nq\n")
        check("This is an assessment: replies cannot be taken back." in out,
              f"take-back: not refused:\n{out}\n{err}")
        got = rows(db, SESSION_ROW)
        check(got[-1][2] == "assessment" and got[-1][4] == "Нина",
              f"take-back: recorded {got[-1]}")
        n_turns = rows(db, "SELECT count(*) FROM turns t JOIN sessions s ON s.id = t.session_id "
                           "JOIN trainees n ON n.id = s.trainee_id WHERE n.name = 'Нина' "
                           "AND t.speaker = 'trainee'")[0][0]
        check(n_turns == 1, f"take-back: the reply was taken back anyway ({n_turns} replies)")

        # 5. a stress round of the library: the round and each of its calls carry the workshop
        rc, out, err = play(binary, ["--round", os.path.join(root, "scenarios/rounds/monday-rush.xml"),
                                     "--script",
                                     os.path.join(root, "tests/round/scripts/monday-rush.script"),
                                     "--trainee", "Марина"] + common + ["--session", "утро"], tmp)
        check(rc == 0, f"round: exit {rc}: {err[-2000:]}")
        r = rows(db, "SELECT workshop, day_session, mode FROM rounds")
        check(r == [("kazan-2026-12", "утро", "assessment")], f"round: recorded {r}")
        calls = rows(db, "SELECT DISTINCT workshop, day_session FROM sessions "
                         "WHERE round IS NOT NULL")
        check(calls == [("kazan-2026-12", "утро")], f"round calls: recorded {calls}")

        # 5b. `frontline --workshop FILE` without a display: the terminal plays the workshop's
        # first scenario, as that laptop, recording the workshop and the session
        env = {k: v for k, v in ENGLISH.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
        p = subprocess.run([binary, "--workshop", w, "--session", "после обеда", "--db", db],
                           cwd=tmp, capture_output=True, text=True, timeout=60, env=env,
                           input="\n1\nq\n")
        check("The birthday bike that never came" in p.stdout,
              f"no display: not the first scenario of the library: {p.stdout[:300]}{p.stderr}")
        got = rows(db, SESSION_ROW)
        check(got[-1][:3] == ("kazan-2026-12", "после обеда", "assessment"),
              f"no display: recorded {got[-1]}")

        # 6. timing and extension fixed by the workshop
        fixed = write_workshop(tmp, "x2.workshop.xml", mode="free", timed="yes", extension="x2")
        rc, out, err = play(binary, ["--script", best, "--db", db, "--workshop", fixed,
                                     "--session", "утро", "--trainee", "Ира", late], tmp)
        got = rows(db, SESSION_ROW)
        check(rc == 0 and got[-1][2:] == ("practice", "2026-12-kazan-b", "Ира", 1, 2.0),
              f"extension x2: recorded {got[-1]}")
        untimed = write_workshop(tmp, "untimed.workshop.xml", mode="free", timed="no")
        rc, out, err = play(binary, ["--script", best, "--db", db, "--workshop", untimed,
                                     "--session", "утро", "--trainee", "Ира", late], tmp)
        got = rows(db, SESSION_ROW)
        check(rc == 0 and got[-1][5] == 0, f"untimed: recorded {got[-1]}")

        # 7. refusals: exit 2 (usage) or 1 (the workshop file), with what is wrong
        practice = write_workshop(tmp, "practice.workshop.xml", mode="practice")
        broken = os.path.join(tmp, "broken.workshop.xml")
        with open(broken, "w", encoding="utf-8") as f:
            f.write(WORKSHOP.format(mode="free", timed="choice", extension="choice")
                    .replace("late-delivery", "late-delivry"))
        n_before = len(rows(db, "SELECT id FROM sessions"))
        cases = [
            (["--script", best] + common + ["--group", "other", late], 2,
             "differs from the workshop's group '2026-12-kazan-b'"),
            (["--script", best] + common + ["--session", "вечер", late], 2,
             "its sessions: 'утро', 'после обеда'"),
            (["--script", best] + common +
             [os.path.join(root, "scenarios/en/refund-refused.xml")], 2,
             "is not a scenario of the workshop's library (late-delivery.xml, jargon.xml)"),
            (["--script", best, "--db", db, "--workshop", practice, "--assessment", late], 2,
             "practice for everyone"),
            (["--script", best, "--db", db, "--workshop", fixed, "--untimed", late], 2,
             "timed for everyone"),
            (["--script", best, "--db", db, "--workshop", fixed, "--extension", "x1.5", late], 2,
             "fix the time extension at x2"),
            (["--script", best, "--db", db, "--workshop", untimed, "--extension", "x2", late], 2,
             "untimed for everyone"),
            (["--script", best, "--db", db, "--session", "утро", late], 2, "add --workshop"),
            (["--script", best, "--db", db, "--workshop", broken, late], 1,
             "broken.workshop.xml:7:24: error: bundled=\"late-delivry\": Frontline has no "
             "scenario with that id (did you mean 'late-delivery'?)"),
        ]
        for args, want_rc, words in cases:
            rc, out, err = play(binary, args, tmp)
            check(rc == want_rc, f"refusal {args[-3:]}: exit {rc}, expected {want_rc}: {err}")
            check(words in err, f"refusal {args[-3:]}: '{words}' not in: {err}")
        check(len(rows(db, "SELECT id FROM sessions")) == n_before,
              "a refused play recorded a session")

    return summary()


if __name__ == "__main__":
    sys.exit(main())
