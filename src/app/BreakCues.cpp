#include "app/BreakCues.h"

#include <QTimer>

namespace deskbreak::app {

using std::chrono::milliseconds;
using namespace std::chrono_literals;

namespace {
// Long enough for the window to be up and painted first; far shorter than any step.
constexpr auto kSettle = 250ms;
} // namespace

BreakCues::BreakCues(const core::RoutinePlayer& player, platform::CuePlayer& cues, bool sound,
                     bool voice, QObject* parent)
    : QObject(parent)
    , m_plan(player)
    , m_cues(cues)
    , m_sound(sound)
    , m_voice(voice)
{
    if (m_sound || m_voice)
        QTimer::singleShot(kSettle, this, &BreakCues::begin);
}

BreakCues::~BreakCues()
{
    if (!m_over && m_begun) { // the window went without finishing (the daemon quits)
        m_cues.stop();
        m_cues.release();
    }
}

void BreakCues::begin()
{
    if (m_over)
        return;
    m_begun = true;
    m_cues.prepare(m_sound, m_voice);
    moveTo(m_now.count()); // what came due meanwhile: the first step's words
}

void BreakCues::moveTo(qint64 routineMs)
{
    m_now = milliseconds(routineMs);
    if (!m_begun || m_over)
        return;
    for (const core::Cue& cue : m_plan.crossed(m_played, m_now)) {
        if (m_sound && cue.kind != core::CueKind::Start) // the window has just opened
            m_cues.play(cue.kind);
        if (m_voice)
            m_cues.say(cue.words);
    }
    m_played = std::max(m_played, m_now);
}

void BreakCues::end(bool completed)
{
    if (m_over)
        return;
    m_over = true;
    if (!m_begun)
        return; // nothing was loaded: nothing to let go
    if (!completed)
        m_cues.stop();
    m_cues.release();
}

} // namespace deskbreak::app
