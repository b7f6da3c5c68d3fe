#include "ui/TrayIcon.h"

#include "ui/Actions.h"

#include <QEvent>
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

constexpr int kAwayDashes = 8;

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
        // The round caps; with nothing filled yet, the start cap alone says "just begun",
        // so the ring never shows as the faint track only.
        if (state.look != Look::Away && state.fill < 1 &&
            (std::hypot(p.x() - capStart.x(), p.y() - capStart.y()) <= pen / 2 ||
             (state.fill > 0 && std::hypot(p.x() - capEnd.x(), p.y() - capEnd.y()) <= pen / 2)))
            return 2;
        if (std::abs(r - radius) <= pen / 2) {
            qreal angle = std::atan2(d.x(), -d.y()); // 0 at twelve o'clock, clockwise
            if (angle < 0)
                angle += 2 * M_PI;
            if (state.look == Look::Away) // a dashed ring: nobody at the desk
                return std::fmod(angle / (2 * M_PI) * kAwayDashes * 2, 2.0) < 1.0 ? 2 : 1;
            return state.fill > 0 && angle <= sweep ? 2 : 1;
        }
        switch (state.look) {
        case Look::Due:
            return r <= inner * 0.55 ? 2 : 0;
        case Look::Away:
            return 0;
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

// The largest square centred in `rect`: the ring stays round in any slot (trayer gives
// 22x30, some panels 30x22).
QRectF centredSquare(const QRectF& rect)
{
    const qreal side = std::min(rect.width(), rect.height());
    return QRectF(rect.x() + (rect.width() - side) / 2, rect.y() + (rect.height() - side) / 2, side,
                  side);
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
        // In device pixels, so a 2x panel gets a sharp ring rather than a stretched one.
        const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
        const QRectF square = centredSquare(rect);
        QImage image = ring(m_state, std::max(1, int(std::floor(square.width() * dpr))));
        image.setDevicePixelRatio(dpr);
        // On whole device pixels: a ring placed between two is blurred.
        const QPointF at(std::round(square.x() * dpr) / dpr, std::round(square.y() * dpr) / dpr);
        painter->drawImage(at, image);
    }
    QSize actualSize(const QSize& size, QIcon::Mode, QIcon::State) override
    {
        const int side = std::min(size.width(), size.height());
        return {side, side};
    }
    QPixmap pixmap(const QSize& size, QIcon::Mode, QIcon::State) override
    {
        if (size.width() == size.height())
            return QPixmap::fromImage(ring(m_state, size.width()));
        // As large as asked, the ring centred: a caller that draws it into its slot as it is
        // gets a round ring.
        QImage image(size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        const QRect square = centredSquare(QRectF(QPointF(0, 0), QSizeF(size))).toRect();
        QPainter painter(&image);
        painter.drawImage(square.topLeft(), ring(m_state, square.width()));
        painter.end();
        return QPixmap::fromImage(image);
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
    m_menu->setObjectName(QStringLiteral("trayMenu"));
    m_menu->addAction(actions->header());
    m_menu->addSeparator();
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
    connect(m_menu, &QMenu::aboutToShow, this, &TrayIcon::menuAboutToShow);
    connect(m_tray, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason == QSystemTrayIcon::Trigger)
                    emit activated();
            });
    // An XEmbed tray (Qt's own icon window) asks the icon for its tooltip as the pointer
    // rests on it: that is when the live text is made.
    m_tray->installEventFilter(this);
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
    if (!m_drawn || state.look != m_shown.look || state.fill != m_shown.fill)
        m_tray->setIcon(ringIcon(state));
    if (!m_drawn || state.tooltip != m_tray->toolTip())
        m_tray->setToolTip(state.tooltip);
    m_shown = state;
    if (!m_drawn)
        m_tray->show(); // even without a tray host: Qt docks the icon when one appears later
    m_drawn = true;
}

void TrayIcon::setLiveToolTip(std::function<QString()> source)
{
    m_liveToolTip = std::move(source);
}

QString TrayIcon::toolTip() const
{
    return m_tray->toolTip();
}

bool TrayIcon::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_tray && event->type() == QEvent::ToolTip && m_liveToolTip) {
        const QString text = m_liveToolTip();
        if (text != m_tray->toolTip())
            m_tray->setToolTip(text); // before Qt shows it: it shows the icon's tooltip as set
    }
    return QObject::eventFilter(watched, event);
}

} // namespace deskbreak::ui
