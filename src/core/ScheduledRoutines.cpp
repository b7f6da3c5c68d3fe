#include "core/ScheduledRoutines.h"

#include <QTimeZone>

namespace deskbreak::core {

namespace {

// `time` on `day`, in the same kind of time as `like` (local, UTC or a zone).
QDateTime at(QDate day, QTime time, const QDateTime& like)
{
    if (like.timeSpec() == Qt::TimeZone)
        return QDateTime(day, time, like.timeZone());
    return QDateTime(day, time, like.timeSpec());
}

} // namespace

ScheduledRoutines::ScheduledRoutines(QMap<QString, QTime> times, std::bitset<7> days)
    : m_times(std::move(times))
    , m_days(days)
{
}

std::optional<ScheduledRoutines::Due> ScheduledRoutines::due(const QDateTime& wall) const
{
    std::optional<Due> first;
    for (auto it = m_times.cbegin(); it != m_times.cend(); ++it) {
        // Yesterday's too: a window that opens late in the evening runs past midnight.
        for (const QDate day : {wall.date().addDays(-1), wall.date()}) {
            if (!m_days.test(day.dayOfWeek() - 1) || isDone(it.key(), day))
                continue;
            const QDateTime from = at(day, it.value(), wall);
            const QDateTime until = from.addSecs(std::chrono::seconds(kWindow).count());
            if (from <= wall && wall < until && (!first || from < first->from))
                first = Due{it.key(), day, from, until};
        }
    }
    return first;
}

std::optional<QDateTime> ScheduledRoutines::nextStart(const QDateTime& wall) const
{
    std::optional<QDateTime> next;
    if (m_days.none())
        return next;
    for (const QTime time : m_times) {
        for (int d = 0; d <= 8; ++d) {
            const QDate day = wall.date().addDays(d);
            if (!m_days.test(day.dayOfWeek() - 1))
                continue;
            const QDateTime from = at(day, time, wall);
            if (from > wall) {
                if (!next || from < *next)
                    next = from;
                break;
            }
        }
    }
    return next;
}

void ScheduledRoutines::markDone(const QString& routine, QDate day)
{
    if (!m_done.contains(routine) || m_done.value(routine) < day)
        m_done.insert(routine, day);
}

bool ScheduledRoutines::isDone(const QString& routine, QDate day) const
{
    return m_done.contains(routine) && m_done.value(routine) >= day;
}

} // namespace deskbreak::core
