#pragma once

#include "platform/Autostart.h"

namespace deskbreak::platform {

// The XDG Autostart spec: $XDG_CONFIG_HOME/autostart/deskbreak.desktop.
class XdgAutostart final : public Autostart {
public:
    explicit XdgAutostart(const QString& configHome);
    QString name() const override { return QStringLiteral("xdg-autostart"); }
    QString location() const override { return m_file; }
    bool isEnabled() const override;
    bool setEnabled(bool on, const QString& program, QString* error) override;

    // The entry's text for `program` (Exec quoted as the Desktop Entry spec asks).
    static QByteArray entry(const QString& program);

private:
    QString m_file;
};

} // namespace deskbreak::platform
