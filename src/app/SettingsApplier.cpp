#include "app/SettingsApplier.h"

#include "app/ConfigService.h"
#include "app/Logging.h"
#include "core/ConfigSchema.h"

#include <algorithm>

namespace deskbreak::app {

using core::Settings;

namespace {

struct LiveKey {
    const char* key;
    SettingsApplier::Takes takes;
    std::function<bool(const Settings&, const Settings&)> same;
};

// Every key but [routines] (any routine may have one), in the shipped file's order.
const QList<LiveKey>& liveKeys()
{
    using Takes = SettingsApplier::Takes;
    static const QList<LiveKey> keys = {
        {"schedule.interval", Takes::AtOnce,
         [](const Settings& a, const Settings& b) {
             return a.schedule.interval == b.schedule.interval;
         }},
        {"schedule.overload_after", Takes::AtOnce,
         [](const Settings& a, const Settings& b) {
             return a.schedule.overloadAfter == b.schedule.overloadAfter;
         }},
        {"schedule.natural_break", Takes::AtOnce,
         [](const Settings& a, const Settings& b) {
             return a.schedule.naturalBreak == b.schedule.naturalBreak;
         }},
        {"schedule.snooze", Takes::AtOnce,
         [](const Settings& a, const Settings& b) {
             return a.schedule.snooze == b.schedule.snooze;
         }},
        {"schedule.max_snoozes", Takes::AtOnce,
         [](const Settings& a, const Settings& b) {
             return a.schedule.maxSnoozes == b.schedule.maxSnoozes;
         }},
        {"schedule.remind_again", Takes::AtOnce,
         [](const Settings& a, const Settings& b) {
             return a.schedule.remindAgain == b.schedule.remindAgain;
         }},
        {"schedule.working_hours", Takes::AtOnce,
         [](const Settings& a, const Settings& b) {
             return a.schedule.workingHours.windowText() == b.schedule.workingHours.windowText();
         }},
        {"schedule.working_days", Takes::AtOnce,
         [](const Settings& a, const Settings& b) {
             return a.schedule.workingHours.days() == b.schedule.workingHours.days();
         }},
        {"moment.camera", Takes::AtOnce,
         [](const Settings& a, const Settings& b) {
             return a.schedule.moment.camera == b.schedule.moment.camera;
         }},
        {"moment.microphone", Takes::AtOnce,
         [](const Settings& a, const Settings& b) {
             return a.schedule.moment.microphone == b.schedule.moment.microphone;
         }},
        {"moment.fullscreen", Takes::AtOnce,
         [](const Settings& a, const Settings& b) {
             return a.schedule.moment.fullscreen == b.schedule.moment.fullscreen;
         }},
        {"moment.do_not_disturb", Takes::AtOnce,
         [](const Settings& a, const Settings& b) {
             return a.schedule.moment.doNotDisturb == b.schedule.moment.doNotDisturb;
         }},
        {"moment.max_hold", Takes::AtOnce,
         [](const Settings& a, const Settings& b) {
             return a.schedule.moment.maxHold == b.schedule.moment.maxHold;
         }},
        {"moment.pause_before_remind", Takes::AtOnce,
         [](const Settings& a, const Settings& b) {
             return a.schedule.moment.pauseBeforeRemind == b.schedule.moment.pauseBeforeRemind;
         }},
        {"moment.wait_for_pause", Takes::AtOnce,
         [](const Settings& a, const Settings& b) {
             return a.schedule.moment.waitForPause == b.schedule.moment.waitForPause;
         }},
        {"break.routine", Takes::NextBreak,
         [](const Settings& a, const Settings& b) { return a.breaks.routine == b.breaks.routine; }},
        {"break.sound", Takes::NextBreak,
         [](const Settings& a, const Settings& b) { return a.breaks.sound == b.breaks.sound; }},
        {"break.voice", Takes::NextBreak,
         [](const Settings& a, const Settings& b) { return a.breaks.voice == b.breaks.voice; }},
        {"notifications.style", Takes::AtOnce,
         [](const Settings& a, const Settings& b) {
             return a.notificationStyle == b.notificationStyle;
         }},
        {"startup.autostart", Takes::AtOnce,
         [](const Settings& a, const Settings& b) { return a.autostart == b.autostart; }},
        {"log.level", Takes::AtOnce,
         [](const Settings& a, const Settings& b) { return a.logLevel == b.logLevel; }},
    };
    return keys;
}

const LiveKey* findLiveKey(const QString& key)
{
    for (const LiveKey& k : liveKeys())
        if (key == QLatin1String(k.key))
            return &k;
    return nullptr;
}

bool isRoutineKey(const QString& key)
{
    return key.startsWith(core::kRoutinesSection + u'.');
}

} // namespace

SettingsApplier::SettingsApplier(const ConfigService& config, Targets targets, QObject* parent)
    : QObject(parent)
    , m_config(config)
    , m_targets(std::move(targets))
    , m_applied(config.settings())
{
}

QStringList SettingsApplier::changedKeys(const Settings& before, const Settings& after)
{
    QStringList out;
    for (const LiveKey& k : liveKeys())
        if (!k.same(before, after))
            out << QLatin1String(k.key);
    QStringList routines = before.schedule.routineTimes.keys() + after.schedule.routineTimes.keys();
    routines.removeDuplicates();
    routines.sort();
    for (const QString& name : routines)
        if (before.schedule.routineTimes.value(name) != after.schedule.routineTimes.value(name))
            out << core::kRoutinesSection + u'.' + name;
    return out;
}

bool SettingsApplier::knows(const QString& key)
{
    return isRoutineKey(key) || findLiveKey(key);
}

SettingsApplier::Takes SettingsApplier::takes(const QString& key)
{
    const LiveKey* k = findLiveKey(key);
    return k ? k->takes : Takes::AtOnce; // [routines] is part of the schedule
}

QStringList SettingsApplier::apply()
{
    const Settings& now = m_config.settings();
    QStringList changed = changedKeys(m_applied, now);
    const Settings before = std::exchange(m_applied, now);
    if (changed.isEmpty())
        return changed;
    const auto any = [&](const QString& prefix) {
        return std::any_of(changed.cbegin(), changed.cend(),
                           [&](const QString& k) { return k.startsWith(prefix); });
    };
    if (m_targets.schedule && (any(QStringLiteral("schedule.")) || any(QStringLiteral("moment.")) ||
                               any(core::kRoutinesSection)))
        m_targets.schedule(m_config.schedule());
    if (m_targets.notificationStyle && before.notificationStyle != now.notificationStyle)
        m_targets.notificationStyle(now.notificationStyle);
    if (m_targets.autostart && before.autostart != now.autostart)
        m_targets.autostart(now.autostart);
    if (m_targets.logLevel && before.logLevel != now.logLevel)
        m_targets.logLevel(now.logLevel);

    QStringList atOnce, nextBreak;
    for (const QString& key : changed)
        (takes(key) == Takes::NextBreak ? nextBreak : atOnce) << key;
    QStringList parts;
    if (!atOnce.isEmpty())
        parts << QStringLiteral("%1 (at once)").arg(atOnce.join(QStringLiteral(", ")));
    if (!nextBreak.isEmpty())
        parts
            << QStringLiteral("%1 (from the next break)").arg(nextBreak.join(QStringLiteral(", ")));
    logInfo(QStringLiteral("config applied from %1: %2")
                .arg(m_config.configFile(), parts.join(QStringLiteral("; "))));
    return changed;
}

} // namespace deskbreak::app
