#pragma once

#include "core/ContentLoader.h"
#include "core/DailyStats.h"
#include "core/HistoryStore.h"
#include "core/SittingModel.h"
#include "platform/Autostart.h"
#include "platform/BackendReport.h"
#include "platform/IdleSource.h"
#include "platform/Notifier.h"
#include "platform/Session.h"
#include "platform/SessionMonitor.h"
#include "platform/SystemClock.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <memory>

namespace deskbreak::ui {
class Actions;
class BreakWindow;
class StatsWindow;
class StatusWindow;
class TrayIcon;
} // namespace deskbreak::ui

namespace deskbreak::app {

class ConfigWatcher;
class ControlServer;
class HistoryRecorder;

// The composition root of the running daemon: it feeds the sitting model real
// time and idle input, carries out the effects the model returns, and answers
// the control socket. It decides nothing the model decides.
class Daemon : public QObject {
    Q_OBJECT
public:
    struct Options {
        bool demo = false; // first reminder after ~10 s; the user counts as always active
    };

    explicit Daemon(Options options, QObject* parent = nullptr);
    ~Daemon() override;

    // Loads config and content, picks the backends, starts listening. False: cannot run.
    bool start(QString* error);

private:
    void finishStart();
    void loadSettings(bool initial);
    void reloadConfig(bool onRequest);
    void reloadContent();
    void tellConfigProblem();
    void openHistory();
    void record(const core::HistoryEvent& event);
    void restoreState();
    void saveState();
    int breaksToday() const;
    QList<core::DayStats> recentDays(int days) const;
    void showStats();
    void applyAutostart();
    void connectIdleSource();
    // Shows a message the first time only (a marker file in the state dir); true if shown.
    bool tellOnce(const QString& marker, const QString& title, const QString& body);
    void warnAboutDesktopBreakReminders();
    core::Settings::Schedule effectiveSchedule() const;
    void onWake();
    void schedule();
    void handle(const core::Effects& effects);
    void refreshTray();
    void connectActions();
    void tellNoTray();
    void showStatusWindow();
    void showReminder();
    void openBreak();
    void closeBreak();
    QString nextRoutine();
    QJsonObject statusJson() const;
    QJsonObject onControl(const QJsonObject& request);
    void quit();

    Options m_options;
    platform::SystemClock m_clock;
    core::Settings m_settings;
    core::Content m_content;
    std::unique_ptr<core::SittingModel> m_model;
    std::unique_ptr<platform::IdleSource> m_idle;
    std::unique_ptr<platform::Notifier> m_notifier;
    std::unique_ptr<platform::SessionMonitor> m_session; // may be null: no lock/sleep events
    ui::Actions* m_actions = nullptr; // the tray menu's and the status window's, connected once
    ui::TrayIcon* m_tray = nullptr;
    QPointer<ui::StatusWindow> m_statusWindow; // only while open
    QPointer<ui::BreakWindow> m_breakWindow;
    ControlServer* m_control = nullptr;
    QTimer m_wake;
    platform::Session m_platformSession;
    platform::BackendReport m_idleReport;
    QString m_notifierName;
    QString m_lastConfigError;     // the first problem of the config as it is on disk, if any
    QString m_notifiedConfigError; // what the user was last told, so each problem is told once
    QByteArray m_configBytes;      // the file as last applied, to skip no-op change events
    std::unique_ptr<HistoryRecorder> m_history; // never blocks, never drops an event
    std::unique_ptr<platform::Autostart> m_autostart;
    ConfigWatcher* m_watcher = nullptr;
    QPointer<ui::StatsWindow> m_statsWindow;
    core::MonoTime m_stateSavedAt;
    int m_rotation = 0;
    bool m_ready = false; // finishStart() has run
};

} // namespace deskbreak::app
