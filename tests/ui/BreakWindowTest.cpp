#define DOCTEST_CONFIG_IMPLEMENT
#include "ui/BreakWindow.h"

#include "core/ContentLoader.h"
#include "ui/IllustrationCard.h"
#include "ui/Ordinal.h"
#include "ui/Palettes.h"
#include "ui/Style.h"

#include <QApplication>
#include <QDialog>
#include <QDir>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStyle>
#include <QTest>
#include <chrono>
#include <doctest/doctest.h>

using namespace deskbreak;
using namespace std::chrono_literals;
using std::chrono::milliseconds;

namespace {

const core::Content& shippedContent()
{
    static const core::Content content = [] {
        // The shipped content as the daemon loads it; missing pictures are reported, not fatal.
        core::Diagnostics diagnostics;
        return core::loadContent(QStringLiteral(DESKBREAK_SOURCE_DIR "/assets"), {}, diagnostics);
    }();
    return content;
}

// A break window on a fake clock: advance() moves time and lets the window catch up.
struct Break {
    qint64 now = 1'000'000;
    ui::BreakWindow window;
    QSignalSpy finished{&window, &ui::BreakWindow::finished};
    QSignalSpy stepChanged{&window, &ui::BreakWindow::stepChanged};

    explicit Break(const QString& routine = QStringLiteral("desk-break"), int breakNumber = 3)
        : window(shippedContent().routines.value(routine), shippedContent(), breakNumber)
    {
        window.setTimeSource([this] { return now; });
        window.show();
    }

    void advance(milliseconds time)
    {
        now += time.count();
        window.tick();
    }
    void advanceTo(milliseconds routineTime) { advance(routineTime - window.done()); }

    QString text(const char* name) const
    {
        const auto* label = window.findChild<QLabel*>(QLatin1String(name));
        REQUIRE(label != nullptr);
        return label->text();
    }
    QPushButton* button(const char* name) const
    {
        auto* button = window.findChild<QPushButton*>(QLatin1String(name));
        REQUIRE(button != nullptr);
        return button;
    }
    QStringList stepTexts() const
    {
        QStringList texts;
        for (const QLabel* label : window.findChildren<QLabel*>(QStringLiteral("stepText")))
            texts << label->text();
        return texts;
    }
    bool summaryShown() const
    {
        return window.findChild<QStackedWidget*>()->currentWidget()->objectName() == "summaryPage";
    }
    void key(Qt::Key key) { QTest::keyClick(&window, key); }
};

// Screenshots for people to look at: build/screenshots/break-<theme>-<what>[@2x].png.
void screenshot(QWidget& widget, const QString& theme, const QString& what)
{
    const QString dir = QStringLiteral(DESKBREAK_SCREENSHOT_DIR);
    QDir().mkpath(dir);
    const QString scale = widget.devicePixelRatioF() > 1 ? QStringLiteral("@2x") : QString();
    const QString path = QStringLiteral("%1/break-%2-%3%4.png").arg(dir, theme, what, scale);
    QApplication::processEvents(); // pending layout passes, as the event loop would run them
    CHECK_MESSAGE(widget.grab().save(path), path.toStdString());
}

} // namespace

TEST_CASE("ordinals")
{
    CHECK(ui::ordinal(1) == "1st");
    CHECK(ui::ordinal(2) == "2nd");
    CHECK(ui::ordinal(3) == "3rd");
    CHECK(ui::ordinal(4) == "4th");
    CHECK(ui::ordinal(11) == "11th");
    CHECK(ui::ordinal(12) == "12th");
    CHECK(ui::ordinal(13) == "13th");
    CHECK(ui::ordinal(21) == "21st");
    CHECK(ui::ordinal(22) == "22nd");
    CHECK(ui::ordinal(101) == "101st");
    CHECK(ui::ordinal(111) == "111th");
    CHECK(ui::ordinal(113) == "113th");
}

TEST_CASE("the shipped desk break is the routine these tests walk through")
{
    REQUIRE(shippedContent().routines.contains("desk-break"));
    Break b;
    REQUIRE(b.window.player().segments().size() == 9);
    CHECK(b.window.player().total() == 180s);
}

TEST_CASE("the window is titled for end-to-end tests and starts at the first step")
{
    Break b;
    CHECK(b.window.windowTitle() == "deskbreak: Desk break");
    CHECK(b.window.windowFlags().testFlag(Qt::WindowStaysOnTopHint));
    CHECK(b.text("countdownLabel") == "0:15");
    CHECK(b.text("stepTitleLabel") == "Sit tall");
    CHECK(b.text("stepCounterLabel") == "Step 1 of 9");
    CHECK(b.text("nextLabel") == "Next: Seated twist, right side");
    CHECK(b.stepTexts().join(' ').contains("front of your chair"));
    CHECK(b.stepChanged.isEmpty());
    b.advance(14'100ms);
    CHECK(b.text("countdownLabel") == "0:01");
}

TEST_CASE("after the get-ready step comes the seated twist, right side, with its steps")
{
    Break b;
    b.advance(15s);
    CHECK(b.text("stepTitleLabel") == "Seated twist");
    CHECK(b.text("stepDetailLabel") == "Right side");
    CHECK(b.text("countdownLabel") == "0:20");
    CHECK(b.text("stepCounterLabel") == "Step 2 of 9");
    CHECK(b.text("nextLabel") == "Next: Switch sides");
    CHECK(b.stepTexts().size() == 4);
    CHECK(b.stepTexts().first() == "Sit tall near the front of your chair, both feet flat.");
    REQUIRE(b.stepChanged.size() == 1);
    CHECK(b.stepChanged.first().first().toInt() == 1);
}

TEST_CASE("between the two sides the window says switch sides")
{
    Break b;
    b.advance(35s);
    CHECK(b.text("stepTitleLabel") == "Switch sides");
    CHECK(b.text("stepCounterLabel") == "Step 3 of 9");
    CHECK(b.text("countdownLabel") == "0:05");
    const auto* card = b.window.findChild<ui::IllustrationCard*>("illustration");
    REQUIRE(card != nullptr);
    CHECK(card->picture() == ui::IllustrationCard::Picture::SwitchSides);
    b.advance(4'900ms); // 39.9 s: still switching
    CHECK(b.text("stepTitleLabel") == "Switch sides");
    b.advance(100ms); // 40 s: the left side starts
    CHECK(b.text("stepTitleLabel") == "Seated twist");
    CHECK(b.text("stepDetailLabel") == "Left side");
    CHECK(b.text("countdownLabel") == "0:20");
}

TEST_CASE("the second side shows the picture mirrored and steps that name that side")
{
    Break b;
    const auto* card = b.window.findChild<ui::IllustrationCard*>("illustration");
    REQUIRE(card != nullptr);
    b.advance(15s); // the seated twist, right side
    CHECK_FALSE(card->isMirrored());
    const QStringList right = b.stepTexts();
    b.advance(25s); // left side
    REQUIRE(b.text("stepDetailLabel") == "Left side");
    CHECK(card->isMirrored());
    CHECK(card->hasSvg());
    const QStringList left = b.stepTexts();
    CHECK(left != right);
    for (const QString& line : right + left)
        CHECK_MESSAGE(!line.contains(u'{'), line.toStdString());
    CHECK(right.join(' ').contains("right"));
    CHECK(left.join(' ').contains("left"));
    b.advance(20s); // a get-ready step again: not mirrored
    CHECK_FALSE(card->isMirrored());
}

TEST_CASE("an exercise shows its tip and cautions, a get-ready step neither")
{
    Break b;
    const auto* tip = b.window.findChild<QLabel*>(QStringLiteral("tipLabel"));
    const auto* caution = b.window.findChild<QLabel*>(QStringLiteral("cautionLabel"));
    REQUIRE(tip != nullptr);
    REQUIRE(caution != nullptr);
    CHECK_FALSE(tip->isVisibleTo(&b.window)); // "Sit tall"
    b.advance(15s);                           // the seated twist
    const core::Exercise* twist = shippedContent().exercise(QStringLiteral("seated-twist-chair"));
    REQUIRE(twist != nullptr);
    REQUIRE_FALSE(twist->tip.isEmpty());
    CHECK(tip->isVisibleTo(&b.window));
    CHECK(tip->text().contains(twist->tip));
    CHECK(caution->isVisibleTo(&b.window) == !twist->cautions.isEmpty());
    for (const QString& c : twist->cautions)
        CHECK(caution->text().contains(c));
    b.advance(20s); // switch sides, at 35 s
    REQUIRE(b.text("stepTitleLabel") == "Switch sides");
    CHECK_FALSE(tip->isVisibleTo(&b.window));
}

TEST_CASE("get-ready steps show their own picture, and the last one is not called Get ready")
{
    Break b;
    const auto* card = b.window.findChild<ui::IllustrationCard*>("illustration");
    REQUIRE(card != nullptr);
    CHECK(b.text("stepTitleLabel") == "Sit tall");
    CHECK(card->hasSvg());
    // The figure sits tall: no caption naming the stretch that follows over it.
    CHECK(card->caption().isEmpty());
    CHECK(b.text("nextLabel").contains("Seated twist"));
    b.advanceTo(155s); // "Shake it out", the last step
    REQUIRE(b.text("stepTitleLabel") == "Shake it out");
    CHECK(b.text("stepDetailLabel") == "To finish");
    CHECK(card->hasSvg());
    CHECK(card->picture() == ui::IllustrationCard::Picture::Svg);
}

TEST_CASE("a get-ready step without a picture of its own shows the next stretch, captioned")
{
    core::Routine routine = shippedContent().routines.value(QStringLiteral("desk-break"));
    REQUIRE_FALSE(routine.steps.isEmpty());
    routine.steps[0].illustration.clear();
    ui::BreakWindow window(routine, shippedContent(), 3);
    window.setTimeSource([] { return qint64{1'000'000}; });
    window.show();
    const auto* card = window.findChild<ui::IllustrationCard*>("illustration");
    REQUIRE(card != nullptr);
    const core::Exercise* twist = shippedContent().exercise(QStringLiteral("seated-twist-chair"));
    REQUIRE(twist != nullptr);
    CHECK(card->hasSvg());
    CHECK(card->caption() == QStringLiteral("Up next: %1").arg(twist->name));
}

TEST_CASE("Space pauses the countdown and resumes it, the repaint timer stops meanwhile")
{
    Break b;
    CHECK(b.window.isTicking());
    b.advance(20s);
    CHECK(b.text("countdownLabel") == "0:15");
    b.key(Qt::Key_Space);
    CHECK(b.window.isPaused());
    CHECK_FALSE(b.window.isTicking());
    CHECK(b.button("pauseButton")->text() == "Resume");
    CHECK(b.window.findChild<ui::IllustrationCard*>("illustration")->isPaused());
    b.advance(5min);
    CHECK(b.text("countdownLabel") == "0:15");
    CHECK(b.text("stepTitleLabel") == "Seated twist");
    b.key(Qt::Key_Space);
    CHECK_FALSE(b.window.isPaused());
    CHECK(b.window.isTicking());
    CHECK(b.button("pauseButton")->text() == "Pause");
    b.advance(5s);
    CHECK(b.text("countdownLabel") == "0:10");
    // The on-screen button does the same.
    b.button("pauseButton")->click();
    CHECK(b.window.isPaused());
}

TEST_CASE("Right skips to the next segment")
{
    Break b;
    b.advance(5s);
    b.key(Qt::Key_Right);
    CHECK(b.window.currentSegment() == 1);
    CHECK(b.text("stepTitleLabel") == "Seated twist");
    CHECK(b.text("countdownLabel") == "0:20");
    REQUIRE(b.stepChanged.size() == 1);
    CHECK(b.stepChanged.first().first().toInt() == 1);
    b.button("skipButton")->click();
    CHECK(b.window.currentSegment() == 2);
    CHECK(b.text("stepTitleLabel") == "Switch sides");
    CHECK(b.finished.isEmpty());
}

TEST_CASE("Esc ends the break early, once, counting neither pauses nor skipped time")
{
    Break b;
    b.advance(30s);
    b.key(Qt::Key_Space);
    b.advance(100s); // paused: does not count
    b.key(Qt::Key_Space);
    b.advance(35'400ms);
    b.key(Qt::Key_Escape);
    REQUIRE(b.finished.size() == 1);
    CHECK(b.finished.first().at(0).toBool() == false);
    CHECK(b.finished.first().at(1).toLongLong() == 65);
    CHECK_FALSE(b.window.isVisible());
    CHECK_FALSE(b.window.isTicking());
    b.key(Qt::Key_Escape);
    b.window.close();
    b.advance(10min);
    CHECK(b.finished.size() == 1);

    Break skipped;
    skipped.advance(5s);
    skipped.key(Qt::Key_Right); // 10 s of "Sit tall" skipped
    skipped.advance(3s);
    skipped.button("endButton")->click();
    REQUIRE(skipped.finished.size() == 1);
    CHECK(skipped.finished.first().at(1).toLongLong() == 8);
}

TEST_CASE("closing the window ends the break as not completed")
{
    Break b;
    b.advance(70s);
    b.window.close();
    REQUIRE(b.finished.size() == 1);
    CHECK(b.finished.first().at(0).toBool() == false);
    CHECK(b.finished.first().at(1).toLongLong() == 70);
    CHECK_FALSE(b.window.isTicking());
}

TEST_CASE("running to the end reports completion once and shows the summary")
{
    Break b;
    // As the repaint timer would: a tick every 200 ms.
    for (int i = 0; i < 180 * 5 + 2; ++i)
        b.advance(200ms);
    REQUIRE(b.finished.size() == 1);
    CHECK(b.finished.first().at(0).toBool() == true);
    CHECK(b.finished.first().at(1).toLongLong() == 180);
    CHECK(b.stepChanged.size() == 8);
    CHECK(b.summaryShown());
    CHECK(b.text("summaryLabel").contains("3rd"));
    CHECK(b.text("summaryDetailLabel").contains("3:00"));
    CHECK_FALSE(b.window.isTicking());
    CHECK(b.window.isVisible());
    b.key(Qt::Key_Space); // no pause after the end: any key closes the summary
    CHECK_FALSE(b.window.isVisible());
    CHECK(b.finished.size() == 1);
}

TEST_CASE("the summary names the break's place in the day")
{
    for (const auto& [number, expected] :
         {std::pair{1, "1st"}, {2, "2nd"}, {12, "12th"}, {21, "21st"}}) {
        Break b(QStringLiteral("desk-break"), number);
        b.advance(181s);
        CHECK(b.text("summaryLabel") ==
              QStringLiteral("That was your %1 break today.").arg(expected));
    }
}

TEST_CASE("the daemon's verdict fills the summary: completed, or ended early")
{
    SUBCASE("completed")
    {
        Break b;
        b.advance(181s);
        b.window.showOutcome({true, 4, 185s, QDateTime(QDate(2026, 3, 2), QTime(14, 5))});
        CHECK(b.text("summaryTitleLabel") == "Well done");
        CHECK(b.text("summaryLabel") == "That was your 4th break today.");
        CHECK(b.text("summaryDetailLabel").contains("3:05"));
        CHECK(b.text("summaryNextLabel").startsWith("Next break due at "));
        CHECK(b.text("summaryNextLabel").contains("14"));
        CHECK(b.text("summaryNextLabel").contains("05"));
        CHECK_FALSE(b.text("summaryNextLabel").contains(":00")); // no seconds
    }
    SUBCASE("skipped through")
    {
        Break b;
        for (int i = 0; i < 9; ++i)
            b.key(Qt::Key_Right);
        REQUIRE(b.finished.size() == 1);
        CHECK(b.finished.first().at(0).toBool()); // it reached the end: the daemon judges
        b.window.showOutcome({false, 0, 27s, QDateTime(QDate(2026, 3, 2), QTime(11, 0))});
        CHECK(b.summaryShown());
        CHECK(b.text("summaryTitleLabel") == "Ended early");
        CHECK(b.text("summaryLabel").contains("keeps going"));
        CHECK(b.text("summaryNextLabel").startsWith("Next break due at "));
    }
    SUBCASE("paused")
    {
        Break b;
        b.advance(181s);
        b.window.showOutcome({true, 1, 180s, {}});
        CHECK(b.text("summaryNextLabel") == "Reminders are paused.");
    }
}

TEST_CASE("Enter and Esc close the summary at once")
{
    for (const Qt::Key key : {Qt::Key_Return, Qt::Key_Escape}) {
        Break b;
        b.advance(181s);
        REQUIRE(b.window.isVisible());
        b.key(key);
        CHECK_FALSE(b.window.isVisible());
        CHECK(b.finished.size() == 1);
    }
}

TEST_CASE("at twice the font size the window grows and the picture keeps its room")
{
    const QFont normal = QApplication::font();
    int normalHeight = 0;
    int normalCard = 0;
    {
        Break b;
        QApplication::processEvents();
        normalHeight = b.window.height();
        normalCard = b.window.findChild<ui::IllustrationCard*>("illustration")->height();
    }
    QFont big = normal;
    big.setPointSizeF(normal.pointSizeF() * 2);
    QApplication::setFont(big);
    {
        Break b;
        QApplication::processEvents();
        const auto* card = b.window.findChild<ui::IllustrationCard*>("illustration");
        CHECK(b.window.height() > normalHeight);
        CHECK(card->height() >= card->minimumSizeHint().height());
        CHECK(card->height() >= normalCard);
        // Every label gets the height its wrapped text needs.
        for (const QLabel* label : b.window.findChildren<QLabel*>()) {
            if (!label->isVisibleTo(&b.window) || label->text().isEmpty())
                continue;
            const int needed = label->wordWrap() ? label->heightForWidth(label->width())
                                                 : label->sizeHint().height();
            CHECK_MESSAGE(label->height() >= needed - 1, label->objectName().toStdString());
        }
    }
    QApplication::setFont(normal);
}

TEST_CASE("the accent text meets WCAG AA contrast on light and dark palettes")
{
    for (const QPalette& palette :
         {QApplication::style()->standardPalette(), test::darkPalette()}) {
        Break b;
        b.window.setPalette(palette);
        QApplication::processEvents();
        const QColor background = palette.color(QPalette::Window);
        for (const char* name : {"stepDetailLabel", "countdownLabel"}) {
            const auto* label = b.window.findChild<QLabel*>(QLatin1String(name));
            REQUIRE(label != nullptr);
            const QColor c = label->palette().color(QPalette::WindowText);
            CHECK_MESSAGE(ui::contrastRatio(c, background) >= 4.5, name);
        }
    }
    // The helper itself: a dim blue on a dark window is lifted, black on white is kept.
    const QColor dim(0x3d, 0x5f, 0x90), dark(0x1f, 0x23, 0x29), light(0xe6, 0xe8, 0xeb);
    CHECK(ui::contrastRatio(dim, dark) < 4.5);
    CHECK(ui::contrastRatio(ui::readableAccent(dim, light, dark), dark) >= 4.5);
    CHECK(ui::readableAccent(Qt::black, Qt::black, Qt::white) == QColor(Qt::black));
    CHECK(ui::contrastRatio(Qt::black, Qt::white) == doctest::Approx(21.0));
}

TEST_CASE("the summary closes itself after a few seconds")
{
    Break b;
    b.advance(181s);
    REQUIRE(b.window.isVisible());
    CHECK(QTest::qWaitFor([&] { return !b.window.isVisible(); }, 8000));
    CHECK(b.finished.size() == 1);
}

TEST_CASE("the safety guide is one click away and pauses the break while open")
{
    Break b;
    b.advance(20s);
    b.button("safetyButton")->click();
    auto* dialog = b.window.findChild<QDialog*>("safetyDialog");
    REQUIRE(dialog != nullptr);
    CHECK(dialog->isVisible());
    const auto* text = dialog->findChild<QLabel*>("safetyText");
    REQUIRE(text != nullptr);
    CHECK(text->text().contains("See a professional if"));
    CHECK(text->text().contains("Pain running down a leg"));
    CHECK(text->text().contains("Stop at once if you feel a sharp pain."));
    CHECK(b.window.isPaused());
    b.advance(1min);
    CHECK(b.text("countdownLabel") == "0:15");
    dialog->reject();
    CHECK_FALSE(b.window.isPaused());
}

TEST_CASE("every control tells its key")
{
    Break b;
    CHECK(b.button("pauseButton")->toolTip().contains("Space"));
    CHECK(b.button("skipButton")->toolTip().contains("Right"));
    CHECK(b.button("endButton")->toolTip().contains("Esc"));
    CHECK(b.button("safetyButton")->toolTip().contains("F1"));
}

TEST_CASE("screenshots in a light and a dark palette")
{
    const QPalette original = QApplication::palette();
    for (const auto& [theme, palette] :
         {std::pair{QStringLiteral("light"), QApplication::style()->standardPalette()},
          std::pair{QStringLiteral("dark"), test::darkPalette()}}) {
        QApplication::setPalette(palette);
        {
            Break b;
            screenshot(b.window, theme, QStringLiteral("get-ready"));
            b.advance(15s);
            screenshot(b.window, theme, QStringLiteral("exercise"));
            b.advance(5s);
            b.key(Qt::Key_Space);
            screenshot(b.window, theme, QStringLiteral("paused"));
            b.key(Qt::Key_Space);
            b.advanceTo(37s);
            screenshot(b.window, theme, QStringLiteral("switch-sides"));
            b.advanceTo(100s);
            screenshot(b.window, theme, QStringLiteral("forward-fold"));
            b.advanceTo(130s);
            screenshot(b.window, theme, QStringLiteral("wall-dog"));
            b.button("safetyButton")->click();
            auto* dialog = b.window.findChild<QDialog*>("safetyDialog");
            REQUIRE(dialog != nullptr);
            screenshot(*dialog, theme, QStringLiteral("safety"));
            dialog->reject();
            b.advanceTo(180s);
            CHECK(b.summaryShown());
            screenshot(b.window, theme, QStringLiteral("summary"));
        }
        {
            // A routine whose pictures exist, for the illustration itself.
            Break b(QStringLiteral("evening"));
            const auto& segments = b.window.player().segments();
            const auto withPicture =
                std::find_if(segments.begin(), segments.end(), [](const auto& s) {
                    return s.exercise && !s.exercise->illustration.isEmpty() &&
                           s.kind == core::RoutinePlayer::Kind::Exercise;
                });
            REQUIRE(withPicture != segments.end());
            b.advanceTo(withPicture->start + 1s);
            CHECK(b.window.findChild<ui::IllustrationCard*>("illustration")->hasSvg());
            screenshot(b.window, theme, QStringLiteral("illustration"));
        }
    }
    QApplication::setPalette(original);
}

TEST_CASE("screenshot: every shipped illustration on the card, as the window sizes it")
{
    QList<const core::Exercise*> pictured;
    for (const core::Exercise& exercise : shippedContent().exercises) {
        if (!exercise.illustration.isEmpty())
            pictured << &exercise;
    }
    REQUIRE_FALSE(pictured.isEmpty());
    const QSize cell(300, 190);
    const int columns = 4;
    const int rows = int((pictured.size() + columns - 1) / columns);
    QWidget sheet;
    sheet.setFixedSize(columns * (cell.width() + 12) + 12, rows * (cell.height() + 34) + 12);
    for (int i = 0; i < pictured.size(); ++i) {
        const QPoint at(12 + (i % columns) * (cell.width() + 12),
                        12 + (i / columns) * (cell.height() + 34));
        auto* name = new QLabel(pictured[i]->name, &sheet);
        name->setGeometry(QRect(at, QSize(cell.width(), 22)));
        auto* card = new ui::IllustrationCard(&sheet);
        card->setPicture(ui::IllustrationCard::Picture::Svg, pictured[i]->illustration);
        card->setGeometry(QRect(at + QPoint(0, 22), cell));
        CHECK_MESSAGE(card->hasSvg(), pictured[i]->id.toStdString());
    }
    sheet.show();
    screenshot(sheet, QStringLiteral("all"), QStringLiteral("illustrations"));
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
    // doctest's discovery and plain runs alike may have no display.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("LC_ALL", "C.UTF-8");
    QLocale::setDefault(QLocale::c());
    QApplication app(argc, argv);
    doctest::Context context(argc, argv);
    return context.run();
}
