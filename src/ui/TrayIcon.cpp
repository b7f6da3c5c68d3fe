#include "ui/TrayIcon.h"

#include "ui/Actions.h"

#include <QIconEngine>
#include <QImage>
#include <QMenu>
#include <QPainter>
#include <QPixmap>
#include <QSystemTrayIcon>
#include <algorithm>
#include <cmath>

namespace deskbreak::ui {

namespace {

// Distance from p to the segment [a, b].
qreal segmentDistance(QPointF p, QPointF a, QPointF b)
{
    const QPointF ab = b - a;
    const qreal t =
        std::clamp(QPointF::dotProduct(p - a, ab) / QPointF::dotProduct(ab, ab), 0.0, 1.0);
    const QPointF d = p - (a + t * ab);
    return std::hypot(d.x(), d.y());
}

// The ring is computed pixel by pixel (4x4 samples each) rather than painted with
// QPainter: Qt's raster engine hands anti-aliased fills with many spans to a pool of
// threads, which would then start and expire every minute the ring moves.
QImage ring(const TrayState& state, int size)
{
    const qreal pen = std::max(2.0, size * 0.16);
    const qreal radius = size / 2.0 - pen / 2 - 0.5; // the middle of the ring's band
    const QPointF c(size / 2.0, size / 2.0);
    const qreal inner = radius - pen; // room for the mark in the middle
    const qreal sweep = 2 * M_PI * std::clamp(state.fill, 0.0, 1.0);
    // Round caps of the filled arc: at twelve o'clock and where the fill ends (clockwise).
    const QPointF capStart = c + QPointF(0, -radius);
    const QPointF capEnd = c + QPointF(radius * std::sin(sweep), -radius * std::cos(sweep));
    using Look = TrayState::Look;

    // 2 = the filled arc or the mark (full colour), 1 = the faint track, 0 = nothing.
    auto sample = [&](QPointF p) -> int {
        const QPointF d = p - c;
        const qreal r = std::hypot(d.x(), d.y());
        if (std::abs(r - radius) <= pen / 2) {
            qreal angle = std::atan2(d.x(), -d.y()); // 0 at twelve o'clock, clockwise
            if (angle < 0)
                angle += 2 * M_PI;
            return state.fill > 0 && angle <= sweep ? 2 : 1;
        }
        if (state.fill > 0 && state.fill < 1 &&
            (std::hypot(p.x() - capStart.x(), p.y() - capStart.y()) <= pen / 2 ||
             std::hypot(p.x() - capEnd.x(), p.y() - capEnd.y()) <= pen / 2))
            return 2;
        switch (state.look) {
        case Look::Due:
            return r <= inner * 0.55 ? 2 : 0;
        case Look::Away:
            return r <= inner * 0.25 ? 2 : 0;
        case Look::Paused: {
            const qreal w = std::max(1.5, inner * 0.35), h = inner * 1.1;
            const bool left = d.x() >= -w * 1.4 && d.x() <= -w * 0.4 && std::abs(d.y()) <= h / 2;
            const bool right = d.x() >= w * 0.4 && d.x() <= w * 1.4 && std::abs(d.y()) <= h / 2;
            return left || right ? 2 : 0;
        }
        case Look::Snoozed: { // a small "z"
            const qreal z = inner * 0.6, half = std::max(0.75, size * 0.045);
            const QPointF tl = c + QPointF(-z, -z), tr = c + QPointF(z, -z),
                          bl = c + QPointF(-z, z), br = c + QPointF(z, z);
            const qreal dist = std::min({segmentDistance(p, tl, tr), segmentDistance(p, tr, bl),
                                         segmentDistance(p, bl, br)});
            return dist <= half ? 2 : 0;
        }
        case Look::Sitting:
        case Look::Overload:
        case Look::OnBreak:
            return 0;
        }
        return 0;
    };

    const QColor colour = state.colour();
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    const auto weight = [](int v) {
        return v == 2 ? 1.0 : v == 1 ? 0.28 : 0.0;
    }; // the track is faint
    constexpr int kSamples = 4;
    for (int y = 0; y < size; ++y) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < size; ++x) {
            // Most pixels are wholly inside or outside: four corners and the middle agree,
            // and only the others, on an edge, are sampled 4 x 4.
            const int middle = sample(QPointF(x + 0.5, y + 0.5));
            const bool uniform =
                sample(QPointF(x, y)) == middle && sample(QPointF(x + 1, y)) == middle &&
                sample(QPointF(x, y + 1)) == middle && sample(QPointF(x + 1, y + 1)) == middle;
            qreal alpha = weight(middle);
            if (!uniform) {
                alpha = 0;
                for (int sy = 0; sy < kSamples; ++sy)
                    for (int sx = 0; sx < kSamples; ++sx)
                        alpha += weight(
                            sample(QPointF(x + (sx + 0.5) / kSamples, y + (sy + 0.5) / kSamples)));
                alpha /= kSamples * kSamples;
            }
            const int a = int(std::round(alpha * 255));
            line[x] =
                qRgba(colour.red() * a / 255, colour.green() * a / 255, colour.blue() * a / 255, a);
        }
    }
    return image;
}

// Draws the ring at whatever size the tray asks for, when it asks: one size, not six.
class RingIconEngine final : public QIconEngine {
public:
    explicit RingIconEngine(const TrayState& state)
        : m_state(state)
    {
    }
    void paint(QPainter* painter, const QRect& rect, QIcon::Mode, QIcon::State) override
    {
        painter->drawImage(rect, ring(m_state, std::min(rect.width(), rect.height())));
    }
    QPixmap pixmap(const QSize& size, QIcon::Mode, QIcon::State) override
    {
        return QPixmap::fromImage(ring(m_state, std::min(size.width(), size.height())));
    }
    QIconEngine* clone() const override { return new RingIconEngine(m_state); }

private:
    TrayState m_state;
};

} // namespace

QIcon ringIcon(const TrayState& state)
{
    return QIcon(new RingIconEngine(state));
}

TrayIcon::TrayIcon(Actions* actions, QObject* parent)
    : QObject(parent)
    , m_tray(new QSystemTrayIcon(this))
    , m_menu(new QMenu)
{
    m_menu->addAction(actions->startBreak());
    m_menu->addMenu(actions->routineMenu());
    m_menu->addAction(actions->snooze());
    m_menu->addAction(actions->skip());
    m_menu->addSeparator();
    m_menu->addActions(actions->pauseActions());
    m_menu->addAction(actions->resume());
    m_menu->addSeparator();
    m_menu->addAction(actions->stats());
    m_menu->addAction(actions->openConfig());
    m_menu->addAction(actions->autostart());
    m_menu->addSeparator();
    m_menu->addAction(actions->quit());
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

bool TrayIcon::hostAvailable()
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

void TrayIcon::update(const TrayState& state)
{
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
