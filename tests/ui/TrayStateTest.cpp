// The tray's look and words, computed and drawn without a tray: every text at its boundary
// values, the ring round in slots that are not square, every look readable on light and
// dark panels (WCAG contrast), and the tooltip made live as it is about to show.
#include "ui/TrayState.h"

#include "ui/Actions.h"
#include "ui/StatusText.h"
#include "ui/Style.h"
#include "ui/TrayIcon.h"

#include <QAction>
#include <QCoreApplication>
#include <QDir>
#include <QHelpEvent>
#include <QImage>
#include <QPainter>
#include <QSystemTrayIcon>
#include <cmath>
#include <doctest/doctest.h>

using namespace deskbreak;
using namespace std::chrono_literals;
using ui::TrayState;
using Look = TrayState::Look;
using Freshness = ui::statustext::Freshness;
using Status = core::SittingModel::Status;

namespace {

const QDateTime kNow(QDate(2026, 3, 2), QTime(13, 47)); // 13:47:00

Status sitting(std::chrono::seconds s, std::chrono::seconds interval = 60min)
{
    Status st;
    st.sitting = s;
    st.untilReminder = std::max(0s, std::chrono::seconds(interval - s));
    st.overload = s >= 30min;
    return st;
}

// Status with `left` to the next reminder.
Status leftToBreak(std::chrono::seconds left)
{
    Status st;
    st.sitting = 10min;
    st.untilReminder = left;
    return st;
}

QString line(const Status& s, Freshness f = Freshness::Live)
{
    return ui::statustext::summary(s, kNow, f);
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

TrayState look(Look l, double fill)
{
    TrayState t;
    t.look = l;
    t.fill = fill;
    return t;
}

// The icon as an XEmbed tray paints it into its slot (QIcon::paint into the slot's rect), on
// a transparent slot of `slot` logical pixels at device pixel ratio `dpr`.
QImage paintedInSlot(const TrayState& t, QSize slot, qreal dpr)
{
    QImage image(slot * dpr, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(dpr);
    image.fill(Qt::transparent);
    QPainter p(&image);
    ui::ringIcon(t).paint(&p, QRect(QPoint(0, 0), slot));
    p.end();
    return image;
}

struct Shape {
    QRectF box;         // of the pixels at least half covered, in device pixels
    QPointF centre;     // alpha-weighted
    qreal radiusSpread; // (max - min) / mean of the outer edge's distance, in 32 directions
};

// Where the drawn ring is, and how round: along 32 rays from its centre, the last pixel at
// least half covered is the outer edge; a circle has the same distance on every ray.
Shape measure(const QImage& image)
{
    qreal sum = 0, sx = 0, sy = 0;
    QRectF box;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const qreal a = qAlpha(image.pixel(x, y)) / 255.0;
            sum += a;
            sx += a * (x + 0.5);
            sy += a * (y + 0.5);
            if (a >= 0.5)
                box |= QRectF(x, y, 1, 1);
        }
    REQUIRE(sum > 0);
    Shape s;
    s.box = box;
    s.centre = QPointF(sx / sum, sy / sum);
    qreal lo = 1e9, hi = 0, total = 0;
    constexpr int kRays = 32;
    for (int i = 0; i < kRays; ++i) {
        const qreal angle = 2 * M_PI * i / kRays;
        qreal edge = 0;
        for (qreal r = 0; r < std::max(image.width(), image.height()); r += 0.25) {
            const int x = int(std::floor(s.centre.x() + r * std::cos(angle)));
            const int y = int(std::floor(s.centre.y() + r * std::sin(angle)));
            if (x < 0 || y < 0 || x >= image.width() || y >= image.height())
                break;
            if (qAlpha(image.pixel(x, y)) >= 128)
                edge = r;
        }
        lo = std::min(lo, edge);
        hi = std::max(hi, edge);
        total += edge;
    }
    s.radiusSpread = (hi - lo) / (total / kRays);
    return s;
}

QColor over(QRgb premultiplied, const QColor& panel)
{
    const qreal a = qAlpha(premultiplied) / 255.0;
    return QColor::fromRgbF(float(qRed(premultiplied) / 255.0 + panel.redF() * (1 - a)),
                            float(qGreen(premultiplied) / 255.0 + panel.greenF() * (1 - a)),
                            float(qBlue(premultiplied) / 255.0 + panel.blueF() * (1 - a)));
}

// How many pixels of the 22 px icon, laid on `panel`, stand out from it by at least `ratio`.
int pixelsWithContrast(const TrayState& t, const QColor& panel, qreal ratio)
{
    const QImage img = ui::ringIcon(t).pixmap(22, 22).toImage().convertToFormat(
        QImage::Format_ARGB32_Premultiplied);
    int n = 0;
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x)
            n += ui::contrastRatio(over(img.pixel(x, y), panel), panel) >= ratio;
    return n;
}

void saveShot(const QImage& image, const QString& name)
{
    QDir().mkpath(DESKBREAK_SCREENSHOT_DIR);
    CHECK(image.save(QStringLiteral(DESKBREAK_SCREENSHOT_DIR "/") + name));
}

const QList<std::pair<Look, double>> kLooks = {
    {Look::Sitting, 0},  {Look::Sitting, 0.25}, {Look::Overload, 0.7},
    {Look::Due, 1},      {Look::Snoozed, 0.4},  {Look::Paused, 0},
    {Look::Paused, 0.4}, {Look::Away, 0},       {Look::OnBreak, 1}};

} // namespace

TEST_CASE("the tray look follows the sitting state")
{
    CHECK(TrayState::from(sitting(10min), 60min, kNow).look == Look::Sitting);
    CHECK(TrayState::from(sitting(45min), 60min, kNow).look == Look::Overload);
    auto due = sitting(61min);
    due.due = true;
    due.untilReminder = 0s;
    CHECK(TrayState::from(due, 60min, kNow).look == Look::Due);
    CHECK(TrayState::from(due, 60min, kNow).fill == 1);
    auto snoozed = due;
    snoozed.snoozed = true;
    snoozed.untilReminder = 8min;
    CHECK(TrayState::from(snoozed, 60min, kNow).look == Look::Snoozed);
    auto paused = sitting(5min);
    paused.pausedUntil = QDateTime(QDate(2026, 3, 2), QTime(14, 30));
    CHECK(TrayState::from(paused, 60min, kNow).look == Look::Paused);
    auto away = sitting(0s);
    away.phase = core::SittingModel::Phase::Away;
    CHECK(TrayState::from(away, 60min, kNow).look == Look::Away);
    auto onBreak = sitting(0s);
    onBreak.phase = core::SittingModel::Phase::OnBreak;
    CHECK(TrayState::from(onBreak, 60min, kNow).look == Look::OnBreak);
}

TEST_CASE("tray texts: lengths at their boundaries, seconds under a minute")
{
    using ui::statustext::length;
    using R = ui::statustext::Rounding;
    CHECK(length(0s, R::Down) == "0 s");
    CHECK(length(59s, R::Down) == "59 s");
    CHECK(length(60s, R::Down) == "1 min");
    CHECK(length(61s, R::Down) == "1 min");
    CHECK(length(61s, R::Up) == "2 min");
    CHECK(length(59min, R::Down) == "59 min");
    CHECK(length(59min + 30s, R::Up) == "1 h");
    CHECK(length(1h, R::Down) == "1 h");
    CHECK(length(65min, R::Down) == "1 h 05 min");
    CHECK(length(59s, R::Down, Freshness::Lasting) == "under a minute");
    CHECK(length(60s, R::Down, Freshness::Lasting) == "1 min");
}

TEST_CASE("tray tooltip: sitting time at 0 s, 59 s, 60 s, 61 s, 59 min and 1 h")
{
    // The next break comes at 14:47 for every one of them (interval 1 h from 13:47 - sitting).
    CHECK(line(sitting(0s)) == "Sitting 0 s \u00b7 next break at 14:47 (in 1 h)");
    CHECK(line(sitting(59s)) == "Sitting 59 s \u00b7 next break at 14:46 (in 1 h)");
    CHECK(line(sitting(60s)) == "Sitting 1 min \u00b7 next break at 14:46 (in 59 min)");
    CHECK(line(sitting(61s)) == "Sitting 1 min \u00b7 next break at 14:45 (in 59 min)");
    CHECK(line(sitting(59min)) == "Sitting 59 min \u00b7 next break at 13:48 (in 1 min)");
    auto hour = sitting(1h);
    hour.due = true;
    CHECK(line(hour) == "Sitting 1 h \u00b7 time for a break");
    // What a panel keeps for a minute never counts seconds that go stale.
    CHECK(line(sitting(59s), Freshness::Lasting).startsWith("Sitting under a minute \u00b7 "));
    CHECK(line(sitting(42min + 10s)) == "Sitting 42 min \u00b7 next break at 14:04 (in 18 min)");
    CHECK(TrayState::from(sitting(42min), 60min, kNow).tooltip ==
          "deskbreak\nSitting 42 min \u00b7 next break at 14:05 (in 18 min)");
}

TEST_CASE("tray tooltip: time to the next break at 0 s, 59 s, 60 s, 61 s, 59 min and 1 h")
{
    CHECK(line(leftToBreak(0s)) == "Sitting 10 min \u00b7 next break at 13:47 (in 0 s)");
    CHECK(line(leftToBreak(18s)) == "Sitting 10 min \u00b7 next break at 13:47 (in 18 s)");
    CHECK(line(leftToBreak(59s)) == "Sitting 10 min \u00b7 next break at 13:47 (in 59 s)");
    CHECK(line(leftToBreak(60s)) == "Sitting 10 min \u00b7 next break at 13:48 (in 1 min)");
    CHECK(line(leftToBreak(61s)) == "Sitting 10 min \u00b7 next break at 13:48 (in 2 min)");
    CHECK(line(leftToBreak(59min)) == "Sitting 10 min \u00b7 next break at 14:46 (in 59 min)");
    CHECK(line(leftToBreak(1h)) == "Sitting 10 min \u00b7 next break at 14:47 (in 1 h)");
    CHECK(line(leftToBreak(59s), Freshness::Lasting) ==
          "Sitting 10 min \u00b7 next break at 13:47 (in under a minute)");
}

TEST_CASE("tray tooltip: snoozed, paused, away and on a break")
{
    auto snoozed = sitting(62min);
    snoozed.due = true;
    snoozed.snoozed = true;
    snoozed.untilReminder = 8min;
    CHECK(line(snoozed) == "Sitting 1 h 02 min \u00b7 snoozed until 13:55 (in 8 min)");
    snoozed.untilReminder = 18s; // the bug it fixes: "again in 1m" with 18 s left
    CHECK(line(snoozed) == "Sitting 1 h 02 min \u00b7 snoozed until 13:47 (in 18 s)");
    auto paused = sitting(12min);
    paused.pausedUntil = QDateTime(QDate(2026, 3, 2), QTime(15, 30));
    CHECK(line(paused) == "Sitting 12 min \u00b7 paused until 15:30");
    paused.pausedUntil = QDateTime(QDate(2026, 3, 3), QTime(0, 0));
    CHECK(line(paused) == "Sitting 12 min \u00b7 paused until tomorrow");
    auto away = sitting(0s);
    away.phase = core::SittingModel::Phase::Away;
    CHECK(line(away) == "Away from the desk \u00b7 the sitting clock starts when you are back");
    auto onBreak = sitting(47min);
    onBreak.phase = core::SittingModel::Phase::OnBreak;
    CHECK(line(onBreak) == "On a break");
}

TEST_CASE("tray menu header: at 0 s, 59 s, 60 s, 61 s, 59 min and 1 h, and in every state")
{
    using ui::statustext::header;
    CHECK(header(sitting(0s), kNow) == "Sitting 0 s \u00b7 next break at 14:47");
    CHECK(header(sitting(59s), kNow) == "Sitting 59 s \u00b7 next break at 14:46");
    CHECK(header(sitting(60s), kNow) == "Sitting 1 min \u00b7 next break at 14:46");
    CHECK(header(sitting(61s), kNow) == "Sitting 1 min \u00b7 next break at 14:45");
    CHECK(header(sitting(59min), kNow) == "Sitting 59 min \u00b7 next break at 13:48");
    CHECK(header(sitting(42min), kNow) == "Sitting 42 min \u00b7 next break at 14:05");
    auto due = sitting(1h);
    due.due = true;
    CHECK(header(due, kNow) == "Sitting 1 h \u00b7 time for a break");
    auto paused = sitting(12min);
    paused.pausedUntil = QDateTime(QDate(2026, 3, 2), QTime(15, 30));
    CHECK(header(paused, kNow) == "Sitting 12 min \u00b7 paused until 15:30");
    auto away = sitting(0s);
    away.phase = core::SittingModel::Phase::Away;
    CHECK(header(away, kNow) == "Away from the desk");

    // The menu shows it first, as a line to read; paused, Snooze and Skip are off.
    ui::Actions actions;
    actions.update(paused, true, 10min, kNow);
    CHECK(actions.header()->text() == "Sitting 12 min \u00b7 paused until 15:30");
    CHECK_FALSE(actions.header()->isEnabled());
    CHECK(actions.snooze()->text() == "Snooze 10 min");
    CHECK_FALSE(actions.snooze()->isEnabled());
    CHECK_FALSE(actions.skip()->isEnabled());
}

TEST_CASE("the ring moves only once a minute, so the icon is redrawn at most that often")
{
    const auto a = TrayState::from(sitting(42min + 1s), 60min, kNow);
    const auto b = TrayState::from(sitting(42min + 59s), 60min, kNow);
    CHECK(a.fill == b.fill);
    CHECK(a.look == b.look);
    CHECK(a.tooltip == b.tooltip); // the lasting text, as a panel keeps it
    CHECK_FALSE(TrayState::from(sitting(42min), 60min, kNow) ==
                TrayState::from(sitting(43min), 60min, kNow));
    CHECK(TrayState::from(sitting(30min), 60min, kNow).fill == doctest::Approx(0.5));
}

TEST_CASE("the tooltip is made live as the tray is about to show it")
{
    ui::Actions actions;
    ui::TrayIcon tray(&actions);
    tray.update(TrayState::from(sitting(0s), 60min, kNow));
    CHECK(tray.toolTip() ==
          "deskbreak\nSitting under a minute \u00b7 next break at 14:47 (in 1 h)");
    Status now = sitting(58s);
    int asked = 0;
    tray.setLiveToolTip([&] {
        ++asked;
        return ui::statustext::tooltip(now, kNow, Freshness::Live);
    });
    // What Qt's XEmbed tray icon sends to the QSystemTrayIcon as the pointer rests on it.
    QHelpEvent event(QEvent::ToolTip, QPoint(2, 2), QPoint(2, 2));
    QCoreApplication::sendEvent(tray.systemTrayIcon(), &event);
    CHECK(asked == 1);
    CHECK(tray.toolTip() == "deskbreak\nSitting 58 s \u00b7 next break at 14:46 (in 1 h)");
}

TEST_CASE("the drawn ring fills with sitting time and differs by look")
{
    const int quarter = colouredPixels(TrayState::from(sitting(15min), 60min, kNow));
    const int threeQuarters = colouredPixels(TrayState::from(sitting(45min), 60min, kNow));
    CHECK(quarter > 0);
    CHECK(threeQuarters > quarter * 2);
    TrayState a = TrayState::from(sitting(15min), 60min, kNow);
    TrayState b = a;
    b.look = Look::Paused;
    CHECK(ui::ringIcon(a).pixmap(32, 32).toImage() != ui::ringIcon(b).pixmap(32, 32).toImage());
}

TEST_CASE("the ring stays round in a 22x30 and a 30x22 slot, at 1x and 2x")
{
    for (const QSize slot : {QSize(22, 30), QSize(30, 22)}) {
        for (const qreal dpr : {1.0, 2.0}) {
            CAPTURE(slot.width());
            CAPTURE(slot.height());
            CAPTURE(dpr);
            const QImage shot = paintedInSlot(look(Look::OnBreak, 1), slot, dpr);
            saveShot(shot, QStringLiteral("tray-slot-%1x%2%3.png")
                               .arg(slot.width())
                               .arg(slot.height())
                               .arg(dpr > 1 ? QStringLiteral("@2x") : QString()));
            const Shape s = measure(shot);
            const qreal side = std::min(slot.width(), slot.height()) * dpr;
            // As wide as high, filling the short side, in the middle of the slot.
            CHECK(std::abs(s.box.width() - s.box.height()) <= 1);
            CHECK(s.box.width() >= side - 2 * dpr);
            CHECK(std::abs(s.centre.x() - shot.width() / 2.0) <= 0.75 * dpr);
            CHECK(std::abs(s.centre.y() - shot.height() / 2.0) <= 0.75 * dpr);
            // A circle: the outer edge at the same distance all round (an oval 22 by 30 is
            // 30 % off; a pixel grid allows a little).
            CHECK(s.radiusSpread < 0.12);
            // Sharp at 2x: drawn in device pixels, so the edge is as crisp as at 1x (a
            // stretched 1x image would leave a band of half-covered pixels twice as wide).
            int partial = 0;
            for (int y = 0; y < shot.height(); ++y)
                for (int x = 0; x < shot.width(); ++x) {
                    const int a = qAlpha(shot.pixel(x, y));
                    partial += a > 40 && a < 215;
                }
            CHECK(partial < s.box.width() * 4 * 1.6);
        }
        // A caller that asks for a pixmap of the slot's size and draws it as it is.
        const QPixmap pixmap = ui::ringIcon(look(Look::OnBreak, 1)).pixmap(slot);
        CHECK(pixmap.deviceIndependentSize().toSize() == slot); // at the screen's own ratio
        const QImage pix = pixmap.toImage();
        const Shape s = measure(pix);
        CHECK(std::abs(s.box.width() - s.box.height()) <= 1);
        CHECK(s.radiusSpread < 0.12);
    }
}

TEST_CASE("every tray look stands out on a light and on a dark panel (WCAG 3:1)")
{
    // Breeze's light and dark panels, white, and the e2e tray host's grey.
    const QList<QColor> panels = {QColor(0xef, 0xf0, 0xf1), QColor(0xff, 0xff, 0xff),
                                  QColor(0x31, 0x36, 0x3b), QColor(0x2b, 0x2b, 0x2b)};
    for (const auto& entry : kLooks) {
        // Not a structured binding: clang 14 cannot capture those in CAPTURE's lambda.
        const auto l = entry.first;
        const auto fill = entry.second;
        const TrayState t = look(l, fill);
        for (const QColor& panel : panels) {
            CAPTURE(int(l));
            CAPTURE(fill);
            CAPTURE(panel.name().toStdString());
            // The colour itself, as WCAG asks of graphics that carry meaning.
            CHECK(ui::contrastRatio(t.colour(), panel) >= 3.0);
            // And as drawn at 22 px: at least a round cap's worth of pixels at full strength,
            // so no look is only a faint track.
            CHECK(pixelsWithContrast(t, panel, 3.0) >= 6);
        }
    }
}

TEST_CASE("every tray look differs from every other drawn at the same fill")
{
    const QList<Look> all = {Look::Sitting, Look::Overload, Look::Due,    Look::Snoozed,
                             Look::Paused,  Look::Away,     Look::OnBreak};
    for (const double fill : {0.0, 0.4, 1.0}) {
        for (int i = 0; i < all.size(); ++i)
            for (int j = i + 1; j < all.size(); ++j) {
                const QImage a = ui::ringIcon(look(all[i], fill)).pixmap(22, 22).toImage();
                const QImage b = ui::ringIcon(look(all[j], fill)).pixmap(22, 22).toImage();
                int differing = 0;
                for (int y = 0; y < 22; ++y)
                    for (int x = 0; x < 22; ++x) {
                        const QRgb p = a.pixel(x, y), q = b.pixel(x, y);
                        differing += std::abs(qRed(p) - qRed(q)) + std::abs(qGreen(p) - qGreen(q)) +
                                         std::abs(qBlue(p) - qBlue(q)) +
                                         std::abs(qAlpha(p) - qAlpha(q)) >
                                     90;
                    }
                CAPTURE(fill);
                CAPTURE(i);
                CAPTURE(j);
                CHECK(differing >= 6);
            }
    }
}

TEST_CASE("a sheet of every tray look on a light and a dark panel, for people to look at")
{
    const QList<QColor> panels = {QColor(0xef, 0xf0, 0xf1), QColor(0x2b, 0x2b, 0x2b)};
    QImage sheet(int(kLooks.size()) * 80, 280, QImage::Format_ARGB32_Premultiplied);
    QPainter p(&sheet);
    for (int band = 0; band < panels.size(); ++band) {
        p.fillRect(0, band * 140, sheet.width(), 140, panels[band]);
        for (int i = 0; i < kLooks.size(); ++i) {
            const TrayState t = look(kLooks[i].first, kLooks[i].second);
            int y = band * 140 + 4;
            for (int size : {22, 32, 64}) {
                p.drawPixmap(i * 80 + (80 - size) / 2, y, ui::ringIcon(t).pixmap(size, size));
                y += size + 4;
            }
        }
    }
    p.end();
    saveShot(sheet, QStringLiteral("tray-looks.png"));
}
