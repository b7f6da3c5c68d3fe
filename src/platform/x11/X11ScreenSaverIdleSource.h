#pragma once

#include "platform/IdleSource.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>

struct xcb_connection_t;

namespace deskbreak::platform {

// Poll idle source on the MIT-SCREEN-SAVER extension, through Qt's own xcb
// connection: idleTime() asks the server for ms_since_user_input (one round trip).
class X11ScreenSaverIdleSource : public IdleSource {
    Q_OBJECT
public:
    // nullptr and a one-line reason in *whyNot (if given) when not running on
    // X11 or the server lacks MIT-SCREEN-SAVER.
    static std::unique_ptr<X11ScreenSaverIdleSource> create(QString* whyNot = nullptr);

    QString name() const override { return QStringLiteral("x11-screensaver"); }
    Mode mode() const override { return Mode::Poll; }
    std::optional<std::chrono::milliseconds> idleTime() override;

private:
    X11ScreenSaverIdleSource(xcb_connection_t* connection, std::uint32_t root);

    xcb_connection_t* m_connection;
    std::uint32_t m_root;
};

} // namespace deskbreak::platform
