// The SQLite history and the state file, on a real disk.
#include "app/SqliteHistoryStore.h"
#include "app/StateFile.h"

#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <doctest/doctest.h>

using namespace deskbreak;
using namespace std::chrono_literals;
using app::SqliteHistoryStore;
using Kind = core::HistoryEvent::Kind;

namespace {
QDateTime t(int h, int m)
{
    return QDateTime(QDate(2026, 3, 2), QTime(h, m));
}
} // namespace

TEST_CASE("every event type is stored and read back as it was")
{
    QTemporaryDir dir;
    SqliteHistoryStore store(dir.filePath("history.sqlite"));
    QString error;
    REQUIRE_MESSAGE(store.open(&error), error.toStdString());
    CHECK(store.schemaVersion() == SqliteHistoryStore::kSchemaVersion);

    QList<core::HistoryEvent> written;
    int minute = 0;
    for (Kind k : {Kind::Reminded, Kind::Snoozed, Kind::Skipped, Kind::BreakStarted,
                   Kind::BreakCompleted, Kind::BreakEndedEarly, Kind::NaturalBreak, Kind::Paused,
                   Kind::Resumed, Kind::SittingSpan}) {
        core::HistoryEvent e{k, t(9, ++minute), {}};
        if (k == Kind::SittingSpan || k == Kind::NaturalBreak)
            e.start = t(8, minute);
        if (k == Kind::NaturalBreak) {
            e.reason = core::NaturalBreakReason::Locked;
            e.seconds = 3600s;
        }
        if (k == Kind::BreakEndedEarly)
            e.seconds = 75s;
        REQUIRE(store.record(e, &error));
        written.append(e);
    }
    const auto read = store.events(t(0, 0), t(23, 0));
    REQUIRE(read.size() == written.size());
    for (int i = 0; i < read.size(); ++i) {
        CAPTURE(i);
        CHECK(read[i].kind == written[i].kind);
        CHECK(read[i].at.toMSecsSinceEpoch() == written[i].at.toMSecsSinceEpoch());
        CHECK(read[i].start.isValid() == written[i].start.isValid());
        CHECK(read[i].seconds == written[i].seconds);
        CHECK(read[i].reason == written[i].reason);
    }
    CHECK(store.events(t(9, 3), t(9, 5)).size() == 2); // [from, to)
}

TEST_CASE("the history is WAL and survives a reopen, a reader sees the writer's events")
{
    QTemporaryDir dir;
    const QString path = dir.filePath("history.sqlite");
    {
        SqliteHistoryStore store(path);
        QString error;
        REQUIRE(store.open(&error));
        REQUIRE(store.record({Kind::Reminded, t(10, 0), {}}, &error));
        SqliteHistoryStore reader(path, SqliteHistoryStore::Mode::ReadOnly);
        REQUIRE(reader.open(&error));
        CHECK(reader.events(t(0, 0), t(23, 0)).size() == 1);
        CHECK_FALSE(reader.record({Kind::Reminded, t(10, 1), {}}, &error));
    }
    SqliteHistoryStore again(path);
    QString error;
    REQUIRE(again.open(&error));
    CHECK(again.events(t(0, 0), t(23, 0)).size() == 1);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "probe");
        db.setDatabaseName(path);
        REQUIRE(db.open());
        QSqlQuery q(db);
        REQUIRE(q.exec("PRAGMA journal_mode"));
        REQUIRE(q.next());
        CHECK(q.value(0).toString() == "wal");
        db.close();
    }
    QSqlDatabase::removeDatabase("probe");
}

TEST_CASE("a history from a newer deskbreak is left alone, a junk file is refused")
{
    QTemporaryDir dir;
    const QString path = dir.filePath("history.sqlite");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "future");
        db.setDatabaseName(path);
        REQUIRE(db.open());
        QSqlQuery(db).exec("PRAGMA user_version=99");
        db.close();
    }
    QSqlDatabase::removeDatabase("future");
    SqliteHistoryStore store(path);
    QString error;
    CHECK_FALSE(store.open(&error));
    CHECK(error.contains("newer deskbreak"));

    const QString junk = dir.filePath("junk.sqlite");
    QFile f(junk);
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(4096, 'x'));
    f.close();
    SqliteHistoryStore bad(junk);
    CHECK_FALSE(bad.open(&error));
}

TEST_CASE("the state file round-trips and is written atomically")
{
    QTemporaryDir dir;
    const QString path = dir.filePath("state/state");
    core::SittingSnapshot s;
    s.savedAt = QDateTime(QDate(2026, 3, 2), QTime(10, 0), Qt::UTC);
    s.sitting = 1234s;
    s.snoozesUsed = 1;
    QString error;
    REQUIRE(app::statefile::save(path, s, &error));
    QString note;
    const auto back = app::statefile::load(path, QDateTime::currentDateTime(), &note);
    REQUIRE(back.has_value());
    CHECK(*back == s);
    CHECK(note.isEmpty());
    CHECK(QDir(dir.filePath("state")).entryList(QDir::Files) ==
          QStringList{"state"}); // no temp left over
}

TEST_CASE("a corrupt or foreign state file is moved aside with a note, never fatal")
{
    QTemporaryDir dir;
    const QString path = dir.filePath("state");
    for (const QByteArray& junk : {QByteArray("{\"format\":\"someone-else\"}"),
                                   QByteArray("\x01\x02\x03"), QByteArray(100 * 1024, '{')}) {
        QFile f(path);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(junk);
        f.close();
        QString note;
        CHECK_FALSE(app::statefile::load(path, QDateTime::currentDateTime(), &note).has_value());
        CHECK(note.contains("moved it to"));
        CHECK_FALSE(QFile::exists(path));
        QDir(dir.path()).removeRecursively();
        QDir().mkpath(dir.path());
    }
    QString note;
    CHECK_FALSE(app::statefile::load(dir.filePath("none"), QDateTime::currentDateTime(), &note)
                    .has_value());
    CHECK(note.isEmpty());
}
