# Fails when the core library (LIB) refers to a symbol the core must never use:
#   - anything of SDL, PortAudio, SQLite or espeak, or a clock or random source (time and
#     randomness are passed in, which is what makes scores reproducible);
#   - file access (issue 16: the core opens no file): open, fopen, opendir, stat, mmap, ...,
#     in any object but readfile.c's, the loader's one reader (game/core/readfile.h), which
#     opens only regular files, without blocking, and reads them (never maps them).
# Each object of the archive is checked on its own (nm -A names the object of every symbol),
# so a file call added anywhere in the core fails here with the object's name.
#
# One exception, by symbol and object: arena.c and explore.c map anonymous memory (mmap with
# MAP_ANONYMOUS and fd -1: large blocks pre-faulted in one go), which is memory, not a file.
execute_process(COMMAND nm -A -u ${LIB} OUTPUT_VARIABLE undefined RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "nm failed on ${LIB}")
endif()
string(REPLACE "\n" ";" lines "${undefined}")
set(file_calls "open|openat|open64|openat64|fopen|fopen64|freopen|freopen64|opendir|fdopendir|scandir|mmap|mmap64|stat|stat64|lstat|lstat64|fstat|fstat64|fstatat|fstatat64|__xstat|__xstat64|__lxstat|__lxstat64|__fxstat|__fxstat64|__fxstatat|__fxstatat64|access|faccessat|creat|creat64|unlink|unlinkat|rename|renameat|truncate|truncate64|ftruncate|popen|socket|dlopen|__open_2|__open64_2|__openat_2")
set(bad "")
set(n 0)
foreach(line ${lines})
    # "…/libflcore.a:loader.c.o:                 U open" (the archive, the object, the symbol)
    if(NOT line MATCHES "^(.*):([^:]+\\.o): +U ([^ ]+)$")
        continue()
    endif()
    set(obj "${CMAKE_MATCH_2}")
    set(sym "${CMAKE_MATCH_3}")
    string(REGEX REPLACE "@.*$" "" sym "${sym}")
    math(EXPR n "${n} + 1")
    if(sym MATCHES "^(SDL_|TTF_|Pa_|sqlite3_|espeak_)" OR
       sym MATCHES "^(time|clock|clock_gettime|gettimeofday|rand|srand|random|srandom|rand_r|drand48|getrandom|arc4random)$")
        list(APPEND bad "${obj}:${sym}")
    elseif(sym MATCHES "^(${file_calls})$")
        if(obj MATCHES "^readfile\\.c\\.o$")
            # the one reader
        elseif(sym MATCHES "^mmap(64)?$" AND obj MATCHES "^(arena|explore)\\.c\\.o$")
            # anonymous memory, see above
        else()
            list(APPEND bad "${obj}:${sym}")
        endif()
    endif()
endforeach()
if(n EQUAL 0)
    message(FATAL_ERROR "nm -A printed no undefined symbol of ${LIB}: the check would pass blind")
endif()
if(bad)
    message(FATAL_ERROR "game/core uses forbidden symbols (object:symbol): ${bad}\n"
            "The core reads files only through game/core/readfile.c and never reads a clock or "
            "a random source: pass these in from the front end.")
endif()
message(STATUS "core purity: ${n} undefined symbol references checked, none forbidden")
