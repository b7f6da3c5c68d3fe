#pragma once

#include "core/Effect.h"
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
        // [moment]: when a due reminder is shown. Durations of 0 switch a wait off.
        struct Moment {
            bool camera = false; // hold while a camera is in use
            bool microphone = false;
            bool fullscreen = false;        // ... while a fullscreen window (or presentation) is up
            bool doNotDisturb = false;      // ... while the desktop's do-not-disturb is on
            std::chrono::seconds maxHold{}; // after this a held reminder comes quietly
            std::chrono::seconds pauseBeforeRemind{}; // wait for an input pause this long ...
            std::chrono::seconds waitForPause{};      // ... for at most this long
            bool watchesHolds() const { return camera || microphone || fullscreen || doNotDisturb; }
            bool watches(HoldReason reason) const;
            bool operator==(const Moment&) const = default;
        } moment;
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

inline bool Settings::Schedule::Moment::watches(HoldReason reason) const
{
    switch (reason) {
    case HoldReason::Camera:
        return camera;
    case HoldReason::Microphone:
        return microphone;
    case HoldReason::Fullscreen:
        return fullscreen;
    case HoldReason::DoNotDisturb:
        return doNotDisturb;
    }
    return false;
}

} // namespace deskbreak::core
