#include "app/ConfigService.h"

#include "app/ConfigWatcher.h"
#include "app/Logging.h"
#include "core/ConfigParser.h"
#include "core/ConfigSchema.h"
#include "core/ContentLoader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace deskbreak::app {

using namespace std::chrono_literals;

ConfigService::ConfigService(Paths paths, bool demo, QObject* parent)
    : QObject(parent)
    , m_paths(std::move(paths))
    , m_demo(demo)
    , m_settings(core::defaultSettings())
{
}

ConfigService::~ConfigService() = default;

void ConfigService::load()
{
    loadContent(false);
    loadSettings(true);
}

void ConfigService::start()
{
    if (!m_demo && !m_watcher) {
        m_watcher = new ConfigWatcher(m_paths.configFile, m_paths.userRoutinesDir, this);
        connect(m_watcher, &ConfigWatcher::configChanged, this,
                [this] { reload(Trigger::ConfigChanged); });
        connect(m_watcher, &ConfigWatcher::routinesChanged, this,
                [this] { reload(Trigger::RoutinesChanged); });
    }
    if (!m_problem.isEmpty())
        tellProblem();
}

void ConfigService::reload(Trigger trigger)
{
    if (trigger != Trigger::ConfigChanged) {
        loadContent(true);
        // On request, apply even an unchanged file; after a routine change, the routine
        // named in the config may have come or gone.
        m_applied.clear();
    }
    const core::Settings before = m_settings;
    loadSettings(false);
    if (m_settings != before)
        emit settingsChanged();
    // Each distinct problem is told once (a reload on request always answers).
    if (!m_problem.isEmpty() && (trigger == Trigger::Request || m_problem != m_toldProblem))
        tellProblem();
}

core::Settings::Schedule ConfigService::schedule() const
{
    core::Settings::Schedule s = m_settings.schedule;
    if (m_demo) {
        // The whole flow in a minute: due after 10 s, overload shown at 5 s.
        s.interval = 10s;
        s.overloadAfter = 5s;
        s.snooze = 20s;
        s.remindAgain = 30s;
        s.naturalBreak = std::max(s.naturalBreak, std::chrono::seconds(5min));
        s.workingHours = core::WorkingHours();
    }
    return s;
}

void ConfigService::loadContent(bool again)
{
    core::Diagnostics problems;
    m_content = core::loadContent(m_paths.contentDir, m_paths.userRoutinesDir, problems);
    for (const core::Diagnostic& d : problems)
        logWarning(d.toString());
    if (again) {
        logInfo(QStringLiteral("routines reloaded: %1")
                    .arg(m_content.routines.keys().join(QStringLiteral(", "))));
        emit contentChanged();
    }
}

void ConfigService::loadSettings(bool initial)
{
    const QString& path = m_paths.configFile;
    if (initial && !QFileInfo::exists(path)) {
        // First start: the commented default goes where the user will look for it.
        QDir().mkpath(QFileInfo(path).absolutePath());
        if (QFile::copy(m_paths.shippedConfig, path)) {
            QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup |
                                            QFile::ReadOther);
            m_wroteDefault = true;
            logInfo(QStringLiteral("wrote the commented default config to %1").arg(path));
        }
    }
    if (!QFileInfo::exists(path)) {
        m_applied.clear();
        if (initial) {
            m_settings = core::defaultSettings();
        } else {
            logWarning(QStringLiteral("the config file %1 is gone; keeping the current settings")
                           .arg(path));
        }
        return;
    }
    // Read once, by the core: a FIFO or a device in its place never blocks the daemon.
    const QStringList routines = m_content.routines.keys();
    const core::ConfigResult result =
        core::loadConfigFile(path, m_content.routines.isEmpty() ? nullptr : &routines);
    if (!initial && result.text == m_applied && !m_applied.isEmpty())
        return; // touched, not changed
    m_applied = result.text;
    if (result.ok()) {
        // A change is applied, and logged key by key, by whoever hears settingsChanged.
        if (!initial && result.settings == m_settings)
            logInfo(QStringLiteral("config read again from %1: no setting changed").arg(path));
        m_settings = result.settings;
        m_problem.clear();
        m_toldProblem.clear();
        return;
    }
    QStringList errors;
    for (const core::Diagnostic& d : result.diagnostics)
        if (d.severity == core::Diagnostic::Severity::Error)
            errors.append(d.toString());
    for (const QString& e : errors)
        logWarning(e);
    if (initial)
        m_settings = result.settings; // the defaults: a broken file is never half-applied
    m_problem = QStringLiteral("%1\n(%2 problem(s) in all; deskbreak keeps %3 settings; "
                               "`deskbreak check-config` lists them)")
                    .arg(errors.value(0))
                    .arg(errors.size())
                    .arg(initial ? QStringLiteral("its default") : QStringLiteral("its last good"));
}

void ConfigService::tellProblem()
{
    m_toldProblem = m_problem;
    emit problemFound(m_problem);
}

} // namespace deskbreak::app
