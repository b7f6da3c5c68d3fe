#include "app/ClientCommands.h"

#include "app/ControlServer.h"
#include "app/ExitCode.h"
#include "core/Duration.h"
#include "core/Limits.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace deskbreak::app {

namespace {

constexpr int kTimeoutMs = 5000;

const QStringList kCommands = {QStringLiteral("status"), QStringLiteral("break"),
                               QStringLiteral("snooze"), QStringLiteral("skip"),
                               QStringLiteral("pause"),  QStringLiteral("resume"),
                               QStringLiteral("reload"), QStringLiteral("quit")};

QString describeStatus(const QJsonObject& s)
{
    using std::chrono::seconds;
    const QString state = s.value(QStringLiteral("state")).toString();
    QString text = QStringLiteral("state:         %1\n").arg(state);
    text += QStringLiteral("sitting:       %1%2\n")
                .arg(core::formatDuration(
                         seconds(s.value(QStringLiteral("sitting_seconds")).toInteger())),
                     s.value(QStringLiteral("overload")).toBool() ? QStringLiteral(" (overload)")
                                                                  : QString());
    text += QStringLiteral("next break:    %1\n")
                .arg(s.value(QStringLiteral("due")).toBool() &&
                             !s.value(QStringLiteral("snoozed")).toBool()
                         ? QStringLiteral("due now")
                         : QStringLiteral("in ") +
                               core::formatDuration(seconds(
                                   s.value(QStringLiteral("seconds_to_next_break")).toInteger())));
    const int left = s.value(QStringLiteral("snoozes_left")).toInt();
    text += QStringLiteral("snoozes left:  %1\n")
                .arg(left < 0 ? QStringLiteral("unlimited") : QString::number(left));
    if (!s.value(QStringLiteral("paused_until")).isNull())
        text += QStringLiteral("paused until:  %1\n")
                    .arg(s.value(QStringLiteral("paused_until")).toString());
    text += QStringLiteral("idle input:    %1\nnotifications: %2\ntray:          %3\n")
                .arg(s.value(QStringLiteral("idle_backend")).toString(),
                     s.value(QStringLiteral("notification_backend")).toString(),
                     s.value(QStringLiteral("tray_available")).toBool()
                         ? QStringLiteral("shown")
                         : QStringLiteral("no tray on this desktop"));
    return text;
}

} // namespace

bool isClientCommand(const QString& command)
{
    return kCommands.contains(command);
}

int runClientCommand(const QString& command, const QStringList& args, bool json, bool untilTomorrow,
                     QTextStream& out, QTextStream& err)
{
    auto usage = [&](const QString& message) {
        err << "deskbreak: " << message << "\nTry 'deskbreak --help'.\n";
        return ExitCode::Usage;
    };
    QJsonObject request{{QStringLiteral("command"), command}};
    const bool takesDuration = command == u"snooze" || command == u"pause";
    if (args.size() > (takesDuration ? 1 : 0))
        return usage(QStringLiteral("too many arguments for %1").arg(command));
    if (untilTomorrow && command != u"pause")
        return usage(QStringLiteral("--until-tomorrow goes with pause"));
    if (takesDuration && !args.isEmpty()) {
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
        request.insert(QStringLiteral("seconds"), qint64(d.value->count()));
    }
    if (command == u"pause") {
        if (untilTomorrow == !args.isEmpty())
            return usage(QStringLiteral(
                "use: deskbreak pause DURATION, or deskbreak pause --until-tomorrow"));
        request.insert(QStringLiteral("until_tomorrow"), untilTomorrow);
    }

    bool connected = false;
    const QJsonObject answer = sendControlRequest(request, kTimeoutMs, &connected);
    if (!connected) {
        err << "deskbreak: no deskbreak daemon is running (start it with `deskbreak`)\n";
        return ExitCode::NoDaemon;
    }
    if (!answer.value(QStringLiteral("ok")).toBool()) {
        err << "deskbreak: "
            << answer.value(QStringLiteral("error")).toString(QStringLiteral("no reply")) << '\n';
        return ExitCode::Failure;
    }
    if (command == u"status") {
        if (json) {
            QJsonObject status = answer;
            status.remove(QStringLiteral("ok"));
            out << QJsonDocument(status).toJson(QJsonDocument::Indented);
        } else {
            out << describeStatus(answer);
        }
    } else if (answer.contains(QStringLiteral("warning"))) {
        err << "deskbreak: " << answer.value(QStringLiteral("warning")).toString() << '\n';
        return ExitCode::Failure;
    } else if (answer.contains(QStringLiteral("message"))) {
        out << answer.value(QStringLiteral("message")).toString() << '\n';
    }
    return ExitCode::Ok;
}

} // namespace deskbreak::app
