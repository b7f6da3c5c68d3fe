// The presenter on the offscreen platform: the reminder through a recording notifier, its
// buttons back into the sitting service, the break window, the one-time messages. Its own
// main (a QApplication); the sitting and config services are the real ones on fakes.
#define DOCTEST_CONFIG_IMPLEMENT
#include "app/Presenter.h"

#include "app/ConfigService.h"
#include "app/SittingService.h"
#include "core/Duration.h"
#include "support/FakeClock.h"
#include "support/FakeIdleSource.h"
#include "support/RecordingNotifier.h"
#include "support/StandInOpener.h"
#include "ui/Actions.h"
#include "ui/BreakWindow.h"
#include "ui/PathDialog.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QSet>
#include <QTemporaryDir>
#include <doctest/doctest.h>

using namespace deskbreak;
using namespace std::chrono_literals;
using Action = platform::Notifier::Action;
using Phase = app::SittingService::Phase;

namespace {

struct Rig {
    // `configText`: the user's config.toml (none: the shipped default is copied there).
    // `stateDir`: where the told-once markers go (none: a folder of this rig's own).
    explicit Rig(bool demo = false, const QByteArray& configText = {}, QString stateDir = {})
    {
        REQUIRE(home.isValid());
        if (stateDir.isEmpty())
            stateDir = home.filePath("state");
        if (!configText.isEmpty()) {
            QDir().mkpath(home.filePath("config"));
            QFile file(home.filePath("config/config.toml"));
            REQUIRE(file.open(QIODevice::WriteOnly));
            file.write(configText);
        }
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
            app::Presenter::Options{stateDir, home.filePath("config/config.toml"), demo});
        presenter->setNotifier(notifier);
        presenter->setOpener(opener);
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
    // Sits until the notifier has shown `count` reminders in all.
    void sitUntilReminders(qsizetype count)
    {
        for (int i = 0; i < 200 && notifier.reminders.size() < count; ++i) {
            clock.advance(30s);
            sitting->wake();
        }
        REQUIRE(notifier.reminders.size() == count);
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
    test::StandInOpener opener;
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
    // The routine it will play, by its real length (three minutes, give or take a rounding).
    const auto length =
        rig.config->content().totalDuration(rig.config->content().routines["desk-break"]);
    CHECK(r.title == "Time for the desk break: " + core::formatLength(length, true));
    CHECK(length >= 150s);
    CHECK(length < 210s);
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

TEST_CASE("a break played to its end shows the daemon's verdict, and a new break replaces it")
{
    Rig rig;
    rig.sitUntilDue();
    rig.sitting->startBreak(QStringLiteral("desk-break"));
    ui::BreakWindow* first = rig.breakWindow();
    REQUIRE(first != nullptr);
    // Right through every step in 27 s: ended early, and the summary says so.
    rig.clock.advance(27s);
    while (!first->isOver())
        first->skipStep();
    CHECK(rig.sitting->status().phase == Phase::Sitting);
    CHECK(rig.sitting->status().due); // still owed
    CHECK(rig.sitting->breaksEndedEarlyToday() == 1);
    const auto* title = first->findChild<QLabel*>(QStringLiteral("summaryTitleLabel"));
    REQUIRE(title != nullptr);
    CHECK(title->text() == "Ended early");
    CHECK(rig.breakWindow() == first); // the summary stays up, by itself

    // Another break while that summary is up: a new window plays it.
    rig.sitting->startBreak(QStringLiteral("desk-break"));
    QApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    ui::BreakWindow* second = rig.breakWindow();
    REQUIRE(second != nullptr);
    CHECK_FALSE(second->isOver());
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

namespace {

QString playing(const Rig& rig)
{
    const ui::BreakWindow* window = rig.breakWindow();
    return window ? window->windowTitle() : QStringLiteral("(no break window)");
}

QString labelOf(const Rig& rig, const QString& name)
{
    const core::Content& content = rig.config->content();
    const core::Routine& r = content.routines[name];
    return r.title + QStringLiteral(" \u00b7 ") + core::formatLength(content.totalDuration(r));
}

} // namespace

TEST_CASE("the Start break menu lists every routine with its length, and an entry plays it")
{
    Rig rig;
    auto* actions = rig.presenter->findChild<ui::Actions*>();
    REQUIRE(actions != nullptr);
    QStringList labels;
    for (QAction* a : actions->routineActions())
        labels << a->iconText(); // as shown: "Neck & posture", no shortcut mark
    QStringList expected;
    for (const QString& name : rig.config->content().routines.keys())
        expected << labelOf(rig, name);
    CHECK(labels.size() == expected.size());
    CHECK(QSet<QString>(labels.begin(), labels.end()) ==
          QSet<QString>(expected.begin(), expected.end()));
    CHECK(labels.contains("Evening unwind \u00b7 " +
                          core::formatLength(rig.config->content().totalDuration(
                              rig.config->content().routines["evening"]))));

    QAction* evening = actions->routineMenu()->findChild<QAction*>("routine:evening");
    REQUIRE(evening != nullptr);
    evening->trigger();
    CHECK(rig.sitting->status().breakRoutine == "evening");
    CHECK(playing(rig) == "deskbreak: Evening unwind");
    // While it runs, another entry only brings it to the front.
    actions->routineMenu()->findChild<QAction*>("routine:morning")->trigger();
    CHECK(rig.sitting->status().breakRoutine == "evening");
    rig.breakWindow()->endEarly();

    // A routine of the user's arrives: the menu follows the reload.
    QDir().mkpath(rig.home.filePath("routines"));
    QFile shipped(DESKBREAK_SOURCE_DIR "/assets/routines/upper-back.toml");
    REQUIRE(shipped.open(QIODevice::ReadOnly));
    QByteArray text = shipped.readAll();
    text.replace("name = \"upper-back\"", "name = \"my-back\"");
    text.replace("title = \"Upper back\"", "title = \"My back\"");
    QFile mine(rig.home.filePath("routines/my-back.toml"));
    REQUIRE(mine.open(QIODevice::WriteOnly));
    mine.write(text);
    mine.close();
    rig.config->reload(app::ConfigService::Trigger::RoutinesChanged);
    REQUIRE(rig.config->content().routines.contains("my-back"));
    CHECK(actions->routineActions().size() == expected.size() + 1);
    CHECK(actions->routineActions().last()->iconText() == labelOf(rig, "my-back")); // yours last
}

TEST_CASE("with rotation, Start plays the routine the reminder named, and the next one differs")
{
    Rig rig(false, "[break]\nroutine = \"rotate\"\n");
    auto* actions = rig.presenter->findChild<ui::Actions*>();
    rig.sitUntilDue();
    REQUIRE(rig.notifier.reminders.size() == 1);
    const QString first = rig.notifier.reminders[0].title;
    // Snoozed, it comes back naming the same one.
    emit rig.notifier.actionInvoked(Action::Snooze);
    rig.sitUntilReminders(2);
    CHECK(rig.notifier.reminders[1].title == first);
    // "Start break now" in the tray plays what the reminder named, as its Start would.
    actions->startBreak()->trigger();
    const QString name = rig.sitting->status().breakRoutine;
    const core::Routine& routine = rig.config->content().routines[name];
    CHECK(first.startsWith("Time for the " + routine.title.left(1).toLower() +
                           routine.title.mid(1) + ": "));
    CHECK(playing(rig) == "deskbreak: " + routine.title);
    rig.clock.advance(2min);
    rig.breakWindow()->endEarly();
    QApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);

    rig.sitUntilReminders(3);
    CHECK(rig.notifier.reminders[2].title != first); // taking turns
    emit rig.notifier.actionInvoked(Action::Start);
    const QString next = rig.sitting->status().breakRoutine;
    REQUIRE_FALSE(next.isEmpty());
    CHECK(next != name);
    CHECK(rig.notifier.reminders[2].title.contains(
        rig.config->content().routines[next].title.mid(1)));
    CHECK(playing(rig) == "deskbreak: " + rig.config->content().routines[next].title);
}

TEST_CASE("a scheduled routine's reminder names it and its length, and Start plays it")
{
    // The fake clock starts on a Monday at 08:00.
    Rig rig(false, "[routines]\nmorning = \"08:30\"\n");
    rig.sitUntilDue();
    CHECK(rig.clock.wall().time() == QTime(8, 30));
    REQUIRE(rig.notifier.reminders.size() == 1);
    const auto& r = rig.notifier.reminders[0];
    const core::Content& content = rig.config->content();
    CHECK(r.title ==
          "Time for the morning wake-up: " +
              core::formatLength(content.totalDuration(content.routines["morning"]), true));
    CHECK(r.body == "Your routine for 08:30, as scheduled.");
    CHECK(r.offerSnooze);
    emit rig.notifier.actionInvoked(Action::Start);
    CHECK(playing(rig) == "deskbreak: Morning wake-up");
}

// --- everyday helper: the first run, "Open config", a notifier switched while running ---

namespace {

ui::PathDialog* pathDialog()
{
    for (QWidget* w : QApplication::topLevelWidgets())
        if (auto* d = qobject_cast<ui::PathDialog*>(w); d && d->isVisible())
            return d;
    return nullptr;
}

void closePathDialogs()
{
    for (QWidget* w : QApplication::topLevelWidgets())
        if (auto* d = qobject_cast<ui::PathDialog*>(w))
            d->close();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

} // namespace

TEST_CASE("the first start welcomes once: where deskbreak is, the first reminder, natural "
          "breaks, settings, autostart")
{
    Rig rig; // no config: the default is written, as on a first start
    REQUIRE(rig.config->wroteDefault());
    rig.presenter->tellAtStart(rig.config->wroteDefault(), true);
    REQUIRE(rig.notifier.messages.size() == 1); // the welcome took in the autostart notice
    const auto& [title, body] = rig.notifier.messages[0];
    CHECK(title == "Welcome to deskbreak");
    // Offscreen there is no tray: it points at the status window.
    CHECK(body.contains("There is no tray here"));
    CHECK(body.contains("status window"));
    // The fake clock starts at 08:00; the default interval is an hour.
    CHECK(body.contains("Your first break reminder comes at 09:00, after 1 h of sitting."));
    CHECK(body.contains("Breaks of your own count too: 5 min away from the keyboard"));
    CHECK(body.contains("choose Open config in the status window or edit "));
    CHECK(body.contains("config.toml; saved changes apply at once."));
    CHECK(body.contains("deskbreak starts when you log in"));
    CHECK(body.contains("`deskbreak autostart off`"));
    // Once ever, and the no-tray notice is not told on top of it, now or later.
    rig.presenter->tellAtStart(true, false);
    CHECK(rig.notifier.messages.size() == 1);
    CHECK(QFile::exists(rig.home.filePath("state/welcome-told")));
    CHECK(QFile::exists(rig.home.filePath("state/no-tray-told")));

    // With a tray, it says so; without autostart turned on, not a word of it.
    const auto [trayTitle, trayBody] = rig.presenter->welcome(true, false);
    CHECK(trayBody.startsWith("deskbreak lives in the tray: the ring fills as you sit."));
    CHECK(trayBody.contains("Open config in the tray menu"));
    CHECK_FALSE(trayBody.contains("log in"));
}

TEST_CASE("a later start tells only news: autostart turned on, on its own")
{
    Rig rig(false, "[schedule]\ninterval = \"45m\"\n"); // the user's config was there
    REQUIRE_FALSE(rig.config->wroteDefault());
    rig.presenter->tellAtStart(rig.config->wroteDefault(), true);
    REQUIRE(rig.notifier.messages.size() == 1);
    CHECK(rig.notifier.messages[0].first == "deskbreak starts when you log in");
    CHECK_FALSE(QFile::exists(rig.home.filePath("state/welcome-told")));
}

TEST_CASE("the welcome names working hours when the first reminder falls outside them")
{
    Rig rig(false, "[schedule]\nworking_hours = \"13:00-17:00\"\n");
    const auto [title, body] = rig.presenter->welcome(true, false);
    CHECK(body.contains("Your first break reminder comes after 1 h of sitting, within your "
                        "working hours (13:00-17:00)."));
}

TEST_CASE("open config: the file when it opens, else its folder, else the path to copy")
{
    Rig rig;
    const QString file = rig.home.filePath("config/config.toml");
    const QString folder = rig.home.filePath("config");

    rig.presenter->openConfig(); // from the tray menu or the status window alike
    CHECK(rig.opener.asked == QStringList{file});
    CHECK(pathDialog() == nullptr);

    // No application for the file: its folder, in the file manager.
    rig.opener.asked.clear();
    rig.opener.opens[file] = false;
    rig.presenter->openConfig();
    CHECK(rig.opener.asked == QStringList{file, folder});
    CHECK(pathDialog() == nullptr);

    // Neither: a dialog with the path, selected, and a button that copies it.
    rig.opener.asked.clear();
    rig.opener.opens[folder] = false;
    rig.presenter->openConfig();
    CHECK(rig.opener.asked == QStringList{file, folder});
    ui::PathDialog* dialog = pathDialog();
    REQUIRE(dialog != nullptr);
    CHECK(dialog->path() == file);
    auto* shown = dialog->findChild<QLineEdit*>("path");
    REQUIRE(shown != nullptr);
    CHECK(shown->isReadOnly());
    CHECK(shown->selectedText() == file);
    auto* copy = dialog->findChild<QPushButton*>("copyPath");
    REQUIRE(copy != nullptr);
    QApplication::clipboard()->clear();
    copy->click();
    CHECK(QApplication::clipboard()->text() == file);
    closePathDialogs();
}

TEST_CASE("open config: the opener may answer later, and the fallback still follows")
{
    Rig rig;
    const QString file = rig.home.filePath("config/config.toml");
    rig.opener.later = true;
    rig.opener.opens[file] = false;
    rig.opener.opens[rig.home.filePath("config")] = false;
    rig.presenter->openConfig();
    CHECK(rig.opener.asked.size() == 1);
    rig.opener.answerAll(); // the file failed: the folder is tried
    CHECK(rig.opener.asked.size() == 2);
    CHECK(pathDialog() == nullptr);
    rig.opener.answerAll(); // the folder failed too
    CHECK(pathDialog() != nullptr);
    closePathDialogs();
    // The presenter gone before the answer: nothing happens, nothing crashes.
    rig.presenter->openConfig();
    rig.presenter.reset();
    rig.opener.answerAll();
    CHECK(pathDialog() == nullptr);
}

TEST_CASE("a new notifier takes over a reminder that is up, and the old one is let go")
{
    Rig rig;
    rig.sitUntilDue();
    REQUIRE(rig.notifier.open);
    test::RecordingNotifier window;
    rig.presenter->setNotifier(window);
    CHECK_FALSE(rig.notifier.open); // taken down from the old one
    REQUIRE(window.reminders.size() == 1);
    CHECK(window.open);
    CHECK(window.reminders[0].title == rig.notifier.reminders.last().title);
    // The old one's buttons no longer reach the daemon; the new one's do.
    emit rig.notifier.actionInvoked(Action::Skip);
    CHECK(rig.sitting->status().due);
    emit window.actionInvoked(Action::Snooze);
    CHECK(rig.sitting->status().snoozed);
    // Messages go to the new one too.
    rig.presenter->tellConfigProblem("config.toml:1:1: bad");
    CHECK(window.messages.size() == 1);
    rig.presenter->setNotifier(rig.notifier); // back, with nothing up: nothing to move
    CHECK(rig.notifier.reminders.size() == 1);
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
