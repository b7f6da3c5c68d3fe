#pragma once

#include "ui/TrayState.h"

#include <QIcon>
#include <QObject>
#include <functional>

class QMenu;
class QSystemTrayIcon;

namespace deskbreak::ui {

// Draws the tray ring for a TrayState, at any size: round in any slot (the largest centred
// square), in device pixels.
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
    // Where the tooltip comes from as it is about to show (an XEmbed tray asks for it then):
    // live text, seconds and all. A StatusNotifierItem panel reads the tooltip on its own
    // instead, and gets what update() last set.
    void setLiveToolTip(std::function<QString()> source);
    static bool hostAvailable();

    QMenu* menu() const { return m_menu; }
    QString toolTip() const;
    QSystemTrayIcon* systemTrayIcon() const { return m_tray; }

signals:
    void activated();       // a left click on the icon
    void menuAboutToShow(); // the header line is due for its live text

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QSystemTrayIcon* m_tray = nullptr;
    QMenu* m_menu = nullptr;
    TrayState m_shown;
    bool m_drawn = false;
    std::function<QString()> m_liveToolTip;
};

} // namespace deskbreak::ui
