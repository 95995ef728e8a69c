#!/usr/bin/env python3
"""The stress round's screens on the desktop: the library's round cards, a round's briefing, the
round's results (each call, the timeline, the figures) and a call's review from there.

  round_screens.py --frontline BIN --root SRC [--lang en|ru] [--artefacts DIR] [--sizes 100,150,200]

The real program in an Xvfb of its own, driven by real key presses (xdotool), with
FRONTLINE_TRACE=layout (every text drawn with its box, whether the clip or the window cut it,
and the screens' regions). For each text size (100, 150, 200%) in a 1280 x 720 window, and at
200% in an 800 x 500 one, it opens tests/desktop/scenarios/tiny-round.LANG.xml (two customers,
both at once, five seconds a reply) and checks, from the trace of the last frame and from a
screenshot:
  - the briefing: the round's title, "How it works" with its level line (5 s) and the pass rule,
    the scenarios it draws from, and the Start button's words; the screenshot has the button;
  - the library (Esc from the briefing): the round's card with its "Round" badge drawn whole in
    the accent colour (white ink on it, in the screenshot), the customers and at once, the
    levels' limits; the language filter (L) keeps the round of the language and hides the other;
  - the round's results (Enter on the briefing starts the round): the customers are left
    waiting until they time out and hang up (or, should one stay longer than ROUND_WAIT, the
    trainee leaves with Esc twice); the results say whether it passed, show both calls' rows, one
    timeline lane per call inside the window (the arrival mark in the screenshot), the figures;
    Down and Enter open the second call's review, Esc comes back to the round's results, a click
    on the first call's row opens its review (and Esc back), Esc again
    goes to the library, where the round's card now gives the trainee's best round; the history
    (H) lists the round as an entry of its own and not its calls as attempts of their scenarios;
    F5 on the round's card reloads it and opens its briefing;
  - a broken round (a missing scenario): its lint message at the start, then a "Round" card
    that says it has errors;
  - on every screen: no two texts overlap (the parts that show), and no text runs out of the
    window without being cut.
Screenshots: ARTEFACTS/*.png. Exit 0 when everything holds, 1 otherwise.
"""
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import BRIEFING, HISTORY, LIBRARY, REVIEW, Failure, Input, Xvfb  # noqa: E402
from layout import (check_texts, colour_count, inside, light_ink, traced_frames,  # noqa: E402
                    wait_traced)

ROUND_RESULTS = 8  # SCR_ROUND_RESULTS
CONVERSATION = harness.CONVERSATION
ACCENT = (0x1D, 0x5F, 0xA8)
ROUND_WAIT = 45  # seconds the tiny round may take by itself

WORDS = {
    "en": {"round": "Round", "how": "How it works", "start": "Start the round",
           "draws": "The scenarios it draws from", "level": "5 s to reply",
           "pass": "No customer lost", "meta": "2\u00a0customers, up to 2 at once",
           "limits": "5 s \u2192 5 s", "results": "Round results", "timeline": "Timeline",
           "figures": "Figures", "passed": ("Round passed", "Round not passed"),
           "other_title": "Очень короткий раунд", "best": "Best round: ",
           "broken": "Has errors"},
    "ru": {"round": "Раунд", "how": "Как это устроено", "start": "Начать раунд",
           "draws": "Сценарии раунда", "level": "5 с на ответ",
           "pass": "Ни одного потерянного клиента", "meta": "2\u00a0клиента, одновременно до 2",
           "limits": "5 с \u2192 5 с", "results": "Итоги раунда", "timeline": "Хронология",
           "figures": "Показатели", "passed": ("Раунд пройден", "Раунд не пройден"),
           "other_title": "A very short round", "best": "Лучший раунд: ",
           "broken": "Есть ошибки"},
}
TITLE = {"en": "A very short round", "ru": "Очень короткий раунд"}
# the scenarios the tiny rounds draw from
CALL_TITLES = {"en": ["The birthday bike", "I want my money back"],
               "ru": ["Посылка опаздывает", "Верните деньги"]}


def where_lib(name):
    return "library after the round " + name


class Run(harness.Checks):
    def __init__(self, a):
        super().__init__()
        self.a = a
        self.w = WORDS[a.lang]
        self.root = os.path.abspath(a.root)
        self.binary = os.path.abspath(a.frontline)
        self.art = os.path.abspath(a.artefacts or os.path.join("artefacts", "round_screens",
                                                               a.lang))
        self.scen_dir = os.path.join(self.root, "tests", "desktop", "scenarios")
        self.round = os.path.join(self.scen_dir, "tiny-round.%s.xml" % a.lang)
        self.tmp = tempfile.mkdtemp(prefix="frontline-rounds-")

    # ---- one program ---------------------------------------------------------------------------
    def start(self, xvfb, size, name):
        # the other language's tiny round too (in the library: the filter must hide it)
        return harness.start_traced(
            self.binary, xvfb.display, os.path.join(self.tmp, name),
            ["--db", os.path.join(self.tmp, name, "db.sqlite"), "--scenarios", self.scen_dir,
             self.round], self.a.lang, size, os.path.join(self.art, name + ".log"))

    def frames(self, app):
        return traced_frames(app)

    def wait_frame(self, app, cond, what, timeout=10):
        return wait_traced(app, cond, what, timeout)

    def settle(self, app, screen, what, timeout=10):
        """The last frame of screen once the program has stopped drawing."""
        self.wait_frame(app, lambda f: f.screen == screen, what, timeout)
        app.wait_quiet(0.4, 5)
        return self.frames(app)[-1]

    def shot(self, xvfb, inp, win, name):
        path = os.path.join(self.art, name + ".png")
        harness.screenshot(xvfb.display, path)
        img = harness.read_image(path)
        gx, gy, _, _ = inp.geometry(win)
        return img, gx, gy

    # ---- the checks ------------------------------------------------------------------------------
    def check_texts(self, where, f):
        """Every text inside the window or cut by a clip; no text over another (five said)."""
        check_texts(self, where, f, most=5)

    def has_text(self, f, part, whole=True):
        return any(part in t[4] and (t[2] == 0 or not whole) for t in f.texts)

    def check_briefing(self, where, f):
        self.check_texts(where, f)
        for key in ("how", "level", "pass", "draws"):
            self.check(self.has_text(f, self.w[key], whole=False), where,
                       "the briefing does not show %r" % self.w[key])
        self.check(self.has_text(f, self.w["start"]), where,
                   "the Start button's words %r are not drawn whole" % self.w["start"])
        self.check(self.has_text(f, TITLE[self.a.lang], whole=False), where,
                   "the round's title is not drawn")

    def check_library(self, where, f, img, ox, oy, other_shown):
        self.check_texts(where, f)
        badges = [t for t in f.kind("round-badge") if t[2] == 0]
        self.check(bool(badges) and all(t[4] == self.w["round"] for t in badges), where,
                   "no round card with a %r badge drawn whole" % self.w["round"])
        cards = f.kind("round-card")
        self.check(any(self.w["meta"] in t[4] for t in cards), where,
                   "no round card says %r" % self.w["meta"])
        self.check(any(self.w["limits"] in t[4] for t in cards), where,
                   "no round card gives the limits %r" % self.w["limits"])
        if not other_shown:
            # filtered by the language: no round card of the other language is drawn
            code = "RU" if self.a.lang == "en" else "EN"
            self.check(not any(t[4] == code for t in cards) and
                       not any(self.w["other_title"] in t[4] for t in cards), where,
                       "a round card in %s is drawn under the language filter" % code)
        if img and badges:
            b = badges[0][1]
            box = (b[0] - 4, b[1], b[2] + 8, b[3])
            n = colour_count(img, box, ACCENT, ox, oy)
            self.check(n > b[2] * b[3] // 4, where,
                       "the screenshot has no accent badge under %r (%d px)" % (badges[0][4], n))
            self.check(light_ink(img, b, ox, oy) > 10, where,
                       "the badge's word has no white ink in the screenshot")

    def check_results(self, where, f, img, ox, oy):
        """The round's results in view from the top: the verdict, both calls' rows."""
        self.check_texts(where, f)
        verdict = [t for t in f.kind("rr-verdict") if t[2] == 0]
        self.check(bool(verdict) and any(w in " ".join(t[4] for t in verdict)
                                         for w in self.w["passed"]), where,
                   "the round's verdict is not drawn whole: %s" % [t[4] for t in verdict])

    def scroll_to_lanes(self, app, inp, where, shoot):
        """Scrolls (PageDown) from the top until the second call's row, both lanes and the
        figures have been drawn; shoot(frame) is called when both lanes are first in view."""
        lanes_frame, figures, seen = None, False, set()
        for _ in range(12):
            f = self.frames(app)[-1]
            view = f.regions.get("rr-view")
            lanes = [f.regions.get("rr-lane-%d" % k) for k in (1, 2)]
            if not lanes_frame and view and all(
                    l and l[1] >= view[1] and l[1] + l[3] <= view[1] + view[3] for l in lanes):
                lanes_frame = f
                shoot(f)
            if any(t[2] == 0 for t in f.kind("rr-figure")):
                figures = True
            seen |= {t[4] for t in f.kind("rr-call") if t[2] == 0 and t[4] in ("1", "2")}
            self.check_texts(where + " scrolled", f)
            if lanes_frame and figures and len(seen) == 2:
                break
            n = f.n
            inp.key("Next")
            try:
                self.wait_frame(app, lambda g: g.n > n, "the results scrolled", timeout=2)
            except Failure:
                break  # at the end: nothing more to draw
            app.wait_quiet(0.2, 5)
        self.check(lanes_frame is not None, where, "the two lanes of the timeline were never both "
                   "in view")
        self.check(figures, where, "the figures were never drawn whole")
        self.check(len(seen) == 2, where, "the calls' numbers were not both drawn whole: %s"
                   % sorted(seen))
        return lanes_frame

    def check_lanes(self, where, f, img, ox, oy):
        for k in (1, 2):
            lane = f.regions.get("rr-lane-%d" % k)
            if not self.check(lane is not None and inside(lane, f.w, f.h), where,
                              "lane %d is not inside the window: %s" % (k, lane)):
                continue
            if img:
                # the arrival mark (accent) and something of the call after it
                n = colour_count(img, lane, ACCENT, ox, oy)
                self.check(n > 10, where, "lane %d has no arrival mark in the screenshot (%d px)"
                           % (k, n))

    # ---- one size --------------------------------------------------------------------------------
    def run_size(self, xvfb, size, win_size):
        name = "%d-%dx%d" % (size, win_size[0], win_size[1])
        app = self.start(xvfb, size, name)
        inp = Input(xvfb.display)
        try:
            win = inp.window_of(app.proc.pid)
            if win_size != (1280, 720):
                inp.run("windowsize", "--sync", win, win_size[0], win_size[1])
            inp.focus(win)
            f = self.settle(app, BRIEFING, "the round's briefing")
            self.shot(xvfb, inp, win, "briefing-" + name)
            self.check_briefing("briefing " + name, f)
            inp.key("End")
            f = self.settle(app, BRIEFING, "the briefing scrolled to its end")
            self.shot(xvfb, inp, win, "briefing-end-" + name)
            self.check_texts("briefing end " + name, f)

            inp.key("Escape")
            f = self.settle(app, LIBRARY, "the library")
            img, ox, oy = self.shot(xvfb, inp, win, "library-" + name)
            self.check_library("library " + name, f, img, ox, oy, True)
            # all -> en, or all -> ru backwards (Shift+L): the round stays focused
            inp.key("l" if self.a.lang == "en" else "shift+l")
            f = self.settle(app, LIBRARY, "the library filtered by language")
            self.shot(xvfb, inp, win, "library-filtered-" + name)
            self.check_library("library filtered " + name, f, None, 0, 0, False)

            # the round: Enter on its card, Enter on the briefing; nobody answers, so the
            # customers wait, time out and hang up until the round is over
            inp.key("Return")
            f = self.settle(app, BRIEFING, "the round's briefing again")
            self.check_briefing("briefing again " + name, f)
            inp.key("Return")
            self.wait_frame(app, lambda g: g.screen == CONVERSATION, "the round's conversation")
            try:
                self.wait_frame(app, lambda g: g.screen == ROUND_RESULTS,
                                "the round's end by itself", timeout=ROUND_WAIT)
            except Failure:
                # a customer still in the round (a scenario that routes its timeouts on): the
                # trainee leaves it (Esc twice), which ends it with the results all the same
                print("%s: the round did not end in %d s: leaving it" % (name, ROUND_WAIT))
                inp.key("Escape", "Escape")
            f = self.settle(app, ROUND_RESULTS, "the round's results", timeout=30)
            img, ox, oy = self.shot(xvfb, inp, win, "results-" + name)
            self.check_results("results " + name, f, img, ox, oy)

            def shoot(frame):
                app.wait_quiet(0.3, 5)
                img, ox, oy = self.shot(xvfb, inp, win, "results-timeline-" + name)
                self.check_lanes("results timeline " + name, self.frames(app)[-1], img, ox, oy)
            self.scroll_to_lanes(app, inp, "results " + name, shoot)
            inp.key("End")
            f = self.settle(app, ROUND_RESULTS, "the results at their end")
            self.shot(xvfb, inp, win, "results-end-" + name)
            self.check_texts("results end " + name, f)

            # the second call's review, and back
            inp.key("Home", "Down", "Return")
            f = self.settle(app, REVIEW, "the second call's review")
            self.shot(xvfb, inp, win, "review-" + name)
            self.check_texts("review " + name, f)
            inp.key("Escape")
            f = self.settle(app, ROUND_RESULTS, "the round's results after the review")
            self.check_texts("results again " + name, f)
            # the mouse: a click on the first call's row opens its review
            inp.key("Up")  # chooses the first call: its row comes into view
            f = self.settle(app, ROUND_RESULTS, "the first call chosen")
            one = [t for t in f.kind("rr-call") if t[4] == "1" and t[2] == 0]
            if self.check(bool(one), "results click " + name, "the first call's row is not in "
                          "view once chosen"):
                gx, gy, _, _ = inp.geometry(win)
                b = one[0][1]
                inp.mousemove(gx + b[0] + b[2] + 60, gy + b[1] + b[3] // 2)
                inp.click(1)
                self.settle(app, REVIEW, "the first call's review after a click")
                inp.key("Escape")
                self.settle(app, ROUND_RESULTS, "the round's results after the clicked review")
            inp.key("Escape")
            f = self.settle(app, LIBRARY, "the library after the round")
            # the store has the round: its card gives the best round
            self.check(any(self.w["best"] in t[4] for t in f.kind("round-card")), where_lib(name),
                       "the round's card does not give the trainee's best round (%r)"
                       % self.w["best"])

            # the history: the round as an entry of its own, its calls not as attempts
            inp.key("h")
            f = self.settle(app, HISTORY, "the history")
            self.shot(xvfb, inp, win, "history-" + name)
            self.check_texts("history " + name, f)
            texts = " | ".join(t[4] for t in f.texts)
            self.check(self.w["round"] + " \u00b7" in texts,
                       "history " + name, "the round is not listed: %s" % texts[:300])
            for title in CALL_TITLES[self.a.lang]:
                self.check(title not in texts, "history " + name,
                           "a call of the round is listed as an attempt of %r" % title)
            inp.key("Escape")
            self.settle(app, LIBRARY, "the library after the history")
            # F5 on the round's card reloads it from disk (the round played is let go first)
            inp.key("F5")
            f = self.settle(app, BRIEFING, "the round's briefing after F5")
            self.check_briefing("briefing after F5 " + name, f)
            self.check(app.alive(), "F5 " + name, "the program died on F5")
        finally:
            app.stop()

    def run_broken(self, xvfb):
        """A round that names a scenario that is not there: its lint message over everything at
        the start (the file was named on the command line), then a "Round" card that says it has
        errors."""
        name = "broken"
        d = os.path.join(self.tmp, "broken-round")
        os.makedirs(d, exist_ok=True)
        path = os.path.join(d, "broken-round.xml")
        with open(path, "w") as f:
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                    '<round id="broken-round" version="1" lang="%s">\n'
                    '  <title>Broken</title>\n  <brief>It names a missing scenario.</brief>\n'
                    '  <draw><scenario path="nowhere.xml"/></draw>\n'
                    '  <customers total="2" at-once="2" seed="1"/>\n'
                    '  <levels><level limit="5" every="1"/></levels>\n</round>\n' % self.a.lang)
        app = harness.start_traced(self.binary, xvfb.display, os.path.join(self.tmp, name),
                                   ["--db", os.path.join(self.tmp, name, "db.sqlite"), path],
                                   self.a.lang, 100, os.path.join(self.art, name + ".log"))
        inp = Input(xvfb.display)
        try:
            win = inp.window_of(app.proc.pid)
            inp.focus(win)
            f = self.settle(app, LIBRARY, "the library with the broken round's messages")
            self.check(any("round-path-exists" in t[4] for t in f.texts), "broken",
                       "the broken round's lint message is not shown")
            inp.key("Escape")
            app.wait_quiet(0.4, 5)
            f = self.frames(app)[-1]
            self.shot(xvfb, inp, win, "library-broken")
            self.check_texts("broken", f)
            self.check(any(t[4] == self.w["round"] and t[2] == 0 for t in f.kind("round-badge"))
                       and any(self.w["broken"] in t[4] for t in f.kind("round-broken")),
                       "broken", "no \"Round\" card saying it has errors")
        finally:
            app.stop()

    def main(self):
        os.makedirs(self.art, exist_ok=True)
        sizes = [int(s) for s in self.a.sizes.split(",")]
        xvfb = Xvfb(1400, 900, log=os.path.join(self.art, "xvfb.log"))
        try:
            for size in sizes:
                self.run_size(xvfb, size, (1280, 720))
            if 200 in sizes:
                self.run_size(xvfb, 200, (800, 500))
            self.run_broken(xvfb)
        finally:
            xvfb.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)
        print("%d checks, %d failed" % (self.checks, len(self.failures)))
        return 1 if self.failures else 0


def main():
    p = harness.options()
    p.add_argument("--sizes", default="100,150,200")
    return harness.run_main(Run, p.parse_args())


if __name__ == "__main__":
    sys.exit(main())
