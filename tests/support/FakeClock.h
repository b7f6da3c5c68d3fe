#pragma once

#include "core/Clock.h"

namespace deskbreak::test {

// A clock the test moves by hand. The wall clock follows the monotonic one
// plus any jumps (NTP, DST, manual change) the test makes.
class FakeClock : public core::Clock {
public:
    explicit FakeClock(QDateTime wallStart = QDateTime(QDate(2026, 3, 2), QTime(8, 0), Qt::UTC))
        : m_wallStart(std::move(wallStart))
    {
    }

    core::MonoTime monotonic() const override { return m_mono; }
    QDateTime wall() const override
    {
        return m_wallStart.addMSecs((m_mono - m_monoStart).count() + m_wallShift.count());
    }

    void advance(core::milliseconds d) { m_mono += d; }
    void jumpWall(core::milliseconds d) { m_wallShift += d; }
    core::milliseconds elapsed() const { return m_mono - m_monoStart; }

private:
    QDateTime m_wallStart;
    // Far from zero, so a bug that treats a time point as a duration shows up.
    core::MonoTime m_monoStart = core::MonoTime(std::chrono::hours(1000));
    core::MonoTime m_mono = m_monoStart;
    core::milliseconds m_wallShift{0};
};

} // namespace deskbreak::test
