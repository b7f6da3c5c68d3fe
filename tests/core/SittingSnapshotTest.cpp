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

TEST_CASE("a hand-edited snapshot with huge, negative or far-off values is refused, not applied")
{
    const QByteArray good = [] {
        SittingSnapshot s;
        s.savedAt = QDateTime(QDate(2026, 3, 2), QTime(10, 0), Qt::UTC);
        s.pausedUntil = QDateTime(QDate(2026, 3, 3), QTime(10, 0), Qt::UTC);
        return s.toJson();
    }();
    QString error;
    REQUIRE_MESSAGE(SittingSnapshot::fromJson(good, &error), error.toStdString());
    const struct {
        QByteArray from, to, why;
    } cases[] = {
        {"\"sitting_ms\":0", "\"sitting_ms\":9223372036854775807",
         "sitting_ms = 9223372036854775807 is out of range"},
        {"\"sitting_ms\":0", "\"sitting_ms\":1e300", "sitting_ms = 1e+300 is out of range"},
        {"\"sitting_ms\":0", "\"sitting_ms\":-1", "sitting_ms = -1 is out of range"},
        {"\"sitting_ms\":0", "\"sitting_ms\":1.5", "sitting_ms = 1.5 is out of range"},
        {"\"away_ms\":0", "\"away_ms\":31708800001", "away_ms"},
        {"\"until_reminder_ms\":0", "\"until_reminder_ms\":-9223372036854775808",
         "until_reminder_ms"},
        // A reminder a month ahead was never written by deskbreak: a week is the most.
        {"\"until_reminder_ms\":0", "\"until_reminder_ms\":2592000000", "until_reminder_ms"},
        {"\"snoozes_used\":0", "\"snoozes_used\":4294967297", "snoozes_used"},
        {"\"snoozes_used\":0", "\"snoozes_used\":-3", "snoozes_used"},
        {"2026-03-02T10:00:00.000Z", "0001-01-01T00:00:00.000Z", "saved_at"},
        {"2026-03-02T10:00:00.000Z", "9999-12-31T00:00:00.000Z", "saved_at"},
        {"2026-03-03T10:00:00.000Z", "2027-03-03T10:00:00.000Z", "paused_until"},
    };
    for (const auto& c : cases) {
        const QByteArray data = QByteArray(good).replace(c.from, c.to);
        CAPTURE(data.toStdString());
        REQUIRE(data != good);
        error.clear();
        CHECK_FALSE(SittingSnapshot::fromJson(data, &error));
        CHECK_MESSAGE(error.contains(QString::fromUtf8(c.why)), error.toStdString());
    }
}
