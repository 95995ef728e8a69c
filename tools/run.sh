#!/usr/bin/env bash
# Sets everything up and starts Frontline on a bundled scenario: the README's run command.
# Opens the desktop simulator at the scenario's briefing (after the sign-in, which every start shows).
# Without a display it says so and plays the same scenario in the terminal instead.
# Give another scenario as an argument, e.g. `bash tools/run.sh scenarios/ru/dostavka-opazdyvaet.xml`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"${JOBS:-2}" >/dev/null
exec build/frontline "${1:-scenarios/en/late-delivery.xml}"
