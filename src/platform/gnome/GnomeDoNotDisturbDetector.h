#pragma once

#include "platform/HoldDetector.h"
#include "platform/HoldLog.h"

#include <QString>

class QTimer;

namespace deskbreak::platform {

// Do not disturb as GNOME says it: `show-banners` of GSettings org.gnome.desktop.notifications
// set to false. GIO is loaded when this is first watched (never on other desktops). No GLib
// main loop runs in the daemon, so GSettings' change signals cannot be had: while watching
// it reads the key again every kLookIntervalMs, which costs one read of dconf's shared
// database file, no round trip. While not watching it holds no GSettings object, and so no
// dconf watch and no timer. Without the schema or the key it holds nothing (logged once).
class GnomeDoNotDisturbDetector : public HoldDetector {
    Q_OBJECT
public:
    explicit GnomeDoNotDisturbDetector(QObject* parent = nullptr);
    ~GnomeDoNotDisturbDetector() override;

    GnomeDoNotDisturbDetector(const GnomeDoNotDisturbDetector&) = delete;
    GnomeDoNotDisturbDetector& operator=(const GnomeDoNotDisturbDetector&) = delete;

    core::HoldReason reason() const override { return core::HoldReason::DoNotDisturb; }
    QString name() const override { return QStringLiteral("gnome-show-banners"); }
    QString looksAt() const override;

    void setWatching(bool on) override;
    bool isWatching() const override { return m_watching; }
    bool active() const override { return m_active; }

private:
    // The GSettings object while watching (a GSettings*; GIO's types stay in the .cpp).
    bool openSettings();
    void closeSettings();
    bool readDoNotDisturb();
    void look();

    void* m_settings = nullptr;
    QTimer* m_lookTimer = nullptr;
    bool m_watching = false;
    bool m_active = false;
    ProblemLog m_problems;
};

} // namespace deskbreak::platform
