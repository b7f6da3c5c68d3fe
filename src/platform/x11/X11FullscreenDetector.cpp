#include "platform/x11/X11FullscreenDetector.h"

#include "platform/x11/X11Connection.h"

#include <QLoggingCategory>
#include <QMetaObject>
#include <QSocketNotifier>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <xcb/xcb.h>

namespace deskbreak::platform {

namespace {

// X resource ids have their top three bits clear (X11 protocol, "Resource IDs").
constexpr std::uint32_t kNotAResourceId = 0xE0000000U;
// More states than any window manager sets: a longer list is read only this far.
constexpr std::uint32_t kMaxStates = 64;

struct FreeReply {
    void operator()(void* reply) const { std::free(reply); }
};
template <typename T> using Reply = std::unique_ptr<T, FreeReply>;

} // namespace

std::unique_ptr<X11FullscreenDetector> X11FullscreenDetector::create(QString* whyNot)
{
    QString why;
    if (qtXcbConnection(&why) == nullptr) {
        if (whyNot != nullptr)
            *whyNot = why;
        return nullptr;
    }
    return std::unique_ptr<X11FullscreenDetector>(new X11FullscreenDetector());
}

X11FullscreenDetector::~X11FullscreenDetector()
{
    closeConnection();
}

QString X11FullscreenDetector::looksAt() const
{
    return QStringLiteral("whether the active window is fullscreen (_NET_WM_STATE, EWMH)");
}

void X11FullscreenDetector::setWatching(bool on)
{
    if (on == m_watching)
        return;
    m_watching = on;
    m_active = false;
    if (!on) {
        closeConnection();
        return;
    }
    if (!openConnection())
        return;
    const bool fullscreen = lookAtActiveWindow();
    if (connectionLost())
        return;
    m_active = fullscreen;
    // Events read while asking sit in xcb's queue, where the socket notifier cannot see them.
    QMetaObject::invokeMethod(this, &X11FullscreenDetector::processEvents, Qt::QueuedConnection);
}

bool X11FullscreenDetector::openConnection()
{
    // The display Qt is on: both read DISPLAY.
    int screenNumber = 0;
    m_connection = xcb_connect(nullptr, &screenNumber);
    if (xcb_connection_has_error(m_connection) != 0) {
        m_problems.report(name(), QStringLiteral("cannot open an X connection: not held"));
        xcb_disconnect(m_connection);
        m_connection = nullptr;
        return false;
    }
    xcb_screen_iterator_t screens = xcb_setup_roots_iterator(xcb_get_setup(m_connection));
    for (int i = 0; i < screenNumber && screens.rem > 0; ++i)
        xcb_screen_next(&screens);
    if (screens.rem <= 0) {
        m_problems.report(
            name(), QStringLiteral("the X server has no screen %1: not held").arg(screenNumber));
        closeConnection();
        return false;
    }
    m_root = screens.data->root;

    const char* const names[] = {"_NET_ACTIVE_WINDOW", "_NET_WM_STATE", "_NET_WM_STATE_FULLSCREEN"};
    std::uint32_t* const atoms[] = {&m_activeWindowAtom, &m_stateAtom, &m_fullscreenAtom};
    xcb_intern_atom_cookie_t cookies[3];
    for (int i = 0; i < 3; ++i)
        cookies[i] = xcb_intern_atom(m_connection, 0,
                                     static_cast<std::uint16_t>(std::strlen(names[i])), names[i]);
    for (int i = 0; i < 3; ++i) {
        const Reply<xcb_intern_atom_reply_t> reply(
            xcb_intern_atom_reply(m_connection, cookies[i], nullptr));
        *atoms[i] = reply ? reply->atom : std::uint32_t{XCB_ATOM_NONE};
    }
    if (m_activeWindowAtom == XCB_ATOM_NONE || m_stateAtom == XCB_ATOM_NONE ||
        m_fullscreenAtom == XCB_ATOM_NONE) {
        m_problems.report(name(), QStringLiteral("the X server named no EWMH atoms: not held"));
        closeConnection();
        return false;
    }

    const std::uint32_t mask = XCB_EVENT_MASK_PROPERTY_CHANGE;
    xcb_change_window_attributes(m_connection, m_root, XCB_CW_EVENT_MASK, &mask);
    m_notifier =
        new QSocketNotifier(xcb_get_file_descriptor(m_connection), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &X11FullscreenDetector::processEvents);
    return true;
}

void X11FullscreenDetector::closeConnection()
{
    if (m_notifier != nullptr) {
        // Perhaps called from its own activated(): it goes once that has returned.
        m_notifier->setEnabled(false);
        m_notifier->deleteLater();
        m_notifier = nullptr;
    }
    if (m_connection != nullptr) {
        xcb_disconnect(m_connection); // and with it every selection made on it
        m_connection = nullptr;
    }
    m_root = 0;
    m_followed = 0;
}

void X11FullscreenDetector::processEvents()
{
    if (m_connection == nullptr)
        return;
    bool looked = false;
    bool fullscreen = false;
    for (;;) {
        bool concerned = false;
        // Errors (response type 0) come of windows gone before we selected on them: the
        // window manager names the next active window, which is looked at then.
        while (xcb_generic_event_t* event = xcb_poll_for_event(m_connection)) {
            const auto type = event->response_type & 0x7f;
            if (type == XCB_PROPERTY_NOTIFY) {
                const auto* notify = reinterpret_cast<const xcb_property_notify_event_t*>(event);
                concerned = concerned || concerns(notify->window, notify->atom);
            } else if (type == XCB_DESTROY_NOTIFY) {
                // The window manager may leave _NET_ACTIVE_WINDOW naming a window that has
                // gone (openbox does, with nothing else to focus).
                const auto* gone = reinterpret_cast<const xcb_destroy_notify_event_t*>(event);
                concerned = concerned || (gone->window == m_followed && m_followed != 0);
            } else if (type == XCB_UNMAP_NOTIFY || type == XCB_MAP_NOTIFY) {
                const auto* unmapped = reinterpret_cast<const xcb_unmap_notify_event_t*>(event);
                concerned = concerned || (unmapped->window == m_followed && m_followed != 0);
            }
            std::free(event);
        }
        if (connectionLost())
            return;
        if (!concerned)
            break;
        // Its round trips may queue more events: those are looked at in the next turn.
        fullscreen = lookAtActiveWindow();
        looked = true;
    }
    if (looked)
        setActive(fullscreen); // last: a slot may stop the watch
}

bool X11FullscreenDetector::concerns(std::uint32_t window, std::uint32_t atom) const
{
    return (window == m_root && atom == m_activeWindowAtom) ||
           (window == m_followed && m_followed != 0 && atom == m_stateAtom);
}

bool X11FullscreenDetector::lookAtActiveWindow()
{
    const std::uint32_t window = readActiveWindow();
    if (window != m_followed)
        follow(window);
    // Read after selecting on it: a change after this read comes as an event.
    return m_followed != 0 && isFullscreen(m_followed);
}

std::uint32_t X11FullscreenDetector::readActiveWindow()
{
    const xcb_get_property_cookie_t cookie =
        xcb_get_property(m_connection, 0, m_root, m_activeWindowAtom, XCB_ATOM_WINDOW, 0, 1);
    const Reply<xcb_get_property_reply_t> reply(
        xcb_get_property_reply(m_connection, cookie, nullptr));
    if (!reply)
        return 0;
    if (reply->type == XCB_ATOM_NONE) {
        m_problems.report(
            name(), QStringLiteral("the root window has no _NET_ACTIVE_WINDOW (no EWMH window "
                                   "manager yet): not held until one names the active window"));
        return 0;
    }
    if (reply->type != XCB_ATOM_WINDOW || reply->format != 32 ||
        xcb_get_property_value_length(reply.get()) < 4)
        return 0;
    std::uint32_t window = 0;
    std::memcpy(&window, xcb_get_property_value(reply.get()), sizeof window);
    if ((window & kNotAResourceId) != 0 || window == m_root)
        return 0;
    return window;
}

bool X11FullscreenDetector::isFullscreen(std::uint32_t window)
{
    const xcb_get_window_attributes_cookie_t attributesCookie =
        xcb_get_window_attributes(m_connection, window);
    const xcb_get_property_cookie_t cookie =
        xcb_get_property(m_connection, 0, window, m_stateAtom, XCB_ATOM_ATOM, 0, kMaxStates);
    // Errors are BadWindow: it has just gone.
    xcb_generic_error_t* error = nullptr;
    const Reply<xcb_get_window_attributes_reply_t> attributes(
        xcb_get_window_attributes_reply(m_connection, attributesCookie, &error));
    std::free(error);
    error = nullptr;
    const Reply<xcb_get_property_reply_t> reply(
        xcb_get_property_reply(m_connection, cookie, &error));
    std::free(error);
    // A fullscreen window not on screen (iconified, withdrawn) shows nothing.
    if (!attributes || attributes->map_state != XCB_MAP_STATE_VIEWABLE)
        return false;
    if (!reply || reply->type != XCB_ATOM_ATOM || reply->format != 32)
        return false;
    const int length = xcb_get_property_value_length(reply.get());
    const auto count = static_cast<std::size_t>(length > 0 ? length : 0) / sizeof(std::uint32_t);
    const auto* bytes = static_cast<const unsigned char*>(xcb_get_property_value(reply.get()));
    for (std::size_t i = 0; i < count; ++i) {
        std::uint32_t atom = 0;
        std::memcpy(&atom, bytes + i * sizeof atom, sizeof atom);
        if (atom == m_fullscreenAtom)
            return true;
    }
    return false;
}

void X11FullscreenDetector::follow(std::uint32_t window)
{
    // The mask is this connection's own: another client's selections stay as they are.
    if (m_followed != 0) {
        const std::uint32_t none = XCB_EVENT_MASK_NO_EVENT;
        xcb_change_window_attributes(m_connection, m_followed, XCB_CW_EVENT_MASK, &none);
    }
    m_followed = window;
    if (m_followed != 0) {
        // Structure too: its unmap and its end, which the window manager may not tell.
        const std::uint32_t mask = XCB_EVENT_MASK_PROPERTY_CHANGE | XCB_EVENT_MASK_STRUCTURE_NOTIFY;
        xcb_change_window_attributes(m_connection, m_followed, XCB_CW_EVENT_MASK, &mask);
    }
    xcb_flush(m_connection);
}

bool X11FullscreenDetector::connectionLost()
{
    if (m_connection == nullptr || xcb_connection_has_error(m_connection) == 0)
        return false;
    m_problems.report(name(), QStringLiteral("lost the X connection: not held"));
    closeConnection();
    setActive(false);
    return true;
}

void X11FullscreenDetector::setActive(bool on)
{
    if (!m_watching || on == m_active)
        return;
    m_active = on;
    qCDebug(lcHold).noquote() << name() << (on ? "holds" : "holds no more");
    emit activeChanged(on);
}

} // namespace deskbreak::platform
