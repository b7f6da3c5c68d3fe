#include "core/CuePlan.h"

#include <algorithm>

namespace deskbreak::core {

using std::chrono::milliseconds;
using std::chrono::seconds;
using Kind = RoutinePlayer::Kind;

namespace {

// "Sit tall" -> "Sit tall."; text that already ends a sentence is kept as it is.
QString sentence(const QString& text)
{
    QString t = text.trimmed();
    if (t.isEmpty() || t.endsWith(u'.') || t.endsWith(u'!') || t.endsWith(u'?'))
        return t;
    return t + u'.';
}

QString spokenHold(const RoutinePlayer::Segment& segment)
{
    const Exercise& e = *segment.exercise;
    if (e.reps > 0 && e.holdSeconds > 0)
        return QStringLiteral("%1 times, holding %2 each.")
            .arg(e.reps)
            .arg(spokenDuration(seconds(e.holdSeconds)));
    if (e.reps > 0)
        return e.reps == 1 ? QStringLiteral("1 slow rep.")
                           : QStringLiteral("%1 slow reps.").arg(e.reps);
    return QStringLiteral("Hold %1.")
        .arg(spokenDuration(std::chrono::duration_cast<seconds>(segment.duration)));
}

} // namespace

QString spokenDuration(seconds duration)
{
    const qint64 total = std::max<qint64>(0, duration.count());
    const qint64 minutes = total / 60;
    const qint64 rest = total % 60;
    const auto unit = [](qint64 n, const char* one, const char* many) {
        return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
    };
    if (minutes == 0)
        return unit(rest, "second", "seconds");
    if (rest == 0)
        return unit(minutes, "minute", "minutes");
    return unit(minutes, "minute", "minutes") + u' ' + unit(rest, "second", "seconds");
}

QString spokenStep(const RoutinePlayer& player, int index)
{
    if (index < 0 || index >= player.segments().size())
        return {};
    const RoutinePlayer::Segment& s = player.segments()[index];
    switch (s.kind) {
    case Kind::GetReady: {
        // The title says what to do; the text is for reading. What follows helps to be ready.
        const RoutinePlayer::Segment* next = player.following(index);
        return next && next->kind == Kind::Exercise
                   ? QStringLiteral("%1 Next: %2").arg(sentence(s.title), sentence(next->title))
                   : sentence(s.title);
    }
    case Kind::SwitchSides:
        return QStringLiteral("Switch sides.");
    case Kind::Exercise:
        break;
    }
    const QString side = sideName(s.side);
    const QString name =
        side.isEmpty() ? s.title : QStringLiteral("%1, %2 side").arg(s.title, side);
    return sentence(name) + u' ' + spokenHold(s);
}

CuePlan::CuePlan(const RoutinePlayer& player)
{
    const auto& segments = player.segments();
    for (int i = 0; i < segments.size(); ++i) {
        const RoutinePlayer::Segment& s = segments[i];
        const CueKind kind = i == 0                        ? CueKind::Start
                             : s.kind == Kind::SwitchSides ? CueKind::SwitchSides
                                                           : CueKind::Step;
        m_cues.append({s.start, kind, i, 0, spokenStep(player, i)});
        const int reps = player.repsIn(i);
        for (int rep = 2; rep <= reps; ++rep)
            m_cues.append({player.repStart(i, rep), CueKind::Rep, i, rep, QString::number(rep)});
    }
    if (!segments.isEmpty())
        m_cues.append({player.total(), CueKind::End, int(segments.size() - 1), 0,
                       QStringLiteral("That is the end of the break. Well done.")});
}

QList<Cue> CuePlan::crossed(milliseconds previous, milliseconds now) const
{
    QList<Cue> due;
    if (now <= previous)
        return due;
    if (now - previous <= kJump) {
        for (const Cue& c : m_cues)
            if (c.at > previous && c.at <= now)
                due.append(c);
        return due;
    }
    // A jump: the latest segment start (or the end) at or before where it landed.
    const auto landed = std::find_if(m_cues.crbegin(), m_cues.crend(), [now](const Cue& c) {
        return c.kind != CueKind::Rep && c.at <= now;
    });
    if (landed != m_cues.crend() && landed->at > previous)
        due.append(*landed);
    return due;
}

} // namespace deskbreak::core
