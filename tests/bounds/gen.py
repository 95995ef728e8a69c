#!/usr/bin/env python3
"""Scenarios for the bounds tests (issue 16), written from code so the tree holds no 5 MB file.

  chain N   a chain of N nodes with short texts, then a resolved ending; a shortcut from the
            start reaches a second resolved ending, so the best path is short (lint's best-path
            rule runs the explorer with its default bounds and must pass)
  loop      one node the trainee can stay at for ever ("could you say that again?"), a reply
            that ends it; the moment repeats, so the explorer follows the loop once
  wide V    a node with V replies, reply i adding 1 to variable v_i, and one that ends: the
            number of states at depth t is C(t+V-1, V-1), 13.9 million up to 25 replies for V=8
"""
import sys

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<scenario id="{id}" version="1" lang="en">
  <title>{title}</title>
  <brief>A generated scenario for the bounds tests.</brief>
  <customer name="Ann" voice="female" avatar="woman-1">
    <start mood="10" patience="60" trust="40"/>
  </customer>
"""
GOOD = 'signals="apology empathy ownership plan resolve"'


def chain(n):
    out = [HEAD.format(id="chain", title="A long chain")]
    out.append(f'  <node id="start">\n    <say emotion="calm">Hi.</say>\n'
               f'    <reply to="n1">Go on.</reply>\n'
               f'    <reply to="quick" {GOOD}>Sorry, I will fix it now.</reply>\n  </node>\n')
    for i in range(1, n):
        out.append(f'  <node id="n{i}"><say>Hi.</say><reply to="n{i + 1}">Go on.</reply></node>\n')
    out.append(f'  <node id="n{n}"><say>Hi.</say><reply to="done" {GOOD}>Fixed.</reply></node>\n')
    out.append('  <ending id="done" outcome="resolved"><say>Thanks.</say></ending>\n')
    out.append('  <ending id="quick" outcome="resolved"><say>Thanks!</say></ending>\n')
    out.append("</scenario>\n")
    return "".join(out)


def loop():
    return HEAD.format(id="loop", title="A loop") + f"""
  <node id="start">
    <say emotion="calm">Hi.</say>
    <reply to="start" signals="empathy">I understand. Could you say that again?</reply>
    <reply to="done" {GOOD}>Sorry, I will fix it now.</reply>
  </node>
  <ending id="done" outcome="resolved"><say>Thanks.</say></ending>
</scenario>
"""


def wide(v):
    out = [HEAD.format(id="wide", title="Many states")]
    for i in range(v):
        out.append(f'  <var name="v{i}" init="0"/>\n')
    out.append('  <node id="start">\n    <say emotion="calm">Hi.</say>\n')
    for i in range(v):
        out.append(f'    <reply to="start" signals="empathy">Tell me about part {i}.'
                   f'<set var="v{i}" add="1"/></reply>\n')
    out.append(f'    <reply to="done" {GOOD}>Sorry, I will fix it now.</reply>\n  </node>\n')
    out.append('  <ending id="done" outcome="resolved"><say>Thanks.</say></ending>\n')
    out.append("</scenario>\n")
    return "".join(out)


if __name__ == "__main__":
    kind = sys.argv[1]
    if kind == "chain":
        sys.stdout.write(chain(int(sys.argv[2])))
    elif kind == "loop":
        sys.stdout.write(loop())
    else:
        sys.stdout.write(wide(int(sys.argv[2])))
