#include "app/SittingService.h"

#include "app/HoldMonitor.h"
#include "app/Logging.h"
#include "app/StateFile.h"
#include "core/Duration.h"
#include "core/Overloaded.h"
#include "platform/NoIdleSource.h"

#include <algorithm>

namespace deskbreak::app {

using namespace std::chrono_literals;

namespace {

QString describeEvent(const core::HistoryEvent& e)
{
    QString s =
        QStringLiteral("event %1 at %2").arg(core::kindName(e.kind), e.at.toString(Qt::ISODate));
    if (e.start.isValid())
        s += QStringLiteral(" from %1").arg(e.start.toString(Qt::ISODate));
    if (e.kind == core::HistoryEvent::Kind::NaturalBreak)
        s += QStringLiteral(" (%1)").arg(core::reasonName(e.reason));
    if (e.seconds.count() > 0)
        s += QStringLiteral(" %1s").arg(e.seconds.count());
    return s;
}

} // namespace

SittingService::SittingService(const core::Clock& clock, std::unique_ptr<platform::IdleSource> idle,
                               const core::Settings::Schedule& schedule, QString statePath,
                               QObject* parent)
    : QObject(parent)
    , m_clock(clock)
    , m_idle(std::move(idle))
    , m_schedule(schedule)
    , m_model(clock, modelSchedule(schedule))
    , m_statePath(std::move(statePath))
    , m_history(std::make_unique<core::MemoryHistoryStore>())
{
    m_wake.setSingleShot(true);
    m_wake.setTimerType(Qt::CoarseTimer);
    connect(&m_wake, &QTimer::timeout, this, &SittingService::wake);
}

SittingService::~SittingService() = default;

void SittingService::start(std::unique_ptr<core::HistoryStore> history,
                           platform::SessionMonitor* session)
{
    if (m_started)
        return;
    m_started = true;
    m_history = std::move(history);
    restoreState();
    connectIdleSource();
    if (session) {
        using platform::SessionMonitor;
        connect(session, &SessionMonitor::locked, this,
                [this] { handle(m_model.sessionLocked()); });
        connect(session, &SessionMonitor::unlocked, this,
                [this] { handle(m_model.sessionUnlocked()); });
        connect(session, &SessionMonitor::goingToSleep, this,
                [this] { handle(m_model.goingToSleep()); });
        connect(session, &SessionMonitor::resumed, this,
                [this] { handle(m_model.resumedFromSleep()); });
    }
    saveState();
    armWakeUp();
}

void SittingService::stop()
{
    if (!m_started) // nothing restored yet: the saved state stays as it is
        return;
    saveState();
    m_wake.stop();
}

void SittingService::setHoldMonitor(HoldMonitor* monitor)
{
    m_holdMonitor = monitor;
    if (monitor)
        connect(monitor, &HoldMonitor::holdsChanged, this,
                [this] { handle(m_model.setHolds(m_holdMonitor->holds())); });
    syncMoment();
}

core::Settings::Schedule SittingService::modelSchedule(core::Settings::Schedule schedule) const
{
    if (m_idle && !m_idle->seesInput())
        schedule.moment.pauseBeforeRemind = std::chrono::seconds(0);
    return schedule;
}

void SittingService::syncMoment()
{
    const bool watch = m_model.status().watchHolds;
    if (watch != m_watchingHolds) {
        m_watchingHolds = watch;
        if (m_holdMonitor)
            m_holdMonitor->setWatching(watch);
        // The answer the model waits for when a break comes due (nothing, without detectors).
        const auto holds = m_holdMonitor ? m_holdMonitor->holds() : QList<core::HoldReason>{};
        handle(m_model.setHolds(holds)); // comes back here, with nothing left to change
        return;
    }
    const auto threshold = m_model.idleThreshold();
    if (threshold != m_idleThreshold && m_idle->mode() == platform::IdleSource::Mode::Push) {
        m_idleThreshold = threshold;
        m_idle->setIdleThreshold(threshold);
    }
}

void SittingService::startBreak(const QString& routine)
{
    handle(m_model.startBreak(routine));
}

SittingService::BreakResult SittingService::endBreak(bool reachedEnd,
                                                     std::chrono::seconds routineLength)
{
    const core::Effects effects = m_model.endBreak(reachedEnd, routineLength);
    BreakResult result;
    for (const core::Effect& e : effects) {
        if (const auto* r = std::get_if<core::effect::Record>(&e)) {
            using Kind = core::HistoryEvent::Kind;
            if (r->event.kind == Kind::BreakCompleted || r->event.kind == Kind::BreakEndedEarly)
                result = {r->event.kind == Kind::BreakCompleted, r->event.seconds};
        }
    }
    handle(effects);
    return result;
}

QDateTime SittingService::nextReminderAt() const
{
    const auto s = m_model.status();
    if (s.pausedUntil)
        return {};
    return m_clock.wall().addSecs(s.untilReminder.count());
}

bool SittingService::canSnooze() const
{
    return m_model.canSnooze();
}

void SittingService::snooze(std::optional<std::chrono::seconds> length)
{
    handle(m_model.snooze(length));
}

void SittingService::skip()
{
    handle(m_model.skip());
}

void SittingService::pause(std::chrono::seconds length)
{
    handle(m_model.pause(length));
}

void SittingService::pauseUntilTomorrow()
{
    handle(m_model.pauseUntilTomorrow());
}

void SittingService::resume()
{
    handle(m_model.resume());
}

void SittingService::applySchedule(const core::Settings::Schedule& schedule)
{
    m_schedule = schedule;
    if (m_holdMonitor)
        m_holdMonitor->applySwitches(schedule.moment);
    handle(m_model.applySchedule(modelSchedule(schedule)));
    emit statusAdvanced();
}

core::SittingModel::Status SittingService::status() const
{
    return m_model.status();
}

QString SittingService::idleSourceName() const
{
    return m_idle->name();
}

int SittingService::breaksToday() const
{
    return countToday(core::HistoryEvent::Kind::BreakCompleted);
}

int SittingService::breaksEndedEarlyToday() const
{
    return countToday(core::HistoryEvent::Kind::BreakEndedEarly);
}

int SittingService::countToday(core::HistoryEvent::Kind kind) const
{
    const QDateTime midnight(m_clock.wall().date(), QTime(0, 0));
    int n = 0;
    for (const core::HistoryEvent& e : m_history->events(midnight, midnight.addDays(1)))
        n += e.kind == kind;
    return n;
}

QList<core::DayStats> SittingService::recentDays(int days) const
{
    const QDateTime now = m_clock.wall();
    const QDate today = now.date();
    // A day early: spans ending after midnight.
    const QDateTime from(today.addDays(-days), QTime(0, 0));
    QList<core::HistoryEvent> events = m_history->events(from, now.addSecs(1));
    if (const auto current = stretchInProgress())
        events.append(*current);
    return core::dailyStats(events, today.addDays(1 - days), today, m_schedule.overloadAfter);
}

std::optional<core::HistoryEvent> SittingService::stretchInProgress() const
{
    const auto s = m_model.status();
    if (!s.sittingSince.isValid() || s.sitting.count() <= 0)
        return std::nullopt;
    core::HistoryEvent span{core::HistoryEvent::Kind::SittingSpan,
                            s.sittingSince.addSecs(s.sitting.count()), s.sittingSince};
    return span;
}

void SittingService::wake()
{
    if (m_idle->mode() == platform::IdleSource::Mode::Poll) {
        if (const auto idle = m_idle->idleTime())
            handle(m_model.idleSample(*idle));
        else
            handle(m_model.tick());
    } else {
        handle(m_model.tick());
    }
    emit statusAdvanced();
    // The saved sitting time must stay fresh: a restart reads a gap since the save as sitting.
    if (m_clock.monotonic() - m_stateSavedAt >= m_schedule.naturalBreak / 4)
        saveState();
}

std::optional<std::chrono::milliseconds> SittingService::nextWakeIn() const
{
    if (!m_wake.isActive())
        return std::nullopt;
    return std::chrono::milliseconds(m_wake.interval());
}

QString SittingService::phaseName(Phase phase)
{
    switch (phase) {
    case Phase::Sitting:
        return QStringLiteral("sitting");
    case Phase::Away:
        return QStringLiteral("away");
    case Phase::OnBreak:
        return QStringLiteral("break");
    }
    return {};
}

void SittingService::handle(const core::Effects& effects)
{
    namespace effect = core::effect;
    bool changed = false;
    for (const core::Effect& e : effects)
        std::visit(core::Overloaded{
                       [this](const effect::Remind& r) {
                           emit remindRequested(r.routine, r.again, r.quiet);
                       },
                       [this](const effect::CloseReminder&) { emit closeReminderRequested(); },
                       [this](const effect::OpenBreak& b) { emit openBreakRequested(b.routine); },
                       [this](const effect::CloseBreak&) { emit closeBreakRequested(); },
                       [&changed](const effect::StateChanged&) { changed = true; },
                       [this](const effect::Record& r) { record(r.event); },
                   },
                   e);
    if (changed) {
        logState();
        emit stateChanged();
        saveState();
    }
    syncMoment();
    armWakeUp(); // every input can move the next deadline
}

void SittingService::record(const core::HistoryEvent& e)
{
    // Acknowledged only once on disk: in the history, or in its journal while the history
    // cannot be written (it goes in later, in order).
    QString error;
    if (!m_history->record(e, &error))
        logWarning(QStringLiteral("kept in memory %1 (%2)").arg(describeEvent(e), error));
    else if (m_history->problem().isEmpty())
        logInfo(QStringLiteral("recorded ") + describeEvent(e));
    else
        logInfo(QStringLiteral("journaled %1 (into the history when it can be written)")
                    .arg(describeEvent(e)));
}

void SittingService::connectIdleSource()
{
    using platform::IdleSource;
    connect(m_idle.get(), &IdleSource::unavailable, this, &SittingService::fallBackToNoIdleSource);
    if (m_idle->mode() != IdleSource::Mode::Push)
        return;
    connect(m_idle.get(), &IdleSource::idleFor, this,
            [this](qint64 ms) { handle(m_model.userIdle(std::chrono::milliseconds(ms))); });
    connect(m_idle.get(), &IdleSource::activeAgain, this, [this] { handle(m_model.userActive()); });
    m_idleThreshold = m_model.idleThreshold();
    m_idle->setIdleThreshold(m_idleThreshold);
    handle(m_model.userActive());
}

void SittingService::fallBackToNoIdleSource(const QString& why)
{
    // E.g. the compositor went away: carry on without idle input rather than stop.
    logWarning(QStringLiteral("idle source %1 stopped working (%2); the user counts as "
                              "always present from now on")
                   .arg(m_idle->name(), why));
    // Deleted later: this runs inside the old source's signal.
    platform::IdleSource* old = m_idle.release();
    disconnect(old, nullptr, this, nullptr);
    old->deleteLater();
    m_idle = std::make_unique<platform::NoIdleSource>();
    handle(m_model.applySchedule(modelSchedule(m_schedule))); // no pause in typing to wait for
    handle(m_model.userActive());
}

void SittingService::restoreState()
{
    if (m_statePath.isEmpty())
        return;
    QString note;
    const auto snapshot = statefile::load(m_statePath, m_clock.wall(), &note);
    if (!note.isEmpty())
        logWarning(note);
    if (!snapshot)
        return;
    logInfo(QStringLiteral("continuing from the state saved at %1")
                .arg(snapshot->savedAt.toLocalTime().toString(Qt::ISODate)));
    handle(m_model.restore(*snapshot));
}

void SittingService::saveState()
{
    if (m_statePath.isEmpty() || !m_started)
        return;
    QString error;
    if (!statefile::save(m_statePath, m_model.snapshot(), &error))
        logError(QStringLiteral("cannot save the state: %1").arg(error));
    m_stateSavedAt = m_clock.monotonic();
}

void SittingService::armWakeUp()
{
    const auto now = m_clock.monotonic();
    auto next = m_model.nextWakeUp();
    // The ring shows whole minutes: wake when the next one is reached.
    const auto status = m_model.status();
    if (status.phase == Phase::Sitting)
        next = std::min(next, now + std::chrono::seconds(60 - status.sitting.count() % 60));
    const auto delay = std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(next - now),
                                  0ms, std::chrono::milliseconds(1h));
    m_wake.start(int(delay.count()) + 20); // a little late rather than early: no wasted wake-ups
}

void SittingService::logState() const
{
    const auto s = m_model.status();
    logInfo(QStringLiteral("state %1, sitting %2, next break in %3%4%5%6")
                .arg(phaseName(s.phase), core::formatDuration(s.sitting),
                     core::formatDuration(s.untilReminder))
                .arg(s.overload ? QStringLiteral(", overload") : QString())
                .arg(s.due ? QStringLiteral(", due") : QString())
                .arg(s.pausedUntil ? QStringLiteral(", paused") : QString()));
}

} // namespace deskbreak::app
