#!/usr/bin/env python3
"""The workshop schema editors use (scenarios/schema/workshop.xsd, checked here by xmllint) and
the structure checks `frontline lint` makes itself (game/core/workshop.c) must accept and
refuse the same workshop files, as tests/schema/differential.py requires of scenarios and
rounds.

Fed to both: the example workshops of scenarios/workshops, the broken workshops of tests/lint,
every one-change mutation of an example (an attribute removed, misspelt or given a bad value;
an element removed, duplicated, moved or replaced; stray text; an unknown child), and a list of
values on the edge of what each attribute allows (times, names, ids, enumerations, versions).
The structure is lint's `schema` and `workshop-time` rules (the XSD's patterns say what a time
is); the rest (sessions in order, items naming one file, files that exist) is what no schema
can say and does not count.

usage: differential.py --frontline BIN --root SOURCE_DIR
"""
import argparse
import copy
import glob
import importlib.util
import os
import sys
import tempfile
import xml.etree.ElementTree as ET

STRUCTURE = {"schema", "workshop-time"}
SKIP_RULES = {"doctype", "encoding", "xml"}
BAD_VALUES = {
    "id": "bad id", "version": "0", "lang": "de", "mode": "exam", "timed": "maybe",
    "extension": "x3", "path": "", "bundled": "-x", "name": "", "from": "9.00",
    "until": "25:00",
}
EDGES = {
    "from": ["00:00", "9:00", "09:00", "23:59", "24:00", "24:01", "25:00", "9:5", "09:60",
             " 09:00", "09:00 ", "0900", "09.00", "", "+9:00", "١٢:٣٠", "09:00:00"],
    "until": ["24:00", "13:00", "1:00", "00:00", "24:30"],
    "name": ["утро", "после обеда", " утро ", "a  b", "\tmorning", "", " ", "я" * 80, "я" * 81,
             "m" * 80 + " ", "x\u00a0y"],
    "id": ["kazan-2026-12", "a" * 64, "a" * 65, "-x", "", "2026.b", "k_1"],
    "version": ["1", "1000000000", "1000000001", "0", " 2 ", "+3", "1.0"],
    "lang": ["en", "ru", "EN", ""],
    "mode": ["free", "practice", "assessment", "Assessment", ""],
    "timed": ["choice", "yes", "no", "true"],
    "extension": ["choice", "x1", "x1.5", "x2", "1.5", "x1.50"],
    "bundled": ["late-delivery", "ru-chas-pik", "a b", "", "x" * 65],
    "path": ["mine/a.xml", "", " ", "../x.xml"],
}
# Text of the elements that hold text: each tried in place of the example's.
TEXTS = {
    "group": ["2026-12-kazan-b", "  Казань  Б  ", "", "   ", "я" * 80, "я" * 81,
              " " + "я" * 80 + "\n"],
    "title": ["T", "", "  \n ", "Клиентоориентированность"],
}


def scenario_differential(root):
    """tests/schema/differential.py, whose one-change mutations and whose two judges (xmllint
    with a schema, lint's rules) are shared rather than copied."""
    spec = importlib.util.spec_from_file_location(
        "scenario_differential", os.path.join(root, "tests/schema/differential.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    a = ap.parse_args()
    frontline, root = os.path.abspath(a.frontline), os.path.abspath(a.root)
    xsd = os.path.join(root, "scenarios/schema/workshop.xsd")
    shared = scenario_differential(root)
    mutations, schema_valid, lint_rules = shared.mutations, shared.schema_valid, shared.lint_rules
    failures, compared = [], 0

    def compare(path, label):
        nonlocal compared
        rules = lint_rules(frontline, path)
        if rules & SKIP_RULES:
            return
        ours = not (rules & STRUCTURE)
        theirs = schema_valid(path, xsd)
        compared += 1
        if ours != theirs:
            failures.append(f"{label}: xmllint says {'valid' if theirs else 'invalid'}, "
                            f"frontline says {'valid' if ours else 'invalid'} ({sorted(rules)})")

    files = sorted(glob.glob(os.path.join(root, "scenarios/workshops/*.xml")) +
                   glob.glob(os.path.join(root, "tests/lint/workshop-*.xml")))
    if not files:
        failures.append("no workshop files found")
    for f in files:
        compare(f, os.path.relpath(f, root))
    # the examples themselves must be valid for both
    for f in glob.glob(os.path.join(root, "scenarios/workshops/*.xml")):
        if not schema_valid(f, xsd) or lint_rules(frontline, f):
            failures.append(f"{os.path.relpath(f, root)}: the example is not clean")

    base = ET.parse(os.path.join(root, "scenarios/workshops/kazan.workshop.xml"))
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "w.workshop.xml")
        for i, (what, tree) in enumerate(mutations(base, BAD_VALUES)):
            tree.write(path, encoding="UTF-8", xml_declaration=True)
            compare(path, f"kazan.workshop.xml mutation {what}")
        seen = set()
        for el in base.getroot().iter():
            for attr, values in EDGES.items():
                if attr not in el.attrib or (el.tag, attr) in seen:
                    continue
                seen.add((el.tag, attr))
                for v in values:
                    t = copy.deepcopy(base)
                    e = [x for x in t.getroot().iter() if x.tag == el.tag][0]
                    e.set(attr, v)
                    t.write(path, encoding="UTF-8", xml_declaration=True)
                    compare(path, f"<{el.tag} {attr}={v!r}>")
        for tag, values in TEXTS.items():
            for v in values:
                t = copy.deepcopy(base)
                t.getroot().find(tag).text = v
                t.write(path, encoding="UTF-8", xml_declaration=True)
                compare(path, f"<{tag}>{v!r}</{tag}>")
        if len(seen) < 9:
            failures.append(f"only {len(seen)} attributes had their edges tried")

    return shared.verdict(failures, compared)


if __name__ == "__main__":
    sys.exit(main())
