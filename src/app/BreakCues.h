#pragma once

#include "core/CuePlan.h"
#include "platform/CuePlayer.h"

#include <QObject>
#include <chrono>

namespace deskbreak::app {

// Plays one break's cues as its routine moves on: chimes when `sound` is on, the words of
// each step when `voice` is on. It follows the break window's position (the window owns
// no sound) and hands each cue due to the cue player, which outlives the window.
class BreakCues : public QObject {
    Q_OBJECT
public:
    // Loads what the cues need a moment after the window opened (not while it opens).
    BreakCues(const core::RoutinePlayer& player, platform::CuePlayer& cues, bool sound, bool voice,
              QObject* parent = nullptr);
    ~BreakCues() override;

public slots:
    // The routine's time now (BreakWindow::positionChanged).
    void moveTo(qint64 routineMs);
    // The break is over (BreakWindow::finished): ended early, silence at once; either way
    // the sound server is let go once the last cue has played.
    void end(bool completed);

private:
    void begin();

    core::CuePlan m_plan;
    platform::CuePlayer& m_cues;
    bool m_sound = false;
    bool m_voice = false;
    bool m_begun = false;
    bool m_over = false;
    std::chrono::milliseconds m_played{-1}; // cues up to here have been played
    std::chrono::milliseconds m_now{0};
};

} // namespace deskbreak::app
