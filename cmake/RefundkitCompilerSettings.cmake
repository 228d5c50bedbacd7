# Settings shared by every target we build (not imposed on consumers).

option(REFUNDKIT_SANITIZE_THREAD "Build everything with ThreadSanitizer" OFF)

if((REFUNDKIT_SANITIZE OR REFUNDKIT_BUILD_FUZZERS) AND REFUNDKIT_SANITIZE_THREAD)
  message(FATAL_ERROR "ThreadSanitizer cannot be combined with AddressSanitizer "
                      "(REFUNDKIT_SANITIZE, REFUNDKIT_BUILD_FUZZERS): use separate build trees")
endif()

if(REFUNDKIT_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

# libFuzzer: every target (the library included) gets coverage instrumentation, ASan and UBSan;
# only the fuzz executables link libFuzzer's main (-fsanitize=fuzzer, see fuzz/CMakeLists.txt).
# Debian's clang 14 finds the runtime in libclang-rt-14-dev.
if(REFUNDKIT_BUILD_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "REFUNDKIT_BUILD_FUZZERS needs clang++ (libFuzzer), not "
                        "${CMAKE_CXX_COMPILER_ID}: use the 'fuzz' preset")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

# ThreadSanitizer (the 'tsan' preset). Libraries from Debian (libcurl, cpp-httplib, GoogleTest)
# are not instrumented: tests/tsan.supp says what that costs and what is suppressed.
if(REFUNDKIT_SANITIZE_THREAD)
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()

# Our own targets build warning-free: warnings are errors (when we are the top-level project).
function(refundkit_target_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic
                                           $<$<BOOL:${REFUNDKIT_WARNINGS_AS_ERRORS}>:-Werror>)
endfunction()
