#include "platform/freedesktop/DunstPausedDetector.h"

namespace deskbreak::platform {

DunstPausedDetector::DunstPausedDetector(const QDBusConnection& bus, QObject* parent)
    : DBusPropertyDetector(bus,
                           {QStringLiteral("org.freedesktop.Notifications"),
                            QStringLiteral("/org/freedesktop/Notifications"),
                            QStringLiteral("org.dunstproject.cmd0"), QStringLiteral("paused")},
                           {}, parent)
{
}

QString DunstPausedDetector::looksAt() const
{
    return QStringLiteral("whether dunst is paused (dunstctl set-paused)");
}

std::optional<bool> DunstPausedDetector::holds(const QVariant& value, QString* why) const
{
    if (value.userType() != QMetaType::Bool) {
        *why = QStringLiteral("of type %1, not a boolean").arg(QLatin1String(value.typeName()));
        return std::nullopt;
    }
    return value.toBool();
}

} // namespace deskbreak::platform
