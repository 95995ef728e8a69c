# Issue 16: scenario size and session length bounded by the file size only, and the memory bound
# of the explorer (tests/bounds/run.py says what each part checks; tests/unit/test_bounds.c, found
# by the glob of tests/CMakeLists.txt, checks the same through the engine and the explorer's API).
# Under the sanitizers the resident memory is mostly shadow memory: the memory part then checks
# what the search counted (its JSON) and not the kernel's figure.
set(bounds_run ${CMAKE_CURRENT_SOURCE_DIR}/bounds/run.py)
set(bounds_flags)
if(FL_SANITIZE)
    set(bounds_flags --sanitized)
endif()
foreach(part chain loop memory usage signals)
    add_test(NAME bounds.${part}
        COMMAND ${Python3_EXECUTABLE} ${bounds_run} --frontline $<TARGET_FILE:frontline>
                --only ${part} ${bounds_flags})
    set_tests_properties(bounds.${part} PROPERTIES LABELS "bounds;explore" TIMEOUT 300)
endforeach()
