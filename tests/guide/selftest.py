#!/usr/bin/env python3
"""The chapter runner (guide.py) catches what it is there to catch.

  selftest.py --frontline BIN --root SRC

On small chapters written here (in a temporary copy of the project's scenarios/), guide.py
must pass a chapter whose outputs and exit statuses are right, with `...` elisions, a file
the chapter asks the reader to save and a hidden edit; and must fail, naming the chapter's
line, a stale output, a wrong exit status, a command that only runs because the reader was
told a wrong file name, and a chapter with too few commands. `update` must rewrite a stale
output and leave the chapter passing.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

GOOD = """# A chapter

<!-- run: mkdir -p mine && cp scenarios/ru/avariya-internet.xml mine/a.xml -->
```sh
frontline lint mine/a.xml
```

```text
1 file checked: no problems
```

<!-- run: sed -i 's/to="kompensaciya" signals="apology plan ownership"/to="kompensacia" signals="apology plan ownership"/' mine/a.xml -->
<!-- exit 1 -->
```sh
frontline lint mine/
```

```text
...
1 file checked: 1 error, 0 warnings
```

<!-- file: lines.txt -->
```text
one
two
```

Then:

```sh
cat lines.txt
frontline explore scenarios/ru/avariya-internet.xml
```

```text
one
two
scenarios/ru/avariya-internet.xml: Третий день без интернета
untimed play, up to 25 replies: ...
...
every reply is taken on some path
```

<!-- not run -->
```sh
frontline play --text scenarios/ru/avariya-internet.xml
```
"""

FILLER = "".join(f"```sh\nfrontline lint scenarios/ru/zhargon.xml\n```\n\n```text\n"
                 f"1 file checked: no problems\n```\n\n" for _ in range(8))


def run(guide, binary, root, mode, chapter):
    p = subprocess.run([sys.executable, guide, "--frontline", binary, "--root", root, mode,
                        chapter], capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout + p.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    a = ap.parse_args()
    binary = os.path.abspath(a.frontline)
    guide = os.path.join(os.path.dirname(os.path.abspath(__file__)), "guide.py")
    failures = []
    tmp = tempfile.mkdtemp(prefix="frontline-guide-selftest-")
    try:
        shutil.copytree(os.path.join(os.path.abspath(a.root), "scenarios"),
                        os.path.join(tmp, "scenarios"))
        chapter = os.path.join(tmp, "chapter.md")

        def case(name, text, want_rc, want_words, mode="check"):
            open(chapter, "w", encoding="utf-8").write(text)
            rc, out = run(guide, binary, tmp, mode, "chapter.md")
            if rc != want_rc or any(w not in out for w in want_words):
                failures.append(f"{name}: exit {rc} (want {want_rc}), want {want_words} in:\n{out}")

        case("a correct chapter passes", GOOD + FILLER, 0, ["guide: 0 failure(s)"])
        stale = GOOD.replace("1 file checked: no problems", "1 file checked: no worries", 1)
        case("a stale output fails", stale + FILLER, 1,
             ["chapter.md:4: the output differs", "-1 file checked: no worries",
              "+1 file checked: no problems"])
        status = GOOD.replace("<!-- exit 1 -->\n", "", 1)
        case("a wrong exit status fails", status + FILLER, 1,
             ["exit status 1, the chapter says 0"])
        wrong_file = GOOD.replace("<!-- file: lines.txt -->", "<!-- file: other.txt -->")
        case("a file the reader was not told to save fails", wrong_file + FILLER, 1,
             ["exit status 1, the chapter says 0", "No such file"])
        case("a chapter with too few commands fails", GOOD, 1, ["is the chapter's markup broken?"])
        case("a link to a missing heading fails",
             GOOD + "See [Free text](scenarios/README.md#free-texts).\n" + FILLER, 1,
             ["scenarios/README.md has no heading for #free-texts"])
        case("a link to a present heading passes",
             GOOD + "See [Free text](scenarios/README.md#free-text).\n" + FILLER, 0,
             ["guide: 0 failure(s)"])
        hidden = GOOD.replace("cp scenarios/ru/avariya-internet.xml", "cp scenarios/ru/nothing.xml")
        case("a failing hidden command fails", hidden + FILLER, 1, ["the hidden command"])
        # update rewrites the stale block and the chapter passes afterwards
        case("update rewrites a stale output", stale + FILLER, 0, ["rewrote 1 output block"],
             mode="update")
        if "no worries" in open(chapter, encoding="utf-8").read():
            failures.append("update left the stale output in the chapter")
        rc, out = run(guide, binary, tmp, "check", "chapter.md")
        if rc != 0:
            failures.append(f"the updated chapter does not pass:\n{out}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for f in failures:
        print(f"FAIL {f}\n")
    print(f"guide selftest: {len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
