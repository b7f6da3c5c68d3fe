// Thirty simulated days of random use per seed, with the model's promises
// checked after every single call.
#include "core/SittingModel.h"
#include "support/FakeClock.h"

#include <doctest/doctest.h>
#include <random>

using namespace deskbreak;
using namespace deskbreak::test;
using namespace std::chrono_literals;
using core::SittingModel;
using Phase = SittingModel::Phase;

namespace {

class Soak {
public:
    explicit Soak(unsigned seed)
        : m_rng(seed)
        , m_schedule(randomSchedule())
        , m_model(m_clock, m_schedule)
        , m_userInputAt(m_clock.monotonic())
    {
    }

    void run(std::chrono::hours length)
    {
        const auto end = m_clock.monotonic() + length;
        while (m_clock.monotonic() < end)
            step();
        // The run must have exercised the model, or the invariants proved nothing.
        CHECK(m_reminders > 10);
        CHECK(m_naturalBreaks > 10);
        CHECK(m_breaks > 3);
    }

private:
    core::Settings::Schedule randomSchedule()
    {
        core::Settings::Schedule s;
        s.interval = std::chrono::minutes(pick(20, 120));
        s.overloadAfter = std::chrono::minutes(pick(10, 60));
        s.naturalBreak = std::chrono::minutes(pick(2, 10));
        s.snooze = std::chrono::minutes(pick(1, 15));
        s.maxSnoozes = pick(0, 4);
        s.remindAgain = std::chrono::minutes(pick(1, 10));
        if (pick(0, 1)) {
            QString error;
            s.workingHours = *core::WorkingHours::parse(
                QStringLiteral("%1:00-%2:30").arg(pick(6, 10)).arg(pick(15, 20)),
                std::bitset<7>(std::string("0011111")), &error);
        }
        return s;
    }

    int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(m_rng); }

    void sampleFor(std::chrono::seconds d, bool typing)
    {
        for (std::chrono::seconds t{0}; t < d; t += 1s) {
            m_clock.advance(1s);
            if (typing)
                m_userInputAt = m_clock.monotonic();
            check(m_model.idleSample(m_clock.monotonic() - m_userInputAt));
        }
    }

    void step()
    {
        const int action = pick(0, 99);
        const auto minutes = [&](int lo, int hi) {
            return std::chrono::seconds(pick(lo * 60, hi * 60));
        };
        if (action < 45) {
            sampleFor(minutes(1, 30), true);
        } else if (action < 60) {
            sampleFor(minutes(1, 20), false);
        } else if (action < 64) {
            check(m_model.sessionLocked());
            sampleFor(minutes(1, 30), false);
            m_userInputAt = m_clock.monotonic();
            check(m_model.sessionUnlocked());
        } else if (action < 66) {
            check(m_model.goingToSleep());
            m_clock.advance(minutes(1, 600));
            m_userInputAt = m_clock.monotonic();
            check(m_model.resumedFromSleep());
        } else if (action < 67) {
            m_clock.advance(minutes(1, 60)); // silence: a sleep nobody announced
        } else if (action < 75) {
            m_userInputAt = m_clock.monotonic();
            check(m_model.snooze(pick(0, 1) ? std::nullopt : std::optional(minutes(1, 20))));
        } else if (action < 80) {
            m_userInputAt = m_clock.monotonic();
            check(m_model.skip());
        } else if (action < 88) {
            m_userInputAt = m_clock.monotonic();
            check(m_model.startBreak());
            sampleFor(std::chrono::seconds(pick(5, 240)), false);
            m_userInputAt = m_clock.monotonic();
            check(m_model.endBreak(pick(0, 1)));
        } else if (action < 92) {
            check(pick(0, 3) ? m_model.pause(minutes(5, 120)) : m_model.pauseUntilTomorrow());
        } else if (action < 95) {
            check(m_model.resume());
        } else {
            m_clock.jumpWall(std::chrono::minutes(pick(-120, 120)));
        }
    }

    void check(const core::Effects& effects)
    {
        const auto status = m_model.status();
        const auto now = m_clock.monotonic();
        for (const core::Effect& e : effects) {
            if (const auto* remind = std::get_if<core::effect::Remind>(&e)) {
                ++m_reminders;
                REQUIRE_FALSE(status.pausedUntil.has_value());
                REQUIRE(m_schedule.workingHours.contains(m_clock.wall()));
                REQUIRE(status.sitting >= m_schedule.interval);
                REQUIRE(status.phase == Phase::Sitting);
                if (m_schedule.maxSnoozes > 0)
                    REQUIRE(remind->snoozesLeft == m_schedule.maxSnoozes - status.snoozesUsed);
            }
            if (const auto* record = std::get_if<core::effect::Record>(&e)) {
                using Kind = core::HistoryEvent::Kind;
                if (record->event.kind == Kind::NaturalBreak) {
                    ++m_naturalBreaks;
                    REQUIRE(record->event.seconds >= m_schedule.naturalBreak);
                    // A natural break always resets: sitting counts from its end.
                    REQUIRE(status.sitting.count() <= record->event.at.secsTo(m_clock.wall()));
                }
                m_breaks += record->event.kind == Kind::BreakCompleted;
            }
        }
        if (m_schedule.maxSnoozes > 0)
            REQUIRE(status.snoozesUsed <= m_schedule.maxSnoozes);
        // Input idle for natural_break means away, whatever else is going on (but a break).
        if (status.phase == Phase::Sitting)
            REQUIRE(now - m_userInputAt < m_schedule.naturalBreak);
        REQUIRE(m_model.nextWakeUp() > now);
    }

    std::mt19937 m_rng;
    FakeClock m_clock;
    core::Settings::Schedule m_schedule;
    SittingModel m_model;
    core::MonoTime m_userInputAt;
    int m_reminders = 0;
    int m_naturalBreaks = 0;
    int m_breaks = 0;
};

} // namespace

TEST_CASE("30-day soak with fixed seeds keeps every invariant")
{
    for (unsigned seed : {1u, 2u, 3u, 42u, 2026u}) {
        CAPTURE(seed);
        Soak soak(seed);
        soak.run(std::chrono::hours(24 * 30));
    }
}
