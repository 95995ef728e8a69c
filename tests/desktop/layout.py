#!/usr/bin/env python3
"""The conversation screen's layout at every text size and window size (design/ui.md "Large text
and small windows"), the reply under the pointer, and a reply taken back.

  layout.py --frontline BIN --root SRC [--lang en|ru] [--artefacts DIR] [--sizes 75,100,150,200]

The real program in an Xvfb of its own, driven by real key presses and mouse moves (xdotool),
with FRONTLINE_TRACE=layout: the program prints every text it draws with its box, whether the
clip or the window cut it and the part that shows, and the screen's regions (transcript, reply
list, timer, text box, Send button), frame by frame. For each window (1280 x 720, and 800 x 500
after a real resize) and each text size (75, 100, 150, 200%) it plays
tests/desktop/scenarios/many-replies.LANG.xml (a long name and customer line, nine long replies
under a timer, then a timed free-text node) and checks, from the last frame drawn and from a
screenshot of the window:
  - the customer's latest line: every line of it drawn whole when its bubble fits in the
    transcript, at least its first line otherwise; in the screenshot its bubble colour and ink;
  - the timer: its bar inside the window, its seconds drawn whole; in the screenshot the bar's
    track or fill;
  - the replies: each number in view drawn whole, and when some are out of view a line saying
    so (drawn whole); End then shows the ninth number whole; in the screenshot each number's
    badge (the accent colour and white ink);
  - the transcript has at least a third of the window's height;
  - no two texts overlap (the parts that show), anywhere on the screen, and no text drawn runs
    out of the window without being cut;
  - the free-text node: a box of at least two lines of text, the Send button inside the window
    beside it, the placeholder inside the box while it is empty, and, after typing, the text
    inside the box and no placeholder; in the screenshot the box's background and the button.
Then at 100% on 1280 x 720: the pointer over reply 3 highlights it (the trace marks its text as
hovered; the screenshot has the highlight colour in its row, and reply 2's row none), a click
on it picks it; Backspace takes it back: the meters show "undone" (no "+N" badge) and go back.
Screenshots: ./artefacts/layout/LANG/*.png. Exit 0 when everything holds, 1 otherwise.
"""
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import BRIEFING, CONVERSATION, Failure, Input, Xvfb  # noqa: E402

ACCENT = (0x1D, 0x5F, 0xA8)
CUSTOMER = (0xE8, 0xEC, 0xF1)
LINE = (0xD5, 0xDA, 0xE1)
BG = (0xF6, 0xF7, 0xF9)
WHITE = (0xFF, 0xFF, 0xFF)
TEXT = (0x1F, 0x27, 0x33)
WINDOWS = [(1280, 720), (800, 500)]
N_REPLIES = 9
UNDONE = {"en": "undone", "ru": "отменено"}


class Frame:
    """One frame of the layout trace: its size, texts and regions; in a round also its tabs, the
    round's bar and where the active call is (tests/desktop/round.py reads those)."""

    def __init__(self, n, screen, w, h, scale=1.0):
        self.n, self.screen, self.w, self.h, self.scale = n, screen, w, h, scale
        self.texts = []    # (kind, box, cut, visible box, text)
        self.regions = {}  # name -> (x, y, w, h)
        self.tabs = []     # dicts: pos, call, active, need, waited, late, flash
        self.round = None  # dict: level, waiting, lost, resolved, live, active
        self.call = None   # (number, node, [targets])

    def kind(self, k):
        return [t for t in self.texts if t[0] == k]

    def tab(self, call):
        for t in self.tabs:
            if t["call"] == call:
                return t
        return None

    def active(self):
        return self.round["active"] if self.round else None


def parse_frames(lines):
    frames, cur = [], None
    for _, line in lines:
        if line.startswith("trace: layout-begin "):
            p = line.split()
            cur = Frame(int(p[2]), int(p[4]), int(p[6]), int(p[7]), float(p[9]))
        elif line.startswith("trace: layout-end ") and cur:
            frames.append(cur)
            cur = None
        elif cur is None:
            continue
        elif line.startswith("trace: text "):
            p = line.split(" ", 12)
            cur.texts.append((p[2], tuple(int(v) for v in p[3:7]), int(p[7]),
                              tuple(int(v) for v in p[8:12]), p[12] if len(p) > 12 else ""))
        elif line.startswith("trace: region "):
            p = line.split()
            cur.regions[p[2]] = tuple(int(v) for v in p[3:7])
        elif line.startswith("trace: tab "):
            p = line.split()
            cur.tabs.append({"pos": int(p[2]), "call": int(p[4]), "active": int(p[6]),
                             "need": p[8], "waited": int(p[10]), "late": int(p[12]),
                             "flash": int(p[14])})
        elif line.startswith("trace: round level "):
            p = line.split()
            cur.round = {"level": int(p[3]), "waiting": int(p[5]), "lost": int(p[7]),
                         "resolved": int(p[9]), "live": int(p[11]), "active": int(p[13])}
        elif line.startswith("trace: call "):
            p = line.split()
            cur.call = (int(p[2]), p[4], p[6:])
    return frames


def traced_frames(app):
    """Every frame of the program's layout trace so far."""
    with app.lock:
        lines = list(app.lines)
    return parse_frames(lines)


def wait_traced(app, cond, what, timeout=10, poll=0.05, detail=None):
    """The latest frame once cond(frame) holds for it, looking every `poll` seconds. A timeout
    says what the last frame was: detail(frame) when given, else its number, screen and size."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        fs = traced_frames(app)
        if fs:
            last = fs[-1]
            if cond(last):
                return last
        if not app.alive():
            raise Failure("the program exited while waiting for %s" % what)
        time.sleep(poll)
    if last is None:
        raise Failure("no layout trace (FRONTLINE_TRACE=layout) while waiting for %s" % what)
    raise Failure("timed out waiting for %s (last frame %s)"
                  % (what, detail(last) if detail else
                     "%d, screen %d, %dx%d" % (last.n, last.screen, last.w, last.h)))


class OneProgram:
    """For a test's Run that drives one traced program (self.app, a harness.App started with
    FRONTLINE_TRACE=layout) in an X server of its own (self.xvfb): stopping both, and the
    program's frames. A subclass may define frame_detail(frame), what a timeout of wait_frame
    says of the last frame."""
    frame_detail = None

    def stop(self):
        if self.app:
            self.app.stop()
        if self.xvfb:
            self.xvfb.stop()
        self.app = self.xvfb = None

    def frames(self):
        return traced_frames(self.app)

    def last(self):
        fs = self.frames()
        return fs[-1] if fs else None

    def wait_frame(self, cond, what, timeout=10):
        # looks often: the sound and round tests time what a frame shows against the clock
        return wait_traced(self.app, cond, what, timeout, poll=0.03, detail=self.frame_detail)


def overlap(a, b):
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def inside(a, w, h):
    return a[0] >= 0 and a[1] >= 0 and a[0] + a[2] <= w and a[1] + a[3] <= h


def check_texts(run, where, f, most=None):
    """What holds on every frame, as one check of run (a harness.Checks): each text drawn
    without a clip inside the window, no text that shows over another (the first `most` of
    those said, when given). Returns whether none overlapped."""
    shown = [t for t in f.texts if t[2] != 2]
    for t in shown:
        if t[2] == 0:
            run.check(inside(t[1], f.w, f.h), where,
                      "%s %r drawn past the window's edge without a clip: %s"
                      % (t[0], t[4][:40], t[1]))
    bad = 0
    for i in range(len(shown)):
        for j in range(i + 1, len(shown)):
            a, b = shown[i], shown[j]
            if overlap(a[3], b[3]) and (most is None or bad < most):
                bad += 1
                run.fail(where, "text over text: %s %r at %s and %s %r at %s"
                         % (a[0], a[4][:30], a[3], b[0], b[4][:30], b[3]))
    run.checks += 1
    return bad == 0


def colour_count(img, box, colour, ox=0, oy=0):
    x, y, w, h = box
    x0, y0 = max(x + ox, 0), max(y + oy, 0)
    x1, y1 = min(x + ox + w, img.w), min(y + oy + h, img.h)
    if x1 <= x0 or y1 <= y0:
        return 0
    return harness.count_colour(img, colour, (x0, y0, x1, y1))


def light_ink(img, box, ox=0, oy=0):
    """Pixels of white text antialiased onto a dark badge: every channel 0xD0 or more."""
    x, y, w, h = box
    n = 0
    for yy in range(max(y + oy, 0), min(y + oy + h, img.h)):
        for xx in range(max(x + ox, 0), min(x + ox + w, img.w)):
            n += min(img.px(xx, yy)) >= 0xD0
    return n


def dark_ink(img, box, ox=0, oy=0):
    x, y, w, h = box
    n = 0
    for yy in range(max(y + oy, 0), min(y + oy + h, img.h)):
        for xx in range(max(x + ox, 0), min(x + ox + w, img.w)):
            r, g, b = img.px(xx, yy)
            n += r < 0x80 and g < 0x80 and b < 0x90
    return n


class Run(harness.Checks):
    def __init__(self, a):
        super().__init__()
        self.a = a
        self.root = os.path.abspath(a.root)
        self.binary = os.path.abspath(a.frontline)
        self.art = os.path.abspath(a.artefacts or os.path.join("artefacts", "layout", a.lang))
        self.scenario = os.path.join(self.root, "tests", "desktop", "scenarios",
                                     "many-replies.%s.xml" % a.lang)
        self.tmp = tempfile.mkdtemp(prefix="frontline-layout-")

    # ---- one program ---------------------------------------------------------------------------
    def start(self, xvfb, size, name):
        return harness.start_traced(
            self.binary, xvfb.display, os.path.join(self.tmp, name),
            ["--db", os.path.join(self.tmp, name, "db.sqlite"), self.scenario], self.a.lang,
            size, os.path.join(self.art, name + ".log"))

    def frames(self, app):
        return traced_frames(app)

    def wait_frame(self, app, cond, what, timeout=10):
        return wait_traced(app, cond, what, timeout)

    def shot(self, xvfb, inp, win, path):
        """The window's pixels (the root window cut to the program's window)."""
        harness.screenshot(xvfb.display, path)
        img = harness.read_image(path)
        gx, gy, _, _ = inp.geometry(win)
        return img, gx, gy

    # ---- the checks ------------------------------------------------------------------------------
    def check_common(self, where, f):
        """What holds on every conversation frame: texts inside the window or cut, none over
        another, the transcript a third of the height, the customer's latest line shown."""
        check_texts(self, where, f)
        tr = f.regions.get("transcript")
        if self.check(tr is not None, where, "no transcript region in the trace"):
            self.check(tr[3] * 3 >= f.h, where, "the transcript is %d px high, under a third of "
                       "the window's %d" % (tr[3], f.h))
        latest = f.kind("customer-latest")
        if self.check(bool(latest), where, "the customer's latest line is not drawn"):
            whole = [t for t in latest if t[2] == 0]
            # the bubble: its lines, its padding, the name above it and the gaps (conversation.c)
            need = (latest[-1][1][1] + latest[-1][1][3] - latest[0][1][1]) + 60 * f.scale
            fits = tr and need <= tr[3]
            if not fits:
                # then the transcript must have taken more than its third for it
                self.check(tr[3] * 3 > f.h + 3, where, "the customer's latest line does not fit "
                           "and the transcript did not grow for it (%d px)" % tr[3])
            if fits:
                self.check(len(whole) == len(latest), where,
                           "%d of %d lines of the customer's latest line are cut or hidden"
                           % (len(latest) - len(whole), len(latest)))
            else:
                self.check(latest[0][2] == 0, where,
                           "the customer's latest line is taller than the transcript and its "
                           "first line does not show whole")
        for name in ("Mood", "Настроение"):
            pass
        meters = f.kind("meter-label")
        self.check(len(meters) == 3 and all(t[2] == 0 for t in meters), where,
                   "the three meters' names are not all drawn whole: %s" % [t[4] for t in meters])
        names = f.kind("name")
        self.check(bool(names) and all(t[2] == 0 for t in names), where,
                   "the customer's name is cut or missing in the customer panel")

    def check_timer(self, where, f, img, ox, oy):
        t = f.regions.get("timer")
        if not self.check(t is not None and inside(t, f.w, f.h), where,
                          "no timer bar inside the window: %s" % (t,)):
            return
        secs = f.kind("timer")
        self.check(bool(secs) and secs[0][2] == 0, where, "the timer's seconds are not drawn whole")
        if img:
            n = colour_count(img, t, LINE, ox, oy) + colour_count(img, t, ACCENT, ox, oy)
            self.check(n * 2 >= t[2] * t[3], where, "the screenshot has no timer bar at %s "
                       "(%d of %d px track or fill)" % (t, n, t[2] * t[3]))

    def check_replies(self, where, f, img, ox, oy, want_more=None):
        nums = {}
        for t in f.kind("reply-number"):
            nums.setdefault(t[4], []).append(t)
        in_view = sorted(int(k) for k, v in nums.items() if any(x[2] == 0 for x in v))
        cut = sorted(int(k) for k, v in nums.items() if all(x[2] != 0 for x in v))
        self.check(bool(in_view), where, "no reply number drawn whole")
        more = [t for t in f.kind("more") if t[2] != 2]
        hidden = N_REPLIES - len(in_view)
        if hidden:
            self.check(bool(more) and more[0][2] == 0, where,
                       "replies %s are out of view (or cut: %s) and nothing says the list scrolls"
                       % (sorted(set(range(1, N_REPLIES + 1)) - set(in_view)), cut))
        if want_more is not None:
            self.check(bool(more) == want_more, where,
                       "the list %s say it scrolls" % ("does not" if want_more else "does"))
        # every reply row in view has its number whole
        lst = f.regions.get("list")
        for i in range(1, N_REPLIES + 1):
            r = f.regions.get("reply%d" % i)
            if not r or not lst:
                continue
            row_in = r[1] >= lst[1] and r[1] + r[3] - 10 <= lst[1] + lst[3]
            if row_in:
                self.check(i in in_view, where, "reply %d's row is in view but its number is "
                           "not drawn whole" % i)
        if img:
            for k in in_view:
                t = [x for x in nums[str(k)] if x[2] == 0][0]
                box = (t[1][0] - 8, t[1][1], t[1][2] + 16, t[1][3])
                a = colour_count(img, box, ACCENT, ox, oy)
                wh = light_ink(img, t[1], ox, oy)
                self.check(a >= 20 and wh >= 3, where, "the screenshot has no number badge %d at "
                           "%s (accent %d px, white %d px)" % (k, t[1], a, wh))
        return in_view

    def check_free(self, where, f, img, ox, oy, typed):
        box, send = f.regions.get("box"), f.regions.get("send")
        if not self.check(box is not None and send is not None, where,
                          "no text box or Send button in the trace"):
            return
        body_h = max((t[1][3] for t in f.texts if t[0] in ("placeholder", "input")), default=20)
        self.check(box[3] >= 2 * body_h + 8, where, "the text box is %d px high: under two lines "
                   "of %d px" % (box[3], body_h))
        self.check(inside(box, f.w, f.h) and inside(send, f.w, f.h), where,
                   "the box %s or the Send button %s is not inside the window" % (box, send))
        self.check(not overlap(box, send), where, "the Send button overlaps the box")
        st = f.kind("send")
        self.check(bool(st) and st[0][2] == 0 and overlap(st[0][1], send), where,
                   "the Send button's word is not drawn whole on it")
        ph, inp = f.kind("placeholder"), f.kind("input")
        if typed:
            self.check(not ph, where, "the placeholder is drawn while the box has text")
            self.check(bool(inp) and all(overlap(t[3], box) for t in inp if t[2] != 2), where,
                       "the typed text is not drawn inside the box")
        else:
            self.check(bool(ph) and ph[0][2] == 0 and overlap(ph[0][1], box), where,
                       "the placeholder is not drawn whole inside the empty box")
        if img:
            inner = (box[0] + 4, box[1] + 4, box[2] - 8, box[3] - 8)
            n = colour_count(img, inner, BG, ox, oy)
            self.check(n * 3 >= inner[2] * inner[3], where, "the screenshot has no text box at %s"
                       % (box,))
            sb = colour_count(img, send, LINE, ox, oy) + colour_count(img, send, ACCENT, ox, oy)
            self.check(sb * 2 >= send[2] * send[3], where, "the screenshot has no Send button "
                       "at %s" % (send,))

    # ---- one window size and text size ------------------------------------------------------------
    def one(self, xvfb, inp, size, text):
        w, h = size
        name = "%dx%d-%d" % (w, h, text)
        where = "%s %s" % (self.a.lang, name)
        app = self.start(xvfb, text, name)
        try:
            win = inp.window_of(app.pid)
            if (w, h) != (1280, 720):
                inp.run("windowsize", "--sync", win, w, h)
            self.wait_frame(app, lambda f: (f.w, f.h) == (w, h) and f.screen == BRIEFING,
                            "the briefing at %dx%d" % (w, h))
            inp.focus(win)
            inp.key("Return")
            app.wait_screen(CONVERSATION)
            inp.key("space")  # the typing pause
            f = self.wait_frame(app, lambda f: f.screen == CONVERSATION and
                                f.kind("customer-latest") and f.regions.get("list"),
                                "the replies after the first line")
            time.sleep(0.3)
            img, ox, oy = self.shot(xvfb, inp, win, os.path.join(self.art, name + "-choice.png"))
            f = self.frames(app)[-1]
            self.check_common(where + " choice", f)
            self.check_timer(where + " choice", f, img, ox, oy)
            self.check_replies(where + " choice", f, img, ox, oy)
            # the last reply: End moves the focus there and the list follows
            inp.key("End")
            f = self.wait_frame(app, lambda f: any(t[4] == str(N_REPLIES) and t[2] == 0
                                                   for t in f.kind("reply-number")),
                                "reply %d's number in view after End" % N_REPLIES)
            img, ox, oy = self.shot(xvfb, inp, win, os.path.join(self.art, name + "-end.png"))
            f = self.frames(app)[-1]
            self.check_common(where + " end", f)
            self.check_replies(where + " end", f, img, ox, oy)
            # the free-text node
            inp.key("1")
            inp.key("space")
            f = self.wait_frame(app, lambda f: f.regions.get("box") and
                                f.kind("customer-latest"), "the free-text node")
            time.sleep(0.3)
            img, ox, oy = self.shot(xvfb, inp, win, os.path.join(self.art, name + "-free.png"))
            f = self.frames(app)[-1]
            self.check_common(where + " free", f)
            self.check_timer(where + " free", f, img, ox, oy)
            self.check_free(where + " free", f, img, ox, oy, typed=False)
            # few distinct Cyrillic letters: each needs a spare keycode of the X server
            words = ("I will call you back today before five with what the depot finds"
                     if self.a.lang == "en" else "Перезвоню сегодня до пяти")
            inp.type(words)
            inp.key("shift+Return")
            inp.type("ok" if self.a.lang == "en" else "да")
            f = self.wait_frame(app, lambda f: f.kind("input") and not f.kind("placeholder"),
                                "the typed text")
            time.sleep(0.3)
            img, ox, oy = self.shot(xvfb, inp, win, os.path.join(self.art, name + "-typed.png"))
            f = self.frames(app)[-1]
            self.check_common(where + " typed", f)
            self.check_free(where + " typed", f, img, ox, oy, typed=True)
        except Failure as e:
            self.fail(where, str(e))
            try:
                harness.screenshot(xvfb.display, os.path.join(self.art, name + "-failure.png"))
            except Failure:
                pass
        finally:
            app.stop()

    # ---- hover and undo ------------------------------------------------------------------------
    def hover_undo(self, xvfb, inp):
        where = "%s hover/undo" % self.a.lang
        app = self.start(xvfb, 100, "hover")
        try:
            win = inp.window_of(app.pid)
            inp.focus(win)
            inp.key("Return")
            app.wait_screen(CONVERSATION)
            inp.key("space")
            f = self.wait_frame(app, lambda f: f.regions.get("reply3") and
                                f.kind("customer-latest"), "the replies")
            gx, gy, _, _ = inp.geometry(win)
            r3 = f.regions["reply3"]
            inp.mousemove(gx + r3[0] + r3[2] // 2, gy + r3[1] + r3[3] // 2)
            f = self.wait_frame(app, lambda f: f.kind("reply-text-hover"), "reply 3 hovered")
            time.sleep(0.3)
            img, ox, oy = self.shot(xvfb, inp, win, os.path.join(self.art, "hover.png"))
            f = self.frames(app)[-1]
            hov = f.kind("reply-text-hover")
            r2, r3 = f.regions["reply2"], f.regions["reply3"]
            self.check(hov and all(overlap(t[1], r3) for t in hov), where,
                       "the hovered text is not reply 3's")
            strip3 = (r3[0] + r3[2] - 40, r3[1] + 6, 20, r3[3] - 16)
            strip2 = (r2[0] + r2[2] - 40, r2[1] + 6, 20, r2[3] - 16)
            n3 = colour_count(img, strip3, CUSTOMER, ox, oy)
            n2 = colour_count(img, strip2, CUSTOMER, ox, oy)
            self.check(n3 * 2 >= strip3[2] * strip3[3] and n2 == 0, where,
                       "the screenshot does not highlight reply 3 alone (highlight %d px in its "
                       "row, %d in reply 2's)" % (n3, n2))
            inp.click(1)
            f = self.wait_frame(app, lambda f: f.kind("meter-jump"), "the meters after reply 3")
            jumps = [t[4] for t in f.kind("meter-jump")]
            self.check(all(j[0] in "+-" for j in jumps), where,
                       "a reply's change is not shown as +N / -N: %s" % jumps)
            time.sleep(2.2)  # the change labels fade
            inp.key("ctrl+z")  # the free-text node: Backspace edits the text there
            f = self.wait_frame(app, lambda f: f.kind("meter-undone"), "the take-back")
            time.sleep(0.5)
            img, ox, oy = self.shot(xvfb, inp, win, os.path.join(self.art, "undone.png"))
            f = self.frames(app)[-1]
            und = f.kind("meter-undone")
            self.check(not f.kind("meter-jump"), where, "a reward or penalty badge is shown for "
                       "a reply taken back: %s" % [t[4] for t in f.kind("meter-jump")])
            self.check(und and all(t[4] == UNDONE[self.a.lang] and t[2] == 0 for t in und),
                       where, "the take-back is not shown as %r: %s"
                       % (UNDONE[self.a.lang], [t[4] for t in und]))
            vals = [t[4] for t in f.kind("meter-value")]
            self.check(vals == ["-40", "60", "40"], where,
                       "the meters did not go back to the start (-40, 60, 40): %s" % vals)
        except Failure as e:
            self.fail(where, str(e))
        finally:
            app.stop()

    def main(self):
        shutil.rmtree(self.art, ignore_errors=True)
        os.makedirs(self.art, exist_ok=True)
        sizes = [int(s) for s in self.a.sizes.split(",")]
        # an X server for each run: typing Cyrillic binds spare keycodes for good, and a server
        # has too few for every run's letters
        for size in WINDOWS + [None]:
            for text in sizes if size else [100]:
                xvfb = Xvfb(1280, 720, log=os.path.join(self.art, "xvfb.log"))
                try:
                    inp = Input(xvfb.display)
                    if size:
                        self.one(xvfb, inp, size, text)
                    else:
                        self.hover_undo(xvfb, inp)
                finally:
                    xvfb.stop()
        print("%d checks, %d failures; screenshots in %s" % (self.checks, len(self.failures),
                                                            self.art))
        return 1 if self.failures else 0


def main():
    p = harness.options()
    p.add_argument("--sizes", default="75,100,150,200")
    return harness.run_main(Run, p.parse_args())


if __name__ == "__main__":
    sys.exit(main())
