"""dot.py - reads the DOT text `frontline graph` writes (tools/graph.c), for the graph tests
(check.py, graph2.py): its nodes and edges with their attributes.

Only the shapes graph.c writes: one statement a line, `"id" [a=b, ...];` for a node and
`"from" -> "to" [...];` for an edge. Standard library only.
"""
import re

QUOTED = r'"((?:[^"\\]|\\.)*)"'
EDGE_RE = re.compile(r"^\s*" + QUOTED + r"\s*->\s*" + QUOTED + r"\s*\[(.*)\];\s*$")
NODE_RE = re.compile(r"^\s*" + QUOTED + r"\s*\[(.*)\];\s*$")
ATTR_RE = re.compile(r"(\w+)=(?:" + QUOTED + r"|([^,\s\]]+))")


def unquote(s):
    """The text of a DOT double-quoted string's inside: \\n is a line break, \\X is X."""
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), s)


def attrs(text, raw=False):
    """The attributes of a statement's [...]: quoted values unquoted, or as written if raw."""
    out = {}
    for m in ATTR_RE.finditer(text):
        if m.group(2) is None:
            out[m.group(1)] = m.group(3)
        else:
            out[m.group(1)] = m.group(2) if raw else unquote(m.group(2))
    return out


def parse_dot(text, raw=False):
    """Returns (nodes {id: attrs}, edges [(from, to, attrs)]) of graph.c's output; raw keeps
    the quoted attribute values as written (escapes and all)."""
    nodes, edges = {}, []
    for line in text.splitlines():
        m = EDGE_RE.match(line)
        if m:
            edges.append((unquote(m.group(1)), unquote(m.group(2)), attrs(m.group(3), raw)))
            continue
        m = NODE_RE.match(line)
        if m and not line.lstrip().startswith(("node ", "edge ")):
            nodes[unquote(m.group(1))] = attrs(m.group(2), raw)
    return nodes, edges
