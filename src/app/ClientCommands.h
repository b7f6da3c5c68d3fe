#pragma once

#include "core/Clock.h"
#include "core/Effect.h"

#include <QStringList>
#include <QTextStream>
#include <optional>

namespace deskbreak::app {

// The options of the commands that talk to the daemon.
struct ClientOptions {
    bool json = false;
    bool untilTomorrow = false; // pause
    bool watch = false;         // status: a line at each change, until the daemon goes
    QString format;             // with watch: one of control::kWatchFormats; empty: the first
};

// The commands that talk to the running daemon over the control socket.
// Returns an ExitCode; NoDaemon (3) with a clear message when none runs (and when a
// watched daemon goes away). `clock`: the local time the watch's lines are read at.
bool isClientCommand(const QString& command);
int runClientCommand(const QString& command, const QStringList& args, const ClientOptions& options,
                     const core::Clock& clock, QTextStream& out, QTextStream& err);

// The sitting stretch the running daemon counts and has not recorded yet (it goes into
// the history when it ends), as a SittingSpan; nullopt when no daemon answers within
// `timeoutMs` or no stretch is going on.
std::optional<core::HistoryEvent> stretchInProgress(int timeoutMs);

} // namespace deskbreak::app
