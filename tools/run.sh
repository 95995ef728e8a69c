#!/usr/bin/env bash
# Sets everything up and starts Frontline on a bundled scenario: the README's run command.
# Until the desktop arrives (issue 5) the simulator is the terminal game, `frontline play
# --text`: keyboard only, in the scenario's language. Give another scenario as an argument,
# e.g. `bash tools/run.sh scenarios/ru/dostavka-opazdyvaet.xml`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"${JOBS:-2}" >/dev/null
exec build/frontline play --text "${1:-scenarios/en/late-delivery.xml}"
