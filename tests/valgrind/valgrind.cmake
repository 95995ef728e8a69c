# Issue 16: the headless commands run clean under valgrind memcheck (tests/valgrind/memcheck.py):
# lint (clean and broken files, English and Russian), play --script (choices, typed replies, a
# Russian scenario, a stress round), play --text from a pipe (a whole session with a take-back,
# input that ends early, typed words), explore (text, JSON, --script best --through), report as
# CSV (and --rounds, Russian), JSON, xAPI and HTML, and import (twice) on a small store. Any
# memcheck error or definite/indirect leak fails the part, with the first report's stack in
# the test's output; tests/valgrind/frontline.supp holds the suppressions (each explained).
#
# Only on the normal build: valgrind cannot run a binary built with AddressSanitizer (both
# replace malloc and ASan reserves the shadow memory valgrind needs), and the sanitizer pass
# checks the same paths its own way. Label `valgrind`: `ctest -L valgrind` runs just these
# (about 2-3 minutes on a 2-core machine, the parts in parallel with -j2).
if(NOT FL_SANITIZE)
    foreach(part lint play_script play_text explore report_csv report_json report_xapi
                 report_html import)
        add_test(NAME valgrind.${part}
            COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/valgrind/memcheck.py
                    --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR}
                    --only ${part} check)
        set_tests_properties(valgrind.${part} PROPERTIES LABELS valgrind TIMEOUT 600)
    endforeach()
endif()
