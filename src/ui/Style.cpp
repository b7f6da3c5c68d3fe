#include "ui/Style.h"

namespace deskbreak::ui {

QColor mixColours(const QColor& a, const QColor& b, qreal bWeight)
{
    const qreal aWeight = 1 - bWeight;
    return QColor::fromRgbF(float(a.redF() * aWeight + b.redF() * bWeight),
                            float(a.greenF() * aWeight + b.greenF() * bWeight),
                            float(a.blueF() * aWeight + b.blueF() * bWeight));
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
