#pragma once

#include "core/HistoryStore.h"

#include <QString>
#include <QVariant>
#include <optional>

class QSqlError;

namespace deskbreak::app {

// A history event with the id it is stored under: the same event written twice
// (a journal replayed after a crash) is stored once.
struct HistoryEntry {
    QString id;
    core::HistoryEvent event;

    static QString newId();
    bool operator==(const HistoryEntry&) const = default;
};

// The stored names back to values (core::kindName() and core::reasonName() the other way).
std::optional<core::HistoryEvent::Kind> kindFromName(const QString& name);
std::optional<core::NaturalBreakReason> reasonFromName(const QString& name);
// The `reason` column (and journal field): a natural break's or a hold's; null for the rest.
QVariant reasonOf(const core::HistoryEvent& e);
void setReason(core::HistoryEvent& e, const QString& name);

// History in SQLite (WAL, synchronous=FULL): each write is its own committed
// transaction, so a crash or kill -9 loses nothing record() has returned for.
// The schema carries a version (PRAGMA user_version) and migrates step by step.
class SqliteHistoryStore final : public core::HistoryStore {
public:
    enum class Mode { ReadWrite, ReadOnly };
    // How long a write waits for another program's lock before it gives up.
    static constexpr int kDefaultBusyTimeoutMs = 2000;

    SqliteHistoryStore(QString path, Mode mode = Mode::ReadWrite,
                       int busyTimeoutMs = kDefaultBusyTimeoutMs);
    ~SqliteHistoryStore() override;
    SqliteHistoryStore(const SqliteHistoryStore&) = delete;
    SqliteHistoryStore& operator=(const SqliteHistoryStore&) = delete;

    // Opens (creating and migrating as needed); false with a reason.
    bool open(QString* error);
    // Stores the event under a new id.
    bool record(const core::HistoryEvent& event, QString* error) override;
    // Stores the entries in order, in one transaction; an id already stored is skipped.
    bool write(const QList<HistoryEntry>& entries, QString* error);
    QList<core::HistoryEvent> events(const QDateTime& from, const QDateTime& to) const override;
    // The same, false with a reason when the history cannot be read.
    bool readEvents(const QDateTime& from, const QDateTime& to, QList<core::HistoryEvent>* out,
                    QString* error) const;
    bool contains(const QString& id) const;
    // Whether the history at `path` takes a write now (lock, space, permission), changing
    // nothing in it: false with SQLite's error and its code (for explain()).
    static bool probeWritable(const QString& path, int busyTimeoutMs, QString* error,
                              int* sqliteCode);

    int schemaVersion() const;
    static constexpr int kSchemaVersion = 2;

    // SQLite's primary result code of the last failure (SQLITE_BUSY = 5, ...), or 0.
    int lastErrorCode() const { return m_lastErrorCode; }
    // A reason a user understands for that failure, e.g. "the disk is full".
    static QString explain(int sqliteCode, const QString& text);

private:
    bool useWal(QString* error);
    bool migrate(QString* error);
    bool fail(const QSqlError& error, QString* text);

    QString m_path;
    Mode m_mode;
    int m_busyTimeoutMs;
    QString m_connection;
    bool m_open = false;
    int m_lastErrorCode = 0;
};

} // namespace deskbreak::app
