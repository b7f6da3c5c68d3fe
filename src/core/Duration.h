#pragma once

#include <QString>
#include <chrono>
#include <optional>

namespace deskbreak::core {

// Parses "45s", "10m", "1h30m", "2h 15m 10s" into seconds; nullopt with a reason on error.
struct DurationParse {
    std::optional<std::chrono::seconds> value;
    QString error;
};
DurationParse parseDuration(const QString& text);

// "1h 05m", "12m 30s", "45s": short, for people.
QString formatDuration(std::chrono::seconds d);

// "1h30m": the form the config uses, round-trips through parseDuration.
QString formatConfigDuration(std::chrono::seconds d);

// A routine's length as people say it: "3 min" ("3 minutes" with `words`), to the nearest
// minute from a minute on; "45 s" ("45 seconds") below.
QString formatLength(std::chrono::seconds d, bool words = false);

} // namespace deskbreak::core
