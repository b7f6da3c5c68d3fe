// The history recorder on a real disk: a busy, read-only or unwritable history never
// blocks record() for long and never loses or doubles an event.
#include "app/HistoryRecorder.h"

#include "app/HistoryJournal.h"
#include "app/SqliteHistoryStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QUuid>
#include <doctest/doctest.h>
#include <functional>
#include <latch>
#include <thread>

using namespace deskbreak;
using namespace std::chrono_literals;
using app::HistoryEntry;
using app::HistoryJournal;
using app::HistoryRecorder;
using app::SqliteHistoryStore;
using Kind = core::HistoryEvent::Kind;
using Outcome = HistoryRecorder::Outcome;

namespace {

core::HistoryEvent event(int minute, Kind kind = Kind::Reminded)
{
    return {kind, QDateTime(QDate(2026, 3, 2), QTime(9, 0)).addSecs(60 * minute), {}};
}

// Retries in milliseconds, so that a test waits for a condition, not for seconds.
HistoryRecorder::Options quick()
{
    HistoryRecorder::Options o;
    o.firstRetry = 20ms;
    o.maxRetry = 200ms;
    return o;
}

// Runs the event loop until `done` holds (the recorder retries on a timer).
bool waitFor(const std::function<bool()>& done, int timeoutMs = 10000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        QThread::msleep(2);
    }
    return true;
}

// Another connection holding the write lock, as another program would.
class Lock {
public:
    explicit Lock(const QString& path)
        : m_name(QStringLiteral("lock-") + QUuid::createUuid().toString())
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", m_name);
        db.setDatabaseName(path);
        REQUIRE(db.open());
        QSqlQuery q(db);
        REQUIRE_MESSAGE(q.exec("BEGIN EXCLUSIVE"), q.lastError().text().toStdString());
    }
    ~Lock() { release(); }
    void release()
    {
        if (m_name.isEmpty())
            return;
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            QSqlQuery(db).exec("ROLLBACK");
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
        m_name.clear();
    }

private:
    QString m_name;
};

// Every stored event as "kind minute", in the order written.
QStringList stored(const QString& path)
{
    QStringList out;
    const QString name = QStringLiteral("read-") + QUuid::createUuid().toString();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", name);
        db.setDatabaseName(path);
        REQUIRE(db.open());
        QSqlQuery q(db);
        REQUIRE(q.exec("SELECT kind, at_ms FROM events ORDER BY id"));
        const qint64 base = event(0).at.toMSecsSinceEpoch();
        while (q.next())
            out.append(QStringLiteral("%1 %2")
                           .arg(q.value(0).toString())
                           .arg((q.value(1).toLongLong() - base) / 60000));
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return out;
}

QStringList names(std::initializer_list<int> minutes)
{
    QStringList out;
    for (int m : minutes)
        out.append(QStringLiteral("reminded %1").arg(m));
    return out;
}

int lines(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? int(f.readAll().count('\n')) : 0;
}

bool run(const QString& program, const QStringList& args)
{
    QProcess p;
    p.start(program, args);
    return p.waitForFinished(10000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

// Read-only for this process, even as root (who ignores mode bits): chmod, and chattr +i
// where the file system has it. False if the file stays writable (then the test is skipped).
bool makeReadOnly(const QStringList& files)
{
    for (const QString& f : files) {
        QFile::setPermissions(f, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther);
        run("chattr", {"+i", f});
    }
    QFile probe(files.first());
    return !probe.open(QIODevice::ReadWrite);
}

void makeWritable(const QStringList& files)
{
    for (const QString& f : files) {
        run("chattr", {"-i", f});
        QFile::setPermissions(f, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup);
    }
}

} // namespace

TEST_CASE("a busy history: record() returns at once, the event is journaled, then written in "
          "order once the lock goes")
{
    QTemporaryDir dir;
    const QString path = dir.filePath("history.sqlite");
    HistoryRecorder recorder(path, quick());
    recorder.open();
    REQUIRE(recorder.healthy());
    CHECK(recorder.record(event(1)) == Outcome::Stored);
    CHECK_FALSE(recorder.retryScheduled()); // no timer while all is written

    Lock lock(path);
    QStringList took;
    for (int minute : {2, 3, 4}) {
        QElapsedTimer timer;
        timer.start();
        CHECK(recorder.record(event(minute)) == Outcome::Journaled);
        // Far below SQLite's usual 2 s busy wait: the event loop goes on.
        CHECK(timer.elapsed() < 500);
        took.append(QString::number(double(timer.nsecsElapsed()) / 1e6, 'f', 1));
    }
    MESSAGE("record() with the history locked took (ms): " << took.join(", ").toStdString());
    CHECK_FALSE(recorder.healthy());
    CHECK(recorder.problem().contains("locked by another program"));
    CHECK(recorder.pending() == 3);
    CHECK(lines(recorder.journalPath()) == 3);
    // Reads see the waiting events too.
    CHECK(recorder.events(event(0).at, event(10).at).size() == 4);

    lock.release();
    REQUIRE(waitFor([&] { return recorder.healthy(); }));
    CHECK(stored(path) == names({1, 2, 3, 4}));
    CHECK(HistoryJournal(recorder.journalPath()).isEmpty());
    CHECK(recorder.pending() == 0);
    CHECK_FALSE(recorder.retryScheduled());
    CHECK(recorder.record(event(5)) == Outcome::Stored);
    CHECK(stored(path) == names({1, 2, 3, 4, 5}));
}

TEST_CASE("a read-only history file: events are journaled, and written once it is writable")
{
    QTemporaryDir dir;
    const QString path = dir.filePath("history.sqlite");
    HistoryRecorder recorder(path, quick());
    recorder.open();
    REQUIRE(recorder.record(event(1)) == Outcome::Stored);
    const QStringList files{path, path + "-wal"};
    if (!makeReadOnly(files)) {
        makeWritable(files);
        MESSAGE("skipped: cannot make a file read-only here (root without chattr +i)");
        return;
    }
    const Outcome second = recorder.record(event(2));
    const Outcome third = recorder.record(event(3));
    const bool healthy = recorder.healthy();
    makeWritable(files);
    CHECK(second == Outcome::Journaled);
    CHECK(third == Outcome::Journaled);
    CHECK_FALSE(healthy);
    REQUIRE(waitFor([&] { return recorder.healthy(); }));
    CHECK(stored(path) == names({1, 2, 3}));
    CHECK(HistoryJournal(recorder.journalPath()).isEmpty());
}

TEST_CASE("a torn last journal line is skipped, the complete lines are replayed")
{
    QTemporaryDir dir;
    const QString path = dir.filePath("history.sqlite");
    const HistoryEntry a{HistoryEntry::newId(), event(1)};
    const HistoryEntry b{HistoryEntry::newId(), event(2)};
    const HistoryEntry torn{HistoryEntry::newId(), event(3)};
    {
        QFile f(HistoryRecorder::journalPathFor(path));
        REQUIRE(f.open(QIODevice::WriteOnly));
        const QByteArray last = HistoryJournal::encode(torn);
        f.write(HistoryJournal::encode(a) + HistoryJournal::encode(b) + last.left(last.size() / 2));
    }
    HistoryJournal journal(HistoryRecorder::journalPathFor(path));
    int skipped = 0;
    CHECK(journal.read(&skipped) == QList<HistoryEntry>{a, b});
    CHECK(skipped == 1);

    // An append after the torn line starts a line of its own, readable again.
    const HistoryEntry c{HistoryEntry::newId(), event(4)};
    QString error;
    REQUIRE(journal.append({c}, &error));
    CHECK(journal.read(&skipped) == QList<HistoryEntry>{a, b, c});
    CHECK(skipped == 1);

    HistoryRecorder recorder(path, quick());
    recorder.open();
    CHECK(recorder.healthy());
    CHECK(stored(path) == names({1, 2, 4}));
    CHECK(journal.isEmpty());
}

TEST_CASE("a journal left by an earlier run is written at open, before any new event")
{
    QTemporaryDir dir;
    const QString path = dir.filePath("history.sqlite");
    HistoryJournal journal(HistoryRecorder::journalPathFor(path));
    QString error;
    REQUIRE(journal.append({{HistoryEntry::newId(), event(1)}, {HistoryEntry::newId(), event(2)}},
                           &error));

    SUBCASE("the history works at once")
    {
        HistoryRecorder recorder(path, quick());
        recorder.open();
        CHECK(recorder.healthy());
        CHECK(recorder.record(event(3)) == Outcome::Stored);
        CHECK(stored(path) == names({1, 2, 3}));
        CHECK(journal.isEmpty());
    }
    SUBCASE("the history is locked at open: the new event waits behind the old ones")
    {
        {
            SqliteHistoryStore store(path); // the schema, so that another program can lock it
            REQUIRE(store.open(&error));
        }
        Lock lock(path);
        HistoryRecorder recorder(path, quick());
        recorder.open();
        CHECK_FALSE(recorder.healthy());
        CHECK(recorder.record(event(3)) == Outcome::Journaled);
        lock.release();
        REQUIRE(waitFor([&] { return recorder.healthy(); }));
        CHECK(stored(path) == names({1, 2, 3}));
    }
}

TEST_CASE("no event twice after a crash between the commit and emptying the journal")
{
    QTemporaryDir dir;
    const QString path = dir.filePath("history.sqlite");
    const QList<HistoryEntry> entries{{HistoryEntry::newId(), event(1)},
                                      {HistoryEntry::newId(), event(2)}};
    QString error;
    REQUIRE(HistoryJournal(HistoryRecorder::journalPathFor(path)).append(entries, &error));
    {
        // The earlier run committed them, then died before it emptied the journal.
        SqliteHistoryStore store(path);
        REQUIRE(store.open(&error));
        REQUIRE(store.write(entries, &error));
    }
    HistoryRecorder recorder(path, quick());
    recorder.open();
    CHECK(recorder.healthy());
    CHECK(recorder.events(event(0).at, event(10).at).size() == 2);
    CHECK(stored(path) == names({1, 2}));
    CHECK(HistoryJournal(recorder.journalPath()).isEmpty());
    // And the same entries written again directly: still once each.
    SqliteHistoryStore store(path);
    REQUIRE(store.open(&error));
    REQUIRE(store.write(entries, &error));
    CHECK(stored(path) == names({1, 2}));
}

TEST_CASE("healthChanged comes once per outage and once per recovery, not per retry")
{
    QTemporaryDir dir;
    const QString path = dir.filePath("history.sqlite");
    HistoryRecorder recorder(path, quick());
    QStringList changes;
    QObject::connect(&recorder, &HistoryRecorder::healthChanged,
                     [&](bool healthy, const QString& problem) {
                         changes.append(healthy ? QStringLiteral("ok") : problem);
                     });
    recorder.open();
    REQUIRE(recorder.record(event(1)) == Outcome::Stored);
    CHECK(changes.isEmpty());
    for (int outage = 0; outage < 2; ++outage) {
        CAPTURE(outage);
        Lock lock(path);
        for (int i = 0; i < 4; ++i)
            recorder.record(event(10 * outage + i + 2));
        for (int i = 0; i < 3; ++i)
            recorder.retryNow(); // failing retries: no new signal
        REQUIRE(changes.size() == 2 * outage + 1);
        CHECK(changes.last().contains("locked by another program"));
        lock.release();
        REQUIRE(waitFor([&] { return recorder.healthy(); }));
        recorder.retryNow(); // nothing waits: no new signal either
        REQUIRE(changes.size() == 2 * outage + 2);
        CHECK(changes.last() == "ok");
    }
    CHECK(stored(path).size() == 9);
}

TEST_CASE("retries back off, doubling up to the limit, and start afresh after a recovery")
{
    QTemporaryDir dir;
    const QString path = dir.filePath("history.sqlite");
    HistoryRecorder::Options options;
    options.firstRetry = 1000ms;
    options.maxRetry = 4000ms;
    HistoryRecorder recorder(path, options);
    recorder.open();
    Lock lock(path);
    recorder.record(event(1));
    QList<std::chrono::milliseconds> waits{recorder.retryInterval()};
    for (int i = 0; i < 3; ++i) {
        recorder.retryNow();
        REQUIRE(recorder.retryScheduled());
        waits.append(recorder.retryInterval());
    }
    CHECK(waits == QList<std::chrono::milliseconds>{1000ms, 2000ms, 4000ms, 4000ms});
    lock.release();
    recorder.retryNow();
    CHECK(recorder.healthy());
    CHECK_FALSE(recorder.retryScheduled());
    Lock again(path);
    recorder.record(event(2));
    CHECK(recorder.retryInterval() == 1000ms);
}

TEST_CASE("when the journal cannot be written either, events wait in memory, in order")
{
    QTemporaryDir dir;
    const QString path = dir.filePath("history.sqlite");
    HistoryRecorder recorder(path, quick());
    recorder.open();
    REQUIRE(recorder.record(event(1)) == Outcome::Stored);
    Lock lock(path);
    // A folder where the journal file would go: it cannot be opened for writing.
    REQUIRE(QDir().mkpath(recorder.journalPath()));
    CHECK(recorder.record(event(2)) == Outcome::Held);
    CHECK(recorder.record(event(3)) == Outcome::Held);
    CHECK(recorder.heldInMemory() == 2);
    CHECK(recorder.problem().contains("journal cannot be written either"));

    SUBCASE("the journal works again first, then the history")
    {
        REQUIRE(QDir(recorder.journalPath()).removeRecursively());
        recorder.retryNow();
        CHECK(recorder.heldInMemory() == 0);
        CHECK(lines(recorder.journalPath()) == 2);
        CHECK(recorder.record(event(4)) == Outcome::Journaled);
        lock.release();
        REQUIRE(waitFor([&] { return recorder.healthy(); }));
        CHECK(stored(path) == names({1, 2, 3, 4}));
    }
    SUBCASE("the history works again while the journal still cannot be written")
    {
        CHECK(recorder.record(event(4)) == Outcome::Held);
        lock.release();
        REQUIRE(waitFor([&] { return recorder.healthy(); }));
        CHECK(stored(path) == names({1, 2, 3, 4}));
    }
}

TEST_CASE("quitting with events only in memory puts them in the journal for the next start")
{
    QTemporaryDir dir;
    const QString path = dir.filePath("history.sqlite");
    const QString journalPath = HistoryRecorder::journalPathFor(path);
    {
        QString error;
        SqliteHistoryStore store(path);
        REQUIRE(store.open(&error));
    }
    {
        Lock lock(path); // outlives the recorder
        HistoryRecorder recorder(path, quick());
        recorder.open();
        REQUIRE(QDir().mkpath(journalPath));
        REQUIRE(recorder.record(event(1)) == Outcome::Held);
        REQUIRE(recorder.record(event(2)) == Outcome::Held);
        REQUIRE(QDir(journalPath).removeRecursively());
    } // quits while the history is still locked
    CHECK(lines(journalPath) == 2);
    HistoryRecorder next(path, quick());
    next.open();
    CHECK(next.healthy());
    CHECK(stored(path) == names({1, 2}));
}

TEST_CASE("a history that cannot be opened at start is retried and nothing meanwhile is lost")
{
    QTemporaryDir dir;
    const QString path = dir.filePath("history.sqlite");
    {
        QFile junk(path);
        REQUIRE(junk.open(QIODevice::WriteOnly));
        junk.write(QByteArray(4096, 'x'));
    }
    HistoryRecorder recorder(path, quick());
    recorder.open();
    CHECK_FALSE(recorder.healthy());
    CHECK(recorder.problem().contains("not a deskbreak history"));
    CHECK(recorder.retryScheduled());
    CHECK(recorder.record(event(1)) == Outcome::Journaled);
    REQUIRE(QFile::remove(path)); // the user moves the junk away
    REQUIRE(waitFor([&] { return recorder.healthy(); }));
    CHECK(stored(path) == names({1}));
}

TEST_CASE("a schema 1 history moves to schema 2 and keeps its events")
{
    QTemporaryDir dir;
    const QString path = dir.filePath("history.sqlite");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "v1");
        db.setDatabaseName(path);
        REQUIRE(db.open());
        QSqlQuery q(db);
        REQUIRE(q.exec("CREATE TABLE events (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, at_ms "
                       "INTEGER NOT NULL, start_ms INTEGER, seconds INTEGER NOT NULL DEFAULT 0, "
                       "reason TEXT)"));
        REQUIRE(q.exec("CREATE INDEX events_at ON events(at_ms)"));
        REQUIRE(q.exec(QStringLiteral("INSERT INTO events (kind, at_ms) VALUES ('reminded', %1)")
                           .arg(event(1).at.toMSecsSinceEpoch())));
        REQUIRE(q.exec("PRAGMA user_version=1"));
        db.close();
    }
    QSqlDatabase::removeDatabase("v1");
    SqliteHistoryStore store(path);
    QString error;
    REQUIRE_MESSAGE(store.open(&error), error.toStdString());
    CHECK(store.schemaVersion() == 2);
    REQUIRE(store.write({{HistoryEntry::newId(), event(2)}}, &error));
    CHECK(stored(path) == names({1, 2}));
}

TEST_CASE("programs creating a new history at the same moment all succeed")
{
    QTemporaryDir dir;
    constexpr int kRounds = 100;
    constexpr int kOpeners = 8;
    QStringList failures;
    std::mutex mutex;
    for (int round = 0; round < kRounds; ++round) {
        const QString path = dir.filePath(QStringLiteral("history-%1.sqlite").arg(round));
        std::latch start(kOpeners);
        std::vector<std::thread> threads;
        for (int i = 0; i < kOpeners; ++i)
            threads.emplace_back([&, i] {
                // Each thread its own connection, as each program has.
                SqliteHistoryStore store(path);
                start.arrive_and_wait();
                QString error;
                const bool ok =
                    store.open(&error) && store.write({{HistoryEntry::newId(), event(i)}}, &error);
                if (!ok) {
                    const std::lock_guard<std::mutex> guard(mutex);
                    failures.append(QStringLiteral("round %1: %2").arg(round).arg(error));
                }
            });
        for (std::thread& t : threads)
            t.join();
    }
    CHECK_MESSAGE(failures.isEmpty(), failures.join("\n").toStdString());
}
