#pragma once

#include "core/WorkingHours.h"

#include <QMap>
#include <QString>
#include <QTime>
#include <chrono>

namespace deskbreak::core {

enum class NotificationStyle { Auto, Native, Window };

// The validated configuration, as the rest of the program sees it.
// Defaults live in ConfigSchema (one descriptor per key), not here.
struct Settings {
    struct Schedule {
        std::chrono::seconds interval{};
        std::chrono::seconds overloadAfter{};
        std::chrono::seconds naturalBreak{};
        std::chrono::seconds snooze{};
        int maxSnoozes = 0; // 0 = unlimited
        std::chrono::seconds remindAgain{};
        WorkingHours workingHours;
        QMap<QString, QTime> routineTimes; // [routines]: a routine's time of day; unset = off
        bool operator==(const Schedule&) const = default;
    } schedule;
    struct Break {
        QString routine;
        bool sound = true;  // a chime at each step, rep, side switch and at the end
        bool voice = false; // spoken step names and holds
        bool operator==(const Break&) const = default;
    } breaks;
    NotificationStyle notificationStyle = NotificationStyle::Auto;
    bool autostart = true;
    QString logLevel;

    bool operator==(const Settings&) const = default;
};

} // namespace deskbreak::core
