#pragma once

#include <QColor>
#include <QFont>

namespace deskbreak::ui {

// The few drawing helpers the windows share, so they look of a piece.

// `b` laid over `a` with weight `bWeight` (0..1): dimmed text, faint tracks.
QColor mixColours(const QColor& a, const QColor& b, qreal bWeight);

// `font`, `factor` times as large (point or pixel sized alike), in `weight`.
QFont scaledFont(QFont font, qreal factor, QFont::Weight weight = QFont::Normal);

} // namespace deskbreak::ui
