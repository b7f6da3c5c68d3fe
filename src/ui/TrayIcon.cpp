#include "ui/TrayIcon.h"

#include <QAction>
#include <QMenu>
#include <QPainter>
#include <QPainterPath>
#include <QSignalBlocker>
#include <QSystemTrayIcon>

namespace deskbreak::ui {

namespace {

QPixmap ring(const TrayState& state, int size)
{
    QPixmap pm(size, size);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal pen = std::max(2.0, size * 0.16);
    const QRectF box = QRectF(0, 0, size, size)
                           .adjusted(pen / 2 + 0.5, pen / 2 + 0.5, -pen / 2 - 0.5, -pen / 2 - 0.5);
    const QColor colour = state.colour();

    // The track: the whole ring, faint, so an empty ring still reads as a ring.
    QColor track = colour;
    track.setAlphaF(0.28);
    p.setPen(QPen(track, pen, Qt::SolidLine, Qt::FlatCap));
    p.drawEllipse(box);

    // The filled arc, clockwise from twelve o'clock.
    if (state.fill > 0) {
        p.setPen(QPen(colour, pen, Qt::SolidLine, state.fill >= 1 ? Qt::FlatCap : Qt::RoundCap));
        p.drawArc(box, 90 * 16, -int(std::round(360 * 16 * state.fill)));
    }

    // A mark in the middle for the states the colour alone would not tell.
    const QPointF c = box.center();
    const qreal r = box.width() / 2 - pen;
    p.setPen(Qt::NoPen);
    p.setBrush(colour);
    using Look = TrayState::Look;
    switch (state.look) {
    case Look::Paused: {
        const qreal w = std::max(1.5, r * 0.35), h = r * 1.1;
        p.drawRect(QRectF(c.x() - w * 1.4, c.y() - h / 2, w, h));
        p.drawRect(QRectF(c.x() + w * 0.4, c.y() - h / 2, w, h));
        break;
    }
    case Look::Due:
        p.drawEllipse(c, r * 0.55, r * 0.55);
        break;
    case Look::Snoozed: {
        QPainterPath z; // a small "z"
        const qreal s = r * 0.6;
        z.moveTo(c.x() - s, c.y() - s);
        z.lineTo(c.x() + s, c.y() - s);
        z.lineTo(c.x() - s, c.y() + s);
        z.lineTo(c.x() + s, c.y() + s);
        p.setBrush(Qt::NoBrush);
        p.setPen(
            QPen(colour, std::max(1.5, size * 0.09), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.drawPath(z);
        break;
    }
    case Look::Away:
        p.drawEllipse(c, r * 0.25, r * 0.25);
        break;
    case Look::OnBreak:
    case Look::Sitting:
    case Look::Overload:
        break;
    }
    return pm;
}

} // namespace

QIcon ringIcon(const TrayState& state)
{
    QIcon icon;
    for (int size : {16, 22, 24, 32, 48, 64})
        icon.addPixmap(ring(state, size));
    return icon;
}

TrayIcon::TrayIcon(QObject* parent)
    : QObject(parent)
    , m_tray(new QSystemTrayIcon(this))
    , m_menu(new QMenu)
{
    m_menu->addAction(QStringLiteral("Start break now"), this, &TrayIcon::startBreakRequested);
    m_snooze = m_menu->addAction(QStringLiteral("Snooze"), this, &TrayIcon::snoozeRequested);
    m_skip = m_menu->addAction(QStringLiteral("Skip this break"), this, &TrayIcon::skipRequested);
    m_menu->addSeparator();
    m_pauseActions = {
        m_menu->addAction(QStringLiteral("Pause for 30 minutes"), this,
                          [this] { emit pauseRequested(30 * 60); }),
        m_menu->addAction(QStringLiteral("Pause for 1 hour"), this,
                          [this] { emit pauseRequested(60 * 60); }),
        m_menu->addAction(QStringLiteral("Pause until tomorrow"), this,
                          [this] { emit pauseRequested(0); }),
    };
    m_resume =
        m_menu->addAction(QStringLiteral("Resume reminders"), this, &TrayIcon::resumeRequested);
    m_menu->addSeparator();
    m_menu->addAction(QStringLiteral("Today's stats"), this, &TrayIcon::statsRequested);
    m_menu->addAction(QStringLiteral("Open config"), this, &TrayIcon::openConfigRequested);
    m_autostart = m_menu->addAction(QStringLiteral("Start at login"));
    m_autostart->setCheckable(true);
    connect(m_autostart, &QAction::triggered, this, &TrayIcon::autostartToggled);
    m_menu->addSeparator();
    m_menu->addAction(QStringLiteral("Quit deskbreak"), this, &TrayIcon::quitRequested);
    m_tray->setContextMenu(m_menu);
    connect(m_tray, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason == QSystemTrayIcon::Trigger)
                    emit activated();
            });
}

TrayIcon::~TrayIcon()
{
    delete m_menu;
}

void TrayIcon::setAutostart(bool on)
{
    const QSignalBlocker quiet(m_autostart);
    m_autostart->setChecked(on);
}

bool TrayIcon::hostAvailable()
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

void TrayIcon::update(const TrayState& state, bool canSnooze, bool paused)
{
    m_snooze->setEnabled(canSnooze);
    m_resume->setVisible(paused);
    for (QAction* a : m_pauseActions)
        a->setVisible(!paused);
    if (m_drawn && state == m_shown)
        return;
    m_shown = state;
    m_drawn = true;
    m_tray->setIcon(ringIcon(state));
    m_tray->setToolTip(state.tooltip);
    // Shown even without a tray host: Qt docks the icon when a host appears later.
    m_tray->show();
}

} // namespace deskbreak::ui
