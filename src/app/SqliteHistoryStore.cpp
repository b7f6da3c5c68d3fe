#include "app/SqliteHistoryStore.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace deskbreak::app {

using core::HistoryEvent;
using Kind = HistoryEvent::Kind;

namespace {

// Each entry moves the schema one version up; never edit one that has shipped.
const QList<QStringList> kMigrations = {
    // 0 -> 1
    {QStringLiteral("CREATE TABLE events ("
                    " id INTEGER PRIMARY KEY,"
                    " kind TEXT NOT NULL,"
                    " at_ms INTEGER NOT NULL," // when it happened (UTC ms since the epoch)
                    " start_ms INTEGER,"       // sitting spans, natural breaks: when they began
                    " seconds INTEGER NOT NULL DEFAULT 0,"
                    " reason TEXT)"),
     QStringLiteral("CREATE INDEX events_at ON events(at_ms)")},
};

const QList<std::pair<Kind, QString>>& kindNames()
{
    static const QList<std::pair<Kind, QString>> names = [] {
        QList<std::pair<Kind, QString>> out;
        for (Kind k : {Kind::Reminded, Kind::Snoozed, Kind::Skipped, Kind::BreakStarted,
                       Kind::BreakCompleted, Kind::BreakEndedEarly, Kind::NaturalBreak,
                       Kind::Paused, Kind::Resumed, Kind::SittingSpan})
            out.append({k, core::kindName(k)});
        return out;
    }();
    return names;
}

std::optional<Kind> kindFromName(const QString& name)
{
    for (const auto& [kind, text] : kindNames())
        if (text == name)
            return kind;
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

QSqlDatabase db(const QString& connection)
{
    return QSqlDatabase::database(connection, false);
}

} // namespace

SqliteHistoryStore::SqliteHistoryStore(QString path, Mode mode)
    : m_path(std::move(path))
    , m_mode(mode)
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
    d.setConnectOptions(m_mode == Mode::ReadOnly
                            ? QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=2000")
                            : QStringLiteral("QSQLITE_BUSY_TIMEOUT=2000"));
    if (!d.open()) {
        *error = d.lastError().text();
        return false;
    }
    QSqlQuery q(d);
    if (m_mode == Mode::ReadWrite) {
        // WAL: readers (`deskbreak stats`) never block the daemon; FULL: a commit is on disk.
        if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")) ||
            !q.exec(QStringLiteral("PRAGMA synchronous=FULL"))) {
            *error = q.lastError().text();
            return false;
        }
        if (!migrate(error))
            return false;
    } else if (schemaVersion() > kSchemaVersion) {
        *error = QStringLiteral("the history was written by a newer deskbreak (schema %1)")
                     .arg(schemaVersion());
        return false;
    }
    m_open = true;
    return true;
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
    const int from = schemaVersion();
    if (from < 0) {
        *error = QStringLiteral("not a history database: %1").arg(d.lastError().text());
        return false;
    }
    if (from > kSchemaVersion) {
        *error =
            QStringLiteral(
                "the history was written by a newer deskbreak (schema %1); it is left as it is")
                .arg(from);
        return false;
    }
    for (int version = from; version < kSchemaVersion; ++version) {
        d.transaction();
        QSqlQuery q(d);
        for (const QString& statement : kMigrations[version]) {
            if (!q.exec(statement)) {
                *error = QStringLiteral("migrating the history to schema %1: %2")
                             .arg(version + 1)
                             .arg(q.lastError().text());
                d.rollback();
                return false;
            }
        }
        q.exec(QStringLiteral("PRAGMA user_version=%1").arg(version + 1));
        if (!d.commit()) {
            *error = d.lastError().text();
            return false;
        }
    }
    return true;
}

bool SqliteHistoryStore::record(const HistoryEvent& e, QString* error)
{
    if (!m_open || m_mode == Mode::ReadOnly) {
        *error = QStringLiteral("the history is not open for writing");
        return false;
    }
    QSqlQuery q(db(m_connection));
    q.prepare(QStringLiteral(
        "INSERT INTO events (kind, at_ms, start_ms, seconds, reason) VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(core::kindName(e.kind));
    q.addBindValue(e.at.toMSecsSinceEpoch());
    q.addBindValue(e.start.isValid() ? QVariant(e.start.toMSecsSinceEpoch()) : QVariant());
    q.addBindValue(qint64(e.seconds.count()));
    q.addBindValue(e.kind == Kind::NaturalBreak ? QVariant(core::reasonName(e.reason))
                                                : QVariant());
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

QList<HistoryEvent> SqliteHistoryStore::events(const QDateTime& from, const QDateTime& to) const
{
    QList<HistoryEvent> out;
    if (!m_open)
        return out;
    QSqlQuery q(db(m_connection));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT kind, at_ms, start_ms, seconds, reason FROM events "
                             "WHERE at_ms >= ? AND at_ms < ? ORDER BY at_ms, id"));
    q.addBindValue(from.toMSecsSinceEpoch());
    q.addBindValue(to.toMSecsSinceEpoch());
    if (!q.exec())
        return out;
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
        if (const auto reason = reasonFromName(q.value(4).toString()))
            e.reason = *reason;
        out.append(e);
    }
    return out;
}

} // namespace deskbreak::app
