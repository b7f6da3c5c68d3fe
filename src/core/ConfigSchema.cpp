#include "core/ConfigSchema.h"

namespace deskbreak::core {

using Type = ConfigKey::Type;
using std::chrono::seconds;

namespace {

constexpr qint64 hour = 3600;

QList<ConfigKey> makeKeys()
{
    const QString schedule = QStringLiteral("schedule");
    const QString brk = QStringLiteral("break");
    const QString sourcesAdvice =
        QStringLiteral("the sources advise a short stretching break every 1 to 2 hours of sitting");
    auto dur = [](const ConfigValue& v) { return std::get<seconds>(v); };
    const QString moment = QStringLiteral("moment");
    using Moment = Settings::Schedule::Moment;
    auto momentSwitch = [&](const QString& name, const QString& help, bool Moment::*field) {
        return ConfigKey{moment,
                         name,
                         Type::Boolean,
                         QStringLiteral("true"),
                         0,
                         0,
                         0,
                         0,
                         {},
                         {},
                         help,
                         [field](Settings& s, const ConfigValue& v) {
                             s.schedule.moment.*field = std::get<bool>(v);
                         }};
    };

    return {
        {schedule,
         QStringLiteral("interval"),
         Type::Duration,
         QStringLiteral("\"60m\""),
         10,
         24 * hour,
         1 * hour,
         2 * hour,
         sourcesAdvice,
         {},
         QStringLiteral("continuous sitting before a break is due"),
         [=](Settings& s, const ConfigValue& v) { s.schedule.interval = dur(v); }},
        {schedule,
         QStringLiteral("overload_after"),
         Type::Duration,
         QStringLiteral("\"30m\""),
         10,
         24 * hour,
         0,
         0,
         {},
         {},
         QStringLiteral("sitting beyond this is shown as overload"),
         [=](Settings& s, const ConfigValue& v) { s.schedule.overloadAfter = dur(v); }},
        {schedule,
         QStringLiteral("natural_break"),
         Type::Duration,
         QStringLiteral("\"5m\""),
         5,
         4 * hour,
         0,
         0,
         {},
         {},
         QStringLiteral("idle, locked or asleep this long counts as a break"),
         [=](Settings& s, const ConfigValue& v) { s.schedule.naturalBreak = dur(v); }},
        {schedule,
         QStringLiteral("snooze"),
         Type::Duration,
         QStringLiteral("\"10m\""),
         5,
         4 * hour,
         0,
         0,
         {},
         {},
         QStringLiteral("how long Snooze puts the reminder off"),
         [=](Settings& s, const ConfigValue& v) { s.schedule.snooze = dur(v); }},
        {schedule,
         QStringLiteral("max_snoozes"),
         Type::Integer,
         QStringLiteral("3"),
         0,
         20,
         0,
         0,
         {},
         {},
         QStringLiteral("snoozes in a row before Snooze is no longer offered (0 = unlimited)"),
         [](Settings& s, const ConfigValue& v) {
             s.schedule.maxSnoozes = int(std::get<qint64>(v));
         }},
        {schedule,
         QStringLiteral("remind_again"),
         Type::Duration,
         QStringLiteral("\"5m\""),
         5,
         4 * hour,
         0,
         0,
         {},
         {},
         QStringLiteral("repeat an ignored reminder after this"),
         [=](Settings& s, const ConfigValue& v) { s.schedule.remindAgain = dur(v); }},
        {schedule,
         QStringLiteral("working_hours"),
         Type::TimeWindow,
         QStringLiteral("\"\""),
         0,
         0,
         0,
         0,
         {},
         {},
         QStringLiteral("\"\" for always, or a window such as \"09:00-18:00\""),
         // Parsed together with working_days by the parser; nothing to store on its own.
         [](Settings&, const ConfigValue&) {}},
        {schedule,
         QStringLiteral("working_days"),
         Type::WeekdayList,
         QStringLiteral("[\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\"]"),
         0,
         0,
         0,
         0,
         {},
         {},
         QStringLiteral("days on which reminders are shown"),
         [](Settings&, const ConfigValue&) {}},
        scheduledRoutineKey(QStringLiteral("morning")),
        scheduledRoutineKey(QStringLiteral("evening")),
        {brk,
         QStringLiteral("routine"),
         Type::String,
         QStringLiteral("\"desk-break\""),
         0,
         0,
         0,
         0,
         {},
         {},
         QStringLiteral("the routine a break plays, or \"rotate\" to take turns"),
         [](Settings& s, const ConfigValue& v) { s.breaks.routine = std::get<QString>(v); }},
        {brk,
         QStringLiteral("sound"),
         Type::Boolean,
         QStringLiteral("true"),
         0,
         0,
         0,
         0,
         {},
         {},
         QStringLiteral("a soft chime when the break moves to the next step"),
         [](Settings& s, const ConfigValue& v) { s.breaks.sound = std::get<bool>(v); }},
        {brk,
         QStringLiteral("voice"),
         Type::Boolean,
         QStringLiteral("false"),
         0,
         0,
         0,
         0,
         {},
         {},
         QStringLiteral("a voice says each step's name and hold"),
         [](Settings& s, const ConfigValue& v) { s.breaks.voice = std::get<bool>(v); }},
        momentSwitch(QStringLiteral("camera"),
                     QStringLiteral("hold reminders while a camera is in use"),
                     &Settings::Schedule::Moment::camera),
        momentSwitch(QStringLiteral("microphone"),
                     QStringLiteral("hold reminders while a microphone is recording"),
                     &Settings::Schedule::Moment::microphone),
        momentSwitch(
            QStringLiteral("fullscreen"),
            QStringLiteral("hold reminders while a fullscreen window or presentation is up"),
            &Settings::Schedule::Moment::fullscreen),
        momentSwitch(QStringLiteral("do_not_disturb"),
                     QStringLiteral("hold reminders while the desktop's do-not-disturb is on"),
                     &Settings::Schedule::Moment::doNotDisturb),
        {moment,
         QStringLiteral("max_hold"),
         Type::Duration,
         QStringLiteral("\"60m\""),
         10,
         8 * hour,
         0,
         0,
         {},
         {},
         QStringLiteral("a held reminder comes after this anyway, quietly"),
         [=](Settings& s, const ConfigValue& v) { s.schedule.moment.maxHold = dur(v); }},
        {moment,
         QStringLiteral("pause_before_remind"),
         Type::Duration,
         QStringLiteral("\"3s\""),
         0,
         60,
         0,
         0,
         {},
         {},
         QStringLiteral("a due reminder waits for a pause in typing this long (\"0s\" = off)"),
         [=](Settings& s, const ConfigValue& v) { s.schedule.moment.pauseBeforeRemind = dur(v); }},
        {moment,
         QStringLiteral("wait_for_pause"),
         Type::Duration,
         QStringLiteral("\"2m\""),
         0,
         qint64(30) * 60,
         0,
         0,
         {},
         {},
         QStringLiteral("how long a due reminder waits for that pause at most"),
         [=](Settings& s, const ConfigValue& v) { s.schedule.moment.waitForPause = dur(v); }},
        {QStringLiteral("notifications"),
         QStringLiteral("style"),
         Type::Choice,
         QStringLiteral("\"auto\""),
         0,
         0,
         0,
         0,
         {},
         {QStringLiteral("auto"), QStringLiteral("native"), QStringLiteral("window")},
         QStringLiteral("auto, native (desktop notifications) or window (deskbreak's own)"),
         [](Settings& s, const ConfigValue& v) {
             const QString style = std::get<QString>(v);
             s.notificationStyle = style == u"native"   ? NotificationStyle::Native
                                   : style == u"window" ? NotificationStyle::Window
                                                        : NotificationStyle::Auto;
         }},
        {QStringLiteral("startup"),
         QStringLiteral("autostart"),
         Type::Boolean,
         QStringLiteral("true"),
         0,
         0,
         0,
         0,
         {},
         {},
         QStringLiteral("start deskbreak when you log in"),
         [](Settings& s, const ConfigValue& v) { s.autostart = std::get<bool>(v); }},
        {QStringLiteral("log"),
         QStringLiteral("level"),
         Type::Choice,
         QStringLiteral("\"info\""),
         0,
         0,
         0,
         0,
         {},
         {QStringLiteral("trace"), QStringLiteral("debug"), QStringLiteral("info"),
          QStringLiteral("warn"), QStringLiteral("error"), QStringLiteral("off")},
         QStringLiteral("how much the log file records"),
         [](Settings& s, const ConfigValue& v) { s.logLevel = std::get<QString>(v); }},
    };
}

} // namespace

ConfigKey scheduledRoutineKey(const QString& name)
{
    return {kRoutinesSection,
            name,
            Type::TimeOfDay,
            QStringLiteral("\"\""),
            0,
            0,
            0,
            0,
            {},
            {},
            QStringLiteral("\"HH:MM\": the %1 routine comes as a reminder then on working days; "
                           "\"\" = never")
                .arg(name),
            [name](Settings& s, const ConfigValue& v) {
                const QString text = std::get<QString>(v);
                if (text.isEmpty())
                    s.schedule.routineTimes.remove(name);
                else
                    s.schedule.routineTimes.insert(
                        name, QTime::fromString(text.rightJustified(5, u'0'), u"HH:mm"));
            }};
}

const QList<ConfigKey>& configKeys()
{
    static const QList<ConfigKey> keys = makeKeys();
    return keys;
}

const ConfigKey* findConfigKey(const QString& section, const QString& name)
{
    for (const ConfigKey& k : configKeys())
        if (k.section == section && k.name == name)
            return &k;
    return nullptr;
}

} // namespace deskbreak::core
