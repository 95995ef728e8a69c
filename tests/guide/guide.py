#!/usr/bin/env python3
"""The guide's chapter "Run and check your scenario" runs as written, so it cannot go stale.

  guide.py --frontline BIN --root SRC check  [CHAPTER...]   run every command, compare outputs
  guide.py --frontline BIN --root SRC update [CHAPTER...]   rewrite the outputs that differ

CHAPTER defaults to scenarios/checking.md (run with LANG=C) and scenarios/checking.ru.md (run
with LANG=ru_RU.UTF-8). Each chapter runs in a fresh temporary folder holding a copy of the
project's scenarios/ folder, with `frontline` (BIN) first on PATH and empty XDG folders, so
neither the machine's settings.json nor its results store play a part. In the chapter:

  - every ```sh block is a bash script, run in order in that folder (files one block writes are
    there for the next) with -e and pipefail, so a command that fails in the middle of a block
    or of a pipe is its status; that must be 0, or N after a line `<!-- exit N -->`;
  - a ```text block right after a ```sh block (blank lines between at most) is the output the
    reader is told to expect: stdout and stderr together, compared line by line after removing
    the temporary folder's path, trailing spaces, the explorer's timing ("in 0.3 ms", "за 0,3
    мс") and the file times in the header of a `diff -u`. A line
    `...` in it stands for any number of lines the chapter leaves out, and a line ending in
    ` ...` for any line that starts with the text before it;
  - `<!-- not run -->` before a ```sh block skips it (a command that waits for the keyboard);
  - `<!-- file: NAME -->` before a fenced block writes the block's text to NAME first (a list
    of phrases the reader is asked to save);
  - `<!-- run: COMMAND -->` runs COMMAND there, unseen by the reader, and requires exit 0 (it
    makes the edit the chapter describes in words, e.g. a changed effect).
Links to other chapters (`README.md#free-text`) must name a file and a heading that exist.

`update` rewrites the ```text blocks whose output differs, unless they contain `...` (those are
printed for the author to shorten by hand), and still fails on a wrong exit status.
"""
import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile

CHAPTERS = [("scenarios/checking.md", "C"), ("scenarios/checking.ru.md", "ru_RU.UTF-8")]
FENCE = re.compile(r"^```(\S*)\s*$")
DIRECTIVE = re.compile(r"^<!--\s*(not run|exit\s+(\d+)|file:\s*(\S+)|run:\s*(.*?))\s*-->\s*$")
TIMING = re.compile(r"(?:\bin \d+(?:\.\d+)? (?:ms|s)\b|(?<!\w)за \d+(?:,\d+)? (?:мс|с)(?!\w))")
DIFF_TIME = re.compile(r"^((?:---|\+\+\+) \S+)\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? [+-]\d{4}$")
ELLIPSIS = ("...", "…")


def parse(lines):
    """The chapter as a list of items: ("sh", line, text, directives, expected or None),
    ("file", line, name, text) and ("run", line, command)."""
    items, pending, i = [], {}, 0
    while i < len(lines):
        d = DIRECTIVE.match(lines[i])
        if d:
            if d.group(1) == "not run":
                pending["skip"] = True
            elif d.group(2) is not None:
                pending["exit"] = int(d.group(2))
            elif d.group(3) is not None:
                pending["file"] = d.group(3)
            else:
                items.append(("run", i + 1, d.group(4)))
            i += 1
            continue
        f = FENCE.match(lines[i])
        if not f:
            i += 1
            continue
        lang, start = f.group(1), i
        j = i + 1
        while j < len(lines) and lines[j].rstrip() != "```":
            j += 1
        if j == len(lines):
            raise SystemExit(f"line {start + 1}: a ``` block is never closed")
        body = lines[i + 1:j]
        i = j + 1
        if "file" in pending:
            items.append(("file", start + 1, pending.pop("file"), "".join(body)))
        if lang != "sh":
            pending.clear()
            continue
        # The output block, if one follows after blank lines only.
        k, expected = i, None
        while k < len(lines) and not lines[k].strip():
            k += 1
        if k < len(lines) and lines[k].rstrip() == "```text":
            m = k + 1
            while m < len(lines) and lines[m].rstrip() != "```":
                m += 1
            expected = (k + 2, m + 1, [l.rstrip("\n") for l in lines[k + 1:m]])
            i = m + 1
        items.append(("sh", start + 1, "".join(body), dict(pending), expected))
        pending.clear()
    return items


def same_line(line):
    """A line as compared: without the timing of a run or the file times of a diff."""
    return DIFF_TIME.sub(r"\1\t(time)", TIMING.sub("in N ms", line.rstrip()))


def normalise(text, tmp):
    text = text.replace(tmp + "/", "").replace(tmp, ".")
    out = [l.rstrip() for l in text.split("\n")]
    while out and not out[-1]:
        out.pop()
    return out


def matches(expected, actual):
    """Line by line, a line `...` matching any run of lines (shortest first)."""
    exp = [same_line(l) for l in expected]
    while exp and not exp[-1]:
        exp.pop()
    actual = [same_line(l) for l in actual]
    memo = {}

    def go(e, a):
        if (e, a) in memo:
            return memo[(e, a)]
        if e == len(exp):
            r = a == len(actual)
        elif exp[e].strip() in ELLIPSIS:
            r = any(go(e + 1, k) for k in range(a, len(actual) + 1))
        elif exp[e].endswith(" ..."):
            r = (a < len(actual) and actual[a].startswith(exp[e][:-3])
                 and go(e + 1, a + 1))
        else:
            r = a < len(actual) and exp[e] == actual[a] and go(e + 1, a + 1)
        memo[(e, a)] = r
        return r

    return go(0, 0)


def slug(heading):
    """A heading's anchor as GitHub and most Markdown viewers make it."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def check_links(root, chapter, text):
    """Every link to a local file names a file that exists, and its #anchor a heading in it."""
    failures = []
    here = os.path.dirname(os.path.join(root, chapter))
    for target, anchor in re.findall(r"\]\(([^)#:\s]+\.md)(?:#([^)\s]+))?\)", text):
        path = os.path.join(here, target)
        if not os.path.isfile(path):
            failures.append(f"{chapter}: the link to {target} names no file")
            continue
        if anchor:
            heads = re.findall(r"^#+ (.*)$", open(path, encoding="utf-8").read(), re.M)
            if anchor not in {slug(h) for h in heads}:
                failures.append(f"{chapter}: {target} has no heading for #{anchor}")
    return failures


def run_chapter(binary, root, chapter, lang, update):
    path = os.path.join(root, chapter)
    lines = open(path, encoding="utf-8").read().splitlines(True)
    items = parse(lines)
    failures, replaced, ran, compared = check_links(root, chapter, "".join(lines)), [], 0, 0
    tmp = tempfile.mkdtemp(prefix="frontline-guide-")
    try:
        shutil.copytree(os.path.join(root, "scenarios"), os.path.join(tmp, "scenarios"))
        os.makedirs(os.path.join(tmp, ".bin"))
        os.symlink(binary, os.path.join(tmp, ".bin", "frontline"))
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("LC_") and k not in ("LANG", "LANGUAGE", "FRONTLINE_DATA")}
        env.update(PATH=os.path.join(tmp, ".bin") + os.pathsep + os.environ.get("PATH", ""),
                   HOME=os.path.join(tmp, ".home"), LANG=lang, TERM="dumb",
                   XDG_CONFIG_HOME=os.path.join(tmp, ".config"),
                   XDG_DATA_HOME=os.path.join(tmp, ".data"),
                   XDG_STATE_HOME=os.path.join(tmp, ".state"))
        for d in (".home", ".config", ".data", ".state"):
            os.makedirs(os.path.join(tmp, d))
        for item in items:
            where = f"{chapter}:{item[1]}"
            if item[0] == "file":
                target = os.path.join(tmp, item[2])
                os.makedirs(os.path.dirname(target), exist_ok=True)
                open(target, "w", encoding="utf-8").write(item[3])
                continue
            if item[0] == "run":
                p = subprocess.run(["bash", "-c", item[2]], cwd=tmp, env=env,
                                   capture_output=True, text=True, timeout=60)
                if p.returncode != 0:
                    failures.append(f"{where}: the hidden command `{item[2]}` exited "
                                    f"{p.returncode}: {p.stderr.strip()}")
                continue
            _, line, script, directives, expected = item
            if directives.get("skip"):
                continue
            ran += 1
            try:
                p = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=tmp, env=env,
                                   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, timeout=60)
                out, rc = p.stdout.decode("utf-8", "replace"), p.returncode
            except subprocess.TimeoutExpired:
                failures.append(f"{where}: still running after 60 s:\n{script}")
                continue
            want = directives.get("exit", 0)
            if rc != want:
                failures.append(f"{where}: exit status {rc}, the chapter says {want}:\n"
                                f"{script}{out}")
            if expected is None:
                continue
            compared += 1
            actual = normalise(out, tmp)
            first, end, exp = expected
            if matches(exp, actual):
                continue
            if update and not any(l.strip() in ELLIPSIS for l in exp):
                replaced.append((first, end, actual))
                continue
            diff = "".join(difflib.unified_diff([l + "\n" for l in exp],
                                                [l + "\n" for l in actual],
                                                "the chapter", "the program"))
            failures.append(f"{where}: the output differs from the chapter's (line {first}):\n"
                            f"{script}{diff}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if replaced:
        for first, end, actual in sorted(replaced, reverse=True):
            lines[first - 1:end - 1] = [l + "\n" for l in actual]
        open(path, "w", encoding="utf-8").write("".join(lines))
        print(f"{chapter}: rewrote {len(replaced)} output block(s)")
    if ran < 10 or compared < 6:
        failures.append(f"{chapter}: only {ran} commands run and {compared} outputs compared: "
                        "is the chapter's markup broken?")
    print(f"{chapter}: {ran} commands run, {compared} outputs compared")
    return failures


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("mode", choices=["check", "update"])
    ap.add_argument("chapters", nargs="*")
    a = ap.parse_args()
    root, binary = os.path.abspath(a.root), os.path.abspath(a.frontline)
    chapters = CHAPTERS
    if a.chapters:
        chapters = [(c, "ru_RU.UTF-8" if c.endswith(".ru.md") else "C") for c in a.chapters]
    failures = []
    for chapter, lang in chapters:
        failures += run_chapter(binary, root, chapter, lang, a.mode == "update")
    for f in failures:
        print(f"FAIL {f}\n")
    print(f"guide: {len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
