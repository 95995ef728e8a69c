# Counts, money and dates per language in real runs (tests/format/format.py): the findings of a
# Russian scenario played by `play --script` (1, 2, 5 and 21 of a thing; 2 250 ₽; €2,250), and
# the HTML report of stores with 1, 2, 5 and 21 trainees in English and Russian. The formatting
# itself, byte for byte, and the desktop's wrapping are tests/unit/test_format.c.
add_test(NAME format.findings
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/format/format.py
            --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR} --part findings)
set_tests_properties(format.findings PROPERTIES LABELS scoring TIMEOUT 60)
foreach(lang en ru)
    add_test(NAME format.report.${lang}
        COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/format/format.py
                --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR} --part report
                --lang ${lang})
    set_tests_properties(format.report.${lang} PROPERTIES LABELS report TIMEOUT 120)
endforeach()
# The desktop's briefing of a Russian scenario full of prices at 100/150/200% text (and in an
# 800 x 500 window): every price drawn whole on one line, no text over text; screenshots in
# artefacts/format/LANG (tests/format/briefing.py, under Xvfb). The sanitizer build looks at 200%
# only, as desktop/layout.cmake does.
if(FL_SANITIZE)
    set(FL_FORMAT_SIZES --sizes 200)
else()
    set(FL_FORMAT_SIZES "")
endif()
foreach(lang en ru)
    add_test(NAME format.briefing.${lang}
        COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/format/briefing.py
                --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR} --lang ${lang}
                --artefacts ${CMAKE_CURRENT_BINARY_DIR}/artefacts/format/${lang} ${FL_FORMAT_SIZES})
    set_tests_properties(format.briefing.${lang} PROPERTIES LABELS desktop TIMEOUT 180
        WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
endforeach()
