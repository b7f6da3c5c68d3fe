#pragma once

#include "platform/Autostart.h"

namespace deskbreak::test {

// Starting at login as a flag in memory; `failing` makes every change fail.
class FakeAutostart : public platform::Autostart {
public:
    QString name() const override { return QStringLiteral("fake"); }
    QString location() const override { return QStringLiteral("memory"); }
    bool isEnabled() const override { return enabled; }
    bool setEnabled(bool on, const QString& program, QString* error) override
    {
        ++changes;
        if (failing) {
            *error = QStringLiteral("read-only");
            return false;
        }
        enabled = on;
        this->program = on ? program : QString();
        return true;
    }

    bool enabled = false;
    bool failing = false;
    QString program;
    int changes = 0;
};

} // namespace deskbreak::test
