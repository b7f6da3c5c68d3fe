#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace deskbreak::app {

// How the command line shows a status object (control::kStatusKeys): for `deskbreak status`
// and for each line of `status --watch`. `now` is the local time the line is read at.
namespace statusformat {

// One short line for a panel bar: "sitting 42m · break at 14:05", "break due · sitting
// 1h 00m", "on break · 3m left", "away", "paused until 14:05".
QString line(const QJsonObject& status, const QDateTime& now);
// A few lines for a tooltip: sitting time, the next break, today's breaks, snoozes left.
QString tooltip(const QJsonObject& status, const QDateTime& now);
// Waybar's custom module with return-type json: text, tooltip, class (the state, plus
// "overload" and "snoozed" when they apply), alt (the state) and percentage (of the
// interval sat, or of the break done).
QJsonObject waybar(const QJsonObject& status, const QDateTime& now);
// `deskbreak status`: one "name: value" line each.
QString describe(const QJsonObject& status, const QDateTime& now);

// A watch's line for `format` (one of control::kWatchFormats), without its newline.
QString render(const QString& format, const QJsonObject& status, const QDateTime& now);
// What a watch prints last when the daemon is gone: an empty line for text (a panel then
// hides the module), an object with class "stopped" for waybar; nothing for json.
std::optional<QString> stopped(const QString& format);

// Whole minutes for a panel: "<1m", "42m", "1h 05m"; `roundUp` for time still to go.
QString minutes(qint64 seconds, bool roundUp = false);

} // namespace statusformat
} // namespace deskbreak::app
