#pragma once

#include "core/ConfigSchema.h"

namespace deskbreak::test {

using namespace std::chrono_literals;

// The shipped defaults (60m interval, 30m overload, 5m natural break, 10m snooze,
// 3 snoozes, 5m remind-again, always working): what most tests assume.
inline core::Settings::Schedule defaultSchedule()
{
    return core::defaultSettings().schedule;
}

} // namespace deskbreak::test
