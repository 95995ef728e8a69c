# Issue 15: numbers, clock times and dates matched as words in typed replies ("9:00" = "9" =
# "nine" = «девяти»; "24 990" = 24990; "03.12.2026" = 3.12; ordinals are their number).
#
# The tokenizer's table of inputs and canonical words has its unit test (tests/unit/test_numbers.c,
# found by the glob of tests/CMakeLists.txt). Here, through the program (tests/numbers/run.py):
#  - numbers.play: routes written in digits take what a trainee types in digits or in words, in
#    any case form, through `play --script` ("by 9:30" does not take the `9` route);
#  - numbers.signals: golden outputs of `frontline signals` for the same phrases: the signals and
#    the typed words that carry them, and the route each phrase takes with the words that matched.
set(numbers_run ${CMAKE_CURRENT_SOURCE_DIR}/numbers/run.py)
fl_script_part(numbers ${numbers_run} play "play;numbers")
fl_script_part(numbers ${numbers_run} signals "unit;numbers")

set_tests_properties(unit.test_numbers PROPERTIES LABELS "unit;numbers")
