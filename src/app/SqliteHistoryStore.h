#pragma once

#include "core/HistoryStore.h"

#include <QString>

namespace deskbreak::app {

// History in SQLite (WAL, synchronous=FULL): each event is its own committed
// transaction, so a crash or kill -9 loses nothing record() has returned for.
// The schema carries a version (PRAGMA user_version) and migrates step by step.
class SqliteHistoryStore final : public core::HistoryStore {
public:
    enum class Mode { ReadWrite, ReadOnly };

    SqliteHistoryStore(QString path, Mode mode = Mode::ReadWrite);
    ~SqliteHistoryStore() override;
    SqliteHistoryStore(const SqliteHistoryStore&) = delete;
    SqliteHistoryStore& operator=(const SqliteHistoryStore&) = delete;

    // Opens (creating and migrating as needed); false with a reason.
    bool open(QString* error);
    bool record(const core::HistoryEvent& event, QString* error) override;
    QList<core::HistoryEvent> events(const QDateTime& from, const QDateTime& to) const override;

    int schemaVersion() const;
    static constexpr int kSchemaVersion = 1;

private:
    bool migrate(QString* error);

    QString m_path;
    Mode m_mode;
    QString m_connection;
    bool m_open = false;
};

} // namespace deskbreak::app
