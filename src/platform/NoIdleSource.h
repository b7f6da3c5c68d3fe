#pragma once

#include "platform/IdleSource.h"

namespace deskbreak::platform {

// No way to read input idle time here (e.g. the offscreen platform): the user
// counts as always present, so only locks, sleeps and breaks reset sitting time.
class NoIdleSource final : public IdleSource {
    Q_OBJECT
public:
    using IdleSource::IdleSource;
    QString name() const override { return QStringLiteral("none"); }
    Mode mode() const override { return Mode::Poll; }
    bool seesInput() const override { return false; }
    std::optional<std::chrono::milliseconds> idleTime() override
    {
        return std::chrono::milliseconds(0);
    }
};

} // namespace deskbreak::platform
