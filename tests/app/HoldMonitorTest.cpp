// [moment] in the daemon's services: the hold monitor watches its detectors only while the
// sitting model wants a reminder, and the sitting service asks a push idle source for a
// short threshold only while a reminder waits for a pause in typing.
#include "app/HoldMonitor.h"

#include "app/SittingService.h"
#include "platform/NoIdleSource.h"
#include "support/FakeClock.h"
#include "support/FakeIdleSource.h"
#include "support/Schedules.h"

#include <doctest/doctest.h>

using namespace deskbreak;
using namespace std::chrono_literals;
using app::HoldMonitor;
using app::SittingService;
using core::HoldReason;
using Mode = platform::IdleSource::Mode;

namespace {

// A detector the test switches; it counts how often it was asked to watch.
class StandInDetector final : public platform::HoldDetector {
public:
    explicit StandInDetector(HoldReason reason)
        : m_reason(reason)
    {
    }
    HoldReason reason() const override { return m_reason; }
    QString name() const override { return QStringLiteral("stand-in"); }
    QString looksAt() const override { return QStringLiteral("what the test says"); }
    void setWatching(bool on) override
    {
        watches += on && !m_watching;
        m_watching = on;
    }
    bool isWatching() const override { return m_watching; }
    bool active() const override { return m_watching && on; }
    // What the detected thing does: a call starts or ends.
    void set(bool value)
    {
        const bool before = active();
        on = value;
        if (active() != before)
            emit activeChanged(active());
    }
    bool on = false;
    int watches = 0;

private:
    HoldReason m_reason;
    bool m_watching = false;
};

struct Rig {
    explicit Rig(core::Settings::Schedule s = test::momentSchedule(), Mode mode = Mode::Poll)
        : schedule(s)
    {
        auto source = std::make_unique<test::FakeIdleSource>(mode);
        idle = source.get();
        service = std::make_unique<SittingService>(clock, std::move(source), s, QString());
        std::vector<std::unique_ptr<platform::HoldDetector>> detectors;
        detectors.push_back(std::make_unique<StandInDetector>(HoldReason::Camera));
        detectors.push_back(std::make_unique<StandInDetector>(HoldReason::DoNotDisturb));
        camera = static_cast<StandInDetector*>(detectors[0].get());
        dnd = static_cast<StandInDetector*>(detectors[1].get());
        monitor = std::make_unique<HoldMonitor>(std::move(detectors), s.moment);
        service->setHoldMonitor(monitor.get());
        QObject::connect(service.get(), &SittingService::remindRequested,
                         [this](const QString&, bool, bool quiet) {
                             ++reminders;
                             lastQuiet = quiet;
                         });
        service->start(std::make_unique<core::MemoryHistoryStore>(), nullptr);
    }
    // Time passes in steps, as the wake-up timer would take it.
    void pass(std::chrono::milliseconds d, std::chrono::milliseconds step = 1s)
    {
        for (std::chrono::milliseconds t{0}; t < d; t += step) {
            clock.advance(step);
            service->wake();
        }
    }
    core::Settings::Schedule schedule;
    test::FakeClock clock;
    test::FakeIdleSource* idle = nullptr;
    std::unique_ptr<SittingService> service;
    std::unique_ptr<HoldMonitor> monitor;
    StandInDetector* camera = nullptr;
    StandInDetector* dnd = nullptr;
    int reminders = 0;
    bool lastQuiet = false;
};

} // namespace

TEST_CASE("detectors are watched only while a reminder is wanted, and a call holds it")
{
    Rig r;
    r.camera->on = true; // a call going on before the break is due
    r.pass(59min, 30s);
    CHECK_FALSE(r.camera->isWatching());
    CHECK_FALSE(r.dnd->isWatching());
    CHECK(r.camera->watches == 0);
    r.pass(2min, 1s);
    CHECK(r.camera->isWatching());
    CHECK(r.reminders == 0); // held from the start: never shown
    REQUIRE(r.service->status().heldBy);
    CHECK(*r.service->status().heldBy == HoldReason::Camera);

    r.camera->set(false); // the call ends
    CHECK(r.reminders == 1);
    CHECK_FALSE(r.lastQuiet);
    CHECK_FALSE(r.service->status().heldBy);

    r.service->snooze();
    CHECK_FALSE(r.camera->isWatching()); // nothing wanted during the snooze
    r.pass(10min + 2s, 1s);
    CHECK(r.camera->isWatching());
    CHECK(r.camera->watches == 2);
    CHECK(r.reminders == 2);
}

TEST_CASE("a switch turned off stops its detector at once and releases the hold")
{
    Rig r;
    r.pass(60min + 2s, 1s);
    REQUIRE(r.reminders == 1);
    r.dnd->set(true);
    CHECK(r.service->status().heldBy);
    CHECK(r.service->status().reminderOpen == false);
    auto s = r.schedule;
    s.moment.doNotDisturb = false;
    r.service->applySchedule(s);
    CHECK_FALSE(r.dnd->isWatching());
    CHECK(r.camera->isWatching());
    CHECK_FALSE(r.service->status().heldBy);
    CHECK(r.reminders == 2);
}

TEST_CASE("max_hold: the reminder comes quietly")
{
    auto s = test::momentSchedule();
    s.moment.maxHold = 10min;
    Rig r(s);
    r.dnd->on = true;
    r.pass(60min + 2s, 1s);
    CHECK(r.reminders == 0);
    r.pass(10min, 5s);
    CHECK(r.reminders == 1);
    CHECK(r.lastQuiet);
}

TEST_CASE("a push source is asked for the pause threshold only while a reminder waits for it")
{
    Rig r(test::momentSchedule(), Mode::Push);
    REQUIRE(r.idle->threshold);
    CHECK(*r.idle->threshold == 5min);
    r.pass(60min + 3s, 1s); // typing, as far as the model knows: the source said nothing
    CHECK(r.service->status().waitingForPause);
    CHECK(*r.idle->threshold == 3s);
    CHECK(r.reminders == 0);
    emit r.idle->idleFor(3000);
    CHECK(r.reminders == 1);
    CHECK(*r.idle->threshold == 5min);
}

TEST_CASE("without an idle source that sees input there is no pause to wait for")
{
    test::FakeClock clock;
    auto s = test::momentSchedule();
    s.moment.camera = s.moment.microphone = s.moment.fullscreen = s.moment.doNotDisturb = false;
    SittingService service(clock, std::make_unique<platform::NoIdleSource>(), s, QString());
    int reminders = 0;
    QObject::connect(&service, &SittingService::remindRequested, [&] { ++reminders; });
    service.start(std::make_unique<core::MemoryHistoryStore>(), nullptr);
    for (int i = 0; i < 3601; ++i) {
        clock.advance(1s);
        service.wake();
    }
    CHECK(reminders == 1);
}
