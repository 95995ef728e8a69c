#!/usr/bin/env python3
"""A workshop day end to end, as the leader and the trainees live it (issue 14, "Tests").

  workshop_day.py --frontline BIN --root SRC [--artefacts DIR] [--keep]

Real components only: the real program under an Xvfb of its own driven by real key presses
(xdotool), its layout trace (FRONTLINE_TRACE=layout) to know what it shows, two "laptops" (two
private XDG_CONFIG_HOME / XDG_DATA_HOME trees, each with its own results store), real SQLite
files, headless Chromium, LibreOffice and poppler (pdftoppm, pdftotext).

  1. The leader writes the day's workshop file with `frontline workshop new` (options, no
     questions): a title, the group code, two bundled scenarios (one English, one Russian),
     assessment locked, timed with the time extension x1.5 for everyone, Russian for new
     trainees, the sessions "morning" 09:00-13:00 and "afternoon" 14:00-18:00. It lints clean,
     the schema (xmllint, scenarios/schema/workshop.xsd) accepts it, and it says what was asked.
     The leader copies it to both laptops.
  2. Laptop 1 (an Xvfb of its own), `frontline --workshop FILE --session morning`: the sign-in
     names the workshop, the session of the day and the fixed group, with an empty name field.
     Marina Petrova signs in, opens the Russian scenario ("Not you?" on the library and the
     briefing), presses the mode key for practice on the briefing (it stays assessment, and
     says who decided), replies by number keys, tries to take a reply back (Backspace: refused,
     the call stays where it was) and finishes the call. Results, the library, Ctrl+N: the
     sign-in with an empty name field; John Smith types his name (the field reads exactly "John
     Smith") and plays the English scenario; then a trainee with a 91-character Cyrillic name:
     the field keeps the first 80 characters. Laptop 2 in the morning: two trainees in turn. The
     morning calls take a weak path (a transfer: a critical mistake).
  3. The afternoon (`--session afternoon`), laptop 1 started with a scenario on the command
     line: the sign-in shows the last trainee (the long name), Enter continues as them to that
     scenario's briefing; then Marina and John again through "Not you?". Laptop 2: the sign-in
     shows its last trainee, the next one selects the name with Ctrl+A (the trace shows it
     selected) and types over it (the field reads exactly the new name). The afternoon calls
     take the best path. No text is drawn over another on the sign-ins, libraries and results.
  4. The stores: each session under the right trainee (the long name as valid UTF-8, exactly
     80 characters cut between characters), the group, the workshop's id, the session of the
     day, mode assessment, timed x1.5, player desktop, the replies pressed (no take-back); every
     afternoon score above the same trainee's morning one. Each laptop's settings keep its last
     trainee and one profile per trainee, each a new trainee's (practice, the workshop's
     language). `frontline report --workshop ID --session NAME` filters; a mistyped workshop id
     is a usage error naming the one there is.
  5. The leader's report over both stores: the JSON export says the same; the HTML report (and
     its Russian form) read through Chromium's DOM has the room's profile (five trainees) and
     the morning against afternoon comparison (the sides in order, the overall means of the
     stores, "up, better") with each trainee's own change going up; Chromium renders it (not
     blank); the Russian CSV is the Excel form (BOM, ';', the decimal comma of "1,5", the mode
     and the critical mistakes in Russian, the workshop and session columns) and LibreOffice
     reads it with the Cyrillic intact and the scores and 1,5 as numbers; the PDF has pages that
     are not blank, its text has the room's and the comparison's headings and every trainee's
     own change printed whole.

Screenshots of every step and all exports go to DIR (default ./artefacts/workshop_day). Prints
every failure; exit 0 when everything holds, 1 otherwise.
"""
import csv
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import (BRIEFING, CONVERSATION, LIBRARY, RESULTS, SIGNIN, App,  # noqa: E402
                     Failure, Input, Xvfb)
from layout import check_texts, parse_frames  # noqa: E402

GROUP = "2026-11-kazan-b"
TITLE = "Клиентоориентированность, Казань"
SESSIONS = [("morning", "09:00", "13:00"), ("afternoon", "14:00", "18:00")]
NAME_MAX = 80  # ui.h FL_NAME_MAX: characters of any script

# the two scenarios of the day: short ones (four replies on the best path)
SCEN = {
    "en": {"path": "scenarios/en/late-delivery.xml", "id": "late-delivery"},
    "ru": {"path": "scenarios/ru/dostavka-opazdyvaet.xml", "id": "ru-dostavka-opazdyvaet"},
}
# the morning's weak path, as reply numbers: the second reply offered first sends the customer
# elsewhere (a critical mistake: 59, not passed); the afternoon takes explore's best path
MORNING = {"en": [2, 1, 2, 3, 1], "ru": [2, 1, 2, 1, 2, 1]}

MARINA, JOHN = "Marina Petrova", "John Smith"
# 91 characters (176 bytes): the field keeps the first 80, "...-Кра", cut inside a word
# between two characters. Fourteen different letters: xdotool types each through a spare keycode
# (harness.bind_keysyms), and Xvfb's keyboard map has eighteen to give.
LONG = ("Александра-Анастасия Константиновна Ростиславская-Станиславская "
        "Вознесенская-Краснославская")
ANNA, OLEG = "Анна Смирнова", "Oleg Kuznetsov"

# who plays what, laptop by laptop and session by session
DAY = {
    ("1", "morning"): [(MARINA, "ru"), (JOHN, "en"), (LONG, "ru")],
    ("2", "morning"): [(ANNA, "ru"), (OLEG, "en")],
    ("1", "afternoon"): [(LONG, "ru"), (MARINA, "ru"), (JOHN, "en")],
    ("2", "afternoon"): [(ANNA, "ru"), (OLEG, "en")],
}

TYPING_S = 4.0  # the customer's "typing..." pause is at most 1.8 s (conversation.c)


def catalogue(root):
    """Every word of the catalogue: {ID: (English, Russian)} from game/core/catalogue*.def (a
    word on one line or continued on the next)."""
    words = {}
    core = os.path.join(root, "game", "core")
    lit = r'"(?:[^"\\]|\\.)*"(?:\s*"(?:[^"\\]|\\.)*")*'  # adjacent literals join
    entry = re.compile(r"W_\(\s*(\w+)\s*,\s*(%s)\s*,\s*(%s)\s*\)" % (lit, lit), re.S)
    esc = {"n": "\n", "t": "\t"}
    for name in sorted(os.listdir(core)):
        if name.startswith("catalogue") and name.endswith(".def"):
            with open(os.path.join(core, name), encoding="utf-8") as f:
                text = f.read()
            for m in entry.finditer(text):
                pair = []
                for group in (m.group(2), m.group(3)):
                    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', group)
                    pair.append(re.sub(r"\\(.)", lambda e: esc.get(e.group(1), e.group(1)),
                                       "".join(parts)))
                words[m.group(1)] = tuple(pair)
    return words


class Laptop:
    """One shared laptop: its own config and data folders (so its own settings.json and
    results store) and its copy of the workshop file."""

    def __init__(self, name, home, workshop_src):
        self.name = name
        self.home = home
        self.config = os.path.join(home, "config")
        self.data = os.path.join(home, "data")
        os.makedirs(self.config)
        os.makedirs(self.data)
        self.workshop = os.path.join(home, os.path.basename(workshop_src))
        shutil.copy(workshop_src, self.workshop)  # the leader's USB stick
        self.db = os.path.join(self.data, "frontline", "results.sqlite")
        self.settings = os.path.join(self.config, "frontline", "settings.json")
        self.xvfb = None


class Run(harness.Checks):
    def __init__(self, a):
        super().__init__()
        self.a = a
        self.root = os.path.abspath(a.root)
        self.binary = os.path.abspath(a.frontline)
        self.art = os.path.abspath(a.artefacts or os.path.join("artefacts", "workshop_day"))
        self.tmp = tempfile.mkdtemp(prefix="frontline-day-")
        self.words = catalogue(self.root)
        self.xvfb = None
        self.app = None
        self.inp = None
        self.n_shot = 0
        self.plans = {}     # (lang, "morning" | "afternoon") -> reply numbers
        self.expected = []  # (laptop, day session, trainee, lang) in the order played
        self.current_part = None
        self.seen, self.carry, self.frame, self.n_frames = 0, [], None, 0  # the trace read so far

    # ---- small things ---------------------------------------------------------------------------
    def say(self, msg):
        print("== " + msg, flush=True)

    def word(self, wid):
        if wid not in self.words:
            raise Failure("the catalogue has no word %s (game/core/catalogue*.def)" % wid)
        return self.words[wid]

    def frontline(self, *args, env=None, timeout=120, cwd=None):
        e = dict(os.environ)
        for k in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
            e.pop(k, None)
        e["LC_ALL"] = "C.UTF-8"  # the reports' language is what --lang says, not the machine's
        e.update(env or {})
        return subprocess.run([self.binary] + list(args), cwd=cwd or self.root,
                              capture_output=True, env=e, timeout=timeout)

    def shot(self, name):
        self.n_shot += 1
        path = os.path.join(self.art, "%02d-%s.png" % (self.n_shot, name))
        harness.screenshot(self.xvfb.display, path)
        return path

    # ---- the layout trace -----------------------------------------------------------------------
    def last(self):
        """The latest whole frame of the layout trace, reading only the lines added since the
        last look (a day's trace is long)."""
        with self.app.lock:
            new = self.app.lines[self.seen:]
        self.seen += len(new)
        lines = self.carry + new
        ends = [i for i, (_, l) in enumerate(lines) if l.startswith("trace: layout-end ")]
        if ends:
            fs = parse_frames(lines[:ends[-1] + 1])
            self.n_frames += len(fs)
            if fs:
                self.frame = fs[-1]
            lines = lines[ends[-1] + 1:]
        self.carry = lines
        return self.frame

    def wait(self, cond, what, timeout=10):
        """The latest frame once cond(frame) holds; a Failure saying `what` after timeout s."""
        deadline = time.monotonic() + timeout
        f = None
        while time.monotonic() < deadline:
            f = self.last()
            if f is not None and cond(f):
                return f
            if not self.app.alive():
                raise Failure("the program exited (status %s) while waiting for %s; stderr: %s"
                              % (self.app.proc.returncode, what,
                                 " | ".join(self.app.other_lines()[-5:])))
            time.sleep(0.03)
        raise Failure("timed out after %.0f s waiting for %s (last frame: %s)"
                      % (timeout, what, describe(f)))

    def screen_is(self, screen, what=None, timeout=10):
        return self.wait(lambda f: f.screen == screen,
                         what or "the %s screen" % harness.SCREENS[screen], timeout)

    def settle(self):
        """Until the window stops drawing (nothing moves on the screen)."""
        self.app.wait_quiet(0.3, timeout=8)
        return self.last()

    # ---- the sign-in -----------------------------------------------------------------------------
    @staticmethod
    def field(f, name="name"):
        """What a sign-in field shows (signin.c: its texts of kind NAME-field, and NAME-selected
        for the part selected, drawn left to right; "" when empty), or None when the frame has
        no such field (region NAME)."""
        if name not in f.regions:
            return None
        parts = sorted((t for t in f.texts if t[0] in (name + "-field", name + "-selected")),
                       key=lambda t: t[1][0])
        return "".join(t[4] for t in parts)

    def name_field(self, f):
        return self.field(f, "name")

    def check_signin_card(self, f, where):
        """The sign-in says where the results go: the workshop's title, the session of the day
        given with --session, and the workshop's group code (fixed)."""
        part = self.current_part
        ws = " ".join(t[4] for t in f.kind("workshop"))
        sess = " ".join(t[4] for t in f.kind("session"))
        self.check(TITLE in ws, where, "the sign-in does not name the workshop %r: %r"
                   % (TITLE, ws))
        self.check(any((w % part) in sess for w in self.word("SIGNIN_SESSION")), where,
                   "the sign-in does not say the session of the day is %r: %r" % (part, sess))
        # the workshop's group: a fixed line (kind group-fixed), or a field that shows it
        fixed = " ".join(t[4] for t in f.kind("group-fixed"))
        group = self.field(f, "group")
        self.check(GROUP in fixed.split() or group == GROUP, where, "the sign-in does not show "
                   "the workshop's group %r (fixed line %r, field %r)" % (GROUP, fixed, group))

    def wait_field(self, want, what):
        return self.wait(lambda f: f.screen == SIGNIN and self.name_field(f) == want, what)

    def sign_in(self, name, how, where):
        """On the sign-in: `how` is "empty" (the field must be empty: someone else's turn),
        "select" (the previous trainee's name is there: Ctrl+A, then typing replaces it) or
        "keep" (the name is already theirs: Enter). Then Enter, and the settings name them."""
        f = self.screen_is(SIGNIN, "the sign-in (%s)" % where)
        shown = self.name_field(f)
        if shown is None:
            raise Failure("%s: the layout trace does not say what the sign-in's name field shows "
                          "(no region \"name\")" % where)
        self.check_signin_card(f, where)
        if how == "empty":
            self.check(shown == "", where, "the sign-in for someone else: the name field shows "
                       "%r, expected it empty" % shown)
            self.inp.type(name)
        elif how == "select":
            self.check(shown != "" and shown != name, where, "the sign-in should show the "
                       "laptop's last trainee, another person than %r: it shows %r" % (name, shown))
            self.inp.key("ctrl+a")
            f = self.wait(lambda f: [t[4] for t in f.kind("name-selected")] == [shown],
                          "Ctrl+A to select %r" % shown)
            self.inp.type(name)
        else:
            self.check(shown == name[:NAME_MAX], where, "the sign-in shows %r, expected the last "
                       "trainee %r" % (shown, name[:NAME_MAX]))
        want = name[:NAME_MAX]
        try:
            self.wait_field(want, "the name field to read %r" % want)
        except Failure:
            f = self.last()
            self.shot("signin-wrong")
            raise Failure("%s: the name field reads %r after typing %r (expected exactly %r)"
                          % (where, self.name_field(f), name, want))
        self.shot("signin-" + where.replace(" ", "-"))
        check_texts(self, where + " sign-in", self.settle())  # the long name, the notes
        self.inp.key("Return")
        f = self.wait(lambda f: f.screen in (LIBRARY, BRIEFING), "the library or the briefing "
                      "after signing in as %r" % want)
        return f

    def not_you(self, where):
        """Ctrl+N on the library ("Not you?"): the sign-in with the name field empty."""
        self.screen_is(LIBRARY)
        f = self.settle()
        self.check_not_you(f, where, "library")
        check_texts(self, where + " library", f)
        self.inp.key("ctrl+n")
        self.screen_is(SIGNIN, "the sign-in after Ctrl+N (%s)" % where)

    # ---- the library, the briefing, the call ----------------------------------------------------
    def scenario_title(self, lang):
        """The scenario's title from its file."""
        root = ET.parse(os.path.join(self.root, SCEN[lang]["path"])).getroot()
        return root.find("title").text.strip()

    def open_scenario(self, lang, where):
        """From the library, the briefing of the scenario in `lang`: the cards in turn from the
        first (Home, then Right), until the briefing shows its title."""
        title = self.scenario_title(lang)
        self.screen_is(LIBRARY)
        f = self.settle()
        shown = " ".join(t[4] for t in f.texts if t[2] == 0)  # a title wraps on its card
        self.check(title in shown, where, "the library does not show %r" % title)
        for i in range(6):
            self.inp.key("Home", *(["Right"] * i), "Return")
            f = self.screen_is(BRIEFING, "a briefing (%s)" % where)
            f = self.settle()
            if title in " ".join(t[4] for t in f.texts):
                return f
            self.inp.key("Escape")
            self.screen_is(LIBRARY)
        raise Failure("%s: no card of the library opens the briefing of %r" % (where, title))

    def check_not_you(self, f, where, screen):
        nv = self.word("NOT_YOU")
        self.check(any(t[4] in nv for t in f.texts if t[2] == 0), where,
                   "the %s's top bar does not show %r whole" % (screen, nv))

    def mode_words(self):
        return self.word("ASSESSMENT"), self.word("PRACTICE")

    def call(self, numbers, lang, where, try_practice=False, try_take_back=False):
        """From the briefing: (the mode key for practice,) Enter, the replies by number keys,
        each once the customer's line is shown; (Backspace after the first;) the results."""
        self.check_not_you(self.settle(), where, "briefing")
        if try_practice:
            self.inp.key("p")  # the briefing's key for practice (briefing.c)
            f = self.settle()
            self.shot("briefing-after-p")
            texts = [t[4] for t in f.texts if t[2] != 2]
            joined = " ".join(texts)
            for w in self.word("BRIEF_MODE_PRACTICE") + self.word("DESK_LOCK_PRACTICE"):
                self.check(w not in joined, where, "after the mode key for practice the "
                           "briefing says %r: the trainee switched the locked mode" % w)
            lock = self.word("DESK_LOCK_ASSESSMENT")
            # the sentence may wrap: its lines are pieces of it
            pieces = [t for t in texts if len(t) >= 8 and any(t.strip() in w for w in lock)]
            self.check(bool(pieces), where, "after the mode key for practice the briefing does "
                       "not say %r" % (lock,))
        self.inp.key("Return")
        self.screen_is(CONVERSATION, "the call (%s)" % where)
        assess, _ = self.mode_words()
        for i, k in enumerate(numbers):
            f = self.wait(lambda f: f.call and f.kind("reply-number") and not f.kind("typing")
                          and not f.kind("ended"), "the replies of turn %d (%s)" % (i + 1, where),
                          timeout=TYPING_S + 6)
            if i == 0:
                mode = [t[4] for t in f.kind("mode")]
                self.check(mode and mode[0] in assess, where, "the call's top bar says the mode "
                           "%r, expected assessment %r" % (mode, assess))
            node = f.call[1]
            self.inp.key(str(k))
            f = self.wait(lambda f: f.kind("typing") or f.kind("ended") or
                          (f.call and f.call[1] != node), "the customer's answer to reply %d "
                          "(%s)" % (k, where), timeout=10)
            if try_take_back and i == 0:
                self.take_back_refused(node, where)
        self.wait(lambda f: f.kind("ended"), "the end of the call (%s)" % where,
                  timeout=TYPING_S + 6)
        self.settle()
        self.inp.key("Return")
        self.screen_is(RESULTS, "the results (%s)" % where)
        f = self.settle()
        check_texts(self, where + " results", f)
        # the top bar names the scenario beside the trainee, however long their name (cut, not
        # gone): at least the title's first five characters
        title = self.scenario_title(lang)
        bar = " ".join(t[4] for t in f.texts if t[1][1] < 50 and t[0] != "who" and t[2] != 2)
        self.check(title[:5] in bar, where, "the results' top bar does not show the scenario "
                   "%r beside the trainee's name: %r" % (title, bar))
        self.shot("results-" + where.replace(" ", "-"))

    def take_back_refused(self, node, where):
        """Backspace in an assessment: the reply stays (no "undone" on the meters, the call
        does not go back to the node it left)."""
        f = self.wait(lambda f: not f.kind("typing"), "the customer's line (%s)" % where,
                      timeout=TYPING_S + 4)
        after = f.call[1] if f.call else None
        self.last()
        k = self.n_frames
        self.inp.key("BackSpace")
        # the call's clock draws frames all the time: three after the key, it has been handled
        f = self.wait(lambda f: self.n_frames >= k + 3, "frames after Backspace")
        self.shot("take-back-refused")
        self.check(not f.kind("meter-undone"), where, "Backspace in an assessment took the "
                   "reply back: the meters show %r" % [t[4] for t in f.kind("meter-undone")])
        self.check(f.call is None or f.call[1] == after, where, "Backspace in an assessment "
                   "moved the call from node %s to %s" % (after, f.call and f.call[1]))
        print("  %s: Backspace after the reply at node %s: the call stays at %s" % (
            where, node, f.call and f.call[1]), flush=True)

    def to_library(self):
        self.inp.key("l")
        self.screen_is(LIBRARY, "the library from the results")

    # ---- a laptop's session of the day ----------------------------------------------------------
    def start(self, laptop, day_session, extra=()):
        env = harness.clean_env(self.xvfb.display, laptop.config, laptop.data,
                                {"FRONTLINE_TRACE": "layout"})
        args = ["--workshop", laptop.workshop, "--session", day_session] + list(extra)
        log = os.path.join(self.art, "laptop%s-%s.log" % (laptop.name, day_session))
        self.app = App(self.binary, args, env, cwd=laptop.home, log=log)
        self.seen, self.carry, self.frame, self.n_frames = 0, [], None, 0
        self.app.wait_first_frame()
        self.inp = Input(self.xvfb.display)
        self.inp.focus(self.inp.window_of(self.app.pid))

    def stop(self, where):
        self.inp.key("Escape")  # the library: Esc quits
        rc = self.app.wait_exit(5)
        if rc is None:
            self.fail(where, "Esc on the library did not quit within 5 s")
        elif rc != 0:
            self.fail(where, "the program exited with status %d" % rc)
        self.app.stop()
        self.app = None

    def laptop_session(self, laptop, day_session):
        people = DAY[(laptop.name, day_session)]
        extra = []
        first_how = "empty"
        if laptop.name == "1" and day_session == "afternoon":
            # the scenario on the command line: the sign-in still shows who will be recorded
            extra = [os.path.join(self.root, SCEN[people[0][1]]["path"])]
            first_how = "keep"
        elif laptop.name == "2" and day_session == "afternoon":
            first_how = "select"
        self.say("laptop %s, %s: %s" % (laptop.name, day_session,
                                        ", ".join(p[0] for p in people)))
        self.current_part = day_session
        if laptop.xvfb is None:  # each laptop its own display (and keyboard map)
            laptop.xvfb = Xvfb(1280, 720, log=os.path.join(self.art, "xvfb%s.log" % laptop.name))
        self.xvfb = laptop.xvfb
        self.start(laptop, day_session, extra)
        try:
            for i, (name, lang) in enumerate(people):
                where = "laptop %s %s %s" % (laptop.name, day_session, name.split()[0])
                if i > 0:
                    self.to_library()
                    self.not_you(where)
                how = first_how if i == 0 else "empty"
                f = self.sign_in(name, how, where)
                if extra and i == 0:
                    self.check(f.screen == BRIEFING, where, "started with a scenario, Enter on "
                               "the sign-in should open its briefing (screen %d)" % f.screen)
                    self.settle()
                    title = self.scenario_title(lang)
                    self.check(title in " ".join(t[4] for t in self.last().texts), where,
                               "the briefing is not that of %r" % title)
                else:
                    if f.screen == BRIEFING:
                        self.inp.key("Escape")
                    self.open_scenario(lang, where)
                first = laptop.name == "1" and day_session == "morning" and i == 0
                self.call(self.plans[(lang, day_session)], lang, where, try_practice=first,
                          try_take_back=first)
                self.expected.append((laptop.name, day_session, name[:NAME_MAX], lang))
            self.to_library()
            self.stop("laptop %s %s" % (laptop.name, day_session))
        except Failure:
            try:
                self.shot("failure")
            except Failure:
                pass
            raise
        finally:
            if self.app:
                self.app.stop()
                self.app = None

    # ---- the plans -------------------------------------------------------------------------------
    def play_script(self, lang, lines):
        script = os.path.join(self.tmp, "plan.script")
        with open(script, "w", encoding="utf-8") as f:
            f.write("".join("%s\n" % x for x in lines))
        p = self.frontline("play", "--script", script, "--no-store", SCEN[lang]["path"])
        return p, (json.loads(p.stdout) if p.returncode == 0 else None)

    def numbers_of(self, lang, ids):
        """The reply numbers (keys 1-9) of a path given as reply ids."""
        numbers = []
        for i, want in enumerate(ids):
            for n in range(1, 10):
                p, out = self.play_script(lang, numbers + [n] + ids[i + 1:])
                if out is None:
                    continue
                agents = [t["agent"] for t in out["transcript"] if t.get("agent")]
                if len(agents) > i and agents[i].get("reply") == want:
                    numbers.append(n)
                    break
            else:
                raise Failure("%s: no reply number gives %s at turn %d" % (lang, want, i + 1))
        return numbers

    def plan(self):
        self.say("the paths: the morning's weak one, the afternoon's best")
        for lang in SCEN:
            p = self.frontline("explore", "--script", "best", SCEN[lang]["path"])
            if p.returncode != 0:
                raise Failure("explore --script best %s: %s" % (SCEN[lang]["path"],
                                                               p.stderr.decode()))
            ids = [l.split()[0] for l in p.stdout.decode().splitlines()
                   if l.strip() and not l.startswith("#")]
            self.plans[(lang, "afternoon")] = self.numbers_of(lang, ids)
            self.plans[(lang, "morning")] = MORNING[lang]
            scores = {}
            for part in ("morning", "afternoon"):
                _, out = self.play_script(lang, self.plans[(lang, part)])
                if out is None or out["ending"]["outcome"] != "resolved":
                    raise Failure("%s %s: the path %s does not end the call resolved"
                                  % (lang, part, self.plans[(lang, part)]))
                scores[part] = out["overall"]
            print("  %s: morning %s (%s), afternoon %s (%s)" % (
                lang, self.plans[(lang, "morning")], scores["morning"],
                self.plans[(lang, "afternoon")], scores["afternoon"]), flush=True)
            if scores["afternoon"] <= scores["morning"]:
                raise Failure("%s: the best path does not score above the weak one" % lang)

    # ---- 1. the leader's workshop file -----------------------------------------------------------
    def leader(self):
        self.say("the leader writes the workshop file")
        path = os.path.join(self.tmp, "kazan.workshop.xml")
        args = ["workshop", "new", "--title", TITLE, "--group", GROUP,
                "--scenario", SCEN["en"]["id"], "--scenario", SCEN["ru"]["id"],
                "--mode", "assessment", "--timed", "yes", "--extension", "x1.5", "--lang", "ru"]
        for name, a, b in SESSIONS:
            args += ["--session", "%s=%s-%s" % (name, a, b)]
        args += ["-o", path]
        p = self.frontline(*args, cwd=self.tmp)
        if p.returncode != 0 or not os.path.exists(path):
            raise Failure("frontline %s: exit %d, %s" % (" ".join(args), p.returncode,
                                                        p.stderr.decode(errors="replace").strip()))
        shutil.copy(path, os.path.join(self.art, os.path.basename(path)))
        p = self.frontline("lint", path)
        self.check(p.returncode == 0, "lint", "frontline lint %s: exit %d: %s" % (
            path, p.returncode, (p.stdout + p.stderr).decode(errors="replace").strip()))
        xsd = os.path.join(self.root, "scenarios", "schema", "workshop.xsd")
        if self.check(os.path.exists(xsd), "schema", "no %s" % xsd) and shutil.which("xmllint"):
            p = subprocess.run(["xmllint", "--noout", "--schema", xsd, path], capture_output=True)
            self.check(p.returncode == 0, "schema", "xmllint --schema workshop.xsd: %s"
                       % p.stderr.decode(errors="replace").strip())
        w = ET.parse(path).getroot()
        self.check(w.tag == "workshop", "the file", "root <%s>, expected <workshop>" % w.tag)
        self.ws_id = w.get("id")
        self.check(bool(self.ws_id), "the file", "the workshop has no id")
        self.check((w.findtext("title") or "").strip() == TITLE, "the file",
                   "title %r" % w.findtext("title"))
        self.check((w.findtext("group") or "").strip() == GROUP, "the file",
                   "group %r" % w.findtext("group"))
        rules = w.find("rules")
        got = {k: rules.get(k) for k in ("mode", "timed", "extension")} if rules is not None else {}
        self.check(got == {"mode": "assessment", "timed": "yes", "extension": "x1.5"}, "the file",
                   "<rules> says %s, expected assessment, timed, x1.5" % got)
        items = [(e.tag, e.get("bundled")) for e in w.find("library") or []]
        self.check(sorted(items) == sorted([("scenario", SCEN[l]["id"]) for l in SCEN]),
                   "the file", "library %s" % items)
        sess = [(e.get("name"), e.get("from"), e.get("until")) for e in w.find("sessions") or []]
        self.check(sess == SESSIONS, "the file", "sessions %s, expected %s" % (sess, SESSIONS))
        print("  %s: id %s, lint clean" % (os.path.basename(path), self.ws_id), flush=True)
        return path

    # ---- 4. the stores ---------------------------------------------------------------------------
    def report_json(self, *args):
        p = self.frontline("report", *args, "--format", "json")
        if p.returncode != 0:
            raise Failure("frontline report %s --format json: exit %d: %s" % (
                " ".join(args), p.returncode, p.stderr.decode(errors="replace").strip()))
        out = p.stdout.decode("utf-8")
        data = json.loads(out) if out.strip() else []
        return [s for s in data if "scenario" in s]

    @staticmethod
    def workshop_of(s):
        """The session's workshop and session of the day: the JSON export's "workshop": {"id",
        "session"} (null outside a workshop)."""
        w = s.get("workshop")
        return (w.get("id"), w.get("session")) if isinstance(w, dict) else (None, None)

    def day_session_of(self, s):
        return self.workshop_of(s)[1]

    def check_stores(self, laptops):
        self.say("the stores: every session under the right name, group, workshop and session")
        ok_sessions = []
        for lp in laptops:
            if not self.check(os.path.exists(lp.db), "laptop " + lp.name, "no store at %s" % lp.db):
                continue
            got = self.report_json("--db", lp.db)
            want = [e for e in self.expected if e[0] == lp.name]
            self.check(len(got) == len(want), "laptop " + lp.name, "%d sessions in the store, "
                       "%d played: %s" % (len(got), len(want),
                                          [(s.get("trainee"), s["scenario"]["id"]) for s in got]))
            for s, (_, part, name, lang) in zip(got, want):
                where = "laptop %s %s %s" % (lp.name, part, name.split()[0])
                exp = {"trainee": name, "group": GROUP, "mode": "assessment", "player": "desktop",
                       "finished": True, "timed": True, "time_factor": 1.5}
                for k, v in exp.items():
                    self.check(s.get(k) == v, where, "session %s is %r, expected %r"
                               % (k, s.get(k), v))
                self.check(self.workshop_of(s) == (self.ws_id, part), where, "the workshop and "
                           "session of the day are %s, expected %s" % (self.workshop_of(s),
                                                                        (self.ws_id, part)))
                self.check(s["scenario"]["id"] == SCEN[lang]["id"], where, "scenario %s"
                           % s["scenario"]["id"])
                replies = [t for t in s.get("turns", []) if t["speaker"] == "trainee"]
                back = [t for t in replies if t.get("taken_back")]
                self.check(not back and len(replies) == len(self.plans[(lang, part)]), where,
                           "%d replies (%d taken back), %d pressed" % (
                               len(replies), len(back), len(self.plans[(lang, part)])))
                ok_sessions.append((lp.name, part, name, s))
            # the names as the store holds their bytes: valid UTF-8, the long one cut at 80
            con = sqlite3.connect("file:%s?mode=ro" % lp.db, uri=True)
            try:
                raw = [r[0] for r in con.execute("SELECT CAST(name AS BLOB) FROM trainees")]
            finally:
                con.close()
            names = []
            for b in raw:
                try:
                    names.append(bytes(b).decode("utf-8"))
                except UnicodeDecodeError as e:
                    self.fail("laptop " + lp.name, "a trainee's name is not valid UTF-8: %r (%s)"
                              % (bytes(b), e))
            want_names = sorted({e[2] for e in want})
            self.check(sorted(set(names)) == want_names, "laptop " + lp.name,
                       "the store's trainees %s, expected %s" % (sorted(set(names)), want_names))
            self.check_profiles(lp, want_names)
        # the long name: exactly its first 80 characters, cut between two of them
        long_cut = LONG[:NAME_MAX]
        got = [s for _, _, n, s in ok_sessions if n == long_cut]
        self.check(len(got) == 2 and all(len(s["trainee"]) == NAME_MAX for s in got),
                   "the long name", "sessions of %r (%d characters): %s" % (
                       long_cut, NAME_MAX, [s["trainee"] for s in got]))
        # the afternoon does better, trainee by trainee
        by = {}
        for lp_name, part, name, s in ok_sessions:
            by.setdefault((lp_name, name), {})[part] = s.get("overall")
        for (lp_name, name), parts in sorted(by.items()):
            m, a = parts.get("morning"), parts.get("afternoon")
            self.check(m is not None and a is not None and a > m, "laptop " + lp_name,
                       "%s: morning %s, afternoon %s: expected the afternoon higher" % (name, m, a))
        return ok_sessions

    def check_profiles(self, lp, names):
        """settings.json: the laptop's last trainee and group, one profile per trainee."""
        try:
            with open(lp.settings, encoding="utf-8") as f:
                st = json.load(f)
        except (OSError, ValueError) as e:
            self.fail("laptop " + lp.name, "settings.json: %s" % e)
            return
        profiles = st.get("profiles")
        if not self.check(isinstance(profiles, dict), "laptop " + lp.name,
                          "settings.json has no \"profiles\" object: %s" % sorted(st)):
            return
        self.check(sorted(profiles) == names, "laptop " + lp.name, "profiles for %s, expected "
                   "one per trainee %s" % (sorted(profiles), names))
        for who, pr in sorted(profiles.items()):
            # a new trainee starts from the defaults (practice: the workshop's lock is not
            # theirs) in the workshop's language (workshop.h: lang)
            self.check(isinstance(pr, dict) and pr.get("assessment") is False, "laptop " + lp.name,
                       "%s's profile: assessment %r, expected false (their own default; the "
                       "workshop locks it, the profile keeps theirs)" % (
                           who.split()[0], pr.get("assessment") if isinstance(pr, dict) else pr))
            self.check(isinstance(pr, dict) and pr.get("language") == "ru", "laptop " + lp.name,
                       "%s's profile: language %r, expected the workshop's \"ru\" for a new "
                       "trainee" % (who.split()[0], pr.get("language") if isinstance(pr, dict)
                                    else pr))
        last = [e[2] for e in self.expected if e[0] == lp.name][-1]
        self.check(st.get("trainee") == last, "laptop " + lp.name, "settings.json's trainee "
                   "%r, expected the last one %r" % (st.get("trainee"), last))

    def check_filters(self, laptops):
        self.say("report --workshop ID --session NAME")
        dbs = [x for lp in laptops for x in ("--db", lp.db)]
        for part, _, _ in SESSIONS:
            got = self.report_json(*dbs, "--workshop", self.ws_id, "--session", part)
            want = [e for e in self.expected if e[1] == part]
            self.check(len(got) == len(want) and all(self.day_session_of(s) == part for s in got),
                       "filter", "--session %s gives %d sessions (%s), expected %d" % (
                           part, len(got), sorted({str(self.day_session_of(s)) for s in got}),
                           len(want)))
        # a mistyped id: a usage error naming the workshops there are (each once)
        p = self.frontline("report", *dbs, "--workshop", "2026-11-kazan", "--format", "json")
        err = p.stderr.decode(errors="replace").strip()
        self.check(p.returncode == 2 and not p.stdout.strip() and err.count(self.ws_id) == 1,
                   "filter", "--workshop 2026-11-kazan (mistyped): exit %d, %r; expected exit 2 "
                   "and a message naming %s once" % (p.returncode, err, self.ws_id))

    # ---- 5. the leader's report ------------------------------------------------------------------
    def export(self, laptops, name, *args):
        out = os.path.join(self.art, name)
        if os.path.exists(out):
            os.remove(out)
        dbs = [x for lp in laptops for x in ("--db", lp.db)]
        p = self.frontline("report", *dbs, *args, "-o", out, timeout=240)
        if p.returncode != 0 or not os.path.exists(out):
            self.fail("report", "frontline report %s -o %s: exit %d: %s" % (
                " ".join(args), name, p.returncode, p.stderr.decode(errors="replace").strip()))
            return None
        return out

    def chromium(self, *args, timeout=180):
        profile = tempfile.mkdtemp(prefix="chromium-", dir=self.tmp)
        cmd = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--user-data-dir=" + profile] + list(args)
        return subprocess.run(cmd, capture_output=True, timeout=timeout, cwd=self.tmp)

    def check_html(self, laptops, sessions):
        for lang in ("en", "ru"):
            self.say("the HTML report (%s) through Chromium" % lang)
            path = self.export(laptops, "day.%s.html" % lang, "--format", "html", "--lang", lang)
            if not path:
                continue
            p = self.chromium("--dump-dom", "file://" + path)
            if not self.check(p.returncode == 0 and p.stdout, "html " + lang,
                              "chromium --dump-dom: exit %d %s" % (
                                  p.returncode, p.stderr.decode(errors="replace")[-500:])):
                continue
            dom = p.stdout.decode("utf-8")
            with open(os.path.join(self.art, "day.%s.dom.html" % lang), "w",
                      encoding="utf-8") as f:
                f.write(dom)
            self.check_room(dom, lang, sessions)
            png = os.path.join(self.art, "day.%s.png" % lang)
            p = self.chromium("--hide-scrollbars", "--window-size=1280,2400",
                              "--screenshot=" + png, "file://" + path)
            if self.check(p.returncode == 0 and os.path.exists(png), "html " + lang,
                          "chromium --screenshot: exit %d" % p.returncode):
                self.check_not_blank(png, "html %s screenshot" % lang)

    def check_room(self, dom, lang, sessions):
        """The room's profile and the sessions of the day compared, from Chromium's DOM
        (tools/report_html.c: section#room, section#compare, tr#cmp-overall, tr.tchg)."""
        where = "html " + lang
        li = 0 if lang == "en" else 1
        doc = parse_dom(dom)
        trainees = {name for _, _, name, _ in sessions}
        room = doc.find(lambda e: e.tag == "section" and e.attrs.get("id") == "room")
        if self.check(room is not None, where, "no room profile (section#room)"):
            h2 = room.find(lambda e: e.tag == "h2")
            self.check(h2 is not None and h2.text() == self.word("RPT_ROOM_H")[li], where,
                       "the room's heading is %r, expected %r" % (
                           h2 and h2.text(), self.word("RPT_ROOM_H")[li]))
            crit = room.find(lambda e: e.attrs.get("id") == "room-crit")
            self.check(crit is not None and crit.attrs.get("data-of") == str(len(trainees)),
                       where, "the room counts %s trainees, expected %d" % (
                           crit and crit.attrs.get("data-of"), len(trainees)))
            dims = {e.attrs.get("data-dim") for e in room.find_all(
                lambda e: e.tag == "tr" and "room-row" in e.classes())}
            self.check({"empathy", "ownership", "resolution", "overall"} <= dims, where,
                       "the room's rows %s lack a dimension" % sorted(dims))
        # each trainee in detail on demand: one closed <details> per trainee, not a wall of cards
        det = doc.find_all(lambda e: e.tag == "details" and "trainee" in e.classes())
        names = sorted(e.find(lambda x: "t-name" in x.classes()).text() for e in det
                       if e.find(lambda x: "t-name" in x.classes()) is not None)
        self.check(names == sorted(trainees) and not any("open" in e.attrs for e in det), where,
                   "per-trainee detail: %d <details> (%s open) for %s, expected one closed per "
                   "trainee" % (len(det), sum("open" in e.attrs for e in det), names))
        cmp_ = doc.find(lambda e: e.tag == "section" and e.attrs.get("id") == "compare")
        if not self.check(cmp_ is not None, where, "no comparison (section#compare)"):
            return
        h2 = cmp_.find(lambda e: e.tag == "h2")
        self.check(h2 is not None and h2.text() == self.word("RPT_CMP_SESSION_H")[li], where,
                   "the comparison's heading is %r, expected %r" % (
                       h2 and h2.text(), self.word("RPT_CMP_SESSION_H")[li]))
        sides = [e.text() for e in cmp_.find_all(
            lambda e: e.tag == "th" and "side-name" in e.classes())]
        self.check(sides == [p for p, _, _ in SESSIONS], where, "the sides compared are %s, "
                   "expected morning then afternoon" % sides)
        row = cmp_.find(lambda e: e.tag == "tr" and e.attrs.get("id") == "cmp-overall")
        if self.check(row is not None, where, "no overall row in the comparison"):
            vals = [float(e.attrs["data-v"]) for e in row.find_all(
                lambda e: e.tag == "td" and "side" in e.classes() and "data-v" in e.attrs)]
            want = []
            for part, _, _ in SESSIONS:
                xs = [s["overall"] for _, p, _, s in sessions if p == part]
                want.append(sum(xs) / len(xs) if xs else None)
            self.check(len(vals) == 2 and all(abs(v - w) < 0.05 for v, w in zip(vals, want)),
                       where, "overall: the comparison shows %s, the stores' means are %s"
                       % (vals, want))
            chg = row.find(lambda e: e.tag == "td" and "chg" in e.classes())
            cls = chg.classes() if chg is not None else []
            self.check("up" in cls and "better" in cls and
                       self.word("RPT_UP")[li] in chg.text(), where,
                       "overall from morning to afternoon: the change cell is %r (%s), expected "
                       "up and better" % (chg and chg.text(), cls))
            print("  %s: overall morning %.1f -> afternoon %.1f: %s" % (
                lang, vals[0] if vals else -1, vals[1] if len(vals) > 1 else -1,
                chg and chg.text()), flush=True)
        own = cmp_.find_all(lambda e: e.tag == "tr" and "tchg" in e.classes())
        names = sorted(e.find(lambda x: "tc-name" in x.classes()).text() for e in own)
        self.check(names == sorted(trainees), where, "each trainee's own change: rows for %s, "
                   "expected %s" % (names, sorted(trainees)))
        for e in own:
            c = e.find(lambda x: x.tag == "td" and "chg" in x.classes())
            self.check(c is not None and "up" in c.classes(), where, "%s's own change is %r, "
                       "expected up" % (e.text()[:30], c and c.text()))

    def check_not_blank(self, png, where):
        p = subprocess.run(["convert", png, "-colorspace", "gray", "-format",
                            "%[fx:mean] %[fx:standard_deviation]", "info:"],
                           capture_output=True, text=True, timeout=60)
        try:
            mean, sd = (float(v) for v in p.stdout.split())
        except ValueError:
            self.fail(where, "cannot measure %s: %s" % (png, p.stderr.strip()))
            return
        self.check(sd > 0.05 and mean < 0.995, where, "%s looks blank (mean %.3f, sd %.3f)"
                   % (os.path.basename(png), mean, sd))

    def check_csv(self, laptops, sessions):
        self.say("the CSV for HR (--lang ru: the Excel form) through LibreOffice")
        path = self.export(laptops, "day.csv", "--format", "csv", "--lang", "ru")
        if not path:
            return
        raw = open(path, "rb").read()
        self.check(raw.startswith(b"\xef\xbb\xbf"), "csv", "no UTF-8 byte-order mark")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            self.fail("csv", "day.csv is not valid UTF-8: %s" % e)
            return
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
        if not self.check(len(rows) == len(sessions) + 1 and len(rows[0]) > 5, "csv",
                          "%d rows of %d columns split at ';', expected %d sessions and a header"
                          % (len(rows), len(rows[0]) if rows else 0, len(sessions))):
            return
        ru = {k: self.word(k)[1] for k in ("CSV_SESSION", "CSV_TRAINEE", "CSV_GROUP", "CSV_MODE",
                                           "CSV_OVERALL", "CSV_WORKSHOP", "CSV_DAY_SESSION",
                                           "CSV_TIME_FACTOR", "CSV_CRITICAL")}
        col = {h: i for i, h in enumerate(rows[0])}
        missing = [v for v in ru.values() if v not in col]
        if not self.check(not missing, "csv", "no column %s in the Russian header %s"
                          % (missing, rows[0])):
            return
        by_id = {s["session"]: (part, name, s) for _, part, name, s in sessions}
        assess = self.word("ASSESSMENT")[1]
        for r in rows[1:]:
            got = by_id.get(r[col[ru["CSV_SESSION"]]])
            if not self.check(got is not None, "csv", "a row of an unknown session %r"
                              % r[col[ru["CSV_SESSION"]]]):
                continue
            part, name, s = got
            cells = {k: r[col[v]] for k, v in ru.items()}
            want = {"CSV_TRAINEE": name, "CSV_GROUP": GROUP, "CSV_MODE": assess,
                    "CSV_WORKSHOP": self.ws_id, "CSV_DAY_SESSION": part,
                    "CSV_OVERALL": str(s["overall"]), "CSV_TIME_FACTOR": "1,5"}
            for k, v in want.items():
                self.check(cells[k] == v, "csv", "%s's %s is %r, expected %r"
                           % (name.split()[0], ru[k], cells[k], v))
            # the critical mistakes by name in Russian, not the rule ids ("transfer")
            crit = cells["CSV_CRITICAL"]
            self.check(bool(s.get("critical")) == bool(crit) and not re.search(
                r"[A-Za-z]{3,}", crit), "csv", "%s's %s is %r: expected the critical mistakes "
                "%s named in Russian" % (name.split()[0], ru["CSV_CRITICAL"], crit,
                                        s.get("critical")))
        # LibreOffice, as a Russian Excel user opens it: ';', UTF-8, Russian number format
        sheet = self.libreoffice(path)
        if not self.check(len(sheet) >= len(sessions) + 1, "csv", "LibreOffice read %d rows"
                          % len(sheet)):
            return
        hcol = {c[2]: i for i, c in enumerate(sheet[0])}
        tcol, ocol = hcol.get(ru["CSV_TRAINEE"]), hcol.get(ru["CSV_OVERALL"])
        if not self.check(tcol is not None and ocol is not None, "csv",
                          "LibreOffice's header %s" % [c[2] for c in sheet[0]]):
            return
        cells = sheet[1:len(sessions) + 1]
        names = {c[tcol][2] for c in cells}
        want_names = {name for _, _, name, _ in sessions}
        self.check(names == want_names, "csv", "LibreOffice: the names %s, expected %s"
                   % (sorted(names), sorted(want_names)))
        nums = [c[ocol] for c in cells]
        self.check(all(v[0] == "float" for v in nums), "csv", "LibreOffice: the overall scores "
                   "are not all numbers: %s" % nums[:4])
        got = sorted(float(v[2].replace(",", ".")) for v in nums if v[0] == "float")
        want = sorted(float(s["overall"]) for _, _, _, s in sessions)
        self.check(got == want, "csv", "LibreOffice: overall %s, the stores have %s" % (got, want))
        # the decimal comma: "1,5" is the number 1.5 to a Russian spreadsheet
        fcol = hcol.get(ru["CSV_TIME_FACTOR"])
        factors = [c[fcol] for c in cells] if fcol is not None else []
        self.check(factors and all(f[0] == "float" and f[2] in ("1,5", "1.5") for f in factors),
                   "csv", "LibreOffice: the time factor cells %s, expected the number 1,5"
                   % factors[:3])
        print("  day.csv: %d rows, BOM, ';', LibreOffice reads %d names and %d numbers"
              % (len(rows) - 1, len(names), len(got)), flush=True)

    def libreoffice(self, path):
        # CSV import: ';', '"', UTF-8 (76), from line 1, default columns, Russian (1049)
        opts = "CSV:59,34,76,1,,1049,false,false,false,false,false,-1,true"
        profile = tempfile.mkdtemp(prefix="lo-profile-", dir=self.tmp)
        out = os.path.join(self.tmp, "ods")
        os.makedirs(out, exist_ok=True)
        p = subprocess.run(["soffice", "-env:UserInstallation=file://" + profile, "--headless",
                            "--convert-to", "ods", "--outdir", out, "--infilter=" + opts, path],
                           capture_output=True, timeout=180)
        ods = os.path.join(out, os.path.splitext(os.path.basename(path))[0] + ".ods")
        if not self.check(p.returncode == 0 and os.path.exists(ods), "csv",
                          "LibreOffice did not convert %s: %s" % (path, p.stderr.decode()[-300:])):
            return []
        shutil.copy(ods, self.art)
        return ods_rows(ods)

    def check_pdf(self, laptops):
        self.say("the PDF for those who print it")
        path = self.export(laptops, "day.pdf", "--format", "pdf")
        if not path:
            return
        self.check(open(path, "rb").read(5) == b"%PDF-", "pdf", "not a PDF file")
        prefix = os.path.join(self.tmp, "page")
        p = subprocess.run(["pdftoppm", "-r", "40", "-png", path, prefix], capture_output=True,
                           timeout=120)
        pages = sorted(x for x in os.listdir(self.tmp) if x.startswith("page") and
                       x.endswith(".png"))
        if not self.check(p.returncode == 0 and pages, "pdf", "pdftoppm: exit %d, %d pages: %s"
                          % (p.returncode, len(pages), p.stderr.decode()[-300:])):
            return
        for x in pages:
            shutil.copy(os.path.join(self.tmp, x), os.path.join(self.art, "pdf-" + x))
        self.check_not_blank(os.path.join(self.tmp, pages[0]), "pdf page 1")
        p = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, timeout=60)
        text = p.stdout.decode("utf-8", "replace")
        with open(os.path.join(self.art, "day.pdf.txt"), "w", encoding="utf-8") as f:
            f.write(text)
        flat = re.sub(r"\s+", " ", text)
        for wid in ("RPT_ROOM_H", "RPT_CMP_SESSION_H"):
            self.check(self.word(wid)[0] in flat, "pdf", "the PDF's text has no %r"
                       % self.word(wid)[0])
        self.check(LONG.split()[0] in flat, "pdf", "the PDF's text lacks the Cyrillic name %r"
                   % LONG.split()[0])
        # each trainee's own change is printed whole: a row with their name ends in "up,
        # better" (a table wider than the page would cut it, say "up, bet")
        up = "%s, %s" % (self.word("RPT_UP")[0], self.word("RPT_BETTER")[0])
        lines = text.splitlines()
        for name in (MARINA, JOHN, ANNA, OLEG):
            self.check(any(name in l and up in l for l in lines), "pdf", "no printed line has "
                       "%s's own change %r whole: %s" % (name, up, [l.strip()[-40:] for l in lines
                                                                  if name in l][:3]))
        print("  %s: %d page(s)" % (os.path.basename(path), len(pages)), flush=True)

    # ---- the day ------------------------------------------------------------------------------
    def main(self):
        t0 = time.monotonic()
        os.makedirs(self.art, exist_ok=True)
        for f in os.listdir(self.art):
            os.remove(os.path.join(self.art, f))
        harness.need_tools("Xvfb", "xdotool", "import", "convert")
        try:
            self.plan()
            wfile = self.leader()
            laptops = [Laptop(n, os.path.join(self.tmp, "laptop" + n), wfile) for n in "12"]
            try:
                for part, _, _ in SESSIONS:
                    for lp in laptops:
                        self.laptop_session(lp, part)
            finally:
                for lp in laptops:
                    if lp.xvfb:
                        lp.xvfb.stop()
                self.xvfb = None
            print("  the day played in %.0f s" % (time.monotonic() - t0), flush=True)
            sessions = self.check_stores(laptops)
            self.check_filters(laptops)
            self.check_html(laptops, sessions)
            self.check_csv(laptops, sessions)
            self.check_pdf(laptops)
        finally:
            if self.app:
                self.app.stop()
            if not self.a.keep:
                shutil.rmtree(self.tmp, ignore_errors=True)
        print("workshop day: %d checks, %d failure(s), %.0f s" % (
            self.checks, len(self.failures), time.monotonic() - t0), flush=True)
        for f in self.failures:
            print("  - " + f)
        return 1 if self.failures else 0


# ---- helpers -------------------------------------------------------------------------------------

def describe(f):
    if f is None:
        return "none"
    return "%d, screen %d, texts %s" % (f.n, f.screen, [t[4][:30] for t in f.texts][:12])


class Node:
    """An element of a parsed HTML document: tag, attributes, children (nodes and strings)."""

    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def text(self):
        out = []
        for c in self.children:
            out.append(c if isinstance(c, str) else c.text())
        return re.sub(r"\s+", " ", " ".join(out)).strip()

    def find_all(self, pred):
        found = []
        for c in self.children:
            if isinstance(c, Node):
                if pred(c):
                    found.append(c)
                found += c.find_all(pred)
        return found

    def find(self, pred):
        found = self.find_all(pred)
        return found[0] if found else None


def parse_dom(dom):
    """Chromium's serialised DOM as a tree of Node (void elements have no children)."""
    import html.parser
    void = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr"}

    class P(html.parser.HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.root = self.cur = Node("#document", {})

        def handle_starttag(self, tag, attrs):
            n = Node(tag, attrs, self.cur)
            self.cur.children.append(n)
            if tag not in void:
                self.cur = n

        def handle_startendtag(self, tag, attrs):
            self.cur.children.append(Node(tag, attrs, self.cur))

        def handle_endtag(self, tag):
            n = self.cur
            while n is not None and n.tag != tag:
                n = n.parent
            if n is not None and n.parent is not None:
                self.cur = n.parent

        def handle_data(self, data):
            if self.cur.tag not in ("style", "script"):
                self.cur.children.append(data)

    p = P()
    p.feed(dom)
    return p.root


def ods_rows(path):
    """The cells of the first sheet of an ODS file: [(value-type, formula, text), ...] per row
    (as tests/report/spreadsheet.py reads them)."""
    import zipfile
    with zipfile.ZipFile(path) as z:
        xml = z.read("content.xml").decode("utf-8")
    rows = []
    for row in re.findall(r"<table:table-row[^>]*>(.*?)</table:table-row>", xml, re.S):
        cells = []
        for attrs, body in re.findall(
                r"<table:table-cell([^>]*?)(?:/>|>(.*?)</table:table-cell>)", row, re.S):
            rep = re.search(r'table:number-columns-repeated="(\d+)"', attrs)
            vt = re.search(r'office:value-type="(\w+)"', attrs)
            formula = re.search(r'table:formula="([^"]*)"', attrs)
            text = "\n".join(re.sub(r"<[^>]+>", "", p) for p in
                             re.findall(r"<text:p>(.*?)</text:p>", body or "", re.S))
            text = (text.replace("&quot;", '"').replace("&apos;", "'").replace("&lt;", "<")
                    .replace("&gt;", ">").replace("&amp;", "&"))
            n = int(rep.group(1)) if rep else 1
            if n > 50:
                break
            cells += [(vt.group(1) if vt else None, formula.group(1) if formula else None,
                       text)] * n
        rows.append(cells)
    return rows


def main():
    p = harness.options()
    p.add_argument("--keep", action="store_true", help="keep the temporary folder")
    a = p.parse_args()
    return harness.run_main(Run, a)


if __name__ == "__main__":
    sys.exit(main())
