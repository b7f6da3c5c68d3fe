#pragma once

#include "core/Clock.h"

namespace deskbreak::platform {

// The real clock. Its monotonic time keeps counting while the machine is
// suspended (CLOCK_BOOTTIME on Linux), so the sitting model sees a sleep as a gap.
class SystemClock final : public core::Clock {
public:
    core::MonoTime monotonic() const override;
    QDateTime wall() const override;
};

} // namespace deskbreak::platform
