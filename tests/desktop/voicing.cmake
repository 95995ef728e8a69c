# Self-voicing and the desktop's sound settings (tests/desktop/voicing.py), with the null audio
# back end logging what it is asked to say (FRONTLINE_AUDIO=null, FRONTLINE_AUDIO_LOG):
#   desktop.voicing.LANG: the whole journey by ear and keyboard, sign-in to the review, the exact
#     spoken lines at each step, F2 repeating, Ctrl alone stopping (and Ctrl+1 not);
#   desktop.settings_sound.LANG: the settings' sound rows and the sound's state line at 100% and
#     200% text in 1280 x 720 and 800 x 500 (layout trace: nothing drawn over anything), "(no
#     microphone)" without an input and not with one, screenshots at 100/150/200%;
#   desktop.voice_panel.LANG: "say it aloud" with the tone meter's test figures
#     (FRONTLINE_METER_FIGURES): the results' Voice panel (its figures, the advice for shouting
#     and rushing, beside the score) and the review's figures at 100/150/200%, nothing drawn
#     over anything.
foreach(lang en ru)
    foreach(part voicing settings_sound voice_panel)
        add_test(NAME desktop.${part}.${lang}
            COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/desktop/voicing.py
                    --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR} --lang ${lang}
                    --part ${part}
                    --artefacts ${CMAKE_CURRENT_BINARY_DIR}/artefacts/${part}/${lang})
        set_tests_properties(desktop.${part}.${lang} PROPERTIES LABELS desktop TIMEOUT 120
            WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
    endforeach()
endforeach()
