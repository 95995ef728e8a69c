# the desktop's layout at every text size: the conversation at 75-200% text in 1280 x 720 and
# 800 x 500 windows (the customer's latest line, the timer, the replies' numbers in view, a
# third of the height for the transcript, no text over text, the free-text box and its Send
# button), the reply under the pointer and a reply taken back; from the program's own layout
# trace (FRONTLINE_TRACE=layout) and from screenshots, in English and in Russian.
foreach(lang en ru)
    add_test(NAME desktop.layout.${lang}
        COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/desktop/layout.py
                --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR} --lang ${lang}
                --artefacts ${CMAKE_CURRENT_BINARY_DIR}/artefacts/layout/${lang})
    set_tests_properties(desktop.layout.${lang} PROPERTIES LABELS desktop TIMEOUT 600
        WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
endforeach()
