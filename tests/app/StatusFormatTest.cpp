// What the command line prints of a status: the panel line, waybar's object, the tooltip
// and `deskbreak status`, for each state.
#include "app/StatusFormat.h"

#include "app/ControlProtocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <doctest/doctest.h>

using namespace deskbreak::app;
namespace key = control::key;
namespace state = control::state;

namespace {

const QDateTime kNow(QDate(2026, 3, 2), QTime(13, 20, 10)); // local time

QString utc(const QDateTime& t)
{
    return t.toUTC().toString(Qt::ISODate);
}

// A status as the daemon sends it, sitting for `sat` seconds of a 60-minute interval.
QJsonObject sitting(qint64 sat)
{
    return {{key::state, QString(state::sitting)},
            {key::sittingSeconds, sat},
            {key::secondsToNextBreak, 3600 - sat},
            {key::nextBreakAt, utc(kNow.addSecs(3600 - sat))},
            {key::breakSecondsLeft, QJsonValue()},
            {key::breakSeconds, QJsonValue()},
            {key::pausedUntil, QJsonValue()},
            {key::overload, false},
            {key::snoozed, false},
            {key::intervalSeconds, 3600},
            {key::breaksToday, 2},
            {key::breaksEndedEarlyToday, 0},
            {key::snoozesLeft, 3},
            {key::idleBackend, "x11-sync"},
            {key::notificationBackend, "freedesktop"},
            {key::trayAvailable, true}};
}

} // namespace

TEST_CASE("minutes for a panel: under a minute, minutes, hours")
{
    using statusformat::minutes;
    CHECK(minutes(0) == "<1m");
    CHECK(minutes(59) == "<1m");
    CHECK(minutes(60) == "1m");
    CHECK(minutes(61) == "1m");
    CHECK(minutes(59 * 60 + 59) == "59m");
    CHECK(minutes(3600) == "1h 00m");
    CHECK(minutes(3600 + 5 * 60) == "1h 05m");
    CHECK(minutes(1, true) == "1m"); // time to go rounds up
    CHECK(minutes(61, true) == "2m");
    CHECK(minutes(120, true) == "2m");
}

TEST_CASE("one line per state, as a panel shows it")
{
    using statusformat::line;
    QJsonObject s = sitting(42 * 60 + 30);
    CHECK(line(s, kNow) == "sitting 42m · break at 13:37");

    s.insert(key::snoozed, true);
    CHECK(line(s, kNow) == "sitting 42m · snoozed to 13:37");

    s = sitting(3600);
    s.insert(key::state, QString(state::due));
    s.insert(key::nextBreakAt, QJsonValue());
    CHECK(line(s, kNow) == "break due · sitting 1h 00m");

    s = sitting(0);
    s.insert(key::state, QString(state::onBreak));
    s.insert(key::breakSecondsLeft, 130);
    s.insert(key::breakSeconds, 180);
    CHECK(line(s, kNow) == "on break · 3m left"); // never "next break in 0s"
    s.insert(key::breakSecondsLeft, QJsonValue());
    CHECK(line(s, kNow) == "on break");

    s = sitting(0);
    s.insert(key::state, QString(state::away));
    CHECK(line(s, kNow) == "away");

    s = sitting(600);
    s.insert(key::state, QString(state::paused));
    s.insert(key::pausedUntil, utc(kNow.addSecs(45 * 60)));
    CHECK(line(s, kNow) == "paused until 14:05");
    s.insert(key::pausedUntil, utc(QDateTime(kNow.date().addDays(1), QTime(0, 0))));
    CHECK(line(s, kNow) == "paused until midnight");
    s.insert(key::pausedUntil, utc(QDateTime(kNow.date().addDays(1), QTime(9, 0))));
    CHECK(line(s, kNow) == "paused until tomorrow 09:00");
}

TEST_CASE("waybar's object: text, tooltip, class, alt and percentage")
{
    QJsonObject s = sitting(45 * 60);
    s.insert(key::overload, true);
    QJsonObject w = statusformat::waybar(s, kNow);
    CHECK(w.keys() == QStringList{"alt", "class", "percentage", "text", "tooltip"});
    CHECK(w["text"] == "sitting 45m · break at 13:35");
    CHECK(w["class"].toArray() == QJsonArray{"sitting", "overload"});
    CHECK(w["alt"] == "sitting");
    CHECK(w["percentage"] == 75);
    CHECK(w["tooltip"] == "deskbreak: sitting\nSitting for 45m, past overload\n"
                          "Next break at 13:35\nBreaks today: 2");

    s = sitting(0);
    s.insert(key::state, QString(state::onBreak));
    s.insert(key::breakSecondsLeft, 45);
    s.insert(key::breakSeconds, 180);
    s.insert(key::breakRoutine, "desk-break");
    w = statusformat::waybar(s, kNow);
    CHECK(w["class"].toArray() == QJsonArray{"break"});
    CHECK(w["percentage"] == 75); // of the break done
    CHECK(w["tooltip"] == "deskbreak: on break\nRoutine: desk-break\n1m left\nBreaks today: 2");

    s.insert(key::state, QString(state::due));
    CHECK(statusformat::waybar(s, kNow)["percentage"] == 100);
    s.insert(key::state, QString(state::away));
    CHECK(statusformat::waybar(s, kNow)["percentage"] == 0);
    CHECK(statusformat::waybar(s, kNow)["tooltip"] == "deskbreak: away\nBreaks today: 2");
}

TEST_CASE("each format's line, and the last line when the daemon is gone")
{
    const QJsonObject s = sitting(600);
    CHECK(statusformat::render("text", s, kNow) == "sitting 10m · break at 14:10");
    const QJsonDocument w =
        QJsonDocument::fromJson(statusformat::render("waybar", s, kNow).toUtf8());
    CHECK(w.object()["text"] == "sitting 10m · break at 14:10");
    QJsonObject withOk = s;
    withOk.insert("ok", true);
    const QString json = statusformat::render("json", withOk, kNow);
    CHECK_FALSE(json.contains('\n'));
    CHECK(QJsonDocument::fromJson(json.toUtf8()).object() == s); // "ok" left out

    CHECK(statusformat::stopped("text") == QString());
    CHECK_FALSE(statusformat::stopped("json"));
    const QJsonObject gone =
        QJsonDocument::fromJson(statusformat::stopped("waybar")->toUtf8()).object();
    CHECK(gone["class"].toArray() == QJsonArray{"stopped"});
    CHECK(gone["text"] == "");
}

TEST_CASE("deskbreak status names the state and, on a break, the time left in it")
{
    QJsonObject s = sitting(600);
    s.insert(key::state, QString(state::onBreak));
    s.insert(key::breakRoutine, "desk-break");
    s.insert(key::breakSecondsLeft, 130);
    s.insert(key::breakSeconds, 180);
    QString text = statusformat::describe(s, kNow);
    CHECK(text.startsWith("state:         on break\nroutine:       desk-break\n"
                          "break left:    2m 10s of 3m\n"));
    CHECK_FALSE(text.contains("next break"));

    s = sitting(3600);
    s.insert(key::state, QString(state::due));
    text = statusformat::describe(s, kNow);
    CHECK(text.contains("state:         break due\n"));
    CHECK(text.contains("next break:    due now\n"));

    text = statusformat::describe(sitting(600), kNow);
    CHECK(text.contains("next break:    in 50m (at 14:10)\n"));
}
