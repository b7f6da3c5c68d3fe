#pragma once

#include <QFileSystemWatcher>
#include <QObject>
#include <QTimer>

namespace deskbreak::app {

// Tells when the config file or the user's routines changed on disk, without polling.
// A watch dies with what it watches (an editor's rename-over, a deleted folder), so after
// each change every watch is armed again: the config file, its folder, the routines
// folder and each routine file (for edits in place); a path that does not exist is
// stood in for by its nearest existing parent folder until it comes back.
class ConfigWatcher : public QObject {
    Q_OBJECT
public:
    ConfigWatcher(const QString& configFile, const QString& routinesDir, QObject* parent = nullptr);

    // What is watched now (for tests and the log).
    QStringList watched() const;

signals:
    void configChanged();
    void routinesChanged();

private:
    void onChanged(const QString& path);
    void settled();
    // Arms the watches for what exists now; true for each target that came or went.
    struct Appeared {
        bool config = false;
        bool routines = false;
    };
    Appeared rewatch();

    QString m_configFile;
    QString m_configDir;
    QString m_routinesDir;
    QFileSystemWatcher m_watcher;
    QTimer m_settle;
    bool m_configDirty = false;
    bool m_routinesDirty = false;
    bool m_configExists = false;
    bool m_routinesExists = false;
    QStringList m_routineFiles; // the routine files as last listed
};

} // namespace deskbreak::app
