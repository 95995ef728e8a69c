# Option tables of lint, explore, graph, signals, workshop new and the desktop's command line:
# strict numbers, did-you-mean, missing values, --help against the tables, in en and ru.
add_test(NAME opts.commands
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/opts/commands.py
            --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR})
set_tests_properties(opts.commands PROPERTIES LABELS "opts" TIMEOUT 300)
