#pragma once

#include "platform/freedesktop/DBusPropertyDetector.h"

namespace deskbreak::platform {

// Do not disturb as dunst says it: `paused` of its own interface org.dunstproject.cmd0 at
// /org/freedesktop/Notifications, what `dunstctl set-paused` changes. dunst (1.6 and later)
// emits PropertiesChanged for it, which is followed while watching. Another notification
// server has no such interface and holds nothing.
class DunstPausedDetector : public DBusPropertyDetector {
    Q_OBJECT
public:
    explicit DunstPausedDetector(const QDBusConnection& bus, QObject* parent = nullptr);

    core::HoldReason reason() const override { return core::HoldReason::DoNotDisturb; }
    QString name() const override { return QStringLiteral("dunst-paused"); }
    QString looksAt() const override;

protected:
    std::optional<bool> holds(const QVariant& value, QString* why) const override;
};

} // namespace deskbreak::platform
