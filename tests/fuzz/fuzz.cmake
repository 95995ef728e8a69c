# The fuzz targets' tests, label `fuzz`, in FL_FUZZ builds only (tests/fuzz/README.md):
#   fuzz.corpus           makes the seed corpora anew in BUILD/fuzz/seeds (make_corpus.py), a
#                         fixture
#   fuzz.TARGET           runs fuzz_TARGET on those seeds for FL_FUZZ_SECONDS (4: the twelve
#                         targets take about a minute together). The seeds, not the campaigns'
#                         growing corpus (BUILD/fuzz/corpus, campaign.sh), so the time a run
#                         spends reading its corpus stays the same.
#   fuzz.regress.TARGET   runs every input of tests/fuzz/regress/TARGET/ once, each within 10 s and
#                         512 MB: each was a finding (a crash, or a lexicon that took minutes)
# Included by tests/CMakeLists.txt (and by tests/fuzz/CMakeLists.txt when it is built alone).
if(NOT FL_FUZZ)
    return()
endif()

include(${CMAKE_CURRENT_LIST_DIR}/targets.cmake)
set(FL_FUZZ_SECONDS 4 CACHE STRING "seconds each fuzz target runs in CTest")
set(fl_fuzz_src ${CMAKE_CURRENT_LIST_DIR})
set(fl_fuzz_corpus ${CMAKE_BINARY_DIR}/fuzz/seeds)
set(fl_fuzz_found ${CMAKE_BINARY_DIR}/fuzz/found)

# Given a program (-DFL_FUZZ_FRONTLINE=PATH, such as the normal build's build/frontline), the
# corpus maker also plays into a throw-away store and exports it for the import target; without
# one the import target starts from the small exports committed in tests/fuzz/seeds/import/. The
# fuzz build need not build the program (fuzz_all builds the targets only).
set(FL_FUZZ_FRONTLINE "" CACHE FILEPATH "a frontline program for fuzz.corpus to make exports with")
set(fl_fuzz_program "")
if(FL_FUZZ_FRONTLINE)
    set(fl_fuzz_program --frontline ${FL_FUZZ_FRONTLINE})
endif()
add_test(NAME fuzz.corpus
    COMMAND ${Python3_EXECUTABLE} ${fl_fuzz_src}/make_corpus.py --root ${FL_FUZZ_ROOT}
            --out ${fl_fuzz_corpus} --clean ${fl_fuzz_program} ${FL_FUZZ_NAMES})
set_tests_properties(fuzz.corpus PROPERTIES LABELS fuzz TIMEOUT 180 FIXTURES_SETUP fuzz_corpus)

foreach(name ${FL_FUZZ_NAMES})
    set(dict "")
    if(name STREQUAL "scenario" OR name STREQUAL "round" OR name STREQUAL "workshop")
        set(dict -dict=${fl_fuzz_src}/xml.dict)
    elseif(name STREQUAL "expr" OR name STREQUAL "route")
        set(dict -dict=${fl_fuzz_src}/expr.dict)
    elseif(name STREQUAL "lexicon")
        set(dict -max_len=4096) # building a lexicon costs about 5 ms a KB
    endif()
    # A finding fails the test and is kept in build/fuzz/found/ (crash-*, leak-*, timeout-*):
    # copy it to tests/fuzz/regress/TARGET/ once understood.
    add_test(NAME fuzz.${name}
        COMMAND $<TARGET_FILE:fuzz_${name}> -max_total_time=${FL_FUZZ_SECONDS} -timeout=10
                -rss_limit_mb=2048 -print_final_stats=1 ${dict}
                -artifact_prefix=${fl_fuzz_found}/${name}- ${fl_fuzz_corpus}/${name})
    set_tests_properties(fuzz.${name} PROPERTIES LABELS fuzz TIMEOUT 120
        FIXTURES_REQUIRED fuzz_corpus
        ENVIRONMENT "UBSAN_OPTIONS=print_stacktrace=1;ASAN_OPTIONS=detect_leaks=1")

    file(GLOB inputs CONFIGURE_DEPENDS ${fl_fuzz_src}/regress/${name}/*)
    if(inputs)
        add_test(NAME fuzz.regress.${name}
            COMMAND $<TARGET_FILE:fuzz_${name}> -runs=1 -timeout=10 -rss_limit_mb=512 ${inputs})
        set_tests_properties(fuzz.regress.${name} PROPERTIES LABELS fuzz TIMEOUT 120
            ENVIRONMENT "UBSAN_OPTIONS=print_stacktrace=1;ASAN_OPTIONS=detect_leaks=1")
    endif()
endforeach()
# The found/ folder must exist for libFuzzer to write a finding into it.
file(MAKE_DIRECTORY ${fl_fuzz_found})
