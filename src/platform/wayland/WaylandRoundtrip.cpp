#include "platform/wayland/WaylandRoundtrip.h"

#include <cerrno>
#include <cstdint>
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

} // namespace deskbreak::platform::wayland
