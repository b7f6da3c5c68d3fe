#include "ui/StatusText.h"

#include <QCoreApplication>

namespace deskbreak::ui::statustext {

using Phase = core::SittingModel::Phase;
using std::chrono::seconds;

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("deskbreak::ui::statustext", text);
}

QString clock(const QDateTime& t)
{
    return t.toString(QStringLiteral("HH:mm"));
}

// "Sitting 42 min", "Away from the desk", "On a break".
QString sittingPart(const core::SittingModel::Status& s, Freshness freshness)
{
    switch (s.phase) {
    case Phase::Away:
        return tr("Away from the desk");
    case Phase::OnBreak:
        return tr("On a break");
    case Phase::Sitting:
        break;
    }
    return tr("Sitting %1").arg(length(s.sitting, Rounding::Down, freshness));
}

// What comes next, with `in` appended where a time is left: "next break at 14:05 (in 18 min)".
QString nextPart(const core::SittingModel::Status& s, const QDateTime& now, bool withLeft,
                 Freshness freshness)
{
    if (s.phase != Phase::Sitting)
        return {};
    if (s.pausedUntil)
        return tr("paused until %1").arg(pauseEnd(*s.pausedUntil, now));
    if (s.heldBy)
        return tr("break held: %1").arg(core::holdReasonText(*s.heldBy));
    if (s.due && !s.snoozed && s.waitingForPause)
        return tr("break due at your next pause");
    if (s.due && !s.snoozed)
        return tr("time for a break");
    const QString at = clock(now.addSecs(s.untilReminder.count()));
    const QString left =
        withLeft ? tr(" (in %1)").arg(length(s.untilReminder, Rounding::Up, freshness)) : QString();
    return (s.snoozed ? tr("snoozed until %1") : tr("next break at %1")).arg(at) + left;
}

QString join(const QString& first, const QString& second)
{
    return second.isEmpty() ? first : first + QStringLiteral(" \u00b7 ") + second;
}

} // namespace

QString length(seconds d, Rounding rounding, Freshness freshness)
{
    const qint64 s = std::max<qint64>(0, d.count());
    if (s < 60)
        return freshness == Freshness::Lasting ? tr("under a minute") : tr("%1 s").arg(s);
    const qint64 minutes = rounding == Rounding::Up ? (s + 59) / 60 : s / 60;
    if (minutes < 60)
        return tr("%1 min").arg(minutes);
    if (minutes % 60 == 0)
        return tr("%1 h").arg(minutes / 60);
    return tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60, 2, 10, QChar(u'0'));
}

QString pauseEnd(const QDateTime& until, const QDateTime& now)
{
    const QDateTime local = until.toLocalTime();
    if (local.time() == QTime(0, 0) && local.date() == now.date().addDays(1))
        return tr("tomorrow");
    return clock(local);
}

QString header(const core::SittingModel::Status& s, const QDateTime& now)
{
    return join(sittingPart(s, Freshness::Live), nextPart(s, now, false, Freshness::Live));
}

QString summary(const core::SittingModel::Status& s, const QDateTime& now, Freshness freshness)
{
    if (s.phase == Phase::Away)
        return join(sittingPart(s, freshness), tr("the sitting clock starts when you are back"));
    return join(sittingPart(s, freshness), nextPart(s, now, true, freshness));
}

QString tooltip(const core::SittingModel::Status& s, const QDateTime& now, Freshness freshness)
{
    return QStringLiteral("deskbreak\n") + summary(s, now, freshness);
}

} // namespace deskbreak::ui::statustext
