#!/usr/bin/env bash
# Sets everything up and starts Frontline on a bundled scenario: the README's run command.
# The terminal player and the desktop arrive with their issues; until then this builds the
# program and checks every bundled scenario with `frontline lint`, which is what a trainer
# does first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"${JOBS:-2}" >/dev/null
exec build/frontline lint "$@" scenarios/en scenarios/ru
