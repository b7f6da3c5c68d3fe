// Every config key takes effect while the daemon runs: the real config, sitting and
// autostart services, the notifier switch and the settings applier wired as the daemon
// wires them, on fakes. Each key of the schema is changed on its own and its effect looked
// for; a key the table below does not know fails the test.
#include "app/AutostartPolicy.h"
#include "app/ConfigService.h"
#include "app/Logging.h"
#include "app/NotifierSwitch.h"
#include "app/SettingsApplier.h"
#include "app/SittingService.h"
#include "core/ConfigSchema.h"
#include "support/FakeAutostart.h"
#include "support/FakeClock.h"
#include "support/FakeIdleSource.h"
#include "support/RecordingNotifier.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QPointer>
#include <QSaveFile>
#include <QTemporaryDir>
#include <doctest/doctest.h>
#include <functional>

using namespace deskbreak;
using namespace std::chrono_literals;
using app::SettingsApplier;
using Style = core::NotificationStyle;

namespace {

// A recording notifier that says which style made it.
class StyledNotifier : public test::RecordingNotifier {
public:
    explicit StyledNotifier(Style style)
        : m_style(style)
    {
    }
    QString name() const override
    {
        return m_style == Style::Window ? QStringLiteral("window") : QStringLiteral("native");
    }

private:
    Style m_style;
};

struct Rig {
    Rig()
    {
        REQUIRE(home.isValid());
        config = std::make_unique<app::ConfigService>(
            app::ConfigService::Paths{configFile(), DESKBREAK_SOURCE_DIR "/config/deskbreak.toml",
                                      DESKBREAK_SOURCE_DIR "/assets", home.filePath("routines")},
            false);
        config->load();
        sitting = std::make_unique<app::SittingService>(
            clock, std::make_unique<test::FakeIdleSource>(), config->schedule(), QString());
        sitting->start(std::make_unique<core::MemoryHistoryStore>(), nullptr);
        notifiers = std::make_unique<app::NotifierSwitch>(
            [this](Style style) {
                ++made;
                return std::make_unique<StyledNotifier>(style);
            },
            config->settings().notificationStyle);
        autostart.enabled = true;
        policy = std::make_unique<app::AutostartPolicy>(autostart,
                                                        home.filePath("state/autostart-applied"),
                                                        QStringLiteral("/opt/deskbreak"), clock);
        // As the daemon wires them.
        applier = std::make_unique<SettingsApplier>(
            *config, SettingsApplier::Targets{
                         [this](const core::Settings::Schedule& s) { sitting->applySchedule(s); },
                         [this](Style style) { notifiers->apply(style); },
                         [this](bool on) { policy->configChanged(on); },
                         [this](const QString& level) { logLevel = level; }});
        QObject::connect(config.get(), &app::ConfigService::settingsChanged,
                         [this] { changed = applier->apply(); });
    }
    QString configFile() const { return home.filePath("config/config.toml"); }
    // Replaces the file as editors do, then lets the service hear of it.
    void edit(const QByteArray& text)
    {
        QDir().mkpath(home.filePath("config"));
        QSaveFile f(configFile());
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(text);
        REQUIRE(f.commit());
        config->reload(app::ConfigService::Trigger::ConfigChanged);
    }

    QTemporaryDir home;
    test::FakeClock clock;
    test::FakeAutostart autostart;
    std::unique_ptr<app::ConfigService> config;
    std::unique_ptr<app::SittingService> sitting;
    std::unique_ptr<app::NotifierSwitch> notifiers;
    std::unique_ptr<app::AutostartPolicy> policy;
    std::unique_ptr<SettingsApplier> applier;
    int made = 0;
    QString logLevel;
    QStringList changed;
};

// For each key: a value other than its default, and how to see that it took effect.
struct Change {
    QByteArray toml;
    std::function<bool(const Rig&)> applied;
};

QTime at(int h, int m)
{
    return QTime(h, m);
}

const QMap<QString, Change>& changes()
{
    static const QMap<QString, Change> table = {
        {"schedule.interval",
         {"45m", [](const Rig& r) { return r.sitting->schedule().interval == 45min; }}},
        {"schedule.overload_after",
         {"20m", [](const Rig& r) { return r.sitting->schedule().overloadAfter == 20min; }}},
        {"schedule.natural_break",
         {"7m", [](const Rig& r) { return r.sitting->schedule().naturalBreak == 7min; }}},
        {"schedule.snooze",
         {"15m", [](const Rig& r) { return r.sitting->schedule().snooze == 15min; }}},
        {"schedule.max_snoozes",
         {"5", [](const Rig& r) { return r.sitting->schedule().maxSnoozes == 5; }}},
        {"schedule.remind_again",
         {"3m", [](const Rig& r) { return r.sitting->schedule().remindAgain == 3min; }}},
        {"schedule.working_hours",
         {"09:00-17:00",
          [](const Rig& r) {
              return r.sitting->schedule().workingHours.windowText() == "09:00-17:00";
          }}},
        {"schedule.working_days",
         {"[\"mon\", \"tue\"]",
          [](const Rig& r) {
              return r.sitting->schedule().workingHours.days() == std::bitset<7>("0000011");
          }}},
        {"routines.morning",
         {"07:30",
          [](const Rig& r) {
              return r.sitting->schedule().routineTimes.value("morning") == at(7, 30);
          }}},
        {"routines.evening",
         {"21:00",
          [](const Rig& r) {
              return r.sitting->schedule().routineTimes.value("evening") == at(21, 0);
          }}},
        // Read as each break starts: what the next break reads is the new value.
        {"break.routine",
         {"neck-posture",
          [](const Rig& r) { return r.config->settings().breaks.routine == "neck-posture"; }}},
        // [moment] goes to the sitting service with the schedule; its detectors' switches on
        // to the hold monitor (see HoldMonitorTest).
        {"moment.camera",
         {"false", [](const Rig& r) { return !r.sitting->schedule().moment.camera; }}},
        {"moment.microphone",
         {"false", [](const Rig& r) { return !r.sitting->schedule().moment.microphone; }}},
        {"moment.fullscreen",
         {"false", [](const Rig& r) { return !r.sitting->schedule().moment.fullscreen; }}},
        {"moment.do_not_disturb",
         {"false", [](const Rig& r) { return !r.sitting->schedule().moment.doNotDisturb; }}},
        {"moment.max_hold",
         {"20m", [](const Rig& r) { return r.sitting->schedule().moment.maxHold == 20min; }}},
        {"moment.pause_before_remind",
         {"0s", [](const Rig& r) { return r.sitting->schedule().moment.pauseBeforeRemind == 0s; }}},
        {"moment.wait_for_pause",
         {"30s", [](const Rig& r) { return r.sitting->schedule().moment.waitForPause == 30s; }}},
        {"break.sound", {"false", [](const Rig& r) { return !r.config->settings().breaks.sound; }}},
        {"break.voice", {"true", [](const Rig& r) { return r.config->settings().breaks.voice; }}},
        {"notifications.style",
         {"window", [](const Rig& r) { return r.notifiers->notifier().name() == "window"; }}},
        {"startup.autostart", {"false", [](const Rig& r) { return !r.autostart.enabled; }}},
        {"log.level", {"debug", [](const Rig& r) { return r.logLevel == "debug"; }}},
    };
    return table;
}

// `value` as TOML: durations, times and names are strings; numbers, booleans, lists not.
QByteArray tomlValue(const core::ConfigKey& key, const QByteArray& value)
{
    using Type = core::ConfigKey::Type;
    switch (key.type) {
    case Type::Integer:
    case Type::Boolean:
    case Type::WeekdayList:
        return value;
    case Type::Duration:
    case Type::String:
    case Type::Choice:
    case Type::TimeWindow:
    case Type::TimeOfDay:
        break;
    }
    return '"' + value + '"';
}

} // namespace

TEST_CASE("every config key takes effect while running, each named in the log as applied")
{
    const QTemporaryDir logs;
    app::startLogging(logs.path(), QStringLiteral("info"));
    QList<core::ConfigKey> keys = core::configKeys();
    for (const core::ConfigKey& key : std::as_const(keys)) {
        const QString path = key.path();
        CAPTURE(path.toStdString());
        REQUIRE_MESSAGE(changes().contains(path), "a key with no live-apply check: add one");
        CHECK(SettingsApplier::knows(path));
        Rig rig;
        const Change& change = changes()[path];
        REQUIRE_FALSE(change.applied(rig)); // not so already
        rig.edit("[" + key.section.toUtf8() + "]\n" + key.name.toUtf8() + " = " +
                 tomlValue(key, change.toml) + "\n");
        CHECK(rig.config->problem().isEmpty());
        CHECK(rig.changed == QStringList{path});
        CHECK(change.applied(rig));
    }
    app::stopLogging();
    QFile log(logs.filePath("deskbreak.log"));
    REQUIRE(log.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(log.readAll());
    CHECK(text.contains(": schedule.interval (at once)"));
    CHECK(text.contains(": notifications.style (at once)"));
    CHECK(text.contains(": break.routine (from the next break)"));
    CHECK_FALSE(text.contains("next start"));
}

TEST_CASE("changed keys are named together, and a comment-only edit changes nothing")
{
    Rig rig;
    rig.edit(
        "[schedule]\ninterval = \"45m\"\nsnooze = \"5m\"\n[notifications]\nstyle = \"window\"\n");
    CHECK(rig.changed ==
          QStringList{"schedule.interval", "schedule.snooze", "notifications.style"});
    rig.changed.clear();
    rig.edit("# a comment\n[schedule]\ninterval = \"45m\"\nsnooze = \"5m\"\n"
             "[notifications]\nstyle = \"window\"\n");
    CHECK(rig.changed.isEmpty());
    CHECK(SettingsApplier::takes("break.sound") == SettingsApplier::Takes::NextBreak);
    CHECK(SettingsApplier::takes("break.voice") == SettingsApplier::Takes::NextBreak);
    CHECK(SettingsApplier::takes("routines.neck-posture") == SettingsApplier::Takes::AtOnce);
    CHECK(SettingsApplier::knows("routines.neck-posture"));
    CHECK_FALSE(SettingsApplier::knows("schedule.no_such_key"));
}

TEST_CASE("the notification style switches the notifier at once, and back")
{
    Rig rig;
    CHECK(rig.notifiers->notifier().name() == "native");
    QList<platform::Notifier*> announced;
    QObject::connect(rig.notifiers.get(), &app::NotifierSwitch::switched,
                     [&](platform::Notifier* n) { announced << n; });
    QPointer<platform::Notifier> first = &rig.notifiers->notifier();
    rig.edit("[notifications]\nstyle = \"window\"\n");
    REQUIRE(announced.size() == 1);
    CHECK(announced[0] == &rig.notifiers->notifier());
    CHECK(announced[0]->name() == "window");
    CHECK(first); // the old one goes only after everyone heard of the new one
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    CHECK_FALSE(first);
    rig.edit("[notifications]\nstyle = \"native\"\n");
    REQUIRE(announced.size() == 2);
    CHECK(rig.notifiers->notifier().name() == "native");
    // The same style again makes no new notifier.
    const int made = rig.made;
    rig.notifiers->apply(Style::Native);
    CHECK(rig.made == made);
}

TEST_CASE("autostart follows the config while running, either way")
{
    Rig rig;
    rig.edit("[startup]\nautostart = false\n");
    CHECK_FALSE(rig.autostart.enabled);
    rig.edit("[startup]\nautostart = true\n");
    CHECK(rig.autostart.enabled);
    CHECK(rig.autostart.program == "/opt/deskbreak");
    CHECK(QFile::exists(rig.home.filePath("state/autostart-applied")));
}
