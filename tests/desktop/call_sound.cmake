# the call's sound on the desktop (tests/desktop/call_sound.py, game/ui/sound.c): the real
# program under Xvfb driven by xdotool, the null audio back end logging what would be heard.
#   cues   the ring, the chime and each customer line said in its language, voice and emotion,
#          five ticks in the last five seconds of a reply left to run out, the ambience;
#   clock  the reply clock starts once the line has been said (FRONTLINE_AUDIO_SPEAK_MS), at
#          once with the voice off;
#   round  a stress round: a ring per customer, the ambience following the queue, the hang-up
#          tone per customer lost, silence on the results;
#   round_aloud  a round's reply read aloud: the other calls go on, the round's results show the
#          voice figure;
#   aloud  "say it aloud" (FRONTLINE_METER_FIGURES): the panel's layout at 100% and at 200% in
#          800 x 500, the customer waiting while the trainee reads, the figures in the store.
foreach(part cues clock round round_aloud aloud)
    foreach(lang en ru)
        add_test(NAME desktop.call_sound.${part}.${lang}
            COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/desktop/call_sound.py
                    --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR}
                    --lang ${lang} --part ${part}
                    --artefacts ${CMAKE_CURRENT_BINARY_DIR}/artefacts/call_sound/${lang}/${part})
        set_tests_properties(desktop.call_sound.${part}.${lang} PROPERTIES LABELS desktop
            TIMEOUT 120 WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
    endforeach()
endforeach()
