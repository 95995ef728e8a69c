#!/usr/bin/env python3
"""Issue 16: replies typed on a CP1251 or KOI8-R terminal are stored and exported as UTF-8.

Real locales are made for the test with `localedef -i ru_RU -f CP1251` (and KOI8-R) into a
folder of its own (LOCPATH), and `frontline play --text` runs under LC_ALL=ru_RU.CP1251 with the
reply written in that encoding, as such a terminal sends it:
- the stored reply (the SQLite store, read with sqlite3) and `report --format json` hold the
  same words in UTF-8, and "извините" scores as an apology (signals in the JSON);
- a byte that is no character of the encoding (0x98 in CP1251) becomes U+FFFD, with a one-line
  notice on stderr naming the encoding; under a UTF-8 locale an invalid byte does the same;
- the terminal still gets UTF-8 (output is not converted): the Russian briefing comes out as
  UTF-8 bytes.
"""
import json
import os
import shutil
import subprocess

import hard_common as H

FREE = "scenarios/ru/svobodny-otvet.xml"  # its first node takes typed words
REPLY = "Извините, мне очень жаль, это неприятно"


def make_locales():
    if not shutil.which("localedef"):
        H.check(False, "localedef is missing (Debian package 'locales')")
        return None
    d = os.path.join(H.TMP, "locales")
    os.makedirs(d, exist_ok=True)
    for cs in ("CP1251", "KOI8-R"):
        p = subprocess.run(["localedef", "-i", "ru_RU", "-f", cs, os.path.join(d, "ru_RU." + cs)],
                           capture_output=True, text=True, timeout=120)
        if not os.path.isdir(os.path.join(d, "ru_RU." + cs)):
            H.check(False, "localedef %s failed: %s" % (cs, p.stderr[-300:]))
            return None
    return d


def play_typed(name, raw, lc_all, locpath=None):
    db = os.path.join(H.TMP, name + ".sqlite")
    extra = {"LC_ALL": lc_all}
    if locpath:
        extra["LOCPATH"] = locpath
    rc, out, err = H.run(["play", "--text", "--untimed", "--db", db, "--trainee", "Анна", FREE],
                         raw + b"\nq\n", lc_all, extra)
    turns = H.trainee_turns(db)
    rc2, js, err2 = H.run(["report", "--format", "json", "--db", db])
    doc = json.loads(js or b"[]")
    exported = [t for s in doc for t in s.get("turns", []) if t.get("speaker") == "trainee"]
    return rc, out, err, turns, exported


def from_encoding(locpath, cs, codec):
    raw = REPLY.encode(codec)
    rc, out, err, turns, exported = play_typed(cs, raw, "ru_RU." + cs, locpath)
    H.check(rc == 0, "%s: exit %d %r" % (cs, rc, err[-300:]))
    H.check(turns and turns[0][2] == REPLY, "%s: stored %r, want %r" % (cs, turns[:1], REPLY))
    H.check(exported and exported[0].get("text") == REPLY,
            "%s: the JSON export has %r" % (cs, exported[:1]))
    H.check(exported and "apology" in (exported[0].get("signals") or []),
            "%s: 'извините' did not score as an apology: %r" % (cs, exported[:1]))
    H.check("Ход 1".encode("utf-8") in out, "%s: the terminal did not get UTF-8 output" % cs)
    H.check("не являются текстом" not in err, "%s: a notice for a clean line: %r" % (cs, err))
    print("%s: %d bytes typed, stored and exported as %r with signals %r"
          % (cs, len(raw), turns[0][2] if turns else None,
             exported[0].get("signals") if exported else None))


def undefined_byte(locpath):
    raw = "Извините".encode("cp1251") + b" \x98 " + "пожалуйста".encode("cp1251")
    rc, out, err, turns, exported = play_typed("cp1251bad", raw, "ru_RU.CP1251", locpath)
    want = "Извините \ufffd пожалуйста"
    H.check(turns and turns[0][2] == want, "CP1251 0x98: stored %r, want %r" % (turns[:1], want))
    H.check(exported and exported[0].get("text") == want, "CP1251 0x98: exported %r" % exported[:1])
    H.check("1 байт(а) не являются текстом в кодировке терминала (CP1251)" in err,
            "CP1251 0x98: no notice: %r" % err)
    print("CP1251: an undefined byte became U+FFFD with a notice")


def utf8_invalid():
    raw = "Извините".encode() + b" \xff\xfe " + "жаль".encode()
    rc, out, err, turns, exported = play_typed("utf8bad", raw, "C.UTF-8")
    want = "Извините \ufffd\ufffd жаль"
    H.check(turns and turns[0][2] == want, "UTF-8 invalid: stored %r, want %r" % (turns[:1], want))
    H.check(exported and exported[0].get("text") == want, "UTF-8 invalid: exported %r"
            % exported[:1])
    H.check("2 byte(s) of the line just read are not text in the terminal's encoding (UTF-8)"
            in err, "UTF-8 invalid: no notice: %r" % err)
    print("UTF-8: two invalid bytes became U+FFFD with a notice, the reply exported")


def main():
    H.setup()
    locpath = make_locales()
    if locpath:
        from_encoding(locpath, "CP1251", "cp1251")
        from_encoding(locpath, "KOI8-R", "koi8_r")
        undefined_byte(locpath)
    utf8_invalid()
    H.finish("play.hard.locale")


if __name__ == "__main__":
    main()
