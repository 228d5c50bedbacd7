# Runs one libFuzzer target briefly for CTest: new inputs go to a fresh directory in the build
# tree (WORK_DIR/corpus), the seed corpus in the source tree is only read, crash artifacts land in
# WORK_DIR/artifacts. Any non-zero exit (crash, sanitizer report, leak, timeout, out-of-memory,
# violated property) fails the test.
#   cmake -D FUZZER=<exe> -D SEED_CORPUS=<dir> [-D DICTIONARY=<file>] -D WORK_DIR=<dir>
#         -D SECONDS=<n> -P run_fuzzer.cmake
foreach(variable FUZZER SEED_CORPUS WORK_DIR SECONDS)
  if(NOT DEFINED ${variable} OR "${${variable}}" STREQUAL "")
    message(FATAL_ERROR "run_fuzzer.cmake: ${variable} is not set")
  endif()
endforeach()
if(NOT IS_DIRECTORY "${SEED_CORPUS}")
  message(FATAL_ERROR "run_fuzzer.cmake: no seed corpus at ${SEED_CORPUS}")
endif()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}/corpus" "${WORK_DIR}/artifacts")

set(arguments -max_total_time=${SECONDS} -rss_limit_mb=2048 -timeout=10 -max_len=4096
              -print_final_stats=1 -artifact_prefix=${WORK_DIR}/artifacts/)
if(DICTIONARY)
  list(APPEND arguments -dict=${DICTIONARY})
endif()

execute_process(COMMAND "${FUZZER}" ${arguments} "${WORK_DIR}/corpus" "${SEED_CORPUS}"
                WORKING_DIRECTORY "${WORK_DIR}" RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  file(GLOB artifacts "${WORK_DIR}/artifacts/*")
  message(FATAL_ERROR "${FUZZER} failed (${result}); reproduce with: ${FUZZER} <artifact>\n"
                      "artifacts: ${artifacts}")
endif()
