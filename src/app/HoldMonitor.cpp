#include "app/HoldMonitor.h"

#include "app/Logging.h"

namespace deskbreak::app {

HoldMonitor::HoldMonitor(std::vector<std::unique_ptr<platform::HoldDetector>> detectors,
                         const core::Settings::Schedule::Moment& switches, QObject* parent)
    : QObject(parent)
    , m_detectors(std::move(detectors))
    , m_switches(switches)
{
    for (const auto& d : m_detectors) {
        connect(d.get(), &platform::HoldDetector::activeChanged, this,
                [this, raw = d.get()](bool on) {
                    logInfo(QStringLiteral("hold %1: %2 (%3)")
                                .arg(on ? QStringLiteral("on") : QStringLiteral("off"),
                                     core::holdReasonText(raw->reason()), raw->name()));
                    if (m_watching)
                        emit holdsChanged();
                });
    }
}

HoldMonitor::~HoldMonitor() = default;

void HoldMonitor::setWatching(bool on)
{
    if (on == m_watching)
        return;
    m_watching = on;
    apply();
}

void HoldMonitor::applySwitches(const core::Settings::Schedule::Moment& switches)
{
    if (switches == m_switches)
        return;
    const auto before = holds();
    m_switches = switches;
    apply();
    if (m_watching && holds() != before)
        emit holdsChanged();
}

void HoldMonitor::apply()
{
    // A switched-off detector is not even looked at: no wake-ups for what the user turned off.
    for (const auto& d : m_detectors)
        d->setWatching(m_watching && m_switches.watches(d->reason()));
}

QList<core::HoldReason> HoldMonitor::holds() const
{
    QList<core::HoldReason> out;
    if (!m_watching)
        return out;
    for (const core::HoldReason r : core::kHoldReasons)
        for (const auto& d : m_detectors)
            if (d->reason() == r && d->isWatching() && d->active()) {
                out.append(r);
                break;
            }
    return out;
}

QList<HoldMonitor::Entry> HoldMonitor::describe() const
{
    QList<Entry> out;
    for (const auto& d : m_detectors)
        out.append({d->reason(), d->name(), d->looksAt(), m_switches.watches(d->reason()),
                    d->isWatching() && d->active()});
    return out;
}

} // namespace deskbreak::app
