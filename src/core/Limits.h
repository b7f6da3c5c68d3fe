#pragma once

#include <chrono>

namespace deskbreak::core {

// The longest durations anyone may ask for, from any source (socket, command line, tray,
// state file): beyond them a request is refused, so no arithmetic on them can overflow.
namespace limits {
inline constexpr std::chrono::seconds kMaxSnooze = std::chrono::hours(24);    // one day
inline constexpr std::chrono::seconds kMaxPause = std::chrono::hours(24 * 7); // one week
} // namespace limits

} // namespace deskbreak::core
