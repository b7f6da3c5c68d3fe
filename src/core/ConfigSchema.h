#pragma once

#include "core/Settings.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <chrono>
#include <functional>
#include <variant>

namespace deskbreak::core {

// A parsed, typed config value, before it is stored in Settings.
using ConfigValue = std::variant<std::chrono::seconds, qint64, bool, QString, QStringList>;

// One config key: everything about it lives here, once.
struct ConfigKey {
    enum class Type {
        Duration,
        Integer,
        Boolean,
        String,
        Choice,
        TimeWindow,
        WeekdayList,
        TimeOfDay, // "HH:MM", or "" for none
    };

    QString section;
    QString name;
    Type type;
    QString defaultToml; // the default as a TOML literal, exactly as the shipped file has it
    qint64 min = 0;      // bounds: seconds for durations, the value for integers
    qint64 max = 0;
    qint64 adviceMin = 0; // outside [adviceMin, adviceMax] (durations) check-config prints a note
    qint64 adviceMax = 0;
    QString advice;
    QStringList choices; // for Type::Choice
    QString help;        // one line, for people
    std::function<void(Settings&, const ConfigValue&)> apply;

    QString path() const { return section + u'.' + name; }
};

// Every key deskbreak reads, in the order the shipped file lists them.
const QList<ConfigKey>& configKeys();
const ConfigKey* findConfigKey(const QString& section, const QString& name);

// [routines] takes a key for any routine (`name = "HH:MM"`), not only the listed ones.
inline const QString kRoutinesSection = QStringLiteral("routines");
ConfigKey scheduledRoutineKey(const QString& name);

// Settings made only of the descriptors' defaults.
const Settings& defaultSettings();

} // namespace deskbreak::core
