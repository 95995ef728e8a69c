"""Shared pieces of the desktop tests and benchmarks: a private Xvfb, the real program with its
frame trace, xdotool input, screenshots and their pixels.

Standard library only, plus the programs Xvfb, xdotool and ImageMagick (import, convert).

  Xvfb(1280, 720)      an X server on a free display number (Xvfb -displayfd picks one and holds
                       its lock, so parallel tests never share a display); .stop() ends it.
  clean_env(...)        the program's environment: private folders, FRONTLINE_AUDIO=null by default.
  App(binary, args, env=...)
                       the program, started with FRONTLINE_TRACE=1; a thread reads its stderr:
                       .frames is a list of Frame(t, n, cpu, screen) (t: time.monotonic()),
                       .first_frame_t the time `trace: first-frame` was read.
  Input(display)       xdotool: key, type, click, mousemove.
  start_traced(...)    the program with its own settings and the layout trace; the desktop
                       always starts at the sign-in, and by default the remembered trainee
                       continues with Enter (continue_signin), as a returning trainee would.
  screenshot(display, path), read_image(path) -> Image(w, h, rgb bytes).
"""
import argparse
import collections
import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time

Frame = collections.namedtuple("Frame", "t n cpu screen")

SCREENS = ["signin", "library", "briefing", "conversation", "results", "review", "history",
           "settings"]
SIGNIN, LIBRARY, BRIEFING, CONVERSATION, RESULTS, REVIEW, HISTORY, SETTINGS = range(8)

TRACE_RE = re.compile(r"^trace: frame (\d+) cpu ([0-9.]+) ms screen (\d+)\s*$")


class Failure(Exception):
    pass


def need_tools(*names):
    missing = [n for n in names if shutil.which(n) is None]
    if missing:
        raise Failure("missing programs: %s (tools/setup.sh installs them: xvfb, xdotool, "
                      "imagemagick)" % ", ".join(missing))


class Xvfb:
    """An Xvfb server of its own on a free display number."""

    def __init__(self, width=1280, height=720, log=None):
        need_tools("Xvfb")
        r, w = os.pipe()
        self.log = open(log, "wb") if log else subprocess.DEVNULL
        self.proc = subprocess.Popen(
            ["Xvfb", "-displayfd", str(w), "-screen", "0", "%dx%dx24" % (width, height),
             "-nolisten", "tcp", "-noreset"],
            pass_fds=(w,), stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log,
            start_new_session=True)
        os.close(w)
        data = b""
        deadline = time.monotonic() + 20
        try:
            while not data.endswith(b"\n"):
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise Failure("Xvfb did not start (exit status %s)" % self.proc.poll())
                chunk = os.read(r, 64)
                if not chunk:
                    raise Failure("Xvfb did not report a display number (exit status %s)"
                                  % self.proc.wait(5))
                data += chunk
        finally:
            os.close(r)
        self.number = int(data.decode().strip())
        self.display = ":%d" % self.number
        # accepts connections: the socket answers, and a real client can talk to it
        sock_path = "/tmp/.X11-unix/X%d" % self.number
        while True:
            try:
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.connect(sock_path)
                s.close()
                if subprocess.run(["xdotool", "getmouselocation"], env=self.env(),
                                  capture_output=True, timeout=10).returncode == 0:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise Failure("Xvfb on %s does not accept connections" % self.display)
            time.sleep(0.05)

    def env(self, base=None):
        e = dict(os.environ if base is None else base)
        e["DISPLAY"] = self.display
        return e

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        if self.log is not subprocess.DEVNULL:
            self.log.close()


def clean_env(display, config_home, data_home, extra=None):
    """The program's environment: our display, private XDG dirs, the trace on, no SDL overrides
    from the caller's environment, and the silent audio back end (FRONTLINE_AUDIO=null: the
    test machine's ALSA is not what the desktop tests are about, and it keeps them fast) unless
    `extra` asks for another (FRONTLINE_AUDIO=portaudio). The audio test hooks of the caller's
    environment are dropped too, so that only a test's own `extra` sets them."""
    e = dict(os.environ)
    for k in ("SDL_VIDEODRIVER", "SDL_RENDER_DRIVER", "WAYLAND_DISPLAY", "FRONTLINE_DATA",
              "SDL_VIDEO_X11_XRANDR", "FRONTLINE_AUDIO_LOG", "FRONTLINE_AUDIO_SPEAK_MS",
              "FRONTLINE_METER_FIGURES"):
        e.pop(k, None)
    e["DISPLAY"] = display
    e["XDG_CONFIG_HOME"] = config_home
    e["XDG_DATA_HOME"] = data_home
    e["FRONTLINE_TRACE"] = "1"
    e["FRONTLINE_AUDIO"] = "null"
    if extra:
        e.update(extra)
    return e


class App:
    """The program under test, with its frame trace read as it comes."""

    def __init__(self, binary, args, env, cwd=None, log=None):
        self.lock = threading.Lock()
        self.frames = []
        self.lines = []
        self.first_frame_t = None
        self.log = open(log, "w", encoding="utf-8") if log else None
        self.t0 = time.monotonic()
        self.proc = subprocess.Popen([binary] + list(args), env=env, cwd=cwd,
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE)
        self.pid = self.proc.pid
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for raw in self.proc.stderr:
            t = time.monotonic()
            line = raw.decode("utf-8", "replace").rstrip("\n")
            with self.lock:
                self.lines.append((t, line))
                if self.log:
                    self.log.write("%.3f %s\n" % (t - self.t0, line))
                    self.log.flush()
                if line.strip() == "trace: first-frame":
                    if self.first_frame_t is None:
                        self.first_frame_t = t
                    continue
                m = TRACE_RE.match(line)
                if m:
                    self.frames.append(Frame(t, int(m.group(1)), float(m.group(2)),
                                             int(m.group(3))))

    # ---- the trace --------------------------------------------------------------------------
    def frame_count(self):
        with self.lock:
            return len(self.frames)

    def frames_since(self, k):
        with self.lock:
            return list(self.frames[k:])

    def last_frame(self):
        with self.lock:
            return self.frames[-1] if self.frames else None

    def screen(self):
        f = self.last_frame()
        return f.screen if f else None

    def other_lines(self):
        with self.lock:
            return [l for _, l in self.lines if not l.startswith("trace: ")]

    def alive(self):
        return self.proc.poll() is None

    def wait_for(self, cond, timeout, what):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if cond():
                return
            if not self.alive():
                raise Failure("the program exited (status %s) while waiting for %s; stderr: %s"
                              % (self.proc.returncode, what, " | ".join(self.other_lines()[-5:])))
            time.sleep(0.02)
        raise Failure("timed out after %.0f s waiting for %s (last frame: %s)"
                      % (timeout, what, self.last_frame()))

    def wait_first_frame(self, timeout=15):
        self.wait_for(lambda: self.first_frame_t is not None, timeout, "the first frame")

    def wait_screen(self, screen, timeout=10):
        self.wait_for(lambda: self.screen() == screen, timeout,
                      "the %s screen (%d)" % (SCREENS[screen], screen))

    def wait_quiet(self, quiet=0.3, timeout=5):
        """Until no frame has been drawn for `quiet` seconds."""
        def cond():
            f = self.last_frame()
            return f is not None and time.monotonic() - f.t >= quiet
        self.wait_for(cond, timeout, "no frames for %.1f s" % quiet)

    def idle_frames(self, seconds):
        """The frames drawn during the next `seconds` while nothing is done."""
        k = self.frame_count()
        time.sleep(seconds)
        return self.frames_since(k)

    def cpu_ticks(self):
        """utime + stime of the process, in clock ticks."""
        with open("/proc/%d/stat" % self.pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])

    def rss_kb(self):
        with open("/proc/%d/status" % self.pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return None

    def stop(self, timeout=5):
        """Ends the program (SIGTERM, which SDL turns into a quit event); returns its status."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.reader.join(5)
        if self.log:
            self.log.close()
            self.log = None
        return self.proc.returncode

    def wait_exit(self, timeout=10):
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            return None


class Input:
    """Real key presses and mouse events through XTEST (xdotool)."""

    def __init__(self, display):
        need_tools("xdotool")
        self.env = dict(os.environ)
        self.env["DISPLAY"] = display

    def run(self, *args):
        p = subprocess.run(["xdotool"] + [str(a) for a in args], env=self.env,
                           capture_output=True, text=True, timeout=60)
        if p.returncode != 0:
            raise Failure("xdotool %s failed: %s" % (" ".join(map(str, args)), p.stderr.strip()))
        return p.stdout

    def window_of(self, pid, timeout=10):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            p = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(pid)],
                               env=self.env, capture_output=True, text=True, timeout=10)
            ids = p.stdout.split()
            if ids:
                return ids[-1]
            time.sleep(0.05)
        raise Failure("no visible window of process %d" % pid)

    def focus(self, window):
        """Pointer inside the window (Xvfb has no window manager: focus follows the pointer)
        and the keyboard focus on it."""
        geo = self.geometry(window)
        self.run("mousemove", geo[0] + geo[2] // 2, geo[1] + geo[3] // 2)
        self.run("windowfocus", "--sync", window)

    def geometry(self, window):
        out = self.run("getwindowgeometry", "--shell", window)
        v = dict(l.split("=", 1) for l in out.split() if "=" in l)
        return int(v["X"]), int(v["Y"]), int(v["WIDTH"]), int(v["HEIGHT"])

    def key(self, *keys):
        self.run("key", "--delay", "40", *keys)

    def type(self, text):
        """Types `text`. Characters the keyboard map lacks (Cyrillic on Xvfb's US map) are first
        bound to spare keycodes for good: xdotool would otherwise bind each one to a scratch
        keycode and unbind it right after the key-up, and a program that looks the key up a
        moment later (Xlib refreshes its map lazily) then sees no symbol and drops the character.
        That happened in CI under load: 'Марина' arrived as 'Марна'."""
        bind_keysyms(self.env["DISPLAY"], text)
        self.run("type", "--delay", "60", text)

    def click(self, button, repeat=1, delay_ms=20):
        self.run("click", "--repeat", repeat, "--delay", delay_ms, button)

    def mousemove(self, x, y):
        self.run("mousemove", x, y)


def keysym(c):
    """The X keysym of a character: Cyrillic has its own legacy keysyms, 0x600 plus the KOI8-R
    byte (xdotool recognises those, not the Unicode form); anything else its Unicode keysym."""
    try:
        b = c.encode("koi8_r")
        if len(b) == 1 and b[0] >= 0xA3 and c.isalpha():
            return 0x600 | b[0]
    except UnicodeEncodeError:
        pass
    return 0x1000000 | ord(c)


def bind_keysyms(display, text):
    """Binds every non-ASCII character of `text` that has no keycode to a spare keycode (lower
    and upper case on one key, as on a real keyboard), through libX11's XChangeKeyboardMapping:
    what `xmodmap -e 'keycode N = ...'` does. Standard library only (ctypes)."""
    import ctypes
    import ctypes.util
    chars = sorted({c.lower() for c in text if ord(c) > 127})
    if not chars:
        return
    x = ctypes.cdll.LoadLibrary(ctypes.util.find_library("X11") or "libX11.so.6")
    x.XOpenDisplay.restype = ctypes.c_void_p
    x.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
    x.XGetKeyboardMapping.restype = ctypes.POINTER(ctypes.c_ulong)
    x.XGetKeyboardMapping.argtypes = [ctypes.c_void_p, ctypes.c_ubyte, ctypes.c_int,
                                      ctypes.POINTER(ctypes.c_int)]
    x.XChangeKeyboardMapping.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int,
                                         ctypes.POINTER(ctypes.c_ulong), ctypes.c_int]
    x.XDisplayKeycodes.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int),
                                   ctypes.POINTER(ctypes.c_int)]
    x.XFree.argtypes = [ctypes.c_void_p]
    x.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    x.XCloseDisplay.argtypes = [ctypes.c_void_p]
    d = x.XOpenDisplay(display.encode())
    if not d:
        raise Failure("cannot open display %s to bind keys" % display)
    try:
        lo, hi = ctypes.c_int(), ctypes.c_int()
        x.XDisplayKeycodes(d, ctypes.byref(lo), ctypes.byref(hi))
        n = hi.value - lo.value + 1
        per = ctypes.c_int()
        m = x.XGetKeyboardMapping(d, lo.value, n, ctypes.byref(per))
        spare = [lo.value + i for i in range(n)
                 if all(m[i * per.value + j] == 0 for j in range(per.value))]
        x.XFree(m)
        # keep the highest spare keycode free: xdotool uses the first empty one it finds
        todo = [c for c in chars if x.XKeysymToKeycode(d, keysym(c)) == 0]
        if len(todo) > len(spare) - 1:
            raise Failure("not enough spare keycodes to bind %d characters" % len(todo))
        for c, code in zip(todo, spare[:-1] if len(spare) > 1 else []):
            syms = (ctypes.c_ulong * per.value)(keysym(c), keysym(c.upper()))
            x.XChangeKeyboardMapping(d, code, per.value, syms, 1)
        x.XSync(d, 0)
    finally:
        x.XCloseDisplay(d)


# ---- the tests' own bookkeeping and a program with its settings ------------------------------

class Checks:
    """Counts checks and keeps failures: check(ok, where..., message) joins its parts with ': '."""

    def __init__(self):
        self.failures = []
        self.checks = 0

    def fail(self, *parts):
        msg = ": ".join(str(p) for p in parts)
        self.failures.append(msg)
        print("FAIL: " + msg, flush=True)

    def check(self, ok, *parts):
        self.checks += 1
        if not ok:
            self.fail(*parts)
        return ok


def options(lang=None):
    """The command line every test run by a Run class takes: --frontline BIN, --root SRC, --lang
    (`lang`: add_argument's keywords; default en or ru, en when not given) and --artefacts DIR.
    A test adds its own options to the parser returned."""
    p = argparse.ArgumentParser()
    p.add_argument("--frontline", required=True)
    p.add_argument("--root", required=True)
    p.add_argument("--lang", **(lang or {"default": "en", "choices": ["en", "ru"]}))
    p.add_argument("--artefacts")
    return p


def run_main(run_class, a):
    """A test's exit status: run_class(a).main()'s, or 1 when a Failure ends the test (said as
    the last line, `FAIL: why`)."""
    try:
        return run_class(a).main()
    except Failure as e:
        print("FAIL: %s" % e, flush=True)
        return 1


def start_traced(binary, display, home, args, lang, size, log, trainee="Tester", group="",
                 settings=None, env_extra=None, signin=True):
    """The program with its own settings (language, text size, timed, the trainee signed in) in
    private folders under `home`, tracing its layout (FRONTLINE_TRACE=layout); waits for the
    first frame. `settings` adds to (or overrides) the settings file's keys, `env_extra` to the
    environment (e.g. FRONTLINE_AUDIO_LOG). The desktop always starts at the sign-in with the
    remembered name filled in; with `signin` (and a trainee) the trainee continues as
    themselves with Enter, as a returning trainee would, and it returns on the next screen."""
    import json
    cfg = os.path.join(home, "config")
    data = os.path.join(home, "data")
    os.makedirs(os.path.join(cfg, "frontline"), exist_ok=True)
    os.makedirs(data, exist_ok=True)
    values = {"language": lang, "text_size": size, "timed": True, "extension": 0,
              "fullscreen": False, "assessment": False, "trainee": trainee, "group": group}
    values.update(settings or {})
    with open(os.path.join(cfg, "frontline", "settings.json"), "w") as f:
        json.dump(values, f)
    extra = {"FRONTLINE_TRACE": "layout"}
    extra.update(env_extra or {})
    env = clean_env(display, cfg, data, extra)
    app = App(binary, args, env, log=log)
    app.wait_first_frame()
    if signin and trainee:
        continue_signin(app, display)
    return app


def continue_signin(app, display, timeout=10, inp=None, window=None):
    """At the sign-in with the remembered name filled in and selected, as a returning trainee
    would: Enter, then waits for the screen after it (the briefing of a scenario given on the
    command line, else the library); returns that screen. `inp` and `window` are the caller's
    Input and the program's window when it has them (found otherwise). The key goes once the
    sign-in has settled (no frame for 0.2 s) and the window has the keyboard focus: on Xvfb
    without a window manager a key pressed before that goes to no window at all."""
    app.wait_screen(SIGNIN, timeout)
    inp = inp or Input(display)
    window = window or inp.window_of(app.pid)
    app.wait_quiet(0.2, timeout)
    inp.focus(window)
    inp.key("Return")
    app.wait_for(lambda: app.screen() not in (None, SIGNIN), timeout,
                 "the screen after the sign-in (Enter as the remembered trainee)")
    return app.screen()


# ---- screenshots and pixels -------------------------------------------------------------------

def screenshot(display, path):
    need_tools("import")
    env = dict(os.environ)
    env["DISPLAY"] = display
    p = subprocess.run(["import", "-window", "root", path], env=env, capture_output=True,
                       text=True, timeout=60)
    if p.returncode != 0 or not os.path.exists(path):
        raise Failure("screenshot %s failed: %s" % (path, p.stderr.strip()))
    return path


class Image:
    def __init__(self, w, h, rgb):
        self.w, self.h, self.rgb = w, h, rgb

    def px(self, x, y):
        i = 3 * (y * self.w + x)
        return self.rgb[i], self.rgb[i + 1], self.rgb[i + 2]

    def row(self, y):
        return self.rgb[3 * y * self.w: 3 * (y + 1) * self.w]

    def colours(self):
        rgb = self.rgb
        return len({rgb[i:i + 3] for i in range(0, len(rgb), 3)})

    def diff_pixels(self, other):
        if (self.w, self.h) != (other.w, other.h):
            return self.w * self.h
        a, b = self.rgb, other.rgb
        return sum(1 for i in range(0, len(a), 3) if a[i:i + 3] != b[i:i + 3])


def read_image(path):
    """The pixels of a screenshot, through ImageMagick's binary PPM."""
    need_tools("convert")
    p = subprocess.run(["convert", path, "-depth", "8", "ppm:-"], capture_output=True,
                       timeout=60)
    if p.returncode != 0:
        raise Failure("convert %s failed: %s" % (path, p.stderr.decode(errors="replace")))
    data = p.stdout
    tokens, pos = [], 0
    while len(tokens) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos) + 1
            continue
        start = pos
        while not data[pos:pos + 1].isspace():
            pos += 1
        tokens.append(data[start:pos])
    pos += 1  # the single whitespace after maxval
    if tokens[0] != b"P6" or tokens[3] != b"255":
        raise Failure("%s: unexpected PPM header %r" % (path, tokens))
    w, h = int(tokens[1]), int(tokens[2])
    rgb = data[pos:pos + 3 * w * h]
    if len(rgb) != 3 * w * h:
        raise Failure("%s: short PPM data" % path)
    return Image(w, h, rgb)


def read_ppm(path):
    """A binary PPM as the program's FRONTLINE_DUMP writes it, without ImageMagick."""
    with open(path, "rb") as f:
        data = f.read()
    head = data.split(b"\n", 3)
    if len(head) != 4 or head[0] != b"P6" or head[2] != b"255":
        raise Failure("%s: not a PPM dump" % path)
    w, h = (int(v) for v in head[1].split())
    rgb = head[3]
    if len(rgb) != 3 * w * h:
        raise Failure("%s: %d bytes of pixels for %dx%d" % (path, len(rgb), w, h))
    return Image(w, h, rgb)


def find_bars(img, track, fills, min_w=100, max_h=40):
    """Horizontal bars drawn as a fill (one of `fills`) followed by a `track`-coloured rest, or a
    bare track, at least min_w wide and 4..max_h high. Returns ((x0, x1), [(y0, y1, (x0, x1,
    split, fill_colour))] from top to bottom) for the largest group of bars sharing x and width,
    or None when there is none."""
    segs = {}  # y -> [(x0, x1, split, colour)]
    for y in range(img.h):
        rs = runs(img.row(y), img.w)
        found = []
        for i, (a, b, col) in enumerate(rs):
            if col in fills:
                nxt = rs[i + 1] if i + 1 < len(rs) else None
                seg = (a, nxt[1], b, col) if nxt and nxt[2] == track else (a, b, b, col)
            elif col == track:
                if i > 0 and rs[i - 1][2] in fills:
                    continue  # part of the bar before
                seg = (a, b, a, None)
            else:
                continue
            if seg[1] - seg[0] >= min_w:
                found.append(seg)
        segs[y] = found
    # bands: the same segment on consecutive rows
    bands, open_ = [], {}
    for y in range(img.h + 1):
        cur = set(segs.get(y, []))
        for seg in list(open_):
            if seg not in cur:
                bands.append((open_.pop(seg), y, seg))
        for seg in cur:
            open_.setdefault(seg, y)
    groups = {}
    for b in bands:
        if 4 <= b[1] - b[0] <= max_h:
            groups.setdefault((b[2][0], b[2][1]), []).append(b)
    if not groups:
        return None
    key, bars = max(groups.items(), key=lambda kv: len(kv[1]))
    return key, sorted(bars)


def runs(row_bytes, width):
    """A row's runs of one colour: [(x_start, x_end_exclusive, (r, g, b))]."""
    out = []
    x = 0
    while x < width:
        c = row_bytes[3 * x:3 * x + 3]
        e = x + 1
        while e < width and row_bytes[3 * e:3 * e + 3] == c:
            e += 1
        out.append((x, e, tuple(c)))
        x = e
    return out


# ---- the results screen's marks ------------------------------------------------------------------

BAD = (0xC6, 0x28, 0x28)    # the mistake colour (C_BAD)
WHITE = (0xFF, 0xFF, 0xFF)  # text on it (C_ON_ACCENT)
CARD_COLOURS = {(0x2E, 0x7D, 0x32), (0xB2, 0x6A, 0x00), BAD, (0x1D, 0x5F, 0xA8)}


def find_labels(img, colour=BAD, text=WHITE, box=None, min_w=60, min_h=10):
    """Labels drawn as words in `text` on a solid rounded rectangle of `colour` (the "Critical
    mistake" label of a finding card), inside box (x0, y0, x1, y1; default the whole image),
    at least min_w x min_h. A label's top rows are one run of `colour`; its sides stay `colour`
    down to its bottom; at least half of it is `colour` and its words are in `text`. Returns
    [(x0, y0, x1, y1)] (exclusive ends), top to bottom."""
    bx0, by0, bx1, by1 = box or (0, 0, img.w, img.h)
    found = []
    seen = set()
    for y in range(by0, by1):
        for a, b, col in runs(img.row(y), img.w):
            if col != colour or b - a < min_w or a < bx0 or b > bx1:
                continue
            # inside (the rounded corners make the first rows narrower) a label already found
            if any(f[0] < b and a < f[2] and f[1] <= y < f[3] for f in found) or (a, b, y) in seen:
                continue
            y1 = y
            while (y1 + 1 < by1 and img.px(a + 1, y1 + 1) == colour
                   and img.px(b - 2, y1 + 1) == colour):
                y1 += 1
            h = y1 + 1 - y
            seen.add((a, b, y))
            if h < min_h:
                continue
            fill = words = 0
            for yy in range(y, y1 + 1):
                row = img.row(yy)
                for x in range(a, b):
                    c = tuple(row[3 * x:3 * x + 3])
                    fill += c == colour
                    words += c == text
            if fill * 2 >= (b - a) * h and words >= 10:
                found.append((a, y, b, y1 + 1))
    return sorted(found, key=lambda r: (r[1], r[0]))


def count_colour(img, colour, box):
    """Pixels of exactly `colour` inside box (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = box
    c = bytes(colour)
    return sum(1 for y in range(y0, y1) for x in range(x0, x1)
               if img.rgb[3 * (y * img.w + x):3 * (y * img.w + x) + 3] == c)


def critical_card_first(img, label):
    """Whether the card holding `label` (found by find_labels) is a critical one and the first
    of its list: its top border (a run of the mistake colour at least 200 px wide) lies within
    40 px above the label, and nothing of another card (a stripe in a severity colour) is in the
    30 px above that border at the card's left edge. Returns (ok, why)."""
    x0, y0, x1, _ = label
    border = None
    for y in range(y0 - 1, max(y0 - 40, 0), -1):
        for a, b, col in runs(img.row(y), img.w):
            if col == BAD and b - a >= 200 and a <= x0 <= b:
                border = (a, y)
                break
        if border:
            break
    if not border:
        return False, "no critical card border (a wide run of #C62828) above the label at y %d" % y0
    a, by = border
    while by > 0 and img.px(a + (x1 - x0) // 2, by - 1) == BAD:  # the border's top row
        by -= 1
    # a card above would show its stripe (a severity colour) left of the border's start (the
    # border's first row starts after the card's rounded corner)
    for y in range(max(by - 30, 0), by - 1):
        for x in range(max(a - 20, 0), a + 4):
            if img.px(x, y) in CARD_COLOURS:
                return False, "another card above the critical one (pixel %s at %d,%d)" % (
                    img.px(x, y), x, y)
    return True, "critical card at y %d, first in its list" % by


def marker_ink(img, box):
    """Pixels of white words antialiased onto the mistake colour (pink: red high, green and blue
    equal and lower) inside box: the "!" of a critical mistake's marker draws them; the marker's
    disc and the strip's segments alone do not (they are not antialiased)."""
    x0, y0, x1, y1 = box
    n = 0
    for y in range(y0, y1):
        for x in range(x0, x1):
            r, g, b = img.px(x, y)
            if r >= 0xD0 and 0x40 <= g <= 0xF0 and abs(g - b) <= 12 and r - g >= 12:
                n += 1
    return n


# ---- what the null audio back end logged (FRONTLINE_AUDIO_LOG) ------------------------------------

class AudioLog:
    """The null back end's log, read as it grows: each line split at tabs, a say's TEXT with its
    \\n and \\t turned back into a newline and a tab. .mark() remembers where the log is, and
    .since(mark) gives the lines logged after it."""

    def __init__(self, path):
        self.path = path

    def lines(self):
        try:
            with open(self.path, encoding="utf-8") as f:
                raw = f.read().split("\n")
        except FileNotFoundError:
            return []
        out = []
        for line in raw[:-1]:  # the last piece is empty or a line still being written
            parts = line.split("\t")
            if parts[0] == "say" and len(parts) >= 6:
                text = "\t".join(parts[5:])
                text = text.replace("\\n", "\n").replace("\\t", "\t")
                parts = parts[:5] + [text]
            out.append(parts)
        return out

    def mark(self):
        return len(self.lines())

    def since(self, mark):
        return self.lines()[mark:]

    def said(self, mark=0, kind="interface"):
        """The texts said (kind interface or customer) after mark."""
        return [l[5] for l in self.since(mark) if l[0] == "say" and l[1] == kind]

    def wait(self, cond, timeout, what, app=None):
        """Until cond(lines) is true; returns those lines."""
        deadline = time.monotonic() + timeout
        while True:
            ls = self.lines()
            if cond(ls):
                return ls
            if app is not None and not app.alive():
                raise Failure("the program exited while waiting for %s" % what)
            if time.monotonic() > deadline:
                raise Failure("timed out after %.0f s waiting for %s; the log's last lines: %s"
                              % (timeout, what, ls[-4:]))
            time.sleep(0.02)
