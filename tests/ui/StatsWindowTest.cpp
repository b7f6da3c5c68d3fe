// The stats window on the offscreen platform: today's numbers, the 7/30-day chart, the empty
// state, and screenshots to look at (main is in BreakWindowTest.cpp).
#include "ui/StatsWindow.h"

#include "core/ConfigSchema.h"
#include "core/HistoryStore.h"
#include "core/SittingModel.h"
#include "support/FakeClock.h"
#include "ui/Palettes.h"
#include "ui/StatsChart.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <chrono>
#include <doctest/doctest.h>
#include <random>

using namespace deskbreak;
using namespace std::chrono_literals;
using std::chrono::seconds;

namespace {

const QDate kToday(2026, 3, 5); // a Thursday

core::DayStats day(QDate date, seconds sitting, seconds longest, seconds overload, int breaks,
                   int natural)
{
    core::DayStats d;
    d.date = date;
    d.sitting = sitting;
    d.longestSitting = longest;
    d.overload = overload;
    d.breaksCompleted = breaks;
    d.naturalBreaks = natural;
    // A reminder for each break and one left unanswered, on the days at the desk.
    d.reminders = sitting > 0s ? breaks + 1 : 0;
    d.remindersToBreak = breaks;
    return d;
}

// Thirty days ending on kToday: busy weekdays, quiet weekends, overload now and then.
QList<core::DayStats> month()
{
    // From Wednesday 4 February: sitting minutes, overload minutes, breaks, natural breaks.
    struct Seed {
        int sitting, overload, breaks, natural;
    };
    const Seed seeds[] = {
        {312, 0, 4, 2},  {405, 35, 5, 1}, {268, 0, 3, 3},  {45, 0, 0, 1},   {0, 0, 0, 0},
        {455, 62, 6, 2}, {350, 18, 4, 2}, {290, 0, 5, 3},  {478, 84, 4, 1}, {228, 0, 3, 1},
        {95, 0, 1, 0},   {30, 0, 0, 1},   {382, 26, 5, 2}, {415, 41, 6, 1}, {240, 0, 4, 3},
        {365, 0, 5, 2},  {198, 0, 2, 2},  {0, 0, 0, 0},    {62, 0, 1, 1},   {420, 55, 5, 2},
        {338, 0, 4, 3},  {502, 96, 7, 1}, {296, 0, 4, 2},  {244, 22, 3, 2}, {40, 0, 0, 1},
        {0, 0, 0, 0},    {365, 30, 5, 2}, {336, 0, 5, 2},  {260, 12, 3, 2},
    };
    QList<core::DayStats> days;
    QDate date = kToday.addDays(-29);
    for (const Seed& s : seeds) {
        core::DayStats d = day(date, seconds(s.sitting * 60), seconds(std::min(s.sitting, 75) * 60),
                               seconds(s.overload * 60), s.breaks, s.natural);
        d.snoozed = s.breaks / 3;
        d.skipped = s.overload > 50 ? 1 : 0;
        d.reminders += d.snoozed + d.skipped;
        d.remindersSnoozed = d.snoozed;
        d.remindersSkipped = d.skipped;
        days << d;
        date = date.addDays(1);
    }
    core::DayStats today = day(kToday, 3h + 12min, 58min, 8min, 4, 2);
    today.snoozed = 1;
    today.breaksEndedEarly = 1;
    today.reminders += 1;
    today.remindersSnoozed = 1;
    days << today;
    return days;
}

QString text(const ui::StatsWindow& window, const char* name)
{
    const auto* label = window.findChild<QLabel*>(QLatin1String(name));
    REQUIRE(label != nullptr);
    return label->text();
}

QPushButton* button(const ui::StatsWindow& window, const char* name)
{
    auto* button = window.findChild<QPushButton*>(QLatin1String(name));
    REQUIRE(button != nullptr);
    return button;
}

ui::StatsChart* chart(const ui::StatsWindow& window)
{
    auto* chart = window.findChild<ui::StatsChart*>(QStringLiteral("chart"));
    REQUIRE(chart != nullptr);
    return chart;
}

// build/screenshots/stats-<what>[@2x].png, as the break window's screenshots are named.
void screenshot(QWidget& widget, const QString& what)
{
    const QString dir = QStringLiteral(DESKBREAK_SCREENSHOT_DIR);
    QDir().mkpath(dir);
    const QString scale = widget.devicePixelRatioF() > 1 ? QStringLiteral("@2x") : QString();
    const QString path = QStringLiteral("%1/stats-%2%3.png").arg(dir, what, scale);
    QApplication::processEvents();
    CHECK_MESSAGE(widget.grab().save(path), path.toStdString());
}

} // namespace

TEST_CASE("stats: today's numbers at a glance")
{
    ui::StatsWindow window;
    CHECK(window.windowTitle() == "deskbreak: your stats");
    window.setDays(month());
    CHECK(text(window, "todaySitting") == "3h 12m");
    CHECK(text(window, "todayLongest") == "58m");
    CHECK(text(window, "todayBreaks") == "4");
    CHECK(text(window, "todayNatural") == "2");
    CHECK(text(window, "todaySnoozed") == "1");
    CHECK(text(window, "todaySkipped") == "0");
    CHECK(text(window, "todayEndedEarly") == "1");
    CHECK(text(window, "todayOverload") == "8m");
    CHECK(text(window, "todayDate") == "Thursday 5 March");

    // History changes while the window is open: the numbers follow.
    QList<core::DayStats> later = month();
    later.last().breaksCompleted = 5;
    later.last().sitting += 20min;
    window.setDays(later);
    CHECK(text(window, "todayBreaks") == "5");
    CHECK(text(window, "todaySitting") == "3h 32m");
}

TEST_CASE("stats: the range switch shows 7 or 30 bars")
{
    ui::StatsWindow window;
    window.setDays(month());
    ui::StatsChart* bars = chart(window);
    CHECK(button(window, "rangeWeek")->isChecked());
    CHECK(bars->barCount() == 7);
    CHECK(bars->shownDays().last().date == kToday);
    CHECK(text(window, "rangeSummary").startsWith("Last 7 days"));

    button(window, "rangeMonth")->click();
    CHECK(button(window, "rangeMonth")->isChecked());
    CHECK_FALSE(button(window, "rangeWeek")->isChecked());
    CHECK(bars->barCount() == 30);
    CHECK(bars->shownDays().first().date == kToday.addDays(-29));
    CHECK(text(window, "rangeSummary").startsWith("Last 30 days"));

    button(window, "rangeWeek")->click();
    CHECK(bars->barCount() == 7);
    CHECK(window.range() == 7);
}

TEST_CASE("stats: the week's summary averages the days with data, and says over how many")
{
    ui::StatsWindow window;
    window.setDays(month());
    // Friday to today: 244, 40, 0, 365, 336, 260 and 192 minutes: 1437 over six desk days.
    CHECK(text(window, "rangeSummary") == "Last 7 days: 3h 59m sitting a day, average over 6 days "
                                          "with data · 20 breaks · 11 natural breaks");

    // A first day: averaged over itself, not over a week of nothing.
    QList<core::DayStats> first;
    for (int i = 6; i > 0; --i)
        first << day(kToday.addDays(-i), 0s, 0s, 0s, 0, 0);
    first << day(kToday, 42min, 42min, 0s, 1, 0);
    window.setDays(first);
    CHECK(text(window, "rangeSummary") == "Last 7 days: 42m sitting a day, average over 1 day "
                                          "with data · 1 break · 0 natural breaks");
}

TEST_CASE("stats: what became of the reminders, as shares of them")
{
    ui::StatsWindow window;
    window.setDays(month());
    // Friday to today, by the seeds: 20 breaks, 5 snoozes (a third of each day's breaks,
    // and today's), no skip, and one unanswered reminder on each of the 6 desk days: 31.
    const core::Adherence a = core::adherence(chart(window)->shownDays());
    CHECK(a.reminders == 31);
    CHECK(a.toBreak == 20);
    CHECK(a.snoozed == 5);
    CHECK(a.skipped == 0);
    CHECK(text(window, "adherence") ==
          "Of 31 reminders: 65% led to a break · 16% snoozed · 0% skipped · 19% unanswered");
    auto* bar = window.findChild<QWidget*>(QStringLiteral("adherenceBar"));
    REQUIRE(bar != nullptr);
    CHECK_FALSE(bar->isHidden());

    button(window, "rangeMonth")->click(); // the month's share, with its skips
    CHECK(text(window, "adherence").contains("% skipped"));
    CHECK_FALSE(text(window, "adherence").contains(" 0% skipped"));

    QList<core::DayStats> none;
    none << day(kToday, 20min, 20min, 0s, 0, 0);
    none.last().reminders = 0;
    window.setDays(none);
    CHECK(text(window, "adherence") == "No reminders in these days.");
    CHECK(bar->isHidden());
}

TEST_CASE("stats: a short history is drawn as a full week, the missing days empty")
{
    ui::StatsWindow window;
    QList<core::DayStats> days = month().mid(27);
    window.setDays(days);
    ui::StatsChart* bars = chart(window);
    CHECK(bars->barCount() == 7);
    const auto shown = bars->shownDays();
    REQUIRE(shown.size() == 7);
    CHECK(shown.first().date == kToday.addDays(-6));
    CHECK(shown.first().sitting == 0s);
    CHECK(shown.last() == days.last());
}

TEST_CASE("stats: hovering a bar tells the day")
{
    ui::StatsWindow window;
    window.setDays(month());
    const QString today = chart(window)->toolTipFor(6);
    CHECK(today.startsWith("Today"));
    CHECK(today.contains("Sitting 3h 12m (8m past overload)"));
    CHECK(today.contains("Longest stretch 58m"));
    CHECK(today.contains("4 breaks completed, 2 natural breaks"));
    CHECK(chart(window)->toolTipFor(0).startsWith("Friday 27 February"));
    CHECK(chart(window)->toolTipFor(7).isEmpty());
}

TEST_CASE("stats: no history looks intentional")
{
    ui::StatsWindow window;
    window.setDays({});
    ui::StatsChart* bars = chart(window);
    CHECK(bars->isEmpty());
    CHECK(bars->barCount() == 0);
    CHECK(bars->message() == "No history yet: it fills in as you go.");
    CHECK(bars->accessibleDescription() == bars->message());
    CHECK(text(window, "todaySitting") == "0m");
    CHECK(text(window, "todayBreaks") == "0");

    // Thirty days of nothing is no history either.
    QList<core::DayStats> quiet;
    for (int i = 29; i >= 0; --i)
        quiet << day(kToday.addDays(-i), 0s, 0s, 0s, 0, 0);
    window.setDays(quiet);
    CHECK(bars->isEmpty());
    window.setDays(month());
    CHECK_FALSE(bars->isEmpty());
    CHECK(bars->message().isEmpty());
}

TEST_CASE("stats: screenshots in a light and a dark palette")
{
    const QPalette original = QApplication::palette();
    QApplication::setPalette(QApplication::style()->standardPalette());
    {
        ui::StatsWindow window;
        window.setDays(month());
        window.show();
        screenshot(window, QStringLiteral("light-week"));
        button(window, "rangeMonth")->click();
        screenshot(window, QStringLiteral("light-month"));
    }
    {
        ui::StatsWindow window;
        window.setDays({});
        window.show();
        screenshot(window, QStringLiteral("empty"));
    }
    QApplication::setPalette(test::darkPalette());
    {
        ui::StatsWindow window;
        window.setDays(month());
        window.show();
        screenshot(window, QStringLiteral("dark-week"));
        button(window, "rangeMonth")->click();
        screenshot(window, QStringLiteral("dark-month"));
    }
    QApplication::setPalette(original);
}

TEST_CASE("stats: a simulated week through the real sitting model (the README's screenshot)")
{
    using namespace std::chrono_literals;
    // Monday 2 March 2026 to Sunday 8 March, local time: workdays of typing in stretches,
    // reminders taken, snoozed or skipped, a locked lunch, short weekend sessions.
    deskbreak::test::FakeClock clock(QDateTime(QDate(2026, 3, 2), QTime(0, 0)));
    core::MemoryHistoryStore history;
    core::SittingModel model(clock, core::defaultSettings().schedule);
    std::mt19937 rng(7);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    auto take = [&](const core::Effects& effects) {
        QString error;
        bool remind = false;
        for (const core::Effect& e : effects) {
            if (const auto* r = std::get_if<core::effect::Record>(&e))
                history.record(r->event, &error);
            remind = remind || std::holds_alternative<core::effect::Remind>(e);
        }
        return remind;
    };
    auto run = [&](std::chrono::seconds length, bool typing) {
        static core::MonoTime lastInput = clock.monotonic();
        for (std::chrono::seconds t{0}; t < length; t += 1s) {
            clock.advance(1s);
            if (typing)
                lastInput = clock.monotonic();
            if (take(model.idleSample(clock.monotonic() - lastInput))) {
                const int choice = pick(0, 9);
                if (choice < 5) { // take the break
                    take(model.startBreak());
                    clock.advance(3min);
                    take(model.endBreak(true));
                } else if (choice < 8) {
                    take(model.snooze());
                } else {
                    take(model.skip());
                }
            }
        }
    };
    auto until = [&](int h, int m) {
        const QDateTime target(clock.wall().date(), QTime(h, m));
        return std::chrono::seconds(std::max<qint64>(0, clock.wall().secsTo(target)));
    };
    for (int day = 0; day < 7; ++day) {
        const bool weekend = day >= 5;
        take(model.goingToSleep());
        clock.advance(std::chrono::duration_cast<std::chrono::milliseconds>(
            until(weekend ? 10 : 8, pick(30, 59))));
        take(model.resumedFromSleep());
        const auto stop =
            weekend ? std::make_pair(11 + pick(0, 1), 30) : std::make_pair(17, pick(0, 45));
        while (until(stop.first, stop.second).count() > 0) {
            run(std::chrono::minutes(pick(10, 75)), true);
            run(std::chrono::minutes(pick(1, weekend ? 30 : 8)), false);
            if (!weekend && clock.wall().time().hour() == 12) {
                take(model.sessionLocked());
                run(45min, false);
                take(model.sessionUnlocked());
            }
        }
        take(model.goingToSleep());
        clock.advance(std::chrono::duration_cast<std::chrono::milliseconds>(until(23, 59)) + 60s);
        take(model.resumedFromSleep());
    }
    const QDate last(2026, 3, 8);
    const auto days =
        core::dailyStats(history.events(QDateTime(last.addDays(-31), QTime(0, 0)), clock.wall()),
                         last.addDays(-29), last, core::defaultSettings().schedule.overloadAfter);
    REQUIRE(days.size() == 30);
    int sittingDays = 0;
    for (const core::DayStats& d : days.mid(23))
        sittingDays += d.sitting > 0s;
    CHECK(sittingDays == 7);
    CHECK(days.last().breaksCompleted + days[days.size() - 3].breaksCompleted > 0);

    ui::StatsWindow window;
    window.setDays(days);
    window.resize(window.sizeHint());
    window.show();
    screenshot(window, QStringLiteral("simulated-week"));
}
