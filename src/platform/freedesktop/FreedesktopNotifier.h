#pragma once

#include "platform/Notifier.h"

#include <QDBusConnection>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

class QDBusPendingCallWatcher;
class QDBusServiceWatcher;

namespace deskbreak::platform {

// The reminder as a desktop notification (org.freedesktop.Notifications on the
// session bus): one resident notification with "Start break", "Snooze" and "Skip"
// actions, shown until the user answers or the daemon takes it down.
//
// Nothing here blocks the event loop except create(), which probes the server
// for at most two seconds. A server that restarts (a new id space) is handled:
// ids the notifier does not know are ignored, and a reminder that was up is shown
// again on the new server.
class FreedesktopNotifier : public Notifier {
    Q_OBJECT
public:
    // nullptr and a one-line reason in `whyNot` (if given) when there is no session
    // bus, no notification server, or a server that cannot show actions.
    static std::unique_ptr<FreedesktopNotifier> create(QString* whyNot);
    // Takes down a reminder that is still shown: its buttons would reach nobody.
    ~FreedesktopNotifier() override;

    QString name() const override;
    void showReminder(const Reminder& reminder) override;
    void closeReminder() override;
    void showMessage(const QString& title, const QString& body) override;

    // What the server said in GetCapabilities and GetServerInformation.
    QStringList capabilities() const { return m_capabilities; }
    QString serverName() const { return m_serverName; }

private Q_SLOTS:
    void onActionInvoked(uint id, const QString& actionKey);
    void onNotificationClosed(uint id, uint reason);
    void onServerOwnerChanged(const QString& service, const QString& oldOwner,
                              const QString& newOwner);

private:
    FreedesktopNotifier(const QDBusConnection& bus, QStringList capabilities, QString serverName,
                        QString serverVersion);

    void sendReminder();
    void onReminderNotifyFinished();
    void keepIfEarly(uint id, const QString& actionKey, uint closeReason);
    void sendClose(uint id);
    QString bodyText(const QString& body) const;

    QDBusConnection m_bus;
    QDBusServiceWatcher* m_serverWatcher = nullptr;
    QStringList m_capabilities;
    QString m_serverName;
    QString m_serverVersion;

    std::optional<Reminder> m_reminder; // the reminder that should be up, if any
    uint m_reminderId = 0;              // the server's id for it, once known (0: none)
    QDBusPendingCallWatcher* m_notifyInFlight = nullptr; // the reminder's Notify, until answered
    std::uint64_t m_notifyGeneration = 0;                // m_generation when it was sent
    bool m_resendAfterReply = false; // the reminder changed while Notify was in flight
    std::uint64_t m_generation = 0;  // bumped when the server changes owner

    // Signals for ids not known yet, kept while the reminder's Notify is in flight:
    // Qt can deliver a server's signal before the reply that carries its id.
    struct EarlySignal {
        uint id = 0;
        QString actionKey; // ActionInvoked; empty for NotificationClosed
        uint closeReason = 0;
    };
    std::vector<EarlySignal> m_earlySignals;
};

} // namespace deskbreak::platform
