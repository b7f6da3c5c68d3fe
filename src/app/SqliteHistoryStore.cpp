#include "app/SqliteHistoryStore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>

namespace deskbreak::app {

using core::HistoryEvent;
using Kind = HistoryEvent::Kind;

namespace {

// Each entry moves the schema one version up; never change what a shipped one does.
// IF NOT EXISTS: harmless, as each step also runs inside BEGIN IMMEDIATE (see migrate()).
const QList<QStringList> kMigrations = {
    // 0 -> 1
    {QStringLiteral("CREATE TABLE IF NOT EXISTS events ("
                    " id INTEGER PRIMARY KEY,"
                    " kind TEXT NOT NULL,"
                    " at_ms INTEGER NOT NULL," // when it happened (UTC ms since the epoch)
                    " start_ms INTEGER,"       // sitting spans, natural breaks: when they began
                    " seconds INTEGER NOT NULL DEFAULT 0,"
                    " reason TEXT)"),
     QStringLiteral("CREATE INDEX IF NOT EXISTS events_at ON events(at_ms)")},
    // 1 -> 2: each event's own id, so that a replayed journal never stores one twice
    // (older rows keep NULL, which the unique index allows any number of times).
    {QStringLiteral("ALTER TABLE events ADD COLUMN uid TEXT"),
     QStringLiteral("CREATE UNIQUE INDEX IF NOT EXISTS events_uid ON events(uid)")},
};

// SQLite's primary result codes (sqlite3.h); Qt reports them as the native error code.
enum SqliteCode {
    kPerm = 3,
    kBusy = 5,
    kLocked = 6,
    kReadOnly = 8,
    kIoErr = 10,
    kCorrupt = 11,
    kFull = 13,
    kCantOpen = 14,
    kAuth = 23,
    kNotADb = 26,
};

QSqlDatabase db(const QString& connection)
{
    return QSqlDatabase::database(connection, false);
}

} // namespace

std::optional<Kind> kindFromName(const QString& name)
{
    for (Kind k : {Kind::Reminded, Kind::Snoozed, Kind::Skipped, Kind::BreakStarted,
                   Kind::BreakCompleted, Kind::BreakEndedEarly, Kind::NaturalBreak, Kind::Paused,
                   Kind::Resumed, Kind::SittingSpan, Kind::Held})
        if (core::kindName(k) == name)
            return k;
    return std::nullopt;
}

std::optional<core::NaturalBreakReason> reasonFromName(const QString& name)
{
    using R = core::NaturalBreakReason;
    for (R r : {R::Idle, R::Locked, R::Asleep})
        if (core::reasonName(r) == name)
            return r;
    return std::nullopt;
}

QVariant reasonOf(const HistoryEvent& e)
{
    if (e.kind == Kind::NaturalBreak)
        return core::reasonName(e.reason);
    if (e.kind == Kind::Held)
        return core::holdReasonName(e.hold);
    return {};
}

void setReason(HistoryEvent& e, const QString& name)
{
    if (e.kind == Kind::NaturalBreak) {
        if (const auto reason = reasonFromName(name))
            e.reason = *reason;
    } else if (e.kind == Kind::Held) {
        for (const core::HoldReason r : core::kHoldReasons)
            if (core::holdReasonName(r) == name)
                e.hold = r;
    }
}

QString HistoryEntry::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

SqliteHistoryStore::SqliteHistoryStore(QString path, Mode mode, int busyTimeoutMs)
    : m_path(std::move(path))
    , m_mode(mode)
    , m_busyTimeoutMs(busyTimeoutMs)
    , m_connection(QStringLiteral("history-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

SqliteHistoryStore::~SqliteHistoryStore()
{
    {
        QSqlDatabase d = db(m_connection);
        if (d.isValid())
            d.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

bool SqliteHistoryStore::fail(const QSqlError& error, QString* text)
{
    m_lastErrorCode = error.nativeErrorCode().toInt() & 0xff;
    *text = error.text();
    return false;
}

QString SqliteHistoryStore::explain(int sqliteCode, const QString& text)
{
    switch (sqliteCode) {
    case kBusy:
    case kLocked:
        return QStringLiteral("the history is locked by another program");
    case kFull:
        return QStringLiteral("the disk is full");
    case kReadOnly:
        return QStringLiteral("the history file is read-only");
    case kIoErr:
        return QStringLiteral("the disk refuses to write the history file");
    case kCantOpen:
        return QStringLiteral("the history file cannot be opened");
    case kPerm:
    case kAuth:
        return QStringLiteral("no permission to write the history");
    case kCorrupt:
    case kNotADb:
        return QStringLiteral("the history file is damaged or not a deskbreak history");
    default:
        return text;
    }
}

bool SqliteHistoryStore::open(QString* error)
{
    if (m_mode == Mode::ReadWrite)
        QDir().mkpath(QFileInfo(m_path).absolutePath());
    else if (!QFileInfo::exists(m_path)) {
        *error = QStringLiteral("no history yet (%1)").arg(m_path);
        return false;
    }
    QSqlDatabase d = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    d.setDatabaseName(m_path);
    const QString timeout = QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(m_busyTimeoutMs);
    d.setConnectOptions(
        m_mode == Mode::ReadOnly ? QStringLiteral("QSQLITE_OPEN_READONLY;") + timeout : timeout);
    if (!d.open())
        return fail(d.lastError(), error);
    QSqlQuery q(d);
    if (m_mode == Mode::ReadWrite) {
        // WAL: readers (`deskbreak stats`) never block the daemon; FULL: a commit is on disk.
        if (!useWal(error))
            return false;
        if (!q.exec(QStringLiteral("PRAGMA synchronous=FULL")))
            return fail(q.lastError(), error);
        if (!migrate(error))
            return false;
    } else {
        // SQLite opens any file lazily: the first read tells whether it is a database at all.
        if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next()) {
            fail(q.lastError(), error);
            *error = QStringLiteral("not a history database: %1").arg(*error);
            return false;
        }
        const int version = q.value(0).toInt();
        if (version > kSchemaVersion) {
            *error = QStringLiteral("the history was written by a newer deskbreak (schema %1)")
                         .arg(version);
            return false;
        }
    }
    m_open = true;
    return true;
}

bool SqliteHistoryStore::useWal(QString* error)
{
    QElapsedTimer waited;
    waited.start();
    QSqlQuery q(db(m_connection));
    for (;;) {
        if (q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next() &&
            q.value(0).toString() == u"wal")
            return true;
        if (q.exec(QStringLiteral("PRAGMA journal_mode=WAL")))
            return true;
        // Another program switching a new file to WAL at the same moment makes this fail at
        // once, without SQLite's own busy wait: so it waits here, as long as that would.
        fail(q.lastError(), error);
        if ((m_lastErrorCode != kBusy && m_lastErrorCode != kLocked) ||
            waited.elapsed() >= m_busyTimeoutMs)
            return false;
        QThread::msleep(5);
    }
}

int SqliteHistoryStore::schemaVersion() const
{
    QSqlQuery q(db(m_connection));
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return -1;
    return q.value(0).toInt();
}

bool SqliteHistoryStore::migrate(QString* error)
{
    QSqlDatabase d = db(m_connection);
    int from = schemaVersion();
    if (from == kSchemaVersion)
        return true; // the usual case: no lock needed
    QSqlQuery q(d);
    // The write lock first, then the version again: of two programs opening a new history at
    // once, the second waits and then finds the schema made (never "table already exists").
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return fail(q.lastError(), error);
    auto abandon = [&](const QString& what) {
        *error = what;
        q.exec(QStringLiteral("ROLLBACK"));
        return false;
    };
    from = schemaVersion();
    if (from < 0)
        return abandon(QStringLiteral("not a history database: %1").arg(d.lastError().text()));
    if (from > kSchemaVersion)
        return abandon(
            QStringLiteral(
                "the history was written by a newer deskbreak (schema %1); it is left as it is")
                .arg(from));
    for (int version = from; version < kSchemaVersion; ++version) {
        for (const QString& statement : kMigrations[version]) {
            if (!q.exec(statement)) {
                fail(q.lastError(), error);
                return abandon(QStringLiteral("migrating the history to schema %1: %2")
                                   .arg(version + 1)
                                   .arg(*error));
            }
        }
    }
    if (!q.exec(QStringLiteral("PRAGMA user_version=%1").arg(kSchemaVersion)) ||
        !q.exec(QStringLiteral("COMMIT"))) {
        fail(q.lastError(), error);
        return abandon(*error);
    }
    return true;
}

bool SqliteHistoryStore::record(const HistoryEvent& e, QString* error)
{
    return write({{HistoryEntry::newId(), e}}, error);
}

bool SqliteHistoryStore::write(const QList<HistoryEntry>& entries, QString* error)
{
    m_lastErrorCode = 0;
    if (!m_open || m_mode == Mode::ReadOnly) {
        *error = QStringLiteral("the history is not open for writing");
        return false;
    }
    QSqlDatabase d = db(m_connection);
    QSqlQuery q(d);
    // IMMEDIATE: a busy database fails here, before anything is done.
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return fail(q.lastError(), error);
    QSqlQuery insert(d);
    insert.prepare(QStringLiteral(
        "INSERT INTO events (uid, kind, at_ms, start_ms, seconds, reason) VALUES (?, ?, ?, ?, ?, "
        "?) ON CONFLICT(uid) DO NOTHING"));
    for (const HistoryEntry& entry : entries) {
        const HistoryEvent& e = entry.event;
        insert.addBindValue(entry.id.isEmpty() ? QVariant() : QVariant(entry.id));
        insert.addBindValue(core::kindName(e.kind));
        insert.addBindValue(e.at.toMSecsSinceEpoch());
        insert.addBindValue(e.start.isValid() ? QVariant(e.start.toMSecsSinceEpoch()) : QVariant());
        insert.addBindValue(qint64(e.seconds.count()));
        insert.addBindValue(reasonOf(e));
        if (!insert.exec()) {
            fail(insert.lastError(), error);
            q.exec(QStringLiteral("ROLLBACK"));
            return false;
        }
    }
    insert.finish();
    if (!q.exec(QStringLiteral("COMMIT"))) {
        fail(q.lastError(), error);
        q.exec(QStringLiteral("ROLLBACK"));
        return false;
    }
    return true;
}

bool SqliteHistoryStore::probeWritable(const QString& path, int busyTimeoutMs, QString* error,
                                       int* sqliteCode)
{
    const QString name = QStringLiteral("probe-") + HistoryEntry::newId();
    auto probe = [&] {
        QSqlDatabase d = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        d.setDatabaseName(path);
        d.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(busyTimeoutMs));
        auto failed = [&](const QSqlError& e) {
            *error = e.text();
            *sqliteCode = e.nativeErrorCode().toInt() & 0xff;
            return false;
        };
        if (!d.open())
            return failed(d.lastError());
        QSqlQuery q(d);
        if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
            return failed(q.lastError());
        const int version = q.value(0).toInt();
        // Rewriting the version with its own value: a real write (lock, page, sync) of nothing.
        if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")) ||
            !q.exec(QStringLiteral("PRAGMA user_version=%1").arg(version)) ||
            !q.exec(QStringLiteral("COMMIT"))) {
            failed(q.lastError());
            q.exec(QStringLiteral("ROLLBACK"));
            return false;
        }
        return true;
    };
    const bool ok = probe();
    QSqlDatabase::database(name, false).close();
    QSqlDatabase::removeDatabase(name);
    return ok;
}

bool SqliteHistoryStore::contains(const QString& id) const
{
    QSqlQuery q(db(m_connection));
    q.prepare(QStringLiteral("SELECT 1 FROM events WHERE uid = ?"));
    q.addBindValue(id);
    return q.exec() && q.next();
}

QList<HistoryEvent> SqliteHistoryStore::events(const QDateTime& from, const QDateTime& to) const
{
    QList<HistoryEvent> out;
    QString error;
    readEvents(from, to, &out, &error);
    return out;
}

bool SqliteHistoryStore::readEvents(const QDateTime& from, const QDateTime& to,
                                    QList<HistoryEvent>* out, QString* error) const
{
    out->clear();
    if (!m_open) {
        *error = QStringLiteral("the history is not open");
        return false;
    }
    if (schemaVersion() == 0)
        return true; // made, but nothing written yet
    QSqlQuery q(db(m_connection));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT kind, at_ms, start_ms, seconds, reason FROM events "
                             "WHERE at_ms >= ? AND at_ms < ? ORDER BY at_ms, id"));
    q.addBindValue(from.toMSecsSinceEpoch());
    q.addBindValue(to.toMSecsSinceEpoch());
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    while (q.next()) {
        const auto kind = kindFromName(q.value(0).toString());
        if (!kind)
            continue; // a kind from a newer version: not ours to count
        HistoryEvent e;
        e.kind = *kind;
        e.at = QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong());
        if (!q.value(2).isNull())
            e.start = QDateTime::fromMSecsSinceEpoch(q.value(2).toLongLong());
        e.seconds = std::chrono::seconds(q.value(3).toLongLong());
        setReason(e, q.value(4).toString());
        out->append(e);
    }
    if (q.lastError().isValid()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

} // namespace deskbreak::app
