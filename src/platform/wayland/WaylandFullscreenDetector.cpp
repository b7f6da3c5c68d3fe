#include "platform/wayland/WaylandFullscreenDetector.h"

#include "plasma-window-management-client-protocol.h"
#include "platform/wayland/WaylandConnection.h"
#include "wlr-foreign-toplevel-management-unstable-v1-client-protocol.h"

#include <QDeadlineTimer>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <wayland-client.h>

namespace deskbreak::platform {

namespace {

Q_LOGGING_CATEGORY(lcFullscreen, "deskbreak.platform.fullscreen")

// create() asks the compositor which globals it offers; a mute one must not hang start-up.
constexpr std::chrono::milliseconds kProbeTimeout{2000};
// setWatching(true) blocks until every window's state is in: a few milliseconds on a
// healthy compositor; one slower than this counts as not answering.
constexpr std::chrono::milliseconds kWatchTimeout{1000};
// KDE announces windows first and sends a window's state once it is asked for; a window
// announced in between needs another round.
constexpr int kMaxBindRounds = 4;
// A compositor is not believed past this many windows (each costs memory here).
constexpr std::size_t kMaxWindows = 4096;
// Version 1 of wlroots' protocol has no fullscreen state.
constexpr std::uint32_t kWlrMinVersion =
    ZWLR_FOREIGN_TOPLEVEL_HANDLE_V1_STATE_FULLSCREEN_SINCE_VERSION;

const char* wlrName()
{
    return zwlr_foreign_toplevel_manager_v1_interface.name;
}

const char* kdeName()
{
    return org_kde_plasma_window_management_interface.name;
}

// What the compositor offers, as create() sees it.
struct Offer {
    std::uint32_t wlrVersion = 0;
    std::uint32_t kdeVersion = 0;
};

void offerGlobal(void* data, wl_registry* registry, std::uint32_t name, const char* interface,
                 std::uint32_t version)
{
    static_cast<void>(registry);
    static_cast<void>(name);
    auto* offer = static_cast<Offer*>(data);
    if (std::strcmp(interface, wlrName()) == 0) {
        offer->wlrVersion = version;
    } else if (std::strcmp(interface, kdeName()) == 0) {
        offer->kdeVersion = version;
    }
}

void offerGlobalRemove(void* data, wl_registry* registry, std::uint32_t name)
{
    static_cast<void>(data);
    static_cast<void>(registry);
    static_cast<void>(name);
}

const wl_registry_listener offerListener = {offerGlobal, offerGlobalRemove};

// Right after wl_display_connect() failed: errno says why.
QString noCompositorAt()
{
    const QString why = QString::fromLocal8Bit(std::strerror(errno));
    // Where libwayland connects: WAYLAND_DISPLAY, else "wayland-0".
    const QString where = qEnvironmentVariable("WAYLAND_DISPLAY", QStringLiteral("wayland-0"));
    return QStringLiteral("no Wayland compositor at %1 (%2)").arg(where, why);
}

} // namespace

// Every event gets a handler, the ignored ones too: libwayland calls what it finds for an
// opcode without a check. The static_asserts catch a protocol file with more events.
struct WaylandFullscreenDetector::Callbacks {
    static WaylandFullscreenDetector* self(void* data)
    {
        return static_cast<WaylandFullscreenDetector*>(data);
    }
    static Window* window(void* data) { return static_cast<Window*>(data); }

    static void global(void* data, wl_registry*, std::uint32_t name, const char* interface,
                       std::uint32_t version)
    {
        self(data)->handleGlobal(name, interface, version);
    }
    static void globalRemove(void* data, wl_registry*, std::uint32_t name)
    {
        self(data)->handleGlobalRemove(name);
    }
    static constexpr wl_registry_listener registry = {global, globalRemove};

    // --- wlroots: zwlr_foreign_toplevel_manager_v1 ---
    static void wlrToplevel(void* data, zwlr_foreign_toplevel_manager_v1*,
                            zwlr_foreign_toplevel_handle_v1* handle)
    {
        self(data)->wlrToplevelAnnounced(handle);
    }
    static void wlrFinished(void* data, zwlr_foreign_toplevel_manager_v1*)
    {
        self(data)->m_pendingLoss =
            QStringLiteral("the Wayland compositor finished %1").arg(QLatin1String(wlrName()));
    }
    static constexpr zwlr_foreign_toplevel_manager_v1_listener wlrManager = {
        .toplevel = wlrToplevel,
        .finished = wlrFinished,
    };
    static_assert(sizeof(zwlr_foreign_toplevel_manager_v1_listener) == 2 * sizeof(void (*)()));

    static void wlrState(void* data, zwlr_foreign_toplevel_handle_v1*, wl_array* states)
    {
        Window* w = window(data);
        w->pendingActivated = false;
        w->pendingFullscreen = false;
        // uint32 states; a trailing partial element is none, unknown values are ignored.
        const std::size_t count = states->size / sizeof(std::uint32_t);
        const auto* values = static_cast<const std::uint32_t*>(states->data);
        for (std::size_t i = 0; i < count; ++i) {
            if (values[i] == ZWLR_FOREIGN_TOPLEVEL_HANDLE_V1_STATE_ACTIVATED) {
                w->pendingActivated = true;
            } else if (values[i] == ZWLR_FOREIGN_TOPLEVEL_HANDLE_V1_STATE_FULLSCREEN) {
                w->pendingFullscreen = true;
            }
        }
    }
    static void wlrDone(void* data, zwlr_foreign_toplevel_handle_v1*)
    {
        Window* w = window(data);
        w->activated = w->pendingActivated;
        w->fullscreen = w->pendingFullscreen;
    }
    static void wlrClosed(void* data, zwlr_foreign_toplevel_handle_v1*)
    {
        Window* w = window(data);
        w->owner->removeWindow(w);
    }
    static constexpr zwlr_foreign_toplevel_handle_v1_listener wlrHandle = {
        .title = [](void*, zwlr_foreign_toplevel_handle_v1*, const char*) {},
        .app_id = [](void*, zwlr_foreign_toplevel_handle_v1*, const char*) {},
        .output_enter = [](void*, zwlr_foreign_toplevel_handle_v1*, wl_output*) {},
        .output_leave = [](void*, zwlr_foreign_toplevel_handle_v1*, wl_output*) {},
        .state = wlrState,
        .done = wlrDone,
        .closed = wlrClosed,
        .parent = [](void*, zwlr_foreign_toplevel_handle_v1*, zwlr_foreign_toplevel_handle_v1*) {},
    };
    static_assert(sizeof(zwlr_foreign_toplevel_handle_v1_listener) == 8 * sizeof(void (*)()));

    // --- KDE: org_kde_plasma_window_management ---
    static void kdeWindow(void* data, org_kde_plasma_window_management*, std::uint32_t id)
    {
        // From version 13 on, window_with_uuid announces each window.
        if (self(data)->m_managerVersion <
            ORG_KDE_PLASMA_WINDOW_MANAGEMENT_WINDOW_WITH_UUID_SINCE_VERSION) {
            self(data)->kdeWindowAnnounced(id, nullptr);
        }
    }
    static void kdeWindowWithUuid(void* data, org_kde_plasma_window_management*, std::uint32_t id,
                                  const char* uuid)
    {
        self(data)->kdeWindowAnnounced(id, uuid);
    }
    static constexpr org_kde_plasma_window_management_listener kdeManager = {
        .show_desktop_changed = [](void*, org_kde_plasma_window_management*, std::uint32_t) {},
        .window = kdeWindow,
        .stacking_order_changed = [](void*, org_kde_plasma_window_management*, wl_array*) {},
        .stacking_order_uuid_changed = [](void*, org_kde_plasma_window_management*, const char*) {},
        .window_with_uuid = kdeWindowWithUuid,
    };
    static_assert(sizeof(org_kde_plasma_window_management_listener) == 5 * sizeof(void (*)()));

    static void kdeState(void* data, org_kde_plasma_window*, std::uint32_t flags)
    {
        Window* w = window(data);
        w->activated = (flags & ORG_KDE_PLASMA_WINDOW_MANAGEMENT_STATE_ACTIVE) != 0;
        w->fullscreen = (flags & ORG_KDE_PLASMA_WINDOW_MANAGEMENT_STATE_FULLSCREEN) != 0;
    }
    static void kdeUnmapped(void* data, org_kde_plasma_window*)
    {
        Window* w = window(data);
        w->owner->removeWindow(w);
    }
    using KdeWindow = org_kde_plasma_window;
    static constexpr org_kde_plasma_window_listener kdeWindowEvents = {
        .title_changed = [](void*, KdeWindow*, const char*) {},
        .app_id_changed = [](void*, KdeWindow*, const char*) {},
        .state_changed = kdeState,
        .virtual_desktop_changed = [](void*, KdeWindow*, std::int32_t) {},
        .themed_icon_name_changed = [](void*, KdeWindow*, const char*) {},
        .unmapped = kdeUnmapped,
        .initial_state = [](void*, KdeWindow*) {},
        .parent_window = [](void*, KdeWindow*, KdeWindow*) {},
        .geometry = [](void*, KdeWindow*, std::int32_t, std::int32_t, std::uint32_t,
                       std::uint32_t) {},
        .icon_changed = [](void*, KdeWindow*) {},
        .pid_changed = [](void*, KdeWindow*, std::uint32_t) {},
        .virtual_desktop_entered = [](void*, KdeWindow*, const char*) {},
        .virtual_desktop_left = [](void*, KdeWindow*, const char*) {},
        .application_menu = [](void*, KdeWindow*, const char*, const char*) {},
        .activity_entered = [](void*, KdeWindow*, const char*) {},
        .activity_left = [](void*, KdeWindow*, const char*) {},
        .resource_name_changed = [](void*, KdeWindow*, const char*) {},
    };
    static_assert(sizeof(org_kde_plasma_window_listener) == 17 * sizeof(void (*)()));
};

std::unique_ptr<WaylandFullscreenDetector> WaylandFullscreenDetector::create(QString* whyNot)
{
    auto fail = [&](const QString& why) {
        if (whyNot != nullptr) {
            *whyNot = why;
        }
        return std::unique_ptr<WaylandFullscreenDetector>();
    };
    wl_display* display = wl_display_connect(nullptr);
    if (display == nullptr) {
        return fail(noCompositorAt());
    }
    // Only a look at the globals: the detector connects again when it watches.
    Offer offer;
    wl_registry* registry = wl_display_get_registry(display);
    const bool answered = registry != nullptr &&
                          wl_registry_add_listener(registry, &offerListener, &offer) == 0 &&
                          wayland::roundtrip(display, QDeadlineTimer(kProbeTimeout));
    const QString error = answered ? QString() : wayland::connectionError(display);
    if (registry != nullptr) {
        wl_registry_destroy(registry);
    }
    wl_display_disconnect(display);
    if (!answered) {
        return fail(QStringLiteral("the Wayland compositor did not answer (%1)").arg(error));
    }
    if (offer.wlrVersion >= kWlrMinVersion) {
        return std::unique_ptr<WaylandFullscreenDetector>(
            new WaylandFullscreenDetector(Protocol::WlrForeignToplevel));
    }
    if (offer.kdeVersion > 0) {
        return std::unique_ptr<WaylandFullscreenDetector>(
            new WaylandFullscreenDetector(Protocol::KdePlasmaWindowManagement));
    }
    if (offer.wlrVersion > 0) {
        return fail(QStringLiteral("the Wayland compositor offers %1 at version %2 only, which "
                                   "has no fullscreen state, and no %3")
                        .arg(QLatin1String(wlrName()))
                        .arg(offer.wlrVersion)
                        .arg(QLatin1String(kdeName())));
    }
    return fail(QStringLiteral("the Wayland compositor offers neither %1 nor %2 (KWin offers the "
                               "latter only to a program whose installed .desktop entry has its "
                               "absolute path as Exec and lists it in X-KDE-Wayland-Interfaces, "
                               "as the .deb's entry does for /usr/bin/deskbreak)")
                    .arg(QLatin1String(wlrName()), QLatin1String(kdeName())));
}

WaylandFullscreenDetector::WaylandFullscreenDetector(Protocol protocol)
    : m_protocol(protocol)
{
}

WaylandFullscreenDetector::~WaylandFullscreenDetector()
{
    disconnectAll();
}

QString WaylandFullscreenDetector::name() const
{
    return m_protocol == Protocol::WlrForeignToplevel
               ? QStringLiteral("wlr-foreign-toplevel")
               : QStringLiteral("kde-plasma-window-management");
}

QString WaylandFullscreenDetector::looksAt() const
{
    return QStringLiteral("whether the focused window is fullscreen, from the compositor's %1")
        .arg(QLatin1String(interfaceName()));
}

const char* WaylandFullscreenDetector::interfaceName() const
{
    return m_protocol == Protocol::WlrForeignToplevel ? wlrName() : kdeName();
}

void WaylandFullscreenDetector::setWatching(bool on)
{
    if (on == m_watching) {
        return;
    }
    m_watching = on;
    if (on && connectAndBind()) {
        updateActive(false);
        return;
    }
    disconnectAll();
    m_active = false;
}

bool WaylandFullscreenDetector::connectAndBind()
{
    const QDeadlineTimer deadline(kWatchTimeout);
    m_display = wl_display_connect(nullptr);
    if (m_display == nullptr) {
        report(noCompositorAt());
        return false;
    }
    m_registry = wl_display_get_registry(m_display);
    if (m_registry == nullptr ||
        wl_registry_add_listener(m_registry, &Callbacks::registry, this) != 0 ||
        !wayland::roundtrip(m_display, deadline)) {
        report(QStringLiteral("the Wayland compositor did not answer (%1)")
                   .arg(wayland::connectionError(m_display)));
        return false;
    }
    const bool offered = m_managerGlobal != 0 && (m_protocol != Protocol::WlrForeignToplevel ||
                                                  m_managerVersion >= kWlrMinVersion);
    if (!offered) {
        report(QStringLiteral("the Wayland compositor no longer offers %1")
                   .arg(QLatin1String(interfaceName())));
        return false;
    }
    if (m_protocol == Protocol::WlrForeignToplevel) {
        m_managerVersion = std::min(
            m_managerVersion,
            static_cast<std::uint32_t>(zwlr_foreign_toplevel_manager_v1_interface.version));
        m_wlrManager = static_cast<zwlr_foreign_toplevel_manager_v1*>(
            wl_registry_bind(m_registry, m_managerGlobal,
                             &zwlr_foreign_toplevel_manager_v1_interface, m_managerVersion));
        zwlr_foreign_toplevel_manager_v1_add_listener(m_wlrManager, &Callbacks::wlrManager, this);
    } else {
        m_managerVersion = std::min(
            m_managerVersion,
            static_cast<std::uint32_t>(org_kde_plasma_window_management_interface.version));
        m_kdeManager = static_cast<org_kde_plasma_window_management*>(
            wl_registry_bind(m_registry, m_managerGlobal,
                             &org_kde_plasma_window_management_interface, m_managerVersion));
        org_kde_plasma_window_management_add_listener(m_kdeManager, &Callbacks::kdeManager, this);
    }
    // wlroots sends every window with its state at the bind; KDE needs a round per window
    // it announced (and a window opened meanwhile may need one more).
    int rounds = 0;
    do {
        m_windowsRequested = false;
        if (!wayland::roundtrip(m_display, deadline)) {
            report(QStringLiteral("the Wayland compositor did not tell its windows in time (%1)")
                       .arg(wayland::connectionError(m_display)));
            return false;
        }
    } while (m_windowsRequested && ++rounds < kMaxBindRounds);
    if (!m_pendingLoss.isEmpty()) {
        report(m_pendingLoss);
        return false;
    }

    const int fd = wl_display_get_fd(m_display);
    m_readNotifier = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Read);
    connect(m_readNotifier.get(), &QSocketNotifier::activated, this,
            &WaylandFullscreenDetector::onReadable);
    m_writeNotifier = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Write);
    m_writeNotifier->setEnabled(false);
    connect(m_writeNotifier.get(), &QSocketNotifier::activated, this,
            &WaylandFullscreenDetector::flush);
    // Windows asked for in the last round go out now, not at the next event.
    const QString lost = wayland::flush(m_display, *m_writeNotifier);
    if (!lost.isEmpty()) {
        report(lost);
        return false;
    }
    if (m_troubleReported) {
        qCInfo(lcFullscreen, "%s works again", qPrintable(name()));
    }
    m_troubleReported = false;
    return true;
}

void WaylandFullscreenDetector::disconnectAll()
{
    m_readNotifier.reset();
    m_writeNotifier.reset();
    if (m_display == nullptr) {
        return;
    }
    // On a broken connection libwayland drops the requests and frees the proxies all the same.
    while (!m_windows.empty()) {
        removeWindow(&m_windows.front());
    }
    if (m_wlrManager != nullptr) {
        // Closing the connection ends the manager on the compositor's side; no stop needed.
        zwlr_foreign_toplevel_manager_v1_destroy(m_wlrManager);
        m_wlrManager = nullptr;
    }
    if (m_kdeManager != nullptr) {
        org_kde_plasma_window_management_destroy(m_kdeManager);
        m_kdeManager = nullptr;
    }
    if (m_registry != nullptr) {
        wl_registry_destroy(m_registry);
        m_registry = nullptr;
    }
    wl_display_flush(m_display);
    wl_display_disconnect(m_display);
    m_display = nullptr;
    m_managerGlobal = 0;
    m_managerVersion = 0;
    m_windowsRequested = false;
    m_pendingLoss.clear();
}

void WaylandFullscreenDetector::onReadable()
{
    if (m_display == nullptr) {
        return;
    }
    const QString lost = wayland::readAndDispatch(m_display);
    if (!lost.isEmpty()) {
        lose(lost);
        return;
    }
    if (!m_pendingLoss.isEmpty()) {
        lose(m_pendingLoss);
        return;
    }
    if (flush()) {
        updateActive(true);
    }
}

bool WaylandFullscreenDetector::flush()
{
    if (m_display == nullptr) {
        return false;
    }
    const QString lost = wayland::flush(m_display, *m_writeNotifier);
    if (lost.isEmpty()) {
        return true;
    }
    lose(lost);
    return false;
}

void WaylandFullscreenDetector::lose(const QString& why)
{
    report(why);
    disconnectAll();
    updateActive(true); // no windows left: false, last, as a receiver may delete this
}

void WaylandFullscreenDetector::report(const QString& why)
{
    if (m_troubleReported) {
        return;
    }
    m_troubleReported = true;
    qCWarning(lcFullscreen, "%s; no fullscreen hold from %s until a later watch finds it again",
              qPrintable(why), qPrintable(name()));
}

void WaylandFullscreenDetector::updateActive(bool emitChange)
{
    const bool now = std::any_of(m_windows.begin(), m_windows.end(),
                                 [](const Window& w) { return w.activated && w.fullscreen; });
    if (now == m_active) {
        return;
    }
    m_active = now;
    if (emitChange) {
        emit activeChanged(now);
    }
}

void WaylandFullscreenDetector::handleGlobal(std::uint32_t globalName, const char* interface,
                                             std::uint32_t version)
{
    if (m_managerGlobal == 0 && std::strcmp(interface, interfaceName()) == 0) {
        m_managerGlobal = globalName;
        m_managerVersion = version;
    }
}

void WaylandFullscreenDetector::handleGlobalRemove(std::uint32_t globalName)
{
    if (globalName == m_managerGlobal && m_managerGlobal != 0) {
        m_pendingLoss = QStringLiteral("the Wayland compositor withdrew %1")
                            .arg(QLatin1String(interfaceName()));
    }
}

WaylandFullscreenDetector::Window* WaylandFullscreenDetector::addWindow(wl_proxy* proxy)
{
    Window& window = m_windows.emplace_back();
    window.owner = this;
    window.proxy = proxy;
    return &window;
}

bool WaylandFullscreenDetector::roomForWindow()
{
    if (m_windows.size() < kMaxWindows) {
        return true;
    }
    if (!m_windowLimitReported) {
        m_windowLimitReported = true;
        qCWarning(lcFullscreen,
                  "the Wayland compositor tells of more than %zu windows; %s "
                  "follows the first %zu only",
                  kMaxWindows, qPrintable(name()), kMaxWindows);
    }
    return false;
}

void WaylandFullscreenDetector::wlrToplevelAnnounced(zwlr_foreign_toplevel_handle_v1* handle)
{
    if (!roomForWindow()) {
        zwlr_foreign_toplevel_handle_v1_destroy(handle);
        return;
    }
    Window* window = addWindow(reinterpret_cast<wl_proxy*>(handle));
    zwlr_foreign_toplevel_handle_v1_add_listener(handle, &Callbacks::wlrHandle, window);
}

void WaylandFullscreenDetector::kdeWindowAnnounced(std::uint32_t id, const char* uuid)
{
    if (!roomForWindow()) {
        return;
    }
    org_kde_plasma_window* proxy =
        uuid != nullptr && m_managerVersion >=
                               ORG_KDE_PLASMA_WINDOW_MANAGEMENT_GET_WINDOW_BY_UUID_SINCE_VERSION
            ? org_kde_plasma_window_management_get_window_by_uuid(m_kdeManager, uuid)
            : org_kde_plasma_window_management_get_window(m_kdeManager, id);
    Window* window = addWindow(reinterpret_cast<wl_proxy*>(proxy));
    org_kde_plasma_window_add_listener(proxy, &Callbacks::kdeWindowEvents, window);
    m_windowsRequested = true;
}

void WaylandFullscreenDetector::removeWindow(Window* window)
{
    if (m_protocol == Protocol::WlrForeignToplevel) {
        zwlr_foreign_toplevel_handle_v1_destroy(
            reinterpret_cast<zwlr_foreign_toplevel_handle_v1*>(window->proxy));
    } else if (m_managerVersion >= ORG_KDE_PLASMA_WINDOW_DESTROY_SINCE_VERSION) {
        org_kde_plasma_window_destroy(reinterpret_cast<org_kde_plasma_window*>(window->proxy));
    } else {
        wl_proxy_destroy(window->proxy); // no destructor request before version 4
    }
    m_windows.remove_if([window](const Window& w) { return &w == window; });
}

} // namespace deskbreak::platform
