// The daemon's actions, defined once: which apply when, what they emit, and the tray menu
// made of them (main is in BreakWindowTest.cpp).
#include "ui/Actions.h"

#include "ui/TrayIcon.h"

#include <QAction>
#include <QMenu>
#include <QSignalSpy>
#include <doctest/doctest.h>

using namespace deskbreak;
using namespace std::chrono_literals;

namespace {
const QDateTime kNow(QDate(2026, 3, 2), QTime(13, 47));

core::SittingModel::Status pausedStatus()
{
    core::SittingModel::Status s;
    s.sitting = 20min;
    s.pausedUntil = QDateTime(QDate(2026, 3, 2), QTime(15, 30));
    return s;
}
} // namespace

TEST_CASE("actions: snooze names its length and applies only when a break can be snoozed")
{
    ui::Actions actions;
    actions.update({}, false, 10min, kNow);
    CHECK(actions.snooze()->text() == "Snooze 10 min");
    CHECK_FALSE(actions.snooze()->isEnabled());
    CHECK(actions.skip()->isEnabled());
    actions.update({}, true, 45s, kNow);
    CHECK(actions.snooze()->text() == "Snooze 45 s");
    CHECK(actions.snooze()->isEnabled());
    CHECK(ui::Actions::snoozeLabel(90s) == "Snooze 90 s");
}

TEST_CASE("actions: while paused, Resume instead of the pause entries, no Snooze or Skip")
{
    ui::Actions actions;
    actions.update({}, true, 10min, kNow);
    CHECK_FALSE(actions.resume()->isVisible());
    for (QAction* a : actions.pauseActions())
        CHECK(a->isVisible());

    actions.update(pausedStatus(), true, 10min, kNow);
    CHECK(actions.resume()->isVisible());
    for (QAction* a : actions.pauseActions())
        CHECK_FALSE(a->isVisible());
    CHECK_FALSE(actions.snooze()->isEnabled());
    CHECK_FALSE(actions.skip()->isEnabled());
    CHECK(actions.startBreak()->isEnabled());
}

TEST_CASE("actions: each one emits its own request")
{
    ui::Actions actions;
    QSignalSpy start(&actions, &ui::Actions::startBreakRequested);
    QSignalSpy snooze(&actions, &ui::Actions::snoozeRequested);
    QSignalSpy skip(&actions, &ui::Actions::skipRequested);
    QSignalSpy pause(&actions, &ui::Actions::pauseRequested);
    QSignalSpy resume(&actions, &ui::Actions::resumeRequested);
    QSignalSpy stats(&actions, &ui::Actions::statsRequested);
    QSignalSpy config(&actions, &ui::Actions::openConfigRequested);
    QSignalSpy autostart(&actions, &ui::Actions::autostartToggled);
    QSignalSpy quit(&actions, &ui::Actions::quitRequested);

    actions.startBreak()->trigger();
    actions.snooze()->trigger();
    actions.skip()->trigger();
    actions.pause30Minutes()->trigger();
    actions.pauseHour()->trigger();
    actions.pauseUntilTomorrow()->trigger();
    actions.resume()->trigger();
    actions.stats()->trigger();
    actions.openConfig()->trigger();
    actions.autostart()->trigger();
    actions.quit()->trigger();
    CHECK(start.count() == 1);
    CHECK(snooze.count() == 1);
    CHECK(skip.count() == 1);
    REQUIRE(pause.count() == 3);
    CHECK(pause.at(0).at(0).toLongLong() == 30 * 60);
    CHECK(pause.at(1).at(0).toLongLong() == 60 * 60);
    CHECK(pause.at(2).at(0).toLongLong() == 0);
    CHECK(resume.count() == 1);
    CHECK(stats.count() == 1);
    CHECK(config.count() == 1);
    REQUIRE(autostart.count() == 1);
    CHECK(autostart.at(0).at(0).toBool());
    CHECK(quit.count() == 1);
}

TEST_CASE("actions: the daemon ticking Start at login is not a request")
{
    ui::Actions actions;
    QSignalSpy autostart(&actions, &ui::Actions::autostartToggled);
    actions.setAutostart(true);
    CHECK(actions.autostart()->isChecked());
    CHECK(autostart.count() == 0);
}

TEST_CASE("tray: its menu is made of the daemon's actions, in the menu's order")
{
    ui::Actions actions;
    ui::TrayIcon tray(&actions);
    QList<QAction*> entries;
    for (QAction* a : tray.menu()->actions())
        if (!a->isSeparator())
            entries << a;
    const QList<QAction*> expected = {actions.header(),
                                      actions.startBreak(),
                                      actions.routineMenu()->menuAction(),
                                      actions.snooze(),
                                      actions.skip(),
                                      actions.pause30Minutes(),
                                      actions.pauseHour(),
                                      actions.pauseUntilTomorrow(),
                                      actions.resume(),
                                      actions.stats(),
                                      actions.openConfig(),
                                      actions.autostart(),
                                      actions.quit()};
    CHECK(entries == expected);
    CHECK(tray.menu()->actions().size() == expected.size() + 4); // four separators

    // The menu follows the actions: paused, the entries swap.
    core::SittingModel::Status paused;
    paused.pausedUntil = QDateTime(QDate(2026, 3, 2), QTime(15, 30));
    actions.update(paused, true, 10min, kNow);
    CHECK(tray.menu()->actions().at(10)->isVisible()); // Resume
    CHECK_FALSE(tray.menu()->actions().at(7)->isVisible());
}

TEST_CASE("actions: the Start break menu, shipped routines shortest first, then the user's")
{
    ui::Actions actions;
    CHECK(actions.routineMenu()->title() == "Start break");
    CHECK_FALSE(actions.routineMenu()->menuAction()->isEnabled()); // nothing to choose yet
    using Entry = ui::Actions::RoutineEntry;
    actions.setRoutines({{"evening", "Evening unwind", 725s, false},
                         {"mine", "My stretch", 45s, true},
                         {"desk-break", "Desk break", 175s, false},
                         {"neck-posture", "Neck & posture", 300s, false}});
    QStringList labels;
    for (QAction* a : actions.routineMenu()->actions())
        labels << (a->isSeparator() ? QStringLiteral("--") : a->iconText()); // as shown
    CHECK(labels == QStringList{"Desk break \u00b7 3 min", "Neck & posture \u00b7 5 min",
                                "Evening unwind \u00b7 12 min", "--", "My stretch \u00b7 45 s"});
    CHECK(actions.routineActions().at(1)->text() == "Neck && posture \u00b7 5 min"); // no mnemonic
    CHECK(actions.routineMenu()->menuAction()->isEnabled());

    QSignalSpy chosen(&actions, &ui::Actions::routineRequested);
    actions.routineActions().at(2)->trigger();
    REQUIRE(chosen.count() == 1);
    CHECK(chosen.at(0).at(0).toString() == "evening");

    // The same list again changes nothing; a new one replaces the entries.
    QAction* first = actions.routineActions().first();
    actions.setRoutines({{"neck-posture", "Neck & posture", 300s, false},
                         {"desk-break", "Desk break", 175s, false},
                         {"evening", "Evening unwind", 725s, false},
                         {"mine", "My stretch", 45s, true}});
    CHECK(actions.routineActions().first() == first);
    actions.setRoutines({Entry{"morning", "Morning wake-up", 330s, false}});
    REQUIRE(actions.routineActions().size() == 1);
    CHECK(actions.routineActions().first()->iconText() == "Morning wake-up \u00b7 6 min");
    actions.routineActions().first()->trigger();
    CHECK(chosen.count() == 2);
    CHECK(chosen.at(1).at(0).toString() == "morning");
    actions.setRoutines({});
    CHECK_FALSE(actions.routineMenu()->menuAction()->isEnabled());
}
