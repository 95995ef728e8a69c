# Options from one table (tools/opts.c): strict numbers, choices, did-you-mean, in en and ru.
add_test(NAME opts.table
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/opts/opts.py
            --frontline $<TARGET_FILE:frontline>)
set_tests_properties(opts.table PROPERTIES LABELS "opts" TIMEOUT 120)
