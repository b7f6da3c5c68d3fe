// libFuzzer target: one control-socket line, decoded and validated as the server does,
// then (when valid) acted on by the sitting model as the daemon would.
#include "app/ControlProtocol.h"
#include "core/ConfigSchema.h"
#include "core/Limits.h"
#include "core/SittingModel.h"
#include "support/FakeClock.h"

#include <QJsonObject>
#include <cstddef>
#include <cstdint>

using namespace deskbreak;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray line(reinterpret_cast<const char*>(data), qsizetype(size));
    QString error;
    const QJsonObject request = app::control::decode(line, &error);
    if (!error.isEmpty() || !app::control::validateRequest(request, &error)) {
        if (error.isEmpty())
            __builtin_trap(); // every refusal says why
        (void)app::control::encode(app::control::failure(error));
        return 0;
    }
    test::FakeClock clock;
    core::SittingModel model(clock, core::defaultSettings().schedule);
    clock.advance(std::chrono::hours(2));
    model.tick(); // a break is due, so a snooze is acted on
    const QString command = request.value(QStringLiteral("command")).toString();
    const QJsonValue seconds = request.value(QStringLiteral("seconds"));
    // The daemon's own conversion, on a value the validation let through.
    const auto d = std::chrono::seconds(seconds.toInteger());
    if (command == u"snooze") {
        if (!seconds.isUndefined() && (d.count() < 1 || d > core::limits::kMaxSnooze))
            __builtin_trap();
        model.snooze(seconds.isUndefined() ? std::nullopt : std::optional(d));
    } else if (command == u"pause") {
        if (request.value(QStringLiteral("until_tomorrow")).toBool()) {
            model.pauseUntilTomorrow();
        } else {
            if (d.count() < 1 || d > core::limits::kMaxPause)
                __builtin_trap();
            model.pause(d);
        }
    }
    const auto status = model.status();
    if (status.pausedUntil &&
        clock.wall().secsTo(*status.pausedUntil) > core::limits::kMaxPause.count())
        __builtin_trap();
    clock.advance(model.nextWakeUp() - clock.monotonic());
    model.tick();
    return 0;
}
