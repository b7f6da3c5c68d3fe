#include "core/HistoryStore.h"

namespace deskbreak::core {

bool MemoryHistoryStore::record(const HistoryEvent& event, QString*)
{
    m_events.append(event);
    return true;
}

QList<HistoryEvent> MemoryHistoryStore::events(const QDateTime& from, const QDateTime& to) const
{
    QList<HistoryEvent> out;
    for (const HistoryEvent& e : m_events)
        if (e.at >= from && e.at < to)
            out.append(e);
    std::stable_sort(out.begin(), out.end(),
                     [](const HistoryEvent& a, const HistoryEvent& b) { return a.at < b.at; });
    return out;
}

} // namespace deskbreak::core
