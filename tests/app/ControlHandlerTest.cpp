// The control handler on the real sitting and config services (fake clock, fake idle,
// memory history, a private config folder) and a fake presentation: each command reaches
// the right service, and the reply says what came of it.
#include "app/ControlHandler.h"

#include "ServicesRig.h"
#include "app/ControlProtocol.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QSet>
#include <doctest/doctest.h>
#include <limits>

using namespace deskbreak;
using namespace std::chrono_literals;
using app::ControlHandler;
using test::Rig;
namespace key = app::control::key;

namespace {

bool ok(const QJsonObject& reply)
{
    return reply.value("ok").toBool();
}

} // namespace

TEST_CASE("status has exactly the table's keys, filled from the services")
{
    Rig rig;
    rig.clock.advance(30s);
    rig.sitting->wake();
    const QJsonObject reply = rig.send("status");
    CHECK(ok(reply));
    QStringList expected{"ok"};
    for (QLatin1StringView k : app::control::kStatusKeys)
        expected << k;
    QStringList got = reply.keys();
    expected.sort();
    got.sort();
    CHECK(got == expected);
    CHECK(reply.value(key::state) == "sitting");
    CHECK(reply.value(key::sittingSeconds) == 30);
    CHECK(reply.value(key::secondsToNextBreak) == 3600 - 30);
    CHECK(reply.value(key::idleBackend) == "fake");
    CHECK(reply.value(key::sessionType) == "x11");
    CHECK(reply.value(key::notificationBackend) == "recording");
    CHECK(reply.value(key::trayAvailable) == false);
    CHECK(reply.value(key::routine) == "desk-break");
    CHECK(reply.value(key::intervalSeconds) == 3600);
    CHECK(reply.value(key::pid) == 4242);
    CHECK(reply.value(key::version) == "9.9");
    CHECK(reply.value(key::pausedUntil).isNull());
}

TEST_CASE("break, skip during a break, pause, resume: each reaches the sitting service")
{
    Rig rig;
    QJsonObject reply = rig.send("break");
    CHECK(ok(reply));
    CHECK(reply.value(key::state) == "break"); // the reply carries the new status
    CHECK(reply.value(key::breakWindowOpen) == true);

    reply = rig.send("skip"); // on a break: ends it
    CHECK(reply.value(key::state) == "sitting");
    CHECK(reply.value(key::breakWindowOpen) == false);

    reply = rig.send({{"command", "pause"}, {"seconds", 1800}});
    CHECK(ok(reply));
    CHECK(reply.value(key::state) == "paused");
    CHECK(reply.value(key::pausedUntil).toString() ==
          rig.clock.wall().addSecs(1800).toString(Qt::ISODate));

    reply = rig.send("resume");
    CHECK(reply.value(key::state) == "sitting");
    CHECK(reply.value(key::pausedUntil).isNull());

    reply = rig.send({{"command", "pause"}, {"until_tomorrow", true}});
    CHECK(reply.value(key::state) == "paused");
    CHECK(QDateTime::fromString(reply.value(key::pausedUntil).toString(), Qt::ISODate).time() ==
          QTime(0, 0));
}

TEST_CASE("snooze: refused before a break is due and at the limit, else for the length asked")
{
    Rig rig;
    QJsonObject reply = rig.send("snooze");
    CHECK_FALSE(ok(reply));
    CHECK(reply.value("error") == "no break is due");

    rig.sitUntilDue();
    reply = rig.send({{"command", "snooze"}, {"seconds", 120}});
    CHECK(ok(reply));
    CHECK(reply.value(key::snoozed) == true);
    CHECK(reply.value(key::snoozesUsed) == 1);
    CHECK(reply.value(key::secondsToNextBreak) == 120);

    reply = rig.send("skip"); // not on a break: skips the due one
    CHECK(ok(reply));
    CHECK(reply.value(key::due) == false);

    // max_snoozes = 3 by default: the fourth in a row is refused.
    rig.sitUntilDue();
    for (int i = 0; i < 3; ++i) {
        CHECK(ok(rig.send("snooze")));
        rig.sitUntilDue();
    }
    reply = rig.send("snooze");
    CHECK_FALSE(ok(reply));
    CHECK(reply.value("error") == "the snooze limit is reached");
}

TEST_CASE("pause needs a duration or until_tomorrow, and numbers out of range are refused")
{
    Rig rig;
    QJsonObject reply = rig.send("pause");
    CHECK_FALSE(ok(reply));
    CHECK(reply.value("error") == "pause needs a duration or --until-tomorrow");

    const qint64 max = app::control::kMaxSeconds.count();
    const QList<QJsonValue> bad = {0,
                                   -5,
                                   1.5,
                                   QStringLiteral("60"),
                                   true,
                                   1e30,
                                   std::numeric_limits<qint64>::max(),
                                   max + 1,
                                   QJsonArray{60}};
    for (const char* command : {"pause", "snooze"}) {
        for (const QJsonValue& seconds : bad) {
            CAPTURE(command);
            CAPTURE(seconds.toVariant().toString().toStdString());
            reply = rig.send({{"command", command}, {"seconds", seconds}});
            CHECK_FALSE(ok(reply));
            CHECK(reply.value("error").toString() ==
                  QStringLiteral("seconds must be a whole number from 1 to %1").arg(max));
        }
    }
    CHECK(rig.send("status").value(key::state) == "sitting"); // nothing was applied

    reply = rig.send({{"command", "pause"}, {"seconds", max}}); // the limit itself is fine
    CHECK(ok(reply));
    CHECK(reply.value(key::state) == "paused");
}

TEST_CASE("reload says \"config reloaded\", or the problem as a warning")
{
    Rig rig;
    QJsonObject reply = rig.send("reload");
    CHECK(ok(reply));
    CHECK(reply.value("message") == "config reloaded");
    CHECK(reply.contains(key::state));

    QFile file(rig.home.filePath("config/config.toml"));
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write("[schedule]\ninterval = \"45m\"\n");
    file.close();
    reply = rig.send("reload");
    CHECK(reply.value("message") == "config reloaded");
    CHECK(reply.value(key::intervalSeconds) == 3600); // applied by the daemon's wiring, not here
    CHECK(rig.config->schedule().interval == 45min);

    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write("[schedule]\ninterval = 45\n");
    file.close();
    reply = rig.send("reload");
    CHECK(ok(reply));
    CHECK(reply.value("warning").toString().contains("interval = 45 has no unit"));
}

TEST_CASE("show and quit are carried out after the reply")
{
    Rig rig;
    QJsonObject reply = rig.send("show");
    CHECK(ok(reply));
    CHECK(reply.contains(key::state));
    CHECK(rig.presentation.shown == 0);
    QCoreApplication::processEvents();
    CHECK(rig.presentation.shown == 1);

    reply = rig.send("quit");
    CHECK(ok(reply));
    CHECK(reply.value("message") == "deskbreak is quitting");
    CHECK(rig.quits == 0);
    QCoreApplication::processEvents();
    CHECK(rig.quits == 1);
}

TEST_CASE("unknown commands, and the command line's own, are refused")
{
    Rig rig;
    for (const QString& command : {QStringLiteral("nap"), QString(), QStringLiteral("doctor"),
                                   QStringLiteral("stats"), QStringLiteral("check-config")}) {
        const QJsonObject reply = rig.send(command);
        CHECK_FALSE(ok(reply));
        CHECK(reply.value("error") == QStringLiteral("unknown command \"%1\"").arg(command));
    }
    CHECK_FALSE(ok(rig.send(QJsonObject{{"seconds", 5}})));
    const QJsonObject longName = rig.send(QString(500, u'x'));
    CHECK(longName.value("error").toString().size() < 80); // not echoed in full
}

TEST_CASE("break ROUTINE: plays that routine; an unknown one is a usage error naming them all")
{
    Rig rig;
    QJsonObject reply = rig.send({{"command", "break"}, {"routine", "nosuch"}});
    CHECK_FALSE(ok(reply));
    CHECK(reply.value("usage") == true);
    const QStringList names = rig.config->content().routines.keys();
    REQUIRE(names.contains("desk-break"));
    CHECK(reply.value("error") ==
          "no routine named \"nosuch\"; the routines are: " + names.join(", "));
    CHECK_FALSE(ok(rig.send({{"command", "break"}, {"routine", 7}})));
    CHECK(rig.presentation.asked.isEmpty());
    CHECK(rig.sitting->status().phase == app::SittingService::Phase::Sitting);

    reply = rig.send({{"command", "break"}, {"routine", "morning"}});
    REQUIRE(ok(reply));
    CHECK(rig.presentation.asked == QStringList{"morning"});
    CHECK(reply.value(key::state) == "break");
    CHECK(reply.value(key::breakRoutine) == "morning");
    CHECK(reply.value("message").toString().startsWith("break started: Morning wake-up, "));
    CHECK(reply.value("message").toString().endsWith(" min"));

    // One break at a time: asking again brings it to the front, and says so.
    reply = rig.send({{"command", "break"}, {"routine", "evening"}});
    CHECK(ok(reply));
    CHECK(rig.presentation.raised == 1);
    CHECK(rig.presentation.asked == QStringList{"morning"});
    CHECK(reply.value("message").toString().startsWith("a break is already on (Morning wake-up, "));
    CHECK(reply.value(key::breakRoutine) == "morning");

    rig.send("skip");
    reply = rig.send("break"); // no name: the presentation's choice
    CHECK(rig.presentation.asked == QStringList{"morning", ""});
    CHECK(reply.value(key::breakRoutine) == "desk-break");
    rig.send("skip");
    CHECK(rig.send("status").value(key::breakRoutine).isNull());
}

TEST_CASE("status states: due, on break with the time left, paused, away, each in its place")
{
    namespace state = app::control::state;
    Rig rig;
    const auto iso = [](const QDateTime& t) { return t.toUTC().toString(Qt::ISODate); };
    rig.clock.advance(30s);
    rig.sitting->wake();
    QJsonObject s = rig.send("status");
    CHECK(s.value(key::state) == state::sitting);
    CHECK(s.value(key::sittingSince) == iso(rig.clock.wall().addSecs(-30)));
    CHECK(s.value(key::nextBreakAt) == iso(rig.clock.wall().addSecs(3600 - 30)));
    CHECK(s.value(key::breakSecondsLeft).isNull());
    CHECK(s.value(key::breakSeconds).isNull());

    rig.sitUntilDue();
    s = rig.send("status");
    CHECK(s.value(key::state) == state::due); // not "sitting" any more
    CHECK(s.value(key::nextBreakAt).isNull());
    CHECK(s.value(key::secondsToNextBreak) == 0);

    s = rig.send("snooze"); // snoozed: sitting again, with the snooze's end as the next break
    CHECK(s.value(key::state) == state::sitting);
    CHECK(s.value(key::snoozed) == true);
    CHECK(s.value(key::nextBreakAt) == iso(rig.clock.wall().addSecs(600)));

    rig.send("skip"); // a fresh one: due, not snoozed (a snoozed break stays due)
    rig.sitUntilDue();
    const QDateTime breakStart = rig.clock.wall();
    const qint64 sat = rig.sitting->status().sitting.count();
    rig.presentation.playing = ControlHandler::Presentation::BreakTime{150s, 180s};
    s = rig.send("break");
    CHECK(s.value(key::state) == state::onBreak);
    CHECK(s.value(key::breakSecondsLeft) == 150); // not "next break in 0s"
    CHECK(s.value(key::breakSeconds) == 180);
    CHECK(s.value(key::nextBreakAt).isNull());
    rig.clock.advance(20s);
    s = rig.send("status"); // the stretch the break interrupted, not the break's time
    CHECK(s.value(key::sittingSeconds) == sat);
    CHECK(QDateTime::fromString(s.value(key::sittingSince).toString(), Qt::ISODate).addSecs(sat) ==
          QDateTime::fromString(iso(breakStart), Qt::ISODate));

    s = rig.send("skip"); // 20 s: longer than a routine of none, so it counts
    CHECK(s.value(key::state) == state::sitting);
    CHECK(s.value(key::sittingSeconds) == 0);

    rig.sitUntilDue();
    s = rig.send({{"command", "pause"}, {"seconds", 1800}});
    CHECK(s.value(key::state) == state::paused); // a pause comes before a due break
    CHECK(s.value(key::nextBreakAt).isNull());
    s = rig.send("resume");
    CHECK(s.value(key::state) == state::due);

    rig.idle->idle = 10min; // away: a natural break
    rig.clock.advance(10min);
    rig.sitting->wake();
    s = rig.send("status");
    CHECK(s.value(key::state) == state::away);
    CHECK(s.value(key::sittingSince).isNull());
    CHECK(s.value(key::nextBreakAt).isNull());
}

TEST_CASE("every state is named once, and read as people say it")
{
    QSet<QString> names;
    for (QLatin1StringView s : app::control::kStates)
        names.insert(s);
    CHECK(names.size() == qsizetype(app::control::kStates.size()));
    CHECK(app::control::stateLabel(app::control::state::onBreak) == "on break");
    CHECK(app::control::stateLabel(app::control::state::due) == "break due");
    CHECK(app::control::stateLabel(app::control::state::away) == "away");
}
