#include "app/ClientCommands.h"

#include "app/ControlProtocol.h"
#include "app/ControlServer.h"
#include "app/ExitCode.h"
#include "app/StatusFormat.h"
#include "core/Duration.h"
#include "core/Limits.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace deskbreak::app {

namespace {

constexpr int kTimeoutMs = 5000;

} // namespace

bool isClientCommand(const QString& command)
{
    const control::Command* c = control::findCommand(command);
    return c && c->needsDaemon && c->listed;
}

namespace {

// `status --watch`: the daemon's reply, then a line at each change it pushes, each printed
// at once (a panel reads them as they come). Ends when the daemon goes.
int watchStatus(const QJsonObject& request, const QString& format, const core::Clock& clock,
                QTextStream& out, QTextStream& err)
{
    namespace field = control::field;
    QString refused;
    QString last;
    int lines = 0;
    bool connected = false;
    watchControlStatus(
        request,
        [&](const QJsonObject& status) {
            if (!status.value(field::ok).toBool()) {
                refused = status.value(field::error).toString(QStringLiteral("no reply"));
                return false;
            }
            // The daemon sends what changed; a text or waybar line may still read the same.
            const QString text = statusformat::render(format, status, clock.wall());
            if (lines > 0 && text == last && format != u"json")
                return true;
            out << text << '\n';
            out.flush();
            last = text;
            ++lines;
            return true;
        },
        kTimeoutMs, &connected);
    if (!refused.isEmpty()) {
        err << "deskbreak: " << refused << '\n';
        return ExitCode::Failure;
    }
    // Gone (or never there): the panel is told, so it shows no stale state.
    if (const auto gone = statusformat::stopped(format)) {
        out << *gone << '\n';
        out.flush();
    }
    err << (connected && lines > 0 ? "deskbreak: the daemon stopped; the watch ends\n"
                                   : "deskbreak: no deskbreak daemon is running (start it "
                                     "with `deskbreak`)\n");
    return ExitCode::NoDaemon;
}

} // namespace

std::optional<core::HistoryEvent> stretchInProgress(int timeoutMs)
{
    namespace key = control::key;
    bool connected = false;
    const QJsonObject status =
        sendControlRequest({{control::field::command, control::name(control::CommandId::Status)}},
                           timeoutMs, &connected);
    const QDateTime since =
        QDateTime::fromString(status.value(key::sittingSince).toString(), Qt::ISODate);
    const qint64 sitting = status.value(key::sittingSeconds).toInteger();
    if (!connected || !status.value(control::field::ok).toBool() || !since.isValid() ||
        sitting <= 0)
        return std::nullopt;
    return core::HistoryEvent{core::HistoryEvent::Kind::SittingSpan, since.addSecs(sitting), since};
}

int runClientCommand(const QString& command, const QStringList& args, const ClientOptions& options,
                     const core::Clock& clock, QTextStream& out, QTextStream& err)
{
    const bool json = options.json;
    const bool untilTomorrow = options.untilTomorrow;
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
    if (options.watch && id != CommandId::Status)
        return usage(QStringLiteral("--watch goes with status"));
    if (!options.format.isEmpty() && !options.watch)
        return usage(QStringLiteral("--format goes with status --watch"));
    if (options.watch && json)
        return usage(QStringLiteral("use --watch --format json for a JSON line at each change"));
    const QString format =
        options.format.isEmpty() ? QString(control::kWatchFormats[0]) : options.format;
    if (std::find(control::kWatchFormats.begin(), control::kWatchFormats.end(), format) ==
        control::kWatchFormats.end())
        return usage(QStringLiteral("--format is one of: text, waybar, json"));
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

    if (options.watch) {
        request.insert(field::watch, true);
        return watchStatus(request, format, clock, out, err);
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
            out << statusformat::describe(answer, clock.wall());
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
