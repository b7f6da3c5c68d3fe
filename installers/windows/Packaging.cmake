# CPack on Windows: an NSIS installer (CPack's own NSIS template; needs NSIS 3.03+).
# NOT YET VERIFIED: written against CMake's CPack NSIS documentation and NSIS's
# reference, never built or run. See installers/windows/README.md.
#
# What it does: installs into C:\Program Files\deskbreak, adds a Start-menu entry and
# an uninstaller, and offers one optional component, "Start deskbreak when I log in",
# which writes HKCU\Software\Microsoft\Windows\CurrentVersion\Run\deskbreak: the same
# value deskbreak's own autostart toggle (src/platform/windows/RunKeyAutostart) uses.
# The uninstaller deletes that value.
#
# NSIS code below is written with CPACK_VERBATIM_VARIABLES on (installers/Packaging.cmake),
# so one CMake-escaped backslash ("\\") reaches NSIS as one backslash.
include(CPackComponent)

set(CPACK_GENERATOR NSIS)
set(CPACK_PACKAGE_INSTALL_REGISTRY_KEY deskbreak)
set(CPACK_NSIS_PACKAGE_NAME "deskbreak ${PROJECT_VERSION}")
set(CPACK_NSIS_DISPLAY_NAME deskbreak)
set(CPACK_NSIS_INSTALL_ROOT "$PROGRAMFILES64")
set(CPACK_NSIS_URL_INFO_ABOUT ${PROJECT_HOMEPAGE_URL})
set(CPACK_NSIS_HELP_LINK ${PROJECT_HOMEPAGE_URL})
set(CPACK_NSIS_CONTACT "${CPACK_PACKAGE_CONTACT}")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MANIFEST_DPI_AWARE ON)
# MIT asks for no agreement; the text is installed with the program instead.
set(CPACK_NSIS_IGNORE_LICENSE_PAGE ON)
# deskbreak runs per user and starts from the Start menu or at login; not from the
# elevated installer, which would start it with administrator rights.
unset(CPACK_NSIS_MUI_FINISHPAGE_RUN)

set(icon ${CMAKE_CURRENT_BINARY_DIR}/windows/${DESKBREAK_APP_ID}.ico)
file(TO_NATIVE_PATH "${icon}" icon)
set(CPACK_NSIS_MUI_ICON "${icon}")
set(CPACK_NSIS_MUI_UNIICON "${icon}")
set(CPACK_NSIS_INSTALLED_ICON_NAME "share\\icons\\${DESKBREAK_APP_ID}.ico")

# The Start-menu entry, with the app icon (CPACK_PACKAGE_EXECUTABLES would make one
# without it, since deskbreak.exe carries no icon resource).
set(CPACK_NSIS_CREATE_ICONS_EXTRA [=[
  CreateShortCut "$SMPROGRAMS\$STARTMENU_FOLDER\deskbreak.lnk" "$INSTDIR\bin\deskbreak.exe" "" "$INSTDIR\share\icons\org.deskbreak.deskbreak.ico"
]=])
set(CPACK_NSIS_DELETE_ICONS_EXTRA [=[
  Delete "$SMPROGRAMS\$MUI_TEMP\deskbreak.lnk"
]=])

# Components: the program and the login entry (ticked by default). install() rules
# without a COMPONENT, all of src/ and the content, are CMake's "Unspecified", which
# CPack makes a hidden, required section of its own.
set(CPACK_COMPONENTS_ALL Unspecified autostart)
cpack_add_component(autostart
    DISPLAY_NAME "Start deskbreak when I log in"
    DESCRIPTION "Adds deskbreak to your sign-in programs (HKCU Run key). Change it later in the tray menu or with: deskbreak autostart on|off."
    DEPENDS Unspecified)

# Runs at the end of the core section, after the component sections, so the section
# index ${autostart} is defined. Ticked: write the Run value. Unticked on a reinstall
# that had it ticked: delete it. Otherwise leave it alone, since the user may have set
# it from the tray menu since.
set(CPACK_NSIS_EXTRA_INSTALL_COMMANDS [=[
  SectionGetFlags ${autostart} $0
  IntOp $0 $0 & ${SF_SELECTED}
  IntCmp $0 ${SF_SELECTED} deskbreak_autostart_on
  IntCmp $autostart_was_installed 0 deskbreak_autostart_done
    DeleteRegValue HKCU "Software\Microsoft\Windows\CurrentVersion\Run" "deskbreak"
    Goto deskbreak_autostart_done
  deskbreak_autostart_on:
    WriteRegStr HKCU "Software\Microsoft\Windows\CurrentVersion\Run" "deskbreak" '"$INSTDIR\bin\deskbreak.exe"'
  deskbreak_autostart_done:
]=])

# Before the files go: ask a running deskbreak to quit (exit 3 = none was running),
# then remove the login entry whichever way it was made.
set(CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS [=[
  nsExec::Exec '"$INSTDIR\bin\deskbreak.exe" quit'
  Pop $0
  Sleep 1000
  DeleteRegValue HKCU "Software\Microsoft\Windows\CurrentVersion\Run" "deskbreak"
]=])
