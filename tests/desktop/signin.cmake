# A shared laptop's sign-in (tests/desktop/signin.py), with real key presses under Xvfb:
#  flow:   the name remembered and selected, Ctrl+A / Shift+Home / Ctrl+Backspace / Ctrl+X and
#          Ctrl+V / a double click in the name field, "Not you?" (Ctrl+N and a click) giving an
#          empty field, each trainee's own mode and text size (never the previous trainee's), a
#          100-character Cyrillic name kept to 80 characters, and the store's sessions under
#          the right names;
#  layout: the sign-in with a workshop (title, session of the day, fixed group) and the top bars
#          of the library, history, settings and briefing with "Not you?" at 100/150/200% text
#          and in 800 x 500, no text over text; Ctrl+L switching the sign-in's language.
foreach(part flow layout)
    foreach(lang en ru)
        add_test(NAME desktop.signin.${part}.${lang}
            COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/desktop/signin.py
                    --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR}
                    --part ${part} --lang ${lang}
                    --artefacts ${CMAKE_CURRENT_BINARY_DIR}/artefacts/signin/${part}-${lang})
        set_tests_properties(desktop.signin.${part}.${lang} PROPERTIES LABELS desktop
            TIMEOUT 120 WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
    endforeach()
endforeach()
