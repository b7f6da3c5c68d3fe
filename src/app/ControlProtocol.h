#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QLatin1StringView>
#include <QString>
#include <array>
#include <chrono>
#include <span>

namespace deskbreak::app {

// The control socket speaks one JSON object per line each way: a request
// {"command": "...", ...} and a reply {"ok": true, ...} or {"ok": false, "error": "..."}.
namespace control {

constexpr qsizetype kMaxMessage = 4096; // bytes, newline included
// Longest activation token passed on (xdg-activation tokens and startup ids are far shorter).
constexpr qsizetype kMaxActivationToken = 256;
constexpr qsizetype kMaxRoutineName = 200;
// How many `status --watch` clients the daemon keeps at once; one more is refused.
constexpr int kMaxWatchers = 16;
// A watcher that reads nothing is dropped once this much waits unsent to it.
constexpr qint64 kMaxWatcherBacklog = qint64(64) * 1024;

// Every command of deskbreak, defined once: the command line's parser and --help, the
// daemon's control handler, the bash completion (a test checks it against this table)
// and the tests read it from here. A new id must be handled wherever commands are switched
// on, or the build fails (-Werror=switch).
enum class CommandId {
    Status,
    Show,
    Break,
    Snooze,
    Skip,
    Pause,
    Resume,
    Reload,
    Quit,
    CheckConfig,
    Routines,
    Routine,
    Exercises,
    Autostart,
    Stats,
    Doctor,
};

struct Command {
    CommandId id;
    const char* name;
    bool needsDaemon;    // sent to the running daemon over the socket
    bool listed;         // in --help and the completion ("show" is what a second start sends)
    bool takesDuration;  // an optional DURATION argument, sent as "seconds"
    const char* usage;   // what follows the name in --help, e.g. "[DURATION]"
    const char* help;    // what it does; a '\n' continues it on the next line
    const char* options; // the options it takes, space-separated, e.g. "--json"
    const char* words;   // the fixed words it takes, space-separated, e.g. "on off status"
};

std::span<const Command> commands();
// nullptr when there is no such command.
const Command* findCommand(QStringView name);
const Command& command(CommandId id);
QString name(CommandId id);
// The "Commands:" block of --help, one line (or two) per listed command.
QString helpText();

// A duration sent in a request ("seconds"): whole seconds in [1, kMaxSeconds], so that no
// arithmetic on it can overflow (the model works in milliseconds).
constexpr std::chrono::seconds kMaxSeconds = std::chrono::days(366);

// The fields of requests and replies.
namespace field {
constexpr QLatin1StringView command("command");
constexpr QLatin1StringView seconds("seconds");
constexpr QLatin1StringView untilTomorrow("until_tomorrow");
constexpr QLatin1StringView routine("routine"); // break: the routine to play
// status: keep the connection and push a status object on each change (`status --watch`).
constexpr QLatin1StringView watch("watch");
constexpr QLatin1StringView usage("usage"); // a failure: true when the request was misused
constexpr QLatin1StringView ok("ok");
constexpr QLatin1StringView error("error");
constexpr QLatin1StringView message("message");
constexpr QLatin1StringView warning("warning");
} // namespace field

// The states a status reports ("state"), defined once, in the order of precedence: a break
// going on, then away, then a pause, then a break that is due (its reminder shown or held
// back, not snoozed), else sitting.
namespace state {
constexpr QLatin1StringView onBreak("break");
constexpr QLatin1StringView away("away");
constexpr QLatin1StringView paused("paused");
constexpr QLatin1StringView due("due");
constexpr QLatin1StringView sitting("sitting");
} // namespace state
inline constexpr std::array kStates = {state::onBreak, state::away, state::paused, state::due,
                                       state::sitting};
// How a person reads a state: "on break", "break due", ...
QString stateLabel(const QString& state);

// The formats of `status --watch --format F`, the first the default.
inline constexpr std::array kWatchFormats = {QLatin1StringView("text"), QLatin1StringView("waybar"),
                                             QLatin1StringView("json")};

// The fields of a status reply (`deskbreak status --json`), defined once: the daemon fills
// each, the client reads them, tests check a reply (and the e2e scripts) against kStatusKeys.
namespace key {
constexpr QLatin1StringView state("state"); // one of kStates
constexpr QLatin1StringView sittingSeconds("sitting_seconds");
// When the stretch counted in sitting_seconds began (ISO, UTC); null while away. On a break
// it ended where the break began: sitting_since + sitting_seconds.
constexpr QLatin1StringView sittingSince("sitting_since");
constexpr QLatin1StringView secondsToNextBreak("seconds_to_next_break");
// When the next reminder comes (ISO, UTC), by the wall clock; null on a break, away, paused.
constexpr QLatin1StringView nextBreakAt("next_break_at");
// On a break: the routine time left (pauses in the break window stop it); null otherwise,
// or while no break window plays it.
constexpr QLatin1StringView breakSecondsLeft("break_seconds_left");
constexpr QLatin1StringView breakSeconds("break_seconds"); // on a break: the routine's length
constexpr QLatin1StringView overload("overload");
constexpr QLatin1StringView due("due");
constexpr QLatin1StringView reminderOpen("reminder_open");
// [moment]: what the due reminder waits for ("camera", "microphone", "fullscreen",
// "do-not-disturb"; null when nothing holds it), since when (ISO, UTC), every hold seen now
// (only looked for while a reminder is wanted), and whether it waits for a pause in typing.
constexpr QLatin1StringView heldBy("held_by");
constexpr QLatin1StringView heldSince("held_since");
constexpr QLatin1StringView holds("holds");
constexpr QLatin1StringView waitingForPause("waiting_for_pause");
constexpr QLatin1StringView snoozed("snoozed");
constexpr QLatin1StringView snoozesUsed("snoozes_used");
constexpr QLatin1StringView snoozesLeft("snoozes_left"); // -1 = unlimited
constexpr QLatin1StringView pausedUntil("paused_until"); // ISO date and time, or null
constexpr QLatin1StringView idleBackend("idle_backend");
constexpr QLatin1StringView sessionType("session_type");
constexpr QLatin1StringView notificationBackend("notification_backend");
constexpr QLatin1StringView trayAvailable("tray_available");
constexpr QLatin1StringView breakWindowOpen("break_window_open");
constexpr QLatin1StringView routine("routine");            // the configured one, or "rotate"
constexpr QLatin1StringView breakRoutine("break_routine"); // the one playing now, or null
constexpr QLatin1StringView intervalSeconds("interval_seconds");
constexpr QLatin1StringView breaksToday("breaks_today");                       // completed ones
constexpr QLatin1StringView breaksEndedEarlyToday("breaks_ended_early_today"); // too short
constexpr QLatin1StringView demo("demo");
constexpr QLatin1StringView pid("pid");
constexpr QLatin1StringView version("version");
constexpr QLatin1StringView history("history"); // "ok", or why it cannot be written now
} // namespace key
inline constexpr std::array kStatusKeys = {
    key::state,
    key::sittingSeconds,
    key::sittingSince,
    key::secondsToNextBreak,
    key::nextBreakAt,
    key::breakSecondsLeft,
    key::breakSeconds,
    key::overload,
    key::due,
    key::reminderOpen,
    key::heldBy,
    key::heldSince,
    key::holds,
    key::waitingForPause,
    key::snoozed,
    key::snoozesUsed,
    key::snoozesLeft,
    key::pausedUntil,
    key::idleBackend,
    key::sessionType,
    key::notificationBackend,
    key::trayAvailable,
    key::breakWindowOpen,
    key::routine,
    key::breakRoutine,
    key::intervalSeconds,
    key::breaksToday,
    key::breaksEndedEarlyToday,
    key::demo,
    key::pid,
    key::version,
    key::history,
};

QString socketPath();
QByteArray encode(const QJsonObject& message);
// nullopt-like: an empty object and `error` set when the line is not one JSON object.
QJsonObject decode(const QByteArray& line, QString* error);

// Checks what a request asks for before anything acts on it: "command" is a string;
// snooze's "seconds", if given, a whole number from 1 to core::limits::kMaxSnooze (a day);
// pause has either "until_tomorrow": true or "seconds" from 1 to kMaxPause (a week); break's
// "routine", if given, a name of at most kMaxRoutineName characters; "watch", if given,
// true or false and only with status.
// False with the reason to send back.
bool validateRequest(const QJsonObject& request, QString* error);

QJsonObject reply(const QJsonObject& fields = {});
// `usage`: the request was misused (e.g. no such routine): the command line exits 2.
QJsonObject failure(const QString& error, bool usage = false);

// The "show" request of a second launch, with the activation token its launcher gave it
// (none when empty), so that the compositor lets the daemon's window take the focus.
QJsonObject showRequest(const QString& activationToken);
// A request's "activation_token" when it looks like one (1 to kMaxActivationToken
// printable ASCII characters), else empty: it comes from outside, and goes to the compositor.
QString activationToken(const QJsonObject& request);

} // namespace control
} // namespace deskbreak::app
