#pragma once

#include <QString>

namespace deskbreak::app {

// Where deskbreak keeps and finds its files (XDG on Linux, QStandardPaths elsewhere).
namespace paths {
QString configHome();      // $XDG_CONFIG_HOME
QString configDir();       // $XDG_CONFIG_HOME/deskbreak
QString configFile();      // .../config.toml
QString userRoutinesDir(); // .../routines
QString dataDir();         // $XDG_DATA_HOME/deskbreak (history)
QString stateDir();        // $XDG_STATE_HOME/deskbreak (log, restart state)
QString runtimeDir();      // $XDG_RUNTIME_DIR (socket)
// The shipped content (exercises, routines, illustrations, default config): next to the
// binary (../share/deskbreak, in the build tree and installed), or DESKBREAK_DATA_DIR.
QString contentDir();
} // namespace paths

} // namespace deskbreak::app
