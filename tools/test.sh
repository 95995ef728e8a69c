#!/usr/bin/env bash
# Sets everything up and runs every test: the README's test command, and what CI runs.
#   1. installs the Debian packages (tools/setup.sh, idempotent);
#   2. a normal build with warnings as errors, and all of CTest on it;
#   3. an AddressSanitizer + UndefinedBehaviorSanitizer build that runs every test again
#      (the unit tests, and the lint/schema tests driving the sanitized program);
#   4. the libFuzzer targets (clang, ASan + UBSan): each briefly on its seed corpus, and every
#      earlier finding in tests/fuzz/regress once (label fuzz, about a minute).
# The headless runs under valgrind memcheck (label valgrind) are part of step 2's CTest run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh

jobs=${JOBS:-2}
echo "== build (warnings are errors)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFL_WERROR=ON >/dev/null
cmake --build build -j"$jobs"
echo "== tests"
ctest --test-dir build --output-on-failure -j"$jobs"

# Tests labelled slow (the whole workshop day, two minutes of real key presses over code the
# other tests also run) run once, in the pass above, to keep CI under its 30 minutes.
# The desktop's walks run there in Russian only: the same code as the English ones, with
# Cyrillic and the longer words, at the largest text size (tests/desktop/layout.cmake).
echo "== sanitizer build (ASan + UBSan): every test again but the slow ones, the unit tests among them"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DFL_WERROR=ON -DFL_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j"$jobs" -LE slow -E '^desktop[.].*[.]en$'

echo "== fuzz targets (clang, libFuzzer + ASan + UBSan): each briefly on its corpus, every finding again"
CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DFL_FUZZ=ON \
    -DFL_FUZZ_FRONTLINE="$PWD/build/frontline" >/dev/null
cmake --build build-fuzz -j"$jobs" --target fuzz_all
ctest --test-dir build-fuzz --output-on-failure -j"$jobs" -L fuzz
