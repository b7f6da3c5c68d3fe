#include "ui/Style.h"

#include <QtMath>
#include <algorithm>

namespace deskbreak::ui {

QColor mixColours(const QColor& a, const QColor& b, qreal bWeight)
{
    const qreal aWeight = 1 - bWeight;
    return QColor::fromRgbF(float(a.redF() * aWeight + b.redF() * bWeight),
                            float(a.greenF() * aWeight + b.greenF() * bWeight),
                            float(a.blueF() * aWeight + b.blueF() * bWeight));
}

namespace {

// WCAG 2 relative luminance of an sRGB colour.
qreal luminance(const QColor& c)
{
    auto channel = [](qreal v) {
        return v <= 0.04045 ? v / 12.92 : qPow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

} // namespace

qreal contrastRatio(const QColor& a, const QColor& b)
{
    const qreal la = luminance(a);
    const qreal lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor readableAccent(const QColor& accent, const QColor& text, const QColor& background,
                      qreal minimum)
{
    // Twenty small steps toward the text colour, which has the theme's own contrast.
    for (int step = 0; step <= 20; ++step) {
        const QColor c = mixColours(accent, text, step / 20.0);
        if (contrastRatio(c, background) >= minimum)
            return c;
    }
    return text;
}

QFont scaledFont(QFont font, qreal factor, QFont::Weight weight)
{
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * factor);
    else
        font.setPixelSize(qRound(font.pixelSize() * factor));
    font.setWeight(weight);
    return font;
}

} // namespace deskbreak::ui
