#!/usr/bin/env python3
"""The schema editors use (scenarios/schema/scenario.xsd, checked here by xmllint) and the
structure checks `frontline lint` makes itself (game/core/build.c) must accept and refuse the
same files. This feeds both the bundled scenarios, the annotated example, the broken files of
tests/lint and several hundred mutations of the annotated example (an attribute removed,
misspelt or given a bad value; an element removed, duplicated, moved or replaced; stray text),
and fails on any file where one accepts what the other refuses.

Round files (root element <round>) are held to scenarios/schema/round.xsd and lint's
round-schema rule (game/core/round_load.c) the same way: the bundled rounds, the broken rounds
of tests/lint, the mutations of two bundled rounds (one that splits its customers evenly, one
that gives every level its count) and a list of tricky values (seeds, signs, white space).

usage: differential.py --frontline BIN --root SOURCE_DIR
"""
import argparse
import copy
import glob
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

XSI = "http://www.w3.org/2001/XMLSchema-instance"
# Diagnostics of the structure (what the schema decides). Everything else lint reports is a
# rule no schema can express (references, conditions, graph) and does not count here.
STRUCTURE = {"schema"}
# Files the schema cannot judge the way a scenario loader must (DTDs, encodings).
SKIP_RULES = {"doctype", "encoding", "xml"}
# The same for round files: the rest (the levels' customers, tightening, the pass rule, the
# scenarios drawn) is what no schema can say.
ROUND_STRUCTURE = {"round-schema"}
# Workshop files (root <workshop>) are held to workshop.xsd; a time that is not HH:MM is the
# schema's pattern there and lint's workshop-time rule (tests/workshop/differential.py mutates
# them further).
WORKSHOP_STRUCTURE = {"schema", "workshop-time"}
ROUND_MUTATED = ["scenarios/rounds/monday-rush.xml", "scenarios/rounds/ru-vozrazheniya.xml"]

BAD_VALUES = {
    "lang": "de", "version": "0", "minutes": "500", "mood": "-150", "patience": "101",
    "trust": "x", "reply-seconds": "2", "budget": "-1", "price": "cheap", "init": "1.5",
    "dimension": "speed", "value": "abc", "outcome": "won", "emotion": "grumpy",
    "grievance": "maybe", "once": "twice", "gesture": "-5", "signals": "apology sorry",
    "id": "bad id", "to": "-start", "offer": "two words", "var": "Refund", "name": None,
    "start": "no way", "add": "+-1",
}
# Bad values of round attributes (id, version and lang are shared with the table above).
ROUND_BAD_VALUES = {
    "id": "bad id", "version": "0", "lang": "de", "path": "", "tag": "two words", "dir": "",
    "total": "501", "at-once": "6", "seed": "12abc", "limit": "4", "every": "0",
    "customers": "x", "lost": "-1", "mean": "101",
}
# Values on the edge of what a round attribute allows: each is tried on its attribute and both
# must agree on every one (valid or not).
ROUND_EDGES = {
    "seed": ["0", "18446744073709551615", "18446744073709551616", "-1", "+5", "1e3", "12abc",
             " 42 ", "007", "", "4.0", "0x10"],
    "at-once": ["1", "5", "0", "6", "+3", " 3 ", "3.0", "03", "-0"],
    "total": ["1", "500", "0", "501", "1e2"],
    "limit": ["5", "600", "4", "601"],
    "every": ["1", "3600", "0", "3601"],
    "lost": ["0", "-0", "500", "501", "-1"],
    "mean": ["0", "100", "-1", "101"],
    "tag": ["complaint", "жалоба", "", " complaint", "a b", "a\tb"],
    "version": ["1", "1000000000", "1000000001", "0"],
    "lang": ["en", "ru", "EN", "de", ""],
    "id": ["monday-rush", "a" * 64, "a" * 65, "-x", ""],
}


# Values of <rubric voice=".."> (reported, scored): each is tried on the annotated example's
# rubric, and both must agree on every one.
RUBRIC_VOICE = ["reported", "scored", "scord", "Scored", "", " scored", "scored ", "yes",
                "reported scored"]


def voice_did_you_mean(frontline, path):
    """lint says where a misspelt voice is and what was meant: FILE:LINE:COLUMN (the value's)
    and "did you mean 'scored'"."""
    p = subprocess.run([os.path.abspath(frontline), "lint", os.path.basename(path)],
                       cwd=os.path.dirname(path),
                       capture_output=True, text=True, timeout=30)
    lines = open(path, encoding="utf-8").read().split("\n")
    row = next(i for i, l in enumerate(lines) if 'voice="scord"' in l)
    col = lines[row].index('voice="scord"') + len('voice="') + 1
    want = (f"{os.path.basename(path)}:{row + 1}:{col}: error: voice=\"scord\" is not one of: "
            f"reported, scored (did you mean 'scored'?) [schema]")
    if want not in p.stdout.splitlines():
        return [f"rubric voice=\"scord\": want the line\n  {want}\ngot\n{p.stdout}"]
    return []


def root_tag(path):
    try:
        return ET.parse(path).getroot().tag
    except ET.ParseError:
        return None


def schema_valid(path, xsd):
    p = subprocess.run(["xmllint", "--noout", "--nonet", "--schema", xsd, path],
                       capture_output=True, text=True, timeout=30)
    return p.returncode == 0


def lint_rules(frontline, path):
    p = subprocess.run([frontline, "lint", "--format", "json", path], capture_output=True,
                       text=True, timeout=30)
    import json
    return {d["rule"] for d in json.loads(p.stdout)["diagnostics"]}


def mutations(tree, bad_values=BAD_VALUES):
    """(description, tree) pairs, each one change away from the original."""
    root = tree.getroot()
    elements = list(root.iter())
    parents = {c: p for p in root.iter() for c in p}
    seen_shapes = set()
    for index, el in enumerate(elements):
        tag = el.tag
        shape = (tag, tuple(sorted(el.attrib)), parents.get(el).tag if el in parents else None)
        first_of_shape = shape not in seen_shapes
        seen_shapes.add(shape)
        if not first_of_shape:
            continue

        def mutate(fn, what):
            t = copy.deepcopy(tree)
            e = list(t.getroot().iter())[index]
            ps = {c: p for p in t.getroot().iter() for c in p}
            fn(e, ps.get(e), t)
            return (f"<{tag}> #{index}: {what}", t)

        for name in list(el.attrib):
            if name.startswith("{"):
                continue
            yield mutate(lambda e, p, t, n=name: e.attrib.pop(n), f"remove {name}")
            yield mutate(lambda e, p, t, n=name: e.attrib.__setitem__(n + "x", e.attrib.pop(n)),
                         f"misspell {name}")
            bad = bad_values.get(name)
            if bad is not None:
                yield mutate(lambda e, p, t, n=name, v=bad: e.attrib.__setitem__(n, v),
                             f"{name}={bad!r}")
        yield mutate(lambda e, p, t: e.set("colour", "red"), "unknown attribute")
        if el is root:
            continue
        yield mutate(lambda e, p, t: p.remove(e), "remove the element")
        yield mutate(lambda e, p, t: p.insert(list(p).index(e), copy.deepcopy(e)),
                     "duplicate the element")
        yield mutate(lambda e, p, t: p.append(p[list(p).index(e)]) or p.remove(e)
                     if False else _move_last(p, e), "move it last")
        yield mutate(lambda e, p, t: _move_first(p, e), "move it first")
        yield mutate(lambda e, p, t: e.append(ET.Element("note")), "add a <note> child")
        yield mutate(lambda e, p, t: setattr(e, "text", (e.text or "") + " stray words "),
                     "add text")
        yield mutate(lambda e, p, t: p.insert(list(p).index(e), ET.Element("bogus")),
                     "insert an unknown element")


def _move_last(p, e):
    p.remove(e)
    p.append(e)


def _move_first(p, e):
    p.remove(e)
    p.insert(0, e)


def verdict(failures, compared):
    """Prints the disagreements and the count; the exit status."""
    for f in failures:
        print("FAIL:", f)
    print(f"{compared} files compared: {compared - len(failures)} agree, {len(failures)} disagree")
    print(f"{1 if not failures else 0} passed, {1 if failures else 0} failed")
    return 1 if failures else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    a = ap.parse_args()
    xsd = os.path.join(a.root, "scenarios/schema/scenario.xsd")
    round_xsd = os.path.join(a.root, "scenarios/schema/round.xsd")
    workshop_xsd = os.path.join(a.root, "scenarios/schema/workshop.xsd")
    files = sorted(glob.glob(os.path.join(a.root, "scenarios/*/*.xml")) +
                   glob.glob(os.path.join(a.root, "tests/lint/*.xml")))
    failures, compared = [], 0
    ET.register_namespace("xsi", XSI)

    def compare(path, label):
        nonlocal compared
        rules = lint_rules(a.frontline, path)
        if rules & SKIP_RULES:
            return
        root = root_tag(path)
        structure, schema = {"round": (ROUND_STRUCTURE, round_xsd),
                             "workshop": (WORKSHOP_STRUCTURE, workshop_xsd)}.get(
                                 root, (STRUCTURE, xsd))
        ours = not (rules & structure)
        theirs = schema_valid(path, schema)
        compared += 1
        if ours != theirs:
            failures.append(f"{label}: xmllint says {'valid' if theirs else 'invalid'}, "
                            f"frontline says {'valid' if ours else 'invalid'} ({sorted(rules)})")

    for f in files:
        compare(f, os.path.relpath(f, a.root))
    base = ET.parse(os.path.join(a.root, "scenarios/example/annotated.xml"))
    with tempfile.TemporaryDirectory() as tmp:
        for i, (what, tree) in enumerate(mutations(base)):
            path = os.path.join(tmp, f"m{i}.xml")
            tree.write(path, encoding="UTF-8", xml_declaration=True)
            compare(path, f"annotated.xml mutation {what}")
        for v in RUBRIC_VOICE:
            t = copy.deepcopy(base)
            t.getroot().find("rubric").set("voice", v)
            path = os.path.join(tmp, "voice.xml")
            t.write(path, encoding="UTF-8", xml_declaration=True)
            compare(path, f"annotated.xml: <rubric voice={v!r}>")
            if v == "scord":
                compared += 1
                failures += voice_did_you_mean(a.frontline, path)
        for rel in ROUND_MUTATED:
            base = ET.parse(os.path.join(a.root, rel))
            name = os.path.basename(rel)
            for i, (what, tree) in enumerate(mutations(base, ROUND_BAD_VALUES)):
                path = os.path.join(tmp, f"r{i}-{name}")
                tree.write(path, encoding="UTF-8", xml_declaration=True)
                compare(path, f"{name} mutation {what}")
            tags = []
            for el in base.getroot().iter():
                if el.tag in tags:
                    continue
                tags.append(el.tag)
                for attr, values in ROUND_EDGES.items():
                    if attr not in el.attrib:
                        continue
                    for v in values:
                        t = copy.deepcopy(base)
                        e = [x for x in t.getroot().iter() if x.tag == el.tag][0]
                        e.set(attr, v)
                        path = os.path.join(tmp, f"edge-{name}")
                        t.write(path, encoding="UTF-8", xml_declaration=True)
                        compare(path, f"{name}: <{el.tag} {attr}={v!r}>")
    return verdict(failures, compared)


if __name__ == "__main__":
    sys.exit(main())
