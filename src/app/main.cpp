#include "app/AppPaths.h"
#include "app/ClientCommands.h"
#include "app/ControlProtocol.h"
#include "app/ControlServer.h"
#include "app/Daemon.h"
#include "app/Doctor.h"
#include "app/ExitCode.h"
#include "app/InstanceLock.h"
#include "app/OfflineCommands.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QIcon>
#include <QJsonObject>
#include <QSocketNotifier>
#include <QTextStream>
#include <QThread>
#include <csignal>
#include <memory>
#include <optional>
#ifdef Q_OS_UNIX
#include <sys/socket.h>
#include <unistd.h>
#endif

using namespace deskbreak::app;

namespace {

// How long a later start waits for the lock's owner to answer on its socket.
constexpr qint64 kClaimWaitMs = 10000;

const char* const kCommands = R"(Commands:
  (none)                         start the daemon in the tray (a second start shows the first)
  status [--json]                what the daemon sees: sitting time, next break, backends
  break                          start a break now
  snooze [DURATION]              put off the due break (default: the configured snooze)
  skip                           skip the due (or next) break
  pause DURATION | --until-tomorrow
  resume                         end a pause
  reload                         re-read the config file
  quit                           stop the daemon
  check-config [FILE]            check a config file; every problem as FILE:LINE:COLUMN
  routines [--json]              list the break routines
  routine show NAME [--json]     show a routine step by step
  autostart on|off|status        start deskbreak when you log in, or not
  stats [--days N] [--json | --csv]
                                 your sitting and breaks per day (default: 7 days)
  doctor [--json]                what this desktop offers: idle time, lock, sleep, tray,
                                 notifications, autostart, and why a backend was passed over

Durations are written with a unit: 45s, 10m, 1h30m; a snooze is at most 24h, a pause
at most 168h (a week).
Exit codes: 0 ok, 1 failure, 2 usage, 3 no daemon running.)";

#ifdef Q_OS_UNIX
int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalPipe[1], &byte, 1);
}

// SIGTERM and SIGINT end the daemon through the event loop, so it shuts down cleanly.
void quitOnSignals()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0)
        return;
    auto* notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, qApp);
    QObject::connect(notifier, &QSocketNotifier::activated, qApp, [] { QCoreApplication::quit(); });
    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);
}
#else
void quitOnSignals() {} // Windows ends a GUI program through its window messages instead
#endif

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

// Who runs: the start that holds the instance lock. Every other start asks the owner to
// show itself and leaves; the owner may still be starting, so it is asked until it
// answers (or until it ends, and this start may take over). nullopt: this start runs.
std::optional<int> claimInstance(InstanceLock& lock, QTextStream& out, QTextStream& err)
{
    const QString path = paths::instanceLock();
    QElapsedTimer waited;
    waited.start();
    for (;;) {
        QString error;
        switch (lock.tryAcquire(path, &error)) {
        case InstanceLock::Result::Acquired:
            return std::nullopt;
        case InstanceLock::Result::Failed:
            err << "deskbreak: cannot start: " << error << '\n';
            return ExitCode::Failure;
        case InstanceLock::Result::HeldByOther:
            break;
        }
        bool connected = false;
        sendControlRequest({{QStringLiteral("command"), QStringLiteral("show")}}, 2000, &connected);
        if (connected) {
            out << "deskbreak is already running; it shows its status now.\n";
            return ExitCode::Ok;
        }
        if (waited.elapsed() > kClaimWaitMs) {
            err << "deskbreak: another deskbreak (pid " << InstanceLock::ownerPid(path)
                << ") holds " << path << " but does not answer on " << control::socketPath()
                << "; stop it, or wait until it has started\n";
            return ExitCode::Failure;
        }
        QThread::msleep(50);
    }
}

int runDaemon(int argc, char* argv[], bool demo, QTextStream& out, QTextStream& err)
{
    InstanceLock lock; // held until the daemon ends: after app.exec() returns
    {
        QCoreApplication probe(argc, argv);
        if (const auto exitCode = claimInstance(lock, out, err))
            return *exitCode;
    }
    prepareGuiPlatform(err, false);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("deskbreak"));
    QApplication::setApplicationVersion(QStringLiteral(DESKBREAK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.deskbreak.deskbreak"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("org.deskbreak.deskbreak")));
    QApplication::setQuitOnLastWindowClosed(false);
    quitOnSignals();
    Daemon daemon({demo});
    QString error;
    if (!daemon.start(&error)) {
        err << "deskbreak: cannot start: " << error << '\n';
        return ExitCode::Failure;
    }
    if (demo)
        out << "deskbreak demo: the first reminder comes in about 10 seconds. "
               "`deskbreak quit` ends it.\n";
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
        QLatin1String(kCommands));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    const QCommandLineOption demo(
        QStringLiteral("demo"),
        QStringLiteral("Start a daemon whose first reminder comes in about 10 s."));
    const QCommandLineOption untilTomorrow(QStringLiteral("until-tomorrow"),
                                           QStringLiteral("With pause: pause until midnight."));
    const QCommandLineOption csv(QStringLiteral("csv"), QStringLiteral("With stats: print CSV."));
    const QCommandLineOption daysOption(QStringLiteral("days"),
                                        QStringLiteral("With stats: how many days (1-366)."),
                                        QStringLiteral("N"), QStringLiteral("7"));
    parser.addOptions({json, csv, daysOption, demo, untilTomorrow});
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

    if (command == u"doctor") {
        if (args.size() > 1)
            return usage(QStringLiteral("doctor takes no arguments"));
        prepareGuiPlatform(err, true);
        QApplication app(argc, argv);
        return doctorCommand(parser.isSet(json), out);
    }
    QCoreApplication app(argc, argv);
    if (isClientCommand(command))
        return runClientCommand(command, args.mid(1), parser.isSet(json),
                                parser.isSet(untilTomorrow), out, err);
    if (command == u"check-config") {
        if (args.size() > 2)
            return usage(QStringLiteral("check-config takes at most one FILE"));
        return checkConfigCommand(args.value(1), out, err);
    }
    if (command == u"routines") {
        if (args.size() > 1)
            return usage(QStringLiteral("routines takes no arguments"));
        return routinesCommand(parser.isSet(json), out, err);
    }
    if (command == u"routine") {
        if (args.value(1) != u"show" || args.size() != 3)
            return usage(QStringLiteral("use: deskbreak routine show NAME"));
        return routineShowCommand(args.value(2), parser.isSet(json), out, err);
    }
    if (command == u"autostart") {
        const QString action = args.value(1);
        if (args.size() != 2 ||
            !QStringList{QStringLiteral("on"), QStringLiteral("off"), QStringLiteral("status")}
                 .contains(action))
            return usage(QStringLiteral("use: deskbreak autostart on|off|status"));
        return autostartCommand(action, out, err);
    }
    if (command == u"stats") {
        bool ok = false;
        const int days = parser.value(daysOption).toInt(&ok);
        if (args.size() > 1 || !ok || days < 1 || days > 366 ||
            (parser.isSet(json) && parser.isSet(csv)))
            return usage(QStringLiteral(
                "use: deskbreak stats [--days N] [--json | --csv], N from 1 to 366"));
        return statsCommand(days,
                            parser.isSet(json)  ? StatsFormat::Json
                            : parser.isSet(csv) ? StatsFormat::Csv
                                                : StatsFormat::Table,
                            out, err);
    }
    return usage(QStringLiteral("unknown command \"%1\"").arg(command));
}
