#!/usr/bin/env python3
"""End-to-end test of the desktop simulator: the real program in a real window, driven by real
key presses.

  e2e.py --frontline BIN --root SRC [--lang en|ru] [--artefacts DIR]

Under an Xvfb of its own (1280 x 720 x 24, a free display number), with private XDG_CONFIG_HOME,
XDG_DATA_HOME and --db, and FRONTLINE_TRACE=1, it:
  1. starts `frontline SCENARIO` with no display at all (DISPLAY, WAYLAND_DISPLAY and
     SDL_VIDEODRIVER unset) and stdin "\n1\nq\n": it must say so in one line (and nothing else
     on stderr), play the same scenario in the terminal ("Turn 1") and exit 0; the same with a
     DISPLAY whose X server does not exist (other stderr lines only noted there: libwayland's);
  2. takes a reference shot of the sign-in screen in the *other* interface language;
  3. starts `frontline --db DB SCENARIO` (en: scenarios/en/late-delivery.xml; ru:
     scenarios/ru/dostavka-opazdyvaet.xml with the interface in Russian from a pre-written
     settings.json), types the trainee's name and group (Cyrillic in the Russian run: xdotool
     types it through a remapped spare keycode), opens the briefing, starts the call, answers
     with a fixed sequence of reply numbers (skipping the "typing..." pauses with Space; the
     sequence is the case's, cut or completed with 1s so that `play --script` ends the call at
     its last reply), opens the results with Return, steps through the review, then the history,
     the library and the settings, and quits with Esc;
  4. starts it again on a scenario where some dimensions do not apply (the golden worst path of
     manager-demand / ru-zhargon, as reply numbers): it opens at the sign-in with the name and
     group remembered, and Enter continues as that trainee to the briefing; first starts the call and leaves it at once (Esc twice, no reply: a session
     not attempted), opens the history (H) from the library, then Play again (Enter) from
     there, and plays it to the results;
  5. checks:
     - each session in the store: finished, player "desktop", the typed name and group, exactly
       the replies pressed, the same reply ids as `play --script` picks for those numbers;
     - its overall score, band, outcome and every dimension equal what `frontline play
       --script` gives for the same replies at the same times (the store's took_ms);
     - the trace: no frame is drawn while the program sits idle for 2 s on every screen where
       nothing moves (sign-in, the returning trainee's sign-in, briefing, ended conversation, results, review, history, library,
       settings);
     - both results screens' pixels: the seven dimension bars (found by their colours: grey
       track #D5DAE1, fill in the score's colour, not by coordinates) share x and width, and each
       fill is width x score / 100 (+-2 px), in the score's colour; a dimension that did not
       apply is a bare track;
     - the critical mark: both sessions make a critical mistake (the first reply of the first
       one sends the customer elsewhere); on each results screen the findings column shows a
       "Critical mistake" label (white words on #C62828; no more than there are critical
       mistakes), the top one on the first card, whose border is #C62828, and "Not passed: ..."
       is written in #C62828 beside the score;
     - the session left before any reply is stored as not attempted (unfinished, no reply); the
       history then marks the scenario with the critical mistake (a "!" in #C62828 in the list)
       and shows no score at all for the one not attempted (no column in a score colour);
     - every screenshot has real content (many distinct colours), and the sign-in screen differs
       from the reference in the other language (the interface language was applied).
When a step fails, the screen is kept as NN-failure.png.
Screenshots of every screen go to ./artefacts/<lang>/NN-screen.png (under the current
directory), with the program's stderr and a summary. Exit 0 when everything holds, 1 otherwise
(every failure printed), 2 on bad usage.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import (BRIEFING, CONVERSATION, HISTORY, LIBRARY, RESULTS, REVIEW,  # noqa: E402
                     SETTINGS, SIGNIN, App, Failure, Input, Xvfb)

CASES = {
    "en": {
        "scenario": "scenarios/en/late-delivery.xml",
        "id": "late-delivery",
        # chosen so that the scores vary: empathy 20 (red), ownership 80, tone 90, resolution 70
        # (partial bars) and three full ones; reply 2 first sends the customer to the courier: a
        # critical mistake (not passed, 59 F, resolved)
        "replies": [2, 1, 2, 3, 1],
        "name": "Alex Morgan",
        "group": "cohort-7",
        "turn_word": "Turn 1",
    },
    "ru": {
        "scenario": "scenarios/ru/dostavka-opazdyvaet.xml",
        "id": "ru-dostavka-opazdyvaet",
        # resolved; empathy 33 (red), ownership 80, tone 90, resolution 70; a critical transfer
        # at the first reply (not passed, 59 F)
        "replies": [2, 1, 2, 1, 2, 1],
        "name": "Марина Ёлкина",
        "group": "Группа-7",
        "turn_word": "Ход 1",
    },
}

# the second session: a short path where some dimensions do not apply (from the golden files)
NA_CASES = {
    "en": {"scenario": "scenarios/en/manager-demand.xml", "id": "manager-demand",
           "script": "tests/golden/en/manager-demand.worst.script"},
    "ru": {"scenario": "scenarios/ru/zhargon.xml", "id": "ru-zhargon",
           "script": "tests/golden/ru/zhargon.worst.script"},
}

DIMS = ["empathy", "apology", "ownership", "tone", "upsell", "resolution", "responsiveness"]
TRACK = (0xD5, 0xDA, 0xE1)
GOOD, WARN, BAD = (0x2E, 0x7D, 0x32), (0xB2, 0x6A, 0x00), (0xC6, 0x28, 0x28)
FILLS = {GOOD, WARN, BAD}
IDLE_S = 2.0
MAX_EXTRA_REPLIES = 30


def score_colour(s):
    return GOOD if s >= 70 else WARN if s >= 40 else BAD


def hexc(c):
    return "none" if c is None else "#%02X%02X%02X" % c


class Run:
    def __init__(self, a):
        self.a = a
        self.case = CASES[a.lang]
        self.root = os.path.abspath(a.root)
        self.binary = os.path.abspath(a.frontline)
        self.art = os.path.abspath(a.artefacts or os.path.join("artefacts", a.lang))
        self.failures = []
        self.notes = []
        self.shots = []
        self.n = 1
        self.plan = None
        self.tmp = tempfile.mkdtemp(prefix="frontline-e2e-")
        self.db = os.path.join(self.tmp, "results.sqlite")
        self.xvfb = None
        self.app = None

    # ---- bookkeeping ----------------------------------------------------------------------------
    def fail(self, msg):
        self.failures.append(msg)
        print("FAIL: " + msg, flush=True)

    def note(self, msg):
        self.notes.append(msg)
        print("  " + msg, flush=True)

    def shot(self, name):
        path = os.path.join(self.art, "%02d-%s.png" % (self.n, name))
        self.n += 1
        harness.screenshot(self.xvfb.display, path)
        self.shots.append(path)
        return path

    def idle(self, where):
        """Nothing moves on this screen: after it settles, no frame for IDLE_S seconds."""
        try:
            self.app.wait_quiet(0.5, timeout=5)
        except Failure as e:
            self.fail("idle on %s: frames never stop (%s)" % (where, e))
            return
        extra = self.app.idle_frames(IDLE_S)
        if extra:
            self.fail("idle on %s: %d frame(s) drawn in %.0f s with nothing happening (first: %s)"
                      % (where, len(extra), IDLE_S, extra[0]))
        else:
            self.note("idle on %s: no frame in %.0f s" % (where, IDLE_S))

    def env_for(self, config, data):
        return harness.clean_env(self.xvfb.display, config, data)

    def frontline(self, *args, stdin=None, env=None, timeout=60):
        return subprocess.run([self.binary] + list(args), cwd=self.root, input=stdin,
                              capture_output=True, env=env, timeout=timeout)

    def report(self):
        p = self.frontline("report", "--db", self.db, "--format", "json")
        if p.returncode != 0:
            raise Failure("frontline report failed (%d): %s" % (p.returncode,
                                                                p.stderr.decode(errors="replace")))
        out = p.stdout.decode()
        return json.loads(out) if out.strip() else []

    def session(self, scenario_id=None):
        if not os.path.exists(self.db):
            return None
        sid = scenario_id or self.case["id"]
        ss = [s for s in self.report() if s["scenario"]["id"] == sid]
        return ss[-1] if ss else None

    def plan_replies(self):
        """The replies to press: the case's, cut or completed with 1s so that `play --script`
        ends the conversation exactly at the last one (so Return then opens the results)."""
        seq = list(self.case["replies"])
        script = os.path.join(self.tmp, "plan.script")
        for _ in range(MAX_EXTRA_REPLIES):
            with open(script, "w") as f:
                f.write("".join("%d\n" % k for k in seq))
            p = self.frontline("play", "--script", script, "--no-store", self.case["scenario"])
            err = p.stderr.decode(errors="replace")
            if p.returncode == 0:
                if seq != self.case["replies"]:
                    self.note("planned replies %s (the case's %s did not end the call)"
                              % (seq, self.case["replies"]))
                self.plan = seq
                return
            m = re.search(r":(\d+): the conversation has already ended", err)
            if m:
                seq = seq[:int(m.group(1)) - 1]
            elif "ended before the conversation did" in err:
                seq.append(1)
            else:
                raise Failure("play --script with %s failed: %s" % (seq, err.strip()))
        raise Failure("no plan of replies ends the conversation")

    # ---- 1. no display ------------------------------------------------------------------------
    def no_display(self):
        """No display at all, then a DISPLAY whose server does not exist: either way the
        program says so in one line and plays the scenario in the terminal."""
        free = next(n for n in range(250, 400)
                    if not os.path.exists("/tmp/.X11-unix/X%d" % n)
                    and not os.path.exists("/tmp/.X%d-lock" % n))
        for label, display, strict in (("no display", None, True),
                                       ("dead display :%d" % free, ":%d" % free, False)):
            self.terminal_fallback(label, display, strict)

    def terminal_fallback(self, label, display, strict):
        print("== %s: the terminal player" % label, flush=True)
        home = tempfile.mkdtemp(prefix="home-", dir=self.tmp)
        env = dict(os.environ)
        for k in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER", "FRONTLINE_TRACE"):
            env.pop(k, None)
        if display:
            env["DISPLAY"] = display
        env["XDG_CONFIG_HOME"] = env["XDG_DATA_HOME"] = home
        how = "DISPLAY=%s" % display if display else "DISPLAY, WAYLAND_DISPLAY, SDL_VIDEODRIVER unset"
        n_fail = len(self.failures)
        try:
            p = self.frontline(self.case["scenario"], stdin=b"\n1\nq\n", env=env, timeout=20)
        except subprocess.TimeoutExpired:
            self.fail("%s: `frontline %s` (%s, stdin \"\\n1\\nq\\n\") did not finish in "
                      "20 s: it probably opened a window on a display-less SDL driver "
                      "(offscreen/dummy) and waits for keys that cannot come"
                      % (label, self.case["scenario"], how))
            return
        out = p.stdout.decode(errors="replace")
        err = p.stderr.decode(errors="replace")
        tag = "nodisplay" if not display else "deaddisplay"
        with open(os.path.join(self.art, tag + ".stdout"), "w") as f:
            f.write(out)
        with open(os.path.join(self.art, tag + ".stderr"), "w") as f:
            f.write(err)
        err_lines = [l for l in err.splitlines() if l.strip()]
        said = [l for l in (err + "\n" + out).splitlines()
                if "display" in l.lower() or "дисплей" in l.lower()]
        if p.returncode != 0:
            self.fail("%s: exit status %d, expected 0" % (label, p.returncode))
        if len(said) != 1 or not any(w in said[0].lower() for w in ("terminal", "терминал")):
            self.fail("%s: expected one line saying there is no display and that it plays in "
                      "the terminal; got %r" % (label, said))
        if len(err_lines) != 1:
            msg = ("%s: stderr should be that one line, got %d lines: %r"
                   % (label, len(err_lines), err_lines[:5]))
            self.fail(msg) if strict else self.note("note: " + msg)
        if self.case["turn_word"] not in out:
            self.fail("%s: the terminal game's output lacks %r (stdout starts %r)"
                      % (label, self.case["turn_word"], out[:200]))
        if len(self.failures) == n_fail:
            self.note("%s: %r, then the terminal game, exit 0" % (label, said[0] if said else ""))

    # ---- 2. the sign-in screen in the other language --------------------------------------------
    def reference_signin(self):
        other = "ru" if self.a.lang == "en" else "en"
        cfg = os.path.join(self.tmp, "ref-config")
        os.makedirs(os.path.join(cfg, "frontline"))
        with open(os.path.join(cfg, "frontline", "settings.json"), "w") as f:
            json.dump({"language": other}, f)
        app = App(self.binary, ["--db", os.path.join(self.tmp, "ref.sqlite")],
                  self.env_for(cfg, os.path.join(self.tmp, "ref-data")), cwd=self.root,
                  log=os.path.join(self.art, "reference.stderr"))
        try:
            app.wait_first_frame()
            app.wait_screen(SIGNIN)
            app.wait_quiet(0.4)
            path = os.path.join(self.art, "00-signin-reference-%s.png" % other)
            harness.screenshot(self.xvfb.display, path)
            return path
        finally:
            app.stop()

    # ---- 3. the session --------------------------------------------------------------------------
    def play(self):
        c = self.case
        cfg = os.path.join(self.tmp, "config")
        data = os.path.join(self.tmp, "data")
        os.makedirs(os.path.join(cfg, "frontline"))
        os.makedirs(data)
        if self.a.lang == "ru":
            with open(os.path.join(cfg, "frontline", "settings.json"), "w") as f:
                json.dump({"language": "ru"}, f)
        self.app = app = App(self.binary, ["--db", self.db, c["scenario"]],
                             self.env_for(cfg, data), cwd=self.root,
                             log=os.path.join(self.art, "frontline.stderr"))
        inp = Input(self.xvfb.display)
        app.wait_first_frame()
        app.wait_screen(SIGNIN)
        win = inp.window_of(app.pid)
        geo = inp.geometry(win)
        self.note("window %s at %s" % (win, geo))
        inp.focus(win)
        self.shot("signin")
        self.idle("the sign-in screen")

        print("== sign in as %r, group %r" % (c["name"], c["group"]), flush=True)
        inp.type(c["name"])
        inp.key("Tab")
        inp.type(c["group"])
        app.wait_quiet(0.3)
        self.shot("signin-filled")
        inp.key("Return")
        app.wait_screen(BRIEFING)
        self.shot("briefing")
        self.idle("the briefing")

        print("== the call: replies %s" % c["replies"], flush=True)
        inp.key("Return")
        app.wait_screen(CONVERSATION)
        self.shot("conversation-typing")
        inp.key("space")
        time.sleep(0.4)
        self.shot("conversation")
        pressed = []
        for i, k in enumerate(self.plan):
            before = app.frame_count()
            inp.key(str(k))
            pressed.append(k)
            app.wait_for(lambda: app.frame_count() > before, 5, "a frame after reply %d" % k)
            self.after_reply(app, inp, last=i == len(self.plan) - 1)
            if i == 2:
                self.shot("conversation")
        self.shot("conversation-ended")
        self.idle("the ended conversation")
        inp.key("Return")  # the conversation has ended: to the results
        try:
            app.wait_screen(RESULTS, timeout=5)
        except Failure:
            raise Failure("Return did not open the results after the replies %s: the "
                          "conversation had not ended (play --script ends it there)" % pressed)
        app.wait_quiet(0.4)
        results = self.shot("results")
        self.idle("the results")

        print("== review", flush=True)
        inp.key("v")
        app.wait_screen(REVIEW)
        app.wait_quiet(0.3)
        self.shot("review")
        self.idle("the review")
        for step in range(len(pressed) - 1):
            before = app.frame_count()
            inp.key("Right")
            app.wait_for(lambda: app.frame_count() > before, 5, "a frame after Right (review)")
            app.wait_quiet(0.3)
            self.shot("review")
        before = app.frame_count()
        inp.key("Left")
        app.wait_for(lambda: app.frame_count() > before, 5, "a frame after Left (review)")
        inp.key("Escape")
        app.wait_screen(RESULTS)

        print("== history, library, settings", flush=True)
        inp.key("h")
        app.wait_screen(HISTORY)
        app.wait_quiet(0.3)
        self.shot("history")
        self.idle("the history")
        inp.key("Escape")
        app.wait_for(lambda: app.screen() in (LIBRARY, RESULTS), 5, "leaving the history")
        if app.screen() == RESULTS:
            inp.key("l")
        app.wait_screen(LIBRARY)
        app.wait_quiet(0.3)
        self.shot("library")
        self.idle("the library")
        inp.key("s")
        app.wait_screen(SETTINGS)
        app.wait_quiet(0.3)
        self.shot("settings")
        self.idle("the settings")
        inp.key("Escape")
        app.wait_screen(LIBRARY)
        app.wait_quiet(0.3)
        inp.key("Escape")
        rc = app.wait_exit(5)
        if rc is None:
            self.fail("Esc on the library did not quit within 5 s")
            rc = app.stop()
        elif rc != 0:
            self.fail("the program exited with status %d" % rc)
        app.stop()
        noise = [l for l in app.other_lines() if l.strip()]
        if noise:
            self.note("the program also wrote to stderr: %r" % noise[:5])
        return pressed, results

    def numbers_of(self, scenario, script_path):
        """The reply numbers (as keys 1-9 pick them) of a script written with reply ids."""
        ids = [l.split()[0] for l in open(script_path, encoding="utf-8")
               if l.strip() and not l.startswith("#")]
        numbers = []
        tmp = os.path.join(self.tmp, "numbers.script")
        for i, want in enumerate(ids):
            for n in range(1, 10):
                with open(tmp, "w", encoding="utf-8") as f:
                    f.write("".join("%s\n" % x for x in numbers + [n] + ids[i + 1:]))
                p = self.frontline("play", "--script", tmp, "--no-store", scenario)
                if p.returncode != 0:
                    continue
                agents = [t["agent"] for t in json.loads(p.stdout)["transcript"]
                          if t.get("agent")]
                if len(agents) > i and agents[i].get("reply") == want:
                    if agents[i].get("kind") != "choice":
                        raise Failure("%s: reply %s is typed, not a choice" % (script_path, want))
                    numbers.append(n)
                    break
            else:
                raise Failure("%s: no reply number gives %s at turn %d"
                              % (script_path, want, i + 1))
        return numbers

    @staticmethod
    def after_reply(app, inp, last):
        """Skips the customer's "typing..." pause with Space, except after the last reply: an
        ended conversation takes Space to the results (at once when the customer hung up), so
        there the pause (at most 1.8 s) runs out by itself."""
        if last:
            time.sleep(2.3)
        else:
            time.sleep(0.25)
            inp.key("space")
            time.sleep(0.35)

    def play_na(self):
        """A second, short session on a scenario where some dimensions do not apply, started
        by the same trainee (the sign-in has their name and group filled in; Enter goes on to
        the briefing): its results screen must show those bars as bare tracks."""
        na = NA_CASES[self.a.lang]
        options = self.numbers_of(na["scenario"], os.path.join(self.root, na["script"]))
        print("== a second session: %s, replies %s" % (na["scenario"], options), flush=True)
        cfg = os.path.join(self.tmp, "config")
        data = os.path.join(self.tmp, "data")
        self.app = app = App(self.binary, ["--db", self.db, na["scenario"]],
                             self.env_for(cfg, data), cwd=self.root,
                             log=os.path.join(self.art, "frontline-2.stderr"))
        inp = Input(self.xvfb.display)
        app.wait_first_frame()
        # the sign-in again, the name and group remembered and filled in: Enter continues as
        # them (check_store then finds the session under that name and group)
        app.wait_screen(SIGNIN)
        win = inp.window_of(app.pid)
        inp.focus(win)
        app.wait_quiet(0.3)
        self.shot("signin-returning")
        self.idle("the sign-in of a returning trainee")
        harness.continue_signin(app, self.xvfb.display, 10, inp, win)
        app.wait_screen(BRIEFING)
        print("== a call left before any reply (Esc twice), then the history", flush=True)
        inp.key("Return")
        app.wait_screen(CONVERSATION)
        inp.key("Escape", "Escape")  # within 3 s: leaves the call
        app.wait_screen(LIBRARY)
        inp.key("h")
        app.wait_screen(HISTORY)
        app.wait_quiet(0.3)
        history = self.shot("history-not-attempted")
        inp.key("Return")  # Play again: the scenario just left is the one selected
        app.wait_screen(BRIEFING)
        inp.key("Return")
        app.wait_screen(CONVERSATION)
        inp.key("space")
        time.sleep(0.3)
        for i, k in enumerate(options):
            before = app.frame_count()
            inp.key(str(k))
            app.wait_for(lambda: app.frame_count() > before, 5, "a frame after reply %d" % k)
            self.after_reply(app, inp, last=i == len(options) - 1)
        inp.key("Return")
        try:
            app.wait_screen(RESULTS, timeout=5)
        except Failure:
            raise Failure("Return did not open the results after the replies %s of %s"
                          % (options, na["scenario"]))
        app.wait_quiet(0.4)
        results = self.shot("results-not-applicable")
        inp.key("l")
        app.wait_screen(LIBRARY)
        inp.key("Escape")
        if app.wait_exit(5) is None:
            self.fail("Esc on the library did not quit within 5 s (second session)")
        app.stop()
        return options, results, na, history

    # ---- 4. checks -------------------------------------------------------------------------------
    def check_store(self, pressed, scenario=None, scenario_id=None, tag="desktop"):
        print("== the store against `frontline play --script` (%s)" % tag, flush=True)
        c = self.case
        scenario = scenario or c["scenario"]
        scenario_id = scenario_id or c["id"]
        s = self.session(scenario_id)
        if not s:
            self.fail("no session of %s in the store %s" % (scenario_id, self.db))
            return None
        want = {"finished": True, "player": "desktop", "trainee": c["name"],
                "group": c["group"], "mode": "practice"}
        for k, v in want.items():
            if s.get(k) != v:
                self.fail("store: session %s is %r, expected %r" % (k, s.get(k), v))
        replies = [t for t in s["turns"] if t["speaker"] == "trainee" and not t["taken_back"]]
        if s["replies"] != len(pressed) or len(replies) != len(pressed):
            self.fail("store: %d replies (%d trainee turns), %d pressed"
                      % (s["replies"], len(replies), len(pressed)))
        script = os.path.join(self.tmp, tag + ".script")
        with open(script, "w") as f:
            for k, t in zip(pressed, replies):
                f.write("%d @%.3f\n" % (k, (t.get("took_ms") or 0) / 1000.0))
        shutil.copy(script, os.path.join(self.art, tag + ".script"))
        p = self.frontline("play", "--script", script, "--no-store", scenario)
        if p.returncode != 0:
            self.fail("play --script %s failed (%d): %s"
                      % (script, p.returncode, p.stderr.decode(errors="replace").strip()))
            return s
        ref = json.loads(p.stdout)
        with open(os.path.join(self.art, tag + ".play-script.json"), "wb") as f:
            f.write(p.stdout)
        got_ids = [t.get("reply") for t in replies]
        ref_ids = [t["agent"].get("reply") for t in ref["transcript"] if t.get("agent")]
        if got_ids != ref_ids:
            self.fail("the replies differ: the desktop recorded %s, play --script chose %s for "
                      "the numbers %s" % (got_ids, ref_ids, pressed))
        pairs = [("overall", s["overall"], ref["overall"]), ("band", s["band"], ref["band"]),
                 ("outcome", s["outcome"], ref["ending"]["outcome"])]
        for d in DIMS:
            pairs.append((d, s["dimensions"][d], ref["dimensions"][d]["score"]))
        bad = [(k, a, b) for k, a, b in pairs if a != b]
        for k, a, b in bad:
            self.fail("score %s: the desktop's session has %r, play --script gives %r" % (k, a, b))
        if not bad:
            self.note("store = play --script: overall %s band %s %s; %s" % (
                s["overall"], s["band"], s["outcome"],
                ", ".join("%s %s" % (d, s["dimensions"][d]) for d in DIMS)))
        return s

    def check_bars(self, path, s):
        """The results screen's dimension bars, found by their colours."""
        print("== the dimension bars by pixels (%s)" % os.path.basename(path), flush=True)
        img = harness.read_image(path)
        found = harness.find_bars(img, TRACK, FILLS)
        if not found:
            self.fail("bars: no bar (a grey #D5DAE1 track with a fill) found on %s" % path)
            return
        (x0, x1), bars = found
        if len(bars) != len(DIMS):
            self.fail("bars: expected %d bars at the same x and width, the largest group "
                      "(x %d..%d) has %d: %s" % (len(DIMS), x0, x1 - 1, len(bars),
                                                [(b[0], b[1], b[2]) for b in bars]))
            return
        w = x1 - x0
        heights = {b[1] - b[0] for b in bars}
        if len(heights) != 1:
            self.fail("bars: different heights %s" % sorted(heights))
        self.note("bars: x %d..%d (width %d), tops %s, height %s"
                  % (x0, x1 - 1, w, [b[0] for b in bars], sorted(heights)))
        for d, (y0, y1, (_, _, split, col)) in zip(DIMS, bars):
            score = s["dimensions"][d]
            fill = split - x0
            if score is None:
                ok = fill == 0
                want = "an empty track (did not apply)"
            else:
                exp = w * score // 100
                ok = abs(fill - exp) <= 2 and (fill == 0 or col == score_colour(score))
                want = "fill %d px (%d x %d / 100) in %s" % (exp, w, score, hexc(score_colour(score)))
            line = "bar %-14s score %-4s fill %3d/%d px %s: expected %s" % (
                d, score, fill, w, hexc(col), want)
            if ok:
                self.note(line + " - ok")
            else:
                self.fail(line)

    def check_critical(self, path, s):
        """The results screen of a session with a critical mistake: one "Critical mistake" label
        in the findings column (the right half), on the first card, which is a critical one;
        "Not passed" in the mistake colour beside the score. Without one: no label."""
        print("== the critical mark by pixels (%s)" % os.path.basename(path), flush=True)
        img = harness.read_image(path)
        crit = s.get("critical_mistakes")
        if crit is None:
            self.fail("the report has no critical_mistakes for session %s" % s.get("id"))
            return
        labels = harness.find_labels(img, box=(img.w // 2, 0, img.w, img.h))
        if not crit:
            if labels:
                self.fail("no critical mistake, yet \"Critical mistake\" labels at %s" % labels)
            else:
                self.note("no critical mistake and no label")
            return
        if not labels or len(labels) > crit:
            self.fail("%d critical mistake(s) (%s): expected a \"Critical mistake\" label in "
                      "the findings column (one per critical card shown), found %s"
                      % (crit, s.get("critical"), labels))
            return
        ok, why = harness.critical_card_first(img, labels[0])
        if not ok:
            self.fail("the critical label at %s: %s" % (labels[0], why))
        red = harness.count_colour(img, harness.BAD, (110, 100, 600, 180))
        if red < 100:
            self.fail("only %d pixels of #C62828 beside the score: \"Not passed: ...\" is not "
                      "written in the mistake colour" % red)
        if ok and red >= 100:
            self.note("critical mistakes %s %s: label %s on the first card (%s); %d px of "
                      "#C62828 text beside the score" % (crit, s.get("critical"), labels[0], why,
                                                         red))

    def check_not_attempted(self, history, scenario_id):
        """The call left before any reply: stored as not attempted, and the history shows the
        scenario without any score, with the earlier scenario's critical mistake marked."""
        print("== the session not attempted, and the history", flush=True)
        ss = [x for x in self.report() if x["scenario"]["id"] == scenario_id]
        left = [x for x in ss if not x["finished"]]
        if len(left) != 1:
            self.fail("expected one unfinished session of %s, found %d" % (scenario_id, len(left)))
            return
        x = left[0]
        if x.get("attempted") is not False or x.get("replies") != 0 or x.get("overall") is not None:
            self.fail("the session left before any reply: attempted %r, replies %r, overall %r; "
                      "expected false, 0, null" % (x.get("attempted"), x.get("replies"),
                                                   x.get("overall")))
        else:
            self.note("stored as not attempted: no reply, no score")
        img = harness.read_image(history)
        w = img.w
        marks = harness.count_colour(img, harness.BAD, (0, 60, int(w * 0.35), img.h - 60))
        scores = sum(harness.count_colour(img, c, (int(w * 0.35), 60, w, img.h - 60))
                     for c in (GOOD, WARN, BAD))
        if marks < 20:
            self.fail("history: no critical mark (#C62828) in the list of scenarios (%d px)"
                      % marks)
        if scores:
            self.fail("history: %d px in a score colour beside a scenario only ever left before "
                      "any reply; expected no score at all" % scores)
        if marks >= 20 and not scores:
            self.note("history: %d px of critical mark in the list; no score shown for the "
                      "scenario not attempted" % marks)

    def check_content(self, reference):
        print("== screenshots have content", flush=True)
        for path in self.shots:
            n = harness.read_image(path).colours()
            if n < 40:
                self.fail("%s looks blank: %d distinct colours" % (os.path.basename(path), n))
        mine = harness.read_image(self.shots[0])
        ref = harness.read_image(reference)
        d = mine.diff_pixels(ref)
        if d < 1000:
            self.fail("the sign-in screen in %s differs from the %s reference in only %d pixels: "
                      "the interface language was not applied"
                      % (self.a.lang, os.path.basename(reference), d))
        else:
            self.note("sign-in (%s) vs %s: %d pixels differ"
                      % (self.a.lang, os.path.basename(reference), d))

    def go(self):
        os.makedirs(self.art, exist_ok=True)
        for f in os.listdir(self.art):
            os.remove(os.path.join(self.art, f))
        harness.need_tools("Xvfb", "xdotool", "import", "convert")
        self.no_display()
        self.plan_replies()
        self.xvfb = Xvfb(1280, 720, log=os.path.join(self.art, "xvfb.log"))
        self.note("Xvfb on %s" % self.xvfb.display)
        try:
            reference = self.reference_signin()
            pressed, results = self.play()
            s = self.check_store(pressed)
            if s and s.get("finished"):
                self.check_bars(results, s)
                self.check_critical(results, s)
                if not s.get("critical_mistakes"):
                    self.fail("%s: no critical mistake; the check of the critical mark needs "
                              "one" % self.case["id"])
            options, results2, na, history = self.play_na()
            s2 = self.check_store(options, na["scenario"], na["id"], "desktop-2")
            if s2 and s2.get("finished"):
                if all(v is not None for v in s2["dimensions"].values()):
                    self.fail("%s: every dimension applied; the check of bare tracks needs "
                              "one that does not" % na["id"])
                self.check_bars(results2, s2)
                self.check_critical(results2, s2)
            self.check_not_attempted(history, na["id"])
            self.check_content(reference)
        except Failure:
            try:
                self.shot("failure")  # what the screen showed when it went wrong
            except Failure:
                pass
            raise
        finally:
            if self.app:
                self.app.stop()
            self.xvfb.stop()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--lang", choices=sorted(CASES), default="en")
    ap.add_argument("--artefacts", help="default: ./artefacts/LANG")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    a = ap.parse_args()
    r = Run(a)
    t0 = time.monotonic()
    try:
        r.go()
    except Failure as e:
        r.fail(str(e))
    except Exception as e:  # a crash of the test itself is a failure too, with its cause
        import traceback
        traceback.print_exc()
        r.fail("the test stopped: %r" % e)
    finally:
        if not a.keep:
            shutil.rmtree(r.tmp, ignore_errors=True)
    summary = os.path.join(r.art, "summary.txt")
    os.makedirs(r.art, exist_ok=True)
    with open(summary, "w") as f:
        f.write("\n".join(["notes:"] + r.notes + ["failures:"] + r.failures) + "\n")
    print("e2e %s: %d screenshot(s) in %s, %.0f s" % (a.lang, len(r.shots), r.art,
                                                      time.monotonic() - t0))
    if r.failures:
        print("e2e %s: %d FAILURE(S):" % (a.lang, len(r.failures)))
        for f in r.failures:
            print("  - " + f)
        return 1
    print("e2e %s: ok" % a.lang)
    return 0


if __name__ == "__main__":
    sys.exit(main())
