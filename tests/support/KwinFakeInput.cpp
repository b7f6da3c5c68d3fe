// Test tool: one user input for KWin, as KWin sees it natively, through
// org_kde_kwin_fake_input, which KWin offers to any client when started with
// KWIN_WAYLAND_NO_PERMISSION_CHECKS=1. Connects to $WAYLAND_DISPLAY.
//   kwin_fake_input             moves the pointer by (4, 4) and back
//   kwin_fake_input --key CODE  presses and releases the key with Linux key code CODE
//                               (linux/input-event-codes.h: 1 Esc, 28 Enter, 57 Space)
// Exits 0 once KWin has processed the input, 2 on a usage error.
#include "fake-input-client-protocol.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <wayland-client.h>

namespace {

struct Globals {
    org_kde_kwin_fake_input* fakeInput = nullptr;
};

void onGlobal(void* data, wl_registry* registry, std::uint32_t name, const char* interface,
              std::uint32_t version)
{
    auto* globals = static_cast<Globals*>(data);
    if (std::strcmp(interface, org_kde_kwin_fake_input_interface.name) == 0) {
        globals->fakeInput = static_cast<org_kde_kwin_fake_input*>(wl_registry_bind(
            registry, name, &org_kde_kwin_fake_input_interface, version < 4 ? version : 4));
    }
}

void onGlobalRemove(void* data, wl_registry* registry, std::uint32_t name)
{
    static_cast<void>(data);
    static_cast<void>(registry);
    static_cast<void>(name);
}

const wl_registry_listener registryListener = {onGlobal, onGlobalRemove};

} // namespace

int main(int argc, char* argv[])
{
    long key = -1;
    if (argc == 3 && std::strcmp(argv[1], "--key") == 0) {
        char* end = nullptr;
        key = std::strtol(argv[2], &end, 10);
        if (*end != '\0' || key <= 0 || key > 767) // KEY_MAX
            key = -1;
    }
    if (argc != 1 && key < 0) {
        std::fprintf(stderr, "usage: kwin_fake_input [--key LINUX_KEY_CODE]\n");
        return 2;
    }
    wl_display* display = wl_display_connect(nullptr);
    if (display == nullptr) {
        std::fprintf(stderr, "kwin-fake-input: cannot connect to the Wayland compositor\n");
        return 1;
    }
    Globals globals;
    wl_registry* registry = wl_display_get_registry(display);
    wl_registry_add_listener(registry, &registryListener, &globals);
    if (wl_display_roundtrip(display) < 0) {
        std::fprintf(stderr, "kwin-fake-input: the compositor did not answer\n");
        return 1;
    }
    if (globals.fakeInput == nullptr) {
        std::fprintf(stderr, "kwin-fake-input: no org_kde_kwin_fake_input (is this KWin, with "
                             "KWIN_WAYLAND_NO_PERMISSION_CHECKS=1?)\n");
        return 1;
    }
    org_kde_kwin_fake_input_authenticate(globals.fakeInput, "deskbreak tests",
                                         "inject input for tests");
    if (key > 0) {
        const auto code = static_cast<std::uint32_t>(key);
        org_kde_kwin_fake_input_keyboard_key(globals.fakeInput, code,
                                             WL_KEYBOARD_KEY_STATE_PRESSED);
        org_kde_kwin_fake_input_keyboard_key(globals.fakeInput, code,
                                             WL_KEYBOARD_KEY_STATE_RELEASED);
    } else {
        org_kde_kwin_fake_input_pointer_motion(globals.fakeInput, wl_fixed_from_int(4),
                                               wl_fixed_from_int(4));
        org_kde_kwin_fake_input_pointer_motion(globals.fakeInput, wl_fixed_from_int(-4),
                                               wl_fixed_from_int(-4));
    }
    // The sync's answer comes after KWin has handled the requests before it.
    const bool handled = wl_display_roundtrip(display) >= 0;
    org_kde_kwin_fake_input_destroy(globals.fakeInput);
    wl_registry_destroy(registry);
    wl_display_disconnect(display);
    if (!handled) {
        std::fprintf(stderr, "kwin-fake-input: the compositor dropped the connection\n");
        return 1;
    }
    return 0;
}
