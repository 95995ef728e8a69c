#!/usr/bin/env python3
"""The call's sound on the desktop (game/ui/sound.c): the real program in a real window (Xvfb),
real key presses (xdotool), the null audio back end logging what would be heard
(FRONTLINE_AUDIO=null, FRONTLINE_AUDIO_LOG) and the layout trace (FRONTLINE_TRACE=layout).

  call_sound.py --frontline BIN --root SRC --lang en|ru --part cues|clock|round|round_aloud|aloud
                [--artefacts DIR]

Each program starts at the sign-in with the trainee "Tester" remembered; Enter continues as
them, to the briefing of the scenario or round given on the command line.

The scenarios and the round are written at run time into a folder of the test's own: a timed
call of three customer lines in three emotions (angry, worried, neutral) by a customer with
voice="female", and a round of four customers, two at once, five seconds a reply.

  cues   the scenario (7 s a reply): the ring first; then the message chime and the first line
         said as `customer` in the scenario's language, with its voice and the line's emotion;
         after reply 1, the second line with its own emotion; that reply left to run out gives
         exactly five ticks about a second apart, the last before the timeout; the ending's
         line is said; a single call's ambience is the faint constant (0.10) and the results
         screen sets it to 0.
  clock  FRONTLINE_AUDIO_SPEAK_MS=3000 (each text "speaks" for 3 s) and 20 s a reply: 2 s after
         the line was said the timer still shows the whole 20 s and no frame drew less; 4.5 s
         after, the clock runs (18-19 s). With the customer's voice off the clock starts as the
         line appears: 2 s later the timer shows 18-19 s, and nothing was said; self-voicing
         says "10 seconds left" once, 10 s after the line.
  round  the round, nobody answering: a ring per customer (four), a chime per line, the
         ambience logged rising as customers queue (from 0.15 up to at least 0.55) and then
         falling, the hang-up tone when a customer gives up (the round bar counts them lost),
         and 0 on the round's results.
  round_aloud
         the round with "say it aloud": call 1's reply read aloud; meanwhile no customer
         speaks, the other calls go on (their cues are heard) and the panel stays on call 1;
         after Enter the round runs out and its results show the voice figure (1 reply read,
         -10 dBFS, 7.5 syllables a second), whole and over nothing.
  aloud  "say it aloud" with FRONTLINE_METER_FIGURES (a loud, fast reading): after reply 1 the
         panel comes up in the layout trace (its title and the reply's words drawn whole, the
         level bar, no text over text, nothing past the window) and the log has `meter start`;
         while it is up the customer's next line is not said; Enter ends it (`meter stop`) and
         the line is said then; the last reply, which ends the call, is read aloud too (the
         call's end waits for it) and the results show the Voice panel; the store has the
         figures on both replies (`frontline report --format json`: each turn's voice). Then
         the first reply again at 200% text in an 800 x 500 window.
Exit 0 when everything holds, 1 otherwise, 2 on bad usage.
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
from harness import BRIEFING, CONVERSATION, RESULTS, Failure, Input, Xvfb  # noqa: E402
from layout import OneProgram, check_texts, inside  # noqa: E402

ROUND_RESULTS = 8

TEXTS = {
    "en": {
        "title": "Sound test call",
        "brief": "A customer waits for a refund. The call exists for the sound tests.",
        "goal": "Answer, and listen.",
        "name": "Dana Shaw",
        "lines": [("angry", "I have been waiting three weeks for my refund and nobody calls me back."),
                  ("worried", "I just need the money before the rent is due on Friday."),
                  ("neutral", "All right. Thank you for sorting it out.")],
        "replies": ["I am sorry, Dana. I will find your refund right now.",
                    "Please hold the line.",
                    "I have sent the refund today; it will be in your account tomorrow."],
        "seconds": "%d s",
        "round_title": "Sound test round",
        "ten_left": "10 seconds left",
    },
    "ru": {
        "title": "Звонок для проверки звука",
        "brief": "Клиентка ждёт возврата денег. Звонок нужен для проверки звука.",
        "goal": "Ответьте и слушайте.",
        "name": "Дарья Шарова",
        "lines": [("angry", "Я три недели жду возврата денег, и мне никто не перезванивает."),
                  ("worried", "Мне просто нужны деньги до пятницы, когда платить за квартиру."),
                  ("neutral", "Хорошо. Спасибо, что разобрались.")],
        "replies": ["Простите, Дарья. Я сейчас же найду ваш возврат.",
                    "Пожалуйста, оставайтесь на линии.",
                    "Я отправила возврат сегодня, деньги придут завтра."],
        "seconds": "%d с",
        "round_title": "Раунд для проверки звука",
        "ten_left": "Осталось 10 секунд",
    },
}


def scenario_xml(lang, limit):
    t = TEXTS[lang]
    (e1, l1), (e2, l2), (e3, l3) = t["lines"]
    r1, r2, r3 = t["replies"]
    return """<?xml version="1.0" encoding="UTF-8"?>
<scenario id="sound-test-%(lang)s" version="1" lang="%(lang)s" minutes="2">
  <title>%(title)s</title>
  <brief>%(brief)s</brief>
  <goal>%(goal)s</goal>
  <tags>test</tags>
  <customer name="%(name)s" voice="female" avatar="woman-1" detail="refund">
    <start mood="-40" patience="80" trust="40"/>
  </customer>
  <timing reply-seconds="%(limit)d"/>
  <node id="start">
    <say emotion="%(e1)s" grievance="yes">%(l1)s</say>
    <reply to="second" signals="apology empathy ownership">%(r1)s<effect mood="+20" trust="+10"/></reply>
    <reply to="second">%(r2)s<effect mood="-5"/></reply>
    <timeout to="second"/>
  </node>
  <node id="second">
    <say emotion="%(e2)s">%(l2)s</say>
    <reply to="done" signals="ownership empathy">%(r3)s<effect mood="+30" trust="+20"/></reply>
    <timeout to="done"/>
  </node>
  <ending id="done" outcome="resolved">
    <say emotion="%(e3)s">%(l3)s</say>
  </ending>
</scenario>
""" % dict(lang=lang, limit=limit, e1=e1, l1=l1, e2=e2, l2=l2, e3=e3, l3=l3, r1=r1, r2=r2,
           r3=r3, **t)


def round_xml(lang, folder, root):
    """Four customers, two at once, 5 s a reply, one a second, drawn from bundled scenarios."""
    names = {"en": ["late-delivery.xml", "refund-refused.xml"],
             "ru": ["dostavka-opazdyvaet.xml", "vozvrat-otkaz.xml"]}[lang]
    draws = "\n".join('    <scenario path="%s"/>' % os.path.relpath(
        os.path.join(root, "scenarios", lang, n), folder) for n in names)
    return """<?xml version="1.0" encoding="UTF-8"?>
<round id="sound-test-round-%s" version="1" lang="%s">
  <title>%s</title>
  <brief>Four customers, two at once: the test of the round's sound.</brief>
  <draw>
%s
  </draw>
  <customers total="4" at-once="2" seed="11"/>
  <levels>
    <level limit="5" every="1"/>
  </levels>
  <pass lost="4" mean="0"/>
</round>
""" % (lang, lang, TEXTS[lang]["round_title"], draws)


class AudioLog:
    """The null back end's log, read as it grows: (time seen, fields) per line."""

    def __init__(self, path):
        self.path = path
        self.pos = 0
        self.lines = []
        self.partial = b""

    def poll(self):
        try:
            with open(self.path, "rb") as f:
                f.seek(self.pos)
                data = f.read()
        except FileNotFoundError:
            return self.lines
        self.pos += len(data)
        data = self.partial + data
        *whole, self.partial = data.split(b"\n")
        t = time.monotonic()
        for raw in whole:
            self.lines.append((t, raw.decode("utf-8", "replace").split("\t")))
        return self.lines

    def find(self, pred, start=0):
        self.poll()
        for i in range(start, len(self.lines)):
            if pred(self.lines[i][1]):
                return i
        return None

    def wait(self, pred, what, timeout, app=None, start=0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            i = self.find(pred, start)
            if i is not None:
                return i
            if app is not None and not app.alive():
                raise Failure("the program exited while waiting for %s in the audio log" % what)
            time.sleep(0.02)
        raise Failure("timed out after %.0f s waiting for %s in the audio log; it has: %s"
                      % (timeout, what, ["\t".join(l) for _, l in self.lines[-12:]]))


def is_say(kind="customer"):
    return lambda f: f[0] == "say" and len(f) >= 6 and f[1] == kind


def is_cue(name):
    return lambda f: f == ["cue", name]


class Run(OneProgram, harness.Checks):
    def __init__(self, a):
        super().__init__()
        self.a = a
        self.lang = a.lang
        self.root = os.path.abspath(a.root)
        self.binary = os.path.abspath(a.frontline)
        self.art = os.path.abspath(a.artefacts or os.path.join("artefacts", "call_sound",
                                                               a.lang, a.part))
        os.makedirs(self.art, exist_ok=True)
        self.tmp = tempfile.mkdtemp(prefix="frontline-sound-")
        self.xvfb = self.app = self.inp = self.win = None
        self.log = None

    def note(self, msg):
        print("  " + msg, flush=True)

    # ---- the program ------------------------------------------------------------------------
    def start(self, name, args, settings, env=None, size=100, window=(1280, 720)):
        home = os.path.join(self.tmp, name)
        cfg, data = os.path.join(home, "config"), os.path.join(home, "data")
        os.makedirs(os.path.join(cfg, "frontline"), exist_ok=True)
        os.makedirs(data, exist_ok=True)
        s = {"language": self.lang, "text_size": size, "timed": True, "time_extension": 0,
             "fullscreen": False, "assessment": False, "trainee": "Tester", "group": "sound",
             "sounds": True, "voice": True, "volume": 80, "self_voicing": False,
             "say_aloud": False}
        s.update(settings)
        with open(os.path.join(cfg, "frontline", "settings.json"), "w") as f:
            json.dump(s, f)
        audio_log = os.path.join(self.art, name + ".audio.log")
        if os.path.exists(audio_log):
            os.remove(audio_log)
        extra = {"FRONTLINE_TRACE": "layout", "FRONTLINE_AUDIO": "null",
                 "FRONTLINE_AUDIO_LOG": audio_log}
        extra.update(env or {})  # clean_env drops the caller's audio hooks: only these count
        self.xvfb = Xvfb(1280, 720, log=os.path.join(self.art, name + ".xvfb.log"))
        e = harness.clean_env(self.xvfb.display, cfg, data, extra)
        self.app = harness.App(self.binary, args, e, log=os.path.join(self.art, name + ".log"))
        self.app.wait_first_frame()
        self.inp = Input(self.xvfb.display)
        self.win = self.inp.window_of(self.app.pid)
        if tuple(window) != (1280, 720):
            self.inp.run("windowsize", "--sync", self.win, window[0], window[1])
        self.inp.focus(self.win)
        # the desktop starts at the sign-in with "Tester" filled in: Enter continues as them
        harness.continue_signin(self.app, self.xvfb.display, 15, self.inp, self.win)
        self.log = AudioLog(audio_log)

    def scenario(self, limit):
        path = os.path.join(self.tmp, "sound-test.%s.xml" % self.lang)
        with open(path, "w", encoding="utf-8") as f:
            f.write(scenario_xml(self.lang, limit))
        return path

    def begin_call(self):
        """From the briefing (the scenario given on the command line) into the call."""
        self.app.wait_screen(BRIEFING, 15)
        self.app.wait_quiet(0.3)
        self.inp.key("Return")
        self.app.wait_screen(CONVERSATION, 10)

    def timer_seconds(self, f):
        t = [x for x in f.texts if x[0] == "timer"]
        if not t:
            return None
        word = t[-1][4].split()[0]
        return int(word) if word.isdigit() else None

    def check_layout(self, where, f):
        check_texts(self, where, f)

    # ---- (a) the cues and the customer's voice --------------------------------------------
    def part_cues(self):
        t = TEXTS[self.lang]
        path = self.scenario(7)
        self.start("cues", ["--db", os.path.join(self.tmp, "cues.sqlite"), path], {})
        self.begin_call()
        log = self.log
        ring = log.wait(is_cue("ring"), "the ring", 10, self.app)
        say1 = log.wait(is_say(), "the first line said", 10, self.app)
        msg1 = log.find(is_cue("message"))
        self.check(ring is not None and msg1 is not None and ring < msg1 < say1, "cues",
                   "the ring, then the message chime, then the line: ring %s, chime %s, line %s"
                   % (ring, msg1, say1))
        first = [l for _, l in log.lines[:ring + 1] if l[0] in ("cue", "say")]
        self.check(first == [["cue", "ring"]], "cues", "the ring is not the first sound: %s"
                   % first)
        f = log.lines[say1][1]
        e1, l1 = t["lines"][0]
        self.check(f[1:] == ["customer", self.lang, e1, "female", l1], "cues",
                   "the first line said as %s" % f)
        self.check(log.find(lambda x: x == ["ambience", "0.10"]) is not None, "cues",
                   "a single call's ambience 0.10 is not set")
        # reply 1: the second line, in its own emotion (a timed reply redraws its timer, so
        # the window is never quiet: the key goes once the line is on the screen)
        time.sleep(0.3)
        self.inp.key("1")
        say2 = log.wait(is_say(), "the second line said", 10, self.app, start=say1 + 1)
        f = log.lines[say2][1]
        e2, l2 = t["lines"][1]
        self.check(f[1:] == ["customer", self.lang, e2, "female", l2], "cues",
                   "the second line said as %s" % f)
        self.check(log.find(is_cue("message"), msg1 + 1) is not None, "cues",
                   "no message chime for the second line")
        # left to run out: five ticks in the last five seconds, then the ending's line
        say3 = log.wait(is_say(), "the ending's line said", 15, self.app, start=say2 + 1)
        ticks = [i for i in range(say2, say3) if log.lines[i][1] == ["cue", "tick"]]
        self.check(len(ticks) == 5, "cues", "%d ticks in the last five seconds, not 5" % len(ticks))
        if len(ticks) == 5:
            times = [log.lines[i][0] for i in ticks]
            gaps = [b - a for a, b in zip(times, times[1:])]
            self.check(all(0.75 <= g <= 1.25 for g in gaps), "cues",
                       "ticks not a second apart: %s" % ["%.2f" % g for g in gaps])
            self.check(log.lines[say3][0] - times[-1] <= 1.6, "cues", "the last tick came "
                       "%.2f s before the timeout" % (log.lines[say3][0] - times[-1]))
        e3, l3 = t["lines"][2]
        self.check(log.lines[say3][1][1:] == ["customer", self.lang, e3, "female", l3], "cues",
                   "the ending's line said as %s" % log.lines[say3][1])
        self.note("ring, chime, three lines in their emotions, %d ticks" % len(ticks))
        # the results: the ambience goes
        time.sleep(0.3)
        self.inp.key("Return")
        self.app.wait_screen(RESULTS, 10)
        log.wait(lambda x: x == ["ambience", "0.00"], "the ambience off on the results", 5,
                 self.app)
        self.check(log.find(is_cue("hangup")) is None, "cues", "a hang-up tone in a call nobody "
                   "hung up")

    # ---- (b) the reply clock waits for the line to be said ---------------------------------
    def part_clock(self):
        path = self.scenario(20)
        full = 20
        # voice on, each text speaks for 3 s
        self.start("clock-voice", ["--db", os.path.join(self.tmp, "clock.sqlite"), path], {},
                   env={"FRONTLINE_AUDIO_SPEAK_MS": "3000"})
        self.begin_call()
        self.log.wait(is_say(), "the first line said", 10, self.app)
        t_say = time.monotonic()
        k = len(self.frames())
        time.sleep(2.0 - (time.monotonic() - t_say))
        fs = [f for f in self.frames()[k:] if f.screen == CONVERSATION]
        shown = [self.timer_seconds(f) for f in fs if self.timer_seconds(f) is not None]
        last = self.timer_seconds(self.last())
        self.check(last == full and all(s == full for s in shown), "clock",
                   "2 s into a 3 s line the timer moved: last %s, drawn %s" % (last, shown))
        time.sleep(4.5 - (time.monotonic() - t_say))
        last = self.timer_seconds(self.last())
        self.check(last is not None and full - 2 <= last <= full - 1, "clock",
                   "1.5 s after the line was said the timer shows %s, not %d-%d"
                   % (last, full - 2, full - 1))
        self.note("voice on: timer %d s after 2 s, %s s after 4.5 s" % (full, last))
        self.stop()
        # voice off: the clock starts as the line appears (self-voicing on: "10 seconds left")
        self.start("clock-silent", ["--db", os.path.join(self.tmp, "clock2.sqlite"), path],
                   {"voice": False, "self_voicing": True},
                   env={"FRONTLINE_AUDIO_SPEAK_MS": "3000"})
        self.begin_call()
        self.log.wait(is_cue("message"), "the line's chime", 10, self.app)
        t_msg = time.monotonic()
        time.sleep(2.0)
        last = self.timer_seconds(self.last())
        self.check(last is not None and full - 2 <= last <= full - 1, "clock",
                   "voice off: 2 s after the line the timer shows %s, not %d-%d"
                   % (last, full - 2, full - 1))
        self.check(self.log.find(is_say()) is None, "clock", "voice off, and a line was said")
        self.note("voice off: timer %s s 2 s after the line (%.1f s)"
                  % (last, time.monotonic() - t_msg))
        ten = TEXTS[self.lang]["ten_left"]
        i = self.log.wait(lambda x: is_say("interface")(x) and x[5] == ten, "%r said" % ten, 15,
                          self.app)
        at = self.log.lines[i][0] - t_msg
        self.check(full - 10 - 0.6 <= at <= full - 10 + 0.6, "clock",
                   "%r said %.1f s after the line, not at 10 s left" % (ten, at))
        time.sleep(1.5)
        n = sum(1 for _, x in self.log.poll() if is_say("interface")(x) and x[5] == ten)
        self.check(n == 1, "clock", "%r said %d times for one reply" % (ten, n))
        self.note("self-voicing: %r %.1f s after the line" % (ten, at))

    # ---- (c) a stress round ----------------------------------------------------------------
    def round_file(self):
        folder = os.path.join(self.tmp, "rounds")
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, "sound-round.%s.xml" % self.lang)
        with open(path, "w", encoding="utf-8") as f:
            f.write(round_xml(self.lang, folder, self.root))
        return path

    def part_round(self):
        path = self.round_file()
        self.start("round", ["--db", os.path.join(self.tmp, "round.sqlite"), path], {})
        self.app.wait_screen(BRIEFING, 15)
        self.app.wait_quiet(0.3)
        self.inp.key("Return")
        self.app.wait_screen(CONVERSATION, 10)
        # nobody answers: customers queue, give up, the round ends by itself
        self.app.wait_for(lambda: self.app.screen() == ROUND_RESULTS, 75,
                          "the round's results screen (8)")
        log = self.log
        log.wait(lambda x: x == ["ambience", "0.00"], "the ambience off on the results", 5,
                 self.app)
        lines = [l for _, l in log.poll()]
        rings = sum(1 for l in lines if l == ["cue", "ring"])
        chimes = sum(1 for l in lines if l == ["cue", "message"])
        hangups = sum(1 for l in lines if l == ["cue", "hangup"])
        levels = [float(l[1]) for l in lines if l[0] == "ambience"]
        self.check(rings == 4, "round", "%d rings for 4 customers" % rings)
        self.check(chimes >= 4, "round", "%d message chimes for 4 customers' lines" % chimes)
        self.check(hangups >= 1, "round", "no hang-up tone, and customers gave up")
        lost = max((f.round["lost"] for f in self.frames() if f.round), default=0)
        self.check(hangups == lost, "round", "%d hang-up tones, %d customers lost on the round "
                   "bar" % (hangups, lost))
        during = levels[:-1]
        self.check(bool(during) and during[0] <= 0.35, "round", "the ambience starts at %s"
                   % during[:1])
        peak = max(during) if during else 0
        self.check(peak >= 0.55, "round", "the ambience peaked at %.2f as customers queued" % peak)
        rises = sum(1 for a, b in zip(during, during[1:]) if b > a)
        falls = sum(1 for a, b in zip(during, during[1:]) if b < a)
        self.check(rises >= 2 and falls >= 1, "round", "the ambience does not follow the queue: "
                   "%s" % levels)
        self.check(all(a != b for a, b in zip(levels, levels[1:])), "round",
                   "the ambience was set again unchanged: %s" % levels)
        self.check(levels[-1] == 0.0, "round", "the ambience is %s on the results" % levels[-1:])
        said = [l for l in lines if l[0] == "say" and l[1] == "customer"]
        self.check(len(said) >= 1 and all(l[2] == self.lang for l in said), "round",
                   "the active call's lines are not said in %s: %s" % (self.lang, said[:3]))
        self.note("round: %d rings, %d chimes, %d hang-ups, ambience %s"
                  % (rings, chimes, hangups, " ".join("%.2f" % v for v in levels)))

    def part_round_aloud(self):
        """A reply of a round read aloud: the other calls go on meanwhile, the active one waits
        unsaid, and the round's results say what the voice was."""
        path = self.round_file()
        self.start("round-aloud", ["--db", os.path.join(self.tmp, "round-aloud.sqlite"), path],
                   {"say_aloud": True}, env={"FRONTLINE_METER_FIGURES": "-9.5,-1.0,7.5,2.4,1"})
        self.app.wait_screen(BRIEFING, 15)
        self.app.wait_quiet(0.3)
        self.inp.key("Return")
        self.app.wait_screen(CONVERSATION, 10)
        log = self.log
        say1 = log.wait(is_say(), "call 1's line said", 10, self.app)
        time.sleep(0.3)
        self.inp.key("1")
        start = log.wait(lambda x: x == ["meter", "start"], "meter start", 5, self.app)
        f = self.wait_frame(lambda fr: "aloud" in fr.regions, "the 'say it aloud' panel")
        self.check(f.round is not None and f.round["active"] == 1, "round aloud",
                   "the panel is not on call 1: %s" % f.round)
        self.check_layout("round aloud", f)
        time.sleep(3.5)
        during = [l for _, l in log.poll()[start + 1:]]
        self.check(not any(l[0] == "say" for l in during), "round aloud",
                   "a customer spoke over the trainee: %s" % [l for l in during if l[0] == "say"])
        self.check(any(l[0] == "cue" for l in during), "round aloud", "nothing happened on the "
                   "other calls for 3.5 s while the trainee read aloud: %s" % during)
        f = self.last()
        self.check("aloud" in f.regions and f.round["active"] == 1, "round aloud",
                   "the panel left call 1 before Enter")
        self.inp.key("Return")
        log.wait(lambda x: x == ["meter", "stop"], "meter stop", 5, self.app, start=start)
        log.wait(is_say(), "a line said after the reading", 10, self.app, start=say1 + 1)
        # nobody answers any more: the round ends by itself
        self.app.wait_for(lambda: self.app.screen() == ROUND_RESULTS, 75,
                          "the round's results screen (8)")
        self.app.wait_quiet(0.3)
        self.inp.key("End")
        g = self.wait_frame(lambda fr: fr.screen == ROUND_RESULTS and fr.kind("rr-voice") and
                            fr.kind("rr-voice")[0][2] == 0, "the round's voice figure in view")
        self.check_layout("round results", g)
        text = " ".join(t[4] for t in g.kind("rr-voice"))
        rate = "7.5" if self.lang == "en" else "7,5"  # Russian writes a decimal comma
        self.check("1" in text and "-10" in text and rate in text, "round results",
                   "the voice figure says %r: not 1 reply at -10 dBFS, 7.5 syllables a second"
                   % text)
        self.note("round results: %s" % text)

    # ---- (d) say it aloud -------------------------------------------------------------------
    def part_aloud(self):
        path = self.scenario(30)
        figures = "-9.5,-1.0,7.5,2.4,1"  # loud and fast
        for name, size, window in (("aloud", 100, (1280, 720)), ("aloud-big", 200, (800, 500))):
            db = os.path.join(self.tmp, name + ".sqlite")
            self.start(name, ["--db", db, path], {"say_aloud": True}, size=size, window=window,
                       env={"FRONTLINE_METER_FIGURES": figures})
            self.begin_call()
            log = self.log
            say1 = log.wait(is_say(), "the first line said", 10, self.app)
            time.sleep(0.3)
            self.inp.key("1")
            start = log.wait(lambda x: x == ["meter", "start"], "meter start", 5, self.app)
            self.check(start > say1, name, "the meter started before the reply")
            f = self.wait_frame(lambda fr: "aloud" in fr.regions, "the 'say it aloud' panel")
            f = self.wait_frame(lambda fr: "aloud" in fr.regions and fr.w == window[0],
                                "the panel at %dx%d" % window)
            where = "%s %d%% %dx%d" % (name, size, f.w, f.h)
            self.check_layout(where, f)
            harness.screenshot(self.xvfb.display, os.path.join(self.art, name + ".png"))
            title = f.kind("aloud-title")
            self.check(bool(title) and all(x[2] == 0 for x in title), where,
                       "the panel's title is not drawn whole")
            words = [x for x in f.kind("aloud-text") if x[2] != 2]
            self.check(bool(words) and words[0][2] == 0, where,
                       "the reply's words are not shown in the panel")
            shown = " ".join(x[4] for x in words).replace("…", "")
            r1 = TEXTS[self.lang]["replies"][0]
            self.check(shown and r1.startswith(shown.split()[0]), where,
                       "the panel shows %r, not the reply %r" % (shown[:40], r1[:40]))
            bar = f.regions.get("aloud-bar")
            self.check(bar is not None and inside(bar, f.w, f.h), where,
                       "the level bar %s is not inside the window" % (bar,))
            level = f.kind("aloud-level")
            self.check(bool(level) and level[0][2] == 0 and level[0][4].startswith("-10"), where,
                       "the live level says %s, not -10 dBFS" % [x[4] for x in level])
            # the customer waits while the trainee reads: the next line is not said
            time.sleep(3.0)
            self.check(log.find(is_say(), say1 + 1) is None, where,
                       "the customer's next line was said over the trainee")
            self.check(log.find(lambda x: x == ["meter", "stop"]) is None, where,
                       "the meter stopped before Enter")
            self.inp.key("Return")
            stop = log.wait(lambda x: x == ["meter", "stop"], "meter stop", 5, self.app)
            say2 = log.wait(is_say(), "the second line said after the reading", 10, self.app,
                            start=say1 + 1)
            self.check(stop < say2, where, "the second line came before the meter stopped")
            self.wait_frame(lambda fr: "aloud" not in fr.regions, "the panel gone")
            readings = 1
            if size == 100:
                # the last reply ends the call: it is read aloud too, the end waits for it, and
                # the results show the Voice panel
                time.sleep(0.3)
                self.inp.key("1")
                log.wait(lambda x: x == ["meter", "start"], "meter start", 5, self.app,
                         start=stop + 1)
                self.wait_frame(lambda fr: "aloud" in fr.regions, "the panel after the last reply")
                self.check_layout(where + " last reply", self.last())
                self.inp.key("Return")
                log.wait(lambda x: x == ["meter", "stop"], "meter stop", 5, self.app,
                         start=stop + 1)
                readings = 2
                self.wait_frame(lambda fr: "aloud" not in fr.regions, "the panel gone")
                time.sleep(0.3)
                self.inp.key("Return")
                g = self.wait_frame(lambda fr: fr.screen == RESULTS and fr.kind("voice"),
                                    "the results' Voice panel")
                self.check_layout(where + " results", g)
                self.note("%s: the results show the Voice panel (%d texts)"
                          % (where, len(g.kind("voice"))))
            self.stop()
            self.check_store(where, db, readings)

    def check_store(self, where, db, readings):
        p = subprocess.run([self.binary, "report", "--db", db, "--format", "json"],
                           capture_output=True, timeout=60)
        if not self.check(p.returncode == 0, where, "report failed: %s"
                          % p.stderr.decode(errors="replace")[:300]):
            return
        text = p.stdout.decode("utf-8", "replace")
        try:
            doc = json.loads(text)
        except ValueError as e:
            self.fail(where, "report is not JSON: %s" % e)
            return
        found = []

        def walk(o):
            if isinstance(o, dict):
                v = o.get("voice")
                if isinstance(v, dict) and "rms_dbfs" in v:
                    found.append(v)
                for x in o.values():
                    walk(x)
            elif isinstance(o, list):
                for x in o:
                    walk(x)
        walk(doc)
        self.check(len(found) == readings, where, "the store has %d replies with voice figures, "
                   "not %d" % (len(found), readings))
        if readings == 2:
            # the reply that ended the call was read aloud first: the end is recorded after it
            sessions = []

            def sess(o):
                if isinstance(o, dict):
                    if "finished" in o and "outcome" in o:
                        sessions.append(o)
                    for x in o.values():
                        sess(x)
                elif isinstance(o, list):
                    for x in o:
                        sess(x)
            sess(doc)
            self.check(any(x["finished"] and x["outcome"] == "resolved" for x in sessions), where,
                       "the call is not recorded as finished and resolved: %s"
                       % [(x.get("finished"), x.get("outcome")) for x in sessions])
        if self.check(bool(found), where, "the store has no voice figures on the reply read "
                      "aloud"):
            v = found[0]
            self.check(abs(v["rms_dbfs"] + 9.5) < 0.01 and abs(v["syllables_per_s"] - 7.5) < 0.01,
                       where, "the stored figures are %s" % v)
            flags = v.get("flags", [])
            self.check("loud" in flags and "fast" in flags, where,
                       "the loud, fast reading is not flagged: %s" % flags)
            self.note("%s: the store has the voice %s" % (where, v))

    def main(self):
        try:
            getattr(self, "part_" + self.a.part)()
        finally:
            self.stop()
        if self.failures:
            print("FAILED: %d of %d checks" % (len(self.failures), self.checks))
            return 1
        print("ok: %d checks (%s, %s)" % (self.checks, self.a.part, self.lang))
        shutil.rmtree(self.tmp, ignore_errors=True)
        return 0


def main():
    p = harness.options()
    p.add_argument("--part", required=True,
                   choices=["cues", "clock", "round", "round_aloud", "aloud"])
    return harness.run_main(Run, p.parse_args())


if __name__ == "__main__":
    sys.exit(main())
