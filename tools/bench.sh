#!/usr/bin/env bash
# Sets everything up, then builds (RelWithDebInfo, in build/) and runs every benchmark of
# tests/bench through tests/bench/run, which prints one table (figure, budget, median, pass or
# fail) and exits 1 when a figure misses its budget or a benchmark goes wrong. Options go to
# tests/bench/run: --repeat K (medians of K runs), --only NAME, --build DIR, --no-build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
exec python3 tests/bench/run "$@"
