#include "ui/TrayState.h"

#include <algorithm>

namespace deskbreak::ui {

using Phase = core::SittingModel::Phase;

TrayState TrayState::from(const core::SittingModel::Status& s, std::chrono::seconds interval,
                          const QDateTime& now, statustext::Freshness freshness)
{
    TrayState t;
    // The ring moves in steps of a minute (a twelfth of a short test interval), so the
    // icon is redrawn at most once a minute.
    const qint64 step = std::clamp<qint64>(interval.count() / 12, 1, 60);
    const qint64 shownSitting = s.sitting.count() / step * step; // whole steps only
    t.fill = interval.count() > 0
                 ? std::clamp(double(shownSitting) / double(interval.count()), 0.0, 1.0)
                 : 0.0;
    t.tooltip = statustext::tooltip(s, now, freshness);

    if (s.phase == Phase::OnBreak) {
        t.look = Look::OnBreak;
        t.fill = 1;
    } else if (s.phase == Phase::Away) {
        t.look = Look::Away;
        t.fill = 0;
    } else if (s.pausedUntil) {
        t.look = Look::Paused;
    } else if (s.due && !s.snoozed) {
        t.look = Look::Due;
        t.fill = 1;
    } else if (s.snoozed) {
        t.look = Look::Snoozed;
    } else {
        t.look = s.overload ? Look::Overload : Look::Sitting;
    }
    return t;
}

QColor TrayState::colour() const
{
    return colour(look);
}

QColor TrayState::colour(Look look)
{
    // Relative luminance 0.22 to 0.25 each: the band that keeps 3:1 against a light panel
    // (#eff0f1) and a dark one (#31363b) at once. Hue and the mark in the middle tell them apart.
    switch (look) {
    case Look::Sitting:
        return QColor(0x0d, 0x94, 0x88); // teal
    case Look::Overload:
        return QColor(0xc4, 0x75, 0x00); // amber
    case Look::Due:
        return QColor(0xea, 0x3f, 0x6f); // rose
    case Look::Snoozed:
        return QColor(0x70, 0x73, 0xf2); // indigo
    case Look::Paused:
    case Look::Away:
        return QColor(0x7c, 0x85, 0x91); // slate
    case Look::OnBreak:
        return QColor(0x4f, 0x9a, 0x1c); // leaf green
    }
    return Qt::gray;
}

} // namespace deskbreak::ui
