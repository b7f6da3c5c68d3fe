#pragma once

#include "core/Settings.h"

#include <QObject>
#include <QStringList>
#include <functional>

namespace deskbreak::app {

class ConfigService;

// Carries a changed config into the running daemon, key by key, so that every key takes
// effect without a restart; the log names the keys that changed and when each applies.
class SettingsApplier : public QObject {
    Q_OBJECT
public:
    // Where each kind of setting goes (an empty one: nowhere yet, e.g. before the notifier
    // is chosen; what is chosen later reads the settings then).
    struct Targets {
        // The schedule in force (ConfigService::schedule(): the demo's is its own).
        std::function<void(const core::Settings::Schedule&)> schedule;
        std::function<void(core::NotificationStyle)> notificationStyle;
        std::function<void(bool)> autostart;
        std::function<void(const QString&)> logLevel;
    };
    // When a key's new value is seen.
    enum class Takes {
        AtOnce,    // carried over at once (the schedule, the notifier, autostart, the log)
        NextBreak, // read when a break starts ([break]): the break going on keeps its own
    };

    SettingsApplier(const ConfigService& config, Targets targets, QObject* parent = nullptr);

    // Applies what changed since the last time (ConfigService::settingsChanged calls it) and
    // returns those keys, "section.key".
    QStringList apply();

    // The keys whose values differ, in the shipped file's order ("routines.NAME" for any
    // routine's time).
    static QStringList changedKeys(const core::Settings& before, const core::Settings& after);
    // Whether `key` ("section.key") is one this class knows how to compare and apply;
    // a test holds every key of the schema to it.
    static bool knows(const QString& key);
    static Takes takes(const QString& key);

private:
    const ConfigService& m_config;
    Targets m_targets;
    core::Settings m_applied;
};

} // namespace deskbreak::app
