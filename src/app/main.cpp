#include "app/AppPaths.h"
#include "app/ClientCommands.h"
#include "app/ControlProtocol.h"
#include "app/ControlServer.h"
#include "app/Daemon.h"
#include "app/Doctor.h"
#include "app/ExitCode.h"
#include "app/OfflineCommands.h"
#include "platform/InstanceLock.h"
#include "platform/System.h"
#include "platform/SystemClock.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QIcon>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <memory>
#include <optional>

using namespace deskbreak::app;

namespace {

// After the table of commands in --help.
const char* const kHelpNotes = R"(
Durations are written with a unit: 45s, 10m, 1h30m; a snooze is at most 24h, a pause
at most 168h (a week).
Exit codes: 0 ok, 1 failure, 2 usage, 3 no daemon running.)";

// The Qt platform for a program with windows: offscreen when there is no display, and
// Qt's own event dispatcher rather than GLib's (the daemon sleeps almost all the time,
// and each wake-up through GLib's main loop costs about three times the CPU, measured).
void prepareGuiPlatform(QTextStream& err, bool quiet)
{
#ifdef Q_OS_LINUX
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
        qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        if (!quiet)
            err << "deskbreak: no display; running without one (no tray, no windows on screen, "
                   "the command line works)\n";
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
#else
    Q_UNUSED(err);
    Q_UNUSED(quiet);
#endif
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
}

// The token a launcher gave this process to bring its window to the front: xdg-activation's
// on Wayland; DESKTOP_STARTUP_ID is what older launchers (and GNOME) set, and Mutter takes it.
QString launcherActivationToken()
{
    for (const char* name : {"XDG_ACTIVATION_TOKEN", "DESKTOP_STARTUP_ID"})
        if (const QString token = qEnvironmentVariable(name); !token.isEmpty())
            return token.left(control::kMaxActivationToken + 1); // the daemon refuses longer
    return {};
}

// How long `stats` waits for a running daemon to say what it counts now.
constexpr int kStretchWaitMs = 2000;

// How long a later start waits for the lock's owner to answer on its socket.
constexpr qint64 kClaimWaitMs = 10000;

// Who runs: the start that holds the instance lock. Every other start asks the owner to
// show itself (passing on the launcher's token: on Wayland only a window activated with it
// may take the focus) and leaves; the owner may still be starting, so it is asked until it
// answers (or until it ends, and this start may take over). nullopt: this start runs.
std::optional<int> claimInstance(deskbreak::platform::InstanceLock& lock, QTextStream& out,
                                 QTextStream& err)
{
    const QString path = paths::instanceLock();
    QElapsedTimer waited;
    waited.start();
    for (;;) {
        QString error;
        switch (lock.tryAcquire(path, &error)) {
        case deskbreak::platform::InstanceLock::Result::Acquired:
            return std::nullopt;
        case deskbreak::platform::InstanceLock::Result::Failed:
            err << "deskbreak: cannot start: " << error << '\n';
            return ExitCode::Failure;
        case deskbreak::platform::InstanceLock::Result::HeldByOther:
            break;
        }
        bool connected = false;
        sendControlRequest(control::showRequest(launcherActivationToken()), 2000, &connected);
        if (connected) {
            out << "deskbreak is already running; it shows its status now.\n";
            return ExitCode::Ok;
        }
        if (waited.elapsed() > kClaimWaitMs) {
            err << "deskbreak: another deskbreak (pid "
                << deskbreak::platform::InstanceLock::ownerPid(path) << ") holds " << path
                << " but does not answer on " << control::socketPath()
                << "; stop it, or wait until it has started\n";
            return ExitCode::Failure;
        }
        QThread::msleep(50);
    }
}

// The demo's private profile: config, history, state and socket in one temporary folder,
// removed when the demo ends, so nothing of the user's is read or written.
std::unique_ptr<QTemporaryDir> makeDemoProfile(QTextStream& err)
{
    auto profile = std::make_unique<QTemporaryDir>(QDir::tempPath() +
                                                   QStringLiteral("/deskbreak-demo-XXXXXX"));
    if (!profile->isValid()) {
        err << "deskbreak: cannot make the demo's temporary folder: " << profile->errorString()
            << '\n';
        return nullptr;
    }
    // The socket's folder must be private, as $XDG_RUNTIME_DIR is.
    if (!QDir().mkdir(profile->filePath(QStringLiteral("runtime")),
                      QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner)) {
        err << "deskbreak: cannot make the demo's runtime folder\n";
        return nullptr;
    }
    paths::usePrivateProfile(profile->path());
    return profile;
}

int runDaemon(int argc, char* argv[], bool demo, QTextStream& out, QTextStream& err)
{
    // Made first, removed last: the lock and the socket live in it.
    std::unique_ptr<QTemporaryDir> demoProfile;
    if (demo && !(demoProfile = makeDemoProfile(err)))
        return ExitCode::Failure;
    deskbreak::platform::InstanceLock lock; // held until the daemon ends: after app.exec() returns
    {
        QCoreApplication probe(argc, argv);
        if (const auto exitCode = claimInstance(lock, out, err))
            return *exitCode;
    }
    prepareGuiPlatform(err, false);
    QApplication app(argc, argv);
    // The daemon's own launch token (if any) has no window to go with, and later it is
    // stale: kept, Qt would spend it on some later window, or a child would inherit it.
    qunsetenv("XDG_ACTIVATION_TOKEN");
    qunsetenv("DESKTOP_STARTUP_ID");
    QApplication::setApplicationName(QStringLiteral("deskbreak"));
    QApplication::setApplicationVersion(QStringLiteral(DESKBREAK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.deskbreak.deskbreak"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("org.deskbreak.deskbreak")));
    QApplication::setQuitOnLastWindowClosed(false);
    // SIGTERM and SIGINT end the daemon through the event loop, so it shuts down cleanly.
    deskbreak::platform::onTerminationRequest(&app, [] { QCoreApplication::quit(); });
    Daemon daemon({demo});
    QString error;
    if (!daemon.start(&error)) {
        err << "deskbreak: cannot start: " << error << '\n';
        return ExitCode::Failure;
    }
    if (demo)
        out << "deskbreak demo: the first reminder comes in about 10 seconds.\n"
               "It keeps nothing: its settings, history and state are in "
            << demoProfile->path()
            << " until it ends. Quit it from the tray menu, with Ctrl+C, or with\n"
               "  DESKBREAK_PROFILE="
            << demoProfile->path() << " deskbreak quit\n";
    out.flush();
    return app.exec() == 0 ? ExitCode::Ok : ExitCode::Failure;
}

} // namespace

int main(int argc, char* argv[])
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));

    QCoreApplication::setApplicationName(QStringLiteral("deskbreak"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DESKBREAK_VERSION));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral(
            "deskbreak: reminds you to take a short stretching break after long sitting.\n\n") +
        control::helpText() + QLatin1String(kHelpNotes));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    const QCommandLineOption demo(
        QStringLiteral("demo"),
        QStringLiteral("Start a daemon whose first reminder comes in about 10 s, in a private "
                       "temporary profile removed at exit."));
    const QCommandLineOption untilTomorrow(QStringLiteral("until-tomorrow"),
                                           QStringLiteral("With pause: pause until midnight."));
    const QCommandLineOption csv(QStringLiteral("csv"), QStringLiteral("With stats: print CSV."));
    const QCommandLineOption daysOption(QStringLiteral("days"),
                                        QStringLiteral("With stats: how many days (1-366)."),
                                        QStringLiteral("N"), QStringLiteral("7"));
    const QCommandLineOption watch(
        QStringLiteral("watch"),
        QStringLiteral("With status: print a line at each change, until the daemon stops."));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("With status --watch: text (the default), "
                                                   "waybar or json."),
                                    QStringLiteral("F"));
    parser.addOptions({json, csv, daysOption, demo, untilTomorrow, watch, format});
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("What to do (see Commands)."),
                                 QStringLiteral("[command]"));
    if (!parser.parse(arguments)) {
        err << "deskbreak: " << parser.errorText() << "\nTry 'deskbreak --help'.\n";
        return ExitCode::Usage;
    }
    if (parser.isSet(help)) {
        // No application object exists yet, so Qt cannot name the program itself.
        out << parser.helpText().replace(QStringLiteral("<executable_name>"),
                                         QStringLiteral("deskbreak"));
        return ExitCode::Ok;
    }
    if (parser.isSet(version)) {
        out << "deskbreak " << QCoreApplication::applicationVersion() << '\n';
        return ExitCode::Ok;
    }

    // Every command reads or writes below the home folder; with none, nothing goes under "/".
    QString homeError;
    const QString home = paths::resolveHome(&homeError);
    if (home.isEmpty()) {
        err << "deskbreak: " << homeError << '\n';
        return ExitCode::Failure;
    }
    qputenv("HOME", QFile::encodeName(home));
    // A demo's private profile (it prints this line), for the commands that talk to it.
    if (const QString profile = qEnvironmentVariable("DESKBREAK_PROFILE"); !profile.isEmpty())
        paths::usePrivateProfile(profile);

    const QStringList args = parser.positionalArguments();
    const QString command = args.value(0);
    auto usage = [&](const QString& message) {
        err << "deskbreak: " << message << "\nTry 'deskbreak --help'.\n";
        return ExitCode::Usage;
    };
    if (command.isEmpty())
        return runDaemon(argc, argv, parser.isSet(demo), out, err);
    if (parser.isSet(demo))
        return usage(QStringLiteral("--demo starts the daemon; it takes no command"));

    const control::Command* spec = control::findCommand(command);
    if (!spec || !spec->listed)
        return usage(QStringLiteral("unknown command \"%1\"").arg(command));
    if (spec->id == control::CommandId::Doctor) {
        if (args.size() > 1)
            return usage(QStringLiteral("doctor takes no arguments"));
        prepareGuiPlatform(err, true);
        QApplication app(argc, argv);
        return doctorCommand(parser.isSet(json), out);
    }
    QCoreApplication app(argc, argv);
    if (spec->needsDaemon)
        return runClientCommand(command, args.mid(1),
                                {parser.isSet(json), parser.isSet(untilTomorrow),
                                 parser.isSet(watch), parser.value(format)},
                                deskbreak::platform::SystemClock(), out, err);
    switch (spec->id) {
    case control::CommandId::CheckConfig:
        if (args.size() > 2)
            return usage(QStringLiteral("check-config takes at most one FILE"));
        return checkConfigCommand(args.value(1), out, err);
    case control::CommandId::Routines:
        if (args.size() > 1)
            return usage(QStringLiteral("routines takes no arguments"));
        return routinesCommand(parser.isSet(json), out, err);
    case control::CommandId::Routine:
        if (args.value(1) != u"show" || args.size() != 3)
            return usage(QStringLiteral("use: deskbreak routine show NAME"));
        return routineShowCommand(args.value(2), parser.isSet(json), out, err);
    case control::CommandId::Exercises:
        if (args.size() > 1)
            return usage(QStringLiteral("exercises takes no arguments"));
        return exercisesCommand(parser.isSet(json), out, err);
    case control::CommandId::Autostart: {
        const QString action = args.value(1);
        if (args.size() != 2 ||
            !QStringList{QStringLiteral("on"), QStringLiteral("off"), QStringLiteral("status")}
                 .contains(action))
            return usage(QStringLiteral("use: deskbreak autostart on|off|status"));
        return autostartCommand(action, out, err);
    }
    case control::CommandId::Stats: {
        bool ok = false;
        const int days = parser.value(daysOption).toInt(&ok);
        if (args.size() > 1 || !ok || days < 1 || days > 366 ||
            (parser.isSet(json) && parser.isSet(csv)))
            return usage(QStringLiteral(
                "use: deskbreak stats [--days N] [--json | --csv], N from 1 to 366"));
        return statsCommand(
            days,
            parser.isSet(json)  ? StatsFormat::Json
            : parser.isSet(csv) ? StatsFormat::Csv
                                : StatsFormat::Table,
            deskbreak::platform::SystemClock().wall().date(),
            [] { return stretchInProgress(kStretchWaitMs); }, out, err);
    }
    case control::CommandId::Status:
    case control::CommandId::Show:
    case control::CommandId::Break:
    case control::CommandId::Snooze:
    case control::CommandId::Skip:
    case control::CommandId::Pause:
    case control::CommandId::Resume:
    case control::CommandId::Reload:
    case control::CommandId::Quit:
    case control::CommandId::Doctor:
        break; // handled above
    }
    return usage(QStringLiteral("unknown command \"%1\"").arg(command));
}
