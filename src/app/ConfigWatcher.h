#pragma once

#include <QFileSystemWatcher>
#include <QObject>
#include <QTimer>

namespace deskbreak::app {

// Tells when the config file or the user's routines changed on disk. Editors that
// save by writing a new file and renaming it over the old one drop a plain file
// watch, so the folders are watched too and the file watch is renewed each time.
class ConfigWatcher : public QObject {
    Q_OBJECT
public:
    ConfigWatcher(QString configFile, QString routinesDir, QObject* parent = nullptr);

signals:
    void configChanged();
    void routinesChanged();

private:
    void rewatch();

    QString m_configFile;
    QString m_routinesDir;
    QFileSystemWatcher m_watcher;
    QTimer m_configSettle;
    QTimer m_routinesSettle;
};

} // namespace deskbreak::app
