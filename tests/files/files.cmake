# Issue 16: only regular files are read, never mapped, and nothing a file can be hangs or kills
# the program (game/core/readfile.c, the loader, game/content's folder scans).
#
# Also, elsewhere: unit.test_readfile (the reader: FIFO, folder, /dev/null, a UNIX socket, a
# sparse file over the limit, ENOENT, out of memory, each under a deadline) and
# unit.test_loader_threads (loads on five threads at once get their own diagnostics); the core
# purity test (core.purity) fails on any file call in the core outside readfile.c.

# FIFOs, devices and sockets given to lint (as a file, in a folder), play, explore, graph, in a
# round's folder and by path, in a workshop, and in the desktop's --scenarios folder: each part
# its own test, each program run under a timeout.
foreach(part lint lint-dir commands round workshop desktop)
    add_test(NAME files.fifo.${part}
        COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/fifo.py
                --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR} --only ${part} check)
    set_tests_properties(files.fifo.${part} PROPERTIES LABELS files TIMEOUT 180)
endforeach()

# An editor rewriting a 10 MB scenario while lint loads it, 150 times: no run dies by a signal
# (SIGBUS killed 10-56 of 150 when the loader mapped the file). About a minute on the 2-core
# machine; slow under the sanitizers, so labelled slow (the first pass runs it).
add_test(NAME files.rewrite
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/rewrite.py
            --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR})
set_tests_properties(files.rewrite PROPERTIES LABELS "files;slow" TIMEOUT 900)

# The avatar's file, checked outside the core (it opens no file): missing, there, a FIFO (which
# the old fopen() in the core waited on forever); lint, explore and play say the same warning.
add_test(NAME files.avatar
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/avatar.py
            --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR})
set_tests_properties(files.avatar PROPERTIES LABELS files TIMEOUT 180)

# A scenario on one line (10 000 nodes, 700 KB) lints in under 10 s and reports the columns the
# multi-line file's arithmetic gives (the loader counted each column from the line's start).
add_test(NAME files.oneline
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/oneline.py
            --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR})
set_tests_properties(files.oneline PROPERTIES LABELS files TIMEOUT 180)

# F4: libxml2's message cut inside a Cyrillic character: lint prints valid UTF-8 on one line and
# lint --format json keeps the message.
add_test(NAME files.cutmessage
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/cutmessage.py
            --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR})
set_tests_properties(files.cutmessage PROPERTIES LABELS files TIMEOUT 60)
