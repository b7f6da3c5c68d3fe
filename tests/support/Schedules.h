#pragma once

#include "core/ConfigSchema.h"

namespace deskbreak::test {

using namespace std::chrono_literals;

// The shipped defaults (60m interval, 30m overload, 5m natural break, 10m snooze,
// 3 snoozes, 5m remind-again, always working) without the [moment] rules: a reminder comes
// the second it is due. Most tests assume that; the moment rules have their own tests
// (momentSchedule()).
inline core::Settings::Schedule defaultSchedule()
{
    auto s = core::defaultSettings().schedule;
    s.moment = {};
    return s;
}

// The shipped defaults, [moment] included: every detector on, a 60m max_hold, a 3s pause
// before a reminder, waited for at most 2m.
inline core::Settings::Schedule momentSchedule()
{
    return core::defaultSettings().schedule;
}

} // namespace deskbreak::test
