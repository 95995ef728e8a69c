#!/usr/bin/env python3
"""A stress round on the desktop, end to end: the real program in a real window (Xvfb), real key
presses and clicks (xdotool), the layout trace (FRONTLINE_TRACE=layout) and screenshots.

  round.py --frontline BIN --root SRC [--lang en|ru] [--artefacts DIR] [--big 200]

The round is tests/desktop/scenarios/round.LANG.xml: three customers within about 3 s, all three
at once, 10, 9 and 8 s to reply. Which scenario each customer gets depends on the seed only, so
a headless `frontline play --round` of the same file says it; the replies are chosen at run time
from the layout trace (the node the active call is at and where each offered reply leads) on the
shortest way to a resolved ending of that scenario (read from its XML).

Run 1 (100% text, 1280 x 720): signs in by typing the name, opens the round's briefing (the round
file given on the command line, as a scenario is), starts it (Return), and then:
  - answers call 1 once (the round bar, the tab of call 1 active);
  - Ctrl+2 makes call 2 active, Tab the next tab (call 3), a mouse click on the tab of call 1
    makes it active again: each checked in the trace and in the pixels (the active tab's fill is
    the accent colour, the others are not);
  - answers calls 1 and 3 to their ends and leaves call 2 unanswered: its tab is marked "!" and
    flashes once its wait passes half its limit (the trace's flash flag, the status text
    starting with "!", and in a screenshot taken in the flash's bright half the tab's fill is the
    warning colour); then the customer hangs up: call 2's tab leaves and the round bar says
    "lost 1";
  - an ended call leaves the tab row; when the active call ends, the call that has waited longest
    becomes active;
  - the round ends by itself: the round's results screen (screen 8) opens;
  - everywhere: no text drawn over another, none past the window's edge uncut;
  - the store (`frontline report --format json`): the round, closed and finished, with its
    figures (3 customers, 1 lost, the rest resolved) and three calls linked to it, each finished,
    played on the desktop, by the typed name.
Run 2 (--big, default 200% text, 800 x 500 window): the trainee is remembered, so the sign-in
has their name filled in and Enter opens the briefing; the round starts; with three tabs live the layout holds (tabs inside the
window, their numbers whole, no text over text); Esc twice leaves the round: its results open
and the store has the round not finished, its live calls unfinished.
Screenshots: ARTEFACTS/NN-*.png. Exit 0 when everything holds, 1 otherwise, 2 on bad usage.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import BRIEFING, CONVERSATION, SIGNIN, Failure, Input, Xvfb  # noqa: E402
from layout import OneProgram, inside, overlap  # noqa: E402

ROUND_RESULTS = 8
ACCENT = (0x1D, 0x5F, 0xA8)
WARN = (0xB2, 0x6A, 0x00)
CUSTOMER = (0xE8, 0xEC, 0xF1)
NAMES = {"en": "Robin Park", "ru": "Павел Ёжиков"}
LOST_WORD = {"en": "lost 1", "ru": "потеряно 1"}


# The layout trace is parsed by tests/desktop/layout.py (parse_frames): texts, regions, the
# round's bar, the tabs and where the active call is.


# ---- the scenarios: the shortest way to an ending ---------------------------------------------

def local(tag):
    return tag.split("}")[-1]


def distances(path):
    """node id -> replies needed to reach a resolved ending (any ending when none is reachable:
    1000 + that), from the scenario's XML."""
    root = ET.parse(path).getroot()
    edges, resolved, endings = {}, set(), set()
    for el in root.iter():
        t = local(el.tag)
        if t == "node":
            edges[el.get("id")] = [r.get("to") for r in el.iter() if local(r.tag) == "reply"
                                   and r.get("to")]
        elif t == "ending":
            endings.add(el.get("id"))
            if el.get("outcome") == "resolved":
                resolved.add(el.get("id"))

    def bfs(goals):
        d = {g: 0 for g in goals}
        changed = True
        while changed:
            changed = False
            for n, tos in edges.items():
                best = min((d[t] + 1 for t in tos if t in d), default=None)
                if best is not None and best < d.get(n, 1 << 30):
                    d[n] = best
                    changed = True
        return d
    good, anyend = bfs(resolved), bfs(endings)
    out = {}
    for n in set(edges) | endings:
        out[n] = good[n] if n in good else 1000 + anyend.get(n, 1000)
    return out


def pick(dist, targets):
    """The 1-based number of the offered reply that leads closest to a resolved ending."""
    best, k = None, 1
    for i, t in enumerate(targets):
        d = dist.get(t, 5000)
        if best is None or d < best:
            best, k = d, i + 1
    return k


# ---- the run --------------------------------------------------------------------------------------

class Run(OneProgram, harness.Checks):
    def __init__(self, a):
        super().__init__()
        self.a = a
        self.root = os.path.abspath(a.root)
        self.binary = os.path.abspath(a.frontline)
        self.art = os.path.abspath(a.artefacts or os.path.join("artefacts", "round", a.lang))
        self.round_file = os.path.join(self.root, "tests", "desktop", "scenarios",
                                       "round.%s.xml" % a.lang)
        self.n = 1
        self.tmp = tempfile.mkdtemp(prefix="frontline-round-")
        self.db = os.path.join(self.tmp, "results.sqlite")
        self.xvfb = self.app = self.inp = self.win = None
        self.dist = {}

    def note(self, msg):
        print("  " + msg, flush=True)

    # ---- the program ------------------------------------------------------------------------
    def scenarios_of_calls(self):
        """call number -> the scenario's XML, from a headless play of the same round (the
        customers depend on the seed only)."""
        script = os.path.join(self.tmp, "empty.script")
        with open(script, "w") as f:
            f.write("# nobody answers\n")
        p = subprocess.run([self.binary, "play", "--round", self.round_file, "--script", script,
                            "--no-store"], capture_output=True, timeout=60)
        if p.returncode != 0:
            raise Failure("play --round failed: %s" % p.stderr.decode(errors="replace"))
        doc = json.loads(p.stdout)
        base = os.path.dirname(self.round_file)
        out = {}
        for c in doc["calls"]:
            path = os.path.normpath(os.path.join(base, c["scenario"]))
            out[c["number"]] = distances(path)
        return out

    def start(self, name, size, window, trainee):
        self.xvfb = Xvfb(1280, 720)  # the window is resized to `window` (a real resize)
        self.app = harness.start_traced(
            self.binary, self.xvfb.display, os.path.join(self.tmp, name),
            ["--db", self.db, self.round_file], self.a.lang, size,
            os.path.join(self.art, name + ".log"), trainee=trainee,
            group="round-test" if trainee else "")
        self.inp = Input(self.xvfb.display)
        self.win = self.inp.window_of(self.app.pid)
        if tuple(window) != (1280, 720):
            self.inp.run("windowsize", "--sync", self.win, window[0], window[1])
        self.inp.focus(self.win)

    def frame_detail(self, f):
        """What a timed-out wait_frame says of the last frame: its round bar and tabs too."""
        return str((f.n, f.screen, f.round, f.tabs))

    def wait_results(self, timeout):
        """The round's results (screen 8, which harness.SCREENS does not name)."""
        self.app.wait_for(lambda: self.app.screen() == ROUND_RESULTS, timeout,
                          "the round's results screen (8)")

    def shot(self, name):
        path = os.path.join(self.art, "%02d-%s.png" % (self.n, name))
        self.n += 1
        harness.screenshot(self.xvfb.display, path)
        img = harness.read_image(path)
        gx, gy, _, _ = self.inp.geometry(self.win)
        return path, img, gx, gy

    def colour_share(self, img, box, colour, ox, oy):
        x, y, w, h = box
        x0, y0 = max(x + ox, 0), max(y + oy, 0)
        x1, y1 = min(x + ox + w, img.w), min(y + oy + h, img.h)
        if x1 <= x0 or y1 <= y0:
            return 0.0
        return harness.count_colour(img, colour, (x0, y0, x1, y1)) / float((x1 - x0) * (y1 - y0))

    # ---- the checks -------------------------------------------------------------------------
    def check_layout(self, where, f):
        shown = [t for t in f.texts if t[2] != 2]
        for t in shown:
            if t[2] == 0:
                self.check(inside(t[1], f.w, f.h), "%s: %s %r drawn past the window's edge: %s"
                           % (where, t[0], t[4][:40], t[1]))
        for i in range(len(shown)):
            for j in range(i + 1, len(shown)):
                a, b = shown[i], shown[j]
                self.check(not overlap(a[3], b[3]), "%s: text over text: %s %r at %s and %s %r "
                           "at %s" % (where, a[0], a[4][:30], a[3], b[0], b[4][:30], b[3]))
        if f.screen != CONVERSATION:
            return
        self.check(f.round is not None, "%s: no round bar in the trace" % where)
        bar = f.regions.get("round-bar")
        self.check(bar is not None and inside(bar, f.w, f.h), "%s: the round bar %s is not inside "
                   "the window" % (where, bar))
        counts = [t for t in f.texts if t[0] == "round-counts"]
        self.check(bool(counts), "%s: the round bar's counts are not drawn" % where)
        for t in f.tabs:
            r = f.regions.get("tab%d" % t["call"])
            if self.check(r is not None and inside(r, f.w, f.h), "%s: tab of call %d at %s, not "
                          "inside the window" % (where, t["call"], r)):
                nums = [x for x in f.texts if x[0] == "tab-number" and x[4] == str(t["call"])
                        and x[2] == 0 and overlap(x[1], r)]
                self.check(bool(nums), "%s: the tab of call %d does not show its number whole"
                           % (where, t["call"]))
                st = [x for x in f.texts if x[0].startswith("tab-status") and overlap(x[1], r)]
                self.check(bool(st), "%s: the tab of call %d says nothing of what it needs"
                           % (where, t["call"]))
                if t["late"]:
                    self.check(any(x[4].startswith("!") for x in st), "%s: call %d waits past half "
                               "its limit and its tab has no '!'" % (where, t["call"]))
        if f.round:
            self.check(f.round["live"] == len(f.tabs), "%s: %d live calls, %d tabs"
                       % (where, f.round["live"], len(f.tabs)))
            act = [t for t in f.tabs if t["active"]]
            if f.tabs:
                self.check(len(act) == 1 and act[0]["call"] == f.round["active"],
                           "%s: the active tab %s is not call %s" % (where, act, f.round["active"]))

    def check_active_pixels(self, where, f, img, ox, oy):
        """The active tab is filled with the accent colour, the others are not (unless
        flashing)."""
        for t in f.tabs:
            r = f.regions.get("tab%d" % t["call"])
            if not r:
                continue
            acc = self.colour_share(img, r, ACCENT, ox, oy)
            if t["active"] and not t["flash"]:
                self.check(acc > 0.4, "%s: the active tab (call %d) is not in the accent colour "
                           "(%.0f%% of its pixels)" % (where, t["call"], 100 * acc))
            elif not t["active"]:
                self.check(acc < 0.1, "%s: the tab of call %d is not active but %.0f%% accent"
                           % (where, t["call"], 100 * acc))

    # ---- acting -----------------------------------------------------------------------------
    def switch_and_check(self, how, want, do):
        before = self.last().n
        do()
        f = self.wait_frame(lambda f: f.n > before and f.active() == want,
                            "call %d to become active after %s" % (want, how), timeout=5)
        self.note("%s: call %d active" % (how, want))
        time.sleep(0.15)
        f = self.last()
        path, img, ox, oy = self.shot("switch-%s" % how.replace("+", "").lower())
        f2 = self.last()
        self.check_layout(how, f2)
        if f2.active() == want:
            self.check_active_pixels(how, f2, img, ox, oy)
        return f

    def answer(self, call, hold_last=False):
        """One reply to `call` (made active first): the offered reply closest to a resolved
        ending. With hold_last, a reply that would end the call is held back while call 2 is
        live and this call's wait is under half its limit (the round must go on past call 2's
        loss). Returns False when no reply was given."""
        f = self.last()
        # A tab's number can change between reading it and the key arriving: a customer who
        # hangs up meanwhile leaves the tabs and the later ones move left, so Ctrl+N then names
        # another tab or none. As a trainee would, look at the tabs again and press the new
        # number (the note says so); a switch that never happens fails on the third press.
        for attempt in range(3):
            if f.active() == call:
                break
            pos = [t["pos"] for t in f.tabs if t["call"] == call]
            if not pos:
                return False
            self.inp.key("ctrl+%d" % pos[0])
            try:
                f = self.wait_frame(lambda f: f.active() == call or f.tab(call) is None,
                                    "call %d active" % call, timeout=5)
            except Failure:
                if attempt == 2:
                    raise
                f = self.last()
                self.note("call %d not active after Ctrl+%d (tabs now %s): again"
                          % (call, pos[0], [(t["pos"], t["call"]) for t in f.tabs]))
        try:
            f = self.wait_frame(lambda f: f.tab(call) is None or
                                (f.tab(call)["need"] == "waiting" and f.call and
                                 f.call[0] == call and f.active() == call),
                                "call %d waiting for a reply" % call, timeout=6)
        except Failure:
            return False
        if f.tab(call) is None:
            return False
        k = pick(self.dist[call], f.call[2])
        ends = self.dist[call].get(f.call[2][k - 1], 5000) in (0, 1000)
        if hold_last and ends and f.tab(2) is not None and not f.tab(call)["late"]:
            return False
        before = self.last().n
        self.inp.key(str(k))
        self.wait_frame(lambda f: f.n > before and (f.tab(call) is None or
                                                    f.tab(call)["need"] != "waiting"),
                        "call %d to take reply %d" % (call, k), timeout=5)
        self.note("call %d at %s: reply %d" % (call, f.call[1], k))
        return True

    # ---- run 1: the whole round -----------------------------------------------------------------
    def run_whole(self):
        print("== run 1: the whole round at 100%% (%s)" % self.a.lang, flush=True)
        self.dist = self.scenarios_of_calls()
        self.start("whole", 100, (1280, 720), "")
        app, inp = self.app, self.inp
        app.wait_screen(SIGNIN)
        inp.type(NAMES[self.a.lang])
        app.wait_quiet(0.3)
        self.shot("signin")
        inp.key("Return")
        app.wait_screen(BRIEFING)
        app.wait_quiet(0.3)
        self.shot("briefing")
        inp.key("Return")
        app.wait_screen(CONVERSATION)
        f = self.wait_frame(lambda f: f.screen == CONVERSATION and f.round is not None,
                            "the round bar")
        self.check(f.active() == 1 and [t["call"] for t in f.tabs][:1] == [1],
                   "the round starts on call 1 with its tab: %s" % f.tabs)
        self.shot("round-start")
        self.check_layout("start", f)

        # call 1: one reply
        self.check(self.answer(1), "call 1 could not be answered")
        # every customer has arrived (call 3 at about 3.3 s)
        self.wait_frame(lambda f: len(f.tabs) == 3, "three tabs", timeout=8)
        self.switch_and_check("Ctrl+2", 2, lambda: inp.key("ctrl+2"))
        self.switch_and_check("Tab", 3, lambda: inp.key("Tab"))

        def click_tab1():
            r = self.last().regions.get("tab1")
            if not r:
                raise Failure("no tab for call 1 to click")
            gx, gy, _, _ = inp.geometry(self.win)
            scale = 1.0  # drawable pixels are window pixels here (no HiDPI under Xvfb)
            inp.mousemove(int(gx + (r[0] + r[2] / 2) * scale), int(gy + (r[1] + r[3] / 2) * scale))
            inp.click(1)
        self.switch_and_check("click", 1, click_tab1)

        # calls 1 and 3 to their ends; call 2 is left waiting until it is lost
        flash_seen = late_seen = lost_shot = False
        deadline = time.monotonic() + 45
        while time.monotonic() < deadline:
            f = self.last()
            t2 = f.tab(2)
            if t2 and t2["late"] and not late_seen:
                late_seen = True
                self.note("call 2 waits past half its limit (%d ms): '!'" % t2["waited"])
            if t2 and t2["flash"] and not flash_seen:
                path, img, ox, oy = self.shot("flashing")
                g = self.last()
                g2 = g.tab(2)
                r = g.regions.get("tab2")
                if g2 and g2["flash"] and r:
                    # the tab flashes at 1 Hz: a screenshot taken in the off half-second shows
                    # it plain, so look again until one shows it lit (the check below fails
                    # only when none ever did)
                    share = self.colour_share(img, r, WARN, ox, oy)
                    if share > 0.3:
                        flash_seen = True
                        self.note("call 2's tab flashes (%.0f%% warning colour)" % (100 * share))
                        self.check_layout("flashing", g)
                    else:
                        self.note("a screenshot caught call 2's flashing tab unlit (%.0f%% "
                                  "warning colour); looking again" % (100 * share))
            if (f.screen == CONVERSATION and not t2 and not lost_shot and f.round and
                    f.round["lost"] >= 1):
                lost_shot = True
                self.shot("call-2-lost")
                self.check_layout("call 2 lost", self.last())
            if f.screen == ROUND_RESULTS or any(l.startswith("trace: round over")
                                                for _, l in list(app.lines)[-50:]):
                break
            acted = False
            for call in (3, 1):  # call 3 has 5 s to reply, call 1 10 s
                t = f.tab(call)
                if t and t["need"] == "waiting":
                    others = [x for x in f.tabs if x["call"] not in (2, call)]
                    # call 1 (10 s to reply) keeps its last reply until call 2 is lost, so
                    # the round goes on past that; call 3 (5 s) only when it is the last
                    acted = self.answer(call, hold_last=call == 1 or not others)
                    if acted:
                        break
            if not acted:
                time.sleep(0.05)
        self.check(late_seen, "call 2's tab was never marked as late ('!')")
        self.check(flash_seen, "call 2's tab was never seen flashing in the warning colour")
        # in the frames drawn: call 2's tab left with the round bar saying "lost 1" while the
        # round went on
        gone = [g for g in self.frames() if g.screen == CONVERSATION and g.round and
                g.round["lost"] == 1 and g.tab(2) is None and g.tabs]
        if self.check(bool(gone), "no frame shows call 2's tab gone with 'lost 1' while other "
                      "calls were live"):
            g = gone[0]
            self.check(any(t[0] == "round-counts" and LOST_WORD[self.a.lang] in t[4]
                           for t in g.texts), "the round bar does not say '%s': %s"
                       % (LOST_WORD[self.a.lang],
                          [t[4] for t in g.texts if t[0] == "round-counts"]))
            self.note("call 2 lost: its tab left, the bar says %r"
                      % [t[4] for t in g.texts if t[0] == "round-counts"])
        # when the active call ended, the longest waiting call became active
        seq = [(g.active(), tuple(t["call"] for t in g.tabs)) for g in self.frames()
               if g.screen == CONVERSATION and g.round]
        for (a0, tabs0), (a1, tabs1) in zip(seq, seq[1:]):
            if a0 not in tabs1 and tabs1:
                self.check(a1 in tabs1, "the active call %d ended and call %d, without a tab, "
                           "became active" % (a0, a1))
        try:
            self.wait_results(15)
            app.wait_quiet(0.5, timeout=10)
            self.shot("round-results")
            self.note("the round's results screen")
        except Failure as e:
            self.fail("the round's results did not open: %s" % e)
        over = [l for _, l in list(app.lines) if l.startswith("trace: round over")]
        self.check(bool(over) and "done" in over[0], "the round did not end by itself: %s" % over)
        self.stop()
        self.check_store(finished=True)

    # ---- run 2: large text, a small window, leaving -------------------------------------------
    def run_big(self):
        size = self.a.big
        print("== run 2: %d%% text in 800 x 500, leaving the round (%s)" % (size, self.a.lang),
              flush=True)
        self.start("big", size, (800, 500), NAMES[self.a.lang])
        app, inp = self.app, self.inp
        self.wait_frame(lambda f: (f.w, f.h) == (800, 500) and f.screen == BRIEFING,
                        "the briefing at 800x500")
        inp.focus(self.win)
        app.wait_quiet(0.3)
        self.shot("big-briefing")
        inp.key("Return")
        app.wait_screen(CONVERSATION)
        f = self.wait_frame(lambda f: len(f.tabs) == 3 and f.screen == CONVERSATION,
                            "three tabs", timeout=8)
        time.sleep(0.2)
        path, img, ox, oy = self.shot("big-three-tabs")
        f = self.last()
        self.check(f.w <= 800 and f.h <= 500, "the window is %dx%d, not 800x500" % (f.w, f.h))
        self.check_layout("%d%% three tabs" % size, f)
        self.check_active_pixels("%d%% three tabs" % size, f, img, ox, oy)
        self.switch_and_check("Ctrl+3", 3, lambda: inp.key("ctrl+3"))
        inp.key("Escape")
        f = self.wait_frame(lambda f: any(t[0] == "hint" and t[4] for t in f.texts), "Esc")
        inp.key("Escape")
        self.wait_results(5)
        app.wait_quiet(0.5, timeout=10)
        self.shot("big-round-results")
        over = [l for _, l in list(app.lines) if l.startswith("trace: round over")]
        self.check(bool(over) and "left" in over[0], "Esc twice did not leave the round: %s"
                   % over)
        self.stop()
        self.check_store(finished=False)

    # ---- the store ------------------------------------------------------------------------------
    def check_store(self, finished):
        p = subprocess.run([self.binary, "report", "--db", self.db, "--format", "json"],
                           capture_output=True, timeout=60)
        if not self.check(p.returncode == 0, "frontline report failed: %s"
                          % p.stderr.decode(errors="replace")):
            return
        items = json.loads(p.stdout or b"[]")
        rounds = [x for x in items if "round" in x and "definition" in x]
        sessions = [x for x in items if "definition" not in x]
        if not self.check(len(rounds) >= 1, "the store has no round: %s"
                          % [list(x)[:4] for x in items]):
            return
        r = rounds[-1]
        self.note("store: round %s finished=%s figures=%s" % (r["round"], r["finished"],
                                                              r.get("figures")))
        self.check(r["player"] == "desktop", "the round's player is %r" % r["player"])
        self.check(r["trainee"] == NAMES[self.a.lang], "the round's trainee is %r" % r["trainee"])
        self.check(r["finished"] is finished, "the round is stored finished=%s, expected %s"
                   % (r["finished"], finished))
        fig = r.get("figures")
        if self.check(fig is not None, "the round has no figures (not closed)"):
            self.check(r["definition"]["customers"] == 3 and fig.get("arrived") == 3,
                       "customers %s, arrived %s" % (r["definition"]["customers"],
                                                     fig.get("arrived")))
            if finished:
                self.check(fig.get("lost") == 1, "figures: lost %s, expected 1" % fig.get("lost"))
                self.check(fig.get("resolved", 0) + fig.get("other", 0) == 2,
                           "figures: resolved %s other %s, expected 2 between them"
                           % (fig.get("resolved"), fig.get("other")))
        mine = [s for s in sessions if (s.get("in_round") or {}).get("id") == r["round"]]
        self.check(len(mine) == 3, "the store links %d sessions to the round, not 3 (keys of a "
                   "session: %s)" % (len(mine), sorted(sessions[0]) if sessions else None))
        self.check(sorted(s["in_round"]["call"] for s in mine) == [1, 2, 3][:len(mine)],
                   "the calls' numbers: %s" % [s["in_round"]["call"] for s in mine])
        for s in mine:
            self.check(s.get("player") == "desktop", "a call's player is %r" % s.get("player"))
            self.check(s.get("trainee") == NAMES[self.a.lang], "a call's trainee is %r"
                       % s.get("trainee"))
            if finished:
                self.check(s.get("finished") is True, "a call of the finished round is stored "
                           "unfinished: call %s" % s["in_round"]["call"])
                if s["in_round"]["call"] == 2:
                    self.check(s.get("outcome") == "lost", "call 2 is stored %r, not lost"
                               % s.get("outcome"))
        if not finished:
            self.check(any(s.get("finished") is False for s in mine), "the round was left with "
                       "calls live, yet every call is stored finished")

    def run(self):
        if os.path.isdir(self.art):
            shutil.rmtree(self.art)
        os.makedirs(self.art)
        t0 = time.monotonic()
        try:
            self.run_whole()
        except Failure as e:
            self.fail("run 1: %s" % e)
            try:
                self.shot("failure")
            except Exception:
                pass
        finally:
            self.stop()
        t1 = time.monotonic()
        try:
            self.run_big()
        except Failure as e:
            self.fail("run 2: %s" % e)
            try:
                self.shot("failure")
            except Exception:
                pass
        finally:
            self.stop()
        print("round.py %s: %d checks, %d failures; run 1 %.1f s, run 2 %.1f s; screenshots in %s"
              % (self.a.lang, self.checks, len(self.failures), t1 - t0, time.monotonic() - t1,
                 self.art), flush=True)
        shutil.rmtree(self.tmp, ignore_errors=True)
        return 1 if self.failures else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--lang", choices=["en", "ru"], default="en")
    ap.add_argument("--artefacts")
    ap.add_argument("--big", type=int, default=200, help="the text size of run 2 (percent)")
    a = ap.parse_args()
    try:
        harness.need_tools("Xvfb", "xdotool", "import")
    except Failure as e:
        print(e)
        return 1
    return Run(a).run()


if __name__ == "__main__":
    sys.exit(main())
