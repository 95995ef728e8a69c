# tests of workshop files (game/core/workshop.c, game/content/workshop.c, tools/workshop.c,
# `play --workshop`; the leader's guide docs/workshop.md)
#
# The loader's unit test (tests/unit/test_workshop.c) and the broken files of tests/lint
# (lint.workshop-*) are found by the globs of tests/CMakeLists.txt; here they get the workshop
# label too. Then: the example workshops lint clean; the schema and lint agree on every
# workshop file and mutation; `workshop new` from options and, at a real terminal, by
# questions in Russian; and `play --workshop` recording the workshop and the session of the day
# into a real store under the workshop's locks.
file(GLOB FL_WORKSHOP_LINT_CASES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/lint/workshop-*.xml)
foreach(case ${FL_WORKSHOP_LINT_CASES})
    get_filename_component(name ${case} NAME_WE)
    set_tests_properties(lint.${name} PROPERTIES LABELS "lint;workshop")
endforeach()
set_tests_properties(unit.test_workshop PROPERTIES LABELS "unit;workshop")

# The bundled examples (English and Russian) lint clean: no error, no warning.
add_test(NAME workshop.examples-lint-clean
    COMMAND $<TARGET_FILE:frontline> lint --werror ${CMAKE_SOURCE_DIR}/scenarios/workshops)
set_tests_properties(workshop.examples-lint-clean PROPERTIES LABELS "workshop;scenarios"
    TIMEOUT 60)

# workshop.xsd (xmllint) and lint's structure checks accept and refuse the same files.
add_test(NAME workshop.differential
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/workshop/differential.py
            --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR})
set_tests_properties(workshop.differential PROPERTIES LABELS "workshop;schema" TIMEOUT 120)

# `frontline workshop new`: from options (round trip, no overwrite, --force, usage errors), and
# interactively at a pty, answered in Russian.
foreach(mode options interactive)
    add_test(NAME workshop.new.${mode}
        COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/workshop/new.py
                --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR} ${mode})
    set_tests_properties(workshop.new.${mode} PROPERTIES LABELS workshop TIMEOUT 60)
endforeach()

# `frontline play --workshop`: the workshop and the session of the day in the store, the group,
# the mode lock (take-back refused), timing locks, and the refusals.
add_test(NAME workshop.play
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/workshop/play.py
            --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR})
set_tests_properties(workshop.play PROPERTIES LABELS "workshop;play" TIMEOUT 120)
