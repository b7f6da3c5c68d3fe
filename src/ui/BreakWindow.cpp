#include "ui/BreakWindow.h"

#include "core/SidedText.h"
#include "ui/IllustrationCard.h"
#include "ui/Ordinal.h"
#include "ui/SafetyDialog.h"
#include "ui/Style.h"

#include <QCursor>
#include <QGridLayout>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <utility>

namespace deskbreak::ui {

using core::RoutinePlayer;
using std::chrono::milliseconds;
using namespace std::chrono_literals;

namespace {

constexpr auto kTickInterval = 200ms;
constexpr auto kSummaryTime = 6s;
constexpr int kProgressScale = 1000;

// "0:15", "2:30": what a countdown shows; a started second counts as a whole one.
QString clockText(milliseconds time)
{
    const qint64 seconds = (std::max<qint64>(0, time.count()) + 999) / 1000;
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

QString sideText(RoutinePlayer::Side side)
{
    switch (side) {
    case RoutinePlayer::Side::Right:
        return BreakWindow::tr("right side");
    case RoutinePlayer::Side::Left:
        return BreakWindow::tr("left side");
    case RoutinePlayer::Side::None:
        break;
    }
    return {};
}

QString capitalised(QString text)
{
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text;
}

// How a segment is named in "Next: ...".
QString segmentName(const RoutinePlayer::Segment& segment)
{
    const QString side = sideText(segment.side);
    return side.isEmpty() ? segment.title : BreakWindow::tr("%1, %2").arg(segment.title, side);
}

QString badgeStyle(const QPalette& palette, int size)
{
    return QStringLiteral("QLabel { background: %1; color: %2; border-radius: %3px; }")
        .arg(palette.color(QPalette::Highlight).name(),
             palette.color(QPalette::HighlightedText).name())
        .arg(size / 2);
}

bool isModifier(int key)
{
    switch (key) {
    case Qt::Key_Shift:
    case Qt::Key_Control:
    case Qt::Key_Meta:
    case Qt::Key_Alt:
    case Qt::Key_AltGr:
    case Qt::Key_Super_L:
    case Qt::Key_Super_R:
    case Qt::Key_CapsLock:
    case Qt::Key_NumLock:
        return true;
    default:
        return false;
    }
}

QLabel* makeLabel(const QString& objectName, QWidget* parent = nullptr)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    return label;
}

QPushButton* makeButton(const QString& objectName, const QString& text, const QString& toolTip)
{
    auto* button = new QPushButton(text);
    button->setObjectName(objectName);
    button->setToolTip(toolTip);
    // The window takes every key itself: a focused button would swallow Space.
    button->setFocusPolicy(Qt::NoFocus);
    button->setCursor(Qt::PointingHandCursor);
    return button;
}

} // namespace

BreakWindow::BreakWindow(const core::Routine& routine, const core::Content& content,
                         int breakNumberToday, QWidget* parent)
    : QWidget(parent, Qt::Window | Qt::WindowStaysOnTopHint)
    , m_content(content)
    , m_routine(routine)
    , m_player(m_routine, m_content)
    , m_breakNumber(breakNumberToday)
{
    m_clock.start();
    m_now = [this] { return m_clock.elapsed(); };
    m_runStartMs = m_now();

    setObjectName(QStringLiteral("breakWindow"));
    setWindowTitle(QStringLiteral("deskbreak: ") + m_routine.title);
    setFocusPolicy(Qt::StrongFocus);

    m_tickTimer.setInterval(kTickInterval);
    connect(&m_tickTimer, &QTimer::timeout, this, &BreakWindow::tick);
    m_closeTimer.setSingleShot(true);
    m_closeTimer.setInterval(kSummaryTime);
    connect(&m_closeTimer, &QTimer::timeout, this, &QWidget::close);

    m_pages = new QStackedWidget;
    m_pages->addWidget(buildBreakPage());
    m_pages->addWidget(buildSummaryPage());
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);

    applyColours();
    if (!m_player.segments().isEmpty())
        showPosition(m_player.at(0ms));
    // As large as the content needs at this font, and never smaller than the default look:
    // at large fonts the window grows instead of squeezing the picture.
    const int em = fontMetrics().height();
    resize(std::max(460, 27 * em), std::max({600, 35 * em, sizeHint().height()}));
    placeOnCursorScreen();
}

QWidget* BreakWindow::buildBreakPage()
{
    auto* page = new QWidget;
    page->setObjectName(QStringLiteral("breakPage"));

    m_routineLabel = makeLabel(QStringLiteral("routineLabel"));
    m_routineLabel->setText(m_routine.title);
    QFont small = scaledFont(font(), 0.9, QFont::DemiBold);
    small.setCapitalization(QFont::AllUppercase);
    small.setLetterSpacing(QFont::PercentageSpacing, 108);
    m_routineLabel->setFont(small);
    m_counterLabel = makeLabel(QStringLiteral("stepCounterLabel"));
    m_counterLabel->setFont(scaledFont(font(), 0.95));
    m_routineProgress = new QProgressBar;
    m_routineProgress->setObjectName(QStringLiteral("routineProgress"));
    m_routineProgress->setFixedHeight(5);

    m_titleLabel = makeLabel(QStringLiteral("stepTitleLabel"));
    m_titleLabel->setFont(scaledFont(font(), 1.75, QFont::Bold));
    m_titleLabel->setWordWrap(true);
    m_detailLabel = makeLabel(QStringLiteral("stepDetailLabel"));
    m_detailLabel->setFont(scaledFont(font(), 1.1, QFont::DemiBold));
    m_countdownLabel = makeLabel(QStringLiteral("countdownLabel"));
    m_countdownLabel->setFont(scaledFont(font(), 3.6, QFont::Bold));
    m_countdownLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_countdownLabel->setMinimumWidth(
        QFontMetrics(m_countdownLabel->font()).horizontalAdvance(QStringLiteral("00:00")));
    m_countdownLabel->setAccessibleName(tr("Time left in this step"));
    m_stepProgress = new QProgressBar;
    m_stepProgress->setObjectName(QStringLiteral("stepProgress"));
    m_stepProgress->setFixedHeight(8);
    for (QProgressBar* bar : {m_routineProgress, m_stepProgress}) {
        bar->setRange(0, kProgressScale);
        bar->setTextVisible(false);
    }

    m_card = new IllustrationCard;
    m_card->setObjectName(QStringLiteral("illustration"));

    m_stepsBox = new QWidget;
    m_stepsBox->setObjectName(QStringLiteral("stepsList"));
    m_stepsLayout = new QGridLayout(m_stepsBox);
    m_stepsLayout->setContentsMargins(0, 0, 0, 0);
    m_stepsLayout->setHorizontalSpacing(10);
    m_stepsLayout->setVerticalSpacing(6);
    m_stepsLayout->setColumnStretch(1, 1);

    // The exercise's tip and who should go easy: read once, while holding.
    m_tipLabel = makeLabel(QStringLiteral("tipLabel"));
    m_tipLabel->setWordWrap(true);
    m_tipLabel->setFont(scaledFont(font(), 0.95));
    m_cautionLabel = makeLabel(QStringLiteral("cautionLabel"));
    m_cautionLabel->setWordWrap(true);
    m_cautionLabel->setFont(scaledFont(font(), 0.95));

    m_nextLabel = makeLabel(QStringLiteral("nextLabel"));
    m_nextLabel->setWordWrap(true);

    m_safetyButton = makeButton(QStringLiteral("safetyButton"), tr("Stretch safely"),
                                tr("How to stretch safely, and when to see a professional (F1)"));
    m_safetyButton->setFlat(true);
    m_pauseButton = makeButton(QStringLiteral("pauseButton"), tr("Pause"), tr("Pause (Space)"));
    m_pauseButton->setMinimumWidth(m_pauseButton->fontMetrics().horizontalAdvance(tr("Resume")) +
                                   32);
    m_skipButton = makeButton(QStringLiteral("skipButton"), tr("Skip"),
                              tr("Skip to the next step (Right arrow)"));
    m_endButton =
        makeButton(QStringLiteral("endButton"), tr("End break"), tr("End the break now (Esc)"));
    connect(m_safetyButton, &QPushButton::clicked, this, &BreakWindow::showSafety);
    connect(m_pauseButton, &QPushButton::clicked, this, &BreakWindow::togglePause);
    connect(m_skipButton, &QPushButton::clicked, this, &BreakWindow::skipStep);
    connect(m_endButton, &QPushButton::clicked, this, &BreakWindow::endEarly);

    auto* header = new QHBoxLayout;
    header->addWidget(m_routineLabel);
    header->addStretch(1);
    header->addWidget(m_counterLabel);

    auto* names = new QVBoxLayout;
    names->setSpacing(2);
    names->addWidget(m_titleLabel);
    names->addWidget(m_detailLabel);
    auto* titleRow = new QHBoxLayout;
    titleRow->setSpacing(12);
    titleRow->addLayout(names, 1);
    titleRow->addWidget(m_countdownLabel, 0, Qt::AlignBottom);

    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(8);
    buttons->addWidget(m_safetyButton);
    buttons->addStretch(1);
    buttons->addWidget(m_pauseButton);
    buttons->addWidget(m_skipButton);
    buttons->addWidget(m_endButton);

    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(22, 18, 22, 16);
    layout->setSpacing(0);
    layout->addLayout(header);
    layout->addSpacing(6);
    layout->addWidget(m_routineProgress);
    layout->addSpacing(16);
    layout->addLayout(titleRow);
    layout->addSpacing(8);
    layout->addWidget(m_stepProgress);
    layout->addSpacing(16);
    layout->addWidget(m_card, 1);
    layout->addSpacing(16);
    layout->addWidget(m_stepsBox);
    layout->addSpacing(10);
    layout->addWidget(m_tipLabel);
    layout->addSpacing(4);
    layout->addWidget(m_cautionLabel);
    layout->addSpacing(12);
    layout->addWidget(m_nextLabel);
    layout->addSpacing(12);
    layout->addLayout(buttons);
    return page;
}

QWidget* BreakWindow::buildSummaryPage()
{
    auto* page = new QWidget;
    page->setObjectName(QStringLiteral("summaryPage"));

    auto* card = new IllustrationCard;
    card->setObjectName(QStringLiteral("summaryIllustration"));
    card->setPicture(IllustrationCard::Picture::Cheer);
    m_summaryTitle = makeLabel(QStringLiteral("summaryTitleLabel"));
    m_summaryTitle->setText(tr("Well done"));
    m_summaryTitle->setFont(scaledFont(font(), 2.2, QFont::Bold));
    m_summaryLabel = makeLabel(QStringLiteral("summaryLabel"));
    m_summaryLabel->setFont(scaledFont(font(), 1.3));
    m_summaryDetail = makeLabel(QStringLiteral("summaryDetailLabel"));
    m_summaryDetail->setFont(scaledFont(font(), 1.05));
    m_summaryNext = makeLabel(QStringLiteral("summaryNextLabel"));
    m_summaryNext->setFont(scaledFont(font(), 1.05, QFont::DemiBold));
    m_summaryNext->hide();
    m_summaryHint = makeLabel(QStringLiteral("summaryHintLabel"));
    m_summaryHint->setText(tr("This window closes by itself in a few seconds, or press Enter."));
    m_summaryHint->setFont(scaledFont(font(), 0.95));
    for (QLabel* label :
         {m_summaryTitle, m_summaryLabel, m_summaryDetail, m_summaryNext, m_summaryHint}) {
        label->setAlignment(Qt::AlignCenter);
        label->setWordWrap(true);
    }
    auto* close = makeButton(QStringLiteral("summaryCloseButton"), tr("Close"),
                             tr("Close this window (any key)"));
    connect(close, &QPushButton::clicked, this, &QWidget::close);

    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(22, 22, 22, 18);
    layout->setSpacing(0);
    layout->addWidget(card, 1);
    layout->addSpacing(22);
    layout->addWidget(m_summaryTitle);
    layout->addSpacing(8);
    layout->addWidget(m_summaryLabel);
    layout->addSpacing(6);
    layout->addWidget(m_summaryDetail);
    layout->addSpacing(6);
    layout->addWidget(m_summaryNext);
    layout->addSpacing(28);
    layout->addWidget(m_summaryHint);
    layout->addSpacing(12);
    layout->addWidget(close, 0, Qt::AlignHCenter);
    return page;
}

void BreakWindow::setTimeSource(std::function<qint64()> msNow)
{
    if (!m_paused && !m_over)
        m_banked += milliseconds(std::max<qint64>(0, m_now() - m_runStartMs));
    m_now = std::move(msNow);
    m_runStartMs = m_now();
}

milliseconds BreakWindow::position() const
{
    const qint64 run = (m_paused || m_over) ? 0 : std::max<qint64>(0, m_now() - m_runStartMs);
    return m_banked + milliseconds(run) + m_skipped;
}

milliseconds BreakWindow::done() const
{
    return std::max(0ms, std::min(position(), m_player.total()) - m_skipped);
}

milliseconds BreakWindow::timeLeft() const
{
    return m_over ? 0ms : std::max(0ms, m_player.total() - position());
}

void BreakWindow::tick()
{
    if (m_over)
        return;
    const milliseconds at = std::min(position(), m_player.total());
    emit positionChanged(at.count()); // first: the end's cue comes before finished()
    const RoutinePlayer::Position now = m_player.at(at);
    if (now.finished) {
        showSummary();
        m_closeTimer.start();
        finish(true); // the daemon answers with showOutcome()
        return;
    }
    showPosition(now);
}

void BreakWindow::showPosition(const RoutinePlayer::Position& position)
{
    if (position.segment != m_segment) {
        const bool first = m_segment < 0;
        m_segment = position.segment;
        showSegment(m_player.segments()[m_segment]);
        if (!first)
            emit stepChanged(m_segment);
    }
    if (position.reps > 0) { // paced: which rep, so a glance is enough
        const QString side = sideText(m_player.segments()[m_segment].side);
        const QString rep = tr("rep %1 of %2").arg(position.rep).arg(position.reps);
        m_detailLabel->setText(side.isEmpty() ? capitalised(rep)
                                              : tr("%1, %2").arg(capitalised(side), rep));
    }
    m_countdownLabel->setText(clockText(position.left));
    m_stepProgress->setValue(qRound(position.segmentProgress * kProgressScale));
    m_routineProgress->setValue(qRound(position.overallProgress * kProgressScale));
}

void BreakWindow::showSegment(const RoutinePlayer::Segment& segment)
{
    using Kind = RoutinePlayer::Kind;
    using Picture = IllustrationCard::Picture;
    m_counterLabel->setText(tr("Step %1 of %2").arg(m_segment + 1).arg(m_player.segments().size()));
    m_titleLabel->setText(segment.title);
    const RoutinePlayer::Segment* next = m_player.following(m_segment);

    const bool exercise = segment.kind == Kind::Exercise && segment.exercise;
    m_tipLabel->setText(exercise ? tr("Tip: %1").arg(segment.exercise->tip) : QString());
    m_tipLabel->setVisible(exercise && !segment.exercise->tip.isEmpty());
    m_cautionLabel->setText(
        exercise ? tr("Go easy: %1").arg(segment.exercise->cautions.join(QStringLiteral("; ")))
                 : QString());
    m_cautionLabel->setVisible(exercise && !segment.exercise->cautions.isEmpty());

    switch (segment.kind) {
    case Kind::GetReady: {
        // While getting into position: the step's own picture, else a look at the stretch
        // that comes next, captioned as such (over the step's own picture the caption would
        // name a stretch the figure is not doing; the "Next:" line says it anyway).
        const core::Exercise* upcoming =
            next && next->kind == Kind::Exercise ? next->exercise : nullptr;
        m_detailLabel->setText(upcoming ? tr("Get ready")
                               : next   ? tr("In between")
                                        : tr("To finish"));
        const QString own = m_routine.steps.value(segment.stepIndex).illustration;
        if (!own.isEmpty())
            m_card->setPicture(Picture::Svg, own);
        else if (upcoming && !upcoming->illustration.isEmpty())
            m_card->setPicture(Picture::Svg, upcoming->illustration,
                               tr("Up next: %1").arg(upcoming->name));
        else
            m_card->setPicture(Picture::Breathe);
        showSteps({}, segment.text);
        break;
    }
    case Kind::Exercise: {
        const core::Exercise& exercise = *segment.exercise;
        if (segment.side != RoutinePlayer::Side::None)
            m_detailLabel->setText(capitalised(sideText(segment.side)));
        else if (exercise.reps > 0)
            m_detailLabel->setText(exercise.reps == 1 ? tr("1 slow rep")
                                                      : tr("%1 slow reps").arg(exercise.reps));
        else
            m_detailLabel->setText(tr("Hold and breathe"));
        // The pictures show the first (right) side; the second side is its mirror image.
        m_card->setPicture(Picture::Svg, exercise.illustration, {},
                           segment.side == RoutinePlayer::Side::Left);
        showSteps(core::sidedText(exercise.steps, segment.side), {});
        break;
    }
    case Kind::SwitchSides:
        m_detailLabel->setText(segment.exercise ? segment.exercise->name : QString());
        m_card->setPicture(Picture::SwitchSides);
        showSteps({}, segment.text);
        break;
    }
    m_nextLabel->setText(next ? tr("Next: %1").arg(segmentName(*next)) : tr("Last step"));
}

void BreakWindow::showSteps(const QStringList& steps, const QString& paragraph)
{
    while (QLayoutItem* item = m_stepsLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (!paragraph.isEmpty()) {
        auto* text = makeLabel(QStringLiteral("stepText"), m_stepsBox);
        text->setText(paragraph);
        text->setWordWrap(true);
        text->setFont(scaledFont(font(), 1.15));
        m_stepsLayout->addWidget(text, 0, 0, 1, 2);
        text->show();
        return;
    }
    const int badge = QFontMetrics(font()).height() + 6;
    for (int i = 0; i < steps.size(); ++i) {
        auto* number = makeLabel(QStringLiteral("stepNumber"), m_stepsBox);
        number->setText(QString::number(i + 1));
        number->setAlignment(Qt::AlignCenter);
        number->setFixedSize(badge, badge);
        number->setFont(scaledFont(font(), 0.9, QFont::Bold));
        number->setStyleSheet(badgeStyle(palette(), badge));
        auto* text = makeLabel(QStringLiteral("stepText"), m_stepsBox);
        text->setText(steps[i]);
        text->setWordWrap(true);
        text->setContentsMargins(0, 2, 0, 0);
        m_stepsLayout->addWidget(number, i, 0, Qt::AlignTop);
        m_stepsLayout->addWidget(text, i, 1);
        // Shown now, not at the layout's next queued pass: the window may be grabbed first.
        number->show();
        text->show();
    }
}

void BreakWindow::togglePause()
{
    if (!m_over)
        setPaused(!m_paused);
}

void BreakWindow::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    if (paused)
        m_banked += milliseconds(std::max<qint64>(0, m_now() - m_runStartMs));
    else
        m_runStartMs = m_now();
    m_paused = paused;
    // The title says it too, for the taskbar (and for tests that find windows by title).
    setWindowTitle(QStringLiteral("deskbreak: ") + m_routine.title +
                   (paused ? tr(" (paused)") : QString()));
    m_card->setPaused(paused);
    m_pauseButton->setText(paused ? tr("Resume") : tr("Pause"));
    m_pauseButton->setToolTip(paused ? tr("Resume (Space)") : tr("Pause (Space)"));
    applyColours();
    updateTicking();
    tick();
}

void BreakWindow::skipStep()
{
    if (m_over)
        return;
    const milliseconds now = position();
    m_skipped += m_player.nextSegmentStart(now) - now;
    tick();
}

void BreakWindow::endEarly()
{
    if (m_over)
        return;
    const QPointer<BreakWindow> self(this);
    finish(false);
    if (self)
        close();
}

void BreakWindow::finish(bool completed)
{
    if (!m_paused)
        m_banked += milliseconds(std::max<qint64>(0, m_now() - m_runStartMs));
    m_over = true;
    updateTicking();
    emit finished(completed, std::chrono::duration_cast<std::chrono::seconds>(done()).count());
}

void BreakWindow::showSummary()
{
    m_summaryLabel->setText(m_breakNumber > 0
                                ? tr("That was your %1 break today.").arg(ordinal(m_breakNumber))
                                : tr("Your back will thank you."));
    m_summaryDetail->setText(tr("%1 of stretching: %2").arg(clockText(done()), m_routine.title));
    m_pages->setCurrentIndex(1);
}

void BreakWindow::showOutcome(const BreakOutcome& outcome)
{
    const QString length = clockText(outcome.lasted);
    if (outcome.completed) {
        m_summaryTitle->setText(tr("Well done"));
        m_summaryLabel->setText(
            outcome.completedToday > 0
                ? tr("That was your %1 break today.").arg(ordinal(outcome.completedToday))
                : tr("Your back will thank you."));
        m_summaryDetail->setText(tr("%1 in %2").arg(m_routine.title, length));
    } else {
        m_summaryTitle->setText(tr("Ended early"));
        m_summaryLabel->setText(
            tr("Under a minute is too short to count, so your sitting time keeps going."));
        m_summaryDetail->setText(tr("%1, skipped through in %2").arg(m_routine.title, length));
    }
    if (outcome.nextBreakAt.isValid()) {
        // Hours and minutes: some locales' short format (C's among them) has seconds too.
        QString format = QLocale().timeFormat(QLocale::ShortFormat);
        format.remove(QStringLiteral(":ss"));
        m_summaryNext->setText(
            tr("Next break due at %1").arg(outcome.nextBreakAt.time().toString(format)));
    } else {
        m_summaryNext->setText(tr("Reminders are paused."));
    }
    m_summaryNext->show();
}

void BreakWindow::showSafety()
{
    if (!m_safety) {
        m_safety = new SafetyDialog(m_content.safety, this);
        connect(m_safety, &QDialog::finished, this, [this] {
            if (std::exchange(m_resumeAfterSafety, false) && !m_over)
                setPaused(false);
        });
    }
    // Reading takes time: the countdown waits, and picks up again when the dialog closes.
    if (!m_over && !m_paused) {
        m_resumeAfterSafety = true;
        setPaused(true);
    }
    m_safety->open();
    m_safety->raise();
    m_safety->activateWindow();
}

void BreakWindow::updateTicking()
{
    if (isVisible() && !m_paused && !m_over) {
        if (!m_tickTimer.isActive())
            m_tickTimer.start();
    } else {
        m_tickTimer.stop();
    }
}

void BreakWindow::applyColours()
{
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::WindowText);
    const QColor window = pal.color(QPalette::Window);
    const QColor highlight = pal.color(QPalette::Highlight);
    auto colour = [](QWidget* widget, const QColor& c) {
        QPalette p = widget->palette();
        p.setColor(QPalette::WindowText, c);
        p.setColor(QPalette::ButtonText, c);
        widget->setPalette(p);
    };
    const QColor dim = mixColours(text, window, 0.38);
    const QColor accent = readableAccent(highlight, text, window);
    for (QWidget* w : {static_cast<QWidget*>(m_routineLabel), static_cast<QWidget*>(m_counterLabel),
                       static_cast<QWidget*>(m_nextLabel), static_cast<QWidget*>(m_summaryDetail),
                       static_cast<QWidget*>(m_summaryHint)})
        colour(w, dim);
    colour(m_detailLabel, accent);
    colour(m_safetyButton, accent);
    colour(m_countdownLabel, m_paused ? dim : text);

    const QString bar =
        QStringLiteral("QProgressBar { border: none; border-radius: %1px; background: %2; }"
                       "QProgressBar::chunk { border-radius: %1px; background: %3; }");
    const QString track = mixColours(window, text, 0.13).name();
    m_routineProgress->setStyleSheet(bar.arg(2).arg(track, highlight.name()));
    m_stepProgress->setStyleSheet(bar.arg(4).arg(track, (m_paused ? dim : highlight).name()));
    for (QLabel* number : m_stepsBox->findChildren<QLabel*>(QStringLiteral("stepNumber")))
        number->setStyleSheet(badgeStyle(pal, number->width()));
}

void BreakWindow::placeOnCursorScreen()
{
    QScreen* screen = QGuiApplication::screenAt(QCursor::pos());
    if (!screen)
        screen = QGuiApplication::primaryScreen();
    if (!screen)
        return;
    const QRect available = screen->availableGeometry();
    resize(size().boundedTo(available.size()));
    move(available.center() - QPoint(width() / 2, height() / 2));
}

void BreakWindow::keyPressEvent(QKeyEvent* event)
{
    if (m_over) {
        if (!event->isAutoRepeat() && !isModifier(event->key()))
            close();
        return;
    }
    // Held keys repeat: one press is one pause or one skip.
    switch (event->key()) {
    case Qt::Key_Space:
        if (!event->isAutoRepeat())
            togglePause();
        return;
    case Qt::Key_Right:
        if (!event->isAutoRepeat())
            skipStep();
        return;
    case Qt::Key_Escape:
        endEarly();
        return;
    case Qt::Key_F1:
        showSafety();
        return;
    default:
        QWidget::keyPressEvent(event);
    }
}

void BreakWindow::closeEvent(QCloseEvent* event)
{
    m_closeTimer.stop();
    if (m_safety)
        m_safety->close();
    if (!m_over)
        finish(false);
    QWidget::closeEvent(event);
}

void BreakWindow::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (!event->spontaneous()) {
        raise();
        activateWindow();
    }
    tick();
    updateTicking();
}

void BreakWindow::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    updateTicking();
}

void BreakWindow::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_summaryHint) // after construction
        applyColours();
}

} // namespace deskbreak::ui
