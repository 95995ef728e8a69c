# tests of stress rounds: store
#
# The results store and every export with stress rounds (results schema 3), end to end: a small C
# program writes rounds with the round recorder API (real sessions for the calls), then the real
# `frontline report` (CSV, --rounds CSV, JSON, xAPI through the independent validator, HTML) and
# `frontline import` (exports and fallback files) are run on them; and a store written by the
# schema-2 program (tests/data/store-schema2.sqlite) is read as it is and upgraded in place.
add_executable(fl_round_writer ${CMAKE_CURRENT_SOURCE_DIR}/store/round_writer.c)
target_link_libraries(fl_round_writer PRIVATE flstore flcore PkgConfig::JANSSON)
add_test(NAME store.rounds
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/store/rounds.py
            --frontline $<TARGET_FILE:frontline> --writer $<TARGET_FILE:fl_round_writer>
            --root ${CMAKE_SOURCE_DIR})
set_tests_properties(store.rounds PROPERTIES LABELS store TIMEOUT 600)
