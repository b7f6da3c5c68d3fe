#pragma once

#include "core/Effect.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace deskbreak::core {

// Where history events go. record() returns only once the event is stored for
// good (committed), so a crash after it loses nothing.
class HistoryStore {
public:
    virtual ~HistoryStore() = default;
    // False with a reason when the event could not be stored.
    virtual bool record(const HistoryEvent& event, QString* error) = 0;
    // Events whose time (`at`) is in [from, to), oldest first. Sitting spans and
    // natural breaks that started before `from` but end inside are included.
    virtual QList<HistoryEvent> events(const QDateTime& from, const QDateTime& to) const = 0;
    // Why writes do not reach the store right now (events wait safely meanwhile); empty
    // while all is well.
    virtual QString problem() const { return {}; }
};

// History kept in memory only: for the demo, which must not fill a user's real history.
class MemoryHistoryStore final : public HistoryStore {
public:
    bool record(const HistoryEvent& event, QString* error) override;
    QList<HistoryEvent> events(const QDateTime& from, const QDateTime& to) const override;

private:
    QList<HistoryEvent> m_events;
};

} // namespace deskbreak::core
