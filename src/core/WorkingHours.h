#pragma once

#include <QDateTime>
#include <QString>
#include <QTime>
#include <bitset>
#include <optional>

namespace deskbreak::core {

// When reminders may be shown: a daily window (may cross midnight) on chosen weekdays.
class WorkingHours {
public:
    // Always: every day, all day.
    WorkingHours() = default;
    WorkingHours(QTime start, QTime end, std::bitset<7> days);

    // Parses "" (all day) or "HH:MM-HH:MM"; nullopt and a message when malformed.
    static std::optional<WorkingHours> parse(const QString& window, std::bitset<7> days,
                                             QString* error);
    // Monday = bit 0 ... Sunday = bit 6, as in QDate::dayOfWeek() - 1.
    static std::optional<int> weekdayIndex(const QString& name);

    bool contains(const QDateTime& wall) const;
    // The next moment at or after `wall` that is inside; nullopt when no day is enabled.
    std::optional<QDateTime> nextStart(const QDateTime& wall) const;
    // The first moment after `wall` that is outside; nullopt when always inside.
    std::optional<QDateTime> nextEnd(const QDateTime& wall) const;

    bool allDay() const { return !m_start.isValid(); }
    std::bitset<7> days() const { return m_days; }
    QString windowText() const;
    bool operator==(const WorkingHours&) const = default;

private:
    QTime m_start; // invalid = all day
    QTime m_end;
    std::bitset<7> m_days = std::bitset<7>{}.set();
};

} // namespace deskbreak::core
