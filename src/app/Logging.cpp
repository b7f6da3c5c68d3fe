#include "app/Logging.h"

#include "platform/System.h"

#include <QDir>
#include <cstdio>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace deskbreak::app {

namespace {
std::shared_ptr<spdlog::logger> g_log;

spdlog::level::level_enum parseLevel(const QString& level)
{
    return spdlog::level::from_str(level.toStdString());
}

void qtMessage(QtMsgType type, const QMessageLogContext&, const QString& message)
{
    switch (type) {
    case QtDebugMsg:
        logDebug(message);
        break;
    case QtInfoMsg:
        logInfo(message);
        break;
    case QtWarningMsg:
        logWarning(message);
        break;
    case QtCriticalMsg:
    case QtFatalMsg:
        logError(message);
        break;
    }
}

void log(spdlog::level::level_enum level, const QString& message)
{
    if (g_log)
        g_log->log(level, message.toStdString());
    else
        std::fprintf(stderr, "%s\n", qPrintable(message));
}
} // namespace

void startLogging(const QString& stateDir, const QString& level)
{
    std::vector<spdlog::sink_ptr> sinks;
    QDir().mkpath(stateDir);
    try {
        sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
            QDir(stateDir).filePath(QStringLiteral("deskbreak.log")).toStdString(), 1024 * 1024,
            3));
    } catch (const spdlog::spdlog_ex& e) {
        std::fprintf(stderr, "deskbreak: cannot open the log file: %s\n", e.what());
    }
    if (platform::stderrIsTerminal())
        sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
    g_log = std::make_shared<spdlog::logger>("deskbreak", sinks.begin(), sinks.end());
    g_log->set_pattern("%Y-%m-%d %H:%M:%S.%e %L %v");
    g_log->set_level(parseLevel(level));
    // Every line is on disk before the next event: a kill -9 loses no acknowledged line.
    g_log->flush_on(spdlog::level::trace);
    qInstallMessageHandler(qtMessage);
}

void setLogLevel(const QString& level)
{
    if (g_log)
        g_log->set_level(parseLevel(level));
}

void stopLogging()
{
    qInstallMessageHandler(nullptr);
    if (g_log)
        g_log->flush();
    g_log.reset();
}

void logInfo(const QString& message)
{
    log(spdlog::level::info, message);
}
void logWarning(const QString& message)
{
    log(spdlog::level::warn, message);
}
void logError(const QString& message)
{
    log(spdlog::level::err, message);
}
void logDebug(const QString& message)
{
    log(spdlog::level::debug, message);
}

} // namespace deskbreak::app
