#pragma once

#include "platform/freedesktop/DBusPropertyDetector.h"

namespace deskbreak::platform {

// Do not disturb as KDE Plasma's notification server says it: the boolean `Inhibited`
// of org.freedesktop.Notifications at /org/freedesktop/Notifications (true while the
// user, or an application through Inhibit(), silenced notifications). Followed by
// PropertiesChanged while watching. A server without the property holds nothing.
class NotificationsInhibitedDetector : public DBusPropertyDetector {
    Q_OBJECT
public:
    explicit NotificationsInhibitedDetector(const QDBusConnection& bus, QObject* parent = nullptr);

    core::HoldReason reason() const override { return core::HoldReason::DoNotDisturb; }
    QString name() const override { return QStringLiteral("notifications-inhibited"); }
    QString looksAt() const override;

protected:
    std::optional<bool> holds(const QVariant& value, QString* why) const override;
};

} // namespace deskbreak::platform
