# How to build the fuzz targets of the front ends' parsers (tools/ and game/ui): from the one
# file that holds the parser and what it calls, never from the whole program, so no SDL, audio or
# curl library is linked (SDL's headers are needed only because ui.h includes them).
# Included by tests/fuzz/CMakeLists.txt; each function is called once its target exists
# (targets.cmake).

if(NOT TARGET PkgConfig::SDL2)
    pkg_check_modules(SDL2 IMPORTED_TARGET sdl2)
endif()
if(NOT TARGET PkgConfig::SDL2_TTF)
    pkg_check_modules(SDL2_TTF IMPORTED_TARGET SDL2_ttf)
endif()

# settings.json: game/ui/settings.c alone.
function(fl_fuzz_tool_settings)
    fl_fuzz_target(settings SOURCES ${FL_ROOT}/game/ui/settings.c
        INCLUDES ${FL_ROOT}/game/ui ${FL_ROOT}/game/content ${FL_ROOT}/game/store ${FL_ROOT}/game
                 $<TARGET_PROPERTY:PkgConfig::SDL2,INTERFACE_INCLUDE_DIRECTORIES>
                 $<TARGET_PROPERTY:PkgConfig::SDL2_TTF,INTERFACE_INCLUDE_DIRECTORIES>
        LIBS fuzz_flstore)
    set(FL_FUZZ_TARGETS ${FL_FUZZ_TARGETS} PARENT_SCOPE)
endfunction()

# A command's file also holds the command itself, which reports usage errors through
# game/main.c's fl_usage_error; main.c cannot be linked (its main() is libFuzzer's), so
# fuzz_main.c gives that one function, aborting: the parsers never report a usage error that way.

# The content library (finding the files a round or a workshop names), instrumented like the
# core: play.c calls it.
function(fl_fuzz_content)
    if(NOT TARGET fuzz_flcontent)
        file(GLOB sources CONFIGURE_DEPENDS ${FL_ROOT}/game/content/*.c)
        add_library(fuzz_flcontent STATIC ${sources})
        target_include_directories(fuzz_flcontent PUBLIC ${FL_ROOT}/game/content)
        target_compile_options(fuzz_flcontent PRIVATE ${FL_FUZZ_CFLAGS})
        target_link_libraries(fuzz_flcontent PUBLIC fuzz_flcore)
    endif()
endfunction()

set(FL_FUZZ_TOOL_INCLUDES ${FL_ROOT}/tools ${FL_ROOT}/game ${FL_ROOT}/game/ui ${FL_ROOT}/game/content
    ${FL_ROOT}/game/store ${FL_ROOT}/game/audio
    $<TARGET_PROPERTY:PkgConfig::SDL2,INTERFACE_INCLUDE_DIRECTORIES>
    $<TARGET_PROPERTY:PkgConfig::SDL2_TTF,INTERFACE_INCLUDE_DIRECTORIES>)

# The command-line files and the settings reader, as a library: the linker takes from it only
# the files the parser reaches (a command's file also holds the command, which reaches more).
function(fl_fuzz_tools)
    fl_fuzz_content()
    if(NOT TARGET fuzz_fltools)
        file(GLOB sources CONFIGURE_DEPENDS ${FL_ROOT}/tools/*.c)
        add_library(fuzz_fltools STATIC ${sources} ${FL_ROOT}/game/ui/settings.c)
        target_include_directories(fuzz_fltools PRIVATE ${FL_FUZZ_TOOL_INCLUDES}
                                   ${LIBCURL_INCLUDE_DIRS})
        target_compile_definitions(fuzz_fltools PRIVATE FL_DATA_DIR="${FL_ROOT}")
        target_compile_options(fuzz_fltools PRIVATE ${FL_FUZZ_CFLAGS})
        target_link_libraries(fuzz_fltools PUBLIC fuzz_flcontent fuzz_flstore ${CMAKE_DL_LIBS} m)
    endif()
endfunction()

# play scripts: tools/play.c (fl_play_script_check) and what it calls.
function(fl_fuzz_tool_play_script)
    fl_fuzz_tools()
    fl_fuzz_target(play_script SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_main.c
        INCLUDES ${FL_FUZZ_TOOL_INCLUDES} LIBS fuzz_fltools)
    set(FL_FUZZ_TARGETS ${FL_FUZZ_TARGETS} PARENT_SCOPE)
endfunction()

# report's arguments: tools/report.c (fl_report_check_args) and what it calls.
function(fl_fuzz_tool_report_args)
    fl_fuzz_tools()
    fl_fuzz_target(report_args SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_main.c
        INCLUDES ${FL_FUZZ_TOOL_INCLUDES} LIBS fuzz_fltools)
    set(FL_FUZZ_TARGETS ${FL_FUZZ_TARGETS} PARENT_SCOPE)
endfunction()
