#pragma once

#include "platform/Autostart.h"

namespace deskbreak::platform {

// Windows: the per-user Run key, HKCU\Software\Microsoft\Windows\CurrentVersion\Run,
// value "deskbreak". NOT YET VERIFIED: written against the documented API, never run.
class RunKeyAutostart final : public Autostart {
public:
    QString name() const override { return QStringLiteral("windows-run-key"); }
    QString location() const override;
    bool isEnabled() const override;
    bool setEnabled(bool on, const QString& program, QString* error) override;
};

} // namespace deskbreak::platform
