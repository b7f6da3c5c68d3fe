#pragma once

#include <QColor>
#include <QFont>

namespace deskbreak::ui {

// The few drawing helpers the windows share, so they look of a piece.

// `b` laid over `a` with weight `bWeight` (0..1): dimmed text, faint tracks.
QColor mixColours(const QColor& a, const QColor& b, qreal bWeight);

// WCAG 2 contrast ratio of two opaque colours: 1 (same) to 21 (black on white).
qreal contrastRatio(const QColor& a, const QColor& b);

// `accent`, moved toward `text` just far enough to reach `minimum` contrast on `background`
// (WCAG AA for text is 4.5): a theme's dim highlight stays readable on light and dark palettes.
QColor readableAccent(const QColor& accent, const QColor& text, const QColor& background,
                      qreal minimum = 4.5);

// `font`, `factor` times as large (point or pixel sized alike), in `weight`.
QFont scaledFont(QFont font, qreal factor, QFont::Weight weight = QFont::Normal);

} // namespace deskbreak::ui
