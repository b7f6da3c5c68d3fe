#pragma once

#include <QString>
#include <xcb/xcb.h>

namespace deskbreak::platform {

// Qt's own xcb connection (the X11 backends share it rather than open their own),
// or nullptr and why not: another Qt platform, or no usable connection.
xcb_connection_t* qtXcbConnection(QString* whyNot);

} // namespace deskbreak::platform
