#!/usr/bin/env python3
"""equivalence.py - the bundled scenarios rewritten with groups route every phrase as before.

svobodny-otvet.xml and free-text-router.xml once listed every combination by hand
("извините понимаю | извините неприятно | ..."); they now say it with groups
("(извините | ...) (понимаю | неприятно | обидно)"). old-matches.json keeps each rewritten
route's old match (by its line). For each scenario this test writes two copies into a temporary
folder, both with explicit ids on every route (r1, r2, ...; derived ids would differ with the
match): one as it is now, one with the old matches put back. Then, for every free-text node, it
types into both, with `frontline signals --scenario F --node N --tsv`, every phrase made of:
  - each alternative of each route, old and new (the new ones expanded from the grammar by an
    independent reader of it, here), alone and after a few filler words;
  - each pair of such alternatives from two different routes, in both orders (which route wins
    is decided by their order: that must not change either).
The route taken (id and target) and the signals must be the same line for line. A route of the
old list that the new one lost, or a new combination that did not exist before, shows as a
difference.
"""
import argparse
import itertools
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROUTE = re.compile(r'<route\b[^>]*>')
MATCH = re.compile(r'match="([^"]*)"')


def expand(match):
    """The alternatives of a match (route.h's grammar) as lists of words: every way it can be
    satisfied, one word of each group. An independent reading of the grammar."""
    pos = 0
    tokens = re.findall(r'\(|\)|\||[^\s()|]+', match)

    def alts():
        nonlocal pos
        out = [[]]
        result = []
        while pos < len(tokens) and tokens[pos] != ")":
            t = tokens[pos]
            pos += 1
            if t == "|":
                result += out
                out = [[]]
            elif t == "(":
                inner = alts()
                assert tokens[pos] == ")", match
                pos += 1
                out = [a + b for a in out for b in inner]
            else:
                out = [a + [t] for a in out]
        return result + out

    res = alts()
    assert pos == len(tokens), match
    return [" ".join(a) for a in res]


def with_ids(xml):
    """Every <route> gets id="rN" (in file order), so the copies name their routes alike."""
    n = itertools.count(1)
    return ROUTE.sub(lambda m: m.group(0).replace("<route ", f'<route id="r{next(n)}" ', 1), xml)


def routes_by_node(xml):
    """{node id: [match of each route, in order]} for the nodes with <input>."""
    nodes = {}
    for m in re.finditer(r'<node id="([^"]+)"(.*?)</node>', xml, re.S):
        ms = [MATCH.search(r.group(0)).group(1) for r in ROUTE.finditer(m.group(2))]
        if ms:
            nodes[m.group(1)] = ms
    return nodes


def phrases(matches):
    alts = []  # (route index, alternative)
    for i, m in enumerate(matches):
        for a in expand(m):
            alts.append((i, a))
    out = []
    for _, a in alts:
        out += [a, "well, " + a + " then"]
    for (i, a), (j, b) in itertools.combinations(alts, 2):
        if i != j:
            out += [a + " " + b, b + " " + a]
    seen = set()
    return [p for p in out if not (p in seen or seen.add(p))]


def route_all(fl, xml_path, node, lines):
    p = subprocess.run([fl, "signals", "--scenario", xml_path, "--node", node, "--tsv"],
                       input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=120,
                       env={**os.environ, "LANG": "C", "LC_ALL": "C"})
    if p.returncode != 0:
        raise RuntimeError(f"{xml_path} --node {node}: exit {p.returncode}: {p.stderr}")
    return p.stdout.splitlines()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    a = ap.parse_args()
    with open(os.path.join(HERE, "old-matches.json"), encoding="utf-8") as f:
        old = json.load(f)
    failures = 0
    total = 0
    with tempfile.TemporaryDirectory() as tmp:
        for rel, changes in old.items():
            with open(os.path.join(a.root, rel), encoding="utf-8") as f:
                lines = f.read().split("\n")
            before = list(lines)
            for c in changes:
                ln = c["line"] - 1
                cur = MATCH.search(lines[ln])
                assert cur, f"{rel}:{c['line']}: no match attribute there any more"
                assert cur.group(1) != c["old"], f"{rel}:{c['line']}: not rewritten"
                before[ln] = lines[ln].replace(cur.group(0), f'match="{c["old"]}"')
            name = os.path.basename(rel)
            new_path = os.path.join(tmp, "new-" + name)
            old_path = os.path.join(tmp, "old-" + name)
            with open(new_path, "w", encoding="utf-8") as f:
                f.write(with_ids("\n".join(lines)))
            with open(old_path, "w", encoding="utf-8") as f:
                f.write(with_ids("\n".join(before)))
            new_nodes = routes_by_node("\n".join(lines))
            old_nodes = routes_by_node("\n".join(before))
            for node in new_nodes:
                ps = phrases(new_nodes[node] + old_nodes[node])
                got_new = route_all(a.frontline, new_path, node, ps)
                got_old = route_all(a.frontline, old_path, node, ps)
                total += len(ps)
                if len(got_new) != len(ps) or len(got_old) != len(ps):
                    print(f"FAIL: {rel} node {node}: {len(ps)} phrases, answers "
                          f"{len(got_new)} / {len(got_old)}")
                    failures += 1
                    continue
                for p, n, o in zip(ps, got_new, got_old):
                    if n != o:
                        failures += 1
                        if failures <= 20:
                            print(f"FAIL: {rel} node {node}: {p!r}\n  now:    {n}\n  before: {o}")
                # the test must have tried the rewritten routes' own combinations
                taken = {l.split("\t")[1] for l in got_new}
                print(f"{rel} node {node}: {len(ps)} phrases, routes taken: {sorted(taken)}")
    if failures:
        print(f"{failures} phrase(s) route differently")
        return 1
    print(f"route equivalence: {total} phrases route as before")
    return 0


if __name__ == "__main__":
    sys.exit(main())
