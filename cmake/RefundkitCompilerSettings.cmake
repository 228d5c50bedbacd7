# Settings shared by every target we build (not imposed on consumers).

if(REFUNDKIT_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

# Our own targets build warning-free: warnings are errors (when we are the top-level project).
function(refundkit_target_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic
                                           $<$<BOOL:${REFUNDKIT_WARNINGS_AS_ERRORS}>:-Werror>)
endfunction()
