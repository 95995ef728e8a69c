#!/usr/bin/env bash
# Builds (RelWithDebInfo) and runs every benchmark in tests/bench, printing their figures.
# Each benchmark exits 1 when it misses its budget; this script then exits 1 too.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"${JOBS:-2}" --target bench_load bench_explore bench_play bench_round bench_store bench_audio frontline >/dev/null
status=0
for b in bench_load bench_explore bench_play bench_round; do
    echo "== $b"
    build/tests/bench/$b || status=1
done
echo "== bench_desktop (under its own Xvfb)"
python3 tests/bench/bench_desktop.py --frontline build/frontline --root . || status=1
echo "== bench_store (files in build/)"
build/tests/bench/bench_store build/frontline build || status=1
echo "== bench_audio (its own ALSA file device)"
build/tests/bench/bench_audio || status=1
exit $status
