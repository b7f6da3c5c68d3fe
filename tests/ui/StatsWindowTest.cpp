// The stats window on the offscreen platform: today's numbers, the 7/30-day chart, the empty
// state, and screenshots to look at (main is in BreakWindowTest.cpp).
#include "ui/StatsWindow.h"

#include "ui/StatsChart.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <chrono>
#include <doctest/doctest.h>

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
    d.reminders = breaks + 1;
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
        days << d;
        date = date.addDays(1);
    }
    core::DayStats today = day(kToday, 3h + 12min, 58min, 8min, 4, 2);
    today.snoozed = 1;
    today.breaksEndedEarly = 1;
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

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x1f, 0x23, 0x29), base(0x16, 0x19, 0x1d), text(0xe6, 0xe8, 0xeb);
    const QColor buttonColour(0x2b, 0x30, 0x37), highlight(0x3d, 0x8f, 0xe0);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, buttonColour);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, buttonColour);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Light, QColor(0x45, 0x4b, 0x54));
    p.setColor(QPalette::Midlight, QColor(0x36, 0x3b, 0x43));
    p.setColor(QPalette::Mid, QColor(0x2a, 0x2e, 0x35));
    p.setColor(QPalette::Dark, QColor(0x12, 0x14, 0x17));
    p.setColor(QPalette::Shadow, Qt::black);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x6b, 0x72, 0x7c));
    return p;
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

TEST_CASE("stats: the week's summary averages the days at the desk")
{
    ui::StatsWindow window;
    window.setDays(month());
    // Friday to today: 244, 40, 0, 365, 336, 260 and 192 minutes: 1437 over six desk days.
    CHECK(text(window, "rangeSummary") ==
          "Last 7 days: 3h 59m sitting a day on average · 20 breaks · 11 natural breaks");
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
    QApplication::setPalette(darkPalette());
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
