// libFuzzer target: an exercise file's text; every exercise it accepts is complete.
#include "core/ContentLoader.h"

#include <cstddef>
#include <cstdint>

using namespace deskbreak::core;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char*>(data), qsizetype(size));
    Content content;
    Diagnostics problems;
    parseExercises(text, QStringLiteral("exercises.toml"),
                   QStringLiteral(DESKBREAK_SOURCE_DIR "/assets"), content, problems);
    for (const Diagnostic& d : problems)
        (void)d.toString();
    for (const Exercise& e : content.exercises)
        if (e.id.isEmpty() || (e.holdSeconds <= 0 && e.reps <= 0) || e.holdSeconds < 0 ||
            e.holdSeconds > 3600 || e.reps < 0 || e.reps > 100 || e.steps.size() < 2)
            __builtin_trap();
    return 0;
}
