#pragma once

#include <QObject>
#include <QString>

namespace deskbreak::platform {

// Tells when the screen locks and unlocks and when the machine goes to sleep and
// wakes up. Signals only; a desktop without such events simply never emits them.
class SessionMonitor : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    ~SessionMonitor() override = default;
    virtual QString name() const = 0;

signals:
    void locked();
    void unlocked();
    void goingToSleep();
    void resumed();
};

} // namespace deskbreak::platform
