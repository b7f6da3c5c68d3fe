#pragma once

#include "ui/TrayState.h"

#include <QIcon>
#include <QObject>

class QMenu;
class QSystemTrayIcon;

namespace deskbreak::ui {

// Draws the tray ring for a TrayState, at any size.
QIcon ringIcon(const TrayState& state);

class Actions;

// The system-tray icon and its menu, made of the daemon's Actions. It only displays and
// forwards: every decision is the daemon's.
class TrayIcon : public QObject {
    Q_OBJECT
public:
    explicit TrayIcon(Actions* actions, QObject* parent = nullptr);
    ~TrayIcon() override;

    // Redraws only when what is shown changed.
    void update(const TrayState& state);
    static bool hostAvailable();

    QMenu* menu() const { return m_menu; }

signals:
    void activated(); // a left click on the icon

private:
    QSystemTrayIcon* m_tray = nullptr;
    QMenu* m_menu = nullptr;
    TrayState m_shown;
    bool m_drawn = false;
};

} // namespace deskbreak::ui
