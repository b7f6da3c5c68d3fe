#pragma once

#include "app/HistoryJournal.h"
#include "app/SqliteHistoryStore.h"
#include "core/HistoryStore.h"

#include <QObject>
#include <QTimer>
#include <chrono>
#include <memory>

namespace deskbreak::app {

// In front of the history database: record() never waits long on the disk and never
// loses an event. What the database cannot take now (locked, full, read-only) goes to
// a journal beside it, or stays in memory if even that cannot be written, and is
// written in order once the database works again: retried with back-off, and at the
// next start. It says when writing starts failing and when it works again.
class HistoryRecorder final : public QObject, public core::HistoryStore {
    Q_OBJECT
public:
    struct Options {
        std::chrono::milliseconds busyTimeout{50}; // at most this long on the event loop
        std::chrono::milliseconds firstRetry{1000};
        std::chrono::milliseconds maxRetry{5 * 60 * 1000};
    };
    // Where an event is once record() returns: acknowledged when Stored or Journaled.
    enum class Outcome { Stored, Journaled, Held };

    // An empty path keeps the history in memory only (the demo), always healthy.
    HistoryRecorder(QString databasePath, Options options, QObject* parent = nullptr);
    explicit HistoryRecorder(QString databasePath, QObject* parent = nullptr);
    ~HistoryRecorder() override; // a last try to put what waits on disk

    // Opens the database and writes what an earlier run left in the journal, first.
    void open();
    Outcome record(const core::HistoryEvent& event);
    // core::HistoryStore: true once the event is on disk (in the database or the journal).
    bool record(const core::HistoryEvent& event, QString* error) override;
    // Stored events and the ones still waiting, oldest first.
    QList<core::HistoryEvent> events(const QDateTime& from, const QDateTime& to) const override;

    bool healthy() const { return m_healthy; }
    QString problem() const override { return m_problem; } // why not, when not healthy
    int pending() const { return int(m_journaled.size() + m_held.size()); }
    int heldInMemory() const { return int(m_held.size()); }
    bool retryScheduled() const { return m_retry.isActive(); }
    // The wait before the next try, while one is scheduled.
    std::chrono::milliseconds retryInterval() const
    {
        return std::chrono::milliseconds(m_retry.interval());
    }
    const QString& databasePath() const { return m_path; }
    const QString& journalPath() const { return m_journal.path(); }
    static QString journalPathFor(const QString& databasePath);

    // Tries now to write what waits (the back-off timer does this by itself).
    void retryNow();

signals:
    // Once when writing starts failing, once when it works again: not for every retry.
    void healthChanged(bool healthy, const QString& problem);

private:
    // False with a reason for the user and the technical detail.
    bool openStore(QString* reason, QString* detail) const;
    bool writeToStore(const QList<HistoryEntry>& entries, QString* reason, QString* detail);
    Outcome keep(const HistoryEntry& entry);
    void failing(const QString& problem);
    void scheduleRetry();

    QString m_path;
    Options m_options;
    HistoryJournal m_journal;
    mutable std::unique_ptr<SqliteHistoryStore> m_store; // null while it cannot be opened
    std::unique_ptr<core::MemoryHistoryStore> m_memory;  // the demo's
    QList<HistoryEntry> m_journaled; // in the journal file, not yet in the database
    QList<HistoryEntry> m_held;      // in memory only: the journal failed too; after m_journaled
    QString m_storeProblem;
    QString m_journalProblem;
    QString m_problem;
    bool m_healthy = true;
    QTimer m_retry;
    std::chrono::milliseconds m_delay;
};

} // namespace deskbreak::app
