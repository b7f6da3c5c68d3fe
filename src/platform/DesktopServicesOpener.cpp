#include "platform/DesktopServicesOpener.h"

#include <QDesktopServices>
#include <QUrl>

namespace deskbreak::platform {

void DesktopServicesOpener::open(const QString& path, Done done)
{
    const bool opened = QDesktopServices::openUrl(QUrl::fromLocalFile(path));
    done(opened, opened ? QString() : QStringLiteral("the desktop has no application for it"));
}

} // namespace deskbreak::platform
