#pragma once

#include "platform/Notifier.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;

namespace deskbreak::ui {

// deskbreak's own reminder: a small always-on-top window with the same three
// buttons as the notification, for desktops whose notifications cannot carry
// buttons (or with style = "window").
class ReminderWindow : public QWidget {
    Q_OBJECT
public:
    explicit ReminderWindow(QWidget* parent = nullptr);
    void present(const platform::Notifier::Reminder& reminder);

signals:
    void actionInvoked(deskbreak::platform::Notifier::Action action);
    void dismissed();

protected:
    void closeEvent(QCloseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void choose(platform::Notifier::Action action);

    QLabel* m_title;
    QLabel* m_body;
    QPushButton* m_start;
    QPushButton* m_snooze;
    QPushButton* m_skip;
    bool m_chosen = false;
};

// The Notifier backed by ReminderWindow; the window is built when first needed.
class WindowNotifier : public platform::Notifier {
    Q_OBJECT
public:
    using Notifier::Notifier;
    ~WindowNotifier() override;
    QString name() const override { return QStringLiteral("window"); }
    void showReminder(const Reminder& reminder) override;
    void closeReminder() override;
    void showMessage(const QString& title, const QString& body) override;

private:
    QPointer<ReminderWindow> m_window;
};

} // namespace deskbreak::ui
