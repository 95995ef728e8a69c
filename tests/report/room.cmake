# The leader's report of a workshop day (issue 14, tests/report/room.py): a room of eight
# trainees on two laptops (two stores), morning and afternoon, merged by `frontline report`.
# html: the room's profile, morning against afternoon (and store against store), the trainees
# on demand and the report's language, each figure against one computed from the JSON export,
# rendered by headless Chromium. pdf: `--format pdf` in English and Russian, checked with
# pdfinfo (A4), pdftoppm (pages not blank) and pdftotext (the room's headings), nothing left
# behind, and the errors without chromium or without -o.
foreach(part html pdf)
    add_test(NAME report.room.${part}
        COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/report/room.py
                --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR} --only ${part}
                --artefacts ${CMAKE_CURRENT_BINARY_DIR}/artefacts/room/${part})
    set_tests_properties(report.room.${part} PROPERTIES LABELS report TIMEOUT 180
        WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
endforeach()
