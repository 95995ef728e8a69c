#!/usr/bin/env python3
"""End to end: real playthroughs -> results database -> xAPI statements -> validator -> an LRS.

  xapi.py --frontline BIN --root SRC

1. Plays sessions into a fresh database with `frontline play --script --db`: the best and the
   worst path of every bundled scenario (tests/golden, English and Russian), in practice and
   assessment mode, by trainees with and without a group (Cyrillic names and groups included),
   plus typed replies in both languages, a timeout, one script that stops early (its session
   is stored unfinished), an assessment of late-delivery with a transfer in the first reply (a
   critical mistake), and a session quit before any reply (`play --text`, "q": not attempted);
   in two sessions some replies are read aloud (`voice` lines: loud and fast, calm, not heard).
2. Exports `frontline report --format json` (the complete data) and `--format xapi`, and checks
   the statements against the data: one statement per finished session with the right verb
   (passed/failed in assessment, completed in practice), scaled score = overall/100, one result
   extension per applicable dimension equal to its score, the critical mistakes (count and
   names) and the weighted mean as result extensions (the transfer: verb failed, success false,
   critical ["transfer"]), one "answered" statement per reply that stands (not for timeouts)
   with its findings and its critical findings, registration = session id, and no statement at
   all for the unfinished session nor for the one not attempted (each counted on stderr).
   A reply read aloud carries its figures (xapi/reply/voice) and its session the summary
   (xapi/result/voice), equal to the JSON export's; the others have neither.
   Exporting twice gives the same bytes (ids are stored, not made up).
3. Validates every statement with the independent xAPI validator of the Learning Locker LRS
   (tests/report/xapi/validate.js, installed with `npm ci` when node_modules is missing), plus
   stricter IRI checks than that validator makes (it only requires "scheme:").
4. Sends them to a small LRS started here (http.server on 127.0.0.1, in a thread) that behaves
   as the xAPI spec says a real one does: the X-Experience-API-Version header or 400, basic
   authentication or 401, statements stored by id, a POSTed batch holding a known id refused
   whole with 409, PUT by statementId answering 204 for a new or identical statement and 409
   for different content. Sending a part, then everything, then everything again leaves exactly
   one copy of each statement; a wrong password, an unreachable LRS and a changed statement
   each fail with one clear line, and the password never appears in any output.
"""
import os
import sys

# This folder holds the other reports' tests too; a module of theirs named like one of the
# standard library's (html.py would hide the html that http.server imports) must not be
# imported in its place: take the folder off the module path.
sys.path = [p for p in sys.path
            if os.path.abspath(p or os.curdir) != os.path.dirname(os.path.abspath(__file__))]

import argparse  # noqa: E402
import base64  # noqa: E402
import datetime  # noqa: E402
import glob  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import urllib.error  # noqa: E402
import urllib.parse  # noqa: E402
import urllib.request  # noqa: E402
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer  # noqa: E402

ADL = "http://adlnet.gov/expapi/verbs/"
HOME = "https://lms.example.test/people"
BASE = "https://lms.example.test/frontline/"
USER, PASSWORD = "leader", "s3cret-Pa55"
DIMENSIONS = ["empathy", "apology", "ownership", "tone", "upsell", "resolution", "responsiveness"]

failures = []


def check(cond, message):
    if not cond:
        failures.append(message)
    return cond


# The test LRS listens on 127.0.0.1: never through a proxy the environment may name.
ENV = dict(os.environ, no_proxy="127.0.0.1,localhost", NO_PROXY="127.0.0.1,localhost")
ENV.pop("FRONTLINE_LRS_AUTH", None)


def run(cmd, cwd, timeout=120, env=None):
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                       env=env or ENV)
    return p.returncode, p.stdout, p.stderr


# ---- the LRS test peer ---------------------------------------------------------------------

class LRS:
    """An xAPI Statements resource at /xapi/statements with the rules a real LRS enforces."""

    def __init__(self, user, password):
        self.auth = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
        self.statements = {}
        self.log = []  # (method, status) of every request
        self.lock = threading.Lock()
        lrs = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def answer(self, status, body=None):
                data = b"" if body is None else json.dumps(body).encode()
                self.send_response(status)
                if status == 401:
                    self.send_header("WWW-Authenticate", 'Basic realm="LRS"')
                if data:
                    self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("X-Experience-API-Version", "1.0.3")
                self.end_headers()
                self.wfile.write(data)
                with lrs.lock:
                    lrs.log.append((self.command, status))

            def request_body(self):
                n = int(self.headers.get("Content-Length") or 0)
                return self.rfile.read(n) if n else b""

            def checked(self):
                """Reads the body and applies the checks every request gets; returns the query
                and the parsed body, or None after answering an error."""
                raw = self.request_body()
                url = urllib.parse.urlsplit(self.path)
                if url.path != "/xapi/statements":
                    self.answer(404, {"message": "no such resource"})
                    return None
                version = self.headers.get("X-Experience-API-Version")
                if not version or not re.fullmatch(r"1\.0(\.\d+)?", version):
                    self.answer(400, {"message": "X-Experience-API-Version header missing"})
                    return None
                if self.headers.get("Authorization") != lrs.auth:
                    self.answer(401, {"message": "unauthorised"})
                    return None
                ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip()
                if ctype != "application/json":
                    self.answer(400, {"message": f"Content-Type {ctype!r} is not JSON"})
                    return None
                try:
                    body = json.loads(raw.decode("utf-8"))
                except (UnicodeDecodeError, json.JSONDecodeError) as e:
                    self.answer(400, {"message": f"invalid JSON: {e}"})
                    return None
                return urllib.parse.parse_qs(url.query), body

            def do_POST(self):
                got = self.checked()
                if got is None:
                    return
                _, body = got
                batch = body if isinstance(body, list) else [body]
                ids = [s.get("id") for s in batch if isinstance(s, dict)]
                if len(ids) != len(batch) or None in ids:
                    self.answer(400, {"message": "statements without an id"})
                    return
                with lrs.lock:
                    known = [i for i in ids if i in lrs.statements]
                    if known or len(set(ids)) != len(ids):
                        conflict = True
                    else:
                        conflict = False
                        for s in batch:
                            lrs.statements[s["id"]] = s
                if conflict:
                    self.answer(409, {"message": f"statement {(known or ids)[0]} exists"})
                else:
                    self.answer(200, ids)

            def do_PUT(self):
                got = self.checked()
                if got is None:
                    return
                query, body = got
                sid = (query.get("statementId") or [None])[0]
                if not sid or not isinstance(body, dict) or body.get("id", sid) != sid:
                    self.answer(400, {"message": "statementId missing or not the body's id"})
                    return
                body = dict(body, id=sid)
                with lrs.lock:
                    old = lrs.statements.get(sid)
                    if old is None:
                        lrs.statements[sid] = body
                        status = 204
                    else:
                        status = 204 if old == body else 409
                self.answer(status, None if status == 204 else {"message": "conflict"})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def count(self, method, status=None):
        with self.lock:
            return sum(1 for m, s in self.log if m == method and (status is None or s == status))

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def lrs_self_test(lrs):
    """The peer really refuses what a real LRS refuses (else the send checks prove little)."""
    url = f"http://127.0.0.1:{lrs.port}/xapi/statements"

    def status(headers, body=b"[]"):
        req = urllib.request.Request(url, data=body, method="POST", headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status
        except urllib.error.HTTPError as e:
            return e.code

    ok = {"Content-Type": "application/json", "Authorization": lrs.auth}
    check(status(ok) == 400, "the test LRS accepted a request without X-Experience-API-Version")
    check(status(dict(ok, **{"X-Experience-API-Version": "1.0.3", "Authorization": "Basic eDp5"}))
          == 401, "the test LRS accepted wrong credentials")
    check(status(dict(ok, **{"X-Experience-API-Version": "1.0.3"})) == 200,
          "the test LRS refused a correct empty batch")


# ---- playing sessions ----------------------------------------------------------------------

TYPED_EN = """# typed words at every free-text node of free-text-router; three replies read aloud
> I am so sorry, that sounds really stressful with your rent due @12.5
voice rms=-12.4 peak=-0.5 rate=6.8 speech=2.5 pause=0.3 pauses=1
> I will refund the second payment today so it is back before Friday @20
voice rms=-23.5 rate=4.1 speech=3.2
overdraft/r-f5c57fe7 @4
voice rms=-70 speech=0.1
> Is there anything else I can help with? @3
"""
TYPED_RU = """# typed words in Russian (svobodny-otvet)
> Простите, понимаю, как это неприятно @9
proverka/r-fc561710 @6
> Понимаю ваши сомнения, я проверю и напишу вам завтра @15
"""
# Silence at the first node of a timed scenario, then the first reply offered at each node.
TIMEOUT_EN = """timeout @30
1 @4
voice rate=7.25 syllables=20
lookup/r-8269af25 @5
options/r-b7675e48 @5
1 @5
"""
# late-delivery: the second reply offered first sends the customer to the courier (transfer).
TRANSFER_EN = "2 @5\n1 @5\n1 @5\n1 @5\n2 @5\n"
TRAINEES = ["Helen Carter", "Иван Петров", "=HYPERLINK(\"http://x\",\"click\")", "o'brien"]
GROUPS = ["Workshop A (Leeds)", "Группа Б", None]


def play(binary, root, db, script, scenario, trainee, group, assessment, expect_rc=0):
    cmd = [binary, "play", "--script", script, "--db", db, "--trainee", trainee]
    if group:
        cmd += ["--group", group]
    if assessment:
        cmd.append("--assessment")
    cmd.append(scenario)
    rc, _, err = run(cmd, root)
    check(rc == expect_rc, f"{' '.join(cmd)}: exit {rc}, expected {expect_rc}: {err.strip()}")
    return rc


def build_database(binary, root, tmp, db):
    """Plays every session; returns the number played."""
    n = 0
    scripts = sorted(glob.glob(os.path.join(root, "tests", "golden", "*", "*.script")))
    check(len(scripts) >= 4, "no golden scripts found under tests/golden")
    for rnd in range(2):  # two rounds: enough statements for several LRS batches
        for i, script in enumerate(scripts):
            lang = os.path.basename(os.path.dirname(script))
            name = os.path.basename(script).split(".")[0]
            scenario = os.path.join("scenarios", lang, name + ".xml")
            k = i + rnd
            play(binary, root, db, script, scenario, TRAINEES[k % len(TRAINEES)],
                 GROUPS[k % len(GROUPS)], assessment=(k % 2 == 1))
            n += 1
    extra = [("typed-en.script", TYPED_EN, "scenarios/en/free-text-router.xml", False),
             ("typed-ru.script", TYPED_RU, "scenarios/ru/svobodny-otvet.xml", True),
             ("timeout.script", TIMEOUT_EN, "scenarios/en/late-delivery.xml", True),
             ("transfer.script", TRANSFER_EN, "scenarios/en/late-delivery.xml", True)]
    for fname, text, scenario, assessment in extra:
        path = os.path.join(tmp, fname)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        play(binary, root, db, path, scenario, "Helen Carter", "Workshop A (Leeds)", assessment)
        n += 1
    # Stops after one reply: exit 1, and the session is stored unfinished.
    early = os.path.join(tmp, "early.script")
    with open(early, "w", encoding="utf-8") as f:
        f.write("start/r-15f63c92 @5\n")
    play(binary, root, db, early, "scenarios/en/late-delivery.xml", "Иван Петров", "Группа Б",
         False, expect_rc=1)
    # Quits before any reply: stored, not attempted.
    p = subprocess.run([binary, "play", "--text", "--db", db, "--trainee", "o'brien",
                        "scenarios/en/late-delivery.xml"], cwd=root, capture_output=True,
                       text=True, timeout=120, env=ENV, input="\nq\n")
    check(p.returncode == 0, f"play --text, q before any reply: exit {p.returncode}: {p.stderr}")
    return n + 2


# ---- checking the statements ---------------------------------------------------------------

IRI_CHARS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")


def check_iri(iri, where):
    if not isinstance(iri, str) or not IRI_CHARS.fullmatch(iri):
        failures.append(f"{where}: {iri!r} is not a clean absolute IRI (spaces, non-ASCII or "
                        "unencoded characters)")
        return
    u = urllib.parse.urlsplit(iri)
    check(u.scheme in ("http", "https") and u.netloc, f"{where}: {iri!r} has no scheme or host")
    check(not re.search(r"%(?![0-9A-F]{2})", iri), f"{where}: {iri!r}: bad percent-encoding")


def iris_of(s):
    """Every IRI of a statement, with where it is."""
    out = [(s["verb"]["id"], "verb.id"), (s["actor"]["account"]["homePage"], "homePage"),
           (s["object"]["id"], "object.id"), (s["object"]["definition"]["type"], "type")]
    for part in ("result", "context"):
        for k in s.get(part, {}).get("extensions", {}):
            out.append((k, f"{part}.extensions"))
    for kind, acts in s.get("context", {}).get("contextActivities", {}).items():
        for a in acts:
            out.append((a["id"], f"contextActivities.{kind}"))
    return out


def iso_ms(text):
    d = datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ")
    return int(d.replace(tzinfo=datetime.timezone.utc).timestamp() * 1000 + 0.5)


def duration_cs(text):
    m = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?(\d+)(?:\.(\d{1,2}))?S", text)
    if not m:
        return None
    h, mi, s, frac = m.groups()
    seconds = (int(h or 0) * 60 + int(mi or 0)) * 60 + int(s)
    return seconds * 100 + int((frac or "0").ljust(2, "0"))


def check_statements(statements, sessions, base, home):
    by_reg = {}
    for s in statements:
        by_reg.setdefault(s.get("context", {}).get("registration"), []).append(s)
    ids = [s.get("id") for s in statements]
    check(len(set(ids)) == len(ids), "statement ids repeat within one export")
    typed_seen = ru_seen = group_seen = timeout_seen = critical_seen = triggers_seen = False
    voice_seen = reply_voice_seen = 0
    expected_total = 0
    for sess in sessions:
        sid = sess["session"]
        mine = by_reg.get(sid, [])
        where = f"session {sid} ({sess['scenario']['id']}, {sess['trainee']})"
        if not sess["finished"]:
            check(not mine, f"{where}: unfinished, yet {len(mine)} statements")
            continue
        heads = [s for s in mine if s["verb"]["id"] != ADL + "answered"]
        answers = [s for s in mine if s["verb"]["id"] == ADL + "answered"]
        if not check(len(heads) == 1, f"{where}: {len(heads)} session statements, expected 1"):
            continue
        st = heads[0]
        check(st["id"] == sess["xapi_id"], f"{where}: statement id {st['id']} is not the stored "
              f"xapi_id {sess['xapi_id']}")
        if sess["mode"] == "assessment":
            verb = "passed" if sess["passed"] else "failed"
        else:
            verb = "completed"
        check(st["verb"]["id"] == ADL + verb, f"{where}: verb {st['verb']['id']}, expected {verb}")
        score = st["result"]["score"]
        check(abs(score["scaled"] - sess["overall"] / 100) < 1e-9 and score["raw"] ==
              sess["overall"] and score["min"] == 0 and score["max"] == 100,
              f"{where}: score {score} for overall {sess['overall']}")
        check(st["result"]["success"] == sess["passed"] and st["result"]["completion"] is True,
              f"{where}: success/completion {st['result']}")
        ext = st["result"]["extensions"]
        for d in DIMENSIONS:
            key = f"{base}xapi/dimension/{d}"
            want = sess["dimensions"][d]
            if want is None:
                check(key not in ext, f"{where}: {d} does not apply, yet has an extension")
            else:
                check(ext.get(key) == want, f"{where}: {d} extension {ext.get(key)}, JSON {want}")
        # The critical mistakes, and the weighted mean they capped.
        ck, cn = f"{base}xapi/result/critical-mistakes", f"{base}xapi/result/critical"
        check(ext.get(ck) == sess["critical_mistakes"] and ext.get(cn) == sess["critical"] and
              ext.get(f"{base}xapi/result/weighted-mean") == sess["raw"],
              f"{where}: critical/weighted-mean extensions {ext.get(ck)} {ext.get(cn)} "
              f"{ext.get(base + 'xapi/result/weighted-mean')}, JSON {sess['critical_mistakes']} "
              f"{sess['critical']} {sess['raw']}")
        # The replies read aloud, summed up: beside the score, only when there were any.
        vk = f"{base}xapi/result/voice"
        if sess.get("voice"):
            voice_seen += 1
            v = sess["voice"]
            want = {"replies": v["replies_read_aloud"], "heard": v["heard"],
                    "mean-rms-dbfs": v["mean_rms_dbfs"],
                    "mean-syllables-per-s": v["mean_syllables_per_s"], "loud": v["loud"],
                    "fast": v["fast"], "silent": v["silent"]}
            check(ext.get(vk) == want, f"{where}: voice extension {ext.get(vk)}, JSON {want}")
        else:
            check(vk not in ext, f"{where}: no reply read aloud, yet {ext.get(vk)}")
        if sess["critical_mistakes"]:
            check(st["result"]["success"] is False,
                  f"{where}: a critical mistake, yet result.success {st['result']['success']}")
            if sess["mode"] == "assessment" and sess["critical"] == ["transfer"]:
                critical_seen = True
                check(st["verb"]["id"] == ADL + "failed" and sess["overall"] < sess["raw"],
                      f"{where}: the transfer: verb {st['verb']['id']}, overall "
                      f"{sess['overall']}, raw {sess['raw']}")
        check(ext.get(f"{base}xapi/result/outcome") == sess["outcome"] and
              ext.get(f"{base}xapi/result/band") == sess["band"] and
              ext.get(f"{base}xapi/result/findings") == sess["findings_count"] and
              ext.get(f"{base}xapi/survey/nps") == sess["survey"]["nps"] and
              ext.get(f"{base}xapi/survey/csat") == sess["survey"]["csat"] and
              ext.get(f"{base}xapi/survey/ces") == sess["survey"]["ces"],
              f"{where}: outcome/band/findings/survey extensions {ext}")
        check(st["timestamp"] == sess["ended"], f"{where}: timestamp {st['timestamp']}, ended "
              f"{sess['ended']}")
        want_cs = max(0, iso_ms(sess["ended"]) - iso_ms(sess["started"])) // 10
        check(duration_cs(st["result"]["duration"]) == want_cs,
              f"{where}: duration {st['result']['duration']}, expected {want_cs / 100} s")
        actor = st["actor"]
        check(actor["account"] == {"homePage": home, "name": sess["trainee"]} and
              actor["name"] == sess["trainee"], f"{where}: actor {actor}")
        obj = st["object"]
        check(obj["id"] == base + "scenarios/" + urllib.parse.quote(sess["scenario"]["id"], ""),
              f"{where}: object id {obj['id']}")
        lang = sess["scenario"]["lang"]
        tag = {"en": "en-US", "ru": "ru-RU"}[lang]
        check(obj["definition"]["name"] == {tag: sess["scenario"]["title"]},
              f"{where}: activity name {obj['definition']['name']}")
        ctx = st["context"]
        check(ctx["language"] == lang and ctx["platform"] == "Frontline",
              f"{where}: context language/platform {ctx}")
        ru_seen |= lang == "ru"
        if sess["group"]:
            group_seen = True
            want_g = base + "groups/" + urllib.parse.quote(sess["group"], "")
            check([a["id"] for a in ctx["contextActivities"]["grouping"]] == [want_g],
                  f"{where}: grouping {ctx.get('contextActivities')}, expected {want_g}")
        else:
            check("contextActivities" not in ctx, f"{where}: grouping without a group")

        # The replies: every trainee turn that stands and is not silence.
        replies = [t for t in sess["turns"] if t["speaker"] == "trainee" and
                   not t["taken_back"] and t["kind"] != "timeout"]
        timeouts = [t for t in sess["turns"] if t["speaker"] == "trainee" and
                    not t["taken_back"] and t["kind"] == "timeout"]
        timeout_seen |= bool(timeouts)
        check(ext.get(f"{base}xapi/result/timeouts") == len(timeouts),
              f"{where}: timeouts extension {ext.get(base + 'xapi/result/timeouts')}, "
              f"{len(timeouts)} timeouts")
        check(sorted(a["id"] for a in answers) == sorted(t["xapi_id"] for t in replies),
              f"{where}: {len(answers)} answered statements for {len(replies)} replies")
        expected_total += 1 + len(replies)
        turns_by_id = {t["xapi_id"]: t for t in replies}
        for a in answers:
            t = turns_by_id.get(a["id"])
            if t is None:
                continue
            w = f"{where}, reply {t['reply']}"
            check(a["object"]["id"] == obj["id"] + "/nodes/" + urllib.parse.quote(t["node"], ""),
                  f"{w}: object id {a['object']['id']}")
            d = a["object"]["definition"]
            if t["kind"] == "choice":
                check(d["interactionType"] == "choice" and a["result"]["response"] == t["reply"],
                      f"{w}: a picked reply as {d['interactionType']} {a['result']['response']!r}")
            else:
                want = t["text"] if t["text"] is not None else t["reply"]
                check(d["interactionType"] == "fill-in" and a["result"]["response"] == want,
                      f"{w}: typed reply as {d['interactionType']} {a['result']['response']!r}")
                typed_seen |= t["typed"]
            check(a["context"]["registration"] == sid and
                  a["context"]["contextActivities"]["parent"][0]["id"] == obj["id"],
                  f"{w}: context {a['context']}")
            check(a["timestamp"] == t["at"], f"{w}: timestamp {a['timestamp']}, at {t['at']}")
            check(duration_cs(a["result"]["duration"]) == t["took_ms"] // 10,
                  f"{w}: duration {a['result']['duration']} for {t['took_ms']} ms")
            rx = a["result"]["extensions"]
            about = [f for f in sess["findings"] if f["turn"] == t["turn"]]
            check(rx.get(f"{base}xapi/reply/findings") == [f["rule"] for f in about] and
                  rx.get(f"{base}xapi/reply/critical-findings") ==
                  [f["rule"] for f in about if f["critical"]],
                  f"{w}: findings {rx.get(base + 'xapi/reply/findings')} critical "
                  f"{rx.get(base + 'xapi/reply/critical-findings')}, JSON {about}")
            if t["typed"] and t.get("triggers") is not None:
                triggers_seen = True
                check(rx.get(f"{base}xapi/reply/triggers") == t["triggers"],
                      f"{w}: triggers {rx.get(base + 'xapi/reply/triggers')!r}, JSON "
                      f"{t['triggers']!r}")
            rv = rx.get(f"{base}xapi/reply/voice")
            if "voice" in t:
                reply_voice_seen += 1
                want = {k.replace("_", "-"): x for k, x in t["voice"].items()}
                check(rv == want, f"{w}: voice {rv}, JSON {t['voice']}")
            else:
                check(rv is None, f"{w}: not read aloud, yet voice {rv}")
            check(rx.get(f"{base}xapi/reply/signals") == t["signals"] and
                  rx.get(f"{base}xapi/customer/mood") == t["state"]["mood"] and
                  rx.get(f"{base}xapi/customer/trust") == t["state"]["trust"] and
                  rx.get(f"{base}xapi/customer/patience") == t["state"]["patience"],
                  f"{w}: reply extensions {rx}")
            # The activity is named by the customer's last line at that node before the reply.
            before = [c for c in sess["turns"] if c["speaker"] == "customer" and
                      c["seq"] < t["seq"] and c["node"] == t["node"]]
            want = {tag: before[-1]["text"] if before else t["node"]}
            check(d["name"] == want, f"{w}: node name {d['name']}, expected {want}")
    check(len(statements) == expected_total,
          f"{len(statements)} statements, expected {expected_total}")
    check(typed_seen, "no typed reply among the statements")
    check(ru_seen, "no Russian session among the statements")
    check(group_seen, "no session with a group among the statements")
    check(timeout_seen, "no session with a timeout among the sessions")
    check(critical_seen, "no assessment failed by a transfer (a critical mistake) among them")
    check(triggers_seen, "no typed reply with the words that triggered its signals")
    check(voice_seen == 2 and reply_voice_seen == 4,
          f"{voice_seen} sessions and {reply_voice_seen} replies read aloud among the "
          "statements, expected 2 and 4 (TYPED_EN, TIMEOUT_EN)")
    for i, s in enumerate(statements):
        for iri, where in iris_of(s):
            check_iri(iri, f"statement {i} ({s['id']}) {where}")
    return expected_total


def validate(root, path):
    here = os.path.join(root, "tests", "report", "xapi")
    if not os.path.isdir(os.path.join(here, "node_modules", "@learninglocker")):
        rc, out, err = run(["npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"], here,
                           timeout=600)
        if not check(rc == 0, f"npm ci in {here} failed: {err.strip()[-2000:]}"):
            return
    rc, out, err = run(["node", os.path.join(here, "validate.js"), path], here)
    check(rc == 0, f"the xAPI validator refused {path}:\n{out}{err}")
    print(out.strip().splitlines()[-1] if out.strip() else err.strip())


# ---- main ----------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frontline", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    a = ap.parse_args()
    root = os.path.abspath(a.root)
    binary = os.path.abspath(a.frontline)
    tmp = tempfile.mkdtemp(prefix="frontline-xapi-")
    try:
        body(binary, root, tmp)
    finally:
        if a.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    for f in failures:
        print("FAIL:", f)
    print(f"xapi: {'0 failed' if not failures else f'{len(failures)} failed'}")
    return 1 if failures else 0


def body(binary, root, tmp):
    db = os.path.join(tmp, "results.sqlite")
    played = build_database(binary, root, tmp, db)
    if failures:
        return
    opts = ["--account-home", HOME, "--activity-base", BASE]

    def report(*args, expect_rc=0, env=None):
        rc, out, err = run([binary, "report", "--db", db, *args], root, env=env)
        check(rc == expect_rc, f"frontline report {' '.join(args)}: exit {rc}: {err.strip()}")
        return rc, out, err

    jpath = os.path.join(tmp, "all.json")
    report("--format", "json", "-o", jpath)
    sessions = json.load(open(jpath, encoding="utf-8"))
    check(len(sessions) == played, f"{len(sessions)} sessions in the JSON, {played} played")
    unfinished = [s for s in sessions if not s["finished"] and s["attempted"]]
    check(len(unfinished) == 1, f"{len(unfinished)} unfinished sessions, expected 1")
    quit_ = [s for s in sessions if not s["attempted"]]
    check(len(quit_) == 1 and quit_[0]["overall"] is None and quit_[0]["passed"] is None,
          f"the session quit before any reply: {quit_}")

    x1 = os.path.join(tmp, "x1.json")
    _, _, err = report("--format", "xapi", "-o", x1, *opts)
    check("1 unfinished session left out" in err,
          f"no word about the unfinished session on stderr: {err.strip()!r}")
    check("1 session not attempted" in err,
          f"no word about the session not attempted on stderr: {err.strip()!r}")
    statements = json.load(open(x1, encoding="utf-8"))
    total = check_statements(statements, sessions, BASE, HOME)
    validate(root, x1)

    # Exporting again gives the same statements, ids included, byte for byte.
    x2 = os.path.join(tmp, "x2.json")
    report("--format", "xapi", "-o", x2, *opts)
    check(open(x1, "rb").read() == open(x2, "rb").read(), "a second export differs from the first")

    # The default IRIs are valid too.
    x3 = os.path.join(tmp, "x3.json")
    report("--format", "xapi", "-o", x3)
    validate(root, x3)

    # ---- sending -----------------------------------------------------------------------
    check(total > 200, f"only {total} statements: the LRS test needs more than one batch (200)")
    lrs = LRS(USER, PASSWORD)
    outputs = []
    try:
        lrs_self_test(lrs)
        base_url = f"http://127.0.0.1:{lrs.port}/xapi"
        send = ["--format", "xapi", "--force", "-o", os.path.join(tmp, "sent.json"), *opts,
                "--lrs-auth", f"{USER}:{PASSWORD}"]

        # 1. One scenario's sessions first.
        part = [s for s in sessions if s["scenario"]["id"] == "late-delivery" and s["finished"]]
        part_ids = {s["xapi_id"] for s in part} | {
            t["xapi_id"] for s in part for t in s["turns"]
            if t["speaker"] == "trainee" and not t["taken_back"] and t["kind"] != "timeout"}
        rc, out, err = report(*send, "--lrs", base_url, "--scenario", "late-delivery")
        outputs.append(out + err)
        check(set(lrs.statements) == part_ids,
              f"after sending late-delivery: the LRS holds {len(lrs.statements)} statements, "
              f"expected {len(part_ids)}")

        # 2. Everything (trailing slash): batches holding known ids go one by one.
        rc, out, err = report(*send, "--lrs", base_url + "/")
        outputs.append(out + err)
        check(len(lrs.statements) == total,
              f"after sending all: the LRS holds {len(lrs.statements)}, expected {total}")
        check(lrs.count("POST", 409) >= 1 and lrs.count("PUT", 204) >= 1,
              f"no 409 then PUT seen: {lrs.log[-5:]}")
        check(f"{total} statements sent" in err, f"no count of sent statements: {err.strip()!r}")
        by_id = {s["id"]: s for s in statements}
        check(all(lrs.statements.get(i) == s for i, s in by_id.items()),
              "the LRS holds statements that differ from the exported file")

        # 3. Everything again (the password from the environment): still one copy of each.
        puts = lrs.count("PUT")
        rc, out, err = report(*send[:-2], "--lrs", base_url,
                              env=dict(ENV, FRONTLINE_LRS_AUTH=f"{USER}:{PASSWORD}"))
        outputs.append(out + err)
        check(len(lrs.statements) == total,
              f"after sending twice: the LRS holds {len(lrs.statements)}, expected {total}")
        check(lrs.count("PUT") - puts == total, "the second send did not go one by one")

        # 4. A wrong password: nonzero, one clear line, no password.
        wrong = "wr0ng-Pa55w0rd"
        rc, out, err = report("--format", "xapi", "-o", os.path.join(tmp, "w.json"), *opts,
                              "--lrs", base_url, "--lrs-auth", f"{USER}:{wrong}", expect_rc=1)
        outputs.append(out + err)
        check("refused the credentials" in err and f"127.0.0.1:{lrs.port}/xapi/statements" in err,
              f"a wrong password is not reported clearly: {err.strip()!r}")
        check(wrong not in out + err, "the wrong password appears in the output")
        check(len(lrs.statements) == total, "a refused send changed the LRS")

        # 5. Different content under a known id: 409 named.
        victim = statements[0]["id"]
        lrs.statements[victim] = dict(lrs.statements[victim], timestamp="2000-01-01T00:00:00Z")
        rc, out, err = report(*send, "--lrs", base_url, expect_rc=1)
        outputs.append(out + err)
        check(victim in err and "409" in err,
              f"a conflicting statement is not named: {err.strip()!r}")
    finally:
        lrs.stop()

    # 6. Nobody listening: connection refused, named.
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    closed = s.getsockname()[1]
    s.close()
    rc, out, err = report("--format", "xapi", "-o", os.path.join(tmp, "c.json"), *opts,
                          "--lrs", f"http://127.0.0.1:{closed}/xapi", "--lrs-auth",
                          f"{USER}:{PASSWORD}", expect_rc=1)
    outputs.append(out + err)
    check("cannot connect" in err and f"127.0.0.1:{closed}" in err,
          f"an unreachable LRS is not reported clearly: {err.strip()!r}")
    for text in outputs:
        check(PASSWORD not in text, f"the password appears in the output: {text.strip()!r}")


if __name__ == "__main__":
    sys.exit(main())
