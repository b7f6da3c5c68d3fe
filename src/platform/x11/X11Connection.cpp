#include "platform/x11/X11Connection.h"

#include <QGuiApplication>

namespace deskbreak::platform {

// Qt's own xcb connection, or nullptr and why not.
xcb_connection_t* qtXcbConnection(QString* whyNot)
{
    if (qGuiApp == nullptr) {
        *whyNot = QStringLiteral("no QGuiApplication");
        return nullptr;
    }
    if (QGuiApplication::platformName() != QLatin1String("xcb")) {
        *whyNot =
            QStringLiteral("Qt platform is \"%1\", not xcb").arg(QGuiApplication::platformName());
        return nullptr;
    }
    const auto* x11 = qGuiApp->nativeInterface<QNativeInterface::QX11Application>();
    xcb_connection_t* connection = x11 != nullptr ? x11->connection() : nullptr;
    if (connection == nullptr || xcb_connection_has_error(connection) != 0) {
        *whyNot = QStringLiteral("Qt has no usable X11 connection");
        return nullptr;
    }
    return connection;
}

} // namespace deskbreak::platform
