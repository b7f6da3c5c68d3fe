#pragma once

#include <QString>

namespace deskbreak::platform {

// Whether a StatusNotifierItem host (KDE's panel, GNOME's AppIndicator extension,
// waybar) is registered with org.kde.StatusNotifierWatcher on the session bus: the
// tray Qt uses on Wayland, and on X11 when such a watcher runs. False with a reason.
bool statusNotifierHostRegistered(QString* whyNot);

} // namespace deskbreak::platform
