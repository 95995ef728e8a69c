#!/usr/bin/env python3
"""A shared laptop's sign-in, with real key presses: the name field's editing keys, "Not you?",
each trainee's own settings, names of any script up to 80 characters, and the layout.

  signin.py --frontline BIN --root SRC --part flow|layout [--lang en|ru] [--artefacts DIR]

The real program in an Xvfb of its own (tests/desktop/harness.py), driven by xdotool, read
through its layout trace (FRONTLINE_TRACE=layout: every text drawn with its kind and box; the
name field's text is drawn as "name-field" pieces and its selection as "name-selected"), the
settings file ($XDG_CONFIG_HOME/frontline/settings.json) and the store (`frontline report
--format json`). A one-node scenario and a workshop file are written for the test.

--part flow: one laptop (one settings file, one store), a settings file from before profiles
whose trainee, Marina, played in assessment mode:
  run 1 (`frontline SCENARIO`): the sign-in shows, not the briefing: Marina's name filled in and
    selected, and a line saying Enter continues as her. End, Ctrl+A and typing Anna's name
    replace it (never "MarinaAnna"); Shift+Home and typing replace; Ctrl+Backspace deletes a
    word; Ctrl+Left, Shift+End, Ctrl+X and Ctrl+V cut and paste through the clipboard; a double
    click selects the field. Enter: the briefing as Anna, in practice (Marina's assessment does
    not carry), the top bar with Anna and "Not you?". Anna chooses assessment (A); Ctrl+N: the
    sign-in with an empty field; Boris signs in: practice again. Boris plays the call.
  run 2 (`frontline SCENARIO` again): Boris remembered and selected; typing Anna's name gives
    her assessment back; she sets 150% text in the settings (the window follows); a click on
    "Not you?" and Boris: 100% and practice; Ctrl+N and Anna: 150% and assessment again. Ctrl+N
    and a long Cyrillic name typed key by key (100 characters): 80 kept, cut between
    characters, the limit said under the field; that trainee plays the call.
  The store then has Boris's session and the long name's (exactly its first 80 characters),
  both finished; the settings file has each trainee's own profile.
--part layout: the sign-in with a workshop (its title, the session of the day, its group fixed)
  at 100, 150 and 200% text in 1280 x 720 and at 200% and 75% in 800 x 500, and the top bars of the
  library, briefing, history and settings: "Not you?" drawn whole in the window, no text over
  text; a workshop file that cannot be used said on the sign-in in the warning colour; the
  language switch (Ctrl+L) turning the sign-in into the other language, kept for the trainee.
Screenshots: ARTEFACTS/*.png. Exit 0 when everything holds, 1 otherwise.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import BRIEFING, CONVERSATION, HISTORY, LIBRARY, RESULTS, SETTINGS  # noqa: E402
from harness import SIGNIN  # noqa: E402
from harness import Failure, Input, Xvfb  # noqa: E402
from layout import check_texts, inside, traced_frames, wait_traced  # noqa: E402

NAMES = {
    "en": {"old": "Marina Petrova", "a": "Anna Smith", "b": "Boris Lee"},
    "ru": {"old": "Марина Петрова", "a": "Анна Смирнова", "b": "Борис Ли"},
}
# 100 characters of Cyrillic (letters, spaces, a hyphen): the first 80 are kept
# (of few different letters: xdotool types each through a spare keycode, and Xvfb has 19)
LONG = ("Александра Константиновна Ростовская-Басманова Антонина Веселова-Сандракова "
        "Карина Дорина Светлана Рябова")[:100]
assert len(LONG) == 100 and LONG[79] != " "
MODE = {"en": {"practice": "Practice", "assessment": "Assessment"},
        "ru": {"practice": "Тренировка", "assessment": "Аттестация"}}
TOO_LONG = {"en": "At most 80 characters", "ru": "Не больше 80 символов"}
NOT_YOU = {"en": "Not you?", "ru": "Не вы?"}
OTHER = {"en": "Русский", "ru": "English"}
WARN = (0xB2, 0x6A, 0x00)

SCENARIO = """<?xml version="1.0" encoding="UTF-8"?>
<scenario id="signin-test-call" version="1" lang="{lang}" minutes="1">
  <title>{title}</title>
  <brief>One question, one answer.</brief>
  <goal>Answer the customer once.</goal>
  <tags>test</tags>
  <customer name="Sam Green" voice="female" avatar="woman-1">
    <start mood="0" patience="60" trust="50"/>
  </customer>
  <node id="start">
    <say emotion="neutral">Hello, is my parcel on its way?</say>
    <reply to="done" signals="ownership">Let me check that for you now.<effect mood="+5"/></reply>
    <reply to="done">It is.<effect mood="-5"/></reply>
  </node>
  <ending id="done" outcome="resolved">
    <say emotion="neutral">Thank you, goodbye.</say>
  </ending>
</scenario>
"""
TITLES = {"en": "A short call", "ru": "Короткий звонок"}

WORKSHOP = """<?xml version="1.0" encoding="UTF-8"?>
<workshop id="signin-day" version="1" lang="{lang}">
  <title>{title}</title>
  <group>2026-11-kazan-b</group>
  <rules mode="assessment" timed="no"/>
  <library>
    <scenario path="call.xml"/>
  </library>
  <sessions>
    <session name="{morning}" from="00:00" until="12:00"/>
    <session name="{afternoon}" from="12:00" until="24:00"/>
  </sessions>
</workshop>
"""
WS = {"en": {"title": "Customer focus, Kazan, group B (the whole day)", "morning": "morning",
             "afternoon": "afternoon"},
      "ru": {"title": "Клиентоориентированность, Казань, группа Б (весь день)",
             "morning": "утро", "afternoon": "после обеда"}}


def field(f, kinds=("name-field", "name-selected")):
    """The name field's text in frame f: its pieces in order."""
    pieces = sorted((t for t in f.texts if t[0] in kinds), key=lambda t: t[1][0])
    return "".join(t[4] for t in pieces)


def selected(f):
    return field(f, ("name-selected",))


def of_kind(f, kind):
    return [t for t in f.texts if t[0] == kind]


class Run(harness.Checks):
    def __init__(self, a):
        super().__init__()
        self.a = a
        self.lang = a.lang
        self.n = NAMES[a.lang]
        self.binary = os.path.abspath(a.frontline)
        self.art = os.path.abspath(a.artefacts or os.path.join("artefacts", "signin", a.lang))
        os.makedirs(self.art, exist_ok=True)
        self.tmp = tempfile.mkdtemp(prefix="frontline-signin-")
        self.home = os.path.join(self.tmp, "laptop")
        self.cfg = os.path.join(self.home, "config")
        self.db = os.path.join(self.home, "results.sqlite")
        self.scenario = os.path.join(self.tmp, "call.xml")
        with open(self.scenario, "w", encoding="utf-8") as f:
            f.write(SCENARIO.format(lang=a.lang, title=TITLES[a.lang]))
        self.workshop = os.path.join(self.tmp, "day.workshop.xml")
        with open(self.workshop, "w", encoding="utf-8") as f:
            f.write(WORKSHOP.format(lang=a.lang, **WS[a.lang]))
        self.xvfb = self.app = self.inp = self.win = None
        self.shots = 0

    # ---- the program -------------------------------------------------------------------------
    def start(self, args, name, size=None, settings=None, window=None):
        """The program on this laptop's folders; settings (a dict) first written as the
        settings file when given, else the file left as the last run left it."""
        if settings is not None:
            os.makedirs(os.path.join(self.cfg, "frontline"), exist_ok=True)
            with open(os.path.join(self.cfg, "frontline", "settings.json"), "w",
                      encoding="utf-8") as f:
                json.dump(settings, f, ensure_ascii=False)
        env = harness.clean_env(self.xvfb.display, self.cfg, os.path.join(self.home, "data"),
                                {"FRONTLINE_TRACE": "layout"})
        self.app = harness.App(self.binary, ["--db", self.db] + list(args), env,
                               log=os.path.join(self.art, name + ".log"))
        self.app.wait_first_frame()
        self.win = self.inp.window_of(self.app.pid)
        if window and tuple(window) != (1280, 720):
            self.inp.run("windowsize", "--sync", self.win, window[0], window[1])
        self.inp.focus(self.win)

    def stop(self):
        if self.app:
            status = self.app.stop()
            self.check(status == 0, "the program's exit status is %s" % status)
        self.app = None

    def frame(self, cond, what, timeout=10):
        return wait_traced(self.app, cond, what, timeout, poll=0.05,
                           detail=lambda f: "screen %d, name field %r, selected %r" % (
                               f.screen, field(f), selected(f)))

    def keys(self, *ks):
        self.inp.key(*ks)

    def type(self, text):
        self.inp.type(text)

    def shot(self, name):
        path = os.path.join(self.art, "%02d-%s.png" % (self.shots, name))
        self.shots += 1
        harness.screenshot(self.xvfb.display, path)
        return path

    def settings(self):
        with open(os.path.join(self.cfg, "frontline", "settings.json"), encoding="utf-8") as f:
            return json.load(f)

    def profile(self, name):
        return self.settings().get("profiles", {}).get(name, {})

    def signin(self, name_now, what):
        """The sign-in with name_now in the name field."""
        return self.frame(lambda f: f.screen == SIGNIN and field(f) == name_now, what)

    def briefing(self, who, what, scale=None):
        """The briefing, signed in as who (the top bar), at scale when given."""
        def ok(f):
            return (f.screen == BRIEFING and any(t[4] == who for t in of_kind(f, "who")) and
                    (scale is None or abs(f.scale - scale) < 0.01) and of_kind(f, "mode-chosen"))
        f = self.frame(ok, "the briefing as %r%s" % (who, " at %.1f" % scale if scale else ""))
        link = of_kind(f, "not-you")
        self.check(bool(link) and link[0][4] == NOT_YOU[self.lang] and link[0][2] == 0,
                   what, "the top bar has no whole %r: %s" % (NOT_YOU[self.lang], link))
        self.check(f.regions.get("not-you") is not None, what, "no not-you region traced")
        check_texts(self, what, f)
        return f

    def mode(self, f):
        m = of_kind(f, "mode-chosen")
        return m[0][4] if m else None

    def play(self, what):
        """From the briefing: the call, reply 1, the results."""
        self.keys("Return")
        self.app.wait_screen(CONVERSATION)
        time.sleep(0.3)
        self.keys("space")
        time.sleep(0.4)
        self.keys("1")
        time.sleep(2.4)  # the customer's last line, after its typing pause
        self.keys("Return")
        try:
            self.app.wait_screen(RESULTS, timeout=8)
        except Failure:
            self.keys("space")
            self.app.wait_screen(RESULTS, timeout=8)
        self.shot(what + "-results")

    # ---- part flow -------------------------------------------------------------------------------
    def flow(self):
        n, lang = self.n, self.lang
        old_settings = {"language": lang, "text_size": 100, "timed": False, "assessment": True,
                        "trainee": n["old"], "group": ""}
        self.start([self.scenario], "run1", settings=old_settings)
        where = "run 1"
        f = self.signin(n["old"], "the sign-in with the remembered name")
        self.check(selected(f) == n["old"], where, "the remembered name is not selected: %r"
                   % selected(f))
        note = " ".join(t[4] for t in of_kind(f, "note"))
        self.check(n["old"] in note and "Enter" in note, where,
                   "no line saying Enter continues as %r: %r" % (n["old"], note))
        check_texts(self, where + " sign-in", f)
        self.shot("remembered")
        # End drops the selection; Ctrl+A selects it again and typing replaces it
        self.keys("End")
        self.frame(lambda f: field(f) == n["old"] and not selected(f), "End drops the selection")
        self.keys("ctrl+a")
        self.frame(lambda f: selected(f) == n["old"], "Ctrl+A selects the name")
        self.type(n["a"])
        f = self.frame(lambda f: f.screen == SIGNIN and len(field(f)) >= len(n["a"]),
                       "the typed name")
        time.sleep(0.3)
        f = traced_frames(self.app)[-1]
        self.check(field(f) == n["a"], where, "Ctrl+A and typing gave %r, not %r"
                   % (field(f), n["a"]))
        # Shift+Home selects back to the start; typing replaces the selection
        self.keys("shift+Home")
        self.frame(lambda f: selected(f) == n["a"], "Shift+Home selects the name")
        self.type("Zed")
        self.signin("Zed", "typing over the selection")
        # Ctrl+Backspace deletes a word at a time
        self.keys("ctrl+a", "BackSpace")
        self.signin("", "Ctrl+A, Backspace")
        self.type(n["a"] + " Jones")
        self.signin(n["a"] + " Jones", "the name typed with a third word")
        self.keys("ctrl+BackSpace")
        self.signin(n["a"] + " ", "Ctrl+Backspace deleting the last word")
        self.keys("BackSpace")
        self.signin(n["a"], "Backspace")
        # Ctrl+Left to the last word, Shift+End, Ctrl+X cuts it, Ctrl+V puts it back
        first, last = n["a"].split(" ")
        self.keys("ctrl+Left", "shift+End")
        self.frame(lambda f: selected(f) == last, "Ctrl+Left, Shift+End selecting %r" % last)
        self.keys("ctrl+x")
        self.signin(first + " ", "Ctrl+X cutting the last word")
        self.keys("ctrl+v")
        self.signin(n["a"], "Ctrl+V pasting it back")
        # a double click on the field selects it all
        name_box = traced_frames(self.app)[-1].regions.get("name")
        if self.check(name_box is not None, where, "no name field region traced"):
            gx, gy, _, _ = self.inp.geometry(self.win)
            self.inp.mousemove(gx + name_box[0] + name_box[2] - 20,
                               gy + name_box[1] + name_box[3] // 2)
            self.inp.click(1, repeat=2, delay_ms=60)
            self.frame(lambda f: selected(f) == n["a"], "a double click selecting the field")
            self.keys("End")
        self.shot("typed")
        self.keys("Return")
        f = self.briefing(n["a"], where + " briefing as A")
        self.check(self.mode(f) == MODE[lang]["practice"], where,
                   "a new trainee starts in %r, not practice (the previous trainee's carried)"
                   % self.mode(f))
        s = self.settings()
        self.check(s.get("trainee") == n["a"], where, "settings: trainee %r" % s.get("trainee"))
        self.check(s.get("profiles", {}).get(n["old"], {}).get("assessment") is True, where,
                   "the old file's trainee lost her profile: %s" % s.get("profiles"))
        self.check(self.profile(n["a"]).get("assessment") is False, where,
                   "A's profile: %s" % self.profile(n["a"]))
        self.shot("briefing-a")
        # A chooses assessment; Ctrl+N: someone else, the field empty
        self.keys("a")
        self.frame(lambda f: self.mode(f) == MODE[lang]["assessment"], "A in assessment")
        self.keys("ctrl+n")
        f = self.frame(lambda f: f.screen == SIGNIN, "the sign-in after Ctrl+N")
        time.sleep(0.3)
        f = traced_frames(self.app)[-1]
        self.check(field(f) == "", where, "Ctrl+N left %r in the name field" % field(f))
        self.check(not any(n["a"] in t[4] for t in f.texts), where,
                   "the sign-in after Ctrl+N still shows %r" % n["a"])
        self.shot("someone-else")
        self.type(n["b"])
        self.signin(n["b"], "B's name typed")
        self.keys("Return")
        f = self.briefing(n["b"], where + " briefing as B")
        self.check(self.mode(f) == MODE[lang]["practice"], where,
                   "B starts in %r: A's mode carried over" % self.mode(f))
        self.check(self.profile(n["a"]).get("assessment") is True, where,
                   "A's assessment was not kept in her profile: %s" % self.profile(n["a"]))
        self.play("b")
        self.stop()

        # run 2: the same laptop, started with the scenario again
        where = "run 2"
        self.start([self.scenario], "run2")
        f = self.signin(n["b"], "the sign-in with B remembered")
        self.check(selected(f) == n["b"], where, "B's name is not selected: %r" % selected(f))
        self.type(n["a"])
        self.signin(n["a"], "A typed over B")
        self.keys("Return")
        f = self.briefing(n["a"], where + " briefing as A", scale=1.0)
        self.check(self.mode(f) == MODE[lang]["assessment"], where,
                   "A did not get her assessment back: %r" % self.mode(f))
        # A sets 150% text in the settings
        self.keys("Escape")
        self.app.wait_screen(LIBRARY)
        self.keys("s")
        self.app.wait_screen(SETTINGS)
        self.keys("Down", "Right", "Right")
        f = self.frame(lambda f: f.screen == SETTINGS and abs(f.scale - 1.5) < 0.01,
                       "the settings at 150%")
        check_texts(self, where + " settings at 150%", f)
        self.check(self.profile(n["a"]).get("text_size") == 150, where,
                   "A's profile: %s" % self.profile(n["a"]))
        self.shot("settings-a-150")
        # a click on "Not you?", and B: 100%, practice
        box = f.regions.get("not-you")
        if self.check(box is not None, where, "no Not you? on the settings"):
            gx, gy, _, _ = self.inp.geometry(self.win)
            self.inp.mousemove(gx + box[0] + box[2] // 2, gy + box[1] + box[3] // 2)
            self.inp.click(1)
        else:
            self.keys("ctrl+n")
        self.signin("", "the sign-in after a click on Not you?")
        self.type(n["b"])
        self.signin(n["b"], "B typed")
        self.keys("Return")
        f = self.briefing(n["b"], where + " briefing as B", scale=1.0)
        self.check(self.mode(f) == MODE[lang]["practice"], where, "B's mode is %r" % self.mode(f))
        self.keys("ctrl+n")
        self.signin("", "the sign-in after Ctrl+N")
        self.type(n["a"])
        self.signin(n["a"], "A typed again")
        self.keys("Return")
        f = self.briefing(n["a"], where + " briefing as A again", scale=1.5)
        self.check(self.mode(f) == MODE[lang]["assessment"], where, "A's mode is %r" % self.mode(f))
        self.shot("briefing-a-150")
        # a long Cyrillic name, typed key by key
        self.keys("ctrl+n")
        self.signin("", "the sign-in for the long name")
        self.type(LONG)
        f = self.frame(lambda f: f.screen == SIGNIN and len(field(f)) >= 80 and
                       any(TOO_LONG[lang] in t[4] for t in of_kind(f, "note")),
                       "the long name cut at 80 characters, and said")
        time.sleep(0.3)
        f = traced_frames(self.app)[-1]
        got = field(f)
        self.check(got == LONG[:80], where, "the long name is %r (%d characters), not its first "
                   "80 characters" % (got, len(got)))
        check_texts(self, where + " long name", f)
        self.shot("long-name")
        self.keys("Return")
        f = self.frame(lambda f: f.screen == BRIEFING and of_kind(f, "not-you"),
                       "the briefing as the long name")
        check_texts(self, where + " briefing, long name", f)
        self.shot("briefing-long-name")
        self.play("long")
        self.stop()

        # the store: both sessions, under the right names
        p = subprocess.run([self.binary, "report", "--db", self.db, "--format", "json"],
                           capture_output=True, timeout=60)
        if not self.check(p.returncode == 0, "store", "report failed: %s"
                          % p.stderr.decode(errors="replace")):
            return
        items = [x for x in json.loads(p.stdout or b"[]") if "definition" not in x]
        found = {x.get("trainee"): x for x in items}
        for who in (n["b"], LONG[:80]):
            s = found.get(who)
            if self.check(s is not None, "store", "no session of %r: %s"
                          % (who, sorted(found))):
                self.check(s.get("finished") is True and s.get("player") == "desktop", "store",
                           "%r's session: finished %s, player %s" % (who, s.get("finished"),
                                                                      s.get("player")))
        self.check(len(items) == 2, "store", "%d sessions, expected 2: %s"
                   % (len(items), [x.get("trainee") for x in items]))
        s = self.settings()
        self.check(s.get("trainee") == LONG[:80], "settings", "the last trainee is %r"
                   % s.get("trainee"))
        self.check(self.profile(LONG[:80]).get("text_size") == 100, "settings",
                   "the long name's profile: %s" % self.profile(LONG[:80]))

    # ---- part layout -----------------------------------------------------------------------------
    def layout(self):
        lang = self.lang
        ws = WS[lang]
        cases = [((1280, 720), 100), ((1280, 720), 150), ((1280, 720), 200), ((800, 500), 200),
                 ((800, 500), 75)]
        for window, size in cases:
            name = "%dx%d-%d" % (window[0], window[1], size)
            where = "layout " + name
            # the trainee's own text size (a file from before profiles: the trainee's); in the
            # small window the longest name a trainee may have, cut in the top bar
            who = LONG[:80] if window == (800, 500) else self.n["a"]
            settings = {"language": lang, "text_size": size, "trainee": who, "group": "",
                        "timed": True}
            self.start(["--workshop", self.workshop, "--session", ws["morning"]], name,
                       settings=settings, window=window)
            f = self.frame(lambda f: f.screen == SIGNIN and (f.w, f.h) == window and
                           field(f) == who, "the sign-in at %s" % name)
            time.sleep(0.3)
            f = traced_frames(self.app)[-1]
            check_texts(self, where + " sign-in", f)
            texts = " ".join(t[4] for t in f.texts if t[2] != 2)
            title = " ".join(t[4] for t in of_kind(f, "workshop"))
            self.check(title.replace(" ", "").endswith(ws["title"].replace(" ", "")), where,
                       "the workshop's title is not on the sign-in: %r" % title)
            self.check(any(ws["morning"] in t[4] for t in of_kind(f, "session")), where,
                       "the session of the day is not on the sign-in: %s" % of_kind(f, "session"))
            fixed = of_kind(f, "group-fixed")
            self.check(bool(fixed) and "2026-11-kazan-b" in fixed[0][4] and fixed[0][2] == 0,
                       where, "the workshop's group is not shown fixed: %s" % fixed)
            self.check("Ctrl+L" in texts, where, "the language switch's key is not in view")
            self.check(f.regions.get("group") is None, where, "a group field is drawn")
            self.shot(name + "-signin")
            # Tab does not reach a group field: typing still goes into the name
            self.keys("Tab", "End")
            self.type("Q")
            self.signin(who + "Q" if len(who) < 80 else who,
                        "Tab with the group fixed, then typing")
            if len(who) < 80:
                self.keys("BackSpace")
            self.signin(who, "the name again")
            self.keys("Return")
            for screen, keys in ((LIBRARY, None), (HISTORY, "h"), (LIBRARY, "Escape"),
                                 (SETTINGS, "s"), (LIBRARY, "Escape"), (BRIEFING, "Return")):
                if keys:
                    self.keys(keys)
                f = self.frame(lambda f: f.screen == screen and of_kind(f, "not-you"),
                               "%s with Not you?" % harness.SCREENS[screen])
                time.sleep(0.3)
                f = traced_frames(self.app)[-1]
                w = "%s %s" % (where, harness.SCREENS[screen])
                if window == (1280, 720):
                    self.check(abs(f.scale - size / 100.0) < 0.01, w, "drawn at scale %.2f, not "
                               "the trainee's own %d%%" % (f.scale, size))
                link = [t for t in of_kind(f, "not-you") if t[4] == NOT_YOU[lang]]
                self.check(bool(link) and link[0][2] == 0 and inside(link[0][1], f.w, f.h), w,
                           "Not you? is not drawn whole in the window: %s" % link)
                who = of_kind(f, "who")
                if who:
                    self.check(who[0][1][0] + who[0][1][2] <= link[0][1][0], w,
                               "the name runs into Not you?: %s %s" % (who, link))
                check_texts(self, w, f)
                if screen != LIBRARY or keys is None:
                    self.shot("%s-%s" % (name, harness.SCREENS[screen]))
            self.stop()
        # a workshop file that cannot be used: said on the sign-in, in the warning colour
        broken = os.path.join(self.tmp, "broken.workshop.xml")
        with open(broken, "w", encoding="utf-8") as f:
            f.write('<workshop id="x" version="1"><title>Half a file')
        self.start(["--workshop", broken], "broken-workshop",
                   settings={"language": lang, "text_size": 100, "trainee": self.n["a"]})
        f = self.frame(lambda f: f.screen == SIGNIN and of_kind(f, "workshop-problem"),
                       "the sign-in saying the workshop file cannot be used")
        problem = " ".join(t[4] for t in of_kind(f, "workshop-problem"))
        self.check("broken.workshop.xml" in problem.replace(" ", ""), "broken workshop",
                   "the problem does not name the file: %r" % problem)
        check_texts(self, "broken workshop", f)
        path = self.shot("broken-workshop")
        img = harness.read_image(path)
        box = of_kind(f, "workshop-problem")[0][1]
        gx, gy, _, _ = self.inp.geometry(self.win)
        warn = sum(1 for y in range(box[1], box[1] + box[3]) for x in range(box[0], box[0] + box[2])
                   if max(abs(a - b) for a, b in zip(img.px(gx + x, gy + y), WARN)) < 40)
        self.check(warn >= 20, "broken workshop", "the problem is not in the warning colour "
                   "(%d pixels near #B26A00)" % warn)
        self.stop()
        # the language switch: Ctrl+L turns the sign-in into the other language, and the trainee
        # who signs in then keeps it
        self.start([], "language", settings={"language": lang, "trainee": "", "group": ""})
        f = self.frame(lambda f: f.screen == SIGNIN and of_kind(f, "language"), "the sign-in")
        self.check(of_kind(f, "language")[0][4] == OTHER[lang], "language",
                   "the switch says %r" % of_kind(f, "language")[0][4])
        self.keys("ctrl+l")
        other = "ru" if lang == "en" else "en"
        f = self.frame(lambda f: of_kind(f, "language") and
                       of_kind(f, "language")[0][4] == OTHER[other], "the sign-in switched")
        check_texts(self, "language switched", f)
        self.shot("language-switched")
        self.type(self.n["b"])
        self.keys("Return")
        self.app.wait_screen(LIBRARY)
        self.stop()
        s = self.settings()
        self.check(s.get("language") == other and self.profile(self.n["b"]).get("language") ==
                   other, "language", "the language chosen on the sign-in was not kept: %s" % s)

    def main(self):
        t0 = time.monotonic()
        self.xvfb = Xvfb(1280, 720)
        self.inp = Input(self.xvfb.display)
        try:
            getattr(self, self.a.part)()
        except Failure as e:
            self.fail(str(e))
            try:
                self.shot("failure")
            except Failure:
                pass
        finally:
            if self.app:
                self.app.stop()
            self.xvfb.stop()
        print("signin.py %s %s: %d checks, %d failures, %.1f s; screenshots in %s"
              % (self.a.part, self.lang, self.checks, len(self.failures),
                 time.monotonic() - t0, self.art), flush=True)
        shutil.rmtree(self.tmp, ignore_errors=True)
        return 1 if self.failures else 0


def main():
    p = harness.options()
    p.add_argument("--part", choices=["flow", "layout"], required=True)
    a = p.parse_args()
    try:
        harness.need_tools("Xvfb", "xdotool", "import")
    except Failure as e:
        print("FAIL: %s" % e)
        return 1
    return harness.run_main(Run, a)


if __name__ == "__main__":
    sys.exit(main())
