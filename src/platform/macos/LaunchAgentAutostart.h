#pragma once

#include "platform/Autostart.h"

namespace deskbreak::platform {

// macOS: a LaunchAgent, ~/Library/LaunchAgents/org.deskbreak.deskbreak.plist,
// RunAtLoad. NOT YET VERIFIED: written against launchd.plist(5), never run.
class LaunchAgentAutostart final : public Autostart {
public:
    explicit LaunchAgentAutostart(QString home);
    QString name() const override { return QStringLiteral("launch-agent"); }
    QString location() const override { return m_file; }
    bool isEnabled() const override;
    bool setEnabled(bool on, const QString& program, QString* error) override;

private:
    QString m_file;
};

} // namespace deskbreak::platform
