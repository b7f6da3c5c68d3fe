# CPack on Linux: a .deb for Debian 12 and derivatives, and a .tar.gz of the same tree
# (relocatable: bin/deskbreak finds its data in ../share/deskbreak).
# installers/linux/test-package.sh builds, installs, checks and removes the .deb.
set(CPACK_GENERATOR DEB TGZ)

set(CPACK_DEBIAN_PACKAGE_NAME deskbreak)
set(CPACK_DEBIAN_PACKAGE_RELEASE ${DESKBREAK_DEB_RELEASE})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# dpkg-shlibdeps reads the libraries the binary links (Qt Core, Gui, Widgets, DBus,
# Network, Sql and Svg, spdlog, fmt, toml++, libc, ...). What Qt loads at run time is
# invisible to it and listed by hand: the SQLite driver the history needs. (libqt6svg6,
# which also carries the SVG image and icon plugins, is linked, so shlibdeps finds it.)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Qt's Wayland plugin is loaded at run time too: without it the windows go through
# Xwayland, where a Wayland compositor may not raise them or give them the keyboard.
# The break's chimes and voice (the cue module in lib/deskbreak links libcanberra and
# flite, which shlibdeps finds) play through libcanberra's PulseAudio driver, a plugin it
# loads at run time: PulseAudio, or PipeWire through pipewire-pulse.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, qt6-wayland, libcanberra-pulse")
# A tray needs a host: GNOME shows one only with the AppIndicator extension.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "gnome-shell-extension-appindicator")

# The .deb's .desktop entry names its binary by absolute path, which KWin needs to grant
# it a restricted interface (see the entry); the relocatable .tar.gz keeps Exec=deskbreak.
set(CPACK_PRE_BUILD_SCRIPTS ${CMAKE_CURRENT_LIST_DIR}/desktop-exec.cmake)
set(CPACK_DESKBREAK_BINDIR ${CMAKE_INSTALL_BINDIR})
set(CPACK_DESKBREAK_DATADIR ${CMAKE_INSTALL_DATADIR})
