#include "platform/freedesktop/DBusPropertyDetector.h"

#include <QDBusError>
#include <QDBusMessage>
#include <QDBusPendingCall>
#include <QDBusPendingCallWatcher>
#include <QDBusServiceWatcher>
#include <QDBusVariant>
#include <QLoggingCategory>
#include <QTimer>
#include <utility>

namespace deskbreak::platform {

namespace {

const QString kPropertiesInterface = QStringLiteral("org.freedesktop.DBus.Properties");

QVariant unwrapped(const QVariant& value)
{
    if (value.userType() == qMetaTypeId<QDBusVariant>())
        return value.value<QDBusVariant>().variant();
    return value;
}

// Errors that say this server simply has no such property (another server, or a version
// without it): not worth more than one log line.
bool isMissingProperty(const QString& error)
{
    static const QStringList missing = {
        QStringLiteral("org.freedesktop.DBus.Error.UnknownProperty"),
        QStringLiteral("org.freedesktop.DBus.Error.UnknownInterface"),
        QStringLiteral("org.freedesktop.DBus.Error.UnknownObject"),
        QStringLiteral("org.freedesktop.DBus.Error.UnknownMethod"),
        QStringLiteral("org.freedesktop.DBus.Error.InvalidArgs"),
    };
    return missing.contains(error);
}

bool isNoOwner(const QString& error)
{
    return error == QLatin1String("org.freedesktop.DBus.Error.ServiceUnknown") ||
           error == QLatin1String("org.freedesktop.DBus.Error.NameHasNoOwner");
}

} // namespace

DBusPropertyDetector::DBusPropertyDetector(const QDBusConnection& bus, Property property,
                                           QList<ChangeSignal> changeSignals, QObject* parent)
    : HoldDetector(parent)
    , m_bus(bus)
    , m_property(std::move(property))
    , m_changeSignals(std::move(changeSignals))
    , m_lookTimer(new QTimer(this))
{
    m_lookTimer->setInterval(kLookIntervalMs);
    connect(m_lookTimer, &QTimer::timeout, this, &DBusPropertyDetector::readAsync);
}

DBusPropertyDetector::~DBusPropertyDetector()
{
    // The bus connection is the whole process's: its match rules would outlive us.
    unsubscribe();
}

void DBusPropertyDetector::setWatching(bool on)
{
    if (on == m_watching)
        return;
    m_watching = on;
    ++m_generation;
    if (!on) {
        unsubscribe();
        m_lookTimer->stop();
        m_active = false;
        return;
    }
    if (!m_bus.isConnected()) {
        m_problems.report(name(), QStringLiteral("no D-Bus session bus (%1): not held")
                                      .arg(m_bus.lastError().message().simplified()));
        m_active = false;
        return;
    }
    // Subscribed first: no change after the read below is missed.
    subscribe();
    m_active = holdsIn(m_bus.call(getCall(), QDBus::Block, kReadTimeoutMs));
    updateLookTimer();
}

QDBusMessage DBusPropertyDetector::getCall() const
{
    QDBusMessage call = QDBusMessage::createMethodCall(m_property.service, m_property.path,
                                                       kPropertiesInterface, QStringLiteral("Get"));
    call << m_property.interface << m_property.name;
    // Asking must not start a notification server or a session manager.
    call.setAutoStartService(false);
    return call;
}

void DBusPropertyDetector::subscribe()
{
    if (m_subscribed)
        return;
    m_subscribed = true;
    m_ownerWatcher = new QDBusServiceWatcher(m_property.service, m_bus,
                                             QDBusServiceWatcher::WatchForOwnerChange, this);
    connect(m_ownerWatcher, &QDBusServiceWatcher::serviceOwnerChanged, this,
            &DBusPropertyDetector::onOwnerChanged);
    // Named by the well-known service: Qt then delivers only what its current owner sends.
    if (!m_bus.connect(m_property.service, m_property.path, kPropertiesInterface,
                       QStringLiteral("PropertiesChanged"), this,
                       SLOT(onPropertiesChanged(QString, QVariantMap, QStringList))))
        m_problems.report(
            name(),
            QStringLiteral("cannot follow PropertiesChanged: %1").arg(m_bus.lastError().message()));
    for (const ChangeSignal& s : m_changeSignals) {
        if (!m_bus.connect(m_property.service, m_property.path, s.interface, s.name, this,
                           SLOT(onChangeSignal(QDBusMessage))))
            m_problems.report(
                name(),
                QStringLiteral("cannot follow %1: %2").arg(s.name, m_bus.lastError().message()));
    }
}

void DBusPropertyDetector::unsubscribe()
{
    if (!m_subscribed)
        return;
    m_subscribed = false;
    m_bus.disconnect(m_property.service, m_property.path, kPropertiesInterface,
                     QStringLiteral("PropertiesChanged"), this,
                     SLOT(onPropertiesChanged(QString, QVariantMap, QStringList)));
    for (const ChangeSignal& s : m_changeSignals)
        m_bus.disconnect(m_property.service, m_property.path, s.interface, s.name, this,
                         SLOT(onChangeSignal(QDBusMessage)));
    delete m_ownerWatcher; // and with it its match rule
    m_ownerWatcher = nullptr;
}

void DBusPropertyDetector::readAsync()
{
    if (!m_watching)
        return;
    const std::uint64_t generation = m_generation;
    const std::uint64_t valuesBefore = m_valuesSeen;
    auto* watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(getCall(), kAsyncTimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, watcher, generation, valuesBefore] {
                watcher->deleteLater();
                if (generation != m_generation || valuesBefore != m_valuesSeen)
                    return; // stopped, another owner, or a newer value came by signal
                setActive(holdsIn(watcher->reply()));
            });
}

bool DBusPropertyDetector::holdsIn(const QDBusMessage& reply)
{
    if (reply.type() != QDBusMessage::ReplyMessage) {
        const QString error = reply.errorName();
        if (isNoOwner(error)) {
            qCDebug(lcHold).noquote() << name() << ": nobody owns" << m_property.service;
        } else if (isMissingProperty(error)) {
            m_problems.report(name(),
                              QStringLiteral("%1 has no property %2.%3 at %4 (%5): not held")
                                  .arg(m_property.service, m_property.interface, m_property.name,
                                       m_property.path, reply.errorMessage().simplified()));
        } else {
            m_problems.report(name(),
                              QStringLiteral("cannot read %1.%2 of %3: %4 %5")
                                  .arg(m_property.interface, m_property.name, m_property.service,
                                       error, reply.errorMessage().simplified()));
        }
        return false;
    }
    return holdsValue(unwrapped(reply.arguments().value(0)));
}

bool DBusPropertyDetector::holdsValue(const QVariant& value)
{
    QString why;
    const std::optional<bool> held = holds(value, &why);
    if (!held) {
        m_problems.report(name(),
                          QStringLiteral("%1.%2 of %3: %4: not held")
                              .arg(m_property.interface, m_property.name, m_property.service, why));
        return false;
    }
    return *held;
}

void DBusPropertyDetector::onPropertiesChanged(const QString& interface, const QVariantMap& changed,
                                               const QStringList& invalidated)
{
    if (!m_watching || interface != m_property.interface)
        return;
    if (const auto it = changed.constFind(m_property.name); it != changed.constEnd()) {
        ++m_valuesSeen;
        setActive(holdsValue(unwrapped(it.value())));
    } else if (invalidated.contains(m_property.name)) {
        readAsync(); // changed, but the value was not sent
    }
}

void DBusPropertyDetector::onChangeSignal(const QDBusMessage& message)
{
    Q_UNUSED(message);
    readAsync();
}

void DBusPropertyDetector::onOwnerChanged(const QString& service, const QString& oldOwner,
                                          const QString& newOwner)
{
    Q_UNUSED(service);
    Q_UNUSED(oldOwner);
    if (!m_watching)
        return;
    ++m_generation; // what the old owner was asked is void now
    if (newOwner.isEmpty()) {
        qCDebug(lcHold).noquote() << name() << ":" << m_property.service << "left the bus";
        setActive(false);
    } else {
        readAsync();
    }
}

void DBusPropertyDetector::setActive(bool on)
{
    if (!m_watching)
        return;
    const bool changed = on != m_active;
    m_active = on;
    updateLookTimer();
    if (!changed)
        return;
    qCDebug(lcHold).noquote() << name() << (on ? "holds" : "holds no more");
    emit activeChanged(on);
}

void DBusPropertyDetector::updateLookTimer()
{
    const bool wanted = m_watching && m_looksAgainWhileHeld && m_active;
    if (!wanted)
        m_lookTimer->stop();
    else if (!m_lookTimer->isActive())
        m_lookTimer->start();
}

} // namespace deskbreak::platform
