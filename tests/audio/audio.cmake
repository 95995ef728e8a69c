# Sound through the real PortAudio path (issue 13): `frontline sound` plays into an ALSA `file`
# device and records from one (tests/audio/file-device.conf, made per test in a temporary
# directory), and tests/audio/audio.py measures the PCM: the cues' lengths, pitches and cadence
# as docs/audio.md gives them, a spoken line, two emotions' rate and pitch, the tone meter against
# sox and the text, and a machine with no sound device.
foreach(case cues speech emotions meter nodevice)
    add_test(NAME audio.${case}
        COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/audio/audio.py
                --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR} ${case})
    set_tests_properties(audio.${case} PROPERTIES LABELS audio TIMEOUT 60)
endforeach()
