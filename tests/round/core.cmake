# tests of stress rounds: core
# (the unit tests, tests/unit/test_round.c, are globbed with the others: unit.test_round)

# What a round costs the core, as a test: a tick with 5 live calls (nothing due, one thing due)
# within 10 us, a 60-customer round played by a bot within 50 ms, the same round on every run.
# The timings have ten times their measured cost as margin; a sanitizer build checks the round
# only (bench_round does not judge timing there).
add_test(NAME bench.round COMMAND bench_round --check)
set_tests_properties(bench.round PROPERTIES LABELS bench TIMEOUT 120)
