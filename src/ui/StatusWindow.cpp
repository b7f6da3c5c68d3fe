#include "ui/StatusWindow.h"

#include "ui/Actions.h"
#include "ui/StatusText.h"
#include "ui/Style.h"
#include "ui/TrayIcon.h"
#include "ui/TrayState.h"

#include <QAction>
#include <QCheckBox>
#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLoggingCategory>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>

namespace deskbreak::ui {

// Off unless asked for (QT_LOGGING_RULES="deskbreak.statuswindow.info=true"): where each
// button is, so a script can click it.
Q_LOGGING_CATEGORY(lcStatusWindow, "deskbreak.statuswindow", QtWarningMsg)

using Phase = core::SittingModel::Phase;
using std::chrono::seconds;

namespace {

constexpr int kRingSize = 64;

QString lengthText(seconds d, bool roundUp)
{
    return statustext::length(d, roundUp ? statustext::Rounding::Up : statustext::Rounding::Down);
}

// The action's text, state and visibility on the button; a click triggers the action.
void bind(QAbstractButton* button, QAction* action)
{
    auto sync = [button, action] {
        button->setText(action->text());
        button->setCheckable(action->isCheckable());
        button->setChecked(action->isChecked());
        button->setEnabled(action->isEnabled());
        button->setVisible(action->isVisible());
    };
    sync();
    QObject::connect(action, &QAction::changed, button, sync);
    QObject::connect(button, &QAbstractButton::clicked, action, &QAction::trigger);
}

} // namespace

// The tray's ring, drawn at the screen's own pixel density.
class RingView : public QWidget {
public:
    explicit RingView(QWidget* parent)
        : QWidget(parent)
    {
        setFixedSize(kRingSize, kRingSize);
    }
    void setState(const TrayState& state)
    {
        if (m_drawn && state == m_state)
            return;
        m_state = state;
        m_drawn = true;
        m_pixmap = {};
        update();
    }

protected:
    void paintEvent(QPaintEvent*) override
    {
        const qreal dpr = devicePixelRatioF();
        if (m_pixmap.isNull() || m_pixmap.devicePixelRatio() != dpr)
            m_pixmap = ringIcon(m_state).pixmap(size(), dpr);
        QPainter(this).drawPixmap(0, 0, m_pixmap);
    }

private:
    TrayState m_state;
    QPixmap m_pixmap;
    bool m_drawn = false;
};

StatusWindow::StatusWindow(Actions* actions, Source source, QWidget* parent)
    : QWidget(parent, Qt::Window)
    , m_source(std::move(source))
{
    setObjectName(QStringLiteral("statusWindow"));
    setWindowTitle(QStringLiteral("deskbreak"));
    // Only while shown, and in whole seconds: the text counts seconds.
    m_timer.setInterval(1000);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &StatusWindow::refresh);

    m_ring = new RingView(this);
    m_ring->setObjectName(QStringLiteral("ring"));
    m_sitting = new QLabel(this);
    m_sitting->setObjectName(QStringLiteral("sittingLabel"));
    m_sitting->setFont(scaledFont(font(), 1.45, QFont::Bold));
    m_next = new QLabel(this);
    m_next->setObjectName(QStringLiteral("nextBreakLabel"));
    m_next->setFont(scaledFont(font(), 1.05));
    auto* texts = new QVBoxLayout;
    texts->setSpacing(2);
    texts->addStretch(1);
    texts->addWidget(m_sitting);
    texts->addWidget(m_next);
    texts->addStretch(1);
    auto* header = new QHBoxLayout;
    header->setSpacing(16);
    header->addWidget(m_ring);
    header->addLayout(texts, 1);

    // The break's own actions first, then pausing and the rest; Pause and Resume take
    // turns in one place, so nothing moves when they swap.
    m_startBreak = addButton(actions->startBreak(), "startBreakButton");
    auto* snooze = addButton(actions->snooze(), "snoozeButton");
    auto* skip = addButton(actions->skip(), "skipButton");
    auto* pause = new QPushButton(tr("Pause reminders"), this);
    pause->setObjectName(QStringLiteral("pauseButton"));
    auto* pauseMenu = new QMenu(pause);
    pauseMenu->setObjectName(QStringLiteral("pauseMenu"));
    pauseMenu->addActions(actions->pauseActions());
    pause->setMenu(pauseMenu);
    auto pauseShown = [pause, first = actions->pauseActions().first()] {
        pause->setVisible(first->isVisible());
    };
    pauseShown();
    connect(actions->pauseActions().first(), &QAction::changed, pause, pauseShown);
    m_buttons << pause;
    auto* resume = addButton(actions->resume(), "resumeButton");
    // The tray's "Start break" submenu, for desktops with no tray: one routine or another.
    auto* routines = new QPushButton(tr("Choose a routine"), this);
    routines->setObjectName(QStringLiteral("routineButton"));
    routines->setMenu(actions->routineMenu());
    auto routinesShown = [routines, menu = actions->routineMenu()->menuAction()] {
        routines->setEnabled(menu->isEnabled());
    };
    routinesShown();
    connect(actions->routineMenu()->menuAction(), &QAction::changed, routines, routinesShown);
    m_buttons << routines;
    auto* stats = addButton(actions->stats(), "statsButton");
    auto* config = addButton(actions->openConfig(), "configButton");

    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(8);
    grid->addWidget(m_startBreak, 0, 0);
    grid->addWidget(snooze, 0, 1);
    grid->addWidget(skip, 0, 2);
    grid->addWidget(pause, 1, 0);
    grid->addWidget(resume, 1, 0);
    grid->addWidget(stats, 1, 1);
    grid->addWidget(config, 1, 2);
    grid->addWidget(routines, 2, 0, 1, 3);
    for (int column = 0; column < 3; ++column)
        grid->setColumnStretch(column, 1);

    auto* autostart = new QCheckBox(this);
    autostart->setObjectName(QStringLiteral("autostartButton"));
    bind(autostart, actions->autostart());
    m_buttons << autostart;
    auto* quit = addButton(actions->quit(), "quitButton");
    auto* footer = new QHBoxLayout;
    footer->addWidget(autostart);
    footer->addStretch(1);
    footer->addWidget(quit);

    auto* layout = new QVBoxLayout(this);
    // A small panel, not a document: its own size only. Tiling compositors (sway) then
    // float it instead of stretching it over half the screen.
    layout->setSizeConstraint(QLayout::SetFixedSize);
    layout->setContentsMargins(22, 20, 22, 18);
    layout->setSpacing(0);
    layout->addLayout(header);
    layout->addSpacing(20);
    layout->addLayout(grid);
    layout->addSpacing(16);
    layout->addLayout(footer);

    applyColours();
    refresh();
}

QPushButton* StatusWindow::addButton(QAction* action, const char* objectName)
{
    auto* button = new QPushButton(this);
    button->setObjectName(QLatin1String(objectName));
    button->setCursor(Qt::PointingHandCursor);
    bind(button, action);
    m_buttons << button;
    return button;
}

void StatusWindow::refresh()
{
    if (!m_source)
        return;
    const Reading r = m_source();
    m_sitting->setText(sittingText(r.status));
    m_next->setText(nextBreakText(r.status, r.now));
    m_ring->setState(TrayState::from(r.status, r.interval, r.now));
}

QString StatusWindow::sittingText(const core::SittingModel::Status& s)
{
    switch (s.phase) {
    case Phase::Away:
        return tr("Away from the desk");
    case Phase::OnBreak:
        return s.sitting.count() > 0
                   ? tr("Up after %1 of sitting").arg(lengthText(s.sitting, false))
                   : tr("Up from the desk");
    case Phase::Sitting:
        break;
    }
    return tr("Sitting for %1").arg(lengthText(s.sitting, false));
}

QString StatusWindow::nextBreakText(const core::SittingModel::Status& s, const QDateTime& now)
{
    if (s.phase == Phase::OnBreak)
        return tr("On a break");
    if (s.phase == Phase::Away)
        return tr("The sitting clock starts when you are back");
    if (s.pausedUntil)
        return tr("Paused until %1").arg(statustext::pauseEnd(*s.pausedUntil, now));
    if (s.due && !s.snoozed)
        return tr("A break is due now");
    // Rounded up, as the tray's tooltip: "in 1 min", never "in 0 min"; at the same clock time.
    const QString left = lengthText(s.untilReminder, true);
    const QString at = now.addSecs(s.untilReminder.count()).toString(QStringLiteral("HH:mm"));
    if (s.snoozed)
        return tr("Snoozed: reminding again in %1, at %2").arg(left, at);
    return tr("Next break in %1, at %2").arg(left, at);
}

void StatusWindow::applyColours()
{
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::WindowText);
    const QColor window = pal.color(QPalette::Window);
    QPalette dim = m_next->palette();
    dim.setColor(QPalette::WindowText, mixColours(text, window, 0.35));
    m_next->setPalette(dim);

    // Quiet outlined buttons on the window's own colour; the break itself in the ring's teal.
    const QColor teal = TrayState{}.colour();
    const QString sheet =
        QStringLiteral("QPushButton { border: 1px solid %1; border-radius: 6px; padding: 6px 14px; "
                       "background: %2; color: %3; }"
                       "QPushButton:hover { background: %4; }"
                       "QPushButton:pressed { background: %5; }"
                       "QPushButton:focus { border-color: %6; }"
                       "QPushButton:disabled { color: %7; border-color: %8; background: %2; }")
            .arg(mixColours(window, text, 0.22).name(), mixColours(window, text, 0.03).name(),
                 text.name(), mixColours(window, text, 0.08).name(),
                 mixColours(window, text, 0.14).name(), teal.name(),
                 mixColours(text, window, 0.55).name(), mixColours(window, text, 0.12).name());
    const QString primary =
        QStringLiteral("QPushButton { border: 1px solid %1; border-radius: 6px; "
                       "padding: 6px 14px; background: %1; color: white; font-weight: 600; }"
                       "QPushButton:hover { background: %2; border-color: %2; }"
                       "QPushButton:pressed { background: %3; border-color: %3; }"
                       "QPushButton:focus { border-color: %4; }")
            .arg(teal.name(), teal.lighter(112).name(), teal.darker(115).name(),
                 mixColours(teal, text, 0.5).name());
    // The menu's arrow inside the button, clear of its text.
    const QString withMenu =
        sheet + QStringLiteral("QPushButton { padding-right: 26px; }"
                               "QPushButton::menu-indicator { subcontrol-origin: padding; "
                               "subcontrol-position: right center; right: 10px; }");
    for (QAbstractButton* button : std::as_const(m_buttons)) {
        if (auto* push = qobject_cast<QPushButton*>(button))
            push->setStyleSheet(push == m_startBreak ? primary : push->menu() ? withMenu : sheet);
    }
    // Columns of one width, Quit under the last of them: a tidy block rather than a ragged one.
    int width = 0;
    for (const QAbstractButton* button : std::as_const(m_buttons))
        if (qobject_cast<const QPushButton*>(button))
            width = std::max(width, button->sizeHint().width());
    for (QAbstractButton* button : std::as_const(m_buttons))
        if (qobject_cast<QPushButton*>(button))
            button->setMinimumWidth(width);
}

void StatusWindow::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refresh();
    m_timer.start();
    logLayout();
}

void StatusWindow::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    m_timer.stop();
}

void StatusWindow::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_next) // after construction
        applyColours();
}

void StatusWindow::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Escape) {
        close();
        return;
    }
    QWidget::keyPressEvent(event);
}

bool StatusWindow::event(QEvent* event)
{
    const bool handled = QWidget::event(event);
    // The layout has just placed the buttons again (one was shown or hidden).
    if (event->type() == QEvent::LayoutRequest && isVisible())
        logLayout();
    return handled;
}

void StatusWindow::logLayout()
{
    if (!lcStatusWindow().isInfoEnabled())
        return;
    QStringList where;
    for (const QAbstractButton* b : m_buttons) {
        if (!b->isVisible())
            continue;
        const QRect r = b->geometry();
        where << QStringLiteral("%1 %2,%3 %4x%5")
                     .arg(b->objectName())
                     .arg(r.x())
                     .arg(r.y())
                     .arg(r.width())
                     .arg(r.height());
    }
    const QString line = where.join(QStringLiteral("; "));
    if (line == m_loggedLayout) // the labels' new text moved nothing
        return;
    m_loggedLayout = line;
    qCInfo(lcStatusWindow).noquote() << "status window layout:" << line;
}

} // namespace deskbreak::ui
