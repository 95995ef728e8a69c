# report's and import's options from one table (tools/opts.c): did-you-mean, missing and empty
# values, their own value checks, --help listing the table, in English and Russian.
add_test(NAME opts.report_import
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/opts/report_import.py
            --frontline $<TARGET_FILE:frontline>)
set_tests_properties(opts.report_import PROPERTIES LABELS "opts" TIMEOUT 120)
