#pragma once

#include "platform/Autostart.h"
#include "platform/CuePlayer.h"
#include "platform/Notifier.h"
#include "platform/Opener.h"
#include "platform/Session.h"
#include "platform/SessionMonitor.h"
#include "platform/SystemClock.h"

#include <QObject>
#include <memory>

namespace deskbreak::app {

class AutostartPolicy;
class ConfigService;
class ControlHandler;
class ControlServer;
class HoldMonitor;
class NotifierSwitch;
class Presenter;
class SettingsApplier;
class SittingService;
class StatusWatch;

// The composition root of the running daemon: it picks the backends and wires the
// services (config, sitting, presenter, control handler, autostart policy, the settings
// applier that carries a config change to each of them) together.
// It decides nothing itself.
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
    // The rest of the start, once the event loop runs (the tray icon first).
    void finishStart();
    void quit();

    Options m_options;
    platform::SystemClock m_clock;
    platform::Session m_session;
    std::unique_ptr<ControlServer> m_control;
    std::unique_ptr<ConfigService> m_config;
    std::unique_ptr<SittingService> m_sitting;
    std::unique_ptr<platform::Notifier> m_notifier;
    std::unique_ptr<platform::CuePlayer> m_cues; // loads nothing before a break asks
    std::unique_ptr<NotifierSwitch> m_notifiers; // the notifier for the style in force
    std::unique_ptr<platform::Opener> m_opener;
    std::unique_ptr<platform::SessionMonitor> m_sessionMonitor; // may be null
    std::unique_ptr<HoldMonitor> m_holdMonitor;                 // [moment]: what holds reminders
    std::unique_ptr<Presenter> m_presenter;
    std::unique_ptr<ControlHandler> m_handler;
    std::unique_ptr<StatusWatch> m_statusWatch; // lines for `status --watch`
    std::unique_ptr<platform::Autostart> m_autostart;
    std::unique_ptr<AutostartPolicy> m_autostartPolicy;
    std::unique_ptr<SettingsApplier> m_settingsApplier;
    bool m_ready = false; // finishStart() has run
};

} // namespace deskbreak::app
