#pragma once

#include "app/ControlHandler.h"
#include "core/Clock.h"
#include "platform/CuePlayer.h"
#include "platform/Notifier.h"
#include "platform/Opener.h"

#include <QObject>
#include <QPointer>
#include <optional>

namespace deskbreak::ui {
class Actions;
class BreakWindow;
class PathDialog;
class StatsWindow;
class StatusWindow;
class TrayIcon;
} // namespace deskbreak::ui

namespace deskbreak::app {

class ConfigService;
class SittingService;

// What the user sees of the daemon: the tray and its actions, the status, break and stats
// windows, the reminder (through the Notifier port) and the one-time messages. It shows
// what the sitting service says and hands the user's choices back to it; it decides nothing.
class Presenter : public QObject, public ControlHandler::Presentation {
    Q_OBJECT
public:
    struct Options {
        QString stateDir;   // where the "told once" markers live
        QString configFile; // what "Open config" opens
        bool demo = false;  // the demo keeps no marker, so it tells every time
    };

    Presenter(SittingService& sitting, const ConfigService& config, const core::Clock& clock,
              Options options, QObject* parent = nullptr);
    ~Presenter() override;

    // The reminder and the messages go here from now on (chosen once the event loop runs,
    // so the tray icon is not kept waiting). Called again when `[notifications] style`
    // changes: a reminder that is up moves over to the new notifier.
    void setNotifier(platform::Notifier& notifier);
    // Breaks play their chimes and words through this from now on ([break] sound, voice).
    void setCuePlayer(platform::CuePlayer& cues);
    // What "Open config" opens the file (or else its folder) with.
    void setOpener(platform::Opener& opener);
    // "Open config": the file in its application; failing that its folder; failing that a
    // dialog with the path to copy. The log says which it came to.
    void openConfig();
    // Ticks "Start at login" (autostartToggled is what the user's click sends).
    void setAutostart(bool on);
    // Redraws the tray, the actions and an open status window from the sitting service.
    void refresh();
    void showStats();
    // Takes down the break window and the reminder (the daemon quits).
    void closeAll();

    void tellConfigProblem(const QString& message);
    // What the start has to say. On the first start (`firstStart`: no config was there) a
    // welcome, once ever: where deskbreak lives, when the first reminder comes, that natural
    // breaks count, how to change the settings, and, if `autostartTurnedOn`, that it starts at
    // login. Otherwise the notices on their own: autostart turned on, no tray.
    void tellAtStart(bool firstStart, bool autostartTurnedOn);
    // The welcome's text, as tellAtStart() shows it (`tray`: a tray host is there).
    QPair<QString, QString> welcome(bool tray, bool autostartTurnedOn) const;
    void tellAutostartOn();
    // The history stopped taking events (they wait safely), or takes them again.
    void tellHistoryHealth(bool healthy, const QString& problem);
    // Once ever (a marker): without a tray, how to reach deskbreak.
    void tellNoTray();
    // Once ever: GNOME's own movement breaks are on too. `on`: nullopt when unknown (`why`).
    void warnAboutDesktopBreakReminders(std::optional<bool> on, const QString& why);
    // Shows a message the first time only (a marker file in the state dir); true if shown.
    bool tellOnce(const QString& marker, const QString& title, const QString& body);

    // ControlHandler::Presentation
    QString notifierName() const override;
    bool trayAvailable() const override;
    bool breakWindowOpen() const override;
    void showStatusWindow(const QString& activationToken = {}) override;
    QString startBreak(const QString& routine = {}) override;
    void raiseBreak() override;
    std::optional<BreakTime> breakTime() const override;

signals:
    void quitRequested();
    void autostartToggled(bool on);

private:
    void connectActions();
    void showReminder(const QString& routine, bool again, bool quiet = false);
    void closeReminder();
    void openBreak(const QString& routine);
    void closeBreak();
    void onStateChanged();
    QString nextRoutine();
    // What a break started now plays: `requested` if it exists, else the routine the due
    // reminder named, else the configured one (or the next in rotation).
    QString chooseRoutine(const QString& requested);
    // The "Start break" menu, from the content in force.
    void refreshRoutines();
    void showConfigPath(const QString& why);
    void markTold(const QString& marker);

    SittingService& m_sitting;
    const ConfigService& m_config;
    const core::Clock& m_clock;
    Options m_options;
    platform::Notifier* m_notifier = nullptr;
    platform::CuePlayer* m_cues = nullptr;
    platform::Opener* m_opener = nullptr;
    ui::Actions* m_actions = nullptr; // the tray menu's and the status window's, connected once
    ui::TrayIcon* m_tray = nullptr;
    QPointer<ui::StatusWindow> m_statusWindow; // only while open
    QPointer<ui::BreakWindow> m_breakWindow;
    QPointer<ui::StatsWindow> m_statsWindow;
    QPointer<ui::PathDialog> m_pathDialog; // "Open config"'s last resort, while open
    int m_rotation = 0;
    QString m_reminded; // the routine the reminder named, while its break is due
};

} // namespace deskbreak::app
