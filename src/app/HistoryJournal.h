#pragma once

#include "app/SqliteHistoryStore.h"

#include <QList>
#include <QString>

namespace deskbreak::app {

// Events not yet in the database, in a file beside it: one JSON object per line,
// appended (O_APPEND) and synced to disk before append() returns, so every complete
// line is acknowledged. A torn last line (a kill during the write) is skipped on read.
class HistoryJournal {
public:
    explicit HistoryJournal(QString path);

    const QString& path() const { return m_path; }
    // No file, or an empty one: nothing waits.
    bool isEmpty() const;
    // Every complete entry, in order; a torn or unreadable line is skipped and counted.
    QList<HistoryEntry> read(int* skipped = nullptr) const;
    // Appends the entries in order, synced; on failure none of them counts (and the
    // file is cut back to where it was, if it can be).
    bool append(const QList<HistoryEntry>& entries, QString* error);
    // Empties the journal once its entries are stored elsewhere.
    bool clear(QString* error);

    static QByteArray encode(const HistoryEntry& entry); // one line, with its '\n'
    static std::optional<HistoryEntry> decode(const QByteArray& line);

private:
    QString m_path;
};

} // namespace deskbreak::app
