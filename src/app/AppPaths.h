#pragma once

#include <QString>

namespace deskbreak::app {

// Where deskbreak keeps and finds its files (XDG on Linux, QStandardPaths elsewhere).
namespace paths {
// From now on every path below is inside `root` (config/, data/, state/, runtime/), none of
// the user's: the demo's private profile, or DESKBREAK_PROFILE to talk to it. Empty: XDG again.
void usePrivateProfile(const QString& root);
QString profileRoot();     // empty unless usePrivateProfile() set one
QString configHome();      // $XDG_CONFIG_HOME
QString configDir();       // $XDG_CONFIG_HOME/deskbreak
QString configFile();      // .../config.toml
QString userRoutinesDir(); // .../routines
QString dataDir();         // $XDG_DATA_HOME/deskbreak (history)
QString stateDir();        // $XDG_STATE_HOME/deskbreak (log, restart state)
QString runtimeDir();      // $XDG_RUNTIME_DIR (socket)
QString instanceLock();    // $XDG_RUNTIME_DIR/deskbreak.lock: held by the one running daemon
// The shipped content (exercises, routines, illustrations, default config): next to the
// binary (../share/deskbreak, in the build tree and installed), or DESKBREAK_DATA_DIR.
QString contentDir();

// The home folder every path above falls back on: $HOME when it is an absolute path other
// than "/", else the password database's entry for this user if that is an existing
// folder. Empty, with `error` set, when neither will do: nothing is then ever written
// under "/". main() sets $HOME to the result, so Qt and child processes agree.
QString resolveHome(QString* error);
// The choice itself, from the two sources (`passwdHome` empty: no entry).
QString chooseHome(const QString& envHome, const QString& passwdHome, bool passwdHomeExists,
                   QString* error);
} // namespace paths

} // namespace deskbreak::app
