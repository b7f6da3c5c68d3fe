#include "app/ConfigWatcher.h"

#include "core/ContentLoader.h"

#include <QDir>
#include <QFileInfo>

namespace deskbreak::app {

namespace {
// Editors write in several steps; act once they are done.
constexpr int kSettleMs = 300;

// The path itself when it exists, else its nearest existing parent folder.
QString nearestExisting(const QString& path)
{
    QString p = QDir::cleanPath(path);
    while (!QFileInfo::exists(p)) {
        const QString parent = QFileInfo(p).absolutePath();
        if (parent == p)
            break;
        p = parent;
    }
    return p;
}
} // namespace

ConfigWatcher::ConfigWatcher(const QString& configFile, const QString& routinesDir, QObject* parent)
    : QObject(parent)
    , m_configFile(QDir::cleanPath(configFile))
    , m_configDir(QFileInfo(m_configFile).absolutePath())
    , m_routinesDir(QDir::cleanPath(routinesDir))
{
    m_settle.setSingleShot(true);
    m_settle.setInterval(kSettleMs);
    connect(&m_settle, &QTimer::timeout, this, &ConfigWatcher::settled);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &ConfigWatcher::onChanged);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &ConfigWatcher::onChanged);
    rewatch();
}

QStringList ConfigWatcher::watched() const
{
    return m_watcher.files() + m_watcher.directories();
}

void ConfigWatcher::onChanged(const QString& path)
{
    if (path == m_configFile || path == m_configDir)
        m_configDirty = true; // an edit, a rename-over, a delete
    else if (path == m_routinesDir || m_routineFiles.contains(path))
        m_routinesDirty = true; // an edit in place, a new, renamed or deleted routine
    // Otherwise a parent standing in for a missing folder: rewatch() tells what came.
    m_settle.start();
}

void ConfigWatcher::settled()
{
    const Appeared appeared = rewatch();
    const bool routines = m_routinesDirty || appeared.routines;
    const bool config = m_configDirty || appeared.config;
    m_configDirty = m_routinesDirty = false;
    // Routines first: the daemon applies the config again after them (the routine it
    // names may have come or gone), so the config is never checked against stale ones.
    if (routines)
        emit routinesChanged();
    if (config)
        emit configChanged();
}

ConfigWatcher::Appeared ConfigWatcher::rewatch()
{
    Appeared appeared;
    const bool configExists = QFileInfo::exists(m_configFile);
    const bool routinesExists = QFileInfo(m_routinesDir).isDir();
    appeared.config = configExists != m_configExists;
    appeared.routines = routinesExists != m_routinesExists;
    m_configExists = configExists;
    m_routinesExists = routinesExists;

    const QStringList routineFiles =
        routinesExists ? core::routineFiles(m_routinesDir) : QStringList();
    appeared.routines = appeared.routines || routineFiles != m_routineFiles;
    m_routineFiles = routineFiles;

    QStringList wanted = {nearestExisting(m_configDir), nearestExisting(m_routinesDir)};
    if (configExists)
        wanted.append(m_configFile);
    wanted += routineFiles;
    wanted.removeDuplicates();

    const QStringList current = watched();
    QStringList stale;
    for (const QString& path : current)
        if (!wanted.contains(path))
            stale.append(path); // e.g. the parent that stood in for a folder now back
    if (!stale.isEmpty())
        m_watcher.removePaths(stale);
    QStringList missing;
    for (const QString& path : wanted)
        if (!current.contains(path))
            missing.append(path);
    if (!missing.isEmpty())
        m_watcher.addPaths(missing);
    return appeared;
}

} // namespace deskbreak::app
