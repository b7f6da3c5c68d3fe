#pragma once

#include "core/SittingModel.h"

#include <QDateTime>
#include <QString>
#include <chrono>

namespace deskbreak::ui {

// The words for the sitting status, shared by the tray's tooltip, the tray menu's header and
// the status window, so that they never disagree.
namespace statustext {

// Time gone is rounded down ("Sitting 42 min" until 43), time left up ("in 1 min", never
// "in 0 min").
enum class Rounding { Down, Up };

// How long a text stays up. Live text is made again each time it is shown (a tooltip
// about to show, a menu about to open), so it counts seconds under a minute. Lasting text
// may stay up until the next whole minute of sitting (a panel that reads the tooltip on
// its own), so under a minute it says "under a minute" rather than a count that goes stale.
enum class Freshness { Live, Lasting };

// "0 s", "58 s", "1 min", "42 min", "1 h", "1 h 05 min"; Lasting: "under a minute" below 60 s.
QString length(std::chrono::seconds d, Rounding rounding, Freshness freshness = Freshness::Live);

// The tray menu's first line: "Sitting 42 min · next break at 14:05", "Sitting 1 h 02 min ·
// time for a break", "Sitting 12 min · paused until 15:30", "Away from the desk", "On a break".
QString header(const core::SittingModel::Status& status, const QDateTime& now);

// The same with how long until it: "Sitting 42 min · next break at 14:05 (in 18 min)",
// "Sitting 1 h 02 min · snoozed until 14:15 (in 8 min)"; the tooltip's line.
QString summary(const core::SittingModel::Status& status, const QDateTime& now,
                Freshness freshness);

// The tooltip: "deskbreak", then summary().
QString tooltip(const core::SittingModel::Status& status, const QDateTime& now,
                Freshness freshness);

// "15:30", or "tomorrow" when it is the coming midnight: the end of a pause.
QString pauseEnd(const QDateTime& until, const QDateTime& now);

} // namespace statustext

} // namespace deskbreak::ui
