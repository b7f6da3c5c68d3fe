#include "core/RoutinePlayer.h"

#include <algorithm>

namespace deskbreak::core {

using std::chrono::milliseconds;

RoutinePlayer::RoutinePlayer(const Routine& routine, const Content& content)
{
    auto add = [this](Segment s) {
        s.start = m_total;
        m_total += s.duration;
        m_segments.append(s);
    };
    for (int i = 0; i < routine.steps.size(); ++i) {
        const RoutineStep& step = routine.steps[i];
        const Exercise* e = step.exerciseId.isEmpty() ? nullptr : content.exercise(step.exerciseId);
        if (!e) {
            add({Kind::GetReady, i, nullptr, Side::None, step.title, step.text, {}, step.duration});
            continue;
        }
        if (!e->sides) {
            add({Kind::Exercise, i, e, Side::None, e->name, {}, {}, step.duration});
            continue;
        }
        add({Kind::Exercise, i, e, Side::Right, e->name, {}, {}, step.duration});
        if (routine.switchDuration.count() > 0)
            add({Kind::SwitchSides,
                 i,
                 e,
                 Side::None,
                 QStringLiteral("Switch sides"),
                 QStringLiteral("Come back to the middle, then do the same to the left."),
                 {},
                 routine.switchDuration});
        add({Kind::Exercise, i, e, Side::Left, e->name, {}, {}, step.duration});
    }
}

RoutinePlayer::Position RoutinePlayer::at(milliseconds elapsed) const
{
    Position p;
    if (m_segments.isEmpty() || elapsed >= m_total) {
        p.segment = int(std::max<qsizetype>(0, m_segments.size() - 1));
        p.finished = true;
        p.segmentProgress = 1;
        p.overallProgress = 1;
        return p;
    }
    elapsed = std::max(elapsed, milliseconds(0));
    // Segments are few (tens); a linear search is clearer than a binary one here.
    int i = 0;
    while (i + 1 < m_segments.size() && m_segments[i + 1].start <= elapsed)
        ++i;
    const Segment& s = m_segments[i];
    p.segment = i;
    p.left = s.start + s.duration - elapsed;
    p.segmentProgress =
        s.duration.count() ? double((elapsed - s.start).count()) / double(s.duration.count()) : 1;
    p.overallProgress = double(elapsed.count()) / double(m_total.count());
    p.reps = repsIn(i);
    // The rep whose start repStart() puts at or before now.
    if (p.reps > 0 && s.duration.count() > 0)
        p.rep = int(std::min<qint64>(
            p.reps, (elapsed - s.start).count() * p.reps / s.duration.count() + 1));
    return p;
}

milliseconds RoutinePlayer::nextSegmentStart(milliseconds elapsed) const
{
    const Position p = at(elapsed);
    if (p.finished)
        return m_total;
    const Segment& s = m_segments[p.segment];
    return s.start + s.duration;
}

const RoutinePlayer::Segment* RoutinePlayer::following(int index) const
{
    return index + 1 < m_segments.size() ? &m_segments[index + 1] : nullptr;
}

int RoutinePlayer::repsIn(int index) const
{
    if (index < 0 || index >= m_segments.size())
        return 0;
    const Segment& s = m_segments[index];
    return s.kind == Kind::Exercise && s.exercise ? std::max(0, s.exercise->reps) : 0;
}

milliseconds RoutinePlayer::repStart(int index, int rep) const
{
    const int reps = repsIn(index);
    if (reps == 0)
        return index >= 0 && index < m_segments.size() ? m_segments[index].start : m_total;
    const Segment& s = m_segments[index];
    const qint64 k = std::clamp(rep, 1, reps) - 1;
    // Rounded up, so that at() counts rep k+1 from exactly this millisecond on.
    return s.start + milliseconds((s.duration.count() * k + reps - 1) / reps);
}

QString sideName(RoutinePlayer::Side side)
{
    switch (side) {
    case RoutinePlayer::Side::None:
        return {};
    case RoutinePlayer::Side::Right:
        return QStringLiteral("right");
    case RoutinePlayer::Side::Left:
        return QStringLiteral("left");
    }
    return {};
}

} // namespace deskbreak::core
