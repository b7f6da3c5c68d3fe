#pragma once

#include "core/RoutinePlayer.h"

#include <QString>
#include <QStringList>

namespace deskbreak::core {

// A sided exercise's text for one side: {side} and {other} become "right" and "left" on the
// first side played (Side::Right), "left" and "right" on the second, "one" and "other" when
// no side is meant (the catalogue). Other text is left as it is.
QString sidedText(const QString& text, RoutinePlayer::Side side);

// The same for each line.
QStringList sidedText(const QStringList& lines, RoutinePlayer::Side side);

// The names of the {name} placeholders in `text`, in order (e.g. "side", "other", "sied").
QStringList placeholdersIn(const QString& text);

// The placeholders sidedText() fills in: "side" and "other".
bool isSidePlaceholder(const QString& name);

} // namespace deskbreak::core
