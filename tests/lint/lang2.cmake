# Lint in Russian (II): the loader, the structure checker, round and workshop files and the files
# they name (game/core/loader.c, schema.c, round_load.c, workshop.c, game/content). Each case is
# linted in English and in Russian: the same diagnostics, places, rules and quoted names, the
# Russian in Russian, every word of catalogue_lint2.def said by some case; and the Russian of a
# few cases against the goldens of tests/lint/ru2, for a reviewer to read.
foreach(mode compare golden)
    add_test(NAME lint.lang2.${mode}
        COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/lint/lang2.py
                --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR} ${mode})
    set_tests_properties(lint.lang2.${mode} PROPERTIES LABELS "lint;workshop" TIMEOUT 120)
endforeach()
