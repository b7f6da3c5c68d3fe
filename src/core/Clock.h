#pragma once

#include <QDateTime>
#include <chrono>

namespace deskbreak::core {

// Monotonic time: durations are measured on it. The desktop shell uses a clock
// that keeps counting through suspend, so a sleep shows up as a gap.
using MonoClock = std::chrono::steady_clock;
using MonoTime = std::chrono::time_point<MonoClock, std::chrono::milliseconds>;
using std::chrono::milliseconds;
using std::chrono::seconds;

// The time source the domain core reads; injected so tests can run days in milliseconds.
class Clock {
public:
    virtual ~Clock() = default;
    // Monotonic now: never jumps, used for every duration.
    virtual MonoTime monotonic() const = 0;
    // Local wall-clock now: used only for working hours and timestamps.
    virtual QDateTime wall() const = 0;
};

} // namespace deskbreak::core
