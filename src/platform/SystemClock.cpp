#include "platform/SystemClock.h"

#ifdef Q_OS_LINUX
#include <ctime>
#endif

namespace deskbreak::platform {

core::MonoTime SystemClock::monotonic() const
{
#ifdef Q_OS_LINUX
    timespec ts{};
    clock_gettime(CLOCK_BOOTTIME, &ts);
    return core::MonoTime(
        std::chrono::milliseconds(qint64(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000));
#else
    // steady_clock counts through sleep on Windows and macOS (mach_continuous_time-based in
    // libc++).
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now());
#endif
}

QDateTime SystemClock::wall() const
{
    return QDateTime::currentDateTime();
}

} // namespace deskbreak::platform
