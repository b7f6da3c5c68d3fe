#pragma once

#include "platform/Opener.h"

namespace deskbreak::platform {

// Qt's QDesktopServices, where it answers truly whether the file was opened (Windows'
// ShellExecute, macOS' Launch Services). Not on Linux: there it only says xdg-open started.
class DesktopServicesOpener final : public Opener {
public:
    QString name() const override { return QStringLiteral("desktop-services"); }
    void open(const QString& path, Done done) override;
};

} // namespace deskbreak::platform
