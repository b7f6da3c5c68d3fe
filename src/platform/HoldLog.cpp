#include "platform/HoldLog.h"

namespace deskbreak::platform {

Q_LOGGING_CATEGORY(lcHold, "deskbreak.platform.hold")

void ProblemLog::report(const QString& detector, const QString& problem)
{
    if (m_told.contains(problem)) {
        qCDebug(lcHold).noquote() << detector << ":" << problem;
        return;
    }
    m_told.insert(problem);
    qCInfo(lcHold).noquote() << detector << ":" << problem;
}

} // namespace deskbreak::platform
