# frontline play's options from one table (tools/play.c): --extension's values, did-you-mean,
# missing values, --help listing exactly the table's options, in en and ru.
add_test(NAME opts.play
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/opts/play.py
            --frontline $<TARGET_FILE:frontline> --source ${CMAKE_SOURCE_DIR})
set_tests_properties(opts.play PROPERTIES LABELS "opts;play" TIMEOUT 120)
