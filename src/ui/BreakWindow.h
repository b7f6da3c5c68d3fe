#pragma once

#include "core/RoutinePlayer.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>
#include <chrono>
#include <functional>

class QGridLayout;
class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;

namespace deskbreak::ui {

class IllustrationCard;
class SafetyDialog;

// How the daemon judged a break that was played to its end: what the summary tells.
struct BreakOutcome {
    bool completed = false; // else ended early (too short to count)
    int completedToday = 0; // completed breaks today, this one included
    std::chrono::seconds lasted{};
    QDateTime nextBreakAt; // invalid when no reminder is scheduled (paused)
};

// The guided break: a routine step by step, with its picture, steps and a countdown.
// Space pauses and resumes, Right skips a step, Esc ends the break, F1 opens "Stretch safely".
// The window keeps its own copy of the content, so a reload elsewhere cannot pull it away.
class BreakWindow : public QWidget {
    Q_OBJECT
public:
    BreakWindow(const core::Routine& routine, const core::Content& content, int breakNumberToday,
                QWidget* parent = nullptr);

    // Replaces the monotonic clock (milliseconds since any fixed point) from now on; time
    // already done is kept. Tests use it to run a break without sleeping.
    void setTimeSource(std::function<qint64()> msNow);

    const core::RoutinePlayer& player() const { return m_player; }
    int currentSegment() const { return m_segment; }
    bool isPaused() const { return m_paused; }
    // Whether the repaint timer runs: only while shown, counting and not over.
    bool isTicking() const { return m_tickTimer.isActive(); }
    // True once the break is over (ran to its end, ended early or closed): finished() was sent.
    bool isOver() const { return m_over; }
    // Routine time actually done: pauses and skipped parts do not count.
    std::chrono::milliseconds done() const;
    // Routine time still to play (skips shorten it, pauses stop it); zero once over.
    std::chrono::milliseconds timeLeft() const;

public slots:
    // Reads the clock and brings the view up to date; the repaint timer calls it.
    void tick();
    void togglePause();
    void skipStep();
    void endEarly();
    void showSafety();
    // Fills the summary with the daemon's verdict; sent right after finished(true, ...).
    void showOutcome(const deskbreak::ui::BreakOutcome& outcome);

signals:
    // Sent exactly once: reachedEnd when the routine ran to its end (skipped steps included),
    // otherwise ended with Esc or by closing the window. secondsDone as in done(). Whether
    // it counts is the daemon's call (real time, see SittingModel::endBreak).
    void finished(bool reachedEnd, qint64 secondsDone);
    // The routine moved on to another segment (for a chime); not sent for the first one.
    void stepChanged(int segment);
    // The routine's time (skips included, up to its end) at each tick while it counts, and
    // before finished() at the end: what the break's cues follow.
    void positionChanged(qint64 routineMs);

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    std::chrono::milliseconds position() const; // in the routine, skips included
    void setPaused(bool paused);
    void showPosition(const core::RoutinePlayer::Position& position);
    void showSegment(const core::RoutinePlayer::Segment& segment);
    void showSteps(const QStringList& steps, const QString& paragraph);
    void finish(bool completed);
    void showSummary();
    void applyColours();
    void updateTicking();
    void placeOnCursorScreen();
    QWidget* buildBreakPage();
    QWidget* buildSummaryPage();

    core::Content m_content; // m_player points into its exercises
    core::Routine m_routine;
    core::RoutinePlayer m_player;
    int m_breakNumber = 0;

    QElapsedTimer m_clock;
    std::function<qint64()> m_now;
    qint64 m_runStartMs = 0;               // m_now() when the current unpaused stretch began
    std::chrono::milliseconds m_banked{};  // active time before that stretch
    std::chrono::milliseconds m_skipped{}; // routine time jumped over with Right
    bool m_paused = false;
    bool m_resumeAfterSafety = false;
    bool m_over = false;
    int m_segment = -1;

    QTimer m_tickTimer;  // repaints; runs only while the window is shown and counting
    QTimer m_closeTimer; // closes the summary by itself

    QStackedWidget* m_pages = nullptr;
    QLabel* m_routineLabel = nullptr;
    QLabel* m_counterLabel = nullptr;
    QProgressBar* m_routineProgress = nullptr;
    QLabel* m_titleLabel = nullptr;
    QLabel* m_detailLabel = nullptr;
    QLabel* m_countdownLabel = nullptr;
    QProgressBar* m_stepProgress = nullptr;
    IllustrationCard* m_card = nullptr;
    QWidget* m_stepsBox = nullptr;
    QGridLayout* m_stepsLayout = nullptr;
    QLabel* m_tipLabel = nullptr;
    QLabel* m_cautionLabel = nullptr;
    QLabel* m_nextLabel = nullptr;
    QPushButton* m_pauseButton = nullptr;
    QPushButton* m_skipButton = nullptr;
    QPushButton* m_endButton = nullptr;
    QPushButton* m_safetyButton = nullptr;
    SafetyDialog* m_safety = nullptr;
    QLabel* m_summaryTitle = nullptr;
    QLabel* m_summaryLabel = nullptr;
    QLabel* m_summaryDetail = nullptr;
    QLabel* m_summaryNext = nullptr;
    QLabel* m_summaryHint = nullptr;
};

} // namespace deskbreak::ui
