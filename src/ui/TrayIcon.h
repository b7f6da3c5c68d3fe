#pragma once

#include "ui/TrayState.h"

#include <QIcon>
#include <QObject>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace deskbreak::ui {

// Draws the tray ring for a TrayState, at any size.
QIcon ringIcon(const TrayState& state);

// The system-tray icon and its menu. It only displays and forwards: every
// decision is the daemon's.
class TrayIcon : public QObject {
    Q_OBJECT
public:
    explicit TrayIcon(QObject* parent = nullptr);
    ~TrayIcon() override;

    // Redraws only when what is shown changed.
    void update(const TrayState& state, bool canSnooze, bool paused);
    void setAutostart(bool on);
    static bool hostAvailable();

signals:
    void startBreakRequested();
    void snoozeRequested();
    void skipRequested();
    void pauseRequested(qint64 seconds); // 0 = until tomorrow
    void resumeRequested();
    void statsRequested();
    void openConfigRequested();
    void autostartToggled(bool on);
    void quitRequested();
    void activated();

private:
    QSystemTrayIcon* m_tray = nullptr;
    QMenu* m_menu = nullptr;
    QAction* m_snooze = nullptr;
    QAction* m_skip = nullptr;
    QAction* m_resume = nullptr;
    QAction* m_autostart = nullptr;
    QList<QAction*> m_pauseActions;
    TrayState m_shown;
    bool m_drawn = false;
};

} // namespace deskbreak::ui
