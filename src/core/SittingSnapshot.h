#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QMap>
#include <QString>
#include <chrono>
#include <optional>

namespace deskbreak::core {

// The little the sitting model needs to carry over a restart; wall-clock based,
// because the monotonic clock does not survive a reboot.
struct SittingSnapshot {
    enum class Phase { Sitting, Away, OnBreak };

    QDateTime savedAt; // wall clock, UTC
    Phase phase = Phase::Sitting;
    std::chrono::milliseconds sitting{}; // sitting time when saved
    std::chrono::milliseconds away{};    // Away: how long the absence had lasted
    std::chrono::milliseconds
        untilReminder{}; // next reminder, relative to savedAt (may be negative)
    bool due = false;
    int snoozesUsed = 0;
    std::optional<QDateTime> pausedUntil; // wall clock, UTC
    QMap<QString, QDate> routinesDone;    // a scheduled routine's last local day done

    QByteArray toJson() const;
    // Strict: anything missing, mistyped or from another program is refused with a reason.
    static std::optional<SittingSnapshot> fromJson(const QByteArray& data, QString* error);
    bool operator==(const SittingSnapshot&) const = default;
};

} // namespace deskbreak::core
