# the desktop's layout at every text size: the conversation at 75-200% text in 1280 x 720 and
# 800 x 500 windows (the customer's latest line, the timer, the replies' numbers in view, a
# third of the height for the transcript, no text over text, the free-text box and its Send
# button), the reply under the pointer and a reply taken back; from the program's own layout
# trace (FRONTLINE_TRACE=layout) and from screenshots, in English and in Russian.
# The sanitizer build runs the same code paths at the largest text size only (200%, with the
# 800 x 500 window): every size is checked in the normal build, and this keeps CI in its budget.
if(FL_SANITIZE)
    set(FL_LAYOUT_SIZES --sizes 200)
else()
    set(FL_LAYOUT_SIZES "")
endif()
foreach(lang en ru)
    add_test(NAME desktop.layout.${lang}
        COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/desktop/layout.py
                --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR} --lang ${lang}
                --artefacts ${CMAKE_CURRENT_BINARY_DIR}/artefacts/layout/${lang} ${FL_LAYOUT_SIZES})
    set_tests_properties(desktop.layout.${lang} PROPERTIES LABELS desktop TIMEOUT 600
        WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
endforeach()
# the stress round's screens: the library's round cards, a round's briefing, the round's results
# (calls, timeline, figures) and a call's review, at 100/150/200% text (and 200% in 800 x 500),
# from the layout trace and screenshots, in English and in Russian.
foreach(lang en ru)
    add_test(NAME desktop.round_screens.${lang}
        COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/desktop/round_screens.py
                --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR} --lang ${lang}
                --artefacts ${CMAKE_CURRENT_BINARY_DIR}/artefacts/round_screens/${lang} ${FL_LAYOUT_SIZES})
    set_tests_properties(desktop.round_screens.${lang} PROPERTIES LABELS desktop TIMEOUT 600
        WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
endforeach()

# a stress round on the desktop (tests/desktop/round.py): sign in, the round's briefing from the
# command line, the round bar and the tabs, Ctrl+2, Tab and a click switching calls, a customer
# left waiting (the "!" and the flash) until lost, the round's results and the store; then at
# 200% text in an 800 x 500 window: the tabs' layout, and Esc twice leaving the round.
foreach(lang en ru)
    add_test(NAME desktop.round.${lang}
        COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/desktop/round.py
                --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR} --lang ${lang}
                --artefacts ${CMAKE_CURRENT_BINARY_DIR}/artefacts/round/${lang})
    set_tests_properties(desktop.round.${lang} PROPERTIES LABELS desktop TIMEOUT 120
        WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
endforeach()
