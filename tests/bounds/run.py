#!/usr/bin/env python3
"""run.py - scenario size and session length bounded by the file size only, and the explorer's
memory bound (issue 16), through the real program.

  run.py --frontline BIN --only chain|loop|memory|usage

chain   a generated chain of 70,000 nodes (5 MB, under the 16 MiB file limit): `lint` is clean,
        `play --script` walks all 70,001 replies to the far ending, `explore` stops at its turn
        bound and still finds the short path, and `lint` of the same file in 4,500 more nodes
        than 16 bits can count says nothing about counts.
loop    a session of 70,001 replies in one node's loop (more than 65,535): every reply is in the
        transcript with its turn number, the elapsed time and the turn count add up, the ending
        is reached.
memory  a scenario with about 14 million states up to 25 replies: `explore --max-states
        1000000000 --max-memory 64M` ends, says it stopped at the memory bound, labels the
        result partial (text and JSON), exits as a partial search does (1: no path of 90), and
        its peak resident memory, measured by the kernel for that process alone (VmHWM), stays
        under the bound plus a margin for the program itself (measured on a tiny scenario);
        the same for --through (exit 0: complete paths take the reply, found before the bound); and the default run of a bundled scenario is unchanged (no
        memory bound hit, complete).
signals `signals` from standard input: a 20 MiB line is skipped with a message naming it, in
        bounded memory (not kept), and the lines around it are answered.
usage   --max-memory's sizes: 64M, 2G, 512 (mebibytes), 1MiB are taken; 0, 512K, -1, 2T, 64X,
        and nothing are usage errors (exit 2) that name the option.

Under --sanitized (an ASan build) the resident memory is not compared, the search's own count is.
Every process gets a timeout; each test runs with LANG=C.UTF-8 and its own settings folder
(tests/CMakeLists.txt).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen  # noqa: E402

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg, file=sys.stderr)


def run(cmd, timeout=120, cwd=None):
    p = subprocess.run(cmd, capture_output=True, timeout=timeout, cwd=cwd)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def run_measured(cmd, timeout=120):
    """Runs cmd; returns (status, stdout, stderr, peak RSS in bytes of that process alone).

    The peak is the kernel's high-water mark of the program's own memory (VmHWM in
    /proc/PID/status), read every 20 ms until it exits: it only grows, so the last reading is
    the peak up to 20 ms before the end. (wait4's ru_maxrss would also count the memory of the
    Python process the child was forked from, which Linux carries across exec.)"""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        p = subprocess.Popen(cmd, stdout=out, stderr=err)
        peak = 0
        try:
            while p.poll() is None:
                try:
                    with open(f"/proc/{p.pid}/status") as f:
                        for line in f:
                            if line.startswith("VmHWM:"):
                                peak = max(peak, int(line.split()[1]) * 1024)
                except OSError:
                    pass
                try:
                    p.wait(0.02)
                except subprocess.TimeoutExpired:
                    pass
                timeout -= 0.02
                if timeout < 0:
                    p.kill()
        finally:
            p.wait()
        out.seek(0)
        err.seek(0)
        return (p.returncode, out.read().decode("utf-8", "replace"),
                err.read().decode("utf-8", "replace"), peak)


def write(tmp, name, text):
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def check_chain(fl, tmp):
    n = 70000
    xml = write(tmp, "chain.xml", gen.chain(n))
    size = os.path.getsize(xml)
    if not (n * 50 < size < 16 * 1024 * 1024):
        fail(f"chain: the generated file is {size} bytes, not a big file under 16 MiB")
    rc, out, err = run([fl, "lint", xml])
    if rc != 0 or "no problems" not in out:
        fail(f"chain: lint of {n + 3} nodes is not clean (exit {rc}): {out[-400:]} {err[-400:]}")
    # "Go on" n times from the start, then the reply that resolves it at the far end
    script = write(tmp, "chain.script", "1 @2\n" * (n + 1))
    rc, out, err = run([fl, "play", "--script", script, "--no-store", xml], timeout=300)
    if rc != 0:
        fail(f"chain: play --script exit {rc}: {err[-400:]}")
    else:
        doc = json.loads(out)
        end = doc["ending"]
        if (end["node"], end["outcome"], end["turns"]) != ("done", "resolved", n + 1):
            fail(f"chain: play ended at {end['node']} ({end['outcome']}) after {end['turns']} "
                 f"turns, not at 'done' after {n + 1}")
        nodes = [t["node"] for t in doc["transcript"]]
        if len(nodes) != n + 1 or nodes[-1] != f"n{n}" or nodes[65536] != "n65536":
            fail(f"chain: the transcript has {len(nodes)} turns, last at {nodes[-1:]}")
        if end["elapsed_ms"] != 2000 * (n + 1):
            fail(f"chain: elapsed {end['elapsed_ms']} ms, not {2000 * (n + 1)}")
    rc, out, err = run([fl, "explore", "--format", "json", xml], timeout=120)
    if rc != 0:
        fail(f"chain: explore exit {rc} (the short path scores 90 or more): {err[-400:]}")
    else:
        doc = json.loads(out)
        reached = {e["id"]: e["reached"] for e in doc["endings"]}
        if reached != {"quick": True, "done": False} or doc["complete"] or not doc["paths_cut"]:
            fail(f"chain: explore should reach 'quick', cut the chain at 25 replies: {reached}, "
                 f"complete {doc['complete']}, cut {doc['paths_cut']}")


def check_loop(fl, tmp):
    n = 70000
    xml = write(tmp, "loop.xml", gen.loop())
    script = write(tmp, "loop.script", "1 @8\n" * n + "2 @1.5\n")
    rc, out, err = run([fl, "play", "--script", script, "--no-store", xml], timeout=300)
    if rc != 0:
        fail(f"loop: play --script of {n + 1} replies: exit {rc}: {err[-400:]}")
        return
    doc = json.loads(out)
    turns = doc["transcript"]
    if len(turns) != n + 1:
        fail(f"loop: {len(turns)} turns in the transcript, not {n + 1}")
    bad = [i for i, t in enumerate(turns) if t["turn"] != i + 1]
    if bad:
        fail(f"loop: turn numbers go wrong from index {bad[0]}: {turns[bad[0]]['turn']}")
    want_ms = 8000 * n + 1500
    if doc["ending"]["turns"] != n + 1 or doc["ending"]["elapsed_ms"] != want_ms:
        fail(f"loop: the ending says {doc['ending']['turns']} turns, "
             f"{doc['ending']['elapsed_ms']} ms; expected {n + 1}, {want_ms}")
    if turns[-1]["state"]["elapsed_ms"] != want_ms or doc["ending"]["outcome"] != "resolved":
        fail(f"loop: last turn {turns[-1]['state']}, outcome {doc['ending']['outcome']}")
    if turns[65535]["agent"]["reply"] != turns[0]["agent"]["reply"]:
        fail("loop: reply 65,536 is not the loop's reply")


SANITIZED = False


def check_memory(fl, tmp):
    bound = 64 * 1024 * 1024
    tiny = write(tmp, "loop.xml", gen.loop())
    rc, _, err, base_rss = run_measured([fl, "explore", tiny])
    if rc != 0:
        fail(f"memory: explore of a tiny scenario exit {rc}: {err[-300:]}")
    # the program itself (code, libraries, the catalogue: 12-15 MiB measured; a run too short to
    # be sampled reads 0, hence the floor of 16 MiB) besides what the search holds, and the
    # kernel's huge pages rounding the table up
    margin = max(base_rss, 16 * 1024 * 1024) + 8 * 1024 * 1024
    xml = write(tmp, "wide.xml", gen.wide(8))
    for extra, label in (([], "plain"), (["--through", "start:1"], "through")):
        cmd = [fl, "explore", "--max-states", "1000000000", "--max-memory", "64M"] + extra
        rc, out, err, rss = run_measured(cmd + [xml], timeout=300)
        print(f"memory ({label}): peak RSS {rss / 2**20:.1f} MiB, bound 64 MiB, "
              f"program alone {base_rss / 2**20:.1f} MiB, exit {rc}")
        if SANITIZED:
            pass  # ASan's shadow memory and quarantine are most of the RSS: the JSON check below
        elif rss > bound + margin:
            fail(f"memory ({label}): peak RSS {rss / 2**20:.1f} MiB over 64 MiB + "
                 f"{margin / 2**20:.1f} MiB")
        if rss < bound // 2:
            fail(f"memory ({label}): peak RSS {rss / 2**20:.1f} MiB: the search did not use its "
                 f"bound (is the scenario's state space still huge?)")
        # a path found is a fact even in a partial search: plain, none scores 90 (exit 1); through,
        # complete paths take the reply (exit 0)
        if rc != (0 if extra else 1):
            fail(f"memory ({label}): exit {rc}: {err[-300:]}")
        what = "the search through it stopped at the memory bound (64 MiB)" if extra else \
            "stopped at the memory bound (64 MiB"
        if what not in out or "partial" not in out:
            fail(f"memory ({label}): the report does not say it stopped at the memory bound: "
                 f"{out[:600]}")
        rc, out, err, rss = run_measured(cmd + ["--format", "json", xml], timeout=300)
        doc = json.loads(out)
        part = doc["through"] if extra else doc
        if not part["memory_exceeded"] or part["complete"] or part["states_exceeded"]:
            fail(f"memory ({label}): JSON memory_exceeded {part['memory_exceeded']}, complete "
                 f"{part['complete']}, states_exceeded {part['states_exceeded']}")
        if not (bound // 2 < part["peak_memory"] <= bound):
            fail(f"memory ({label}): the search counted {part['peak_memory']} bytes, not within "
                 f"its bound of {bound}")
        if part["states"] < 100000:
            fail(f"memory ({label}): only {part['states']} states kept in 64 MiB")
    # a bound smaller than the scenario and the search's own arrays: nothing searched, said so
    rc, out, err = run([fl, "explore", "--max-memory", "1M", "--max-turns", "1000",
                        write(tmp, "chain.xml", gen.chain(20000))])
    if rc != 1 or "stopped at the memory bound (1 MiB, 0 states kept)" not in out:
        fail(f"memory: a 1 MiB bound under a 1.5 MB scenario: exit {rc}: {out[:400]} {err[:300]}")
    # the default bound is not met by a bundled scenario's default search
    root = os.path.dirname(os.path.dirname(HERE))
    bundled = os.path.join(root, "scenarios", "en", "familiar-chat.xml")
    rc, out, err = run([fl, "explore", "--format", "json", bundled])
    doc = json.loads(out) if out.strip() else {}
    if doc.get("memory_exceeded") is not False or doc.get("max_memory") != 512 * 2**20:
        fail(f"memory: the default run of familiar-chat: {err[-300:]} "
             f"{ {k: doc.get(k) for k in ('memory_exceeded', 'max_memory', 'peak_memory')} }")


def check_usage(fl, tmp):
    xml = write(tmp, "loop.xml", gen.loop())
    for good in ("64M", "2G", "512", "1MiB", "65536K"):
        rc, out, err = run([fl, "explore", "--max-memory", good, xml])
        if rc != 0:
            fail(f"usage: --max-memory {good}: exit {rc}: {err[-300:]}")
    for bad in ("0", "512K", "-1", "2T", "64X", "1.5G", ""):
        rc, out, err = run([fl, "explore", "--max-memory", bad, xml])
        if rc != 2 or "--max-memory" not in err:
            fail(f"usage: --max-memory '{bad}': exit {rc}, stderr {err[-300:]!r}")
    rc, out, err = run([fl, "explore", xml, "--max-memory"])
    if rc != 2 or "--max-memory" not in err:
        fail(f"usage: --max-memory with no value: exit {rc}")
    rc, out, err = run([fl, "explore", "--help"])
    if "--max-memory" not in out or "512M" not in out:
        fail("usage: explore --help does not document --max-memory and its default")


def check_signals(fl, tmp):
    """`signals` reads phrases from standard input: a line without end is skipped with a message
    naming it, in bounded memory, and the lines around it are still answered, one line each."""
    long_path = os.path.join(tmp, "long.txt")
    with open(long_path, "wb") as f:
        f.write(b"I am so sorry\n" + b"a" * (20 * 1024 * 1024) + b"\nlet me check\n")
    cmd = [fl, "signals", "--lang", "en"]
    with open(long_path, "rb") as f:
        p = subprocess.Popen(cmd, stdin=f, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        peak = 0
        while p.poll() is None:
            try:
                with open(f"/proc/{p.pid}/status") as st:
                    for line in st:
                        if line.startswith("VmHWM:"):
                            peak = max(peak, int(line.split()[1]) * 1024)
            except OSError:
                pass
            try:
                p.wait(0.02)
            except subprocess.TimeoutExpired:
                pass
        out, err = p.communicate(timeout=60)
    out, err = out.decode(), err.decode()
    lines = out.split("\n")
    if p.returncode != 1 or "line 2 is longer than 64 KiB" not in err:
        fail(f"signals: a 20 MiB line: exit {p.returncode}, stderr {err[:300]!r}")
    if len(lines) != 4 or not lines[0].startswith("I am so sorry\tapology") or lines[1] != "" \
            or not lines[2].startswith("let me check\townership"):
        fail(f"signals: the lines around the long one: {lines[:4]!r}")
    if not SANITIZED and peak > 28 * 1024 * 1024:  # the program alone: about 15 MiB
        fail(f"signals: {peak / 2**20:.1f} MiB resident for a 20 MiB line: it was kept")


PARTS = {"chain": check_chain, "loop": check_loop, "memory": check_memory, "usage": check_usage,
         "signals": check_signals}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--only", choices=sorted(PARTS), action="append")
    ap.add_argument("--sanitized", action="store_true",
                    help="the program is built with ASan: do not compare its resident memory")
    a = ap.parse_args()
    global SANITIZED
    SANITIZED = a.sanitized
    with tempfile.TemporaryDirectory() as tmp:
        for name in a.only or sorted(PARTS):
            PARTS[name](os.path.abspath(a.frontline), tmp)
    if failures:
        print(f"{len(failures)} failure(s)", file=sys.stderr)
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
