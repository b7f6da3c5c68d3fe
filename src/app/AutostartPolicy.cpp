#include "app/AutostartPolicy.h"

#include "app/Logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace deskbreak::app {

AutostartPolicy::AutostartPolicy(platform::Autostart& autostart, QString marker, QString program,
                                 const core::Clock& clock)
    : m_autostart(autostart)
    , m_marker(std::move(marker))
    , m_program(std::move(program))
    , m_clock(clock)
{
}

AutostartPolicy::Outcome AutostartPolicy::apply(bool configured)
{
    QString error;
    Outcome outcome = Outcome::Unchanged;
    if (configured && !QFileInfo::exists(m_marker)) {
        if (!m_autostart.isEnabled()) {
            if (m_autostart.setEnabled(true, m_program, &error)) {
                logInfo(QStringLiteral("autostart turned on (%1); `deskbreak autostart off` or the "
                                       "tray menu turns it off")
                            .arg(m_autostart.location()));
                outcome = Outcome::TurnedOn;
            } else {
                outcome = Outcome::Failed;
            }
        }
        // Applied once, whatever came of it: the next start leaves the user's choice alone.
        writeMarker();
    } else if (!configured && m_autostart.isEnabled()) {
        if (m_autostart.setEnabled(false, {}, &error)) {
            logInfo(QStringLiteral("autostart turned off ([startup] autostart = false)"));
            outcome = Outcome::TurnedOff;
        } else {
            outcome = Outcome::Failed;
        }
    }
    if (!error.isEmpty())
        logError(QStringLiteral("autostart: %1").arg(error));
    return outcome;
}

AutostartPolicy::Outcome AutostartPolicy::configChanged(bool configured)
{
    if (m_autostart.isEnabled() == configured)
        return Outcome::Unchanged;
    QString error;
    if (!m_autostart.setEnabled(configured, configured ? m_program : QString(), &error)) {
        logError(QStringLiteral("autostart: %1").arg(error));
        return Outcome::Failed;
    }
    logInfo(QStringLiteral("autostart turned %1 ([startup] autostart = %2, changed while "
                           "running; %3)")
                .arg(configured ? QStringLiteral("on") : QStringLiteral("off"),
                     configured ? QStringLiteral("true") : QStringLiteral("false"),
                     m_autostart.location()));
    if (configured) // applied: the next start leaves the user's choice alone
        writeMarker();
    return configured ? Outcome::TurnedOn : Outcome::TurnedOff;
}

void AutostartPolicy::writeMarker()
{
    QDir().mkpath(QFileInfo(m_marker).absolutePath());
    QFile marker(m_marker);
    if (marker.open(QIODevice::WriteOnly))
        marker.write(m_clock.wall().toString(Qt::ISODate).toUtf8() + '\n');
}

bool AutostartPolicy::setByUser(bool on)
{
    QString error;
    if (!m_autostart.setEnabled(on, m_program, &error)) {
        logError(QStringLiteral("autostart: %1").arg(error));
        return false;
    }
    logInfo(QStringLiteral("autostart %1 from the menu (%2)")
                .arg(on ? QStringLiteral("on") : QStringLiteral("off"), m_autostart.location()));
    return true;
}

} // namespace deskbreak::app
