#include "app/ClientCommands.h"

#include "app/ControlProtocol.h"
#include "app/ControlServer.h"
#include "app/ExitCode.h"
#include "core/Duration.h"
#include "core/Limits.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace deskbreak::app {

namespace {

constexpr int kTimeoutMs = 5000;

QString describeStatus(const QJsonObject& s)
{
    namespace key = control::key;
    using std::chrono::seconds;
    const QString state = s.value(key::state).toString();
    QString text = QStringLiteral("state:         %1\n").arg(state);
    if (s.value(key::breakRoutine).isString())
        text += QStringLiteral("routine:       %1\n").arg(s.value(key::breakRoutine).toString());
    text += QStringLiteral("sitting:       %1%2\n")
                .arg(core::formatDuration(seconds(s.value(key::sittingSeconds).toInteger())),
                     s.value(key::overload).toBool() ? QStringLiteral(" (overload)") : QString());
    text +=
        QStringLiteral("next break:    %1\n")
            .arg(s.value(key::due).toBool() && !s.value(key::snoozed).toBool()
                     ? QStringLiteral("due now")
                     : QStringLiteral("in ") + core::formatDuration(seconds(
                                                   s.value(key::secondsToNextBreak).toInteger())));
    const int early = s.value(key::breaksEndedEarlyToday).toInt();
    text += QStringLiteral("breaks today:  %1%2\n")
                .arg(s.value(key::breaksToday).toInt())
                .arg(early > 0 ? QStringLiteral(" (and %1 ended early)").arg(early) : QString());
    const int left = s.value(key::snoozesLeft).toInt();
    text += QStringLiteral("snoozes left:  %1\n")
                .arg(left < 0 ? QStringLiteral("unlimited") : QString::number(left));
    if (!s.value(key::pausedUntil).isNull())
        text += QStringLiteral("paused until:  %1\n").arg(s.value(key::pausedUntil).toString());
    text +=
        QStringLiteral("idle input:    %1\nnotifications: %2\ntray:          %3\n")
            .arg(s.value(key::idleBackend).toString(), s.value(key::notificationBackend).toString(),
                 s.value(key::trayAvailable).toBool() ? QStringLiteral("shown")
                                                      : QStringLiteral("no tray on this desktop"));
    return text;
}

} // namespace

bool isClientCommand(const QString& command)
{
    const control::Command* c = control::findCommand(command);
    return c && c->needsDaemon && c->listed;
}

int runClientCommand(const QString& command, const QStringList& args, bool json, bool untilTomorrow,
                     QTextStream& out, QTextStream& err)
{
    auto usage = [&](const QString& message) {
        err << "deskbreak: " << message << "\nTry 'deskbreak --help'.\n";
        return ExitCode::Usage;
    };
    using control::CommandId;
    namespace field = control::field;
    const control::Command* spec = control::findCommand(command);
    if (!spec || !spec->needsDaemon)
        return usage(QStringLiteral("unknown command \"%1\"").arg(command));
    const CommandId id = spec->id;
    QJsonObject request{{field::command, command}};
    if (args.size() > (spec->takesDuration || id == CommandId::Break ? 1 : 0))
        return usage(QStringLiteral("too many arguments for %1").arg(command));
    if (id == CommandId::Break && !args.isEmpty())
        request.insert(field::routine, args[0]);
    if (untilTomorrow && id != CommandId::Pause)
        return usage(QStringLiteral("--until-tomorrow goes with pause"));
    if (spec->takesDuration && !args.isEmpty()) {
        const auto d = core::parseDuration(args[0]);
        if (!d.value || d.value->count() <= 0)
            return usage(QStringLiteral("%1: %2").arg(
                command, d.value ? QStringLiteral("the duration must be above 0") : d.error));
        const auto max = command == u"snooze" ? core::limits::kMaxSnooze : core::limits::kMaxPause;
        if (*d.value > max)
            return usage(QStringLiteral("%1: at most %2 (%3)")
                             .arg(command, core::formatConfigDuration(max),
                                  command == u"snooze" ? QStringLiteral("a day")
                                                       : QStringLiteral("a week")));
        request.insert(field::seconds, qint64(d.value->count()));
    }
    if (id == CommandId::Pause) {
        if (untilTomorrow == !args.isEmpty())
            return usage(QStringLiteral(
                "use: deskbreak pause DURATION, or deskbreak pause --until-tomorrow"));
        request.insert(field::untilTomorrow, untilTomorrow);
    }

    bool connected = false;
    const QJsonObject answer = sendControlRequest(request, kTimeoutMs, &connected);
    if (!connected) {
        err << "deskbreak: no deskbreak daemon is running (start it with `deskbreak`)\n";
        return ExitCode::NoDaemon;
    }
    if (!answer.value(field::ok).toBool()) {
        err << "deskbreak: " << answer.value(field::error).toString(QStringLiteral("no reply"))
            << '\n';
        return answer.value(field::usage).toBool() ? ExitCode::Usage : ExitCode::Failure;
    }
    if (id == CommandId::Status) {
        if (json) {
            QJsonObject status = answer;
            status.remove(field::ok);
            out << QJsonDocument(status).toJson(QJsonDocument::Indented);
        } else {
            out << describeStatus(answer);
        }
    } else if (answer.contains(field::warning)) {
        err << "deskbreak: " << answer.value(field::warning).toString() << '\n';
        return ExitCode::Failure;
    } else if (answer.contains(field::message)) {
        out << answer.value(field::message).toString() << '\n';
    }
    return ExitCode::Ok;
}

} // namespace deskbreak::app
