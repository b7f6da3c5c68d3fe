#pragma once

#include "core/SittingModel.h"

#include <QDateTime>
#include <QList>
#include <QTimer>
#include <QWidget>
#include <chrono>
#include <functional>

class QAbstractButton;
class QLabel;
class QPushButton;

namespace deskbreak::ui {

class Actions;
class RingView;

// "deskbreak": the sitting time, the next break and a button for every action of the
// tray menu, for desktops without a tray. It reads the daemon's status once a second
// while it is shown, and not at all while it is hidden.
class StatusWindow : public QWidget {
    Q_OBJECT
public:
    // What the window shows, read from the daemon.
    struct Reading {
        core::SittingModel::Status status;
        std::chrono::seconds interval{}; // the ring fills toward it
        QDateTime now;                   // local wall clock, for "at 14:05"
    };
    using Source = std::function<Reading()>;

    StatusWindow(Actions* actions, Source source, QWidget* parent = nullptr);

    // Reads the source and shows what it says (the timer calls this every second).
    void refresh();
    bool refreshing() const { return m_timer.isActive(); }

    // "Sitting for 42 s", "Sitting for 1 h 05 min", "Away from the desk".
    static QString sittingText(const core::SittingModel::Status& status);
    // "Next break in 18 min, at 14:05", "A break is due now", "Paused until 15:30", ...
    static QString nextBreakText(const core::SittingModel::Status& status, const QDateTime& now);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;
    void changeEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool event(QEvent* event) override;

private:
    QPushButton* addButton(QAction* action, const char* objectName);
    void applyColours();
    void logLayout();

    Source m_source;
    QTimer m_timer;
    RingView* m_ring = nullptr;
    QLabel* m_sitting = nullptr;
    QLabel* m_next = nullptr;
    QPushButton* m_startBreak = nullptr;
    QList<QAbstractButton*> m_buttons;
    QString m_loggedLayout;
};

} // namespace deskbreak::ui
