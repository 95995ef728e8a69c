# Issue 16, helper "import": `frontline import` against conflicting and hostile files, and a
# settings.json that is not a settings file (tests/report/import_hard.py, one test per part):
# conflict (named with the fields that differ, the store's copy kept, exit 1; identical and
# earlier copies quiet), times (impossible values refuse only their session), files (a FIFO, a
# folder, a file over 1 GiB refused at once), utf8 (an invalid byte in a name: U+FFFD, counted,
# every session imported), settings (a FIFO, a folder, junk as settings.json: lint and play
# finish with one warning line), desktop (the desktop under Xvfb with a FIFO as settings.json
# reaches its sign-in).
foreach(part conflict times files utf8 settings desktop)
    add_test(NAME report.import_hard.${part}
        COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/report/import_hard.py
                --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR} --only ${part})
    if(part STREQUAL "desktop")
        set_tests_properties(report.import_hard.${part} PROPERTIES LABELS "desktop" TIMEOUT 180)
    else()
        set_tests_properties(report.import_hard.${part} PROPERTIES LABELS "report;store"
                             TIMEOUT 180)
    endif()
endforeach()
