#!/usr/bin/env python3
"""The desktop running a workshop, and the trainer's library (docs/desktop.md "Workshops and the
trainer's library").

  workshop_desk.py --frontline BIN --root SRC --lang en|ru --part PART [--artefacts DIR]

The real program in an Xvfb of its own, driven by real key presses (xdotool), read through its
layout trace (FRONTLINE_TRACE=layout: every text drawn with its box and kind) and screenshots,
with private settings, store and folders. The words checked are the catalogue's
(game/core/catalogue*.def), in the language of the run. Parts (one CTest each, per language):

  lock     a workshop file written here (two bundled scenarios and a round, group
           "2026-11-kazan-b", mode assessment, timed with x1.5, sessions morning and afternoon),
           opened with --workshop FILE --session afternoon and a scenario on the command line:
           the sign-in comes first (with the name remembered), then the briefing; the mode shows
           Assessment locked with the reason; P, A, Left and a click on Practice do not change it
           and each says why (the toast); the time limit is the workshop's x1.5. The library is
           exactly the workshop's three cards, each saying where it comes from. The settings show
           the timed rows locked with the reason (a key on them says why, nothing changes) and
           the workshop row naming the command line's file. A call played there is recorded (the
           SQLite store, read here) with mode assessment, the group, the workshop's id, session
           "afternoon" and the x1.5 factor. --session with a name the file does not have exits 2
           listing the names.
  library  --scenarios DIR holding a trainer's copy of a bundled scenario and of a bundled round
           (same ids, other titles): one card each, marked as the trainer's version, the bundled
           ones nowhere in the library (every card visited, Home to End); a missing folder is
           said in a banner on the library with its path and why; a broken workshop file (a
           misspelt element) is said on the library with file:line:column, the bundled library
           shown.
  pick     the settings' workshop row: a workshop file in ~/Documents is found (Right), Enter
           uses it: the sign-in, then the workshop's library with its group; it is kept in
           settings.json and used at the next start; choosing none brings the bundled library
           back; Ctrl+N on the settings and a click on "Not you?" on the library go to the
           sign-in.
  reload   a trainer's scenario opened from the command line: F5 on the briefing says "Reloaded:
           no errors"; then, in a call, the file is broken and F5 pressed: the call goes on (the
           conversation screen stays), the errors show in a panel beside it, a reply still works
           (the call moves to the reply's node), Esc closes the panel.
  shots    the library (origins and the banner), the locked briefing and the locked settings
           rows at 100, 150 and 200% text: no text over text, nothing out of the window;
           screenshots in the artefacts folder.

Exit 0 when everything holds, 1 otherwise (each failure printed as FAIL: ...).
"""
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
import layout  # noqa: E402
from harness import (BRIEFING, CONVERSATION, LIBRARY, SETTINGS, SIGNIN, Failure,  # noqa: E402
                     Input, Xvfb)

GROUP = "2026-11-kazan-b"
WS_ID = "kazan-b-desk-test"
# per language: two bundled scenarios and a bundled round of the workshop, and a bundled
# scenario and round for the trainer's copies
CONTENT = {
    "en": {"scenarios": ["late-delivery", "price-objection"], "round": "monday-rush",
           "open": "en/late-delivery.xml", "copy": "en/refund-refused.xml",
           "copy_round": "rounds/objections-hour.xml"},
    "ru": {"scenarios": ["ru-dostavka-opazdyvaet", "ru-vozrazhenie-cena"], "round": "ru-chas-pik",
           "open": "ru/dostavka-opazdyvaet.xml", "copy": "ru/vozvrat-otkaz.xml",
           "copy_round": "rounds/ru-vozrazheniya.xml"},
}


# ---- the catalogue's words ------------------------------------------------------------------------

def catalogue(root):
    """Every entry of game/core/catalogue*.def: {ID: (English, Russian)}."""
    words = {}
    lit = re.compile(r'"((?:[^"\\]|\\.)*)"')
    core = os.path.join(root, "game", "core")
    for name in sorted(os.listdir(core)):
        if not (name.startswith("catalogue") and name.endswith(".def")):
            continue
        text = open(os.path.join(core, name), encoding="utf-8").read()
        text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
        for m in re.finditer(r"\bW_\(\s*([A-Z0-9_]+)\s*,(.*?)\)\s*\n", text, flags=re.S):
            parts = []
            cur = ""
            rest = m.group(2)
            # the English and the Russian: literals, each possibly split over lines
            for piece in re.split(r'("(?:[^"\\]|\\.)*")', rest):
                if piece.startswith('"'):
                    cur += unescape(lit.match(piece).group(1))
                elif "," in piece:
                    parts.append(cur)
                    cur = ""
            parts.append(cur)
            parts = [p for p in parts if p != ""] if len(parts) > 2 else parts
            if len(parts) >= 2:
                words[m.group(1)] = (parts[0], parts[1])
    return words


def unescape(s):
    s = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), s)
    s = re.sub(r"\\x([0-9a-fA-F]{2})", lambda m: "\\x%s" % m.group(1), s)
    return s.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def fmt_prefix(f):
    """A catalogue format's text before its first conversion (what a traced text starts with)."""
    return re.split(r"%[-0-9.]*[sdu]", f, 1)[0]


def title_of(path):
    with open(path, encoding="utf-8") as f:
        m = re.search(r"<title>(.*?)</title>", f.read(), flags=re.S)
    return m.group(1).strip().replace("&quot;", '"').replace("&amp;", "&") if m else None


class Run(harness.Checks, layout.OneProgram):
    def __init__(self, a):
        harness.Checks.__init__(self)
        self.a = a
        self.lang = a.lang
        self.root = os.path.abspath(a.root)
        self.binary = os.path.abspath(a.frontline)
        self.art = os.path.abspath(a.artefacts or os.path.join("artefacts", "workshop_desk",
                                                               a.lang, a.part))
        os.makedirs(self.art, exist_ok=True)
        self.tmp = tempfile.mkdtemp(prefix="frontline-wsdesk-")
        self.words = catalogue(self.root)
        self.c = CONTENT[a.lang]
        self.app = self.xvfb = None
        self.n = 0

    def w(self, key):
        return self.words[key][1 if self.lang == "ru" else 0]

    def data(self, *p):
        return os.path.join(self.root, "scenarios", *p)

    # ---- the program ----------------------------------------------------------------------------
    def start(self, args, name, size=100, settings=None, width=1280, height=720):
        self.stop()
        self.xvfb = Xvfb(width, height)
        home = os.path.join(self.tmp, name)
        # the settings of a laptop whose last trainee was "Tester" (as harness.start_traced
        # writes them; started here so that the test itself meets the sign-in)
        cfg, data = os.path.join(home, "config"), os.path.join(home, "data")
        os.makedirs(os.path.join(cfg, "frontline"), exist_ok=True)
        os.makedirs(data, exist_ok=True)
        values = {"language": self.lang, "text_size": size, "timed": True, "extension": 0,
                  "fullscreen": False, "assessment": False, "trainee": "Tester", "group": ""}
        values.update(settings or {})
        with open(os.path.join(cfg, "frontline", "settings.json"), "w") as f:
            json.dump(values, f)
        env = harness.clean_env(self.xvfb.display, cfg, data,
                                {"FRONTLINE_TRACE": "layout", "HOME": home,
                                 "FRONTLINE_DATA": self.root})
        self.app = harness.App(self.binary, args, env, log=os.path.join(self.art, name + ".log"))
        self.app.wait_first_frame()
        self.inp = Input(self.xvfb.display)
        self.win = self.inp.window_of(self.app.pid)
        self.inp.focus(self.win)
        return home

    def stop(self):
        """Ends the program: it must exit cleanly (a sanitizer's report is a failure)."""
        app = self.app
        layout.OneProgram.stop(self)
        if app:
            bad = [l for l in app.other_lines() if "Sanitizer" in l or "runtime error" in l]
            self.check(app.proc.returncode == 0 and not bad, "exit",
                       "the program exited with %s: %s" % (app.proc.returncode, bad[:3]))

    def shot(self, name):
        self.n += 1
        path = os.path.join(self.art, "%02d-%s.png" % (self.n, name))
        harness.screenshot(self.xvfb.display, path)
        return path

    def on(self, screen, what, cond=lambda f: True, timeout=10):
        return self.wait_frame(lambda f: f.screen == screen and cond(f), what, timeout)

    def texts(self, f, kind=None):
        return [t[4] for t in f.texts if kind is None or t[0] == kind]

    def has_text(self, f, start, kind=None):
        return any(t.startswith(start) for t in self.texts(f, kind))

    def sign_in(self, then=BRIEFING):
        """The sign-in always comes first, with the name remembered: Enter continues as it."""
        self.on(SIGNIN, "the sign-in first")
        self.app.wait_quiet(0.3)  # drawn and focused: the key reaches the window
        self.inp.key("Return")
        self.on(then, "the screen after the sign-in")

    def key_toast(self, keys, expect, screen, what):
        """Presses keys; the toast must say expect (and the screen stay)."""
        self.inp.key(*keys)
        try:
            f = self.on(screen, "the toast after %s" % what,
                        lambda f: self.has_text(f, expect[:30], "toast"), timeout=5)
            return f
        except Failure as e:
            self.fail(what, "no toast saying %r: %s" % (expect, e))
            return self.last()

    def write_workshop(self, path, body=None):
        c = self.c
        items = "".join('    <scenario bundled="%s"/>\n' % s for s in c["scenarios"])
        items += '    <round bundled="%s"/>\n' % c["round"]
        text = body or (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<workshop id="%s" version="1" lang="%s">\n'
            '  <title>%s</title>\n'
            '  <group>%s</group>\n'
            '  <rules mode="assessment" timed="yes" extension="x1.5"/>\n'
            '  <library>\n%s  </library>\n'
            '  <sessions>\n'
            '    <session name="morning" from="09:00" until="13:00"/>\n'
            '    <session name="afternoon" from="14:00" until="18:00"/>\n'
            '  </sessions>\n'
            '</workshop>\n' % (WS_ID, self.lang,
                               "Казань, группа Б" if self.lang == "ru" else "Kazan, group B",
                               GROUP, items))
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    # ---- lock -------------------------------------------------------------------------------------
    def part_lock(self):
        ws = self.write_workshop(os.path.join(self.tmp, "kazan.workshop.xml"))
        # a session the file does not have: exit 2, listing its sessions
        p = subprocess.run([self.binary, "--workshop", ws, "--session", "evening"],
                           env=harness.clean_env(":9999", self.tmp, self.tmp,
                                                 {"FRONTLINE_DATA": self.root}),
                           capture_output=True, text=True, timeout=30)
        self.check(p.returncode == 2 and "morning" in p.stderr and "afternoon" in p.stderr
                   and "evening" in p.stderr, "--session evening",
                   "exit %d, stderr %r: not 2 with the names" % (p.returncode, p.stderr))

        db = os.path.join(self.tmp, "lock.sqlite")
        opened = self.data(self.c["open"])
        self.start(["--workshop", ws, "--session", "afternoon", "--db", db, opened], "lock")
        self.sign_in(BRIEFING)

        assess, practice = self.w("BRIEF_ASSESSMENT"), self.w("BRIEF_PRACTICE")
        lock = self.w("DESK_LOCK_ASSESSMENT")
        f = self.on(BRIEFING, "the locked mode", lambda f: self.texts(f, "mode-chosen"))
        self.check(self.texts(f, "mode-chosen") == [assess], "briefing",
                   "the mode shown is %s, not %r" % (self.texts(f, "mode-chosen"), assess))
        self.check(self.texts(f, "mode-explain") == [lock], "briefing",
                   "the mode's line is %s, not the lock %r" % (self.texts(f, "mode-explain"), lock))
        # the x1.5 of the workshop in the time limit
        ext = "1,5" if self.lang == "ru" else "1.5"
        self.check(any(ext in t for t in self.texts(f)), "briefing",
                   "no time limit with the workshop's x%s" % ext)
        self.shot("briefing-locked")
        say = self.w("DESK_LOCK_MODE_SAY")
        for keys, what in ((("p",), "P"), (("a",), "A"), (("Left",), "Left")):
            f = self.key_toast(keys, say, BRIEFING, what)
            self.check(self.texts(f, "mode-chosen") == [assess], "briefing after %s" % what,
                       "the mode changed to %s" % self.texts(f, "mode-chosen"))
        self.shot("briefing-toast")
        # a click on Practice: the same
        other = [t for t in self.last().texts if t[0] == "mode-other"]
        if self.check(len(other) == 1 and other[0][4] == practice, "briefing",
                      "no muted Practice beside the locked mode: %s" % other):
            gx, gy, _, _ = self.inp.geometry(self.win)
            b = other[0][1]
            k = self.app.frame_count()
            self.inp.mousemove(gx + b[0] + b[2] // 2, gy + b[1] + b[3] // 2)
            self.inp.click(1)
            self.app.wait_for(lambda: self.app.frame_count() > k, 5, "a frame after the click")
            f = self.on(BRIEFING, "the mode after a click", timeout=5)
            self.check(self.texts(f, "mode-chosen") == [assess], "briefing after a click",
                       "a click on Practice changed the mode")

        # the library: exactly the workshop's three cards, each saying where it comes from
        self.inp.key("Escape")
        f = self.on(LIBRARY, "the library", lambda f: self.texts(f, "origin"))
        origins = self.texts(f, "origin")
        self.check(origins == [self.w("DESK_ORIGIN_BUNDLED")] * 3, "library",
                   "the cards' origins are %s, not three bundled cards" % origins)
        titles = []
        for sid in self.c["scenarios"]:
            titles.append(self.title_by_id(self.lang, sid))
        titles.append(self.title_by_id("rounds", self.c["round"]))
        drawn = self.texts(f)
        for t in titles:
            self.check(any(t.startswith(d) and len(d) >= 4 for d in drawn), "library",
                       "the workshop's %r is not on a card" % t)
        for t in self.other_titles(titles):
            self.check(not any(d and t.startswith(d) and len(d) >= 12 for d in drawn), "library",
                       "%r is shown, but the workshop does not name it" % t)
        self.shot("library-workshop")

        # the settings: the timed rows locked, said why; the workshop row: the command line's
        self.inp.key("s")
        f = self.on(SETTINGS, "the settings",
                    lambda f: self.has_text(f, self.w("DESK_LOCK_SETTING")[:20]))
        locks = [t for t in self.texts(f) if t == self.w("DESK_LOCK_SETTING")]
        self.check(len(locks) == 2, "settings",
                   "%d rows say they are set by the workshop leader, not 2 (timed, extension)"
                   % len(locks))
        self.shot("settings-locked")
        before = self.settings_json()
        self.inp.key("Down", "Down")  # the timed row
        self.key_toast(("Left",), self.w("DESK_LOCK_SETTING_SAY"), SETTINGS, "Left on timed")
        self.inp.key("Down")  # the extension row
        self.key_toast(("Right",), self.w("DESK_LOCK_SETTING_SAY"), SETTINGS,
                       "Right on the extension")
        after = self.settings_json()
        self.check(before.get("timed") == after.get("timed") and
                   before.get("extension") == after.get("extension"), "settings",
                   "a locked row changed the settings: %s -> %s" % (before, after))
        self.inp.key("End")
        cmd = fmt_prefix(self.w("DESK_SET_WS_CMDLINE"))
        f = self.on(SETTINGS, "the workshop row", lambda f: self.has_text(f, cmd[:20]))
        self.check(os.path.basename(ws) in self.texts(f, "workshop-file"), "settings",
                   "the workshop row does not name %s" % os.path.basename(ws))
        self.shot("settings-workshop-row")

        # a call, recorded with the workshop's
        self.inp.key("Escape")
        self.on(LIBRARY, "the library again")
        self.inp.key("Return")
        self.on(BRIEFING, "the briefing again")
        self.inp.key("Return")
        f = self.on(CONVERSATION, "the call", lambda f: f.call is not None)
        time.sleep(0.3)
        self.inp.key("space")
        time.sleep(0.4)
        node = self.last().call[1] if self.last().call else None
        self.inp.key("1")
        self.on(CONVERSATION, "the reply", lambda f: f.call and f.call[1] != node)
        time.sleep(0.3)
        self.inp.key("Escape", "Escape")
        self.on(LIBRARY, "the library after leaving the call")
        self.stop()
        rows = self.sessions(db)
        if self.check(len(rows) == 1, "store", "%d sessions recorded, not 1" % len(rows)):
            r = rows[0]
            expect = {"scenario": self.c["scenarios"][0], "mode": "assessment",
                      "workshop": WS_ID, "day_session": "afternoon", "group": GROUP,
                      "timed": 1, "factor": 1.5, "trainee": "Tester"}
            for k, v in expect.items():
                self.check(r[k] == v, "store", "%s is %r, not %r" % (k, r[k], v))

    def title_by_id(self, sub, sid):
        folder = self.data(sub)
        for name in sorted(os.listdir(folder)):
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as f:
                if re.search(r'\bid="%s"' % re.escape(sid), f.read(2000)):
                    return title_of(path)
        raise Failure("no bundled %s with the id %s" % (sub, sid))

    def other_titles(self, but):
        out = []
        for sub in ("en", "ru", "rounds"):
            for name in sorted(os.listdir(self.data(sub))):
                t = title_of(self.data(sub, name))
                if t and t not in but:
                    out.append(t)
        return out

    def settings_json(self):
        path = os.path.join(self.tmp, "lock", "config", "frontline", "settings.json")
        with open(path, encoding="utf-8") as f:
            s = json.load(f)
        prof = s.get("profiles", {}).get(s.get("trainee", ""), {})
        return {"timed": prof.get("timed", s.get("timed")),
                "extension": prof.get("time_extension", s.get("extension"))}

    def sessions(self, db):
        con = sqlite3.connect(db)
        try:
            q = ("SELECT s.scenario_id, s.mode, s.workshop, s.day_session, g.name, s.timed, "
                 "s.time_factor, t.name FROM sessions s JOIN trainees t ON t.id = s.trainee_id "
                 "LEFT JOIN groups g ON g.id = t.group_id")
            keys = ["scenario", "mode", "workshop", "day_session", "group", "timed", "factor",
                    "trainee"]
            return [dict(zip(keys, r)) for r in con.execute(q)]
        finally:
            con.close()

    # ---- library ----------------------------------------------------------------------------------
    def copy_with_title(self, src, dst, prefix):
        with open(src, encoding="utf-8") as f:
            text = f.read()
        text = re.sub(r"<title>", "<title>" + prefix, text, count=1)
        # a round's sources are relative to its file: where the bundled one's are, from here
        lang = re.search(r'\blang="([a-z]+)"', text).group(1)
        text = text.replace('path="../', 'path="%s/' % self.data())
        text = re.sub(r'(<scenarios tag="[^"]*")\s*/>',
                      lambda m: '%s dir="%s"/>' % (m.group(1), self.data(lang)), text)
        with open(dst, "w", encoding="utf-8") as f:
            f.write(text)
        return title_of(dst)

    def visit_all(self):
        """Every card's texts: Home, then Right to the last card (the grid scrolls to each)."""
        self.inp.key("Home")
        seen = []
        last = None
        for _ in range(40):
            time.sleep(0.15)
            f = self.last()
            seen.extend(t for t in f.texts if t[2] != 2)
            key = tuple(self.texts(f))
            if key == last:
                break
            last = key
            self.inp.key("Right", "Right", "Right")
        return seen

    def part_library(self):
        mine = os.path.join(self.tmp, "mine")
        os.makedirs(mine)
        tag = "\u00ab\u0410 " if self.lang == "ru" else '"A '
        copy_title = self.copy_with_title(self.data(self.c["copy"]),
                                          os.path.join(mine, "copy.xml"), tag)
        round_title = self.copy_with_title(self.data(self.c["copy_round"]),
                                           os.path.join(mine, "round-copy.xml"), tag)
        bundled_title = title_of(self.data(self.c["copy"]))
        bundled_round = title_of(self.data(self.c["copy_round"]))
        self.start(["--scenarios", mine, "--db", os.path.join(self.tmp, "lib.sqlite")], "library")
        self.sign_in(LIBRARY)
        self.on(LIBRARY, "the cards", lambda f: self.texts(f, "origin"))
        self.shot("library-trainer")
        seen = self.visit_all()
        texts = [t[4] for t in seen]
        origins = [t[4] for t in seen if t[0] == "origin"]
        self.check(self.w("DESK_ORIGIN_REPLACES") in origins, "library",
                   "no card marked %r" % self.w("DESK_ORIGIN_REPLACES"))
        self.check(self.w("DESK_ORIGIN_REPLACES_ROUND") in origins, "library",
                   "no card marked %r" % self.w("DESK_ORIGIN_REPLACES_ROUND"))
        self.check(self.w("DESK_ORIGIN_BUNDLED") in origins, "library",
                   "the bundled cards are not marked %r" % self.w("DESK_ORIGIN_BUNDLED"))
        for t in (copy_title, round_title):
            self.check(any(d and t.startswith(d) and len(d) >= 6 for d in texts), "library",
                       "the trainer's %r is not on a card" % t)
        for t in (bundled_title, bundled_round):
            self.check(not any(d and t.startswith(d) and len(d) >= 10 for d in texts), "library",
                       "the bundled %r is still listed beside the trainer's version" % t)
        self.stop()

        # a missing folder: said in the window
        missing = os.path.join(self.tmp, "no-such-folder")
        self.start(["--scenarios", missing, "--db", os.path.join(self.tmp, "lib.sqlite")],
                   "missing")
        self.sign_in(LIBRARY)
        f = self.on(LIBRARY, "the banner", lambda f: self.texts(f, "problem"))
        banner = " ".join(self.texts(f, "problem"))
        self.check(missing in banner.replace(" ", "") or missing in banner, "banner",
                   "the banner does not name %s: %r" % (missing, banner))
        self.check(self.w("DESK_WHY_MISSING") in banner, "banner",
                   "the banner does not say %r: %r" % (self.w("DESK_WHY_MISSING"), banner))
        self.check("problem-banner" in f.regions, "banner", "no banner region")
        self.shot("library-missing-folder")
        self.stop()

        # a broken workshop file: said with file:line:column, the bundled library shown
        broken = os.path.join(self.tmp, "broken.workshop.xml")
        self.write_workshop(broken)
        with open(broken, encoding="utf-8") as fh:
            text = fh.read()
        with open(broken, "w", encoding="utf-8") as fh:
            fh.write(text.replace("<library>", "<libary>").replace("</library>", "</libary>"))
        line = 1 + text[:text.index("<library>")].count("\n")
        self.start(["--workshop", broken, "--db", os.path.join(self.tmp, "lib.sqlite")], "broken")
        f = self.on(SIGNIN, "the sign-in")
        self.shot("signin-broken-workshop")
        self.sign_in(LIBRARY)
        f = self.on(LIBRARY, "the banner", lambda f: self.texts(f, "problem"))
        banner = "".join(self.texts(f, "problem"))
        self.check("broken.workshop.xml:%d:" % line in banner, "broken workshop",
                   "the banner does not say broken.workshop.xml:%d:COLUMN: %r" % (line, banner))
        self.check(fmt_prefix(self.w("DESK_WS_PROBLEM"))[:25] in banner, "broken workshop",
                   "the banner does not say the workshop file cannot be used: %r" % banner)
        some = self.title_by_id(self.lang, self.c["scenarios"][1])
        seen = self.visit_all()
        self.check(any(d[4] and some.startswith(d[4]) and len(d[4]) >= 6 for d in seen),
                   "broken workshop", "the bundled library is not shown (no %r)" % some)
        self.shot("library-broken-workshop")

    # ---- reload -----------------------------------------------------------------------------------
    def part_reload(self):
        mine = os.path.join(self.tmp, "mine")
        os.makedirs(mine)
        path = os.path.join(mine, "mine.xml")
        with open(self.data(self.c["open"]), encoding="utf-8") as f:
            good = f.read()
        good = re.sub(r'\bid="[^"]+"', 'id="trainer-own"', good, count=1)
        with open(path, "w", encoding="utf-8") as f:
            f.write(good)
        self.start(["--scenarios", mine, "--db", os.path.join(self.tmp, "r.sqlite"), path],
                   "reload")
        self.sign_in(BRIEFING)
        self.inp.key("F5")
        f = self.on(BRIEFING, "the reload's toast",
                    lambda f: self.has_text(f, self.w("DESK_RELOADED"), "toast"))
        self.shot("reloaded")
        # the toast goes by itself
        self.on(BRIEFING, "the toast gone", lambda f: not self.texts(f, "toast"), timeout=6)

        self.inp.key("Return")
        self.on(CONVERSATION, "the call", lambda f: f.call is not None)
        time.sleep(0.3)
        self.inp.key("space")
        time.sleep(0.4)
        with open(path, "w", encoding="utf-8") as f:
            f.write(good.replace("</title>", "</title>\n  <notanelement/>", 1))
        self.inp.key("F5")
        f = self.on(CONVERSATION, "the errors beside the call",
                    lambda f: "reload-panel" in f.regions)
        panel = f.regions["reload-panel"]
        self.check(self.has_text(f, self.w("DESK_RELOAD_KEPT")[:25]), "reload",
                   "the panel does not say the call goes on")
        self.check(any("mine.xml:" in t for t in self.texts(f)), "reload",
                   "the panel does not show the file's errors with their line")
        tr = f.regions.get("transcript")
        self.check(tr is not None and tr[0] + tr[2] <= panel[0], "reload",
                   "the conversation is under the panel: transcript %s, panel %s" % (tr, panel))
        layout.check_texts(self, "reload panel", f)
        self.shot("reload-errors-beside-call")
        time.sleep(0.3)
        self.inp.key("space")
        time.sleep(0.3)
        node = self.last().call[1] if self.last().call else None
        self.inp.key("1")
        f = self.on(CONVERSATION, "the reply after the failed reload",
                    lambda f: f.call and f.call[1] != node)
        self.check("reload-panel" in f.regions, "reload", "the panel went with the reply")
        self.inp.key("Escape")
        f = self.on(CONVERSATION, "the panel closed", lambda f: "reload-panel" not in f.regions)
        self.shot("reload-panel-closed")

    # ---- pick -------------------------------------------------------------------------------------
    def part_pick(self):
        home = os.path.join(self.tmp, "pick")
        docs = os.path.join(home, "Documents")
        os.makedirs(docs)
        ws = self.write_workshop(os.path.join(docs, "kazan.workshop.xml"))
        db = os.path.join(self.tmp, "p.sqlite")
        self.start(["--db", db], "pick")
        self.sign_in(LIBRARY)
        f = self.on(LIBRARY, "the bundled library")
        self.check(not self.texts(f, "origin"), "library", "origins shown without a workshop")
        self.inp.key("s")
        self.on(SETTINGS, "the settings")
        self.inp.key("End")
        f = self.on(SETTINGS, "the workshop row, none",
                    lambda f: self.texts(f, "workshop-file") == [self.w("DESK_SET_WS_NONE")])
        # Right shows the file found in ~/Documents (the bundled examples are there too)
        for _ in range(12):
            self.inp.key("Right")
            time.sleep(0.15)
            f = self.last()
            # the about line names the file's path (wrapped over lines)
            if self.texts(f, "workshop-file") == [os.path.basename(ws)] and \
                    ws in "".join(self.texts(f)):
                break
        f = self.last()
        self.check(self.texts(f, "workshop-file") == [os.path.basename(ws)], "settings",
                   "Right never shows %s: %s" % (ws, self.texts(f, "workshop-file")))
        self.shot("settings-pick")
        self.inp.key("Return")
        self.sign_in(LIBRARY)
        f = self.on(LIBRARY, "the workshop's library", lambda f: self.texts(f, "origin"))
        self.check(len(self.texts(f, "origin")) == 3, "library",
                   "%d cards after choosing the workshop, not 3" % len(self.texts(f, "origin")))
        self.check(any(GROUP in t for t in self.texts(f)), "library",
                   "the workshop's group is not the trainee's")
        self.shot("library-picked")
        self.stop()
        with open(os.path.join(home, "config", "frontline", "settings.json"),
                  encoding="utf-8") as fh:
            saved = json.load(fh)
        self.check(saved.get("workshop") == os.path.realpath(ws), "settings.json",
                   "the workshop kept is %r, not %r" % (saved.get("workshop"), ws))
        # the next start uses it
        self.xvfb = Xvfb(1280, 720)
        env = harness.clean_env(self.xvfb.display, os.path.join(home, "config"),
                                os.path.join(home, "data"),
                                {"FRONTLINE_TRACE": "layout", "HOME": home,
                                 "FRONTLINE_DATA": self.root})
        self.app = harness.App(self.binary, ["--db", db], env,
                               log=os.path.join(self.art, "pick-again.log"))
        self.app.wait_first_frame()
        self.inp = Input(self.xvfb.display)
        self.win = self.inp.window_of(self.app.pid)
        self.inp.focus(self.win)
        self.sign_in(LIBRARY)
        f = self.on(LIBRARY, "the workshop's library again", lambda f: self.texts(f, "origin"))
        self.check(len(self.texts(f, "origin")) == 3, "next start",
                   "%d cards at the next start, not the workshop's 3" % len(self.texts(f, "origin")))
        # and back to none
        self.inp.key("s")
        self.on(SETTINGS, "the settings")
        self.inp.key("End")
        for _ in range(12):
            if self.texts(self.last(), "workshop-file") == [self.w("DESK_SET_WS_NONE")]:
                break
            self.inp.key("Left")
            time.sleep(0.15)
        self.inp.key("Return")
        self.on(SIGNIN, "the sign-in after choosing none",
                lambda f: self.has_text(f, self.w("DESK_WS_CLEARED")[:20], "toast"))
        self.sign_in(LIBRARY)
        f = self.on(LIBRARY, "the bundled library again")
        self.check(not self.texts(f, "origin"), "none again", "still the workshop's library")

        # "Not you?": Ctrl+N on the settings, a click on the link on the library
        self.inp.key("s")
        self.on(SETTINGS, "the settings")
        self.inp.key("ctrl+n")
        self.on(SIGNIN, "the sign-in after Ctrl+N on the settings")
        self.inp.type("Marina")
        self.inp.key("Return")
        f = self.on(LIBRARY, "the library as Marina", lambda f: "not-you" in f.regions)
        x, y, w, h = f.regions["not-you"]
        gx, gy, _, _ = self.inp.geometry(self.win)
        self.inp.mousemove(gx + x + w // 2, gy + y + h // 2)
        self.inp.click(1)
        self.on(SIGNIN, "the sign-in after a click on Not you?")

    # ---- shots -------------------------------------------------------------------------------------
    def part_shots(self):
        ws = self.write_workshop(os.path.join(self.tmp, "kazan.workshop.xml"))
        mine = os.path.join(self.tmp, "mine")
        os.makedirs(mine)
        self.copy_with_title(self.data(self.c["copy"]), os.path.join(mine, "copy.xml"), "")
        missing = os.path.join(self.tmp, "missing")
        for size in (100, 150, 200):
            # the library with origins and a banner (a missing folder beside the workshop)
            self.start(["--workshop", ws, "--scenarios", missing, "--session", "morning",
                        "--db", os.path.join(self.tmp, "s.sqlite"), self.data(self.c["open"])],
                       "shots-%d" % size, size=size)
            self.sign_in(BRIEFING)
            f = self.on(BRIEFING, "the briefing", lambda f: self.texts(f, "mode-explain"))
            layout.check_texts(self, "briefing %d%%" % size, f)
            self.check(self.texts(f, "mode-explain") == [self.w("DESK_LOCK_ASSESSMENT")] and
                       all(t[2] == 0 for t in f.texts if t[0] in ("mode-explain", "mode-chosen")),
                       "briefing %d%%" % size, "the locked mode's line is cut: %s"
                       % self.texts(f, "mode-explain"))
            self.shot("briefing-%d" % size)
            self.inp.key("Escape")
            f = self.on(LIBRARY, "the library", lambda f: self.texts(f, "problem"))
            layout.check_texts(self, "library %d%%" % size, f)
            self.shot("library-%d" % size)
            self.inp.key("s")
            f = self.on(SETTINGS, "the settings",
                        lambda f: self.has_text(f, self.w("DESK_LOCK_SETTING")[:20]))
            layout.check_texts(self, "settings %d%%" % size, f)
            self.inp.key("Down", "Down", "Down")
            time.sleep(0.3)
            self.shot("settings-%d" % size)
            self.inp.key("End")
            time.sleep(0.3)
            f = self.last()
            layout.check_texts(self, "settings end %d%%" % size, f)
            self.shot("settings-end-%d" % size)
            self.stop()
        # the trainer's library without a workshop, at 200%
        self.start(["--scenarios", mine, "--db", os.path.join(self.tmp, "s.sqlite")],
                   "shots-trainer", size=200)
        self.sign_in(LIBRARY)
        f = self.on(LIBRARY, "the library", lambda f: self.texts(f, "origin"))
        layout.check_texts(self, "trainer's library 200%", f)
        self.shot("library-trainer-200")

    def main(self):
        try:
            getattr(self, "part_" + self.a.part)()
        except Failure as e:
            self.fail(self.a.part, str(e))
            try:
                if self.xvfb:
                    self.shot("failure")
            except Failure:
                pass
        finally:
            self.stop()
            shutil.rmtree(self.tmp, ignore_errors=True)
        print("%d checks, %d failures" % (self.checks, len(self.failures)), flush=True)
        return 1 if self.failures else 0


if __name__ == "__main__":
    p = harness.options()
    p.add_argument("--part", required=True, choices=["lock", "library", "pick", "reload", "shots"])
    sys.exit(harness.run_main(Run, p.parse_args()))
