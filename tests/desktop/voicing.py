#!/usr/bin/env python3
"""Self-voicing, the whole journey by ear: the real program in Xvfb driven by real key presses
(xdotool), with the null audio back end logging every text it is asked to say
(FRONTLINE_AUDIO=null, FRONTLINE_AUDIO_LOG). At each step the exact lines self-voicing appended
to the log are checked against what they must say, taken from the catalogue's words
(game/core/catalogue*.def), the scenario file, the layout trace (the reply options' texts as
drawn) and the store (`frontline report`: the score, the band, the findings).

  en: signed out, self-voicing off: the sign-in says nothing; in the settings (S from the
      library) self-voicing is turned on by keys: "Self-voicing on", the screen's title, the
      sound's state and the row; F2 repeats it; "Say replies aloud" says it has no microphone.
  ru: signed out, self-voicing on from the settings file: the sign-in's heading, the field with
      its label, each character typed, the group field.
  both, then: the library card (its title, language and "not played yet"), Ctrl alone logs
  `stop` and Ctrl+1 does not, F3 reads the whole screen; the briefing read whole on entry and its Start button; in the
  conversation each reply option as Down focuses it ("2, <its text>"), chosen with Enter; the
  results' score and verdict on entry, each finding as Down focuses it, F2 repeating; the
  review's first turn.

--part settings_sound: the settings screen with its sound rows and the sound's state line, from
the layout trace (FRONTLINE_TRACE=layout) at 100% and 200% text in 1280 x 720 and 800 x 500 and
at 150% in 1280 x 720: every row's name drawn whole (the focus walked down so that each row is
in view), the state line saying the null back end's state in words, no text over another, none
past the window; "(no microphone)" on "Say replies aloud" without an input, and not once the
tone meter has one (FRONTLINE_METER_FIGURES); turning it on then is saved; bad values in the
settings file keep the sound's defaults. Screenshots in the artefacts.

--part voice_panel: "say it aloud" on, the tone meter's test figures (FRONTLINE_METER_FIGURES:
loud and fast), the scenario played to its results: the Voice panel's heading, its figures (the
replies read aloud, the mean loudness, rate and pauses) and both pieces of advice as the
catalogue words them, not inside the score; nothing drawn over anything at 100%, 150% and 200%
(1280 x 720) and 200% in 800 x 500; the review shows the first turn's figures. Screenshots in the
artefacts.

usage: voicing.py --frontline BIN --root SRC --lang en|ru [--part PART] [--artefacts DIR]
"""
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import (BRIEFING, CONVERSATION, LIBRARY, RESULTS, REVIEW, SETTINGS, SIGNIN,  # noqa: E402
                     AudioLog, Checks, Failure, Input, Xvfb)
from layout import check_texts, traced_frames, wait_traced  # noqa: E402

CASES = {
    # replies chosen so that the call ends with findings (as in e2e.py)
    "en": {"scenario": "scenarios/en/late-delivery.xml", "replies": [2, 1, 2, 3, 1],
           "name": "Alex", "via_settings": True},
    "ru": {"scenario": "scenarios/ru/dostavka-opazdyvaet.xml", "replies": [2, 1, 2, 1, 2, 1],
           "name": "Мила", "via_settings": False},
}
SELF_ROW = 8  # the settings' rows: language, size, timed, extension, full screen, sounds,
# voice, volume, self-voicing, say aloud


def c_string(body):
    """A C string literal's contents (between the quotes) as text: its escapes undone, its
    bytes read as UTF-8."""
    out, i = bytearray(), 0
    simple = {"n": 10, "t": 9, '"': 34, "\\": 92, "'": 39, "r": 13, "0": 0}
    while i < len(body):
        c = body[i]
        if c != "\\":
            out += c.encode("utf-8")
            i += 1
        elif body[i + 1] == "x":
            j = i + 2
            while j < len(body) and j < i + 4 and body[j] in "0123456789abcdefABCDEF":
                j += 1
            out.append(int(body[i + 2:j], 16))
            i = j
        else:
            out.append(simple.get(body[i + 1], ord(body[i + 1])))
            i += 2
    return out.decode("utf-8")


def catalogue(root):
    """Every word of the catalogue: ID -> (English, Russian)."""
    words = {}
    core = os.path.join(root, "game", "core")
    for name in sorted(os.listdir(core)):
        if not (name.startswith("catalogue") and name.endswith(".def")):
            continue
        with open(os.path.join(core, name), encoding="utf-8") as f:
            text = f.read()
        pos = 0
        while True:
            pos = text.find("W_(", pos)
            if pos < 0:
                break
            if pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] == "_"):
                pos += 3
                continue
            m = re.compile(r"W_\(\s*(\w+)\s*,").match(text, pos)
            if not m:
                pos += 3
                continue
            ident, i, parts, cur = m.group(1), m.end(), [], []
            while i < len(text) and text[i] != ")":
                if text[i] == '"':
                    j = i + 1
                    while text[j] != '"':
                        j += 2 if text[j] == "\\" else 1
                    cur.append(c_string(text[i + 1:j]))
                    i = j + 1
                elif text[i] == ",":
                    parts.append("".join(cur))
                    cur = []
                    i += 1
                elif text.startswith("/*", i):
                    i = text.index("*/", i) + 2
                else:
                    i += 1
            parts.append("".join(cur))
            if len(parts) == 2:
                words[ident] = (parts[0], parts[1])
            pos = i
    return words


def spoken(s):
    """Text as self-voicing says it: whitespace runs as one space, the middle dot a comma."""
    s = s.replace("\u00b7", ",")
    return re.sub(r"\s+", " ", s).strip()


class Run(Checks):
    def __init__(self, a):
        super().__init__()
        self.a = a
        self.lang = a.lang
        self.case = CASES[a.lang]
        self.root = os.path.abspath(a.root)
        self.binary = os.path.abspath(a.frontline)
        self.art = os.path.abspath(a.artefacts or os.path.join("artefacts", "voicing", a.lang))
        self.words = catalogue(self.root)
        self.tmp = tempfile.mkdtemp(prefix="frontline-voicing-")
        self.log = AudioLog(os.path.join(self.tmp, "audio.log"))
        self.db = os.path.join(self.tmp, "results.sqlite")
        scen = ET.parse(os.path.join(self.root, self.case["scenario"])).getroot()
        self.title = spoken(scen.findtext("title") or scen.get("title") or "")
        self.brief = spoken(scen.findtext("brief") or "")

    def w(self, ident):
        return self.words[ident][1 if self.lang == "ru" else 0]

    # ---- the log -----------------------------------------------------------------------------------
    def said_after(self, mark, n=1, what="", timeout=8):
        """The first n texts self-voicing says after mark (waits for them)."""
        self.log.wait(lambda ls: len([l for l in ls[mark:] if l[0] == "say"
                                      and l[1] == "interface"]) >= n,
                      timeout, what or "%d interface text(s)" % n, self.app)
        return self.log.said(mark)[:n]

    def expect(self, mark, want, where, timeout=8, match="exact"):
        """The next text said after mark is want (exact, or its start / its end)."""
        try:
            got = self.said_after(mark, 1, where, timeout)[0]
        except Failure as e:
            self.fail(where, str(e))
            return None
        ok = (got == want if match == "exact" else got.startswith(want) if match == "start"
              else got.endswith(want) if match == "end" else want in got)
        self.check(ok, where, "said %r, want %s %r" % (got, match, want))
        print("  %s: %r" % (where, got[:160]), flush=True)
        return got

    def quiet(self, mark, where, seconds=0.8):
        """Nothing is said for a while after mark."""
        time.sleep(seconds)
        extra = self.log.said(mark)
        self.check(not extra, where, "said %r, want nothing" % extra)

    def key(self, *keys):
        self.inp.key(*keys)

    # ---- the screens --------------------------------------------------------------------------------
    def replies_shown(self):
        """The reply options of the latest conversation frame, as drawn: [(number, text)]."""
        fs = [f for f in traced_frames(self.app) if f.screen == CONVERSATION]
        if not fs:
            return []
        out = []
        for t in fs[-1].texts:
            if t[0] == "reply-number":
                out.append([t[4], []])
            elif t[0].startswith("reply-text") and out:
                out[-1][1].append(t[4])
        # lines break at spaces, and after hyphens and slashes (text.c): joined back so
        def join(ls):
            text = ""
            for l in ls:
                l = l.strip()
                glued = re.search(r"\S[-/]$", text) is not None
                text += ("" if not text or glued else " ") + l
            return spoken(text)
        return [(int(n), join(ls)) for n, ls in out]

    def report(self):
        p = subprocess.run([self.binary, "report", "--db", self.db, "--format", "json"],
                           capture_output=True, text=True, timeout=60, cwd=self.root)
        if p.returncode != 0:
            raise Failure("frontline report failed: %s" % p.stderr)
        return json.loads(p.stdout)[-1]

    def signin(self):
        app = self.app
        app.wait_screen(SIGNIN)
        if self.case["via_settings"]:
            mark = self.log.mark()
            self.inp.type(self.case["name"])
            self.key("Return")
            app.wait_screen(BRIEFING)
            self.quiet(mark, "sign-in with self-voicing off")
            return
        head = "%s %s. %s:" % (self.w("SIGNIN_TITLE"), spoken(self.w("SIGNIN_GO")),
                              self.w("SIGNIN_NAME"))
        self.expect(0, head, "the sign-in on entry")
        mark = self.log.mark()
        self.inp.type(self.case["name"])
        got = self.said_after(mark, len(self.case["name"]), "the characters typed")
        self.check(got == list(self.case["name"]), "sign-in", "typed %r, said %r"
                   % (self.case["name"], got))
        mark = self.log.mark()
        self.key("Tab")
        self.expect(mark, "%s:" % spoken(self.w("SIGNIN_GROUP")), "the group field")
        mark = self.log.mark()
        self.key("Tab")
        self.expect(mark, "%s: %s" % (self.w("SIGNIN_NAME"), self.case["name"]),
                    "back to the name field")
        self.key("Return")
        app.wait_screen(BRIEFING)

    def settings(self):
        """From the library: S, self-voicing on by keys, back with Esc."""
        self.key("s")
        self.app.wait_screen(SETTINGS)
        self.app.wait_quiet(0.3)
        mark = self.log.mark()
        self.key(*["Down"] * SELF_ROW)
        self.app.wait_quiet(0.3)
        self.quiet(mark, "settings with self-voicing off", 0.2)
        self.key("Right")
        state = self.w("SET_AUDIO_NULL")
        row = "%s: %s. %s" % (self.w("SET_SELF_VOICING"), self.w("VOICING_SWITCH_ON"),
                              self.w("SET_SELF_VOICING_ABOUT"))
        want = "%s. %s. %s %s" % (self.w("VOICING_ON"), self.w("SETTINGS"), state, row)
        self.expect(mark, want, "turning self-voicing on")
        saved = json.load(open(os.path.join(self.cfg, "frontline", "settings.json")))
        self.check(saved.get("self_voicing") is True, "settings", "self_voicing not saved: %s"
                   % saved)
        mark = self.log.mark()
        self.key("F2")
        self.expect(mark, want, "F2 repeats")
        mark = self.log.mark()
        self.key("Down")
        aloud = "%s %s: %s. %s" % (self.w("SET_SAY_ALOUD"), self.w("SET_NO_MIC"),
                                   self.w("VOICING_SWITCH_OFF"), self.w("SET_SAY_ALOUD_ABOUT"))
        self.expect(mark, aloud, "say aloud without a microphone")
        mark = self.log.mark()
        self.key("Right")  # cannot be turned on: nothing changes, nothing is said
        self.quiet(mark, "say aloud stays off")
        mark = self.log.mark()
        self.key("Up", "Up")
        volume = "%s: %s. %s" % (self.w("SET_VOLUME"), self.w("VOICING_VOLUME") % 80,
                                 self.w("SET_VOLUME_ABOUT"))
        got = self.said_after(mark, 2, "the rows stepped over")
        self.check(got[-1] == volume, "settings", "said %r, want %r" % (got[-1], volume))
        mark = self.log.mark()
        self.key("Left")
        volume70 = volume.replace("80", "70")
        self.expect(mark, volume70, "the volume down a step")
        self.log.wait(lambda ls: any(l[0] == "levels" and "volume=70" in l[1] for l in ls),
                      5, "the volume applied at once (levels ... volume=70)", self.app)
        mark = self.log.mark()
        self.key("Escape")
        self.app.wait_screen(LIBRARY)
        return mark

    def library(self, mark):
        got = self.expect(mark, "%s. %s, %s, " % (self.w("LIB_TITLE"), self.title,
                                                  self.lang.upper()),
                          "the library card on entry", match="start")
        if got is not None:
            self.check(got.endswith(", " + self.w("LIB_NEW")), "library",
                       "the card does not end with %r: %r" % (self.w("LIB_NEW"), got))
        mark = self.log.mark()
        self.key("ctrl")
        self.log.wait(lambda ls: any(l[0] == "stop" for l in ls[mark:]), 5,
                      "`stop` after Ctrl alone", self.app)
        self.check(True, "library", "Ctrl alone logged stop")
        mark = self.log.mark()
        self.key("ctrl+1")
        time.sleep(0.6)
        self.check(not any(l[0] == "stop" for l in self.log.since(mark)), "library",
                   "Ctrl+1 stopped speech: %s" % self.log.since(mark))
        # F3: every text of the screen, in drawing order: the top bar first, the cards after
        mark = self.log.mark()
        self.key("F3")
        got = self.expect(mark, "Frontline, ", "F3 reads the screen", match="start")
        if got is not None:
            for piece in (self.w("LIB_TITLE"), self.title, self.w("LIB_NEW")):
                self.check(piece in got, "library", "F3 did not read %r: %r" % (piece, got[:200]))
            self.check(got.index(self.w("LIB_TITLE")) < got.index(self.title), "library",
                       "F3 read the card before the screen's title: %r" % got[:200])

    def briefing(self):
        mark = self.log.mark()
        self.key("Return")
        self.app.wait_screen(BRIEFING)
        got = self.expect(mark, "%s. %s, " % (self.w("BRIEF_TITLE"), self.title),
                          "the briefing on entry", match="start")
        if got is not None:
            self.check(self.brief in got, "briefing", "the situation %r is not read: %r"
                       % (self.brief[:60], got))
            self.check(got.endswith(" " + self.w("BRIEF_START")), "briefing",
                       "does not end with the Start button: %r" % got[-80:])

    def conversation(self):
        mark = self.log.mark()
        self.key("Return")
        self.app.wait_screen(CONVERSATION)
        for k, choice in enumerate(self.case["replies"]):
            where = "reply %d" % (k + 1)
            first = self.said_after(mark, 1, "%s: the first option focused" % where, 15)[0]
            shown = self.replies_shown()
            self.check(bool(shown) and first == "1, " + shown[0][1], where,
                       "said %r, the first option drawn is %r" % (first, shown[:1]))
            for j in range(2, choice + 1):
                mark = self.log.mark()
                self.key("Down")
                want = "%d, %s" % (j, shown[j - 1][1]) if j <= len(shown) else "?"
                self.expect(mark, want, "%s: Down to option %d" % (where, j))
            mark = self.log.mark()
            self.key("Return")
            if k + 1 < len(self.case["replies"]):
                # the next node's first option, once the customer has answered
                self.log.wait(lambda ls: len([l for l in ls[mark:] if l[0] == "say"
                                              and l[1] == "interface"]) >= 1,
                              20, "%s: the next options" % where, self.app)
        # the conversation has ended: Return opens the results
        time.sleep(0.5)
        mark = self.log.mark()
        self.key("Return")
        self.app.wait_screen(RESULTS)
        return mark

    def results(self, mark):
        r = self.report()
        outcome = self.w("OUTCOME_" + {"resolved": "RESOLVED", "partly": "PARTLY",
                                       "escalated": "ESCALATED", "lost": "LOST"}
                         .get(r["outcome"], "NONE"))
        head = "%s, %s. %s %d, %s %s, %s" % (self.w("RESULTS"), self.title, self.w("RES_OVERALL"),
                                              r["overall"], self.w("BAND"), r["band"], outcome)
        got = self.expect(mark, head, "the results on entry", match="start")
        if got is not None:
            self.check(got.endswith(". V, " + self.w("REVIEW")), "results",
                       "does not end with the focused button (V, Review): %r" % got[-60:])
            verdict = self.w("PASSED") if r["passed"] else None
            if verdict:
                self.check(verdict in got, "results", "the verdict %r is not said" % verdict)
        findings = r.get("findings") or []
        self.check(len(findings) >= 2, "results", "want at least two findings to step through, "
                   "the store has %d" % len(findings))
        said = []
        for i in range(min(2, len(findings))):
            mark = self.log.mark()
            self.key("Down")
            try:
                said.append(self.said_after(mark, 1, "finding %d focused" % (i + 1))[0])
            except Failure as e:
                self.fail("results", str(e))
                return
            print("  finding %d: %r" % (i + 1, said[-1][:160]), flush=True)
        # each finding said is one of the store's, whole (its message, the trainer's note, the
        # better reply), and they differ
        def pieces(f):
            return [spoken(str(f[k])) for k in ("message", "note", "better") if f.get(k)]
        for i, s in enumerate(said):
            # numbers and money keep their no-break spaces («24 990 ₽»): compared as spaces
            whole = [f for f in findings if pieces(f) and all(p in spoken(s) for p in pieces(f))]
            self.check(bool(whole), "results", "finding %d said %r, which is none of the "
                       "store's findings whole: %s" % (i + 1, s, [pieces(f) for f in findings]))
        if len(said) == 2:
            self.check(said[0] != said[1], "results", "both findings said the same: %r" % said)
        mark = self.log.mark()
        self.key("F2")
        if said:
            self.expect(mark, said[-1], "F2 repeats the finding")

    def review(self):
        r = self.report()
        first = next((t["text"] for t in r["turns"] if t["speaker"] == "trainee"), "")
        mark = self.log.mark()
        self.key("v")
        self.app.wait_screen(REVIEW)
        self.expect(mark, "%s: %s. %s" % (self.w("REVIEW"), self.title, spoken(first)),
                    "the review's first turn", match="start")

    # ---- the layout parts ---------------------------------------------------------------------------
    def check_layout(self, where, f):
        """No text over another (the parts that show), none past the window without a clip."""
        return check_texts(self, where, f)

    def start_at(self, xvfb, name, size, settings=None, env_extra=None, args=None,
                 window=(1280, 720)):
        home = os.path.join(self.tmp, name)
        self.cfg = os.path.join(home, "config")
        app = harness.start_traced(
            self.binary, xvfb.display, home,
            ["--db", os.path.join(home, "db.sqlite")] + (args or []), self.lang, size,
            os.path.join(self.art, name + ".log"), trainee=self.case["name"],
            settings=settings, env_extra=env_extra)
        self.app = app
        self.inp = Input(xvfb.display)
        win = self.inp.window_of(app.pid)
        if window != (1280, 720):
            self.inp.run("windowsize", "--sync", win, window[0], window[1])
            self.inp.run("windowmove", "--sync", win, 0, 0)  # the screenshots show it whole
            wait_traced(app, lambda f: (f.w, f.h) == window, "the window at %dx%d" % window)
        self.inp.focus(win)
        return app, win

    def settled(self, screen, what):
        self.app.wait_screen(screen)
        self.app.wait_quiet(0.3)
        return traced_frames(self.app)[-1]

    def shot(self, xvfb, name):
        harness.screenshot(xvfb.display, os.path.join(self.art, name + ".png"))

    @contextlib.contextmanager
    def settings_open(self, name, size=100, window=(1280, 720), **start):
        """A program of its own (start_at's keywords) in an X server of its own, at its settings
        (S from the library), settled: yields the server, the program and that frame, and stops
        both after."""
        xvfb = Xvfb(*window)
        try:
            app, _ = self.start_at(xvfb, name, size, window=window, **start)
            app.wait_screen(LIBRARY)
            self.key("s")
            yield xvfb, app, self.settled(SETTINGS, "the settings")
        finally:
            if self.app:
                self.app.stop()
            xvfb.stop()

    def settings_sound(self):
        rows = ["SET_SOUNDS", "SET_VOICE", "SET_VOLUME", "SET_SELF_VOICING", "SET_SAY_ALOUD"]
        state = spoken(self.w("SET_AUDIO_NULL"))
        no_mic = "%s %s" % (self.w("SET_SAY_ALOUD"), self.w("SET_NO_MIC"))
        for window, size in [((1280, 720), 100), ((1280, 720), 150), ((1280, 720), 200),
                             ((800, 500), 100), ((800, 500), 200)]:
            name = "settings-%dx%d-%d" % (window[0], window[1], size)
            where = "%s %s" % (self.lang, name)
            with self.settings_open(name, size, window) as (xvfb, app, f):
                self.shot(xvfb, name)
                seen = {}
                frames = [f]
                # down through every row to the workshop file's (the last since issue 14), each
                # scrolled into view
                for _ in range(10):
                    self.key("Down")
                    time.sleep(0.15)
                    app.wait_quiet(0.2)
                    frames.append(traced_frames(app)[-1])
                self.shot(xvfb, name + "-end")
                for fr in frames:
                    self.check_layout("%s frame %d" % (where, fr.n), fr)
                    for t in fr.texts:
                        if t[2] == 0:
                            seen.setdefault(t[4], t)
                st = [t for t in f.texts if t[0] == "audio-state"]
                self.check(bool(st) and spoken(" ".join(t[4] for t in st)) == state and
                           all(t[2] == 0 for t in st), where,
                           "the sound's state line is %r, want %r whole"
                           % ([(t[4], t[2]) for t in st], state))
                for r in rows:
                    label = no_mic if r == "SET_SAY_ALOUD" else self.w(r)
                    drawn = " ".join(k for k in seen)
                    self.check(label in seen or spoken(label) in spoken(drawn), where,
                               "the row %r is never drawn whole" % label)
                self.check(app.stop() == 0, where, "the program did not exit cleanly")
        # bad values in the settings file keep the defaults (sounds and voice on, volume 80,
        # self-voicing and say aloud off); one step of the volume saves them all
        name = "settings-bad-values"
        bad = {"sounds": "yes", "voice": 0, "volume": 150, "self_voicing": 3, "say_aloud": None}
        with self.settings_open(name, settings=bad) as (xvfb, app, f):
            self.check(any(t[4] == "80%" for t in f.texts), name, "the volume is not 80%%: %s"
                       % [t[4] for t in f.texts if t[4].endswith("%")])
            self.key(*["Down"] * 7)
            self.key("Right")
            time.sleep(0.3)
            self.settled(SETTINGS, "the volume a step up")
            saved = json.load(open(os.path.join(self.cfg, "frontline", "settings.json")))
            want = {"sounds": True, "voice": True, "volume": 90, "self_voicing": False,
                    "say_aloud": False}
            got = {k: saved.get(k) for k in want}
            self.check(got == want, name, "saved %s, want %s" % (got, want))
            self.check(app.stop() == 0, name, "the program did not exit cleanly")
        # with a microphone (the null back end's test figures): no "(no microphone)", and
        # turning it on is kept
        name = "settings-microphone"
        mic = {"FRONTLINE_METER_FIGURES": "-20,-6,4,2,1"}
        with self.settings_open(name, env_extra=mic) as (xvfb, app, _):
            self.key("End", "Up", "Right")  # the row above the last (the workshop file's)
            time.sleep(0.3)
            f = self.settled(SETTINGS, "say aloud on")
            self.check(not any(self.w("SET_NO_MIC") in t[4] for t in f.texts), name,
                       "says %r with a microphone" % self.w("SET_NO_MIC"))
            saved = json.load(open(os.path.join(self.cfg, "frontline", "settings.json")))
            self.check(saved.get("say_aloud") is True, name, "say_aloud not saved: %s" % saved)
            self.shot(xvfb, name)
            self.check(app.stop() == 0, name, "the program did not exit cleanly")

    def play_to_results(self, log):
        """From the briefing: the planned replies, each followed by "say it aloud" ended with
        Enter, to the results. Self-voicing is on: the first option said is the sign that the
        options take keys."""
        app = self.app
        mark = log.mark()
        self.key("Return")
        app.wait_screen(CONVERSATION)
        for k, choice in enumerate(self.case["replies"]):
            log.wait(lambda ls: any(l[0] == "say" and l[1] == "interface" and
                                    l[5].startswith("1, ") for l in ls[mark:]),
                     20, "reply %d's options" % (k + 1), app)
            self.key(str(choice))
            wait_traced(app, lambda f: f.screen != CONVERSATION or any(
                t[0].startswith("aloud") for t in f.texts), "say it aloud after reply %d"
                % (k + 1), 10)
            mark = log.mark()
            self.key("Return")  # read: the meter stops
        log.wait(lambda ls: sum(1 for l in ls if l[:2] == ["meter", "stop"])
                 >= len(self.case["replies"]), 10, "the last meter stop", app)
        time.sleep(0.5)
        self.key("Return")
        app.wait_screen(RESULTS)

    def decimal(self, text):
        """A number with a fraction as the interface writes it: 7,5 in Russian."""
        return re.sub(r"(?<=\d)\.(?=\d)", ",", text) if self.lang == "ru" else text

    def voice_panel(self):
        # loud (-10 dBFS voiced RMS) and fast (7.5 syllables a second): both flagged
        figures = "-10,-2,7.5,2.0,1"
        n = len(self.case["replies"])
        dec = self.decimal
        want = [self.w("VOICE_PANEL"), self.w("VOICE_READ") % (n, n),
                self.w("VOICE_LOUDNESS").replace("%.0f", "-10"),
                dec(self.w("VOICE_RATE") % 7.5),  # Russian writes 7,5
                dec(self.w("VOICE_PAUSES") % (n, 1.0)),
                self.w("VOICE_ADVICE_LOUD") % n, dec(self.w("VOICE_ADVICE_FAST") % (7.5, n))]
        for window, size in [((1280, 720), 100), ((1280, 720), 150), ((1280, 720), 200),
                             ((800, 500), 200)]:
            name = "voice-%dx%d-%d" % (window[0], window[1], size)
            where = "%s %s" % (self.lang, name)
            xvfb = Xvfb(*window)
            try:
                log = AudioLog(os.path.join(self.tmp, name + ".audio"))
                self.start_at(xvfb, name, size, window=window, args=[self.case["scenario"]],
                              settings={"say_aloud": True, "timed": False,
                                        "self_voicing": True},
                              env_extra={"FRONTLINE_METER_FIGURES": figures,
                                         "FRONTLINE_AUDIO_LOG": log.path})
                self.app.wait_screen(BRIEFING)
                self.play_to_results(log)
                f = self.settled(RESULTS, "the results")
                self.shot(xvfb, name)
                log = log.lines()
                starts = [l for l in log if l[0] == "meter" and l[1] == "start"]
                stops = [l for l in log if l[0] == "meter" and l[1] == "stop"]
                self.check(len(starts) == n and len(stops) == n, where,
                           "the meter started %d and stopped %d times, want %d"
                           % (len(starts), len(stops), n))
                self.check_layout(where, f)
                frames = [f]
                # the panel may be below the fold (one column): PageDown through the screen
                for _ in range(8):
                    self.key("Next")
                    time.sleep(0.15)
                    self.app.wait_quiet(0.2)
                    frames.append(traced_frames(self.app)[-1])
                for fr in frames[1:]:
                    self.check_layout("%s frame %d" % (where, fr.n), fr)
                voice = {}
                for fr in frames:
                    for t in fr.kind("voice"):
                        voice.setdefault(t[4], t)
                text = spoken(" ".join(voice))
                for piece in want:
                    self.check(spoken(piece) in text, where, "the Voice panel lacks %r (it says %r)"
                               % (piece, text[:300]))
                self.shot(xvfb, name + "-end")
                # the review: the first turn's figures beside it
                self.key("v")
                f = self.settled(REVIEW, "the review")
                turn = spoken(" ".join(t[4] for t in f.kind("voice")))
                want_turn = self.decimal(self.w("VOICE_TURN") % (-10.0, 7.5, 1))
                self.check(spoken(want_turn) in turn, where, "the review's turn says %r, want %r"
                           % (turn, want_turn))
                self.check_layout(where + " review", f)
                self.shot(xvfb, name + "-review")
                self.check(self.app.stop() == 0, where, "the program did not exit cleanly")
            finally:
                if self.app:
                    self.app.stop()
                xvfb.stop()

    def main(self):
        os.makedirs(self.art, exist_ok=True)
        self.app = None
        try:
            if self.a.part == "settings_sound":
                self.settings_sound()
            elif self.a.part == "voice_panel":
                self.voice_panel()
            else:
                return self.journey()
        except Failure as e:
            self.fail(self.a.part, str(e))
        print("%d checks, %d failures" % (self.checks, len(self.failures)))
        if not self.failures:
            shutil.rmtree(self.tmp, ignore_errors=True)
        return 1 if self.failures else 0

    def journey(self):
        xvfb = Xvfb(1280, 720)
        try:
            home = os.path.join(self.tmp, "home")
            self.cfg = os.path.join(home, "config")
            self.app = harness.start_traced(
                self.binary, xvfb.display, home, ["--db", self.db, self.case["scenario"]],
                self.lang, 100, os.path.join(self.art, "app.log"), trainee="",
                settings={"self_voicing": not self.case["via_settings"], "timed": False},
                env_extra={"FRONTLINE_AUDIO_LOG": self.log.path})
            self.inp = Input(xvfb.display)
            win = self.inp.window_of(self.app.pid)
            self.inp.focus(win)
            self.signin()
            mark = self.log.mark()
            self.key("Escape")
            self.app.wait_screen(LIBRARY)
            if self.case["via_settings"]:
                self.quiet(mark, "the library with self-voicing off", 0.3)
                mark = self.settings()
            self.library(mark)
            self.briefing()
            mark = self.conversation()
            self.results(mark)
            self.review()
            shutil.copy(self.log.path, os.path.join(self.art, "audio.log"))
            status = self.app.stop()
            self.check(status == 0, "exit", "the program exited with %s" % status)
        finally:
            if getattr(self, "app", None):
                self.app.stop()
            xvfb.stop()
        print("%d checks, %d failures" % (self.checks, len(self.failures)))
        if not self.failures:
            shutil.rmtree(self.tmp, ignore_errors=True)
        return 1 if self.failures else 0


def main():
    p = harness.options(lang={"choices": sorted(CASES), "required": True})
    p.add_argument("--part", choices=["voicing", "settings_sound", "voice_panel"],
                   default="voicing")
    a = p.parse_args()
    os.chdir(os.path.abspath(a.root))
    return harness.run_main(Run, a)


if __name__ == "__main__":
    sys.exit(main())
