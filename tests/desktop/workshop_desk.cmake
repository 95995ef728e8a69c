# the desktop running a workshop and the trainer's library (tests/desktop/workshop_desk.py): a
# workshop file's library, its locked mode and timing on the briefing and in the settings, a call
# recorded with the workshop, the group and the session of the day (lock); a trainer's version of
# a bundled scenario and round, a missing --scenarios folder and a broken workshop file said in
# the window (library); the settings' workshop row finding and using a file (pick); F5's toast, and F5 with errors during a call keeping the call (reload);
# the screens at 100/150/200% text without text over text (shots). English and Russian.
foreach(lang en ru)
    foreach(part lock library pick reload shots)
        add_test(NAME desktop.workshop_desk.${part}.${lang}
            COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/desktop/workshop_desk.py
                    --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR}
                    --lang ${lang} --part ${part}
                    --artefacts ${CMAKE_CURRENT_BINARY_DIR}/artefacts/workshop_desk/${lang}/${part})
        set_tests_properties(desktop.workshop_desk.${part}.${lang} PROPERTIES
            LABELS desktop TIMEOUT 120 WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
    endforeach()
endforeach()
