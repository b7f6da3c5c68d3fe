#pragma once

#include "platform/Autostart.h"
#include "platform/IdleSource.h"
#include "platform/Notifier.h"
#include "platform/SessionMonitor.h"

#include <QStringList>
#include <memory>

namespace deskbreak::platform {

// The one place that knows which backends exist. Each create*() tries them in
// order and keeps the first that works; `log` gets one line naming the choice
// and why the ones before it were passed over.
std::unique_ptr<IdleSource> createIdleSource(QString* log);

// The desktop's notification server, when it can show buttons; nullptr otherwise.
std::unique_ptr<Notifier> createNativeNotifier(QString* log);

// Screen lock and unlock, sleep and resume (logind and the screen saver over D-Bus
// on Linux); nullptr when no backend works here, and `log` says why. On success
// `log` ends with the monitor's name(): the sources in use and what is missing.
std::unique_ptr<SessionMonitor> createSessionMonitor(QString* log);

// This system's way of starting deskbreak at login; `configHome` is where the
// user's config lives (XDG_CONFIG_HOME on Linux), `home` the user's home.
std::unique_ptr<Autostart> createAutostart(const QString& configHome, const QString& home);

} // namespace deskbreak::platform
