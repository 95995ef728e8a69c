# Issue 14, results schema 5: the workshop and the session of the day in the store, the records
# and every export (tests/store/schema5.py: a schema-4 store read as it is and upgraded in place,
# a workshop day on two laptops through `play --workshop`, a fallback file, filters, import);
# and the CSV ready for Excel in Russian (tests/report/csv_excel.py: the byte-order mark, ';',
# decimal commas and translated values by default with --lang ru or a Russian locale, --plain,
# both opened by LibreOffice).
add_test(NAME store.schema5
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/store/schema5.py
            --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR})
set_tests_properties(store.schema5 PROPERTIES LABELS store TIMEOUT 300)
add_test(NAME report.csv_excel
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/report/csv_excel.py
            --frontline $<TARGET_FILE:frontline> --root ${CMAKE_SOURCE_DIR})
set_tests_properties(report.csv_excel PROPERTIES LABELS report TIMEOUT 300
    WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
