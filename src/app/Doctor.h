#pragma once

#include <QTextStream>

namespace deskbreak::app {

// `deskbreak doctor [--json]`: what this session offers deskbreak -- idle time, lock,
// sleep, tray, notifications, autostart -- which backend serves each, why every
// other one was passed over, and a hint where the user can fix something. It probes
// the backends itself (no daemon needed) and needs a QApplication. Always exit 0.
int doctorCommand(bool json, QTextStream& out);

} // namespace deskbreak::app
