#pragma once

#include "platform/SessionMonitor.h"

namespace deskbreak::test {

// Lock, unlock, sleep and resume when the test emits them (the signals are public).
class FakeSessionMonitor : public platform::SessionMonitor {
public:
    QString name() const override { return QStringLiteral("fake"); }
};

} // namespace deskbreak::test
