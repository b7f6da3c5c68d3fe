#include "platform/freedesktop/StatusNotifierHost.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusVariant>

namespace deskbreak::platform {

bool statusNotifierHostRegistered(QString* whyNot)
{
    const QString watcher = QStringLiteral("org.kde.StatusNotifierWatcher");
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        *whyNot = QStringLiteral("no D-Bus session bus");
        return false;
    }
    if (!bus.interface()->isServiceRegistered(watcher)) {
        *whyNot = QStringLiteral("no StatusNotifierWatcher on the session bus");
        return false;
    }
    QDBusMessage get = QDBusMessage::createMethodCall(
        watcher, QStringLiteral("/StatusNotifierWatcher"),
        QStringLiteral("org.freedesktop.DBus.Properties"), QStringLiteral("Get"));
    get << watcher << QStringLiteral("IsStatusNotifierHostRegistered");
    const QDBusMessage reply = bus.call(get, QDBus::Block, 1000);
    if (reply.type() != QDBusMessage::ReplyMessage) {
        *whyNot = QStringLiteral("the StatusNotifierWatcher did not answer: %1")
                      .arg(reply.errorMessage().simplified());
        return false;
    }
    if (!reply.arguments().value(0).value<QDBusVariant>().variant().toBool()) {
        *whyNot = QStringLiteral("a StatusNotifierWatcher runs, but no host is registered");
        return false;
    }
    return true;
}

} // namespace deskbreak::platform
