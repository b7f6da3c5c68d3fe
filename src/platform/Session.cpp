#include "platform/Session.h"

namespace deskbreak::platform {

bool Session::isGnome() const
{
    // XDG_CURRENT_DESKTOP is a colon-separated list, e.g. "ubuntu:GNOME".
    return desktop.split(u':').contains(QStringLiteral("GNOME"), Qt::CaseInsensitive);
}

QString Session::typeName() const
{
    switch (type) {
    case Type::X11:
        return QStringLiteral("x11");
    case Type::Wayland:
        return QStringLiteral("wayland");
    case Type::None:
        break;
    }
    return QStringLiteral("none");
}

Session detectSession(const QProcessEnvironment& env)
{
    Session s;
    s.desktop = env.value(QStringLiteral("XDG_CURRENT_DESKTOP"));
    const QString declared = env.value(QStringLiteral("XDG_SESSION_TYPE")).toLower();
    if (declared == u"wayland") {
        s.type = Session::Type::Wayland;
        s.why = QStringLiteral("XDG_SESSION_TYPE=wayland");
    } else if (!env.value(QStringLiteral("WAYLAND_DISPLAY")).isEmpty()) {
        // Set by every Wayland compositor for its clients, even when XDG_SESSION_TYPE is
        // missing or stale (a nested session, a session started by hand).
        s.type = Session::Type::Wayland;
        s.why = QStringLiteral("WAYLAND_DISPLAY is set");
    } else if (declared == u"x11") {
        s.type = Session::Type::X11;
        s.why = QStringLiteral("XDG_SESSION_TYPE=x11");
    } else if (!env.value(QStringLiteral("DISPLAY")).isEmpty()) {
        s.type = Session::Type::X11;
        s.why = QStringLiteral("DISPLAY is set");
    } else {
        s.why = QStringLiteral("neither WAYLAND_DISPLAY nor DISPLAY is set");
    }
    return s;
}

} // namespace deskbreak::platform
