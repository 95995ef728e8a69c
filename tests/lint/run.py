#!/usr/bin/env python3
"""Golden tests of `frontline lint` and of the rule catalogue in the trainer's guide.

  run.py --frontline BIN case FILE.xml
      Lints FILE.xml from its own folder and compares the output, byte for byte, with
      FILE.expected (the diagnostics and the summary line). Each broken file is named after the
      rule it demonstrates, and its .expected must contain a diagnostic of that rule.

  run.py --frontline BIN catalogue GUIDE.md
      Checks the guide's "Rule catalogue" against `frontline lint --list-rules`: every rule has a
      section, and every section's examples are real: the ```xml wrong:RULE block appears in
      tests/lint/RULE.xml, linting that file reports RULE on a line of the block, and putting the
      ```xml fix:RULE block in its place makes RULE go away. Rules that cannot be shown in a few
      lines (NO_EXAMPLE) are covered by the loader's unit tests instead.

Exit status 0 when everything holds; otherwise each failure is printed.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
# Rules whose example would be a 16 MiB file, 33 nested levels, a missing file or a failing
# machine: tests/unit/test_loader.c covers them.
NO_EXAMPLE = {"io", "too-large", "too-deep", "internal"}


# The goldens are English: lint speaks the user's language (settings.json, else the locale), so
# pin both, to the C locale and an empty configuration folder, whatever the machine has.
_CONFIG = tempfile.TemporaryDirectory(prefix="frontline-lint-")
ENV = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
ENV.update(LANG="C", LC_ALL="C", XDG_CONFIG_HOME=_CONFIG.name)


def lint(binary, path, cwd):
    p = subprocess.run([binary, "lint", os.path.basename(path)], cwd=cwd, env=ENV,
                       capture_output=True, text=True, timeout=30)
    return p.returncode, p.stdout, p.stderr


def diag_rules(output):
    """(line, rule) of each diagnostic line."""
    out = []
    for line in output.splitlines():
        m = re.match(r"^[^:]+:(\d+)(?::\d+)?: (?:error|warning): .* \[([a-z-]+)\]$", line)
        if m:
            out.append((int(m.group(1)), m.group(2)))
    return out


def run_case(binary, path):
    rule = os.path.splitext(os.path.basename(path))[0]
    expected_path = os.path.splitext(path)[0] + ".expected"
    if not os.path.exists(expected_path):
        return [f"{path}: no {os.path.basename(expected_path)}"]
    rc, out, err = lint(binary, path, os.path.dirname(path))
    expected = open(expected_path, encoding="utf-8").read()
    failures = []
    if out != expected:
        failures.append(f"{path}: output differs from {os.path.basename(expected_path)}\n"
                        f"--- expected\n{expected}--- got\n{out}")
    if err:
        failures.append(f"{path}: unexpected stderr: {err}")
    rules = [r for _, r in diag_rules(out)]
    if rule not in rules:
        failures.append(f"{path}: no diagnostic of rule '{rule}' (got {rules})")
    has_error = any(" error: " in l for l in out.splitlines())
    if rc != (1 if has_error else 0):
        failures.append(f"{path}: exit status {rc}, expected {1 if has_error else 0}")
    return failures


def blocks(guide):
    """{(kind, rule): text} of the ```xml wrong:RULE / fix:RULE blocks, and the rule sections."""
    found = {}
    for m in re.finditer(r"^```xml (wrong|fix):([a-z-]+)\n(.*?)^```\s*$", guide, re.M | re.S):
        found[(m.group(1), m.group(2))] = m.group(3)
    return found


def norm(lines):
    return [l.strip() for l in lines]


def find_block(file_lines, block_lines):
    """Index of the first line where block_lines (compared stripped) stand in file_lines."""
    b = norm(block_lines)
    f = norm(file_lines)
    for i in range(len(f) - len(b) + 1):
        if f[i:i + len(b)] == b:
            return i
    return -1


def run_catalogue(binary, guide_path):
    failures = []
    listed = subprocess.run([binary, "lint", "--list-rules"], capture_output=True, text=True,
                            env=ENV, check=True).stdout.split("\n")
    rules = [l.split()[0] for l in listed if l.strip()]
    guide = open(guide_path, encoding="utf-8").read()
    if "## Rule catalogue" not in guide:
        return [f"{guide_path}: no '## Rule catalogue' section"]
    catalogue = guide[guide.index("## Rule catalogue"):]
    sections = re.findall(r"^### `([a-z-]+)`", catalogue, re.M)
    ex = blocks(catalogue)
    for r in rules:
        if r not in sections:
            failures.append(f"rule '{r}' has no section in the guide's catalogue")
    for r in sections:
        if r not in rules:
            failures.append(f"the guide documents '{r}', which `lint --list-rules` does not know")
    for path in sorted(os.listdir(HERE)):
        if path.endswith(".xml") and path[:-4] not in rules:
            failures.append(f"tests/lint/{path} is named after no rule")
    checked = 0
    for r in rules:
        if r in NO_EXAMPLE:
            continue
        wrong, fix = ex.get(("wrong", r)), ex.get(("fix", r))
        if wrong is None or fix is None:
            failures.append(f"rule '{r}': the catalogue needs a ```xml wrong:{r} and a ```xml fix:{r} block")
            continue
        case = os.path.join(HERE, r + ".xml")
        if not os.path.exists(case):
            failures.append(f"rule '{r}': no tests/lint/{r}.xml")
            continue
        text = open(case, encoding="utf-8", newline="").read()
        lines = text.split("\n")
        wl = wrong.rstrip("\n").split("\n")
        at = find_block(lines, wl)
        if at < 0:
            failures.append(f"rule '{r}': the guide's wrong example is not in tests/lint/{r}.xml")
            continue
        _, out, _ = lint(binary, case, HERE)
        hits = [ln for ln, rr in diag_rules(out) if rr == r]
        if not any(at + 1 <= ln <= at + len(wl) for ln in hits):
            failures.append(f"rule '{r}': linting tests/lint/{r}.xml reports no '{r}' within lines "
                            f"{at + 1}-{at + len(wl)} (got {hits})")
        indent = re.match(r"\s*", lines[at]).group(0)
        base = re.match(r"\s*", wl[0]).group(0)
        fl = fix.rstrip("\n").split("\n") if fix.strip() else []
        fixed = lines[:at] + [indent + l[len(base):] if l.startswith(base) else l for l in fl] \
            + lines[at + len(wl):]
        with tempfile.TemporaryDirectory() as tmp:
            p = os.path.join(tmp, r + ".xml")
            with open(p, "w", encoding="utf-8", newline="") as f:
                f.write("\n".join(fixed))
            _, out2, _ = lint(binary, p, tmp)
        if any(rr == r for _, rr in diag_rules(out2)):
            failures.append(f"rule '{r}': the guide's fix does not remove the diagnostic:\n{out2}")
        checked += 1
    print(f"catalogue: {len(sections)} rules documented, {checked} examples checked")
    return failures


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("mode", choices=["case", "catalogue"])
    ap.add_argument("path")
    a = ap.parse_args()
    failures = run_case(a.frontline, os.path.abspath(a.path)) if a.mode == "case" \
        else run_catalogue(a.frontline, a.path)
    for f in failures:
        print("FAIL:", f)
    passed = 0 if failures else 1
    print(f"{passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
