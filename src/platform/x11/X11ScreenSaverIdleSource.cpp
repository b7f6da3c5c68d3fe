#include "platform/x11/X11ScreenSaverIdleSource.h"

#include "platform/x11/X11Connection.h"

#include <QGuiApplication>
#include <cstdlib>
#include <xcb/screensaver.h>
#include <xcb/xcb.h>

namespace deskbreak::platform {

std::unique_ptr<X11ScreenSaverIdleSource> X11ScreenSaverIdleSource::create(QString* whyNot)
{
    QString reason;
    auto fail = [&](const QString& why) {
        if (whyNot != nullptr) {
            *whyNot = why;
        }
        return std::unique_ptr<X11ScreenSaverIdleSource>();
    };

    xcb_connection_t* connection = qtXcbConnection(&reason);
    if (connection == nullptr) {
        return fail(reason);
    }
    const xcb_query_extension_reply_t* extension =
        xcb_get_extension_data(connection, &xcb_screensaver_id);
    if (extension == nullptr || extension->present == 0) {
        return fail(QStringLiteral("X server has no MIT-SCREEN-SAVER extension"));
    }
    // Idle time is server-wide; any root window will do, so take the first screen's.
    const xcb_screen_iterator_t screens = xcb_setup_roots_iterator(xcb_get_setup(connection));
    if (screens.rem == 0 || screens.data == nullptr) {
        return fail(QStringLiteral("X server reports no screen"));
    }
    auto source = std::unique_ptr<X11ScreenSaverIdleSource>(
        new X11ScreenSaverIdleSource(connection, screens.data->root));
    if (!source->idleTime()) {
        return fail(QStringLiteral("MIT-SCREEN-SAVER query failed"));
    }
    return source;
}

X11ScreenSaverIdleSource::X11ScreenSaverIdleSource(xcb_connection_t* connection, std::uint32_t root)
    : m_connection(connection)
    , m_root(root)
{
}

std::optional<std::chrono::milliseconds> X11ScreenSaverIdleSource::idleTime()
{
    if (xcb_connection_has_error(m_connection) != 0) {
        return std::nullopt;
    }
    xcb_screensaver_query_info_reply_t* reply = xcb_screensaver_query_info_reply(
        m_connection, xcb_screensaver_query_info(m_connection, m_root), nullptr);
    if (reply == nullptr) {
        return std::nullopt;
    }
    const std::chrono::milliseconds idle(reply->ms_since_user_input);
    std::free(reply);
    return idle;
}

} // namespace deskbreak::platform
