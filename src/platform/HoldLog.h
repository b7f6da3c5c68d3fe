// The hold detectors' log: one category, and a detector's problems told once.
#pragma once

#include <QLoggingCategory>
#include <QSet>
#include <QString>

namespace deskbreak::platform {

Q_DECLARE_LOGGING_CATEGORY(lcHold)

// A detector asked to look every time a break is due would otherwise log the same
// "cannot look" at every break: each problem is told at info level once, then at debug.
class ProblemLog {
public:
    void report(const QString& detector, const QString& problem);

private:
    QSet<QString> m_told;
};

} // namespace deskbreak::platform
