// Input a hostile or clumsy user could give the real binary: special files where
// files are read, numbers past every sane bound, and no home folder at all.
#include "DaemonSandbox.h"
#include "app/SqliteHistoryStore.h"

#include <QLocalSocket>
#include <QStandardPaths>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace deskbreak::test;

namespace {

void makeFifo(const QString& path)
{
    QFile::remove(path);
    REQUIRE(::mkfifo(QFile::encodeName(path).constData(), 0600) == 0);
}

// One line to the daemon's socket, one line back.
QByteArray exchange(const QString& socketPath, const QByteArray& line)
{
    QLocalSocket socket;
    socket.connectToServer(socketPath);
    if (!socket.waitForConnected(2000))
        return {};
    socket.write(line + '\n');
    socket.flush();
    QByteArray reply;
    waitFor(
        [&] {
            socket.waitForReadyRead(10);
            reply += socket.readAll();
            return reply.endsWith('\n');
        },
        5000);
    return reply;
}

QString passwdHome()
{
    const passwd* entry = ::getpwuid(::getuid());
    return entry && entry->pw_dir ? QString::fromLocal8Bit(entry->pw_dir) : QString();
}

} // namespace

TEST_SUITE("fifo")
{
    TEST_CASE("check-config on a FIFO exits 1 at once: not a regular file")
    {
        DaemonSandbox box;
        const QString fifo = box.path("fifo.toml");
        makeFifo(fifo);
        const Run named = box.run({"check-config", fifo}, 5000);
        CHECK_MESSAGE(named.code == 1, "blocked or crashed: " << named.code);
        CHECK(named.err.startsWith(fifo + ":1:1: not a regular file"));

        // The same as the user's own config, a user routine, and a device behind a symlink.
        makeFifo(box.configFile());
        const Run own = box.run({"check-config"}, 5000);
        CHECK(own.code == 1);
        CHECK(own.err.contains(box.configFile() + ":1:1: not a regular file"));
        QFile::remove(box.configFile());
        box.write("config/deskbreak/config.toml", "[schedule]\ninterval = \"45m\"\n");
        QDir().mkpath(box.path("config/deskbreak/routines"));
        makeFifo(box.path("config/deskbreak/routines/pipe.toml"));
        const Run routine = box.run({"check-config"}, 5000);
        CHECK(routine.code == 1);
        CHECK(routine.err.contains("pipe.toml:1:1: not a regular file"));
        const Run listed = box.run({"routines"}, 5000);
        CHECK(listed.code == 0);
        CHECK(listed.out.contains("desk-break"));
        CHECK(listed.err.contains("pipe.toml:1:1: not a regular file"));
        const QString device = box.path("zero.toml");
        REQUIRE(QFile::link("/dev/zero", device));
        const Run zero = box.run({"check-config", device}, 5000);
        CHECK(zero.code == 1);
        CHECK(zero.err.startsWith(device + ":1:1: not a regular file"));
    }

    TEST_CASE("a daemon whose config is replaced by a FIFO keeps running and answers")
    {
        DaemonSandbox box;
        box.write("config/deskbreak/config.toml", "[schedule]\ninterval = \"45m\"\n");
        auto daemon = box.startDaemon();
        REQUIRE(box.status().value("interval_seconds").toInt() == 2700);
        makeFifo(box.configFile());
        CHECK_MESSAGE(
            waitFor([&] { return box.log().contains("config.toml:1:1: not a regular file"); },
                    10000),
            box.log().toStdString());
        const QJsonObject status = box.status();
        CHECK_MESSAGE(!status.isEmpty(), "the daemon does not answer");
        CHECK(status.value("interval_seconds").toInt() == 2700); // the last good config stays
        // A real file again is applied, so the watch survived too.
        QFile::remove(box.configFile());
        box.write("config/deskbreak/config.toml.new", "[schedule]\ninterval = \"50m\"\n");
        REQUIRE(QFile::rename(box.configFile() + ".new", box.configFile()));
        CHECK(
            waitFor([&] { return box.status().value("interval_seconds").toInt() == 3000; }, 10000));
        box.quit(*daemon);
    }

    TEST_CASE("a FIFO or a folder as the state file is moved aside, the daemon starts")
    {
        for (const bool folder : {false, true}) {
            CAPTURE(folder);
            DaemonSandbox box;
            const QString state = box.path("state/deskbreak/state");
            QDir().mkpath(QFileInfo(state).absolutePath());
            if (folder)
                REQUIRE(QDir().mkpath(state));
            else
                makeFifo(state);
            auto daemon = box.startDaemon();
            CHECK(box.log().contains("was not usable (not a regular file); moved it to"));
            CHECK(QFileInfo(state).isFile()); // a fresh one was saved in its place
            box.quit(*daemon);
        }
    }
}

TEST_SUITE("bounds")
{
    TEST_CASE("out-of-range numbers on the socket get an error, the daemon records nothing odd")
    {
        DaemonSandbox box;
        auto daemon = box.startDaemon();
        const QString socket = box.path("runtime/deskbreak.socket");
        const QList<QByteArray> refused = {
            R"({"command":"pause","seconds":9223372036854775807})",
            R"({"command":"snooze","seconds":9223372036854775807})",
            R"({"command":"pause","seconds":-9223372036854775808})",
            R"({"command":"pause","seconds":1e300})",
            R"({"command":"pause","seconds":-5})",
            R"({"command":"pause","seconds":0})",
            R"({"command":"pause","seconds":1.5})",
            R"({"command":"pause","seconds":"600"})",
            R"({"command":"pause","seconds":604801})",
            R"({"command":"pause"})",
            R"({"command":"pause","until_tomorrow":"yes"})",
            R"({"command":"pause","until_tomorrow":true,"seconds":60})",
            R"({"command":"snooze","seconds":0})",
            R"({"command":"snooze","seconds":86401})",
            R"({"command":"snooze","seconds":-1})",
            R"({"command":42})",
        };
        for (const QByteArray& line : refused) {
            CAPTURE(line.toStdString());
            const QJsonObject reply = QJsonDocument::fromJson(exchange(socket, line)).object();
            CHECK(reply.value("ok") == false);
            CHECK_FALSE(reply.value("error").toString().isEmpty());
        }
        CHECK(daemon->state() == QProcess::Running);
        QJsonObject status = box.status();
        REQUIRE_FALSE(status.isEmpty());
        CHECK(status.value("paused_until").isNull());

        // The limit itself is accepted: a week's pause.
        const QJsonObject week =
            QJsonDocument::fromJson(exchange(socket, R"({"command":"pause","seconds":604800})"))
                .object();
        CHECK(week.value("ok") == true);
        status = box.status();
        const QDateTime until =
            QDateTime::fromString(status.value("paused_until").toString(), Qt::ISODate);
        CHECK(qAbs(QDateTime::currentDateTime().secsTo(until) - 604800) < 60);
        box.quit(*daemon);

        // One pause in the history, of a week: nothing from the refused requests.
        deskbreak::app::SqliteHistoryStore history(
            box.path("data/deskbreak/history.sqlite"),
            deskbreak::app::SqliteHistoryStore::Mode::ReadOnly);
        QString error;
        REQUIRE_MESSAGE(history.open(&error), error.toStdString());
        int pauses = 0;
        for (const auto& e : history.events(QDateTime::currentDateTime().addDays(-1),
                                            QDateTime::currentDateTime().addDays(1))) {
            CHECK(e.seconds.count() >= 0);
            CHECK(e.seconds.count() <= 604800);
            pauses += e.kind == deskbreak::core::HistoryEvent::Kind::Paused;
        }
        CHECK(pauses == 1);
    }

    TEST_CASE("the command line refuses durations and counts past the limits, before sending")
    {
        DaemonSandbox box; // no daemon runs: a valid request would exit 3 (no daemon)
        const struct {
            QStringList args;
            const char* why;
        } cases[] = {
            {{"pause", "99999999h"}, "longer than a year"},
            {{"pause", "9999999999999h"}, "too large"},
            {{"pause", "169h"}, "at most 168h (a week)"},
            {{"snooze", "24h1s"}, "at most 24h (a day)"},
            {{"snooze", "0s"}, "above 0"},
            {{"stats", "--days", "99999999999"}, "N from 1 to 366"},
            {{"stats", "--days", "-1"}, "N from 1 to 366"},
            {{"stats", "--days", "367"}, "N from 1 to 366"},
        };
        for (const auto& c : cases) {
            CAPTURE(c.args.join(' ').toStdString());
            const Run r = box.run(c.args);
            CHECK(r.code == 2);
            CHECK_MESSAGE(r.err.contains(c.why), r.err.toStdString());
        }
        CHECK(box.run({"pause", "168h"}).code == 3);
        CHECK(box.run({"snooze", "24h"}).code == 3);
    }

    TEST_CASE("a hand-edited state file with huge values is moved aside, not applied")
    {
        DaemonSandbox box;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        box.write(
            "state/deskbreak/state",
            QStringLiteral(R"({"format":"deskbreak-state","version":2,"saved_at":"%1",)"
                           R"("phase":"sitting","sitting_ms":9223372036854775807,)"
                           R"("away_ms":0,"until_reminder_ms":0,"due":false,"snoozes_used":0})")
                .arg(now.toString(Qt::ISODateWithMs))
                .toUtf8());
        auto daemon = box.startDaemon();
        CHECK(box.log().contains("sitting_ms = 9223372036854775807 is out of range"));
        CHECK(box.status().value("sitting_seconds").toInteger() < 60);
        box.quit(*daemon);
    }
}

TEST_SUITE("home")
{
    TEST_CASE("with HOME unset, empty, relative or /, the password database's home is used")
    {
        const QString home = passwdHome();
        const bool usable = !home.isEmpty() && home != "/" && QFileInfo(home).isDir();
        for (const char* value : {static_cast<const char*>(nullptr), "", "relative/home", "/"}) {
            CAPTURE(value ? value : "(unset)");
            DaemonSandbox box;
            for (const char* name : {"HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"})
                box.env().remove(name);
            if (value)
                box.env().insert("HOME", value);
            // check-config and autostart status only read: nothing is written to that home.
            const Run check = box.run({"check-config"});
            const Run autostart = box.run({"autostart", "status"});
            if (usable) {
                CHECK(check.out.contains(home + "/.config/deskbreak/config.toml"));
                CHECK(autostart.code == 0);
                CHECK(autostart.out.contains(home + "/.config/autostart/deskbreak.desktop"));
            } else {
                CHECK(check.code == 1);
                CHECK(check.err.contains("cannot find your home folder"));
            }
        }
    }

    TEST_CASE("as a user whose passwd home does not exist, every command refuses, nothing under /")
    {
        const passwd* nobody = ::getpwnam("nobody");
        if (::getuid() != 0 || !nobody ||
            QFileInfo::exists(QString::fromLocal8Bit(nobody->pw_dir)) ||
            QStandardPaths::findExecutable("setpriv").isEmpty()) {
            MESSAGE("skipped: needs root, setpriv and a user nobody with no home folder");
            return;
        }
        const QString noHome = QString::fromLocal8Bit(nobody->pw_dir);
        const QStringList underRoot = {"/.config", "/.local", "/.cache", noHome};
        QStringList before;
        for (const QString& p : underRoot)
            if (QFileInfo::exists(p))
                before.append(p);
        const auto asNobody = [](const QStringList& args) {
            QProcess p;
            QProcessEnvironment env; // nothing but a PATH: no HOME, no XDG_* at all
            env.insert("PATH", "/usr/bin:/bin");
            env.insert("QT_QPA_PLATFORM", "offscreen");
            p.setProcessEnvironment(env);
            p.start("setpriv", QStringList{"--reuid=nobody", "--regid=nogroup", "--clear-groups",
                                           "--", QStringLiteral(DESKBREAK_BINARY)} +
                                   args);
            const bool finished = p.waitForFinished(20000);
            if (!finished)
                p.kill();
            return Run{finished ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
                       QString::fromUtf8(p.readAllStandardError())};
        };
        if (asNobody({"--version"}).code != 0) {
            MESSAGE("skipped: nobody cannot run the binary here (folder permissions)");
            return;
        }
        for (const QStringList& args : QList<QStringList>{
                 {}, {"check-config"}, {"autostart", "on"}, {"stats"}, {"status"}, {"routines"}}) {
            CAPTURE(args.join(' ').toStdString());
            const Run r = asNobody(args);
            CHECK(r.code == 1);
            CHECK_MESSAGE(r.err.contains("cannot find your home folder: HOME is not set, and the "
                                         "password database gives " +
                                         noHome + ", which does not exist"),
                          r.err.toStdString());
        }
        for (const QString& p : underRoot)
            CHECK_MESSAGE(QFileInfo::exists(p) == before.contains(p), p.toStdString());
    }
}
