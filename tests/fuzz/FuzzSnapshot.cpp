// libFuzzer target: a state file's bytes. What fromJson accepts must round-trip, and
// restoring it into the sitting model (then time passing) must stay in range.
#include "core/ConfigSchema.h"
#include "core/SittingModel.h"
#include "core/SittingSnapshot.h"
#include "support/FakeClock.h"

#include <cstddef>
#include <cstdint>

using namespace deskbreak::core;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    QString error;
    const auto snapshot = SittingSnapshot::fromJson(bytes, &error);
    if (!snapshot)
        return 0;
    QString again;
    const auto back = SittingSnapshot::fromJson(snapshot->toJson(), &again);
    if (!back || !(*back == *snapshot))
        __builtin_trap();

    // Restored at a fixed "now", as a restart would.
    deskbreak::test::FakeClock clock(QDateTime(QDate(2026, 3, 2), QTime(8, 0), Qt::UTC));
    SittingModel model(clock, defaultSettings().schedule);
    model.restore(*snapshot);
    for (int i = 0; i < 4; ++i) {
        const auto status = model.status();
        (void)model.snapshot().toJson();
        const auto wake = model.nextWakeUp() - clock.monotonic();
        if (status.sitting.count() < 0)
            __builtin_trap();
        clock.advance(std::clamp(wake, milliseconds(1), milliseconds(std::chrono::hours(2))));
        model.tick();
    }
    return 0;
}
