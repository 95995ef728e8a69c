# Hardening of the exports and the store's paths (issue 16, tests/report/hard_*.py).
# guard: `report -o` never writes over a results store (the store itself, a link to it, another
# spelling, its -wal/-journal, any SQLite file, stdout appended into it), even with --force, and
# the store's bytes stay the same; --db a FIFO, /dev/null, :memory:, a file: URI, a folder or a
# socket is refused at once by report, import and play, nothing made beside it.
# kill: SIGKILL of real xAPI and HTML exports of 3,000 sessions while they write, in both ways
# of writing (O_TMPFILE, and the named temporary): the target is always the earlier export,
# nothing left behind after the next run; a PDF export killed while Chromium prints; a full
# 256 KiB tmpfs is reported (~90 s; ~2 min under ASan, where it passes too).
# text: CSV cells starting with a space, a line break, a tab or a full-width = + - @ are
# neutralised (csv module, LibreOffice with formulas on); text that is not UTF-8 in a store
# exports repaired in every format and the JSON imports with every session.
foreach(name guard kill text)
    add_test(NAME report.hard_${name}
        COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/report/hard_${name}.py
                --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR})
    set_tests_properties(report.hard_${name} PROPERTIES LABELS "report;hard" TIMEOUT 600
        WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
endforeach()
# SIGKILLs of whole exports (about two minutes under ASan): process-level behaviour, run in the
# normal pass; the sanitizer pass keeps the guard and the text checks.
set_tests_properties(report.hard_kill PROPERTIES LABELS "report;hard;slow")
