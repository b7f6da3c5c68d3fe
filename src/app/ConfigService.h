#pragma once

#include "core/Routine.h"
#include "core/Settings.h"

#include <QByteArray>
#include <QObject>
#include <QString>

namespace deskbreak::app {

class ConfigWatcher;

// The config and the break content in force: loads them, watches the files, applies a
// change, and keeps the last good settings when a file is broken. Each problem is told
// once (problemFound); a reload on request always answers.
class ConfigService : public QObject {
    Q_OBJECT
public:
    struct Paths {
        QString configFile;      // the user's config.toml
        QString shippedConfig;   // the commented default, copied there at the first start
        QString contentDir;      // the shipped exercises and routines
        QString userRoutinesDir; // the user's own routines
    };
    // What made a reload happen.
    enum class Trigger {
        ConfigChanged,   // the config file changed on disk
        RoutinesChanged, // the user's routines changed on disk
        Request,         // `deskbreak reload`: everything again, even an unchanged file
    };

    // `demo`: a shorter schedule, and no file watch.
    ConfigService(Paths paths, bool demo, QObject* parent = nullptr);
    ~ConfigService() override;

    // Loads the content and the config; on a first start the commented default is written
    // where the user will look for it. A broken file means the defaults.
    void load();
    // Watches the files from now on (not in the demo), and tells a problem load() found.
    void start();
    void reload(Trigger trigger);

    const core::Settings& settings() const { return m_settings; }
    // The schedule in force: the demo's runs the whole flow in a minute.
    core::Settings::Schedule schedule() const;
    const core::Content& content() const { return m_content; }
    // The first problem of the config as it is on disk, for the user; empty when none.
    const QString& problem() const { return m_problem; }
    const QString& configFile() const { return m_paths.configFile; }
    // load() found no config and wrote the commented default: a first start.
    bool wroteDefault() const { return m_wroteDefault; }

signals:
    void settingsChanged();
    // The routines were read again (they may have come, gone or changed length).
    void contentChanged();
    // Tell the user this (a config problem, with where to find the others).
    void problemFound(const QString& message);

private:
    void loadContent(bool again);
    void loadSettings(bool initial);
    void tellProblem();

    Paths m_paths;
    bool m_demo = false;
    core::Settings m_settings;
    core::Content m_content;
    QString m_problem;     // the first problem of the config as it is on disk, if any
    QString m_toldProblem; // what the user was last told, so each problem is told once
    QByteArray m_applied;  // the file as last applied, to skip no-op change events
    ConfigWatcher* m_watcher = nullptr;
    bool m_wroteDefault = false;
};

} // namespace deskbreak::app
