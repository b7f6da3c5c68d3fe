#include "ui/TrayState.h"

#include "core/Duration.h"

#include <algorithm>

namespace deskbreak::ui {

using Phase = core::SittingModel::Phase;

TrayState TrayState::from(const core::SittingModel::Status& s, std::chrono::seconds interval)
{
    TrayState t;
    // The ring moves in steps of a minute (a twelfth of a short test interval), so the
    // icon is redrawn at most once a minute.
    const qint64 step = std::clamp<qint64>(interval.count() / 12, 1, 60);
    const qint64 sittingMinutes = s.sitting.count() / 60;
    const qint64 shownSitting = s.sitting.count() / step * step; // whole steps only
    t.fill = interval.count() > 0
                 ? std::clamp(double(shownSitting) / double(interval.count()), 0.0, 1.0)
                 : 0.0;
    const QString sitting = core::formatDuration(std::chrono::minutes(sittingMinutes));
    const QString next = core::formatDuration(std::chrono::minutes(
        (s.untilReminder.count() + 59) / 60)); // rounded up: "in 1m", never "in 0m"

    if (s.phase == Phase::OnBreak) {
        t.look = Look::OnBreak;
        t.fill = 1;
        t.tooltip = QStringLiteral("deskbreak: on a break");
    } else if (s.phase == Phase::Away) {
        t.look = Look::Away;
        t.fill = 0;
        t.tooltip = QStringLiteral(
            "deskbreak: away from the desk; the sitting clock starts when you are back");
    } else if (s.pausedUntil) {
        t.look = Look::Paused;
        t.tooltip =
            QStringLiteral("deskbreak: paused until %1\nSitting for %2")
                .arg(s.pausedUntil->toLocalTime().toString(QStringLiteral("HH:mm")), sitting);
    } else if (s.due && !s.snoozed) {
        t.look = Look::Due;
        t.fill = 1;
        t.tooltip = QStringLiteral("deskbreak: time for a break\nSitting for %1").arg(sitting);
    } else if (s.snoozed) {
        t.look = Look::Snoozed;
        t.tooltip = QStringLiteral("deskbreak: snoozed, reminding again in %1\nSitting for %2")
                        .arg(next, sitting);
    } else {
        t.look = s.overload ? Look::Overload : Look::Sitting;
        t.tooltip =
            QStringLiteral("deskbreak: sitting for %1\nNext break in %2").arg(sitting, next);
    }
    return t;
}

QColor TrayState::colour() const
{
    switch (look) {
    case Look::Sitting:
        return QColor(0x0d, 0x94, 0x88); // teal
    case Look::Overload:
        return QColor(0xf5, 0x9e, 0x0b); // amber
    case Look::Due:
        return QColor(0xe1, 0x1d, 0x48); // rose
    case Look::Snoozed:
        return QColor(0x63, 0x66, 0xf1); // indigo
    case Look::Paused:
    case Look::Away:
        return QColor(0x94, 0xa3, 0xb8); // slate
    case Look::OnBreak:
        return QColor(0x22, 0xc5, 0x5e); // green
    }
    return Qt::gray;
}

} // namespace deskbreak::ui
