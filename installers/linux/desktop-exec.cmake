# CPack pre-build script: in the .deb's staging tree, points the .desktop entry's Exec at
# the installed binary. KWin offers restricted Wayland interfaces to a program only when
# an application entry's Exec is its absolute path (matched against /proc/PID/exe). The
# source entry keeps Exec=deskbreak, right for any prefix found through PATH.
if(NOT CPACK_GENERATOR STREQUAL "DEB")
    return()
endif()
set(prefix "${CPACK_TEMPORARY_INSTALL_DIRECTORY}${CPACK_PACKAGING_INSTALL_PREFIX}")
set(entry_file "${prefix}/${CPACK_DESKBREAK_DATADIR}/applications/org.deskbreak.deskbreak.desktop")
if(NOT EXISTS "${entry_file}")
    message(FATAL_ERROR "desktop-exec.cmake: no .desktop entry at ${entry_file}")
endif()
file(READ "${entry_file}" entry)
set(exec "${CPACK_PACKAGING_INSTALL_PREFIX}/${CPACK_DESKBREAK_BINDIR}/deskbreak")
string(REGEX REPLACE "\nExec=deskbreak\n" "\nExec=${exec}\n" fixed "${entry}")
if(fixed STREQUAL entry)
    message(FATAL_ERROR "desktop-exec.cmake: no line Exec=deskbreak in ${entry_file}")
endif()
file(WRITE "${entry_file}" "${fixed}")
