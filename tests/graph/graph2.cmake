# `frontline graph` as a picture (tests/graph/graph2.py): each arrow's colour by what the reply
# costs or earns, the legend in English and Russian, notes in labels and tooltips, the SVG and
# PNG drawn through Graphviz (pixels read with ImageMagick), a missing, failing or endless dot,
# a terminal as standard output, and a 1,000-node scenario. Included from tests/CMakeLists.txt,
# so paths are relative to this file. Needs Graphviz's dot and ImageMagick's convert.
find_package(Python3 REQUIRED COMPONENTS Interpreter)

foreach(name colours legend svg png nodot dotfail big)
    add_test(NAME graph.${name}
        COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/graph2.py
                --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR} ${name})
    set_tests_properties(graph.${name} PROPERTIES LABELS graph TIMEOUT 120)
endforeach()
