#pragma once

#include <QString>

class QWidget;

namespace deskbreak::ui {

// Shows a top-level window, raises it and asks the window system to give it the keyboard.
// On Wayland the compositor decides: it may want an xdg-activation token (activationToken,
// e.g. the one a second launch got from its launcher) and a window that is on screen, so a
// window not shown yet is activated once it first is.
void bringToFront(QWidget* window, const QString& activationToken = {});

} // namespace deskbreak::ui
