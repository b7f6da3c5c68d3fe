#include "platform/wayland/WaylandConnection.h"

#include <QSocketNotifier>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <poll.h>
#include <wayland-client.h>

namespace deskbreak::platform::wayland {

namespace {

void markDone(void* data, wl_callback* callback, std::uint32_t callbackData)
{
    static_cast<void>(callback);
    static_cast<void>(callbackData);
    *static_cast<bool*>(data) = true;
}

const wl_callback_listener syncListener = {markDone};

QString lostCompositor(wl_display* display)
{
    return QStringLiteral("lost the Wayland compositor (%1)").arg(connectionError(display));
}

} // namespace

bool roundtrip(wl_display* display, QDeadlineTimer deadline)
{
    bool done = false;
    wl_callback* callback = wl_display_sync(display);
    if (callback == nullptr) {
        return false;
    }
    wl_callback_add_listener(callback, &syncListener, &done);
    bool ok = true;
    while (ok && !done) {
        if (wl_display_prepare_read(display) != 0) {
            ok = wl_display_dispatch_pending(display) >= 0;
            continue;
        }
        if (wl_display_flush(display) < 0 && errno != EAGAIN) {
            wl_display_cancel_read(display);
            ok = false;
            break;
        }
        pollfd pfd{wl_display_get_fd(display), POLLIN, 0};
        const int ready = poll(&pfd, 1, static_cast<int>(deadline.remainingTime()));
        if (ready <= 0) {
            const bool interrupted = ready < 0 && errno == EINTR;
            wl_display_cancel_read(display);
            ok = interrupted;
            continue;
        }
        ok = wl_display_read_events(display) >= 0 && wl_display_dispatch_pending(display) >= 0;
    }
    wl_callback_destroy(callback);
    return ok && done;
}

QString connectionError(wl_display* display)
{
    const int error = wl_display_get_error(display);
    if (error == EPROTO) {
        const wl_interface* interface = nullptr;
        std::uint32_t id = 0;
        const std::uint32_t code = wl_display_get_protocol_error(display, &interface, &id);
        return QStringLiteral("protocol error %1 on %2")
            .arg(code)
            .arg(interface != nullptr ? QLatin1String(interface->name) : QLatin1String("?"));
    }
    if (error == 0)
        return QStringLiteral("no answer");
    return QString::fromLocal8Bit(std::strerror(error));
}

QString readAndDispatch(wl_display* display)
{
    if ((wl_display_prepare_read(display) == 0 && wl_display_read_events(display) < 0) ||
        wl_display_dispatch_pending(display) < 0) {
        return lostCompositor(display);
    }
    return {};
}

QString flush(wl_display* display, QSocketNotifier& whenWritable)
{
    const bool sent = wl_display_flush(display) >= 0;
    if (!sent && errno != EAGAIN) {
        return lostCompositor(display);
    }
    whenWritable.setEnabled(!sent);
    return {};
}

} // namespace deskbreak::platform::wayland
