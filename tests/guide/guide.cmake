# The guide's chapter "Run and check your scenario" (scenarios/checking.md, checking.ru.md):
# every command it shows is run on a copy of the bundled scenarios, with the exit status and
# the output the chapter prints, in English (LANG=C) and in Russian (LANG=ru_RU.UTF-8). The
# telecom scenario it works through (scenarios/ru/avariya-internet.xml) is also covered by
# scenarios.bundled-lint-clean, golden.playthroughs and scoring.bundled.
# Needs Graphviz's `dot` (Debian package graphviz) for the chapter's picture.
add_test(NAME guide.chapter
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/guide/guide.py
            --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR} check)
set_tests_properties(guide.chapter PROPERTIES LABELS guide TIMEOUT 120)

# The runner itself: a stale output, a wrong exit status and a broken chapter are caught.
add_test(NAME guide.runner
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/guide/selftest.py
            --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR})
set_tests_properties(guide.runner PROPERTIES LABELS guide TIMEOUT 60)
