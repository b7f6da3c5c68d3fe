#pragma once

#include <QString>

namespace deskbreak::app {

// spdlog: a rotating file in the state folder, plus stderr when it is a terminal.
// Qt's own messages go to the same place.
void startLogging(const QString& stateDir, const QString& level);
void setLogLevel(const QString& level);
void stopLogging();

void logInfo(const QString& message);
void logWarning(const QString& message);
void logError(const QString& message);
void logDebug(const QString& message);

} // namespace deskbreak::app
