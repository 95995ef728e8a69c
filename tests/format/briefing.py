#!/usr/bin/env python3
"""The desktop never wraps a price apart: the briefing of tests/format/briefing-price.ru.xml (a
Russian brief with seven prices a trainer typed with ordinary spaces: «24 990 ₽», «1 500 руб.»,
«15 %»...) at 100, 150 and 200% text, in 1280 x 720 and 800 x 500 windows, with the interface in
LANG. From the program's layout trace (FRONTLINE_TRACE=layout): every price is drawn whole on
one line (no line ends in "24" with "990 ₽" on the next, nor in "990" with "₽" below), some
price does fall at a line's end or start (so the rule was put to work), and no text is drawn
over another. Screenshots: ARTEFACTS/*.png, to look at.

  briefing.py --frontline BIN --root SRC --lang en|ru [--artefacts DIR] [--sizes 100 150 200]
"""
import os
import re
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "desktop"))
import harness  # noqa: E402
from harness import BRIEFING, Input, Xvfb  # noqa: E402
from layout import check_texts, traced_frames, wait_traced  # noqa: E402

PRICES = ["24 990 ₽", "4 990 ₽", "1 500 руб.", "1 250 ₽", "32 400 ₽", "0 ₽", "2 250 ₽",
          "15 %", "2 500 ₽"]
# a price's pieces that must never end or start a line on their own
NUMBER_END = re.compile(r"(^|\s)\d{1,3}( \d{3})*$")
UNIT_START = re.compile(r"^(\d{3}\b|₽|руб|%)")


class Run(harness.Checks):
    def __init__(self, a):
        super().__init__()
        self.a = a
        self.binary = os.path.abspath(a.frontline)
        self.scenario = os.path.join(os.path.abspath(a.root), "tests", "format",
                                     "briefing-price.ru.xml")
        self.art = os.path.abspath(a.artefacts or os.path.join("artefacts", "format", a.lang))
        self.tmp = tempfile.mkdtemp(prefix="frontline-format-")
        self.at_edge = 0

    def one(self, xvfb, inp, size, text):
        w, h = size
        name = "briefing-%dx%d-%d" % (w, h, text)
        where = "%s %s" % (self.a.lang, name)
        home = os.path.join(self.tmp, name)
        app = harness.start_traced(self.binary, xvfb.display, home,
                                   ["--db", os.path.join(home, "db.sqlite"), self.scenario],
                                   self.a.lang, text, os.path.join(self.art, name + ".log"))
        try:
            win = inp.window_of(app.pid)
            if (w, h) != (1280, 720):
                inp.run("windowsize", "--sync", win, w, h)
            wait_traced(app, lambda f: (f.w, f.h) == (w, h) and f.screen == BRIEFING,
                        "the briefing at %dx%d" % (w, h))
            app.wait_quiet(0.3)
            time.sleep(0.2)
            harness.screenshot(xvfb.display, os.path.join(self.art, name + ".png"))
            f = traced_frames(app)[-1]
            check_texts(self, where, f)
            # every line laid out, also those scrolled out of view (cut 2): each price whole
            lines = [t[4] for t in f.texts]
            joined = "\n".join(lines)
            for p in PRICES:
                self.check(any(p in line for line in lines), where,
                           "the price %r is not drawn whole on one line" % p)
            for i, line in enumerate(lines):
                if NUMBER_END.search(line.rstrip()) and i + 1 < len(lines) and \
                        UNIT_START.match(lines[i + 1].lstrip()):
                    self.fail(where, "a price wraps apart: %r / %r" % (line, lines[i + 1]))
                for p in PRICES:
                    s = line.strip().rstrip(".,")
                    if s.endswith(p.rstrip(".")) or s.startswith(p):
                        self.at_edge += 1
            self.check("24 990" in joined, where, "the brief is not drawn")
            # the brief scrolled into view where the text is large: a second picture to look at
            if any(t[2] == 2 and "24 990" in t[4] for t in f.texts):
                inp.focus(win)
                for _ in range(6):  # a page at a time until the price shows whole
                    inp.key("Next")
                    app.wait_quiet(0.2)
                    g = traced_frames(app)[-1]
                    if any(t[2] == 0 and "24 990" in t[4] for t in g.texts):
                        break
                else:
                    self.fail(where, "PgDn did not bring the brief into view")
                app.wait_quiet(0.3)
                harness.screenshot(xvfb.display, os.path.join(self.art, name + "-scrolled.png"))
                check_texts(self, where + " scrolled", traced_frames(app)[-1])
        finally:
            app.stop()

    def main(self):
        os.makedirs(self.art, exist_ok=True)
        xvfb = Xvfb(1280, 720, log=os.path.join(self.art, "xvfb.log"))
        try:
            inp = Input(xvfb.display)
            for size in ((1280, 720), (800, 500)):
                for text in self.a.sizes:
                    self.one(xvfb, inp, size, text)
        finally:
            xvfb.stop()
            shutil.rmtree(self.tmp, ignore_errors=True)
        # the prices sit at the lines' ends somewhere, or nothing was tested
        self.check(self.at_edge > 0, self.a.lang,
                   "no price fell at a line's end or start at any size: the test proves nothing")
        print("%d checks, %d failures, %d prices at a line's edge; screenshots in %s"
              % (self.checks, len(self.failures), self.at_edge, self.art))
        return 1 if self.failures else 0


if __name__ == "__main__":
    p = harness.options()
    p.add_argument("--sizes", type=int, nargs="+", default=[100, 150, 200])
    sys.exit(harness.run_main(Run, p.parse_args()))
