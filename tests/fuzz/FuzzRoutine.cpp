// libFuzzer target: a user routine file's text, checked against the shipped exercises,
// then played through (segments, positions) as a break window would.
#include "core/ContentLoader.h"
#include "core/RoutinePlayer.h"

#include <cstddef>
#include <cstdint>

using namespace deskbreak::core;

namespace {
const Content& shipped()
{
    static const Content content = [] {
        Diagnostics ignored;
        return loadContent(QStringLiteral(DESKBREAK_SOURCE_DIR "/assets"), {}, ignored);
    }();
    return content;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char*>(data), qsizetype(size));
    Diagnostics problems;
    const auto routine =
        parseRoutine(text, QStringLiteral("/fuzz/quick.toml"), shipped(), problems);
    for (const Diagnostic& d : problems)
        (void)d.toString();
    if (!routine)
        return 0;
    const RoutinePlayer player(*routine, shipped());
    if (player.total() < std::chrono::milliseconds(0) ||
        player.total() != shipped().totalDuration(*routine))
        __builtin_trap();
    for (auto at = std::chrono::milliseconds(0); at <= player.total() + std::chrono::seconds(1);
         at += std::chrono::seconds(7))
        (void)player.at(at);
    return 0;
}
