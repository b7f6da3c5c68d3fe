#pragma once

#include "platform/freedesktop/DBusPropertyDetector.h"

namespace deskbreak::platform {

// Presenting as GNOME's session manager says it: InhibitedActions of org.gnome.SessionManager
// (uint flags) with the idle flag (8) set, which video players and presentation tools set
// through Inhibit() while they play. While watching it follows InhibitorAdded,
// InhibitorRemoved and PropertiesChanged, and while held also looks again every
// kLookIntervalMs: an end missed would hold the reminder back for good.
class GnomeInhibitedDetector : public DBusPropertyDetector {
    Q_OBJECT
public:
    explicit GnomeInhibitedDetector(const QDBusConnection& bus, QObject* parent = nullptr);

    core::HoldReason reason() const override { return core::HoldReason::Fullscreen; }
    QString name() const override { return QStringLiteral("gnome-inhibited-idle"); }
    QString looksAt() const override;

    // GsmInhibitorFlag's "idle" bit in InhibitedActions.
    static constexpr unsigned kIdleInhibited = 8;

protected:
    std::optional<bool> holds(const QVariant& value, QString* why) const override;
};

} // namespace deskbreak::platform
