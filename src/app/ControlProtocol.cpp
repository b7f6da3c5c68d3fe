#include "app/ControlProtocol.h"

#include "app/AppPaths.h"
#include "core/Duration.h"
#include "core/Limits.h"

#include <QJsonDocument>
#include <cmath>

namespace deskbreak::app::control {

namespace {

using enum CommandId;

// name, needs the daemon, listed, takes a duration, usage, help, options, words
constexpr std::array<Command, 16> kCommands = {{
    {Status, "status", true, true, false, "[--json | --watch [--format F]]",
     "what the daemon sees: state, sitting time, next break,\n"
     "backends; --watch: a line at each change, for panel bars\n"
     "(F: text, waybar or json)",
     "--json --watch --format", ""},
    {Show, "show", true, false, false, "", "show the status window (a second start sends it)", "",
     ""},
    {Break, "break", true, true, false, "[ROUTINE]",
     "start a break now: ROUTINE, or the one due (else the configured one)", "", ""},
    {Snooze, "snooze", true, true, true, "[DURATION]",
     "put off the due break (default: the configured snooze)", "", ""},
    {Skip, "skip", true, true, false, "", "skip the due (or next) break", "", ""},
    {Pause, "pause", true, true, true, "DURATION | --until-tomorrow",
     "no reminders for that long, or until midnight", "--until-tomorrow", ""},
    {Resume, "resume", true, true, false, "", "end a pause", "", ""},
    {Reload, "reload", true, true, false, "", "re-read the config file", "", ""},
    {Quit, "quit", true, true, false, "", "stop the daemon", "", ""},
    {CheckConfig, "check-config", false, true, false, "[FILE]",
     "check a config file; every problem as FILE:LINE:COLUMN", "", ""},
    {Routines, "routines", false, true, false, "[--json]", "list the break routines", "--json", ""},
    {Routine, "routine", false, true, false, "show NAME [--json]",
     "show a routine step by step, with each exercise's tip\nand cautions", "--json", "show"},
    {Exercises, "exercises", false, true, false, "[--json]",
     "list every exercise: region, position, sides, hold or reps,\n"
     "and the routines that use it",
     "--json", ""},
    {Autostart, "autostart", false, true, false, "on|off|status",
     "start deskbreak when you log in, or not", "", "on off status"},
    {Stats, "stats", false, true, false, "[--days N] [--json | --csv]",
     "your sitting and breaks per day (default: 7 days)", "--days --json --csv", ""},
    {Doctor, "doctor", false, true, false, "[--json]",
     "what this desktop offers: idle time, lock, sleep, tray,\n"
     "notifications, autostart, and why a backend was passed over",
     "--json", ""},
}};

constexpr int kHelpColumn = 33; // where the help text starts

} // namespace

std::span<const Command> commands()
{
    return kCommands;
}

const Command* findCommand(QStringView name)
{
    for (const Command& c : kCommands)
        if (name == QLatin1StringView(c.name))
            return &c;
    return nullptr;
}

const Command& command(CommandId id)
{
    for (const Command& c : kCommands)
        if (c.id == id)
            return c;
    Q_UNREACHABLE(); // every id has its row: the table test checks it
}

QString name(CommandId id)
{
    return QString::fromLatin1(command(id).name);
}

QString helpText()
{
    auto entry = [](const QString& left, const QString& help) {
        QString text = QStringLiteral("  ") + left;
        const QStringList lines = help.split(u'\n');
        if (text.size() < kHelpColumn)
            text = text.leftJustified(kHelpColumn) + lines.first();
        else
            text += u'\n' + QString(kHelpColumn, u' ') + lines.first();
        for (const QString& more : lines.mid(1))
            text += u'\n' + QString(kHelpColumn, u' ') + more;
        return text + u'\n';
    };
    QString text = QStringLiteral("Commands:\n");
    text += entry(QStringLiteral("(none)"),
                  QStringLiteral("start the daemon in the tray (a second start shows the first)"));
    for (const Command& c : kCommands) {
        if (!c.listed)
            continue;
        QString left = QString::fromLatin1(c.name);
        if (*c.usage)
            left += u' ' + QString::fromLatin1(c.usage);
        text += entry(left, QString::fromLatin1(c.help));
    }
    return text;
}

QString stateLabel(const QString& name)
{
    if (name == state::onBreak)
        return QStringLiteral("on break");
    if (name == state::due)
        return QStringLiteral("break due");
    return name;
}

QString socketPath()
{
    return paths::runtimeDir() + QStringLiteral("/deskbreak.socket");
}

QByteArray encode(const QJsonObject& message)
{
    return QJsonDocument(message).toJson(QJsonDocument::Compact) + '\n';
}

QJsonObject decode(const QByteArray& line, QString* error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QStringLiteral("not a JSON object");
        return {};
    }
    return doc.object();
}

namespace {

// A whole number of seconds in [1, max]; checked as a double, as JSON numbers are.
bool checkSeconds(const QJsonValue& v, const QString& command, std::chrono::seconds max,
                  QString* error)
{
    const double d = v.isDouble() ? v.toDouble() : 0;
    if (v.isDouble() && d >= 1 && d <= double(max.count()) && d == std::floor(d))
        return true;
    *error = QStringLiteral("%1: \"seconds\" must be a whole number from 1 to %2 (%3)")
                 .arg(command)
                 .arg(max.count())
                 .arg(core::formatDuration(max));
    return false;
}

} // namespace

bool validateRequest(const QJsonObject& request, QString* error)
{
    const QJsonValue command = request.value(QStringLiteral("command"));
    if (!command.isString()) {
        *error = QStringLiteral("a request needs a \"command\" string");
        return false;
    }
    const QJsonValue seconds = request.value(QStringLiteral("seconds"));
    const QJsonValue watch = request.value(field::watch);
    if (!watch.isUndefined() && (!watch.isBool() || command.toString() != u"status")) {
        *error = QStringLiteral("\"watch\" is true or false, and goes with status only");
        return false;
    }
    if (command.toString() == u"break") {
        const QJsonValue routine = request.value(field::routine);
        if (routine.isUndefined() ||
            (routine.isString() && routine.toString().size() <= kMaxRoutineName))
            return true;
        *error = QStringLiteral("break: \"routine\" must be a name of at most %1 characters")
                     .arg(kMaxRoutineName);
        return false;
    }
    if (command.toString() == u"snooze")
        return seconds.isUndefined() ||
               checkSeconds(seconds, command.toString(), core::limits::kMaxSnooze, error);
    if (command.toString() == u"pause") {
        const QJsonValue untilTomorrow = request.value(QStringLiteral("until_tomorrow"));
        if (!untilTomorrow.isUndefined() && !untilTomorrow.isBool()) {
            *error = QStringLiteral("pause: \"until_tomorrow\" must be true or false");
            return false;
        }
        if (untilTomorrow.toBool()) {
            if (seconds.isUndefined())
                return true;
            *error = QStringLiteral("pause: give \"seconds\" or \"until_tomorrow\", not both");
            return false;
        }
        if (seconds.isUndefined()) {
            *error = QStringLiteral("pause needs \"seconds\" or \"until_tomorrow\"");
            return false;
        }
        return checkSeconds(seconds, command.toString(), core::limits::kMaxPause, error);
    }
    return true;
}

QJsonObject reply(const QJsonObject& fields)
{
    QJsonObject o = fields;
    o.insert(field::ok, true);
    return o;
}

QJsonObject failure(const QString& error, bool usage)
{
    QJsonObject o{{field::ok, false}, {field::error, error}};
    if (usage)
        o.insert(field::usage, true);
    return o;
}

QJsonObject showRequest(const QString& activationToken)
{
    QJsonObject request{{QStringLiteral("command"), QStringLiteral("show")}};
    if (!activationToken.isEmpty())
        request.insert(QStringLiteral("activation_token"), activationToken);
    return request;
}

QString activationToken(const QJsonObject& request)
{
    QString token = request.value(QStringLiteral("activation_token")).toString();
    if (token.size() > kMaxActivationToken)
        return {};
    for (const QChar c : token)
        if (c.unicode() < 0x21 || c.unicode() > 0x7e)
            return {};
    return token;
}

} // namespace deskbreak::app::control
