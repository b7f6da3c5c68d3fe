#pragma once

#include <QStringList>
#include <QTextStream>

namespace deskbreak::app {

// The commands that talk to the running daemon over the control socket.
// Returns an ExitCode; NoDaemon (3) with a clear message when none runs.
bool isClientCommand(const QString& command);
int runClientCommand(const QString& command, const QStringList& args, bool json, bool untilTomorrow,
                     QTextStream& out, QTextStream& err);

} // namespace deskbreak::app
