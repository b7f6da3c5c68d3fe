#pragma once

#include "platform/Autostart.h"
#include "platform/BackendReport.h"
#include "platform/CuePlayer.h"
#include "platform/HoldDetector.h"
#include "platform/IdleSource.h"
#include "platform/Notifier.h"
#include "platform/Opener.h"
#include "platform/Session.h"
#include "platform/SessionMonitor.h"

#include <QStringList>
#include <memory>
#include <optional>
#include <vector>

namespace deskbreak::platform {

// The one place that knows which backends exist. Each create*() tries them in
// order and keeps the first that works; the report names the choice and why each
// one before it was passed over.

// Input idle time, by session type: in a Wayland session GNOME's Mutter IdleMonitor,
// then ext-idle-notify-v1, then org_kde_kwin_idle, never X11 (Xwayland's idle counter
// misses native Wayland input); in an X11 session SYNC, then MIT-SCREEN-SAVER. Never
// nullptr: with none of them the user counts as always present (NoIdleSource).
std::unique_ptr<IdleSource> createIdleSource(const Session& session, BackendReport* report);

// The desktop's notification server, when it can show buttons; nullptr otherwise.
std::unique_ptr<Notifier> createNativeNotifier(BackendReport* report);

// Screen lock and unlock, sleep and resume (logind and the screen saver over D-Bus
// on Linux); nullptr when no backend works here, and `log` says why. On success
// `log` ends with the monitor's name(): the sources in use and what is missing.
std::unique_ptr<SessionMonitor> createSessionMonitor(QString* log, QString* whyNone = nullptr);

// What a session monitor made by createSessionMonitor() (or nullptr) offers: one
// report for lock and unlock, one for sleep and resume.
void describeSessionMonitor(const SessionMonitor* monitor, const QString& whyNone,
                            BackendReport* lock, BackendReport* sleep);

// How the tray icon reaches the user. `qtTrayAvailable` is what Qt's
// QSystemTrayIcon::isSystemTrayAvailable() says (the widgets layer knows it).
BackendReport describeTray(const Session& session, bool qtTrayAvailable);

// Whether the desktop's own movement break reminders are on (GNOME 48 and later);
// nullopt where the desktop has none, with the reason in `why`.
std::optional<bool> desktopBreakRemindersOn(QString* why);

// What can hold a due reminder here ([moment]): each detector this session can run, and
// one report per reason (camera, microphone, fullscreen, do-not-disturb) naming them, or
// why there is none. Detectors look at nothing until watched.
std::vector<std::unique_ptr<HoldDetector>> createHoldDetectors(const Session& session,
                                                               QList<BackendReport>* reports);

// The break's chimes and voice, from `soundDir`: the cue module beside the binary (on
// Linux, libcanberra and flite), loaded only when a break first asks for a cue.
// DESKBREAK_CUES_MODULE names another module file (tests). Never nullptr.
std::unique_ptr<CuePlayer> createCuePlayer(const QString& soundDir);

// This system's way of starting deskbreak at login; `configHome` is where the
// user's config lives (XDG_CONFIG_HOME on Linux), `home` the user's home.
std::unique_ptr<Autostart> createAutostart(const QString& configHome, const QString& home);

// How "Open config" opens a file or folder here (xdg-open on Linux).
std::unique_ptr<Opener> createOpener();

} // namespace deskbreak::platform
