#include "app/ControlHandler.h"

#include "app/ConfigService.h"
#include "app/ControlProtocol.h"
#include "app/Logging.h"
#include "app/SittingService.h"
#include "core/Duration.h"

#include <QJsonArray>
#include <QTimer>

namespace deskbreak::app {

namespace field = control::field;
using control::CommandId;

ControlHandler::ControlHandler(SittingService& sitting, ConfigService& config,
                               Presentation& presentation, Facts facts, QObject* parent)
    : QObject(parent)
    , m_sitting(sitting)
    , m_config(config)
    , m_presentation(presentation)
    , m_facts(std::move(facts))
{
}

std::optional<std::chrono::seconds> ControlHandler::seconds(const QJsonObject& request,
                                                            QString* error)
{
    const QJsonValue value = request.value(field::seconds);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    // toInteger() gives the fallback for fractions and for numbers past 64 bits.
    const qint64 n = value.isDouble() ? value.toInteger(-1) : -1;
    if (n < 1 || n > control::kMaxSeconds.count()) {
        *error = QStringLiteral("seconds must be a whole number from 1 to %1")
                     .arg(control::kMaxSeconds.count());
        return std::nullopt;
    }
    return std::chrono::seconds(n);
}

QJsonObject ControlHandler::handle(const QJsonObject& request)
{
    const QString name = request.value(field::command).toString();
    const control::Command* spec = control::findCommand(name);
    const auto unknown = [&] {
        return control::failure(QStringLiteral("unknown command \"%1\"").arg(name.left(40)));
    };
    if (!spec)
        return unknown();
    QString error;
    const auto length = seconds(request, &error);
    if (!error.isEmpty() && spec->takesDuration)
        return control::failure(error);

    QJsonObject answer;
    switch (spec->id) {
    case CommandId::Status:
        return control::reply(status());
    case CommandId::Show: { // a second launch: the user wants to see deskbreak
        const QString token = control::activationToken(request);
        if (token.isEmpty() && request.contains(QStringLiteral("activation_token")))
            logWarning(QStringLiteral("a second launch sent an activation token that is not "
                                      "one; the status window opens without it"));
        QTimer::singleShot(0, this, [this, token] { m_presentation.showStatusWindow(token); });
        return control::reply(status());
    }
    case CommandId::Break: {
        const core::Content& content = m_config.content();
        const QString asked = request.value(field::routine).toString();
        if (request.contains(field::routine) && !content.routines.contains(asked))
            return control::failure(
                QStringLiteral("no routine named \"%1\"; the routines are: %2")
                    .arg(asked.left(40), content.routines.keys().join(QStringLiteral(", "))),
                true);
        auto describe = [&](const QString& name) {
            const auto it = content.routines.constFind(name);
            return it == content.routines.cend()
                       ? name
                       : QStringLiteral("%1, %2").arg(
                             it->title, core::formatLength(content.totalDuration(*it)));
        };
        if (m_sitting.status().phase == SittingService::Phase::OnBreak) {
            m_presentation.raiseBreak();
            const QString playing = m_sitting.status().breakRoutine;
            answer.insert(field::message,
                          QStringLiteral("a break is already on%1; it is in front now")
                              .arg(playing.isEmpty()
                                       ? QString()
                                       : QStringLiteral(" (%1)").arg(describe(playing))));
            break;
        }
        const QString playing = m_presentation.startBreak(asked);
        if (playing.isEmpty())
            return control::failure(QStringLiteral("there is no routine to play"));
        answer.insert(field::message, QStringLiteral("break started: %1").arg(describe(playing)));
        break;
    }
    case CommandId::Snooze:
        if (!m_sitting.canSnooze())
            return control::failure(m_sitting.status().due
                                        ? QStringLiteral("the snooze limit is reached")
                                        : QStringLiteral("no break is due"));
        m_sitting.snooze(length);
        break;
    case CommandId::Skip:
        if (m_sitting.status().phase == SittingService::Phase::OnBreak)
            m_sitting.endBreak(false, {});
        else
            m_sitting.skip();
        break;
    case CommandId::Pause:
        if (request.value(field::untilTomorrow).toBool())
            m_sitting.pauseUntilTomorrow();
        else if (length)
            m_sitting.pause(*length);
        else
            return control::failure(QStringLiteral("pause needs a duration or --until-tomorrow"));
        break;
    case CommandId::Resume:
        m_sitting.resume();
        break;
    case CommandId::Reload:
        m_config.reload(ConfigService::Trigger::Request);
        if (!m_config.problem().isEmpty())
            answer.insert(field::warning, m_config.problem());
        else
            answer.insert(field::message, QStringLiteral("config reloaded"));
        break;
    case CommandId::Quit:
        QTimer::singleShot(0, this, &ControlHandler::quitRequested);
        return control::reply({{field::message, QStringLiteral("deskbreak is quitting")}});
    case CommandId::CheckConfig: // the command line's own: no daemon needed
    case CommandId::Routines:
    case CommandId::Routine:
    case CommandId::Exercises:
    case CommandId::Autostart:
    case CommandId::Stats:
    case CommandId::Doctor:
        return unknown();
    }
    const QJsonObject now = status();
    for (auto it = now.begin(); it != now.end(); ++it)
        answer.insert(it.key(), it.value());
    return control::reply(answer);
}

QLatin1StringView ControlHandler::stateOf(const core::SittingModel::Status& s)
{
    namespace state = control::state;
    using Phase = core::SittingModel::Phase;
    if (s.phase == Phase::OnBreak)
        return state::onBreak;
    if (s.phase == Phase::Away)
        return state::away;
    if (s.pausedUntil)
        return state::paused;
    if (s.due && !s.snoozed)
        return state::due;
    return state::sitting;
}

namespace {
QJsonArray holdNames(const QList<core::HoldReason>& holds)
{
    QJsonArray names;
    for (const core::HoldReason r : holds)
        names.append(core::holdReasonName(r));
    return names;
}
} // namespace

QJsonObject ControlHandler::status() const
{
    namespace key = control::key;
    const auto s = m_sitting.status();
    const QLatin1StringView state = stateOf(s);
    const auto utc = [](const QDateTime& t) {
        return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODate)) : QJsonValue();
    };
    const auto breakTime =
        state == control::state::onBreak ? m_presentation.breakTime() : std::nullopt;
    const auto seconds = [](std::optional<std::chrono::seconds> d) {
        return d ? QJsonValue(qint64(d->count())) : QJsonValue();
    };
    return {
        {key::state, state},
        {key::sittingSeconds, qint64(s.sitting.count())},
        {key::sittingSince, utc(s.sittingSince)},
        {key::secondsToNextBreak, qint64(s.untilReminder.count())},
        {key::nextBreakAt,
         utc(state == control::state::sitting ? m_sitting.nextReminderAt() : QDateTime())},
        {key::breakSecondsLeft, seconds(breakTime ? std::optional(breakTime->left) : std::nullopt)},
        {key::breakSeconds, seconds(breakTime ? std::optional(breakTime->total) : std::nullopt)},
        {key::overload, s.overload},
        {key::due, s.due},
        {key::reminderOpen, s.reminderOpen},
        {key::heldBy, s.heldBy ? QJsonValue(core::holdReasonName(*s.heldBy)) : QJsonValue()},
        {key::heldSince, utc(s.heldSince)},
        {key::holds, holdNames(s.holds)},
        {key::waitingForPause, s.waitingForPause},
        {key::snoozed, s.snoozed},
        {key::snoozesUsed, s.snoozesUsed},
        {key::snoozesLeft, s.snoozesLeft},
        {key::pausedUntil,
         s.pausedUntil ? QJsonValue(s.pausedUntil->toString(Qt::ISODate)) : QJsonValue()},
        {key::idleBackend, m_sitting.idleSourceName()},
        {key::sessionType, m_facts.sessionType},
        {key::notificationBackend, m_presentation.notifierName()},
        {key::trayAvailable, m_presentation.trayAvailable()},
        {key::breakWindowOpen, m_presentation.breakWindowOpen()},
        {key::routine, m_config.settings().breaks.routine},
        {key::breakRoutine, s.breakRoutine.isEmpty() ? QJsonValue() : QJsonValue(s.breakRoutine)},
        {key::intervalSeconds, qint64(m_sitting.schedule().interval.count())},
        {key::breaksToday, m_sitting.breaksToday()},
        {key::breaksEndedEarlyToday, m_sitting.breaksEndedEarlyToday()},
        {key::demo, m_facts.demo},
        {key::pid, m_facts.pid},
        {key::version, m_facts.version},
        {key::history,
         m_sitting.historyProblem().isEmpty() ? QStringLiteral("ok") : m_sitting.historyProblem()},
    };
}

} // namespace deskbreak::app
