#include "ui/IllustrationCard.h"

#include "ui/Style.h"

#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QSvgRenderer>
#include <algorithm>

namespace deskbreak::ui {

namespace {

// The illustration palette from assets/README.md: the card is always light.
const QColor kCardFill(0xf8, 0xfa, 0xfc);
const QColor kCardBorder(0xe2, 0xe8, 0xf0);
const QColor kInk(0x33, 0x41, 0x55);
const QColor kProp(0x94, 0xa3, 0xb8);
const QColor kArrow(0x0d, 0x94, 0x88);
const QColor kCaption(0x64, 0x74, 0x8b);
constexpr qreal kRadius = 16;
constexpr qreal kPadding = 14;
constexpr qreal kDesign = 240; // the SVGs' viewBox; built-in pictures use the same space

QPen stroke(const QColor& colour, qreal width)
{
    return QPen(colour, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
}

void drawArrowHead(QPainter& p, QPointF tip, qreal direction)
{
    // A small filled triangle, as the SVGs draw arrow heads (no markers).
    QPainterPath head;
    head.moveTo(tip);
    head.lineTo(tip + QPointF(-26 * direction, -17));
    head.lineTo(tip + QPointF(-26 * direction, 17));
    head.closeSubpath();
    p.fillPath(head, kArrow);
}

void drawCheer(QPainter& p)
{
    p.setPen(stroke(kProp, 5));
    p.drawLine(QPointF(40, 220), QPointF(200, 220));
    p.setPen(stroke(kInk, 9));
    p.drawLine(QPointF(120, 88), QPointF(120, 150));  // spine
    p.drawLine(QPointF(120, 150), QPointF(104, 216)); // legs
    p.drawLine(QPointF(120, 150), QPointF(136, 216));
    p.drawLine(QPointF(120, 94), QPointF(80, 48)); // arms raised clear of the head
    p.drawLine(QPointF(120, 94), QPointF(160, 48));
    p.setPen(stroke(kArrow, 5));
    p.drawLine(QPointF(60, 36), QPointF(48, 24));
    p.drawLine(QPointF(56, 56), QPointF(40, 58));
    p.drawLine(QPointF(180, 36), QPointF(192, 24));
    p.drawLine(QPointF(184, 56), QPointF(200, 58));
    p.setPen(Qt::NoPen);
    p.setBrush(kInk);
    p.drawEllipse(QPointF(120, 64), 15, 15);
}

void drawBreathe(QPainter& p)
{
    p.setPen(Qt::NoPen);
    const struct {
        qreal radius;
        int alpha;
    } rings[] = {{92, 26}, {66, 52}, {40, 255}};
    for (const auto& ring : rings) {
        QColor c = kArrow;
        c.setAlpha(ring.alpha);
        p.setBrush(c);
        p.drawEllipse(QPointF(120, 120), ring.radius, ring.radius);
    }
}

void drawSwitchArrows(QPainter& p)
{
    p.setPen(stroke(kArrow, 9));
    p.drawLine(QPointF(58, 92), QPointF(166, 92));
    drawArrowHead(p, QPointF(190, 92), 1);
    p.setPen(stroke(kArrow, 9));
    p.drawLine(QPointF(182, 148), QPointF(74, 148));
    drawArrowHead(p, QPointF(50, 148), -1);
}

// The part of the drawing that has ink, padded, so the figure fills the card instead of a
// corner of its 240x240 canvas; zooming stops at about 1.6x so thin pictures stay in scale.
QRectF inkedViewBox(QSvgRenderer& svg)
{
    const QRectF box = svg.viewBoxF();
    if (box.isEmpty())
        return box;
    QSizeF probeSize = box.size();
    probeSize.scale(kDesign, kDesign, Qt::KeepAspectRatio);
    QImage probe(probeSize.toSize(), QImage::Format_ARGB32_Premultiplied);
    probe.fill(Qt::transparent);
    {
        QPainter p(&probe);
        svg.render(&p, QRectF(QPointF(0, 0), probeSize));
    }
    QRect ink;
    for (int y = 0; y < probe.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(probe.constScanLine(y));
        for (int x = 0; x < probe.width(); ++x) {
            if (qAlpha(line[x]) > 0)
                ink |= QRect(x, y, 1, 1);
        }
    }
    if (ink.isEmpty())
        return box;
    const qreal unit = box.width() / probe.width();
    QRectF inked(box.left() + ink.left() * unit, box.top() + ink.top() * unit, ink.width() * unit,
                 ink.height() * unit);
    const qreal minSide = std::max(box.width(), box.height()) * 0.62;
    const qreal pad = std::max(inked.width(), inked.height()) * 0.08;
    inked.adjust(-pad, -pad, pad, pad);
    const qreal growX = std::max(0.0, minSide - inked.width()) / 2;
    const qreal growY = std::max(0.0, minSide - inked.height()) / 2;
    return inked.adjusted(-growX, -growY, growX, growY);
}

// The largest square of `area` centred in it, with the design space mapped onto it.
QTransform designToSquare(const QRectF& area)
{
    const qreal side = std::min(area.width(), area.height());
    const QPointF origin(area.center().x() - side / 2, area.center().y() - side / 2);
    QTransform t;
    t.translate(origin.x(), origin.y());
    t.scale(side / kDesign, side / kDesign);
    return t;
}

} // namespace

IllustrationCard::IllustrationCard(QWidget* parent)
    : QWidget(parent)
    , m_svg(new QSvgRenderer(this))
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
}

bool IllustrationCard::hasSvg() const
{
    return m_picture == Picture::Svg && m_svgLoaded;
}

QSize IllustrationCard::sizeHint() const
{
    const int em = fontMetrics().height();
    return {std::max(380, 22 * em), std::max(230, 14 * em)};
}

QSize IllustrationCard::minimumSizeHint() const
{
    const int em = fontMetrics().height();
    return {std::max(220, 13 * em), std::max(170, 10 * em)};
}

void IllustrationCard::setPicture(Picture picture, const QString& svgPath, const QString& caption,
                                  bool mirrored)
{
    m_picture = picture;
    m_caption = caption;
    m_mirrored = mirrored && picture == Picture::Svg;
    m_svgLoaded = picture == Picture::Svg && !svgPath.isEmpty() && m_svg->load(svgPath);
    if (m_svgLoaded)
        m_svg->setViewBox(inkedViewBox(*m_svg));
    update();
}

void IllustrationCard::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    update();
}

void IllustrationCard::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF card = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    p.setPen(QPen(kCardBorder, 1));
    p.setBrush(kCardFill);
    p.drawRoundedRect(card, kRadius, kRadius);

    QRectF area = card.adjusted(kPadding, kPadding, -kPadding, -kPadding);
    if (!m_caption.isEmpty()) {
        const QFont f = scaledFont(font(), 0.9, QFont::Bold);
        p.setFont(f);
        p.setPen(kCaption);
        const qreal h = QFontMetricsF(f).height();
        p.drawText(QRectF(area.left(), area.top(), area.width(), h),
                   Qt::AlignLeft | Qt::AlignVCenter,
                   QFontMetricsF(f).elidedText(m_caption, Qt::ElideRight, area.width()));
        area.setTop(area.top() + h + 4);
    }

    switch (m_picture) {
    case Picture::Svg:
        if (m_svgLoaded) {
            // Vector rendering straight into the backing store: sharp at every scale factor.
            QSizeF box = m_svg->viewBoxF().size();
            if (box.isEmpty())
                box = QSizeF(kDesign, kDesign);
            box.scale(area.size(), Qt::KeepAspectRatio);
            p.save();
            if (m_mirrored) {
                p.translate(area.center().x() * 2, 0);
                p.scale(-1, 1);
            }
            m_svg->render(&p,
                          QRectF(area.center() - QPointF(box.width() / 2, box.height() / 2), box));
            p.restore();
        } else if (!m_paused) {
            QFont f = font();
            f.setItalic(true);
            p.setFont(f);
            p.setPen(kCaption);
            p.drawText(area, Qt::AlignCenter | Qt::TextWordWrap,
                       tr("No picture for this stretch:\nfollow the steps below."));
        }
        break;
    case Picture::SwitchSides: {
        const QFont f = scaledFont(font(), 1.7, QFont::Bold);
        const qreal textHeight = QFontMetricsF(f).height();
        const QRectF arrows = area.adjusted(0, 0, 0, -textHeight);
        p.save();
        p.setTransform(designToSquare(arrows.adjusted(0, -arrows.height() * 0.1, 0, 0)), true);
        drawSwitchArrows(p);
        p.restore();
        p.setFont(f);
        p.setPen(kInk);
        p.drawText(QRectF(area.left(), area.bottom() - textHeight * 1.4, area.width(), textHeight),
                   Qt::AlignCenter, tr("Switch sides"));
        break;
    }
    case Picture::Breathe:
    case Picture::Cheer:
        p.save();
        p.setTransform(designToSquare(area), true);
        m_picture == Picture::Cheer ? drawCheer(p) : drawBreathe(p);
        p.restore();
        break;
    }

    if (m_paused) {
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(15, 23, 42, 205));
        p.drawRoundedRect(card, kRadius, kRadius);
        const QFont f = scaledFont(font(), 1.8, QFont::Bold);
        const QFontMetricsF big(f);
        const QFontMetricsF small(font());
        const qreal barHeight = 40;
        const qreal total = barHeight + 14 + big.height() + small.height();
        qreal y = card.center().y() - total / 2;
        p.setBrush(Qt::white);
        p.drawRoundedRect(QRectF(card.center().x() - 17, y, 12, barHeight), 4, 4);
        p.drawRoundedRect(QRectF(card.center().x() + 5, y, 12, barHeight), 4, 4);
        y += barHeight + 14;
        p.setFont(f);
        p.setPen(Qt::white);
        p.drawText(QRectF(card.left(), y, card.width(), big.height()), Qt::AlignCenter,
                   tr("Paused"));
        y += big.height();
        p.setFont(font());
        p.setPen(QColor(255, 255, 255, 210));
        p.drawText(QRectF(card.left(), y, card.width(), small.height()), Qt::AlignCenter,
                   tr("Press Space to continue"));
    }
}

} // namespace deskbreak::ui
