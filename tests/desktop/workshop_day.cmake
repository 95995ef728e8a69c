# A workshop day end to end (issue 14, tests/desktop/workshop_day.py): the leader writes the
# workshop file with `frontline workshop new` and lints it; two "laptops" (two XDG config and
# data trees, two stores) run the real desktop under Xvfb with real key presses (xdotool) in the
# morning and the afternoon (--session): three trainees in turn on one laptop through "Not you?"
# (Ctrl+N, an empty field, Ctrl+A over the last name), assessment locked (the mode key and a
# take-back refused), a 92-character Cyrillic name kept to 80 characters; then `frontline report`
# over both stores: the JSON (names, group, workshop, session of the day, mode), --workshop and
# --session filters, the HTML through Chromium (the room, morning against afternoon going up),
# the Russian CSV in LibreOffice (Excel form, Cyrillic intact, numbers) and the PDF (pdftoppm,
# pdftotext).
add_test(NAME desktop.workshop_day
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/desktop/workshop_day.py
            --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR}
            --artefacts ${CMAKE_CURRENT_BINARY_DIR}/artefacts/workshop_day)
set_tests_properties(desktop.workshop_day PROPERTIES LABELS "desktop;slow" TIMEOUT 600
    WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
# the laptops have folders of their own; anything else the test runs stays out of the user's
set_property(TEST desktop.workshop_day APPEND PROPERTY ENVIRONMENT
    "XDG_DATA_HOME=${CMAKE_BINARY_DIR}/test-home/data"
    "XDG_STATE_HOME=${CMAKE_BINARY_DIR}/test-home/state")
