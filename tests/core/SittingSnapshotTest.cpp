#include "core/SittingSnapshot.h"

#include <doctest/doctest.h>

using deskbreak::core::SittingSnapshot;
using namespace std::chrono_literals;

TEST_CASE("a snapshot round-trips through JSON")
{
    SittingSnapshot s;
    s.savedAt = QDateTime(QDate(2026, 3, 2), QTime(10, 15, 30, 250), Qt::UTC);
    s.phase = SittingSnapshot::Phase::Sitting;
    s.sitting = 2520s + 250ms;
    s.untilReminder = -30s;
    s.due = true;
    s.snoozesUsed = 2;
    s.pausedUntil = QDateTime(QDate(2026, 3, 2), QTime(11, 0), Qt::UTC);
    QString error;
    const auto back = SittingSnapshot::fromJson(s.toJson(), &error);
    REQUIRE_MESSAGE(back.has_value(), error.toStdString());
    CHECK(*back == s);
}

TEST_CASE("corrupt or foreign state is refused with a reason, never accepted")
{
    const QByteArray good = [] {
        SittingSnapshot s;
        s.savedAt = QDateTime(QDate(2026, 3, 2), QTime(10, 0), Qt::UTC);
        return s.toJson();
    }();
    const QList<QByteArray> bad = {
        "",
        "\x00\x01\x02garbage",
        "[]",
        "{}",
        R"({"format":"something-else","version":1})",
        QByteArray(good).replace("\"version\":2", "\"version\":99"),
        QByteArray(good).replace("\"phase\":\"sitting\"", "\"phase\":\"dancing\""),
        QByteArray(good).replace("\"sitting_ms\":0", "\"sitting_ms\":\"lots\""),
        QByteArray(good).replace("\"sitting_ms\":0", "\"sitting_ms\":-5"),
        QByteArray(good).replace("\"due\":false", "\"due\":0"),
        good.left(good.size() / 2),
    };
    for (const QByteArray& data : bad) {
        CAPTURE(data.toStdString());
        QString error;
        CHECK_FALSE(SittingSnapshot::fromJson(data, &error));
        CHECK_FALSE(error.isEmpty());
    }
    QString error;
    CHECK(SittingSnapshot::fromJson(good, &error).has_value());
}
