#pragma once

#include "platform/HoldDetector.h"
#include "platform/HoldLog.h"

#include <QDBusConnection>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantMap>
#include <cstdint>
#include <optional>

class QDBusMessage;
class QDBusServiceWatcher;
class QTimer;

namespace deskbreak::platform {

// A hold that one D-Bus property says: a notification server's do-not-disturb flag, the
// session manager's inhibitors. While watching it follows the property's
// PropertiesChanged, the signals a subclass names (which say it may have changed, without
// the value) and the service's owner: a server that leaves holds nothing, one that comes
// is asked. While not watching it has no match rule on the bus, no watcher and no timer.
//
// setWatching(true) asks once and waits for the answer at most kReadTimeoutMs; later reads
// are asynchronous, and an answer is dropped when a newer value came meanwhile. Calls never
// start a service (no D-Bus activation). A server without the property, or with it of
// another type, holds nothing; each such reason is logged once.
class DBusPropertyDetector : public HoldDetector {
    Q_OBJECT
public:
    ~DBusPropertyDetector() override;

    DBusPropertyDetector(const DBusPropertyDetector&) = delete;
    DBusPropertyDetector& operator=(const DBusPropertyDetector&) = delete;

    void setWatching(bool on) override;
    bool isWatching() const override { return m_watching; }
    bool active() const override { return m_active; }

    // The one synchronous read, in setWatching(true).
    static constexpr int kReadTimeoutMs = 500;
    // Later reads are asynchronous: this only bounds how long an answer is awaited.
    static constexpr int kAsyncTimeoutMs = 5000;

protected:
    struct Property {
        QString service;
        QString path;
        QString interface;
        QString name;
    };
    // A signal of the service's object that says the property may have changed.
    struct ChangeSignal {
        QString interface;
        QString name;
    };

    DBusPropertyDetector(const QDBusConnection& bus, Property property,
                         QList<ChangeSignal> changeSignals, QObject* parent);

    // Whether `value` (the property's, unwrapped) holds; nullopt, with the reason in
    // *why, when it is not of the property's type.
    virtual std::optional<bool> holds(const QVariant& value, QString* why) const = 0;

    // Also looks again every kLookIntervalMs while watching and held, should the end of
    // the hold come without a signal: a missed end would keep the reminder back for good.
    void setLooksAgainWhileHeld(bool on) { m_looksAgainWhileHeld = on; }

    const Property& property() const { return m_property; }

private Q_SLOTS:
    void onPropertiesChanged(const QString& interface, const QVariantMap& changed,
                             const QStringList& invalidated);
    void onChangeSignal(const QDBusMessage& message);
    void onOwnerChanged(const QString& service, const QString& oldOwner, const QString& newOwner);

private:
    QDBusMessage getCall() const;
    void subscribe();
    void unsubscribe();
    void readAsync();
    // Whether the answer to getCall() says the hold is on (false for any error).
    bool holdsIn(const QDBusMessage& reply);
    bool holdsValue(const QVariant& value);
    // Emits activeChanged() on a change; never called from setWatching().
    void setActive(bool on);
    void updateLookTimer();

    QDBusConnection m_bus;
    const Property m_property;
    const QList<ChangeSignal> m_changeSignals;
    bool m_watching = false;
    bool m_active = false;
    bool m_subscribed = false;
    bool m_looksAgainWhileHeld = false;
    // Bumped at each start, stop and owner change: answers asked for before are void.
    std::uint64_t m_generation = 0;
    // Bumped at each value a signal brought: an answer asked for before it is older.
    std::uint64_t m_valuesSeen = 0;
    QDBusServiceWatcher* m_ownerWatcher = nullptr; // only while watching
    QTimer* m_lookTimer = nullptr;
    ProblemLog m_problems;
};

} // namespace deskbreak::platform
