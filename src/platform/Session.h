#pragma once

#include <QProcessEnvironment>
#include <QString>

namespace deskbreak::platform {

// What kind of graphical session deskbreak runs in. Backends are chosen by this, not
// by what happens to connect: under Xwayland an X11 idle source connects fine and
// never sees native Wayland input.
struct Session {
    enum class Type { X11, Wayland, None };
    Type type = Type::None;
    QString desktop; // XDG_CURRENT_DESKTOP, e.g. "GNOME", "KDE", "sway"; may be empty
    QString why;     // what told the type, e.g. "XDG_SESSION_TYPE=wayland"

    bool isGnome() const;
    QString typeName() const; // "x11", "wayland", "none"
};

// Reads the session from the environment: a Wayland session when XDG_SESSION_TYPE
// says so or WAYLAND_DISPLAY is set, an X11 one when XDG_SESSION_TYPE says so or only
// DISPLAY is set. Qt's platform plugin plays no part.
Session detectSession(const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment());

} // namespace deskbreak::platform
