#pragma once

#include "core/SittingModel.h"

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <chrono>
#include <optional>

namespace deskbreak::app {

class ConfigService;
class SittingService;

// The daemon's side of the control socket: one request in, one reply out, carried out by
// the services. Commands are the control::commands() table's; numbers are range-checked.
class ControlHandler : public QObject {
    Q_OBJECT
public:
    // What a reply needs from the tray and the windows, and what a second start asks of them.
    class Presentation {
    public:
        virtual ~Presentation() = default;
        virtual QString notifierName() const = 0;
        virtual bool trayAvailable() const = 0;
        virtual bool breakWindowOpen() const = 0;
        // `activationToken`: the launcher's, passed on by a second launch (may be empty).
        virtual void showStatusWindow(const QString& activationToken) = 0;
        // The user asked for a break: `routine`, or (empty) the one the due reminder names,
        // else the configured one or the next in rotation. Returns the routine it plays
        // (empty: there is none to play).
        virtual QString startBreak(const QString& routine) = 0;
        // The break going on comes to the front.
        virtual void raiseBreak() = 0;
        // The routine a break window plays: its length, and the time left in it (the
        // window's own pause stops that clock).
        struct BreakTime {
            std::chrono::seconds left{};
            std::chrono::seconds total{};
        };
        // nullopt while no break window plays a routine.
        virtual std::optional<BreakTime> breakTime() const = 0;
    };
    // What the status reports about the daemon itself.
    struct Facts {
        QString sessionType; // "x11", "wayland", "none"
        bool demo = false;
        qint64 pid = 0;
        QString version;
    };

    ControlHandler(SittingService& sitting, ConfigService& config, Presentation& presentation,
                   Facts facts, QObject* parent = nullptr);

    QJsonObject handle(const QJsonObject& request);
    // The fields of `deskbreak status --json` (control::kStatusKeys).
    QJsonObject status() const;
    // The state a status reports (one of control::kStates), by their precedence.
    static QLatin1StringView stateOf(const core::SittingModel::Status& status);

    // A request's "seconds": nullopt when absent, else whole seconds within
    // [1 s, control::kMaxSeconds]; anything else sets `error`.
    static std::optional<std::chrono::seconds> seconds(const QJsonObject& request, QString* error);

signals:
    // `quit` was asked for; sent once the reply is on its way.
    void quitRequested();

private:
    SittingService& m_sitting;
    ConfigService& m_config;
    Presentation& m_presentation;
    Facts m_facts;
};

} // namespace deskbreak::app
