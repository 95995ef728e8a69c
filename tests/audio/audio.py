#!/usr/bin/env python3
"""The audio layer through the real PortAudio path: `frontline sound ...` plays into an ALSA
`file` device (tests/audio/file-device.conf) and records from one, and the PCM is measured here
in pure Python (and with sox, an independent tool, for loudness).

    audio.py --frontline BIN --root SRC cues       the cues: length, pitch and cadence as
                                                   docs/audio.md documents them
    audio.py --frontline BIN --root SRC speech     a spoken line: as long as espeak-ng's own
    audio.py --frontline BIN --root SRC emotions   calm and furious differ in rate and pitch
    audio.py --frontline BIN --root SRC meter      espeak-ng readings at known speeds and gains,
                                                   fed as the microphone
    audio.py --frontline BIN --root SRC nodevice   no sound card: a reason, no ALSA/JACK noise

Each case gets a fresh temporary HOME and ALSA configuration, so nothing of the machine's own
sound setup (or a real card) takes part.
"""
import argparse
import array
import ctypes.util
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile

FAILURES = []


def fail(msg):
    FAILURES.append(msg)
    print("FAIL: " + msg)


def ok(msg):
    print("ok: " + msg)


class Device:
    """An ALSA file device in a temporary directory."""

    def __init__(self, root, tmp):
        self.tmp = tmp
        self.out = os.path.join(tmp, "out.raw")
        self.inp = os.path.join(tmp, "in.raw")
        with open(os.path.join(root, "tests/audio/file-device.conf")) as f:
            conf = f.read().replace("@OUT@", self.out).replace("@IN@", self.inp)
        self.conf = os.path.join(tmp, "asound.conf")
        with open(self.conf, "w") as f:
            f.write(conf)
        if not os.path.exists(self.inp):
            open(self.inp, "wb").write(array.array("f", [0.0] * 4800).tobytes())
        self.env = dict(os.environ)
        self.env.update(HOME=tmp, ALSA_CONFIG_PATH="/usr/share/alsa/alsa.conf:" + self.conf)
        for k in ("FRONTLINE_AUDIO", "FRONTLINE_AUDIO_LOG", "ALSA_CARD", "ALSA_PCM_CARD"):
            self.env.pop(k, None)

    def run(self, frontline, *args, timeout=50):
        if os.path.exists(self.out):
            os.unlink(self.out)
        return subprocess.run([frontline, "sound", *args], env=self.env, capture_output=True,
                              text=True, timeout=timeout)

    def format(self, frontline):
        """(rate, channels, input rate) from `sound check`'s first line."""
        r = self.run(frontline, "check")
        m = re.match(r"sound: ready: .*, (\d+) Hz, (\d+) channels?, "
                     r"(?:microphone at (\d+) Hz|no microphone)", r.stdout)
        if r.returncode != 0 or not m:
            sys.exit("sound check failed on the file device (%d): %s %s" % (r.returncode, r.stdout,
                                                                              r.stderr))
        return int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)

    def played(self, channels):
        """The first channel of what was played, as floats."""
        a = array.array("f")
        with open(self.out, "rb") as f:
            data = f.read()
        a.frombytes(data[: len(data) // 4 * 4])
        return a[0::channels]


def span(x, thr):
    """(first, one past the last) index with |x| > thr; (0, 0) when silent."""
    first = next((i for i, v in enumerate(x) if abs(v) > thr), None)
    if first is None:
        return 0, 0
    last = next(i for i in range(len(x) - 1, -1, -1) if abs(x[i]) > thr)
    return first, last + 1


def goertzel(x, rate, hz):
    w = 2 * math.pi * hz / rate
    c = 2 * math.cos(w)
    s1 = s2 = 0.0
    for v in x:
        s1, s2 = v + c * s1 - s2, s1
    return s1 * s1 + s2 * s2 - c * s1 * s2


def peaks(x, rate, lo, hi, step=5):
    """Frequencies from lo to hi (step Hz) sorted by power, strongest first, as (power, hz)."""
    return sorted(((goertzel(x, rate, f), f) for f in range(lo, hi + 1, step)), reverse=True)


def documented_cues(root):
    """The cue table of docs/audio.md: name -> (seconds, [Hz...])."""
    cues = {}
    with open(os.path.join(root, "docs/audio.md")) as f:
        for line in f:
            m = re.match(r"\|\s*`?(ring|message|tick|hangup)`?\s*\|\s*([\d.]+) s\s*\|\s*([^|]+)\|",
                         line)
            if m:
                tones = [float(v) for v in re.findall(r"\d+", m.group(3))]
                cues[m.group(1)] = (float(m.group(2)), tones)
    return cues


# ---- cues --------------------------------------------------------------------------------

def test_cues(args, dev):
    rate, ch, _ = dev.format(args.frontline)
    docs = documented_cues(args.root)
    if sorted(docs) != ["hangup", "message", "ring", "tick"]:
        fail("docs/audio.md does not document the four cues: %s" % sorted(docs))
        return
    for name, (seconds, tones) in sorted(docs.items()):
        r = dev.run(args.frontline, "cue", name)
        if r.returncode != 0 or r.stderr:
            fail("sound cue %s: exit %d, stderr %r" % (name, r.returncode, r.stderr))
            continue
        x = dev.played(ch)
        a, b = span(x, 0.001)
        got = (b - a) / rate
        if abs(got - seconds) > 0.010:
            fail("%s: %.3f s of sound, documented %.3f s" % (name, got, seconds))
        else:
            ok("%s: %.3f s of sound (documented %.3f s)" % (name, got, seconds))
        # the main tone(s) of the first 90 ms (the tick's whole 30 ms)
        part = x[a: a + int(rate * min(0.09, seconds))]
        best = peaks(part, rate, 200, 3000)
        want = tones[:2] if name == "ring" else tones[:1]
        found = []
        for p, hz in best:
            if all(abs(hz - f) > 20 for f in found):
                found.append(hz)
            if len(found) == len(want):
                break
        if all(any(abs(f - w) <= 10 for f in found) for w in want):
            ok("%s: strongest at %s Hz (documented %s)" % (name, found, want))
        else:
            fail("%s: strongest at %s Hz, documented %s" % (name, found, want))
        if name == "ring":
            # the cadence: 0.4 s on, 0.2 s off, 0.4 s on; measured by energy
            def rms(s, e):
                seg = x[a + int(s * rate): a + int(e * rate)]
                return math.sqrt(sum(v * v for v in seg) / max(1, len(seg)))
            on1, gap, on2 = rms(0.05, 0.35), rms(0.43, 0.57), rms(0.65, 0.95)
            if on1 > 0.1 and on2 > 0.1 and gap < 1e-4:
                ok("ring cadence: on %.3f, gap %.6f, on %.3f (RMS)" % (on1, gap, on2))
            else:
                fail("ring cadence: on %.3f, gap %.6f, on %.3f (RMS)" % (on1, gap, on2))
        if name == "hangup":
            got_tones = []
            for k in range(3):
                seg = x[a + int((0.4 * k + 0.05) * rate): a + int((0.4 * k + 0.2) * rate)]
                got_tones.append(peaks(seg, rate, 300, 600)[0][1])
            if all(abs(g - w) <= 10 for g, w in zip(got_tones, tones)):
                ok("hangup beeps at %s Hz" % got_tones)
            else:
                fail("hangup beeps at %s Hz, documented %s" % (got_tones, tones))


# ---- speech ------------------------------------------------------------------------------

def read_wav16(path):
    with open(path, "rb") as f:
        data = f.read()
    rate = int.from_bytes(data[24:28], "little")
    at = data.find(b"data") + 8
    a = array.array("h")
    a.frombytes(data[at: at + (len(data) - at) // 2 * 2])
    return [v / 32768.0 for v in a], rate


def speech_span(x, rate):
    """Seconds from the first to the last sample above 1% of the peak."""
    peak = max(abs(v) for v in x) if x else 0
    a, b = span(x, 0.01 * peak)
    return (b - a) / rate, x[a:b]


LINE = "I have been waiting for my parcel for two weeks and nobody calls me back."
LINE_RU = "Я жду свою посылку уже две недели, и никто мне не перезванивает."


def test_speech(args, dev):
    rate, ch, _ = dev.format(args.frontline)
    for lang, text in (("en", LINE), ("ru", LINE_RU)):
        wav = os.path.join(dev.tmp, "line.wav")
        r = subprocess.run([args.frontline, "sound", "say", "--lang", lang, "--wav", wav, text],
                           env=dev.env, capture_output=True, text=True, timeout=50)
        if r.returncode != 0:
            fail("sound say --wav: %d %s" % (r.returncode, r.stderr))
            continue
        ref, ref_rate = read_wav16(wav)
        want, _ = speech_span(ref, ref_rate)
        r = dev.run(args.frontline, "say", "--lang", lang, text)
        if r.returncode != 0 or r.stderr:
            fail("sound say (%s): exit %d, stderr %r" % (lang, r.returncode, r.stderr))
            continue
        got, voiced = speech_span(dev.played(ch), rate)
        if want > 1.0 and abs(got - want) <= 0.02 * want:
            ok("%s line: %.3f s played, %.3f s synthesised" % (lang, got, want))
        else:
            fail("%s line: %.3f s played, %.3f s synthesised" % (lang, got, want))
        # played through the mixer at 0.9, resampled: the same loudness within 1 dB
        def db(s):
            return 20 * math.log10(math.sqrt(sum(v * v for v in s) / len(s)))
        _, ref_voiced = speech_span(ref, ref_rate)
        diff = db(voiced) - (db(ref_voiced) + 20 * math.log10(0.9))
        if abs(diff) <= 1.0:
            ok("%s line: loudness as synthesised (%+.2f dB)" % (lang, diff))
        else:
            fail("%s line: loudness differs from the synthesis by %+.2f dB" % (lang, diff))


def median_f0(x, rate):
    """The median pitch of the voiced 40 ms frames, by autocorrelation at 8 kHz."""
    k = rate // 8000
    y = [sum(x[i: i + k]) / k for i in range(0, len(x) - k, k)]
    frame, hop, lo, hi = 320, 160, 8000 // 400, 8000 // 60
    energies = [sum(v * v for v in y[i: i + frame]) for i in range(0, len(y) - frame - hi, hop)]
    top = max(energies)
    f0 = []
    for n, e in enumerate(energies):
        if e < 0.1 * top:
            continue
        s = y[n * hop: n * hop + frame + hi]
        best, lag = 0.0, 0
        for L in range(lo, hi + 1):
            c = sum(s[i] * s[i + L] for i in range(frame))
            if c > best:
                best, lag = c, L
        if lag and best > 0.4 * e:
            f0.append(8000.0 / lag)
    return statistics.median(f0) if f0 else 0.0


def test_emotions(args, dev):
    rate, ch, _ = dev.format(args.frontline)
    got = {}
    for emotion in ("calm", "furious"):
        r = dev.run(args.frontline, "say", "--emotion", emotion, LINE)
        if r.returncode != 0 or r.stderr:
            fail("sound say --emotion %s: exit %d, stderr %r" % (emotion, r.returncode, r.stderr))
            return
        seconds, voiced = speech_span(dev.played(ch), rate)
        got[emotion] = (seconds, median_f0(voiced, rate))
        print("   %-8s %.3f s, median f0 %.1f Hz" % (emotion, *got[emotion]))
    (cs, cf), (fs, ff) = got["calm"], got["furious"]
    if fs < 0.85 * cs:
        ok("furious is faster: %.2f s against calm %.2f s" % (fs, cs))
    else:
        fail("furious is not faster: %.2f s against calm %.2f s" % (fs, cs))
    if cf > 0 and ff > 1.1 * cf:
        ok("furious is higher: %.0f Hz against calm %.0f Hz" % (ff, cf))
    else:
        fail("furious is not higher: %.0f Hz against calm %.0f Hz" % (ff, cf))


# ---- meter -------------------------------------------------------------------------------

METER_TEXT = "I am sorry for the delay with your order. Let me look into it for you right now."


def syllables(text):
    """Syllables by vowel groups (y counts as a vowel): exact for METER_TEXT's plain words."""
    return sum(len(re.findall(r"[aeiouy]+", w)) for w in re.findall(r"[a-z]+", text.lower()))


def sox_stat(raw, rate):
    """(RMS dBFS, seconds) of the speech in raw, trimmed of silence at both ends, by sox."""
    r = subprocess.run(["sox", "-t", "raw", "-r", str(rate), "-e", "floating-point", "-b", "32",
                        "-c", "1", raw, "-n", "silence", "1", "0.02", "-50d", "reverse",
                        "silence", "1", "0.02", "-50d", "reverse", "stat"],
                       capture_output=True, text=True, timeout=30)
    rms = float(re.search(r"RMS\s+amplitude:\s+([\d.]+)", r.stderr).group(1))
    seconds = float(re.search(r"Length \(seconds\):\s+([\d.]+)", r.stderr).group(1))
    return 20 * math.log10(rms), seconds


def test_meter(args, dev):
    in_rate = None
    want_syl = syllables(METER_TEXT)
    # espeak-ng words a minute, gain, the flags expected. The rate is checked at every speed,
    # up to espeak-ng's fastest (450 words a minute, about 14 syllables a second): the meter
    # chooses its envelope's smoothing by the reading's pace (docs/meter.md).
    cases = [
        (140, 1.0, set()),
        (175, 1.0, set()),
        (270, 1.0, {"fast"}),
        (320, 1.0, {"fast"}),
        (450, 1.0, {"fast"}),
        (175, 2.5, {"loud"}),
    ]
    import json
    for wpm, gain, flags in cases:
        wav = os.path.join(dev.tmp, "read.wav")
        subprocess.run(["espeak-ng", "-v", "en", "-s", str(wpm), "-w", wav, METER_TEXT],
                       check=True, timeout=30)
        if in_rate is None:
            _, _, in_rate = dev.format(args.frontline)
            if not in_rate:
                fail("the file device has no microphone")
                return
        speech = os.path.join(dev.tmp, "speech.raw")
        subprocess.run(["sox", "-V1", wav, "-r", str(in_rate), "-e", "floating-point", "-b", "32",
                        "-c", "1", "-t", "raw", speech, "vol", str(gain)], check=True, timeout=30)
        sox_db, sox_s = sox_stat(speech, in_rate)
        # the microphone: 0.3 s of silence, the reading, 2 s of silence; read for exactly that
        data = open(speech, "rb").read()
        pad = array.array("f", [0.0] * int(0.3 * in_rate)).tobytes()
        tail = array.array("f", [0.0] * int(2.0 * in_rate)).tobytes()
        with open(dev.inp, "wb") as f:
            f.write(pad + data + tail)
        seconds = (len(pad) + len(data) + len(tail)) / 4 / in_rate
        r = dev.run(args.frontline, "meter", "--seconds", "%.3f" % (seconds - 0.01),
                    "--format", "json")
        if r.returncode != 0:
            fail("sound meter: exit %d %s" % (r.returncode, r.stderr))
            continue
        got = json.loads(r.stdout)
        want_sps = want_syl / sox_s
        label = "%d wpm x%.1f" % (wpm, gain)
        print("   %s: meter %.2f dBFS, %.2f syl/s (%d in %.2f s), flags %s; sox %.2f dBFS, "
              "text %.2f syl/s (%d in %.2f s)" % (label, got["rms_dbfs"], got["syllables_per_s"],
                                                 got["syllables"], got["speech_s"], got["flags"],
                                                 sox_db, want_sps, want_syl, sox_s))
        if abs(got["rms_dbfs"] - sox_db) <= 2.0:
            ok("%s: loudness within 2 dB of sox (%+.2f)" % (label, got["rms_dbfs"] - sox_db))
        else:
            fail("%s: loudness %.2f dBFS, sox %.2f" % (label, got["rms_dbfs"], sox_db))
        if abs(got["syllables_per_s"] - want_sps) <= 0.2 * want_sps:
            ok("%s: rate within 20%% of the text's (%+.0f%%)"
               % (label, 100 * (got["syllables_per_s"] / want_sps - 1)))
        else:
            fail("%s: %.2f syllables/s, the text has %.2f"
                 % (label, got["syllables_per_s"], want_sps))
        if set(got["flags"]) == flags:
            ok("%s: flags %s" % (label, sorted(flags) or "none"))
        else:
            fail("%s: flags %s, expected %s" % (label, got["flags"], sorted(flags)))
    r = dev.run(args.frontline, "meter", "--seconds", "0.1")
    if r.returncode == 2 and "--seconds" in r.stderr:
        ok("meter --seconds 0.1 is a usage error")
    else:
        fail("meter --seconds 0.1: exit %d %r" % (r.returncode, r.stderr))


# ---- no device ---------------------------------------------------------------------------

def test_nodevice(args, tmp):
    # The machine's own ALSA configuration with every card-based device pointed at a card that
    # does not exist: what a machine without a sound card sees (and noisy, see the control).
    env = dict(os.environ)
    for k in ("ALSA_CONFIG_PATH", "FRONTLINE_AUDIO", "FRONTLINE_AUDIO_LOG"):
        env.pop(k, None)
    env.update(HOME=tmp, ALSA_CARD="97", ALSA_PCM_CARD="97", ALSA_CTL_CARD="97")
    control = subprocess.run([sys.executable, "-c",
                              "import ctypes,sys; l=ctypes.CDLL(sys.argv[1]); l.Pa_Initialize(); "
                              "print(l.Pa_GetDefaultOutputDevice()); l.Pa_Terminate()",
                              ctypes.util.find_library("portaudio") or "libportaudio.so.2"],
                             env=env, capture_output=True, text=True, timeout=30)
    if control.stdout.strip() != "-1":
        fail("the no-device configuration still has an output device (%s)" % control.stdout.strip())
        return
    print("   control: PortAudio itself prints %d lines of ALSA/JACK noise here"
          % len(control.stderr.splitlines()))

    def run(cmd, stdin=None):
        return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=30, input=stdin)

    for args_ in (["check"], ["cue", "ring"], ["say", "Hello"], ["meter", "--seconds", "1"]):
        r = run([args.frontline, "sound", *args_])
        lines = r.stderr.splitlines()
        reason = len(lines) == 1 and lines[0].startswith("frontline sound: no sound: ")
        if r.returncode == 1 and reason:
            ok("sound %s: exit 1, %r" % (" ".join(args_), lines[0]))
        else:
            fail("sound %s: exit %d, stderr %r" % (" ".join(args_), r.returncode, r.stderr))
    # usage errors name the bad argument (exit 2), before any device is touched
    for bad, word in ((["cue", "bell"], "'bell'"),
                      (["say", "--emotion", "grumpy", "hi"], "'grumpy'"),
                      (["say", "--lang", "de", "hi"], "'de'"),
                      (["meter", "--format", "xml"], "'xml'"),
                      (["meter", "--seconds", "lots"], "'lots'"), (["check", "now"], "'now'"),
                      (["play"], "'play'"), (["say"], "TEXT")):
        r = run([args.frontline, "sound", *bad])
        if r.returncode == 2 and word in r.stderr and not r.stdout:
            ok("sound %s: usage error naming %s" % (" ".join(bad), word))
        else:
            fail("sound %s: exit %d, stderr %r" % (" ".join(bad), r.returncode, r.stderr))
    # the null back end: a cue is logged, not played, and the command does not wait for it
    log = os.path.join(tmp, "audio.log")
    null_env = dict(env, FRONTLINE_AUDIO="null", FRONTLINE_AUDIO_LOG=log)
    r = subprocess.run([args.frontline, "sound", "cue", "hangup"], env=null_env,
                       capture_output=True, text=True, timeout=30)
    logged = open(log).read() if os.path.exists(log) else ""
    if r.returncode == 0 and logged == "cue\thangup\n" and not r.stderr:
        ok("FRONTLINE_AUDIO=null: the cue is logged")
    else:
        fail("FRONTLINE_AUDIO=null sound cue hangup: exit %d, log %r, stderr %r"
             % (r.returncode, logged, r.stderr))
    scenario = os.path.join(args.root, "scenarios/en/late-delivery.xml")
    r = run([args.frontline, "play", "--text", "--no-store", scenario], stdin="q\n")
    noise = [l for l in r.stderr.splitlines() if "ALSA" in l or "jack" in l.lower()]
    if r.returncode in (0, 1) and not noise and r.stdout:
        ok("play --text runs without a sound device (exit %d), no noise" % r.returncode)
    else:
        fail("play --text: exit %d, noise %r" % (r.returncode, noise[:3]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("case", choices=["cues", "speech", "emotions", "meter", "nodevice"])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="fl-audio-") as tmp:
        if args.case == "nodevice":
            test_nodevice(args, tmp)
        else:
            dev = Device(args.root, tmp)
            {"cues": test_cues, "speech": test_speech, "emotions": test_emotions,
             "meter": test_meter}[args.case](args, dev)
    if FAILURES:
        print("%d failure(s)" % len(FAILURES))
        return 1
    print("all passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
