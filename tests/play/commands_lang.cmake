# Issue 15 (H6): every command speaks the user's language (--help, usage errors, messages,
# explore's report) and `play --text` reads a file or a pipe as answers: no "Press Enter"
# pause, the first line is the first answer, input that ends early exits 1 naming the node, a
# golden path given as a here-document scores as `play --script` does; from a real
# pseudo-terminal the pause stays. Each process pins LANG and XDG_CONFIG_HOME itself.
add_test(NAME play.commands_lang
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/play/commands_lang.py
            --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR})
set_tests_properties(play.commands_lang PROPERTIES LABELS play TIMEOUT 120)
