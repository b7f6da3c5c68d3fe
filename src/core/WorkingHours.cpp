#include "core/WorkingHours.h"

#include <QRegularExpression>
#include <QStringList>
#include <QTimeZone>

namespace deskbreak::core {

WorkingHours::WorkingHours(QTime start, QTime end, std::bitset<7> days)
    : m_start(start)
    , m_end(end)
    , m_days(days)
{
}

std::optional<WorkingHours> WorkingHours::parse(const QString& window, std::bitset<7> days,
                                                QString* error)
{
    const QString w = window.trimmed();
    if (w.isEmpty())
        return WorkingHours(QTime(), QTime(), days);
    static const QRegularExpression re(
        QStringLiteral("^(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})$"));
    const auto m = re.match(w);
    if (!m.hasMatch()) {
        *error =
            QStringLiteral("working hours must be \"\" or \"HH:MM-HH:MM\", e.g. \"09:00-18:00\"");
        return std::nullopt;
    }
    const QTime start(m.captured(1).toInt(), m.captured(2).toInt());
    const QTime end(m.captured(3).toInt(), m.captured(4).toInt());
    if (!start.isValid() || !end.isValid()) {
        *error =
            QStringLiteral("\"%1\" has a time that does not exist (hours 00-23, minutes 00-59)")
                .arg(w);
        return std::nullopt;
    }
    if (start == end) {
        *error =
            QStringLiteral("working hours start and end at the same time; use \"\" for all day");
        return std::nullopt;
    }
    return WorkingHours(start, end, days);
}

std::optional<int> WorkingHours::weekdayIndex(const QString& name)
{
    static const QStringList shortNames = {
        QStringLiteral("mon"), QStringLiteral("tue"), QStringLiteral("wed"), QStringLiteral("thu"),
        QStringLiteral("fri"), QStringLiteral("sat"), QStringLiteral("sun")};
    static const QStringList longNames = {QStringLiteral("monday"),    QStringLiteral("tuesday"),
                                          QStringLiteral("wednesday"), QStringLiteral("thursday"),
                                          QStringLiteral("friday"),    QStringLiteral("saturday"),
                                          QStringLiteral("sunday")};
    const QString n = name.trimmed().toLower();
    qsizetype i = shortNames.indexOf(n);
    if (i < 0)
        i = longNames.indexOf(n);
    if (i < 0)
        return std::nullopt;
    return int(i);
}

bool WorkingHours::contains(const QDateTime& wall) const
{
    const QDate day = wall.date();
    const int dow = day.dayOfWeek() - 1;
    if (allDay())
        return m_days.test(dow);
    const QTime t = wall.time();
    if (m_start < m_end)
        return m_days.test(dow) && t >= m_start && t < m_end;
    // Overnight window: the part after midnight belongs to the previous day's window.
    if (t >= m_start)
        return m_days.test(dow);
    if (t < m_end)
        return m_days.test((dow + 6) % 7);
    return false;
}

std::optional<QDateTime> WorkingHours::nextStart(const QDateTime& wall) const
{
    if (m_days.none())
        return std::nullopt;
    if (contains(wall))
        return wall;
    const QTime startOfWindow = allDay() ? QTime(0, 0) : m_start;
    for (int d = 0; d <= 8; ++d) {
        const QDate date = wall.date().addDays(d);
        if (!m_days.test(date.dayOfWeek() - 1))
            continue;
        QDateTime candidate(date, startOfWindow, wall.timeSpec());
        if (wall.timeSpec() == Qt::TimeZone)
            candidate = QDateTime(date, startOfWindow, wall.timeZone());
        if (candidate > wall)
            return candidate;
    }
    return std::nullopt;
}

std::optional<QDateTime> WorkingHours::nextEnd(const QDateTime& wall) const
{
    if (allDay() && m_days.all())
        return std::nullopt;
    // Step through the boundaries of the next eight days; windows change only at these.
    QDateTime t = wall;
    for (int i = 0; i < 8 * 3; ++i) {
        if (!contains(t))
            return t;
        const QDate date = t.date();
        QDateTime next;
        for (const QTime boundary : {m_start, m_end}) {
            if (!boundary.isValid())
                continue;
            QDateTime b(date, boundary, t.timeSpec());
            if (b > t && (!next.isValid() || b < next))
                next = b;
        }
        if (!next.isValid())
            next = QDateTime(date.addDays(1), QTime(0, 0), t.timeSpec());
        t = next;
    }
    return std::nullopt;
}

QString WorkingHours::windowText() const
{
    if (allDay())
        return QString();
    return m_start.toString(QStringLiteral("HH:mm")) + u'-' +
           m_end.toString(QStringLiteral("HH:mm"));
}

} // namespace deskbreak::core
