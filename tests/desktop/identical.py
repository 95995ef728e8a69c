#!/usr/bin/env python3
"""The desktop's pixels do not depend on the video driver, and HiDPI draws at the display's pixels.

  identical.py --frontline BIN --root SRC --lang en|ru
      The same scripted session (FRONTLINE_REPLAY: sign in, briefing, a whole conversation with
      a critical transfer, results, review, a retry played to the best score and its results,
      library with its filters, settings) is played under Xvfb and under SDL's offscreen
      driver. Every settled frame the renderer drew (FRONTLINE_DUMP) must be byte for byte the
      same in both runs; the last one must also be what the X server shows (a screenshot of the
      screen, by ImageMagick's import); and both runs must have stored the scores that `frontline
      play --script` gives for the same replies (critical mistakes included), so the frames are
      of real sessions. The first results frame must show the critical mark: the first finding
      card is a critical one (its border in the mistake colour #C62828) with the "Critical
      mistake" label (white words on #C62828), and "Not passed" in #C62828 beside the score; the
      review's strip of turns marks the critical turn with a "!"; the results of the passed retry
      show no such label.

  identical.py --frontline BIN --root SRC --hidpi
      Xvfb at 2560x1440 with Xft.dpi 192 (what GNOME, KDE or Xfce set on X11 at 200 %), against
      the offscreen driver at 1280x720. The window must open at 2560x1440, its frames must be
      2560x1440, the results screen's dimension bars must be twice as wide and as high with the
      same scores, the title text twice as tall (text rendered at the display's pixels, not
      a blown-up 1x frame), and the critical mistake's label twice as large.

  identical.py --frontline BIN --root SRC --lang en|ru --wayland
      The same session under a real Wayland compositor (weston) with no X display to fall back
      to, against the offscreen driver: every frame byte-identical, and the score stored.

Frames and logs are kept in build/tests/identical/<case>/.
"""
import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import harness  # noqa: E402
from harness import App, Failure, Xvfb  # noqa: E402

TRACK = (0xD5, 0xDA, 0xE1)
FILLS = {(0x2E, 0x7D, 0x32), (0xB2, 0x6A, 0x00), (0xC6, 0x28, 0x28)}
DIMS = ["empathy", "apology", "ownership", "tone", "upsell", "resolution", "responsiveness"]

# critical: replies that transfer the customer at once (a critical mistake), then put it right
CASES = {
    "en": {"scenario": "scenarios/en/late-delivery.xml", "name": "Alex Morgan",
           "group": "Cohort 7", "critical": [2, 1, 1, 1, 2]},
    "ru": {"scenario": "scenarios/ru/dostavka-opazdyvaet.xml", "name": "Анна Петрова",
           "group": "Группа 3", "critical": [1, 2, 1, 1, 2]},
}


def replies_to_end(binary, root, scenario, key):
    """How many times reply `key` is given before the conversation ends, by `play --script`."""
    p = subprocess.run([binary, "play", "--script", "-", "--no-store", "--untimed", scenario],
                       input=("%s\n" % key) * 60, capture_output=True, text=True, timeout=60, cwd=root)
    m = re.search(r":(\d+): the conversation has already ended", p.stderr)
    if not m:
        raise Failure("play --script of 60 times reply %s did not end early: %s"
                      % (key, p.stderr))
    return int(m.group(1)) - 1


def played_score(binary, root, scenario, replies):
    p = subprocess.run([binary, "play", "--script", "-", "--no-store", "--untimed", scenario],
                       input="".join("%s\n" % k for k in replies), capture_output=True, text=True,
                       timeout=60, cwd=root)
    if p.returncode != 0:
        raise Failure("play --script: %s" % p.stderr)
    return json.loads(p.stdout)


def planned(a, lang, key):
    """The case of lang, its scenario's path, how many times reply `key` is given before the
    end, and the result `play --script` gives for that."""
    case = CASES[lang]
    scen = os.path.join(a.root, case["scenario"])
    n = replies_to_end(a.binary, a.root, scen, key)
    return case, scen, n, played_score(a.binary, a.root, scen, [key] * n)


def planned_critical(a, case, scen):
    """The result `play --script` gives for the case's critical replies, which must end the
    conversation with a critical mistake."""
    want = played_score(a.binary, a.root, scen, case["critical"])
    if not want["ending"]["finished"] or not want.get("critical_mistakes"):
        raise Failure("replies %s of %s: finished %s, critical mistakes %s; expected a finished "
                      "conversation with a critical mistake"
                      % (case["critical"], case["scenario"], want["ending"]["finished"],
                         want.get("critical_mistakes")))
    return want


def session_script(case, key, n):
    """A session with a critical transfer, its results and review, then Retry (R) straight into
    a second session of reply `key` n times to its results, then the library and settings."""
    steps = ["# sign in", "text " + case["name"], "key Tab", "text " + case["group"],
             "key Return", "# the briefing", "key Return",
             "# the conversation: a critical transfer"]
    for k in case["critical"]:
        steps += ["key space", "key %s" % k]
    steps += ["key Return", "# results", "key Down", "key v", "# review", "key Right",
              "key Right", "key Right", "key Escape", "# retry", "key r"]
    for _ in range(n):
        steps += ["key space", "key %s" % key]
    steps += ["key Return", "# results", "key l", "# the library and its filters",
              "key Down", "key Right", "key l", "key t", "key s", "# settings", "key Down",
              "key Escape"]
    return "\n".join(steps) + "\n"


def results_script(case, key, n):
    steps = ["text " + case["name"], "key Tab", "text " + case["group"], "key Return",
             "key Return"]
    for _ in range(n):
        steps += ["key space", "key %s" % key]
    return "\n".join(steps + ["key Return"]) + "\n"


class Run:
    """The program playing a script, under Xvfb (display) or the offscreen driver."""

    def __init__(self, a, out, script, scenario, lang, display=None, wayland=None):
        self.out = out
        shutil.rmtree(out, ignore_errors=True)
        self.dumps = os.path.join(out, "frames")
        cfg = os.path.join(out, "config")
        data = os.path.join(out, "data")
        for d in (self.dumps, os.path.join(cfg, "frontline"), data):
            os.makedirs(d)
        with open(os.path.join(cfg, "frontline", "settings.json"), "w") as f:
            json.dump({"language": lang, "timed": False}, f)
        path = os.path.join(out, "replay.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(script)
        env = harness.clean_env(display or "", cfg, data)
        env["XDG_STATE_HOME"] = data
        env["FRONTLINE_REPLAY"] = path
        env["FRONTLINE_DUMP"] = self.dumps
        if wayland:  # (runtime dir, socket): Wayland only, no X display to fall back to
            del env["DISPLAY"]
            env["XDG_RUNTIME_DIR"], env["WAYLAND_DISPLAY"] = wayland
            # In the sanitizer build, LeakSanitizer finds blocks that SDL's Wayland driver,
            # libdecor and Mesa's EGL (unloaded at exit, so unnamed) never free. Nothing of ours
            # is among them, and the X11 and offscreen runs check our leaks on the same code.
            # Memory errors are still checked here.
            if "ASAN_OPTIONS" in env:
                env["ASAN_OPTIONS"] += ":detect_leaks=0"
        elif not display:
            del env["DISPLAY"]
            env["SDL_VIDEODRIVER"] = "offscreen"
        self.db = os.path.join(out, "results.sqlite")
        self.app = App(a.binary, ["--db", self.db, scenario], env, cwd=a.root,
                       log=os.path.join(out, "frontline.stderr"))
        self.app.wait_for(lambda: any(l.strip() == "trace: replay done"
                                      for _, l in list(self.app.lines)), 120,
                          "the end of the replay (%s)" % out)

    def frames(self):
        return sorted(os.listdir(self.dumps))

    def stop(self):
        rc = self.app.stop()
        if rc != 0:
            raise Failure("%s: the program exited with %s" % (self.out, rc))

    def sessions(self, n):
        con = sqlite3.connect("file:%s?mode=ro" % self.db, uri=True)
        try:
            con.row_factory = sqlite3.Row
            rows = con.execute("SELECT * FROM sessions ORDER BY started, id").fetchall()
        finally:
            con.close()
        if len(rows) != n:
            raise Failure("%s: %d sessions stored, expected %d" % (self.db, len(rows), n))
        return [dict(r) for r in rows]


def check_score(run, wants, fails):
    """The stored sessions, in the order they were played, against `play --script`'s results
    for the same replies: finished, overall, band, every dimension and the critical mistakes."""
    for s, want in zip(run.sessions(len(wants)), wants):
        got = {"finished": s["finished"], "overall": s["overall"], "band": s["band"]}
        got.update({d: s[d] for d in DIMS})
        exp = {"finished": 1, "overall": want["overall"], "band": want["band"]}
        exp.update({d: want["dimensions"][d]["score"] for d in DIMS})
        if "critical" in s and "critical_mistakes" in want:
            got["critical"], exp["critical"] = s["critical"], want["critical_mistakes"]
        if got != exp:
            fails.append("%s: stored %s, play --script gives %s" % (run.db, got, exp))
        else:
            print("stored session = play --script: overall %s band %s, %s critical mistake(s)"
                  % (s["overall"], s["band"], s.get("critical")))


def check_critical_frames(run, fails):
    """The critical mark on the dumped frames (the renderer's own pixels, 1280 x 720 at 100%):
    the first results frame (the session with a critical transfer) has the "Critical mistake"
    label on the first finding card, whose border is in the mistake colour, and "Not passed" in
    the mistake colour beside the score; its first review frame marks the critical turn on the
    strip with a "!"; the last results frame (the passed retry) has no such label."""
    frames = run.frames()
    results = [f for f in frames if f.endswith("-results.ppm")]
    reviews = [f for f in frames if f.endswith("-review.ppm")]
    if not results or not reviews:
        fails.append("no results or review frames: %s" % frames)
        return
    img = harness.read_ppm(os.path.join(run.dumps, results[0]))
    labels = harness.find_labels(img, box=(img.w // 2, 0, img.w, img.h))
    if len(labels) != 1:
        fails.append("%s: %d \"Critical mistake\" labels in the findings column, expected 1: %s"
                     % (results[0], len(labels), labels))
    else:
        ok, why = harness.critical_card_first(img, labels[0])
        if ok:
            print("%s: label at %s; %s" % (results[0], labels[0], why))
        else:
            fails.append("%s: label at %s, but %s" % (results[0], labels[0], why))
    red = harness.count_colour(img, harness.BAD, (110, 100, 600, 180))
    if red < 100:
        fails.append("%s: %d pixels of #C62828 beside the score, expected the words \"Not "
                     "passed: ...\"" % (results[0], red))
    rv = harness.read_ppm(os.path.join(run.dumps, reviews[0]))
    ink = harness.marker_ink(rv, (0, 56, rv.w, 90))
    if ink < 5:
        fails.append("%s: no \"!\" on the strip of turns (%d pixels of its ink)"
                     % (reviews[0], ink))
    last = harness.read_ppm(os.path.join(run.dumps, results[-1]))
    extra = harness.find_labels(last)
    if results[-1] == results[0] or extra:
        fails.append("%s (the passed retry): labels %s, expected none" % (results[-1], extra))
    else:
        print("critical mark on %s (and the review's strip), none on %s"
              % (results[0], results[-1]))


def same_as_screen(display, run, w, h, fails):
    """The last frame the renderer drew against what the X server shows."""
    shot = os.path.join(run.out, "screen.png")
    harness.screenshot(display, shot)
    screen = harness.read_image(shot)
    last = harness.read_ppm(os.path.join(run.dumps, run.frames()[-1]))
    if (screen.w, screen.h) != (w, h) or (last.w, last.h) != (w, h):
        fails.append("sizes: screen %dx%d, last frame %dx%d, expected %dx%d"
                     % (screen.w, screen.h, last.w, last.h, w, h))
        return
    d = last.diff_pixels(screen)
    if d:
        fails.append("the last frame (%s) differs from the X screen in %d pixels"
                     % (run.frames()[-1], d))
    else:
        print("the last frame %s = the X screen, %dx%d" % (run.frames()[-1], w, h))


def against_offscreen(a, base, name, run, script, scen, lang, wants, fails):
    """Plays the same script under the offscreen driver; both runs must have stored the
    expected score, and every settled frame of `run` must be byte-identical to offscreen's,
    not blank, with every screen of the script reached."""
    print("== the offscreen driver", flush=True)
    o = Run(a, os.path.join(base, "offscreen"), script, scen, lang)
    o.stop()
    for r in (run, o):
        check_score(r, wants, fails)
    if len(wants) > 1:
        check_critical_frames(o, fails)
    rf, of = run.frames(), o.frames()
    if rf != of:
        fails.append("different frames: %s %s, offscreen %s" % (name, rf, of))
    screens = sorted({f.split("-", 1)[1][:-4] for f in rf})
    print("%d settled frames under each driver, screens: %s" % (len(rf), ", ".join(screens)))
    for need in ("signin", "briefing", "conversation", "results", "review", "library",
                 "settings"):
        if need not in screens:
            fails.append("the script never reached the %s screen" % need)
    same = 0
    for f in sorted(set(rf) & set(of)):
        ia = harness.read_ppm(os.path.join(run.dumps, f))
        ib = harness.read_ppm(os.path.join(o.dumps, f))
        if ia.rgb == ib.rgb and (ia.w, ia.h) == (ib.w, ib.h):
            same += 1
        else:
            fails.append("%s: %d pixels differ between %s and offscreen"
                         % (f, ia.diff_pixels(ib), name))
        if ia.colours() < 40:
            fails.append("%s looks blank: %d colours" % (f, ia.colours()))
    print("byte-identical frames, %s and offscreen: %d of %d" % (name, same, len(rf)))
    if not rf:
        fails.append("no frames were dumped")


def identical(a, lang):
    case, scen, n, want = planned(a, lang, 1)
    wants = [planned_critical(a, case, scen), want]
    script = session_script(case, 1, n)
    base = os.path.join(a.out, lang)
    fails = []
    xvfb = Xvfb(1280, 720)
    try:
        print("== Xvfb %s: %s, replies %s (a critical transfer), results, review, a retry with "
              "reply 1 %d times, results, library, settings"
              % (xvfb.display, case["scenario"], case["critical"], n), flush=True)
        x = Run(a, os.path.join(base, "xvfb"), script, scen, lang, xvfb.display)
        same_as_screen(xvfb.display, x, 1280, 720, fails)
        x.stop()
    finally:
        xvfb.stop()
    against_offscreen(a, base, "Xvfb", x, script, scen, lang, wants, fails)
    return fails


def wayland(a, lang):
    """The session under a Wayland compositor (weston, nested in an Xvfb of its own, which gives
    it a seat) against the offscreen driver."""
    harness.need_tools("weston")
    case, scen, n, want = planned(a, lang, 1)
    wants = [planned_critical(a, case, scen), want]
    script = session_script(case, 1, n)
    base = os.path.join(a.out, "wayland-" + lang)
    shutil.rmtree(base, ignore_errors=True)
    runtime = os.path.join(base, "runtime")
    os.makedirs(runtime, mode=0o700)
    fails = []
    xvfb = Xvfb(1280, 720)
    weston = None
    try:
        env = dict(os.environ, DISPLAY=xvfb.display, XDG_RUNTIME_DIR=runtime)
        env.pop("WAYLAND_DISPLAY", None)
        log = open(os.path.join(base, "weston.log"), "wb")
        weston = subprocess.Popen(["weston", "--backend=x11-backend.so", "--socket=frontline-test",
                                   "--width=1280", "--height=720", "--use-pixman",
                                   "--idle-time=0", "--no-config"],
                                  env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                  start_new_session=True)
        sock = os.path.join(runtime, "frontline-test")
        deadline = time.monotonic() + 30
        while not os.path.exists(sock):
            if weston.poll() is not None or time.monotonic() > deadline:
                raise Failure("weston did not start (see %s/weston.log)" % base)
            time.sleep(0.05)
        print("== weston on %s (nested in Xvfb %s)" % (sock, xvfb.display), flush=True)
        w = Run(a, os.path.join(base, "wayland"), script, scen, lang,
                wayland=(runtime, "frontline-test"))
        w.stop()
    finally:
        if weston and weston.poll() is None:
            weston.terminate()
            weston.wait(10)
        xvfb.stop()
    against_offscreen(a, base, "Wayland", w, script, scen, lang, wants, fails)
    return fails


def ink_height(img, x0, x1, y0, y1):
    """Rows between y0 and y1 with dark (text) pixels between x0 and x1: the text's height."""
    rows = [y for y in range(y0, y1)
            if any(max(img.px(x, y)) < 0x60 for x in range(x0, x1))]
    return (rows[-1] - rows[0] + 1) if rows else 0


def mouse_at_2x(a, base, xvfb, fails):
    """After Enter at the sign-in (the trainee remembered), a real click (xdotool) on the
    library's third card, at (1050, 200) in design pixels, is at (2100, 400) on the 2x screen
    and must open that scenario's briefing: mouse coordinates are the screen's pixels on X11,
    not points to be scaled again (which would land at 4200)."""
    out = os.path.join(base, "mouse")
    shutil.rmtree(out, ignore_errors=True)
    cfg, data = os.path.join(out, "config"), os.path.join(out, "data")
    os.makedirs(os.path.join(cfg, "frontline"))
    os.makedirs(data)
    with open(os.path.join(cfg, "frontline", "settings.json"), "w") as f:
        json.dump({"language": "en", "trainee": "Alex Morgan", "group": "Cohort 7"}, f)
    env = harness.clean_env(xvfb.display, cfg, data)
    env["XDG_STATE_HOME"] = data
    app = App(a.binary, ["--db", os.path.join(out, "results.sqlite")], env, cwd=a.root,
              log=os.path.join(out, "frontline.stderr"))
    try:
        app.wait_first_frame(30)
        # the sign-in, "Alex Morgan" remembered: Enter continues as them, to the library
        inp = harness.Input(xvfb.display)
        harness.continue_signin(app, xvfb.display, 10, inp)
        app.wait_screen(harness.LIBRARY)
        inp.focus(inp.window_of(app.pid))
        inp.mousemove(2100, 400)
        inp.click(1)
        try:
            app.wait_screen(harness.BRIEFING, 10)
            print("a click at (2100, 400) on the 2x screen opened the third card's briefing")
        except Failure:
            fails.append("a click on the third library card at 2x did not open its briefing "
                         "(screen %s)" % app.screen())
    finally:
        app.stop()


def hidpi(a):
    # reply 2 every time: scores from 0 to 100 and a dimension that does not apply
    case, scen, n, want = planned(a, "en", 2)
    script = results_script(case, 2, n)
    base = os.path.join(a.out, "hidpi")
    fails = []
    xvfb = Xvfb(2560, 1440)
    try:
        env = dict(os.environ, DISPLAY=xvfb.display)
        subprocess.run(["xprop", "-root", "-f", "RESOURCE_MANAGER", "8s", "-set",
                        "RESOURCE_MANAGER", "Xft.dpi:\t192\n"], env=env, check=True, timeout=30)
        print("== Xvfb %s at 2560x1440 with Xft.dpi 192" % xvfb.display, flush=True)
        big = Run(a, os.path.join(base, "xvfb-192dpi"), script, scen, "en", xvfb.display)
        same_as_screen(xvfb.display, big, 2560, 1440, fails)
        big.stop()
        mouse_at_2x(a, base, xvfb, fails)
    finally:
        xvfb.stop()
    print("== the offscreen driver at 1280x720", flush=True)
    small = Run(a, os.path.join(base, "offscreen"), script, scen, "en")
    small.stop()
    for run in (big, small):
        check_score(run, [want], fails)
    fb, fs = big.frames(), small.frames()
    if [f.split("-", 1)[1] for f in fb] != [f.split("-", 1)[1] for f in fs]:
        fails.append("different screens: %s and %s" % (fb, fs))
    ib = harness.read_ppm(os.path.join(big.dumps, fb[-1]))
    is_ = harness.read_ppm(os.path.join(small.dumps, fs[-1]))
    if not fb[-1].endswith("-results.ppm"):
        fails.append("the last frame is %s, not the results" % fb[-1])
    if (ib.w, ib.h) != (2560, 1440) or (is_.w, is_.h) != (1280, 720):
        fails.append("frame sizes %dx%d and %dx%d, expected 2560x1440 and 1280x720"
                     % (ib.w, ib.h, is_.w, is_.h))
        return fails
    bb = harness.find_bars(ib, TRACK, FILLS, min_w=200, max_h=80)
    bs = harness.find_bars(is_, TRACK, FILLS)
    if not bb or not bs or len(bb[1]) != len(DIMS) or len(bs[1]) != len(DIMS):
        fails.append("results bars: %s at 2x, %s at 1x; expected %d each"
                     % (bb and len(bb[1]), bs and len(bs[1]), len(DIMS)))
        return fails
    (bx0, bx1), bbars = bb
    (sx0, sx1), sbars = bs
    print("bars at 1x: x %d, width %d, height %d; at 2x: x %d, width %d, height %d"
          % (sx0, sx1 - sx0, sbars[0][1] - sbars[0][0], bx0, bx1 - bx0,
             bbars[0][1] - bbars[0][0]))
    if abs(bx0 - 2 * sx0) > 2 or abs((bx1 - bx0) - 2 * (sx1 - sx0)) > 2:
        fails.append("bars at 2x: x %d width %d, not twice x %d width %d"
                     % (bx0, bx1 - bx0, sx0, sx1 - sx0))
    for d, b, s in zip(DIMS, bbars, sbars):
        hb, hs = b[1] - b[0], s[1] - s[0]
        if abs(hb - 2 * hs) > 1 or abs(b[0] - 2 * s[0]) > 3:
            fails.append("bar %s: top %d height %d at 2x, top %d height %d at 1x"
                         % (d, b[0], hb, s[0], hs))
        score = want["dimensions"][d]["score"]
        fill = b[2][2] - bx0
        exp = (bx1 - bx0) * score // 100 if score is not None else 0
        if abs(fill - exp) > 2:
            fails.append("bar %s at 2x: fill %d px, expected %d (score %s)" % (d, fill, exp, score))
    # the dark heading "Overall N · band B · outcome" right of the score disc: text drawn for 2x
    # is twice as tall (a 1x frame blown up would be too, but it would not be 2560 wide above)
    # reply 2 at once is a critical transfer: its label, twice as large at 2x
    lb = harness.find_labels(ib, box=(ib.w // 2, 0, ib.w, ib.h), min_w=120, min_h=20)
    ls = harness.find_labels(is_, box=(is_.w // 2, 0, is_.w, is_.h))
    if want.get("critical_mistakes") and (len(lb) != 1 or len(ls) != 1):
        fails.append("\"Critical mistake\" labels: %s at 2x, %s at 1x; expected one each"
                     % (lb, ls))
    elif want.get("critical_mistakes"):
        wb, hb = lb[0][2] - lb[0][0], lb[0][3] - lb[0][1]
        ws, hs = ls[0][2] - ls[0][0], ls[0][3] - ls[0][1]
        print("critical label: %dx%d at 1x, %dx%d at 2x" % (ws, hs, wb, hb))
        if abs(wb - 2 * ws) > 6 or abs(hb - 2 * hs) > 3:
            fails.append("critical label %s at 2x is not twice %s at 1x" % (lb[0], ls[0]))
    ts = ink_height(is_, 110, 600, 66, 124)
    tb = ink_height(ib, 220, 1200, 132, 248)
    print("heading text height: %d px at 1x, %d px at 2x" % (ts, tb))
    if not ts or abs(tb - 2 * ts) > max(2, ts // 5):
        fails.append("title text %d px high at 2x, %d at 1x: not twice" % (tb, ts))
    return fails


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", default=os.path.join(HERE, "..", ".."))
    ap.add_argument("--lang", choices=sorted(CASES))
    ap.add_argument("--hidpi", action="store_true")
    ap.add_argument("--wayland", action="store_true",
                    help="with --lang: under weston instead of Xvfb")
    ap.add_argument("--out", default=os.path.join(os.getcwd(), "identical"))
    a = ap.parse_args()
    a.binary = os.path.abspath(a.frontline)
    a.root = os.path.abspath(a.root)
    a.out = os.path.abspath(a.out)
    if not a.lang and not a.hidpi:
        ap.error("--lang or --hidpi")
    try:
        harness.need_tools("Xvfb", "import", "xprop")
        if a.hidpi:
            fails = hidpi(a)
        elif a.wayland:
            fails = wayland(a, a.lang)
        else:
            fails = identical(a, a.lang)
    except Failure as e:
        fails = [str(e)]
    for f in fails:
        print("FAIL:", f)
    print("identical.py %s: %s" % ("--hidpi" if a.hidpi else
                                   ("--wayland " if a.wayland else "") + a.lang,
                                   "ok" if not fails else "%d failures" % len(fails)))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
