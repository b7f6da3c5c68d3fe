// Test tool: asks the compositor on $WAYLAND_DISPLAY for an xdg-activation token, as a
// launcher does for the program it starts, and prints it (for XDG_ACTIVATION_TOKEN).
// It names no surface and no input serial. Where KWin offers org_kde_plasma_window_management
// (here to anyone), the tool binds it first, as Plasma's launchers do: KWin grants tokens
// only to those and to the focused window. Other compositors may hand out a token they
// will not honour (Mutter: one not from its own launches).
// Exits 0 with the token on stdout, 1 if the compositor offers no xdg_activation_v1.
#include "plasma-window-management-client-protocol.h"
#include "xdg-activation-v1-client-protocol.h"

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <wayland-client.h>

namespace {

struct State {
    xdg_activation_v1* activation = nullptr;
    org_kde_plasma_window_management* management = nullptr;
    std::string token;
    bool done = false;
};

void onGlobal(void* data, wl_registry* registry, std::uint32_t name, const char* interface,
              std::uint32_t version)
{
    static_cast<void>(version);
    auto* state = static_cast<State*>(data);
    if (std::strcmp(interface, xdg_activation_v1_interface.name) == 0)
        state->activation = static_cast<xdg_activation_v1*>(
            wl_registry_bind(registry, name, &xdg_activation_v1_interface, 1));
    // Bound and never used: what KWin counts is that it was asked for. Version 1 has
    // no event this tool would have to handle before it leaves.
    if (std::strcmp(interface, org_kde_plasma_window_management_interface.name) == 0)
        state->management = static_cast<org_kde_plasma_window_management*>(
            wl_registry_bind(registry, name, &org_kde_plasma_window_management_interface, 1));
}

void onGlobalRemove(void* data, wl_registry* registry, std::uint32_t name)
{
    static_cast<void>(data);
    static_cast<void>(registry);
    static_cast<void>(name);
}

const wl_registry_listener registryListener = {onGlobal, onGlobalRemove};

void onDone(void* data, xdg_activation_token_v1* token, const char* value)
{
    static_cast<void>(token);
    auto* state = static_cast<State*>(data);
    state->token = value;
    state->done = true;
}

const xdg_activation_token_v1_listener tokenListener = {onDone};

} // namespace

int main()
{
    wl_display* display = wl_display_connect(nullptr);
    if (display == nullptr) {
        std::fprintf(stderr, "activation_token: cannot connect to the Wayland compositor\n");
        return 1;
    }
    State state;
    wl_registry* registry = wl_display_get_registry(display);
    wl_registry_add_listener(registry, &registryListener, &state);
    if (wl_display_roundtrip(display) < 0 || state.activation == nullptr) {
        std::fprintf(stderr, "activation_token: the compositor offers no xdg_activation_v1\n");
        return 1;
    }
    xdg_activation_token_v1* token = xdg_activation_v1_get_activation_token(state.activation);
    xdg_activation_token_v1_add_listener(token, &tokenListener, &state);
    xdg_activation_token_v1_set_app_id(token, "org.deskbreak.deskbreak");
    xdg_activation_token_v1_commit(token);
    while (!state.done && wl_display_dispatch(display) >= 0) {
    }
    xdg_activation_token_v1_destroy(token);
    xdg_activation_v1_destroy(state.activation);
    if (state.management != nullptr)
        org_kde_plasma_window_management_destroy(state.management);
    wl_registry_destroy(registry);
    wl_display_disconnect(display);
    if (!state.done) {
        std::fprintf(stderr, "activation_token: the compositor dropped the connection\n");
        return 1;
    }
    std::printf("%s\n", state.token.c_str());
    return 0;
}
