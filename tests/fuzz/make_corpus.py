#!/usr/bin/env python3
"""Makes the seed corpus of every fuzz target from the files bundled in the tree.

    make_corpus.py --root SRC --out DIR [--frontline PATH] [--clean] [TARGET...]

writes DIR/<target>/ for each target (all when none is named), one seed a file named by its
content's hash, so running it again changes nothing. Nothing generated is committed: the seeds
come from the scenarios, rounds, workshops, lexicons, golden scripts, phrase lists and lint
cases of the tree, plus the small hand-made seeds in tests/fuzz/seeds/<target>/. With
--frontline, a program of the same tree also plays two golden scripts and a round into a
throw-away store and exports it as JSON (report --format json), for the import target.

The input layout of each target is described at the top of its tests/fuzz/fuzz_<target>.c; the
seeds follow it (for example a scenario, a NUL, then the choices of a session).
"""
import argparse
import hashlib
import html
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

TARGETS = ["scenario", "round", "workshop", "expr", "route", "lexicon", "numbers", "iso8601",
           "import", "play_script", "settings", "report_args"]


def read(p):
    return Path(p).read_bytes()


def root_kind(data):
    """'round', 'workshop' or 'scenario' by the root element of an XML document."""
    m = re.search(rb"<(?![?!])([A-Za-z_][\w.-]*)", data)
    name = m.group(1).decode("ascii", "replace") if m else ""
    return name if name in ("round", "workshop") else "scenario"


def choices(name, n=96):
    """Deterministic session choices for a seed (the bytes after its NUL)."""
    rnd = random.Random(hashlib.sha256(name.encode()).digest())
    return bytes(rnd.randrange(256) for _ in range(n))


class Corpus:
    def __init__(self, out, targets):
        self.out = Path(out)
        self.targets = targets
        self.count = {t: 0 for t in targets}
        for t in targets:  # libFuzzer refuses a corpus folder that does not exist
            (self.out / t).mkdir(parents=True, exist_ok=True)

    def add(self, target, data):
        if target not in self.targets:
            return
        d = self.out / target
        d.mkdir(parents=True, exist_ok=True)
        f = d / hashlib.sha1(data).hexdigest()
        if not f.exists():
            f.write_bytes(data)
            self.count[target] += 1


def attrs(data, name):
    """Every value of attribute `name` in an XML text, entities decoded."""
    text = data.decode("utf-8", "replace")
    for m in re.finditer(r'\b%s\s*=\s*("([^"]*)"|\'([^\']*)\')' % name, text):
        v = m.group(2) if m.group(2) is not None else m.group(3)
        yield html.unescape(v)


def lang_of(path, data):
    m = re.search(rb'lang\s*=\s*"(\w+)"', data)
    if m:
        return m.group(1).decode()
    return "ru" if "/ru/" in str(path) else "en"


def phrases(root):
    """Typed replies from the tree: phrase lists and `> ` lines of scripts, by language."""
    out = {"en": [], "ru": []}
    files = list(root.glob("tests/**/*.phrases")) + list(root.glob("tests/**/*.script"))
    for f in sorted(files):
        for line in f.read_text("utf-8", "replace").splitlines():
            line = line.strip()
            if line.startswith("#") or not line:
                continue
            if f.suffix == ".script":
                if not line.startswith("> "):
                    continue
                line = re.sub(r"\s@[\d.]+$", "", line[2:])
            lang = "ru" if re.search("[а-яА-ЯёЁ]", line) else "en"
            out[lang].append(line)
    return out


def make(root, out, targets, frontline):
    c = Corpus(out, targets)
    xml = sorted(set(root.glob("scenarios/**/*.xml")) | set(root.glob("tests/**/*.xml")))
    said = phrases(root)

    for p in xml:
        data = read(p)
        kind = root_kind(data)
        c.add(kind, data)
        c.add(kind, data + b"\0" + choices(str(p.relative_to(root))))
        if kind == "scenario":
            lang = lang_of(p, data)
            for cond in attrs(data, "if"):
                c.add("expr", cond.encode() + b"\0" + choices(cond, 16))
            matches = list(attrs(data, "match"))
            rnd = random.Random(str(p))
            for i in range(0, len(matches), 3):
                group = matches[i:i + 3]
                text = rnd.choice(said[lang]) if said[lang] else ""
                flag = b"\1" if lang == "ru" else b"\0"
                c.add("route", flag + b"\0".join(m.encode() for m in group) + b"\0" +
                      text.encode())

    for lex in sorted(root.glob("scenarios/lexicon/*.lex")):
        lang = lex.stem
        flag = b"\1" if lang == "ru" else b"\0"
        lines = read(lex).split(b"\n")
        sample = said.get(lang) or [""]
        # In 25-line pieces: a whole lexicon (up to 180 KB) takes about a second an input.
        for i in range(0, len(lines), 25):
            text = sample[(i // 25) % len(sample)]
            c.add("lexicon", flag + b"\n".join(lines[i:i + 25]) + b"\0" + text.encode())

    for lang, lines in said.items():
        flag = b"\1" if lang == "ru" else b"\0"
        for line in lines:
            if re.search(r"\d|nine|twenty|first|девят|двадцат|перв|тысяч", line, re.I):
                c.add("numbers", flag + line.encode())

    stamps = set()
    for f in list(root.glob("tests/**/*.py")) + list(root.glob("tests/**/*.json")):
        for m in re.finditer(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z",
                             read(f)):
            stamps.add(m.group(0))
    for s in sorted(stamps)[:200]:
        c.add("iso8601", s)

    for f in sorted(root.glob("tests/**/*.script")):
        c.add("play_script", read(f))

    seeds = root / "tests" / "fuzz" / "seeds"
    for t in targets:
        for f in sorted((seeds / t).glob("*")) if (seeds / t).is_dir() else []:
            c.add(t, read(f))

    if frontline and "import" in targets:
        exports(root, frontline, c)
    return c


def exports(root, frontline, c):
    """Plays into a throw-away store and exports it: the import target's best seeds."""
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "results.sqlite")
        env = dict(os.environ, XDG_CONFIG_HOME=tmp, XDG_DATA_HOME=tmp, XDG_STATE_HOME=tmp,
                   LANG="C.UTF-8")
        runs = [
            ["play", "--script", "tests/golden/en/late-delivery.best.script", "--db", db,
             "--trainee", "Ann Lee", "--group", "g1", "scenarios/en/late-delivery.xml"],
            ["play", "--script", "tests/golden/ru/dostavka-opazdyvaet.worst.script", "--db", db,
             "--trainee", "Аня Ли", "--group", "группа-2", "scenarios/ru/dostavka-opazdyvaet.xml"],
            ["play", "--round", "scenarios/rounds/monday-rush.xml", "--script",
             "tests/round/scripts/monday-rush.script", "--db", db, "--trainee", "Bo"],
        ]
        for args in runs:
            try:
                subprocess.run([frontline] + args, cwd=root, env=env, timeout=60,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            except (OSError, subprocess.TimeoutExpired):
                pass
        try:
            r = subprocess.run([frontline, "report", "--db", db, "--format", "json"], cwd=root,
                               env=env, timeout=60, capture_output=True)
        except (OSError, subprocess.TimeoutExpired):
            return
        if r.returncode == 0 and r.stdout.strip():
            c.add("import", r.stdout)
            # Each object alone too (a fallback file is one object).
            try:
                import json
                for o in json.loads(r.stdout):
                    c.add("import", json.dumps(o, ensure_ascii=False).encode())
            except ValueError:
                pass


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--frontline")
    ap.add_argument("--clean", action="store_true",
                    help="empty each target's folder first (CTest's corpus, made anew each run)")
    ap.add_argument("targets", nargs="*")
    a = ap.parse_args()
    targets = a.targets or TARGETS
    if a.clean:
        for t in targets:
            shutil.rmtree(Path(a.out) / t, ignore_errors=True)
    c = make(Path(a.root).resolve(), a.out, targets, a.frontline)
    for t in targets:
        n = len(list((Path(a.out) / t).glob("*"))) if (Path(a.out) / t).is_dir() else 0
        print("%-12s %5d seeds (%d new)" % (t, n, c.count[t]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
