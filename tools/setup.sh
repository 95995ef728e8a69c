#!/usr/bin/env bash
# Installs the Debian 12 packages Frontline needs to build, run and test.
# Idempotent: when everything is present it changes nothing and takes well under a second.
# Used by both README commands (tools/run.sh, tools/test.sh) and, through them, by .ci/run.
set -euo pipefail

packages=(
    build-essential cmake pkg-config git   # toolchain
    libxml2-dev libxml2-utils              # scenario loader, schema validation, xmllint
    libjansson-dev                         # JSON output (lint --format json, play --script)
    libstemmer-dev                         # Snowball stemmers for typed replies (lexicon.c)
    graphviz                               # `dot`, to check `frontline graph` output in tests
    libsqlite3-dev sqlite3                 # the results store (game/store), sqlite3 for tests
    libcurl4-openssl-dev                   # report --lrs: POST xAPI statements to an LRS
    libsdl2-dev libsdl2-ttf-dev            # the desktop simulator (game/ui)
    portaudio19-dev libasound2-dev         # sound: the output mixer and the microphone (game/audio)
    libespeak-ng-dev espeak-ng-data        # the customer's voice and self-voicing (game/audio)
    espeak-ng sox libsox-fmt-all           # tests: reference readings, loudness and pitch checks
    libcmocka-dev                          # unit tests
    xvfb xdotool imagemagick x11-utils     # tests: the desktop in a virtual display, keys, screenshots
    weston                                 # tests: the desktop under a real Wayland compositor
    libreoffice-calc-nogui                 # tests: the CSV export opened by a spreadsheet
    chromium                               # report --format pdf; tests: the HTML report rendered
    poppler-utils                          # tests: the PDF report's pages (pdftoppm, pdfinfo)
    python3                                # golden-file and catalogue test drivers
    clang libclang-rt-14-dev               # tests: the libFuzzer targets (tests/fuzz)
    valgrind                               # tests: the headless runs under memcheck
    locales                                # tests: CP1251/KOI8-R terminals (localedef)
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# Node.js and npm run the independent xAPI validator in the tests (tests/report/xapi); any install of
# them will do (Debian's packages when there is none).
command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup: run as root (or install sudo): need ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
fi
echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
