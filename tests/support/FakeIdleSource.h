#pragma once

#include "platform/IdleSource.h"

namespace deskbreak::test {

// An idle source the test drives: a polling one reads idle(), a pushing one sends what the
// test emits (idleFor, activeAgain, unavailable are public signals). No Q_OBJECT: it adds
// no signal of its own, so it needs no moc.
class FakeIdleSource : public platform::IdleSource {
public:
    explicit FakeIdleSource(Mode mode = Mode::Poll)
        : m_mode(mode)
    {
    }

    QString name() const override { return QStringLiteral("fake"); }
    Mode mode() const override { return m_mode; }
    std::optional<std::chrono::milliseconds> idleTime() override
    {
        ++polls;
        return idle;
    }
    void setIdleThreshold(std::chrono::milliseconds t) override { threshold = t; }

    // Hands off for a little while (reading), so a due reminder need not wait for a pause in
    // typing ([moment]); nullopt: the query fails.
    std::optional<std::chrono::milliseconds> idle = std::chrono::seconds(30);
    std::optional<std::chrono::milliseconds> threshold; // what the daemon last set
    int polls = 0;

private:
    Mode m_mode;
};

} // namespace deskbreak::test
