# CPack: one package per OS from the same install() rules.
#   cmake --build <build> && cd <build> && cpack            (the OS's default generators)
#   cpack -G DEB | TGZ | NSIS | DragNDrop                     (one of them)
# The per-OS settings live in installers/<os>/Packaging.cmake.

set(CPACK_PACKAGE_NAME deskbreak)
set(CPACK_PACKAGE_VENDOR "The deskbreak developers")
set(CPACK_PACKAGE_CONTACT "The deskbreak developers <deskbreak@example.invalid>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_HOMEPAGE_URL ${PROJECT_HOMEPAGE_URL})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "reminds you to take short stretching breaks from sitting")
# Wrapped below 80 columns: the Debian control file shows it as is.
set(CPACK_PACKAGE_DESCRIPTION [=[
deskbreak lives in the system tray and counts how long you have been
sitting at the computer. After an hour or two without a pause it reminds
you to take a three-minute desk break, and then guides you through a few
stretches step by step, with a countdown and a picture for each.

Reading without touching the mouse still counts as sitting; walking away,
locking the screen or suspending counts as a break. Reminders can be
snoozed or skipped, paused for a while or kept to working hours. It keeps
daily statistics, is set up through one commented TOML file, and has a
command line for everything.]=])
set(CPACK_PACKAGE_INSTALL_DIRECTORY deskbreak)
set(CPACK_STRIP_FILES ON)
# Values reach cpack exactly as written here (backslashes and quotes in NSIS code).
set(CPACK_VERBATIM_VARIABLES ON)
# Directories in the packages are 0755 whatever the umask of the build.
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

# The license as plain text, for the installers that show one (NSIS, DMG), taken
# from the Debian copyright file so that the text lives in one place.
file(READ ${CMAKE_CURRENT_LIST_DIR}/linux/copyright copyright)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/linux/copyright)
string(REGEX REPLACE ".*\nLicense: MIT\n" "\n" license "${copyright}")
string(REPLACE "\n .\n" "\n\n" license "${license}")
string(REPLACE "\n " "\n" license "${license}")
string(STRIP "${license}" license)
file(CONFIGURE OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/LICENSE.txt
     CONTENT "Copyright 2026 The deskbreak developers\n\nMIT License\n\n${license}\n" @ONLY)
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_CURRENT_BINARY_DIR}/LICENSE.txt)

# `make package_source`: the tree without build folders and version-control files.
set(CPACK_SOURCE_GENERATOR TGZ)
set(CPACK_SOURCE_PACKAGE_FILE_NAME deskbreak-${PROJECT_VERSION})
set(CPACK_SOURCE_IGNORE_FILES "/\\.git/" "/build[^/]*/" "/\\.cache/" "\\.swp$")

if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
    include(${CMAKE_CURRENT_LIST_DIR}/linux/Packaging.cmake)
elseif(WIN32)
    include(${CMAKE_CURRENT_LIST_DIR}/windows/Packaging.cmake)
elseif(APPLE)
    include(${CMAKE_CURRENT_LIST_DIR}/macos/Packaging.cmake)
endif()

include(CPack)
