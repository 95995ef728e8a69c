# tests of stress rounds: files (the round format, its loader, lint on rounds, the bundled rounds)
#
# Also, elsewhere: tests/lint/round-*.xml are golden lint cases (lint.round-*), the guide's
# catalogue checks their examples (lint.catalogue), tests/schema/differential.py holds round
# files to round.xsd, and scenarios.bundled-lint-clean lints scenarios/rounds with --werror.

# The parser and the pool from C: the def a file becomes, strict seeds, the levels' rules, the
# loader's safety on rounds, rounds told from scenarios, a sorted pool without duplicates.
add_executable(round_files_unit ${CMAKE_CURRENT_LIST_DIR}/files_unit.c)
target_link_libraries(round_files_unit PRIVATE flcontent flcore PkgConfig::CMOCKA)
target_compile_definitions(round_files_unit PRIVATE FL_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
add_test(NAME unit.round_files COMMAND round_files_unit)
set_tests_properties(unit.round_files PROPERTIES LABELS unit TIMEOUT 60
    ENVIRONMENT "CMOCKA_MESSAGE_OUTPUT=stdout")

# Every bundled round is valid for the editors' schema (xmllint, independent of lint).
find_program(FL_XMLLINT xmllint REQUIRED)
file(GLOB FL_BUNDLED_ROUNDS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/scenarios/rounds/*.xml)
add_test(NAME schema.rounds-valid
    COMMAND ${FL_XMLLINT} --noout --nonet --schema ${CMAKE_SOURCE_DIR}/scenarios/schema/round.xsd
            ${FL_BUNDLED_ROUNDS})
set_tests_properties(schema.rounds-valid PROPERTIES LABELS schema TIMEOUT 60)

# The bundled rounds as a trainer and the desktop meet them: at least two per language, each
# clean with --werror and from any working folder, a folder given to lint counts its rounds, and
# a broken round in JSON.
add_test(NAME scenarios.rounds
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/files.py
            --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR})
set_tests_properties(scenarios.rounds PROPERTIES LABELS scenarios TIMEOUT 120)
