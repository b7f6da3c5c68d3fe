// Test tool: which windows KWin shows and which one is active (has the keyboard),
// as KWin itself says through org_kde_plasma_window_management (offered to any
// client when KWin runs with KWIN_WAYLAND_NO_PERMISSION_CHECKS=1). Connects to
// $WAYLAND_DISPLAY and prints one line per window, "active<TAB>title" for the
// active one and "-<TAB>title" for the others; exits 0, or 1 if KWin cannot tell.
#include "plasma-window-management-client-protocol.h"

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <list>
#include <string>
#include <wayland-client.h>

namespace {

// Version 4 has all this needs; a newer window would send events this tool
// does not handle.
constexpr std::uint32_t kManagementVersion = 4;

struct Window {
    org_kde_plasma_window* proxy = nullptr;
    std::string title;
    std::uint32_t state = 0;
    bool unmapped = false;
};

struct Globals {
    org_kde_plasma_window_management* management = nullptr;
    std::list<Window> windows;
};

using PlasmaWindow = org_kde_plasma_window;
using Management = org_kde_plasma_window_management;

// Every event gets a handler, the ones this tool ignores too: libwayland calls what it
// is given without a check, and KWin sends some events to any version.
org_kde_plasma_window_listener windowListener()
{
    org_kde_plasma_window_listener l{};
    l.title_changed = [](void* data, PlasmaWindow*, const char* title) {
        static_cast<Window*>(data)->title = title;
    };
    l.app_id_changed = [](void*, PlasmaWindow*, const char*) {};
    l.state_changed = [](void* data, PlasmaWindow*, std::uint32_t flags) {
        static_cast<Window*>(data)->state = flags;
    };
    l.virtual_desktop_changed = [](void*, PlasmaWindow*, std::int32_t) {};
    l.themed_icon_name_changed = [](void*, PlasmaWindow*, const char*) {};
    l.unmapped = [](void* data, PlasmaWindow*) { static_cast<Window*>(data)->unmapped = true; };
    l.initial_state = [](void*, PlasmaWindow*) {};
    l.parent_window = [](void*, PlasmaWindow*, PlasmaWindow*) {};
    l.geometry = [](void*, PlasmaWindow*, std::int32_t, std::int32_t, std::uint32_t,
                    std::uint32_t) {};
    l.icon_changed = [](void*, PlasmaWindow*) {};
    l.pid_changed = [](void*, PlasmaWindow*, std::uint32_t) {};
    l.virtual_desktop_entered = [](void*, PlasmaWindow*, const char*) {};
    l.virtual_desktop_left = [](void*, PlasmaWindow*, const char*) {};
    l.application_menu = [](void*, PlasmaWindow*, const char*, const char*) {};
    l.activity_entered = [](void*, PlasmaWindow*, const char*) {};
    l.activity_left = [](void*, PlasmaWindow*, const char*) {};
    l.resource_name_changed = [](void*, PlasmaWindow*, const char*) {};
    return l;
}

const org_kde_plasma_window_listener kWindowListener = windowListener();

org_kde_plasma_window_management_listener managementListener()
{
    org_kde_plasma_window_management_listener l{};
    l.show_desktop_changed = [](void*, Management*, std::uint32_t) {};
    l.window = [](void* data, Management* management, std::uint32_t id) {
        Window& window = static_cast<Globals*>(data)->windows.emplace_back();
        window.proxy = org_kde_plasma_window_management_get_window(management, id);
        org_kde_plasma_window_add_listener(window.proxy, &kWindowListener, &window);
    };
    l.stacking_order_changed = [](void*, Management*, wl_array*) {};
    l.stacking_order_uuid_changed = [](void*, Management*, const char*) {};
    l.window_with_uuid = [](void*, Management*, std::uint32_t, const char*) {};
    return l;
}

const org_kde_plasma_window_management_listener kManagementListener = managementListener();

void onGlobal(void* data, wl_registry* registry, std::uint32_t name, const char* interface,
              std::uint32_t version)
{
    auto* globals = static_cast<Globals*>(data);
    if (std::strcmp(interface, org_kde_plasma_window_management_interface.name) == 0 &&
        version >= kManagementVersion) {
        globals->management = static_cast<org_kde_plasma_window_management*>(wl_registry_bind(
            registry, name, &org_kde_plasma_window_management_interface, kManagementVersion));
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

int main()
{
    wl_display* display = wl_display_connect(nullptr);
    if (display == nullptr) {
        std::fprintf(stderr, "kwin_windows: cannot connect to the Wayland compositor\n");
        return 1;
    }
    Globals globals;
    wl_registry* registry = wl_display_get_registry(display);
    wl_registry_add_listener(registry, &registryListener, &globals);
    if (wl_display_roundtrip(display) < 0 || globals.management == nullptr) {
        std::fprintf(stderr, "kwin_windows: no org_kde_plasma_window_management (is this KWin, "
                             "with KWIN_WAYLAND_NO_PERMISSION_CHECKS=1?)\n");
        return 1;
    }
    org_kde_plasma_window_management_add_listener(globals.management, &kManagementListener,
                                                  &globals);
    // First the windows are announced, then each one's title and state arrive.
    if (wl_display_roundtrip(display) < 0 || wl_display_roundtrip(display) < 0) {
        std::fprintf(stderr, "kwin_windows: the compositor dropped the connection\n");
        return 1;
    }
    for (const Window& window : globals.windows) {
        if (window.unmapped)
            continue;
        const bool active = (window.state & ORG_KDE_PLASMA_WINDOW_MANAGEMENT_STATE_ACTIVE) != 0;
        std::printf("%s\t%s\n", active ? "active" : "-", window.title.c_str());
    }
    for (const Window& window : globals.windows)
        org_kde_plasma_window_destroy(window.proxy);
    org_kde_plasma_window_management_destroy(globals.management);
    wl_registry_destroy(registry);
    wl_display_disconnect(display);
    return 0;
}
