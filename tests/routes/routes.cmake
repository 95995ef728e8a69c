# Issue 15: the route grammar (alternatives inside a conjunction, groups that nest) and
# `frontline signals --scenario FILE --node ID` (which route a phrase takes, and why).
#
# The grammar's parser, matcher and explanation have their unit test (tests/unit/test_route.c,
# found by the glob of tests/CMakeLists.txt). Here, through the program:
#  - routes.signals: golden outputs of `signals --node` for two small scenarios and their phrase
#    lists, in English and in Russian, and the --tsv form (tests/routes/run.py);
#  - routes.lint: each mistake of a match attribute at its line:column, in both languages;
#  - routes.play: typed replies through `play --script` take the routes the groups say;
#  - routes.equivalence: the bundled scenarios rewritten with groups route thousands of phrases
#    exactly as their old hand-written combinations did;
#  - routes.guide: the guide's table of examples says true.
set(routes_run ${CMAKE_CURRENT_SOURCE_DIR}/routes/run.py)
fl_script_part(routes ${routes_run} signals "unit;routes")
fl_script_part(routes ${routes_run} lint "lint;routes")
fl_script_part(routes ${routes_run} play "play;routes")
fl_script_part(routes ${routes_run} guide "scenarios;routes")

add_test(NAME routes.equivalence
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/routes/equivalence.py
            --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR})
set_tests_properties(routes.equivalence PROPERTIES LABELS "scenarios;routes" TIMEOUT 120)

set_tests_properties(unit.test_route PROPERTIES LABELS "unit;routes")
