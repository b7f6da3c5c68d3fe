#include "core/Effect.h"

namespace deskbreak::core {

QString reasonName(NaturalBreakReason reason)
{
    switch (reason) {
    case NaturalBreakReason::Idle:
        return QStringLiteral("idle");
    case NaturalBreakReason::Locked:
        return QStringLiteral("locked");
    case NaturalBreakReason::Asleep:
        return QStringLiteral("asleep");
    }
    return {};
}

QString holdReasonName(HoldReason reason)
{
    switch (reason) {
    case HoldReason::Camera:
        return QStringLiteral("camera");
    case HoldReason::Microphone:
        return QStringLiteral("microphone");
    case HoldReason::Fullscreen:
        return QStringLiteral("fullscreen");
    case HoldReason::DoNotDisturb:
        return QStringLiteral("do-not-disturb");
    }
    return {};
}

QString holdReasonText(HoldReason reason)
{
    switch (reason) {
    case HoldReason::Camera:
        return QStringLiteral("camera in use");
    case HoldReason::Microphone:
        return QStringLiteral("microphone in use");
    case HoldReason::Fullscreen:
        return QStringLiteral("a fullscreen window");
    case HoldReason::DoNotDisturb:
        return QStringLiteral("do not disturb");
    }
    return {};
}

QString kindName(HistoryEvent::Kind kind)
{
    using K = HistoryEvent::Kind;
    switch (kind) {
    case K::Reminded:
        return QStringLiteral("reminded");
    case K::Snoozed:
        return QStringLiteral("snoozed");
    case K::Skipped:
        return QStringLiteral("skipped");
    case K::BreakStarted:
        return QStringLiteral("break_started");
    case K::BreakCompleted:
        return QStringLiteral("break_completed");
    case K::BreakEndedEarly:
        return QStringLiteral("break_ended_early");
    case K::NaturalBreak:
        return QStringLiteral("natural_break");
    case K::Paused:
        return QStringLiteral("paused");
    case K::Resumed:
        return QStringLiteral("resumed");
    case K::SittingSpan:
        return QStringLiteral("sitting");
    case K::Held:
        return QStringLiteral("held");
    }
    return {};
}

namespace {
struct Printer {
    QString operator()(const effect::Remind& r) const
    {
        return QStringLiteral("remind(%1%2%3snoozes=%4)")
            .arg(r.routine.isEmpty() ? QString() : r.routine + QStringLiteral(", "),
                 r.again ? QStringLiteral("again, ") : QString(),
                 r.quiet ? QStringLiteral("quiet, ") : QString())
            .arg(r.snoozesLeft);
    }
    QString operator()(const effect::CloseReminder&) const
    {
        return QStringLiteral("close_reminder");
    }
    QString operator()(const effect::OpenBreak& b) const
    {
        return b.routine.isEmpty() ? QStringLiteral("open_break")
                                   : QStringLiteral("open_break(%1)").arg(b.routine);
    }
    QString operator()(const effect::CloseBreak&) const { return QStringLiteral("close_break"); }
    QString operator()(const effect::StateChanged&) const { return QStringLiteral("state"); }
    QString operator()(const effect::Record& r) const
    {
        const HistoryEvent& e = r.event;
        QString s = QStringLiteral("record(") + kindName(e.kind);
        if (e.kind == HistoryEvent::Kind::NaturalBreak)
            s += QStringLiteral(", %1, %2s").arg(reasonName(e.reason)).arg(e.start.secsTo(e.at));
        else if (e.kind == HistoryEvent::Kind::Held)
            s += QStringLiteral(", %1, %2s").arg(holdReasonName(e.hold)).arg(e.start.secsTo(e.at));
        else if (e.kind == HistoryEvent::Kind::SittingSpan)
            s += QStringLiteral(", %1s").arg(e.start.secsTo(e.at));
        else if (e.kind == HistoryEvent::Kind::BreakCompleted ||
                 e.kind == HistoryEvent::Kind::BreakEndedEarly ||
                 e.kind == HistoryEvent::Kind::Paused)
            s += QStringLiteral(", %1s").arg(e.seconds.count());
        return s + u')';
    }
};
} // namespace

QString describe(const Effect& e)
{
    return std::visit(Printer{}, e);
}

} // namespace deskbreak::core
