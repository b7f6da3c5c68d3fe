#pragma once

#include <QString>

namespace deskbreak::platform {

// Starting deskbreak at login, as a per-user toggle (never system-wide).
class Autostart {
public:
    virtual ~Autostart() = default;
    virtual QString name() const = 0;
    // Where the toggle lives: a file, a registry value.
    virtual QString location() const = 0;
    virtual bool isEnabled() const = 0;
    // Turns it on (pointing at `program`) or off; false with a reason.
    virtual bool setEnabled(bool on, const QString& program, QString* error) = 0;
};

} // namespace deskbreak::platform
