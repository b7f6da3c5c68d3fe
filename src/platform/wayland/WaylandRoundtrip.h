#pragma once

#include <QDeadlineTimer>

struct wl_display;

namespace deskbreak::platform::wayland {

// wl_display_roundtrip() with a deadline: sends a sync and dispatches until the compositor
// has answered it, so that a compositor that accepts the connection but never answers cannot
// hang the caller. False on a broken connection or once the deadline has passed.
bool roundtrip(wl_display* display, QDeadlineTimer deadline);

} // namespace deskbreak::platform::wayland
