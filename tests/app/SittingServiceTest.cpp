// The sitting service without a display: a fake clock, a fake idle source, a fake session
// monitor and an in-memory history; the wake-up timer is stood in for by calling wake().
#include "app/SittingService.h"

#include "app/StateFile.h"
#include "support/FakeClock.h"
#include "support/FakeIdleSource.h"
#include "support/FakeSessionMonitor.h"
#include "support/Schedules.h"

#include <QCoreApplication>
#include <QDir>
#include <QPointer>
#include <QTemporaryDir>
#include <doctest/doctest.h>

using namespace deskbreak;
using namespace std::chrono_literals;
using app::SittingService;
using Kind = core::HistoryEvent::Kind;
using Phase = SittingService::Phase;
using Mode = platform::IdleSource::Mode;

namespace {

// What the service sent to the presentation, in order.
struct Signals {
    explicit Signals(SittingService& s)
    {
        QObject::connect(&s, &SittingService::remindRequested, [this] { log << "remind"; });
        QObject::connect(&s, &SittingService::closeReminderRequested,
                         [this] { log << "close_reminder"; });
        QObject::connect(&s, &SittingService::openBreakRequested, [this] { log << "open_break"; });
        QObject::connect(&s, &SittingService::closeBreakRequested,
                         [this] { log << "close_break"; });
        QObject::connect(&s, &SittingService::stateChanged, [this] { log << "state"; });
    }
    int count(const QString& what) const { return int(log.count(what)); }
    QStringList log;
};

// A service on a fake clock, with its history and idle source kept in view.
struct Rig {
    explicit Rig(Mode mode = Mode::Poll, QString statePath = {},
                 QDateTime wallStart = QDateTime(QDate(2026, 3, 2), QTime(8, 0), Qt::UTC),
                 core::Settings::Schedule schedule = test::defaultSchedule())
        : clock(std::move(wallStart))
    {
        auto source = std::make_unique<test::FakeIdleSource>(mode);
        idle = source.get();
        service = std::make_unique<SittingService>(clock, std::move(source), schedule,
                                                   std::move(statePath));
        events = std::make_unique<Signals>(*service);
    }
    void start()
    {
        auto store = std::make_unique<core::MemoryHistoryStore>();
        history = store.get();
        service->start(std::move(store), &session);
    }
    // Time passes with the user at the desk, waking at least each minute as the timer
    // would (a longer gap between inputs is a sleep to the model).
    void sit(std::chrono::milliseconds d)
    {
        while (d > 0ms) {
            const auto step = std::min<std::chrono::milliseconds>(d, 30s);
            if (idle)
                idle->idle = 0ms;
            clock.advance(step);
            service->wake();
            d -= step;
        }
    }
    // Time passes with no input (a polling source sees idle time grow), or only the
    // clock's, waking as the timer would.
    void leave(std::chrono::milliseconds d)
    {
        std::chrono::milliseconds gone{0};
        while (gone < d) {
            const auto step = std::min<std::chrono::milliseconds>(d - gone, 30s);
            gone += step;
            if (idle)
                idle->idle = gone;
            clock.advance(step);
            service->wake();
        }
    }
    QList<Kind> kinds() const
    {
        QList<Kind> out;
        for (const core::HistoryEvent& e :
             history->events(clock.wall().addDays(-2), clock.wall().addDays(1)))
            out << e.kind;
        return out;
    }

    test::FakeClock clock;
    test::FakeSessionMonitor session;
    QPointer<test::FakeIdleSource> idle;
    std::unique_ptr<SittingService> service;
    std::unique_ptr<Signals> events;
    core::MemoryHistoryStore* history = nullptr;
};

std::optional<core::SittingSnapshot> saved(const QString& path)
{
    QString note;
    return app::statefile::load(path, QDateTime::currentDateTime(), &note);
}

} // namespace

TEST_CASE("a polling idle source is read at each wake-up: idle past natural_break is away")
{
    Rig rig(Mode::Poll);
    rig.start();
    rig.sit(10min);
    CHECK(rig.idle->polls >= 1);
    CHECK(rig.service->status().phase == Phase::Sitting);
    CHECK(rig.service->status().sitting == 10min);

    rig.leave(6min); // no input for six minutes (natural_break is 5)
    CHECK(rig.service->status().phase == Phase::Away);

    rig.sit(1s);
    CHECK(rig.service->status().phase == Phase::Sitting);
    CHECK(rig.service->status().sitting < 10s);
    CHECK(rig.kinds() == QList<Kind>{Kind::SittingSpan, Kind::NaturalBreak});
}

TEST_CASE("a failed idle query counts as no news: the clock moves, sitting goes on")
{
    Rig rig(Mode::Poll);
    rig.start();
    rig.idle->idle = std::nullopt;
    for (int i = 0; i < 4; ++i) {
        rig.clock.advance(30s);
        rig.service->wake();
    }
    CHECK(rig.idle->polls == 4);
    CHECK(rig.service->status().phase == Phase::Sitting);
    CHECK(rig.service->status().sitting == 2min);
}

TEST_CASE("a pushing idle source gets the threshold and its signals reach the model")
{
    Rig rig(Mode::Push);
    rig.start();
    REQUIRE(rig.idle->threshold.has_value());
    CHECK(*rig.idle->threshold == 5min);
    CHECK(rig.idle->polls == 0);

    rig.sit(15min);
    emit rig.idle->idleFor(qint64(std::chrono::milliseconds(5min).count()));
    CHECK(rig.service->status().phase == Phase::Away);
    rig.clock.advance(1min);
    emit rig.idle->activeAgain();
    CHECK(rig.service->status().phase == Phase::Sitting);
    CHECK(rig.kinds().contains(Kind::NaturalBreak));

    // A new schedule moves the threshold with it.
    core::Settings::Schedule longer = test::defaultSchedule();
    longer.naturalBreak = 7min;
    rig.service->applySchedule(longer);
    CHECK(*rig.idle->threshold == 7min);
    CHECK(rig.service->schedule().naturalBreak == 7min);
}

TEST_CASE("a due break asks for the reminder once, and it is recorded")
{
    Rig rig;
    rig.start();
    rig.sit(59min);
    CHECK(rig.events->count("remind") == 0);
    rig.sit(1min);
    CHECK(rig.events->count("remind") == 1);
    CHECK(rig.service->status().due);
    rig.sit(1s);
    CHECK(rig.events->count("remind") == 1); // not again at every wake-up
    CHECK(rig.kinds().contains(Kind::Reminded));

    // The presentation's part comes as signals, the history's goes to the store.
    rig.service->startBreak();
    CHECK(rig.events->log.mid(rig.events->log.indexOf("remind") + 1) ==
          QStringList{"state", "close_reminder", "open_break", "state"});
    rig.clock.advance(3min);
    const auto result = rig.service->endBreak(true, 180s);
    CHECK(result.completed);
    CHECK(result.lasted == 180s);
    CHECK(rig.kinds() ==
          QList<Kind>{Kind::Reminded, Kind::BreakStarted, Kind::SittingSpan, Kind::BreakCompleted});
    CHECK(rig.service->breaksToday() == 1);
    CHECK(rig.service->status().sitting == 0s);
    CHECK(rig.service->nextReminderAt() ==
          rig.clock.wall().addSecs(rig.service->schedule().interval.count()));
}

TEST_CASE("a break skipped through in 27 s is ended early: no reset, not among today's breaks")
{
    Rig rig;
    rig.start();
    rig.sit(61min);
    rig.service->startBreak();
    rig.clock.advance(27s);
    const auto result = rig.service->endBreak(true, 180s);
    CHECK_FALSE(result.completed);
    CHECK(result.lasted == 27s);
    CHECK(rig.kinds().contains(Kind::BreakEndedEarly));
    CHECK_FALSE(rig.kinds().contains(Kind::BreakCompleted));
    CHECK(rig.service->breaksToday() == 0);
    CHECK(rig.service->status().sitting >= 61min);
    CHECK(rig.service->status().due);
}

TEST_CASE("lock and sleep events from the session monitor reach the model")
{
    Rig rig;
    rig.start();
    rig.sit(20min);
    emit rig.session.locked();
    rig.leave(10min);
    emit rig.session.unlocked();
    rig.sit(1s);
    CHECK(rig.service->status().sitting < 10s);
    const auto events = rig.history->events(rig.clock.wall().addDays(-1), rig.clock.wall());
    bool lockedBreak = false;
    for (const core::HistoryEvent& e : events)
        lockedBreak = lockedBreak || (e.kind == Kind::NaturalBreak &&
                                      e.reason == core::NaturalBreakReason::Locked);
    CHECK(lockedBreak);

    emit rig.session.goingToSleep();
    rig.clock.advance(8h);
    emit rig.session.resumed();
    rig.sit(1s);
    CHECK(rig.service->status().sitting < 10s);
}

TEST_CASE("the state is saved at the start, at each state change, every natural_break/4 and at "
          "the stop")
{
    QTemporaryDir dir;
    const QString path = dir.filePath("state/state");
    Rig rig(Mode::Poll, path);
    CHECK_FALSE(QFile::exists(path)); // nothing before the start
    rig.start();
    auto s = saved(path);
    REQUIRE(s.has_value());
    const QDateTime first = s->savedAt;
    CHECK(first == rig.clock.wall().toUTC());

    rig.sit(60s); // natural_break / 4 = 75 s: not yet
    CHECK(saved(path)->savedAt == first);
    rig.sit(15s);
    s = saved(path);
    CHECK(s->savedAt == first.addSecs(75));
    CHECK(s->sitting == 75s);

    rig.clock.advance(10s);
    rig.service->startBreak(); // a state change
    s = saved(path);
    CHECK(s->savedAt == first.addSecs(85));
    CHECK(s->phase == Phase::OnBreak);

    rig.clock.advance(20s);
    rig.service->stop();
    CHECK(saved(path)->savedAt == first.addSecs(105));
    CHECK_FALSE(rig.service->nextWakeIn().has_value()); // the timer is off
}

TEST_CASE("a restart continues from the saved state")
{
    QTemporaryDir dir;
    const QString path = dir.filePath("state");
    {
        Rig before(Mode::Poll, path);
        before.start();
        before.sit(20min);
        before.service->stop();
    }
    // Started again a minute later: the minute in between counts as sitting.
    Rig after(Mode::Poll, path, QDateTime(QDate(2026, 3, 2), QTime(8, 21), Qt::UTC));
    after.start();
    CHECK(after.service->status().sitting == 21min);
    CHECK(QDir(dir.path()).entryList(QDir::Files) == QStringList{"state"});
}

TEST_CASE("an idle source that stops working is replaced: the user counts as present")
{
    Rig rig(Mode::Push);
    rig.start();
    rig.sit(10min);
    CHECK(rig.service->idleSourceName() == "fake");
    emit rig.idle->unavailable(QStringLiteral("the compositor went away"));
    CHECK(rig.service->idleSourceName() == "none");
    QCoreApplication::processEvents(); // the old source goes, later: it was inside its signal
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    CHECK(rig.idle.isNull());

    rig.sit(20min); // the stand-in polls "no idle time": still sitting
    CHECK(rig.service->status().phase == Phase::Sitting);
    CHECK(rig.service->status().sitting == 30min);
}

TEST_CASE("the wake-up timer is set for the next minute of the ring, or the deadline")
{
    Rig rig;
    CHECK_FALSE(rig.service->nextWakeIn().has_value()); // not before the start
    rig.start();
    REQUIRE(rig.service->nextWakeIn().has_value());
    CHECK(*rig.service->nextWakeIn() == 60s + 20ms);
    rig.sit(30s);
    CHECK(*rig.service->nextWakeIn() == 30s + 20ms);
}

TEST_CASE("recentDays and breaksToday read the history by the injected clock's day")
{
    Rig rig;
    rig.start();
    rig.sit(40min);
    const QList<core::DayStats> days = rig.service->recentDays(7);
    REQUIRE(days.size() == 7);
    CHECK(days.last().date == rig.clock.wall().date());
    CHECK(days.last().sitting == 40min); // the stretch going on now counts
    CHECK(days.first().date == rig.clock.wall().date().addDays(-6));
    CHECK(rig.service->breaksToday() == 0);
}
