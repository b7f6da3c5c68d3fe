#include "app/ConfigWatcher.h"

#include <QFileInfo>

namespace deskbreak::app {

namespace {
// Editors write in several steps; act once they are done.
constexpr int kSettleMs = 300;
} // namespace

ConfigWatcher::ConfigWatcher(QString configFile, QString routinesDir, QObject* parent)
    : QObject(parent)
    , m_configFile(std::move(configFile))
    , m_routinesDir(std::move(routinesDir))
{
    for (QTimer* t : {&m_configSettle, &m_routinesSettle}) {
        t->setSingleShot(true);
        t->setInterval(kSettleMs);
    }
    connect(&m_configSettle, &QTimer::timeout, this, [this] {
        rewatch();
        emit configChanged();
    });
    connect(&m_routinesSettle, &QTimer::timeout, this, [this] {
        rewatch();
        emit routinesChanged();
    });
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, [this](const QString& path) {
        (path == m_configFile ? m_configSettle : m_routinesSettle).start();
    });
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, [this](const QString& dir) {
        if (dir == m_routinesDir)
            m_routinesSettle.start();
        else
            m_configSettle.start(); // the config's folder: a rename-over, a delete, a new file
    });
    rewatch();
}

void ConfigWatcher::rewatch()
{
    QStringList wanted = {QFileInfo(m_configFile).absolutePath()};
    for (const QString& path : {m_configFile, m_routinesDir})
        if (QFileInfo::exists(path))
            wanted.append(path);
    QStringList missing;
    for (const QString& path : wanted)
        if (!m_watcher.files().contains(path) && !m_watcher.directories().contains(path))
            missing.append(path);
    if (!missing.isEmpty())
        m_watcher.addPaths(missing);
}

} // namespace deskbreak::app
