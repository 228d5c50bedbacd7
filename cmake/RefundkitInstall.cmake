include(CMakePackageConfigHelpers)

set(REFUNDKIT_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/refundkit")

install(TARGETS refundkit EXPORT refundkitTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY include/refundkit DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.hpp" PATTERN "testing" EXCLUDE)
install(FILES "${PROJECT_BINARY_DIR}/include/refundkit/version.hpp"
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/refundkit)

install(EXPORT refundkitTargets NAMESPACE refundkit:: DESTINATION ${REFUNDKIT_CMAKE_DIR})
configure_package_config_file(cmake/refundkitConfig.cmake.in
                              "${PROJECT_BINARY_DIR}/refundkitConfig.cmake"
                              INSTALL_DESTINATION ${REFUNDKIT_CMAKE_DIR})
write_basic_package_version_file("${PROJECT_BINARY_DIR}/refundkitConfigVersion.cmake"
                                 COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/refundkitConfig.cmake"
              "${PROJECT_BINARY_DIR}/refundkitConfigVersion.cmake"
        DESTINATION ${REFUNDKIT_CMAKE_DIR})
