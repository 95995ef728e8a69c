# Fails when the core library (LIB) refers to a symbol the core must never use: anything of
# SDL, PortAudio, SQLite or espeak, or a clock or random source (time and randomness are passed
# in, which is what makes scores reproducible).
execute_process(COMMAND nm -u --format=just-symbols ${LIB} OUTPUT_VARIABLE undefined RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "nm failed on ${LIB}")
endif()
string(REPLACE "\n" ";" symbols "${undefined}")
set(bad "")
foreach(sym ${symbols})
    if(sym MATCHES "^(SDL_|TTF_|Pa_|sqlite3_|espeak_)" OR
       sym MATCHES "^(time|clock|clock_gettime|gettimeofday|rand|srand|random|srandom|rand_r|drand48|getrandom|arc4random)$")
        list(APPEND bad ${sym})
    endif()
endforeach()
if(bad)
    message(FATAL_ERROR "game/core uses forbidden symbols: ${bad}")
endif()
list(LENGTH symbols n)
message(STATUS "core purity: ${n} undefined symbols checked, none forbidden")
