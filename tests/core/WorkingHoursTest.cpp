#include "core/WorkingHours.h"

#include <doctest/doctest.h>

using deskbreak::core::WorkingHours;

namespace {
QDateTime at(int day, int h, int m)
{
    return QDateTime(QDate(2026, 3, day), QTime(h, m), Qt::UTC);
} // 2 = Monday
const std::bitset<7> weekdays("0011111");
WorkingHours parse(const QString& w, std::bitset<7> days = std::bitset<7>{}.set())
{
    QString error;
    auto wh = WorkingHours::parse(w, days, &error);
    REQUIRE_MESSAGE(wh.has_value(), error.toStdString());
    return *wh;
}
} // namespace

TEST_CASE("all day on every day contains everything and never ends")
{
    const WorkingHours always;
    CHECK(always.contains(at(2, 3, 0)));
    CHECK(always.contains(at(8, 23, 59)));
    CHECK_FALSE(always.nextEnd(at(2, 3, 0)));
}

TEST_CASE("a daytime window on weekdays")
{
    const WorkingHours wh = parse("09:00-17:30", weekdays);
    CHECK_FALSE(wh.contains(at(2, 8, 59)));
    CHECK(wh.contains(at(2, 9, 0)));
    CHECK(wh.contains(at(2, 17, 29)));
    CHECK_FALSE(wh.contains(at(2, 17, 30)));
    CHECK_FALSE(wh.contains(at(7, 10, 0))); // Saturday
    CHECK(*wh.nextStart(at(2, 7, 0)) == at(2, 9, 0));
    CHECK(*wh.nextStart(at(6, 18, 0)) == at(9, 9, 0)); // Friday evening -> Monday
    CHECK(*wh.nextEnd(at(2, 10, 0)) == at(2, 17, 30));
}

TEST_CASE("a window across midnight belongs to the day it starts")
{
    const WorkingHours wh = parse("22:00-02:00", std::bitset<7>("0000001")); // Mondays only
    CHECK(wh.contains(at(2, 23, 0)));
    CHECK(wh.contains(at(3, 1, 0)));       // Tuesday 01:00, still Monday's window
    CHECK_FALSE(wh.contains(at(2, 1, 0))); // Monday 01:00 is Sunday's window
    CHECK_FALSE(wh.contains(at(3, 23, 0)));
}

TEST_CASE("weekday names")
{
    CHECK(WorkingHours::weekdayIndex("mon") == 0);
    CHECK(WorkingHours::weekdayIndex("Sunday") == 6);
    CHECK_FALSE(WorkingHours::weekdayIndex("mo"));
    CHECK_FALSE(WorkingHours::weekdayIndex("monx"));
}

TEST_CASE("malformed windows are refused with a reason")
{
    QString error;
    for (const char* bad :
         {"9-17", "09:00", "09:00-17", "25:00-26:00", "09:00-09:00", "nine to five"}) {
        CAPTURE(bad);
        CHECK_FALSE(WorkingHours::parse(bad, {}, &error));
        CHECK_FALSE(error.isEmpty());
    }
}

TEST_CASE("no day enabled: never inside")
{
    const WorkingHours none = parse("", {});
    CHECK_FALSE(none.contains(at(2, 12, 0)));
    CHECK_FALSE(none.nextStart(at(2, 12, 0)));
}
