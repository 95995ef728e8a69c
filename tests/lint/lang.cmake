# Lint in the user's language (tests/lint/lang.py): every broken file of tests/lint and the
# extra cases of tests/lint/cases (did-you-mean, conditions), linted in English and in Russian,
# must agree (the same diagnostics at the same places, the same rule ids, every Russian message
# translated and quoting the same names; the language setting wins over the locale); then the
# Russian goldens of tests/lint/ru and the English ones of tests/lint/cases, byte for byte. The
# words themselves are checked by tests/unit/test_lint_lang.c and test_catalogue.c.
file(GLOB FL_LINT_LANG_CASES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/lint/*.xml
     ${CMAKE_CURRENT_SOURCE_DIR}/lint/cases/*.xml)
foreach(case ${FL_LINT_LANG_CASES})
    get_filename_component(name ${case} NAME_WE)
    add_test(NAME lint.lang.${name}
        COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/lint/lang.py
                --frontline $<TARGET_FILE:frontline> compare ${case})
    set_tests_properties(lint.lang.${name} PROPERTIES LABELS lint TIMEOUT 60)
endforeach()

add_test(NAME lint.lang.golden
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/lint/lang.py
            --frontline $<TARGET_FILE:frontline> golden)
set_tests_properties(lint.lang.golden PROPERTIES LABELS lint TIMEOUT 60)
