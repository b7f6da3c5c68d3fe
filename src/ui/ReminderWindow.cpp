#include "ui/ReminderWindow.h"

#include "ui/Style.h"
#include "ui/WindowActivation.h"

#include <QCloseEvent>
#include <QCursor>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QVBoxLayout>

namespace deskbreak::ui {

using Action = platform::Notifier::Action;

ReminderWindow::ReminderWindow(QWidget* parent)
    : QWidget(parent, Qt::Window | Qt::WindowStaysOnTopHint)
    , m_title(new QLabel)
    , m_body(new QLabel)
    , m_start(new QPushButton(QStringLiteral("Start break")))
    , m_snooze(new QPushButton)
    , m_skip(new QPushButton(QStringLiteral("Skip")))
{
    setWindowTitle(QStringLiteral("deskbreak: time for a break"));
    setAttribute(Qt::WA_DeleteOnClose);
    setObjectName(QStringLiteral("reminderWindow"));
    m_title->setObjectName(QStringLiteral("reminderTitle"));
    m_body->setObjectName(QStringLiteral("reminderBody"));
    m_start->setObjectName(QStringLiteral("startButton"));
    m_snooze->setObjectName(QStringLiteral("snoozeButton"));
    m_skip->setObjectName(QStringLiteral("skipButton"));

    m_title->setFont(scaledFont(m_title->font(), 1.35, QFont::Bold));
    m_body->setWordWrap(true);
    m_start->setDefault(true);
    m_start->setToolTip(QStringLiteral("Open the guided break (Enter)"));
    m_skip->setToolTip(QStringLiteral("Not this time; remind me after the next interval (Esc)"));

    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_skip);
    buttons->addWidget(m_snooze);
    buttons->addWidget(m_start);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 18, 20, 16);
    layout->setSpacing(10);
    layout->addWidget(m_title);
    layout->addWidget(m_body);
    layout->addSpacing(6);
    layout->addLayout(buttons);

    connect(m_start, &QPushButton::clicked, this, [this] { choose(Action::Start); });
    connect(m_snooze, &QPushButton::clicked, this, [this] { choose(Action::Snooze); });
    connect(m_skip, &QPushButton::clicked, this, [this] { choose(Action::Skip); });
}

void ReminderWindow::present(const platform::Notifier::Reminder& reminder)
{
    m_chosen = false;
    m_title->setText(reminder.title);
    m_body->setText(reminder.body);
    m_snooze->setText(reminder.snoozeLabel);
    m_snooze->setVisible(reminder.offerSnooze);
    adjustSize();
    setFixedWidth(std::max(sizeHint().width(), 380));
    // Bottom-right of the screen with the mouse, where notifications usually appear.
    if (QScreen* screen = QGuiApplication::screenAt(QCursor::pos())
                              ? QGuiApplication::screenAt(QCursor::pos())
                              : QGuiApplication::primaryScreen()) {
        const QRect area = screen->availableGeometry();
        move(area.right() - width() - 24, area.bottom() - sizeHint().height() - 48);
    }
    if (reminder.quiet) {
        // After a long call: there, but it takes neither the keyboard nor the front.
        setAttribute(Qt::WA_ShowWithoutActivating);
        show();
        return;
    }
    setAttribute(Qt::WA_ShowWithoutActivating, false);
    bringToFront(this);
    m_start->setFocus();
}

void ReminderWindow::choose(Action action)
{
    m_chosen = true;
    emit actionInvoked(action);
    close();
}

void ReminderWindow::closeEvent(QCloseEvent* event)
{
    if (!m_chosen)
        emit dismissed();
    m_chosen = true;
    event->accept();
}

void ReminderWindow::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Escape)
        return choose(Action::Skip);
    // Enter starts the break wherever the focus is, as the button's tooltip says.
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)
        return choose(Action::Start);
    QWidget::keyPressEvent(event);
}

WindowNotifier::~WindowNotifier()
{
    if (m_window)
        m_window->deleteLater();
}

void WindowNotifier::showReminder(const Reminder& reminder)
{
    if (!m_window) {
        m_window = new ReminderWindow;
        connect(m_window, &ReminderWindow::actionInvoked, this, &WindowNotifier::actionInvoked);
        connect(m_window, &ReminderWindow::dismissed, this, &WindowNotifier::dismissed);
    }
    m_window->present(reminder);
}

void WindowNotifier::closeReminder()
{
    if (m_window) {
        // Closed by the program, not by the user: not a dismissal.
        disconnect(m_window, &ReminderWindow::dismissed, this, &WindowNotifier::dismissed);
        m_window->close();
    }
}

void WindowNotifier::showMessage(const QString& title, const QString& body)
{
    // The title goes in the text as well: without a window manager no title bar shows it.
    auto* box = new QMessageBox(QMessageBox::Information, title, title, QMessageBox::Ok);
    box->setInformativeText(body);
    box->setAttribute(Qt::WA_DeleteOnClose);
    // A message box is modal by default: this one must not block the reminder or the break.
    box->setWindowModality(Qt::NonModal);
    box->setWindowFlag(Qt::WindowStaysOnTopHint);
    box->show();
}

} // namespace deskbreak::ui
