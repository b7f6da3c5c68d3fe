#pragma once

#include "core/Settings.h"
#include "platform/HoldDetector.h"

#include <QList>
#include <QObject>
#include <memory>
#include <vector>

namespace deskbreak::app {

// The hold detectors ([moment]) as one: it watches the switched-on ones while the sitting
// service asks (a reminder is wanted), and says what holds reminders. Switches apply live.
class HoldMonitor : public QObject {
    Q_OBJECT
public:
    HoldMonitor(std::vector<std::unique_ptr<platform::HoldDetector>> detectors,
                const core::Settings::Schedule::Moment& switches, QObject* parent = nullptr);
    ~HoldMonitor() override;

    void setWatching(bool on);
    bool isWatching() const { return m_watching; }
    void applySwitches(const core::Settings::Schedule::Moment& switches);

    // The reasons of the watched detectors that are active, strongest first; none while not
    // watching.
    QList<core::HoldReason> holds() const;

    struct Entry {
        core::HoldReason reason;
        QString name;    // the backend
        QString looksAt; // what it looks at
        bool switchedOn; // by its [moment] switch
        bool active;     // only meaningful while watching
    };
    QList<Entry> describe() const;

signals:
    // holds() changed while watching.
    void holdsChanged();

private:
    void apply();

    std::vector<std::unique_ptr<platform::HoldDetector>> m_detectors;
    core::Settings::Schedule::Moment m_switches;
    bool m_watching = false;
};

} // namespace deskbreak::app
