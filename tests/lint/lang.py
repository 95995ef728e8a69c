#!/usr/bin/env python3
"""Lint in the user's language: Russian checked against English, and Russian goldens.

  lang.py --frontline BIN compare FILE.xml
      Lints FILE.xml (a broken file of tests/lint) in English (LANG=C) and in Russian
      (LANG=ru_RU.UTF-8), each with an empty configuration folder, and holds the Russian to the
      English: the same number of diagnostics at the same file:line:column, the same severities
      (error = ошибка, warning = предупреждение), the same [rule] ids, the same exit status; each
      Russian message has Cyrillic, no untranslated English (a run of three or more common
      English words outside quotes, backticks and <elements>), and quotes the same names in
      '...' as its English; the summary line counts the same, with the right Russian plural
      forms. Then the interface language setting wins over the locale: settings.json
      {"language": "ru"} with LANG=C gives the Russian output byte for byte, {"language": "en"}
      with a Russian locale the English. And --format json keeps its machine values (severity
      "error"/"warning", the rules) while its messages follow the language.

  lang.py --frontline BIN golden [--update]
      The goldens a reviewer reads: every tests/lint/ru/NAME.expected is the Russian output of
      linting NAME.xml (in tests/lint, else tests/lint/cases), and every
      tests/lint/cases/NAME.expected the English output of tests/lint/cases/NAME.xml, byte for
      byte. --update rewrites them from the current output (review the diff).

Exit status 0 when everything holds; otherwise each failure is printed.
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

DIAG = re.compile(r"^(?P<file>[^:]+)(?::(?P<line>\d+))?(?::(?P<col>\d+))?: "
                  r"(?P<sev>error|warning|ошибка|предупреждение): (?P<msg>.*) "
                  r"\[(?P<rule>[a-z0-9-]+)\]$")
SEVERITY_RU = {"error": "ошибка", "warning": "предупреждение"}
SUMMARY_EN = re.compile(r"^(\d+) files? checked: (?:(\d+) errors?, (\d+) warnings?|no problems)$")
SUMMARY_RU = re.compile(r"^(\d+) (файл проверен|файла проверены|файлов проверено): "
                        r"(?:(\d+) (ошибка|ошибки|ошибок), (\d+) "
                        r"(предупреждение|предупреждения|предупреждений)|замечаний нет)$")
# Words that, three or more in a row, make an English sentence: what a message left untranslated
# would show (names in quotes, `commands` and <elements> are taken out first).
COMMON = set("""
a an the is are was were be been not no of to in on at and or but with which that this these
those has have had can cannot could does do did exist exists from for by it its as when every
any each node nodes reply replies file files name names use write here there than more only one
all would should must into your you what where why how after before says say found expected
value values condition conditions line lines element elements attribute attributes text mean
declared declares declare targets starts start never least most out range already used set
same other another give move last first ending endings path paths scores score without
""".split())


def run(binary, args, cwd, lang_env, settings=None):
    """Runs `frontline ARGS` with the locale lang_env and an empty configuration folder (or one
    whose settings.json holds `settings`)."""
    with tempfile.TemporaryDirectory(prefix="frontline-lang-") as config:
        if settings is not None:
            os.makedirs(os.path.join(config, "frontline"))
            with open(os.path.join(config, "frontline", "settings.json"), "w") as f:
                json.dump(settings, f)
        env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
        env.update(LANG=lang_env, LC_ALL=lang_env, XDG_CONFIG_HOME=config)
        p = subprocess.run([binary] + args, cwd=cwd, env=env, capture_output=True, timeout=60)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def lint(binary, path, lang_env, settings=None, fmt=None):
    args = ["lint"] + (["--format", fmt] if fmt else []) + [os.path.basename(path)]
    return run(binary, args, os.path.dirname(path), lang_env, settings)


def quoted(msg):
    """The names a message quotes in '...' (an apostrophe inside a word is no quote)."""
    return sorted(re.findall(r"(?<![A-Za-z])'([^']*)'(?![A-Za-z])", msg))


def english_run(msg):
    """The first run of three or more common English words outside quotes, or None."""
    text = re.sub(r"(?<![A-Za-z])'[^']*'(?![A-Za-z])|\"[^\"]*\"|`[^`]*`|<[^>]*>", " ", msg)
    words = re.findall(r"[A-Za-zА-Яа-яЁё]+", text)
    run_ = []
    for w in words:
        if w.lower() in COMMON:
            run_.append(w)
            if len(run_) >= 3:
                return " ".join(run_)
        else:
            run_ = []
    return None


def plural_ru(n, forms):
    one, few, many = forms
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def check_summary(en, ru, failures, where):
    me, mr = SUMMARY_EN.match(en), SUMMARY_RU.match(ru)
    if not me or not mr:
        failures.append(f"{where}: summary lines not understood:\n  {en}\n  {ru}")
        return
    if me.group(1) != mr.group(1) or me.group(2) != mr.group(3) or me.group(3) != mr.group(5):
        failures.append(f"{where}: the summaries count differently:\n  {en}\n  {ru}")
        return
    n = int(mr.group(1))
    if mr.group(2) != plural_ru(n, ("файл проверен", "файла проверены", "файлов проверено")):
        failures.append(f"{where}: wrong plural form: {ru}")
    if mr.group(3) is not None:
        e, w = int(mr.group(3)), int(mr.group(5))
        if mr.group(4) != plural_ru(e, ("ошибка", "ошибки", "ошибок")) or \
                mr.group(6) != plural_ru(w, ("предупреждение", "предупреждения", "предупреждений")):
            failures.append(f"{where}: wrong plural form: {ru}")


def compare(binary, path):
    failures = []
    name = os.path.basename(path)
    rc_en, out_en, err_en = lint(binary, path, "C")
    rc_ru, out_ru, err_ru = lint(binary, path, "ru_RU.UTF-8")
    if rc_en != rc_ru:
        failures.append(f"{name}: exit status {rc_en} in English, {rc_ru} in Russian")
    if err_en or err_ru:
        failures.append(f"{name}: unexpected stderr:\n{err_en}{err_ru}")
    le, lr = out_en.rstrip("\n").split("\n"), out_ru.rstrip("\n").split("\n")
    if len(le) != len(lr):
        failures.append(f"{name}: {len(le)} lines in English, {len(lr)} in Russian:\n"
                        f"{out_en}---\n{out_ru}")
        return failures
    diags = 0
    for e, r in zip(le[:-1], lr[:-1]):
        de, dr = DIAG.match(e), DIAG.match(r)
        if not de or not dr:
            failures.append(f"{name}: not a diagnostic:\n  {e}\n  {r}")
            continue
        diags += 1
        where = f"{name}:{de['line']}:{de['col']} [{de['rule']}]"
        for k in ("file", "line", "col", "rule"):
            if de[k] != dr[k]:
                failures.append(f"{where}: {k} differs: {de[k]} / {dr[k]}")
        if SEVERITY_RU.get(de["sev"]) != dr["sev"]:
            failures.append(f"{where}: severity {de['sev']} became {dr['sev']}")
        msg = dr["msg"]
        if not re.search(r"[А-Яа-яЁё]", msg):
            failures.append(f"{where}: no Russian in: {msg}")
        bad = english_run(msg)
        if bad:
            failures.append(f"{where}: untranslated English '{bad}' in: {msg}")
        if quoted(de["msg"]) != quoted(msg):
            failures.append(f"{where}: quotes {quoted(de['msg'])} in English, {quoted(msg)} in "
                            f"Russian:\n  {de['msg']}\n  {msg}")
    check_summary(le[-1], lr[-1], failures, name)
    # The interface language setting wins over the locale, both ways.
    _, out_set_ru, _ = lint(binary, path, "C", {"language": "ru"})
    if out_set_ru != out_ru:
        failures.append(f"{name}: settings.json \"ru\" with LANG=C is not the Russian output:\n"
                        f"{out_set_ru}")
    _, out_set_en, _ = lint(binary, path, "ru_RU.UTF-8", {"language": "en"})
    if out_set_en != out_en:
        failures.append(f"{name}: settings.json \"en\" with a Russian locale is not the English "
                        f"output:\n{out_set_en}")
    # JSON: machine values stay, messages follow the language.
    _, js_en, _ = lint(binary, path, "C", fmt="json")
    _, js_ru, _ = lint(binary, path, "ru_RU.UTF-8", fmt="json")
    try:
        je, jr = json.loads(js_en), json.loads(js_ru)
        strip = lambda j: [{k: v for k, v in d.items() if k != "message"} for d in j["diagnostics"]]
        if strip(je) != strip(jr) or [je[k] for k in ("files", "errors", "warnings")] != \
                [jr[k] for k in ("files", "errors", "warnings")]:
            failures.append(f"{name}: --format json differs beyond the messages")
        if [d["message"] for d in jr["diagnostics"]] != \
                [DIAG.match(line)["msg"] for line in lr[:-1] if DIAG.match(line)]:
            failures.append(f"{name}: --format json's Russian messages are not the text's")
    except (ValueError, KeyError, TypeError) as exc:
        failures.append(f"{name}: --format json: {exc}")
    if not failures:
        print(f"{name}: {diags} diagnostics agree in English and Russian")
    return failures


def case_of(name):
    for d in (HERE, os.path.join(HERE, "cases")):
        p = os.path.join(d, name + ".xml")
        if os.path.exists(p):
            return p
    return None


def golden(binary, update):
    failures, checked = [], 0
    cases = [(p, "ru_RU.UTF-8") for p in sorted(glob.glob(os.path.join(HERE, "ru", "*.expected")))]
    cases += [(p, "C") for p in sorted(glob.glob(os.path.join(HERE, "cases", "*.expected")))]
    for expected_path, lang_env in cases:
        name = os.path.splitext(os.path.basename(expected_path))[0]
        xml = case_of(name)
        if not xml:
            failures.append(f"{expected_path}: no {name}.xml in tests/lint or tests/lint/cases")
            continue
        rc, out, err = lint(binary, xml, lang_env)
        rel = os.path.relpath(expected_path, HERE)
        if err:
            failures.append(f"{rel}: unexpected stderr: {err}")
        if update:
            with open(expected_path, "w", encoding="utf-8") as f:
                f.write(out)
        elif out != open(expected_path, encoding="utf-8").read():
            failures.append(f"{rel}: output differs\n--- expected\n"
                            f"{open(expected_path, encoding='utf-8').read()}--- got\n{out}")
        errors = any(DIAG.match(l) and DIAG.match(l)["sev"] in ("error", "ошибка")
                     for l in out.splitlines())
        if rc != (1 if errors else 0):
            failures.append(f"{rel}: exit status {rc}")
        checked += 1
    if checked < 8:
        failures.append(f"only {checked} goldens found")
    print(f"golden: {checked} outputs checked")
    return failures


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--update", action="store_true")
    ap.add_argument("mode", choices=["compare", "golden"])
    ap.add_argument("path", nargs="?")
    a = ap.parse_args()
    binary = os.path.abspath(a.frontline)
    if a.mode == "compare":
        failures = compare(binary, os.path.abspath(a.path))
    else:
        failures = golden(binary, a.update)
    for f in failures:
        print("FAIL:", f)
    print(f"{0 if failures else 1} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
