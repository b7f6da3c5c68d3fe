#pragma once

#include <QDeadlineTimer>
#include <QString>

class QSocketNotifier;
struct wl_display;

namespace deskbreak::platform::wayland {

// wl_display_roundtrip() with a deadline: sends a sync and dispatches until the compositor
// has answered it, so that a compositor that accepts the connection but never answers cannot
// hang the caller. False on a broken connection or once the deadline has passed.
bool roundtrip(wl_display* display, QDeadlineTimer deadline);

// Why the connection broke, for the log: a protocol error with its interface, the errno's
// text, or "no answer" when the compositor merely did not answer in time.
QString connectionError(wl_display* display);

// One turn for a connection watched by a QSocketNotifier, when its socket is readable:
// reads what came (only when nothing is queued already) and dispatches it. Empty, or
// why the connection is lost.
QString readAndDispatch(wl_display* display);

// Sends the queued requests. While the socket is full, `whenWritable` is enabled, so that
// the rest goes once it drains; else it is disabled. Empty, or why the connection is lost.
QString flush(wl_display* display, QSocketNotifier& whenWritable);

} // namespace deskbreak::platform::wayland
