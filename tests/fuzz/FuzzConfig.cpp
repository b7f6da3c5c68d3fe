// libFuzzer target: the config parser, on any bytes as a config file's text.
#include "core/ConfigParser.h"
#include "core/ConfigSchema.h"
#include "core/Duration.h"

#include <cstddef>
#include <cstdint>

using namespace deskbreak::core;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const QStringList routines = {QStringLiteral("desk-break"), QStringLiteral("evening")};
    const QByteArray text(reinterpret_cast<const char*>(data), qsizetype(size));
    const ConfigResult r = parseConfig(text, QStringLiteral("fuzz.toml"), &routines);
    for (const Diagnostic& d : r.diagnostics)
        (void)d.toString();
    if (!r.ok())
        return 0;
    // An accepted duration is within its key's bounds and writes back as it was read.
    const auto& s = r.settings.schedule;
    for (const auto d : {s.interval, s.overloadAfter, s.naturalBreak, s.snooze, s.remindAgain}) {
        if (d.count() < 5 || d.count() > 24 * 3600)
            __builtin_trap();
        if (parseDuration(formatConfigDuration(d)).value != d)
            __builtin_trap();
    }
    return 0;
}
