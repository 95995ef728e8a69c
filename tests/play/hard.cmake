# Issue 16 (helper "play"): the terminal's input lines, script numbers, names and typed text at
# the boundary. Real processes, a real pseudo-terminal, real SQLite stores, real CP1251 and
# KOI8-R locales made with localedef; every process has a timeout.
#   play.hard.lines   a 104 KiB piped line is one reply (cut at 1,023 bytes with a notice), a
#                     long line at a choice one bad answer, a too-long reply at a terminal asked
#                     again; workshop new's questions read whole lines
#   play.hard.script  strict @SECONDS (every bad form refused at LINE:COLUMN, exit 2), NUL and
#                     bad UTF-8 in a script, typed replies up to 1,023 bytes, 70,001 turns, a
#                     week of replies in all
#   play.hard.names   --trainee/--group/--session and workshop new's names: bad bytes, control
#                     characters, more than 80 characters refused; 80 stored and exported
#   play.hard.locale  replies typed on CP1251 and KOI8-R terminals stored and exported as UTF-8
foreach(name lines script names locale)
    add_test(NAME play.hard.${name}
        COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/play/hard_${name}.py
                --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR})
    set_tests_properties(play.hard.${name} PROPERTIES LABELS play TIMEOUT 300)
endforeach()

# unit.test_play_script: the script reader from memory (fl_play_script_check, the fuzz target's
# entry). The glob in tests/CMakeLists.txt links the libraries; the reader lives in tools/.
if(TARGET test_play_script)
    target_sources(test_play_script PRIVATE ${CMAKE_SOURCE_DIR}/tools/play_script.c
                                            ${CMAKE_SOURCE_DIR}/tools/lang.c)
    target_include_directories(test_play_script PRIVATE ${CMAKE_SOURCE_DIR}/tools)
    target_link_libraries(test_play_script PRIVATE PkgConfig::JANSSON)
endif()
