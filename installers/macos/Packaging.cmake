# CPack on macOS: a DMG with deskbreak.app and a link to /Applications (DragNDrop).
# NOT YET VERIFIED: written against CMake's CPack DragNDrop documentation, never run.
# See installers/macos/README.md.
set(CPACK_GENERATOR DragNDrop)
set(CPACK_DMG_VOLUME_NAME deskbreak)
set(CPACK_DMG_FORMAT UDZO)
set(CPACK_DMG_FILESYSTEM APFS)
set(CPACK_PACKAGE_FILE_NAME deskbreak-${PROJECT_VERSION}-macos)
# Moves the bundle and its content into shape and runs macdeployqt (macos/CMakeLists.txt).
if(DESKBREAK_MACOS_BUNDLE)
    set(CPACK_PRE_BUILD_SCRIPTS ${CMAKE_CURRENT_BINARY_DIR}/macos/relocate-bundle.cmake)
endif()
