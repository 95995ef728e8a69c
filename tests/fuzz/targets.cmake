# The fuzz targets, by name (tests/fuzz/fuzz_NAME.c builds fuzz_NAME): included by
# tests/fuzz/CMakeLists.txt, which builds them, and by tests/fuzz/fuzz.cmake, which registers
# their tests, so both agree whichever is read first.
#
# Four targets call functions other parts of issue 16 add; each is there once its header
# declares the function (the header is a configure dependency: cmake runs again when it changes).
get_filename_component(FL_FUZZ_ROOT ${CMAKE_CURRENT_LIST_DIR}/../.. ABSOLUTE)

set(FL_FUZZ_NAMES scenario round workshop expr route lexicon numbers iso8601)

# fl_fuzz_declares(NAME HEADER SYMBOL): adds NAME when HEADER declares SYMBOL(.
function(fl_fuzz_declares name header symbol)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${header})
    if(NOT EXISTS ${header})
        return()
    endif()
    file(READ ${header} text)
    string(FIND "${text}" "${symbol}(" at)
    if(at GREATER -1)
        set(FL_FUZZ_NAMES ${FL_FUZZ_NAMES} ${name} PARENT_SCOPE)
    endif()
endfunction()

fl_fuzz_declares(import ${FL_FUZZ_ROOT}/game/store/record.h fl_import_check_memory)
fl_fuzz_declares(settings ${FL_FUZZ_ROOT}/game/ui/ui.h fl_settings_parse)
fl_fuzz_declares(play_script ${FL_FUZZ_ROOT}/tools/play.h fl_play_script_check)
fl_fuzz_declares(report_args ${FL_FUZZ_ROOT}/tools/report.h fl_report_check_args)
