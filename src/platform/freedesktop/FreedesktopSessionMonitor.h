#pragma once

#include "platform/SessionMonitor.h"

#include <QDBusConnection>
#include <QDeadlineTimer>
#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVariantMap>
#include <cstdint>
#include <memory>

class QDBusMessage;

namespace deskbreak::platform {

// Lock, unlock, sleep and resume as a freedesktop desktop reports them, from two
// independent sources:
//  - logind on the system bus: org.freedesktop.login1.Manager's PrepareForSleep(bool)
//    for sleep and resume, and the Lock/Unlock signals and the LockedHint property of
//    this process's login session (GetSessionByPID, else GetSession("auto"));
//  - the screen saver on the session bus: ActiveChanged(bool) of
//    org.freedesktop.ScreenSaver (at /org/freedesktop/ScreenSaver and at /ScreenSaver:
//    desktops differ) and of org.gnome.ScreenSaver (what GNOME Shell emits).
// Signals are followed only from the current owner of each well-known name, and
// services that start, stop or restart later are picked up.
//
// Several sources may report the same event (logind's Lock, then the locker's
// ActiveChanged and LockedHint): the monitor keeps one state, so locked()/unlocked()
// and goingToSleep()/resumed() are emitted on changes only. Any source may end a
// lock: logind's Lock is a request that has no matching Unlock when the user
// unlocks at the locker itself.
//
// The state at start is read too, without blocking: the session's LockedHint (again
// whenever logind names our session anew) and GetActive() of each screen saver that
// runs (again whenever one appears). Any of them saying "locked" gives locked() from
// the event loop, after create() has returned; a read saying "not locked" ends no
// lock, and an answer is dropped if a lock or unlock signal came in after it was
// asked for, or its source has gone or been replaced since.
class FreedesktopSessionMonitor : public SessionMonitor {
    Q_OBJECT
public:
    // nullptr and a one-line reason in `whyNot` (if given) when neither the system
    // bus nor the session bus connects. Otherwise blocks for at most about a second
    // in all: the bus daemons say which services run, logind which session is ours.
    static std::unique_ptr<FreedesktopSessionMonitor> create(QString* whyNot);

    // The sources in use ("logind + screensaver", "logind only", "screensaver only"),
    // then, in parentheses, what is missing right now, if anything: e.g.
    // "logind + screensaver (logind not running; no screensaver service)".
    QString name() const override;

    // The logind session whose Lock/Unlock/LockedHint are followed; empty while unknown.
    QString sessionPath() const { return m_sessionPath; }
    // Whether the screen is locked, as far as the signals and reads so far tell.
    bool isLocked() const { return m_locked; }
    bool isAsleep() const { return m_asleep; }
    bool logindRunning() const { return m_logindRunning; }
    // The screen saver services that have an owner right now (well-known names).
    QStringList screenSaverServices() const { return m_screenSaversRunning.values(); }

private Q_SLOTS:
    void onPrepareForSleep(bool start);
    void onSessionLock();
    void onSessionUnlock();
    void onSessionPropertiesChanged(const QString& interface, const QVariantMap& changed,
                                    const QStringList& invalidated);
    void onScreenSaverActiveChanged(bool active);
    void onLogindOwnerChanged(const QString& service, const QString& oldOwner,
                              const QString& newOwner);
    void onScreenSaverOwnerChanged(const QString& service, const QString& oldOwner,
                                   const QString& newOwner);

private:
    FreedesktopSessionMonitor(const QDBusConnection& system, QString systemError,
                              const QDBusConnection& session, QString sessionError);

    // What create() learns synchronously, within `deadline`.
    void probe(const QDeadlineTimer& deadline);
    void resolveSessionAsync();
    void resolveSessionByAutoAsync(std::uint64_t generation);
    void applySessionReply(const QDBusMessage& reply);
    void followSession(const QString& path);
    // Properties.Get of LockedHint; `mayUnlock`: a "false" answer ends a lock too.
    void readLockedHint(bool mayUnlock);
    void readScreenSaverActive(const QString& service);
    // A lock or unlock signal from any source: counted so that older reads yield to it.
    void lockSignal(bool nowLocked, const char* source);
    void setLocked(bool nowLocked, const char* source);

    QDBusConnection m_system;
    QDBusConnection m_session;
    QString m_systemError;  // why the system bus did not connect
    QString m_sessionError; // why the session bus did not connect

    bool m_logindRunning = false;
    QString m_sessionPath;
    QString m_sessionLookupError;          // why no session is known, once asked
    std::uint64_t m_sessionGeneration = 0; // bumped to drop answers of earlier lookups
    QSet<QString> m_screenSaversRunning;   // well-known names that have an owner
    // Bumped when a screen saver name changes owner: drops answers of the former one.
    QHash<QString, std::uint64_t> m_screenSaverGeneration;
    std::uint64_t m_lockSignals = 0; // lock and unlock signals received so far

    bool m_locked = false;
    bool m_asleep = false;
};

} // namespace deskbreak::platform
