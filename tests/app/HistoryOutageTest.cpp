// The real daemon while its history cannot be written: locked by another program,
// on a full disk, made read-only. It must answer at once all along, tell the user once
// when the outage starts and once when it ends, and afterwards every event it
// acknowledged must be in the database, in order. One scenario per ctest entry; the
// full disk and the read-only file need root and run in a mount namespace of their own
// (tests/support/as-root-with-private-mounts.sh).
#include "DaemonSandbox.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <doctest/doctest.h>
#include <functional>

namespace {

struct Run {
    int code = -1;
    QString out;
    qint64 ms = 0;
};

// DaemonSandbox's private home, with a test config of quick reminders, the daemon kept
// here, and every command timed.
class Sandbox : public deskbreak::test::DaemonSandbox {
public:
    Sandbox()
    {
        QDir().mkpath(dataDir());
        env().remove("DBUS_SESSION_BUS_ADDRESS");
        // Reminders every few seconds: events of the daemon's own on top of the commands.
        write("config/deskbreak/config.toml",
              "[schedule]\ninterval = \"10s\"\noverload_after = \"10s\"\n"
              "natural_break = \"2m\"\nsnooze = \"5s\"\nmax_snoozes = 0\n"
              "remind_again = \"5s\"\n[log]\nlevel = \"info\"\n");
    }
    ~Sandbox()
    {
        if (m_daemon && m_daemon->state() != QProcess::NotRunning) {
            m_daemon->kill();
            m_daemon->waitForFinished(5000);
        }
    }

    QString dataDir() const { return path("data/deskbreak"); }
    QString database() const { return dataDir() + "/history.sqlite"; }

    Run cli(const QStringList& args) const
    {
        QElapsedTimer timer;
        timer.start();
        const deskbreak::test::Run r = run(args);
        REQUIRE(r.code != -1);
        return {r.code, r.out, timer.elapsed()};
    }

    void start()
    {
        m_daemon = startDaemon();
        CHECK(status().value("history").toString() == "ok");
    }

    void quit() { DaemonSandbox::quit(*m_daemon); }

    static bool waitFor(const std::function<bool()>& done, int timeoutMs = 60000)
    {
        return deskbreak::test::waitFor(done, timeoutMs);
    }

private:
    std::unique_ptr<QProcess> m_daemon;
};

bool run(const QString& program, const QStringList& args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedChannels);
    p.start(program, args);
    return p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

// While the outage lasts: commands that make events, each timed, and status between them.
// Returns the slowest answer; fails on any command that does not answer ok.
qint64 useWhile(Sandbox& box, const std::function<bool()>& outage, bool* sawProblem)
{
    const QStringList commands[] = {{"pause", "1m"}, {"resume"}, {"break"}, {"skip"}};
    qint64 slowest = 0;
    int i = 0;
    do {
        const QStringList args = i % 2 ? QStringList{"status", "--json"} : commands[(i / 2) % 4];
        const Run r = box.cli(args);
        CAPTURE(args.join(' ').toStdString());
        CHECK(r.code == 0);
        slowest = std::max(slowest, r.ms);
        if (i % 2) {
            const QString history = QJsonDocument::fromJson(r.out.toUtf8())["history"].toString();
            *sawProblem = *sawProblem || (!history.isEmpty() && history != "ok");
        }
        ++i;
        QThread::msleep(150);
    } while (outage() || i < 12);
    return slowest;
}

QStringList logLines(const Sandbox& box, const QString& pattern)
{
    QFile log(box.logFile());
    REQUIRE(log.open(QIODevice::ReadOnly));
    const QRegularExpression re(pattern);
    QStringList out;
    for (const QByteArray& line : log.readAll().split('\n')) {
        const auto m = re.match(QString::fromUtf8(line));
        if (m.hasMatch())
            out.append(m.captured(m.lastCapturedIndex() >= 1 ? 1 : 0));
    }
    return out;
}

// Every event the daemon acknowledged (or kept in memory), as "kind time", in order.
QStringList acknowledged(const Sandbox& box, const QString& how)
{
    return logLines(box, QStringLiteral("(?:%1) event (\\w+ at \\S+)").arg(how));
}

QStringList storedEvents(const Sandbox& box)
{
    QStringList out;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "outage-check");
        db.setDatabaseName(box.database());
        REQUIRE(db.open());
        QSqlQuery q(db);
        REQUIRE(q.exec("PRAGMA integrity_check"));
        REQUIRE(q.next());
        CHECK(q.value(0).toString() == "ok");
        REQUIRE(q.exec("SELECT kind, at_ms FROM events ORDER BY id"));
        while (q.next())
            out.append(
                q.value(0).toString() + " at " +
                QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong()).toString(Qt::ISODate));
        db.close();
    }
    QSqlDatabase::removeDatabase("outage-check");
    return out;
}

// The whole scenario around one kind of outage.
void survive(Sandbox& box, const std::function<void()>& begin, const std::function<bool()>& lasting,
             const std::function<void()>& end, const QString& problem, const QString& how)
{
    box.start();
    REQUIRE(box.cli({"pause", "1m"}).code == 0);
    REQUIRE(box.cli({"resume"}).code == 0);
    REQUIRE(acknowledged(box, "recorded").size() >= 2);

    begin();
    bool sawProblem = false;
    const qint64 slowest = useWhile(box, lasting, &sawProblem);
    MESSAGE("slowest answer during the outage: " << slowest << " ms");
    // It used to take over 2 s (SQLite's busy wait on the event loop) for each event.
    CHECK(slowest < 1500);
    CHECK(sawProblem);
    const QString problemNow = box.status().value("history").toString();
    end();

    CHECK(Sandbox::waitFor([&] { return box.status().value("history").toString() == "ok"; }));
    REQUIRE(box.cli({"pause", "1m"}).code == 0);
    box.quit();

    MESSAGE("the daemon's history log:\n"
            << logLines(box, "^\\S+ (\\S+ . (?:history|told the user|journaled|kept).*)")
                   .join('\n')
                   .toStdString());
    CHECK_MESSAGE(problemNow.contains(QRegularExpression(problem)), problemNow.toStdString());
    // Told once that it cannot save, and once that it can again: not at every retry.
    CHECK(logLines(box, "told the user: deskbreak cannot save your history right now").size() == 1);
    CHECK(logLines(box, "told the user: deskbreak: history saved again").size() == 1);

    CHECK(acknowledged(box, how).size() >= 4); // the outage did happen
    // Every event the daemon made, including any it could not keep ("could not record": what
    // deskbreak logged before it had a journal, when it dropped one).
    const QStringList expected =
        acknowledged(box, "recorded|journaled|kept in memory|could not record");
    const QStringList stored = storedEvents(box);
    CHECK(stored.size() == expected.size());
    CHECK_MESSAGE(stored == expected, "stored:\n"
                                          << stored.join('\n').toStdString() << "\nacknowledged:\n"
                                          << expected.join('\n').toStdString());
    CHECK_FALSE(QFile::exists(box.database() + ".journal.jsonl"));
}

} // namespace

TEST_CASE("history locked by another program for 10 s")
{
    Sandbox box;
    QProcess locker;
    survive(
        box,
        [&] {
            // Another program holding the write lock, as a backup or sync tool might.
            locker.setProcessChannelMode(QProcess::SeparateChannels);
            locker.start("python3", {"-c",
                                     "import sqlite3, sys, time\n"
                                     "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
                                     "c.execute('BEGIN EXCLUSIVE')\n"
                                     "print('locked', flush=True)\n"
                                     "time.sleep(10)\n",
                                     box.database()});
            REQUIRE(locker.waitForReadyRead(10000));
            REQUIRE(locker.readAllStandardOutput().startsWith("locked"));
        },
        [&] {
            locker.waitForFinished(0); // only to notice that it ended
            return locker.state() != QProcess::NotRunning;
        },
        [&] { CHECK(locker.exitCode() == 0); }, "locked by another program", "journaled");
}

TEST_CASE("history on a full disk")
{
    Sandbox box;
    // The data folder on a small file system of its own, filled up once the history exists.
    REQUIRE(
        run("mount", {"-t", "tmpfs", "-o", "size=2m,mode=0700", "deskbreak-test", box.dataDir()}));
    struct Unmount {
        QString dir;
        ~Unmount() { run("umount", {dir}); }
    } unmount{box.dataDir()};
    const QString filler = box.dataDir() + "/filler";
    survive(
        box,
        [&] {
            run("dd", {"if=/dev/zero", "of=" + filler, "bs=16k", "status=none"}); // until full
            REQUIRE(QFileInfo(filler).size() > 0);
        },
        [] { return false; }, [&] { REQUIRE(QFile::remove(filler)); }, "disk is full",
        "kept in memory");
}

TEST_CASE("history made read-only")
{
    Sandbox box;
    // Root ignores mode bits; chattr +i stops even root, and even through open files.
    QStringList files;
    survive(
        box,
        [&] {
            files = QStringList{box.database(), box.database() + "-wal"};
            for (const QString& f : files) {
                QFile::setPermissions(f, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther);
                REQUIRE(run("chattr", {"+i", f}));
            }
        },
        [] { return false; },
        [&] {
            for (const QString& f : files) {
                REQUIRE(run("chattr", {"-i", f}));
                QFile::setPermissions(f, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup);
            }
        },
        "read-only|refuses to write", "journaled");
}
