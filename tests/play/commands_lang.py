#!/usr/bin/env python3
"""The commands speak the user's language, and `play --text` reads a file or a pipe as answers.

Run as real processes, each with its own LANG and an empty XDG_CONFIG_HOME (or one holding a
settings.json), so the machine's locale and settings never decide the result:

- `play --text` fed from a pipe: the first line is the first answer (no "Press Enter" pause),
  a finished conversation exits 0 with the score `play --script` gives for the same lines,
  input that ends early exits 1 naming the node and its file:line, 'q' still stops with 0;
  a golden path, given whole as a shell here-document (comments, ids, @SECONDS and all),
  finishes with the score of `play --script`; --show-ids shows the ids and an id answers.
- From a terminal (a real pseudo-terminal) the briefing still waits for Enter.
- A script whose reply number points past the replies offered says to use the id and lists
  them; a script that ends early fails naming the node.
- Every command this part owns answers --help in Russian under a Russian locale (Cyrillic, no
  long English sentence) and in English under LANG=C; the interface language setting wins
  over the locale; usage errors and the top-level usage are Russian too; explore's text report
  is Russian while its JSON is the same in both languages.
"""
import argparse
import json
import os
import pty
import re
import select
import subprocess
import sys
import tempfile
import time

FAILURES = []
BIN = ROOT = None
CONFIG_EMPTY = CONFIG_RU = None
LATE = "scenarios/en/late-delivery.xml"


def check(cond, what):
    if not cond:
        FAILURES.append(what)
    return cond


def env_for(lang, config=None):
    env = {k: v for k, v in os.environ.items()
           if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env["LANG"] = lang
    env["XDG_CONFIG_HOME"] = config or CONFIG_EMPTY
    return env


def run(args, lang="C", stdin=None, config=None):
    p = subprocess.run([BIN] + args, input=stdin, capture_output=True, text=True, timeout=60,
                       cwd=ROOT, env=env_for(lang, config))
    return p.returncode, p.stdout, p.stderr


def result_of(out):
    m = re.search(r"^(?:Result|Итог): (\d+)/100 \(([A-F])\)", out, re.M)
    return (int(m.group(1)), m.group(2)) if m else None


def node_line(path, node):
    """The line of <node id="NODE"> (or <ending id=...>) in a scenario file."""
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if re.search(r'<(?:node|ending)\b[^>]*\bid="%s"' % re.escape(node), line):
                return n
    return None


# ---- play --text from a pipe -----------------------------------------------------------------

def pipe_first_line_is_an_answer():
    # reply 2 at the first turn sends the customer to the courier node: its line shows at once
    rc, out, err = run(["play", "--text", "--untimed", "--no-store", LATE], stdin="2\nq\n")
    flat = " ".join(out.split())
    check("Press Enter" not in out, "pipe: the 'Press Enter' prompt is still shown")
    check(re.search(r"^Turn 2$", out, re.M) is not None and "I've called ParcelLine already!" in flat,
          "pipe: the first line was not taken as the first answer:\n" + out[-1200:])
    check(rc == 0, f"pipe: 'q' must still stop with status 0, got {rc}: {err}")


def pipe_finished_equals_script():
    lines = "2\n1\n1\n1\n1\n"
    rc, out, err = run(["play", "--text", "--untimed", "--no-store", LATE], stdin=lines)
    check(rc == 0 and not err, f"pipe, finished: exit {rc}, stderr {err!r}")
    rc2, js, err2 = run(["play", "--script", "-", "--untimed", "--no-store", LATE], stdin=lines)
    if not check(rc2 == 0, f"script of the same lines: exit {rc2}: {err2}"):
        return
    doc = json.loads(js)
    check(doc["transcript"][0]["agent"]["option"] == 2,
          "the script's first reply is not option 2 (test data changed?)")
    check(result_of(out) == (doc["overall"], doc["band"]),
          f"pipe says {result_of(out)}, the script {doc['overall']} ({doc['band']})")


def pipe_ends_early():
    want = node_line(LATE, "lookup")
    check(want is not None, "late-delivery.xml has no node 'lookup' (test data changed?)")
    rc, out, err = run(["play", "--text", "--untimed", "--no-store", LATE], stdin="1\n")
    check(rc == 1, f"input ending early: exit {rc}, want 1")
    check(f"the input ended before the conversation did: it stopped at node 'lookup' "
          f"({LATE}:{want})" in err, f"input ending early: message is {err!r}")
    check("The conversation was stopped before the end." in out,
          "input ending early: the partial results are not shown")
    rc, out, err = run(["play", "--text", "--untimed", "--no-store", LATE], "ru_RU.UTF-8", "1\n")
    check(rc == 1 and f"ввод закончился раньше разговора: он остановился на узле «lookup» "
                      f"({LATE}:{want})" in err, f"input ending early, Russian: {rc} {err!r}")
    # nothing at all: not even the first answer
    rc, out, err = run(["play", "--text", "--untimed", "--no-store", LATE], stdin="")
    check(rc == 1 and "node 'start'" in err, f"empty input: exit {rc}: {err!r}")


def heredoc_equals_script(name, scen, script):
    """`play --text` fed the script as a shell here-document ends as `play --script` does."""
    check("EOF_GOLDEN" not in script, "the here-document marker occurs in " + name)
    shell = (f"'{BIN}' play --text --untimed --no-store '{scen}' <<'EOF_GOLDEN'\n"
             f"{script}EOF_GOLDEN\n")
    p = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=60,
                       cwd=ROOT, env=env_for("C"))
    rc2, js, err2 = run(["play", "--script", "-", "--untimed", "--no-store", scen], stdin=script)
    if not check(p.returncode == 0 and rc2 == 0,
                 f"{name}: here-document exit {p.returncode} ({p.stderr.strip()}), "
                 f"script exit {rc2} ({err2.strip()})"):
        return
    doc = json.loads(js)
    check(doc["ending"]["finished"], f"{name}: the path does not finish")
    check(result_of(p.stdout) == (doc["overall"], doc["band"]),
          f"{name}: here-document gives {result_of(p.stdout)}, the script "
          f"{doc['overall']} ({doc['band']})")


def pipe_golden_heredoc():
    """A golden path as a here-document, given whole: comments, reply and route ids, @SECONDS:
    the kept golden files, and paths explore writes now (free-text routes by id)."""
    for rel in ("tests/golden/en/late-delivery.best.script",
                "tests/golden/ru/dostavka-opazdyvaet.best.script"):
        scen = "scenarios/%s/%s.xml" % (rel.split("/")[2], os.path.basename(rel).split(".")[0])
        heredoc_equals_script(rel, scen, open(os.path.join(ROOT, rel), encoding="utf-8").read())
    for scen in ("scenarios/en/free-text-router.xml", "scenarios/ru/svobodny-otvet.xml"):
        for which in ("best", "worst"):
            rc, script, err = run(["explore", "--script", which, "--untimed", scen])
            if check(rc == 0 and script.startswith("#"), f"explore --script {which} {scen}: "
                     f"exit {rc}: {err}"):
                heredoc_equals_script(f"{scen} ({which})", scen, script)


def pipe_round():
    """A round from a pipe: no pause; input that ends before the round does exits 1."""
    args = ["play", "--round", "tests/round/data/quick.xml", "--text", "--no-store"]
    rc, out, err = run(args, stdin="")
    check(rc == 1 and "Press Enter" not in out and
          "the input ended before the round did (at 0.0 s)" in err,
          f"round from an empty pipe: exit {rc}: {err!r}")
    rc, out, err = run(args, "ru_RU.UTF-8", stdin="")
    check(rc == 1 and "ввод закончился раньше раунда (на 0,0 с)" in err,
          f"round from an empty pipe, Russian: exit {rc}: {err!r}")
    rc, out, err = run(args, stdin="q\n")
    check(rc == 0, f"round from a pipe, 'q': exit {rc}: {err!r}")


def pipe_show_ids():
    rc, js, err = run(["play", "--script", "-", "--untimed", "--no-store", LATE], stdin="2\n")
    first = json.loads(js)["transcript"][0]["agent"]["reply"] if js else None
    rc, out, err = run(["play", "--text", "--show-ids", "--untimed", "--no-store", LATE],
                       stdin=f"{first}\nq\n")
    flat = " ".join(out.split())
    check(f"2. [{first}] Deliveries are handled" in flat, "--show-ids: no id beside reply 2:\n"
          + out[:1500])
    check("I've called ParcelLine already!" in flat, "an answer by id was not taken")
    rc, out, err = run(["play", "--script", "-", "--show-ids", "--no-store", LATE], stdin="1\n")
    check(rc == 2 and "--show-ids" in err, f"--show-ids with --script: exit {rc}: {err!r}")


def terminal_keeps_the_pause():
    """A real pseudo-terminal: the briefing waits for Enter; then the first line answers."""
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(ROOT)
        env = env_for("C")
        os.execve(BIN, [BIN, "play", "--text", "--untimed", "--no-store", LATE], env)
    out = b""

    def read_until(pattern, seconds):
        nonlocal out
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if re.search(pattern, out):
                return True
            r, _, _ = select.select([fd], [], [], 0.05)
            if r:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                out += chunk
        return re.search(pattern, out) is not None

    try:
        check(read_until(rb"Press Enter to begin\.", 20), "terminal: no 'Press Enter' pause:\n"
              + out.decode(errors="replace"))
        time.sleep(0.3)
        read_until(rb"Turn 1", 0.2)
        check(b"Turn 1" not in out, "terminal: the conversation started before Enter")
        os.write(fd, b"\n")
        check(read_until(rb"Turn 1", 10), "terminal: Enter did not start the conversation")
        os.write(fd, b"2\n")
        check(read_until(rb"ParcelLine already", 10), "terminal: the first reply was not taken")
        os.write(fd, b"q\n")
        read_until(rb"Customer survey", 10)
    finally:
        try:
            _, status = os.waitpid(pid, 0)
            check(os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0,
                  f"terminal: exit status {status}")
        finally:
            os.close(fd)


# ---- scripts: numbers and ids ------------------------------------------------------------------

def script_messages():
    rc, out, err = run(["play", "--script", "-", "--no-store", LATE], stdin="9\n")
    check(rc == 1 and "-:1: reply 9 is not offered here (1-4)" in err
          and "name the reply by its id" in err and "1 start/r-15f63c92" in err,
          f"script, reply number too high: exit {rc}: {err!r}")
    rc, out, err = run(["play", "--script", "-", "--no-store", LATE], "ru_RU.UTF-8", "9\n")
    check(rc == 1 and "-:1: ответа 9 здесь нет (1-4)" in err and "укажите id ответа" in err,
          f"script, reply number too high, Russian: {err!r}")
    rc, out, err = run(["play", "--script", "-", "--no-store", LATE], stdin="1\n")
    check(rc == 1 and "the script ended before the conversation did (at node 'lookup')" in err
          and json.loads(out)["ending"]["finished"] is False,
          f"script ending early: exit {rc}: {err!r}")


# ---- the user's language ----------------------------------------------------------------------

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
# five English words in a row (option values are listed with commas, so they do not count)
ENGLISH_RUN = re.compile(r"\b[a-z]{2,}(?: [a-z]{2,}){4,}\b")

HELPS = [["--help"], ["help", "play"], ["play", "--help"], ["explore", "--help"],
         ["import", "--help"], ["sound", "--help"], ["report", "--help"],
         ["workshop", "--help"], ["workshop", "new", "--help"]]


def helps():
    for args in HELPS:
        name = " ".join(args)
        rc, out, err = run(args, "ru_RU.UTF-8")
        check(rc == 0 and len(CYRILLIC.findall(out)) > 20, f"{name}, ru: not Russian:\n{out[:300]}")
        m = ENGLISH_RUN.search(out)
        check(m is None, f"{name}, ru: an English sentence: '{m.group(0) if m else ''}'")
        rc, out, err = run(args, "C")
        check(rc == 0 and not CYRILLIC.search(out.split("\n\n")[0]) and
              out.startswith("usage: frontline"), f"{name}, C: not English:\n{out[:300]}")
        # the setting wins over the locale, both ways
        rc, out, err = run(args, "C", config=CONFIG_RU)
        check(out.startswith("использование: frontline"), f"{name}: settings 'ru' with LANG=C "
              f"is not Russian:\n{out[:200]}")


def usage_errors():
    rc, out, err = run(["play", "--txt", LATE], "ru_RU.UTF-8")
    check(rc == 2 and err == "frontline play: неизвестный параметр «--txt» (может быть, --text?)\n"
                             "(см. «frontline play --help»)\n", f"play usage error, ru: {err!r}")
    rc, out, err = run(["play", "--txt", LATE], "C")
    check(rc == 2 and err == "frontline play: unknown option '--txt' (did you mean --text?)\n"
                             "(see 'frontline play --help')\n", f"play usage error, C: {err!r}")
    rc, out, err = run(["play", LATE], "C", config=CONFIG_RU)
    check(rc == 2 and "выберите --text" in err, f"play usage error, setting ru: {err!r}")
    for args, want in ((["explore", "--max-turns", "0", LATE],
                        "--max-turns: 0 — вне допустимого: от 1 до 1000"),
                       (["explore", "--through", "nowhere:1", LATE],
                        "в сценарии нет узла «nowhere»"),
                       (["import"], "укажите JSON-файлы"),
                       (["sound", "cue", "bell"], "неизвестный сигнал «bell»"),
                       (["report", "--format", "doc"], "неизвестный формат «doc»"),
                       (["workshop", "new", "--mode", "strict"],
                        "--mode: «strict» — нет среди допустимых: free | practice | assessment"),
                       (["workshop", "old"], "«old» — не команда workshop")):
        rc, out, err = run(args, "ru_RU.UTF-8")
        check(rc == 2 and want in err and "(см. «frontline " in err,
              f"{' '.join(args)}, ru: exit {rc}: {err!r}")
    rc, out, err = run(["frobnicate"], "ru_RU.UTF-8")
    check(rc == 2 and err.startswith("frontline: «frobnicate» — не команда\n\nиспользование:"),
          f"not a command, ru: {err[:200]!r}")
    rc, out, err = run(["frobnicate"], "C")
    check(rc == 2 and err.startswith("frontline: 'frobnicate' is not a command\n\nusage:"),
          f"not a command, C: {err[:200]!r}")


def explore_report():
    rc, out, err = run(["explore", "--untimed", LATE], "ru_RU.UTF-8")
    check(re.search(r"\d+ полн(ый путь|ых пути|ых путей) за \d+,\d мс", out) is not None,
          "explore, ru: the paths are not counted in Russian")
    for word in ("игра без ограничения времени, пути до 25 ответов", "концовки:",
                 "лучший путь: 100/100 (A), решено", "диапазоны измерений по всем путям:",
                 "Эмпатия"):
        check(word in out, f"explore, ru: '{word}' missing:\n{out[:1500]}")
    check("не зачтено: критическая ошибка — клиента отправили в другое место" in out,
          "explore, ru: the critical mistakes are not named in Russian")
    rc, en, err = run(["explore", "--untimed", LATE], "C")
    check("untimed play, up to 25 replies" in en and "best path: 100/100 (A), resolved" in en,
          f"explore, C: {en[:600]}")
    rc1, js_en, _ = run(["explore", "--untimed", "--format", "json", LATE], "C")
    rc2, js_ru, _ = run(["explore", "--untimed", "--format", "json", LATE], "ru_RU.UTF-8")
    check(rc1 == rc2 and js_en == js_ru and js_en.startswith("{"),
          "explore --format json differs between languages")
    rc1, sc_en, _ = run(["explore", "--untimed", "--script", "best", LATE], "C")
    rc2, sc_ru, _ = run(["explore", "--untimed", "--script", "best", LATE], "ru_RU.UTF-8")
    check(sc_en == sc_ru and sc_en.startswith("#"), "explore --script differs between languages")


def main():
    global BIN, ROOT, CONFIG_EMPTY, CONFIG_RU
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--only", help="run one group: pipe, terminal, script, lang")
    a = ap.parse_args()
    BIN, ROOT = os.path.abspath(a.frontline), os.path.abspath(a.root)
    with tempfile.TemporaryDirectory() as empty, tempfile.TemporaryDirectory() as ru:
        CONFIG_EMPTY, CONFIG_RU = empty, ru
        os.makedirs(os.path.join(ru, "frontline"))
        with open(os.path.join(ru, "frontline", "settings.json"), "w") as f:
            json.dump({"language": "ru"}, f)
        groups = {
            "pipe": [pipe_first_line_is_an_answer, pipe_finished_equals_script, pipe_ends_early,
                     pipe_golden_heredoc, pipe_show_ids, pipe_round],
            "terminal": [terminal_keeps_the_pause],
            "script": [script_messages],
            "lang": [helps, usage_errors, explore_report],
        }
        for name, tests in groups.items():
            if a.only and a.only != name:
                continue
            for t in tests:
                before = len(FAILURES)
                t()
                print(f"  {t.__name__}: {'ok' if len(FAILURES) == before else 'FAILED'}")
    for f in FAILURES:
        print("FAIL:", f)
    print(f"commands in the user's language, play --text from a pipe: {len(FAILURES)} failure(s)")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
