// The status window on the offscreen platform: its texts, a button for each action, the
// refresh that runs only while shown, and screenshots checked pixel-wise (main is in
// BreakWindowTest.cpp).
#include "ui/StatusWindow.h"

#include "ui/Actions.h"
#include "ui/Palettes.h"
#include "ui/TrayState.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QStyle>
#include <QTest>
#include <QTimer>
#include <doctest/doctest.h>

using namespace deskbreak;
using namespace std::chrono_literals;
using Status = core::SittingModel::Status;
using Phase = core::SittingModel::Phase;

namespace {

const QDateTime kNow(QDate(2026, 3, 2), QTime(13, 47)); // a Monday

Status sitting(std::chrono::seconds sat, std::chrono::seconds left)
{
    Status s;
    s.sitting = sat;
    s.untilReminder = left;
    return s;
}

// A status window reading `status`, counting its reads.
struct Window {
    ui::Actions actions;
    Status status = sitting(42min, 18min);
    int reads = 0;
    ui::StatusWindow window{&actions, [this] {
                                ++reads;
                                return ui::StatusWindow::Reading{status, 60min, kNow};
                            }};

    QString text(const char* name) const
    {
        const auto* label = window.findChild<QLabel*>(QLatin1String(name));
        REQUIRE(label != nullptr);
        return label->text();
    }
    QAbstractButton* button(const char* name) const
    {
        auto* button = window.findChild<QAbstractButton*>(QLatin1String(name));
        REQUIRE(button != nullptr);
        return button;
    }
    void click(const char* name) const { QTest::mouseClick(button(name), Qt::LeftButton); }
};

// Picks `action` in the menu that is about to open (QPushButton runs it modally).
void pickFromNextMenu(QAction* action)
{
    QTimer::singleShot(0, [action] {
        auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
        REQUIRE(menu != nullptr);
        QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(action).center());
    });
}

// build/screenshots/status-<what>[@2x].png, next to the other windows' screenshots.
QImage screenshot(QWidget& widget, const QString& what)
{
    const QString dir = QStringLiteral(DESKBREAK_SCREENSHOT_DIR);
    QDir().mkpath(dir);
    const QString scale = widget.devicePixelRatioF() > 1 ? QStringLiteral("@2x") : QString();
    const QString path = QStringLiteral("%1/status-%2%3.png").arg(dir, what, scale);
    QApplication::processEvents();
    const QImage image = widget.grab().toImage();
    CHECK_MESSAGE(image.save(path), path.toStdString());
    return image;
}

bool near(const QColor& a, const QColor& b, int tolerance = 24)
{
    return std::abs(a.red() - b.red()) <= tolerance &&
           std::abs(a.green() - b.green()) <= tolerance &&
           std::abs(a.blue() - b.blue()) <= tolerance;
}

} // namespace

TEST_CASE("status: sitting time, exact: seconds under a minute, then minutes")
{
    CHECK(ui::StatusWindow::sittingText(sitting(42s, 0s)) == "Sitting for 42 s");
    CHECK(ui::StatusWindow::sittingText(sitting(59s, 0s)) == "Sitting for 59 s");
    CHECK(ui::StatusWindow::sittingText(sitting(60s, 0s)) == "Sitting for 1 min");
    CHECK(ui::StatusWindow::sittingText(sitting(42min + 59s, 0s)) == "Sitting for 42 min");
    CHECK(ui::StatusWindow::sittingText(sitting(65min, 0s)) == "Sitting for 1 h 05 min");
    CHECK(ui::StatusWindow::sittingText(sitting(2h + 30min, 0s)) == "Sitting for 2 h 30 min");
    Status away;
    away.phase = Phase::Away;
    CHECK(ui::StatusWindow::sittingText(away) == "Away from the desk");
    Status onBreak = sitting(47min, 0s);
    onBreak.phase = Phase::OnBreak;
    CHECK(ui::StatusWindow::sittingText(onBreak) == "Up after 47 min of sitting");
}

TEST_CASE("status: the next break, as time left and clock time")
{
    using ui::StatusWindow;
    CHECK(StatusWindow::nextBreakText(sitting(42min, 18min), kNow) ==
          "Next break in 18 min, at 14:05");
    // Rounded up, as the tray's tooltip: never "in 0 min"; seconds in the last minute.
    CHECK(StatusWindow::nextBreakText(sitting(42min, 17min + 10s), kNow) ==
          "Next break in 18 min, at 14:04");
    CHECK(StatusWindow::nextBreakText(sitting(59min, 42s), kNow) == "Next break in 42 s, at 13:47");
    CHECK(StatusWindow::nextBreakText(sitting(1min, 65min), kNow) ==
          "Next break in 1 h 05 min, at 14:52");

    Status due = sitting(61min, 0s);
    due.due = true;
    CHECK(StatusWindow::nextBreakText(due, kNow) == "A break is due now");
    Status snoozed = due;
    snoozed.snoozed = true;
    snoozed.untilReminder = 8min;
    CHECK(StatusWindow::nextBreakText(snoozed, kNow) ==
          "Snoozed: reminding again in 8 min, at 13:55");

    Status paused = due;
    paused.pausedUntil = QDateTime(kNow.date(), QTime(15, 30));
    CHECK(StatusWindow::nextBreakText(paused, kNow) == "Paused until 15:30");
    paused.pausedUntil = QDateTime(kNow.date().addDays(1), QTime(0, 0));
    CHECK(StatusWindow::nextBreakText(paused, kNow) == "Paused until tomorrow");

    Status onBreak;
    onBreak.phase = Phase::OnBreak;
    CHECK(StatusWindow::nextBreakText(onBreak, kNow) == "On a break");
}

TEST_CASE("status: the window shows what its source says, and follows it")
{
    Window w;
    CHECK(w.window.windowTitle() == "deskbreak");
    CHECK(w.text("sittingLabel") == "Sitting for 42 min");
    CHECK(w.text("nextBreakLabel") == "Next break in 18 min, at 14:05");
    w.status = sitting(42s, 59min + 18s);
    w.window.refresh();
    CHECK(w.text("sittingLabel") == "Sitting for 42 s");
    w.status = sitting(65min, 0s);
    w.status.due = true;
    w.window.refresh();
    CHECK(w.text("sittingLabel") == "Sitting for 1 h 05 min");
    CHECK(w.text("nextBreakLabel") == "A break is due now");
    w.status.pausedUntil = QDateTime(kNow.date(), QTime(15, 30));
    w.window.refresh();
    CHECK(w.text("nextBreakLabel") == "Paused until 15:30");
    w.status = {};
    w.status.phase = Phase::OnBreak;
    w.window.refresh();
    CHECK(w.text("nextBreakLabel") == "On a break");
}

TEST_CASE("status: each button triggers its action")
{
    Window w;
    w.actions.update(w.status, true, 10min, kNow);
    w.window.show();
    const struct {
        const char* button;
        void (ui::Actions::*signal)();
    } plain[] = {
        {"startBreakButton", &ui::Actions::startBreakRequested},
        {"snoozeButton", &ui::Actions::snoozeRequested},
        {"skipButton", &ui::Actions::skipRequested},
        {"statsButton", &ui::Actions::statsRequested},
        {"configButton", &ui::Actions::openConfigRequested},
        {"quitButton", &ui::Actions::quitRequested},
    };
    for (const auto& b : plain) {
        CAPTURE(b.button);
        QSignalSpy spy(&w.actions, b.signal);
        w.click(b.button);
        CHECK(spy.count() == 1);
    }
    CHECK(w.button("snoozeButton")->text() == "Snooze 10 min");

    QSignalSpy pause(&w.actions, &ui::Actions::pauseRequested);
    const std::pair<QAction*, qint64> pauses[] = {{w.actions.pause30Minutes(), 30 * 60},
                                                  {w.actions.pauseHour(), 60 * 60},
                                                  {w.actions.pauseUntilTomorrow(), 0}};
    for (const auto& [action, seconds] : pauses) {
        pickFromNextMenu(action);
        w.click("pauseButton");
        REQUIRE(pause.count() > 0);
        CHECK(pause.takeLast().at(0).toLongLong() == seconds);
    }

    // Paused: Resume takes Pause's place, and it resumes.
    w.status.pausedUntil = QDateTime(kNow.date(), QTime(15, 30));
    w.actions.update(w.status, true, 10min, kNow);
    CHECK_FALSE(w.button("pauseButton")->isVisible());
    CHECK(w.button("resumeButton")->isVisible());
    QSignalSpy resume(&w.actions, &ui::Actions::resumeRequested);
    w.click("resumeButton");
    CHECK(resume.count() == 1);

    QSignalSpy autostart(&w.actions, &ui::Actions::autostartToggled);
    w.click("autostartButton");
    REQUIRE(autostart.count() == 1);
    CHECK(autostart.at(0).at(0).toBool());
    CHECK(w.button("autostartButton")->isChecked());
    // The daemon could not turn it on: the box follows the action back.
    w.actions.setAutostart(false);
    CHECK_FALSE(w.button("autostartButton")->isChecked());
}

TEST_CASE("status: a disabled action disables its button (snooze and skip while paused)")
{
    Window w;
    w.status.pausedUntil = QDateTime(kNow.date(), QTime(15, 30));
    w.actions.update(w.status, true, 10min, kNow);
    w.window.show();
    CHECK_FALSE(w.button("snoozeButton")->isEnabled());
    CHECK_FALSE(w.button("skipButton")->isEnabled());
    QSignalSpy snooze(&w.actions, &ui::Actions::snoozeRequested);
    w.click("snoozeButton");
    CHECK(snooze.count() == 0);

    w.status.pausedUntil.reset();
    w.actions.update(w.status, true, 10min, kNow);
    CHECK(w.button("snoozeButton")->isEnabled());
    w.click("snoozeButton");
    CHECK(snooze.count() == 1);
}

TEST_CASE("status: it reads the daemon once a second while shown, never while hidden")
{
    Window w;
    CHECK_FALSE(w.window.refreshing());
    w.window.show();
    CHECK(w.window.refreshing());
    const int shown = w.reads;
    w.status = sitting(43min, 17min);
    QTRY_VERIFY_WITH_TIMEOUT(w.reads >= shown + 2, 5000);
    CHECK(w.text("sittingLabel") == "Sitting for 43 min");

    w.window.hide();
    CHECK_FALSE(w.window.refreshing());
    w.window.show();
    CHECK(w.window.refreshing());
    QTest::keyClick(&w.window, Qt::Key_Escape); // Esc closes
    CHECK_FALSE(w.window.isVisible());
    CHECK_FALSE(w.window.refreshing());
}

TEST_CASE("status: screenshots in a light and a dark palette, the ring in its colours")
{
    const QPalette original = QApplication::palette();
    QColor background[2];
    int index = 0;
    for (const auto& [theme, palette] :
         {std::pair{QStringLiteral("light"), QApplication::style()->standardPalette()},
          std::pair{QStringLiteral("dark"), test::darkPalette()}}) {
        QApplication::setPalette(palette);
        Window w;
        w.actions.update(w.status, false, 10min, kNow);
        w.window.show();
        const QImage image = screenshot(w.window, theme + QStringLiteral("-sitting"));
        const qreal dpr = image.devicePixelRatio();
        CHECK(dpr == w.window.devicePixelRatioF());
        background[index++] = image.pixelColor(int(4 * dpr), int(4 * dpr));

        // 42 of 60 minutes: the ring's band is teal at three o'clock, only a faint track at
        // nine (the fill ends at about eight o'clock).
        const auto* ring = w.window.findChild<QWidget*>(QStringLiteral("ring"));
        REQUIRE(ring != nullptr);
        const QRectF r(QRectF(ring->geometry()).topLeft() * dpr,
                       QRectF(ring->geometry()).size() * dpr);
        const qreal pen = r.width() * 0.16;
        const qreal band = r.width() / 2 - pen / 2 - 0.5;
        const QColor teal = ui::TrayState{}.colour();
        const QColor east = image.pixelColor(int(r.center().x() + band), int(r.center().y()));
        const QColor west = image.pixelColor(int(r.center().x() - band), int(r.center().y()));
        CHECK_MESSAGE(near(east, teal), east.name().toStdString());
        CHECK_MESSAGE(!near(west, teal, 60), west.name().toStdString());
        CHECK_MESSAGE(!near(west, background[index - 1], 8), west.name().toStdString());

        w.status.due = true;
        w.status.sitting = 61min;
        w.status.untilReminder = 0s;
        w.actions.update(w.status, true, 10min, kNow);
        w.window.refresh();
        ui::TrayState dueLook;
        dueLook.look = ui::TrayState::Look::Due;
        const QColor dueEast = screenshot(w.window, theme + QStringLiteral("-due"))
                                   .pixelColor(int(r.center().x() + band), int(r.center().y()));
        CHECK_MESSAGE(near(dueEast, dueLook.colour()), dueEast.name().toStdString());

        w.status.pausedUntil = QDateTime(kNow.date(), QTime(15, 30));
        w.actions.update(w.status, true, 10min, kNow);
        w.window.refresh();
        screenshot(w.window, theme + QStringLiteral("-paused"));
    }
    // The window follows the palette: light is light and dark is dark.
    CHECK(background[0].lightness() > 180);
    CHECK(background[1].lightness() < 70);
    QApplication::setPalette(original);
}

TEST_CASE("status: Choose a routine offers the tray's routine menu, and a pick starts it")
{
    Window w;
    w.window.show();
    CHECK_FALSE(w.button("routineButton")->isEnabled()); // no routines yet
    w.actions.setRoutines(
        {{"desk-break", "Desk break", 175s, false}, {"evening", "Evening unwind", 725s, false}});
    auto* routines = qobject_cast<QPushButton*>(w.button("routineButton"));
    REQUIRE(routines != nullptr);
    CHECK(routines->isEnabled());
    CHECK(routines->menu() == w.actions.routineMenu());
    QSignalSpy chosen(&w.actions, &ui::Actions::routineRequested);
    pickFromNextMenu(w.actions.routineActions().at(1));
    w.click("routineButton");
    REQUIRE(chosen.count() == 1);
    CHECK(chosen.at(0).at(0).toString() == "evening");
    screenshot(w.window, QStringLiteral("light-routines"));
}
