#pragma once

#include "core/SittingModel.h"
#include "support/FakeClock.h"

#include <QList>
#include <QString>
#include <functional>

namespace deskbreak::test {

using namespace std::chrono_literals;

// Drives a SittingModel through a scripted day with a polling idle source
// (one sample a second) and logs every effect with its time since the start,
// except the frequent "state" redraw hints.
class Timeline {
public:
    struct Row {
        QString at; // "+HH:MM:SS" since the start
        QString effect;
        bool operator==(const Row&) const = default;
    };

    Timeline(FakeClock& clock, core::SittingModel& model)
        : m_clock(clock)
        , m_model(model)
        , m_lastInput(clock.monotonic())
    {
    }

    void active(core::milliseconds d); // typing and moving the mouse
    void idle(core::milliseconds d);   // reading, or gone: idle time keeps growing
    void locked(core::milliseconds d); // screen locked; idle grows meanwhile
    void asleep(core::milliseconds d); // suspend announced, no calls, then resume
    void silent(core::milliseconds d); // no calls at all (e.g. suspend nobody announced)
    void jumpWall(core::milliseconds d) { m_clock.jumpWall(d); }
    // A user command, e.g. [](auto& m) { return m.snooze(); }
    void act(const std::function<core::Effects(core::SittingModel&)>& command);
    // Logs what an input that is not the user's returned (e.g. a detector's report).
    void record(const core::Effects& effects) { take(effects); }

    const QList<Row>& log() const { return m_log; }
    QString elapsed() const;

private:
    void take(const core::Effects& effects);
    void sample();

    FakeClock& m_clock;
    core::SittingModel& m_model;
    core::MonoTime m_lastInput;
    QList<Row> m_log;
};

// Compares a log with the expected rows; reports each missing and each unexpected row.
QString diffTimeline(const QList<Timeline::Row>& expected, const QList<Timeline::Row>& actual);

} // namespace deskbreak::test
