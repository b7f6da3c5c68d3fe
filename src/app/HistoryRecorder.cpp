#include "app/HistoryRecorder.h"

#include "app/Logging.h"

#include <algorithm>

namespace deskbreak::app {

using core::HistoryEvent;

namespace {

QString seconds(std::chrono::milliseconds ms)
{
    return QString::number(double(ms.count()) / 1000.0, 'g', 3);
}

} // namespace

QString HistoryRecorder::journalPathFor(const QString& databasePath)
{
    return databasePath + QStringLiteral(".journal.jsonl");
}

HistoryRecorder::HistoryRecorder(QString databasePath, QObject* parent)
    : HistoryRecorder(std::move(databasePath), Options{}, parent)
{
}

HistoryRecorder::HistoryRecorder(QString databasePath, Options options, QObject* parent)
    : QObject(parent)
    , m_path(std::move(databasePath))
    , m_options(options)
    , m_journal(m_path.isEmpty() ? QString() : journalPathFor(m_path))
    , m_delay(options.firstRetry)
{
    if (m_path.isEmpty())
        m_memory = std::make_unique<core::MemoryHistoryStore>();
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &HistoryRecorder::retryNow);
}

HistoryRecorder::~HistoryRecorder()
{
    if (m_memory || pending() == 0)
        return;
    // Quitting: the database once more, else what is only in memory into the journal.
    QString reason;
    QString detail;
    if (writeToStore(m_journaled + m_held, &reason, &detail)) {
        QString error;
        m_journal.clear(&error);
        logInfo(QStringLiteral("history: wrote the %1 waiting event(s) before quitting")
                    .arg(pending()));
        return;
    }
    if (m_held.isEmpty()) {
        logInfo(QStringLiteral("history: %1 event(s) wait in %2 for the next start")
                    .arg(m_journaled.size())
                    .arg(m_journal.path()));
        return;
    }
    QString error;
    if (m_journal.append(m_held, &error)) {
        logInfo(QStringLiteral("history: %1 event(s) wait in %2 for the next start")
                    .arg(pending())
                    .arg(m_journal.path()));
        return;
    }
    for (const HistoryEntry& entry : m_held)
        logError(QStringLiteral("history: lost at quit, neither the database nor the journal "
                                "could be written (%1): event %2 at %3")
                     .arg(error, core::kindName(entry.event.kind),
                          entry.event.at.toString(Qt::ISODate)));
}

void HistoryRecorder::open()
{
    if (m_memory)
        return;
    int skipped = 0;
    m_journaled = m_journal.read(&skipped);
    if (skipped > 0)
        logWarning(QStringLiteral("history: skipped %1 incomplete line(s) in %2 (never "
                                  "acknowledged: a write cut short)")
                       .arg(skipped)
                       .arg(m_journal.path()));
    if (!m_journaled.isEmpty())
        logInfo(QStringLiteral("history: %1 event(s) from an earlier run wait in %2; they are "
                               "written first")
                    .arg(m_journaled.size())
                    .arg(m_journal.path()));
    retryNow();
}

bool HistoryRecorder::openStore(QString* reason, QString* detail) const
{
    if (m_store)
        return true;
    auto store = std::make_unique<SqliteHistoryStore>(m_path, SqliteHistoryStore::Mode::ReadWrite,
                                                      int(m_options.busyTimeout.count()));
    if (!store->open(detail)) {
        *reason = SqliteHistoryStore::explain(store->lastErrorCode(), *detail);
        return false;
    }
    m_store = std::move(store);
    return true;
}

bool HistoryRecorder::writeToStore(const QList<HistoryEntry>& entries, QString* reason,
                                   QString* detail)
{
    if (!openStore(reason, detail))
        return false;
    if (entries.isEmpty() || m_store->write(entries, detail))
        return true;
    *reason = SqliteHistoryStore::explain(m_store->lastErrorCode(), *detail);
    // Opened afresh next time: a file made writable again, or replaced, is seen.
    m_store.reset();
    return false;
}

HistoryRecorder::Outcome HistoryRecorder::record(const HistoryEvent& event)
{
    if (m_memory) {
        QString error;
        m_memory->record(event, &error);
        return Outcome::Stored;
    }
    const HistoryEntry entry{HistoryEntry::newId(), event};
    if (pending() == 0) {
        QString reason;
        QString detail;
        if (writeToStore({entry}, &reason, &detail))
            return Outcome::Stored;
        m_storeProblem = reason;
        logWarning(QStringLiteral("history: cannot write to %1: %2 (%3); keeping events in %4 "
                                  "until it works again")
                       .arg(m_path, reason, detail, m_journal.path()));
    }
    // Something waits already: behind it, so that the order stays as it happened.
    return keep(entry);
}

HistoryRecorder::Outcome HistoryRecorder::keep(const HistoryEntry& entry)
{
    const QList<HistoryEntry> batch = m_held + QList<HistoryEntry>{entry};
    QString error;
    Outcome outcome = Outcome::Journaled;
    if (m_journal.append(batch, &error)) {
        if (!m_held.isEmpty())
            logInfo(QStringLiteral("history: the %1 event(s) kept in memory are in the journal now")
                        .arg(m_held.size()));
        m_journaled += batch;
        m_held.clear();
        m_journalProblem.clear();
    } else {
        if (m_journalProblem.isEmpty())
            logError(QStringLiteral("history: cannot write the journal %1 either (%2); keeping "
                                    "events in memory and trying both")
                         .arg(m_journal.path(), error));
        m_journalProblem = error;
        m_held.append(entry);
        outcome = Outcome::Held;
    }
    failing(m_storeProblem);
    scheduleRetry();
    return outcome;
}

bool HistoryRecorder::record(const HistoryEvent& event, QString* error)
{
    if (record(event) != Outcome::Held)
        return true;
    *error = m_problem;
    return false;
}

void HistoryRecorder::retryNow()
{
    if (m_memory)
        return;
    m_retry.stop();
    const QList<HistoryEntry> waiting = m_journaled + m_held;
    QString reason;
    QString detail;
    if (writeToStore(waiting, &reason, &detail)) {
        QString error;
        if (!m_journal.clear(&error))
            // Harmless: each entry has its id, so a later replay stores none twice.
            logWarning(QStringLiteral("history: cannot empty the journal %1: %2")
                           .arg(m_journal.path(), error));
        if (!waiting.isEmpty())
            logInfo(QStringLiteral("history: wrote the %1 waiting event(s) into %2, in order")
                        .arg(waiting.size())
                        .arg(m_path));
        m_journaled.clear();
        m_held.clear();
        m_storeProblem.clear();
        m_journalProblem.clear();
        m_delay = m_options.firstRetry;
        if (!m_healthy) {
            m_healthy = true;
            m_problem.clear();
            logInfo(QStringLiteral("history: writing works again"));
            emit healthChanged(true, {});
        }
        return;
    }
    m_storeProblem = reason;
    if (!m_held.isEmpty()) {
        QString error;
        if (m_journal.append(m_held, &error)) {
            logInfo(QStringLiteral("history: the %1 event(s) kept in memory are in the journal now")
                        .arg(m_held.size()));
            m_journaled += m_held;
            m_held.clear();
            m_journalProblem.clear();
        } else {
            m_journalProblem = error;
        }
    }
    logInfo(QStringLiteral("history: still cannot write: %1 (%2); %3 event(s) wait; next try in "
                           "%4 s")
                .arg(reason, detail)
                .arg(pending())
                .arg(seconds(m_delay)));
    failing(reason);
    scheduleRetry();
}

void HistoryRecorder::failing(const QString& storeProblem)
{
    QString problem = storeProblem;
    if (!m_held.isEmpty())
        problem += QStringLiteral("; the journal cannot be written either (%1), so %2 event(s) "
                                  "are kept in memory")
                       .arg(m_journalProblem)
                       .arg(m_held.size());
    m_problem = problem;
    if (!m_healthy)
        return;
    m_healthy = false;
    emit healthChanged(false, m_problem);
}

void HistoryRecorder::scheduleRetry()
{
    if (m_retry.isActive())
        return;
    m_retry.start(m_delay);
    m_delay = std::min(m_delay * 2, m_options.maxRetry);
}

QList<HistoryEvent> HistoryRecorder::events(const QDateTime& from, const QDateTime& to) const
{
    if (m_memory)
        return m_memory->events(from, to);
    QList<HistoryEvent> out;
    QString reason;
    QString detail;
    const bool stored = openStore(&reason, &detail);
    if (stored)
        out = m_store->events(from, to);
    for (const QList<HistoryEntry>* list : {&m_journaled, &m_held})
        for (const HistoryEntry& entry : *list)
            // An entry of an earlier run's journal may be stored already (a crash in between).
            if (entry.event.at >= from && entry.event.at < to &&
                !(stored && m_store->contains(entry.id)))
                out.append(entry.event);
    std::stable_sort(out.begin(), out.end(),
                     [](const HistoryEvent& a, const HistoryEvent& b) { return a.at < b.at; });
    return out;
}

} // namespace deskbreak::app
