#!/usr/bin/env python3
"""`frontline workshop new` as a leader uses it.

  new.py --frontline BIN --root SRC options
      With options only: the file is written, lints clean, says what was given (read back with
      ElementTree and with `frontline lint --format json`), is never replaced without --force,
      is replaced with it; and what is wrong on the command line is a usage error (exit 2) that
      says what: an unknown bundled id (with did-you-mean), a round given as a scenario, a bad
      mode or session, a name too long, nothing to ask at a pipe.

  new.py --frontline BIN --root SRC interactive
      At a terminal (a real pty, python's pty module) in a Russian locale, with only -o given:
      the questions come in Russian, the bundled Russian scenarios and rounds are listed by
      number, a wrong answer is asked again, Enter takes the default sessions; the file holds
      the answers (Cyrillic title and group, the id transliterated, assessment, утро and
      после обеда) and lints clean.
"""
import json
import os
import pty
import re
import select
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

from common import arguments, check, summary, write_own_scenario

# The texts checked here are English: the locale and an empty settings folder say so, whatever
# the machine's own (a settings.json with "language": "ru" would make the commands speak Russian).
CONFIG = tempfile.TemporaryDirectory()
ENGLISH = dict(os.environ, LANG="C.UTF-8", LC_ALL="", LC_MESSAGES="", XDG_CONFIG_HOME=CONFIG.name)

def run(binary, args, cwd, env=None):
    e = dict(ENGLISH)
    e.update(env or {})
    p = subprocess.run([binary] + args, cwd=cwd, capture_output=True, text=True, timeout=60,
                       stdin=subprocess.DEVNULL, env=e)
    return p.returncode, p.stdout, p.stderr


def lint_json(binary, path):
    p = subprocess.run([binary, "lint", "--format", "json", path], capture_output=True,
                       text=True, timeout=60, env=ENGLISH)
    return p.returncode, json.loads(p.stdout)


def options(binary, root):
    with tempfile.TemporaryDirectory() as tmp:
        mine = os.path.join(tmp, "mine")
        write_own_scenario(root, mine)  # beside the workshop file
        args = ["workshop", "new", "--title", "Service basics & more", "--group",
                "2026-12-Service A", "--scenario", "late-delivery", "--scenario",
                "mine/jargon.xml", "--round", "monday-rush", "--scenario",
                os.path.join(root, "scenarios/en/refund-refused.xml"), "--mode", "assessment",
                "--timed", "yes", "--extension", "x1.5", "--session", "morning=09:00-13:00",
                "--session", "afternoon=14:00-18:00", "--lang", "en"]
        rc, out, err = run(binary, args, tmp)
        path = os.path.join(tmp, "2026-12-service-a.workshop.xml")
        check(rc == 0, f"options: exit {rc}: {out}{err}")
        check(os.path.exists(path), f"options: no {path} (default name from the group): {out}")
        if not os.path.exists(path):
            return
        check("Checked with lint: no problems." in out, f"options: no lint verdict: {out}")
        check("frontline --workshop 2026-12-service-a.workshop.xml" in out,
              f"options: no next step: {out}")
        root_el = ET.parse(path).getroot()
        check(root_el.tag == "workshop", "options: root")
        check(root_el.get("id") == "2026-12-service-a", f"options: id {root_el.get('id')}")
        check(root_el.get("lang") == "en", "options: lang")
        check(root_el.findtext("title") == "Service basics & more", "options: title")
        check(root_el.findtext("group") == "2026-12-Service A", "options: group")
        r = root_el.find("rules")
        check(r is not None and r.attrib == {"mode": "assessment", "timed": "yes",
                                              "extension": "x1.5"}, f"options: rules {r}")
        items = [(e.tag, dict(e.attrib)) for e in root_el.find("library")]
        check(items == [("scenario", {"bundled": "late-delivery"}),
                        ("scenario", {"path": "mine/jargon.xml"}),
                        ("round", {"bundled": "monday-rush"}),
                        # a bundled file named by its path is written by its id
                        ("scenario", {"bundled": "refund-refused"})], f"options: items {items}")
        sessions = [dict(e.attrib) for e in root_el.find("sessions")]
        check(sessions == [{"name": "morning", "from": "09:00", "until": "13:00"},
                           {"name": "afternoon", "from": "14:00", "until": "18:00"}],
              f"options: sessions {sessions}")
        lrc, doc = lint_json(binary, path)
        check(lrc == 0 and doc["errors"] == 0 and doc["warnings"] == 0,
              f"options: lint {lrc} {doc}")

        # never replaced without --force; replaced with it
        before = open(path, encoding="utf-8").read()
        rc, out, err = run(binary, args[:3] + ["Other title"] + args[4:], tmp)
        check(rc == 1, f"overwrite: exit {rc}")
        check("already exists" in err and "--force" in err, f"overwrite: message {err}")
        check(open(path, encoding="utf-8").read() == before, "overwrite: the file changed")
        rc, out, err = run(binary, args[:3] + ["Other title"] + args[4:] + ["--force"], tmp)
        check(rc == 0, f"--force: exit {rc} {err}")
        check(ET.parse(path).getroot().findtext("title") == "Other title", "--force: not replaced")
        check(not [f for f in os.listdir(tmp) if ".tmp" in f], "--force: a temporary file left")

        # -o into a folder, the path written relative to it; Russian messages with --lang ru
        os.makedirs(os.path.join(tmp, "usb"))
        rc, out, err = run(binary, ["workshop", "new", "-o", "usb/day.workshop.xml", "--title",
                                    "День", "--scenario", "mine/jargon.xml", "--lang", "ru"], tmp)
        check(rc == 0, f"-o: exit {rc} {err}")
        check("Проверено lint: ошибок нет." in out, f"-o: Russian verdict: {out}")
        el = ET.parse(os.path.join(tmp, "usb/day.workshop.xml")).getroot()
        check(el.find("library")[0].get("path") == "../mine/jargon.xml",
              "-o: path not relative to the workshop's folder")
        check(el.get("id") == "den", f"-o: transliterated id {el.get('id')}")
        check(el.find("sessions") is None and el.find("rules") is None,
              "-o: nothing asked for, nothing written")

        # usage errors: exit 2, a message that says what, nothing written
        cases = [
            (["--title", "T", "--scenario", "late-delivry"], "did you mean 'late-delivery'"),
            (["--title", "T", "--scenario", "monday-rush"], "use --round monday-rush"),
            (["--title", "T", "--round", "mine/jargon.xml"], "is a scenario file"),
            (["--title", "T", "--scenario", "late-delivery", "--mode", "exam"],
             "'exam' is not one of: free | practice | assessment"),
            (["--title", "T", "--scenario", "late-delivery", "--session", "am=9-13"],
             "NAME=HH:MM-HH:MM"),
            (["--title", "T", "--scenario", "late-delivery", "--session", "a=09:00-13:00",
              "--session", "b=12:00-18:00"], "overlaps session 'a'"),
            (["--title", "T", "--scenario", "late-delivery", "--group", "я" * 81],
             "81 characters"),
            (["--scenario", "late-delivery"], "--title"),
            (["--title", "T"], "--scenario or --round"),
            (["--title", "T", "--scenario", "late-delivery", "--bogus"], "unknown option"),
        ]
        for extra, words in cases:
            out_file = os.path.join(tmp, "u.workshop.xml")
            rc, out, err = run(binary, ["workshop", "new", "-o", out_file] + extra, tmp)
            check(rc == 2, f"usage {extra}: exit {rc} {out}{err}")
            check(words in err, f"usage {extra}: '{words}' not in: {err}")
            check(not os.path.exists(out_file), f"usage {extra}: a file was written")


def read_pty(fd, pattern=None, timeout=20):
    """Reads the pty until pattern (a regex) shows, or, without one, until the program closes
    it (EOF, or EIO on Linux); returns all that was read. A pattern that never shows is a
    TimeoutError."""
    buf = b""
    end = time.time() + timeout
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.2)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            buf += chunk
            if pattern and re.search(pattern, buf.decode("utf-8", "replace")):
                return buf.decode("utf-8", "replace")
    if pattern:
        raise TimeoutError(f"waited for {pattern!r}, got:\n{buf.decode('utf-8', 'replace')}")
    return buf.decode("utf-8", "replace")


def interactive(binary, root):
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(ENGLISH, LANG="ru_RU.UTF-8")
        pid, fd = pty.fork()
        if pid == 0:
            os.chdir(tmp)
            os.execve(binary, [binary, "workshop", "new", "-o", "kazan.workshop.xml"], env)
        transcript = ""
        try:
            transcript += read_pty(fd, r"Название тренинга")
            os.write(fd, "Клиентоориентированность, Казань\n".encode())
            transcript += read_pty(fd, r"Код группы")
            os.write(fd, "Казань-Б\n".encode())
            listing = read_pty(fd, r"Номера сценариев")
            transcript += listing
            numbers = {}
            for m in re.finditer(r"^\s*(\d+)\. .*\(([a-z0-9-]+)\)", listing, re.M):
                numbers[m.group(2)] = m.group(1)
            check("ru-dostavka-opazdyvaet" in numbers and "ru-chas-pik" in numbers,
                  f"interactive: the Russian list: {listing}")
            check("late-delivery" not in numbers, "interactive: English scenarios listed in Russian")
            check("стресс-раунд" in listing, "interactive: rounds not marked")
            os.write(fd, b"99\n")  # not in the list: asked again
            transcript += read_pty(fd, r"не номер из списка[\s\S]*Номера сценариев")
            os.write(fd, f"{numbers.get('ru-dostavka-opazdyvaet', '1')} "
                         f"{numbers.get('ru-chas-pik', '2')}\n".encode())
            transcript += read_pty(fd, r"Режим:")
            os.write(fd, b"5\n")
            transcript += read_pty(fd, r"Введите 1, 2 или 3[\s\S]*Режим:")
            os.write(fd, b"3\n")
            transcript += read_pty(fd, r"Части дня")
            os.write(fd, b"\n")  # the default: утро and после обеда
            transcript += read_pty(fd, r"frontline --workshop kazan\.workshop\.xml")
            transcript += read_pty(fd)  # to the end, so the program exits by itself
        except TimeoutError as e:
            check(False, f"interactive: {e}")
        finally:
            try:
                os.close(fd)
            except OSError:
                pass
            _, status = os.waitpid(pid, 0)
        check(os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0,
              f"interactive: exit status {status}:\n{transcript}")
        check("Новый файл тренинга" in transcript, "interactive: no Russian introduction")
        path = os.path.join(tmp, "kazan.workshop.xml")
        if not check(os.path.exists(path), f"interactive: no file:\n{transcript}"):
            return
        el = ET.parse(path).getroot()
        check(el.get("lang") == "ru", "interactive: lang")
        check(el.get("id") == "kazan-b", f"interactive: id {el.get('id')}")
        check(el.findtext("title") == "Клиентоориентированность, Казань", "interactive: title")
        check(el.findtext("group") == "Казань-Б", "interactive: group")
        check(el.find("rules").get("mode") == "assessment", "interactive: mode")
        items = [(e.tag, dict(e.attrib)) for e in el.find("library")]
        check(items == [("scenario", {"bundled": "ru-dostavka-opazdyvaet"}),
                        ("round", {"bundled": "ru-chas-pik"})], f"interactive: items {items}")
        sessions = [dict(e.attrib) for e in el.find("sessions")]
        check(sessions == [{"name": "утро", "from": "09:00", "until": "13:00"},
                           {"name": "после обеда", "from": "14:00", "until": "18:00"}],
              f"interactive: sessions {sessions}")
        rc, doc = lint_json(binary, path)
        check(rc == 0 and doc["errors"] == 0, f"interactive: lint {doc}")

        # the file is there now: said at once, before any question, and left as it is
        before = open(path, encoding="utf-8").read()
        pid, fd = pty.fork()
        if pid == 0:
            os.chdir(tmp)
            os.execve(binary, [binary, "workshop", "new", "-o", "kazan.workshop.xml"], env)
        said = read_pty(fd)
        os.close(fd)
        _, status = os.waitpid(pid, 0)
        check(os.WIFEXITED(status) and os.WEXITSTATUS(status) == 1,
              f"interactive, file exists: exit status {status}: {said}")
        check("уже существует" in said and "Название" not in said,
              f"interactive, file exists: {said}")
        check(open(path, encoding="utf-8").read() == before, "interactive: the file changed")


def main():
    binary, root, a = arguments(
        lambda ap: ap.add_argument("mode", choices=["options", "interactive"]))
    (options if a.mode == "options" else interactive)(binary, root)
    return summary()


if __name__ == "__main__":
    sys.exit(main())
