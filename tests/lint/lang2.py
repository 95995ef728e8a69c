#!/usr/bin/env python3
"""Lint in Russian (II): the loader, the structure checker, round files, workshop files and the
files they name (game/core/loader.c, schema.c, round_load.c, workshop.c, game/content).

  lang2.py --frontline BIN --root ROOT compare
      Lints every case twice, with LANG=C and with LANG=ru_RU.UTF-8 (XDG_CONFIG_HOME an empty
      folder, so no settings.json decides): the broken round, workshop, schema, xml, encoding and
      doctype files of tests/lint, and cases made here for every other message of those files
      (libxml2's errors, UTF-8, the size and depth limits, each structure message, each round,
      workshop and pool rule). Both runs must give the same diagnostics, in the same order, at
      the same file:line:column, with the same [rule] ids and severities; each Russian message
      has Cyrillic, no untranslated English outside quotes, and quotes the same names in '...'
      as the English. "Did you mean" offers only a file that would load (SUGGESTIONS). Then
      every word of game/core/catalogue_lint2.def must have been said by some case (a word no
      case reaches is named in UNREACHED, with why).

  lang2.py --frontline BIN --root ROOT golden [--update]
      The Russian diagnostics of a few cases, byte for byte, against tests/lint/ru2/*.expected:
      what a reviewer reads to judge the Russian.

Exit status 0 when everything holds; otherwise each failure is printed.
"""
import argparse
import ast
import errno
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CYRILLIC = re.compile("[\u0400-\u04FF]")
DIAG = re.compile(r"^(?P<file>[^:\n]+?)(?::(?P<line>\d+))?(?::(?P<col>\d+))?: "
                  r"(?P<sev>error|warning|ошибка|предупреждение): (?P<msg>.*) "
                  r"\[(?P<rule>[a-z0-9-]+)\]$")
SEVERITY = {"error": "error", "ошибка": "error", "warning": "warning",
            "предупреждение": "warning"}
# A name in quotes: a quote not inside a word ("the round's" is no quote).
QUOTED = re.compile(r"(?<![A-Za-z])'([^'\n]+)'(?![A-Za-z])")
# What may stay as written in a Russian message: quoted text, names of elements, attribute
# values, code, and the system's own words (strerror), which come after a Russian prefix.
VERBATIM = [re.compile(p) for p in (r"'[^'\n]*'", r'"[^"\n]*"', r"«[^»\n]*»", r"`[^`\n]*`",
                                    r"</?[A-Za-z!][^>\n]*>")]
STRERROR = [os.strerror(e) for e in (errno.ENOENT, errno.EACCES, errno.ENOTDIR, errno.EISDIR,
                                     errno.ELOOP, errno.ENAMETOOLONG)]
# Three Latin words in a row, as in a sentence (a list of names, "a, b, c", is no sentence).
ENGLISH_RUN = re.compile(r"[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}")

# The tests/lint cases of this part's rules.
LINT_CASES = ("round-", "workshop-", "schema.xml", "xml.xml", "encoding.xml", "doctype.xml")
GOLDEN = ["round-customers", "round-tag-matches", "round-same-lang", "workshop-sessions",
          "workshop-bundled-exists", "xml", "doctype", "made-schema-round", "made-pool-tags",
          "made-libxml"]

# What the English of a case must say, and must not: "did you mean" never offers a file that
# would itself be refused (one that does not load, or is of another kind).
SUGGESTIONS = {
    "made-pool-suggest": (["path=\"sugg/late-delivry.xml\": no such file (did you mean "
                           "'late-delivery.xml'?)"], ["'draft.xml'"]),
    "made-workshop-suggest": ([":4:60: error: path=\"sugg/late-delivry.xml\": no such file, "
                               "looked for at 'sugg/late-delivry.xml' (did you mean "
                               "'late-delivery.xml'?)",
                               ":4:97: error: path=\"sugg/late-delivry.xml\": no such file, "
                               "looked for at 'sugg/late-delivry.xml' (paths"],
                              ["'draft.xml'"]),
}

# Words no case says, and why. Everything else in catalogue_lint2.def must be seen.
UNREACHED = {
    "L2_ENTITY": "a DOCTYPE is refused before its entity declarations are read",
    "L2_NOT_WELL_FORMED": "libxml2 always says why a document is not well-formed",
    "L2_ONLY_SO_MANY": "only a slot of max 1 or unbounded reaches it; none is unbounded there",
    "L2_TOO_LARGE_STREAM": "a pipe; lint names files (tests/unit/test_loader_lang.c)",
    "L2_CANNOT_READ": "a read error of a file that opened (EIO)",
    "L2_RPATH_ERRNO": "stat failing other than ENOENT (EACCES, which root ignores)",
    "L2_RPATH_IO": "a scenario that exists but cannot be opened",
    "L2_DIR_ERRNO": "a folder that cannot be listed (EACCES, which root ignores)",
    "L2_WPATH_ERRNO": "a file that cannot be read (EACCES, which root ignores)",
    "L2_COULD_NOT_LOAD": "a scenario with no error to tell that did not load (out of memory)",
    "L2_CANNOT_LOAD": "a workshop item with no error to tell that did not load",
    "L2_AT_LINE": "the first error of a named file always has a column",
    # tests/unit/test_loader_lang.c says these through the loaders themselves:
    "L2_SCHEMA_ROUND_FILE": "a file whose root is not <round> is read as a scenario",
    "L2_SCHEMA_WORKSHOP_FILE": "a file whose root is not <workshop> is read as a scenario",
    "L2_CANNOT_OPEN": "lint and the pool look at a file before they load it",
    "L2_IS_FOLDER": "lint lists a folder; the pool and the library look before they load",
}


def lint_env(lang, config, extra=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env.update(LANG=lang, XDG_CONFIG_HOME=config)
    env.update(extra or {})
    return env


def lint(binary, path, cwd, env):
    p = subprocess.run([binary, "lint", path], cwd=cwd, capture_output=True, text=True,
                       timeout=60, env=env)
    return p.returncode, p.stdout, p.stderr


def diagnostics(output):
    return [m.groupdict() for m in map(DIAG.match, output.splitlines()) if m]


def english_left(msg):
    """The runs of three or more Latin words outside what may stay as written."""
    for e in STRERROR:
        msg = msg.replace(e, " ")
    for v in VERBATIM:
        msg = v.sub(" ", msg)
    return ENGLISH_RUN.findall(msg)


# ---- The cases made here ----------------------------------------------------------------------

def scenario(root, name):
    return os.path.join(root, "scenarios", name)


def round_file(body, lang="en", head=None):
    head = head or f'<round id="r" version="1" lang="{lang}">'
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{head}\n{body}\n</round>\n'


def round_body(draw, customers='<customers total="6" seed="1"/>',
               levels='<levels><level limit="30" every="40"/></levels>', title="R", extra=""):
    return (f"  <title>{title}</title>\n  <draw>{draw}</draw>\n  {customers}\n  {levels}\n"
            f"  {extra}")


def workshop_file(library, sessions="", title="W", group=""):
    head = '<workshop id="w" version="1" lang="en">'
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n{head}\n  <title>{title}</title>\n'
            f"{group}  <library>{library}</library>\n{sessions}</workshop>\n")


def made_cases(root, tmp):
    """{name: (file name, bytes, extra env)} in tmp; folders they need are made too."""
    en, ru = scenario(root, "en"), scenario(root, "ru")
    late = os.path.join(en, "late-delivery.xml")
    broken = os.path.join(root, "tests/lint/schema.xml")  # a scenario with one error
    draft = os.path.join(root, "tests/lint/round-data/draft.xml")
    os.makedirs(os.path.join(tmp, "folder.xml"))
    os.makedirs(os.path.join(tmp, "broken1"))
    shutil.copy(broken, os.path.join(tmp, "broken1", "a.xml"))
    os.makedirs(os.path.join(tmp, "broken2"))
    for n in ("a", "b"):
        shutil.copy(broken, os.path.join(tmp, "broken2", f"{n}.xml"))
    os.makedirs(os.path.join(tmp, "other1"))
    shutil.copy(late, os.path.join(tmp, "other1", "a.xml"))
    os.makedirs(os.path.join(tmp, "other2"))
    for n in ("a", "b"):
        shutil.copy(late, os.path.join(tmp, "other2", f"{n}.xml"))
    os.makedirs(os.path.join(tmp, "empty-dir"))
    os.makedirs(os.path.join(tmp, "nodata", "scenarios"))
    round_path = os.path.join(root, "scenarios/rounds/monday-rush.xml")
    ws_path = os.path.join(root, "scenarios/workshops")
    ws_example = sorted(f for f in os.listdir(ws_path) if f.endswith(".xml"))[0]

    cases = {}

    def add(name, data, env=None):
        fname = f"{name}.xml"
        cases[name] = (fname, data.encode() if isinstance(data, str) else data, env or {})

    scen = open(os.path.join(root, "tests/lint/schema.xml"), encoding="utf-8").read()
    scen = scen.replace('greivance="yes"', 'grievance="yes"')  # now valid

    # The loader: bytes, limits, libxml2.
    add("made-utf16", "\ufeff<scenario/>".encode("utf-16-le"))
    add("made-nul", b'<?xml version="1.0"?>\n<scenario>\x00</scenario>\n')
    add("made-utf8-cut", b'<?xml version="1.0"?>\n<scenario>\xd0')
    add("made-utf8-bad", b'<?xml version="1.0"?>\n<scenario>\xff</scenario>\n')
    add("made-empty", b"")
    add("made-too-deep", '<?xml version="1.0"?>\n<scenario>' + "<a>" * 40 + "</a>" * 40 +
        "</scenario>\n")
    add("made-cut", '<?xml version="1.0"?>\n<scenario id="x">\n  <title>T</title>\n')
    add("made-libxml", '<?xml version="1.0"?>\n<scenario>]]></scenario>\n')
    add("made-libxml-at-end", '<?xml version="1.0"?>\n<scenario/>\n<!-- not closed')
    add("made-xml-declaration-only", '<?xml version="1.0"?>\n')
    add("made-xml-attr-twice", '<?xml version="1.0"?>\n<scenario id="a" id="b"/>\n')
    add("made-xml-lt", '<?xml version="1.0"?>\n<scenario id="a<b"/>\n')
    add("made-xml-amp", '<?xml version="1.0"?>\n<scenario>Tom & Jerry</scenario>\n')
    add("made-xml-semicolon", '<?xml version="1.0"?>\n<scenario>&amp</scenario>\n')
    add("made-xml-entity", '<?xml version="1.0"?>\n<scenario>&nbsp;</scenario>\n')
    add("made-xml-quote", '<?xml version="1.0"?>\n<scenario id=a/>\n')
    add("made-xml-no-value", '<?xml version="1.0"?>\n<scenario id/>\n')
    add("made-xml-extra", '<?xml version="1.0"?>\n<scenario/>\n<scenario/>\n')
    add("made-xml-no-start", "Hello, this is not XML\n")
    add("made-xml-hyphen", '<?xml version="1.0"?>\n<!-- a -- b -->\n<scenario/>\n')
    add("made-xml-name", '<?xml version="1.0"?>\n<scenario>< b/></scenario>\n')

    # The structure checker, in scenarios: the attribute types only scenarios have.
    add("made-scenario-values", scen
        .replace('version="1"', 'version="0"')
        .replace('mood="-30"', 'mood="-300"')
        .replace('mood="+20" trust="+10"', 'mood="+2000" trust="+10"')
        .replace('signals="apology ownership"', 'signals="apology ownershp"')
        .replace('</customer>', '</customer>\n  <offer id="o" price="abc">O</offer>\n'
                 '  <var name="Plan" init="x"/>'))
    # ... and its kind's words: an unknown element, a namespaced one, text where none goes, and
    # a root that is no kind's.
    add("made-scenario-elements", scen
        .replace('<node id="refund">',
                 '<node id="refund">\n    <sya/>\n    <x:say xmlns:x="urn:x"/>')
        .replace('<ending id="lost" outcome="lost">', '<ending id="lost" outcome="lost">stray'))
    add("made-round-encoding", '<?xml version="1.0" encoding="windows-1251"?>\n'
        '<round id="r" version="1" lang="ru"/>\n')
    add("made-workshop-doctype", '<?xml version="1.0"?>\n<!DOCTYPE workshop>\n'
        '<workshop id="w" version="1"/>\n')
    add("made-root", '<?xml version="1.0"?>\n<senario id="x"/>\n')
    # A scenario with several errors, in a folder a round draws from by tag.
    with open(os.path.join(tmp, "broken2", "c.xml"), "wb") as f:
        f.write(cases["made-scenario-values"][1])

    # The structure checker, in round files.
    good_draw = f'<scenario path="{late}"/>'
    add("made-schema-round", round_file(
        round_body(good_draw + '<scenarios tag="a b"/><scenario path=""/>',
                   customers='<customers total="0" seed="x" at-once="9"/>',
                   levels='<levels><lvl/></levels>'),
        head='<round id="-r" version="0" lang="de">'))
    add("made-schema-round2", round_file(
        "  <draw x='1'>" + good_draw + "</draw>\n  <title>R</title>\n"
        '  <customers total="6" seed="99999999999999999999"/>\n'
        '  <levels>' + '<level limit="30" every="40"/>' * 11 + '</levels>\n'
        '  <pass mean="101"/>\n'))
    add("made-schema-round3", round_file(
        '  <title>R<b/></title>\n  <draw>text</draw>\n  <level limit="30" every="40"/>\n'
        '  <x:levels xmlns:x="urn:x"/>\n', head='<round version="1" lang="en">'))
    add("made-schema-round4", round_file(
        f'  <title>R</title>\n  <title>R</title>\n  <draw>{good_draw}</draw>\n'
        '  <customers total="6" seed="1"/>\n  <levels><level limit="30" every="40"/></levels>\n'))
    add("made-schema-round5", round_file(
        f'  <title>R</title>\n  <draw><scenarios tag="t" dir=""/></draw>\n'
        '  <customers total="6" seed="1"/>\n'
        '  <levels><level limit="2" every="0" customers="0"/></levels>\n  <pass lost="-1"/>\n'))

    # The rules across a round's attributes.
    add("made-round-title", round_file(round_body(good_draw, title="")))
    add("made-round-rules", round_file(round_body(
        good_draw, customers='<customers total="2" seed="1"/>',
        levels='<levels><level limit="30" every="40"/><level limit="20" every="40"/>'
               '<level limit="10" every="40"/></levels>')))
    add("made-round-uncounted", round_file(round_body(
        good_draw, levels='<levels><level limit="30" every="40" customers="3"/>'
                          '<level limit="20" every="40"/></levels>')))

    # The pool of a round: paths and tags.
    add("made-pool-paths", round_file(round_body(
        f'<scenario path="{tmp}/folder.xml"/><scenario path="{round_path}"/>'
        f'<scenario path="{broken}"/><scenario path="{draft}"/>'
        f'<scenario path="late-delivry.xml"/>')))
    shutil.copy(late, os.path.join(tmp, "late-delivery.xml"))
    add("made-pool-tags", round_file(round_body(
        f'<scenarios tag="x" dir="{late}"/><scenarios tag="x" dir="{tmp}/empty-dir"/>'
        f'<scenarios tag="x" dir="{tmp}/broken1"/><scenarios tag="x" dir="{tmp}/broken2"/>'
        f'<scenarios tag="complaints" dir="{ru}"/>'
        f'<scenarios tag="complaint" dir="{ru}/nowhere"/>'), lang="en"))
    # "did you mean" offers only a file that would load: not the broken draft.xml for drft.xml,
    # but the good late-delivery.xml for late-delivry.xml (SUGGESTIONS below).
    os.makedirs(os.path.join(tmp, "sugg"))
    shutil.copy(draft, os.path.join(tmp, "sugg", "draft.xml"))
    shutil.copy(late, os.path.join(tmp, "sugg", "late-delivery.xml"))
    add("made-pool-suggest", round_file(round_body(
        '<scenario path="sugg/drft.xml"/><scenario path="sugg/late-delivry.xml"/>')))
    add("made-workshop-suggest", workshop_file(
        '<scenario path="sugg/drft.xml"/><scenario path="sugg/late-delivry.xml"/>'
        '<round path="sugg/late-delivry.xml"/>'))
    add("made-pool-default", round_file(round_body('<scenarios tag="complaint"/>'), lang="ru"))
    add("made-pool-other-lang", round_file(round_body(
        f'<scenarios tag="complaint" dir="{tmp}/other1"/>'
        f'<scenarios tag="complaint" dir="{tmp}/other2"/>'), lang="ru"))

    # Workshop files: structure and sessions.
    many = "".join(f'<scenario bundled="late-delivery"/>' for _ in range(201))
    add("made-workshop-schema", workshop_file(many, "  <sessions>" + "".join(
        f'<session name="s{i}" from="{8 + i // 2:02d}:{(i % 2) * 30:02d}" '
        f'until="{8 + i // 2:02d}:{(i % 2) * 30 + 29:02d}"/>' for i in range(13)) +
        "</sessions>\n", title=""))
    add("made-workshop-sessions", workshop_file(
        '<scenario path=""/><round path=""/><round/><scenari/>',
        '  <sessions>\n'
        '    <session name="a" from="09:00"/>\n'
        '    <session name="b" from="10:00" until="10:00"/>\n'
        '    <session name="c" from="11:00" until="10:00"/>\n'
        '    <session name="d"/>\n'
        '    <session name="a" from="12:00" until="13:00"/>\n'
        '    <session name="" from="14:00" until="15:00"/>\n'
        f'    <session name="{"x" * 81}" from="16:00" until="17:00"/>\n'
        '    <session name="e" from="25:00" until="26:00"/>\n'
        '  </sessions>\n', group="  <group> </group>\n"))
    add("made-workshop-files", workshop_file(
        f'<scenario path="{tmp}/folder.xml"/><round path="{tmp}/folder.xml"/>'
        f'<scenario path="{ws_path}/{ws_example}"/><round path="{ws_path}/{ws_example}"/>'
        f'<scenario path="{round_path}"/><round path="{late}"/>'
        f'<scenario bundled="monday-rush"/><round bundled="late-delivery"/>'
        f'<round bundled="monday-rsh"/><scenario path="{draft}"/>'
        f'<round path="{tmp}/made-round-rules.xml"/>'
        f'<scenario path="late-delivry.xml"/>'))
    add("made-workshop-nodata", workshop_file('<scenario bundled="late-delivery"/>'),
        env={"FRONTLINE_DATA": os.path.join(tmp, "nodata")})
    return cases


def write_cases(cases, tmp):
    for fname, data, _ in cases.values():
        with open(os.path.join(tmp, fname), "wb") as f:
            f.write(data)
    # Past the limits without writing them out: a sparse file.
    for name, size in (("made-too-large", 16 * 1024 * 1024 + 1),):
        with open(os.path.join(tmp, name + ".xml"), "wb") as f:
            f.truncate(size)
        cases[name] = (name + ".xml", None, {})
    cases["made-missing"] = ("no-such-file.xml", None, {})


def all_cases(root, tmp):
    """[(name, folder, file, extra env)]"""
    out = []
    for f in sorted(os.listdir(HERE)):
        if f.endswith(".xml") and f.startswith(LINT_CASES):
            out.append((f[:-4], HERE, f, {}))
    cases = made_cases(root, tmp)
    write_cases(cases, tmp)
    for name, (fname, _, env) in sorted(cases.items()):
        out.append((name, tmp, fname, env))
    return out


# ---- The checks ---------------------------------------------------------------------------------

def compare_case(binary, config, name, cwd, fname, env):
    failures = []
    runs = {}
    for lang in ("C", "ru_RU.UTF-8"):
        rc, out, err = lint(binary, fname, cwd, lint_env(lang, config, env))
        if err:
            failures.append(f"{name} ({lang}): unexpected stderr: {err}")
        runs[lang] = (rc, diagnostics(out), out)
    (rc_en, en, out_en), (rc_ru, ru, out_ru) = runs["C"], runs["ru_RU.UTF-8"]
    must, must_not = SUGGESTIONS.get(name, ([], []))
    failures += [f"{name}: the English does not say {m!r}:\n{out_en}" for m in must
                 if m not in out_en]
    failures += [f"{name}: the English says {m!r}:\n{out_en}" for m in must_not if m in out_en]
    if not en:
        return [f"{name}: no diagnostic in English:\n{out_en}"], out_ru
    if rc_en != rc_ru:
        failures.append(f"{name}: exit status {rc_en} in English, {rc_ru} in Russian")
    if len(en) != len(ru):
        failures.append(f"{name}: {len(en)} diagnostics in English, {len(ru)} in Russian:\n"
                        f"{out_en}---\n{out_ru}")
        return failures, out_ru
    for e, r in zip(en, ru):
        where = f"{name}: {e['file']}:{e['line']}:{e['col']} [{e['rule']}]"
        for k in ("file", "line", "col", "rule"):
            if e[k] != r[k]:
                failures.append(f"{where}: {k} {e[k]!r} in English, {r[k]!r} in Russian")
        if SEVERITY[e["sev"]] != SEVERITY[r["sev"]]:
            failures.append(f"{where}: {e['sev']} in English, {r['sev']} in Russian")
        msg = r["msg"]
        if not CYRILLIC.search(msg):
            failures.append(f"{where}: not in Russian: {msg}")
        left = english_left(msg)
        if left:
            failures.append(f"{where}: English left in the Russian {left}: {msg}")
        qe, qr = set(QUOTED.findall(e["msg"])), set(QUOTED.findall(msg))
        if qe != qr:
            failures.append(f"{where}: quotes {sorted(qe)} in English, {sorted(qr)} in Russian:\n"
                            f"  {e['msg']}\n  {msg}")
    return failures, out_ru


def catalogue_words(root):
    """{id: Russian text} of catalogue_lint2.def."""
    text = open(os.path.join(root, "game/core/catalogue_lint2.def"), encoding="utf-8").read()
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    words = {}
    for m in re.finditer(r"W_\((L2_\w+),((?:\s*\"(?:[^\"\\]|\\.)*\")+)\s*,"
                         r"((?:\s*\"(?:[^\"\\]|\\.)*\")+)\s*\)", text):
        ru = "".join(ast.literal_eval(s) for s in re.findall(r"\"(?:[^\"\\]|\\.)*\"", m.group(3)))
        words[m.group(1)] = ru
    return words


CONVERSION = re.compile(r"%[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?:hh|h|ll|l|z)?[diouxXcsfegp%]")


def seen(word_ru, said):
    """Whether the Russian of a word was said: the word as a pattern, each conversion standing
    for what it prints (a number, any text), found in some output."""
    pattern = ""
    pos = 0
    for m in CONVERSION.finditer(word_ru):
        pattern += re.escape(word_ru[pos:m.start()])
        conv = m.group(0)
        pattern += (".*?" if conv[-1] == "s" else "%" if conv == "%%" else
                    "[0-9A-F]+" if conv[-1] == "X" else "-?[0-9]+")
        pos = m.end()
    pattern += re.escape(word_ru[pos:])
    return re.search(pattern, said) is not None


def compare(binary, root):
    failures = []
    said = []
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as config:
        cases_dir = os.path.join(tmp, "cases")
        os.makedirs(cases_dir)
        for name, cwd, fname, env in all_cases(root, cases_dir):
            f, out = compare_case(binary, config, name, cwd, fname, env)
            failures += f
            said.append(out)
    said = "\n".join(said)
    for word, ru in sorted(catalogue_words(root).items()):
        if word not in UNREACHED and not seen(ru, said):
            failures.append(f"{word}: no case says it ({ru!r})")
    return failures


def golden(binary, root, update):
    failures = []
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as config:
        cases_dir = os.path.join(tmp, "cases")
        os.makedirs(cases_dir)
        # The made files name bundled files by absolute path, so the columns after such a path
        # would depend on where the tree is checked out: they name them through a link of a
        # length that does not (the temporary folder's).
        link = os.path.join(tmp, "root")
        os.symlink(root, link)
        by_name = {c[0]: c for c in all_cases(link, cases_dir)}
        for name in GOLDEN:
            _, cwd, fname, env = by_name[name]
            _, out, _ = lint(binary, fname, cwd, lint_env("ru_RU.UTF-8", config, env))
            # Only the diagnostics, with the folders of the made cases as a reviewer's folder.
            got = "".join(line.replace(cases_dir, "CASES").replace(link, "ROOT")
                          .replace(root, "ROOT") + "\n"
                          for line in out.splitlines() if DIAG.match(line))
            path = os.path.join(HERE, "ru2", name + ".expected")
            if update:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(got)
                continue
            want = open(path, encoding="utf-8").read() if os.path.exists(path) else None
            if want != got:
                failures.append(f"{name}: Russian output differs from ru2/{name}.expected\n"
                                f"--- expected\n{want}--- got\n{got}")
    return failures


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("mode", choices=["compare", "golden"])
    ap.add_argument("--update", action="store_true")
    a = ap.parse_args()
    binary, root = os.path.abspath(a.frontline), os.path.abspath(a.root)
    failures = compare(binary, root) if a.mode == "compare" else golden(binary, root, a.update)
    for f in failures:
        print(f, file=sys.stderr)
    print(f"{len(failures)} failure(s)" if failures else "ok")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
