// The presenter on the offscreen platform: the reminder through a recording notifier, its
// buttons back into the sitting service, the break window, the one-time messages. Its own
// main (a QApplication); the sitting and config services are the real ones on fakes.
#define DOCTEST_CONFIG_IMPLEMENT
#include "app/Presenter.h"

#include "app/ConfigService.h"
#include "app/SittingService.h"
#include "support/FakeClock.h"
#include "support/FakeIdleSource.h"
#include "support/RecordingNotifier.h"
#include "ui/BreakWindow.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLocale>
#include <QTemporaryDir>
#include <doctest/doctest.h>

using namespace deskbreak;
using namespace std::chrono_literals;
using Action = platform::Notifier::Action;
using Phase = app::SittingService::Phase;

namespace {

struct Rig {
    explicit Rig(bool demo = false)
    {
        REQUIRE(home.isValid());
        config = std::make_unique<app::ConfigService>(
            app::ConfigService::Paths{home.filePath("config/config.toml"),
                                      DESKBREAK_SOURCE_DIR "/config/deskbreak.toml",
                                      DESKBREAK_SOURCE_DIR "/assets", home.filePath("routines")},
            false);
        config->load();
        sitting = std::make_unique<app::SittingService>(
            clock, std::make_unique<test::FakeIdleSource>(), config->schedule(), QString());
        presenter = std::make_unique<app::Presenter>(
            *sitting, *config, clock,
            app::Presenter::Options{home.filePath("state"), home.filePath("config/config.toml"),
                                    demo});
        presenter->setNotifier(notifier);
        sitting->start(std::make_unique<core::MemoryHistoryStore>(), nullptr);
    }
    void sitUntilDue()
    {
        for (int i = 0; i < 200 && !sitting->status().due; ++i) {
            clock.advance(30s);
            sitting->wake();
        }
        REQUIRE(sitting->status().due);
    }
    ui::BreakWindow* breakWindow() const
    {
        for (QWidget* w : QApplication::topLevelWidgets())
            if (auto* b = qobject_cast<ui::BreakWindow*>(w); b && b->isVisible())
                return b;
        return nullptr;
    }

    QTemporaryDir home;
    test::FakeClock clock;
    test::RecordingNotifier notifier;
    std::unique_ptr<app::ConfigService> config;
    std::unique_ptr<app::SittingService> sitting;
    std::unique_ptr<app::Presenter> presenter;
};

} // namespace

TEST_CASE("a due break is shown through the notifier, with the configured snooze")
{
    Rig rig;
    CHECK(rig.notifier.reminders.isEmpty());
    rig.sitUntilDue();
    REQUIRE(rig.notifier.reminders.size() == 1);
    const auto& r = rig.notifier.reminders[0];
    CHECK(r.title == "Time for a desk break");
    CHECK(r.body.startsWith("You have been sitting for 1h 00m."));
    CHECK(r.offerSnooze);
    CHECK(r.snoozeLabel == "Snooze 10 min");
    CHECK(rig.presenter->notifierName() == "recording");
}

TEST_CASE("the reminder's buttons reach the sitting service, and Start opens the break window")
{
    Rig rig;
    rig.sitUntilDue();
    emit rig.notifier.actionInvoked(Action::Snooze);
    CHECK(rig.sitting->status().snoozed);
    CHECK_FALSE(rig.notifier.open);

    rig.sitUntilDue();
    emit rig.notifier.actionInvoked(Action::Start);
    CHECK(rig.sitting->status().phase == Phase::OnBreak);
    CHECK(rig.presenter->breakWindowOpen());
    ui::BreakWindow* window = rig.breakWindow();
    REQUIRE(window != nullptr);
    CHECK(window->windowTitle().startsWith("deskbreak: "));

    // Ending it in the window ends the break in the model.
    window->endEarly();
    CHECK(rig.sitting->status().phase == Phase::Sitting);
}

TEST_CASE("a break ended by the model closes the window without a second ending")
{
    Rig rig;
    rig.sitting->startBreak();
    REQUIRE(rig.breakWindow() != nullptr);
    rig.clock.advance(90s);
    rig.presenter->closeAll(); // as at quit: the window goes, the model is not told again
    QApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    CHECK(rig.breakWindow() == nullptr);
    CHECK(rig.sitting->status().phase == Phase::OnBreak);
}

TEST_CASE("a one-time message is told once, and in the demo every time")
{
    Rig rig;
    CHECK(rig.presenter->tellOnce("told-test", "Title", "Body"));
    CHECK_FALSE(rig.presenter->tellOnce("told-test", "Title", "Body"));
    CHECK(rig.notifier.messages.size() == 1);
    QFile marker(rig.home.filePath("state/told-test"));
    REQUIRE(marker.open(QIODevice::ReadOnly));
    CHECK(marker.readAll().trimmed() == rig.clock.wall().toString(Qt::ISODate).toUtf8());

    Rig demo(true);
    CHECK(demo.presenter->tellOnce("told-test", "Title", "Body"));
    CHECK(demo.presenter->tellOnce("told-test", "Title", "Body"));
    CHECK(demo.notifier.messages.size() == 2);
    CHECK_FALSE(QFile::exists(demo.home.filePath("state/told-test")));
}

TEST_CASE("config problems and GNOME's own reminders are told through the notifier")
{
    Rig rig;
    rig.presenter->tellConfigProblem("config.toml:2:12: bad\n(1 problem(s) in all)");
    REQUIRE(rig.notifier.messages.size() == 1);
    CHECK(rig.notifier.messages[0].first == "deskbreak: problem in your config");
    CHECK(rig.notifier.messages[0].second.startsWith("config.toml:2:12: bad"));

    rig.presenter->warnAboutDesktopBreakReminders(false, {});
    rig.presenter->warnAboutDesktopBreakReminders(std::nullopt, "not GNOME 48");
    CHECK(rig.notifier.messages.size() == 1);
    rig.presenter->warnAboutDesktopBreakReminders(true, {});
    rig.presenter->warnAboutDesktopBreakReminders(true, {});
    CHECK(rig.notifier.messages.size() == 2);
    CHECK(rig.notifier.messages[1].first == "You will get two break reminders");
}

int main(int argc, char** argv)
{
    // The offscreen platform says so for every window it cannot raise; that is not news.
    static const QtMessageHandler defaultHandler = qInstallMessageHandler(nullptr);
    qInstallMessageHandler(
        [](QtMsgType type, const QMessageLogContext& context, const QString& message) {
            if (!message.startsWith(QLatin1String("This plugin does not support")))
                defaultHandler(type, context, message);
        });
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("LC_ALL", "C.UTF-8");
    QLocale::setDefault(QLocale::c());
    QApplication app(argc, argv);
    doctest::Context context(argc, argv);
    return context.run();
}
