// The tray's look, computed and drawn without a tray.
#include "ui/TrayState.h"

#include "ui/TrayIcon.h"

#include <QDir>
#include <QImage>
#include <QPainter>
#include <doctest/doctest.h>

using namespace deskbreak;
using namespace std::chrono_literals;
using ui::TrayState;
using Look = TrayState::Look;

namespace {
core::SittingModel::Status sitting(std::chrono::seconds s)
{
    core::SittingModel::Status st;
    st.sitting = s;
    st.untilReminder = 60min - s;
    st.overload = s >= 30min;
    return st;
}

// Pixels of the icon's own colour, at 64 px.
int colouredPixels(const TrayState& t)
{
    const QImage img = ui::ringIcon(t).pixmap(64, 64).toImage();
    int n = 0;
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x) {
            const QColor c = img.pixelColor(x, y);
            n += c.alpha() > 200 && std::abs(c.red() - t.colour().red()) < 40 &&
                 std::abs(c.green() - t.colour().green()) < 40;
        }
    return n;
}
} // namespace

TEST_CASE("the tray look follows the sitting state")
{
    CHECK(TrayState::from(sitting(10min), 60min).look == Look::Sitting);
    CHECK(TrayState::from(sitting(45min), 60min).look == Look::Overload);
    auto due = sitting(61min);
    due.due = true;
    due.untilReminder = 0s;
    CHECK(TrayState::from(due, 60min).look == Look::Due);
    CHECK(TrayState::from(due, 60min).fill == 1);
    auto snoozed = due;
    snoozed.snoozed = true;
    snoozed.untilReminder = 8min;
    CHECK(TrayState::from(snoozed, 60min).look == Look::Snoozed);
    CHECK(TrayState::from(snoozed, 60min).tooltip.contains("reminding again in 8m"));
    auto paused = sitting(5min);
    paused.pausedUntil = QDateTime(QDate(2026, 3, 2), QTime(14, 30));
    CHECK(TrayState::from(paused, 60min).look == Look::Paused);
    CHECK(TrayState::from(paused, 60min).tooltip.contains("paused until 14:30"));
    auto away = sitting(0s);
    away.phase = core::SittingModel::Phase::Away;
    CHECK(TrayState::from(away, 60min).look == Look::Away);
    auto onBreak = sitting(0s);
    onBreak.phase = core::SittingModel::Phase::OnBreak;
    CHECK(TrayState::from(onBreak, 60min).look == Look::OnBreak);
}

TEST_CASE("the tooltip tells sitting time and time to the next break")
{
    const TrayState t = TrayState::from(sitting(42min + 10s), 60min);
    CHECK(t.tooltip == "deskbreak: sitting for 42m\nNext break in 18m");
}

TEST_CASE("the ring moves only once a minute, so the icon is redrawn at most that often")
{
    CHECK(TrayState::from(sitting(42min + 1s), 60min) ==
          TrayState::from(sitting(42min + 59s), 60min));
    CHECK_FALSE(TrayState::from(sitting(42min), 60min) == TrayState::from(sitting(43min), 60min));
    CHECK(TrayState::from(sitting(30min), 60min).fill == doctest::Approx(0.5));
}

TEST_CASE("the drawn ring fills with sitting time and differs by look")
{
    const int quarter = colouredPixels(TrayState::from(sitting(15min), 60min));
    const int threeQuarters = colouredPixels(TrayState::from(sitting(45min), 60min));
    CHECK(quarter > 0);
    CHECK(threeQuarters > quarter * 2);
    TrayState a = TrayState::from(sitting(15min), 60min);
    TrayState b = a;
    b.look = Look::Paused;
    CHECK(ui::ringIcon(a).pixmap(32, 32).toImage() != ui::ringIcon(b).pixmap(32, 32).toImage());
}

TEST_CASE("a sheet of every tray look, for people to look at")
{
    const QList<std::pair<Look, double>> looks = {
        {Look::Sitting, 0.25}, {Look::Overload, 0.7}, {Look::Due, 1},    {Look::Snoozed, 1},
        {Look::Paused, 0.4},   {Look::Away, 0},       {Look::OnBreak, 1}};
    QImage sheet(looks.size() * 80, 140, QImage::Format_ARGB32_Premultiplied);
    sheet.fill(QColor(0x2b, 0x2b, 0x2b));
    QPainter p(&sheet);
    for (int i = 0; i < looks.size(); ++i) {
        TrayState t;
        t.look = looks[i].first;
        t.fill = looks[i].second;
        int y = 4;
        for (int size : {22, 32, 64}) {
            p.drawPixmap(i * 80 + (80 - size) / 2, y, ui::ringIcon(t).pixmap(size, size));
            y += size + 4;
        }
    }
    p.end();
    QDir().mkpath(DESKBREAK_SCREENSHOT_DIR);
    CHECK(sheet.save(QStringLiteral(DESKBREAK_SCREENSHOT_DIR "/tray-looks.png")));
}
