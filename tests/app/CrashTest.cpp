// kill -9 at random moments, a hundred times, while the real daemon records
// events: nothing it acknowledged may be lost, the database must stay sound,
// and the sitting time must carry over each restart.
#include "app/ControlServer.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <doctest/doctest.h>
#include <random>

namespace {

struct Sandbox {
    Sandbox()
    {
        REQUIRE(home.isValid());
        for (const char* sub : {"config/deskbreak", "data", "state", "runtime"})
            QDir().mkpath(home.filePath(sub));
        QFile::setPermissions(home.filePath("runtime"),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        env.insert("HOME", home.path());
        env.insert("XDG_CONFIG_HOME", home.filePath("config"));
        env.insert("XDG_DATA_HOME", home.filePath("data"));
        env.insert("XDG_STATE_HOME", home.filePath("state"));
        env.insert("XDG_RUNTIME_DIR", home.filePath("runtime"));
        env.insert("QT_QPA_PLATFORM", "offscreen");
        env.remove("DBUS_SESSION_BUS_ADDRESS");
        env.remove("DISPLAY");
        // This process talks to the daemon through the same runtime dir.
        qputenv("XDG_RUNTIME_DIR", home.filePath("runtime").toUtf8());
        QFile config(home.filePath("config/deskbreak/config.toml"));
        REQUIRE(config.open(QIODevice::WriteOnly));
        // Short enough that events come every few seconds; natural_break long enough
        // that a restart continues the sitting stretch.
        config.write(
            "[schedule]\ninterval = \"10s\"\noverload_after = \"10s\"\nnatural_break = \"2m\"\n"
            "snooze = \"5s\"\nmax_snoozes = 0\nremind_again = \"5s\"\n[log]\nlevel = \"info\"\n");
    }
    QTemporaryDir home;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
};

QJsonObject request(const QString& command)
{
    bool connected = false;
    return deskbreak::app::sendControlRequest({{"command", command}}, 2000, &connected);
}

qint64 sittingSeconds()
{
    const QJsonObject status = request("status");
    return status.value("ok").toBool() ? status.value("sitting_seconds").toInteger() : -1;
}

} // namespace

TEST_CASE("100 kills at random moments lose nothing acknowledged and keep the sitting time")
{
    Sandbox box;
    std::mt19937 rng(20261122);
    std::uniform_int_distribution<int> lifeMs(300, 2500);
    std::uniform_int_distribution<int> action(0, 9);

    qint64 sittingAtKill = -1;
    QDateTime killedAt;
    int carriedOver = 0;
    for (int round = 0; round < 100; ++round) {
        CAPTURE(round);
        QProcess daemon;
        daemon.setProcessEnvironment(box.env);
        daemon.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        daemon.start(QStringLiteral(DESKBREAK_BINARY), {});
        REQUIRE(daemon.waitForStarted(5000));
        qint64 sitting = -1;
        for (int i = 0; i < 100 && sitting < 0; ++i) {
            QThread::msleep(30);
            sitting = sittingSeconds();
        }
        REQUIRE_MESSAGE(sitting >= 0, "the daemon did not answer");
        if (sittingAtKill >= 0) {
            const qint64 gap = killedAt.secsTo(QDateTime::currentDateTime());
            // Carried over: what it had, plus the time it was down (counted as sitting).
            CHECK(sitting >= sittingAtKill);
            CHECK(sitting <= sittingAtKill + gap + 2);
            carriedOver += sitting >= sittingAtKill;
        }
        // Some user commands, so that more kinds of events are in flight.
        const int a = action(rng);
        if (a == 0)
            request("snooze");
        else if (a == 1)
            request("skip");
        QThread::msleep(lifeMs(rng));
        sittingAtKill = sittingSeconds();
        killedAt = QDateTime::currentDateTime();
        daemon.kill(); // SIGKILL
        REQUIRE(daemon.waitForFinished(5000));
    }
    CHECK(carriedOver == 99);

    // What the daemon said it recorded (it logs only after the commit) ...
    QFile log(box.home.filePath("state/deskbreak/deskbreak.log"));
    REQUIRE(log.open(QIODevice::ReadOnly));
    const QRegularExpression recorded(QStringLiteral("recorded event (\\w+) at (\\S+)"));
    QStringList acknowledged;
    for (const QByteArray& line : log.readAll().split('\n')) {
        const auto m = recorded.match(QString::fromUtf8(line));
        if (m.hasMatch())
            acknowledged.append(m.captured(1) + u' ' + m.captured(2));
    }
    CHECK(acknowledged.size() > 20);

    // ... is all in the database, which is sound.
    QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "crash-check");
    db.setDatabaseName(box.home.filePath("data/deskbreak/history.sqlite"));
    REQUIRE(db.open());
    {
        QSqlQuery q(db);
        REQUIRE(q.exec("PRAGMA integrity_check"));
        REQUIRE(q.next());
        CHECK(q.value(0).toString() == "ok");
        REQUIRE(q.exec("SELECT kind, at_ms FROM events"));
        QStringList stored;
        while (q.next())
            stored.append(
                q.value(0).toString() + u' ' +
                QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong()).toString(Qt::ISODate));
        for (const QString& event : acknowledged) {
            CHECK_MESSAGE(stored.removeOne(event), event.toStdString());
        }
        MESSAGE("acknowledged events: " << acknowledged.size()
                                        << ", stored beyond them: " << stored.size());
    }
    db.close();
}
