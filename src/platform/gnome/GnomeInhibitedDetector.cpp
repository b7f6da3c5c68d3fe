#include "platform/gnome/GnomeInhibitedDetector.h"

namespace deskbreak::platform {

namespace {

const QString kSessionManager = QStringLiteral("org.gnome.SessionManager");

} // namespace

GnomeInhibitedDetector::GnomeInhibitedDetector(const QDBusConnection& bus, QObject* parent)
    : DBusPropertyDetector(bus,
                           {kSessionManager, QStringLiteral("/org/gnome/SessionManager"),
                            kSessionManager, QStringLiteral("InhibitedActions")},
                           {{kSessionManager, QStringLiteral("InhibitorAdded")},
                            {kSessionManager, QStringLiteral("InhibitorRemoved")}},
                           parent)
{
    setLooksAgainWhileHeld(true);
}

QString GnomeInhibitedDetector::looksAt() const
{
    return QStringLiteral("idle inhibitors of the GNOME session (video players, presentations)");
}

std::optional<bool> GnomeInhibitedDetector::holds(const QVariant& value, QString* why) const
{
    // D-Bus type "u": anything else is not the flags GNOME documents.
    if (value.userType() != QMetaType::UInt) {
        *why = QStringLiteral("of type %1, not uint32 flags").arg(QLatin1String(value.typeName()));
        return std::nullopt;
    }
    return (value.toUInt() & kIdleInhibited) != 0;
}

} // namespace deskbreak::platform
