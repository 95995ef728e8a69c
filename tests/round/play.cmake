# tests of stress rounds: play
#
# `frontline play --round`: the golden rounds (one bundled round per language, byte for byte and
# twice alike), the round and its calls in the store, the extension, bad scripts, and the
# terminal playing a round in real time (/N switching calls).
add_test(NAME round.play
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/round/play.py
            --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR} check)
set_tests_properties(round.play PROPERTIES LABELS play TIMEOUT 300)
