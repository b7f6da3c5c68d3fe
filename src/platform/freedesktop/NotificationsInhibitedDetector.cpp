#include "platform/freedesktop/NotificationsInhibitedDetector.h"

namespace deskbreak::platform {

NotificationsInhibitedDetector::NotificationsInhibitedDetector(const QDBusConnection& bus,
                                                               QObject* parent)
    : DBusPropertyDetector(bus,
                           {QStringLiteral("org.freedesktop.Notifications"),
                            QStringLiteral("/org/freedesktop/Notifications"),
                            QStringLiteral("org.freedesktop.Notifications"),
                            QStringLiteral("Inhibited")},
                           {}, parent)
{
}

QString NotificationsInhibitedDetector::looksAt() const
{
    return QStringLiteral("Inhibited of the notification server (KDE Plasma's do not disturb)");
}

std::optional<bool> NotificationsInhibitedDetector::holds(const QVariant& value, QString* why) const
{
    if (value.userType() != QMetaType::Bool) {
        *why = QStringLiteral("of type %1, not a boolean").arg(QLatin1String(value.typeName()));
        return std::nullopt;
    }
    return value.toBool();
}

} // namespace deskbreak::platform
